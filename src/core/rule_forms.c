/* rule_forms.c: scoring the rules that take several figures (clauses,
 * range, rate, target, trend): the check of a finding's figures against
 * the rule, and the deduction with its arithmetic in words. */
#include "rule_forms.h"
#include "figures.h"
#include "rule.h"

#include <stdlib.h>
#include <string.h>

#define P(v, b) points_fmt((v), (b))

static points_t min_p(points_t a, points_t b) { return a < b ? a : b; }

/* k × each, saturating (a count from a figure can be large). */
static points_t times_sat(long long k, points_t each)
{
	if (k > 0 && each > INT64_MAX / k)
		return INT64_MAX;
	return (points_t)k * each;
}

/* The label of clause i in messages: "第 2 条（台账不全）". */
static void clause_label(struct buf *b, const struct rule *cl, int i)
{
	buf_printf(b, "第 %d 条", i + 1);
	if (cl->text)
		buf_printf(b, "（%s）", cl->text);
}

/* True when figures [lo, hi) are one plain 0: nothing found. */
static bool none_found(const struct figures *g, int lo, int hi)
{
	return hi - lo == 1 && figure_plain(g, lo) && g->t[g->first[lo]].value == 0;
}

/* Checks the occurrences in figures [lo, hi) against range rule r. */
static int range_check(const struct node *n, const struct rule *r, const struct figures *g,
		       int lo, int hi, const char *label, struct buf *why)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ];
	if (none_found(g, lo, hi))
		return 0;
	long long count = 0;
	for (int j = g->first[lo]; j < g->first[hi]; j++) {
		const struct figure_term *t = &g->t[j];
		if (t->value < r->from || t->value > r->to) {
			buf_printf(why, "%s%s 的扣分 %s 超出范围：每%s扣 %s—%s 分", n->code, label,
				   P(t->value, b1), r->unit, P(r->from, b2), P(r->to, b3));
			return -1;
		}
		count += t->times;
	}
	if (r->max_count && count > r->max_count) {
		buf_printf(why, "%s%s 的次数 %lld 超出范围：原文规定最多 %lld %s", n->code, label, count,
			   r->max_count, r->unit);
		return -1;
	}
	return 0;
}

/* The deduction of the occurrences in figures [lo, hi) under range rule r;
 * limited by the item's points when the rule is the item's own. */
static points_t range_deduction(const struct node *n, const struct rule *r, const struct figures *g,
				int lo, int hi, bool own, struct buf *how)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	if (none_found(g, lo, hi)) {
		SAY(how, "0 %s → 不扣分", r->unit);
		return 0;
	}
	long long count = 0;
	points_t raw = 0;
	int nt = g->first[hi] - g->first[lo];
	for (int j = g->first[lo]; j < g->first[hi]; j++) {
		count += g->t[j].times;
		raw += times_sat(g->t[j].times, g->t[j].value);
	}
	const struct figure_term *t0 = &g->t[g->first[lo]];
	if (nt == 1 && t0->times == 1)
		SAY(how, "1 %s：%s 分", r->unit, P(raw, b1));
	else if (nt == 1)
		SAY(how, "%lld %s × %s 分 = %s 分", count, r->unit, P(t0->value, b1), P(raw, b2));
	else {
		SAY(how, "%lld %s：", count, r->unit);
		for (int j = g->first[lo]; j < g->first[hi]; j++) {
			if (j > g->first[lo])
				SAYS(how, " + ");
			if (g->t[j].times != 1)
				SAY(how, "%lld×", g->t[j].times);
			SAY(how, "%s", P(g->t[j].value, b1));
		}
		SAY(how, " = %s 分", P(raw, b1));
	}
	points_t d = raw;
	if (r->has_cap) {
		d = min_p(raw, r->cap);
		SAY(how, "，上限 %s 分", P(r->cap, b1));
	} else if (own && raw > n->points) {
		d = n->points;
		SAY(how, "，以本项分值 %s 分为限", P(n->points, b1));
	}
	SAY(how, " → 扣 %s 分", P(d, b1));
	return d;
}

