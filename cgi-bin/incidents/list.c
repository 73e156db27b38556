/* list.c: the incident lists: one's own, the organisation's (with the submitter filter) and the vendor's queue,
 * newest first, filtered by status and a text search in windows. */
#include "incidents.h"

/* ---- lists ---- */

/* Incidents drive the join (STRAIGHT_JOIN): newest first by primary key or an (org_id, ...) index, reading only
 * the page; left to itself the planner would start the vendor's unfiltered queue from organisations and sort
 * every incident. */
#define INC_LIST(WHERE)                                                                                    \
	"SELECT STRAIGHT_JOIN i.id, i.title, i.status, i.priority, i.category, i.created_at, i.updated_at,"     \
	" s.given_name, s.name_prefix, s.family_name, o.name FROM incidents i JOIN organisations o"             \
	" ON o.id = i.org_id"                                                                                  \
	" LEFT JOIN users s ON s.id = i.submitter_id WHERE " WHERE                                              \
	" AND (? IS NULL OR i.status = ?) AND (? IS NULL OR i.title LIKE ? OR i.body LIKE ?)"                   \
	" AND (? IS NULL OR i.id < ?) AND i.id >= ? ORDER BY i.id DESC LIMIT ?"
enum { IL_ID, IL_TITLE, IL_STATUS, IL_PRIORITY, IL_CATEGORY, IL_CREATED, IL_UPDATED, IL_GIVEN, IL_PREFIX, IL_FAMILY,
	IL_ORG_NAME, IL__N };
/* A text search (LIKE '%…%', which no index can help) reads at most a window of the 50,000 newest incidents of the
 * list (from the cursor on): the id of the window's last one, read on the same index without the text, bounds the
 * search (i.id >= ?); no row means the rest of the list is smaller than the window. The page links on to the next
 * window, so a rare word costs at most 50,000 rows a page. */
#define INC_WINDOW(WHERE)                                                                                  \
	"SELECT i.id FROM incidents i WHERE " WHERE " AND (? IS NULL OR i.status = ?)"                          \
	" AND (? IS NULL OR i.id < ?) ORDER BY i.id DESC LIMIT 1 OFFSET 49999"
enum { IW_ID, IW__N };
#define INC_ORG "i.org_id = ? AND (? IS NULL OR i.submitter_id = ?)"
#define INC_MINE "i.org_id = ? AND i.submitter_id = ? AND ? IS NULL"
#define INC_ALL "? IS NULL AND (? IS NULL OR i.org_id = ?)"
/* the organisation's incidents (incidents.view_all), optionally one submitter's */
PORTAL_SQL(sql_list_org, IL__N, INC_LIST(INC_ORG));
PORTAL_SQL(sql_window_org, IW__N, INC_WINDOW(INC_ORG));
/* one's own (incidents.submit) */
PORTAL_SQL(sql_list_mine, IL__N, INC_LIST(INC_MINE));
PORTAL_SQL(sql_window_mine, IW__N, INC_WINDOW(INC_MINE));
/* the vendor's queue across organisations (incidents.handle) */
PORTAL_SQL(sql_queue, IL__N, INC_LIST(INC_ALL));
PORTAL_SQL(sql_window_queue, IW__N, INC_WINDOW(INC_ALL));
/* a list and the window of its text search */
struct inc_list {
	struct portal_sql *list, *window;
};
static const struct inc_list list_org = { &sql_list_org, &sql_window_org };
static const struct inc_list list_mine = { &sql_list_mine, &sql_window_mine };
static const struct inc_list list_queue = { &sql_queue, &sql_window_queue };

