/* rule.c: one item's rule: the deduction a finding gives, its derivation
 * in words, the restatement of the rule, and the check of a finding's
 * form and range. */
#include "rule.h"
#include "figures.h"
#include "rule_forms.h"
#include "accident_rule.h"

#include <stdlib.h>
#include <string.h>

#define P(v, b) points_fmt((v), (b))

enum input_form rule_input_form(enum rule_type t)
{
	switch (t) {
	case RULE_PER:
	case RULE_STEPS:
	case RULE_EARN: return INPUT_COUNT;
	case RULE_CONDITIONS:
	case RULE_FIXED: return INPUT_CONDITIONS;
	case RULE_JUDGED: return INPUT_DEDUCT;
	case RULE_ENTERED: return INPUT_SCORE;
	default: return rule_takes_figures(t) ? INPUT_FIGURES : INPUT_NONE;
	}
}

const char *input_form_name(enum input_form f)
{
	switch (f) {
	case INPUT_COUNT: return "次数";
	case INPUT_CONDITIONS: return "情形编号";
	case INPUT_DEDUCT: return "扣分";
	case INPUT_SCORE: return "得分";
	case INPUT_NA: return "不适用";
	case INPUT_FIGURES: return "数据";
	default: return "无";
	}
}

static const char *const form_codes[] = {"", "count", "conditions", "deduct", "score", "na",
	"figures"};
#define NFORMS ((int)(sizeof form_codes / sizeof form_codes[0]))

const char *input_form_code(enum input_form f)
{
	return (unsigned)f < NFORMS ? form_codes[f] : "";
}

enum input_form input_form_parse(const char *s)
{
	for (int i = 1; s && i < NFORMS; i++)
		if (strcmp(s, form_codes[i]) == 0)
			return (enum input_form)i;
	return INPUT_NONE;
}

int conditions_parse(const char *s, uint64_t *bits)
{
	*bits = 0;
	/* "0" or "无": none of the conditions was found */
	if (strcmp(s, "0") == 0 || strcmp(s, "无") == 0)
		return 0;
	if (!*s)
		return -1;
	const char *p = s;
	while (*p) {
		char *end;
		if (*p < '0' || *p > '9')
			return -1;
		long v = strtol(p, &end, 10);
		if (v < 1 || v > 64)
			return -1;
		*bits |= (uint64_t)1 << (v - 1);
		p = end;
		if (*p == ',' || *p == ' ')
			p++;
		else if (strncmp(p, "、", 3) == 0 || strncmp(p, "，", 3) == 0)
			p += 3;
		else if (*p)
			return -1;
	}
	return 0;
}

char *finding_describe(const struct node *n, const struct finding *f)
{
	struct buf b = {0};
	char p[POINTS_BUFSZ];
	switch (f->form) {
	case INPUT_COUNT:
		buf_printf(&b, "%lld %s", f->count, n && n->rule.unit ? n->rule.unit : "次");
		break;
	case INPUT_CONDITIONS:
		if (!f->conditions)
			buf_puts(&b, "无所列情形");
		for (int i = 0, k = 0; i < 64; i++)
			if (f->conditions & ((uint64_t)1 << i))
				buf_printf(&b, "%s%d", k++ ? "、" : "情形 ", i + 1);
		break;
	case INPUT_DEDUCT:
		buf_printf(&b, "扣 %s 分", points_fmt(f->amount, p));
		break;
	case INPUT_SCORE:
		buf_printf(&b, "%s 分", points_fmt(f->amount, p));
		break;
	case INPUT_NA:
		buf_puts(&b, "不适用");
		break;
	case INPUT_FIGURES: {
		char *t = figures_canonical(f->figures);
		buf_printf(&b, "数据 %s", t ? t : (f->figures ? f->figures : ""));
		free(t);
		break;
	}
	default:
		break;
	}
	if (f->note && *f->note)
		buf_printf(&b, "（%s）", f->note);
	return buf_take(&b);
}

long long finding_value(const struct finding *f)
{
	switch (f->form) {
	case INPUT_COUNT: return f->count;
	case INPUT_CONDITIONS: return (long long)f->conditions;
	case INPUT_DEDUCT:
	case INPUT_SCORE: return f->amount;
	default: return 0;
	}
}

void finding_set_value(struct finding *f, enum input_form form, long long value)
{
	f->form = form;
	switch (form) {
	case INPUT_COUNT: f->count = value; break;
	case INPUT_CONDITIONS: f->conditions = (uint64_t)value; break;
	case INPUT_DEDUCT:
	case INPUT_SCORE: f->amount = value; break;
	default: break;
	}
}

