/* score.c: the scoring engine: findings -> every node's score, with the
 * derivation of each, then the total, vetoes and proposed grade. */
#include "score.h"
#include "accident_rule.h"
#include "veto_forms.h"
#include "grade.h"
#include "period_impl.h"
#include "links.h"
#include "rule.h"
#include "sheet.h"

#include <stdlib.h>
#include <string.h>

#define P(v, b) points_fmt((v), (b))

/* One sheet being scored: the unit's own, or a sampled sub-unit's. */
struct eval {
	const struct scheme *s;
	const struct unit_input *in;
	struct result *r;
	struct node_result *nodes;        /* results of this sheet */
	const struct finding **by_node;   /* findings of this sheet, by node index */
	const char *label;                /* sub-unit name, NULL for the unit */
	struct diag *d;                   /* inputs found unscorable while scoring */
	int failed;
	bool explain;                     /* build the derivations */
	const struct node **link_winner;  /* links.h: links_decide; NULL: none */
	bool check_industry;              /* only_industry against industry */
	const char *industry;
};

/* Adds without overflow: deductions are bounded only by the scheme file,
 * and a floor of 0 makes any total beyond the points equivalent. */
static points_t sat_add(points_t a, points_t b)
{
	return a > INT64_MAX / 2 - b ? INT64_MAX / 2 : a + b;
}

static void score_node(struct eval *e, const struct node *n);

static void add_missing(struct eval *e, const struct node *n)
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
static void score_na(struct eval *e, const struct node *n, const char *why)
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
			add_missing(e, n);
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

/* The node a finding names, or NULL. */
static const struct node *finding_node(const struct scheme *s, const struct finding *f)
{
	if (f->node)
		return f->node;
	return f->code ? scheme_find(s, f->code) : NULL;
}

