/* password.c: setting a password from an e-mailed link, and asking for such a link (/password/...).
 *  - /password/invite: a new colleague accepts the invitation (AUTH-13): sets a password (AUTH-01/02)
 *    and, if the admin gave none, a mobile number; the SMS code that follows confirms the number (AUTH-10).
 *  - /password/forgot: the same answer whether or not the address is known (AUTH-11); per-address and
 *    per-account limits (AV-01).
 *  - /password/reset: a new password; all sessions end; the 100-failure lock is lifted (AUTH-04).
 * Every path ends in the second factor: a new half-logged-in session and an SMS code, never a full login. */
#include <string.h>

#include "portal.h"
#include "site.h"

enum { TF_T };
static const struct portal_field token_fields[] = {
	[TF_T] = { "t", PF_LINE, 0, 0, 64, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { IF_T, IF_PASSWORD, IF_PASSWORD2, IF_MOBILE };
static const struct portal_field set_fields[] = {
	[IF_T] = { "t", PF_LINE, 0, 0, 64, NULL },
	[IF_PASSWORD] = { "password", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	[IF_PASSWORD2] = { "password2", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	[IF_MOBILE] = { "mobile", PF_PHONE, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { FF_EMAIL };
static const struct portal_field forgot_fields[] = {
	[FF_EMAIL] = { "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

struct target {
	struct portal_utoken tok;
	struct portal_person who;
	const char *status, *mobile;
};

enum { UT_ID, UT_ORG, UT_EMAIL, UT_GIVEN, UT_STATUS, UT_MOBILE, UT_LANG, UT_ORG_NAME, UT_PREFIX, UT_FAMILY, UT__N };
PORTAL_SQL(sql_user_for_token, UT__N,
	"SELECT u.id, u.org_id, u.email, u.given_name, u.status, u.mobile, u.lang, o.name, u.name_prefix, u.family_name"
	" FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.id = ?");

/* The user behind a valid token of the purpose: PORTAL_OK, PORTAL_ERR_NOTFOUND or a database error. */
static enum portal_err load(struct portal_req *r, const char *t, enum portal_token_purpose p, struct target *x)
{
	memset(x, 0, sizeof *x);
	enum portal_err rc = portal_utoken_find(r, t, p, &x->tok);
	if (rc != PORTAL_OK)
		return rc;
	struct portal_rows *q;
	if ((rc = portal_query_row(r, &q, &sql_user_for_token, "i", x->tok.user_id)) != PORTAL_OK)
		return rc;
	x->who.id = portal_col_int(q, UT_ID);
	x->who.org_id = portal_col_int(q, UT_ORG);
	x->who.email = portal_col(q, UT_EMAIL);
	x->who.given_name = portal_col(q, UT_GIVEN);
	x->status = portal_col(q, UT_STATUS);
	x->mobile = portal_col(q, UT_MOBILE);
	x->who.lang = portal_col(q, UT_LANG);
	x->who.org_name = portal_col(q, UT_ORG_NAME);
	/* an invitation is for an invited user, a reset for an active one: anything else is a dead link */
	if (strcmp(x->status, p == PORTAL_TOK_INVITE ? "invited" : "active"))
		return PORTAL_ERR_NOTFOUND;
	return PORTAL_OK;
}

static int form(struct portal_req *r, int status, bool invite, const struct target *x, const char *t,
	const char *error_key)
{
	portal_set(r, "Page.t", t);
	portal_set(r, "Page.name", x->who.given_name);
	portal_set(r, "Page.email", x->who.email);
	portal_set(r, "Page.org", x->who.org_name);
	if (invite && !x->mobile)
		portal_set_int(r, "Page.ask_mobile", 1);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	portal_set(r, "Page.mode", invite ? "invite" : "reset");
	return portal_render(r, status, "password_set.cs");
}

static int dead_link(struct portal_req *r, bool invite)
{
	portal_set(r, "Page.mode", invite ? "invite" : "reset");
	return portal_render(r, 404, "password_dead.cs");
}

/* GET /password/invite, /password/reset — public. In: t (the link's token).
 * Out: 200 form; 404 unknown, used or expired link (one answer for all three). */
static int show(struct portal_req *r, bool invite)
{
	const struct portal_value *t = &r->in[TF_T];
	struct target x;
	enum portal_err rc = t->valid && t->s ? load(r, t->s, invite ? PORTAL_TOK_INVITE : PORTAL_TOK_RESET, &x)
		: PORTAL_ERR_NOTFOUND;
	if (rc == PORTAL_ERR_NOTFOUND)
		return dead_link(r, invite);
	if (rc != PORTAL_OK)
		return 503;
	return form(r, 200, invite, &x, t->s, NULL);
}

static int show_invite(struct portal_req *r) { return show(r, true); }
static int show_reset(struct portal_req *r) { return show(r, false); }

PORTAL_SQL(sql_accept_invite, 0,
	"UPDATE users SET password_hash = ?, password_changed_at = ?, status = 'active',"
	" mobile_verified_at = IF(mobile <=> ?, mobile_verified_at, NULL), mobile = ?"   /* in this order */
	" WHERE id = ? AND status = 'invited'");

/* POST /password/invite, /password/reset — public, CSRF-checked. In: t, password, password2, mobile
 * (invitation without a number only). Out: 303 to /verify_sms with a new half-logged-in session and an
 * SMS code; 404 dead link; 422 a password that breaks the rules (with the reason) or a bad number. */
static int set(struct portal_req *r, bool invite)
{
	const struct portal_value *t = &r->in[IF_T], *pw = &r->in[IF_PASSWORD], *pw2 = &r->in[IF_PASSWORD2];
	const struct portal_value *mob = &r->in[IF_MOBILE];
	enum portal_token_purpose purpose = invite ? PORTAL_TOK_INVITE : PORTAL_TOK_RESET;
	struct target x;
	enum portal_err rc = t->valid && t->s ? load(r, t->s, purpose, &x) : PORTAL_ERR_NOTFOUND;
	if (rc == PORTAL_ERR_NOTFOUND)
		return dead_link(r, invite);
	if (rc != PORTAL_OK)
		return 503;
	if (!pw->valid || !pw2->valid)
		return form(r, 422, invite, &x, t->s, !pw->valid ? pw->err : pw2->err);
	const char *why = portal_pw_policy(pw->s, pw->len, x.who.email, x.who.org_name);
	if (why)
		return form(r, 422, invite, &x, t->s, why);
	if (pw->len != pw2->len || memcmp(pw->s, pw2->s, pw->len))
		return form(r, 422, invite, &x, t->s, "Pw.mismatch");
	const char *mobile = x.mobile;
	if (invite && !x.mobile) {
		if (!mob->valid || !mob->s)
			return form(r, 422, invite, &x, t->s, mob->valid ? "Pw.mobile_required" : mob->err);
		mobile = mob->s;
	} else if (mob->present) {
		return portal_error(r, 400, "Err.bad_field");   /* a number is only asked for, never overridden here */
	}
	char hash[PORTAL_PWHASH_MAX];
	if (portal_pw_hash(pw->s, pw->len, hash) != PORTAL_OK)
		return 500;

	/* one transaction: the token is spent, the password set, the old sessions end, a new half-logged-in
	 * session gets its SMS code */
	int64_t wait = 0;
	enum portal_lang lang = portal_lang_parse(x.who.lang);
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct target again;
	if ((rc = load(r, t->s, purpose, &again)) != PORTAL_OK || again.tok.id != x.tok.id)
		goto dead;
	if ((rc = portal_utoken_use(r, x.tok.id)) != PORTAL_OK)
		goto dead;
	if (invite) {
		struct portal_wrote w;
		rc = portal_exec(r, &sql_accept_invite, &w, "sissi", hash, r->now, mobile, mobile, x.who.id);
		if (rc == PORTAL_OK && w.rows != 1)
			rc = PORTAL_ERR_NOTFOUND;
		if (rc == PORTAL_ERR_DUP) {   /* the address got an account elsewhere since the invitation was sent */
			portal_db_rollback(r);
			portal_set_text(r, "Page.error", "Pw.address_taken");
			return dead_link(r, invite);
		}
		/* the organisation's first admin: the vendor's bootstrap ends, and every link its staff sent there dies */
		if (rc == PORTAL_OK)
			rc = portal_bootstrap_end(r, x.who.org_id);
	} else {
		rc = portal_pw_store(r, x.who.id, hash);
	}
	if (rc != PORTAL_OK)
		return portal_failed(r, rc);
	if (r->sess.stage != PORTAL_STAGE_NONE && (rc = portal_session_end(r)) != PORTAL_OK)
		return portal_failed(r, rc);
	if ((rc = portal_session_end_all(r, x.who.id)) != PORTAL_OK ||
	    (rc = portal_session_start(r, x.who.id)) != PORTAL_OK ||
	    (rc = portal_sms_challenge(r, r->sess.id, x.who.id, mobile, lang == PORTAL_NLANG ? r->lang : lang,
		     &wait)) != PORTAL_OK ||
	    (rc = portal_audit(r, invite ? "invitation_accepted" : "password_reset", x.who.org_id, x.who.id,
		     invite ? "password set from the invitation" : "password set from a reset link; sessions ended"))
		    != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return portal_failed(r, rc);
	/* a reset also lifts the lock of 100 failed logins (AUTH-04) */
	if (!invite)
		portal_throttle_clear(r, PORTAL_TH_PW_ACCT, x.who.email, strlen(x.who.email));
	return portal_redirect(r, wait ? "/verify_sms?m=wait" : "/verify_sms");
dead:
	portal_db_rollback(r);
	if (rc == PORTAL_ERR_NOTFOUND)
		return dead_link(r, invite);
	return rc == PORTAL_ERR_DB_DOWN ? 503 : 500;
}

static int set_invite(struct portal_req *r) { return set(r, true); }
static int set_reset(struct portal_req *r) { return set(r, false); }

/* GET /password/forgot — public. Out: 200 form. */
static int forgot_form(struct portal_req *r)
{
	return portal_render(r, 200, "password_forgot.cs");
}

/* the account of a login address */
enum { AC_ID, AC_STATUS, AC__N };
PORTAL_SQL(sql_account, AC__N, "SELECT id, status FROM users WHERE email_live = ?");

enum { RT_COUNT, RT__N };
PORTAL_SQL(sql_recent_tokens, RT__N,
	"SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND purpose = ? AND created_at > ?");

/* POST /password/forgot — public, CSRF-checked. In: email.
 * Out: 200 "if the address is known, a link is on its way", whether or not it is (AUTH-11); 422 malformed
 * address; 429 too many requests from this address. An account gets at most 3 links an hour. */
static int forgot(struct portal_req *r)
{
	const struct portal_value *email = &r->in[FF_EMAIL];
	if (!email->valid) {
		portal_set_text(r, "Page.error", email->err);
		return portal_render(r, 422, "password_forgot.cs");
	}
	const char *addr = r->remote_addr;
	int th = portal_throttle_check(r, PORTAL_TH_RESET_IP, addr, strlen(addr), true);
	if (th == 429)
		portal_set_text(r, "Page.error", "Err.throttled");
	if (th)
		return th == 429 ? portal_render(r, 429, "password_forgot.cs") : th;
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_account, "s", email->s);
	if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
		return 503;
	int64_t uid = rc == PORTAL_OK ? portal_col_int(q, AC_ID) : 0;
	const char *status = rc == PORTAL_OK ? portal_col(q, AC_STATUS) : "";
	if (uid && !strcmp(status, "active")) {
		if ((rc = portal_query_row(r, &q, &sql_recent_tokens, "isi", uid, "reset", r->now - 3600)) != PORTAL_OK)
			return 503;
		bool capped = portal_col_int(q, RT_COUNT) >= 3;
		struct target x;
		memset(&x, 0, sizeof x);
		if (!capped && (rc = portal_query_row(r, &q, &sql_user_for_token, "i", uid)) == PORTAL_OK) {
			x.who.id = uid;
			x.who.org_id = portal_col_int(q, UT_ORG);
			x.who.email = portal_strdup(r, portal_col(q, UT_EMAIL));
			x.who.given_name = portal_strdup(r, portal_col(q, UT_GIVEN));
			x.who.lang = portal_strdup(r, portal_col(q, UT_LANG));
			x.who.org_name = portal_strdup(r, portal_col(q, UT_ORG_NAME));
			if ((rc = portal_db_begin(r)) != PORTAL_OK)
				return 503;
			if ((rc = portal_send_reset(r, &x.who)) != PORTAL_OK ||
			    (rc = portal_audit(r, "reset_requested", x.who.org_id, uid, "reset link e-mailed")) != PORTAL_OK ||
			    (rc = portal_db_commit(r)) != PORTAL_OK)
				return portal_failed(r, rc);
		} else if (capped) {
			portal_audit(r, "reset_capped", 0, uid, "3 links in the last hour");
		} else if (rc != PORTAL_OK) {
			return 503;
		}
	} else {
		portal_audit(r, "reset_unknown", 0, uid, uid ? portal_printf(r, "account %s", status) : "unknown address");
	}
	portal_set_int(r, "Page.sent", 1);
	return portal_render(r, 200, "password_forgot.cs");
}

PORTAL_PROGRAM("password", ("password_set.cs", "password_dead.cs", "password_forgot.cs"),
	PORTAL_ROUTE_PUBLIC("GET", "/password/invite", show_invite, token_fields),
	PORTAL_ROUTE_PUBLIC("POST", "/password/invite", set_invite, set_fields),
	PORTAL_ROUTE_PUBLIC("GET", "/password/reset", show_reset, token_fields),
	PORTAL_ROUTE_PUBLIC("POST", "/password/reset", set_reset, set_fields),
	PORTAL_ROUTE_PUBLIC("GET", "/password/forgot", forgot_form, NULL),
	PORTAL_ROUTE_PUBLIC("POST", "/password/forgot", forgot, forgot_fields)
)
