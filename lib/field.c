/* field.c: typed validators for declared input fields (IO-03). A handler reads only values that went
 * through here: trimmed lines within bounds, integers within bounds, normalised e-mail addresses and
 * E.164 mobile numbers, enum choices, digit codes, local paths. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portal.h"

bool portal_email_valid(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);
	if (!at || len > 254)
		return false;
	size_t local = (size_t)(at - s), dom = len - local - 1;
	if (local < 1 || local > 64 || dom < 3 || memchr(at + 1, '@', dom))
		return false;
	static const char special[] = ".!#$%&'*+/=?^_`{|}~-";
	for (size_t i = 0; i < local; i++) {
		char c = s[i];
		if (!isalnum((unsigned char)c) && !strchr(special, c))
			return false;
		if (c == '.' && (i == 0 || i == local - 1 || s[i + 1] == '.'))
			return false;
	}
	const char *d = at + 1;
	size_t label = 0, labels = 0;
	for (size_t i = 0; i <= dom; i++) {
		char c = i < dom ? d[i] : '.';
		if (c == '.') {
			if (label == 0 || label > 63 || d[i - 1] == '-')
				return false;
			labels++;
			label = 0;
			continue;
		}
		if (!(isalnum((unsigned char)c) || c == '-') || (c == '-' && label == 0))
			return false;
		label++;
	}
	if (labels < 2)
		return false;
	/* the top-level domain: letters (or an IDN in punycode) */
	const char *tld = strrchr(d, '.');
	if (!tld || (size_t)(tld - d) >= dom)
		return false;
	tld++;
	size_t tl = dom - (size_t)(tld - d);
	if (tl < 2)
		return false;
	if (!(tl > 4 && !strncmp(tld, "xn--", 4)))
		for (size_t i = 0; i < tl; i++)
			if (!isalpha((unsigned char)tld[i]))
				return false;
	return true;
}

bool portal_phone_normalise(const char *in, char *out, size_t outsz)
{
	char digits[32];
	size_t n = 0;
	bool plus = false;
	for (const char *p = in; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')')
			continue;
		if (c == '+' && n == 0 && !plus) {
			plus = true;
			continue;
		}
		if (c < '0' || c > '9' || n + 1 >= sizeof digits)
			return false;
		digits[n++] = c;
	}
	digits[n] = '\0';
	char e164[40];   /* room for any digits[] so the checks below see the whole number */
	if (plus) {
		if (n < 8 || n > 15)
			return false;
		snprintf(e164, sizeof e164, "+%s", digits);
	} else if (n >= 10 && !strncmp(digits, "00", 2)) {
		if (n - 2 < 8 || n - 2 > 15)
			return false;
		snprintf(e164, sizeof e164, "+%s", digits + 2);
	} else if (n == 10 && !strncmp(digits, "06", 2)) {
		snprintf(e164, sizeof e164, "+31%s", digits + 1);   /* Dutch mobile */
	} else if (n == 10 && !strncmp(digits, "04", 2)) {
		snprintf(e164, sizeof e164, "+32%s", digits + 1);   /* Belgian mobile */
	} else {
		return false;
	}
	if (e164[1] == '0')
		return false;
	/* Dutch and Belgian numbers must be mobile numbers: SMS codes go there */
	if (!strncmp(e164, "+31", 3) && (strlen(e164) != 12 || e164[3] != '6'))
		return false;
	if (!strncmp(e164, "+32", 3) && (strlen(e164) != 12 || e164[3] != '4'))
		return false;
	if (strlen(e164) + 1 > outsz)
		return false;
	memcpy(out, e164, strlen(e164) + 1);
	return true;
}

static bool has_controls(const char *s, size_t n, bool allow_newlines)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (allow_newlines && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7f)
			return true;
	}
	return false;
}

static void fail(struct portal_value *out, const char *key)
{
	out->valid = false;
	out->s = NULL;
	out->err = key;
}

static void check(struct portal_req *r, const struct portal_field *f, const char *raw, size_t len,
	struct portal_value *out);

void portal_field_check(struct portal_req *r, const struct portal_field *f, const char *raw, size_t len,
	struct portal_value *out)
{
	check(r, f, raw, len, out);
	/* a refused value comes back in the form as it was typed (never a password, never unreadable text) */
	if (!out->valid && out->present && f->type != PF_SECRET && f->type != PF_FILE && f->type != PF_IDS &&
	    len <= 4096 && portal_utf8_valid(raw, len) && !has_controls(raw, len, f->type == PF_TEXT))
		out->typed = portal_strndup(r, raw, len);
}

/* text of min..max characters: one line, several, or a password (kept as typed) */
static void check_text(struct portal_req *r, const struct portal_field *f, const char *s, size_t len,
	struct portal_value *out)
{
	size_t chars = portal_utf8_chars(s, len);
	if (f->type != PF_SECRET && has_controls(s, len, f->type == PF_TEXT))
		{ fail(out, "Err.text"); return; }
	if (f->max && chars > (size_t)f->max)
		{ fail(out, "Err.too_long"); return; }
	if (f->min && chars < (size_t)f->min)
		{ fail(out, "Err.too_short"); return; }
	out->s = portal_strndup(r, s, len);
	out->len = len;
}

/* a decimal integer within [min, max] */
static void check_int(struct portal_req *r, const struct portal_field *f, const char *s, size_t len,
	struct portal_value *out)
{
	char buf[24];
	if (len >= sizeof buf)
		{ fail(out, "Err.number"); return; }
	for (size_t i = 0; i < len; i++)
		if (!(isdigit((unsigned char)s[i]) || (i == 0 && s[i] == '-' && len > 1)))
			{ fail(out, "Err.number"); return; }
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	long long v = strtoll(buf, NULL, 10);
	if (errno || v < f->min || v > f->max)
		{ fail(out, "Err.number"); return; }
	out->i = v;
	out->s = portal_strdup(r, buf);
	out->len = len;
	return;
}

