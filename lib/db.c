/* db.c: the process' one MariaDB connection, prepared statements from sql.c (each prepared once per
 * connection, on first use), parameter binding, client-side result buffers, transactions, and
 * recovery from a lost connection: the request gets PORTAL_ERR_DB_DOWN (503) and the next request
 * reconnects and re-prepares. MYSQL_OPT_RECONNECT is not used: it silently drops prepared statements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>

#include "portal.h"

#define MAX_PARAMS 32

struct stmt {
	MYSQL_STMT *st;
	unsigned ncols;
	MYSQL_BIND *res;
	char **bufs;
	unsigned long *lens;
	size_t *caps;
	my_bool *nulls, *errs;
	bool has_result;
};

static MYSQL *conn;
static struct stmt stmts[ST__COUNT];

static void stmt_reset_all(void)
{
	for (int i = 0; i < ST__COUNT; i++) {
		struct stmt *s = &stmts[i];
		if (s->st)
			mysql_stmt_close(s->st);
		for (unsigned c = 0; c < s->ncols; c++)
			free(s->bufs[c]);
		free(s->res);
		free(s->bufs);
		free(s->lens);
		free(s->caps);
		free(s->nulls);
		free(s->errs);
		memset(s, 0, sizeof *s);
	}
}

void portal_db_close(void)
{
	stmt_reset_all();
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

static enum portal_err classify(struct portal_req *r, unsigned e, const char *msg, enum portal_stmt st)
{
	if (conn_lost(e)) {
		portal_log(r, PORTAL_LOG_ERR, "database connection lost (%u %s) in %s", e, msg, portal_sql_name(st));
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
		portal_log(r, PORTAL_LOG_WARN, "database %s in %s", e == 1213 ? "deadlock" : "lock wait timeout",
			portal_sql_name(st));
		if (r)
			r->deadlocked = true;
		return PORTAL_ERR_RETRY;
	}
	portal_log(r, PORTAL_LOG_ERR, "database error %u in %s: %s", e, portal_sql_name(st), msg);
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

static enum portal_err prepare(struct portal_req *r, enum portal_stmt id, struct stmt *s)
{
	if (s->st)
		return PORTAL_OK;
	const char *sql = portal_sql_text(id);
	s->st = mysql_stmt_init(conn);
	if (!s->st)
		return classify(r, mysql_errno(conn), mysql_error(conn), id);
	if (mysql_stmt_prepare(s->st, sql, strlen(sql)) != 0) {
		enum portal_err rc = classify(r, mysql_stmt_errno(s->st), mysql_stmt_error(s->st), id);
		if (conn) {
			mysql_stmt_close(s->st);
			s->st = NULL;
		}
		return rc;
	}
	MYSQL_RES *meta = mysql_stmt_result_metadata(s->st);
	if (meta) {
		s->ncols = mysql_num_fields(meta);
		mysql_free_result(meta);
		s->res = calloc(s->ncols, sizeof *s->res);
		s->bufs = calloc(s->ncols, sizeof *s->bufs);
		s->lens = calloc(s->ncols, sizeof *s->lens);
		s->caps = calloc(s->ncols, sizeof *s->caps);
		s->nulls = calloc(s->ncols, sizeof *s->nulls);
		s->errs = calloc(s->ncols, sizeof *s->errs);
		if (!s->res || !s->bufs || !s->lens || !s->caps || !s->nulls || !s->errs) {
			fputs("poortwachter: out of memory\n", stderr);
			abort();
		}
		for (unsigned c = 0; c < s->ncols; c++) {
			s->caps[c] = 64;
			s->bufs[c] = portal_xmalloc(s->caps[c]);
		}
	}
	return PORTAL_OK;
}

static void bind_results(struct stmt *s)
{
	for (unsigned c = 0; c < s->ncols; c++) {
		MYSQL_BIND *b = &s->res[c];
		memset(b, 0, sizeof *b);
		b->buffer_type = MYSQL_TYPE_STRING;
		b->buffer = s->bufs[c];
		b->buffer_length = s->caps[c] - 1;   /* room for our NUL */
		b->length = &s->lens[c];
		b->is_null = &s->nulls[c];
		b->error = &s->errs[c];
	}
	mysql_stmt_bind_result(s->st, s->res);
}

static enum portal_err exec_once(struct portal_req *r, enum portal_stmt id, const char *types, va_list ap)
{
	enum portal_err rc = ensure_conn(r);
	if (rc != PORTAL_OK)
		return rc;
	struct stmt *s = &stmts[id];
	if ((rc = prepare(r, id, s)) != PORTAL_OK)
		return rc;
	if (s->has_result) {
		mysql_stmt_free_result(s->st);
		s->has_result = false;
	}
	size_t np = strlen(types);
	if (np > MAX_PARAMS || np != mysql_stmt_param_count(s->st)) {
		portal_log(r, PORTAL_LOG_ERR, "%s: %zu parameters given, %lu expected", portal_sql_name(id), np,
			mysql_stmt_param_count(s->st));
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
			portal_log(r, PORTAL_LOG_ERR, "%s: bad parameter type %c", portal_sql_name(id), types[i]);
			return PORTAL_ERR_DB;
		}
	}
	if (np && mysql_stmt_bind_param(s->st, bind) != 0)
		return classify(r, mysql_stmt_errno(s->st), mysql_stmt_error(s->st), id);
	if (mysql_stmt_execute(s->st) != 0)
		return classify(r, mysql_stmt_errno(s->st), mysql_stmt_error(s->st), id);
	if (s->ncols) {
		bind_results(s);
		if (mysql_stmt_store_result(s->st) != 0)
			return classify(r, mysql_stmt_errno(s->st), mysql_stmt_error(s->st), id);
		s->has_result = true;
	}
	if (r && !r->in_tx && !s->ncols)
		r->writes++;   /* autocommitted */
	return PORTAL_OK;
}

