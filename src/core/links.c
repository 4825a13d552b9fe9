/* links.c: eligibility by industry, overflow beyond an item's points and
 * links between items, as the engine applies them (links.h). */
#include "links.h"
#include "rule_forms.h"
#include "rule.h"

#include <stdlib.h>
#include <string.h>

#define P(v, b) points_fmt((v), (b))

/* The nearest node at or above n with an only_industry list, or NULL. */
static const struct node *industry_restricted(const struct node *n)
{
	for (; n; n = n->parent)
		if (n->only_industry)
			return n;
	return NULL;
}

bool node_industry_applies(const struct node *n, const char *industry)
{
	/* every restriction above n holds, not just the nearest */
	for (const struct node *r = industry_restricted(n); r; r = industry_restricted(r->parent)) {
		bool in = false;
		for (int i = 0; i < r->nonly_industry && !in; i++)
			in = industry && strcmp(r->only_industry[i], industry) == 0;
		if (!in)
			return false;
		if (!r->parent)
			break;
	}
	return true;
}

/* The industries of the restriction n fails for industry, "、"-joined. */
static void industries_of(const struct node *n, const char *industry, struct buf *b)
{
	for (const struct node *r = industry_restricted(n); r; r = industry_restricted(r->parent)) {
		bool in = false;
		for (int i = 0; i < r->nonly_industry && !in; i++)
			in = industry && strcmp(r->only_industry[i], industry) == 0;
		if (!in) {
			for (int i = 0; i < r->nonly_industry; i++)
				buf_printf(b, "%s%s", i ? "、" : "", r->only_industry[i]);
			return;
		}
		if (!r->parent)
			return;
	}
}

void industry_refusal(const struct node *n, const char *industry, struct buf *why)
{
	buf_printf(why, "%s（%s）只适用于", n->code, n->title);
	industries_of(n, industry, why);
	if (industry && *industry)
		buf_printf(why, "行业的单位，不适用于行业为“%s”的单位", industry);
	else
		buf_puts(why, "行业的单位，本单位未登记行业");
}

char *industry_na_reason(const struct node *n, const char *industry)
{
	struct buf b = {0};
	buf_puts(&b, "本项仅适用于");
	industries_of(n, industry, &b);
	if (industry && *industry)
		buf_printf(&b, "行业，本单位行业为“%s”", industry);
	else
		buf_puts(&b, "行业，本单位未登记行业");
	return buf_take(&b);
}

const struct node *overflow_target(const struct node *n)
{
	if (!n->overflow)
		return NULL;
	const struct node *t = n;
	while (t->parent && t->depth > (n->overflow == OVERFLOW_PART ? 1 : 0))
		t = t->parent;
	return t;
}

/* What the rule gives before any bound of the item: each rule type that
 * can exceed the item's points says how (scheme_links.c allows overflow
 * on these only). */
static points_t unbounded(const struct node *n, const struct finding *f, points_t d)
{
	const struct rule *r = &n->rule;
	switch (r->type) {
	case RULE_PER:
		return f->form == INPUT_COUNT ? (points_t)f->count * r->each : d;
	case RULE_CONDITIONS: {
		points_t sum = 0;
		for (int i = 0; i < r->nconds; i++)
			if (f->conditions & ((uint64_t)1 << i))
				sum += r->conds[i].deduct;
		return f->form == INPUT_CONDITIONS ? sum : d;
	}
	case RULE_CLAUSES:
	case RULE_RANGE:
	case RULE_RATE:
	case RULE_TARGET:
		return f->form == INPUT_FIGURES ? rule_forms_unbounded(n, f) : d;
	default:
		return d;
	}
}

points_t overflow_excess(const struct node *n, const struct finding *f, points_t d)
{
	if (!n->overflow || !f || f->form == INPUT_NA)
		return 0;
	points_t u = unbounded(n, f, d);
	return u > d ? u - d : 0;
}

/* "本部分（2 政府层面）" or "总分". */
static void target_name(const struct node *t, struct buf *b)
{
	if (t->depth == 0)
		buf_puts(b, "总分");
	else
		buf_printf(b, "本部分（%s %s）", t->code, t->title);
}

void overflow_note(const struct node *n, points_t excess, struct buf *how)
{
	char b1[POINTS_BUFSZ];
	if (!how || excess <= 0)
		return;
	buf_printf(how, "；超出本项 %s 分，本项扣完后从", P(excess, b1));
	target_name(overflow_target(n), how);
	buf_puts(how, "中继续扣除");
}

points_t overflow_land(const struct scheme *s, const struct node *t,
		       const struct node_result *nodes, points_t score, struct buf *how)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ];
	if (t->depth > 1)
		return score;
	points_t sum = 0;
	struct buf list = {0};
	for (int i = t->index + 1; i < s->nnodes && s->nodes[i]->depth > t->depth; i++) {
		const struct node *n = s->nodes[i];
		const struct node_result *nr = &nodes[i];
		if (!nr->overflow || overflow_target(n) != t)
			continue;
		buf_printf(&list, "%s%s 扣分超出本项 %s 分", sum ? "，" : "", n->code,
			   P(nr->overflow, b1));
		sum += nr->overflow;
	}
	if (!sum) {
		buf_free(&list);
		return score;
	}
	points_t left = sum >= score ? 0 : score - sum;
	if (how) {
		buf_printf(how, "；%s，从%s中继续扣除：%s − %s", buf_str(&list),
			   t->depth ? "本部分" : "总分", P(score, b1), P(sum, b2));
		if (sum >= score)
			buf_puts(how, "，扣完为止 → 0 分");
		else
			buf_printf(how, " = %s 分", P(left, b3));
	}
	buf_free(&list);
	return left;
}

