/* internal.h: what only the library's own files use of each other (the templates' per-request data and the role
 * catalogue in the shared template data); no program includes it. */
#ifndef PORTAL_INTERNAL_H
#define PORTAL_INTERNAL_H

#include <fcgiapp.h>

#include "base.h"

/* where a request comes from: FastCGI, or plain CGI (fr NULL: stdin, stdout and environ) */
struct portal_io {
	FCGX_Request *fr;
	char **envp;
};

void portal_tmpl_req_free(struct portal_req *r);
/* The language files read (dir/lang/nl.hdf, en.hdf), freed; a language's HDF, which the templates read as their
 * shared data (lang.c). */
enum portal_err portal_lang_load(const char *dir, char *err, size_t errlen);
void portal_lang_free(void);
void *portal_lang_hdf(enum portal_lang l);
/* A ClearSilver error (NEOERR *, consumed) as one clean line "what: why" in err. */
void portal_neo_err(void *neoerr, const char *what, char *err, size_t errlen);
/* Ends a FastCGI request like FCGX_Finish_r, with a plain close once the request's stdin has been read to its
 * end (app.c says why); bench/bare.c, the benchmark's libfcgi-only ceiling, closes the same way. */
void portal_fcgi_finish(FCGX_Request *fr);
/* One request from the server to the answer its handler left (dispatch.c); *head_only: a HEAD request. */
int portal_dispatch(struct portal_req *r, const struct portal_program *prog, bool *head_only);

#endif
