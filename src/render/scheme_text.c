/* scheme_text.c: a scheme as an indented tree for people to read against
 * the paper rubric (kaohe scheme show). */
#include "render.h"

#include <stdlib.h>
#include <string.h>

static const char *mode_words(const struct node *n)
{
	switch (n->score) {
	case SCORE_SUM: return "各项相加";
	case SCORE_DEDUCT: return "扣分制，扣完为止";
	case SCORE_MEAN: return "取平均值";
	case SCORE_SHEETS: return "按抽查单位评分后取平均值";
	default: return NULL;
	}
}

static void indent(struct buf *out, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_puts(out, "  ");
}

/* Writes a multi-line text with every line indented. */
static void field(struct buf *out, int depth, const char *label, const char *text)
{
	indent(out, depth);
	buf_printf(out, "%s：", label);
	for (const char *p = text; *p; p++) {
		buf_putc(out, *p);
		if (*p == '\n' && p[1]) {
			indent(out, depth);
			buf_puts(out, "      ");
		}
	}
	buf_putc(out, '\n');
}

static void node_text(const struct node *n, struct buf *out)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	int d = n->depth - 1;
	indent(out, d);
	buf_printf(out, "%s  %s  %s 分", n->code, n->title, points_fmt(n->points, b1));
	if (!node_is_leaf(n)) {
		buf_printf(out, "  〔%s", mode_words(n));
		if (n->sample)
			buf_printf(out, "：%s", n->sample == SAMPLE_ENTERPRISE ? "抽查企业"
				   : n->sample == SAMPLE_TOWN ? "抽查乡镇" : "抽查县区部门");
		if (n->scale)
			buf_printf(out, "；按 %s 分制折算", points_fmt(n->scale, b2));
		buf_puts(out, "〕");
	}
	if (n->bonus)
		buf_puts(out, "  〔加分项，不含在满分内〕");
	if (n->mandatory)
		buf_puts(out, "  〔必达项：未得满分则总分为 0〕");
	if (n->na)
		buf_printf(out, "  〔不适用时%s〕", n->na == NA_FULL ? "按满分计" : "按比例折算");
	buf_putc(out, '\n');
	if (n->reconstructed)
		field(out, d + 2, "重建", n->reconstructed);
	if (node_is_leaf(n)) {
		if (n->text)
			field(out, d + 2, "原文", n->text);
		if (node_method(n))
			field(out, d + 2, "方式", node_method(n));
		char *r = rule_describe(n);
		field(out, d + 2, "规则", r);
		free(r);
	} else if (n->method) {
		field(out, d + 2, "方式", n->method);
	}
	if (n->note)
		field(out, d + 2, "说明", n->note);
	for (int i = 0; i < n->nchildren; i++)
		node_text(n->children[i], out);
}

void scheme_to_text(const struct scheme *s, struct buf *out)
{
	char b1[POINTS_BUFSZ];
	buf_printf(out, "%s  %s  满分 %s 分\n", s->name, s->title, points_fmt(s->root->points, b1));
	if (s->source)
		buf_printf(out, "来源：%s\n", s->source);
	if (s->note)
		buf_printf(out, "说明：%s\n", s->note);
	buf_puts(out, "档次：");
	for (int i = 0; i < s->ngrades; i++) {
		const struct grade_rule *g = &s->grades[i];
		buf_printf(out, "%s%s", i ? "；" : "", grade_name(g->grade));
		if (g->has_min)
			buf_printf(out, " ≥ %s 分", points_fmt(g->min, b1));
		else
			buf_puts(out, " 其余");
		if (g->quota_pct >= 0)
			buf_printf(out, "（不超过 %d%%）", g->quota_pct);
	}
	buf_putc(out, '\n');
	for (int i = 0; i < s->nvetoes; i++) {
		const struct veto_rule *v = &s->vetoes[i];
		buf_printf(out, "否决 %s：%s → %s\n", v->code, v->title,
			   v->effect == EFFECT_FAIL ? "不合格"
			   : v->effect == EFFECT_ZERO ? "总分计 0 分" : "");
		if (v->effect == EFFECT_AT_MOST) {
			out->len -= 1;
			buf_printf(out, "最高评为%s\n", grade_name(v->grade));
		}
	}
	buf_putc(out, '\n');
	for (int i = 0; i < s->root->nchildren; i++)
		node_text(s->root->children[i], out);
}
