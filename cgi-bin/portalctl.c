/* portalctl.c: the command-line tool beside the programs, linked with the same library.
 *   portalctl migrate [DIR]            apply sql/NNN_*.sql once each, in order, recorded with a checksum
 *   portalctl demo DIR LOGINS          load demo data (only into an empty database), give every demo user
 *                                      a fresh random password, write LOGINS (email, password, org, roles)
 *   portalctl send [--loop] [--echo]  drain the SMS and mail outboxes with the configured drivers
 *                                      (sms-send, mail-send: one of them); before the mail, queue the notices
 *                                      of support grants that expired
 *   portalctl create-vendor-admin EMAIL MOBILE GIVEN FAMILY [VENDOR-NAME]
 *                                      the first vendor administrator of a fresh install (no default account):
 *                                      invited, with a one-time link printed (72 hours)
 *   portalctl nightly                  the nightly quota report: one line per customer; flags and audits those
 *                                      over their incident-submitter maximum (nobody's role is stripped);
 *                                      forgets the forms' one-time tokens older than a day (once.c)
 *   portalctl sweep-uploads [--dry-run] [--min-age SECONDS]
 *                                      documents.dir against the database: removes the files no row names
 *                                      (an upload whose transaction never committed: a killed process, a lost
 *                                      database) once older than --min-age (default 3600, so an upload in
 *                                      flight is never touched), and reports rows whose file is missing
 *                                      (exit 1). Files not named like ours are reported and left alone.
 *   portalctl check-config             load the configuration and report problems
 *   portalctl check-sql                prepare each of its own statements and check their named widths
 *   portalctl sql [DIR]                print every statement the programs prepare: its name, a tab, its text
 *                                      (one a line: a tab, newline or backslash in it written \t, \n, \\;
 *                                      bench/plans.py explains them against the data at scale), its own and
 *                                      those each program in DIR prints for --sql (default: portalctl's own
 *                                      directory when the programs are there, else where install puts them)
 * Configuration: PORTAL_CONFIG, like the programs. Migrations and demo data use the admin database user. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>
#include <openssl/crypto.h>

#include "portal.h"
#include "site.h"
#include "holders.h"

static volatile sig_atomic_t stop;
static void on_stop(int sig) { (void)sig; stop = 1; }

static int die(const char *fmt, ...) PORTAL_PRINTF(1, 2);
static int die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("portalctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}

/* Runs a multi-statement script on the admin connection; every result must succeed. */
static bool run_script(MYSQL *m, const char *name, const char *sql, size_t len)
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
static size_t list_sql(const char *dir, char ***out)
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

static void free_list(char **v, size_t n)
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

static int cmd_migrate(const char *dir)
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

static void random_password(char *out, size_t groups)
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t o = 0;
	for (size_t g = 0; g < groups; g++) {
		if (g)
			out[o++] = '-';
		for (int i = 0; i < 5; i++)
			out[o++] = alphabet[portal_random_below(sizeof alphabet - 1)];
	}
	out[o] = '\0';
}

enum { DU_ID, DU_EMAIL, DU_ORG, DU_ROLES, DU_IS_ADMIN, DU__N };
PORTAL_SQL(sql_demo_users, DU__N,
	"SELECT u.id, u.email, o.name,"
	" (SELECT GROUP_CONCAT(ro.name_nl ORDER BY ro.sort_order SEPARATOR ', ')"
	"    FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = u.id),"
	" EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id"
	"    WHERE ur.user_id = u.id AND ro.rkey = 'beheerder') AS is_admin"
	" FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.status = 'active'"
	" ORDER BY o.kind = 'vendor', is_admin DESC, o.id, u.id");

