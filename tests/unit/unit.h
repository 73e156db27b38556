/* unit.h: a minimal TAP-style harness for the library's unit tests: one "ok"/"not ok" line per check,
 * counted by tests/run.sh; the exit status is non-zero when a check failed. */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "portal.h"

static int unit_n, unit_failed;

#define CHECK(cond, name)                                                                               \
	do {                                                                                            \
		unit_n++;                                                                               \
		if (cond) {                                                                             \
			printf("ok %d - %s\n", unit_n, name);                                           \
		} else {                                                                                \
			unit_failed++;                                                                  \
			printf("not ok %d - %s (%s:%d)\n", unit_n, name, __FILE__, __LINE__);            \
		}                                                                                       \
	} while (0)

#define UNIT_DONE() (fflush(stdout), unit_failed ? 1 : 0)

static inline void unit_write(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	chmod(path, mode);
}

/* A throwaway configuration with a fresh HMAC key, for tests that need keys or limits. */
static inline void unit_config(const char *dir, const char *templates)
{
	char key[512], tkey[512], dbpw[512], cfg[512], text[2048], err[600];
	snprintf(key, sizeof key, "%s/hmac.key", dir);
	snprintf(tkey, sizeof tkey, "%s/totp.key", dir);
	unit_write(tkey, "unit-test-totp-key-0123456789abcdefghijklmnopqrstuvwxyz", 0600);
	snprintf(dbpw, sizeof dbpw, "%s/db.pw", dir);
	snprintf(cfg, sizeof cfg, "%s/portal.conf", dir);
	unit_write(key, "unit-test-key-0123456789abcdefghijklmnopqrstuvwxyz", 0600);
	unit_write(dbpw, "unused", 0600);
	snprintf(text, sizeof text,
		"[portal]\ntemplates = %s\nhmac_key_file = %s\ntotp_key_file = %s\nlock_dir = %s\nsecure_cookies = true\n"
		"[db]\npassword_file = %s\n",
		templates, key, tkey, dir, dbpw);
	unit_write(cfg, text, 0644);
	if (portal_conf_load(cfg, err, sizeof err) != PORTAL_OK) {
		fprintf(stderr, "unit_config: %s\n", err);
		exit(2);
	}
}

static inline char *unit_tmpdir(void)
{
	static char dir[] = "/tmp/portal-unit.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
	return dir;
}

static inline void unit_rmdir(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

#endif
