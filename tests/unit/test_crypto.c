/* test_crypto.c: encodings, tokens, HMAC domain separation, constant-time comparison and the password
 * KDF (CRY-01: scrypt, salted, parameters stored; verify against a dummy hash for unknown accounts). */
#include <time.h>

#include <openssl/hmac.h>

#include "unit.h"

/* the MAC the way it is specified: HMAC(HMAC(key, label), data), with OpenSSL's one-shot API */
static void hmac_reference(const char *label, const void *p, size_t n, unsigned char out[32])
{
	unsigned char sub[32];
	unsigned int len = 32;
	HMAC(EVP_sha256(), portal_cf->hmac_key, (int)portal_cf->hmac_key_len, (const unsigned char *)label,
		strlen(label), sub, &len);
	HMAC(EVP_sha256(), sub, sizeof sub, p, n, out, &len);
}

static bool hmac_matches(const char *label, const char *data)
{
	unsigned char got[32], want[32];
	portal_hmac(label, data, strlen(data), got);
	hmac_reference(label, data, strlen(data), want);
	return !memcmp(got, want, 32);
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void)
{
	char *dir = unit_tmpdir();
	unit_config(dir, "/nonexistent");

	unsigned char raw[32], back[40];
	char text[64];
	for (size_t n = 0; n <= 32; n++) {
		portal_random(raw, n);
		size_t len = portal_b64url_encode(raw, n, text, sizeof text);
		size_t got = portal_b64url_decode(text, len, back, sizeof back);
		if (got != n || memcmp(raw, back, n)) {
			CHECK(0, "b64url: round trip");
			break;
		}
		if (n == 32)
			CHECK(1, "b64url: round trip for 0..32 bytes");
	}
	CHECK(portal_b64url_decode("ab+c", 4, back, sizeof back) == (size_t)-1, "b64url: '+' refused");
	CHECK(portal_b64url_decode("abcde", 5, back, sizeof back) == (size_t)-1, "b64url: impossible length refused");
	CHECK(portal_b64url_decode("AB", 2, back, sizeof back) == (size_t)-1, "b64url: non-canonical bits refused");

	char tok[PORTAL_TOKEN_LEN + 1], tok2[PORTAL_TOKEN_LEN + 1];
	unsigned char h1[32], h2[32];
	portal_token_new(tok, h1);
	portal_token_new(tok2, h2);
	CHECK(strlen(tok) == PORTAL_TOKEN_LEN && strcmp(tok, tok2), "token: 43 characters, fresh each time");
	CHECK(portal_token_hash(tok, h2) && !memcmp(h1, h2, 32), "token: stored hash matches");
	CHECK(!portal_token_hash("short", h2) && !portal_token_hash(NULL, h2), "token: malformed refused");
	tok[5] = '*';
	CHECK(!portal_token_hash(tok, h2), "token: bad character refused");

	unsigned char m1[32], m2[32], m3[32];
	portal_hmac("csrf-session", "abc", 3, m1);
	portal_hmac("csrf-pre", "abc", 3, m2);
	portal_hmac("csrf-session", "abc", 3, m3);
	CHECK(memcmp(m1, m2, 32) && !memcmp(m1, m3, 32), "hmac: deterministic, separated by label");
	bool same = true;
	for (int round = 0; round < 3; round++)   /* first use keys the context, later uses re-initialise it */
		for (int i = 0; i < 40; i++) {          /* more labels than cached contexts */
			char label[48], data[64];
			snprintf(label, sizeof label, i == 39 ? "a-label-longer-than-a-slot-holds-%d" : "label-%d", i);
			snprintf(data, sizeof data, "data %d %d", round, i);
			same &= hmac_matches(label, data) && hmac_matches(label, "");
		}
	CHECK(same, "hmac: equals HMAC(HMAC(key, label), data) on first and repeated use, for 40 labels");
	unsigned char d[32];
	portal_sha256("abc", 3, d);
	char dhex[65];
	portal_hex(d, 32, dhex);
	CHECK(!strcmp(dhex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "sha256: known answer");
	{
		/* a new key (configuration loaded again) is used at once: no MAC of the old key survives */
		char key[600], cfg[600], err[600];
		snprintf(key, sizeof key, "%s/hmac.key", dir);
		snprintf(cfg, sizeof cfg, "%s/portal.conf", dir);
		unit_write(key, "another-unit-test-key-0123456789abcdefghijklmnopqrstuvwxyz", 0600);
		CHECK(portal_conf_load(cfg, err, sizeof err) == PORTAL_OK, "conf: loaded again with a new key");
		portal_hmac("csrf-session", "abc", 3, m2);
		CHECK(memcmp(m1, m2, 32) && hmac_matches("csrf-session", "abc"), "hmac: a new key replaces the old");
	}
	CHECK(portal_ct_equal("abcd", "abcd", 4) && !portal_ct_equal("abcd", "abce", 4), "constant-time compare");

	unsigned counts[10] = { 0 };
	for (int i = 0; i < 10000; i++)
		counts[portal_random_below(10)]++;
	bool spread = true;
	for (int i = 0; i < 10; i++)
		spread &= counts[i] > 800 && counts[i] < 1200;
	CHECK(spread, "random_below: roughly uniform");

	char hash[PORTAL_PWHASH_MAX], hash2[PORTAL_PWHASH_MAX];
	const char *pw = "correct horse battery staple ß";
	CHECK(portal_pw_hash(pw, strlen(pw), hash) == PORTAL_OK && !strncmp(hash, "$scrypt$ln=15,r=8,p=3$", 22),
		"kdf: scrypt with its parameters stored (OWASP N=2^15 r=8 p=3)");
	portal_pw_hash(pw, strlen(pw), hash2);
	CHECK(strcmp(hash, hash2) != 0, "kdf: salted (two hashes of one password differ)");
	double t0 = seconds();
	CHECK(portal_pw_verify(hash, pw, strlen(pw)), "kdf: right password verifies");
	double t_real = seconds() - t0;
	CHECK(!portal_pw_verify(hash, "correct horse battery staple", 28), "kdf: wrong password refused");
	CHECK(!portal_pw_verify(hash, pw, strlen(pw) - 1), "kdf: no truncation");
	t0 = seconds();
	CHECK(!portal_pw_verify(NULL, pw, strlen(pw)), "kdf: no hash (unknown account) refused");
	double t_dummy = seconds() - t0;
	CHECK(t_dummy > t_real / 3, "kdf: the dummy verification costs as much as a real one");
	CHECK(!portal_pw_verify("$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA", pw, strlen(pw)),
		"kdf: out-of-bounds parameters refused");
	CHECK(!portal_pw_needs_rehash(hash) && portal_pw_needs_rehash("$scrypt$ln=12,r=8,p=1$x$y") &&
		portal_pw_needs_rehash("plain"), "kdf: weaker parameters need a rehash");

	portal_conf_free();
	unit_rmdir(dir);
	return UNIT_DONE();
}
