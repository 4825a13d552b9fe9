/* veto_forms.c: veto triggers on items, parts and single accidents, and
 * vetoes limited to a class of units (veto_forms.h). */
#include "veto_forms.h"
#include "scheme_check.h"
#include "ytree.h"

#include <stdlib.h>
#include <string.h>

#define P(v, b) points_fmt((v), (b))

bool veto_form_when(const struct ynode *w)
{
	return ytree_get(w, "item") || ytree_get(w, "part") || ytree_get(w, "min_deaths") ||
	       ytree_get(w, "industry") || ytree_get(w, "mandatory");
}

static struct veto_form *form_of(struct veto_rule *vr)
{
	if (!vr->form) {
		vr->form = xcalloc(1, sizeof *vr->form);
		vr->form->below_pct = -1;
	}
	return vr->form;
}

/* when: {item: CODE[, condition: N]} */
static void parse_item(struct scheme_ctx *c, const struct ynode *w, struct veto_rule *vr)
{
	static const char *const keys[] = {"item", "condition", NULL};
	sk_keys(c, w, keys, "否决条件（考核项）");
	struct veto_form *f = form_of(vr);
	vr->when = WHEN_FINDING;
	f->item = sk_str(c, w, "item", 1, "否决条件");
	long long n = 0;
	if (sk_int(c, w, "condition", 0, "否决条件", 1, 64, &n) == 1)
		f->condition = (int)n;
}

/* when: {part: CODE, below: 60% | 60} */
static void parse_part(struct scheme_ctx *c, const struct ynode *w, struct veto_rule *vr)
{
	static const char *const keys[] = {"part", "below", NULL};
	sk_keys(c, w, keys, "否决条件（部分得分）");
	struct veto_form *f = form_of(vr);
	vr->when = WHEN_PART_BELOW;
	f->part = sk_str(c, w, "part", 1, "否决条件");
	const struct ynode *b = sk_scalar(c, w, "below", 1, "否决条件");
	if (!b)
		return;
	size_t len = strlen(b->str);
	if (len > 1 && b->str[len - 1] == '%') {
		char *end;
		long pct = strtol(b->str, &end, 10);
		if (b->str[0] < '0' || b->str[0] > '9' || strcmp(end, "%") != 0 || pct < 1 || pct > 100)
			scheme_err(c, b->line, "“below”写成 1%% 到 100%% 的整数百分比（如 60%%）或分数（如 60）");
		else
			f->below_pct = (int)pct;
	} else if (sk_points(c, w, "below", 1, "否决条件", &f->below) == 1 && f->below == 0) {
		scheme_err(c, b->line, "“below”必须大于 0");
	}
}

/* when: {accidents: N, min_deaths: D, accident_grade…, industry: […]} */
static void parse_accidents(struct scheme_ctx *c, const struct ynode *w, struct veto_rule *vr)
{
	static const char *const keys[] = {"accidents", "accident_grade", "min_accident_grade",
		"min_deaths", "industry", NULL};
	sk_keys(c, w, keys, "否决条件（事故）");
	struct veto_form *f = form_of(vr);
	vr->when = WHEN_ACCIDENT_MATCH;
	long long x = 0;
	if (sk_int(c, w, "accidents", 1, "否决条件", 1, 1000, &x) == 1)
		vr->count = (int)x;
	accident_match_parse(c, w, &f->match, "否决条件");
}

