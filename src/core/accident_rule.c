/* accident_rule.c: items and vetoes counted from the accident register
 * (accident_rule.h): which accidents count, what an item loses for them,
 * and the words that restate and explain it. */
#include "accident_rule.h"
#include "scheme_check.h"
#include "ytree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define P(v, b) points_fmt((v), (b))

/* Reads a list of words (or one word) at key into *out; returns its length,
 * 0 if absent, -1 on error. */
int sk_words(struct scheme_ctx *c, const struct ynode *y, const char *key, char ***out)
{
	const struct ynode *v = ytree_get(y, key);
	*out = NULL;
	if (!v)
		return 0;
	if (v->type == Y_SCALAR && v->str[0]) {
		*out = xcalloc(1, sizeof **out);
		(*out)[0] = xstrdup(v->str);
		return 1;
	}
	if (v->type != Y_SEQ || v->n == 0) {
		scheme_err(c, v->line, "“%s”必须是一个词或非空列表", key);
		return -1;
	}
	for (int i = 0; i < v->n; i++)
		if (v->items[i]->type != Y_SCALAR || !v->items[i]->str[0]) {
			scheme_err(c, v->items[i]->line, "“%s”的每一项都必须是非空文字", key);
			return -1;
		}
	*out = xcalloc((size_t)v->n, sizeof **out);
	for (int i = 0; i < v->n; i++)
		(*out)[i] = xstrdup(v->items[i]->str);
	return v->n;
}

void accident_match_parse(struct scheme_ctx *c, const struct ynode *y,
			  struct accident_match *m, const char *what)
{
	const struct ynode *exact = sk_scalar(c, y, "accident_grade", 0, what);
	const struct ynode *min = sk_scalar(c, y, "min_accident_grade", 0, what);
	if (exact && min)
		scheme_err(c, y->line, "%s：accident_grade 和 min_accident_grade 只能写一个", what);
	const struct ynode *g = exact ? exact : min;
	if (g) {
		int ag = accident_grade_parse(g->str);
		if (ag < 0) {
			scheme_err(c, g->line, "事故等级须是 一般、较大、重大 或 特别重大（“%s”）", g->str);
		} else {
			m->has_grade = true;
			m->grade = (enum accident_grade)ag;
			m->min_grade = g == min;
		}
	}
	long long d = 0;
	if (sk_int(c, y, "min_deaths", 0, what, 1, 100000, &d) == 1)
		m->min_deaths = d;
	int n = sk_words(c, y, "industry", &m->industries);
	m->nindustries = n > 0 ? n : 0;
}

void accident_match_free(struct accident_match *m)
{
	for (int i = 0; i < m->nindustries; i++)
		free(m->industries[i]);
	free(m->industries);
	m->industries = NULL;
	m->nindustries = 0;
}

bool accident_matches(const struct accident_match *m, const struct accident *a)
{
	if (m->has_grade) {
		enum accident_grade g = accident_grade_of(a);
		if (m->min_grade ? g < m->grade : g != m->grade)
			return false;
	}
	if (m->min_deaths && a->deaths < m->min_deaths)
		return false;
	if (m->industries) {
		bool in = false;
		for (int i = 0; i < m->nindustries && !in; i++)
			in = a->industry && strcmp(a->industry, m->industries[i]) == 0;
		if (!in)
			return false;
	}
	return true;
}

void accident_match_describe(const struct accident_match *m, struct buf *b)
{
	for (int i = 0; i < m->nindustries; i++)
		buf_printf(b, "%s%s", i ? "、" : "", m->industries[i]);
	if (m->nindustries)
		buf_puts(b, "行业");
	if (!m->nindustries && !m->min_deaths && !m->has_grade) {
		buf_puts(b, "生产安全事故");
		return;
	}
	if (m->min_deaths == 1 && !m->has_grade) {
		buf_puts(b, "死亡事故");
		return;
	}
	if (m->min_deaths)
		buf_printf(b, "死亡%lld人以上的", m->min_deaths);
	if (m->has_grade)
		buf_printf(b, "%s%s", accident_grade_name(m->grade), m->min_grade ? "及以上" : "");
	buf_puts(b, "事故");
}

void accident_counted_describe(const struct accident *a, int i, struct buf *b)
{
	if (a->date)
		buf_puts(b, a->date);
	else
		buf_printf(b, "第 %d 起", i + 1);
	if (a->industry)
		buf_printf(b, " %s", a->industry);
	buf_printf(b, " 死亡 %lld 人（%s）", a->deaths, accident_grade_name(accident_grade_of(a)));
}

