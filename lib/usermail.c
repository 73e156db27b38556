/* usermail.c: the e-mails that carry a single-use link: the invitation of a new colleague (72 hours,
 * AUTH-13) and the password-reset link (1 hour, AUTH-11), in the recipient's language. Both are queued in
 * the caller's transaction, so a link exists only if the change that sent it commits. */
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

enum portal_err portal_send_invite(struct portal_req *r, const struct portal_person *u)
{
	return send_link(r, u, PORTAL_TOK_INVITE, INVITE_TTL, "/password/invite", "Mail.invite_subject",
		"Mail.invite_body");
}

enum portal_err portal_send_reset(struct portal_req *r, const struct portal_person *u)
{
	return send_link(r, u, PORTAL_TOK_RESET, RESET_TTL, "/password/reset", "Mail.reset_subject",
		"Mail.reset_body");
}
