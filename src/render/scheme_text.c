/* scheme_text.c: a scheme as an indented tree for people to read against
 * the paper rubric (kaohe scheme show). */
#include "render.h"
#include "../core/veto_forms.h"
#include "../core/bounds.h"
#include "../core/daily.h"

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

static void node_text(const struct node *n, const struct node_bounds *bounds, struct buf *out)
{
	const struct node_bounds *bd = &bounds[n->index];
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
		if (bd->min_score > 0)
			buf_printf(out, "；最低可得 %s 分", points_fmt(bd->min_score, b2));
		/* more places than examined are accepted with a warning: then
		 * only the caps bound the category */
		if (bd->min_score_any < bd->min_score)
			buf_printf(out, "（录入的地数多于已检查的地数时最低 %s 分）", points_fmt(bd->min_score_any, b2));
		buf_puts(out, "〕");
	}
	if (n->bonus)
		buf_puts(out, "  〔加分项，不含在满分内〕");
	if (n->mandatory)
		buf_puts(out, "  〔必达项：未得满分则总分为 0〕");
	for (int i = 0; i < n->nmandatory_for; i++)
		buf_printf(out, "%s%s%s", i ? "、" : "  〔★", n->mandatory_for[i],
			   i + 1 == n->nmandatory_for ? "必达项〕" : "");
	if (n->na)
		buf_printf(out, "  〔不适用时%s〕", n->na == NA_FULL ? "按满分计" : "按比例折算");
	if (n->only) {
		buf_puts(out, "  〔仅适用于");
		for (int i = 0; i < n->nonly; i++)
			buf_printf(out, "%s%s", i ? "、" : "", n->only[i]);
		buf_puts(out, "〕");
	}
	char *forms = node_links_describe(n);
	buf_puts(out, forms);
	free(forms);
	buf_putc(out, '\n');
	if (n->reconstructed)
		field(out, d + 2, "重建", n->reconstructed);
	if (node_is_leaf(n)) {
		const struct node *up = n->parent;
		while (!n->text && n->rule_inherited == RULE_FROM_GROUP && up && !up->text)
			up = up->parent;
		if (n->text)
			field(out, d + 2, "原文", n->text);
		else if (n->rule_inherited == RULE_FROM_GROUP && up)
			field(out, d + 2, "原文（上级）", up->text);
		if (node_method(n))
			field(out, d + 2, "方式", node_method(n));
		char *r = rule_describe(n);
		struct buf rb = {0};
		buf_puts(&rb, r);
		free(r);
		/* What the rule can actually take, where less than its points. */
		if (bd->max_deduction < n->points && n->rule.type != RULE_ENTERED &&
		    n->rule.type != RULE_EARN) {
			buf_puts(&rb, "（");
			if (bd->by_places)
				buf_printf(&rb, "按本级和至多 %lld 个抽查乡镇计最多 %lld 地，", bd->max_count - 1,
					   bd->max_count);
			else if (n->rule.max_count)
				buf_printf(&rb, "原文规定最多 %lld %s，", n->rule.max_count,
					   n->rule.unit ? n->rule.unit : "次");
			buf_printf(&rb, "实际最多扣 %s 分", points_fmt(bd->max_deduction, b2));
			if (bd->max_deduction_any > bd->max_deduction)
				buf_printf(&rb, "；录入更多地时以上限 %s 分为限", points_fmt(bd->max_deduction_any, b2));
			buf_puts(&rb, "）");
		} else if (n->rule.max_count) {
			buf_printf(&rb, "（原文规定最多 %lld %s）", n->rule.max_count,
				   n->rule.unit ? n->rule.unit : "次");
		}
		field(out, d + 2, "规则", buf_str(&rb));
		buf_free(&rb);
	} else if (n->method) {
		field(out, d + 2, "方式", n->method);
	}
	if (n->note)
		field(out, d + 2, "说明", n->note);
	for (int i = 0; i < n->nchildren; i++)
		node_text(n->children[i], bounds, out);
}

