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
#include "holders.h"

/* One round trip, constant rows only: session, user with the ids of their roles (users.role_ids, kept by
 * triggers), organisation and the catalogue version (DESIGN, request flow). The rights those roles give come
 * from the in-memory catalogue (authz.c), re-read whenever the version differs, so every change counts from
 * the very next request (ACC-06). */
enum { SA_ID, SA_STAGE, SA_CREATED, SA_SEEN, SA_AUTH_AT, SA_USER, SA_ORG, SA_EMAIL, SA_GIVEN, SA_PREFIX, SA_FAMILY,
	SA_MOBILE, SA_LANG, SA_STATUS, SA_ORG_NAME, SA_ORG_KIND, SA_ROLE_IDS, SA_CAT_VERSION, SA_ORG_ROLE_IDS,
	SA_HAS_TOTP, SA_ADMINS_NEED_APP, SA_ACTING, SA_USERS_VERSION, SA_SET_IDS, SA_WORK_VERSION, SA__N,
	/* the dossier statement's three more */
	SA_DOSSIER = SA__N, SA_DOSSIER_MODULES, SA_DOSSIER_ASSIGNED, SA_DOSSIER__N };
#define SESSION_AUTH_COLS \
	"SELECT s.id, s.stage, s.created_at, s.last_seen_at, s.auth_at," \
	" u.id, u.org_id, u.email, u.given_name, u.name_prefix, u.family_name, u.mobile, u.lang, u.status," \
	" o.name, o.kind," \
	" u.role_ids, cm.version, o.role_ids, u.totp_secret IS NOT NULL, o.admins_need_app, s.acting_org_id," \
	" o.users_version, o.set_ids, o.work_version"
#define SESSION_AUTH_FROM \
	" FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id" \
	" JOIN catalogue_meta cm ON cm.id = 1"
PORTAL_SQL(sql_auth, SA__N, SESSION_AUTH_COLS SESSION_AUTH_FROM " WHERE s.token_hash = ?");
/* the same on a dossier's route: the dossier, only if it is the organisation's (ACC-01), its enabled modules,
 * and whether the user is assigned to it; still one round trip */
PORTAL_SQL(sql_auth_dossier, SA_DOSSIER__N, SESSION_AUTH_COLS ", d.id, d.modules, du.user_id IS NOT NULL"
	SESSION_AUTH_FROM
	" LEFT JOIN dossiers d ON d.id = ? AND d.org_id = COALESCE(s.acting_org_id, u.org_id)"
	" LEFT JOIN dossier_users du ON du.dossier_id = d.id AND du.user_id = u.id"
	" WHERE s.token_hash = ?");
PORTAL_SQL(sql_touch, 0, "UPDATE sessions SET last_seen_at = ? WHERE id = ?");
PORTAL_SQL(sql_insert, 0,
	"INSERT INTO sessions (token_hash, user_id, stage, created_at, last_seen_at, client_addr, user_agent)"
	" VALUES (?, ?, 'pending', ?, ?, ?, ?)");
PORTAL_SQL(sql_promote, 0,
	"UPDATE sessions SET token_hash = ?, stage = 'full', auth_at = ?, last_seen_at = ?"
	" WHERE id = ? AND stage = 'pending'");
PORTAL_SQL(sql_delete, 0, "DELETE FROM sessions WHERE id = ?");
PORTAL_SQL(sql_delete_user, 0, "DELETE FROM sessions WHERE user_id = ?");
PORTAL_SQL(sql_delete_others, 0, "DELETE FROM sessions WHERE user_id = ? AND id <> ?");

static void clear_cookie(struct portal_req *r, const char *name)
{
	portal_cookie(r, name, "", 0);
}

/* Vendor staff working in a customer's data (sessions.acting_org_id): from here on the request works in that
 * customer (r->sess.org_id), with the rights of its active grant, or of bootstrap while it has no admin of
 * its own (orgs.manage), or with none: then its data routes answer 404 (app.c). The staff's own vendor rights
 * stay; they concern no customer's data. A second query, for them alone. */
