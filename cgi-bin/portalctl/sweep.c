/* sweep.c: portalctl sweep-uploads: documents.dir checked against the database (files no row names, rows whose
 * file is missing). */
#include "portalctl.h"

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

int cmd_sweep_uploads(bool dry, long min_age)
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
