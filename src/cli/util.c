/* util.c (cli): error printing, file reading, scheme loading. */
#include "cli.h"
#include "../core/builtin.h"

#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("kaohe: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_print_diag(const struct diag *d)
{
	for (int i = 0; i < d->n; i++)
		fprintf(stderr, "%s\n", d->msgs[i]);
}

const char *errno_words(int e)
{
	switch (e) {
	case ENOENT: return "文件不存在";
	case EACCES: return "没有访问权限";
	case EISDIR: return "这是一个目录，不是文件";
	case ENOSPC: return "磁盘已满";
	case EROFS: return "文件系统只读";
	case ENOTDIR: return "路径中有一部分不是目录";
	case EMFILE:
	case ENFILE: return "打开的文件过多";
	default: return strerror(e);
	}
}

int read_file(const char *path, size_t max, char **data, size_t *len, struct diag *d)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		diag_add(d, "%s: 无法打开文件：%s", path, errno_words(errno));
		return -1;
	}
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			diag_add(d, "%s: 文件过大（超过 %zu 字节）", path, max);
			fclose(f);
			buf_free(&b);
			return -1;
		}
		buf_putn(&b, chunk, n);
	}
	int failed = ferror(f), e = errno;
	fclose(f);
	if (failed) {
		diag_add(d, "%s: 读取失败：%s", path, errno_words(e));
		buf_free(&b);
		return -1;
	}
	*len = b.len;
	*data = buf_take(&b);
	return 0;
}

struct scheme *scheme_load(const char *name_or_file, struct diag *d)
{
	for (const struct builtin_scheme *b = builtin_schemes; b->name; b++)
		if (strcmp(b->name, name_or_file) == 0)
			return scheme_parse(b->data, b->len, b->file, d);
	if (!strchr(name_or_file, '/') && !strchr(name_or_file, '.')) {
		diag_add(d, "没有名为“%s”的内置方案（kaohe scheme list 列出内置方案）",
			 name_or_file);
		return NULL;
	}
	char *data;
	size_t len;
	if (read_file(name_or_file, 8u << 20, &data, &len, d) != 0)
		return NULL;
	struct scheme *s = scheme_parse(data, len, name_or_file, d);
	free(data);
	return s;
}

char *sha256_hex(const char *data, size_t len)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)data, len);
	char *hex = xmalloc(2 * sizeof h + 1);
	sodium_bin2hex(hex, 2 * sizeof h + 1, h, sizeof h);
	return hex;
}

void cli_pad(const char *s, int width)
{
	fputs(s, stdout);
	for (int w = utf8_width(s); w < width; w++)
		putchar(' ');
}

void cli_rpad(const char *s, int width)
{
	for (int w = utf8_width(s); w < width; w++)
		putchar(' ');
	fputs(s, stdout);
}
