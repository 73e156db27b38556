/* portal.h: the public interface of libportal, the library every Poortwachter program links.
 * One section per concern; each section's implementation lives in the lib/ file named in its heading. */
#ifndef PORTAL_H
#define PORTAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#include "err.h"
#include "db.h"
#include "portal_sql.h"

#define PORTAL_PRINTF(a, b) __attribute__((format(printf, a, b)))

struct portal_req;

/* ---- memory (mem.c): growable buffers and the per-request arena ---- */
struct portal_buf {
	char *p;
	size_t len, cap;
};
void *portal_xmalloc(size_t n);                 /* aborts the process when memory is exhausted */
void *portal_xrealloc(void *p, size_t n);
char *portal_xstrdup(const char *s);
void portal_buf_add(struct portal_buf *b, const void *p, size_t n);
void portal_buf_adds(struct portal_buf *b, const char *s);
void portal_buf_addf(struct portal_buf *b, const char *fmt, ...) PORTAL_PRINTF(2, 3);
void portal_buf_reset(struct portal_buf *b);     /* keeps the allocation */
void portal_buf_free(struct portal_buf *b);
const char *portal_buf_str(struct portal_buf *b); /* NUL-terminated view */

struct portal_arena;
struct portal_arena *portal_arena_new(void);
void portal_arena_free(struct portal_arena *a);
void portal_arena_reset(struct portal_arena *a);   /* frees all but one block, zeroed, for reuse */
void *portal_alloc(struct portal_req *r, size_t n);             /* zeroed, freed with the request */
char *portal_strdup(struct portal_req *r, const char *s);
char *portal_strndup(struct portal_req *r, const char *s, size_t n);
char *portal_printf(struct portal_req *r, const char *fmt, ...) PORTAL_PRINTF(2, 3);

/* ---- configuration (conf.c) ---- */
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

/* ---- logging (log.c): one line per event, never a secret ---- */
enum portal_loglevel { PORTAL_LOG_ERR, PORTAL_LOG_WARN, PORTAL_LOG_INFO, PORTAL_LOG_DEBUG };
void portal_log_init(const char *prog, bool use_syslog, bool debug);
/* Where log lines go while a FastCGI request runs (its stderr stream); NULL for the process' stderr. */
typedef void (*portal_log_sink_fn)(void *ctx, const char *line, size_t n);
void portal_log_sink(portal_log_sink_fn fn, void *ctx);
void portal_log(struct portal_req *r, enum portal_loglevel lvl, const char *fmt, ...) PORTAL_PRINTF(3, 4);
/* Copies s into out (size n), replacing control characters so no CR/LF reaches a log or header. */
void portal_sanitize_line(char *out, size_t n, const char *s);
/* The same, and never ends in a split UTF-8 character or holds invalid UTF-8 (for database text). */
void portal_clean_text(char *out, size_t n, const char *s);

/* ---- clock (clock.c) ---- */
int64_t portal_clock_now(void);  /* unix seconds, plus the test offset when configured */

/* ---- crypto (crypto.c) ---- */
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

/* ---- request, response and routes (http.c, field.c, app.c) ---- */
struct portal_kv {
	char *name;
	char *value;
	size_t len;
};
struct portal_kvs {
	struct portal_kv *v;
	size_t n;
};

enum portal_ftype {
	PF_NONE = 0,
	PF_LINE,       /* one line of text, trimmed; min/max in characters */
	PF_TEXT,       /* multi-line text; min/max in characters */
	PF_SECRET,     /* a password: kept byte-exact, max in characters */
	PF_INT,        /* decimal integer within [min, max] */
	PF_EMAIL,      /* an e-mail address, lower-cased domain */
	PF_PHONE,      /* a mobile number, normalised to E.164 */
	PF_ENUM,       /* one of choices[] */
	PF_DIGITS,     /* exactly min..max ASCII digits (codes) */
	PF_PATH,       /* a local path for a redirect target */
	PF_DATE,       /* a calendar date YYYY-MM-DD; i = local midnight in unix seconds */
	PF_IDS,        /* a set of positive ids: the only field that may repeat (checkboxes); max = most ids */
	PF_FILE,       /* an uploaded file (upload routes only); max = most bytes; .file set */
};
#define PF_REQUIRED 1u

struct portal_field {
	const char *name;
	enum portal_ftype type;
	unsigned flags;
	long long min, max;
	const char *const *choices;  /* PF_ENUM: NULL-terminated */
};

struct portal_value {
	bool present;   /* sent and non-empty */
	bool valid;
	const char *s;  /* normalised text (NULL when absent or invalid) */
	size_t len;
	long long i;    /* PF_INT and PF_ENUM (index) */
	const char *err;/* language key of the reason when !valid */
	const char *typed;   /* when !valid: the text as sent, to show it again in the form (not for secrets) */
	const int64_t *ids;  /* PF_IDS: distinct ids in the order sent */
	size_t nids;
	const struct portal_file *file;  /* PF_FILE */
};

/* A file part of a multipart/form-data body: the bytes as sent, the name as the browser gave it (raw,
 * untrusted: display only after portal_clean_filename), the part's declared type (untrusted too). */
struct portal_file {
	const char *field;
	const char *filename;
	const char *content_type;
	const unsigned char *data;
	size_t len;
};
struct portal_files {
	struct portal_file *v;
	size_t n;
};

enum portal_access {
	PORTAL_ACCESS_INVALID = 0,   /* a zeroed entry: the program refuses to start */
	PORTAL_ACCESS_PUBLIC,        /* no session needed; says so explicitly */
	PORTAL_ACCESS_PENDING,       /* half-logged-in: password right, second factor pending */
	PORTAL_ACCESS_USER,          /* any fully logged-in user (own data only) */
	PORTAL_ACCESS_RIGHT,         /* fully logged-in and holding .right in the organisation */
	PORTAL_ACCESS_DOSSIER,       /* inside the dossier of the path's "#": it must be the organisation's and
	                                visible to the user (else 404); .right, if set, a dossier right (else 403) */
};

typedef int (*portal_handler)(struct portal_req *r);

