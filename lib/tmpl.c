/* tmpl.c: ClearSilver rendering. At start-up: the language files (lang.c), the header's menu
 * (templates/menu.hdf) into a table, and every template the program uses parsed once, with
 * Config.VarEscapeMode = html set before cs_init, so every var: is html-escaped (IO-02; alt: is not, and no
 * template uses it). Per request: a fresh HDF holds the request's data only (with the menu items the user may
 * open, and a refused form's fields and errors); the parsed template renders against it, falling back to the
 * language HDF (ClearSilver's global_hdf) for Lang.* and the role catalogue. The request HDF is destroyed with
 * the request, so no data of one request can appear in the next. */
#include <stdio.h>
#include <string.h>

#include <ClearSilver.h>

#include "portal.h"
#include "internal.h"

struct tmpl {
	char *name;
	CSPARSE *cs;
};

static HDF *base_hdf;                 /* parse-time settings: escaping, load path */
static struct tmpl *tmpls;
static size_t ntmpls;

/* The header's menu, read from templates/menu.hdf at start-up: which items a user sees follows from their rights. */
#define MENU_MAX 40
#define MENU_RIGHTS 12
enum menu_group { MENU_MAIN, MENU_ADMIN, MENU_VENDOR, MENU_ACCOUNT, MENU_NGROUPS };
static const char *const menu_groups[MENU_NGROUPS] = { "main", "admin", "vendor", "account" };
struct menu_item {
	char *name, *path;
	const char *label[PORTAL_NLANG];   /* looked up once, at start-up */
	size_t path_len;
	enum menu_group group;
	char *any[MENU_RIGHTS];   /* shown with any of these rights; with none named, to everyone */
	size_t nany;
	bool profile;             /* also shown to holders of a dossier profile */
	char *uses;               /* shown only where the organisation's role sets give this right to someone */
};
static struct menu_item menu[MENU_MAX];
static size_t nmenu;
static HDF *menu_hdf;

/* Reads menu.hdf into menu[]: every item needs a known group, a path and a label in each language. */
static NEOERR *menu_load(const char *dir, char *err, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/menu.hdf", dir);
	NEOERR *e;
	if ((e = hdf_init(&menu_hdf)) != STATUS_OK || (e = hdf_read_file(menu_hdf, path)) != STATUS_OK)
		return e;
	for (HDF *x = hdf_obj_child(menu_hdf); x; x = hdf_obj_next(x)) {
		struct menu_item *m = &menu[nmenu];
		if (nmenu == MENU_MAX) {
			snprintf(err, errlen, "%s: more than %d items", path, MENU_MAX);
			return nerr_raise(NERR_ASSERT, "%s", err);
		}
		m->name = hdf_obj_name(x);
		m->path = hdf_get_value(x, "path", NULL);
		const char *group = hdf_get_value(x, "group", ""), *label = hdf_get_value(x, "label", NULL);
		m->group = MENU_MAIN;
		while (m->group < MENU_NGROUPS && strcmp(menu_groups[m->group], group))
			m->group++;
		if (m->group == MENU_NGROUPS || !m->path || !label)
			return nerr_raise(NERR_ASSERT, "%s: item %s needs a group, a path and a label", path, m->name);
		m->path_len = strlen(m->path);
		for (int l = 0; l < PORTAL_NLANG; l++)
			m->label[l] = portal_text_lang((enum portal_lang)l, label);
		m->profile = hdf_get_int_value(x, "profile", 0) != 0;
		m->uses = hdf_get_value(x, "uses", NULL);
		/* the paths are the same for everyone: in each language's shared data, MenuPath.<item> */
		for (int l = 0; l < PORTAL_NLANG; l++) {
			char at[80];
			snprintf(at, sizeof at, "MenuPath.%s", m->name);
			if ((e = hdf_set_value(portal_lang_hdf((enum portal_lang)l), at, m->path)) != STATUS_OK)
				return e;
		}
		char *any = hdf_get_value(x, "any", NULL);
		for (char *tok = any, *end; tok && *tok; tok = end) {
			end = tok + strcspn(tok, " ");
			if (m->nany == MENU_RIGHTS)
				return nerr_raise(NERR_ASSERT, "%s: item %s names too many rights", path, m->name);
			m->any[m->nany++] = tok;
			if (*end)
				*end++ = '\0';
			while (*end == ' ')
				end++;
		}
		nmenu++;
	}
	return STATUS_OK;
}

