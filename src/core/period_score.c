/* period_score.c: a periodic scheme's year (doc/scheme-language.md,
 * "Periods"): each period scored as a unit sheet of its own findings,
 * every node of the year the mean or sum of its periods, the vetoes of
 * the year's accidents naming the period each fell in. */
#include "grade.h"
#include "period_impl.h"
#include "veto_forms.h"

#include <stdlib.h>
#include <string.h>

#define P(v, b) points_fmt((v), (b))

int period_check_findings(const struct scheme *s, const struct unit_input *in, struct diag *d)
{
	char b1[PERIOD_BUFSZ], b2[PERIOD_BUFSZ];
	enum period_kind k = s->periods.kind;
	int bad = 0;
	for (int i = -1; i < in->nsheets; i++) {
		const struct finding *f = i < 0 ? in->findings : in->sheets[i].findings;
		int nf = i < 0 ? in->nfindings : in->sheets[i].nfindings;
		for (int j = 0; j < nf; j++) {
			if (f[j].period == in->period)
				continue;
			if (k == PERIOD_NONE)
				diag_add(d, "%s：本方案按年度考核，不分季度或月份（录入了期间 %d）",
					 f[j].code ? f[j].code : "", f[j].period);
			else
				diag_add(d, "%s：属于%s，不能计入%s", f[j].code ? f[j].code : "",
					 period_label(k, f[j].period, b1), period_label(k, in->period, b2));
			bad++;
		}
	}
	return bad;
}

