/* http.c: parsing what the client sent (query string, urlencoded body, cookies) under hard limits,
 * and the response headers we write (security headers, cookies, local-only redirects). A malformed,
 * repeated or oversized input gives 400/413 before any handler runs (IO-03, AV-02); no CR/LF from
 * input ever reaches a header (IO-05). Also the request's environment (FastCGI parameters) and the site's pages. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <fcgiapp.h>

#include "portal.h"
#include "internal.h"

#define MAX_NAME 64

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decodes %XX and '+' in place into out (which may alias in); returns the length or -1. */
static long url_decode(const char *in, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = in[i];
		if (c == '+') {
			out[o++] = ' ';
		} else if (c == '%') {
			if (i + 2 >= n)
				return -1;
			int h = hexval(in[i + 1]), l = hexval(in[i + 2]);
			if (h < 0 || l < 0)
				return -1;
			out[o++] = (char)(h * 16 + l);
			i += 2;
		} else {
			out[o++] = c;
		}
	}
	return (long)o;
}


static bool name_ok(const char *s, size_t n)
{
	if (n == 0 || n > MAX_NAME)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		      c == '.' || c == '[' || c == ']'))
			return false;
	}
	return true;
}

const char *portal_kv_get(const struct portal_kvs *kv, const char *name)
{
	for (size_t i = 0; i < kv->n; i++)
		if (!strcmp(kv->v[i].name, name))
			return kv->v[i].value;
	return NULL;
}

/* Only a field the route declares as a set of ids (checkboxes) may repeat. */
static bool repeatable(struct portal_req *r, const char *name)
{
	const struct portal_field *f = r->route ? r->route->fields : NULL;
	for (; f && f->name; f++)
		if (f->type == PF_IDS && !strcmp(f->name, name))
			return true;
	return false;
}

int portal_parse_urlencoded(struct portal_req *r, const char *s, size_t len, struct portal_kvs *out,
	const char **why)
{
	out->v = NULL;
	out->n = 0;
	if (len == 0)
		return 0;
	size_t fields = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '&')
			fields++;
	if (fields > (size_t)portal_cf->max_fields) {
		*why = "Err.too_many_fields";
		return 413;
	}
	out->v = portal_alloc(r, fields * sizeof *out->v);
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *seg_end = amp ? amp : end;
		if (seg_end > p) {
			const char *eq = memchr(p, '=', (size_t)(seg_end - p));
			const char *name_end = eq ? eq : seg_end;
			char *name = portal_alloc(r, (size_t)(name_end - p) + 1);
			long nl = url_decode(p, (size_t)(name_end - p), name);
			if (nl < 0) {
				*why = "Err.bad_encoding";
				return 400;
			}
			name[nl] = '\0';
			if (!name_ok(name, (size_t)nl)) {
				*why = "Err.bad_field";
				return 400;
			}
			const char *vs = eq ? eq + 1 : seg_end;
			char *value = portal_alloc(r, (size_t)(seg_end - vs) + 1);
			long vl = url_decode(vs, (size_t)(seg_end - vs), value);
			if (vl < 0) {
				*why = "Err.bad_encoding";
				return 400;
			}
			value[vl] = '\0';
			if (memchr(value, '\0', (size_t)vl) || !portal_utf8_valid(value, (size_t)vl)) {
				*why = "Err.bad_encoding";
				return 400;
			}
			for (size_t i = 0; i < out->n && !repeatable(r, name); i++)
				if (!strcmp(out->v[i].name, name)) {
					*why = "Err.repeated_field";
					return 400;
				}
			out->v[out->n].name = name;
			out->v[out->n].value = value;
			out->v[out->n].len = (size_t)vl;
			out->n++;
		}
		p = seg_end + 1;
	}
	return 0;
}

