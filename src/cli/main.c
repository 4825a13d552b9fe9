/* main.c: takes the global options, finds the command in the registration
 * table, opens the session the command needs, runs it, closes. */
#include "cli.h"
#include "../core/date.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct cli_env cli_env;

/* Takes the global options (-d FILE, --db FILE, --year N, --user NAME)
 * out of argv, wherever they stand. Returns the new argc, or -1 on a bad
 * value. */
static int take_globals(int argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-d") == 0 || strcmp(a, "--db") == 0 || strcmp(a, "--year") == 0 ||
		    strcmp(a, "--user") == 0) {
			if (i + 1 >= argc) {
				cli_error("选项 %s 需要一个值", a);
				return -1;
			}
			const char *v = argv[++i];
			if (strcmp(a, "--year") == 0) {
				char *end;
				long y = strtol(v, &end, 10);
				if (*end || y < YEAR_MIN || y > YEAR_MAX) {
					cli_error("年度“%s”须是 %d 到 %d 之间的整数", v, YEAR_MIN, YEAR_MAX);
					return -1;
				}
				cli_env.year = (int)y;
			} else if (strcmp(a, "--user") == 0) {
				cli_env.account = v;
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

const char *cli_db_path(void)
{
	const char *path = cli_env.db_path;
	if (!path)
		path = getenv("KAOHE_DB");
	return path && *path ? path : "kaohe.db";
}

/* The local owner's name: KAOHE_USER, else the login name. */
static const char *local_name(void)
{
	const char *u = getenv("KAOHE_USER");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

struct svc *cli_session(const char *path, bool create, bool need_year)
{
	struct svc_error err;
	struct svc_options o = {path, create, cli_env.year, !need_year};
	struct svc *s = svc_open(&o, &err);
	if (!s) {
		cli_error_of(&err, NULL);
		svc_error_clear(&err);
		return NULL;
	}
	if (cli_env.account) {
		if (svc_act_as(s, cli_env.account) != 0) {
			cli_fail(s, NULL);
			svc_close(s);
			return NULL;
		}
	} else {
		svc_act_local(s, local_name());
	}
	return s;
}

int main(int argc, char **argv)
{
	/* Assessment data before publication is confidential: the database,
	 * its -wal and -shm, backups, exports and reports are the owner's
	 * alone (0600, directories 0700), whatever the caller's umask. */
	umask(077);
	argc = take_globals(argc, argv);
	if (argc < 0)
		return EXIT_USAGE;
	if (argc < 2) {
		cmd_help(NULL, 0, NULL);
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
	struct svc *s = NULL;
	if (best->flags & CMD_DB) {
		s = cli_session(cli_db_path(), best->flags & CMD_CREATE, !(best->flags & CMD_NO_YEAR));
		if (!s)
			return EXIT_REJECTED;
		svc_read_only(s, !(best->flags & CMD_WRITES));
	}
	int rc = best->run(s, argc - best_words, argv + best_words);
	svc_close(s);
	return rc;
}
