/* test_tmpl.c: real ClearSilver rendering of the real templates with escaping on (IO-02): markup in
 * user data shows as typed, never as markup; one request's data never shows in the next; both languages. */
#include <dirent.h>

#include "unit.h"

static char *render(struct portal_req *r, const char *tmpl)
{
	portal_render(r, 200, tmpl);
	return (char *)portal_buf_str(&r->body);
}

int main(int argc, char **argv)
{
	const char *tdir = argc > 1 ? argv[1] : "templates";
	char *dir = unit_tmpdir();
	unit_config(dir, tdir);

	/* every template of the product parses */
	const char *names[64];
	size_t n = 0;
	DIR *d = opendir(tdir);
	struct dirent *e;
	while (d && (e = readdir(d)) && n < 63) {
		size_t l = strlen(e->d_name);
		if (l > 3 && !strcmp(e->d_name + l - 3, ".cs"))
			names[n++] = strdup(e->d_name);
	}
	if (d)
		closedir(d);
	names[n] = NULL;
	char err[600] = "";
	enum portal_err rc = portal_tmpl_init(tdir, names, err, sizeof err);
	if (rc != PORTAL_OK)
		fprintf(stderr, "%s\n", err);
	CHECK(rc == PORTAL_OK && n >= 6, "every template parses at start-up");

	struct portal_req *r = portal_req_new();
	r->path = "/home";
	r->sess.stage = PORTAL_STAGE_FULL;
	r->sess.display_name = "\"><script>alert(1)</script>";
	r->sess.email = "o'hara@example.nl";
	r->sess.org_name = "België & ねこ";
	r->sess.token[0] = 'x';
	portal_set(r, "Page.roles.0.name", "<b>Beheerder</b>");
	portal_set(r, "Page.roles.0.rights.0", "O'Hara's <i>right</i>");
	char *out = render(r, "home.cs");
	CHECK(strstr(out, "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;") != NULL, "name with markup escaped");
	CHECK(strstr(out, "<script>") == NULL, "no script element produced from data");
	CHECK(strstr(out, "België &amp; ねこ") != NULL, "UTF-8 shown as typed, & escaped");
	CHECK(strstr(out, "o&#39;hara@example.nl") != NULL, "quote escaped");
	CHECK(strstr(out, "&lt;b&gt;Beheerder&lt;/b&gt;") != NULL && strstr(out, "O&#39;Hara&#39;s &lt;i&gt;right&lt;/i&gt;"),
		"each: values escaped");
	CHECK(strstr(out, "Mijn portaal") != NULL && strstr(out, "lang=\"nl\"") != NULL, "Dutch by default");
	CHECK(strstr(out, "name=\"csrf\" value=\"") != NULL, "logout form carries the CSRF token");
	portal_req_free(r);

	/* the next request sees nothing of the previous one */
	r = portal_req_new();
	r->path = "/login";
	r->lang = PORTAL_EN;
	out = render(r, "home.cs");
	CHECK(strstr(out, "alert(1)") == NULL && strstr(out, "Beheerder") == NULL, "no data of the previous request");
	CHECK(strstr(out, "My portal") != NULL && strstr(out, "lang=\"en\"") != NULL, "English texts");
	portal_req_free(r);

	r = portal_req_new();
	r->path = "/x";
	portal_error(r, 404, "Err.not_found");
	out = (char *)portal_buf_str(&r->body);
	CHECK(r->status == 404 && strstr(out, "Deze pagina bestaat niet.") && strstr(out, r->rid),
		"error page: message in the user's language and the request id");
	portal_req_free(r);

	/* request ids: 16 hex digits, none repeated over many requests */
	static char rids[2000][17];
	bool rid_ok = true;
	for (int i = 0; i < 2000 && rid_ok; i++) {
		r = portal_req_new();
		memcpy(rids[i], r->rid, sizeof rids[i]);
		portal_req_free(r);
		rid_ok = strlen(rids[i]) == 16 && strspn(rids[i], "0123456789abcdef") == 16;
		for (int j = 0; j < i && rid_ok; j++)
			rid_ok = strcmp(rids[i], rids[j]) != 0;
	}
	CHECK(rid_ok, "request ids: 16 hex digits, each new");

	CHECK(!strcmp(portal_text_lang(PORTAL_EN, "Login.title"), "Log in") &&
		!strcmp(portal_text_lang(PORTAL_NL, "Login.title"), "Inloggen"), "texts per language");

	portal_tmpl_free();
	for (size_t i = 0; i < n; i++)
		free((char *)names[i]);
	portal_conf_free();
	unit_rmdir(dir);
	return UNIT_DONE();
}
