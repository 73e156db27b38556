/* conf.h: configuration (conf.c). */
#ifndef PORTAL_CONF_H
#define PORTAL_CONF_H

#include "base.h"

struct portal_conf {
	char *path;
	/* [portal] */
	char *templates_dir;
	char *default_lang;
	char *base_url;          /* optional: scheme://host[:port] the portal is served under */
	bool secure_cookies;     /* false only for plain-http development */
	char *clock_file;        /* test stacks only: file holding a clock offset in seconds */
	char *lock_dir;          /* where the password-hashing slots live */
	long kdf_slots;          /* concurrent password hashes per machine */
	unsigned char hmac_key[64];
	size_t hmac_key_len;
	unsigned generation;     /* moves on every load and free: what was derived from the keys is stale then */
	unsigned char totp_key[64];  /* seals authenticator secrets (CRY-03); totp_key_len 0: not configured */
	size_t totp_key_len;
	/* [db] */
	char *db_socket, *db_host, *db_name, *db_user, *db_password;
	long db_port;
	char *db_admin_user, *db_admin_password; /* portalctl only: migrations */
	/* [sms] */
	char *sms_driver, *sms_file, *sms_command;
	long sms_per_15min, sms_per_day, sms_per_ip_hour;
	/* [mail] */
	char *mail_driver, *mail_file, *mail_command, *mail_from;
	/* [support]: the support desk's contact details, shown in every page's footer */
	char *support_name, *support_phone, *support_email, *support_hours;
	char *support_hours_en;  /* the hours as an English page says them; empty: hours on every page */
	/* [log] */
	char *log_target;        /* stderr | syslog */
	bool log_debug;          /* write debug lines (e.g. ignored query parameters) */
	/* [limits] */
	long max_body, max_fields, max_query;
	long max_upload;         /* body of an upload route (multipart); the file itself a little less */
	/* [reminders] */
	long contact_check_days; /* remind admins to check their organisation's contact data after this long */
	/* [documents] */
	char *documents_dir;     /* uploaded documents, outside the web root; writable by the programs */
	/* [session] */
	long session_idle, session_absolute, session_pending;
	/* [throttle] */
	long pw_free, pw_base_wait, pw_max_wait, pw_hard_limit, pw_ip_limit, pw_ip_window;
	long otp_acct_limit, otp_window, otp_ip_limit;
	long reset_ip_limit, reset_ip_window;
};
extern const struct portal_conf *portal_cf;  /* read-only after start-up */
/* Loads and validates the file; refuses secret files readable by group or others (CRY-03). */
enum portal_err portal_conf_load(const char *path, char *err, size_t errlen);
void portal_conf_free(void);
/* A whole file, NUL-terminated, malloc'd (NULL with errno set if it cannot be read). */
char *portal_file_read(const char *path, size_t *len);
/* Reads a secret file: regular, not group/other readable, trailing whitespace trimmed. */
enum portal_err portal_secret_read(const char *path, char **out, size_t *len, char *err, size_t errlen);
/* Parses an INI file into callback calls; used by conf.c and tests. */
typedef enum portal_err (*portal_ini_cb)(void *ctx, const char *section, const char *key,
	const char *value, char *err, size_t errlen);
enum portal_err portal_ini_parse(const char *text, portal_ini_cb cb, void *ctx, char *err, size_t errlen);

#endif
