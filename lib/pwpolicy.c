/* pwpolicy.c: the rules a new password must meet (AUTH-01, AUTH-02). Length in characters: at least 12,
 * at most 128 (64 and anything in between accepted); any Unicode; no composition rules. Refused: the
 * common passwords of lib/common-passwords.txt (compiled in, sorted, lower case), also when padded with
 * digits or symbols or repeated ("Welkom2024!", "passwordpassword"), and passwords that contain the
 * user's e-mail name, the organisation's name or the portal's name. Each refusal names its reason. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "portal.h"

extern const char *const portal_common_pw[];
extern const size_t portal_common_pw_n;

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static bool listed(const char *s)
{
	return *s && bsearch(s, portal_common_pw, portal_common_pw_n, sizeof *portal_common_pw, cmp) != NULL;
}

bool portal_pw_common(const char *pw, size_t len)
{
	char *low = malloc(len + 1);
	if (!low)
		return true;
	for (size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)pw[i]);
	low[len] = '\0';
	bool hit = listed(low);
	/* the same without digits and symbols at either end */
	size_t a = 0, b = len;
	while (a < b && !isalpha((unsigned char)low[a]) && !((unsigned char)low[a] & 0x80))
		a++;
	while (b > a && !isalpha((unsigned char)low[b - 1]) && !((unsigned char)low[b - 1] & 0x80))
		b--;
	if (!hit && (a > 0 || b < len) && b - a >= 3) {
		char save = low[b];
		low[b] = '\0';
		hit = listed(low + a);
		low[b] = save;
	}
	/* a repeated unit ("abcabcabcabc", "passwordpassword"): judge the unit */
	for (size_t unit = 1; !hit && unit <= len / 2; unit++) {
		if (len % unit)
			continue;
		bool rep = true;
		for (size_t i = unit; i < len && rep; i++)
			rep = low[i] == low[i - unit];
		if (rep) {
			low[unit] = '\0';
			hit = unit < 4 || listed(low) || portal_pw_common(low, unit);
			break;
		}
	}
	free(low);
	return hit;
}

/* Case-insensitive (ASCII) substring search. */
static bool contains(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen == 0 || nlen > hlen)
		return false;
	for (size_t i = 0; i + nlen <= hlen; i++) {
		size_t k = 0;
		while (k < nlen && tolower((unsigned char)hay[i + k]) == tolower((unsigned char)needle[k]))
			k++;
		if (k == nlen)
			return true;
	}
	return false;
}

/* Does pw contain a word of s (split on anything but letters and digits) of at least min characters,
 * or all of s's letters and digits run together? */
static bool contains_words(const char *pw, size_t len, const char *s, size_t min)
{
	char whole[256];
	size_t w = 0;
	for (const char *p = s; *p;) {
		while (*p && !isalnum((unsigned char)*p) && !((unsigned char)*p & 0x80))
			p++;
		const char *start = p;
		while (*p && (isalnum((unsigned char)*p) || ((unsigned char)*p & 0x80)))
			p++;
		size_t n = (size_t)(p - start);
		if (n >= min && contains(pw, len, start, n))
			return true;
		for (size_t i = 0; i < n && w + 1 < sizeof whole; i++)
			whole[w++] = start[i];
	}
	return w >= min && contains(pw, len, whole, w);
}

const char *portal_pw_policy(const char *pw, size_t len, const char *email, const char *org_name)
{
	size_t chars = portal_utf8_chars(pw, len);
	if (chars < 12)
		return "Pw.too_short";
	if (chars > 128)
		return "Pw.too_long";
	if (portal_pw_common(pw, len))
		return "Pw.common";
	if (email) {
		const char *at = strchr(email, '@');
		char local[65];
		size_t n = at ? (size_t)(at - email) : strlen(email);
		if (n >= sizeof local)
			n = sizeof local - 1;
		memcpy(local, email, n);
		local[n] = '\0';
		if (contains_words(pw, len, local, 3))
			return "Pw.contains_email";
	}
	if (org_name && contains_words(pw, len, org_name, 5))
		return "Pw.contains_org";
	if (contains(pw, len, "poortwachter", 12))
		return "Pw.contains_site";
	return NULL;
}

PORTAL_SQL(sql_set_password, 0, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?");

enum portal_err portal_pw_store(struct portal_req *r, int64_t user_id, const char *hash)
{
	return portal_exec(r, &sql_set_password, NULL, "sii", hash, r->now, user_id);
}