/* Menu.<group>.<item> = its label, for the items this user can use (one node each: a list page's header stays
 * cheap; the paths are in the shared MenuPath.<item>); the current page's item, the one whose path is the
 * longest that begins the page's, in Req.menu_current, and its label in Req.section for the page title. */
static void menu_set(struct portal_req *r)
{
	const struct menu_item *current = NULL;
	size_t len = r->path ? strlen(r->path) : 0;
	void *root = portal_node(r, NULL, "Menu"), *groups[MENU_NGROUPS] = { NULL };
	for (size_t i = 0; i < nmenu; i++) {
		const struct menu_item *m = &menu[i];
		bool show = m->nany == 0 || (m->profile && r->sess.profile);
		for (size_t k = 0; k < m->nany && !show; k++)
			show = portal_has_right(r, m->any[k]);
		if (!show || (m->uses && !portal_org_may_give(r, m->uses)))
			continue;
		if (!groups[m->group])
			groups[m->group] = portal_node(r, root, menu_groups[m->group]);
		portal_nset(r, groups[m->group], m->name, m->label[r->lang]);
		if (len >= m->path_len && !strncmp(r->path, m->path, m->path_len) &&
		    (r->path[m->path_len] == '\0' || r->path[m->path_len] == '/') && (!current || m->path_len > current->path_len))
			current = m;
	}
	if (current) {
		portal_set(r, "Req.menu_current", current->name);
		portal_set(r, "Req.section", current->label[r->lang]);
	}
}

enum portal_err portal_tmpl_init(const char *dir, const char *const *templates, char *err, size_t errlen)
{
	NEOERR *e;
	portal_tmpl_free();
	if ((e = hdf_init(&base_hdf)) != STATUS_OK)
		goto neo;
	/* Escaping on for every render; must be set before cs_init (STACK-NOTES). Never turned off. */
	if ((e = hdf_set_value(base_hdf, "Config.VarEscapeMode", "html")) != STATUS_OK ||
	    (e = hdf_set_value(base_hdf, "hdf.loadpaths.0", dir)) != STATUS_OK)
		goto neo;
	if (portal_lang_load(dir, err, errlen) != PORTAL_OK)
		return PORTAL_ERR_CONFIG;
	if ((e = menu_load(dir, err, errlen)) != STATUS_OK)
		goto neo;
	size_t n = 1;
	for (size_t i = 0; templates && templates[i]; i++)
		n++;
	tmpls = portal_xmalloc(n * sizeof *tmpls);
	ntmpls = 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = i == 0 ? "error.cs" : templates[i - 1];
		struct tmpl *t = &tmpls[ntmpls];
		t->name = portal_xstrdup(name);
		t->cs = NULL;
		ntmpls++;
		if ((e = cs_init(&t->cs, base_hdf)) != STATUS_OK || (e = cgi_register_strfuncs(t->cs)) != STATUS_OK) {
			portal_neo_err(e, name, err, errlen);
			return PORTAL_ERR_CONFIG;
		}
		if ((e = cs_parse_file(t->cs, name)) != STATUS_OK) {
			portal_neo_err(e, name, err, errlen);
			return PORTAL_ERR_CONFIG;
		}
	}
	return PORTAL_OK;
neo:
	portal_neo_err(e, "templates", err, errlen);
	return PORTAL_ERR_CONFIG;
}

/* The role catalogue (Cat.tenant_roles.N.id/name/kind, without the vendor's roles) in each language's shared
 * data, for role filters: made again at a render after the catalogue was read again. */
