/* dispatch.c: one request from the server to its handler's answer (DESIGN, "Request flow"): parse with hard
 * limits, find the route, load the session with the one authorisation query, check the second factor, the
 * vendor's grant, the route's right, the origin and CSRF token of a POST, validate the declared fields, run the
 * handler (again after a deadlock that changed nothing) and turn what it left into an answer. The library refuses
 * a request before any handler runs; a database failure is a 503, never a 200. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "portal.h"
#include "internal.h"

static const char *status_key(int status)
{
	switch (status) {
	case 400: return "Err.bad_request";
	case 401: return "Err.unauthorized";
	case 403: return "Err.forbidden";
	case 404: return "Err.not_found";
	case 405: return "Err.method";
	case 409: return "Err.conflict";
	case 413: return "Err.too_large";
	case 414: return "Err.too_large";
	case 415: return "Err.media_type";
	case 429: return "Err.throttled";
	case 503: return "Err.unavailable";
	default: return "Err.server";
	}
}

static bool addr_ok(const char *s)
{
	size_t n = 0;
	for (; *s; s++, n++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F') || *s == ':' ||
		      *s == '.'))
			return false;
	return n > 0 && n <= 45;
}

static bool path_ok(const char *s)
{
	if (s[0] != '/')
		return false;
	size_t n = 0;
	for (; *s; s++, n++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c >= 0x7f)
			return false;
	}
	return n <= 1024;
}

/* "/things/#" matches "/things/42" and sets *id. */
static bool path_match(const char *pattern, const char *path, int64_t *id)
{
	while (*pattern && *path) {
		if (*pattern == '#') {
			if (*path < '1' || *path > '9')
				return false;
			int64_t v = 0;
			int digits = 0;
			while (*path >= '0' && *path <= '9') {
				if (++digits > 18)
					return false;
				v = v * 10 + (*path - '0');
				path++;
			}
			*id = v;
			pattern++;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++, path++;
	}
	return *pattern == '\0' && *path == '\0';
}

static enum portal_lang accept_language(const char *al)
{
	/* the first of nl/en named in the header wins; quality values are rarely needed for two languages */
	if (!al)
		return PORTAL_NLANG;
	for (const char *p = al; *p; p++) {
		if ((p == al || p[-1] == ',' || p[-1] == ' ') && (p[0] == 'n' || p[0] == 'N') && (p[1] == 'l' || p[1] == 'L') &&
		    (p[2] == '\0' || p[2] == '-' || p[2] == ',' || p[2] == ';'))
			return PORTAL_NL;
		if ((p == al || p[-1] == ',' || p[-1] == ' ') && (p[0] == 'e' || p[0] == 'E') && (p[1] == 'n' || p[1] == 'N') &&
		    (p[2] == '\0' || p[2] == '-' || p[2] == ',' || p[2] == ';'))
			return PORTAL_EN;
	}
	return PORTAL_NLANG;
}

/* SES-06: a POST from another site is refused, whatever its token. The Origin must be the configured
 * base URL, or this server as the browser addressed it (scheme, Host, and the port when the web server
 * passes the host without it, as Debian's nginx fastcgi_params do). */
static bool same_origin(struct portal_req *r)
{
	const char *site = portal_env(r, "HTTP_SEC_FETCH_SITE");
	if (site && strcmp(site, "same-origin") && strcmp(site, "none"))
		return false;
	const char *origin = portal_env(r, "HTTP_ORIGIN");
	if (!origin)
		return true;
	const char *base = portal_cf->base_url;
	if (base && *base) {
		size_t n = strlen(base);
		while (n > 0 && base[n - 1] == '/')
			n--;
		if (strlen(origin) == n && !strncmp(origin, base, n))
			return true;
	}
	const char *host = portal_env(r, "HTTP_HOST"), *port = portal_env(r, "SERVER_PORT");
	if (!host || !*host)
		return false;
	const char *scheme = r->https ? "https" : "http";
	bool default_port = !port || !strcmp(port, r->https ? "443" : "80");
	const char *want = strchr(host, ':') || default_port ? portal_printf(r, "%s://%s", scheme, host)
		: portal_printf(r, "%s://%s:%s", scheme, host, port);
	return !strcmp(origin, want);
}

static int read_body(struct portal_req *r, char **body, size_t *len, long limit, const char **why)
{
	*body = NULL;
	*len = 0;
	const char *cl = portal_env(r, "CONTENT_LENGTH");
	if (!cl || !*cl)
		return 0;
	unsigned long long n = 0;
	for (const char *p = cl; *p; p++) {
		if (*p < '0' || *p > '9' || p - cl > 15) {
			*why = "Err.bad_request";
			return 400;
		}
		n = n * 10 + (unsigned long long)(*p - '0');
	}
	if (n > (unsigned long long)limit) {
		*why = "Err.too_large";
		return 413;
	}
	if (n == 0)
		return 0;
	char *b = portal_alloc(r, (size_t)n + 1);
	size_t got = 0;
	if (r->io->fr) {
		while (got < n) {
			int k = FCGX_GetStr(b + got, (int)(n - got), r->io->fr->in);
			if (k <= 0)
				break;
			got += (size_t)k;
		}
	} else {
		got = fread(b, 1, (size_t)n, stdin);
	}
	if (got != n) {
		*why = "Err.bad_request";
		return 400;
	}
	b[n] = '\0';
	*body = b;
	*len = (size_t)n;
	return 0;
}

static bool implicit_field(const char *name, bool post)
{
	return !strcmp(name, "lang") || (post && !strcmp(name, "csrf"));
}

/* A set of ids from repeated fields: each a positive integer, duplicates dropped, at most f->max. */
static void ids_check(struct portal_req *r, const struct portal_field *f, const struct portal_kvs *in,
	struct portal_value *out)
{
	memset(out, 0, sizeof *out);
	out->valid = true;
	size_t n = 0;
	for (size_t i = 0; i < in->n; i++)
		n += !strcmp(in->v[i].name, f->name) && in->v[i].len > 0;
	if (n == 0) {
		if (f->flags & PF_REQUIRED) {
			out->valid = false;
			out->err = "Err.none_selected";
		}
		return;
	}
	out->present = true;
	if (f->max && (long long)n > f->max) {
		out->valid = false;
		out->err = "Err.too_many_selected";
		return;
	}
	int64_t *ids = portal_alloc(r, n * sizeof *ids);
	size_t k = 0;
	for (size_t i = 0; i < in->n; i++) {
		if (strcmp(in->v[i].name, f->name) || in->v[i].len == 0)
			continue;
		const char *s = in->v[i].value;
		int64_t v = 0;
		size_t d = 0;
		for (; s[d] >= '0' && s[d] <= '9' && d < 16; d++)
			v = v * 10 + (s[d] - '0');
		if (d == 0 || s[d] || v <= 0) {
			out->valid = false;
			out->err = "Err.bad_field";
			return;
		}
		bool seen = false;
		for (size_t j = 0; j < k && !seen; j++)
			seen = ids[j] == v;
		if (!seen)
			ids[k++] = v;
	}
	out->ids = ids;
	out->nids = k;
}

/* Validates the declared fields. A form's undeclared field is refused (ACC-03); a link's undeclared query
 * parameter (/org?utm_source=mail) is ignored and logged at debug: it reaches no handler either way. */
static int check_fields(struct portal_req *r, const struct portal_kvs *in, bool post, const char **why)
{
	const struct portal_field *f = r->route->fields;
	size_t nf = 0;
	for (; f && f[nf].name; nf++)
		;
	for (size_t i = 0; i < in->n; i++) {
		if (implicit_field(in->v[i].name, post))
			continue;
		bool known = false;
		for (size_t k = 0; k < nf && !known; k++)
			known = !strcmp(f[k].name, in->v[i].name);
		if (!known && !post) {
			portal_log(r, PORTAL_LOG_DEBUG, "query parameter %.40s ignored", in->v[i].name);
			continue;
		}
		if (!known) {
			*why = "Err.bad_field";
			portal_log(r, PORTAL_LOG_INFO, "undeclared field refused");
			return 400;
		}
	}
	for (size_t i = 0; i < r->files.n; i++) {
		bool known = false;
		for (size_t k = 0; k < nf && !known; k++)
			known = f[k].type == PF_FILE && !strcmp(f[k].name, r->files.v[i].field);
		if (!known) {
			*why = "Err.bad_field";
			portal_log(r, PORTAL_LOG_INFO, "undeclared file field refused");
			return 400;
		}
	}
	r->in = portal_alloc(r, (nf ? nf : 1) * sizeof *r->in);
	for (size_t k = 0; k < nf; k++) {
		const char *raw = NULL;
		size_t len = 0;
		if (f[k].type == PF_IDS) {
			ids_check(r, &f[k], in, &r->in[k]);
			continue;
		}
		if (f[k].type == PF_FILE) {
			/* a file part, never a text part of the same name */
			struct portal_value *v = &r->in[k];
			memset(v, 0, sizeof *v);
			for (size_t i = 0; i < in->n; i++)
				if (!strcmp(in->v[i].name, f[k].name)) {
					*why = "Err.bad_field";
					return 400;
				}
			for (size_t i = 0; i < r->files.n; i++)
				if (!strcmp(r->files.v[i].field, f[k].name) && (r->files.v[i].len > 0 || r->files.v[i].filename[0]))
					v->file = &r->files.v[i];
			v->present = v->file != NULL;
			if (!v->present)
				v->valid = !(f[k].flags & PF_REQUIRED), v->err = v->valid ? NULL : "Err.required";
			else if ((long long)v->file->len > f[k].max)
				v->err = "Err.file_too_large";
			else if (v->file->len == 0)
				v->err = "Err.file_empty";
			else
				v->valid = true, v->len = v->file->len;
			continue;
		}
		for (size_t i = 0; i < in->n; i++)
			if (!strcmp(in->v[i].name, f[k].name)) {
				raw = in->v[i].value;
				len = in->v[i].len;
			}
		portal_field_check(r, &f[k], raw, len, &r->in[k]);
	}
	return 0;
}

/* Not logged in: to the login page, which brings the user back here afterwards. */
static int redirect_login(struct portal_req *r, bool expired)
{
	const char *qs = portal_env(r, "QUERY_STRING");
	const char *next = qs && *qs ? portal_printf(r, "%s?%s", r->path, qs) : r->path;
	return portal_redirect(r, portal_printf(r, "%s?%snext=%s", portal_site()->login, expired ? "m=expired&" : "",
		portal_url_encode(r, next)));
}

/* The same without the way back (after a POST, or for a page of the login flow itself). */
static int redirect_to_login(struct portal_req *r)
{
	return portal_redirect(r, r->sess_gone ? portal_printf(r, "%s?m=expired", portal_site()->login) : portal_site()->login);
}

/* The request's method, address, scheme and path: 0, or the status to answer. */
static int request_basics(struct portal_req *r)
{
	r->method = portal_env(r, "REQUEST_METHOD");
	const char *addr = portal_env(r, "REMOTE_ADDR");
	r->remote_addr = addr && addr_ok(addr) ? addr : "";
	const char *https = portal_env(r, "HTTPS");
	r->https = https && (!strcmp(https, "on") || !strcmp(https, "1"));
	const char *sn = portal_env(r, "SCRIPT_NAME"), *pi = portal_env(r, "PATH_INFO");
	r->path = portal_printf(r, "%s%s", sn ? sn : "", pi ? pi : "");
	if (!r->method || !path_ok(r->path))
		return portal_error(r, 400, "Err.bad_request");
	return 0;
}

/* The cookies, the query and the language, first of all, so that even a refusal speaks the user's language:
 * ?lang= (kept in a cookie), the cookie, the browser's, the configured default. *forced: ?lang= chose it. */
static int request_language(struct portal_req *r, bool *forced)
{
	const char *why = NULL;
	int rc;
	*forced = false;
	const char *qs = portal_env(r, "QUERY_STRING");
	size_t qlen = qs ? strlen(qs) : 0;
	if (qlen > (size_t)portal_cf->max_query)
		return portal_error(r, 414, "Err.too_large");
	if ((rc = portal_parse_cookies(r, portal_env(r, "HTTP_COOKIE"), &r->cookies, &why)) != 0)
		return portal_error(r, rc, why);
	enum portal_lang lang = portal_lang_parse(portal_kv_get(&r->cookies, portal_cookie_name("pw_lang")));
	if (lang == PORTAL_NLANG)
		lang = accept_language(portal_env(r, "HTTP_ACCEPT_LANGUAGE"));
	r->lang = lang != PORTAL_NLANG ? lang : portal_lang_parse(portal_cf->default_lang);
	if ((rc = portal_parse_urlencoded(r, qs, qlen, &r->query, &why)) != 0)
		return portal_error(r, rc, why);
	const char *qlang = portal_kv_get(&r->query, "lang");
	enum portal_lang ql = qlang ? portal_lang_parse(qlang) : PORTAL_NLANG;
	if (qlang && ql == PORTAL_NLANG)   /* ?lang=de from a link: the page in the language it would have had */
		portal_log(r, PORTAL_LOG_DEBUG, "unknown language in the query ignored");
	if (ql != PORTAL_NLANG) {
		r->lang = ql;
		*forced = true;
		portal_cookie(r, "pw_lang", portal_lang_code(ql), 365L * 86400);
	}
	return 0;
}

/* The route of the method and path: 0, or 404, or 405 with the methods the path has. */
static int route_find(struct portal_req *r, const struct portal_program *prog, bool head_only)
{
	const char *m = head_only ? "GET" : r->method;
	const struct portal_route *path_hit = NULL;
	for (const struct portal_route *rt = prog->routes; rt->method; rt++) {
		int64_t id = 0;
		if (!path_match(rt->path, r->path, &id))
			continue;
		path_hit = rt;
		if (!strcmp(rt->method, m)) {
			r->route = rt;
			r->path_id = id;
			return 0;
		}
	}
	if (!path_hit)
		return portal_error(r, 404, "Err.not_found");
	struct portal_buf allow = { 0 };
	for (const struct portal_route *rt = prog->routes; rt->method; rt++) {
		int64_t id;
		if (path_match(rt->path, r->path, &id)) {
			portal_buf_addf(&allow, "%s%s", allow.len ? ", " : "", rt->method);
			if (!strcmp(rt->method, "GET"))
				portal_buf_adds(&allow, ", HEAD");
		}
	}
	portal_header(r, "Allow", portal_buf_str(&allow));
	portal_buf_free(&allow);
	return portal_error(r, 405, "Err.method");
}

/* A POST's body: a form (urlencoded), or on an upload route multipart/form-data, each within the limit shared
 * with nginx and Apache (AV-02): 0, or the status to answer. */
static int request_body(struct portal_req *r)
{
	const char *why = NULL;
	char *body = NULL;
	size_t blen = 0;
	int rc;
	const char *ct = portal_env(r, "CONTENT_TYPE");
	if (r->route->upload) {
		if (!ct || strncasecmp(ct, "multipart/form-data", 19) || (ct[19] && ct[19] != ';'))
			return portal_error(r, 415, "Err.media_type");
		if ((rc = read_body(r, &body, &blen, portal_cf->max_upload, &why)) != 0)
			return portal_error(r, rc, why);
		if ((rc = portal_parse_multipart(r, body ? body : "", blen, ct, &r->form, &r->files, &why)) != 0)
			return portal_error(r, rc, why);
		return 0;
	}
	const char *cl = portal_env(r, "CONTENT_LENGTH");
	if (cl && *cl && strcmp(cl, "0") &&
	    (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33) || (ct[33] && ct[33] != ';')))
		return portal_error(r, 415, "Err.media_type");
	if ((rc = read_body(r, &body, &blen, portal_cf->max_body, &why)) != 0)
		return portal_error(r, rc, why);
	if ((rc = portal_parse_urlencoded(r, body, blen, &r->form, &why)) != 0)
		return portal_error(r, rc, why);
	return 0;
}

