/* sheet_row.c: one item row of the entry sheet (page_sheet.c): the code,
 * the rule's text, the inputs its rule takes (a count, conditions, an
 * amount, figures, 不适用), the deduction with its derivation and the
 * score; and the same rows recomputed as JSON for the script. */
#include "sheet_figures.h"
#include "../core/period.h"
#include "sheet_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/rule.h"

/* Whether n is an item of a group scored by deduction (扣完为止): its
 * points are what it can lose at most, and the group has the score (the
 * paper's table shows 扣分 on the item rows and 得分 on the group's). */
static bool in_deduct_group(const struct node *n)
{
	return !n->nchildren && n->parent && n->parent->score == SCORE_DEDUCT;
}

/* The group above n marked not applicable (its items take no entry and
 * count for nothing), or NULL. */
static const struct node *na_above(const struct view *v, const struct node *n)
{
	for (const struct node *a = n->parent; a && a->parent; a = a->parent)
		if (v->nodes[a->index].na)
			return a;
	return NULL;
}

static void input_cell(struct req *r, struct buf *b, const struct view *v, const struct node *n)
{
	const struct node_result *nr = &v->nodes[n->index];
	const struct finding *f = nr->finding;
	bool can = v->can && v->can[n->index];
	const char *form = NULL;
	char fid[32];
	snprintf(fid, sizeof fid, "f%d", n->index);
	if (can) {
		h(b, "<form id=\"%s\" method=\"post\" action=\"/sheet/%U/finding\" class=\"row\">", fid, v->unit.name);
		form_csrf(r, b);
		h(b, "<input type=\"hidden\" name=\"code\" value=\"%s\">", n->code);
		if (v->period)
			h(b, "<input type=\"hidden\" name=\"period\" value=\"%d\">", v->period);
		h(b, "</form>");
		form = fid;
	}
	const char *dis = can ? "" : " disabled";
	bool na = f && f->form == INPUT_NA;
	char val[64] = "";
	/* a refused save of this row (without the script): what was typed */
	const char *code = req_param(r, "code");
	bool again = r->failed && r->post && code && strcmp(code, n->code) == 0;
	if (again)
		na = req_param(r, "na") != NULL;
	switch (n->rule.type) {
	case RULE_PER:
	case RULE_STEPS:
	case RULE_EARN:
		if (f && f->form == INPUT_COUNT)
			snprintf(val, sizeof val, "%lld", f->count);
		h(b, "<label class=\"count\"><input type=\"text\" name=\"count\" inputmode=\"numeric\" size=\"4\""
		     " value=\"%s\"", again ? form_value(r, "count", val) : val);
		if (n->rule.max_count)
			h(b, " max=\"%lld\"", n->rule.max_count);
		h(b, "%S%S%s%S> %s</label>", dis, form ? " form=\"" : "", form ? form : "", form ? "\"" : "",
		  n->rule.unit ? n->rule.unit : "次");
		break;
	case RULE_CONDITIONS:
	case RULE_FIXED: {
		int nc = n->rule.type == RULE_FIXED ? 1 : n->rule.nconds;
		for (int i = 0; i < nc; i++) {
			const char *text = n->rule.type == RULE_FIXED ? (n->rule.text ? n->rule.text : "未落实")
				: n->rule.conds[i].text;
			bool on = f && f->form == INPUT_CONDITIONS && (f->conditions >> i & 1);
			if (again) {
				const char **vals;
				int nv = req_params(r, "conditions", &vals);
				char want[16];
				snprintf(want, sizeof want, "%d", i + 1);
				on = false;
				for (int k = 0; k < nv; k++)
					on |= strcmp(vals[k], want) == 0;
				free(vals);
			}
			h(b, "<label class=\"cond\"><input type=\"checkbox\" name=\"conditions\" value=\"%d\"%S%S%S%s%S> %s</label>",
			  i + 1, on ? " checked" : "", dis, form ? " form=\"" : "", form ? form : "", form ? "\"" : "", text);
		}
		if (can)
			h(b, "<input type=\"hidden\" name=\"conditions\" value=\"0\" form=\"%s\">", form);
		/* checked and nothing found: saved with no box ticked */
		if (can && !f)
			h(b, "<button type=\"submit\" form=\"%s\" class=\"none\">未发现问题</button>", form);
		break;
	}
	case RULE_JUDGED:
		if (f && f->form == INPUT_DEDUCT)
			points_fmt(f->amount, val);
		h(b, "<label class=\"amount\">扣 <input type=\"text\" name=\"deduct\" inputmode=\"decimal\" value=\"%s\"%S%S%s%S> 分</label>",
		  again ? form_value(r, "deduct", val) : val, dis, form ? " form=\"" : "", form ? form : "", form ? "\"" : "");
		break;
	case RULE_ENTERED:
		if (f && f->form == INPUT_SCORE)
			points_fmt(f->amount, val);
		h(b, "<label class=\"amount\"><input type=\"text\" name=\"score\" inputmode=\"decimal\" value=\"%s\"%S%S%s%S> 分</label>",
		  again ? form_value(r, "score", val) : val, dis, form ? " form=\"" : "", form ? form : "", form ? "\"" : "");
		break;
	default:
		if (rule_takes_figures(n->rule.type))
			sheet_figures_field(r, b, n, f, again, dis, form);
		break;
	}
	if (n->na != NA_NONE)
		h(b, "<label class=\"na\"><input type=\"checkbox\" name=\"na\" value=\"1\"%S%S%S%s%S> 不适用</label>",
		  na ? " checked" : "", dis, form ? " form=\"" : "", form ? form : "", form ? "\"" : "");
	if (can) {
		h(b, "<button type=\"submit\" form=\"%s\" class=\"save\">保存</button>", form);
		/* an entry made by mistake is taken back, on the record */
		if (f)
			h(b, "<button type=\"submit\" form=\"%s\" formaction=\"/sheet/%U/clear\" class=\"clear link\">清除</button>",
			  form, v->unit.name);
		h(b, "<span class=\"state\" aria-live=\"polite\"></span><span class=\"field-error\" role=\"alert\">%s</span>",
		  again ? r->failed->message : "");
	}
}

