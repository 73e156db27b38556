/* csv.c: CSV in and out, as spreadsheet programs write and read it (RFC 4180 with ';' or ','):
 *  - reading: an optional UTF-8 byte-order mark, quoted cells with "" escapes and line breaks, CRLF or LF,
 *    the separator taken from the header line, hard limits on rows, columns and cell length;
 *  - writing: every cell quoted when needed, and a cell that a spreadsheet would run as a formula
 *    (starting with = + - @, tab or CR) neutralised with a leading apostrophe (CSV injection). */
#include <string.h>

#include "portal.h"

#define MAX_CELL 1000

/* A cell's text (the cl bytes of cell) into *out, spaces around an unquoted one trimmed; whether it has any. */
static bool cell_end(struct portal_req *r, const char *cell, size_t cl, bool was_quoted, char **out)
{
	size_t a = 0, b = cl;
	if (!was_quoted) {
		while (a < b && cell[a] == ' ')
			a++;
		while (b > a && cell[b - 1] == ' ')
			b--;
	}
	*out = portal_strndup(r, cell + a, b - a);
	return b > a;
}

/* A row of nc cells added to out. */
static void row_end(struct portal_req *r, struct portal_csv *out, char **cells, size_t nc)
{
	out->rows[out->nrows] = portal_alloc(r, nc * sizeof(char *));
	memcpy(out->rows[out->nrows], cells, nc * sizeof(char *));
	out->ncols[out->nrows] = nc;
	out->nrows++;
}

const char *portal_csv_parse(struct portal_req *r, const char *text, size_t len, size_t max_rows, size_t max_cols,
	struct portal_csv *out)
{
	memset(out, 0, sizeof *out);
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		text += 3, len -= 3;
	if (!portal_utf8_valid(text, len))
		return "Csv.encoding";
	/* the separator: whichever of ';' and ',' the header line has more of */
	size_t semi = 0, comma = 0;
	for (size_t i = 0; i < len && text[i] != '\n'; i++)
		semi += text[i] == ';', comma += text[i] == ',';
	char sep = semi >= comma ? ';' : ',';
	out->sep = sep;
	out->rows = portal_alloc(r, (max_rows + 1) * sizeof *out->rows);
	out->ncols = portal_alloc(r, (max_rows + 1) * sizeof *out->ncols);
	char **cells = portal_alloc(r, max_cols * sizeof *cells);
	char *cell = portal_alloc(r, MAX_CELL * 4 + 1);
	size_t nc = 0, cl = 0, i = 0;
	bool quoted = false, was_quoted = false, any = false;
	while (i <= len) {
		char ch = i < len ? text[i] : '\n';
		if (quoted) {
			if (i == len)
				return "Csv.quote";
			if (ch == '"' && i + 1 < len && text[i + 1] == '"') {
				ch = '"';
				i++;
			} else if (ch == '"') {
				quoted = false;
				i++;
				continue;
			}
			if (cl >= MAX_CELL * 4)
				return "Csv.cell_too_long";
			cell[cl++] = ch;
			i++;
			continue;
		}
		if (ch == '"' && cl == 0 && !was_quoted) {
			quoted = was_quoted = any = true;
			i++;
			continue;
		}
		if (ch == sep || ch == '\n' || (ch == '\r' && i + 1 < len && text[i + 1] == '\n') || (ch == '\r' && i + 1 == len)) {
			if (ch == '\r')
				i++;   /* CRLF: the LF ends the row below */
			if (nc >= max_cols)
				return "Csv.too_many_columns";
			any |= cell_end(r, cell, cl, was_quoted, &cells[nc++]);
			cl = 0;
			was_quoted = false;
			if (ch == sep) {
				i++;
				continue;
			}
			if (any && out->nrows > max_rows)   /* a blank line is skipped */
				return "Csv.too_many_rows";
			if (any)
				row_end(r, out, cells, nc);
			nc = 0;
			any = false;
			i++;
			continue;
		}
		if (was_quoted)
			return "Csv.quote";   /* text after a closing quote */
		if ((unsigned char)ch < 0x20 && ch != '\t')
			return "Csv.control";
		if (cl >= MAX_CELL * 4)
			return "Csv.cell_too_long";
		cell[cl++] = ch;
		any = true;
		i++;
	}
	if (out->nrows == 0)
		return "Csv.empty";
	return NULL;
}

void portal_csv_cell(struct portal_buf *b, const char *s, char sep, bool last)
{
	if (!s)
		s = "";
	bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
	bool quote = formula || strchr(s, sep) || strchr(s, '"') || strchr(s, '\n') || strchr(s, '\r');
	if (quote)
		portal_buf_adds(b, "\"");
	if (formula)
		portal_buf_adds(b, "'");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			portal_buf_adds(b, "\"");
		portal_buf_add(b, p, 1);
	}
	if (quote)
		portal_buf_adds(b, "\"");
	portal_buf_adds(b, last ? "\r\n" : (sep == ';' ? ";" : ","));
}
