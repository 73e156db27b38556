/* app.c: the loop every program runs: start-up (configuration, templates, the database, the route table and the
 * site checked), accept (FastCGI, or one plain CGI request), the request's memory, its dispatch (dispatch.c),
 * the response with the security headers (IO-06), and everything the request allocated freed before the next.
 * PROGRAM --routes, --sql and --check-sql answer without serving. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "portal.h"
#include "internal.h"

#ifndef PORTAL_DEFAULT_CONFIG
#define PORTAL_DEFAULT_CONFIG "/usr/local/etc/poortwachter/portal.conf"
#endif

extern char **environ;


static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
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

int portal_failed(struct portal_req *r, enum portal_err rc)
{
	portal_db_rollback(r);   /* also after a failed COMMIT, as the connection may still hold the transaction */
	if (rc == PORTAL_ERR_NOTFOUND)
		return 404;   /* the dispatcher writes the page */
	if (rc == PORTAL_ERR_CONFIG)
		return portal_error(r, 500, "Err.no_base_url");
	return rc == PORTAL_ERR_CRYPTO || rc == PORTAL_ERR_IO ? 500 : 503;
}

int portal_done(struct portal_req *r, enum portal_err rc, const char *to)
{
	if (rc == PORTAL_OK && (rc = portal_db_commit(r)) == PORTAL_OK)
		return portal_redirect(r, to);
	return portal_failed(r, rc);
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
	portal_dispatch(r, prog, &head_only);
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

/* What a program answers without serving: --routes, the route table, one route a line (method, path, access, right,
 * data: own, read, write, identity or -, then "before-app" and "upload" when they apply), for the tests' isolation
 * and vendor matrices and for reviewers, needing no configuration; --sql, its statements; --check-sql, each of them
 * prepared against the configured database, its width checked. The exit status, or -1 for none of these. */
static int offline(const char *arg, const struct portal_program *prog)
{
	if (!strcmp(arg, "--routes")) {
		for (const struct portal_route *rt = prog->routes; rt->method; rt++) {
			unsigned d = rt->flags & PORTAL_RF_DATA;
			printf("%s %s %s %s %s%s%s\n", rt->method, rt->path, access_names[rt->access], rt->right ? rt->right : "-",
				d == PORTAL_RF_OWN ? "own" : d == PORTAL_RF_READ ? "read" : d == PORTAL_RF_WRITE ? "write"
				: d == PORTAL_RF_IDENTITY ? "identity" : "-", rt->flags & PORTAL_RF_BEFORE_APP ? " before-app" : "",
				rt->upload ? " upload" : "");
		}
		return 0;
	}
	if (!strcmp(arg, "--sql")) {
		portal_sql_print(stdout);
		return 0;
	}
	if (strcmp(arg, "--check-sql"))
		return -1;
	char err[600];
	if (portal_startup(prog->name, NULL, err, sizeof err) != PORTAL_OK) {
		fprintf(stderr, "%s: %s\n", prog->name, err);
		return 1;
	}
	unsigned bad = portal_sql_check_all();
	portal_catalogue_free();
	portal_db_close();
	portal_conf_free();
	portal_crypto_forget();
	return bad ? 1 : 0;
}

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
	if (argc == 2) {
		int rc = offline(argv[1], prog);
		if (rc >= 0)
			return rc;
	}
	char err[600];
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
	portal_crypto_forget();
	return 0;
}
