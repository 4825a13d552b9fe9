/* test_forms_periods.c: rule form 8 of issue 11, periods: quarterly or
 * monthly assessments rolled up into the year (mean or sum as the scheme
 * says), a veto in any period applying to the year. Every number is
 * worked by hand from the rubric rows quoted above each scheme. */
#include "testutil.h"
#include "period.h"

/* 实行季度考核，年度得分为四个季度得分的平均值。
 *   1.1 隐患排查治理不到位的，每处扣0.5分，最高扣10分。
 *   1.2 未按时报送季度统计报表的，每次扣1分，最高扣5分。
 *   1.3 季度工作总结质量不高的，视情况扣0—3分。
 * 季度考核中发生较大事故的，年度考核不得评为优秀。 */
static const char *quarter_yaml =
	"scheme: q\ntitle: 季度考核\nunit: county\nyear: 2017\npoints: 100\n"
	"periods: {by: quarter, rollup: mean}\n"
	"children:\n"
	"- code: '1'\n  title: 日常安全管理\n  points: 100\n  score: deduct\n  children:\n"
	"  - code: '1.1'\n    title: 隐患排查\n    text: 隐患排查治理不到位的，每处扣0.5分，最高扣10分。\n"
	"    rule: {type: per, each: 0.5, cap: 10, unit: 处}\n"
	"  - code: '1.2'\n    title: 统计报表\n    text: 未按时报送季度统计报表的，每次扣1分，最高扣5分。\n"
	"    rule: {type: per, each: 1, cap: 5}\n"
	"  - code: '1.3'\n    title: 工作总结\n    text: 季度工作总结质量不高的，视情况扣0—3分。\n"
	"    rule: {type: judged, max: 3}\n"
	"vetoes:\n"
	"- code: E1\n  title: 季度考核中发生较大事故\n  when: {accidents: 1, min_accident_grade: 较大}\n"
	"  effect: at-most\n  grade: 良好\n"
	"- code: E2\n  title: 发生2起以上（含2起）一般事故\n  when: {accidents: 2, accident_grade: 一般}\n"
	"  effect: at-most\n  grade: 良好\n";

static struct finding in_period(struct finding f, int p)
{
	f.period = p;
	return f;
}

static struct result *score_in(const struct scheme *s, const struct finding *f, int n,
			       const struct accident *a, int na)
{
	struct unit_input in = {.findings = f, .nfindings = n, .accidents = a, .naccidents = na};
	struct diag d = {0};
	struct result *r = score_unit(s, &in, &d);
	for (int i = 0; i < d.n; i++)
		fprintf(stderr, "%s\n", d.msgs[i]);
	diag_free(&d);
	assert_non_null(r);
	return r;
}

static void quarterly_mean_rounds_once(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(quarter_yaml);
	assert_int_equal(s->periods.kind, PERIOD_QUARTER);
	assert_int_equal(s->periods.n, 4);
	/* Q1: 1 处 × 0.5 = 0.5 → 99.5.  Q2: 1 次 × 1 = 1 → 99.
	 * Q3: 1 处 → 99.5.  Q4: 视情况扣 0.33 → 99.67.
	 * Year: (99.5 + 99 + 99.5 + 99.67) ÷ 4 = 397.67 ÷ 4 = 99.4175
	 * → rounded half up once: 99.42.
	 * 1.1 by itself (its points are its cap, 10): Q1 9.5, Q2 10, Q3 9.5,
	 * Q4 10 → 39 ÷ 4 = 9.75. */
	struct finding f[] = {
		in_period(f_count("1.1", 1), 1),
		in_period(f_count("1.2", 1), 2),
		in_period(f_count("1.1", 1), 3),
		in_period(f_deduct("1.3", 33), 4),
	};
	struct result *r = score_in(s, f, 4, NULL, 0);
	assert_int_equal(r->nperiods, 4);
	assert_int_equal(r->periods[0].r->total, POINTS(99) + 50);
	assert_int_equal(r->periods[3].r->total, POINTS(99) + 67);
	assert_int_equal(r->total, POINTS(99) + 42);
	assert_false(r->incomplete);
	assert_int_equal(node_score(r, "1.1"), POINTS(9) + 75);
	assert_contains(r->nodes[0].derivation, "全年平均（99.5 + 99 + 99.5 + 99.67）÷ 4 = 99.42 分");
	assert_contains(node_derivation(r, "1.1"), "第1季度 9.5 分");
	/* The quarter's own derivation is that of a unit sheet. */
	assert_contains(r->periods[0].r->nodes[scheme_find(s, "1.1")->index].derivation,
			"1 处 × 0.5 分 = 0.5 分");
	/* 99.42 ≥ 90 (default 90% of 100): 优秀, no veto. */
	assert_int_equal(r->proposed, GRADE_EXCELLENT);
	result_free(r);
	scheme_free(s);
}

