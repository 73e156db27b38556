/* crypto.c: randomness, hashes, HMAC, constant-time comparison, encodings, tokens and the password KDF.
 * Everything random comes from OpenSSL's CSPRNG (SES-01); passwords use scrypt at an OWASP parameter set
 * with the parameters stored beside the hash (CRY-01); at most portal.kdf_slots hashes run at once on
 * the machine (file locks in portal.lock_dir), so a burst of logins cannot starve everything else. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/rand.h>

#include "portal.h"

void portal_random(void *buf, size_t n)
{
	if (n > 0 && RAND_bytes(buf, (int)n) != 1) {
		fputs("poortwachter: RAND_bytes failed\n", stderr);
		abort();   /* never continue with predictable secrets */
	}
}

uint32_t portal_random_below(uint32_t bound)
{
	uint32_t x, limit = UINT32_MAX - UINT32_MAX % bound;
	do
		portal_random(&x, sizeof x);
	while (x >= limit);
	return x % bound;
}

/* OpenSSL 3 looks an algorithm up by name on every implicit use (SHA256(), HMAC(), EVP_sha256()); that
 * look-up was about 5 % of a page's program time. SHA-256 and HMAC are fetched once per process instead, and
 * each label's HMAC context is keyed once and re-initialised (same key) for every MAC. The contexts hold
 * sub-keys of the configured key: they are dropped when the configuration moves on (its generation: loaded
 * again or freed) and at exit (portal_crypto_forget). */
static EVP_MD *md_sha256;
static EVP_MAC *mac_hmac;

struct mac_slot {
	char label[32];
	EVP_MAC_CTX *ctx;
};
static struct mac_slot mac_slots[16];

static void crypto_die(const char *what)
{
	fprintf(stderr, "poortwachter: %s failed\n", what);
	abort();   /* a MAC or hash that silently failed would be a forgeable zero */
}

static void fetch_once(void)
{
	if (!md_sha256 && !(md_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL)))
		crypto_die("EVP_MD_fetch(SHA256)");
	if (!mac_hmac && !(mac_hmac = EVP_MAC_fetch(NULL, "HMAC", NULL)))
		crypto_die("EVP_MAC_fetch(HMAC)");
}

void portal_crypto_forget(void)
{
	for (size_t i = 0; i < sizeof mac_slots / sizeof mac_slots[0]; i++) {
		EVP_MAC_CTX_free(mac_slots[i].ctx);   /* frees and cleanses the keyed state */
		mac_slots[i].ctx = NULL;
		mac_slots[i].label[0] = '\0';
	}
	EVP_MAC_free(mac_hmac);
	mac_hmac = NULL;
	EVP_MD_free(md_sha256);
	md_sha256 = NULL;
}

void portal_sha256(const void *p, size_t n, unsigned char out[32])
{
	fetch_once();
	if (EVP_Digest(p, n, out, NULL, md_sha256, NULL) != 1)
		crypto_die("EVP_Digest");
}

static EVP_MAC_CTX *mac_keyed(const void *key, size_t keylen)
{
	OSSL_PARAM params[] = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0), OSSL_PARAM_construct_end() };
	EVP_MAC_CTX *c = EVP_MAC_CTX_new(mac_hmac);
	if (!c || EVP_MAC_init(c, key, keylen, params) != 1)
		crypto_die("EVP_MAC_init");
	return c;
}

static void mac_run(EVP_MAC_CTX *c, const void *p, size_t n, unsigned char out[32])
{
	size_t len = 0;
	if (EVP_MAC_update(c, p, n) != 1 || EVP_MAC_final(c, out, &len, 32) != 1 || len != 32)
		crypto_die("EVP_MAC_final");
}