/* min..max digits (a code), spaces between them allowed */
static void check_digits(struct portal_req *r, const struct portal_field *f, const char *s, size_t len,
	struct portal_value *out)
{
	char *d = portal_alloc(r, len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ')
			continue;
		if (!isdigit((unsigned char)s[i]))
			{ fail(out, "Err.code"); return; }
		d[n++] = s[i];
	}
	if ((long long)n < f->min || (long long)n > f->max)
		{ fail(out, "Err.code"); return; }
	d[n] = '\0';
	out->s = d;
	out->len = n;
	return;
}

/* a calendar date YYYY-MM-DD from 2000 on; i is its local midnight */
static void check_date(struct portal_req *r, const char *s, size_t len, struct portal_value *out)
{
	bool shape = len == 10 && s[4] == '-' && s[7] == '-';
	for (size_t i = 0; shape && i < 10; i++)
		shape = i == 4 || i == 7 || isdigit((unsigned char)s[i]);
	int y = shape ? (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0') : 0;
	int m = shape ? (s[5] - '0') * 10 + (s[6] - '0') : 0, d = shape ? (s[8] - '0') * 10 + (s[9] - '0') : 0;
	if (!shape || y < 2000 || m < 1 || m > 12 || d < 1 || d > 31)
		{ fail(out, "Err.date"); return; }
	struct tm tm = { 0 };
	tm.tm_year = y - 1900, tm.tm_mon = m - 1, tm.tm_mday = d, tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d)   /* 2026-02-30 is refused, not moved to March */
		{ fail(out, "Err.date"); return; }
	out->i = (long long)t;
	out->s = portal_strndup(r, s, len);
	out->len = len;
	return;
}

static void check(struct portal_req *r, const struct portal_field *f, const char *raw, size_t len,
	struct portal_value *out)
{
	memset(out, 0, sizeof *out);
	out->valid = true;
	const char *s = raw ? raw : "";
	if (f->type != PF_SECRET) {  /* trim spaces around everything but passwords */
		while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
			s++, len--;
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n'))
			len--;
	}
	if (!raw || len == 0) {
		if (f->flags & PF_REQUIRED)
			fail(out, "Err.required");
		return;
	}
	out->present = true;
	/* the parsers refuse invalid UTF-8 already; a field never relies on that (fuzzed on its own) */
	if (!portal_utf8_valid(s, len))
		{ fail(out, "Err.text"); return; }
	switch (f->type) {
	case PF_LINE:
	case PF_TEXT:
	case PF_SECRET:
		check_text(r, f, s, len, out);
		return;
	case PF_INT:
		check_int(r, f, s, len, out);
		return;
	case PF_EMAIL: {
		char *e = portal_strndup(r, s, len);
		for (char *q = e; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		if (!portal_email_valid(e, len))
			{ fail(out, "Err.email"); return; }
		out->s = e;
		out->len = len;
		return;
	}
	case PF_PHONE: {
		char *in = portal_strndup(r, s, len), num[20];
		if (len > 32 || !portal_phone_normalise(in, num, sizeof num))
			{ fail(out, "Err.phone"); return; }
		out->s = portal_strdup(r, num);
		out->len = strlen(num);
		return;
	}
	case PF_ENUM:
		for (long long i = 0; f->choices && f->choices[i]; i++)
			if (strlen(f->choices[i]) == len && !memcmp(f->choices[i], s, len)) {
				out->i = i;
				out->s = f->choices[i];
				out->len = len;
				return;
			}
		{ fail(out, "Err.choice"); return; }
	case PF_DIGITS:
		check_digits(r, f, s, len, out);
		return;
	case PF_PATH: {
		char *p = portal_strndup(r, s, len);
		if (!portal_local_path_ok(p))
			{ fail(out, "Err.bad_field"); return; }
		out->s = p;
		out->len = len;
		return;
	}
	case PF_DATE:
		check_date(r, s, len, out);
		return;
	case PF_IDS:     /* collected from all repeats by app.c */
	case PF_FILE:    /* from the multipart file parts, by app.c */
	case PF_NONE:
		break;
	}
	fail(out, "Err.bad_field");
}

const char *portal_mask_phone(struct portal_req *r, const char *mobile)
{
	if (!mobile)
		return NULL;
	size_t n = strlen(mobile);
	if (n < 8)
		return "••••";
	static const char dot[] = "•";   /* U+2022: three bytes; written straight into the request's arena */
	size_t nd = sizeof dot - 1;
	char *s = portal_alloc(r, 4 + (n - 6) * nd + 2 + 1), *p = s;
	memcpy(p, mobile, 4);
	p += 4;
	for (size_t i = 4; i + 2 < n; i++, p += nd)
		memcpy(p, dot, nd);
	memcpy(p, mobile + n - 2, 2);
	p[2] = '\0';
	return s;
}

/* "Jan van der Berg" (a list builds one per row: copied, not formatted) */
const char *portal_full_name(struct portal_req *r, const char *given, const char *prefix, const char *family)
{
	const char *part[3] = { given ? given : "", prefix ? prefix : "", family ? family : "" };
	size_t len[3], total = 0;
	for (int i = 0; i < 3; i++)
		total += len[i] = strlen(part[i]);
	char *s = portal_alloc(r, total + 3), *p = s;
	for (int i = 0; i < 3; i++) {
		if (i == 1 && !len[1])
			continue;   /* no prefix: one space, not two */
		if (p > s)
			*p++ = ' ';
		memcpy(p, part[i], len[i]);
		p += len[i];
	}
	*p = '\0';
	return s;
}
