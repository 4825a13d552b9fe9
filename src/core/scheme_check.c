/* scheme_check.c: checks that need the whole tree: unique codes, points
 * that add up where the scoring mode says they must, caps within their
 * node, where not-applicable and sampling may be used. Also derives the
 * points of items that do not state them (doc/scheme-language.md). */
#include "scheme_check.h"
#include "rule_forms.h"
#include "accident_rule.h"

#include <stdlib.h>
#include <string.h>

void scheme_err(struct scheme_ctx *c, int line, const char *fmt, ...)
{
	/* A hostile file could produce millions of problems: list the first
	 * SCHEME_MAX_ERRORS, count the rest. */
	if (c->nerr++ >= SCHEME_MAX_ERRORS)
		return;
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_add(c->d, "%s:%d: %s", c->file, line, buf_str(&b));
	buf_free(&b);
}


#define P(v, b) points_fmt((v), (b))

/* The bound a rule itself states, or -1 if it states none. */
static points_t rule_bound(const struct rule *r)
{
	switch (r->type) {
	case RULE_PER: return r->has_cap ? r->cap : -1;
	case RULE_STEPS: return r->nsteps ? r->steps[r->nsteps - 1].deduct : -1;
	case RULE_CONDITIONS: {
		if (r->has_cap)
			return r->cap;
		points_t sum = 0;
		for (int i = 0; i < r->nconds; i++)
			sum += r->conds[i].deduct;
		return sum;
	}
	case RULE_FIXED: return r->deduct;
	case RULE_JUDGED: return r->has_max ? r->max : -1;
	case RULE_EARN: return r->cap;
	case RULE_ACCIDENTS: return accident_rule_bound(r);
	default: return rule_forms_stated_bound(r);
	}
}

/* The most rule r can take on its own, before its item's points bound it
 * (a count, a figure or a clause with no stated limit: -1). Rules whose
 * amount is the item's points by definition (judged without max, 不得分,
 * entered) give 0. */
static points_t rule_reach(const struct rule *r)
{
	switch (r->type) {
	case RULE_PER:
		if (r->has_cap)
			return r->cap + r->extra;
		return r->max_count ? (points_t)r->max_count * r->each : -1;
	case RULE_RANGE:
		if (r->has_cap)
			return r->cap;
		return r->max_count ? (points_t)r->max_count * r->to : -1;
	case RULE_RATE:
		if (r->has_cap)
			return r->cap;
		return r->per > 0 ? (r->target / r->per) * r->each : -1;
	case RULE_TARGET: return r->has_cap ? r->cap : -1;
	case RULE_TREND: return r->up;
	case RULE_ACCIDENTS: {
		const struct accident_rule *a = r->accidents;
		if (!a || a->deduct_all)
			return 0;
		return a->each ? (a->has_cap ? a->cap : -1) : a->deduct;
	}
	case RULE_CLAUSES: {
		if (r->has_cap)
			return r->cap;
		points_t sum = 0;
		for (int i = 0; i < r->nclauses; i++) {
			points_t one = rule_reach(&r->clauses[i]);
			if (one < 0)
				return -1;
			sum += one;
		}
		return sum;
	}
	case RULE_JUDGED: return r->has_max ? r->max : 0;
	case RULE_ZERO:
	case RULE_ENTERED: return 0;
	default: return rule_bound(r) > 0 ? rule_bound(r) : 0;
	}
}

