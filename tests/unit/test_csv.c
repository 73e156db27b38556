/* test_csv.c: the CSV reader (separators, quotes, line ends, limits) and writer (quoting, formulas). */
#include "unit.h"

static const char *parse(struct portal_req *r, const char *text, struct portal_csv *csv)
{
	return portal_csv_parse(r, text, strlen(text), 5, 6, csv);
}

int main(void)
{
	char *dir = unit_tmpdir();
	unit_config(dir, "/nonexistent");
	struct portal_req *r = portal_req_new();
	struct portal_csv csv;

	CHECK(!parse(r, "\xef\xbb\xbf" "a;b\r\n1;2\r\n", &csv) && csv.nrows == 2 && csv.sep == ';' &&
		!strcmp(csv.rows[1][1], "2") && !strcmp(csv.rows[0][0], "a"), "BOM, ';' and CRLF");
	CHECK(!parse(r, "a,b\n1,2", &csv) && csv.sep == ',' && csv.nrows == 2 && !strcmp(csv.rows[1][1], "2"),
		"',' separator, LF, no final line end");
	CHECK(!parse(r, "a;b\n\"x;y\";\"he said \"\"hi\"\"\"\n", &csv) && !strcmp(csv.rows[1][0], "x;y") &&
		!strcmp(csv.rows[1][1], "he said \"hi\""), "quoted separator and doubled quotes");
	CHECK(!parse(r, "a;b\n\"two\nlines\";z\n", &csv) && !strcmp(csv.rows[1][0], "two\nlines") && csv.nrows == 2,
		"a line break inside quotes");
	CHECK(!parse(r, "a;b\n\n  x  ; y \n\n", &csv) && csv.nrows == 2 && !strcmp(csv.rows[1][0], "x"),
		"blank lines skipped, unquoted cells trimmed");
	CHECK(!parse(r, "a;b\n1;\n", &csv) && csv.ncols[1] == 2 && !strcmp(csv.rows[1][1], ""), "an empty last cell");
	CHECK(parse(r, "a;b\n\"open;2\n", &csv) != NULL, "an unterminated quote refused");
	CHECK(parse(r, "a;b\n\"x\"y;2\n", &csv) != NULL, "text after a closing quote refused");
	CHECK(parse(r, "a;b\n1;2\n3;4\n5;6\n7;8\n9;10\n11;12\n", &csv) != NULL, "more rows than allowed refused");
	CHECK(parse(r, "a;b;c;d;e;f;g\n", &csv) != NULL, "more columns than allowed refused");
	CHECK(parse(r, "a;b\n\xff;2\n", &csv) != NULL, "invalid UTF-8 refused");
	CHECK(parse(r, "a;b\n1\x01;2\n", &csv) != NULL, "control characters refused");
	CHECK(parse(r, "", &csv) != NULL && parse(r, "\n\n", &csv) != NULL, "empty input refused");

	struct portal_buf b = { 0 };
	portal_csv_cell(&b, "=1+1", ';', false);
	portal_csv_cell(&b, "+31 6", ';', false);
	portal_csv_cell(&b, "-x", ';', false);
	portal_csv_cell(&b, "@sum", ';', false);
	portal_csv_cell(&b, "a;b \"q\"", ';', false);
	portal_csv_cell(&b, "plain", ';', true);
	CHECK(!strcmp(portal_buf_str(&b), "\"'=1+1\";\"'+31 6\";\"'-x\";\"'@sum\";\"a;b \"\"q\"\"\";plain\r\n"),
		"writer: formulas neutralised, separators and quotes quoted");
	portal_buf_reset(&b);
	portal_csv_cell(&b, "x", ';', false);
	portal_csv_cell(&b, NULL, ';', true);
	CHECK(!strcmp(portal_buf_str(&b), "x;\r\n"), "writer: NULL is an empty cell");
	portal_buf_free(&b);

	portal_req_free(r);
	portal_conf_free();
	unit_rmdir(dir);
	return UNIT_DONE();
}
