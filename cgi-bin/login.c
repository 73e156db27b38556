/* login.c: the password step of the login (/login).
 * GET shows the form; POST checks e-mail and password. A right password starts a half-logged-in session
 * (new token, SES-03) and sends an SMS code through the outbox (AUTH-05); anything else gets the same
 * answer, whether the account is unknown, disabled or the password wrong (AUTH-03), after the same
 * amount of hashing work. Failures are counted per typed address and per client address (AUTH-04). */
#include <string.h>

#include "portal.h"
#include "site.h"

static const char *const notices[] = { "expired", "logged_out", NULL };

enum { SF_NEXT, SF_M };
static const struct portal_field show_fields[] = {
	[SF_NEXT] = { "next", PF_PATH, 0, 0, 0, NULL },
	[SF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { F_EMAIL, F_PASSWORD, F_NEXT };
static const struct portal_field login_fields[] = {
	[F_EMAIL] = { "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL },
	[F_PASSWORD] = { "password", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	[F_NEXT] = { "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const char *next_or_home(const struct portal_value *next)
{
	return next->valid && next->s ? next->s : "/home";
}

static int form(struct portal_req *r, int status, const char *error_key, const struct portal_value *next)
{
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	if (next->valid && next->s)
		portal_set(r, "Page.next", next->s);
	return portal_render(r, status, "login.cs");
}

/* GET /login — public. In: next (local path), m (notice). Out: 200 form, or 303 when logged in. */
static int show(struct portal_req *r)
{
	if (r->sess.stage == PORTAL_STAGE_FULL)
		return portal_redirect(r, next_or_home(&r->in[SF_NEXT]));
	if (r->in[SF_M].valid && r->in[SF_M].s)
		portal_set_text(r, "Page.notice", r->in[SF_M].i == 0 ? "Login.expired" : "Login.logged_out");
	return form(r, 200, NULL, &r->in[SF_NEXT]);
}

static int throttled(struct portal_req *r, int64_t wait, const struct portal_value *next)
{
	return form(r, portal_retry_after(r, wait), "Err.throttled", next);
}

enum { BE_ID, BE_ORG, BE_PASSWORD_HASH, BE_STATUS, BE_MOBILE, BE_MOBILE_VERIFIED, BE_LANG, BE_APP_FIRST,
	BE_APP_REQUIRED, BE__N };
PORTAL_SQL(sql_by_email, BE__N,
	"SELECT u.id, u.org_id, u.password_hash, u.status, u.mobile, u.mobile_verified_at, u.lang,"
	" u.second_factor = 'totp' AND u.totp_secret IS NOT NULL,"
	" u.totp_secret IS NOT NULL AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = u.org_id AND (o.kind = 'vendor'"
	"  OR (o.admins_need_app = 1 AND EXISTS (SELECT 1 FROM user_roles ur JOIN role_rights rr ON rr.role_id = ur.role_id"
	"  JOIN rights ri ON ri.id = rr.right_id WHERE ur.user_id = u.id AND ri.rkey = 'users.manage'))))"
	" FROM users u WHERE u.email_live = ?");

/* The account of a login address, as the password check needs it; an unknown address leaves user_id 0, status "". */
struct account {
	int64_t user_id, org_id;
	const char *hash, *status, *mobile, *lang;
	bool app;          /* the user's second factor is the authenticator app */
	bool vendor_app;   /* vendor staff with an app: always the app (AUTH-08) */
};

static enum portal_err account_by_email(struct portal_req *r, const char *email, struct account *a)
{
	*a = (struct account){ .status = "" };
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_by_email, "s", email);
	if (rc != PORTAL_OK)
		return rc;
	a->user_id = portal_col_int(q, BE_ID);
	a->org_id = portal_col_int(q, BE_ORG);
	a->hash = portal_col(q, BE_PASSWORD_HASH);
	a->status = portal_col(q, BE_STATUS);
	a->mobile = portal_col(q, BE_MOBILE);
	a->lang = portal_col(q, BE_LANG);
	a->app = portal_col_int(q, BE_APP_FIRST) != 0;
	a->vendor_app = portal_col_int(q, BE_APP_REQUIRED) != 0;
	return PORTAL_OK;
}

/* A right password: the account's failures forgotten, a new session (pending the second factor) and, unless the
 * app is asked for (AUTH-08), an SMS code, in one transaction; a deadlock victim has then written nothing and is
 * run again. *wait: the code is capped for that many seconds. */
static enum portal_err second_factor_start(struct portal_req *r, const struct account *a, bool app,
	const struct portal_value *email, int64_t *wait)
{
	enum portal_lang sms_lang = portal_lang_parse(a->lang);
	if (sms_lang == PORTAL_NLANG)
		sms_lang = r->lang;
	*wait = 0;
	enum portal_err rc = portal_db_begin(r);
	if (rc != PORTAL_OK)
		return rc;
	if ((rc = portal_throttle_clear(r, PORTAL_TH_PW_ACCT, email->s, email->len)) == PORTAL_OK &&
	    (r->sess.stage != PORTAL_STAGE_PENDING || (rc = portal_session_end(r)) == PORTAL_OK) &&
	    (rc = portal_session_start(r, a->user_id)) == PORTAL_OK &&
	    (app || (rc = portal_sms_challenge(r, r->sess.id, a->user_id, a->mobile, sms_lang, wait)) == PORTAL_OK) &&
	    (rc = portal_audit(r, "login_password_ok", a->org_id, a->user_id, app ? "app code asked" : *wait ? "sms capped"
		     : "sms sent")) == PORTAL_OK &&
	    (rc = portal_db_commit(r)) == PORTAL_OK)
		return PORTAL_OK;
	portal_db_rollback(r);
	return rc;
}

/* POST /login — public, CSRF-checked. In: email, password, next.
 * Out: 303 to /verify_sms; 401 wrong credentials (one answer for every reason); 422 malformed input;
 * 429 throttled (with Retry-After); 403 right password but no confirmed mobile number. */
static int submit(struct portal_req *r)
{
	const struct portal_value *email = &r->in[F_EMAIL], *pw = &r->in[F_PASSWORD], *next = &r->in[F_NEXT];
	if (r->sess.stage == PORTAL_STAGE_FULL)
		return portal_redirect(r, next_or_home(next));
	if (!email->valid || !pw->valid)
		return form(r, 422, !email->valid ? email->err : pw->err, next);

	int64_t w1 = portal_throttle_wait(r, PORTAL_TH_PW_ACCT, email->s, email->len);
	int64_t w2 = w1 < 0 ? -1 : portal_throttle_wait(r, PORTAL_TH_PW_IP, r->remote_addr, strlen(r->remote_addr));
	if (w1 < 0 || w2 < 0)
		return 503;
	if (w1 > 0 || w2 > 0) {
		portal_audit(r, "login_throttled", 0, 0, w1 > 0 ? "per account" : "per address");
		return throttled(r, w1 > w2 ? w1 : w2, next);
	}

	struct account a;
	enum portal_err rc = account_by_email(r, email->s, &a);
	if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
		return 503;
	int64_t user_id = a.user_id, org_id = a.org_id;
	const char *hash = a.hash, *status = a.status, *mobile = a.mobile;
	bool app = a.app, vendor_app = a.vendor_app;
	/* the same work whether or not the account exists (dummy hash inside portal_pw_verify) */
	bool pw_ok = portal_pw_verify(hash, pw->s, pw->len);
	bool ok = pw_ok && !strcmp(status, "active");
	if (!ok) {
		if (portal_throttle_fail(r, PORTAL_TH_PW_ACCT, email->s, email->len) != PORTAL_OK ||
		    portal_throttle_fail(r, PORTAL_TH_PW_IP, r->remote_addr, strlen(r->remote_addr)) != PORTAL_OK)
			return 503;
		portal_audit(r, "login_failed", org_id, user_id,
			!user_id ? "unknown account" : !pw_ok ? "wrong password" : portal_printf(r, "account %s", status));
		return form(r, 401, "Login.failed", next);
	}
	/* a number not yet confirmed (set by an admin or in the invitation) gets the code all the same:
	 * the right code confirms it (AUTH-10). Without any number there is no second factor. */
	app = app || vendor_app;
	if (!mobile && !app) {
		portal_audit(r, "login_no_mobile", org_id, user_id, "no mobile number");
		return form(r, 403, "Login.no_mobile", next);
	}

	int64_t wait = 0;
	if ((rc = second_factor_start(r, &a, app, email, &wait)) != PORTAL_OK)
		return rc == PORTAL_ERR_DB_DOWN ? 503 : 500;
	if (portal_pw_needs_rehash(hash)) {
		char fresh[PORTAL_PWHASH_MAX];
		if (portal_pw_hash(pw->s, pw->len, fresh) == PORTAL_OK)
			portal_pw_store(r, user_id, fresh);
	}
	const char *target = app ? "/verify_sms/app" : "/verify_sms";
	if (next->valid && next->s)
		target = portal_printf(r, "%s?next=%s", target, portal_url_encode(r, next->s));
	if (wait)
		target = portal_printf(r, "%s%sm=wait", target, strchr(target, '?') ? "&" : "?");
	return portal_redirect(r, target);
}

PORTAL_PROGRAM("login", ("login.cs"),
	PORTAL_ROUTE_PUBLIC("GET", "/login", show, show_fields),
	PORTAL_ROUTE_PUBLIC("POST", "/login", submit, login_fields)
)
