/* cmd_score.c: kaohe score set | set-many | clear | import (a CSV, or a
 * filled scoring workbook: kaohe template xlsx). */
#include "args.h"
#include "cli.h"
#include "../core/rule.h"
#include "../report/xlsx_in.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FINDING_OPTS {"--count", OPT_INT}, {"--conditions", OPT_TEXT}, {"--deduct", OPT_POINTS}, \
	{"--score", OPT_POINTS}, {"--na", OPT_FLAG}, {"--figures", OPT_TEXT}, {"--note", OPT_TEXT}, {NULL}

/* The one input form given in opts as a finding for code; 0, or an exit
 * status after saying what is wrong. */
static int finding_of(struct opt *opts, const char *code, const char *cmd, struct finding *f)
{
	*f = (struct finding){.code = code, .note = opt_get(opts, "--note")->text};
	int forms = 0;
	if (opt_get(opts, "--count")->set) {
		f->form = INPUT_COUNT;
		f->count = opt_get(opts, "--count")->num;
		forms++;
	}
	if (opt_get(opts, "--conditions")->set) {
		f->form = INPUT_CONDITIONS;
		if (conditions_parse(opt_get(opts, "--conditions")->text, &f->conditions) != 0) {
			cli_error("--conditions 须是情形编号列表，如 1,3（没有所列情形写 0）");
			return EXIT_USAGE;
		}
		forms++;
	}
	if (opt_get(opts, "--deduct")->set) {
		f->form = INPUT_DEDUCT;
		f->amount = opt_get(opts, "--deduct")->points;
		forms++;
	}
	if (opt_get(opts, "--score")->set) {
		f->form = INPUT_SCORE;
		f->amount = opt_get(opts, "--score")->points;
		forms++;
	}
	if (opt_get(opts, "--na")->set) {
		f->form = INPUT_NA;
		forms++;
	}
	/* the figures' text is read by the core (figures.h), with the item */
	if (opt_get(opts, "--figures")->set) {
		f->form = INPUT_FIGURES;
		f->figures = opt_get(opts, "--figures")->text;
		forms++;
	}
	if (forms != 1) {
		cli_error("须恰好使用 --count、--conditions、--deduct、--score、--na、--figures 之一");
		return cli_usage(cmd);
	}
	return 0;
}

/* The --period given, or NULL; an empty one (an unset shell variable) is
 * refused, not taken for the year. 0, or EXIT_USAGE after saying so. */
static int period_text(struct opt *opts, const char **out)
{
	*out = opt_get(opts, "--period")->text;
	if (*out && !**out) {
		cli_error("--period 不能为空（按年度考核的方案不写 --period）");
		return EXIT_USAGE;
	}
	return 0;
}

int cmd_score_set(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--period", OPT_TEXT}, FINDING_OPTS};
	char *pos[2];
	if (args_parse(argc, argv, opts, pos, 2) != 2)
		return cli_usage("score set");
	struct finding f;
	int rc = finding_of(opts, pos[1], "score set", &f);
	if (rc != 0)
		return rc;
	const char *period;
	if (period_text(opts, &period) != 0)
		return EXIT_USAGE;
	if ((period && svc_period(s, pos[0], period, &f.period) != 0) || svc_score_set(s, pos[0], &f) != 0)
		return cli_fail(s, NULL);
	char *d = finding_describe(NULL, &f);
	printf("已记录：%s%s%s %s %s\n", pos[0], period ? " 期间 " : "", period ? period : "", pos[1], d);
	free(d);
	return EXIT_OK;
}

int cmd_score_set_many(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--period", OPT_TEXT}, FINDING_OPTS};
	char *pos[257];
	int n = args_parse(argc, argv, opts, pos, 257);
	if (n < 2)
		return cli_usage("score set-many");
	struct finding f;
	int rc = finding_of(opts, pos[0], "score set-many", &f);
	if (rc != 0)
		return rc;
	/* the period is read against the first unit's scheme; the service
	   refuses units of another scheme */
	const char *period;
	if (period_text(opts, &period) != 0)
		return EXIT_USAGE;
	if ((period && svc_period(s, pos[1], period, &f.period) != 0) || svc_score_set_many(s, pos + 1, n - 1, &f) != 0)
		return cli_fail(s, NULL);
	char *d = finding_describe(NULL, &f);
	printf("已为 %d 个单位记录：%s %s\n", n - 1, pos[0], d);
	free(d);
	return EXIT_OK;
}