static bool cookie_octet(char c)
{
	unsigned char u = (unsigned char)c;
	return u >= 0x21 && u <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

int portal_parse_cookies(struct portal_req *r, const char *s, struct portal_kvs *out, const char **why)
{
	out->v = NULL;
	out->n = 0;
	if (!s || !*s)
		return 0;
	size_t len = strlen(s);
	if (len > 8192) {
		*why = "Err.bad_request";
		return 400;
	}
	size_t pairs = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ';')
			pairs++;
	if (pairs > 64) {
		*why = "Err.bad_request";
		return 400;
	}
	out->v = portal_alloc(r, pairs * sizeof *out->v);
	const char *p = s, *end = s + len;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *seg_end = semi ? semi : end;
		const char *eq = memchr(p, '=', (size_t)(seg_end - p));
		if (eq && eq > p) {
			const char *ns = p, *ne = eq;
			while (ne > ns && (ne[-1] == ' ' || ne[-1] == '\t'))
				ne--;
			const char *vs = eq + 1, *ve = seg_end;
			while (ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"')
				vs++, ve--;
			bool ok = name_ok(ns, (size_t)(ne - ns));
			for (const char *q = vs; ok && q < ve; q++)
				ok = cookie_octet(*q);
			if (ok) {
				char *name = portal_strndup(r, ns, (size_t)(ne - ns));
				bool dup = false;
				for (size_t i = 0; i < out->n; i++)
					if (!strcmp(out->v[i].name, name)) {
						/* an ambiguous cookie counts as absent: fail closed */
						out->v[i].value = NULL;
						dup = true;
					}
				if (!dup) {
					out->v[out->n].name = name;
					out->v[out->n].value = portal_strndup(r, vs, (size_t)(ve - vs));
					out->v[out->n].len = (size_t)(ve - vs);
					out->n++;
				}
			}
		}
		p = seg_end + 1;
	}
	/* drop ambiguous entries */
	size_t w = 0;
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].value)
			out->v[w++] = out->v[i];
	out->n = w;
	return 0;
}

static bool header_safe(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return false;
	}
	return true;
}

void portal_header(struct portal_req *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value) || strchr(name, ':')) {
		portal_log(r, PORTAL_LOG_WARN, "refused header %s with control characters", name);
		return;
	}
	portal_buf_addf(&r->head, "%s: %s\r\n", name, value);
}

const char *portal_cookie_name(const char *base)
{
	if (!portal_cf->secure_cookies)
		return base;
	if (!strcmp(base, PORTAL_COOKIE_SESSION))
		return "__Host-" PORTAL_COOKIE_SESSION;
	if (!strcmp(base, PORTAL_COOKIE_PRE))
		return "__Host-" PORTAL_COOKIE_PRE;
	if (!strcmp(base, "pw_lang"))
		return "__Host-pw_lang";
	return base;
}

void portal_cookie(struct portal_req *r, const char *name, const char *value, long max_age)
{
	for (const char *q = value; *q; q++)
		if (!cookie_octet(*q)) {
			portal_log(r, PORTAL_LOG_WARN, "refused cookie value for %s", name);
			return;
		}
	char line[512];
	int n = snprintf(line, sizeof line, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", portal_cookie_name(name), value,
		portal_cf->secure_cookies ? "; Secure" : "");
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	if (max_age >= 0)
		snprintf(line + n, sizeof line - (size_t)n, "; Max-Age=%ld", max_age);
	portal_header(r, "Set-Cookie", line);
}

bool portal_local_path_ok(const char *path)
{
	if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return false;
	size_t n = 0;
	for (const char *q = path; *q; q++, n++) {
		unsigned char c = (unsigned char)*q;
		if (c < 0x21 || c == 0x7f || c == '\\' || c >= 0x80)
			return false;
	}
	return n < 2048;
}

int portal_redirect(struct portal_req *r, const char *path)
{
	if (!portal_local_path_ok(path)) {
		portal_log(r, PORTAL_LOG_WARN, "refused redirect to a non-local target");
		path = "/";
	}
	r->status = 303;
	portal_header(r, "Location", path);
	portal_buf_reset(&r->body);
	r->body_set = true;
	return 303;
}

