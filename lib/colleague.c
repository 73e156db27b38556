/* colleague.c: a colleague's row as the programs read and make it: read only in the session's organisation
 * (ACC-01) and never once removed, locked for a change, made (invited), and their role grants. The users,
 * rights, dossiers, incidents and customers pages and portalctl share these. */
#include <string.h>

#include "portal.h"

#define COLLEAGUE_COLS                                                                                     \
	"SELECT u.id, u.email, u.given_name, u.name_prefix, u.family_name, u.mobile, u.mobile_verified_at,"     \
	" u.status, u.certified_expert, u.lang, u.created_at, u.last_login_at, u.role_ids,"                    \
	" u.password_hash IS NOT NULL, u.totp_secret IS NOT NULL, u.certified_at"
#define COLLEAGUE_WHERE " FROM users u WHERE u.id = ? AND u.org_id = ? AND u.status <> 'removed'"
enum { CG_ID, CG_EMAIL, CG_GIVEN, CG_PREFIX, CG_FAMILY, CG_MOBILE, CG_MOBILE_VERIFIED, CG_STATUS, CG_EXPERT, CG_LANG,
	CG_CREATED, CG_LAST_LOGIN, CG_ROLE_IDS, CG_HAS_PASSWORD, CG_HAS_TOTP, CG_CERTIFIED, CG__N,
	CG_SESSIONS = CG__N, CG_SESSIONS__N };
PORTAL_SQL(sql_get, CG__N, COLLEAGUE_COLS COLLEAGUE_WHERE);
PORTAL_SQL(sql_get_lock, CG__N, COLLEAGUE_COLS COLLEAGUE_WHERE " FOR UPDATE");
/* with the colleague's sessions (logged in, newest first): "last_seen user agent" lines, for their page */
PORTAL_SQL(sql_get_sessions, CG_SESSIONS__N,
	COLLEAGUE_COLS ", (SELECT GROUP_CONCAT(CONCAT(s.last_seen_at, ' ', REPLACE(s.user_agent, '\\n', ' '))"
	" ORDER BY s.last_seen_at DESC SEPARATOR '\\n' LIMIT 20) FROM sessions s WHERE s.user_id = u.id"
	" AND s.stage = 'full')" COLLEAGUE_WHERE);

enum portal_err portal_colleague_get(struct portal_req *r, int64_t id, enum portal_colleague_how how,
	struct portal_colleague *c)
{
	memset(c, 0, sizeof *c);
	struct portal_sql *q = how == PORTAL_COLLEAGUE_LOCK ? &sql_get_lock
		: how == PORTAL_COLLEAGUE_SESSIONS ? &sql_get_sessions : &sql_get;
	struct portal_rows *row;
	enum portal_err rc = portal_query_row(r, &row, q, "ii", id, r->sess.org_id);
	if (rc != PORTAL_OK)
		return rc;
	c->id = portal_col_int(row, CG_ID);
	c->email = portal_col(row, CG_EMAIL);
	c->given = portal_col(row, CG_GIVEN);
	c->prefix = portal_col(row, CG_PREFIX);
	c->family = portal_col(row, CG_FAMILY);
	c->name = portal_full_name(r, c->given, c->prefix, c->family);
	c->mobile = portal_col(row, CG_MOBILE);
	c->mobile_ok = !portal_col_null(row, CG_MOBILE_VERIFIED);
	c->mobile_verified_at = portal_col_int(row, CG_MOBILE_VERIFIED);
	c->status = portal_col(row, CG_STATUS);
	c->expert = portal_col_int(row, CG_EXPERT) != 0;
	c->lang = portal_col(row, CG_LANG);
	c->created_at = portal_col_int(row, CG_CREATED);
	c->last_login_at = portal_col_int(row, CG_LAST_LOGIN);
	c->role_ids = portal_col(row, CG_ROLE_IDS);
	c->has_password = portal_col_int(row, CG_HAS_PASSWORD) != 0;
	c->has_totp = portal_col_int(row, CG_HAS_TOTP) != 0;
	c->certified_at = portal_col_int(row, CG_CERTIFIED);
	if (how == PORTAL_COLLEAGUE_SESSIONS)
		c->sessions = portal_col(row, CG_SESSIONS);
	return PORTAL_OK;
}