void veto_form_parse_when(struct scheme_ctx *c, const struct ynode *w, struct veto_rule *vr)
{
	int forms = !!ytree_get(w, "item") + !!ytree_get(w, "part") + !!ytree_get(w, "mandatory") +
		    !!(ytree_get(w, "min_deaths") || ytree_get(w, "industry"));
	if (forms != 1) {
		scheme_err(c, w->line, "否决条件须恰好使用一种形式：item（考核项）、part 与 below"
			   "（部分得分低于）、mandatory（某档次的必达项）、accidents 与 min_deaths/industry（单起事故）");
		return;
	}
	if (ytree_get(w, "mandatory")) {
		static const char *const keys[] = {"mandatory", NULL};
		sk_keys(c, w, keys, "否决条件（必达项）");
		vr->when = WHEN_MANDATORY;
		form_of(vr)->mandatory = GRADE_NONE;
		/* the name is resolved against the grades by veto_forms_check */
		char *g = sk_str(c, w, "mandatory", 1, "否决条件");
		if (g) {
			form_of(vr)->mandatory = scheme_grade_parse(c->s, g);
			if (form_of(vr)->mandatory == GRADE_NONE)
				scheme_err(c, ytree_get(w, "mandatory")->line, "未知的档次“%s”（方案的档次见 grades）", g);
		}
		free(g);
	} else if (ytree_get(w, "item"))
		parse_item(c, w, vr);
	else if (ytree_get(w, "part"))
		parse_part(c, w, vr);
	else
		parse_accidents(c, w, vr);
}

void veto_form_parse_scope(struct scheme_ctx *c, const struct ynode *v, struct veto_rule *vr)
{
	if (!ytree_get(v, "only") && !ytree_get(v, "only_industry"))
		return;
	struct veto_form *f = form_of(vr);
	int n = sk_words(c, v, "only", &f->units);
	f->nunits = n > 0 ? n : 0;
	n = sk_words(c, v, "only_industry", &f->industries);
	f->nindustries = n > 0 ? n : 0;
}

void veto_forms_check(struct scheme_ctx *c, struct scheme *s)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	if (!s->by_code)
		return;
	/* ★ items name grades of the scheme, and not on a sampled unit's sheet */
	for (int i = 1; i < s->nnodes; i++) {
		const struct node *n = s->nodes[i];
		for (int k = 0; k < n->nmandatory_for; k++)
			if (scheme_grade_parse(s, n->mandatory_for[k]) == GRADE_NONE)
				scheme_err(c, n->line, "%s：mandatory_for 中未知的档次“%s”（方案的档次见 grades）",
					   n->code, n->mandatory_for[k]);
		if (n->nmandatory_for && n->sheet_root)
			scheme_err(c, n->line, "%s：抽查单位评分表（sheets）中的节点不能是必达项 mandatory_for",
				   n->code);
	}
	for (int i = 0; i < s->nvetoes; i++) {
		struct veto_rule *v = &s->vetoes[i];
		struct veto_form *f = v->form;
		if (!f)
			continue;
		if (v->when == WHEN_FINDING && f->item) {
			const struct node *n = scheme_find(s, f->item);
			if (!n || n->depth == 0 || !node_is_leaf(n))
				scheme_err(c, v->line, "否决规则 %s：item 须是方案中考核项的编号（“%s”%s）",
					   v->code, f->item, n ? "不是考核项" : "不存在");
			else if (n->sheet_root)
				scheme_err(c, v->line, "否决规则 %s：%s 在抽查单位评分表（sheets）中，"
					   "须是被考核单位本身评分表中的考核项", v->code, f->item);
			else if (f->condition &&
				 (n->rule.type != RULE_CONDITIONS && n->rule.type != RULE_FIXED))
				scheme_err(c, v->line, "否决规则 %s：condition 只用于按情形扣分的考核项"
					   "（conditions、fixed），%s 不是", v->code, f->item);
			else if (f->condition > (n->rule.type == RULE_FIXED ? 1 : n->rule.nconds))
				scheme_err(c, v->line, "否决规则 %s：%s 没有情形 %d", v->code, f->item,
					   f->condition);
		}
		if (v->when == WHEN_PART_BELOW && f->part) {
			const struct node *n = scheme_find(s, f->part);
			if (!n || n->depth == 0) {
				scheme_err(c, v->line, "否决规则 %s：part 须是方案中节点的编号（“%s”不存在）",
					   v->code, f->part);
			} else if (n->sheet_root && n->sheet_root != n) {
				scheme_err(c, v->line, "否决规则 %s：%s 在抽查单位评分表（sheets）中", v->code,
					   f->part);
			} else {
				if (f->below_pct >= 0)
					f->below = points_muldiv(n->points, f->below_pct, 100);
				else if (f->below > n->points)
					scheme_err(c, v->line, "否决规则 %s：below %s 超过 %s 的分值 %s",
						   v->code, P(f->below, b1), f->part, P(n->points, b2));
			}
		}
	}
}

