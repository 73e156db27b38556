/* incidents.c: Incidenten (documents 001 and 004): the organisation's incidents and the thread with the
 * vendor's support desk.
 *  - GET  /incidents            incidents.submit: one's own; incidents.view_all: all of the organisation's
 *                               (filter by status, submitter, text; keyset pages). Without either right the
 *                               page says which role is needed and which colleagues can grant it (403);
 *  - GET  /incidents/new, POST  incidents.submit: title, description, category, priority, an optional
 *                               attachment (the upload rules of dossier documents); a one-time form token makes
 *                               a double-submitted form store one incident (DI-02);
 *  - GET  /incidents/#          the submitter, anyone with view_all in the organisation, or vendor support;
 *  - POST /incidents/#/reply    the same people; support's reply e-mails the submitter;
 *  - POST /incidents/#/close    the submitter or view_all;
 *  - GET  /incidents/#/file     an attachment, to the same people;
 *  - GET  /incidents/queue      incidents.handle (vendor): every organisation's incidents, oldest change first;
 *  - POST /incidents/#/take, /status   incidents.handle: take it; new → open → waiting → resolved → closed; the
 *                               submitter is e-mailed.
 * Incidents are the vendor's business data: support sees their content without a support grant, and nothing
 * else of the organisation. Every other read is keyed by the session's organisation (ACC-01). */
#include <string.h>

#include "portal.h"
#include "site.h"

#define PAGE 50

static const char *const statuses[] = { "new", "open", "waiting", "resolved", "closed", NULL };
static const char *const categories[] = { "question", "error", "wish", "other", NULL };
static const char *const priorities[] = { "low", "normal", "high", "urgent", NULL };
static const char *const notices[] = { "submitted", "replied", "closed", "status", "taken", NULL };

