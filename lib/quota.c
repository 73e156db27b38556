/* quota.c: the incident-submitter quota (documents 001, 004; ACC-05). A role that gives incidents.submit
 * (Incidentenbeheer) may be held by at most max colleagues of an organisation: its size class's number, or
 * the vendor's override. Certified experts and disabled or removed colleagues do not count. Every path that
 * can make someone a counted holder (granting the role, adding or importing colleagues with it, enabling a
 * holder, clearing the expert flag) calls portal_quota_lock() inside its transaction: the organisation's row
 * is locked, so twenty parallel grants with one free slot give exactly one success. Lowering the quota strips
 * nobody; new grants are refused until the organisation is under it again. The vendor's lists of customers
 * show the counts kept in org_counts (sql/020) while they are current, and store those they had to count. */
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

void portal_org_counts_note(struct portal_org_counts *c, enum portal_stmt st, int admins, int submitters, int fresh)
{
	if (portal_db_int(st, fresh) || c->n == PORTAL_ORG_COUNTS_MAX)
		return;
	c->row[c->n].org_id = portal_db_int(st, 0);
	c->row[c->n].admins = portal_db_int(st, admins);
	c->row[c->n].submitters = portal_db_int(st, submitters);
	c->row[c->n].users_version = portal_db_int(st, fresh + 1);
	c->row[c->n].cat_version = portal_db_int(st, fresh + 2);
	c->n++;
}

void portal_org_counts_store(struct portal_req *r, const struct portal_org_counts *c)
{
	if (c->n == 0)
		return;
	struct portal_buf b = { 0 };   /* numbers only: [[org, users_version, catalogue version, admins, submitters], ...] */
	for (size_t i = 0; i < c->n; i++)
		portal_buf_addf(&b, "%s[%lld,%lld,%lld,%lld,%lld]", i ? "," : "[", (long long)c->row[i].org_id,
			(long long)c->row[i].users_version, (long long)c->row[i].cat_version, (long long)c->row[i].admins,
			(long long)c->row[i].submitters);
	portal_buf_adds(&b, "]");
	if (portal_db_exec(r, ST_ORG_COUNTS_PUT, "s", portal_buf_str(&b)) != PORTAL_OK) {
		portal_log(r, PORTAL_LOG_WARN, "org_counts: could not keep the counts of %zu organisation(s)", c->n);
		r->db_failed = r->deadlocked = false;   /* the list is complete: not the page's failure */
	}
	portal_buf_free(&b);
}
