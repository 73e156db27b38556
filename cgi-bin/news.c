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
	{ "topic", PF_INT, PF_REQUIRED, 1, MAX_ID, NULL },
	{ "job", PF_INT, 0, 0, MAX_ID, NULL },
	{ "title", PF_LINE, PF_REQUIRED, 3, 200, NULL },
	{ "body", PF_TEXT, PF_REQUIRED, 5, 20000, NULL },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c): one note, one mailing */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { SF_TOPIC, SF_JOB };
static const struct portal_field sub_fields[] = {
	{ "topic", PF_IDS, 0, 0, 50, NULL },
	{ "job", PF_IDS, 0, 0, 50, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The topics (or job roles) with the user's choice, into prefix. */
static enum portal_err choices(struct portal_req *r, enum portal_stmt st, const char *prefix)
{
	enum portal_err rc = portal_db_exec(r, st, "i", r->sess.user_id);
	if (rc != PORTAL_OK)
		return rc;
	void *l = portal_node(r, NULL, prefix);
	size_t n = 0;
	int f;
	while ((f = portal_db_fetch(r, st)) == 1) {
		void *x = portal_node_i(r, l, n++);
		portal_nset_int(r, x, "id", portal_db_int(st, 0));
		portal_nset(r, x, "name", portal_db_str(st, r->lang == PORTAL_EN ? 2 : 1));
		portal_nset_int(r, x, "on", portal_db_int(st, 3));
	}
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

/* A note's topic and audience in the user's language, from columns c (topic nl, en) and c + 2 (job nl, en). */
static void labels(struct portal_req *r, enum portal_stmt st, unsigned c, void *x)
{
	unsigned en = r->lang == PORTAL_EN;
	portal_nset(r, x, "topic", portal_db_str(st, c + en));
	portal_nset(r, x, "audience", portal_db_null(st, c + 2) ? portal_text(r, "News.everyone") : portal_db_str(st, c + 2 + en));
}

/* GET /news — releasenotes.view. In: t (topic), before, m. Out: 200. */
static int index_page(struct portal_req *r)
{
	if (portal_invalid(r))
		return portal_error(r, 400, "Err.bad_field");
	int64_t t = r->in[0].present ? r->in[0].i : 0, before = r->in[1].present ? r->in[1].i : 0;
	if (portal_db_exec(r, ST_NEWS_LIST, "iIIIIi", r->sess.user_id, t, t, before, before, (int64_t)PAGE + 1) != PORTAL_OK)
		return 503;
	void *l = portal_node(r, NULL, "Page.news");
	size_t n = 0;
	int f;
	int64_t last = 0;
	while ((f = portal_db_fetch(r, ST_NEWS_LIST)) == 1) {
		if (n == PAGE) {
			portal_set(r, "Page.older", portal_printf(r, "/news?%sbefore=%lld", t ? portal_printf(r, "t=%lld&", (long long)t) : "",
				(long long)last));
			continue;
		}
		void *x = portal_node_i(r, l, n++);
		last = portal_db_int(ST_NEWS_LIST, 0);
		portal_nset_int(r, x, "id", last);
		portal_nset(r, x, "title", portal_db_str(ST_NEWS_LIST, 1));
		portal_nset(r, x, "when", portal_when(r, portal_db_int(ST_NEWS_LIST, 2)));
		labels(r, ST_NEWS_LIST, 3, x);
	}
	if (f < 0 || choices(r, ST_NEWS_TOPICS, "Page.topics") != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.t", t);
	return portal_render_page(r, 200, NULL, notices, "News", "list", "news.cs");
}

/* GET /news/# — releasenotes.view. Out: 200; 404 a note addressed to a role the user did not tick. */
static int view(struct portal_req *r)
{
	enum portal_err rc = portal_db_row(r, ST_NEWS_GET, "ii", r->path_id, r->sess.user_id);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	void *x = portal_node(r, NULL, "Page.note");
	portal_nset_int(r, x, "id", portal_db_int(ST_NEWS_GET, 0));
	portal_nset(r, x, "title", portal_db_str(ST_NEWS_GET, 1));
	portal_nset(r, x, "body", portal_db_str(ST_NEWS_GET, 2));
	portal_nset(r, x, "when", portal_when(r, portal_db_int(ST_NEWS_GET, 3)));
	labels(r, ST_NEWS_GET, 4, x);
	portal_set(r, "Page.view", "note");
	return portal_render(r, 200, "news.cs");
}

static int subs_page(struct portal_req *r, int status, const char *error_key)
{
	if (choices(r, ST_NEWS_TOPICS, "Page.topics") != PORTAL_OK || choices(r, ST_NEWS_JOBS, "Page.jobs") != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.may_read", portal_has_right(r, "releasenotes.view"));
	return portal_render_page(r, status, error_key, notices, "News", "subs", "news.cs");
}

/* GET /news/subscriptions — any user. In: m. Out: 200. */
static int subs_show(struct portal_req *r)
{
	return subs_page(r, 200, NULL);
}

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
	if ((rc = portal_db_exec(r, ST_NEWS_SUB_CLEAR, "i", uid)) != PORTAL_OK ||
	    (rc = portal_db_exec(r, ST_NEWS_JOB_CLEAR, "i", uid)) != PORTAL_OK)
		goto fail;
	const struct { enum portal_stmt st; const struct portal_value *v; } sets[] = {
		{ ST_NEWS_SUB_ADD, &r->in[SF_TOPIC] }, { ST_NEWS_JOB_ADD, &r->in[SF_JOB] } };
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < sets[k].v->nids; i++) {
			if ((rc = portal_db_exec(r, sets[k].st, "ii", uid, sets[k].v->ids[i])) != PORTAL_OK)
				goto fail;
			if (portal_db_affected(sets[k].st) != 1) {
				portal_db_rollback(r);
				return subs_page(r, 422, "Err.bad_field");
			}
		}
	if ((rc = portal_audit(r, "news_subscriptions", r->sess.home_org_id, uid,
		     portal_printf(r, "topics: %zu, roles: %zu", r->in[SF_TOPIC].nids, r->in[SF_JOB].nids))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, "/news/subscriptions?m=saved");
fail:
	portal_db_rollback(r);
	return 503;
}

static int manage_page(struct portal_req *r, int status, const char *error_key)
{
	int64_t before = r->in && r->route->fields == list_fields && r->in[1].present && r->in[1].valid ? r->in[1].i : 0;
	if (portal_db_exec(r, ST_NEWS_ALL, "IIi", before, before, (int64_t)PAGE + 1) != PORTAL_OK)
		return 503;
	void *l = portal_node(r, NULL, "Page.news");
	size_t n = 0;
	int f;
	int64_t last = 0;
	while ((f = portal_db_fetch(r, ST_NEWS_ALL)) == 1) {
		enum portal_stmt st = ST_NEWS_ALL;
		if (n == PAGE) {
			portal_set(r, "Page.older", portal_printf(r, "/news/manage?before=%lld", (long long)last));
			continue;
		}
		void *x = portal_node_i(r, l, n++);
		last = portal_db_int(st, 0);
		portal_nset_int(r, x, "id", last);
		portal_nset(r, x, "title", portal_db_str(st, 1));
		portal_nset(r, x, "body", portal_db_str(st, 2));
		portal_nset(r, x, "when", portal_when(r, portal_db_int(st, 3)));
		labels(r, st, 4, x);
		portal_nset_int(r, x, "mailed", portal_db_int(st, 8));
		if (!portal_db_null(st, 9))
			portal_nset(r, x, "by", portal_full_name(r, portal_db_str(st, 9), portal_db_str(st, 10), portal_db_str(st, 11)));
	}
	if (f < 0 || choices(r, ST_NEWS_TOPICS, "Page.topics") != PORTAL_OK || choices(r, ST_NEWS_JOBS, "Page.jobs") != PORTAL_OK)
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
	enum portal_err rc = portal_db_row(r, ST_NEWS_TOPIC_OK, "i", topic);
	if (rc == PORTAL_OK && job)
		rc = portal_db_row(r, ST_NEWS_JOB_OK, "i", job);
	if (rc == PORTAL_ERR_NOTFOUND)
		return manage_page(r, 422, "Err.bad_field");
	if (rc != PORTAL_OK)
		return 503;
	const char *topic_name[PORTAL_NLANG] = { NULL, NULL };
	if ((rc = portal_db_exec(r, ST_NEWS_TOPICS, "i", (int64_t)0)) != PORTAL_OK)
		return 503;
	while (portal_db_fetch(r, ST_NEWS_TOPICS) == 1)
		if (portal_db_int(ST_NEWS_TOPICS, 0) == topic) {
			topic_name[PORTAL_NL] = portal_strdup(r, portal_db_str(ST_NEWS_TOPICS, 1));
			topic_name[PORTAL_EN] = portal_strdup(r, portal_db_str(ST_NEWS_TOPICS, 2));
		}
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_NEWS_INSERT, "iIssii", topic, job, title, body, r->sess.user_id, r->now)) != PORTAL_OK)
		goto fail;
	int64_t id = portal_db_insert_id(ST_NEWS_INSERT);
	if ((rc = portal_once_done(r, once, "/news/manage?m=published")) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);   /* a copy of this form committed first */
	if (rc != PORTAL_OK)
		goto fail;
	const char *link = portal_link(r, portal_printf(r, "/news/%lld", (long long)id));
	const char *account = portal_link(r, "/news/subscriptions");
	if (!link || !account) {
		rc = PORTAL_ERR_CONFIG;
		goto fail;
	}
	int64_t mailed = 0;
	for (int l = 0; l < PORTAL_NLANG; l++) {
		enum portal_lang lang = (enum portal_lang)l;
		const char *t = topic_name[lang] ? topic_name[lang] : "";
		const char *subject = portal_fill(r, portal_text_lang(lang, "Mail.news_subject"), "topic", t, "title", title, NULL);
		const char *text = portal_fill(r, portal_text_lang(lang, "Mail.news_body"), "topic", t, "title", title,
			"body", body, "link", link, "account", account, "support", portal_cf->support_name, NULL);
		if ((rc = portal_db_exec(r, ST_NEWS_MAIL, "ssiisII", subject, text, r->now, topic, portal_lang_code(lang), job, job))
		    != PORTAL_OK)
			goto fail;
		mailed += (int64_t)portal_db_affected(ST_NEWS_MAIL);
	}
	if ((rc = portal_db_exec(r, ST_NEWS_MAILED, "ii", mailed, id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "news_published", r->sess.home_org_id, 0, portal_printf(r, "note %lld: %s (e-mails: %lld)",
		     (long long)id, title, (long long)mailed))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, "/news/manage?m=published");
fail:
	portal_db_rollback(r);
	return rc == PORTAL_ERR_CONFIG ? portal_error(r, 500, "Err.no_base_url") : 503;
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_RIGHT("GET", "/news", "releasenotes.view", index_page, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/news", "news.publish", publish, new_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/news/subscriptions", subs_show, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/news/subscriptions", subs_save, sub_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("GET", "/news/manage", "news.publish", manage, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("GET", "/news/#", "releasenotes.view", view, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "news.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "news", routes, templates };
	return portal_main(argc, argv, &prog);
}
