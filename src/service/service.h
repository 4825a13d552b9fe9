/* service.h: the one API every surface calls (the command line, the web
 * application, the reports). A surface parses what a person gave it,
 * calls one function here, and renders what comes back; every rule,
 * check, permission and transaction is here or below.
 *
 * Conventions: functions return 0 (or an id > 0) on success and -1 on
 * failure; the failure is data (svc_error): a code, a message in Chinese
 * without any surface's syntax, the field concerned and, for an import,
 * every problem with its row and column. A refused call changes nothing.
 * Records handed out are the caller's (free them with the core's *_free
 * functions, core/records.h). Each operation checks the acting user's
 * role before anything else (auth.c, one table). */
#ifndef KAOHE_SERVICE_H
#define KAOHE_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/csv.h"
#include "../core/records.h"
#include "../core/score.h"

struct svc;

/* The longest text a person may type in each kind of field, in characters
 * (the service refuses longer; a form says the same with maxlength, from
 * these, written as plain numbers so that KAOHE_STR can spell them). */
#define TEXT_NOTE_MAX 500         /* a note, reason or remark */
#define TEXT_LONG_MAX 2000        /* an objection, its evidence, an answer, a link */
#define TEXT_TITLE_MAX 200        /* a file name, a material's title, a document's number */
#define KAOHE_STR_(x) #x
#define KAOHE_STR(x) KAOHE_STR_(x)

/* Every operation a surface can ask for, by what it touches. One table in
 * auth.c says which roles may do each, and within what scope. */
enum svc_op {
	OP_YEAR_INIT,
	OP_UNIT_WRITE, OP_UNIT_READ,
	OP_TEAM_WRITE, OP_TEAM_READ,
	OP_SAMPLE_WRITE, OP_SAMPLE_READ,
	OP_SCORE_WRITE,
	OP_EVENT_WRITE, OP_EVENT_READ,
	OP_DAILY_WRITE, OP_DAILY_READ,
	OP_COMPUTE, OP_STATUS, OP_EXPLAIN, OP_RESULTS_READ,
	OP_DECIDE, OP_APPROVE, OP_PUBLISH,
	OP_AUDIT_READ, OP_AUDIT_VERIFY, OP_BACKUP,
	OP_CONSENT,
	OP_REVIEW_READ, OP_REVIEW_SUBMIT, OP_REVIEW_VERIFY,
	OP_MATERIAL_READ, OP_MATERIAL_WRITE,
	OP_OBJECTION_FILE, OP_OBJECTION_READ, OP_OBJECTION_ANSWER,
	OP_USER_ADMIN, OP_USER_SELF,
	OP_GRID_READ,
	OP_COUNT
};

/* May the acting user do op on the county or department named (its owner
 * for a sampled unit; NULL: an operation on no unit)? A question for a
 * surface deciding whether to show a link or a button; the answer is the
 * one the operation itself will give. No error is left behind. */
bool svc_permits(struct svc *s, enum svc_op op, const char *unit);
/* Who may do op, from the same table, in words: "安委办、考核组组长、考核组
 * 成员（考核组限本组考核范围）". */
void svc_op_roles(enum svc_op op, struct buf *out);
/* Makes the session read-only (on) or not: every write is then refused,
 * so that a command that only reads can never change the file. */
void svc_read_only(struct svc *s, bool on);


enum svc_code {
	SVC_OK = 0,
	SVC_INVALID,      /* the input is wrong: fix it and try again */
	SVC_NOT_FOUND,    /* no such unit, item, account, year … */
	SVC_FORBIDDEN,    /* the acting user's role does not allow it */
	SVC_CONFLICT,     /* not in this state: approved, stale, in use, exists */
	SVC_BUSY,         /* another writer held the database too long */
	SVC_FAILED,       /* the system failed: disk full, read-only, I/O */
};

/* What a person can do next about a refusal; each surface says it in its
 * own words (the command line names the command, the web the button). */
enum svc_next {
	SVC_NEXT_NONE = 0,
	SVC_NEXT_COMPUTE,         /* compute the results again */
	SVC_NEXT_REOPEN,          /* the year is approved: reopen it first */
	SVC_NEXT_INIT,            /* there is no year yet: create one */
	SVC_NEXT_OVERWRITE,       /* the file exists: say so to replace it */
	SVC_NEXT_SIGN,            /* the year has a signing key: approve signing with it */
	SVC_NEXT_KEY_NEW,         /* the year has no signing key: make one first */
};

