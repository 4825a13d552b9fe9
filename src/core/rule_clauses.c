/* rule_clauses.c: the figures rules in the scheme language (reading them,
 * their bounds, their restatement in words); rule_forms.c scores them. */
#include "rule_forms.h"
#include "figures.h"
#include "rule.h"
#include "ytree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define P(v, b) points_fmt((v), (b))

bool rule_takes_figures(enum rule_type t)
{
	return t >= RULE_CLAUSES && t <= RULE_TREND;
}

/* Reports the keys of y that rule type t does not take. */
static void refuse_keys(struct scheme_ctx *c, const struct ynode *y, const char *type,
			const char *const *takes)
{
	for (int i = 0; i < y->n; i++) {
		const struct ynode *k = y->keys[i];
		if (k->type != Y_SCALAR)
			continue;
		int taken = 0;
		for (const char *const *a = takes; *a; a++)
			taken |= strcmp(*a, k->str) == 0;
		if (!taken)
			scheme_err(c, k->line, "%s 类规则不使用“%s”", type, k->str);
	}
}

/* A points key that must be above 0 when present. */
static int positive(struct scheme_ctx *c, const struct ynode *y, const char *key, int required,
		    const char *what, points_t *out)
{
	int got = sk_points(c, y, key, required, what, out);
	if (got == 1 && *out == 0) {
		scheme_err(c, ytree_get(y, key)->line, "“%s”必须大于 0", key);
		return -1;
	}
	return got;
}

/* clauses: a list of clause rules of the kinds a clause may be. */
static void parse_clauses(struct scheme_ctx *c, const struct ynode *y, struct node *n,
			  struct rule *r, const char *what)
{
	const struct ynode *cs = ytree_get(y, "clauses");
	if (!cs) {
		scheme_err(c, y->line, "%s缺少“clauses”（各条规则的列表）", what);
		return;
	}
	if (cs->type != Y_SEQ || cs->n == 0) {
		scheme_err(c, cs->line, "“clauses”必须是非空列表");
		return;
	}
	if (cs->n > FIGURES_MAX) {
		scheme_err(c, cs->line, "“clauses”最多 %d 条", FIGURES_MAX);
		return;
	}
	r->clauses = xcalloc((size_t)cs->n, sizeof *r->clauses);
	for (int i = 0; i < cs->n; i++) {
		const struct ynode *ci = cs->items[i];
		if (ci->type != Y_MAP) {
			scheme_err(c, ci->line, "节点 %s 的第 %d 条必须是映射（type: …）", n->code, i + 1);
			continue;
		}
		scheme_parse_rule(c, ci, n, &r->clauses[r->nclauses++], i + 1);
	}
}

