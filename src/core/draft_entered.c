/* draft_entered.c: whether a rubric row's score is given by another body
 * (issue 11, "a draft scheme from the rubric's table").
 *
 * Some rows are not scored by the team at all: "行政执法100分（由安全生产
 * 监察支队制定细则）", "（由各行业主管打分报安委办，记入总分）". The table
 * says so in the row's own text or method, or in its group's ("由市安监局
 * 业务科室对县区打分。有行业监管职责的部门…（按百分制）进行打分"), which
 * then holds for every row under it. Such a row is an `entered` score:
 * who scores it comes from the words between 由 and the scoring verb, out
 * of what from "按百分制" / "按N分制" in a sentence that scores. Where
 * either is not certain the rule is still written as entered (the closest
 * reading) and marked, so a person decides. */
#include "draft.h"

#include <stdio.h>
#include <string.h>

/* Verbs saying a body scores the row (or writes the rules it is scored by). */
static const char *const score_verbs[] = {"打分", "评分", "制定细则", "制定考核细则",
	"制定评分细则", NULL};

/* Words naming the scorer, by kind: an enforcement detachment, an
 * industry's authority (a department, or the bureau's section for it). */
static const char *const enforcement_words[] = {"执法", "监察支队", "监察大队", NULL};
static const char *const industry_words[] = {"行业主管", "主管部门", "行业监管", "行业部门",
	"业务科室", NULL};

/* The longest scorer named between 由 and the verb, in bytes (20 characters). */
#define SCORER_MAX 60

/* Whether any of words occurs in s[a..b). */
static int has_word(const char *s, size_t a, size_t b, const char *const *words)
{
	for (const char *const *w = words; *w; w++) {
		size_t n = strlen(*w);
		for (size_t p = a; p + n <= b; p++)
			if (strncmp(s + p, *w, n) == 0)
				return 1;
	}
	return 0;
}

/* Whether the bytes at p end a sentence or a clause a scorer cannot span. */
static int breaks_scorer(const char *s, size_t p)
{
	return strncmp(s + p, "。", strlen("。")) == 0 || strncmp(s + p, "；", strlen("；")) == 0 ||
	       strncmp(s + p, "，", strlen("，")) == 0 || s[p] == '\n' || s[p] == ';' || s[p] == ',';
}

/* Whether the bytes at p end a sentence (。；; or a line break). */
static int ends_sentence(const char *s, size_t p)
{
	return strncmp(s + p, "。", strlen("。")) == 0 || strncmp(s + p, "；", strlen("；")) == 0 ||
	       s[p] == '\n' || s[p] == ';';
}

/* The scorers one text names: "由<scorer><verb>" with the scorer in one
 * clause. Sets bit 1 for an enforcement body, 2 for an industry's, 4 for
 * any other (考核组, 安委办: not another body); 0 when none is named. */
static int scorers(const char *s)
{
	int kinds = 0;
	for (const char *const *v = score_verbs; *v; v++)
		for (const char *q = s; (q = strstr(q, *v)); q += strlen(*v)) {
			size_t verb = (size_t)(q - s), by = (size_t)-1, u = strlen("由");
			for (size_t p = verb; p >= u && verb - p <= SCORER_MAX; p--) {
				if (strncmp(s + p - u, "由", u) == 0 && strncmp(s + p, "于", u) != 0) {
					by = p;
					break;
				}
				if (breaks_scorer(s, p - 1))
					break;
			}
			if (by == (size_t)-1 || by == verb)
				continue;
			int enf = has_word(s, by, verb, enforcement_words);
			int ind = has_word(s, by, verb, industry_words);
			kinds |= enf ? 1 : 0;
			kinds |= ind ? 2 : 0;
			kinds |= !enf && !ind ? 4 : 0;
		}
	return kinds;
}

/* Whether the sentence holding byte p of s has a scoring verb. */
static int sentence_scores(const char *s, size_t p)
{
	size_t a = p, b = p;
	while (a > 0 && !ends_sentence(s, a - 1))
		a--;
	while (s[b] && !ends_sentence(s, b))
		b++;
	return has_word(s, a, b, score_verbs);
}

/* The scale stated in a scoring sentence of s: "百分制" 100, "千分制"
 * 1000, "N分制" N. Returns the number of distinct scales found (0: none)
 * and the first in *scale. */
static int scales(const char *s, points_t *scale)
{
	int n = 0;
	for (const char *q = s; (q = strstr(q, "分制")); q += strlen("分制")) {
		size_t p = (size_t)(q - s);
		points_t v = -1;
		if (p >= strlen("百") && strncmp(s + p - strlen("百"), "百", strlen("百")) == 0) {
			v = POINTS(100);
		} else if (p >= strlen("千") && strncmp(s + p - strlen("千"), "千", strlen("千")) == 0) {
			v = POINTS(1000);
		} else {
			size_t a = p;
			while (a > 0 && s[a - 1] >= '0' && s[a - 1] <= '9')
				a--;
			char tmp[16];
			if (a < p && p - a < sizeof tmp) {
				memcpy(tmp, s + a, p - a);
				tmp[p - a] = '\0';
				if (points_parse(tmp, &v) != 0 || v <= 0)
					v = -1;
			}
		}
		if (v < 0 || !sentence_scores(s, p))
			continue;
		if (!n || v != *scale)
			n++;
		if (n == 1)
			*scale = v;
	}
	return n;
}