/* What the library must know of a logged-in route besides its right: whose data it is, for vendor staff working
 * in a customer's data (ACC-07). Every such route declares exactly one of OWN, READ, WRITE and IDENTITY, or the
 * program refuses to start; a new route cannot be forgotten. */
enum portal_route_flag {
	PORTAL_RF_OWN = 1u << 0,        /* no customer's data: one's own account, the vendor's own work, incidents
	                                   addressed to support, help, news */
	PORTAL_RF_READ = 1u << 1,       /* reads a customer's data: the desk needs a grant (or bootstrap) */
	PORTAL_RF_WRITE = 1u << 2,      /* changes it: a write grant (or bootstrap) */
	PORTAL_RF_IDENTITY = 1u << 3,   /* changes who can log in there (colleagues, their address, number, links,
	                                   authenticator): the customer's own, the desk only in bootstrap */
	PORTAL_RF_BEFORE_APP = 1u << 4, /* usable before a required authenticator app is enrolled (AUTH-08) */
};
#define PORTAL_RF_DATA (PORTAL_RF_OWN | PORTAL_RF_READ | PORTAL_RF_WRITE | PORTAL_RF_IDENTITY)

struct portal_route {
	const char *method;
	const char *path;            /* exact, or with one "#" segment matching a positive id */
	enum portal_access access;
	const char *right;
	portal_handler handler;
	const struct portal_field *fields;  /* query (GET) or form (POST) fields accepted */
	bool upload;                 /* POST as multipart/form-data, up to limits.max_upload (PF_FILE fields) */
	unsigned flags;              /* enum portal_route_flag */
};
#define PORTAL_ROUTE_PUBLIC(m, p, h, f)   { m, p, PORTAL_ACCESS_PUBLIC, NULL, h, f, false, 0 }
#define PORTAL_ROUTE_PENDING(m, p, h, f)  { m, p, PORTAL_ACCESS_PENDING, NULL, h, f, false, 0 }
#define PORTAL_ROUTE_USER(m, p, h, f, fl) { m, p, PORTAL_ACCESS_USER, NULL, h, f, false, fl }
#define PORTAL_ROUTE_RIGHT(m, p, rt, h, f, fl) { m, p, PORTAL_ACCESS_RIGHT, rt, h, f, false, fl }
#define PORTAL_ROUTE_DOSSIER(m, p, rt, h, f, fl) { m, p, PORTAL_ACCESS_DOSSIER, rt, h, f, false, fl }
#define PORTAL_ROUTE_UPLOAD(p, rt, h, f, fl) { "POST", p, PORTAL_ACCESS_DOSSIER, rt, h, f, true, fl }
#define PORTAL_ROUTE_UPLOAD_RIGHT(p, rt, h, f, fl) { "POST", p, PORTAL_ACCESS_RIGHT, rt, h, f, true, fl }
#define PORTAL_ROUTE_END                  { NULL, NULL, PORTAL_ACCESS_INVALID, NULL, NULL, NULL, false, 0 }

/* Where the site's shared pages are. The library redirects and links to them (the login flow, AUTH-08's app
 * enrolment, a fresh login before a sensitive change, the links in mails); the programs say where they are
 * (cgi-bin/site.c), so no path of a program is written in the library. */
struct portal_site {
	const char *login;          /* the login form; ?next= brings the user back afterwards */
	const char *second_factor;  /* the SMS code after the password */
	const char *start;          /* where a logged-in user starts */
	const char *app_enrol;      /* enrolling the authenticator app, for those who must have one */
	const char *reauth;         /* the password again before a sensitive change (?next=) */
	const char *invite;         /* the page of an invitation's link (?t=) */
	const char *reset;          /* the page of a password reset's link (?t=) */
	const char *grant;          /* a support grant's page: this, then the grant's id */
};
/* The site of this program (set by portal_main or portal_use_site); every path "/" until then. */
const struct portal_site *portal_site(void);
void portal_use_site(const struct portal_site *site);

struct portal_program {
	const char *name;
	const struct portal_route *routes;
	const char *const *templates;      /* NULL-terminated; parsed once at start-up */
	const struct portal_site *site;
};

enum portal_lang { PORTAL_NL = 0, PORTAL_EN = 1, PORTAL_NLANG };

enum portal_stage { PORTAL_STAGE_NONE = 0, PORTAL_STAGE_PENDING, PORTAL_STAGE_FULL };

/* The role catalogue (authz.c): rights and roles in their display order. */
struct portal_right {
	int64_t id;
	char *key, *scope;
	char *module;            /* dossier rights: the dossier module that caps it ("" for none) */
	const char *implies;     /* "m.change" and "m.create" imply "m.view" when the catalogue has it; else NULL */
	char *label[PORTAL_NLANG];
};
struct portal_role {
	int64_t id;
	char *key, *kind;
	bool on_request;         /* switched on for a customer by the vendor, one role at a time (Incidentmanagement) */
	bool core;               /* usable by every customer, whatever its role sets (Beheerder) */
	uint64_t sets;           /* bit i: the role is in portal_catalogue.sets[i] */
	char *name[PORTAL_NLANG];
	size_t *rights;          /* indices into portal_catalogue.rights, in display order */
	size_t nrights;
};
/* A role set: a package of roles the vendor gives a customer (sql/023). At most PORTAL_MAX_SETS. */
#define PORTAL_MAX_SETS 64
struct portal_role_set {
	int64_t id;
	char *key;
	char *name[PORTAL_NLANG];
};
struct portal_catalogue {
	uint64_t version;
	struct portal_right *rights;
	size_t nrights;
	struct portal_role *roles;
	size_t nroles;
	struct portal_role_set *sets;
	size_t nsets;
};