const struct node **links_decide(const struct scheme *s, const struct finding *const *by_node,
				 const struct node *sheet_root)
{
	const struct node **who = NULL;
	for (int i = 0; i < s->nlinks; i++) {
		const struct item_link *k = &s->links[i];
		if (!k->n || !k->items[0] || k->items[0]->sheet_root != sheet_root)
			continue;
		/* the largest deduction counts; on a tie, the first written */
		points_t best = 0, *d = xcalloc((size_t)k->n, sizeof *d);
		int winner = -1, deducting = 0;
		for (int j = 0; j < k->n; j++) {
			const struct node *n = k->items[j];
			const struct finding *f = by_node[n->index];
			if (!f || f->form == INPUT_NA)
				continue;
			d[j] = rule_deduction(n, f, NULL);
			d[j] += overflow_excess(n, f, d[j]);
			if (d[j] <= 0)
				continue;
			deducting++;
			if (d[j] > best) {
				best = d[j];
				winner = j;
			}
		}
		if (deducting >= 2) {
			if (!who)
				who = xcalloc((size_t)s->nnodes, sizeof *who);
			for (int j = 0; j < k->n; j++)
				if (d[j] > 0)
					who[k->items[j]->index] = k->items[winner];
		}
		free(d);
	}
	return who;
}

void link_note(const struct scheme *s, const struct node *n, const struct node *winner,
	       struct buf *how)
{
	if (!how)
		return;
	if (n != winner) {
		buf_printf(how, "；与 %s 不重复扣分（已按较大扣分计入 %s）→ 本项不扣分", winner->code,
			   winner->code);
		return;
	}
	(void)s;
	const struct item_link *k = n->link;
	buf_puts(how, "；与 ");
	for (int j = 0, m = 0; k && j < k->n; j++)
		if (k->items[j] != n)
			buf_printf(how, "%s%s", m++ ? "、" : "", k->items[j]->code);
	buf_puts(how, " 为同一事实，不重复扣分，按较大扣分计入本项");
}

char *node_links_describe(const struct node *n)
{
	struct buf b = {0};
	buf_puts(&b, "");
	if (n->only_industry) {
		buf_puts(&b, "  〔仅适用于");
		for (int i = 0; i < n->nonly_industry; i++)
			buf_printf(&b, "%s%s", i ? "、" : "", n->only_industry[i]);
		buf_puts(&b, "行业的单位〕");
	}
	if (n->overflow)
		buf_printf(&b, "  〔本项扣完后，从%s中继续扣除〕",
			   n->overflow == OVERFLOW_PART ? "本部分" : "总分");
	if (n->link) {
		buf_puts(&b, "  〔与 ");
		for (int j = 0, m = 0; j < n->link->n; j++)
			if (n->link->items[j] != n)
				buf_printf(&b, "%s%s", m++ ? "、" : "", n->link->codes[j]);
		buf_puts(&b, " 不重复扣分，按较大扣分计〕");
	}
	if (n->rule_inherited == RULE_FROM_GROUP)
		buf_puts(&b, "  〔规则见上级（下同）〕");
	else if (n->rule_inherited == RULE_FROM_ABOVE)
		buf_puts(&b, "  〔规则同上一项（同上）〕");
	return buf_take(&b);
}

points_t overflow_max_into(const struct scheme *s, const struct node *t)
{
	points_t sum = 0;
	if (t->depth > 1)
		return 0;
	for (int i = t->index + 1; i < s->nnodes && s->nodes[i]->depth > t->depth; i++) {
		const struct node *n = s->nodes[i];
		if (!n->overflow || overflow_target(n) != t)
			continue;
		const struct rule *r = &n->rule;
		points_t most = 0;
		if (r->type == RULE_PER) {
			if (!r->max_count)
				return -1;
			most = (points_t)r->max_count * r->each;
		} else if (r->type == RULE_CONDITIONS) {
			for (int k = 0; k < r->nconds; k++)
				most += r->conds[k].deduct;
		} else if (r->type == RULE_RANGE) {
			if (!r->max_count)
				return -1;
			most = (points_t)r->max_count * r->to;
		} else if (r->type == RULE_RATE) {
			/* at most the whole target short: target ÷ per steps */
			most = (r->target / r->per) * r->each;
		} else if (r->type == RULE_TARGET) {
			return -1;  /* an actual figure has no upper bound */
		} else if (r->type == RULE_CLAUSES) {
			for (int k = 0; k < r->nclauses; k++)
				most += rule_forms_bound(n, &r->clauses[k]);
		}
		if (most > n->points)
			sum += most - n->points;
	}
	return sum;
}
