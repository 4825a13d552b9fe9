/* score_group.c: a group's score from its children's: a sum (rescaled
 * when some do not apply), a deduction from the group's points (扣完为止),
 * a mean, or the mean of the sampled units' sheets; then its scale and
 * the overflow that lands on it. */
#include "score_impl.h"
#include "links.h"

#include <stdlib.h>
#include <string.h>

/* Adds without overflow: deductions are bounded only by the scheme file,
 * and a floor of 0 makes any total beyond the points equivalent. */
static points_t sat_add(points_t a, points_t b)
{
	return a > INT64_MAX / 2 - b ? INT64_MAX / 2 : a + b;
}

/* Sum of applicable children, rescaled to inner when some are n/a.
 * Bonus children are left out (the root adds them). Returns the inner
 * score; sets *all_na when no child applies. */
static points_t group_sum(struct eval *e, const struct node *n, struct buf *how,
			  bool *all_na)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ], b4[POINTS_BUFSZ],
	     b5[POINTS_BUFSZ];
	points_t sum = 0, full = 0;
	int rescaled = 0, counted = 0;
	struct buf terms = {0}, *tp = how ? &terms : NULL;
	for (int i = 0; i < n->nchildren; i++) {
		const struct node *ch = n->children[i];
		const struct node_result *cr = &e->nodes[ch->index];
		if (ch->bonus)
			continue;
		if (cr->na && ch->na == NA_RESCALE) {
			rescaled++;
			continue;
		}
		SAY(tp, "%s%s", counted ? " + " : "", P(cr->score, b1));
		sum += cr->score;
		full += ch->points;
		counted++;
	}
	*all_na = counted == 0;
	if (counted == 0) {
		buf_free(&terms);
		return node_inner(n);
	}
	points_t inner = sum;
	if (rescaled) {
		inner = points_muldiv(sum, node_inner(n), full);
		SAY(how, "适用项得分 %s = %s 分；%d 项不适用，按比例折算：%s × %s ÷ %s = %s 分",
			   buf_str(&terms), P(sum, b1), rescaled, P(sum, b2), P(node_inner(n), b3),
			   P(full, b4), P(inner, b5));
	} else {
		SAY(how, "%s = %s 分", buf_str(&terms), P(sum, b1));
	}
	buf_free(&terms);
	return inner;
}

static points_t group_deduct(struct eval *e, const struct node *n, struct buf *how)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ];
	points_t total = 0;
	int terms = 0;
	struct buf list = {0}, *lp = how ? &list : NULL;
	for (int i = 0; i < n->nchildren; i++) {
		const struct node_result *cr = &e->nodes[n->children[i]->index];
		if (cr->deduction == 0)
			continue;
		SAY(lp, "%s%s", terms ? " + " : "", P(cr->deduction, b1));
		total = sat_add(total, cr->deduction);
		terms++;
	}
	points_t inner = node_inner(n);
	if (terms == 0)
		SAY(how, "无扣分 → %s 分", P(inner, b1));
	else if (total >= inner)
		SAY(how, "%s − 扣分（%s）= %s − %s，扣完为止 → 0 分", P(inner, b1),
			   buf_str(&list), P(inner, b2), P(total, b3));
	else
		SAY(how, "%s − 扣分（%s）= %s 分", P(inner, b1), buf_str(&list),
			   P(inner - total, b2));
	buf_free(&list);
	return total >= inner ? 0 : inner - total;
}

/* The mean is returned exactly as *num / *den, so that a weighting after
 * it rounds once; the return value is the mean rounded, for display. */
static points_t group_mean(struct eval *e, const struct node *n, struct buf *how,
			   bool *all_na, points_t *num, int64_t *den)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	points_t sum = 0;
	int k = 0;
	struct buf terms = {0}, *tp = how ? &terms : NULL;
	for (int i = 0; i < n->nchildren; i++) {
		const struct node_result *cr = &e->nodes[n->children[i]->index];
		if (cr->na && n->children[i]->na == NA_RESCALE)
			continue;
		SAY(tp, "%s%s", k ? " + " : "", P(cr->score, b1));
		sum += cr->score;
		k++;
	}
	*all_na = k == 0;
	if (k == 0) {
		buf_free(&terms);
		return node_inner(n);
	}
	points_t m = points_mean(sum, k);
	*num = sum;
	*den = k;
	if (k == 1)
		SAY(how, "仅 1 项适用：%s 分", P(m, b1));
	else
		SAY(how, "（%s）÷ %d = %s 分", buf_str(&terms), k, P(m, b2));
	buf_free(&terms);
	return m;
}

/* Scores the sheets of a SCORE_SHEETS node: each sheet is its own
 * evaluation of the node's subtree, scored as a sum. */
