/* authz.c: the role catalogue in memory and a request's effective rights.
 * The catalogue (rights, roles, which role gives which right) is read once per process and again only
 * when catalogue_meta.version, returned by the one authorisation query, differs from the copy's; triggers
 * bump that version on every catalogue change. So a session's rights are computed on every request from
 * its current roles (ACC-06) without a join per request. The copy holds no tenant data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portal.h"
#include "internal.h"
#include "holders.h"

static struct portal_catalogue cat;

const struct portal_catalogue *portal_catalogue(void)
{
	return &cat;
}

void portal_catalogue_free(void)
{
	for (size_t i = 0; i < cat.nrights; i++) {
		free(cat.rights[i].key);
		free(cat.rights[i].scope);
		free(cat.rights[i].module);
		free(cat.rights[i].label[0]);
		free(cat.rights[i].label[1]);
	}
	for (size_t i = 0; i < cat.nsets; i++) {
		free(cat.sets[i].key);
		free(cat.sets[i].name[0]);
		free(cat.sets[i].name[1]);
	}
	for (size_t i = 0; i < cat.nroles; i++) {
		free(cat.roles[i].key);
		free(cat.roles[i].kind);
		free(cat.roles[i].name[0]);
		free(cat.roles[i].name[1]);
		free(cat.roles[i].rights);
	}
	free(cat.rights);
	free(cat.roles);
	free(cat.sets);
	memset(&cat, 0, sizeof cat);
}

/* The catalogue outlives the request that reads it: its strings are the process' own. */
static char *col(const struct portal_rows *q, unsigned c)
{
	const char *v = portal_col(q, c);
	return portal_xstrdup(v ? v : "");
}

static size_t right_index(const struct portal_catalogue *c, int64_t id)
{
	for (size_t i = 0; i < c->nrights; i++)
		if (c->rights[i].id == id)
			return i;
	return (size_t)-1;
}

const struct portal_role *portal_role_by_id(int64_t id)
{
	for (size_t i = 0; i < cat.nroles; i++)
		if (cat.roles[i].id == id)
			return &cat.roles[i];
	return NULL;
}

/* the role catalogue, read at start and whenever catalogue_meta.version changes */
enum { CV_VERSION, CV__N };
PORTAL_SQL(sql_cat_version, CV__N,
	"SELECT version FROM catalogue_meta WHERE id = 1");

enum { CR_ID, CR_KEY, CR_SCOPE, CR_LABEL_NL, CR_LABEL_EN, CR_MODULE, CR__N };
PORTAL_SQL(sql_cat_rights, CR__N,
	"SELECT id, rkey, scope, label_nl, label_en, module FROM rights ORDER BY sort_order, id");

enum { CO_ID, CO_KEY, CO_KIND, CO_NAME_NL, CO_NAME_EN, CO_ON_REQUEST, CO_CORE, CO__N };
PORTAL_SQL(sql_cat_roles, CO__N,
	"SELECT id, rkey, kind, name_nl, name_en, on_request, core FROM roles ORDER BY sort_order, id");

enum { CRR_ROLE, CRR_RIGHT, CRR__N };
PORTAL_SQL(sql_cat_role_rights, CRR__N,
	"SELECT role_id, right_id FROM role_rights");

enum { CS_ID, CS_KEY, CS_NAME_NL, CS_NAME_EN, CS__N };
PORTAL_SQL(sql_cat_sets, CS__N,
	"SELECT id, skey, name_nl, name_en FROM role_sets ORDER BY sort_order, id");

enum { CSR_SET, CSR_ROLE, CSR__N };
PORTAL_SQL(sql_cat_set_roles, CSR__N,
	"SELECT set_id, role_id FROM role_set_roles");

