/* dossiers.h: what the files of the dossiers program share: the field tables and their names, the pages'
 * sizes, the helpers, and the handlers the route table (main.c) names. */
#ifndef DOSSIERS_H
#define DOSSIERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portal.h"
#include "site.h"

#define NMODULES 5
enum { LF_M, LF_BEFORE, LF_WHO, LF_Q, LF_AK, LF_AI, LF_AFTER };
#define DOC_PAGE 100
#define MEMBER_PAGE 50
#define PICK_MAX 200   /* a colleague picker: the first by name; past it, a search */
enum { NF_NAME, NF_RESP, NF_MOD0, NF_ONCE = NF_MOD0 + NMODULES };
enum { UF_USER };
enum { AS_USER, AS_PROFILE };
#define DEFAULT_PROFILE "profile_administrator"
enum { PF_USER_, PF_PROFILE };
enum { DF_DOC };
enum { FF_DOC, FF_TO };
enum { XF_FILE, XF_ONCE };

/* A dossier with its responsible person's name and address and how many are assigned to it (dossier.c, list.c). */
#define DOSSIER_COLS                                                                                       \
	"SELECT d.id, d.name, d.modules, d.responsible_id, r.given_name, r.name_prefix, r.family_name, r.email," \
	" (SELECT COUNT(*) FROM dossier_users x WHERE x.dossier_id = d.id)"                                    \
	" FROM dossiers d LEFT JOIN users r ON r.id = d.responsible_id AND r.status <> 'removed'"
enum { DS_ID, DS_NAME, DS_MODULES, DS_RESP_ID, DS_RESP_GIVEN, DS_RESP_PREFIX, DS_RESP_FAMILY, DS_RESP_EMAIL, DS_MEMBERS,
	DS__N };
extern struct portal_sql sql_dossier_get;   /* the dossier of the path (id, org) */
/* a colleague assigned to the dossier, in the organisation, not removed (dossier, user, org) */
enum { MB_ID, MB_GIVEN, MB_EMAIL, MB_LANG, MB_STATUS, MB__N };
extern struct portal_sql sql_member;
extern struct portal_sql sql_assign;        /* dossier, user, by, at; a second time changes nothing */

/* documents.c */
int approve(struct portal_req *r);
int archive(struct portal_req *r);
int documents(struct portal_req *r);
int download(struct portal_req *r);
int finance(struct portal_req *r);
int forward(struct portal_req *r);
int paid(struct portal_req *r);
int payments(struct portal_req *r);
int process(struct portal_req *r);
int reports(struct portal_req *r);
int upload(struct portal_req *r);

/* dossier.c */
int assign(struct portal_req *r);
enum portal_err dossier_load(struct portal_req *r, struct portal_rows **row);
int dossier_render(struct portal_req *r, int status, const char *section, const char *error_key);
int overview(struct portal_req *r);
int profile_save(struct portal_req *r);
int settings(struct portal_req *r);
int settings_save(struct portal_req *r);
int unassign(struct portal_req *r);

/* list.c */
bool colleague_ok(struct portal_req *r, int64_t id, struct portal_person *out);
int create(struct portal_req *r);
int index_page(struct portal_req *r);
const char *modules_from(struct portal_req *r, size_t first);
enum portal_err people(struct portal_req *r, const char *who, int64_t keep, int64_t outside, const char *node);

/* main.c */
extern const struct portal_field assign_fields[];
const char *dossier_url(struct portal_req *r, const char *tail);
extern const char *const modules[];
extern const struct portal_field new_fields[];
/* The page in tmpl with the error (error_key) or the notice the query names (m). */
int dossiers_render(struct portal_req *r, int status, const char *error_key, const char *tmpl);
const char *person(struct portal_req *r, const struct portal_rows *q, unsigned given);
extern const struct portal_field profile_fields[];
void set_modules(struct portal_req *r, void *node, const char *mods);

/* requests.c */
int decide(struct portal_req *r);
extern const struct portal_field decide_fields[];
int public_request(struct portal_req *r);
extern const struct portal_field public_request_fields[];
int public_request_form(struct portal_req *r);
extern const struct portal_field request_fields[];
int request_form(struct portal_req *r);
int request_one(struct portal_req *r);
int request_submit(struct portal_req *r);
int requests(struct portal_req *r);

#endif