/* ACC-07: vendor staff working in a customer's data (a route that says it is) see nothing of it without an active
 * grant (or bootstrap): 404, as if it did not exist; change nothing under a read grant; never touch who can log in
 * there but in bootstrap; and every request they make there is in the customer's audit log, written before
 * anything is shown. 0, or the status to answer. */
static int acting_check(struct portal_req *r)
{
	if (!r->sess.acting.org_id || !(r->route->flags & (PORTAL_RF_READ | PORTAL_RF_WRITE | PORTAL_RF_IDENTITY)))
		return 0;
	if (!r->sess.acting.allowed)
		return portal_error(r, 404, "Support.no_access");
	if (portal_support_log_request(r) != PORTAL_OK)
		return portal_error(r, 503, "Err.unavailable");
	if ((r->route->flags & PORTAL_RF_IDENTITY) && !r->sess.acting.bootstrap)
		return portal_error(r, 403, "Support.identity");
	if ((r->route->flags & (PORTAL_RF_WRITE | PORTAL_RF_IDENTITY)) && !r->sess.acting.write)
		return portal_error(r, 403, "Support.read_only");
	return 0;
}

/* The right a route of a logged-in user names, in the organisation or in the dossier of the path: 0, or the
 * status to answer. */
static int right_check(struct portal_req *r)
{
	if (r->route->access == PORTAL_ACCESS_RIGHT && !portal_has_right(r, r->route->right)) {
		portal_log(r, PORTAL_LOG_INFO, "user %lld lacks right %s for %s", (long long)r->sess.user_id, r->route->right,
			r->path);
		return portal_error(r, 403, "Err.no_right");
	}
	if (r->route->access != PORTAL_ACCESS_DOSSIER)
		return 0;
	/* another organisation's dossier, or one the user is not in: as if it did not exist (ACC-01) */
	if (!r->sess.dossier.visible)
		return portal_error(r, 404, "Err.not_found");
	if (r->route->right && !portal_has_dossier_right(r, r->route->right)) {
		portal_log(r, PORTAL_LOG_INFO, "user %lld lacks dossier right %s for %s", (long long)r->sess.user_id,
			r->route->right, r->path);
		/* the profile gives it, the dossier's configuration caps it: say that, not "ask for a role" */
		return portal_error(r, 403, portal_dossier_module_off(r, r->route->right) ? "Dossiers.module_off"
			: "Err.no_right");
	}
	return 0;
}

