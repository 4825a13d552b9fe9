/* rule.h: evaluation of one item's rule (internal to the engine). */
#ifndef KAOHE_RULE_H
#define KAOHE_RULE_H

#include "score.h"

/* The input form a rule type takes. */
enum input_form rule_input_form(enum rule_type t);
/* Chinese name of an input form, with its CLI flag. */
const char *input_form_name(enum input_form f);
/* Number of conditions (1 for a fixed rule). */
int rule_nconds(const struct rule *r);

/* Checks a finding's form and range against node n. Returns 0, or -1 with
 * the reason (naming the item and the value) appended to why. */
int finding_check_form(const struct node *n, const struct finding *f, struct buf *why);

/* The deduction finding f (NULL: nothing found) gives leaf n, excluding
 * entered scores; appends the derivation to how. */
points_t rule_deduction(const struct node *n, const struct finding *f, struct buf *how);

#endif
