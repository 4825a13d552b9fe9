/* cmd_status.c: kaohe status — what is left to do before approval, unit
 * by unit (svc_status: the same statement approval uses); kaohe progress —
 * how far each sheet is and what the acting user still has to do. */
#include "args.h"
#include "cli.h"

#include <stdio.h>

int cmd_status(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("status");
	struct svc_status st;
	if (svc_status(s, &st) != 0)
		return cli_fail(s, NULL);
	printf("%d 年度%s%s\n", svc_year(s), svc_approved(s) ? "（已审定）" : "",
	       svc_published(s) ? "（已公布）" : "");
	if (st.stale < 0)
		puts("尚未计分（compute）");
	else if (st.stale > 0)
		puts("计分之后又有改动，结果已过期：须重新计分（compute）");
	for (int i = 0; i < st.n; i++) {
		const struct svc_unit_status *u = &st.units[i];
		cli_pad(u->unit.name, 24);
		/* what approval waits for first, then what is worth a look */
		int shown = 0;
		for (int k = 0; k < u->ntodo; k++)
			if (u->todo[k].blocking)
				printf("%s%s", shown++ ? "；" : "", u->todo[k].text);
		if (!shown)
			fputs("就绪", stdout);
		for (int k = 0, notes = 0; k < u->ntodo; k++)
			if (!u->todo[k].blocking)
				printf("%s%s", notes++ ? "；" : "（提示：", u->todo[k].text);
		for (int k = 0; k < u->ntodo; k++)
			if (!u->todo[k].blocking) {
				fputs("）", stdout);
				break;
			}
		putchar('\n');
	}
	if (st.blocking)
		printf("\n还有 %d 个单位有审定前须办的事项\n", st.blocking);
	else if (!svc_approved(s) && st.stale == 0)
		puts("\n全部单位已计分；确定档次后可运行 kaohe approve 审定");
	svc_status_free(&st);
	return EXIT_OK;
}

int cmd_progress(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("progress");
	struct svc_progress p;
	if (svc_progress(s, &p) != 0)
		return cli_fail(s, NULL);
	if (p.window_to && p.window_over)
		printf("考核时间 %s 至 %s，已结束\n", p.window_from, p.window_to);
	else if (p.window_to && p.days_left == 0)
		printf("考核时间 %s 至 %s，今天是最后一天\n", p.window_from, p.window_to);
	else if (p.window_to)
		printf("考核时间 %s 至 %s，还剩 %d 天\n", p.window_from, p.window_to, p.days_left);
	for (int i = 0; i < p.n; i++) {
		const struct svc_unit_progress *u = &p.units[i];
		cli_pad(u->unit.name, 20);
		printf("%4d / %-4d  ", u->entered, u->total);
		cli_pad(review_state_title(u->review), 10);
		cli_pad(u->team ? u->team : "（未分组）", 16);
		if (u->sample_short)
			fputs("抽查未齐  ", stdout);
		if (u->scores_missing)
			printf("缺 %d 项行业或执法评分", u->scores_missing);
		putchar('\n');
	}
	for (int i = 0; i < p.mine.n; i++)
		printf("%s%s\n", i ? "" : "\n待办：\n", p.mine.msgs[i]);
	svc_progress_free(&p);
	return EXIT_OK;
}