/* The route's access rule, before the handler runs: 0, or the status to answer. */
static int access_check(struct portal_req *r, bool post)
{
	const struct portal_site *site = portal_site();
	switch (r->route->access) {
	case PORTAL_ACCESS_PUBLIC:
		return 0;
	case PORTAL_ACCESS_PENDING:
		if (r->sess.stage == PORTAL_STAGE_FULL)
			return portal_redirect(r, site->start);
		return r->sess.stage == PORTAL_STAGE_PENDING ? 0 : redirect_to_login(r);
	case PORTAL_ACCESS_USER:
	case PORTAL_ACCESS_RIGHT:
	case PORTAL_ACCESS_DOSSIER:
		break;
	default:
		return portal_error(r, 500, "Err.server");
	}
	if (r->sess.stage == PORTAL_STAGE_PENDING)
		return portal_redirect(r, site->second_factor);
	if (r->sess.stage != PORTAL_STAGE_FULL)
		return post ? redirect_to_login(r) : redirect_login(r, r->sess_gone);
	/* AUTH-08: vendor staff work only with an authenticator app, and an organisation may require one of its
	 * admins; until they have one they can only enrol it (and re-authenticate for that, or log out) */
	if (portal_app_required(r) && !(r->route->flags & PORTAL_RF_BEFORE_APP))
		return post ? portal_error(r, 403, "Totp.vendor_must")
			: portal_redirect(r, portal_printf(r, "%s?m=required", site->app_enrol));
	int rc = acting_check(r);
	return rc ? rc : right_check(r);
}