/* Only for vendor staff working in a customer's data (support grants, ACC-07): that customer, whether it has an
 * active admin of its own (else: bootstrap), and its newest active grant: confirmed, not revoked, not expired at
 * the request's clock, and not ended before (an end, once told to the admins, is final). */
enum { AC_NAME, AC_ROLE_IDS, AC_OWN_ADMIN, AC_GRANT, AC_SCOPE, AC_EXPIRES, AC_FIRST_USE, AC_USERS_VERSION, AC_SET_IDS,
	AC_WORK_VERSION, AC__N };
PORTAL_SQL(sql_acting, AC__N,
	"SELECT o.name, o.role_ids,"
	" EXISTS (SELECT 1 FROM" SQL_ADMINS("o.id") "),"
	" g.id, g.scope, g.expires_at, g.first_used_at IS NULL, o.users_version, o.set_ids, o.work_version"
	" FROM organisations o LEFT JOIN support_grants g ON g.id = (SELECT MAX(g2.id) FROM support_grants g2"
	"  WHERE g2.org_id = o.id AND g2.confirmed_at IS NOT NULL AND g2.revoked_at IS NULL AND g2.end_notified_at IS NULL"
	"  AND g2.expires_at > ?)"
	" WHERE o.id = ? AND o.kind = 'customer'");

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
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_acting, "ii", r->now, org);
	if (rc == PORTAL_ERR_NOTFOUND)
		return PORTAL_OK;   /* not a customer (any more): no access */
	if (rc != PORTAL_OK)
		return rc;
	s->org_name = portal_col(q, AC_NAME);
	s->org_role_ids = portal_col(q, AC_ROLE_IDS);
	s->org_users_version = (uint64_t)portal_col_int(q, AC_USERS_VERSION);
	s->org_set_ids = portal_col(q, AC_SET_IDS);
	s->org_work_version = (uint64_t)portal_col_int(q, AC_WORK_VERSION);
	s->org_sets = portal_sets_mask(s->org_set_ids);
	bool own_admin = portal_col_int(q, AC_OWN_ADMIN) != 0;
	s->acting.bootstrap = !own_admin && portal_has_right(r, "orgs.manage");
	if (!portal_col_null(q, AC_GRANT) && portal_has_right(r, "incidents.handle")) {
		s->acting.grant_id = portal_col_int(q, AC_GRANT);
		const char *scope = portal_col(q, AC_SCOPE);
		s->acting.write = scope && !strcmp(scope, "write");
		s->acting.expires_at = portal_col_int(q, AC_EXPIRES);
		s->acting.first_use = portal_col_int(q, AC_FIRST_USE) != 0;
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

/* The session's, user's and organisation's columns of the authorisation row into s. */
static void session_row(const struct portal_rows *q, struct portal_session *s)
{
	s->id = portal_col_int(q, SA_ID);
	s->created_at = portal_col_int(q, SA_CREATED);
	s->last_seen_at = portal_col_int(q, SA_SEEN);
	s->auth_at = portal_col_int(q, SA_AUTH_AT);
	s->user_id = portal_col_int(q, SA_USER);
	s->org_id = portal_col_int(q, SA_ORG);
	s->email = portal_col(q, SA_EMAIL);
	s->given_name = portal_col(q, SA_GIVEN);
	s->name_prefix = portal_col(q, SA_PREFIX);
	s->family_name = portal_col(q, SA_FAMILY);
	s->mobile = portal_col(q, SA_MOBILE);
	s->user_lang = portal_col(q, SA_LANG);
	s->org_name = portal_col(q, SA_ORG_NAME);
	s->org_kind = portal_col(q, SA_ORG_KIND);
	s->org_role_ids = portal_col(q, SA_ORG_ROLE_IDS);
	s->has_totp = portal_col_int(q, SA_HAS_TOTP) != 0;
	s->org_admins_need_app = portal_col_int(q, SA_ADMINS_NEED_APP) != 0;
	s->org_users_version = (uint64_t)portal_col_int(q, SA_USERS_VERSION);
	s->org_set_ids = portal_col(q, SA_SET_IDS);
	s->org_work_version = (uint64_t)portal_col_int(q, SA_WORK_VERSION);
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
	struct portal_rows *q;
	enum portal_err rc = in_dossier ? portal_query_row(r, &q, &sql_auth_dossier, "ib", r->path_id, hash, sizeof hash)
		: portal_query_row(r, &q, &sql_auth, "b", hash, sizeof hash);
	if (rc == PORTAL_ERR_NOTFOUND) {
		clear_cookie(r, PORTAL_COOKIE_SESSION);
		r->sess_gone = true;
		return PORTAL_OK;
	}
	if (rc != PORTAL_OK)
		return rc;
	struct portal_session *s = &r->sess;
	session_row(q, s);
	const char *stage = portal_col(q, SA_STAGE);
	const char *status = portal_col(q, SA_STATUS);
	bool active = status && !strcmp(status, "active");
	const char *roles = portal_col(q, SA_ROLE_IDS);
	uint64_t version = (uint64_t)portal_col_int(q, SA_CAT_VERSION);
	int64_t acting = portal_col_int(q, SA_ACTING);
	int64_t dossier_id = in_dossier ? portal_col_int(q, SA_DOSSIER) : 0;
	const char *dossier_modules = in_dossier ? portal_col(q, SA_DOSSIER_MODULES) : NULL;
	bool dossier_assigned = in_dossier && portal_col_int(q, SA_DOSSIER_ASSIGNED) != 0;
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
		return portal_exec(r, &sql_delete, NULL, "i", id);
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
		rc = portal_exec(r, &sql_touch, NULL, "ii", r->now, s->id);
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
	struct portal_wrote w;
	enum portal_err rc = portal_exec(r, &sql_insert, &w, "biiiss", hash, sizeof hash, user_id, r->now,
		r->now, r->remote_addr, ua_clean);
	if (rc != PORTAL_OK)
		return rc;
	memset(&r->sess, 0, sizeof r->sess);
	r->sess.id = w.id;
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
	struct portal_wrote w;
	enum portal_err rc = portal_exec(r, &sql_promote, &w, "biii", hash, sizeof hash, r->now, r->now, r->sess.id);
	if (rc != PORTAL_OK)
		return rc;
	if (w.rows != 1)
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
		rc = portal_exec(r, &sql_delete, NULL, "i", r->sess.id);
	clear_cookie(r, PORTAL_COOKIE_SESSION);
	OPENSSL_cleanse(r->sess.token, sizeof r->sess.token);
	memset(&r->sess, 0, sizeof r->sess);
	r->csrf[0] = '\0';
	return rc;
}

enum portal_err portal_session_end_all(struct portal_req *r, int64_t user_id)
{
	return portal_exec(r, &sql_delete_user, NULL, "i", user_id);
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

PORTAL_SQL(sql_resume_put, 0,
	"INSERT INTO session_resume (session_id, path, form, back, created_at) VALUES (?, ?, ?, ?, ?)"
	" ON DUPLICATE KEY UPDATE path = VALUES(path), form = VALUES(form), back = VALUES(back),"
	" created_at = VALUES(created_at)");

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
	if (portal_exec(r, &sql_resume_put, NULL, "isbsi", r->sess.id, r->path, b.p ? b.p : "", b.len, back, r->now) != PORTAL_OK)
		portal_log(r, PORTAL_LOG_WARN, "the form waiting for re-authentication was not kept");
	portal_buf_free(&b);
}

int portal_reauth_redirect(struct portal_req *r, const char *next)
{
	keep_form(r, next);
	return portal_redirect(r, portal_printf(r, "%s?next=%s", portal_site()->reauth, portal_url_encode(r, next)));
}

enum portal_err portal_session_end_others(struct portal_req *r)
{
	return portal_exec(r, &sql_delete_others, NULL, "ii", r->sess.user_id, r->sess.id);
}
