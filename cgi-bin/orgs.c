/* orgs.c: Organisaties, the vendor's side (orgs.manage; issue 6, documents 000, 002 and 004).
 *  - GET  /orgs          the customers by name (search, keyset pages): size class, active admins (marked when 0
 *                        or 1: "keep a second admin"), quota use, open incidents, last contact-data check;
 *  - GET  /orgs/new      the form for a new customer: its size class, its role sets and on-request roles, and
 *                        its first admin;
 *  - POST /orgs          a recent login: the new customer, its first admin invited by e-mail (72 hours);
 *  - GET  /orgs/#        one customer's facts and the roles it may use; while it has no active admin of its own
 *                        (bootstrap, document 002) also its invited admins, with "invite again" and "invite
 *                        another admin";
 *  - POST /orgs/#/roles  a recent login: the customer's role sets and single on-request roles; a role it may no
 *                        longer use is taken from its holders there in the same transaction, each audited;
 *  - POST /orgs/#/experts a recent login: certify a colleague of the customer, named by e-mail address, as a
 *                        specialist (document 001: they do not count toward the incident-submitter quota), or
 *                        withdraw it; only the vendor does (the customer sees it read-only);
 *  - POST /orgs/#/admins a recent login, only while no admin is active: invite an(other) admin, or again.
 * The moment the first admin activates, the vendor sees no people of the customer any more: only these
 * counts (ACC-07). Every change is audited in the customer's own log. */
#include <string.h>

#include "portal.h"
#include "site.h"
#include "holders.h"

#define PAGE 50

enum { LF_Q, LF_AK, LF_AI, LF_M };
static const struct portal_field list_fields[] = {
	{ "q", PF_LINE, 0, 0, 100, NULL },
	{ "ak", PF_LINE, 0, 0, 200, NULL },
	{ "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "m", PF_ENUM, 0, 0, 0, (const char *const[]){ "created", "invited", "roles", "roles_taken", "expert_set",
		"expert_cleared", "expert_over", NULL } },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { NF_NAME, NF_CLASS, NF_GIVEN, NF_FAMILY, NF_EMAIL, NF_MOBILE, NF_ROLE, NF_SET, NF_ONCE };
