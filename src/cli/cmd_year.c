/* cmd_year.c: kaohe init | approve | reopen | audit | backup. */
#include "args.h"
#include "cli.h"
#include "../storage/audit.h"
#include "../storage/result.h"
#include "../storage/unit.h"
#include "../storage/year.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cmd_init(int argc, char **argv)
{
	struct opt opts[] = {
		{"--template", OPT_TEXT}, {"--county-scheme", OPT_TEXT},
		{"--department-scheme", OPT_TEXT}, {NULL},
	};
	char *pos[1];
	if (args_parse("init", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	if (!cli_env.year) {
		cli_error("须写明年度：kaohe init --year 2016");
		return EXIT_USAGE;
	}
	const char *tmpl = opt_get(opts, "--template")->set ? opt_get(opts, "--template")->text : "qhd-2016";
	struct scheme_text texts[2];
	const struct scheme_text *given[2] = {NULL, NULL};
	char *data[2] = {NULL, NULL};
	const char *files[2] = {opt_get(opts, "--county-scheme")->text,
				opt_get(opts, "--department-scheme")->text};
	for (int i = 0; i < 2; i++) {
		if (!files[i])
			continue;
		struct diag d = {0};
		size_t len;
		if (read_file(files[i], 8u << 20, &data[i], &len, &d) != 0) {
			cli_print_diag(&d);
			diag_free(&d);
			free(data[0]);
			return EXIT_REJECTED;
		}
		texts[i] = (struct scheme_text){files[i], data[i], len};
		given[i] = &texts[i];
	}
	/* A refused init leaves no new file behind. */
	const char *path = cli_env.db_path ? cli_env.db_path : getenv("KAOHE_DB");
	if (!path || !*path)
		path = "kaohe.db";
	bool existed = access(path, F_OK) == 0;
	struct db *db = cli_open(true, false);
	int rc = EXIT_REJECTED;
	if (db) {
		if (year_init(db, cli_env.year, tmpl, given[0], given[1]) == 0) {
			const struct scheme *cs = year_scheme(db, "county");
			const struct scheme *ds = year_scheme(db, "department");
			printf("已新建 %d 年度考核：县区方案 %s，市直部门方案 %s；数据库 %s\n", cli_env.year,
			       cs ? cs->name : "", ds ? ds->name : "", db->path);
			rc = EXIT_OK;
		} else {
			cli_db_error(db);
		}
		db_close(db);
	}
	if (rc != EXIT_OK && !existed) {
		char p[4200];
		unlink(path);
		snprintf(p, sizeof p, "%s-wal", path);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", path);
		unlink(p);
	}
	free(data[0]);
	free(data[1]);
	return rc;
}

static int do_approve(struct db *db, void *arg)
{
	return year_approve_results(db, arg);
}

int cmd_approve(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("approve", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	struct buf report = {0};
	int rc = cli_write(db, do_approve, &report);
	if (rc == EXIT_OK) {
		char head[65] = "";
		audit_verify(db, head);
		printf("%s%d 年度考核结果已审定，此后的修改都将被拒绝\n"
		       "审计记录链尾校验值：%s（请与归档结果一并留存）\n", buf_str(&report), db->year, head);
	}
	buf_free(&report);
	db_close(db);
	return rc;
}

int cmd_reopen(int argc, char **argv)
{
	struct opt opts[] = {{"--reason", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse("reopen", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = EXIT_OK;
	if (year_reopen(db, opt_get(opts, "--reason")->text) != 0)
		rc = cli_db_error(db);
	else
		printf("%d 年度考核已重新开放修改（原因已记录）\n", db->year);
	db_close(db);
	return rc;
}

static void print_audit(const struct audit_row *r, void *arg)
{
	(*(int *)arg)++;
	printf("%6lld  %s  %-10s %-14s", r->seq, r->at, r->actor, r->action);
	if (r->unit)
		printf("  %s", r->unit);
	if (r->target)
		printf("  %s", r->target);
	if (r->old)
		printf("  原：%s", r->old);
	if (r->new_value)
		printf("  新：%s", r->new_value);
	if (r->reason)
		printf("  理由：%s", r->reason);
	putchar('\n');
}

int cmd_audit(int argc, char **argv)
{
	struct opt opts[] = {{"--verify", OPT_FLAG}, {NULL}};
	char *pos[1];
	int n = args_parse("audit", argc, argv, opts, pos, 1);
	if (n < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, !opt_get(opts, "--verify")->set);
	if (!db)
		return EXIT_REJECTED;
	int rc = EXIT_OK;
	if (opt_get(opts, "--verify")->set) {
		char head[65];
		long long rows = audit_verify(db, head);
		if (rows < 0) {
			cli_error("审计记录校验失败：%s", db_error(db));
			rc = EXIT_REJECTED;
		} else {
			printf("审计记录完整：共 %lld 条，链尾校验值 %s\n"
			       "（请将链尾校验值与归档结果一并留存，以便日后核对）\n", rows, head);
		}
	} else {
		/* A removed or renamed unit keeps its history: a name is refused
		 * (with suggestions) only if nothing at all was recorded for it. */
		int rows = 0;
		struct unit u;
		if (audit_list(db, n ? pos[0] : NULL, print_audit, &rows) != 0)
			rc = cli_db_error(db);
		else if (n && rows == 0 && unit_get(db, pos[0], &u) != 0)
			rc = cli_db_error(db);
	}
	db_close(db);
	return rc;
}

int cmd_backup(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("backup", argc, argv, opts, pos, 1) != 1)
		return cli_usage("backup");
	struct db *db = cli_open(false, false);
	if (!db)
		return EXIT_REJECTED;
	sqlite3 *out = NULL;
	int rc = EXIT_OK;
	if (sqlite3_open_v2(pos[0], &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		cli_error("无法创建备份文件 %s：%s", pos[0], sqlite3_errmsg(out));
		rc = EXIT_REJECTED;
	} else {
		/* The online backup copies a consistent snapshot while others
		 * keep writing; -1 copies all pages in one step. */
		sqlite3_backup *b = sqlite3_backup_init(out, "main", db->h, "main");
		int r = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
		if (b)
			sqlite3_backup_finish(b);
		if (r != SQLITE_DONE) {
			cli_error("备份失败：%s", sqlite3_errmsg(out));
			rc = EXIT_REJECTED;
		} else {
			printf("已备份到 %s\n", pos[0]);
		}
	}
	sqlite3_close(out);
	db_close(db);
	return rc;
}