struct portal_session {
	enum portal_stage stage;
	int64_t id;
	int64_t created_at, last_seen_at, auth_at;
	int64_t user_id;
	int64_t org_id;                    /* the organisation whose data the request works in: the user's own, or
	                                    * for vendor staff working in a customer's data, that customer */
	int64_t home_org_id;               /* the user's own organisation (their account, their own audit rows) */
	const char *email, *given_name, *name_prefix, *family_name, *display_name, *mobile;
	const char *user_lang;
	const char *org_name, *org_kind;   /* of org_id */
	const char *home_org_name;
	bool staff;                        /* the user belongs to the vendor (its support desk) */
	const char *org_role_ids;          /* roles the vendor switched on for the organisation one by one */
	const char *org_set_ids;           /* the organisation's role sets (sql/023) */
	uint64_t org_sets;                 /* the same as a mask of portal_catalogue.sets */
	uint64_t org_users_version;        /* of org_id: moves with every change to its colleagues' status, confirmed
	                                    * numbers or roles (sql/016); a key for counts kept in memory */
	uint64_t org_work_version;         /* of org_id: moves with every change to its incidents' status, its
	                                    * documents' approval or its support grants (sql/028) */
	/* vendor staff working in a customer's data (ACC-07): only under an active support grant, or while the
	 * customer has no active admin of its own and the user may manage organisations (bootstrap) */
	struct {
		int64_t org_id;        /* 0: not working in a customer's data */
		bool allowed;          /* a grant is active, or bootstrap */
		bool write;            /* a write grant, or bootstrap */
		bool bootstrap;
		int64_t grant_id, expires_at;
		bool first_use;        /* the grant has not been used yet */
	} acting;
	bool has_totp;                     /* an authenticator app is enrolled (vendor staff must have one) */
	bool org_admins_need_app;          /* the organisation requires the app of its admins (AUTH-08) */
	const struct portal_role **roles;  /* the user's roles, in catalogue order */
	size_t nroles;
	const char **rights;   /* sorted keys of the effective organisation rights */
	size_t nrights;
	const struct portal_role *profile;  /* the dossier profile (one for all the user's dossiers), or NULL */
	/* inside a dossier route only (PORTAL_ACCESS_DOSSIER), from the same query */
	struct {
		int64_t id;            /* 0: not the organisation's dossier, or not a dossier route */
		const char *modules;   /* enabled modules, "documents,archive,..." */
		bool assigned;         /* the user is assigned to it (their profile applies) */
		bool visible;          /* assigned, or dossiers.manage in the organisation */
		const char **rights;   /* sorted keys of the rights in this dossier (profile capped by modules) */
		size_t nrights;
	} dossier;
	char token[PORTAL_TOKEN_LEN + 1];  /* the cookie's token (for CSRF); never logged */
};

struct portal_io;

struct portal_req {
	struct portal_arena *arena;
	struct portal_io *io;
	char rid[17];                 /* request id, for logs and error pages */
	int64_t now;                  /* clock at request start (test offset applied) */
	/* request */
	const char *method;
	const char *path;
	const char *remote_addr;
	int64_t path_id;              /* the "#" segment of the route, if any */
	struct portal_kvs query, form, cookies;
	struct portal_files files;    /* file parts of a multipart body (upload routes) */
	struct portal_value *in;      /* validated fields of the route, in table order */
	const struct portal_route *route;
	bool https;
	enum portal_lang lang;
	struct portal_session sess;
	bool sess_gone;               /* a session cookie was sent but its session has ended */
	char csrf[PORTAL_TOKEN_LEN + 1];
	char pre_token[PORTAL_TOKEN_LEN + 1];  /* pre-session cookie created by this request */
	/* response */
	int status;
	struct portal_buf head;       /* extra header lines */
	struct portal_buf body;
	bool body_set;
	const char *content_type;     /* NULL: text/html; charset=utf-8 */
	void *hdf;                    /* HDF * of this request's data (ClearSilver) */
	/* database state of this request */
	bool in_tx;
	bool db_failed;
	bool deadlocked;              /* a statement was chosen as a deadlock's victim (InnoDB rolled it back) */
	unsigned writes;              /* commits and writes outside a transaction: what a re-run would repeat */
	struct portal_rows *rows;     /* results still open (db.c closes them when the request ends) */
};

/* Environment variable of the request (CGI or FastCGI). */
const char *portal_env(struct portal_req *r, const char *name);
/* Parsers with hard limits (exposed for unit tests and fuzzing). Return 0, 400 or 413. */
int portal_parse_urlencoded(struct portal_req *r, const char *s, size_t len, struct portal_kvs *out,
	const char **why);
int portal_parse_cookies(struct portal_req *r, const char *s, struct portal_kvs *out, const char **why);
const char *portal_kv_get(const struct portal_kvs *kv, const char *name);
/* multipart/form-data (RFC 7578) with the same limits as forms: text parts go to *form, file parts to
 * *files (at most 4). boundary is the Content-Type's parameter. Returns 0, 400 or 413. */
int portal_parse_multipart(struct portal_req *r, const char *body, size_t len, const char *content_type,
	struct portal_kvs *form, struct portal_files *files, const char **why);
/* Validates one value against a field; exposed for unit tests. */
void portal_field_check(struct portal_req *r, const struct portal_field *f, const char *raw, size_t len,
	struct portal_value *out);
/* E.164 normalisation: "06 12345678" → "+31612345678"; false if not a mobile number we accept. */
bool portal_phone_normalise(const char *in, char *out, size_t outsz);
bool portal_email_valid(const char *s, size_t len);
/* CRY-04: "+31612345678" → "+316••••••78" for anyone but the person (and an admin editing it). */
const char *portal_mask_phone(struct portal_req *r, const char *mobile);
/* "Pieter de Haan": given name, surname prefix (tussenvoegsel) and surname. */
const char *portal_full_name(struct portal_req *r, const char *given, const char *prefix, const char *family);
bool portal_utf8_valid(const char *s, size_t len);
size_t portal_utf8_chars(const char *s, size_t len);

/* Response. */
void portal_header(struct portal_req *r, const char *name, const char *value);
void portal_cookie(struct portal_req *r, const char *name, const char *value, long max_age);
/* POST-redirect-GET; only local paths ("/x", never "//x"); anything else goes to "/". */
int portal_redirect(struct portal_req *r, const char *path);
/* The end of a change made in the request's transaction: rc PORTAL_OK commits it and answers 303 to `to`;
 * otherwise (or when the commit fails) it is rolled back and the answer is 503, the error page with the request
 * id. A handler returns what this returns. */
