/* draft_rule.c: one cell of rubric text read into a rule, where the
 * reading is certain (issue 11, "a draft scheme from the rubric's table").
 *
 * The rubrics write their scoring in a few fixed phrases: "每…扣N分",
 * "最高（可）扣M分", "扣完为止", "不得分", "未…的，扣N分" (conditions, in
 * the order written), "每…得/加N分". Anything beyond those — a range
 * ("扣0.5—2分"), a rate, a veto, several kinds of clause in one cell, a
 * figure left over that no phrase accounts for — is not guessed: the rule
 * falls back to judged and the reason is given, so a person decides. */
#include "draft.h"
#include "accident_rule.h"
#include "draft_forms.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A phrase found in the text: 扣N分 / 得N分 / 加N分, its value, and where. */
struct phrase {
	size_t at, end;         /* byte offsets: the verb, just past 分 */
	points_t v, hi;         /* hi > 0: a range v—hi */
	int cap;                /* preceded by 最高/最多(可) */
	int earn;               /* 得 or 加 */
};

#define MAX_PHRASES 64

struct text_scan {
	const char *s;
	struct phrase p[MAX_PHRASES];
	int n;
	int overflow;
};

/* Whether s at p begins with lit. */
static int at(const char *s, size_t p, const char *lit)
{
	return strncmp(s + p, lit, strlen(lit)) == 0;
}

/* Whether the len bytes of s ending at p end with lit. */
static int ends(const char *s, size_t p, const char *lit)
{
	size_t n = strlen(lit);
	return p >= n && strncmp(s + p - n, lit, n) == 0;
}

/* Reads a number at s+p: ASCII digits with a decimal point, or one
 * Chinese numeral 一…十/两. Returns the bytes consumed (0: none) and the
 * value in *v. */
static size_t read_number(const char *s, size_t p, points_t *v)
{
	static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	size_t q = p;
	while ((s[q] >= '0' && s[q] <= '9') || s[q] == '.')
		q++;
	if (q > p) {
		char tmp[32];
		if (q - p >= sizeof tmp)
			return 0;
		memcpy(tmp, s + p, q - p);
		tmp[q - p] = '\0';
		return points_parse(tmp, v) == 0 ? q - p : 0;
	}
	for (int i = 0; i < 10; i++)
		if (at(s, p, cn[i])) {
			*v = POINTS(i + 1);
			return strlen(cn[i]);
		}
	if (at(s, p, "两")) {
		*v = POINTS(2);
		return strlen("两");
	}
	return 0;
}

/* The range separators rubrics use between two amounts. */
static size_t range_sep(const char *s, size_t p)
{
	static const char *const seps[] = {"—", "－", "～", "~", "-", "至", "到", NULL};
	for (const char *const *x = seps; *x; x++)
		if (at(s, p, *x))
			return strlen(*x);
	return 0;
}

/* Finds every 扣/得/加 followed by an amount and 分. */
static void scan(struct text_scan *t, const char *s)
{
	memset(t, 0, sizeof *t);
	t->s = s;
	for (size_t p = 0; s[p]; p++) {
		int earn = at(s, p, "得") || at(s, p, "加");
		if (!earn && !at(s, p, "扣"))
			continue;
		size_t q = p + strlen("扣");
		points_t v = 0, hi = 0;
		size_t k = read_number(s, q, &v);
		if (!k)
			continue;
		q += k;
		size_t r = range_sep(s, q);
		if (r) {
			size_t k2 = read_number(s, q + r, &hi);
			if (!k2)
				continue;
			q += r + k2;
		}
		if (!at(s, q, "分"))
			continue;
		if (t->n == MAX_PHRASES) {
			t->overflow = 1;
			return;
		}
		struct phrase *ph = &t->p[t->n++];
		ph->at = p;
		ph->end = q + strlen("分");
		ph->v = v;
		ph->hi = hi;
		ph->earn = earn;
		ph->cap = ends(s, p, "最高") || ends(s, p, "最高可") || ends(s, p, "最多") ||
			  ends(s, p, "最多可");
	}
}

/* Whether the bytes at p end a sentence (。；; or a line break). */
static size_t sentence_mark(const char *s, size_t p)
{
	if (at(s, p, "。") || at(s, p, "；"))
		return strlen("。");
	if (s[p] == ';' || s[p] == '\n')
		return 1;
	return 0;
}