static points_t group_sheets(struct eval *e, const struct node *n, struct buf *how,
			     points_t *num, int64_t *den)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	struct node_result *nr = &e->nodes[n->index];
	const struct unit_input *in = e->in;
	int k = 0;
	for (int i = 0; i < in->nsheets; i++)
		k += strcmp(in->sheets[i].node_code, n->code) == 0;
	if (k == 0) {
		nr->missing = true;
		score_missing(e, n);
		SAYS(how, "未录入抽查单位 → 暂计 0 分");
		return 0;
	}
	nr->sheets = xcalloc((size_t)k, sizeof *nr->sheets);
	points_t sum = 0;
	struct buf terms = {0}, names = {0}, *tp = how ? &terms : NULL,
		   *np = how ? &names : NULL;
	for (int i = 0; i < in->nsheets; i++) {
		const struct sheet_input *si = &in->sheets[i];
		if (strcmp(si->node_code, n->code) != 0)
			continue;
		struct sheet_result *sr = &nr->sheets[nr->nsheets++];
		sr->label = si->label;
		sr->nodes = xcalloc((size_t)e->s->nnodes, sizeof *sr->nodes);
		struct eval sub = {e->s, e->in, e->r, sr->nodes,
			findings_by_node(e->s, si->findings, si->nfindings), si->label, e->d, 0,
			e->explain, NULL, true, si->industry};
		sub.link_winner = links_decide(e->s, sub.by_node, n);
		for (int c = 0; c < n->nchildren; c++)
			score_node(&sub, n->children[c]);
		struct buf shb = {0}, *sh = e->explain ? &shb : NULL;
		bool all_na;
		points_t v = group_sum(&sub, n, sh, &all_na);
		struct node_result *self = &sr->nodes[n->index];
		self->node = n;
		self->score = v;
		self->deduction = node_inner(n) - v;
		self->derivation = sh ? buf_take(sh) : NULL;
		free(sub.by_node);
		free(sub.link_winner);
		e->failed += sub.failed;
		SAY(tp, "%s%s", nr->nsheets > 1 ? " + " : "", P(v, b1));
		SAY(np, "%s%s %s 分", nr->nsheets > 1 ? "、" : "", si->label,
			   P(v, b1));
		sum += v;
	}
	points_t m = points_mean(sum, k);
	*num = sum;
	*den = k;
	SAY(how, "抽查 %d 个单位（%s），平均（%s）÷ %d = %s 分", k, buf_str(&names),
		   buf_str(&terms), k, P(m, b2));
	buf_free(&terms);
	buf_free(&names);
	return m;
}

/* Scores group n from its children by its `score`. */
void score_group(struct eval *e, const struct node *n)
{
	struct node_result *nr = &e->nodes[n->index];
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ], b4[POINTS_BUFSZ],
	     b5[POINTS_BUFSZ];
	struct buf hb = {0}, *how = e->explain ? &hb : NULL;
	bool all_na = false;
	points_t inner = 0, num = 0;
	int64_t den = 1;

	if (n->score != SCORE_SHEETS)
		for (int i = 0; i < n->nchildren; i++)
			score_node(e, n->children[i]);
	switch (n->score) {
	case SCORE_SUM: inner = group_sum(e, n, how, &all_na); break;
	case SCORE_DEDUCT: inner = group_deduct(e, n, how); break;
	case SCORE_MEAN: inner = group_mean(e, n, how, &all_na, &num, &den); break;
	case SCORE_SHEETS: inner = group_sheets(e, n, how, &num, &den); break;
	default: break;
	}
	if (den == 1)
		num = inner;
	if (all_na) {
		buf_free(&hb);
		if (n->na != NA_NONE) {
			score_na(e, n, "下级均不适用");
			return;
		}
		diag_add(e->d, "%s%s%s（%s）的下级全部不适用，无法计分；%s 本身不能标为不适用",
			 e->label ? e->label : "", e->label ? "：" : "", n->code, n->title, n->code);
		e->failed++;
		nr->derivation = NULL;
		return;
	}
	nr->score = inner;
	if (n->scale) {
		/* One rounding for mean-then-weight: num × points ÷ (den × scale). */
		nr->score = points_muldiv(num, n->points, den * n->scale);
		if (den > 1)
			SAY(how, "；按 %s 分制折算：%s ÷ %lld × %s ÷ %s = %s 分",
				   P(n->scale, b1), P(num, b2), (long long)den, P(n->points, b3),
				   P(n->scale, b4), P(nr->score, b5));
		else
			SAY(how, "；按 %s 分制折算：%s × %s ÷ %s = %s 分", P(n->scale, b1),
				   P(inner, b2), P(n->points, b3), P(n->scale, b4), P(nr->score, b5));
	}
	nr->score = overflow_land(e->s, n, e->nodes, nr->score, how);
	nr->deduction = n->points - nr->score;
	nr->derivation = how ? buf_take(how) : NULL;
}
