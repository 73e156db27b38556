/* rights.c: Rollen en rechten (/rights): a colleague's roles, granted and revoked by an admin, and in plain
 * words what the colleague may do and which role gives it.
 *  - GET  /rights           users.view: the roles the organisation may use, with their number of holders;
 *  - GET  /rights/roles/#   users.view: a role's rights and who in the organisation holds it;
 *  - GET  /rights/users/#  users.view: the colleague's roles and rights;
 *  - POST /rights/users/#  users.manage: the roles to hold. Only roles whose every right the admin holds may
 *    be granted (ACC-04); the change needs a login of at most 15 minutes ago (SES-07); the last active admin
 *    cannot be demoted (ACC-04, 409); one transaction with the organisation's row locked; audited old -> new;
 *    it counts from the colleague's very next request (ACC-06).
 * Which roles an organisation may use: organisation roles and profiles, on-request roles once the vendor
 * activated them (org_roles). Dossier profiles and the vendor's catalogue are not changed here. */
#include <string.h>

#include "portal.h"

enum { F_ROLE };
static const struct portal_field roles_fields[] = {
	{ "role", PF_IDS, 0, 0, 100, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const char *const notices[] = { "saved", NULL };
enum { VF_M };
static const struct portal_field view_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

struct person {
	int64_t id;
	const char *name, *status, *role_ids;
};

/* The colleague of the path, in the session's organisation only (ACC-01). */
static enum portal_err person_get(struct portal_req *r, enum portal_stmt st, struct person *p)
{
	memset(p, 0, sizeof *p);
	enum portal_err rc = portal_db_row(r, st, "ii", r->path_id, r->sess.org_id);
	if (rc != PORTAL_OK)
		return rc;
	p->id = portal_db_int(st, 0);
	p->name = portal_full_name(r, portal_db_str(st, 2), portal_db_str(st, 3), portal_db_str(st, 4));
	p->status = portal_strdup(r, portal_db_str(st, 7));
	p->role_ids = portal_strdup(r, portal_db_str(st, 12));
	return PORTAL_OK;
}

static bool holds(const struct portal_role **roles, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (roles[i]->id == id)
			return true;
	return false;
}

static bool any_admin(const struct portal_role **roles, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (portal_role_has_right(roles[i], "users.manage"))
			return true;
	return false;
}

static int page(struct portal_req *r, int status, const struct person *p, const char *error_key)
{
	const struct portal_catalogue *cat = portal_catalogue();
	const struct portal_role **held;
	size_t nheld = portal_roles_parse(r, p->role_ids, &held);
	portal_set_int(r, "Page.u.id", p->id);
	portal_set(r, "Page.u.name", p->name);
	bool manage = portal_has_right(r, "users.manage");
	portal_set_int(r, "Page.manage", manage);
	void *list = portal_node(r, NULL, "Page.roles");
	for (size_t i = 0, k = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		bool has = holds(held, nheld, ro->id);
		if ((strcmp(ro->kind, "org") || !portal_role_available(r, ro)) && !has)
			continue;   /* only the roles this organisation may use, and whatever the colleague holds */
		void *x = portal_node_i(r, list, k++);
		portal_nset_int(r, x, "id", ro->id);
		portal_nset(r, x, "name", ro->name[r->lang]);
		if (has)
			portal_nset(r, x, "held", "1");
		/* a role the admin may not grant, or one not of the organisation (a dossier profile): shown, fixed */
		if (!manage || !portal_may_grant(r, ro) || strcmp(ro->kind, "org")) {
			portal_nset(r, x, "fixed", "1");
			if (has && !strcmp(ro->kind, "org"))
				portal_nset(r, x, "keep", "1");   /* held, not grantable by this admin: sent as it is */
		}
	}
	/* what the colleague may do, and which role gives it */
	void *rights = portal_node(r, NULL, "Page.rights");
	for (size_t j = 0, k = 0; j < cat->nrights; j++) {
		struct portal_buf why = { 0 };
		for (size_t i = 0; i < nheld; i++)
			if (portal_role_has_right(held[i], cat->rights[j].key))
				portal_buf_addf(&why, "%s%s", why.len ? ", " : "", held[i]->name[r->lang]);
		if (why.len) {
			void *x = portal_node_i(r, rights, k++);
			portal_nset(r, x, "label", cat->rights[j].label[r->lang]);
			portal_nset(r, x, "scope", cat->rights[j].scope);
			portal_nset(r, x, "why", portal_buf_str(&why));
		}
		portal_buf_free(&why);
	}
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	return portal_render(r, status, "rights_user.cs");
}

/* GET /rights/users/# — users.view. In: m. Out: 200; 404 unknown or another organisation's colleague. */
static int view(struct portal_req *r)
{
	struct person p;
	enum portal_err rc = person_get(r, ST_USER_GET, &p);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	if (r->in[VF_M].valid && r->in[VF_M].s)
		portal_set_text(r, "Page.notice", "Rights.saved");
	return page(r, 200, &p, NULL);
}

/* POST /rights/users/# — users.manage, CSRF, a login ≤ 15 minutes old. In: role (the organisation roles
 * to hold, repeated). Out: 303 back; 403 stale login or a role the admin may not grant; 404; 409 the last
 * active admin would lose the admin role. Roles of other kinds the colleague holds are kept. */
static int save(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, portal_printf(r, "/rights/users/%lld", (long long)r->path_id));
	const struct portal_value *want = &r->in[F_ROLE];
	if (!want->valid)
		return portal_error(r, 400, want->err);
	enum portal_err rc;
	struct person p;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_row(r, ST_ORG_LOCK, "i", r->sess.org_id)) != PORTAL_OK)
		goto fail;
	if ((rc = person_get(r, ST_USER_GET_LOCK, &p)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? portal_error(r, 404, "Err.not_found") : 503;
	}
	const struct portal_role **held;
	size_t nheld = portal_roles_parse(r, p.role_ids, &held);
	/* the wanted set: organisation roles only; everything else the colleague holds stays */
	const struct portal_role **after = portal_alloc(r, (nheld + want->nids + 1) * sizeof *after);
	size_t nafter = 0;
	for (size_t i = 0; i < nheld; i++)
		if (strcmp(held[i]->kind, "org"))
			after[nafter++] = held[i];
	for (size_t i = 0; i < want->nids; i++) {
		const struct portal_role *ro = portal_role_by_id(want->ids[i]);
		if (!ro || strcmp(ro->kind, "org") || (!holds(held, nheld, ro->id) && !portal_may_grant(r, ro))) {
			portal_db_rollback(r);
			return page(r, 403, &p, "Users.role_not_grantable");
		}
		after[nafter++] = ro;
	}
	/* the last active admin keeps an admin role (ACC-04) */
	if (!strcmp(p.status, "active") && any_admin(held, nheld) && !any_admin(after, nafter)) {
		if ((rc = portal_db_row(r, ST_ORG_ADMINS_OTHER, "ii", r->sess.org_id, p.id)) != PORTAL_OK)
			goto fail;
		if (portal_db_int(ST_ORG_ADMINS_OTHER, 0) == 0) {
			portal_db_rollback(r);
			return page(r, 409, &p, "Rights.last_admin");
		}
	}
	struct portal_buf granted = { 0 }, revoked = { 0 };
	for (size_t i = 0; i < nafter && rc == PORTAL_OK; i++)
		if (!holds(held, nheld, after[i]->id)) {
			rc = portal_db_exec(r, ST_USER_ROLE_ADD, "iiii", p.id, after[i]->id, r->sess.user_id, r->now);
			portal_buf_addf(&granted, "%s%s", granted.len ? ", " : "", after[i]->key);
		}
	for (size_t i = 0; i < nheld && rc == PORTAL_OK; i++)
		if (!holds(after, nafter, held[i]->id)) {
			rc = portal_db_exec(r, ST_USER_ROLE_DEL, "ii", p.id, held[i]->id);
			portal_buf_addf(&revoked, "%s%s", revoked.len ? ", " : "", held[i]->key);
		}
	const char *detail = portal_printf(r, "granted: %s; revoked: %s", granted.len ? portal_buf_str(&granted) : "none",
		revoked.len ? portal_buf_str(&revoked) : "none");
	bool changed = granted.len || revoked.len;
	portal_buf_free(&granted);
	portal_buf_free(&revoked);
	if (rc != PORTAL_OK || (changed && (rc = portal_audit(r, "roles_changed", r->sess.org_id, p.id, detail)) != PORTAL_OK) ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, portal_printf(r, "/rights/users/%lld?m=saved", (long long)p.id));
fail:
	portal_db_rollback(r);
	return rc == PORTAL_ERR_DB_DOWN ? 503 : 500;
}

