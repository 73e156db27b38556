/* totp.c: the authenticator app (RFC 6238 TOTP over RFC 4226 HOTP, HMAC-SHA1, 30-second steps, 6 digits)
 * and the sealing of its secrets at rest (CRY-03).
 *  - codes: a step window of ±1 (clock drift), compared in constant time; a step at or before the last one
 *    used is refused, so a code works once (AUTH-12, replay);
 *  - secrets: 160 random bits, shown to the user in base32 (RFC 4648, as authenticator apps expect), stored
 *    only sealed with AES-256-GCM under a key read from portal.totp_key_file (outside the web root and the
 *    database), a fresh 96-bit nonce per seal and the user id as associated data, so a sealed secret copied
 *    to another user's row does not open. */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <qrencode.h>

#include "portal.h"

uint32_t portal_hotp(const unsigned char *key, size_t n, uint64_t counter, int digits)
{
	unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	for (int i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (unsigned char)(counter & 0xff);
	if (!HMAC(EVP_sha1(), key, (int)n, msg, sizeof msg, mac, &maclen) || maclen < 20)
		return UINT32_MAX;
	unsigned off = mac[maclen - 1] & 0x0f;
	uint32_t bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) | ((uint32_t)mac[off + 2] << 8) |
		mac[off + 3];
	uint32_t mod = 1;
	for (int i = 0; i < digits; i++)
		mod *= 10;
	OPENSSL_cleanse(mac, sizeof mac);
	return bin % mod;
}

int64_t portal_totp_step(int64_t unix_time)
{
	return unix_time / PORTAL_TOTP_PERIOD;
}

int64_t portal_totp_check(const unsigned char *key, size_t n, const char *code, int64_t now, int64_t last_step)
{
	if (!code || strlen(code) != 6)
		return 0;
	for (int i = 0; i < 6; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	int64_t now_step = portal_totp_step(now), hit = 0;
	/* every step of the window is computed and compared, so the time taken does not say which matched */
	for (int64_t s = now_step - 1; s <= now_step + 1; s++) {
		char want[8];
		uint32_t c = portal_hotp(key, n, (uint64_t)s, 6);
		for (int i = 5; i >= 0; i--, c /= 10)
			want[i] = (char)('0' + c % 10);
		if (CRYPTO_memcmp(want, code, 6) == 0 && s > last_step && !hit)
			hit = s;
		OPENSSL_cleanse(want, sizeof want);
	}
	return hit;
}

void portal_base32(const unsigned char *in, size_t n, char *out)
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	size_t o = 0;
	uint32_t buf = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		buf = (buf << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = alpha[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = alpha[(buf << (5 - bits)) & 31];
	out[o] = '\0';
}

/* The AES-256 key: SHA-256 over a label and the key file's contents (any length ≥ 32 bytes). */
static bool seal_key(unsigned char key[32])
{
	if (portal_cf->totp_key_len < 32)
		return false;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int len = 0;
	bool ok = c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 &&
		EVP_DigestUpdate(c, "poortwachter-totp-seal-v1", 25) == 1 &&
		EVP_DigestUpdate(c, portal_cf->totp_key, portal_cf->totp_key_len) == 1 && EVP_DigestFinal_ex(c, key, &len) == 1 &&
		len == 32;
	EVP_MD_CTX_free(c);
	return ok;
}

static void aad_of(int64_t user_id, char aad[32])
{
	snprintf(aad, 32, "totp:%lld", (long long)user_id);
}

bool portal_totp_seal(int64_t user_id, const unsigned char *secret, size_t n, unsigned char *out, size_t *outlen)
{
	unsigned char key[32];
	char aad[32];
	if (n > PORTAL_TOTP_SECRET || !seal_key(key))
		return false;
	aad_of(user_id, aad);
	portal_random(out, 12);
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int len = 0, fin = 0;
	bool ok = c && EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, out) == 1 &&
		EVP_EncryptUpdate(c, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)) == 1 &&
		EVP_EncryptUpdate(c, out + 12, &len, secret, (int)n) == 1 && EVP_EncryptFinal_ex(c, out + 12 + len, &fin) == 1 &&
		EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, out + 12 + len + fin) == 1;
	EVP_CIPHER_CTX_free(c);
	OPENSSL_cleanse(key, sizeof key);
	*outlen = ok ? 12 + (size_t)(len + fin) + 16 : 0;
	return ok;
}

bool portal_totp_open(int64_t user_id, const unsigned char *in, size_t inlen, unsigned char *secret, size_t *n)
{
	unsigned char key[32];
	char aad[32];
	if (inlen < 12 + 16 + 1 || inlen - 28 > PORTAL_TOTP_SECRET || !seal_key(key))
		return false;
	aad_of(user_id, aad);
	size_t clen = inlen - 28;
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int len = 0, fin = 0;
	bool ok = c && EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, in) == 1 &&
		EVP_DecryptUpdate(c, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)) == 1 &&
		EVP_DecryptUpdate(c, secret, &len, in + 12, (int)clen) == 1 &&
		EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, (void *)(in + 12 + clen)) == 1 &&
		EVP_DecryptFinal_ex(c, secret + len, &fin) == 1;
	EVP_CIPHER_CTX_free(c);
	OPENSSL_cleanse(key, sizeof key);
	*n = ok ? (size_t)(len + fin) : 0;
	if (!ok)
		OPENSSL_cleanse(secret, PORTAL_TOTP_SECRET);
	return ok;
}

