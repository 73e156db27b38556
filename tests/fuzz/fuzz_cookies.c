/* fuzz_cookies.c: the Cookie header parser. */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_config();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct portal_req *r = portal_req_new();
	char *s = fuzz_text(data, size);
	struct portal_kvs kv;
	const char *why = NULL;
	if (portal_parse_cookies(r, s, &kv, &why) == 0)
		(void)portal_kv_get(&kv, "pw_session");
	else if (!why)
		abort();
	free(s);
	portal_req_free(r);
	return 0;
}
