/* fuzz_fields.c: the field validators every form goes through (allow-lists, IO-03): each field type on the
 * input (one line of text, multi-line text, secret, integer, e-mail, phone, enum, digits, local path, date),
 * and the phone, e-mail and UTF-8 checks and the masks and names built from what passed. */
#include "fuzz.h"

static const char *const choices[] = { "read", "write", NULL };
static const struct portal_field fields[] = {
	{ "line", PF_LINE, PF_REQUIRED, 1, 100, NULL },
	{ "text", PF_TEXT, 0, 0, 2000, NULL },
	{ "secret", PF_SECRET, PF_REQUIRED, 0, 1024, NULL },
	{ "int", PF_INT, 0, -5, 72, NULL },
	{ "email", PF_EMAIL, PF_REQUIRED, 0, 254, NULL },
	{ "phone", PF_PHONE, 0, 0, 20, NULL },
	{ "enum", PF_ENUM, 0, 0, 0, choices },
	{ "digits", PF_DIGITS, PF_REQUIRED, 6, 6, NULL },
	{ "next", PF_PATH, 0, 0, 1024, NULL },
	{ "date", PF_DATE, 0, 0, 0, NULL },
};

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
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		struct portal_value v;
		memset(&v, 0, sizeof v);
		portal_field_check(r, &fields[i], s, size, &v);
		if (v.valid && v.present && fields[i].type != PF_INT && fields[i].type != PF_ENUM && fields[i].type != PF_DATE &&
		    (!v.s || !portal_utf8_valid(v.s, strlen(v.s))))
			abort();   /* whatever passes is valid UTF-8 text */
		if (!v.valid && !v.err)
			abort();   /* a refusal names its reason */
	}
	char e164[32];
	if (portal_phone_normalise(s, e164, sizeof e164)) {
		if (e164[0] != '+' || strlen(e164) > 16)
			abort();
		(void)portal_mask_phone(r, e164);
	}
	(void)portal_email_valid(s, size);
	(void)portal_utf8_chars(s, size);
	(void)portal_full_name(r, s, s, s);
	(void)portal_local_path_ok(s);
	free(s);
	portal_req_free(r);
	return 0;
}
