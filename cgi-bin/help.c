/* help.c: the Handleiding Gebruikersbeheer (/help): users, roles and rights, the two-admin advice and the
 * phone-number rule (document 000), in Dutch and English. Only for logged-in users; the text lives in the
 * language files, the support desk's details in the footer. */
#include "portal.h"
#include "site.h"

/* GET /help — any logged-in user. Out: 200. */
static int help(struct portal_req *r)
{
	portal_set_int(r, "Page.admin", portal_has_right(r, "users.manage"));
	return portal_render(r, 200, "help.cs");
}

PORTAL_PROGRAM("help", ("help.cs"),
	PORTAL_ROUTE_USER("GET", "/help", help, NULL, PORTAL_RF_OWN)
)
