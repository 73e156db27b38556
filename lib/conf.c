/* conf.c: the configuration file (INI, located by PORTAL_CONFIG) and the secret files it names.
 * Unknown keys are refused (a typo must not silently fall back to a default); secret files that
 * group or others can read are refused (CRY-03). The result is read-only for the process' lifetime. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "portal.h"

static struct portal_conf conf;
static unsigned generation;
const struct portal_conf *portal_cf = &conf;

enum ctype { C_STR, C_LONG, C_BOOL, C_SECRET, C_KEY, C_TOTP_KEY };

struct ckey {
	const char *section, *key;
	enum ctype type;
	size_t off;
	const char *def;
	long min, max;
};

#define O(f) offsetof(struct portal_conf, f)
static const struct ckey keys[] = {
	{ "portal", "templates", C_STR, O(templates_dir), NULL, 0, 0 },
	{ "portal", "default_lang", C_STR, O(default_lang), "nl", 0, 0 },
	{ "portal", "base_url", C_STR, O(base_url), "", 0, 0 },
	{ "portal", "secure_cookies", C_BOOL, O(secure_cookies), "true", 0, 0 },
	{ "portal", "test_clock_file", C_STR, O(clock_file), "", 0, 0 },
	{ "portal", "lock_dir", C_STR, O(lock_dir), "/run/poortwachter", 0, 0 },
	{ "portal", "kdf_slots", C_LONG, O(kdf_slots), "2", 1, 64 },
	{ "portal", "hmac_key_file", C_KEY, 0, NULL, 0, 0 },
	{ "portal", "totp_key_file", C_TOTP_KEY, 0, "", 0, 0 },
	{ "db", "socket", C_STR, O(db_socket), "", 0, 0 },
	{ "db", "host", C_STR, O(db_host), "", 0, 0 },
	{ "db", "port", C_LONG, O(db_port), "0", 0, 65535 },
	{ "db", "name", C_STR, O(db_name), "poortwachter", 0, 0 },
	{ "db", "user", C_STR, O(db_user), "poortwachter", 0, 0 },
	{ "db", "password_file", C_SECRET, O(db_password), "", 0, 0 },
	{ "db", "admin_user", C_STR, O(db_admin_user), "", 0, 0 },
	{ "db", "admin_password_file", C_SECRET, O(db_admin_password), "", 0, 0 },
	{ "sms", "driver", C_STR, O(sms_driver), "file", 0, 0 },
	{ "sms", "file", C_STR, O(sms_file), "", 0, 0 },
	{ "sms", "command", C_STR, O(sms_command), "", 0, 0 },
	{ "sms", "per_15min", C_LONG, O(sms_per_15min), "3", 1, 1000 },
	{ "sms", "per_day", C_LONG, O(sms_per_day), "10", 1, 10000 },
	{ "sms", "per_address_hour", C_LONG, O(sms_per_ip_hour), "300", 1, 100000 },
	{ "mail", "driver", C_STR, O(mail_driver), "file", 0, 0 },
	{ "mail", "file", C_STR, O(mail_file), "", 0, 0 },
	{ "mail", "command", C_STR, O(mail_command), "/usr/sbin/sendmail", 0, 0 },
	{ "mail", "from", C_STR, O(mail_from), "Poortwachter <noreply@localhost>", 0, 0 },
	{ "support", "name", C_STR, O(support_name), "Poortwachter Support", 0, 0 },
	{ "support", "phone", C_STR, O(support_phone), "", 0, 0 },
	{ "support", "email", C_STR, O(support_email), "", 0, 0 },
	{ "support", "hours", C_STR, O(support_hours), "", 0, 0 },
	{ "support", "hours_en", C_STR, O(support_hours_en), "", 0, 0 },
	{ "log", "target", C_STR, O(log_target), "stderr", 0, 0 },
	{ "log", "debug", C_BOOL, O(log_debug), "false", 0, 0 },
	{ "limits", "max_body", C_LONG, O(max_body), "1048576", 1024, 1L << 30 },
	{ "limits", "max_fields", C_LONG, O(max_fields), "200", 1, 100000 },
	{ "limits", "max_upload", C_LONG, O(max_upload), "8388608", 1024, 1L << 30 },
	{ "documents", "dir", C_STR, O(documents_dir), "", 0, 0 },
	{ "reminders", "contact_check_days", C_LONG, O(contact_check_days), "182", 1, 3650 },
	{ "limits", "max_query", C_LONG, O(max_query), "8192", 256, 1L << 20 },
	{ "session", "idle", C_LONG, O(session_idle), "1800", 60, 86400 },
	{ "session", "absolute", C_LONG, O(session_absolute), "43200", 300, 7 * 86400 },
	{ "session", "pending", C_LONG, O(session_pending), "600", 60, 3600 },
	{ "throttle", "reset_address_limit", C_LONG, O(reset_ip_limit), "20", 1, 100000 },
	{ "throttle", "reset_address_window", C_LONG, O(reset_ip_window), "3600", 60, 86400 },
	{ "throttle", "password_free", C_LONG, O(pw_free), "10", 1, 100 },
	{ "throttle", "password_base_wait", C_LONG, O(pw_base_wait), "60", 1, 86400 },
	{ "throttle", "password_max_wait", C_LONG, O(pw_max_wait), "3600", 1, 86400 },
	{ "throttle", "password_hard_limit", C_LONG, O(pw_hard_limit), "100", 10, 100 },
	{ "throttle", "address_limit", C_LONG, O(pw_ip_limit), "100", 1, 1000000 },
	{ "throttle", "address_window", C_LONG, O(pw_ip_window), "900", 60, 86400 },
	{ "throttle", "second_factor_limit", C_LONG, O(otp_acct_limit), "20", 5, 1000 },
	{ "throttle", "second_factor_window", C_LONG, O(otp_window), "900", 60, 86400 },
	{ "throttle", "second_factor_address_limit", C_LONG, O(otp_ip_limit), "100", 5, 1000000 },
};
#define NKEYS (sizeof keys / sizeof keys[0])

enum portal_err portal_secret_read(const char *path, char **out, size_t *len, char *err, size_t errlen)
{
	*out = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open secret file %s: %s", path, strerror(errno));
		return PORTAL_ERR_CONFIG;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "secret file %s is not a regular file", path);
		close(fd);
		return PORTAL_ERR_CONFIG;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		snprintf(err, errlen, "secret file %s is readable by group or others (mode %04o); run: chmod 600 %s",
			path, (unsigned)(st.st_mode & 07777), path);
		close(fd);
		return PORTAL_ERR_CONFIG;
	}
	if (st.st_size > 4096) {
		snprintf(err, errlen, "secret file %s is larger than 4 KiB", path);
		close(fd);
		return PORTAL_ERR_CONFIG;
	}
	char *buf = portal_xmalloc((size_t)st.st_size + 1);
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == '\r' || buf[got - 1] == ' ' || buf[got - 1] == '\t'))
		got--;
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return PORTAL_OK;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

enum portal_err portal_ini_parse(const char *text, portal_ini_cb cb, void *ctx, char *err, size_t errlen)
{
	char section[64] = "";
	char *copy = portal_xstrdup(text);
	char *save = NULL;
	unsigned lineno = 0;
	enum portal_err rc = PORTAL_OK;
	for (char *line = copy; line && rc == PORTAL_OK; line = save) {
		char *nl = strchr(line, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		char *s = trim(line);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *e = strchr(s, ']');
			if (!e || e[1] != '\0' || (size_t)(e - s - 1) >= sizeof section || e == s + 1) {
				snprintf(err, errlen, "line %u: bad section header", lineno);
				rc = PORTAL_ERR_CONFIG;
				break;
			}
			memcpy(section, s + 1, (size_t)(e - s - 1));
			section[e - s - 1] = '\0';
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			snprintf(err, errlen, "line %u: expected key = value", lineno);
			rc = PORTAL_ERR_CONFIG;
			break;
		}
		*eq = '\0';
		char *key = trim(s), *val = trim(eq + 1);
		if (*key == '\0') {
			snprintf(err, errlen, "line %u: empty key", lineno);
			rc = PORTAL_ERR_CONFIG;
			break;
		}
		char sub[200] = "";
		rc = cb(ctx, section, key, val, sub, sizeof sub);
		if (rc != PORTAL_OK)
			snprintf(err, errlen, "line %u: %s", lineno, sub);
	}
	free(copy);
	return rc;
}

static char **slot_str(const struct ckey *k) { return (char **)((char *)&conf + k->off); }
static long *slot_long(const struct ckey *k) { return (long *)((char *)&conf + k->off); }
static bool *slot_bool(const struct ckey *k) { return (bool *)((char *)&conf + k->off); }

/* A key file (HMAC, TOTP sealing): 32 bytes up to the buffer's size, kept in conf, the copy wiped. */
static enum portal_err read_key(const char *path, unsigned char *buf, size_t cap, size_t *len_out, char *err,
	size_t errlen)
{
	char *key;
	size_t len;
	enum portal_err rc = portal_secret_read(path, &key, &len, err, errlen);
	if (rc != PORTAL_OK)
		return rc;
	if (len < 32 || len > cap) {
		snprintf(err, errlen, "%s must hold 32 to %zu bytes (e.g. 32 random bytes in base64)", path, cap);
		free(key);
		return PORTAL_ERR_CONFIG;
	}
	memcpy(buf, key, len);
	*len_out = len;
	OPENSSL_cleanse(key, len);
	free(key);
	return PORTAL_OK;
}

