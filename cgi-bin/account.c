/* account.c: Mijn account (/account), every logged-in user, their own data only.
 * This increment holds the re-authentication step (SES-07, AUTH-09): granting roles, changing a number or
 * a password needs a login of at most 15 (or 20) minutes ago; the user confirms their password here and
 * goes back where they were. Wrong passwords count towards the account's login throttle (AUTH-04). */
#include <string.h>

#include "portal.h"

enum { RF_NEXT };
static const struct portal_field reauth_show_fields[] = {
	{ "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { AF_PASSWORD, AF_NEXT };
static const struct portal_field reauth_fields[] = {
	{ "password", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	{ "next", PF_PATH, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

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
	return reauth_form(r, 200, r->in[RF_NEXT].valid ? r->in[RF_NEXT].s : NULL, NULL);
}

/* POST /account/reauth — any logged-in user, CSRF. In: password, next.
 * Out: 303 to next (or /home) with the session's login time renewed; 401 wrong password; 429 throttled. */
static int reauth(struct portal_req *r)
{
	const struct portal_value *pw = &r->in[AF_PASSWORD], *next = &r->in[AF_NEXT];
	const char *target = next->valid && next->s ? next->s : "/home";
	const char *email = r->sess.email;
	if (!pw->valid)
		return reauth_form(r, 422, target, pw->err);
	int64_t w = portal_throttle_wait(r, PORTAL_TH_PW_ACCT, email, strlen(email));
	if (w < 0)
		return 503;
	if (w > 0)
		return reauth_form(r, portal_retry_after(r, w), target, "Err.throttled");
	enum portal_err rc = portal_db_row(r, ST_USER_PW_HASH, "i", r->sess.user_id);
	if (rc != PORTAL_OK)
		return 503;
	const char *hash = portal_strdup(r, portal_db_str(ST_USER_PW_HASH, 0));
	if (!portal_pw_verify(hash, pw->s, pw->len)) {
		if (portal_throttle_fail(r, PORTAL_TH_PW_ACCT, email, strlen(email)) != PORTAL_OK)
			return 503;
		portal_audit(r, "reauth_failed", r->sess.org_id, r->sess.user_id, "wrong password");
		return reauth_form(r, 401, target, "Account.reauth_wrong");
	}
	portal_throttle_clear(r, PORTAL_TH_PW_ACCT, email, strlen(email));
	if ((rc = portal_db_exec(r, ST_SESSION_REAUTH, "ii", r->now, r->sess.id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "reauth_ok", r->sess.org_id, r->sess.user_id, "password confirmed")) != PORTAL_OK)
		return 503;
	return portal_redirect(r, target);
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_USER("GET", "/account/reauth", reauth_show, reauth_show_fields),
	PORTAL_ROUTE_USER("POST", "/account/reauth", reauth, reauth_fields),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "account_reauth.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "account", routes, templates };
	return portal_main(argc, argv, &prog);
}
