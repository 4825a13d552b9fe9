/* daily.h: the daily assessment (日常考核): tasks through the year and each
 * unit's outcome, scored into the daily-assessment items of the schemes. */
#ifndef KAOHE_DAILY_H
#define KAOHE_DAILY_H

#include "db.h"
#include "../core/records.h"

/* target: county (县区日常考核) | office (安委办日常考核) |
 * supervision (综合监管日常考核); kind: meeting | feedback | report |
 * summary | other. Returns the task id or -1. */
long long daily_task_add(struct db *db, const char *title, const char *target, const char *kind,
			 const char *due);
/* outcome: attended | absent (meetings); on-time | late | missing (the
 * rest). days_late only with late. */
int daily_outcome_set(struct db *db, long long task, const char *unit, const char *outcome,
		      long long days_late);
/* The deduction for an outcome this year: deduct per occurrence plus
 * per_day for each day late, for one target (county, office, supervision)
 * or, with target NULL, every target the year's schemes have. A negative
 * value keeps what the year has. */
int daily_rule_set(struct db *db, const char *target, const char *outcome, points_t deduct,
		   points_t per_day);

/* The judged deductions the daily records give a unit, one per item code,
 * with the derivation as the note. Caller frees codes, notes and *out. */
struct daily_deduction {
	char *code;
	points_t amount;
	char *note;
};
int daily_deductions(struct db *db, const struct unit *u, struct daily_deduction **out, int *n);
void daily_deductions_free(struct daily_deduction *d, int n);

/* The tasks with their outcome counts. */
int daily_list(struct db *db, struct daily_task **out, int *n);

const char *daily_target_title(const char *target);
const char *daily_kind_title(const char *kind);
const char *daily_outcome_title(const char *outcome);

/* One unit's outcome of a task (the task page). */
struct daily_outcome_row {
	char *unit;
	int outcome;              /* enum daily_outcome */
	long long days_late;
};
/* The outcomes recorded for a task, in the units' order; a task of
 * another year is not found. Caller frees with daily_outcome_rows_free. */
int daily_outcome_list(struct db *db, long long task, struct daily_outcome_row **out, int *n);
void daily_outcome_rows_free(struct daily_outcome_row *r, int n);

/* The year's deduction for each outcome that costs points, per target
 * the year's schemes have (0 where none is set). */
struct daily_rule_row {
	int target, outcome;      /* enum daily_target, enum daily_outcome */
	points_t deduct, per_day;
};
int daily_rule_list(struct db *db, struct daily_rule_row **out, int *n);

#endif