static int list_rows(struct portal_req *r, const struct inc_list *which, int64_t p1, int64_t p2, int64_t p3,
	const char *base)
{
	const struct portal_value *status = &r->in[LF_STATUS], *q = &r->in[LF_Q], *before = &r->in[LF_BEFORE];
	const char *like = portal_like_pattern(r, q->s);
	int64_t b = before->s ? before->i : 0, bound = 0;
	if (like) {
		/* a text search reads one window of the list at a time (INC_WINDOW) */
		struct portal_rows *w;
		enum portal_err rc = portal_query_row(r, &w, which->window, "IIIssII", p1, p2, p3, status->s, status->s, b, b);
		if (rc == PORTAL_OK)
			bound = portal_col_int(w, IW_ID);
		else if (rc != PORTAL_ERR_NOTFOUND)
			return 503;
	}
	struct portal_rows *st;
	if (portal_query(r, &st, which->list, "IIIsssssIIii", p1, p2, p3, status->s, status->s, like, like, like, b, b,
		bound, (int64_t)(PAGE + 1)) != PORTAL_OK)
		return 503;
	struct portal_list page = { .pg.size = PAGE, .list = portal_node(r, NULL, "Page.incidents"), .id_col = IL_ID };
	while (portal_list_next(r, st, &page)) {
		portal_nset(r, page.item, "title", portal_col(st, IL_TITLE));
		portal_nset(r, page.item, "status", label(r, "st", portal_col(st, IL_STATUS)));
		portal_nset(r, page.item, "status_key", portal_col(st, IL_STATUS));
		portal_nset(r, page.item, "priority", label(r, "pr", portal_col(st, IL_PRIORITY)));
		portal_nset(r, page.item, "created", portal_when(r, portal_col_int(st, IL_CREATED)));
		portal_nset(r, page.item, "updated", portal_when(r, portal_col_int(st, IL_UPDATED)));
		portal_nset(r, page.item, "age", portal_ago(r, portal_col_int(st, IL_UPDATED)));
		const char *who = portal_col_null(st, IL_GIVEN) ? NULL : portal_full_name(r, portal_col(st, IL_GIVEN), portal_col(st, IL_PREFIX),
			portal_col(st, IL_FAMILY));
		portal_nset(r, page.item, "submitter", who ? who : portal_text(r, "Incidents.someone"));
		portal_nset(r, page.item, "org", portal_col(st, IL_ORG_NAME));
	}
	if (page.failed)
		return 503;
	bool more = page.pg.more;
	if (!more && bound > 0) {
		/* the window ended before the page filled: the rest of the list is searched from here on */
		more = true;
		page.last = bound;
		portal_set_int(r, "Page.window_end", bound);
	}
	if (more) {
		struct portal_buf qs = { 0 };
		if (status->s)
			portal_buf_addf(&qs, "status=%s&", status->s);
		if (q->s)
			portal_buf_addf(&qs, "q=%s&", portal_url_encode(r, q->s));
		if (r->in[LF_BY].s)
			portal_buf_addf(&qs, "by=%lld&", (long long)r->in[LF_BY].i);
		if (r->in[LF_ORG].s)
			portal_buf_addf(&qs, "org=%lld&", (long long)r->in[LF_ORG].i);
		if (r->in[LF_WHO].s)
			portal_buf_addf(&qs, "who=%s&", portal_url_encode(r, r->in[LF_WHO].s));
		portal_set(r, "Page.next", portal_printf(r, "%s?%sbefore=%lld", base, qs.len ? portal_buf_str(&qs) : "", (long long)page.last));
		portal_buf_free(&qs);
	}
	portal_set(r, "Page.f.status", status->s);
	portal_set(r, "Page.f.q", q->s);
	void *sl = portal_node(r, NULL, "Page.statuses");
	for (size_t i = 0; statuses[i]; i++) {
		void *x = portal_node_i(r, sl, i);
		portal_nset(r, x, "key", statuses[i]);
		portal_nset(r, x, "label", label(r, "st", statuses[i]));
	}
	notice(r);
	return 0;
}

/* the incidents overview's submitter filter: who submitted the organisation's incidents, by name. DISTINCT
 * over (org_id, submitter_id), a prefix of the index, reads one index entry per submitter (a loose index
 * scan: "Using index for group-by"), not one per incident */