PORTAL_SQL(sql_insert, 0,
	"INSERT INTO users (org_id, email, given_name, name_prefix, family_name, mobile, status, lang, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, 'invited', ?, ?)");

enum portal_err portal_colleague_insert(struct portal_req *r, int64_t org_id, const struct portal_new_colleague *n,
	int64_t *id)
{
	struct portal_wrote w = { 0, 0 };
	enum portal_err rc = portal_exec(r, &sql_insert, &w, "issssssi", org_id, n->email, n->given, n->prefix,
		n->family, n->mobile, n->lang, r->now);
	*id = w.id;
	return rc;
}

PORTAL_SQL(sql_role_add, 0, "INSERT INTO user_roles (user_id, role_id, granted_by, granted_at) VALUES (?, ?, ?, ?)");
/* keyed by the user id the caller loaded with the organisation filter; reads no other table (error 1442) */
PORTAL_SQL(sql_role_del, 0, "DELETE FROM user_roles WHERE user_id = ? AND role_id = ?");

enum portal_err portal_role_grant(struct portal_req *r, int64_t user_id, int64_t role_id)
{
	return portal_exec(r, &sql_role_add, NULL, "iiii", user_id, role_id, r->sess.user_id, r->now);
}

enum portal_err portal_role_revoke(struct portal_req *r, int64_t user_id, int64_t role_id)
{
	return portal_exec(r, &sql_role_del, NULL, "ii", user_id, role_id);
}

/* The colleagues overview: one statement per sort order, each a range read on an index that starts with the
 * organisation (keyset pagination: the page after the cursor key and id; no OFFSET, no COUNT). Parameters: org,
 * status x2, search x4 (NULL or a LIKE pattern), role x2, unconfirmed numbers only, cursor key x3, cursor id,
 * limit. Removed users are never listed. The index is named: the planner would otherwise weigh every index of
 * users on each execution (B-tree dives for a cursor page), which cost more than the read. */
#define COLLEAGUES(KEY, INDEX, CMP, DIR)                                                                  \
	"SELECT u.id, u.given_name, u.name_prefix, u.family_name, u.email, u.mobile, u.mobile_verified_at,"     \
	" u.status, u.last_login_at, u.role_ids, u.certified_expert, " KEY                                     \
	" FROM users u FORCE INDEX (" INDEX ") WHERE u.org_id = ? AND u.status <> 'removed'"                   \
	" AND (? IS NULL OR u.status = ?)"                                                                      \
	" AND (? IS NULL OR u.email LIKE ? OR CONCAT_WS(' ', u.given_name, NULLIF(u.name_prefix, ''),"         \
	" u.family_name) LIKE ? OR u.name_key LIKE ?)"                                                          \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.role_id = ?))"   \
	" AND (? = 0 OR u.mobile_verified_at IS NULL)"                                                          \
	" AND (? IS NULL OR " KEY " " CMP " ? OR (" KEY " = ? AND u.id " CMP " ?))"                             \
	" ORDER BY " KEY " " DIR ", u.id " DIR " LIMIT ?"
PORTAL_SQL(sql_by_name, PORTAL_CL__N, COLLEAGUES("u.name_key", "ix_users_org_name", ">", "ASC"));
PORTAL_SQL(sql_by_email, PORTAL_CL__N, COLLEAGUES("u.email", "ix_users_org_email", ">", "ASC"));
PORTAL_SQL(sql_by_login, PORTAL_CL__N, COLLEAGUES("u.login_key", "ix_users_org_login", "<", "DESC"));

enum portal_err portal_colleagues(struct portal_req *r, const struct portal_colleague_query *q, struct portal_rows **out)
{
	struct portal_sql *by[] = { &sql_by_name, &sql_by_email, &sql_by_login };
	const char *ak = q->after_key && q->after_id ? q->after_key : NULL;
	int64_t ai = ak ? q->after_id : 0;
	return portal_query(r, out, by[q->sort], "issssssIIisssii", r->sess.org_id, q->status, q->status, q->like, q->like,
		q->like, q->like, q->role, q->role, (int64_t)q->unconfirmed, ak, ak, ak, ai, q->limit);
}