/* Start of the sentence holding byte p. */
static size_t sentence_start(const char *s, size_t p)
{
	size_t start = 0;
	for (size_t q = 0; q < p;) {
		size_t m = sentence_mark(s, q);
		if (m) {
			q += m;
			start = q;
		} else {
			q++;
		}
	}
	return start;
}

/* s[a..b) with trailing commas and spaces dropped and leading spaces too;
 * caller frees. */
static char *clause(const char *s, size_t a, size_t b)
{
	while (a < b && (s[a] == ' ' || s[a] == '\t'))
		a++;
	for (;;) {
		if (b > a && (s[b - 1] == ',' || s[b - 1] == ' '))
			b--;
		else if (b >= a + 3 && (ends(s, b, "，") || ends(s, b, "、") || ends(s, b, "：")))
			b -= 3;
		else
			break;
	}
	return xstrndup(s + a, b - a);
}

/* The last occurrence of lit in s[a..b), or (size_t)-1. */
static size_t last_in(const char *s, size_t a, size_t b, const char *lit)
{
	size_t n = strlen(lit), found = (size_t)-1;
	for (size_t p = a; p + n <= b; p++)
		if (strncmp(s + p, lit, n) == 0)
			found = p;
	return found;
}

/* Length in bytes of the UTF-8 character at s. */
static size_t ch_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Whether the character at s is punctuation that ends a counting unit. */
static int unit_stop(const char *s)
{
	static const char *const stops[] = {"未", "，", ",", "扣", "得", "加", "的", "。", "；",
		"、", " ", NULL};
	for (const char *const *x = stops; *x; x++)
		if (strncmp(s, *x, strlen(*x)) == 0)
			return 1;
	return 0;
}

/* If the sentence part s[a..verb) counts occurrences — a 每, or an amount
 * of one just before the verb ("少一次扣3分", "1项扣10分") — returns 1 and
 * the unit counted (caller frees; NULL when none is written). */
static int counts(const char *s, size_t a, size_t verb, char **unit)
{
	*unit = NULL;
	size_t mei = last_in(s, a, verb, "每");
	size_t b = verb;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == ','))
		b--;
	if (b >= a + 3 && ends(s, b, "，"))
		b -= 3;
	if (mei == (size_t)-1) {
		/* an amount of one and a short unit right before the verb */
		for (size_t p = a; p < b; p += ch_len(s + p)) {
			points_t v;
			size_t k = read_number(s, p, &v);
			if (k && v == POINTS(1) && b - (p + k) >= 1 && b - (p + k) <= 9 &&
			    !unit_stop(s + p + k)) {
				int clean = 1;
				for (size_t q = p + k; q < b; q += ch_len(s + q))
					clean &= !unit_stop(s + q);
				if (clean) {
					*unit = xstrndup(s + p + k, b - (p + k));
					return 1;
				}
			}
		}
		return 0;
	}
	size_t p = mei + strlen("每");
	for (size_t q = p; q < b; q += ch_len(s + q)) {
		points_t v;
		size_t k = read_number(s, q, &v);
		if (k && v == POINTS(1)) {
			size_t e = q + k;
			while (e < b && !unit_stop(s + e))
				e += ch_len(s + e);
			if (e > q + k)
				*unit = xstrndup(s + q + k, e - (q + k));
			return 1;
		}
	}
	/* 每项扣4分: the unit is all there is between 每 and the verb */
	if (b > p && b - p <= 6) {
		int clean = 1;
		for (size_t q = p; q < b; q += ch_len(s + q))
			clean &= !unit_stop(s + q);
		if (clean)
			*unit = xstrndup(s + p, b - p);
	}
	return 1;
}