/* The rights and the roles into c, in catalogue order: 0 (PORTAL_OK) or an error. */
static enum portal_err load_rights_roles(struct portal_req *r, struct portal_catalogue *c)
{
	struct portal_rows *q;
	size_t cap = 0;
	int f;
	enum portal_err rc = portal_query(r, &q, &sql_cat_rights, "");
	if (rc != PORTAL_OK)
		return rc;
	while ((f = portal_next(q)) == 1) {
		if (c->nrights == cap)
			c->rights = portal_xrealloc(c->rights, (cap = cap ? 2 * cap : 64) * sizeof *c->rights);
		struct portal_right *x = &c->rights[c->nrights++];
		memset(x, 0, sizeof *x);
		x->id = portal_col_int(q, CR_ID);
		x->key = col(q, CR_KEY);
		x->scope = col(q, CR_SCOPE);
		x->label[PORTAL_NL] = col(q, CR_LABEL_NL);
		x->label[PORTAL_EN] = col(q, CR_LABEL_EN);
		x->module = col(q, CR_MODULE);
	}
	if (f < 0 || (rc = portal_query(r, &q, &sql_cat_roles, "")) != PORTAL_OK)
		return f < 0 ? PORTAL_ERR_DB : rc;
	cap = 0;
	while ((f = portal_next(q)) == 1) {
		if (c->nroles == cap)
			c->roles = portal_xrealloc(c->roles, (cap = cap ? 2 * cap : 64) * sizeof *c->roles);
		struct portal_role *x = &c->roles[c->nroles++];
		memset(x, 0, sizeof *x);
		x->id = portal_col_int(q, CO_ID);
		x->key = col(q, CO_KEY);
		x->kind = col(q, CO_KIND);
		x->name[PORTAL_NL] = col(q, CO_NAME_NL);
		x->name[PORTAL_EN] = col(q, CO_NAME_EN);
		x->on_request = portal_col_int(q, CO_ON_REQUEST) != 0;
		x->core = portal_col_int(q, CO_CORE) != 0;
	}
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

/* The role sets (at most PORTAL_MAX_SETS: each is a bit of a role's and an organisation's mask) and which roles
 * each holds, into c. */
static enum portal_err load_sets(struct portal_req *r, struct portal_catalogue *c)
{
	struct portal_rows *q;
	int f;
	enum portal_err rc = portal_query(r, &q, &sql_cat_sets, "");
	if (rc != PORTAL_OK)
		return rc;
	c->sets = portal_xmalloc(PORTAL_MAX_SETS * sizeof *c->sets);
	while ((f = portal_next(q)) == 1) {
		if (c->nsets == PORTAL_MAX_SETS) {
			portal_log(r, PORTAL_LOG_ERR, "more than %d role sets: the rest are left out", PORTAL_MAX_SETS);
			continue;
		}
		struct portal_role_set *x = &c->sets[c->nsets++];
		x->id = portal_col_int(q, CS_ID);
		x->key = col(q, CS_KEY);
		x->name[PORTAL_NL] = col(q, CS_NAME_NL);
		x->name[PORTAL_EN] = col(q, CS_NAME_EN);
	}
	if (f < 0 || (rc = portal_query(r, &q, &sql_cat_set_roles, "")) != PORTAL_OK)
		return f < 0 ? PORTAL_ERR_DB : rc;
	while ((f = portal_next(q)) == 1) {
		int64_t set_id = portal_col_int(q, CSR_SET), role_id = portal_col_int(q, CSR_ROLE);
		for (size_t i = 0; i < c->nsets; i++)
			if (c->sets[i].id == set_id)
				for (size_t k = 0; k < c->nroles; k++)
					if (c->roles[k].id == role_id)
						c->roles[k].sets |= (uint64_t)1 << i;
	}
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

/* The rights each role gives, into c: in catalogue order, and per module change and new input imply view
 * (document 002), whatever a role lists. */
static enum portal_err load_role_rights(struct portal_req *r, struct portal_catalogue *c)
{
	struct portal_rows *q;
	int f;
	enum portal_err rc = portal_query(r, &q, &sql_cat_role_rights, "");
	if (rc != PORTAL_OK)
		return rc;
	while ((f = portal_next(q)) == 1) {
		int64_t role_id = portal_col_int(q, CRR_ROLE);
		size_t ri = right_index(c, portal_col_int(q, CRR_RIGHT));
		for (size_t i = 0; i < c->nroles && ri != (size_t)-1; i++) {
			struct portal_role *x = &c->roles[i];
			if (x->id != role_id)
				continue;
			x->rights = portal_xrealloc(x->rights, (x->nrights + 1) * sizeof *x->rights);
			x->rights[x->nrights++] = ri;
			break;
		}
	}
	if (f < 0)
		return PORTAL_ERR_DB;
	for (size_t i = 0; i < c->nrights; i++) {
		const char *k = c->rights[i].key, *dot = strrchr(k, '.');
		if (!dot || (strcmp(dot, ".change") && strcmp(dot, ".create")))
			continue;
		for (size_t j = 0; j < c->nrights; j++)
			if (!strncmp(c->rights[j].key, k, (size_t)(dot - k) + 1) && !strcmp(c->rights[j].key + (dot - k), ".view"))
				c->rights[i].implies = c->rights[j].key;
	}
	for (size_t i = 0; i < c->nroles; i++) {   /* the rights array is sorted by sort_order */
		struct portal_role *x = &c->roles[i];
		for (size_t a = 1; a < x->nrights; a++)
			for (size_t b = a; b > 0 && x->rights[b - 1] > x->rights[b]; b--) {
				size_t t = x->rights[b];
				x->rights[b] = x->rights[b - 1];
				x->rights[b - 1] = t;
			}
	}
	return PORTAL_OK;
}

static enum portal_err load(struct portal_req *r)
{
	/* the version first: a change made while reading shows up as a newer version on the next request */
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_cat_version, "");
	if (rc != PORTAL_OK)
		return rc == PORTAL_ERR_NOTFOUND ? PORTAL_ERR_DB : rc;
	struct portal_catalogue c = { 0 };
	c.version = (uint64_t)portal_col_int(q, CV_VERSION);
	if ((rc = load_rights_roles(r, &c)) == PORTAL_OK && (rc = load_sets(r, &c)) == PORTAL_OK &&
	    (rc = load_role_rights(r, &c)) == PORTAL_OK) {
		static unsigned loads;
		portal_catalogue_free();
		cat = c;
		cat.loads = ++loads;
		return PORTAL_OK;
	}
	if (rc == PORTAL_ERR_DB && r->db_failed && !portal_db_alive())
		rc = PORTAL_ERR_DB_DOWN;
	struct portal_catalogue old = cat;
	cat = c;
	portal_catalogue_free();
	cat = old;
	return rc;
}

enum portal_err portal_catalogue_ensure(struct portal_req *r, uint64_t version)
{
	if (cat.version == version && cat.version != 0)
		return PORTAL_OK;
	return load(r);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t portal_roles_parse(struct portal_req *r, const char *role_list, const struct portal_role ***out)
{
	*out = NULL;
	if (!role_list || !*role_list)
		return 0;
	size_t n = 1;
	for (const char *p = role_list; *p; p++)
		n += *p == ',';
	const struct portal_role **roles = portal_alloc(r, n * sizeof *roles);
	size_t k = 0;
	for (const char *p = role_list; *p && k < n;) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p)
			break;
		const struct portal_role *ro = portal_role_by_id(id);
		if (ro)
			roles[k++] = ro;
		p = *end == ',' ? end + 1 : end;
	}
	/* roles in catalogue order, for display */
	for (size_t a = 1; a < k; a++)
		for (size_t b = a; b > 0 && roles[b - 1] > roles[b]; b--) {
			const struct portal_role *t = roles[b];
			roles[b] = roles[b - 1];
			roles[b - 1] = t;
		}
	*out = roles;
	return k;
}

