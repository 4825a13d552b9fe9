/* util.c: memory, growable buffers, diagnostics, UTF-8 validation. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The temporary files and directories of a backup or export being
 * written, removed (last registered first) if the process ends for want
 * of memory, so that none is left behind. */
#define OOM_FILES 8
static const char *oom_files[OOM_FILES];

void oom_remove_later(const char *path)
{
	for (int i = 0; i < OOM_FILES; i++)
		if (!oom_files[i]) {
			oom_files[i] = path;
			return;
		}
}

void oom_remove_cancel(const char *path)
{
	for (int i = 0; i < OOM_FILES; i++)
		if (oom_files[i] == path)
			oom_files[i] = NULL;
}

/* Out of memory: the message, and exit status 1 as for any failed step.
 * _exit, not abort: running out of memory is not a bug to dump core for,
 * and not exit: nothing half-done is flushed. An open SQLite transaction
 * is not committed, so the database stays as it was before the step
 * (tests/cli/test_fault.sh fails allocations one by one to show it). */
void oom(void)
{
	for (int i = OOM_FILES - 1; i >= 0; i--)
		if (oom_files[i])
			remove(oom_files[i]);
	fputs("kaohe: 内存不足，操作未完成\n", stderr);
	_exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void buf_grow(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void buf_putn(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_putn(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_putn(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	/* Format into the room there is; only when it does not fit, grow
	 * and format again. */
	buf_grow(b, 64);
	va_list ap2;
	va_copy(ap2, ap);
	size_t room = b->cap - b->len;
	int n = vsnprintf(b->p + b->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->p[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_put_json(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		} else if (*p < 0x20) {
			buf_printf(b, "\\u%04x", *p);
		} else {
			buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

const char *buf_str(struct buf *b)
{
	return b->p ? b->p : "";
}

char *buf_take(struct buf *b)
{
	char *s = b->p ? b->p : xstrdup("");
	b->p = NULL;
	b->len = b->cap = 0;
	return s;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

static void diag_vadd(struct diag *d, int row, int col, const char *fmt, va_list ap)
{
	struct buf b = {0};
	buf_vprintf(&b, fmt, ap);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->msgs = xrealloc(d->msgs, (size_t)d->cap * sizeof *d->msgs);
		d->row = xrealloc(d->row, (size_t)d->cap * sizeof *d->row);
		d->col = xrealloc(d->col, (size_t)d->cap * sizeof *d->col);
	}
	d->row[d->n] = row;
	d->col[d->n] = col;
	d->msgs[d->n++] = buf_take(&b);
}

void diag_add(struct diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, 0, 0, fmt, ap);
	va_end(ap);
}

void diag_add_at(struct diag *d, int row, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, row, col, fmt, ap);
	va_end(ap);
}

char *diag_located(const struct diag *d, int i, const char *file)
{
	struct buf b = {0};
	if (d->row[i] && d->col[i])
		buf_printf(&b, "%s:第%d行第%d列：", file, d->row[i], d->col[i]);
	else if (d->row[i])
		buf_printf(&b, "%s:第%d行：", file, d->row[i]);
	buf_puts(&b, d->msgs[i]);
	return buf_take(&b);
}

void diag_free(struct diag *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->msgs[i]);
	free(d->msgs);
	free(d->row);
	free(d->col);
	d->msgs = NULL;
	d->row = d->col = NULL;
	d->n = d->cap = 0;
}

int utf8_valid(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			goto fail;
		}
		if (i + len > n)
			goto fail;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto fail;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto fail;
		i += len;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

int utf8_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	int w = 0;
	while (*s) {
		unsigned cp;
		int len;
		if (*s < 0x80) {
			cp = *s;
			len = 1;
		} else if ((*s & 0xE0) == 0xC0) {
			cp = *s & 0x1F;
			len = 2;
		} else if ((*s & 0xF0) == 0xE0) {
			cp = *s & 0x0F;
			len = 3;
		} else {
			cp = *s & 0x07;
			len = 4;
		}
		for (int i = 1; i < len && s[i]; i++)
			cp = (cp << 6) | (s[i] & 0x3F);
		for (int i = 0; i < len && *s; i++)
			s++;
		w += (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
		     (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
		     (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
		     (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD) ? 2 : 1;
	}
	return w;
}

const char *pair_lookup(const char *const table[][2], int n, const char *s, int col)
{
	for (int i = 0; i < n; i++)
		if (strcmp(table[i][0], s) == 0 || strcmp(table[i][1], s) == 0)
			return table[i][col];
	return NULL;
}

/* errno in Chinese (the common cases): what a person sees instead of
 * the C library's English. */
const char *errno_words(int e)
{
	switch (e) {
	case ENOENT: return "文件不存在";
	case EACCES: return "没有访问权限";
	case EISDIR: return "这是一个目录，不是文件";
	case ENOSPC: return "磁盘已满";
	case EROFS: return "文件系统只读";
	case ENOTDIR: return "路径中有一部分不是目录";
	case ENAMETOOLONG: return "文件名过长";
	case EMFILE:
	case ENFILE: return "打开的文件过多";
	case EEXIST: return "文件已存在";
	case EPERM: return "不允许此操作";
	case EDQUOT: return "磁盘配额已用完";
	case EFBIG: return "文件过大";
	case ELOOP: return "符号链接层数过多";
	default: return "读写出错";
	}
}

int utf8_chars(const char *s)
{
	size_t bad;
	if (!utf8_valid(s, strlen(s), &bad))
		return -1;
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}