enum { LF_STATUS, LF_Q, LF_BY, LF_ORG, LF_BEFORE, LF_M, LF_WHO };
#define SUBMITTERS_MAX 200   /* the submitter filter's choices; beyond them it offers a search */
static const struct portal_field list_fields[] = {
	{ "status", PF_ENUM, 0, 0, 0, statuses },
	{ "q", PF_LINE, 0, 0, 100, NULL },
	{ "by", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "org", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "before", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ "who", PF_LINE, 0, 0, 100, NULL },   /* the submitter filter's search: a name or an address */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { NF_TITLE, NF_BODY, NF_CATEGORY, NF_PRIORITY, NF_TOKEN, NF_FILE };
static const struct portal_field new_fields[] = {
	{ "title", PF_LINE, PF_REQUIRED, 3, 200, NULL },
	{ "body", PF_TEXT, PF_REQUIRED, 5, 10000, NULL },
	{ "category", PF_ENUM, PF_REQUIRED, 0, 0, categories },
	{ "priority", PF_ENUM, PF_REQUIRED, 0, 0, priorities },
	{ "form", PF_DIGITS, PF_REQUIRED, 32, 32, NULL },
	{ "file", PF_FILE, 0, 0, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { VF_M, VF_BEFORE };
static const struct portal_field view_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ "before", PF_INT, 0, 1, INT64_MAX, NULL },   /* the thread's earlier messages: those before this id */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
#define MSG_PAGE 100
enum { RF_BODY, RF_ONCE, RF_STATUS };
static const struct portal_field reply_fields[] = {
	{ "body", PF_TEXT, PF_REQUIRED, 1, 10000, NULL },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ "status", PF_ENUM, 0, 0, 0, statuses },   /* support: the status after this reply (one event, one mail) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field status_fields[] = {
	{ "status", PF_ENUM, PF_REQUIRED, 0, 0, statuses },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field file_fields[] = {
	{ "f", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static bool vendor(struct portal_req *r)
{
	return portal_has_right(r, "incidents.handle");
}

static void notice(struct portal_req *r)
{
	const char *m = portal_kv_get(&r->query, "m");
	for (size_t i = 0; m && notices[i]; i++)
		if (!strcmp(m, notices[i]))
			portal_set_text(r, "Page.notice", portal_printf(r, "Incidents.n_%s", m));
}

static const char *label(struct portal_req *r, const char *group, const char *v)
{
	const char *text = portal_text(r, portal_printf(r, "Incidents.%s_%s", group, v));
	/* a status as its reader sees it: support does not wait "for you" (Incidents.sup_st_*) */
	if (!strcmp(group, "st") && portal_has_right(r, "incidents.handle"))
		return portal_text_or(r, portal_printf(r, "Incidents.sup_st_%s", v), text);
	return text;
}

/* 403 that helps (document 001): the role that is needed and the colleagues who can grant it. */
static int no_right(struct portal_req *r, const char *role_key)
{
	if (portal_db_exec(r, ST_ORG_ADMIN_NAMES, "ii", r->sess.org_id, r->sess.org_id) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.admins");
	int f;
	size_t n = 0;
	while ((f = portal_db_fetch(r, ST_ORG_ADMIN_NAMES)) == 1)
		portal_nset_at(r, list, n++, portal_full_name(r, portal_db_str(ST_ORG_ADMIN_NAMES, 0),
			portal_db_str(ST_ORG_ADMIN_NAMES, 1), portal_db_str(ST_ORG_ADMIN_NAMES, 2)));
	if (f < 0)
		return 503;
	const struct portal_catalogue *cat = portal_catalogue();
	for (size_t i = 0; i < cat->nroles; i++)
		if (!strcmp(cat->roles[i].key, role_key))
			portal_set(r, "Page.role", cat->roles[i].name[r->lang]);
	portal_set(r, "Page.view", "no_right");
	return portal_render(r, 403, "incidents.cs");
}

/* ---- lists ---- */

static int list_rows(struct portal_req *r, enum portal_stmt st, int64_t p1, int64_t p2, int64_t p3, const char *base)
{
	const struct portal_value *status = &r->in[LF_STATUS], *q = &r->in[LF_Q], *before = &r->in[LF_BEFORE];
	const char *like = portal_like_pattern(r, q->s);
	int64_t b = before->s ? before->i : 0, bound = 0;
	if (like) {
		/* a text search reads one window of the list at a time (sql.c, INC_WINDOW) */
		enum portal_stmt w = st == ST_INC_LIST_ORG ? ST_INC_WINDOW_ORG : st == ST_INC_LIST_MINE ? ST_INC_WINDOW_MINE
			: ST_INC_WINDOW_QUEUE;
		enum portal_err rc = portal_db_row(r, w, "IIIssII", p1, p2, p3, status->s, status->s, b, b);
		if (rc == PORTAL_OK)
			bound = portal_db_int(w, 0);
		else if (rc != PORTAL_ERR_NOTFOUND)
			return 503;
	}
	if (portal_db_exec(r, st, "IIIsssssIIii", p1, p2, p3, status->s, status->s, like, like, like, b, b, bound,
		    (int64_t)(PAGE + 1)) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.incidents");
	int f;
	size_t n = 0;
	int64_t last = 0;
	bool more = false;
	while ((f = portal_db_fetch(r, st)) == 1) {
		if (n == PAGE) {
			more = true;
			continue;
		}
		void *x = portal_node_i(r, list, n++);
		last = portal_db_int(st, 0);
		portal_nset_int(r, x, "id", last);
		portal_nset(r, x, "title", portal_db_str(st, 1));
		portal_nset(r, x, "status", label(r, "st", portal_db_str(st, 2)));
		portal_nset(r, x, "status_key", portal_db_str(st, 2));
		portal_nset(r, x, "priority", label(r, "pr", portal_db_str(st, 3)));
		portal_nset(r, x, "created", portal_when(r, portal_db_int(st, 5)));
		portal_nset(r, x, "updated", portal_when(r, portal_db_int(st, 6)));
		portal_nset(r, x, "age", portal_ago(r, portal_db_int(st, 6)));
		const char *who = portal_db_null(st, 7) ? NULL : portal_full_name(r, portal_db_str(st, 7), portal_db_str(st, 8),
			portal_db_str(st, 9));
		portal_nset(r, x, "submitter", who ? who : portal_text(r, "Incidents.someone"));
		portal_nset(r, x, "org", portal_db_str(st, 10));
	}
	if (f < 0)
		return 503;
	if (!more && bound > 0) {
		/* the window ended before the page filled: the rest of the list is searched from here on */
		more = true;
		last = bound;
		portal_set_int(r, "Page.window_end", bound);
	}
	if (more) {
		struct portal_buf qs = { 0 };
		if (status->s)
			portal_buf_addf(&qs, "status=%s&", status->s);
		if (q->s)
			portal_buf_addf(&qs, "q=%s&", portal_url_encode(r, q->s));
		if (r->in[LF_BY].s)
			portal_buf_addf(&qs, "by=%lld&", (long long)r->in[LF_BY].i);
		if (r->in[LF_ORG].s)
			portal_buf_addf(&qs, "org=%lld&", (long long)r->in[LF_ORG].i);
		if (r->in[LF_WHO].s)
			portal_buf_addf(&qs, "who=%s&", portal_url_encode(r, r->in[LF_WHO].s));
		portal_set(r, "Page.next", portal_printf(r, "%s?%sbefore=%lld", base, qs.len ? portal_buf_str(&qs) : "", (long long)last));
		portal_buf_free(&qs);
	}
	portal_set(r, "Page.f.status", status->s);
	portal_set(r, "Page.f.q", q->s);
	void *sl = portal_node(r, NULL, "Page.statuses");
	for (size_t i = 0; statuses[i]; i++) {
		void *x = portal_node_i(r, sl, i);
		portal_nset(r, x, "key", statuses[i]);
		portal_nset(r, x, "label", label(r, "st", statuses[i]));
	}
	notice(r);
	return 0;
}

/* GET /incidents — incidents.submit or incidents.view_all (403 with whom to ask otherwise). In: status, q,
 * by (a submitter, view_all only), before (cursor). Out: 200. */
static int index_page(struct portal_req *r)
{
	for (size_t i = 0; list_fields[i].name; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	if (vendor(r))
		return portal_redirect(r, "/incidents/queue");
	bool all = portal_has_right(r, "incidents.view_all"), own = portal_has_right(r, PORTAL_QUOTA_RIGHT);
	if (!all && !own)
		return no_right(r, "incidentenbeheer");
	int64_t by = r->in[LF_BY].s ? r->in[LF_BY].i : 0;
	int rc = all ? list_rows(r, ST_INC_LIST_ORG, r->sess.org_id, by, by, "/incidents")
		: list_rows(r, ST_INC_LIST_MINE, r->sess.org_id, r->sess.user_id, 0, "/incidents");
	if (rc)
		return rc;
	if (all) {   /* the submitter filter: those who submitted the organisation's incidents, the first
		      * SUBMITTERS_MAX by name or those whose name or address holds who */
		enum portal_stmt st = ST_ORG_SUBMITTERS;
		const char *who = r->in[LF_WHO].s, *like = portal_like_pattern(r, who);
		if (portal_db_exec(r, st, "iisssi", r->sess.org_id, r->sess.org_id, like, like, like,
			(int64_t)(SUBMITTERS_MAX + 1)) != PORTAL_OK)
			return 503;
		void *pl = portal_node(r, NULL, "Page.people");
		int f;
		size_t n = 0;
		bool listed = false;
		while ((f = portal_db_fetch(r, st)) == 1) {
			if (n == SUBMITTERS_MAX) {
				portal_set_int(r, "Page.people_more", SUBMITTERS_MAX);
				continue;
			}
			void *x = portal_node_i(r, pl, n++);
			listed |= portal_db_int(st, 0) == by;
			portal_nset_int(r, x, "id", portal_db_int(st, 0));
			portal_nset(r, x, "name", portal_full_name(r, portal_db_str(st, 1), portal_db_str(st, 2), portal_db_str(st, 3)));
		}
		if (f < 0)
			return 503;
		/* the submitter filtered on stays in the list when the search or the cap leaves them out */
		if (by && !listed) {
			struct portal_colleague c;
			enum portal_err rc2 = portal_colleague_get(r, by, PORTAL_COLLEAGUE_READ, &c);
			if (rc2 == PORTAL_OK) {
				void *x = portal_node_i(r, pl, n++);
				portal_nset_int(r, x, "id", by);
				portal_nset(r, x, "name", c.name);
			} else if (rc2 != PORTAL_ERR_NOTFOUND) {
				return 503;
			}
		}
		portal_set_int(r, "Page.f.by", by);
		portal_set(r, "Page.who", who);
	}
	portal_set_int(r, "Page.all", all);
	portal_set_int(r, "Page.can_submit", own);
	portal_set(r, "Page.view", "list");
	return portal_render(r, 200, "incidents.cs");
}

/* GET /incidents/queue — incidents.handle: the vendor's queue across organisations. In: status, q, org, before. */
static int queue(struct portal_req *r)
{
	for (size_t i = 0; list_fields[i].name; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	int64_t org = r->in[LF_ORG].s ? r->in[LF_ORG].i : 0;
	int rc = list_rows(r, ST_INC_QUEUE, 0, org, org, "/incidents/queue");
	if (rc)
		return rc;
	portal_set_int(r, "Page.queue", 1);
	portal_set(r, "Page.view", "list");
	return portal_render(r, 200, "incidents.cs");
}

/* ---- submit ---- */

static int new_page(struct portal_req *r, int status, const char *error_key)
{
	/* the form's one-time token (32 random digits, once.c's): a form sent twice is one incident (DI-02), by
	 * incidents.form_token, whose unique key also keeps the incident's attachment with it */
	portal_set(r, "Page.form", r->in && r->in[NF_TOKEN].s ? r->in[NF_TOKEN].s : portal_once_token(r));
	for (int g = 0; g < 2; g++) {
		const char *const *v = g ? priorities : categories;
		void *l = portal_node(r, NULL, g ? "Page.priorities" : "Page.categories");
		for (size_t i = 0; v[i]; i++) {
			void *x = portal_node_i(r, l, i);
			portal_nset(r, x, "key", v[i]);
			portal_nset(r, x, "label", label(r, g ? "pr" : "cat", v[i]));
		}
	}
	portal_set_int(r, "Page.max_mb", (portal_cf->max_upload - 65536) / 1048576);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	portal_set(r, "Page.view", "new");
	return portal_render(r, status, "incidents.cs");
}

/* GET /incidents/new — incidents.submit; without it the page says whom to ask (403). */
static int new_form(struct portal_req *r)
{
	if (!portal_has_right(r, PORTAL_QUOTA_RIGHT))
		return no_right(r, "incidentenbeheer");
	r->in = NULL;
	return new_page(r, 200, NULL);
}

/* POST /incidents/new — incidents.submit, multipart, CSRF. In: title, body, category, priority, form (the
 * form's one-time token), file (optional). Out: 303 to the incident (the same one when the form comes twice);
 * 413/415/422 with the form; nothing is stored unless all is. */
static int submit(struct portal_req *r)
{
	for (size_t i = 0; new_fields[i].name; i++)
		if (!r->in[i].valid)
			return new_page(r, 422, r->in[i].err);
	const char *tok = r->in[NF_TOKEN].s;
	enum portal_err rc = portal_db_row(r, ST_INC_BY_TOKEN, "is", r->sess.user_id, tok);
	if (rc == PORTAL_OK)   /* submitted before: the same incident */
		return portal_redirect(r, portal_printf(r, "/incidents/%lld?m=submitted", (long long)portal_db_int(ST_INC_BY_TOKEN, 0)));
	if (rc != PORTAL_ERR_NOTFOUND)
		return 503;
	const struct portal_file *f = r->in[NF_FILE].file;
	struct portal_stored st = { 0 };
	if (f) {
		const char *why;
		int code = portal_upload_store(r, f, &st, &why);
		if (code == 503)
			return portal_error(r, 503, why);
		if (code)
			return new_page(r, code, why);
	}
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		goto fail;
	rc = portal_db_exec(r, ST_INC_INSERT, "iisssssii", r->sess.org_id, r->sess.user_id, r->in[NF_TITLE].s, r->in[NF_BODY].s,
		categories[r->in[NF_CATEGORY].i], priorities[r->in[NF_PRIORITY].i], tok, r->now, r->now);
	if (rc == PORTAL_ERR_DUP) {   /* the same form, at the same moment */
		portal_db_rollback(r);
		if (f)
			portal_upload_discard(st.name);
		if (portal_db_row(r, ST_INC_BY_TOKEN, "is", r->sess.user_id, tok) != PORTAL_OK)
			return 503;
		return portal_redirect(r, portal_printf(r, "/incidents/%lld?m=submitted", (long long)portal_db_int(ST_INC_BY_TOKEN, 0)));
	}
	if (rc != PORTAL_OK)
		goto fail;
	int64_t id = portal_db_insert_id(ST_INC_INSERT);
	if (f && (rc = portal_db_exec(r, ST_INC_FILE_INSERT, "isssibi", id, f->filename, st.name, st.type, (int64_t)f->len,
			  st.sha256, sizeof st.sha256, r->now)) != PORTAL_OK)
		goto fail;
	if ((rc = portal_audit(r, "incident_submitted", r->sess.org_id, 0, portal_printf(r, "incident %lld", (long long)id))) != PORTAL_OK)
		goto fail;
	if ((rc = portal_db_commit(r)) != PORTAL_OK)
		goto unknown;
	return portal_redirect(r, portal_printf(r, "/incidents/%lld?m=submitted", (long long)id));
fail:
	if (f)
		portal_upload_discard(st.name);
unknown:   /* a failed COMMIT may have committed after all: the file stays (portalctl sweep-uploads) */
	portal_db_rollback(r);
	return 503;
}

/* ---- one incident ---- */

struct incident {
	int64_t id, org_id, submitter_id;
	const char *title, *status, *submitter_email, *submitter_lang, *org_name;
	const char *files;   /* its attachments: "id<TAB>name" lines, or NULL */
	bool mine;       /* the session's user submitted it */
	bool org_side;   /* the organisation's side: the submitter or view_all in the organisation */
};

/* The incident of the path if the user may see it: vendor support any; the organisation's side its own
 * (view_all) or the user's own (submitter). PORTAL_ERR_NOTFOUND otherwise, like a missing id (ACC-01). */
static enum portal_err incident_get(struct portal_req *r, struct incident *x)
{
	memset(x, 0, sizeof *x);
	enum portal_err rc = portal_db_row(r, ST_INC_GET, "i", r->path_id);
	if (rc != PORTAL_OK)
		return rc;
	enum portal_stmt st = ST_INC_GET;
	x->id = portal_db_int(st, 0);
	x->org_id = portal_db_int(st, 1);
	x->submitter_id = portal_db_int(st, 2);
	x->mine = x->org_id == r->sess.org_id && x->submitter_id == r->sess.user_id;
	x->org_side = x->org_id == r->sess.org_id &&
		(portal_has_right(r, "incidents.view_all") || (x->mine && portal_has_right(r, PORTAL_QUOTA_RIGHT)));
	if (!x->org_side && !vendor(r))
		return PORTAL_ERR_NOTFOUND;
	x->title = portal_strdup(r, portal_db_str(st, 3));
	x->status = portal_strdup(r, portal_db_str(st, 7));
	x->submitter_email = portal_db_null(st, 14) ? NULL : portal_strdup(r, portal_db_str(st, 14));
	x->submitter_lang = portal_strdup(r, portal_db_null(st, 15) ? "nl" : portal_db_str(st, 15));
	x->org_name = portal_strdup(r, portal_db_str(st, 16));
	x->files = portal_db_null(st, 20) ? NULL : portal_strdup(r, portal_db_str(st, 20));
	portal_set_int(r, "Page.i.id", x->id);
	portal_set(r, "Page.i.title", x->title);
	portal_set(r, "Page.i.body", portal_db_str(st, 4));
	portal_set(r, "Page.i.category", label(r, "cat", portal_db_str(st, 5)));
	portal_set(r, "Page.i.priority", label(r, "pr", portal_db_str(st, 6)));
	portal_set(r, "Page.i.status", label(r, "st", x->status));
	portal_set(r, "Page.i.status_key", x->status);
	portal_set(r, "Page.i.created", portal_when(r, portal_db_int(st, 9)));
	portal_set(r, "Page.i.updated", portal_when(r, portal_db_int(st, 10)));
	portal_set(r, "Page.i.submitter", portal_db_null(st, 11) ? portal_text(r, "Incidents.someone")
		: portal_full_name(r, portal_db_str(st, 11), portal_db_str(st, 12), portal_db_str(st, 13)));
	portal_set(r, "Page.i.org", x->org_name);
	if (!portal_db_null(st, 17))
		portal_set(r, "Page.i.handler", portal_full_name(r, portal_db_str(st, 17), portal_db_str(st, 18), portal_db_str(st, 19)));
	return PORTAL_OK;
}

/* The incident of the path for a handler: 0, or the answer already given (404 like a missing id, 503). */
static int load(struct portal_req *r, struct incident *x, bool org_side_only)
{
	enum portal_err rc = incident_get(r, x);
	if (rc == PORTAL_ERR_NOTFOUND || (rc == PORTAL_OK && org_side_only && !x->org_side))
		return portal_error(r, 404, "Err.not_found");
	return rc == PORTAL_OK ? 0 : 503;
}

/* The end of a change made in the open transaction (rc its result so far): audited in the incident's
 * organisation, committed, back to the incident with a notice. */
static int finish(struct portal_req *r, enum portal_err rc, const struct incident *x, const char *event,
	const char *detail, const char *notice_key)
{
	if (rc != PORTAL_OK || (rc = portal_audit(r, event, x->org_id, 0, detail)) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		return 503;
	}
	return portal_redirect(r, portal_printf(r, "/incidents/%lld?m=%s", (long long)x->id, notice_key));
}

/* The incident and its thread: the MSG_PAGE newest messages before the id `before` (0: the newest of all),
 * oldest first, with Page.earlier (the page before them) and Page.latest (back to the newest) as links. */
static int incident_page(struct portal_req *r, int status, const struct incident *x, const char *error_key, int64_t before)
{
	enum portal_stmt st = ST_INC_MSGS;
	if (portal_db_exec(r, st, "iIIi", x->id, before, before, (int64_t)(MSG_PAGE + 1)) != PORTAL_OK)
		return 503;
	struct msg { int64_t id, vendor, when; const char *body, *author; } msgs[MSG_PAGE];
	int f;
	size_t n = 0;
	bool more = false;
	while ((f = portal_db_fetch(r, st)) == 1) {
		if (n == MSG_PAGE) {
			more = true;
			continue;
		}
		msgs[n++] = (struct msg){ portal_db_int(st, 0), portal_db_int(st, 1), portal_db_int(st, 3),
			portal_strdup(r, portal_db_str(st, 2)), portal_db_null(st, 4) ? portal_text(r, "Incidents.someone")
			: portal_full_name(r, portal_db_str(st, 4), portal_db_str(st, 5), portal_db_str(st, 6)) };
	}
	if (f < 0)
		return 503;
	void *list = portal_node(r, NULL, "Page.msgs");
	for (size_t i = 0; i < n; i++) {
		const struct msg *g = &msgs[n - 1 - i];
		void *m = portal_node_i(r, list, i);
		portal_nset_int(r, m, "vendor", g->vendor);
		portal_nset(r, m, "body", g->body);
		portal_nset(r, m, "when", portal_when(r, g->when));
		portal_nset(r, m, "author", g->author);
	}
	if (more)
		portal_set(r, "Page.earlier", portal_printf(r, "/incidents/%lld?before=%lld#thread", (long long)x->id,
			(long long)msgs[n - 1].id));
	if (before)
		portal_set(r, "Page.latest", portal_printf(r, "/incidents/%lld#thread", (long long)x->id));
	list = portal_node(r, NULL, "Page.files");
	n = 0;
	for (char *line = x->files ? portal_strdup(r, x->files) : NULL, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		void *m = portal_node_i(r, list, n++);
		portal_nset(r, m, "id", line);
		portal_nset(r, m, "name", tab + 1);
	}
	bool v = vendor(r) && !x->org_side;
	portal_set_int(r, "Page.vendor", v);
	portal_set_int(r, "Page.can_close", x->org_side && strcmp(x->status, "closed"));
	portal_set_int(r, "Page.can_reply", strcmp(x->status, "closed") != 0);
	portal_set(r, "Page.once", portal_once_token(r));
	if (v) {
		void *sl = portal_node(r, NULL, "Page.statuses");
		for (size_t i = 0; statuses[i]; i++) {
			void *s = portal_node_i(r, sl, i);
			portal_nset(r, s, "key", statuses[i]);
			portal_nset(r, s, "label", label(r, "st", statuses[i]));
		}
	}
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	else
		notice(r);
	portal_set(r, "Page.view", "incident");
	return portal_render(r, status, "incidents.cs");
}

/* GET /incidents/# — the submitter, view_all in the organisation, or vendor support. In: m, before (the
 * thread's earlier messages). Out: 200; 400 a bad page; 404. */
static int view(struct portal_req *r)
{
	struct incident x;
	int st = load(r, &x, false);
	if (!st && !r->in[VF_BEFORE].valid)
		return portal_error(r, 400, r->in[VF_BEFORE].err);
	return st ? st : incident_page(r, 200, &x, NULL, r->in[VF_BEFORE].s ? r->in[VF_BEFORE].i : 0);
}

/* The submitter is told when support answers or changes the status (mail outbox), in their language, with
 * nothing but this incident's number, title and a link. */
static enum portal_err tell_submitter(struct portal_req *r, const struct incident *x, const char *what,
	const char *then)
{
	if (!x->submitter_email || x->mine)
		return PORTAL_OK;
	enum portal_lang lang = portal_lang_parse(x->submitter_lang);
	if (lang == PORTAL_NLANG)
		lang = PORTAL_NL;
	const char *link = portal_link(r, portal_printf(r, "/incidents/%lld", (long long)x->id));
	return portal_mail_enqueue(r, x->submitter_id, x->submitter_email,
		portal_fill(r, portal_text_lang(lang, "Incidents.mail_subject"), "id", portal_printf(r, "%lld", (long long)x->id), NULL),
		portal_fill(r, portal_text_lang(lang, "Incidents.mail_body"), "id", portal_printf(r, "%lld", (long long)x->id),
			"title", x->title, "what", then ? portal_printf(r, "%s %s", portal_text_lang(lang, what),
			portal_text_lang(lang, then)) : portal_text_lang(lang, what), "link", link ? link : "", NULL));
}

/* POST /incidents/#/reply — the same people who may see it, CSRF. In: body. A reply of the organisation on a
 * waiting or resolved incident opens it again. Out: 303; 404; 409 closed; 422. */
static int reply(struct portal_req *r)
{
	struct incident x;
	int st = load(r, &x, false);
	if (st)
		return st;
	if (!r->in[RF_ONCE].valid)
		return portal_error(r, 400, r->in[RF_ONCE].err);
	const char *once = r->in[RF_ONCE].s;
	int seen = portal_once_seen(r, once);   /* this reply sent before (a double click, a retry): that result */
	if (seen)
		return seen;
	if (!r->in[RF_BODY].valid)
		return incident_page(r, 422, &x, r->in[RF_BODY].err, 0);
	if (!strcmp(x.status, "closed"))
		return incident_page(r, 409, &x, "Incidents.is_closed", 0);
	bool from_vendor = !x.org_side;
	if (!r->in[RF_STATUS].valid || (r->in[RF_STATUS].s && !from_vendor))
		return portal_error(r, 400, "Err.bad_field");   /* only support sets a status with its reply */
	const char *to = r->in[RF_STATUS].s && strcmp(statuses[r->in[RF_STATUS].i], x.status)
		? statuses[r->in[RF_STATUS].i] : NULL;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	rc = portal_db_exec(r, ST_INC_MSG_INSERT, "iiisi", x.id, r->sess.user_id, (int64_t)from_vendor, r->in[RF_BODY].s, r->now);
	if (rc == PORTAL_OK && !from_vendor && (!strcmp(x.status, "waiting") || !strcmp(x.status, "resolved")))
		rc = portal_db_exec(r, ST_INC_SET_STATUS, "sii", "open", r->now, x.id);
	else if (rc == PORTAL_OK && to)
		rc = portal_db_exec(r, ST_INC_SET_STATUS, "sii", to, r->now, x.id);
	else if (rc == PORTAL_OK)
		rc = portal_db_exec(r, ST_INC_TOUCH, "ii", r->now, x.id);
	if (rc == PORTAL_OK && from_vendor)   /* the reply and its status in one mail */
		rc = tell_submitter(r, &x, "Incidents.what_reply", to ? portal_printf(r, "Incidents.what_%s", to) : NULL);
	if (rc == PORTAL_OK &&
	    (rc = portal_once_done(r, once, portal_printf(r, "/incidents/%lld?m=replied", (long long)x.id))) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);   /* a copy of this reply committed first */
	return finish(r, rc, &x, from_vendor ? "incident_vendor_reply" : "incident_reply",
		to ? portal_printf(r, "incident %lld: %s -> %s with the reply", (long long)x.id, x.status, to)
		   : portal_printf(r, "incident %lld", (long long)x.id), "replied");
}

/* POST /incidents/#/close — the submitter or view_all in the organisation, CSRF. Out: 303; 404. */
static int close_incident(struct portal_req *r)
{
	struct incident x;
	int st = load(r, &x, true);
	if (st)
		return st;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	rc = portal_db_exec(r, ST_INC_SET_STATUS, "sii", "closed", r->now, x.id);
	return finish(r, rc, &x, "incident_closed", portal_printf(r, "incident %lld: %s -> closed", (long long)x.id, x.status),
		"closed");
}

/* POST /incidents/#/status — incidents.handle, CSRF. In: status. The submitter is e-mailed. Out: 303; 404. */
static int set_status(struct portal_req *r)
{
	struct incident x;
	int st = load(r, &x, false);
	if (st)
		return st;
	if (!r->in[0].valid)
		return incident_page(r, 422, &x, r->in[0].err, 0);
	const char *to = statuses[r->in[0].i];
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	rc = portal_db_exec(r, ST_INC_SET_STATUS, "sii", to, r->now, x.id);
	if (rc == PORTAL_OK && strcmp(to, x.status))
		rc = tell_submitter(r, &x, portal_printf(r, "Incidents.what_%s", to), NULL);
	return finish(r, rc, &x, "incident_status", portal_printf(r, "incident %lld: %s -> %s by support", (long long)x.id,
		x.status, to), "status");
}

/* POST /incidents/#/take — incidents.handle, CSRF: the agent takes the incident (a new one becomes open). */
static int take(struct portal_req *r)
{
	struct incident x;
	int st = load(r, &x, false);
	if (st)
		return st;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	rc = portal_db_exec(r, ST_INC_TAKE, "iii", r->sess.user_id, r->now, x.id);
	return finish(r, rc, &x, "incident_taken", portal_printf(r, "incident %lld taken by support", (long long)x.id), "taken");
}

/* GET /incidents/#/file — an attachment, to those who may see the incident. In: f. Out: 200; 404. */
static int file(struct portal_req *r)
{
	struct incident x;
	enum portal_err rc = incident_get(r, &x);
	if (rc == PORTAL_OK && r->in[0].valid)
		rc = portal_db_row(r, ST_INC_FILE_GET, "ii", r->in[0].i, x.id);
	if (rc == PORTAL_ERR_NOTFOUND || !r->in[0].valid)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	enum portal_stmt st = ST_INC_FILE_GET;
	return portal_upload_send(r, portal_strdup(r, portal_db_str(st, 1)), portal_db_int(st, 3),
		portal_strdup(r, portal_db_str(st, 2)), portal_strdup(r, portal_db_str(st, 0)));
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_USER("GET", "/incidents", index_page, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("GET", "/incidents/queue", "incidents.handle", queue, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/incidents/new", new_form, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_UPLOAD_RIGHT("/incidents/new", PORTAL_QUOTA_RIGHT, submit, new_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/incidents/#", view, view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/incidents/#/reply", reply, reply_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/incidents/#/close", close_incident, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/incidents/#/file", file, file_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/incidents/#/status", "incidents.handle", set_status, status_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/incidents/#/take", "incidents.handle", take, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "incidents.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "incidents", routes, templates, &site };
	return portal_main(argc, argv, &prog);
}