enum { OS_ID, OS_GIVEN, OS_PREFIX, OS_FAMILY, OS__N };
PORTAL_SQL(sql_submitters, OS__N,
	"SELECT u.id, u.given_name, u.name_prefix, u.family_name FROM (SELECT DISTINCT org_id, submitter_id FROM"
	" incidents WHERE org_id = ?) s JOIN users u ON u.id = s.submitter_id AND u.org_id = ?"
	" WHERE (? IS NULL OR u.email LIKE ? OR CONCAT_WS(' ', u.given_name, NULLIF(u.name_prefix, ''), u.family_name)"
	" LIKE ?) ORDER BY u.name_key, u.id LIMIT ?");

/* GET /incidents — incidents.submit or incidents.view_all (403 with whom to ask otherwise). In: status, q,
 * by (a submitter, view_all only), before (cursor). Out: 200. */
int index_page(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return portal_error(r, 400, bad);
	if (vendor(r))
		return portal_redirect(r, "/incidents/queue");
	bool all = portal_has_right(r, "incidents.view_all"), own = portal_has_right(r, PORTAL_QUOTA_RIGHT);
	if (!all && !own)
		return no_right(r, "incidentenbeheer");
	int64_t by = r->in[LF_BY].s ? r->in[LF_BY].i : 0;
	int rc = all ? list_rows(r, &list_org, r->sess.org_id, by, by, "/incidents")
		: list_rows(r, &list_mine, r->sess.org_id, r->sess.user_id, 0, "/incidents");
	if (rc)
		return rc;
	if (all) {   /* the submitter filter: those who submitted the organisation's incidents, the first
		      * SUBMITTERS_MAX by name or those whose name or address holds who */
		const char *who = r->in[LF_WHO].s, *like = portal_like_pattern(r, who);
		struct portal_rows *st;
		if (portal_query(r, &st, &sql_submitters, "iisssi", r->sess.org_id, r->sess.org_id, like, like, like,
			(int64_t)(SUBMITTERS_MAX + 1)) != PORTAL_OK)
			return 503;
		void *pl = portal_node(r, NULL, "Page.people");
		int f;
		size_t n = 0;
		bool listed = false;
		while ((f = portal_next(st)) == 1) {
			if (n == SUBMITTERS_MAX) {
				portal_set_int(r, "Page.people_more", SUBMITTERS_MAX);
				continue;
			}
			void *x = portal_node_i(r, pl, n++);
			listed |= portal_col_int(st, OS_ID) == by;
			portal_nset_int(r, x, "id", portal_col_int(st, OS_ID));
			portal_nset(r, x, "name", portal_full_name(r, portal_col(st, OS_GIVEN), portal_col(st, OS_PREFIX), portal_col(st, OS_FAMILY)));
		}
		if (f < 0)
			return 503;
		/* the submitter filtered on stays in the list when the search or the cap leaves them out */
		if (by && !listed) {
			struct portal_colleague c;
			enum portal_err rc2 = portal_colleague_get(r, by, PORTAL_COLLEAGUE_READ, &c);
			if (rc2 == PORTAL_OK) {
				void *x = portal_node_i(r, pl, n++);
				portal_nset_int(r, x, "id", by);
				portal_nset(r, x, "name", c.name);
			} else if (rc2 != PORTAL_ERR_NOTFOUND) {
				return 503;
			}
		}
		portal_set_int(r, "Page.f.by", by);
		portal_set(r, "Page.who", who);
	}
	portal_set_int(r, "Page.all", all);
	portal_set_int(r, "Page.can_submit", own);
	portal_set(r, "Page.view", "list");
	return portal_render(r, 200, "incidents.cs");
}

/* GET /incidents/queue — incidents.handle: the vendor's queue across organisations. In: status, q, org, before. */
int queue(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return portal_error(r, 400, bad);
	int64_t org = r->in[LF_ORG].s ? r->in[LF_ORG].i : 0;
	int rc = list_rows(r, &list_queue, 0, org, org, "/incidents/queue");
	if (rc)
		return rc;
	portal_set_int(r, "Page.queue", 1);
	portal_set(r, "Page.view", "list");
	return portal_render(r, 200, "incidents.cs");
}
