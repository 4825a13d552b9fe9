/* links.h: the engine's side of eligibility by industry, overflow and
 * links between items (internal to the engine: score.c, score_node.c,
 * score_group.c; the language is scheme_links.h):
 *
 * - only_industry: a node applies only to units of the industries named;
 * - overflow: what an item's rule deducts beyond the item's points is
 *   taken from its part or the total, never below 0;
 * - links: of items that find one fact, only the largest deduction
 *   counts (不重复扣分). */
#ifndef KAOHE_LINKS_H
#define KAOHE_LINKS_H

#include "score.h"

/* Appends why n does not apply to a unit of industry: "2.3（…）只适用于
 * 危险化学品企业，不适用于行业为 X 的单位". */
void industry_refusal(const struct node *n, const char *industry, struct buf *why);
/* The not-applicable reason of a derivation for such a unit. */
char *industry_na_reason(const struct node *n, const char *industry);

/* The node where item n's overflow lands (its part or the root), or NULL. */
const struct node *overflow_target(const struct node *n);
/* What finding f makes item n deduct beyond d, the deduction its rule
 * gives within its points; 0 without `overflow`. */
points_t overflow_excess(const struct node *n, const struct finding *f, points_t d);
/* Appends to an item's derivation where its excess goes. */
void overflow_note(const struct node *n, points_t excess, struct buf *how);
/* Takes from t's score (inner, before its parent uses it) the overflow of
 * every item that lands on t, never below 0; explains it in how. Returns
 * the score (unchanged when nothing lands on t). */
points_t overflow_land(const struct scheme *s, const struct node *t,
		       const struct node_result *nodes, points_t score, struct buf *how);

/* Decides the links of one sheet (sheet_root NULL: the unit's own): by
 * node index, for each linked item whose deduction is not counted the
 * item it is counted on, and for that item itself. NULL when no link has
 * two items deducting. Caller frees. */
const struct node **links_decide(const struct scheme *s, const struct finding *const *by_node,
				 const struct node *sheet_root);
/* Appends to item n's derivation what its link did: counted on winner
 * (n == winner: the others' deductions were dropped). */
void link_note(const struct scheme *s, const struct node *n, const struct node *winner,
	       struct buf *how);

#endif
