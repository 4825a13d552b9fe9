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

int csv_parse(const char *buf, size_t len, const char *file, struct csv *out, struct diag *d)
{
	memset(out, 0, sizeof *out);
	size_t bad;
	int errors = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
		if (!utf8_valid(buf, len, &bad)) {
			diag_add(d, "%s:第%d行：文件以 UTF-8 标记开头，但含有无效的 UTF-8 字节", file,
				 line_of(buf, bad));
			return -1;
		}
		out->text = xstrndup(buf, len);
		out->encoding = "UTF-8";
	} else if (utf8_valid(buf, len, &bad)) {
		out->text = xstrndup(buf, len);
		out->encoding = "UTF-8";
	} else {
		size_t ulen, gbad;
		out->text = gbk_to_utf8(buf, len, &ulen, &gbad);
		if (!out->text) {
			diag_add(d, "%s:第%d行：既不是有效的 UTF-8，也不是有效的 GBK 编码", file,
				 line_of(buf, gbad > bad ? gbad : bad));
			return -1;
		}
		out->encoding = "GBK";
		len = ulen;
		if (memchr(out->text, '\0', len)) {
			diag_add(d, "%s：文件含有空字符，不是文本文件", file);
			csv_free(out);
			return -1;
		}
	}
	if (memchr(out->text, '\0', len)) {
		diag_add(d, "%s：文件含有空字符，不是文本文件", file);
		csv_free(out);
		return -1;
	}
	/* Split in place: fields are NUL-terminated inside text; quoted
	 * fields are unescaped by moving bytes left. */
	char *p = out->text, *end = out->text + len;
	int cap = 0, line = 1;
	while (p < end) {
		int row_line = line;
		char **fields = NULL;
		int nf = 0, fcap = 0;
		for (;;) {
			char *start = p, *w = p;
			int col = nf + 1;
			if (p < end && *p == '"') {
				p++;
				for (;;) {
					if (p >= end) {
						diag_add(d, "%s:第%d行第%d列：引号没有闭合", file, row_line, col);
						free(fields);
						csv_free(out);
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
						line++;
					*w++ = *p++;
				}
				if (p < end && *p != ',' && *p != '\n' && *p != '\r') {
					diag_add(d, "%s:第%d行第%d列：引号后面不能紧跟其他字符", file, line, col);
					errors++;
					while (p < end && *p != ',' && *p != '\n')
						p++;
				}
			} else {
				while (p < end && *p != ',' && *p != '\n' && *p != '\r') {
					if (*p == '"') {
						diag_add(d, "%s:第%d行第%d列：未加引号的字段中出现引号", file,
							 line, col);
						errors++;
					}
					*w++ = *p++;
				}
			}
			char term = p < end ? *p : '\n';
			if (term == '\r') {
				p++;
				term = p < end ? *p : '\n';
			}
			if (p < end)
				p++;
			*w = '\0';
			if (nf == fcap) {
				fcap = fcap ? fcap * 2 : 8;
				fields = xrealloc(fields, (size_t)fcap * sizeof *fields);
			}
			fields[nf++] = start;
			if (term == '\n') {
				line++;
				break;
			}
			if (p >= end) {
				/* "a,b," at the very end: the last field is empty */
				if (nf == fcap) {
					fcap *= 2;
					fields = xrealloc(fields, (size_t)fcap * sizeof *fields);
				}
				fields[nf++] = out->text + len;
				break;
			}
		}
		/* blank line */
		if (nf == 1 && fields[0][0] == '\0') {
			free(fields);
			continue;
		}
		for (int i = 0; i < nf; i++)
			trim(&fields[i]);
		if (out->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			out->rows = xrealloc(out->rows, (size_t)cap * sizeof *out->rows);
			out->line = xrealloc(out->line, (size_t)cap * sizeof *out->line);
		}
		if (out->nrows == 0)
			out->ncols = nf;
		else if (nf != out->ncols) {
			diag_add(d, "%s:第%d行：有 %d 列，表头有 %d 列", file, row_line, nf, out->ncols);
			errors++;
		}
		/* Pad short rows so callers can index every column safely. */
		if (nf < out->ncols) {
			fields = xrealloc(fields, (size_t)out->ncols * sizeof *fields);
			for (int i = nf; i < out->ncols; i++)
				fields[i] = out->text + len; /* the final NUL: "" */
		}
		out->line[out->nrows] = row_line;
		out->rows[out->nrows++] = fields;
	}
	if (out->nrows == 0) {
		diag_add(d, "%s：文件为空（需要表头行）", file);
		errors++;
	}
	if (errors) {
		csv_free(out);
		return -1;
	}
	return 0;
}

int csv_column(const struct csv *c, const char *const *names)
{
	for (const char *const *n = names; *n; n++)
		for (int j = 0; j < c->ncols; j++)
			if (strcmp(c->rows[0][j], *n) == 0)
				return j;
	return -1;
}

int csv_check_header(const struct csv *c, const char *file, const char *const *known,
		     struct diag *d)
{
	int bad = 0;
	for (int j = 0; j < c->ncols; j++) {
		int ok = 0;
		for (const char *const *k = known; *k && !ok; k++)
			ok = strcmp(c->rows[0][j], *k) == 0;
		if (!ok) {
			diag_add(d, "%s:第%d行第%d列：未知的列“%s”", file, c->line[0], j + 1, c->rows[0][j]);
			bad++;
		}
	}
	return bad;
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
