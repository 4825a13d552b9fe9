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

void csv_free(struct csv *c)
{
	for (int i = 0; i < c->nrows; i++)
		free(c->rows[i]);
	free(c->rows);
	free(c->line);
	free(c->text);
	memset(c, 0, sizeof *c);
}

static long mem_read(void *arg, char *buf, size_t n)
{
	struct csv_mem *m = arg;
	size_t k = m->len - m->pos < n ? m->len - m->pos : n;
	memcpy(buf, m->p + m->pos, k);
	m->pos += k;
	return (long)k;
}

static int mem_rewind(void *arg)
{
	((struct csv_mem *)arg)->pos = 0;
	return 0;
}

void csv_mem_source(struct csv_mem *m, const char *buf, size_t len, struct csv_source *out)
{
	m->p = buf;
	m->len = len;
	m->pos = 0;
	memset(out, 0, sizeof *out);
	out->read = mem_read;
	out->rewind = mem_rewind;
	out->arg = m;
}

#define CHUNK 65536

/* The length of the last, possibly incomplete, UTF-8 sequence at the end
 * of s[0..n) (0 if the text ends on a whole character). */
static size_t utf8_tail(const unsigned char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned c = s[n - k];
		if ((c & 0xC0) == 0x80)
			continue;
		size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return need > k ? k : 0;
	}
	return 0;
}

/* The first pass: is the whole stream valid UTF-8 (after an optional
 * BOM), valid GB18030, neither, or does it hold a NUL byte? *bad_line is
 * the line of the first byte that fails the encoding chosen. */
enum { ENC_UTF8, ENC_UTF8_BOM, ENC_GBK, ENC_NEITHER, ENC_NUL, ENC_READ_ERROR };

/* Reads until at least min bytes (or the end): so the first read holds a
 * whole BOM whatever the source's reads look like. */
static long read_at_least(const struct csv_source *src, char *buf, size_t n, size_t min)
{
	size_t got = 0;
	do {
		long k = src->read(src->arg, buf + got, n - got);
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		got += (size_t)k;
	} while (got < min);
	return (long)got;
}

struct scratch {
	char buf[CHUNK + 8];
	char out[CHUNK * 2];
	unsigned char utmp[CHUNK + 8];
	char gtmp[CHUNK + 16];
};

