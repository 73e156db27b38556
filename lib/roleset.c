/* roleset.c: keeping colleagues' roles within what their organisation may use (sql/023). When the vendor takes a
 * role set or a switched-on role from a customer, or a role out of a set, the grants that are no longer usable
 * are taken from their holders in the same transaction, each one audited in the colleague's organisation. A
 * role outside the organisation's set gives no right even before that (authz.c); this keeps the data saying so. */
#include "portal.h"

/* The grants of roles their organisation may not use (any more): after a role set or a switched-on role was
 * taken from a customer, or a role from a set. Optionally one organisation's, optionally one role's; first
 * an audit row per grant in the colleague's organisation, then the grants themselves (the DELETE reads no
 * users and no organisations: error 1442). Parameters: now, actor, address, request id, detail; then org x2,
 * role x2 (NULL: all); the DELETE only the last four. */
#define UNUSABLE_GRANTS                                                                                   \
	" JOIN roles ro ON ro.id = ur.role_id WHERE (? IS NULL OR ur.org_id = ?) AND (? IS NULL OR ur.role_id = ?)"  \
	" AND ro.kind IN ('org', 'profile') AND NOT (ro.core = 1 AND ro.kind = 'org')"                            \
	" AND NOT EXISTS (SELECT 1 FROM org_role_sets os JOIN role_set_roles sr ON sr.set_id = os.set_id"          \
	"  WHERE os.org_id = ur.org_id AND sr.role_id = ur.role_id)"                                              \
	" AND NOT EXISTS (SELECT 1 FROM org_roles x WHERE x.org_id = ur.org_id AND x.role_id = ur.role_id)"
PORTAL_SQL(sql_unusable_audit, 0,
	"INSERT INTO audit_log (at, event, org_id, user_id, actor_id, client_addr, request_id, detail)"
	" SELECT ?, 'roles_changed', ur.org_id, ur.user_id, ?, ?, ?, CONCAT('revoked: ', ro.rkey, ' (', ?, ')')"
	" FROM user_roles ur" UNUSABLE_GRANTS);

PORTAL_SQL(sql_unusable_strip, 0,
	"DELETE ur FROM user_roles ur" UNUSABLE_GRANTS);

enum portal_err portal_roles_strip_unusable(struct portal_req *r, int64_t org_id, int64_t role_id, const char *why,
	uint64_t *taken)
{
	char clean[200];
	portal_clean_text(clean, sizeof clean, why);
	int64_t actor = r->sess.stage == PORTAL_STAGE_FULL ? r->sess.user_id : 0;
	*taken = 0;
	struct portal_wrote w = { 0, 0 };
	enum portal_err rc = portal_exec(r, &sql_unusable_audit, NULL, "iIsssIIII", r->now, actor, r->remote_addr, r->rid,
		clean, org_id, org_id, role_id, role_id);
	if (rc == PORTAL_OK)
		rc = portal_exec(r, &sql_unusable_strip, &w, "IIII", org_id, org_id, role_id, role_id);
	*taken = w.rows;
	return rc;
}
