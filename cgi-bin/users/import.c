/* import.c: colleagues from a CSV file: checked row by row first, then all added in one transaction with
 * their invitations, or none. */
#include "users.h"

/* ---- CSV import ---- */

struct import_row {
	const char *given, *prefix, *family, *email, *mobile, *lang, *error;
	int64_t role_ids[16];
	size_t nroles;
	bool existing;   /* a colleague here already: skipped, so that the export can be imported again */
};

/* Finds a role by key or by its Dutch or English name (case-insensitive). */
static const struct portal_role *role_named(const char *s)
{
	const struct portal_catalogue *cat = portal_catalogue();
	for (size_t i = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		if (!strcasecmp(s, ro->key) || !strcasecmp(s, ro->name[PORTAL_NL]) || !strcasecmp(s, ro->name[PORTAL_EN]))
			return ro;
	}
	return NULL;
}

static int column(const struct portal_csv *csv, const char *const *names)
{
	for (size_t j = 0; j < csv->ncols[0]; j++)
		for (int k = 0; names[k]; k++)
			if (!strcasecmp(csv->rows[0][j], names[k]))
				return (int)j;
	return -1;
}

/* A row's roles (keys or names separated by '|' or ',') into x, or x->error when one is unknown or not the
 * admin's to give. */
static void import_roles(struct portal_req *r, const char *cell, struct import_row *x)
{
	char *list = portal_strdup(r, cell);
	for (char *tok = list, *end; !x->error && tok && *tok; tok = end) {
		end = tok + strcspn(tok, "|,");
		if (*end)
			*end++ = '\0';
		else
			end = NULL;
		while (*tok == ' ')
			tok++;
		size_t tl = strlen(tok);
		while (tl > 0 && tok[tl - 1] == ' ')
			tok[--tl] = '\0';
		if (!*tok)
			continue;
		const struct portal_role *ro = role_named(tok);
		if (!ro)
			x->error = "Csv.unknown_role";
		else if (!portal_may_grant(r, ro))
			x->error = portal_role_available(r, ro) ? "Users.role_not_grantable" : "Users.role_not_in_set";
		else if (x->nroles < sizeof x->role_ids / sizeof *x->role_ids)
			x->role_ids[x->nroles++] = ro->id;
	}
}