int rule_forms_parse(struct scheme_ctx *c, const struct ynode *y, struct node *n,
		     struct rule *r, int clause, const char *what)
{
	const char *type = rule_type_name(r->type);
	int line = ytree_get(y, "type")->line;
	if (clause && (r->type == RULE_CONDITIONS || r->type == RULE_EARN || r->type == RULE_ENTERED ||
		       r->type == RULE_CLAUSES || r->type == RULE_RATE || r->type == RULE_TARGET ||
		       r->type == RULE_TREND)) {
		scheme_err(c, line, "%s：clauses 中的一条只能是 per、steps、fixed、judged、range 或 zero，"
		    "不能是 %s", what, type);
		return -1;
	}
	if (!clause && r->type == RULE_ZERO) {
		scheme_err(c, line, "%s：zero（不得分）只用于 clauses 中的一条；整项不得分请写 fixed", what);
		return -1;
	}
	if (r->type < RULE_CLAUSES)
		return 0;
	static const char *const takes[][9] = {
		[RULE_CLAUSES - RULE_CLAUSES] = {"type", "clauses", "cap"},
		[RULE_RANGE - RULE_CLAUSES] = {"type", "from", "to", "cap", "unit", "max_count", "text"},
		[RULE_RATE - RULE_CLAUSES] = {"type", "name", "target", "each", "per", "cap"},
		[RULE_TARGET - RULE_CLAUSES] = {"type", "name", "each", "per", "unit", "cap"},
		[RULE_TREND - RULE_CLAUSES] = {"type", "name", "same", "up"},
		[RULE_ZERO - RULE_CLAUSES] = {"type", "text"},
	};
	refuse_keys(c, y, type, takes[r->type - RULE_CLAUSES]);
	int got = 0;
	switch (r->type) {
	case RULE_CLAUSES:
		parse_clauses(c, y, n, r, what);
		got = positive(c, y, "cap", 0, what, &r->cap);
		r->has_cap = got == 1;
		break;
	case RULE_RANGE: {
		int a = sk_points(c, y, "from", 1, what, &r->from);
		int b = positive(c, y, "to", 1, what, &r->to);
		if (a == 1 && b == 1 && r->from > r->to)
			scheme_err(c, ytree_get(y, "from")->line, "%s：from（%s）大于 to（%s）", what,
			    P(r->from, (char[POINTS_BUFSZ]){0}), P(r->to, (char[POINTS_BUFSZ]){0}));
		got = positive(c, y, "cap", 0, what, &r->cap);
		r->has_cap = got == 1;
		long long mc = 0;
		if (sk_int(c, y, "max_count", 0, what, 1, 1000000, &mc) == 1)
			r->max_count = mc;
		char *u = sk_str(c, y, "unit", 0, what);
		r->unit = u ? u : xstrdup("次");
		r->text = sk_str(c, y, "text", 0, what);
		break;
	}
	case RULE_RATE:
		r->target = POINTS(100);
		if (positive(c, y, "target", 0, what, &r->target) == 1 && r->target > POINTS(100))
			scheme_err(c, ytree_get(y, "target")->line, "%s：target 是百分数，不能超过 100", what);
		/* each, per, cap, name as a target rule */
		__attribute__((fallthrough));
	case RULE_TARGET:
		positive(c, y, "each", 1, what, &r->each);
		r->per = POINTS(1);
		if (positive(c, y, "per", 0, what, &r->per) == 1 && r->type == RULE_RATE &&
		    r->per > POINTS(100))
			scheme_err(c, ytree_get(y, "per")->line, "%s：per 是百分点，不能超过 100", what);
		got = positive(c, y, "cap", 0, what, &r->cap);
		r->has_cap = got == 1;
		r->text = sk_str(c, y, "name", 0, what);
		if (r->type == RULE_TARGET) {
			char *u = sk_str(c, y, "unit", 0, what);
			r->unit = u ? u : xstrdup("");
		}
		break;
	case RULE_TREND:
		sk_points(c, y, "same", 1, what, &r->same);
		if (positive(c, y, "up", 1, what, &r->up) == 1 && r->same > r->up)
			scheme_err(c, ytree_get(y, "up")->line, "%s：上升的扣分 up 不能小于持平的扣分 same", what);
		r->text = sk_str(c, y, "name", 0, what);
		break;
	case RULE_ZERO:
		r->text = sk_str(c, y, "text", 0, what);
		break;
	default:
		break;
	}
	return 1;
}

points_t rule_forms_stated_bound(const struct rule *r)
{
	if (r->type == RULE_TREND)
		return r->up;
	return rule_takes_figures(r->type) && r->has_cap ? r->cap : -1;
}

static points_t min_p(points_t a, points_t b) { return a < b ? a : b; }

points_t rule_forms_bound(const struct node *n, const struct rule *r)
{
	points_t all = n->points;
	switch (r->type) {
	case RULE_PER: {
		points_t b = r->has_cap ? r->cap + r->extra : all;
		return r->max_count ? min_p((points_t)r->max_count * r->each, b) : b;
	}
	case RULE_STEPS: return r->nsteps ? r->steps[r->nsteps - 1].deduct : 0;
	case RULE_FIXED: return r->deduct;
	case RULE_JUDGED: return r->has_max ? r->max : all;
	case RULE_ZERO: return all;
	case RULE_CLAUSES: {
		points_t sum = 0;
		for (int i = 0; i < r->nclauses; i++)
			sum += rule_forms_bound(n, &r->clauses[i]);
		return min_p(sum, r->has_cap ? r->cap : all);
	}
	case RULE_RANGE: {
		points_t b = r->has_cap ? r->cap : all;
		return r->max_count ? min_p((points_t)r->max_count * r->to, b) : b;
	}
	case RULE_RATE: {
		/* a rate of 0 is the furthest below the target */
		points_t most = (r->target / r->per) * r->each;
		return min_p(most, r->has_cap ? r->cap : all);
	}
	case RULE_TARGET: return r->has_cap ? r->cap : all;
	case RULE_TREND: return min_p(r->up, all);
	default: return all;
	}
}

