/* incident.c: one incident: its thread of messages, a reply (with a status for support), closing, taking it,
 * the attachment's download. */
#include "incidents.h"

/* ---- one incident ---- */

struct incident {
	int64_t id, org_id, submitter_id;
	const char *title, *status, *submitter_email, *submitter_lang, *org_name;
	const char *files;   /* its attachments: "id<TAB>name" lines, or NULL */
	bool mine;       /* the session's user submitted it */
	bool org_side;   /* the organisation's side: the submitter or view_all in the organisation */
};

enum { IG_ID, IG_ORG, IG_SUBMITTER, IG_TITLE, IG_BODY, IG_CATEGORY, IG_PRIORITY, IG_STATUS, IG_HANDLER, IG_CREATED,
	IG_UPDATED, IG_S_GIVEN, IG_S_PREFIX, IG_S_FAMILY, IG_S_EMAIL, IG_S_LANG, IG_ORG_NAME, IG_H_GIVEN, IG_H_PREFIX,
	IG_H_FAMILY, IG_FILES, IG__N };
PORTAL_SQL(sql_get, IG__N,
	"SELECT i.id, i.org_id, i.submitter_id, i.title, i.body, i.category, i.priority, i.status, i.handler_id,"
	" i.created_at, i.updated_at, s.given_name, s.name_prefix, s.family_name, s.email, s.lang, o.name,"
	" h.given_name, h.name_prefix, h.family_name,"
	/* its attachments in the same round trip: "id<TAB>name" lines (a stored name holds no control character) */
	" (SELECT GROUP_CONCAT(f.id, '\t', f.filename ORDER BY f.id SEPARATOR '\n') FROM incident_files f"
	"  WHERE f.incident_id = i.id)"
	" FROM incidents i JOIN organisations o ON o.id = i.org_id LEFT JOIN users s ON s.id = i.submitter_id"
	" LEFT JOIN users h ON h.id = i.handler_id WHERE i.id = ?");

/* The incident of the path if the user may see it: vendor support any; the organisation's side its own
 * (view_all) or the user's own (submitter). PORTAL_ERR_NOTFOUND otherwise, like a missing id (ACC-01). */
static enum portal_err incident_get(struct portal_req *r, struct incident *x)
{
	memset(x, 0, sizeof *x);
	struct portal_rows *st;
	enum portal_err rc = portal_query_row(r, &st, &sql_get, "i", r->path_id);
	if (rc != PORTAL_OK)
		return rc;
	x->id = portal_col_int(st, IG_ID);
	x->org_id = portal_col_int(st, IG_ORG);
	x->submitter_id = portal_col_int(st, IG_SUBMITTER);
	x->mine = x->org_id == r->sess.org_id && x->submitter_id == r->sess.user_id;
	x->org_side = x->org_id == r->sess.org_id &&
		(portal_has_right(r, "incidents.view_all") || (x->mine && portal_has_right(r, PORTAL_QUOTA_RIGHT)));
	if (!x->org_side && !vendor(r))
		return PORTAL_ERR_NOTFOUND;
	x->title = portal_strdup(r, portal_col(st, IG_TITLE));
	x->status = portal_strdup(r, portal_col(st, IG_STATUS));
	x->submitter_email = portal_col_null(st, IG_S_EMAIL) ? NULL : portal_strdup(r, portal_col(st, IG_S_EMAIL));
	x->submitter_lang = portal_strdup(r, portal_col_null(st, IG_S_LANG) ? "nl" : portal_col(st, IG_S_LANG));
	x->org_name = portal_strdup(r, portal_col(st, IG_ORG_NAME));
	x->files = portal_col_null(st, IG_FILES) ? NULL : portal_strdup(r, portal_col(st, IG_FILES));
	portal_set_int(r, "Page.i.id", x->id);
	portal_set(r, "Page.i.title", x->title);
	portal_set(r, "Page.i.body", portal_col(st, IG_BODY));
	portal_set(r, "Page.i.category", label(r, "cat", portal_col(st, IG_CATEGORY)));
	portal_set(r, "Page.i.priority", label(r, "pr", portal_col(st, IG_PRIORITY)));
	portal_set(r, "Page.i.status", label(r, "st", x->status));
	portal_set(r, "Page.i.status_key", x->status);
	portal_set(r, "Page.i.created", portal_when(r, portal_col_int(st, IG_CREATED)));
	portal_set(r, "Page.i.updated", portal_when(r, portal_col_int(st, IG_UPDATED)));
	portal_set(r, "Page.i.submitter", portal_col_null(st, IG_S_GIVEN) ? portal_text(r, "Incidents.someone")
		: portal_full_name(r, portal_col(st, IG_S_GIVEN), portal_col(st, IG_S_PREFIX), portal_col(st, IG_S_FAMILY)));
	portal_set(r, "Page.i.org", x->org_name);
	if (!portal_col_null(st, IG_H_GIVEN))
		portal_set(r, "Page.i.handler", portal_full_name(r, portal_col(st, IG_H_GIVEN), portal_col(st, IG_H_PREFIX), portal_col(st, IG_H_FAMILY)));
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
	if (rc != PORTAL_OK || (rc = portal_audit(r, event, x->org_id, 0, detail)) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, portal_printf(r, "/incidents/%lld?m=%s", (long long)x->id, notice_key));
}

enum { IM_ID, IM_FROM_VENDOR, IM_BODY, IM_CREATED, IM_GIVEN, IM_PREFIX, IM_FAMILY, IM__N };
PORTAL_SQL(sql_msgs, IM__N,
	"SELECT m.id, m.from_vendor, m.body, m.created_at, a.given_name, a.name_prefix, a.family_name"
	" FROM incident_messages m LEFT JOIN users a ON a.id = m.author_id WHERE m.incident_id = ?"
	" AND (? IS NULL OR m.id < ?) ORDER BY m.id DESC LIMIT ?");

