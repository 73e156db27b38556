/* rights.h: what the files of the rights program share: the field tables and their names,
 * the helpers, and the handlers the route table (main.c) names. */
#ifndef RIGHTS_H
#define RIGHTS_H

#include <string.h>

#include "portal.h"
#include "site.h"

enum { F_ROLE };
enum { VF_M, VF_AK, VF_AI };

/* catalogue.c */
extern const struct portal_field cat_new_fields[];
int cat_role(struct portal_req *r);
extern const struct portal_field cat_role_fields[];
int cat_role_new(struct portal_req *r);
int cat_role_save(struct portal_req *r);
extern const struct portal_field cat_view_fields[];
int catalogue(struct portal_req *r);
extern const char *const kinds[];

/* main.c */
bool any_admin(const struct portal_role **roles, size_t n);
bool holds(const struct portal_role **roles, size_t n, int64_t id);
const char *role_words(struct portal_req *r, const struct portal_role *ro);
size_t usable_held(struct portal_req *r, const char *role_ids, const struct portal_role ***out);

/* roles.c */
extern const struct portal_field holder_fields[];
int index_page(struct portal_req *r);
int role_page(struct portal_req *r);

/* user.c */
int page(struct portal_req *r, int status, const struct portal_colleague *p, const char *error_key, const char *ak,
	int64_t ai);
int save(struct portal_req *r);
int view(struct portal_req *r);

#endif
