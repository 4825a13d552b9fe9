/* sheet_many.c: the figures and period fields of the form that enters one
 * finding for several units (the sheets page, POST /set-many). The
 * figures field is the sheet's own (sheet_figures.c). */
#include "sheet_many.h"
#include "sheet_figures.h"
#include "../core/period.h"
#include "../core/rule.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SCHEMES 16

/* The schemes of the kinds the year assesses, into sc; their number. */
static int year_schemes(struct req *r, const struct scheme *sc[MAX_SCHEMES])
{
	enum unit_kind *kinds;
	int nk = page_kinds(r, &kinds), n = 0;
	for (int k = 0; k < nk && n < MAX_SCHEMES; k++) {
		const struct scheme *s = svc_scheme(r->svc, kinds[k]);
		if (s)
			sc[n++] = s;
	}
	free(kinds);
	return n;
}

/* The figures field: the items that take figures named in the legend,
 * the hint of the one the form names (else the general hint). */
static void figures_field(struct req *r, struct buf *b, const struct scheme *const *sc, int ns)
{
	const char *code = req_param(r, "code");
	const struct node *named = NULL;
	struct buf items = {0};
	int listed = 0;
	for (int i = 0; i < ns; i++) {
		const struct node *n = code && *code ? scheme_find(sc[i], code) : NULL;
		if (n && !named && rule_takes_figures(n->rule.type))
			named = n;
		for (int k = 0; k < sc[i]->nnodes; k++) {
			n = sc[i]->nodes[k];
			if (n->nchildren || !rule_takes_figures(n->rule.type))
				continue;
			if (listed < 8)
				buf_printf(&items, "%s%s %s", listed ? "、" : "", n->code, n->title);
			else if (listed == 8)
				buf_puts(&items, " 等");
			listed++;
		}
	}
	if (listed) {
		h(b, "<fieldset class=\"figures\"><legend>或填数据（取数据的考核项：%s）</legend>", buf_str(&items));
		sheet_figures_field(r, b, named, NULL, true, "", NULL);
		h(b, "</fieldset>");
	}
	buf_free(&items);
}

/* The period choice: the periods of the first periodic scheme. */
static void period_field(struct req *r, struct buf *b, const struct scheme *const *sc, int ns)
{
	const struct period_rule *pr = NULL;
	for (int i = 0; i < ns && !pr; i++)
		if (sc[i]->periods.kind != PERIOD_NONE)
			pr = &sc[i]->periods;
	if (!pr)
		return;
	const char *was = form_value(r, "period", "");
	h(b, "<label>期间 <select name=\"period\" required><option value=\"\">（选择%s）</option>",
	  pr->kind == PERIOD_QUARTER ? "季度" : "月份");
	for (int p = 1; p <= period_count(pr->kind); p++) {
		char label[PERIOD_BUFSZ];
		if (!pr->used[p])
			continue;
		period_label(pr->kind, p, label);
		h(b, "<option value=\"%s\"%S>%s</option>", label, strcmp(was, label) == 0 ? " selected" : "", label);
	}
	h(b, "</select></label>");
	form_error(r, b, "period");
}

void set_many_fields(struct req *r, struct buf *b)
{
	const struct scheme *sc[MAX_SCHEMES];
	int ns = year_schemes(r, sc);
	figures_field(r, b, sc, ns);
	period_field(r, b, sc, ns);
}

int set_many_figures(const struct req *r, struct finding *f)
{
	const char *v = req_param(r, "figures");
	if (!v || !*v)
		return 0;
	f->form = INPUT_FIGURES;
	f->figures = v;
	return 1;
}

int set_many_period(struct req *r, const char *const *units, int n, struct finding *f)
{
	const char *text = req_param(r, "period");
	if (!text || !*text || n < 1)
		return 0;
	return svc_period(r->svc, units[0], text, &f->period);
}
