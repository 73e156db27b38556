/* pwpolicy.h: password rules (pwpolicy.c). */
#ifndef PORTAL_PWPOLICY_H
#define PORTAL_PWPOLICY_H

#include "base.h"

/* NULL when pw may be set, else the language key of the reason (AUTH-01, AUTH-02). */
const char *portal_pw_policy(const char *pw, size_t len, const char *email, const char *org_name);
bool portal_pw_common(const char *pw, size_t len);

/* Stores a user's new password hash, dated now. */
enum portal_err portal_pw_store(struct portal_req *r, int64_t user_id, const char *hash);

#endif
