/* portalctl.h: what the files of portalctl share: die, and the commands main.c runs. */
#ifndef PORTALCTL_H
#define PORTALCTL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>
#include <openssl/crypto.h>

#include "portal.h"
#include "site.h"
#include "holders.h"


/* demo.c */
int cmd_create_vendor_admin(const char *email, const char *mobile, const char *given, const char *family,
	const char *org_name);
int cmd_demo(const char *dir, const char *logins);

/* main.c */
int die(const char *fmt, ...) PORTAL_PRINTF(1, 2);   /* says so on stderr; returns 1 */

/* migrate.c */
int cmd_migrate(const char *dir);
void free_list(char **v, size_t n);
size_t list_sql(const char *dir, char ***out);
bool run_script(MYSQL *m, const char *name, const char *sql, size_t len);

/* nightly.c */
int cmd_nightly(void);

/* send.c */
int cmd_send(int what, bool loop, bool echo);

/* sql.c */
int cmd_sql(const char *dir);

/* sweep.c */
int cmd_sweep_uploads(bool dry, long min_age);

#endif
