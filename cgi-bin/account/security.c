/* security.c: the password (the current one required), the user's sessions (end one, or all others), and
 * re-authentication before sensitive changes, which brings back the form that asked for it (SES-07). */
#include "account.h"

/* ---- password ---- */

/* POST /account/password — CSRF. In: current, password, password2, keep (this session).
 * Out: 303 (to /account, or to /login when this session ends too); 401 wrong current password;
 * 422 a new password that breaks the rules (with the reason); 429 throttled. Every other session ends. */
int password(struct portal_req *r)
{
	const struct portal_value *pw = &r->in[PWF_NEW], *pw2 = &r->in[PWF_NEW2];
	int st = check_password(r, &r->in[PWF_CURRENT]);
	if (st)
		return st == 401 ? overview(r, 401, "Account.reauth_wrong", "password") : st == 429
			? overview(r, 429, "Err.throttled", "password") : st;
	if (!pw->valid || !pw2->valid)
		return overview(r, 422, !pw->valid ? pw->err : pw2->err, "password");
	const char *why = portal_pw_policy(pw->s, pw->len, r->sess.email, r->sess.home_org_name);
	if (why)
		return overview(r, 422, why, "password");
	if (pw->len != pw2->len || memcmp(pw->s, pw2->s, pw->len))
		return overview(r, 422, "Pw.mismatch", "password");
	char hash[PORTAL_PWHASH_MAX];
	if (portal_pw_hash(pw->s, pw->len, hash) != PORTAL_OK)
		return 500;
	bool keep = r->in[PWF_KEEP].s != NULL;
	int64_t uid = r->sess.user_id;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_pw_store(r, uid, hash)) != PORTAL_OK ||
	    (rc = portal_session_end_others(r)) != PORTAL_OK ||
	    (rc = notify(r, r->sess.email, "password_changed", "")) != PORTAL_OK ||
	    (rc = portal_audit(r, "password_changed", r->sess.home_org_id, uid,
		     keep ? "other sessions ended" : "all sessions ended")) != PORTAL_OK ||
	    (!keep && (rc = portal_session_end(r)) != PORTAL_OK))
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, keep ? "/account/security?m=password" : "/login?m=logged_out");
}

/* ---- sessions ---- */

PORTAL_SQL(sql_session_end, 0,
	"DELETE FROM sessions WHERE id = ? AND user_id = ?");

/* POST /account/sessions/#/end — CSRF. Ends one of the user's own sessions (another user's id: 404).
 * Out: 303 (to /login when it was this one). */
int session_end_one(struct portal_req *r)
{
	enum portal_err rc;
	bool self = r->path_id == r->sess.id;
	int64_t uid = r->sess.user_id, org = r->sess.home_org_id;
	struct portal_wrote w;
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_exec(r, &sql_session_end, &w, "ii", r->path_id, uid)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (w.rows != 1) {
		portal_db_rollback(r);
		return portal_error(r, 404, "Err.not_found");
	}
	if ((rc = portal_audit(r, "session_ended", org, uid, self ? "this session" : "another own session")) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (self) {
		portal_session_end(r);   /* the row is gone: clears the cookie */
		return portal_redirect(r, "/login?m=logged_out");
	}
	return portal_redirect(r, "/account/sessions?m=session_ended");
}

/* POST /account/sessions/others — CSRF. Ends every own session but this one. Out: 303. */
int session_end_others(struct portal_req *r)
{
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_session_end_others(r)) != PORTAL_OK ||
	    (rc = portal_audit(r, "sessions_ended", r->sess.home_org_id, r->sess.user_id, "all other own sessions")) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, "/account/sessions?m=others_ended");
}

/* ---- re-authentication (SES-07, AUTH-09) ---- */

#define RESUME_TTL 900   /* seconds a form waits for the password before it is no longer offered */