static int cmd_demo(const char *dir, const char *logins)
{
	MYSQL *m = portal_db_admin_connect();
	if (!m)
		return die("%s", "cannot connect to the database as the admin user");
	static const char q[] = "SELECT COUNT(*) FROM organisations";
	if (mysql_real_query(m, q, sizeof q - 1) != 0) {
		fprintf(stderr, "portalctl: %s (run migrate first)\n", mysql_error(m));
		mysql_close(m);
		return 1;
	}
	MYSQL_RES *res = mysql_store_result(m);
	MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
	long orgs = row && row[0] ? strtol(row[0], NULL, 10) : -1;
	if (res)
		mysql_free_result(res);
	if (orgs != 0) {
		printf("demo: the database already holds organisations; demo data not loaded again\n");
		mysql_close(m);
		return orgs < 0;
	}
	char **files;
	size_t n = list_sql(dir, &files);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		size_t len;
		char *sql = portal_file_read(path, &len);
		if (!sql || !run_script(m, files[i], sql, len))
			rc = 1;
		free(sql);
	}
	free_list(files, n);
	mysql_close(m);
	if (rc)
		return rc;

	/* fresh random passwords: demo accounts have no password anyone could know in advance */
	struct portal_req *r = portal_req_new();
	int fd = open(logins, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		portal_req_free(r);
		return die("cannot write %s", logins);
	}
	struct portal_rows *du;
	if (portal_query(r, &du, &sql_demo_users, "") != PORTAL_OK) {
		fclose(out);
		portal_req_free(r);
		return die("%s", "cannot list demo users");
	}
	struct user { int64_t id; char *email, *org, *roles; } *users = NULL;
	size_t nu = 0;
	while (portal_next(du) == 1) {
		users = portal_xrealloc(users, (nu + 1) * sizeof *users);
		users[nu].id = portal_col_int(du, DU_ID);
		users[nu].email = portal_strdup(r, portal_col(du, DU_EMAIL));
		users[nu].org = portal_strdup(r, portal_col(du, DU_ORG));
		const char *roles = portal_col(du, DU_ROLES);
		users[nu].roles = portal_strdup(r, roles ? roles : "-");
		nu++;
	}
	for (size_t i = 0; i < nu && rc == 0; i++) {
		char pw[32], hash[PORTAL_PWHASH_MAX];
		random_password(pw, 4);
		if (portal_pw_hash(pw, strlen(pw), hash) != PORTAL_OK ||
		    portal_pw_store(r, users[i].id, hash) != PORTAL_OK) {
			rc = die("cannot set the password of %s", users[i].email);
			break;
		}
		fprintf(out, "%s\t%s\t%s\t%s\n", users[i].email, pw, users[i].org, users[i].roles);
	}
	free(users);
	fclose(out);
	portal_req_free(r);
	if (rc == 0)
		printf("demo: %zu users, logins in %s\n", nu, logins);
	return rc;
}

/* Document 004: the admins of each customer whose contact data was last checked more than
 * reminders.contact_check_days ago get an e-mail, once per period; one line per organisation reminded.
 * The customers are read CONTACT_BATCH at a time (the statement's limit); each one reminded is marked in its
 * own transaction, so the next batch reads the next ones, until a batch comes back short. */
#define CONTACT_BATCH 1000

/* customers whose data was last checked before ? and who were not reminded since ? */
enum { CD_ID, CD_NAME, CD_CHECKED, CD__N };
PORTAL_SQL(sql_contact_due, CD__N,
	"SELECT id, name, contact_checked_at FROM organisations WHERE kind = 'customer'"
	" AND COALESCE(contact_checked_at, created_at) < ? AND COALESCE(contact_reminded_at, 0) < ? ORDER BY id LIMIT ?");

enum { CA_ID, CA_EMAIL, CA_GIVEN, CA_LANG, CA__N };
PORTAL_SQL(sql_contact_admins, CA__N,
	"SELECT DISTINCT u.id, u.email, u.given_name, u.lang FROM" SQL_HOLDERS("org.manage", "?")
	" AND u.status = 'active' ORDER BY u.id");

