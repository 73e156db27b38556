/* support.c: the library's side of support grants (ACC-07, documents 002 and 004): what the support desk may
 * change in a customer (never its admins, never who can log in but in bootstrap); the audit row every request
 * it makes in a customer's data writes (with the grant's id) and, on a grant's first use, the notice to the
 * customer's admins; the e-mails about a grant (given, first used, ended); and the sweep that tells admins a
 * grant expired (portalctl send runs it). Which routes are a customer's data is declared on each route
 * (enum portal_route_flag); the decision itself (which grant, read or write, bootstrap) is made in the
 * authorisation query (session.c) and enforced before any handler runs (app.c). */
#include <string.h>

#include "portal.h"

bool portal_identity_allowed(struct portal_req *r)
{
	return !r->sess.acting.org_id || r->sess.acting.bootstrap;
}

enum portal_err portal_bootstrap_end(struct portal_req *r, int64_t org_id)
{
	enum portal_err rc = portal_db_row(r, ST_ORG_ADMINS_OTHER, "iii", org_id, org_id, (int64_t)0);
	if (rc != PORTAL_OK || portal_db_int(ST_ORG_ADMINS_OTHER, 0) == 0)
		return rc;   /* still no admin of its own: bootstrap goes on */
	if ((rc = portal_db_exec(r, ST_UTOKEN_VOID_VENDOR, "iii", r->now, org_id, r->now)) != PORTAL_OK)
		return rc;
	uint64_t n = portal_db_affected(ST_UTOKEN_VOID_VENDOR);
	if (n == 0)
		return PORTAL_OK;
	return portal_audit(r, "vendor_links_voided", org_id, 0, portal_printf(r, "invitation or reset links sent by vendor"
		" staff made void: %llu; the organisation has an admin of its own", (unsigned long long)n));
}

bool portal_support_may_change(struct portal_req *r, const char *role_ids)
{
	if (!r->sess.acting.org_id)
		return true;
	const struct portal_role **roles;
	size_t n = portal_roles_parse(r, role_ids, &roles);
	for (size_t i = 0; i < n; i++)
		if (portal_role_has_right(roles[i], "users.manage") || portal_role_has_right(roles[i], "support.grant"))
			return false;
	return true;
}

enum portal_err portal_support_log_request(struct portal_req *r)
{
	const struct portal_session *s = &r->sess;
	const char *qs = portal_env(r, "QUERY_STRING");
	const char *what = portal_printf(r, "%s %s%s%s", r->method, r->path, qs && *qs ? "?" : "", qs && *qs ? qs : "");
	enum portal_err rc = portal_audit(r, "support_request", s->org_id, 0,
		s->acting.bootstrap ? portal_printf(r, "%s (bootstrap)", what) : what);
	if (rc != PORTAL_OK || !s->acting.grant_id || !s->acting.first_use)
		return rc;
	/* the grant's first use: once, whoever of the desk is first (the row decides), with the admins told */
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return rc;
	if ((rc = portal_db_exec(r, ST_SUPPORT_FIRST_USE, "iii", r->now, s->user_id, s->acting.grant_id)) == PORTAL_OK &&
	    portal_db_affected(ST_SUPPORT_FIRST_USE) == 1 &&
	    (rc = portal_audit(r, "support_first_use", s->org_id, 0, portal_printf(r, "grant %lld first used",
		(long long)s->acting.grant_id))) == PORTAL_OK)
		rc = portal_support_notify(r, s->acting.grant_id, "first_use");
	if (rc == PORTAL_OK)
		return portal_db_commit(r);
	portal_db_rollback(r);
	return rc;
}

