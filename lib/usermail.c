/* usermail.c: the e-mails that carry a single-use link: the invitation of a new colleague (72 hours,
 * AUTH-13) and the password-reset link (1 hour, AUTH-11), in the recipient's language. Both are queued in
 * the caller's transaction, so a link exists only if the change that sent it commits. An invitation to an
 * address that has an account already carries no link and tells its owner, not the admin; a changed address or
 * number voids the links sent before. */
#include <string.h>

#include <openssl/crypto.h>

#include "portal.h"

#define INVITE_TTL (72 * 3600)
#define RESET_TTL 3600

static enum portal_err send_link(struct portal_req *r, const struct portal_person *u, enum portal_token_purpose p,
	int64_t ttl, const char *path, const char *subject_key, const char *body_key)
{
	char token[PORTAL_TOKEN_LEN + 1];
	enum portal_err rc = portal_utoken_new(r, u->id, p, ttl, NULL, token);
	if (rc != PORTAL_OK)
		return rc;
	const char *link = portal_link(r, portal_printf(r, "%s?t=%s", path, token));
	OPENSSL_cleanse(token, sizeof token);
	if (!link)
		return PORTAL_ERR_CONFIG;
	enum portal_lang lang = portal_lang_parse(u->lang);
	if (lang == PORTAL_NLANG)
		lang = portal_lang_parse(portal_cf->default_lang);
	const char *by = r->sess.stage == PORTAL_STAGE_FULL ? r->sess.display_name : "";
	const char *subject = portal_fill(r, portal_text_lang(lang, subject_key), "org", u->org_name, NULL);
	const char *body = portal_fill(r, portal_text_lang(lang, body_key), "name", u->given_name, "org", u->org_name,
		"by", by, "link", link, "support", portal_cf->support_name, NULL);
	return portal_mail_enqueue(r, u->id, u->email, subject, body);
}

/* an account (active or disabled) holds this login address, in any organisation */
enum { EU_COUNT, EU__N };
PORTAL_SQL(sql_email_in_use, EU__N, "SELECT COUNT(*) FROM users WHERE email_live = ?");

enum portal_err portal_email_in_use(struct portal_req *r, const char *email, bool *in_use)
{
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_email_in_use, "s", email);
	*in_use = rc == PORTAL_OK && portal_col_int(q, EU_COUNT) > 0;
	return rc == PORTAL_ERR_NOTFOUND ? PORTAL_ERR_DB : rc;
}

enum portal_err portal_send_invite(struct portal_req *r, const struct portal_person *u)
{
	bool in_use;
	enum portal_err rc = portal_email_in_use(r, u->email, &in_use);
	if (rc != PORTAL_OK)
		return rc;
	if (!in_use)
		return send_link(r, u, PORTAL_TOK_INVITE, INVITE_TTL, portal_site()->invite, "Mail.invite_subject",
			"Mail.invite_body");
	/* the address has an account: its owner hears of the invitation, without a link; earlier links are void */
	if ((rc = portal_utoken_void(r, u->id, PORTAL_TOK_INVITE)) != PORTAL_OK)
		return rc;
	enum portal_lang lang = portal_lang_parse(u->lang);
	if (lang == PORTAL_NLANG)
		lang = portal_lang_parse(portal_cf->default_lang);
	const char *by = r->sess.stage == PORTAL_STAGE_FULL ? r->sess.display_name : "";
	return portal_mail_enqueue(r, u->id, u->email, portal_fill(r, portal_text_lang(lang, "Mail.invite_taken_subject"),
		"org", u->org_name, NULL), portal_fill(r, portal_text_lang(lang, "Mail.invite_taken_body"), "org", u->org_name,
		"by", by, "support", portal_cf->support_name, NULL));
}

/* a colleague's address or number changed: links sent before are void */
PORTAL_SQL(sql_links_void, 0,
	"UPDATE user_tokens SET expires_at = ?, void_reason = 'changed' WHERE user_id = ? AND used_at IS NULL AND expires_at > ?");

enum portal_err portal_links_void(struct portal_req *r, int64_t user_id)
{
	return portal_exec(r, &sql_links_void, NULL, "iii", r->now, user_id, r->now);
}

enum portal_err portal_send_reset(struct portal_req *r, const struct portal_person *u)
{
	return send_link(r, u, PORTAL_TOK_RESET, RESET_TTL, portal_site()->reset, "Mail.reset_subject",
		"Mail.reset_body");
}
