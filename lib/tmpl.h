/* tmpl.h: templates (tmpl.c): ClearSilver with html escaping always on. */
#ifndef PORTAL_TMPL_H
#define PORTAL_TMPL_H

#include "base.h"
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
/* Copies the text of a language key (e.g. "Err.login_failed") into name. */
void portal_set_text(struct portal_req *r, const char *name, const char *key);
const char *portal_text(struct portal_req *r, const char *key);
const char *portal_text_lang(enum portal_lang lang, const char *key);
/* The text of key, or fallback when the language has none (no warning: for optional texts). */
const char *portal_text_or(struct portal_req *r, const char *key, const char *fallback);
/* The node of a group of texts in the request's language (an HDF node; NULL if the language has none). */
void *portal_text_node(struct portal_req *r, const char *key);
/* A wait or an age in words, rounded up to the unit: "1 seconde", "40 seconden", "15 minuten", "2 uur". */
const char *portal_duration_words(struct portal_req *r, int64_t seconds);
/* How long ago t was, in words, rounded down: "zojuist", "5 minuten geleden", "2 uur geleden". */
const char *portal_ago(struct portal_req *r, int64_t t);
/* Renders a template into the response body with the given status. */
int portal_render(struct portal_req *r, int status, const char *tmpl);
/* A page with its message and view: error_key (an error), else the notice the query's m names among notices
 * (its text is prefix "n_" m, e.g. "Docs.n_uploaded"); Page.view = view; then the template. */
int portal_render_page(struct portal_req *r, int status, const char *error_key, const char *const *notices,
	const char *prefix, const char *view, const char *tmpl);
/* The error key of the route's first invalid field, or NULL when every declared field is valid. */
const char *portal_invalid(struct portal_req *r);
/* The error page: status, a message key, the request id. */
int portal_error(struct portal_req *r, int status, const char *key);
enum portal_lang portal_lang_parse(const char *s);
/* "22 november 2026 21:41" in the reader's language and the server's time zone; NULL for 0 (never). */
const char *portal_when(struct portal_req *r, int64_t t);
/* "22 november 2026": a day (a certification, a date without its time); NULL for 0 (never). */
const char *portal_day(struct portal_req *r, int64_t t);
/* "2026-11-22 21:41": for files a program reads (the CSV export); NULL for 0 (never). */
const char *portal_when_iso(struct portal_req *r, int64_t t);
const char *portal_lang_code(enum portal_lang l);

#endif