PORTAL_SQL(sql_contact_reminded, 0,
	"UPDATE organisations SET contact_reminded_at = ? WHERE id = ?");

static int contact_batch(struct portal_req *r, int64_t before, const char *link, size_t *nread)
{
	struct due { int64_t id; char *name; } *rows = NULL;
	size_t n = 0;
	int f, rc = 0;
	*nread = 0;
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_contact_due, "iii", before, before, (int64_t)CONTACT_BATCH) != PORTAL_OK)
		return die("%s", "cannot read the organisations");
	while ((f = portal_next(q)) == 1) {
		rows = portal_xrealloc(rows, (n + 1) * sizeof *rows);
		rows[n].id = portal_col_int(q, CD_ID);
		rows[n++].name = portal_xstrdup(portal_col(q, CD_NAME));
	}
	for (size_t i = 0; i < n && rc == 0 && f == 0; i++) {
		size_t sent = 0;
		if (portal_db_begin(r) != PORTAL_OK || portal_query(r, &q, &sql_contact_admins, "ii", rows[i].id, rows[i].id) != PORTAL_OK) {
			rc = die("%s", "cannot read the admins");
			break;
		}
		struct adm { int64_t id; char *email, *given, *lang; } *a = NULL;
		size_t na = 0;
		while (portal_next(q) == 1) {
			a = portal_xrealloc(a, (na + 1) * sizeof *a);
			a[na].id = portal_col_int(q, CA_ID);
			a[na].email = portal_xstrdup(portal_col(q, CA_EMAIL));
			a[na].given = portal_xstrdup(portal_col(q, CA_GIVEN));
			a[na++].lang = portal_xstrdup(portal_col_null(q, CA_LANG) ? "nl" : portal_col(q, CA_LANG));
		}
		enum portal_err e = PORTAL_OK;
		for (size_t k = 0; k < na && e == PORTAL_OK; k++, sent++) {
			enum portal_lang l = portal_lang_parse(a[k].lang);
			if (l == PORTAL_NLANG)
				l = PORTAL_NL;
			e = portal_mail_enqueue(r, a[k].id, a[k].email,
				portal_fill(r, portal_text_lang(l, "Mail.contact_check_subject"), "org", rows[i].name, NULL),
				portal_fill(r, portal_text_lang(l, "Mail.contact_check_body"), "name", a[k].given, "org", rows[i].name,
					"link", link ? link : "", "support", portal_cf->support_name, NULL));
		}
		if (e != PORTAL_OK || portal_exec(r, &sql_contact_reminded, NULL, "ii", r->now, rows[i].id) != PORTAL_OK ||
		    portal_audit(r, "contact_check_reminder", rows[i].id, 0, portal_printf(r, "admins reminded: %zu", sent)) != PORTAL_OK ||
		    portal_db_commit(r) != PORTAL_OK) {
			portal_db_rollback(r);
			rc = die("cannot remind organisation %lld", (long long)rows[i].id);
		} else {
			printf("reminded: org %lld, contact data check, admins: %zu\n", (long long)rows[i].id, sent);
		}
		for (size_t k = 0; k < na; k++)
			free(a[k].email), free(a[k].given), free(a[k].lang);
		free(a);
	}
	for (size_t i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
	*nread = n;
	return f < 0 ? die("%s", "cannot read the organisations") : rc;
}

static int contact_reminders(struct portal_req *r)
{
	static const char *const none[] = { NULL };
	char err[600];
	if (portal_tmpl_init(portal_cf->templates_dir, none, err, sizeof err) != PORTAL_OK)
		return die("%s", err);
	int64_t period = (int64_t)portal_cf->contact_check_days * 86400, before = r->now - period;
	const char *link = portal_link(r, "/org");
	size_t n;
	int rc;
	do
		rc = contact_batch(r, before, link, &n);
	while (rc == 0 && n == CONTACT_BATCH);
	portal_tmpl_free();
	return rc;
}