void veto_form_free(struct veto_form *f)
{
	if (!f)
		return;
	free(f->item);
	free(f->part);
	accident_match_free(&f->match);
	for (int i = 0; i < f->nunits; i++)
		free(f->units[i]);
	free(f->units);
	for (int i = 0; i < f->nindustries; i++)
		free(f->industries[i]);
	free(f->industries);
	free(f);
}

bool veto_applies(const struct veto_rule *v, const struct unit_input *in)
{
	const struct veto_form *f = v->form;
	if (!f || (!f->nunits && !f->nindustries) || !in->unit)
		return true;
	for (int i = 0; i < f->nunits; i++)
		if (strcmp(f->units[i], in->unit) == 0)
			return true;
	for (int i = 0; i < f->nindustries; i++)
		if (in->industry && strcmp(f->industries[i], in->industry) == 0)
			return true;
	return false;
}

/* Whether n is a ★ item of the grade named g. */
static bool node_mandatory_for(const struct node *n, const char *g)
{
	for (int i = 0; i < n->nmandatory_for; i++)
		if (strcmp(n->mandatory_for[i], g) == 0)
			return true;
	return false;
}

/* What triggered v for this unit, or NULL (caller frees). */
static char *trigger(const struct veto_rule *v, const struct unit_input *in,
		     const struct result *r)
{
	const struct scheme *s = r->scheme;
	const struct veto_form *f = v->form;
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ];
	struct buf b = {0};
	switch (v->when) {
	case WHEN_FINDING: {
		const struct node *n = scheme_find(s, f->item);
		const struct node_result *nr = &r->nodes[n->index];
		if (!nr->node || nr->na)
			break;
		if (f->condition) {
			const struct finding *fi = nr->finding;
			if (fi && fi->form == INPUT_CONDITIONS && (fi->conditions >> (f->condition - 1)) & 1)
				buf_printf(&b, "%s（%s）发现情形 %d「%s」", n->code, n->title, f->condition,
					   n->rule.type == RULE_FIXED ? (n->rule.text ? n->rule.text : "未落实")
					   : n->rule.conds[f->condition - 1].text);
		} else if (nr->deduction > 0) {
			buf_printf(&b, "%s（%s）扣 %s 分", n->code, n->title, P(nr->deduction, b1));
		}
		break;
	}
	case WHEN_PART_BELOW: {
		const struct node *n = scheme_find(s, f->part);
		const struct node_result *nr = &r->nodes[n->index];
		if (!nr->node || nr->na || nr->score >= f->below)
			break;
		buf_printf(&b, "%s（%s）得 %s 分，低于 %s 分", n->code, n->title, P(nr->score, b1),
			   P(f->below, b2));
		if (f->below_pct >= 0)
			buf_printf(&b, "（满分 %s 分的 %d%%）", P(n->points, b3), f->below_pct);
		break;
	}
	case WHEN_ACCIDENT_MATCH: {
		struct buf what = {0}, list = {0};
		int k = 0;
		for (int i = 0; i < in->naccidents; i++)
			if (accident_matches(&f->match, &in->accidents[i])) {
				buf_puts(&list, k++ ? "；" : "");
				accident_counted_describe(&in->accidents[i], i, &list);
			}
		accident_match_describe(&f->match, &what);
		if (k >= v->count)
			buf_printf(&b, "发生%s %d 起（%s）", buf_str(&what), k, buf_str(&list));
		buf_free(&what);
		buf_free(&list);
		break;
	}
	case WHEN_MANDATORY: {
		const char *g = scheme_grade_name(s, f->mandatory);
		/* a unit applying for another grade need not meet these */
		if (in->applied_grade && strcmp(in->applied_grade, g) != 0)
			break;
		struct buf list = {0};
		int k = 0;
		for (int i = 1; i < s->nnodes; i++) {
			const struct node *n = s->nodes[i];
			const struct node_result *nr = &r->nodes[i];
			if (!node_mandatory_for(n, g) || !nr->node || nr->na || nr->score >= n->points)
				continue;
			buf_printf(&list, "%s%s（%s）得 %s 分，满分 %s 分", k++ ? "；" : "", n->code, n->title,
				   P(nr->score, b1), P(n->points, b2));
		}
		if (k)
			buf_printf(&b, "%s%s必达项（★）%d 项未达到：%s", in->applied_grade ? "申报" : "", g, k,
				   buf_str(&list));
		buf_free(&list);
		break;
	}
	default:
		break;
	}
	return b.len ? buf_take(&b) : (buf_free(&b), NULL);
}

