/* backoffice.c: the back office (document 002) and AIP's client view (document 000), as far as the rights
 * need something to act on: per module (relations, policies, claims, ledger, debtors, creditors, products)
 * the organisation's records, to view (module.view), change (module.change) or enter (module.create).
 *  - GET  /backoffice                   any user: the modules the user may open;
 *  - GET  /backoffice/M                 M.view: the records; the form for a new one with M.create;
 *  - POST /backoffice/M                 M.create: a new record;
 *  - GET  /backoffice/M/#               M.view: one record; editable with M.change;
 *  - POST /backoffice/M/#               M.change: the record changed (a changed product back to draft);
 *  - POST /backoffice/products/#/approve  products.approve: a draft product into test mode;
 *  - POST /backoffice/products/#/publish  products.publish: a product in test mode into use (offered);
 *    neither step by the one who made the product or last changed it (four eyes, document 002);
 *  - GET  /backoffice/clients           clients.view (Klantbeeld): the relations, read-only;
 *  - GET  /backoffice/position          finance.documents (Financiële Documenten): the current-account position.
 * Each route names its right in the table, so a view-only user's POST is refused (403) before any handler
 * runs; every query is keyed by the session's organisation (ACC-01). Changes are audited. */
#include <stdio.h>
#include <string.h>

#include "portal.h"
#include "site.h"

static const char *const mods[] = { "relations", "policies", "claims", "ledger", "debtors", "creditors", "products",
	NULL };
static const char *const notices[] = { "created", "saved", "approved", "published", NULL };

