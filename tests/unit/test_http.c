/* test_http.c: the request parsers on well-formed and malformed input, and the response helpers
 * (headers without CR/LF, local-only redirects, cookie attributes). */
#include "unit.h"

static int parse(struct portal_req *r, const char *s, struct portal_kvs *kv, const char **why)
{
	*why = NULL;
	return portal_parse_urlencoded(r, s, strlen(s), kv, why);
}

int main(void)
{
	char *dir = unit_tmpdir();
	unit_config(dir, "/nonexistent");
	struct portal_req *r = portal_req_new();
	struct portal_kvs kv;
	const char *why;

	CHECK(parse(r, "a=1&b=x+y&c=%C3%AB%3D", &kv, &why) == 0 && kv.n == 3, "urlencoded: three fields");
	CHECK(!strcmp(portal_kv_get(&kv, "b"), "x y"), "urlencoded: + is a space");
	CHECK(!strcmp(portal_kv_get(&kv, "c"), "\xc3\xab="), "urlencoded: %XX decoded (UTF-8)");
	CHECK(parse(r, "", &kv, &why) == 0 && kv.n == 0, "urlencoded: empty");
	CHECK(parse(r, "&&a=&", &kv, &why) == 0 && kv.n == 1 && !strcmp(portal_kv_get(&kv, "a"), ""),
		"urlencoded: empty segments skipped, empty value kept");
	CHECK(parse(r, "flag", &kv, &why) == 0 && kv.n == 1 && !strcmp(portal_kv_get(&kv, "flag"), ""),
		"urlencoded: name without =");
	CHECK(parse(r, "a=%zz", &kv, &why) == 400 && !strcmp(why, "Err.bad_encoding"), "urlencoded: bad %-escape → 400");
	CHECK(parse(r, "a=%4", &kv, &why) == 400, "urlencoded: truncated %-escape → 400");
	CHECK(parse(r, "a=%", &kv, &why) == 400, "urlencoded: lone % → 400");
	CHECK(parse(r, "a=x%00y", &kv, &why) == 400, "urlencoded: NUL byte → 400");
	CHECK(parse(r, "a=%C3%28", &kv, &why) == 400, "urlencoded: invalid UTF-8 → 400");
	CHECK(parse(r, "a=%ED%A0%80", &kv, &why) == 400, "urlencoded: UTF-16 surrogate → 400");
	CHECK(parse(r, "a=%C0%AF", &kv, &why) == 400, "urlencoded: overlong UTF-8 → 400");
	CHECK(parse(r, "a=1&a=2", &kv, &why) == 400 && !strcmp(why, "Err.repeated_field"), "urlencoded: repeated field → 400");
	CHECK(parse(r, "a%3Cb=1", &kv, &why) == 400, "urlencoded: field name outside the allowed set → 400");
	char big[64 * 300];
	big[0] = '\0';
	for (int i = 0; i < 250; i++)
		snprintf(big + strlen(big), sizeof big - strlen(big), "f%d=1&", i);
	CHECK(parse(r, big, &kv, &why) == 413 && !strcmp(why, "Err.too_many_fields"), "urlencoded: too many fields → 413");

	CHECK(portal_parse_cookies(r, "a=1; b=\"two\";c=3", &kv, &why) == 0 && kv.n == 3 &&
		!strcmp(portal_kv_get(&kv, "b"), "two"), "cookies: plain and quoted values");
	CHECK(portal_parse_cookies(r, "s=1; s=2; t=3", &kv, &why) == 0 && !portal_kv_get(&kv, "s") &&
		!strcmp(portal_kv_get(&kv, "t"), "3"), "cookies: a repeated name counts as absent (fail closed)");
	CHECK(portal_parse_cookies(r, "a=x y; b=ok; =v; junk", &kv, &why) == 0 && !portal_kv_get(&kv, "a") &&
		!strcmp(portal_kv_get(&kv, "b"), "ok"), "cookies: malformed pairs skipped");
	char huge[9000];
	memset(huge, 'a', sizeof huge - 1);
	huge[sizeof huge - 1] = '\0';
	huge[1] = '=';
	CHECK(portal_parse_cookies(r, huge, &kv, &why) == 400, "cookies: oversized header → 400");

	CHECK(portal_local_path_ok("/home") && portal_local_path_ok("/users?x=1&y=2"), "redirect: local paths ok");
	CHECK(!portal_local_path_ok("//evil.example/") && !portal_local_path_ok("/\\evil.example") &&
		!portal_local_path_ok("https://evil.example/") && !portal_local_path_ok("/a\r\nSet-Cookie: x=1") &&
		!portal_local_path_ok("") && !portal_local_path_ok(NULL) && !portal_local_path_ok("/a b"),
		"redirect: foreign, protocol-relative and CR/LF targets refused");
	portal_redirect(r, "//evil.example");
	CHECK(strstr(portal_buf_str(&r->head), "Location: /\r\n") != NULL && r->status == 303,
		"redirect: a foreign target becomes /");
	portal_buf_reset(&r->head);
	portal_header(r, "X-Test", "a\r\nSet-Cookie: evil=1");
	CHECK(r->head.len == 0, "header: value with CR/LF refused");
	portal_header(r, "X-Test", "fine");
	CHECK(!strcmp(portal_buf_str(&r->head), "X-Test: fine\r\n"), "header: plain value written");
	portal_buf_reset(&r->head);
	portal_cookie(r, PORTAL_COOKIE_SESSION, "abc", -1);
	CHECK(!strcmp(portal_buf_str(&r->head),
		"Set-Cookie: __Host-pw_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure\r\n"),
		"cookie: __Host- prefix, Path=/, HttpOnly, SameSite=Lax, Secure (SES-02)");
	portal_buf_reset(&r->head);
	portal_cookie(r, PORTAL_COOKIE_SESSION, "a;b", -1);
	CHECK(r->head.len == 0, "cookie: value with ; refused");
	CHECK(!strcmp(portal_url_encode(r, "/a b?c=d&e"), "/a%20b%3Fc%3Dd%26e"), "url_encode");
	CHECK(portal_retry_after(r, 100000) == 429 && strstr(portal_buf_str(&r->head), "Retry-After: 86400\r\n"),
		"Retry-After capped at one day");

	{
		/* only a field the route declares as a set of ids may repeat (checkboxes) */
		static const struct portal_field fields[] = { { "role", PF_IDS, 0, 0, 3, NULL },
			{ "name", PF_LINE, 0, 0, 10, NULL }, { NULL, PF_NONE, 0, 0, 0, NULL } };
		static const struct portal_route route = PORTAL_ROUTE_USER("POST", "/x", NULL, fields, PORTAL_RF_OWN);
		struct portal_kvs ids;
		const char *reason = NULL;
		const struct portal_route *saved = r->route;
		r->route = &route;
		CHECK(portal_parse_urlencoded(r, "role=1&role=2&name=a", 20, &ids, &reason) == 0 && ids.n == 3,
			"urlencoded: a declared id set may repeat");
		CHECK(portal_parse_urlencoded(r, "role=1&name=a&name=b", 20, &ids, &reason) == 400,
			"urlencoded: any other field may not");
		r->route = saved;
	}

	portal_req_free(r);
	portal_conf_free();
	unit_rmdir(dir);
	return UNIT_DONE();
}
