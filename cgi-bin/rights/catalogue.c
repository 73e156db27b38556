/* catalogue.c: the vendor's role catalogue (catalogue.manage): roles of every kind, their names and rights,
 * which role sets hold them, and new roles. */
#include "rights.h"

/* ---- the vendor's catalogue (catalogue.manage): roles, their rights, activations per organisation ---- */

const char *const kinds[] = { "org", "profile", "vendor", NULL };
enum { CF_NAME_NL, CF_NAME_EN, CF_ON_REQUEST, CF_RIGHT, CF_SET };
const struct portal_field cat_role_fields[] = {
	[CF_NAME_NL] = { "name_nl", PF_LINE, PF_REQUIRED, 2, 100, NULL },
	[CF_NAME_EN] = { "name_en", PF_LINE, PF_REQUIRED, 2, 100, NULL },
	[CF_ON_REQUEST] = { "on_request", PF_ENUM, 0, 0, 0, (const char *const[]){ "1", NULL } },
	[CF_RIGHT] = { "right", PF_IDS, 0, 0, 200, NULL },
	[CF_SET] = { "set", PF_IDS, 0, 0, PORTAL_MAX_SETS, NULL },   /* the role sets that hold the role */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { NF_KEY = 5, NF_KIND, NF_ONCE };
const struct portal_field cat_new_fields[] = {
	{ "name_nl", PF_LINE, PF_REQUIRED, 2, 100, NULL },
	{ "name_en", PF_LINE, PF_REQUIRED, 2, 100, NULL },
	{ "on_request", PF_ENUM, 0, 0, 0, (const char *const[]){ "1", NULL } },
	{ "right", PF_IDS, 0, 0, 200, NULL },
	{ "set", PF_IDS, 0, 0, PORTAL_MAX_SETS, NULL },
	{ "key", PF_LINE, PF_REQUIRED, 3, 64, NULL },
	{ "kind", PF_ENUM, PF_REQUIRED, 0, 0, kinds },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the new-role form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const char *const cat_notices[] = { "saved", "created", NULL };
const struct portal_field cat_view_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, cat_notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The scope of rights a role of this kind may hold: organisation roles organisation rights, profiles dossier
 * rights, vendor roles vendor rights; so no customer role can ever carry a vendor right. */
static const char *scope_of_kind(const char *kind)
{
	return !strcmp(kind, "org") ? "org" : !strcmp(kind, "profile") ? "dossier" : "vendor";
}

static bool key_ok(const char *k)
{
	for (const char *p = k; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return k[0] >= 'a' && k[0] <= 'z';
}

/* The role sets as checkboxes (Page.sets.N: id, name, on) for a role in them (mask); vendor roles have none. */
static void set_choice(struct portal_req *r, uint64_t mask, bool vendor)
{
	const struct portal_catalogue *cat = portal_catalogue();
	void *l = portal_node(r, NULL, "Page.sets");
	for (size_t i = 0; !vendor && i < cat->nsets; i++) {
		void *x = portal_node_i(r, l, i);
		portal_nset_int(r, x, "id", cat->sets[i].id);
		portal_nset(r, x, "name", cat->sets[i].name[r->lang]);
		if (mask & (uint64_t)1 << i)
			portal_nset(r, x, "on", "1");
	}
}

/* The role sets a form names, as a mask; false for an unknown one. */
static bool wanted_sets(struct portal_req *r, uint64_t *mask)
{
	const struct portal_value *v = &r->in[CF_SET];
	*mask = 0;
	for (size_t i = 0; i < v->nids; i++) {
		const struct portal_role_set *x = portal_set_by_id(v->ids[i]);
		if (!x)
			return false;
		*mask |= (uint64_t)1 << (x - portal_catalogue()->sets);
	}
	return true;
}

/* The catalogue: its roles and its role sets. */
static int catalogue_page(struct portal_req *r, int status, const char *error_key)
{
	const struct portal_catalogue *cat = portal_catalogue();
	void *list = portal_node(r, NULL, "Page.roles");
	for (size_t i = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		void *x = portal_node_i(r, list, i);
		portal_nset_int(r, x, "id", ro->id);
		portal_nset(r, x, "name", ro->name[r->lang]);
		portal_nset(r, x, "kind", portal_text(r, portal_printf(r, "Catalogue.kind_%s", ro->kind)));
		portal_nset_int(r, x, "on_request", ro->on_request);
		portal_nset_int(r, x, "core", ro->core);
		portal_nset_int(r, x, "nrights", (long long)ro->nrights);
		struct portal_buf b = { 0 };
		for (size_t k = 0; k < cat->nsets; k++)
			if (ro->sets & (uint64_t)1 << k)
				portal_buf_addf(&b, "%s%s", b.len ? ", " : "", cat->sets[k].name[r->lang]);
		portal_nset(r, x, "sets", b.len ? portal_buf_str(&b) : "");
		portal_buf_free(&b);
	}
	set_choice(r, 0, false);
	portal_set(r, "Page.once", portal_once_token(r));   /* on the new-role form */
	return portal_render_page(r, status, error_key, cat_notices, "Catalogue", "index", "rights_catalogue.cs");
}

/* GET /rights/catalogue — catalogue.manage. The roles of every kind with the role sets that hold them, and the
 * form for a new role. Out: 200. */
int catalogue(struct portal_req *r)
{
	if (!r->in[0].valid)
		return portal_error(r, 400, r->in[0].err);
	return catalogue_page(r, 200, NULL);
}

static int cat_role_page(struct portal_req *r, int status, const struct portal_role *ro, const char *error_key)
{
	const struct portal_catalogue *cat = portal_catalogue();
	portal_set_int(r, "Page.role.id", ro->id);
	portal_set(r, "Page.role.key", ro->key);
	portal_set(r, "Page.role.name_nl", ro->name[PORTAL_NL]);
	portal_set(r, "Page.role.name_en", ro->name[PORTAL_EN]);
	portal_set(r, "Page.role.kind", portal_text(r, portal_printf(r, "Catalogue.kind_%s", ro->kind)));
	portal_set_int(r, "Page.role.on_request", ro->on_request);
	void *list = portal_node(r, NULL, "Page.rights");
	const char *scope = scope_of_kind(ro->kind);
	for (size_t j = 0, k = 0; j < cat->nrights; j++) {
		if (strcmp(cat->rights[j].scope, scope))
			continue;
		void *x = portal_node_i(r, list, k++);
		portal_nset_int(r, x, "id", cat->rights[j].id);
		portal_nset(r, x, "label", cat->rights[j].label[r->lang]);
		portal_nset(r, x, "key", cat->rights[j].key);
		portal_nset_int(r, x, "held", portal_role_has_right(ro, cat->rights[j].key));
	}
	portal_set_int(r, "Page.role.core", ro->core);
	set_choice(r, ro->sets, !strcmp(ro->kind, "vendor"));
	return portal_render_page(r, status, error_key, cat_notices, "Catalogue", "role", "rights_catalogue.cs");
}

/* GET /rights/catalogue/roles/# — catalogue.manage: a role's names, rights (of its kind's scope), on request. */
int cat_role(struct portal_req *r)
{
	const struct portal_role *ro = portal_role_by_id(r->path_id);
	if (!ro)
		return portal_error(r, 404, "Err.not_found");
	return cat_role_page(r, 200, ro, NULL);
}

/* The wanted rights of a role form: ids of the right scope only; NULL (with *bad) otherwise. */
static const struct portal_right **wanted_rights(struct portal_req *r, const char *kind, size_t *n, bool *bad)
{
	const struct portal_catalogue *cat = portal_catalogue();
	const struct portal_value *v = &r->in[CF_RIGHT];
	const struct portal_right **out = portal_alloc(r, (v->nids + 1) * sizeof *out);
	*n = 0;
	*bad = false;
	for (size_t i = 0; i < v->nids; i++) {
		const struct portal_right *x = NULL;
		for (size_t j = 0; j < cat->nrights && !x; j++)
			if (cat->rights[j].id == v->ids[i])
				x = &cat->rights[j];
		if (!x || strcmp(x->scope, scope_of_kind(kind))) {
			*bad = true;
			return NULL;
		}
		out[(*n)++] = x;
	}
	return out;
}

static bool in_rights(const struct portal_right **w, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (w[i]->id == id)
			return true;
	return false;
}

PORTAL_SQL(sql_role_update, 0,
	"UPDATE roles SET name_nl = ?, name_en = ?, on_request = ? WHERE id = ?");

PORTAL_SQL(sql_role_right_add, 0,
	"INSERT INTO role_rights (role_id, right_id) VALUES (?, ?)");

PORTAL_SQL(sql_role_right_del, 0,
	"DELETE FROM role_rights WHERE role_id = ? AND right_id = ?");

PORTAL_SQL(sql_set_role_add, 0,
	"INSERT IGNORE INTO role_set_roles (set_id, role_id) VALUES (?, ?)");

PORTAL_SQL(sql_set_role_del, 0,
	"DELETE FROM role_set_roles WHERE set_id = ? AND role_id = ?");

/* POST /rights/catalogue/roles/# — catalogue.manage, CSRF, a recent login. In: name_nl, name_en, on_request,
 * right (repeated; only rights of the role's scope), set (the role sets that hold it). Every holder has the new
 * rights on their next request (the catalogue version changes); taken out of a set, the role is taken from its
 * holders in every customer that may no longer use it, each audited there. The core admin role keeps the right
 * to manage colleagues, so no customer is left without an admin (409). Audited old -> new. Out: 303; 404; 422. */
int cat_role_save(struct portal_req *r)
{
	const struct portal_role *ro = portal_role_by_id(r->path_id);
	if (!ro)
		return portal_error(r, 404, "Err.not_found");
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, portal_printf(r, "/rights/catalogue/roles/%lld", (long long)ro->id));
	const char *invalid = portal_invalid(r);
	if (invalid)
		return cat_role_page(r, 422, ro, invalid);
	size_t nw;
	bool bad;
	const struct portal_right **want = wanted_rights(r, ro->kind, &nw, &bad);
	if (bad)
		return cat_role_page(r, 422, ro, "Catalogue.bad_right");
	uint64_t sets;
	if (!wanted_sets(r, &sets) || (sets && !strcmp(ro->kind, "vendor")))
		return cat_role_page(r, 422, ro, "Catalogue.bad_set");
	if (ro->core && portal_role_has_right(ro, "users.manage")) {   /* the admin every customer has */
		bool keeps = false;
		for (size_t i = 0; i < nw; i++)
			keeps |= !strcmp(want[i]->key, "users.manage");
		if (!keeps)
			return cat_role_page(r, 409, ro, "Catalogue.admin_keeps");
	}
	const struct portal_catalogue *cat = portal_catalogue();
	struct portal_buf added = { 0 }, removed = { 0 };
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	int64_t role_id = ro->id;
	bool on_request = r->in[CF_ON_REQUEST].present && strcmp(ro->kind, "vendor");
	rc = portal_exec(r, &sql_role_update, NULL, "ssii", r->in[CF_NAME_NL].s, r->in[CF_NAME_EN].s, (int64_t)on_request, role_id);
	for (size_t i = 0; i < nw && rc == PORTAL_OK; i++)
		if (!portal_role_has_right(ro, want[i]->key)) {
			rc = portal_exec(r, &sql_role_right_add, NULL, "ii", role_id, want[i]->id);
			portal_buf_addf(&added, "%s%s", added.len ? ", " : "", want[i]->key);
		}
	for (size_t j = 0; j < ro->nrights && rc == PORTAL_OK; j++) {
		const struct portal_right *x = &cat->rights[ro->rights[j]];
		if (!in_rights(want, nw, x->id)) {
			rc = portal_exec(r, &sql_role_right_del, NULL, "ii", role_id, x->id);
			portal_buf_addf(&removed, "%s%s", removed.len ? ", " : "", x->key);
		}
	}
	/* the role sets: a role taken out of one is taken from its holders wherever it is no longer usable */
	struct portal_buf in = { 0 }, out = { 0 };
	for (size_t i = 0; i < cat->nsets && rc == PORTAL_OK; i++) {
		uint64_t bit = (uint64_t)1 << i;
		if ((sets & bit) && !(ro->sets & bit)) {
			rc = portal_exec(r, &sql_set_role_add, NULL, "ii", cat->sets[i].id, role_id);
			portal_buf_addf(&in, "%s%s", in.len ? ", " : "", cat->sets[i].key);
		} else if (!(sets & bit) && (ro->sets & bit)) {
			rc = portal_exec(r, &sql_set_role_del, NULL, "ii", cat->sets[i].id, role_id);
			portal_buf_addf(&out, "%s%s", out.len ? ", " : "", cat->sets[i].key);
		}
	}
	uint64_t taken = 0;
	if (rc == PORTAL_OK && out.len)
		rc = portal_roles_strip_unusable(r, 0, role_id, portal_printf(r, "taken out of role set %s by the vendor",
			out.len ? portal_buf_str(&out) : "-"), &taken);
	const char *detail = portal_printf(r, "role %s: names \"%s\" / \"%s\" (were \"%s\" / \"%s\"); on request %d -> %d;"
		" rights added: %s; removed: %s; in role sets: %s; out of: %s; grants taken: %llu", ro->key, r->in[CF_NAME_NL].s,
		r->in[CF_NAME_EN].s, ro->name[PORTAL_NL], ro->name[PORTAL_EN], ro->on_request, on_request,
		added.len ? portal_buf_str(&added) : "none", removed.len ? portal_buf_str(&removed) : "none",
		in.len ? portal_buf_str(&in) : "none", out.len ? portal_buf_str(&out) : "none", (unsigned long long)taken);
	portal_buf_free(&added);
	portal_buf_free(&removed);
	portal_buf_free(&in);
	portal_buf_free(&out);
	if (rc != PORTAL_OK || (rc = portal_audit(r, "catalogue_changed", r->sess.org_id, 0, detail)) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, portal_printf(r, "/rights/catalogue/roles/%lld?m=saved", (long long)role_id));
}

PORTAL_SQL(sql_role_insert, 0,
	"INSERT INTO roles (rkey, kind, on_request, name_nl, name_en, sort_order)"
	" SELECT ?, ?, ?, ?, ?, COALESCE(MAX(sort_order), 0) + 1 FROM roles");

/* POST /rights/catalogue/roles — catalogue.manage, CSRF, a recent login. In: key (a-z, 0-9, _), kind, the
 * names, on_request, right, set (the role sets to put it in), once (the same form again goes to the role it made, DI-02). Out: 303 to the
 * role; 409 a key in use; 422. */
int cat_role_new(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/rights/catalogue");
	const char *invalid = portal_invalid(r);
	if (invalid)
		return catalogue_page(r, 422, invalid);
	const char *key = r->in[NF_KEY].s, *kind = kinds[r->in[NF_KIND].i], *once = r->in[NF_ONCE].s;
	int seen = portal_once_seen(r, once);   /* this form made the role before (a double click, a retry) */
	if (seen)
		return seen;
	if (!key_ok(key))
		return catalogue_page(r, 422, "Catalogue.bad_key");
	const struct portal_catalogue *cat = portal_catalogue();
	for (size_t i = 0; i < cat->nroles; i++)
		if (!strcmp(cat->roles[i].key, key))
			return catalogue_page(r, 409, "Catalogue.key_used");
	size_t nw;
	bool bad;
	const struct portal_right **want = wanted_rights(r, kind, &nw, &bad);
	if (bad)
		return catalogue_page(r, 422, "Catalogue.bad_right");
	uint64_t sets;
	if (!wanted_sets(r, &sets) || (sets && !strcmp(kind, "vendor")))
		return catalogue_page(r, 422, "Catalogue.bad_set");
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	bool on_request = r->in[CF_ON_REQUEST].present && strcmp(kind, "vendor");
	struct portal_wrote w;
	rc = portal_exec(r, &sql_role_insert, &w, "ssiss", key, kind, (int64_t)on_request, r->in[CF_NAME_NL].s, r->in[CF_NAME_EN].s);
	int64_t id = rc == PORTAL_OK ? w.id : 0;
	for (size_t i = 0; i < nw && rc == PORTAL_OK; i++)
		rc = portal_exec(r, &sql_role_right_add, NULL, "ii", id, want[i]->id);
	for (size_t i = 0; i < cat->nsets && rc == PORTAL_OK; i++)
		if (sets & (uint64_t)1 << i)
			rc = portal_exec(r, &sql_set_role_add, NULL, "ii", cat->sets[i].id, id);
	const char *done = portal_printf(r, "/rights/catalogue/roles/%lld?m=created", (long long)id);
	if (rc == PORTAL_OK && (rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);   /* a copy of this form committed first */
	if (rc != PORTAL_OK || (rc = portal_audit(r, "catalogue_changed", r->sess.org_id, 0,
		     portal_printf(r, "role %s (%s) created with %zu rights", key, kind, nw))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		if (rc == PORTAL_ERR_DUP && (seen = portal_once_seen(r, once)))
			return seen;   /* the key taken by a copy of this form that committed first */
		return rc == PORTAL_ERR_DUP ? catalogue_page(r, 409, "Catalogue.key_used") : 503;
	}
	return portal_redirect(r, done);
}