PORTAL_SQL(sql_form_once_expire, 0,
	"DELETE FROM form_once WHERE created_at < ?");

/* every customer's quota and its submitters counted anew, 500 at a time after an id */
enum { QB_ID, QB_NAME, QB_CLASS, QB_OVERRIDE, QB_MAX, QB_SUBMITTERS, QB_OVER_SINCE, QB__N };
PORTAL_SQL(sql_quota_batch, QB__N,
	SQL_QUOTA_ORG_COLS(SQL_COUNT_NOW(SQL_SUBMITTERS("o.id")), "", " FROM organisations o")
	" AND o.id > ? ORDER BY o.id LIMIT 500");

/* The nightly report (document 001): one line per customer with its use of the quota-limited role; an
 * organisation over its maximum is flagged (since the first night) and gets an audit row each night, and
 * one more when it is back under. Nobody's role is stripped. Uses the portal's clock, so a test stack's
 * clock offset applies. */
static int cmd_nightly(void)
{
	struct portal_req *r = portal_req_new();
	struct row { int64_t id, max, used; bool flagged; char *name; } *rows = NULL;
	size_t n = 0, cap = 0;
	int f, rc = 0;
	/* the one-time tokens of forms (once.c) older than a day: a copy of a form sent later is a new form */
	if (portal_exec(r, &sql_form_once_expire, NULL, "i", r->now - 86400) != PORTAL_OK)
		rc = die("%s", "cannot remove the forms' old tokens");
	/* every customer, in batches of 500 by id: no cap, and each statement reads one index range */
	for (int64_t after = 0, got = 1; got > 0 && rc == 0;) {
		struct portal_rows *st;
		if (portal_query(r, &st, &sql_quota_batch, "i", after) != PORTAL_OK) {
			rc = die("%s", "cannot read the organisations");
			break;
		}
		for (got = 0; (f = portal_next(st)) == 1; got++) {
			if (n == cap)
				rows = portal_xrealloc(rows, (cap = cap ? 2 * cap : 64) * sizeof *rows);
			rows[n].id = after = portal_col_int(st, QB_ID);
			rows[n].name = portal_xstrdup(portal_col(st, QB_NAME));
			rows[n].max = portal_col_int(st, QB_MAX);
			rows[n].used = portal_col_int(st, QB_SUBMITTERS);
			rows[n].flagged = !portal_col_null(st, QB_OVER_SINCE);
			n++;
		}
		if (f < 0)
			rc = die("%s", "cannot read the organisations");
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct row *x = &rows[i];
		bool over = x->used > x->max;
		char clean[220];
		portal_sanitize_line(clean, sizeof clean, x->name);
		printf("org %lld %s: %lld of %lld, %s\n", (long long)x->id, clean, (long long)x->used, (long long)x->max,
			over ? "OVER QUOTA" : x->used == x->max ? "at the maximum" : "within the quota");
		if (!over && !x->flagged)
			continue;
		/* over: an audit row every night (the organisation's admins see it in their log); back under: once */
		if (portal_db_begin(r) != PORTAL_OK ||
		    portal_quota_flag(r, x->id, over) != PORTAL_OK ||
		    portal_audit(r, over ? "quota_over" : "quota_back_under", x->id, 0,
			    portal_printf(r, "nightly count: Incidentenbeheer %lld of %lld", (long long)x->used, (long long)x->max)) != PORTAL_OK ||
		    portal_db_commit(r) != PORTAL_OK) {
			portal_db_rollback(r);
			rc = die("cannot flag organisation %lld", (long long)x->id);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
	if (rc == 0)
		rc = contact_reminders(r);
	portal_req_free(r);
	return rc;
}

/* portalctl create-vendor-admin: the vendor organisation (made on a fresh install) and the roles */
enum { VO_ID, VO_NAME, VO__N };
PORTAL_SQL(sql_vendor_org, VO__N,
	"SELECT id, name FROM organisations WHERE kind = 'vendor' ORDER BY id LIMIT 1");

PORTAL_SQL(sql_vendor_org_insert, 0,
	"INSERT INTO organisations (kind, name, size_class, created_at) VALUES ('vendor', ?, 1, ?)");

PORTAL_SQL(sql_vendor_admin_roles, 0,
	"INSERT INTO user_roles (user_id, role_id, granted_at) SELECT ?, id, ? FROM roles"
	" WHERE rkey IN ('vendor_admin', 'vendor_support')");

/* The first vendor administrator of a fresh install (AUTH-13: there is no default account): an invited user
 * with the vendor roles, in the vendor organisation (made if there is none), and a one-time invitation link
 * (72 hours) printed here. The invitation asks a password, the SMS code confirms the number, and the portal
 * then has them enrol an authenticator app (AUTH-08). */
static int cmd_create_vendor_admin(const char *email, const char *mobile, const char *given, const char *family,
	const char *org_name)
{
	char phone[32];
	if (!portal_email_valid(email, strlen(email)))
		return die("%s is not a valid e-mail address", email);
	if (!portal_phone_normalise(mobile, phone, sizeof phone))
		return die("%s is not a mobile number we accept (E.164, e.g. +31612345678)", mobile);
	if (!*given || !*family || strlen(given) > 100 || strlen(family) > 100 || !portal_utf8_valid(given, strlen(given)) ||
	    !portal_utf8_valid(family, strlen(family)))
		return die("%s", "give a given name and a family name (at most 100 characters each)");
	if (!portal_cf->base_url || !*portal_cf->base_url)
		return die("%s", "portal.base_url must be set: the invitation link is built from it");
	struct portal_req *r = portal_req_new();
	char token[PORTAL_TOKEN_LEN + 1];
	const char *link = NULL;
	enum portal_err rc = portal_db_begin(r);
	int64_t org = 0, uid = 0;
	struct portal_rows *q;
	if (rc == PORTAL_OK && (rc = portal_query_row(r, &q, &sql_vendor_org, "")) == PORTAL_OK)
		org = portal_col_int(q, VO_ID);
	struct portal_wrote w;
	if (rc == PORTAL_ERR_NOTFOUND && (rc = portal_exec(r, &sql_vendor_org_insert, &w, "si", org_name, r->now)) == PORTAL_OK)
		org = w.id;
	struct portal_new_colleague nc = { email, given, "", family, phone, "nl" };
	if (rc == PORTAL_OK)
		rc = portal_colleague_insert(r, org, &nc, &uid);
	if (rc == PORTAL_ERR_DUP) {
		portal_db_rollback(r);
		portal_req_free(r);
		return die("%s already has an account", email);
	}
	if (rc == PORTAL_OK)
		rc = portal_exec(r, &sql_vendor_admin_roles, NULL, "ii", uid, r->now);
	if (rc == PORTAL_OK && (rc = portal_utoken_new(r, uid, PORTAL_TOK_INVITE, 72 * 3600, NULL, token)) == PORTAL_OK) {
		link = portal_link(r, portal_printf(r, "%s?t=%s", site.invite, token));
		OPENSSL_cleanse(token, sizeof token);
	}
	if (rc == PORTAL_OK && link && (rc = portal_audit(r, "vendor_admin_created", org, uid, "by portalctl")) == PORTAL_OK &&
	    (rc = portal_db_commit(r)) == PORTAL_OK) {
		printf("vendor administrator %s invited; the one-time link (valid 72 hours):\n%s\n", email, link);
		portal_req_free(r);
		return 0;
	}
	portal_db_rollback(r);
	portal_req_free(r);
	return die("%s", "could not create the vendor administrator (see the log)");
}

/* Drains the SMS outbox, the mail outbox, or both (what: 1 = SMS, 2 = mail, 3 = both). Before the mail, each
 * round queues the notices of support grants that expired since (ACC-07: the admins hear of every end). */
static int cmd_send(int what, bool loop, bool echo)
{
	if (what & 2) {
		static const char *const none[] = { NULL };   /* the language files, for the notices' texts */
		char err[600];
		if (portal_tmpl_init(portal_cf->templates_dir, none, err, sizeof err) != PORTAL_OK)
			return die("%s", err);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	int total = 0;
	do {
		struct portal_req *r = portal_req_new();
		int n = 0, m = 0;
		if (what & 1)
			n = portal_sms_drain(r, echo);
		if ((what & 2) && n >= 0 && portal_support_sweep(r) < 0)
			n = -1;
		if ((what & 2) && n >= 0) {
			m = portal_mail_drain(r, echo);
			n = m < 0 ? -1 : n + m;
		}
		portal_req_free(r);
		if (n < 0) {
			if (!loop) {
				portal_tmpl_free();
				return 1;
			}
			portal_db_close();   /* reconnect on the next round */
		} else {
			total += n;
		}
		if (loop && !stop) {
			struct timespec ts = { 0, 500 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
	} while (loop && !stop);
	if (!loop)
		printf("%s: %d sent\n", what == 1 ? "sms-send" : what == 2 ? "mail-send" : "send", total);
	portal_tmpl_free();
	return 0;
}

static bool stored_name_ok(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 32;
}

/* portalctl sweep-uploads: is a file in documents.dir some row's, and every row's file, in batches by id */
/* portalctl sweep-uploads: is a file in documents.dir some row's, and every row's file, in batches by id */
enum { UK_KNOWN, UK__N };
PORTAL_SQL(sql_upload_known, UK__N,
	"SELECT EXISTS (SELECT 1 FROM documents WHERE stored_name = ?) OR EXISTS (SELECT 1 FROM incident_files"
	" WHERE stored_name = ?) OR EXISTS (SELECT 1 FROM org_documents WHERE stored_name = ?)");
enum { UF_ID, UF_STORED, UF__N };
PORTAL_SQL(sql_upload_docs, UF__N, "SELECT id, stored_name FROM documents WHERE id > ? ORDER BY id LIMIT 1000");
PORTAL_SQL(sql_upload_inc_files, UF__N, "SELECT id, stored_name FROM incident_files WHERE id > ? ORDER BY id LIMIT 1000");
PORTAL_SQL(sql_upload_org_docs, UF__N, "SELECT id, stored_name FROM org_documents WHERE id > ? ORDER BY id LIMIT 1000");

static int cmd_sweep_uploads(bool dry, long min_age)
{
	const char *dir = portal_cf->documents_dir;
	if (!dir || !*dir)
		return die("%s", "documents.dir is not set");
	DIR *d = opendir(dir);
	if (!d)
		return die("cannot open documents.dir %s: %s", dir, strerror(errno));
	struct portal_req *r = portal_req_new();
	time_t now = time(NULL);
	long files = 0, removed = 0, young = 0, foreign = 0, missing = 0;
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char path[4096];
		struct stat st;
		if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path || lstat(path, &st) != 0)
			continue;
		char clean[80];
		portal_sanitize_line(clean, sizeof clean, e->d_name);
		if (!S_ISREG(st.st_mode) || !stored_name_ok(e->d_name)) {
			printf("not ours, left alone: %s\n", clean);
			foreign++;
			continue;
		}
		files++;
		struct portal_rows *q;
		if (portal_query_row(r, &q, &sql_upload_known, "sss", e->d_name, e->d_name, e->d_name) != PORTAL_OK) {
			rc = die("%s", "cannot read the database");
			break;
		}
		if (portal_col_int(q, UK_KNOWN))
			continue;
		if (now - st.st_mtime < min_age) {
			young++;   /* perhaps an upload whose transaction is still running */
			continue;
		}
		if (!dry && unlink(path) != 0) {
			rc = die("cannot remove %s: %s", clean, strerror(errno));
			break;
		}
		printf("%s %s (%lld bytes, no row names it)\n", dry ? "would remove" : "removed", clean, (long long)st.st_size);
		removed++;
	}
	closedir(d);
	static const struct { struct portal_sql *q; const char *table; } tables[] = {
		{ &sql_upload_docs, "documents" }, { &sql_upload_inc_files, "incident_files" },
		{ &sql_upload_org_docs, "org_documents" },
	};
	for (size_t t = 0; t < sizeof tables / sizeof *tables && rc == 0; t++) {
		int f = 1;
		for (int64_t after = 0, got = 1; got > 0 && rc == 0;) {
			struct portal_rows *q;
			if (portal_query(r, &q, tables[t].q, "i", after) != PORTAL_OK) {
				rc = die("%s", "cannot read the database");
				break;
			}
			for (got = 0; (f = portal_next(q)) == 1; got++) {
				after = portal_col_int(q, UF_ID);
				const char *name = portal_col(q, UF_STORED);
				char path[4096];
				struct stat sb;
				if (!name || !stored_name_ok(name) || snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path ||
				    stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
					printf("MISSING: %s row %lld has no file %s\n", tables[t].table, (long long)after, name ? name : "");
					missing++;
				}
			}
			if (f < 0)
				rc = die("%s", "cannot read the database");
		}
	}
	if (rc == 0)
		printf("%ld file(s): %ld %s without a row, %ld without a row kept (younger than %ld s), %ld not ours;"
		       " %ld row(s) without their file\n", files, removed, dry ? "would be removed" : "removed", young, min_age,
		       foreign, missing);
	portal_req_free(r);
	return rc ? rc : missing ? 1 : 0;
}

static int by_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of `prog --sql` added to *lines (a program that cannot run adds none and says so). */
static bool program_sql(const char *prog, char ***lines, size_t *n)
{
	int fd[2];
	if (pipe(fd) != 0)
		return false;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execl(prog, prog, "--sql", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	FILE *in = pid > 0 ? fdopen(fd[0], "r") : NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while (in && (len = getline(&line, &cap, in)) > 0) {
		*lines = portal_xrealloc(*lines, (*n + 1) * sizeof **lines);
		(*lines)[(*n)++] = portal_xstrdup(line);
	}
	free(line);
	if (in)
		fclose(in);
	else
		close(fd[0]);
	int status = 0;
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (pid <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "portalctl: %s --sql did not run\n", prog);
		return false;
	}
	return true;
}

static int cmd_sql(const char *dir)
{
	char self[2048], where[4200];
	ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
	self[sl > 0 ? sl : 0] = '\0';
	char *slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	if (!dir) {
		snprintf(where, sizeof where, "%s/login", self);
		dir = access(where, X_OK) == 0 ? self : PORTAL_PROGRAM_DIR;
	}
	char **lines = NULL, *own = NULL;
	size_t n = 0, own_len = 0;
	FILE *mine = open_memstream(&own, &own_len);
	if (!mine)
		return die("out of memory");
	portal_sql_print(mine, true);
	fclose(mine);
	for (char *p = own, *e; p && *p; p = e + 1) {
		if (!(e = strchr(p, '\n')))
			break;
		lines = portal_xrealloc(lines, (n + 1) * sizeof *lines);
		size_t len = (size_t)(e - p + 1);
		lines[n] = portal_xmalloc(len + 1);
		memcpy(lines[n], p, len);
		lines[n++][len] = '\0';
	}
	free(own);
	bool ok = true;
	static const char *const progs[] = { PORTAL_PROGRAMS NULL };
	for (int i = 0; progs[i]; i++) {
		snprintf(where, sizeof where, "%s/%s", dir, progs[i]);
		ok &= program_sql(where, &lines, &n);
	}
	qsort(lines, n, sizeof *lines, by_line);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(lines[i], lines[i - 1]))   /* the library's statements are in every program */
			fputs(lines[i], stdout);
	}
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: portalctl migrate [DIR] | demo DIR LOGINS | send|sms-send|mail-send [--loop] [--echo]"
		      " | create-vendor-admin EMAIL MOBILE GIVEN FAMILY [VENDOR-NAME] | nightly"
		      " | sweep-uploads [--dry-run] [--min-age SECONDS] | check-config | check-sql | sql [DIR]\n", stderr);
		return 2;
	}
	char err[600];
	portal_use_site(&site);   /* the links in the mails it sends */
	if (portal_startup("portalctl", NULL, err, sizeof err) != PORTAL_OK)
		return die("%s", err);
	const char *cmd = argv[1];
	int rc;
	if (!strcmp(cmd, "migrate")) {
		rc = cmd_migrate(argc > 2 ? argv[2] : "sql");
	} else if (!strcmp(cmd, "demo") && argc == 4) {
		rc = cmd_demo(argv[2], argv[3]);
	} else if (!strcmp(cmd, "send") || !strcmp(cmd, "sms-send") || !strcmp(cmd, "mail-send")) {
		bool loop = false, echo = false;
		for (int i = 2; i < argc; i++) {
			if (!strcmp(argv[i], "--loop"))
				loop = true;
			else if (!strcmp(argv[i], "--echo"))
				echo = true;
			else
				return die("unknown option %s", argv[i]);
		}
		rc = cmd_send(!strcmp(cmd, "send") ? 3 : !strcmp(cmd, "sms-send") ? 1 : 2, loop, echo);
	} else if (!strcmp(cmd, "create-vendor-admin") && (argc == 6 || argc == 7)) {
		rc = cmd_create_vendor_admin(argv[2], argv[3], argv[4], argv[5], argc == 7 ? argv[6] : "Support");
	} else if (!strcmp(cmd, "nightly")) {
		rc = cmd_nightly();
	} else if (!strcmp(cmd, "check-sql")) {
		rc = portal_sql_check_all() ? 1 : 0;
	} else if (!strcmp(cmd, "sql") && argc <= 3) {
		rc = cmd_sql(argc == 3 ? argv[2] : NULL);
	} else if (!strcmp(cmd, "sweep-uploads")) {
		bool dry = false;
		long min_age = 3600;
		for (int i = 2; i < argc; i++) {
			char *end;
			if (!strcmp(argv[i], "--dry-run"))
				dry = true;
			else if (!strcmp(argv[i], "--min-age") && i + 1 < argc && (min_age = strtol(argv[++i], &end, 10)) >= 0 && !*end)
				continue;
			else
				return die("bad option %s", argv[i]);
		}
		rc = cmd_sweep_uploads(dry, min_age);
	} else if (!strcmp(cmd, "check-config")) {
		printf("configuration %s is valid\n", portal_cf->path);
		if (!portal_cf->base_url || !*portal_cf->base_url)
			printf("warning: portal.base_url is not set: invitations and reset links cannot be e-mailed\n");
		if (portal_cf->totp_key_len == 0)
			printf("warning: portal.totp_key_file is not set: nobody can enrol an authenticator app\n");
		/* uploaded documents: a directory of the programs' user, closed to everyone else */
		struct stat st;
		const char *dd = portal_cf->documents_dir;
		if (!dd || !*dd)
			printf("warning: documents.dir is not set: document uploads are refused (503)\n");
		else if (stat(dd, &st) != 0 || !S_ISDIR(st.st_mode))
			printf("warning: documents.dir %s is not a directory: document uploads are refused (503)\n", dd);
		else if (st.st_mode & (S_IRWXG | S_IRWXO))
			printf("warning: documents.dir %s is open to group or others (mode %04o); run: chmod 700 %s\n", dd,
				(unsigned)(st.st_mode & 07777), dd);
		rc = 0;
	} else {
		rc = die("unknown command %s", cmd);
	}
	portal_db_close();
	portal_conf_free();
	return rc;
}
