/* scheme_year.c: what a year takes from its scheme besides the tree: the
 * assessment window, the spot-check sizes and pools, the industry →
 * department table and the daily assessment's items and deductions
 * (doc/scheme-language.md, "Year settings"). A custom scheme declares its
 * own or has none; nothing is taken from the 2016 plan by default. */
#include "daily.h"
#include "scheme_check.h"
#include "ytree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void scheme_warn(struct scheme_ctx *c, int line, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_add(&c->s->warnings, "%s:%d: 注意：%s", c->file, line, buf_str(&b));
	buf_free(&b);
}

/* "YYYY-MM-DD" -> {years after year, month, day}; 0 or -1. */
static int parse_day(const char *v, int year, int out[3])
{
	int y, m, d;
	char tail;
	if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1] || y < year || y > year + 1)
		return -1;
	out[0] = y - year;
	out[1] = m;
	out[2] = d;
	return 0;
}

static void parse_window(struct scheme_ctx *c, const struct ynode *w, struct scheme *s)
{
	static const char *const keys[] = {"from", "to", NULL};
	if (w->type != Y_MAP) {
		scheme_err(c, w->line, "“window”必须是映射（from、to）");
		return;
	}
	sk_keys(c, w, keys, "考核时间 window ");
	const struct ynode *f = sk_scalar(c, w, "from", 1, "考核时间 window ");
	const struct ynode *t = sk_scalar(c, w, "to", 1, "考核时间 window ");
	if (f && parse_day(f->str, s->year, s->window_from) != 0)
		scheme_err(c, f->line, "考核开始日期“%s”须是 %d 或 %d 年的日期（YYYY-MM-DD）", f->str,
			   s->year, s->year + 1);
	if (t && parse_day(t->str, s->year, s->window_to) != 0)
		scheme_err(c, t->line, "考核结束日期“%s”须是 %d 或 %d 年的日期（YYYY-MM-DD）", t->str,
			   s->year, s->year + 1);
#define DAYNUM(a) ((a)[0] * 10000 + (a)[1] * 100 + (a)[2])
	if (f && t && s->window_from[1] && s->window_to[1] &&
	    DAYNUM(s->window_from) > DAYNUM(s->window_to))
		scheme_err(c, t->line, "考核结束日期早于开始日期");
#undef DAYNUM
	if (!f || !t)
		s->window_from[1] = s->window_to[1] = 0;
}

static void add_pool(struct scheme_ctx *c, const struct ynode *list, int tier, struct sample_rule *r)
{
	if (list->type != Y_SEQ) {
		scheme_err(c, list->line, "抽查范围须是行业列表，如 [交通, 建设]");
		return;
	}
	for (int i = 0; i < list->n; i++) {
		const struct ynode *v = list->items[i];
		if (v->type != Y_SCALAR || !v->str[0]) {
			scheme_err(c, v->line, "抽查范围的每一项须是行业名称");
			continue;
		}
		for (int j = 0; j < r->npool; j++)
			if (strcmp(r->pool[j].industry, v->str) == 0)
				scheme_err(c, v->line, "行业“%s”在抽查范围中重复", v->str);
		r->pool = xrealloc(r->pool, (size_t)(r->npool + 1) * sizeof *r->pool);
		r->pool[r->npool++] = (struct pool_entry){xstrdup(v->str), tier};
	}
}

