/* dossier.c: one dossier: its overview (what the user can do in it and why), its settings (name, responsible
 * person, modules), who is assigned to it and each one's profile. */
#include "dossiers.h"

/* ---- one dossier ---- */

PORTAL_SQL_SHARED(sql_dossier_get, DS__N, DOSSIER_COLS " WHERE d.id = ? AND d.org_id = ?");
PORTAL_SQL_SHARED(sql_member, MB__N,
	"SELECT u.id, u.given_name, u.email, u.lang, u.status FROM dossier_users du JOIN users u ON u.id = du.user_id"
	" WHERE du.dossier_id = ? AND du.user_id = ? AND u.org_id = ? AND u.status <> 'removed'");
PORTAL_SQL_SHARED(sql_assign, 0,
	"INSERT IGNORE INTO dossier_users (dossier_id, user_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)");

/* The dossier's own row (the authorisation query already found it in the organisation) into the page; *row
 * (when not NULL) gets it. */
enum portal_err dossier_load(struct portal_req *r, struct portal_rows **row)
{
	struct portal_rows *st;
	enum portal_err rc = portal_query_row(r, &st, &sql_dossier_get, "ii", r->sess.dossier.id, r->sess.org_id);
	if (rc != PORTAL_OK)
		return rc;
	if (row)
		*row = st;
	portal_set_int(r, "Page.d.id", portal_col_int(st, DS_ID));
	portal_set(r, "Page.d.name", portal_col(st, DS_NAME));
	portal_set_int(r, "Page.d.responsible_id", portal_col_int(st, DS_RESP_ID));
	const char *resp = person(r, st, DS_RESP_GIVEN);
	if (resp) {
		portal_set(r, "Page.d.responsible", resp);
		portal_set(r, "Page.d.responsible_email", portal_col(st, DS_RESP_EMAIL));
	}
	portal_set_int(r, "Page.d.members", portal_col_int(st, DS_MEMBERS));
	set_modules(r, portal_node(r, NULL, "Page.d.modules"), r->sess.dossier.modules);
	/* the sections the user may open here, for the navigation */
	static const char *const sections[][2] = {
		{ "documents", "documents.deliver" }, { "archive", "archive.view" }, { "reports", "reports.view" },
		{ "payments", "payments.use" }, { "finance", "finance.view" }, { "settings", "dossier.settings" },
	};
	void *nav = portal_node(r, NULL, "Page.nav");
	size_t k = 0;
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (portal_has_dossier_right(r, sections[i][1])) {
			void *x = portal_node_i(r, nav, k++);
			portal_nset(r, x, "key", sections[i][0]);
			portal_nset(r, x, "label", portal_text(r, portal_printf(r, "Dossiers.sec_%s", sections[i][0])));
		}
	return PORTAL_OK;
}

int dossier_render(struct portal_req *r, int status, const char *section, const char *error_key)
{
	portal_set(r, "Page.section", section);
	return dossiers_render(r, status, error_key, "dossier.cs");
}

/* GET /dossiers/# — visible. Out: 200 with what the user may do here and why (profile, capped by modules). */
int overview(struct portal_req *r)
{
	if (dossier_load(r, NULL) != PORTAL_OK)
		return 503;
	const struct portal_catalogue *cat = portal_catalogue();
	const struct portal_role *prof = r->sess.profile;
	portal_set_int(r, "Page.assigned", r->sess.dossier.assigned);
	if (prof)
		portal_set(r, "Page.profile", prof->name[r->lang]);
	void *why = portal_node(r, NULL, "Page.why");
	size_t k = 0;
	/* each dossier right: held here, held but switched off by the dossier's modules, or not in the profile */
	for (size_t i = 0; i < cat->nrights; i++) {
		const struct portal_right *x = &cat->rights[i];
		if (strcmp(x->scope, "dossier"))
			continue;
		bool in_profile = r->sess.dossier.assigned && prof && portal_role_has_right(prof, x->key);
		bool held = portal_has_dossier_right(r, x->key);
		void *n = portal_node_i(r, why, k++);
		portal_nset(r, n, "label", x->label[r->lang]);
		if (held && in_profile)
			portal_nset(r, n, "how", portal_fill(r, portal_text(r, "Dossiers.why_profile"), "profile", prof->name[r->lang], NULL));
		else if (held)
			portal_nset(r, n, "how", portal_text(r, "Dossiers.why_manage"));
		else if (in_profile)
			portal_nset(r, n, "how", portal_fill(r, portal_text(r, "Dossiers.why_capped"), "module",
				portal_text(r, portal_printf(r, "Dossiers.mod_%s", x->module)), NULL));
		else
			portal_nset(r, n, "how", portal_text(r, "Dossiers.why_not"));
		portal_nset_int(r, n, "held", held);
	}
	return dossier_render(r, 200, "overview", NULL);
}

