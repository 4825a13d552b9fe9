/* bounds.c: the reachable range of every node (bounds.h). */
#include "bounds.h"
#include "rule_forms.h"

static points_t min_p(points_t a, points_t b) { return a < b ? a : b; }

/* The most a leaf can take; places limits a count of places to those a
 * county can have examined. */
static points_t leaf_max(const struct scheme *s, const struct node *n, bool places, struct node_bounds *b)
{
	const struct rule *r = &n->rule;
	points_t md = n->points;
	long long count = r->max_count;
	if (places && !count && r->places == PLACES_SAMPLED && s->samples[SAMPLE_TOWN].declared) {
		count = 1 + s->samples[SAMPLE_TOWN].max;
		b->by_places = true;
	}
	if (places)
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
	return md;
}

/* The two bounds of a node from its deduction: with places limited, or
 * (places false) by the caps alone. */
static void set_bounds(struct node_bounds *b, bool places, points_t max_deduction, points_t min_score)
{
	if (places) {
		b->max_deduction = max_deduction;
		b->min_score = min_score;
	} else {
		b->max_deduction_any = max_deduction;
		b->min_score_any = min_score;
	}
}

static void walk(const struct scheme *s, const struct node *n, bool places, struct node_bounds *out)
{
	struct node_bounds *b = &out[n->index];
	if (node_is_leaf(n) && n->depth > 0) {
		points_t md = leaf_max(s, n, places, b);
		set_bounds(b, places, md, md >= n->points ? 0 : n->points - md);
		return;
	}
	points_t inner = node_inner(n), sum = 0, ded = 0;
	int k = 0;
	for (int i = 0; i < n->nchildren; i++) {
		const struct node *ch = n->children[i];
		walk(s, ch, places, out);
		if (ch->bonus)
			continue;
		sum += places ? out[ch->index].min_score : out[ch->index].min_score_any;
		ded += places ? out[ch->index].max_deduction : out[ch->index].max_deduction_any;
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
	points_t min = n->scale ? points_muldiv(low, n->points, n->scale) : low;
	set_bounds(b, places, n->points - min, min);
}

void scheme_bounds(const struct scheme *s, struct node_bounds *out)
{
	for (int i = 0; i < s->nnodes; i++)
		out[i] = (struct node_bounds){0};
	walk(s, s->root, true, out);
	walk(s, s->root, false, out);
}
