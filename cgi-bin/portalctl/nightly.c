/* nightly.c: portalctl nightly: the quota report (customers over their maximum flagged and audited), the
 * contact-check reminders, old form tokens forgotten. */
#include "portalctl.h"

/* Document 004: the admins of each customer whose contact data was last checked more than
 * reminders.contact_check_days ago get an e-mail, once per period; one line per organisation reminded.
 * The customers are read CONTACT_BATCH at a time (the statement's limit); each one reminded is marked in its
 * own transaction, so the next batch reads the next ones, until a batch comes back short. */
#define CONTACT_BATCH 1000

/* customers whose data was last checked before ? and who were not reminded since ? */
enum { CD_ID, CD_NAME, CD_CHECKED, CD__N };
PORTAL_SQL(sql_contact_due, CD__N,
	"SELECT id, name, contact_checked_at FROM organisations WHERE kind = 'customer'"
	" AND COALESCE(contact_checked_at, created_at) < ? AND COALESCE(contact_reminded_at, 0) < ? ORDER BY id LIMIT ?");

enum { CA_ID, CA_EMAIL, CA_GIVEN, CA_LANG, CA__N };
PORTAL_SQL(sql_contact_admins, CA__N,
	"SELECT DISTINCT u.id, u.email, u.given_name, u.lang FROM" SQL_HOLDERS("org.manage", "?")
	" AND u.status = 'active' ORDER BY u.id");

PORTAL_SQL(sql_contact_reminded, 0,
	"UPDATE organisations SET contact_reminded_at = ? WHERE id = ?");