struct svc_error {
	enum svc_code code;
	char *message;            /* one line */
	char *field;              /* the input field concerned, or NULL */
	struct diag problems;     /* every problem of an input, at its row and column */
	enum svc_next next;
};
void svc_error_clear(struct svc_error *e);
/* A copy of src the caller owns (svc_error_clear). */
void svc_error_copy(struct svc_error *dst, const struct svc_error *src);

/* ---- sessions ------------------------------------------------------------ */

struct svc_options {
	const char *path;         /* the database file */
	bool create;              /* make the file if it does not exist */
	int year;                 /* 0: the latest */
	bool no_year;             /* do not choose a year (init, accounts) */
};

/* Opens a session on the database. Until svc_act_* is called, the session
 * acts as nobody and every operation is refused. NULL with *err filled on
 * failure. */
struct svc *svc_open(const struct svc_options *o, struct svc_error *err);
void svc_close(struct svc *s);
const struct svc_error *svc_err(const struct svc *s);

/* Nobody acts (between two requests of a server): every operation is
 * refused until svc_act_* is called again. */
void svc_act_none(struct svc *s);
/* The owner of the database file acting locally without an account (the
 * command line) is the office, recorded under `name`. */
void svc_act_local(struct svc *s, const char *name);
/* Acts as an account (the command line naming one): its role and scope
 * apply. Fails if the account does not exist or is disabled. */
int svc_act_as(struct svc *s, const char *account);
/* Checks a password and acts as that account (the web's sign-in). An
 * unknown name and a wrong password get the same message. */
int svc_sign_in(struct svc *s, const char *name, const char *password);
/* The acting user: name, role and scope. */
const struct account *svc_actor(const struct svc *s);

int svc_year(const struct svc *s);
/* A number that grows with every change to the file, whoever makes it
 * (the newest audit record: every change is on the record); a page made
 * at one version holds until the version changes. */
long long svc_version(struct svc *s);
bool svc_approved(const struct svc *s);
bool svc_published(const struct svc *s);
/* Chooses the year to work on (0: the latest). */
int svc_use_year(struct svc *s, int year);
/* The scheme of the current year for a kind of assessed unit. */
const struct scheme *svc_scheme(struct svc *s, enum unit_kind kind);
/* The scheme whose grade names units of kind use, or NULL (the standard
 * names: scheme_grade_name); never fails. */
const struct scheme *svc_grading(struct svc *s, enum unit_kind kind);

/* ---- the year ------------------------------------------------------------ */

struct svc_text {
	const char *file;         /* the name shown in messages */
	const char *text;
	size_t len;
};

/* A new year from two schemes: the built-in pair TEMPLATE-county and
 * TEMPLATE-department, or a scheme text in place of either. */
int svc_year_init(struct svc *s, int year, const char *template_name, const struct svc_text *county,
		  const struct svc_text *department);
/* Adds to the current year the scheme of a kind of unit besides county
 * and department (its `unit:`, e.g. school), one per kind; refused once
 * the year is approved. *title (if not NULL) receives the kind's Chinese
 * name (caller frees). */
int svc_scheme_add(struct svc *s, const struct svc_text *t, char **title);
/* The kinds of unit the current year assesses, one scheme each: county
 * and department first, then the kinds added (caller frees *kinds). */
int svc_kinds(struct svc *s, enum unit_kind **kinds, int *n);
/* A kind by code word or Chinese name, the current year's added kinds
 * included; -1 if unknown (no error set). */
int svc_kind_parse(struct svc *s, const char *word);
/* A new year carrying over what the year `from` set up (its schemes,
 * units, teams, industry table, daily tasks and deductions), without its
 * findings, samples, accidents, results or states. */
int svc_year_init_from(struct svc *s, int year, int from);
/* The assessment window ("YYYY-MM-DD", NULL if none). Caller frees. */
int svc_year_window(struct svc *s, char **from, char **to);
/* What the current year records about itself (storage/year.h's struct,
 * free with svc_year_info_clear). */
struct svc_year_info {
	int year;
	char *title, *template_name, *window_from, *window_to;
	char *objection_from, *objection_to, *consent_date, *consent_ref;
	bool approved, published;
	int *years;               /* every year in the file, oldest first */
	int nyears;
};
int svc_year_info(struct svc *s, struct svc_year_info *out);
void svc_year_info_clear(struct svc_year_info *y);

