/* sheet_figures.c: the entry sheet's field for a finding of several
 * figures: one text input, as on every surface (core/figures.h). */
#include "sheet_figures.h"
#include "../core/figures.h"
#include "../core/rule.h"

#include <stdlib.h>

void sheet_figures_field(struct req *r, struct buf *b, const struct node *n, const struct finding *f,
			 bool again, const char *dis, const char *form)
{
	char *val = f && f->form == INPUT_FIGURES ? figures_canonical(f->figures) : NULL;
	char *hint = n ? rule_figures_hint(n) : xstrdup("填写数据：" FIGURES_SYNTAX);
	int id = n ? n->index : -1;
	h(b, "<label class=\"figures\">数据 <input type=\"text\" name=\"figures\" size=\"12\" value=\"%s\""
	     " title=\"%s\" aria-describedby=\"fh%d\"%S%S%s%S></label>",
	  again ? form_value(r, "figures", val ? val : "") : (val ? val : ""), hint, id, dis,
	  form ? " form=\"" : "", form ? form : "", form ? "\"" : "");
	h(b, "<span class=\"hint\" id=\"fh%d\">%s</span>", id, hint);
	free(hint);
	free(val);
}

bool sheet_figures_read(const struct req *r, struct finding *f, const char **why)
{
	const char *v = req_param(r, "figures");
	if (!v || !*v) {
		*why = "须填写数据（" FIGURES_SYNTAX "）";
		return false;
	}
	f->form = INPUT_FIGURES;
	f->figures = v;
	return true;
}
