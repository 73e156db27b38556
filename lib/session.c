/* session.c: sessions and CSRF tokens. The cookie holds a 256-bit random token; the database holds only
 * its SHA-256 (SES-01). One query loads session, user, organisation and effective rights (ACC-06: a
 * change is seen on the very next request). Idle, absolute and pending-stage timeouts are enforced here
 * (SES-04); the token is replaced after the password and again after the second factor (SES-03).
 * Effective rights come from the session's roles and the in-memory catalogue (authz.c); on a dossier route
 * the same query also reads the dossier (the organisation's only), its modules and the user's assignment.
 * CSRF tokens are HMACs of the session token (or, before login, of a pre-session cookie). */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "portal.h"

static const char *col_dup(struct portal_req *r, enum portal_stmt st, unsigned c)
{
	const char *v = portal_db_str(st, c);
	return v ? portal_strdup(r, v) : NULL;
}

static void clear_cookie(struct portal_req *r, const char *name)
{
	portal_cookie(r, name, "", 0);
}

/* Vendor staff working in a customer's data (sessions.acting_org_id): from here on the request works in that
 * customer (r->sess.org_id), with the rights of its active grant, or of bootstrap while it has no admin of
 * its own (orgs.manage), or with none: then its data routes answer 404 (app.c). The staff's own vendor rights
 * stay; they concern no customer's data. A second query, for them alone. */
static enum portal_err acting_load(struct portal_req *r, int64_t org)
{
	struct portal_session *s = &r->sess;
	s->acting.org_id = org;
	s->org_id = org;   /* never the vendor's own data by mistake */
	s->org_name = "";
	s->org_kind = "customer";
	s->org_role_ids = NULL;
	s->org_set_ids = NULL;
	s->org_sets = 0;
	s->org_admins_need_app = false;
	s->org_users_version = 0;
	s->org_work_version = 0;
	enum portal_stmt q = ST_SESSION_ACTING;
	enum portal_err rc = portal_db_row(r, q, "ii", r->now, org);
	if (rc == PORTAL_ERR_NOTFOUND)
		return PORTAL_OK;   /* not a customer (any more): no access */
	if (rc != PORTAL_OK)
		return rc;
	s->org_name = col_dup(r, q, 0);
	s->org_role_ids = col_dup(r, q, 1);
	s->org_users_version = (uint64_t)portal_db_int(q, 7);
	s->org_set_ids = col_dup(r, q, 8);
	s->org_work_version = (uint64_t)portal_db_int(q, 9);
	s->org_sets = portal_sets_mask(s->org_set_ids);
	bool own_admin = portal_db_int(q, 2) != 0;
	s->acting.bootstrap = !own_admin && portal_has_right(r, "orgs.manage");
	if (!portal_db_null(q, 3) && portal_has_right(r, "incidents.handle")) {
		s->acting.grant_id = portal_db_int(q, 3);
		const char *scope = portal_db_str(q, 4);
		s->acting.write = scope && !strcmp(scope, "write");
		s->acting.expires_at = portal_db_int(q, 5);
		s->acting.first_use = portal_db_int(q, 6) != 0;
	}
	if (s->acting.bootstrap) {
		s->acting.grant_id = 0;   /* bootstrap needs no grant; it ends when the first admin activates */
		s->acting.write = true;
	}
	s->acting.allowed = s->acting.bootstrap || s->acting.grant_id > 0;
	/* the grant's rights, but the organisation's own pages (colleagues, log, dossiers) only as far as a role of
	 * its set reaches them: a back-office right is nothing in a customer without the back office */
	static const char *const rd[] = { PORTAL_SUPPORT_READ_RIGHTS }, *const wr[] = { PORTAL_SUPPORT_WRITE_RIGHTS };
	static const char *const always[] = { "users.view", "audit.view", "dossiers.view", "users.manage", "dossiers.manage" };
	if (s->acting.allowed) {
		const char *const *all = s->acting.write ? wr : rd;
		size_t n = s->acting.write ? sizeof wr / sizeof *wr : sizeof rd / sizeof *rd, k = 0;
		const char **keys = portal_alloc(r, n * sizeof *keys);
		for (size_t i = 0; i < n; i++) {
			bool base = false;
			for (size_t j = 0; j < sizeof always / sizeof *always && !base; j++)
				base = !strcmp(all[i], always[j]);
			if (base || portal_org_may_give(r, all[i]))
				keys[k++] = all[i];
		}
		portal_rights_add(r, keys, k);
	}
	return PORTAL_OK;
}