bool portal_role_has_right(const struct portal_role *ro, const char *right)
{
	for (size_t j = 0; j < ro->nrights; j++)
		if (!strcmp(cat.rights[ro->rights[j]].key, right))
			return true;
	return false;
}

const struct portal_role_set *portal_set_by_id(int64_t id)
{
	for (size_t i = 0; i < cat.nsets; i++)
		if (cat.sets[i].id == id)
			return &cat.sets[i];
	return NULL;
}

bool portal_id_in_list(const char *list, int64_t id)
{
	for (const char *p = list; p && *p;) {
		char *end;
		long long v = strtoll(p, &end, 10);
		if (end == p)
			return false;
		if (v == id)
			return true;
		p = *end == ',' ? end + 1 : end;
	}
	return false;
}

/* Sorted, distinct keys of the rights the roles give, of one scope class: organisation-wide rights
 * (dossier == false: every scope but 'dossier') or dossier rights capped by modules (dossier == true). */
static size_t collect(struct portal_req *r, const struct portal_role *const *roles, size_t k, bool dossier,
	const char *modules, const char ***out)
{
	size_t total = 0;
	for (size_t i = 0; i < k; i++)
		total += roles[i]->nrights;
	const char **keys = portal_alloc(r, (2 * total + 1) * sizeof *keys);
	size_t m = 0;
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < roles[i]->nrights; j++) {
			const struct portal_right *x = &cat.rights[roles[i]->rights[j]];
			if (dossier != !strcmp(x->scope, "dossier"))
				continue;
			if (dossier && *x->module && !portal_module_on(modules, x->module))
				continue;
			keys[m++] = x->key;
			if (x->implies)
				keys[m++] = x->implies;
		}
	qsort(keys, m, sizeof *keys, cmp_str);
	size_t w = 0;   /* two roles may give the same right */
	for (size_t i = 0; i < m; i++)
		if (w == 0 || strcmp(keys[w - 1], keys[i]))
			keys[w++] = keys[i];
	*out = keys;
	return w;
}

