/* users.c: Gebruikersbeheer (/users): an organisation's admins manage their colleagues.
 * users.view: the overview (search, filters, sort, keyset pages; all in the query string) with the holiday
 * checklist (document 000), and a colleague's page. users.manage: add a colleague (an invitation by
 * e-mail, never a password), edit, disable, enable, remove, re-send the invitation, send a reset link,
 * end their sessions. Every query is keyed by the session's organisation: another organisation's id is
 * a 404 like a missing one (ACC-01). The last active admin cannot be disabled or removed (ACC-04, 409).
 * Every change writes an audit row with the old and new values. */
#include "users.h"

static const char *const statuses[] = { "invited", "active", "disabled", NULL };
const char *const sorts[] = { "name", "email", "login", NULL };
static const char *const checks[] = { "mobile", NULL };
static const char *const notices[] = { "added", "saved", "disabled", "enabled", "removed", "invited", "reset",
	"sessions", "imported", "unlocked", "totp", NULL };
const char *const langs[] = { "nl", "en", NULL };

static const struct portal_field list_fields[] = {
	[LF_Q] = { "q", PF_LINE, 0, 0, 100, NULL },
	[LF_ROLE] = { "role", PF_INT, 0, 1, 1000000000, NULL },
	[LF_STATUS] = { "status", PF_ENUM, 0, 0, 0, statuses },
	[LF_SORT] = { "sort", PF_ENUM, 0, 0, 0, sorts },
	[LF_CHECK] = { "check", PF_ENUM, 0, 0, 0, checks },
	[LF_AK] = { "ak", PF_LINE, 0, 0, 300, NULL },
	[LF_AI] = { "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	[LF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field new_fields[] = {
	[NF_GIVEN] = { "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	[NF_PREFIX] = { "name_prefix", PF_LINE, 0, 0, 30, NULL },
	[NF_FAMILY] = { "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	[NF_EMAIL] = { "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL },
	[NF_MOBILE] = { "mobile", PF_PHONE, 0, 0, 0, NULL },
	[NF_LANG] = { "lang", PF_ENUM, 0, 0, 0, langs },
	[NF_ROLE] = { "role", PF_IDS, 0, 0, 100, NULL },
	[NF_ONCE] = { "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	[NF_PROFILE] = { "profile", PF_INT, 0, 0, INT64_MAX, NULL },   /* a dossier profile of the set (document 003), 0: none */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* no expert flag: the vendor certifies experts (document 001; orgs.c), a tenant's field for it is refused (400) */
static const struct portal_field edit_fields[] = {
	[EF_GIVEN] = { "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	[EF_PREFIX] = { "name_prefix", PF_LINE, 0, 0, 30, NULL },
	[EF_FAMILY] = { "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	[EF_EMAIL] = { "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL },
	[EF_MOBILE] = { "mobile", PF_PHONE, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const char *const bulk_actions[] = { "disable", "invite", "remove", NULL };
const char *const one[] = { "1", NULL };

static const struct portal_field bulk_fields[] = {
	[BF_ID] = { "id", PF_IDS, PF_REQUIRED, 0, 50, NULL },
	[BF_ACTION] = { "action", PF_ENUM, PF_REQUIRED, 0, 0, bulk_actions },
	[BF_CONFIRM] = { "confirm", PF_ENUM, 0, 0, 0, one },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field import_fields[] = {
	[IF_CSV] = { "csv", PF_TEXT, PF_REQUIRED, 0, 300000, NULL },
	[IF_CONFIRM] = { "confirm", PF_ENUM, 0, 0, 0, one },
	[IF_ONCE] = { "once", PF_DIGITS, 0, 32, 32, NULL },   /* the confirming form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field view_fields[] = {
	[VF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};


/* ---- shared helpers ---- */

/* Does any of these roles make its holder an admin (users.manage)? */
bool roles_admin(struct portal_req *r, const char *role_ids)
{
	const struct portal_role **roles;
	size_t n = portal_roles_parse(r, role_ids, &roles);
	for (size_t i = 0; i < n; i++)
		if (portal_role_has_right(roles[i], "users.manage"))
			return true;
	return false;
}

/* Does a role list hold a quota-limited role (Incidentenbeheer, documents 001/004)? */
bool roles_quota(struct portal_req *r, const char *role_ids)
{
	const struct portal_role **roles;
	size_t n = portal_roles_parse(r, role_ids, &roles);
	for (size_t i = 0; i < n; i++)
		if (portal_role_quota_limited(roles[i]))
			return true;
	return false;
}

/* In the transaction: room for `more` counted holders of the quota-limited role? (ACC-05) */
enum portal_err quota_room(struct portal_req *r, int64_t except_user, int64_t more, bool *room,
	struct portal_quota *q)
{
	enum portal_err rc = portal_quota_lock(r, r->sess.org_id, except_user, q);
	*room = rc == PORTAL_OK && q->used + more <= q->max;
	return rc;
}

/* A refused grant is audited (LOG-02), after the rollback so that the row stays. */
void quota_refused(struct portal_req *r, int64_t user_id, const struct portal_quota *q)
{
	portal_set_int(r, "Page.quota_link", 1);   /* the refusal links to the quota page */
	portal_audit(r, "quota_refused", r->sess.org_id, user_id, portal_printf(r, "Incidentenbeheer: %lld of %lld in use",
		(long long)q->used, (long long)q->max));
}

/* A colleague's roles by name, those the organisation may use (a role outside its set gives nothing). */
static void set_roles_node(struct portal_req *r, void *node, const char *role_ids)
{
	const struct portal_role **roles;
	size_t n = portal_roles_parse(r, role_ids, &roles);
	for (size_t i = 0, k = 0; i < n; i++)
		if (portal_role_available(r, roles[i]))
			portal_nset_at(r, node, k++, roles[i]->name[r->lang]);
}

/* "Medewerker, Klantbeeld": a row's roles as one text in the user's language */
const char *roles_text(struct portal_req *r, const char *role_ids)
{
	const struct portal_role **roles;
	size_t n = portal_roles_parse(r, role_ids, &roles);
	if (n == 0)
		return "";
	size_t total = 2 * (n - 1);
	for (size_t i = 0; i < n; i++)
		total += strlen(roles[i]->name[r->lang]);
	char *s = portal_alloc(r, total + 1), *p = s;   /* once per row: copied, not formatted */
	for (size_t i = 0; i < n; i++) {
		if (i)
			*p++ = ',', *p++ = ' ';
		size_t k = strlen(roles[i]->name[r->lang]);
		memcpy(p, roles[i]->name[r->lang], k);
		p += k;
	}
	*p = '\0';
	return s;
}

void set_roles(struct portal_req *r, const char *prefix, const char *role_ids)
{
	set_roles_node(r, portal_node(r, NULL, prefix), role_ids);
}

void set_notice(struct portal_req *r, const struct portal_value *m)
{
	if (m->valid && m->s)
		portal_set_text(r, "Page.notice", portal_printf(r, "Users.notice_%s", m->s));
}

/* A role id of a form or filter that the organisation may use (its set, ACC-04). */
bool usable_role(struct portal_req *r, int64_t id)
{
	const struct portal_role *ro = portal_role_by_id(id);
	return ro && portal_role_available(r, ro);
}


PORTAL_PROGRAM("users", ("users_list.cs", "users_new.cs", "users_view.cs", "users_remove.cs",
	"users_bulk.cs", "users_import.cs"),
	PORTAL_ROUTE_RIGHT("GET", "/users", "users.view", list, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("GET", "/users/export", "users.view", export_csv, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/users/bulk", "users.manage", bulk, bulk_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("GET", "/users/import", "users.manage", import_show, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("POST", "/users/import", "users.manage", import, import_fields, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("GET", "/users/new", "users.manage", new_show, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("POST", "/users/new", "users.manage", new_submit, new_fields, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("GET", "/users/#", "users.view", view, view_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/users/#", "users.manage", edit, edit_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/disable", "users.manage", action, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/enable", "users.manage", action, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("GET", "/users/#/remove", "users.manage", remove_confirm, NULL, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/remove", "users.manage", action, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/invite", "users.manage", action, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/reset", "users.manage", action, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/sessions", "users.manage", action, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/unlock", "users.manage", action, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/totp", "users.manage", action, NULL, PORTAL_RF_IDENTITY)
)
