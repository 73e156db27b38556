/* roleset.c: keeping colleagues' roles within what their organisation may use (sql/023). When the vendor takes a
 * role set or a switched-on role from a customer, or a role out of a set, the grants that are no longer usable
 * are taken from their holders in the same transaction, each one audited in the colleague's organisation. A
 * role outside the organisation's set gives no right even before that (authz.c); this keeps the data saying so. */
#include "portal.h"

enum portal_err portal_roles_strip_unusable(struct portal_req *r, int64_t org_id, int64_t role_id, const char *why,
	uint64_t *taken)
{
	char clean[200];
	portal_clean_text(clean, sizeof clean, why);
	int64_t actor = r->sess.stage == PORTAL_STAGE_FULL ? r->sess.user_id : 0;
	*taken = 0;
	enum portal_err rc = portal_db_exec(r, ST_UNUSABLE_AUDIT, "iIsssIIII", r->now, actor, r->remote_addr, r->rid, clean,
		org_id, org_id, role_id, role_id);
	if (rc == PORTAL_OK)
		rc = portal_db_exec(r, ST_UNUSABLE_STRIP, "IIII", org_id, org_id, role_id, role_id);
	if (rc == PORTAL_OK)
		*taken = portal_db_affected(ST_UNUSABLE_STRIP);
	return rc;
}