void accident_rule_parse(struct scheme_ctx *c, const struct ynode *y, struct node *n,
			 const char *what)
{
	static const char *const keys[] = {"type", "accident_grade", "min_accident_grade",
		"min_deaths", "industry", "each", "cap", "deduct", NULL};
	sk_keys(c, y, keys, what);
	struct rule *r = &n->rule;
	r->type = RULE_ACCIDENTS;
	struct accident_rule *a = r->accidents = xcalloc(1, sizeof *r->accidents);
	accident_match_parse(c, y, &a->match, what);
	const struct ynode *each = ytree_get(y, "each"), *deduct = ytree_get(y, "deduct");
	if (!!each == !!deduct) {
		scheme_err(c, y->line, "%s须写 each（每起事故扣分）或 deduct（发生即扣分；"
			   "本项不得分写 deduct: all）之一", what);
		return;
	}
	if (each) {
		if (sk_points(c, y, "each", 1, what, &a->each) == 1 && a->each == 0)
			scheme_err(c, each->line, "“each”必须大于 0");
		int got = sk_points(c, y, "cap", 0, what, &a->cap);
		a->has_cap = got == 1;
		if (got == 1 && a->cap < a->each)
			scheme_err(c, ytree_get(y, "cap")->line, "上限 cap 小于每起事故的分值 each");
		/* the unit counted, for the shared words of a count (每1起) */
		r->unit = xstrdup("起");
		return;
	}
	if (ytree_get(y, "cap"))
		scheme_err(c, ytree_get(y, "cap")->line, "“cap”只与 each 一起使用");
	if (deduct->type == Y_SCALAR && strcmp(deduct->str, "all") == 0)
		a->deduct_all = true;
	else if (sk_points(c, y, "deduct", 1, what, &a->deduct) == 1 && a->deduct == 0)
		scheme_err(c, deduct->line, "“deduct”必须大于 0");
}

points_t accident_rule_bound(const struct rule *r)
{
	const struct accident_rule *a = r->accidents;
	if (!a)
		return -1;
	if (a->each)
		return a->has_cap ? a->cap : -1;
	/* deduct: all, or a rule refused already (no amount) */
	return a->deduct_all || !a->deduct ? -1 : a->deduct;
}

void accident_rule_check(struct scheme_ctx *c, struct node *n)
{
	const struct accident_rule *a = n->rule.accidents;
	if (n->sheet_root)
		scheme_err(c, n->line, "%s：抽查单位评分表（sheets）中的考核项不能由事故登记计算"
			   "（事故计入县区和监管部门，不计入抽查单位）", n->code);
	if (a && a->deduct_all && n->points < 0)
		scheme_err(c, n->line, "%s：deduct: all（本项不得分）须写明本项分值 points", n->code);
}

void accident_rule_free(struct accident_rule *a)
{
	if (!a)
		return;
	accident_match_free(&a->match);
	free(a);
}

points_t accident_rule_deduction(const struct node *n, const struct accident *acc, int na,
				 struct buf *how)
{
	const struct accident_rule *a = n->rule.accidents;
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ];
	struct buf what = {0}, list = {0};
	accident_match_describe(&a->match, &what);
	long long k = 0;
	for (int i = 0; i < na; i++)
		if (accident_matches(&a->match, &acc[i])) {
			if (how) {
				buf_puts(&list, k ? "；" : "");
				accident_counted_describe(&acc[i], i, &list);
			}
			k++;
		}
	points_t d;
	if (k == 0) {
		d = 0;
		SAY(how, "事故登记中无%s → 不扣分", buf_str(&what));
	} else if (a->each) {
		/* k is at most the accidents of one year: no overflow */
		points_t raw = (points_t)k * a->each;
		points_t bound = a->has_cap && a->cap < n->points ? a->cap : n->points;
		d = raw > bound ? bound : raw;
		SAY(how, "事故登记中%s %lld 起（%s）：%lld 起 × %s 分 = %s 分", buf_str(&what), k,
		    buf_str(&list), k, P(a->each, b1), P(raw, b2));
		if (raw > bound)
			SAY(how, "，上限 %s 分", P(bound, b3));
		SAY(how, " → 扣 %s 分", P(d, b1));
	} else {
		d = a->deduct_all || a->deduct > n->points ? n->points : a->deduct;
		SAY(how, "事故登记中%s %lld 起（%s）→ %s扣 %s 分", buf_str(&what), k, buf_str(&list),
		    a->deduct_all ? "本项不得分，" : "", P(d, b1));
	}
	buf_free(&what);
	buf_free(&list);
	return d;
}

void accident_rule_describe(const struct node *n, struct buf *b)
{
	const struct accident_rule *a = n->rule.accidents;
	char b1[POINTS_BUFSZ];
	if (!a)
		return;
	struct buf what = {0};
	accident_match_describe(&a->match, &what);
	if (a->each) {
		buf_printf(b, "每发生1起%s扣%s分", buf_str(&what), P(a->each, b1));
		if (a->has_cap)
			buf_printf(b, "，最高扣%s分", P(a->cap, b1));
		else
			buf_puts(b, "，扣完为止");
	} else if (a->deduct_all) {
		buf_printf(b, "发生%s的，本项不得分", buf_str(&what));
	} else {
		buf_printf(b, "发生%s的，扣%s分", buf_str(&what), P(a->deduct, b1));
	}
	buf_puts(b, "（由事故登记计算，不录入）");
	buf_free(&what);
}