enum portal_err portal_session_load(struct portal_req *r)
{
	memset(&r->sess, 0, sizeof r->sess);
	const char *cookie = portal_kv_get(&r->cookies, portal_cookie_name(PORTAL_COOKIE_SESSION));
	if (!cookie)
		return PORTAL_OK;
	unsigned char hash[32];
	if (!portal_token_hash(cookie, hash)) {
		clear_cookie(r, PORTAL_COOKIE_SESSION);
		return PORTAL_OK;
	}
	bool in_dossier = r->route && r->route->access == PORTAL_ACCESS_DOSSIER;
	enum portal_stmt q = in_dossier ? ST_SESSION_AUTH_DOSSIER : ST_SESSION_AUTH;
	enum portal_err rc = in_dossier ? portal_db_row(r, q, "ib", r->path_id, hash, sizeof hash)
		: portal_db_row(r, q, "b", hash, sizeof hash);
	if (rc == PORTAL_ERR_NOTFOUND) {
		clear_cookie(r, PORTAL_COOKIE_SESSION);
		r->sess_gone = true;
		return PORTAL_OK;
	}
	if (rc != PORTAL_OK)
		return rc;
	struct portal_session *s = &r->sess;
	s->id = portal_db_int(q, 0);
	const char *stage = portal_db_str(q, 1);
	s->created_at = portal_db_int(q, 2);
	s->last_seen_at = portal_db_int(q, 3);
	s->auth_at = portal_db_int(q, 4);
	s->user_id = portal_db_int(q, 5);
	s->org_id = portal_db_int(q, 6);
	s->email = col_dup(r, q, 7);
	s->given_name = col_dup(r, q, 8);
	s->name_prefix = col_dup(r, q, 9);
	s->family_name = col_dup(r, q, 10);
	s->mobile = col_dup(r, q, 11);
	s->user_lang = col_dup(r, q, 12);
	const char *status = portal_db_str(q, 13);
	bool active = status && !strcmp(status, "active");
	s->org_name = col_dup(r, q, 14);
	s->org_kind = col_dup(r, q, 15);
	const char *roles = col_dup(r, q, 16);
	uint64_t version = (uint64_t)portal_db_int(q, 17);
	s->org_role_ids = col_dup(r, q, 18);
	s->has_totp = portal_db_int(q, 19) != 0;
	s->org_admins_need_app = portal_db_int(q, 20) != 0;
	int64_t acting = portal_db_int(q, 21);
	s->org_users_version = (uint64_t)portal_db_int(q, 22);
	s->org_set_ids = col_dup(r, q, 23);
	s->org_work_version = (uint64_t)portal_db_int(q, 24);
	int64_t dossier_id = in_dossier ? portal_db_int(q, 25) : 0;
	const char *dossier_modules = in_dossier ? col_dup(r, q, 26) : NULL;
	bool dossier_assigned = in_dossier && portal_db_int(q, 27) != 0;
	bool pending = stage && !strcmp(stage, "pending");
	bool expired = pending ? r->now >= s->created_at + portal_cf->session_pending
		: (r->now >= s->created_at + portal_cf->session_absolute ||
		   r->now >= s->last_seen_at + portal_cf->session_idle);
	if (!active || expired) {
		/* a disabled or removed user loses the session on the very next request (ACC-06, SES-05) */
		int64_t id = s->id;
		memset(s, 0, sizeof *s);
		r->sess_gone = true;
		clear_cookie(r, PORTAL_COOKIE_SESSION);
		return portal_db_exec(r, ST_SESSION_DELETE, "i", id);
	}
	if ((rc = portal_rights_compute(r, roles, version)) != PORTAL_OK) {
		memset(s, 0, sizeof *s);   /* fail closed: no rights, no session */
		return rc;
	}
	s->stage = pending ? PORTAL_STAGE_PENDING : PORTAL_STAGE_FULL;
	s->home_org_id = s->org_id;
	s->home_org_name = s->org_name;
	s->staff = s->org_kind && !strcmp(s->org_kind, "vendor");
	if (s->staff && !pending && acting > 0 && (rc = acting_load(r, acting)) != PORTAL_OK) {
		memset(s, 0, sizeof *s);   /* fail closed */
		return rc;
	}
	if (in_dossier)
		portal_dossier_compute(r, dossier_id, dossier_modules, dossier_assigned);
	s->display_name = portal_full_name(r, s->given_name, s->name_prefix, s->family_name);
	memcpy(s->token, cookie, PORTAL_TOKEN_LEN + 1);
	/* sliding idle timeout, written at most once a minute to keep reads cheap */
	if (r->now - s->last_seen_at >= 60) {
		rc = portal_db_exec(r, ST_SESSION_TOUCH, "ii", r->now, s->id);
		if (rc != PORTAL_OK)
			return rc;
		s->last_seen_at = r->now;
	}
	return PORTAL_OK;
}

