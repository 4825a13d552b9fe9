/* cmd_year.c: kaohe init | approve | reopen | consent | publish | audit |
 * backup | demo. */
#include "args.h"
#include "cli.h"
#include "../core/date.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cmd_init(struct svc *unused, int argc, char **argv)
{
	(void)unused;
	struct opt opts[] = {
		{"--template", OPT_TEXT}, {"--county-scheme", OPT_TEXT},
		{"--department-scheme", OPT_TEXT}, {"--from", OPT_INT}, {NULL},
	};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("init");
	if (!cli_env.year) {
		cli_error("须写明年度：kaohe init --year 2016");
		return EXIT_USAGE;
	}
	const char *tmpl = opt_get(opts, "--template")->set ? opt_get(opts, "--template")->text : "qhd-2016";
	struct opt *from = opt_get(opts, "--from");
	if (from->set && (opt_get(opts, "--template")->set || opt_get(opts, "--county-scheme")->set ||
			  opt_get(opts, "--department-scheme")->set)) {
		cli_error("--from 沿用上一年度的方案，不能同时指定 --template 或方案文件");
		return EXIT_USAGE;
	}
	struct svc_text texts[2];
	const struct svc_text *given[2] = {NULL, NULL};
	char *data[2] = {NULL, NULL};
	const char *files[2] = {opt_get(opts, "--county-scheme")->text,
				opt_get(opts, "--department-scheme")->text};
	int rc = EXIT_OK;
	for (int i = 0; i < 2 && rc == EXIT_OK; i++) {
		if (!files[i])
			continue;
		struct diag d = {0};
		size_t len;
		if (read_file(files[i], 8u << 20, &data[i], &len, &d) != 0) {
			cli_print_diag(&d, NULL);
			rc = EXIT_REJECTED;
		} else {
			texts[i] = (struct svc_text){files[i], data[i], len};
			given[i] = &texts[i];
		}
		diag_free(&d);
	}
	/* A refused init leaves no new file behind. */
	const char *path = cli_db_path();
	bool existed = access(path, F_OK) == 0;
	struct svc *s = rc == EXIT_OK ? cli_session(path, true, false) : NULL;
	if (rc == EXIT_OK && !s)
		rc = EXIT_REJECTED;
	if (rc == EXIT_OK && (from->set ? svc_year_init_from(s, cli_env.year, (int)from->num)
			      : svc_year_init(s, cli_env.year, tmpl, given[0], given[1])) != 0)
		rc = cli_fail(s, NULL);
	if (rc == EXIT_OK) {
		const struct scheme *cs = svc_scheme(s, KIND_COUNTY), *ds = svc_scheme(s, KIND_DEPARTMENT);
		printf("已新建 %d 年度考核：县区方案 %s，市直部门方案 %s；数据库 %s\n", cli_env.year,
		       cs ? cs->name : "", ds ? ds->name : "", path);
		if (from->set)
			printf("已沿用 %lld 年度的单位、考核组、行业监管部门和日常考核任务（不含评分、抽查和事故）\n",
			       from->num);
	}
	svc_close(s);
	if (rc != EXIT_OK && !existed)
		svc_remove_files(path);
	free(data[0]);
	free(data[1]);
	return rc;
}

int cmd_consent(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--date", OPT_TEXT}, {"--ref", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0 || !opt_get(opts, "--date")->set ||
	    !opt_get(opts, "--ref")->set)
		return cli_usage("consent");
	if (svc_consent(s, opt_get(opts, "--date")->text, opt_get(opts, "--ref")->text) != 0)
		return cli_fail(s, NULL);
	printf("已记录：%d 年度考核结果于 %s 经市政府同意（%s）；可以公布（kaohe publish）\n", svc_year(s),
	       opt_get(opts, "--date")->text, opt_get(opts, "--ref")->text);
	return EXIT_OK;
}

int cmd_key_new(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"-o", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0 || !opt_get(opts, "-o")->set)
		return cli_usage("key new");
	char pk[65];
	if (svc_key_new(s, opt_get(opts, "-o")->text, pk) != 0)
		return cli_fail(s, NULL);
	printf("已生成 %d 年度的签名密钥\n"
	       "私钥：%s（仅本人可读；请离线保管，不要与数据库放在一起）\n"
	       "公钥：%s（已存入本年度；请抄录留存，核对时用）\n"
	       "此后审定须签名：kaohe approve --key %s\n",
	       svc_year(s), opt_get(opts, "-o")->text, pk, opt_get(opts, "-o")->text);
	return EXIT_OK;
}

int cmd_approve(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--key", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("approve");
	const struct opt *key = opt_get(opts, "--key");
	struct svc_approval a;
	if (svc_approve_signed(s, key->set ? key->text : NULL, &a) != 0) {
		diag_free(&a.automatic);
		return cli_fail(s, NULL);
	}
	for (int i = 0; i < a.automatic.n; i++)
		printf("%s\n", a.automatic.msgs[i]);
	printf("%d 年度考核结果已审定，此后的修改都将被拒绝\n", svc_year(s));
	if (a.signed_seq)
		printf("已签名：第 %lld 条审计记录，校验值 %s\n签名：%s\n公钥：%s\n"
		       "审计记录链尾校验值：%s（请与归档结果一并留存）\n",
		       a.signed_seq, a.signed_hash, a.signature, a.public_key, a.head);
	else
		printf("审计记录链尾校验值：%s（请与归档结果一并留存）\n"
		       "注意：未签名（本年度没有签名密钥）；记录链被整体重写时无法发现。"
		       "需要签名时先运行 kaohe key new -o 密钥文件\n", a.head);
	diag_free(&a.automatic);
	return EXIT_OK;
}

