/* cmd_score.c: kaohe score set | clear | import, and the generic CSV import
 * the other import commands use. */
#include "args.h"
#include "cli.h"
#include "../core/csv.h"
#include "../storage/finding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (rc != 0) {
		/* the problems first, then the verdict */
		int n = a->d.n;
		cli_print_diag(&a->d);
		diag_free(&a->d);
		db_fail(db, "导入失败（%d 处问题），数据库未作任何改动", n);
	}
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
	long long n, replaced;
};

static int do_score_import(struct db *db, void *arg)
{
	struct score_import_arg *a = arg;
	a->n = finding_import(db, &a->r, a->digest, &a->d, &a->replaced);
	if (a->n < 0) {
		int n = a->d.n;
		cli_print_diag(&a->d);
		diag_free(&a->d);
		db_fail(db, "导入失败（%d 处问题），数据库未作任何改动", n);
	}
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
	if (rc == EXIT_OK && a.replaced)
		printf("其中 %lld 行覆盖了原有评分（原值见 kaohe audit）\n", a.replaced);
	diag_free(&a.d);
	csv_close(&a.r);
	free(digest);
	return rc;
}