static unsigned cat_shown;   /* the catalogue's load that is in the shared data */
static void catalogue_data(const struct portal_catalogue *cat)
{
	cat_shown = cat->loads;
	for (int l = 0; l < PORTAL_NLANG; l++) {
		if (!portal_lang_hdf((enum portal_lang)l))
			continue;
		HDF *roles = NULL, *tenant = NULL;
		NEOERR *e = hdf_remove_tree(portal_lang_hdf((enum portal_lang)l), "Cat");
		if (e == STATUS_OK && (e = hdf_get_node(portal_lang_hdf((enum portal_lang)l), "Cat.roles", &roles)) == STATUS_OK)
			e = hdf_get_node(portal_lang_hdf((enum portal_lang)l), "Cat.tenant_roles", &tenant);   /* the roles a tenant may hold */
		for (size_t i = 0, k = 0; e == STATUS_OK && i < cat->nroles; i++) {
			const struct portal_role *ro = &cat->roles[i];
			for (int pass = 0; pass < 2 && e == STATUS_OK; pass++) {
				if (pass == 1 && !strcmp(ro->kind, "vendor"))
					break;
				char n[24];
				HDF *x = NULL;
				snprintf(n, sizeof n, "%zu", pass ? k++ : i);
				if ((e = hdf_get_node(pass ? tenant : roles, n, &x)) == STATUS_OK &&
				    (e = hdf_set_int_value(x, "id", (int)ro->id)) == STATUS_OK &&
				    (e = hdf_set_value(x, "name", ro->name[l])) == STATUS_OK)
					e = hdf_set_value(x, "kind", ro->kind);
			}
		}
		if (e != STATUS_OK) {
			nerr_ignore(&e);
			portal_log(NULL, PORTAL_LOG_ERR, "the role catalogue could not be put in the templates' data");
		}
	}
}

void portal_tmpl_free(void)
{
	for (size_t i = 0; i < ntmpls; i++) {
		if (tmpls[i].cs) {
			tmpls[i].cs->hdf = base_hdf;
			tmpls[i].cs->global_hdf = NULL;
			cs_destroy(&tmpls[i].cs);
		}
		free(tmpls[i].name);
	}
	free(tmpls);
	tmpls = NULL;
	ntmpls = 0;
	portal_lang_free();
	cat_shown = 0;
	memset(menu, 0, sizeof menu);
	nmenu = 0;
	if (menu_hdf)
		hdf_destroy(&menu_hdf);
	if (base_hdf)
		hdf_destroy(&base_hdf);
}

static HDF *req_hdf(struct portal_req *r)
{
	if (!r->hdf) {
		HDF *h;
		NEOERR *e = hdf_init(&h);
		if (e != STATUS_OK) {
			nerr_ignore(&e);
			fputs("poortwachter: out of memory\n", stderr);
			abort();
		}
		r->hdf = h;
	}
	return r->hdf;
}

void portal_set(struct portal_req *r, const char *name, const char *value)
{
	NEOERR *e = hdf_set_value(req_hdf(r), name, value ? value : "");
	if (e != STATUS_OK) {
		nerr_ignore(&e);
		portal_log(r, PORTAL_LOG_ERR, "hdf_set_value failed for %s", name);
	}
}

void *portal_node(struct portal_req *r, void *parent, const char *name)
{
	HDF *node = NULL;
	NEOERR *e = hdf_get_node(parent ? parent : req_hdf(r), name, &node);
	if (e != STATUS_OK) {
		nerr_ignore(&e);
		portal_log(r, PORTAL_LOG_ERR, "hdf_get_node failed for %s", name);
		return req_hdf(r);   /* values land somewhere harmless rather than nowhere */
	}
	return node;
}

/* A decimal number as a node name, without printf. */
static const char *num_name(char buf[24], long long v)
{
	char *p = buf + 23;
	*p = '\0';
	bool neg = v < 0;
	unsigned long long u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		*--p = '-';
	return p;
}

void *portal_node_i(struct portal_req *r, void *parent, size_t i)
{
	char buf[24];
	return portal_node(r, parent, num_name(buf, (long long)i));
}