static void larger_accident_in_one_quarter_caps_the_year(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(quarter_yaml);
	/* No deduction in any quarter: 100 each, year 100 (优秀 by score).
	 * One accident on 2017-05-12 with 3 deaths: 较大 (3 ≤ d < 10), in the
	 * second quarter (April–June) → E1: at most 良好, the derivation
	 * naming 第2季度. */
	struct finding f[] = {
		in_period(f_count("1.1", 0), 1), in_period(f_count("1.1", 0), 2),
		in_period(f_count("1.1", 0), 3), in_period(f_count("1.1", 0), 4),
	};
	struct accident a[] = {{.deaths = 3, .month = 5}};
	struct result *r = score_in(s, f, 4, a, 1);
	assert_int_equal(r->total, POINTS(100));
	assert_int_equal(r->by_score, GRADE_EXCELLENT);
	assert_int_equal(r->nvetoes, 1);
	assert_string_equal(r->vetoes[0].rule->code, "E1");
	assert_contains(r->vetoes[0].detail, "第2季度");
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	/* Two 一般 accidents, in February (Q1) and August (Q3): no quarter
	 * has two, but the year does (E2 counts the year) → 良好, said to be
	 * the year's count. */
	struct accident b[] = {{.deaths = 1, .month = 2}, {.deaths = 1, .month = 8}};
	r = score_in(s, f, 4, b, 2);
	assert_int_equal(r->nvetoes, 1);
	assert_string_equal(r->vetoes[0].rule->code, "E2");
	assert_contains(r->vetoes[0].detail, "全年累计");
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	scheme_free(s);
}

static void quarter_with_nothing_is_not_assessed(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(quarter_yaml);
	/* Q3 has no finding at all: it is not yet assessed, so the year is
	 * incomplete and no grade is proposed; the provisional total counts
	 * Q3 as 0: (100 + 100 + 0 + 98) ÷ 4 = 74.5.  (Q4: 2 次 × 1 = 2.) */
	struct finding f[] = {
		in_period(f_count("1.1", 0), 1), in_period(f_count("1.1", 0), 2),
		in_period(f_count("1.2", 2), 4),
	};
	struct result *r = score_in(s, f, 3, NULL, 0);
	assert_true(r->incomplete);
	assert_int_equal(r->total, POINTS(74) + 50);
	assert_int_equal(r->proposed, GRADE_NONE);
	assert_int_equal(r->nmissing, 1);
	assert_string_equal(r->missing[0], "第3季度：未录入任何评分");
	assert_contains(r->nodes[0].derivation, "第3季度 未录入（暂计 0 分）");
	result_free(r);
	scheme_free(s);
}

/* 每月考核一次，全年12次考核得分累计，满分1200分。
 *   1.1 检查发现隐患未整改的，每处扣0.5分，最高扣10分。 */
static const char *month_yaml =
	"scheme: m\ntitle: 月度考核\nunit: county\nyear: 2017\npoints: 100\n"
	"periods:\n  by: month\n  rollup: sum\n"
	"children:\n"
	"- code: '1'\n  title: 隐患整改\n  points: 100\n  score: deduct\n  children:\n"
	"  - code: '1.1'\n    title: 隐患整改\n    text: 检查发现隐患未整改的，每处扣0.5分，最高扣10分。\n"
	"    rule: {type: per, each: 0.5, cap: 10, unit: 处}\n";

