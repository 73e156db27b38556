/* dossiers.c: Dossiers (document 003): the organisation's client files, who is assigned to them with which
 * profile, and the documents in them. The library's authorisation query finds the dossier of the path only in
 * the session's organisation and gives the rights of the user's profile capped by the dossier's modules, so
 * a route here names a dossier right and the handler only picks rows of that dossier.
 *  - GET  /dossiers                 any user: the dossiers one is assigned to (all of them with dossiers.manage
 *                                   or dossiers.view);
 *  - POST /dossiers                 dossiers.manage: a new dossier;
 *  - GET  /dossiers/#               visible: what the user can do in it and why;
 *  - GET/POST /dossiers/#/settings  dossier.settings: name, responsible person; modules with dossiers.manage;
 *  - POST /dossiers/#/assign, /unassign   dossier.settings: colleagues of the organisation in or out;
 *  - POST /dossiers/#/profile       dossier.settings + dossiers.manage, recent login: a colleague's profile,
 *                                   the same in all their dossiers (the page says so before saving);
 *  - GET/POST /dossiers/#/documents documents.deliver: the inbox (Document Delivery: own uploads and those
 *                                   awaiting one's approval), uploads (PDF, PNG, JPEG by their magic bytes);
 *  - POST /dossiers/#/forward, /approve   documents.deliver; /process documents.process;
 *  - GET  /dossiers/#/download      the document, if one of the lists above shows it to the user;
 *  - GET  /dossiers/#/archive       archive.view; /reports reports.view; /payments (+ POST /paid) payments.use;
 *    /finance finance.view;
 *  - account requests ("Nieuwe account aanvragen"): GET/POST /dossiers/#/request (visible) and the public
 *    GET/POST /dossiers/request (the login page's form: rate-limited, one answer whether or not the contact
 *    is known); GET /dossiers/requests (50 a page) and GET/POST /dossiers/requests/# for the responsible
 *    person, who approves (an invited colleague with the chosen profile in the chosen dossier) or declines;
 *    the requester is told.
 * Files live in documents.dir (outside the web root) under a random name; the database keeps the name the
 * user gave, its type, size and SHA-256. Every change is audited. */
#include "dossiers.h"

const char *const modules[] = { "documents", "archive", "reports", "payments", "finance", NULL };
static const char *const yes[] = { "1", NULL };
static const char *const notices[] = { "created", "saved", "assigned", "unassigned", "profile", "uploaded",
	"forwarded", "approved", "processed", "paid", "requested", "declined", "invited", NULL };

