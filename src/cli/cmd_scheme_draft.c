/* cmd_scheme_draft.c: kaohe scheme draft TABLE.csv|TABLE.xlsx -o FILE.yaml —
 * a draft scheme from a rubric's own table (issue 11). The file is read
 * here (CSV in UTF-8 or GBK, or a workbook's first sheet through
 * xlsx_to_csv); the reading itself is the core's (draft.c). */
#include "cli.h"
#include "../core/csv.h"
#include "../core/draft.h"
#include "../report/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The file name of path without its directory and extension; caller frees. */
static char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	const char *dot = strrchr(b, '.');
	return xstrndup(b, dot && dot > b ? (size_t)(dot - b) : strlen(b));
}

/* A scheme name from the output file's name: lower-case letters, digits
 * and '-' kept, anything else dropped; "draft" if nothing is left. */
static char *scheme_name_of(const char *path)
{
	char *b = base_name(path);
	size_t k = 0;
	for (size_t i = 0; b[i]; i++) {
		char c = b[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
			b[k++] = c;
	}
	b[k] = '\0';
	if (!k) {
		free(b);
		return xstrdup("draft");
	}
	return b;
}

/* Whether name ends with ext, ignoring case. */
static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n >= e && strcasecmp(name + n - e, ext) == 0;
}

/* Writes data to path through a temporary file beside it; without force
 * an existing path is never replaced (link fails on it). 0 or -1 after
 * saying why. */
static int write_out(const char *path, const char *data, size_t len, int force)
{
	struct buf tmp = {0};
	buf_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(buf_str(&tmp), "wb");
	int ok = f && fwrite(data, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (ok && force)
		ok = rename(buf_str(&tmp), path) == 0;
	else if (ok) {
		ok = link(buf_str(&tmp), path) == 0;
		if (!ok && errno == EEXIST) {
			cli_error("%s 已存在；要覆盖请加 --force", path);
			unlink(buf_str(&tmp));
			buf_free(&tmp);
			return -1;
		}
	}
	int e = errno;
	if (!ok || !force)
		unlink(buf_str(&tmp));
	buf_free(&tmp);
	if (!ok) {
		cli_error("无法写入 %s：%s", path, errno_words(e));
		return -1;
	}
	return 0;
}

/* kaohe scheme draft: reads the table, drafts, writes -o, prints the
 * counts (items, read, marked). */
int cmd_scheme_draft(struct svc *svc, int argc, char **argv)
{
	(void)svc;
	const char *in = NULL, *out = NULL, *name = NULL, *title = NULL, *unit = "county", *unit_title = NULL;
	int force = 0;
	/* --year is a global option (main.c takes it out of argv before the
	 * command sees it, checked there) */
	long long year = cli_env.year;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;
		if (strcmp(a, "--force") == 0)
			force = 1;
		else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && more)
			out = argv[++i];
		else if (strcmp(a, "--name") == 0 && more)
			name = argv[++i];
		else if (strcmp(a, "--title") == 0 && more)
			title = argv[++i];
		else if (strcmp(a, "--unit") == 0 && more)
			unit = argv[++i];
		else if (strcmp(a, "--unit-title") == 0 && more)
			unit_title = argv[++i];
		else if (!in && a[0] != '-')
			in = a;
		else
			return cli_usage("scheme draft");
	}
	if (!in || !out)
		return cli_usage("scheme draft");
	bool builtin = strcmp(unit, "county") == 0 || strcmp(unit, "department") == 0;
	if (!builtin && !unit_kind_word_valid(unit)) {
		cli_error("--unit 须是 county（县区）、department（市直部门），或另一类单位的代码"
			  "（以小写字母开头、由小写字母、数字和连字符组成，如 school）");
		return EXIT_USAGE;
	}
	/* another kind is named in Chinese too (the scheme's unit_title) */
	if (!builtin && (!unit_title || !*unit_title)) {
		cli_error("--unit %s 须同时用 --unit-title 写明这类单位的中文名称（如 --unit-title 学校）", unit);
		return EXIT_USAGE;
	}
	if (builtin && unit_title) {
		cli_error("--unit-title 只用于县区、市直部门以外的单位类型");
		return EXIT_USAGE;
	}
	struct stat st;
	if (!force && stat(out, &st) == 0) {
		cli_error("%s 已存在；要覆盖请加 --force", out);
		return EXIT_REJECTED;
	}
	if (!year) {
		/* the year is a draft's default only: the person sets it */
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	struct diag d = {0};
	char *data = NULL;
	size_t len = 0;
	int rc = EXIT_REJECTED;
	if (read_file(in, 64u << 20, &data, &len, &d) != 0) {
		cli_print_diag(&d, NULL);
		diag_free(&d);
		return EXIT_REJECTED;
	}
	struct buf csvtext = {0};
	const char *text = data;
	size_t tlen = len;
	if (has_ext(in, ".xlsx")) {
		struct svc_error err = {0};
		char *sheet = NULL;
		if (xlsx_to_csv(data, len, &csvtext, &sheet, &err) != 0) {
			cli_error("%s：%s", in, err.message ? err.message : "无法读取工作簿");
			svc_error_clear(&err);
			free(data);
			return EXIT_REJECTED;
		}
		free(sheet);
		text = buf_str(&csvtext);
		tlen = csvtext.len;
	}
	struct csv t = {0};
	char *defname = name ? NULL : scheme_name_of(out);
	char *deftitle = title ? NULL : base_name(in);
	if (csv_parse(text, tlen, in, &t, &d) == 0) {
		struct draft_meta m = {name ? name : defname, title ? title : deftitle, unit, unit_title, (int)year};
		struct buf yaml = {0};
		struct draft_stats ds;
		if (draft_scheme(&t, in, &m, &yaml, &ds, &d) == 0 &&
		    write_out(out, buf_str(&yaml), yaml.len, force) == 0) {
			printf("共 %d 行：%d 行已识别规则，%d 行须人工核对", ds.items, ds.read, ds.marked);
			if (ds.groups_marked)
				printf("（另有 %d 个类别须核对）", ds.groups_marked);
			printf("\n已写入 %s；带 draft 的行核对后删除 draft，再运行 kaohe scheme check\n", out);
			rc = EXIT_OK;
		}
		buf_free(&yaml);
	}
	if (d.n)
		cli_print_diag(&d, NULL);
	csv_free(&t);
	diag_free(&d);
	free(defname);
	free(deftitle);
	buf_free(&csvtext);
	free(data);
	return rc;
}
