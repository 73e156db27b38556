/* http.h: request, response and routes (http.c, field.c, app.c). */
#ifndef PORTAL_HTTP_H
#define PORTAL_HTTP_H

#include "base.h"
#include "mem.h"
#include "crypto.h"

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
	unsigned loads;          /* counts the times it was read: what was made from an older one is stale */
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

/* Response. */
void portal_header(struct portal_req *r, const char *name, const char *value);
void portal_cookie(struct portal_req *r, const char *name, const char *value, long max_age);
/* POST-redirect-GET; only local paths ("/x", never "//x"); anything else goes to "/". */
int portal_redirect(struct portal_req *r, const char *path);
/* The end of a change made in the request's transaction: rc PORTAL_OK commits it and answers 303 to `to`;
 * otherwise (or when the commit fails) it is rolled back and the answer is 503, the error page with the request
 * id. A handler returns what this returns. */
int portal_done(struct portal_req *r, enum portal_err rc, const char *to);
/* A request that failed with rc: the transaction (if any) is rolled back; the answer is the error page: 404 for
 * a row that is not there (or not the user's to see), 503 with the request id (try again; a database failure is
 * told apart by the dispatcher), 500 for a failure of the machine (randomness, files) or when the site's address
 * is missing from the configuration (a mail's link). */
int portal_failed(struct portal_req *r, enum portal_err rc);
bool portal_local_path_ok(const char *path);
/* Sets Retry-After (capped at a day) and returns 429 (AV-01). */
int portal_retry_after(struct portal_req *r, int64_t wait);
/* Percent-encodes everything but unreserved characters and '/', for a query-string value. */
char *portal_url_encode(struct portal_req *r, const char *s);
/* A LIKE pattern that finds q anywhere, its % _ and \ taken literally; NULL for NULL. */
const char *portal_like_pattern(struct portal_req *r, const char *q);

#endif
