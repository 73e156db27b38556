/* db.c: the process' one MariaDB connection; the statements of every file of the program (PORTAL_SQL,
 * db.h), each prepared on first use, as many handles as are open at once; parameter binding, client-side
 * result buffers, results owned by the request, transactions, and recovery from a lost connection: the
 * request gets PORTAL_ERR_DB_DOWN (503) and the next request reconnects and re-prepares.
 * MYSQL_OPT_RECONNECT is not used: it silently drops prepared statements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>

#include "portal.h"
#include "db_impl.h"

#define MAX_PARAMS 32

static MYSQL *conn;
static unsigned conn_gen;            /* moves whenever the connection (and every handle) is dropped */

static const char *stmt_name(const struct portal_sql *q)
{
	static char buf[128];
	return portal_sql_label(q, buf, sizeof buf);
}

static void handle_clear(struct portal_db_handle *h)
{
	if (h->st)
		mysql_stmt_close(h->st);
	for (unsigned c = 0; c < h->ncols; c++)
		free(h->bufs[c]);
	free(h->res);
	free(h->bufs);
	free(h->lens);
	free(h->caps);
	free(h->nulls);
	free(h->errs);
	struct portal_db_handle *next = h->next;
	memset(h, 0, sizeof *h);
	h->next = next;
}

static void handles_free_all(void)
{
	size_t n;
	struct portal_sql *const *all = portal_sql_all(&n);
	for (size_t i = 0; i < n; i++) {
		struct portal_db_handle *h = all[i]->handles;
		while (h) {
			struct portal_db_handle *next = h->next;
			handle_clear(h);
			free(h);
			h = next;
		}
		all[i]->handles = NULL;
	}
	conn_gen++;
}

void portal_db_close(void)
{
	handles_free_all();
	if (conn) {
		mysql_close(conn);
		conn = NULL;
	}
}

bool portal_db_alive(void)
{
	return conn != NULL;
}

static enum portal_err db_connect(const char *user, const char *password, unsigned long flags, MYSQL **out)
{
	const struct portal_conf *c = portal_cf;
	MYSQL *m = mysql_init(NULL);
	if (!m)
		return PORTAL_ERR_DB_DOWN;
	unsigned timeout = 2;
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	timeout = 30;
	mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &timeout);
	mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(m, MYSQL_INIT_COMMAND,
		/* a request waits at most 5 s for a row lock; then its transaction is rolled back and run again
		 * (app.c) instead of holding its client for InnoDB's default 50 s */
		"SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci, time_zone = '+00:00', innodb_lock_wait_timeout = 5,"
		" sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
	const char *socket = c->db_socket && *c->db_socket ? c->db_socket : NULL;
	const char *host = c->db_host && *c->db_host ? c->db_host : (socket ? "localhost" : "127.0.0.1");
	if (!mysql_real_connect(m, host, user, password, c->db_name, (unsigned)c->db_port, socket, flags)) {
		portal_log(NULL, PORTAL_LOG_ERR, "database connection failed: %s", mysql_error(m));
		mysql_close(m);
		return PORTAL_ERR_DB_DOWN;
	}
	*out = m;
	return PORTAL_OK;
}

enum portal_err portal_db_open(void)
{
	portal_db_close();
	return db_connect(portal_cf->db_user, portal_cf->db_password, 0, &conn);
}

MYSQL *portal_db_admin_connect(void)
{
	MYSQL *m = NULL;
	const char *user = portal_cf->db_admin_user && *portal_cf->db_admin_user ? portal_cf->db_admin_user
		: portal_cf->db_user;
	const char *pw = portal_cf->db_admin_password ? portal_cf->db_admin_password
		: (portal_cf->db_admin_user && *portal_cf->db_admin_user ? "" : portal_cf->db_password);
	if (db_connect(user, pw, CLIENT_MULTI_STATEMENTS, &m) != PORTAL_OK)
		return NULL;
	return m;
}

static bool conn_lost(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == CR_CONNECTION_ERROR ||
	       e == CR_CONN_HOST_ERROR || e == 1243 /* unknown prepared statement */ ||
	       e == 1927 /* connection killed */ || e == 2056 || e == 4031 /* idle disconnect */ ||
	       e == 1053 /* server shutdown */ || e == CR_COMMANDS_OUT_OF_SYNC;
}