/* Checks that every finding names a period the scheme assesses. */
static int check_periods(const struct scheme *s, const struct unit_input *in, struct diag *d)
{
	const struct period_rule *pr = &s->periods;
	char b1[PERIOD_BUFSZ];
	int bad = 0;
	for (int i = -1; i < in->nsheets; i++) {
		const struct finding *f = i < 0 ? in->findings : in->sheets[i].findings;
		int nf = i < 0 ? in->nfindings : in->sheets[i].nfindings;
		const char *who = i < 0 ? "" : in->sheets[i].label;
		for (int j = 0; j < nf; j++) {
			int p = f[j].period;
			const char *code = f[j].code ? f[j].code : "";
			if (p == 0)
				diag_add(d, "%s%s%s：本方案按%s考核，须注明所属%s", who, *who ? "：" : "", code,
					 pr->kind == PERIOD_QUARTER ? "季度" : "月",
					 pr->kind == PERIOD_QUARTER ? "季度" : "月份");
			else if (p < 0 || p > PERIOD_MAX || !pr->used[p])
				diag_add(d, "%s%s%s：方案不考核%s", who, *who ? "：" : "", code,
					 p < 0 || p > PERIOD_MAX ? "该期间" : period_label(pr->kind, p, b1));
			else
				continue;
			bad++;
		}
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
	return bad;
}

/* The findings of period p among f, copied into *out (caller frees). */
static int of_period(const struct finding *f, int nf, int p, struct finding **out)
{
	int k = 0;
	*out = xcalloc((size_t)(nf ? nf : 1), sizeof **out);
	for (int i = 0; i < nf; i++)
		if (f[i].period == p)
			(*out)[k++] = f[i];
	return k;
}

/* Points the results' findings from the copies (copy, n) back at the
 * caller's findings f, which outlive the result. */
static void refer_back(struct node_result *nodes, int nnodes, const struct finding *copy, int n,
		       const struct finding *f, int nf)
{
	for (int i = 0; i < nnodes; i++) {
		const struct finding *x = nodes[i].finding;
		if (!x || x < copy || x >= copy + n)
			continue;
		/* the copies keep the order of f: find the k-th of the period */
		int k = (int)(x - copy), seen = -1;
		for (int j = 0; j < nf; j++)
			if (f[j].period == x->period && ++seen == k) {
				nodes[i].finding = &f[j];
				break;
			}
	}
}

/* Scores period p alone: its findings and the accidents dated in it (for
 * items counted from the accident register), no flags (the vetoes are the
 * year's, below). Problems go to d prefixed with the period. */
static struct result *score_one(const struct scheme *s, const struct unit_input *in, int p,
				bool *empty, struct diag *d)
{
	char b1[PERIOD_BUFSZ];
	struct unit_input sub = *in;
	struct finding *own;
	sub.period = p;
	struct accident *dated = xcalloc((size_t)(in->naccidents ? in->naccidents : 1), sizeof *dated);
	sub.naccidents = 0;
	for (int i = 0; i < in->naccidents; i++)
		if (period_of_month(s->periods.kind, in->accidents[i].month) == p)
			dated[sub.naccidents++] = in->accidents[i];
	sub.accidents = dated;
	sub.flags = 0;
	sub.nfindings = of_period(in->findings, in->nfindings, p, &own);
	sub.findings = own;
	struct sheet_input *sheets = xcalloc((size_t)(in->nsheets ? in->nsheets : 1), sizeof *sheets);
	struct finding **held = xcalloc((size_t)(in->nsheets ? in->nsheets : 1), sizeof *held);
	int total = sub.nfindings;
	for (int i = 0; i < in->nsheets; i++) {
		sheets[i] = in->sheets[i];
		sheets[i].nfindings = of_period(in->sheets[i].findings, in->sheets[i].nfindings, p, &held[i]);
		sheets[i].findings = held[i];
		total += sheets[i].nfindings;
	}
	sub.sheets = sheets;
	*empty = total == 0;
	struct diag pd = {0};
	struct result *r = score_unit(s, &sub, &pd);
	if (r) {
		refer_back(r->nodes, s->nnodes, own, sub.nfindings, in->findings, in->nfindings);
		for (int n = 0; n < s->nnodes; n++)
			for (int k = 0; k < r->nodes[n].nsheets; k++)
				for (int i = 0; i < in->nsheets; i++)
					if (r->nodes[n].sheets[k].label == in->sheets[i].label)
						refer_back(r->nodes[n].sheets[k].nodes, s->nnodes, held[i],
							   sheets[i].nfindings, in->sheets[i].findings,
							   in->sheets[i].nfindings);
	}
	for (int i = 0; i < pd.n; i++)
		diag_add(d, "%s：%s", period_label(s->periods.kind, p, b1), pd.msgs[i]);
	diag_free(&pd);
	for (int i = 0; i < in->nsheets; i++)
		free(held[i]);
	free(held);
	free(sheets);
	free(own);
	free(dated);
	return r;
}

static void add_text(char ***list, int *n, const char *prefix, const char *text)
{
	struct buf b = {0};
	buf_printf(&b, "%s：%s", prefix, text);
	*list = xrealloc(*list, (size_t)(*n + 1) * sizeof **list);
	(*list)[(*n)++] = buf_take(&b);
}

/* Rolls node i of every period into the year's node (mean rounded half
 * up once, or sum). A period with nothing entered counts 0. */
static void roll_node(const struct scheme *s, struct result *r, int i, bool explain)
{
	const struct period_rule *pr = &s->periods;
	const struct node *n = s->nodes[i];
	struct node_result *yr = &r->nodes[i];
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], l1[PERIOD_BUFSZ];
	struct buf terms = {0}, sums = {0};
	points_t sum = 0;
	int k = 0, na = 0, scored = 0;
	for (int j = 0; j < r->nperiods; j++) {
		const struct period_result *per = &r->periods[j];
		const struct node_result *nr = &per->r->nodes[i];
		if (!nr->node)
			continue;        /* under a not-applicable node that period */
		scored++;
		yr->has_input |= nr->has_input;
		yr->missing |= nr->missing;
		if (nr->na && n->na == NA_RESCALE && !per->empty) {
			na++;
			continue;
		}
		points_t v = per->empty ? 0 : nr->score;
		if (explain) {
			if (per->empty)
				buf_printf(&terms, "%s%s 未录入（暂计 0 分）", k ? "、" : "",
					   period_label(pr->kind, per->period, l1));
			else
				buf_printf(&terms, "%s%s %s 分", k ? "、" : "",
					   period_label(pr->kind, per->period, l1), P(v, b1));
			buf_printf(&sums, "%s%s", k ? " + " : "", P(v, b1));
		}
		sum += v;
		k++;
	}
	if (!scored) {
		buf_free(&terms);
		buf_free(&sums);
		return;
	}
	yr->node = n;
	points_t full = n->points;
	if (k == 0) {
		/* Not applicable in every period it was scored in. */
		yr->na = true;
		yr->score = 0;
		yr->derivation = explain ? xstrdup("各期间均不适用") : NULL;
	} else if (pr->rollup == ROLLUP_SUM) {
		yr->score = sum;
		full = n->points * k;
		if (explain)
			buf_printf(&terms, "；累计 %s = %s 分", buf_str(&sums), P(sum, b2));
	} else {
		yr->score = points_mean(sum, k);
		if (explain)
			buf_printf(&terms, "；平均（%s）÷ %d = %s 分", buf_str(&sums), k, P(yr->score, b2));
	}
	yr->deduction = yr->na ? 0 : full - yr->score;
	if (explain && !yr->na)
		yr->derivation = buf_take(&terms);
	buf_free(&terms);
	buf_free(&sums);
}