enum portal_err portal_rights_compute(struct portal_req *r, const char *role_list, uint64_t version)
{
	struct portal_session *s = &r->sess;
	s->roles = NULL;
	s->nroles = 0;
	s->rights = NULL;
	s->nrights = 0;
	s->profile = NULL;
	enum portal_err rc = portal_catalogue_ensure(r, version);
	if (rc != PORTAL_OK)
		return rc;
	s->org_sets = portal_sets_mask(s->org_set_ids);
	const struct portal_role **roles;
	size_t k = portal_roles_parse(r, role_list, &roles);
	/* a profile gives rights only inside a dossier; the first one counts (the dossiers program keeps one) */
	size_t w = 0;
	for (size_t i = 0; i < k; i++) {
		if (!portal_role_available(r, roles[i]))
			continue;   /* a role outside the organisation's own set gives nothing there */
		if (!strcmp(roles[i]->kind, "profile")) {
			if (!s->profile)
				s->profile = roles[i];
			continue;
		}
		roles[w++] = roles[i];
	}
	s->roles = roles;
	s->nroles = w;
	s->nrights = collect(r, roles, w, false, NULL, &s->rights);
	return PORTAL_OK;
}

bool portal_module_on(const char *modules, const char *module)
{
	size_t n = strlen(module);
	for (const char *p = modules; p && *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && !memcmp(p, module, n))
			return true;
		if (!e)
			break;
		p = e + 1;
	}
	return false;
}

void portal_dossier_compute(struct portal_req *r, int64_t dossier_id, const char *modules, bool assigned)
{
	struct portal_session *s = &r->sess;
	memset(&s->dossier, 0, sizeof s->dossier);
	if (dossier_id <= 0)
		return;   /* not the organisation's: 404 like a missing one (ACC-01) */
	bool manager = portal_has_right(r, "dossiers.manage");
	bool viewer = portal_has_right(r, "dossiers.view");
	s->dossier.id = dossier_id;
	s->dossier.modules = modules ? modules : "";
	s->dossier.assigned = assigned;
	s->dossier.visible = assigned || manager || viewer;
	const struct portal_role *prof[1] = { s->profile };
	size_t n = collect(r, prof, assigned && s->profile ? 1 : 0, true, s->dossier.modules, &s->dossier.rights);
	/* an organisation admin sets up every dossier of the organisation; dossiers.view sees every dossier's
	 * archive, reports and financial menu as far as its modules allow; documents in progress only a profile
	 * shows, when assigned */
	static const char *const views[][2] = { { "archive.view", "archive" }, { "reports.view", "reports" },
		{ "finance.view", "finance" } };
	const char **k = portal_alloc(r, (n + 4) * sizeof *k);
	memcpy(k, s->dossier.rights, n * sizeof *k);
	size_t m = n;
	if (manager)
		k[m++] = "dossier.settings";
	for (size_t i = 0; viewer && i < sizeof views / sizeof *views; i++)
		if (portal_module_on(s->dossier.modules, views[i][1]))
			k[m++] = views[i][0];
	qsort(k, m, sizeof *k, cmp_str);
	size_t w = 0;
	for (size_t i = 0; i < m; i++)
		if (w == 0 || strcmp(k[w - 1], k[i]))
			k[w++] = k[i];
	s->dossier.rights = k;
	s->dossier.nrights = w;
}

void portal_rights_add(struct portal_req *r, const char *const *keys, size_t n)
{
	struct portal_session *s = &r->sess;
	const char **k = portal_alloc(r, (s->nrights + n + 1) * sizeof *k);
	memcpy(k, s->rights, s->nrights * sizeof *k);
	memcpy(k + s->nrights, keys, n * sizeof *k);
	size_t m = s->nrights + n;
	qsort(k, m, sizeof *k, cmp_str);
	size_t w = 0;
	for (size_t i = 0; i < m; i++)
		if (w == 0 || strcmp(k[w - 1], k[i]))
			k[w++] = k[i];
	s->rights = k;
	s->nrights = w;
}

