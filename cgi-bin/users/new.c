/* new.c: adding a colleague: the form (roles of the organisation's set, a dossier profile) and the invitation. */
#include "users.h"

/* ---- adding a colleague ---- */

PORTAL_SQL_SHARED(sql_email_holder, EH__N,
	"SELECT given_name, name_prefix, family_name FROM users WHERE org_id = ? AND email_here = ?");

/* The 409 of an address a colleague of this organisation has: it names them (inside one's own organisation
 * that tells nothing new). An address with an account elsewhere is never a 409 here: see portal_send_invite. */
const char *email_holder(struct portal_req *r, const char *email)
{
	struct portal_rows *q;
	if (portal_query_row(r, &q, &sql_email_holder, "is", r->sess.org_id, email) != PORTAL_OK)
		return portal_text(r, "Users.email_taken");
	return portal_fill(r, portal_text(r, "Users.email_taken_by"), "name", portal_full_name(r,
		portal_col(q, EH_GIVEN), portal_col(q, EH_PREFIX), portal_col(q, EH_FAMILY)),
		NULL);
}

static void new_form_roles(struct portal_req *r, const struct portal_value *chosen)
{
	const struct portal_catalogue *cat = portal_catalogue();
	for (size_t i = 0, k = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		if (!portal_may_grant(r, ro))
			continue;
		const char *p = portal_printf(r, "Page.roles.%zu", k++);
		portal_set_int(r, portal_printf(r, "%s.id", p), ro->id);
		portal_set(r, portal_printf(r, "%s.name", p), ro->name[r->lang]);
		for (size_t j = 0; chosen && j < chosen->nids; j++)
			if (chosen->ids[j] == ro->id)
				portal_set_int(r, portal_printf(r, "%s.checked", p), 1);
	}
}

/* The dossier profiles of the organisation's set, Administrator chosen unless the form chose another (document
 * 003: "Daarom is het ook de standaard-instelling"); none where the set has no profiles. */
static void new_form_profiles(struct portal_req *r, const struct portal_value *chosen)
{
	if (!portal_has_right(r, "dossiers.manage"))
		return;
	const struct portal_catalogue *cat = portal_catalogue();
	void *l = NULL;
	for (size_t i = 0, k = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		if (strcmp(ro->kind, "profile") || !portal_role_available(r, ro))
			continue;
		if (!l)
			l = portal_node(r, NULL, "Page.profiles");
		void *x = portal_node_i(r, l, k++);
		portal_nset_int(r, x, "id", ro->id);
		portal_nset(r, x, "name", ro->name[r->lang]);
		if (chosen && chosen->present ? chosen->i == ro->id : !strcmp(ro->key, "profile_administrator"))
			portal_nset(r, x, "checked", "1");
	}
}

static int new_form(struct portal_req *r, int status, const char *error_key, const char *field)
{
	new_form_roles(r, r->in ? &r->in[NF_ROLE] : NULL);
	new_form_profiles(r, r->in ? &r->in[NF_PROFILE] : NULL);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	if (field)
		portal_set(r, "Page.error_field", field);
	static const char *const names[] = { "given_name", "name_prefix", "family_name", "email", "mobile", "lang" };
	if (r->in)
		for (int i = NF_GIVEN; i <= NF_LANG; i++)
			if (r->in[i].s || r->in[i].typed)   /* as typed, also when refused */
				portal_set(r, portal_printf(r, "Page.v.%s", names[i]), r->in[i].s ? r->in[i].s : r->in[i].typed);
	portal_set(r, "Page.once", portal_once_token(r));
	return portal_render(r, status, "users_new.cs");
}

/* GET /users/new — users.manage. Out: 200 form; 303 to re-authentication when the login is older than
 * 15 minutes (granting roles, SES-07). */
int new_show(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/users/new");
	r->in = NULL;
	return new_form(r, 200, NULL, NULL);
}

/* The roles of the form the admin may give: 0, or the form again with why not (403). */
static int roles_refused(struct portal_req *r, const struct portal_value *roles)
{
	for (size_t i = 0; i < roles->nids; i++) {
		const struct portal_role *ro = portal_role_by_id(roles->ids[i]);
		if (!ro || !portal_may_grant(r, ro))
			return new_form(r, 403, ro && portal_role_available(r, ro) ? "Users.role_not_grantable"
				: "Users.role_not_in_set", "role");
	}
	return 0;
}

/* The new colleague's roles and dossier profile (for every dossier they will be assigned to); *granted says which,
 * for the audit row. */
