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

enum portal_err portal_send_invite(struct portal_req *r, const struct portal_person *u)
{
	enum portal_err rc = portal_db_row(r, ST_USER_EMAIL_IN_USE, "s", u->email);
	if (rc != PORTAL_OK)
		return rc == PORTAL_ERR_NOTFOUND ? PORTAL_ERR_DB : rc;
	if (portal_db_int(ST_USER_EMAIL_IN_USE, 0) == 0)
		return send_link(r, u, PORTAL_TOK_INVITE, INVITE_TTL, "/password/invite", "Mail.invite_subject",
			"Mail.invite_body");
	/* the address has an account: its owner hears of the invitation, without a link; earlier links are void */
	if ((rc = portal_db_exec(r, ST_UTOKEN_VOID, "iis", r->now, u->id, "invite")) != PORTAL_OK)
		return rc;
	enum portal_lang lang = portal_lang_parse(u->lang);
	if (lang == PORTAL_NLANG)
		lang = portal_lang_parse(portal_cf->default_lang);
	const char *by = r->sess.stage == PORTAL_STAGE_FULL ? r->sess.display_name : "";
	return portal_mail_enqueue(r, u->id, u->email, portal_fill(r, portal_text_lang(lang, "Mail.invite_taken_subject"),
		"org", u->org_name, NULL), portal_fill(r, portal_text_lang(lang, "Mail.invite_taken_body"), "org", u->org_name,
		"by", by, "support", portal_cf->support_name, NULL));
}

enum portal_err portal_links_void(struct portal_req *r, int64_t user_id)
{
	return portal_db_exec(r, ST_UTOKEN_VOID_USER, "iii", r->now, user_id, r->now);
}

enum portal_err portal_send_reset(struct portal_req *r, const struct portal_person *u)
{
	return send_link(r, u, PORTAL_TOK_RESET, RESET_TTL, "/password/reset", "Mail.reset_subject",
		"Mail.reset_body");
}