int portal_done(struct portal_req *r, enum portal_err rc, const char *to);
bool portal_local_path_ok(const char *path);
/* Sets Retry-After (capped at a day) and returns 429 (AV-01). */
int portal_retry_after(struct portal_req *r, int64_t wait);
/* Percent-encodes everything but unreserved characters and '/', for a query-string value. */
char *portal_url_encode(struct portal_req *r, const char *s);
/* A LIKE pattern that finds q anywhere, its % _ and \ taken literally; NULL for NULL. */
const char *portal_like_pattern(struct portal_req *r, const char *q);

/* ---- templates (tmpl.c): ClearSilver with html escaping always on ---- */
enum portal_err portal_tmpl_init(const char *dir, const char *const *templates, char *err, size_t errlen);
void portal_tmpl_free(void);
void portal_set(struct portal_req *r, const char *name, const char *value);
void portal_setf(struct portal_req *r, const char *name, const char *fmt, ...) PORTAL_PRINTF(3, 4);
void portal_set_int(struct portal_req *r, const char *name, long long v);
/* The links of a list paged by keyset (a sort key, then the id): Page.next, when more follows, to the page
 * after (key, id) of the last row shown, and Page.first, when this page is a later one (it was reached by a
 * cursor). list is the list's path with its filters as a query ("/things?q=jan&sort=name", or "/things");
 * anchor ("#orgs-title") or NULL is appended to both. */
void portal_keyset_links(struct portal_req *r, const char *list, bool later, bool more, const char *key, int64_t id,
	const char *anchor);
/* Many values under one node (rows of a list) without formatting and walking full names each time:
 * portal_node(r, NULL, "Page.users") then portal_node_i(r, users, i) then portal_nset(r, row, "name", v). */
void *portal_node(struct portal_req *r, void *parent, const char *name);
void *portal_node_i(struct portal_req *r, void *parent, size_t i);
void portal_nset(struct portal_req *r, void *node, const char *name, const char *value);
void portal_nset_int(struct portal_req *r, void *node, const char *name, long long v);
void portal_nset_at(struct portal_req *r, void *node, size_t i, const char *value);   /* node.i = value */
/* Copies the text of a language key (e.g. "Err.login_failed") into name. */
void portal_set_text(struct portal_req *r, const char *name, const char *key);
const char *portal_text(struct portal_req *r, const char *key);
const char *portal_text_lang(enum portal_lang lang, const char *key);
/* The text of key, or fallback when the language has none (no warning: for optional texts). */
const char *portal_text_or(struct portal_req *r, const char *key, const char *fallback);
/* The node of a group of texts in the request's language (an HDF node; NULL if the language has none). */
void *portal_text_node(struct portal_req *r, const char *key);
/* A wait or an age in words, rounded up to the unit: "1 seconde", "40 seconden", "15 minuten", "2 uur". */
const char *portal_duration_words(struct portal_req *r, int64_t seconds);
/* How long ago t was, in words, rounded down: "zojuist", "5 minuten geleden", "2 uur geleden". */
const char *portal_ago(struct portal_req *r, int64_t t);
/* Renders a template into the response body with the given status. */
int portal_render(struct portal_req *r, int status, const char *tmpl);
/* A page with its message and view: error_key (an error), else the notice the query's m names among notices
 * (its text is prefix "n_" m, e.g. "Docs.n_uploaded"); Page.view = view; then the template. */
int portal_render_page(struct portal_req *r, int status, const char *error_key, const char *const *notices,
	const char *prefix, const char *view, const char *tmpl);
/* The error key of the route's first invalid field, or NULL when every declared field is valid. */
const char *portal_invalid(struct portal_req *r);
/* The error page: status, a message key, the request id. */
int portal_error(struct portal_req *r, int status, const char *key);
enum portal_lang portal_lang_parse(const char *s);
/* "22 november 2026 21:41" in the reader's language and the server's time zone; NULL for 0 (never). */
const char *portal_when(struct portal_req *r, int64_t t);
/* "22 november 2026": a day (a certification, a date without its time); NULL for 0 (never). */
const char *portal_day(struct portal_req *r, int64_t t);
/* "2026-11-22 21:41": for files a program reads (the CSV export); NULL for 0 (never). */
const char *portal_when_iso(struct portal_req *r, int64_t t);
const char *portal_lang_code(enum portal_lang l);

/* ---- the enum-numbered statements of sql.c (db.c), while the programs move to their own (db.h) ---- */
enum portal_err portal_db_exec(struct portal_req *r, enum portal_stmt st, const char *types, ...);
/* Next row: 1 row, 0 no more, -1 error. */
int portal_db_fetch(struct portal_req *r, enum portal_stmt st);
const char *portal_db_str(enum portal_stmt st, unsigned col);   /* NULL for SQL NULL */
size_t portal_db_len(enum portal_stmt st, unsigned col);
int64_t portal_db_int(enum portal_stmt st, unsigned col);       /* 0 for NULL */
bool portal_db_null(enum portal_stmt st, unsigned col);
uint64_t portal_db_affected(enum portal_stmt st);
int64_t portal_db_insert_id(enum portal_stmt st);
/* Runs a statement and fetches its first row: PORTAL_OK, PORTAL_ERR_NOTFOUND or an error. */
enum portal_err portal_db_row(struct portal_req *r, enum portal_stmt st, const char *types, ...);

/* ---- sessions and CSRF (session.c) ---- */
#define PORTAL_COOKIE_SESSION "pw_session"
#define PORTAL_COOKIE_PRE "pw_pre"
/* Loads the session of the cookie with the one authorisation query; r->sess.stage says the outcome. */
enum portal_err portal_session_load(struct portal_req *r);
/* A new session in the pending stage for user (after a right password); sets the cookie. */
enum portal_err portal_session_start(struct portal_req *r, int64_t user_id);
/* Second factor passed: new token, full stage, auth time now. */
enum portal_err portal_session_promote(struct portal_req *r);
enum portal_err portal_session_end(struct portal_req *r);
/* Every session of a user (disable, removal, password change). */
enum portal_err portal_session_end_all(struct portal_req *r, int64_t user_id);
bool portal_has_right(struct portal_req *r, const char *right);
/* Fills r->sess.dossier: the dossier (0: not the organisation's), its modules, whether the user is assigned;
 * its rights are the profile's dossier rights capped by the modules, plus the settings for dossiers.manage. */
