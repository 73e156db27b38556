/* test_multipart.c: the multipart/form-data parser of upload routes: fields and files, quoting, the
 * boundary inside data, and every malformed or excessive body refused with 400 or 413. */
#include "unit.h"

#define CT "multipart/form-data; boundary=XyZ"

static int parse(struct portal_req *r, const char *ct, const char *body, size_t len, struct portal_kvs *form,
	struct portal_files *files)
{
	const char *why = NULL;
	return portal_parse_multipart(r, body, len, ct, form, files, &why);
}

#define P(ct, lit) parse(r, ct, lit, sizeof lit - 1, &form, &files)

int main(void)
{
	char *dir = unit_tmpdir();
	unit_config(dir, "/nonexistent");
	struct portal_req *r = portal_req_new();
	struct portal_kvs form;
	struct portal_files files;

	CHECK(P(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".pdf\"\r\n"
		"Content-Type: application/pdf\r\n\r\n%PDF-\r\n--Xy\x00Z\r\n--XyZ--\r\n") == 0 &&
		form.n == 1 && !strcmp(form.v[0].name, "csrf") && !strcmp(form.v[0].value, "tok") && files.n == 1 &&
		!strcmp(files.v[0].field, "file") && !strcmp(files.v[0].filename, "a \"b\".pdf") &&
		!strcmp(files.v[0].content_type, "application/pdf") && files.v[0].len == 13 &&
		!memcmp(files.v[0].data, "%PDF-\r\n--Xy\0Z", 13), "a field and a file with binary data, quoted name");
	CHECK(P("multipart/form-data; boundary=\"XyZ\"", "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ--") == 0 &&
		form.n == 1 && !strcmp(form.v[0].value, "1"), "quoted boundary, unquoted name, no final CRLF");
	CHECK(P(CT, "--XyZ\r\ncontent-disposition: form-data; name=\"f\"; filename=\"\"\r\n\r\n\r\n--XyZ--\r\n") == 0 &&
		files.n == 1 && files.v[0].len == 0 && !strcmp(files.v[0].filename, ""), "an empty file field (nothing chosen)");
	CHECK(P(CT, "--XyZ--\r\n") == 0 && form.n == 0 && files.n == 0, "no parts");
	CHECK(P("application/x-www-form-urlencoded", "--XyZ--\r\n") == 400, "another content type");
	CHECK(P("multipart/form-data", "--XyZ--\r\n") == 400, "no boundary");
	CHECK(P("multipart/form-data; boundary=", "----\r\n") == 400, "empty boundary");
	CHECK(P(CT, "preamble\r\n--XyZ--\r\n") == 400, "a preamble");
	CHECK(P(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end") == 400, "no closing delimiter");
	CHECK(P(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nno blank line") == 400, "headers not ended");
	CHECK(P(CT, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ--") == 400, "not form-data");
	CHECK(P(CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--") == 400, "a part without a name");
	CHECK(P(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a b\"\r\n\r\n1\r\n--XyZ--") == 400, "a bad field name");
	CHECK(P(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--") == 400, "an unterminated quote");
	CHECK(P(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n2\r\n--XyZ--") == 400, "a repeated field");
	CHECK(P(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n--XyZ--") == 400, "invalid UTF-8 in a field");
	CHECK(P(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\0y\r\n--XyZ--") == 400, "NUL in a field");
	CHECK(P(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\xc3\"\r\n\r\n1\r\n--XyZ--") == 400,
		"invalid UTF-8 in a file name");
	CHECK(P(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZjunk") == 400, "junk after a delimiter");

	/* more parts than limits.max_fields (200): 413 */
	struct portal_buf b = { 0 };
	for (int i = 0; i < 201; i++)
		portal_buf_addf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
	portal_buf_adds(&b, "--XyZ--\r\n");
	CHECK(parse(r, CT, b.p, b.len, &form, &files) == 413, "too many parts");
	portal_buf_reset(&b);
	for (int i = 0; i < 5; i++)
		portal_buf_addf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"; filename=\"x\"\r\n\r\nv\r\n", i);
	portal_buf_adds(&b, "--XyZ--\r\n");
	CHECK(parse(r, CT, b.p, b.len, &form, &files) == 413, "more than 4 files");
	portal_buf_reset(&b);
	portal_buf_adds(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
	for (int i = 0; i < 3000; i++)
		portal_buf_adds(&b, "x");
	portal_buf_adds(&b, "\r\n\r\n1\r\n--XyZ--\r\n");
	CHECK(parse(r, CT, b.p, b.len, &form, &files) == 400, "part headers over 2 KiB");
	portal_buf_free(&b);

	portal_req_free(r);
	portal_conf_free();
	unit_rmdir(dir);
	return UNIT_DONE();
}