/* Every POST: same origin, a valid CSRF token (SES-06), and nothing in the query but the language: 0, or the
 * status to answer. */
static int post_check(struct portal_req *r)
{
	if (!same_origin(r)) {
		portal_log(r, PORTAL_LOG_WARN, "cross-site POST refused");
		return portal_error(r, 403, "Err.cross_site");
	}
	if (!portal_csrf_valid(r, portal_kv_get(&r->form, "csrf"))) {
		portal_log(r, PORTAL_LOG_WARN, "POST without a valid CSRF token refused");
		return portal_error(r, 403, "Err.csrf");
	}
	for (size_t i = 0; i < r->query.n; i++)
		if (strcmp(r->query.v[i].name, "lang"))
			return portal_error(r, 400, "Err.bad_field");
	return 0;
}

/* The response back to what it was before the handler: its headers (the session's cookies) stay. */
static void response_reset(struct portal_req *r, size_t head)
{
	r->head.len = head;
	if (r->head.p)
		r->head.p[head] = '\0';
}

/* The handler. A deadlock's victim (or a lock wait timeout) whose handler made nothing durable yet, having rolled
 * back: the database is as before the handler, so the handler runs again, twice at most, from a clean response
 * (64 parallel logins in bench/run.sh meet two transactions' gap locks on sms_challenges). Then what the handler
 * left: a failed database is a 500 or 503, an open transaction is rolled back, no body is an error page. */