/* GET /rights — users.view. The roles the organisation may use, each with its number of holders, and the
 * roles the vendor can activate on request. Out: 200. */
static int index_page(struct portal_req *r)
{
	const struct portal_catalogue *cat = portal_catalogue();
	int64_t *counts = portal_alloc(r, (cat->nroles + 1) * sizeof *counts);
	if (portal_db_exec(r, ST_ROLE_COUNTS, "i", r->sess.org_id) != PORTAL_OK)
		return 503;
	int f;
	while ((f = portal_db_fetch(r, ST_ROLE_COUNTS)) == 1)
		for (size_t i = 0; i < cat->nroles; i++)
			if (cat->roles[i].id == portal_db_int(ST_ROLE_COUNTS, 0))
				counts[i] = portal_db_int(ST_ROLE_COUNTS, 1);
	if (f < 0)
		return 503;
	void *avail = portal_node(r, NULL, "Page.roles"), *asks = portal_node(r, NULL, "Page.on_request");
	for (size_t i = 0, a = 0, q = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		bool ok = portal_role_available(r, ro);
		if (!ok && !(ro->on_request && (!strcmp(ro->kind, "org") || !strcmp(ro->kind, "profile"))) && !counts[i])
			continue;
		void *x = portal_node_i(r, ok || counts[i] ? avail : asks, ok || counts[i] ? a++ : q++);
		portal_nset_int(r, x, "id", ro->id);
		portal_nset(r, x, "name", ro->name[r->lang]);
		portal_nset_int(r, x, "holders", counts[i]);
		portal_nset(r, x, "kind", ro->kind);
	}
	return portal_render(r, 200, "rights_index.cs");
}

