/* test_forms_overflow.c: 追加扣除 (issue 11, form 6) on the rules that take
 * several figures (forms 1–3): what a range, a set of clauses or a rate
 * gives beyond the item's points goes on into the part or the total, as
 * for `per`. Every number is worked by hand from the rubric row quoted. */
#include "testutil.h"

static struct finding f_fig(const char *code, const char *text)
{
	return (struct finding){.code = code, .form = INPUT_FIGURES, .figures = text};
}

/* 一、隐患排查（60分，扣完为止）
 *   1.1 隐患排查不到位的，每处扣0.5—2分，本项扣完后，从本部分中继续扣除。（5分）
 *   1.2 未建立隐患排查治理台账的，扣5分。
 * 二、基础管理（40分，扣完为止）
 *   2.1 未建立安全生产台账的不得分；台账不全的每缺一项扣1分；未及时更新的扣2分。
 *       （4分）超出部分从总分中扣除。
 *   2.2 培训覆盖率达到100%得满分，每降低1个百分点扣0.5分，本项扣完后从本部分中
 *       继续扣除。（5分） */
static const char *yaml =
	"scheme: t\ntitle: 测试\nunit: county\nyear: 2017\npoints: 100\nchildren:\n"
	"- code: '1'\n  title: 隐患排查\n  points: 60\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 隐患排查, points: 5, text: 每处扣0.5—2分，本项扣完后从本部分中继续扣除,\n"
	"     rule: {type: range, from: 0.5, to: 2, unit: 处}, overflow: part}\n"
	"  - {code: '1.2', title: 台账, text: 未建立隐患排查治理台账的，扣5分, rule: {type: fixed, deduct: 5}}\n"
	"- code: '2'\n  title: 基础管理\n  points: 40\n  score: deduct\n  children:\n"
	"  - code: '2.1'\n    title: 安全生产台账\n    points: 4\n"
	"    text: 未建立安全生产台账的不得分；台账不全的每缺一项扣1分；未及时更新的扣2分。超出部分从总分中扣除\n"
	"    overflow: total\n"
	"    rule:\n      type: clauses\n      clauses:\n"
	"      - {type: zero, text: 未建立台账}\n"
	"      - {type: per, each: 1, unit: 项, text: 台账不全}\n"
	"      - {type: fixed, deduct: 2, text: 未及时更新}\n"
	"  - {code: '2.2', title: 培训, points: 5, text: 培训覆盖率达到100%得满分，每降低1个百分点扣0.5分,\n"
	"     rule: {type: rate, name: 培训覆盖率, each: 0.5}, overflow: part}\n";

static void range_overflow_to_the_part(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(yaml);
	/* 三处: 2 + 2 + 1.5 = 5.5 > 5: the item loses its 5 and 0.5 more comes
	 * off part 1: 60 − 5 − 0.5 = 54.5; part 2 untouched 40; 94.5. */
	struct finding f[] = {f_fig("1.1", "2;2;1.5")};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(5));
	assert_int_equal(r->nodes[scheme_find(s, "1.1")->index].overflow, 50);
	assert_int_equal(node_score(r, "1"), 5450);
	assert_int_equal(r->total, 9450);
	assert_contains(node_derivation(r, "1.1"), "超出本项 0.5 分");
	result_free(r);
	/* 2 + 2 = 4 ≤ 5: nothing carried over: 60 − 4 = 56; 96. */
	struct finding g[] = {f_fig("1.1", "2;2")};
	r = score_ok(s, g, 1);
	assert_int_equal(r->nodes[scheme_find(s, "1.1")->index].overflow, 0);
	assert_int_equal(node_score(r, "1"), POINTS(56));
	assert_int_equal(r->total, POINTS(96));
	result_free(r);
	scheme_free(s);
}

static void clauses_overflow_to_the_total(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(yaml);
	/* 台账不全缺 3 项 (3 × 1 = 3) and 未及时更新 (2): 0 + 3 + 2 = 5 > 4: the
	 * item loses its 4 and 1 more comes off the total. Part 2 = 40 − 4 = 36;
	 * total 60 + 36 − 1 = 95. */
	struct finding f[] = {f_fig("2.1", "0;3;1")};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "2.1"), POINTS(4));
	assert_int_equal(node_score(r, "2"), POINTS(36));
	assert_int_equal(r->total, POINTS(95));
	assert_contains(node_derivation(r, "2.1"), "超出本项 1 分");
	result_free(r);
	/* 未建立台账 (不得分: the item's 4 points) alone: 4, nothing beyond;
	 * total 60 + 36 = 96. */
	struct finding g[] = {f_fig("2.1", "1;0;0")};
	r = score_ok(s, g, 1);
	assert_int_equal(node_deduction(r, "2.1"), POINTS(4));
	assert_int_equal(r->total, POINTS(96));
	result_free(r);
	scheme_free(s);
}

static void rate_overflow_to_the_part(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(yaml);
	/* 培训覆盖率 80/100 = 80%: 20 个百分点 × 0.5 = 10 > 5: the item loses 5
	 * and 5 more come off part 2: 40 − 5 − 5 = 30; total 60 + 30 = 90. */
	struct finding f[] = {f_fig("2.2", "80/100")};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "2.2"), POINTS(5));
	assert_int_equal(node_score(r, "2"), POINTS(30));
	assert_int_equal(r->total, POINTS(90));
	result_free(r);
	scheme_free(s);
}

static void trend_cannot_overflow(void **state)
{
	(void)state;
	/* 较上年下降的得满分，持平的扣一半，上升的不得分: never more than the
	 * item's points, so there is nothing to carry over. */
	char *e = parse_bad(
		"scheme: t\ntitle: 测试\nunit: county\nyear: 2017\npoints: 10\nchildren:\n"
		"- code: '1'\n  title: 事故\n  points: 10\n  score: deduct\n  children:\n"
		"  - {code: '1.1', title: 事故起数, points: 10, text: 较上年下降的得满分，持平的扣一半，上升的不得分,\n"
		"     rule: {type: trend, name: 事故起数, same: 5, up: 10}, overflow: total}\n");
	assert_contains(e, "1.1：trend 类规则的扣分不会超出本项分值");
	free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(range_overflow_to_the_part),
		cmocka_unit_test(clauses_overflow_to_the_total),
		cmocka_unit_test(rate_overflow_to_the_part),
		cmocka_unit_test(trend_cannot_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
