/* draft_forms.c: the draft's readings of rates (issue 11, form 3) and the
 * YAML of the rules that take several figures. A rate is written only
 * when the cell says it in the one way rubrics do:
 * "X达到N%得满分，每降低M个百分点扣K分[，最高扣C分]". */
#include "accident_rule.h"
#include "draft.h"
#include "draft_forms.h"

#include <stdlib.h>
#include <string.h>

/* An ASCII decimal at s, as points; the bytes read (0: none). */
static size_t number_at(const char *s, points_t *v)
{
	size_t n = 0;
	while ((s[n] >= '0' && s[n] <= '9') || s[n] == '.')
		n++;
	char tmp[24];
	if (n == 0 || n >= sizeof tmp)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return points_parse(tmp, v) == 0 ? n : 0;
}

/* Whether s begins with lit; then advances *p past it. */
static int take(const char **p, const char *lit)
{
	size_t n = strlen(lit);
	if (strncmp(*p, lit, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/* Occurrences of lit in s. */
static int count_of(const char *s, const char *lit)
{
	int n = 0;
	for (const char *q = s; (q = strstr(q, lit)); q += strlen(lit))
		n++;
	return n;
}

/* "最高扣M分" (or 最多扣) after p, into *cap: 1 if there, 0 if not, -1
 * if there but not a number of points. */
static int cap_after(const char *p, points_t *cap)
{
	const char *most = strstr(p, "最高扣");
	if (!most)
		most = strstr(p, "最多扣");
	if (!most)
		return 0;
	const char *q = most + strlen("最高扣");
	size_t k = number_at(q, cap);
	return k && strncmp(q + k, "分", strlen("分")) == 0 ? 1 : -1;
}

int draft_rate(const char *s, struct draft_reading *out)
{
	const char *reach = strstr(s, "达到");
	if (!reach || count_of(s, "达到") != 1)
		return 0;
	const char *p = reach + strlen("达到");
	points_t target, per, each, cap = 0;
	size_t k = number_at(p, &target);
	if (!k)
		return 0;
	p += k;
	if (!take(&p, "%") && !take(&p, "％"))
		return 0;
	const char *drop = NULL;
	static const char *const words[] = {"每降低", "每下降", "每低于", "每低", NULL};
	for (const char *const *w = words; *w && !drop; w++)
		if ((drop = strstr(p, *w)))
			p = drop + strlen(*w);
	if (!drop || !(k = number_at(p, &per)))
		return 0;
	p += k;
	if (!take(&p, "个百分点") && !take(&p, "百分点"))
		return 0;
	take(&p, "的");
	take(&p, "，");
	if (!take(&p, "扣") || !(k = number_at(p, &each)))
		return 0;
	p += k;
	if (!take(&p, "分"))
		return 0;
	int capped = cap_after(p, &cap);
	/* nothing else deducts: one 扣 for the step and one for the cap */
	if (capped < 0 || count_of(s, "扣") != 1 + capped || target == 0 || target > POINTS(100) || per == 0 ||
	    per > POINTS(100) || each == 0)
		return 0;
	/* the name: what reaches the target, from the sentence's start */
	const char *a = reach;
	while (a > s) {
		const char *b = a;
		do
			b--;
		while (b > s && ((unsigned char)*b & 0xC0) == 0x80);
		if (*b == ';' || *b == '\n' || strncmp(b, "。", 3) == 0 || strncmp(b, "；", 3) == 0 ||
		    strncmp(b, "，", 3) == 0)
			break;
		a = b;
	}
	draft_reading_free(out);
	memset(&out->rule, 0, sizeof out->rule);
	struct rule *r = &out->rule;
	r->type = RULE_RATE;
	r->target = target;
	r->per = per;
	r->each = each;
	r->has_cap = capped;
	r->cap = cap;
	if (reach > a)
		r->text = xstrndup(a, (size_t)(reach - a));
	return 1;
}

/* The grade word at *p (一般, 较大, 重大, 特别重大, with 及以上): advances
 * past it; 0 if none is there. */
static int grade_word(const char **p, struct accident_match *m)
{
	static const char *const words[] = {"特别重大", "重大", "较大", "一般", NULL};
	for (int i = 0; words[i]; i++)
		if (take(p, words[i])) {
			m->has_grade = true;
			m->grade = (enum accident_grade)accident_grade_parse(words[i]);
			m->min_grade = take(p, "及以上") || take(p, "以上");
			return 1;
		}
	return 0;
}

/* "[生产安全|安全生产]事故[的][，]" at *p: advances past it; 0 if the
 * noun is not there. */
static int accident_noun(const char **p)
{
	take(p, "生产安全");
	take(p, "安全生产");
	if (!take(p, "事故"))
		return 0;
	take(p, "的");
	take(p, "，");
	return 1;
}

int draft_accidents(const char *s, points_t points, struct draft_reading *out)
{
	struct accident_rule a = {0};
	const char *p = strstr(s, "发生");
	if (!p || count_of(s, "发生") != 1 || !strstr(s, "事故"))
		return 0;
	bool each = p >= s + 3 && strncmp(p - 3, "每", 3) == 0;
	p += strlen("发生");
	if (each) {
		/* 每发生1起…事故…扣N分[，最高扣M分] */
		points_t one;
		size_t k = number_at(p, &one);
		if (!k || one != POINTS(1))
			return 0;
		p += k;
		if (!take(&p, "起") && !take(&p, "次"))
			return 0;
		grade_word(&p, &a.match);
		if (!accident_noun(&p))
			return 0;
		if (!take(&p, "扣") || !(k = number_at(p, &a.each)) || a.each == 0)
			return 0;
		p += k;
		if (!take(&p, "分"))
			return 0;
		int capped = cap_after(p, &a.cap);
		if (capped < 0 || count_of(s, "扣") != 1 + capped || strstr(s, "不得分"))
			return 0;
		a.has_cap = capped;
	} else {
		/* 发生[死亡]事故的，本项不得分 */
		if (points <= 0)
			return 0;
		if (take(&p, "死亡"))
			a.match.min_deaths = 1;
		else
			grade_word(&p, &a.match);
		if (!accident_noun(&p))
			return 0;
		take(&p, "本项");
		if (!take(&p, "不得分") || strstr(s, "扣"))
			return 0;
		a.deduct_all = true;
	}
	draft_reading_free(out);
	memset(&out->rule, 0, sizeof out->rule);
	out->rule.type = RULE_ACCIDENTS;
	out->rule.accidents = xmalloc(sizeof a);
	*out->rule.accidents = a;
	return 1;
}

/* The keys scheme_parse.c takes for the figures rules. */
void draft_forms_yaml(const struct rule *r, struct buf *out)
{
	char a[POINTS_BUFSZ];
	switch (r->type) {
	case RULE_RANGE:
		buf_printf(out, ", from: %s", points_fmt(r->from, a));
		buf_printf(out, ", to: %s", points_fmt(r->to, a));
		if (r->has_cap)
			buf_printf(out, ", cap: %s", points_fmt(r->cap, a));
		if (r->max_count)
			buf_printf(out, ", max_count: %lld", r->max_count);
		buf_puts(out, ", unit: ");
		draft_yaml_str(out, r->unit ? r->unit : "次");
		break;
	case RULE_RATE:
		if (r->text) {
			buf_puts(out, ", name: ");
			draft_yaml_str(out, r->text);
		}
		buf_printf(out, ", target: %s", points_fmt(r->target, a));
		buf_printf(out, ", per: %s", points_fmt(r->per, a));
		buf_printf(out, ", each: %s", points_fmt(r->each, a));
		if (r->has_cap)
			buf_printf(out, ", cap: %s", points_fmt(r->cap, a));
		break;
	case RULE_ACCIDENTS: {
		const struct accident_rule *x = r->accidents;
		if (x->match.has_grade)
			buf_printf(out, ", %s: %s", x->match.min_grade ? "min_accident_grade" : "accident_grade",
				   accident_grade_name(x->match.grade));
		if (x->match.min_deaths)
			buf_printf(out, ", min_deaths: %lld", x->match.min_deaths);
		if (x->deduct_all)
			buf_puts(out, ", deduct: all");
		else
			buf_printf(out, ", each: %s", points_fmt(x->each, a));
		if (x->has_cap)
			buf_printf(out, ", cap: %s", points_fmt(x->cap, a));
		break;
	}
	default:
		break;
	}
}
