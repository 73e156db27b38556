/* lang.h: the portal's words in each language (lang.c). */
#ifndef PORTAL_LANG_H
#define PORTAL_LANG_H

#include "base.h"
#include "http.h"

/* The text of a language key (e.g. "Err.login_failed") in the request's language; the key itself, logged,
 * when the language has none. */
const char *portal_text(struct portal_req *r, const char *key);
const char *portal_text_lang(enum portal_lang lang, const char *key);
/* The text of key, or fallback when the language has none (no warning: for optional texts). */
const char *portal_text_or(struct portal_req *r, const char *key, const char *fallback);
/* The node of a group of texts in the request's language (an HDF node; NULL if the language has none). */
void *portal_text_node(struct portal_req *r, const char *key);
/* tmpl with each {key} replaced: arguments are key, value pairs ending with NULL. */
char *portal_fill(struct portal_req *r, const char *tmpl, ...);
/* A wait or an age in words, rounded up to the unit: "1 seconde", "40 seconden", "15 minuten", "2 uur". */
const char *portal_duration_words(struct portal_req *r, int64_t seconds);
/* How long ago t was, in words, rounded down: "zojuist", "5 minuten geleden", "2 uur geleden". */
const char *portal_ago(struct portal_req *r, int64_t t);
/* "22 november 2026 21:41" in the reader's language and the server's time zone; NULL for 0 (never). */
const char *portal_when(struct portal_req *r, int64_t t);
/* "22 november 2026": a day (a certification, a date without its time); NULL for 0 (never). */
const char *portal_day(struct portal_req *r, int64_t t);
/* "2026-11-22 21:41": for files a program reads (the CSV export); NULL for 0 (never). */
const char *portal_when_iso(struct portal_req *r, int64_t t);
/* "nl" or "en"; a code to the language, PORTAL_NLANG for none. */
const char *portal_lang_code(enum portal_lang l);
enum portal_lang portal_lang_parse(const char *s);

#endif
