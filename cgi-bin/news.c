/* news.c: Berichten: announcements and release notes from the vendor (documents 000 and 004).
 *  - GET  /news                 releasenotes.view: the notes, newest first, 20 a page (t: one topic; before);
 *                               a note addressed to a job role only for those who ticked that role;
 *  - GET  /news/#               releasenotes.view: one note; 404 for a note addressed to a role one lacks;
 *  - GET  /news/subscriptions   any user (reached from Mijn account): the topics to get by e-mail, and one's
 *                               own roles in the organisation ("applicatiebeheer", ...);
 *  - POST /news/subscriptions   the same, saved (the whole set each time);
 *  - GET  /news/manage          news.publish (the vendor): every note with its audience and mails sent;
 *  - POST /news                 news.publish: publish (topic, audience: everyone or one job role, title,
 *                               text); the e-mail to every subscriber who may read it is queued in the same
 *                               transaction (one statement per language, whatever the number of users). */
#include <string.h>

#include "portal.h"
#include "site.h"

#define PAGE 20
#define MAX_ID 2147483647LL

static const char *const notices[] = { "published", "saved", NULL };
static const struct portal_field list_fields[] = {
	{ "t", PF_INT, 0, 1, MAX_ID, NULL },
	{ "before", PF_INT, 0, 1, 9007199254740991LL, NULL },
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { NF_TOPIC, NF_JOB, NF_TITLE, NF_BODY, NF_ONCE };
static const struct portal_field new_fields[] = {
	[NF_TOPIC] = { "topic", PF_INT, PF_REQUIRED, 1, MAX_ID, NULL },
	[NF_JOB] = { "job", PF_INT, 0, 0, MAX_ID, NULL },
	[NF_TITLE] = { "title", PF_LINE, PF_REQUIRED, 3, 200, NULL },
	[NF_BODY] = { "body", PF_TEXT, PF_REQUIRED, 5, 20000, NULL },
	[NF_ONCE] = { "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c): one note, one mailing */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { SF_TOPIC, SF_JOB };
static const struct portal_field sub_fields[] = {
	[SF_TOPIC] = { "topic", PF_IDS, 0, 0, 50, NULL },
	[SF_JOB] = { "job", PF_IDS, 0, 0, 50, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The topics (or job roles) with the user's choice, into prefix. */
/* The topics and the job roles a user can tick, with theirs ticked: id, name in Dutch and English, ticked. */
enum { CH_ID, CH_NAME_NL, CH_NAME_EN, CH_MINE, CH__N };
PORTAL_SQL(sql_topics, CH__N,
	"SELECT t.id, t.name_nl, t.name_en, ut.user_id IS NOT NULL FROM news_topics t"
	" LEFT JOIN user_news_topics ut ON ut.topic_id = t.id AND ut.user_id = ? ORDER BY t.sort_order, t.id");
PORTAL_SQL(sql_jobs, CH__N,
	"SELECT j.id, j.name_nl, j.name_en, uj.user_id IS NOT NULL FROM job_roles j"
	" LEFT JOIN user_job_roles uj ON uj.job_role_id = j.id AND uj.user_id = ? ORDER BY j.sort_order, j.id");

static enum portal_err choices(struct portal_req *r, struct portal_sql *sql, const char *prefix)
{
	struct portal_rows *q;
	enum portal_err rc = portal_query(r, &q, sql, "i", r->sess.user_id);
	if (rc != PORTAL_OK)
		return rc;
	void *l = portal_node(r, NULL, prefix);
	size_t n = 0;
	int f;
	while ((f = portal_next(q)) == 1) {
		void *x = portal_node_i(r, l, n++);
		portal_nset_int(r, x, "id", portal_col_int(q, CH_ID));
		portal_nset(r, x, "name", portal_col(q, r->lang == PORTAL_EN ? CH_NAME_EN : CH_NAME_NL));
		portal_nset_int(r, x, "on", portal_col_int(q, CH_MINE));
	}
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

/* A note's topic and audience in the user's language: the row has the topic's names (Dutch, English) from column
 * topic_nl on, then the job role's. */
static void labels(struct portal_req *r, const struct portal_rows *q, unsigned topic_nl, void *x)
{
	unsigned en = r->lang == PORTAL_EN;
	portal_nset(r, x, "topic", portal_col(q, topic_nl + en));
	portal_nset(r, x, "audience", portal_col_null(q, topic_nl + 2) ? portal_text(r, "News.everyone")
		: portal_col(q, topic_nl + 2 + en));
}

/* the notes a user may read: to everyone, or to a job role the user ticked; topic filter, keyset pages */
enum { NL_ID, NL_TITLE, NL_PUBLISHED, NL_TOPIC_NL, NL_TOPIC_EN, NL_JOB_NL, NL_JOB_EN, NL__N };
PORTAL_SQL(sql_list, NL__N,
	"SELECT n.id, n.title, n.published_at, t.name_nl, t.name_en, j.name_nl, j.name_en FROM news n"
	" JOIN news_topics t ON t.id = n.topic_id LEFT JOIN job_roles j ON j.id = n.job_role_id"
	" WHERE (n.job_role_id IS NULL OR EXISTS (SELECT 1 FROM user_job_roles uj WHERE uj.user_id = ?"
	"  AND uj.job_role_id = n.job_role_id)) AND (? IS NULL OR n.topic_id = ?) AND (? IS NULL OR n.id < ?)"
	" ORDER BY n.id DESC LIMIT ?");

/* GET /news — releasenotes.view. In: t (topic), before, m. Out: 200. */
static int index_page(struct portal_req *r)
{
	if (portal_invalid(r))
		return portal_error(r, 400, "Err.bad_field");
	int64_t t = r->in[0].present ? r->in[0].i : 0, before = r->in[1].present ? r->in[1].i : 0;
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_list, "iIIIIi", r->sess.user_id, t, t, before, before, (int64_t)PAGE + 1) != PORTAL_OK)
		return 503;
	struct portal_list page = { .pg.size = PAGE, .list = portal_node(r, NULL, "Page.news"), .id_col = NL_ID };
	while (portal_list_next(r, q, &page)) {
		portal_nset(r, page.item, "title", portal_col(q, NL_TITLE));
		portal_nset(r, page.item, "when", portal_when(r, portal_col_int(q, NL_PUBLISHED)));
		labels(r, q, NL_TOPIC_NL, page.item);
	}
	if (page.pg.more)
		portal_set(r, "Page.older", portal_printf(r, "/news?%sbefore=%lld", t ? portal_printf(r, "t=%lld&", (long long)t)
			: "", (long long)page.last));
	if (page.failed || choices(r, &sql_topics, "Page.topics") != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.t", t);
	return portal_render_page(r, 200, NULL, notices, "News", "list", "news.cs");
}

/* ---- announcements and release notes ---- */
enum { NG_ID, NG_TITLE, NG_BODY, NG_PUBLISHED, NG_TOPIC_NL, NG_TOPIC_EN, NG_JOB_NL, NG_JOB_EN, NG__N };
PORTAL_SQL(sql_get, NG__N,
	"SELECT n.id, n.title, n.body, n.published_at, t.name_nl, t.name_en, j.name_nl, j.name_en FROM news n"
	" JOIN news_topics t ON t.id = n.topic_id LEFT JOIN job_roles j ON j.id = n.job_role_id"
	" WHERE n.id = ? AND (n.job_role_id IS NULL OR EXISTS (SELECT 1 FROM user_job_roles uj WHERE uj.user_id = ?"
	"  AND uj.job_role_id = n.job_role_id))");

/* GET /news/# — releasenotes.view. Out: 200; 404 a note addressed to a role the user did not tick. */
static int view(struct portal_req *r)
{
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_get, "ii", r->path_id, r->sess.user_id);
	if (rc != PORTAL_OK)
		return portal_failed(r, rc);
	void *x = portal_node(r, NULL, "Page.note");
	portal_nset_int(r, x, "id", portal_col_int(q, NG_ID));
	portal_nset(r, x, "title", portal_col(q, NG_TITLE));
	portal_nset(r, x, "body", portal_col(q, NG_BODY));
	portal_nset(r, x, "when", portal_when(r, portal_col_int(q, NG_PUBLISHED)));
	labels(r, q, NG_TOPIC_NL, x);
	portal_set(r, "Page.view", "note");
	return portal_render(r, 200, "news.cs");
}

static int subs_page(struct portal_req *r, int status, const char *error_key)
{
	if (choices(r, &sql_topics, "Page.topics") != PORTAL_OK || choices(r, &sql_jobs, "Page.jobs") != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.may_read", portal_has_right(r, "releasenotes.view"));
	return portal_render_page(r, status, error_key, notices, "News", "subs", "news.cs");
}

/* GET /news/subscriptions — any user. In: m. Out: 200. */
static int subs_show(struct portal_req *r)
{
	return subs_page(r, 200, NULL);
}

PORTAL_SQL(sql_job_add, 0,
	"INSERT INTO user_job_roles (user_id, job_role_id) SELECT ?, id FROM job_roles WHERE id = ?");

PORTAL_SQL(sql_job_clear, 0,
	"DELETE FROM user_job_roles WHERE user_id = ?");

PORTAL_SQL(sql_sub_add, 0,
	"INSERT INTO user_news_topics (user_id, topic_id) SELECT ?, id FROM news_topics WHERE id = ?");

PORTAL_SQL(sql_sub_clear, 0,
	"DELETE FROM user_news_topics WHERE user_id = ?");

/* POST /news/subscriptions — any user, CSRF. In: topic (ids), job (ids): the whole choice. Out: 303; 422 an
 * unknown id (nothing changed). */
static int subs_save(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return subs_page(r, 422, bad);
	int64_t uid = r->sess.user_id;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_exec(r, &sql_sub_clear, NULL, "i", uid)) != PORTAL_OK ||
	    (rc = portal_exec(r, &sql_job_clear, NULL, "i", uid)) != PORTAL_OK)
		return portal_failed(r, rc);
	const struct { struct portal_sql *add; const struct portal_value *v; } sets[] = {
		{ &sql_sub_add, &r->in[SF_TOPIC] }, { &sql_job_add, &r->in[SF_JOB] } };
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < sets[k].v->nids; i++) {
			struct portal_wrote w;
			if ((rc = portal_exec(r, sets[k].add, &w, "ii", uid, sets[k].v->ids[i])) != PORTAL_OK)
				return portal_failed(r, rc);
			if (w.rows != 1) {
				portal_db_rollback(r);
				return subs_page(r, 422, "Err.bad_field");
			}
		}
	rc = portal_audit(r, "news_subscriptions", r->sess.home_org_id, uid,
		portal_printf(r, "topics: %zu, roles: %zu", r->in[SF_TOPIC].nids, r->in[SF_JOB].nids));
	return portal_done(r, rc, "/news/subscriptions?m=saved");
}

enum { NA_ID, NA_TITLE, NA_BODY, NA_PUBLISHED, NA_TOPIC_NL, NA_TOPIC_EN, NA_JOB_NL, NA_JOB_EN, NA_MAILED, NA_GIVEN, NA_PREFIX,
	NA_FAMILY, NA__N };
PORTAL_SQL(sql_all, NA__N,
	"SELECT n.id, n.title, n.body, n.published_at, t.name_nl, t.name_en, j.name_nl, j.name_en, n.mailed,"
	" u.given_name, u.name_prefix, u.family_name FROM news n JOIN news_topics t ON t.id = n.topic_id"
	" LEFT JOIN job_roles j ON j.id = n.job_role_id LEFT JOIN users u ON u.id = n.author_id"
	" WHERE (? IS NULL OR n.id < ?) ORDER BY n.id DESC LIMIT ?");

static int manage_page(struct portal_req *r, int status, const char *error_key)
{
	int64_t before = r->in && r->route->fields == list_fields && r->in[1].present && r->in[1].valid ? r->in[1].i : 0;
	struct portal_rows *st;
	if (portal_query(r, &st, &sql_all, "IIi", before, before, (int64_t)PAGE + 1) != PORTAL_OK)
		return 503;
	struct portal_list page = { .pg.size = PAGE, .list = portal_node(r, NULL, "Page.news"), .id_col = NA_ID };
	while (portal_list_next(r, st, &page)) {
		portal_nset(r, page.item, "title", portal_col(st, NA_TITLE));
		portal_nset(r, page.item, "body", portal_col(st, NA_BODY));
		portal_nset(r, page.item, "when", portal_when(r, portal_col_int(st, NA_PUBLISHED)));
		labels(r, st, NA_TOPIC_NL, page.item);
		portal_nset_int(r, page.item, "mailed", portal_col_int(st, NA_MAILED));
		if (!portal_col_null(st, NA_GIVEN))
			portal_nset(r, page.item, "by", portal_full_name(r, portal_col(st, NA_GIVEN), portal_col(st, NA_PREFIX), portal_col(st, NA_FAMILY)));
	}
	if (page.pg.more)
		portal_set(r, "Page.older", portal_printf(r, "/news/manage?before=%lld", (long long)page.last));
	if (page.failed || choices(r, &sql_topics, "Page.topics") != PORTAL_OK || choices(r, &sql_jobs, "Page.jobs") != PORTAL_OK)
		return 503;
	if (error_key && r->route->fields == new_fields) {   /* a refused note keeps what was typed */
		portal_set(r, "Page.form.title", r->in[NF_TITLE].s);
		portal_set(r, "Page.form.body", r->in[NF_BODY].s);
	}
	portal_set(r, "Page.once", portal_once_token(r));
	return portal_render_page(r, status, error_key, notices, "News", "manage", "news.cs");
}

/* GET /news/manage — news.publish. In: before, m. Out: 200. */
static int manage(struct portal_req *r)
{
	return manage_page(r, 200, NULL);
}

PORTAL_SQL(sql_insert, 0,
	"INSERT INTO news (topic_id, job_role_id, title, body, author_id, published_at) VALUES (?, ?, ?, ?, ?, ?)");

enum { OK_ID, OK__N };
PORTAL_SQL(sql_job_ok, OK__N,
	"SELECT id FROM job_roles WHERE id = ?");

/* the e-mail of a note to every active customer user of one language who opted in to its topic, may read
 * release notes (an organisation role giving releasenotes.view that the organisation may use: a core role,
 * one of its role sets' or one switched on for it) and, for a note to a job role, ticked it: one statement,
 * however many users */
PORTAL_SQL(sql_mail, 0,
	"INSERT INTO mail_outbox (user_id, to_addr, subject, body, created_at)"
	" SELECT u.id, u.email, ?, ?, ? FROM user_news_topics ut JOIN users u ON u.id = ut.user_id"
	" JOIN organisations o ON o.id = u.org_id AND o.kind = 'customer'"
	" WHERE ut.topic_id = ? AND u.status = 'active' AND COALESCE(u.lang, 'nl') = ?"
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM user_job_roles uj WHERE uj.user_id = u.id AND uj.job_role_id = ?))"
	" AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id AND ro.kind = 'org'"
	"  JOIN role_rights rr ON rr.role_id = ur.role_id JOIN rights ri ON ri.id = rr.right_id AND ri.rkey = 'releasenotes.view'"
	"  WHERE ur.user_id = u.id AND (ro.core = 1 OR EXISTS (SELECT 1 FROM org_roles x WHERE x.org_id = u.org_id"
	"  AND x.role_id = ro.id) OR EXISTS (SELECT 1 FROM org_role_sets os JOIN role_set_roles sr ON sr.set_id = os.set_id"
	"  WHERE os.org_id = u.org_id AND sr.role_id = ro.id)))");