int rule_nconds(const struct rule *r)
{
	return r->type == RULE_FIXED ? 1 : r->nconds;
}

char *rule_describe(const struct node *n)
{
	const struct rule *r = &n->rule;
	struct buf b = {0};
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	switch (r->type) {
	case RULE_PER:
		buf_printf(&b, "每%s扣%s分", r->unit, P(r->each, b1));
		if (r->has_cap)
			buf_printf(&b, "，最高扣%s分", P(r->cap, b1));
		else
			buf_puts(&b, "，扣完为止");
		if (r->extra)
			buf_printf(&b, "；扣满%s分的，追加扣除%s分", P(r->cap, b1), P(r->extra, b2));
		break;
	case RULE_STEPS:
		for (int i = 0; i < r->nsteps; i++) {
			buf_printf(&b, "%s%lld", i ? "；" : "", r->steps[i].from);
			if (i + 1 < r->nsteps && r->steps[i + 1].from - 1 > r->steps[i].from)
				buf_printf(&b, "–%lld%s", r->steps[i + 1].from - 1, r->unit);
			else if (i + 1 == r->nsteps)
				buf_printf(&b, "%s及以上", r->unit);
			else
				buf_puts(&b, r->unit);
			buf_printf(&b, "扣%s分", P(r->steps[i].deduct, b1));
		}
		break;
	case RULE_CONDITIONS:
		for (int i = 0; i < r->nconds; i++)
			buf_printf(&b, "%s情形%d「%s」扣%s分", i ? "；" : "", i + 1,
				   r->conds[i].text ? r->conds[i].text : "",
				   P(r->conds[i].deduct, b1));
		if (r->has_cap)
			buf_printf(&b, "；最高扣%s分", P(r->cap, b1));
		break;
	case RULE_FIXED:
		buf_printf(&b, "%s扣%s分", r->text ? r->text : "未落实", P(r->deduct, b1));
		break;
	case RULE_JUDGED:
		buf_printf(&b, "由考核组评定扣分，最高扣%s分", P(r->max, b1));
		break;
	case RULE_EARN:
		buf_printf(&b, "每%s加%s分，最高加%s分", r->unit, P(r->each, b1), P(r->cap, b2));
		break;
	case RULE_ENTERED:
		buf_printf(&b, "由评分单位录入得分（满分%s分），折算为%s分", P(r->scale, b1),
			   P(n->points, b2));
		break;
	case RULE_ACCIDENTS:
		accident_rule_describe(n, &b);
		break;
	default:
		rule_forms_describe(n, r, &b);
		break;
	}
	return buf_take(&b);
}

int finding_check_form(const struct node *n, const struct finding *f, struct buf *why)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	const struct rule *r = &n->rule;
	if (f->form == INPUT_NA) {
		if (n->na == NA_NONE) {
			buf_printf(why, "%s（%s）不能标为不适用", n->code, n->title);
			return -1;
		}
		return 0;
	}
	if (!node_is_leaf(n)) {
		buf_printf(why, "%s（%s）是分类，只能对其下的考核项录入（或标为不适用）",
			   n->code, n->title);
		return -1;
	}
	enum input_form want = rule_input_form(r->type);
	if (f->form != want) {
		char *d = rule_describe(n);
		buf_printf(why, "%s 的规则是「%s」，应录入%s，而不是%s", n->code, d,
			   input_form_name(want), input_form_name(f->form));
		free(d);
		return -1;
	}
	switch (f->form) {
	case INPUT_COUNT:
		if (f->count < 0) {
			buf_printf(why, "%s 的次数 %lld 不能为负数", n->code, f->count);
			return -1;
		}
		if (r->max_count && f->count > r->max_count) {
			buf_printf(why, "%s 的次数 %lld 超出范围：原文规定的次数最多 %lld %s", n->code,
				   f->count, r->max_count, r->unit ? r->unit : "次");
			return -1;
		}
		if (f->count > 1000000) {
			buf_printf(why, "%s 的次数 %lld 过大", n->code, f->count);
			return -1;
		}
		return 0;
	case INPUT_CONDITIONS: {
		int nc = rule_nconds(r);
		for (int i = nc; i < 64; i++)
			if (f->conditions & ((uint64_t)1 << i)) {
				buf_printf(why, "%s 没有情形 %d（只有 %d 种情形）", n->code, i + 1, nc);
				return -1;
			}
		return 0;
	}
	case INPUT_DEDUCT:
		if (f->amount < 0 || f->amount > r->max) {
			buf_printf(why, "%s 的扣分 %s 超出范围（0 到 %s 分）", n->code,
				   P(f->amount, b1), P(r->max, b2));
			return -1;
		}
		return 0;
	case INPUT_SCORE:
		if (f->amount < 0 || f->amount > r->scale) {
			buf_printf(why, "%s 的得分 %s 超出范围（0 到 %s 分）", n->code,
				   P(f->amount, b1), P(r->scale, b2));
			return -1;
		}
		return 0;
	case INPUT_FIGURES:
		return rule_forms_check(n, f, why);
	default:
		buf_printf(why, "%s：没有录入内容", n->code);
		return -1;
	}
}

