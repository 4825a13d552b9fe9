/* cmd_record.c: what the teams and the office record: spot checks,
 * findings, accidents, veto causes, daily assessment. */
#include "args.h"
#include "cli.h"
#include "../core/csv.h"
#include "../storage/daily.h"
#include "../storage/events.h"
#include "../storage/finding.h"
#include "../storage/spot_check.h"
#include "../storage/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct draw_arg {
	const char *county;
	bool has_seed;
	uint64_t seed;
	struct spot_counts counts;
	char **units;
	int n;
	struct buf report;
};

static int do_draw(struct db *db, void *arg)
{
	struct draw_arg *a = arg;
	return spot_draw(db, a->county, a->has_seed, a->seed, a->counts, &a->report);
}

int cmd_sample_draw(int argc, char **argv)
{
	struct opt opts[] = {{"--seed", OPT_INT}, {"--towns", OPT_INT}, {"--departments", OPT_INT},
			     {"--enterprises", OPT_INT}, {NULL}};
	char *pos[1];
	if (args_parse("sample draw", argc, argv, opts, pos, 1) != 1)
		return cli_usage("sample draw");
	struct draw_arg a = {.county = pos[0], .counts = {-1, -1, -1}};
	if (opt_get(opts, "--seed")->set) {
		if (opt_get(opts, "--seed")->num < 0) {
			cli_error("种子须是非负整数");
			return EXIT_USAGE;
		}
		a.has_seed = true;
		a.seed = (uint64_t)opt_get(opts, "--seed")->num;
	}
	const char *names[3] = {"--towns", "--departments", "--enterprises"};
	int *vals[3] = {&a.counts.towns, &a.counts.departments, &a.counts.enterprises};
	for (int i = 0; i < 3; i++)
		if (opt_get(opts, names[i])->set) {
			long long v = opt_get(opts, names[i])->num;
			*vals[i] = v < 0 ? 0 : v > 1000 ? 1000 : (int)v;
		}
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = cli_write(db, do_draw, &a);
	if (rc == EXIT_OK)
		fputs(buf_str(&a.report), stdout);
	buf_free(&a.report);
	db_close(db);
	return rc;
}

static int do_set(struct db *db, void *arg)
{
	struct draw_arg *a = arg;
	return spot_set(db, a->county, a->units, a->n, &a->report);
}

int cmd_sample_set(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[17];
	int n = args_parse("sample set", argc, argv, opts, pos, 17);
	if (n < 2)
		return cli_usage("sample set");
	struct draw_arg a = {.county = pos[0], .units = pos + 1, .n = n - 1};
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = cli_write(db, do_set, &a);
	if (rc == EXIT_OK)
		fputs(buf_str(&a.report), stdout);
	buf_free(&a.report);
	db_close(db);
	return rc;
}

static int print_sample(const char *county, const char *unit, const char *kind, void *arg)
{
	(void)arg;
	printf("%s\t%s\t%s\n", county, unit_kind_title(kind), unit);
	return 0;
}

