/* app.h: the request loop (app.c). */
#ifndef PORTAL_APP_H
#define PORTAL_APP_H

#include "base.h"
#include "http.h"

int portal_main(int argc, char **argv, const struct portal_program *prog);
/* For tools and tests: a request context without HTTP. */
struct portal_req *portal_req_new(void);
void portal_req_free(struct portal_req *r);
enum portal_err portal_startup(const char *prog, const char *const *templates, char *err, size_t errlen);

#endif
