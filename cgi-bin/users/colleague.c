/* colleague.c: one colleague's page, editing their data, and the status changes one at a time or in bulk
 * (disable, enable, remove, invite again, reset link, end sessions, unlock, app reset). */
#include "users.h"

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

enum { LI_VOID_REASON, LI_EXPIRES, LI_USED, LI__N };
PORTAL_SQL(sql_last_invite, LI__N,
	"SELECT void_reason, expires_at, used_at IS NOT NULL FROM user_tokens WHERE user_id = ? AND purpose = 'invite'"
	" ORDER BY id DESC LIMIT 1");

/* GET /users/# — users.view. In: m. Out: 200; 404 unknown or another organisation's colleague. */
int view(struct portal_req *r)
{
	struct portal_colleague c;
	enum portal_err rc = portal_colleague_get(r, r->path_id, PORTAL_COLLEAGUE_SESSIONS, &c);
	if (rc != PORTAL_OK)
		return portal_failed(r, rc);
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
		struct portal_rows *q;
		if ((rc = portal_query_row(r, &q, &sql_last_invite, "i", c.id)) == PORTAL_OK && !portal_col_null(q, LI_VOID_REASON) &&
		    !portal_col_int(q, LI_USED) && portal_col_int(q, LI_EXPIRES) <= r->now)
			portal_set_text(r, "Page.u.invite_void", portal_printf(r, "Users.invite_void_%s",
				portal_col(q, LI_VOID_REASON)));
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

PORTAL_SQL(sql_update, 0,
	"UPDATE users SET given_name = ?, name_prefix = ?, family_name = ?, email = ?, mobile = ?,"
	" mobile_verified_at = ? WHERE id = ? AND org_id = ? AND status <> 'removed'");

/* POST /users/# — users.manage, CSRF. In: given_name, name_prefix, family_name, email, mobile. A changed
 * number is unconfirmed until the colleague enters a code sent to it (AUTH-10). A changed address or number needs
 * a login of at most 5 minutes ago (403 with a link to log in again), voids every link sent before, and sends an
 * invited colleague's invitation again to the address as it is now; the support desk changes names only. Out: 303 back with a notice; 404; 409 e-mail address in use; 422 invalid input. */
int edit(struct portal_req *r)
{
	static const char *const names[] = { "given_name", "name_prefix", "family_name", "email", "mobile" };
	struct portal_colleague c;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_colleague_get(r, r->path_id, PORTAL_COLLEAGUE_LOCK, &c)) != PORTAL_OK)
		return portal_failed(r, rc);
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
	rc = portal_exec(r, &sql_update, NULL, "sssssIii", given, prefix, family, email, mobile, verified_at, c.id,
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
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return portal_failed(r, rc);
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

PORTAL_SQL(sql_set_status, 0,
	"UPDATE users SET status = ? WHERE id = ? AND org_id = ? AND status <> 'removed'");

/* removal keeps the row (audit trail, incidents) but frees the e-mail address and the password */
PORTAL_SQL(sql_remove, 0,
	"UPDATE users SET status = 'removed', password_hash = NULL, mobile_verified_at = NULL"
	" WHERE id = ? AND org_id = ? AND status <> 'removed'");

/* Recovery (AUTH-08): the colleague's authenticator app removed; they log in with an SMS code and enrol a new app.
 * Their sessions end; they are told by e-mail (LOG-03). */
static enum portal_err totp_reset_one(struct portal_req *r, const struct portal_colleague *c)
{
	enum portal_lang lang = portal_lang_parse(c->lang);
	if (lang == PORTAL_NLANG)
		lang = r->lang;
	enum portal_err rc;
	if ((rc = portal_totp_remove(r, c->id)) == PORTAL_OK &&
	    (rc = portal_session_end_all(r, c->id)) == PORTAL_OK &&
	    (rc = portal_mail_enqueue(r, c->id, c->email, portal_text_lang(lang, "Mail.factor_changed_subject"),
		     portal_fill(r, portal_text_lang(lang, "Mail.factor_changed_body"), "name", c->given, "detail",
			     portal_fill(r, portal_text_lang(lang, "Totp.detail_reset"), "by", r->sess.display_name, NULL),
			     "support", portal_cf->support_name, NULL))) == PORTAL_OK)
		rc = audit_change(r, c, "totp_reset", "authenticator app removed by an admin; sessions ended");
	return rc;
}

/* The change an action makes to a colleague checked for it, audited, in the caller's transaction. */
static enum portal_err act_change(struct portal_req *r, enum action a, const struct portal_colleague *c)
{
	struct portal_person who = { c->id, r->sess.org_id, c->email, c->given, c->lang, r->sess.org_name };
	const char *to = a == A_ENABLE && c->has_password ? "active" : "invited";
	enum portal_err rc = PORTAL_OK;
	switch (a) {
	case A_DISABLE:
	case A_REMOVE:
		rc = a == A_DISABLE ? portal_exec(r, &sql_set_status, NULL, "sii", "disabled", c->id, r->sess.org_id)
			: portal_exec(r, &sql_remove, NULL, "ii", c->id, r->sess.org_id);
		/* their sessions end at once (SES-05, ACC-06) */
		if (rc == PORTAL_OK)
			rc = portal_session_end_all(r, c->id);
		if (rc == PORTAL_OK)
			rc = audit_change(r, c, a == A_DISABLE ? "user_disabled" : "user_removed",
				portal_printf(r, "status %s -> %s; sessions ended", c->status, a == A_DISABLE ? "disabled" : "removed"));
		return rc;
	case A_ENABLE:
		if ((rc = portal_exec(r, &sql_set_status, NULL, "sii", to, c->id, r->sess.org_id)) == PORTAL_OK &&
		    (rc = audit_change(r, c, "user_enabled", portal_printf(r, "status disabled -> %s", to))) == PORTAL_OK)
			rc = portal_bootstrap_end(r, r->sess.org_id);   /* an admin back: the vendor's links die */
		return rc;
	case A_INVITE:
		if ((rc = portal_send_invite(r, &who)) == PORTAL_OK)
			rc = audit_change(r, c, "invitation_sent", "invitation sent again; earlier links void");
		return rc;
	case A_RESET:
		if ((rc = portal_send_reset(r, &who)) == PORTAL_OK)
			rc = audit_change(r, c, "reset_sent", "reset link e-mailed by an admin");
		return rc;
	case A_SESSIONS:
		if ((rc = portal_session_end_all(r, c->id)) == PORTAL_OK)
			rc = audit_change(r, c, "sessions_ended", "all sessions ended by an admin");
		return rc;
	case A_UNLOCK:
		/* AUTH-04: after failed logins (up to the lock at 100) an admin lets the colleague try again */
		if ((rc = portal_throttle_clear(r, PORTAL_TH_PW_ACCT, c->email, strlen(c->email))) == PORTAL_OK)
			rc = audit_change(r, c, "login_unlocked", "failed-login counter cleared by an admin");
		return rc;
	case A_TOTP:
		return totp_reset_one(r, c);
	}
	return rc;
}

/* One action on one colleague, in its own transaction with the organisation's row locked. Returns 0 done,
 * 404 not found (or another organisation's), 409 refused (*conflict says why), 500/503 failure. */
static int act_one(struct portal_req *r, int64_t id, enum action a, struct portal_colleague *c, const char **conflict)
{
	enum portal_err rc;
	*conflict = NULL;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if ((rc = portal_org_lock(r, r->sess.org_id)) != PORTAL_OK)
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
	if (!*conflict)
		rc = act_change(r, a, c);
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

/* POST /users/#/{disable,enable,remove,invite,reset,sessions,unlock,totp} — users.manage, CSRF. No fields; the
 * action is the path's last part. Out: 303 back with a notice (after removal: to the overview); 404 unknown or
 * another organisation's colleague; 409 last active admin, or a status the action does not apply to (with the
 * reason). */
int action(struct portal_req *r)
{
	static const char *const names[] = { [A_DISABLE] = "disable", [A_ENABLE] = "enable", [A_REMOVE] = "remove",
		[A_INVITE] = "invite", [A_RESET] = "reset", [A_SESSIONS] = "sessions", [A_UNLOCK] = "unlock", [A_TOTP] = "totp" };
	const char *name = strrchr(r->route->path, '/') + 1;
	for (size_t a = 0; a < sizeof names / sizeof *names; a++)
		if (!strcmp(name, names[a]))
			return act(r, (enum action)a);
	return portal_error(r, 404, "Err.not_found");
}

/* GET /users/#/remove — users.manage. Out: 200 the confirmation page; 404. */
int remove_confirm(struct portal_req *r)
{
	struct portal_colleague c;
	enum portal_err rc = portal_colleague_get(r, r->path_id, PORTAL_COLLEAGUE_READ, &c);
	if (rc != PORTAL_OK)
		return portal_failed(r, rc);
	portal_set_int(r, "Page.u.id", c.id);
	portal_set(r, "Page.u.name", portal_full_name(r, c.given, c.prefix, c.family));
	portal_set(r, "Page.u.email", c.email);
	return portal_render(r, 200, "users_remove.cs");
}

/* ---- bulk actions ---- */

/* POST /users/bulk — users.manage, CSRF. In: id (1..50, repeated), action (disable, invite, remove),
 * confirm. Without confirm: 200 the confirmation page listing the rows. With confirm: each row in its own
 * transaction (the last-admin rule per row), 200 a page with each row's result. 422 nothing selected. */
int bulk(struct portal_req *r)
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
