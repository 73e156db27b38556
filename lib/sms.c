/* sms.c: the SMS second factor and the SMS outbox.
 * A code is 6 digits from the CSPRNG, stored only as an HMAC bound to the half-logged-in session, valid
 * 5 minutes, single use; a new code voids the previous one; 5 wrong entries void it (AUTH-05, AUTH-06).
 * Sending is capped per account (3 per 15 minutes, 10 per day; AUTH-07). Per client address it is braked, not
 * walled: an office of hundreds behind one router logs in freely up to sms.per_address_hour codes an hour;
 * beyond that each further code from the address waits a gap that doubles every 10 codes, up to 2 minutes.
 * Texts go to the sms_outbox table in the caller's transaction; `portalctl sms-send` drains it with the
 * file driver (development: a log file) or the command driver (a gateway program: number as argument,
 * text on stdin, exit status 0 means sent). */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "portal.h"

#define CODE_TTL 300
#define CODE_TRIES 5

static void code_mac(int64_t session_id, const char *code, unsigned char mac[32])
{
	char msg[64];
	int n = snprintf(msg, sizeof msg, "%lld:%s", (long long)session_id, code);
	portal_hmac("sms-code", msg, (size_t)n, mac);
	OPENSSL_cleanse(msg, sizeof msg);
}

#define ADDR_STEP 10      /* codes over the free allowance per doubling of the gap */
#define ADDR_MAX_GAP 120  /* seconds: the brake's longest gap between two codes from one address */

enum portal_err portal_sms_wait(struct portal_req *r, int64_t user_id, int64_t *wait)
{
	*wait = 0;
	int64_t q15 = r->now - 900, day = r->now - 86400;
	enum portal_err rc = portal_db_row(r, ST_SMS_COUNT_USER, "iiii", q15, q15, user_id, day);
	if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
		return rc;
	if (rc == PORTAL_OK) {
		int64_t n_day = portal_db_int(ST_SMS_COUNT_USER, 0), oldest_day = portal_db_int(ST_SMS_COUNT_USER, 1);
		int64_t n_15 = portal_db_int(ST_SMS_COUNT_USER, 2), oldest_15 = portal_db_int(ST_SMS_COUNT_USER, 3);
		if (n_day >= portal_cf->sms_per_day && oldest_day + 86400 - r->now > *wait)
			*wait = oldest_day + 86400 - r->now;
		if (n_15 >= portal_cf->sms_per_15min && oldest_15 + 900 - r->now > *wait)
			*wait = oldest_15 + 900 - r->now;
	}
	rc = portal_db_row(r, ST_SMS_COUNT_ADDR, "si", r->remote_addr ? r->remote_addr : "", r->now - 3600);
	if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
		return rc;
	int64_t over = rc == PORTAL_OK ? portal_db_int(ST_SMS_COUNT_ADDR, 0) - portal_cf->sms_per_ip_hour : -1;
	if (over >= 0) {
		int64_t gap = (int64_t)1 << (over / ADDR_STEP < 7 ? over / ADDR_STEP : 7);
		if (gap > ADDR_MAX_GAP)
			gap = ADDR_MAX_GAP;
		int64_t w = portal_db_int(ST_SMS_COUNT_ADDR, 1) + gap - r->now;
		if (w > *wait)
			*wait = w;
	}
	if (*wait < 0)
		*wait = 0;
	return PORTAL_OK;
}

/* The language's text with {code} replaced. */
static char *code_text(struct portal_req *r, enum portal_lang lang, const char *code)
{
	const char *tmpl = portal_text_lang(lang, "Sms.code");
	const char *at = strstr(tmpl, "{code}");
	if (!at)
		return portal_printf(r, "%s %s", tmpl, code);
	return portal_printf(r, "%.*s%s%s", (int)(at - tmpl), tmpl, code, at + 6);
}

