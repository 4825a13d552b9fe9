/* fuzz_csv.c: libFuzzer harness for the CSV reader (imports take files
 * from anywhere). Any input is parsed or rejected with a message; the
 * streaming reader and the whole-file parser agree on the rows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = {0};
	struct csv c;
	int whole = csv_parse((const char *)data, size, "fuzz.csv", &c, &d);
	if (whole != 0 && d.n == 0)
		abort();    /* rejected without saying why */
	struct csv_reader r;
	struct diag d2 = {0};
	int rows = 0;
	if (csv_open(&r, (const char *)data, size, "fuzz.csv", &d2) == 0) {
		int rc;
		while ((rc = csv_next(&r, &d2)) == 1) {
			if (whole == 0 && (rows >= c.nrows || r.nf != c.ncols))
				abort();
			for (int i = 0; whole == 0 && i < r.nf; i++)
				if (strcmp(r.fields[i], c.rows[rows][i]) != 0)
					abort();
			rows++;
		}
		if (whole == 0 && (rc != 0 || rows != c.nrows))
			abort();
		csv_close(&r);
	}
	if (whole == 0)
		csv_free(&c);
	diag_free(&d);
	diag_free(&d2);
	return 0;
}