/* ---- units and teams ------------------------------------------------------ */

/* The fields of a unit to set: NULL (false for set_total) leaves a field
 * as it is when editing. Words are the code words or their Chinese
 * (county / 县区; assessed / 市考核), the order as typed ("3", "３"). An
 * empty parent or industry clears it; no order (NULL or empty) places a
 * new unit after the last of its kind. */
struct svc_unit_fields {
	const char *name, *kind, *parent, *industry, *status, *provincial_grade;
	const char *applied_grade;   /* 申报档次, a grade of the unit's scheme; "" clears */
	const char *order;        /* the place in the official order (unit_order_parse) */
	bool set_total;
	points_t provincial_total;
};
/* out (if not NULL) receives the unit as stored. */
int svc_unit_add(struct svc *s, const struct svc_unit_fields *f, struct unit *out);
int svc_unit_edit(struct svc *s, const char *name, const struct svc_unit_fields *f);
int svc_unit_remove(struct svc *s, const char *name, const char *reason);
int svc_unit_list(struct svc *s, int kind, struct unit **out, int *n);
int svc_unit_get(struct svc *s, const char *name, struct unit *out);
/* Units from a CSV (名称, 类型, 上级, 行业, 顺序, 状态): all rows or none. */
int svc_unit_import(struct svc *s, const struct csv_source *src, const char *file, long long *rows);

int svc_team_add(struct svc *s, const char *name);
int svc_team_member(struct svc *s, const char *team, const char *person, const char *role,
		    const char *title, const char *contact);
int svc_team_assign(struct svc *s, const char *team, const char *unit);
int svc_team_list(struct svc *s, struct team **out, int *n);

/* ---- spot checks ---------------------------------------------------------- */

/* counts[k] by enum sample_kind: -1 as many as the scheme allows and the
 * county has; 0 leave that kind as it is; else that many. */
int svc_sample_draw(struct svc *s, const char *county, bool has_seed, uint64_t seed,
		    const int counts[4], struct spot_report *out);
int svc_sample_set(struct svc *s, const char *county, char *const *units, int n,
		   struct spot_report *out);
int svc_sample_list(struct svc *s, const char *county, struct spot **out, int *n);

/* ---- findings --------------------------------------------------------------- */

/* One finding for a unit (a county or department, or a sampled county
 * department or enterprise under its own name): f->code, the form and
 * value, an optional note. */
int svc_score_set(struct svc *s, const char *unit, const struct finding *f);
/* Removes a unit's finding for an item (code NULL: all its findings, for
 * a user who may enter each of them: a team never clears a score another
 * body entered). */
int svc_score_clear(struct svc *s, const char *unit, const char *code);
/* The same for the findings of one period of a periodic scheme (a
 * number from svc_period; 0 the year). */
int svc_score_clear_period(struct svc *s, const char *unit, int period, const char *code);
/* Reads the period a person wrote for unit's findings ("Q2", "2017-03";
 * NULL or "" the year), against the unit's scheme (core/period.h):
 * 0 with *period set, or -1 with the error (field "period"): a period
 * the scheme does not assess, one given to a year-only scheme, none
 * given to a periodic one. A finding carries the number (f->period). */
int svc_period(struct svc *s, const char *unit, const char *text, int *period);
/* Which nodes of unit's sheet the acting user may enter now, by node
 * index of its scheme (the entry page shows inputs there; the service
 * still checks every entry); NULL if none. Caller frees. */
bool *svc_enterable(struct svc *s, const char *unit);
/* The same for the sheet of one period of a periodic scheme (NULL for
 * period 0 there: the year is rolled up, not entered). */
bool *svc_enterable_period(struct svc *s, const char *unit, int period);
/* The sheet of unit (its owner's result) scored as if finding f were
 * entered, through every check of a real entry, and nothing stored: the
 * entry page's recomputation as a person types. */
struct svc_explain;
int svc_preview(struct svc *s, const char *unit, const struct finding *f, struct svc_explain *out);
/* Findings from several people at once (a server gathering the saves
 * that wait for the write lock): each part is checked and entered as its
 * own account, exactly as svc_score_set would, and undone alone if
 * refused (its rc and err say why); the parts kept are committed together
 * (one durable commit for all). The session acts as before afterwards. */
