/* xlsx_sheet.c: a worksheet made CSV for the findings import. Cells are
 * placed by their reference (r="C7"), so empty cells and skipped columns
 * land in the right column and skipped rows on the right line; values
 * are shared strings, inline strings or numbers written back as a person
 * typed them (8.5, 3 — not 8.4999999999999996 or 3.0). The header is the
 * first row with anything in it; a later row with nothing in an input
 * column (a template row left as it was) becomes a blank line, which the
 * importer skips. */
#include "xlsx_in.h"
#include "report_impl.h"
#include "../core/unit_rules.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const xlsx_readonly_columns[] = {"考核项目", "考核内容及评分标准", "考核方式", "规则", NULL};

/* Columns that name the finding (the importer's names for them) or that
 * the template shows to read: a row with nothing but these is not an
 * entry. A periodic scheme's workbook fills in every row's period. */
static const char *const key_columns[] = {"单位", "unit", "名称", "编号", "item", "code", "考核项",
					  "期间", "period", "季度", "月份", NULL};

/* Appends s with the spreadsheet escapes _xHHHH_ decoded (characters XML
 * cannot carry, as Excel writes them); NUL and lone surrogates stay as
 * written. */
static void put_unescaped(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned cp = 0;
		bool ok = s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_';
		for (int k = 2; ok && k < 6; k++) {
			const char *h = s[i + k] ? strchr(hex, s[i + k]) : NULL;
			ok = h != NULL;
			if (ok)
				cp = cp * 16 + (unsigned)((h - hex) % 16);
		}
		if (!ok || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
			buf_putc(b, s[i]);
			continue;
		}
		char u[3];
		if (cp < 0x80) {
			u[0] = (char)cp;
			buf_putn(b, u, 1);
		} else if (cp < 0x800) {
			u[0] = (char)(0xC0 | cp >> 6);
			u[1] = (char)(0x80 | (cp & 0x3F));
			buf_putn(b, u, 2);
		} else {
			u[0] = (char)(0xE0 | cp >> 12);
			u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
			u[2] = (char)(0x80 | (cp & 0x3F));
			buf_putn(b, u, 3);
		}
		i += 6;
	}
}

/* ---- shared strings ---- */

struct sst_ctx {
	bool doctype;             /* first: see xlsx_parser */
	struct xlsx_strings *ss;
	struct buf text;
	bool in_si, in_t;
	int in_rph;               /* phonetic runs: not the text */
	struct svc_error *err;
	const char *part;
};

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	(void)a;
	struct sst_ctx *c = XML_GetUserData((XML_Parser)ud);
	const char *l = xlsx_local(name);
	if (strcmp(l, "si") == 0) {
		c->in_si = true;
		buf_reset(&c->text);
	} else if (strcmp(l, "rPh") == 0) {
		c->in_rph++;
	} else if (strcmp(l, "t") == 0 && c->in_si && !c->in_rph) {
		c->in_t = true;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct sst_ctx *c = XML_GetUserData((XML_Parser)ud);
	const char *l = xlsx_local(name);
	if (strcmp(l, "t") == 0) {
		c->in_t = false;
	} else if (strcmp(l, "rPh") == 0) {
		c->in_rph--;
	} else if (strcmp(l, "si") == 0 && c->in_si) {
		struct xlsx_strings *ss = c->ss;
		if (ss->n >= XLSX_MAX_STRINGS) {
			report_fail(c->err, SVC_INVALID, "%s：共享字符串超过 %d 个，不予读取", c->part, XLSX_MAX_STRINGS);
			xlsx_stop((XML_Parser)ud);
			return;
		}
		if (ss->n == ss->cap) {
			ss->cap = ss->cap ? ss->cap * 2 : 256;
			ss->off = xrealloc(ss->off, (size_t)ss->cap * sizeof *ss->off);
		}
		ss->off[ss->n++] = ss->arena.len;
		put_unescaped(&ss->arena, buf_str(&c->text), c->text.len);
		buf_putn(&ss->arena, "", 1);    /* the NUL that ends it */
		c->in_si = false;
	}
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int n)
{
	struct sst_ctx *c = XML_GetUserData((XML_Parser)ud);
	if (c->in_t)
		buf_putn(&c->text, s, (size_t)n);
}