bool portal_dossier_module_off(struct portal_req *r, const char *right)
{
	const struct portal_role *prof = r->sess.profile;
	if (!prof || !r->sess.dossier.assigned)
		return false;
	for (size_t j = 0; j < prof->nrights; j++) {
		const struct portal_right *x = &cat.rights[prof->rights[j]];
		if (!strcmp(x->key, right))
			return *x->module && !portal_module_on(r->sess.dossier.modules, x->module);
	}
	return false;
}

bool portal_has_dossier_right(struct portal_req *r, const char *right)
{
	if (r->sess.stage != PORTAL_STAGE_FULL || !right || !r->sess.dossier.visible || r->sess.dossier.nrights == 0)
		return false;
	return bsearch(&right, r->sess.dossier.rights, r->sess.dossier.nrights, sizeof *r->sess.dossier.rights,
		cmp_str) != NULL;
}

bool portal_role_quota_limited(const struct portal_role *ro)
{
	return ro && portal_role_has_right(ro, PORTAL_QUOTA_RIGHT);
}

bool portal_has_right(struct portal_req *r, const char *right)
{
	if (r->sess.stage != PORTAL_STAGE_FULL || !right || r->sess.nrights == 0)
		return false;
	return bsearch(&right, r->sess.rights, r->sess.nrights, sizeof *r->sess.rights, cmp_str) != NULL;
}

bool portal_org_memo_fresh(struct portal_req *r, const struct portal_org_memo *m)
{
	return m->org_id == r->sess.org_id && m->users_version == r->sess.org_users_version &&
	       m->cat_version == cat.version;
}

void portal_org_memo_stamp(struct portal_req *r, struct portal_org_memo *m)
{
	*m = (struct portal_org_memo){ .org_id = r->sess.org_id, .users_version = r->sess.org_users_version,
		.cat_version = cat.version };
}

/* The holiday checklist's counts (document 000), kept per organisation (one slot per organisation modulo 256)
 * while its memo stands: the query reads every colleague of the organisation, the check of the memo none. */
struct checklist_slot {
	struct portal_org_memo memo;
	int64_t invited, unconfirmed, admins;
};
static struct checklist_slot checklist_cache[256];

/* the holiday checklist (document 000): open invitations, active users without a confirmed number, admins */
/* every change that could leave an organisation without an admin locks its row first (ACC-04) */
enum { OL_ID, OL_NAME, OL__N };
PORTAL_SQL(sql_org_lock, OL__N, "SELECT id, name FROM organisations WHERE id = ? FOR UPDATE");

enum portal_err portal_org_lock(struct portal_req *r, int64_t org_id)
{
	struct portal_rows *q;
	return portal_query_row(r, &q, &sql_org_lock, "i", org_id);
}

/* the organisation's active admins other than one colleague (0: all of them) */
enum { AO_COUNT, AO__N };
PORTAL_SQL(sql_admins_other, AO__N, "SELECT COUNT(DISTINCT u.id) FROM" SQL_ADMINS("?") " AND u.id <> ?");

enum portal_err portal_org_admins(struct portal_req *r, int64_t org_id, int64_t except_user, int64_t *n)
{
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_admins_other, "iii", org_id, org_id, except_user);
	*n = rc == PORTAL_OK ? portal_col_int(q, AO_COUNT) : 0;
	return rc == PORTAL_ERR_NOTFOUND ? PORTAL_ERR_DB : rc;
}

enum { CL_INVITED, CL_UNCONFIRMED, CL_ADMINS, CL__N };
PORTAL_SQL(sql_checklist, CL__N,
	"SELECT (SELECT COUNT(*) FROM users WHERE org_id = ? AND status = 'invited'),"
	" (SELECT COUNT(*) FROM users WHERE org_id = ? AND status = 'active' AND mobile_verified_at IS NULL),"
	" (SELECT COUNT(DISTINCT u.id) FROM" SQL_ADMINS("?") ")");

