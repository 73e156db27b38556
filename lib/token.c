/* token.c: single-use tokens sent by e-mail (invitation, password reset, e-mail change). The link holds
 * 256 random bits; the database only their SHA-256. A token is valid until its expiry (the caller's TTL:
 * ≤ 72 h for an invitation, AUTH-13; ≤ 1 h for a reset, AUTH-11), is used at most once (the use is a
 * conditional update inside the caller's transaction), and a newer token of the same purpose voids the
 * older ones. */
#include <string.h>

#include <openssl/crypto.h>

#include "portal.h"

static const char *const purposes[] = { "invite", "reset", "email" };

enum portal_err portal_utoken_new(struct portal_req *r, int64_t user_id, enum portal_token_purpose p, int64_t ttl,
	const char *new_email, char text[PORTAL_TOKEN_LEN + 1])
{
	unsigned char hash[32];
	enum portal_err rc = portal_db_exec(r, ST_UTOKEN_VOID, "iis", r->now, user_id, purposes[p]);
	if (rc != PORTAL_OK)
		return rc;
	portal_token_new(text, hash);
	int64_t by = r->sess.stage == PORTAL_STAGE_FULL ? r->sess.user_id : 0;
	rc = portal_db_exec(r, ST_UTOKEN_INSERT, "isbsIii", user_id, purposes[p], hash, sizeof hash, new_email, by,
		r->now, r->now + ttl);
	if (rc != PORTAL_OK)
		OPENSSL_cleanse(text, PORTAL_TOKEN_LEN + 1);
	return rc;
}

enum portal_err portal_utoken_find(struct portal_req *r, const char *text, enum portal_token_purpose p,
	struct portal_utoken *out)
{
	memset(out, 0, sizeof *out);
	unsigned char hash[32];
	if (!text || !portal_token_hash(text, hash))
		return PORTAL_ERR_NOTFOUND;
	/* inside a transaction the row is locked until the token is spent */
	enum portal_stmt st = r->in_tx ? ST_UTOKEN_FIND_LOCK : ST_UTOKEN_FIND;
	enum portal_err rc = portal_db_row(r, st, "bsi", hash, sizeof hash, purposes[p], r->now);
	if (rc != PORTAL_OK)
		return rc;
	out->id = portal_db_int(st, 0);
	out->user_id = portal_db_int(st, 1);
	out->org_id = portal_db_int(st, 2);
	out->new_email = portal_strdup(r, portal_db_str(st, 3));
	out->expires_at = portal_db_int(st, 4);
	return PORTAL_OK;
}

enum portal_err portal_utoken_use(struct portal_req *r, int64_t token_id)
{
	enum portal_err rc = portal_db_exec(r, ST_UTOKEN_USE, "ii", r->now, token_id);
	if (rc == PORTAL_OK && portal_db_affected(ST_UTOKEN_USE) != 1)
		return PORTAL_ERR_NOTFOUND;   /* used by a concurrent request in the meantime */
	return rc;
}
