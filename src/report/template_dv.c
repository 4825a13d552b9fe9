/* template_dv.c: the scoring workbook's data validations (template_xlsx.c),
 * one range for each run of rows with the same rule in a column, texts
 * cut to Excel's limits, and the 期间 column of a periodic scheme. */
#include "template_dv.h"
#include "template.h"

#include <stdlib.h>
#include <string.h>

/* s cut to at most max characters (Excel's limits on validation texts
 * and page headers), with "…" where it was cut. Caller frees. */
char *template_cut(const char *s, int max)
{
	int n = 0;
	const char *at = NULL;    /* where character max starts */
	for (const char *p = s; *p; p++)
		if ((*p & 0xC0) != 0x80 && ++n == max)
			at = p;
	if (n <= max)
		return xstrdup(s);
	struct buf b = {0};
	buf_putn(&b, s, (size_t)(at - s));   /* max − 1 characters */
	buf_puts(&b, "…");
	return buf_take(&b);
}

/* Writes column col's open run, if any, and empties it. */
void run_flush(lxw_worksheet *ws, int col, struct run *r)
{
	if (!r->open)
		return;
	r->dv.input_title = r->title;
	r->dv.input_message = r->msg;
	r->dv.error_title = r->dv.validate == LXW_VALIDATION_TYPE_ANY ? NULL : r->title;
	r->dv.error_message = r->dv.validate == LXW_VALIDATION_TYPE_ANY ? NULL : r->error;
	worksheet_data_validation_range(ws, r->first, (lxw_col_t)col, r->last, (lxw_col_t)col, &r->dv);
	free(r->key);
	free(r->title);
	free(r->msg);
	free(r->error);
	memset(r, 0, sizeof *r);
}

/* Adds validation dv (texts copied, cut to Excel's limits) for one cell. */
void validate(lxw_worksheet *ws, struct run *runs, lxw_row_t row, int col, const lxw_data_validation *dv,
	      const char *title, const char *msg, const char *error)
{
	struct buf key = {0};
	buf_printf(&key, "%d %d %.2f %.2f %.2f %s\n%s", dv->validate, dv->criteria, dv->value_number, dv->minimum_number,
		   dv->maximum_number, msg, error ? error : "");
	struct run *r = &runs[col];
	if (r->open && r->last + 1 == row && strcmp(r->key, buf_str(&key)) == 0) {
		r->last = row;
		buf_free(&key);
		return;
	}
	run_flush(ws, col, r);
	*r = (struct run){.open = true, .first = row, .last = row, .dv = *dv, .key = buf_take(&key),
			  .title = template_cut(title, 32), .msg = template_cut(msg, 255),
			  .error = error ? template_cut(error, 255) : NULL};
}

/* ---- the period column ---- */


/* The list for pr in *ls (of *n), made the first time it is asked for. */
const struct plist *plist_of(struct plist **ls, int *n, const struct period_rule *pr)
{
	for (int i = 0; i < *n; i++)
		if ((*ls)[i].pr == pr)
			return &(*ls)[i];
	*ls = xrealloc(*ls, (size_t)(*n + 1) * sizeof **ls);
	struct plist *l = &(*ls)[(*n)++];
	memset(l, 0, sizeof *l);
	l->pr = pr;
	struct buf names = {0}, msg = {0}, err = {0};
	int k = 0;
	for (int p = 1; p <= period_count(pr->kind); p++)
		if (pr->used[p]) {
			period_label(pr->kind, p, l->names[k]);
			l->list[k] = l->names[k];
			buf_printf(&names, "%s%s", k ? "、" : "", l->names[k]);
			k++;
		}
	buf_printf(&msg, "本行评分所属的%s，从列表中选择：%s。", pr->kind == PERIOD_QUARTER ? "季度" : "月份",
		   buf_str(&names));
	buf_printf(&err, "期间须是%s之一", buf_str(&names));
	l->msg = buf_take(&msg);
	l->err = buf_take(&err);
	buf_free(&names);
	return l;
}

/* The row's period (its label, which period_parse reads back), with the
 * list of the periods its scheme assesses, in column col. */
void period_cell(lxw_worksheet *ws, lxw_format *in, struct run *runs, lxw_row_t row, int col,
		 const struct trow *t, const struct plist *l)
{
	char label[PERIOD_BUFSZ];
	worksheet_write_string(ws, row, (lxw_col_t)col, period_label(t->pr->kind, t->period, label), in);
	lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST, .value_list = (char **)l->list};
	validate(ws, runs, row, col, &dv, "期间", l->msg, l->err);
}
