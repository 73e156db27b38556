/* test_pwpolicy.c: the password rules (AUTH-01, AUTH-02) and the mail template filling (mail.c). */
#include "unit.h"

static const char *policy(const char *pw)
{
	const char *why = portal_pw_policy(pw, strlen(pw), "pieter.dehaan@dehaan-assurantien.example",
		"Assurantiekantoor De Haan");
	return why ? why : "ok";
}

int main(void)
{
	char *dir = unit_tmpdir();
	unit_config(dir, "/nonexistent");
	struct portal_req *r = portal_req_new();

	CHECK(!strcmp(policy("elf tekens!"), "Pw.too_short"), "11 characters refused");
	CHECK(!strcmp(policy("twaalf teken"), "ok"), "12 characters accepted");
	CHECK(!strcmp(policy("ねこねこねこねこねこね"), "Pw.too_short"), "length counted in characters, not bytes");
	CHECK(!strcmp(policy("ねこがすきですよねこがすき"), "ok"), "13 Japanese characters accepted");
	char long_pw[200];
	memset(long_pw, 'q', 128);
	for (int i = 0; i < 128; i += 3)
		long_pw[i] = (char)('a' + i % 26);
	long_pw[128] = '\0';
	CHECK(!strcmp(policy(long_pw), "ok"), "128 characters accepted");
	long_pw[128] = 'z';
	long_pw[129] = '\0';
	CHECK(!strcmp(policy(long_pw), "Pw.too_long"), "129 characters refused");
	CHECK(!strcmp(policy("winniethepooh"), "Pw.common"), "a listed password refused");
	CHECK(!strcmp(policy("WinnieThePooh"), "Pw.common"), "listed, compared case-insensitively");
	CHECK(!strcmp(policy("Welkom2024!!"), "Pw.common"), "a listed word padded with digits and symbols refused");
	CHECK(!strcmp(policy("2024password!"), "Pw.common"), "padding in front refused too");
	CHECK(!strcmp(policy("passwordpassword"), "Pw.common"), "a repeated listed word refused");
	CHECK(!strcmp(policy("aaaaaaaaaaaaaaaa"), "Pw.common"), "one repeated character refused");
	CHECK(!strcmp(policy("123456789012"), "Pw.common"), "digits only, listed, refused");
	CHECK(!strcmp(policy("ik ben Pieter en dit is lang"), "Pw.contains_email"), "the e-mail name refused");
	CHECK(!strcmp(policy("dehaan was hier 2026"), "Pw.contains_email"), "a part of the e-mail name refused");
	CHECK(!strcmp(policy("assurantiekantoor!!"), "Pw.contains_org"), "the organisation's name refused");
	CHECK(!strcmp(policy("mijn poortwachter 1"), "Pw.contains_site"), "the portal's name refused");
	CHECK(!strcmp(policy("correct horse battery staple"), "ok"), "a passphrase accepted");
	CHECK(!strcmp(policy("  spaties tellen mee  "), "ok"), "spaces are characters");
	CHECK(portal_pw_common("qwertyuiop123", 13), "a keyboard run with digits is common");
	CHECK(!portal_pw_common("Zeeuwse klei 1953", 17), "an uncommon phrase is not");

	char *s = portal_fill(r, "Beste {name}, link: {link} {unknown}", "name", "Zoë", "link", "https://x/?t=1", NULL);
	CHECK(!strcmp(s, "Beste Zoë, link: https://x/?t=1 {unknown}"), "fill: placeholders replaced, unknown kept");
	s = portal_fill(r, "{a}{a}{b", "a", "x", NULL);
	CHECK(!strcmp(s, "xx{b"), "fill: repeated and unterminated placeholders");

	portal_req_free(r);
	portal_conf_free();
	unit_rmdir(dir);
	return UNIT_DONE();
}