static void deduction_cell(struct buf *b, const struct node *n, const struct node_result *nr)
{
	if (nr->na) {
		h(b, "不适用");
		return;
	}
	if (nr->missing) {
		h(b, "<span class=\"missing\">未录入</span>");
		return;
	}
	if (!nr->has_input && !nr->deduction && !n->nchildren) {
		h(b, "<span class=\"hint\">—</span>");
		return;
	}
	if (nr->derivation && nr->deduction)
		h(b, "<details><summary tabindex=\"-1\">扣 %P 分</summary><p class=\"derivation\">%s</p></details>",
		  nr->deduction, nr->derivation);
	else if (nr->derivation)
		h(b, "<details><summary tabindex=\"-1\">不扣分</summary><p class=\"derivation\">%s</p></details>",
		  nr->derivation);
	else if (nr->deduction)
		h(b, "扣 %P 分", nr->deduction);
}

/* One row of the sheet's table for node n, with its inputs. */
void item_row(struct req *r, struct buf *b, const struct view *v, const struct node *n)
{
	const struct node_result *nr = &v->nodes[n->index];
	bool group = n->nchildren > 0;
	h(b, "<tr id=\"n%d\" data-index=\"%d\" data-code=\"%s\" class=\"%S%S\">", n->index, n->index, n->code,
	  group ? "group depth" : "item", group ? (n->depth == 1 ? "1" : n->depth == 2 ? "2" : "3") : "");
	h(b, "<th scope=\"row\" class=\"code\">%s</th>", n->code);
	h(b, "<td class=\"title\"><strong>%s</strong>", n->title);
	/* a period's own sheet: its points; the year: over the year */
	points_t full = v->period ? n->points : node_year_points(v->sc, n);
	if (full && in_deduct_group(n))
		h(b, "<span class=\"points\">最多扣 %P 分</span>", full);
	else if (full)
		h(b, "<span class=\"points\">%P 分</span>", full);
	for (int i = 0; i < n->nmandatory_for; i++)
		h(b, "<span class=\"points\">★%s必达项</span>", n->mandatory_for[i]);
	if (n->text)
		h(b, "<p class=\"rule\">%s</p>", n->text);
	if ((n->nonly && !node_applies(n, v->sheet_root ? NULL : v->ex.unit.name)) ||
	    (n->only_industry && !node_industry_applies(n, v->unit.industry)))
		h(b, "<p class=\"hint\">本项不适用于本单位</p>");
	h(b, "</td><td class=\"method\">%s</td>", n->method);
	h(b, "<td class=\"input\">");
	if (n->score == SCORE_SHEETS && !v->sheet_root) {
		for (int k = 0; k < nr->nsheets; k++)
			h(b, "<a class=\"sheetlink\" href=\"/sheet/%U\">%s</a> ", nr->sheets[k].label, nr->sheets[k].label);
		if (!nr->nsheets)
			h(b, "<span class=\"hint\">尚未确定抽查对象</span>");
	} else if (na_above(v, n)) {
		h(b, "<span class=\"hint\">%s 已标为不适用</span>", na_above(v, n)->code);
	} else if (!group || n->na != NA_NONE) {
		if (n->rule.type == RULE_ACCIDENTS)
			h(b, "<span class=\"hint\">由事故登记计算，不录入</span>");
		else if (v->sc->periods.kind != PERIOD_NONE && !v->period)
			/* the year of a periodic scheme: rolled up, entered by period */
			h(b, "<span class=\"hint\">各期间汇总，按期间录入</span>");
		else if (n->rule.type == RULE_ENTERED && !(v->can && v->can[n->index]))
			h(b, "<span class=\"hint\">%s</span>", n->rule.by == BY_INDUSTRY ? "由行业主管部门评分"
			  : n->rule.by == BY_ENFORCEMENT ? "由执法部门评分" : "由安委办录入");
		if (n->rule.type != RULE_ACCIDENTS && !(v->sc->periods.kind != PERIOD_NONE && !v->period))
			input_cell(r, b, v, n);
	}
	bool under_na = na_above(v, n) != NULL;
	h(b, "</td><td class=\"num deduction\">");
	if (under_na)
		h(b, "不适用");
	else if (!group || nr->na)
		deduction_cell(b, n, nr);
	else if (nr->deduction)
		h(b, "扣 %P 分", nr->deduction);
	h(b, "</td><td class=\"num score\">");
	if (!nr->na && !nr->missing && !under_na && !in_deduct_group(n))
		h(b, "%P", nr->score);
	h(b, "</td><td class=\"note\">");
	if (nr->finding && nr->finding->note)
		h(b, "<span class=\"finding-note\">%s</span>", nr->finding->note);
	if (v->can && v->can[n->index] && !group) {
		const char *note = nr->finding && nr->finding->note ? nr->finding->note : "";
		const char *code = req_param(r, "code");
		if (r->failed && r->post && code && strcmp(code, n->code) == 0)
			note = form_value(r, "note", note);
		h(b, "<input type=\"text\" name=\"note\" placeholder=\"备注（最多 " KAOHE_STR(TEXT_NOTE_MAX) " 字）\" maxlength=\"" KAOHE_STR(TEXT_NOTE_MAX) "\" value=\"%s\" form=\"f%d\">",
		  note, n->index);
	}
	if (nr->warning)
		h(b, "<p class=\"warning\">提示：%s</p>", nr->warning);
	h(b, "</td></tr>\n");
}

