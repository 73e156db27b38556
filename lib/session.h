/* session.h: sessions and CSRF (session.c). */
#ifndef PORTAL_SESSION_H
#define PORTAL_SESSION_H

#include "base.h"

#define PORTAL_COOKIE_SESSION "pw_session"
#define PORTAL_COOKIE_PRE "pw_pre"
/* Loads the session of the cookie with the one authorisation query; r->sess.stage says the outcome. */
enum portal_err portal_session_load(struct portal_req *r);
/* A new session in the pending stage for user (after a right password); sets the cookie. */
enum portal_err portal_session_start(struct portal_req *r, int64_t user_id);
/* Second factor passed: new token, full stage, auth time now. */
enum portal_err portal_session_promote(struct portal_req *r);
enum portal_err portal_session_end(struct portal_req *r);
/* Every session of a user (disable, removal, password change). */
enum portal_err portal_session_end_all(struct portal_req *r, int64_t user_id);
/* Ends the user's other sessions; this one is kept. */
enum portal_err portal_session_end_others(struct portal_req *r);
bool portal_has_right(struct portal_req *r, const char *right);
/* Fills r->sess.dossier: the dossier (0: not the organisation's), its modules, whether the user is assigned;
 * its rights are the profile's dossier rights capped by the modules, plus the settings for dossiers.manage. */
void portal_dossier_compute(struct portal_req *r, int64_t dossier_id, const char *modules, bool assigned);
/* Would the user's profile give this right in the dossier of the request, but for a module the dossier has
 * switched off (document 003: the configuration caps the widest access)? */
bool portal_dossier_module_off(struct portal_req *r, const char *right);
/* A right inside the dossier of the request (dossier routes only). */
bool portal_has_dossier_right(struct portal_req *r, const char *right);
/* Vendor staff working in a customer's data: the rights a support grant gives there (read or write): colleagues
 * and their roles, the log, the dossiers, and the back office's modules (document 002: help importing data) as
 * far as the customer's role set reaches them. Never approving a product, nor who can log in (route flags). */
#define PORTAL_SUPPORT_READ_RIGHTS "users.view", "audit.view", "dossiers.view", "clients.view", "finance.documents", \
	"relations.view", "policies.view", "claims.view", "ledger.view", "debtors.view", "creditors.view", "products.view"
#define PORTAL_SUPPORT_WRITE_RIGHTS PORTAL_SUPPORT_READ_RIGHTS, "users.manage", "dossiers.manage", \
	"relations.change", "relations.create", "policies.change", "policies.create", "claims.change", "claims.create", \
	"ledger.change", "ledger.create", "debtors.change", "debtors.create", "creditors.change", "creditors.create", \
	"products.change", "products.create"
/* Does a role the session's organisation may use give this right? */
bool portal_org_may_give(struct portal_req *r, const char *right);
/* Adds rights to the session's effective ones (kept sorted, without duplicates). */
void portal_rights_add(struct portal_req *r, const char *const *keys, size_t n);
/* May the session change who can log in to its organisation (create, import or invite colleagues, change their
 * address or number, send them links, reset their authenticator)? Everyone allowed by the route's right, but the
 * support desk working in a customer's data only in bootstrap, never under a grant (ACC-07). */
bool portal_identity_allowed(struct portal_req *r);
/* In the caller's transaction, after a change that may have given org_id its first active admin (an accepted
 * invitation, an admin enabled): once it has one, every invitation and reset link vendor staff sent there is void
 * (audited), so nothing the vendor set up during bootstrap stays a way in (ACC-07). */
enum portal_err portal_bootstrap_end(struct portal_req *r, int64_t org_id);
/* May the session change this colleague (their data, status, factors, roles)? Always, except for the support
 * desk working in a customer's data when the colleague is one of its admins: who administers the
 * organisation, and their account, stays the customer's own business (no takeover through a grant). */
bool portal_support_may_change(struct portal_req *r, const char *role_ids);
/* Writes a vendor request in a customer's data to that customer's audit log (with the grant's id), and on a
 * grant's first use tells the customer's admins. Autonomous: committed even if the handler fails later. */
enum portal_err portal_support_log_request(struct portal_req *r);
/* portalctl: tells the admins of grants that expired (and were not told yet) that they ended. */
int portal_support_sweep(struct portal_req *r);
/* E-mails every active admin (users.manage) of org about a grant: kind "granted", "first_use" or "ended". */
enum portal_err portal_support_notify(struct portal_req *r, int64_t grant_id, const char *kind);
/* A dossier's modules string ("documents,archive") holds module? */
bool portal_module_on(const char *modules, const char *module);
/* AUTH-08: must this user enrol an authenticator app before anything else? Vendor staff always, an
 * organisation's admins when it requires it. */
bool portal_app_required(struct portal_req *r);
/* ... and once they have one: only the app (no SMS instead, no removal). */
bool portal_app_only(struct portal_req *r);
/* SES-07, AUTH-09: was the password (or second factor) entered in the last `seconds`? */
#define PORTAL_RECENT_GRANT 900    /* granting roles or vendor access, changing password */
#define PORTAL_RECENT_NUMBER 1200  /* changing one's own mobile number */
#define PORTAL_RECENT_IDENTITY 300 /* an admin changing a colleague's address or number, or sending a reset link */
bool portal_recent_login(struct portal_req *r, int64_t seconds);
/* A session's browser in words, from its User-Agent: "Chrome op Linux", else what is known of it. */
const char *portal_device(struct portal_req *r, const char *ua);
/* 303 to the re-authentication page, which comes back to next. */
int portal_reauth_redirect(struct portal_req *r, const char *next);
const char *portal_cookie_name(const char *base);  /* adds __Host- when cookies are secure */
void portal_csrf_prepare(struct portal_req *r);    /* fills r->csrf, creating the pre-session cookie if needed */
bool portal_csrf_valid(struct portal_req *r, const char *token);

#endif