void portal_hmac(const char *label, const void *p, size_t n, unsigned char out[32])
{
	static unsigned keyed_at;   /* the configuration the keyed contexts were made from */
	if (keyed_at != portal_cf->generation) {
		portal_crypto_forget();
		keyed_at = portal_cf->generation;
	}
	fetch_once();
	size_t nslots = sizeof mac_slots / sizeof mac_slots[0], i;
	for (i = 0; i < nslots && mac_slots[i].ctx; i++)
		if (!strcmp(mac_slots[i].label, label))
			break;
	EVP_MAC_CTX *keyed = NULL;
	if (i < nslots && mac_slots[i].ctx) {
		keyed = mac_slots[i].ctx;
		if (EVP_MAC_init(keyed, NULL, 0, NULL) != 1)   /* the same key again: no new key schedule */
			crypto_die("EVP_MAC_init");
	} else {
		/* a sub-key per purpose, so a MAC made for one use is never valid for another */
		unsigned char key[32];
		EVP_MAC_CTX *master = mac_keyed(portal_cf->hmac_key, portal_cf->hmac_key_len);
		mac_run(master, label, strlen(label), key);
		EVP_MAC_CTX_free(master);
		keyed = mac_keyed(key, sizeof key);
		OPENSSL_cleanse(key, sizeof key);
		if (i < nslots && strlen(label) < sizeof mac_slots[i].label) {
			snprintf(mac_slots[i].label, sizeof mac_slots[i].label, "%s", label);
			mac_slots[i].ctx = keyed;
		} else {
			mac_run(keyed, p, n, out);   /* more labels than slots: keyed for this one use */
			EVP_MAC_CTX_free(keyed);
			return;
		}
	}
	mac_run(keyed, p, n, out);
}

bool portal_ct_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

static const char b64u[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t portal_b64url_encode(const unsigned char *in, size_t n, char *out, size_t outsz)
{
	size_t need = (n * 4 + 2) / 3;
	if (outsz < need + 1)
		return 0;
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		out[o++] = b64u[(v >> 18) & 63];
		out[o++] = b64u[(v >> 12) & 63];
		if (i + 1 < n)
			out[o++] = b64u[(v >> 6) & 63];
		if (i + 2 < n)
			out[o++] = b64u[v & 63];
	}
	out[o] = '\0';
	return o;
}

static int b64u_val(char c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '-') return 62;
	if (c == '_') return 63;
	return -1;
}

size_t portal_b64url_decode(const char *in, size_t n, unsigned char *out, size_t outsz)
{
	if (n % 4 == 1)
		return (size_t)-1;
	size_t o = 0;
	uint32_t acc = 0;
	unsigned bits = 0;
	for (size_t i = 0; i < n; i++) {
		int v = b64u_val(in[i]);
		if (v < 0)
			return (size_t)-1;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= outsz)
				return (size_t)-1;
			out[o++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (acc != 0)   /* non-canonical trailing bits */
		return (size_t)-1;
	return o;
}

void portal_hex(const unsigned char *in, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hx[in[i] >> 4];
		out[2 * i + 1] = hx[in[i] & 15];
	}
	out[2 * n] = '\0';
}

void portal_token_new(char text[PORTAL_TOKEN_LEN + 1], unsigned char hash[32])
{
	unsigned char raw[32];
	portal_random(raw, sizeof raw);
	portal_b64url_encode(raw, sizeof raw, text, PORTAL_TOKEN_LEN + 1);
	portal_sha256(text, PORTAL_TOKEN_LEN, hash);
	OPENSSL_cleanse(raw, sizeof raw);
}

bool portal_token_hash(const char *text, unsigned char hash[32])
{
	unsigned char raw[33];
	if (!text || strlen(text) != PORTAL_TOKEN_LEN)
		return false;
	if (portal_b64url_decode(text, PORTAL_TOKEN_LEN, raw, sizeof raw) != 32)
		return false;
	portal_sha256(text, PORTAL_TOKEN_LEN, hash);
	return true;
}

/* ---- password hashing ---- */

/* OWASP's scrypt set N=2^15, r=8, p=3 (32 MiB, ~0.25 s on the reference machine). */
#define KDF_LN 15
#define KDF_R 8
#define KDF_P 3
#define KDF_SALT 16
#define KDF_OUT 32

static int slot_fds[64];
static int slot_count = -1;

static void slots_open(void)
{
	slot_count = 0;
	const char *dir = portal_cf->lock_dir;
	if (!dir || !*dir)
		return;
	for (long i = 0; i < portal_cf->kdf_slots && i < 64; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/kdf.%ld.lock", dir, i);
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0) {
			portal_log(NULL, PORTAL_LOG_WARN, "cannot open %s (%s): password hashing is not bounded",
				path, strerror(errno));
			break;
		}
		slot_fds[slot_count++] = fd;
	}
}

