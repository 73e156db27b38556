/* list.c: the dossiers list (all of the organisation's, or one's own; a page by name with a search) and a new
 * dossier, with the colleague pickers of its form. */
#include "dossiers.h"

/* ---- the list ---- */

/* The organisation's dossiers (all) or the user's own, DOSSIERS_PAGE a page by name: those after (ak, ai),
 * whose name holds q when given; the links to the next and first pages. */
#define DOSSIERS_PAGE 50
/* a page by name (keyset: the last name and id shown), optionally those whose name holds a search */
#define DOSSIER_PAGE                                                                                       \
	" AND (? IS NULL OR d.name LIKE ?) AND (? IS NULL OR d.name > ? OR (d.name = ? AND d.id > ?))"          \
	" ORDER BY d.name, d.id LIMIT ?"
PORTAL_SQL(sql_dossiers_all, DS__N, DOSSIER_COLS " WHERE d.org_id = ?" DOSSIER_PAGE);
PORTAL_SQL(sql_dossiers_mine, DS__N,
	DOSSIER_COLS " JOIN dossier_users du ON du.dossier_id = d.id AND du.user_id = ?"
	" WHERE d.org_id = ?" DOSSIER_PAGE);

static enum portal_err list_rows(struct portal_req *r, bool all, const char *q, const char *ak, int64_t ai)
{
	const char *like = portal_like_pattern(r, q);
	if (!ak || !ai)
		ak = NULL, ai = 0;
	struct portal_rows *st;
	enum portal_err rc = all
		? portal_query(r, &st, &sql_dossiers_all, "isssssii", r->sess.org_id, like, like, ak, ak, ak, ai,
			(int64_t)(DOSSIERS_PAGE + 1))
		: portal_query(r, &st, &sql_dossiers_mine, "iisssssii", r->sess.user_id, r->sess.org_id, like, like, ak, ak, ak,
			ai, (int64_t)(DOSSIERS_PAGE + 1));
	if (rc != PORTAL_OK)
		return rc;
	struct portal_list page = { .pg.size = DOSSIERS_PAGE, .list = portal_node(r, NULL, "Page.dossiers"), .id_col = DS_ID };
	const char *last_name = NULL;
	while (portal_list_next(r, st, &page)) {
		last_name = portal_strdup(r, portal_col(st, DS_NAME));
		void *x = page.item;
		portal_nset(r, x, "name", portal_col(st, DS_NAME));
		const char *mods = portal_col(st, DS_MODULES);
		struct portal_buf b = { 0 };
		for (size_t i = 0; modules[i]; i++)
			if (portal_module_on(mods, modules[i]))
				portal_buf_addf(&b, "%s%s", b.len ? ", " : "", portal_text(r, portal_printf(r, "Dossiers.mod_%s", modules[i])));
		portal_nset(r, x, "modules", b.len ? portal_buf_str(&b) : portal_text(r, "Dossiers.no_modules"));
		portal_buf_free(&b);
		const char *resp = person(r, st, DS_RESP_GIVEN);
		if (resp)
			portal_nset(r, x, "responsible", resp);
		portal_nset_int(r, x, "members", portal_col_int(st, DS_MEMBERS));
	}
	portal_keyset_links(r, q ? portal_printf(r, "/dossiers?q=%s", portal_url_encode(r, q)) : "/dossiers", ak != NULL, page.pg.more,
		last_name, page.last, NULL);
	portal_set(r, "Page.q", q);
	return page.failed ? PORTAL_ERR_DB : PORTAL_OK;
}

/* colleagues one can assign or make responsible: active or invited; to assign, those not in the dossier yet
 * (params org, like x4, dossier x2 (NULL: anyone), limit) */
enum { OP_ID, OP_GIVEN, OP_PREFIX, OP_FAMILY, OP_EMAIL, OP__N };
PORTAL_SQL(sql_org_people, OP__N,
	"SELECT u.id, u.given_name, u.name_prefix, u.family_name, u.email FROM users u FORCE INDEX (ix_users_org_name)"
	" WHERE u.org_id = ? AND u.status IN ('active','invited') AND (? IS NULL OR u.email LIKE ? OR CONCAT_WS(' ',"
	" u.given_name, NULLIF(u.name_prefix, ''), u.family_name) LIKE ? OR u.name_key LIKE ?)"
	" AND (? IS NULL OR NOT EXISTS (SELECT 1 FROM dossier_users dx WHERE dx.dossier_id = ? AND dx.user_id = u.id))"
	" ORDER BY u.name_key, u.id LIMIT ?");

/* The colleagues the pickers offer (active or invited), by name: the first PICK_MAX, or those whose name or
 * address holds who. More than PICK_MAX: Page.people_more, and the page offers the search (Page.who). keep:
 * the responsible person the form shows selected; when not among them, Page.keep_responsible says so, and the
 * template offers that person too, so that saving the form does not drop them unseen. */
