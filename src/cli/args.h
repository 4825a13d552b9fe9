/* args.h: command-line options: each command declares its options in a
 * table; values are checked here, so commands see typed, valid values. */
#ifndef KAOHE_ARGS_H
#define KAOHE_ARGS_H

#include <stdbool.h>

#include "../core/points.h"

enum opt_type { OPT_FLAG, OPT_TEXT, OPT_INT, OPT_POINTS };

struct opt {
	const char *name;       /* "--count" */
	enum opt_type type;
	/* filled by args_parse */
	bool set;
	const char *text;
	long long num;
	points_t points;
};

/* Parses argv[1..] against opts (terminated by a NULL name). Positional
 * arguments are collected into pos (at most maxpos). Returns the number of
 * positionals, or -1 after printing the problem; the caller then prints its
 * usage (cli_usage), as it does when the count is wrong. */
int args_parse(int argc, char **argv, struct opt *opts, char **pos, int maxpos);

/* The option named name (must exist in opts). */
struct opt *opt_get(struct opt *opts, const char *name);

#endif
