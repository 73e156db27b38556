/* incidents.c: Incidenten (documents 001 and 004): the organisation's incidents and the thread with the
 * vendor's support desk.
 *  - GET  /incidents            incidents.submit: one's own; incidents.view_all: all of the organisation's
 *                               (filter by status, submitter, text; keyset pages). Without either right the
 *                               page says which role is needed and which colleagues can grant it (403);
 *  - GET  /incidents/new, POST  incidents.submit: title, description, category, priority, an optional
 *                               attachment (the upload rules of dossier documents); a one-time form token makes
 *                               a double-submitted form store one incident (DI-02);
 *  - GET  /incidents/#          the submitter, anyone with view_all in the organisation, or vendor support;
 *  - POST /incidents/#/reply    the same people; support's reply e-mails the submitter;
 *  - POST /incidents/#/close    the submitter or view_all;
 *  - GET  /incidents/#/file     an attachment, to the same people;
 *  - GET  /incidents/queue      incidents.handle (vendor): every organisation's incidents, oldest change first;
 *  - POST /incidents/#/take, /status   incidents.handle: take it; new → open → waiting → resolved → closed; the
 *                               submitter is e-mailed.
 * Incidents are the vendor's business data: support sees their content without a support grant, and nothing
 * else of the organisation. Every other read is keyed by the session's organisation (ACC-01). */
#include "incidents.h"

const char *const statuses[] = { "new", "open", "waiting", "resolved", "closed", NULL };
const char *const categories[] = { "question", "error", "wish", "other", NULL };
const char *const priorities[] = { "low", "normal", "high", "urgent", NULL };
static const char *const notices[] = { "submitted", "replied", "closed", "status", "taken", NULL };

const struct portal_field list_fields[] = {
	{ "status", PF_ENUM, 0, 0, 0, statuses },
	{ "q", PF_LINE, 0, 0, 100, NULL },
	{ "by", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "org", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "before", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ "who", PF_LINE, 0, 0, 100, NULL },   /* the submitter filter's search: a name or an address */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
const struct portal_field new_fields[] = {
	[NF_TITLE] = { "title", PF_LINE, PF_REQUIRED, 3, 200, NULL },
	[NF_BODY] = { "body", PF_TEXT, PF_REQUIRED, 5, 10000, NULL },
	[NF_CATEGORY] = { "category", PF_ENUM, PF_REQUIRED, 0, 0, categories },
	[NF_PRIORITY] = { "priority", PF_ENUM, PF_REQUIRED, 0, 0, priorities },
	[NF_TOKEN] = { "form", PF_DIGITS, PF_REQUIRED, 32, 32, NULL },
	[NF_FILE] = { "file", PF_FILE, 0, 0, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field view_fields[] = {
	[VF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	[VF_BEFORE] = { "before", PF_INT, 0, 1, INT64_MAX, NULL },   /* the thread's earlier messages: those before this id */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field reply_fields[] = {
	[RF_BODY] = { "body", PF_TEXT, PF_REQUIRED, 1, 10000, NULL },
	[RF_ONCE] = { "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	[RF_STATUS] = { "status", PF_ENUM, 0, 0, 0, statuses },   /* support: the status after this reply (one event, one mail) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field status_fields[] = {
	{ "status", PF_ENUM, PF_REQUIRED, 0, 0, statuses },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field file_fields[] = {
	{ "f", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};


bool vendor(struct portal_req *r)
{
	return portal_has_right(r, "incidents.handle");
}

void notice(struct portal_req *r)
{
	const char *m = portal_kv_get(&r->query, "m");
	for (size_t i = 0; m && notices[i]; i++)
		if (!strcmp(m, notices[i]))
			portal_set_text(r, "Page.notice", portal_printf(r, "Incidents.n_%s", m));
}

const char *label(struct portal_req *r, const char *group, const char *v)
{
	const char *text = portal_text(r, portal_printf(r, "Incidents.%s_%s", group, v));
	/* a status as its reader sees it: support does not wait "for you" (Incidents.sup_st_*) */
	if (!strcmp(group, "st") && portal_has_right(r, "incidents.handle"))
		return portal_text_or(r, portal_printf(r, "Incidents.sup_st_%s", v), text);
	return text;
}

/* who can grant a role: the organisation's active admins, by name (the "no right" page) */
enum { AN_GIVEN, AN_PREFIX, AN_FAMILY, AN_NAME_KEY, AN__N };
PORTAL_SQL(sql_admin_names, AN__N,
	"SELECT DISTINCT u.given_name, u.name_prefix, u.family_name, u.name_key FROM" SQL_ADMINS("?")
	" ORDER BY u.name_key LIMIT 20");

/* 403 that helps (document 001): the role that is needed and the colleagues who can grant it. */
int no_right(struct portal_req *r, const char *role_key)
{
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_admin_names, "ii", r->sess.org_id, r->sess.org_id) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.admins");
	int f;
	size_t n = 0;
	while ((f = portal_next(q)) == 1)
		portal_nset_at(r, list, n++, portal_full_name(r, portal_col(q, AN_GIVEN),
			portal_col(q, AN_PREFIX), portal_col(q, AN_FAMILY)));
	if (f < 0)
		return 503;
	const struct portal_catalogue *cat = portal_catalogue();
	for (size_t i = 0; i < cat->nroles; i++)
		if (!strcmp(cat->roles[i].key, role_key))
			portal_set(r, "Page.role", cat->roles[i].name[r->lang]);
	portal_set(r, "Page.view", "no_right");
	return portal_render(r, 403, "incidents.cs");
}


PORTAL_PROGRAM("incidents", ("incidents.cs"),
	PORTAL_ROUTE_USER("GET", "/incidents", index_page, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("GET", "/incidents/queue", "incidents.handle", queue, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/incidents/new", new_form, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_UPLOAD_RIGHT("/incidents/new", PORTAL_QUOTA_RIGHT, submit, new_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/incidents/#", view, view_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/incidents/#/reply", reply, reply_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("POST", "/incidents/#/close", close_incident, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_USER("GET", "/incidents/#/file", file, file_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/incidents/#/status", "incidents.handle", set_status, status_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/incidents/#/take", "incidents.handle", take, NULL, PORTAL_RF_OWN)
)
