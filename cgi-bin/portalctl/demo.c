/* demo.c: portalctl demo (demo data into an empty database, fresh random passwords) and create-vendor-admin (the
 * first vendor administrator of a fresh install, invited with a one-time link). */
#include "portalctl.h"

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

int cmd_demo(const char *dir, const char *logins)
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
int cmd_create_vendor_admin(const char *email, const char *mobile, const char *given, const char *family,
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
