/* portal_sql.h: the names of every SQL statement the portal runs. The text lives in sql.c, one table,
 * with ? placeholders only: no statement is ever assembled from input (IO-01). */
#ifndef PORTAL_SQL_H
#define PORTAL_SQL_H

enum portal_stmt {
	/* sessions and the one authorisation query */
	ST_SESSION_AUTH,
	ST_SESSION_AUTH_DOSSIER,
	ST_SESSION_TOUCH,
	ST_SESSION_INSERT,
	ST_SESSION_PROMOTE,
	ST_SESSION_DELETE,
	ST_SESSION_DELETE_USER,
	/* users */
	ST_USER_BY_EMAIL,
	ST_USER_LOGIN_OK,
	ST_USER_SET_PASSWORD,
	/* the role catalogue */
	ST_CAT_VERSION,
	ST_CAT_RIGHTS,
	ST_CAT_ROLES,
	ST_CAT_ROLE_RIGHTS,
	/* SMS second factor and outbox */
	ST_SMS_COUNT_USER,
	ST_SMS_COUNT_ADDR,
	ST_SMS_CH_VOID,
	ST_SMS_CH_INSERT,
	ST_SMS_CH_OPEN,
	ST_SMS_CH_UPDATE,
	ST_SMS_OUTBOX_INSERT,
	ST_SMS_CLAIM,
	ST_SMS_CLAIMED,
	ST_SMS_SENT,
	ST_SMS_FAILED,
	/* throttling */
	ST_TH_GET,
	ST_TH_GET_LOCK,
	ST_TH_PUT,
	ST_TH_CLEAR,
	/* mail outbox */
	ST_MAIL_OUTBOX_INSERT,
	ST_MAIL_CLAIM,
	ST_MAIL_CLAIMED,
	ST_MAIL_SENT,
	ST_MAIL_FAILED,
	/* e-mailed tokens */
	ST_UTOKEN_VOID,
	ST_UTOKEN_INSERT,
	ST_UTOKEN_FIND,
	ST_UTOKEN_FIND_LOCK,
	ST_UTOKEN_USE,
	ST_UTOKEN_RECENT,
	/* user management (every query keyed by the session's organisation) */
	ST_USERS_LIST_NAME,
	ST_USERS_LIST_EMAIL,
	ST_USERS_LIST_LOGIN,
	ST_USER_GET,
	ST_USER_GET_LOCK,
	ST_ORG_LOCK,
	ST_ORG_ADMINS_OTHER,
	ST_ORG_CHECKLIST,
	ST_USER_INSERT,
	ST_USER_ROLE_ADD,
	ST_USER_ROLE_DEL,
	ST_USER_UPDATE,
	ST_USER_SET_STATUS,
	ST_USER_REMOVE,
	/* password pages and second-factor confirmation of a number */
	ST_USER_FOR_TOKEN,
	ST_USER_ACCEPT_INVITE,
	ST_USER_MOBILE_VERIFIED,
	ST_USER_PW_HASH,
	ST_SESSION_REAUTH,
	/* Mijn account: the user's own row and sessions (keyed by the session's user) */
	ST_USER_SELF,
	ST_USER_SET_PROFILE,
	ST_USER_SET_EMAIL,
	ST_USER_EMAIL_IN_USE,
	ST_USER_SET_MOBILE,
	ST_SESSIONS_OF_USER,
	ST_SESSION_DELETE_OWN,
	ST_SESSION_DELETE_OTHERS,
	ST_SMS_CH_PENDING,
	ST_ROLE_HOLDERS,
	ST_ROLE_COUNTS,
	/* dossiers and documents (every statement keyed by the session's organisation or a dossier the
	 * authorisation query found in it) */
	ST_DOSSIERS_ALL,
	ST_DOSSIERS_MINE,
	ST_DOSSIER_GET,
	ST_DOSSIER_INSERT,
	ST_DOSSIER_UPDATE,
	ST_DOSSIER_SET_MODULES,
	ST_DOSSIER_MEMBERS,
	ST_DOSSIER_MEMBER,
	ST_DOSSIER_ASSIGN,
	ST_DOSSIER_UNASSIGN,
	ST_DOSSIER_ACCOUNTS,
	ST_ORG_PEOPLE,
	ST_USER_DOSSIERS,
	ST_DOC_INSERT,
	ST_DOC_INBOX_ALL,
	ST_DOC_INBOX_MINE,
	ST_DOC_PROCESSED,
	ST_DOC_GET,
	ST_DOC_FORWARD,
	ST_DOC_APPROVE,
	ST_DOC_PROCESS,
	ST_DOC_PAID,
	ST_DOC_STATS,
	ST_DOC_MONTHS,
	/* the vendor's role catalogue and per-organisation activations (rights program, catalogue.manage) */
	ST_CAT_ROLE_UPDATE,
	ST_CAT_ROLE_INSERT,
	ST_CAT_RR_ADD,
	ST_CAT_RR_DEL,
	ST_CUSTOMERS,
	ST_CUSTOMER_LOCK,
	ST_ORG_ROLE_ADD,
	ST_ORG_ROLE_DEL,
	ST_ORG_ROLE_STRIP,
	/* the back office (document 002), keyed by organisation and module */
	ST_BO_LIST,
	ST_BO_GET,
	ST_BO_INSERT,
	ST_BO_UPDATE,
	ST_BO_APPROVE,
	ST_BO_POSITION,
	/* audit */
	ST_AUDIT_INSERT,
	ST_AUDIT_LIST,
	/* portalctl */
	ST_DEMO_USERS,
	ST_PING,
	ST__COUNT
};

/* The SQL text of a statement (for logs and the tests that check the table). */
const char *portal_sql_text(enum portal_stmt st);
const char *portal_sql_name(enum portal_stmt st);

#endif
