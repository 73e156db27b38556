/* fuzz_urlencoded.c: the query-string and urlencoded-body parser (percent-decoding, repeated names, limits). */
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
	if (portal_parse_urlencoded(r, s, size, &kv, &why) == 0) {
		for (size_t i = 0; i < kv.n; i++)
			if (strlen(kv.v[i].name) > size || kv.v[i].len > size)
				abort();   /* decoding never grows the text */
		(void)portal_kv_get(&kv, "csrf");
	} else if (!why) {
		abort();   /* a refusal always says why */
	}
	free(s);
	portal_req_free(r);
	return 0;
}
