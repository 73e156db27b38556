/* sql.c: the table of every SQL statement, indexed by enum portal_stmt (portal_sql.h).
 * Placeholders only. Every tenant-owned query is keyed by a session-derived id (user or organisation). */
#include "portal.h"
#include "holders.h"

struct stmt_def {
	const char *name;
	const char *sql;
};

#define S(id, text) [id] = { #id, text }

static const struct stmt_def defs[ST__COUNT] = {
	S(ST_TOTP_SET_PENDING, "UPDATE users SET totp_pending = ?, totp_pending_at = ? WHERE id = ?"),
	S(ST_TOTP_REMOVE,
	  "UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_pending_at = NULL, totp_last_step = 0,"
	  " totp_enabled_at = NULL, second_factor = 'sms' WHERE id = ?"),
	S(ST_TOTP_PREFER, "UPDATE users SET second_factor = ? WHERE id = ? AND (? = 'sms' OR totp_secret IS NOT NULL)"),




	S(ST_UTOKEN_LAST_INVITE,
	  "SELECT void_reason, expires_at, used_at IS NOT NULL FROM user_tokens WHERE user_id = ? AND purpose = 'invite'"
	  " ORDER BY id DESC LIMIT 1"),

	/* The colleagues overview: one statement per sort order, each a range read on an index that starts with
	 * the organisation (keyset pagination: the page after the cursor key and id; no OFFSET, no COUNT).
	 * Parameters: org, status x2, search x4 (NULL or a LIKE pattern), role x2, cursor key x3, cursor id,
	 * limit. Removed users are never listed. The index is named: the planner would otherwise weigh every
	 * index of users on each execution (B-tree dives for a cursor page), which cost more than the read. */
#define USERS_LIST(KEY, INDEX, CMP, DIR)                                                                  \
	"SELECT u.id, u.given_name, u.name_prefix, u.family_name, u.email, u.mobile, u.mobile_verified_at,"     \
	" u.status, u.last_login_at, u.role_ids, u.certified_expert, " KEY                                     \
	" FROM users u FORCE INDEX (" INDEX ") WHERE u.org_id = ? AND u.status <> 'removed' AND (? IS NULL OR u.status = ?)"            \
	" AND (? IS NULL OR u.email LIKE ? OR CONCAT_WS(' ', u.given_name, NULLIF(u.name_prefix, ''),"         \
	" u.family_name) LIKE ? OR u.name_key LIKE ?)"                                                          \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.role_id = ?))"   \
	" AND (? = 0 OR u.mobile_verified_at IS NULL)"                                                          \
	" AND (? IS NULL OR " KEY " " CMP " ? OR (" KEY " = ? AND u.id " CMP " ?))"                             \
	" ORDER BY " KEY " " DIR ", u.id " DIR " LIMIT ?"
	S(ST_USERS_LIST_NAME, USERS_LIST("u.name_key", "ix_users_org_name", ">", "ASC")),
	S(ST_USERS_LIST_EMAIL, USERS_LIST("u.email", "ix_users_org_email", ">", "ASC")),
	S(ST_USERS_LIST_LOGIN, USERS_LIST("u.login_key", "ix_users_org_login", "<", "DESC")),
