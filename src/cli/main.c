/* main.c: finds the command in the registration table and runs it. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
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
