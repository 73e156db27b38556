/* fuzz_multipart.c: the multipart/form-data parser of upload routes. The input's first line is the
 * Content-Type header (so the boundary is fuzzed too), the rest the body; the body is not NUL-terminated,
 * as it is not when read from the server. */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_config();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t ctlen = nl ? (size_t)(nl - data) : size;
	char *ct = fuzz_text(data, ctlen);
	size_t blen = nl ? size - ctlen - 1 : 0;
	unsigned char *body = malloc(blen ? blen : 1);   /* exactly the body: ASan sees any read past its end */
	if (!body)
		abort();
	if (blen)
		memcpy(body, nl + 1, blen);
	struct portal_req *r = portal_req_new();
	struct portal_kvs form;
	struct portal_files files;
	const char *why = NULL;
	if (portal_parse_multipart(r, (const char *)body, blen, ct, &form, &files, &why) == 0) {
		for (size_t i = 0; i < files.n; i++)
			if (files.v[i].len > blen || (files.v[i].len && (files.v[i].data < body || files.v[i].data + files.v[i].len > body + blen)))
				abort();   /* a file is a slice of the body */
	} else if (!why) {
		abort();
	}
	portal_req_free(r);
	free(body);
	free(ct);
	return 0;
}
