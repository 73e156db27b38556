/* users.c: Gebruikersbeheer (/users): an organisation's admins manage their colleagues.
 * users.view: the overview (search, filters, sort, keyset pages; all in the query string) with the holiday
 * checklist (document 000), and a colleague's page. users.manage: add a colleague (an invitation by
 * e-mail, never a password), edit, disable, enable, remove, re-send the invitation, send a reset link,
 * end their sessions. Every query is keyed by the session's organisation: another organisation's id is
 * a 404 like a missing one (ACC-01). The last active admin cannot be disabled or removed (ACC-04, 409).
 * Every change writes an audit row with the old and new values. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "portal.h"
#include "site.h"

#define PAGE 50

static const char *const statuses[] = { "invited", "active", "disabled", NULL };
static const char *const sorts[] = { "name", "email", "login", NULL };
static const char *const checks[] = { "mobile", NULL };
static const char *const notices[] = { "added", "saved", "disabled", "enabled", "removed", "invited", "reset",
	"sessions", "imported", "unlocked", "totp", NULL };
static const char *const langs[] = { "nl", "en", NULL };

enum { LF_Q, LF_ROLE, LF_STATUS, LF_SORT, LF_CHECK, LF_AK, LF_AI, LF_M };
static const struct portal_field list_fields[] = {
	{ "q", PF_LINE, 0, 0, 100, NULL },
	{ "role", PF_INT, 0, 1, 1000000000, NULL },
	{ "status", PF_ENUM, 0, 0, 0, statuses },
	{ "sort", PF_ENUM, 0, 0, 0, sorts },
	{ "check", PF_ENUM, 0, 0, 0, checks },
	{ "ak", PF_LINE, 0, 0, 300, NULL },
	{ "ai", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { NF_GIVEN, NF_PREFIX, NF_FAMILY, NF_EMAIL, NF_MOBILE, NF_LANG, NF_ROLE, NF_ONCE, NF_PROFILE };
static const struct portal_field new_fields[] = {
	{ "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "name_prefix", PF_LINE, 0, 0, 30, NULL },
	{ "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL },
	{ "mobile", PF_PHONE, 0, 0, 0, NULL },
	{ "lang", PF_ENUM, 0, 0, 0, langs },
	{ "role", PF_IDS, 0, 0, 100, NULL },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ "profile", PF_INT, 0, 0, INT64_MAX, NULL },   /* a dossier profile of the set (document 003), 0: none */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* no expert flag: the vendor certifies experts (document 001; orgs.c), a tenant's field for it is refused (400) */
