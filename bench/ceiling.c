/* ceiling.c: the benchmark's two ceilings for a list page (make bench; never installed or deployed). Both
 * answer a fixed body of n bytes (a query field, as many as the measured page has) through the library's
 * request path (parsing, route table, security headers, portal_fcgi_finish), with no template and no query
 * of their own:
 *   GET /ceiling/bytes?n=N    public: what the page's size costs the stack, with no work at all
 *   GET /ceiling/session?n=N  any logged-in user: the one query every authenticated page makes (session, user
 *                             and rights, ACC-06), then the body from memory: the most that any cache of a
 *                             page could give, since the session is checked on every request
 * The body is a table row of the users list's shape, repeated: no compression is on, so only its length
 * counts. */
#include <string.h>

#include "portal.h"
#include "site.h"

#define MAX_BYTES (256 * 1024)

static char filler[MAX_BYTES];

static const struct portal_field fields[] = {
	{ "n", PF_INT, PF_REQUIRED, 1, MAX_BYTES, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* In: n. Out: 200 with n bytes of text/html, 400 for a missing or out-of-range n. */
static int page(struct portal_req *r)
{
	if (!r->in[0].valid)
		return portal_error(r, 400, r->in[0].err);
	portal_buf_add(&r->body, filler, (size_t)r->in[0].i);
	r->status = 200;
	r->body_set = true;
	return 200;
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_PUBLIC("GET", "/ceiling/bytes", page, fields),
	PORTAL_ROUTE_USER("GET", "/ceiling/session", page, fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { NULL };

int main(int argc, char **argv)
{
	static const char row[] = "<tr><td><a href=\"/users/123456\">Jan de Vries</a></td><td>jan.devries@example.nl"
				  "</td><td>+316*****678</td><td>Medewerker</td><td>Actief</td><td>3 dec 2026</td></tr>\n";
	for (size_t i = 0; i < MAX_BYTES; i++)
		filler[i] = row[i % (sizeof row - 1)];
	static const struct portal_program prog = { "ceiling", routes, templates, &site };
	return portal_main(argc, argv, &prog);
}
