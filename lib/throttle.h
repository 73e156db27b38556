/* throttle.h: throttling (throttle.c). */
#ifndef PORTAL_THROTTLE_H
#define PORTAL_THROTTLE_H

#include "base.h"

enum portal_throttle { PORTAL_TH_PW_ACCT, PORTAL_TH_PW_IP, PORTAL_TH_OTP_ACCT, PORTAL_TH_OTP_IP, PORTAL_TH_RESET_IP,
	PORTAL_TH_REQUEST_IP, PORTAL_TH_TOTP_ACCT };
/* Returns 0 when allowed, else the seconds to wait (> 0); -1 on database error. */
int64_t portal_throttle_wait(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n);
/* Before a throttled attempt: 0 when it may go on; 429 when it must wait (Retry-After is set; the caller shows its
 * form with Err.throttled), 503 on a database error. count: the attempt counts now, whatever its outcome (a form
 * limited per address); otherwise only a failure counts, by portal_throttle_fail. */
int portal_throttle_check(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n, bool count);
enum portal_err portal_throttle_fail(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n);
enum portal_err portal_throttle_clear(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n);

#endif