static int detect(const struct csv_source *src, int *bad_line)
{
	struct scratch *sc = xmalloc(sizeof *sc);
	char *buf = sc->buf, *out = sc->out;
	unsigned char carry[4];
	char graw[8];
	size_t ncarry = 0, ngraw = 0;
	int utf8_ok = 1, gbk_ok = 1, bom = -1, line = 1, utf8_bad = 0, gbk_bad = 0;
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		gbk_ok = 0;
	for (;;) {
		long n = read_at_least(src, buf, CHUNK, bom < 0 ? 3 : 1);
		if (n < 0) {
			if (cd != (iconv_t)-1)
				iconv_close(cd);
			free(sc);
			return ENC_READ_ERROR;
		}
		if (n > 0 && src->observe)
			src->observe(src->observe_arg, buf, (size_t)n);
		size_t len = (size_t)n;
		const char *p = buf;
		if (bom < 0) {
			bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0;
			if (bom) {
				p += 3;
				len -= 3;
			}
		}
		if (memchr(p, '\0', len)) {
			if (cd != (iconv_t)-1)
				iconv_close(cd);
			free(sc);
			return ENC_NUL;
		}
		if (utf8_ok) {
			/* validate carry + p without the trailing partial character */
			unsigned char *tmp = sc->utmp;
			memcpy(tmp, carry, ncarry);
			memcpy(tmp + ncarry, p, len);
			size_t all = ncarry + len;
			size_t tail = n ? utf8_tail(tmp, all) : 0;
			size_t bad;
			if (!utf8_valid((const char *)tmp, all - tail, &bad)) {
				utf8_ok = 0;
				utf8_bad = line;
				for (size_t i = 0; i < bad; i++)
					utf8_bad += tmp[i] == '\n';
			}
			ncarry = tail;
			memcpy(carry, tmp + all - tail, tail);
		}
		if (gbk_ok && !bom) {
			char *tmp = sc->gtmp;
			memcpy(tmp, graw, ngraw);
			memcpy(tmp + ngraw, p, len);
			char *in = tmp, *o;
			size_t inleft = ngraw + len, outleft;
			while (inleft > 0) {
				o = out;
				outleft = sizeof sc->out;
				if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1 || errno == E2BIG)
					continue;
				if (errno == EINVAL && n > 0 && inleft < sizeof graw)
					break;    /* a character cut by the read */
				gbk_ok = 0;
				gbk_bad = line;
				for (char *q = tmp; q < in; q++)
					gbk_bad += *q == '\n';
				break;
			}
			ngraw = gbk_ok ? inleft : 0;
			memcpy(graw, in, ngraw);
		}
		for (size_t i = 0; i < len; i++)
			line += p[i] == '\n';
		if (n == 0)
			break;
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(sc);
	if (utf8_ok)
		return bom ? ENC_UTF8_BOM : ENC_UTF8;
	if (bom) {
		*bad_line = utf8_bad;
		return ENC_NEITHER + 10;     /* BOM but not UTF-8 */
	}
	if (gbk_ok)
		return ENC_GBK;
	*bad_line = gbk_bad > utf8_bad ? gbk_bad : utf8_bad;
	return ENC_NEITHER;
}

int csv_open(struct csv_reader *r, const struct csv_source *src, const char *file, struct diag *d)
{
	memset(r, 0, sizeof *r);
	r->file = file;
	r->line = 1;
	r->src = *src;
	int bad_line = 0;
	int enc = detect(src, &bad_line);
	switch (enc) {
	case ENC_READ_ERROR:
		diag_add(d, "%s：读取文件失败", file);
		return -1;
	case ENC_NUL:
		diag_add(d, "%s：文件含有空字符，不是文本文件", file);
		return -1;
	case ENC_NEITHER:
		diag_add_at(d, bad_line, 0, "既不是有效的 UTF-8，也不是有效的 GBK 编码");
		return -1;
	case ENC_NEITHER + 10:
		diag_add_at(d, bad_line, 0, "文件以 UTF-8 标记开头，但含有无效的 UTF-8 字节");
		return -1;
	default:
		break;
	}
	if (!src->rewind || src->rewind(src->arg) != 0) {
		diag_add(d, "%s：无法重新读取文件", file);
		return -1;
	}
	r->encoding = enc == ENC_GBK ? "GBK" : "UTF-8";
	if (enc == ENC_GBK) {
		iconv_t cd = iconv_open("UTF-8", "GB18030");
		r->cd = (void *)cd;
	}
	if (enc == ENC_UTF8_BOM) {
		/* drop the BOM: it is the first three bytes */
		char bom[3];
		long got = 0;
		while (got < 3) {
			long n = src->read(src->arg, bom + got, (size_t)(3 - got));
			if (n <= 0)
				break;
			got += n;
		}
	}
	return 0;
}

int csv_open_buffer(struct csv_reader *r, struct csv_mem *m, const char *buf, size_t len,
		    const char *file, struct diag *d)
{
	struct csv_source src;
	csv_mem_source(m, buf, len, &src);
	return csv_open(r, &src, file, d);
}

void csv_close(struct csv_reader *r)
{
	if (r->cd)
		iconv_close((iconv_t)r->cd);
	free(r->buf);
	free(r->fields);
	memset(r, 0, sizeof *r);
}

/* Appends more decoded text to the window, first dropping what was
 * consumed. Returns 1 if text was added, 0 at the end, -1 on an error. */
