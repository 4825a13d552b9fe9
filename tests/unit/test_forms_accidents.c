/* test_forms_accidents.c: items counted from the accident register (rule
 * type `accidents`), each from a rubric row quoted here and worked by
 * hand: by grade (exact and at least), by deaths in one accident, by
 * industry; a finding for such an item is refused; the scheme keys are
 * refused with FILE:LINE when malformed. */
#include "testutil.h"
#include "accident_rule.h"

#define HEAD "scheme: t\ntitle: 测试\nunit: county\nyear: 2017\npoints: 100\n"

/* 事故控制 (40分，扣完为止):
 *   1.1 "每发生1起一般事故扣5分，最高扣20分"
 *   1.2 "发生较大及以上事故的，每起扣10分"（扣完为止）
 *   1.3 "发生死亡事故的，本项不得分"（10分）
 *   1.4 "煤矿、非煤矿山发生事故的，扣3分"
 * 其他 60分: a judged item. */
static const char *yaml = HEAD
	"children:\n"
	"- code: '1'\n  title: 事故控制\n  points: 40\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 一般事故, text: 每发生1起一般事故扣5分，最高扣20分,"
	"     rule: {type: accidents, accident_grade: 一般, each: 5, cap: 20}}\n"
	"  - {code: '1.2', title: 较大事故, text: 发生较大及以上事故的，每起扣10分,"
	"     rule: {type: accidents, min_accident_grade: 较大, each: 10}}\n"
	"  - {code: '1.3', title: 死亡事故, points: 10, text: 发生死亡事故的，本项不得分,"
	"     rule: {type: accidents, min_deaths: 1, deduct: all}}\n"
	"  - {code: '1.4', title: 矿山事故, text: 煤矿、非煤矿山发生事故的，扣3分,"
	"     rule: {type: accidents, industry: [煤矿, 非煤矿山], deduct: 3}}\n"
	"- code: '2'\n  title: 其他\n  points: 60\n  score: deduct\n  children:\n"
	"  - {code: '2.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n";

static struct result *score(const struct scheme *s, const struct accident *a, int n)
{
	struct unit_input in = {.accidents = a, .naccidents = n};
	struct diag d = {0};
	struct result *r = score_unit(s, &in, &d);
	for (int i = 0; i < d.n; i++)
		fprintf(stderr, "%s\n", d.msgs[i]);
	diag_free(&d);
	assert_non_null(r);
	return r;
}

static points_t score_of(const struct scheme *s, const struct result *r, const char *code)
{
	return r->nodes[scheme_find(s, code)->index].score;
}

static void by_grade_exact_and_at_least(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(yaml);
	/* Five 一般 accidents without deaths (injuries 1 each) and one 较大
	 * (injuries 10, 较大 by 第三条): 1.1 5 × 5 = 25, capped at 20 → 20
	 * lost; 1.2 one 较大 × 10 = 10; 1.3 no deaths → 0; 1.4 no industry → 0.
	 * 事故控制 40 − (20 + 10) = 10; total 10 + 60 = 70. */
	struct accident a[] = {{.injuries = 1}, {.injuries = 1}, {.injuries = 1}, {.injuries = 1},
		{.injuries = 1}, {.injuries = 10}};
	struct result *r = score(s, a, 6);
	assert_int_equal(score_of(s, r, "1.1"), 0);
	assert_int_equal(score_of(s, r, "1.2"), POINTS(30));
	assert_int_equal(score_of(s, r, "1.3"), POINTS(10));
	assert_int_equal(score_of(s, r, "1"), POINTS(10));
	assert_int_equal(r->total, POINTS(70));
	const char *how = r->nodes[scheme_find(s, "1.1")->index].derivation;
	assert_non_null(strstr(how, "一般事故 5 起"));
	assert_non_null(strstr(how, "5 起 × 5 分 = 25 分，上限 20 分 → 扣 20 分"));
	result_free(r);
	/* An investigation's grade overrides the thresholds (graded): an
	 * occupational accident found 重大 counts under 较大及以上. */
	struct accident g[] = {{.injuries = 1, .graded = true, .grade = ACCIDENT_MAJOR}};
	r = score(s, g, 1);
	assert_int_equal(score_of(s, r, "1.1"), POINTS(20));
	assert_int_equal(score_of(s, r, "1.2"), POINTS(30));
	result_free(r);
	scheme_free(s);
}

