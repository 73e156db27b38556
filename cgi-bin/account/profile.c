/* profile.c: the overview of Mijn account (name, language, roles in words), the e-mail address changed through a
 * link to the new one, and the mobile number changed with a code to the new one (AUTH-09). */
#include "account.h"

/* ---- the overview ---- */

enum { SF_MOBILE_VERIFIED, SF_LAST_LOGIN, SF_CREATED, SF_PASSWORD_HASH, SF__N };
PORTAL_SQL(sql_self, SF__N,
	"SELECT mobile_verified_at, last_login_at, created_at, password_hash FROM users WHERE id = ?");

enum { SS_ID, SS_STAGE, SS_CREATED, SS_SEEN, SS_ADDR, SS_AGENT, SS__N };
PORTAL_SQL(sql_sessions, SS__N,
	"SELECT id, stage, created_at, last_seen_at, client_addr, user_agent FROM sessions WHERE user_id = ?"
	" AND stage = 'full' ORDER BY last_seen_at DESC, id DESC LIMIT 50");

/* Mijn account's sub-pages: profile (/account: name, language, roles), security (/account/security: address,
 * number, password, the app), sessions (/account/sessions). A form's error shows on the sub-page it belongs to. */
int overview(struct portal_req *r, int status, const char *error_key, const char *error_section)
{
	const char *tab = error_section ? (!strcmp(error_section, "profile") ? "profile" : "security")
		: !strcmp(r->path, "/account/security") ? "security" : !strcmp(r->path, "/account/sessions") ? "sessions"
		: "profile";
	portal_set(r, "Page.tab", tab);
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_self, "i", r->sess.user_id);
	if (rc != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.mobile_ok", !portal_col_null(q, SF_MOBILE_VERIFIED));
	portal_set(r, "Page.last_login", portal_when(r, portal_col_int(q, SF_LAST_LOGIN)));
	portal_set(r, "Page.given_name", r->sess.given_name);
	portal_set(r, "Page.name_prefix", r->sess.name_prefix);
	portal_set(r, "Page.family_name", r->sess.family_name);
	portal_set(r, "Page.user_lang", r->sess.user_lang ? r->sess.user_lang : portal_lang_code(r->lang));
	portal_set(r, "Page.mobile", r->sess.mobile);   /* their own number, in full (CRY-04) */
	portal_set_own_roles(r, "Page.roles");
	if (strcmp(tab, "sessions"))
		goto render;
	if ((rc = portal_query(r, &q, &sql_sessions, "i", r->sess.user_id)) != PORTAL_OK)
		return 503;
	size_t n = 0;
	while (portal_next(q) == 1) {
		const char *p = portal_printf(r, "Page.sessions.%zu", n++);
		int64_t id = portal_col_int(q, SS_ID);
		portal_set_int(r, portal_printf(r, "%s.id", p), id);
		portal_set_int(r, portal_printf(r, "%s.current", p), id == r->sess.id);
		portal_set(r, portal_printf(r, "%s.started", p), portal_when(r, portal_col_int(q, SS_CREATED)));
		portal_set(r, portal_printf(r, "%s.seen", p), portal_ago(r, portal_col_int(q, SS_SEEN)));
		portal_set(r, portal_printf(r, "%s.addr", p), portal_col(q, SS_ADDR));
		portal_set(r, portal_printf(r, "%s.agent", p), portal_device(r, portal_col(q, SS_AGENT)));
		portal_set(r, portal_printf(r, "%s.ua", p), portal_col(q, SS_AGENT));
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
int view(struct portal_req *r)
{
	return overview(r, 200, NULL, NULL);
}

PORTAL_SQL(sql_set_profile, 0,
	"UPDATE users SET given_name = ?, name_prefix = ?, family_name = ?, lang = ? WHERE id = ? AND status = 'active'");

/* POST /account/profile — CSRF. In: given_name, name_prefix, family_name, lang. Out: 303; 422. */
int profile(struct portal_req *r)
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
	    (rc = portal_exec(r, &sql_set_profile, NULL, "ssssi", given, prefix, family, lang, r->sess.user_id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "profile_changed", r->sess.home_org_id, r->sess.user_id, detail)) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return portal_failed(r, rc);
	portal_cookie(r, "pw_lang", lang, 365L * 86400);
	return portal_redirect(r, "/account?m=profile");
}

PORTAL_SQL(sql_set_lang, 0,
	"UPDATE users SET lang = ? WHERE id = ?");

/* POST /account/lang — CSRF. In: lang, next (the page it was chosen on, with its query). The header's language
 * switch: the choice is the user's, saved with their profile, so every later page and mail speaks it.
 * Out: 303 to next. */
int set_lang(struct portal_req *r)
{
	if (!r->in[LF_LANG].valid || !r->in[LF_NEXT].valid)
		return portal_error(r, 422, portal_invalid(r));
	const char *lang = r->in[LF_LANG].s, *next = r->in[LF_NEXT].s ? r->in[LF_NEXT].s : "/home";
	enum portal_err rc;
	if (!r->sess.user_lang || strcmp(r->sess.user_lang, lang)) {
		if ((rc = portal_db_begin(r)) != PORTAL_OK ||
		    (rc = portal_exec(r, &sql_set_lang, NULL, "si", lang, r->sess.user_id)) != PORTAL_OK ||
		    (rc = portal_audit(r, "profile_changed", r->sess.home_org_id, r->sess.user_id,
			     portal_printf(r, "language %s -> %s", r->sess.user_lang ? r->sess.user_lang : "-", lang))) != PORTAL_OK ||
		    (rc = portal_db_commit(r)) != PORTAL_OK)
			return portal_failed(r, rc);
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
int email_change(struct portal_req *r)
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
		return portal_failed(r, rc);
	if (taken) {   /* its owner hears of it; this form answers as for any address */
		subject = portal_text_lang(lang, "Mail.email_taken_subject");
		body = portal_fill(r, portal_text_lang(lang, "Mail.email_taken_body"), "support", portal_cf->support_name, NULL);
	} else {
		if ((rc = portal_utoken_new(r, r->sess.user_id, PORTAL_TOK_EMAIL, 24 * 3600, email->s, token)) != PORTAL_OK)
			return portal_failed(r, rc);
		const char *link = portal_link(r, portal_printf(r, "/account/email?t=%s", token));
		memset(token, 0, sizeof token);
		if (!link)
			return portal_failed(r, PORTAL_ERR_CONFIG);
		subject = portal_text_lang(lang, "Mail.email_confirm_subject");
		body = portal_fill(r, portal_text_lang(lang, "Mail.email_confirm_body"), "name", r->sess.given_name, "link", link,
			"support", portal_cf->support_name, NULL);
	}
	if ((rc = portal_mail_enqueue(r, taken ? 0 : r->sess.user_id, email->s, subject, body)) != PORTAL_OK ||
	    (rc = notify(r, r->sess.email, "email_requested", email->s)) != PORTAL_OK ||
	    (rc = portal_audit(r, "email_change_requested", r->sess.home_org_id, r->sess.user_id,
		     portal_printf(r, "%s -> %s (%s)", r->sess.email, email->s, taken ? "the address has an account: no link,"
			     " its owner told" : "link sent to the new address"))) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, "/account/security?m=email_sent");
}

/* GET /account/email — public (the link may be opened on another device). In: t.
 * Out: 200 a page with a button (a GET changes nothing); 404 dead link. */
int email_show(struct portal_req *r)
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

PORTAL_SQL(sql_set_email, 0,
	"UPDATE users SET email = ? WHERE id = ? AND status = 'active'");

/* POST /account/email — public, CSRF. In: t. Out: 303 to /login (every session ends: the login changed)
 * or /account; 404 dead link; 409 the address was taken meanwhile. */
int email_confirm(struct portal_req *r)
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
		return portal_failed(r, rc);
	struct portal_wrote w;
	rc = portal_exec(r, &sql_set_email, &w, "si", tok.new_email, tok.user_id);
	if (rc == PORTAL_ERR_DUP) {
		portal_db_rollback(r);
		return portal_error(r, 409, "Users.email_taken");
	}
	if (rc != PORTAL_OK || w.rows != 1) {
		portal_db_rollback(r);
		return rc == PORTAL_OK ? portal_render(r, 404, "account_email.cs") : portal_failed(r, rc);
	}
	rc = portal_audit(r, "email_changed", tok.org_id, tok.user_id,
		portal_printf(r, "e-mail address -> %s, confirmed by the link", tok.new_email));
	return portal_done(r, rc, r->sess.stage == PORTAL_STAGE_FULL && r->sess.user_id == tok.user_id
		? "/account?m=email_changed" : "/login");
}

/* the number a full session is confirming (a number change, AUTH-09) */
enum { CP_PHONE, CP_EXPIRES, CP__N };
PORTAL_SQL(sql_sms_pending, CP__N,
	"SELECT phone, expires_at FROM sms_challenges WHERE session_id = ? AND state = 'open' AND expires_at > ?"
	" ORDER BY id DESC LIMIT 1");

/* ---- mobile number (AUTH-09) ---- */

static int mobile_page(struct portal_req *r, int status, const char *error_key)
{
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_sms_pending, "ii", r->sess.id, r->now);
	if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
		return 503;
	if (rc == PORTAL_OK)
		portal_set(r, "Page.new_mobile", portal_col(q, CP_PHONE));   /* their own new number */
	portal_set(r, "Page.mobile", r->sess.mobile);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	return portal_render(r, status, "account_mobile.cs");
}