struct svc_batch_item {
	const char *account, *unit;
	struct finding finding;
	int rc;                   /* 0: stored */
	struct svc_error err;     /* the refusal, the caller's (svc_error_clear) */
};
int svc_score_set_batch(struct svc *s, struct svc_batch_item *items, int n);
/* The same finding for many units at once (the office setting one value
 * for every county): all or none. */
int svc_score_set_many(struct svc *s, char *const *units, int n, const struct finding *f);

struct svc_import_report {
	long long rows, replaced;
	long long unchanged;      /* rows that gave the value already stored */
	const char *encoding;     /* "UTF-8" or "GBK" */
};
/* Findings from a CSV (单位, 编号, 次数, 情形, 扣分, 得分, 不适用, 备注),
 * read row by row: all rows or none; every problem at its row and column. */
int svc_score_import(struct svc *s, const struct csv_source *src, const char *file,
		     struct svc_import_report *out);

/* ---- accidents, industries, vetoes, the daily assessment --------------------- */

int svc_accident_add(struct svc *s, struct accident_rec *a);
int svc_accident_list(struct svc *s, struct accident_rec **out, int *n);
int svc_accident_remove(struct svc *s, long long id, const char *reason);
/* Accidents from a CSV (县区, 日期, 死亡, 重伤, 损失, 行业, 瞒报, 谎报, 漏报,
 * 瞒报单位, 职业病危害, 等级, 备注): all rows or none. */
int svc_accident_import(struct svc *s, const struct csv_source *src, const char *file,
			long long *rows);
int svc_industry_set(struct svc *s, const char *industry, const char *department);
int svc_industry_list(struct svc *s, struct industry_row **out, int *n);
int svc_veto_add(struct svc *s, const char *unit, const char *cause, const char *reason);
int svc_veto_list(struct svc *s, struct veto_row **out, int *n);
int svc_veto_remove(struct svc *s, long long id, const char *reason);

/* Returns the task's number, or -1. */
long long svc_daily_task(struct svc *s, const char *title, const char *target, const char *kind,
			 const char *due);
int svc_daily_record(struct svc *s, long long task, const char *unit, const char *outcome,
		     long long days_late);
/* target NULL: every target of the year; a negative amount keeps it. */
int svc_daily_rule(struct svc *s, const char *target, const char *outcome, points_t deduct,
		   points_t per_day);
int svc_daily_list(struct svc *s, struct daily_task **out, int *n);

/* ---- editing an accident, reading the daily ledger (events.c) ---------------- */

/* Replaces accident id with a: the checks of svc_accident_add, one
 * transaction, on the record with the old and new values and the reason
 * (required); one that changes nothing is refused. Fills a->id,
 * a->department and a->department_registered. */
int svc_accident_edit(struct svc *s, long long id, struct accident_rec *a, const char *reason);

/* The outcomes recorded for daily task `task`, one per unit. */
struct svc_daily_outcome {
	char *unit;
	int outcome;              /* enum daily_outcome */
	long long days_late;
};
int svc_daily_outcomes(struct svc *s, long long task, struct svc_daily_outcome **out, int *n);
void svc_daily_outcomes_free(struct svc_daily_outcome *o, int n);
/* The year's deduction for each outcome that costs points (absent, late,
 * missing), per target the year's schemes have. Caller frees *out. */
struct svc_daily_rule {
	int target, outcome;      /* enum daily_target, enum daily_outcome */
	points_t deduct, per_day;
};
int svc_daily_rules(struct svc *s, struct svc_daily_rule **out, int *n);
/* Outcomes of one task for many units at once (the ledger's task page),
 * each checked as svc_daily_record: all or none. On a refusal the error's
 * message names the unit and its one problem is at the entry's row
 * (index + 1). No entries (a form with nothing changed) records nothing,
 * but only for a user who may record. */
struct svc_daily_entry {
	const char *unit, *outcome;
	long long days_late;
};
int svc_daily_record_many(struct svc *s, long long task, const struct svc_daily_entry *e, int n);

/* ---- the industry grid (grid.c) ---------------------------------------------- */

/* The scores entered by other bodies than the teams, county by county: the
 * industry scores (行业专项, rule.by BY_INDUSTRY, the title names the
 * industry) and 行政执法 (BY_ENFORCEMENT). Columns are the items the acting
 * user enters (an industry scorer its industry, the enforcement scorer
 * 行政执法), all of them for the office; rows the counties assessed by the
 * city, in order. */
