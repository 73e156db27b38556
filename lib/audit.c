/* audit.c: writes the append-only audit trail (LOG-01, LOG-02): UTC time, event, organisation, subject
 * user, acting user, client address, request id, a short detail, and the support grant the acting user
 * works under, if any. Callers never put a password, code
 * or token in the detail. Inside a transaction the row commits (or rolls back) with the change it records. */
#include <string.h>

#include "portal.h"

enum portal_err portal_audit(struct portal_req *r, const char *event, int64_t org_id, int64_t user_id,
	const char *detail)
{
	/* what the support desk does in a customer's data names the grant it works under (ACC-07) */
	int64_t grant = r->sess.acting.allowed && org_id == r->sess.acting.org_id ? r->sess.acting.grant_id : 0;
	return portal_audit_grant(r, event, org_id, user_id, detail, grant);
}

enum portal_err portal_audit_grant(struct portal_req *r, const char *event, int64_t org_id, int64_t user_id,
	const char *detail, int64_t grant)
{
	char clean[1001];
	portal_clean_text(clean, sizeof clean, detail ? detail : "");
	int64_t actor = r->sess.stage == PORTAL_STAGE_FULL ? r->sess.user_id : 0;
	enum portal_err rc = portal_db_exec(r, ST_AUDIT_INSERT, "isIIIsssI", r->now, event, org_id, user_id, actor,
		r->remote_addr ? r->remote_addr : "", r->rid, clean, grant);
	if (rc != PORTAL_OK)
		portal_log(r, PORTAL_LOG_ERR, "audit row %s not written", event);
	return rc;
}

const char *portal_event_words(struct portal_req *r, const char *event)
{
	if (!event)
		return "";
	const char *words = portal_text_or(r, portal_printf(r, "Event.%s", event), NULL);
	if (words)
		return words;
	char *s = portal_strdup(r, event);   /* an event without words yet: its name, readable */
	for (char *p = s; *p; p++)
		if (*p == '_')
			*p = ' ';
	return s;
}
