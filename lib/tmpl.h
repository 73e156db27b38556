/* tmpl.h: templates (tmpl.c): ClearSilver with html escaping always on. */
#ifndef PORTAL_TMPL_H
#define PORTAL_TMPL_H

#include "base.h"
#include "db.h"
#include "http.h"

enum portal_err portal_tmpl_init(const char *dir, const char *const *templates, char *err, size_t errlen);
void portal_tmpl_free(void);
void portal_set(struct portal_req *r, const char *name, const char *value);
void portal_setf(struct portal_req *r, const char *name, const char *fmt, ...) PORTAL_PRINTF(3, 4);
void portal_set_int(struct portal_req *r, const char *name, long long v);
/* The links of a list paged by keyset (a sort key, then the id): Page.next, when more follows, to the page
 * after (key, id) of the last row shown, and Page.first, when this page is a later one (it was reached by a
 * cursor). list is the list's path with its filters as a query ("/things?q=jan&sort=name", or "/things");
 * anchor ("#orgs-title") or NULL is appended to both. */
void portal_keyset_links(struct portal_req *r, const char *list, bool later, bool more, const char *key, int64_t id,
	const char *anchor);
/* Many values under one node (rows of a list) without formatting and walking full names each time:
 * portal_node(r, NULL, "Page.users") then portal_node_i(r, users, i) then portal_nset(r, row, "name", v). */
void *portal_node(struct portal_req *r, void *parent, const char *name);
void *portal_node_i(struct portal_req *r, void *parent, size_t i);
void portal_nset(struct portal_req *r, void *node, const char *name, const char *value);
void portal_nset_int(struct portal_req *r, void *node, const char *name, long long v);
void portal_nset_at(struct portal_req *r, void *node, size_t i, const char *value);   /* node.i = value */
/* The keyset page loop: a list read with LIMIT pg.size + 1 into the node list, row by row:
 *     struct portal_list l = { .pg.size = 50, .list = portal_node(r, NULL, "Page.news"), .id_col = NL_ID };
 *     while (portal_list_next(r, q, &l))
 *             portal_nset(r, l.item, "title", portal_col(q, NL_TITLE));
 *     if (l.failed) return 503;
 * Each row gets its node (item, under list at index pg.i) holding "id", the row's column id_col, which is also
 * kept in last for the link to the next page (pg.more: a row followed the page). */
struct portal_list {
	struct portal_page pg;
	void *list, *item;
	unsigned id_col;
	int64_t last;
	bool failed;
};
bool portal_list_next(struct portal_req *r, struct portal_rows *rs, struct portal_list *l);
/* The session's roles and the rights each gives, in the user's language: prefix.N.name, prefix.N.rights.M */
void portal_set_own_roles(struct portal_req *r, const char *prefix);
/* The organisation's holiday checklist (portal_org_checklist): prefix.invited, .unconfirmed, .admins, and .ok
 * when nothing is left to do. */
enum portal_err portal_set_checklist(struct portal_req *r, const char *prefix);
/* Copies the text of a language key (e.g. "Err.login_failed") into name. */
void portal_set_text(struct portal_req *r, const char *name, const char *key);
/* Renders a template into the response body with the given status. */
int portal_render(struct portal_req *r, int status, const char *tmpl);
/* A page with its message and view: error_key (an error), else the notice the query's m names among notices
 * (its text is prefix "n_" m, e.g. "Docs.n_uploaded"); Page.view = view (NULL: not set); then the template. */
int portal_render_page(struct portal_req *r, int status, const char *error_key, const char *const *notices,
	const char *prefix, const char *view, const char *tmpl);
/* The error key of the route's first invalid field, or NULL when every declared field is valid. */
const char *portal_invalid(struct portal_req *r);
/* The error page: status, a message key, the request id. */
int portal_error(struct portal_req *r, int status, const char *key);

#endif