void rule_forms_describe(const struct node *n, const struct rule *r, struct buf *b)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ];
	const char *name = r->text ? r->text : "";
	switch (r->type) {
	case RULE_CLAUSES:
		for (int i = 0; i < r->nclauses; i++) {
			const struct rule *cl = &r->clauses[i];
			buf_printf(b, "%s第%d条 ", i ? "；" : "", i + 1);
			if (cl->text && cl->type != RULE_FIXED && cl->type != RULE_ZERO &&
			    cl->type != RULE_RANGE)
				buf_printf(b, "%s：", cl->text);
			if (rule_takes_figures(cl->type) || cl->type == RULE_ZERO) {
				rule_forms_describe(n, cl, b);
			} else {
				struct node tmp = *n;
				tmp.rule = *cl;
				char *d = rule_describe(&tmp);
				buf_puts(b, d);
				free(d);
			}
		}
		buf_printf(b, "；合计最高扣%s分", P(r->has_cap ? r->cap : n->points, b1));
		break;
	case RULE_ZERO:
		buf_printf(b, "%s%s不得分", name, *name ? "的，" : "");
		break;
	case RULE_RANGE:
		/* once (视情况扣1—5分) or for each occurrence */
		if (r->max_count == 1) {
			buf_printf(b, "%s%s视情况扣%s—%s分", name, *name ? "，" : "", P(r->from, b1),
				   P(r->to, b2));
			break;
		}
		buf_printf(b, "%s%s每%s扣%s—%s分", name, *name ? "，" : "", r->unit, P(r->from, b1),
			   P(r->to, b2));
		if (r->has_cap)
			buf_printf(b, "，最高扣%s分", P(r->cap, b1));
		else
			buf_puts(b, "，扣完为止");
		break;
	case RULE_RATE:
		buf_printf(b, "%s达到%s%%得满分，每降低%s个百分点扣%s分", *name ? name : "比率",
			   P(r->target, b1), P(r->per, b2), P(r->each, b3));
		if (r->has_cap)
			buf_printf(b, "，最高扣%s分", P(r->cap, b1));
		break;
	case RULE_TARGET:
		buf_printf(b, "%s超过控制指标的，每超%s%s扣%s分", *name ? name : "实际数",
			   P(r->per, b1), r->unit ? r->unit : "", P(r->each, b2));
		if (r->has_cap)
			buf_printf(b, "，最高扣%s分", P(r->cap, b1));
		break;
	case RULE_TREND:
		buf_printf(b, "%s较上年下降的得满分，持平的扣%s分，上升的扣%s分", name, P(r->same, b1),
			   P(r->up, b2));
		break;
	default:
		break;
	}
}

/* What one clause's figure is, in words. */
static void clause_hint(struct buf *b, const struct rule *cl)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	switch (cl->type) {
	case RULE_PER:
	case RULE_STEPS: buf_printf(b, "%s数", cl->unit ? cl->unit : "次"); break;
	case RULE_FIXED:
	case RULE_ZERO: buf_puts(b, "有填 1，无填 0"); break;
	case RULE_JUDGED: buf_puts(b, "扣分"); break;
	case RULE_RANGE:
		buf_printf(b, "每%s扣分 %s—%s，多%s写 1+0.5 或 3×1.5，无填 0", cl->unit, P(cl->from, b1),
			   P(cl->to, b2), cl->unit);
		break;
	default: break;
	}
}

char *rule_figures_hint(const struct node *n)
{
	const struct rule *r = &n->rule;
	struct buf b = {0};
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	switch (r->type) {
	case RULE_CLAUSES:
		buf_printf(&b, "按顺序填 %d 个数，用分号分隔：", r->nclauses);
		for (int i = 0; i < r->nclauses; i++) {
			buf_printf(&b, "%s第%d条", i ? "；" : "", i + 1);
			if (r->clauses[i].text)
				buf_printf(&b, "（%s）", r->clauses[i].text);
			buf_puts(&b, " ");
			clause_hint(&b, &r->clauses[i]);
		}
		buf_puts(&b, "。如 ");
		for (int i = 0; i < r->nclauses; i++)
			buf_printf(&b, "%s%d", i ? ";" : "", i == 1);
		break;
	case RULE_RANGE:
		buf_printf(&b, "填每%s的扣分（%s—%s 分），用分号分隔，如 1;0.5;2；同额多%s写 3×1.5；没有填 0",
			   r->unit, P(r->from, b1), P(r->to, b2), r->unit);
		break;
	case RULE_RATE: buf_puts(&b, "填 分子/分母，如 95/100"); break;
	case RULE_TARGET: buf_puts(&b, "填 实际数;控制指标，如 5;3"); break;
	case RULE_TREND: buf_puts(&b, "填 本年数;上年数，如 3;5"); break;
	default: break;
	}
	return buf_take(&b);
}
