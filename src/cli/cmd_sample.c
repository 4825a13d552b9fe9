/* cmd_sample.c: kaohe sample draw | set | list (抽查). */
#include "args.h"
#include "cli.h"
#include "../storage/spot_check.h"
#include "../storage/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct draw_arg {
	const char *county;
	bool has_seed;
	uint64_t seed;
	int counts[4];
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
			     {"--enterprises", OPT_INT}, {"--only", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse("sample draw", argc, argv, opts, pos, 1) != 1)
		return cli_usage("sample draw");
	struct draw_arg a = {.county = pos[0], .counts = {0, -1, -1, -1}};
	if (opt_get(opts, "--only")->set) {
		enum sample_kind k = sample_kind_parse(opt_get(opts, "--only")->text);
		if (!k) {
			cli_error("--only 须是 town（乡镇）、county-department（县区部门）或 enterprise（企业）");
			return EXIT_USAGE;
		}
		for (int i = SAMPLE_TOWN; i <= SAMPLE_ENTERPRISE; i++)
			a.counts[i] = i == (int)k ? -1 : 0;
	}
	if (opt_get(opts, "--seed")->set) {
		if (opt_get(opts, "--seed")->num < 0) {
			cli_error("种子须是非负整数");
			return EXIT_USAGE;
		}
		a.has_seed = true;
		a.seed = (uint64_t)opt_get(opts, "--seed")->num;
	}
	const char *names[3] = {"--towns", "--departments", "--enterprises"};
	for (int i = 0; i < 3; i++)
		if (opt_get(opts, names[i])->set) {
			long long v = opt_get(opts, names[i])->num;
			if (v < 1 || v > 16) {
				cli_error("%s 的值须是 1 到 16 之间的整数（方案规定的数量见 kaohe scheme show）",
					  names[i]);
				return EXIT_USAGE;
			}
			if (a.counts[SAMPLE_TOWN + i] == 0) {
				cli_error("%s 与 --only 指定的类别不一致", names[i]);
				return EXIT_USAGE;
			}
			a.counts[SAMPLE_TOWN + i] = (int)v;
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
	char *pos[49];
	int n = args_parse("sample set", argc, argv, opts, pos, 49);
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
