/* fuzz_csv.c: the CSV parser of the colleagues' import (separator detection, quoting, BOM, limits), and the
 * CSV writer on what it read (formula neutralising, quoting). */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_config();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct portal_req *r = portal_req_new();
	char *s = fuzz_text(data, size);
	struct portal_csv csv;
	if (!portal_csv_parse(r, s, size, 1000, 20, &csv)) {
		if (csv.nrows > 1001)
			abort();
		struct portal_buf b = { 0 };
		for (size_t i = 0; i < csv.nrows; i++)
			for (size_t j = 0; j < csv.ncols[i]; j++) {
				if (j >= 20)
					abort();
				portal_csv_cell(&b, csv.rows[i][j], csv.sep, j + 1 == csv.ncols[i]);
			}
		portal_buf_free(&b);
	}
	free(s);
	portal_req_free(r);
	return 0;
}
