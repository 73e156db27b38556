/* sqllist.c: the statements linked into a program (the portal_sql section PORTAL_SQL fills), their labels, and
 * their listing for PROGRAM --sql and portalctl sql. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portal.h"

extern struct portal_sql *const __start_portal_sql[] __attribute__((weak));
extern struct portal_sql *const __stop_portal_sql[] __attribute__((weak));

struct portal_sql *const *portal_sql_all(size_t *n)
{
	*n = __start_portal_sql ? (size_t)(__stop_portal_sql - __start_portal_sql) : 0;
	return __start_portal_sql;
}

const char *portal_sql_label(const struct portal_sql *q, char *buf, size_t len)
{
	size_t fl = strlen(q->file);
	if (fl > 2 && !strcmp(q->file + fl - 2, ".c"))
		fl -= 2;
	const char *name = strncmp(q->name, "sql_", 4) ? q->name : q->name + 4;
	snprintf(buf, len, "%.*s.%s", (int)fl, q->file, name);
	return buf;
}

static int by_label(const void *a, const void *b)
{
	char x[128], y[128];
	return strcmp(portal_sql_label(*(struct portal_sql *const *)a, x, sizeof x),
		portal_sql_label(*(struct portal_sql *const *)b, y, sizeof y));
}

static void print_one(FILE *out, const char *name, const char *text)
{
	fprintf(out, "%s\t", name);
	for (const char *c = text; *c; c++)
		switch (*c) {
		case '\t': fputs("\\t", out); break;
		case '\n': fputs("\\n", out); break;
		case '\\': fputs("\\\\", out); break;
		default: putc(*c, out);
		}
	putc('\n', out);
}

void portal_sql_print(FILE *out)
{
	size_t n;
	struct portal_sql *const *all = portal_sql_all(&n);
	struct portal_sql **sorted = portal_xmalloc((n ? n : 1) * sizeof *sorted);
	if (n)
		memcpy(sorted, all, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, by_label);
	for (size_t i = 0; i < n; i++) {
		char name[128];
		print_one(out, portal_sql_label(sorted[i], name, sizeof name), sorted[i]->text);
	}
	free(sorted);
}
