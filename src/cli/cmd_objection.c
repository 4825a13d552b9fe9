/* cmd_objection.c: kaohe objection file | list | answer: an assessed
 * unit's objections (意见和建议) to its published result. */
#include "args.h"
#include "cli.h"
#include "../core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_objection_file(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--text", OPT_TEXT}, {"--evidence", OPT_TEXT}, {"--item", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1 || !opt_get(opts, "--text")->set)
		return cli_usage("objection file");
	long long id = svc_objection_file(s, pos[0], opt_get(opts, "--item")->text, opt_get(opts, "--text")->text,
					  opt_get(opts, "--evidence")->text);
	if (id < 0)
		return cli_fail(s, NULL);
	printf("已收到意见，编号 %lld（安委办答复后可用 kaohe objection list 查看）\n", id);
	return EXIT_OK;
}

int cmd_objection_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	int n = args_parse(argc, argv, opts, pos, 1);
	if (n < 0)
		return cli_usage("objection list");
	struct objection *o;
	int count;
	if (svc_objection_list(s, n ? pos[0] : NULL, &o, &count) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < count; i++) {
		char filed[20], answered[20];
		time_local(o[i].filed_at, filed);
		time_local(o[i].answered_at, answered);
		printf("%4lld  %s  %s  %s（%s）\n", o[i].id, o[i].unit, o[i].code ? o[i].code : "整体结果", filed,
		       o[i].filed_by);
		printf("      理由：%s\n", o[i].text);
		if (o[i].evidence)
			printf("      证据：%s\n", o[i].evidence);
		if (o[i].answer)
			printf("      答复（%s）：%s（%s，%s）\n",
			       o[i].outcome && strcmp(o[i].outcome, "changed") == 0 ? "已改变评分" : "维持评分", o[i].answer,
			       o[i].answered_by, answered);
		else
			printf("      〔尚未答复〕\n");
	}
	objection_list_free(o, count);
	return EXIT_OK;
}

int cmd_objection_answer(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--text", OPT_TEXT}, {"--outcome", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1 || !opt_get(opts, "--text")->set ||
	    !opt_get(opts, "--outcome")->set)
		return cli_usage("objection answer");
	long long id = cli_number(pos[0], "意见编号", "kaohe objection list");
	if (id < 0)
		return EXIT_USAGE;
	if (svc_objection_answer(s, id, opt_get(opts, "--outcome")->text, opt_get(opts, "--text")->text) != 0)
		return cli_fail(s, NULL);
	printf("已答复意见 %lld\n", id);
	return EXIT_OK;
}

int cmd_objection_period(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--clear", OPT_FLAG}, {NULL}};
	char *pos[2];
	int n = args_parse(argc, argv, opts, pos, 2);
	bool clear = opt_get(opts, "--clear")->set;
	if (n < 0 || (clear ? n != 0 : n != 2))
		return cli_usage("objection period");
	if (svc_objection_period(s, clear ? NULL : pos[0], clear ? NULL : pos[1]) != 0)
		return cli_fail(s, NULL);
	if (clear)
		puts("已取消提出意见的期限");
	else
		printf("提出意见的期限：%s 至 %s\n", pos[0], pos[1]);
	return EXIT_OK;
}
