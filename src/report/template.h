/* template.h: the rows of a scoring workbook (template_rows.c), which the
 * writer lays out (template_xlsx.c). Inside src/report only. */
#ifndef KAOHE_TEMPLATE_H
#define KAOHE_TEMPLATE_H

#include "report_impl.h"
#include "../core/period.h"

/* One row: a unit and an item the acting user enters for it, with the
 * value stored now. */
struct trow {
	char *unit;               /* the name entered under (a sampled unit's own) */
	const struct node *n;
	bool has;                 /* a finding is stored: f */
	struct finding f;         /* f.note points at note, f.figures at figures */
	char *note;
	char *figures;
	int period;               /* a periodic scheme's period (core/period.h);
				     0 for a year-only scheme */
	const struct period_rule *pr;  /* that scheme's periods, or NULL */
};

struct trows {
	struct trow *r;
	int n, cap;
	int units;                /* units with at least one row */
	char *scope;              /* in words: "考核组 县区考核组（组员 县区组组员）" */
};

/* The rows for t (see report.h) as the acting user may enter them now, in
 * the order of the units and of the scheme; 0, or -1 with err. */
int template_rows(struct svc *s, const struct report_template *t, struct trows *out, struct svc_error *err);
void template_rows_free(struct trows *t);

#endif