enum portal_err portal_session_start(struct portal_req *r, int64_t user_id)
{
	char token[PORTAL_TOKEN_LEN + 1];
	unsigned char hash[32];
	portal_token_new(token, hash);
	const char *ua = portal_env(r, "HTTP_USER_AGENT");
	char ua_clean[200];
	portal_clean_text(ua_clean, sizeof ua_clean, ua ? ua : "");
	enum portal_err rc = portal_db_exec(r, ST_SESSION_INSERT, "biiiss", hash, sizeof hash, user_id, r->now,
		r->now, r->remote_addr, ua_clean);
	if (rc != PORTAL_OK)
		return rc;
	memset(&r->sess, 0, sizeof r->sess);
	r->sess.id = portal_db_insert_id(ST_SESSION_INSERT);
	r->sess.user_id = user_id;
	r->sess.stage = PORTAL_STAGE_PENDING;
	r->sess.created_at = r->sess.last_seen_at = r->now;
	memcpy(r->sess.token, token, sizeof token);
	portal_cookie(r, PORTAL_COOKIE_SESSION, token, -1);
	clear_cookie(r, PORTAL_COOKIE_PRE);
	OPENSSL_cleanse(token, sizeof token);
	r->csrf[0] = '\0';
	return PORTAL_OK;
}

enum portal_err portal_session_promote(struct portal_req *r)
{
	char token[PORTAL_TOKEN_LEN + 1];
	unsigned char hash[32];
	portal_token_new(token, hash);
	enum portal_err rc = portal_db_exec(r, ST_SESSION_PROMOTE, "biii", hash, sizeof hash, r->now, r->now,
		r->sess.id);
	if (rc != PORTAL_OK)
		return rc;
	if (portal_db_affected(ST_SESSION_PROMOTE) != 1)
		return PORTAL_ERR_NOTFOUND;
	r->sess.stage = PORTAL_STAGE_FULL;
	r->sess.auth_at = r->now;
	memcpy(r->sess.token, token, sizeof token);
	portal_cookie(r, PORTAL_COOKIE_SESSION, token, -1);
	OPENSSL_cleanse(token, sizeof token);
	r->csrf[0] = '\0';
	return PORTAL_OK;
}

enum portal_err portal_session_end(struct portal_req *r)
{
	enum portal_err rc = PORTAL_OK;
	if (r->sess.id)
		rc = portal_db_exec(r, ST_SESSION_DELETE, "i", r->sess.id);
	clear_cookie(r, PORTAL_COOKIE_SESSION);
	OPENSSL_cleanse(r->sess.token, sizeof r->sess.token);
	memset(&r->sess, 0, sizeof r->sess);
	r->csrf[0] = '\0';
	return rc;
}

enum portal_err portal_session_end_all(struct portal_req *r, int64_t user_id)
{
	return portal_db_exec(r, ST_SESSION_DELETE_USER, "i", user_id);
}

/* ---- CSRF ---- */

static void csrf_for(const char *label, const char *token, char out[PORTAL_TOKEN_LEN + 1])
{
	unsigned char mac[32];
	portal_hmac(label, token, strlen(token), mac);
	portal_b64url_encode(mac, sizeof mac, out, PORTAL_TOKEN_LEN + 1);
}