/* The error of statement `name` as a value: a lost connection closes it (and every handle). */
static enum portal_err classify(struct portal_req *r, unsigned e, const char *msg, const char *name)
{
	if (conn_lost(e)) {
		portal_log(r, PORTAL_LOG_ERR, "database connection lost (%u %s) in %s", e, msg, name);
		portal_db_close();
		if (r) {
			r->db_failed = true;
			r->in_tx = false;
		}
		return PORTAL_ERR_DB_DOWN;
	}
	if (e == 1062)
		return PORTAL_ERR_DUP;
	if (e == 1213 || e == 1205) {
		portal_log(r, PORTAL_LOG_WARN, "database %s in %s", e == 1213 ? "deadlock" : "lock wait timeout", name);
		if (r)
			r->deadlocked = true;
		return PORTAL_ERR_RETRY;
	}
	portal_log(r, PORTAL_LOG_ERR, "database error %u in %s: %s", e, name, msg);
	if (r)
		r->db_failed = true;
	return PORTAL_ERR_DB;
}

static enum portal_err ensure_conn(struct portal_req *r)
{
	if (conn)
		return PORTAL_OK;
	if (r && r->db_failed)
		return PORTAL_ERR_DB_DOWN;   /* one reconnect attempt per request is enough */
	enum portal_err rc = portal_db_open();
	if (rc != PORTAL_OK && r)
		r->db_failed = true;
	return rc;
}

static enum portal_err prepare(struct portal_req *r, struct portal_db_handle *h, const struct portal_sql *q)
{
	const char *sql = q->text;
	if (h->st)
		return PORTAL_OK;
	h->st = mysql_stmt_init(conn);
	if (!h->st)
		return classify(r, mysql_errno(conn), mysql_error(conn), stmt_name(q));
	if (mysql_stmt_prepare(h->st, sql, strlen(sql)) != 0) {
		enum portal_err rc = classify(r, mysql_stmt_errno(h->st), mysql_stmt_error(h->st), stmt_name(q));
		if (conn) {
			mysql_stmt_close(h->st);
			h->st = NULL;
		}
		return rc;
	}
	MYSQL_RES *meta = mysql_stmt_result_metadata(h->st);
	if (meta) {
		h->ncols = mysql_num_fields(meta);
		mysql_free_result(meta);
		h->res = calloc(h->ncols, sizeof *h->res);
		h->bufs = calloc(h->ncols, sizeof *h->bufs);
		h->lens = calloc(h->ncols, sizeof *h->lens);
		h->caps = calloc(h->ncols, sizeof *h->caps);
		h->nulls = calloc(h->ncols, sizeof *h->nulls);
		h->errs = calloc(h->ncols, sizeof *h->errs);
		if (!h->res || !h->bufs || !h->lens || !h->caps || !h->nulls || !h->errs) {
			fputs("poortwachter: out of memory\n", stderr);
			abort();
		}
		for (unsigned c = 0; c < h->ncols; c++) {
			h->caps[c] = 64;
			h->bufs[c] = portal_xmalloc(h->caps[c]);
		}
	}
	return PORTAL_OK;
}

static void bind_results(struct portal_db_handle *h)
{
	for (unsigned c = 0; c < h->ncols; c++) {
		MYSQL_BIND *b = &h->res[c];
		memset(b, 0, sizeof *b);
		b->buffer_type = MYSQL_TYPE_STRING;
		b->buffer = h->bufs[c];
		b->buffer_length = h->caps[c] - 1;   /* room for our NUL */
		b->length = &h->lens[c];
		b->is_null = &h->nulls[c];
		b->error = &h->errs[c];
	}
	mysql_stmt_bind_result(h->st, h->res);
}

