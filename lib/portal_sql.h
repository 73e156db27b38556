/* portal_sql.h: the names of every SQL statement the portal runs. The text lives in sql.c, one table,
 * with ? placeholders only: no statement is ever assembled from input (IO-01). */
#ifndef PORTAL_SQL_H
#define PORTAL_SQL_H

enum portal_stmt {
	/* sessions and the one authorisation query */
	/* users */
	ST_TOTP_SET_PENDING,
	ST_TOTP_REMOVE,
	ST_TOTP_PREFER,
	/* the role catalogue */
	/* SMS second factor and outbox */
	/* throttling */
	/* mail outbox */
	/* e-mailed tokens */
	ST_UTOKEN_LAST_INVITE,
	/* user management (every query keyed by the session's organisation) */
	ST_USERS_LIST_NAME,
	ST_USERS_LIST_EMAIL,
	ST_USERS_LIST_LOGIN,
	ST_ORG_LOCK,
	ST_USER_UPDATE,
	ST_USER_SET_STATUS,
	ST_USER_REMOVE,
	/* password pages and second-factor confirmation of a number */
	ST_USER_PW_HASH,
	ST_SESSION_REAUTH,
	ST_USER_SET_LANG,
	ST_RESUME_GET,
	ST_RESUME_DELETE,
	/* Mijn account: the user's own row and sessions (keyed by the session's user) */
	ST_USER_SELF,
	ST_USER_SET_PROFILE,
	ST_USER_SET_EMAIL,
	ST_ORG_EMAIL_HOLDER,
	ST_USER_SET_MOBILE,
	ST_SESSIONS_OF_USER,
	ST_SESSION_DELETE_OWN,
	ST_SESSION_DELETE_OTHERS,
	ST_SMS_CH_PENDING,
	ST_ROLE_COUNTS,
	/* dossiers and documents (every statement keyed by the session's organisation or a dossier the
	 * authorisation query found in it) */
	ST_ORG_SUBMITTERS,
	ST_USER_DOSSIERS,
	/* the vendor's role catalogue and per-organisation activations (rights program, catalogue.manage) */
	ST_CAT_ROLE_UPDATE,
	ST_CAT_ROLE_INSERT,
	ST_CAT_RR_ADD,
	ST_CAT_RR_DEL,
	ST_CUSTOMER_LOCK,
	ST_ORG_ROLE_ADD,
	ST_ORG_ROLE_DEL,
	ST_ORG_SET_ADD,
	ST_ORG_SET_DEL,
	ST_SET_ROLE_ADD,
	ST_SET_ROLE_DEL,
	/* the incident-submitter quota (quota.c) */
	ST_ORG_ADMIN_NAMES,
	/* incidents (documents 001, 004) */
	ST_INC_INSERT,
	ST_INC_BY_TOKEN,
	ST_INC_GET,
	ST_INC_LIST_ORG,
	ST_INC_WINDOW_ORG,
	ST_INC_LIST_MINE,
	ST_INC_WINDOW_MINE,
	ST_INC_QUEUE,
	ST_INC_WINDOW_QUEUE,
	ST_INC_MSG_INSERT,
	ST_INC_MSGS,
	ST_INC_TOUCH,
	ST_INC_SET_STATUS,
	ST_INC_TAKE,
	ST_INC_FILE_INSERT,
	ST_INC_FILE_GET,
	/* the vendor's organisations program */
	ST_ORGS_LIST,
	ST_ORG_SUMMARY,
	ST_ORG_EXPERTS,
	ST_ORG_USER_BY_EMAIL,
	ST_USER_SET_EXPERT,
	ST_ORG_CUSTOMER_INSERT,
	ST_ORG_INVITED_ADMINS,
	ST_USER_ADMIN_ROLE,
	/* the organisation's contact data (document 004) */
	/* support grants (ACC-07): the library's side (request log, first use, notices, expiry) */
	/* ... and the support program's */
	ST_SUPPORT_LIST,
	ST_SUPPORT_GET,
	ST_SUPPORT_LOCK,
	ST_SUPPORT_INSERT,
	ST_SUPPORT_CONFIRM,
	ST_SUPPORT_OTHERS_ACTIVE,
	ST_SUPPORT_REVOKE,
	ST_SUPPORT_LOG,
	ST_SUPPORT_DESK,
	ST_SUPPORT_ORG,
	ST_SESSION_ACT,
	/* documents from the vendor to an organisation (invoices, financial documents) */
	/* announcements and release notes (the news program) */
	/* the back office (document 002), keyed by organisation and module */
	ST_BO_LIST,
	ST_BO_GET,
	ST_BO_INSERT,
	ST_BO_UPDATE,
	ST_BO_APPROVE,
	ST_BO_PUBLISH,
	ST_BO_POSITION,
	ST_BO_POSITION_TOTAL,
	/* audit */
	/* portalctl */
	ST_PING,
	ST__COUNT
};

/* The SQL text of a statement (for logs and the tests that check the table). */
const char *portal_sql_text(enum portal_stmt st);
const char *portal_sql_name(enum portal_stmt st);

#endif
