/* bounds.c: the reachable range of every node (bounds.h). */
#include "bounds.h"
#include "rule_forms.h"

static points_t min_p(points_t a, points_t b) { return a < b ? a : b; }

static void leaf_bounds(const struct scheme *s, const struct node *n, struct node_bounds *b)
{
	const struct rule *r = &n->rule;
	points_t md = n->points;
	long long count = r->max_count;
	if (!count && r->places == PLACES_SAMPLED && s->samples[SAMPLE_TOWN].declared) {
		count = 1 + s->samples[SAMPLE_TOWN].max;
		b->by_places = true;
	}
	b->max_count = count;
	switch (r->type) {
	case RULE_PER: {
		points_t raw = count ? (points_t)count * r->each : -1;
		points_t bound = r->has_cap ? r->cap : n->points;
		md = raw >= 0 ? min_p(raw, bound) : bound;
		if (r->extra && (raw < 0 || raw >= r->cap))
			md += r->extra;
		break;
	}
	case RULE_STEPS: {
		md = 0;
		for (int i = 0; i < r->nsteps; i++)
			if (!count || r->steps[i].from <= count)
				md = r->steps[i].deduct;
		break;
	}
	case RULE_CONDITIONS: {
		points_t sum = 0;
		for (int i = 0; i < r->nconds; i++)
			sum += r->conds[i].deduct;
		md = r->has_cap ? min_p(sum, r->cap) : sum;
		break;
	}
	case RULE_FIXED: md = r->deduct; break;
	case RULE_JUDGED: md = r->max; break;
	case RULE_EARN: md = r->cap; break;
	case RULE_ENTERED: md = n->points; break;
	default: md = rule_forms_bound(n, r); break;
	}
	b->max_deduction = md;
	b->min_score = md >= n->points ? 0 : n->points - md;
}

static void walk(const struct scheme *s, const struct node *n, struct node_bounds *out)
{
	struct node_bounds *b = &out[n->index];
	if (node_is_leaf(n) && n->depth > 0) {
		leaf_bounds(s, n, b);
		return;
	}
	points_t inner = node_inner(n), sum = 0, ded = 0;
	int k = 0;
	for (int i = 0; i < n->nchildren; i++) {
		const struct node *ch = n->children[i];
		walk(s, ch, out);
		if (ch->bonus)
			continue;
		sum += out[ch->index].min_score;
		ded += out[ch->index].max_deduction;
		k++;
	}
	points_t low;
	switch (n->score) {
	case SCORE_DEDUCT: low = ded >= inner ? 0 : inner - ded; break;
	case SCORE_MEAN: low = k ? points_mean(sum, k) : inner; break;
	default: low = sum; break;     /* sum, sheets: a sheet's least is the least of each */
	}
	/* what items carry over into this part or the total (overflow) */
	points_t over = overflow_max_into(s, n);
	low = over < 0 || over >= low ? 0 : low - over;
	b->min_score = n->scale ? points_muldiv(low, n->points, n->scale) : low;
	b->max_deduction = n->points - b->min_score;
}

void scheme_bounds(const struct scheme *s, struct node_bounds *out)
{
	for (int i = 0; i < s->nnodes; i++)
		out[i] = (struct node_bounds){0};
	walk(s, s->root, out);
}