#undef USERS_LIST
	/* every change that could leave an organisation without an admin locks its row first (ACC-04) */
	S(ST_ORG_LOCK, "SELECT id, name FROM organisations WHERE id = ? FOR UPDATE"),
	S(ST_USER_UPDATE,
	  "UPDATE users SET given_name = ?, name_prefix = ?, family_name = ?, email = ?, mobile = ?,"
	  " mobile_verified_at = ? WHERE id = ? AND org_id = ? AND status <> 'removed'"),
	S(ST_USER_SET_STATUS, "UPDATE users SET status = ? WHERE id = ? AND org_id = ? AND status <> 'removed'"),
	/* removal keeps the row (audit trail, incidents) but frees the e-mail address and the password */
	S(ST_USER_REMOVE,
	  "UPDATE users SET status = 'removed', password_hash = NULL, mobile_verified_at = NULL"
	  " WHERE id = ? AND org_id = ? AND status <> 'removed'"),

	S(ST_USER_PW_HASH, "SELECT password_hash FROM users WHERE id = ?"),
	S(ST_SESSION_REAUTH, "UPDATE sessions SET auth_at = ? WHERE id = ? AND stage = 'full'"),
	S(ST_USER_SET_LANG, "UPDATE users SET lang = ? WHERE id = ?"),
	S(ST_RESUME_GET, "SELECT path, form, back FROM session_resume WHERE session_id = ? AND created_at > ?"),
	S(ST_RESUME_DELETE, "DELETE FROM session_resume WHERE session_id = ?"),

	S(ST_USER_SELF, "SELECT mobile_verified_at, last_login_at, created_at, password_hash FROM users WHERE id = ?"),
	S(ST_USER_SET_PROFILE,
	  "UPDATE users SET given_name = ?, name_prefix = ?, family_name = ?, lang = ? WHERE id = ? AND status = 'active'"),
	S(ST_USER_SET_EMAIL, "UPDATE users SET email = ? WHERE id = ? AND status = 'active'"),
	/* the colleague of the organisation who has this address (its admin may be told who) */
	S(ST_ORG_EMAIL_HOLDER, "SELECT given_name, name_prefix, family_name FROM users WHERE org_id = ? AND email_here = ?"),
	S(ST_USER_SET_MOBILE, "UPDATE users SET mobile = ?, mobile_verified_at = ? WHERE id = ? AND status = 'active'"),
	S(ST_SESSIONS_OF_USER,
	  "SELECT id, stage, created_at, last_seen_at, client_addr, user_agent FROM sessions WHERE user_id = ?"
	  " AND stage = 'full' ORDER BY last_seen_at DESC, id DESC LIMIT 50"),
	S(ST_SESSION_DELETE_OWN, "DELETE FROM sessions WHERE id = ? AND user_id = ?"),
	S(ST_SESSION_DELETE_OTHERS, "DELETE FROM sessions WHERE user_id = ? AND id <> ?"),
	/* the number a full session is confirming (a number change, AUTH-09) */
	S(ST_SMS_CH_PENDING,
	  "SELECT phone, expires_at FROM sms_challenges WHERE session_id = ? AND state = 'open' AND expires_at > ?"
	  " ORDER BY id DESC LIMIT 1"),

	/* Rollen en rechten: the number of holders per role in one organisation (a role's holders: ST_USERS_LIST_*) */
	S(ST_ROLE_COUNTS,
	  "SELECT ur.role_id, COUNT(*) FROM user_roles ur JOIN users u ON u.id = ur.user_id"
	  " WHERE ur.org_id = ? AND u.status <> 'removed' GROUP BY ur.role_id"),

	/* a colleague assigned to the dossier, in the organisation, not removed */
	/* whom a document can be forwarded to for approval: the dossier's active colleagues but oneself whose profile
	 * may approve (documents.deliver), by name, those whose name or address matches a LIKE pattern when one is
	 * given (params dossier, org, self, like x3, limit) */
	/* the incidents overview's submitter filter: who submitted the organisation's incidents, by name. DISTINCT
	 * over (org_id, submitter_id), a prefix of the index, reads one index entry per submitter (a loose index
	 * scan: "Using index for group-by"), not one per incident */
	S(ST_ORG_SUBMITTERS,
	  "SELECT u.id, u.given_name, u.name_prefix, u.family_name FROM (SELECT DISTINCT org_id, submitter_id FROM"
	  " incidents WHERE org_id = ?) s JOIN users u ON u.id = s.submitter_id AND u.org_id = ?"
	  " WHERE (? IS NULL OR u.email LIKE ? OR CONCAT_WS(' ', u.given_name, NULLIF(u.name_prefix, ''), u.family_name)"
	  " LIKE ?) ORDER BY u.name_key, u.id LIMIT ?"),
	/* the dossiers a colleague is assigned to, with their modules (the rights page's "where"), a page by name
	 * after the keyset (name, id) when one is given; params user, org, ak, ak, ak, ai, limit */
	S(ST_USER_DOSSIERS,
	  "SELECT d.id, d.name, d.modules FROM dossier_users du JOIN dossiers d ON d.id = du.dossier_id"
	  " WHERE du.user_id = ? AND d.org_id = ? AND (? IS NULL OR d.name > ? OR (d.name = ? AND d.id > ?))"
	  " ORDER BY d.name, d.id LIMIT ?"),

	S(ST_CAT_ROLE_UPDATE, "UPDATE roles SET name_nl = ?, name_en = ?, on_request = ? WHERE id = ?"),
	S(ST_CAT_ROLE_INSERT,
	  "INSERT INTO roles (rkey, kind, on_request, name_nl, name_en, sort_order)"
	  " SELECT ?, ?, ?, ?, ?, COALESCE(MAX(sort_order), 0) + 1 FROM roles"),
	S(ST_CAT_RR_ADD, "INSERT INTO role_rights (role_id, right_id) VALUES (?, ?)"),
	S(ST_CAT_RR_DEL, "DELETE FROM role_rights WHERE role_id = ? AND right_id = ?"),
	S(ST_CUSTOMER_LOCK, "SELECT id, name, role_ids, set_ids FROM organisations WHERE id = ? AND kind = 'customer' FOR UPDATE"),
	S(ST_ORG_ROLE_ADD, "INSERT IGNORE INTO org_roles (org_id, role_id, enabled_by, enabled_at) VALUES (?, ?, ?, ?)"),
	S(ST_ORG_ROLE_DEL, "DELETE FROM org_roles WHERE org_id = ? AND role_id = ?"),
	S(ST_ORG_SET_ADD, "INSERT IGNORE INTO org_role_sets (org_id, set_id, enabled_by, enabled_at) VALUES (?, ?, ?, ?)"),
	S(ST_ORG_SET_DEL, "DELETE FROM org_role_sets WHERE org_id = ? AND set_id = ?"),
	S(ST_SET_ROLE_ADD, "INSERT IGNORE INTO role_set_roles (set_id, role_id) VALUES (?, ?)"),
	S(ST_SET_ROLE_DEL, "DELETE FROM role_set_roles WHERE set_id = ? AND role_id = ?"),

	/* the quota page: counted holders and certified experts of the organisation, a page by name (keyset). The
	 * holders as the organisation's grants (ix_user_roles_org): a correlated EXISTS there was materialised
	 * over every organisation's grants of the role, 250,000 rows at bench/gen.sh's scale */
	/* the vendor's view of customers with use and maximum: a page by name (keyset, optionally those flagged over
	 * the maximum, or a name search), the use counted for the page's rows only; and, for the nightly run, every
	 * customer in batches by id. Both read an index range: 10,000 customers cost no more than ten. */
	/* who can grant a role: the organisation's active admins, by name (the "no right" page) */
	S(ST_ORG_ADMIN_NAMES,
	  "SELECT DISTINCT u.given_name, u.name_prefix, u.family_name, u.name_key FROM" SQL_ADMINS("?")
	  " ORDER BY u.name_key LIMIT 20"),
	S(ST_INC_INSERT,
	  "INSERT INTO incidents (org_id, submitter_id, title, body, category, priority, form_token, created_at, updated_at)"
	  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
	S(ST_INC_BY_TOKEN, "SELECT id FROM incidents WHERE submitter_id = ? AND form_token = ?"),
	S(ST_INC_GET,
	  "SELECT i.id, i.org_id, i.submitter_id, i.title, i.body, i.category, i.priority, i.status, i.handler_id,"
	  " i.created_at, i.updated_at, s.given_name, s.name_prefix, s.family_name, s.email, s.lang, o.name,"
	  " h.given_name, h.name_prefix, h.family_name,"
	  /* its attachments in the same round trip: "id<TAB>name" lines (a stored name holds no control character) */
	  " (SELECT GROUP_CONCAT(f.id, '\t', f.filename ORDER BY f.id SEPARATOR '\n') FROM incident_files f"
	  "  WHERE f.incident_id = i.id)"
	  " FROM incidents i JOIN organisations o ON o.id = i.org_id LEFT JOIN users s ON s.id = i.submitter_id"
	  " LEFT JOIN users h ON h.id = i.handler_id WHERE i.id = ?"),
	/* incidents drive the join (STRAIGHT_JOIN): newest first by primary key or an (org_id, ...) index, reading
	 * only the page. Left to itself, the planner started the vendor's unfiltered queue from organisations and
	 * sorted all 1,000,000 incidents of bench/gen.sh (2.5 s); now 51 rows read. */
#define INC_LIST(WHERE)                                                                                    \
	"SELECT STRAIGHT_JOIN i.id, i.title, i.status, i.priority, i.category, i.created_at, i.updated_at,"     \
	" s.given_name, s.name_prefix, s.family_name, o.name FROM incidents i JOIN organisations o"             \
	" ON o.id = i.org_id"                                                                                  \
	" LEFT JOIN users s ON s.id = i.submitter_id WHERE " WHERE                                              \
	" AND (? IS NULL OR i.status = ?) AND (? IS NULL OR i.title LIKE ? OR i.body LIKE ?)"                   \
	" AND (? IS NULL OR i.id < ?) AND i.id >= ? ORDER BY i.id DESC LIMIT ?"
	/* A text search (LIKE '%…%', no index can help) reads at most a window of the 50,000 newest incidents
	 * of the list (from the cursor on): the id of the window's last one, read on the same index without the
	 * text, bounds the search (i.id >= ?); no row means the rest of the list is smaller than the window. A
	 * rare word in 1,000,000 incidents read all of them (2.4 s); now at most 50,000 (about 0.1 s), and the
	 * page links on to the next window. */
#define INC_WINDOW(WHERE)                                                                                  \
	"SELECT i.id FROM incidents i WHERE " WHERE " AND (? IS NULL OR i.status = ?)"                          \
	" AND (? IS NULL OR i.id < ?) ORDER BY i.id DESC LIMIT 1 OFFSET 49999"
#define INC_ORG "i.org_id = ? AND (? IS NULL OR i.submitter_id = ?)"
#define INC_MINE "i.org_id = ? AND i.submitter_id = ? AND ? IS NULL"
#define INC_ALL "? IS NULL AND (? IS NULL OR i.org_id = ?)"
	/* the organisation's incidents (incidents.view_all), optionally one submitter's */
	S(ST_INC_LIST_ORG, INC_LIST(INC_ORG)),
	S(ST_INC_WINDOW_ORG, INC_WINDOW(INC_ORG)),
	/* one's own (incidents.submit) */
	S(ST_INC_LIST_MINE, INC_LIST(INC_MINE)),
	S(ST_INC_WINDOW_MINE, INC_WINDOW(INC_MINE)),
	/* the vendor's queue across organisations (incidents.handle) */
	S(ST_INC_QUEUE, INC_LIST(INC_ALL)),
	S(ST_INC_WINDOW_QUEUE, INC_WINDOW(INC_ALL)),
#undef INC_LIST
#undef INC_WINDOW
#undef INC_ORG
#undef INC_MINE
#undef INC_ALL
	S(ST_INC_MSG_INSERT,
	  "INSERT INTO incident_messages (incident_id, author_id, from_vendor, body, created_at) VALUES (?, ?, ?, ?, ?)"),
	S(ST_INC_MSGS,
	  "SELECT m.id, m.from_vendor, m.body, m.created_at, a.given_name, a.name_prefix, a.family_name"
	  " FROM incident_messages m LEFT JOIN users a ON a.id = m.author_id WHERE m.incident_id = ?"
	  " AND (? IS NULL OR m.id < ?) ORDER BY m.id DESC LIMIT ?"),   /* newest first: a page, shown oldest first */
	S(ST_INC_TOUCH, "UPDATE incidents SET updated_at = ? WHERE id = ?"),
	S(ST_INC_SET_STATUS, "UPDATE incidents SET status = ?, updated_at = ? WHERE id = ?"),
	S(ST_INC_TAKE, "UPDATE incidents SET handler_id = ?, status = IF(status = 'new', 'open', status), updated_at = ? WHERE id = ?"),
	S(ST_INC_FILE_INSERT,
	  "INSERT INTO incident_files (incident_id, filename, stored_name, content_type, size, sha256, created_at)"
	  " VALUES (?, ?, ?, ?, ?, ?, ?)"),
	S(ST_INC_FILE_GET,
	  "SELECT filename, stored_name, content_type, size FROM incident_files WHERE id = ? AND incident_id = ?"),

	/* the vendor's list of customers: admins, quota use, open incidents (kept by triggers, sql/021), last
	 * contact check; by name, keyset; the counts from org_counts while fresh (above). One customer's summary
	 * always counts the admins and submitters: bootstrap and the invitations decide on it. */
#define ORG_FACTS(ADMINS_N, SUBMITTERS_N, MORE, FROM)                                                      \
	"SELECT o.id, o.name, o.size_class, " ADMINS_N ", " SUBMITTERS_N ","                                    \
	" COALESCE(o.quota_override, qc.max_submitters, 0),"                                                    \
	" o.open_incidents, o.contact_checked_at, o.created_at" MORE FROM                                      \
	" LEFT JOIN quota_classes qc ON qc.size_class = o.size_class WHERE o.kind = 'customer'"
	S(ST_ORGS_LIST, ORG_FACTS(SQL_COUNTED("admins", SQL_ADMINS("o.id")), SQL_COUNTED("submitters", SQL_SUBMITTERS("o.id")), SQL_COUNTS_TAIL,
	  SQL_COUNTS_FROM)
	  " AND (? IS NULL OR o.name LIKE ?) AND (? IS NULL OR o.name > ? OR (o.name = ? AND o.id > ?))"
	  " ORDER BY o.name, o.id LIMIT ?"),
	S(ST_ORG_SUMMARY, ORG_FACTS(SQL_COUNT_NOW(SQL_ADMINS("o.id")), SQL_COUNT_NOW(SQL_SUBMITTERS("o.id")), ", o.set_ids, o.role_ids",
	  " FROM organisations o")
	  " AND o.id = ?"),
#undef ORG_FACTS
	/* a customer's certified experts, for the vendor that certified them: their address and date only */
	S(ST_ORG_EXPERTS,
	  "SELECT id, email, certified_at FROM users WHERE org_id = ? AND certified_expert = 1 AND status <> 'removed'"
	  " ORDER BY email, id LIMIT 200"),
	S(ST_ORG_USER_BY_EMAIL,
	  "SELECT id, certified_expert, status, role_ids FROM users WHERE org_id = ? AND email = ? AND status <> 'removed'"
	  " FOR UPDATE"),
	S(ST_USER_SET_EXPERT, "UPDATE users SET certified_expert = ?, certified_at = ?, certified_by = ? WHERE id = ?"),
	S(ST_ORG_CUSTOMER_INSERT, "INSERT INTO organisations (kind, name, size_class, created_at) VALUES ('customer', ?, ?, ?)"),
	/* bootstrap (document 002): the invited admins of an organisation that has no active one yet */
	S(ST_ORG_INVITED_ADMINS,
	  "SELECT DISTINCT u.id, u.email, u.given_name, u.name_prefix, u.family_name, u.lang FROM"
	  SQL_HOLDERS("users.manage", "?") " AND u.status = 'invited' ORDER BY u.id LIMIT 50"),
	S(ST_USER_ADMIN_ROLE,
	  "INSERT INTO user_roles (user_id, role_id, granted_by, granted_at) SELECT ?, id, ?, ? FROM roles WHERE rkey = 'beheerder'"),
#define GRANT_COLS                                                                                             \
	"SELECT g.id, g.scope, g.hours, g.reason, g.created_at, g.confirmed_at, g.expires_at, g.revoked_at,"        \
	" g.first_used_at, gu.given_name, gu.name_prefix, gu.family_name, ru.given_name, ru.name_prefix,"          \
	" ru.family_name, g.granted_by, g.session_id,"                                                            \
	" (SELECT COUNT(*) FROM audit_log a WHERE a.grant_id = g.id AND a.event = 'support_request'),"            \
	" g.end_notified_at"                                                                                      \
	" FROM support_grants g JOIN users gu ON gu.id = g.granted_by LEFT JOIN users ru ON ru.id = g.revoked_by"
	/* the organisation's grants, newest first: confirmed ones, and what the admin prepared in the last minutes;
	 * a page before a grant's id (keyset) */
	S(ST_SUPPORT_LIST, GRANT_COLS " WHERE g.org_id = ? AND (g.confirmed_at IS NOT NULL OR (g.granted_by = ?"
	  " AND g.revoked_at IS NULL AND g.created_at > ?)) AND (? IS NULL OR g.id < ?) ORDER BY g.id DESC LIMIT ?"),
	S(ST_SUPPORT_GET, GRANT_COLS " WHERE g.id = ? AND g.org_id = ?"),
#undef GRANT_COLS
	S(ST_SUPPORT_LOCK,
	  "SELECT scope, hours, granted_by, session_id, created_at, confirmed_at, revoked_at, expires_at, end_notified_at"
	  " FROM support_grants WHERE id = ? AND org_id = ? FOR UPDATE"),
	S(ST_SUPPORT_INSERT,
	  "INSERT INTO support_grants (org_id, scope, hours, reason, granted_by, session_id, created_at)"
	  " VALUES (?, ?, ?, ?, ?, ?, ?)"),
	S(ST_SUPPORT_CONFIRM,
	  "UPDATE support_grants SET confirmed_at = ?, expires_at = ?, session_id = NULL"
	  " WHERE id = ? AND confirmed_at IS NULL AND revoked_at IS NULL"),
	S(ST_SUPPORT_OTHERS_ACTIVE,
	  "SELECT id FROM support_grants WHERE org_id = ? AND id <> ? AND confirmed_at IS NOT NULL AND revoked_at IS NULL"
	  " AND end_notified_at IS NULL AND expires_at > ? FOR UPDATE"),
	S(ST_SUPPORT_REVOKE,
	  "UPDATE support_grants SET revoked_at = ?, revoked_by = ?, end_notified_at = ? WHERE id = ? AND revoked_at IS NULL"),
	/* what the support desk did under a grant, newest first (keyset on the audit row's id) */
	S(ST_SUPPORT_LOG,
	  "SELECT a.id, a.at, a.event, a.detail, u.given_name, u.name_prefix, u.family_name FROM audit_log a"
	  " LEFT JOIN users u ON u.id = a.actor_id WHERE a.grant_id = ? AND a.org_id = ? AND (? IS NULL OR a.id < ?)"
	  " ORDER BY a.id DESC LIMIT ?"),
	/* the vendor's desk: every customer's active grant, the soonest to end first, a page after the keyset
	 * (expires_at, id), of customers whose name matches a LIKE pattern when one is given (params now, like,
	 * like, ak, ak, ak, ai, limit) */
	S(ST_SUPPORT_DESK,
	  "SELECT g.id, g.org_id, o.name, g.scope, g.expires_at, g.reason, gu.given_name, gu.name_prefix, gu.family_name"
	  " FROM support_grants g JOIN organisations o ON o.id = g.org_id JOIN users gu ON gu.id = g.granted_by"
	  " WHERE g.end_notified_at IS NULL AND g.expires_at > ? AND g.confirmed_at IS NOT NULL AND g.revoked_at IS NULL"
	  " AND (? IS NULL OR o.name LIKE ?) AND (? IS NULL OR g.expires_at > ? OR (g.expires_at = ? AND g.id > ?))"
	  " ORDER BY g.expires_at, g.id LIMIT ?"),
	/* may the support desk enter this customer: its active admins, its newest active grant */
	S(ST_SUPPORT_ORG,
	  "SELECT o.name,"
	  " EXISTS (SELECT 1 FROM" SQL_ADMINS("o.id") "),"
	  " (SELECT MAX(g.id) FROM support_grants g WHERE g.org_id = o.id AND g.confirmed_at IS NOT NULL"
	  "  AND g.revoked_at IS NULL AND g.end_notified_at IS NULL AND g.expires_at > ?)"
	  " FROM organisations o WHERE o.id = ? AND o.kind = 'customer'"),
	S(ST_SESSION_ACT, "UPDATE sessions SET acting_org_id = ? WHERE id = ?"),
	S(ST_BO_LIST,
	  "SELECT id, ref, title, amount_cents, status, COALESCE(updated_at, created_at) FROM bo_records"
	  " WHERE org_id = ? AND module = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?"),
	/* one record, with who made, last changed, approved and put in use a product, and when */
	S(ST_BO_GET,
	  "SELECT b.id, b.ref, b.title, b.amount_cents, b.note, b.status, b.created_at, b.updated_at, b.approved_at,"
	  " b.created_by, b.updated_by, b.published_at, cu.given_name, cu.name_prefix, cu.family_name, uu.given_name,"
	  " uu.name_prefix, uu.family_name, au.given_name, au.name_prefix, au.family_name, pu.given_name, pu.name_prefix,"
	  " pu.family_name FROM bo_records b LEFT JOIN users cu ON cu.id = b.created_by LEFT JOIN users uu ON uu.id = b.updated_by"
	  " LEFT JOIN users au ON au.id = b.approved_by LEFT JOIN users pu ON pu.id = b.published_by"
	  " WHERE b.id = ? AND b.org_id = ? AND b.module = ?"),
	S(ST_BO_INSERT,
	  "INSERT INTO bo_records (org_id, module, ref, title, amount_cents, note, created_by, created_at)"
	  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
	/* a changed product needs approval again before test mode, and publication again before use */
	S(ST_BO_UPDATE,
	  "UPDATE bo_records SET ref = ?, title = ?, amount_cents = ?, note = ?, updated_by = ?, updated_at = ?,"
	  " status = IF(module = 'products', 'draft', status),"
	  " approved_by = IF(module = 'products', NULL, approved_by), approved_at = IF(module = 'products', NULL, approved_at),"
	  " published_by = IF(module = 'products', NULL, published_by), published_at = IF(module = 'products', NULL, published_at)"
	  " WHERE id = ? AND org_id = ? AND module = ?"),
	/* four eyes: the approver (and the publisher) is neither the product's maker nor its last editor (params: the
	 * user, now, the record, the organisation, the user twice) */
	S(ST_BO_APPROVE,
	  "UPDATE bo_records SET status = 'test', approved_by = ?, approved_at = ?"
	  " WHERE id = ? AND org_id = ? AND module = 'products' AND status = 'draft'"
	  " AND NOT (created_by <=> ?) AND NOT (updated_by <=> ?)"),
	S(ST_BO_PUBLISH,
	  "UPDATE bo_records SET status = 'live', published_by = ?, published_at = ?"
	  " WHERE id = ? AND org_id = ? AND module = 'products' AND status = 'test'"
	  " AND NOT (created_by <=> ?) AND NOT (updated_by <=> ?)"),
	/* the current-account position: debtors, then creditors (the ENUM's order), by id, a page after the cursor
	 * (module, id). Parameters: the organisation, the cursor's module twice, its id, its module again, the
	 * limit. The balance and the count are over all of them. */
	S(ST_BO_POSITION,
	  "SELECT module, ref, title, amount_cents, id FROM bo_records WHERE org_id = ? AND module IN ('debtors', 'creditors')"
	  " AND (? IS NULL OR (module = ? AND id > ?) OR (? = 'debtors' AND module = 'creditors'))"
	  " ORDER BY module, id LIMIT ?"),
	S(ST_BO_POSITION_TOTAL,
	  "SELECT COUNT(*), COALESCE(SUM(amount_cents), 0) FROM bo_records"
	  " WHERE org_id = ? AND module IN ('debtors', 'creditors')"),


	S(ST_PING, "SELECT 1"),
};

const char *portal_sql_text(enum portal_stmt st)
{
	return (unsigned)st < ST__COUNT ? defs[st].sql : NULL;
}

const char *portal_sql_name(enum portal_stmt st)
{
	return (unsigned)st < ST__COUNT ? defs[st].name : "?";
}
