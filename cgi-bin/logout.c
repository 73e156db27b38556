/* logout.c: ending a session (/logout). GET asks (GET never changes state); the POST, with its CSRF
 * token, deletes the session row so the cookie is dead everywhere (SES-05). Also reachable from the
 * second-factor page, to abandon a half-finished login. */
#include "portal.h"
#include "site.h"

/* GET /logout — public (any stage). Out: 200 confirmation, or 303 to /login without a session. */
static int ask(struct portal_req *r)
{
	if (r->sess.stage == PORTAL_STAGE_NONE)
		return portal_redirect(r, "/login");
	return portal_render(r, 200, "logout.cs");
}

/* POST /logout — public (any stage), CSRF-checked. Out: 303 to /login?m=logged_out. */
static int logout(struct portal_req *r)
{
	if (r->sess.stage != PORTAL_STAGE_NONE) {
		int64_t org = r->sess.home_org_id, uid = r->sess.user_id;
		bool full = r->sess.stage == PORTAL_STAGE_FULL;
		if (portal_session_end(r) != PORTAL_OK)
			return 503;
		portal_audit(r, full ? "logout" : "login_abandoned", org, uid, "");
	}
	return portal_redirect(r, "/login?m=logged_out");
}

PORTAL_PROGRAM("logout", ("logout.cs"),
	PORTAL_ROUTE_PUBLIC("GET", "/logout", ask, NULL),
	PORTAL_ROUTE_PUBLIC("POST", "/logout", logout, NULL)
)