/* Whether the row's own text scores itself: a deduction, 不得分, an
 * amount earned, a veto or a rate. Then it is no entered score. */
static int scores_itself(const char *s)
{
	static const char *const words[] = {"扣", "不得分", "一票否决", "%", "％", "百分点", NULL};
	if (has_word(s, 0, strlen(s), words))
		return 1;
	for (const char *q = s; *q; q++)
		if ((strncmp(q, "得", strlen("得")) == 0 || strncmp(q, "加", strlen("加")) == 0) &&
		    q[strlen("得")] >= '0' && q[strlen("得")] <= '9')
			return 1;
	return 0;
}

/* The first amount "N分" in s (not "N分制") that is neither the row's
 * points nor marked as a share (各N分) or a sum (共N分); 0 when none, else
 * its value in *v. */
static int other_amount(const char *s, points_t points, points_t *v)
{
	for (size_t p = 0; s[p]; p++) {
		if (!(s[p] >= '0' && s[p] <= '9') || (p > 0 && ((s[p - 1] >= '0' && s[p - 1] <= '9') ||
							       s[p - 1] == '.')))
			continue;
		size_t q = p;
		while ((s[q] >= '0' && s[q] <= '9') || s[q] == '.')
			q++;
		if (strncmp(s + q, "分", strlen("分")) != 0 ||
		    strncmp(s + q + strlen("分"), "制", strlen("制")) == 0)
			continue;
		char tmp[16];
		points_t n;
		if (q - p >= sizeof tmp)
			return 1;
		memcpy(tmp, s + p, q - p);
		tmp[q - p] = '\0';
		if (points_parse(tmp, &n) != 0) {
			*v = -1;
			return 1;
		}
		int share = p >= strlen("各") && (strncmp(s + p - strlen("各"), "各", strlen("各")) == 0 ||
						strncmp(s + p - strlen("共"), "共", strlen("共")) == 0);
		if (n != points && !share) {
			*v = n;
			return 1;
		}
	}
	return 0;
}

/* Sets the reason unless one is set (the first is the one read first). */
static void entered_mark(struct draft_reading *out, const char *why)
{
	if (!out->why[0])
		snprintf(out->why, sizeof out->why, "%s", why);
}

/* Reads lv (draft.h) into an entered rule; returns 0 if no level names
 * another body as the scorer. */
int draft_entered(const struct draft_level *lv, int nlv, points_t points, struct draft_reading *out)
{
	memset(out, 0, sizeof *out);
	out->rule.type = RULE_JUDGED;
	if (nlv < 1 || scores_itself(lv[0].text) || scores_itself(lv[0].method))
		return 0;
	/* the scorer: the nearest level naming one decides */
	int kinds = 0;
	for (int i = 0; i < nlv && !kinds; i++)
		kinds = scorers(lv[i].text) | scorers(lv[i].method);
	if (!(kinds & 3))
		return 0;
	out->rule.type = RULE_ENTERED;
	out->rule.scale = POINTS(100);
	out->rule.by = kinds & 1 ? BY_ENFORCEMENT : BY_INDUSTRY;
	if (kinds & 4 || (kinds & 3) == 3)
		entered_mark(out, "原文写了不止一类打分单位，暂作其他单位打分（entered），请核对 by");
	/* the scale: the nearest level stating one in a scoring sentence */
	int nscales = 0;
	points_t scale = 0;
	for (int i = 0; i < nlv && !nscales; i++) {
		nscales = scales(lv[i].text, &scale);
		if (!nscales)
			nscales = scales(lv[i].method, &scale);
	}
	if (nscales > 1) {
		entered_mark(out, "原文写了不止一种分制，暂以100分制（scale: 100），请核对 scale");
	} else if (nscales == 1) {
		out->rule.scale = scale;
	} else if (points != POINTS(100)) {
		/* out of the row's points, or a 百分制: only at 100 points do
		 * the two readings agree */
		entered_mark(out, "原文由其他单位打分，但未写明按几分制，暂以100分制（scale: 100），"
			     "请核对 scale");
	}
	points_t v;
	if (other_amount(lv[0].text, points, &v) || other_amount(lv[0].method, points, &v)) {
		char a[POINTS_BUFSZ], why[256];
		snprintf(why, sizeof why, "原文另有分值（%s分）未能识别，请核对", v < 0 ? "?" :
			 points_fmt(v, a));
		entered_mark(out, why);
	}
	return 1;
}

/* The entered rule's keys, after "{type: entered". */
void draft_entered_yaml(const struct rule *r, struct buf *out)
{
	static const char *const by[] = {"office", "team", "enforcement", "industry"};
	char a[POINTS_BUFSZ];
	buf_printf(out, ", scale: %s", points_fmt(r->scale, a));
	if (r->by != BY_OFFICE)
		buf_printf(out, ", by: %s", by[r->by]);
}