int cmd_sample_list(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	int n = args_parse("sample list", argc, argv, opts, pos, 1);
	if (n < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = spot_each(db, n ? pos[0] : NULL, print_sample, NULL) == 0 ? EXIT_OK : cli_db_error(db);
	db_close(db);
	return rc;
}

struct score_arg {
	const char *unit;
	struct finding f;
};

static int do_score(struct db *db, void *arg)
{
	struct score_arg *a = arg;
	return finding_set(db, a->unit, &a->f);
}

int cmd_score_set(int argc, char **argv)
{
	struct opt opts[] = {{"--count", OPT_INT}, {"--conditions", OPT_TEXT}, {"--deduct", OPT_POINTS},
			     {"--score", OPT_POINTS}, {"--na", OPT_FLAG}, {"--note", OPT_TEXT}, {NULL}};
	char *pos[2];
	if (args_parse("score set", argc, argv, opts, pos, 2) != 2)
		return cli_usage("score set");
	struct score_arg a = {pos[0], {.code = pos[1], .note = opt_get(opts, "--note")->text}};
	int forms = 0;
	if (opt_get(opts, "--count")->set) {
		a.f.form = INPUT_COUNT;
		a.f.count = opt_get(opts, "--count")->num;
		forms++;
	}
	if (opt_get(opts, "--conditions")->set) {
		a.f.form = INPUT_CONDITIONS;
		if (conditions_parse(opt_get(opts, "--conditions")->text, &a.f.conditions) != 0) {
			cli_error("--conditions 须是情形编号列表，如 1,3");
			return EXIT_USAGE;
		}
		forms++;
	}
	if (opt_get(opts, "--deduct")->set) {
		a.f.form = INPUT_DEDUCT;
		a.f.amount = opt_get(opts, "--deduct")->points;
		forms++;
	}
	if (opt_get(opts, "--score")->set) {
		a.f.form = INPUT_SCORE;
		a.f.amount = opt_get(opts, "--score")->points;
		forms++;
	}
	if (opt_get(opts, "--na")->set) {
		a.f.form = INPUT_NA;
		forms++;
	}
	if (forms != 1) {
		cli_error("须恰好使用 --count、--conditions、--deduct、--score、--na 之一");
		return cli_usage("score set");
	}
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = cli_write(db, do_score, &a);
	if (rc == EXIT_OK) {
		char *d = finding_describe(NULL, &a.f);
		printf("已记录：%s %s %s\n", pos[0], pos[1], d);
		free(d);
	}
	db_close(db);
	return rc;
}

static int do_clear(struct db *db, void *arg)
{
	struct score_arg *a = arg;
	return finding_clear(db, a->unit, a->f.code);
}

int cmd_score_clear(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[2];
	int n = args_parse("score clear", argc, argv, opts, pos, 2);
	if (n < 1)
		return cli_usage("score clear");
	struct score_arg a = {pos[0], {.code = n > 1 ? pos[1] : NULL}};
	int rc = cli_write_year(do_clear, &a);
	if (rc == EXIT_OK)
		printf("已删除评分记录：%s%s%s\n", pos[0], n > 1 ? " " : "", n > 1 ? pos[1] : "");
	return rc;
}

struct import_arg {
	struct csv *c;
	const char *file;
	struct diag d;
	int (*fn)(struct db *, const struct csv *, const char *, struct diag *);
};

static int do_generic_import(struct db *db, void *arg)
{
	struct import_arg *a = arg;
	int rc = a->fn(db, a->c, a->file, &a->d);
	if (rc != 0)
		db_fail(db, "导入失败（%d 处问题），数据库未作任何改动", a->d.n);
	return rc;
}

int cli_import_csv(const char *cmd, int argc, char **argv,
		   int (*fn)(struct db *, const struct csv *, const char *, struct diag *))
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(cmd, argc, argv, opts, pos, 1) != 1)
		return cli_usage(cmd);
	struct csv c;
	if (cli_read_csv(pos[0], &c, NULL) != 0) {
		cli_error("导入失败，数据库未作任何改动");
		return EXIT_REJECTED;
	}
	struct import_arg a = {&c, pos[0], {0}, fn};
	int rc = cli_write_year(do_generic_import, &a);
	cli_print_diag(&a.d);
	if (rc == EXIT_OK)
		printf("已导入 %d 行（%s 编码）\n", c.nrows - 1, c.encoding);
	diag_free(&a.d);
	csv_free(&c);
	return rc;
}

/* Findings files can hold a million rows: read row by row. */
struct score_import_arg {
	struct csv_reader r;
	const char *digest;
	struct diag d;
	long long n;
};

static int do_score_import(struct db *db, void *arg)
{
	struct score_import_arg *a = arg;
	a->n = finding_import(db, &a->r, a->digest, &a->d);
	if (a->n < 0)
		db_fail(db, "导入失败（%d 处问题），数据库未作任何改动", a->d.n);
	return a->n < 0 ? -1 : 0;
}

int cmd_score_import(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("score import", argc, argv, opts, pos, 1) != 1)
		return cli_usage("score import");
	struct diag d = {0};
	char *data;
	size_t len;
	struct score_import_arg a = {0};
	int opened = read_file(pos[0], 1u << 30, &data, &len, &d) == 0;
	if (!opened || csv_open(&a.r, data, len, pos[0], &d) != 0) {
		cli_print_diag(&d);
		diag_free(&d);
		cli_error("导入失败，数据库未作任何改动");
		if (opened)
			free(data);
		return EXIT_REJECTED;
	}
	char *digest = sha256_hex(data, len);
	free(data);
	a.digest = digest;
	int rc = cli_write_year(do_score_import, &a);
	cli_print_diag(&a.d);
	if (rc == EXIT_OK)
		printf("已导入 %lld 行（%s 编码）\n", a.n, a.r.encoding);
	diag_free(&a.d);
	csv_close(&a.r);
	free(digest);
	return rc;
}

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
	enum accident_grade g = accident_classify(a->deaths, a->injuries, a->loss);
	printf("%4lld  %s  %s  %s事故  死亡 %lld  重伤 %lld  损失 %lld 元", a->id, a->date, a->county,
	       accident_grade_name(g), a->deaths, a->injuries, a->loss);
	if (a->industry[0])
		printf("  %s（%s）", a->industry, a->department[0] ? a->department : "无监管部门");
	if (a->concealed)
		printf("  瞒报");
	if (a->false_report)
		printf("  谎报");
	if (a->omitted)
		printf("  漏报");
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
	return daily_rule_set(db, x->a, x->deduct, x->per_day);
}

int cmd_daily_rule(int argc, char **argv)
{
	struct opt opts[] = {{"--deduct", OPT_POINTS}, {"--per-day", OPT_POINTS}, {NULL}};
	char *pos[1];
	if (args_parse("daily rule", argc, argv, opts, pos, 1) != 1 ||
	    (!opt_get(opts, "--deduct")->set && !opt_get(opts, "--per-day")->set))
		return cli_usage("daily rule");
	struct daily_arg x = {pos[0]};
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