bool portal_list_next(struct portal_req *r, struct portal_rows *rs, struct portal_list *l)
{
	int f = portal_page_next(rs, &l->pg);
	l->failed = f < 0;
	if (f != 1)
		return false;
	l->item = portal_node_i(r, l->list, l->pg.i);
	l->last = portal_col_int(rs, l->id_col);
	portal_nset_int(r, l->item, "id", l->last);
	return true;
}

void portal_nset(struct portal_req *r, void *node, const char *name, const char *value)
{
	NEOERR *e = hdf_set_value(node ? node : req_hdf(r), name, value ? value : "");
	if (e != STATUS_OK) {
		nerr_ignore(&e);
		portal_log(r, PORTAL_LOG_ERR, "hdf_set_value failed for %s", name);
	}
}

void portal_nset_at(struct portal_req *r, void *node, size_t i, const char *value)
{
	char buf[24];
	portal_nset(r, node, num_name(buf, (long long)i), value);
}

void portal_nset_int(struct portal_req *r, void *node, const char *name, long long v)
{
	char buf[24];
	portal_nset(r, node, name, num_name(buf, v));
}

void portal_setf(struct portal_req *r, const char *name, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	portal_set(r, name, buf);
}

void portal_set_int(struct portal_req *r, const char *name, long long v)
{
	portal_nset_int(r, NULL, name, v);
}

void portal_keyset_links(struct portal_req *r, const char *list, bool later, bool more, const char *key, int64_t id,
	const char *anchor)
{
	if (!anchor)
		anchor = "";
	if (more && key)
		portal_set(r, "Page.next", portal_printf(r, "%s%sak=%s&ai=%lld%s", list, strchr(list, '?') ? "&" : "?",
			portal_url_encode(r, key), (long long)id, anchor));
	if (later)
		portal_set(r, "Page.first", portal_printf(r, "%s%s", list, anchor));
}

void portal_set_own_roles(struct portal_req *r, const char *prefix)
{
	size_t n = r->sess.nroles;
	void *list = NULL;
	for (size_t i = 0; i <= n; i++) {
		const struct portal_role *ro = i < n ? r->sess.roles[i] : r->sess.profile;
		if (!ro)
			break;
		if (!list)
			list = portal_node(r, NULL, prefix);
		void *x = portal_node_i(r, list, i), *rights = NULL;
		/* the profile last, saying that it counts in the user's dossiers as far as their modules allow */
		portal_nset(r, x, "name", i < n ? ro->name[r->lang]
			: portal_fill(r, portal_text(r, "Dossiers.own_profile"), "profile", ro->name[r->lang], NULL));
		for (size_t j = 0; j < ro->nrights; j++) {
			if (!rights)
				rights = portal_node(r, x, "rights");
			portal_nset_at(r, rights, j, portal_catalogue()->rights[ro->rights[j]].label[r->lang]);
		}
	}
}

enum portal_err portal_set_checklist(struct portal_req *r, const char *prefix)
{
	struct portal_checklist c;
	enum portal_err rc = portal_org_checklist(r, &c);
	if (rc != PORTAL_OK)
		return rc;
	void *n = portal_node(r, NULL, prefix);
	portal_nset_int(r, n, "invited", c.invited);
	portal_nset_int(r, n, "admins", c.admins);
	portal_nset_int(r, n, "unconfirmed", c.unconfirmed);
	portal_nset_int(r, n, "ok", c.invited == 0 && c.admins >= 2 && c.unconfirmed == 0);
	return PORTAL_OK;
}

void portal_set_text(struct portal_req *r, const char *name, const char *key)
{
	portal_set(r, name, portal_text(r, key));
}

static NEOERR *render_out(void *ctx, char *s)
{
	struct portal_req *r = ctx;
	portal_buf_adds(&r->body, s);
	return STATUS_OK;
}

/* A refused form (a POST answered with 4xx): Req.refused (the title says "Fout:"), and for each declared field
 * Form.v.<name> (what was sent, as typed when refused), Form.invalid.<name>, and Form.errors.N {field, label,
 * message} for the summary at the top of the page and the message at the field. */