static int run_handler(struct portal_req *r)
{
	struct portal_value *in = r->in;
	unsigned writes = r->writes;
	size_t head = r->head.len;
	int rc;
	for (int attempt = 1;; attempt++) {
		r->deadlocked = false;
		rc = r->route->handler(r);
		if (!r->deadlocked || r->writes != writes || r->db_failed || attempt == 3)
			break;
		if (r->in_tx)
			portal_db_rollback(r);
		portal_db_req_end(r);
		portal_log(r, PORTAL_LOG_WARN, "deadlock or lock wait timeout, nothing committed: %s %s run again (%d)",
			r->method, r->path, attempt + 1);
		response_reset(r, head);
		portal_buf_reset(&r->body);
		portal_tmpl_req_free(r);
		r->body_set = false;
		r->status = 0;
		r->content_type = NULL;
		r->in = in;
	}
	if (r->deadlocked && !r->body_set && rc >= 500 && !r->db_failed) {
		/* still a victim after the re-runs, or after a durable write that a re-run would repeat: the failed
		 * transaction left nothing, and the user may simply try again */
		if (r->in_tx)
			portal_db_rollback(r);
		response_reset(r, head);
		return portal_error(r, 503, "Err.busy");
	}
	if (r->db_failed) {
		if (r->in_tx)
			portal_db_rollback(r);
		portal_buf_reset(&r->head);
		return portal_error(r, portal_db_alive() ? 500 : 503, portal_db_alive() ? "Err.server" : "Err.unavailable");
	}
	if (r->in_tx) {
		portal_log(r, PORTAL_LOG_ERR, "handler left a transaction open: rolled back");
		portal_db_rollback(r);
		return portal_error(r, 500, "Err.server");
	}
	if (!r->body_set)
		return portal_error(r, rc >= 400 ? rc : 500, status_key(rc >= 400 ? rc : 500));
	return r->status;
}