/* ---- settings ---- */

/* a dossier's members by name, a page after the cursor (name_key, id), and whether any member (on any page)
 * has a profile with dossier.settings: an Administrator (document 003). The subquery has no reference to
 * the row, so it runs once. Parameters: the organisation and the dossier (the subquery), the dossier, the
 * organisation, the cursor's name three times, its id, the limit. */
enum { DM_ID, DM_GIVEN, DM_PREFIX, DM_FAMILY, DM_EMAIL, DM_STATUS, DM_ROLE_IDS, DM_NAME_KEY, DM_HAS_ADMIN, DM__N };
PORTAL_SQL(sql_members, DM__N,
	"SELECT u.id, u.given_name, u.name_prefix, u.family_name, u.email, u.status, u.role_ids, u.name_key,"
	" EXISTS (SELECT 1 FROM dossier_users da JOIN users ua ON ua.id = da.user_id AND ua.org_id = ?"
	" AND ua.status <> 'removed' JOIN user_roles ur ON ur.user_id = ua.id"
	" JOIN roles ro ON ro.id = ur.role_id AND ro.kind = 'profile' JOIN role_rights rr ON rr.role_id = ro.id"
	" JOIN rights ri ON ri.id = rr.right_id AND ri.rkey = 'dossier.settings' WHERE da.dossier_id = ?)"
	" FROM dossier_users du JOIN users u ON u.id = du.user_id"
	" WHERE du.dossier_id = ? AND u.org_id = ? AND u.status <> 'removed'"
	" AND (? IS NULL OR u.name_key > ? OR (u.name_key = ? AND u.id > ?)) ORDER BY u.name_key, u.id LIMIT ?");

/* The settings: name, responsible, modules, members (MEMBER_PAGE a page); who: the pickers' search; get: r->in
 * holds the page's query (the search, the members' cursor), else a refused form's fields and the page is the
 * first, unsearched. */
