/* support.c: the library's side of support grants (ACC-07, documents 002 and 004): what the support desk may
 * change in a customer (never its admins, never who can log in but in bootstrap); the audit row every request
 * it makes in a customer's data writes (with the grant's id) and, on a grant's first use, the notice to the
 * customer's admins; the e-mails about a grant (given, first used, ended); and the sweep that tells admins a
 * grant expired (portalctl send runs it). Which routes are a customer's data is declared on each route
 * (enum portal_route_flag); the decision itself (which grant, read or write, bootstrap) is made in the
 * authorisation query (session.c) and enforced before any handler runs (app.c). */
#include <string.h>

#include "portal.h"
#include "holders.h"

bool portal_identity_allowed(struct portal_req *r)
{
	return !r->sess.acting.org_id || r->sess.acting.bootstrap;
}

/* the first admin of an organisation is active: every link vendor staff sent there dies (bootstrap ends) */
PORTAL_SQL(sql_void_vendor_links, 0,
	"UPDATE user_tokens t JOIN users u ON u.id = t.user_id JOIN users c ON c.id = t.created_by"
	" JOIN organisations co ON co.id = c.org_id AND co.kind = 'vendor'"
	" SET t.expires_at = ?, t.void_reason = 'bootstrap' WHERE u.org_id = ? AND t.used_at IS NULL AND t.expires_at > ?");

enum portal_err portal_bootstrap_end(struct portal_req *r, int64_t org_id)
{
	int64_t admins;
	enum portal_err rc = portal_org_admins(r, org_id, 0, &admins);
	if (rc != PORTAL_OK || admins == 0)
		return rc;   /* still no admin of its own: bootstrap goes on */
	struct portal_wrote w;
	if ((rc = portal_exec(r, &sql_void_vendor_links, &w, "iii", r->now, org_id, r->now)) != PORTAL_OK)
		return rc;
	uint64_t n = w.rows;
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

/* ---- support grants (ACC-07) ---- */
PORTAL_SQL(sql_first_use, 0,
	"UPDATE support_grants SET first_used_at = ?, first_used_by = ? WHERE id = ? AND first_used_at IS NULL");

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
	struct portal_wrote w;
	if ((rc = portal_exec(r, &sql_first_use, &w, "iii", r->now, s->user_id, s->acting.grant_id)) == PORTAL_OK &&
	    w.rows == 1 &&
	    (rc = portal_audit(r, "support_first_use", s->org_id, 0, portal_printf(r, "grant %lld first used",
		(long long)s->acting.grant_id))) == PORTAL_OK)
		rc = portal_support_notify(r, s->acting.grant_id, "first_use");
	if (rc == PORTAL_OK)
		return portal_db_commit(r);
	portal_db_rollback(r);
	return rc;
}

/* the organisation's active admins (users.manage): told of every grant, its first use and its end */
enum { AD_ID, AD_EMAIL, AD_GIVEN, AD_LANG, AD__N };
PORTAL_SQL(sql_admins, AD__N,
	"SELECT DISTINCT u.id, u.email, u.given_name, u.lang FROM" SQL_ADMINS("?") " ORDER BY u.id");

/* a grant, with who gave it, who of the desk first used it and who revoked it */
enum { GI_ORG, GI_ORG_NAME, GI_SCOPE, GI_HOURS, GI_REASON, GI_CONFIRMED, GI_EXPIRES, GI_REVOKED, GI_BY_GIVEN,
	GI_BY_PREFIX, GI_BY_FAMILY, GI_FIRST_USED, GI_USER_GIVEN, GI_USER_PREFIX, GI_USER_FAMILY, GI_REVOKER_GIVEN,
	GI_REVOKER_PREFIX, GI_REVOKER_FAMILY, GI__N };
PORTAL_SQL(sql_grant_info, GI__N,
	"SELECT g.org_id, o.name, g.scope, g.hours, g.reason, g.confirmed_at, g.expires_at, g.revoked_at,"
	" gu.given_name, gu.name_prefix, gu.family_name, g.first_used_at, fu.given_name, fu.name_prefix, fu.family_name,"
	" ru.given_name, ru.name_prefix, ru.family_name"
	" FROM support_grants g JOIN organisations o ON o.id = g.org_id JOIN users gu ON gu.id = g.granted_by"
	" LEFT JOIN users fu ON fu.id = g.first_used_by LEFT JOIN users ru ON ru.id = g.revoked_by WHERE g.id = ?");