static enum portal_err grant_roles(struct portal_req *r, int64_t id, const struct portal_value *roles,
	const struct portal_role *prof, const char **granted)
{
	struct portal_buf b = { 0 };
	enum portal_err rc = PORTAL_OK;
	for (size_t i = 0; i < roles->nids && rc == PORTAL_OK; i++)
		if ((rc = portal_role_grant(r, id, roles->ids[i])) == PORTAL_OK)
			portal_buf_addf(&b, "%s%s", b.len ? ", " : "", portal_role_by_id(roles->ids[i])->key);
	if (rc == PORTAL_OK && prof && (rc = portal_role_grant(r, id, prof->id)) == PORTAL_OK)
		portal_buf_addf(&b, "%sprofile %s", b.len ? ", " : "", prof->key);
	*granted = portal_strdup(r, b.len ? portal_buf_str(&b) : "none");
	portal_buf_free(&b);
	return rc;
}

/* POST /users/new — users.manage, CSRF. In: given_name, name_prefix, family_name, email, mobile, lang,
 * role (ids, repeated), profile (a dossier profile of the set, with dossiers.manage), once (the same form again: 303 to the colleague it added, DI-02).
 * Out: 303 to the new colleague's page with an invitation in the mail outbox;
 * 403 stale login (SES-07) or a role the admin may not grant (ACC-04); 409 e-mail address in use;
 * 422 invalid input (the reason next to the field). */
int new_submit(struct portal_req *r)
{
	static const char *const names[] = { "given_name", "name_prefix", "family_name", "email", "mobile", "lang",
		"role", "once", "profile" };
	for (int i = NF_GIVEN; i <= NF_PROFILE; i++)
		if (!r->in[i].valid)
			return new_form(r, 422, r->in[i].err, names[i]);
	const struct portal_role *prof = r->in[NF_PROFILE].i ? portal_role_by_id(r->in[NF_PROFILE].i) : NULL;
	if (r->in[NF_PROFILE].i && (!prof || strcmp(prof->kind, "profile") || !portal_role_available(r, prof) ||
				    !portal_has_right(r, "dossiers.manage")))
		return new_form(r, 403, "Users.role_not_in_set", "profile");
	const char *once = r->in[NF_ONCE].s;
	int seen = portal_once_seen(r, once);   /* this form added the colleague before (a double click, a retry) */
	if (seen)
		return seen;
	const struct portal_value *roles = &r->in[NF_ROLE];
	if (roles->nids && !portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_error(r, 403, "Err.reauth");
	int refused = roles_refused(r, roles);
	if (refused)
		return refused;
	const char *lang = r->in[NF_LANG].s ? r->in[NF_LANG].s : portal_lang_code(r->lang);
	const char *given = r->in[NF_GIVEN].s, *prefix = r->in[NF_PREFIX].s ? r->in[NF_PREFIX].s : "";
	const char *family = r->in[NF_FAMILY].s, *email = r->in[NF_EMAIL].s, *mobile = r->in[NF_MOBILE].s;

	bool quota_role = false;
	for (size_t i = 0; i < roles->nids; i++)
		quota_role |= portal_role_quota_limited(portal_role_by_id(roles->ids[i]));
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if (quota_role) {
		struct portal_quota q;
		bool room;
		if ((rc = quota_room(r, 0, 1, &room, &q)) != PORTAL_OK)
			return portal_failed(r, rc);
		if (!room) {
			portal_db_rollback(r);
			quota_refused(r, 0, &q);
			return new_form(r, 409, "Quota.full", "role");
		}
	}
	int64_t id;
	struct portal_new_colleague nc = { email, given, prefix, family, mobile, lang };
	rc = portal_colleague_insert(r, r->sess.org_id, &nc, &id);
	if (rc == PORTAL_ERR_DUP) {   /* a colleague here has the address: made by a copy of this form that committed first? */
		portal_db_rollback(r);
		if ((seen = portal_once_seen(r, once)))
			return seen;
		portal_set(r, "Page.error", email_holder(r, email));
		return new_form(r, 409, NULL, "email");
	}
	if (rc != PORTAL_OK)
		return portal_failed(r, rc);
	const char *done = portal_printf(r, "/users/%lld?m=added", (long long)id);
	if ((rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);
	if (rc != PORTAL_OK)
		return portal_failed(r, rc);
	const char *granted;
	if ((rc = grant_roles(r, id, roles, prof, &granted)) != PORTAL_OK)
		return portal_failed(r, rc);
	struct portal_person who = { id, r->sess.org_id, email, given, lang, r->sess.org_name };
	const char *detail = portal_printf(r, "added %s <%s>, mobile %s, roles: %s; invitation sent",
		portal_full_name(r, given, prefix, family), email, mobile ? portal_mask_phone(r, mobile) : "none", granted);
	if ((rc = portal_send_invite(r, &who)) != PORTAL_OK ||
	    (rc = portal_audit(r, "user_added", r->sess.org_id, id, detail)) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, done);
}
