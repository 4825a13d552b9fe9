/* cmd_event.c: accidents, the industry table and veto causes. */
#include "args.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *opt_dup(struct opt *opts, const char *name)
{
	return opt_get(opts, name)->set ? xstrdup(opt_get(opts, name)->text) : NULL;
}

int cmd_accident_add(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--unit", OPT_TEXT}, {"--date", OPT_TEXT}, {"--deaths", OPT_INT},
			     {"--injuries", OPT_INT}, {"--loss", OPT_INT}, {"--industry", OPT_TEXT},
			     {"--concealed", OPT_FLAG}, {"--false-report", OPT_FLAG}, {"--omitted", OPT_FLAG},
			     {"--misreported-by", OPT_TEXT}, {"--occupational", OPT_FLAG}, {"--grade", OPT_TEXT},
			     {"--note", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("accident add");
	static const char *const required[] = {"--unit", "--date", "--deaths", "--injuries", "--loss"};
	for (int i = 0; i < 5; i++)
		if (!opt_get(opts, required[i])->set) {
			cli_error("须写明 %s（死亡、重伤人数和直接经济损失没有的写 0）", required[i]);
			return cli_usage("accident add");
		}
	struct accident_rec a = {
		.county = opt_dup(opts, "--unit"), .date = opt_dup(opts, "--date"),
		.deaths = opt_get(opts, "--deaths")->num, .injuries = opt_get(opts, "--injuries")->num,
		.loss = opt_get(opts, "--loss")->num, .industry = opt_dup(opts, "--industry"),
		.concealed = opt_get(opts, "--concealed")->set,
		.false_report = opt_get(opts, "--false-report")->set,
		.omitted = opt_get(opts, "--omitted")->set, .misreported_by = opt_dup(opts, "--misreported-by"),
		.occupational = opt_get(opts, "--occupational")->set, .grade = opt_dup(opts, "--grade"),
		.note = opt_dup(opts, "--note"),
	};
	int rc = EXIT_OK;
	if (svc_accident_add(s, &a) != 0) {
		rc = cli_fail(s, NULL);
	} else {
		char *what = accident_describe(&a);
		printf("已记录事故：%s：%s；计入 %s", a.county, what, a.county);
		free(what);
		if (a.department && a.department_registered)
			printf(" 和 %s", a.department);
		else if (a.department)
			printf("；注意：行业“%s”的监管部门“%s”未登记为市直部门，事故未计入任何部门"
			       "（用 kaohe industry set %s 部门名称 更正）", a.industry, a.department, a.industry);
		if (a.concealed || a.false_report || a.omitted)
			printf("；%s受优秀否决（瞒报、谎报、漏报）", a.misreported_by ? a.misreported_by : a.county);
		putchar('\n');
	}
	accident_rec_clear(&a);
	return rc;
}

int cmd_accident_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("accident list");
	struct accident_rec *a;
	int n;
	if (svc_accident_list(s, &a, &n) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < n; i++) {
		printf("%4lld  %s  %s  %s%s事故%s  死亡 %lld  重伤 %lld  损失 %lld 元", a[i].id, a[i].date,
		       a[i].county, accident_grade_name(accident_rec_grade(&a[i])),
		       a[i].occupational ? "职业病危害" : "", a[i].grade ? "（调查认定）" : "", a[i].deaths,
		       a[i].injuries, a[i].loss);
		if (a[i].industry)
			printf("  %s（%s）", a[i].industry, a[i].department ? a[i].department : "无监管部门");
		if (a[i].concealed || a[i].false_report || a[i].omitted)
			printf("  %s%s", a[i].misreported_by ? a[i].misreported_by : a[i].county,
			       a[i].concealed ? "瞒报" : a[i].false_report ? "谎报" : "漏报");
		if (a[i].note)
			printf("  %s", a[i].note);
		putchar('\n');
	}
	accident_list_free(a, n);
	return EXIT_OK;
}

int cmd_accident_import(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("accident import");
	struct csv_source src;
	struct cli_file *f = cli_file_source(pos[0], &src);
	if (!f)
		return EXIT_REJECTED;
	long long rows;
	int rc = svc_accident_import(s, &src, pos[0], &rows);
	cli_file_close(f);
	if (rc != 0)
		return cli_fail(s, pos[0]);
	printf("已导入 %lld 行\n", rows);
	return EXIT_OK;
}

/* accident remove ID --reason T, veto remove ID --reason T */
static int remove_cmd(struct svc *s, const char *cmd, int argc, char **argv,
		      int (*fn)(struct svc *, long long, const char *))
{
	struct opt opts[] = {{"--reason", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage(cmd);
	long long id = cli_number(pos[0], "编号", NULL);
	if (id < 0)
		return EXIT_USAGE;
	if (fn(s, id, opt_get(opts, "--reason")->text) != 0)
		return cli_fail(s, NULL);
	printf("已删除编号 %lld 的记录（原因已记录）\n", id);
	return EXIT_OK;
}

int cmd_accident_remove(struct svc *s, int argc, char **argv)
{
	return remove_cmd(s, "accident remove", argc, argv, svc_accident_remove);
}

int cmd_veto_remove(struct svc *s, int argc, char **argv)
{
	return remove_cmd(s, "veto remove", argc, argv, svc_veto_remove);
}

int cmd_veto_add(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--cause", OPT_TEXT}, {"--reason", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1 || !opt_get(opts, "--cause")->set)
		return cli_usage("veto add");
	if (svc_veto_add(s, pos[0], opt_get(opts, "--cause")->text, opt_get(opts, "--reason")->text) != 0)
		return cli_fail(s, NULL);
	printf("已记录否决原因：%s\n", pos[0]);
	return EXIT_OK;
}

int cmd_veto_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("veto list");
	struct veto_row *v;
	int n;
	if (svc_veto_list(s, &v, &n) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < n; i++)
		printf("%4lld  %s  %s  理由：%s\n", v[i].id, v[i].unit,
		       veto_flag_title((enum veto_flag)veto_flag_parse(v[i].cause)), v[i].reason);
	veto_list_free(v, n);
	return EXIT_OK;
}

int cmd_industry_set(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[2];
	if (args_parse(argc, argv, opts, pos, 2) != 2)
		return cli_usage("industry set");
	if (svc_industry_set(s, pos[0], pos[1]) != 0)
		return cli_fail(s, NULL);
	printf("已设定：%s 行业的事故计入 %s\n", pos[0], pos[1]);
	return EXIT_OK;
}

int cmd_industry_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("industry list");
	struct industry_row *r;
	int n;
	if (svc_industry_list(s, &r, &n) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < n; i++) {
		cli_pad(r[i].industry, 16);
		printf("%s%s\n", r[i].department, r[i].registered ? "" : "（未登记为市直部门）");
	}
	industry_list_free(r, n);
	return EXIT_OK;
}