int portal_dispatch(struct portal_req *r, const struct portal_program *prog, bool *head_only)
{
	bool lang_forced;
	int rc;
	if ((rc = request_basics(r)) != 0 || (rc = request_language(r, &lang_forced)) != 0)
		return rc;
	bool post = !strcmp(r->method, "POST");
	*head_only = !strcmp(r->method, "HEAD");
	if ((rc = route_find(r, prog, *head_only)) != 0 || (post && (rc = request_body(r)) != 0))
		return rc;
	/* the session: one query for session, user, organisation and rights; failing closed */
	enum portal_err err = portal_session_load(r);
	if (err != PORTAL_OK)
		return portal_error(r, err == PORTAL_ERR_DB_DOWN ? 503 : 500,
			err == PORTAL_ERR_DB_DOWN ? "Err.unavailable" : "Err.server");
	if (!lang_forced && r->sess.user_lang) {
		enum portal_lang l = portal_lang_parse(r->sess.user_lang);
		if (l != PORTAL_NLANG)
			r->lang = l;
	}
	const char *why = NULL;
	if ((rc = access_check(r, post)) != 0 || (post && (rc = post_check(r)) != 0))
		return rc;
	if ((rc = check_fields(r, post ? &r->form : &r->query, post, &why)) != 0)
		return portal_error(r, rc, why);
	return run_handler(r);
}
