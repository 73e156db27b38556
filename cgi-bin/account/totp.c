/* totp.c: the authenticator app (RFC 6238; AUTH-08, AUTH-12, CRY-03): enrol with a sealed secret shown as text
 * and QR code, confirm with a right code, choose it or the SMS code first, remove it. */
#include "account.h"

/* ---- the authenticator app (RFC 6238; AUTH-08, AUTH-12, CRY-03) ---- */

const struct portal_field totp_code_fields[] = {
	{ "code", PF_DIGITS, PF_REQUIRED, 6, 6, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const char *const factors[] = { "sms", "totp", NULL };
const struct portal_field totp_prefer_fields[] = {
	{ "method", PF_ENUM, PF_REQUIRED, 0, 0, factors },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const char *const totp_notices[] = { "started", "enabled", "removed", "prefer", "required", NULL };
const struct portal_field totp_view_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, totp_notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The user's own app as it stands, read with their row locked a moment (as a code check would). */
static enum portal_err own_state(struct portal_req *r, struct portal_totp_state *st)
{
	enum portal_err rc = portal_db_begin(r);
	if (rc != PORTAL_OK)
		return rc;
	rc = portal_totp_state(r, r->sess.user_id, st);
	portal_db_rollback(r);
	return rc;
}

static int totp_page(struct portal_req *r, int status, const char *error_key)
{
	struct portal_totp_state st;
	if (own_state(r, &st) != PORTAL_OK)
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
int totp_show(struct portal_req *r)
{
	return totp_page(r, 200, NULL);
}

PORTAL_SQL(sql_totp_set_pending, 0,
	"UPDATE users SET totp_pending = ?, totp_pending_at = ? WHERE id = ?");

/* POST /account/totp/start — CSRF, a recent login (SES-07): a new 160-bit secret, sealed, pending until a right
 * code confirms it (15 minutes). An active app stays active until then. Out: 303 to /account/totp. */
int totp_start(struct portal_req *r)
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
	    (rc = portal_exec(r, &sql_totp_set_pending, NULL, "bii", sealed, sl, r->now, r->sess.user_id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "totp_enrolment_started", r->sess.home_org_id, r->sess.user_id, "")) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, "/account/totp?m=started");
}

/* GET /account/totp/qr — the pending enrolment as a QR code (SVG) of its otpauth:// URI; 404 without one. */
int totp_qr(struct portal_req *r)
{
	struct portal_totp_state st;
	if (own_state(r, &st) != PORTAL_OK)
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
int totp_confirm(struct portal_req *r)
{
	int64_t uid = r->sess.user_id;
	int th = portal_throttle_check(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid, false);
	if (th)
		return th == 429 ? totp_page(r, 429, "Err.throttled") : th;
	if (!r->in[0].valid)
		return totp_page(r, 422, r->in[0].err);
	enum portal_err rc;
	bool ok = false;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_totp_verify_user(r, uid, r->in[0].s, true, &ok)) != PORTAL_OK)
		return portal_failed(r, rc);
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
		return portal_failed(r, rc);
	portal_throttle_clear(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid);
	return portal_redirect(r, "/account/totp?m=enabled");
}

/* POST /account/totp/remove — CSRF, a recent login: the app removed; the SMS code is the second factor again.
 * The user is told by e-mail (LOG-03). Out: 303. */
int totp_remove(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/account/totp");
	if (portal_app_only(r))
		return totp_page(r, 403, "Totp.vendor_must");   /* AUTH-08: enrol a new one instead */
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_totp_remove(r, r->sess.user_id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "totp_removed", r->sess.home_org_id, r->sess.user_id, "authenticator app removed")) != PORTAL_OK ||
	    (rc = notify(r, r->sess.email, "factor_changed", portal_text_lang(own_lang(r), "Totp.detail_removed"))) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, "/account/totp?m=removed");
}

PORTAL_SQL(sql_totp_prefer, 0,
	"UPDATE users SET second_factor = ? WHERE id = ? AND (? = 'sms' OR totp_secret IS NOT NULL)");

/* POST /account/totp/prefer — CSRF. In: method (sms | totp; totp only with an active app). Out: 303; 409. */
int totp_prefer(struct portal_req *r)
{
	if (!r->in[0].valid)
		return totp_page(r, 422, r->in[0].err);
	const char *m = factors[r->in[0].i];
	enum portal_err rc;   /* the choice and its audit row commit together */
	struct portal_wrote w;
	if ((rc = portal_db_begin(r)) != PORTAL_OK || (rc = portal_exec(r, &sql_totp_prefer, &w, "sis", m, r->sess.user_id, m)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (w.rows == 0 && !strcmp(m, "totp")) {
		portal_db_rollback(r);
		return totp_page(r, 409, "Totp.none");
	}
	rc = portal_audit(r, "second_factor_preferred", r->sess.home_org_id, r->sess.user_id, m);
	return portal_done(r, rc, "/account/totp?m=prefer");
}
