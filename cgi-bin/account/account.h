/* account.h: what the files of the account program share: the field tables and their names,
 * the helpers, and the handlers the route table (main.c) names. */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include <string.h>

#include <openssl/crypto.h>

#include "portal.h"
#include "site.h"

enum { VF_M };
enum { PRF_GIVEN, PRF_PREFIX, PRF_FAMILY, PRF_LANG };
enum { EMF_EMAIL, EMF_PASSWORD };
enum { TF_T };
enum { MF_MOBILE };
enum { MCF_CODE, MCF_END_OTHERS };
enum { PWF_CURRENT, PWF_NEW, PWF_NEW2, PWF_KEEP };
enum { LF_LANG, LF_NEXT };
enum { RSF_NEXT };
enum { RF_PASSWORD, RF_NEXT };

/* main.c */
int check_password(struct portal_req *r, const struct portal_value *pw);
enum portal_err notify(struct portal_req *r, const char *to, const char *kind, const char *detail);
extern const char *const one[];
enum portal_lang own_lang(struct portal_req *r);
extern const struct portal_field view_fields[];

/* profile.c */
int email_change(struct portal_req *r);
int email_confirm(struct portal_req *r);
int email_show(struct portal_req *r);
int mobile_change(struct portal_req *r);
int mobile_confirm(struct portal_req *r);
int mobile_show(struct portal_req *r);
int overview(struct portal_req *r, int status, const char *error_key, const char *error_section);
int profile(struct portal_req *r);
int set_lang(struct portal_req *r);
int view(struct portal_req *r);

/* security.c */
int password(struct portal_req *r);
int reauth(struct portal_req *r);
int reauth_resume(struct portal_req *r);
int reauth_show(struct portal_req *r);
int session_end_one(struct portal_req *r);
int session_end_others(struct portal_req *r);

/* totp.c */
extern const struct portal_field totp_code_fields[];
int totp_confirm(struct portal_req *r);
int totp_prefer(struct portal_req *r);
extern const struct portal_field totp_prefer_fields[];
int totp_qr(struct portal_req *r);
int totp_remove(struct portal_req *r);
int totp_show(struct portal_req *r);
int totp_start(struct portal_req *r);
extern const struct portal_field totp_view_fields[];

#endif
