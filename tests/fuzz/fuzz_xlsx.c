/* fuzz_xlsx.c: libFuzzer harness for the workbook reader (imports take
 * files from anywhere). Any bytes are read as a findings sheet or refused
 * with a message; never a crash, a leak or an overflow. What is read is
 * consistent: a sheet name, one worksheet row for every CSV line, rows
 * in order, and CSV text the importer's reader takes without a quoting
 * error. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/xlsx_in.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf csv = {0};
	char *sheet;
	int *line, n;
	struct svc_error err = {0};
	if (xlsx_to_csv_lines(data, size, &csv, &sheet, &line, &n, &err) != 0) {
		if (!err.message || !*err.message || sheet || line || csv.len)
			abort();    /* refused without saying why, or with something left */
		svc_error_clear(&err);
		return 0;
	}
	if (!sheet || err.message)
		abort();
	int newlines = 0;
	for (size_t i = 0; i < csv.len; i++)
		newlines += csv.p[i] == '\n';
	if (newlines != n || (long long)csv.len > XLSX_MAX_CSV)
		abort();
	for (int i = 0; i < n; i++)
		if (line[i] < 1 || line[i] > XLSX_MAX_ROWS)
			abort();
	struct csv c;
	struct diag d = {0};
	if (csv_parse(buf_str(&csv), csv.len, "fuzz.csv", &c, &d) == 0)
		csv_free(&c);
	for (int i = 0; i < d.n; i++)
		if (strstr(d.msgs[i], "引号"))
			abort();    /* the CSV written is quoted as it should be */
	diag_free(&d);
	free(sheet);
	free(line);
	buf_free(&csv);
	return 0;
}
