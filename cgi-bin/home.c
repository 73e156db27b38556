/* home.c: "Mijn portaal" (/home), the user's start: first what waits for them (incidents waiting for their
 * answer, new incidents in the vendor's queue, documents to approve, an active support grant, the holiday
 * checklist for admins), each with a count and a link; then who they are, their organisation, their roles
 * and the rights each role gives. Every logged-in user; only their own data and their organisation's (the
 * vendor's desk: its queue and the customers' grants). */
#include "portal.h"
#include "site.h"

/* What waits, each counted to at most 100 rows (the page says "99+" from 100 on): incidents waiting for an
 * answer, the user's own (org, self) or the organisation's (org); new incidents in the vendor's queue; documents
 * the user is asked to approve, with their dossier when they are all in one, else 0 (self, org); the end of the
 * organisation's active support grant (org, now); the customers' active grants (now). */
#define BOUNDED(Q) "SELECT COUNT(*) FROM (" Q " LIMIT 100) x"
enum { N_COUNT, N__N };
PORTAL_SQL(sql_waiting_mine, N__N,
	BOUNDED("SELECT 1 FROM incidents WHERE org_id = ? AND submitter_id = ? AND status = 'waiting'"));
PORTAL_SQL(sql_waiting_org, N__N, BOUNDED("SELECT 1 FROM incidents WHERE org_id = ? AND status = 'waiting'"));
PORTAL_SQL(sql_queue_new, N__N, BOUNDED("SELECT 1 FROM incidents WHERE status = 'new'"));
PORTAL_SQL(sql_grants_active, N__N,
	BOUNDED("SELECT 1 FROM support_grants WHERE end_notified_at IS NULL AND expires_at > ?"
	" AND confirmed_at IS NOT NULL AND revoked_at IS NULL"));
enum { TA_COUNT, TA_DOSSIER, TA__N };
PORTAL_SQL(sql_to_approve, TA__N,
	"SELECT COUNT(*), IF(COUNT(DISTINCT x.dossier_id) = 1, MIN(x.dossier_id), 0) FROM (SELECT d.dossier_id"
	" FROM dossier_users du JOIN documents d ON d.dossier_id = du.dossier_id AND d.approver_id = du.user_id"
	" WHERE du.user_id = ? AND d.org_id = ? AND d.status = 'inbox' AND d.approved_at IS NULL LIMIT 100) x");
enum { GR_EXPIRES, GR__N };
PORTAL_SQL(sql_grant, GR__N,
	"SELECT expires_at FROM support_grants WHERE org_id = ? AND confirmed_at IS NOT NULL AND revoked_at IS NULL"
	" AND end_notified_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1");

/* A count as the page says it. */
static void set_count(struct portal_req *r, const char *name, int64_t n)
{
	if (n > 0)
		portal_set(r, name, n >= 100 ? "99+" : portal_printf(r, "%lld", (long long)n));
}

/* One count of one statement; -1 on a database error. */
static int64_t count(struct portal_req *r, struct portal_sql *q, const char *types, int64_t a, int64_t b)
{
	struct portal_rows *row;
	return portal_query_row(r, &row, q, types, a, b) == PORTAL_OK ? portal_col_int(row, N_COUNT) : -1;
}

/* What waits for a customer's user, kept per user in this process while their organisation's work_version
 * (sql/028: its incidents, documents and grants), its users_version (their roles) and the catalogue stand,
 * and until the active grant it counted ends. The start page is the page most opened, its counts change far
 * less often: most views run none of the statements. One slot per user id modulo 1024. */
struct todo_slot {
	struct portal_org_memo memo;
	int64_t user_id;
	uint64_t work_version;
	int64_t stale_at;                    /* the counted grant's end; INT64_MAX without one */
	int64_t waiting, approve, approve_dossier, grant_until;
	bool org_waiting;                    /* waiting counts the organisation's, not only their own */
};
static struct todo_slot todo_cache[1024];

