/* sms.c: the SMS second factor and the SMS outbox.
 * A code is 6 digits from the CSPRNG, stored only as an HMAC bound to the half-logged-in session, valid
 * 5 minutes, single use; a new code voids the previous one; 5 wrong entries void it (AUTH-05, AUTH-06).
 * Sending is capped per account (3 per 15 minutes, 10 per day) and per client address (AUTH-07).
 * Texts go to the sms_outbox table in the caller's transaction; `portalctl sms-send` drains it with the
 * file driver (development: a log file) or the command driver (a gateway program: number as argument,
 * text on stdin, exit status 0 means sent). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

/* Seconds until another SMS may go to this account and address, 0 if now. */
static enum portal_err sms_wait(struct portal_req *r, int64_t user_id, int64_t *wait)
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
	if (rc == PORTAL_OK && portal_db_int(ST_SMS_COUNT_ADDR, 0) >= portal_cf->sms_per_ip_hour) {
		int64_t w = portal_db_int(ST_SMS_COUNT_ADDR, 1) + 3600 - r->now;
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
	enum portal_err rc = sms_wait(r, user_id, wait);
	if (rc != PORTAL_OK || *wait > 0)
		return rc;
	if ((rc = portal_db_exec(r, ST_SMS_CH_VOID, "i", session_id)) != PORTAL_OK)
		return rc;
	char code[8];
	unsigned char mac[32];
	snprintf(code, sizeof code, "%06u", (unsigned)portal_random_below(1000000));
	code_mac(session_id, code, mac);
	rc = portal_db_exec(r, ST_SMS_CH_INSERT, "iibii", session_id, user_id, mac, sizeof mac, r->now,
		r->now + CODE_TTL);
	if (rc == PORTAL_OK)
		rc = portal_sms_enqueue(r, user_id, phone, code_text(r, lang, code));
	OPENSSL_cleanse(code, sizeof code);
	return rc;
}

enum portal_err portal_sms_verify(struct portal_req *r, int64_t session_id, const char *code,
	enum portal_sms_result *res)
{
	*res = PORTAL_SMS_NONE;
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

/* ---- the sender ---- */

static bool send_file(const char *phone, const char *text, bool echo, char *err, size_t errlen)
{
	const char *path = portal_cf->sms_file;
	char ts[32], line[1024];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	char clean[700];
	portal_sanitize_line(clean, sizeof clean, text);
	int n = snprintf(line, sizeof line, "%s SMS to %s: %s\n", ts, phone, clean);
	if (n < 0 || (size_t)n >= sizeof line)
		n = (int)sizeof line - 1;
	if (echo) {
		fputs(line, stdout);
		fflush(stdout);
	}
	if (!path || !*path)
		return true;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return false;
	}
	bool ok = write(fd, line, (size_t)n) == n;
	if (!ok)
		snprintf(err, errlen, "cannot write %s", path);
	close(fd);
	return ok;
}

static bool send_command(const char *phone, const char *text, char *err, size_t errlen)
{
	int pfd[2];
	if (pipe(pfd) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return false;
	}
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return false;
	}
	if (pid == 0) {
		dup2(pfd[0], 0);
		close(pfd[0]);
		close(pfd[1]);
		char *const argv[] = { portal_cf->sms_command, (char *)phone, NULL };
		char *const envp[] = { "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", NULL };
		execve(portal_cf->sms_command, argv, envp);
		_exit(127);
	}
	close(pfd[0]);
	signal(SIGPIPE, SIG_IGN);
	size_t len = strlen(text);
	bool wrote = write(pfd[1], text, len) == (ssize_t)len;
	close(pfd[1]);
	int status = 0;
	for (int waited = 0;; waited++) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			snprintf(err, errlen, "waitpid: %s", strerror(errno));
			return false;
		}
		if (waited >= 600) {  /* 30 s */
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			snprintf(err, errlen, "%s timed out", portal_cf->sms_command);
			return false;
		}
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	if (!wrote || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(err, errlen, "%s failed (status %d)", portal_cf->sms_command,
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return false;
	}
	return true;
}

int portal_sms_drain(struct portal_req *r, bool echo)
{
	int sent = 0;
	for (;;) {
		unsigned char claim[16];
		portal_random(claim, sizeof claim);
		r->now = portal_clock_now();
		/* a claim older than 2 minutes belongs to a sender that died: take it over */
		if (portal_db_exec(r, ST_SMS_CLAIM, "bii", claim, sizeof claim, r->now, r->now - 120) != PORTAL_OK)
			return -1;
		if (portal_db_affected(ST_SMS_CLAIM) == 0)
			return sent;
		if (portal_db_exec(r, ST_SMS_CLAIMED, "b", claim, sizeof claim) != PORTAL_OK)
			return -1;
		/* copy the batch out before writing to the same table */
		struct item { int64_t id; char phone[20]; char *text; } items[50];
		int n = 0, f;
		while (n < 50 && (f = portal_db_fetch(r, ST_SMS_CLAIMED)) == 1) {
			items[n].id = portal_db_int(ST_SMS_CLAIMED, 0);
			snprintf(items[n].phone, sizeof items[n].phone, "%s", portal_db_str(ST_SMS_CLAIMED, 1));
			items[n].text = portal_strdup(r, portal_db_str(ST_SMS_CLAIMED, 2));
			n++;
		}
		while (portal_db_fetch(r, ST_SMS_CLAIMED) == 1)
			;
		for (int i = 0; i < n; i++) {
			char err[300] = "";
			bool ok = !strcmp(portal_cf->sms_driver, "command")
				? send_command(items[i].phone, items[i].text, err, sizeof err)
				: send_file(items[i].phone, items[i].text, echo, err, sizeof err);
			if (ok) {
				if (portal_db_exec(r, ST_SMS_SENT, "ii", portal_clock_now(), items[i].id) != PORTAL_OK)
					return -1;
				sent++;
			} else {
				portal_log(r, PORTAL_LOG_ERR, "sms %lld not sent: %s", (long long)items[i].id, err);
				if (portal_db_exec(r, ST_SMS_FAILED, "si", err, items[i].id) != PORTAL_OK)
					return -1;
			}
		}
	}
}
