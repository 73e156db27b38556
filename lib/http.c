/* http.c: parsing what the client sent (query string, urlencoded body, cookies) under hard limits,
 * and the response headers we write (security headers, cookies, local-only redirects). A malformed,
 * repeated or oversized input gives 400/413 before any handler runs (IO-03, AV-02); no CR/LF from
 * input ever reaches a header (IO-05). */
#include <stdio.h>
#include <string.h>

#include "portal.h"

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

bool portal_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	while (p < e) {
		unsigned c = *p;
		size_t n;
		unsigned min;
		if (c < 0x80) { p++; continue; }
		else if ((c & 0xe0) == 0xc0) { n = 1; min = 0x80; c &= 0x1f; }
		else if ((c & 0xf0) == 0xe0) { n = 2; min = 0x800; c &= 0x0f; }
		else if ((c & 0xf8) == 0xf0) { n = 3; min = 0x10000; c &= 0x07; }
		else return false;
		if ((size_t)(e - p) <= n)
			return false;
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return false;
		p += n + 1;
	}
	return true;
}

size_t portal_utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
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

int portal_retry_after(struct portal_req *r, int64_t wait)
{
	char ra[24];
	snprintf(ra, sizeof ra, "%lld", (long long)(wait < 1 ? 1 : wait > 86400 ? 86400 : wait));
	portal_header(r, "Retry-After", ra);
	return 429;
}