static int reauth_form(struct portal_req *r, int status, const char *next, const char *error_key)
{
	if (next)
		portal_set(r, "Page.next", next);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	return portal_render(r, status, "account_reauth.cs");
}

/* GET /account/reauth — any logged-in user. In: next (local path). Out: 200 form. */
int reauth_show(struct portal_req *r)
{
	return reauth_form(r, 200, r->in[RSF_NEXT].valid ? r->in[RSF_NEXT].s : NULL, NULL);
}

PORTAL_SQL(sql_reauth, 0,
	"UPDATE sessions SET auth_at = ? WHERE id = ? AND stage = 'full'");

enum { RG_PATH, RG_FORM, RG_BACK, RG__N };
PORTAL_SQL(sql_resume_get, RG__N,
	"SELECT path, form, back FROM session_resume WHERE session_id = ? AND created_at > ?");

/* POST /account/reauth — CSRF. In: password, next.
 * Out: 303 to next (or /account) with the session's login time renewed; 401 wrong password; 429 throttled. */
int reauth(struct portal_req *r)
{
	const struct portal_value *next = &r->in[RF_NEXT];
	const char *target = next->valid && next->s ? next->s : "/account";
	int st = check_password(r, &r->in[RF_PASSWORD]);
	if (st)
		return st == 401 ? reauth_form(r, 401, target, "Account.reauth_wrong") : st == 429
			? reauth_form(r, 429, target, "Err.throttled") : st;
	enum portal_err rc;   /* the re-authentication and its audit row commit together, or neither */
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_exec(r, &sql_reauth, NULL, "ii", r->now, r->sess.id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "reauth_ok", r->sess.home_org_id, r->sess.user_id, "password confirmed")) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return portal_failed(r, rc);
	/* the change that sent the user here, kept by the library: offer it again rather than lose it */
	struct portal_rows *q;
	rc = portal_query_row(r, &q, &sql_resume_get, "ii", r->sess.id, r->now - RESUME_TTL);
	if (rc == PORTAL_OK && !strcmp(portal_col(q, RG_BACK), target))
		return portal_redirect(r, "/account/reauth/resume");
	return portal_redirect(r, target);
}

PORTAL_SQL(sql_resume_delete, 0,
	"DELETE FROM session_resume WHERE session_id = ?");

/* GET /account/reauth/resume — any logged-in user. Out: 200 the form the user sent before the password was asked,
 * to send again as it was (one button, a fresh CSRF token), shown once; 303 to /account when there is none. */
int reauth_resume(struct portal_req *r)
{
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_resume_get, "ii", r->sess.id, r->now - RESUME_TTL);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_redirect(r, "/account");
	if (rc != PORTAL_OK)
		return 503;
	struct portal_kvs form = { 0 };
	const char *why = NULL;
	const char *path = portal_strdup(r, portal_col(q, RG_PATH));
	const char *back = portal_strdup(r, portal_col(q, RG_BACK));
	char *body = portal_alloc(r, portal_col_len(q, RG_FORM) + 1);
	memcpy(body, portal_col(q, RG_FORM), portal_col_len(q, RG_FORM));
	body[portal_col_len(q, RG_FORM)] = '\0';
	if (portal_exec(r, &sql_resume_delete, NULL, "i", r->sess.id) != PORTAL_OK)
		return 503;
	if (!portal_local_path_ok(path) || portal_parse_urlencoded(r, body, strlen(body), &form, &why) != 0)
		return portal_redirect(r, "/account");
	portal_set(r, "Page.resume.action", path);
	portal_set(r, "Page.resume.back", back);
	void *fields = portal_node(r, NULL, "Page.resume.fields");
	for (size_t i = 0; i < form.n; i++) {
		void *f = portal_node_i(r, fields, i);
		portal_nset(r, f, "name", form.v[i].name);
		portal_nset(r, f, "value", form.v[i].value);
	}
	return portal_render(r, 200, "account_reauth.cs");
}
