/* app.c: the request loop every program runs (DESIGN, "Request flow"): accept (FastCGI, or one plain
 * CGI request), parse with hard limits, find the route, load the session with the one authorisation
 * query, check second factor, CSRF and the route's right, validate the declared fields, call the handler,
 * write the response with the security headers (IO-06), and free everything the request allocated.
 * The library refuses a request before any handler runs; a database failure is a 503, never a 200. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "portal.h"

#ifndef PORTAL_DEFAULT_CONFIG
#define PORTAL_DEFAULT_CONFIG "/usr/local/etc/poortwachter/portal.conf"
#endif

extern char **environ;

struct portal_io {
	FCGX_Request *fr;   /* NULL for plain CGI */
	char **envp;
};

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

const char *portal_env(struct portal_req *r, const char *name)
{
	if (!r->io)
		return NULL;
	const char *v = FCGX_GetParam(name, r->io->envp);
	return v;
}

/* The arena and the response buffers are kept between requests of a process (cleared, so nothing of
 * one request is readable in the next): no malloc/free churn per request. */
static struct portal_arena *spare_arena;
static struct portal_buf spare_head, spare_body;

static void keep_buf(struct portal_buf *spare, struct portal_buf *b)
{
	if (b->p)
		memset(b->p, 0, b->len);
	b->len = 0;
	if (!spare->p && b->cap <= 256 * 1024) {
		*spare = *b;
	} else {
		portal_buf_free(b);
	}
	memset(b, 0, sizeof *b);
}

/* The request id (logs, error pages) names a request; it is no secret. One random seed per process, then
 * splitmix64 over a counter: distinct within the process, and between processes unless two seeds collide,
 * without a call into OpenSSL's random generator on every request (about 5 % of home's program time). */
