/* sql.c: the table of every SQL statement, indexed by enum portal_stmt (portal_sql.h).
 * Placeholders only. Every tenant-owned query is keyed by a session-derived id (user or organisation). */
#include "portal.h"

struct stmt_def {
	const char *name;
	const char *sql;
};

#define S(id, text) [id] = { #id, text }

/* The colleagues of organisation ORG who hold a right through a role: from the right to its roles to their
 * grants in the organisation (user_roles (org_id, role_id, user_id)) to the users. The planner, left to
 * itself, read every user of the organisation (10,000 in bench/gen.sh's largest) to find its 2 admins.
 * Every count or list of an organisation's admins, submitters or contact persons goes through it. */
#define HOLDERS(RKEY, ORG)                                                                                 \
	" rights ri JOIN role_rights rr ON rr.right_id = ri.id STRAIGHT_JOIN user_roles ur ON ur.org_id = " ORG   \
	" AND ur.role_id = rr.role_id STRAIGHT_JOIN users u ON u.id = ur.user_id WHERE ri.rkey = '" RKEY "'"      \
	" AND u.org_id = " ORG
#define SUBMITTERS(ORG) HOLDERS("incidents.submit", ORG) " AND u.status IN ('active', 'invited') AND u.certified_expert = 0"
#define ADMINS(ORG) HOLDERS("users.manage", ORG) " AND u.status = 'active'"
/* The vendor's lists of customers (/orgs, /quota/orgs) take an organisation's admins and submitters from
 * org_counts while its users_version and the catalogue's version are those they were counted at (sql/020), else
 * count them (IF evaluates only the branch it takes). COUNTS_TAIL adds the columns that tell the program which
 * rows it counted, to store them (portal_org_counts_note). */
#define COUNTS_FRESH " (oc.users_version <=> o.users_version AND oc.cat_version <=> cm.version)"
#define COUNTED(COL, WHO) " IF(" COUNTS_FRESH ", oc." COL ", (SELECT COUNT(DISTINCT u.id) FROM" WHO "))"
#define COUNTS_TAIL "," COUNTS_FRESH ", o.users_version, cm.version"
#define COUNTS_FROM                                                                                        \
	" FROM organisations o JOIN catalogue_meta cm ON cm.id = 1 LEFT JOIN org_counts oc ON oc.org_id = o.id"
#define COUNT_NOW(WHO) "(SELECT COUNT(DISTINCT u.id) FROM" WHO ")"