static int slot_take(void)
{
	if (slot_count < 0)
		slots_open();
	if (slot_count == 0)
		return -1;
	for (int i = 0; i < slot_count; i++)
		if (flock(slot_fds[i], LOCK_EX | LOCK_NB) == 0)
			return slot_fds[i];
	int fd = slot_fds[getpid() % slot_count];
	while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
		;
	return fd;
}

static void slot_give(int fd)
{
	if (fd >= 0)
		flock(fd, LOCK_UN);
}

static bool scrypt_run(const char *pw, size_t len, const unsigned char *salt, size_t saltlen,
	unsigned ln, unsigned r, unsigned p, unsigned char *out, size_t outlen)
{
	uint64_t N = (uint64_t)1 << ln;
	uint64_t maxmem = 128 * (uint64_t)r * (N + p + 2) + (1u << 20);
	int fd = slot_take();
	int ok = EVP_PBE_scrypt(pw, len, salt, saltlen, N, r, p, maxmem, out, outlen);
	slot_give(fd);
	return ok == 1;
}

enum portal_err portal_pw_hash(const char *pw, size_t len, char out[PORTAL_PWHASH_MAX])
{
	unsigned char salt[KDF_SALT], dk[KDF_OUT];
	char s64[32], d64[48];
	portal_random(salt, sizeof salt);
	if (!scrypt_run(pw, len, salt, sizeof salt, KDF_LN, KDF_R, KDF_P, dk, sizeof dk))
		return PORTAL_ERR_CRYPTO;
	portal_b64url_encode(salt, sizeof salt, s64, sizeof s64);
	portal_b64url_encode(dk, sizeof dk, d64, sizeof d64);
	snprintf(out, PORTAL_PWHASH_MAX, "$scrypt$ln=%d,r=%d,p=%d$%s$%s", KDF_LN, KDF_R, KDF_P, s64, d64);
	OPENSSL_cleanse(dk, sizeof dk);
	return PORTAL_OK;
}

/* Parses "$scrypt$ln=L,r=R,p=P$salt$hash" with bounded parameters. */
static bool pw_parse(const char *s, unsigned *ln, unsigned *r, unsigned *p, unsigned char *salt, size_t *saltlen,
	unsigned char *dk, size_t *dklen)
{
	int consumed = 0;
	if (!s || sscanf(s, "$scrypt$ln=%u,r=%u,p=%u$%n", ln, r, p, &consumed) != 3 || consumed == 0)
		return false;
	if (*ln < 10 || *ln > 20 || *r < 1 || *r > 32 || *p < 1 || *p > 16)
		return false;
	const char *sp = s + consumed, *dollar = strchr(sp, '$');
	if (!dollar)
		return false;
	*saltlen = portal_b64url_decode(sp, (size_t)(dollar - sp), salt, 64);
	*dklen = portal_b64url_decode(dollar + 1, strlen(dollar + 1), dk, 64);
	return *saltlen != (size_t)-1 && *saltlen >= 16 && *dklen != (size_t)-1 && *dklen >= 32;
}

bool portal_pw_verify(const char *stored, const char *pw, size_t len)
{
	unsigned ln, r, p;
	unsigned char salt[64], dk[64], got[64];
	size_t saltlen, dklen;
	bool real = pw_parse(stored, &ln, &r, &p, salt, &saltlen, dk, &dklen);
	if (!real) {
		/* unknown account, no password yet, or a corrupt hash: spend the same time, then fail (AUTH-03) */
		ln = KDF_LN, r = KDF_R, p = KDF_P;
		memset(salt, 0x5a, sizeof salt);
		saltlen = KDF_SALT;
		dklen = KDF_OUT;
		memset(dk, 0, sizeof dk);
	}
	bool ok = scrypt_run(pw, len, salt, saltlen, ln, r, p, got, dklen) && portal_ct_equal(got, dk, dklen);
	OPENSSL_cleanse(got, sizeof got);
	return ok && real;
}

bool portal_pw_needs_rehash(const char *stored)
{
	unsigned ln, r, p;
	unsigned char salt[64], dk[64];
	size_t saltlen, dklen;
	if (!pw_parse(stored, &ln, &r, &p, salt, &saltlen, dk, &dklen))
		return true;
	return (uint64_t)r * p << ln < (uint64_t)KDF_R * KDF_P << KDF_LN || ln < KDF_LN;
}
