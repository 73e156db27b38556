/* token.c: single-use tokens sent by e-mail (invitation, password reset, e-mail change). The link holds
 * 256 random bits; the database only their SHA-256. A token is valid until its expiry (the caller's TTL:
 * ≤ 72 h for an invitation, AUTH-13; ≤ 1 h for a reset, AUTH-11), is used at most once (the use is a
 * conditional update inside the caller's transaction), and a newer token of the same purpose voids the
 * older ones. */
#include <string.h>

#include <openssl/crypto.h>

#include "portal.h"

static const char *const purposes[] = { "invite", "reset", "email" };

/* a newer token of a purpose voids the older ones by ending their life now */
PORTAL_SQL(sql_void, 0,
	"UPDATE user_tokens SET expires_at = LEAST(expires_at, ?) WHERE user_id = ? AND purpose = ? AND used_at IS NULL");
PORTAL_SQL(sql_insert, 0,
	"INSERT INTO user_tokens (user_id, purpose, token_hash, new_email, created_by, created_at, expires_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)");

enum portal_err portal_utoken_void(struct portal_req *r, int64_t user_id, enum portal_token_purpose p)
{
	return portal_exec(r, &sql_void, NULL, "iis", r->now, user_id, purposes[p]);
}

enum portal_err portal_utoken_new(struct portal_req *r, int64_t user_id, enum portal_token_purpose p, int64_t ttl,
	const char *new_email, char text[PORTAL_TOKEN_LEN + 1])
{
	unsigned char hash[32];
	enum portal_err rc = portal_utoken_void(r, user_id, p);
	if (rc != PORTAL_OK)
		return rc;
	portal_token_new(text, hash);
	int64_t by = r->sess.stage == PORTAL_STAGE_FULL ? r->sess.user_id : 0;
	rc = portal_exec(r, &sql_insert, NULL, "isbsIii", user_id, purposes[p], hash, sizeof hash, new_email, by,
		r->now, r->now + ttl);
	if (rc != PORTAL_OK)
		OPENSSL_cleanse(text, PORTAL_TOKEN_LEN + 1);
	return rc;
}

enum { TF_ID, TF_USER, TF_ORG, TF_NEW_EMAIL, TF_EXPIRES, TF__N };
#define UTOKEN_FIND                                                                                              \
	"SELECT t.id, t.user_id, u.org_id, t.new_email, t.expires_at FROM user_tokens t JOIN users u ON u.id = t.user_id" \
	" WHERE t.token_hash = ? AND t.purpose = ? AND t.used_at IS NULL AND t.expires_at > ?"
PORTAL_SQL(sql_find, TF__N, UTOKEN_FIND);
PORTAL_SQL(sql_find_lock, TF__N, UTOKEN_FIND " FOR UPDATE");

enum portal_err portal_utoken_find(struct portal_req *r, const char *text, enum portal_token_purpose p,
	struct portal_utoken *out)
{
	memset(out, 0, sizeof *out);
	unsigned char hash[32];
	if (!text || !portal_token_hash(text, hash))
		return PORTAL_ERR_NOTFOUND;
	/* inside a transaction the row is locked until the token is spent */
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, r->in_tx ? &sql_find_lock : &sql_find, "bsi", hash, sizeof hash,
		purposes[p], r->now);
	if (rc != PORTAL_OK)
		return rc;
	out->id = portal_col_int(q, TF_ID);
	out->user_id = portal_col_int(q, TF_USER);
	out->org_id = portal_col_int(q, TF_ORG);
	out->new_email = portal_col(q, TF_NEW_EMAIL);
	out->expires_at = portal_col_int(q, TF_EXPIRES);
	return PORTAL_OK;
}

PORTAL_SQL(sql_use, 0, "UPDATE user_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL");

enum portal_err portal_utoken_use(struct portal_req *r, int64_t token_id)
{
	struct portal_wrote w;
	enum portal_err rc = portal_exec(r, &sql_use, &w, "ii", r->now, token_id);
	if (rc == PORTAL_OK && w.rows != 1)
		return PORTAL_ERR_NOTFOUND;   /* used by a concurrent request in the meantime */
	return rc;
}