/* The recomputed rows of the view and its total, for the script. */
void rows_json(struct buf *b, const struct view *v)
{
	h(b, "\"total\":\"%P\",\"incomplete\":%S,\"rows\":{", v->res->total, v->res->incomplete ? "true" : "false");
	bool first = true;
	for (int i = 1; i < v->sc->nnodes; i++) {
		const struct node *n = v->sc->nodes[i];
		if (v->sheet_root && n->sheet_root != v->sheet_root)
			continue;
		if (!view_shows(v, n))
			continue;
		const struct node_result *nr = &v->nodes[i];
		bool under_na = na_above(v, n) != NULL;
		struct buf ded = {0};
		if (under_na) {
			h(&ded, "不适用");
		} else if (n->nchildren && !nr->na) {
			if (nr->deduction)
				h(&ded, "扣 %P 分", nr->deduction);
		} else {
			deduction_cell(&ded, n, nr);
		}
		h(b, "%S\"%d\":{\"score\":\"", first ? "" : ",", i);
		if (!nr->na && !nr->missing && !under_na && !in_deduct_group(n))
			h(b, "%P", nr->score);
		buf_puts(b, "\",\"deduction\":");
		h_json_str(b, buf_str(&ded));
		buf_puts(b, ",\"warning\":");
		h_json_str(b, nr->warning ? nr->warning : "");
		buf_puts(b, "}");
		buf_free(&ded);
		first = false;
	}
	buf_puts(b, "}");
}
