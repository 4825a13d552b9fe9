/* daily.h: the words of the daily assessment (日常考核) and the arithmetic
 * of its deductions. The tasks and outcomes themselves live in storage;
 * which item a task is scored into, and the cost of each outcome, come
 * from the scheme (struct daily_item, struct daily_deduct). */
#ifndef KAOHE_CORE_DAILY_H
#define KAOHE_CORE_DAILY_H

#include "points.h"

enum daily_target { DAILY_COUNTY, DAILY_OFFICE, DAILY_SUPERVISION, DAILY_TARGETS };
enum daily_kind { DAILY_MEETING, DAILY_FEEDBACK, DAILY_REPORT, DAILY_SUMMARY, DAILY_OTHER,
		  DAILY_KINDS };
enum daily_outcome { DAILY_ATTENDED, DAILY_ABSENT, DAILY_ON_TIME, DAILY_LATE, DAILY_MISSING,
		     DAILY_OUTCOMES };

/* Code words ("county", "meeting", "late") and their Chinese titles
 * (县区日常考核, 参加会议, 迟报). parse takes either; -1 if unknown. */
const char *daily_target_name(int t);
const char *daily_target_title_of(int t);
int daily_target_parse(const char *s);
const char *daily_kind_name(int k);
const char *daily_kind_title_of(int k);
int daily_kind_parse(const char *s);
const char *daily_outcome_name(int o);
const char *daily_outcome_title_of(int o);
int daily_outcome_parse(const char *s);

/* The unit kind a target's tasks are done by: "county" or "department". */
const char *daily_target_unit(int t);
/* Whether an outcome fits a kind of task (meetings: attended/absent; the
 * rest: on-time/late/missing). */
int daily_outcome_fits(int kind, int outcome);
/* Whether an outcome costs points (absent, late, missing). */
int daily_outcome_costs(int outcome);

/* times occurrences, days late in all: times × deduct + days × per_day. */
points_t daily_cost(long long times, long long days, points_t deduct, points_t per_day);

#endif