static int settings_view(struct portal_req *r, int status, const char *error_key, const char *who, bool get)
{
	struct portal_rows *d;
	if (dossier_load(r, &d) != PORTAL_OK)
		return 503;
	int64_t responsible = portal_col_null(d, DS_RESP_GIVEN) ? 0 : portal_col_int(d, DS_RESP_ID);   /* not removed */
	bool manage = portal_has_right(r, "dossiers.manage");
	portal_set_int(r, "Page.manage", manage);
	/* the responsible person's picker, and the assign picker: only colleagues not in the dossier yet */
	if (people(r, who, responsible, 0, "Page.people") != PORTAL_OK ||
	    people(r, who, 0, r->sess.dossier.id, "Page.assignable") != PORTAL_OK)
		return 503;
	const char *ak = get ? r->in[LF_AK].s : NULL;
	int64_t ai = get && r->in[LF_AI].s ? r->in[LF_AI].i : 0;
	if (!ak || !ai)
		ak = NULL, ai = 0;
	struct portal_rows *st;
	if (portal_query(r, &st, &sql_members, "iiiisssIi", r->sess.org_id, r->sess.dossier.id, r->sess.dossier.id, r->sess.org_id,
		ak, ak, ak, ai, (int64_t)(MEMBER_PAGE + 1)) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.members");
	int f;
	size_t n = 0;
	bool more = false, admin = ak != NULL;   /* a page past the last shows no rows, and no warning */
	const char *last_key = NULL;
	int64_t last_id = 0;
	while ((f = portal_next(st)) == 1) {
		admin = portal_col_int(st, DM_HAS_ADMIN) != 0;
		if (n == MEMBER_PAGE) {
			more = true;
			continue;
		}
		last_key = portal_strdup(r, portal_col(st, DM_NAME_KEY));
		last_id = portal_col_int(st, DM_ID);
		void *x = portal_node_i(r, list, n++);
		portal_nset_int(r, x, "id", portal_col_int(st, DM_ID));
		portal_nset(r, x, "name", person(r, st, DM_GIVEN));
		portal_nset(r, x, "email", portal_col(st, DM_EMAIL));
		portal_nset(r, x, "status", portal_text(r, portal_printf(r, "Users.st_%s", portal_col(st, DM_STATUS))));
		const struct portal_role **roles;
		size_t nr = portal_roles_parse(r, portal_col(st, DM_ROLE_IDS), &roles);
		for (size_t i = 0; i < nr; i++)
			if (!strcmp(roles[i]->kind, "profile")) {
				portal_nset_int(r, x, "profile_id", roles[i]->id);
				portal_nset(r, x, "profile", roles[i]->name[r->lang]);
				break;
			}
	}
	if (f < 0)
		return 503;
	/* document 003: ideally at least one Administrator per dossier */
	portal_set_int(r, "Page.no_admin", !admin);
	portal_keyset_links(r, dossier_url(r, "/settings"), ak != NULL, more, last_key, last_id, "#h-members");
	if (manage) {
		const struct portal_catalogue *cat = portal_catalogue();
		void *pl = portal_node(r, NULL, "Page.profiles");
		size_t k = 0;
		for (size_t i = 0; i < cat->nroles; i++)
			if (!strcmp(cat->roles[i].kind, "profile") && portal_role_available(r, &cat->roles[i])) {
				void *x = portal_node_i(r, pl, k++);
				portal_nset_int(r, x, "id", cat->roles[i].id);
				portal_nset(r, x, "name", cat->roles[i].name[r->lang]);
				if (!strcmp(cat->roles[i].key, DEFAULT_PROFILE))
					portal_nset(r, x, "default", "1");
			}
	}
	return dossier_render(r, status, "settings", error_key);
}

static int settings_page(struct portal_req *r, int status, const char *error_key)
{
	return settings_view(r, status, error_key, NULL, false);
}

/* GET /dossiers/#/settings — dossier.settings. In: m, who (the pickers' search), ak + ai (the members' cursor:
 * the last name key and id shown). Out: 200; 400 a bad search or cursor. */
int settings(struct portal_req *r)
{
	for (int i = LF_WHO; i <= LF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	return settings_view(r, 200, NULL, r->in[LF_WHO].s, true);
}

PORTAL_SQL(sql_dossier_update, 0,
	"UPDATE dossiers SET name = ?, responsible_id = ? WHERE id = ? AND org_id = ?");

PORTAL_SQL(sql_dossier_set_modules, 0,
	"UPDATE dossiers SET modules = ? WHERE id = ? AND org_id = ?");

/* POST /dossiers/#/settings — dossier.settings, CSRF. In: name, responsible; the modules only with
 * dossiers.manage (a dossier Administrator cannot widen the dossier's own cap: 403). Out: 303; 422. */
int settings_save(struct portal_req *r)
{
	bool manage = portal_has_right(r, "dossiers.manage");
	for (size_t i = 0; new_fields[i].name; i++) {
		if (!r->in[i].valid)
			return settings_page(r, 422, r->in[i].err);
		if (i >= NF_MOD0 && i < NF_ONCE && r->in[i].present && !manage)
			return portal_error(r, 403, "Dossiers.modules_manage");
	}
	int64_t resp = r->in[NF_RESP].present ? r->in[NF_RESP].i : 0;
	/* a new responsible person is an active or invited colleague; the current one (say disabled) may stay */
	struct portal_rows *st;
	if (resp && !colleague_ok(r, resp, NULL) &&
	    !(portal_query_row(r, &st, &sql_dossier_get, "ii", r->sess.dossier.id, r->sess.org_id) == PORTAL_OK &&
	      portal_col_int(st, DS_RESP_ID) == resp && !portal_col_null(st, DS_RESP_GIVEN)))
		return settings_page(r, 422, "Dossiers.bad_person");
	const char *mods = manage ? modules_from(r, NF_MOD0) : r->sess.dossier.modules;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_exec(r, &sql_dossier_update, NULL, "sIii", r->in[NF_NAME].s, resp, r->sess.dossier.id,
		     r->sess.org_id)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (manage && (rc = portal_exec(r, &sql_dossier_set_modules, NULL, "sii", mods, r->sess.dossier.id, r->sess.org_id)) != PORTAL_OK)
		return portal_failed(r, rc);
	if ((rc = portal_audit(r, "dossier_changed", r->sess.org_id, 0,
		     portal_printf(r, "dossier %lld: name \"%s\", responsible %lld, modules %s -> %s", (long long)r->sess.dossier.id,
			     r->in[NF_NAME].s, (long long)resp, r->sess.dossier.modules && *r->sess.dossier.modules ? r->sess.dossier.modules : "none",
			     *mods ? mods : "none"))) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, dossier_url(r, "/settings?m=saved"));
}

/* POST /dossiers/#/assign — dossier.settings, CSRF. In: user (an active or invited colleague). Out: 303; 422. */
int assign(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return settings_page(r, 422, bad);
	int64_t uid = r->in[AS_USER].i, pid = r->in[AS_PROFILE].present ? r->in[AS_PROFILE].i : 0;
	if (!colleague_ok(r, uid, NULL))
		return settings_page(r, 422, "Dossiers.bad_person");
	const struct portal_role *want = pid ? portal_role_by_id(pid) : NULL;
	if (pid && (!want || strcmp(want->kind, "profile")))
		return settings_page(r, 422, "Dossiers.bad_profile");
	if (want && !portal_role_available(r, want))   /* a profile outside the organisation's set (ACC-04) */
		return settings_page(r, 403, "Users.role_not_in_set");
	/* a profile counts in all the colleague's dossiers: the organisation's admins give it, recently logged in */
	if (want && !portal_has_right(r, "dossiers.manage"))
		return portal_error(r, 403, "Dossiers.profile_manage");
	if (want && !portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, dossier_url(r, "/settings"));
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_wrote w;
	if ((rc = portal_exec(r, &sql_assign, &w, "iiii", r->sess.dossier.id, uid, r->sess.user_id, r->now)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (w.rows == 1 &&
	    (rc = portal_audit(r, "dossier_user_assigned", r->sess.org_id, uid,
		     portal_printf(r, "dossier %lld", (long long)r->sess.dossier.id))) != PORTAL_OK)
		return portal_failed(r, rc);
	if (want) {   /* only one who has no profile gets one here; changing one is the members' own form */
		struct portal_colleague c;
		if ((rc = portal_colleague_get(r, uid, PORTAL_COLLEAGUE_LOCK, &c)) != PORTAL_OK)
			return portal_failed(r, rc);
		const struct portal_role **held;
		size_t nheld = portal_roles_parse(r, c.role_ids, &held);
		bool has = false;
		for (size_t i = 0; i < nheld; i++)
			has |= !strcmp(held[i]->kind, "profile");
		if (!has && ((rc = portal_role_grant(r, uid, want->id)) != PORTAL_OK ||
			     (rc = portal_audit(r, "profile_set", r->sess.org_id, uid, portal_printf(r, "profile - -> %s (all dossiers;"
				      " given on assignment to dossier %lld)", want->key, (long long)r->sess.dossier.id))) != PORTAL_OK))
			return portal_failed(r, rc);
	}
	return portal_done(r, PORTAL_OK, dossier_url(r, "/settings?m=assigned"));
}

PORTAL_SQL(sql_unassign, 0,
	"DELETE FROM dossier_users WHERE dossier_id = ? AND user_id = ?");

/* POST /dossiers/#/unassign — dossier.settings, CSRF. In: user (assigned). Out: 303; 404 not assigned. The
 * user loses the dossier on their very next request (ACC-06). */
int unassign(struct portal_req *r)
{
	if (!r->in[UF_USER].valid)
		return settings_page(r, 422, r->in[UF_USER].err);
	int64_t uid = r->in[UF_USER].i;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_rows *q;
	if ((rc = portal_query_row(r, &q, &sql_member, "iii", r->sess.dossier.id, uid, r->sess.org_id)) != PORTAL_OK)
		return portal_failed(r, rc);
	if ((rc = portal_exec(r, &sql_unassign, NULL, "ii", r->sess.dossier.id, uid)) != PORTAL_OK ||
	    (rc = portal_audit(r, "dossier_user_unassigned", r->sess.org_id, uid,
		     portal_printf(r, "dossier %lld", (long long)r->sess.dossier.id))) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, dossier_url(r, "/settings?m=unassigned"));
}

/* POST /dossiers/#/profile — dossier.settings and dossiers.manage, CSRF, a login ≤ 15 minutes old (SES-07).
 * In: user (assigned to this dossier), profile (a profile role id, 0 for none). The profile is one for all
 * the user's dossiers (document 003): the old one is replaced everywhere, in one transaction with the user's
 * row locked; audited old -> new. Out: 303; 403 without dossiers.manage; 404; 422 not a profile. */
int profile_save(struct portal_req *r)
{
	if (!portal_has_right(r, "dossiers.manage"))
		return portal_error(r, 403, "Dossiers.profile_manage");
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, dossier_url(r, "/settings"));
	const char *bad = portal_invalid(r);
	if (bad)
		return settings_page(r, 422, bad);
	int64_t uid = r->in[PF_USER_].i, pid = r->in[PF_PROFILE].i;
	const struct portal_role *want = pid ? portal_role_by_id(pid) : NULL;
	if (pid && (!want || strcmp(want->kind, "profile")))
		return settings_page(r, 422, "Dossiers.bad_profile");
	if (want && !portal_role_available(r, want))   /* a profile outside the organisation's set (ACC-04) */
		return settings_page(r, 403, "Users.role_not_in_set");
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_colleague c;
	struct portal_rows *q;
	if ((rc = portal_query_row(r, &q, &sql_member, "iii", r->sess.dossier.id, uid, r->sess.org_id)) != PORTAL_OK ||
	    (rc = portal_colleague_get(r, uid, PORTAL_COLLEAGUE_LOCK, &c)) != PORTAL_OK)
		return portal_failed(r, rc);
	const struct portal_role **held;
	size_t nheld = portal_roles_parse(r, c.role_ids, &held);
	const char *old = "-";
	bool same = false;
	for (size_t i = 0; i < nheld; i++) {
		if (strcmp(held[i]->kind, "profile"))
			continue;
		old = held[i]->key;
		if (want && held[i]->id == want->id) {
			same = true;
			continue;
		}
		if ((rc = portal_role_revoke(r, uid, held[i]->id)) != PORTAL_OK)
			return portal_failed(r, rc);
	}
	if (want && !same &&
	    (rc = portal_role_grant(r, uid, want->id)) != PORTAL_OK)
		return portal_failed(r, rc);
	rc = portal_audit(r, "profile_set", r->sess.org_id, uid,
		portal_printf(r, "profile %s -> %s (all dossiers; set in dossier %lld)", old, want ? want->key : "-",
		(long long)r->sess.dossier.id));
	return portal_done(r, rc, dossier_url(r, "/settings?m=profile"));
}
