/* cmd_daily.c: kaohe daily task | record | rule | list (日常考核). */
#include "args.h"
#include "cli.h"
#include "../core/daily.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_daily_task(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--target", OPT_TEXT}, {"--kind", OPT_TEXT}, {"--due", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("daily task");
	long long id = svc_daily_task(s, pos[0], opt_get(opts, "--target")->text,
				      opt_get(opts, "--kind")->text, opt_get(opts, "--due")->text);
	if (id < 0)
		return cli_fail(s, NULL);
	printf("已登记日常考核任务 %lld：%s\n", id, pos[0]);
	return EXIT_OK;
}

int cmd_daily_record(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--days", OPT_INT}, {NULL}};
	char *pos[3];
	if (args_parse(argc, argv, opts, pos, 3) != 3)
		return cli_usage("daily record");
	long long task = cli_number(pos[0], "任务编号", "kaohe daily list");
	if (task < 0)
		return EXIT_USAGE;
	if (svc_daily_record(s, task, pos[1], pos[2], opt_get(opts, "--days")->num) != 0)
		return cli_fail(s, NULL);
	printf("已记录：任务 %lld %s %s\n", task, pos[1], daily_outcome_title_of(daily_outcome_parse(pos[2])));
	return EXIT_OK;
}

int cmd_daily_rule(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--deduct", OPT_POINTS}, {"--per-day", OPT_POINTS}, {"--target", OPT_TEXT},
			     {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1 ||
	    (!opt_get(opts, "--deduct")->set && !opt_get(opts, "--per-day")->set))
		return cli_usage("daily rule");
	/* -1: keep what the year has */
	points_t deduct = opt_get(opts, "--deduct")->set ? opt_get(opts, "--deduct")->points : -1;
	points_t per_day = opt_get(opts, "--per-day")->set ? opt_get(opts, "--per-day")->points : -1;
	if (svc_daily_rule(s, opt_get(opts, "--target")->text, pos[0], deduct, per_day) != 0)
		return cli_fail(s, NULL);
	printf("已设定%s的扣分\n", daily_outcome_title_of(daily_outcome_parse(pos[0])));
	return EXIT_OK;
}

int cmd_daily_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("daily list");
	struct daily_task *t;
	int n;
	if (svc_daily_list(s, &t, &n) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < n; i++)
		printf("%4lld  %s  %-8s %-8s %s（已记录 %d 个单位）\n", t[i].id, t[i].due,
		       daily_target_title_of(t[i].target), daily_kind_title_of(t[i].kind), t[i].title,
		       t[i].recorded);
	daily_list_free(t, n);
	return EXIT_OK;
}
