/* crypto.h: crypto (crypto.c). */
#ifndef PORTAL_CRYPTO_H
#define PORTAL_CRYPTO_H

#include "base.h"

#define PORTAL_TOKEN_LEN 43      /* base64url of 32 random bytes */
void portal_random(void *buf, size_t n);                 /* OpenSSL CSPRNG; aborts if it fails */
uint32_t portal_random_below(uint32_t bound);            /* uniform in [0, bound) */
void portal_sha256(const void *p, size_t n, unsigned char out[32]);
/* HMAC-SHA256 with the configured key, domain-separated by a label. */
void portal_hmac(const char *label, const void *p, size_t n, unsigned char out[32]);
void portal_crypto_forget(void);   /* drops the per-label keyed contexts (the key changed or is gone) */
bool portal_ct_equal(const void *a, const void *b, size_t n);
size_t portal_b64url_encode(const unsigned char *in, size_t n, char *out, size_t outsz);
/* Returns decoded length or (size_t)-1 on bad input or overflow. */
size_t portal_b64url_decode(const char *in, size_t n, unsigned char *out, size_t outsz);
void portal_hex(const unsigned char *in, size_t n, char *out);  /* out has 2n+1 bytes */
/* A new session/reset token: text for the client, SHA-256 for the database. */
void portal_token_new(char text[PORTAL_TOKEN_LEN + 1], unsigned char hash[32]);
bool portal_token_hash(const char *text, unsigned char hash[32]);  /* false if malformed */
#define PORTAL_PWHASH_MAX 160
/* scrypt (CRY-01) with the parameters stored in the string; bounded concurrency across processes. */
enum portal_err portal_pw_hash(const char *pw, size_t len, char out[PORTAL_PWHASH_MAX]);
/* Verifies pw against stored (or a dummy of equal cost when stored is NULL). */
bool portal_pw_verify(const char *stored, const char *pw, size_t len);
bool portal_pw_needs_rehash(const char *stored);

#endif
