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
#include "rights.h"

static const struct portal_field roles_fields[] = {
	[F_ROLE] = { "role", PF_IDS, 0, 0, 100, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const char *const notices[] = { "saved", NULL };
static const struct portal_field view_fields[] = {
	[VF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	[VF_AK] = { "ak", PF_LINE, 0, 0, 200, NULL },   /* the dossiers' keyset: the last name and id of the page before */
	[VF_AI] = { "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};


bool holds(const struct portal_role **roles, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (roles[i]->id == id)
			return true;
	return false;
}

bool any_admin(const struct portal_role **roles, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (portal_role_has_right(roles[i], "users.manage"))
			return true;
	return false;
}

/* The roles of a colleague's list that the organisation may use: a role outside its set gives nothing there. */
size_t usable_held(struct portal_req *r, const char *role_ids, const struct portal_role ***out)
{
	size_t n = portal_roles_parse(r, role_ids, out), k = 0;
	for (size_t i = 0; i < n; i++)
		if (portal_role_available(r, (*out)[i]))
			(*out)[k++] = (*out)[i];
	return k;
}

/* What a role allows, in words: its rights' labels in the user's language ("Collega's inzien; ..."). */
const char *role_words(struct portal_req *r, const struct portal_role *ro)
{
	const struct portal_catalogue *cat = portal_catalogue();
	struct portal_buf b = { 0 };
	for (size_t j = 0; j < ro->nrights; j++)
		portal_buf_addf(&b, "%s%s", b.len ? "; " : "", cat->rights[ro->rights[j]].label[r->lang]);
	const char *out = portal_strdup(r, b.len ? portal_buf_str(&b) : portal_text(r, "Rights.gives_nothing"));
	portal_buf_free(&b);
	return out;
}


PORTAL_PROGRAM("rights", ("rights_user.cs", "rights_index.cs", "rights_role.cs", "rights_catalogue.cs"),
	PORTAL_ROUTE_RIGHT("GET", "/rights", "users.view", index_page, NULL, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("GET", "/rights/roles/#", "users.view", role_page, holder_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("GET", "/rights/users/#", "users.view", view, view_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/rights/users/#", "users.manage", save, roles_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("GET", "/rights/catalogue", "catalogue.manage", catalogue, cat_view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/rights/catalogue/roles", "catalogue.manage", cat_role_new, cat_new_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("GET", "/rights/catalogue/roles/#", "catalogue.manage", cat_role, cat_view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/rights/catalogue/roles/#", "catalogue.manage", cat_role_save, cat_role_fields, PORTAL_RF_OWN)
)
