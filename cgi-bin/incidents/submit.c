/* submit.c: a new incident with an optional attachment, stored once per form (its one-time token). */
#include "incidents.h"

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
int new_form(struct portal_req *r)
{
	if (!portal_has_right(r, PORTAL_QUOTA_RIGHT))
		return no_right(r, "incidentenbeheer");
	r->in = NULL;
	return new_page(r, 200, NULL);
}

PORTAL_SQL(sql_insert, 0,
	"INSERT INTO incidents (org_id, submitter_id, title, body, category, priority, form_token, created_at, updated_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

/* the incident a form (its one-time token) made: the same form again shows it instead of making another */
enum { BT_ID, BT__N };
PORTAL_SQL(sql_by_token, BT__N,
	"SELECT id FROM incidents WHERE submitter_id = ? AND form_token = ?");

PORTAL_SQL(sql_file_insert, 0,
	"INSERT INTO incident_files (incident_id, filename, stored_name, content_type, size, sha256, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)");

/* POST /incidents/new — incidents.submit, multipart, CSRF. In: title, body, category, priority, form (the
 * form's one-time token), file (optional). Out: 303 to the incident (the same one when the form comes twice);
 * 413/415/422 with the form; nothing is stored unless all is. */
int submit(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return new_page(r, 422, bad);
	const char *tok = r->in[NF_TOKEN].s;
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_by_token, "is", r->sess.user_id, tok);
	if (rc == PORTAL_OK)   /* submitted before: the same incident */
		return portal_redirect(r, portal_printf(r, "/incidents/%lld?m=submitted", (long long)portal_col_int(q, BT_ID)));
	if (rc != PORTAL_ERR_NOTFOUND)
		return 503;
	const struct portal_file *f = r->in[NF_FILE].file;
	struct portal_stored st;
	const char *why;
	int code = portal_upload_open(r, NULL, f, &st, &why);   /* the form's token is the incident's own (above) */
	if (code)
		return why ? new_page(r, code, why) : code;
	struct portal_wrote w = { 0 };
	if ((rc = portal_db_begin(r)) == PORTAL_OK)
		rc = portal_exec(r, &sql_insert, &w, "iisssssii", r->sess.org_id, r->sess.user_id, r->in[NF_TITLE].s,
			r->in[NF_BODY].s, categories[r->in[NF_CATEGORY].i], priorities[r->in[NF_PRIORITY].i], tok, r->now, r->now);
	if (rc == PORTAL_ERR_DUP) {   /* the same form, at the same moment */
		portal_db_rollback(r);
		portal_upload_discard(st.name);
		if (portal_query_row(r, &q, &sql_by_token, "is", r->sess.user_id, tok) != PORTAL_OK)
			return 503;
		return portal_redirect(r, portal_printf(r, "/incidents/%lld?m=submitted", (long long)portal_col_int(q, BT_ID)));
	}
	if (rc == PORTAL_OK && f)
		rc = portal_exec(r, &sql_file_insert, NULL, "isssibi", w.id, f->filename, st.name, st.type, (int64_t)f->len,
			st.sha256, sizeof st.sha256, r->now);
	if (rc == PORTAL_OK)
		rc = portal_audit(r, "incident_submitted", r->sess.org_id, 0, portal_printf(r, "incident %lld", (long long)w.id));
	return portal_upload_commit(r, rc, st.name, NULL, portal_printf(r, "/incidents/%lld?m=submitted", (long long)w.id));
}
