/* csv.c: CSV parsing and encoding detection. */
#include "csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

char *gbk_to_utf8(const char *buf, size_t len, size_t *out_len, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = len * 2 + 16;
	char *out = xmalloc(cap);
	char *in = (char *)buf, *o = out;
	size_t inleft = len, outleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(o - out);
				cap *= 2;
				out = xrealloc(out, cap);
				o = out + used;
				outleft = cap - used - 1;
				continue;
			}
			if (bad)
				*bad = (size_t)(in - buf);
			free(out);
			iconv_close(cd);
			return NULL;
		}
	}
	iconv_close(cd);
	*o = '\0';
	*out_len = (size_t)(o - out);
	return out;
}

static int line_of(const char *text, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

void csv_free(struct csv *c)
{
	for (int i = 0; i < c->nrows; i++)
		free(c->rows[i]);
	free(c->rows);
	free(c->line);
	free(c->text);
	memset(c, 0, sizeof *c);
}

static void trim(char **s)
{
	char *p = *s;
	while (*p == ' ' || *p == '\t')
		p++;
	char *e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	*s = p;
}

int csv_open(struct csv_reader *r, const char *buf, size_t len, const char *file, struct diag *d)
{
	memset(r, 0, sizeof *r);
	r->file = file;
	r->line = 1;
	size_t bad;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
		if (!utf8_valid(buf, len, &bad)) {
			diag_add(d, "%s:第%d行：文件以 UTF-8 标记开头，但含有无效的 UTF-8 字节", file,
				 line_of(buf, bad));
			return -1;
		}
		r->text = xstrndup(buf, len);
		r->encoding = "UTF-8";
	} else if (utf8_valid(buf, len, &bad)) {
		r->text = xstrndup(buf, len);
		r->encoding = "UTF-8";
	} else {
		size_t ulen, gbad;
		r->text = gbk_to_utf8(buf, len, &ulen, &gbad);
		if (!r->text) {
			diag_add(d, "%s:第%d行：既不是有效的 UTF-8，也不是有效的 GBK 编码", file,
				 line_of(buf, gbad > bad ? gbad : bad));
			return -1;
		}
		r->encoding = "GBK";
		len = ulen;
	}
	r->len = len;
	if (memchr(r->text, '\0', len)) {
		diag_add(d, "%s：文件含有空字符，不是文本文件", file);
		csv_close(r);
		return -1;
	}
	return 0;
}

void csv_close(struct csv_reader *r)
{
	free(r->text);
	free(r->fields);
	memset(r, 0, sizeof *r);
}

static void add_field(struct csv_reader *r, char *f)
{
	if (r->nf == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->fields = xrealloc(r->fields, (size_t)r->cap * sizeof *r->fields);
	}
	r->fields[r->nf++] = f;
}

/* Reads the next non-blank row into r->fields (strings inside r->text,
 * valid until csv_close). Fields are unescaped and trimmed in place.
 * Returns 1 for a row, 0 at the end, -1 on an unrecoverable problem
 * (an unclosed quote); other problems are added to d and counted in
 * r->problems, and the row is still returned, padded to the header. */
int csv_next(struct csv_reader *r, struct diag *d)
{
	char *end = r->text + r->len;
	for (;;) {
		char *p = r->text + r->pos;
		if (p >= end)
			return 0;
		r->nf = 0;
		r->row_line = r->line;
		for (;;) {
			char *start = p, *w = p;
			int col = r->nf + 1;
			if (p < end && *p == '"') {
				p++;
				for (;;) {
					if (p >= end) {
						diag_add(d, "%s:第%d行第%d列：引号没有闭合", r->file, r->row_line, col);
						r->problems++;
						return -1;
					}
					if (*p == '"') {
						if (p + 1 < end && p[1] == '"') {
							*w++ = '"';
							p += 2;
							continue;
						}
						p++;
						break;
					}
					if (*p == '\n')
						r->line++;
					*w++ = *p++;
				}
				if (p < end && *p != ',' && *p != '\n' && *p != '\r') {
					diag_add(d, "%s:第%d行第%d列：引号后面不能紧跟其他字符", r->file, r->line, col);
					r->problems++;
					while (p < end && *p != ',' && *p != '\n')
						p++;
				}
			} else {
				while (p < end && *p != ',' && *p != '\n' && *p != '\r') {
					if (*p == '"') {
						diag_add(d, "%s:第%d行第%d列：未加引号的字段中出现引号", r->file,
							 r->line, col);
						r->problems++;
					}
					*w++ = *p++;
				}
			}
			/* the terminator: ',', or a line end: LF, CRLF, or a lone CR
			 * (old Mac files), or the end of the file */
			char term = '\n';
			if (p < end && *p == '\r') {
				p++;
				if (p < end && *p == '\n')
					p++;
			} else if (p < end) {
				term = *p++;
			}
			*w = '\0';
			add_field(r, start);
			if (term == '\n') {
				r->line++;
				break;
			}
			if (p >= end) {
				/* "a,b," at the very end: the last field is empty */
				add_field(r, end);
				break;
			}
		}
		r->pos = (size_t)(p - r->text);
		/* blank line */
		if (r->nf == 1 && r->fields[0][0] == '\0')
			continue;
		for (int i = 0; i < r->nf; i++)
			trim(&r->fields[i]);
		if (r->nrows == 0) {
			r->ncols = r->nf;
		} else if (r->nf != r->ncols) {
			diag_add(d, "%s:第%d行：有 %d 列，表头有 %d 列", r->file, r->row_line, r->nf, r->ncols);
			r->problems++;
		}
		/* Pad short rows so callers can index every column safely. */
		while (r->nf < r->ncols)
			add_field(r, end);
		r->nrows++;
		return 1;
	}
}

