/* portal_sql.h: the names of every SQL statement the portal runs. The text lives in sql.c, one table,
 * with ? placeholders only: no statement is ever assembled from input (IO-01). */
#ifndef PORTAL_SQL_H
#define PORTAL_SQL_H

enum portal_stmt {
	/* sessions and the one authorisation query */
	ST_SESSION_AUTH,
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
	/* audit */
	ST_AUDIT_INSERT,
	/* portalctl */
	ST_DEMO_USERS,
	ST_PING,
	ST__COUNT
};

/* The SQL text of a statement (for logs and the tests that check the table). */
const char *portal_sql_text(enum portal_stmt st);
const char *portal_sql_name(enum portal_stmt st);

#endif
