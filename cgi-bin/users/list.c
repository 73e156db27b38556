/* list.c: the colleagues overview (search, filters, sort, keyset pages, the holiday checklist) and its CSV
 * export with the same filters. */
#include "users.h"

/* ---- the overview ---- */

static void filter_link(struct portal_req *r, struct portal_buf *b, const char *name, const char *value)
{
	if (value && *value)
		portal_buf_addf(b, "%s%s=%s", b->len ? "&" : "?", name, portal_url_encode(r, value));
}

/* The query string of the current filters (without cursor), optionally with another sort. */
static const char *filters_qs(struct portal_req *r, const char *sort)
{
	struct portal_buf b = { 0 };
	filter_link(r, &b, "q", r->in[LF_Q].s);
	filter_link(r, &b, "role", r->in[LF_ROLE].s);
	filter_link(r, &b, "status", r->in[LF_STATUS].s);
	filter_link(r, &b, "check", r->in[LF_CHECK].s);
	filter_link(r, &b, "sort", sort);
	const char *s = portal_strdup(r, b.len ? portal_buf_str(&b) : "");
	portal_buf_free(&b);
	return s;
}

/* GET /users — users.view. In: q, role, status, sort, check, ak + ai (the cursor), m. Out: 200. */
int list(struct portal_req *r)
{
	for (int i = LF_Q; i <= LF_M; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	long long sort = r->in[LF_SORT].s ? r->in[LF_SORT].i : 0;
	const char *status = r->in[LF_STATUS].s;
	const char *like = r->in[LF_Q].s ? portal_like_pattern(r, r->in[LF_Q].s) : NULL;
	int64_t role = r->in[LF_ROLE].s ? r->in[LF_ROLE].i : 0;
	const char *ak = r->in[LF_AK].s;
	int64_t ai = r->in[LF_AI].s ? r->in[LF_AI].i : 0;
	if (!ak || !ai)
		ak = NULL, ai = 0;
	bool unconfirmed = r->in[LF_CHECK].s != NULL;
	if (unconfirmed)
		status = "active";
	if (role && !usable_role(r, role))
		return portal_error(r, 403, "Users.role_not_in_set");
	struct portal_colleague_query cq = { (enum portal_colleague_sort)sort, status, like, role, unconfirmed, ak, ai,
		PAGE + 1 };
	struct portal_rows *st;
	if (portal_colleagues(r, &cq, &st) != PORTAL_OK)
		return 503;
	struct portal_list page = { .pg.size = PAGE, .list = portal_node(r, NULL, "Page.users"), .id_col = PORTAL_CL_ID };
	const char *last_key = NULL;
	const char *status_text[] = { portal_text(r, "Users.st_invited"), portal_text(r, "Users.st_active"),
		portal_text(r, "Users.st_disabled") };
	const char *never = portal_text(r, "Users.never");
	while (portal_list_next(r, st, &page)) {
		void *u = page.item;
		portal_nset(r, u, "name", portal_full_name(r, portal_col(st, PORTAL_CL_GIVEN), portal_col(st, PORTAL_CL_PREFIX),
			portal_col(st, PORTAL_CL_FAMILY)));
		portal_nset(r, u, "email", portal_col(st, PORTAL_CL_EMAIL));
		portal_nset(r, u, "mobile", portal_mask_phone(r, portal_col(st, PORTAL_CL_MOBILE)));
		if (!portal_col_null(st, PORTAL_CL_MOBILE_VERIFIED))
			portal_nset(r, u, "mobile_ok", "1");
		char s0 = portal_col(st, PORTAL_CL_STATUS)[0];
		portal_nset(r, u, "status", status_text[s0 == 'i' ? 0 : s0 == 'a' ? 1 : 2]);
		const char *login = portal_when(r, portal_col_int(st, PORTAL_CL_LAST_LOGIN));
		portal_nset(r, u, "last_login", login ? login : never);
		portal_nset(r, u, "roles", roles_text(r, portal_col(st, PORTAL_CL_ROLE_IDS)));
		if (portal_col_int(st, PORTAL_CL_EXPERT))
			portal_nset(r, u, "expert", "1");
		last_key = portal_strdup(r, portal_col(st, PORTAL_CL_KEY));
	}
	if (page.failed)
		return 503;
	const char *qs = filters_qs(r, r->in[LF_SORT].s);
	portal_keyset_links(r, portal_printf(r, "/users%s", qs), ak != NULL, page.pg.more, last_key, page.last, NULL);
	for (int i = 0; sorts[i]; i++)
		portal_set(r, portal_printf(r, "Page.sort_link.%s", sorts[i]),
			portal_printf(r, "/users%s", filters_qs(r, sorts[i])));
	portal_set(r, "Page.sort", sorts[sort]);
	portal_set(r, "Page.export", portal_printf(r, "/users/export%s", qs));
	portal_set(r, "Page.q", r->in[LF_Q].s);
	portal_set(r, "Page.status", status);
	portal_set(r, "Page.check_mobile", unconfirmed ? "1" : NULL);
	if (role)
		portal_set_int(r, "Page.role", role);
	portal_set(r, "Page.usable", portal_usable_role_ids(r));   /* filters the shared Cat.tenant_roles */
	portal_set_int(r, "Page.count", (long long)page.pg.n);
	portal_set_int(r, "Page.manage", portal_has_right(r, "users.manage"));
	set_notice(r, &r->in[LF_M]);
	if (portal_set_checklist(r, "Page.check") != PORTAL_OK)
		return 503;
	return portal_render(r, 200, "users_list.cs");
}

/* ---- CSV export ---- */

/* GET /users/export — users.view. In: the overview's filters. Out: 200 text/csv (UTF-8 with BOM, ';'),
 * every matching colleague with roles; numbers masked (CRY-04); formulas neutralised. */
int export_csv(struct portal_req *r)
{
	for (int i = LF_Q; i <= LF_M; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	const char *status = r->in[LF_CHECK].s ? "active" : r->in[LF_STATUS].s;
	const char *like = r->in[LF_Q].s ? portal_like_pattern(r, r->in[LF_Q].s) : NULL;
	int64_t role = r->in[LF_ROLE].s ? r->in[LF_ROLE].i : 0;
	if (role && !usable_role(r, role))
		return portal_error(r, 403, "Users.role_not_in_set");
	struct portal_colleague_query cq = { (enum portal_colleague_sort)(r->in[LF_SORT].s ? r->in[LF_SORT].i : 0), status,
		like, role, r->in[LF_CHECK].s != NULL, NULL, 0, 100000 };
	struct portal_rows *st;
	if (portal_colleagues(r, &cq, &st) != PORTAL_OK)
		return 503;
	struct portal_buf *b = &r->body;
	portal_buf_reset(b);
	portal_buf_adds(b, "\xef\xbb\xbf");
	static const char *const head[] = { "Csv.given_name", "Csv.name_prefix", "Csv.family_name", "Csv.email",
		"Csv.mobile", "Csv.mobile_confirmed", "Csv.status", "Csv.roles", "Csv.last_login" };
	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		portal_csv_cell(b, portal_text(r, head[i]), ';', i + 1 == sizeof head / sizeof *head);
	int f;
	while ((f = portal_next(st)) == 1) {
		const char *status_key = portal_printf(r, "Users.st_%s", portal_col(st, PORTAL_CL_STATUS));
		portal_csv_cell(b, portal_col(st, PORTAL_CL_GIVEN), ';', false);
		portal_csv_cell(b, portal_col(st, PORTAL_CL_PREFIX), ';', false);
		portal_csv_cell(b, portal_col(st, PORTAL_CL_FAMILY), ';', false);
		portal_csv_cell(b, portal_col(st, PORTAL_CL_EMAIL), ';', false);
		portal_csv_cell(b, portal_mask_phone(r, portal_col(st, PORTAL_CL_MOBILE)), ';', false);
		portal_csv_cell(b, portal_text(r, portal_col_null(st, PORTAL_CL_MOBILE_VERIFIED) ? "Csv.no" : "Csv.yes"), ';', false);
		portal_csv_cell(b, portal_text(r, status_key), ';', false);
		portal_csv_cell(b, roles_text(r, portal_col(st, PORTAL_CL_ROLE_IDS)), ';', false);
		portal_csv_cell(b, portal_when_iso(r, portal_col_int(st, PORTAL_CL_LAST_LOGIN)), ';', true);
	}
	if (f < 0)
		return 503;
	r->content_type = "text/csv; charset=utf-8";
	portal_header(r, "Content-Disposition", "attachment; filename=\"colleagues.csv\"");
	r->status = 200;
	r->body_set = true;
	return 200;
}
