/* test_field.c: the typed validators (IO-03): e-mail, E.164 mobile numbers, bounded integers, enums,
 * digit codes, text lengths counted in characters, control characters; the masked number and the date lists show. */
#include <time.h>

#include "unit.h"

static struct portal_value check(struct portal_req *r, enum portal_ftype t, unsigned flags, long long min,
	long long max, const char *raw)
{
	static const char *const choices[] = { "view", "change", "create", NULL };
	struct portal_field f = { "x", t, flags, min, max, choices };
	struct portal_value v;
	portal_field_check(r, &f, raw, raw ? strlen(raw) : 0, &v);
	return v;
}

static bool phone(const char *in, const char *want)
{
	char out[20];
	bool ok = portal_phone_normalise(in, out, sizeof out);
	return want ? ok && !strcmp(out, want) : !ok;
}

int main(void)
{
	char *dir = unit_tmpdir();
	unit_config(dir, "/nonexistent");
	struct portal_req *r = portal_req_new();
	struct portal_value v;

	CHECK(phone("06 12345678", "+31612345678"), "phone: 06 → +316");
	CHECK(phone("0612-345-678", "+31612345678"), "phone: separators removed");
	CHECK(phone("0470 12 34 56", "+32470123456"), "phone: Belgian 04 → +324");
	CHECK(phone("+31 6 1234 5678", "+31612345678"), "phone: E.164 with spaces");
	CHECK(phone("0031612345678", "+31612345678"), "phone: 00 prefix");
	CHECK(phone("+44 7700 900123", "+447700900123"), "phone: foreign mobile kept");
	CHECK(phone("020 1234567", NULL), "phone: Dutch landline refused");
	CHECK(phone("+31201234567", NULL), "phone: +31 landline refused");
	CHECK(phone("+3161234567", NULL), "phone: too short Dutch mobile refused");
	CHECK(phone("+0612345678", NULL), "phone: +0 refused");
	CHECK(phone("06-1234567a", NULL), "phone: letters refused");
	CHECK(phone("+1234567890123456", NULL), "phone: over 15 digits refused");
	CHECK(phone("++31612345678", NULL), "phone: double plus refused");

	CHECK(portal_email_valid("a.b+tag@example.nl", 18), "email: plain address");
	CHECK(portal_email_valid("x@xn--bcher-kva.example", 23), "email: punycode domain");
	CHECK(!portal_email_valid("a@b", 3), "email: no dot in domain");
	CHECK(!portal_email_valid("a..b@example.nl", 15), "email: double dot");
	CHECK(!portal_email_valid(".a@example.nl", 13), "email: leading dot");
	CHECK(!portal_email_valid("a@-example.nl", 13), "email: label starting with -");
	CHECK(!portal_email_valid("a@example.n1", 12), "email: numeric TLD");
	CHECK(!portal_email_valid("a b@example.nl", 14), "email: space");
	CHECK(!portal_email_valid("a@b@example.nl", 14), "email: two @");
	v = check(r, PF_EMAIL, PF_REQUIRED, 0, 254, "  Pieter@DeHaan.Example ");
	CHECK(v.valid && !strcmp(v.s, "pieter@dehaan.example"), "email field: trimmed and lower-cased");
	v = check(r, PF_EMAIL, PF_REQUIRED, 0, 254, "<script>@x.nl");
	CHECK(!v.valid && !strcmp(v.err, "Err.email"), "email field: markup refused");

	v = check(r, PF_INT, 0, 1, 100, "42");
	CHECK(v.valid && v.i == 42, "int: in range");
	v = check(r, PF_INT, 0, 1, 100, "101");
	CHECK(!v.valid, "int: above max");
	v = check(r, PF_INT, 0, 1, 100, "0");
	CHECK(!v.valid, "int: below min");
	v = check(r, PF_INT, 0, 1, 100, "4x");
	CHECK(!v.valid, "int: trailing garbage");
	v = check(r, PF_INT, 0, 1, 100, "99999999999999999999999");
	CHECK(!v.valid, "int: overflow");
	v = check(r, PF_INT, 0, -5, 5, "-3");
	CHECK(v.valid && v.i == -3, "int: negative");
	v = check(r, PF_INT, PF_REQUIRED, 1, 5, "");
	CHECK(!v.valid && !strcmp(v.err, "Err.required"), "int: required and empty");
	v = check(r, PF_INT, 0, 1, 5, NULL);
	CHECK(v.valid && !v.present, "int: optional and absent");

	v = check(r, PF_ENUM, 0, 0, 0, "change");
	CHECK(v.valid && v.i == 1, "enum: known choice");
	v = check(r, PF_ENUM, 0, 0, 0, "delete");
	CHECK(!v.valid, "enum: unknown choice");

	v = check(r, PF_DIGITS, PF_REQUIRED, 6, 6, "123 456");
	CHECK(v.valid && !strcmp(v.s, "123456"), "digits: spaces dropped");
	v = check(r, PF_DIGITS, PF_REQUIRED, 6, 6, "12345");
	CHECK(!v.valid, "digits: too few");
	v = check(r, PF_DIGITS, PF_REQUIRED, 6, 6, "12345a");
	CHECK(!v.valid, "digits: letter");

	v = check(r, PF_LINE, 0, 0, 5, "ねこねこね");
	CHECK(v.valid, "line: max counted in characters, not bytes");
	v = check(r, PF_LINE, 0, 0, 5, "ねこねこねこ");
	CHECK(!v.valid && !strcmp(v.err, "Err.too_long"), "line: one character too many");
	v = check(r, PF_LINE, 0, 0, 50, "a\nb");
	CHECK(!v.valid, "line: newline refused");
	v = check(r, PF_TEXT, 0, 0, 50, "a\r\nb\tc");
	CHECK(v.valid, "text: newlines and tabs allowed");
	v = check(r, PF_TEXT, 0, 0, 50, "a\x01" "b");
	CHECK(!v.valid, "text: control character refused");
	v = check(r, PF_SECRET, PF_REQUIRED, 0, 128, "  spaces kept  ");
	CHECK(v.valid && !strcmp(v.s, "  spaces kept  "), "secret: not trimmed");
	v = check(r, PF_PATH, 0, 0, 0, "//evil.example");
	CHECK(!v.valid, "path: protocol-relative refused");
	v = check(r, PF_PATH, 0, 0, 0, "/home?a=1");
	CHECK(v.valid && !strcmp(v.s, "/home?a=1"), "path: local path kept");

	CHECK(portal_utf8_valid("Belgi\xc3\xab", 7) && !portal_utf8_valid("\xff", 1) && !portal_utf8_valid("\xe3\x81", 2),
		"utf8: valid and truncated sequences");

	CHECK(!strcmp(portal_full_name(r, "Jan", "van der", "Berg"), "Jan van der Berg") &&
		!strcmp(portal_full_name(r, "Marieke", "", "Bakker"), "Marieke Bakker") &&
		!strcmp(portal_full_name(r, "Ingrid", NULL, "Visser"), "Ingrid Visser"), "full name: with and without a prefix");

	/* the arena's printf: formatted in place when it fits, else allocated; each result stays intact */
	const char *a = portal_printf(r, "%s-%d", "a", 1), *big = NULL, *b = NULL;
	char *long_arg = portal_alloc(r, 20001);
	memset(long_arg, 'x', 20000);
	big = portal_printf(r, "<%s>", long_arg);             /* larger than a block */
	b = portal_printf(r, "%05d", 42);
	const char *many[600];
	for (int i = 0; i < 600; i++)                          /* over several blocks */
		many[i] = portal_printf(r, "item %d of %s", i, "600");
	bool intact = true;
	for (int i = 0; i < 600; i++) {
		char want[32];
		snprintf(want, sizeof want, "item %d of 600", i);
		intact = intact && !strcmp(many[i], want) && ((uintptr_t)many[i] % _Alignof(max_align_t)) == 0;
	}
	CHECK(!strcmp(a, "a-1") && !strcmp(b, "00042") && strlen(big) == 20002 && big[0] == '<' && big[20001] == '>' &&
		intact, "printf: in the arena's room, across blocks and larger than a block");
	struct portal_buf buf = { 0 };
	for (int i = 0; i < 1000; i++)
		portal_buf_addf(&buf, "%d,", i % 10);
	portal_buf_addf(&buf, "%s", long_arg);
	CHECK(buf.len == 22000 && !strncmp(buf.p, "0,1,2,", 6) && buf.p[1998] == '9' && buf.p[2000] == 'x' &&
		strlen(buf.p) == buf.len, "buf_addf: formatted in its room, grown when it is too small");
	portal_buf_free(&buf);

	CHECK(!strcmp(portal_mask_phone(r, "+31612345678"), "+316••••••78") &&
		!strcmp(portal_mask_phone(r, "+3212345"), "+321••45") && !strcmp(portal_mask_phone(r, "+31612"), "••••") &&
		portal_mask_phone(r, NULL) == NULL, "mask_phone: the first four and the last two digits shown, the rest a dot each");
	/* portal_when and portal_when_iso format by hand: the same text as strftime's "%-d <month> %Y %H:%M" (the
	 * Dutch month) and "%Y-%m-%d %H:%M", also around the changes of summer time, in a zone that has them */
	static const char *const months[] = { "januari", "februari", "maart", "april", "mei", "juni", "juli",
		"augustus", "september", "oktober", "november", "december" };
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	bool same = portal_when(r, 0) == NULL && portal_when(r, -5) == NULL && portal_when_iso(r, 0) == NULL;
	int64_t t = 1;
	for (int i = 0; i < 3000 && same; i++, t = t * 7 % 4102444800 + 86400 + i * 3571) {
		static const int64_t edges[] = { 1711846799, 1711846800, 1729990799, 1729990800, 1729994400, 951782400 };
		int64_t at = i < 6 ? edges[i] : t;
		time_t tt = (time_t)at;
		struct tm tm;
		char want[32], words[64], clock[8];
		localtime_r(&tt, &tm);
		strftime(want, sizeof want, "%Y-%m-%d %H:%M", &tm);
		strftime(clock, sizeof clock, "%H:%M", &tm);
		snprintf(words, sizeof words, "%d %s %d %s", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, clock);
		const char *got = portal_when_iso(r, at), *said = portal_when(r, at);
		same = got && !strcmp(got, want) && said && !strcmp(said, words);
		if (!same)
			printf("# %lld: %s and %s, strftime %s and %s\n", (long long)at, got ? got : "NULL", said ? said : "NULL",
				want, words);
	}
	CHECK(same, "when: the same text as strftime for 3,000 moments from 1970 to 2100 and around summer time");
	CHECK(!strcmp(portal_day(r, 1765119900), "7 december 2025"), "day: the date without its time");
	unsetenv("TZ");
	tzset();

	portal_req_free(r);
	portal_conf_free();
	unit_rmdir(dir);
	return UNIT_DONE();
}
