/* template_dv.h: data validations of the scoring workbook (template_dv.c),
 * for template_xlsx.c. Inside src/report only. */
#ifndef KAOHE_TEMPLATE_DV_H
#define KAOHE_TEMPLATE_DV_H

#include "report_impl.h"
#include "../core/period.h"

#include <xlsxwriter.h>

/* A run of rows with the same validation in one column. */
struct run {
	bool open;
	lxw_row_t first, last;
	lxw_data_validation dv;
	char *key, *title, *msg, *error;
};

/* s cut to at most max characters (Excel's limits on validation texts
 * and page headers), with "…" where it was cut. Caller frees. */
char *template_cut(const char *s, int max);

/* Writes column col's open run, if any, and empties it. */
void run_flush(lxw_worksheet *ws, int col, struct run *r);

/* Adds validation dv (texts copied, cut to Excel's limits) for one cell
 * of column col, extending the column's run when it is the same. */
void validate(lxw_worksheet *ws, struct run *runs, lxw_row_t row, int col, const lxw_data_validation *dv,
	      const char *title, const char *msg, const char *error);

/* The list of the periods a scheme assesses, for the 期间 column's
 * validation: kept by the sheet until its runs are written. */
struct plist {
	const struct period_rule *pr;
	char names[PERIOD_MAX][PERIOD_BUFSZ];
	char *list[PERIOD_MAX + 1];
	char *msg, *err;
};

/* The list for pr in *ls (of *n), made the first time it is asked for;
 * the caller frees each one's msg and err, and *ls. */
const struct plist *plist_of(struct plist **ls, int *n, const struct period_rule *pr);

/* Row t's period (its label, which period_parse reads back) in column
 * col, in format in, with the list l of its scheme's periods. */
struct trow;
void period_cell(lxw_worksheet *ws, lxw_format *in, struct run *runs, lxw_row_t row, int col,
		 const struct trow *t, const struct plist *l);

#endif
