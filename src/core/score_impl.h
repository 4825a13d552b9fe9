/* score_impl.h: the scoring engine's walk over one sheet (score.c),
 * shared by its files: a node and a leaf (score_node.c), a group
 * (score_group.c). Internal to the core. */
#ifndef KAOHE_SCORE_IMPL_H
#define KAOHE_SCORE_IMPL_H

#include "score.h"

#define P(v, b) points_fmt((v), (b))

/* One sheet being scored: the unit's own, or a sampled sub-unit's. */
struct eval {
	const struct scheme *s;
	const struct unit_input *in;
	struct result *r;
	struct node_result *nodes;        /* results of this sheet */
	const struct finding **by_node;   /* findings of this sheet, by node index */
	const char *label;                /* sub-unit name, NULL for the unit */
	struct diag *d;                   /* inputs found unscorable while scoring */
	int failed;
	bool explain;                     /* build the derivations */
	const struct node **link_winner;  /* links.h: links_decide; NULL: none */
	bool check_industry;              /* only_industry against industry */
	const char *industry;
};

/* Scores node n of e's sheet and everything below it: not applicable,
 * a leaf by its rule, or a group from its children (score_node.c). */
void score_node(struct eval *e, const struct node *n);
/* Marks n not applicable by its policy, why saying what made it so. */
void score_na(struct eval *e, const struct node *n, const char *why);
/* Notes n as missing an entry: the result is incomplete. */
void score_missing(struct eval *e, const struct node *n);
/* Scores group n from its children by its `score` (score_group.c). */
void score_group(struct eval *e, const struct node *n);
/* The findings f[0..nf) of one sheet by node index (score.c; the
 * caller frees the array). */
const struct finding **findings_by_node(const struct scheme *s, const struct finding *f, int nf);

#endif
