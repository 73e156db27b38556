/* once.c: a form sent twice stores once (DI-02, sql/019). The page puts a one-time token in the form
 * (portal_once_token, the field "once": 32 digits); the handler asks portal_once_seen first (the same form
 * again: 303 to what the first one created) and records the token with that path by portal_once_done inside
 * its own transaction, so the record commits exactly with the row. Two copies racing: the second's record is
 * a duplicate key; it rolls back and is sent to the first's result. A form without the field (a script)
 * is not guarded. */
#include "portal.h"

const char *portal_once_token(struct portal_req *r)
{
	unsigned char rnd[32];
	char tok[33];
	portal_random(rnd, sizeof rnd);
	for (size_t i = 0; i < 32; i++)
		tok[i] = (char)('0' + rnd[i] % 10);
	tok[32] = '\0';
	return portal_strdup(r, tok);
}

enum { OG_DONE_PATH, OG__N };
PORTAL_SQL(sql_get, OG__N,
	"SELECT done_path FROM form_once WHERE user_id = ? AND token = ?");

int portal_once_seen(struct portal_req *r, const char *token)
{
	if (!token)
		return 0;
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_get, "is", r->sess.user_id, token);
	if (rc == PORTAL_ERR_NOTFOUND)
		return 0;
	if (rc != PORTAL_OK)
		return 503;
	return portal_redirect(r, portal_strdup(r, portal_col(q, OG_DONE_PATH)));
}

PORTAL_SQL(sql_put, 0,
	"INSERT INTO form_once (user_id, token, done_path, created_at) VALUES (?, ?, ?, ?)");

enum portal_err portal_once_done(struct portal_req *r, const char *token, const char *path)
{
	if (!token)
		return PORTAL_OK;
	return portal_exec(r, &sql_put, NULL, "issi", r->sess.user_id, token, path, r->now);
}

int portal_once_lost_race(struct portal_req *r, const char *token)
{
	portal_db_rollback(r);
	int st = portal_once_seen(r, token);
	return st ? st : 503;
}

int portal_once_begin(struct portal_req *r, const char *token)
{
	int seen = portal_once_seen(r, token);
	if (seen)
		return seen;
	return portal_db_begin(r) == PORTAL_OK ? 0 : 503;
}

int portal_once_commit(struct portal_req *r, enum portal_err rc, const char *token, const char *done)
{
	if (rc == PORTAL_OK && (rc = portal_once_done(r, token, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, token);
	return portal_done(r, rc, done);
}
