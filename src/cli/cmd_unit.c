/* cmd_unit.c: kaohe unit add | list | edit | import | remove, kaohe team …. */
#include "args.h"
#include "cli.h"
#include "../render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_unit_add(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {
		{"--kind", OPT_TEXT}, {"--parent", OPT_TEXT}, {"--industry", OPT_TEXT},
		{"--order", OPT_INT}, {"--status", OPT_TEXT}, {NULL},
	};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1 || !opt_get(opts, "--kind")->set)
		return cli_usage("unit add");
	struct svc_unit_fields f = {.name = pos[0], .kind = opt_get(opts, "--kind")->text,
		.parent = opt_get(opts, "--parent")->text, .industry = opt_get(opts, "--industry")->text,
		.status = opt_get(opts, "--status")->text, .order = opt_get(opts, "--order")->text};
	struct unit u;
	if (svc_unit_add(s, &f, &u) != 0)
		return cli_fail(s, NULL);
	printf("已登记%s：%s\n", unit_kind_title(u.kind), u.name);
	unit_clear(&u);
	return EXIT_OK;
}

int cmd_unit_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--kind", OPT_TEXT}, {"--json", OPT_FLAG}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("unit list");
	int kind = -1;
	if (opt_get(opts, "--kind")->set && (kind = unit_kind_parse(opt_get(opts, "--kind")->text)) < 0) {
		cli_error("未知的单位类型“%s”", opt_get(opts, "--kind")->text);
		return EXIT_USAGE;
	}
	struct unit *u;
	int n;
	if (svc_unit_list(s, kind, &u, &n) != 0)
		return cli_fail(s, NULL);
	if (opt_get(opts, "--json")->set) {
		cJSON *a = cJSON_CreateArray();
		for (int i = 0; i < n; i++)
			cJSON_AddItemToArray(a, unit_to_json(&u[i], svc_grading(s, u[i].kind)));
		cli_print_json(a);
	} else {
		char p[POINTS_BUFSZ];
		for (int i = 0; i < n; i++) {
			printf("%-8s %4d  %s", unit_kind_title(u[i].kind), u[i].sort_order, u[i].name);
			if (u[i].parent)
				printf("  （%s）", u[i].parent);
			if (u[i].industry)
				printf("  行业：%s", u[i].industry);
			if (u[i].status != STATUS_ASSESSED)
				printf("  〔%s〕", unit_status_title(u[i].status));
			if (u[i].has_provincial_total)
				printf("  省考核得分 %s", points_fmt(u[i].provincial_total, p));
			if (u[i].provincial_grade != GRADE_NONE)
				printf("  省考核档次 %s", scheme_grade_name(svc_grading(s, u[i].kind),
									       u[i].provincial_grade));
			if (u[i].applied_grade)
				printf("  申报档次 %s", u[i].applied_grade);
			putchar('\n');
		}
	}
	unit_list_free(u, n);
	return EXIT_OK;
}

int cmd_unit_edit(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {
		{"--name", OPT_TEXT}, {"--parent", OPT_TEXT}, {"--industry", OPT_TEXT},
		{"--order", OPT_INT}, {"--status", OPT_TEXT}, {"--provincial-total", OPT_POINTS},
		{"--provincial-grade", OPT_TEXT}, {"--applied-grade", OPT_TEXT}, {NULL},
	};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("unit edit");
	struct svc_unit_fields f = {.name = opt_get(opts, "--name")->text,
		.parent = opt_get(opts, "--parent")->text, .industry = opt_get(opts, "--industry")->text,
		.status = opt_get(opts, "--status")->text,
		.provincial_grade = opt_get(opts, "--provincial-grade")->text,
		.applied_grade = opt_get(opts, "--applied-grade")->text, .order = opt_get(opts, "--order")->text};
	if (opt_get(opts, "--provincial-total")->set) {
		f.set_total = true;
		f.provincial_total = opt_get(opts, "--provincial-total")->points;
	}
	if (svc_unit_edit(s, pos[0], &f) != 0)
		return cli_fail(s, NULL);
	printf("已修改：%s\n", f.name ? f.name : pos[0]);
	return EXIT_OK;
}

int cmd_unit_remove(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--reason", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("unit remove");
	if (svc_unit_remove(s, pos[0], opt_get(opts, "--reason")->text) != 0)
		return cli_fail(s, NULL);
	printf("已删除单位：%s（原因已记录）\n", pos[0]);
	return EXIT_OK;
}

int cmd_unit_import(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("unit import");
	struct csv_source src;
	struct cli_file *f = cli_file_source(pos[0], &src);
	if (!f)
		return EXIT_REJECTED;
	long long rows;
	int rc = svc_unit_import(s, &src, pos[0], &rows);
	cli_file_close(f);
	if (rc != 0)
		return cli_fail(s, pos[0]);
	printf("已导入 %lld 行\n", rows);
	return EXIT_OK;
}

int cmd_team_add(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("team add");
	if (svc_team_add(s, pos[0]) != 0)
		return cli_fail(s, NULL);
	printf("已建立考核组：%s\n", pos[0]);
	return EXIT_OK;
}

int cmd_team_member(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--role", OPT_TEXT}, {"--title", OPT_TEXT}, {"--contact", OPT_TEXT}, {NULL}};
	char *pos[2];
	if (args_parse(argc, argv, opts, pos, 2) != 2)
		return cli_usage("team member");
	if (svc_team_member(s, pos[0], pos[1], opt_get(opts, "--role")->text, opt_get(opts, "--title")->text,
			    opt_get(opts, "--contact")->text) != 0)
		return cli_fail(s, NULL);
	printf("已加入%s：%s\n", pos[0], pos[1]);
	return EXIT_OK;
}

int cmd_team_assign(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[64];
	int n = args_parse(argc, argv, opts, pos, 64);
	if (n < 2)
		return cli_usage("team assign");
	for (int i = 1; i < n; i++)
		if (svc_team_assign(s, pos[0], pos[i]) != 0)
			return cli_fail(s, NULL);
	printf("已将 %d 个单位列入%s的考核范围\n", n - 1, pos[0]);
	return EXIT_OK;
}

int cmd_team_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("team list");
	struct team *t;
	int n;
	if (svc_team_list(s, &t, &n) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < n; i++) {
		printf("%s\n", t[i].name);
		for (int k = 0; k < t[i].nmembers; k++) {
			const struct team_member *m = &t[i].members[k];
			printf("  ");
			cli_pad(team_role_title(m->role), 8);
			fputs(m->name, stdout);
			if (m->title)
				printf("  %s", m->title);
			if (m->contact)
				printf("  %s", m->contact);
			putchar('\n');
		}
		printf("  考核范围：");
		for (int k = 0; k < t[i].nunits; k++)
			printf("%s%s", k ? "、" : "", t[i].units[k]);
		printf("%s\n", t[i].nunits ? "" : "（未指定）");
	}
	team_list_free(t, n);
	return EXIT_OK;
}