/* The incident and its thread: the MSG_PAGE newest messages before the id `before` (0: the newest of all),
 * oldest first, with Page.earlier (the page before them) and Page.latest (back to the newest) as links. */
static int incident_page(struct portal_req *r, int status, const struct incident *x, const char *error_key, int64_t before)
{
	struct portal_rows *st;
	if (portal_query(r, &st, &sql_msgs, "iIIi", x->id, before, before, (int64_t)(MSG_PAGE + 1)) != PORTAL_OK)
		return 503;
	struct msg { int64_t id, vendor, when; const char *body, *author; } msgs[MSG_PAGE];
	int f;
	size_t n = 0;
	bool more = false;
	while ((f = portal_next(st)) == 1) {
		if (n == MSG_PAGE) {
			more = true;
			continue;
		}
		msgs[n++] = (struct msg){ portal_col_int(st, IM_ID), portal_col_int(st, IM_FROM_VENDOR), portal_col_int(st, IM_CREATED),
			portal_strdup(r, portal_col(st, IM_BODY)), portal_col_null(st, IM_GIVEN) ? portal_text(r, "Incidents.someone")
			: portal_full_name(r, portal_col(st, IM_GIVEN), portal_col(st, IM_PREFIX), portal_col(st, IM_FAMILY)) };
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
int view(struct portal_req *r)
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

PORTAL_SQL(sql_msg_insert, 0,
	"INSERT INTO incident_messages (incident_id, author_id, from_vendor, body, created_at) VALUES (?, ?, ?, ?, ?)");

PORTAL_SQL(sql_touch, 0,
	"UPDATE incidents SET updated_at = ? WHERE id = ?");

PORTAL_SQL(sql_set_status, 0,
	"UPDATE incidents SET status = ?, updated_at = ? WHERE id = ?");

/* POST /incidents/#/reply — the same people who may see it, CSRF. In: body. A reply of the organisation on a
 * waiting or resolved incident opens it again. Out: 303; 404; 409 closed; 422. */
int reply(struct portal_req *r)
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
	rc = portal_exec(r, &sql_msg_insert, NULL, "iiisi", x.id, r->sess.user_id, (int64_t)from_vendor, r->in[RF_BODY].s, r->now);
	if (rc == PORTAL_OK && !from_vendor && (!strcmp(x.status, "waiting") || !strcmp(x.status, "resolved")))
		rc = portal_exec(r, &sql_set_status, NULL, "sii", "open", r->now, x.id);
	else if (rc == PORTAL_OK && to)
		rc = portal_exec(r, &sql_set_status, NULL, "sii", to, r->now, x.id);
	else if (rc == PORTAL_OK)
		rc = portal_exec(r, &sql_touch, NULL, "ii", r->now, x.id);
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
int close_incident(struct portal_req *r)
{
	struct incident x;
	int st = load(r, &x, true);
	if (st)
		return st;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	rc = portal_exec(r, &sql_set_status, NULL, "sii", "closed", r->now, x.id);
	return finish(r, rc, &x, "incident_closed", portal_printf(r, "incident %lld: %s -> closed", (long long)x.id, x.status),
		"closed");
}

/* POST /incidents/#/status — incidents.handle, CSRF. In: status. The submitter is e-mailed. Out: 303; 404. */
int set_status(struct portal_req *r)
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
	rc = portal_exec(r, &sql_set_status, NULL, "sii", to, r->now, x.id);
	if (rc == PORTAL_OK && strcmp(to, x.status))
		rc = tell_submitter(r, &x, portal_printf(r, "Incidents.what_%s", to), NULL);
	return finish(r, rc, &x, "incident_status", portal_printf(r, "incident %lld: %s -> %s by support", (long long)x.id,
		x.status, to), "status");
}

PORTAL_SQL(sql_take, 0,
	"UPDATE incidents SET handler_id = ?, status = IF(status = 'new', 'open', status), updated_at = ? WHERE id = ?");

/* POST /incidents/#/take — incidents.handle, CSRF: the agent takes the incident (a new one becomes open). */
int take(struct portal_req *r)
{
	struct incident x;
	int st = load(r, &x, false);
	if (st)
		return st;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	rc = portal_exec(r, &sql_take, NULL, "iii", r->sess.user_id, r->now, x.id);
	return finish(r, rc, &x, "incident_taken", portal_printf(r, "incident %lld taken by support", (long long)x.id), "taken");
}

enum { IF_FILENAME, IF_STORED, IF_TYPE, IF_SIZE, IF__N };
PORTAL_SQL(sql_file_get, IF__N,
	"SELECT filename, stored_name, content_type, size FROM incident_files WHERE id = ? AND incident_id = ?");

/* GET /incidents/#/file — an attachment, to those who may see the incident. In: f. Out: 200; 404. */
int file(struct portal_req *r)
{
	struct incident x;
	enum portal_err rc = incident_get(r, &x);
	struct portal_rows *st;
	if (rc == PORTAL_OK && r->in[0].valid)
		rc = portal_query_row(r, &st, &sql_file_get, "ii", r->in[0].i, x.id);
	if (rc == PORTAL_ERR_NOTFOUND || !r->in[0].valid)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	return portal_upload_send(r, portal_strdup(r, portal_col(st, IF_STORED)), portal_col_int(st, IF_SIZE),
		portal_strdup(r, portal_col(st, IF_TYPE)), portal_strdup(r, portal_col(st, IF_FILENAME)));
}
