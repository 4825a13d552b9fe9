/* period.h: a scheme assessed per period (季度考核、月度考核) and rolled up
 * into the year: the scheme key `periods` (doc/scheme-language.md,
 * "Periods"), the one reading of a period a person writes (Q2, 2017-03),
 * and the engine's roll-up of the periods' sheets into the year. */
#ifndef KAOHE_PERIOD_H
#define KAOHE_PERIOD_H

#include <stdbool.h>

#include "points.h"
#include "util.h"

enum period_kind { PERIOD_NONE = 0, PERIOD_QUARTER, PERIOD_MONTH };
enum period_rollup { ROLLUP_MEAN = 0, ROLLUP_SUM };

#define PERIOD_MAX 12

/* What a scheme says about its periods (kind PERIOD_NONE: a year-only
 * scheme, as the 2016 schemes). The tree is one period's sheet. */
struct period_rule {
	enum period_kind kind;
	enum period_rollup rollup;
	bool used[PERIOD_MAX + 1];  /* by period number, 1-based */
	int n;                      /* periods assessed */
	int line;
};

/* How many periods a year has of kind k: 4, 12 (0 for none). */
int period_count(enum period_kind k);

/* A period as people read it: "第2季度", "3月". buf of PERIOD_BUFSZ. */
#define PERIOD_BUFSZ 24
const char *period_label(enum period_kind k, int p, char *buf);

/* Reads a period a person wrote, for a scheme whose periods are pr and
 * whose year is year (0: any): for quarters "2", "Q2", "第2季度",
 * "二季度"; for months "3", "M3", "3月", "2017-03". NULL or "" is the
 * year itself (0). Sets *out to the period number (0 for the year) and
 * returns 0; or returns -1 with the reason, naming the value, in why: a
 * period the scheme does not assess, a period given to a year-only
 * scheme, a missing period for a periodic one. */
int period_parse(const struct period_rule *pr, int year, const char *text, int *out,
		 struct buf *why);

/* The period a date ("YYYY-MM-DD" or a month 1..12) falls in. */
int period_of_month(enum period_kind k, int month);

/* The year's full marks: the root's points, times the periods for a
 * summed scheme (每月100分，全年累计 1200 分). */
struct scheme;
struct node;
points_t scheme_year_points(const struct scheme *s);
/* The full marks of node n over the year: in a year summed from its
 * periods each node counts its points once per period (满分1200分 of a
 * monthly 100), else its points. */
points_t node_year_points(const struct scheme *s, const struct node *n);

#endif