static void set_form(struct portal_req *r, int status)
{
	if (status < 400 || !r->method || strcmp(r->method, "POST") || !r->route)
		return;
	portal_set_int(r, "Req.refused", 1);
	const struct portal_field *f = r->route->fields;
	if (!r->in || !f)
		return;
	void *errors = NULL;
	size_t n = 0;
	for (size_t k = 0; f[k].name; k++) {
		const struct portal_value *v = &r->in[k];
		if (f[k].type == PF_SECRET || f[k].type == PF_FILE || f[k].type == PF_IDS)
			continue;
		if (v->s || v->typed)
			portal_set(r, portal_printf(r, "Form.v.%s", f[k].name), v->s ? v->s : v->typed);
		if (v->valid || !v->err)
			continue;
		portal_set_int(r, portal_printf(r, "Form.invalid.%s", f[k].name), 1);
		if (!errors)
			errors = portal_node(r, NULL, "Form.errors");
		void *e = portal_node_i(r, errors, n++);
		portal_nset(r, e, "field", f[k].name);
		portal_nset(r, e, "message", portal_text(r, v->err));
		const char *label = portal_text_or(r, portal_printf(r, "Field.%s", f[k].name), NULL);
		if (label)
			portal_nset(r, e, "label", label);
	}
}

/* Data every page may use: the request id, the CSRF token, the language, who is logged in. */
static void set_common(struct portal_req *r)
{
	portal_set(r, "Req.id", r->rid);
	portal_set(r, "Req.lang", portal_lang_code(r->lang));
	portal_set(r, "Req.other_lang", r->lang == PORTAL_EN ? "nl" : "en");
	portal_set(r, "Req.path", r->path ? r->path : "/");
	/* this page with its query: where the language switch returns (logged in: a form that saves the choice;
	 * otherwise a link with lang set, the rest of the query kept) */
	struct portal_buf q = { 0 };
	for (size_t i = 0; i < r->query.n; i++)
		if (strcmp(r->query.v[i].name, "lang"))
			portal_buf_addf(&q, "%s%s=%s", q.len ? "&" : "", portal_url_encode(r, r->query.v[i].name),
				portal_url_encode(r, r->query.v[i].value));
	const char *here = r->path ? r->path : "/";
	portal_set(r, "Req.here", q.len ? portal_printf(r, "%s?%s", here, q.p) : here);
	if (r->method && !strcmp(r->method, "POST")) {
		/* a page answering a form: back to the page the form was on (its path only; never another site) */
		const char *ref = portal_env(r, "HTTP_REFERER"), *at = ref ? strstr(ref, "://") : NULL;
		at = at ? strchr(at + 3, '/') : NULL;
		portal_set(r, "Req.here", at && portal_local_path_ok(at) ? at : portal_site()->start);
	}
	portal_set(r, "Req.other_link", portal_printf(r, "%s?%s%slang=%s", here, q.len ? q.p : "", q.len ? "&" : "",
		r->lang == PORTAL_EN ? "nl" : "en"));
	portal_buf_free(&q);
	if (r->csrf[0])
		portal_set(r, "Req.csrf", r->csrf);
	if (r->sess.stage == PORTAL_STAGE_FULL) {
		portal_set(r, "Session.name", r->sess.display_name);
		portal_set(r, "Session.email", r->sess.email);
		portal_set(r, "Session.org", r->sess.org_name);
		portal_set_int(r, "Session.full", 1);
		menu_set(r);
		if (r->sess.acting.org_id) {
			/* vendor staff in a customer's data: which customer, how, until when (the banner on every page) */
			portal_set_int(r, "Session.acting.org", r->sess.acting.org_id);
			portal_set_int(r, "Session.acting.allowed", r->sess.acting.allowed);
			portal_set_int(r, "Session.acting.write", r->sess.acting.write);
			portal_set_int(r, "Session.acting.bootstrap", r->sess.acting.bootstrap);
			portal_set_int(r, "Session.acting.grant", r->sess.acting.grant_id);
			if (r->sess.acting.expires_at)
				portal_set(r, "Session.acting.until", portal_when(r, r->sess.acting.expires_at));
			portal_set(r, "Session.home_org", r->sess.home_org_name);
		}
	}
	/* the support desk, in every footer (configurable) */
	portal_set(r, "Support.name", portal_cf->support_name);
	portal_set(r, "Support.phone", portal_cf->support_phone);
	portal_set(r, "Support.email", portal_cf->support_email);
	portal_set(r, "Support.hours", r->lang == PORTAL_EN && *portal_cf->support_hours_en ? portal_cf->support_hours_en
		: portal_cf->support_hours);
}

