/* migrate.c: portalctl migrate: sql/NNN_*.sql applied once each, in order, recorded with a checksum. */
#include "portalctl.h"

/* Runs a multi-statement script on the admin connection; every result must succeed. */
bool run_script(MYSQL *m, const char *name, const char *sql, size_t len)
{
	if (mysql_real_query(m, sql, len) != 0) {
		fprintf(stderr, "portalctl: %s: %s\n", name, mysql_error(m));
		return false;
	}
	for (;;) {
		MYSQL_RES *res = mysql_store_result(m);
		if (res)
			mysql_free_result(res);
		int more = mysql_next_result(m);
		if (more > 0) {
			fprintf(stderr, "portalctl: %s: %s\n", name, mysql_error(m));
			return false;
		}
		if (more < 0)
			return true;
	}
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NNN_*.sql files of dir, sorted. */
size_t list_sql(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	*out = NULL;
	if (!d)
		return 0;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *s = e->d_name;
		size_t l = strlen(s);
		if (l < 9 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9' ||
		    s[3] != '_' || strcmp(s + l - 4, ".sql"))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = portal_xrealloc(*out, cap * sizeof **out);
		}
		(*out)[n++] = portal_xstrdup(s);
	}
	closedir(d);
	qsort(*out, n, sizeof **out, cmp_names);
	return n;
}

void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The checksum recorded for a migration, via a prepared statement on the admin connection. */
static int recorded(MYSQL *m, const char *version, char sum[65])
{
	static const char q[] = "SELECT checksum FROM schema_migrations WHERE version = ?";
	MYSQL_STMT *st = mysql_stmt_init(m);
	int found = -1;
	if (!st || mysql_stmt_prepare(st, q, sizeof q - 1))
		goto out;
	MYSQL_BIND p = { 0 }, res = { 0 };
	unsigned long vlen = strlen(version), slen = 0;
	p.buffer_type = MYSQL_TYPE_STRING;
	p.buffer = (void *)version;
	p.buffer_length = vlen;
	p.length = &vlen;
	res.buffer_type = MYSQL_TYPE_STRING;
	res.buffer = sum;
	res.buffer_length = 65;
	res.length = &slen;
	if (mysql_stmt_bind_param(st, &p) || mysql_stmt_execute(st) || mysql_stmt_bind_result(st, &res))
		goto out;
	int f = mysql_stmt_fetch(st);
	found = f == 0 ? 1 : f == MYSQL_NO_DATA ? 0 : -1;
	if (found == 1)
		sum[slen < 64 ? slen : 64] = '\0';
out:
	if (found < 0)
		fprintf(stderr, "portalctl: reading schema_migrations: %s\n", st ? mysql_stmt_error(st) : mysql_error(m));
	if (st)
		mysql_stmt_close(st);
	return found;
}

static bool record(MYSQL *m, const char *version, const char *sum)
{
	static const char q[] = "INSERT INTO schema_migrations (version, checksum, applied_at) VALUES (?, ?, ?)";
	MYSQL_STMT *st = mysql_stmt_init(m);
	bool ok = false;
	if (!st || mysql_stmt_prepare(st, q, sizeof q - 1))
		goto out;
	MYSQL_BIND p[3];
	memset(p, 0, sizeof p);
	unsigned long l0 = strlen(version), l1 = strlen(sum);
	long long now = (long long)time(NULL);
	p[0].buffer_type = MYSQL_TYPE_STRING, p[0].buffer = (void *)version, p[0].buffer_length = l0, p[0].length = &l0;
	p[1].buffer_type = MYSQL_TYPE_STRING, p[1].buffer = (void *)sum, p[1].buffer_length = l1, p[1].length = &l1;
	p[2].buffer_type = MYSQL_TYPE_LONGLONG, p[2].buffer = &now;
	ok = !mysql_stmt_bind_param(st, p) && !mysql_stmt_execute(st);
out:
	if (!ok)
		fprintf(stderr, "portalctl: recording %s: %s\n", version, st ? mysql_stmt_error(st) : mysql_error(m));
	if (st)
		mysql_stmt_close(st);
	return ok;
}

int cmd_migrate(const char *dir)
{
	MYSQL *m = portal_db_admin_connect();
	if (!m)
		return die("%s", "cannot connect to the database as the admin user");
	static const char create[] =
		"CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR(100) NOT NULL PRIMARY KEY,"
		" checksum CHAR(64) NOT NULL, applied_at BIGINT NOT NULL)"
		" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";
	if (!run_script(m, "schema_migrations", create, sizeof create - 1)) {
		mysql_close(m);
		return 1;
	}
	char **files;
	size_t n = list_sql(dir, &files), applied = 0;
	int rc = 0;
	if (n == 0) {
		fprintf(stderr, "portalctl: no migrations in %s\n", dir);
		rc = 1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		char path[4096], sum[65], have[65];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		size_t len;
		char *sql = portal_file_read(path, &len);
		if (!sql) {
			rc = die("cannot read %s", path);
			break;
		}
		unsigned char h[32];
		portal_sha256(sql, len, h);
		portal_hex(h, sizeof h, sum);
		int found = recorded(m, files[i], have);
		if (found < 0) {
			rc = 1;
		} else if (found == 1) {
			if (strcmp(have, sum)) {
				fprintf(stderr, "portalctl: %s was changed after it was applied (checksum %s, now %s);"
					" write a new migration instead\n", files[i], have, sum);
				rc = 1;
			}
		} else if (!run_script(m, files[i], sql, len) || !record(m, files[i], sum)) {
			rc = 1;
		} else {
			printf("applied %s\n", files[i]);
			applied++;
		}
		free(sql);
	}
	if (rc == 0)
		printf("migrations: %zu applied, %zu already present\n", applied, n - applied);
	free_list(files, n);
	mysql_close(m);
	return rc;
}
