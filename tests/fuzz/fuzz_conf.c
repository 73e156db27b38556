/* fuzz_conf.c: the configuration file: the INI parser on its own, then the whole loader (sections, keys,
 * values, limits, key files named in it) from a file holding the input. */
#include "fuzz.h"

static char path[64];

static enum portal_err on_key(void *ctx, const char *section, const char *key, const char *val, char *err,
	size_t errlen)
{
	(void)err, (void)errlen;
	if (!section || !key || !val)
		abort();
	++*(size_t *)ctx;
	return PORTAL_OK;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_config();
	snprintf(path, sizeof path, "/tmp/portal-fuzz-conf-%ld", (long)getpid());
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	char err[600];
	size_t n = 0;
	(void)portal_ini_parse(s, on_key, &n, err, sizeof err);
	FILE *f = fopen(path, "w");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	if (portal_conf_load(path, err, sizeof err) != PORTAL_OK && !err[0])
		abort();   /* a refused configuration says why */
	unlink(path);
	free(s);
	return 0;
}
