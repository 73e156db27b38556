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
/* Puts the role catalogue (Cat.tenant_roles.N.id/name/kind, without the vendor's roles) in each language's
 * shared template data, for role filters; called whenever the catalogue is re-read. */
void portal_tmpl_catalogue(void);
/* Ends a FastCGI request like FCGX_Finish_r, with a plain close once the request's stdin has been read to its
 * end (app.c says why); bench/bare.c, the benchmark's libfcgi-only ceiling, closes the same way. */
void portal_fcgi_finish(FCGX_Request *fr);
/* One request from the server to the answer its handler left (dispatch.c); *head_only: a HEAD request. */
int portal_dispatch(struct portal_req *r, const struct portal_program *prog, bool *head_only);

#endif