int csv_parse(const char *buf, size_t len, const char *file, struct csv *out, struct diag *d)
{
	memset(out, 0, sizeof *out);
	struct csv_reader r;
	if (csv_open(&r, buf, len, file, d) != 0)
		return -1;
	int cap = 0, rc;
	while ((rc = csv_next(&r, d)) == 1) {
		if (out->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			out->rows = xrealloc(out->rows, (size_t)cap * sizeof *out->rows);
			out->line = xrealloc(out->line, (size_t)cap * sizeof *out->line);
		}
		char **row = xmalloc((size_t)r.nf * sizeof *row);
		memcpy(row, r.fields, (size_t)r.nf * sizeof *row);
		out->line[out->nrows] = r.row_line;
		out->rows[out->nrows++] = row;
	}
	out->ncols = r.ncols;
	out->encoding = r.encoding;
	/* The rows point into the text: the csv owns it from here. */
	out->text = r.text;
	r.text = NULL;
	int problems = r.problems;
	csv_close(&r);
	if (rc < 0) {
		csv_free(out);
		return -1;
	}
	if (out->nrows == 0) {
		diag_add(d, "%s：文件为空（需要表头行）", file);
		problems++;
	}
	if (problems) {
		csv_free(out);
		return -1;
	}
	return 0;
}

int csv_header_column(char *const *header, int ncols, const char *const *names)
{
	for (const char *const *n = names; *n; n++)
		for (int j = 0; j < ncols; j++)
			if (strcmp(header[j], *n) == 0)
				return j;
	return -1;
}

int csv_column(const struct csv *c, const char *const *names)
{
	return csv_header_column(c->rows[0], c->ncols, names);
}

int csv_header_check(char *const *header, int ncols, int line, const char *file,
		     const char *const *known, struct diag *d)
{
	int bad = 0;
	if (ncols == 1 && (strchr(header[0], ';') || strchr(header[0], '\t'))) {
		diag_add(d, "%s:第%d行：表头只有一列，文件似乎用分号或制表符分隔；请另存为逗号分隔的 CSV（UTF-8 或 GBK）",
			 file, line);
		return 1;
	}
	for (int j = 0; j < ncols; j++) {
		/* Excel leaves empty columns after the last one: no name, ignored */
		int ok = header[j][0] == '\0';
		for (const char *const *k = known; *k && !ok; k++)
			ok = strcmp(header[j], *k) == 0;
		if (!ok) {
			diag_add(d, "%s:第%d行第%d列：未知的列“%s”", file, line, j + 1, header[j]);
			bad++;
		}
	}
	return bad;
}

int csv_header_dups(char *const *header, int ncols, int line, const char *file,
		    const char *const *const *groups, struct diag *d)
{
	int bad = 0;
	for (const char *const *const *g = groups; *g; g++) {
		int first = -1;
		for (int j = 0; j < ncols; j++)
			for (const char *const *n = *g; *n; n++)
				if (strcmp(header[j], *n) == 0) {
					if (first < 0) {
						first = j;
					} else {
						diag_add(d, "%s:第%d行第%d列：列“%s”与第%d列“%s”重复", file, line,
							 j + 1, header[j], first + 1, header[first]);
						bad++;
					}
					break;
				}
	}
	return bad;
}

int csv_check_header(const struct csv *c, const char *file, const char *const *known,
		     struct diag *d)
{
	return csv_header_check(c->rows[0], c->ncols, c->line[0], file, known, d);
}

int csv_yes_no(const char *s)
{
	static const char *const yes[] = {"是", "1", "yes", "y", "Y", "YES", NULL};
	static const char *const no[] = {"", "否", "0", "no", "n", "N", "NO", NULL};
	for (int i = 0; yes[i]; i++)
		if (strcmp(s, yes[i]) == 0)
			return 1;
	for (int i = 0; no[i]; i++)
		if (strcmp(s, no[i]) == 0)
			return 0;
	return -1;
}

long long csv_count(const char *s, long long max)
{
	long long v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	return v;
}

void csv_put_field(struct buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\n\r") && s[0] != ' ' && (s[0] == '\0' || s[strlen(s) - 1] != ' ')) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}