static void parse_samples(struct scheme_ctx *c, const struct ynode *y, struct scheme *s)
{
	static const char *const keys[] = {"kind", "min", "max", "first", "then", "others",
		"note", NULL};
	if (y->type != Y_SEQ) {
		scheme_err(c, y->line, "“samples”必须是列表");
		return;
	}
	for (int i = 0; i < y->n; i++) {
		const struct ynode *e = y->items[i];
		if (e->type != Y_MAP) {
			scheme_err(c, e->line, "抽查规定必须是映射（kind、min、max …）");
			continue;
		}
		sk_keys(c, e, keys, "抽查规定");
		const struct ynode *k = sk_scalar(c, e, "kind", 1, "抽查规定");
		enum sample_kind kind = k ? sample_kind_parse(k->str) : SAMPLE_NONE;
		if (k && !kind) {
			scheme_err(c, k->line, "“kind”必须是 town、county-department 或 enterprise");
			continue;
		}
		if (!kind)
			continue;
		struct sample_rule *r = &s->samples[kind];
		if (r->declared) {
			scheme_err(c, e->line, "%s的抽查规定重复", sample_kind_title(kind));
			continue;
		}
		r->declared = true;
		long long lo = 0, hi = 0;
		int got_lo = sk_int(c, e, "min", 1, "抽查规定", 1, 16, &lo);
		int got_hi = sk_int(c, e, "max", 1, "抽查规定", 1, 16, &hi);
		r->min = (int)lo;
		r->max = (int)hi;
		if (got_lo == 1 && got_hi == 1 && lo > hi)
			scheme_err(c, e->line, "%s的抽查数量 min %lld 大于 max %lld", sample_kind_title(kind),
				   lo, hi);
		const struct ynode *first = ytree_get(e, "first"), *then = ytree_get(e, "then");
		if (first)
			add_pool(c, first, 1, r);
		if (then)
			add_pool(c, then, 2, r);
		sk_bool(c, e, "others", &r->others);
		if (kind == SAMPLE_TOWN && (first || then || r->others))
			scheme_err(c, e->line, "乡镇按名单随机抽取，不按行业设抽查范围");
		if (r->others && !first && !then)
			scheme_err(c, e->line, "“others”只与 first、then 一起使用");
	}
}

static void parse_industries(struct scheme_ctx *c, const struct ynode *y, struct scheme *s)
{
	static const char *const keys[] = {"industry", "department", NULL};
	if (y->type != Y_SEQ) {
		scheme_err(c, y->line, "“industries”必须是列表");
		return;
	}
	s->industries = xcalloc((size_t)y->n + 1, sizeof *s->industries);
	for (int i = 0; i < y->n; i++) {
		const struct ynode *e = y->items[i];
		if (e->type != Y_MAP) {
			scheme_err(c, e->line, "行业必须是映射（industry、department）");
			continue;
		}
		sk_keys(c, e, keys, "行业");
		char *ind = sk_str(c, e, "industry", 1, "行业");
		char *dep = sk_str(c, e, "department", 1, "行业");
		if (!ind || !dep) {
			free(ind);
			free(dep);
			continue;
		}
		for (int j = 0; j < s->nindustries; j++)
			if (strcmp(s->industries[j].industry, ind) == 0)
				scheme_err(c, e->line, "行业“%s”重复", ind);
		s->industries[s->nindustries++] = (struct industry_entry){ind, dep};
	}
}

static void parse_daily(struct scheme_ctx *c, const struct ynode *y, struct scheme *s)
{
	static const char *const keys[] = {"items", "deductions", "note", NULL};
	static const char *const ikeys[] = {"target", "kind", "code", NULL};
	static const char *const dkeys[] = {"outcome", "deduct", "per_day", NULL};
	if (y->type != Y_MAP) {
		scheme_err(c, y->line, "“daily”必须是映射（items、deductions）");
		return;
	}
	sk_keys(c, y, keys, "日常考核 daily ");
	const struct ynode *items = ytree_get(y, "items"), *ded = ytree_get(y, "deductions");
	if (!items || items->type != Y_SEQ) {
		scheme_err(c, items ? items->line : y->line, "“daily”须有 items 列表");
	} else {
		s->daily_items = xcalloc((size_t)items->n + 1, sizeof *s->daily_items);
		for (int i = 0; i < items->n; i++) {
			const struct ynode *e = items->items[i];
			if (e->type != Y_MAP) {
				scheme_err(c, e->line, "日常考核项必须是映射（target、kind、code）");
				continue;
			}
			sk_keys(c, e, ikeys, "日常考核项");
			const struct ynode *t = sk_scalar(c, e, "target", 1, "日常考核项");
			const struct ynode *k = sk_scalar(c, e, "kind", 1, "日常考核项");
			char *code = sk_str(c, e, "code", 1, "日常考核项");
			int target = t ? daily_target_parse(t->str) : -1;
			int kind = k ? daily_kind_parse(k->str) : -1;
			if (t && target < 0)
				scheme_err(c, t->line, "“target”必须是 county、office 或 supervision");
			if (k && kind < 0)
				scheme_err(c, k->line, "“kind”必须是 meeting、feedback、report、summary 或 other");
			if (target < 0 || kind < 0 || !code) {
				free(code);
				continue;
			}
			for (int j = 0; j < s->ndaily_items; j++)
				if (s->daily_items[j].target == target && s->daily_items[j].kind == kind)
					scheme_err(c, e->line, "%s的%s重复", daily_target_title_of(target),
						   daily_kind_title_of(kind));
			s->daily_items[s->ndaily_items++] = (struct daily_item){target, kind, code, e->line};
		}
	}
	if (!ded)
		return;
	if (ded->type != Y_SEQ) {
		scheme_err(c, ded->line, "“deductions”必须是列表");
		return;
	}
	s->daily_deducts = xcalloc((size_t)ded->n + 1, sizeof *s->daily_deducts);
	for (int i = 0; i < ded->n; i++) {
		const struct ynode *e = ded->items[i];
		if (e->type != Y_MAP) {
			scheme_err(c, e->line, "日常考核扣分必须是映射（outcome、deduct、per_day）");
			continue;
		}
		sk_keys(c, e, dkeys, "日常考核扣分");
		const struct ynode *o = sk_scalar(c, e, "outcome", 1, "日常考核扣分");
		int outcome = o ? daily_outcome_parse(o->str) : -1;
		if (o && !daily_outcome_costs(outcome)) {
			scheme_err(c, o->line, "“outcome”必须是 absent（缺席）、late（迟报）或 missing（未报）");
			continue;
		}
		if (outcome < 0)
			continue;
		struct daily_deduct dd = {outcome, 0, 0};
		int a = sk_points(c, e, "deduct", 0, "日常考核扣分", &dd.deduct);
		int b = sk_points(c, e, "per_day", 0, "日常考核扣分", &dd.per_day);
		if (a == 0 && b == 0)
			scheme_err(c, e->line, "日常考核扣分须写 deduct（每次）或 per_day（每天）");
		if (b == 1 && outcome != DAILY_LATE)
			scheme_err(c, e->line, "只有迟报（late）按天扣分 per_day");
		for (int j = 0; j < s->ndaily_deducts; j++)
			if (s->daily_deducts[j].outcome == outcome)
				scheme_err(c, e->line, "%s的扣分重复", daily_outcome_title_of(outcome));
		s->daily_deducts[s->ndaily_deducts++] = dd;
	}
}