static void monthly_sum(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(month_yaml);
	/* Year's full marks: 100 × 12 = 1200.  March: 2 处 × 0.5 = 1 → 99;
	 * July: 4 处 × 0.5 = 2 → 98; the other ten months nothing found,
	 * 100 each: 1000 + 99 + 98 = 1197.  Default grades: 90% of 1200 =
	 * 1080 → 优秀. */
	assert_int_equal(scheme_year_points(s), POINTS(1200));
	struct finding f[12];
	for (int m = 1; m <= 12; m++)
		f[m - 1] = in_period(f_count("1.1", m == 3 ? 2 : m == 7 ? 4 : 0), m);
	struct result *r = score_in(s, f, 12, NULL, 0);
	assert_int_equal(r->total, POINTS(1197));
	assert_int_equal(node_score(r, "1.1"), POINTS(117));   /* 10 × 10 + 9 + 8 */
	assert_contains(r->nodes[0].derivation, "满分 1200 分");
	assert_contains(r->nodes[0].derivation, "3月 99 分");
	assert_int_equal(s->grades[GRADE_EXCELLENT].min, POINTS(1080));
	assert_int_equal(r->proposed, GRADE_EXCELLENT);
	result_free(r);
	scheme_free(s);
}

static void only_some_quarters(void **state)
{
	(void)state;
	/* 考核自第二季度起实施，年度得分为第二至第四季度得分的平均值。
	 * Q2 99.5 (1 处), Q3 100, Q4 99 (2 处): 298.5 ÷ 3 = 99.5. */
	const char *yaml =
		"scheme: q\ntitle: 季度考核\nunit: county\nyear: 2017\npoints: 100\n"
		"periods: {by: quarter, rollup: mean, only: [2, 3, 4]}\n"
		"children:\n"
		"- code: '1'\n  title: 隐患排查\n  points: 10\n  text: 每处扣0.5分，最高扣10分。\n"
		"  rule: {type: per, each: 0.5, cap: 10, unit: 处}\n"
		"- code: '2'\n  title: 其他\n  points: 90\n  text: 视情况扣分。\n"
		"  rule: {type: judged, max: 90}\n";
	struct scheme *s = parse_ok(yaml);
	assert_int_equal(s->periods.n, 3);
	assert_false(s->periods.used[1]);
	struct finding f[] = {in_period(f_count("1", 1), 2), in_period(f_count("1", 0), 3),
			      in_period(f_count("1", 2), 4)};
	struct result *r = score_in(s, f, 3, NULL, 0);
	assert_int_equal(r->total, POINTS(99) + 50);
	result_free(r);
	/* A finding for the first quarter, which the scheme does not assess,
	 * and one naming no period, are refused by the engine. */
	struct finding g[] = {in_period(f_count("1", 1), 1), f_count("1", 1)};
	struct unit_input in = {.findings = g, .nfindings = 2};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1：方案不考核第1季度");
	assert_contains(msg, "1：本方案按季度考核，须注明所属季度");
	free(msg);
	scheme_free(s);
}

static void year_only_schemes_refuse_periods(void **state)
{
	(void)state;
	/* The 2016 county scheme has no periods: its full marks stay the
	 * root's, and a finding naming a quarter is refused. */
	struct scheme *s = builtin("qhd-2016-county");
	assert_int_equal(s->periods.kind, PERIOD_NONE);
	assert_int_equal(scheme_year_points(s), s->root->points);
	struct finding g[] = {in_period(f_count("2.1.1.4", 1), 2)};
	struct unit_input in = {.findings = g, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "2.1.1.4：本方案按年度考核，不分季度或月份");
	free(msg);
	scheme_free(s);
}

