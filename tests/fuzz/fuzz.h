/* fuzz.h: what every libFuzzer target of the library's parsers shares (IO-04): a throwaway configuration
 * (limits and keys as in production, nothing else) loaded once, and a request context per input, freed
 * after it so that LeakSanitizer sees every byte a parser allocates. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "portal.h"

static void fuzz_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	chmod(path, 0600);
}

/* Loads a configuration with fresh keys from a temporary directory (removed at exit by the runner). */
static void fuzz_config(void)
{
	static char dir[] = "/tmp/portal-fuzz-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
	char key[256], tkey[256], dbpw[256], cfg[256], text[1024], err[600];
	snprintf(key, sizeof key, "%s/hmac.key", dir);
	snprintf(tkey, sizeof tkey, "%s/totp.key", dir);
	snprintf(dbpw, sizeof dbpw, "%s/db.pw", dir);
	snprintf(cfg, sizeof cfg, "%s/portal.conf", dir);
	fuzz_write(key, "fuzz-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789");
	fuzz_write(tkey, "fuzz-totp-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789");
	fuzz_write(dbpw, "unused");
	snprintf(text, sizeof text,
		"[portal]\ntemplates = /nonexistent\nhmac_key_file = %s\ntotp_key_file = %s\nlock_dir = %s\n"
		"[db]\npassword_file = %s\n", key, tkey, dir, dbpw);
	fuzz_write(cfg, text);
	if (portal_conf_load(cfg, err, sizeof err) != PORTAL_OK) {
		fprintf(stderr, "fuzz_config: %s\n", err);
		exit(2);
	}
	unlink(key), unlink(tkey), unlink(dbpw), unlink(cfg);
	rmdir(dir);
}

/* The input as a NUL-terminated string in memory of its own (the parsers' contract for text input). */
static char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