static const struct stmt_def defs[ST__COUNT] = {
	/* One round trip, constant rows only: session, user with the ids of their roles (users.role_ids, kept
	 * by triggers), organisation and the catalogue version (DESIGN, request flow). The rights those roles
	 * give come from the in-memory catalogue (authz.c), re-read whenever the version differs, so every
	 * change counts from the very next request (ACC-06). */
#define SESSION_AUTH_COLS \
	  "SELECT s.id, s.stage, s.created_at, s.last_seen_at, s.auth_at," \
	  " u.id, u.org_id, u.email, u.given_name, u.name_prefix, u.family_name, u.mobile, u.lang, u.status," \
	  " o.name, o.kind," \
	  " u.role_ids, cm.version, o.role_ids, u.totp_secret IS NOT NULL, o.admins_need_app, s.acting_org_id," \
	  " o.users_version, o.set_ids, o.work_version"
#define SESSION_AUTH_FROM \
	  " FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id" \
	  " JOIN catalogue_meta cm ON cm.id = 1"
	S(ST_SESSION_AUTH, SESSION_AUTH_COLS SESSION_AUTH_FROM " WHERE s.token_hash = ?"),
	/* the same inside a dossier (a route under /dossiers/N): the dossier, only if it is the organisation's
	 * (ACC-01), its enabled modules, and whether the user is assigned to it; still one round trip */
	S(ST_SESSION_AUTH_DOSSIER, SESSION_AUTH_COLS ", d.id, d.modules, du.user_id IS NOT NULL" SESSION_AUTH_FROM
	  " LEFT JOIN dossiers d ON d.id = ? AND d.org_id = COALESCE(s.acting_org_id, u.org_id)"
	  " LEFT JOIN dossier_users du ON du.dossier_id = d.id AND du.user_id = u.id"
	  " WHERE s.token_hash = ?"),
	/* only for vendor staff working in a customer's data (support grants, ACC-07; a second round trip for
	 * them alone): that customer, whether it has an active admin of its own (else: bootstrap), and its newest
	 * active grant: confirmed, not revoked, not expired at the request's clock, and not ended before (an end,
	 * once told to the admins, is final) */
	S(ST_SESSION_ACTING,
	  "SELECT o.name, o.role_ids,"
	  " EXISTS (SELECT 1 FROM" ADMINS("o.id") "),"
	  " g.id, g.scope, g.expires_at, g.first_used_at IS NULL, o.users_version, o.set_ids, o.work_version"
	  " FROM organisations o LEFT JOIN support_grants g ON g.id = (SELECT MAX(g2.id) FROM support_grants g2"
	  "  WHERE g2.org_id = o.id AND g2.confirmed_at IS NOT NULL AND g2.revoked_at IS NULL AND g2.end_notified_at IS NULL"
	  "  AND g2.expires_at > ?)"
	  " WHERE o.id = ? AND o.kind = 'customer'"),
	S(ST_SESSION_TOUCH, "UPDATE sessions SET last_seen_at = ? WHERE id = ?"),
	S(ST_SESSION_INSERT,
	  "INSERT INTO sessions (token_hash, user_id, stage, created_at, last_seen_at, client_addr, user_agent)"
	  " VALUES (?, ?, 'pending', ?, ?, ?, ?)"),
	S(ST_SESSION_PROMOTE,
	  "UPDATE sessions SET token_hash = ?, stage = 'full', auth_at = ?, last_seen_at = ?"
	  " WHERE id = ? AND stage = 'pending'"),
	S(ST_SESSION_DELETE, "DELETE FROM sessions WHERE id = ?"),
	S(ST_SESSION_DELETE_USER, "DELETE FROM sessions WHERE user_id = ?"),

	S(ST_USER_BY_EMAIL,
	  "SELECT u.id, u.org_id, u.password_hash, u.status, u.mobile, u.mobile_verified_at, u.lang,"
	  " u.second_factor = 'totp' AND u.totp_secret IS NOT NULL,"
	  " u.totp_secret IS NOT NULL AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = u.org_id AND (o.kind = 'vendor'"
	  "  OR (o.admins_need_app = 1 AND EXISTS (SELECT 1 FROM user_roles ur JOIN role_rights rr ON rr.role_id = ur.role_id"
	  "  JOIN rights ri ON ri.id = rr.right_id WHERE ur.user_id = u.id AND ri.rkey = 'users.manage'))))"
	  " FROM users u WHERE u.email_live = ?"),
	S(ST_USER_LOGIN_OK, "UPDATE users SET last_login_at = ? WHERE id = ?"),
	S(ST_USER_SET_PASSWORD, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?"),
	/* the authenticator app: the user's own row, locked while a code is checked (replay, AUTH-12) */
	S(ST_TOTP_GET,
	  "SELECT totp_secret, totp_pending, totp_pending_at, totp_last_step, totp_enabled_at, second_factor"
	  " FROM users WHERE id = ? AND status = 'active' FOR UPDATE"),
	S(ST_TOTP_SET_PENDING, "UPDATE users SET totp_pending = ?, totp_pending_at = ? WHERE id = ?"),
	S(ST_TOTP_ENABLE,
	  "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_pending_at = NULL, totp_last_step = ?,"
	  " totp_enabled_at = ?, second_factor = 'totp' WHERE id = ? AND totp_pending IS NOT NULL"),
	S(ST_TOTP_USED, "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?"),
	S(ST_TOTP_REMOVE,
	  "UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_pending_at = NULL, totp_last_step = 0,"
	  " totp_enabled_at = NULL, second_factor = 'sms' WHERE id = ?"),
	S(ST_TOTP_PREFER, "UPDATE users SET second_factor = ? WHERE id = ? AND (? = 'sms' OR totp_secret IS NOT NULL)"),
	/* the role catalogue, read by authz.c at start and whenever catalogue_meta.version changes */
	S(ST_CAT_VERSION, "SELECT version FROM catalogue_meta WHERE id = 1"),
	S(ST_CAT_RIGHTS, "SELECT id, rkey, scope, label_nl, label_en, module FROM rights ORDER BY sort_order, id"),
	S(ST_CAT_ROLES, "SELECT id, rkey, kind, name_nl, name_en, on_request, core FROM roles ORDER BY sort_order, id"),
	S(ST_CAT_ROLE_RIGHTS, "SELECT role_id, right_id FROM role_rights"),
	S(ST_CAT_SETS, "SELECT id, skey, name_nl, name_en FROM role_sets ORDER BY sort_order, id"),
	S(ST_CAT_SET_ROLES, "SELECT set_id, role_id FROM role_set_roles"),

	/* SMS sent to an account in the last day, and in the last 15 minutes, with the oldest of each */
	S(ST_SMS_COUNT_USER,
	  "SELECT COUNT(*), MIN(created_at), COALESCE(SUM(created_at > ?), 0), MIN(IF(created_at > ?, created_at, NULL))"
	  " FROM sms_outbox WHERE user_id = ? AND created_at > ?"),
	S(ST_SMS_COUNT_ADDR, "SELECT COUNT(*), MAX(created_at) FROM sms_outbox WHERE client_addr = ? AND created_at > ?"),
	S(ST_SMS_CH_VOID, "UPDATE sms_challenges SET state = 'void' WHERE session_id = ? AND state = 'open'"),
	S(ST_SMS_CH_INSERT,
	  "INSERT INTO sms_challenges (session_id, user_id, phone, code_mac, created_at, expires_at)"
	  " VALUES (?, ?, ?, ?, ?, ?)"),
	S(ST_SMS_CH_OPEN,
	  "SELECT id, code_mac, expires_at, attempts, phone FROM sms_challenges"
	  " WHERE session_id = ? AND state = 'open' ORDER BY id DESC LIMIT 1 FOR UPDATE"),
	S(ST_SMS_CH_UPDATE, "UPDATE sms_challenges SET attempts = ?, state = ? WHERE id = ?"),
	S(ST_SMS_OUTBOX_INSERT,
	  "INSERT INTO sms_outbox (user_id, phone, body, client_addr, created_at) VALUES (?, ?, ?, ?, ?)"),
	S(ST_SMS_CLAIM,
	  "UPDATE sms_outbox SET claim = ?, claimed_at = ?, attempts = attempts + 1"
	  " WHERE sent_at IS NULL AND attempts < 10 AND (claim IS NULL OR claimed_at < ?)"
	  " ORDER BY id LIMIT 50"),
	S(ST_SMS_CLAIMED,
	  "SELECT id, phone, '', body FROM sms_outbox WHERE claim = ? AND sent_at IS NULL ORDER BY id"),
	S(ST_SMS_SENT, "UPDATE sms_outbox SET sent_at = ?, claim = NULL, last_error = NULL WHERE id = ?"),
	/* a failed row keeps its claim: it is retried once the claim is two minutes old */
	S(ST_SMS_FAILED, "UPDATE sms_outbox SET last_error = ? WHERE id = ?"),

	S(ST_TH_GET, "SELECT failures, window_start, blocked_until FROM auth_throttle WHERE scope = ? AND subject = ?"),
	S(ST_TH_GET_LOCK,
	  "SELECT failures, window_start, blocked_until FROM auth_throttle WHERE scope = ? AND subject = ? FOR UPDATE"),
	S(ST_TH_PUT,
	  "INSERT INTO auth_throttle (scope, subject, failures, window_start, blocked_until) VALUES (?, ?, ?, ?, ?)"
	  " ON DUPLICATE KEY UPDATE failures = VALUES(failures), window_start = VALUES(window_start),"
	  " blocked_until = VALUES(blocked_until)"),
	S(ST_TH_CLEAR, "DELETE FROM auth_throttle WHERE scope = ? AND subject = ?"),

	S(ST_MAIL_OUTBOX_INSERT,
	  "INSERT INTO mail_outbox (user_id, to_addr, subject, body, created_at) VALUES (?, ?, ?, ?, ?)"),
	S(ST_MAIL_CLAIM,
	  "UPDATE mail_outbox SET claim = ?, claimed_at = ?, attempts = attempts + 1"
	  " WHERE sent_at IS NULL AND attempts < 10 AND (claim IS NULL OR claimed_at < ?)"
	  " ORDER BY id LIMIT 50"),
	S(ST_MAIL_CLAIMED,
	  "SELECT id, to_addr, subject, body FROM mail_outbox WHERE claim = ? AND sent_at IS NULL ORDER BY id"),
	S(ST_MAIL_SENT, "UPDATE mail_outbox SET sent_at = ?, claim = NULL, last_error = NULL WHERE id = ?"),
	S(ST_MAIL_FAILED, "UPDATE mail_outbox SET last_error = ? WHERE id = ?"),

	/* a newer token of a purpose voids the older ones by ending their life now */
	S(ST_UTOKEN_VOID,
	  "UPDATE user_tokens SET expires_at = LEAST(expires_at, ?) WHERE user_id = ? AND purpose = ? AND used_at IS NULL"),
	S(ST_UTOKEN_INSERT,
	  "INSERT INTO user_tokens (user_id, purpose, token_hash, new_email, created_by, created_at, expires_at)"
	  " VALUES (?, ?, ?, ?, ?, ?, ?)"),
#define UTOKEN_FIND                                                                                         \
	"SELECT t.id, t.user_id, u.org_id, t.new_email, t.expires_at FROM user_tokens t JOIN users u ON u.id = t.user_id" \
	" WHERE t.token_hash = ? AND t.purpose = ? AND t.used_at IS NULL AND t.expires_at > ?"
	S(ST_UTOKEN_FIND, UTOKEN_FIND),
	S(ST_UTOKEN_FIND_LOCK, UTOKEN_FIND " FOR UPDATE"),
#undef UTOKEN_FIND
	S(ST_UTOKEN_USE, "UPDATE user_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL"),
	S(ST_UTOKEN_RECENT, "SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND purpose = ? AND created_at > ?"),
	/* the first admin of an organisation is active: every link vendor staff sent there dies (bootstrap ends) */
	S(ST_UTOKEN_VOID_VENDOR,
	  "UPDATE user_tokens t JOIN users u ON u.id = t.user_id JOIN users c ON c.id = t.created_by"
	  " JOIN organisations co ON co.id = c.org_id AND co.kind = 'vendor'"
	  " SET t.expires_at = ?, t.void_reason = 'bootstrap' WHERE u.org_id = ? AND t.used_at IS NULL AND t.expires_at > ?"),
	/* a colleague's address or number changed: links sent before are void */
	S(ST_UTOKEN_VOID_USER,
	  "UPDATE user_tokens SET expires_at = ?, void_reason = 'changed' WHERE user_id = ? AND used_at IS NULL AND expires_at > ?"),
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
#define USER_COLS                                                                                          \
	"SELECT u.id, u.email, u.given_name, u.name_prefix, u.family_name, u.mobile, u.mobile_verified_at,"     \
	" u.status, u.certified_expert, u.lang, u.created_at, u.last_login_at, u.role_ids,"                    \
	" u.password_hash IS NOT NULL, u.totp_secret IS NOT NULL, u.certified_at"
#define USER_WHERE " FROM users u WHERE u.id = ? AND u.org_id = ? AND u.status <> 'removed'"
	/* with the colleague's sessions (logged in, newest first): "last_seen user agent" lines, for their page */
	S(ST_USER_GET, USER_COLS ", (SELECT GROUP_CONCAT(CONCAT(s.last_seen_at, ' ', REPLACE(s.user_agent, '\\n', ' '))"
		" ORDER BY s.last_seen_at DESC SEPARATOR '\\n' LIMIT 20) FROM sessions s WHERE s.user_id = u.id"
		" AND s.stage = 'full')" USER_WHERE),
	S(ST_USER_GET_LOCK, USER_COLS USER_WHERE " FOR UPDATE"),
#undef USER_COLS
#undef USER_WHERE
	/* every change that could leave an organisation without an admin locks its row first (ACC-04) */
	S(ST_ORG_LOCK, "SELECT id, name FROM organisations WHERE id = ? FOR UPDATE"),
	S(ST_ORG_ADMINS_OTHER,
	  "SELECT COUNT(DISTINCT u.id) FROM" ADMINS("?") " AND u.id <> ?"),
	/* the holiday checklist (document 000): open invitations, active users without a confirmed number, admins */
	S(ST_ORG_CHECKLIST,
	  "SELECT (SELECT COUNT(*) FROM users WHERE org_id = ? AND status = 'invited'),"
	  " (SELECT COUNT(*) FROM users WHERE org_id = ? AND status = 'active' AND mobile_verified_at IS NULL),"
	  " (SELECT COUNT(DISTINCT u.id) FROM" ADMINS("?") ")"),
	S(ST_USER_INSERT,
	  "INSERT INTO users (org_id, email, given_name, name_prefix, family_name, mobile, status, lang, created_at)"
	  " VALUES (?, ?, ?, ?, ?, ?, 'invited', ?, ?)"),
	S(ST_USER_ROLE_ADD, "INSERT INTO user_roles (user_id, role_id, granted_by, granted_at) VALUES (?, ?, ?, ?)"),
	/* keyed by the user id the caller loaded with the organisation filter; reads no other table (error 1442) */
	S(ST_USER_ROLE_DEL, "DELETE FROM user_roles WHERE user_id = ? AND role_id = ?"),
	S(ST_USER_UPDATE,
	  "UPDATE users SET given_name = ?, name_prefix = ?, family_name = ?, email = ?, mobile = ?,"
	  " mobile_verified_at = ? WHERE id = ? AND org_id = ? AND status <> 'removed'"),
	S(ST_USER_SET_STATUS, "UPDATE users SET status = ? WHERE id = ? AND org_id = ? AND status <> 'removed'"),
	/* removal keeps the row (audit trail, incidents) but frees the e-mail address and the password */
	S(ST_USER_REMOVE,
	  "UPDATE users SET status = 'removed', password_hash = NULL, mobile_verified_at = NULL"
	  " WHERE id = ? AND org_id = ? AND status <> 'removed'"),

	S(ST_USER_FOR_TOKEN,
	  "SELECT u.id, u.org_id, u.email, u.given_name, u.status, u.mobile, u.lang, o.name, u.name_prefix, u.family_name"
	  " FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.id = ?"),
	S(ST_USER_ACCEPT_INVITE,
	  "UPDATE users SET password_hash = ?, password_changed_at = ?, status = 'active',"
	  " mobile_verified_at = IF(mobile <=> ?, mobile_verified_at, NULL), mobile = ?"   /* in this order */
	  " WHERE id = ? AND status = 'invited'"),
	/* a right SMS code confirms the number it was sent to, and only that number (AUTH-10) */
	S(ST_USER_MOBILE_VERIFIED,
	  "UPDATE users SET mobile_verified_at = ? WHERE id = ? AND mobile = ? AND mobile_verified_at IS NULL"),
	S(ST_USER_PW_HASH, "SELECT password_hash FROM users WHERE id = ?"),
	S(ST_SESSION_REAUTH, "UPDATE sessions SET auth_at = ? WHERE id = ? AND stage = 'full'"),
	S(ST_RESUME_PUT, "INSERT INTO session_resume (session_id, path, form, back, created_at) VALUES (?, ?, ?, ?, ?)"
		" ON DUPLICATE KEY UPDATE path = VALUES(path), form = VALUES(form), back = VALUES(back),"
		" created_at = VALUES(created_at)"),
	S(ST_USER_SET_LANG, "UPDATE users SET lang = ? WHERE id = ?"),
	S(ST_RESUME_GET, "SELECT path, form, back FROM session_resume WHERE session_id = ? AND created_at > ?"),
	S(ST_RESUME_DELETE, "DELETE FROM session_resume WHERE session_id = ?"),

	S(ST_USER_SELF, "SELECT mobile_verified_at, last_login_at, created_at, password_hash FROM users WHERE id = ?"),
	/* Mijn portaal, what waits for the user: each read only when the user's rights make it theirs, each a
	 * range read on an index of at most 100 rows (the page says "99+"), so it costs the same whatever the
	 * organisation's size. Incidents waiting for the customer's answer: one's own (org, self), or the
	 * organisation's (org); new incidents in the vendor's queue; documents waiting for one's approval and
	 * their dossier when they are all in one, else 0 (self, org); the end of the organisation's active
	 * support grant (org, now); the customers' active grants (now). */
#define BOUNDED(Q) "SELECT COUNT(*) FROM (" Q " LIMIT 100) x"
	S(ST_HOME_WAITING_MINE, BOUNDED("SELECT 1 FROM incidents WHERE org_id = ? AND submitter_id = ? AND status = 'waiting'")),
	S(ST_HOME_WAITING_ORG, BOUNDED("SELECT 1 FROM incidents WHERE org_id = ? AND status = 'waiting'")),
	S(ST_HOME_QUEUE_NEW, BOUNDED("SELECT 1 FROM incidents WHERE status = 'new'")),
	S(ST_HOME_TO_APPROVE,
	  "SELECT COUNT(*), IF(COUNT(DISTINCT x.dossier_id) = 1, MIN(x.dossier_id), 0) FROM (SELECT d.dossier_id"
	  " FROM dossier_users du JOIN documents d ON d.dossier_id = du.dossier_id AND d.approver_id = du.user_id"
	  " WHERE du.user_id = ? AND d.org_id = ? AND d.status = 'inbox' AND d.approved_at IS NULL LIMIT 100) x"),
	S(ST_HOME_GRANT,
	  "SELECT expires_at FROM support_grants WHERE org_id = ? AND confirmed_at IS NOT NULL AND revoked_at IS NULL"
	  " AND end_notified_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1"),
	S(ST_HOME_GRANTS_ACTIVE, BOUNDED("SELECT 1 FROM support_grants WHERE end_notified_at IS NULL AND expires_at > ?"
	  " AND confirmed_at IS NOT NULL AND revoked_at IS NULL")),
#undef BOUNDED
	S(ST_USER_SET_PROFILE,
	  "UPDATE users SET given_name = ?, name_prefix = ?, family_name = ?, lang = ? WHERE id = ? AND status = 'active'"),
	S(ST_USER_SET_EMAIL, "UPDATE users SET email = ? WHERE id = ? AND status = 'active'"),
	/* an account (active or disabled) holds this login address, in any organisation */
	S(ST_USER_EMAIL_IN_USE, "SELECT COUNT(*) FROM users WHERE email_live = ?"),
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

	/* dossiers: the organisation's (dossiers.manage) or the user's own; the responsible person's name */
#define DOSSIER_COLS                                                                                       \
	"SELECT d.id, d.name, d.modules, d.responsible_id, r.given_name, r.name_prefix, r.family_name, r.email," \
	" (SELECT COUNT(*) FROM dossier_users x WHERE x.dossier_id = d.id)"                                    \
	" FROM dossiers d LEFT JOIN users r ON r.id = d.responsible_id AND r.status <> 'removed'"
	/* a page by name (keyset: the last name and id shown), optionally those whose name holds a search */
#define DOSSIER_PAGE                                                                                       \
	" AND (? IS NULL OR d.name LIKE ?) AND (? IS NULL OR d.name > ? OR (d.name = ? AND d.id > ?))"          \
	" ORDER BY d.name, d.id LIMIT ?"
	S(ST_DOSSIERS_ALL, DOSSIER_COLS " WHERE d.org_id = ?" DOSSIER_PAGE),
	S(ST_DOSSIERS_MINE, DOSSIER_COLS " JOIN dossier_users du ON du.dossier_id = d.id AND du.user_id = ?"
	  " WHERE d.org_id = ?" DOSSIER_PAGE),
#undef DOSSIER_PAGE
	S(ST_DOSSIER_GET, DOSSIER_COLS " WHERE d.id = ? AND d.org_id = ?"),
#undef DOSSIER_COLS
	S(ST_DOSSIER_INSERT, "INSERT INTO dossiers (org_id, name, modules, responsible_id, created_at) VALUES (?, ?, ?, ?, ?)"),
	S(ST_DOSSIER_UPDATE, "UPDATE dossiers SET name = ?, responsible_id = ? WHERE id = ? AND org_id = ?"),
	S(ST_DOSSIER_SET_MODULES, "UPDATE dossiers SET modules = ? WHERE id = ? AND org_id = ?"),
	/* a dossier's members by name, a page after the cursor (name_key, id), and whether any member (on any page)
	 * has a profile with dossier.settings: an Administrator (document 003). The subquery has no reference to
	 * the row, so it runs once. Parameters: the organisation and the dossier (the subquery), the dossier, the
	 * organisation, the cursor's name three times, its id, the limit. */
	S(ST_DOSSIER_MEMBERS,
	  "SELECT u.id, u.given_name, u.name_prefix, u.family_name, u.email, u.status, u.role_ids, u.name_key,"
	  " EXISTS (SELECT 1 FROM dossier_users da JOIN users ua ON ua.id = da.user_id AND ua.org_id = ?"
	  " AND ua.status <> 'removed' JOIN user_roles ur ON ur.user_id = ua.id"
	  " JOIN roles ro ON ro.id = ur.role_id AND ro.kind = 'profile' JOIN role_rights rr ON rr.role_id = ro.id"
	  " JOIN rights ri ON ri.id = rr.right_id AND ri.rkey = 'dossier.settings' WHERE da.dossier_id = ?)"
	  " FROM dossier_users du JOIN users u ON u.id = du.user_id"
	  " WHERE du.dossier_id = ? AND u.org_id = ? AND u.status <> 'removed'"
	  " AND (? IS NULL OR u.name_key > ? OR (u.name_key = ? AND u.id > ?)) ORDER BY u.name_key, u.id LIMIT ?"),
	/* a colleague assigned to the dossier, in the organisation, not removed */
	/* whom a document can be forwarded to for approval: the dossier's active colleagues but oneself whose profile
	 * may approve (documents.deliver), by name, those whose name or address matches a LIKE pattern when one is
	 * given (params dossier, org, self, like x3, limit) */
	S(ST_FORWARD_TARGETS,
	  "SELECT u.id, u.given_name, u.name_prefix, u.family_name FROM dossier_users du JOIN users u ON u.id = du.user_id"
	  " WHERE du.dossier_id = ? AND u.org_id = ? AND u.status = 'active' AND u.id <> ? AND (? IS NULL OR u.email LIKE ?"
	  " OR CONCAT_WS(' ', u.given_name, NULLIF(u.name_prefix, ''), u.family_name) LIKE ?)"
	  " AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id AND ro.kind = 'profile'"
	  "  JOIN role_rights rr ON rr.role_id = ro.id JOIN rights ri ON ri.id = rr.right_id AND ri.rkey = 'documents.deliver'"
	  "  WHERE ur.user_id = u.id) ORDER BY u.name_key, u.id LIMIT ?"),
	S(ST_DOSSIER_MEMBER,
	  "SELECT u.id, u.given_name, u.email, u.lang, u.status FROM dossier_users du JOIN users u ON u.id = du.user_id"
	  " WHERE du.dossier_id = ? AND du.user_id = ? AND u.org_id = ? AND u.status <> 'removed'"),
	S(ST_DOSSIER_ASSIGN,
	  "INSERT IGNORE INTO dossier_users (dossier_id, user_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)"),
	S(ST_DOSSIER_UNASSIGN, "DELETE FROM dossier_users WHERE dossier_id = ? AND user_id = ?"),
	S(ST_DOSSIER_ACCOUNTS, "SELECT iban, label FROM dossier_accounts WHERE dossier_id = ? ORDER BY id LIMIT 100"),
	/* colleagues one can assign or make responsible: active or invited; to assign, those not in the dossier yet
	 * (params org, like x4, dossier x2 (NULL: anyone), limit) */
	S(ST_ORG_PEOPLE,
	  "SELECT u.id, u.given_name, u.name_prefix, u.family_name, u.email FROM users u FORCE INDEX (ix_users_org_name)"
	  " WHERE u.org_id = ? AND u.status IN ('active','invited') AND (? IS NULL OR u.email LIKE ? OR CONCAT_WS(' ',"
	  " u.given_name, NULLIF(u.name_prefix, ''), u.family_name) LIKE ? OR u.name_key LIKE ?)"
	  " AND (? IS NULL OR NOT EXISTS (SELECT 1 FROM dossier_users dx WHERE dx.dossier_id = ? AND dx.user_id = u.id))"
	  " ORDER BY u.name_key, u.id LIMIT ?"),
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
	/* account requests (document 003): the responsible person of some dossier, by login address */
	S(ST_REQ_RESPONSIBLE,
	  "SELECT u.id, u.org_id, u.email, u.given_name, u.lang FROM users u WHERE u.email_live = ? AND u.status = 'active'"
	  " AND EXISTS (SELECT 1 FROM dossiers d WHERE d.responsible_id = u.id AND d.org_id = u.org_id)"),
	S(ST_REQ_RECENT, "SELECT COUNT(*) FROM account_requests WHERE responsible_id = ? AND created_at > ?"),
	S(ST_REQ_INSERT,
	  "INSERT INTO account_requests (org_id, responsible_id, dossier_id, requester_id, email, given_name, family_name,"
	  " profile_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
	/* open account requests addressed to a responsible person: column 12 says whether the dossier the request
	 * names (if any) is still theirs. The list: a page after an id (params user, org, after, limit); one: by id */
#define REQ_COLS                                                                                            \
	"SELECT ar.id, ar.dossier_id, d.name, ar.email, ar.given_name, ar.family_name, ar.profile_id, ar.note,"  \
	" ar.created_at, q.given_name, q.name_prefix, q.family_name, d.responsible_id <=> ar.responsible_id"    \
	" FROM account_requests ar LEFT JOIN dossiers d ON d.id = ar.dossier_id AND d.org_id = ar.org_id"       \
	" LEFT JOIN users q ON q.id = ar.requester_id"
	S(ST_REQ_LIST, REQ_COLS " WHERE ar.responsible_id = ? AND ar.org_id = ? AND ar.status = 'open' AND ar.id > ?"
	  " ORDER BY ar.id LIMIT ?"),
	S(ST_REQ_GET, REQ_COLS " WHERE ar.id = ? AND ar.responsible_id = ? AND ar.org_id = ? AND ar.status = 'open'"),
	S(ST_REQ_GET_LOCK,
	  "SELECT ar.id, ar.dossier_id, ar.email, ar.given_name, ar.family_name, ar.profile_id, ar.requester_id, q.email, q.lang"
	  " FROM account_requests ar LEFT JOIN users q ON q.id = ar.requester_id AND q.status = 'active'"
	  " WHERE ar.id = ? AND ar.responsible_id = ? AND ar.org_id = ? AND ar.status = 'open' FOR UPDATE"),
	S(ST_REQ_DECIDE,
	  "UPDATE account_requests SET status = ?, decided_by = ?, decided_at = ?, user_id = ?, dossier_id = ?"
	  " WHERE id = ? AND status = 'open'"),
	/* the dossiers someone is responsible for, by name, those matching a LIKE pattern when one is given
	 * (params org, user, like, like, limit) */
	S(ST_RESP_DOSSIERS,
	  "SELECT id, name FROM dossiers WHERE org_id = ? AND responsible_id = ? AND (? IS NULL OR name LIKE ?)"
	  " ORDER BY name, id LIMIT ?"),
	S(ST_RESP_DOSSIER, "SELECT id FROM dossiers WHERE id = ? AND org_id = ? AND responsible_id = ?"),
	S(ST_DOC_INSERT,
	  "INSERT INTO documents (dossier_id, org_id, uploader_id, filename, stored_name, content_type, size, sha256,"
	  " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
#define DOC_COLS                                                                                           \
	"SELECT d.id, d.filename, d.content_type, d.size, d.status, d.created_at, d.uploader_id,"              \
	" up.given_name, up.name_prefix, up.family_name, d.approver_id, ap.given_name, ap.name_prefix,"        \
	" ap.family_name, d.approved_at, d.processed_at, d.paid_at, d.stored_name"                            \
	" FROM documents d LEFT JOIN users up ON up.id = d.uploader_id LEFT JOIN users ap ON ap.id = d.approver_id"
	/* a dossier's documents, newest first, a page at a time: the last parameters are the cursor (NULL, or the
	 * id of the last document shown) twice and the page's size; a range of (dossier_id, status, id) */
	S(ST_DOC_INBOX_ALL, DOC_COLS " WHERE d.dossier_id = ? AND d.status = 'inbox' AND (? IS NULL OR d.id < ?)"
	  " ORDER BY d.id DESC LIMIT ?"),
	/* Document Delivery: own uploads, also once processed ("toegang tot de eigen documenten", document 003), and
	 * those awaiting the user's approval */
	S(ST_DOC_INBOX_MINE, DOC_COLS " WHERE d.dossier_id = ? AND (d.uploader_id = ? OR (d.status = 'inbox'"
	  " AND d.approver_id = ?)) AND (? IS NULL OR d.id < ?) ORDER BY d.id DESC LIMIT ?"),
	S(ST_DOC_PROCESSED, DOC_COLS " WHERE d.dossier_id = ? AND d.status = 'processed' AND (? IS NULL OR d.id < ?)"
	  " ORDER BY d.id DESC LIMIT ?"),
	S(ST_DOC_GET, DOC_COLS " WHERE d.id = ? AND d.dossier_id = ?"),
#undef DOC_COLS
	S(ST_DOC_FORWARD,
	  "UPDATE documents SET approver_id = ?, approved_at = NULL WHERE id = ? AND dossier_id = ? AND status = 'inbox'"),
	S(ST_DOC_APPROVE,
	  "UPDATE documents SET approved_at = ? WHERE id = ? AND dossier_id = ? AND approver_id = ? AND approved_at IS NULL"
	  " AND status = 'inbox' AND NOT (uploader_id <=> approver_id)"),
	S(ST_DOC_PROCESS,
	  "UPDATE documents SET status = 'processed', processed_by = ?, processed_at = ? WHERE id = ? AND dossier_id = ?"
	  " AND status = 'inbox'"),
	S(ST_DOC_PAID,
	  "UPDATE documents SET paid_at = ? WHERE id = ? AND dossier_id = ? AND status = 'processed' AND paid_at IS NULL"),
	S(ST_DOC_STATS,
	  "SELECT COALESCE(SUM(status = 'inbox'), 0), COALESCE(SUM(status = 'processed'), 0),"
	  " COALESCE(SUM(status = 'inbox' AND approver_id IS NOT NULL AND approved_at IS NULL), 0),"
	  " COALESCE(SUM(status = 'processed' AND paid_at IS NULL), 0), COALESCE(SUM(size), 0)"
	  " FROM documents WHERE dossier_id = ?"),
	/* received and processed per calendar month (UTC), the last 12 months */
	S(ST_DOC_MONTHS,
	  "SELECT DATE_FORMAT(FROM_UNIXTIME(created_at), '%Y-%m') AS m, COUNT(*), COALESCE(SUM(status = 'processed'), 0)"
	  " FROM documents WHERE dossier_id = ? AND created_at >= ? GROUP BY m ORDER BY m DESC LIMIT 12"),

	S(ST_CAT_ROLE_UPDATE, "UPDATE roles SET name_nl = ?, name_en = ?, on_request = ? WHERE id = ?"),
	S(ST_CAT_ROLE_INSERT,
	  "INSERT INTO roles (rkey, kind, on_request, name_nl, name_en, sort_order)"
	  " SELECT ?, ?, ?, ?, ?, COALESCE(MAX(sort_order), 0) + 1 FROM roles"),
	S(ST_CAT_RR_ADD, "INSERT INTO role_rights (role_id, right_id) VALUES (?, ?)"),
	S(ST_CAT_RR_DEL, "DELETE FROM role_rights WHERE role_id = ? AND right_id = ?"),
	S(ST_CUSTOMER_LOCK, "SELECT id, name, role_ids, set_ids FROM organisations WHERE id = ? AND kind = 'customer' FOR UPDATE"),
	S(ST_ORG_ROLE_ADD, "INSERT IGNORE INTO org_roles (org_id, role_id, enabled_by, enabled_at) VALUES (?, ?, ?, ?)"),
	S(ST_ORG_ROLE_DEL, "DELETE FROM org_roles WHERE org_id = ? AND role_id = ?"),
	/* The grants of roles their organisation may not use (any more): after a role set or a switched-on role was
	 * taken from a customer, or a role from a set. Optionally one organisation's, optionally one role's; first
	 * an audit row per grant in the colleague's organisation, then the grants themselves (the DELETE reads no
	 * users and no organisations: error 1442). Parameters: now, actor, address, request id, detail; then org x2,
	 * role x2 (NULL: all); the DELETE only the last four. */
#define UNUSABLE_GRANTS                                                                                   \
	" JOIN roles ro ON ro.id = ur.role_id WHERE (? IS NULL OR ur.org_id = ?) AND (? IS NULL OR ur.role_id = ?)"  \
	" AND ro.kind IN ('org', 'profile') AND NOT (ro.core = 1 AND ro.kind = 'org')"                            \
	" AND NOT EXISTS (SELECT 1 FROM org_role_sets os JOIN role_set_roles sr ON sr.set_id = os.set_id"          \
	"  WHERE os.org_id = ur.org_id AND sr.role_id = ur.role_id)"                                              \
	" AND NOT EXISTS (SELECT 1 FROM org_roles x WHERE x.org_id = ur.org_id AND x.role_id = ur.role_id)"
	S(ST_UNUSABLE_AUDIT,
	  "INSERT INTO audit_log (at, event, org_id, user_id, actor_id, client_addr, request_id, detail)"
	  " SELECT ?, 'roles_changed', ur.org_id, ur.user_id, ?, ?, ?, CONCAT('revoked: ', ro.rkey, ' (', ?, ')')"
	  " FROM user_roles ur" UNUSABLE_GRANTS),
	S(ST_UNUSABLE_STRIP, "DELETE ur FROM user_roles ur" UNUSABLE_GRANTS),
#undef UNUSABLE_GRANTS
	S(ST_ORG_SET_ADD, "INSERT IGNORE INTO org_role_sets (org_id, set_id, enabled_by, enabled_at) VALUES (?, ?, ?, ?)"),
	S(ST_ORG_SET_DEL, "DELETE FROM org_role_sets WHERE org_id = ? AND set_id = ?"),
	S(ST_SET_ROLE_ADD, "INSERT IGNORE INTO role_set_roles (set_id, role_id) VALUES (?, ?)"),
	S(ST_SET_ROLE_DEL, "DELETE FROM role_set_roles WHERE set_id = ? AND role_id = ?"),

	/* the quota of an organisation, its row locked for the granting transaction (ACC-05) */
	S(ST_QUOTA_LOCK,
	  "SELECT o.id, COALESCE(o.quota_override, qc.max_submitters, 0), o.quota_override IS NOT NULL, o.size_class"
	  " FROM organisations o LEFT JOIN quota_classes qc ON qc.size_class = o.size_class WHERE o.id = ? FOR UPDATE"),
	/* counted holders: active or invited, not certified experts, holding a role that gives incidents.submit;
	 * one colleague (the one being changed) left out */
	S(ST_QUOTA_COUNT, "SELECT COUNT(DISTINCT u.id) FROM" SUBMITTERS("?") " AND u.id <> ?"),
	/* the quota page: counted holders and certified experts of the organisation, a page by name (keyset). The
	 * holders as the organisation's grants (ix_user_roles_org): a correlated EXISTS there was materialised
	 * over every organisation's grants of the role, 250,000 rows at bench/gen.sh's scale */
	S(ST_QUOTA_PEOPLE,
	  "SELECT u.id, u.given_name, u.name_prefix, u.family_name, u.email, u.status, u.certified_expert,"
	  " EXISTS (SELECT 1 FROM user_roles ur JOIN role_rights rr ON rr.role_id = ur.role_id JOIN rights ri ON ri.id = rr.right_id"
	  "  WHERE ur.user_id = u.id AND ri.rkey = 'incidents.submit'), u.name_key"
	  " FROM users u WHERE u.org_id = ? AND u.status <> 'removed' AND (u.certified_expert = 1 OR u.id IN (SELECT"
	  "  ur.user_id FROM rights ri JOIN role_rights rr ON rr.right_id = ri.id JOIN user_roles ur ON ur.org_id = ?"
	  "  AND ur.role_id = rr.role_id WHERE ri.rkey = 'incidents.submit'))"   /* the organisation's grants only */
	  " AND (? IS NULL OR u.name_key > ? OR (u.name_key = ? AND u.id > ?)) ORDER BY u.name_key, u.id LIMIT ?"),
	/* the vendor's view of customers with use and maximum: a page by name (keyset, optionally those flagged over
	 * the maximum, or a name search), the use counted for the page's rows only; and, for the nightly run, every
	 * customer in batches by id. Both read an index range: 10,000 customers cost no more than ten. */
#define QUOTA_ORG_COLS(SUBMITTERS_N, MORE, FROM)                                                           \
	"SELECT o.id, o.name, o.size_class, o.quota_override, COALESCE(o.quota_override, qc.max_submitters, 0),"  \
	" " SUBMITTERS_N ", o.over_quota_since" MORE FROM                                                       \
	" LEFT JOIN quota_classes qc ON qc.size_class = o.size_class WHERE o.kind = 'customer'"
	/* parameters: over only (NULL or 1), search x2 (NULL or a LIKE pattern), cursor name x3, cursor id, limit;
	 * the counts from org_counts while fresh (above); the nightly run counts every one anew */
	S(ST_QUOTA_ORGS, QUOTA_ORG_COLS(COUNTED("submitters", SUBMITTERS("o.id")),
	  "," COUNTED("admins", ADMINS("o.id")) COUNTS_TAIL, COUNTS_FROM) " AND (? IS NULL OR o.over_quota_since IS NOT NULL)"
	  " AND (? IS NULL OR o.name LIKE ?) AND (? IS NULL OR o.name > ? OR (o.name = ? AND o.id > ?))"
	  " ORDER BY o.name, o.id LIMIT ?"),
	S(ST_QUOTA_ORGS_BATCH, QUOTA_ORG_COLS(COUNT_NOW(SUBMITTERS("o.id")), "", " FROM organisations o")
	  " AND o.id > ? ORDER BY o.id LIMIT 500"),
	/* a form sent twice stores once (sql/019, lib/once.c) */
	S(ST_FORM_ONCE_GET, "SELECT done_path FROM form_once WHERE user_id = ? AND token = ?"),
	S(ST_FORM_ONCE_PUT, "INSERT INTO form_once (user_id, token, done_path, created_at) VALUES (?, ?, ?, ?)"),
	S(ST_FORM_ONCE_EXPIRE, "DELETE FROM form_once WHERE created_at < ?"),
	/* portalctl sweep-uploads: is a file in documents.dir some row's, and every row's file, in batches by id */
	S(ST_UPLOAD_KNOWN,
	  "SELECT EXISTS (SELECT 1 FROM documents WHERE stored_name = ?) OR EXISTS (SELECT 1 FROM incident_files"
	  " WHERE stored_name = ?) OR EXISTS (SELECT 1 FROM org_documents WHERE stored_name = ?)"),
	S(ST_UPLOAD_DOCS, "SELECT id, stored_name FROM documents WHERE id > ? ORDER BY id LIMIT 1000"),
	S(ST_UPLOAD_INC_FILES, "SELECT id, stored_name FROM incident_files WHERE id > ? ORDER BY id LIMIT 1000"),
	S(ST_UPLOAD_ORG_DOCS, "SELECT id, stored_name FROM org_documents WHERE id > ? ORDER BY id LIMIT 1000"),
#undef QUOTA_ORG_COLS
	S(ST_QUOTA_SET, "UPDATE organisations SET size_class = ?, quota_override = ? WHERE id = ? AND kind = 'customer'"),
	/* over quota since when (kept while it stays over), or not (NULL) */
	S(ST_QUOTA_FLAG,
	  "UPDATE organisations SET over_quota_since = IF(? IS NULL, NULL, COALESCE(over_quota_since, ?)) WHERE id = ?"),
	S(ST_QUOTA_CLASSES, "SELECT size_class, label_nl, label_en, max_submitters FROM quota_classes ORDER BY size_class"),
	/* the same, with how many customers are flagged over their maximum (the vendor's page: one round trip) */
	S(ST_QUOTA_CLASSES_OVER, "SELECT size_class, label_nl, label_en, max_submitters, (SELECT COUNT(*) FROM organisations"
	  " WHERE kind = 'customer' AND over_quota_since IS NOT NULL) FROM quota_classes ORDER BY size_class"),
	/* who can grant a role: the organisation's active admins, by name (the "no right" page) */
	S(ST_ORG_ADMIN_NAMES,
	  "SELECT DISTINCT u.given_name, u.name_prefix, u.family_name, u.name_key FROM" ADMINS("?")
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
	S(ST_ORGS_LIST, ORG_FACTS(COUNTED("admins", ADMINS("o.id")), COUNTED("submitters", SUBMITTERS("o.id")), COUNTS_TAIL,
	  COUNTS_FROM)
	  " AND (? IS NULL OR o.name LIKE ?) AND (? IS NULL OR o.name > ? OR (o.name = ? AND o.id > ?))"
	  " ORDER BY o.name, o.id LIMIT ?"),
	S(ST_ORG_SUMMARY, ORG_FACTS(COUNT_NOW(ADMINS("o.id")), COUNT_NOW(SUBMITTERS("o.id")), ", o.set_ids, o.role_ids",
	  " FROM organisations o")
	  " AND o.id = ?"),
#undef ORG_FACTS
	/* the counts a list counted itself, stored with the versions they were counted at (sql/020): one statement
	 * for the page, its rows a JSON array of [org, users_version, catalogue version, admins, submitters] */
	S(ST_ORG_COUNTS_PUT,
	  "INSERT INTO org_counts (org_id, users_version, cat_version, admins, submitters)"
	  " SELECT j.org_id, j.uv, j.cv, j.admins, j.submitters FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	  " org_id BIGINT UNSIGNED PATH '$[0]', uv BIGINT UNSIGNED PATH '$[1]', cv BIGINT UNSIGNED PATH '$[2]',"
	  " admins INT UNSIGNED PATH '$[3]', submitters INT UNSIGNED PATH '$[4]')) j"
	  " ON DUPLICATE KEY UPDATE users_version = VALUES(users_version), cat_version = VALUES(cat_version),"
	  " admins = VALUES(admins), submitters = VALUES(submitters)"),
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
	  HOLDERS("users.manage", "?") " AND u.status = 'invited' ORDER BY u.id LIMIT 50"),
	S(ST_USER_ADMIN_ROLE,
	  "INSERT INTO user_roles (user_id, role_id, granted_by, granted_at) SELECT ?, id, ?, ? FROM roles WHERE rkey = 'beheerder'"),
	S(ST_ORG_CONTACT,
	  "SELECT name, address, invoice_email, phone, contact_checked_at, admins_need_app FROM organisations WHERE id = ?"),
	S(ST_ORG_APP_POLICY, "UPDATE organisations SET admins_need_app = ? WHERE id = ?"),
	S(ST_ORG_CONTACT_SET,
	  "UPDATE organisations SET address = ?, invoice_email = ?, phone = ?, contact_checked_at = ? WHERE id = ?"),
	S(ST_ORG_CONTACT_CHECKED, "UPDATE organisations SET contact_checked_at = ? WHERE id = ?"),
	/* customers whose data was last checked before ? and who were not reminded since ? */
	S(ST_CONTACT_DUE,
	  "SELECT id, name, contact_checked_at FROM organisations WHERE kind = 'customer'"
	  " AND COALESCE(contact_checked_at, created_at) < ? AND COALESCE(contact_reminded_at, 0) < ? ORDER BY id LIMIT ?"),
	S(ST_CONTACT_ADMINS,
	  "SELECT DISTINCT u.id, u.email, u.given_name, u.lang FROM" HOLDERS("org.manage", "?")
	  " AND u.status = 'active' ORDER BY u.id"),
	S(ST_CONTACT_REMINDED, "UPDATE organisations SET contact_reminded_at = ? WHERE id = ?"),
	/* ---- support grants (ACC-07) ---- */
	S(ST_SUPPORT_FIRST_USE,
	  "UPDATE support_grants SET first_used_at = ?, first_used_by = ? WHERE id = ? AND first_used_at IS NULL"),
	S(ST_SUPPORT_GRANT_INFO,
	  "SELECT g.org_id, o.name, g.scope, g.hours, g.reason, g.confirmed_at, g.expires_at, g.revoked_at,"
	  " gu.given_name, gu.name_prefix, gu.family_name, g.first_used_at, fu.given_name, fu.name_prefix, fu.family_name,"
	  " ru.given_name, ru.name_prefix, ru.family_name"
	  " FROM support_grants g JOIN organisations o ON o.id = g.org_id JOIN users gu ON gu.id = g.granted_by"
	  " LEFT JOIN users fu ON fu.id = g.first_used_by LEFT JOIN users ru ON ru.id = g.revoked_by WHERE g.id = ?"),
	/* the organisation's active admins (users.manage): told of every grant, its first use and its end */
	S(ST_SUPPORT_ADMINS,
	  "SELECT DISTINCT u.id, u.email, u.given_name, u.lang FROM" ADMINS("?") " ORDER BY u.id"),
	/* expired grants whose admins were not told yet (an active grant has end_notified_at NULL) */
	S(ST_SUPPORT_DUE,
	  "SELECT id FROM support_grants WHERE end_notified_at IS NULL AND expires_at <= ? AND confirmed_at IS NOT NULL"
	  " AND revoked_at IS NULL ORDER BY id LIMIT 1000"),
	S(ST_SUPPORT_ENDED, "UPDATE support_grants SET end_notified_at = ? WHERE id = ? AND end_notified_at IS NULL"),
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
	  " EXISTS (SELECT 1 FROM" ADMINS("o.id") "),"
	  " (SELECT MAX(g.id) FROM support_grants g WHERE g.org_id = o.id AND g.confirmed_at IS NOT NULL"
	  "  AND g.revoked_at IS NULL AND g.end_notified_at IS NULL AND g.expires_at > ?)"
	  " FROM organisations o WHERE o.id = ? AND o.kind = 'customer'"),
	S(ST_SESSION_ACT, "UPDATE sessions SET acting_org_id = ? WHERE id = ?"),
	/* ---- documents from the vendor to an organisation ---- */
	S(ST_ODOC_LIST,
	  "SELECT d.id, d.title, d.filename, d.size, d.created_at, u.given_name, u.name_prefix, u.family_name"
	  " FROM org_documents d LEFT JOIN users u ON u.id = d.uploaded_by"
	  " WHERE d.org_id = ? AND d.category = ? AND (? IS NULL OR d.id < ?) ORDER BY d.id DESC LIMIT ?"),
	/* one document: a customer's own (org_id given), or any for the vendor (org_id NULL) */
	S(ST_ODOC_GET,
	  "SELECT id, org_id, category, title, filename, stored_name, content_type, size FROM org_documents"
	  " WHERE id = ? AND (? IS NULL OR org_id = ?)"),
	S(ST_ODOC_INSERT,
	  "INSERT INTO org_documents (org_id, category, title, filename, stored_name, content_type, size, sha256,"
	  " uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
	S(ST_ODOC_DELETE, "DELETE FROM org_documents WHERE id = ?"),
	S(ST_ODOC_ORG, "SELECT name FROM organisations WHERE id = ? AND kind = 'customer'"),
	/* ---- announcements and release notes ---- */
	/* the notes a user may read: to everyone, or to a job role the user ticked; topic filter, keyset pages */
	S(ST_NEWS_LIST,
	  "SELECT n.id, n.title, n.published_at, t.name_nl, t.name_en, j.name_nl, j.name_en FROM news n"
	  " JOIN news_topics t ON t.id = n.topic_id LEFT JOIN job_roles j ON j.id = n.job_role_id"
	  " WHERE (n.job_role_id IS NULL OR EXISTS (SELECT 1 FROM user_job_roles uj WHERE uj.user_id = ?"
	  "  AND uj.job_role_id = n.job_role_id)) AND (? IS NULL OR n.topic_id = ?) AND (? IS NULL OR n.id < ?)"
	  " ORDER BY n.id DESC LIMIT ?"),
	S(ST_NEWS_GET,
	  "SELECT n.id, n.title, n.body, n.published_at, t.name_nl, t.name_en, j.name_nl, j.name_en FROM news n"
	  " JOIN news_topics t ON t.id = n.topic_id LEFT JOIN job_roles j ON j.id = n.job_role_id"
	  " WHERE n.id = ? AND (n.job_role_id IS NULL OR EXISTS (SELECT 1 FROM user_job_roles uj WHERE uj.user_id = ?"
	  "  AND uj.job_role_id = n.job_role_id))"),
	S(ST_NEWS_ALL,
	  "SELECT n.id, n.title, n.body, n.published_at, t.name_nl, t.name_en, j.name_nl, j.name_en, n.mailed,"
	  " u.given_name, u.name_prefix, u.family_name FROM news n JOIN news_topics t ON t.id = n.topic_id"
	  " LEFT JOIN job_roles j ON j.id = n.job_role_id LEFT JOIN users u ON u.id = n.author_id"
	  " WHERE (? IS NULL OR n.id < ?) ORDER BY n.id DESC LIMIT ?"),
	S(ST_NEWS_INSERT,
	  "INSERT INTO news (topic_id, job_role_id, title, body, author_id, published_at) VALUES (?, ?, ?, ?, ?, ?)"),
	/* the e-mail of a note to every active customer user of one language who opted in to its topic, may read
	 * release notes (an organisation role giving releasenotes.view that the organisation may use: a core role,
	 * one of its role sets' or one switched on for it) and, for a note to a job role, ticked it: one statement,
	 * however many users */
	S(ST_NEWS_MAIL,
	  "INSERT INTO mail_outbox (user_id, to_addr, subject, body, created_at)"
	  " SELECT u.id, u.email, ?, ?, ? FROM user_news_topics ut JOIN users u ON u.id = ut.user_id"
	  " JOIN organisations o ON o.id = u.org_id AND o.kind = 'customer'"
	  " WHERE ut.topic_id = ? AND u.status = 'active' AND COALESCE(u.lang, 'nl') = ?"
	  " AND (? IS NULL OR EXISTS (SELECT 1 FROM user_job_roles uj WHERE uj.user_id = u.id AND uj.job_role_id = ?))"
	  " AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id AND ro.kind = 'org'"
	  "  JOIN role_rights rr ON rr.role_id = ur.role_id JOIN rights ri ON ri.id = rr.right_id AND ri.rkey = 'releasenotes.view'"
	  "  WHERE ur.user_id = u.id AND (ro.core = 1 OR EXISTS (SELECT 1 FROM org_roles x WHERE x.org_id = u.org_id"
	  "  AND x.role_id = ro.id) OR EXISTS (SELECT 1 FROM org_role_sets os JOIN role_set_roles sr ON sr.set_id = os.set_id"
	  "  WHERE os.org_id = u.org_id AND sr.role_id = ro.id)))"),
	S(ST_NEWS_MAILED, "UPDATE news SET mailed = ? WHERE id = ?"),
	S(ST_NEWS_TOPICS,
	  "SELECT t.id, t.name_nl, t.name_en, ut.user_id IS NOT NULL FROM news_topics t"
	  " LEFT JOIN user_news_topics ut ON ut.topic_id = t.id AND ut.user_id = ? ORDER BY t.sort_order, t.id"),
	S(ST_NEWS_JOBS,
	  "SELECT j.id, j.name_nl, j.name_en, uj.user_id IS NOT NULL FROM job_roles j"
	  " LEFT JOIN user_job_roles uj ON uj.job_role_id = j.id AND uj.user_id = ? ORDER BY j.sort_order, j.id"),
	S(ST_NEWS_TOPIC_OK, "SELECT id FROM news_topics WHERE id = ?"),
	S(ST_NEWS_JOB_OK, "SELECT id FROM job_roles WHERE id = ?"),
	S(ST_NEWS_SUB_CLEAR, "DELETE FROM user_news_topics WHERE user_id = ?"),
	S(ST_NEWS_SUB_ADD, "INSERT INTO user_news_topics (user_id, topic_id) SELECT ?, id FROM news_topics WHERE id = ?"),
	S(ST_NEWS_JOB_CLEAR, "DELETE FROM user_job_roles WHERE user_id = ?"),
	S(ST_NEWS_JOB_ADD, "INSERT INTO user_job_roles (user_id, job_role_id) SELECT ?, id FROM job_roles WHERE id = ?"),
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

	S(ST_AUDIT_INSERT,
	  "INSERT INTO audit_log (at, event, org_id, user_id, actor_id, client_addr, request_id, detail, grant_id)"
	  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),

	/* portalctl create-vendor-admin: the vendor organisation (made on a fresh install) and the roles */
	S(ST_VENDOR_ORG, "SELECT id, name FROM organisations WHERE kind = 'vendor' ORDER BY id LIMIT 1"),
	S(ST_VENDOR_ORG_INSERT, "INSERT INTO organisations (kind, name, size_class, created_at) VALUES ('vendor', ?, 1, ?)"),
	S(ST_VENDOR_ADMIN_ROLES,
	  "INSERT INTO user_roles (user_id, role_id, granted_at) SELECT ?, id, ? FROM roles"
	  " WHERE rkey IN ('vendor_admin', 'vendor_support')"),
	S(ST_DEMO_USERS,
	  "SELECT u.id, u.email, o.name,"
	  " (SELECT GROUP_CONCAT(ro.name_nl ORDER BY ro.sort_order SEPARATOR ', ')"
	  "    FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = u.id),"
	  " EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id"
	  "    WHERE ur.user_id = u.id AND ro.rkey = 'beheerder') AS is_admin"
	  " FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.status = 'active'"
	  " ORDER BY o.kind = 'vendor', is_admin DESC, o.id, u.id"),
	S(ST_PING, "SELECT 1"),
#undef HOLDERS
#undef SUBMITTERS
#undef ADMINS
};

const char *portal_sql_text(enum portal_stmt st)
{
	return (unsigned)st < ST__COUNT ? defs[st].sql : NULL;
}

const char *portal_sql_name(enum portal_stmt st)
{
	return (unsigned)st < ST__COUNT ? defs[st].name : "?";
}
