/* user.c: a colleague's roles (granted and revoked by an admin, the quota and the last admin kept) and, in
 * words, what each role lets them do, with the dossiers they are in. */
#include "rights.h"

#define DOSSIERS_PAGE 50

/* the dossiers a colleague is assigned to, with their modules (the rights page's "where"), a page by name
 * after the keyset (name, id) when one is given; params user, org, ak, ak, ak, ai, limit */
enum { UD_ID, UD_NAME, UD_MODULES, UD__N };
PORTAL_SQL(sql_user_dossiers, UD__N,
	"SELECT d.id, d.name, d.modules FROM dossier_users du JOIN dossiers d ON d.id = du.dossier_id"
	" WHERE du.user_id = ? AND d.org_id = ? AND (? IS NULL OR d.name > ? OR (d.name = ? AND d.id > ?))"
	" ORDER BY d.name, d.id LIMIT ?");

/* The organisation roles of the organisation's set, each with what it allows in words; a role the session may not
 * grant (the admin roles for the support desk) is shown fixed and kept as it is. */
static void set_roles(struct portal_req *r, const struct portal_role **held, size_t nheld, bool manage)
{
	const struct portal_catalogue *cat = portal_catalogue();
	void *list = portal_node(r, NULL, "Page.roles");
	for (size_t i = 0, k = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		bool has = holds(held, nheld, ro->id);
		if (strcmp(ro->kind, "org") || !portal_role_available(r, ro))
			continue;
		void *x = portal_node_i(r, list, k++);
		portal_nset_int(r, x, "id", ro->id);
		portal_nset(r, x, "name", ro->name[r->lang]);
		portal_nset(r, x, "what", role_words(r, ro));
		if (has)
			portal_nset(r, x, "held", "1");
		if (!manage || !portal_may_grant(r, ro)) {
			portal_nset(r, x, "fixed", "1");
			if (has && manage)
				portal_nset(r, x, "keep", "1");   /* held, not grantable here: sent as it is */
		}
	}
}

/* What the colleague may do in the organisation, and which role gives it (a profile's rights count only inside a
 * dossier: set_dossier_rights). */
static void set_rights(struct portal_req *r, const struct portal_role **held, size_t nheld)
{
	const struct portal_catalogue *cat = portal_catalogue();
	void *rights = portal_node(r, NULL, "Page.rights");
	for (size_t j = 0, k = 0; j < cat->nrights; j++) {
		if (!strcmp(cat->rights[j].scope, "dossier"))
			continue;
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
}

/* What the profile gives in a dossier of these modules: each right, and the module that caps it when off. */
static void set_dossier_rights(struct portal_req *r, void *rl, const struct portal_role *prof, const char *mods)
{
	const struct portal_catalogue *cat = portal_catalogue();
	for (size_t j = 0, k = 0; prof && j < prof->nrights; j++) {
		const struct portal_right *x = &cat->rights[prof->rights[j]];
		if (strcmp(x->scope, "dossier"))
			continue;
		void *n = portal_node_i(r, rl, k++);
		portal_nset(r, n, "label", x->label[r->lang]);
		if (*x->module && !portal_module_on(mods, x->module))
			portal_nset(r, n, "capped", portal_text(r, portal_printf(r, "Dossiers.mod_%s", x->module)));
	}
}

/* The colleague's page; ak/ai: the keyset of the dossiers' page to show (NULL: the first). */
int page(struct portal_req *r, int status, const struct portal_colleague *p, const char *error_key, const char *ak,
	int64_t ai)
{
	const struct portal_role **held;
	size_t nheld = usable_held(r, p->role_ids, &held);
	portal_set_int(r, "Page.u.id", p->id);
	portal_set(r, "Page.u.name", p->name);
	bool manage = portal_has_right(r, "users.manage");
	portal_set_int(r, "Page.manage", manage);
	portal_set_int(r, "Page.quota_usable", portal_quota_role_usable(r));
	set_roles(r, held, nheld, manage);
	set_rights(r, held, nheld);
	/* where: the dossiers the colleague is assigned to, and what the profile gives in each, capped by the
	 * dossier's modules (document 003) */
	const struct portal_role *prof = NULL;
	for (size_t i = 0; i < nheld && !prof; i++)
		if (!strcmp(held[i]->kind, "profile"))
			prof = held[i];
	if (prof)
		portal_set(r, "Page.profile", prof->name[r->lang]);
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_user_dossiers, "iisssIi", p->id, r->sess.org_id, ak, ak, ak, ai,
		    (int64_t)(DOSSIERS_PAGE + 1)) != PORTAL_OK)
		return 503;
	struct portal_list page = { .pg.size = DOSSIERS_PAGE, .list = portal_node(r, NULL, "Page.dossiers"), .id_col = UD_ID };
	const char *last_name = NULL;
	while (portal_list_next(r, q, &page)) {
		void *d = page.item;
		last_name = portal_strdup(r, portal_col(q, UD_NAME));
		portal_nset(r, d, "name", last_name);
		set_dossier_rights(r, portal_node(r, d, "rights"), prof, portal_col(q, UD_MODULES));
	}
	if (page.failed)
		return 503;
	portal_keyset_links(r, portal_printf(r, "/rights/users/%lld", (long long)p->id), ak != NULL, page.pg.more, last_name, page.last,
		"#h-where");
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	return portal_render(r, status, "rights_user.cs");
}

