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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portal.h"

static const char *const modules[] = { "documents", "archive", "reports", "payments", "finance", NULL };
#define NMODULES 5
static const char *const yes[] = { "1", NULL };
static const char *const notices[] = { "created", "saved", "assigned", "unassigned", "profile", "uploaded",
	"forwarded", "approved", "processed", "paid", "requested", "declined", "invited", NULL };

enum { LF_M, LF_BEFORE, LF_WHO, LF_Q, LF_AK, LF_AI, LF_AFTER };
static const struct portal_field list_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ "before", PF_INT, 0, 1, INT64_MAX, NULL },   /* a document list's cursor: the last id shown */
	{ "who", PF_LINE, 0, 0, 100, NULL },           /* the colleague pickers: a name or address to look for */
	{ "q", PF_LINE, 0, 0, 100, NULL },             /* the dossiers: a name search */
	{ "ak", PF_LINE, 0, 0, 200, NULL },            /* and the cursor: the last name and id shown */
	{ "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "after", PF_INT, 0, 1, INT64_MAX, NULL },     /* the account requests' cursor: the last id shown */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
#define DOC_PAGE 100
#define MEMBER_PAGE 50
enum { NF_NAME, NF_RESP, NF_MOD0, NF_ONCE = NF_MOD0 + NMODULES };
static const struct portal_field new_fields[] = {
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
enum { UF_USER };
static const struct portal_field user_fields[] = {
	{ "user", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
/* assigning: a colleague, and the profile to give them if they have none yet (document 003: Administrator is
 * the default); 0 or absent: none */
enum { AS_USER, AS_PROFILE };
static const struct portal_field assign_fields[] = {
	{ "user", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ "profile", PF_INT, 0, 0, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
#define DEFAULT_PROFILE "profile_administrator"
enum { PF_USER_, PF_PROFILE };
static const struct portal_field profile_fields[] = {
	{ "user", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ "profile", PF_INT, PF_REQUIRED, 0, INT64_MAX, NULL },   /* 0: no profile */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { DF_DOC };
static const struct portal_field doc_fields[] = {
	{ "doc", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { FF_DOC, FF_TO };
static const struct portal_field forward_fields[] = {
	{ "doc", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ "to", PF_INT, PF_REQUIRED, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { XF_FILE, XF_ONCE };
static const struct portal_field upload_fields[] = {
	{ "file", PF_FILE, PF_REQUIRED, 0, INT64_MAX, NULL },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const char *person(struct portal_req *r, enum portal_stmt st, unsigned c)
{
	if (portal_db_null(st, c))
		return NULL;
	return portal_full_name(r, portal_db_str(st, c), portal_db_str(st, c + 1), portal_db_str(st, c + 2));
}

static const char *dossier_url(struct portal_req *r, const char *tail)
{
	return portal_printf(r, "/dossiers/%lld%s", (long long)r->sess.dossier.id, tail);
}

static void notice(struct portal_req *r)
{
	const char *m = portal_kv_get(&r->query, "m");
	for (size_t i = 0; m && notices[i]; i++)
		if (!strcmp(m, notices[i]))
			portal_set_text(r, "Page.notice", portal_printf(r, "Dossiers.n_%s", m));
}

/* The modules string ("documents,archive") and one HDF node per module: key, label, on. */
static void set_modules(struct portal_req *r, void *node, const char *mods)
{
	for (size_t i = 0; modules[i]; i++) {
		void *x = portal_node_i(r, node, i);
		portal_nset(r, x, "key", modules[i]);
		portal_nset(r, x, "label", portal_text(r, portal_printf(r, "Dossiers.mod_%s", modules[i])));
		portal_nset_int(r, x, "on", portal_module_on(mods, modules[i]));
	}
}

/* ---- the list ---- */

/* The organisation's dossiers (all) or the user's own, DOSSIERS_PAGE a page by name: those after (ak, ai),
 * whose name holds q when given; the links to the next and first pages. */
#define DOSSIERS_PAGE 50
static enum portal_err list_rows(struct portal_req *r, bool all, const char *q, const char *ak, int64_t ai)
{
	enum portal_stmt st = all ? ST_DOSSIERS_ALL : ST_DOSSIERS_MINE;
	const char *like = portal_like_pattern(r, q);
	if (!ak || !ai)
		ak = NULL, ai = 0;
	enum portal_err rc = all
		? portal_db_exec(r, st, "isssssii", r->sess.org_id, like, like, ak, ak, ak, ai, (int64_t)(DOSSIERS_PAGE + 1))
		: portal_db_exec(r, st, "iisssssii", r->sess.user_id, r->sess.org_id, like, like, ak, ak, ak, ai,
			(int64_t)(DOSSIERS_PAGE + 1));
	if (rc != PORTAL_OK)
		return rc;
	void *list = portal_node(r, NULL, "Page.dossiers");
	int f;
	size_t n = 0;
	const char *last_name = NULL;
	int64_t last_id = 0;
	bool more = false;
	while ((f = portal_db_fetch(r, st)) == 1) {
		if (n == DOSSIERS_PAGE) {
			more = true;
			continue;
		}
		last_id = portal_db_int(st, 0);
		last_name = portal_strdup(r, portal_db_str(st, 1));
		void *x = portal_node_i(r, list, n++);
		portal_nset_int(r, x, "id", portal_db_int(st, 0));
		portal_nset(r, x, "name", portal_db_str(st, 1));
		const char *mods = portal_db_str(st, 2);
		struct portal_buf b = { 0 };
		for (size_t i = 0; modules[i]; i++)
			if (portal_module_on(mods, modules[i]))
				portal_buf_addf(&b, "%s%s", b.len ? ", " : "", portal_text(r, portal_printf(r, "Dossiers.mod_%s", modules[i])));
		portal_nset(r, x, "modules", b.len ? portal_buf_str(&b) : portal_text(r, "Dossiers.no_modules"));
		portal_buf_free(&b);
		const char *resp = person(r, st, 4);
		if (resp)
			portal_nset(r, x, "responsible", resp);
		portal_nset_int(r, x, "members", portal_db_int(st, 8));
	}
	portal_keyset_links(r, q ? portal_printf(r, "/dossiers?q=%s", portal_url_encode(r, q)) : "/dossiers", ak != NULL, more,
		last_name, last_id, NULL);
	portal_set(r, "Page.q", q);
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

/* The colleagues the pickers offer (active or invited), by name: the first PICK_MAX, or those whose name or
 * address holds who. More than PICK_MAX: Page.people_more, and the page offers the search (Page.who). keep:
 * the responsible person the form shows selected; when not among them, Page.keep_responsible says so, and the
 * template offers that person too, so that saving the form does not drop them unseen. */
#define PICK_MAX 200
static enum portal_err people(struct portal_req *r, const char *who, int64_t keep, int64_t outside, const char *node)
{
	const char *like = portal_like_pattern(r, who);
	if (portal_db_exec(r, ST_ORG_PEOPLE, "issssIIi", r->sess.org_id, like, like, like, like, outside, outside,
		    (int64_t)(PICK_MAX + 1)) != PORTAL_OK)
		return PORTAL_ERR_DB;
	void *list = portal_node(r, NULL, node);
	int f;
	size_t n = 0;
	bool kept = false;
	while ((f = portal_db_fetch(r, ST_ORG_PEOPLE)) == 1) {
		if (n == PICK_MAX) {
			portal_set_int(r, portal_printf(r, "%s_more", node), PICK_MAX);
			continue;
		}
		void *x = portal_node_i(r, list, n++);
		kept |= portal_db_int(ST_ORG_PEOPLE, 0) == keep;
		portal_nset_int(r, x, "id", portal_db_int(ST_ORG_PEOPLE, 0));
		portal_nset(r, x, "name", person(r, ST_ORG_PEOPLE, 1));
		portal_nset(r, x, "email", portal_db_str(ST_ORG_PEOPLE, 4));
	}
	portal_set(r, "Page.who", who);
	if (keep && !kept)
		portal_set_int(r, "Page.keep_responsible", 1);
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

/* The dossiers, and with dossiers.manage the form for a new one. get: r->in holds the page's query (the
 * list's search and cursor, the pickers' search); after a failed POST it holds the form, and the page is the
 * first, unsearched. */
static int list_page(struct portal_req *r, int status, const char *error_key, bool get)
{
	bool manage = portal_has_right(r, "dossiers.manage");
	portal_set_int(r, "Page.manage", manage);
	if (r->sess.profile)
		portal_set(r, "Page.profile", r->sess.profile->name[r->lang]);
	const char *q = get ? r->in[LF_Q].s : NULL, *ak = get ? r->in[LF_AK].s : NULL, *who = get ? r->in[LF_WHO].s : NULL;
	int64_t ai = get && r->in[LF_AI].s ? r->in[LF_AI].i : 0;
	if (list_rows(r, manage || portal_has_right(r, "dossiers.view"), q, ak, ai) != PORTAL_OK)
		return 503;
	if (manage) {
		if (people(r, who, 0, 0, "Page.people") != PORTAL_OK)
			return 503;
		set_modules(r, portal_node(r, NULL, "Page.modules"), "documents,archive,reports");
		portal_set(r, "Page.once", portal_once_token(r));
	}
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	else
		notice(r);
	return portal_render(r, status, "dossiers_list.cs");
}

/* GET /dossiers — any user. In: m (notice), q (a name search), ak + ai (the cursor), who (the pickers' search).
 * Out: 200; 400 bad input. */
static int index_page(struct portal_req *r)
{
	for (int i = LF_M; i <= LF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	return list_page(r, 200, NULL, true);
}

/* A colleague of the organisation who may be responsible or assigned (active or invited); false if not. */
static bool colleague_ok(struct portal_req *r, int64_t id, struct portal_person *out)
{
	if (portal_db_row(r, ST_USER_GET, "ii", id, r->sess.org_id) != PORTAL_OK)
		return false;
	const char *status = portal_db_str(ST_USER_GET, 7);
	if (!status || (strcmp(status, "active") && strcmp(status, "invited")))
		return false;
	if (out) {
		memset(out, 0, sizeof *out);
		out->id = id;
		out->email = portal_strdup(r, portal_db_str(ST_USER_GET, 1));
		out->given_name = portal_strdup(r, portal_db_str(ST_USER_GET, 2));
		const char *l = portal_db_str(ST_USER_GET, 9);
		out->lang = portal_strdup(r, l ? l : "nl");
	}
	return true;
}

static const char *modules_from(struct portal_req *r, size_t first)
{
	struct portal_buf b = { 0 };
	for (size_t i = 0; i < NMODULES; i++)
		if (r->in[first + i].present)
			portal_buf_addf(&b, "%s%s", b.len ? "," : "", modules[i]);
	const char *s = portal_strdup(r, b.len ? portal_buf_str(&b) : "");
	portal_buf_free(&b);
	return s;
}

/* POST /dossiers — dossiers.manage, CSRF. In: name, responsible (a colleague), the modules. Out: 303 to the
 * new dossier's settings; 422 with the form. */
static int create(struct portal_req *r)
{
	for (size_t i = 0; new_fields[i].name; i++)
		if (!r->in[i].valid)
			return list_page(r, 422, r->in[i].err, false);
	int64_t resp = r->in[NF_RESP].present ? r->in[NF_RESP].i : 0;
	if (resp && !colleague_ok(r, resp, NULL))
		return list_page(r, 422, "Dossiers.bad_person", false);
	const char *mods = modules_from(r, NF_MOD0), *once = r->in[NF_ONCE].s;
	int seen = portal_once_seen(r, once);   /* this form stored before (a double click, a retry): that dossier */
	if (seen)
		return seen;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_DOSSIER_INSERT, "issIi", r->sess.org_id, r->in[NF_NAME].s, mods, resp,
		     r->now)) != PORTAL_OK)
		goto fail;
	int64_t id = portal_db_insert_id(ST_DOSSIER_INSERT);
	const char *done = portal_printf(r, "/dossiers/%lld/settings?m=created", (long long)id);
	if ((rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);   /* a copy of this form committed first */
	if (rc != PORTAL_OK || (rc = portal_audit(r, "dossier_created", r->sess.org_id, 0,
		     portal_printf(r, "dossier %lld \"%s\"; modules: %s", (long long)id, r->in[NF_NAME].s, mods))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, done);
fail:
	portal_db_rollback(r);
	return 503;
}

/* ---- one dossier ---- */

/* The dossier's own row (the authorisation query already found it in the organisation). */
static enum portal_err dossier_load(struct portal_req *r)
{
	enum portal_err rc = portal_db_row(r, ST_DOSSIER_GET, "ii", r->sess.dossier.id, r->sess.org_id);
	if (rc != PORTAL_OK)
		return rc;
	enum portal_stmt st = ST_DOSSIER_GET;
	portal_set_int(r, "Page.d.id", portal_db_int(st, 0));
	portal_set(r, "Page.d.name", portal_db_str(st, 1));
	portal_set_int(r, "Page.d.responsible_id", portal_db_int(st, 3));
	const char *resp = person(r, st, 4);
	if (resp) {
		portal_set(r, "Page.d.responsible", resp);
		portal_set(r, "Page.d.responsible_email", portal_db_str(st, 7));
	}
	portal_set_int(r, "Page.d.members", portal_db_int(st, 8));
	set_modules(r, portal_node(r, NULL, "Page.d.modules"), r->sess.dossier.modules);
	/* the sections the user may open here, for the navigation */
	static const char *const sections[][2] = {
		{ "documents", "documents.deliver" }, { "archive", "archive.view" }, { "reports", "reports.view" },
		{ "payments", "payments.use" }, { "finance", "finance.view" }, { "settings", "dossier.settings" },
	};
	void *nav = portal_node(r, NULL, "Page.nav");
	size_t k = 0;
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (portal_has_dossier_right(r, sections[i][1])) {
			void *x = portal_node_i(r, nav, k++);
			portal_nset(r, x, "key", sections[i][0]);
			portal_nset(r, x, "label", portal_text(r, portal_printf(r, "Dossiers.sec_%s", sections[i][0])));
		}
	return PORTAL_OK;
}

static int dossier_render(struct portal_req *r, int status, const char *section, const char *error_key)
{
	portal_set(r, "Page.section", section);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	else
		notice(r);
	return portal_render(r, status, "dossier.cs");
}

/* GET /dossiers/# — visible. Out: 200 with what the user may do here and why (profile, capped by modules). */
static int overview(struct portal_req *r)
{
	if (dossier_load(r) != PORTAL_OK)
		return 503;
	const struct portal_catalogue *cat = portal_catalogue();
	const struct portal_role *prof = r->sess.profile;
	portal_set_int(r, "Page.assigned", r->sess.dossier.assigned);
	if (prof)
		portal_set(r, "Page.profile", prof->name[r->lang]);
	void *why = portal_node(r, NULL, "Page.why");
	size_t k = 0;
	/* each dossier right: held here, held but switched off by the dossier's modules, or not in the profile */
	for (size_t i = 0; i < cat->nrights; i++) {
		const struct portal_right *x = &cat->rights[i];
		if (strcmp(x->scope, "dossier"))
			continue;
		bool in_profile = r->sess.dossier.assigned && prof && portal_role_has_right(prof, x->key);
		bool held = portal_has_dossier_right(r, x->key);
		void *n = portal_node_i(r, why, k++);
		portal_nset(r, n, "label", x->label[r->lang]);
		if (held && in_profile)
			portal_nset(r, n, "how", portal_fill(r, portal_text(r, "Dossiers.why_profile"), "profile", prof->name[r->lang], NULL));
		else if (held)
			portal_nset(r, n, "how", portal_text(r, "Dossiers.why_manage"));
		else if (in_profile)
			portal_nset(r, n, "how", portal_fill(r, portal_text(r, "Dossiers.why_capped"), "module",
				portal_text(r, portal_printf(r, "Dossiers.mod_%s", x->module)), NULL));
		else
			portal_nset(r, n, "how", portal_text(r, "Dossiers.why_not"));
		portal_nset_int(r, n, "held", held);
	}
	return dossier_render(r, 200, "overview", NULL);
}

/* ---- settings ---- */

/* The settings: name, responsible, modules, members (MEMBER_PAGE a page); who: the pickers' search; get: r->in
 * holds the page's query (the search, the members' cursor), else a refused form's fields and the page is the
 * first, unsearched. */
static int settings_view(struct portal_req *r, int status, const char *error_key, const char *who, bool get)
{
	if (dossier_load(r) != PORTAL_OK)
		return 503;
	int64_t responsible = portal_db_null(ST_DOSSIER_GET, 4) ? 0 : portal_db_int(ST_DOSSIER_GET, 3);   /* not removed */
	bool manage = portal_has_right(r, "dossiers.manage");
	portal_set_int(r, "Page.manage", manage);
	/* the responsible person's picker, and the assign picker: only colleagues not in the dossier yet */
	if (people(r, who, responsible, 0, "Page.people") != PORTAL_OK ||
	    people(r, who, 0, r->sess.dossier.id, "Page.assignable") != PORTAL_OK)
		return 503;
	enum portal_stmt st = ST_DOSSIER_MEMBERS;
	const char *ak = get ? r->in[LF_AK].s : NULL;
	int64_t ai = get && r->in[LF_AI].s ? r->in[LF_AI].i : 0;
	if (!ak || !ai)
		ak = NULL, ai = 0;
	if (portal_db_exec(r, st, "iiiisssIi", r->sess.org_id, r->sess.dossier.id, r->sess.dossier.id, r->sess.org_id,
		ak, ak, ak, ai, (int64_t)(MEMBER_PAGE + 1)) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.members");
	int f;
	size_t n = 0;
	bool more = false, admin = ak != NULL;   /* a page past the last shows no rows, and no warning */
	const char *last_key = NULL;
	int64_t last_id = 0;
	while ((f = portal_db_fetch(r, st)) == 1) {
		admin = portal_db_int(st, 8) != 0;
		if (n == MEMBER_PAGE) {
			more = true;
			continue;
		}
		last_key = portal_strdup(r, portal_db_str(st, 7));
		last_id = portal_db_int(st, 0);
		void *x = portal_node_i(r, list, n++);
		portal_nset_int(r, x, "id", portal_db_int(st, 0));
		portal_nset(r, x, "name", person(r, st, 1));
		portal_nset(r, x, "email", portal_db_str(st, 4));
		portal_nset(r, x, "status", portal_text(r, portal_printf(r, "Users.st_%s", portal_db_str(st, 5))));
		const struct portal_role **roles;
		size_t nr = portal_roles_parse(r, portal_db_str(st, 6), &roles);
		for (size_t i = 0; i < nr; i++)
			if (!strcmp(roles[i]->kind, "profile")) {
				portal_nset_int(r, x, "profile_id", roles[i]->id);
				portal_nset(r, x, "profile", roles[i]->name[r->lang]);
				break;
			}
	}
	if (f < 0)
		return 503;
	/* document 003: ideally at least one Administrator per dossier */
	portal_set_int(r, "Page.no_admin", !admin);
	portal_keyset_links(r, dossier_url(r, "/settings"), ak != NULL, more, last_key, last_id, "#h-members");
	if (manage) {
		const struct portal_catalogue *cat = portal_catalogue();
		void *pl = portal_node(r, NULL, "Page.profiles");
		size_t k = 0;
		for (size_t i = 0; i < cat->nroles; i++)
			if (!strcmp(cat->roles[i].kind, "profile") && portal_role_available(r, &cat->roles[i])) {
				void *x = portal_node_i(r, pl, k++);
				portal_nset_int(r, x, "id", cat->roles[i].id);
				portal_nset(r, x, "name", cat->roles[i].name[r->lang]);
				if (!strcmp(cat->roles[i].key, DEFAULT_PROFILE))
					portal_nset(r, x, "default", "1");
			}
	}
	return dossier_render(r, status, "settings", error_key);
}

static int settings_page(struct portal_req *r, int status, const char *error_key)
{
	return settings_view(r, status, error_key, NULL, false);
}

/* GET /dossiers/#/settings — dossier.settings. In: m, who (the pickers' search), ak + ai (the members' cursor:
 * the last name key and id shown). Out: 200; 400 a bad search or cursor. */
static int settings(struct portal_req *r)
{
	for (int i = LF_WHO; i <= LF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	return settings_view(r, 200, NULL, r->in[LF_WHO].s, true);
}

/* POST /dossiers/#/settings — dossier.settings, CSRF. In: name, responsible; the modules only with
 * dossiers.manage (a dossier Administrator cannot widen the dossier's own cap: 403). Out: 303; 422. */
static int settings_save(struct portal_req *r)
{
	bool manage = portal_has_right(r, "dossiers.manage");
	for (size_t i = 0; new_fields[i].name; i++) {
		if (!r->in[i].valid)
			return settings_page(r, 422, r->in[i].err);
		if (i >= NF_MOD0 && i < NF_ONCE && r->in[i].present && !manage)
			return portal_error(r, 403, "Dossiers.modules_manage");
	}
	int64_t resp = r->in[NF_RESP].present ? r->in[NF_RESP].i : 0;
	/* a new responsible person is an active or invited colleague; the current one (say disabled) may stay */
	if (resp && !colleague_ok(r, resp, NULL) &&
	    !(portal_db_row(r, ST_DOSSIER_GET, "ii", r->sess.dossier.id, r->sess.org_id) == PORTAL_OK &&
	      portal_db_int(ST_DOSSIER_GET, 3) == resp && !portal_db_null(ST_DOSSIER_GET, 4)))
		return settings_page(r, 422, "Dossiers.bad_person");
	const char *mods = manage ? modules_from(r, NF_MOD0) : r->sess.dossier.modules;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_DOSSIER_UPDATE, "sIii", r->in[NF_NAME].s, resp, r->sess.dossier.id,
		     r->sess.org_id)) != PORTAL_OK)
		goto fail;
	if (manage && (rc = portal_db_exec(r, ST_DOSSIER_SET_MODULES, "sii", mods, r->sess.dossier.id, r->sess.org_id)) != PORTAL_OK)
		goto fail;
	if ((rc = portal_audit(r, "dossier_changed", r->sess.org_id, 0,
		     portal_printf(r, "dossier %lld: name \"%s\", responsible %lld, modules %s -> %s", (long long)r->sess.dossier.id,
			     r->in[NF_NAME].s, (long long)resp, r->sess.dossier.modules && *r->sess.dossier.modules ? r->sess.dossier.modules : "none",
			     *mods ? mods : "none"))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, dossier_url(r, "/settings?m=saved"));
fail:
	portal_db_rollback(r);
	return 503;
}

/* POST /dossiers/#/assign — dossier.settings, CSRF. In: user (an active or invited colleague). Out: 303; 422. */
static int assign(struct portal_req *r)
{
	for (size_t i = 0; assign_fields[i].name; i++)
		if (!r->in[i].valid)
			return settings_page(r, 422, r->in[i].err);
	int64_t uid = r->in[AS_USER].i, pid = r->in[AS_PROFILE].present ? r->in[AS_PROFILE].i : 0;
	if (!colleague_ok(r, uid, NULL))
		return settings_page(r, 422, "Dossiers.bad_person");
	const struct portal_role *want = pid ? portal_role_by_id(pid) : NULL;
	if (pid && (!want || strcmp(want->kind, "profile")))
		return settings_page(r, 422, "Dossiers.bad_profile");
	if (want && !portal_role_available(r, want))   /* a profile outside the organisation's set (ACC-04) */
		return settings_page(r, 403, "Users.role_not_in_set");
	/* a profile counts in all the colleague's dossiers: the organisation's admins give it, recently logged in */
	if (want && !portal_has_right(r, "dossiers.manage"))
		return portal_error(r, 403, "Dossiers.profile_manage");
	if (want && !portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, dossier_url(r, "/settings"));
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_DOSSIER_ASSIGN, "iiii", r->sess.dossier.id, uid, r->sess.user_id, r->now)) != PORTAL_OK)
		goto fail;
	if (portal_db_affected(ST_DOSSIER_ASSIGN) == 1 &&
	    (rc = portal_audit(r, "dossier_user_assigned", r->sess.org_id, uid,
		     portal_printf(r, "dossier %lld", (long long)r->sess.dossier.id))) != PORTAL_OK)
		goto fail;
	if (want) {   /* only one who has no profile gets one here; changing one is the members' own form */
		if ((rc = portal_db_row(r, ST_USER_GET_LOCK, "ii", uid, r->sess.org_id)) != PORTAL_OK)
			goto fail;
		const struct portal_role **held;
		size_t nheld = portal_roles_parse(r, portal_strdup(r, portal_db_str(ST_USER_GET_LOCK, 12)), &held);
		bool has = false;
		for (size_t i = 0; i < nheld; i++)
			has |= !strcmp(held[i]->kind, "profile");
		if (!has && ((rc = portal_db_exec(r, ST_USER_ROLE_ADD, "iiii", uid, want->id, r->sess.user_id, r->now)) != PORTAL_OK ||
			     (rc = portal_audit(r, "profile_set", r->sess.org_id, uid, portal_printf(r, "profile - -> %s (all dossiers;"
				      " given on assignment to dossier %lld)", want->key, (long long)r->sess.dossier.id))) != PORTAL_OK))
			goto fail;
	}
	if ((rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, dossier_url(r, "/settings?m=assigned"));
fail:
	portal_db_rollback(r);
	return 503;
}

/* POST /dossiers/#/unassign — dossier.settings, CSRF. In: user (assigned). Out: 303; 404 not assigned. The
 * user loses the dossier on their very next request (ACC-06). */
static int unassign(struct portal_req *r)
{
	if (!r->in[UF_USER].valid)
		return settings_page(r, 422, r->in[UF_USER].err);
	int64_t uid = r->in[UF_USER].i;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_row(r, ST_DOSSIER_MEMBER, "iii", r->sess.dossier.id, uid, r->sess.org_id)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? portal_error(r, 404, "Err.not_found") : 503;
	}
	if ((rc = portal_db_exec(r, ST_DOSSIER_UNASSIGN, "ii", r->sess.dossier.id, uid)) != PORTAL_OK ||
	    (rc = portal_audit(r, "dossier_user_unassigned", r->sess.org_id, uid,
		     portal_printf(r, "dossier %lld", (long long)r->sess.dossier.id))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		return 503;
	}
	return portal_redirect(r, dossier_url(r, "/settings?m=unassigned"));
}

/* POST /dossiers/#/profile — dossier.settings and dossiers.manage, CSRF, a login ≤ 15 minutes old (SES-07).
 * In: user (assigned to this dossier), profile (a profile role id, 0 for none). The profile is one for all
 * the user's dossiers (document 003): the old one is replaced everywhere, in one transaction with the user's
 * row locked; audited old -> new. Out: 303; 403 without dossiers.manage; 404; 422 not a profile. */
static int profile_save(struct portal_req *r)
{
	if (!portal_has_right(r, "dossiers.manage"))
		return portal_error(r, 403, "Dossiers.profile_manage");
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, dossier_url(r, "/settings"));
	for (size_t i = 0; profile_fields[i].name; i++)
		if (!r->in[i].valid)
			return settings_page(r, 422, r->in[i].err);
	int64_t uid = r->in[PF_USER_].i, pid = r->in[PF_PROFILE].i;
	const struct portal_role *want = pid ? portal_role_by_id(pid) : NULL;
	if (pid && (!want || strcmp(want->kind, "profile")))
		return settings_page(r, 422, "Dossiers.bad_profile");
	if (want && !portal_role_available(r, want))   /* a profile outside the organisation's set (ACC-04) */
		return settings_page(r, 403, "Users.role_not_in_set");
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_row(r, ST_DOSSIER_MEMBER, "iii", r->sess.dossier.id, uid, r->sess.org_id)) != PORTAL_OK ||
	    (rc = portal_db_row(r, ST_USER_GET_LOCK, "ii", uid, r->sess.org_id)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? portal_error(r, 404, "Err.not_found") : 503;
	}
	const struct portal_role **held;
	size_t nheld = portal_roles_parse(r, portal_strdup(r, portal_db_str(ST_USER_GET_LOCK, 12)), &held);
	const char *old = "-";
	bool same = false;
	for (size_t i = 0; i < nheld; i++) {
		if (strcmp(held[i]->kind, "profile"))
			continue;
		old = held[i]->key;
		if (want && held[i]->id == want->id) {
			same = true;
			continue;
		}
		if ((rc = portal_db_exec(r, ST_USER_ROLE_DEL, "ii", uid, held[i]->id)) != PORTAL_OK)
			goto fail;
	}
	if (want && !same &&
	    (rc = portal_db_exec(r, ST_USER_ROLE_ADD, "iiii", uid, want->id, r->sess.user_id, r->now)) != PORTAL_OK)
		goto fail;
	if ((rc = portal_audit(r, "profile_set", r->sess.org_id, uid,
		     portal_printf(r, "profile %s -> %s (all dossiers; set in dossier %lld)", old, want ? want->key : "-",
			     (long long)r->sess.dossier.id))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, dossier_url(r, "/settings?m=profile"));
fail:
	portal_db_rollback(r);
	return 503;
}

/* ---- documents ---- */

struct doc {
	int64_t id, uploader, approver, approved_at;
	const char *filename, *type, *status, *stored;
	int64_t size;
};

/* One document row into the HDF list and, if asked, the struct. */
static void doc_row(struct portal_req *r, enum portal_stmt st, void *x, struct doc *d)
{
	int64_t id = portal_db_int(st, 0);
	if (x) {
		portal_nset_int(r, x, "id", id);
		portal_nset(r, x, "name", portal_db_str(st, 1));
		portal_nset(r, x, "type", portal_db_str(st, 2));
		int64_t size = portal_db_int(st, 3);
		portal_nset(r, x, "size", size >= 1048576 ? portal_printf(r, "%.1f MB", size / 1048576.0)
			: portal_printf(r, "%lld kB", (long long)(size + 1023) / 1024));
		portal_nset(r, x, "when", portal_when(r, portal_db_int(st, 5)));
		const char *up = person(r, st, 7);
		portal_nset(r, x, "uploader", up ? up : portal_text(r, "Dossiers.someone"));
		portal_nset_int(r, x, "mine", portal_db_int(st, 6) == r->sess.user_id);
		const char *ap = person(r, st, 11);
		if (ap) {
			portal_nset(r, x, "approver", ap);
			portal_nset_int(r, x, "approve_me", portal_db_int(st, 10) == r->sess.user_id && portal_db_null(st, 14));
			if (!portal_db_null(st, 14))
				portal_nset(r, x, "approved", portal_when(r, portal_db_int(st, 14)));
		}
		if (!portal_db_null(st, 15))
			portal_nset(r, x, "processed", portal_when(r, portal_db_int(st, 15)));
		if (!portal_db_null(st, 16))
			portal_nset(r, x, "paid", portal_when(r, portal_db_int(st, 16)));
	}
	if (d) {
		d->id = id;
		d->filename = portal_strdup(r, portal_db_str(st, 1));
		d->type = portal_strdup(r, portal_db_str(st, 2));
		d->size = portal_db_int(st, 3);
		d->status = portal_strdup(r, portal_db_str(st, 4));
		d->uploader = portal_db_int(st, 6);
		d->approver = portal_db_int(st, 10);
		d->approved_at = portal_db_int(st, 14);
		d->stored = portal_strdup(r, portal_db_str(st, 17));
	}
}

/* A list of documents into Page.docs; mine: Document Delivery's own uploads and those awaiting approval. */
/* A page of DOC_PAGE documents, newest first, older than the cursor `before` (0: the newest); Page.older
 * links to the next page of the section's path, Page.newest back to the first. */
static enum portal_err doc_list(struct portal_req *r, enum portal_stmt st, bool mine, int64_t before, const char *path,
	const char *who)
{
	enum portal_err rc = mine ? portal_db_exec(r, st, "iiiIIi", r->sess.dossier.id, r->sess.user_id, r->sess.user_id,
					before, before, (int64_t)(DOC_PAGE + 1))
		: portal_db_exec(r, st, "iIIi", r->sess.dossier.id, before, before, (int64_t)(DOC_PAGE + 1));
	if (rc != PORTAL_OK)
		return rc;
	void *list = portal_node(r, NULL, "Page.docs");
	int f;
	size_t n = 0;
	int64_t last = 0;
	bool more = false;
	while ((f = portal_db_fetch(r, st)) == 1) {
		if (n == DOC_PAGE) {
			more = true;
			continue;
		}
		last = portal_db_int(st, 0);
		doc_row(r, st, portal_node_i(r, list, n++), NULL);
	}
	if (f < 0)
		return PORTAL_ERR_DB;
	const char *base = portal_printf(r, "/dossiers/%lld/%s", (long long)r->sess.dossier.id, path);
	const char *q = who && *who ? portal_printf(r, "?who=%s", portal_url_encode(r, who)) : "";   /* kept on */
	if (more)
		portal_set(r, "Page.older", portal_printf(r, "%s%s%sbefore=%lld", base, q, *q ? "&" : "?", (long long)last));
	if (before)
		portal_set(r, "Page.newest", portal_printf(r, "%s%s", base, q));
	return PORTAL_OK;
}

/* The cursor of a GET document list: 0 for the newest page; -1 when the field is not a valid id (400). */
static int64_t doc_cursor(struct portal_req *r)
{
	if (!r->in[LF_BEFORE].valid)
		return -1;
	return r->in[LF_BEFORE].s ? r->in[LF_BEFORE].i : 0;
}

/* The inbox: its page older than `before` (0: the newest; a failed POST shows the newest), and the forward
 * form's colleagues: the first PICK_MAX by name, or those whose name or address holds who. */
static int documents_page(struct portal_req *r, int status, const char *error_key, int64_t before, const char *who)
{
	if (dossier_load(r) != PORTAL_OK)
		return 503;
	bool process = portal_has_dossier_right(r, "documents.process");
	portal_set_int(r, "Page.process", process);
	portal_set_int(r, "Page.max_mb", (portal_cf->max_upload - 65536) / 1048576);
	portal_set(r, "Page.once", portal_once_token(r));
	if (doc_list(r, process ? ST_DOC_INBOX_ALL : ST_DOC_INBOX_MINE, !process, before, "documents", who) != PORTAL_OK)
		return 503;
	/* colleagues in this dossier, to forward a document to for approval */
	const char *like = who && *who ? portal_like_pattern(r, who) : NULL;
	enum portal_stmt st = ST_FORWARD_TARGETS;
	if (portal_db_exec(r, st, "iiisssi", r->sess.dossier.id, r->sess.org_id, r->sess.user_id, like, like, like,
		    (int64_t)(PICK_MAX + 1)) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.people");
	int f;
	size_t n = 0;
	while ((f = portal_db_fetch(r, st)) == 1) {
		if (n == PICK_MAX) {
			portal_set_int(r, "Page.people_more", PICK_MAX);
			continue;
		}
		void *x = portal_node_i(r, list, n++);
		portal_nset_int(r, x, "id", portal_db_int(st, 0));
		portal_nset(r, x, "name", person(r, st, 1));
	}
	if (f < 0)
		return 503;
	portal_set(r, "Page.who", like ? who : NULL);
	return dossier_render(r, status, "documents", error_key);
}

/* GET /dossiers/#/documents — documents.deliver. In: before (the inbox's cursor), who (the forward form's
 * colleague search). Out: 200, the inbox the user may see; 400 a bad cursor or search. */
static int documents(struct portal_req *r)
{
	int64_t before = doc_cursor(r);
	if (before < 0)
		return portal_error(r, 400, "Err.bad_request");
	if (!r->in[LF_WHO].valid)
		return portal_error(r, 400, r->in[LF_WHO].err);
	return documents_page(r, 200, NULL, before, r->in[LF_WHO].s);
}

/* POST /dossiers/#/documents — documents.deliver, multipart, CSRF. In: file (PDF, PNG or JPEG by its first
 * bytes, with a matching extension; at most limits.max_upload less 64 KiB). Out: 303 back; 413 too large;
 * 415 another type; 422 a bad name; 503 storage. Nothing is kept unless both file and row are. */
static int upload(struct portal_req *r)
{
	const struct portal_value *v = &r->in[XF_FILE];
	if (!r->in[XF_ONCE].valid)
		return portal_error(r, 400, r->in[XF_ONCE].err);
	if (!v->valid)
		return documents_page(r, 422, v->err, 0, NULL);
	const char *once = r->in[XF_ONCE].s, *done = dossier_url(r, "/documents?m=uploaded");
	int seen = portal_once_seen(r, once);   /* this form stored before (a double click, a retry): that result */
	if (seen)
		return seen;
	const struct portal_file *f = v->file;
	struct portal_stored st;
	const char *why;
	int code = portal_upload_store(r, f, &st, &why);
	if (code == 503)
		return portal_error(r, 503, why);
	if (code)
		return documents_page(r, code, why, 0, NULL);
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) == PORTAL_OK &&
	    (rc = portal_db_exec(r, ST_DOC_INSERT, "iiisssibi", r->sess.dossier.id, r->sess.org_id, r->sess.user_id,
		     f->filename, st.name, st.type, (int64_t)f->len, st.sha256, sizeof st.sha256, r->now)) == PORTAL_OK)
		rc = portal_audit(r, "document_uploaded", r->sess.org_id, 0, portal_printf(r,
			"dossier %lld, document %lld (%s, %zu bytes)", (long long)r->sess.dossier.id,
			(long long)portal_db_insert_id(ST_DOC_INSERT), st.type, f->len));
	return portal_upload_commit(r, rc, st.name, once, done);
}

/* May the user see this document? The inbox to documents.process; own uploads (also once processed: document
 * 003, "toegang tot de eigen documenten") and those awaiting one's approval to documents.deliver; processed ones
 * to archive.view and payments.use. */
static bool doc_visible(struct portal_req *r, const struct doc *d)
{
	bool deliver = portal_has_dossier_right(r, "documents.deliver");
	if (deliver && d->uploader == r->sess.user_id)
		return true;
	if (!strcmp(d->status, "inbox"))
		return portal_has_dossier_right(r, "documents.process") || (deliver && d->approver == r->sess.user_id);
	return portal_has_dossier_right(r, "archive.view") || portal_has_dossier_right(r, "payments.use");
}

/* The document of the doc field in this dossier, visible to the user; PORTAL_ERR_NOTFOUND otherwise. */
static enum portal_err doc_get(struct portal_req *r, int64_t id, struct doc *d)
{
	enum portal_err rc = portal_db_row(r, ST_DOC_GET, "ii", id, r->sess.dossier.id);
	if (rc != PORTAL_OK)
		return rc;
	doc_row(r, ST_DOC_GET, NULL, d);
	return doc_visible(r, d) ? PORTAL_OK : PORTAL_ERR_NOTFOUND;
}

/* GET /dossiers/#/download — visible dossier. In: doc. Out: 200 the file as an attachment; 404 a document
 * the user may not see, like a missing one. */
static int download(struct portal_req *r)
{
	if (!r->in[DF_DOC].valid)
		return portal_error(r, 400, r->in[DF_DOC].err);
	struct doc d;
	enum portal_err rc = doc_get(r, r->in[DF_DOC].i, &d);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	return portal_upload_send(r, d.stored, d.size, d.type, d.filename);
}

/* One change of a document's state (the doc field), audited; back to the list with a notice. */
static int doc_change(struct portal_req *r, enum portal_stmt st, const char *event, const char *back)
{
	int64_t doc = r->in[DF_DOC].i, dossier = r->sess.dossier.id;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if (st == ST_DOC_APPROVE)
		rc = portal_db_exec(r, st, "iiii", r->now, doc, dossier, r->sess.user_id);
	else if (st == ST_DOC_PROCESS)
		rc = portal_db_exec(r, st, "iiii", r->sess.user_id, r->now, doc, dossier);
	else
		rc = portal_db_exec(r, st, "iii", r->now, doc, dossier);
	if (rc != PORTAL_OK)
		goto fail;
	if (portal_db_affected(st) != 1) {
		portal_db_rollback(r);
		return portal_error(r, 409, "Dossiers.doc_state");
	}
	if ((rc = portal_audit(r, event, r->sess.org_id, 0, portal_printf(r, "dossier %lld, document %lld",
		     (long long)dossier, (long long)doc))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, dossier_url(r, back));
fail:
	portal_db_rollback(r);
	return 503;
}

static int doc_target(struct portal_req *r, struct doc *d)
{
	if (!r->in[0].valid)
		return portal_error(r, 400, r->in[0].err);
	enum portal_err rc = doc_get(r, r->in[0].i, d);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	return rc == PORTAL_OK ? 0 : 503;
}

/* POST /dossiers/#/forward — documents.deliver, CSRF. In: doc (in the inbox, visible), to (an active colleague
 * assigned to this dossier, not oneself). The colleague is asked by e-mail to approve it. Out: 303; 404; 422
 * (no document chosen: the page's one forward form sends doc from the radio button of a row). */
static int forward(struct portal_req *r)
{
	if (!r->in[FF_DOC].present)   /* the form's Forward pressed before a document was chosen */
		return documents_page(r, 422, "Dossiers.forward_no_doc", 0, NULL);
	struct doc d;
	int rc0 = doc_target(r, &d);
	if (rc0)
		return rc0;
	if (strcmp(d.status, "inbox"))
		return portal_error(r, 409, "Dossiers.doc_state");
	if (!r->in[FF_TO].valid)
		return documents_page(r, 422, r->in[FF_TO].err, 0, NULL);
	int64_t to = r->in[FF_TO].i;
	if (to == d.uploader) {   /* four eyes: whoever delivered a document never approves it */
		portal_audit(r, "four_eyes_refused", r->sess.org_id, to, portal_printf(r, "dossier %lld, document %lld forwarded"
			" for approval to its uploader", (long long)r->sess.dossier.id, (long long)d.id));
		return documents_page(r, 409, "Dossiers.four_eyes", 0, NULL);
	}
	if (to == r->sess.user_id || portal_db_row(r, ST_DOSSIER_MEMBER, "iii", r->sess.dossier.id, to, r->sess.org_id) != PORTAL_OK ||
	    strcmp(portal_db_str(ST_DOSSIER_MEMBER, 4), "active"))
		return documents_page(r, 422, "Dossiers.bad_person", 0, NULL);
	const char *email = portal_strdup(r, portal_db_str(ST_DOSSIER_MEMBER, 2));
	const char *given = portal_strdup(r, portal_db_str(ST_DOSSIER_MEMBER, 1));
	enum portal_lang lang = portal_lang_parse(portal_db_str(ST_DOSSIER_MEMBER, 3));
	if (lang == PORTAL_NLANG)
		lang = PORTAL_NL;
	const char *link = portal_link(r, dossier_url(r, "/documents"));
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_DOC_FORWARD, "iii", to, d.id, r->sess.dossier.id)) != PORTAL_OK)
		goto fail;
	if (portal_db_affected(ST_DOC_FORWARD) != 1) {
		portal_db_rollback(r);
		return portal_error(r, 409, "Dossiers.doc_state");
	}
	const char *body = portal_fill(r, portal_text_lang(lang, "Dossiers.mail_forward_body"), "name", given, "who",
		r->sess.display_name, "file", d.filename, "link", link ? link : "", NULL);
	if ((rc = portal_mail_enqueue(r, to, email, portal_text_lang(lang, "Dossiers.mail_forward_subject"), body)) != PORTAL_OK ||
	    (rc = portal_audit(r, "document_forwarded", r->sess.org_id, to, portal_printf(r, "dossier %lld, document %lld",
		     (long long)r->sess.dossier.id, (long long)d.id))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, dossier_url(r, "/documents?m=forwarded"));
fail:
	portal_db_rollback(r);
	return 503;
}

/* POST /dossiers/#/approve — documents.deliver, CSRF. In: doc awaiting the user's approval, never one the user
 * delivered (four eyes). Out: 303; 404; 409 (not awaiting the user, or the user's own upload: the rule named). */
static int approve(struct portal_req *r)
{
	struct doc d;
	int rc0 = doc_target(r, &d);
	if (rc0)
		return rc0;
	if (d.uploader == r->sess.user_id) {
		portal_audit(r, "four_eyes_refused", r->sess.org_id, 0, portal_printf(r, "dossier %lld, document %lld approved"
			" by its uploader", (long long)r->sess.dossier.id, (long long)d.id));
		return documents_page(r, 409, "Dossiers.four_eyes", 0, NULL);
	}
	return doc_change(r, ST_DOC_APPROVE, "document_approved", "/documents?m=approved");
}

/* POST /dossiers/#/process — documents.process, CSRF. In: doc in the inbox. It moves to the archive. */
static int process(struct portal_req *r)
{
	struct doc d;
	int rc0 = doc_target(r, &d);
	if (rc0)
		return rc0;
	return doc_change(r, ST_DOC_PROCESS, "document_processed", "/documents?m=processed");
}

/* GET /dossiers/#/archive — archive.view: processed documents. */
static int archive(struct portal_req *r)
{
	int64_t before = doc_cursor(r);
	if (before < 0)
		return portal_error(r, 400, "Err.bad_request");
	if (dossier_load(r) != PORTAL_OK || doc_list(r, ST_DOC_PROCESSED, false, before, "archive", NULL) != PORTAL_OK)
		return 503;
	return dossier_render(r, 200, "archive", NULL);
}

/* GET /dossiers/#/payments — payments.use: processed documents, to mark paid. */
static int payments(struct portal_req *r)
{
	int64_t before = doc_cursor(r);
	if (before < 0)
		return portal_error(r, 400, "Err.bad_request");
	if (dossier_load(r) != PORTAL_OK || doc_list(r, ST_DOC_PROCESSED, false, before, "payments", NULL) != PORTAL_OK)
		return 503;
	return dossier_render(r, 200, "payments", NULL);
}

/* POST /dossiers/#/paid — payments.use, CSRF. In: doc (processed, unpaid). Out: 303; 404; 409. */
static int paid(struct portal_req *r)
{
	struct doc d;
	int rc0 = doc_target(r, &d);
	if (rc0)
		return rc0;
	return doc_change(r, ST_DOC_PAID, "document_paid", "/payments?m=paid");
}

/* GET /dossiers/#/reports — reports.view: figures of the dossier's documents. */
static int reports(struct portal_req *r)
{
	if (dossier_load(r) != PORTAL_OK || portal_db_row(r, ST_DOC_STATS, "i", r->sess.dossier.id) != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.stats.inbox", portal_db_int(ST_DOC_STATS, 0));
	portal_set_int(r, "Page.stats.processed", portal_db_int(ST_DOC_STATS, 1));
	portal_set_int(r, "Page.stats.awaiting", portal_db_int(ST_DOC_STATS, 2));
	portal_set_int(r, "Page.stats.unpaid", portal_db_int(ST_DOC_STATS, 3));
	if (portal_db_exec(r, ST_DOC_MONTHS, "ii", r->sess.dossier.id, r->now - 366 * 86400) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.months");
	int f;
	size_t n = 0;
	while ((f = portal_db_fetch(r, ST_DOC_MONTHS)) == 1) {
		void *x = portal_node_i(r, list, n++);
		portal_nset(r, x, "month", portal_db_str(ST_DOC_MONTHS, 0));
		portal_nset_int(r, x, "received", portal_db_int(ST_DOC_MONTHS, 1));
		portal_nset_int(r, x, "processed", portal_db_int(ST_DOC_MONTHS, 2));
	}
	if (f < 0)
		return 503;
	return dossier_render(r, 200, "reports", NULL);
}

/* GET /dossiers/#/finance — finance.view: the bank accounts linked to the dossier. */
static int finance(struct portal_req *r)
{
	if (dossier_load(r) != PORTAL_OK || portal_db_exec(r, ST_DOSSIER_ACCOUNTS, "i", r->sess.dossier.id) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.accounts");
	int f;
	size_t n = 0;
	while ((f = portal_db_fetch(r, ST_DOSSIER_ACCOUNTS)) == 1) {
		void *x = portal_node_i(r, list, n++);
		portal_nset(r, x, "iban", portal_db_str(ST_DOSSIER_ACCOUNTS, 0));
		portal_nset(r, x, "label", portal_db_str(ST_DOSSIER_ACCOUNTS, 1));
	}
	if (f < 0)
		return 503;
	return dossier_render(r, 200, "finance", NULL);
}

/* ---- account requests (document 003) ---- */

enum { RF_GIVEN, RF_FAMILY, RF_EMAIL, RF_NOTE, RF_PROFILE, RF_ONCE };
enum { RF_RESP = RF_PROFILE };   /* the public form has the contact's address where the other has the profile */
static const struct portal_field request_fields[] = {
	{ "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "email", PF_EMAIL, PF_REQUIRED, 3, 254, NULL },
	{ "note", PF_TEXT, 0, 0, 1000, NULL },
	{ "profile", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const struct portal_field public_request_fields[] = {
	{ "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "email", PF_EMAIL, PF_REQUIRED, 3, 254, NULL },
	{ "note", PF_TEXT, 0, 0, 1000, NULL },
	{ "responsible", PF_EMAIL, PF_REQUIRED, 3, 254, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const char *const decisions[] = { "approve", "decline", NULL };
enum { AF_DECISION, AF_DOSSIER, AF_PROFILE };
static const struct portal_field decide_fields[] = {
	{ "decision", PF_ENUM, PF_REQUIRED, 0, 0, decisions },
	{ "dossier", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "profile", PF_INT, 0, 1, INT64_MAX, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* The profiles, for a select (Page.profiles). */
static void set_profiles(struct portal_req *r)
{
	const struct portal_catalogue *cat = portal_catalogue();
	void *pl = portal_node(r, NULL, "Page.profiles");
	for (size_t i = 0, k = 0; i < cat->nroles; i++)
		if (!strcmp(cat->roles[i].kind, "profile") && portal_role_available(r, &cat->roles[i])) {
			void *x = portal_node_i(r, pl, k++);
			portal_nset_int(r, x, "id", cat->roles[i].id);
			portal_nset(r, x, "name", cat->roles[i].name[r->lang]);
		}
}

/* A profile field: a dossier profile of the organisation's set, or none (*bad for anything else). */
static const struct portal_role *profile_arg(struct portal_req *r, const struct portal_value *v, bool *bad)
{
	*bad = false;
	if (!v->present)
		return NULL;
	const struct portal_role *ro = portal_role_by_id(v->i);
	if (!ro || strcmp(ro->kind, "profile") || !portal_role_available(r, ro))
		*bad = true;
	return *bad ? NULL : ro;
}

/* The answer to a bad profile field: 403 for a profile outside the organisation's set, else 422. */
static bool profile_outside(struct portal_req *r, const struct portal_value *v)
{
	const struct portal_role *ro = v->present ? portal_role_by_id(v->i) : NULL;
	return ro && !strcmp(ro->kind, "profile") && !portal_role_available(r, ro);
}

/* Mails the responsible person about a new request, in their language: who asked (by: a colleague, or the person
 * asked for, from the login page), for whom, where, the profile wished (NULL: none) and the note (document 003). */
static enum portal_err mail_responsible(struct portal_req *r, int64_t uid, const char *email, const char *given,
	const char *lang_s, const char *by, const char *who, const char *where, const struct portal_role *prof, const char *note)
{
	enum portal_lang lang = portal_lang_parse(lang_s);
	if (lang == PORTAL_NLANG)
		lang = PORTAL_NL;
	const char *link = portal_link(r, "/dossiers/requests");
	return portal_mail_enqueue(r, uid, email, portal_text_lang(lang, "Dossiers.mail_request_subject"),
		portal_fill(r, portal_text_lang(lang, "Dossiers.mail_request_body"), "name", given, "by", by, "who", who,
			"where", where, "profile", prof ? prof->name[lang] : portal_text_lang(lang, "Dossiers.no_profile_wish"),
			"note", note && *note ? note : "-", "link", link ? link : "", NULL));
}

static int request_page(struct portal_req *r, int status, const char *error_key)
{
	if (dossier_load(r) != PORTAL_OK)
		return 503;
	set_profiles(r);
	portal_set(r, "Page.once", portal_once_token(r));
	return dossier_render(r, status, "request", error_key);
}

/* GET /dossiers/#/request — visible dossier: the form to ask an account for someone ("Nieuwe account
 * aanvragen"). */
static int request_form(struct portal_req *r)
{
	return request_page(r, 200, NULL);
}

/* POST /dossiers/#/request — visible dossier, CSRF. In: given_name, family_name, email, note, profile
 * (optional wish), once (the same form again asks nothing more, DI-02). The dossier's responsible person
 * gets an e-mail; 409 when the dossier has none. */
static int request_submit(struct portal_req *r)
{
	for (size_t i = 0; request_fields[i].name; i++)
		if (!r->in[i].valid)
			return request_page(r, 422, r->in[i].err);
	bool bad;
	const struct portal_role *prof = profile_arg(r, &r->in[RF_PROFILE], &bad);
	if (bad)
		return profile_outside(r, &r->in[RF_PROFILE]) ? request_page(r, 403, "Users.role_not_in_set")
			: request_page(r, 422, "Dossiers.bad_profile");
	const char *once = r->in[RF_ONCE].s, *done = dossier_url(r, "?m=requested");
	int seen = portal_once_seen(r, once);   /* this form asked before (a double click, a retry): one request */
	if (seen)
		return seen;
	if (portal_db_row(r, ST_DOSSIER_GET, "ii", r->sess.dossier.id, r->sess.org_id) != PORTAL_OK)
		return 503;
	int64_t resp = portal_db_int(ST_DOSSIER_GET, 3);
	const char *dname = portal_strdup(r, portal_db_str(ST_DOSSIER_GET, 1));
	if (!resp || portal_db_row(r, ST_USER_GET, "ii", resp, r->sess.org_id) != PORTAL_OK ||
	    strcmp(portal_db_str(ST_USER_GET, 7), "active"))
		return request_page(r, 409, "Dossiers.no_responsible");
	const char *remail = portal_strdup(r, portal_db_str(ST_USER_GET, 1)), *rgiven = portal_strdup(r, portal_db_str(ST_USER_GET, 2));
	const char *rlang = portal_strdup(r, portal_db_str(ST_USER_GET, 9));
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_REQ_INSERT, "iiIIsssIsi", r->sess.org_id, resp, r->sess.dossier.id, r->sess.user_id,
		     r->in[RF_EMAIL].s, r->in[RF_GIVEN].s, r->in[RF_FAMILY].s, prof ? prof->id : 0,
		     r->in[RF_NOTE].s ? r->in[RF_NOTE].s : "", r->now)) != PORTAL_OK)
		goto fail;
	int64_t id = portal_db_insert_id(ST_REQ_INSERT);
	if ((rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);   /* a copy of this form committed first */
	const char *who = portal_printf(r, "%s <%s>", portal_full_name(r, r->in[RF_GIVEN].s, "", r->in[RF_FAMILY].s), r->in[RF_EMAIL].s);
	if (rc != PORTAL_OK || (rc = mail_responsible(r, resp, remail, rgiven, rlang, portal_printf(r, "%s <%s>",
		     r->sess.display_name, r->sess.email), who, dname, prof, r->in[RF_NOTE].s)) != PORTAL_OK ||
	    (rc = portal_audit(r, "account_requested", r->sess.org_id, 0, portal_printf(r, "request %lld for dossier %lld",
		     (long long)id, (long long)r->sess.dossier.id))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, done);
fail:
	portal_db_rollback(r);
	return 503;
}

/* GET /dossiers/request — public: the login page's "request an account" form. */
static int public_request_form(struct portal_req *r)
{
	portal_csrf_prepare(r);
	return portal_render(r, 200, "dossier_request.cs");
}

/* POST /dossiers/request — public, CSRF. In: given_name, family_name, email, note, responsible (the login
 * address of the contact at the office). Out: 200 with the same words whether or not the contact is a
 * dossier's responsible person (no enumeration); 422 malformed input; 429 too many from this address. A
 * responsible person gets at most 10 requests an hour; beyond that they are dropped (and logged). */
static int public_request(struct portal_req *r)
{
	portal_csrf_prepare(r);
	for (size_t i = 0; public_request_fields[i].name; i++)
		if (!r->in[i].valid) {
			portal_set_text(r, "Page.error", r->in[i].err);
			return portal_render(r, 422, "dossier_request.cs");
		}
	const char *addr = r->remote_addr;
	int64_t w = portal_throttle_wait(r, PORTAL_TH_REQUEST_IP, addr, strlen(addr));
	if (w < 0)
		return 503;
	if (w > 0) {
		portal_set_text(r, "Page.error", "Err.throttled");
		return portal_render(r, portal_retry_after(r, w), "dossier_request.cs");
	}
	if (portal_throttle_fail(r, PORTAL_TH_REQUEST_IP, addr, strlen(addr)) != PORTAL_OK)
		return 503;
	enum portal_err rc = portal_db_row(r, ST_REQ_RESPONSIBLE, "s", r->in[RF_RESP].s);
	if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
		return 503;
	if (rc == PORTAL_OK) {
		int64_t resp = portal_db_int(ST_REQ_RESPONSIBLE, 0), org = portal_db_int(ST_REQ_RESPONSIBLE, 1);
		const char *remail = portal_strdup(r, portal_db_str(ST_REQ_RESPONSIBLE, 2));
		const char *rgiven = portal_strdup(r, portal_db_str(ST_REQ_RESPONSIBLE, 3));
		const char *rlang = portal_strdup(r, portal_db_str(ST_REQ_RESPONSIBLE, 4));
		if (portal_db_row(r, ST_REQ_RECENT, "ii", resp, r->now - 3600) != PORTAL_OK)
			return 503;
		if (portal_db_int(ST_REQ_RECENT, 0) >= 10) {
			portal_audit(r, "account_request_dropped", org, resp, "more than 10 requests in an hour");
		} else {
			if ((rc = portal_db_begin(r)) != PORTAL_OK)
				return 503;
			const char *who = portal_printf(r, "%s <%s>", portal_full_name(r, r->in[RF_GIVEN].s, "", r->in[RF_FAMILY].s),
				r->in[RF_EMAIL].s);
			if ((rc = portal_db_exec(r, ST_REQ_INSERT, "iiIIsssIsi", org, resp, (int64_t)0, (int64_t)0, r->in[RF_EMAIL].s,
				     r->in[RF_GIVEN].s, r->in[RF_FAMILY].s, (int64_t)0, r->in[RF_NOTE].s ? r->in[RF_NOTE].s : "", r->now)) != PORTAL_OK ||
			    (rc = mail_responsible(r, resp, remail, rgiven, rlang, who, who, portal_text(r, "Dossiers.request_where_login"),
				     NULL, r->in[RF_NOTE].s)) != PORTAL_OK ||
			    (rc = portal_audit(r, "account_requested", org, 0, portal_printf(r, "request %lld from the login page",
				     (long long)portal_db_insert_id(ST_REQ_INSERT)))) != PORTAL_OK ||
			    (rc = portal_db_commit(r)) != PORTAL_OK) {
				portal_db_rollback(r);
				return 503;
			}
		}
	} else {
		portal_audit(r, "account_request_unknown", 0, 0, "no dossier has that responsible person");
	}
	portal_set_int(r, "Page.sent", 1);
	return portal_render(r, 200, "dossier_request.cs");
}

#define REQ_PAGE 50
#define MINE_MAX 200   /* one request's dossier select: the first by name; past it, a search by name */

/* One open request's card (a node of Page.requests) from the current row of st, ST_REQ_LIST or ST_REQ_GET. */
static int64_t request_card(struct portal_req *r, enum portal_stmt st, void *x)
{
	int64_t id = portal_db_int(st, 0);
	portal_nset_int(r, x, "id", id);
	if (!portal_db_null(st, 2)) {
		portal_nset_int(r, x, "dossier_id", portal_db_int(st, 1));
		portal_nset(r, x, "dossier", portal_db_str(st, 2));
		portal_nset_int(r, x, "mine", portal_db_int(st, 12));   /* still theirs: approvable right here */
	}
	portal_nset(r, x, "email", portal_db_str(st, 3));
	portal_nset(r, x, "name", portal_full_name(r, portal_db_str(st, 4), "", portal_db_str(st, 5)));
	const struct portal_role *p = portal_db_null(st, 6) ? NULL : portal_role_by_id(portal_db_int(st, 6));
	if (p)
		portal_nset_int(r, x, "profile_id", p->id);
	portal_nset(r, x, "note", portal_db_str(st, 7));
	portal_nset(r, x, "when", portal_when(r, portal_db_int(st, 8)));
	const char *by = person(r, st, 9);
	portal_nset(r, x, "by", by ? by : portal_text(r, "Dossiers.request_by_login"));
	return id;
}

/* GET /dossiers/requests — any user: the open account requests addressed to them as responsible person, 50
 * a page, oldest first. In: m, after (the last id of the page before). Each names the dossier it was asked
 * for (approved here with a profile) or, from the login page, none: the dossier is chosen on its own page. */
static int requests(struct portal_req *r)
{
	if (!r->in[LF_AFTER].valid)
		return portal_error(r, 400, r->in[LF_AFTER].err);
	int64_t after = r->in[LF_AFTER].s ? r->in[LF_AFTER].i : 0;
	enum portal_stmt st = ST_REQ_LIST;
	if (portal_db_exec(r, st, "iiii", r->sess.user_id, r->sess.org_id, after, (int64_t)(REQ_PAGE + 1)) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.requests");
	int f;
	size_t n = 0;
	int64_t last = 0;
	bool more = false;
	while ((f = portal_db_fetch(r, st)) == 1) {
		if (n == REQ_PAGE)
			more = true;
		else
			last = request_card(r, st, portal_node_i(r, list, n++));
	}
	if (f < 0)
		return 503;
	if (more)
		portal_set(r, "Page.next", portal_printf(r, "/dossiers/requests?after=%lld", (long long)last));
	if (after)
		portal_set(r, "Page.first", "/dossiers/requests");
	set_profiles(r);
	notice(r);
	return portal_render(r, 200, "dossiers_requests.cs");
}

/* One open request of the user's with the dossiers to choose from (the first MINE_MAX by name, those whose
 * name holds q when given, and the one it names); the approve form's errors show here too. */
static int decide_page(struct portal_req *r, int status, const char *error_key, const char *q)
{
	enum portal_stmt st = ST_REQ_GET;
	enum portal_err rc = portal_db_row(r, st, "iii", r->path_id, r->sess.user_id, r->sess.org_id);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	void *x = portal_node_i(r, portal_node(r, NULL, "Page.requests"), 0);
	request_card(r, st, x);
	bool named = !portal_db_null(st, 2) && portal_db_int(st, 12);
	int64_t named_id = named ? portal_db_int(st, 1) : 0;
	const char *named_name = named ? portal_strdup(r, portal_db_str(st, 2)) : NULL;
	const char *like = q && *q ? portal_like_pattern(r, q) : NULL;
	if (portal_db_exec(r, ST_RESP_DOSSIERS, "iissi", r->sess.org_id, r->sess.user_id, like, like,
		    (int64_t)(MINE_MAX + 1)) != PORTAL_OK)
		return 503;
	void *dl = portal_node(r, NULL, "Page.mine");
	size_t n = 0;
	bool seen = false;
	int f;
	while ((f = portal_db_fetch(r, ST_RESP_DOSSIERS)) == 1) {
		if (n == MINE_MAX) {
			portal_set_int(r, "Page.mine_more", 1);
			continue;
		}
		void *d = portal_node_i(r, dl, n++);
		int64_t id = portal_db_int(ST_RESP_DOSSIERS, 0);
		seen |= id == named_id;
		portal_nset_int(r, d, "id", id);
		portal_nset(r, d, "name", portal_db_str(ST_RESP_DOSSIERS, 1));
	}
	if (f < 0)
		return 503;
	if (named && !seen) {   /* the dossier asked for is always there to choose, whatever the search */
		void *d = portal_node_i(r, dl, n++);
		portal_nset_int(r, d, "id", named_id);
		portal_nset(r, d, "name", named_name);
	}
	portal_set_int(r, "Page.one", 1);
	portal_set(r, "Page.q", q && *q ? q : NULL);
	set_profiles(r);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	return portal_render(r, status, "dossiers_requests.cs");
}

/* GET /dossiers/requests/# — the responsible person: one open request of theirs, to approve into any dossier
 * they are responsible for. In: q (a dossier name search). Out: 200; 404 not theirs or decided. */
static int request_one(struct portal_req *r)
{
	if (!r->in[LF_Q].valid)
		return portal_error(r, 400, r->in[LF_Q].err);
	return decide_page(r, 200, NULL, r->in[LF_Q].s);
}

/* May the approver hand out this profile? With dossiers.manage any; otherwise only one whose every right
 * their own profile gives (ACC-04: no one grants what they do not hold). */
static bool may_give_profile(struct portal_req *r, const struct portal_role *p)
{
	if (portal_has_right(r, "dossiers.manage"))
		return true;
	const struct portal_catalogue *cat = portal_catalogue();
	for (size_t j = 0; j < p->nrights; j++)
		if (!r->sess.profile || !portal_role_has_right(r->sess.profile, cat->rights[p->rights[j]].key))
			return false;
	return true;
}

/* POST /dossiers/requests/# — the responsible person, CSRF. In: decision (approve | decline); to approve
 * also dossier (one they are responsible for) and profile (one they may give), and a login ≤ 15 minutes old.
 * Approving creates an invited colleague with that profile, assigned to the dossier (409 when the address
 * already has an account); the requester is told by e-mail either way. Out: 303; 404 not theirs / decided. */
static int decide(struct portal_req *r)
{
	for (size_t i = 0; decide_fields[i].name; i++)
		if (!r->in[i].valid)
			return decide_page(r, 422, r->in[i].err, NULL);
	bool approve = r->in[AF_DECISION].i == 0;
	const struct portal_role *prof = NULL;
	int64_t dossier = r->in[AF_DOSSIER].present ? r->in[AF_DOSSIER].i : 0;
	if (approve) {
		if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
			return portal_reauth_redirect(r, portal_printf(r, "/dossiers/requests/%lld", (long long)r->path_id));
		bool bad;
		prof = profile_arg(r, &r->in[AF_PROFILE], &bad);
		if (!prof || !dossier)
			return decide_page(r, 422, "Dossiers.request_choose", NULL);
		if (!may_give_profile(r, prof))
			return decide_page(r, 403, "Dossiers.profile_not_yours", NULL);
		enum portal_err rc = portal_db_row(r, ST_RESP_DOSSIER, "iii", dossier, r->sess.org_id, r->sess.user_id);
		if (rc == PORTAL_ERR_NOTFOUND)
			return decide_page(r, 422, "Dossiers.request_choose", NULL);
		if (rc != PORTAL_OK)
			return 503;
	}
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_row(r, ST_REQ_GET_LOCK, "iii", r->path_id, r->sess.user_id, r->sess.org_id)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? portal_error(r, 404, "Err.not_found") : 503;
	}
	enum portal_stmt st = ST_REQ_GET_LOCK;
	const char *email = portal_strdup(r, portal_db_str(st, 2)), *given = portal_strdup(r, portal_db_str(st, 3));
	const char *family = portal_strdup(r, portal_db_str(st, 4));
	const char *req_email = portal_db_null(st, 7) ? NULL : portal_strdup(r, portal_db_str(st, 7));
	enum portal_lang rl = portal_lang_parse(portal_db_str(st, 8));
	if (rl == PORTAL_NLANG)
		rl = r->lang;
	int64_t req_id = portal_db_int(st, 6);
	int64_t uid = 0;
	const char *detail;
	if (approve) {
		const char *lang = portal_lang_code(r->lang);
		rc = portal_db_exec(r, ST_USER_INSERT, "issssssi", r->sess.org_id, email, given, "", family, NULL, lang, r->now);
		if (rc == PORTAL_ERR_DUP) {
			portal_db_rollback(r);
			return decide_page(r, 409, "Users.email_taken", NULL);
		}
		if (rc != PORTAL_OK)
			goto fail;
		uid = portal_db_insert_id(ST_USER_INSERT);
		struct portal_person who = { uid, r->sess.org_id, email, given, lang, r->sess.org_name };
		if ((rc = portal_db_exec(r, ST_USER_ROLE_ADD, "iiii", uid, prof->id, r->sess.user_id, r->now)) != PORTAL_OK ||
		    (rc = portal_db_exec(r, ST_DOSSIER_ASSIGN, "iiii", dossier, uid, r->sess.user_id, r->now)) != PORTAL_OK ||
		    (rc = portal_send_invite(r, &who)) != PORTAL_OK ||
		    (rc = portal_audit(r, "user_added", r->sess.org_id, uid, portal_printf(r, "from account request %lld: %s <%s>,"
			     " profile %s, dossier %lld; invitation sent", (long long)r->path_id, portal_full_name(r, given, "", family),
			     email, prof->key, (long long)dossier))) != PORTAL_OK)
			goto fail;
		detail = "approved";
	} else {
		detail = "declined";
	}
	if ((rc = portal_db_exec(r, ST_REQ_DECIDE, "siiIIi", detail, r->sess.user_id, r->now, uid, dossier, r->path_id)) != PORTAL_OK)
		goto fail;
	/* the requester: the colleague who asked, or (from the login page) the address asked for */
	const char *to = req_email ? req_email : email;
	if ((approve ? req_email != NULL : true) &&
	    (rc = portal_mail_enqueue(r, req_email ? req_id : 0, to, portal_text_lang(rl, approve ? "Dossiers.mail_approved_subject"
		     : "Dossiers.mail_declined_subject"), portal_fill(r, portal_text_lang(rl, approve ? "Dossiers.mail_approved_body"
		     : "Dossiers.mail_declined_body"), "who", portal_full_name(r, given, "", family), "by", r->sess.display_name, NULL))) != PORTAL_OK)
		goto fail;
	if ((rc = portal_audit(r, approve ? "account_request_approved" : "account_request_declined", r->sess.org_id, uid,
		     portal_printf(r, "request %lld", (long long)r->path_id))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, approve ? "/dossiers/requests?m=invited" : "/dossiers/requests?m=declined");
fail:
	portal_db_rollback(r);
	return 503;
}


static const struct portal_route routes[] = {
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
	PORTAL_ROUTE_DOSSIER("GET", "/dossiers/#/finance", "finance.view", finance, NULL, PORTAL_RF_READ),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "dossiers_list.cs", "dossier.cs", "dossier_request.cs", "dossiers_requests.cs",
	NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "dossiers", routes, templates };
	return portal_main(argc, argv, &prog);
}
