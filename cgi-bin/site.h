/* site.h: the site's shared pages, named once for every program (site.c), and a program's main(). */
#ifndef SITE_H
#define SITE_H

#include "portal.h"

extern const struct portal_site site;

/* A web program's main(): its name, the templates it parses at start-up (in brackets) and its routes, e.g.
 * PORTAL_PROGRAM("news", ("news.cs"), PORTAL_ROUTE_USER("GET", "/news", index_page, NULL, PORTAL_RF_OWN)). */
#define PORTAL_PROGRAM(name, templates, ...)                                                   \
	static const struct portal_route routes_[] = { __VA_ARGS__, PORTAL_ROUTE_END };        \
	int main(int argc, char **argv)                                                         \
	{                                                                                      \
		static const char *const templates_[] = { PORTAL_UNBRACKET_ templates, NULL }; \
		static const struct portal_program prog_ = { name, routes_, templates_, &site }; \
		return portal_main(argc, argv, &prog_);                                        \
	}
#define PORTAL_UNBRACKET_(...) __VA_ARGS__

#endif
