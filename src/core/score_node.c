/* score_node.c: one node of a sheet being scored: whether it applies
 * (marked 不适用, only for some units or industries, optional and left
 * empty), and a leaf's score by its rule, with its derivation, overflow
 * and links (不重复扣分); a group is score_group.c. */
#include "score_impl.h"
#include "accident_rule.h"
#include "links.h"
#include "rule.h"

#include <stdlib.h>

/* Notes n as missing an entry: the result is incomplete. */
void score_missing(struct eval *e, const struct node *n)
{
	struct result *r = e->r;
	struct buf b = {0};
	buf_puts(&b, n->code);
	if (e->label)
		buf_printf(&b, "（%s）", e->label);
	r->missing = xrealloc(r->missing, (size_t)(r->nmissing + 1) * sizeof *r->missing);
	r->missing[r->nmissing++] = buf_take(&b);
	r->incomplete = true;
}

/* Marks n not applicable by its policy. */
void score_na(struct eval *e, const struct node *n, const char *why)
{
	struct node_result *nr = &e->nodes[n->index];
	char b1[POINTS_BUFSZ];
	struct buf hb = {0}, *b = e->explain ? &hb : NULL;
	nr->na = true;
	if (n->na == NA_FULL) {
		nr->score = n->points;
		SAY(b, "%s → 按满分计 %s 分", why, P(n->points, b1));
	} else {
		nr->score = 0;
		SAY(b, "%s → 不计入，上级按适用项折算", why);
	}
	nr->deduction = 0;
	nr->derivation = b ? buf_take(b) : NULL;
}

/* Scores leaf n by its rule (or the score entered for it), with its
 * derivation. */
static void score_leaf(struct eval *e, const struct node *n)
{
	struct node_result *nr = &e->nodes[n->index];
	const struct finding *f = e->by_node[n->index];
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ], b4[POINTS_BUFSZ],
	     b5[POINTS_BUFSZ];
	struct buf hb = {0}, *how = e->explain ? &hb : NULL;

	nr->finding = f;
	nr->has_input = f != NULL;
	if (n->rule.type == RULE_ENTERED) {
		if (!f) {
			nr->missing = true;
			nr->score = 0;
			nr->deduction = n->points;
			nr->derivation = e->explain ? xstrdup("缺少评分 → 暂计 0 分") : NULL;
			score_missing(e, n);
			return;
		}
		nr->score = points_muldiv(f->amount, n->points, n->rule.scale);
		nr->deduction = n->points - nr->score;
		if (n->points == n->rule.scale)
			SAY(how, "录入得分 %s 分", P(f->amount, b1));
		else
			SAY(how, "录入得分 %s 分（满分 %s）× %s ÷ %s = %s 分", P(f->amount, b1),
				   P(n->rule.scale, b2), P(n->points, b3), P(n->rule.scale, b4),
				   P(nr->score, b5));
		nr->derivation = how ? buf_take(how) : NULL;
		return;
	}
	/* The register is the input of an item counted from it. */
	if (n->rule.type == RULE_ACCIDENTS)
		nr->has_input = true;
	points_t d = n->rule.type == RULE_ACCIDENTS
		? accident_rule_deduction(n, e->in->accidents, e->in->naccidents, how)
		: rule_deduction(n, f, how);
	points_t over = overflow_excess(n, f, d);
	const struct node *winner = e->link_winner ? e->link_winner[n->index] : NULL;
	if (winner && winner != n)
		d = over = 0;     /* 不重复扣分: counted on the winner */
	else
		overflow_note(n, over, how);
	if (winner)
		link_note(e->s, n, winner, how);
	nr->overflow = over;
	nr->deduction = d;
	nr->score = d >= n->points ? 0 : n->points - d;
	nr->derivation = how ? buf_take(how) : NULL;
	/* 每发现一地 over the county and its sampled towns: a count above the
	 * places examined is the team's finding to make, but worth a look. */
	if (f && f->form == INPUT_COUNT && n->rule.places == PLACES_SAMPLED && !e->label &&
	    e->in->places > 0 && f->count > e->in->places) {
		struct buf w = {0};
		buf_printf(&w, "%s 录入 %lld %s，多于已检查的 %d 地（本级和 %d 个抽查乡镇），请核实", n->code,
			   f->count, n->rule.unit ? n->rule.unit : "地", e->in->places, e->in->places - 1);
		nr->warning = buf_take(&w);
		struct result *r = e->r;
		r->warnings = xrealloc(r->warnings, (size_t)(r->nwarnings + 1) * sizeof *r->warnings);
		r->warnings[r->nwarnings++] = xstrdup(nr->warning);
	}
}

/* Scores node n of e's sheet and everything below it. */
void score_node(struct eval *e, const struct node *n)
{
	struct node_result *nr = &e->nodes[n->index];
	const struct finding *f = e->by_node[n->index];
	nr->node = n;
	if (f && f->form == INPUT_NA) {
		nr->finding = f;
		nr->has_input = true;
		score_na(e, n, "标为不适用");
		return;
	}
	if (n->only && e->in->unit && !node_applies(n, e->in->unit)) {
		score_na(e, n, "本项不适用于本单位");
		return;
	}
	if (n->only_industry && e->check_industry && !node_industry_applies(n, e->industry)) {
		char *why = industry_na_reason(n, e->industry);
		score_na(e, n, why);
		free(why);
		return;
	}
	if (!f && n->optional && (node_is_leaf(n) || n->score != SCORE_SHEETS)) {
		/* An optional node with nothing entered anywhere below it. */
		bool any = false;
		for (int i = n->index; i < e->s->nnodes && !any; i++) {
			const struct node *m = e->s->nodes[i];
			if (i > n->index && m->depth <= n->depth)
				break;
			any = e->by_node[i] != NULL;
		}
		if (!any) {
			score_na(e, n, "未录入（本单位无此项）");
			return;
		}
	}
	if (node_is_leaf(n))
		score_leaf(e, n);
	else
		score_group(e, n);
}
