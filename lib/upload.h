/* upload.h: uploaded files (upload.c): PDF, PNG, JPEG only, stored outside the web root. */
#ifndef PORTAL_UPLOAD_H
#define PORTAL_UPLOAD_H

#include "base.h"
#include "http.h"

struct portal_stored {
	char name[33];               /* the random file name in documents.dir */
	unsigned char sha256[32];
	const char *type;            /* by the first bytes: application/pdf, image/png, image/jpeg */
};
/* Checks the file (size, type by its first bytes, a plain name with a matching extension) and stores it.
 * 0, or the status to answer (413, 415, 422, 503) with *why the language key; nothing is stored then. */
int portal_upload_store(struct portal_req *r, const struct portal_file *f, struct portal_stored *out, const char **why);
/* The opening of an upload handler: the same form stored before (once, DI-02; NULL: no token) answers with that
 * result; else the file (NULL: none, out zeroed) is checked and stored. 0 then; or a status: with *why set, the
 * form's refusal to show (413, 415, 422); with *why NULL, the answer made here (303 to the first result, or 503
 * the error page). */
int portal_upload_open(struct portal_req *r, const char *once, const struct portal_file *f, struct portal_stored *out,
	const char **why);

#endif
