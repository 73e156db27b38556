/* orgs.c: Organisaties, the vendor's side (orgs.manage; issue 6, documents 000, 002 and 004).
 *  - GET  /orgs          the customers by name (search, keyset pages): size class, active admins (marked when 0
 *                        or 1: "keep a second admin"), quota use, open incidents, last contact-data check;
 *  - POST /orgs          a recent login: a new customer with its size class, the on-request roles it may use,
 *                        and its first admin, invited by e-mail (72 hours);
 *  - GET  /orgs/#        one customer's facts; while it has no active admin of its own (bootstrap, document
 *                        002) also its invited admins, with "invite again" and "invite another admin";
 *  - POST /orgs/#/admins a recent login, only while no admin is active: invite an(other) admin, or again.
 * The moment the first admin activates, the vendor sees no people of the customer any more: only these
 * counts (ACC-07). Every change is audited in the customer's own log. */
#include <string.h>

#include "portal.h"

#define PAGE 50

enum { LF_Q, LF_AK, LF_AI, LF_M };
static const struct portal_field list_fields[] = {
	{ "q", PF_LINE, 0, 0, 100, NULL },
	{ "ak", PF_LINE, 0, 0, 200, NULL },
	{ "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "m", PF_ENUM, 0, 0, 0, (const char *const[]){ "created", "invited", NULL } },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { NF_NAME, NF_CLASS, NF_GIVEN, NF_FAMILY, NF_EMAIL, NF_MOBILE, NF_ROLE, NF_ONCE };
static const struct portal_field new_fields[] = {
	{ "name", PF_LINE, PF_REQUIRED, 2, 200, NULL },
	{ "size_class", PF_INT, PF_REQUIRED, 1, 255, NULL },
	{ "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "email", PF_EMAIL, PF_REQUIRED, 3, 254, NULL },
	{ "mobile", PF_PHONE, PF_REQUIRED, 0, 0, NULL },
	{ "role", PF_IDS, 0, 0, 50, NULL },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { AF_GIVEN, AF_FAMILY, AF_EMAIL, AF_MOBILE, AF_AGAIN, AF_ONCE };
static const struct portal_field admin_fields[] = {
	{ "given_name", PF_LINE, 0, 1, 100, NULL },
	{ "family_name", PF_LINE, 0, 1, 100, NULL },
	{ "email", PF_EMAIL, 0, 3, 254, NULL },
	{ "mobile", PF_PHONE, 0, 0, 0, NULL },
	{ "again", PF_INT, 0, 1, INT64_MAX, NULL },   /* an invited admin to invite again */
	{ "once", PF_DIGITS, 0, 32, 32, NULL },       /* the another-admin form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static void facts(struct portal_req *r, enum portal_stmt st, void *x)
{
	portal_nset_int(r, x, "id", portal_db_int(st, 0));
	portal_nset(r, x, "name", portal_db_str(st, 1));
	portal_nset_int(r, x, "size_class", portal_db_int(st, 2));
	int64_t admins = portal_db_int(st, 3);
	portal_nset_int(r, x, "admins", admins);
	portal_nset_int(r, x, "few_admins", admins < 2);
	portal_nset(r, x, "quota", portal_printf(r, "%lld / %lld", (long long)portal_db_int(st, 4), (long long)portal_db_int(st, 5)));
	portal_nset_int(r, x, "open", portal_db_int(st, 6));
	portal_nset(r, x, "checked", portal_db_null(st, 7) ? portal_text(r, "Orgs.never") : portal_when(r, portal_db_int(st, 7)));
}

static enum portal_err on_request_roles(struct portal_req *r)
{
	const struct portal_catalogue *cat = portal_catalogue();
	void *l = portal_node(r, NULL, "Page.roles");
	for (size_t i = 0, k = 0; i < cat->nroles; i++)
		if (cat->roles[i].on_request) {
			void *x = portal_node_i(r, l, k++);
			portal_nset_int(r, x, "id", cat->roles[i].id);
			portal_nset(r, x, "name", cat->roles[i].name[r->lang]);
		}
	if (portal_db_exec(r, ST_QUOTA_CLASSES, "") != PORTAL_OK)
		return PORTAL_ERR_DB;
	void *cl = portal_node(r, NULL, "Page.classes");
	int f;
	size_t n = 0;
	while ((f = portal_db_fetch(r, ST_QUOTA_CLASSES)) == 1) {
		void *x = portal_node_i(r, cl, n++);
		portal_nset_int(r, x, "id", portal_db_int(ST_QUOTA_CLASSES, 0));
		portal_nset(r, x, "label", portal_db_str(ST_QUOTA_CLASSES, r->lang == PORTAL_EN ? 2 : 1));
	}
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

/* The customers, a page of PAGE by name, and the form for a new one. form: the page answers a failed POST /orgs,
 * whose fields r->in holds: the list is its first page, unfiltered, and the form shows what was entered. */
static int list_page(struct portal_req *r, int status, const char *error_key, bool form)
{
	const struct portal_value *q = form ? NULL : &r->in[LF_Q], *ak = form ? NULL : &r->in[LF_AK];
	const struct portal_value *ai = form ? NULL : &r->in[LF_AI];
	const char *like = q && q->valid ? portal_like_pattern(r, q->s) : NULL;
	const char *key = ak && ak->valid && ai->valid && ak->s && ai->s ? ak->s : NULL;
	int64_t id = key ? ai->i : 0;
	if (form) {
		for (int i = NF_NAME; i <= NF_MOBILE; i++)
			if (i != NF_CLASS)
				portal_set(r, portal_printf(r, "Page.v.%s", new_fields[i].name), r->in[i].s);
		if (r->in[NF_CLASS].valid && r->in[NF_CLASS].s)
			portal_set_int(r, "Page.v.size_class", r->in[NF_CLASS].i);
		for (size_t i = 0; r->in[NF_ROLE].valid && i < r->in[NF_ROLE].nids; i++)
			portal_set(r, portal_printf(r, "Page.v.role.%lld", (long long)r->in[NF_ROLE].ids[i]), "1");
	}
	enum portal_stmt st = ST_ORGS_LIST;
	if (portal_db_exec(r, st, "sssssii", like, like, key, key, key, id, (int64_t)(PAGE + 1)) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.orgs");
	int f;
	size_t n = 0;
	const char *last_name = NULL;
	int64_t last_id = 0;
	bool more = false;
	struct portal_org_counts counted = { 0 };   /* rows whose counts org_counts did not hold (sql/020) */
	while ((f = portal_db_fetch(r, st)) == 1) {
		portal_org_counts_note(&counted, st, 3, 4, 9);
		if (n == PAGE) {
			more = true;
			continue;
		}
		facts(r, st, portal_node_i(r, list, n++));
		last_name = portal_strdup(r, portal_db_str(st, 1));
		last_id = portal_db_int(st, 0);
	}
	if (f < 0 || on_request_roles(r) != PORTAL_OK)
		return 503;
	portal_org_counts_store(r, &counted);
	portal_keyset_links(r, like ? portal_printf(r, "/orgs?q=%s", portal_url_encode(r, q->s)) : "/orgs", key != NULL, more,
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
	portal_set(r, "Page.once", portal_once_token(r));
	return portal_render(r, status, "orgs.cs");
}

/* GET /orgs — orgs.manage. In: q, ak/ai (cursor), m. Out: 200. */
static int index_page(struct portal_req *r)
{
	return list_page(r, 200, NULL, false);
}

/* Invites an admin (new user with the Beheerder role) in the caller's transaction. */
static enum portal_err invite_admin(struct portal_req *r, int64_t org, const char *org_name, const char *given,
	const char *family, const char *email, const char *mobile, int64_t *uid)
{
	enum portal_err rc = portal_db_exec(r, ST_USER_INSERT, "issssssi", org, email, given, "", family, mobile, "nl", r->now);
	if (rc != PORTAL_OK)
		return rc;
	*uid = portal_db_insert_id(ST_USER_INSERT);
	struct portal_person who = { *uid, org, email, given, "nl", org_name };
	if ((rc = portal_db_exec(r, ST_USER_ADMIN_ROLE, "iii", *uid, r->sess.user_id, r->now)) != PORTAL_OK ||
	    (rc = portal_send_invite(r, &who)) != PORTAL_OK)
		return rc;
	return portal_audit(r, "user_added", org, *uid, portal_printf(r, "admin %s invited by the vendor", email));
}

/* POST /orgs — orgs.manage, CSRF, a recent login. In: name, size_class, the first admin's given_name,
 * family_name, email and mobile, role (on-request roles to activate), once (the same form again: 303 to the
 * customer it made, DI-02). Out: 303 to the new customer; 409 the address has an account; 422. */
static int create(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/orgs");
	for (size_t i = 0; new_fields[i].name; i++)
		if (!r->in[i].valid)
			return list_page(r, 422, r->in[i].err, true);
	const struct portal_value *roles = &r->in[NF_ROLE];
	for (size_t i = 0; i < roles->nids; i++) {
		const struct portal_role *ro = portal_role_by_id(roles->ids[i]);
		if (!ro || !ro->on_request)
			return list_page(r, 422, "Catalogue.not_on_request", true);
	}
	bool known = false;
	if (portal_db_exec(r, ST_QUOTA_CLASSES, "") != PORTAL_OK)
		return 503;
	while (portal_db_fetch(r, ST_QUOTA_CLASSES) == 1)
		known |= portal_db_int(ST_QUOTA_CLASSES, 0) == r->in[NF_CLASS].i;
	if (!known)
		return list_page(r, 422, "Quota.bad_class", true);
	const char *once = r->in[NF_ONCE].s;
	int seen = portal_once_seen(r, once);   /* this form made the customer before (a double click, a retry) */
	if (seen)
		return seen;
	enum portal_err rc;
	int64_t org, uid;
	const char *name = r->in[NF_NAME].s;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_exec(r, ST_ORG_CUSTOMER_INSERT, "sii", name, r->in[NF_CLASS].i, r->now)) != PORTAL_OK)
		goto fail;
	org = portal_db_insert_id(ST_ORG_CUSTOMER_INSERT);
	for (size_t i = 0; i < roles->nids && rc == PORTAL_OK; i++)
		if ((rc = portal_db_exec(r, ST_ORG_ROLE_ADD, "iiii", org, roles->ids[i], r->sess.user_id, r->now)) == PORTAL_OK)
			rc = portal_audit(r, "org_role_enabled", org, 0, portal_printf(r, "%s activated by the vendor",
				portal_role_by_id(roles->ids[i])->key));
	if (rc != PORTAL_OK || (rc = portal_audit(r, "org_created", org, 0, portal_printf(r, "\"%s\", size class %lld",
		     name, (long long)r->in[NF_CLASS].i))) != PORTAL_OK)
		goto fail;
	rc = invite_admin(r, org, name, r->in[NF_GIVEN].s, r->in[NF_FAMILY].s, r->in[NF_EMAIL].s, r->in[NF_MOBILE].s, &uid);
	if (rc == PORTAL_ERR_DUP) {   /* the address has an account: made by a copy of this form that committed first? */
		portal_db_rollback(r);
		return (seen = portal_once_seen(r, once)) ? seen : list_page(r, 409, "Users.email_taken", true);
	}
	const char *done = portal_printf(r, "/orgs/%lld?m=created", (long long)org);
	if (rc == PORTAL_OK && (rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);
	if (rc != PORTAL_OK || (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, done);
fail:
	portal_db_rollback(r);
	return rc == PORTAL_ERR_CONFIG ? portal_error(r, 500, "Err.no_base_url") : 503;
}

static int org_page(struct portal_req *r, int status, const char *error_key)
{
	enum portal_err rc = portal_db_row(r, ST_ORG_SUMMARY, "i", r->path_id);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	void *o = portal_node(r, NULL, "Page.org");
	facts(r, ST_ORG_SUMMARY, o);
	bool bootstrap = portal_db_int(ST_ORG_SUMMARY, 3) == 0;
	portal_set_int(r, "Page.bootstrap", bootstrap);
	if (bootstrap) {   /* no admin of its own yet: the vendor may see and invite its admins (document 002) */
		if (portal_db_exec(r, ST_ORG_INVITED_ADMINS, "ii", r->path_id, r->path_id) != PORTAL_OK)
			return 503;
		void *l = portal_node(r, NULL, "Page.invited");
		int f;
		size_t n = 0;
		while ((f = portal_db_fetch(r, ST_ORG_INVITED_ADMINS)) == 1) {
			void *x = portal_node_i(r, l, n++);
			portal_nset_int(r, x, "id", portal_db_int(ST_ORG_INVITED_ADMINS, 0));
			portal_nset(r, x, "email", portal_db_str(ST_ORG_INVITED_ADMINS, 1));
			portal_nset(r, x, "name", portal_full_name(r, portal_db_str(ST_ORG_INVITED_ADMINS, 2),
				portal_db_str(ST_ORG_INVITED_ADMINS, 3), portal_db_str(ST_ORG_INVITED_ADMINS, 4)));
		}
		if (f < 0)
			return 503;
	}
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	else {
		const char *m = portal_kv_get(&r->query, "m");
		if (m && (!strcmp(m, "created") || !strcmp(m, "invited")))
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

/* POST /orgs/#/admins — orgs.manage, CSRF, a recent login, only while the customer has no active admin.
 * In: again (an invited admin: a new link, the old one void) or given_name, family_name, email, mobile and once
 * (another admin; that form sent again goes to the first one's result, DI-02). Out: 303; 404; 409 the customer
 * has its own admin (the vendor's bootstrap access has ended); 422. */
static int admins(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, portal_printf(r, "/orgs/%lld", (long long)r->path_id));
	for (size_t i = 0; admin_fields[i].name; i++)
		if (!r->in[i].valid)
			return org_page(r, 422, r->in[i].err);
	const char *once = r->in[AF_AGAIN].present ? NULL : r->in[AF_ONCE].s;
	const char *done = portal_printf(r, "/orgs/%lld?m=invited", (long long)r->path_id);
	int seen = portal_once_seen(r, once);   /* this form invited the admin before (a double click, a retry) */
	if (seen)
		return seen;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_row(r, ST_CUSTOMER_LOCK, "i", r->path_id)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? portal_error(r, 404, "Err.not_found") : 503;
	}
	const char *org_name = portal_strdup(r, portal_db_str(ST_CUSTOMER_LOCK, 1));
	if ((rc = portal_db_row(r, ST_ORG_SUMMARY, "i", r->path_id)) != PORTAL_OK)
		goto fail;
	if (portal_db_int(ST_ORG_SUMMARY, 3) > 0) {
		portal_db_rollback(r);
		return org_page(r, 409, "Orgs.has_admin");
	}
	int64_t uid = 0;
	if (r->in[AF_AGAIN].present) {
		bool found = false;
		const char *email = NULL, *given = NULL, *lang = NULL;
		if ((rc = portal_db_exec(r, ST_ORG_INVITED_ADMINS, "ii", r->path_id, r->path_id)) != PORTAL_OK)
			goto fail;
		while (portal_db_fetch(r, ST_ORG_INVITED_ADMINS) == 1)
			if (portal_db_int(ST_ORG_INVITED_ADMINS, 0) == r->in[AF_AGAIN].i) {
				found = true;
				email = portal_strdup(r, portal_db_str(ST_ORG_INVITED_ADMINS, 1));
				given = portal_strdup(r, portal_db_str(ST_ORG_INVITED_ADMINS, 2));
				lang = portal_strdup(r, portal_db_null(ST_ORG_INVITED_ADMINS, 5) ? "nl" : portal_db_str(ST_ORG_INVITED_ADMINS, 5));
			}
		if (!found) {
			portal_db_rollback(r);
			return portal_error(r, 404, "Err.not_found");
		}
		uid = r->in[AF_AGAIN].i;
		struct portal_person who = { uid, r->path_id, email, given, lang, org_name };
		if ((rc = portal_send_invite(r, &who)) != PORTAL_OK ||
		    (rc = portal_audit(r, "invitation_sent", r->path_id, uid, "admin invited again by the vendor")) != PORTAL_OK)
			goto fail;
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
			goto fail;
		if ((rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
			return portal_once_lost_race(r, once);
		if (rc != PORTAL_OK)
			goto fail;
	}
	if ((rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, done);
fail:
	portal_db_rollback(r);
	return rc == PORTAL_ERR_CONFIG ? portal_error(r, 500, "Err.no_base_url") : 503;
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_RIGHT("GET", "/orgs", "orgs.manage", index_page, list_fields),
	PORTAL_ROUTE_RIGHT("POST", "/orgs", "orgs.manage", create, new_fields),
	PORTAL_ROUTE_RIGHT("GET", "/orgs/#", "orgs.manage", view, list_fields),
	PORTAL_ROUTE_RIGHT("POST", "/orgs/#/admins", "orgs.manage", admins, admin_fields),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "orgs.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "orgs", routes, templates };
	return portal_main(argc, argv, &prog);
}