/* Sets the reason (first one wins: it is the one a person reads first). */
static void mark(struct draft_reading *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void mark(struct draft_reading *out, const char *fmt, ...)
{
	if (out->why[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out->why, sizeof out->why, fmt, ap);
	va_end(ap);
}

/* Falls back to a judged rule (at most cap if one is written) with the
 * reason. */
static void judged(struct draft_reading *out, const struct phrase *cap, const char *why)
{
	draft_reading_free(out);
	memset(&out->rule, 0, sizeof out->rule);
	out->rule.type = RULE_JUDGED;
	if (cap) {
		out->rule.has_max = true;
		out->rule.max = cap->v;
	}
	mark(out, "%s", why);
}

/* Counts amounts followed by 分 ("20分", "100分制") that no phrase took. */
static int stray_points(const struct text_scan *t)
{
	const char *s = t->s;
	int n = 0;
	for (size_t p = 0; s[p]; p++) {
		if (!(s[p] >= '0' && s[p] <= '9') || !at(s, p + 1, "分"))
			continue;
		int taken = 0;
		for (int i = 0; i < t->n; i++)
			taken |= p >= t->p[i].at && p < t->p[i].end;
		n += !taken;
	}
	return n;
}

/* Whether the text speaks of a score computed or given some other way
 * (打分, 百分制, 平均, 折算 …): then no amount does not mean judged. */
static int computes(const char *s)
{
	static const char *const words[] = {"打分", "评分", "分制", "平均", "折算", "权重", "得分",
		NULL};
	for (const char *const *w = words; *w; w++)
		if (strstr(s, *w))
			return 1;
	return 0;
}

/* Reads text into out (draft.h): every phrase found first, then the one
 * rule they add up to, or judged with the reason. */
void draft_rule(const char *text, points_t points, struct draft_reading *out)
{
	memset(out, 0, sizeof *out);
	out->rule.type = RULE_JUDGED;
	const char *s = text ? text : "";
	struct text_scan t;
	scan(&t, s);
	const struct phrase *ded[MAX_PHRASES], *cap = NULL, *earn = NULL, *earn_cap = NULL;
	int nded = 0, ncap = 0, nearn = 0, nearn_cap = 0;
	for (int i = 0; i < t.n; i++) {
		const struct phrase *p = &t.p[i];
		if (p->earn && p->cap) {
			earn_cap = p;
			nearn_cap++;
		} else if (p->earn) {
			earn = p;
			nearn++;
		} else if (p->cap) {
			cap = p;
			ncap++;
		} else {
			ded[nded++] = p;
		}
	}
	size_t nodefen = last_in(s, 0, strlen(s), "不得分");
	int n_nodefen = 0;
	for (const char *q = s; (q = strstr(q, "不得分")); q += strlen("不得分"))
		n_nodefen++;

	if (t.overflow) {
		judged(out, NULL, "扣分条款过多，未能逐条识别，暂作评定扣分（judged）");
		return;
	}
	/* 每发生1起一般事故扣5分, 发生死亡事故的，本项不得分: from the register */
	if (draft_accidents(s, points, out))
		return;
	if (strstr(s, "一票否决")) {
		judged(out, NULL, "原文有“一票否决”，须在 vetoes 中另写，暂作评定扣分（judged）");
		return;
	}
	if (strstr(s, "%") || strstr(s, "％") || strstr(s, "百分点")) {
		if (draft_rate(s, out))
			return;
		judged(out, NULL, "原文按比率或指标计分，未能确定为“达到N%得满分，每降低M个百分点扣K分”，"
		       "暂作评定扣分（judged）；可改写为 rate、target 或 trend");
		return;
	}
	for (int i = 0; i < t.n; i++)
		if (t.p[i].hi) {
			/* "每处扣0.5—2分": a range for each occurrence, when it is
			 * the cell's only deduction */
			char *unit = NULL;
			const struct phrase *p = &t.p[i];
			if (nded == 1 && ded[0] == p && !n_nodefen && !nearn && !nearn_cap &&
			    last_in(s, sentence_start(s, p->at), p->at, "每") != (size_t)-1 &&
			    counts(s, sentence_start(s, p->at), p->at, &unit)) {
				struct rule *r = &out->rule;
				r->type = RULE_RANGE;
				r->from = p->v;
				r->to = p->hi;
				r->unit = unit ? unit : xstrdup("次");
				if (!unit)
					mark(out, "按次区间扣分，但未能确定计数单位（暂写“次”），请核对");
				if (cap) {
					r->cap = cap->v;
					r->has_cap = true;
				}
				if (p->v > p->hi || (cap && cap->v < p->hi))
					mark(out, "区间或最高扣分有误，请核对");
				return;
			}
			char lo[POINTS_BUFSZ], hi[POINTS_BUFSZ], why[256];
			snprintf(why, sizeof why, "扣分为区间（%s—%s分），未写“每…”，不能确定按次还是一次，"
				 "暂作评定扣分（judged）；一次的可写 range（max_count: 1），请核对上限",
				 points_fmt(p->v, lo), points_fmt(p->hi, hi));
			judged(out, cap, why);
			return;
		}
	if (strstr(s, "视情况") || strstr(s, "酌情") || strstr(s, "视情节")) {
		judged(out, cap, "原文由考核组酌情扣分，暂作评定扣分（judged），请核对上限");
		return;
	}
	if (ncap > 1 || nearn_cap > 1) {
		judged(out, NULL, "原文写了多个最高扣分（或最高得分），暂作评定扣分（judged）");
		return;
	}
	if ((nearn || nearn_cap) && (nded || ncap || n_nodefen)) {
		judged(out, NULL, "原文同时有得分和扣分，暂作评定扣分（judged）");
		return;
	}
	if (n_nodefen && nded) {
		judged(out, cap, "一格内同时有“不得分”和扣分情形，引擎尚无此写法，暂作评定扣分（judged）");
		return;
	}
	struct rule *r = &out->rule;
	if (nearn == 1) {
		size_t a = sentence_start(s, earn->at);
		char *unit;
		if (!counts(s, a, earn->at, &unit)) {
			judged(out, NULL, "得分条款不是“每…得N分”的形式，暂作评定扣分（judged）");
			return;
		}
		r->type = RULE_EARN;
		r->each = earn->v;
		r->unit = unit ? unit : xstrdup("项");
		if (!unit)
			mark(out, "按项得分，但未能确定计数单位（暂写“项”），请核对");
		if (earn_cap) {
			r->cap = earn_cap->v;
		} else if (points >= 0) {
			r->cap = points;
			mark(out, "原文未写最高得分，暂以分值为上限");
		} else {
			judged(out, NULL, "原文未写最高得分，也没有分值，暂作评定扣分（judged）");
			return;
		}
		r->has_cap = true;
	} else if (nearn > 1) {
		judged(out, NULL, "一格内有多个得分条款，暂作评定扣分（judged）");
		return;
	} else if (n_nodefen) {
		if (n_nodefen > 1 || points < 0) {
			judged(out, NULL, n_nodefen > 1 ? "一格内有多个“不得分”情形，暂作评定扣分（judged）"
				   : "“不得分”须有分值，表中未写，暂作评定扣分（judged）");
			return;
		}
		size_t a = sentence_start(s, nodefen);
		r->type = RULE_FIXED;
		r->deduct = points;
		r->text = clause(s, a, nodefen);
		if (!r->text[0]) {
			judged(out, NULL, "“不得分”前没有写明情形，暂作评定扣分（judged）");
			return;
		}
	} else if (nded == 1) {
		const struct phrase *d = ded[0];
		size_t a = sentence_start(s, d->at);
		char *unit;
		if (counts(s, a, d->at, &unit)) {
			r->type = RULE_PER;
			r->each = d->v;
			r->unit = unit ? unit : xstrdup("次");
			if (!unit)
				mark(out, "按次扣分，但未能确定计数单位（暂写“次”），请核对");
			if (cap) {
				r->cap = cap->v;
				r->has_cap = true;
				if (cap->v < d->v)
					mark(out, "最高扣分小于每次扣分，请核对");
			}
		} else if (cap && cap->v > d->v) {
			/* doc/scheme-language.md: a single condition whose cap
			 * exceeds its deduction counts occurrences */
			r->type = RULE_PER;
			r->each = d->v;
			r->cap = cap->v;
			r->has_cap = true;
			r->unit = xstrdup("次");
			mark(out, "单个情形而最高扣分大于扣分：按读法写作按次扣分（per），请核对计数单位");
		} else {
			r->type = RULE_FIXED;
			r->deduct = d->v;
			r->text = clause(s, a, d->at);
			if (cap && cap->v < d->v)
				mark(out, "最高扣分小于扣分，请核对");
			if (!r->text[0])
				mark(out, "扣分前没有写明情形，请核对");
		}
	} else if (nded > 1) {
		r->type = RULE_CONDITIONS;
		r->conds = xcalloc((size_t)nded, sizeof *r->conds);
		for (int i = 0; i < nded; i++) {
			size_t a = sentence_start(s, ded[i]->at);
			char *unit;
			if (i > 0 && sentence_start(s, ded[i - 1]->at) == a) {
				judged(out, cap, "一句中有多个扣分，未能分清情形，暂作评定扣分（judged）");
				return;
			}
			if (counts(s, a, ded[i]->at, &unit)) {
				free(unit);
				judged(out, cap, "一格内有多种扣分条款（含按次扣分），引擎尚无此写法，"
				       "暂作评定扣分（judged）");
				return;
			}
			struct condition *c = &r->conds[r->nconds++];
			c->text = clause(s, a, ded[i]->at);
			c->deduct = ded[i]->v;
			if (!c->text[0])
				mark(out, "情形 %d 没有写明内容，请核对", i + 1);
		}
		if (cap) {
			r->cap = cap->v;
			r->has_cap = true;
		}
	} else if (!cap && !t.n && !stray_points(&t) && !computes(s)) {
		/* no amount at all: the rubric leaves the deduction to the
		 * team, which is what judged means (doc/scheme-language.md) */
		r->type = RULE_JUDGED;
	} else {
		judged(out, cap, "原文未写明扣分办法，暂作评定扣分（judged）；如由其他单位打分，请改为 entered");
		return;
	}
	if (stray_points(&t))
		mark(out, "原文另有分值未能识别，请核对");
}

/* Frees what a reading owns (the unit, the text, the conditions). */
void draft_reading_free(struct draft_reading *r)
{
	free(r->rule.unit);
	free(r->rule.text);
	for (int i = 0; i < r->rule.nconds; i++)
		free(r->rule.conds[i].text);
	free(r->rule.conds);
	r->rule.unit = r->rule.text = NULL;
	r->rule.conds = NULL;
	accident_rule_free(r->rule.accidents);
	r->rule.accidents = NULL;
	r->rule.nconds = 0;
}

/* A YAML double-quoted scalar: always quoted, so no title or text can
 * be read as a number, a boolean, a comment or a key. */
void draft_yaml_str(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)*p);
		} else if (*p == '\n') {
			buf_puts(out, "\\n");
		} else if (*p == '\t') {
			buf_puts(out, "\\t");
		} else if (*p < 0x20 || *p == 0x7f) {
			buf_printf(out, "\\x%02x", *p);
		} else {
			buf_putc(out, (char)*p);
		}
	}
	buf_putc(out, '"');
}