/* GET /rights/roles/# — users.view. A role: the rights it gives, and who in the organisation holds it.
 * Out: 200; 404 an unknown role or one of the vendor's. */
static int role_page(struct portal_req *r)
{
	const struct portal_role *ro = portal_role_by_id(r->path_id);
	if (!ro || !strcmp(ro->kind, "vendor"))
		return portal_error(r, 404, "Err.not_found");
	const struct portal_catalogue *cat = portal_catalogue();
	portal_set_int(r, "Page.role.id", ro->id);
	portal_set(r, "Page.role.name", ro->name[r->lang]);
	portal_set_int(r, "Page.role.available", portal_role_available(r, ro));
	void *rights = portal_node(r, NULL, "Page.role.rights");
	for (size_t j = 0; j < ro->nrights; j++)
		portal_nset_at(r, rights, j, cat->rights[ro->rights[j]].label[r->lang]);
	if (portal_db_exec(r, ST_ROLE_HOLDERS, "ii", r->sess.org_id, ro->id) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.holders");
	size_t n = 0;
	int f;
	while ((f = portal_db_fetch(r, ST_ROLE_HOLDERS)) == 1) {
		void *x = portal_node_i(r, list, n++);
		portal_nset_int(r, x, "id", portal_db_int(ST_ROLE_HOLDERS, 0));
		portal_nset(r, x, "name", portal_full_name(r, portal_db_str(ST_ROLE_HOLDERS, 1), portal_db_str(ST_ROLE_HOLDERS, 2),
			portal_db_str(ST_ROLE_HOLDERS, 3)));
		portal_nset(r, x, "email", portal_db_str(ST_ROLE_HOLDERS, 4));
		portal_nset(r, x, "status", portal_text(r, portal_printf(r, "Users.st_%s", portal_db_str(ST_ROLE_HOLDERS, 5))));
	}
	if (f < 0)
		return 503;
	return portal_render(r, 200, "rights_role.cs");
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_RIGHT("GET", "/rights", "users.view", index_page, NULL),
	PORTAL_ROUTE_RIGHT("GET", "/rights/roles/#", "users.view", role_page, NULL),
	PORTAL_ROUTE_RIGHT("GET", "/rights/users/#", "users.view", view, view_fields),
	PORTAL_ROUTE_RIGHT("POST", "/rights/users/#", "users.manage", save, roles_fields),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "rights_user.cs", "rights_index.cs", "rights_role.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "rights", routes, templates };
	return portal_main(argc, argv, &prog);
}
