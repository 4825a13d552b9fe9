/* test_item_reach.c: scheme check says when a rule can take more than its
 * item's points (issue 6, point 10: "an item's points bound what it can
 * lose ... have scheme check say when a rule can exceed its item"), for
 * every rule form, not only `per`; and says nothing where the rule's own
 * words keep it within the item. Amounts are hundredths: POINTS(3). */
#include "testutil.h"

static const char *head =
	"scheme: reach\ntitle: 示例\nunit: county\nyear: 2018\npoints: 100\n"
	"children:\n- code: '1'\n  title: 甲\n  points: 100\n  score: deduct\n  children:\n";

static struct scheme *with_items(const char *items)
{
	size_t n = strlen(head) + strlen(items) + 1;
	char *yaml = malloc(n);
	assert_non_null(yaml);
	snprintf(yaml, n, "%s%s", head, items);
	struct scheme *s = parse_ok(yaml);
	free(yaml);
	return s;
}

static bool warned(const struct scheme *s, const char *text)
{
	for (int i = 0; i < s->warnings.n; i++)
		if (strstr(s->warnings.msgs[i], text))
			return true;
	return false;
}

/* Each of these 3-point items states no limit of its own, so a finding can
 * exceed 3: "每超1人扣2分" (10 against 3: 7 × 2 = 14), "每处扣1-2分"
 * (any number of occurrences), "每降低1个百分点扣1分" (down to 0%: 100 × 1
 * = 100), "每发生1起一般事故扣2分" (any number of accidents), and clauses
 * whose first clause "每缺一项扣2分" has no limit. */
static void unbounded_forms_are_noted(void **state)
{
	(void)state;
	struct scheme *s = with_items(
		"  - {code: '1.1', title: a, points: 3, text: 每超1人扣2分, rule: {type: target, each: 2}}\n"
		"  - {code: '1.2', title: b, points: 3, text: 每处扣1-2分, rule: {type: range, from: 1, to: 2}}\n"
		"  - {code: '1.3', title: c, points: 3, text: 每降低1个百分点扣1分, rule: {type: rate, each: 1}}\n"
		"  - {code: '1.4', title: d, points: 3, text: 每发生1起一般事故扣2分,"
		" rule: {type: accidents, accident_grade: 一般, each: 2}}\n"
		"  - {code: '1.5', title: e, points: 3, text: 每缺一项扣2分；未更新的扣2分,"
		" rule: {type: clauses, clauses: [{type: per, each: 2}, {type: fixed, deduct: 2}]}}\n");
	assert_int_equal(s->warnings.n, 5);
	assert_true(warned(s, "1.1 的规则未写上限，可扣的分数能超过本项分值，按本项分值 3 分为限"));
	assert_true(warned(s, "1.2 的规则未写上限"));
	assert_true(warned(s, "1.3 的规则未写上限"));
	assert_true(warned(s, "1.4 的规则未写上限"));
	assert_true(warned(s, "1.5 的规则未写上限"));
	/* And the engine bounds it: 1.1 with 10 against 3 takes 14, at most 3. */
	struct finding f[] = {{.code = "1.1", .form = INPUT_FIGURES, .figures = "10;3"}};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(3));
	result_free(r);
	scheme_free(s);
}

/* Where the rule's own words keep it within the item, nothing is said:
 * "视情况扣1-2分" once (max_count 1: at most 2 ≤ 3); "年度不得少于1次，每少1次
 * 扣2分" (max_count 1: at most 2 ≤ 3); clauses "未建立的不得分；未更新的扣2分"
 * (不得分 is the item's points; the other clause at most 2); a judged
 * deduction (at most the item's points by definition); a per rule with its
 * own cap equal to the item's points. */
static void bounded_forms_are_quiet(void **state)
{
	(void)state;
	struct scheme *s = with_items(
		"  - {code: '1.1', title: a, points: 3, text: 视情况扣1-2分,"
		" rule: {type: range, from: 1, to: 2, max_count: 1}}\n"
		"  - {code: '1.2', title: b, points: 3, text: 年度不得少于1次，每少1次扣2分,"
		" rule: {type: per, each: 2, max_count: 1}}\n"
		"  - {code: '1.3', title: c, points: 3, text: 未建立的不得分；未更新的扣2分,"
		" rule: {type: clauses, clauses: [{type: zero}, {type: fixed, deduct: 2}]}}\n"
		"  - {code: '1.4', title: d, points: 3, text: 酌情扣分, rule: {type: judged}}\n"
		"  - {code: '1.5', title: e, points: 3, text: 每次扣1分，最高扣3分, rule: {type: per, each: 1, cap: 3}}\n");
	for (int i = 0; i < s->warnings.n; i++)
		fprintf(stderr, "%s\n", s->warnings.msgs[i]);
	assert_int_equal(s->warnings.n, 0);
	scheme_free(s);
}

/* The built-in 2016 schemes state every limit the plan states: no notes. */
static void builtin_schemes_are_quiet(void **state)
{
	(void)state;
	const char *names[] = {"qhd-2016-county", "qhd-2016-department"};
	for (int i = 0; i < 2; i++) {
		struct scheme *s = builtin(names[i]);
		assert_int_equal(s->warnings.n, 0);
		scheme_free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unbounded_forms_are_noted),
		cmocka_unit_test(bounded_forms_are_quiet),
		cmocka_unit_test(builtin_schemes_are_quiet),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
