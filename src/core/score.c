/* score.c: the scoring engine: findings -> every node's score, with the
 * derivation of each, then the total, vetoes and proposed grade. This
 * file owns a unit's result: its findings checked, its sheet scored from
 * the root (score_node.c, score_group.c), the bonus, mandatory items,
 * vetoes and the proposed grade, and freeing a result. */
#include "score_impl.h"
#include "accident_rule.h"
#include "veto_forms.h"
#include "grade.h"
#include "period_impl.h"
#include "links.h"
#include "rule.h"
#include "sheet.h"

#include <stdlib.h>
#include <string.h>

/* The node a finding names, or NULL. */
static const struct node *finding_node(const struct scheme *s, const struct finding *f)
{
	if (f->node)
		return f->node;
	return f->code ? scheme_find(s, f->code) : NULL;
}

/* The findings f[0..nf) of one sheet by node index (the caller frees
 * the array). */
const struct finding **findings_by_node(const struct scheme *s,
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
		struct buf why = {0};
		const char *field;
		if (accident_figures_check(a->deaths, a->injuries, a->loss, &why, &field) != 0) {
			diag_add(d, "第 %d 起事故：%s", i + 1, buf_str(&why));
			bad++;
		}
		buf_free(&why);
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
