/* xlsx_baseline.c: the baseline of bench/xlsx.py: a plain libxlsxwriter
 * program writing the cells of kaohe's all-units workbook (dumped by
 * xlsx.py from the workbook kaohe wrote) in constant_memory mode, with
 * the same page setup, and nothing else: no database, no scheme, no row
 * heights worked out.
 *
 *     xlsx_baseline DUMP OUT.xlsx
 *
 * DUMP is text, one record a line, fields split by tabs, "\n" and "\\" in
 * texts escaped:  S name  (a worksheet) | W col width | R row height |
 * T row col style text | N row col style number | B row col style (a
 * blank cell with its borders) | M row col lastcol style
 * text (a merged range) | P row (the header row, repeated on every page).
 * Rows come in order, as constant_memory needs.
 *
 * With 20,000 worksheets constant_memory keeps a temporary file open for
 * each until workbook_close, more than a process may open here (ulimit -n
 * 20000), so the baseline moves each finished worksheet's rows into one
 * shared file exactly as kaohe does (src/report/xlsx_spill.c, linked in):
 * the comparison is of writing the cells, not of that. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "../src/report/xlsx_spill.h"

#define MAX_STYLES 256

static lxw_format *styles[MAX_STYLES];

/* The format of style index i: the workbook's font, borders, wrap. */
static lxw_format *style(lxw_workbook *wb, long i)
{
	if (i < 0 || i >= MAX_STYLES)
		i = 0;
	if (!styles[i]) {
		lxw_format *f = workbook_add_format(wb);
		format_set_font_name(f, "宋体");
		format_set_font_size(f, 10);
		format_set_text_wrap(f);
		if (i > 3)
			format_set_border(f, LXW_BORDER_THIN);
		styles[i] = f;
	}
	return styles[i];
}

/* Undoes the dump's escapes in place. */
static char *unescape(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			*o++ = *p == 'n' ? '\n' : *p;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return s;
}

/* The next tab-separated field of *p. */
static char *field(char **p)
{
	char *s = *p, *t = strchr(s, '\t');
	if (t) {
		*t = '\0';
		*p = t + 1;
	} else {
		*p = s + strlen(s);
	}
	return s;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: xlsx_baseline DUMP OUT.xlsx\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "r");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	struct xlsx_spill *sp = xlsx_spill_open(NULL);
	lxw_workbook_options o = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(argv[2], &o);
	if (!wb || !sp) {
		fprintf(stderr, "cannot write %s\n", argv[2]);
		return 1;
	}
	lxw_worksheet *ws = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;
	while ((len = getline(&line, &cap, in)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		char *p = line + 2;
		switch (line[0]) {
		case 'S':
			if (ws)
				xlsx_spill_take(sp, ws);
			ws = workbook_add_worksheet(wb, unescape(p));
			if (!ws) {
				fprintf(stderr, "bad worksheet %s\n", p);
				return 1;
			}
			worksheet_set_paper(ws, 9);
			worksheet_set_landscape(ws);
			worksheet_fit_to_pages(ws, 1, 0);
			worksheet_set_header(ws, "&L&8kaohe");
			worksheet_set_footer(ws, "&C第 &P 页 共 &N 页");
			break;
		case 'W': {
			long c = strtol(field(&p), NULL, 10);
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, strtod(field(&p), NULL), NULL);
			break;
		}
		case 'R': {
			long r = strtol(field(&p), NULL, 10);
			worksheet_set_row(ws, (lxw_row_t)r, strtod(field(&p), NULL), NULL);
			break;
		}
		case 'P': {
			long r = strtol(field(&p), NULL, 10);
			worksheet_repeat_rows(ws, (lxw_row_t)r, (lxw_row_t)r);
			worksheet_freeze_panes(ws, (lxw_row_t)(r + 1), 0);
			break;
		}
		case 'B': {
			long r = strtol(field(&p), NULL, 10), c = strtol(field(&p), NULL, 10);
			worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, style(wb, strtol(field(&p), NULL, 10)));
			break;
		}
		case 'T':
		case 'N':
		case 'M': {
			long r = strtol(field(&p), NULL, 10), c = strtol(field(&p), NULL, 10), last = 0;
			if (line[0] == 'M')
				last = strtol(field(&p), NULL, 10);
			lxw_format *f = style(wb, strtol(field(&p), NULL, 10));
			if (line[0] == 'T')
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, unescape(p), f);
			else if (line[0] == 'N')
				worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, strtod(p, NULL), f);
			else
				worksheet_merge_range(ws, (lxw_row_t)r, (lxw_col_t)c, (lxw_row_t)r, (lxw_col_t)last,
						      unescape(p), f);
			break;
		}
		default:
			break;
		}
	}
	free(line);
	fclose(in);
	if (ws)
		xlsx_spill_take(sp, ws);
	xlsx_spill_flush(sp);
	if (workbook_close(wb) != LXW_NO_ERROR || xlsx_spill_failed(sp)) {
		fprintf(stderr, "cannot write %s\n", argv[2]);
		rc = 1;
	}
	xlsx_spill_close(sp);
	return rc;
}
