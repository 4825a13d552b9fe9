/* cli.h: the command line: one registration table (commands.c) and the
 * helpers every command uses. Every word printed for a user is Chinese. */
#ifndef KAOHE_CLI_H
#define KAOHE_CLI_H

#include <stdbool.h>

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
/* Prints s left-aligned in `width` terminal columns (CJK counts 2). */
void cli_pad(const char *s, int width);
/* Prints s right-aligned in `width` columns. */
void cli_rpad(const char *s, int width);

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

/* Global options, set by main() from -d/--db, KAOHE_DB and --year. */
struct cli_env {
	const char *db_path;
	int year;
};
extern struct cli_env cli_env;

struct db;
/* Opens the database and selects the year; prints the problem and returns
 * NULL on failure. create: make the file if absent (init, demo). */
struct db *cli_open(bool create, bool need_year);
/* Prints the database's error and returns EXIT_REJECTED. */
int cli_db_error(struct db *db);
/* Runs fn inside a write transaction on the current year (refused when the
 * year is approved); prints the error on failure. Returns an exit status. */
int cli_write(struct db *db, int (*fn)(struct db *db, void *arg), void *arg);

struct csv;
/* Reads and parses a CSV file, printing its problems; *digest (if not
 * NULL) receives the file's SHA-256 in hex (caller frees). */
int cli_read_csv(const char *path, struct csv *c, char **digest);
/* A whole import command: reads the CSV named by the one argument and
 * runs fn in one transaction: all rows or none. (Findings files are
 * streamed instead: cmd_score_import.) */
int cli_import_csv(const char *cmd, int argc, char **argv,
		   int (*fn)(struct db *, const struct csv *, const char *, struct diag *));
/* SHA-256 of a buffer, in hex; caller frees. */
char *sha256_hex(const char *data, size_t len);

/* Opens the database on the current year, runs fn in a write
 * transaction, closes. Returns an exit status (errors printed). */
int cli_write_year(int (*fn)(struct db *db, void *arg), void *arg);

int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_scheme_list(int argc, char **argv);
int cmd_scheme_show(int argc, char **argv);
int cmd_scheme_check(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_unit_add(int argc, char **argv);
int cmd_unit_list(int argc, char **argv);
int cmd_unit_edit(int argc, char **argv);
int cmd_unit_import(int argc, char **argv);
int cmd_unit_remove(int argc, char **argv);
int cmd_team_add(int argc, char **argv);
int cmd_team_member(int argc, char **argv);
int cmd_team_assign(int argc, char **argv);
int cmd_team_list(int argc, char **argv);
int cmd_sample_draw(int argc, char **argv);
int cmd_sample_set(int argc, char **argv);
int cmd_sample_list(int argc, char **argv);
int cmd_score_set(int argc, char **argv);
int cmd_score_clear(int argc, char **argv);
int cmd_score_import(int argc, char **argv);
int cmd_accident_add(int argc, char **argv);
int cmd_accident_list(int argc, char **argv);
int cmd_accident_import(int argc, char **argv);
int cmd_veto_add(int argc, char **argv);
int cmd_veto_list(int argc, char **argv);
int cmd_veto_remove(int argc, char **argv);
int cmd_accident_remove(int argc, char **argv);
int cmd_industry_set(int argc, char **argv);
int cmd_industry_list(int argc, char **argv);
int cmd_daily_task(int argc, char **argv);
int cmd_daily_record(int argc, char **argv);
int cmd_daily_rule(int argc, char **argv);
int cmd_daily_list(int argc, char **argv);
int cmd_compute(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_results(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_grade_set(int argc, char **argv);
int cmd_approve(int argc, char **argv);
int cmd_reopen(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_demo(int argc, char **argv);

#endif