/* The rule in flow style, the keys scheme_parse.c takes for its type;
 * conditions one to a line. */
void draft_rule_yaml(const struct rule *r, int indent, struct buf *out)
{
	char a[POINTS_BUFSZ];
	buf_printf(out, "{type: %s", rule_type_name(r->type));
	switch (r->type) {
	case RULE_PER:
	case RULE_EARN:
		buf_printf(out, ", each: %s", points_fmt(r->each, a));
		if (r->has_cap)
			buf_printf(out, ", cap: %s", points_fmt(r->cap, a));
		buf_puts(out, ", unit: ");
		draft_yaml_str(out, r->unit ? r->unit : "次");
		break;
	case RULE_FIXED:
		buf_printf(out, ", deduct: %s", points_fmt(r->deduct, a));
		if (r->text) {
			buf_puts(out, ", text: ");
			draft_yaml_str(out, r->text);
		}
		break;
	case RULE_CONDITIONS:
		if (r->has_cap)
			buf_printf(out, ", cap: %s", points_fmt(r->cap, a));
		buf_puts(out, ", conditions: [");
		for (int i = 0; i < r->nconds; i++) {
			buf_printf(out, "\n%*s{text: ", indent + 2, "");
			draft_yaml_str(out, r->conds[i].text);
			buf_printf(out, ", deduct: %s}%s", points_fmt(r->conds[i].deduct, a),
				   i + 1 < r->nconds ? "," : "");
		}
		buf_puts(out, "]");
		break;
	case RULE_JUDGED:
		if (r->has_max)
			buf_printf(out, ", max: %s", points_fmt(r->max, a));
		break;
	case RULE_ENTERED:
		draft_entered_yaml(r, out);
		break;
	default:
		draft_forms_yaml(r, out);
		break;
	}
	buf_puts(out, "}");
}