struct svc_grid_cell {
	bool applies;             /* the item applies to the county (`only`) */
	bool entered;             /* a score or a not-applicable mark is stored */
	bool na;                  /* marked not applicable */
	const char *na_above;     /* the group above marked not applicable (its
				     code; the scheme's), else NULL */
	points_t score;           /* out of the item's scale */
	char *note;               /* NULL if none */
	bool can;                 /* the acting user may enter it now */
};
struct svc_grid {
	const struct node **items;    /* the columns: nodes of the county scheme */
	int nitems;
	struct unit *units;           /* the rows */
	int nunits;
	struct svc_grid_cell *cells;  /* nunits × nitems, row by row */
};
int svc_grid(struct svc *s, struct svc_grid *out);
void svc_grid_free(struct svc_grid *g);

/* ---- results -------------------------------------------------------------------- */

struct svc_compute_report {
	int scored, provincial, excluded, incomplete;
	struct diag notes;        /* "UNIT：结果未完成，缺少 …" per incomplete unit */
};
/* Scores every county and department, ranks each kind, applies the grade
 * quotas and stores the results; if any unit's findings cannot be scored
 * nothing is stored and every problem is in the error's problems. */
int svc_compute(struct svc *s, struct svc_compute_report *out);

/* Whether the stored results are current: 1 stale, 0 current, -1 none,
 * -2 could not be read (the error says why). */
int svc_results_stale(struct svc *s);
/* The stored results (kind -1: all), by kind and rank; with tree, every
 * node of every sheet. Free with stored_results_free. */
int svc_results(struct svc *s, int kind, bool tree, struct stored_result **out, int *n);
/* What every document states so that a filed paper can be matched to the
 * database: the year, its schemes, when the results it shows were
 * computed, and the audit log's head (number and hash) it was made from. */
struct svc_stamp {
	int year;
	char *county_scheme, *department_scheme;   /* their titles */
	char *computed_at;        /* UTC, NULL if never computed */
	int stale;                /* as svc_results_stale */
	long long seq;            /* the newest audit record */
	char head[65];            /* its hash */
	/* The head signed at approval (schema 7), if the year's approval was
	 * signed: its number, hash, the signature and the public key (hex);
	 * signed_seq 0 and "" otherwise. */
	long long signed_seq;
	char signed_hash[65];
	char signature[129];
	char public_key[65];
};
int svc_stamp(struct svc *s, struct svc_stamp *out);
void svc_stamp_clear(struct svc_stamp *st);
/* What a document or export needs of the stored results (the one
 * statement of it): STAMP_COMPUTED, some (a document made before the
 * next compute says it is out of date); STAMP_CURRENT, current (export
 * for other systems, which cannot show a mark). */
enum svc_stamp_need { STAMP_COMPUTED, STAMP_CURRENT };
/* svc_stamp, refused (SVC_CONFLICT, next step SVC_NEXT_COMPUTE) when
 * the results are not as need says. */
int svc_stamp_need(struct svc *s, enum svc_stamp_need need, struct svc_stamp *out);
/* One unit's stored result. */
int svc_result(struct svc *s, const char *unit, bool tree, struct stored_result *out);

/* A unit scored now from its current records, with the derivation of every
 * point (explain, and the entry page's recomputed sheet). proposed is the
 * stored proposal (with the grade quota) when results are current. */
struct svc_explain {
	struct unit unit;
	struct result *r;
	bool current;             /* results are current: proposed is the stored one */
	void *inputs;             /* the memory behind r */
};
int svc_explain(struct svc *s, const char *unit, struct svc_explain *out);
void svc_explain_free(struct svc_explain *e);

/* What is left before approval, unit by unit (the one statement of it:
 * svc_approve refuses while any blocking item is left). */
/* What an item left before approval is, so that approval groups them
 * by kind, never by their words. */