static bool read_only(enum portal_stmt id)
{
	const char *sql = portal_sql_text(id);
	return !strncmp(sql, "SELECT", 6) && !strstr(sql, "FOR UPDATE");
}

/* A connection that died while idle (server restarted) is only noticed when used. For a read outside a
 * transaction nothing was changed: reconnect and try once more instead of answering 503. */
static enum portal_err exec_retry(struct portal_req *r, enum portal_stmt id, const char *types, va_list ap)
{
	if ((unsigned)id >= ST__COUNT)
		return PORTAL_ERR_DB;
	bool had_conn = conn != NULL;
	va_list again;
	va_copy(again, ap);
	enum portal_err rc = exec_once(r, id, types, ap);
	if (rc == PORTAL_ERR_DB_DOWN && had_conn && read_only(id) && !(r && r->in_tx)) {
		if (r)
			r->db_failed = false;
		rc = exec_once(r, id, types, again);
	}
	va_end(again);
	return rc;
}

enum portal_err portal_db_exec(struct portal_req *r, enum portal_stmt id, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum portal_err rc = exec_retry(r, id, types, ap);
	va_end(ap);
	return rc;
}

int portal_db_fetch(struct portal_req *r, enum portal_stmt id)
{
	struct stmt *s = &stmts[id];
	if (!s->st || !s->has_result)
		return 0;
	int f = mysql_stmt_fetch(s->st);
	if (f == MYSQL_NO_DATA) {
		mysql_stmt_free_result(s->st);
		s->has_result = false;
		return 0;
	}
	if (f == 1) {
		classify(r, mysql_stmt_errno(s->st), mysql_stmt_error(s->st), id);
		return -1;
	}
	if (f == MYSQL_DATA_TRUNCATED) {
		bool rebind = false;
		for (unsigned c = 0; c < s->ncols; c++) {
			if (!s->errs[c] || s->nulls[c])
				continue;
			size_t need = s->lens[c] + 1;
			s->bufs[c] = portal_xrealloc(s->bufs[c], need);
			s->caps[c] = need;
			MYSQL_BIND b = s->res[c];
			b.buffer = s->bufs[c];
			b.buffer_length = need - 1;
			if (mysql_stmt_fetch_column(s->st, &b, c, 0) != 0) {
				classify(r, mysql_stmt_errno(s->st), mysql_stmt_error(s->st), id);
				return -1;
			}
			rebind = true;
		}
		if (rebind)
			bind_results(s);
	}
	for (unsigned c = 0; c < s->ncols; c++) {
		size_t n = s->nulls[c] ? 0 : s->lens[c];
		if (n >= s->caps[c])
			n = s->caps[c] - 1;
		s->bufs[c][n] = '\0';
	}
	return 1;
}

const char *portal_db_str(enum portal_stmt id, unsigned col)
{
	struct stmt *s = &stmts[id];
	if (col >= s->ncols || s->nulls[col])
		return NULL;
	return s->bufs[col];
}

size_t portal_db_len(enum portal_stmt id, unsigned col)
{
	struct stmt *s = &stmts[id];
	if (col >= s->ncols || s->nulls[col])
		return 0;
	return s->lens[col] < s->caps[col] ? s->lens[col] : s->caps[col] - 1;
}

int64_t portal_db_int(enum portal_stmt id, unsigned col)
{
	const char *v = portal_db_str(id, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

bool portal_db_null(enum portal_stmt id, unsigned col)
{
	struct stmt *s = &stmts[id];
	return col >= s->ncols || s->nulls[col];
}

uint64_t portal_db_affected(enum portal_stmt id)
{
	return stmts[id].st ? mysql_stmt_affected_rows(stmts[id].st) : 0;
}

int64_t portal_db_insert_id(enum portal_stmt id)
{
	return stmts[id].st ? (int64_t)mysql_stmt_insert_id(stmts[id].st) : 0;
}

enum portal_err portal_db_row(struct portal_req *r, enum portal_stmt id, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum portal_err rc = exec_retry(r, id, types, ap);
	va_end(ap);
	if (rc != PORTAL_OK)
		return rc;
	int f = portal_db_fetch(r, id);
	if (f < 0)
		return r && r->db_failed && !conn ? PORTAL_ERR_DB_DOWN : PORTAL_ERR_DB;
	return f == 1 ? PORTAL_OK : PORTAL_ERR_NOTFOUND;
}

static enum portal_err simple(struct portal_req *r, const char *sql)
{
	enum portal_err rc = ensure_conn(r);
	if (rc != PORTAL_OK)
		return rc;
	if (mysql_real_query(conn, sql, strlen(sql)) != 0)
		return classify(r, mysql_errno(conn), mysql_error(conn), ST__COUNT);
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
		return classify(r, mysql_errno(conn), mysql_error(conn), ST__COUNT);
	if (r)
		r->writes++;
	return PORTAL_OK;
}

void portal_db_rollback(struct portal_req *r)
{
	if (r)
		r->in_tx = false;
	if (conn && mysql_rollback(conn) != 0)
		classify(r, mysql_errno(conn), mysql_error(conn), ST__COUNT);
}
