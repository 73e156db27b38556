/* log.h: logging (log.c): one line per event, never a secret. */
#ifndef PORTAL_LOG_H
#define PORTAL_LOG_H

#include "base.h"

enum portal_loglevel { PORTAL_LOG_ERR, PORTAL_LOG_WARN, PORTAL_LOG_INFO, PORTAL_LOG_DEBUG };
void portal_log_init(const char *prog, bool use_syslog, bool debug);
/* Where log lines go while a FastCGI request runs (its stderr stream); NULL for the process' stderr. */
typedef void (*portal_log_sink_fn)(void *ctx, const char *line, size_t n);
void portal_log_sink(portal_log_sink_fn fn, void *ctx);
void portal_log(struct portal_req *r, enum portal_loglevel lvl, const char *fmt, ...) PORTAL_PRINTF(3, 4);
/* Copies s into out (size n), replacing control characters so no CR/LF reaches a log or header. */
void portal_sanitize_line(char *out, size_t n, const char *s);
/* The same, and never ends in a split UTF-8 character or holds invalid UTF-8 (for database text). */
void portal_clean_text(char *out, size_t n, const char *s);

#endif