enum svc_todo_kind {
	TODO_PROVINCIAL,          /* a provincial unit's score or grade to enter */
	TODO_SAMPLE,              /* a county's spot-check sample not complete */
	TODO_UNCOMPUTED,          /* no result yet */
	TODO_MISSING,             /* entered scores missing: the result is incomplete */
	TODO_ABOVE_CAP,           /* a decided grade above what a veto allows */
	TODO_NO_REASON,           /* a decided grade differs from the proposal, no reason */
	TODO_CHECK,               /* not blocking: a warning to check */
	TODO_REVIEW,              /* not blocking: the sheet not yet verified */
};
struct svc_todo {
	enum svc_todo_kind kind;
	char *text;
	bool blocking;            /* approval waits for it */
	char *cap;                /* TODO_ABOVE_CAP: the grade the vetoes allow, by
				     the scheme's name; else NULL */
};
struct svc_unit_status {
	struct unit unit;
	struct svc_todo *todo;
	int ntodo;
};
struct svc_status {
	int stale;                /* as svc_results_stale */
	struct svc_unit_status *units;
	int n;
	int blocking;             /* units with a blocking item */
	int open;                 /* units with any item */
};
int svc_status(struct svc *s, struct svc_status *out);
void svc_status_free(struct svc_status *st);

/* ---- a unit's results over the years (history.c) ------------------------------ */

/* One year's stored result of a unit. */
struct svc_unit_year {
	int year;
	enum unit_kind kind;
	points_t total;
	points_t points;          /* the full marks of that year's scheme for the unit's kind */
	int rank;                 /* 0: not ranked */
	enum grade proposed;      /* as stored by that year's compute */
	enum grade decided;       /* the collective decision, GRADE_NONE if none */
	bool provincial, incomplete;
	char *computed_at;        /* UTC */
	bool vetoed;              /* a veto set or capped the grade (stored_veto_cap) */
	char *grade_name;         /* decided, else proposed, in that year's scheme's
				     names; NULL if neither */
};
/* The stored result of the unit named `unit` in the current year and in
 * every earlier year of the file that holds one, oldest first. The current
 * year's result must be one the acting user may read (as svc_result); an
 * earlier year is left out where the user may not read it there (not
 * published that year, for a viewer or a unit), where it has no unit of
 * that name or no stored result. The session reads each year as its
 * current year and is back on its own year when this returns; a year's
 * schemes are read again after a switch, so pointers into them taken
 * before the call (svc_scheme, stored_node.node) are not valid after it.
 * Free with svc_unit_years_free. */
int svc_unit_years(struct svc *s, const char *unit, struct svc_unit_year **out, int *n);
void svc_unit_years_free(struct svc_unit_year *y, int n);

/* ---- reports: one consistent read, results one at a time (report_reads.c) ------ */

/* Holds one read of the database across the calls up to svc_read_end, so
 * that a document's figures and its stamp (svc_stamp) come from one state
 * of the file however many calls make it: only reads in between. For a
 * user who may read results. */
int svc_read_begin(struct svc *s);
void svc_read_end(struct svc *s);

/* Every stored result of kind (-1: counties, then departments) the acting
 * user may see, one at a time in the units' official order (excluded and
 * not yet computed units have none), with the tree if asked: fn gets each
 * (freed when fn returns) and returns 0 to go on, 1 to stop. Only the list
 * of units is held, so memory does not grow with their sheets. Returns 0
 * when every result was given, 1 if fn stopped, -1 on the service's
 * failure (in svc_err). */
typedef int (*svc_result_fn)(void *ctx, const struct stored_result *r);
int svc_results_each(struct svc *s, int kind, bool tree, svc_result_fn fn, void *ctx);

/* ---- decisions, approval, publication ------------------------------------------ */

/* The collective decision: a reason is required where the grade differs
 * from the proposal; no decision above what the vetoes allow. */
int svc_grade_set(struct svc *s, const char *unit, const char *grade, const char *reason);
struct svc_approval {
	struct diag automatic;    /* "UNIT：按拟定档次确定为 GRADE" */
	char head[65];            /* the audit log's head hash after approval */
	/* With a key: the head signed (its number and hash), the signature
	 * and the public key (hex). signed_seq 0: not signed. */
	long long signed_seq;
	char signed_hash[65];
	char signature[129];
	char public_key[65];
};
/* Approves without signing: refused when the year has a public key
 * (kaohe key new), whose approval must be signed. */
int svc_approve(struct svc *s, struct svc_approval *out);
/* Approves and, with keyfile (the secret key kaohe key new wrote), signs
 * the audit head: the signature, the head's number and hash are stored
 * in the year and recorded ("year.sign"). */
int svc_approve_signed(struct svc *s, const char *keyfile, struct svc_approval *out);

/* A new Ed25519 key pair for signing the current year's approval: the
 * secret key written to path (created, 0600, never overwritten), the
 * public key stored in the year (replacing an earlier one, on the
 * record) and given in public_key (hex). */
