/* cmd_user.c: kaohe user add | list | disable | passwd. Passwords are read
 * from standard input (never from the command line, where other users of
 * the machine could see them). */
#include "args.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line of standard input, without its line end (heap), or NULL. */
static char *read_line(void)
{
	struct buf b = {0};
	int c;
	while ((c = getchar()) != EOF && c != '\n')
		buf_putc(&b, (char)c);
	if (c == EOF && b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	if (b.len && b.p[b.len - 1] == '\r')
		b.p[--b.len] = '\0';
	return buf_take(&b);
}

int cmd_user_add(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--role", OPT_TEXT}, {"--team", OPT_TEXT}, {"--industry", OPT_TEXT},
			     {"--unit", OPT_TEXT}, {"--password-stdin", OPT_FLAG}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1 || !opt_get(opts, "--role")->set)
		return cli_usage("user add");
	if (!opt_get(opts, "--password-stdin")->set) {
		cli_error("密码须从标准输入读取（--password-stdin）");
		return cli_usage("user add");
	}
	int role = role_parse(opt_get(opts, "--role")->text);
	if (role < 0) {
		struct buf w = {0};
		role_words(&w);
		cli_error("未知的角色“%s”（%s）", opt_get(opts, "--role")->text, buf_str(&w));
		buf_free(&w);
		return EXIT_USAGE;
	}
	char *password = read_line();
	struct account a = {.name = pos[0], .role = (enum role)role,
		.team = (char *)opt_get(opts, "--team")->text,
		.industry = (char *)opt_get(opts, "--industry")->text,
		.unit = (char *)opt_get(opts, "--unit")->text};
	int rc = svc_user_add(s, &a, password ? password : "");
	if (password) {
		memset(password, 0, strlen(password));
		free(password);
	}
	if (rc != 0)
		return cli_fail(s, NULL);
	printf("已新建账号：%s（%s）\n", pos[0], role_title((enum role)role));
	return EXIT_OK;
}

int cmd_user_list(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("user list");
	struct account *a;
	int n;
	if (svc_user_list(s, &a, &n) != 0)
		return cli_fail(s, NULL);
	for (int i = 0; i < n; i++) {
		cli_pad(a[i].name, 16);
		cli_pad(role_title(a[i].role), 14);
		if (a[i].team)
			printf("考核组 %s  ", a[i].team);
		if (a[i].industry)
			printf("行业 %s  ", a[i].industry);
		if (a[i].unit)
			printf("单位 %s  ", a[i].unit);
		printf("%s\n", a[i].disabled ? "〔已停用〕" : "");
	}
	account_list_free(a, n);
	return EXIT_OK;
}

int cmd_user_disable(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--enable", OPT_FLAG}, {"--reason", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("user disable");
	bool enable = opt_get(opts, "--enable")->set;
	if (svc_user_disable(s, pos[0], !enable, opt_get(opts, "--reason")->text) != 0)
		return cli_fail(s, NULL);
	printf("已%s账号：%s\n", enable ? "启用" : "停用", pos[0]);
	return EXIT_OK;
}

int cmd_user_passwd(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--password-stdin", OPT_FLAG}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1 || !opt_get(opts, "--password-stdin")->set)
		return cli_usage("user passwd");
	/* Acting as the account itself, the old password comes first. */
	const struct account *me = svc_actor(s);
	bool self = cli_env.account && me && strcmp(me->name, pos[0]) == 0;
	char *old = self ? read_line() : NULL;
	char *password = read_line();
	int rc = svc_user_passwd(s, pos[0], old, password ? password : "");
	free(old);
	free(password);
	if (rc != 0)
		return cli_fail(s, NULL);
	printf("已更改账号 %s 的密码\n", pos[0]);
	return EXIT_OK;
}