static void request_id(char out[17])
{
	static uint64_t state;
	static bool seeded;
	if (!seeded) {
		portal_random(&state, sizeof state);
		seeded = true;
	}
	uint64_t z = (state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	z ^= z >> 31;
	unsigned char id[8];
	for (int i = 0; i < 8; i++)
		id[i] = (unsigned char)(z >> (8 * i));
	portal_hex(id, sizeof id, out);
}

struct portal_req *portal_req_new(void)
{
	struct portal_req *r = portal_xmalloc(sizeof *r);
	memset(r, 0, sizeof *r);
	r->arena = spare_arena ? spare_arena : portal_arena_new();
	spare_arena = NULL;
	r->head = spare_head;
	r->body = spare_body;
	memset(&spare_head, 0, sizeof spare_head);
	memset(&spare_body, 0, sizeof spare_body);
	request_id(r->rid);
	r->now = portal_clock_now();
	r->lang = PORTAL_NL;
	r->remote_addr = "";
	return r;
}

void portal_req_free(struct portal_req *r)
{
	if (!r)
		return;
	if (r->in_tx) {
		portal_log(r, PORTAL_LOG_WARN, "transaction left open by the handler: rolled back");
		portal_db_rollback(r);
	}
	portal_db_req_end(r);
	portal_tmpl_req_free(r);
	keep_buf(&spare_head, &r->head);
	keep_buf(&spare_body, &r->body);
	if (!spare_arena) {
		portal_arena_reset(r->arena);
		spare_arena = r->arena;
	} else {
		portal_arena_free(r->arena);
	}
	memset(r, 0, sizeof *r);
	free(r);
}

enum portal_err portal_startup(const char *prog, const char *const *templates, char *err, size_t errlen)
{
	const char *path = getenv("PORTAL_CONFIG");
	if (!path || !*path)
		path = PORTAL_DEFAULT_CONFIG;
	enum portal_err rc = portal_conf_load(path, err, errlen);
	if (rc != PORTAL_OK)
		return rc;
	portal_log_init(prog, !strcmp(portal_cf->log_target, "syslog"), portal_cf->log_debug);
	if (templates && (rc = portal_tmpl_init(portal_cf->templates_dir, templates, err, errlen)) != PORTAL_OK)
		return rc;
	/* the connection is opened now; if the database is down, each request retries and answers 503 */
	if (portal_db_open() != PORTAL_OK)
		portal_log(NULL, PORTAL_LOG_WARN, "database not reachable at start-up; will retry per request");
	return PORTAL_OK;
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

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

static void out_write(struct portal_req *r, const char *p, size_t n)
{
	if (r->io->fr) {
		if (n)
			FCGX_PutStr(p, (int)n, r->io->fr->out);
	} else if (n) {
		fwrite(p, 1, n, stdout);
	}
}

static void write_response(struct portal_req *r, bool head_only)
{
	struct portal_buf h = { 0 };
	int status = r->status ? r->status : 200;
	portal_buf_addf(&h, "Status: %d %s\r\n", status, reason(status));
	portal_buf_addf(&h, "Content-Type: %s\r\n", r->content_type ? r->content_type : "text/html; charset=utf-8");
	portal_buf_addf(&h, "Content-Length: %lu\r\n", (unsigned long)r->body.len);
	portal_buf_addf(&h, "Content-Language: %s\r\n", portal_lang_code(r->lang));
	portal_buf_adds(&h,
		"Content-Security-Policy: default-src 'self'; object-src 'none'; base-uri 'none'; "
		"frame-ancestors 'none'; form-action 'self'\r\n"
		"X-Content-Type-Options: nosniff\r\n"
		"X-Frame-Options: DENY\r\n"
		"Referrer-Policy: same-origin\r\n"
		"Cross-Origin-Opener-Policy: same-origin\r\n"
		"Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n"
		"Cache-Control: no-store\r\n");
	if (r->https)
		portal_buf_adds(&h, "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n");
	if (r->head.len)
		portal_buf_add(&h, r->head.p, r->head.len);
	portal_buf_adds(&h, "\r\n");
	out_write(r, h.p, h.len);
	if (!head_only)
		out_write(r, r->body.p, r->body.len);
	if (!r->io->fr)
		fflush(stdout);
	portal_buf_free(&h);
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

static const struct portal_site *site_in_use;

const struct portal_site *portal_site(void)
{
	static const struct portal_site unset = { "/", "/", "/", "/", "/", "/", "/", "/" };
	return site_in_use ? site_in_use : &unset;
}

void portal_use_site(const struct portal_site *site)
{
	site_in_use = site;
}

int portal_done(struct portal_req *r, enum portal_err rc, const char *to)
{
	if (rc == PORTAL_OK && (rc = portal_db_commit(r)) == PORTAL_OK)
		return portal_redirect(r, to);
	if (r->in_tx)
		portal_db_rollback(r);
	return 503;
}

/* Not logged in: to the login page, which brings the user back here afterwards. */
static int redirect_login(struct portal_req *r, bool expired)
{
	const char *qs = portal_env(r, "QUERY_STRING");
	const char *next = qs && *qs ? portal_printf(r, "%s?%s", r->path, qs) : r->path;
	return portal_redirect(r, portal_printf(r, "%s?%snext=%s", site_in_use->login, expired ? "m=expired&" : "",
		portal_url_encode(r, next)));
}

/* The same without the way back (after a POST, or for a page of the login flow itself). */
static int redirect_to_login(struct portal_req *r)
{
	return portal_redirect(r, r->sess_gone ? portal_printf(r, "%s?m=expired", site_in_use->login) : site_in_use->login);
}

static int dispatch(struct portal_req *r, const struct portal_program *prog, bool *head_only)
{
	const char *why = NULL;
	int rc;
	r->method = portal_env(r, "REQUEST_METHOD");
	const char *addr = portal_env(r, "REMOTE_ADDR");
	r->remote_addr = addr && addr_ok(addr) ? addr : "";
	const char *https = portal_env(r, "HTTPS");
	r->https = https && (!strcmp(https, "on") || !strcmp(https, "1"));
	const char *sn = portal_env(r, "SCRIPT_NAME"), *pi = portal_env(r, "PATH_INFO");
	r->path = portal_printf(r, "%s%s", sn ? sn : "", pi ? pi : "");
	if (!r->method || !path_ok(r->path))
		return portal_error(r, 400, "Err.bad_request");

	/* language first, so that even a refusal speaks the user's language */
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
	bool lang_forced = false;
	enum portal_lang ql = qlang ? portal_lang_parse(qlang) : PORTAL_NLANG;
	if (qlang && ql == PORTAL_NLANG)   /* ?lang=de from a link: the page in the language it would have had */
		portal_log(r, PORTAL_LOG_DEBUG, "unknown language in the query ignored");
	if (ql != PORTAL_NLANG) {
		enum portal_lang l = ql;
		r->lang = l;
		lang_forced = true;
		portal_cookie(r, "pw_lang", portal_lang_code(l), 365L * 86400);
	}

	/* the route */
	bool post = !strcmp(r->method, "POST");
	*head_only = !strcmp(r->method, "HEAD");
	const char *m = *head_only ? "GET" : r->method;
	const struct portal_route *path_hit = NULL;
	for (const struct portal_route *rt = prog->routes; rt->method; rt++) {
		int64_t id = 0;
		if (!path_match(rt->path, r->path, &id))
			continue;
		path_hit = rt;
		if (!strcmp(rt->method, m)) {
			r->route = rt;
			r->path_id = id;
			break;
		}
	}
	if (!r->route) {
		if (path_hit) {
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
		return portal_error(r, 404, "Err.not_found");
	}

	/* the body: only urlencoded forms, within the limit shared with nginx and Apache (AV-02) */
	char *body = NULL;
	size_t blen = 0;
	if (post && r->route->upload) {
		/* an upload route: multipart/form-data only, within limits.max_upload (AV-02) */
		const char *ct = portal_env(r, "CONTENT_TYPE");
		if (!ct || strncasecmp(ct, "multipart/form-data", 19) || (ct[19] && ct[19] != ';'))
			return portal_error(r, 415, "Err.media_type");
		if ((rc = read_body(r, &body, &blen, portal_cf->max_upload, &why)) != 0)
			return portal_error(r, rc, why);
		if ((rc = portal_parse_multipart(r, body ? body : "", blen, ct, &r->form, &r->files, &why)) != 0)
			return portal_error(r, rc, why);
	} else if (post) {
		const char *ct = portal_env(r, "CONTENT_TYPE");
		const char *cl = portal_env(r, "CONTENT_LENGTH");
		if (cl && *cl && strcmp(cl, "0") &&
		    (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33) || (ct[33] && ct[33] != ';')))
			return portal_error(r, 415, "Err.media_type");
		if ((rc = read_body(r, &body, &blen, portal_cf->max_body, &why)) != 0)
			return portal_error(r, rc, why);
		if ((rc = portal_parse_urlencoded(r, body, blen, &r->form, &why)) != 0)
			return portal_error(r, rc, why);
	}

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

	/* the route's access rule, before the handler runs */
	switch (r->route->access) {
	case PORTAL_ACCESS_PUBLIC:
		break;
	case PORTAL_ACCESS_PENDING:
		if (r->sess.stage == PORTAL_STAGE_FULL)
			return portal_redirect(r, site_in_use->start);
		if (r->sess.stage != PORTAL_STAGE_PENDING)
			return redirect_to_login(r);
		break;
	case PORTAL_ACCESS_USER:
	case PORTAL_ACCESS_RIGHT:
	case PORTAL_ACCESS_DOSSIER:
		if (r->sess.stage == PORTAL_STAGE_PENDING)
			return portal_redirect(r, site_in_use->second_factor);
		if (r->sess.stage != PORTAL_STAGE_FULL)
			return post ? redirect_to_login(r) : redirect_login(r, r->sess_gone);
		/* AUTH-08: vendor staff work only with an authenticator app, and an organisation may require one of
		 * its admins; until they have one they can only enrol it (and re-authenticate for that, or log out) */
		if (portal_app_required(r) && !(r->route->flags & PORTAL_RF_BEFORE_APP)) {
			if (post)
				return portal_error(r, 403, "Totp.vendor_must");
			return portal_redirect(r, portal_printf(r, "%s?m=required", site_in_use->app_enrol));
		}
		/* ACC-07: vendor staff working in a customer's data (a route that says it is) see nothing of it without
		 * an active grant (or bootstrap): 404, as if it did not exist; change nothing under a read grant; never
		 * touch who can log in there but in bootstrap; and every request they make there is in the customer's
		 * audit log, written before anything is shown */
		if (r->sess.acting.org_id && (r->route->flags & (PORTAL_RF_READ | PORTAL_RF_WRITE | PORTAL_RF_IDENTITY))) {
			if (!r->sess.acting.allowed)
				return portal_error(r, 404, "Support.no_access");
			if (portal_support_log_request(r) != PORTAL_OK)
				return portal_error(r, 503, "Err.unavailable");
			if ((r->route->flags & PORTAL_RF_IDENTITY) && !r->sess.acting.bootstrap)
				return portal_error(r, 403, "Support.identity");
			if ((r->route->flags & (PORTAL_RF_WRITE | PORTAL_RF_IDENTITY)) && !r->sess.acting.write)
				return portal_error(r, 403, "Support.read_only");
		}
		if (r->route->access == PORTAL_ACCESS_RIGHT && !portal_has_right(r, r->route->right)) {
			portal_log(r, PORTAL_LOG_INFO, "user %lld lacks right %s for %s", (long long)r->sess.user_id,
				r->route->right, r->path);
			return portal_error(r, 403, "Err.no_right");
		}
		if (r->route->access == PORTAL_ACCESS_DOSSIER) {
			/* another organisation's dossier, or one the user is not in: as if it did not exist (ACC-01) */
			if (!r->sess.dossier.visible)
				return portal_error(r, 404, "Err.not_found");
			if (r->route->right && !portal_has_dossier_right(r, r->route->right)) {
				portal_log(r, PORTAL_LOG_INFO, "user %lld lacks dossier right %s for %s",
					(long long)r->sess.user_id, r->route->right, r->path);
				/* the profile gives it, the dossier's configuration caps it: say that, not "ask for a role" */
				return portal_error(r, 403, portal_dossier_module_off(r, r->route->right) ? "Dossiers.module_off"
					: "Err.no_right");
			}
		}
		break;
	default:
		return portal_error(r, 500, "Err.server");
	}

	/* every POST: same origin and a valid CSRF token (SES-06) */
	if (post) {
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
	}
	if ((rc = check_fields(r, post ? &r->form : &r->query, post, &why)) != 0)
		return portal_error(r, rc, why);

	/* A deadlock's victim (or a lock wait timeout) whose handler made nothing durable yet, having rolled back:
	 * the database is as before the handler, so the handler runs again, twice at most, from a clean response.
	 * Seen with 64 parallel logins (bench/run.sh): two transactions' gap locks on sms_challenges. */
	struct portal_value *in = r->in;
	unsigned writes = r->writes;
	size_t head = r->head.len;   /* headers from before the handler (cookies of the session) stay */
	for (int attempt = 1;; attempt++) {
		r->deadlocked = false;
		rc = r->route->handler(r);
		if (!r->deadlocked || r->writes != writes || r->db_failed || attempt == 3)
			break;
		if (r->in_tx)
			portal_db_rollback(r);
		portal_db_req_end(r);
		portal_log(r, PORTAL_LOG_WARN, "deadlock or lock wait timeout, nothing committed: %s %s run again (%d)", r->method,
			r->path, attempt + 1);
		r->head.len = head;
		if (r->head.p)
			r->head.p[head] = '\0';
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
		r->head.len = head;
		if (r->head.p)
			r->head.p[head] = '\0';
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

static void log_to_fcgi(void *ctx, const char *line, size_t n)
{
	FCGX_PutStr(line, (int)n, ctx);
	FCGX_FFlush(ctx);
}

static void handle(struct portal_io *io, const struct portal_program *prog)
{
	if (io->fr)
		portal_log_sink(log_to_fcgi, io->fr->err);
	struct portal_req *r = portal_req_new();
	r->io = io;
	const char *rid = portal_env(r, "REQUEST_ID");   /* nginx's $request_id, to match its logs */
	if (rid && strlen(rid) >= 16) {
		bool hex = true;
		for (int i = 0; i < 16; i++)
			hex &= (rid[i] >= '0' && rid[i] <= '9') || (rid[i] >= 'a' && rid[i] <= 'f');
		if (hex) {
			memcpy(r->rid, rid, 16);
			r->rid[16] = '\0';
		}
	}
	bool head_only = false;
	dispatch(r, prog, &head_only);
	if (r->in_tx)
		portal_db_rollback(r);
	write_response(r, head_only);
	portal_req_free(r);
	portal_log_sink(NULL, NULL);
}

/* Ends a FastCGI request. libfcgi closes the connection by shutting down its sending side and then sleeping
 * in poll() until the web server has read the response and closed its end (up to 2 s), reading whatever it
 * still sends: unread data would turn the close into a reset that can lose the response. The web server
 * sends nothing after the end of the request's stdin, so once that end has been read a plain close is as
 * safe, and the child takes the next request at once instead of waiting for nginx (a sleep, a wake-up and
 * three system calls on every request). The rest of stdin is read here when a handler left some (a body it
 * refused); more than 64 kB of it left unread, or a broken stream, keeps libfcgi's careful close. */
void portal_fcgi_finish(FCGX_Request *fr)
{
	char sink[4096];
	for (int left = 16; left > 0 && !FCGX_HasSeenEOF(fr->in) && FCGX_GetError(fr->in) == 0; left--)
		if (FCGX_GetStr(sink, (int)sizeof sink, fr->in) < (int)sizeof sink)
			break;   /* short: at the end (libfcgi has seen the empty stdin record) or an error */
	if (FCGX_HasSeenEOF(fr->in) && FCGX_GetError(fr->in) == 0 && FCGX_GetError(fr->out) == 0)
		FCGX_Detach(fr);
	FCGX_Finish_r(fr);
}

/* The route's data flag: exactly one for a logged-in route, none for a public one; a GET never writes, a POST
 * never only reads. */
static bool data_flag_ok(const struct portal_route *rt)
{
	unsigned d = rt->flags & PORTAL_RF_DATA;
	if (rt->access == PORTAL_ACCESS_PUBLIC || rt->access == PORTAL_ACCESS_PENDING)
		return d == 0 && !(rt->flags & PORTAL_RF_BEFORE_APP);
	if (d == 0 || (d & (d - 1)))
		return false;
	bool get = !strcmp(rt->method, "GET");
	return get ? d != PORTAL_RF_WRITE : d != PORTAL_RF_READ;
}

static bool routes_valid(const struct portal_program *prog)
{
	for (const struct portal_route *rt = prog->routes; rt->method || rt->path || rt->handler; rt++) {
		bool ok = rt->method && rt->path && rt->path[0] == '/' && rt->handler &&
			  rt->access > PORTAL_ACCESS_INVALID && rt->access <= PORTAL_ACCESS_DOSSIER &&
			  (rt->access != PORTAL_ACCESS_RIGHT || (rt->right && *rt->right)) &&
			  (rt->access != PORTAL_ACCESS_DOSSIER || strchr(rt->path, '#')) &&
			  (!rt->upload || !strcmp(rt->method, "POST")) &&
			  (!strcmp(rt->method, "GET") || !strcmp(rt->method, "POST")) && data_flag_ok(rt);
		if (!ok) {
			fprintf(stderr, "%s: route %s %s has no valid access rule; refusing to start\n", prog->name,
				rt->method ? rt->method : "?", rt->path ? rt->path : "?");
			return false;
		}
	}
	return true;
}

static const char *const access_names[] = { "invalid", "public", "pending", "user", "right", "dossier" };

int portal_main(int argc, char **argv, const struct portal_program *prog)
{
	if (!routes_valid(prog))
		return 1;
	const struct portal_site *st = prog->site;
	if (!st || !st->login || !st->second_factor || !st->start || !st->app_enrol || !st->reauth || !st->invite ||
	    !st->reset || !st->grant) {
		fprintf(stderr, "%s: the site's pages are not all named; refusing to start\n", prog->name);
		return 1;
	}
	portal_use_site(st);
	if (argc == 2 && !strcmp(argv[1], "--routes")) {
		/* the route table, one route a line (method, path, access, right, data: own, read, write, identity or -,
		 * then "before-app" and "upload" when they apply): for the tests' isolation and vendor matrices and for
		 * reviewers; needs no configuration */
		for (const struct portal_route *rt = prog->routes; rt->method; rt++) {
			unsigned d = rt->flags & PORTAL_RF_DATA;
			printf("%s %s %s %s %s%s%s\n", rt->method, rt->path, access_names[rt->access], rt->right ? rt->right : "-",
				d == PORTAL_RF_OWN ? "own" : d == PORTAL_RF_READ ? "read" : d == PORTAL_RF_WRITE ? "write"
				: d == PORTAL_RF_IDENTITY ? "identity" : "-", rt->flags & PORTAL_RF_BEFORE_APP ? " before-app" : "",
				rt->upload ? " upload" : "");
		}
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--sql")) {
		portal_sql_print(stdout, false);
		return 0;
	}
	char err[600];
	if (argc == 2 && !strcmp(argv[1], "--check-sql")) {
		/* every statement of the program prepared against the configured database, its width checked */
		if (portal_startup(prog->name, NULL, err, sizeof err) != PORTAL_OK) {
			fprintf(stderr, "%s: %s\n", prog->name, err);
			return 1;
		}
		unsigned bad = portal_sql_check_all();
		portal_catalogue_free();
		portal_db_close();
		portal_conf_free();
		return bad ? 1 : 0;
	}
	if (FCGX_Init() != 0) {
		fprintf(stderr, "%s: FCGX_Init failed\n", prog->name);
		return 1;
	}
	bool cgi = FCGX_IsCGI();
	if (portal_startup(prog->name, prog->templates, err, sizeof err) != PORTAL_OK) {
		char clean[600];
		portal_sanitize_line(clean, sizeof clean, err);
		fprintf(stderr, "%s: %s\n", prog->name, clean);
		if (cgi) {
			fputs("Status: 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
			      "Configuration error; see the server log.\n", stdout);
			return 0;
		}
		return 1;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;   /* no SA_RESTART: accept() returns and the loop ends */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (cgi) {
		struct portal_io io = { NULL, environ };
		handle(&io, prog);
	} else {
		FCGX_Request fr;
		FCGX_InitRequest(&fr, 0, FCGI_FAIL_ACCEPT_ON_INTR);
		while (!stopping && FCGX_Accept_r(&fr) >= 0) {
			struct portal_io io = { &fr, fr.envp };
			handle(&io, prog);
			portal_fcgi_finish(&fr);
		}
		FCGX_Free(&fr, 1);
	}
	portal_tmpl_free();
	portal_catalogue_free();
	portal_arena_free(spare_arena);
	portal_buf_free(&spare_head);
	portal_buf_free(&spare_body);
	portal_db_close();
	portal_conf_free();
	return 0;
}
