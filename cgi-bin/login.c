/* login.c: the password step of the login (/login).
 * GET shows the form; POST checks e-mail and password. A right password starts a half-logged-in session
 * (new token, SES-03) and sends an SMS code through the outbox (AUTH-05); anything else gets the same
 * answer, whether the account is unknown, disabled or the password wrong (AUTH-03), after the same
 * amount of hashing work. Failures are counted per typed address and per client address (AUTH-04). */
#include <string.h>

#include "portal.h"

static const char *const notices[] = { "expired", "logged_out", NULL };

enum { SF_NEXT, SF_M };
static const struct portal_field show_fields[] = {
	{ "next", PF_PATH, 0, 0, 0, NULL },
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { F_EMAIL, F_PASSWORD, F_NEXT };
static const struct portal_field login_fields[] = {
	{ "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL },
	{ "password", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	{ "next", PF_PATH, 0, 0, 0, NULL },
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

	int64_t user_id = 0, org_id = 0;
	const char *hash = NULL, *status = "", *mobile = NULL, *lang = NULL;
	bool app = false;   /* the user's second factor is the authenticator app */
	bool vendor_app = false;   /* vendor staff with an app: always the app (AUTH-08) */
	enum portal_err rc = portal_db_row(r, ST_USER_BY_EMAIL, "s", email->s);
	if (rc == PORTAL_OK) {
		user_id = portal_db_int(ST_USER_BY_EMAIL, 0);
		org_id = portal_db_int(ST_USER_BY_EMAIL, 1);
		hash = portal_strdup(r, portal_db_str(ST_USER_BY_EMAIL, 2));
		status = portal_strdup(r, portal_db_str(ST_USER_BY_EMAIL, 3));
		mobile = portal_strdup(r, portal_db_str(ST_USER_BY_EMAIL, 4));
		lang = portal_strdup(r, portal_db_str(ST_USER_BY_EMAIL, 6));
		app = portal_db_int(ST_USER_BY_EMAIL, 7) != 0;
		vendor_app = portal_db_int(ST_USER_BY_EMAIL, 8) != 0;
	} else if (rc != PORTAL_ERR_NOTFOUND) {
		return 503;
	}
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

	/* a right password: new session (pending second factor) and an SMS code, in one transaction */
	enum portal_lang sms_lang = portal_lang_parse(lang);
	if (sms_lang == PORTAL_NLANG)
		sms_lang = r->lang;
	int64_t wait = 0;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	/* the account's failures are forgotten in the same transaction: a deadlock victim below has then written
	 * nothing, and is run again (app.c) */
	if ((rc = portal_throttle_clear(r, PORTAL_TH_PW_ACCT, email->s, email->len)) != PORTAL_OK)
		goto fail;
	if (r->sess.stage == PORTAL_STAGE_PENDING && (rc = portal_session_end(r)) != PORTAL_OK)
		goto fail;
	if ((rc = portal_session_start(r, user_id)) != PORTAL_OK)
		goto fail;
	/* the authenticator app, when that is the user's choice (AUTH-08): no SMS is sent */
	if (!app && (rc = portal_sms_challenge(r, r->sess.id, user_id, mobile, sms_lang, &wait)) != PORTAL_OK)
		goto fail;
	if ((rc = portal_audit(r, "login_password_ok", org_id, user_id, app ? "app code asked" : wait ? "sms capped"
		     : "sms sent")) != PORTAL_OK)
		goto fail;
	if ((rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;

	if (portal_pw_needs_rehash(hash)) {
		char fresh[PORTAL_PWHASH_MAX];
		if (portal_pw_hash(pw->s, pw->len, fresh) == PORTAL_OK)
			portal_db_exec(r, ST_USER_SET_PASSWORD, "sii", fresh, r->now, user_id);
	}
	const char *target = app ? "/verify_sms/app" : "/verify_sms";
	if (next->valid && next->s)
		target = portal_printf(r, "%s?next=%s", target, portal_url_encode(r, next->s));
	if (wait)
		target = portal_printf(r, "%s%sm=wait", target, strchr(target, '?') ? "&" : "?");
	return portal_redirect(r, target);
fail:
	portal_db_rollback(r);
	return rc == PORTAL_ERR_DB_DOWN ? 503 : 500;
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_PUBLIC("GET", "/login", show, show_fields),
	PORTAL_ROUTE_PUBLIC("POST", "/login", submit, login_fields),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "login.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "login", routes, templates };
	return portal_main(argc, argv, &prog);
}
