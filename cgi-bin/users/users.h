/* users.h: what the files of the users program share: the field tables and their names, the page's size, the
 * helpers, and the handlers the route table (main.c) names. */
#ifndef USERS_H
#define USERS_H

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "portal.h"
#include "site.h"

#define PAGE 50
enum { LF_Q, LF_ROLE, LF_STATUS, LF_SORT, LF_CHECK, LF_AK, LF_AI, LF_M };
enum { NF_GIVEN, NF_PREFIX, NF_FAMILY, NF_EMAIL, NF_MOBILE, NF_LANG, NF_ROLE, NF_ONCE, NF_PROFILE };
enum { EF_GIVEN, EF_PREFIX, EF_FAMILY, EF_EMAIL, EF_MOBILE };
enum { BF_ID, BF_ACTION, BF_CONFIRM };
#define IMPORT_MAX_ROWS 1000
enum { IF_CSV, IF_CONFIRM, IF_ONCE };
enum { VF_M };

/* the colleague of the organisation who has this address (org, address; its admin may be told who) */
enum { EH_GIVEN, EH_PREFIX, EH_FAMILY, EH__N };
extern struct portal_sql sql_email_holder;

/* colleague.c */
int bulk(struct portal_req *r);
int action(struct portal_req *r);
int edit(struct portal_req *r);
int remove_confirm(struct portal_req *r);
int view(struct portal_req *r);

/* import.c */
int import(struct portal_req *r);
int import_show(struct portal_req *r);

/* list.c */
int export_csv(struct portal_req *r);
int list(struct portal_req *r);

/* main.c */
extern const char *const langs[];
extern const char *const one[];
void quota_refused(struct portal_req *r, int64_t user_id, const struct portal_quota *q);
enum portal_err quota_room(struct portal_req *r, int64_t except_user, int64_t more, bool *room,
	struct portal_quota *q);
bool roles_admin(struct portal_req *r, const char *role_ids);
bool roles_quota(struct portal_req *r, const char *role_ids);
const char *roles_text(struct portal_req *r, const char *role_ids);
void set_notice(struct portal_req *r, const struct portal_value *m);
void set_roles(struct portal_req *r, const char *prefix, const char *role_ids);
extern const char *const sorts[];
bool usable_role(struct portal_req *r, int64_t id);

/* new.c */
const char *email_holder(struct portal_req *r, const char *email);
int new_show(struct portal_req *r);
int new_submit(struct portal_req *r);

#endif