/* GET /account/mobile — a login ≤ 20 minutes old, else re-authentication first. Out: 200. */
int mobile_show(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_NUMBER))
		return portal_reauth_redirect(r, "/account/mobile");
	return mobile_page(r, 200, NULL);
}

/* POST /account/mobile — CSRF, a login ≤ 20 minutes old. In: mobile (the new number).
 * Out: 303 back with a code sent to the new number; 403 stale login; 422 not a mobile number;
 * 429 SMS cap reached. The number changes only when the code comes back. */
int mobile_change(struct portal_req *r)
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
		return portal_failed(r, rc);
	if (wait > 0) {
		portal_db_rollback(r);
		return mobile_page(r, portal_retry_after(r, wait), "Verify.resend_wait");
	}
	rc = portal_audit(r, "mobile_change_requested", r->sess.home_org_id, r->sess.user_id,
		portal_printf(r, "code sent to %s", portal_mask_phone(r, m->s)));
	return portal_done(r, rc, "/account/mobile");
}

PORTAL_SQL(sql_set_mobile, 0,
	"UPDATE users SET mobile = ?, mobile_verified_at = ? WHERE id = ? AND status = 'active'");

/* POST /account/mobile/confirm — CSRF. In: code, end_others. Out: 303 to /account with the new number
 * confirmed, a notice to the old number and the address, the other sessions ended if asked; 401 wrong,
 * void or expired code; 429 too many failures (AUTH-06). */
