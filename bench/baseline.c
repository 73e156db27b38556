/* baseline.c: the benchmarks' baseline as issue 7 defines it (make bench's `baseline`): a trivial program
 * linked with libportal that renders a one-line template without the database. It takes the programs' own
 * request path: parsing with limits, the route table, the session step (no cookie, so no query), the CSRF
 * token every rendered page carries (a pre-session one here, as on the login form), ClearSilver with html
 * escaping, the security headers and portal_fcgi_finish. Every page's throughput is quoted as a ratio to it;
 * bench/bare.c, the same stack without the library, is the raw ceiling quoted beside it. Never installed. */
#include "portal.h"
#include "site.h"

/* GET /baseline — public. Out: 200, one line. */
static int line(struct portal_req *r)
{
	return portal_render(r, 200, "bench_baseline.cs");
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_PUBLIC("GET", "/baseline", line, NULL),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "bench_baseline.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "baseline", routes, templates, &site };
	return portal_main(argc, argv, &prog);
}