static int contact_batch(struct portal_req *r, int64_t before, const char *link, size_t *nread)
{
	struct due { int64_t id; char *name; } *rows = NULL;
	size_t n = 0;
	int f, rc = 0;
	*nread = 0;
	struct portal_rows *q;
	if (portal_query(r, &q, &sql_contact_due, "iii", before, before, (int64_t)CONTACT_BATCH) != PORTAL_OK)
		return die("%s", "cannot read the organisations");
	while ((f = portal_next(q)) == 1) {
		rows = portal_xrealloc(rows, (n + 1) * sizeof *rows);
		rows[n].id = portal_col_int(q, CD_ID);
		rows[n++].name = portal_xstrdup(portal_col(q, CD_NAME));
	}
	for (size_t i = 0; i < n && rc == 0 && f == 0; i++) {
		size_t sent = 0;
		if (portal_db_begin(r) != PORTAL_OK || portal_query(r, &q, &sql_contact_admins, "ii", rows[i].id, rows[i].id) != PORTAL_OK) {
			rc = die("%s", "cannot read the admins");
			break;
		}
		struct adm { int64_t id; char *email, *given, *lang; } *a = NULL;
		size_t na = 0;
		while (portal_next(q) == 1) {
			a = portal_xrealloc(a, (na + 1) * sizeof *a);
			a[na].id = portal_col_int(q, CA_ID);
			a[na].email = portal_xstrdup(portal_col(q, CA_EMAIL));
			a[na].given = portal_xstrdup(portal_col(q, CA_GIVEN));
			a[na++].lang = portal_xstrdup(portal_col_null(q, CA_LANG) ? "nl" : portal_col(q, CA_LANG));
		}
		enum portal_err e = PORTAL_OK;
		for (size_t k = 0; k < na && e == PORTAL_OK; k++, sent++) {
			enum portal_lang l = portal_lang_parse(a[k].lang);
			if (l == PORTAL_NLANG)
				l = PORTAL_NL;
			e = portal_mail_enqueue(r, a[k].id, a[k].email,
				portal_fill(r, portal_text_lang(l, "Mail.contact_check_subject"), "org", rows[i].name, NULL),
				portal_fill(r, portal_text_lang(l, "Mail.contact_check_body"), "name", a[k].given, "org", rows[i].name,
					"link", link ? link : "", "support", portal_cf->support_name, NULL));
		}
		if (e != PORTAL_OK || portal_exec(r, &sql_contact_reminded, NULL, "ii", r->now, rows[i].id) != PORTAL_OK ||
		    portal_audit(r, "contact_check_reminder", rows[i].id, 0, portal_printf(r, "admins reminded: %zu", sent)) != PORTAL_OK ||
		    portal_db_commit(r) != PORTAL_OK) {
			portal_db_rollback(r);
			rc = die("cannot remind organisation %lld", (long long)rows[i].id);
		} else {
			printf("reminded: org %lld, contact data check, admins: %zu\n", (long long)rows[i].id, sent);
		}
		for (size_t k = 0; k < na; k++)
			free(a[k].email), free(a[k].given), free(a[k].lang);
		free(a);
	}
	for (size_t i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
	*nread = n;
	return f < 0 ? die("%s", "cannot read the organisations") : rc;
}

static int contact_reminders(struct portal_req *r)
{
	static const char *const none[] = { NULL };
	char err[600];
	if (portal_tmpl_init(portal_cf->templates_dir, none, err, sizeof err) != PORTAL_OK)
		return die("%s", err);
	int64_t period = (int64_t)portal_cf->contact_check_days * 86400, before = r->now - period;
	const char *link = portal_link(r, "/org");
	size_t n;
	int rc;
	do
		rc = contact_batch(r, before, link, &n);
	while (rc == 0 && n == CONTACT_BATCH);
	portal_tmpl_free();
	return rc;
}

PORTAL_SQL(sql_form_once_expire, 0,
	"DELETE FROM form_once WHERE created_at < ?");

/* every customer's quota and its submitters counted anew, 500 at a time after an id */
enum { QB_ID, QB_NAME, QB_CLASS, QB_OVERRIDE, QB_MAX, QB_SUBMITTERS, QB_OVER_SINCE, QB__N };
PORTAL_SQL(sql_quota_batch, QB__N,
	SQL_QUOTA_ORG_COLS(SQL_COUNT_NOW(SQL_SUBMITTERS("o.id")), "", " FROM organisations o")
	" AND o.id > ? ORDER BY o.id LIMIT 500");

/* The nightly report (document 001): one line per customer with its use of the quota-limited role; an
 * organisation over its maximum is flagged (since the first night) and gets an audit row each night, and
 * one more when it is back under. Nobody's role is stripped. Uses the portal's clock, so a test stack's
 * clock offset applies. */
int cmd_nightly(void)
{
	struct portal_req *r = portal_req_new();
	struct row { int64_t id, max, used; bool flagged; char *name; } *rows = NULL;
	size_t n = 0, cap = 0;
	int f, rc = 0;
	/* the one-time tokens of forms (once.c) older than a day: a copy of a form sent later is a new form */
	if (portal_exec(r, &sql_form_once_expire, NULL, "i", r->now - 86400) != PORTAL_OK)
		rc = die("%s", "cannot remove the forms' old tokens");
	/* every customer, in batches of 500 by id: no cap, and each statement reads one index range */
	for (int64_t after = 0, got = 1; got > 0 && rc == 0;) {
		struct portal_rows *st;
		if (portal_query(r, &st, &sql_quota_batch, "i", after) != PORTAL_OK) {
			rc = die("%s", "cannot read the organisations");
			break;
		}
		for (got = 0; (f = portal_next(st)) == 1; got++) {
			if (n == cap)
				rows = portal_xrealloc(rows, (cap = cap ? 2 * cap : 64) * sizeof *rows);
			rows[n].id = after = portal_col_int(st, QB_ID);
			rows[n].name = portal_xstrdup(portal_col(st, QB_NAME));
			rows[n].max = portal_col_int(st, QB_MAX);
			rows[n].used = portal_col_int(st, QB_SUBMITTERS);
			rows[n].flagged = !portal_col_null(st, QB_OVER_SINCE);
			n++;
		}
		if (f < 0)
			rc = die("%s", "cannot read the organisations");
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct row *x = &rows[i];
		bool over = x->used > x->max;
		char clean[220];
		portal_sanitize_line(clean, sizeof clean, x->name);
		printf("org %lld %s: %lld of %lld, %s\n", (long long)x->id, clean, (long long)x->used, (long long)x->max,
			over ? "OVER QUOTA" : x->used == x->max ? "at the maximum" : "within the quota");
		if (!over && !x->flagged)
			continue;
		/* over: an audit row every night (the organisation's admins see it in their log); back under: once */
		if (portal_db_begin(r) != PORTAL_OK ||
		    portal_quota_flag(r, x->id, over) != PORTAL_OK ||
		    portal_audit(r, over ? "quota_over" : "quota_back_under", x->id, 0,
			    portal_printf(r, "nightly count: Incidentenbeheer %lld of %lld", (long long)x->used, (long long)x->max)) != PORTAL_OK ||
		    portal_db_commit(r) != PORTAL_OK) {
			portal_db_rollback(r);
			rc = die("cannot flag organisation %lld", (long long)x->id);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
	if (rc == 0)
		rc = contact_reminders(r);
	portal_req_free(r);
	return rc;
}