static void check_leaf(struct scheme_ctx *c, struct node *n)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	const struct node *p = n->parent;
	int under_deduct = p->score == SCORE_DEDUCT;
	points_t bound = rule_bound(&n->rule);

	/* a row of a group's defaults (下同) or 同上 may hold its title alone */
	if (!n->text && !n->rule_inherited)
		scheme_err(c, n->line, "考核内容 %s 缺少原文 text（考核内容及评分标准）", n->code);
	if (n->scale)
		scheme_err(c, n->line, "%s：scale 只用于有下级节点的节点；录入分的满分写在 rule 的 scale 中",
		    n->code);
	if (n->rule.type == RULE_ACCIDENTS)
		accident_rule_check(c, n);
	if (n->rule.type == RULE_ENTERED) {
		if (n->points < 0)
			scheme_err(c, n->line, "录入分节点 %s 须写明 points（计入总分的分值）", n->code);
		return;
	}
	bool stated = n->points >= 0;
	if (n->points >= 0 && bound >= 0 && n->points != bound)
		scheme_err(c, n->line, "%s 写明的分值 %s 与规则的上限 %s 不一致", n->code,
		    P(n->points, b1), P(bound, b2));
	if (!under_deduct && n->points < 0)
		scheme_err(c, n->line, "%s 所在节点按 %s 计分，须写明 points", n->code,
		    p->score == SCORE_MEAN ? "mean" : "sum");
	if (n->points < 0)
		n->points = bound >= 0 ? bound : node_inner(p);
	if (n->rule.type == RULE_JUDGED && !n->rule.has_max) {
		n->rule.has_max = true;
		n->rule.max = n->points;
	}
	if (n->points > node_inner(p))
		scheme_err(c, n->line, "%s 的扣分上限 %s 超过所在节点 %s 的分值 %s", n->code,
		    P(n->points, b1), p->code[0] ? p->code : "（方案）", P(node_inner(p), b2));
	for (int i = 0; i < n->rule.nconds; i++)
		if (n->rule.conds[i].deduct > node_inner(p))
			scheme_err(c, n->line, "%s 的情形 %d 扣分 %s 超过所在节点的分值 %s", n->code,
			    i + 1, P(n->rule.conds[i].deduct, b1), P(node_inner(p), b2));
	if (n->rule.type == RULE_EARN && !under_deduct)
		scheme_err(c, n->line, "%s：加分规则 earn 须放在按 deduct 计分的节点下", n->code);
	/* 追加扣除 takes points from the enclosing group: only a deduct group
	 * has points beyond the item's own to take them from. */
	if (n->rule.extra && !under_deduct)
		scheme_err(c, n->line, "%s：扣满后追加扣分 extra 须放在按 deduct 计分的节点下"
		    "（它从所在类别中扣除，超出本项分值）", n->code);
	/* "未…的，扣N分，最高扣M分" with M > N counts occurrences (doc/domain.md,
	 * 读法): a single condition can never reach such a cap. */
	if (n->rule.type == RULE_CONDITIONS && n->rule.nconds == 1 && n->rule.has_cap &&
	    n->rule.cap > n->rule.conds[0].deduct)
		scheme_err(c, n->line, "%s 只有一个情形（扣 %s 分），上限却是 %s 分：“未…的，扣N分，最高扣M分”"
		    "按次扣分，请写成 per（each: %s, cap: %s）", n->code, P(n->rule.conds[0].deduct, b1),
		    P(n->rule.cap, b2), P(n->rule.conds[0].deduct, b1), P(n->rule.cap, b2));
	if (n->rule.places && n->rule.type != RULE_PER)
		scheme_err(c, n->line, "%s：places 只用于按次（per）计地的规则", n->code);
	/* An item's points are the most it loses: say so where the rule
	 * itself states no bound but the item does. */
	points_t reach = rule_reach(&n->rule);
	if (bound < 0 && stated && n->points < node_inner(p) && (reach < 0 || reach > n->points)) {
		if (n->rule.type == RULE_PER)
			scheme_warn(c, n->line, "%s 的规则每%s扣 %s 分未写上限，按本项分值 %s 分为限（扣完为止）",
			    n->code, n->rule.unit ? n->rule.unit : "次", P(n->rule.each, b1), P(n->points, b2));
		else
			scheme_warn(c, n->line, "%s 的规则未写上限，可扣的分数能超过本项分值，按本项分值 %s 分为限"
			    "（扣完为止）", n->code, P(n->points, b2));
	}
}