static enum portal_err todo_count(struct portal_req *r, struct todo_slot *t)
{
	bool view_all = portal_has_right(r, "incidents.view_all");
	bool submit = !view_all && portal_has_right(r, "incidents.submit");
	int64_t org = r->sess.org_id, me = r->sess.user_id;
	*t = (struct todo_slot){ .stale_at = INT64_MAX, .org_waiting = view_all };
	if (view_all || submit) {
		t->waiting = view_all ? count(r, &sql_waiting_org, "i", org, 0)
		                      : count(r, &sql_waiting_mine, "ii", org, me);
		if (t->waiting < 0)
			return PORTAL_ERR_DB;
	}
	if (r->sess.profile) {   /* a dossier profile: they may be asked to approve */
		struct portal_rows *q;
		if (portal_query_row(r, &q, &sql_to_approve, "ii", me, org) != PORTAL_OK)
			return PORTAL_ERR_DB;
		t->approve = portal_col_int(q, TA_COUNT);
		t->approve_dossier = portal_col_int(q, TA_DOSSIER);
	}
	if (portal_has_right(r, "support.grant")) {
		struct portal_rows *q;
		enum portal_err rc = portal_query_row(r, &q, &sql_grant, "ii", org, r->now);
		if (rc == PORTAL_OK)
			t->grant_until = t->stale_at = portal_col_int(q, GR_EXPIRES);
		else if (rc != PORTAL_ERR_NOTFOUND)
			return rc;
	}
	portal_org_memo_stamp(r, &t->memo);
	t->user_id = me;
	t->work_version = r->sess.org_work_version;
	return PORTAL_OK;
}

static enum portal_err todo(struct portal_req *r)
{
	if (!r->sess.staff) {
		struct todo_slot *t = &todo_cache[(uint64_t)r->sess.user_id % 1024];
		if (!(t->user_id == r->sess.user_id && portal_org_memo_fresh(r, &t->memo) &&
		      t->work_version == r->sess.org_work_version && r->now < t->stale_at)) {
			enum portal_err rc = todo_count(r, t);
			if (rc != PORTAL_OK) {
				t->user_id = 0;
				return rc;
			}
		}
		set_count(r, "Page.todo.waiting", t->waiting);
		if (t->org_waiting && t->waiting > 0)
			portal_set(r, "Page.todo.org", "1");
		set_count(r, "Page.todo.approve", t->approve);
		if (t->approve > 0 && t->approve_dossier > 0)
			portal_set_int(r, "Page.todo.approve_dossier", t->approve_dossier);
		if (t->grant_until)
			portal_set(r, "Page.todo.grant_until", portal_when(r, t->grant_until));
		return PORTAL_OK;
	}
	/* the vendor's support desk: the queue and the customers' grants, read each time (a few people) */
	if (!portal_has_right(r, "incidents.handle"))
		return PORTAL_OK;
	int64_t queue = count(r, &sql_queue_new, "", 0, 0), grants = count(r, &sql_grants_active, "i", r->now, 0);
	if (queue < 0 || grants < 0)
		return PORTAL_ERR_DB;
	set_count(r, "Page.todo.queue", queue);
	set_count(r, "Page.todo.grants", grants);
	return PORTAL_OK;
}

/* GET /home — any logged-in user. Out: 200. */
static int home(struct portal_req *r)
{
	if (todo(r) != PORTAL_OK)
		return 503;
	if (portal_has_right(r, "users.manage")) {
		if (portal_set_checklist(r, "Page.check") != PORTAL_OK)
			return 503;
		portal_set(r, "Page.manage", "1");
	}
	portal_set(r, "Page.mobile", r->sess.mobile);   /* their own number: shown in full (CRY-04) */
	portal_set_own_roles(r, "Page.roles");
	return portal_render(r, 200, "home.cs");
}

PORTAL_PROGRAM("home", ("home.cs"),
	PORTAL_ROUTE_USER("GET", "/home", home, NULL, PORTAL_RF_OWN)
)
