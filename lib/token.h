/* token.h: e-mailed single-use tokens (token.c). */
#ifndef PORTAL_TOKEN_H
#define PORTAL_TOKEN_H

#include "base.h"
#include "crypto.h"

enum portal_token_purpose { PORTAL_TOK_INVITE, PORTAL_TOK_RESET, PORTAL_TOK_EMAIL };
struct portal_utoken {
	int64_t id, user_id, org_id, expires_at;
	const char *new_email;
};
/* A new token for user (older ones of the purpose voided); text receives the link's token. */
enum portal_err portal_utoken_new(struct portal_req *r, int64_t user_id, enum portal_token_purpose p, int64_t ttl,
	const char *new_email, char text[PORTAL_TOKEN_LEN + 1]);
/* A valid (unused, unexpired) token (its row locked when in a transaction): PORTAL_OK or PORTAL_ERR_NOTFOUND. */
enum portal_err portal_utoken_find(struct portal_req *r, const char *text, enum portal_token_purpose p,
	struct portal_utoken *out);
enum portal_err portal_utoken_use(struct portal_req *r, int64_t token_id);
/* Ends the life of the user's unused tokens of a purpose now. */
enum portal_err portal_utoken_void(struct portal_req *r, int64_t user_id, enum portal_token_purpose p);

#endif