int svc_key_new(struct svc *s, const char *path, char public_key[65]);
int svc_reopen(struct svc *s, const char *reason);
/* Records the city government's consent to the approved results (报市政府
 * 同意): the date and the document; publication waits for it. */
int svc_consent(struct svc *s, const char *date, const char *ref);
/* Publishes the approved results the city government consented to: the
 * viewers and the assessed units see them from now on. */
int svc_publish(struct svc *s);

/* ---- verification (统计核实) ----------------------------------------------------- */

/* Every county and department sheet the acting user may see, with its
 * verification state and totals. */
int svc_review_list(struct svc *s, struct sheet_review **out, int *n);
int svc_review_get(struct svc *s, const char *unit, struct sheet_review *out);
/* The team leader submits a sheet for verification (its total now is the
 * team's score). */
int svc_review_submit(struct svc *s, const char *unit);
/* The office sends a submitted sheet back with a remark, or verifies it
 * (its total now is the verified score; the team can no longer change
 * it; a later change by the office makes it to be verified again). */
int svc_review_return(struct svc *s, const char *unit, const char *remark);
int svc_review_verify(struct svc *s, const char *unit);

/* ---- materials (资料) ---------------------------------------------------------------- */

/* A file (its bytes) or a link a unit provides for an item (code NULL:
 * in general). Returns its number, or -1. Files are limited to
 * SVC_MATERIAL_MAX bytes. The same file or link under the same name for
 * the same item again (a form sent twice) is the one already there: its
 * number, nothing recorded. */
#define SVC_MATERIAL_MAX (20 * 1024 * 1024)
long long svc_material_file(struct svc *s, const char *unit, const char *code, const char *name,
			    const void *data, size_t len);
long long svc_material_link(struct svc *s, const char *unit, const char *code, const char *title,
			    const char *url);
int svc_material_list(struct svc *s, const char *unit, struct material **out, int *n);
/* One material and, for a file, the path of its bytes (caller frees). */
int svc_material_get(struct svc *s, long long id, struct material *out, char **path);
int svc_material_remove(struct svc *s, long long id);
/* Writes all of a unit's materials as one ZIP file at path (a folder per
 * item, a list of links). */
int svc_material_zip(struct svc *s, const char *unit, const char *path);
/* What each item's method asks the unit to provide (考核方式: "提供…"),
 * with how many materials it has for the item. */
struct svc_checklist_item {
	const struct node *node;
	char *asks;               /* "本级相关文件或资料" */
	int provided;
};
int svc_checklist(struct svc *s, const char *unit, struct svc_checklist_item **out, int *n);
void svc_checklist_free(struct svc_checklist_item *c, int n);

/* ---- progress ------------------------------------------------------------------------ */

/* Exact counts from the database: how far each sheet is, per unit, team
 * and scorer, and what the acting user still has to do. */
struct svc_unit_progress {
	struct unit unit;
	char *team;               /* NULL if none */
	int entered, total;       /* the team's items on the sheet and its samples */
	int scores_missing;       /* entered scores (industry, 行政执法) not yet in */
	bool mine_missing;        /* the acting scorer's own score is one of them */
	bool sample_short;        /* the spot check is not complete */
	enum review_state review;
};
struct svc_progress {
	struct svc_unit_progress *units;
	int n;
	int days_left;            /* to the end of the assessment window (0 on its
				     last day); -1 if there is none */
	bool window_over;         /* the window has ended */
	char *window_from, *window_to;
	struct diag mine;         /* what the acting user still has to do */
};
int svc_progress(struct svc *s, struct svc_progress *out);
void svc_progress_free(struct svc_progress *p);

/* ---- the record ------------------------------------------------------------------ */

int svc_audit(struct svc *s, const char *unit, struct audit_row **out, int *n);
/* Checks the hash chain; rows and the head hash on success. */
int svc_audit_verify(struct svc *s, long long *rows, char head[65]);
/* Proves the state: the chain, then the tables against the replayed log,
 * the stored results of every year against a fresh scoring, and each
 * signed head against its signature. Returns 0 when it could check (the
 * differences, if any, in problems: table, row, what the log says, what
 * the table holds), -1 on failure (the chain broken, a read failed). */
