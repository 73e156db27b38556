/* site.c: where the site's shared pages are, linked into every program and portalctl: the library sends
 * users there (login, the SMS code, the start page, the authenticator app, a fresh login) and puts them in
 * mails (an invitation, a reset, a support grant). */
#include "site.h"

const struct portal_site site = {
	.login = "/login",
	.second_factor = "/verify_sms",
	.start = "/home",
	.app_enrol = "/account/totp",
	.reauth = "/account/reauth",
	.invite = "/password/invite",
	.reset = "/password/reset",
	.grant = "/support/grants/",
};
