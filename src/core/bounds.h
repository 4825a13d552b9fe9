/* bounds.h: what each node of a scheme can reach: the most an item can
 * take from its category given its rule (its cap, its conditions' sum, the
 * rubric's stated maximum count, the places a county can have examined),
 * and the least each node can score. Derived, so that no note in a scheme
 * file states such arithmetic by hand (scheme show prints them). */
#ifndef KAOHE_BOUNDS_H
#define KAOHE_BOUNDS_H

#include "scheme.h"

struct node_bounds {
	points_t max_deduction;   /* the most the node takes from a deduct parent */
	points_t min_score;       /* the least it can score */
	long long max_count;      /* per/steps/earn: the count that reaches it;
				     0 if unbounded by a count */
	bool by_places;           /* max_count is the places a county can have
				     examined (itself and its sampled towns) */
	/* The same two bounds when a team records more places than were
	 * examined, which is accepted with a warning: only the rules' caps
	 * bound them then. Equal to the above where no rule counts places. */
	points_t max_deduction_any;
	points_t min_score_any;
};

/* Fills out[0 .. s->nnodes), indexed by node->index. */
void scheme_bounds(const struct scheme *s, struct node_bounds *out);

#endif