/* Checks clause i's figure against its rule. */
static int clause_check(const struct node *n, const struct rule *cl, const struct figures *g, int i,
			struct buf *why)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	struct buf label = {0};
	buf_puts(&label, " ");
	clause_label(&label, cl, i);
	const char *lb = buf_str(&label);
	long long k = 0;
	points_t v = figure_sum(g, i);
	int rc = 0;
	switch (cl->type) {
	case RULE_PER:
	case RULE_STEPS:
		if (figure_whole(g, i, &k) != 0) {
			buf_printf(why, "%s%s 须填次数（整数），而不是 %s", n->code, lb, P(v, b1));
			rc = -1;
		} else if (cl->max_count && k > cl->max_count) {
			buf_printf(why, "%s%s 的次数 %lld 超出范围：原文规定最多 %lld %s", n->code, lb, k,
				   cl->max_count, cl->unit);
			rc = -1;
		}
		break;
	case RULE_FIXED:
	case RULE_ZERO:
		if (figure_whole(g, i, &k) != 0 || k > 1) {
			buf_printf(why, "%s%s 须填 1（有此情形）或 0（没有），而不是 %s", n->code, lb, P(v, b1));
			rc = -1;
		}
		break;
	case RULE_JUDGED: {
		points_t max = cl->has_max ? cl->max : n->points;
		if (!figure_plain(g, i) || v > max) {
			buf_printf(why, "%s%s 的扣分 %s 超出范围（0 到 %s 分）", n->code, lb, P(v, b1),
				   P(max, b2));
			rc = -1;
		}
		break;
	}
	case RULE_RANGE:
		rc = range_check(n, cl, g, i, i + 1, lb, why);
		break;
	default:
		break;
	}
	buf_free(&label);
	return rc;
}

int rule_forms_check(const struct node *n, const struct finding *f, struct buf *why)
{
	const struct rule *r = &n->rule;
	struct figures g;
	const char *bad;
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	if (figures_parse(f->figures, &g, &bad) != 0) {
		buf_printf(why, "%s 的数据“%s”格式不对：%s（%s）", n->code, f->figures ? f->figures : "",
			   bad, FIGURES_SYNTAX);
		return -1;
	}
	/* a/b is a rate's and only a rate's: 0;3 is not 0/3, nor 95/100 two
	 * clauses */
	if (g.ratio && r->type != RULE_RATE) {
		buf_printf(why, "%s 的数据“%s”不是比率：分子/分母只用于比率，多个数用分号分隔", n->code,
			   f->figures);
		return -1;
	}
	if (!g.ratio && r->type == RULE_RATE && g.n == 2) {
		buf_printf(why, "%s 的数据“%s”须写成 分子/分母（如 95/100）", n->code, f->figures);
		return -1;
	}
	switch (r->type) {
	case RULE_CLAUSES:
		if (g.n != r->nclauses) {
			buf_printf(why, "%s 有 %d 条规则，数据须按顺序填 %d 个数（用分号分隔），“%s”是 %d 个",
				   n->code, r->nclauses, r->nclauses, f->figures, g.n);
			return -1;
		}
		for (int i = 0; i < g.n; i++)
			if (clause_check(n, &r->clauses[i], &g, i, why) != 0)
				return -1;
		return 0;
	case RULE_RANGE:
		return range_check(n, r, &g, 0, g.n, "", why);
	case RULE_RATE:
	case RULE_TARGET:
	case RULE_TREND: {
		static const char *const two[] = {"分子/分母（如 95/100）", "实际数;控制指标（如 3;2）",
			"本年数;上年数（如 3;5）"};
		const char *want = two[r->type - RULE_RATE];
		if (g.n != 2 || !figure_plain(&g, 0) || !figure_plain(&g, 1)) {
			buf_printf(why, "%s 的数据“%s”须是两个数：%s", n->code, f->figures, want);
			return -1;
		}
		if (r->type == RULE_RATE && figure_sum(&g, 1) == 0) {
			buf_printf(why, "%s 的数据“%s”：分母不能为 0", n->code, f->figures);
			return -1;
		}
		if (r->type == RULE_RATE && figure_sum(&g, 0) > figure_sum(&g, 1)) {
			buf_printf(why, "%s 的数据“%s”：分子 %s 大于分母 %s（比率超过 100%%）", n->code,
				   f->figures, P(figure_sum(&g, 0), b1), P(figure_sum(&g, 1), b2));
			return -1;
		}
		return 0;
	}
	default:
		buf_printf(why, "%s 的规则不接受数据", n->code);
		return -1;
	}
}