/* Validates every row with the same rules as the form; a row's error is a language key. */
static int import_check(struct portal_req *r, const struct portal_csv *csv, struct import_row *rows, size_t *nbad)
{
	static const char *const c_given[] = { "voornaam", "given_name", "first name", NULL };
	static const char *const c_prefix[] = { "tussenvoegsel", "name_prefix", "prefix", NULL };
	static const char *const c_family[] = { "achternaam", "family_name", "surname", "last name", NULL };
	static const char *const c_email[] = { "e-mail", "email", "e-mailadres", "e-mail address", NULL };
	static const char *const c_mobile[] = { "mobiel", "mobile", "mobiel nummer", "mobile number", NULL };
	static const char *const c_roles[] = { "rollen", "roles", NULL };
	static const char *const c_lang[] = { "taal", "lang", "language", NULL };
	int cg = column(csv, c_given), cp = column(csv, c_prefix), cf = column(csv, c_family), ce = column(csv, c_email);
	int cm = column(csv, c_mobile), cr = column(csv, c_roles), cl = column(csv, c_lang);
	if (cg < 0 || cf < 0 || ce < 0)
		return -1;
	static const struct portal_field f_given = { "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL };
	static const struct portal_field f_prefix = { "name_prefix", PF_LINE, 0, 0, 30, NULL };
	static const struct portal_field f_family = { "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL };
	static const struct portal_field f_email = { "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL };
	static const struct portal_field f_mobile = { "mobile", PF_PHONE, 0, 0, 0, NULL };
	static const struct portal_field f_lang = { "lang", PF_ENUM, 0, 0, 0, langs };
	*nbad = 0;
	for (size_t i = 1; i < csv->nrows; i++) {
		struct import_row *x = &rows[i - 1];
		memset(x, 0, sizeof *x);
		char **cells = csv->rows[i];
		size_t n = csv->ncols[i];
#define CELL(c) ((c) >= 0 && (size_t)(c) < n ? cells[c] : "")
		struct portal_value v[6];
		portal_field_check(r, &f_given, CELL(cg), strlen(CELL(cg)), &v[0]);
		portal_field_check(r, &f_prefix, CELL(cp), strlen(CELL(cp)), &v[1]);
		portal_field_check(r, &f_family, CELL(cf), strlen(CELL(cf)), &v[2]);
		portal_field_check(r, &f_email, CELL(ce), strlen(CELL(ce)), &v[3]);
		portal_field_check(r, &f_mobile, CELL(cm), strlen(CELL(cm)), &v[4]);
		portal_field_check(r, &f_lang, CELL(cl), strlen(CELL(cl)), &v[5]);
		x->given = v[0].s, x->prefix = v[1].s ? v[1].s : "", x->family = v[2].s, x->email = v[3].s;
		x->mobile = v[4].s, x->lang = v[5].s ? v[5].s : portal_lang_code(r->lang);
		/* a colleague here already (the export's rows, whose numbers are masked): skipped, not checked */
		if (v[3].valid) {
			struct portal_rows *q;
			enum portal_err rc = portal_query_row(r, &q, &sql_email_holder, "is", r->sess.org_id, x->email);
			if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
				return -2;
			x->existing = rc == PORTAL_OK;
		}
		for (size_t k = 0; x->existing && !x->error && k + 1 < i; k++)
			if (rows[k].email && !strcmp(rows[k].email, x->email))
				x->error = "Csv.duplicate";
		if (x->existing) {
			x->mobile = NULL;
			*nbad += x->error != NULL;
			continue;
		}
		for (int k = 0; k < 6 && !x->error; k++)
			if (!v[k].valid)
				x->error = v[k].err;
		if (!x->error)
			import_roles(r, CELL(cr), x);
#undef CELL
		/* the same address twice in the file, or a colleague's here already (an address with an account in
		 * another organisation is imported like any: its invitation tells its owner, not this admin) */
		for (size_t k = 0; !x->error && k + 1 < i; k++)
			if (rows[k].email && !strcmp(rows[k].email, x->email))
				x->error = "Csv.duplicate";
		*nbad += x->error != NULL;
	}
	return 0;
}

static int import_page(struct portal_req *r, int status, const char *error_key)
{
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	return portal_render(r, status, "users_import.cs");
}

/* GET /users/import — users.manage. Out: 200 the form; 303 to re-authentication when the login is older
 * than 15 minutes (imported colleagues get roles, SES-07). */
int import_show(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/users/import");
	return import_page(r, 200, NULL);
}

/* The rows into the page, each with its line, name, address, number, roles and what is wrong with it or that the
 * colleague is here already; how many are new. */
static size_t import_preview(struct portal_req *r, const struct portal_csv *csv, const struct import_row *rows)
{
	size_t nnew = 0;
	for (size_t i = 0; i + 1 < csv->nrows; i++) {
		const char *p = portal_printf(r, "Page.rows.%zu", i);
		portal_set_int(r, portal_printf(r, "%s.line", p), (long long)i + 2);
		portal_set(r, portal_printf(r, "%s.name", p), rows[i].given && rows[i].family
			? portal_full_name(r, rows[i].given, rows[i].prefix, rows[i].family) : "");
		portal_set(r, portal_printf(r, "%s.email", p), rows[i].email);
		portal_set(r, portal_printf(r, "%s.mobile", p), rows[i].mobile);
		for (size_t k = 0; k < rows[i].nroles; k++)
			portal_set(r, portal_printf(r, "%s.roles.%zu", p, k), portal_role_by_id(rows[i].role_ids[k])->name[r->lang]);
		if (rows[i].error)
			portal_set_text(r, portal_printf(r, "%s.error", p), rows[i].error);
		else if (rows[i].existing)
			portal_set_int(r, portal_printf(r, "%s.existing", p), 1);
		nnew += !rows[i].existing;
	}
	return nnew;
}

/* In the import's transaction: room in the incident-submitter quota for every new row with a quota-limited role.
 * 0, or the answer (409 with the quota's words, 503, 500), the transaction then rolled back. */
static int import_quota(struct portal_req *r, const struct portal_csv *csv, const struct import_row *rows)
{
	int64_t quota_rows = 0;
	for (size_t i = 0; i + 1 < csv->nrows; i++)
		for (size_t k = 0; k < rows[i].nroles && !rows[i].existing; k++)
			if (portal_role_quota_limited(portal_role_by_id(rows[i].role_ids[k]))) {
				quota_rows++;
				break;
			}
	if (!quota_rows)
		return 0;
	struct portal_quota q;
	bool room;
	enum portal_err rc = quota_room(r, 0, quota_rows, &room, &q);
	if (rc == PORTAL_OK && room)
		return 0;
	portal_db_rollback(r);
	if (rc != PORTAL_OK)
		return rc == PORTAL_ERR_DB_DOWN ? 503 : 500;
	quota_refused(r, 0, &q);
	return import_page(r, 409, "Quota.full_import");
}

/* One new colleague of the import with their roles and invitation, audited. */
static enum portal_err import_one(struct portal_req *r, const struct import_row *x)
{
	int64_t id;
	struct portal_new_colleague nc = { x->email, x->given, x->prefix, x->family, x->mobile, x->lang };
	enum portal_err rc = portal_colleague_insert(r, r->sess.org_id, &nc, &id);
	for (size_t k = 0; rc == PORTAL_OK && k < x->nroles; k++)
		rc = portal_role_grant(r, id, x->role_ids[k]);
	struct portal_person who = { id, r->sess.org_id, x->email, x->given, x->lang, r->sess.org_name };
	if (rc == PORTAL_OK && (rc = portal_send_invite(r, &who)) == PORTAL_OK)
		rc = portal_audit(r, "user_added", r->sess.org_id, id, portal_printf(r, "imported %s <%s>; invitation sent",
			portal_full_name(r, x->given, x->prefix, x->family), x->email));
	return rc;
}

/* POST /users/import — users.manage, CSRF. In: csv (the file's text), confirm, once (the confirming form sent
 * again goes to the result of the first, DI-02: its rows would read as addresses in use).
 * Out: 200 preview with a verdict per row (and, when every row is right, a button to import); 422 any bad
 * row or unreadable CSV (nothing imported); with confirm: 303 to the overview after one transaction that
 * adds every row or none, with the invitations in the same transaction (they leave only after commit);
 * 403 stale login; 409 an address taken meanwhile. */
int import(struct portal_req *r)
{
	const struct portal_value *text = &r->in[IF_CSV];
	if (!r->in[IF_ONCE].valid)
		return import_page(r, 422, r->in[IF_ONCE].err);
	const char *once = r->in[IF_CONFIRM].s ? r->in[IF_ONCE].s : NULL, *done = "/users?m=imported&status=invited";
	int seen = portal_once_seen(r, once);   /* this import was confirmed before (a double click, a retry) */
	if (seen)
		return seen;
	if (!text->valid)
		return import_page(r, 422, !strcmp(text->err, "Err.too_long") ? "Csv.too_large" : text->err);
	struct portal_csv csv;
	const char *why = portal_csv_parse(r, text->s, text->len, IMPORT_MAX_ROWS, 20, &csv);
	if (why)
		return import_page(r, 422, why);
	if (csv.nrows < 2)
		return import_page(r, 422, "Csv.empty");
	struct import_row *rows = portal_alloc(r, (csv.nrows - 1) * sizeof *rows);
	size_t nbad = 0;
	int st = import_check(r, &csv, rows, &nbad);
	if (st == -1)
		return import_page(r, 422, "Csv.columns");
	if (st == -2)
		return 503;
	bool confirm = r->in[IF_CONFIRM].s != NULL;
	size_t nnew = import_preview(r, &csv, rows);
	portal_set_int(r, "Page.nrows", (long long)csv.nrows - 1);
	portal_set_int(r, "Page.nnew", (long long)nnew);
	portal_set_int(r, "Page.nexisting", (long long)(csv.nrows - 1 - nnew));
	portal_set_int(r, "Page.nbad", (long long)nbad);
	if (nbad)
		return import_page(r, 422, "Csv.fix_rows");
	if (!nnew)
		return import_page(r, 422, "Csv.nothing_new");
	if (!confirm) {
		portal_set(r, "Page.csv", text->s);
		portal_set(r, "Page.once", portal_once_token(r));
		return import_page(r, 200, NULL);
	}
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_error(r, 403, "Err.reauth");
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((st = import_quota(r, &csv, rows)) != 0)
		return st;
	for (size_t i = 0; i + 1 < csv.nrows; i++) {
		if (rows[i].existing)
			continue;
		if ((rc = import_one(r, &rows[i])) == PORTAL_ERR_DUP) {   /* taken meanwhile: by a copy of this form? */
			portal_db_rollback(r);
			return (seen = portal_once_seen(r, once)) ? seen : import_page(r, 409, "Csv.taken_meanwhile");
		}
		if (rc != PORTAL_OK)
			return portal_failed(r, rc);
	}
	if ((rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);
	if (rc != PORTAL_OK || (rc = portal_audit(r, "users_imported", r->sess.org_id, 0,
		     portal_printf(r, "CSV import: new %zu, skipped as already here %zu", nnew,
			     csv.nrows - 1 - nnew))) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, done);
}
