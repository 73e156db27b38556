/* once.h: a form sent twice stores once (once.c, DI-02). */
#ifndef PORTAL_ONCE_H
#define PORTAL_ONCE_H

#include "base.h"

/* A fresh token for a creating form's hidden field "once" (32 digits). */
const char *portal_once_token(struct portal_req *r);
/* Before anything is stored: 0 when token is NULL or new; else the 303 to what the first copy created (503:
 * the database). */
int portal_once_seen(struct portal_req *r, const char *token);
/* Inside the handler's transaction, with the path of what it created: PORTAL_ERR_DUP when a copy of the form
 * committed first; then portal_once_lost_race rolls back and answers with that copy's result. */
enum portal_err portal_once_done(struct portal_req *r, const char *token, const char *path);
int portal_once_lost_race(struct portal_req *r, const char *token);
/* The opening of a creating form's handler: the answer when the form was stored before (portal_once_seen), 503
 * when no transaction could be begun, else 0 with the request's transaction open. */
int portal_once_begin(struct portal_req *r, const char *token);
/* Its end, rc the result of its statements: portal_done, with the token recorded before the commit (a copy of
 * the form that committed first: that copy's result). */
int portal_once_commit(struct portal_req *r, enum portal_err rc, const char *token, const char *done);
/* Removes a stored file (NULL or "": none) whose row certainly did not commit: never after a failed COMMIT (its outcome is
 * unknown; portalctl sweep-uploads removes the file later if no row names it). */
void portal_upload_discard(const char *stored_name);
/* The end of an upload handler whose transaction stored the row naming the file: rc is the result of its
 * statements so far. Records the form's token (once, NULL: none) with done, commits and answers 303 to done.
 * A failure before the COMMIT rolls back and removes the file (503); a failed COMMIT keeps it (503: it may
 * have taken effect; portalctl sweep-uploads judges); a copy of the form that committed first: its result. */
int portal_upload_commit(struct portal_req *r, enum portal_err rc, const char *stored, const char *once, const char *done);
/* The stored file as an attachment (200), or the error page when it is missing or changed. */
int portal_upload_send(struct portal_req *r, const char *stored_name, int64_t size, const char *type,
	const char *filename);

#endif
