/* fuzz_csv.c: libFuzzer harness for the CSV reader (imports take files
 * from anywhere). Any input is parsed or rejected with a message; reading
 * it a few bytes at a time (every row, quote and character cut by reads)
 * gives the same rows as reading it in one go. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct trickle {
	const char *p;
	size_t len, pos, step;
};

static long trickle_read(void *arg, char *buf, size_t n)
{
	struct trickle *t = arg;
	size_t k = t->step < n ? t->step : n;
	if (k > t->len - t->pos)
		k = t->len - t->pos;
	memcpy(buf, t->p + t->pos, k);
	t->pos += k;
	t->step = t->step % 7 + 1;
	return (long)k;
}

static int trickle_rewind(void *arg)
{
	((struct trickle *)arg)->pos = 0;
	return 0;
}

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
	struct trickle t = {(const char *)data, size, 0, 1};
	struct csv_source src = {trickle_read, trickle_rewind, &t, NULL, NULL};
	if (csv_open(&r, &src, "fuzz.csv", &d2) == 0) {
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