int portal_render_page(struct portal_req *r, int status, const char *error_key, const char *const *notices,
	const char *prefix, const char *view, const char *tmpl)
{
	const char *m = error_key ? NULL : portal_kv_get(&r->query, "m");
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	for (size_t i = 0; m && notices && notices[i]; i++)
		if (!strcmp(m, notices[i]))
			portal_set_text(r, "Page.notice", portal_printf(r, "%s.n_%s", prefix, m));
	if (view)
		portal_set(r, "Page.view", view);
	return portal_render(r, status, tmpl);
}

const char *portal_invalid(struct portal_req *r)
{
	const struct portal_field *f = r->route ? r->route->fields : NULL;
	for (size_t i = 0; f && r->in && f[i].name; i++)
		if (!r->in[i].valid)
			return r->in[i].err ? r->in[i].err : "Err.bad_field";
	return NULL;
}

int portal_render(struct portal_req *r, int status, const char *name)
{
	struct tmpl *t = NULL;
	for (size_t i = 0; i < ntmpls; i++)
		if (!strcmp(tmpls[i].name, name)) {
			t = &tmpls[i];
			break;
		}
	portal_buf_reset(&r->body);
	if (!t) {
		portal_log(r, PORTAL_LOG_ERR, "template %s was not loaded at start-up", name);
		r->status = 500;
		return 500;
	}
	if (r->csrf[0] == '\0')
		portal_csrf_prepare(r);
	set_common(r);
	if (strcmp(name, "error.cs"))
		set_form(r, status);
	const struct portal_catalogue *cat = portal_catalogue();
	if (cat->loads != cat_shown)
		catalogue_data(cat);
	t->cs->hdf = req_hdf(r);
	t->cs->global_hdf = portal_lang_hdf(r->lang);
	NEOERR *e = cs_render(t->cs, r, render_out);
	t->cs->hdf = base_hdf;
	t->cs->global_hdf = NULL;
	if (e != STATUS_OK) {
		char msg[400];
		portal_neo_err(e, name, msg, sizeof msg);
		portal_log(r, PORTAL_LOG_ERR, "render failed: %s", msg);
		portal_buf_reset(&r->body);
		r->status = 500;
		return 500;
	}
	r->status = status;
	r->body_set = true;
	return status;
}

int portal_error(struct portal_req *r, int status, const char *key)
{
	/* start from a clean slate: the error page shows no data of the failed handler */
	if (r->hdf) {
		HDF *h = r->hdf;
		hdf_destroy(&h);
		r->hdf = NULL;
	}
	portal_set_int(r, "Error.status", status);
	portal_set_text(r, "Error.message", key);
	portal_set_text(r, "Error.title", status >= 500 ? "Err.title_server" : "Err.title_client");
	int rc = portal_render(r, status, "error.cs");
	if (rc != status) {
		/* the template itself failed: a minimal page, still with the request id */
		portal_buf_reset(&r->body);
		portal_buf_addf(&r->body,
			"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%d</title></head>"
			"<body><h1>%d</h1><p>Request id: %s</p></body></html>\n", status, status, r->rid);
		r->status = status;
		r->body_set = true;
	}
	return status;
}

void portal_tmpl_req_free(struct portal_req *r)
{
	if (r->hdf) {
		HDF *h = r->hdf;
		hdf_destroy(&h);
		r->hdf = NULL;
	}
}

