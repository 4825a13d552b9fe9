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

/* Where a CSV's bytes come from: read fills buf with up to n bytes and
 * returns how many (0 at the end, -1 on a read error); rewind goes back to
 * the start (the encoding is decided by a first pass over the whole
 * stream, so a file is read twice and never held in memory whole). */
struct csv_source {
	long (*read)(void *arg, char *buf, size_t n);
	int (*rewind)(void *arg);
	void *arg;
	/* optional: sees every byte of the first pass (a digest) */
	void (*observe)(void *arg, const char *buf, size_t n);
	void *observe_arg;
};

/* A source over a buffer in memory (the struct must outlive the reader). */
struct csv_mem {
	const char *p;
	size_t len, pos;
};
void csv_mem_source(struct csv_mem *m, const char *buf, size_t len, struct csv_source *out);

/* A CSV read one row at a time from a source, in a window of the text: the
 * memory it takes does not grow with the file. */
struct csv_reader {
	const char *file;
	const char *encoding;   /* "UTF-8" or "GBK" */
	struct csv_source src;
	void *cd;               /* GB18030 -> UTF-8 (iconv), or NULL */
	char raw[8];            /* undecoded bytes of a character cut by a read */
	size_t nraw;
	char *buf;              /* the window of UTF-8 text */
	size_t len, cap, pos;   /* pos: start of the next row in buf */
	int eof;                /* the source is exhausted */
	int line;               /* line of the next row */
	int row_line;           /* line where the current row starts */
	char **fields;          /* the current row, padded to ncols; valid until
				   the next csv_next */
	int nf, fcap;
	int ncols;              /* columns of the header (the first row) */
	int nrows;              /* rows read, header included */
	int problems;           /* non-fatal problems reported so far */
};

/* Decides the encoding in a first pass (UTF-8 with or without BOM, else
 * GBK), rewinds, and opens the reader. Returns 0, or -1 with the problem
 * in d (at its line). */
int csv_open(struct csv_reader *r, const struct csv_source *src, const char *file, struct diag *d);
/* The same over a buffer; m is the caller's (it must outlive r). */
int csv_open_buffer(struct csv_reader *r, struct csv_mem *m, const char *buf, size_t len,
		    const char *file, struct diag *d);
/* The next non-blank row: 1, 0 at the end, -1 on an unclosed quote or a
 * read error. Wrong column counts and stray quotes are reported in d and
 * counted in r->problems; the row is still returned. */
int csv_next(struct csv_reader *r, struct diag *d);
void csv_close(struct csv_reader *r);

/* Parses buf. Every row must have the header's number of columns; a blank
 * line is skipped. Returns 0, or -1 with messages "FILE:第N行第M列：…" in d
 * (all problems, not just the first). */
int csv_parse(const char *buf, size_t len, const char *file, struct csv *out, struct diag *d);
void csv_free(struct csv *c);

/* Column index of the first header name in names[] (NULL-terminated) that
 * the header has, or -1. Header names are compared after trimming spaces. */
int csv_column(const struct csv *c, const char *const *names);

/* The same two on a bare header row (a csv_reader's first row). */
int csv_header_column(char *const *header, int ncols, const char *const *names);
int csv_header_check(char *const *header, int ncols, int line,
		     const char *const *known, struct diag *d);

/* Reports two columns that name the same field: groups[] is a NULL-
 * terminated list of NULL-terminated name lists (e.g. {"次数", "count"}).
 * Returns the number of such columns. */
int csv_header_dups(char *const *header, int ncols, int line,
		    const char *const *const *groups, struct diag *d);

/* Checks that every header name is one of known[] (NULL-terminated);
 * adds "FILE:第1行第N列：未知的列“X”" for each that is not. Returns the
 * number of unknown columns. */
int csv_check_header(const struct csv *c, const char *const *known,
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
