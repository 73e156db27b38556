/* csv.h: CSV (csv.c). */
#ifndef PORTAL_CSV_H
#define PORTAL_CSV_H

#include "base.h"
#include "mem.h"

struct portal_csv {
	char ***rows;     /* rows[i][j], the first row is the header */
	size_t *ncols;
	size_t nrows;
	char sep;
};
/* NULL on success, else the language key of what is wrong. At most max_rows rows after the header. */
const char *portal_csv_parse(struct portal_req *r, const char *text, size_t len, size_t max_rows, size_t max_cols,
	struct portal_csv *out);
/* Appends one cell (quoted when needed, formulas neutralised) and the separator or the line end. */
void portal_csv_cell(struct portal_buf *b, const char *s, char sep, bool last);

#endif