enum portal_err portal_sms_challenge(struct portal_req *r, int64_t session_id, int64_t user_id,
	const char *phone, enum portal_lang lang, int64_t *wait)
{
	enum portal_err rc = portal_sms_wait(r, user_id, wait);
	if (rc != PORTAL_OK || *wait > 0)
		return rc;
	if ((rc = portal_db_exec(r, ST_SMS_CH_VOID, "i", session_id)) != PORTAL_OK)
		return rc;
	char code[8];
	unsigned char mac[32];
	snprintf(code, sizeof code, "%06u", (unsigned)portal_random_below(1000000));
	code_mac(session_id, code, mac);
	rc = portal_db_exec(r, ST_SMS_CH_INSERT, "iisbii", session_id, user_id, phone, mac, sizeof mac, r->now,
		r->now + CODE_TTL);
	if (rc == PORTAL_OK)
		rc = portal_sms_enqueue(r, user_id, phone, code_text(r, lang, code));
	OPENSSL_cleanse(code, sizeof code);
	return rc;
}

enum portal_err portal_sms_verify(struct portal_req *r, int64_t session_id, const char *code,
	enum portal_sms_result *res, const char **phone)
{
	*res = PORTAL_SMS_NONE;
	if (phone)
		*phone = NULL;
	enum portal_err rc = portal_db_row(r, ST_SMS_CH_OPEN, "i", session_id);
	if (rc == PORTAL_ERR_NOTFOUND)
		return PORTAL_OK;
	if (rc != PORTAL_OK)
		return rc;
	int64_t id = portal_db_int(ST_SMS_CH_OPEN, 0);
	unsigned char stored[32];
	if (portal_db_len(ST_SMS_CH_OPEN, 1) != sizeof stored)
		return PORTAL_ERR_DB;
	memcpy(stored, portal_db_str(ST_SMS_CH_OPEN, 1), sizeof stored);
	int64_t expires = portal_db_int(ST_SMS_CH_OPEN, 2);
	int64_t attempts = portal_db_int(ST_SMS_CH_OPEN, 3);
	if (r->now >= expires) {
		*res = PORTAL_SMS_EXPIRED;
		return portal_db_exec(r, ST_SMS_CH_UPDATE, "isi", attempts, "void", id);
	}
	unsigned char mac[32];
	code_mac(session_id, code, mac);
	if (portal_ct_equal(mac, stored, sizeof mac)) {
		*res = PORTAL_SMS_OK;
		if (phone)
			*phone = portal_strdup(r, portal_db_str(ST_SMS_CH_OPEN, 4));
		return portal_db_exec(r, ST_SMS_CH_UPDATE, "isi", attempts, "used", id);
	}
	attempts++;
	*res = attempts >= CODE_TRIES ? PORTAL_SMS_VOID : PORTAL_SMS_WRONG;
	return portal_db_exec(r, ST_SMS_CH_UPDATE, "isi", attempts, attempts >= CODE_TRIES ? "void" : "open", id);
}

enum portal_err portal_sms_enqueue(struct portal_req *r, int64_t user_id, const char *phone, const char *text)
{
	return portal_db_exec(r, ST_SMS_OUTBOX_INSERT, "Isssi", user_id, phone, text,
		r->remote_addr ? r->remote_addr : "", r->now);
}

/* ---- the sender (the drain loop and the drivers' plumbing live in outbox.c) ---- */

static bool sms_send(struct portal_req *r, const char *phone, const char *subject, const char *text, bool echo,
	char *err, size_t errlen)
{
	(void)r;
	(void)subject;
	if (!strcmp(portal_cf->sms_driver, "command")) {
		char *const argv[] = { portal_cf->sms_command, (char *)phone, NULL };
		return portal_run_command(argv, text, strlen(text), err, errlen);
	}
	char ts[32], clean[700];
	portal_utc_stamp(ts, sizeof ts);
	portal_sanitize_line(clean, sizeof clean, text);
	char *line = portal_printf(r, "%s SMS to %s: %s\n", ts, phone, clean);
	if (echo) {
		fputs(line, stdout);
		fflush(stdout);
	}
	return portal_append_file(portal_cf->sms_file, line, strlen(line), err, errlen);
}

int portal_sms_drain(struct portal_req *r, bool echo)
{
	static const struct portal_outbox sms = { "sms", ST_SMS_CLAIM, ST_SMS_CLAIMED, ST_SMS_SENT, ST_SMS_FAILED,
		sms_send };
	return portal_outbox_drain(r, &sms, echo);
}
