/* quota.c: the incident-submitter quota (documents 001 and 004).
 *  - GET  /quota            any colleague: the organisation's use and maximum of the Incidentenbeheer role and
 *                           whether it is over (linked from the rights pages, the incidents page of someone
 *                           without the role, and every "maximum reached" refusal); with users.view also the
 *                           colleagues who count and the certified experts who do not;
 *  - GET  /quota/orgs       orgs.manage (vendor): the customers with use and maximum, 50 a page by name
 *                           (keyset), a name search, and the filter "over the maximum" (flagged ones);
 *  - POST /quota/orgs/#     orgs.manage, recent login: the size class and an optional override. Lowering it
 *                           below the use strips nobody: the organisation is flagged over quota and new grants
 *                           are refused until it is back under. Audited in the organisation's own log.
 * The check itself lives in lib/quota.c and runs in every granting transaction (ACC-05). */
#include <string.h>

#include "portal.h"
#include "site.h"
#include "holders.h"

#define PAGE 50

enum { VF_Q, VF_STATE, VF_AK, VF_AI, VF_M };
static const struct portal_field view_fields[] = {
	[VF_Q] = { "q", PF_LINE, 0, 0, 100, NULL },
	[VF_STATE] = { "state", PF_ENUM, 0, 0, 0, (const char *const[]){ "over", NULL } },
	[VF_AK] = { "ak", PF_LINE, 0, 0, 200, NULL },
	[VF_AI] = { "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	[VF_M] = { "m", PF_ENUM, 0, 0, 0, (const char *const[]){ "saved", NULL } },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { SF_CLASS, SF_OVERRIDE };
static const struct portal_field set_fields[] = {
	[SF_CLASS] = { "size_class", PF_INT, PF_REQUIRED, 1, 255, NULL },
	[SF_OVERRIDE] = { "override", PF_INT, 0, 0, 100000, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The size classes into Page.classes; the current one's name in *label (the page says its maximum already). */
static void classes_set(struct portal_req *r, const struct portal_size_classes *all, int64_t current, const char **label)
{
	void *list = portal_node(r, NULL, "Page.classes");
	for (size_t i = 0; i < all->n; i++) {
		const struct portal_size_class *c = &all->c[i];
		void *x = portal_node_i(r, list, i);
		portal_nset_int(r, x, "id", c->id);
		portal_nset(r, x, "label", portal_printf(r, "%s (%lld)", c->label, (long long)c->max));
		if (c->id == current && label)
			*label = c->label;
	}
}

/* The colleagues who count against the quota or could (holders of a submitting role, certified experts), by
 * name after the cursor (name key x3, id). Parameters: org x2, the cursor, the limit. */
enum { QP_ID, QP_GIVEN, QP_PREFIX, QP_FAMILY, QP_EMAIL, QP_STATUS, QP_EXPERT, QP_HOLDS, QP_NAME_KEY, QP__N };
PORTAL_SQL(sql_people, QP__N,
	"SELECT u.id, u.given_name, u.name_prefix, u.family_name, u.email, u.status, u.certified_expert,"
	" EXISTS (SELECT 1 FROM user_roles ur JOIN role_rights rr ON rr.role_id = ur.role_id JOIN rights ri ON ri.id = rr.right_id"
	"  WHERE ur.user_id = u.id AND ri.rkey = 'incidents.submit'), u.name_key"
	" FROM users u WHERE u.org_id = ? AND u.status <> 'removed' AND (u.certified_expert = 1 OR u.id IN (SELECT"
	"  ur.user_id FROM rights ri JOIN role_rights rr ON rr.right_id = ri.id JOIN user_roles ur ON ur.org_id = ?"
	"  AND ur.role_id = rr.role_id WHERE ri.rkey = 'incidents.submit'))"   /* the organisation's grants only */
	" AND (? IS NULL OR u.name_key > ? OR (u.name_key = ? AND u.id > ?)) ORDER BY u.name_key, u.id LIMIT ?");

/* GET /quota — users.view. In: ak + ai (the cursor: the last name and id shown). Out: 200, the use and
 * who counts, PEOPLE_PAGE a page by name; 400 a bad cursor. */
#define PEOPLE_PAGE 100
static int own(struct portal_req *r)
{
	for (int i = VF_AK; i <= VF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	const char *ak = r->in[VF_AK].s && r->in[VF_AI].s ? r->in[VF_AK].s : NULL;
	int64_t ai = ak ? r->in[VF_AI].i : 0;
	struct portal_quota q;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	rc = portal_quota_lock(r, r->sess.org_id, 0, &q);
	int64_t size_class = q.size_class;
	portal_db_rollback(r);
	if (rc != PORTAL_OK)
		return 503;
	const char *label = NULL;
	struct portal_size_classes all;
	if (portal_size_classes(r, &all, NULL) != PORTAL_OK)
		return 503;
	classes_set(r, &all, size_class, &label);
	portal_set_int(r, "Page.used", q.used);
	portal_set_int(r, "Page.max", q.max);
	portal_set_int(r, "Page.over", q.used > q.max);
	portal_set_int(r, "Page.full", q.used >= q.max);
	portal_set_int(r, "Page.override", q.override_set);
	portal_set(r, "Page.class", label);
	portal_set(r, "Page.view", "own");
	if (!portal_has_right(r, "users.view"))   /* who holds it is for those who see their colleagues */
		return portal_render(r, 200, "quota.cs");
	portal_set_int(r, "Page.people", 1);
	struct portal_rows *st;
	if (portal_query(r, &st, &sql_people, "iisssii", r->sess.org_id, r->sess.org_id, ak, ak, ak, ai,
		(int64_t)(PEOPLE_PAGE + 1)) != PORTAL_OK)
		return 503;
	void *holders = portal_node(r, NULL, "Page.holders"), *experts = portal_node(r, NULL, "Page.experts");
	struct portal_page pg = { .size = PEOPLE_PAGE };
	int f;
	size_t nh = 0, ne = 0;
	const char *last_key = NULL;
	int64_t last_id = 0;
	while ((f = portal_page_next(st, &pg)) == 1) {
		last_id = portal_col_int(st, QP_ID);
		last_key = portal_strdup(r, portal_col(st, QP_NAME_KEY));
		bool expert = portal_col_int(st, QP_EXPERT) != 0, holds = portal_col_int(st, QP_HOLDS) != 0;
		const char *status = portal_col(st, QP_STATUS);
		bool counts = holds && !expert && strcmp(status, "disabled");
		void *x = portal_node_i(r, expert ? experts : holders, expert ? ne++ : nh++);
		portal_nset_int(r, x, "id", last_id);
		portal_nset(r, x, "name", portal_full_name(r, portal_col(st, QP_GIVEN), portal_col(st, QP_PREFIX),
			portal_col(st, QP_FAMILY)));
		portal_nset(r, x, "email", portal_col(st, QP_EMAIL));
		portal_nset(r, x, "status", portal_text(r, portal_printf(r, "Users.st_%s", status)));
		portal_nset_int(r, x, "holds", holds);
		portal_nset_int(r, x, "counts", counts);
	}
	if (f < 0)
		return 503;
	portal_keyset_links(r, "/quota", ak != NULL, pg.more, last_key, last_id, NULL);
	portal_set(r, "Page.view", "own");
	return portal_render(r, 200, "quota.cs");
}

/* The customers' quotas by name after the cursor, with their counts from org_counts while those are current
 * (sql/020), else counted. Parameters: over only (NULL or 1), search x2 (NULL or a LIKE pattern), cursor name x3,
 * cursor id, limit. */
enum { QO_ID, QO_NAME, QO_CLASS, QO_OVERRIDE, QO_MAX, QO_SUBMITTERS, QO_OVER_SINCE, QO_ADMINS, QO_FRESH,
	QO_USERS_VERSION, QO_CAT_VERSION, QO__N };
PORTAL_SQL(sql_orgs, QO__N,
	SQL_QUOTA_ORG_COLS(SQL_COUNTED("submitters", SQL_SUBMITTERS("o.id")),
	"," SQL_COUNTED("admins", SQL_ADMINS("o.id")) SQL_COUNTS_TAIL, SQL_COUNTS_FROM)
	" AND (? IS NULL OR o.over_quota_since IS NOT NULL)"
	" AND (? IS NULL OR o.name LIKE ?) AND (? IS NULL OR o.name > ? OR (o.name = ? AND o.id > ?))"
	" ORDER BY o.name, o.id LIMIT ?");

/* GET /quota/orgs — orgs.manage. In: q (name), state (over: those flagged over the maximum), ak + ai (the
 * cursor: the last row's name and id), m. Out: 200; 400 bad input. How many are over is always shown. */
static int orgs(struct portal_req *r)
{
	for (int i = VF_Q; i <= VF_M; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	const char *q = r->in[VF_Q].s, *like = portal_like_pattern(r, q), *over = r->in[VF_STATE].s;
	const char *ak = r->in[VF_AK].s && r->in[VF_AI].s ? r->in[VF_AK].s : NULL;
	int64_t ai = ak ? r->in[VF_AI].i : 0;
	int64_t over_count = 0;
	struct portal_size_classes all;
	if (portal_size_classes(r, &all, &over_count) != PORTAL_OK)
		return 503;
	classes_set(r, &all, 0, NULL);
	portal_set_int(r, "Page.over_count", over_count);
	struct portal_rows *st;
	if (portal_query(r, &st, &sql_orgs, "IsssssIi", (int64_t)(over ? 1 : 0), like, like, ak, ak, ak, ai,
		(int64_t)(PAGE + 1)) != PORTAL_OK)
		return 503;
	static const struct portal_org_count_cols cols = { QO_ID, QO_ADMINS, QO_SUBMITTERS, QO_FRESH, QO_USERS_VERSION,
		QO_CAT_VERSION };
	struct portal_org_counts counted = { 0 };   /* rows whose counts org_counts did not hold (sql/020) */
	void *list = portal_node(r, NULL, "Page.orgs");
	struct portal_page pg = { .size = PAGE };
	const char *last_name = NULL;
	int64_t last_id = 0;
	int f;
	while ((f = portal_org_page_next(st, &pg, &counted, &cols)) == 1) {
		void *x = portal_node_i(r, list, pg.i);
		int64_t mx = portal_col_int(st, QO_MAX), used = portal_col_int(st, QO_SUBMITTERS);
		portal_nset_int(r, x, "id", portal_col_int(st, QO_ID));
		portal_nset(r, x, "name", portal_col(st, QO_NAME));
		portal_nset_int(r, x, "size_class", portal_col_int(st, QO_CLASS));
		if (!portal_col_null(st, QO_OVERRIDE))
			portal_nset_int(r, x, "override", portal_col_int(st, QO_OVERRIDE));
		portal_nset_int(r, x, "max", mx);
		portal_nset_int(r, x, "used", used);
		portal_nset(r, x, "state", portal_text(r, used > mx ? "Quota.over" : used == mx ? "Quota.at" : "Quota.under"));
		portal_nset_int(r, x, "over", used > mx);
		last_name = portal_strdup(r, portal_col(st, QO_NAME));
		last_id = portal_col_int(st, QO_ID);
	}
	if (f < 0)
		return 503;
	portal_org_counts_store(r, &counted);
	const char *path = portal_printf(r, "/quota/orgs%s%s%s%s", over || q ? "?" : "", over ? "state=over" : "",
		over && q ? "&" : "", q ? portal_printf(r, "q=%s", portal_url_encode(r, q)) : "");
	portal_keyset_links(r, path, ak != NULL, pg.more, last_name, last_id, NULL);
	portal_set(r, "Page.q", q);
	portal_set(r, "Page.state", over);
	portal_set_int(r, "Page.count", (long long)pg.n);
	const char *m = r->in[VF_M].s;
	if (m && !strcmp(m, "saved"))
		portal_set_text(r, "Page.notice", "Quota.saved");
	portal_set(r, "Page.view", "orgs");
	return portal_render(r, 200, "quota.cs");
}

enum { CL_ID, CL__N };
PORTAL_SQL(sql_customer_lock, CL__N, "SELECT id FROM organisations WHERE id = ? AND kind = 'customer' FOR UPDATE");
PORTAL_SQL(sql_set, 0,
	"UPDATE organisations SET size_class = ?, quota_override = ? WHERE id = ? AND kind = 'customer'");

/* POST /quota/orgs/# — orgs.manage, CSRF, a recent login. In: size_class (one of quota_classes), override
 * (empty: none). Out: 303; 404 not a customer; 422. */
static int set(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/quota/orgs");
	const char *bad = portal_invalid(r);
	if (bad)
		return portal_error(r, 422, bad);
	int64_t cls = r->in[SF_CLASS].i, over = r->in[SF_OVERRIDE].present ? r->in[SF_OVERRIDE].i : -1;
	struct portal_size_classes all;
	if (portal_size_classes(r, &all, NULL) != PORTAL_OK)
		return 503;
	if (!portal_size_class(&all, cls))
		return portal_error(r, 422, "Quota.bad_class");
	struct portal_quota before, after;
	enum portal_err rc;
	struct portal_rows *row;
	int answer;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((answer = portal_row_or_404(r, &row, &sql_customer_lock, "i", r->path_id)) != 0)
		return answer;
	if ((rc = portal_quota_lock(r, r->path_id, 0, &before)) != PORTAL_OK ||
	    (rc = portal_exec(r, &sql_set, NULL, "iIi", cls, over >= 0 ? over : -1, r->path_id)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (over == 0 && (rc = portal_exec(r, &sql_set, NULL, "iii", cls, (int64_t)0, r->path_id)) != PORTAL_OK)
		return portal_failed(r, rc);   /* an override of 0 is a real value ("I" binds 0 as NULL) */
	if ((rc = portal_quota_lock(r, r->path_id, 0, &after)) != PORTAL_OK ||
	    (rc = portal_quota_flag(r, r->path_id, after.used > after.max)) != PORTAL_OK)
		return portal_failed(r, rc);
	rc = portal_audit(r, "quota_changed", r->path_id, 0, portal_printf(r, "Incidentenbeheer maximum %lld -> %lld"
		" (size class %lld%s); in use %lld%s", (long long)before.max, (long long)after.max, (long long)cls,
		over >= 0 ? ", vendor override" : "", (long long)after.used, after.used > after.max ? ": over quota" : ""));
	return portal_done(r, rc, "/quota/orgs?m=saved");
}

PORTAL_PROGRAM("quota", ("quota.cs"),
	PORTAL_ROUTE_USER("GET", "/quota", own, view_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("GET", "/quota/orgs", "orgs.manage", orgs, view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/quota/orgs/#", "orgs.manage", set, set_fields, PORTAL_RF_OWN)
)