void portal_dossier_compute(struct portal_req *r, int64_t dossier_id, const char *modules, bool assigned);
/* Would the user's profile give this right in the dossier of the request, but for a module the dossier has
 * switched off (document 003: the configuration caps the widest access)? */
bool portal_dossier_module_off(struct portal_req *r, const char *right);
/* A right inside the dossier of the request (dossier routes only). */
bool portal_has_dossier_right(struct portal_req *r, const char *right);
/* Vendor staff working in a customer's data: the rights a support grant gives there (read or write): colleagues
 * and their roles, the log, the dossiers, and the back office's modules (document 002: help importing data) as
 * far as the customer's role set reaches them. Never approving a product, nor who can log in (route flags). */
#define PORTAL_SUPPORT_READ_RIGHTS "users.view", "audit.view", "dossiers.view", "clients.view", "finance.documents", \
	"relations.view", "policies.view", "claims.view", "ledger.view", "debtors.view", "creditors.view", "products.view"
#define PORTAL_SUPPORT_WRITE_RIGHTS PORTAL_SUPPORT_READ_RIGHTS, "users.manage", "dossiers.manage", \
	"relations.change", "relations.create", "policies.change", "policies.create", "claims.change", "claims.create", \
	"ledger.change", "ledger.create", "debtors.change", "debtors.create", "creditors.change", "creditors.create", \
	"products.change", "products.create"
/* Does a role the session's organisation may use give this right? */
bool portal_org_may_give(struct portal_req *r, const char *right);
/* Adds rights to the session's effective ones (kept sorted, without duplicates). */
void portal_rights_add(struct portal_req *r, const char *const *keys, size_t n);
/* May the session change who can log in to its organisation (create, import or invite colleagues, change their
 * address or number, send them links, reset their authenticator)? Everyone allowed by the route's right, but the
 * support desk working in a customer's data only in bootstrap, never under a grant (ACC-07). */
bool portal_identity_allowed(struct portal_req *r);
/* In the caller's transaction, after a change that may have given org_id its first active admin (an accepted
 * invitation, an admin enabled): once it has one, every invitation and reset link vendor staff sent there is void
 * (audited), so nothing the vendor set up during bootstrap stays a way in (ACC-07). */
enum portal_err portal_bootstrap_end(struct portal_req *r, int64_t org_id);
/* May the session change this colleague (their data, status, factors, roles)? Always, except for the support
 * desk working in a customer's data when the colleague is one of its admins: who administers the
 * organisation, and their account, stays the customer's own business (no takeover through a grant). */
bool portal_support_may_change(struct portal_req *r, const char *role_ids);
/* Writes a vendor request in a customer's data to that customer's audit log (with the grant's id), and on a
 * grant's first use tells the customer's admins. Autonomous: committed even if the handler fails later. */
enum portal_err portal_support_log_request(struct portal_req *r);
/* portalctl: tells the admins of grants that expired (and were not told yet) that they ended. */
int portal_support_sweep(struct portal_req *r);
/* E-mails every active admin (users.manage) of org about a grant: kind "granted", "first_use" or "ended". */
enum portal_err portal_support_notify(struct portal_req *r, int64_t grant_id, const char *kind);
/* A dossier's modules string ("documents,archive") holds module? */
bool portal_module_on(const char *modules, const char *module);
/* AUTH-08: must this user enrol an authenticator app before anything else? Vendor staff always, an
 * organisation's admins when it requires it. */
bool portal_app_required(struct portal_req *r);
/* ... and once they have one: only the app (no SMS instead, no removal). */
bool portal_app_only(struct portal_req *r);
/* SES-07, AUTH-09: was the password (or second factor) entered in the last `seconds`? */
#define PORTAL_RECENT_GRANT 900    /* granting roles or vendor access, changing password */
#define PORTAL_RECENT_NUMBER 1200  /* changing one's own mobile number */
#define PORTAL_RECENT_IDENTITY 300 /* an admin changing a colleague's address or number, or sending a reset link */
bool portal_recent_login(struct portal_req *r, int64_t seconds);
/* A session's browser in words, from its User-Agent: "Chrome op Linux", else what is known of it. */
const char *portal_device(struct portal_req *r, const char *ua);
/* 303 to the re-authentication page, which comes back to next. */
int portal_reauth_redirect(struct portal_req *r, const char *next);
const char *portal_cookie_name(const char *base);  /* adds __Host- when cookies are secure */
void portal_csrf_prepare(struct portal_req *r);    /* fills r->csrf, creating the pre-session cookie if needed */
bool portal_csrf_valid(struct portal_req *r, const char *token);

/* ---- authorisation (authz.c): the catalogue in memory and effective rights ---- */
const struct portal_catalogue *portal_catalogue(void);
const struct portal_role *portal_role_by_id(int64_t id);
/* Re-reads the catalogue when version differs from the copy in memory. */
enum portal_err portal_catalogue_ensure(struct portal_req *r, uint64_t version);
/* Fills r->sess.roles and r->sess.rights from a comma-separated list of role ids. */
enum portal_err portal_rights_compute(struct portal_req *r, const char *role_ids, uint64_t version);
void portal_catalogue_free(void);
/* The roles of a comma-separated id list (users.role_ids), in catalogue order; unknown ids skipped. */
size_t portal_roles_parse(struct portal_req *r, const char *role_list, const struct portal_role ***out);
bool portal_role_has_right(const struct portal_role *ro, const char *right);
/* May the session's organisation use this role? Customers: the core roles, the roles of their role sets and
 * the roles the vendor switched on for them (organisation roles and dossier profiles only); the vendor: vendor
 * roles. A held role that is not available gives no right. */
