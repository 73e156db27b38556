/* log.c: one line per event to the web server's error log (FastCGI stderr records, or the process' stderr)
 * or syslog, with the request id.
 * Input never reaches a log line unfiltered: control characters become '?' (IO-05). Callers never
 * pass passwords, codes or tokens (LOG-01). */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "portal.h"

static const char *log_prog = "portal";
static bool log_syslog;
static bool log_debug;   /* log.debug: PORTAL_LOG_DEBUG lines are written, else dropped */
static portal_log_sink_fn sink;
static void *sink_ctx;

void portal_log_sink(portal_log_sink_fn fn, void *ctx)
{
	sink = fn;
	sink_ctx = ctx;
}

void portal_log_init(const char *prog, bool use_syslog, bool debug)
{
	log_prog = prog;
	log_syslog = use_syslog;
	log_debug = debug;
	if (use_syslog)
		openlog(prog, LOG_PID, LOG_DAEMON);
}

void portal_sanitize_line(char *out, size_t n, const char *s)
{
	size_t i = 0;
	if (n == 0)
		return;
	for (; s && *s && i + 1 < n; s++) {
		unsigned char c = (unsigned char)*s;
		out[i++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	out[i] = '\0';
}

void portal_clean_text(char *out, size_t n, const char *s)
{
	portal_sanitize_line(out, n, s);
	size_t len = strlen(out);
	while (len > 0 && !portal_utf8_valid(out, len))   /* the cut may have split a character */
		len--;
	out[len] = '\0';
}

void portal_log(struct portal_req *r, enum portal_loglevel lvl, const char *fmt, ...)
{
	if (lvl == PORTAL_LOG_DEBUG && !log_debug)
		return;
	char msg[1024], clean[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	portal_sanitize_line(clean, sizeof clean, msg);
	static const char *const names[] = { "error", "warn", "info", "debug" };
	const char *rid = r && r->rid[0] ? r->rid : "-";
	if (log_syslog) {
		static const int prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };
		syslog(prio[lvl], "%s rid=%s %s", names[lvl], rid, clean);
		return;
	}
	char ts[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	char line[1200];
	int n = snprintf(line, sizeof line, "%s %s[%ld] %s rid=%s %s\n", ts, log_prog, (long)getpid(), names[lvl], rid,
		clean);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = (int)sizeof line - 1, line[n - 1] = '\n';
	if (sink) {
		sink(sink_ctx, line, (size_t)n);   /* FastCGI: to the web server's error log */
		return;
	}
	fputs(line, stderr);
	fflush(stderr);
}
