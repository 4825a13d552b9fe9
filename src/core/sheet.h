/* sheet.h: the checks of a finding that need the rest of its sheet, stated
 * once for every path (one entry, a CSV import, scoring): the finding
 * itself (finding_check), one finding per item within one input, nothing
 * entered under a node marked not applicable, and no not-applicable mark
 * over findings. The state holds what is on one sheet already: stored
 * findings, and those accepted earlier in the same input. Its memory is
 * the sheet's nodes, whatever the length of the input. */
#ifndef KAOHE_SHEET_H
#define KAOHE_SHEET_H

#include "score.h"

struct sheet_state {
	const struct scheme *s;
	int base, n;            /* the sheet's nodes: indices [base, base + n) */
	int *line;              /* 0 nothing; -1 stored; > 0 the row that gave it */
	unsigned char *na;      /* marked not applicable */
};

/* A state for the unit's own sheet (sheet_root NULL) or a sampled unit's
 * sheet under sheet_root. */
void sheet_state_init(struct sheet_state *st, const struct scheme *s, const struct node *sheet_root);
void sheet_state_free(struct sheet_state *st);

/* Records a finding that is stored already (it may be replaced). */
void sheet_state_stored(struct sheet_state *st, const struct node *n, bool na);

/* Checks finding f for the sheet; on success records it as given at row
 * (> 0 a row of an input; 0 a single entry, which replaces what is
 * stored) and returns its node. On failure returns NULL with the problem
 * in d at row and the column to blame (item_col for an unknown item,
 * value_col for a bad value; 0 if none), each message prefixed with who
 * ("" or the sheet's sub-unit) where it helps. */
const struct node *sheet_accept(struct sheet_state *st, const struct finding *f,
				const struct finding_where *at, int row, int item_col, int value_col,
				const char *who, struct diag *d);

#endif