void veto_forms_evaluate(const struct scheme *s, const struct unit_input *in, struct result *r)
{
	int k = 0;
	for (int i = 0; i < r->nvetoes; i++) {
		if (veto_applies(r->vetoes[i].rule, in))
			r->vetoes[k++] = r->vetoes[i];
		else
			free(r->vetoes[i].detail);
	}
	r->nvetoes = k;
	for (int i = 0; i < s->nvetoes; i++) {
		const struct veto_rule *v = &s->vetoes[i];
		if (v->when < WHEN_FINDING || !veto_applies(v, in))
			continue;
		char *detail = trigger(v, in, r);
		if (!detail)
			continue;
		r->vetoes = xrealloc(r->vetoes, (size_t)(r->nvetoes + 1) * sizeof *r->vetoes);
		r->vetoes[r->nvetoes++] = (struct veto_hit){v, detail};
	}
	/* in the scheme's order, as veto_evaluate lists them */
	for (int i = 1; i < r->nvetoes; i++)
		for (int j = i; j > 0 && r->vetoes[j - 1].rule > r->vetoes[j].rule; j--) {
			struct veto_hit t = r->vetoes[j];
			r->vetoes[j] = r->vetoes[j - 1];
			r->vetoes[j - 1] = t;
		}
}

void veto_form_describe(const struct scheme *s, const struct veto_rule *v, struct buf *b)
{
	const struct veto_form *f = v->form;
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	if (!f)
		return;
	const struct node *n;
	switch (v->when) {
	case WHEN_FINDING:
		n = scheme_find(s, f->item);
		if (f->condition && n)
			buf_printf(b, "条件：%s（%s）发现情形 %d「%s」", f->item, n->title, f->condition,
				   n->rule.type == RULE_FIXED ? (n->rule.text ? n->rule.text : "未落实")
				   : n->rule.conds[f->condition - 1].text);
		else if (n)
			buf_printf(b, "条件：%s（%s）有扣分", f->item, n->title);
		break;
	case WHEN_PART_BELOW:
		n = scheme_find(s, f->part);
		if (!n)
			break;
		buf_printf(b, "条件：%s（%s）得分低于 %s 分", f->part, n->title, P(f->below, b1));
		if (f->below_pct >= 0)
			buf_printf(b, "（满分 %s 分的 %d%%）", P(n->points, b2), f->below_pct);
		break;
	case WHEN_ACCIDENT_MATCH:
		buf_printf(b, "条件：事故登记中发生%d起以上", v->count);
		accident_match_describe(&f->match, b);
		break;
	case WHEN_MANDATORY: {
		const char *g = scheme_grade_name(s, f->mandatory);
		int k = 0;
		for (int i = 1; i < s->nnodes; i++)
			k += node_mandatory_for(s->nodes[i], g);
		buf_printf(b, "条件：%s必达项（★，%d 项）有未得满分的；只约束申报%s或未登记申报档次的单位", g, k, g);
		break;
	}
	default:
		break;
	}
	if (f->nunits || f->nindustries) {
		buf_printf(b, "%s仅适用于", b->len ? "；" : "");
		for (int i = 0; i < f->nunits; i++)
			buf_printf(b, "%s%s", i ? "、" : "", f->units[i]);
		if (f->nindustries) {
			buf_printf(b, "%s行业为", f->nunits ? "及" : "");
			for (int i = 0; i < f->nindustries; i++)
				buf_printf(b, "%s%s", i ? "、" : "", f->industries[i]);
			buf_puts(b, "的单位");
		}
	}
}
