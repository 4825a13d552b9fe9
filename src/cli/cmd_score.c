/* cmd_score.c: kaohe score set | set-many | clear | import. */
#include "args.h"
#include "cli.h"
#include "../core/rule.h"

#include <stdio.h>
#include <stdlib.h>

#define FINDING_OPTS {"--count", OPT_INT}, {"--conditions", OPT_TEXT}, {"--deduct", OPT_POINTS}, \
	{"--score", OPT_POINTS}, {"--na", OPT_FLAG}, {"--note", OPT_TEXT}, {NULL}

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
	if (forms != 1) {
		cli_error("须恰好使用 --count、--conditions、--deduct、--score、--na 之一");
		return cli_usage(cmd);
	}
	return 0;
}

int cmd_score_set(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {FINDING_OPTS};
	char *pos[2];
	if (args_parse(argc, argv, opts, pos, 2) != 2)
		return cli_usage("score set");
	struct finding f;
	int rc = finding_of(opts, pos[1], "score set", &f);
	if (rc != 0)
		return rc;
	if (svc_score_set(s, pos[0], &f) != 0)
		return cli_fail(s, NULL);
	char *d = finding_describe(NULL, &f);
	printf("已记录：%s %s %s\n", pos[0], pos[1], d);
	free(d);
	return EXIT_OK;
}

int cmd_score_set_many(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {FINDING_OPTS};
	char *pos[257];
	int n = args_parse(argc, argv, opts, pos, 257);
	if (n < 2)
		return cli_usage("score set-many");
	struct finding f;
	int rc = finding_of(opts, pos[0], "score set-many", &f);
	if (rc != 0)
		return rc;
	if (svc_score_set_many(s, pos + 1, n - 1, &f) != 0)
		return cli_fail(s, NULL);
	char *d = finding_describe(NULL, &f);
	printf("已为 %d 个单位记录：%s %s\n", n - 1, pos[0], d);
	free(d);
	return EXIT_OK;
}

int cmd_score_clear(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[2];
	int n = args_parse(argc, argv, opts, pos, 2);
	if (n < 1)
		return cli_usage("score clear");
	if (svc_score_clear(s, pos[0], n > 1 ? pos[1] : NULL) != 0)
		return cli_fail(s, NULL);
	printf("已删除评分记录：%s%s%s\n", pos[0], n > 1 ? " " : "", n > 1 ? pos[1] : "");
	return EXIT_OK;
}

int cmd_score_import(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("score import");
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
	printf("已导入 %lld 行（%s 编码）\n", rep.rows, rep.encoding);
	if (rep.replaced)
		printf("其中 %lld 行覆盖了原有评分（原值见 kaohe audit）\n", rep.replaced);
	if (rep.unchanged)
		printf("其中 %lld 行与原有评分相同，未改动\n", rep.unchanged);
	return EXIT_OK;
}