static void reading_a_period(void **state)
{
	(void)state;
	struct scheme *q = parse_ok(quarter_yaml), *m = parse_ok(month_yaml);
	struct scheme *y = builtin("qhd-2016-county");
	struct buf why = {0};
	int p;
	static const struct { const char *text; int p; } quarters[] = {{"2", 2}, {"Q2", 2},
		{"q4", 4}, {"第3季度", 3}, {"第二季度", 2}, {"一季度", 1}};
	for (size_t i = 0; i < sizeof quarters / sizeof *quarters; i++) {
		assert_int_equal(period_parse(&q->periods, 2017, quarters[i].text, &p, &why), 0);
		assert_int_equal(p, quarters[i].p);
	}
	static const struct { const char *text; int p; } months[] = {{"3", 3}, {"M12", 12},
		{"3月", 3}, {"2017-03", 3}};
	for (size_t i = 0; i < sizeof months / sizeof *months; i++) {
		assert_int_equal(period_parse(&m->periods, 2017, months[i].text, &p, &why), 0);
		assert_int_equal(p, months[i].p);
	}
	static const char *const bad_q[] = {"5", "Q0", "Q", "2017-03", "第五季度", "2x", ""};
	for (size_t i = 0; i < sizeof bad_q / sizeof *bad_q; i++) {
		buf_reset(&why);
		assert_int_equal(period_parse(&q->periods, 2017, bad_q[i], &p, &why), -1);
	}
	buf_reset(&why);
	assert_int_equal(period_parse(&q->periods, 2017, "5", &p, &why), -1);
	assert_contains(buf_str(&why), "期间“5”不是有效的季度");
	buf_reset(&why);
	assert_int_equal(period_parse(&m->periods, 2017, "2016-03", &p, &why), -1);
	assert_contains(buf_str(&why), "不在 2017 年");
	buf_reset(&why);
	assert_int_equal(period_parse(&m->periods, 2017, "13", &p, &why), -1);
	buf_reset(&why);
	assert_int_equal(period_parse(&q->periods, 2017, NULL, &p, &why), -1);
	assert_contains(buf_str(&why), "须注明所属季度");
	buf_reset(&why);
	assert_int_equal(period_parse(&y->periods, 2016, "Q2", &p, &why), -1);
	assert_contains(buf_str(&why), "不能注明期间“Q2”");
	buf_reset(&why);
	assert_int_equal(period_parse(&y->periods, 2016, NULL, &p, &why), 0);
	assert_int_equal(p, 0);
	buf_free(&why);
	scheme_free(q);
	scheme_free(m);
	scheme_free(y);
}

static void bad_period_keys(void **state)
{
	(void)state;
	const char *head = "scheme: q\ntitle: 季度考核\nunit: county\nyear: 2017\npoints: 10\n";
	const char *tail = "children:\n- code: '1'\n  title: 一\n  points: 10\n"
			   "  rule: {type: judged, max: 10}\n";
	static const char *const cases[][2] = {
		{"periods: {by: week, rollup: mean}\n", "bad.yaml:6: “by”的值“week”未知"},
		{"periods: {by: quarter, rollup: median}\n", "bad.yaml:6: “rollup”的值“median”未知"},
		{"periods: {by: quarter}\n", "bad.yaml:6: 考核期间 periods 缺少“rollup”"},
		{"periods:\n  by: quarter\n  rollup: sum\n  only: [1, 5]\n", "bad.yaml:9: 期间编号“5”须是 1 到 4 的整数"},
		{"periods:\n  by: month\n  rollup: sum\n  only: [3, 3]\n", "bad.yaml:9: 期间 3 重复"},
		{"periods: {by: month, rollup: sum, every: 2}\n", "bad.yaml:6:"},
		{"periods: quarter\n", "bad.yaml:6: “periods”必须是映射"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf y = {0};
		buf_printf(&y, "%s%s%s", head, cases[i][0], tail);
		char *msg = parse_bad(buf_str(&y));
		assert_contains(msg, cases[i][1]);
		free(msg);
		buf_free(&y);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quarterly_mean_rounds_once),
		cmocka_unit_test(larger_accident_in_one_quarter_caps_the_year),
		cmocka_unit_test(quarter_with_nothing_is_not_assessed),
		cmocka_unit_test(monthly_sum),
		cmocka_unit_test(only_some_quarters),
		cmocka_unit_test(year_only_schemes_refuse_periods),
		cmocka_unit_test(reading_a_period),
		cmocka_unit_test(bad_period_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
