/* outbox.h: outboxes (outbox.c): the drain loop and the drivers' plumbing shared by SMS and e-mail. */
#ifndef PORTAL_OUTBOX_H
#define PORTAL_OUTBOX_H

#include "base.h"

typedef bool (*portal_send_fn)(struct portal_req *r, const char *to, const char *subject, const char *body,
	bool echo, char *err, size_t errlen);
/* an outbox's statements: claim a batch (claim, now, stale before), read the claimed (claim: the columns below),
 * mark one sent (now, id) or failed (error, id) */
enum { OB_ID, OB_TO, OB_SUBJECT, OB_BODY, OB__N };
struct portal_outbox {
	const char *name;
	struct portal_sql *claim, *claimed, *sent, *failed;
	portal_send_fn send;
};
int portal_outbox_drain(struct portal_req *r, const struct portal_outbox *ob, bool echo);
bool portal_append_file(const char *path, const char *text, size_t n, char *err, size_t errlen);
/* Runs argv[0] (absolute path) with input on stdin; true when it exits 0 within 30 s. */
bool portal_run_command(char *const argv[], const char *input, size_t n, char *err, size_t errlen);
void portal_utc_stamp(char *out, size_t n);   /* "2026-11-22T21:41:16Z" */

#endif
