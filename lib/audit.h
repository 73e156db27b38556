/* audit.h: audit (audit.c): the append-only trail (LOG-01, LOG-02). */
#ifndef PORTAL_AUDIT_H
#define PORTAL_AUDIT_H

#include "base.h"

enum portal_err portal_audit(struct portal_req *r, const char *event, int64_t org_id, int64_t user_id,
	const char *detail);
/* The same about a support grant (its id in the row's grant_id). */
enum portal_err portal_audit_grant(struct portal_req *r, const char *event, int64_t org_id, int64_t user_id,
	const char *detail, int64_t grant_id);
/* An event in the reader's language ("Ingelogd" for login_ok), for the log pages. */
const char *portal_event_words(struct portal_req *r, const char *event);
/* An audit row's detail in the reader's language: the log writes it in English, and a language file may
 * give each form of an event's detail in its words (Lang.AuditWords, see audit.c). *words: it was. */
const char *portal_audit_detail_words(struct portal_req *r, const char *event, const char *detail, bool *words);

#endif
