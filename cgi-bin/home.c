/* home.c: "Mijn portaal" (/home): who the user is, their organisation, their roles and the rights each
 * role gives, in the user's language. Every logged-in user; only their own data. The roles come with the
 * session (one query), their names and rights from the in-memory catalogue: no query of its own. */
#include "portal.h"

/* GET /home — any logged-in user. Out: 200. */
static int home(struct portal_req *r)
{
	portal_set(r, "Page.mobile", r->sess.mobile);   /* their own number: shown in full (CRY-04) */
	portal_set_own_roles(r, "Page.roles");
	return portal_render(r, 200, "home.cs");
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_USER("GET", "/home", home, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "home.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "home", routes, templates };
	return portal_main(argc, argv, &prog);
}