enum portal_err portal_support_notify(struct portal_req *r, int64_t grant_id, const char *kind)
{
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_grant_info, "i", grant_id);
	if (rc != PORTAL_OK)
		return rc == PORTAL_ERR_NOTFOUND ? PORTAL_ERR_DB : rc;
	int64_t org = portal_col_int(q, GI_ORG);
	const char *org_name = portal_col(q, GI_ORG_NAME);
	bool write = !strcmp(portal_col(q, GI_SCOPE) ? portal_col(q, GI_SCOPE) : "", "write");
	const char *reason = portal_strdup(r, portal_col(q, GI_REASON) ? portal_col(q, GI_REASON) : "");
	int64_t expires = portal_col_int(q, GI_EXPIRES), revoked = portal_col_int(q, GI_REVOKED), first = portal_col_int(q, GI_FIRST_USED);
	const char *by = portal_full_name(r, portal_col(q, GI_BY_GIVEN), portal_col(q, GI_BY_PREFIX), portal_col(q, GI_BY_FAMILY));
	const char *user = portal_col_null(q, GI_USER_GIVEN) ? "" : portal_full_name(r, portal_col(q, GI_USER_GIVEN), portal_col(q, GI_USER_PREFIX),
		portal_col(q, GI_USER_FAMILY));
	const char *revoker = portal_col_null(q, GI_REVOKER_GIVEN) ? "" : portal_full_name(r, portal_col(q, GI_REVOKER_GIVEN), portal_col(q, GI_REVOKER_PREFIX),
		portal_col(q, GI_REVOKER_FAMILY));
	const char *link = portal_link(r, portal_printf(r, "%s%lld", portal_site()->grant, (long long)grant_id));
	struct portal_rows *ad;
	if ((rc = portal_query(r, &ad, &sql_admins, "ii", org, org)) != PORTAL_OK)
		return rc;
	/* the admins first, then a mail to each */
	struct adm { int64_t id; const char *email, *given; enum portal_lang lang; } *a = NULL;
	size_t n = 0, cap = 0;
	int f;
	while ((f = portal_next(ad)) == 1) {
		if (n == cap) {
			struct adm *b = portal_alloc(r, (cap = cap ? 2 * cap : 8) * sizeof *b);
			if (n)
				memcpy(b, a, n * sizeof *b);
			a = b;
		}
		a[n].id = portal_col_int(ad, AD_ID);
		a[n].email = portal_strdup(r, portal_col(ad, AD_EMAIL));
		a[n].given = portal_strdup(r, portal_col(ad, AD_GIVEN));
		enum portal_lang l = portal_lang_parse(portal_col(ad, AD_LANG));
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

/* expired grants whose admins were not told yet (an active grant has end_notified_at NULL) */
enum { DU_ID, DU__N };
PORTAL_SQL(sql_due, DU__N,
	"SELECT id FROM support_grants WHERE end_notified_at IS NULL AND expires_at <= ? AND confirmed_at IS NOT NULL"
	" AND revoked_at IS NULL ORDER BY id LIMIT 1000");

PORTAL_SQL(sql_ended, 0,
	"UPDATE support_grants SET end_notified_at = ? WHERE id = ? AND end_notified_at IS NULL");

int portal_support_sweep(struct portal_req *r)
{
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_due, "i", r->now) != PORTAL_OK)
		return -1;
	size_t n = 0;
	int64_t ids[1000];
	while (n < sizeof ids / sizeof *ids && portal_next(q) == 1)
		ids[n++] = portal_col_int(q, DU_ID);
	portal_rows_close(q);
	int done = 0;
	for (size_t i = 0; i < n; i++) {
		enum portal_err rc = portal_db_begin(r);
		struct portal_wrote w;
		if (rc == PORTAL_OK && (rc = portal_exec(r, &sql_ended, &w, "ii", r->now, ids[i])) == PORTAL_OK &&
		    w.rows == 1) {
			int64_t org = 0;
			if ((rc = portal_query_row(r, &q, &sql_grant_info, "i", ids[i])) == PORTAL_OK)
				org = portal_col_int(q, GI_ORG);
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