int xlsx_shared_strings(struct xlsx_pkg *pk, const char *part, struct xlsx_strings *out)
{
	struct sst_ctx c = {.ss = out, .err = pk->err, .part = part};
	XML_Parser p = xlsx_parser(&c);
	XML_SetElementHandler(p, sst_start, sst_end);
	XML_SetCharacterDataHandler(p, sst_text);
	int rc = xlsx_part_parse(pk, part, p, true);
	XML_ParserFree(p);
	buf_free(&c.text);
	return rc < 0 ? -1 : 0;
}

void xlsx_strings_free(struct xlsx_strings *ss)
{
	buf_free(&ss->arena);
	free(ss->off);
	memset(ss, 0, sizeof *ss);
}

/* ---- values ---- */

/* A number as the importer reads it: a plain decimal kept as written
 * without trailing zeros ("3.0" → "3", "8.50" → "8.5"); anything else
 * (an exponent, binary noise like 8.4999999999999996) at the 15
 * significant digits Excel shows. */
static void put_number(struct buf *b, const char *v)
{
	const char *p = v + (v[0] == '-');
	size_t ip = strspn(p, "0123456789"), fp = 0;
	if (p[ip] == '.')
		fp = strspn(p + ip + 1, "0123456789");
	bool plain = ip > 0 && p[ip + (p[ip] == '.' ? 1 + fp : 0)] == '\0' && ip + fp <= 15;
	if (plain) {
		size_t keep = fp;
		while (keep > 0 && p[ip + keep] == '0')
			keep--;
		bool zero = strspn(p, "0.") == ip + (p[ip] == '.' ? 1 + fp : 0);
		if (v[0] == '-' && !zero)
			buf_putc(b, '-');
		buf_putn(b, p, ip);
		if (keep)
			buf_putn(b, p + ip, keep + 1);
		return;
	}
	char *end;
	errno = 0;
	double d = strtod(v, &end);
	if (end == v || *end || !isfinite(d)) {
		buf_puts(b, v);
		return;
	}
	char text[40];
	snprintf(text, sizeof text, "%.15g", d == 0 ? 0.0 : d);
	buf_puts(b, text);
}

/* ---- the worksheet ---- */

struct sheet_ctx {
	bool doctype;             /* first: see xlsx_parser */
	XML_Parser p;
	const struct xlsx_strings *ss;
	struct svc_error *err;
	const char *part;
	bool failed;              /* stopped: later callbacks do nothing */
	bool in_data;             /* inside <sheetData> */
	long row, last;           /* the row read; the last row written */
	/* the cell being read */
	bool in_cell, in_v, in_t;
	int in_rph;
	char type;                /* s shared, i inline, t str, b bool, e error, n number */
	long col, prev_col;
	struct buf val, tmp;
	/* the row's cells by column (NULL: empty) */
	char **cells;
	long ncells;
	/* the header: its width and which columns take input */
	bool every_row;           /* keep each row with anything in it */
	bool have_header;
	long width;
	bool *input;
	/* the output */
	struct buf *csv;
	int *line;
	int nlines, cap;
};

