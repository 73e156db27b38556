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
#include <string.h>

#include <openssl/crypto.h>

#include "portal.h"
#include "site.h"

static const char *const langs[] = { "nl", "en", NULL };
static const char *const one[] = { "1", NULL };
static const char *const notices[] = { "profile", "email_sent", "email_changed", "mobile_sent", "mobile_changed",
	"password", "session_ended", "others_ended", NULL };

enum { VF_M };
static const struct portal_field view_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { PRF_GIVEN, PRF_PREFIX, PRF_FAMILY, PRF_LANG };
static const struct portal_field profile_fields[] = {
	{ "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "name_prefix", PF_LINE, 0, 0, 30, NULL },
	{ "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "lang", PF_ENUM, PF_REQUIRED, 0, 0, langs },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { EMF_EMAIL, EMF_PASSWORD };
static const struct portal_field email_fields[] = {
	{ "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL },
	{ "password", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { TF_T };
static const struct portal_field token_fields[] = {
	{ "t", PF_LINE, 0, 0, 64, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { MF_MOBILE };
static const struct portal_field mobile_fields[] = {
	{ "mobile", PF_PHONE, PF_REQUIRED, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { MCF_CODE, MCF_END_OTHERS };
static const struct portal_field mobile_code_fields[] = {
	{ "code", PF_DIGITS, PF_REQUIRED, 6, 6, NULL },
	{ "end_others", PF_ENUM, 0, 0, 0, one },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { PWF_CURRENT, PWF_NEW, PWF_NEW2, PWF_KEEP };
static const struct portal_field password_fields[] = {
	{ "current", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	{ "password", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	{ "password2", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	{ "keep", PF_ENUM, 0, 0, 0, one },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { LF_LANG, LF_NEXT };
static const struct portal_field lang_fields[] = {
	{ "lang", PF_ENUM, PF_REQUIRED, 0, 0, langs },
	{ "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { RSF_NEXT };
static const struct portal_field reauth_show_fields[] = {
	{ "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { RF_PASSWORD, RF_NEXT };
static const struct portal_field reauth_fields[] = {
	{ "password", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	{ "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static int fail_status(struct portal_req *r, enum portal_err rc)
{
	if (r->in_tx)
		portal_db_rollback(r);
	return rc == PORTAL_ERR_DB_DOWN ? 503 : rc == PORTAL_ERR_CONFIG ? portal_error(r, 500, "Err.no_base_url") : 500;
}

static enum portal_lang own_lang(struct portal_req *r)
{
	enum portal_lang l = portal_lang_parse(r->sess.user_lang);
	return l == PORTAL_NLANG ? r->lang : l;
}

/* A notice mail to the user's current address (LOG-03), in the caller's transaction. */
static enum portal_err notify(struct portal_req *r, const char *to, const char *kind, const char *detail)
{
	enum portal_lang lang = own_lang(r);
	const char *subject = portal_text_lang(lang, portal_printf(r, "Mail.%s_subject", kind));
	const char *body = portal_fill(r, portal_text_lang(lang, portal_printf(r, "Mail.%s_body", kind)),
		"name", r->sess.given_name, "detail", detail, "support", portal_cf->support_name, NULL);
	return portal_mail_enqueue(r, r->sess.user_id, to, subject, body);
}

/* The current password, counted against the account's login throttle when wrong (AUTH-04).
 * Returns 0 when right, else the status to answer (401, 429, 503). */
static int check_password(struct portal_req *r, const struct portal_value *pw)
{
	const char *email = r->sess.email;
	int64_t w = portal_throttle_wait(r, PORTAL_TH_PW_ACCT, email, strlen(email));
	if (w < 0)
		return 503;
	if (w > 0)
		return portal_retry_after(r, w);
	if (portal_db_row(r, ST_USER_PW_HASH, "i", r->sess.user_id) != PORTAL_OK)
		return 503;
	const char *hash = portal_strdup(r, portal_db_str(ST_USER_PW_HASH, 0));
	if (!pw->valid || !portal_pw_verify(hash, pw->s, pw->len)) {
		if (portal_throttle_fail(r, PORTAL_TH_PW_ACCT, email, strlen(email)) != PORTAL_OK)
			return 503;
		portal_audit(r, "password_check_failed", r->sess.home_org_id, r->sess.user_id, "wrong current password");
		return 401;
	}
	portal_throttle_clear(r, PORTAL_TH_PW_ACCT, email, strlen(email));
	return 0;
}

/* ---- the overview ---- */

/* Mijn account's sub-pages: profile (/account: name, language, roles), security (/account/security: address,
 * number, password, the app), sessions (/account/sessions). A form's error shows on the sub-page it belongs to. */
static int overview(struct portal_req *r, int status, const char *error_key, const char *error_section)
{
	const char *tab = error_section ? (!strcmp(error_section, "profile") ? "profile" : "security")
		: !strcmp(r->path, "/account/security") ? "security" : !strcmp(r->path, "/account/sessions") ? "sessions"
		: "profile";
	portal_set(r, "Page.tab", tab);
	enum portal_err rc = portal_db_row(r, ST_USER_SELF, "i", r->sess.user_id);
	if (rc != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.mobile_ok", !portal_db_null(ST_USER_SELF, 0));
	portal_set(r, "Page.last_login", portal_when(r, portal_db_int(ST_USER_SELF, 1)));
	portal_set(r, "Page.given_name", r->sess.given_name);
	portal_set(r, "Page.name_prefix", r->sess.name_prefix);
	portal_set(r, "Page.family_name", r->sess.family_name);
	portal_set(r, "Page.user_lang", r->sess.user_lang ? r->sess.user_lang : portal_lang_code(r->lang));
	portal_set(r, "Page.mobile", r->sess.mobile);   /* their own number, in full (CRY-04) */
	portal_set_own_roles(r, "Page.roles");
	if (strcmp(tab, "sessions"))
		goto render;
	if ((rc = portal_db_exec(r, ST_SESSIONS_OF_USER, "i", r->sess.user_id)) != PORTAL_OK)
		return 503;
	size_t n = 0;
	while (portal_db_fetch(r, ST_SESSIONS_OF_USER) == 1) {
		const char *p = portal_printf(r, "Page.sessions.%zu", n++);
		int64_t id = portal_db_int(ST_SESSIONS_OF_USER, 0);
		portal_set_int(r, portal_printf(r, "%s.id", p), id);
		portal_set_int(r, portal_printf(r, "%s.current", p), id == r->sess.id);
		portal_set(r, portal_printf(r, "%s.started", p), portal_when(r, portal_db_int(ST_SESSIONS_OF_USER, 2)));
		portal_set(r, portal_printf(r, "%s.seen", p), portal_ago(r, portal_db_int(ST_SESSIONS_OF_USER, 3)));
		portal_set(r, portal_printf(r, "%s.addr", p), portal_db_str(ST_SESSIONS_OF_USER, 4));
		portal_set(r, portal_printf(r, "%s.agent", p), portal_device(r, portal_db_str(ST_SESSIONS_OF_USER, 5)));
		portal_set(r, portal_printf(r, "%s.ua", p), portal_db_str(ST_SESSIONS_OF_USER, 5));
	}
	portal_set_int(r, "Page.nsessions", (long long)n);
render:;
	const struct portal_value *m = r->route->fields == view_fields ? &r->in[VF_M] : NULL;
	if (m && m->valid && m->s)
		portal_set_text(r, "Page.notice", portal_printf(r, "Account.notice_%s", m->s));
	if (error_key) {
		portal_set_text(r, "Page.error", error_key);
		portal_set(r, "Page.error_section", error_section);
	}
	return portal_render(r, status, "account.cs");
}

/* GET /account, /account/security, /account/sessions — any logged-in user. In: m (notice). Out: 200. */
static int view(struct portal_req *r)
{
	return overview(r, 200, NULL, NULL);
}

/* POST /account/profile — CSRF. In: given_name, name_prefix, family_name, lang. Out: 303; 422. */
static int profile(struct portal_req *r)
{
	for (int i = PRF_GIVEN; i <= PRF_LANG; i++)
		if (!r->in[i].valid)
			return overview(r, 422, r->in[i].err, "profile");
	const char *given = r->in[PRF_GIVEN].s, *prefix = r->in[PRF_PREFIX].s ? r->in[PRF_PREFIX].s : "";
	const char *family = r->in[PRF_FAMILY].s, *lang = r->in[PRF_LANG].s;
	const char *detail = portal_printf(r, "name %s -> %s; language %s -> %s",
		portal_full_name(r, r->sess.given_name, r->sess.name_prefix, r->sess.family_name),
		portal_full_name(r, given, prefix, family), r->sess.user_lang ? r->sess.user_lang : "-", lang);
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_db_exec(r, ST_USER_SET_PROFILE, "ssssi", given, prefix, family, lang, r->sess.user_id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "profile_changed", r->sess.home_org_id, r->sess.user_id, detail)) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return fail_status(r, rc);
	portal_cookie(r, "pw_lang", lang, 365L * 86400);
	return portal_redirect(r, "/account?m=profile");
}

/* POST /account/lang — CSRF. In: lang, next (the page it was chosen on, with its query). The header's language
 * switch: the choice is the user's, saved with their profile, so every later page and mail speaks it.
 * Out: 303 to next. */
static int set_lang(struct portal_req *r)
{
	if (!r->in[LF_LANG].valid || !r->in[LF_NEXT].valid)
		return portal_error(r, 422, portal_invalid(r));
	const char *lang = r->in[LF_LANG].s, *next = r->in[LF_NEXT].s ? r->in[LF_NEXT].s : "/home";
	enum portal_err rc;
	if (!r->sess.user_lang || strcmp(r->sess.user_lang, lang)) {
		if ((rc = portal_db_begin(r)) != PORTAL_OK ||
		    (rc = portal_db_exec(r, ST_USER_SET_LANG, "si", lang, r->sess.user_id)) != PORTAL_OK ||
		    (rc = portal_audit(r, "profile_changed", r->sess.home_org_id, r->sess.user_id,
			     portal_printf(r, "language %s -> %s", r->sess.user_lang ? r->sess.user_lang : "-", lang))) != PORTAL_OK ||
		    (rc = portal_db_commit(r)) != PORTAL_OK)
			return fail_status(r, rc);
	}
	portal_cookie(r, "pw_lang", lang, 365L * 86400);
	return portal_redirect(r, next);
}

/* ---- e-mail address ---- */

/* POST /account/email — CSRF. In: email (the new address), password (the current one).
 * Out: 303 "we sent a link to the new address" whether or not it has an account somewhere: the mail there says
 * which (a confirmation link, valid 24 h, or that the address is taken and nothing changes), so the form tells
 * nobody who has an account; 401 wrong password; 422 malformed; 429 throttled. Nothing changes until the link is
 * used. */
static int email_change(struct portal_req *r)
{
	const struct portal_value *email = &r->in[EMF_EMAIL];
	if (!email->valid)
		return overview(r, 422, email->err, "email");
	int st = check_password(r, &r->in[EMF_PASSWORD]);
	if (st)
		return st == 401 ? overview(r, 401, "Account.reauth_wrong", "email") : st == 429
			? overview(r, 429, "Err.throttled", "email") : st;
	if (!strcmp(email->s, r->sess.email))
		return overview(r, 422, "Account.email_same", "email");
	bool taken;
	enum portal_err rc = portal_email_in_use(r, email->s, &taken);
	if (rc != PORTAL_OK)
		return 503;
	char token[PORTAL_TOKEN_LEN + 1];
	enum portal_lang lang = own_lang(r);
	const char *subject, *body;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return fail_status(r, rc);
	if (taken) {   /* its owner hears of it; this form answers as for any address */
		subject = portal_text_lang(lang, "Mail.email_taken_subject");
		body = portal_fill(r, portal_text_lang(lang, "Mail.email_taken_body"), "support", portal_cf->support_name, NULL);
	} else {
		if ((rc = portal_utoken_new(r, r->sess.user_id, PORTAL_TOK_EMAIL, 24 * 3600, email->s, token)) != PORTAL_OK)
			return fail_status(r, rc);
		const char *link = portal_link(r, portal_printf(r, "/account/email?t=%s", token));
		memset(token, 0, sizeof token);
		if (!link)
			return fail_status(r, PORTAL_ERR_CONFIG);
		subject = portal_text_lang(lang, "Mail.email_confirm_subject");
		body = portal_fill(r, portal_text_lang(lang, "Mail.email_confirm_body"), "name", r->sess.given_name, "link", link,
			"support", portal_cf->support_name, NULL);
	}
	if ((rc = portal_mail_enqueue(r, taken ? 0 : r->sess.user_id, email->s, subject, body)) != PORTAL_OK ||
	    (rc = notify(r, r->sess.email, "email_requested", email->s)) != PORTAL_OK ||
	    (rc = portal_audit(r, "email_change_requested", r->sess.home_org_id, r->sess.user_id,
		     portal_printf(r, "%s -> %s (%s)", r->sess.email, email->s, taken ? "the address has an account: no link,"
			     " its owner told" : "link sent to the new address"))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return fail_status(r, rc);
	return portal_redirect(r, "/account/security?m=email_sent");
}

/* GET /account/email — public (the link may be opened on another device). In: t.
 * Out: 200 a page with a button (a GET changes nothing); 404 dead link. */
static int email_show(struct portal_req *r)
{
	struct portal_utoken tok;
	const struct portal_value *t = &r->in[TF_T];
	enum portal_err rc = t->valid && t->s ? portal_utoken_find(r, t->s, PORTAL_TOK_EMAIL, &tok) : PORTAL_ERR_NOTFOUND;
	if (rc == PORTAL_ERR_NOTFOUND) {
		portal_set(r, "Page.mode", "reset");
		return portal_render(r, 404, "account_email.cs");
	}
	if (rc != PORTAL_OK)
		return 503;
	portal_set(r, "Page.t", t->s);
	portal_set(r, "Page.new_email", tok.new_email);
	return portal_render(r, 200, "account_email.cs");
}

/* POST /account/email — public, CSRF. In: t. Out: 303 to /login (every session ends: the login changed)
 * or /account; 404 dead link; 409 the address was taken meanwhile. */
static int email_confirm(struct portal_req *r)
{
	struct portal_utoken tok;
	const struct portal_value *t = &r->in[TF_T];
	enum portal_err rc;
	if (!t->valid || !t->s)
		return portal_render(r, 404, "account_email.cs");
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	rc = portal_utoken_find(r, t->s, PORTAL_TOK_EMAIL, &tok);
	if (rc == PORTAL_ERR_NOTFOUND) {
		portal_db_rollback(r);
		return portal_render(r, 404, "account_email.cs");
	}
	if (rc != PORTAL_OK || (rc = portal_utoken_use(r, tok.id)) != PORTAL_OK)
		return fail_status(r, rc);
	rc = portal_db_exec(r, ST_USER_SET_EMAIL, "si", tok.new_email, tok.user_id);
	if (rc == PORTAL_ERR_DUP) {
		portal_db_rollback(r);
		return portal_error(r, 409, "Users.email_taken");
	}
	if (rc != PORTAL_OK || portal_db_affected(ST_USER_SET_EMAIL) != 1) {
		portal_db_rollback(r);
		return rc == PORTAL_OK ? portal_render(r, 404, "account_email.cs") : fail_status(r, rc);
	}
	if ((rc = portal_audit(r, "email_changed", tok.org_id, tok.user_id,
		     portal_printf(r, "e-mail address -> %s, confirmed by the link", tok.new_email))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return fail_status(r, rc);
	return portal_redirect(r, r->sess.stage == PORTAL_STAGE_FULL && r->sess.user_id == tok.user_id
		? "/account?m=email_changed" : "/login");
}

/* ---- mobile number (AUTH-09) ---- */

static int mobile_page(struct portal_req *r, int status, const char *error_key)
{
	enum portal_err rc = portal_db_row(r, ST_SMS_CH_PENDING, "ii", r->sess.id, r->now);
	if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
		return 503;
	if (rc == PORTAL_OK)
		portal_set(r, "Page.new_mobile", portal_db_str(ST_SMS_CH_PENDING, 0));   /* their own new number */
	portal_set(r, "Page.mobile", r->sess.mobile);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	return portal_render(r, status, "account_mobile.cs");
}

/* GET /account/mobile — a login ≤ 20 minutes old, else re-authentication first. Out: 200. */
static int mobile_show(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_NUMBER))
		return portal_reauth_redirect(r, "/account/mobile");
	return mobile_page(r, 200, NULL);
}

/* POST /account/mobile — CSRF, a login ≤ 20 minutes old. In: mobile (the new number).
 * Out: 303 back with a code sent to the new number; 403 stale login; 422 not a mobile number;
 * 429 SMS cap reached. The number changes only when the code comes back. */
static int mobile_change(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_NUMBER))
		return portal_error(r, 403, "Err.reauth_number");
	const struct portal_value *m = &r->in[MF_MOBILE];
	if (!m->valid)
		return mobile_page(r, 422, m->err);
	if (r->sess.mobile && !strcmp(m->s, r->sess.mobile))
		return mobile_page(r, 422, "Account.mobile_same");
	int64_t wait = 0;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_sms_challenge(r, r->sess.id, r->sess.user_id, m->s, own_lang(r), &wait)) != PORTAL_OK)
		return fail_status(r, rc);
	if (wait > 0) {
		portal_db_rollback(r);
		return mobile_page(r, portal_retry_after(r, wait), "Verify.resend_wait");
	}
	if ((rc = portal_audit(r, "mobile_change_requested", r->sess.home_org_id, r->sess.user_id,
		     portal_printf(r, "code sent to %s", portal_mask_phone(r, m->s)))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return fail_status(r, rc);
	return portal_redirect(r, "/account/mobile");
}

/* POST /account/mobile/confirm — CSRF. In: code, end_others. Out: 303 to /account with the new number
 * confirmed, a notice to the old number and the address, the other sessions ended if asked; 401 wrong,
 * void or expired code; 429 too many failures (AUTH-06). */
static int mobile_confirm(struct portal_req *r)
{
	const struct portal_value *code = &r->in[MCF_CODE];
	int64_t uid = r->sess.user_id;
	int64_t w = portal_throttle_wait(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid);
	if (w < 0)
		return 503;
	if (w > 0)
		return mobile_page(r, portal_retry_after(r, w), "Err.throttled");
	if (!code->valid)
		return mobile_page(r, 422, code->err);
	enum portal_sms_result res;
	const char *phone = NULL, *old = r->sess.mobile;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_sms_verify(r, r->sess.id, code->s, &res, &phone)) != PORTAL_OK)
		return fail_status(r, rc);
	if (res != PORTAL_SMS_OK) {
		if ((rc = portal_audit(r, "mobile_change_failed", r->sess.home_org_id, uid, "wrong, void or expired code"))
			!= PORTAL_OK || (rc = portal_db_commit(r)) != PORTAL_OK)
			return fail_status(r, rc);
		if (res == PORTAL_SMS_WRONG || res == PORTAL_SMS_VOID)
			portal_throttle_fail(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid);
		static const char *const keys[] = { "", "Verify.wrong", "Verify.void", "Verify.expired", "Verify.none" };
		return mobile_page(r, 401, keys[res]);
	}
	bool end_others = r->in[MCF_END_OTHERS].s != NULL;
	const char *detail = portal_printf(r, "mobile %s -> %s, confirmed by a code%s",
		old ? portal_mask_phone(r, old) : "none", portal_mask_phone(r, phone), end_others ? "; other sessions ended" : "");
	if ((rc = portal_db_exec(r, ST_USER_SET_MOBILE, "sii", phone, r->now, uid)) != PORTAL_OK ||
	    (end_others && (rc = portal_db_exec(r, ST_SESSION_DELETE_OTHERS, "ii", uid, r->sess.id)) != PORTAL_OK) ||
	    (old && (rc = portal_sms_enqueue(r, uid, old, portal_fill(r, portal_text_lang(own_lang(r), "Sms.number_changed"),
		     "new", portal_mask_phone(r, phone), NULL))) != PORTAL_OK) ||
	    (rc = notify(r, r->sess.email, "mobile_changed", portal_mask_phone(r, phone))) != PORTAL_OK ||
	    (rc = portal_audit(r, "mobile_changed", r->sess.home_org_id, uid, detail)) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return fail_status(r, rc);
	portal_throttle_clear(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid);
	return portal_redirect(r, "/account/security?m=mobile_changed");
}

/* ---- password ---- */

/* POST /account/password — CSRF. In: current, password, password2, keep (this session).
 * Out: 303 (to /account, or to /login when this session ends too); 401 wrong current password;
 * 422 a new password that breaks the rules (with the reason); 429 throttled. Every other session ends. */
static int password(struct portal_req *r)
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
	    (rc = portal_db_exec(r, ST_SESSION_DELETE_OTHERS, "ii", uid, r->sess.id)) != PORTAL_OK ||
	    (rc = notify(r, r->sess.email, "password_changed", "")) != PORTAL_OK ||
	    (rc = portal_audit(r, "password_changed", r->sess.home_org_id, uid,
		     keep ? "other sessions ended" : "all sessions ended")) != PORTAL_OK ||
	    (!keep && (rc = portal_session_end(r)) != PORTAL_OK) ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return fail_status(r, rc);
	return portal_redirect(r, keep ? "/account/security?m=password" : "/login?m=logged_out");
}

/* ---- sessions ---- */

/* POST /account/sessions/#/end — CSRF. Ends one of the user's own sessions (another user's id: 404).
 * Out: 303 (to /login when it was this one). */
static int session_end_one(struct portal_req *r)
{
	enum portal_err rc;
	bool self = r->path_id == r->sess.id;
	int64_t uid = r->sess.user_id, org = r->sess.home_org_id;
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_db_exec(r, ST_SESSION_DELETE_OWN, "ii", r->path_id, uid)) != PORTAL_OK)
		return fail_status(r, rc);
	if (portal_db_affected(ST_SESSION_DELETE_OWN) != 1) {
		portal_db_rollback(r);
		return portal_error(r, 404, "Err.not_found");
	}
	if ((rc = portal_audit(r, "session_ended", org, uid, self ? "this session" : "another own session")) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return fail_status(r, rc);
	if (self) {
		portal_session_end(r);   /* the row is gone: clears the cookie */
		return portal_redirect(r, "/login?m=logged_out");
	}
	return portal_redirect(r, "/account/sessions?m=session_ended");
}

/* POST /account/sessions/others — CSRF. Ends every own session but this one. Out: 303. */
static int session_end_others(struct portal_req *r)
{
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_db_exec(r, ST_SESSION_DELETE_OTHERS, "ii", r->sess.user_id, r->sess.id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "sessions_ended", r->sess.home_org_id, r->sess.user_id, "all other own sessions")) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return fail_status(r, rc);
	return portal_redirect(r, "/account/sessions?m=others_ended");
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
static int reauth_show(struct portal_req *r)
{
	return reauth_form(r, 200, r->in[RSF_NEXT].valid ? r->in[RSF_NEXT].s : NULL, NULL);
}

/* POST /account/reauth — CSRF. In: password, next.
 * Out: 303 to next (or /account) with the session's login time renewed; 401 wrong password; 429 throttled. */
static int reauth(struct portal_req *r)
{
	const struct portal_value *next = &r->in[RF_NEXT];
	const char *target = next->valid && next->s ? next->s : "/account";
	int st = check_password(r, &r->in[RF_PASSWORD]);
	if (st)
		return st == 401 ? reauth_form(r, 401, target, "Account.reauth_wrong") : st == 429
			? reauth_form(r, 429, target, "Err.throttled") : st;
	enum portal_err rc;   /* the re-authentication and its audit row commit together, or neither */
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_db_exec(r, ST_SESSION_REAUTH, "ii", r->now, r->sess.id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "reauth_ok", r->sess.home_org_id, r->sess.user_id, "password confirmed")) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		return 503;
	}
	/* the change that sent the user here, kept by the library: offer it again rather than lose it */
	rc = portal_db_row(r, ST_RESUME_GET, "ii", r->sess.id, r->now - RESUME_TTL);
	if (rc == PORTAL_OK && !strcmp(portal_db_str(ST_RESUME_GET, 2), target))
		return portal_redirect(r, "/account/reauth/resume");
	return portal_redirect(r, target);
}

/* GET /account/reauth/resume — any logged-in user. Out: 200 the form the user sent before the password was asked,
 * to send again as it was (one button, a fresh CSRF token), shown once; 303 to /account when there is none. */
static int reauth_resume(struct portal_req *r)
{
	enum portal_err rc = portal_db_row(r, ST_RESUME_GET, "ii", r->sess.id, r->now - RESUME_TTL);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_redirect(r, "/account");
	if (rc != PORTAL_OK)
		return 503;
	struct portal_kvs form = { 0 };
	const char *why = NULL;
	const char *path = portal_strdup(r, portal_db_str(ST_RESUME_GET, 0));
	const char *back = portal_strdup(r, portal_db_str(ST_RESUME_GET, 2));
	char *body = portal_alloc(r, portal_db_len(ST_RESUME_GET, 1) + 1);
	memcpy(body, portal_db_str(ST_RESUME_GET, 1), portal_db_len(ST_RESUME_GET, 1));
	body[portal_db_len(ST_RESUME_GET, 1)] = '\0';
	if (portal_db_exec(r, ST_RESUME_DELETE, "i", r->sess.id) != PORTAL_OK)
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

/* ---- the authenticator app (RFC 6238; AUTH-08, AUTH-12, CRY-03) ---- */

static const struct portal_field totp_code_fields[] = {
	{ "code", PF_DIGITS, PF_REQUIRED, 6, 6, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const char *const factors[] = { "sms", "totp", NULL };
static const struct portal_field totp_prefer_fields[] = {
	{ "method", PF_ENUM, PF_REQUIRED, 0, 0, factors },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const char *const totp_notices[] = { "started", "enabled", "removed", "prefer", "required", NULL };
static const struct portal_field totp_view_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, totp_notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static int totp_page(struct portal_req *r, int status, const char *error_key)
{
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_totp_state st;
	rc = portal_totp_state(r, r->sess.user_id, &st);
	portal_db_rollback(r);
	if (rc != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.configured", portal_cf->totp_key_len > 0);
	portal_set_int(r, "Page.enabled", st.enabled);
	portal_set_int(r, "Page.prefer", st.prefer);
	if (st.enabled_at)
		portal_set(r, "Page.since", portal_when(r, st.enabled_at));
	if (st.pending_n) {
		char b32[PORTAL_TOTP_SECRET * 2];
		portal_base32(st.pending, st.pending_n, b32);
		/* groups of four, as apps show them, easier to type */
		struct portal_buf g = { 0 };
		for (size_t i = 0; b32[i]; i++)
			portal_buf_addf(&g, "%s%c", i && i % 4 == 0 ? " " : "", b32[i]);
		portal_set(r, "Page.secret", portal_buf_str(&g));
		portal_buf_free(&g);
		OPENSSL_cleanse(b32, sizeof b32);
	}
	OPENSSL_cleanse(&st, sizeof st);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	else if (r->in && r->route->fields == totp_view_fields && r->in[0].valid && r->in[0].s)
		/* "required" asks for an action before anything else works: a warning, not a success */
		portal_set_text(r, strcmp(r->in[0].s, "required") ? "Page.notice" : "Page.warning",
			portal_printf(r, "Totp.n_%s", r->in[0].s));
	return portal_render(r, status, "account_totp.cs");
}

/* GET /account/totp — any user: the authenticator app's state; during an enrolment its secret and QR code. */
static int totp_show(struct portal_req *r)
{
	return totp_page(r, 200, NULL);
}

/* POST /account/totp/start — CSRF, a recent login (SES-07): a new 160-bit secret, sealed, pending until a right
 * code confirms it (15 minutes). An active app stays active until then. Out: 303 to /account/totp. */
static int totp_start(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/account/totp");
	if (portal_cf->totp_key_len == 0) {
		portal_log(r, PORTAL_LOG_ERR, "portal.totp_key_file is not configured: enrolment refused");
		return totp_page(r, 503, "Totp.not_configured");
	}
	unsigned char secret[20], sealed[PORTAL_TOTP_SEALED];
	size_t sl = 0;
	portal_random(secret, sizeof secret);
	bool ok = portal_totp_seal(r->sess.user_id, secret, sizeof secret, sealed, &sl);
	OPENSSL_cleanse(secret, sizeof secret);
	if (!ok)
		return 500;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK ||
	    (rc = portal_db_exec(r, ST_TOTP_SET_PENDING, "bii", sealed, sl, r->now, r->sess.user_id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "totp_enrolment_started", r->sess.home_org_id, r->sess.user_id, "")) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		return 503;
	}
	return portal_redirect(r, "/account/totp?m=started");
}

/* GET /account/totp/qr — the pending enrolment as a QR code (SVG) of its otpauth:// URI; 404 without one. */
static int totp_qr(struct portal_req *r)
{
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_totp_state st;
	rc = portal_totp_state(r, r->sess.user_id, &st);
	portal_db_rollback(r);
	if (rc != PORTAL_OK)
		return 503;
	if (!st.pending_n)
		return portal_error(r, 404, "Err.not_found");
	char b32[PORTAL_TOTP_SECRET * 2];
	portal_base32(st.pending, st.pending_n, b32);
	OPENSSL_cleanse(&st, sizeof st);
	const char *label = portal_url_encode(r, portal_printf(r, "Poortwachter:%s", r->sess.email));
	char *uri = portal_printf(r, "otpauth://totp/%s?secret=%s&issuer=Poortwachter&algorithm=SHA1&digits=6&period=30",
		label, b32);
	OPENSSL_cleanse(b32, sizeof b32);
	bool ok = portal_qr_svg(r, uri, &r->body);
	OPENSSL_cleanse(uri, strlen(uri));
	if (!ok)
		return 500;
	r->content_type = "image/svg+xml";
	r->status = 200;
	r->body_set = true;
	return 200;
}

/* POST /account/totp/confirm — CSRF. In: code from the app. A right code activates the enrolment and makes
 * the app the default second factor; 5 wrong codes per 5 minutes (AUTH-12). Out: 303; 401; 429. */
static int totp_confirm(struct portal_req *r)
{
	int64_t uid = r->sess.user_id;
	int64_t w = portal_throttle_wait(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid);
	if (w < 0)
		return 503;
	if (w > 0) {
		portal_retry_after(r, w);
		return totp_page(r, 429, "Err.throttled");
	}
	if (!r->in[0].valid)
		return totp_page(r, 422, r->in[0].err);
	enum portal_err rc;
	bool ok = false;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_totp_verify_user(r, uid, r->in[0].s, true, &ok)) != PORTAL_OK)
		goto fail;
	if (!ok) {
		portal_db_rollback(r);
		if (portal_throttle_fail(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid) != PORTAL_OK)
			return 503;
		portal_audit(r, "totp_failed", r->sess.home_org_id, uid, "enrolment: wrong code");
		return totp_page(r, 401, "Totp.wrong");
	}
	if ((rc = portal_audit(r, "totp_enabled", r->sess.home_org_id, uid, "authenticator app enrolled")) != PORTAL_OK ||
	    (rc = notify(r, r->sess.email, "factor_changed", portal_text_lang(own_lang(r), "Totp.detail_enabled"))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	portal_throttle_clear(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid);
	return portal_redirect(r, "/account/totp?m=enabled");
fail:
	portal_db_rollback(r);
	return 503;
}

/* POST /account/totp/remove — CSRF, a recent login: the app removed; the SMS code is the second factor again.
 * The user is told by e-mail (LOG-03). Out: 303. */
static int totp_remove(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/account/totp");
	if (portal_app_only(r))
		return totp_page(r, 403, "Totp.vendor_must");   /* AUTH-08: enrol a new one instead */
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_TOTP_REMOVE, "i", r->sess.user_id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "totp_removed", r->sess.home_org_id, r->sess.user_id, "authenticator app removed")) != PORTAL_OK ||
	    (rc = notify(r, r->sess.email, "factor_changed", portal_text_lang(own_lang(r), "Totp.detail_removed"))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		return 503;
	}
	return portal_redirect(r, "/account/totp?m=removed");
}

/* POST /account/totp/prefer — CSRF. In: method (sms | totp; totp only with an active app). Out: 303; 409. */
static int totp_prefer(struct portal_req *r)
{
	if (!r->in[0].valid)
		return totp_page(r, 422, r->in[0].err);
	const char *m = factors[r->in[0].i];
	enum portal_err rc;   /* the choice and its audit row commit together */
	if ((rc = portal_db_begin(r)) != PORTAL_OK || (rc = portal_db_exec(r, ST_TOTP_PREFER, "sis", m, r->sess.user_id, m)) != PORTAL_OK)
		goto fail;
	if (portal_db_affected(ST_TOTP_PREFER) == 0 && !strcmp(m, "totp")) {
		portal_db_rollback(r);
		return totp_page(r, 409, "Totp.none");
	}
	if ((rc = portal_audit(r, "second_factor_preferred", r->sess.home_org_id, r->sess.user_id, m)) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, "/account/totp?m=prefer");
fail:
	portal_db_rollback(r);
	return 503;
}


static const struct portal_route routes[] = {
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
	PORTAL_ROUTE_USER("POST", "/account/totp/prefer", totp_prefer, totp_prefer_fields, PORTAL_RF_OWN | PORTAL_RF_BEFORE_APP),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "account.cs", "account_email.cs", "account_mobile.cs", "account_reauth.cs",
	"account_totp.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "account", routes, templates, &site };
	return portal_main(argc, argv, &prog);
}
