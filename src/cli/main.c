/* main.c: finds the command in the registration table and runs it. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Takes the global options (-d FILE, --db FILE, --year N) out of argv,
 * wherever they stand. Returns the new argc, or -1 on a bad value. */
static int take_globals(int argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-d") == 0 || strcmp(a, "--db") == 0 || strcmp(a, "--year") == 0) {
			if (i + 1 >= argc) {
				cli_error("选项 %s 需要一个值", a);
				return -1;
			}
			const char *v = argv[++i];
			if (a[2] == 'y') {
				char *end;
				long y = strtol(v, &end, 10);
				if (*end || y < 2000 || y > 2999) {
					cli_error("年度“%s”须是 2000 到 2999 之间的整数", v);
					return -1;
				}
				cli_env.year = (int)y;
			} else {
				cli_env.db_path = v;
			}
			continue;
		}
		argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

int main(int argc, char **argv)
{
	argc = take_globals(argc, argv);
	if (argc < 0)
		return EXIT_USAGE;
	if (argc < 2) {
		cmd_help(0, NULL);
		return EXIT_USAGE;
	}
	/* Longest match: "scheme show" before "scheme". */
	const struct command *best = NULL;
	int best_words = 0;
	for (const struct command *c = commands; c->name; c++) {
		char name[64];
		snprintf(name, sizeof name, "%s", c->name);
		int words = 0, ok = 1;
		for (char *w = strtok(name, " "); w; w = strtok(NULL, " ")) {
			if (1 + words >= argc || strcmp(argv[1 + words], w) != 0) {
				ok = 0;
				break;
			}
			words++;
		}
		if (ok && words > best_words) {
			best = c;
			best_words = words;
		}
	}
	if (!best) {
		/* "kaohe scheme" alone: list the commands that start with it. */
		size_t len = strlen(argv[1]);
		int group = 0;
		for (const struct command *c = commands; c->name; c++)
			if (strncmp(c->name, argv[1], len) == 0 && c->name[len] == ' ') {
				if (!group++)
					fprintf(stderr, "kaohe %s 的子命令：\n", argv[1]);
				fprintf(stderr, "  kaohe %-40s %s\n", c->usage, c->help);
			}
		if (!group)
			cli_error("未知的命令“%s”。运行 kaohe help 查看全部命令。", argv[1]);
		return EXIT_USAGE;
	}
	return best->run(argc - best_words, argv + best_words);
}