char *portal_url_encode(struct portal_req *r, const char *s)
{
	struct portal_buf b = { 0 };
	for (const char *p = s; p && *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' ||
		    c == '_' || c == '.' || c == '~')
			portal_buf_add(&b, p, 1);
		else
			portal_buf_addf(&b, "%%%02X", c);
	}
	char *out = portal_strdup(r, portal_buf_str(&b));
	portal_buf_free(&b);
	return out;
}

const char *portal_like_pattern(struct portal_req *r, const char *q)
{
	if (!q)
		return NULL;
	struct portal_buf b = { 0 };
	portal_buf_adds(&b, "%");
	for (const char *p = q; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			portal_buf_adds(&b, "\\");
		portal_buf_add(&b, p, 1);
	}
	portal_buf_adds(&b, "%");
	const char *s = portal_strdup(r, portal_buf_str(&b));
	portal_buf_free(&b);
	return s;
}

int portal_retry_after(struct portal_req *r, int64_t wait)
{
	char ra[24];
	snprintf(ra, sizeof ra, "%lld", (long long)(wait < 1 ? 1 : wait > 86400 ? 86400 : wait));
	portal_header(r, "Retry-After", ra);
	return 429;
}

/* ---- multipart/form-data (RFC 7578), for upload routes ---- */

#define MAX_PART_HEAD 2048
#define MAX_FILES 4

/* The value of parameter name in a header's "; a=b; c="d"" list, unquoted (\" and \\ escapes), or NULL. */
static char *header_param(struct portal_req *r, const char *h, size_t hl, const char *name)
{
	size_t nl = strlen(name);
	const char *p = h, *end = h + hl;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		if (!semi)
			return NULL;
		p = semi + 1;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) > nl && !strncasecmp(p, name, nl) && p[nl] == '=') {
			p += nl + 1;
			char *out = portal_alloc(r, (size_t)(end - p) + 1);
			size_t o = 0;
			if (p < end && *p == '"') {
				for (p++; p < end && *p != '"'; p++) {
					if (*p == '\\' && p + 1 < end)
						p++;
					out[o++] = *p;
				}
				if (p >= end)
					return NULL;   /* unterminated quote */
			} else {
				for (; p < end && *p != ';' && *p != ' ' && *p != '\t'; p++)
					out[o++] = *p;
			}
			out[o] = '\0';
			return out;
		}
	}
	return NULL;
}

static const char *find_bytes(const char *hay, size_t hl, const char *needle, size_t nl)
{
	if (nl == 0 || hl < nl)
		return NULL;
	for (const char *p = hay, *last = hay + hl - nl; p <= last; p++) {
		p = memchr(p, needle[0], (size_t)(last - p) + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, needle, nl))
			return p;
	}
	return NULL;
}

/* A part's headers: its form-data name and file name, and its content type. */
struct part_head {
	char *name, *filename, *ctype;
};

/* The headers of the part from p to he (where the blank line starts) into ph; false if they are malformed. */
static bool part_head(struct portal_req *r, const char *p, const char *he, struct part_head *ph)
{
	for (const char *h = p; h < he + 2;) {
		const char *eol = find_bytes(h, (size_t)(he + 2 - h), "\r\n", 2);
		size_t hl = (size_t)(eol - h);
		if (hl > 20 && !strncasecmp(h, "Content-Disposition:", 20)) {
			const char *v = h + 20;
			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			if ((size_t)(eol - v) < 9 || strncasecmp(v, "form-data", 9))
				return false;
			ph->name = header_param(r, v, (size_t)(eol - v), "name");
			ph->filename = header_param(r, v, (size_t)(eol - v), "filename");
		} else if (hl > 13 && !strncasecmp(h, "Content-Type:", 13)) {
			const char *v = h + 13;
			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			ph->ctype = portal_strndup(r, v, (size_t)(eol - v));
		}
		h = eol + 2;
	}
	return true;
}

