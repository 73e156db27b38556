/* quota.c: the incident-submitter quota (documents 001, 004; ACC-05). A role that gives incidents.submit
 * (Incidentenbeheer) may be held by at most max colleagues of an organisation: its size class's number, or
 * the vendor's override. Certified experts and disabled or removed colleagues do not count. Every path that
 * can make someone a counted holder (granting the role, adding or importing colleagues with it, enabling a
 * holder, clearing the expert flag) calls portal_quota_lock() inside its transaction: the organisation's row
 * is locked, so twenty parallel grants with one free slot give exactly one success. Lowering the quota strips
 * nobody; new grants are refused until the organisation is under it again. */
#include <string.h>

#include "portal.h"

bool portal_role_quota_limited(const struct portal_role *ro)
{
	return ro && portal_role_has_right(ro, PORTAL_QUOTA_RIGHT);
}

enum portal_err portal_quota_lock(struct portal_req *r, int64_t org_id, int64_t except_user, struct portal_quota *q)
{
	memset(q, 0, sizeof *q);
	enum portal_err rc = portal_db_row(r, ST_QUOTA_LOCK, "i", org_id);
	if (rc != PORTAL_OK)
		return rc;
	q->max = portal_db_int(ST_QUOTA_LOCK, 1);
	q->override_set = portal_db_int(ST_QUOTA_LOCK, 2) != 0;
	if ((rc = portal_db_row(r, ST_QUOTA_COUNT, "iii", org_id, org_id, except_user)) != PORTAL_OK)
		return rc;
	q->used = portal_db_int(ST_QUOTA_COUNT, 0);
	return PORTAL_OK;
}

const char *portal_quota_message(struct portal_req *r, const struct portal_quota *q)
{
	return portal_fill(r, portal_text(r, "Quota.reached"), "used", portal_printf(r, "%lld", (long long)q->used), "max",
		portal_printf(r, "%lld", (long long)q->max), NULL);
}
