/* home.c: "Mijn portaal" (/home): who the user is, their organisation, their roles and the rights each
 * role gives, in the user's language. Every logged-in user; only their own data. */
#include <string.h>

#include "portal.h"

/* GET /home — any logged-in user. Out: 200. */
static int home(struct portal_req *r)
{
	portal_set(r, "Page.mobile", r->sess.mobile);   /* their own number: shown in full (CRY-04) */
	enum portal_err rc = portal_db_exec(r, ST_USER_ROLES_RIGHTS, "i", r->sess.user_id);
	if (rc != PORTAL_OK)
		return rc == PORTAL_ERR_DB_DOWN ? 503 : 500;
	bool en = r->lang == PORTAL_EN;
	int64_t last_role = 0;
	int role = -1, right = 0, f;
	while ((f = portal_db_fetch(r, ST_USER_ROLES_RIGHTS)) == 1) {
		int64_t role_id = portal_db_int(ST_USER_ROLES_RIGHTS, 0);
		if (role_id != last_role) {
			last_role = role_id;
			role++;
			right = 0;
			portal_setf(r, portal_printf(r, "Page.roles.%d.name", role), "%s",
				portal_db_str(ST_USER_ROLES_RIGHTS, en ? 2 : 1));
		}
		if (!portal_db_null(ST_USER_ROLES_RIGHTS, 3))
			portal_set(r, portal_printf(r, "Page.roles.%d.rights.%d", role, right++),
				portal_db_str(ST_USER_ROLES_RIGHTS, en ? 5 : 4));
	}
	if (f < 0)
		return 503;
	return portal_render(r, 200, "home.cs");
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_USER("GET", "/home", home, NULL),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "home.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "home", routes, templates };
	return portal_main(argc, argv, &prog);
}