/* Clause i's deduction, before the item's bound. */
static points_t clause_deduction(const struct node *n, const struct rule *cl, const struct figures *g,
				 int i, struct buf *how)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	long long k = 0;
	points_t v = figure_sum(g, i);
	const char *text = cl->text ? cl->text : "有此情形";
	switch (cl->type) {
	case RULE_PER:
	case RULE_STEPS: {
		struct node tmp = *n;
		tmp.rule = *cl;
		figure_whole(g, i, &k);
		struct finding sub = {.code = n->code, .form = INPUT_COUNT, .count = k};
		return rule_deduction(&tmp, &sub, how);
	}
	case RULE_FIXED:
	case RULE_ZERO: {
		figure_whole(g, i, &k);
		if (!k) {
			SAYS(how, "无 → 不扣分");
			return 0;
		}
		points_t d = cl->type == RULE_ZERO ? n->points : cl->deduct;
		if (cl->type == RULE_ZERO)
			SAY(how, "%s，不得分 → 扣 %s 分", text, P(d, b1));
		else
			SAY(how, "%s → 扣 %s 分", text, P(d, b1));
		return d;
	}
	case RULE_JUDGED:
		SAY(how, "考核组评定扣 %s 分（上限 %s 分）", P(v, b1),
		    P(cl->has_max ? cl->max : n->points, b2));
		return v;
	case RULE_RANGE:
		return range_deduction(n, cl, g, i, i + 1, false, how);
	default:
		return 0;
	}
}

/* The deduction of k steps of `each`, bounded by the cap or the item's
 * points, said as "k × each 分 = raw 分 … → 扣 d 分". */
static points_t steps_deduction(const struct node *n, const struct rule *r, long long k, struct buf *how)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	points_t raw = times_sat(k, r->each), d = raw;
	SAY(how, "%lld × %s 分 = %s 分", k, P(r->each, b1), P(raw, b2));
	if (r->has_cap) {
		d = min_p(raw, r->cap);
		SAY(how, "，上限 %s 分", P(r->cap, b1));
	} else if (raw > n->points) {
		d = n->points;
		SAY(how, "，以本项分值 %s 分为限", P(n->points, b1));
	}
	SAY(how, " → 扣 %s 分", P(d, b1));
	return d;
}

/* rate: num/den below the target percentage; whole steps of `per`
 * percentage points count, a part of a step does not (rounded down). */
static points_t rate_deduction(const struct node *n, const struct rule *r, const struct figures *g,
			       struct buf *how)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ];
	points_t num = figure_sum(g, 0), den = figure_sum(g, 1);
	/* the percentage in hundredths of a point: 95/100 → 9500 (95%) */
	points_t pct = points_muldiv(num, POINTS(100), den);
	bool exact = (num * POINTS(100)) % den == 0;
	/* shortfall × den, in hundredths of a percentage point */
	points_t below = r->target * den - num * POINTS(100);
	SAY(how, "%s %s/%s %s %s%%", r->text ? r->text : "比率", P(num, b1), P(den, b2),
	    exact ? "=" : "≈", P(pct, b3));
	if (below <= 0) {
		SAY(how, "，达到 %s%% → 不扣分", P(r->target, b1));
		return 0;
	}
	long long k = below / (r->per * den);
	bool whole = below % (r->per * den) == 0;
	SAY(how, "，低于 %s%% %s%s 个百分点", P(r->target, b1), exact ? "" : "约 ",
	    P(exact ? r->target - pct : points_muldiv(below, 1, den), b2));
	if (r->per != POINTS(1))
		SAY(how, "，每 %s 个百分点计一档，计 %lld 档", P(r->per, b1), k);
	else if (!whole)
		SAY(how, "，按整 %lld 个百分点计（不足 1 个百分点的不计）", k);
	if (k == 0) {
		SAYS(how, " → 不扣分");
		return 0;
	}
	SAYS(how, "，");
	return steps_deduction(n, r, k, how);
}

