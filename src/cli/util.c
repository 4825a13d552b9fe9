/* util.c (cli): printing errors and aligned text, reading files, loading
 * schemes. */
#include "cli.h"
#include "../core/numtext.h"
#include "../core/builtin.h"
#include "../render/render.h"

#include <errno.h>
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

void cli_print_diag(const struct diag *d, const char *file)
{
	for (int i = 0; i < d->n; i++) {
		char *m = diag_located(d, i, file ? file : "");
		fprintf(stderr, "%s\n", m);
		free(m);
	}
}

/* The command that does what an error says to do next. */
static const char *next_command(enum svc_next n)
{
	switch (n) {
	case SVC_NEXT_COMPUTE: return "（运行 kaohe compute）";
	case SVC_NEXT_REOPEN: return "（kaohe reopen --reason 原因）";
	case SVC_NEXT_INIT: return "（kaohe init --year 年度）";
	case SVC_NEXT_OVERWRITE: return "（确要覆盖，加 --force）";
	case SVC_NEXT_SIGN: return "（kaohe approve --key 密钥文件）";
	case SVC_NEXT_KEY_NEW: return "（先运行 kaohe key new -o 密钥文件）";
	default: return "";
	}
}

void cli_error_of(const struct svc_error *e, const char *file)
{
	cli_print_diag(&e->problems, file);
	cli_error("%s%s", e->message ? e->message : "操作失败", next_command(e->next));
}

int cli_fail(struct svc *s, const char *file)
{
	cli_error_of(svc_err(s), file);
	return EXIT_REJECTED;
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

struct cli_file {
	FILE *f;
};

static long file_read(void *arg, char *buf, size_t n)
{
	struct cli_file *c = arg;
	size_t k = fread(buf, 1, n, c->f);
	return k == 0 && ferror(c->f) ? -1 : (long)k;
}

static int file_rewind(void *arg)
{
	struct cli_file *c = arg;
	return fseek(c->f, 0, SEEK_SET);
}

struct cli_file *cli_file_source(const char *path, struct csv_source *src)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		cli_error("%s: 无法打开文件：%s", path, errno_words(errno));
		return NULL;
	}
	struct cli_file *c = xmalloc(sizeof *c);
	c->f = f;
	memset(src, 0, sizeof *src);
	src->read = file_read;
	src->rewind = file_rewind;
	src->arg = c;
	return c;
}

void cli_file_close(struct cli_file *c)
{
	if (!c)
		return;
	fclose(c->f);
	free(c);
}

struct scheme *scheme_load(const char *name_or_file, struct diag *d)
{
	for (const struct builtin_scheme *b = builtin_schemes; b->name; b++)
		if (strcmp(b->name, name_or_file) == 0)
			return scheme_parse(b->data, b->len, b->file, d);
	if (!strchr(name_or_file, '/') && !strchr(name_or_file, '.')) {
		diag_add(d, "没有名为“%s”的内置方案（kaohe scheme list 列出内置方案）", name_or_file);
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

long long cli_number(const char *text, const char *what, const char *listed_by)
{
	long long n = 0;
	int rc = numtext_count(text, &n);
	if (rc == -2) {
		cli_error("%s“%s”太大", what, text);
		return -1;
	}
	if (rc != 0 || n <= 0) {
		cli_error("%s“%s”须是正整数%s%s%s", what, text, listed_by ? "（" : "", listed_by ? listed_by : "",
			  listed_by ? " 查看）" : "");
		return -1;
	}
	return n;
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

const char *grade_or_dash(const struct scheme *grading, enum grade g)
{
	return g == GRADE_NONE ? "—" : scheme_grade_name(grading, g);
}

void cli_print_json(struct cJSON *j)
{
	char *text = cJSON_Print(j);
	puts(text ? text : "null");
	free(text);
	cJSON_Delete(j);
}