static void check_group(struct scheme_ctx *c, struct node *n)
{
	if (n->points < 0) {
		scheme_err(c, n->line, "节点 %s 须写明分值 points", n->code);
		n->points = 0;
	}
	if (n->score == SCORE_SHEETS && !n->sample)
		scheme_err(c, n->line, "按抽查单位计分（sheets）的节点 %s 须写明 sample", n->code);
	if (n->score != SCORE_SHEETS && n->sample)
		scheme_err(c, n->line, "只有 score: sheets 的节点使用 sample");
	if (n->score == SCORE_SHEETS && n->parent && n->parent->sheet_root)
		scheme_err(c, n->line, "抽查单位计分（sheets）不能嵌套");
}

/* Sums and caps that can be checked only after the children are known. */
static void check_children(struct scheme_ctx *c, struct node *n)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	points_t sum = 0;
	for (int i = 0; i < n->nchildren; i++) {
		struct node *ch = n->children[i];
		if (ch->bonus && n->depth != 0)
			scheme_err(c, ch->line, "加分项 bonus 只能是方案的第一级节点");
		if (ch->na == NA_RESCALE && n->score == SCORE_DEDUCT)
			scheme_err(c, ch->line, "%s：按扣分计的节点下，不适用只能按满分（na: full）",
			    ch->code);
		if (!ch->bonus)
			sum += ch->points;
		if (n->score == SCORE_MEAN && ch->points != node_inner(n))
			scheme_err(c, ch->line, "%s 的分值 %s 须与取平均值的节点 %s 相同（%s）", ch->code,
			    P(ch->points, b1), n->code, P(node_inner(n), b2));
		if (n->score == SCORE_DEDUCT && !node_is_leaf(ch) && ch->points > node_inner(n))
			scheme_err(c, ch->line, "%s 的分值 %s 超过所在节点 %s 的分值 %s", ch->code,
			    P(ch->points, b1), n->code, P(node_inner(n), b2));
	}
	if ((n->score == SCORE_SUM || n->score == SCORE_SHEETS) && sum != node_inner(n))
		scheme_err(c, n->line, "%s%s的下级分值合计 %s，与其%s %s 不符",
		    n->code[0] ? n->code : "方案", n->code[0] ? " " : "",
		    P(sum, b1), n->scale ? "折算前满分 scale" : "分值", P(node_inner(n), b2));
}

static void walk(struct scheme_ctx *c, struct node *n)
{
	if (n->depth > 0) {
		n->sheet_root = n->score == SCORE_SHEETS ? n : n->parent->sheet_root;
		const struct node *p = n->parent;
		if (p->depth > 0) {
			size_t pl = strlen(p->code);
			if (strncmp(n->code, p->code, pl) != 0 || n->code[pl] != '.' ||
			    n->code[pl + 1] == '\0')
				scheme_err(c, n->line, "编号“%s”须以上级编号“%s.”开头", n->code, p->code);
		}
		if (n->only && n->na == NA_NONE)
			scheme_err(c, n->line, "%s：only 须同时写明不适用时的处理 na（其他单位按不适用计）",
				   n->code);
		if (n->only && n->sheet_root)
			scheme_err(c, n->line, "%s：抽查单位评分表（sheets）中的节点不能用 only 限定单位",
				   n->code);
		if (n->mandatory && n->sheet_root)
			scheme_err(c, n->line, "%s：抽查单位评分表（sheets）中的节点不能是必达项 mandatory",
				   n->code);
		if (n->optional && n->na == NA_NONE)
			scheme_err(c, n->line, "%s：optional 须同时写明不适用时的处理 na", n->code);
	}
	if (n->depth > 0 && node_is_leaf(n))
		check_leaf(c, n);
	else
		check_group(c, n);
	for (int i = 0; i < n->nchildren; i++)
		walk(c, n->children[i]);
	if (n->nchildren)
		check_children(c, n);
}

void scheme_check(struct scheme *s, struct scheme_ctx *c)
{
	walk(c, s->root);
	scheme_index(s);
	for (int i = 1; i < s->nnodes; i++)
		if (strcmp(s->by_code[i]->code, s->by_code[i - 1]->code) == 0) {
			const struct node *a = s->by_code[i - 1], *b = s->by_code[i];
			if (a->line > b->line) {
				const struct node *t = a;
				a = b;
				b = t;
			}
			scheme_err(c, b->line, "重复的编号“%s”（第 %d 行已使用）", b->code, a->line);
		}
}
