/* page_sheets.c: the list of the year's sheets with what each has
 * entered, and the office's form entering one value for many units. */
#include "layout.h"
#include "pages.h"
#include "sheet_many.h"

#include <stdlib.h>

#include "../core/rule.h"

void get_sheets(struct req *r, struct resp *w)
{
	struct svc_progress p;
	if (svc_progress(r->svc, &p) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	page_begin(r, w, "评分表", "sheets");
	struct buf *b = &w->body;
	bool sheets = svc_permits(r->svc, OP_EXPLAIN, NULL);
	h(b, "<table class=\"grid\"><thead><tr><th>单位</th><th>考核组</th><th class=\"num\">已录入</th><th>核实</th>"
	     "</tr></thead><tbody>");
	for (int i = 0; i < p.n; i++) {
		const struct svc_unit_progress *u = &p.units[i];
		if (sheets)
			h(b, "<tr><td><a href=\"/sheet/%U\">%s</a></td>", u->unit.name, u->unit.name);
		else
			h(b, "<tr><td>%s</td>", u->unit.name);
		h(b, "<td>%s</td><td class=\"num\">%d / %d</td><td>%s</td></tr>", u->team ? u->team : "（未分组）",
		  u->entered, u->total, review_state_title(u->review));
	}
	h(b, "</tbody></table>");
	const struct account *a = req_user(r);
	if (a->role == ROLE_OFFICE && !svc_approved(r->svc)) {
		h(b, "<section><h2>同一评分录入多个单位</h2><form method=\"post\" action=\"/set-many\" class=\"set-many\">");
		form_csrf(r, b);
		h(b, "<label>考核项编号 <input name=\"code\" required value=\"%s\"></label>", form_value(r, "code", ""));
		form_error(r, b, "item");
		h(b, "<fieldset><legend>录入（填一项）</legend>"
		     "<label>次数 <input name=\"count\" inputmode=\"numeric\" value=\"%s\"></label>"
		     "<label>情形编号 <input name=\"conditions\" placeholder=\"如 1,3\" value=\"%s\"></label>"
		     "<label>扣分 <input name=\"deduct\" inputmode=\"decimal\" value=\"%s\"></label>"
		     "<label>得分 <input name=\"score\" inputmode=\"decimal\" value=\"%s\"></label></fieldset>",
		  form_value(r, "count", ""), form_value(r, "conditions", ""), form_value(r, "deduct", ""),
		  form_value(r, "score", ""));
		set_many_fields(r, b);
		form_error(r, b, "value");
		/* one scheme at a time: an item code means another item on a
		 * department's sheet */
		/* each kind the year assesses (schools, … after the two) */
		enum unit_kind *kinds;
		int nk = page_kinds(r, &kinds);
		for (int k = 0; k < nk; k++) {
			h(b, "<fieldset class=\"units\"><legend>%s</legend>",
			  kinds[k] == KIND_COUNTY ? "县（区）" : unit_kind_title(kinds[k]));
			for (int i = 0; i < p.n; i++)
				if (p.units[i].unit.kind == kinds[k])
					h(b, "<label><input type=\"checkbox\" name=\"unit\" value=\"%s\"> %s</label>",
					  p.units[i].unit.name, p.units[i].unit.name);
			h(b, "</fieldset>");
		}
		free(kinds);
		h(b, "<p class=\"hint\">%s</p>", nk > 2 ? "只能同时选同一类单位：各类单位的考核项编号含义不同。"
		  : "只能同时选县区或同时选市直部门：两类单位的考核项编号含义不同。");
		form_error(r, b, "units");
		h(b, "<button type=\"submit\">录入所选单位</button></form></section>");
	}
	sheets_template_section(r, b);
	svc_progress_free(&p);
	page_end(r, w);
}

void post_set_many(struct req *r, struct resp *w)
{
	const char **units;
	int n = req_params(r, "unit", &units);
	struct finding f = {.code = req_param(r, "code")};
	const char *v;
	int forms = 0;
	bool ok = true;
	long long c;
	if ((v = req_param(r, "count")) && *v) {
		forms++;
		f.form = INPUT_COUNT;
		ok &= req_int(r, "count", &c);
		f.count = c;
	}
	if ((v = req_param(r, "conditions")) && *v) {
		forms++;
		f.form = INPUT_CONDITIONS;
		ok &= conditions_parse(v, &f.conditions) == 0;
	}
	if ((v = req_param(r, "deduct")) && *v) {
		forms++;
		f.form = INPUT_DEDUCT;
		ok &= points_parse(v, &f.amount) == 0;
	}
	if ((v = req_param(r, "score")) && *v) {
		forms++;
		f.form = INPUT_SCORE;
		ok &= points_parse(v, &f.amount) == 0;
	}
	forms += set_many_figures(r, &f);
	struct svc_error e = {.code = SVC_INVALID, .field = "value"};
	if (forms != 1)
		e.message = "次数、情形、扣分、得分须恰好填写一项";
	else if (!ok)
		e.message = "填写的数值有误";
	if (e.message) {
		struct svc_error *copy = xmalloc(sizeof *copy);
		svc_error_copy(copy, &e);
		r->failed = copy;
		buf_reset(&w->body);
		get_sheets(r, w);
		w->status = 422;
	} else if (set_many_period(r, units, n, &f) != 0 ||
		   svc_score_set_many(r->svc, (char *const *)units, n, &f) != 0) {
		page_again(r, w, get_sheets);
	} else {
		page_done(r, w, "/sheets", "已为 %d 个单位录入 %s", n, f.code);
	}
	free(units);
}