static int sheet_fail(struct sheet_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int sheet_fail(struct sheet_ctx *c, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (!c->failed)
		report_fail(c->err, SVC_INVALID, "%s：%s", c->part, buf_str(&b));
	buf_free(&b);
	c->failed = true;
	xlsx_stop(c->p);
	return -1;
}

/* Column letters of a cell reference ("C7" → 3); 0 if it has none. */
static long ref_col(const char *r)
{
	long col = 0;
	for (; (*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z'); r++) {
		col = col * 26 + ((*r | 0x20) - 'a' + 1);
		if (col > 16384)
			return 16385;
	}
	return col;
}

/* Whether s has anything but spaces (the importer trims them). */
static bool filled(const char *s)
{
	return s && s[strspn(s, " \t")] != '\0';
}

static bool is_key(const char *name)
{
	for (int i = 0; key_columns[i]; i++)
		if (strcmp(name, key_columns[i]) == 0)
			return true;
	for (int i = 0; xlsx_readonly_columns[i]; i++)
		if (strcmp(name, xlsx_readonly_columns[i]) == 0)
			return true;
	return false;
}

/* Appends text to the CSV, each line it ends counted for row. */
static int put_csv(struct sheet_ctx *c, const char *text, size_t n, long row)
{
	buf_putn(c->csv, text, n);
	for (size_t i = 0; i < n; i++) {
		if (text[i] != '\n')
			continue;
		if (c->nlines == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 1024;
			c->line = xrealloc(c->line, (size_t)c->cap * sizeof *c->line);
		}
		c->line[c->nlines++] = (int)row;
	}
	if ((long long)c->csv->len > XLSX_MAX_CSV)
		return sheet_fail(c, "内容超过 %lld MB，不予读取", XLSX_MAX_CSV >> 20);
	return 0;
}

/* Writes the row read (and a blank line for each row skipped before it). */
static int emit_row(struct sheet_ctx *c)
{
	for (long r = c->last + 1; r < c->row; r++)
		if (put_csv(c, "\n", 1, r) != 0)
			return -1;
	c->last = c->row;
	long used = 0;
	for (long j = 0; j < c->ncells; j++)
		if (filled(c->cells[j]))
			used = j + 1;
	bool keep = used > 0;
	if (used && !c->have_header) {
		c->have_header = true;
		c->width = used;
		c->input = xcalloc((size_t)used, sizeof *c->input);
		for (long j = 0; j < used; j++) {
			char *h = c->cells[j] ? xstrdup(c->cells[j]) : xstrdup("");
			text_trim(h);
			c->input[j] = *h && !is_key(h);
			free(h);
		}
	} else if (used && !c->every_row) {
		keep = used > c->width;     /* something right of the table */
		for (long j = 0; j < used && j < c->width && !keep; j++)
			keep = c->input[j] && filled(c->cells[j]);
	}
	buf_reset(&c->tmp);
	long n = used > c->width ? used : c->width;
	for (long j = 0; keep && j < n; j++) {
		if (j)
			buf_putc(&c->tmp, ',');
		csv_put_field(&c->tmp, j < c->ncells && c->cells[j] ? c->cells[j] : "");
	}
	buf_putc(&c->tmp, '\n');
	for (long j = 0; j < c->ncells; j++) {
		free(c->cells[j]);
		c->cells[j] = NULL;
	}
	c->ncells = 0;
	return put_csv(c, c->tmp.p, c->tmp.len, c->row);
}

static const char *attr_of(const XML_Char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct sheet_ctx *c = XML_GetUserData((XML_Parser)ud);
	if (c->failed)
		return;
	const char *l = xlsx_local(name);
	if (strcmp(l, "sheetData") == 0) {
		c->in_data = true;
	} else if (!c->in_data) {
		return;
	} else if (strcmp(l, "row") == 0) {
		const char *r = attr_of(a, "r");
		long n = c->row + 1;
		if (r) {
			char *end;
			errno = 0;
			n = strtol(r, &end, 10);
			if (*end || errno || n < 1)
				n = -1;
		}
		if (n < 1 || n > XLSX_MAX_ROWS) {
			sheet_fail(c, "行号“%s”%s", r ? r : "", n < 1 ? "有误" : "超过 1000000 行，不予读取");
			return;
		}
		c->row = n;
		c->prev_col = 0;
	} else if (strcmp(l, "c") == 0 && c->row) {
		const char *r = attr_of(a, "r"), *t = attr_of(a, "t");
		c->col = r ? ref_col(r) : c->prev_col + 1;
		if (c->col < 1)
			c->col = c->prev_col + 1;
		if (c->col > 16384) {
			sheet_fail(c, "第 %ld 行的单元格“%s”超出 Excel 的列数", c->row, r ? r : "");
			return;
		}
		c->prev_col = c->col;
		c->type = !t ? 'n' : strcmp(t, "s") == 0 ? 's' : strcmp(t, "inlineStr") == 0 ? 'i'
			: strcmp(t, "str") == 0 ? 't' : strcmp(t, "b") == 0 ? 'b' : strcmp(t, "e") == 0 ? 'e'
			: strcmp(t, "n") == 0 ? 'n' : 't';
		c->in_cell = true;
		buf_reset(&c->val);
	} else if (c->in_cell && strcmp(l, "v") == 0) {
		c->in_v = true;
	} else if (c->in_cell && strcmp(l, "rPh") == 0) {
		c->in_rph++;
	} else if (c->in_cell && c->type == 'i' && strcmp(l, "t") == 0 && !c->in_rph) {
		c->in_t = true;
	}
}

/* The value of the cell just read, into its column. */
static void end_cell(struct sheet_ctx *c)
{
	const char *v = buf_str(&c->val);
	struct buf out = {0};
	switch (c->type) {
	case 's': {
		char *end;
		errno = 0;
		long k = strtol(v, &end, 10);
		if (!*v || *end || errno || k < 0 || k >= c->ss->n) {
			sheet_fail(c, "第 %ld 行第 %ld 列引用的共享字符串“%s”不存在", c->row, c->col, v);
			return;
		}
		buf_puts(&out, c->ss->arena.p + c->ss->off[k]);
		break;
	}
	case 'b': buf_puts(&out, strcmp(v, "1") == 0 ? "是" : strcmp(v, "0") == 0 ? "否" : v); break;
	case 'n':
		if (*v)
			put_number(&out, v);
		break;
	case 'e': buf_puts(&out, v); break;
	default: put_unescaped(&out, v, c->val.len); break;
	}
	if (c->col > c->ncells) {
		c->cells = xrealloc(c->cells, (size_t)c->col * sizeof *c->cells);
		for (long j = c->ncells; j < c->col; j++)
			c->cells[j] = NULL;
		c->ncells = c->col;
	}
	free(c->cells[c->col - 1]);
	c->cells[c->col - 1] = out.len ? buf_take(&out) : NULL;
	buf_free(&out);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct sheet_ctx *c = XML_GetUserData((XML_Parser)ud);
	if (c->failed)
		return;
	const char *l = xlsx_local(name);
	if (!c->in_data)
		return;
	if (strcmp(l, "sheetData") == 0) {
		c->in_data = false;
	} else if (strcmp(l, "row") == 0 && c->row) {
		emit_row(c);
	} else if (strcmp(l, "c") == 0 && c->in_cell) {
		c->in_cell = c->in_v = c->in_t = false;
		c->in_rph = 0;
		end_cell(c);
	} else if (strcmp(l, "v") == 0) {
		c->in_v = false;
	} else if (strcmp(l, "t") == 0) {
		c->in_t = false;
	} else if (strcmp(l, "rPh") == 0 && c->in_rph) {
		c->in_rph--;
	}
}

static void XMLCALL sheet_text(void *ud, const XML_Char *s, int n)
{
	struct sheet_ctx *c = XML_GetUserData((XML_Parser)ud);
	if (c->failed)
		return;
	if (c->in_v || c->in_t)
		buf_putn(&c->val, s, (size_t)n);
}

int xlsx_sheet_csv(struct xlsx_pkg *pk, const char *part, const struct xlsx_strings *ss, bool every_row,
		   struct buf *csv, int **line, int *nlines)
{
	struct sheet_ctx c = {.ss = ss, .err = pk->err, .part = part, .csv = csv, .every_row = every_row};
	c.p = xlsx_parser(&c);
	XML_SetElementHandler(c.p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(c.p, sheet_text);
	int rc = xlsx_part_parse(pk, part, c.p, false);
	XML_ParserFree(c.p);
	for (long j = 0; j < c.ncells; j++)
		free(c.cells[j]);
	free(c.cells);
	free(c.input);
	buf_free(&c.val);
	buf_free(&c.tmp);
	if (rc == 0 && !c.have_header)
		rc = report_fail(pk->err, SVC_INVALID, "%s：工作表是空的（需要表头行）", part);
	if (rc != 0) {
		free(c.line);
		return -1;
	}
	*line = c.line;
	*nlines = c.nlines;
	return 0;
}