bool portal_role_available(struct portal_req *r, const struct portal_role *ro);
/* The ids of the roles the session's organisation may use as ",3,12,40,": a template shows the shared role list
 * (Cat.tenant_roles) filtered by it, instead of copying the roles into every request's data. */
const char *portal_usable_role_ids(struct portal_req *r);
/* Does the organisation's set hold a quota-limited role (Incidentenbeheer)? Else its quota means nothing there. */
bool portal_quota_role_usable(struct portal_req *r);
/* The same for any customer, from its organisations.set_ids and role_ids. */
bool portal_role_usable(const struct portal_role *ro, uint64_t sets, const char *role_ids);
/* organisations.set_ids ("1,3") as a mask of portal_catalogue.sets; unknown ids are left out. */
uint64_t portal_sets_mask(const char *set_ids);
const struct portal_role_set *portal_set_by_id(int64_t id);
/* Is the id in a comma-separated list of ids ("3,12,40")? */
bool portal_id_in_list(const char *list, int64_t id);
/* ACC-04: an organisation role of the organisation's set, for its admins (users.manage: the tenant's top
 * authority); for the support desk under a write grant the same without the admin roles. */
bool portal_may_grant(struct portal_req *r, const struct portal_role *ro);
/* roleset.c: in the caller's transaction, takes every grant of a role its organisation may not use (any more)
 * from its holder, with an audit row per grant naming why ("role set Backoffice taken away by the vendor").
 * org_id, role_id: only that organisation's, that role's (0: all). *taken: the number of grants taken. */
enum portal_err portal_roles_strip_unusable(struct portal_req *r, int64_t org_id, int64_t role_id, const char *why,
	uint64_t *taken);
/* The session's roles and the rights each gives, in the user's language: prefix.N.name, prefix.N.rights.M */
void portal_set_own_roles(struct portal_req *r, const char *prefix);
/* Figures of the session's organisation a program keeps in memory because their query costs more than the
 * page (counts over all its colleagues): valid while neither the organisation's users_version (moved by
 * triggers on every change of a colleague's status, confirmed number or roles, sql/016) nor the catalogue's
 * version has moved. Both come with the session, so checking costs no query. */
struct portal_org_memo {
	int64_t org_id;
	uint64_t users_version, cat_version;
};
bool portal_org_memo_fresh(struct portal_req *r, const struct portal_org_memo *m);
void portal_org_memo_stamp(struct portal_req *r, struct portal_org_memo *m);
/* The holiday checklist of the session's organisation (document 000), from a memo: prefix.invited (open
 * invitations), prefix.unconfirmed (active colleagues without a confirmed number), prefix.admins, prefix.ok. */
enum portal_err portal_org_checklist(struct portal_req *r, const char *prefix);

/* How many active admins (users.manage) the organisation has besides except_user (0: counts them all). */
enum portal_err portal_org_admins(struct portal_req *r, int64_t org_id, int64_t except_user, int64_t *n);
/* ---- throttling (throttle.c) ---- */
enum portal_throttle { PORTAL_TH_PW_ACCT, PORTAL_TH_PW_IP, PORTAL_TH_OTP_ACCT, PORTAL_TH_OTP_IP, PORTAL_TH_RESET_IP,
	PORTAL_TH_REQUEST_IP, PORTAL_TH_TOTP_ACCT };
/* Returns 0 when allowed, else the seconds to wait (> 0); -1 on database error. */
int64_t portal_throttle_wait(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n);
enum portal_err portal_throttle_fail(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n);
enum portal_err portal_throttle_clear(struct portal_req *r, enum portal_throttle t, const void *subj, size_t n);

/* ---- SMS (sms.c): challenges and the outbox ---- */
enum portal_sms_result { PORTAL_SMS_OK, PORTAL_SMS_WRONG, PORTAL_SMS_VOID, PORTAL_SMS_EXPIRED, PORTAL_SMS_NONE };
/* New 6-digit code for the pending session: voids the old one, queues the text (same transaction
 * as the caller's). *wait > 0 when the per-account or per-address cap forbids sending now. */
enum portal_err portal_sms_challenge(struct portal_req *r, int64_t session_id, int64_t user_id,
	const char *phone, enum portal_lang lang, int64_t *wait);
/* *wait: seconds until another code may go to this account from this address, 0 if now. */
enum portal_err portal_sms_wait(struct portal_req *r, int64_t user_id, int64_t *wait);
/* On PORTAL_SMS_OK, *phone (if not NULL) is the number the code was sent to. */
enum portal_err portal_sms_verify(struct portal_req *r, int64_t session_id, const char *code,
	enum portal_sms_result *res, const char **phone);
enum portal_err portal_sms_enqueue(struct portal_req *r, int64_t user_id, const char *phone, const char *text);
/* Drains the outbox with the configured driver; returns the number sent or -1. */
int portal_sms_drain(struct portal_req *r, bool echo);

/* ---- outboxes (outbox.c): the drain loop and the drivers' plumbing shared by SMS and e-mail ---- */
typedef bool (*portal_send_fn)(struct portal_req *r, const char *to, const char *subject, const char *body,
	bool echo, char *err, size_t errlen);
/* an outbox's statements: claim a batch (claim, now, stale before), read the claimed (claim: the columns below),
 * mark one sent (now, id) or failed (error, id) */
enum { OB_ID, OB_TO, OB_SUBJECT, OB_BODY, OB__N };
struct portal_outbox {
	const char *name;
	struct portal_sql *claim, *claimed, *sent, *failed;
	portal_send_fn send;
};
int portal_outbox_drain(struct portal_req *r, const struct portal_outbox *ob, bool echo);
bool portal_append_file(const char *path, const char *text, size_t n, char *err, size_t errlen);
/* Runs argv[0] (absolute path) with input on stdin; true when it exits 0 within 30 s. */
bool portal_run_command(char *const argv[], const char *input, size_t n, char *err, size_t errlen);
void portal_utc_stamp(char *out, size_t n);   /* "2026-11-22T21:41:16Z" */