void portal_csrf_prepare(struct portal_req *r)
{
	if (r->sess.stage != PORTAL_STAGE_NONE && r->sess.token[0]) {
		csrf_for("csrf-session", r->sess.token, r->csrf);
		return;
	}
	const char *pre = portal_kv_get(&r->cookies, portal_cookie_name(PORTAL_COOKIE_PRE));
	unsigned char hash[32];
	char token[PORTAL_TOKEN_LEN + 1];
	if (r->pre_token[0]) {
		memcpy(token, r->pre_token, sizeof token);
	} else if (pre && portal_token_hash(pre, hash)) {
		memcpy(token, pre, sizeof token);
	} else {
		portal_token_new(token, hash);
		portal_cookie(r, PORTAL_COOKIE_PRE, token, -1);
		memcpy(r->pre_token, token, sizeof token);
	}
	csrf_for("csrf-pre", token, r->csrf);
}

bool portal_csrf_valid(struct portal_req *r, const char *given)
{
	char want[PORTAL_TOKEN_LEN + 1];
	unsigned char hash[32];
	if (!given || strlen(given) != PORTAL_TOKEN_LEN)
		return false;
	bool ok = false;
	if (r->sess.stage != PORTAL_STAGE_NONE && r->sess.token[0]) {
		csrf_for("csrf-session", r->sess.token, want);
		ok |= portal_ct_equal(want, given, PORTAL_TOKEN_LEN);
	}
	const char *pre = portal_kv_get(&r->cookies, portal_cookie_name(PORTAL_COOKIE_PRE));
	if (pre && portal_token_hash(pre, hash)) {
		csrf_for("csrf-pre", pre, want);
		ok |= portal_ct_equal(want, given, PORTAL_TOKEN_LEN);
	}
	return ok;
}

const char *portal_device(struct portal_req *r, const char *ua)
{
	static const struct { const char *mark, *name; } browsers[] = {
		{ "Edg/", "Edge" }, { "OPR/", "Opera" }, { "Firefox/", "Firefox" }, { "Chromium/", "Chromium" },
		{ "Chrome/", "Chrome" }, { "Safari/", "Safari" },
	}, systems[] = {
		{ "Windows", "Windows" }, { "iPhone", "iOS" }, { "iPad", "iPadOS" }, { "Android", "Android" },
		{ "Mac OS X", "macOS" }, { "CrOS", "ChromeOS" }, { "Linux", "Linux" },
	};
	const char *b = NULL, *os = NULL;
	for (size_t i = 0; ua && !b && i < sizeof browsers / sizeof *browsers; i++)
		if (strstr(ua, browsers[i].mark))
			b = browsers[i].name;
	for (size_t i = 0; ua && !os && i < sizeof systems / sizeof *systems; i++)
		if (strstr(ua, systems[i].mark))
			os = systems[i].name;
	if (b && os)
		return portal_fill(r, portal_text(r, "Account.device_on"), "browser", b, "system", os, NULL);
	return b ? b : os ? os : portal_text(r, "Account.device_unknown");
}

bool portal_recent_login(struct portal_req *r, int64_t seconds)
{
	return r->sess.stage == PORTAL_STAGE_FULL && r->sess.auth_at > 0 && r->now - r->sess.auth_at <= seconds;
}

/* A form sent when the login was too old is kept with the session (urlencoded, without its CSRF token), so that
 * after the password it can be sent again as it was. Not an upload's (the files are not kept), nor a form with a
 * secret in it (a password is never stored), nor one sent inside a transaction. */
static void keep_form(struct portal_req *r, const char *back)
{
	if (strcmp(r->method, "POST") || r->route->upload || r->in_tx)
		return;
	for (const struct portal_field *f = r->route->fields; f && f->name; f++)
		if (f->type == PF_SECRET)
			return;
	struct portal_buf b = { 0 };
	for (size_t i = 0; i < r->form.n; i++) {
		if (!strcmp(r->form.v[i].name, "csrf"))
			continue;
		portal_buf_addf(&b, "%s%s=%s", b.len ? "&" : "", portal_url_encode(r, r->form.v[i].name),
			portal_url_encode(r, r->form.v[i].value));
	}
	if (portal_db_exec(r, ST_RESUME_PUT, "isbsi", r->sess.id, r->path, b.p ? b.p : "", b.len, back, r->now) != PORTAL_OK)
		portal_log(r, PORTAL_LOG_WARN, "the form waiting for re-authentication was not kept");
	portal_buf_free(&b);
}

int portal_reauth_redirect(struct portal_req *r, const char *next)
{
	keep_form(r, next);
	return portal_redirect(r, portal_printf(r, "/account/reauth?next=%s", portal_url_encode(r, next)));
}
