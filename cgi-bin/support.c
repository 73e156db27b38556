/* support.c: Toegang voor support (ACC-07, documents 002 and 004): an organisation decides when the vendor's
 * support desk may look at its data, and sees what it did.
 * The organisation's side (support.grant, Beheerder):
 *  - GET  /support                   the grants (active, prepared, past; newest first, 50 a page) and the
 *                                    form for a new one;
 *  - POST /support                   prepare a grant: read or write, 1-72 hours, a reason; needs the admin's
 *                                    authenticator app; shown for confirmation (valid 10 minutes, this session);
 *  - GET  /support/grants/#          one grant: its details, what support did under it, the confirmation form
 *                                    while prepared, revoke while active;
 *  - POST /support/grants/#/confirm  a fresh code from the admin's app, with the prepared scope and hours sent
 *                                    back: any difference from the prepared grant, a used code or a wrong one is
 *                                    refused and nothing is granted (SES-07); a new grant ends an older one;
 *  - POST /support/grants/#/revoke   ends it for the desk's very next request (or drops a prepared one).
 * The admins get an e-mail when a grant is given, first used and ended (revoked here, expired via portalctl).
 * The vendor's side (incidents.handle, the support desk):
 *  - GET  /support/desk              every customer's active grant, the soonest to end first, 100 a page,
 *                                    with a search by the customer's name;
 *  - POST /support/desk/#            work in that customer's data: only under its active grant, or while it has
 *                                    no admin of its own (bootstrap, orgs.manage); 404 otherwise;
 *  - POST /support/desk/leave        back to the vendor's own work.
 * What the desk may do inside is decided per request by the authorisation query (session.c, app.c). */
#include <string.h>

#include "portal.h"
#include "site.h"
#include "holders.h"

#define CONFIRM_TTL 600   /* a prepared grant is confirmed within 10 minutes, in the same session */

