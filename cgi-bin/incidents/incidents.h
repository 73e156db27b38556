/* incidents.h: what the files of the incidents program share: the field tables and their names,
 * the helpers, and the handlers the route table (main.c) names. */
#ifndef INCIDENTS_H
#define INCIDENTS_H

#include <string.h>

#include "portal.h"
#include "site.h"
#include "holders.h"

#define PAGE 50
enum { LF_STATUS, LF_Q, LF_BY, LF_ORG, LF_BEFORE, LF_M, LF_WHO };
#define SUBMITTERS_MAX 200   /* the submitter filter's choices; beyond them it offers a search */
enum { NF_TITLE, NF_BODY, NF_CATEGORY, NF_PRIORITY, NF_TOKEN, NF_FILE };
enum { VF_M, VF_BEFORE };
#define MSG_PAGE 100
enum { RF_BODY, RF_ONCE, RF_STATUS };

/* incident.c */
int close_incident(struct portal_req *r);
int file(struct portal_req *r);
int reply(struct portal_req *r);
int set_status(struct portal_req *r);
int take(struct portal_req *r);
int view(struct portal_req *r);

/* list.c */
int index_page(struct portal_req *r);
int queue(struct portal_req *r);

/* main.c */
extern const char *const categories[];
const char *label(struct portal_req *r, const char *group, const char *v);
extern const struct portal_field list_fields[];
extern const struct portal_field new_fields[];
int no_right(struct portal_req *r, const char *role_key);
void notice(struct portal_req *r);
extern const char *const priorities[];
extern const char *const statuses[];
bool vendor(struct portal_req *r);

/* submit.c */
int new_form(struct portal_req *r);
int submit(struct portal_req *r);

#endif
