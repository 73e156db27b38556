/* lang.c: the portal's words in each language. At start-up the language files (templates/lang/nl.hdf,
 * en.hdf) are read once into one HDF per language, which the templates also read (Lang.*); the library and the
 * programs take their texts from it by key, fill in their {holes}, and write times as dates, ages and waits in
 * words. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <ClearSilver.h>

#include "portal.h"
#include "internal.h"

static HDF *lang_hdf[PORTAL_NLANG];   /* Lang.* per language */

static const char *const lang_codes[PORTAL_NLANG] = { "nl", "en" };

const char *portal_lang_code(enum portal_lang l)
{
	return (unsigned)l < PORTAL_NLANG ? lang_codes[l] : "nl";
}

enum portal_lang portal_lang_parse(const char *s)
{
	if (s && !strcmp(s, "en"))
		return PORTAL_EN;
	if (s && !strcmp(s, "nl"))
		return PORTAL_NL;
	return PORTAL_NLANG;
}

void portal_neo_err(void *neoerr, const char *what, char *err, size_t errlen)
{
	NEOERR *e = neoerr;
	STRING s;
	string_init(&s);
	nerr_error_string(e, &s);
	char clean[400];
	portal_sanitize_line(clean, sizeof clean, s.buf ? s.buf : "?");
	snprintf(err, errlen, "%s: %s", what, clean);
	string_clear(&s);
	nerr_ignore(&e);
}

enum portal_err portal_lang_load(const char *dir, char *err, size_t errlen)
{
	char path[4096];
	portal_lang_free();
	for (int l = 0; l < PORTAL_NLANG; l++) {
		HDF *node;
		NEOERR *e;
		snprintf(path, sizeof path, "%s/lang/%s.hdf", dir, lang_codes[l]);
		if ((e = hdf_init(&lang_hdf[l])) != STATUS_OK || (e = hdf_get_node(lang_hdf[l], "Lang", &node)) != STATUS_OK ||
		    (e = hdf_read_file(node, path)) != STATUS_OK ||
		    (e = hdf_set_value(lang_hdf[l], "Lang.code", lang_codes[l])) != STATUS_OK) {
			portal_neo_err(e, path, err, errlen);
			return PORTAL_ERR_CONFIG;
		}
	}
	return PORTAL_OK;
}

void portal_lang_free(void)
{
	for (int l = 0; l < PORTAL_NLANG; l++)
		if (lang_hdf[l])
			hdf_destroy(&lang_hdf[l]);
}

void *portal_lang_hdf(enum portal_lang l)
{
	return (unsigned)l < PORTAL_NLANG ? lang_hdf[l] : NULL;
}

const char *portal_text_lang(enum portal_lang lang, const char *key)
{
	char name[128];
	if ((unsigned)lang >= PORTAL_NLANG || !lang_hdf[lang])
		return key;
	snprintf(name, sizeof name, "Lang.%s", key);
	const char *v = hdf_get_value(lang_hdf[lang], name, NULL);
	if (!v) {
		portal_log(NULL, PORTAL_LOG_WARN, "missing text %s for language %s", key, lang_codes[lang]);
		return key;
	}
	return v;
}

const char *portal_text_or(struct portal_req *r, const char *key, const char *fallback)
{
	char name[128];
	snprintf(name, sizeof name, "Lang.%s", key);
	const char *v = (unsigned)r->lang < PORTAL_NLANG && lang_hdf[r->lang] ? hdf_get_value(lang_hdf[r->lang], name, NULL) : NULL;
	return v ? v : fallback;
}

void *portal_text_node(struct portal_req *r, const char *key)
{
	char name[128];
	snprintf(name, sizeof name, "Lang.%s", key);
	return (unsigned)r->lang < PORTAL_NLANG && lang_hdf[r->lang] ? hdf_get_obj(lang_hdf[r->lang], name) : NULL;
}

const char *portal_text(struct portal_req *r, const char *key)
{
	return portal_text_lang(r->lang, key);
}

char *portal_fill(struct portal_req *r, const char *tmpl, ...)
{
	struct portal_buf b = { 0 };
	const char *p = tmpl;
	while (*p) {
		const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
		if (!open || !close) {
			portal_buf_adds(&b, p);
			break;
		}
		portal_buf_add(&b, p, (size_t)(open - p));
		size_t klen = (size_t)(close - open - 1);
		const char *value = NULL;
		va_list ap;
		va_start(ap, tmpl);
		for (const char *k; (k = va_arg(ap, const char *));) {
			const char *v = va_arg(ap, const char *);
			if (strlen(k) == klen && !memcmp(k, open + 1, klen)) {
				value = v ? v : "";
				break;
			}
		}
		va_end(ap);
		if (value)
			portal_buf_adds(&b, value);
		else
			portal_buf_add(&b, open, (size_t)(close - open + 1));
		p = close + 1;
	}
	char *s = portal_strdup(r, portal_buf_str(&b));
	portal_buf_free(&b);
	return s;
}

