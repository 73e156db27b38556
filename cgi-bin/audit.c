/* audit.c: an organisation's own audit log (/audit, right audit.view): who did what to whom, when and from
 * where, newest first, filtered by colleague, action and dates, in pages of 50 (keyset on the row id).
 * Only rows of the session's organisation (ACC-01); the trail itself is append-only (LOG-02). */
#include <string.h>

#include "portal.h"
#include "site.h"

#define PAGE 50

enum { F_USER, F_EVENT, F_FROM, F_TO, F_BEFORE };
static const struct portal_field list_fields[] = {
	[F_USER] = { "user", PF_INT, 0, 1, INT64_MAX, NULL },
	[F_EVENT] = { "event", PF_LINE, 0, 0, 40, NULL },
	[F_FROM] = { "from", PF_DATE, 0, 0, 0, NULL },
	[F_TO] = { "to", PF_DATE, 0, 0, 0, NULL },
	[F_BEFORE] = { "before", PF_INT, 0, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The actions an admin can filter on (the events this portal writes for an organisation). */
static const char *const events[] = { "login_ok", "login_failed", "2fa_failed", "login_throttled", "user_added",
	"user_changed", "user_disabled", "user_enabled", "user_removed", "invitation_sent", "invitation_accepted",
	"reset_sent", "reset_requested", "password_reset", "password_changed", "profile_changed", "email_changed",
	"mobile_changed", "mobile_confirmed", "sessions_ended", "users_imported", NULL };

static void add_param(struct portal_req *r, struct portal_buf *b, const char *name, const char *value)
{
	if (value && *value)
		portal_buf_addf(b, "%s=%s&", name, portal_url_encode(r, value));
}

/* An organisation's audit log, newest first, keyset by id (index org_id, id), with the names of the colleague it
 * is about and of who did it. Parameters: org, user x3, event x2, from x2, to x2, before-id x2, limit. */
enum { AL_ID, AL_AT, AL_EVENT, AL_USER_ID, AL_ACTOR_ID, AL_ADDR, AL_DETAIL, AL_USER, AL_ACTOR, AL_ACTOR_VENDOR, AL__N };
PORTAL_SQL(sql_list, AL__N,
	"SELECT a.id, a.at, a.event, a.user_id, a.actor_id, a.client_addr, a.detail,"
	" CONCAT_WS(' ', u.given_name, NULLIF(u.name_prefix, ''), u.family_name),"
	" CONCAT_WS(' ', ac.given_name, NULLIF(ac.name_prefix, ''), ac.family_name), ac.org_id <> a.org_id"
	" FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users ac ON ac.id = a.actor_id"
	" WHERE a.org_id = ? AND (? IS NULL OR a.user_id = ? OR a.actor_id = ?) AND (? IS NULL OR a.event = ?)"
	" AND (? IS NULL OR a.at >= ?) AND (? IS NULL OR a.at < ?) AND (? IS NULL OR a.id < ?)"
	" ORDER BY a.id DESC LIMIT ?");

/* GET /audit — audit.view. In: user (id), event, from, to (dates), before (cursor).
 * Out: 200; 400 malformed filter. */
static int list(struct portal_req *r)
{
	for (int i = F_USER; i <= F_BEFORE; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	const struct portal_value *user = &r->in[F_USER], *event = &r->in[F_EVENT];
	const struct portal_value *from = &r->in[F_FROM], *to = &r->in[F_TO], *before = &r->in[F_BEFORE];
	int64_t uid = user->s ? user->i : 0, t_from = from->s ? from->i : 0;
	int64_t t_to = to->s ? to->i + 86400 : 0, before_id = before->s ? before->i : 0;   /* "to" includes that day */
	struct portal_rows *q;
	enum portal_err rc = portal_query(r, &q, &sql_list, "iIIIssIIIIIIi", r->sess.org_id, uid, uid, uid,
		event->s, event->s, t_from, t_from, t_to, t_to, before_id, before_id, (int64_t)(PAGE + 1));
	if (rc != PORTAL_OK)
		return 503;
	struct portal_page pg = { .size = PAGE };
	int64_t last = 0;
	int f;
	while ((f = portal_page_next(q, &pg)) == 1) {
		const char *p = portal_printf(r, "Page.rows.%zu", pg.i);
		last = portal_col_int(q, AL_ID);
		portal_set(r, portal_printf(r, "%s.at", p), portal_when(r, portal_col_int(q, AL_AT)));
		portal_set(r, portal_printf(r, "%s.event", p), portal_event_words(r, portal_col(q, AL_EVENT)));
		portal_set(r, portal_printf(r, "%s.code", p), portal_col(q, AL_EVENT));
		if (!portal_col_null(q, AL_USER_ID)) {
			portal_set_int(r, portal_printf(r, "%s.user_id", p), portal_col_int(q, AL_USER_ID));
			portal_set(r, portal_printf(r, "%s.user", p), portal_col(q, AL_USER));
		}
		if (!portal_col_null(q, AL_ACTOR_ID)) {
			/* a vendor's support agent is named as the support desk, not by person */
			bool vendor = portal_col_int(q, AL_ACTOR_VENDOR) != 0;
			portal_set(r, portal_printf(r, "%s.actor", p), vendor ? portal_text(r, "Audit.vendor") : portal_col(q, AL_ACTOR));
			if (!vendor)
				portal_set_int(r, portal_printf(r, "%s.actor_id", p), portal_col_int(q, AL_ACTOR_ID));
		}
		portal_set(r, portal_printf(r, "%s.addr", p), portal_col(q, AL_ADDR));
		bool words;
		portal_set(r, portal_printf(r, "%s.detail", p), portal_audit_detail_words(r, portal_col(q, AL_EVENT),
			portal_col(q, AL_DETAIL), &words));
		if (words)
			portal_set(r, portal_printf(r, "%s.words", p), "1");   /* in the reader's language, else English */
	}
	if (f < 0)
		return 503;
	struct portal_buf qs = { 0 };
	add_param(r, &qs, "user", user->s);
	add_param(r, &qs, "event", event->s);
	add_param(r, &qs, "from", from->s);
	add_param(r, &qs, "to", to->s);
	if (pg.more)
		portal_set(r, "Page.next", portal_printf(r, "/audit?%sbefore=%lld", portal_buf_str(&qs), (long long)last));
	if (before->s)
		portal_set(r, "Page.first", qs.len ? portal_printf(r, "/audit?%.*s", (int)qs.len - 1, qs.p) : "/audit");
	portal_buf_free(&qs);
	portal_set(r, "Page.user", user->s);
	portal_set(r, "Page.event", event->s);
	portal_set(r, "Page.from", from->s);
	portal_set(r, "Page.to", to->s);
	void *ev = portal_node(r, NULL, "Page.events");
	for (int i = 0; events[i]; i++) {
		void *e = portal_node_i(r, ev, (size_t)i);
		portal_nset(r, e, "code", events[i]);
		portal_nset(r, e, "words", portal_event_words(r, events[i]));
	}
	portal_set_int(r, "Page.count", (long long)pg.n);
	return portal_render(r, 200, "audit.cs");
}

PORTAL_PROGRAM("audit", ("audit.cs"),
	PORTAL_ROUTE_RIGHT("GET", "/audit", "audit.view", list, list_fields, PORTAL_RF_READ)
)