/* Binds the parameters and executes on a prepared handle; a result is stored client-side. */
static enum portal_err run(struct portal_req *r, struct portal_db_handle *h, const struct portal_sql *q,
	const char *types, va_list ap)
{
	if (h->has_result) {
		mysql_stmt_free_result(h->st);
		h->has_result = false;
	}
	size_t np = strlen(types);
	if (np > MAX_PARAMS || np != mysql_stmt_param_count(h->st)) {
		portal_log(r, PORTAL_LOG_ERR, "%s: %zu parameters given, %lu expected", stmt_name(q), np,
			mysql_stmt_param_count(h->st));
		if (r)
			r->db_failed = true;
		return PORTAL_ERR_DB;
	}
	MYSQL_BIND bind[MAX_PARAMS];
	long long ints[MAX_PARAMS];
	unsigned long lens[MAX_PARAMS];
	my_bool nulls[MAX_PARAMS];
	memset(bind, 0, sizeof bind);
	for (size_t i = 0; i < np; i++) {
		MYSQL_BIND *b = &bind[i];
		nulls[i] = 0;
		b->is_null = &nulls[i];
		switch (types[i]) {
		case 'i':
		case 'I':
			ints[i] = va_arg(ap, int64_t);
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &ints[i];
			if (types[i] == 'I' && ints[i] <= 0)
				nulls[i] = 1;   /* an optional id: absent is NULL */
			break;
		case 's': {
			const char *v = va_arg(ap, const char *);
			b->buffer_type = MYSQL_TYPE_STRING;
			if (!v) {
				nulls[i] = 1;
			} else {
				b->buffer = (void *)v;
				lens[i] = strlen(v);
				b->buffer_length = lens[i];
				b->length = &lens[i];
			}
			break;
		}
		case 'b': {
			const void *v = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			b->buffer_type = MYSQL_TYPE_BLOB;
			b->buffer = (void *)v;
			lens[i] = n;
			b->buffer_length = n;
			b->length = &lens[i];
			break;
		}
		case 'n':
			b->buffer_type = MYSQL_TYPE_NULL;
			nulls[i] = 1;
			break;
		default:
			portal_log(r, PORTAL_LOG_ERR, "%s: bad parameter type %c", stmt_name(q), types[i]);
			if (r)
				r->db_failed = true;
			return PORTAL_ERR_DB;
		}
	}
	if (np && mysql_stmt_bind_param(h->st, bind) != 0)
		return classify(r, mysql_stmt_errno(h->st), mysql_stmt_error(h->st), stmt_name(q));
	if (mysql_stmt_execute(h->st) != 0)
		return classify(r, mysql_stmt_errno(h->st), mysql_stmt_error(h->st), stmt_name(q));
	if (h->ncols) {
		bind_results(h);
		if (mysql_stmt_store_result(h->st) != 0)
			return classify(r, mysql_stmt_errno(h->st), mysql_stmt_error(h->st), stmt_name(q));
		h->has_result = true;
	}
	if (r && !r->in_tx && !h->ncols)
		r->writes++;   /* autocommitted */
	return PORTAL_OK;
}

/* The next row into h's buffers, grown to fit: 1, 0 at the end, -1 on an error. */
static int fetch(struct portal_req *r, struct portal_db_handle *h, const struct portal_sql *q)
{
	if (!h->st || !h->has_result)
		return 0;
	int f = mysql_stmt_fetch(h->st);
	if (f == MYSQL_NO_DATA) {
		mysql_stmt_free_result(h->st);
		h->has_result = false;
		return 0;
	}
	if (f == 1) {
		classify(r, mysql_stmt_errno(h->st), mysql_stmt_error(h->st), stmt_name(q));
		return -1;
	}
	if (f == MYSQL_DATA_TRUNCATED) {
		bool rebind = false;
		for (unsigned c = 0; c < h->ncols; c++) {
			if (!h->errs[c] || h->nulls[c])
				continue;
			size_t need = h->lens[c] + 1;
			h->bufs[c] = portal_xrealloc(h->bufs[c], need);
			h->caps[c] = need;
			MYSQL_BIND b = h->res[c];
			b.buffer = h->bufs[c];
			b.buffer_length = need - 1;
			if (mysql_stmt_fetch_column(h->st, &b, c, 0) != 0) {
				classify(r, mysql_stmt_errno(h->st), mysql_stmt_error(h->st), stmt_name(q));
				return -1;
			}
			rebind = true;
		}
		if (rebind)
			bind_results(h);
	}
	for (unsigned c = 0; c < h->ncols; c++) {
		size_t n = h->nulls[c] ? 0 : h->lens[c];
		if (n >= h->caps[c])
			n = h->caps[c] - 1;
		h->bufs[c][n] = '\0';
	}
	return 1;
}

static bool read_only(const char *sql)
{
	return !strncmp(sql, "SELECT", 6) && !strstr(sql, "FOR UPDATE");
}

/* ---- statements owned by their files (db.h) ---- */

/* A handle of q not in use by an open result, prepared (a new one when all are busy). */
static enum portal_err acquire(struct portal_req *r, struct portal_sql *q, struct portal_db_handle **out)
{
	struct portal_db_handle **at = &q->handles;
	for (; *at; at = &(*at)->next)
		if (!(*at)->busy && (*at)->st) {
			*out = *at;
			return PORTAL_OK;
		}
	struct portal_db_handle *h = calloc(1, sizeof *h);
	if (!h) {
		fputs("poortwachter: out of memory\n", stderr);
		abort();
	}
	enum portal_err rc = prepare(r, h, q);
	if (rc == PORTAL_OK && h->ncols != q->ncols) {
		portal_log(r, PORTAL_LOG_ERR, "%s: %u columns in the result, %u named", stmt_name(q), h->ncols, q->ncols);
		if (r)
			r->db_failed = true;
		rc = PORTAL_ERR_DB;
	}
	if (rc != PORTAL_OK) {
		handle_clear(h);
		free(h);
		return rc;
	}
	*at = h;
	*out = h;
	return PORTAL_OK;
}

