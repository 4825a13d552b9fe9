/* cmd_event.c: accidents, the industry table and veto causes. */
#include "args.h"
#include "cli.h"
#include "../storage/events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct accident_arg {
	struct accident_rec a;
	struct buf report;
};

static int do_accident(struct db *db, void *arg)
{
	struct accident_arg *x = arg;
	return accident_add(db, &x->a, &x->report);
}

int cmd_accident_add(int argc, char **argv)
{
	struct opt opts[] = {{"--unit", OPT_TEXT}, {"--date", OPT_TEXT}, {"--deaths", OPT_INT},
			     {"--injuries", OPT_INT}, {"--loss", OPT_INT}, {"--industry", OPT_TEXT},
			     {"--concealed", OPT_FLAG}, {"--false-report", OPT_FLAG}, {"--omitted", OPT_FLAG},
			     {"--misreported-by", OPT_TEXT}, {"--occupational", OPT_FLAG}, {"--grade", OPT_TEXT},
			     {"--note", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse("accident add", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	static const char *const required[] = {"--unit", "--date", "--deaths", "--injuries", "--loss"};
	for (int i = 0; i < 5; i++)
		if (!opt_get(opts, required[i])->set) {
			cli_error("须写明 %s（死亡、重伤人数和直接经济损失没有的写 0）", required[i]);
			return cli_usage("accident add");
		}
	struct accident_arg x = {0};
	snprintf(x.a.county, sizeof x.a.county, "%s", opt_get(opts, "--unit")->text);
	snprintf(x.a.date, sizeof x.a.date, "%s", opt_get(opts, "--date")->text);
	x.a.deaths = opt_get(opts, "--deaths")->num;
	x.a.injuries = opt_get(opts, "--injuries")->num;
	x.a.loss = opt_get(opts, "--loss")->num;
	if (opt_get(opts, "--industry")->set)
		snprintf(x.a.industry, sizeof x.a.industry, "%s", opt_get(opts, "--industry")->text);
	x.a.concealed = opt_get(opts, "--concealed")->set;
	x.a.false_report = opt_get(opts, "--false-report")->set;
	x.a.omitted = opt_get(opts, "--omitted")->set;
	if (opt_get(opts, "--note")->set)
		snprintf(x.a.note, sizeof x.a.note, "%s", opt_get(opts, "--note")->text);
	if (opt_get(opts, "--misreported-by")->set)
		snprintf(x.a.misreported_by, sizeof x.a.misreported_by, "%s",
			 opt_get(opts, "--misreported-by")->text);
	x.a.occupational = opt_get(opts, "--occupational")->set;
	if (opt_get(opts, "--grade")->set)
		snprintf(x.a.grade, sizeof x.a.grade, "%s", opt_get(opts, "--grade")->text);
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = cli_write(db, do_accident, &x);
	if (rc == EXIT_OK)
		printf("已记录事故：%s", buf_str(&x.report));
	buf_free(&x.report);
	db_close(db);
	return rc;
}

static int print_accident(const struct accident_rec *a, void *arg)
{
	(void)arg;
	printf("%4lld  %s  %s  %s%s事故%s  死亡 %lld  重伤 %lld  损失 %lld 元", a->id, a->date, a->county,
	       accident_grade_name(accident_rec_grade(a)), a->occupational ? "职业病危害" : "",
	       a->grade[0] ? "（调查认定）" : "", a->deaths, a->injuries, a->loss);
	if (a->industry[0])
		printf("  %s（%s）", a->industry, a->department[0] ? a->department : "无监管部门");
	if (a->concealed || a->false_report || a->omitted)
		printf("  %s%s", a->misreported_by[0] ? a->misreported_by : a->county,
		       a->concealed ? "瞒报" : a->false_report ? "谎报" : "漏报");
	if (a->note[0])
		printf("  %s", a->note);
	putchar('\n');
	return 0;
}

int cmd_accident_list(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("accident list", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = accident_each(db, print_accident, NULL) == 0 ? EXIT_OK : cli_db_error(db);
	db_close(db);
	return rc;
}

int cmd_accident_import(int argc, char **argv)
{
	return cli_import_csv("accident import", argc, argv, accident_import);
}

struct remove_arg {
	long long id;
	const char *reason;
	int (*fn)(struct db *, long long, const char *);
};

static int do_remove(struct db *db, void *arg)
{
	struct remove_arg *a = arg;
	return a->fn(db, a->id, a->reason);
}

/* accident remove ID --reason T, veto remove ID --reason T */
static int remove_cmd(const char *cmd, int argc, char **argv,
		      int (*fn)(struct db *, long long, const char *))
{
	struct opt opts[] = {{"--reason", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(cmd, argc, argv, opts, pos, 1) != 1)
		return cli_usage(cmd);
	char *end;
	long long id = strtoll(pos[0], &end, 10);
	if (*end || id <= 0) {
		cli_error("编号“%s”须是正整数", pos[0]);
		return EXIT_USAGE;
	}
	struct remove_arg a = {id, opt_get(opts, "--reason")->text, fn};
	int rc = cli_write_year(do_remove, &a);
	if (rc == EXIT_OK)
		printf("已删除编号 %lld 的记录（原因已记录）\n", id);
	return rc;
}

int cmd_accident_remove(int argc, char **argv)
{
	return remove_cmd("accident remove", argc, argv, accident_remove);
}

int cmd_veto_remove(int argc, char **argv)
{
	return remove_cmd("veto remove", argc, argv, veto_remove);
}

static int print_veto(long long id, const char *unit, const char *cause, const char *reason, void *arg)
{
	(void)arg;
	printf("%4lld  %s  %s  理由：%s\n", id, unit, veto_flag_title((enum veto_flag)veto_flag_parse(cause)),
	       reason);
	return 0;
}

int cmd_veto_list(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("veto list", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = veto_each(db, print_veto, NULL) == 0 ? EXIT_OK : cli_db_error(db);
	db_close(db);
	return rc;
}

struct industry_arg {
	const char *industry, *department;
};

static int do_industry(struct db *db, void *arg)
{
	struct industry_arg *a = arg;
	return industry_set(db, a->industry, a->department);
}

int cmd_industry_set(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[2];
	if (args_parse("industry set", argc, argv, opts, pos, 2) != 2)
		return cli_usage("industry set");
	struct industry_arg a = {pos[0], pos[1]};
	int rc = cli_write_year(do_industry, &a);
	if (rc == EXIT_OK)
		printf("已设定：%s 行业的事故计入 %s\n", pos[0], pos[1]);
	return rc;
}

static int print_industry(const char *industry, const char *department, bool registered, void *arg)
{
	(void)arg;
	cli_pad(industry, 16);
	printf("%s%s\n", department, registered ? "" : "（未登记为市直部门）");
	return 0;
}

int cmd_industry_list(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("industry list", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = industry_each(db, print_industry, NULL) == 0 ? EXIT_OK : cli_db_error(db);
	db_close(db);
	return rc;
}

struct veto_arg {
	const char *unit, *cause, *reason;
};

static int do_veto(struct db *db, void *arg)
{
	struct veto_arg *v = arg;
	return veto_add(db, v->unit, v->cause, v->reason);
}

int cmd_veto_add(int argc, char **argv)
{
	struct opt opts[] = {{"--cause", OPT_TEXT}, {"--reason", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse("veto add", argc, argv, opts, pos, 1) != 1 || !opt_get(opts, "--cause")->set)
		return cli_usage("veto add");
	struct veto_arg v = {pos[0], opt_get(opts, "--cause")->text, opt_get(opts, "--reason")->text};
	int rc = cli_write_year(do_veto, &v);
	if (rc == EXIT_OK)
		printf("已记录否决原因：%s\n", pos[0]);
	return rc;
}