/* A part's data (vl bytes) as a file of files (it has a file name) or a value of form: 0, 400 or 413 with *why. */
static int part_store(struct portal_req *r, const struct part_head *ph, const char *data, size_t vl,
	struct portal_kvs *form, struct portal_files *files, const char **why)
{
	if (ph->filename) {
		if (!portal_utf8_valid(ph->filename, strlen(ph->filename))) {
			*why = "Err.bad_encoding";
			return 400;
		}
		if (files->n == MAX_FILES) {
			*why = "Err.too_many_fields";
			return 413;
		}
		struct portal_file *f = &files->v[files->n++];
		f->field = ph->name;
		f->filename = ph->filename;
		f->content_type = ph->ctype ? ph->ctype : "";
		f->data = (const unsigned char *)data;
		f->len = vl;
		return 0;
	}
	char *value = portal_strndup(r, data, vl);
	if (memchr(data, '\0', vl) || !portal_utf8_valid(value, vl)) {
		*why = "Err.bad_encoding";
		return 400;
	}
	form->v[form->n].name = ph->name;
	form->v[form->n].value = value;
	form->v[form->n].len = vl;
	form->n++;
	return 0;
}

int portal_parse_multipart(struct portal_req *r, const char *body, size_t len, const char *content_type,
	struct portal_kvs *form, struct portal_files *files, const char **why)
{
	form->v = NULL;
	form->n = 0;
	files->v = NULL;
	files->n = 0;
	*why = "Err.bad_request";
	if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) || (content_type[19] && content_type[19] != ';'))
		return 400;
	const char *b = header_param(r, content_type, strlen(content_type), "boundary");
	size_t bl = b ? strlen(b) : 0;
	if (bl == 0 || bl > 70)
		return 400;
	/* the delimiter as it appears between parts: CRLF "--" boundary */
	char *delim = portal_printf(r, "\r\n--%s", b);
	size_t dl = bl + 4;
	size_t maxp = (size_t)portal_cf->max_fields;
	form->v = portal_alloc(r, (maxp ? maxp : 1) * sizeof *form->v);
	files->v = portal_alloc(r, MAX_FILES * sizeof *files->v);
	/* the body starts with the first delimiter (without its CRLF); no preamble */
	if (len < dl - 2 || memcmp(body, delim + 2, dl - 2))
		return 400;
	const char *p = body + dl - 2, *end = body + len;
	size_t parts = 0;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;   /* the close delimiter; an epilogue after it is ignored */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return 400;
		p += 2;
		if (++parts > maxp) {
			*why = "Err.too_many_fields";
			return 413;
		}
		/* the part's headers */
		const char *he = find_bytes(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!he || he - p > MAX_PART_HEAD)
			return 400;
		struct part_head ph = { NULL, NULL, NULL };
		if (!part_head(r, p, he, &ph) || !ph.name || !name_ok(ph.name, strlen(ph.name)))
			return 400;
		const char *name = ph.name;
		const char *data = he + 4;
		const char *de = find_bytes(data, (size_t)(end - data), delim, dl);
		if (!de)
			return 400;
		size_t vl = (size_t)(de - data);
		for (size_t i = 0; i < form->n && !repeatable(r, name); i++)
			if (!strcmp(form->v[i].name, name))
				goto repeated;
		for (size_t i = 0; i < files->n; i++)
			if (!strcmp(files->v[i].field, name))
				goto repeated;
		int st = part_store(r, &ph, data, vl, form, files, why);
		if (st)
			return st;
		p = de + dl;
	}
	*why = NULL;
	return 0;
repeated:
	*why = "Err.repeated_field";
	return 400;
}

/* ---- the request's environment and the site ---- */

const char *portal_env(struct portal_req *r, const char *name)
{
	if (!r->io)
		return NULL;
	const char *v = FCGX_GetParam(name, r->io->envp);
	return v;
}

static const struct portal_site *site_in_use;

const struct portal_site *portal_site(void)
{
	static const struct portal_site unset = { "/", "/", "/", "/", "/", "/", "/", "/" };
	return site_in_use ? site_in_use : &unset;
}

void portal_use_site(const struct portal_site *site)
{
	site_in_use = site;
}
