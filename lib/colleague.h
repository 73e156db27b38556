/* colleague.h: a colleague's row (colleague.c). */
#ifndef PORTAL_COLLEAGUE_H
#define PORTAL_COLLEAGUE_H

#include "base.h"
#include "db.h"

struct portal_colleague {
	int64_t id;
	const char *email, *given, *prefix, *family, *name, *mobile, *status, *lang, *role_ids;
	bool mobile_ok, expert, has_password, has_totp;
	int64_t mobile_verified_at, created_at, last_login_at, certified_at;
	const char *sessions;   /* PORTAL_COLLEAGUE_SESSIONS: "last_seen user agent" lines, newest first */
};
enum portal_colleague_how { PORTAL_COLLEAGUE_READ, PORTAL_COLLEAGUE_LOCK, PORTAL_COLLEAGUE_SESSIONS };
/* A colleague of the session's organisation (ACC-01), not removed; locked for the caller's transaction, or read
 * with their sessions: PORTAL_OK, PORTAL_ERR_NOTFOUND or an error. */
enum portal_err portal_colleague_get(struct portal_req *r, int64_t id, enum portal_colleague_how how,
	struct portal_colleague *c);
/* A new colleague of org_id, invited (no password yet); *id its id. A taken address is PORTAL_ERR_DUP. */
struct portal_new_colleague {
	const char *email, *given, *prefix, *family, *mobile, *lang;
};
enum portal_err portal_colleague_insert(struct portal_req *r, int64_t org_id, const struct portal_new_colleague *n,
	int64_t *id);
/* The organisation's colleagues (never the removed) a page at a time, by name, address or last login (newest
 * first), after the cursor (the last row's sort key and id; NULL: the first page); filtered by status, a LIKE
 * pattern on name and address, a role (0: any) and, when asked, an unconfirmed mobile number. */
enum portal_colleague_sort { PORTAL_BY_NAME, PORTAL_BY_EMAIL, PORTAL_BY_LOGIN };
struct portal_colleague_query {
	enum portal_colleague_sort sort;
	const char *status, *like;
	int64_t role;
	bool unconfirmed;
	const char *after_key;
	int64_t after_id, limit;
};
enum { PORTAL_CL_ID, PORTAL_CL_GIVEN, PORTAL_CL_PREFIX, PORTAL_CL_FAMILY, PORTAL_CL_EMAIL, PORTAL_CL_MOBILE,
	PORTAL_CL_MOBILE_VERIFIED, PORTAL_CL_STATUS, PORTAL_CL_LAST_LOGIN, PORTAL_CL_ROLE_IDS, PORTAL_CL_EXPERT, PORTAL_CL_KEY,
	PORTAL_CL__N };
enum portal_err portal_colleagues(struct portal_req *r, const struct portal_colleague_query *q, struct portal_rows **out);
/* A role given to, or taken from, a colleague the caller loaded in its organisation; the session's user gives. */
enum portal_err portal_role_grant(struct portal_req *r, int64_t user_id, int64_t role_id);
enum portal_err portal_role_revoke(struct portal_req *r, int64_t user_id, int64_t role_id);

#endif
