/* result_text.c: a unit's scored tree for people (kaohe explain): every
 * node with its score, every item with what was found and how it was
 * scored, so the total can be retraced by hand. */
#include "render.h"

#include <string.h>

static void indent(struct buf *out, int n)
{
	for (int i = 0; i < n; i++)
		buf_puts(out, "  ");
}

/* times: the periods a summed year adds up (its nodes' full marks are
 * theirs times that, core/period.h); 1 otherwise. */
static void node_lines(const struct node *n, const struct node_result *nodes, int depth,
		       int times, struct buf *out)
{
	const struct node_result *nr = &nodes[n->index];
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	if (!nr->node)
		return;
	/* An item bounded only by its category (a judged deduction with no
	 * stated points, a per-occurrence rule with no cap) has no points of
	 * its own: show what it took, not "300 / 300" beside its siblings. */
	bool unbounded = node_is_leaf(n) && n->parent && n->parent->score == SCORE_DEDUCT &&
			 n->parent->nchildren > 1 && n->points == node_inner(n->parent) && !nr->na;
	indent(out, depth);
	if (nr->na)
		buf_printf(out, "%s  %s  不适用（%s）", n->code, n->title,
			   n->na == NA_FULL ? "按满分计" : "不计入，按比例折算");
	else if (unbounded && nr->deduction)
		buf_printf(out, "%s  %s  扣 %s 分", n->code, n->title, points_fmt(nr->deduction, b1));
	else if (unbounded)
		buf_printf(out, "%s  %s  未扣分", n->code, n->title);
	else
		buf_printf(out, "%s  %s  %s / %s 分", n->code, n->title, points_fmt(nr->score, b1),
			   points_fmt(n->points * times, b2));
	if (node_is_leaf(n) && nr->deduction && !nr->na && !unbounded)
		buf_printf(out, "（扣 %s 分）", points_fmt(nr->deduction, b1));
	buf_putc(out, '\n');
	if (nr->derivation && *nr->derivation &&
	    (nr->has_input || !node_is_leaf(n) || nr->missing || nr->na)) {
		indent(out, depth + 2);
		buf_printf(out, "%s\n", nr->derivation);
	}
	if (nr->finding && nr->finding->note && *nr->finding->note) {
		indent(out, depth + 2);
		buf_printf(out, "备注：%s\n", nr->finding->note);
	}
	if (nr->warning) {
		indent(out, depth + 2);
		buf_printf(out, "提示：%s\n", nr->warning);
	}
	for (int k = 0; k < nr->nsheets; k++) {
		const struct sheet_result *sr = &nr->sheets[k];
		indent(out, depth + 1);
		buf_printf(out, "【%s】%s 分\n", sr->label, points_fmt(sr->nodes[n->index].score, b1));
		for (int i = 0; i < n->nchildren; i++)
			node_lines(n->children[i], sr->nodes, depth + 2, times, out);
	}
	if (n->score != SCORE_SHEETS)
		for (int i = 0; i < n->nchildren; i++)
			node_lines(n->children[i], nodes, depth + 1, times, out);
}

void result_to_text(const struct result *r, const char *unit, struct buf *out)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	const struct period_rule *pr = &r->scheme->periods;
	int times = r->nperiods && pr->rollup == ROLLUP_SUM ? r->nperiods : 1;
	buf_printf(out, "%s  %s\n", unit, r->scheme->title);
	if (r->nperiods)
		buf_printf(out, "按%s考核，全年得分为各%s得分的%s（各%s明细：kaohe explain 单位 --period 期间）\n",
			   pr->kind == PERIOD_QUARTER ? "季度" : "月", pr->kind == PERIOD_QUARTER ? "季度" : "月",
			   pr->rollup == ROLLUP_SUM ? "累计" : "平均值", pr->kind == PERIOD_QUARTER ? "季度" : "月");
	for (int i = 0; i < r->scheme->root->nchildren; i++)
		node_lines(r->scheme->root->children[i], r->nodes, 0, times, out);
	if (r->nperiods && r->nodes[0].derivation)
		buf_printf(out, "\n%s\n", r->nodes[0].derivation);
	buf_printf(out, "\n总分：%s 分", points_fmt(r->total, b1));
	if (r->total != r->raw_total)
		buf_printf(out, "（各部分合计 %s 分）", points_fmt(r->raw_total, b2));
	buf_putc(out, '\n');
	if (r->mandatory_failed)
		buf_printf(out, "必达项 %s 未得满分 → 总分计 0 分\n", r->mandatory_failed->code);
	for (int i = 0; i < r->nvetoes; i++)
		buf_printf(out, "否决 %s：%s（%s）\n", r->vetoes[i].rule->code, r->vetoes[i].rule->title,
			   r->vetoes[i].detail);
	for (int i = 0; i < r->nwarnings; i++)
		buf_printf(out, "提示：%s\n", r->warnings[i]);
	if (r->incomplete) {
		buf_puts(out, "未完成：缺少 ");
		for (int i = 0; i < r->nmissing; i++)
			buf_printf(out, "%s%s", i ? "、" : "", r->missing[i]);
		if (r->proposed != GRADE_NONE)
			buf_printf(out, " 的评分；受一票否决，拟定档次：%s\n", scheme_grade_name(r->scheme, r->proposed));
		else
			buf_puts(out, " 的评分，暂不拟定档次\n");
	} else {
		buf_printf(out, "按分数：%s；拟定档次：%s\n", scheme_grade_name(r->scheme, r->by_score), scheme_grade_name(r->scheme, r->proposed));
	}
}