/* The year's total from the periods' totals (after their mandatory
 * items), and the root's derivation stating it. */
static void roll_total(const struct scheme *s, struct result *r, bool explain)
{
	const struct period_rule *pr = &s->periods;
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], l1[PERIOD_BUFSZ];
	struct buf terms = {0}, sums = {0};
	points_t sum = 0, raw = 0;
	for (int j = 0; j < r->nperiods; j++) {
		const struct period_result *per = &r->periods[j];
		points_t v = per->empty ? 0 : per->r->total;
		sum += v;
		raw += per->empty ? 0 : per->r->raw_total;
		if (explain) {
			buf_printf(&terms, "%s%s %s", j ? "、" : "", period_label(pr->kind, per->period, l1),
				   per->empty ? "未录入（暂计 0 分）" : "");
			if (!per->empty)
				buf_printf(&terms, "%s 分", P(v, b1));
			buf_printf(&sums, "%s%s", j ? " + " : "", P(v, b1));
		}
	}
	int n = r->nperiods;
	if (pr->rollup == ROLLUP_SUM) {
		r->total = sum;
		r->raw_total = raw;
		if (explain)
			buf_printf(&terms, "；全年累计 %s = %s 分（满分 %s 分）", buf_str(&sums), P(sum, b1),
				   P(scheme_year_points(s), b2));
	} else {
		r->total = points_mean(sum, n);
		r->raw_total = points_mean(raw, n);
		if (explain)
			buf_printf(&terms, "；全年平均（%s）÷ %d = %s 分", buf_str(&sums), n,
				   P(r->total, b1));
	}
	struct node_result *root = &r->nodes[0];
	root->node = s->root;
	root->score = r->raw_total;
	root->deduction = scheme_year_points(s) - r->raw_total;
	free(root->derivation);
	root->derivation = explain ? buf_take(&terms) : NULL;
	buf_free(&terms);
	buf_free(&sums);
}

/* The year's vetoes, each naming the periods whose own accidents reach
 * it; one reached only by the year's count says so. */
