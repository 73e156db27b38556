/* requests.c: account requests ("Nieuwe account aanvragen", document 003): the form in a dossier and the public
 * one of the login page, the responsible person's list, and their decision (an invitation, or a refusal). */
#include "dossiers.h"

/* ---- account requests (document 003) ---- */

enum { RF_GIVEN, RF_FAMILY, RF_EMAIL, RF_NOTE, RF_PROFILE, RF_ONCE };
enum { RF_RESP = RF_PROFILE };   /* the public form has the contact's address where the other has the profile */
const struct portal_field request_fields[] = {
	{ "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "email", PF_EMAIL, PF_REQUIRED, 3, 254, NULL },
	{ "note", PF_TEXT, 0, 0, 1000, NULL },
	{ "profile", PF_INT, 0, 1, INT64_MAX, NULL },
	{ "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
const struct portal_field public_request_fields[] = {
	{ "given_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "family_name", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "email", PF_EMAIL, PF_REQUIRED, 3, 254, NULL },
	{ "note", PF_TEXT, 0, 0, 1000, NULL },
	{ "responsible", PF_EMAIL, PF_REQUIRED, 3, 254, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
static const char *const decisions[] = { "approve", "decline", NULL };
enum { AF_DECISION, AF_DOSSIER, AF_PROFILE };
const struct portal_field decide_fields[] = {
	[AF_DECISION] = { "decision", PF_ENUM, PF_REQUIRED, 0, 0, decisions },
	[AF_DOSSIER] = { "dossier", PF_INT, 0, 1, INT64_MAX, NULL },
	[AF_PROFILE] = { "profile", PF_INT, 0, 1, INT64_MAX, NULL },
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
	if (dossier_load(r, NULL) != PORTAL_OK)
		return 503;
	set_profiles(r);
	portal_set(r, "Page.once", portal_once_token(r));
	return dossier_render(r, status, "request", error_key);
}

/* GET /dossiers/#/request — visible dossier: the form to ask an account for someone ("Nieuwe account
 * aanvragen"). */
int request_form(struct portal_req *r)
{
	return request_page(r, 200, NULL);
}

PORTAL_SQL(sql_insert, 0,
	"INSERT INTO account_requests (org_id, responsible_id, dossier_id, requester_id, email, given_name, family_name,"
	" profile_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

/* POST /dossiers/#/request — visible dossier, CSRF. In: given_name, family_name, email, note, profile
 * (optional wish), once (the same form again asks nothing more, DI-02). The dossier's responsible person
 * gets an e-mail; 409 when the dossier has none. */
int request_submit(struct portal_req *r)
{
	const char *invalid = portal_invalid(r);
	if (invalid)
		return request_page(r, 422, invalid);
	bool bad;
	const struct portal_role *prof = profile_arg(r, &r->in[RF_PROFILE], &bad);
	if (bad)
		return profile_outside(r, &r->in[RF_PROFILE]) ? request_page(r, 403, "Users.role_not_in_set")
			: request_page(r, 422, "Dossiers.bad_profile");
	const char *once = r->in[RF_ONCE].s, *done = dossier_url(r, "?m=requested");
	int seen = portal_once_seen(r, once);   /* this form asked before (a double click, a retry): one request */
	if (seen)
		return seen;
	struct portal_rows *d;
	if (portal_query_row(r, &d, &sql_dossier_get, "ii", r->sess.dossier.id, r->sess.org_id) != PORTAL_OK)
		return 503;
	int64_t resp = portal_col_int(d, DS_RESP_ID);
	const char *dname = portal_col(d, DS_NAME);
	struct portal_colleague rp;
	if (!resp || portal_colleague_get(r, resp, PORTAL_COLLEAGUE_READ, &rp) != PORTAL_OK || strcmp(rp.status, "active"))
		return request_page(r, 409, "Dossiers.no_responsible");
	const char *remail = rp.email, *rgiven = rp.given, *rlang = rp.lang;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_wrote made;
	if ((rc = portal_exec(r, &sql_insert, &made, "iiIIsssIsi", r->sess.org_id, resp, r->sess.dossier.id, r->sess.user_id,
		     r->in[RF_EMAIL].s, r->in[RF_GIVEN].s, r->in[RF_FAMILY].s, prof ? prof->id : 0,
		     r->in[RF_NOTE].s ? r->in[RF_NOTE].s : "", r->now)) != PORTAL_OK)
		return portal_failed(r, rc);
	int64_t id = made.id;
	if ((rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP)
		return portal_once_lost_race(r, once);   /* a copy of this form committed first */
	const char *who = portal_printf(r, "%s <%s>", portal_full_name(r, r->in[RF_GIVEN].s, "", r->in[RF_FAMILY].s), r->in[RF_EMAIL].s);
	if (rc != PORTAL_OK || (rc = mail_responsible(r, resp, remail, rgiven, rlang, portal_printf(r, "%s <%s>",
		     r->sess.display_name, r->sess.email), who, dname, prof, r->in[RF_NOTE].s)) != PORTAL_OK ||
	    (rc = portal_audit(r, "account_requested", r->sess.org_id, 0, portal_printf(r, "request %lld for dossier %lld",
		     (long long)id, (long long)r->sess.dossier.id))) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, done);
}

/* GET /dossiers/request — public: the login page's "request an account" form. */
int public_request_form(struct portal_req *r)
{
	portal_csrf_prepare(r);
	return portal_render(r, 200, "dossier_request.cs");
}

/* account requests (document 003): the responsible person of some dossier, by login address */
enum { RR_ID, RR_ORG, RR_EMAIL, RR_GIVEN, RR_LANG, RR__N };
PORTAL_SQL(sql_responsible, RR__N,
	"SELECT u.id, u.org_id, u.email, u.given_name, u.lang FROM users u WHERE u.email_live = ? AND u.status = 'active'"
	" AND EXISTS (SELECT 1 FROM dossiers d WHERE d.responsible_id = u.id AND d.org_id = u.org_id)");

enum { RC_COUNT, RC__N };
PORTAL_SQL(sql_recent, RC__N,
	"SELECT COUNT(*) FROM account_requests WHERE responsible_id = ? AND created_at > ?");

/* POST /dossiers/request — public, CSRF. In: given_name, family_name, email, note, responsible (the login
 * address of the contact at the office). Out: 200 with the same words whether or not the contact is a
 * dossier's responsible person (no enumeration); 422 malformed input; 429 too many from this address. A
 * responsible person gets at most 10 requests an hour; beyond that they are dropped (and logged). */
int public_request(struct portal_req *r)
{
	portal_csrf_prepare(r);
	for (size_t i = 0; public_request_fields[i].name; i++)
		if (!r->in[i].valid) {
			portal_set_text(r, "Page.error", r->in[i].err);
			return portal_render(r, 422, "dossier_request.cs");
		}
	const char *addr = r->remote_addr;
	int th = portal_throttle_check(r, PORTAL_TH_REQUEST_IP, addr, strlen(addr), true);
	if (th == 429)
		portal_set_text(r, "Page.error", "Err.throttled");
	if (th)
		return th == 429 ? portal_render(r, 429, "dossier_request.cs") : th;
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_responsible, "s", r->in[RF_RESP].s);
	if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
		return 503;
	if (rc == PORTAL_OK) {
		int64_t resp = portal_col_int(q, RR_ID), org = portal_col_int(q, RR_ORG);
		const char *remail = portal_strdup(r, portal_col(q, RR_EMAIL));
		const char *rgiven = portal_strdup(r, portal_col(q, RR_GIVEN));
		const char *rlang = portal_strdup(r, portal_col(q, RR_LANG));
		if (portal_query_row(r, &q, &sql_recent, "ii", resp, r->now - 3600) != PORTAL_OK)
			return 503;
		if (portal_col_int(q, RC_COUNT) >= 10) {
			portal_audit(r, "account_request_dropped", org, resp, "more than 10 requests in an hour");
		} else {
			if ((rc = portal_db_begin(r)) != PORTAL_OK)
				return 503;
			const char *who = portal_printf(r, "%s <%s>", portal_full_name(r, r->in[RF_GIVEN].s, "", r->in[RF_FAMILY].s),
				r->in[RF_EMAIL].s);
			struct portal_wrote made;
			if ((rc = portal_exec(r, &sql_insert, &made, "iiIIsssIsi", org, resp, (int64_t)0, (int64_t)0, r->in[RF_EMAIL].s,
				     r->in[RF_GIVEN].s, r->in[RF_FAMILY].s, (int64_t)0, r->in[RF_NOTE].s ? r->in[RF_NOTE].s : "", r->now)) != PORTAL_OK ||
			    (rc = mail_responsible(r, resp, remail, rgiven, rlang, who, who, portal_text(r, "Dossiers.request_where_login"),
				     NULL, r->in[RF_NOTE].s)) != PORTAL_OK ||
			    (rc = portal_audit(r, "account_requested", org, 0, portal_printf(r, "request %lld from the login page",
				     (long long)made.id))) != PORTAL_OK ||
			    (rc = portal_db_commit(r)) != PORTAL_OK)
				return portal_failed(r, rc);
		}
	} else {
		portal_audit(r, "account_request_unknown", 0, 0, "no dossier has that responsible person");
	}
	portal_set_int(r, "Page.sent", 1);
	return portal_render(r, 200, "dossier_request.cs");
}

#define REQ_PAGE 50
#define MINE_MAX 200   /* one request's dossier select: the first by name; past it, a search by name */

/* open account requests addressed to a responsible person, with whether the dossier the request names (if any)
 * is still theirs. The list: a page after an id (params user, org, after, limit); one: by id */
#define REQ_COLS                                                                                            \
	"SELECT ar.id, ar.dossier_id, d.name, ar.email, ar.given_name, ar.family_name, ar.profile_id, ar.note,"  \
	" ar.created_at, q.given_name, q.name_prefix, q.family_name, d.responsible_id <=> ar.responsible_id"    \
	" FROM account_requests ar LEFT JOIN dossiers d ON d.id = ar.dossier_id AND d.org_id = ar.org_id"       \
	" LEFT JOIN users q ON q.id = ar.requester_id"
enum { RQ_ID, RQ_DOSSIER, RQ_DOSSIER_NAME, RQ_EMAIL, RQ_GIVEN, RQ_FAMILY, RQ_PROFILE, RQ_NOTE, RQ_CREATED, RQ_BY_GIVEN,
	RQ_BY_PREFIX, RQ_BY_FAMILY, RQ_STILL_THEIRS, RQ__N };
PORTAL_SQL(sql_list, RQ__N, REQ_COLS " WHERE ar.responsible_id = ? AND ar.org_id = ? AND ar.status = 'open' AND ar.id > ?"
	" ORDER BY ar.id LIMIT ?");
PORTAL_SQL(sql_get, RQ__N, REQ_COLS " WHERE ar.id = ? AND ar.responsible_id = ? AND ar.org_id = ? AND ar.status = 'open'");

/* One open request's card (a node of Page.requests) from the current row of sql_list or sql_get. */
static int64_t request_card(struct portal_req *r, const struct portal_rows *st, void *x)
{
	int64_t id = portal_col_int(st, RQ_ID);
	portal_nset_int(r, x, "id", id);
	if (!portal_col_null(st, RQ_DOSSIER_NAME)) {
		portal_nset_int(r, x, "dossier_id", portal_col_int(st, RQ_DOSSIER));
		portal_nset(r, x, "dossier", portal_col(st, RQ_DOSSIER_NAME));
		portal_nset_int(r, x, "mine", portal_col_int(st, RQ_STILL_THEIRS));   /* still theirs: approvable right here */
	}
	portal_nset(r, x, "email", portal_col(st, RQ_EMAIL));
	portal_nset(r, x, "name", portal_full_name(r, portal_col(st, RQ_GIVEN), "", portal_col(st, RQ_FAMILY)));
	const struct portal_role *p = portal_col_null(st, RQ_PROFILE) ? NULL : portal_role_by_id(portal_col_int(st, RQ_PROFILE));
	if (p)
		portal_nset_int(r, x, "profile_id", p->id);
	portal_nset(r, x, "note", portal_col(st, RQ_NOTE));
	portal_nset(r, x, "when", portal_when(r, portal_col_int(st, RQ_CREATED)));
	const char *by = person(r, st, RQ_BY_GIVEN);
	portal_nset(r, x, "by", by ? by : portal_text(r, "Dossiers.request_by_login"));
	return id;
}

/* GET /dossiers/requests — any user: the open account requests addressed to them as responsible person, 50
 * a page, oldest first. In: m, after (the last id of the page before). Each names the dossier it was asked
 * for (approved here with a profile) or, from the login page, none: the dossier is chosen on its own page. */
int requests(struct portal_req *r)
{
	if (!r->in[LF_AFTER].valid)
		return portal_error(r, 400, r->in[LF_AFTER].err);
	int64_t after = r->in[LF_AFTER].s ? r->in[LF_AFTER].i : 0;
	struct portal_rows *st;
	if (portal_query(r, &st, &sql_list, "iiii", r->sess.user_id, r->sess.org_id, after, (int64_t)(REQ_PAGE + 1))
	    != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.requests");
	struct portal_page pg = { .size = REQ_PAGE };
	int f;
	int64_t last = 0;
	while ((f = portal_page_next(st, &pg)) == 1)
		last = request_card(r, st, portal_node_i(r, list, pg.i));
	if (f < 0)
		return 503;
	if (pg.more)
		portal_set(r, "Page.next", portal_printf(r, "/dossiers/requests?after=%lld", (long long)last));
	if (after)
		portal_set(r, "Page.first", "/dossiers/requests");
	set_profiles(r);
	return dossiers_render(r, 200, NULL, "dossiers_requests.cs");
}

/* the dossiers someone is responsible for, by name, those matching a LIKE pattern when one is given
 * (params org, user, like, like, limit) */
enum { RD_ID, RD_NAME, RD__N };
PORTAL_SQL(sql_resp_dossiers, RD__N,
	"SELECT id, name FROM dossiers WHERE org_id = ? AND responsible_id = ? AND (? IS NULL OR name LIKE ?)"
	" ORDER BY name, id LIMIT ?");

/* One open request of the user's with the dossiers to choose from (the first MINE_MAX by name, those whose
 * name holds q when given, and the one it names); the approve form's errors show here too. */
static int decide_page(struct portal_req *r, int status, const char *error_key, const char *q)
{
	struct portal_rows *st;
	int answer = portal_row_or_404(r, &st, &sql_get, "iii", r->path_id, r->sess.user_id, r->sess.org_id);
	if (answer)
		return answer;
	void *x = portal_node_i(r, portal_node(r, NULL, "Page.requests"), 0);
	request_card(r, st, x);
	bool named = !portal_col_null(st, RQ_DOSSIER_NAME) && portal_col_int(st, RQ_STILL_THEIRS);
	int64_t named_id = named ? portal_col_int(st, RQ_DOSSIER) : 0;
	const char *named_name = named ? portal_col(st, RQ_DOSSIER_NAME) : NULL;
	const char *like = q && *q ? portal_like_pattern(r, q) : NULL;
	struct portal_rows *ds;
	if (portal_query(r, &ds, &sql_resp_dossiers, "iissi", r->sess.org_id, r->sess.user_id, like, like,
		    (int64_t)(MINE_MAX + 1)) != PORTAL_OK)
		return 503;
	void *dl = portal_node(r, NULL, "Page.mine");
	struct portal_page pg = { .size = MINE_MAX };
	size_t n = 0;
	bool seen = false;
	int f;
	while ((f = portal_page_next(ds, &pg)) == 1) {
		void *d = portal_node_i(r, dl, n++);
		int64_t id = portal_col_int(ds, RD_ID);
		seen |= id == named_id;
		portal_nset_int(r, d, "id", id);
		portal_nset(r, d, "name", portal_col(ds, RD_NAME));
	}
	if (pg.more)
		portal_set_int(r, "Page.mine_more", 1);
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
int request_one(struct portal_req *r)
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

enum { RS_ID, RS__N };
PORTAL_SQL(sql_resp_dossier, RS__N,
	"SELECT id FROM dossiers WHERE id = ? AND org_id = ? AND responsible_id = ?");

/* one open request of the responsible person, locked for the decision, with the requester's address and language */
enum { RL_ID, RL_DOSSIER, RL_EMAIL, RL_GIVEN, RL_FAMILY, RL_PROFILE, RL_REQUESTER, RL_REQUESTER_EMAIL,
	RL_REQUESTER_LANG, RL__N };
PORTAL_SQL(sql_get_lock, RL__N,
	"SELECT ar.id, ar.dossier_id, ar.email, ar.given_name, ar.family_name, ar.profile_id, ar.requester_id, q.email, q.lang"
	" FROM account_requests ar LEFT JOIN users q ON q.id = ar.requester_id AND q.status = 'active'"
	" WHERE ar.id = ? AND ar.responsible_id = ? AND ar.org_id = ? AND ar.status = 'open' FOR UPDATE");

PORTAL_SQL(sql_decide, 0,
	"UPDATE account_requests SET status = ?, decided_by = ?, decided_at = ?, user_id = ?, dossier_id = ?"
	" WHERE id = ? AND status = 'open'");

/* POST /dossiers/requests/# — the responsible person, CSRF. In: decision (approve | decline); to approve
 * also dossier (one they are responsible for) and profile (one they may give), and a login ≤ 15 minutes old.
 * Approving creates an invited colleague with that profile, assigned to the dossier (409 when the address
 * already has an account); the requester is told by e-mail either way. Out: 303; 404 not theirs / decided. */
int decide(struct portal_req *r)
{
	const char *invalid = portal_invalid(r);
	if (invalid)
		return decide_page(r, 422, invalid, NULL);
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
		struct portal_rows *q;
		enum portal_err rc = portal_query_row(r, &q, &sql_resp_dossier, "iii", dossier, r->sess.org_id, r->sess.user_id);
		if (rc == PORTAL_ERR_NOTFOUND)
			return decide_page(r, 422, "Dossiers.request_choose", NULL);
		if (rc != PORTAL_OK)
			return 503;
	}
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_rows *st;
	if ((rc = portal_query_row(r, &st, &sql_get_lock, "iii", r->path_id, r->sess.user_id, r->sess.org_id)) != PORTAL_OK)
		return portal_failed(r, rc);
	const char *email = portal_strdup(r, portal_col(st, RL_EMAIL)), *given = portal_strdup(r, portal_col(st, RL_GIVEN));
	const char *family = portal_strdup(r, portal_col(st, RL_FAMILY));
	const char *req_email = portal_col_null(st, RL_REQUESTER_EMAIL) ? NULL : portal_strdup(r, portal_col(st, RL_REQUESTER_EMAIL));
	enum portal_lang rl = portal_lang_parse(portal_col(st, RL_REQUESTER_LANG));
	if (rl == PORTAL_NLANG)
		rl = r->lang;
	int64_t req_id = portal_col_int(st, RL_REQUESTER);
	int64_t uid = 0;
	const char *detail;
	if (approve) {
		const char *lang = portal_lang_code(r->lang);
		struct portal_new_colleague nc = { email, given, "", family, NULL, lang };
		rc = portal_colleague_insert(r, r->sess.org_id, &nc, &uid);
		if (rc == PORTAL_ERR_DUP) {
			portal_db_rollback(r);
			return decide_page(r, 409, "Users.email_taken", NULL);
		}
		if (rc != PORTAL_OK)
			return portal_failed(r, rc);
		struct portal_person who = { uid, r->sess.org_id, email, given, lang, r->sess.org_name };
		if ((rc = portal_role_grant(r, uid, prof->id)) != PORTAL_OK ||
		    (rc = portal_exec(r, &sql_assign, NULL, "iiii", dossier, uid, r->sess.user_id, r->now)) != PORTAL_OK ||
		    (rc = portal_send_invite(r, &who)) != PORTAL_OK ||
		    (rc = portal_audit(r, "user_added", r->sess.org_id, uid, portal_printf(r, "from account request %lld: %s <%s>,"
			     " profile %s, dossier %lld; invitation sent", (long long)r->path_id, portal_full_name(r, given, "", family),
			     email, prof->key, (long long)dossier))) != PORTAL_OK)
			return portal_failed(r, rc);
		detail = "approved";
	} else {
		detail = "declined";
	}
	if ((rc = portal_exec(r, &sql_decide, NULL, "siiIIi", detail, r->sess.user_id, r->now, uid, dossier, r->path_id)) != PORTAL_OK)
		return portal_failed(r, rc);
	/* the requester: the colleague who asked, or (from the login page) the address asked for */
	const char *to = req_email ? req_email : email;
	if ((approve ? req_email != NULL : true) &&
	    (rc = portal_mail_enqueue(r, req_email ? req_id : 0, to, portal_text_lang(rl, approve ? "Dossiers.mail_approved_subject"
		     : "Dossiers.mail_declined_subject"), portal_fill(r, portal_text_lang(rl, approve ? "Dossiers.mail_approved_body"
		     : "Dossiers.mail_declined_body"), "who", portal_full_name(r, given, "", family), "by", r->sess.display_name, NULL))) != PORTAL_OK)
		return portal_failed(r, rc);
	rc = portal_audit(r, approve ? "account_request_approved" : "account_request_declined", r->sess.org_id, uid,
		portal_printf(r, "request %lld", (long long)r->path_id));
	return portal_done(r, rc, approve ? "/dossiers/requests?m=invited" : "/dossiers/requests?m=declined");
}