PORTAL_SQL(sql_mailed, 0,
	"UPDATE news SET mailed = ? WHERE id = ?");

PORTAL_SQL(sql_topic_ok, OK__N,
	"SELECT id FROM news_topics WHERE id = ?");

/* POST /news — news.publish, CSRF. In: topic, job (0 or absent: everyone), title, body, once. The mails to the
 * subscribers are queued in the same transaction; the same form again publishes (and mails) nothing more
 * (DI-02). Out: 303; 422 (nothing published). */
static int publish(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return manage_page(r, 422, bad);
	int64_t topic = r->in[NF_TOPIC].i, job = r->in[NF_JOB].present ? r->in[NF_JOB].i : 0;
	const char *title = r->in[NF_TITLE].s, *body = r->in[NF_BODY].s, *once = r->in[NF_ONCE].s;
	int seen = portal_once_seen(r, once);   /* this form published before (a double click, a retry) */
	if (seen)
		return seen;
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_topic_ok, "i", topic);
	if (rc == PORTAL_OK && job)
		rc = portal_query_row(r, &q, &sql_job_ok, "i", job);
	if (rc == PORTAL_ERR_NOTFOUND)
		return manage_page(r, 422, "Err.bad_field");
	if (rc != PORTAL_OK)
		return 503;
	const char *topic_name[PORTAL_NLANG] = { NULL, NULL };
	if ((rc = portal_query(r, &q, &sql_topics, "i", (int64_t)0)) != PORTAL_OK)
		return 503;
	while (portal_next(q) == 1)
		if (portal_col_int(q, CH_ID) == topic) {
			topic_name[PORTAL_NL] = portal_strdup(r, portal_col(q, CH_NAME_NL));
			topic_name[PORTAL_EN] = portal_strdup(r, portal_col(q, CH_NAME_EN));
		}
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_wrote w;
	if ((rc = portal_exec(r, &sql_insert, &w, "iIssii", topic, job, title, body, r->sess.user_id, r->now)) != PORTAL_OK)
		return portal_failed(r, rc);
	int64_t id = w.id;
	if ((rc = portal_once_done(r, once, "/news/manage?m=published")) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);   /* a copy of this form committed first */
	if (rc != PORTAL_OK)
		return portal_failed(r, rc);
	const char *link = portal_link(r, portal_printf(r, "/news/%lld", (long long)id));
	const char *account = portal_link(r, "/news/subscriptions");
	if (!link || !account)
		return portal_failed(r, PORTAL_ERR_CONFIG);
	int64_t mailed = 0;
	for (int l = 0; l < PORTAL_NLANG; l++) {
		enum portal_lang lang = (enum portal_lang)l;
		const char *t = topic_name[lang] ? topic_name[lang] : "";
		const char *subject = portal_fill(r, portal_text_lang(lang, "Mail.news_subject"), "topic", t, "title", title, NULL);
		const char *text = portal_fill(r, portal_text_lang(lang, "Mail.news_body"), "topic", t, "title", title,
			"body", body, "link", link, "account", account, "support", portal_cf->support_name, NULL);
		if ((rc = portal_exec(r, &sql_mail, &w, "ssiisII", subject, text, r->now, topic, portal_lang_code(lang), job, job))
		    != PORTAL_OK)
			return portal_failed(r, rc);
		mailed += (int64_t)w.rows;
	}
	if ((rc = portal_exec(r, &sql_mailed, NULL, "ii", mailed, id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "news_published", r->sess.home_org_id, 0, portal_printf(r, "note %lld: %s (e-mails: %lld)",
		     (long long)id, title, (long long)mailed))) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, "/news/manage?m=published");
}

PORTAL_PROGRAM("news", ("news.cs"),
	PORTAL_ROUTE_RIGHT("GET", "/news", "releasenotes.view", index_page, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/news", "news.publish", publish, new_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/news/subscriptions", subs_show, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/news/subscriptions", subs_save, sub_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("GET", "/news/manage", "news.publish", manage, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("GET", "/news/#", "releasenotes.view", view, NULL, PORTAL_RF_OWN)
)
