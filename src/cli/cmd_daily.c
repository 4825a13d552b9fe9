/* cmd_daily.c: kaohe daily task | record | rule | list (日常考核). */
#include "args.h"
#include "cli.h"
#include "../storage/daily.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct daily_arg {
	const char *a, *b, *c, *d;
	long long task, days;
	points_t deduct, per_day;
	long long id;
};

static int do_daily_task(struct db *db, void *arg)
{
	struct daily_arg *x = arg;
	x->id = daily_task_add(db, x->a, x->b, x->c, x->d);
	return x->id < 0 ? -1 : 0;
}

int cmd_daily_task(int argc, char **argv)
{
	struct opt opts[] = {{"--target", OPT_TEXT}, {"--kind", OPT_TEXT}, {"--due", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse("daily task", argc, argv, opts, pos, 1) != 1)
		return cli_usage("daily task");
	struct daily_arg x = {pos[0], opt_get(opts, "--target")->text, opt_get(opts, "--kind")->text,
			      opt_get(opts, "--due")->text};
	int rc = cli_write_year(do_daily_task, &x);
	if (rc == EXIT_OK)
		printf("已登记日常考核任务 %lld：%s\n", x.id, pos[0]);
	return rc;
}

static int do_daily_record(struct db *db, void *arg)
{
	struct daily_arg *x = arg;
	return daily_outcome_set(db, x->task, x->a, x->b, x->days);
}

int cmd_daily_record(int argc, char **argv)
{
	struct opt opts[] = {{"--days", OPT_INT}, {NULL}};
	char *pos[3];
	if (args_parse("daily record", argc, argv, opts, pos, 3) != 3)
		return cli_usage("daily record");
	char *end;
	long long task = strtoll(pos[0], &end, 10);
	if (*end || task <= 0) {
		cli_error("任务编号“%s”须是正整数（kaohe daily list 查看）", pos[0]);
		return EXIT_USAGE;
	}
	struct daily_arg x = {pos[1], pos[2], NULL, NULL, task, opt_get(opts, "--days")->num};
	int rc = cli_write_year(do_daily_record, &x);
	if (rc == EXIT_OK)
		printf("已记录：任务 %lld %s %s\n", task, pos[1], daily_outcome_title(pos[2]));
	return rc;
}

static int do_daily_rule(struct db *db, void *arg)
{
	struct daily_arg *x = arg;
	return daily_rule_set(db, x->b, x->a, x->deduct, x->per_day);
}

int cmd_daily_rule(int argc, char **argv)
{
	struct opt opts[] = {{"--deduct", OPT_POINTS}, {"--per-day", OPT_POINTS}, {"--target", OPT_TEXT},
			     {NULL}};
	char *pos[1];
	if (args_parse("daily rule", argc, argv, opts, pos, 1) != 1 ||
	    (!opt_get(opts, "--deduct")->set && !opt_get(opts, "--per-day")->set))
		return cli_usage("daily rule");
	struct daily_arg x = {pos[0], opt_get(opts, "--target")->text};
	/* -1: keep what the year has */
	x.deduct = opt_get(opts, "--deduct")->set ? opt_get(opts, "--deduct")->points : -1;
	x.per_day = opt_get(opts, "--per-day")->set ? opt_get(opts, "--per-day")->points : -1;
	int rc = cli_write_year(do_daily_rule, &x);
	if (rc == EXIT_OK)
		printf("已设定%s的扣分\n", daily_outcome_title(pos[0]));
	return rc;
}

static int print_task(long long id, const char *title, const char *target, const char *kind,
		      const char *due, int recorded, void *arg)
{
	(void)arg;
	printf("%4lld  %s  %-8s %-8s %s（已记录 %d 个单位）\n", id, due, daily_target_title(target),
	       daily_kind_title(kind), title, recorded);
	return 0;
}

int cmd_daily_list(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("daily list", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = daily_each(db, print_task, NULL) == 0 ? EXIT_OK : cli_db_error(db);
	db_close(db);
	return rc;
}