/* ---- e-mail (mail.c) ---- */
/* portal.base_url + path; NULL (logged) when base_url is not configured. */
const char *portal_link(struct portal_req *r, const char *path);
/* tmpl with each {key} replaced: arguments are key, value pairs ending with NULL. */
char *portal_fill(struct portal_req *r, const char *tmpl, ...);
enum portal_err portal_mail_enqueue(struct portal_req *r, int64_t user_id, const char *to, const char *subject,
	const char *body);
int portal_mail_drain(struct portal_req *r, bool echo);

/* ---- e-mailed single-use tokens (token.c) ---- */
enum portal_token_purpose { PORTAL_TOK_INVITE, PORTAL_TOK_RESET, PORTAL_TOK_EMAIL };
struct portal_utoken {
	int64_t id, user_id, org_id, expires_at;
	const char *new_email;
};
/* A new token for user (older ones of the purpose voided); text receives the link's token. */
enum portal_err portal_utoken_new(struct portal_req *r, int64_t user_id, enum portal_token_purpose p, int64_t ttl,
	const char *new_email, char text[PORTAL_TOKEN_LEN + 1]);
/* A valid (unused, unexpired) token (its row locked when in a transaction): PORTAL_OK or PORTAL_ERR_NOTFOUND. */
enum portal_err portal_utoken_find(struct portal_req *r, const char *text, enum portal_token_purpose p,
	struct portal_utoken *out);
enum portal_err portal_utoken_use(struct portal_req *r, int64_t token_id);
/* Ends the life of the user's unused tokens of a purpose now. */
enum portal_err portal_utoken_void(struct portal_req *r, int64_t user_id, enum portal_token_purpose p);

/* ---- a colleague's row (colleague.c) ---- */
struct portal_colleague {
	int64_t id;
	const char *email, *given, *prefix, *family, *name, *mobile, *status, *lang, *role_ids;
	bool mobile_ok, expert, has_password, has_totp;
	int64_t mobile_verified_at, created_at, last_login_at, certified_at;
	const char *sessions;   /* PORTAL_COLLEAGUE_SESSIONS: "last_seen user agent" lines, newest first */
};
enum portal_colleague_how { PORTAL_COLLEAGUE_READ, PORTAL_COLLEAGUE_LOCK, PORTAL_COLLEAGUE_SESSIONS };
/* A colleague of the session's organisation (ACC-01), not removed; locked for the caller's transaction, or read
 * with their sessions: PORTAL_OK, PORTAL_ERR_NOTFOUND or an error. */
enum portal_err portal_colleague_get(struct portal_req *r, int64_t id, enum portal_colleague_how how,
	struct portal_colleague *c);
/* A new colleague of org_id, invited (no password yet); *id its id. A taken address is PORTAL_ERR_DUP. */
struct portal_new_colleague {
	const char *email, *given, *prefix, *family, *mobile, *lang;
};
enum portal_err portal_colleague_insert(struct portal_req *r, int64_t org_id, const struct portal_new_colleague *n,
	int64_t *id);
/* A role given to, or taken from, a colleague the caller loaded in its organisation; the session's user gives. */
enum portal_err portal_role_grant(struct portal_req *r, int64_t user_id, int64_t role_id);
enum portal_err portal_role_revoke(struct portal_req *r, int64_t user_id, int64_t role_id);

/* ---- the e-mails with a link (usermail.c) ---- */
struct portal_person {
	int64_t id, org_id;
	const char *email, *given_name, *lang, *org_name;
};
/* Invitation (72 h) or reset link (1 h) to u, queued in the caller's transaction; PORTAL_ERR_CONFIG when
 * portal.base_url is not set. An invitation to an address that already has an account (in any organisation)
 * carries no link: the mail tells its owner so, and the inviting admin is not told. */
enum portal_err portal_send_invite(struct portal_req *r, const struct portal_person *u);
/* Whether an account (active or disabled, in any organisation) has this login address. */
enum portal_err portal_email_in_use(struct portal_req *r, const char *email, bool *in_use);
enum portal_err portal_send_reset(struct portal_req *r, const struct portal_person *u);
/* A colleague's address or number changed: every link sent before (invitation, reset, address change) is void. */
enum portal_err portal_links_void(struct portal_req *r, int64_t user_id);

/* ---- the incident-submitter quota (quota.c, documents 001 and 004) ---- */
#define PORTAL_QUOTA_RIGHT "incidents.submit"   /* a role giving it is quota-limited */
struct portal_quota {
	int64_t used;        /* counted holders, the colleague being changed left out */
	int64_t max;         /* the size class's maximum, or the vendor's override */
	bool override_set;
	int64_t size_class;
};
bool portal_role_quota_limited(const struct portal_role *ro);
/* In the granting transaction: locks the organisation's row and counts its holders, leaving except_user out.
 * Concurrent grants queue on the lock, so the count they see is final (ACC-05). */
enum portal_err portal_quota_lock(struct portal_req *r, int64_t org_id, int64_t except_user, struct portal_quota *q);
/* Flags the organisation over its maximum since now (kept while it stays over), or clears the flag. */
enum portal_err portal_quota_flag(struct portal_req *r, int64_t org_id, bool over);
/* The size classes in order, their labels in the request's language; over (when not NULL) gets how many
 * customers are flagged over their maximum, in the same round trip. */
#define PORTAL_SIZE_CLASSES_MAX 32
struct portal_size_class {
	int64_t id, max;
	const char *label;
};
struct portal_size_classes {
	size_t n;
	struct portal_size_class c[PORTAL_SIZE_CLASSES_MAX];
};
enum portal_err portal_size_classes(struct portal_req *r, struct portal_size_classes *out, int64_t *over);
const struct portal_size_class *portal_size_class(const struct portal_size_classes *all, int64_t id);
/* "quota reached (3 of 3): revoke someone first or ask support", in the user's language. */
const char *portal_quota_message(struct portal_req *r, const struct portal_quota *q);
/* The vendor's lists of customers (sql/020): the admins and submitters a list counted itself, because org_counts
 * held none for the organisation's and the catalogue's current versions, noted while its rows are read (the
 * statement's columns: admins, submitters, and from `fresh` on: fresh, users_version, catalogue version) and
 * stored after them for the next view, in one statement. A store that fails is logged and otherwise ignored:
 * the list is complete, and the next view counts again. */
