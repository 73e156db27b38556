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

#define PAGE 50

enum { VF_Q, VF_STATE, VF_AK, VF_AI, VF_M };
static const struct portal_field view_fields[] = {
	{ "q", PF_LINE, 0, 0, 100, NULL },
	{ "state", PF_ENUM, 0, 0, 0, (const char *const[]){ "over", NULL } },
	{ "ak", PF_LINE, 0, 0, 200, NULL },
	{ "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "m", PF_ENUM, 0, 0, 0, (const char *const[]){ "saved", NULL } },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { SF_CLASS, SF_OVERRIDE };
static const struct portal_field set_fields[] = {
	{ "size_class", PF_INT, PF_REQUIRED, 1, 255, NULL },
	{ "override", PF_INT, 0, 0, 100000, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The size classes into Page.classes (the current one's label in *label); with ST_QUOTA_CLASSES_OVER also how
 * many customers are flagged over their maximum, in the same round trip (*over). */
static enum portal_err classes(struct portal_req *r, enum portal_stmt st, int64_t current, const char **label,
	int64_t *over)
{
	if (portal_db_exec(r, st, "") != PORTAL_OK)
		return PORTAL_ERR_DB;
	void *list = portal_node(r, NULL, "Page.classes");
	int f;
	size_t n = 0;
	while ((f = portal_db_fetch(r, st)) == 1) {
		void *x = portal_node_i(r, list, n++);
		int64_t c = portal_db_int(st, 0);
		const char *l = portal_printf(r, "%s (%lld)", portal_db_str(st, r->lang == PORTAL_EN ? 2 : 1),
			(long long)portal_db_int(st, 3));
		if (over)
			*over = portal_db_int(st, 4);
		portal_nset_int(r, x, "id", c);
		portal_nset(r, x, "label", l);
		if (c == current && label)   /* the class by its name: the page says its maximum already */
			*label = portal_strdup(r, portal_db_str(st, r->lang == PORTAL_EN ? 2 : 1));
	}
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

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
	int64_t size_class = portal_db_int(ST_QUOTA_LOCK, 3);
	portal_db_rollback(r);
	if (rc != PORTAL_OK)
		return 503;
	const char *label = NULL;
	if (classes(r, ST_QUOTA_CLASSES, size_class, &label, NULL) != PORTAL_OK)
		return 503;
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
	enum portal_stmt st = ST_QUOTA_PEOPLE;
	if (portal_db_exec(r, st, "iisssii", r->sess.org_id, r->sess.org_id, ak, ak, ak, ai, (int64_t)(PEOPLE_PAGE + 1))
	    != PORTAL_OK)
		return 503;
	void *holders = portal_node(r, NULL, "Page.holders"), *experts = portal_node(r, NULL, "Page.experts");
	int f;
	size_t nh = 0, ne = 0;
	const char *last_key = NULL;
	int64_t last_id = 0;
	bool more = false;
	while ((f = portal_db_fetch(r, st)) == 1) {
		if (nh + ne == PEOPLE_PAGE) {
			more = true;
			continue;
		}
		last_id = portal_db_int(st, 0);
		last_key = portal_strdup(r, portal_db_str(st, 8));
		bool expert = portal_db_int(st, 6) != 0, holds = portal_db_int(st, 7) != 0;
		const char *status = portal_db_str(st, 5);
		bool counts = holds && !expert && strcmp(status, "disabled");
		void *x = portal_node_i(r, expert ? experts : holders, expert ? ne++ : nh++);
		portal_nset_int(r, x, "id", portal_db_int(st, 0));
		portal_nset(r, x, "name", portal_full_name(r, portal_db_str(st, 1), portal_db_str(st, 2), portal_db_str(st, 3)));
		portal_nset(r, x, "email", portal_db_str(st, 4));
		portal_nset(r, x, "status", portal_text(r, portal_printf(r, "Users.st_%s", status)));
		portal_nset_int(r, x, "holds", holds);
		portal_nset_int(r, x, "counts", counts);
	}
	if (f < 0)
		return 503;
	portal_keyset_links(r, "/quota", ak != NULL, more, last_key, last_id, NULL);
	portal_set(r, "Page.view", "own");
	return portal_render(r, 200, "quota.cs");
}

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
	enum portal_stmt st = ST_QUOTA_ORGS;
	int64_t over_count = 0;
	if (classes(r, ST_QUOTA_CLASSES_OVER, 0, NULL, &over_count) != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.over_count", over_count);
	if (portal_db_exec(r, st, "IsssssIi", (int64_t)(over ? 1 : 0), like, like, ak, ak, ak, ai, (int64_t)(PAGE + 1)) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.orgs");
	int f;
	size_t n = 0;
	const char *last_name = NULL;
	int64_t last_id = 0;
	bool more = false;
	struct portal_org_counts counted = { 0 };   /* rows whose counts org_counts did not hold (sql/020) */
	while ((f = portal_db_fetch(r, st)) == 1) {
		portal_org_counts_note(&counted, st, 7, 5, 8);
		if (n == PAGE) {
			more = true;
			continue;
		}
		void *x = portal_node_i(r, list, n++);
		int64_t mx = portal_db_int(st, 4), used = portal_db_int(st, 5);
		portal_nset_int(r, x, "id", portal_db_int(st, 0));
		portal_nset(r, x, "name", portal_db_str(st, 1));
		portal_nset_int(r, x, "size_class", portal_db_int(st, 2));
		if (!portal_db_null(st, 3))
			portal_nset_int(r, x, "override", portal_db_int(st, 3));
		portal_nset_int(r, x, "max", mx);
		portal_nset_int(r, x, "used", used);
		portal_nset(r, x, "state", portal_text(r, used > mx ? "Quota.over" : used == mx ? "Quota.at" : "Quota.under"));
		portal_nset_int(r, x, "over", used > mx);
		last_name = portal_strdup(r, portal_db_str(st, 1));
		last_id = portal_db_int(st, 0);
	}
	if (f < 0)
		return 503;
	portal_org_counts_store(r, &counted);
	const char *path = portal_printf(r, "/quota/orgs%s%s%s%s", over || q ? "?" : "", over ? "state=over" : "",
		over && q ? "&" : "", q ? portal_printf(r, "q=%s", portal_url_encode(r, q)) : "");
	portal_keyset_links(r, path, ak != NULL, more, last_name, last_id, NULL);
	portal_set(r, "Page.q", q);
	portal_set(r, "Page.state", over);
	portal_set_int(r, "Page.count", (long long)n);
	const char *m = r->in[VF_M].s;
	if (m && !strcmp(m, "saved"))
		portal_set_text(r, "Page.notice", "Quota.saved");
	portal_set(r, "Page.view", "orgs");
	return portal_render(r, 200, "quota.cs");
}

/* POST /quota/orgs/# — orgs.manage, CSRF, a recent login. In: size_class (one of quota_classes), override
 * (empty: none). Out: 303; 404 not a customer; 422. */
static int set(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/quota/orgs");
	for (size_t i = 0; set_fields[i].name; i++)
		if (!r->in[i].valid)
			return portal_error(r, 422, r->in[i].err);
	int64_t cls = r->in[SF_CLASS].i, over = r->in[SF_OVERRIDE].present ? r->in[SF_OVERRIDE].i : -1;
	bool known = false;
	if (portal_db_exec(r, ST_QUOTA_CLASSES, "") != PORTAL_OK)
		return 503;
	int f;
	while ((f = portal_db_fetch(r, ST_QUOTA_CLASSES)) == 1)
		known |= portal_db_int(ST_QUOTA_CLASSES, 0) == cls;
	if (f < 0)
		return 503;
	if (!known)
		return portal_error(r, 422, "Quota.bad_class");
	struct portal_quota before, after;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_row(r, ST_CUSTOMER_LOCK, "i", r->path_id)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? portal_error(r, 404, "Err.not_found") : 503;
	}
	if ((rc = portal_quota_lock(r, r->path_id, 0, &before)) != PORTAL_OK ||
	    (rc = portal_db_exec(r, ST_QUOTA_SET, "iIi", cls, over >= 0 ? over : -1, r->path_id)) != PORTAL_OK)
		goto fail;
	if (over == 0 && (rc = portal_db_exec(r, ST_QUOTA_SET, "iii", cls, (int64_t)0, r->path_id)) != PORTAL_OK)
		goto fail;   /* an override of 0 is a real value ("I" binds 0 as NULL) */
	if ((rc = portal_quota_lock(r, r->path_id, 0, &after)) != PORTAL_OK ||
	    (rc = portal_db_exec(r, ST_QUOTA_FLAG, "Iii", after.used > after.max ? r->now : 0, r->now, r->path_id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "quota_changed", r->path_id, 0, portal_printf(r, "Incidentenbeheer maximum %lld -> %lld"
		     " (size class %lld%s); in use %lld%s", (long long)before.max, (long long)after.max, (long long)cls,
		     over >= 0 ? ", vendor override" : "", (long long)after.used, after.used > after.max ? ": over quota" : ""))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, "/quota/orgs?m=saved");
fail:
	portal_db_rollback(r);
	return 503;
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_USER("GET", "/quota", own, view_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("GET", "/quota/orgs", "orgs.manage", orgs, view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/quota/orgs/#", "orgs.manage", set, set_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "quota.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "quota", routes, templates };
	return portal_main(argc, argv, &prog);
}
