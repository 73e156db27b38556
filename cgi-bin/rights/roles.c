/* roles.c: the roles an organisation may use with their number of holders, and one role's holders by name. */
#include "rights.h"

/* The number of holders of each role (by catalogue position) per organisation, kept in this process while
 * its colleagues and the catalogue stand (struct portal_org_memo): counting reads every grant of the
 * organisation (40,000 rows in bench/gen.sh's largest). One slot per organisation modulo 256. */
struct role_counts_slot {
	struct portal_org_memo memo;
	int64_t *counts;
	size_t n;
};
static struct role_counts_slot role_counts_cache[256];

/* Rollen en rechten: the number of holders per role in one organisation (its holders: portal_colleagues) */
enum { RC_ROLE, RC_COUNT, RC__N };
PORTAL_SQL(sql_role_counts, RC__N,
	"SELECT ur.role_id, COUNT(*) FROM user_roles ur JOIN users u ON u.id = ur.user_id"
	" WHERE ur.org_id = ? AND u.status <> 'removed' GROUP BY ur.role_id");

static const int64_t *role_counts(struct portal_req *r)
{
	const struct portal_catalogue *cat = portal_catalogue();
	struct role_counts_slot *c = &role_counts_cache[(uint64_t)r->sess.org_id % 256];
	if (portal_org_memo_fresh(r, &c->memo))
		return c->counts;
	c->memo.org_id = 0;   /* not valid until read whole */
	if (c->n < cat->nroles + 1) {
		c->counts = portal_xrealloc(c->counts, (cat->nroles + 1) * sizeof *c->counts);
		c->n = cat->nroles + 1;
	}
	memset(c->counts, 0, c->n * sizeof *c->counts);
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_role_counts, "i", r->sess.org_id) != PORTAL_OK)
		return NULL;
	int f;
	while ((f = portal_next(q)) == 1)
		for (size_t i = 0; i < cat->nroles; i++)
			if (cat->roles[i].id == portal_col_int(q, RC_ROLE))
				c->counts[i] = portal_col_int(q, RC_COUNT);
	if (f < 0)
		return NULL;
	portal_org_memo_stamp(r, &c->memo);
	return c->counts;
}

/* GET /rights — users.view. The roles the organisation may use (its set), each with what it allows and its
 * number of holders. Out: 200. */
int index_page(struct portal_req *r)
{
	const struct portal_catalogue *cat = portal_catalogue();
	const int64_t *counts = role_counts(r);
	if (!counts)
		return 503;
	void *avail = portal_node(r, NULL, "Page.roles");
	for (size_t i = 0, a = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		if (!portal_role_available(r, ro))
			continue;
		void *x = portal_node_i(r, avail, a++);
		portal_nset_int(r, x, "id", ro->id);
		portal_nset(r, x, "name", ro->name[r->lang]);
		portal_nset(r, x, "what", role_words(r, ro));
		portal_nset_int(r, x, "holders", counts[i]);
		portal_nset(r, x, "kind", ro->kind);
		if (portal_role_quota_limited(ro))
			portal_nset(r, x, "quota", "1");
	}
	return portal_render(r, 200, "rights_index.cs");
}

/* GET /rights/roles/# — users.view. In: ak + ai (the cursor: the last holder's name key and id). A role: the
 * rights it gives, how many colleagues hold it, and who: HOLDERS_PAGE a page by name (the users overview's
 * statement, filtered on the role), with a link to that overview for a search. Out: 200; 400 a bad cursor;
 * 404 an unknown role, one of the vendor's, or one outside the organisation's set. */
#define HOLDERS_PAGE 50
enum { HF_AK, HF_AI };
const struct portal_field holder_fields[] = {
	[HF_AK] = { "ak", PF_LINE, 0, 0, 200, NULL },
	[HF_AI] = { "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
int role_page(struct portal_req *r)
{
	const struct portal_role *ro = portal_role_by_id(r->path_id);
	if (!ro || !portal_role_available(r, ro))
		return portal_error(r, 404, "Err.not_found");   /* a vendor role, or one outside the organisation's set */
	for (int i = HF_AK; i <= HF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	const char *ak = r->in[HF_AK].s && r->in[HF_AI].s ? r->in[HF_AK].s : NULL;
	int64_t ai = ak ? r->in[HF_AI].i : 0;
	const struct portal_catalogue *cat = portal_catalogue();
	const int64_t *counts = role_counts(r);
	if (!counts)
		return 503;
	for (size_t i = 0; i < cat->nroles; i++)
		if (&cat->roles[i] == ro)
			portal_set_int(r, "Page.role.holders", counts[i]);
	portal_set_int(r, "Page.role.id", ro->id);
	portal_set(r, "Page.role.name", ro->name[r->lang]);
	if (portal_role_quota_limited(ro))
		portal_set_int(r, "Page.role.quota", 1);
	void *rights = portal_node(r, NULL, "Page.role.rights");
	for (size_t j = 0; j < ro->nrights; j++)
		portal_nset_at(r, rights, j, cat->rights[ro->rights[j]].label[r->lang]);
	struct portal_colleague_query cq = { PORTAL_BY_NAME, NULL, NULL, ro->id, false, ak, ai, HOLDERS_PAGE + 1 };
	struct portal_rows *st;
	if (portal_colleagues(r, &cq, &st) != PORTAL_OK)
		return 503;
	struct portal_list page = { .pg.size = HOLDERS_PAGE, .list = portal_node(r, NULL, "Page.holders"),
		.id_col = PORTAL_CL_ID };
	const char *last_key = NULL;
	while (portal_list_next(r, st, &page)) {
		void *x = page.item;
		last_key = portal_strdup(r, portal_col(st, PORTAL_CL_KEY));
		portal_nset(r, x, "name", portal_full_name(r, portal_col(st, PORTAL_CL_GIVEN), portal_col(st, PORTAL_CL_PREFIX),
			portal_col(st, PORTAL_CL_FAMILY)));
		portal_nset(r, x, "email", portal_col(st, PORTAL_CL_EMAIL));
		portal_nset(r, x, "status", portal_text(r, portal_printf(r, "Users.st_%s", portal_col(st, PORTAL_CL_STATUS))));
	}
	if (page.failed)
		return 503;
	portal_keyset_links(r, portal_printf(r, "/rights/roles/%lld", (long long)ro->id), ak != NULL, page.pg.more, last_key, page.last,
		"#h-holders");
	return portal_render(r, 200, "rights_role.cs");
}
