/* usermail.h: the e-mails with a link (usermail.c). */
#ifndef PORTAL_USERMAIL_H
#define PORTAL_USERMAIL_H

#include "base.h"

struct portal_person {
	int64_t id, org_id;
	const char *email, *given_name, *lang, *org_name;
};
/* Invitation (72 h) or reset link (1 h) to u, queued in the caller's transaction; PORTAL_ERR_CONFIG when
 * portal.base_url is not set. An invitation to an address that already has an account (in any organisation)
 * carries no link: the mail tells its owner so, and the inviting admin is not told. */
enum portal_err portal_send_invite(struct portal_req *r, const struct portal_person *u);
/* Whether an account (active or disabled, in any organisation) has this login address. */
enum portal_err portal_email_in_use(struct portal_req *r, const char *email, bool *in_use);
enum portal_err portal_send_reset(struct portal_req *r, const struct portal_person *u);
/* A colleague's address or number changed: every link sent before (invitation, reset, address change) is void. */
enum portal_err portal_links_void(struct portal_req *r, int64_t user_id);

#endif