#define PORTAL_ORG_COUNTS_MAX 64
struct portal_org_counts {
	size_t n;
	struct { int64_t org_id, admins, submitters, users_version, cat_version; } row[PORTAL_ORG_COUNTS_MAX];
};
void portal_org_counts_note(struct portal_org_counts *c, bool fresh, int64_t org_id, int64_t admins, int64_t submitters,
	int64_t users_version, int64_t cat_version);
void portal_org_counts_store(struct portal_req *r, const struct portal_org_counts *c);

/* ---- the authenticator app (totp.c, RFC 6238) ---- */
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
/* text as a QR code in SVG (the enrolment's otpauth:// URI) into out. */
bool portal_qr_svg(struct portal_req *r, const char *text, struct portal_buf *out);

/* ---- uploaded files (upload.c): PDF, PNG, JPEG only, stored outside the web root ---- */
struct portal_stored {
	char name[33];               /* the random file name in documents.dir */
	unsigned char sha256[32];
	const char *type;            /* by the first bytes: application/pdf, image/png, image/jpeg */
};
/* Checks the file (size, type by its first bytes, a plain name with a matching extension) and stores it.
 * 0, or the status to answer (413, 415, 422, 503) with *why the language key; nothing is stored then. */
int portal_upload_store(struct portal_req *r, const struct portal_file *f, struct portal_stored *out, const char **why);
/* ---- a form sent twice stores once (once.c, DI-02) ---- */
/* A fresh token for a creating form's hidden field "once" (32 digits). */
const char *portal_once_token(struct portal_req *r);
/* Before anything is stored: 0 when token is NULL or new; else the 303 to what the first copy created (503:
 * the database). */
int portal_once_seen(struct portal_req *r, const char *token);
/* Inside the handler's transaction, with the path of what it created: PORTAL_ERR_DUP when a copy of the form
 * committed first; then portal_once_lost_race rolls back and answers with that copy's result. */
enum portal_err portal_once_done(struct portal_req *r, const char *token, const char *path);
int portal_once_lost_race(struct portal_req *r, const char *token);
/* Removes a stored file whose row certainly did not commit: never after a failed COMMIT (its outcome is
 * unknown; portalctl sweep-uploads removes the file later if no row names it). */
void portal_upload_discard(const char *stored_name);
/* The end of an upload handler whose transaction stored the row naming the file: rc is the result of its
 * statements so far. Records the form's token (once, NULL: none) with done, commits and answers 303 to done.
 * A failure before the COMMIT rolls back and removes the file (503); a failed COMMIT keeps it (503: it may
 * have taken effect; portalctl sweep-uploads judges); a copy of the form that committed first: its result. */
int portal_upload_commit(struct portal_req *r, enum portal_err rc, const char *stored, const char *once, const char *done);
/* The stored file as an attachment (200), or the error page when it is missing or changed. */
int portal_upload_send(struct portal_req *r, const char *stored_name, int64_t size, const char *type,
	const char *filename);

/* ---- CSV (csv.c) ---- */
struct portal_csv {
	char ***rows;     /* rows[i][j], the first row is the header */
	size_t *ncols;
	size_t nrows;
	char sep;
};
/* NULL on success, else the language key of what is wrong. At most max_rows rows after the header. */
const char *portal_csv_parse(struct portal_req *r, const char *text, size_t len, size_t max_rows, size_t max_cols,
	struct portal_csv *out);
/* Appends one cell (quoted when needed, formulas neutralised) and the separator or the line end. */
void portal_csv_cell(struct portal_buf *b, const char *s, char sep, bool last);

/* ---- password rules (pwpolicy.c) ---- */
/* NULL when pw may be set, else the language key of the reason (AUTH-01, AUTH-02). */
const char *portal_pw_policy(const char *pw, size_t len, const char *email, const char *org_name);
bool portal_pw_common(const char *pw, size_t len);

/* Stores a user's new password hash, dated now. */
enum portal_err portal_pw_store(struct portal_req *r, int64_t user_id, const char *hash);
/* ---- audit (audit.c): the append-only trail (LOG-01, LOG-02) ---- */
enum portal_err portal_audit(struct portal_req *r, const char *event, int64_t org_id, int64_t user_id,
	const char *detail);
/* The same about a support grant (its id in the row's grant_id). */
enum portal_err portal_audit_grant(struct portal_req *r, const char *event, int64_t org_id, int64_t user_id,
	const char *detail, int64_t grant_id);
/* An event in the reader's language ("Ingelogd" for login_ok), for the log pages. */
const char *portal_event_words(struct portal_req *r, const char *event);
/* An audit row's detail in the reader's language: the log writes it in English, and a language file may
 * give each form of an event's detail in its words (Lang.AuditWords, see audit.c). *words: it was. */
const char *portal_audit_detail_words(struct portal_req *r, const char *event, const char *detail, bool *words);

/* ---- internal: used between library files and by portalctl ---- */
struct st_mysql;
/* portalctl's admin connection (migrations, demo data): multi-statement scripts from files, never input. */
struct st_mysql *portal_db_admin_connect(void);
void portal_tmpl_req_free(struct portal_req *r);
/* Puts the role catalogue (Cat.tenant_roles.N.id/name/kind, without the vendor's roles) in each language's
 * shared template data, for role filters; called whenever the catalogue is re-read. */
void portal_tmpl_catalogue(void);

/* ---- the request loop (app.c) ---- */
int portal_main(int argc, char **argv, const struct portal_program *prog);
/* Ends a FastCGI request like FCGX_Finish_r, with a plain close once the request's stdin has been read to its
 * end (app.c says why); bench/baseline.c uses it too, so the ceiling closes the way the programs do. */
struct FCGX_Request;
void portal_fcgi_finish(struct FCGX_Request *fr);
/* For tools and tests: a request context without HTTP. */
struct portal_req *portal_req_new(void);
void portal_req_free(struct portal_req *r);
enum portal_err portal_startup(const char *prog, const char *const *templates, char *err, size_t errlen);

#endif