enum portal_err portal_org_checklist(struct portal_req *r, struct portal_checklist *out)
{
	struct checklist_slot *c = &checklist_cache[(uint64_t)r->sess.org_id % 256];
	if (!portal_org_memo_fresh(r, &c->memo)) {
		struct portal_rows *q;
		enum portal_err rc = portal_query_row(r, &q, &sql_checklist, "iiii", r->sess.org_id, r->sess.org_id,
			r->sess.org_id, r->sess.org_id);
		if (rc != PORTAL_OK)
			return rc;
		portal_org_memo_stamp(r, &c->memo);
		c->invited = portal_col_int(q, CL_INVITED);
		c->unconfirmed = portal_col_int(q, CL_UNCONFIRMED);
		c->admins = portal_col_int(q, CL_ADMINS);
	}
	*out = (struct portal_checklist){ c->invited, c->unconfirmed, c->admins };
	return PORTAL_OK;
}

uint64_t portal_sets_mask(const char *set_ids)
{
	uint64_t m = 0;
	for (const char *p = set_ids; p && *p;) {
		char *end;
		long long v = strtoll(p, &end, 10);
		if (end == p)
			break;
		for (size_t i = 0; i < cat.nsets; i++)
			if (cat.sets[i].id == v)
				m |= (uint64_t)1 << i;
		p = *end == ',' ? end + 1 : end;
	}
	return m;
}

bool portal_role_usable(const struct portal_role *ro, uint64_t sets, const char *role_ids)
{
	if (strcmp(ro->kind, "org") && strcmp(ro->kind, "profile"))
		return false;
	return (ro->core && !strcmp(ro->kind, "org")) || (ro->sets & sets) || portal_id_in_list(role_ids, ro->id);
}

bool portal_role_available(struct portal_req *r, const struct portal_role *ro)
{
	if (r->sess.org_kind && !strcmp(r->sess.org_kind, "vendor"))
		return !strcmp(ro->kind, "vendor");
	return portal_role_usable(ro, r->sess.org_sets, r->sess.org_role_ids);
}

const char *portal_usable_role_ids(struct portal_req *r)
{
	char *out = portal_alloc(r, cat.nroles * 21 + 2), *p = out;
	*p++ = ',';
	for (size_t i = 0; i < cat.nroles; i++)
		if (portal_role_available(r, &cat.roles[i]))
			p += snprintf(p, 22, "%lld,", (long long)cat.roles[i].id);
	*p = '\0';
	return out;
}

bool portal_org_may_give(struct portal_req *r, const char *right)
{
	for (size_t i = 0; i < cat.nroles; i++)
		if (portal_role_available(r, &cat.roles[i]) && portal_role_has_right(&cat.roles[i], right))
			return true;
	return false;
}

bool portal_quota_role_usable(struct portal_req *r)
{
	for (size_t i = 0; i < cat.nroles; i++)
		if (portal_role_quota_limited(&cat.roles[i]) && portal_role_available(r, &cat.roles[i]))
			return true;
	return false;
}

bool portal_may_grant(struct portal_req *r, const struct portal_role *ro)
{
	if (strcmp(ro->kind, "org") || !portal_role_available(r, ro))
		return false;   /* never a vendor role, never one outside the organisation's set (ACC-04) */
	if (r->sess.acting.org_id) {
		/* the support desk under a write grant (or bootstrap) gives and takes the customer's roles, but never
		 * an administrator's: who administers the organisation, and who may let support in, stays the
		 * customer's own decision (bootstrap invites the first admin from /orgs) */
		if (!r->sess.acting.allowed || !r->sess.acting.write)
			return false;
		return !portal_role_has_right(ro, "users.manage") && !portal_role_has_right(ro, "support.grant");
	}
	/* the tenant's admin is its top authority (document 002): every role of the organisation's set, the admin
	 * role included, whatever rights the admin holds; the quota still limits Incidentenbeheer (quota.c) */
	return portal_has_right(r, "users.manage");
}

/* The vendor's staff, or an admin of an organisation that requires the app of its admins (AUTH-08). Read
 * from the roles, so that it holds in the pending stage of a login as well. */
static bool app_mandatory(struct portal_req *r)
{
	if (r->sess.staff)
		return true;
	if (!r->sess.org_admins_need_app)
		return false;
	for (size_t i = 0; i < r->sess.nroles; i++)
		if (portal_role_has_right(r->sess.roles[i], "users.manage"))
			return true;
	return false;
}

bool portal_app_required(struct portal_req *r)
{
	return !r->sess.has_totp && app_mandatory(r);
}

bool portal_app_only(struct portal_req *r)
{
	return r->sess.has_totp && app_mandatory(r);
}