static void rows_unlink(struct portal_rows *rs)
{
	for (struct portal_rows **p = &rs->r->rows; *p; p = &(*p)->next)
		if (*p == rs) {
			*p = rs->next;
			break;
		}
	rs->next = NULL;
}

void portal_rows_close(struct portal_rows *rs)
{
	if (!rs || !rs->h)
		return;
	if (rs->gen == conn_gen) {
		if (rs->h->has_result) {
			mysql_stmt_free_result(rs->h->st);
			rs->h->has_result = false;
		}
		rs->h->busy = false;
	}
	rs->h = NULL;
	rows_unlink(rs);
}

void portal_db_req_end(struct portal_req *r)
{
	while (r->rows)
		portal_rows_close(r->rows);
}

/* Executes q once on a free handle; with a result, *out gets it (open, registered with the request). */
static enum portal_err query_once(struct portal_req *r, struct portal_rows **out, struct portal_sql *q,
	struct portal_wrote *w, const char *types, va_list ap)
{
	enum portal_err rc = ensure_conn(r);
	struct portal_db_handle *h;
	if (rc != PORTAL_OK || (rc = acquire(r, q, &h)) != PORTAL_OK)
		return rc;
	if ((rc = run(r, h, q, types, ap)) != PORTAL_OK)
		return rc;
	if (w) {
		w->rows = mysql_stmt_affected_rows(h->st);
		w->id = (int64_t)mysql_stmt_insert_id(h->st);
	}
	if (!h->ncols)
		return PORTAL_OK;
	if (!out || !r) {
		mysql_stmt_free_result(h->st);
		h->has_result = false;
		return PORTAL_OK;
	}
	struct portal_rows *rs = portal_alloc(r, sizeof *rs);
	rs->r = r;
	rs->q = q;
	rs->h = h;
	rs->gen = conn_gen;
	rs->ncols = h->ncols;
	rs->next = r->rows;
	r->rows = rs;
	h->busy = true;
	*out = rs;
	return PORTAL_OK;
}

/* A connection that died while idle (server restarted) is only noticed when used. For a read outside a
 * transaction nothing was changed: reconnect and try once more instead of answering 503. */
static enum portal_err query_v(struct portal_req *r, struct portal_rows **out, struct portal_sql *q,
	struct portal_wrote *w, const char *types, va_list ap)
{
	bool had_conn = conn != NULL;
	va_list again;
	va_copy(again, ap);
	enum portal_err rc = query_once(r, out, q, w, types, ap);
	if (rc == PORTAL_ERR_DB_DOWN && had_conn && read_only(q->text) && !(r && r->in_tx)) {
		if (r)
			r->db_failed = false;
		rc = query_once(r, out, q, w, types, again);
	}
	va_end(again);
	return rc;
}

enum portal_err portal_query(struct portal_req *r, struct portal_rows **out, struct portal_sql *q,
	const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum portal_err rc = query_v(r, out, q, NULL, types, ap);
	va_end(ap);
	return rc;
}

enum portal_err portal_exec(struct portal_req *r, struct portal_sql *q, struct portal_wrote *w,
	const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum portal_err rc = query_v(r, NULL, q, w, types, ap);
	va_end(ap);
	return rc;
}

int portal_next(struct portal_rows *rs)
{
	if (!rs || !rs->h)
		return 0;
	if (rs->gen != conn_gen) {   /* the connection dropped under it: the error was logged then */
		rs->h = NULL;
		rows_unlink(rs);
		return -1;
	}
	int f = fetch(rs->r, rs->h, rs->q);
	if (f <= 0)
		portal_rows_close(rs);   /* after a lost connection it only forgets the handle, already freed */
	return f;
}

