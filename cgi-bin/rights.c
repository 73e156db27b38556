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
 * activated them (org_roles). The colleague's page also says where: per dossier they are in, what their
 * profile gives there and what the dossier's modules switch off. Profiles are set in the dossiers program.
 * The vendor's side (catalogue.manage): /rights/catalogue lists the global catalogue (roles and role sets);
 * /rights/catalogue/roles/# edits a role (names, rights of its kind's scope only, on request, the role sets that
 * hold it); POST /rights/catalogue/roles adds one. Taking a role out of a set takes it from its holders in every
 * customer that may no longer use it. Which sets and single roles a customer uses is set on /orgs/#. Each change
 * needs a recent login, is audited, and counts from the next request. */
#include <string.h>

#include "portal.h"
#include "site.h"

enum { F_ROLE };
static const struct portal_field roles_fields[] = {
	{ "role", PF_IDS, 0, 0, 100, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const char *const notices[] = { "saved", NULL };
enum { VF_M, VF_AK, VF_AI };
static const struct portal_field view_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ "ak", PF_LINE, 0, 0, 200, NULL },   /* the dossiers' keyset: the last name and id of the page before */
	{ "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

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

/* The roles of a colleague's list that the organisation may use: a role outside its set gives nothing there. */
static size_t usable_held(struct portal_req *r, const char *role_ids, const struct portal_role ***out)
{
	size_t n = portal_roles_parse(r, role_ids, out), k = 0;
	for (size_t i = 0; i < n; i++)
		if (portal_role_available(r, (*out)[i]))
			(*out)[k++] = (*out)[i];
	return k;
}

/* What a role allows, in words: its rights' labels in the user's language ("Collega's inzien; ..."). */
static const char *role_words(struct portal_req *r, const struct portal_role *ro)
{
	const struct portal_catalogue *cat = portal_catalogue();
	struct portal_buf b = { 0 };
	for (size_t j = 0; j < ro->nrights; j++)
		portal_buf_addf(&b, "%s%s", b.len ? "; " : "", cat->rights[ro->rights[j]].label[r->lang]);
	const char *out = portal_strdup(r, b.len ? portal_buf_str(&b) : portal_text(r, "Rights.gives_nothing"));
	portal_buf_free(&b);
	return out;
}

#define DOSSIERS_PAGE 50

/* The colleague's page; ak/ai: the keyset of the dossiers' page to show (NULL: the first). */
static int page(struct portal_req *r, int status, const struct portal_colleague *p, const char *error_key, const char *ak,
	int64_t ai)
{
	const struct portal_catalogue *cat = portal_catalogue();
	const struct portal_role **held;
	size_t nheld = usable_held(r, p->role_ids, &held);
	portal_set_int(r, "Page.u.id", p->id);
	portal_set(r, "Page.u.name", p->name);
	bool manage = portal_has_right(r, "users.manage");
	portal_set_int(r, "Page.manage", manage);
	portal_set_int(r, "Page.quota_usable", portal_quota_role_usable(r));
	/* the organisation roles of the organisation's set, each with what it allows in words; a role the session
	 * may not grant (the admin roles for the support desk) is shown fixed and kept as it is */
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
	/* what the colleague may do, and which role gives it */
	void *rights = portal_node(r, NULL, "Page.rights");
	for (size_t j = 0, k = 0; j < cat->nrights; j++) {
		if (!strcmp(cat->rights[j].scope, "dossier"))
			continue;   /* a profile's rights count only inside a dossier: below */
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
	/* where: the dossiers the colleague is assigned to, and what the profile gives in each, capped by the
	 * dossier's modules (document 003) */
	const struct portal_role *prof = NULL;
	for (size_t i = 0; i < nheld && !prof; i++)
		if (!strcmp(held[i]->kind, "profile"))
			prof = held[i];
	if (prof)
		portal_set(r, "Page.profile", prof->name[r->lang]);
	if (portal_db_exec(r, ST_USER_DOSSIERS, "iisssIi", p->id, r->sess.org_id, ak, ak, ak, ai,
		    (int64_t)(DOSSIERS_PAGE + 1)) != PORTAL_OK)
		return 503;
	void *dl = portal_node(r, NULL, "Page.dossiers");
	int f;
	size_t nd = 0;
	bool more = false;
	const char *last_name = NULL;
	int64_t last_id = 0;
	while ((f = portal_db_fetch(r, ST_USER_DOSSIERS)) == 1) {
		if (nd == DOSSIERS_PAGE) {
			more = true;
			continue;
		}
		void *d = portal_node_i(r, dl, nd++);
		last_id = portal_db_int(ST_USER_DOSSIERS, 0);
		last_name = portal_strdup(r, portal_db_str(ST_USER_DOSSIERS, 1));
		portal_nset_int(r, d, "id", last_id);
		portal_nset(r, d, "name", last_name);
		const char *mods = portal_db_str(ST_USER_DOSSIERS, 2);
		void *rl = portal_node(r, d, "rights");
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
	if (f < 0)
		return 503;
	portal_keyset_links(r, portal_printf(r, "/rights/users/%lld", (long long)p->id), ak != NULL, more, last_name, last_id,
		"#h-where");
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	return portal_render(r, status, "rights_user.cs");
}

/* GET /rights/users/# — users.view. In: m. Out: 200; 404 unknown or another organisation's colleague. */
static int view(struct portal_req *r)
{
	struct portal_colleague p;
	enum portal_err rc = portal_colleague_get(r, r->path_id, PORTAL_COLLEAGUE_READ, &p);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	for (int i = VF_AK; i <= VF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	if (r->in[VF_M].valid && r->in[VF_M].s)
		portal_set_text(r, "Page.notice", "Rights.saved");
	const char *ak = r->in[VF_AK].s && r->in[VF_AI].s ? r->in[VF_AK].s : NULL;
	return page(r, 200, &p, NULL, ak, ak ? r->in[VF_AI].i : 0);
}

/* POST /rights/users/# — users.manage, CSRF, a login ≤ 15 minutes old. In: role (the organisation roles
 * to hold, repeated: any of the organisation's set, ACC-04). Out: 303 back; 403 a role outside the set, one
 * the session may not grant (the support desk: the admin roles) or a stale login (a redirect to log in again);
 * 404; 409 the quota is full, or the last active admin would lose the admin role. Roles of other kinds the
 * colleague holds are kept; organisation roles outside the set (they give nothing) are dropped. */
static int save(struct portal_req *r)
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
	if ((rc = portal_db_row(r, ST_ORG_LOCK, "i", r->sess.org_id)) != PORTAL_OK)
		goto fail;
	if ((rc = portal_colleague_get(r, r->path_id, PORTAL_COLLEAGUE_LOCK, &p)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? portal_error(r, 404, "Err.not_found") : 503;
	}
	if (!portal_support_may_change(r, p.role_ids)) {   /* the support desk leaves the admins alone */
		portal_db_rollback(r);
		return page(r, 403, &p, "Support.not_admins", NULL, 0);
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
		if (!ro || !portal_role_available(r, ro) || strcmp(ro->kind, "org") ||
		    (!holds(held, nheld, ro->id) && !portal_may_grant(r, ro))) {
			portal_db_rollback(r);
			return page(r, 403, &p, ro && portal_role_available(r, ro) && !strcmp(ro->kind, "org")
				? "Users.role_not_grantable" : "Users.role_not_in_set", NULL, 0);
		}
		after[nafter++] = ro;
	}
	/* a role the session may not grant or take (the admin roles, for the support desk) stays as it is */
	for (size_t i = 0; i < nheld; i++)
		if (!strcmp(held[i]->kind, "org") && portal_role_available(r, held[i]) && !portal_may_grant(r, held[i]) &&
		    !holds(after, nafter, held[i]->id)) {
			portal_db_rollback(r);
			return page(r, 403, &p, "Users.role_not_grantable", NULL, 0);
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
			goto fail;
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
			goto fail;
		if (others == 0) {
			portal_db_rollback(r);
			return page(r, 409, &p, "Rights.last_admin", NULL, 0);
		}
	}
	struct portal_buf granted = { 0 }, revoked = { 0 };
	for (size_t i = 0; i < nafter && rc == PORTAL_OK; i++)
		if (!holds(held, nheld, after[i]->id)) {
			rc = portal_role_grant(r, p.id, after[i]->id);
			portal_buf_addf(&granted, "%s%s", granted.len ? ", " : "", after[i]->key);
		}
	for (size_t i = 0; i < nheld && rc == PORTAL_OK; i++)
		if (!holds(after, nafter, held[i]->id)) {
			rc = portal_role_revoke(r, p.id, held[i]->id);
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

/* The number of holders of each role (by catalogue position) per organisation, kept in this process while
 * its colleagues and the catalogue stand (struct portal_org_memo): counting reads every grant of the
 * organisation (40,000 rows in bench/gen.sh's largest). One slot per organisation modulo 256. */
struct role_counts_slot {
	struct portal_org_memo memo;
	int64_t *counts;
	size_t n;
};
static struct role_counts_slot role_counts_cache[256];

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
	if (portal_db_exec(r, ST_ROLE_COUNTS, "i", r->sess.org_id) != PORTAL_OK)
		return NULL;
	int f;
	while ((f = portal_db_fetch(r, ST_ROLE_COUNTS)) == 1)
		for (size_t i = 0; i < cat->nroles; i++)
			if (cat->roles[i].id == portal_db_int(ST_ROLE_COUNTS, 0))
				c->counts[i] = portal_db_int(ST_ROLE_COUNTS, 1);
	if (f < 0)
		return NULL;
	portal_org_memo_stamp(r, &c->memo);
	return c->counts;
}

/* GET /rights — users.view. The roles the organisation may use (its set), each with what it allows and its
 * number of holders. Out: 200. */
static int index_page(struct portal_req *r)
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
static const struct portal_field holder_fields[] = {
	{ "ak", PF_LINE, 0, 0, 200, NULL },
	{ "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static int role_page(struct portal_req *r)
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
	const char *none = NULL;
	enum portal_stmt st = ST_USERS_LIST_NAME;
	if (portal_db_exec(r, st, "issssssIIisssii", r->sess.org_id, none, none, none, none, none, none, ro->id, ro->id,
		    (int64_t)0, ak, ak, ak, ai, (int64_t)(HOLDERS_PAGE + 1)) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.holders");
	size_t n = 0;
	const char *last_key = NULL;
	int64_t last_id = 0;
	bool more = false;
	int f;
	while ((f = portal_db_fetch(r, st)) == 1) {
		if (n == HOLDERS_PAGE) {
			more = true;
			continue;
		}
		void *x = portal_node_i(r, list, n++);
		last_id = portal_db_int(st, 0);
		last_key = portal_strdup(r, portal_db_str(st, 11));
		portal_nset_int(r, x, "id", last_id);
		portal_nset(r, x, "name", portal_full_name(r, portal_db_str(st, 1), portal_db_str(st, 2), portal_db_str(st, 3)));
		portal_nset(r, x, "email", portal_db_str(st, 4));
		portal_nset(r, x, "status", portal_text(r, portal_printf(r, "Users.st_%s", portal_db_str(st, 7))));
	}
	if (f < 0)
		return 503;
	portal_keyset_links(r, portal_printf(r, "/rights/roles/%lld", (long long)ro->id), ak != NULL, more, last_key, last_id,
		"#h-holders");
	return portal_render(r, 200, "rights_role.cs");
}

/* ---- the vendor's catalogue (catalogue.manage): roles, their rights, activations per organisation ---- */

static const char *const kinds[] = { "org", "profile", "vendor", NULL };
enum { CF_NAME_NL, CF_NAME_EN, CF_ON_REQUEST, CF_RIGHT, CF_SET };
static const struct portal_field cat_role_fields[] = {
	{ "name_nl", PF_LINE, PF_REQUIRED, 2, 100, NULL },
	{ "name_en", PF_LINE, PF_REQUIRED, 2, 100, NULL },
	{ "on_request", PF_ENUM, 0, 0, 0, (const char *const[]){ "1", NULL } },
	{ "right", PF_IDS, 0, 0, 200, NULL },
	{ "set", PF_IDS, 0, 0, PORTAL_MAX_SETS, NULL },   /* the role sets that hold the role */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { NF_KEY = 5, NF_KIND, NF_ONCE };
static const struct portal_field cat_new_fields[] = {
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
static const struct portal_field cat_view_fields[] = {
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

static void cat_notice(struct portal_req *r)
{
	const char *m = portal_kv_get(&r->query, "m");
	for (size_t i = 0; m && cat_notices[i]; i++)
		if (!strcmp(m, cat_notices[i]))
			portal_set_text(r, "Page.notice", portal_printf(r, "Catalogue.n_%s", m));
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
	portal_set(r, "Page.view", "index");
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	else
		cat_notice(r);
	portal_set(r, "Page.once", portal_once_token(r));   /* on the new-role form */
	return portal_render(r, status, "rights_catalogue.cs");
}

/* GET /rights/catalogue — catalogue.manage. The roles of every kind with the role sets that hold them, and the
 * form for a new role. Out: 200. */
static int catalogue(struct portal_req *r)
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
	portal_set(r, "Page.view", "role");
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	else
		cat_notice(r);
	return portal_render(r, status, "rights_catalogue.cs");
}

/* GET /rights/catalogue/roles/# — catalogue.manage: a role's names, rights (of its kind's scope), on request. */
static int cat_role(struct portal_req *r)
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

/* POST /rights/catalogue/roles/# — catalogue.manage, CSRF, a recent login. In: name_nl, name_en, on_request,
 * right (repeated; only rights of the role's scope), set (the role sets that hold it). Every holder has the new
 * rights on their next request (the catalogue version changes); taken out of a set, the role is taken from its
 * holders in every customer that may no longer use it, each audited there. The core admin role keeps the right
 * to manage colleagues, so no customer is left without an admin (409). Audited old -> new. Out: 303; 404; 422. */
static int cat_role_save(struct portal_req *r)
{
	const struct portal_role *ro = portal_role_by_id(r->path_id);
	if (!ro)
		return portal_error(r, 404, "Err.not_found");
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, portal_printf(r, "/rights/catalogue/roles/%lld", (long long)ro->id));
	for (size_t i = 0; cat_role_fields[i].name; i++)
		if (!r->in[i].valid)
			return cat_role_page(r, 422, ro, r->in[i].err);
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
	rc = portal_db_exec(r, ST_CAT_ROLE_UPDATE, "ssii", r->in[CF_NAME_NL].s, r->in[CF_NAME_EN].s, (int64_t)on_request, role_id);
	for (size_t i = 0; i < nw && rc == PORTAL_OK; i++)
		if (!portal_role_has_right(ro, want[i]->key)) {
			rc = portal_db_exec(r, ST_CAT_RR_ADD, "ii", role_id, want[i]->id);
			portal_buf_addf(&added, "%s%s", added.len ? ", " : "", want[i]->key);
		}
	for (size_t j = 0; j < ro->nrights && rc == PORTAL_OK; j++) {
		const struct portal_right *x = &cat->rights[ro->rights[j]];
		if (!in_rights(want, nw, x->id)) {
			rc = portal_db_exec(r, ST_CAT_RR_DEL, "ii", role_id, x->id);
			portal_buf_addf(&removed, "%s%s", removed.len ? ", " : "", x->key);
		}
	}
	/* the role sets: a role taken out of one is taken from its holders wherever it is no longer usable */
	struct portal_buf in = { 0 }, out = { 0 };
	for (size_t i = 0; i < cat->nsets && rc == PORTAL_OK; i++) {
		uint64_t bit = (uint64_t)1 << i;
		if ((sets & bit) && !(ro->sets & bit)) {
			rc = portal_db_exec(r, ST_SET_ROLE_ADD, "ii", cat->sets[i].id, role_id);
			portal_buf_addf(&in, "%s%s", in.len ? ", " : "", cat->sets[i].key);
		} else if (!(sets & bit) && (ro->sets & bit)) {
			rc = portal_db_exec(r, ST_SET_ROLE_DEL, "ii", cat->sets[i].id, role_id);
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
	if (rc != PORTAL_OK || (rc = portal_audit(r, "catalogue_changed", r->sess.org_id, 0, detail)) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		return 503;
	}
	return portal_redirect(r, portal_printf(r, "/rights/catalogue/roles/%lld?m=saved", (long long)role_id));
}

/* POST /rights/catalogue/roles — catalogue.manage, CSRF, a recent login. In: key (a-z, 0-9, _), kind, the
 * names, on_request, right, set (the role sets to put it in), once (the same form again goes to the role it made, DI-02). Out: 303 to the
 * role; 409 a key in use; 422. */
static int cat_role_new(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/rights/catalogue");
	for (size_t i = 0; cat_new_fields[i].name; i++)
		if (!r->in[i].valid)
			return catalogue_page(r, 422, r->in[i].err);
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
	rc = portal_db_exec(r, ST_CAT_ROLE_INSERT, "ssiss", key, kind, (int64_t)on_request, r->in[CF_NAME_NL].s, r->in[CF_NAME_EN].s);
	int64_t id = rc == PORTAL_OK ? portal_db_insert_id(ST_CAT_ROLE_INSERT) : 0;
	for (size_t i = 0; i < nw && rc == PORTAL_OK; i++)
		rc = portal_db_exec(r, ST_CAT_RR_ADD, "ii", id, want[i]->id);
	for (size_t i = 0; i < cat->nsets && rc == PORTAL_OK; i++)
		if (sets & (uint64_t)1 << i)
			rc = portal_db_exec(r, ST_SET_ROLE_ADD, "ii", cat->sets[i].id, id);
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

static const struct portal_route routes[] = {
	PORTAL_ROUTE_RIGHT("GET", "/rights", "users.view", index_page, NULL, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("GET", "/rights/roles/#", "users.view", role_page, holder_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("GET", "/rights/users/#", "users.view", view, view_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/rights/users/#", "users.manage", save, roles_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("GET", "/rights/catalogue", "catalogue.manage", catalogue, cat_view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/rights/catalogue/roles", "catalogue.manage", cat_role_new, cat_new_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("GET", "/rights/catalogue/roles/#", "catalogue.manage", cat_role, cat_view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/rights/catalogue/roles/#", "catalogue.manage", cat_role_save, cat_role_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "rights_user.cs", "rights_index.cs", "rights_role.cs", "rights_catalogue.cs",
	NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "rights", routes, templates, &site };
	return portal_main(argc, argv, &prog);
}
