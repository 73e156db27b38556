/* totp.h: the authenticator app (totp.c, RFC 6238). */
#ifndef PORTAL_TOTP_H
#define PORTAL_TOTP_H

#include "base.h"
#include "mem.h"

#define PORTAL_TOTP_PERIOD 30
#define PORTAL_TOTP_SECRET 64        /* most secret bytes we seal; enrolment makes 20 (160 bits) */
#define PORTAL_TOTP_SEALED (12 + PORTAL_TOTP_SECRET + 16)
uint32_t portal_hotp(const unsigned char *key, size_t n, uint64_t counter, int digits);
int64_t portal_totp_step(int64_t unix_time);
/* The step a 6-digit code matches within ±1 step of now and after last_step (a code works once); 0 if none. */
int64_t portal_totp_check(const unsigned char *key, size_t n, const char *code, int64_t now, int64_t last_step);
void portal_base32(const unsigned char *in, size_t n, char *out);   /* out: 8 * ceil(n / 5) / 5 + 1 bytes */
/* AES-256-GCM under portal.totp_key_file, the user id as associated data; out holds PORTAL_TOTP_SEALED. */
bool portal_totp_seal(int64_t user_id, const unsigned char *secret, size_t n, unsigned char *out, size_t *outlen);
bool portal_totp_open(int64_t user_id, const unsigned char *in, size_t inlen, unsigned char *secret, size_t *n);
/* In the caller's transaction: is code right for the user's active secret (pending: the enrolment, which a
 * right code activates)? A right code records its step, so it works once. The caller counts failures
 * (PORTAL_TH_TOTP_ACCT) after its transaction ends. */
enum portal_err portal_totp_verify_user(struct portal_req *r, int64_t user_id, const char *code, bool pending, bool *ok);
/* The user's app, their own row locked (in the caller's transaction): enabled and since when, whether it is
 * asked first, and the pending enrolment's secret, opened (pending_n 0 when none, or older than 15 minutes). */
struct portal_totp_state {
	bool enabled;
	int64_t enabled_at;
	bool prefer;
	size_t pending_n;
	unsigned char pending[PORTAL_TOTP_SECRET];
};
enum portal_err portal_totp_state(struct portal_req *r, int64_t user_id, struct portal_totp_state *st);
/* Takes the user's app (and a pending enrolment) away: the SMS code is their second factor again. */
enum portal_err portal_totp_remove(struct portal_req *r, int64_t user_id);
/* text as a QR code in SVG (the enrolment's otpauth:// URI) into out. */
bool portal_qr_svg(struct portal_req *r, const char *text, struct portal_buf *out);

#endif