/* GET /rights/users/# — users.view. In: m. Out: 200; 404 unknown or another organisation's colleague. */
int view(struct portal_req *r)
{
	struct portal_colleague p;
	enum portal_err rc = portal_colleague_get(r, r->path_id, PORTAL_COLLEAGUE_READ, &p);
	if (rc != PORTAL_OK)
		return portal_failed(r, rc);
	for (int i = VF_AK; i <= VF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	if (r->in[VF_M].valid && r->in[VF_M].s)
		portal_set_text(r, "Page.notice", "Rights.saved");
	const char *ak = r->in[VF_AK].s && r->in[VF_AI].s ? r->in[VF_AK].s : NULL;
	return page(r, 200, &p, NULL, ak, ak ? r->in[VF_AI].i : 0);
}

/* The colleague's roles after the form: the organisation roles it names, everything else they hold kept. NULL, or
 * why the form may not be saved: a role outside the set, or one the session may not give or take (the admin roles,
 * for the support desk, stay as they are). */
static const char *wanted_roles(struct portal_req *r, const struct portal_role **held, size_t nheld,
	const struct portal_value *want, const struct portal_role ***out, size_t *nout)
{
	const struct portal_role **after = portal_alloc(r, (nheld + want->nids + 1) * sizeof *after);
	size_t nafter = 0;
	for (size_t i = 0; i < nheld; i++)
		if (strcmp(held[i]->kind, "org"))
			after[nafter++] = held[i];
	for (size_t i = 0; i < want->nids; i++) {
		const struct portal_role *ro = portal_role_by_id(want->ids[i]);
		if (!ro || !portal_role_available(r, ro) || strcmp(ro->kind, "org") ||
		    (!holds(held, nheld, ro->id) && !portal_may_grant(r, ro)))
			return ro && portal_role_available(r, ro) && !strcmp(ro->kind, "org") ? "Users.role_not_grantable"
				: "Users.role_not_in_set";
		after[nafter++] = ro;
	}
	for (size_t i = 0; i < nheld; i++)
		if (!strcmp(held[i]->kind, "org") && portal_role_available(r, held[i]) && !portal_may_grant(r, held[i]) &&
		    !holds(after, nafter, held[i]->id))
			return "Users.role_not_grantable";
	*out = after;
	*nout = nafter;
	return NULL;
}

/* The grants and revocations from held to after; *detail says which for the audit row, *changed whether any. */
static enum portal_err change_roles(struct portal_req *r, int64_t user_id, const struct portal_role **held,
	size_t nheld, const struct portal_role **after, size_t nafter, const char **detail, bool *changed)
{
	enum portal_err rc = PORTAL_OK;
	struct portal_buf granted = { 0 }, revoked = { 0 };
	for (size_t i = 0; i < nafter && rc == PORTAL_OK; i++)
		if (!holds(held, nheld, after[i]->id)) {
			rc = portal_role_grant(r, user_id, after[i]->id);
			portal_buf_addf(&granted, "%s%s", granted.len ? ", " : "", after[i]->key);
		}
	for (size_t i = 0; i < nheld && rc == PORTAL_OK; i++)
		if (!holds(after, nafter, held[i]->id)) {
			rc = portal_role_revoke(r, user_id, held[i]->id);
			portal_buf_addf(&revoked, "%s%s", revoked.len ? ", " : "", held[i]->key);
		}
	*detail = portal_printf(r, "granted: %s; revoked: %s", granted.len ? portal_buf_str(&granted) : "none",
		revoked.len ? portal_buf_str(&revoked) : "none");
	*changed = granted.len || revoked.len;
	portal_buf_free(&granted);
	portal_buf_free(&revoked);
	return rc;
}

/* POST /rights/users/# — users.manage, CSRF, a login ≤ 15 minutes old. In: role (the organisation roles
 * to hold, repeated: any of the organisation's set, ACC-04). Out: 303 back; 403 a role outside the set, one
 * the session may not grant (the support desk: the admin roles) or a stale login (a redirect to log in again);
 * 404; 409 the quota is full, or the last active admin would lose the admin role. Roles of other kinds the
 * colleague holds are kept; organisation roles outside the set (they give nothing) are dropped. */
int save(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, portal_printf(r, "/rights/users/%lld", (long long)r->path_id));
	const struct portal_value *want = &r->in[F_ROLE];
	if (!want->valid)
		return portal_error(r, 400, want->err);
	enum portal_err rc;
	struct portal_colleague p;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_org_lock(r, r->sess.org_id)) != PORTAL_OK)
		return portal_failed(r, rc);
	if ((rc = portal_colleague_get(r, r->path_id, PORTAL_COLLEAGUE_LOCK, &p)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (!portal_support_may_change(r, p.role_ids)) {   /* the support desk leaves the admins alone */
		portal_db_rollback(r);
		return page(r, 403, &p, "Support.not_admins", NULL, 0);
	}
	const struct portal_role **held;
	size_t nheld = portal_roles_parse(r, p.role_ids, &held);
	const struct portal_role **after;
	size_t nafter;
	const char *refusal = wanted_roles(r, held, nheld, want, &after, &nafter);
	if (refusal) {
		portal_db_rollback(r);
		return page(r, 403, &p, refusal, NULL, 0);
	}
	/* the incident-submitter quota, checked with the organisation's row locked (ACC-05): only when the colleague
	 * becomes a counted holder (not a certified expert, not disabled) */
	bool had_quota = false, gets_quota = false;
	for (size_t i = 0; i < nheld; i++)
		had_quota |= portal_role_quota_limited(held[i]);
	for (size_t i = 0; i < nafter; i++)
		gets_quota |= portal_role_quota_limited(after[i]);
	if (gets_quota && !had_quota && !p.expert && strcmp(p.status, "disabled")) {
		struct portal_quota q;
		if ((rc = portal_quota_lock(r, r->sess.org_id, p.id, &q)) != PORTAL_OK)
			return portal_failed(r, rc);
		if (q.used + 1 > q.max) {
			portal_db_rollback(r);
			portal_audit(r, "quota_refused", r->sess.org_id, p.id, portal_printf(r, "Incidentenbeheer: %lld of %lld in use",
				(long long)q.used, (long long)q.max));
			portal_set(r, "Page.error", portal_quota_message(r, &q));
			portal_set_int(r, "Page.quota_link", 1);
			return page(r, 409, &p, NULL, NULL, 0);
		}
	}
	/* the last active admin keeps an admin role (ACC-04) */
	if (!strcmp(p.status, "active") && any_admin(held, nheld) && !any_admin(after, nafter)) {
		int64_t others;
		if ((rc = portal_org_admins(r, r->sess.org_id, p.id, &others)) != PORTAL_OK)
			return portal_failed(r, rc);
		if (others == 0) {
			portal_db_rollback(r);
			return page(r, 409, &p, "Rights.last_admin", NULL, 0);
		}
	}
	const char *detail;
	bool changed;
	rc = change_roles(r, p.id, held, nheld, after, nafter, &detail, &changed);
	if (rc != PORTAL_OK || (changed && (rc = portal_audit(r, "roles_changed", r->sess.org_id, p.id, detail)) != PORTAL_OK))
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, portal_printf(r, "/rights/users/%lld?m=saved", (long long)p.id));
}
