/* test_rows.c: the database layer against the real MariaDB of a running stack (PORTAL_CONFIG): a statement
 * run inside its own loop, a row that outlives the next execution, results closed with their request, a
 * result of the wrong width refused, and the width check of every statement. Run by tests/http/test_sql.py. */
#include "unit.h"
#include "db_impl.h"

enum { O_ID, O_NAME, O__N };
PORTAL_SQL(sql_orgs, O__N, "SELECT id, name FROM organisations WHERE id >= ? ORDER BY id LIMIT 3");
PORTAL_SQL(sql_org, O__N, "SELECT id, name FROM organisations WHERE id = ?");
PORTAL_SQL(sql_touch, 0, "UPDATE organisations SET name = name WHERE id = ?");
/* named as two columns, has three: refused when prepared, and by portal_sql_check_all */
PORTAL_SQL(sql_too_wide, 2, "SELECT id, name, kind FROM organisations WHERE id = ?");

static unsigned handles_of(const struct portal_sql *q)
{
	unsigned n = 0;
	for (const struct portal_db_handle *h = q->handles; h; h = h->next)
		n++;
	return n;
}

int main(void)
{
	char err[600];
	if (portal_startup("test_rows", NULL, err, sizeof err) != PORTAL_OK) {
		fprintf(stderr, "test_rows: %s\n", err);
		return 2;
	}
	struct portal_req *r = portal_req_new();

	/* the same statement inside its own loop: each execution has its own rows */
	struct portal_rows *outer, *inner;
	unsigned pairs = 0, outer_rows = 0;
	bool inner_ok = true;
	enum portal_err rc = portal_query(r, &outer, &sql_orgs, "i", (int64_t)0);
	CHECK(rc == PORTAL_OK, "a query opens its rows");
	int64_t first = 0;
	while (rc == PORTAL_OK && portal_next(outer) == 1) {
		int64_t id = portal_col_int(outer, O_ID);
		const char *name = portal_strdup(r, portal_col(outer, O_NAME));
		if (!first)
			first = id;
		outer_rows++;
		if (portal_query(r, &inner, &sql_orgs, "i", id) != PORTAL_OK) {
			inner_ok = false;
			break;
		}
		if (portal_next(inner) == 1 && portal_col_int(inner, O_ID) == id)
			pairs++;
		while (portal_next(inner) == 1)
			;
		/* the outer row is untouched by the inner execution */
		inner_ok &= portal_col_int(outer, O_ID) == id && !strcmp(portal_col(outer, O_NAME), name);
	}
	CHECK(outer_rows == 3 && pairs == 3 && inner_ok, "a statement runs inside its own loop, each with its rows");
	CHECK(handles_of(&sql_orgs) == 2, "two handles of it were prepared, one per level");

	/* a row read with portal_query_row stays readable after the statement runs again */
	struct portal_rows *a, *b;
	rc = portal_query_row(r, &a, &sql_org, "i", first);
	enum portal_err rc2 = portal_query_row(r, &b, &sql_org, "i", first + 1);
	CHECK(rc == PORTAL_OK && rc2 == PORTAL_OK && portal_col_int(a, O_ID) == first &&
	      portal_col_int(b, O_ID) == first + 1, "a row outlives the next execution of its statement");
	CHECK(handles_of(&sql_org) == 1, "a single row frees its handle at once");
	CHECK(portal_query_row(r, &a, &sql_org, "i", (int64_t)-1) == PORTAL_ERR_NOTFOUND, "no row is NOTFOUND");

	/* what a request leaves open is closed when it ends; the next request reuses the handles */
	rc = portal_query(r, &outer, &sql_orgs, "i", (int64_t)0);
	CHECK(rc == PORTAL_OK && portal_next(outer) == 1 && r->rows, "an unfinished result stays open in its request");
	portal_req_free(r);
	r = portal_req_new();
	rc = portal_query(r, &outer, &sql_orgs, "i", (int64_t)0);
	rc2 = portal_query(r, &inner, &sql_orgs, "i", (int64_t)0);
	CHECK(rc == PORTAL_OK && rc2 == PORTAL_OK && handles_of(&sql_orgs) == 2,
		"the request's end gave its handles back: the next request prepares none");
	portal_rows_close(outer);
	portal_rows_close(inner);
	CHECK(!r->rows, "closed results leave the request");

	struct portal_wrote w = { 99, 99 };
	rc = portal_exec(r, &sql_touch, &w, "i", (int64_t)-1);
	CHECK(rc == PORTAL_OK && w.rows == 0 && w.id == 0, "a statement without a result says what it changed");

	CHECK(portal_query_row(r, &a, &sql_too_wide, "i", first) == PORTAL_ERR_DB && r->db_failed,
		"a result wider than its named columns is refused");
	portal_req_free(r);

	printf("# portal_sql_check_all says:\n");
	fflush(stdout);
	CHECK(portal_sql_check_all() == 1, "the width check finds the one statement named wrongly");
	portal_db_close();
	portal_conf_free();
	return UNIT_DONE();
}