struct svc_verify {
	long long rows;
	char head[65];
	long long state_from;     /* the first record with state (0: none) */
	struct diag problems;     /* every difference found */
	struct diag notes;        /* what was proved, year by year */
};
int svc_verify(struct svc *s, struct svc_verify *out);
void svc_verify_free(struct svc_verify *v);
/* A consistent copy of the database while others keep writing, written
 * under a temporary name and renamed into place when complete. An
 * existing path is refused unless force; the database's own files
 * (-wal, -shm, …) always. */
int svc_backup(struct svc *s, const char *path, bool force);

/* ---- objections ------------------------------------------------------------------- */

/* An assessed unit's objection (意见和建议) to its published result, on one
 * item (code) or the whole (NULL), with the evidence it offers (both
 * required), within the period the office set; the office may record one
 * received on paper at any time. Returns its number, or -1. The same
 * objection again while unanswered (a form sent twice) is the one already
 * filed: its number, nothing recorded. */
long long svc_objection_file(struct svc *s, const char *unit, const char *code, const char *text,
			     const char *evidence);
/* The period in which units may object ("YYYY-MM-DD"; NULL, NULL: none). */
int svc_objection_period(struct svc *s, const char *from, const char *to);
/* The objections the acting user may see (unit NULL: every unit). */
int svc_objection_list(struct svc *s, const char *unit, struct objection **out, int *n);
/* The office's answer to objection id: outcome "upheld" (the finding
 * stands) or "changed" (it was changed; the year is reopened for that);
 * replaces an earlier answer, on the record. */
int svc_objection_answer(struct svc *s, long long id, const char *outcome, const char *answer);
/* Evidence files for an objection (the unit's own, while it is open); the
 * same file under the same name again is the one already there. */
long long svc_objection_evidence(struct svc *s, long long id, const char *name, const void *data,
				 size_t len);

/* ---- objections: the period as a page shows it ------------------------------------ */

/* The objection period and whether an assessed unit may object today (the
 * same check svc_objection_file makes): from/to NULL if no period is set;
 * today as "YYYY-MM-DD". Free with svc_objection_window_clear. */
struct svc_objection_window {
	char *from, *to;
	char today[11];
	bool open;
};
int svc_objection_window(struct svc *s, struct svc_objection_window *out);
void svc_objection_window_clear(struct svc_objection_window *w);

/* ---- accounts --------------------------------------------------------------------- */

/* a: name, role and its scope (team for leader/member, industry for an
 * industry scorer, unit for an assessed unit). */
int svc_user_add(struct svc *s, const struct account *a, const char *password);
int svc_user_list(struct svc *s, struct account **out, int *n);
/* Whether any account exists (the sign-in page says how to make the first
 * one when none does); needs no sign-in. */
bool svc_has_accounts(struct svc *s);
int svc_user_disable(struct svc *s, const char *name, bool disabled, const char *reason);
/* A user changes their own password (old required), or the office sets
 * anyone's (old NULL). */
int svc_user_passwd(struct svc *s, const char *name, const char *old, const char *password);

/* ---- the demo --------------------------------------------------------------------- */

/* Builds the 2016 Qinhuangdao demo year in an empty database. */
int svc_demo(struct svc *s, unsigned long long seed);
/* One account per role for trying the demo, with random passwords (shown
 * once, by the caller). */
#define SVC_DEMO_ACCOUNTS 7
struct svc_demo_account {
	char name[32];
	char password[16];
	enum role role;
};
int svc_demo_accounts(struct svc *s, struct svc_demo_account out[SVC_DEMO_ACCOUNTS]);

/* ---- the notes written with findings (notes.c; a unit's sheet document) ------------ */

/* The notes (备注) recorded with the findings on a county's or department's
 * own sheet and on each of its sampled units' sheets, own sheet first,
 * then the sheets in the stored results' order, items in scheme order.
 * They are the records as they stand now: the stored results keep every
 * score and derivation, not the notes. Allowed to whoever may see the
 * unit's sheet (OP_EXPLAIN). A unit not scored item by item (provincial,
 * excluded) has none. Free with svc_finding_notes_free. */
struct svc_finding_note {
	char *sheet;              /* the sampled unit's name; NULL: the own sheet */
	char *code;               /* the item */
	char *note;
};
int svc_finding_notes(struct svc *s, const char *unit, struct svc_finding_note **out, int *n);
void svc_finding_notes_free(struct svc_finding_note *v, int n);

/* Removes a database file that a refused init or demo created, with its
 * -wal, -shm and -journal. */
void svc_remove_files(const char *path);

#endif