static void roll_vetoes(const struct scheme *s, const struct unit_input *in, struct result *r)
{
	const struct period_rule *pr = &s->periods;
	char l1[PERIOD_BUFSZ];
	accident_summarize(in->accidents, in->naccidents, &r->accidents);
	r->nvetoes = veto_evaluate(s, &r->accidents, in->flags, &r->vetoes);
	veto_forms_evaluate(s, in, r);
	struct accident *some = xcalloc((size_t)(in->naccidents ? in->naccidents : 1), sizeof *some);
	struct buf *named = xcalloc((size_t)(r->nvetoes ? r->nvetoes : 1), sizeof *named);
	for (int p = 1; p <= PERIOD_MAX; p++) {
		if (!pr->used[p])
			continue;
		int k = 0;
		for (int i = 0; i < in->naccidents; i++)
			if (period_of_month(pr->kind, in->accidents[i].month) == p)
				some[k++] = in->accidents[i];
		if (!k)
			continue;
		struct accident_summary sum;
		struct veto_hit *hits = NULL;
		accident_summarize(some, k, &sum);
		int nh = veto_evaluate(s, &sum, 0, &hits);
		for (int h = 0; h < nh; h++) {
			for (int v = 0; v < r->nvetoes; v++)
				if (r->vetoes[v].rule == hits[h].rule)
					buf_printf(&named[v], "%s%s：%s", named[v].len ? "；" : "",
						   period_label(pr->kind, p, l1), hits[h].detail);
			free(hits[h].detail);
		}
		free(hits);
	}
	for (int v = 0; v < r->nvetoes; v++) {
		struct veto_hit *hit = &r->vetoes[v];
		if (named[v].len) {
			free(hit->detail);
			hit->detail = buf_take(&named[v]);
		} else if (hit->rule->when == WHEN_ACCIDENTS || hit->rule->when == WHEN_DEATHS ||
			   hit->rule->when == WHEN_ACCIDENT_MATCH) {
			struct buf b = {0};
			buf_printf(&b, "%s（全年累计，不在同一%s）", hit->detail,
				   pr->kind == PERIOD_QUARTER ? "季度" : "月");
			free(hit->detail);
			hit->detail = buf_take(&b);
		}
		buf_free(&named[v]);
		if (hit->rule->effect == EFFECT_ZERO)
			r->total = 0;
	}
	free(named);
	free(some);
}

struct result *score_periods(const struct scheme *s, const struct unit_input *in,
			     struct diag *d)
{
	const struct period_rule *pr = &s->periods;
	char l1[PERIOD_BUFSZ];
	if (check_periods(s, in, d))
		return NULL;
	struct result *r = xcalloc(1, sizeof *r);
	r->scheme = s;
	r->nodes = xcalloc((size_t)s->nnodes, sizeof *r->nodes);
	r->periods = xcalloc((size_t)pr->n, sizeof *r->periods);
	int failed = 0;
	for (int p = 1; p <= PERIOD_MAX; p++) {
		if (!pr->used[p])
			continue;
		bool empty;
		struct result *one = score_one(s, in, p, &empty, d);
		if (!one) {
			failed++;
			continue;
		}
		r->periods[r->nperiods++] = (struct period_result){p, empty, one};
	}
	if (failed) {
		result_free(r);
		return NULL;
	}
	for (int i = 1; i < s->nnodes; i++)
		roll_node(s, r, i, !in->brief);
	roll_total(s, r, !in->brief);
	for (int j = 0; j < r->nperiods; j++) {
		const struct period_result *per = &r->periods[j];
		const char *label = period_label(pr->kind, per->period, l1);
		if (per->empty) {
			/* Nothing at all for a period: not yet assessed, never
			 * full marks by default (doc/scheme-language.md). */
			add_text(&r->missing, &r->nmissing, label, "未录入任何评分");
			r->incomplete = true;
			continue;
		}
		for (int k = 0; k < per->r->nmissing; k++)
			add_text(&r->missing, &r->nmissing, label, per->r->missing[k]);
		for (int k = 0; k < per->r->nwarnings; k++)
			add_text(&r->warnings, &r->nwarnings, label, per->r->warnings[k]);
		r->incomplete |= per->r->incomplete;
		if (!r->mandatory_failed)
			r->mandatory_failed = per->r->mandatory_failed;
	}
	roll_vetoes(s, in, r);
	result_propose(s, r);
	return r;
}