/* The year settings a scheme carries (samples, industries, daily, window). */
static void settings_text(const struct scheme *s, struct buf *out)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	if (s->window_from[1])
		buf_printf(out, "考核时间：%d年%d月%d日至%d年%d月%d日\n", s->year + s->window_from[0],
			   s->window_from[1], s->window_from[2], s->year + s->window_to[0], s->window_to[1],
			   s->window_to[2]);
	for (int k = SAMPLE_TOWN; k <= SAMPLE_ENTERPRISE; k++) {
		const struct sample_rule *r = &s->samples[k];
		if (!r->declared)
			continue;
		buf_printf(out, "抽查%s：%d", sample_kind_title((enum sample_kind)k), r->min);
		if (r->max != r->min)
			buf_printf(out, "–%d", r->max);
		buf_puts(out, " 个");
		for (int tier = 1; tier <= 2; tier++) {
			int any = 0;
			for (int i = 0; i < r->npool; i++)
				if (r->pool[i].tier == tier)
					buf_printf(out, "%s%s", any++ ? "、" : tier == 1 ? "；优先：" : "；其次：",
						   r->pool[i].industry);
		}
		if (r->others)
			buf_puts(out, "；再次：其他单位");
		buf_putc(out, '\n');
	}
	if (s->nindustries) {
		buf_puts(out, "行业监管部门：");
		for (int i = 0; i < s->nindustries; i++)
			buf_printf(out, "%s%s→%s", i ? "、" : "", s->industries[i].industry,
				   s->industries[i].department);
		buf_putc(out, '\n');
	}
	if (s->ndaily_items) {
		buf_puts(out, "日常考核：");
		for (int i = 0; i < s->ndaily_items; i++)
			buf_printf(out, "%s%s%s→%s", i ? "、" : "",
				   daily_target_title_of(s->daily_items[i].target),
				   daily_kind_title_of(s->daily_items[i].kind), s->daily_items[i].code);
		buf_putc(out, '\n');
	}
	if (s->ndaily_deducts) {
		buf_puts(out, "日常考核扣分：");
		for (int i = 0; i < s->ndaily_deducts; i++) {
			const struct daily_deduct *d = &s->daily_deducts[i];
			buf_printf(out, "%s%s", i ? "；" : "", daily_outcome_title_of(d->outcome));
			if (d->deduct)
				buf_printf(out, "每次扣 %s 分", points_fmt(d->deduct, b1));
			if (d->per_day)
				buf_printf(out, "%s每天扣 %s 分", d->deduct ? "，" : "", points_fmt(d->per_day, b2));
		}
		buf_putc(out, '\n');
	}
}

void scheme_to_text(const struct scheme *s, struct buf *out)
{
	char b1[POINTS_BUFSZ];
	buf_printf(out, "%s  %s  满分 %s 分\n", s->name, s->title, points_fmt(s->root->points, b1));
	if (s->source)
		buf_printf(out, "来源：%s\n", s->source);
	if (s->note)
		buf_printf(out, "说明：%s\n", s->note);
	buf_printf(out, "档次%s：", s->grades_default ? "（方案未规定，按满分的 90%、80%、60%）" : "");
	for (int i = 0; i < s->ngrades; i++) {
		const struct grade_rule *g = &s->grades[i];
		buf_printf(out, "%s%s", i ? "；" : "", g->name);
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
			buf_printf(out, "最高评为%s\n", scheme_grade_name(s, v->grade));
		}
		struct buf fb = {0};
		veto_form_describe(s, v, &fb);
		if (fb.len)
			buf_printf(out, "  %s\n", buf_str(&fb));
		buf_free(&fb);
	}
	settings_text(s, out);
	buf_putc(out, '\n');
	struct node_bounds *b = xcalloc((size_t)s->nnodes, sizeof *b);
	scheme_bounds(s, b);
	for (int i = 0; i < s->root->nchildren; i++)
		node_text(s->root->children[i], b, out);
	free(b);
}
