/* rule_forms.h: the rules that take a finding of several figures
 * (figures.h): clauses, range, rate, target, trend, and a clause's zero
 * (不得分). Internal to the scheme parser and the engine; see
 * doc/scheme-language.md, "Findings with several figures". */
#ifndef KAOHE_RULE_FORMS_H
#define KAOHE_RULE_FORMS_H

#include "scheme_check.h"
#include "score.h"

/* The scheme keys these rules add to a rule's mapping. */
#define RULE_FORMS_KEYS "clauses", "from", "to", "target", "per", "same", "up", "name"

/* Reads rule y of node n into r (the item's rule when clause is 0, else
 * its clause number clause; what names it in messages). Returns 1 when
 * it has read a figures rule, -1 when it refused y's type here, 0 when
 * the caller reads it (scheme_parse_rule). */
int rule_forms_parse(struct scheme_ctx *c, const struct ynode *y, struct node *n,
		     struct rule *r, int clause, const char *what);
/* The shared reader of one rule (scheme_rule.c); clause as above. */
void scheme_parse_rule(struct scheme_ctx *c, const struct ynode *y, struct node *n,
		       struct rule *r, int clause);

/* The bound a figures rule states itself (its cap), or -1 (scheme_check). */
points_t rule_forms_stated_bound(const struct rule *r);
/* The most rule r (of item n, or one of its clauses) can deduct. */
points_t rule_forms_bound(const struct node *n, const struct rule *r);
/* Appends the rule restated in words (rule_describe). */
void rule_forms_describe(const struct node *n, const struct rule *r, struct buf *b);

/* Checks an INPUT_FIGURES finding against item n's rule: 0, or -1 with the
 * reason, naming the item and the value, appended to why. */
int rule_forms_check(const struct node *n, const struct finding *f, struct buf *why);
/* The deduction of a checked finding f (NULL: nothing found), with the
 * arithmetic appended to how (NULL: none). */
points_t rule_forms_deduction(const struct node *n, const struct finding *f, struct buf *how);
/* What the rule of a figures finding gives before the item's cap and
 * points bound it (links.c: overflow, 本项扣完后继续扣除): a range's
 * occurrences and a rate's or target's steps in full, the clauses' sum. */
points_t rule_forms_unbounded(const struct node *n, const struct finding *f);

#endif
