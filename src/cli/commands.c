/* commands.c: the registration table of every kaohe command, with its
 * usage and help text beside it, so `kaohe help` never drifts. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

const struct command commands[] = {
	{"help", cmd_help, "help [命令]", "显示命令说明"},
	{"version", cmd_version, "version", "显示版本"},
	{"scheme list", cmd_scheme_list, "scheme list", "列出内置考核方案"},
	{"scheme show", cmd_scheme_show, "scheme show 方案名|文件 [--json]",
	 "显示方案的完整结构：编号、分值、原文、考核方式和规则说明"},
	{"scheme check", cmd_scheme_check, "scheme check 文件…",
	 "检查方案文件，逐条报告问题（文件:行号: 说明）"},
	{NULL, NULL, NULL, NULL},
};

int cli_usage(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			fprintf(stderr, "用法：kaohe %s\n", c->usage);
	return EXIT_USAGE;
}

int cmd_help(int argc, char **argv)
{
	if (argc > 1) {
		int found = 0;
		for (const struct command *c = commands; c->name; c++)
			if (strncmp(c->name, argv[1], strlen(argv[1])) == 0) {
				printf("kaohe %s\n    %s\n", c->usage, c->help);
				found = 1;
			}
		if (!found) {
			cli_error("未知的命令“%s”", argv[1]);
			return EXIT_USAGE;
		}
		return EXIT_OK;
	}
	puts("kaohe — 安全生产目标考核系统\n\n用法：kaohe 命令 [参数]\n");
	for (const struct command *c = commands; c->name; c++)
		printf("  %-40s %s\n", c->usage, c->help);
	puts("\n退出状态：0 成功；1 输入有误被拒绝；2 用法错误。");
	return EXIT_OK;
}

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	puts("kaohe " KAOHE_VERSION);
	return EXIT_OK;
}
