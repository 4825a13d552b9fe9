/* cmd_status.c: kaohe status — what is left to do before approval, unit
 * by unit (svc_status: the same statement approval uses). */
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
		if (!u->ntodo)
			fputs("就绪", stdout);
		for (int k = 0; k < u->ntodo; k++)
			printf("%s%s", k ? "；" : "", u->todo[k].text);
		putchar('\n');
	}
	if (st.open)
		printf("\n还有 %d 个单位有待办事项\n", st.open);
	else if (!svc_approved(s) && st.stale == 0)
		puts("\n全部单位已计分；确定档次后可运行 kaohe approve 审定");
	svc_status_free(&st);
	return EXIT_OK;
}