void scheme_parse_year(struct scheme_ctx *c, const struct ynode *top, struct scheme *s)
{
	const struct ynode *y;
	if ((y = ytree_get(top, "window")))
		parse_window(c, y, s);
	if ((y = ytree_get(top, "samples")))
		parse_samples(c, y, s);
	if ((y = ytree_get(top, "industries")))
		parse_industries(c, y, s);
	if ((y = ytree_get(top, "daily")))
		parse_daily(c, y, s);
}

void scheme_check_year(struct scheme_ctx *c, struct scheme *s)
{
	bool county = s->unit && strcmp(s->unit, "county") == 0;
	for (int i = 0; i < s->nnodes; i++) {
		const struct node *n = s->nodes[i];
		if (n->score == SCORE_SHEETS && n->sample && !s->samples[n->sample].declared)
			scheme_err(c, n->line, "%s 按抽查%s计分，须在 samples 中写明%s的抽查数量", n->code,
				   sample_kind_title(n->sample), sample_kind_title(n->sample));
		if (n->rule.places == PLACES_SAMPLED && !s->samples[SAMPLE_TOWN].declared)
			scheme_err(c, n->line, "%s 按本级和抽查乡镇计地（places: sampled），须在 samples 中写明乡镇的抽查数量",
				   n->code);
	}
	for (int k = SAMPLE_TOWN; k <= SAMPLE_ENTERPRISE; k++)
		if (s->samples[k].declared && !county)
			scheme_err(c, 1, "只有县区方案有抽查规定 samples");
	for (int i = 0; i < s->ndaily_items; i++) {
		const struct daily_item *d = &s->daily_items[i];
		const struct node *n = scheme_find(s, d->code);
		if (!n)
			scheme_err(c, d->line, "日常考核项“%s”不是本方案的编号", d->code);
		else if (!node_is_leaf(n) || n->rule.type != RULE_JUDGED)
			scheme_err(c, d->line, "日常考核项 %s 须是评定扣分（judged）的考核内容", d->code);
		else if (n->sheet_root)
			scheme_err(c, d->line, "日常考核项 %s 不能在抽查单位评分表中", d->code);
		if ((d->target == DAILY_COUNTY) != county)
			scheme_err(c, d->line, "%s方案的日常考核对象须是%s", county ? "县区" : "市直部门",
				   county ? "county" : "office 或 supervision");
	}
}