enum portal_err people(struct portal_req *r, const char *who, int64_t keep, int64_t outside, const char *node)
{
	const char *like = portal_like_pattern(r, who);
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_org_people, "issssIIi", r->sess.org_id, like, like, like, like, outside, outside,
		    (int64_t)(PICK_MAX + 1)) != PORTAL_OK)
		return PORTAL_ERR_DB;
	void *list = portal_node(r, NULL, node);
	int f;
	size_t n = 0;
	bool kept = false;
	while ((f = portal_next(q)) == 1) {
		if (n == PICK_MAX) {
			portal_set_int(r, portal_printf(r, "%s_more", node), PICK_MAX);
			continue;
		}
		void *x = portal_node_i(r, list, n++);
		kept |= portal_col_int(q, OP_ID) == keep;
		portal_nset_int(r, x, "id", portal_col_int(q, OP_ID));
		portal_nset(r, x, "name", person(r, q, OP_GIVEN));
		portal_nset(r, x, "email", portal_col(q, OP_EMAIL));
	}
	portal_set(r, "Page.who", who);
	if (keep && !kept)
		portal_set_int(r, "Page.keep_responsible", 1);
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

/* The dossiers, and with dossiers.manage the form for a new one. get: r->in holds the page's query (the
 * list's search and cursor, the pickers' search); after a failed POST it holds the form, and the page is the
 * first, unsearched. */
static int list_page(struct portal_req *r, int status, const char *error_key, bool get)
{
	bool manage = portal_has_right(r, "dossiers.manage");
	portal_set_int(r, "Page.manage", manage);
	if (r->sess.profile)
		portal_set(r, "Page.profile", r->sess.profile->name[r->lang]);
	const char *q = get ? r->in[LF_Q].s : NULL, *ak = get ? r->in[LF_AK].s : NULL, *who = get ? r->in[LF_WHO].s : NULL;
	int64_t ai = get && r->in[LF_AI].s ? r->in[LF_AI].i : 0;
	if (list_rows(r, manage || portal_has_right(r, "dossiers.view"), q, ak, ai) != PORTAL_OK)
		return 503;
	if (manage) {
		if (people(r, who, 0, 0, "Page.people") != PORTAL_OK)
			return 503;
		set_modules(r, portal_node(r, NULL, "Page.modules"), "documents,archive,reports");
		portal_set(r, "Page.once", portal_once_token(r));
	}
	return dossiers_render(r, status, error_key, "dossiers_list.cs");
}

/* GET /dossiers — any user. In: m (notice), q (a name search), ak + ai (the cursor), who (the pickers' search).
 * Out: 200; 400 bad input. */
int index_page(struct portal_req *r)
{
	for (int i = LF_M; i <= LF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	return list_page(r, 200, NULL, true);
}

/* A colleague of the organisation who may be responsible or assigned (active or invited); false if not. */
bool colleague_ok(struct portal_req *r, int64_t id, struct portal_person *out)
{
	struct portal_colleague c;
	if (portal_colleague_get(r, id, PORTAL_COLLEAGUE_READ, &c) != PORTAL_OK)
		return false;
	if (strcmp(c.status, "active") && strcmp(c.status, "invited"))
		return false;
	if (out) {
		memset(out, 0, sizeof *out);
		out->id = id;
		out->email = c.email;
		out->given_name = c.given;
		out->lang = c.lang ? c.lang : "nl";
	}
	return true;
}

const char *modules_from(struct portal_req *r, size_t first)
{
	struct portal_buf b = { 0 };
	for (size_t i = 0; i < NMODULES; i++)
		if (r->in[first + i].present)
			portal_buf_addf(&b, "%s%s", b.len ? "," : "", modules[i]);
	const char *s = portal_strdup(r, b.len ? portal_buf_str(&b) : "");
	portal_buf_free(&b);
	return s;
}

PORTAL_SQL(sql_dossier_insert, 0,
	"INSERT INTO dossiers (org_id, name, modules, responsible_id, created_at) VALUES (?, ?, ?, ?, ?)");

/* POST /dossiers — dossiers.manage, CSRF. In: name, responsible (a colleague), the modules. Out: 303 to the
 * new dossier's settings; 422 with the form. */
int create(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return list_page(r, 422, bad, false);
	int64_t resp = r->in[NF_RESP].present ? r->in[NF_RESP].i : 0;
	if (resp && !colleague_ok(r, resp, NULL))
		return list_page(r, 422, "Dossiers.bad_person", false);
	const char *mods = modules_from(r, NF_MOD0), *once = r->in[NF_ONCE].s;
	int seen = portal_once_begin(r, once);   /* this form stored before (a double click, a retry): that dossier */
	if (seen)
		return seen;
	struct portal_wrote w;
	enum portal_err rc = portal_exec(r, &sql_dossier_insert, &w, "issIi", r->sess.org_id, r->in[NF_NAME].s, mods, resp,
		r->now);
	if (rc == PORTAL_OK)
		rc = portal_audit(r, "dossier_created", r->sess.org_id, 0,
			portal_printf(r, "dossier %lld \"%s\"; modules: %s", (long long)w.id, r->in[NF_NAME].s, mods));
	return portal_once_commit(r, rc, once, portal_printf(r, "/dossiers/%lld/settings?m=created", (long long)w.id));
}