static enum portal_err set_value(const struct ckey *k, const char *val, char *err, size_t errlen)
{
	switch (k->type) {
	case C_STR:
		free(*slot_str(k));
		*slot_str(k) = portal_xstrdup(val);
		return PORTAL_OK;
	case C_LONG: {
		char *end;
		errno = 0;
		long v = strtol(val, &end, 10);
		if (errno || end == val || *end || v < k->min || v > k->max) {
			snprintf(err, errlen, "%s.%s must be a number from %ld to %ld", k->section, k->key, k->min, k->max);
			return PORTAL_ERR_CONFIG;
		}
		*slot_long(k) = v;
		return PORTAL_OK;
	}
	case C_BOOL:
		if (!strcmp(val, "true") || !strcmp(val, "yes") || !strcmp(val, "1"))
			*slot_bool(k) = true;
		else if (!strcmp(val, "false") || !strcmp(val, "no") || !strcmp(val, "0"))
			*slot_bool(k) = false;
		else {
			snprintf(err, errlen, "%s.%s must be true or false", k->section, k->key);
			return PORTAL_ERR_CONFIG;
		}
		return PORTAL_OK;
	case C_SECRET: {
		free(*slot_str(k));
		*slot_str(k) = NULL;
		if (*val == '\0')
			return PORTAL_OK;
		size_t len;
		enum portal_err rc = portal_secret_read(val, slot_str(k), &len, err, errlen);
		if (rc == PORTAL_OK && memchr(*slot_str(k), '\0', len)) {
			snprintf(err, errlen, "secret file %s contains a NUL byte", val);
			rc = PORTAL_ERR_CONFIG;
		}
		return rc;
	}
	case C_KEY:
		return read_key(val, conf.hmac_key, sizeof conf.hmac_key, &conf.hmac_key_len, err, errlen);
	case C_TOTP_KEY:   /* optional: without it the authenticator app cannot be enrolled (CRY-03) */
		return *val ? read_key(val, conf.totp_key, sizeof conf.totp_key, &conf.totp_key_len, err, errlen) : PORTAL_OK;
	}
	return PORTAL_ERR_CONFIG;
}