int cmd_reopen(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--reason", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("reopen");
	if (svc_reopen(s, opt_get(opts, "--reason")->text) != 0)
		return cli_fail(s, NULL);
	printf("%d 年度考核已重新开放修改（原因已记录）\n", svc_year(s));
	return EXIT_OK;
}

int cmd_publish(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("publish");
	if (svc_publish(s) != 0)
		return cli_fail(s, NULL);
	printf("%d 年度考核结果已公布\n", svc_year(s));
	return EXIT_OK;
}

int cmd_audit(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--verify", OPT_FLAG}, {NULL}};
	char *pos[1];
	int n = args_parse(argc, argv, opts, pos, 1);
	if (n < 0)
		return cli_usage("audit");
	if (opt_get(opts, "--verify")->set) {
		if (n) {
			cli_error("--verify 校验全部记录，不带单位名称");
			return cli_usage("audit");
		}
		struct svc_verify v;
		if (svc_verify(s, &v) != 0) {
			svc_verify_free(&v);
			return cli_fail(s, NULL);
		}
		printf("审计记录完整：共 %lld 条，链尾校验值 %s\n", v.rows, v.head);
		if (v.state_from > 1)
			printf("现状核对自第 %lld 条记录起（此前的记录由旧版本写入，不含各表的内容）\n", v.state_from);
		else if (!v.state_from && v.rows)
			printf("未核对各表：记录由旧版本写入，不含各表的内容（升级后第一次修改时记录现状）\n");
		for (int i = 0; i < v.notes.n; i++)
			printf("%s\n", v.notes.msgs[i]);
		int rc = EXIT_OK;
		if (v.problems.n) {
			cli_error("发现 %d 处与审计记录不符：", v.problems.n);
			for (int i = 0; i < v.problems.n; i++)
				fprintf(stderr, "  %s\n", v.problems.msgs[i]);
			rc = EXIT_REJECTED;
		} else {
			printf("各表与审计记录一致%s\n", v.state_from ? "" : "（未核对）");
		}
		svc_verify_free(&v);
		return rc;
	}
	struct audit_row *r;
	int nr;
	if (svc_use_year(s, cli_env.year) != 0 || svc_audit(s, n ? pos[0] : NULL, &r, &nr) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < nr; i++) {
		char at[20];
		time_local(r[i].at, at);
		printf("%6lld  %s  %-10s %-14s", r[i].seq, at, r[i].actor, r[i].action);
		if (r[i].unit)
			printf("  %s", r[i].unit);
		if (r[i].target)
			printf("  %s", r[i].target);
		if (r[i].old)
			printf("  原：%s", r[i].old);
		if (r[i].new_value)
			printf("  新：%s", r[i].new_value);
		if (r[i].reason)
			printf("  理由：%s", r[i].reason);
		putchar('\n');
	}
	audit_list_free(r, nr);
	return EXIT_OK;
}

int cmd_backup(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--force", OPT_FLAG}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("backup");
	if (svc_backup(s, pos[0], opt_get(opts, "--force")->set) != 0)
		return cli_fail(s, NULL);
	printf("已备份到 %s\n", pos[0]);
	return EXIT_OK;
}

int cmd_demo(struct svc *unused, int argc, char **argv)
{
	(void)unused;
	struct opt opts[] = {{"--seed", OPT_INT}, {"--accounts", OPT_FLAG}, {NULL}};
	char *pos[1];
	int n = args_parse(argc, argv, opts, pos, 1);
	if (n < 0)
		return cli_usage("demo");
	const char *path = n ? pos[0] : cli_env.db_path ? cli_env.db_path : "kaohe-demo.db";
	if (access(path, F_OK) == 0) {
		cli_error("%s 已存在；演示数据库须新建（删除该文件或另选文件名）", path);
		return EXIT_REJECTED;
	}
	struct svc *s = cli_session(path, true, false);
	if (!s)
		return EXIT_REJECTED;
	/* the demo's records are made by the demo, not by whoever ran it */
	svc_act_local(s, "演示数据");
	unsigned long long seed = opt_get(opts, "--seed")->set
		? (unsigned long long)opt_get(opts, "--seed")->num : 2016;
	int rc = EXIT_OK;
	if (svc_demo(s, seed) != 0) {
		rc = cli_fail(s, NULL);
		svc_close(s);
		svc_remove_files(path);
		return rc;
	}
	struct svc_demo_account acc[SVC_DEMO_ACCOUNTS];
	if (opt_get(opts, "--accounts")->set && svc_demo_accounts(s, acc) != 0) {
		rc = cli_fail(s, NULL);
		svc_close(s);
		svc_remove_files(path);
		return rc;
	}
	svc_close(s);
	printf("已生成演示数据库 %s（秦皇岛市2016年度考核）\n", path);
	if (opt_get(opts, "--accounts")->set) {
		puts("\n演示账号（密码随机生成，只显示这一次）：");
		for (int i = 0; i < SVC_DEMO_ACCOUNTS; i++) {
			fputs("  账号 ", stdout);
			cli_pad(acc[i].name, 12);
			printf("  密码 %s  （%s）\n", acc[i].password, role_title(acc[i].role));
			sodium_memzero(acc[i].password, sizeof acc[i].password);
		}
	}
	return EXIT_OK;
}
