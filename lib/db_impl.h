/* db_impl.h: the inside of a prepared statement's handle and of a request's rows (db.c); for db.c and the
 * tests of the database layer, not for programs. */
#ifndef PORTAL_DB_IMPL_H
#define PORTAL_DB_IMPL_H

#include <mysql.h>

#include "db.h"

/* A prepared statement and its result buffers. Busy while a result of it is open. */
struct portal_db_handle {
	struct portal_db_handle *next;
	MYSQL_STMT *st;
	unsigned ncols;
	MYSQL_BIND *res;
	char **bufs;
	unsigned long *lens;
	size_t *caps;
	my_bool *nulls, *errs;
	bool has_result;
	bool busy;
};

struct portal_rows {
	struct portal_rows *next;        /* the request's open results */
	struct portal_req *r;
	struct portal_sql *q;
	struct portal_db_handle *h;      /* while rows remain to be read; NULL once closed or copied */
	unsigned gen;                    /* the connection h was prepared on */
	unsigned ncols;
	const char **vals;               /* a row copied into the request (portal_query_row) */
	size_t *lens;
};

#endif
