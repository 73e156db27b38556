/* mail.c: e-mail through the mail outbox (invitations, reset links, notices; LOG-03).
 * A message is composed from the language texts (Mail.<kind>.subject and .body with {name} placeholders)
 * and queued in the caller's transaction, so it leaves only if the change it reports commits.
 * `portalctl send` drains the outbox: the file driver appends each message to a log (development), the
 * command driver pipes it to a sendmail-compatible program (`command -i -- recipient`).
 * Links in mail are built from portal.base_url only, never from the request's Host header (a forged
 * Host would otherwise send a reset link to another site). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "portal.h"

const char *portal_link(struct portal_req *r, const char *path)
{
	const char *base = portal_cf->base_url;
	if (!base || !*base) {
		portal_log(r, PORTAL_LOG_ERR, "portal.base_url is not set: no link can be put in an e-mail");
		return NULL;
	}
	size_t n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	return portal_printf(r, "%.*s%s", (int)n, base, path);
}

PORTAL_SQL(sql_outbox_insert, 0,
	"INSERT INTO mail_outbox (user_id, to_addr, subject, body, created_at) VALUES (?, ?, ?, ?, ?)");

enum portal_err portal_mail_enqueue(struct portal_req *r, int64_t user_id, const char *to, const char *subject,
	const char *body)
{
	char subj[200];
	portal_clean_text(subj, sizeof subj, subject);
	return portal_exec(r, &sql_outbox_insert, NULL, "Isssi", user_id, to, subj, body, r->now);
}

/* ---- the sender ---- */

/* RFC 2047 for a subject that is not plain ASCII. */
static const char *encode_subject(struct portal_req *r, const char *s)
{
	bool plain = !strstr(s, "=?");
	for (const char *p = s; *p && plain; p++)
		plain = (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f;
	if (plain)
		return s;
	size_t n = strlen(s);
	unsigned char *out = portal_alloc(r, 4 * ((n + 2) / 3) + 1);
	EVP_EncodeBlock(out, (const unsigned char *)s, (int)n);
	return portal_printf(r, "=?UTF-8?B?%s?=", (const char *)out);
}

static const char *message(struct portal_req *r, const char *to, const char *subject, const char *body)
{
	char date[64], id[33];
	unsigned char rnd[16];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	portal_random(rnd, sizeof rnd);
	portal_hex(rnd, sizeof rnd, id);
	return portal_printf(r,
		"From: %s\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <%s@poortwachter>\nMIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\nAuto-Submitted: auto-generated\n"
		"\n%s%s",
		portal_cf->mail_from, to, encode_subject(r, subject), date, id, body,
		body[0] && body[strlen(body) - 1] == '\n' ? "" : "\n");
}

static bool mail_send(struct portal_req *r, const char *to, const char *subject, const char *body, bool echo,
	char *err, size_t errlen)
{
	/* the address was validated when it was stored; refuse anything a header could be forged with */
	if (strpbrk(to, "\r\n<>,; ") || !portal_email_valid(to, strlen(to))) {
		snprintf(err, errlen, "refused recipient address");
		return false;
	}
	const char *msg = message(r, to, subject, body);
	if (!strcmp(portal_cf->mail_driver, "command")) {
		char *const argv[] = { portal_cf->mail_command, "-i", "--", (char *)to, NULL };
		return portal_run_command(argv, msg, strlen(msg), err, errlen);
	}
	char ts[32];
	portal_utc_stamp(ts, sizeof ts);
	if (echo)
		printf("%s mail to %s: %s\n", ts, to, subject);
	const char *entry = portal_printf(r, "From poortwachter %s\n%s\n", ts, msg);
	return portal_append_file(portal_cf->mail_file, entry, strlen(entry), err, errlen);
}

PORTAL_SQL(sql_claim, 0,
	"UPDATE mail_outbox SET claim = ?, claimed_at = ?, attempts = attempts + 1"
	" WHERE sent_at IS NULL AND attempts < 10 AND (claim IS NULL OR claimed_at < ?)"
	" ORDER BY id LIMIT 50");

PORTAL_SQL(sql_claimed, OB__N,
	"SELECT id, to_addr, subject, body FROM mail_outbox WHERE claim = ? AND sent_at IS NULL ORDER BY id");

PORTAL_SQL(sql_sent, 0,
	"UPDATE mail_outbox SET sent_at = ?, claim = NULL, last_error = NULL WHERE id = ?");

PORTAL_SQL(sql_failed, 0,
	"UPDATE mail_outbox SET last_error = ? WHERE id = ?");

int portal_mail_drain(struct portal_req *r, bool echo)
{
	static const struct portal_outbox mail = { "mail", &sql_claim, &sql_claimed, &sql_sent,
		&sql_failed, mail_send };
	return portal_outbox_drain(r, &mail, echo);
}
