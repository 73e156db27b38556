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

#define CONFIRM_TTL 600   /* a prepared grant is confirmed within 10 minutes, in the same session */

static const char *const scopes[] = { "read", "write", NULL };
static const char *const notices[] = { "granted", "revoked", "entered", "left", NULL };
enum { LF_M, LF_BEFORE };
static const struct portal_field list_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ "before", PF_INT, 0, 1, 9007199254740991LL, NULL },   /* the page of grants older than this one */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
#define LIST_PAGE 50
enum { DF_M, DF_Q, DF_AK, DF_AI };
static const struct portal_field desk_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ "q", PF_LINE, 0, 0, 100, NULL },                     /* a customer's name, or part of it */
	{ "ak", PF_INT, 0, 1, 9007199254740991LL, NULL },    /* the keyset: the last row's end and id */
	{ "ai", PF_INT, 0, 1, 9007199254740991LL, NULL },
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
	{ "scope", PF_ENUM, PF_REQUIRED, 0, 0, scopes },
	{ "hours", PF_INT, PF_REQUIRED, 1, 72, NULL },
	{ "reason", PF_TEXT, 0, 0, 300, NULL },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { CF_SCOPE, CF_HOURS, CF_CODE };
static const struct portal_field confirm_fields[] = {
	{ "scope", PF_ENUM, PF_REQUIRED, 0, 0, scopes },
	{ "hours", PF_INT, PF_REQUIRED, 1, 72, NULL },
	{ "code", PF_DIGITS, PF_REQUIRED, 6, 6, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const char *name_at(struct portal_req *r, enum portal_stmt st, unsigned c)
{
	return portal_db_null(st, c) ? NULL : portal_full_name(r, portal_db_str(st, c), portal_db_str(st, c + 1),
		portal_db_str(st, c + 2));
}

/* One grant row (ST_SUPPORT_LIST / ST_SUPPORT_GET) into node x; returns its state. */
static const char *grant_row(struct portal_req *r, enum portal_stmt st, void *x)
{
	int64_t confirmed = portal_db_int(st, 5), expires = portal_db_int(st, 6), revoked = portal_db_int(st, 7);
	const char *state = revoked ? (confirmed ? "revoked" : "dropped") : !confirmed ? "prepared"
		: expires > r->now && portal_db_null(st, 18) ? "active" : "expired";
	portal_nset_int(r, x, "id", portal_db_int(st, 0));
	portal_nset(r, x, "state", state);
	portal_nset(r, x, "state_text", portal_text(r, portal_printf(r, "Support.state_%s", state)));
	portal_nset(r, x, "scope", portal_db_str(st, 1));
	portal_nset(r, x, "scope_text", portal_text(r, !strcmp(portal_db_str(st, 1), "write") ? "Support.scope_write"
		: "Support.scope_read"));
	portal_nset_int(r, x, "hours", portal_db_int(st, 2));
	portal_nset(r, x, "reason", portal_db_str(st, 3));
	portal_nset(r, x, "created", portal_when(r, portal_db_int(st, 4)));
	portal_nset(r, x, "confirmed", portal_when(r, confirmed));
	portal_nset(r, x, "expires", portal_when(r, expires));
	portal_nset(r, x, "revoked", portal_when(r, revoked));
	portal_nset(r, x, "first_used", portal_when(r, portal_db_int(st, 8)));
	portal_nset(r, x, "by", name_at(r, st, 9));
	portal_nset(r, x, "revoked_by", name_at(r, st, 12));
	portal_nset_int(r, x, "requests", portal_db_int(st, 17));
	/* confirmable: prepared by this admin in this session, a few minutes ago */
	bool mine = !confirmed && !revoked && portal_db_int(st, 15) == r->sess.user_id &&
		portal_db_int(st, 16) == r->sess.id && r->now - portal_db_int(st, 4) <= CONFIRM_TTL;
	portal_nset_int(r, x, "confirmable", mine);
	return state;
}

static int list_page(struct portal_req *r, int status, const char *error_key)
{
	portal_set_int(r, "Page.has_app", r->sess.has_totp);
	int64_t before = r->in && r->route->fields == list_fields && r->in[LF_BEFORE].present ? r->in[LF_BEFORE].i : 0;
	if (portal_db_exec(r, ST_SUPPORT_LIST, "iiiIIi", r->sess.org_id, r->sess.user_id, r->now - CONFIRM_TTL, before,
		before, (int64_t)(LIST_PAGE + 1)) != PORTAL_OK)
		return 503;
	void *l = portal_node(r, NULL, "Page.grants");
	size_t n = 0;
	int f;
	int64_t last = 0;
	while ((f = portal_db_fetch(r, ST_SUPPORT_LIST)) == 1) {
		if (n == LIST_PAGE) {
			portal_set_int(r, "Page.older", last);
			continue;
		}
		void *x = portal_node_i(r, l, n++);
		last = portal_db_int(ST_SUPPORT_LIST, 0);
		if (!strcmp(grant_row(r, ST_SUPPORT_LIST, x), "active"))
			portal_set_int(r, "Page.active", last);
	}
	if (f < 0)
		return 503;
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
	int seen = portal_once_seen(r, once);   /* this form prepared a grant before (a double click, a retry) */
	if (seen)
		return seen;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_SUPPORT_INSERT, "isisiii", r->sess.org_id, r->in[PF_SCOPE].s, r->in[PF_HOURS].i,
		     r->in[PF_REASON].s ? r->in[PF_REASON].s : "", r->sess.user_id, r->sess.id, r->now)) != PORTAL_OK)
		goto fail;
	int64_t id = portal_db_insert_id(ST_SUPPORT_INSERT);
	const char *done = portal_printf(r, "/support/grants/%lld", (long long)id);
	if ((rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);   /* a copy of this form committed first */
	if (rc != PORTAL_OK || (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, done);
fail:
	portal_db_rollback(r);
	return 503;
}

static int grant_page(struct portal_req *r, int status, const char *error_key)
{
	enum portal_err rc = portal_db_row(r, ST_SUPPORT_GET, "ii", r->path_id, r->sess.org_id);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	const char *state = grant_row(r, ST_SUPPORT_GET, portal_node(r, NULL, "Page.grant"));
	portal_set_int(r, "Page.has_app", r->sess.has_totp);
	if (!strcmp(state, "prepared") || !strcmp(state, "dropped")) {
		return portal_render_page(r, status, error_key, notices, "Support", "grant", "support.cs");
	}
	/* what the desk did under it, newest first, 100 a page */
	const struct portal_value *before = r->in && r->route->fields == grant_fields ? &r->in[1] : NULL;
	int64_t b = before && before->present && before->valid ? before->i : 0;
	if (portal_db_exec(r, ST_SUPPORT_LOG, "iiIIi", r->path_id, r->sess.org_id, b, b, (int64_t)101) != PORTAL_OK)
		return 503;
	void *l = portal_node(r, NULL, "Page.log");
	size_t n = 0;
	int f;
	int64_t last = 0;
	while ((f = portal_db_fetch(r, ST_SUPPORT_LOG)) == 1) {
		if (n == 100) {
			portal_set_int(r, "Page.older", last);
			continue;
		}
		void *x = portal_node_i(r, l, n++);
		last = portal_db_int(ST_SUPPORT_LOG, 0);
		portal_nset(r, x, "at", portal_when(r, portal_db_int(ST_SUPPORT_LOG, 1)));
		const char *event = portal_db_str(ST_SUPPORT_LOG, 2), *detail = portal_db_str(ST_SUPPORT_LOG, 3);
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
		portal_nset(r, x, "who", name_at(r, ST_SUPPORT_LOG, 4));
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
	int64_t w = portal_throttle_wait(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid);
	if (w < 0)
		return 503;
	if (w > 0) {
		portal_retry_after(r, w);
		return grant_page(r, 429, "Err.throttled");
	}
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	enum portal_stmt q = ST_SUPPORT_LOCK;
	if ((rc = portal_db_row(r, q, "ii", id, org)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? portal_error(r, 404, "Err.not_found") : 503;
	}
	const char *why = NULL, *refusal = NULL;
	if (portal_db_int(q, 2) != uid || portal_db_int(q, 3) != r->sess.id || !portal_db_null(q, 5) ||
	    !portal_db_null(q, 6) || r->now - portal_db_int(q, 4) > CONFIRM_TTL)
		why = "Support.not_pending", refusal = "not a grant prepared in this session in the last 10 minutes";
	else if (strcmp(portal_db_str(q, 0), r->in[CF_SCOPE].s) || portal_db_int(q, 1) != r->in[CF_HOURS].i)
		why = "Support.altered", refusal = "the confirmed details differ from the prepared grant";
	int64_t hours = portal_db_int(q, 1);
	const char *scope = portal_strdup(r, portal_db_str(q, 0));
	if (why) {
		portal_db_rollback(r);
		if (portal_audit_grant(r, "support_grant_refused", org, 0, refusal, id) != PORTAL_OK)
			return 503;
		return grant_page(r, 409, why);
	}
	bool ok = false;
	if ((rc = portal_totp_verify_user(r, uid, r->in[CF_CODE].s, false, &ok)) != PORTAL_OK)
		goto fail;
	if (!ok) {
		portal_db_rollback(r);
		if (portal_throttle_fail(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid) != PORTAL_OK ||
		    portal_audit_grant(r, "support_grant_refused", org, uid, "wrong or used authenticator code", id) != PORTAL_OK)
			return 503;
		return grant_page(r, 401, "Support.wrong_code");
	}
	/* one active grant at a time: an older one ends now */
	if ((rc = portal_db_exec(r, ST_SUPPORT_OTHERS_ACTIVE, "iii", org, id, r->now)) != PORTAL_OK)
		goto fail;
	int64_t older[16];
	size_t n = 0;
	while (n < sizeof older / sizeof *older && portal_db_fetch(r, ST_SUPPORT_OTHERS_ACTIVE) == 1)
		older[n++] = portal_db_int(ST_SUPPORT_OTHERS_ACTIVE, 0);
	for (size_t i = 0; i < n; i++)
		if ((rc = portal_db_exec(r, ST_SUPPORT_REVOKE, "iiii", r->now, uid, r->now, older[i])) != PORTAL_OK ||
		    (rc = portal_audit_grant(r, "support_revoked", org, 0, "replaced by a new grant", older[i])) != PORTAL_OK ||
		    (rc = portal_support_notify(r, older[i], "ended")) != PORTAL_OK)
			goto fail;
	int64_t until = r->now + hours * 3600;
	if ((rc = portal_db_exec(r, ST_SUPPORT_CONFIRM, "iii", r->now, until, id)) != PORTAL_OK)
		goto fail;
	if (portal_db_affected(ST_SUPPORT_CONFIRM) != 1) {
		rc = PORTAL_ERR_DB;
		goto fail;
	}
	if ((rc = portal_audit_grant(r, "support_granted", org, 0, portal_printf(r, "%s access for %lld %s, until %s",
		     scope, (long long)hours, hours == 1 ? "hour" : "hours", portal_when_iso(r, until)), id)) != PORTAL_OK ||
	    (rc = portal_support_notify(r, id, "granted")) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	portal_throttle_clear(r, PORTAL_TH_TOTP_ACCT, &uid, sizeof uid);
	return portal_redirect(r, portal_printf(r, "/support/grants/%lld?m=granted", (long long)id));
fail:
	portal_db_rollback(r);
	return rc == PORTAL_ERR_CONFIG ? portal_error(r, 500, "Err.no_base_url") : 503;
}

/* POST /support/grants/#/revoke — support.grant, CSRF. An active grant ends for the desk's next request and
 * every admin is told; a prepared one is dropped. Out: 303; 404; 409 already ended. */
static int revoke(struct portal_req *r)
{
	int64_t org = r->sess.org_id, id = r->path_id;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	enum portal_stmt q = ST_SUPPORT_LOCK;
	if ((rc = portal_db_row(r, q, "ii", id, org)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? portal_error(r, 404, "Err.not_found") : 503;
	}
	bool confirmed = !portal_db_null(q, 5);
	if (!portal_db_null(q, 6) || !portal_db_null(q, 8) || (confirmed && portal_db_int(q, 7) <= r->now)) {
		portal_db_rollback(r);
		return grant_page(r, 409, "Support.already_ended");
	}
	if ((rc = portal_db_exec(r, ST_SUPPORT_REVOKE, "iiii", r->now, r->sess.user_id, r->now, id)) != PORTAL_OK ||
	    (rc = portal_audit_grant(r, confirmed ? "support_revoked" : "support_grant_dropped", org, 0,
		     confirmed ? "revoked by an admin" : "prepared grant dropped", id)) != PORTAL_OK ||
	    (confirmed && (rc = portal_support_notify(r, id, "ended")) != PORTAL_OK) ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_CONFIG ? portal_error(r, 500, "Err.no_base_url") : 503;
	}
	return portal_redirect(r, confirmed ? portal_printf(r, "/support/grants/%lld?m=revoked", (long long)id)
		: "/support");
}

/* ---- the vendor's desk ---- */

/* The desk: DESK_PAGE grants after the keyset (ak: expires_at, ai: id; 0: the first page), of customers whose
 * name holds q when given. A failed POST shows the first page. */
static int desk_page(struct portal_req *r, int status, const char *error_key, const char *q, int64_t ak, int64_t ai)
{
	enum portal_stmt st = ST_SUPPORT_DESK;
	const char *like = q && *q ? portal_like_pattern(r, q) : NULL;
	if (portal_db_exec(r, st, "issIIIIi", r->now, like, like, ak, ak, ak, ai, (int64_t)(DESK_PAGE + 1)) != PORTAL_OK)
		return 503;
	void *l = portal_node(r, NULL, "Page.grants");
	size_t n = 0;
	int64_t last_end = 0, last_id = 0;
	bool more = false;
	int f;
	while ((f = portal_db_fetch(r, st)) == 1) {
		if (n == DESK_PAGE) {
			more = true;
			continue;
		}
		void *x = portal_node_i(r, l, n++);
		last_id = portal_db_int(st, 0);
		last_end = portal_db_int(st, 4);
		portal_nset_int(r, x, "id", last_id);
		portal_nset_int(r, x, "org_id", portal_db_int(st, 1));
		portal_nset(r, x, "org", portal_db_str(st, 2));
		portal_nset(r, x, "scope_text", portal_text(r, !strcmp(portal_db_str(st, 3), "write") ? "Support.scope_write"
			: "Support.scope_read"));
		portal_nset(r, x, "expires", portal_when(r, last_end));
		portal_nset(r, x, "reason", portal_db_str(st, 5));
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

/* POST /support/desk/# — incidents.handle, CSRF: work in customer #'s data, under its active grant, or
 * (orgs.manage) while it has no active admin of its own. Written to the customer's log. Out: 303 to its
 * colleagues; 404 no such customer, or no grant (as if it did not exist, ACC-07). */
static int enter(struct portal_req *r)
{
	enum portal_err rc = portal_db_row(r, ST_SUPPORT_ORG, "ii", r->now, r->path_id);
	if (rc == PORTAL_ERR_NOTFOUND)
		return desk_page(r, 404, "Support.no_grant", NULL, 0, 0);
	if (rc != PORTAL_OK)
		return 503;
	bool own_admin = portal_db_int(ST_SUPPORT_ORG, 1) != 0;
	int64_t grant = portal_db_int(ST_SUPPORT_ORG, 2);
	bool bootstrap = !own_admin && portal_has_right(r, "orgs.manage");
	if (!grant && !bootstrap)
		return desk_page(r, 404, "Support.no_grant", NULL, 0, 0);
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_SESSION_ACT, "ii", r->path_id, r->sess.id)) != PORTAL_OK ||
	    (rc = portal_audit_grant(r, "support_entered", r->path_id, 0, bootstrap ? "bootstrap: no admin of its own"
		     : "under a support grant", bootstrap ? 0 : grant)) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		return 503;
	}
	return portal_redirect(r, "/users");
}

/* POST /support/desk/leave — incidents.handle, CSRF: back to the vendor's own work. Out: 303. */
static int leave(struct portal_req *r)
{
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_SESSION_ACT, "Ii", (int64_t)0, r->sess.id)) != PORTAL_OK ||
	    (r->sess.acting.org_id && (rc = portal_audit(r, "support_left", r->sess.acting.org_id, 0, "")) != PORTAL_OK) ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		return 503;
	}
	return portal_redirect(r, "/support/desk?m=left");
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_RIGHT("GET", "/support", "support.grant", index_page, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/support", "support.grant", prepare, prepare_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("GET", "/support/grants/#", "support.grant", grant_view, grant_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/support/grants/#/confirm", "support.grant", confirm, confirm_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/support/grants/#/revoke", "support.grant", revoke, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("GET", "/support/desk", "incidents.handle", desk, desk_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/support/desk/leave", "incidents.handle", leave, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/support/desk/#", "incidents.handle", enter, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "support.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "support", routes, templates, &site };
	return portal_main(argc, argv, &prog);
}
