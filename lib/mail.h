/* mail.h: e-mail (mail.c). */
#ifndef PORTAL_MAIL_H
#define PORTAL_MAIL_H

#include "base.h"

/* portal.base_url + path; NULL (logged) when base_url is not configured. */
const char *portal_link(struct portal_req *r, const char *path);
enum portal_err portal_mail_enqueue(struct portal_req *r, int64_t user_id, const char *to, const char *subject,
	const char *body);
int portal_mail_drain(struct portal_req *r, bool echo);

#endif
