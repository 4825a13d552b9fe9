/* sheet_many.h: the fields of the sheets page's form that enters one
 * finding for several units (POST /set-many) beyond count, conditions,
 * deduction and score: the 数据 (figures) of an item whose rule takes
 * figures, and the period of a periodic scheme (core/period.h). */
#ifndef KAOHE_SHEET_MANY_H
#define KAOHE_SHEET_MANY_H

#include "layout.h"
#include "../core/score.h"

/* Writes the figures field if a scheme of the year has an item that
 * takes figures (with that item's hint once the form names it), and the
 * period choice if a scheme is periodic; nothing for the 2016 schemes. */
void set_many_fields(struct req *r, struct buf *b);

/* Reads the posted figures into f: 1 if given (one input form), else 0.
 * The text is read and checked by the core, with the item. */
int set_many_figures(const struct req *r, struct finding *f);

/* Reads the posted period into f->period against the first unit's
 * scheme (the service refuses units of another scheme): 0, or -1 with
 * the service's error (field "period"). */
int set_many_period(struct req *r, const char *const *units, int n, struct finding *f);

#endif
