/* cli.h: the command line: one registration table (commands.c) with each
 * command's usage, help and what it needs (a database, a year), and the
 * helpers every command uses. A command parses its arguments, calls the
 * service (src/service) and renders what comes back; main opens and
 * closes the session. Every word printed for a user is Chinese. */
#ifndef KAOHE_CLI_H
#define KAOHE_CLI_H

#include <stdbool.h>

#include "../core/scheme.h"
#include "../core/util.h"
#include "../service/service.h"

enum {
	CMD_DB = 1 << 0,        /* opens the database */
	CMD_NO_YEAR = 1 << 1,   /* does not need a year */
	CMD_CREATE = 1 << 2,    /* may create the database file */
	CMD_WRITES = 1 << 3,    /* changes the database; without it the
				   session is read-only (svc_read_only) */
};

/* A command that performs no service operation of its own (help, the
 * scheme tools, serve, whose routes each ask for theirs). */
#define OP_NONE (-1)

struct command {
	const char *name;       /* "scheme show" */
	int (*run)(struct svc *s, int argc, char **argv);   /* argv[0] is the last name word;
							       s NULL without CMD_DB */
	unsigned flags;
	int op;                 /* the service operation it performs (enum
				   svc_op), or OP_NONE: who may run it, said by
				   `help` from the service's own table */
	const char *usage;      /* "scheme show 方案名|文件 [--json]" */
	const char *help;       /* one line */
};

extern const struct command commands[];

/* Exit statuses: 0 success, 1 the input was rejected, 2 wrong usage. */
enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2 };

/* Global options, set by main() from -d/--db, KAOHE_DB, --year, --user. */
struct cli_env {
	const char *db_path;
	int year;
	const char *account;    /* act as this account (its role applies) */
};
extern struct cli_env cli_env;

/* The database path: -d, else KAOHE_DB, else ./kaohe.db. */
const char *cli_db_path(void);
/* Opens a session on path and sets who acts (the account given, else the
 * local owner as the office). Prints the problem and returns NULL on
 * failure. */
struct svc *cli_session(const char *path, bool create, bool need_year);

/* Prints "kaohe: message" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the service's error: every problem (located in file, if given),
 * then the message. Returns EXIT_REJECTED. */
int cli_fail(struct svc *s, const char *file);
/* The same for an error not held by a session (opening one). */
void cli_error_of(const struct svc_error *e, const char *file);
/* Prints every message of d to stderr, located in file. */
/* Prints j (indented) and frees it. */
struct cJSON;
void cli_print_json(struct cJSON *j);
void cli_print_diag(const struct diag *d, const char *file);
/* Prints the usage line of a command to stderr; returns EXIT_USAGE. */
int cli_usage(const char *name);

/* Prints s left-aligned in `width` terminal columns (CJK counts 2). */
void cli_pad(const char *s, int width);
/* Prints s right-aligned in `width` columns. */
void cli_rpad(const char *s, int width);

/* Reads a whole file (at most max bytes). Returns 0 or -1 with a message
 * in d. */
int read_file(const char *path, size_t max, char **data, size_t *len, struct diag *d);
/* A CSV source reading a file twice from disk (the service decides the
 * encoding on the first pass): opened with cli_file_source, closed with
 * cli_file_close. */
struct cli_file;
struct cli_file *cli_file_source(const char *path, struct csv_source *src);
void cli_file_close(struct cli_file *f);

/* Loads a built-in scheme by name, or a scheme file. NULL with messages in d. */
struct scheme *scheme_load(const char *name_or_file, struct diag *d);

/* The positive number a person typed (a task, accident or objection
 * number), or -1 after saying what is wrong (listed_by: the command that
 * lists them, or NULL). */
long long cli_number(const char *text, const char *what, const char *listed_by);

/* The grade words for a stored result's proposal or decision ("—" if none). */
const char *grade_or_dash(const struct scheme *grading, enum grade g);

#define CMD(name) int cmd_##name(struct svc *s, int argc, char **argv)
CMD(help); CMD(version);
CMD(scheme_list); CMD(scheme_show); CMD(scheme_check); CMD(scheme_draft); CMD(scheme_add);
CMD(init); CMD(key_new); CMD(approve); CMD(reopen); CMD(publish); CMD(audit); CMD(backup); CMD(demo);
CMD(unit_add); CMD(unit_list); CMD(unit_edit); CMD(unit_import); CMD(unit_remove);
CMD(team_add); CMD(team_member); CMD(team_assign); CMD(team_list);
CMD(sample_draw); CMD(sample_set); CMD(sample_list);
CMD(score_set); CMD(score_clear); CMD(score_import);
CMD(accident_add); CMD(accident_list); CMD(accident_import); CMD(accident_remove);
CMD(industry_set); CMD(industry_list); CMD(veto_add); CMD(veto_list); CMD(veto_remove);
CMD(daily_task); CMD(daily_record); CMD(daily_rule); CMD(daily_list);
CMD(compute); CMD(status); CMD(results); CMD(explain); CMD(grade_set); CMD(export);
CMD(objection_file); CMD(objection_list); CMD(objection_answer); CMD(objection_period);
CMD(consent); CMD(progress); CMD(score_set_many); CMD(serve);
CMD(report_results); CMD(report_sheet); CMD(report_sheets); CMD(report_chart); CMD(template);
CMD(review_list); CMD(review_submit); CMD(review_return); CMD(review_verify);
CMD(material_add); CMD(material_link); CMD(material_list); CMD(material_remove); CMD(material_zip);
CMD(material_checklist);
CMD(user_add); CMD(user_list); CMD(user_disable); CMD(user_passwd);
#undef CMD

#endif
