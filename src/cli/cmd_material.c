/* cmd_material.c: kaohe material add | link | list | remove | zip |
 * checklist — what units provide for the items (资料). */
#include "args.h"
#include "cli.h"
#include "../core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_material_add(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--item", OPT_TEXT}, {"--name", OPT_TEXT}, {NULL}};
	char *pos[2];
	if (args_parse(argc, argv, opts, pos, 2) != 2)
		return cli_usage("material add");
	char *data;
	size_t len;
	struct diag d = {0};
	if (read_file(pos[1], SVC_MATERIAL_MAX + 1, &data, &len, &d) != 0) {
		cli_print_diag(&d, NULL);
		diag_free(&d);
		return EXIT_REJECTED;
	}
	const char *name = opt_get(opts, "--name")->text;
	if (!name) {
		name = strrchr(pos[1], '/');
		name = name ? name + 1 : pos[1];
	}
	long long id = svc_material_file(s, pos[0], opt_get(opts, "--item")->text, name, data, len);
	free(data);
	if (id < 0)
		return cli_fail(s, NULL);
	printf("已上传资料 %lld：%s（%zu 字节）\n", id, name, len);
	return EXIT_OK;
}

int cmd_material_link(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--item", OPT_TEXT}, {"--title", OPT_TEXT}, {NULL}};
	char *pos[2];
	if (args_parse(argc, argv, opts, pos, 2) != 2 || !opt_get(opts, "--title")->set)
		return cli_usage("material link");
	long long id = svc_material_link(s, pos[0], opt_get(opts, "--item")->text, opt_get(opts, "--title")->text,
					 pos[1]);
	if (id < 0)
		return cli_fail(s, NULL);
	printf("已登记链接 %lld：%s\n", id, opt_get(opts, "--title")->text);
	return EXIT_OK;
}

int cmd_material_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("material list");
	struct material *m;
	int n;
	if (svc_material_list(s, pos[0], &m, &n) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < n; i++) {
		printf("%4lld  %-8s  %s", m[i].id, m[i].code ? m[i].code : "综合", m[i].name);
		if (m[i].link)
			printf("  %s", m[i].link);
		else
			printf("  %lld 字节", m[i].size);
		if (m[i].objection_id)
			printf("  （意见 %lld 的证据）", m[i].objection_id);
		char at[20];
		time_local(m[i].at, at);
		printf("  %s %s\n", m[i].actor, at);
	}
	material_list_free(m, n);
	return EXIT_OK;
}

int cmd_material_remove(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("material remove");
	long long id = cli_number(pos[0], "资料编号", "kaohe material list");
	if (id < 0)
		return EXIT_USAGE;
	if (svc_material_remove(s, id) != 0)
		return cli_fail(s, NULL);
	printf("已删除资料 %lld\n", id);
	return EXIT_OK;
}

int cmd_material_zip(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[2];
	if (args_parse(argc, argv, opts, pos, 2) != 2)
		return cli_usage("material zip");
	if (svc_material_zip(s, pos[0], pos[1]) != 0)
		return cli_fail(s, NULL);
	printf("已打包 %s 的全部资料：%s\n", pos[0], pos[1]);
	return EXIT_OK;
}

int cmd_material_checklist(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("material checklist");
	struct svc_checklist_item *c;
	int n;
	if (svc_checklist(s, pos[0], &c, &n) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < n; i++)
		printf("%s  %-10s  %s  须提供：%s\n", c[i].provided ? "已有" : "缺少", c[i].node->code, c[i].node->title,
		       c[i].asks);
	svc_checklist_free(c, n);
	return EXIT_OK;
}
