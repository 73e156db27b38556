/* account.c: Mijn account (/account): every logged-in user manages themselves, their own data only (every
 * statement is keyed by the session's user).
 *  - name and language; own roles and the rights they give, in words;
 *  - e-mail address: changed only through a link sent to the new address, with a notice to the old one;
 *  - mobile number (AUTH-09): a login of at most 20 minutes ago, a code sent to the new number, a notice
 *    to the old number and address, the offer to end the other sessions;
 *  - password (AUTH-01/02): the current one required; the other sessions end (this one is kept if chosen);
 *  - sessions (SES-05): device, address, start and last activity; end one, or all others;
 *  - re-authentication (SES-07) before sensitive changes elsewhere (/account/reauth?next=...);
 *  - the authenticator app (/account/totp): enrol (a sealed 160-bit secret shown as text and QR code, active
 *    only after a right code), choose it or the SMS code as the default second factor, remove it.
 * Notices of number, address, password and second-factor changes go out through the outboxes (LOG-03). */
#include "account.h"

static const char *const langs[] = { "nl", "en", NULL };
const char *const one[] = { "1", NULL };
static const char *const notices[] = { "profile", "email_sent", "email_changed", "mobile_sent", "mobile_changed",
	"password", "session_ended", "others_ended", NULL };

const struct portal_field view_fields[] = {
	[VF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field profile_fields[] = {
	[PRF_GIVEN] = { "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	[PRF_PREFIX] = { "name_prefix", PF_LINE, 0, 0, 30, NULL },
	[PRF_FAMILY] = { "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	[PRF_LANG] = { "lang", PF_ENUM, PF_REQUIRED, 0, 0, langs },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field email_fields[] = {
	[EMF_EMAIL] = { "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL },
	[EMF_PASSWORD] = { "password", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field token_fields[] = {
	[TF_T] = { "t", PF_LINE, 0, 0, 64, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field mobile_fields[] = {
	[MF_MOBILE] = { "mobile", PF_PHONE, PF_REQUIRED, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field mobile_code_fields[] = {
	[MCF_CODE] = { "code", PF_DIGITS, PF_REQUIRED, 6, 6, NULL },
	[MCF_END_OTHERS] = { "end_others", PF_ENUM, 0, 0, 0, one },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field password_fields[] = {
	[PWF_CURRENT] = { "current", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	[PWF_NEW] = { "password", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	[PWF_NEW2] = { "password2", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	[PWF_KEEP] = { "keep", PF_ENUM, 0, 0, 0, one },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field lang_fields[] = {
	[LF_LANG] = { "lang", PF_ENUM, PF_REQUIRED, 0, 0, langs },
	[LF_NEXT] = { "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field reauth_show_fields[] = {
	[RSF_NEXT] = { "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field reauth_fields[] = {
	[RF_PASSWORD] = { "password", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	[RF_NEXT] = { "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};


enum portal_lang own_lang(struct portal_req *r)
{
	enum portal_lang l = portal_lang_parse(r->sess.user_lang);
	return l == PORTAL_NLANG ? r->lang : l;
}

/* A notice mail to the user's current address (LOG-03), in the caller's transaction. */
enum portal_err notify(struct portal_req *r, const char *to, const char *kind, const char *detail)
{
	enum portal_lang lang = own_lang(r);
	const char *subject = portal_text_lang(lang, portal_printf(r, "Mail.%s_subject", kind));
	const char *body = portal_fill(r, portal_text_lang(lang, portal_printf(r, "Mail.%s_body", kind)),
		"name", r->sess.given_name, "detail", detail, "support", portal_cf->support_name, NULL);
	return portal_mail_enqueue(r, r->sess.user_id, to, subject, body);
}

enum { PH_HASH, PH__N };
PORTAL_SQL(sql_pw_hash, PH__N,
	"SELECT password_hash FROM users WHERE id = ?");

/* The current password, counted against the account's login throttle when wrong (AUTH-04).
 * Returns 0 when right, else the status to answer (401, 429, 503). */
int check_password(struct portal_req *r, const struct portal_value *pw)
{
	const char *email = r->sess.email;
	int64_t w = portal_throttle_wait(r, PORTAL_TH_PW_ACCT, email, strlen(email));
	if (w < 0)
		return 503;
	if (w > 0)
		return portal_retry_after(r, w);
	struct portal_rows *q;
	if (portal_query_row(r, &q, &sql_pw_hash, "i", r->sess.user_id) != PORTAL_OK)
		return 503;
	const char *hash = portal_strdup(r, portal_col(q, PH_HASH));
	if (!pw->valid || !portal_pw_verify(hash, pw->s, pw->len)) {
		if (portal_throttle_fail(r, PORTAL_TH_PW_ACCT, email, strlen(email)) != PORTAL_OK)
			return 503;
		portal_audit(r, "password_check_failed", r->sess.home_org_id, r->sess.user_id, "wrong current password");
		return 401;
	}
	portal_throttle_clear(r, PORTAL_TH_PW_ACCT, email, strlen(email));
	return 0;
}


PORTAL_PROGRAM("account", ("account.cs", "account_email.cs", "account_mobile.cs", "account_reauth.cs",
	"account_totp.cs"),
	PORTAL_ROUTE_USER("GET", "/account", view, view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/account/security", view, view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/account/sessions", view, view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/account/profile", profile, profile_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/account/email/change", email_change, email_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_PUBLIC("GET", "/account/email", email_show, token_fields),
	PORTAL_ROUTE_PUBLIC("POST", "/account/email", email_confirm, token_fields),
	PORTAL_ROUTE_USER("GET", "/account/mobile", mobile_show, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/account/mobile", mobile_change, mobile_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/account/mobile/confirm", mobile_confirm, mobile_code_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/account/password", password, password_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/account/sessions/#/end", session_end_one, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/account/sessions/others", session_end_others, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/account/reauth", reauth_show, reauth_show_fields, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP),
	PORTAL_ROUTE_USER("POST", "/account/reauth", reauth, reauth_fields, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP),
	PORTAL_ROUTE_USER("POST", "/account/lang", set_lang, lang_fields, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP),
	PORTAL_ROUTE_USER("GET", "/account/reauth/resume", reauth_resume, NULL, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP),
	PORTAL_ROUTE_USER("GET", "/account/totp", totp_show, totp_view_fields, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP),
	PORTAL_ROUTE_USER("GET", "/account/totp/qr", totp_qr, NULL, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP),
	PORTAL_ROUTE_USER("POST", "/account/totp/start", totp_start, NULL, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP),
	PORTAL_ROUTE_USER("POST", "/account/totp/confirm", totp_confirm, totp_code_fields, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP),
	PORTAL_ROUTE_USER("POST", "/account/totp/remove", totp_remove, NULL, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP),
	PORTAL_ROUTE_USER("POST", "/account/totp/prefer", totp_prefer, totp_prefer_fields, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP)
)