static enum portal_err on_key(void *ctx, const char *section, const char *key, const char *val,
	char *err, size_t errlen)
{
	bool *seen = ctx;
	for (size_t i = 0; i < NKEYS; i++) {
		if (strcmp(keys[i].section, section) || strcmp(keys[i].key, key))
			continue;
		if (seen[i]) {
			snprintf(err, errlen, "%s.%s given twice", section, key);
			return PORTAL_ERR_CONFIG;
		}
		seen[i] = true;
		return set_value(&keys[i], val, err, errlen);
	}
	snprintf(err, errlen, "unknown setting %s.%s", section, key);
	return PORTAL_ERR_CONFIG;
}

char *portal_file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return NULL;
	struct portal_buf b = { 0 };
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		portal_buf_add(&b, chunk, n);
	fclose(f);
	portal_buf_str(&b);
	if (len)
		*len = b.len;
	return b.p;
}

enum portal_err portal_conf_load(const char *path, char *err, size_t errlen)
{
	portal_conf_free();
	bool seen[NKEYS] = { false };
	char *text = portal_file_read(path, NULL);
	if (!text) {
		snprintf(err, errlen, "cannot open configuration %s: %s", path, strerror(errno));
		return PORTAL_ERR_CONFIG;
	}
	char sub[300];
	enum portal_err rc = portal_ini_parse(text, on_key, seen, sub, sizeof sub);
	free(text);
	if (rc != PORTAL_OK) {
		snprintf(err, errlen, "%s: %s", path, sub);
		return rc;
	}
	for (size_t i = 0; i < NKEYS; i++) {
		if (seen[i])
			continue;
		if (keys[i].type == C_KEY) {
			snprintf(err, errlen, "%s: %s.%s is required", path, keys[i].section, keys[i].key);
			return PORTAL_ERR_CONFIG;
		}
		if (!keys[i].def) {
			snprintf(err, errlen, "%s: %s.%s is required", path, keys[i].section, keys[i].key);
			return PORTAL_ERR_CONFIG;
		}
		if ((rc = set_value(&keys[i], keys[i].def, sub, sizeof sub)) != PORTAL_OK) {
			snprintf(err, errlen, "%s: %s", path, sub);
			return rc;
		}
	}
	const struct { const char *v, *name, *a, *b; } choices[] = {
		{ conf.sms_driver, "sms.driver", "file", "command" }, { conf.mail_driver, "mail.driver", "file", "command" },
		{ conf.log_target, "log.target", "stderr", "syslog" }, { conf.default_lang, "portal.default_lang", "nl", "en" },
	};
	for (size_t i = 0; i < sizeof choices / sizeof *choices; i++)
		if (strcmp(choices[i].v, choices[i].a) && strcmp(choices[i].v, choices[i].b)) {
			snprintf(err, errlen, "%s: %s must be %s or %s", path, choices[i].name, choices[i].a, choices[i].b);
			return PORTAL_ERR_CONFIG;
		}
	if (strpbrk(conf.mail_from, "\r\n") || !strchr(conf.mail_from, '@')) {
		snprintf(err, errlen, "%s: mail.from must be one address line, e.g. Poortwachter <noreply@example.nl>", path);
		return PORTAL_ERR_CONFIG;
	}
	if (!conf.db_password) {
		snprintf(err, errlen, "%s: db.password_file is required", path);
		return PORTAL_ERR_CONFIG;
	}
	conf.path = portal_xstrdup(path);
	conf.generation = ++generation;
	return PORTAL_OK;
}

void portal_conf_free(void)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].type == C_STR || keys[i].type == C_SECRET) {
			char **s = slot_str(&keys[i]);
			if (*s && keys[i].type == C_SECRET)
				OPENSSL_cleanse(*s, strlen(*s));
			free(*s);
			*s = NULL;
		}
	free(conf.path);
	conf.path = NULL;
	conf.generation = ++generation;   /* the MAC contexts keyed from it are dropped at their next use */
	OPENSSL_cleanse(conf.hmac_key, sizeof conf.hmac_key);
	conf.hmac_key_len = 0;
	OPENSSL_cleanse(conf.totp_key, sizeof conf.totp_key);
	conf.totp_key_len = 0;
}