int cmd_score_clear(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--period", OPT_TEXT}, {NULL}};
	char *pos[2];
	int n = args_parse(argc, argv, opts, pos, 2);
	if (n < 1)
		return cli_usage("score clear");
	const char *ptext;
	if (period_text(opts, &ptext) != 0)
		return EXIT_USAGE;
	int period = 0;
	if ((ptext && svc_period(s, pos[0], ptext, &period) != 0) ||
	    svc_score_clear_period(s, pos[0], period, n > 1 ? pos[1] : NULL) != 0)
		return cli_fail(s, NULL);
	printf("已删除评分记录：%s%s%s%s%s\n", pos[0], ptext ? " 期间 " : "", ptext ? ptext : "",
	       n > 1 ? " " : "", n > 1 ? pos[1] : "");
	return EXIT_OK;
}

/* What an import did, in words (from: the workbook's sheet, or NULL). */
static void imported(const struct svc_import_report *rep, const char *from)
{
	if (from)
		printf("已从 %s导入 %lld 行\n", from, rep->rows);
	else
		printf("已导入 %lld 行（%s 编码）\n", rep->rows, rep->encoding);
	if (rep->replaced)
		printf("其中 %lld 行覆盖了原有评分（原值见 kaohe audit）\n", rep->replaced);
	if (rep->unchanged)
		printf("其中 %lld 行与原有评分相同，未改动\n", rep->unchanged);
}

/* Whether the file is to be read as a workbook: it begins as a ZIP
 * archive (whatever its name), or its name says Excel (then the reader
 * says what it is instead); -1 if it cannot be read (said). */
static int is_workbook(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		cli_error("%s: 无法打开文件：%s", path, errno_words(errno));
		return -1;
	}
	char head[4];
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	const char *dot = strrchr(path, '.');
	return xlsx_is_zip(head, n) ||
	       (dot && (strcasecmp(dot, ".xlsx") == 0 || strcasecmp(dot, ".xlsm") == 0 || strcasecmp(dot, ".xls") == 0));
}

/* A filled workbook: its findings sheet, every problem at its sheet, row
 * and column. */
static int import_workbook(struct svc *s, const char *path)
{
	struct diag d = {0};
	char *data;
	size_t len;
	if (read_file(path, (size_t)XLSX_MAX_BYTES, &data, &len, &d) != 0) {
		cli_print_diag(&d, NULL);
		diag_free(&d);
		cli_error("导入失败，数据库未作任何改动");
		return EXIT_REJECTED;
	}
	struct svc_import_report rep;
	struct svc_error err = {0};
	char *label;
	int rc = report_score_import_xlsx(s, data, len, path, &label, &rep, &err);
	free(data);
	if (rc != 0) {
		for (int i = 0; i < err.problems.n; i++) {
			char *m = xlsx_located(&err.problems, i, label ? label : path);
			fprintf(stderr, "%s\n", m);
			free(m);
		}
		diag_free(&err.problems);
		cli_error_of(&err, NULL);
		svc_error_clear(&err);
		free(label);
		return EXIT_REJECTED;
	}
	imported(&rep, label);
	free(label);
	return EXIT_OK;
}

int cmd_score_import(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("score import");
	int zip = is_workbook(pos[0]);
	if (zip < 0) {
		cli_error("导入失败，数据库未作任何改动");
		return EXIT_REJECTED;
	}
	if (zip)
		return import_workbook(s, pos[0]);
	struct csv_source src;
	struct cli_file *f = cli_file_source(pos[0], &src);
	if (!f) {
		cli_error("导入失败，数据库未作任何改动");
		return EXIT_REJECTED;
	}
	struct svc_import_report rep;
	int rc = svc_score_import(s, &src, pos[0], &rep);
	cli_file_close(f);
	if (rc != 0)
		return cli_fail(s, pos[0]);
	imported(&rep, NULL);
	return EXIT_OK;
}