static const struct portal_field new_fields[] = {
	[NF_NAME] = { "name", PF_LINE, PF_REQUIRED, 2, 200, NULL },
	[NF_CLASS] = { "size_class", PF_INT, PF_REQUIRED, 1, 255, NULL },
	[NF_GIVEN] = { "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	[NF_FAMILY] = { "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	[NF_EMAIL] = { "email", PF_EMAIL, PF_REQUIRED, 3, 254, NULL },
	[NF_MOBILE] = { "mobile", PF_PHONE, PF_REQUIRED, 0, 0, NULL },
	[NF_ROLE] = { "role", PF_IDS, 0, 0, 50, NULL },             /* single roles switched on (on-request ones) */
	[NF_SET] = { "set", PF_IDS, 0, 0, PORTAL_MAX_SETS, NULL }, /* role sets */
	[NF_ONCE] = { "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { RF_ROLE, RF_SET };
static const struct portal_field roles_fields[] = {
	[RF_ROLE] = { "role", PF_IDS, 0, 0, 50, NULL },
	[RF_SET] = { "set", PF_IDS, 0, 0, PORTAL_MAX_SETS, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const char *const expert_actions[] = { "certify", "clear", NULL };
enum { XF_EMAIL, XF_DATE, XF_ACTION };
static const struct portal_field expert_fields[] = {
	[XF_EMAIL] = { "email", PF_EMAIL, PF_REQUIRED, 3, 254, NULL },
	[XF_DATE] = { "date", PF_DATE, 0, 0, 0, NULL },               /* of the certification; required to certify */
	[XF_ACTION] = { "action", PF_ENUM, PF_REQUIRED, 0, 0, expert_actions },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { AF_GIVEN, AF_FAMILY, AF_EMAIL, AF_MOBILE, AF_AGAIN, AF_ONCE };
static const struct portal_field admin_fields[] = {
	[AF_GIVEN] = { "given_name", PF_LINE, 0, 1, 100, NULL },
	[AF_FAMILY] = { "family_name", PF_LINE, 0, 1, 100, NULL },
	[AF_EMAIL] = { "email", PF_EMAIL, 0, 3, 254, NULL },
	[AF_MOBILE] = { "mobile", PF_PHONE, 0, 0, 0, NULL },
	[AF_AGAIN] = { "again", PF_INT, 0, 1, INT64_MAX, NULL },   /* an invited admin to invite again */
	[AF_ONCE] = { "once", PF_DIGITS, 0, 32, 32, NULL },       /* the another-admin form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* the vendor's list of customers: admins, quota use, open incidents (kept by triggers, sql/021), last contact
 * check; by name, keyset; the counts from org_counts while fresh (SQL_COUNTED). One customer's summary always
 * counts the admins and submitters: bootstrap and the invitations decide on it. */
#define ORG_FACTS(ADMINS_N, SUBMITTERS_N, MORE, FROM)                                                      \
	"SELECT o.id, o.name, o.size_class, " ADMINS_N ", " SUBMITTERS_N ","                                    \
	" COALESCE(o.quota_override, qc.max_submitters, 0),"                                                    \
	" o.open_incidents, o.contact_checked_at, o.created_at" MORE FROM                                      \
	" LEFT JOIN quota_classes qc ON qc.size_class = o.size_class WHERE o.kind = 'customer'"
enum { OF_ID, OF_NAME, OF_CLASS, OF_ADMINS, OF_SUBMITTERS, OF_MAX, OF_OPEN, OF_CHECKED, OF_CREATED, OF__N,
	/* the list's: which counts were kept, and the versions they were counted at */
	OF_FRESH = OF__N, OF_USERS_VERSION, OF_CAT_VERSION, OF_LIST__N,
	/* the summary's: the customer's role sets and single roles */
	OF_SET_IDS = OF__N, OF_ROLE_IDS, OF_SUMMARY__N };
PORTAL_SQL(sql_list, OF_LIST__N,
	ORG_FACTS(SQL_COUNTED("admins", SQL_ADMINS("o.id")), SQL_COUNTED("submitters", SQL_SUBMITTERS("o.id")),
	SQL_COUNTS_TAIL, SQL_COUNTS_FROM)
	" AND (? IS NULL OR o.name LIKE ?) AND (? IS NULL OR o.name > ? OR (o.name = ? AND o.id > ?))"
	" ORDER BY o.name, o.id LIMIT ?");
PORTAL_SQL(sql_summary, OF_SUMMARY__N,
	ORG_FACTS(SQL_COUNT_NOW(SQL_ADMINS("o.id")), SQL_COUNT_NOW(SQL_SUBMITTERS("o.id")), ", o.set_ids, o.role_ids",
	" FROM organisations o")
	" AND o.id = ?");

/* A customer's facts (a row of sql_list or sql_summary) into node x. */
static void facts(struct portal_req *r, const struct portal_rows *st, void *x)
{
	portal_nset_int(r, x, "id", portal_col_int(st, OF_ID));
	portal_nset(r, x, "name", portal_col(st, OF_NAME));
	portal_nset_int(r, x, "size_class", portal_col_int(st, OF_CLASS));
	int64_t admins = portal_col_int(st, OF_ADMINS);
	portal_nset_int(r, x, "admins", admins);
	portal_nset_int(r, x, "few_admins", admins < 2);
	portal_nset(r, x, "quota", portal_printf(r, "%lld / %lld", (long long)portal_col_int(st, OF_SUBMITTERS),
		(long long)portal_col_int(st, OF_MAX)));
	portal_nset_int(r, x, "open", portal_col_int(st, OF_OPEN));
	portal_nset(r, x, "checked", portal_col_null(st, OF_CHECKED) ? portal_text(r, "Orgs.never")
		: portal_when(r, portal_col_int(st, OF_CHECKED)));
}

/* The role sets and the single roles a customer may be given: Page.sets.N (id, name, roles: what the set holds,
 * on: chosen) and Page.roles.N (id, name, on) for the roles switched on by request and any other role switched on
 * for this customer. sets, role_ids: what is chosen. */
static void role_choice(struct portal_req *r, uint64_t sets, const char *role_ids)
{
	const struct portal_catalogue *cat = portal_catalogue();
	void *l = portal_node(r, NULL, "Page.sets");
	for (size_t i = 0; i < cat->nsets; i++) {
		void *x = portal_node_i(r, l, i);
		portal_nset_int(r, x, "id", cat->sets[i].id);
		portal_nset(r, x, "name", cat->sets[i].name[r->lang]);
		struct portal_buf b = { 0 };
		for (size_t k = 0; k < cat->nroles; k++)
			if (cat->roles[k].sets & (uint64_t)1 << i)
				portal_buf_addf(&b, "%s%s", b.len ? ", " : "", cat->roles[k].name[r->lang]);
		portal_nset(r, x, "roles", b.len ? portal_buf_str(&b) : "");
		portal_buf_free(&b);
		if (sets & (uint64_t)1 << i)
			portal_nset(r, x, "on", "1");
	}
	l = portal_node(r, NULL, "Page.roles");
	for (size_t i = 0, k = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		bool on = portal_id_in_list(role_ids, ro->id);
		if (!on && (!ro->on_request || !strcmp(ro->kind, "vendor")))
			continue;
		void *x = portal_node_i(r, l, k++);
		portal_nset_int(r, x, "id", ro->id);
		portal_nset(r, x, "name", ro->name[r->lang]);
		if (on)
			portal_nset(r, x, "on", "1");
	}
}

/* A form's role sets and single roles, checked: known sets; roles switched on by request, or already switched
 * on for this customer (role_ids). Returns the error key, or NULL; *sets the chosen sets as a mask. */
static const char *role_choice_check(const struct portal_value *set, const struct portal_value *role,
	const char *role_ids, uint64_t *sets)
{
	*sets = 0;
	if (!set->valid || !role->valid)
		return "Err.bad_field";
	for (size_t i = 0; i < set->nids; i++) {
		const struct portal_role_set *x = portal_set_by_id(set->ids[i]);
		if (!x)
			return "Orgs.bad_set";
		*sets |= (uint64_t)1 << (x - portal_catalogue()->sets);
	}
	for (size_t i = 0; i < role->nids; i++) {
		const struct portal_role *ro = portal_role_by_id(role->ids[i]);
		if (!ro || !strcmp(ro->kind, "vendor") || (!ro->on_request && !portal_id_in_list(role_ids, ro->id)))
			return "Catalogue.not_on_request";
	}
	return NULL;
}

static enum portal_err size_classes(struct portal_req *r)
{
	struct portal_size_classes all;
	enum portal_err rc = portal_size_classes(r, &all, NULL);
	void *cl = portal_node(r, NULL, "Page.classes");
	for (size_t i = 0; i < all.n; i++) {
		void *x = portal_node_i(r, cl, i);
		portal_nset_int(r, x, "id", all.c[i].id);
		portal_nset(r, x, "label", all.c[i].label);
	}
	return rc;
}

/* The customers, a page of PAGE by name. */
static int list_page(struct portal_req *r, int status, const char *error_key)
{
	const struct portal_value *q = &r->in[LF_Q], *ak = &r->in[LF_AK], *ai = &r->in[LF_AI];
	const char *like = q->valid ? portal_like_pattern(r, q->s) : NULL;
	const char *key = ak->valid && ai->valid && ak->s && ai->s ? ak->s : NULL;
	int64_t id = key ? ai->i : 0;
	struct portal_rows *st;
	if (portal_query(r, &st, &sql_list, "sssssii", like, like, key, key, key, id, (int64_t)(PAGE + 1)) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.orgs");
	static const struct portal_org_count_cols cols = { OF_ID, OF_ADMINS, OF_SUBMITTERS, OF_FRESH, OF_USERS_VERSION,
		OF_CAT_VERSION };
	struct portal_org_counts counted = { 0 };   /* rows whose counts org_counts did not hold (sql/020) */
	struct portal_page pg = { .size = PAGE };
	const char *last_name = NULL;
	int64_t last_id = 0;
	int f;
	while ((f = portal_org_page_next(st, &pg, &counted, &cols)) == 1) {
		facts(r, st, portal_node_i(r, list, pg.i));
		last_name = portal_strdup(r, portal_col(st, OF_NAME));
		last_id = portal_col_int(st, OF_ID);
	}
	if (f < 0)
		return 503;
	portal_org_counts_store(r, &counted);
	portal_keyset_links(r, like ? portal_printf(r, "/orgs?q=%s", portal_url_encode(r, q->s)) : "/orgs", key != NULL, pg.more,
		last_name, last_id, NULL);
	portal_set(r, "Page.q", like ? q->s : NULL);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	else {
		const char *m = portal_kv_get(&r->query, "m");
		if (m && !strcmp(m, "created"))
			portal_set_text(r, "Page.notice", "Orgs.n_created");
	}
	portal_set(r, "Page.view", "list");
	return portal_render(r, status, "orgs.cs");
}

/* The form for a new customer. form: it answers a failed POST /orgs, whose fields r->in holds, and shows what
 * was entered. */
static int new_page(struct portal_req *r, int status, const char *error_key, const char *field, bool form)
{
	uint64_t sets = 0;
	const char *roles = "";
	if (form) {
		for (int i = NF_NAME; i <= NF_MOBILE; i++)
			if (i != NF_CLASS)
				portal_set(r, portal_printf(r, "Page.v.%s", new_fields[i].name), r->in[i].s);
		if (r->in[NF_CLASS].valid && r->in[NF_CLASS].s)
			portal_set_int(r, "Page.v.size_class", r->in[NF_CLASS].i);
		struct portal_buf b = { 0 };
		for (size_t i = 0; r->in[NF_ROLE].valid && i < r->in[NF_ROLE].nids; i++)
			portal_buf_addf(&b, "%s%lld", b.len ? "," : "", (long long)r->in[NF_ROLE].ids[i]);
		roles = portal_strdup(r, b.len ? portal_buf_str(&b) : "");
		portal_buf_free(&b);
		for (size_t i = 0; r->in[NF_SET].valid && i < r->in[NF_SET].nids; i++) {
			const struct portal_role_set *x = portal_set_by_id(r->in[NF_SET].ids[i]);
			if (x)
				sets |= (uint64_t)1 << (x - portal_catalogue()->sets);
		}
	}
	role_choice(r, sets, roles);
	if (size_classes(r) != PORTAL_OK)
		return 503;
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	if (field)
		portal_set(r, "Page.error_field", field);
	portal_set(r, "Page.view", "new");
	portal_set(r, "Page.once", portal_once_token(r));
	return portal_render(r, status, "orgs.cs");
}

/* GET /orgs/new — orgs.manage. Out: 200 the form; 303 to re-authentication when the login is older than 15
 * minutes (creating a customer needs a recent one). */
static int new_form(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/orgs/new");
	return new_page(r, 200, NULL, NULL, false);
}

enum { CL_ID, CL_NAME, CL_ROLE_IDS, CL_SET_IDS, CL__N };
PORTAL_SQL(sql_customer_lock, CL__N,
	"SELECT id, name, role_ids, set_ids FROM organisations WHERE id = ? AND kind = 'customer' FOR UPDATE");

/* Begins the transaction of a change to the customer of the path, its row locked into *row: 0, or the status to
 * answer (404 not a customer, 503), the transaction then rolled back. */
static int customer_locked(struct portal_req *r, struct portal_rows **row)
{
	if (portal_db_begin(r) != PORTAL_OK)
		return 503;
	return portal_row_or_404(r, row, &sql_customer_lock, "i", r->path_id);
}

/* GET /orgs — orgs.manage. In: q, ak/ai (cursor), m. Out: 200. */
static int index_page(struct portal_req *r)
{
	for (int i = LF_Q; i <= LF_AI; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	return list_page(r, 200, NULL);
}

PORTAL_SQL(sql_admin_role, 0,
	"INSERT INTO user_roles (user_id, role_id, granted_by, granted_at) SELECT ?, id, ?, ? FROM roles WHERE rkey = 'beheerder'");

/* Invites an admin (new user with the Beheerder role) in the caller's transaction. */
static enum portal_err invite_admin(struct portal_req *r, int64_t org, const char *org_name, const char *given,
	const char *family, const char *email, const char *mobile, int64_t *uid)
{
	struct portal_new_colleague nc = { email, given, "", family, mobile, "nl" };
	enum portal_err rc = portal_colleague_insert(r, org, &nc, uid);
	if (rc != PORTAL_OK)
		return rc;
	struct portal_person who = { *uid, org, email, given, "nl", org_name };
	if ((rc = portal_exec(r, &sql_admin_role, NULL, "iii", *uid, r->sess.user_id, r->now)) != PORTAL_OK ||
	    (rc = portal_send_invite(r, &who)) != PORTAL_OK)
		return rc;
	return portal_audit(r, "user_added", org, *uid, portal_printf(r, "admin %s invited by the vendor", email));
}

PORTAL_SQL(sql_role_add, 0,
	"INSERT IGNORE INTO org_roles (org_id, role_id, enabled_by, enabled_at) VALUES (?, ?, ?, ?)");

PORTAL_SQL(sql_role_del, 0,
	"DELETE FROM org_roles WHERE org_id = ? AND role_id = ?");

PORTAL_SQL(sql_set_add, 0,
	"INSERT IGNORE INTO org_role_sets (org_id, set_id, enabled_by, enabled_at) VALUES (?, ?, ?, ?)");

PORTAL_SQL(sql_set_del, 0,
	"DELETE FROM org_role_sets WHERE org_id = ? AND set_id = ?");

/* In the caller's transaction: gives customer org the role sets `sets` (a mask) and the single roles `want`
 * instead of those it has (had_sets, had_roles), each change audited in its own log; the grants of roles it
 * may no longer use are taken from their holders (*taken). */
static enum portal_err apply_roles(struct portal_req *r, int64_t org, uint64_t had_sets, const char *had_roles,
	uint64_t sets, const struct portal_value *want, uint64_t *taken)
{
	const struct portal_catalogue *cat = portal_catalogue();
	enum portal_err rc = PORTAL_OK;
	*taken = 0;
	for (size_t i = 0; i < cat->nsets && rc == PORTAL_OK; i++) {
		uint64_t bit = (uint64_t)1 << i;
		const struct portal_role_set *x = &cat->sets[i];
		if ((sets & bit) && !(had_sets & bit)) {
			if ((rc = portal_exec(r, &sql_set_add, NULL, "iiii", org, x->id, r->sess.user_id, r->now)) == PORTAL_OK)
				rc = portal_audit(r, "org_set_enabled", org, 0, portal_printf(r, "role set %s given by the vendor", x->key));
		} else if (!(sets & bit) && (had_sets & bit)) {
			if ((rc = portal_exec(r, &sql_set_del, NULL, "ii", org, x->id)) == PORTAL_OK)
				rc = portal_audit(r, "org_set_disabled", org, 0, portal_printf(r, "role set %s taken away by the vendor",
					x->key));
		}
	}
	for (size_t i = 0; i < cat->nroles && rc == PORTAL_OK; i++) {
		const struct portal_role *ro = &cat->roles[i];
		bool on = false, had = portal_id_in_list(had_roles, ro->id);
		for (size_t k = 0; k < want->nids; k++)
			on |= want->ids[k] == ro->id;
		if (on && !had) {
			if ((rc = portal_exec(r, &sql_role_add, NULL, "iiii", org, ro->id, r->sess.user_id, r->now)) == PORTAL_OK)
				rc = portal_audit(r, "org_role_enabled", org, 0, portal_printf(r, "%s switched on by the vendor", ro->key));
		} else if (!on && had) {
			if ((rc = portal_exec(r, &sql_role_del, NULL, "ii", org, ro->id)) == PORTAL_OK)
				rc = portal_audit(r, "org_role_disabled", org, 0, portal_printf(r, "%s switched off by the vendor", ro->key));
		}
	}
	if (rc == PORTAL_OK && (sets != had_sets || want->nids || (had_roles && *had_roles)))
		rc = portal_roles_strip_unusable(r, org, 0, "not in the organisation's roles any more: changed by the vendor",
			taken);
	return rc;
}

PORTAL_SQL(sql_customer_insert, 0,
	"INSERT INTO organisations (kind, name, size_class, created_at) VALUES ('customer', ?, ?, ?)");

/* POST /orgs — orgs.manage, CSRF, a recent login. In: name, size_class, set (its role sets, at least one), role
 * (on-request roles to switch on), the first admin's given_name, family_name, email and mobile, once (the same
 * form again: 303 to the customer it made, DI-02). Out: 303 to the new customer; 409 the address has an
 * account; 422 (the form again, as it was filled in). */
static int create(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/orgs/new");
	for (size_t i = 0; new_fields[i].name; i++)   /* the first wrong field, named for the focus */
		if (!r->in[i].valid)
			return new_page(r, 422, r->in[i].err, new_fields[i].name, true);
	uint64_t sets;
	const char *bad = role_choice_check(&r->in[NF_SET], &r->in[NF_ROLE], "", &sets);
	if (bad)
		return new_page(r, 422, bad, "set", true);
	if (!sets)
		return new_page(r, 422, "Orgs.no_set", "set", true);
	struct portal_size_classes all;
	if (portal_size_classes(r, &all, NULL) != PORTAL_OK)
		return 503;
	if (!portal_size_class(&all, r->in[NF_CLASS].i))
		return new_page(r, 422, "Quota.bad_class", "size_class", true);
	const char *once = r->in[NF_ONCE].s;
	int seen = portal_once_seen(r, once);   /* this form made the customer before (a double click, a retry) */
	if (seen)
		return seen;
	enum portal_err rc;
	int64_t org, uid;
	uint64_t taken;
	const char *name = r->in[NF_NAME].s;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_wrote w;
	if ((rc = portal_exec(r, &sql_customer_insert, &w, "sii", name, r->in[NF_CLASS].i, r->now)) != PORTAL_OK)
		return portal_failed(r, rc);
	org = w.id;
	if ((rc = portal_audit(r, "org_created", org, 0, portal_printf(r, "\"%s\", size class %lld", name,
		     (long long)r->in[NF_CLASS].i))) != PORTAL_OK ||
	    (rc = apply_roles(r, org, 0, "", sets, &r->in[NF_ROLE], &taken)) != PORTAL_OK)
		return portal_failed(r, rc);
	rc = invite_admin(r, org, name, r->in[NF_GIVEN].s, r->in[NF_FAMILY].s, r->in[NF_EMAIL].s, r->in[NF_MOBILE].s, &uid);
	if (rc == PORTAL_ERR_DUP) {   /* the address has an account: made by a copy of this form that committed first? */
		portal_db_rollback(r);
		return (seen = portal_once_seen(r, once)) ? seen : new_page(r, 409, "Users.email_taken", "email", true);
	}
	const char *done = portal_printf(r, "/orgs/%lld?m=created", (long long)org);
	if (rc == PORTAL_OK && (rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);
	return portal_done(r, rc, done);
}

/* bootstrap (document 002): the invited admins of an organisation that has no active one yet */
enum { IA_ID, IA_EMAIL, IA_GIVEN, IA_PREFIX, IA_FAMILY, IA_LANG, IA__N };
PORTAL_SQL(sql_invited_admins, IA__N,
	"SELECT DISTINCT u.id, u.email, u.given_name, u.name_prefix, u.family_name, u.lang FROM"
	SQL_HOLDERS("users.manage", "?") " AND u.status = 'invited' ORDER BY u.id LIMIT 50");

/* a customer's certified experts, for the vendor that certified them: their address and date only */
enum { EX_ID, EX_EMAIL, EX_CERTIFIED, EX__N };
PORTAL_SQL(sql_experts, EX__N,
	"SELECT id, email, certified_at FROM users WHERE org_id = ? AND certified_expert = 1 AND status <> 'removed'"
	" ORDER BY email, id LIMIT 200");

static int org_page(struct portal_req *r, int status, const char *error_key)
{
	struct portal_rows *sum;
	int answer = portal_row_or_404(r, &sum, &sql_summary, "i", r->path_id);
	if (answer)
		return answer;
	void *o = portal_node(r, NULL, "Page.org");
	facts(r, sum, o);
	const char *set_ids = portal_col(sum, OF_SET_IDS);
	const char *role_ids = portal_col(sum, OF_ROLE_IDS);
	bool bootstrap = portal_col_int(sum, OF_ADMINS) == 0;
	portal_set_int(r, "Page.bootstrap", bootstrap);
	struct portal_rows *q;
	if (bootstrap) {   /* no admin of its own yet: the vendor may see and invite its admins (document 002) */
		if (portal_query(r, &q, &sql_invited_admins, "ii", r->path_id, r->path_id) != PORTAL_OK)
			return 503;
		void *l = portal_node(r, NULL, "Page.invited");
		int f;
		size_t n = 0;
		while ((f = portal_next(q)) == 1) {
			void *x = portal_node_i(r, l, n++);
			portal_nset_int(r, x, "id", portal_col_int(q, IA_ID));
			portal_nset(r, x, "email", portal_col(q, IA_EMAIL));
			portal_nset(r, x, "name", portal_full_name(r, portal_col(q, IA_GIVEN),
				portal_col(q, IA_PREFIX), portal_col(q, IA_FAMILY)));
		}
		if (f < 0)
			return 503;
	}
	role_choice(r, portal_sets_mask(set_ids), role_ids);
	/* the specialists the vendor certified at this customer: their address and date only (ACC-07) */
	if (portal_query(r, &q, &sql_experts, "i", r->path_id) != PORTAL_OK)
		return 503;
	void *xl = portal_node(r, NULL, "Page.experts");
	int xf;
	for (size_t n = 0; (xf = portal_next(q)) == 1; n++) {
		void *x = portal_node_i(r, xl, n);
		portal_nset(r, x, "email", portal_col(q, EX_EMAIL));
		if (!portal_col_null(q, EX_CERTIFIED))
			portal_nset(r, x, "since", portal_day(r, portal_col_int(q, EX_CERTIFIED)));
	}
	if (xf < 0)
		return 503;
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	else {
		const char *m = portal_kv_get(&r->query, "m");
		static const char *const shown[] = { "created", "invited", "roles", "roles_taken", "expert_set",
			"expert_cleared", "expert_over" };
		for (size_t i = 0; m && i < sizeof shown / sizeof *shown; i++)
			if (!strcmp(m, shown[i]))
				portal_set_text(r, "Page.notice", portal_printf(r, "Orgs.n_%s", m));
	}
	portal_set(r, "Page.view", "org");
	portal_set(r, "Page.once", portal_once_token(r));   /* on the another-admin form only */
	return portal_render(r, status, "orgs.cs");
}

/* GET /orgs/# — orgs.manage. Out: 200; 404 not a customer. */
static int view(struct portal_req *r)
{
	return org_page(r, 200, NULL);
}

/* POST /orgs/#/roles — orgs.manage, CSRF, a recent login. In: set (the customer's role sets), role (the single
 * roles switched on: on-request ones, or one switched on before). A role the customer may no longer use is taken
 * from every colleague holding it there, in the same transaction, each audited in the customer's log; a change
 * that would leave the customer without an active admin is refused. Out: 303 back; 404 not a customer; 409 no
 * admin left; 422 an unknown set or a role that is not switched on by request. */
static int roles(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, portal_printf(r, "/orgs/%lld", (long long)r->path_id));
	enum portal_err rc;
	struct portal_rows *c;
	int st = customer_locked(r, &c);
	if (st)
		return st;
	const char *had_roles = portal_col(c, CL_ROLE_IDS);
	uint64_t had_sets = portal_sets_mask(portal_col(c, CL_SET_IDS)), sets, taken;
	const char *bad = role_choice_check(&r->in[RF_SET], &r->in[RF_ROLE], had_roles, &sets);
	if (bad) {
		portal_db_rollback(r);
		return org_page(r, 422, bad);
	}
	int64_t admins, admins_after;
	if ((rc = portal_org_admins(r, r->path_id, 0, &admins)) != PORTAL_OK)
		return portal_failed(r, rc);
	if ((rc = apply_roles(r, r->path_id, had_sets, had_roles, sets, &r->in[RF_ROLE], &taken)) != PORTAL_OK ||
	    (rc = portal_org_admins(r, r->path_id, 0, &admins_after)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (admins > 0 && admins_after == 0) {
		portal_db_rollback(r);
		return org_page(r, 409, "Orgs.would_lose_admin");
	}
	return portal_done(r, PORTAL_OK, portal_printf(r, "/orgs/%lld?m=%s#roles", (long long)r->path_id,
		taken ? "roles_taken" : "roles"));
}

enum { UE_ID, UE_EXPERT, UE_STATUS, UE_ROLE_IDS, UE__N };
PORTAL_SQL(sql_user_by_email, UE__N,
	"SELECT id, certified_expert, status, role_ids FROM users WHERE org_id = ? AND email = ? AND status <> 'removed'"
	" FOR UPDATE");

PORTAL_SQL(sql_set_expert, 0,
	"UPDATE users SET certified_expert = ?, certified_at = ?, certified_by = ? WHERE id = ?");

/* POST /orgs/#/experts — orgs.manage, CSRF, a recent login. In: email (a colleague of this customer), action
 * (certify, with date: the day of certification; or clear). Certified, the colleague no longer counts toward the
 * incident-submitter quota; withdrawn, they count again, and a customer that is then over its maximum is flagged
 * (as when the vendor lowers a maximum: nobody loses a role). Audited in the customer's log. Out: 303 back; 404 not
 * a customer; 422 no such colleague, or no date. */
static int experts(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, portal_printf(r, "/orgs/%lld", (long long)r->path_id));
	const char *bad = portal_invalid(r);
	if (bad)
		return org_page(r, 422, bad);
	bool certify = r->in[XF_ACTION].i == 0;
	if (certify && (!r->in[XF_DATE].present || r->in[XF_DATE].i > r->now))
		return org_page(r, 422, "Orgs.expert_date_needed");
	const char *email = r->in[XF_EMAIL].s;
	enum portal_err rc;
	struct portal_quota q;
	struct portal_rows *c;
	int st = customer_locked(r, &c);
	if (st)
		return st;
	struct portal_rows *u;
	if ((rc = portal_query_row(r, &u, &sql_user_by_email, "is", r->path_id, email)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? org_page(r, 422, "Orgs.no_such_colleague") : 503;
	}
	int64_t uid = portal_col_int(u, UE_ID);
	bool was = portal_col_int(u, UE_EXPERT) != 0;
	if ((rc = portal_exec(r, &sql_set_expert, NULL, "iIIi", (int64_t)certify, certify ? r->in[XF_DATE].i : 0,
		     certify ? r->sess.user_id : 0, uid)) != PORTAL_OK ||
	    (rc = portal_quota_lock(r, r->path_id, 0, &q)) != PORTAL_OK ||
	    (rc = portal_quota_flag(r, r->path_id, q.used > q.max)) != PORTAL_OK ||
	    (rc = portal_audit(r, certify ? "expert_certified" : "expert_cleared", r->path_id, uid, certify
		     ? portal_printf(r, "%s certified as a specialist by the vendor on %s%s", email, r->in[XF_DATE].s,
			     was ? " (again)" : "")
		     : portal_printf(r, "certification of %s withdrawn by the vendor; incident submitters in use %lld of %lld",
			     email, (long long)q.used, (long long)q.max))) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, portal_printf(r, "/orgs/%lld?m=%s#experts", (long long)r->path_id, certify ? "expert_set"
		: q.used > q.max ? "expert_over" : "expert_cleared"));
}

/* POST /orgs/#/admins — orgs.manage, CSRF, a recent login, only while the customer has no active admin.
 * In: again (an invited admin: a new link, the old one void) or given_name, family_name, email, mobile and once
 * (another admin; that form sent again goes to the first one's result, DI-02). Out: 303; 404; 409 the customer
 * has its own admin (the vendor's bootstrap access has ended); 422. */
static int admins(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, portal_printf(r, "/orgs/%lld", (long long)r->path_id));
	const char *bad = portal_invalid(r);
	if (bad)
		return org_page(r, 422, bad);
	const char *once = r->in[AF_AGAIN].present ? NULL : r->in[AF_ONCE].s;
	const char *done = portal_printf(r, "/orgs/%lld?m=invited", (long long)r->path_id);
	int seen = portal_once_seen(r, once);   /* this form invited the admin before (a double click, a retry) */
	if (seen)
		return seen;
	enum portal_err rc;
	struct portal_rows *c;
	int st = customer_locked(r, &c);
	if (st)
		return st;
	const char *org_name = portal_col(c, CL_NAME);
	struct portal_rows *sum;
	if ((rc = portal_query_row(r, &sum, &sql_summary, "i", r->path_id)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (portal_col_int(sum, OF_ADMINS) > 0) {
		portal_db_rollback(r);
		return org_page(r, 409, "Orgs.has_admin");
	}
	int64_t uid = 0;
	if (r->in[AF_AGAIN].present) {
		bool found = false;
		const char *email = NULL, *given = NULL, *lang = NULL;
		struct portal_rows *q;
		if ((rc = portal_query(r, &q, &sql_invited_admins, "ii", r->path_id, r->path_id)) != PORTAL_OK)
			return portal_failed(r, rc);
		while (portal_next(q) == 1)
			if (portal_col_int(q, IA_ID) == r->in[AF_AGAIN].i) {
				found = true;
				email = portal_strdup(r, portal_col(q, IA_EMAIL));
				given = portal_strdup(r, portal_col(q, IA_GIVEN));
				lang = portal_strdup(r, portal_col_null(q, IA_LANG) ? "nl" : portal_col(q, IA_LANG));
			}
		if (!found) {
			portal_db_rollback(r);
			return portal_error(r, 404, "Err.not_found");
		}
		uid = r->in[AF_AGAIN].i;
		struct portal_person who = { uid, r->path_id, email, given, lang, org_name };
		if ((rc = portal_send_invite(r, &who)) != PORTAL_OK ||
		    (rc = portal_audit(r, "invitation_sent", r->path_id, uid, "admin invited again by the vendor")) != PORTAL_OK)
			return portal_failed(r, rc);
	} else {
		if (!r->in[AF_GIVEN].present || !r->in[AF_FAMILY].present || !r->in[AF_EMAIL].present || !r->in[AF_MOBILE].present) {
			portal_db_rollback(r);
			return org_page(r, 422, "Err.required");
		}
		rc = invite_admin(r, r->path_id, org_name, r->in[AF_GIVEN].s, r->in[AF_FAMILY].s, r->in[AF_EMAIL].s,
			r->in[AF_MOBILE].s, &uid);
		if (rc == PORTAL_ERR_DUP) {   /* the address has an account: made by a copy of this form first? */
			portal_db_rollback(r);
			return (seen = portal_once_seen(r, once)) ? seen : org_page(r, 409, "Users.email_taken");
		}
		if (rc != PORTAL_OK)
			return portal_failed(r, rc);
		if ((rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
			return portal_once_lost_race(r, once);
		if (rc != PORTAL_OK)
			return portal_failed(r, rc);
	}
	return portal_done(r, PORTAL_OK, done);
}

PORTAL_PROGRAM("orgs", ("orgs.cs"),
	PORTAL_ROUTE_RIGHT("GET", "/orgs", "orgs.manage", index_page, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/orgs", "orgs.manage", create, new_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("GET", "/orgs/new", "orgs.manage", new_form, NULL, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("GET", "/orgs/#", "orgs.manage", view, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/orgs/#/roles", "orgs.manage", roles, roles_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/orgs/#/experts", "orgs.manage", experts, expert_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/orgs/#/admins", "orgs.manage", admins, admin_fields, PORTAL_RF_OWN)
)