enum { EF_GIVEN, EF_PREFIX, EF_FAMILY, EF_EMAIL, EF_MOBILE };
static const struct portal_field edit_fields[] = {
	{ "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "name_prefix", PF_LINE, 0, 0, 30, NULL },
	{ "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL },
	{ "mobile", PF_PHONE, 0, 0, 0, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const char *const bulk_actions[] = { "disable", "invite", "remove", NULL };
static const char *const one[] = { "1", NULL };

enum { BF_ID, BF_ACTION, BF_CONFIRM };
static const struct portal_field bulk_fields[] = {
	{ "id", PF_IDS, PF_REQUIRED, 0, 50, NULL },
	{ "action", PF_ENUM, PF_REQUIRED, 0, 0, bulk_actions },
	{ "confirm", PF_ENUM, 0, 0, 0, one },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

#define IMPORT_MAX_ROWS 1000
enum { IF_CSV, IF_CONFIRM, IF_ONCE };
static const struct portal_field import_fields[] = {
	{ "csv", PF_TEXT, PF_REQUIRED, 0, 300000, NULL },
	{ "confirm", PF_ENUM, 0, 0, 0, one },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the confirming form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

enum { VF_M };
static const struct portal_field view_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

/* ---- shared helpers ---- */

/* Does any of these roles make its holder an admin (users.manage)? */
static bool roles_admin(struct portal_req *r, const char *role_ids)
{
	const struct portal_role **roles;
	size_t n = portal_roles_parse(r, role_ids, &roles);
	for (size_t i = 0; i < n; i++)
		if (portal_role_has_right(roles[i], "users.manage"))
			return true;
	return false;
}

/* Does a role list hold a quota-limited role (Incidentenbeheer, documents 001/004)? */
static bool roles_quota(struct portal_req *r, const char *role_ids)
{
	const struct portal_role **roles;
	size_t n = portal_roles_parse(r, role_ids, &roles);
	for (size_t i = 0; i < n; i++)
		if (portal_role_quota_limited(roles[i]))
			return true;
	return false;
}

/* In the transaction: room for `more` counted holders of the quota-limited role? (ACC-05) */
static enum portal_err quota_room(struct portal_req *r, int64_t except_user, int64_t more, bool *room,
	struct portal_quota *q)
{
	enum portal_err rc = portal_quota_lock(r, r->sess.org_id, except_user, q);
	*room = rc == PORTAL_OK && q->used + more <= q->max;
	return rc;
}

/* A refused grant is audited (LOG-02), after the rollback so that the row stays. */
static void quota_refused(struct portal_req *r, int64_t user_id, const struct portal_quota *q)
{
	portal_set_int(r, "Page.quota_link", 1);   /* the refusal links to the quota page */
	portal_audit(r, "quota_refused", r->sess.org_id, user_id, portal_printf(r, "Incidentenbeheer: %lld of %lld in use",
		(long long)q->used, (long long)q->max));
}

/* A colleague's roles by name, those the organisation may use (a role outside its set gives nothing). */
static void set_roles_node(struct portal_req *r, void *node, const char *role_ids)
{
	const struct portal_role **roles;
	size_t n = portal_roles_parse(r, role_ids, &roles);
	for (size_t i = 0, k = 0; i < n; i++)
		if (portal_role_available(r, roles[i]))
			portal_nset_at(r, node, k++, roles[i]->name[r->lang]);
}

/* "Medewerker, Klantbeeld": a row's roles as one text in the user's language */
static const char *roles_text(struct portal_req *r, const char *role_ids)
{
	const struct portal_role **roles;
	size_t n = portal_roles_parse(r, role_ids, &roles);
	if (n == 0)
		return "";
	size_t total = 2 * (n - 1);
	for (size_t i = 0; i < n; i++)
		total += strlen(roles[i]->name[r->lang]);
	char *s = portal_alloc(r, total + 1), *p = s;   /* once per row: copied, not formatted */
	for (size_t i = 0; i < n; i++) {
		if (i)
			*p++ = ',', *p++ = ' ';
		size_t k = strlen(roles[i]->name[r->lang]);
		memcpy(p, roles[i]->name[r->lang], k);
		p += k;
	}
	*p = '\0';
	return s;
}

static void set_roles(struct portal_req *r, const char *prefix, const char *role_ids)
{
	set_roles_node(r, portal_node(r, NULL, prefix), role_ids);
}

static void set_notice(struct portal_req *r, const struct portal_value *m)
{
	if (m->valid && m->s)
		portal_set_text(r, "Page.notice", portal_printf(r, "Users.notice_%s", m->s));
}

/* A role id of a form or filter that the organisation may use (its set, ACC-04). */
static bool usable_role(struct portal_req *r, int64_t id)
{
	const struct portal_role *ro = portal_role_by_id(id);
	return ro && portal_role_available(r, ro);
}

/* ---- the overview ---- */

static void filter_link(struct portal_req *r, struct portal_buf *b, const char *name, const char *value)
{
	if (value && *value)
		portal_buf_addf(b, "%s%s=%s", b->len ? "&" : "?", name, portal_url_encode(r, value));
}

/* The query string of the current filters (without cursor), optionally with another sort. */
static const char *filters_qs(struct portal_req *r, const char *sort)
{
	struct portal_buf b = { 0 };
	filter_link(r, &b, "q", r->in[LF_Q].s);
	filter_link(r, &b, "role", r->in[LF_ROLE].s);
	filter_link(r, &b, "status", r->in[LF_STATUS].s);
	filter_link(r, &b, "check", r->in[LF_CHECK].s);
	filter_link(r, &b, "sort", sort);
	const char *s = portal_strdup(r, b.len ? portal_buf_str(&b) : "");
	portal_buf_free(&b);
	return s;
}

/* GET /users — users.view. In: q, role, status, sort, check, ak + ai (the cursor), m. Out: 200. */
static int list(struct portal_req *r)
{
	for (int i = LF_Q; i <= LF_M; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	static const enum portal_stmt by_sort[] = { ST_USERS_LIST_NAME, ST_USERS_LIST_EMAIL, ST_USERS_LIST_LOGIN };
	long long sort = r->in[LF_SORT].s ? r->in[LF_SORT].i : 0;
	enum portal_stmt st = by_sort[sort];
	const char *status = r->in[LF_STATUS].s;
	const char *like = r->in[LF_Q].s ? portal_like_pattern(r, r->in[LF_Q].s) : NULL;
	int64_t role = r->in[LF_ROLE].s ? r->in[LF_ROLE].i : 0;
	const char *ak = r->in[LF_AK].s;
	int64_t ai = r->in[LF_AI].s ? r->in[LF_AI].i : 0;
	if (!ak || !ai)
		ak = NULL, ai = 0;
	bool unconfirmed = r->in[LF_CHECK].s != NULL;
	if (unconfirmed)
		status = "active";
	if (role && !usable_role(r, role))
		return portal_error(r, 403, "Users.role_not_in_set");
	enum portal_err rc = portal_db_exec(r, st, "issssssIIisssii", r->sess.org_id, status, status, like, like, like,
		like, role, role, (int64_t)unconfirmed, ak, ak, ak, ai, (int64_t)(PAGE + 1));
	if (rc != PORTAL_OK)
		return 503;
	size_t n = 0;
	int f;
	const char *last_key = NULL;
	int64_t last_id = 0;
	bool more = false;
	void *rows = portal_node(r, NULL, "Page.users");
	const char *status_text[] = { portal_text(r, "Users.st_invited"), portal_text(r, "Users.st_active"),
		portal_text(r, "Users.st_disabled") };
	const char *never = portal_text(r, "Users.never");
	while ((f = portal_db_fetch(r, st)) == 1) {
		if (n == PAGE) {
			more = true;
			continue;
		}
		void *u = portal_node_i(r, rows, n);
		portal_nset_int(r, u, "id", portal_db_int(st, 0));
		portal_nset(r, u, "name", portal_full_name(r, portal_db_str(st, 1), portal_db_str(st, 2), portal_db_str(st, 3)));
		portal_nset(r, u, "email", portal_db_str(st, 4));
		portal_nset(r, u, "mobile", portal_mask_phone(r, portal_db_str(st, 5)));
		if (!portal_db_null(st, 6))
			portal_nset(r, u, "mobile_ok", "1");
		portal_nset(r, u, "status", status_text[portal_db_str(st, 7)[0] == 'i' ? 0 : portal_db_str(st, 7)[0] == 'a' ? 1 : 2]);
		const char *login = portal_when(r, portal_db_int(st, 8));
		portal_nset(r, u, "last_login", login ? login : never);
		portal_nset(r, u, "roles", roles_text(r, portal_db_str(st, 9)));
		if (portal_db_int(st, 10))
			portal_nset(r, u, "expert", "1");
		last_key = portal_strdup(r, portal_db_str(st, 11));
		last_id = portal_db_int(st, 0);
		n++;
	}
	if (f < 0)
		return 503;
	const char *qs = filters_qs(r, r->in[LF_SORT].s);
	portal_keyset_links(r, portal_printf(r, "/users%s", qs), ak != NULL, more, last_key, last_id, NULL);
	for (int i = 0; sorts[i]; i++)
		portal_set(r, portal_printf(r, "Page.sort_link.%s", sorts[i]),
			portal_printf(r, "/users%s", filters_qs(r, sorts[i])));
	portal_set(r, "Page.sort", sorts[sort]);
	portal_set(r, "Page.export", portal_printf(r, "/users/export%s", qs));
	portal_set(r, "Page.q", r->in[LF_Q].s);
	portal_set(r, "Page.status", status);
	portal_set(r, "Page.check_mobile", unconfirmed ? "1" : NULL);
	if (role)
		portal_set_int(r, "Page.role", role);
	portal_set(r, "Page.usable", portal_usable_role_ids(r));   /* filters the shared Cat.tenant_roles */
	portal_set_int(r, "Page.count", (long long)n);
	portal_set_int(r, "Page.manage", portal_has_right(r, "users.manage"));
	set_notice(r, &r->in[LF_M]);
	if (portal_org_checklist(r, "Page.check") != PORTAL_OK)
		return 503;
	return portal_render(r, 200, "users_list.cs");
}

/* ---- adding a colleague ---- */

/* The 409 of an address a colleague of this organisation has: it names them (inside one's own organisation
 * that tells nothing new). An address with an account elsewhere is never a 409 here: see portal_send_invite. */
static const char *email_holder(struct portal_req *r, const char *email)
{
	if (portal_db_row(r, ST_ORG_EMAIL_HOLDER, "is", r->sess.org_id, email) != PORTAL_OK)
		return portal_text(r, "Users.email_taken");
	return portal_fill(r, portal_text(r, "Users.email_taken_by"), "name", portal_full_name(r,
		portal_db_str(ST_ORG_EMAIL_HOLDER, 0), portal_db_str(ST_ORG_EMAIL_HOLDER, 1), portal_db_str(ST_ORG_EMAIL_HOLDER, 2)),
		NULL);
}

static void new_form_roles(struct portal_req *r, const struct portal_value *chosen)
{
	const struct portal_catalogue *cat = portal_catalogue();
	for (size_t i = 0, k = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		if (!portal_may_grant(r, ro))
			continue;
		const char *p = portal_printf(r, "Page.roles.%zu", k++);
		portal_set_int(r, portal_printf(r, "%s.id", p), ro->id);
		portal_set(r, portal_printf(r, "%s.name", p), ro->name[r->lang]);
		for (size_t j = 0; chosen && j < chosen->nids; j++)
			if (chosen->ids[j] == ro->id)
				portal_set_int(r, portal_printf(r, "%s.checked", p), 1);
	}
}

/* The dossier profiles of the organisation's set, Administrator chosen unless the form chose another (document
 * 003: "Daarom is het ook de standaard-instelling"); none where the set has no profiles. */
static void new_form_profiles(struct portal_req *r, const struct portal_value *chosen)
{
	if (!portal_has_right(r, "dossiers.manage"))
		return;
	const struct portal_catalogue *cat = portal_catalogue();
	void *l = NULL;
	for (size_t i = 0, k = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		if (strcmp(ro->kind, "profile") || !portal_role_available(r, ro))
			continue;
		if (!l)
			l = portal_node(r, NULL, "Page.profiles");
		void *x = portal_node_i(r, l, k++);
		portal_nset_int(r, x, "id", ro->id);
		portal_nset(r, x, "name", ro->name[r->lang]);
		if (chosen && chosen->present ? chosen->i == ro->id : !strcmp(ro->key, "profile_administrator"))
			portal_nset(r, x, "checked", "1");
	}
}

static int new_form(struct portal_req *r, int status, const char *error_key, const char *field)
{
	new_form_roles(r, r->in ? &r->in[NF_ROLE] : NULL);
	new_form_profiles(r, r->in ? &r->in[NF_PROFILE] : NULL);
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	if (field)
		portal_set(r, "Page.error_field", field);
	static const char *const names[] = { "given_name", "name_prefix", "family_name", "email", "mobile", "lang" };
	if (r->in)
		for (int i = NF_GIVEN; i <= NF_LANG; i++)
			if (r->in[i].s || r->in[i].typed)   /* as typed, also when refused */
				portal_set(r, portal_printf(r, "Page.v.%s", names[i]), r->in[i].s ? r->in[i].s : r->in[i].typed);
	portal_set(r, "Page.once", portal_once_token(r));
	return portal_render(r, status, "users_new.cs");
}

/* GET /users/new — users.manage. Out: 200 form; 303 to re-authentication when the login is older than
 * 15 minutes (granting roles, SES-07). */
static int new_show(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/users/new");
	r->in = NULL;
	return new_form(r, 200, NULL, NULL);
}

/* POST /users/new — users.manage, CSRF. In: given_name, name_prefix, family_name, email, mobile, lang,
 * role (ids, repeated), profile (a dossier profile of the set, with dossiers.manage), once (the same form again: 303 to the colleague it added, DI-02).
 * Out: 303 to the new colleague's page with an invitation in the mail outbox;
 * 403 stale login (SES-07) or a role the admin may not grant (ACC-04); 409 e-mail address in use;
 * 422 invalid input (the reason next to the field). */
static int new_submit(struct portal_req *r)
{
	static const char *const names[] = { "given_name", "name_prefix", "family_name", "email", "mobile", "lang",
		"role", "once", "profile" };
	for (int i = NF_GIVEN; i <= NF_PROFILE; i++)
		if (!r->in[i].valid)
			return new_form(r, 422, r->in[i].err, names[i]);
	const struct portal_role *prof = r->in[NF_PROFILE].i ? portal_role_by_id(r->in[NF_PROFILE].i) : NULL;
	if (r->in[NF_PROFILE].i && (!prof || strcmp(prof->kind, "profile") || !portal_role_available(r, prof) ||
				    !portal_has_right(r, "dossiers.manage")))
		return new_form(r, 403, "Users.role_not_in_set", "profile");
	const char *once = r->in[NF_ONCE].s;
	int seen = portal_once_seen(r, once);   /* this form added the colleague before (a double click, a retry) */
	if (seen)
		return seen;
	const struct portal_value *roles = &r->in[NF_ROLE];
	if (roles->nids && !portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_error(r, 403, "Err.reauth");
	for (size_t i = 0; i < roles->nids; i++) {
		const struct portal_role *ro = portal_role_by_id(roles->ids[i]);
		if (!ro || !portal_may_grant(r, ro))
			return new_form(r, 403, ro && portal_role_available(r, ro) ? "Users.role_not_grantable"
				: "Users.role_not_in_set", "role");
	}
	const char *lang = r->in[NF_LANG].s ? r->in[NF_LANG].s : portal_lang_code(r->lang);
	const char *given = r->in[NF_GIVEN].s, *prefix = r->in[NF_PREFIX].s ? r->in[NF_PREFIX].s : "";
	const char *family = r->in[NF_FAMILY].s, *email = r->in[NF_EMAIL].s, *mobile = r->in[NF_MOBILE].s;

	bool quota_role = false;
	for (size_t i = 0; i < roles->nids; i++)
		quota_role |= portal_role_quota_limited(portal_role_by_id(roles->ids[i]));
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if (quota_role) {
		struct portal_quota q;
		bool room;
		if ((rc = quota_room(r, 0, 1, &room, &q)) != PORTAL_OK)
			goto fail;
		if (!room) {
			portal_db_rollback(r);
			quota_refused(r, 0, &q);
			return new_form(r, 409, "Quota.full", "role");
		}
	}
	int64_t id;
	struct portal_new_colleague nc = { email, given, prefix, family, mobile, lang };
	rc = portal_colleague_insert(r, r->sess.org_id, &nc, &id);
	if (rc == PORTAL_ERR_DUP) {   /* a colleague here has the address: made by a copy of this form that committed first? */
		portal_db_rollback(r);
		if ((seen = portal_once_seen(r, once)))
			return seen;
		portal_set(r, "Page.error", email_holder(r, email));
		return new_form(r, 409, NULL, "email");
	}
	if (rc != PORTAL_OK)
		goto fail;
	const char *done = portal_printf(r, "/users/%lld?m=added", (long long)id);
	if ((rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);
	if (rc != PORTAL_OK)
		goto fail;
	struct portal_buf granted = { 0 };
	for (size_t i = 0; i < roles->nids; i++) {
		if ((rc = portal_role_grant(r, id, roles->ids[i])) != PORTAL_OK) {
			portal_buf_free(&granted);
			goto fail;
		}
		portal_buf_addf(&granted, "%s%s", granted.len ? ", " : "", portal_role_by_id(roles->ids[i])->key);
	}
	if (prof) {   /* the dossier profile, for every dossier the colleague will be assigned to */
		if ((rc = portal_role_grant(r, id, prof->id)) != PORTAL_OK) {
			portal_buf_free(&granted);
			goto fail;
		}
		portal_buf_addf(&granted, "%sprofile %s", granted.len ? ", " : "", prof->key);
	}
	struct portal_person who = { id, r->sess.org_id, email, given, lang, r->sess.org_name };
	const char *detail = portal_printf(r, "added %s <%s>, mobile %s, roles: %s; invitation sent",
		portal_full_name(r, given, prefix, family), email, mobile ? portal_mask_phone(r, mobile) : "none",
		granted.len ? portal_buf_str(&granted) : "none");
	portal_buf_free(&granted);
	if ((rc = portal_send_invite(r, &who)) != PORTAL_OK ||
	    (rc = portal_audit(r, "user_added", r->sess.org_id, id, detail)) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, done);
fail:
	portal_db_rollback(r);
	return rc == PORTAL_ERR_DB_DOWN ? 503 : 500;
}

/* ---- one colleague ---- */

static int view_page(struct portal_req *r, int status, const struct portal_colleague *c, const char *error_key,
	const char *field, const struct portal_value *edit)
{
	bool manage = portal_has_right(r, "users.manage");
	portal_set_int(r, "Page.u.id", c->id);
	portal_set(r, "Page.u.name", portal_full_name(r, c->given, c->prefix, c->family));
	portal_set(r, "Page.u.given_name", edit && edit[EF_GIVEN].s ? edit[EF_GIVEN].s : c->given);
	portal_set(r, "Page.u.name_prefix", edit && edit[EF_PREFIX].s ? edit[EF_PREFIX].s : c->prefix);
	portal_set(r, "Page.u.family_name", edit && edit[EF_FAMILY].s ? edit[EF_FAMILY].s : c->family);
	portal_set(r, "Page.u.email", edit && edit[EF_EMAIL].s ? edit[EF_EMAIL].s : c->email);
	/* CRY-04: the number in full only in the admin's edit form */
	portal_set(r, "Page.u.mobile", manage ? (edit && edit[EF_MOBILE].s ? edit[EF_MOBILE].s : c->mobile)
		: portal_mask_phone(r, c->mobile));
	portal_set_int(r, "Page.u.mobile_ok", c->mobile_ok);
	portal_set(r, "Page.u.status", c->status);
	if (portal_quota_role_usable(r)) {   /* the flag means something only where a role counts toward the quota */
		portal_set_int(r, "Page.u.show_expert", 1);
		portal_set_int(r, "Page.u.expert", c->expert);
		if (c->expert && c->certified_at)
			portal_set(r, "Page.u.certified_at", portal_day(r, c->certified_at));
	}
	portal_set(r, "Page.u.created", portal_when(r, c->created_at));
	portal_set(r, "Page.u.last_login", portal_when(r, c->last_login_at));
	portal_set_int(r, "Page.u.self", c->id == r->sess.user_id);
	set_roles(r, "Page.u.roles", c->role_ids);
	portal_set_int(r, "Page.manage", manage);
	portal_set_int(r, "Page.can_audit", portal_has_right(r, "audit.view"));
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	if (field)
		portal_set(r, "Page.error_field", field);
	return portal_render(r, status, "users_view.cs");
}

/* GET /users/# — users.view. In: m. Out: 200; 404 unknown or another organisation's colleague. */
static int view(struct portal_req *r)
{
	struct portal_colleague c;
	enum portal_err rc = portal_colleague_get(r, r->path_id, PORTAL_COLLEAGUE_SESSIONS, &c);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	char *sessions = c.sessions ? portal_strdup(r, c.sessions) : NULL;
	set_notice(r, &r->in[VF_M]);
	int64_t wait = portal_throttle_wait(r, PORTAL_TH_PW_ACCT, c.email, strlen(c.email));
	if (wait < 0)
		return 503;
	portal_set_int(r, "Page.u.locked", wait > 0);
	portal_set_int(r, "Page.u.totp", c.has_totp);
	/* where the colleague is logged in now (the admin can end it below), in words; the lines came with the
	 * colleague's row: "last_seen user agent" each */
	void *ss = portal_node(r, NULL, "Page.u.sessions");
	size_t n = 0;
	for (char *line = sessions, *end; line && *line; line = end) {
		end = strchr(line, '\n');
		if (end)
			*end++ = '\0';
		char *ua = strchr(line, ' ');
		void *x = portal_node_i(r, ss, n++);
		portal_nset(r, x, "device", portal_device(r, ua ? ua + 1 : ""));
		portal_nset(r, x, "seen", portal_ago(r, strtoll(line, NULL, 10)));
	}
	/* an invited colleague whose last invitation died before its time: say why, so the admin sends a new one */
	if (!strcmp(c.status, "invited")) {
		if ((rc = portal_db_row(r, ST_UTOKEN_LAST_INVITE, "i", c.id)) == PORTAL_OK && !portal_db_null(ST_UTOKEN_LAST_INVITE, 0) &&
		    !portal_db_int(ST_UTOKEN_LAST_INVITE, 2) && portal_db_int(ST_UTOKEN_LAST_INVITE, 1) <= r->now)
			portal_set_text(r, "Page.u.invite_void", portal_printf(r, "Users.invite_void_%s",
				portal_db_str(ST_UTOKEN_LAST_INVITE, 0)));
		else if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
			return 503;
	}
	return view_page(r, 200, &c, NULL, NULL, NULL);
}

static enum portal_err audit_change(struct portal_req *r, const struct portal_colleague *c, const char *event,
	const char *detail)
{
	return portal_audit(r, event, r->sess.org_id, c->id, detail);
}

/* LOG-03: the colleague hears of a changed login address (at the old address) or number (by mail, and by
 * SMS at the old number), so an admin cannot quietly redirect someone's login or second factor. */
static enum portal_err notify_changes(struct portal_req *r, const struct portal_colleague *c, const char *email,
	const char *mobile, bool same_mobile)
{
	bool new_email = strcmp(email, c->email) != 0;
	if (!strcmp(c->status, "invited") || (!new_email && same_mobile))
		return PORTAL_OK;   /* nothing a colleague without an account needs to hear of */
	enum portal_lang lang = portal_lang_parse(c->lang);
	if (lang == PORTAL_NLANG)
		lang = r->lang;
	struct portal_buf d = { 0 };
	if (new_email)
		portal_buf_addf(&d, "%s %s\n", portal_text_lang(lang, "Mail.changed_email"), email);
	if (!same_mobile)
		portal_buf_addf(&d, "%s %s\n", portal_text_lang(lang, "Mail.changed_mobile"),
			mobile ? portal_mask_phone(r, mobile) : "-");
	const char *body = portal_fill(r, portal_text_lang(lang, "Mail.admin_changed_body"), "name", c->given,
		"by", r->sess.display_name, "detail", portal_buf_str(&d), "support", portal_cf->support_name, NULL);
	portal_buf_free(&d);
	enum portal_err rc = portal_mail_enqueue(r, c->id, c->email, portal_text_lang(lang, "Mail.admin_changed_subject"),
		body);
	if (rc == PORTAL_OK && new_email)
		rc = portal_mail_enqueue(r, c->id, email, portal_text_lang(lang, "Mail.admin_changed_subject"), body);
	if (rc == PORTAL_OK && !same_mobile && c->mobile)
		rc = portal_sms_enqueue(r, c->id, c->mobile, portal_fill(r, portal_text_lang(lang, "Sms.number_changed"),
			"new", mobile ? portal_mask_phone(r, mobile) : "-", NULL));
	return rc;
}

/* POST /users/# — users.manage, CSRF. In: given_name, name_prefix, family_name, email, mobile. A changed
 * number is unconfirmed until the colleague enters a code sent to it (AUTH-10). A changed address or number needs
 * a login of at most 5 minutes ago (403 with a link to log in again), voids every link sent before, and sends an
 * invited colleague's invitation again to the address as it is now; the support desk changes names only. Out: 303 back with a notice; 404; 409 e-mail address in use; 422 invalid input. */
static int edit(struct portal_req *r)
{
	static const char *const names[] = { "given_name", "name_prefix", "family_name", "email", "mobile" };
	struct portal_colleague c;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_colleague_get(r, r->path_id, PORTAL_COLLEAGUE_LOCK, &c)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? portal_error(r, 404, "Err.not_found") : 503;
	}
	if (!portal_support_may_change(r, c.role_ids)) {   /* the support desk leaves the admins alone */
		portal_db_rollback(r);
		return view_page(r, 403, &c, "Support.not_admins", NULL, NULL);
	}
	for (int i = EF_GIVEN; i <= EF_MOBILE; i++)
		if (!r->in[i].valid) {
			portal_db_rollback(r);
			return view_page(r, 422, &c, r->in[i].err, names[i], r->in);
		}
	const char *given = r->in[EF_GIVEN].s, *prefix = r->in[EF_PREFIX].s ? r->in[EF_PREFIX].s : "";
	const char *family = r->in[EF_FAMILY].s, *email = r->in[EF_EMAIL].s, *mobile = r->in[EF_MOBILE].s;
	bool same_mobile = (!mobile && !c.mobile) || (mobile && c.mobile && !strcmp(mobile, c.mobile));
	bool same_email = !strcmp(email, c.email);
	if ((!same_mobile || !same_email) && !portal_identity_allowed(r)) {   /* the support desk: names only (ACC-07) */
		portal_db_rollback(r);
		return view_page(r, 403, &c, "Support.identity", same_email ? "mobile" : "email", r->in);
	}
	/* where a colleague logs in or gets the second factor: a login of at most 5 minutes ago, like a grant */
	if ((!same_mobile || !same_email) && !portal_recent_login(r, PORTAL_RECENT_IDENTITY)) {
		portal_db_rollback(r);
		portal_set(r, "Page.reauth", portal_printf(r, "/account/reauth?next=%s",
			portal_url_encode(r, portal_printf(r, "/users/%lld", (long long)c.id))));
		return view_page(r, 403, &c, "Users.reauth_identity", same_email ? "mobile" : "email", r->in);
	}
	/* the confirmation is kept when the number did not change, and cleared when it did (AUTH-10) */
	int64_t verified_at = same_mobile ? c.mobile_verified_at : 0;
	struct portal_buf d = { 0 };
	if (strcmp(given, c.given) || strcmp(prefix, c.prefix) || strcmp(family, c.family))
		portal_buf_addf(&d, "name %s -> %s; ", portal_full_name(r, c.given, c.prefix, c.family),
			portal_full_name(r, given, prefix, family));
	if (strcmp(email, c.email))
		portal_buf_addf(&d, "e-mail %s -> %s; ", c.email, email);
	if (!same_mobile)
		portal_buf_addf(&d, "mobile %s -> %s (unconfirmed); ", c.mobile ? portal_mask_phone(r, c.mobile) : "none",
			mobile ? portal_mask_phone(r, mobile) : "none");
	if (d.len >= 2)
		d.p[d.len -= 2] = '\0';   /* the last part's "; " */
	const char *detail = portal_strdup(r, d.len ? portal_buf_str(&d) : "no change");
	portal_buf_free(&d);
	rc = portal_db_exec(r, ST_USER_UPDATE, "sssssIii", given, prefix, family, email, mobile, verified_at, c.id,
		r->sess.org_id);
	if (rc == PORTAL_ERR_DUP) {
		portal_db_rollback(r);
		portal_set(r, "Page.error", email_holder(r, email));
		return view_page(r, 409, &c, NULL, "email", r->in);
	}
	/* links sent to the old address or for the old number die; an invited colleague's invitation goes out again,
	 * to the address as it is now (a link to a mistyped address must not create the account) */
	struct portal_person who = { c.id, r->sess.org_id, email, given, c.lang, r->sess.org_name };
	if (rc == PORTAL_OK && (!same_email || !same_mobile) && (rc = portal_links_void(r, c.id)) == PORTAL_OK &&
	    !strcmp(c.status, "invited"))
		rc = portal_send_invite(r, &who);
	if (rc != PORTAL_OK || (rc = audit_change(r, &c, "user_changed", (!same_email || !same_mobile)
		     ? portal_printf(r, "%s; earlier links void%s", detail, !strcmp(c.status, "invited") ? "; invitation sent again" : "")
		     : detail)) != PORTAL_OK ||
	    (rc = notify_changes(r, &c, email, mobile, same_mobile)) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_DB_DOWN ? 503 : 500;
	}
	return portal_redirect(r, portal_printf(r, "/users/%lld?m=%s", (long long)c.id,
		!strcmp(c.status, "invited") && (!same_email || !same_mobile) ? "invited" : "saved"));
}

/* ---- status changes ---- */

enum action { A_DISABLE, A_ENABLE, A_REMOVE, A_INVITE, A_RESET, A_SESSIONS, A_UNLOCK, A_TOTP };

/* The last-admin rule (ACC-04): may this colleague stop being an active admin? Call with the
 * organisation's row locked, so two admins cannot disable each other at the same moment. */
static enum portal_err last_admin(struct portal_req *r, const struct portal_colleague *c, bool *is_last)
{
	*is_last = false;
	if (strcmp(c->status, "active") || !roles_admin(r, c->role_ids))
		return PORTAL_OK;
	int64_t others;
	enum portal_err rc = portal_org_admins(r, r->sess.org_id, c->id, &others);
	if (rc != PORTAL_OK)
		return rc;
	*is_last = others == 0;
	return PORTAL_OK;
}

/* One action on one colleague, in its own transaction with the organisation's row locked. Returns 0 done,
 * 404 not found (or another organisation's), 409 refused (*conflict says why), 500/503 failure. */
static int act_one(struct portal_req *r, int64_t id, enum action a, struct portal_colleague *c, const char **conflict)
{
	enum portal_err rc;
	*conflict = NULL;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_db_row(r, ST_ORG_LOCK, "i", r->sess.org_id)) != PORTAL_OK)
		goto fail;
	if ((rc = portal_colleague_get(r, id, PORTAL_COLLEAGUE_LOCK, c)) != PORTAL_OK) {
		portal_db_rollback(r);
		return rc == PORTAL_ERR_NOTFOUND ? 404 : 503;
	}
	if (!portal_support_may_change(r, c->role_ids)) {   /* the support desk leaves the admins alone */
		portal_db_rollback(r);
		*conflict = "Support.not_admins";
		return 403;
	}
	/* what each action needs: the colleague's status, and for disable and remove another active admin */
	static const struct { const char *status, *conflict; } pre[] = {
		[A_DISABLE] = { "active", "Users.not_active" }, [A_ENABLE] = { "disabled", "Users.not_disabled" },
		[A_INVITE] = { "invited", "Users.not_invited" }, [A_RESET] = { "active", "Users.not_active" },
	};
	bool is_last = false, room = true;
	struct portal_quota q;
	if ((a == A_DISABLE || a == A_REMOVE) && (rc = last_admin(r, c, &is_last)) != PORTAL_OK)
		goto fail;
	/* enabling a holder of the quota-limited role makes them count again (ACC-05) */
	if (a == A_ENABLE && !strcmp(c->status, "disabled") && !c->expert && roles_quota(r, c->role_ids)) {
		if ((rc = quota_room(r, c->id, 1, &room, &q)) != PORTAL_OK)
			goto fail;
	}
	if (is_last)
		*conflict = "Users.last_admin";
	else if (!room)
		*conflict = "Quota.full";
	else if ((size_t)a < sizeof pre / sizeof *pre && pre[a].status && strcmp(c->status, pre[a].status))
		*conflict = pre[a].conflict;
	struct portal_person who = { c->id, r->sess.org_id, c->email, c->given, c->lang, r->sess.org_name };
	const char *to = a == A_ENABLE && c->has_password ? "active" : "invited";
	switch (*conflict ? -1 : (int)a) {
	case A_DISABLE:
	case A_REMOVE:
		rc = a == A_DISABLE ? portal_db_exec(r, ST_USER_SET_STATUS, "sii", "disabled", c->id, r->sess.org_id)
			: portal_db_exec(r, ST_USER_REMOVE, "ii", c->id, r->sess.org_id);
		/* their sessions end at once (SES-05, ACC-06) */
		if (rc == PORTAL_OK)
			rc = portal_session_end_all(r, c->id);
		if (rc == PORTAL_OK)
			rc = audit_change(r, c, a == A_DISABLE ? "user_disabled" : "user_removed",
				portal_printf(r, "status %s -> %s; sessions ended", c->status, a == A_DISABLE ? "disabled" : "removed"));
		break;
	case A_ENABLE:
		if ((rc = portal_db_exec(r, ST_USER_SET_STATUS, "sii", to, c->id, r->sess.org_id)) == PORTAL_OK &&
		    (rc = audit_change(r, c, "user_enabled", portal_printf(r, "status disabled -> %s", to))) == PORTAL_OK)
			rc = portal_bootstrap_end(r, r->sess.org_id);   /* an admin back: the vendor's links die */
		break;
	case A_INVITE:
		if ((rc = portal_send_invite(r, &who)) == PORTAL_OK)
			rc = audit_change(r, c, "invitation_sent", "invitation sent again; earlier links void");
		break;
	case A_RESET:
		if ((rc = portal_send_reset(r, &who)) == PORTAL_OK)
			rc = audit_change(r, c, "reset_sent", "reset link e-mailed by an admin");
		break;
	case A_SESSIONS:
		if ((rc = portal_session_end_all(r, c->id)) == PORTAL_OK)
			rc = audit_change(r, c, "sessions_ended", "all sessions ended by an admin");
		break;
	case A_UNLOCK:
		/* AUTH-04: after failed logins (up to the lock at 100) an admin lets the colleague try again */
		if ((rc = portal_throttle_clear(r, PORTAL_TH_PW_ACCT, c->email, strlen(c->email))) == PORTAL_OK)
			rc = audit_change(r, c, "login_unlocked", "failed-login counter cleared by an admin");
		break;
	case A_TOTP: {
		/* recovery (AUTH-08): the colleague's authenticator app removed; they log in with an SMS code and
		 * enrol a new app. Their sessions end; they are told by e-mail (LOG-03). */
		enum portal_lang lang = portal_lang_parse(c->lang);
		if (lang == PORTAL_NLANG)
			lang = r->lang;
		if ((rc = portal_db_exec(r, ST_TOTP_REMOVE, "i", c->id)) == PORTAL_OK &&
		    (rc = portal_session_end_all(r, c->id)) == PORTAL_OK &&
		    (rc = portal_mail_enqueue(r, c->id, c->email, portal_text_lang(lang, "Mail.factor_changed_subject"),
			     portal_fill(r, portal_text_lang(lang, "Mail.factor_changed_body"), "name", c->given, "detail",
				     portal_fill(r, portal_text_lang(lang, "Totp.detail_reset"), "by", r->sess.display_name, NULL),
				     "support", portal_cf->support_name, NULL))) == PORTAL_OK)
			rc = audit_change(r, c, "totp_reset", "authenticator app removed by an admin; sessions ended");
		break;
	}
	default:
		break;
	}
	if (*conflict) {
		portal_db_rollback(r);
		if (!room)
			quota_refused(r, c->id, &q);
		return 409;
	}
	if (rc != PORTAL_OK || (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return 0;
fail:
	portal_db_rollback(r);
	r->db_failed = false;   /* answered here (single action) or per row (bulk) */
	return rc == PORTAL_ERR_DB_DOWN ? 503 : rc == PORTAL_ERR_CONFIG ? 501 : 500;
}

static int act(struct portal_req *r, enum action a)
{
	static const char *const notice[] = { "disabled", "enabled", "removed", "invited", "reset", "sessions",
		"unlocked", "totp" };
	struct portal_colleague c;
	const char *conflict;
	/* a link that sets a password, or a new authenticator: a login of at most 5 minutes ago (like a grant) */
	if ((a == A_RESET || a == A_TOTP) && !portal_recent_login(r, PORTAL_RECENT_IDENTITY))
		return portal_reauth_redirect(r, portal_printf(r, "/users/%lld", (long long)r->path_id));
	int st = act_one(r, r->path_id, a, &c, &conflict);
	if (st == 404)
		return portal_error(r, 404, "Err.not_found");
	if (st == 409 || st == 403)
		return view_page(r, st, &c, conflict, NULL, NULL);
	if (st == 501)
		return portal_error(r, 500, "Err.no_base_url");
	if (st)
		return portal_error(r, st, st == 503 ? "Err.unavailable" : "Err.server");
	if (a == A_REMOVE)
		return portal_redirect(r, "/users?m=removed");
	if (c.id == r->sess.user_id && (a == A_SESSIONS || a == A_DISABLE))
		return portal_redirect(r, "/login?m=logged_out");
	return portal_redirect(r, portal_printf(r, "/users/%lld?m=%s", (long long)c.id, notice[a]));
}

/* POST /users/#/{disable,enable,remove,invite,reset,sessions,unlock} — users.manage, CSRF. No fields.
 * Out: 303 back with a notice (after removal: to the overview); 404 unknown or another organisation's
 * colleague; 409 last active admin, or a status the action does not apply to (with the reason). */
static int disable(struct portal_req *r) { return act(r, A_DISABLE); }
static int enable(struct portal_req *r) { return act(r, A_ENABLE); }
static int remove_user(struct portal_req *r) { return act(r, A_REMOVE); }
static int invite(struct portal_req *r) { return act(r, A_INVITE); }
static int reset(struct portal_req *r) { return act(r, A_RESET); }
static int sessions(struct portal_req *r) { return act(r, A_SESSIONS); }
static int unlock(struct portal_req *r) { return act(r, A_UNLOCK); }
static int totp_reset(struct portal_req *r) { return act(r, A_TOTP); }

/* GET /users/#/remove — users.manage. Out: 200 the confirmation page; 404. */
static int remove_confirm(struct portal_req *r)
{
	struct portal_colleague c;
	enum portal_err rc = portal_colleague_get(r, r->path_id, PORTAL_COLLEAGUE_READ, &c);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	if (rc != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.u.id", c.id);
	portal_set(r, "Page.u.name", portal_full_name(r, c.given, c.prefix, c.family));
	portal_set(r, "Page.u.email", c.email);
	return portal_render(r, 200, "users_remove.cs");
}

/* ---- bulk actions ---- */

/* POST /users/bulk — users.manage, CSRF. In: id (1..50, repeated), action (disable, invite, remove),
 * confirm. Without confirm: 200 the confirmation page listing the rows. With confirm: each row in its own
 * transaction (the last-admin rule per row), 200 a page with each row's result. 422 nothing selected. */
static int bulk(struct portal_req *r)
{
	static const enum action acts[] = { A_DISABLE, A_INVITE, A_REMOVE };
	const struct portal_value *ids = &r->in[BF_ID], *action = &r->in[BF_ACTION];
	if (!action->valid)
		return portal_error(r, 400, action->err);
	if (!ids->valid)
		return portal_error(r, ids->err && !strcmp(ids->err, "Err.bad_field") ? 400 : 422, ids->err);
	if (acts[action->i] == A_INVITE && !portal_identity_allowed(r))
		return portal_error(r, 403, "Support.identity");   /* invitations are the customer's own (ACC-07) */
	bool confirm = r->in[BF_CONFIRM].s != NULL;
	portal_set(r, "Page.action", action->s);
	portal_set_int(r, "Page.confirm", confirm);
	int done = 0;
	for (size_t i = 0; i < ids->nids; i++) {
		const char *p = portal_printf(r, "Page.rows.%zu", i);
		struct portal_colleague c;
		portal_set_int(r, portal_printf(r, "%s.id", p), ids->ids[i]);
		if (!confirm) {
			enum portal_err rc = portal_colleague_get(r, ids->ids[i], PORTAL_COLLEAGUE_READ, &c);
			if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
				return 503;
			if (rc == PORTAL_OK) {
				portal_set(r, portal_printf(r, "%s.name", p), portal_full_name(r, c.given, c.prefix, c.family));
				portal_set(r, portal_printf(r, "%s.email", p), c.email);
			} else {
				portal_set_text(r, portal_printf(r, "%s.result", p), "Err.not_found");
			}
			continue;
		}
		const char *conflict = NULL;
		int st = act_one(r, ids->ids[i], acts[action->i], &c, &conflict);
		if (st != 404) {
			portal_set(r, portal_printf(r, "%s.name", p), portal_full_name(r, c.given, c.prefix, c.family));
			portal_set(r, portal_printf(r, "%s.email", p), c.email);
		}
		portal_set_int(r, portal_printf(r, "%s.ok", p), st == 0);
		portal_set_text(r, portal_printf(r, "%s.result", p), st == 0 ? portal_printf(r, "Users.notice_%s",
			action->i == 0 ? "disabled" : action->i == 1 ? "invited" : "removed") : st == 404 ? "Err.not_found"
			: st == 409 || st == 403 ? conflict : st == 501 ? "Err.no_base_url" : "Err.server");
		done += st == 0;
	}
	portal_set_int(r, "Page.done", done);
	portal_set_int(r, "Page.total", (long long)ids->nids);
	return portal_render(r, 200, "users_bulk.cs");
}

/* ---- CSV export ---- */

/* GET /users/export — users.view. In: the overview's filters. Out: 200 text/csv (UTF-8 with BOM, ';'),
 * every matching colleague with roles; numbers masked (CRY-04); formulas neutralised. */
static int export_csv(struct portal_req *r)
{
	for (int i = LF_Q; i <= LF_M; i++)
		if (!r->in[i].valid)
			return portal_error(r, 400, r->in[i].err);
	static const enum portal_stmt by_sort[] = { ST_USERS_LIST_NAME, ST_USERS_LIST_EMAIL, ST_USERS_LIST_LOGIN };
	enum portal_stmt st = by_sort[r->in[LF_SORT].s ? r->in[LF_SORT].i : 0];
	const char *status = r->in[LF_CHECK].s ? "active" : r->in[LF_STATUS].s;
	const char *like = r->in[LF_Q].s ? portal_like_pattern(r, r->in[LF_Q].s) : NULL;
	int64_t role = r->in[LF_ROLE].s ? r->in[LF_ROLE].i : 0;
	if (role && !usable_role(r, role))
		return portal_error(r, 403, "Users.role_not_in_set");
	enum portal_err rc = portal_db_exec(r, st, "issssssIIisssii", r->sess.org_id, status, status, like, like, like,
		like, role, role, (int64_t)(r->in[LF_CHECK].s != NULL), (const char *)NULL, (const char *)NULL,
		(const char *)NULL, (int64_t)0, (int64_t)100000);
	if (rc != PORTAL_OK)
		return 503;
	struct portal_buf *b = &r->body;
	portal_buf_reset(b);
	portal_buf_adds(b, "\xef\xbb\xbf");
	static const char *const head[] = { "Csv.given_name", "Csv.name_prefix", "Csv.family_name", "Csv.email",
		"Csv.mobile", "Csv.mobile_confirmed", "Csv.status", "Csv.roles", "Csv.last_login" };
	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		portal_csv_cell(b, portal_text(r, head[i]), ';', i + 1 == sizeof head / sizeof *head);
	int f;
	while ((f = portal_db_fetch(r, st)) == 1) {
		const char *status_key = portal_printf(r, "Users.st_%s", portal_db_str(st, 7));
		portal_csv_cell(b, portal_db_str(st, 1), ';', false);
		portal_csv_cell(b, portal_db_str(st, 2), ';', false);
		portal_csv_cell(b, portal_db_str(st, 3), ';', false);
		portal_csv_cell(b, portal_db_str(st, 4), ';', false);
		portal_csv_cell(b, portal_mask_phone(r, portal_db_str(st, 5)), ';', false);
		portal_csv_cell(b, portal_text(r, portal_db_null(st, 6) ? "Csv.no" : "Csv.yes"), ';', false);
		portal_csv_cell(b, portal_text(r, status_key), ';', false);
		portal_csv_cell(b, roles_text(r, portal_db_str(st, 9)), ';', false);
		portal_csv_cell(b, portal_when_iso(r, portal_db_int(st, 8)), ';', true);
	}
	if (f < 0)
		return 503;
	r->content_type = "text/csv; charset=utf-8";
	portal_header(r, "Content-Disposition", "attachment; filename=\"colleagues.csv\"");
	r->status = 200;
	r->body_set = true;
	return 200;
}

/* ---- CSV import ---- */

struct import_row {
	const char *given, *prefix, *family, *email, *mobile, *lang, *error;
	int64_t role_ids[16];
	size_t nroles;
	bool existing;   /* a colleague here already: skipped, so that the export can be imported again */
};

/* Finds a role by key or by its Dutch or English name (case-insensitive). */
static const struct portal_role *role_named(const char *s)
{
	const struct portal_catalogue *cat = portal_catalogue();
	for (size_t i = 0; i < cat->nroles; i++) {
		const struct portal_role *ro = &cat->roles[i];
		if (!strcasecmp(s, ro->key) || !strcasecmp(s, ro->name[PORTAL_NL]) || !strcasecmp(s, ro->name[PORTAL_EN]))
			return ro;
	}
	return NULL;
}

static int column(const struct portal_csv *csv, const char *const *names)
{
	for (size_t j = 0; j < csv->ncols[0]; j++)
		for (int k = 0; names[k]; k++)
			if (!strcasecmp(csv->rows[0][j], names[k]))
				return (int)j;
	return -1;
}

/* Validates every row with the same rules as the form; a row's error is a language key. */
static int import_check(struct portal_req *r, const struct portal_csv *csv, struct import_row *rows, size_t *nbad)
{
	static const char *const c_given[] = { "voornaam", "given_name", "first name", NULL };
	static const char *const c_prefix[] = { "tussenvoegsel", "name_prefix", "prefix", NULL };
	static const char *const c_family[] = { "achternaam", "family_name", "surname", "last name", NULL };
	static const char *const c_email[] = { "e-mail", "email", "e-mailadres", "e-mail address", NULL };
	static const char *const c_mobile[] = { "mobiel", "mobile", "mobiel nummer", "mobile number", NULL };
	static const char *const c_roles[] = { "rollen", "roles", NULL };
	static const char *const c_lang[] = { "taal", "lang", "language", NULL };
	int cg = column(csv, c_given), cp = column(csv, c_prefix), cf = column(csv, c_family), ce = column(csv, c_email);
	int cm = column(csv, c_mobile), cr = column(csv, c_roles), cl = column(csv, c_lang);
	if (cg < 0 || cf < 0 || ce < 0)
		return -1;
	static const struct portal_field f_given = { "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL };
	static const struct portal_field f_prefix = { "name_prefix", PF_LINE, 0, 0, 30, NULL };
	static const struct portal_field f_family = { "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL };
	static const struct portal_field f_email = { "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL };
	static const struct portal_field f_mobile = { "mobile", PF_PHONE, 0, 0, 0, NULL };
	static const struct portal_field f_lang = { "lang", PF_ENUM, 0, 0, 0, langs };
	*nbad = 0;
	for (size_t i = 1; i < csv->nrows; i++) {
		struct import_row *x = &rows[i - 1];
		memset(x, 0, sizeof *x);
		char **cells = csv->rows[i];
		size_t n = csv->ncols[i];
#define CELL(c) ((c) >= 0 && (size_t)(c) < n ? cells[c] : "")
		struct portal_value v[6];
		portal_field_check(r, &f_given, CELL(cg), strlen(CELL(cg)), &v[0]);
		portal_field_check(r, &f_prefix, CELL(cp), strlen(CELL(cp)), &v[1]);
		portal_field_check(r, &f_family, CELL(cf), strlen(CELL(cf)), &v[2]);
		portal_field_check(r, &f_email, CELL(ce), strlen(CELL(ce)), &v[3]);
		portal_field_check(r, &f_mobile, CELL(cm), strlen(CELL(cm)), &v[4]);
		portal_field_check(r, &f_lang, CELL(cl), strlen(CELL(cl)), &v[5]);
		x->given = v[0].s, x->prefix = v[1].s ? v[1].s : "", x->family = v[2].s, x->email = v[3].s;
		x->mobile = v[4].s, x->lang = v[5].s ? v[5].s : portal_lang_code(r->lang);
		/* a colleague here already (the export's rows, whose numbers are masked): skipped, not checked */
		if (v[3].valid) {
			enum portal_err rc = portal_db_row(r, ST_ORG_EMAIL_HOLDER, "is", r->sess.org_id, x->email);
			if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
				return -2;
			x->existing = rc == PORTAL_OK;
		}
		for (size_t k = 0; x->existing && !x->error && k + 1 < i; k++)
			if (rows[k].email && !strcmp(rows[k].email, x->email))
				x->error = "Csv.duplicate";
		if (x->existing) {
			x->mobile = NULL;
			*nbad += x->error != NULL;
			continue;
		}
		for (int k = 0; k < 6 && !x->error; k++)
			if (!v[k].valid)
				x->error = v[k].err;
		/* roles: keys or names separated by '|' or ',' */
		char *list = portal_strdup(r, CELL(cr));
		for (char *tok = list, *end; !x->error && tok && *tok; tok = end) {
			end = tok + strcspn(tok, "|,");
			if (*end)
				*end++ = '\0';
			else
				end = NULL;
			while (*tok == ' ')
				tok++;
			size_t tl = strlen(tok);
			while (tl > 0 && tok[tl - 1] == ' ')
				tok[--tl] = '\0';
			if (!*tok)
				continue;
			const struct portal_role *ro = role_named(tok);
			if (!ro)
				x->error = "Csv.unknown_role";
			else if (!portal_may_grant(r, ro))
				x->error = portal_role_available(r, ro) ? "Users.role_not_grantable" : "Users.role_not_in_set";
			else if (x->nroles < sizeof x->role_ids / sizeof *x->role_ids)
				x->role_ids[x->nroles++] = ro->id;
		}
#undef CELL
		/* the same address twice in the file, or a colleague's here already (an address with an account in
		 * another organisation is imported like any: its invitation tells its owner, not this admin) */
		for (size_t k = 0; !x->error && k + 1 < i; k++)
			if (rows[k].email && !strcmp(rows[k].email, x->email))
				x->error = "Csv.duplicate";
		*nbad += x->error != NULL;
	}
	return 0;
}

static int import_page(struct portal_req *r, int status, const char *error_key)
{
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	return portal_render(r, status, "users_import.cs");
}

/* GET /users/import — users.manage. Out: 200 the form; 303 to re-authentication when the login is older
 * than 15 minutes (imported colleagues get roles, SES-07). */
static int import_show(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/users/import");
	return import_page(r, 200, NULL);
}

/* POST /users/import — users.manage, CSRF. In: csv (the file's text), confirm, once (the confirming form sent
 * again goes to the result of the first, DI-02: its rows would read as addresses in use).
 * Out: 200 preview with a verdict per row (and, when every row is right, a button to import); 422 any bad
 * row or unreadable CSV (nothing imported); with confirm: 303 to the overview after one transaction that
 * adds every row or none, with the invitations in the same transaction (they leave only after commit);
 * 403 stale login; 409 an address taken meanwhile. */
static int import(struct portal_req *r)
{
	const struct portal_value *text = &r->in[IF_CSV];
	if (!r->in[IF_ONCE].valid)
		return import_page(r, 422, r->in[IF_ONCE].err);
	const char *once = r->in[IF_CONFIRM].s ? r->in[IF_ONCE].s : NULL, *done = "/users?m=imported&status=invited";
	int seen = portal_once_seen(r, once);   /* this import was confirmed before (a double click, a retry) */
	if (seen)
		return seen;
	if (!text->valid)
		return import_page(r, 422, !strcmp(text->err, "Err.too_long") ? "Csv.too_large" : text->err);
	struct portal_csv csv;
	const char *why = portal_csv_parse(r, text->s, text->len, IMPORT_MAX_ROWS, 20, &csv);
	if (why)
		return import_page(r, 422, why);
	if (csv.nrows < 2)
		return import_page(r, 422, "Csv.empty");
	struct import_row *rows = portal_alloc(r, (csv.nrows - 1) * sizeof *rows);
	size_t nbad = 0;
	int st = import_check(r, &csv, rows, &nbad);
	if (st == -1)
		return import_page(r, 422, "Csv.columns");
	if (st == -2)
		return 503;
	bool confirm = r->in[IF_CONFIRM].s != NULL;
	size_t nnew = 0;
	for (size_t i = 0; i + 1 < csv.nrows; i++) {
		const char *p = portal_printf(r, "Page.rows.%zu", i);
		portal_set_int(r, portal_printf(r, "%s.line", p), (long long)i + 2);
		portal_set(r, portal_printf(r, "%s.name", p), rows[i].given && rows[i].family
			? portal_full_name(r, rows[i].given, rows[i].prefix, rows[i].family) : "");
		portal_set(r, portal_printf(r, "%s.email", p), rows[i].email);
		portal_set(r, portal_printf(r, "%s.mobile", p), rows[i].mobile);
		for (size_t k = 0; k < rows[i].nroles; k++)
			portal_set(r, portal_printf(r, "%s.roles.%zu", p, k), portal_role_by_id(rows[i].role_ids[k])->name[r->lang]);
		if (rows[i].error)
			portal_set_text(r, portal_printf(r, "%s.error", p), rows[i].error);
		else if (rows[i].existing)
			portal_set_int(r, portal_printf(r, "%s.existing", p), 1);
		nnew += !rows[i].existing;
	}
	portal_set_int(r, "Page.nrows", (long long)csv.nrows - 1);
	portal_set_int(r, "Page.nnew", (long long)nnew);
	portal_set_int(r, "Page.nexisting", (long long)(csv.nrows - 1 - nnew));
	portal_set_int(r, "Page.nbad", (long long)nbad);
	if (nbad)
		return import_page(r, 422, "Csv.fix_rows");
	if (!nnew)
		return import_page(r, 422, "Csv.nothing_new");
	if (!confirm) {
		portal_set(r, "Page.csv", text->s);
		portal_set(r, "Page.once", portal_once_token(r));
		return import_page(r, 200, NULL);
	}
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_error(r, 403, "Err.reauth");
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	int64_t quota_rows = 0;
	for (size_t i = 0; i + 1 < csv.nrows; i++)
		for (size_t k = 0; k < rows[i].nroles && !rows[i].existing; k++)
			if (portal_role_quota_limited(portal_role_by_id(rows[i].role_ids[k]))) {
				quota_rows++;
				break;
			}
	if (quota_rows) {
		struct portal_quota q;
		bool room;
		if ((rc = quota_room(r, 0, quota_rows, &room, &q)) != PORTAL_OK)
			goto fail;
		if (!room) {
			portal_db_rollback(r);
			quota_refused(r, 0, &q);
			return import_page(r, 409, "Quota.full_import");
		}
	}
	for (size_t i = 0; i + 1 < csv.nrows; i++) {
		struct import_row *x = &rows[i];
		if (x->existing)
			continue;
		int64_t id;
		struct portal_new_colleague nc = { x->email, x->given, x->prefix, x->family, x->mobile, x->lang };
		rc = portal_colleague_insert(r, r->sess.org_id, &nc, &id);
		if (rc == PORTAL_ERR_DUP) {   /* taken meanwhile: by a copy of this form that committed first? */
			portal_db_rollback(r);
			return (seen = portal_once_seen(r, once)) ? seen : import_page(r, 409, "Csv.taken_meanwhile");
		}
		if (rc != PORTAL_OK)
			goto fail;
		for (size_t k = 0; k < x->nroles; k++)
			if ((rc = portal_role_grant(r, id, x->role_ids[k])) != PORTAL_OK)
				goto fail;
		struct portal_person who = { id, r->sess.org_id, x->email, x->given, x->lang, r->sess.org_name };
		if ((rc = portal_send_invite(r, &who)) != PORTAL_OK ||
		    (rc = portal_audit(r, "user_added", r->sess.org_id, id, portal_printf(r, "imported %s <%s>; invitation sent",
			     portal_full_name(r, x->given, x->prefix, x->family), x->email))) != PORTAL_OK)
			goto fail;
	}
	if ((rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);
	if (rc != PORTAL_OK || (rc = portal_audit(r, "users_imported", r->sess.org_id, 0,
		     portal_printf(r, "CSV import: new %zu, skipped as already here %zu", nnew,
			     csv.nrows - 1 - nnew))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		goto fail;
	return portal_redirect(r, done);
fail:
	portal_db_rollback(r);
	return rc == PORTAL_ERR_DB_DOWN ? 503 : rc == PORTAL_ERR_CONFIG ? portal_error(r, 500, "Err.no_base_url") : 500;
}

static const struct portal_route routes[] = {
	PORTAL_ROUTE_RIGHT("GET", "/users", "users.view", list, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("GET", "/users/export", "users.view", export_csv, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/users/bulk", "users.manage", bulk, bulk_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("GET", "/users/import", "users.manage", import_show, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("POST", "/users/import", "users.manage", import, import_fields, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("GET", "/users/new", "users.manage", new_show, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("POST", "/users/new", "users.manage", new_submit, new_fields, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("GET", "/users/#", "users.view", view, view_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/users/#", "users.manage", edit, edit_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/disable", "users.manage", disable, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/enable", "users.manage", enable, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("GET", "/users/#/remove", "users.manage", remove_confirm, NULL, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/remove", "users.manage", remove_user, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/invite", "users.manage", invite, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/reset", "users.manage", reset, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/sessions", "users.manage", sessions, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/unlock", "users.manage", unlock, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/users/#/totp", "users.manage", totp_reset, NULL, PORTAL_RF_IDENTITY),
	PORTAL_ROUTE_END,
};

static const char *const templates[] = { "users_list.cs", "users_new.cs", "users_view.cs", "users_remove.cs",
	"users_bulk.cs", "users_import.cs", NULL };

int main(int argc, char **argv)
{
	static const struct portal_program prog = { "users", routes, templates, &site };
	return portal_main(argc, argv, &prog);
}