static void deaths_in_one_accident_and_industry(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(yaml);
	/* One 一般 accident with 1 death in 煤矿 on 2017-03-05, one without
	 * deaths in 建筑: 1.1 2 × 5 = 10; 1.3 a death → 不得分, 10 lost;
	 * 1.4 the 煤矿 one → 3. 事故控制 40 − (10 + 10 + 3) = 17; total 77. */
	struct accident a[] = {{.deaths = 1, .date = "2017-03-05", .industry = "煤矿"},
		{.injuries = 2, .date = "2017-06-01", .industry = "建筑"}};
	struct result *r = score(s, a, 2);
	assert_int_equal(score_of(s, r, "1.1"), POINTS(10));
	assert_int_equal(score_of(s, r, "1.3"), 0);
	assert_int_equal(score_of(s, r, "1.4"), 0);
	assert_int_equal(r->nodes[scheme_find(s, "1.4")->index].deduction, POINTS(3));
	assert_int_equal(score_of(s, r, "1"), POINTS(17));
	assert_int_equal(r->total, POINTS(77));
	/* explain names the accidents counted: date, deaths, grade */
	const char *how = r->nodes[scheme_find(s, "1.3")->index].derivation;
	assert_non_null(strstr(how, "2017-03-05 煤矿 死亡 1 人（一般）"));
	assert_null(strstr(how, "2017-06-01"));
	assert_non_null(strstr(how, "本项不得分，扣 10 分"));
	how = r->nodes[scheme_find(s, "1.4")->index].derivation;
	assert_non_null(strstr(how, "煤矿、非煤矿山行业事故 1 起"));
	result_free(r);
	/* none counted: no deduction, said so */
	r = score(s, NULL, 0);
	assert_int_equal(r->total, POINTS(100));
	assert_non_null(strstr(r->nodes[scheme_find(s, "1.1")->index].derivation,
			       "事故登记中无一般事故 → 不扣分"));
	result_free(r);
	scheme_free(s);
}

static void finding_refused(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(yaml);
	/* the register is the only input: a count typed for 1.1 is refused */
	struct finding f[] = {f_count("1.1", 2)};
	struct unit_input in = {.findings = f, .nfindings = 1};
	struct diag d = {0};
	assert_null(score_unit(s, &in, &d));
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.msgs[0], "1.1（一般事故）由事故登记计算，不能录入"));
	diag_free(&d);
	scheme_free(s);
}

static void restated(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(yaml);
	char *t = rule_describe(scheme_find(s, "1.1"));
	assert_string_equal(t, "每发生1起一般事故扣5分，最高扣20分（由事故登记计算，不录入）");
	free(t);
	t = rule_describe(scheme_find(s, "1.3"));
	assert_string_equal(t, "发生死亡事故的，本项不得分（由事故登记计算，不录入）");
	free(t);
	t = rule_describe(scheme_find(s, "1.4"));
	assert_string_equal(t, "发生煤矿、非煤矿山行业事故的，扣3分（由事故登记计算，不录入）");
	free(t);
	/* the item's points come from the rule: 1.1 its cap, 1.2 (no cap) the
	 * category's 40, 1.4 its deduct */
	assert_int_equal(scheme_find(s, "1.1")->points, POINTS(20));
	assert_int_equal(scheme_find(s, "1.2")->points, POINTS(40));
	assert_int_equal(scheme_find(s, "1.4")->points, POINTS(3));
	scheme_free(s);
}

#define ITEM(rule) HEAD "children:\n- code: '1'\n  title: 甲\n  points: 100\n  score: deduct\n" \
	"  children:\n  - {code: '1.1', title: 事故, text: 事故扣分,\n     rule: " rule "}\n"

static void bad_keys(void **state)
{
	(void)state;
	char *e = parse_bad(ITEM("{type: accidents, accident_grade: 一般}"));
	assert_non_null(strstr(e, "bad.yaml:13: 节点 1.1 的规则须写 each（每起事故扣分）或 deduct"));
	free(e);
	e = parse_bad(ITEM("{type: accidents, accident_grade: 小, each: 5}"));
	assert_non_null(strstr(e, "bad.yaml:13: 事故等级须是 一般、较大、重大 或 特别重大（“小”）"));
	free(e);
	e = parse_bad(ITEM("{type: accidents, min_deaths: 0, each: 5}"));
	assert_non_null(strstr(e, "bad.yaml:13: “min_deaths”的值“0”必须是 1 到 100000 之间的整数"));
	free(e);
	e = parse_bad(ITEM("{type: accidents, each: 5, count: 3}"));
	assert_non_null(strstr(e, "bad.yaml:13: 节点 1.1 的规则中未知的键“count”"));
	free(e);
	e = parse_bad(ITEM("{type: accidents, deduct: 5, cap: 10}"));
	assert_non_null(strstr(e, "“cap”只与 each 一起使用"));
	free(e);
	e = parse_bad(ITEM("{type: accidents, each: 5, cap: 2}"));
	assert_non_null(strstr(e, "上限 cap 小于每起事故的分值 each"));
	free(e);
	/* deduct: all (本项不得分) needs the item's points written */
	e = parse_bad(ITEM("{type: accidents, deduct: all}"));
	assert_non_null(strstr(e, "bad.yaml:12: 1.1：deduct: all（本项不得分）须写明本项分值 points"));
	free(e);
	/* not on a sampled unit's sheet: accidents count against the county */
	e = parse_bad(HEAD "samples:\n- {kind: enterprise, min: 1, max: 2}\n"
		      "children:\n- code: '1'\n  title: 企业\n  points: 100\n  score: sheets\n"
		      "  sample: enterprise\n  children:\n"
		      "  - {code: '1.1', title: 事故, points: 100, text: 事故扣分,\n"
		      "     rule: {type: accidents, each: 5}}\n");
	assert_non_null(strstr(e, "1.1：抽查单位评分表（sheets）中的考核项不能由事故登记计算"));
	free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(by_grade_exact_and_at_least),
		cmocka_unit_test(deaths_in_one_accident_and_industry),
		cmocka_unit_test(finding_refused),
		cmocka_unit_test(restated),
		cmocka_unit_test(bad_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
