/* grade.h: grades from thresholds and vetoes, ranking within a unit kind,
 * and a grade's quota (优秀率不得超过40%). */
#ifndef KAOHE_GRADE_H
#define KAOHE_GRADE_H

#include "accident.h"
#include "scheme.h"
#include "util.h"

struct veto_hit;

/* The grade the thresholds give a total ("以上包括本数"). */
enum grade grade_by_score(const struct scheme *s, points_t total);

/* Evaluates the scheme's veto rules against a unit's accidents and flags.
 * Appends hits to *hits (realloc'd), returns their number. */
int veto_evaluate(const struct scheme *s, const struct accident_summary *acc,
		  unsigned flags, struct veto_hit **hits);

/* The one statement of what a veto does to a grade: cap (GRADE_NONE for
 * no cap so far) tightened by one veto's effect: fail and zero allow at
 * most 不合格, at-most allows at most its grade. */
enum grade veto_effect_cap(enum grade cap, enum veto_effect effect, enum grade grade);

/* Applies the hits' grade effects to g (fail; at most good). */
enum grade veto_apply(enum grade g, const struct veto_hit *hits, int n);

/* Ranks totals[0..n): rank[i] = 1 + number of totals strictly greater
 * (ties share a rank: 1, 1, 3). */
void rank_totals(const points_t *totals, int n, int *rank);

/* Applies the scheme's quotas to one ranking's proposed grades, in place.
 * A unit over a grade's quota drops to the next grade (and may meet that
 * grade's quota in turn). Units tied at the boundary that together would
 * exceed the quota all drop. Returns the number of units moved. */
int grade_apply_quota(const struct scheme *s, const points_t *totals, int n,
		      enum grade *grades);

#endif