static int refill(struct csv_reader *r)
{
	if (r->eof)
		return 0;
	if (r->pos) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	char *raw = xmalloc(CHUNK + 16);
	memcpy(raw, r->raw, r->nraw);
	long n = r->src.read(r->src.arg, raw + r->nraw, CHUNK);
	if (n < 0) {
		free(raw);
		return -1;
	}
	if (n == 0)
		r->eof = 1;
	size_t have = r->nraw + (size_t)n;
	if (r->len + have * 2 + 1 > r->cap) {
		r->cap = (r->len + have * 2 + 1) * 2;
		r->buf = xrealloc(r->buf, r->cap);
	}
	if (!r->cd) {
		memcpy(r->buf + r->len, raw, have);
		r->len += have;
		r->nraw = 0;
	} else {
		char *in = raw, *o = r->buf + r->len;
		size_t inleft = have, outleft = r->cap - r->len - 1;
		if (iconv((iconv_t)r->cd, &in, &inleft, &o, &outleft) == (size_t)-1 &&
		    !(errno == EINVAL && !r->eof && inleft < sizeof r->raw)) {
			free(raw);
			return -1;    /* checked in the first pass: the file changed */
		}
		r->len = (size_t)(o - r->buf);
		r->nraw = inleft;
		memcpy(r->raw, in, inleft);
	}
	r->buf[r->len] = '\0';
	free(raw);
	return n > 0 || r->nraw ? 1 : 0;
}

/* Where the row starting at buf[pos] ends (the index after its line end),
 * or 0 if the window does not hold all of it yet. Quoted fields may span
 * lines. At the end of the stream the rest is the row. */
static size_t row_end(const struct csv_reader *r)
{
	int quoted = 0, field_start = 1;
	for (size_t i = r->pos; i < r->len; i++) {
		char c = r->buf[i];
		if (quoted) {
			if (c == '"') {
				if (i + 1 >= r->len && !r->eof)
					return 0;   /* a doubled quote may follow */
				if (i + 1 < r->len && r->buf[i + 1] == '"')
					i++;
				else
					quoted = 0;
			}
			continue;
		}
		if (c == '"' && field_start) {
			quoted = 1;
			field_start = 0;
			continue;
		}
		field_start = c == ',';
		if (c == '\n')
			return i + 1;
		if (c == '\r') {
			if (i + 1 >= r->len && !r->eof)
				return 0;   /* a LF may follow */
			return i + 1 + (i + 1 < r->len && r->buf[i + 1] == '\n');
		}
	}
	return r->eof ? r->len : 0;
}

