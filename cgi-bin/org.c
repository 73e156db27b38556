/* org.c: Organisatiegegevens (document 004): the organisation keeps its contact data current.
 *  - GET  /org          org.manage (Beheerder): name, address, invoice e-mail address, phone, and when the data
 *                       was last confirmed;
 *  - POST /org          org.manage, CSRF: the data changed (which is also a check);
 *  - POST /org/checked  org.manage, CSRF: "the data is right" without a change;
 *  - POST /org/policy   org.manage, recent login: require the authenticator app of the admins (AUTH-08).
 * `portalctl nightly` reminds the admins by e-mail when the last check is older than
 * reminders.contact_check_days (once per period). The name is the vendor's to change. Audited. */
#include <string.h>

#include "portal.h"
#include "site.h"

static const char *const notices[] = { "saved", "checked", "policy", NULL };
static const struct portal_field view_fields[] = {
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { F_ADDRESS, F_INVOICE, F_PHONE };
static const struct portal_field edit_fields[] = {
	[F_ADDRESS] = { "address", PF_TEXT, PF_REQUIRED, 5, 500, NULL },
	[F_INVOICE] = { "invoice_email", PF_EMAIL, PF_REQUIRED, 3, 254, NULL },
	[F_PHONE] = { "phone", PF_LINE, PF_REQUIRED, 6, 32, NULL },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static const struct portal_field policy_fields[] = {
	{ "admins_need_app", PF_ENUM, 0, 0, 0, (const char *const[]){ "1", NULL } },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

static bool phone_ok(const char *s)
{
	size_t digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr("+ -()", *p))
			return false;
	}
	return digits >= 6 && digits <= 15;
}

enum { OC_NAME, OC_ADDRESS, OC_INVOICE_EMAIL, OC_PHONE, OC_CHECKED, OC_ADMINS_NEED_APP, OC__N };
PORTAL_SQL(sql_contact, OC__N,
	"SELECT name, address, invoice_email, phone, contact_checked_at, admins_need_app FROM organisations WHERE id = ?");

static int page(struct portal_req *r, int status, const char *error_key)
{
	struct portal_rows *st;
	enum portal_err rc = portal_query_row(r, &st, &sql_contact, "i", r->sess.org_id);
	if (rc != PORTAL_OK)
		return 503;
	portal_set(r, "Page.org.name", portal_col(st, OC_NAME));
	/* after a refused change the form shows what was typed */
	bool typed = error_key && r->in && r->route->fields == edit_fields;
	portal_set(r, "Page.org.address", typed && r->in[F_ADDRESS].s ? r->in[F_ADDRESS].s : portal_col(st, OC_ADDRESS));
	portal_set(r, "Page.org.invoice_email", typed && r->in[F_INVOICE].s ? r->in[F_INVOICE].s : portal_col(st, OC_INVOICE_EMAIL));
	portal_set(r, "Page.org.phone", typed && r->in[F_PHONE].s ? r->in[F_PHONE].s : portal_col(st, OC_PHONE));
	int64_t checked = portal_col_int(st, OC_CHECKED);
	if (checked)
		portal_set(r, "Page.org.checked", portal_when(r, checked));
	portal_set_int(r, "Page.org.due", !checked || r->now - checked > portal_cf->contact_check_days * 86400);
	portal_set_int(r, "Page.org.admins_need_app", portal_col_int(st, OC_ADMINS_NEED_APP));
	if (error_key)
		portal_set_text(r, "Page.error", error_key);
	else {
		const char *m = portal_kv_get(&r->query, "m");
		if (m && (!strcmp(m, "saved") || !strcmp(m, "checked") || !strcmp(m, "policy")))
			portal_set_text(r, "Page.notice", portal_printf(r, "Org.n_%s", m));
	}
	return portal_render(r, status, "org.cs");
}

/* GET /org — org.manage. Out: 200. */
static int show(struct portal_req *r)
{
	return page(r, 200, NULL);
}

PORTAL_SQL(sql_contact_set, 0,
	"UPDATE organisations SET address = ?, invoice_email = ?, phone = ?, contact_checked_at = ? WHERE id = ?");

/* POST /org — org.manage, CSRF. In: address, invoice_email, phone. Out: 303; 422 (nothing changed). */
static int save(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return page(r, 422, bad);
	if (!phone_ok(r->in[F_PHONE].s))
		return page(r, 422, "Org.bad_phone");
	enum portal_err rc = portal_db_begin(r);
	if (rc == PORTAL_OK &&
	    (rc = portal_exec(r, &sql_contact_set, NULL, "sssii", r->in[F_ADDRESS].s, r->in[F_INVOICE].s, r->in[F_PHONE].s,
		     r->now, r->sess.org_id)) == PORTAL_OK)
		rc = portal_audit(r, "org_contact_changed", r->sess.org_id, 0,
			portal_printf(r, "contact data changed and checked; invoice e-mail %s", r->in[F_INVOICE].s));
	return portal_done(r, rc, "/org?m=saved");
}

PORTAL_SQL(sql_contact_checked, 0,
	"UPDATE organisations SET contact_checked_at = ? WHERE id = ?");

/* POST /org/checked — org.manage, CSRF: the data confirmed as it is. Out: 303. */
static int checked(struct portal_req *r)
{
	enum portal_err rc = portal_db_begin(r);
	if (rc == PORTAL_OK &&
	    (rc = portal_exec(r, &sql_contact_checked, NULL, "ii", r->now, r->sess.org_id)) == PORTAL_OK)
		rc = portal_audit(r, "org_contact_checked", r->sess.org_id, 0, "contact data confirmed");
	return portal_done(r, rc, "/org?m=checked");
}

PORTAL_SQL(sql_app_policy, 0,
	"UPDATE organisations SET admins_need_app = ? WHERE id = ?");

/* POST /org/policy — org.manage, CSRF, a recent login. In: admins_need_app (checked or not). With it, every
 * admin of the organisation works only with an authenticator app (AUTH-08): those without one are asked to
 * enrol it at their next click. Audited. Out: 303. */
static int policy(struct portal_req *r)
{
	if (!portal_recent_login(r, PORTAL_RECENT_GRANT))
		return portal_reauth_redirect(r, "/org");
	if (!r->in[0].valid)
		return page(r, 422, r->in[0].err);
	bool on = r->in[0].present;
	enum portal_err rc = portal_db_begin(r);
	if (rc == PORTAL_OK &&
	    (rc = portal_exec(r, &sql_app_policy, NULL, "ii", (int64_t)on, r->sess.org_id)) == PORTAL_OK)
		rc = portal_audit(r, "org_app_policy", r->sess.org_id, 0, on ? "admins must use an authenticator app"
			: "admins may use the SMS code");
	return portal_done(r, rc, "/org?m=policy");
}

PORTAL_PROGRAM("org", ("org.cs"),
	PORTAL_ROUTE_RIGHT("GET", "/org", "org.manage", show, view_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("POST", "/org", "org.manage", save, edit_fields, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/org/checked", "org.manage", checked, NULL, PORTAL_RF_WRITE),
	PORTAL_ROUTE_RIGHT("POST", "/org/policy", "org.manage", policy, policy_fields, PORTAL_RF_WRITE)
)