static enum portal_err query_row_v(struct portal_req *r, struct portal_rows **out, struct portal_sql *q,
	const char *types, va_list ap)
{
	struct portal_rows *rs = NULL;
	enum portal_err rc = query_v(r, &rs, q, NULL, types, ap);
	if (rc != PORTAL_OK)
		return rc;
	if (!rs) {
		portal_log(r, PORTAL_LOG_ERR, "%s: a row asked of a statement without a result", stmt_name(q));
		r->db_failed = true;
		return PORTAL_ERR_DB;
	}
	int f = portal_next(rs);
	if (f < 0)
		return conn ? PORTAL_ERR_DB : PORTAL_ERR_DB_DOWN;
	if (f == 0)
		return PORTAL_ERR_NOTFOUND;
	/* the row is copied so that the handle serves the next execution at once */
	struct portal_db_handle *h = rs->h;
	rs->vals = portal_alloc(r, rs->ncols * sizeof *rs->vals);
	rs->lens = portal_alloc(r, rs->ncols * sizeof *rs->lens);
	for (unsigned c = 0; c < rs->ncols; c++)
		if (!h->nulls[c]) {
			rs->lens[c] = h->lens[c] < h->caps[c] ? h->lens[c] : h->caps[c] - 1;
			rs->vals[c] = portal_strndup(r, h->bufs[c], rs->lens[c]);
		}
	portal_rows_close(rs);
	*out = rs;
	return PORTAL_OK;
}

enum portal_err portal_query_row(struct portal_req *r, struct portal_rows **out, struct portal_sql *q,
	const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum portal_err rc = query_row_v(r, out, q, types, ap);
	va_end(ap);
	return rc;
}

int portal_row_or_404(struct portal_req *r, struct portal_rows **out, struct portal_sql *q, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum portal_err rc = query_row_v(r, out, q, types, ap);
	va_end(ap);
	if (rc == PORTAL_OK)
		return 0;
	if (r->in_tx)
		portal_db_rollback(r);
	return rc == PORTAL_ERR_NOTFOUND ? 404 : 503;   /* the dispatcher writes the error page */
}

int portal_page_next(struct portal_rows *rs, struct portal_page *pg)
{
	int f = portal_next(rs);
	if (f == 1 && pg->n == pg->size) {
		pg->more = true;
		portal_rows_close(rs);
		return 0;
	}
	if (f == 1)
		pg->i = pg->n++;
	return f;
}

const char *portal_col(const struct portal_rows *rs, unsigned col)
{
	if (col >= rs->ncols)
		return NULL;
	if (rs->vals)
		return rs->vals[col];
	if (!rs->h || rs->gen != conn_gen || rs->h->nulls[col])
		return NULL;
	return rs->h->bufs[col];
}

size_t portal_col_len(const struct portal_rows *rs, unsigned col)
{
	if (col >= rs->ncols)
		return 0;
	if (rs->vals)
		return rs->lens[col];
	if (!rs->h || rs->gen != conn_gen || rs->h->nulls[col])
		return 0;
	return rs->h->lens[col] < rs->h->caps[col] ? rs->h->lens[col] : rs->h->caps[col] - 1;
}

int64_t portal_col_int(const struct portal_rows *rs, unsigned col)
{
	const char *v = portal_col(rs, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

bool portal_col_null(const struct portal_rows *rs, unsigned col)
{
	return portal_col(rs, col) == NULL;
}

unsigned portal_sql_check_all(void)
{
	size_t n;
	struct portal_sql *const *all = portal_sql_all(&n);
	unsigned bad = 0;
	for (size_t i = 0; i < n; i++) {
		struct portal_db_handle *h;
		if (ensure_conn(NULL) != PORTAL_OK || acquire(NULL, all[i], &h) != PORTAL_OK) {
			printf("%s: does not prepare with %u columns (the log says why)\n", stmt_name(all[i]), all[i]->ncols);
			bad++;
		}
	}
	return bad;
}

/* ---- transactions ---- */

static enum portal_err simple(struct portal_req *r, const char *sql)
{
	enum portal_err rc = ensure_conn(r);
	if (rc != PORTAL_OK)
		return rc;
	if (mysql_real_query(conn, sql, strlen(sql)) != 0)
		return classify(r, mysql_errno(conn), mysql_error(conn), sql);
	return PORTAL_OK;
}

enum portal_err portal_db_begin(struct portal_req *r)
{
	enum portal_err rc = simple(r, "START TRANSACTION");
	if (rc == PORTAL_OK && r)
		r->in_tx = true;
	return rc;
}

enum portal_err portal_db_commit(struct portal_req *r)
{
	if (!conn)
		return PORTAL_ERR_DB_DOWN;
	if (r)
		r->in_tx = false;
	if (mysql_commit(conn) != 0)
		return classify(r, mysql_errno(conn), mysql_error(conn), "COMMIT");
	if (r)
		r->writes++;
	return PORTAL_OK;
}

void portal_db_rollback(struct portal_req *r)
{
	if (r)
		r->in_tx = false;
	if (conn && mysql_rollback(conn) != 0)
		classify(r, mysql_errno(conn), mysql_error(conn), "ROLLBACK");
}