enum { LF_M, LF_BEFORE };
static const struct portal_field list_fields[] = {
	[LF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	[LF_BEFORE] = { "before", PF_INT, 0, 1, INT64_MAX, NULL },   /* a list's older page: the records before this id */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
#define BO_PAGE 100
/* the position's cursor: the module and id of the last row shown */
static const char *const position_mods[] = { "debtors", "creditors", NULL };
enum { PF_AK, PF_AI };
static const struct portal_field position_fields[] = {
	[PF_AK] = { "ak", PF_ENUM, 0, 0, 0, position_mods },
	[PF_AI] = { "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { F_REF, F_TITLE, F_AMOUNT, F_NOTE, F_ONCE };
static const struct portal_field rec_fields[] = {
	[F_REF] = { "ref", PF_LINE, PF_REQUIRED, 1, 40, NULL },
	[F_TITLE] = { "title", PF_LINE, PF_REQUIRED, 2, 200, NULL },
	[F_AMOUNT] = { "amount", PF_LINE, 0, 0, 20, NULL },
	[F_NOTE] = { "note", PF_TEXT, 0, 0, 2000, NULL },
	[F_ONCE] = { "once", PF_DIGITS, 0, 32, 32, NULL },   /* the new-record form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The module of the path: "/backoffice/claims/12" → "claims". */
static const char *module_of(struct portal_req *r)
{
	const char *p = r->path + strlen("/backoffice/");
	for (size_t i = 0; mods[i]; i++) {
		size_t n = strlen(mods[i]);
		if (!strncmp(p, mods[i], n) && (p[n] == '\0' || p[n] == '/'))
			return mods[i];
	}
	return NULL;
}

/* "1234,56", "-12.5", "1.234,56" → cents; false if not an amount within ±10^13. */
static bool amount_parse(const char *s, int64_t *out)
{
	int64_t v = 0, frac = 0;
	int fd = -1;
	bool neg = false, digits = false;
	const char *p = s;
	if (*p == '-')
		neg = true, p++;
	/* the last ',' or '.' followed by 1-2 digits and nothing else is the decimal separator */
	const char *dec = NULL;
	for (const char *q = p; *q; q++)
		if (*q == ',' || *q == '.')
			dec = q;
	if (dec && (strlen(dec + 1) == 0 || strlen(dec + 1) > 2))
		dec = NULL;
	for (; *p; p++) {
		if (p == dec) {
			fd = 0;
			continue;
		}
		if ((*p == '.' || *p == ',') && fd < 0)
			continue;   /* thousands separator */
		if (*p < '0' || *p > '9')
			return false;
		digits = true;
		if (fd >= 0) {
			frac = frac * 10 + (*p - '0');
			fd++;
		} else {
			v = v * 10 + (*p - '0');
			if (v > 10000000000000LL)
				return false;
		}
	}
	if (!digits)
		return false;
	if (fd == 1)
		frac *= 10;
	*out = (neg ? -1 : 1) * (v * 100 + frac);
	return true;
}

/* "€ 12.500,00", "-€ 3,50" */
static const char *money(struct portal_req *r, int64_t cents)
{
	int64_t a = cents < 0 ? -cents : cents, euros = a / 100;
	char digits[24], grouped[32];
	int n = snprintf(digits, sizeof digits, "%lld", (long long)euros), k = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[k++] = '.';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	return portal_printf(r, "%s€ %s,%02lld", cents < 0 ? "-" : "", grouped, (long long)(a % 100));
}

static bool can(struct portal_req *r, const char *mod, const char *level)
{
	return portal_has_right(r, portal_printf(r, "%s.%s", mod, level));
}

/* What a module's records carry besides a reference, a title and a note: an amount (not a relation or a product),
 * a status (a product's steps, draft to in use). A page shows nothing it does not carry ("€ 0,00 / concept"). */
static void set_kind(struct portal_req *r, const char *mod)
{
	portal_set_int(r, "Page.money", strcmp(mod, "relations") && strcmp(mod, "products"));
	portal_set_int(r, "Page.steps", !strcmp(mod, "products"));
}

static void set_module(struct portal_req *r, const char *mod)
{
	set_kind(r, mod);
	portal_set(r, "Page.mod", mod);
	portal_set(r, "Page.mod_label", portal_text(r, portal_printf(r, "Backoffice.mod_%s", mod)));
	portal_set_int(r, "Page.can_create", can(r, mod, "create"));
	portal_set_int(r, "Page.can_change", can(r, mod, "change"));
	portal_set_int(r, "Page.can_approve", !strcmp(mod, "products") && portal_has_right(r, "products.approve"));
	portal_set_int(r, "Page.can_publish", !strcmp(mod, "products") && portal_has_right(r, "products.publish"));
}

/* The full name whose given name, surname prefix and surname are the row's columns from given on; NULL if none. */
static const char *name_at(struct portal_req *r, const struct portal_rows *q, unsigned given)
{
	return portal_col_null(q, given) ? NULL : portal_full_name(r, portal_col(q, given), portal_col(q, given + 1),
		portal_col(q, given + 2));
}

enum { BL_ID, BL_REF, BL_TITLE, BL_AMOUNT, BL_STATUS, BL_CHANGED, BL__N };
PORTAL_SQL(sql_list, BL__N,
	"SELECT id, ref, title, amount_cents, status, COALESCE(updated_at, created_at) FROM bo_records"
	" WHERE org_id = ? AND module = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?");

/* The module's records, BO_PAGE a page, newest first: those before the id `before` (0: the newest), with
 * Page.older (the next page) and Page.newest (back to the first) as links on path. */
static enum portal_err rows(struct portal_req *r, const char *mod, int64_t before, const char *path)
{
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_list, "isIIi", r->sess.org_id, mod, before, before, (int64_t)(BO_PAGE + 1)) != PORTAL_OK)
		return PORTAL_ERR_DB;
	void *list = portal_node(r, NULL, "Page.records");
	int f;
	size_t n = 0;
	int64_t last = 0;
	while ((f = portal_next(q)) == 1) {
		if (n == BO_PAGE) {
			portal_set(r, "Page.older", portal_printf(r, "%s?before=%lld", path, (long long)last));
			continue;
		}
		last = portal_col_int(q, BL_ID);
		void *x = portal_node_i(r, list, n++);
		portal_nset_int(r, x, "id", portal_col_int(q, BL_ID));
		portal_nset(r, x, "ref", portal_col(q, BL_REF));
		portal_nset(r, x, "title", portal_col(q, BL_TITLE));
		portal_nset(r, x, "amount", money(r, portal_col_int(q, BL_AMOUNT)));
		portal_nset(r, x, "status", portal_text(r, portal_printf(r, "Backoffice.st_%s", portal_col(q, BL_STATUS))));
		portal_nset(r, x, "when", portal_when(r, portal_col_int(q, BL_CHANGED)));
	}
	if (before)
		portal_set(r, "Page.newest", path);
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

/* GET /backoffice — any user. Out: 200 with the modules the user may open (none: says whom to ask). */
static int index_page(struct portal_req *r)
{
	void *list = portal_node(r, NULL, "Page.modules");
	size_t k = 0;
	for (size_t i = 0; mods[i]; i++) {
		if (!can(r, mods[i], "view"))
			continue;
		void *x = portal_node_i(r, list, k++);
		portal_nset(r, x, "path", mods[i]);
		portal_nset(r, x, "label", portal_text(r, portal_printf(r, "Backoffice.mod_%s", mods[i])));
		portal_nset(r, x, "level", portal_text(r, can(r, mods[i], "change") && can(r, mods[i], "create") ? "Backoffice.lvl_all"
			: can(r, mods[i], "change") ? "Backoffice.lvl_change" : can(r, mods[i], "create") ? "Backoffice.lvl_create"
			: "Backoffice.lvl_view"));
	}
	static const char *const extra[][2] = { { "clients", "clients.view" }, { "position", "finance.documents" } };
	for (size_t i = 0; i < 2; i++)
		if (portal_has_right(r, extra[i][1])) {
			void *x = portal_node_i(r, list, k++);
			portal_nset(r, x, "path", extra[i][0]);
			portal_nset(r, x, "label", portal_text(r, portal_printf(r, "Backoffice.mod_%s", extra[i][0])));
			portal_nset(r, x, "level", portal_text(r, "Backoffice.lvl_view"));
		}
	portal_set(r, "Page.view", "index");
	return portal_render(r, 200, "backoffice.cs");
}

/* A module's records and its form; before: the page (0: the newest; a failed POST shows that one). */
static int list_page(struct portal_req *r, int status, const char *mod, const char *error_key, int64_t before)
{
	set_module(r, mod);
	portal_set(r, "Page.once", portal_once_token(r));
	if (rows(r, mod, before, portal_printf(r, "/backoffice/%s", mod)) != PORTAL_OK)
		return 503;
	return portal_render_page(r, status, error_key, notices, "Backoffice", "list", "backoffice.cs");
}

/* GET /backoffice/M — M.view. In: before (an older page), m. Out: 200; 400 a bad page. */
static int list(struct portal_req *r)
{
	if (!r->in[LF_BEFORE].valid)
		return portal_error(r, 400, r->in[LF_BEFORE].err);
	return list_page(r, 200, module_of(r), NULL, r->in[LF_BEFORE].s ? r->in[LF_BEFORE].i : 0);
}

/* The form's fields checked; the amount in cents. Returns the error key or NULL. */
static const char *form_check(struct portal_req *r, int64_t *cents)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return bad;
	*cents = 0;
	if (r->in[F_AMOUNT].present && !amount_parse(r->in[F_AMOUNT].s, cents))
		return "Backoffice.bad_amount";
	return NULL;
}

PORTAL_SQL(sql_insert, 0,
	"INSERT INTO bo_records (org_id, module, ref, title, amount_cents, note, created_by, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

/* POST /backoffice/M — M.create, CSRF. In: ref, title, amount, note. Out: 303 to the record; 422. */
static int create(struct portal_req *r)
{
	const char *mod = module_of(r);
	int64_t cents;
	const char *bad = form_check(r, &cents);
	if (bad)
		return list_page(r, 422, mod, bad, 0);
	const char *once = r->in[F_ONCE].s;
	int seen = portal_once_begin(r, once);   /* this form stored before (a double click, a retry): that record */
	if (seen)
		return seen;
	struct portal_wrote w;
	enum portal_err rc = portal_exec(r, &sql_insert, &w, "isssisii", r->sess.org_id, mod, r->in[F_REF].s,
		r->in[F_TITLE].s, cents, r->in[F_NOTE].s ? r->in[F_NOTE].s : "", r->sess.user_id, r->now);
	if (rc == PORTAL_OK)
		rc = portal_audit(r, "record_created", r->sess.org_id, 0, portal_printf(r, "%s %lld", mod, (long long)w.id));
	return portal_once_commit(r, rc, once, portal_printf(r, "/backoffice/%s/%lld?m=created", mod, (long long)w.id));
}

/* one record, with who made, last changed, approved and put in use a product, and when */
enum { BG_ID, BG_REF, BG_TITLE, BG_AMOUNT, BG_NOTE, BG_STATUS, BG_CREATED, BG_UPDATED, BG_APPROVED, BG_CREATED_BY, BG_UPDATED_BY, BG_PUBLISHED, BG_C_GIVEN, BG_C_PREFIX, BG_C_FAMILY, BG_U_GIVEN, BG_U_PREFIX, BG_U_FAMILY, BG_A_GIVEN, BG_A_PREFIX, BG_A_FAMILY, BG_P_GIVEN, BG_P_PREFIX, BG_P_FAMILY, BG__N };
PORTAL_SQL(sql_get, BG__N,
	"SELECT b.id, b.ref, b.title, b.amount_cents, b.note, b.status, b.created_at, b.updated_at, b.approved_at,"
	" b.created_by, b.updated_by, b.published_at, cu.given_name, cu.name_prefix, cu.family_name, uu.given_name,"
	" uu.name_prefix, uu.family_name, au.given_name, au.name_prefix, au.family_name, pu.given_name, pu.name_prefix,"
	" pu.family_name FROM bo_records b LEFT JOIN users cu ON cu.id = b.created_by LEFT JOIN users uu ON uu.id = b.updated_by"
	" LEFT JOIN users au ON au.id = b.approved_by LEFT JOIN users pu ON pu.id = b.published_by"
	" WHERE b.id = ? AND b.org_id = ? AND b.module = ?");

static int record_page(struct portal_req *r, int status, const char *error_key)
{
	const char *mod = module_of(r);
	struct portal_rows *st;
	enum portal_err rc = portal_query_row(r, &st, &sql_get, "iis", r->path_id, r->sess.org_id, mod);
	if (rc != PORTAL_OK)
		return portal_failed(r, rc);
	set_module(r, mod);
	portal_set_int(r, "Page.rec.id", portal_col_int(st, BG_ID));
	portal_set(r, "Page.rec.ref", portal_col(st, BG_REF));
	portal_set(r, "Page.rec.title", portal_col(st, BG_TITLE));
	int64_t cents = portal_col_int(st, BG_AMOUNT);
	portal_set(r, "Page.rec.amount", money(r, cents));
	int64_t a = cents < 0 ? -cents : cents;
	portal_setf(r, "Page.rec.amount_input", "%s%lld,%02lld", cents < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
	portal_set(r, "Page.rec.note", portal_col(st, BG_NOTE));
	portal_set(r, "Page.rec.status", portal_col(st, BG_STATUS));
	portal_set(r, "Page.rec.status_label", portal_text(r, portal_printf(r, "Backoffice.st_%s", portal_col(st, BG_STATUS))));
	/* a product's steps, with who and when (document 002); the maker or last editor approves nothing of it */
	const char *someone = portal_text(r, "Backoffice.someone");
	const char *by[] = { name_at(r, st, BG_C_GIVEN), name_at(r, st, BG_U_GIVEN), name_at(r, st, BG_A_GIVEN),
		name_at(r, st, BG_P_GIVEN) };
	static const unsigned at[] = { BG_CREATED, BG_UPDATED, BG_APPROVED, BG_PUBLISHED };
	static const char *const step[] = { "created", "changed", "approved", "published" };
	for (int i = 0; i < 4; i++)
		if (!portal_col_null(st, at[i]) && (i != 1 || portal_col_int(st, BG_UPDATED))) {
			portal_set(r, portal_printf(r, "Page.rec.steps.%s.when", step[i]), portal_when(r, portal_col_int(st, at[i])));
			portal_set(r, portal_printf(r, "Page.rec.steps.%s.who", step[i]), by[i] ? by[i] : someone);
		}
	bool maker = (!portal_col_null(st, BG_CREATED_BY) && portal_col_int(st, BG_CREATED_BY) == r->sess.user_id) ||
		     (!portal_col_null(st, BG_UPDATED_BY) && portal_col_int(st, BG_UPDATED_BY) == r->sess.user_id);
	portal_set_int(r, "Page.rec.maker", maker);
	return portal_render_page(r, status, error_key, notices, "Backoffice", "record", "backoffice.cs");
}

/* GET /backoffice/M/# — M.view. Out: 200; 404 another organisation's or missing. */
static int view(struct portal_req *r)
{
	return record_page(r, 200, NULL);
}

/* a changed product needs approval again before test mode, and publication again before use */
PORTAL_SQL(sql_update, 0,
	"UPDATE bo_records SET ref = ?, title = ?, amount_cents = ?, note = ?, updated_by = ?, updated_at = ?,"
	" status = IF(module = 'products', 'draft', status),"
	" approved_by = IF(module = 'products', NULL, approved_by), approved_at = IF(module = 'products', NULL, approved_at),"
	" published_by = IF(module = 'products', NULL, published_by), published_at = IF(module = 'products', NULL, published_at)"
	" WHERE id = ? AND org_id = ? AND module = ?");

/* POST /backoffice/M/# — M.change, CSRF. In: ref, title, amount, note. Out: 303; 404; 422. */
static int change(struct portal_req *r)
{
	const char *mod = module_of(r);
	int64_t cents;
	const char *bad = form_check(r, &cents);
	if (bad)
		return record_page(r, 422, bad);
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_wrote w;
	if ((rc = portal_exec(r, &sql_update, &w, "ssisiiiis", r->in[F_REF].s, r->in[F_TITLE].s, cents,
		     r->in[F_NOTE].s ? r->in[F_NOTE].s : "", r->sess.user_id, r->now, r->path_id, r->sess.org_id, mod)) != PORTAL_OK)
		return portal_failed(r, rc);
	struct portal_rows *st;
	if (w.rows == 0 &&
	    portal_query_row(r, &st, &sql_get, "iis", r->path_id, r->sess.org_id, mod) == PORTAL_ERR_NOTFOUND) {
		portal_db_rollback(r);
		return portal_error(r, 404, "Err.not_found");
	}
	rc = portal_audit(r, "record_changed", r->sess.org_id, 0, portal_printf(r, "%s %lld", mod, (long long)r->path_id));
	return portal_done(r, rc, portal_printf(r, "/backoffice/%s/%lld?m=saved", mod, (long long)r->path_id));
}

/* four eyes: the approver (and the publisher) is neither the product's maker nor its last editor (params: the
 * user, now, the record, the organisation, the user twice) */
PORTAL_SQL(sql_approve, 0,
	"UPDATE bo_records SET status = 'test', approved_by = ?, approved_at = ?"
	" WHERE id = ? AND org_id = ? AND module = 'products' AND status = 'draft'"
	" AND NOT (created_by <=> ?) AND NOT (updated_by <=> ?)");

PORTAL_SQL(sql_publish, 0,
	"UPDATE bo_records SET status = 'live', published_by = ?, published_at = ?"
	" WHERE id = ? AND org_id = ? AND module = 'products' AND status = 'test'"
	" AND NOT (created_by <=> ?) AND NOT (updated_by <=> ?)");

/* A product's next step (sql_approve from draft, sql_publish from test mode) by the session's user, who must be
 * another person than the one who made or last changed it (four eyes). Out: 303; 404; 409 the rule (its maker)
 * or the product is not in the step's state. */
static int product_step(struct portal_req *r, struct portal_sql *step, const char *event, const char *notice)
{
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	int64_t me = r->sess.user_id;
	struct portal_wrote w;
	if ((rc = portal_exec(r, step, &w, "iiiiii", me, r->now, r->path_id, r->sess.org_id, me, me)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (w.rows != 1) {
		struct portal_rows *st;
		rc = portal_query_row(r, &st, &sql_get, "iis", r->path_id, r->sess.org_id, "products");
		bool maker = rc == PORTAL_OK && ((!portal_col_null(st, BG_CREATED_BY) && portal_col_int(st, BG_CREATED_BY) == me) ||
			(!portal_col_null(st, BG_UPDATED_BY) && portal_col_int(st, BG_UPDATED_BY) == me));
		portal_db_rollback(r);
		if (rc != PORTAL_OK)
			return portal_failed(r, rc);
		if (maker) {
			portal_audit(r, "four_eyes_refused", r->sess.org_id, 0, portal_printf(r, "%s of products %lld by its maker",
				event, (long long)r->path_id));
			return record_page(r, 409, "Backoffice.four_eyes");
		}
		return record_page(r, 409, step == &sql_approve ? "Backoffice.not_draft" : "Backoffice.not_test");
	}
	rc = portal_audit(r, event, r->sess.org_id, 0, portal_printf(r, "products %lld", (long long)r->path_id));
	return portal_done(r, rc, portal_printf(r, "/backoffice/products/%lld?m=%s", (long long)r->path_id, notice));
}

/* POST /backoffice/products/#/approve — products.approve, CSRF. A draft product into test mode (document 002:
 * only after approval by an authorised person, another than its maker). Out: 303; 404; 409. */
static int approve(struct portal_req *r)
{
	return product_step(r, &sql_approve, "product_approved", "approved");
}

/* POST /backoffice/products/#/publish — products.publish, CSRF. A product in test mode into use: offered, by
 * hand and on the websites (document 002), again not by its maker. Out: 303; 404; 409. */
static int publish(struct portal_req *r)
{
	return product_step(r, &sql_publish, "product_published", "published");
}

/* GET /backoffice/clients — clients.view (Klantbeeld): the client files (relations), read-only. */
static int clients(struct portal_req *r)
{
	if (!r->in[LF_BEFORE].valid)
		return portal_error(r, 400, r->in[LF_BEFORE].err);
	if (rows(r, "relations", r->in[LF_BEFORE].s ? r->in[LF_BEFORE].i : 0, "/backoffice/clients") != PORTAL_OK)
		return 503;
	set_kind(r, "relations");
	portal_set(r, "Page.mod", "clients");
	portal_set(r, "Page.mod_label", portal_text(r, "Backoffice.mod_clients"));
	portal_set(r, "Page.view", "list");
	portal_set_int(r, "Page.readonly", 1);
	return portal_render(r, 200, "backoffice.cs");
}

enum { PT_COUNT, PT_TOTAL, PT__N };
PORTAL_SQL(sql_position_total, PT__N,
	"SELECT COUNT(*), COALESCE(SUM(amount_cents), 0) FROM bo_records"
	" WHERE org_id = ? AND module IN ('debtors', 'creditors')");

/* the current-account position: debtors, then creditors (the ENUM's order), by id, a page after the cursor
 * (module, id). Parameters: the organisation, the cursor's module twice, its id, its module again, the
 * limit. The balance and the count are over all of them. */
enum { PO_MODULE, PO_REF, PO_TITLE, PO_AMOUNT, PO_ID, PO__N };
PORTAL_SQL(sql_position, PO__N,
	"SELECT module, ref, title, amount_cents, id FROM bo_records WHERE org_id = ? AND module IN ('debtors', 'creditors')"
	" AND (? IS NULL OR (module = ? AND id > ?) OR (? = 'debtors' AND module = 'creditors'))"
	" ORDER BY module, id LIMIT ?");

/* GET /backoffice/position — finance.documents. In: ak + ai (the cursor: module and id of the last row shown).
 * Out: 200, debtors and then creditors, 100 a page, with the balance and the number of all of them (every record,
 * not only the page's); 400 for a bad cursor. */
static int position(struct portal_req *r)
{
	for (int i = PF_AK; i <= PF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	const char *ak = r->in[PF_AK].s;
	int64_t ai = r->in[PF_AI].s ? r->in[PF_AI].i : 0;
	if (!ak || !ai)
		ak = NULL, ai = 0;
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_position_total, "i", r->sess.org_id) != PORTAL_OK ||
	    portal_next(q) != 1)
		return 503;
	int64_t count = portal_col_int(q, PT_COUNT), total = portal_col_int(q, PT_TOTAL);
	if (portal_next(q) < 0)
		return 503;
	if (portal_query(r, &q, &sql_position, "issIsi", r->sess.org_id, ak, ak, ai, ak, (int64_t)(BO_PAGE + 1))
	    != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.records");
	int f;
	size_t n = 0;
	bool more = false;
	const char *last_mod = NULL;
	int64_t last_id = 0;
	while ((f = portal_next(q)) == 1) {
		if (n == BO_PAGE) {
			more = true;
			continue;
		}
		void *x = portal_node_i(r, list, n++);
		portal_nset(r, x, "kind", portal_text(r, portal_printf(r, "Backoffice.mod_%s", portal_col(q, PO_MODULE))));
		portal_nset(r, x, "ref", portal_col(q, PO_REF));
		portal_nset(r, x, "title", portal_col(q, PO_TITLE));
		portal_nset(r, x, "amount", money(r, portal_col_int(q, PO_AMOUNT)));
		last_mod = portal_strdup(r, portal_col(q, PO_MODULE));
		last_id = portal_col_int(q, PO_ID);
	}
	if (f < 0)
		return 503;
	portal_keyset_links(r, "/backoffice/position", ak != NULL, more, last_mod, last_id, NULL);
	portal_set(r, "Page.total", money(r, total));
	portal_set_int(r, "Page.total_count", count);
	portal_set(r, "Page.mod_label", portal_text(r, "Backoffice.mod_position"));
	portal_set(r, "Page.view", "position");
	return portal_render(r, 200, "backoffice.cs");
}

#define MODULE(m)                                                                  \
	PORTAL_ROUTE_RIGHT("GET", "/backoffice/" m, m ".view", list, list_fields, PORTAL_RF_READ),     \
	PORTAL_ROUTE_RIGHT("POST", "/backoffice/" m, m ".create", create, rec_fields, PORTAL_RF_WRITE), \
	PORTAL_ROUTE_RIGHT("GET", "/backoffice/" m "/#", m ".view", view, list_fields, PORTAL_RF_READ), \
	PORTAL_ROUTE_RIGHT("POST", "/backoffice/" m "/#", m ".change", change, rec_fields, PORTAL_RF_WRITE)

PORTAL_PROGRAM("backoffice", ("backoffice.cs"),
	PORTAL_ROUTE_USER("GET", "/backoffice", index_page, NULL, PORTAL_RF_READ),
	MODULE("relations"), MODULE("policies"), MODULE("claims"), MODULE("ledger"), MODULE("debtors"),
	MODULE("creditors"), MODULE("products"),
	PORTAL_ROUTE_RIGHT("POST", "/backoffice/products/#/approve", "products.approve", approve, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/backoffice/products/#/publish", "products.publish", publish, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("GET", "/backoffice/clients", "clients.view", clients, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("GET", "/backoffice/position", "finance.documents", position, position_fields, PORTAL_RF_READ)
)
