/* rule.h: evaluation of one item's rule (internal to the engine). */
#ifndef KAOHE_RULE_H
#define KAOHE_RULE_H

#include "score.h"

/* The input form a rule type takes. */
enum input_form rule_input_form(enum rule_type t);
/* Chinese name of an input form, with its CLI flag. */
const char *input_form_name(enum input_form f);
/* The code words of input forms (count, conditions, deduct, score, na)
 * as stored; parse returns INPUT_NONE if unknown. */
const char *input_form_code(enum input_form f);
enum input_form input_form_parse(const char *s);
/* The value as people read it: "3 次", "情形 1、3", "扣 2.5 分", "85 分",
 * "不适用" (n may be NULL: "次"), with the note in brackets. Caller frees. */
char *finding_describe(const struct node *n, const struct finding *f);
/* Parses "1,3" (also "1、3", "0" or "无" for none) into a condition bit
 * set; -1 on a bad list. */
int conditions_parse(const char *s, uint64_t *bits);
/* The stored integer of a finding's value, and back. */
long long finding_value(const struct finding *f);
void finding_set_value(struct finding *f, enum input_form form, long long value);

/* True for the rule types that take INPUT_FIGURES (figures.h). */
bool rule_takes_figures(enum rule_type t);
/* What to type for item n's figures, in words with an example ("填 分子/
 * 分母，如 95/100"), for the hint beside an input. Caller frees. */
char *rule_figures_hint(const struct node *n);

/* Number of conditions (1 for a fixed rule). */
int rule_nconds(const struct rule *r);

/* Checks a finding's form and range against node n. Returns 0, or -1 with
 * the reason (naming the item and the value) appended to why. */
int finding_check_form(const struct node *n, const struct finding *f, struct buf *why);

/* The deduction finding f (NULL: nothing found) gives leaf n, excluding
 * entered scores; appends the derivation to how. */
points_t rule_deduction(const struct node *n, const struct finding *f, struct buf *how);

#endif
