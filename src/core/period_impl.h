/* period_impl.h: the parts of periods (period.h) that the scheme reader
 * and the engine call, internal to the core. */
#ifndef KAOHE_PERIOD_IMPL_H
#define KAOHE_PERIOD_IMPL_H

#include "period.h"
#include "score.h"

struct scheme_ctx;
struct ynode;

/* Reads the top-level `periods` (y may be NULL: a year-only scheme). */
void scheme_parse_periods(struct scheme_ctx *c, const struct ynode *y, struct scheme *s);
/* Checks periods against the rest of the scheme. */
void scheme_check_periods(struct scheme_ctx *c, struct scheme *s);

/* Scores a periodic scheme's unit (score_unit of a scheme with periods
 * and in->period 0): each period as a unit sheet of its findings, then
 * the year as their mean or sum, the vetoes of the year's accidents
 * naming the period they fell in. NULL with the problems in d. */
struct result *score_periods(const struct scheme *s, const struct unit_input *in,
			     struct diag *d);

/* Checks the periods of a sheet's findings (score_unit of one period or
 * of a year-only scheme): each in the period being scored. Adds each
 * problem to d; returns their number. */
int period_check_findings(const struct scheme *s, const struct unit_input *in, struct diag *d);

/* Proposes the grade of a scored result from its total, vetoes and
 * completeness (score.c). */
void result_propose(const struct scheme *s, struct result *r);

#endif
