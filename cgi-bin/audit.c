/* audit.c: an organisation's own audit log (/audit, right audit.view): who did what to whom, when and from
 * where, newest first, filtered by colleague, action and dates, in pages of 50 (keyset on the row id).
 * Only rows of the session's organisation (ACC-01); the trail itself is append-only (LOG-02). */
#include <string.h>

#include "portal.h"

#define PAGE 50

enum { F_USER, F_EVENT, F_FROM, F_TO, F_BEFORE };
static const struct portal_field list_fields[] = {
	{ "user", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "event", PF_LINE, 0, 0, 40, NULL },
	{ "from", PF_DATE, 0, 0, 0, NULL },
	{ "to", PF_DATE, 0, 0, 0, NULL },
	{ "before", PF_INT, 0, 1, INT64_MAX, NULL },
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
	enum portal_err rc = portal_db_exec(r, ST_AUDIT_LIST, "iIIIssIIIIIIi", r->sess.org_id, uid, uid, uid,
		event->s, event->s, t_from, t_from, t_to, t_to, before_id, before_id, (int64_t)(PAGE + 1));
	if (rc != PORTAL_OK)
		return 503;
	size_t n = 0;
	int64_t last = 0;
	bool more = false;
	int f;
	enum portal_stmt q = ST_AUDIT_LIST;
	while ((f = portal_db_fetch(r, q)) == 1) {
		if (n == PAGE) {
			more = true;
			continue;
		}
		const char *p = portal_printf(r, "Page.rows.%zu", n++);
		last = portal_db_int(q, 0);
		portal_set(r, portal_printf(r, "%s.at", p), portal_when(r, portal_db_int(q, 1)));
		portal_set(r, portal_printf(r, "%s.event", p), portal_event_words(r, portal_db_str(q, 2)));
		portal_set(r, portal_printf(r, "%s.code", p), portal_db_str(q, 2));
		if (!portal_db_null(q, 3)) {
			portal_set_int(r, portal_printf(r, "%s.user_id", p), portal_db_int(q, 3));
			portal_set(r, portal_printf(r, "%s.user", p), portal_db_str(q, 7));
		}
		if (!portal_db_null(q, 4)) {
			/* a vendor's support agent is named as the support desk, not by person */
			bool vendor = portal_db_int(q, 9) != 0;
			portal_set(r, portal_printf(r, "%s.actor", p), vendor ? portal_text(r, "Audit.vendor") : portal_db_str(q, 8));
			if (!vendor)
				portal_set_int(r, portal_printf(r, "%s.actor_id", p), portal_db_int(q, 4));
		}
		portal_set(r, portal_printf(r, "%s.addr", p), portal_db_str(q, 5));
		bool words;
		portal_set(r, portal_printf(r, "%s.detail", p), portal_audit_detail_words(r, portal_db_str(q, 2),
			portal_db_str(q, 6), &words));
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
	if (more)
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
	portal_set_int(r, "Page.count", (long long)n);
	return portal_render(r, 200, "audit.cs");
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_RIGHT("GET", "/audit", "audit.view", list, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "audit.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "audit", routes, templates };
	return portal_main(argc, argv, &prog);
}
