/* sheet_figures.h: the entry sheet's field for a finding of several
 * figures (core/figures.h): clauses, range, rate, target, trend. */
#ifndef KAOHE_SHEET_FIGURES_H
#define KAOHE_SHEET_FIGURES_H

#include "layout.h"
#include "../core/score.h"

/* Writes item n's figures field (n NULL: for an item not yet named, with
 * the general hint; its stored finding f, or NULL; again:
 * show what a refused save posted; dis: " disabled" or ""; form: the id
 * of the row's form, or NULL), with the hint of what to type. */
void sheet_figures_field(struct req *r, struct buf *b, const struct node *n, const struct finding *f,
			 bool again, const char *dis, const char *form);

/* Reads the figures a row posted into f; false with *why if none. The
 * text itself is read and checked by the core (svc_score_set). */
bool sheet_figures_read(const struct req *r, struct finding *f, const char **why);

#endif
