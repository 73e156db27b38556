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

/* SMS sent to an account in the last day, and in the last 15 minutes, with the oldest of each */
enum { SU_COUNT, SU_FIRST, SU_RECENT, SU_FIRST_RECENT, SU__N };
PORTAL_SQL(sql_count_user, SU__N,
	"SELECT COUNT(*), MIN(created_at), COALESCE(SUM(created_at > ?), 0), MIN(IF(created_at > ?, created_at, NULL))"
	" FROM sms_outbox WHERE user_id = ? AND created_at > ?");

enum { SA_COUNT, SA_LAST, SA__N };
PORTAL_SQL(sql_count_addr, SA__N,
	"SELECT COUNT(*), MAX(created_at) FROM sms_outbox WHERE client_addr = ? AND created_at > ?");

enum portal_err portal_sms_wait(struct portal_req *r, int64_t user_id, int64_t *wait)
{
	*wait = 0;
	int64_t q15 = r->now - 900, day = r->now - 86400;
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_count_user, "iiii", q15, q15, user_id, day);
	if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
		return rc;
	if (rc == PORTAL_OK) {
		int64_t n_day = portal_col_int(q, SU_COUNT), oldest_day = portal_col_int(q, SU_FIRST);
		int64_t n_15 = portal_col_int(q, SU_RECENT), oldest_15 = portal_col_int(q, SU_FIRST_RECENT);
		if (n_day >= portal_cf->sms_per_day && oldest_day + 86400 - r->now > *wait)
			*wait = oldest_day + 86400 - r->now;
		if (n_15 >= portal_cf->sms_per_15min && oldest_15 + 900 - r->now > *wait)
			*wait = oldest_15 + 900 - r->now;
	}
	rc = portal_query_row(r, &q, &sql_count_addr, "si", r->remote_addr ? r->remote_addr : "", r->now - 3600);
	if (rc != PORTAL_OK && rc != PORTAL_ERR_NOTFOUND)
		return rc;
	int64_t over = rc == PORTAL_OK ? portal_col_int(q, SA_COUNT) - portal_cf->sms_per_ip_hour : -1;
	if (over >= 0) {
		int64_t gap = (int64_t)1 << (over / ADDR_STEP < 7 ? over / ADDR_STEP : 7);
		if (gap > ADDR_MAX_GAP)
			gap = ADDR_MAX_GAP;
		int64_t w = portal_col_int(q, SA_LAST) + gap - r->now;
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

PORTAL_SQL(sql_ch_void, 0,
	"UPDATE sms_challenges SET state = 'void' WHERE session_id = ? AND state = 'open'");

PORTAL_SQL(sql_ch_insert, 0,
	"INSERT INTO sms_challenges (session_id, user_id, phone, code_mac, created_at, expires_at)"
	" VALUES (?, ?, ?, ?, ?, ?)");

enum portal_err portal_sms_challenge(struct portal_req *r, int64_t session_id, int64_t user_id,
	const char *phone, enum portal_lang lang, int64_t *wait)
{
	enum portal_err rc = portal_sms_wait(r, user_id, wait);
	if (rc != PORTAL_OK || *wait > 0)
		return rc;
	if ((rc = portal_exec(r, &sql_ch_void, NULL, "i", session_id)) != PORTAL_OK)
		return rc;
	char code[8];
	unsigned char mac[32];
	snprintf(code, sizeof code, "%06u", (unsigned)portal_random_below(1000000));
	code_mac(session_id, code, mac);
	rc = portal_exec(r, &sql_ch_insert, NULL, "iisbii", session_id, user_id, phone, mac, sizeof mac, r->now,
		r->now + CODE_TTL);
	if (rc == PORTAL_OK)
		rc = portal_sms_enqueue(r, user_id, phone, code_text(r, lang, code));
	OPENSSL_cleanse(code, sizeof code);
	return rc;
}

enum { CH_ID, CH_MAC, CH_EXPIRES, CH_ATTEMPTS, CH_PHONE, CH__N };
PORTAL_SQL(sql_ch_open, CH__N,
	"SELECT id, code_mac, expires_at, attempts, phone FROM sms_challenges"
	" WHERE session_id = ? AND state = 'open' ORDER BY id DESC LIMIT 1 FOR UPDATE");

PORTAL_SQL(sql_ch_update, 0,
	"UPDATE sms_challenges SET attempts = ?, state = ? WHERE id = ?");

enum portal_err portal_sms_verify(struct portal_req *r, int64_t session_id, const char *code,
	enum portal_sms_result *res, const char **phone)
{
	*res = PORTAL_SMS_NONE;
	if (phone)
		*phone = NULL;
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_ch_open, "i", session_id);
	if (rc == PORTAL_ERR_NOTFOUND)
		return PORTAL_OK;
	if (rc != PORTAL_OK)
		return rc;
	int64_t id = portal_col_int(q, CH_ID);
	unsigned char stored[32];
	if (portal_col_len(q, CH_MAC) != sizeof stored)
		return PORTAL_ERR_DB;
	memcpy(stored, portal_col(q, CH_MAC), sizeof stored);
	int64_t expires = portal_col_int(q, CH_EXPIRES);
	int64_t attempts = portal_col_int(q, CH_ATTEMPTS);
	if (r->now >= expires) {
		*res = PORTAL_SMS_EXPIRED;
		return portal_exec(r, &sql_ch_update, NULL, "isi", attempts, "void", id);
	}
	unsigned char mac[32];
	code_mac(session_id, code, mac);
	if (portal_ct_equal(mac, stored, sizeof mac)) {
		*res = PORTAL_SMS_OK;
		if (phone)
			*phone = portal_strdup(r, portal_col(q, CH_PHONE));
		return portal_exec(r, &sql_ch_update, NULL, "isi", attempts, "used", id);
	}
	attempts++;
	*res = attempts >= CODE_TRIES ? PORTAL_SMS_VOID : PORTAL_SMS_WRONG;
	return portal_exec(r, &sql_ch_update, NULL, "isi", attempts, attempts >= CODE_TRIES ? "void" : "open", id);
}

PORTAL_SQL(sql_outbox_insert, 0,
	"INSERT INTO sms_outbox (user_id, phone, body, client_addr, created_at) VALUES (?, ?, ?, ?, ?)");

enum portal_err portal_sms_enqueue(struct portal_req *r, int64_t user_id, const char *phone, const char *text)
{
	return portal_exec(r, &sql_outbox_insert, NULL, "Isssi", user_id, phone, text,
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

PORTAL_SQL(sql_claim, 0,
	"UPDATE sms_outbox SET claim = ?, claimed_at = ?, attempts = attempts + 1"
	" WHERE sent_at IS NULL AND attempts < 10 AND (claim IS NULL OR claimed_at < ?)"
	" ORDER BY id LIMIT 50");

PORTAL_SQL(sql_claimed, OB__N,
	"SELECT id, phone, '', body FROM sms_outbox WHERE claim = ? AND sent_at IS NULL ORDER BY id");

PORTAL_SQL(sql_sent, 0,
	"UPDATE sms_outbox SET sent_at = ?, claim = NULL, last_error = NULL WHERE id = ?");

/* a failed row keeps its claim: it is retried once the claim is two minutes old */
PORTAL_SQL(sql_failed, 0,
	"UPDATE sms_outbox SET last_error = ? WHERE id = ?");

int portal_sms_drain(struct portal_req *r, bool echo)
{
	static const struct portal_outbox sms = { "sms", &sql_claim, &sql_claimed, &sql_sent, &sql_failed,
		sms_send };
	return portal_outbox_drain(r, &sms, echo);
}
