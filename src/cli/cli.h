/* cli.h: the command line: one registration table (commands.c) and the
 * helpers every command uses. Every word printed for a user is Chinese. */
#ifndef KAOHE_CLI_H
#define KAOHE_CLI_H

#include "../core/scheme.h"
#include "../core/util.h"

struct command {
	const char *name;       /* "scheme show" */
	int (*run)(int argc, char **argv);   /* argv[0] is the last name word */
	const char *usage;      /* "scheme show 方案名|文件 [--json]" */
	const char *help;       /* one line */
};

extern const struct command commands[];

/* Exit statuses: 0 success, 1 the input was rejected, 2 wrong usage. */
enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2 };

/* Prints "kaohe: message" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints every message of d to stderr, one per line. */
void cli_print_diag(const struct diag *d);
/* Prints the usage line of a command to stderr; returns EXIT_USAGE. */
int cli_usage(const char *name);

/* errno in Chinese (the common cases; strerror otherwise). */
const char *errno_words(int e);

/* Reads a whole file (at most max bytes). Returns 0 or -1 with a message
 * in d. */
int read_file(const char *path, size_t max, char **data, size_t *len, struct diag *d);

/* Loads a built-in scheme by name, or a scheme file. NULL with messages in d. */
struct scheme *scheme_load(const char *name_or_file, struct diag *d);

int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_scheme_list(int argc, char **argv);
int cmd_scheme_show(int argc, char **argv);
int cmd_scheme_check(int argc, char **argv);

#endif
