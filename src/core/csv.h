/* csv.h: CSV as offices write it: RFC 4180 quoting, a header row, UTF-8
 * with or without BOM, or GBK/GB18030 (what Excel writes on Chinese
 * Windows). Pure: takes a buffer, returns rows or every problem found. */
#ifndef KAOHE_CSV_H
#define KAOHE_CSV_H

#include <stddef.h>

#include "util.h"

struct csv {
	char *text;          /* the UTF-8 text the fields point into */
	char ***rows;        /* rows[i][j]: field j of row i; row 0 is the header */
	int *line;           /* line in the file where row i starts (1-based) */
	int nrows;
	int ncols;           /* columns of the header */
	const char *encoding;   /* "UTF-8" or "GBK" */
};

/* Parses buf. Every row must have the header's number of columns; a blank
 * line is skipped. Returns 0, or -1 with messages "FILE:第N行第M列：…" in d
 * (all problems, not just the first). */
int csv_parse(const char *buf, size_t len, const char *file, struct csv *out, struct diag *d);
void csv_free(struct csv *c);

/* Column index of the first header name in names[] (NULL-terminated) that
 * the header has, or -1. Header names are compared after trimming spaces. */
int csv_column(const struct csv *c, const char *const *names);

/* Checks that every header name is one of known[] (NULL-terminated);
 * adds "FILE:第1行第N列：未知的列“X”" for each that is not. Returns the
 * number of unknown columns. */
int csv_check_header(const struct csv *c, const char *file, const char *const *known,
		     struct diag *d);

/* Parses a yes/no cell: 是/否, 1/0, yes/no, y/n, or empty (no). Returns
 * 1, 0, or -1 if it is none of these. */
int csv_yes_no(const char *s);

/* Parses a whole number 0..max; -1 if it is not one. */
long long csv_count(const char *s, long long max);

/* Converts GB18030 text to UTF-8. Returns the UTF-8 text (caller frees) or
 * NULL if buf is not valid GB18030 (*bad = offset of the bad byte). */
char *gbk_to_utf8(const char *buf, size_t len, size_t *out_len, size_t *bad);

/* Writes one field, quoted where needed, to b. */
void csv_put_field(struct buf *b, const char *s);

#endif
