/* test_totp.c: the authenticator app: RFC 6238 appendix B vectors (SHA-1), RFC 4226 appendix D, the ±1 step
 * window, replay refusal, base32, and sealing at rest (the sealed bytes are not the secret, tampering and
 * another user's id are refused). */
#include "unit.h"

int main(void)
{
	char *dir = unit_tmpdir();
	unit_config(dir, "/nonexistent");
	const unsigned char *k = (const unsigned char *)"12345678901234567890";

	/* RFC 6238 appendix B, SHA-1, 8 digits */
	static const struct { int64_t t; uint32_t code; } v[] = {
		{ 59, 94287082 }, { 1111111109, 7081804 }, { 1111111111, 14050471 }, { 1234567890, 89005924 },
		{ 2000000000, 69279037 }, { 20000000000LL, 65353130 },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		char name[80];
		snprintf(name, sizeof name, "RFC 6238 vector T=%lld", (long long)v[i].t);
		CHECK(portal_hotp(k, 20, (uint64_t)portal_totp_step(v[i].t), 8) == v[i].code, name);
	}
	/* RFC 4226 appendix D, 6 digits */
	static const uint32_t hotp[] = { 755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489 };
	bool all = true;
	for (uint64_t c = 0; c < 10; c++)
		all &= portal_hotp(k, 20, c, 6) == hotp[c];
	CHECK(all, "RFC 4226 HOTP vectors");

	/* the window: the codes of the previous, current and next step; not two steps away */
	int64_t now = 1111111111, step = portal_totp_step(now);
	char code[8];
	snprintf(code, sizeof code, "%06u", portal_hotp(k, 20, (uint64_t)step, 6));
	CHECK(portal_totp_check(k, 20, code, now, 0) == step, "the current code is accepted");
	snprintf(code, sizeof code, "%06u", portal_hotp(k, 20, (uint64_t)(step - 1), 6));
	CHECK(portal_totp_check(k, 20, code, now, 0) == step - 1, "the previous step's code is accepted");
	snprintf(code, sizeof code, "%06u", portal_hotp(k, 20, (uint64_t)(step + 1), 6));
	CHECK(portal_totp_check(k, 20, code, now, 0) == step + 1, "the next step's code is accepted");
	snprintf(code, sizeof code, "%06u", portal_hotp(k, 20, (uint64_t)(step - 2), 6));
	CHECK(portal_totp_check(k, 20, code, now, 0) == 0, "a code two steps old is refused");
	snprintf(code, sizeof code, "%06u", portal_hotp(k, 20, (uint64_t)step, 6));
	CHECK(portal_totp_check(k, 20, code, now, step) == 0, "a code of a step already used is refused (replay)");
	CHECK(portal_totp_check(k, 20, "12345", now, 0) == 0 && portal_totp_check(k, 20, "12a456", now, 0) == 0 &&
		portal_totp_check(k, 20, NULL, now, 0) == 0, "malformed codes are refused");

	char b32[40];
	portal_base32((const unsigned char *)"12345678901234567890", 20, b32);
	CHECK(!strcmp(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), "base32 of the RFC secret");
	portal_base32((const unsigned char *)"f", 1, b32);
	CHECK(!strcmp(b32, "MY"), "base32 of a partial group (no padding)");

	unsigned char sealed[PORTAL_TOTP_SEALED], back[PORTAL_TOTP_SECRET];
	size_t sl = 0, bl = 0;
	CHECK(portal_totp_seal(42, k, 20, sealed, &sl) && sl == 12 + 20 + 16, "a secret is sealed");
	CHECK(memmem(sealed, sl, k, 20) == NULL && memmem(sealed, sl, "1234567890", 10) == NULL, "the sealed bytes are not the secret");
	CHECK(portal_totp_open(42, sealed, sl, back, &bl) && bl == 20 && !memcmp(back, k, 20), "it opens for its user");
	CHECK(!portal_totp_open(43, sealed, sl, back, &bl), "not for another user's row");
	sealed[20] ^= 1;
	CHECK(!portal_totp_open(42, sealed, sl, back, &bl), "a changed byte is refused");
	unsigned char again[PORTAL_TOTP_SEALED];
	size_t al = 0;
	sealed[20] ^= 1;
	CHECK(portal_totp_seal(42, k, 20, again, &al) && memcmp(again, sealed, 12) != 0, "each seal has a fresh nonce");

	portal_conf_free();
	unit_rmdir(dir);
	return UNIT_DONE();
}
