/* cmd_review.c: kaohe review list | submit | return | verify — the
 * office's verification of the teams' sheets (统计核实). */
#include "args.h"
#include "cli.h"

#include <stdio.h>

int cmd_review_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("review list");
	struct sheet_review *r;
	int n;
	if (svc_review_list(s, &r, &n) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < n; i++) {
		char a[POINTS_BUFSZ], b[POINTS_BUFSZ];
		cli_pad(r[i].unit.name, 20);
		cli_pad(review_state_title(r[i].state), 10);
		cli_pad(r[i].team ? r[i].team : "（未分组）", 16);
		if (r[i].has_team_total)
			printf("考核组得分 %s  ", points_fmt(r[i].team_total, a));
		if (r[i].has_verified_total)
			printf("%s %s  ", r[i].state == REVIEW_VERIFIED ? "核实得分" : "上次核实得分", points_fmt(r[i].verified_total, b));
		if (r[i].remark)
			printf("意见：%s", r[i].remark);
		putchar('\n');
	}
	sheet_review_list_free(r, n);
	return EXIT_OK;
}

static int one_unit(struct svc *s, int argc, char **argv, const char *cmd,
		    int (*fn)(struct svc *, const char *), const char *done)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage(cmd);
	if (fn(s, pos[0]) != 0)
		return cli_fail(s, NULL);
	printf("%s：%s\n", done, pos[0]);
	return EXIT_OK;
}

int cmd_review_submit(struct svc *s, int argc, char **argv)
{
	return one_unit(s, argc, argv, "review submit", svc_review_submit, "已提交核实");
}

int cmd_review_verify(struct svc *s, int argc, char **argv)
{
	return one_unit(s, argc, argv, "review verify", svc_review_verify, "已核实（考核组不能再修改）");
}

int cmd_review_return(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--remark", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1 || !opt_get(opts, "--remark")->set)
		return cli_usage("review return");
	if (svc_review_return(s, pos[0], opt_get(opts, "--remark")->text) != 0)
		return cli_fail(s, NULL);
	printf("已退回：%s\n", pos[0]);
	return EXIT_OK;
}
