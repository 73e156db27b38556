/* db.h: the database (db.c). One connection per process; statements with ? placeholders only (IO-01),
 * each owned by the file that runs it and prepared on first use; results belong to the request. */
#ifndef PORTAL_DB_H
#define PORTAL_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"

struct portal_req;
struct portal_db_handle;

/* A statement, defined beside the code that runs it with PORTAL_SQL and an enum naming its columns:
 *
 *	enum { AL_ID, AL_AT, AL__N };
 *	PORTAL_SQL(sql_list, AL__N, "SELECT id, at FROM audit_log WHERE org_id = ? ORDER BY id DESC LIMIT ?");
 *
 * ncols is checked against the prepared statement (a result of another width is refused, logged with the
 * statement's name). Every statement linked into a program is listed by `PROGRAM --sql`, from the
 * portal_sql section the macro puts a pointer in. */
struct portal_sql {
	const char *name;                 /* the variable's name */
	const char *file;                 /* the source file that owns it */
	unsigned ncols;                   /* columns of its result; 0 for a statement without one */
	const char *text;
	struct portal_db_handle *handles; /* db.c: its prepared handles on this connection */
};

#define PORTAL_SQL(var, ncols_, text_)                                                                  \
	static struct portal_sql var = { #var, __FILE__, ncols_, text_, NULL };                        \
	static struct portal_sql *const var##_listed __attribute__((section("portal_sql"), used)) = &var

/* The same for a statement the files of one program share: its header declares `extern struct portal_sql var;`. */
#define PORTAL_SQL_SHARED(var, ncols_, text_)                                                           \
	struct portal_sql var = { #var, __FILE__, ncols_, text_, NULL };                               \
	static struct portal_sql *const var##_listed __attribute__((section("portal_sql"), used)) = &var

/* The statements linked into this program, in no particular order. */
struct portal_sql *const *portal_sql_all(size_t *n);
/* "cgi-bin/audit.list": the owning file without ".c", a dot, the variable's name without "sql_". */
const char *portal_sql_label(const struct portal_sql *q, char *buf, size_t len);

/* Rows of one execution. Open results belong to their request: whatever the handler left open is closed
 * when the request ends (or its handler runs again), so a statement can run inside its own loop (each
 * execution gets a handle of its own) and nothing of a result outlives the request. */
struct portal_rows;

/* Parameter types: i = int64_t, I = int64_t id or NULL when <= 0, s = const char * (NULL → SQL NULL),
 * b = const void *, size_t (bytes), n = SQL NULL. Results are stored client-side. */
enum portal_err portal_query(struct portal_req *r, struct portal_rows **out, struct portal_sql *q,
	const char *types, ...);
/* The first row only, copied into the request: PORTAL_OK, PORTAL_ERR_NOTFOUND or an error. */
enum portal_err portal_query_row(struct portal_req *r, struct portal_rows **out, struct portal_sql *q,
	const char *types, ...);
/* The row, or the answer when there is none: 0 with *out set; else the status the handler returns (404, whose
 * page the dispatcher writes, or 503), a transaction of the request rolled back. For "the row (locked), or 404". */
int portal_row_or_404(struct portal_req *r, struct portal_rows **out, struct portal_sql *q, const char *types, ...);
/* A page of a list read with LIMIT size + 1: portal_page_next gives the page's rows (1; i is the row's index), then
 * 0 at its end, with more set when a row followed it (the link to the next page), or -1 on an error. n counts the
 * rows given. */
struct portal_page {
	size_t size, i, n;
	bool more;
};
int portal_page_next(struct portal_rows *rs, struct portal_page *pg);
/* A statement without a result. w (may be NULL) gets the rows it changed and the id it inserted. */
struct portal_wrote {
	uint64_t rows;
	int64_t id;
};
enum portal_err portal_exec(struct portal_req *r, struct portal_sql *q, struct portal_wrote *w,
	const char *types, ...);
/* The next row: 1, or 0 at the end (the result is closed), or -1 on an error (logged). */
int portal_next(struct portal_rows *rs);
void portal_rows_close(struct portal_rows *rs);
/* The current row's column: NULL (or 0) for SQL NULL. Valid until the next portal_next on rs. */
const char *portal_col(const struct portal_rows *rs, unsigned col);
int64_t portal_col_int(const struct portal_rows *rs, unsigned col);
size_t portal_col_len(const struct portal_rows *rs, unsigned col);
bool portal_col_null(const struct portal_rows *rs, unsigned col);
/* Closes every result the request left open; app.c calls it at the request's end and before a re-run. */
void portal_db_req_end(struct portal_req *r);
/* Prints each statement linked into the program, a line each: its label, a tab, its text with \t, \n and
 * \\ escaped. */
void portal_sql_print(FILE *out);
/* Prepares every statement of the program against the database and checks its width: the test of
 * `PROGRAM --check-sql`. Prints each failure; returns how many failed. */
unsigned portal_sql_check_all(void);

/* portalctl's admin connection (migrations, demo data): multi-statement scripts from files, never input. */
struct st_mysql;
struct st_mysql *portal_db_admin_connect(void);
enum portal_err portal_db_open(void);
void portal_db_close(void);
bool portal_db_alive(void);
enum portal_err portal_db_begin(struct portal_req *r);
enum portal_err portal_db_commit(struct portal_req *r);
void portal_db_rollback(struct portal_req *r);

#endif