static void add_field(struct csv_reader *r, char *f)
{
	if (r->nf == r->fcap) {
		r->fcap = r->fcap ? r->fcap * 2 : 16;
		r->fields = xrealloc(r->fields, (size_t)r->fcap * sizeof *r->fields);
	}
	r->fields[r->nf++] = f;
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

/* Splits the row buf[pos..stop) into fields, unescaping in place. Returns
 * 0, or -1 on an unclosed quote (only possible at the end of the file). */
static int split_row(struct csv_reader *r, size_t stop, struct diag *d)
{
	char *p = r->buf + r->pos, *end = r->buf + stop;
	r->nf = 0;
	r->row_line = r->line;
	for (;;) {
		char *start = p, *w = p;
		int col = r->nf + 1;
		if (p < end && *p == '"') {
			p++;
			for (;;) {
				if (p >= end) {
					diag_add_at(d, r->row_line, col, "引号没有闭合");
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
				diag_add_at(d, r->line, col, "引号后面不能紧跟其他字符");
				r->problems++;
				while (p < end && *p != ',' && *p != '\n' && *p != '\r')
					p++;
			}
		} else {
			while (p < end && *p != ',' && *p != '\n' && *p != '\r') {
				if (*p == '"') {
					diag_add_at(d, r->line, col, "未加引号的字段中出现引号");
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
			add_field(r, w);
			break;
		}
	}
	return 0;
}

int csv_next(struct csv_reader *r, struct diag *d)
{
	for (;;) {
		size_t stop = 0;
		while ((stop = row_end(r)) == 0) {
			int rc = refill(r);
			if (rc < 0) {
				diag_add(d, "%s：读取文件失败（文件在导入时被改动？）", r->file);
				r->problems++;
				return -1;
			}
			if (rc == 0 && r->pos >= r->len)
				return 0;
		}
		if (stop <= r->pos)
			return 0;
		if (split_row(r, stop, d) != 0)
			return -1;
		r->pos = stop;
		/* blank line */
		if (r->nf == 1 && r->fields[0][0] == '\0')
			continue;
		for (int i = 0; i < r->nf; i++)
			trim(&r->fields[i]);
		if (r->nrows == 0) {
			r->ncols = r->nf;
		} else if (r->nf != r->ncols) {
			diag_add_at(d, r->row_line, 0, "有 %d 列，表头有 %d 列", r->nf, r->ncols);
			r->problems++;
		}
		/* Pad short rows so callers can index every column safely. */
		static char empty[1] = "";
		while (r->nf < r->ncols)
			add_field(r, empty);
		r->nrows++;
		return 1;
	}
}

/* A row copied out of the reader's window: the pointer array and the
 * strings in one block. */
static char **copy_row(char **f, int n)
{
	size_t size = (size_t)n * sizeof(char *);
	for (int i = 0; i < n; i++)
		size += strlen(f[i]) + 1;
	char **row = xmalloc(size);
	char *p = (char *)(row + n);
	for (int i = 0; i < n; i++) {
		size_t l = strlen(f[i]) + 1;
		memcpy(p, f[i], l);
		row[i] = p;
		p += l;
	}
	return row;
}

int csv_parse(const char *buf, size_t len, const char *file, struct csv *out, struct diag *d)
{
	memset(out, 0, sizeof *out);
	struct csv_reader r;
	struct csv_mem m;
	if (csv_open_buffer(&r, &m, buf, len, file, d) != 0)
		return -1;
	int cap = 0, rc;
	while ((rc = csv_next(&r, d)) == 1) {
		if (out->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			out->rows = xrealloc(out->rows, (size_t)cap * sizeof *out->rows);
			out->line = xrealloc(out->line, (size_t)cap * sizeof *out->line);
		}
		out->line[out->nrows] = r.row_line;
		out->rows[out->nrows++] = copy_row(r.fields, r.nf);
	}
	out->ncols = r.ncols;
	out->encoding = r.encoding;
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

int csv_header_check(char *const *header, int ncols, int line,
		     const char *const *known, struct diag *d)
{
	int bad = 0;
	if (ncols == 1 && (strchr(header[0], ';') || strchr(header[0], '\t'))) {
		diag_add_at(d, line, 0, "表头只有一列，文件似乎用分号或制表符分隔；请另存为逗号分隔的 CSV（UTF-8 或 GBK）");
		return 1;
	}
	for (int j = 0; j < ncols; j++) {
		/* Excel leaves empty columns after the last one: no name, ignored */
		int ok = header[j][0] == '\0';
		for (const char *const *k = known; *k && !ok; k++)
			ok = strcmp(header[j], *k) == 0;
		if (!ok) {
			diag_add_at(d, line, j + 1, "未知的列“%s”", header[j]);
			bad++;
		}
	}
	return bad;
}

int csv_header_dups(char *const *header, int ncols, int line,
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
						diag_add_at(d, line, j + 1, "列“%s”与第%d列“%s”重复", header[j], first + 1, header[first]);
						bad++;
					}
					break;
				}
	}
	return bad;
}

int csv_check_header(const struct csv *c, const char *const *known,
		     struct diag *d)
{
	return csv_header_check(c->rows[0], c->ncols, c->line[0], known, d);
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