PORTAL_SQL(sql_enable, 0,
	"UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_pending_at = NULL, totp_last_step = ?,"
	" totp_enabled_at = ?, second_factor = 'totp' WHERE id = ? AND totp_pending IS NOT NULL");

PORTAL_SQL(sql_used, 0,
	"UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?");

/* the authenticator app: the user's own row, locked while a code is checked (replay, AUTH-12) */
enum { TG_SECRET, TG_PENDING, TG_PENDING_AT, TG_LAST_STEP, TG_ENABLED_AT, TG_FACTOR, TG__N };
PORTAL_SQL(sql_get, TG__N,
	"SELECT totp_secret, totp_pending, totp_pending_at, totp_last_step, totp_enabled_at, second_factor"
	" FROM users WHERE id = ? AND status = 'active' FOR UPDATE");

enum portal_err portal_totp_state(struct portal_req *r, int64_t user_id, struct portal_totp_state *st)
{
	memset(st, 0, sizeof *st);
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_get, "i", user_id);
	if (rc != PORTAL_OK)
		return rc == PORTAL_ERR_NOTFOUND ? PORTAL_OK : rc;
	st->enabled = !portal_col_null(q, TG_SECRET);
	st->enabled_at = st->enabled ? portal_col_int(q, TG_ENABLED_AT) : 0;
	st->prefer = st->enabled && !strcmp(portal_col(q, TG_FACTOR), "totp");
	size_t sl = portal_col_len(q, TG_PENDING);
	unsigned char sealed[PORTAL_TOTP_SEALED];
	if (!portal_col_null(q, TG_PENDING) && r->now - portal_col_int(q, TG_PENDING_AT) <= 900 && sl <= sizeof sealed) {
		memcpy(sealed, portal_col(q, TG_PENDING), sl);
		if (!portal_totp_open(user_id, sealed, sl, st->pending, &st->pending_n))
			st->pending_n = 0;
	}
	return PORTAL_OK;
}

enum portal_err portal_totp_verify_user(struct portal_req *r, int64_t user_id, const char *code, bool pending, bool *ok)
{
	*ok = false;
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_get, "i", user_id);
	if (rc != PORTAL_OK)
		return rc == PORTAL_ERR_NOTFOUND ? PORTAL_OK : rc;
	unsigned col = pending ? TG_PENDING : TG_SECRET;
	if (portal_col_null(q, col))
		return PORTAL_OK;
	/* an enrolment not confirmed within 15 minutes has to start again */
	if (pending && r->now - portal_col_int(q, TG_PENDING_AT) > 900)
		return PORTAL_OK;
	int64_t last = portal_col_int(q, TG_LAST_STEP);
	unsigned char sealed[PORTAL_TOTP_SEALED], secret[PORTAL_TOTP_SECRET];
	size_t sl = portal_col_len(q, col), n = 0;
	if (sl > sizeof sealed)
		return PORTAL_OK;
	memcpy(sealed, portal_col(q, col), sl);
	if (!portal_totp_open(user_id, sealed, sl, secret, &n)) {
		portal_log(r, PORTAL_LOG_ERR, "authenticator secret of user %lld does not open (wrong totp key?)", (long long)user_id);
		return PORTAL_OK;
	}
	int64_t step = portal_totp_check(secret, n, code, r->now, pending ? 0 : last);
	OPENSSL_cleanse(secret, sizeof secret);
	if (!step)
		return PORTAL_OK;
	struct portal_wrote w;
	rc = pending ? portal_exec(r, &sql_enable, &w, "iii", step, r->now, user_id)
		: portal_exec(r, &sql_used, &w, "iii", step, user_id, step);
	if (rc != PORTAL_OK)
		return rc;
	*ok = w.rows == 1;
	return PORTAL_OK;
}

/* A QR code (libqrencode, error correction M) as an SVG image: one path of unit squares, a 4-module quiet zone. */
bool portal_qr_svg(struct portal_req *r, const char *text, struct portal_buf *out)
{
	(void)r;
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return false;
	int w = q->width, size = w + 8;
	portal_buf_reset(out);
	portal_buf_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\">"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/><path fill=\"#000\" d=\"", size, size, size * 6, size * 6);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (q->data[y * w + x] & 1)
				portal_buf_addf(out, "M%d %dh1v1h-1z", x + 4, y + 4);
	portal_buf_adds(out, "\"/></svg>\n");
	QRcode_free(q);
	return true;
}

PORTAL_SQL(sql_remove, 0,
	"UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_pending_at = NULL, totp_last_step = 0,"
	" totp_enabled_at = NULL, second_factor = 'sms' WHERE id = ?");

enum portal_err portal_totp_remove(struct portal_req *r, int64_t user_id)
{
	return portal_exec(r, &sql_remove, NULL, "i", user_id);
}