static const char *const scopes[] = { "read", "write", NULL };
static const char *const notices[] = { "granted", "revoked", "entered", "left", NULL };
enum { LF_M, LF_BEFORE };
static const struct portal_field list_fields[] = {
	[LF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	[LF_BEFORE] = { "before", PF_INT, 0, 1, 9007199254740991LL, NULL },   /* the page of grants older than this one */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
#define LIST_PAGE 50
enum { DF_M, DF_Q, DF_AK, DF_AI };
static const struct portal_field desk_fields[] = {
	[DF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	[DF_Q] = { "q", PF_LINE, 0, 0, 100, NULL },                     /* a customer's name, or part of it */
	[DF_AK] = { "ak", PF_INT, 0, 1, 9007199254740991LL, NULL },    /* the keyset: the last row's end and id */
	[DF_AI] = { "ai", PF_INT, 0, 1, 9007199254740991LL, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
#define DESK_PAGE 100
static const struct portal_field grant_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ "before", PF_INT, 0, 1, 9007199254740991LL, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { PF_SCOPE, PF_HOURS, PF_REASON, PF_ONCE };
static const struct portal_field prepare_fields[] = {
	[PF_SCOPE] = { "scope", PF_ENUM, PF_REQUIRED, 0, 0, scopes },
	[PF_HOURS] = { "hours", PF_INT, PF_REQUIRED, 1, 72, NULL },
	[PF_REASON] = { "reason", PF_TEXT, 0, 0, 300, NULL },
	[PF_ONCE] = { "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { CF_SCOPE, CF_HOURS, CF_CODE };
static const struct portal_field confirm_fields[] = {
	[CF_SCOPE] = { "scope", PF_ENUM, PF_REQUIRED, 0, 0, scopes },
	[CF_HOURS] = { "hours", PF_INT, PF_REQUIRED, 1, 72, NULL },
	[CF_CODE] = { "code", PF_DIGITS, PF_REQUIRED, 6, 6, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The full name whose given name, surname prefix and surname are the row's columns from given on; NULL if none. */
static const char *name_at(struct portal_req *r, const struct portal_rows *q, unsigned given)
{
	return portal_col_null(q, given) ? NULL : portal_full_name(r, portal_col(q, given), portal_col(q, given + 1),
		portal_col(q, given + 2));
}

/* A grant with who gave and who revoked it, and how many requests the desk made under it */
#define GRANT_COLS                                                                                             \
	"SELECT g.id, g.scope, g.hours, g.reason, g.created_at, g.confirmed_at, g.expires_at, g.revoked_at,"        \
	" g.first_used_at, gu.given_name, gu.name_prefix, gu.family_name, ru.given_name, ru.name_prefix,"          \
	" ru.family_name, g.granted_by, g.session_id,"                                                            \
	" (SELECT COUNT(*) FROM audit_log a WHERE a.grant_id = g.id AND a.event = 'support_request'),"            \
	" g.end_notified_at"                                                                                      \
	" FROM support_grants g JOIN users gu ON gu.id = g.granted_by LEFT JOIN users ru ON ru.id = g.revoked_by"
enum { GR_ID, GR_SCOPE, GR_HOURS, GR_REASON, GR_CREATED, GR_CONFIRMED, GR_EXPIRES, GR_REVOKED, GR_FIRST_USED,
	GR_BY_GIVEN, GR_BY_PREFIX, GR_BY_FAMILY, GR_REVOKER_GIVEN, GR_REVOKER_PREFIX, GR_REVOKER_FAMILY, GR_BY, GR_SESSION,
	GR_REQUESTS, GR_END_NOTIFIED, GR__N };
/* the organisation's grants, newest first: confirmed ones, and what the admin prepared in the last minutes; a page
 * before a grant's id (keyset) */
PORTAL_SQL(sql_list, GR__N, GRANT_COLS " WHERE g.org_id = ? AND (g.confirmed_at IS NOT NULL OR (g.granted_by = ?"
	" AND g.revoked_at IS NULL AND g.created_at > ?)) AND (? IS NULL OR g.id < ?) ORDER BY g.id DESC LIMIT ?");
PORTAL_SQL(sql_get, GR__N, GRANT_COLS " WHERE g.id = ? AND g.org_id = ?");

/* One grant row (sql_list, sql_get) into node x; returns its state. */
static const char *grant_row(struct portal_req *r, const struct portal_rows *st, void *x)
{
	int64_t confirmed = portal_col_int(st, GR_CONFIRMED), expires = portal_col_int(st, GR_EXPIRES), revoked = portal_col_int(st, GR_REVOKED);
	const char *state = revoked ? (confirmed ? "revoked" : "dropped") : !confirmed ? "prepared"
		: expires > r->now && portal_col_null(st, GR_END_NOTIFIED) ? "active" : "expired";
	portal_nset_int(r, x, "id", portal_col_int(st, GR_ID));
	portal_nset(r, x, "state", state);
	portal_nset(r, x, "state_text", portal_text(r, portal_printf(r, "Support.state_%s", state)));
	portal_nset(r, x, "scope", portal_col(st, GR_SCOPE));
	portal_nset(r, x, "scope_text", portal_text(r, !strcmp(portal_col(st, GR_SCOPE), "write") ? "Support.scope_write"
		: "Support.scope_read"));
	portal_nset_int(r, x, "hours", portal_col_int(st, GR_HOURS));
	portal_nset(r, x, "reason", portal_col(st, GR_REASON));
	portal_nset(r, x, "created", portal_when(r, portal_col_int(st, GR_CREATED)));
	portal_nset(r, x, "confirmed", portal_when(r, confirmed));
	portal_nset(r, x, "expires", portal_when(r, expires));
	portal_nset(r, x, "revoked", portal_when(r, revoked));
	portal_nset(r, x, "first_used", portal_when(r, portal_col_int(st, GR_FIRST_USED)));
	portal_nset(r, x, "by", name_at(r, st, GR_BY_GIVEN));
	portal_nset(r, x, "revoked_by", name_at(r, st, GR_REVOKER_GIVEN));
	portal_nset_int(r, x, "requests", portal_col_int(st, GR_REQUESTS));
	/* confirmable: prepared by this admin in this session, a few minutes ago */
	bool mine = !confirmed && !revoked && portal_col_int(st, GR_BY) == r->sess.user_id &&
		portal_col_int(st, GR_SESSION) == r->sess.id && r->now - portal_col_int(st, GR_CREATED) <= CONFIRM_TTL;
	portal_nset_int(r, x, "confirmable", mine);
	return state;
}

static int list_page(struct portal_req *r, int status, const char *error_key)
{
	portal_set_int(r, "Page.has_app", r->sess.has_totp);
	int64_t before = r->in && r->route->fields == list_fields && r->in[LF_BEFORE].present ? r->in[LF_BEFORE].i : 0;
	struct portal_rows *st;
	if (portal_query(r, &st, &sql_list, "iiiIIi", r->sess.org_id, r->sess.user_id, r->now - CONFIRM_TTL, before,
		before, (int64_t)(LIST_PAGE + 1)) != PORTAL_OK)
		return 503;
	struct portal_list page = { .pg.size = LIST_PAGE, .list = portal_node(r, NULL, "Page.grants"), .id_col = GR_ID };
	while (portal_list_next(r, st, &page)) {
		if (!strcmp(grant_row(r, st, page.item), "active"))
			portal_set_int(r, "Page.active", page.last);
	}
	if (page.failed)
		return 503;
	if (page.pg.more)
		portal_set_int(r, "Page.older", page.last);
	if (before)
		portal_set_int(r, "Page.before", before);
	if (error_key && r->in && r->route->fields == prepare_fields) {   /* a refused form shows what was typed */
		portal_set(r, "Page.form.scope", r->in[PF_SCOPE].valid ? r->in[PF_SCOPE].s : NULL);
		portal_set_int(r, "Page.form.hours", r->in[PF_HOURS].valid ? r->in[PF_HOURS].i : 4);
		portal_set(r, "Page.form.reason", r->in[PF_REASON].s);
	} else {
		portal_set_int(r, "Page.form.hours", 4);
	}
	portal_set(r, "Page.once", portal_once_token(r));
	return portal_render_page(r, status, error_key, notices, "Support", "list", "support.cs");
}

/* GET /support — support.grant. In: m, before (the grants older than that one: 50 a page). Out: 200; 400. */
static int index_page(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return portal_error(r, 400, bad);
	return list_page(r, 200, NULL);
}

PORTAL_SQL(sql_insert, 0,
	"INSERT INTO support_grants (org_id, scope, hours, reason, granted_by, session_id, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)");

/* POST /support — support.grant, CSRF. In: scope, hours (1-72), reason, once (the same form again prepares
 * nothing more: DI-02). Needs the admin's authenticator app (the confirmation is a code from it). Out: 303 to
 * the grant's confirmation; 409 no app; 422 (nothing saved). */
static int prepare(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return list_page(r, 422, bad);
	if (!r->sess.has_totp)
		return list_page(r, 409, "Support.need_app");
	const char *once = r->in[PF_ONCE].s;
	int seen = portal_once_begin(r, once);   /* this form prepared a grant before (a double click, a retry) */
	if (seen)
		return seen;
	enum portal_err rc;
	struct portal_wrote w;
	if ((rc = portal_exec(r, &sql_insert, &w, "isisiii", r->sess.org_id, r->in[PF_SCOPE].s, r->in[PF_HOURS].i,
		     r->in[PF_REASON].s ? r->in[PF_REASON].s : "", r->sess.user_id, r->sess.id, r->now)) != PORTAL_OK)
		return portal_failed(r, rc);
	int64_t id = w.id;
	const char *done = portal_printf(r, "/support/grants/%lld", (long long)id);
	return portal_once_commit(r, rc, once, done);
}

/* what the support desk did under a grant, newest first (keyset on the audit row's id) */
enum { LG_ID, LG_AT, LG_EVENT, LG_DETAIL, LG_GIVEN, LG_PREFIX, LG_FAMILY, LG__N };
PORTAL_SQL(sql_log, LG__N,
	"SELECT a.id, a.at, a.event, a.detail, u.given_name, u.name_prefix, u.family_name FROM audit_log a"
	" LEFT JOIN users u ON u.id = a.actor_id WHERE a.grant_id = ? AND a.org_id = ? AND (? IS NULL OR a.id < ?)"
	" ORDER BY a.id DESC LIMIT ?");

static int grant_page(struct portal_req *r, int status, const char *error_key)
{
	struct portal_rows *g;
	int answer = portal_row_or_404(r, &g, &sql_get, "ii", r->path_id, r->sess.org_id);
	if (answer)
		return answer;
	const char *state = grant_row(r, g, portal_node(r, NULL, "Page.grant"));
	portal_set_int(r, "Page.has_app", r->sess.has_totp);
	if (!strcmp(state, "prepared") || !strcmp(state, "dropped")) {
		return portal_render_page(r, status, error_key, notices, "Support", "grant", "support.cs");
	}
	/* what the desk did under it, newest first, 100 a page */
	const struct portal_value *before = r->in && r->route->fields == grant_fields ? &r->in[1] : NULL;
	int64_t b = before && before->present && before->valid ? before->i : 0;
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_log, "iiIIi", r->path_id, r->sess.org_id, b, b, (int64_t)101) != PORTAL_OK)
		return 503;
	void *l = portal_node(r, NULL, "Page.log");
	size_t n = 0;
	int f;
	int64_t last = 0;
	while ((f = portal_next(q)) == 1) {
		if (n == 100) {
			portal_set_int(r, "Page.older", last);
			continue;
		}
		void *x = portal_node_i(r, l, n++);
		last = portal_col_int(q, LG_ID);
		portal_nset(r, x, "at", portal_when(r, portal_col_int(q, LG_AT)));
		const char *event = portal_col(q, LG_EVENT), *detail = portal_col(q, LG_DETAIL);
		portal_nset(r, x, "event", portal_event_words(r, event));
		/* a request support made here ("GET /users/14") says what it was: looked at, or sent a form to */
		if (event && !strcmp(event, "support_request") && detail && (!strncmp(detail, "GET ", 4) || !strncmp(detail, "POST ", 5))) {
			detail = portal_fill(r, portal_text(r, detail[0] == 'G' ? "Support.log_viewed" : "Support.log_sent"), "page",
				strchr(detail, ' ') + 1, NULL);
			portal_nset(r, x, "words", "1");   /* in the reader's language */
		} else {
			bool words;
			detail = portal_audit_detail_words(r, event, detail, &words);
			if (words)
				portal_nset(r, x, "words", "1");   /* else the log's English */
		}
		portal_nset(r, x, "detail", detail);
		portal_nset(r, x, "who", name_at(r, q, LG_GIVEN));
	}
	if (f < 0)
		return 503;
	return portal_render_page(r, status, error_key, notices, "Support", "grant", "support.cs");
}

/* GET /support/grants/# — support.grant, the organisation's grants only. In: m, before. Out: 200; 404. */
static int grant_view(struct portal_req *r)
{
	return grant_page(r, 200, NULL);
}

enum { LK_SCOPE, LK_HOURS, LK_GRANTED_BY, LK_SESSION, LK_CREATED, LK_CONFIRMED, LK_REVOKED, LK_EXPIRES, LK_END_NOTIFIED, LK__N };
PORTAL_SQL(sql_lock, LK__N,
	"SELECT scope, hours, granted_by, session_id, created_at, confirmed_at, revoked_at, expires_at, end_notified_at"
	" FROM support_grants WHERE id = ? AND org_id = ? FOR UPDATE");

enum { OA_ID, OA__N };
PORTAL_SQL(sql_others_active, OA__N,
	"SELECT id FROM support_grants WHERE org_id = ? AND id <> ? AND confirmed_at IS NOT NULL AND revoked_at IS NULL"
	" AND end_notified_at IS NULL AND expires_at > ? FOR UPDATE");

PORTAL_SQL(sql_revoke, 0,
	"UPDATE support_grants SET revoked_at = ?, revoked_by = ?, end_notified_at = ? WHERE id = ? AND revoked_at IS NULL");

PORTAL_SQL(sql_confirm, 0,
	"UPDATE support_grants SET confirmed_at = ?, expires_at = ?, session_id = NULL"
	" WHERE id = ? AND confirmed_at IS NULL AND revoked_at IS NULL");

/* POST /support/grants/#/confirm — support.grant, CSRF. In: scope and hours as prepared, code (6 digits from
 * the admin's app). The grant is locked; prepared by this admin in this session within 10 minutes; the sent
 * details must equal the prepared ones (an altered form: 409), the code must be right and unused (401; 5 wrong
 * per 5 minutes: 429). Then it is active from now for its hours, an older active grant ends, every admin is
 * told. Refusals are audited. Out: 303; 401; 404; 409; 422; 429. */
static int confirm(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return grant_page(r, 422, bad);
	int64_t uid = r->sess.user_id, org = r->sess.org_id, id = r->path_id;
	int th = portal_throttle_check(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid, false);
	if (th)
		return th == 429 ? grant_page(r, 429, "Err.throttled") : th;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_rows *q;
	if ((rc = portal_query_row(r, &q, &sql_lock, "ii", id, org)) != PORTAL_OK)
		return portal_failed(r, rc);
	const char *why = NULL, *refusal = NULL;
	if (portal_col_int(q, LK_GRANTED_BY) != uid || portal_col_int(q, LK_SESSION) != r->sess.id || !portal_col_null(q, LK_CONFIRMED) ||
	    !portal_col_null(q, LK_REVOKED) || r->now - portal_col_int(q, LK_CREATED) > CONFIRM_TTL)
		why = "Support.not_pending", refusal = "not a grant prepared in this session in the last 10 minutes";
	else if (strcmp(portal_col(q, LK_SCOPE), r->in[CF_SCOPE].s) || portal_col_int(q, LK_HOURS) != r->in[CF_HOURS].i)
		why = "Support.altered", refusal = "the confirmed details differ from the prepared grant";
	int64_t hours = portal_col_int(q, LK_HOURS);
	const char *scope = portal_strdup(r, portal_col(q, LK_SCOPE));
	if (why) {
		portal_db_rollback(r);
		if (portal_audit_grant(r, "support_grant_refused", org, 0, refusal, id) != PORTAL_OK)
			return 503;
		return grant_page(r, 409, why);
	}
	bool ok = false;
	if ((rc = portal_totp_verify_user(r, uid, r->in[CF_CODE].s, false, &ok)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (!ok) {
		portal_db_rollback(r);
		if (portal_throttle_fail(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid) != PORTAL_OK ||
		    portal_audit_grant(r, "support_grant_refused", org, uid, "wrong or used authenticator code", id) != PORTAL_OK)
			return 503;
		return grant_page(r, 401, "Support.wrong_code");
	}
	/* one active grant at a time: an older one ends now */
	if ((rc = portal_query(r, &q, &sql_others_active, "iii", org, id, r->now)) != PORTAL_OK)
		return portal_failed(r, rc);
	int64_t older[16];
	size_t n = 0;
	while (n < sizeof older / sizeof *older && portal_next(q) == 1)
		older[n++] = portal_col_int(q, OA_ID);
	portal_rows_close(q);
	for (size_t i = 0; i < n; i++)
		if ((rc = portal_exec(r, &sql_revoke, NULL, "iiii", r->now, uid, r->now, older[i])) != PORTAL_OK ||
		    (rc = portal_audit_grant(r, "support_revoked", org, 0, "replaced by a new grant", older[i])) != PORTAL_OK ||
		    (rc = portal_support_notify(r, older[i], "ended")) != PORTAL_OK)
			return portal_failed(r, rc);
	int64_t until = r->now + hours * 3600;
	struct portal_wrote confirmed;
	if ((rc = portal_exec(r, &sql_confirm, &confirmed, "iii", r->now, until, id)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (confirmed.rows != 1)
		return portal_failed(r, PORTAL_ERR_DB);
	if ((rc = portal_audit_grant(r, "support_granted", org, 0, portal_printf(r, "%s access for %lld %s, until %s",
		     scope, (long long)hours, hours == 1 ? "hour" : "hours", portal_when_iso(r, until)), id)) != PORTAL_OK ||
	    (rc = portal_support_notify(r, id, "granted")) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return portal_failed(r, rc);
	portal_throttle_clear(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid);
	return portal_redirect(r, portal_printf(r, "/support/grants/%lld?m=granted", (long long)id));
}

/* POST /support/grants/#/revoke — support.grant, CSRF. An active grant ends for the desk's next request and
 * every admin is told; a prepared one is dropped. Out: 303; 404; 409 already ended. */
static int revoke(struct portal_req *r)
{
	int64_t org = r->sess.org_id, id = r->path_id;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_rows *q;
	if ((rc = portal_query_row(r, &q, &sql_lock, "ii", id, org)) != PORTAL_OK)
		return portal_failed(r, rc);
	bool confirmed = !portal_col_null(q, LK_CONFIRMED);
	if (!portal_col_null(q, LK_REVOKED) || !portal_col_null(q, LK_END_NOTIFIED) || (confirmed && portal_col_int(q, LK_EXPIRES) <= r->now)) {
		portal_db_rollback(r);
		return grant_page(r, 409, "Support.already_ended");
	}
	if ((rc = portal_exec(r, &sql_revoke, NULL, "iiii", r->now, r->sess.user_id, r->now, id)) != PORTAL_OK ||
	    (rc = portal_audit_grant(r, confirmed ? "support_revoked" : "support_grant_dropped", org, 0,
		     confirmed ? "revoked by an admin" : "prepared grant dropped", id)) != PORTAL_OK ||
	    (confirmed && (rc = portal_support_notify(r, id, "ended")) != PORTAL_OK))
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, confirmed ? portal_printf(r, "/support/grants/%lld?m=revoked", (long long)id)
		: "/support");
}

/* ---- the vendor's desk ---- */

/* the vendor's desk: every customer's active grant, the soonest to end first, a page after the keyset
 * (expires_at, id), of customers whose name matches a LIKE pattern when one is given (params now, like,
 * like, ak, ak, ak, ai, limit) */
enum { SD_ID, SD_ORG, SD_ORG_NAME, SD_SCOPE, SD_EXPIRES, SD_REASON, SD_GIVEN, SD_PREFIX, SD_FAMILY, SD__N };
PORTAL_SQL(sql_desk, SD__N,
	"SELECT g.id, g.org_id, o.name, g.scope, g.expires_at, g.reason, gu.given_name, gu.name_prefix, gu.family_name"
	" FROM support_grants g JOIN organisations o ON o.id = g.org_id JOIN users gu ON gu.id = g.granted_by"
	" WHERE g.end_notified_at IS NULL AND g.expires_at > ? AND g.confirmed_at IS NOT NULL AND g.revoked_at IS NULL"
	" AND (? IS NULL OR o.name LIKE ?) AND (? IS NULL OR g.expires_at > ? OR (g.expires_at = ? AND g.id > ?))"
	" ORDER BY g.expires_at, g.id LIMIT ?");

/* The desk: DESK_PAGE grants after the keyset (ak: expires_at, ai: id; 0: the first page), of customers whose
 * name holds q when given. A failed POST shows the first page. */
static int desk_page(struct portal_req *r, int status, const char *error_key, const char *q, int64_t ak, int64_t ai)
{
	const char *like = q && *q ? portal_like_pattern(r, q) : NULL;
	struct portal_rows *st;
	if (portal_query(r, &st, &sql_desk, "issIIIIi", r->now, like, like, ak, ak, ak, ai, (int64_t)(DESK_PAGE + 1)) != PORTAL_OK)
		return 503;
	void *l = portal_node(r, NULL, "Page.grants");
	size_t n = 0;
	int64_t last_end = 0, last_id = 0;
	bool more = false;
	int f;
	while ((f = portal_next(st)) == 1) {
		if (n == DESK_PAGE) {
			more = true;
			continue;
		}
		void *x = portal_node_i(r, l, n++);
		last_id = portal_col_int(st, SD_ID);
		last_end = portal_col_int(st, SD_EXPIRES);
		portal_nset_int(r, x, "id", last_id);
		portal_nset_int(r, x, "org_id", portal_col_int(st, SD_ORG));
		portal_nset(r, x, "org", portal_col(st, SD_ORG_NAME));
		portal_nset(r, x, "scope_text", portal_text(r, !strcmp(portal_col(st, SD_SCOPE), "write") ? "Support.scope_write"
			: "Support.scope_read"));
		portal_nset(r, x, "expires", portal_when(r, last_end));
		portal_nset(r, x, "reason", portal_col(st, SD_REASON));
		portal_nset(r, x, "by", name_at(r, st, 6));
	}
	if (f < 0)
		return 503;
	portal_set(r, "Page.q", like ? q : NULL);
	portal_keyset_links(r, like ? portal_printf(r, "/support/desk?q=%s", portal_url_encode(r, q)) : "/support/desk", ak > 0,
		more, portal_printf(r, "%lld", (long long)last_end), last_id, NULL);
	return portal_render_page(r, status, error_key, notices, "Support", "desk", "support.cs");
}

/* GET /support/desk — incidents.handle. In: m, q (a customer's name), ak/ai (the page's keyset). Out: 200;
 * 400 bad input. */
static int desk(struct portal_req *r)
{
	for (int i = DF_Q; i <= DF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	bool keyset = r->in[DF_AK].s && r->in[DF_AI].s;
	return desk_page(r, 200, NULL, r->in[DF_Q].s, keyset ? r->in[DF_AK].i : 0, keyset ? r->in[DF_AI].i : 0);
}

/* may the support desk enter this customer: its active admins, its newest active grant */
enum { SO_NAME, SO_OWN_ADMIN, SO_GRANT, SO__N };
PORTAL_SQL(sql_org, SO__N,
	"SELECT o.name,"
	" EXISTS (SELECT 1 FROM" SQL_ADMINS("o.id") "),"
	" (SELECT MAX(g.id) FROM support_grants g WHERE g.org_id = o.id AND g.confirmed_at IS NOT NULL"
	"  AND g.revoked_at IS NULL AND g.end_notified_at IS NULL AND g.expires_at > ?)"
	" FROM organisations o WHERE o.id = ? AND o.kind = 'customer'");

PORTAL_SQL(sql_session_act, 0,
	"UPDATE sessions SET acting_org_id = ? WHERE id = ?");

/* POST /support/desk/# — incidents.handle, CSRF: work in customer #'s data, under its active grant, or
 * (orgs.manage) while it has no active admin of its own. Written to the customer's log. Out: 303 to its
 * colleagues; 404 no such customer, or no grant (as if it did not exist, ACC-07). */
static int enter(struct portal_req *r)
{
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_org, "ii", r->now, r->path_id);
	if (rc == PORTAL_ERR_NOTFOUND)
		return desk_page(r, 404, "Support.no_grant", NULL, 0, 0);
	if (rc != PORTAL_OK)
		return 503;
	bool own_admin = portal_col_int(q, SO_OWN_ADMIN) != 0;
	int64_t grant = portal_col_int(q, SO_GRANT);
	bool bootstrap = !own_admin && portal_has_right(r, "orgs.manage");
	if (!grant && !bootstrap)
		return desk_page(r, 404, "Support.no_grant", NULL, 0, 0);
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_exec(r, &sql_session_act, NULL, "ii", r->path_id, r->sess.id)) != PORTAL_OK ||
	    (rc = portal_audit_grant(r, "support_entered", r->path_id, 0, bootstrap ? "bootstrap: no admin of its own"
		     : "under a support grant", bootstrap ? 0 : grant)) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, "/users");
}

/* POST /support/desk/leave — incidents.handle, CSRF: back to the vendor's own work. Out: 303. */
static int leave(struct portal_req *r)
{
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_exec(r, &sql_session_act, NULL, "Ii", (int64_t)0, r->sess.id)) != PORTAL_OK ||
	    (r->sess.acting.org_id && (rc = portal_audit(r, "support_left", r->sess.acting.org_id, 0, "")) != PORTAL_OK))
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, "/support/desk?m=left");
}

PORTAL_PROGRAM("support", ("support.cs"),
	PORTAL_ROUTE_RIGHT("GET", "/support", "support.grant", index_page, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/support", "support.grant", prepare, prepare_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("GET", "/support/grants/#", "support.grant", grant_view, grant_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/support/grants/#/confirm", "support.grant", confirm, confirm_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/support/grants/#/revoke", "support.grant", revoke, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("GET", "/support/desk", "incidents.handle", desk, desk_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/support/desk/leave", "incidents.handle", leave, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/support/desk/#", "incidents.handle", enter, NULL, PORTAL_RF_OWN)
)