int mobile_confirm(struct portal_req *r)
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
		return portal_failed(r, rc);
	if (res != PORTAL_SMS_OK) {
		if ((rc = portal_audit(r, "mobile_change_failed", r->sess.home_org_id, uid, "wrong, void or expired code"))
			!= PORTAL_OK || (rc = portal_db_commit(r)) != PORTAL_OK)
			return portal_failed(r, rc);
		if (res == PORTAL_SMS_WRONG || res == PORTAL_SMS_VOID)
			portal_throttle_fail(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid);
		static const char *const keys[] = { "", "Verify.wrong", "Verify.void", "Verify.expired", "Verify.none" };
		return mobile_page(r, 401, keys[res]);
	}
	bool end_others = r->in[MCF_END_OTHERS].s != NULL;
	const char *detail = portal_printf(r, "mobile %s -> %s, confirmed by a code%s",
		old ? portal_mask_phone(r, old) : "none", portal_mask_phone(r, phone), end_others ? "; other sessions ended" : "");
	if ((rc = portal_exec(r, &sql_set_mobile, NULL, "sii", phone, r->now, uid)) != PORTAL_OK ||
	    (end_others && (rc = portal_session_end_others(r)) != PORTAL_OK) ||
	    (old && (rc = portal_sms_enqueue(r, uid, old, portal_fill(r, portal_text_lang(own_lang(r), "Sms.number_changed"),
		     "new", portal_mask_phone(r, phone), NULL))) != PORTAL_OK) ||
	    (rc = notify(r, r->sess.email, "mobile_changed", portal_mask_phone(r, phone))) != PORTAL_OK ||
	    (rc = portal_audit(r, "mobile_changed", r->sess.home_org_id, uid, detail)) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return portal_failed(r, rc);
	portal_throttle_clear(r, PORTAL_TH_OTP_ACCT, &uid, sizeof uid);
	return portal_redirect(r, "/account/security?m=mobile_changed");
}
