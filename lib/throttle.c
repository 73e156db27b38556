/* throttle.c: failure counters in the database, so limits survive new sessions and span client
 * addresses (AUTH-04, AUTH-06). Subjects are stored as HMACs: the typed e-mail address (existing or not:
 * the same answer either way, AUTH-03), a user id, or a client address.
 *  - password per account: consecutive failures; after password_free of them the wait doubles from
 *    password_base_wait up to password_max_wait; at password_hard_limit only an unlock or reset helps.
 *  - authenticator codes per account: 5 wrong ones per 5 minutes (AUTH-12);
 *  - per address, second factor, reset and account requests: a count per window; at the limit, blocked until the
 *    window ends. */
#include <stdio.h>
#include <string.h>

#include "portal.h"

#define LOCKED_FOREVER ((int64_t)1 << 62)

static const char *const labels[] = { "th-pw-acct", "th-pw-addr", "th-otp-acct", "th-otp-addr", "th-reset-addr",
	"th-request-addr", "th-totp-acct" };

static void subject_mac(enum portal_throttle t, const void *subj, size_t n, unsigned char mac[32])
{
	portal_hmac(labels[t], subj, n, mac);
}

enum { TH_FAILURES, TH_WINDOW_START, TH_BLOCKED_UNTIL, TH__N };
PORTAL_SQL(sql_get, TH__N,
	"SELECT failures, window_start, blocked_until FROM auth_throttle WHERE scope = ? AND subject = ?");

int64_t portal_throttle_wait(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n)
{
	unsigned char mac[32];
	subject_mac(t, subj, n, mac);
	struct portal_rows *q;
	enum portal_err rc = portal_query_row(r, &q, &sql_get, "ib", (int64_t)t, mac, sizeof mac);
	if (rc == PORTAL_ERR_NOTFOUND)
		return 0;
	if (rc != PORTAL_OK)
		return -1;
	int64_t until = portal_col_int(q, TH_BLOCKED_UNTIL);
	return until > r->now ? until - r->now : 0;
}

static void window_policy(enum portal_throttle t, long *limit, long *window)
{
	switch (t) {
	case PORTAL_TH_PW_IP:
		*limit = portal_cf->pw_ip_limit, *window = portal_cf->pw_ip_window;
		break;
	case PORTAL_TH_OTP_ACCT:
		*limit = portal_cf->otp_acct_limit, *window = portal_cf->otp_window;
		break;
	case PORTAL_TH_TOTP_ACCT:    /* AUTH-12: 5 wrong authenticator codes per 5 minutes per account */
		*limit = 5, *window = 300;
		break;
	case PORTAL_TH_RESET_IP:     /* throttle.reset_address_limit / _window of the configuration */
	case PORTAL_TH_REQUEST_IP:   /* account requests from the login page: the same public-form limits */
		*limit = portal_cf->reset_ip_limit, *window = portal_cf->reset_ip_window;
		break;
	default:
		*limit = portal_cf->otp_ip_limit, *window = portal_cf->otp_window;
		break;
	}
}

PORTAL_SQL(sql_get_lock, TH__N,
	"SELECT failures, window_start, blocked_until FROM auth_throttle WHERE scope = ? AND subject = ? FOR UPDATE");

PORTAL_SQL(sql_put, 0,
	"INSERT INTO auth_throttle (scope, subject, failures, window_start, blocked_until) VALUES (?, ?, ?, ?, ?)"
	" ON DUPLICATE KEY UPDATE failures = VALUES(failures), window_start = VALUES(window_start),"
	" blocked_until = VALUES(blocked_until)");

int portal_throttle_check(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n, bool count)
{
	int64_t w = portal_throttle_wait(r, t, subj, n);
	if (w > 0)
		return portal_retry_after(r, w);
	if (w < 0 || (count && portal_throttle_fail(r, t, subj, n) != PORTAL_OK))
		return 503;
	return 0;
}

enum portal_err portal_throttle_fail(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n)
{
	unsigned char mac[32];
	subject_mac(t, subj, n, mac);
	bool own_tx = !r->in_tx;
	enum portal_err rc;
	if (own_tx && (rc = portal_db_begin(r)) != PORTAL_OK)
		return rc;
	int64_t failures = 0, start = r->now, until = 0;
	struct portal_rows *q;
	rc = portal_query_row(r, &q, &sql_get_lock, "ib", (int64_t)t, mac, sizeof mac);
	if (rc == PORTAL_OK) {
		failures = portal_col_int(q, TH_FAILURES);
		start = portal_col_int(q, TH_WINDOW_START);
		until = portal_col_int(q, TH_BLOCKED_UNTIL);
	} else if (rc != PORTAL_ERR_NOTFOUND) {
		goto fail;
	}
	if (t == PORTAL_TH_PW_ACCT) {
		failures++;
		if (failures >= portal_cf->pw_hard_limit) {
			until = LOCKED_FOREVER;
		} else if (failures >= portal_cf->pw_free) {
			int64_t wait = portal_cf->pw_base_wait;
			for (int64_t i = portal_cf->pw_free; i < failures && wait < portal_cf->pw_max_wait; i++)
				wait *= 2;
			if (wait > portal_cf->pw_max_wait)
				wait = portal_cf->pw_max_wait;
			until = r->now + wait;
		}
	} else {
		long limit, window;
		window_policy(t, &limit, &window);
		if (r->now - start >= window) {
			failures = 0;
			start = r->now;
		}
		failures++;
		if (failures >= limit)
			until = start + window;
	}
	rc = portal_exec(r, &sql_put, NULL, "ibiii", (int64_t)t, mac, sizeof mac, failures, start, until);
	if (rc != PORTAL_OK)
		goto fail;
	if (own_tx)
		return portal_db_commit(r);
	return PORTAL_OK;
fail:
	if (own_tx)
		portal_db_rollback(r);
	return rc;
}

PORTAL_SQL(sql_clear, 0,
	"DELETE FROM auth_throttle WHERE scope = ? AND subject = ?");

enum portal_err portal_throttle_clear(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n)
{
	unsigned char mac[32];
	subject_mac(t, subj, n, mac);
	return portal_exec(r, &sql_clear, NULL, "ib", (int64_t)t, mac, sizeof mac);
}
