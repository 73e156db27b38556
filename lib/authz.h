/* authz.h: authorisation (authz.c): the catalogue in memory and effective rights. */
#ifndef PORTAL_AUTHZ_H
#define PORTAL_AUTHZ_H

#include "base.h"

const struct portal_catalogue *portal_catalogue(void);
const struct portal_role *portal_role_by_id(int64_t id);
/* Re-reads the catalogue when version differs from the copy in memory. */
enum portal_err portal_catalogue_ensure(struct portal_req *r, uint64_t version);
/* Fills r->sess.roles and r->sess.rights from a comma-separated list of role ids. */
enum portal_err portal_rights_compute(struct portal_req *r, const char *role_ids, uint64_t version);
void portal_catalogue_free(void);
/* The roles of a comma-separated id list (users.role_ids), in catalogue order; unknown ids skipped. */
size_t portal_roles_parse(struct portal_req *r, const char *role_list, const struct portal_role ***out);
bool portal_role_has_right(const struct portal_role *ro, const char *right);
/* The quota of documents 001 and 004 limits the holders of the roles that give this right (quota.c). */
#define PORTAL_QUOTA_RIGHT "incidents.submit"
bool portal_role_quota_limited(const struct portal_role *ro);
/* May the session's organisation use this role? Customers: the core roles, the roles of their role sets and
 * the roles the vendor switched on for them (organisation roles and dossier profiles only); the vendor: vendor
 * roles. A held role that is not available gives no right. */
bool portal_role_available(struct portal_req *r, const struct portal_role *ro);
/* The ids of the roles the session's organisation may use as ",3,12,40,": a template shows the shared role list
 * (Cat.tenant_roles) filtered by it, instead of copying the roles into every request's data. */
const char *portal_usable_role_ids(struct portal_req *r);
/* Does the organisation's set hold a quota-limited role (Incidentenbeheer)? Else its quota means nothing there. */
bool portal_quota_role_usable(struct portal_req *r);
/* The same for any customer, from its organisations.set_ids and role_ids. */
bool portal_role_usable(const struct portal_role *ro, uint64_t sets, const char *role_ids);
/* organisations.set_ids ("1,3") as a mask of portal_catalogue.sets; unknown ids are left out. */
uint64_t portal_sets_mask(const char *set_ids);
const struct portal_role_set *portal_set_by_id(int64_t id);
/* Is the id in a comma-separated list of ids ("3,12,40")? */
bool portal_id_in_list(const char *list, int64_t id);
/* ACC-04: an organisation role of the organisation's set, for its admins (users.manage: the tenant's top
 * authority); for the support desk under a write grant the same without the admin roles. */
bool portal_may_grant(struct portal_req *r, const struct portal_role *ro);
/* roleset.c: in the caller's transaction, takes every grant of a role its organisation may not use (any more)
 * from its holder, with an audit row per grant naming why ("role set Backoffice taken away by the vendor").
 * org_id, role_id: only that organisation's, that role's (0: all). *taken: the number of grants taken. */
enum portal_err portal_roles_strip_unusable(struct portal_req *r, int64_t org_id, int64_t role_id, const char *why,
	uint64_t *taken);
/* Figures of the session's organisation a program keeps in memory because their query costs more than the
 * page (counts over all its colleagues): valid while neither the organisation's users_version (moved by
 * triggers on every change of a colleague's status, confirmed number or roles, sql/016) nor the catalogue's
 * version has moved. Both come with the session, so checking costs no query. */
struct portal_org_memo {
	int64_t org_id;
	uint64_t users_version, cat_version;
};
bool portal_org_memo_fresh(struct portal_req *r, const struct portal_org_memo *m);
void portal_org_memo_stamp(struct portal_req *r, struct portal_org_memo *m);
/* The holiday checklist of the session's organisation (document 000), from a memo: open invitations, active
 * colleagues without a confirmed number, active admins. */
struct portal_checklist {
	int64_t invited, unconfirmed, admins;
};
enum portal_err portal_org_checklist(struct portal_req *r, struct portal_checklist *out);

/* Locks the organisation's row for the caller's transaction: every change that could leave it without an admin
 * takes it first (ACC-04). */
enum portal_err portal_org_lock(struct portal_req *r, int64_t org_id);
/* How many active admins (users.manage) the organisation has besides except_user (0: counts them all). */
enum portal_err portal_org_admins(struct portal_req *r, int64_t org_id, int64_t except_user, int64_t *n);

#endif