static const struct finding **findings_by_node(const struct scheme *s,
					       const struct finding *f, int nf)
{
	const struct finding **by = xcalloc((size_t)s->nnodes, sizeof *by);
	for (int i = 0; i < nf; i++) {
		const struct node *n = finding_node(s, &f[i]);
		if (n)
			by[n->index] = &f[i];
	}
	return by;
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
		add_missing(e, n);
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

static void score_group(struct eval *e, const struct node *n)
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

static void score_node(struct eval *e, const struct node *n)
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

int finding_check(const struct scheme *s, const struct finding *f,
		  const struct finding_where *at, const char *where, struct diag *d)
{
	const struct node *n = finding_node(s, f);
	const struct node *sheet_root = at ? at->sheet_root : NULL;
	struct buf why = {0};
	int rc = -1;
	const struct node *only;
	if (!n || n->depth == 0) {
		buf_printf(&why, "未知的考核项编号“%s”", f->code ? f->code : "");
	} else if (at && at->unit && !node_applies(n, at->unit)) {
		only = node_restricted(n);
		buf_printf(&why, "%s（%s）只适用于", n->code, n->title);
		for (int i = 0; i < only->nonly; i++)
			buf_printf(&why, "%s%s", i ? "、" : "", only->only[i]);
		buf_printf(&why, "，不适用于%s", at->unit);
	} else if (n->rule.type == RULE_ACCIDENTS) {
		buf_printf(&why, "%s（%s）由事故登记计算，不能录入；事故请在事故登记中记录", n->code,
			   n->title);
	} else if (at && at->check_industry && !node_industry_applies(n, at->industry)) {
		industry_refusal(n, at->industry, &why);
	} else if (at && at->computed && at->computed[n->index]) {
		buf_printf(&why, "%s 由日常考核记录计算，不能直接录入", n->code);
	} else {
		/* The sheets node itself belongs to the unit's own sheet. */
		const struct node *home = n->sheet_root == n ? NULL : n->sheet_root;
		if (home != sheet_root) {
			if (!sheet_root)
				buf_printf(&why, "%s 属于抽查单位评分表（%s %s），须录入到所抽查的单位",
					   n->code, home->code, home->title);
			else if (!home)
				buf_printf(&why, "%s 不在抽查单位评分表（%s %s）中", n->code,
					   sheet_root->code, sheet_root->title);
			else
				buf_printf(&why, "%s 属于 %s %s，不属于 %s %s", n->code, home->code,
					   home->title, sheet_root->code, sheet_root->title);
		} else {
			rc = finding_check_form(n, f, &why);
		}
	}
	if (rc != 0)
		diag_add(d, "%s%s%s", where ? where : "", where && *where ? "：" : "", buf_str(&why));
	buf_free(&why);
	return rc;
}

/* Checks a set of findings for one sheet (sheet.h): each finding, one per
 * item, and the not-applicable rule. */
static int check_sheet(const struct scheme *s, const struct finding *f, int nf,
		       const struct node *sheet_root, const char *label, const char *unit,
		       const char *industry, struct diag *d)
{
	struct finding_where at = {sheet_root, sheet_root ? NULL : unit, NULL,
		sheet_root || unit, industry};
	struct buf who = {0};
	if (label)
		buf_printf(&who, "抽查单位“%s”", label);
	struct sheet_state st;
	sheet_state_init(&st, s, sheet_root);
	int bad = 0;
	for (int i = 0; i < nf; i++)
		bad += sheet_accept(&st, &f[i], &at, i + 1, 0, 0, buf_str(&who), d) == NULL;
	sheet_state_free(&st);
	buf_free(&who);
	return bad;
}

struct result *score_unit(const struct scheme *s, const struct unit_input *in,
			  struct diag *d)
{
	if (s->periods.kind != PERIOD_NONE && in->period == 0)
		return score_periods(s, in, d);
	int bad = check_sheet(s, in->findings, in->nfindings, NULL, NULL, in->unit, in->industry, d);
	bad += period_check_findings(s, in, d);
	for (int i = 0; i < in->nsheets; i++) {
		const struct node *sr = scheme_find(s, in->sheets[i].node_code);
		if (!sr || sr->score != SCORE_SHEETS) {
			diag_add(d, "抽查单位“%s”：%s 不是按抽查单位计分的部分", in->sheets[i].label,
				 in->sheets[i].node_code);
			bad++;
			continue;
		}
		bad += check_sheet(s, in->sheets[i].findings, in->sheets[i].nfindings, sr,
				   in->sheets[i].label, NULL, in->sheets[i].industry, d);
	}
	for (int i = 0; i < in->naccidents; i++) {
		const struct accident *a = &in->accidents[i];
		if (a->deaths < 0 || a->injuries < 0 || a->loss < 0) {
			diag_add(d, "第 %d 起事故：死亡、重伤人数和直接经济损失不能为负数", i + 1);
			bad++;
		}
	}
	if (bad)
		return NULL;

	struct result *r = xcalloc(1, sizeof *r);
	r->scheme = s;
	r->nodes = xcalloc((size_t)s->nnodes, sizeof *r->nodes);
	struct eval e = {s, in, r, r->nodes, findings_by_node(s, in->findings, in->nfindings),
		NULL, d, 0, !in->brief, NULL, in->unit != NULL, in->industry};
	e.link_winner = links_decide(s, e.by_node, NULL);
	score_node(&e, s->root);
	free(e.by_node);
	free(e.link_winner);
	if (e.failed) {
		result_free(r);
		return NULL;
	}

	/* Bonus parts sit outside the total's cap. */
	struct node_result *root = &r->nodes[0];
	points_t bonus = 0;
	for (int i = 0; i < s->root->nchildren; i++)
		if (s->root->children[i]->bonus)
			bonus += r->nodes[s->root->children[i]->index].score;
	if (bonus && root->derivation) {
		char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
		struct buf how = {0};
		buf_printf(&how, "%s；加分项 %s 分 → %s 分", root->derivation, P(bonus, b1),
			   P(root->score + bonus, b2));
		free(root->derivation);
		root->derivation = buf_take(&how);
	}
	root->score += bonus;
	r->raw_total = root->score;
	r->total = root->score;
	for (int i = 1; i < s->nnodes; i++) {
		const struct node *n = s->nodes[i];
		const struct node_result *nr = &r->nodes[i];
		/* Nodes under a not-applicable ancestor were never scored. */
		if (n->mandatory && nr->node && !nr->na && nr->score < n->points) {
			r->mandatory_failed = n;
			r->total = 0;
			break;
		}
	}
	accident_summarize(in->accidents, in->naccidents, &r->accidents);
	r->nvetoes = veto_evaluate(s, &r->accidents, in->flags, &r->vetoes);
	veto_forms_evaluate(s, in, r);
	for (int i = 0; i < r->nvetoes; i++)
		if (r->vetoes[i].rule->effect == EFFECT_ZERO)
			r->total = 0;
	result_propose(s, r);
	return r;
}

void result_propose(const struct scheme *s, struct result *r)
{
	r->by_score = grade_by_score(s, r->total);
	/* No grade is proposed from a partial total: a missing score could
	 * move the unit across any threshold. A one-vote veto decides the
	 * grade whatever the score (六: 受到“一票否决”的单位即为…不合格单位). */
	r->proposed = r->incomplete ? GRADE_NONE
		: veto_apply(r->by_score, r->vetoes, r->nvetoes);
	bool zeroed = false;
	for (int i = 0; i < r->nvetoes; i++)
		zeroed |= r->vetoes[i].rule->effect == EFFECT_ZERO;
	if (r->incomplete && (zeroed || veto_apply(GRADE_EXCELLENT, r->vetoes, r->nvetoes) == GRADE_FAIL))
		r->proposed = veto_apply(grade_by_score(s, 0), r->vetoes, r->nvetoes);
}

static void node_results_free(struct node_result *nodes, int n)
{
	for (int i = 0; i < n; i++) {
		free(nodes[i].derivation);
		free(nodes[i].warning);
		for (int k = 0; k < nodes[i].nsheets; k++)
			node_results_free(nodes[i].sheets[k].nodes, n);
		free(nodes[i].sheets);
	}
	free(nodes);
}

void result_free(struct result *r)
{
	if (!r)
		return;
	node_results_free(r->nodes, r->scheme->nnodes);
	for (int i = 0; i < r->nmissing; i++)
		free(r->missing[i]);
	free(r->missing);
	for (int i = 0; i < r->nwarnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	for (int i = 0; i < r->nvetoes; i++)
		free(r->vetoes[i].detail);
	free(r->vetoes);
	for (int i = 0; i < r->nperiods; i++)
		result_free(r->periods[i].r);
	free(r->periods);
	free(r);
}
