/* throttle.h: throttling (throttle.c). */
#ifndef PORTAL_THROTTLE_H
#define PORTAL_THROTTLE_H

#include "base.h"

enum portal_throttle { PORTAL_TH_PW_ACCT, PORTAL_TH_PW_IP, PORTAL_TH_OTP_ACCT, PORTAL_TH_OTP_IP, PORTAL_TH_RESET_IP,
	PORTAL_TH_REQUEST_IP, PORTAL_TH_TOTP_ACCT };
/* Returns 0 when allowed, else the seconds to wait (> 0); -1 on database error. */
int64_t portal_throttle_wait(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n);
enum portal_err portal_throttle_fail(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n);
enum portal_err portal_throttle_clear(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n);

#endif