points_t rule_deduction(const struct node *n, const struct finding *f, struct buf *how)
{
	const struct rule *r = &n->rule;
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ], b3[POINTS_BUFSZ], b4[POINTS_BUFSZ];
	points_t d = 0;

	if (rule_takes_figures(r->type))
		return rule_forms_deduction(n, f, how);
	if (!f) {
		if (r->type == RULE_EARN)
			SAY(how, "未开展 → 加 0 分，扣 %s 分", P(r->cap, b1));
		else
			SAYS(how, "未发现问题 → 不扣分");
		return r->type == RULE_EARN ? r->cap : 0;
	}
	switch (r->type) {
	case RULE_PER: {
		points_t raw = (points_t)f->count * r->each;
		d = r->has_cap && raw > r->cap ? r->cap : raw;
		if (f->count == 0) {
			SAY(how, "0 %s → 不扣分", r->unit);
			break;
		}
		SAY(how, "%lld %s × %s 分 = %s 分", f->count, r->unit, P(r->each, b1),
			   P(raw, b2));
		if (r->has_cap)
			SAY(how, "，上限 %s 分", P(r->cap, b1));
		/* An item's points are the most it can lose (扣完为止). */
		if (!r->has_cap && d > n->points) {
			d = n->points;
			SAY(how, "，以本项分值 %s 分为限", P(n->points, b1));
		}
		SAY(how, " → 扣 %s 分", P(d, b1));
		if (r->extra && raw >= r->cap) {
			d += r->extra;
			SAY(how, "；扣满 %s 分，追加扣 %s 分 → 共扣 %s 分", P(r->cap, b1),
				   P(r->extra, b2), P(d, b3));
		}
		break;
	}
	case RULE_STEPS: {
		int hit = -1;
		for (int i = 0; i < r->nsteps; i++)
			if (f->count >= r->steps[i].from)
				hit = i;
		if (hit < 0) {
			SAY(how, "%lld %s，未达到 %lld %s → 不扣分", f->count, r->unit,
				   r->steps[0].from, r->unit);
		} else {
			d = r->steps[hit].deduct;
			SAY(how, "%lld %s，达到“%lld %s及以上”档 → 扣 %s 分", f->count,
				   r->unit, r->steps[hit].from, r->unit, P(d, b1));
		}
		break;
	}
	case RULE_CONDITIONS:
	case RULE_FIXED: {
		int nc = rule_nconds(r), found = 0;
		points_t raw = 0;
		for (int i = 0; i < nc; i++) {
			if (!(f->conditions & ((uint64_t)1 << i)))
				continue;
			points_t one = r->type == RULE_FIXED ? r->deduct : r->conds[i].deduct;
			const char *text = r->type == RULE_FIXED
				? (r->text ? r->text : "未落实") : r->conds[i].text;
			SAY(how, "%s情形 %d（%s）扣 %s 分", found ? " + " : "", i + 1,
				   text ? text : "", P(one, b1));
			raw += one;
			found++;
		}
		if (!found) {
			SAYS(how, "未发现所列情形 → 不扣分");
			break;
		}
		d = r->has_cap && raw > r->cap ? r->cap : raw;
		if (found > 1)
			SAY(how, " = %s 分", P(raw, b1));
		if (r->has_cap)
			SAY(how, "，上限 %s 分", P(r->cap, b1));
		SAY(how, " → 扣 %s 分", P(d, b1));
		break;
	}
	case RULE_JUDGED:
		d = f->amount;
		SAY(how, "考核组评定扣 %s 分（上限 %s 分）", P(d, b1), P(r->max, b2));
		break;
	case RULE_EARN: {
		points_t raw = (points_t)f->count * r->each;
		points_t earned = raw > r->cap ? r->cap : raw;
		d = r->cap - earned;
		char b5[POINTS_BUFSZ];
		SAY(how, "开展 %lld %s × %s 分 = %s 分，上限 %s 分 → 加 %s 分，扣 %s 分",
			   f->count, r->unit, P(r->each, b1), P(raw, b2), P(r->cap, b3),
			   P(earned, b4), P(d, b5));
		break;
	}
	default:
		break;
	}
	return d;
}