enum portal_err portal_support_notify(struct portal_req *r, int64_t grant_id, const char *kind)
{
	enum portal_stmt q = ST_SUPPORT_GRANT_INFO;
	enum portal_err rc = portal_db_row(r, q, "i", grant_id);
	if (rc != PORTAL_OK)
		return rc == PORTAL_ERR_NOTFOUND ? PORTAL_ERR_DB : rc;
	int64_t org = portal_db_int(q, 0);
	const char *org_name = portal_strdup(r, portal_db_str(q, 1));
	bool write = !strcmp(portal_db_str(q, 2) ? portal_db_str(q, 2) : "", "write");
	const char *reason = portal_strdup(r, portal_db_str(q, 4) ? portal_db_str(q, 4) : "");
	int64_t expires = portal_db_int(q, 6), revoked = portal_db_int(q, 7), first = portal_db_int(q, 11);
	const char *by = portal_full_name(r, portal_db_str(q, 8), portal_db_str(q, 9), portal_db_str(q, 10));
	const char *user = portal_db_null(q, 12) ? "" : portal_full_name(r, portal_db_str(q, 12), portal_db_str(q, 13),
		portal_db_str(q, 14));
	const char *revoker = portal_db_null(q, 15) ? "" : portal_full_name(r, portal_db_str(q, 15), portal_db_str(q, 16),
		portal_db_str(q, 17));
	const char *link = portal_link(r, portal_printf(r, "/support/grants/%lld", (long long)grant_id));
	if ((rc = portal_db_exec(r, ST_SUPPORT_ADMINS, "ii", org, org)) != PORTAL_OK)
		return rc;
	/* the admins first (results are stored client-side, but the mail statements reuse nothing of them) */
	struct adm { int64_t id; const char *email, *given; enum portal_lang lang; } *a = NULL;
	size_t n = 0, cap = 0;
	int f;
	while ((f = portal_db_fetch(r, ST_SUPPORT_ADMINS)) == 1) {
		if (n == cap) {
			struct adm *b = portal_alloc(r, (cap = cap ? 2 * cap : 8) * sizeof *b);
			if (n)
				memcpy(b, a, n * sizeof *b);
			a = b;
		}
		a[n].id = portal_db_int(ST_SUPPORT_ADMINS, 0);
		a[n].email = portal_strdup(r, portal_db_str(ST_SUPPORT_ADMINS, 1));
		a[n].given = portal_strdup(r, portal_db_str(ST_SUPPORT_ADMINS, 2));
		enum portal_lang l = portal_lang_parse(portal_db_str(ST_SUPPORT_ADMINS, 3));
		a[n++].lang = l == PORTAL_NLANG ? PORTAL_NL : l;
	}
	if (f < 0)
		return PORTAL_ERR_DB;
	for (size_t i = 0; i < n && rc == PORTAL_OK; i++) {
		enum portal_lang l = a[i].lang;
		const char *how = !strcmp(kind, "ended") ? (revoked ? portal_fill(r, portal_text_lang(l, "Support.ended_revoked"),
			"who", revoker, "when", portal_when(r, revoked), NULL) : portal_fill(r, portal_text_lang(l,
			"Support.ended_expired"), "when", portal_when(r, expires), NULL)) : "";
		const char *subject = portal_fill(r, portal_text_lang(l, portal_printf(r, "Mail.support_%s_subject", kind)),
			"org", org_name, NULL);
		const char *body = portal_fill(r, portal_text_lang(l, portal_printf(r, "Mail.support_%s_body", kind)),
			"name", a[i].given, "org", org_name, "by", by,
			"scope", portal_text_lang(l, write ? "Support.scope_write" : "Support.scope_read"),
			"until", expires ? portal_when(r, expires) : "", "reason", *reason ? reason : "-",
			"user", user, "when", first ? portal_when(r, first) : "", "how", how,
			"link", link ? link : "", "support", portal_cf->support_name, NULL);
		rc = portal_mail_enqueue(r, a[i].id, a[i].email, subject, body);
	}
	return rc;
}

int portal_support_sweep(struct portal_req *r)
{
	if (portal_db_exec(r, ST_SUPPORT_DUE, "i", r->now) != PORTAL_OK)
		return -1;
	size_t n = 0;
	int64_t ids[1000];
	while (n < sizeof ids / sizeof *ids && portal_db_fetch(r, ST_SUPPORT_DUE) == 1)
		ids[n++] = portal_db_int(ST_SUPPORT_DUE, 0);
	int done = 0;
	for (size_t i = 0; i < n; i++) {
		enum portal_err rc = portal_db_begin(r);
		if (rc == PORTAL_OK && (rc = portal_db_exec(r, ST_SUPPORT_ENDED, "ii", r->now, ids[i])) == PORTAL_OK &&
		    portal_db_affected(ST_SUPPORT_ENDED) == 1) {
			int64_t org = 0;
			if ((rc = portal_db_row(r, ST_SUPPORT_GRANT_INFO, "i", ids[i])) == PORTAL_OK)
				org = portal_db_int(ST_SUPPORT_GRANT_INFO, 0);
			if (rc == PORTAL_OK &&
			    (rc = portal_audit_grant(r, "support_expired", org, 0, "grant expired", ids[i])) == PORTAL_OK &&
			    (rc = portal_support_notify(r, ids[i], "ended")) == PORTAL_OK)
				done++;
		}
		if (rc == PORTAL_OK && (rc = portal_db_commit(r)) == PORTAL_OK)
			continue;
		portal_db_rollback(r);
		portal_log(r, PORTAL_LOG_ERR, "support grant %lld: the end notice was not queued", (long long)ids[i]);
		return -1;
	}
	return done;
}