/* target: the actual figure above the control target, in whole steps. */
static points_t target_deduction(const struct node *n, const struct rule *r, const struct figures *g,
				 struct buf *how)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	points_t actual = figure_sum(g, 0), target = figure_sum(g, 1);
	const char *u = r->unit ? r->unit : "";
	SAY(how, "%s %s%s，控制指标 %s%s", r->text ? r->text : "实际", P(actual, b1), u, P(target, b2), u);
	if (actual <= target) {
		SAYS(how, "，未超过 → 不扣分");
		return 0;
	}
	long long k = (actual - target) / r->per;
	SAY(how, "，超过 %s%s", P(actual - target, b1), u);
	if (r->per != POINTS(1) || (actual - target) % r->per)
		SAY(how, "，每超 %s%s计一次，计 %lld 次（不足的部分不计）", P(r->per, b1), u, k);
	if (k == 0) {
		SAYS(how, " → 不扣分");
		return 0;
	}
	SAYS(how, "，");
	return steps_deduction(n, r, k, how);
}

/* trend: this year's figure against last year's. */
static points_t trend_deduction(const struct node *n, const struct rule *r, const struct figures *g,
				struct buf *how)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	points_t now = figure_sum(g, 0), last = figure_sum(g, 1);
	SAY(how, "%s本年 %s，上年 %s", r->text ? r->text : "", P(now, b1), P(last, b2));
	if (now < last) {
		SAYS(how, "，较上年下降 → 不扣分");
		return 0;
	}
	points_t d = min_p(now == last ? r->same : r->up, n->points);
	SAY(how, "，较上年%s → 扣 %s 分", now == last ? "持平" : "上升", P(d, b1));
	return d;
}

points_t rule_forms_deduction(const struct node *n, const struct finding *f, struct buf *how)
{
	const struct rule *r = &n->rule;
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	struct figures g;
	const char *bad;
	if (!f || f->form != INPUT_FIGURES || figures_parse(f->figures, &g, &bad) != 0) {
		SAYS(how, "未发现问题 → 不扣分");
		return 0;
	}
	switch (r->type) {
	case RULE_CLAUSES: {
		points_t sum = 0;
		for (int i = 0; i < r->nclauses && i < g.n; i++) {
			if (how) {
				if (i)
					buf_puts(how, "；");
				clause_label(how, &r->clauses[i], i);
				buf_puts(how, "：");
			}
			sum += clause_deduction(n, &r->clauses[i], &g, i, how);
		}
		points_t bound = r->has_cap ? r->cap : n->points;
		points_t d = min_p(sum, bound);
		SAY(how, "；合计 %s 分", P(sum, b1));
		if (sum > bound)
			SAY(how, "，%s %s 分为限", r->has_cap ? "以上限" : "以本项分值", P(bound, b2));
		SAY(how, " → 扣 %s 分", P(d, b1));
		return d;
	}
	case RULE_RANGE: return range_deduction(n, r, &g, 0, g.n, true, how);
	case RULE_RATE: return rate_deduction(n, r, &g, how);
	case RULE_TARGET: return target_deduction(n, r, &g, how);
	case RULE_TREND: return trend_deduction(n, r, &g, how);
	default: return 0;
	}
}

points_t rule_forms_unbounded(const struct node *n, const struct finding *f)
{
	const struct rule *r = &n->rule;
	struct figures g;
	const char *bad;
	if (!f || f->form != INPUT_FIGURES || figures_parse(f->figures, &g, &bad) != 0)
		return 0;
	switch (r->type) {
	case RULE_CLAUSES: {
		/* each clause as bounded alone; the sum before the item's bound */
		points_t sum = 0;
		for (int i = 0; i < r->nclauses && i < g.n; i++)
			sum += clause_deduction(n, &r->clauses[i], &g, i, NULL);
		return sum;
	}
	case RULE_RANGE:
	case RULE_RATE:
	case RULE_TARGET: {
		/* the occurrences or steps counted in full: neither the cap nor
		 * the item's points bound them */
		struct node wide = *n;
		wide.points = POINTS_LIMIT;
		wide.rule.has_cap = false;
		return rule_forms_deduction(&wide, f, NULL);
	}
	default:
		return rule_forms_deduction(n, f, NULL);
	}
}