/* seconds in words in the largest unit under which it stays (60 s and more in minutes, and so on), rounded up
 * (a wait) or down (an age) */
static const char *duration(struct portal_req *r, int64_t seconds, bool up)
{
	static const struct { int64_t size; const char *one, *many; } units[] = {
		{ 1, "Time.second", "Time.seconds" },
		{ 60, "Time.minute", "Time.minutes" },
		{ 3600, "Time.hour", "Time.hours" },
		{ 86400, "Time.day", "Time.days" },
	};
	size_t u = 0;
	if (seconds < 1)
		seconds = 1;
	while (u + 1 < sizeof units / sizeof *units && seconds >= units[u + 1].size)
		u++;
	int64_t n = up ? (seconds + units[u].size - 1) / units[u].size : seconds / units[u].size;
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)n);
	return portal_fill(r, portal_text(r, n == 1 ? units[u].one : units[u].many), "n", num, NULL);
}

const char *portal_duration_words(struct portal_req *r, int64_t seconds)
{
	return duration(r, seconds, true);
}

const char *portal_ago(struct portal_req *r, int64_t t)
{
	if (r->now - t < 60)
		return portal_text(r, "Time.just_now");
	return portal_fill(r, portal_text(r, "Time.ago"), "time", duration(r, r->now - t, false), NULL);
}

/* "2026-12-06 14:05" in the server's time zone. Lists call it once a row: formatted by hand instead of with
 * strftime (its locale and format machinery was about 900 instructions a row of the users page). */
const char *portal_when(struct portal_req *r, int64_t t)
{
	static const char *const months[PORTAL_NLANG][12] = {
		{ "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
		  "november", "december" },
		{ "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
		  "November", "December" },
	};
	if (t <= 0)
		return NULL;
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 1000)
		return NULL;
	/* "7 december 2026 14:05", built by hand: a list page writes one per row */
	const char *month = months[(unsigned)r->lang < PORTAL_NLANG ? r->lang : 0][tm.tm_mon];
	size_t ml = strlen(month), k = 0;
	char *s = portal_alloc(r, 32);
	if (tm.tm_mday >= 10)
		s[k++] = (char)('0' + tm.tm_mday / 10);
	s[k++] = (char)('0' + tm.tm_mday % 10);
	s[k++] = ' ';
	memcpy(s + k, month, ml);
	k += ml;
	int year = tm.tm_year + 1900;
	s[k++] = ' ';
	s[k++] = (char)('0' + year / 1000), s[k++] = (char)('0' + year / 100 % 10);
	s[k++] = (char)('0' + year / 10 % 10), s[k++] = (char)('0' + year % 10);
	s[k++] = ' ';
	s[k++] = (char)('0' + tm.tm_hour / 10), s[k++] = (char)('0' + tm.tm_hour % 10), s[k++] = ':';
	s[k++] = (char)('0' + tm.tm_min / 10), s[k++] = (char)('0' + tm.tm_min % 10);
	s[k] = '\0';
	return s;
}

const char *portal_day(struct portal_req *r, int64_t t)
{
	char *s = (char *)portal_when(r, t);
	if (s)
		s[strlen(s) - 6] = '\0';   /* without " 14:05" */
	return s;
}

const char *portal_when_iso(struct portal_req *r, int64_t t)
{
	if (t <= 0)
		return NULL;
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999)
		return NULL;
	int v[5] = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min };
	char *s = portal_alloc(r, 17);
	s[0] = (char)('0' + v[0] / 1000), s[1] = (char)('0' + v[0] / 100 % 10);
	s[2] = (char)('0' + v[0] / 10 % 10), s[3] = (char)('0' + v[0] % 10);
	static const char sep[] = "-- :";   /* before the month, the day, the hour, the minute */
	for (int i = 1, k = 4; i < 5; i++, k += 3) {
		s[k] = sep[i - 1];
		s[k + 1] = (char)('0' + v[i] / 10);
		s[k + 2] = (char)('0' + v[i] % 10);
	}
	s[16] = '\0';
	return s;
}