static const struct portal_field list_fields[] = {
	[LF_M] = { "m", PF_ENUM, 0, 0, 0, notices },
	[LF_BEFORE] = { "before", PF_INT, 0, 1, INT64_MAX, NULL },   /* a document list's cursor: the last id shown */
	[LF_WHO] = { "who", PF_LINE, 0, 0, 100, NULL },           /* the colleague pickers: a name or address to look for */
	[LF_Q] = { "q", PF_LINE, 0, 0, 100, NULL },             /* the dossiers: a name search */
	[LF_AK] = { "ak", PF_LINE, 0, 0, 200, NULL },            /* and the cursor: the last name and id shown */
	[LF_AI] = { "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	[LF_AFTER] = { "after", PF_INT, 0, 1, INT64_MAX, NULL },     /* the account requests' cursor: the last id shown */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
const struct portal_field new_fields[] = {
	{ "name", PF_LINE, PF_REQUIRED, 2, 200, NULL },
	{ "responsible", PF_INT, 0, 0, INT64_MAX, NULL },
	{ "documents", PF_ENUM, 0, 0, 0, yes },
	{ "archive", PF_ENUM, 0, 0, 0, yes },
	{ "reports", PF_ENUM, 0, 0, 0, yes },
	{ "payments", PF_ENUM, 0, 0, 0, yes },
	{ "finance", PF_ENUM, 0, 0, 0, yes },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the new-dossier form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field user_fields[] = {
	[UF_USER] = { "user", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
/* assigning: a colleague, and the profile to give them if they have none yet (document 003: Administrator is
 * the default); 0 or absent: none */
const struct portal_field assign_fields[] = {
	[AS_USER] = { "user", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	[AS_PROFILE] = { "profile", PF_INT, 0, 0, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
const struct portal_field profile_fields[] = {
	[PF_USER_] = { "user", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	[PF_PROFILE] = { "profile", PF_INT, PF_REQUIRED, 0, INT64_MAX, NULL },   /* 0: no profile */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field doc_fields[] = {
	[DF_DOC] = { "doc", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field forward_fields[] = {
	[FF_DOC] = { "doc", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	[FF_TO] = { "to", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field upload_fields[] = {
	[XF_FILE] = { "file", PF_FILE, PF_REQUIRED, 0, INT64_MAX, NULL },
	[XF_ONCE] = { "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The full name of the person whose given name, surname prefix and surname are the row's columns from given on;
 * NULL when there is none. */
const char *person(struct portal_req *r, const struct portal_rows *q, unsigned given)
{
	if (portal_col_null(q, given))
		return NULL;
	return portal_full_name(r, portal_col(q, given), portal_col(q, given + 1), portal_col(q, given + 2));
}

const char *dossier_url(struct portal_req *r, const char *tail)
{
	return portal_printf(r, "/dossiers/%lld%s", (long long)r->sess.dossier.id, tail);
}

int dossiers_render(struct portal_req *r, int status, const char *error_key, const char *tmpl)
{
	return portal_render_page(r, status, error_key, notices, "Dossiers", NULL, tmpl);
}

/* The modules string ("documents,archive") and one HDF node per module: key, label, on. */
void set_modules(struct portal_req *r, void *node, const char *mods)
{
	for (size_t i = 0; modules[i]; i++) {
		void *x = portal_node_i(r, node, i);
		portal_nset(r, x, "key", modules[i]);
		portal_nset(r, x, "label", portal_text(r, portal_printf(r, "Dossiers.mod_%s", modules[i])));
		portal_nset_int(r, x, "on", portal_module_on(mods, modules[i]));
	}
}

PORTAL_PROGRAM("dossiers", ("dossiers_list.cs", "dossier.cs", "dossier_request.cs", "dossiers_requests.cs"),
	PORTAL_ROUTE_USER("GET", "/dossiers", index_page, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/dossiers", "dossiers.manage", create, new_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_PUBLIC("GET", "/dossiers/request", public_request_form, NULL),
	PORTAL_ROUTE_PUBLIC("POST", "/dossiers/request", public_request, public_request_fields),
	PORTAL_ROUTE_USER("GET", "/dossiers/requests", requests, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_USER("GET", "/dossiers/requests/#", request_one, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_USER("POST", "/dossiers/requests/#", decide, decide_fields, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_DOSSIER("GET", "/dossiers/#", NULL, overview, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_DOSSIER("GET", "/dossiers/#/request", NULL, request_form, NULL, PORTAL_RF_READ),
	PORTAL_ROUTE_DOSSIER("POST", "/dossiers/#/request", NULL, request_submit, request_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_DOSSIER("GET", "/dossiers/#/settings", "dossier.settings", settings, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_DOSSIER("POST", "/dossiers/#/settings", "dossier.settings", settings_save, new_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_DOSSIER("POST", "/dossiers/#/assign", "dossier.settings", assign, assign_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_DOSSIER("POST", "/dossiers/#/unassign", "dossier.settings", unassign, user_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_DOSSIER("POST", "/dossiers/#/profile", "dossier.settings", profile_save, profile_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_DOSSIER("GET", "/dossiers/#/documents", "documents.deliver", documents, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_UPLOAD("/dossiers/#/documents", "documents.deliver", upload, upload_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_DOSSIER("GET", "/dossiers/#/download", NULL, download, doc_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_DOSSIER("POST", "/dossiers/#/forward", "documents.deliver", forward, forward_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_DOSSIER("POST", "/dossiers/#/approve", "documents.deliver", approve, doc_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_DOSSIER("POST", "/dossiers/#/process", "documents.process", process, doc_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_DOSSIER("GET", "/dossiers/#/archive", "archive.view", archive, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_DOSSIER("GET", "/dossiers/#/payments", "payments.use", payments, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_DOSSIER("POST", "/dossiers/#/paid", "payments.use", paid, doc_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_DOSSIER("GET", "/dossiers/#/reports", "reports.view", reports, NULL, PORTAL_RF_READ),
	PORTAL_ROUTE_DOSSIER("GET", "/dossiers/#/finance", "finance.view", finance, NULL, PORTAL_RF_READ)
)
