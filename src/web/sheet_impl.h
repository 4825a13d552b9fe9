/* sheet_impl.h: the entry sheet's view of a unit (page_sheet.c), shared
 * by the page, its item rows (sheet_row.c) and the saves that answer
 * with the rows recomputed (page_sheet_save.c); for src/web only. */
#ifndef KAOHE_SHEET_IMPL_H
#define KAOHE_SHEET_IMPL_H

#include "layout.h"

/* What the page shows: the county's or department's own sheet, or the
 * sheet of one sampled sub-unit (which counts towards its county). */
struct view {
	struct unit unit;               /* the unit named in the path */
	struct svc_explain ex;          /* its owner, scored now */
	const struct scheme *sc;
	const struct node_result *nodes;/* the nodes shown, by node index */
	const struct node *sheet_root;  /* NULL: the own sheet */
	bool *can;                      /* enterable node indices, or NULL */
	const struct result *res;       /* the year's, or the period's shown */
	int period;                     /* a periodic scheme's period shown
					   (?period=, core/period.h); 0 the year */
	struct svc_error err;           /* a refusal found here, not by the service */
};

/* Frees what view_open filled. */
void view_free(struct view *v);
/* Fills v for the unit named; -1 with the service's refusal. */
int view_open(struct req *r, const char *name, struct view *v);
/* Answers a view that could not be opened. */
void view_refused(struct req *r, struct resp *w, const struct view *v);
/* The nodes the view shows: the own sheet without the sampled units'
 * subtrees (their sheets node stays, as a row), or one sheet's subtree. */
bool view_shows(const struct view *v, const struct node *n);

/* One row of the sheet's table for node n, with its inputs (sheet_row.c). */
void item_row(struct req *r, struct buf *b, const struct view *v, const struct node *n);
/* The recomputed rows of the view and its total, for the script. */
void rows_json(struct buf *b, const struct view *v);

#endif
