/* verify_sms.c: the second step of the login (/verify_sms): the 6-digit SMS code.
 * Only a half-logged-in session reaches these routes (SES-03). A right code replaces the session token
 * and completes the login (and confirms the number it went to, if it was not yet confirmed); 5 wrong entries void the code; 20 failures per account in 15 minutes, over
 * all sessions, answer 429 (AUTH-05, AUTH-06). A resend voids the previous code and is capped (AUTH-07). */
#include <string.h>

#include "portal.h"
#include "site.h"

static const char *const notices[] = { "resent", "wait", NULL };

enum { SF_NEXT, SF_M };
static const struct portal_field show_fields[] = {
	[SF_NEXT] = { "next", PF_PATH, 0, 0, 0, NULL },
	[SF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { F_CODE, F_NEXT };
static const struct portal_field code_fields[] = {
	[F_CODE] = { "code", PF_DIGITS, PF_REQUIRED, 6, 6, NULL },
	[F_NEXT] = { "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { RF_NEXT };
static const struct portal_field resend_fields[] = {
	[RF_NEXT] = { "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static int page(struct portal_req *r, int status, const char *error_key, const char *notice_key,
	const struct portal_value *next)
{
	portal_set(r, "Page.mobile", portal_mask_phone(r, r->sess.mobile));   /* not yet proven the owner */
	portal_set_int(r, "Page.has_app", r->sess.has_totp);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	if (notice_key)
		portal_set_text(r, "Page.notice", notice_key);
	if (next->valid && next->s)
		portal_set(r, "Page.next", next->s);
	return portal_render(r, status, "verify_sms.cs");
}

/* The authenticator-app variant of the page. */
static int app_page(struct portal_req *r, int status, const char *error_key, const struct portal_value *next)
{
	portal_set_int(r, "Page.app", 1);
	portal_set_int(r, "Page.has_mobile", r->sess.mobile != NULL && !portal_app_only(r));
	return page(r, status, error_key, NULL, next);
}

/* GET /verify_sms/app — pending session. In: next. Out: 200 the form for a code from the app. */
static int app_show(struct portal_req *r)
{
	return app_page(r, 200, NULL, &r->in[RF_NEXT]);
}

PORTAL_SQL(sql_login_ok, 0,
	"UPDATE users SET last_login_at = ? WHERE id = ?");

/* POST /verify_sms/app — pending session, CSRF-checked. In: code (6 digits), next. A right code from the
 * user's authenticator app (±1 step, once only) completes the login with a fresh session token.
 * Out: 303 to next or /home; 401 wrong or used; 422 malformed; 429 after 5 wrong codes in 5 minutes
 * (AUTH-12) or the second-factor limits per account and address. */
static int app_submit(struct portal_req *r)
{
	const struct portal_value *code = &r->in[F_CODE], *next = &r->in[F_NEXT];
	int64_t uid = r->sess.user_id, org = r->sess.home_org_id;
	int64_t w1 = portal_throttle_wait(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid);
	int64_t w2 = w1 < 0 ? -1 : portal_throttle_wait(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid);
	int64_t w3 = w2 < 0 ? -1 : portal_throttle_wait(r, PORTAL_TH_OTP_IP, r->remote_addr, strlen(r->remote_addr));
	if (w1 < 0 || w2 < 0 || w3 < 0)
		return 503;
	int64_t w = w1 > w2 ? w1 : w2;
	w = w > w3 ? w : w3;
	if (w > 0) {
		portal_audit(r, "2fa_throttled", org, uid, "authenticator app");
		return app_page(r, portal_retry_after(r, w), "Err.throttled", next);
	}
	if (!code->valid)
		return app_page(r, 422, code->err, next);
	enum portal_err rc;
	bool ok = false;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_totp_verify_user(r, uid, code->s, false, &ok)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (ok) {
		if ((rc = portal_session_promote(r)) != PORTAL_OK ||
		    (rc = portal_exec(r, &sql_login_ok, NULL, "ii", r->now, uid)) != PORTAL_OK ||
		    (rc = portal_audit(r, "login_ok", org, uid, "password and authenticator app")) != PORTAL_OK ||
		    (rc = portal_db_commit(r)) != PORTAL_OK)
			return portal_failed(r, rc);
		portal_throttle_clear(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid);
		portal_throttle_clear(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid);
		return portal_redirect(r, next->valid && next->s ? next->s : "/home");
	}
	portal_db_rollback(r);
	if (portal_throttle_fail(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid) != PORTAL_OK ||
	    portal_throttle_fail(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid) != PORTAL_OK ||
	    portal_throttle_fail(r, PORTAL_TH_OTP_IP, r->remote_addr, strlen(r->remote_addr)) != PORTAL_OK)
		return 503;
	portal_audit(r, "2fa_failed", org, uid, "wrong or used authenticator code");
	return app_page(r, 401, "Totp.wrong", next);
}

/* The warning that no code went out, with how long to wait (0: a code may be requested now). */
static void not_sent(struct portal_req *r, const char *key, int64_t wait)
{
	portal_set_int(r, "Page.unsent", 1);
	if (wait > 0)
		portal_set(r, "Page.warning", portal_fill(r, portal_text(r, key), "wait", portal_duration_words(r, wait), NULL));
	else
		portal_set_text(r, "Page.info", "Login.sms_ready");
}

/* GET /verify_sms — pending session. In: next, m (resent; wait: the login sent no code, the cap held it
 * back). Out: 200 form. */
static int show(struct portal_req *r)
{
	const struct portal_value *m = &r->in[SF_M];
	if (m->valid && m->s && m->i == 1) {
		int64_t wait = 0;
		if (portal_sms_wait(r, r->sess.user_id, &wait) != PORTAL_OK)
			return 503;
		not_sent(r, "Login.sms_wait", wait);
		return page(r, 200, NULL, NULL, &r->in[SF_NEXT]);
	}
	return page(r, 200, NULL, m->valid && m->s ? "Verify.resent" : NULL, &r->in[SF_NEXT]);
}

/* a right SMS code confirms the number it was sent to, and only that number (AUTH-10) */
PORTAL_SQL(sql_mobile_verified, 0,
	"UPDATE users SET mobile_verified_at = ? WHERE id = ? AND mobile = ? AND mobile_verified_at IS NULL");

/* POST /verify_sms — pending session, CSRF-checked. In: code (6 digits), next.
 * Out: 303 to next or /home with a fresh full session; 401 wrong, void, expired or no code;
 * 422 malformed code; 429 too many failures for this account or address. */
static int submit(struct portal_req *r)
{
	const struct portal_value *code = &r->in[F_CODE], *next = &r->in[F_NEXT];
	int64_t uid = r->sess.user_id, org = r->sess.home_org_id;
	int64_t w1 = portal_throttle_wait(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid);
	int64_t w2 = w1 < 0 ? -1 : portal_throttle_wait(r, PORTAL_TH_OTP_IP, r->remote_addr, strlen(r->remote_addr));
	if (w1 < 0 || w2 < 0)
		return 503;
	if (w1 > 0 || w2 > 0) {
		portal_audit(r, "2fa_throttled", org, uid, w1 > 0 ? "per account" : "per address");
		return page(r, portal_retry_after(r, w1 > w2 ? w1 : w2), "Err.throttled", NULL, next);
	}
	if (!code->valid)
		return page(r, 422, code->err, NULL, next);

	enum portal_sms_result res;
	enum portal_err rc;
	const char *phone = NULL;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_sms_verify(r, r->sess.id, code->s, &res, &phone)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (res == PORTAL_SMS_OK) {
		/* the first right code sent to a number confirms that number (AUTH-10) */
		struct portal_wrote w = { 0, 0 };
		if (phone && (rc = portal_exec(r, &sql_mobile_verified, &w, "iis", r->now, uid, phone)) != PORTAL_OK)
			return portal_failed(r, rc);
		if (w.rows == 1 &&
		    (rc = portal_audit(r, "mobile_confirmed", org, uid, "by a right SMS code")) != PORTAL_OK)
			return portal_failed(r, rc);
		if ((rc = portal_session_promote(r)) != PORTAL_OK ||
		    (rc = portal_exec(r, &sql_login_ok, NULL, "ii", r->now, uid)) != PORTAL_OK ||
		    (rc = portal_audit(r, "login_ok", org, uid, "password and SMS code")) != PORTAL_OK ||
		    (rc = portal_db_commit(r)) != PORTAL_OK)
			return portal_failed(r, rc);
		portal_throttle_clear(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid);
		return portal_redirect(r, next->valid && next->s ? next->s : "/home");
	}
	static const char *const detail[] = { "", "wrong code", "code voided after 5 wrong entries", "code expired",
		"no open code" };
	if ((rc = portal_audit(r, "2fa_failed", org, uid, detail[res])) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (res == PORTAL_SMS_WRONG || res == PORTAL_SMS_VOID) {
		if (portal_throttle_fail(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid) != PORTAL_OK ||
		    portal_throttle_fail(r, PORTAL_TH_OTP_IP, r->remote_addr, strlen(r->remote_addr)) != PORTAL_OK)
			return 503;
	}
	static const char *const keys[] = { "", "Verify.wrong", "Verify.void", "Verify.expired", "Verify.none" };
	return page(r, 401, keys[res], NULL, next);
}

/* POST /verify_sms/resend — pending session, CSRF-checked. In: next.
 * Out: 303 back to the form with a new code (the old one voided); 429 when the SMS cap is reached. */
static int resend(struct portal_req *r)
{
	const struct portal_value *next = &r->in[RF_NEXT];
	if (!r->sess.mobile)   /* an app-only account: no number to send a code to */
		return app_page(r, 409, "Login.no_mobile", next);
	/* vendor staff who have an app use it; no SMS instead (AUTH-08) */
	if (portal_app_only(r))
		return app_page(r, 403, "Totp.vendor_must", next);
	enum portal_lang lang = portal_lang_parse(r->sess.user_lang);
	int64_t wait = 0;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_sms_challenge(r, r->sess.id, r->sess.user_id, r->sess.mobile,
		     lang == PORTAL_NLANG ? r->lang : lang, &wait)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (wait > 0) {
		portal_db_rollback(r);
		portal_audit(r, "sms_capped", r->sess.home_org_id, r->sess.user_id, "resend refused");
		portal_set(r, "Page.warning", portal_fill(r, portal_text(r, "Verify.resend_wait"), "wait",
			portal_duration_words(r, wait), NULL));
		return page(r, portal_retry_after(r, wait), NULL, NULL, next);
	}
	if ((rc = portal_audit(r, "sms_resent", r->sess.home_org_id, r->sess.user_id, "")) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (next->valid && next->s)
		return portal_redirect(r, portal_printf(r, "/verify_sms?m=resent&next=%s", portal_url_encode(r, next->s)));
	return portal_redirect(r, "/verify_sms?m=resent");
}

PORTAL_PROGRAM("verify_sms", ("verify_sms.cs"),
	PORTAL_ROUTE_PENDING("GET", "/verify_sms", show, show_fields),
	PORTAL_ROUTE_PENDING("POST", "/verify_sms", submit, code_fields),
	PORTAL_ROUTE_PENDING("POST", "/verify_sms/resend", resend, resend_fields),
	PORTAL_ROUTE_PENDING("GET", "/verify_sms/app", app_show, resend_fields),
	PORTAL_ROUTE_PENDING("POST", "/verify_sms/app", app_submit, code_fields)
)
