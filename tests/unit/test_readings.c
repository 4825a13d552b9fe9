/* test_readings.c: the plan read as written (issue 6). Each test quotes the
 * rubric sentence it holds the engine to and works the expected number out
 * by hand in the comment above the assertion. Amounts are hundredths:
 * POINTS(10) == 10 points. */
#include "testutil.h"
#include "bounds.h"

static const struct node *node_of(const struct scheme *s, const char *code)
{
	const struct node *n = scheme_find(s, code);
	if (!n)
		fail_msg("no node %s", code);
	return n;
}

static struct result *score_in(const struct scheme *s, const struct unit_input *in)
{
	struct diag d = {0};
	struct result *r = score_unit(s, in, &d);
	for (int i = 0; i < d.n; i++)
		fprintf(stderr, "%s\n", d.msgs[i]);
	diag_free(&d);
	assert_non_null(r);
	return r;
}

/* 1. 1.1.8 "抽查的县乡每有一地未落实，扣4分。最高可扣16分": the cap needs four
 * places, a county has at most three examined (itself and two sampled
 * towns). The team's count is taken; the cap bounds it; a count above the
 * places examined is a warning, not a refusal. */
static void places_beyond_sampled_towns_are_warned(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("1.1.8", 4), f_count("2.1.1.2.1", 4)};
	struct unit_input in = {.unit = "昌黎县", .places = 3, .findings = f, .nfindings = 2};
	struct result *r = score_in(s, &in);
	/* 4 地 × 4 分 = 16, at the cap of 16 */
	assert_int_equal(node_deduction(r, "1.1.8"), POINTS(16));
	/* 2.1.1.2.1 "与下一级政府及本级有关部门签订…责任书。未落实的，每有一地扣1分。
	 * 最高扣4分": places are the lower-level governments and departments
	 * (the county's own file), not the sampled towns: 4 × 1 = 4, no warning. */
	assert_int_equal(node_deduction(r, "2.1.1.2.1"), POINTS(4));
	assert_null(r->nodes[node_of(s, "2.1.1.2.1")->index].warning);
	const char *w = r->nodes[node_of(s, "1.1.8")->index].warning;
	assert_contains(w, "1.1.8 录入 4 地，多于已检查的 3 地（本级和 2 个抽查乡镇）");
	assert_int_equal(r->nwarnings, 1);
	result_free(r);
	/* Within the places examined: no warning. 2 × 4 = 8. */
	struct finding g[] = {f_count("1.1.8", 2)};
	in = (struct unit_input){.unit = "昌黎县", .places = 3, .findings = g, .nfindings = 1};
	r = score_in(s, &in);
	assert_int_equal(node_deduction(r, "1.1.8"), POINTS(8));
	assert_int_equal(r->nwarnings, 0);
	result_free(r);
	scheme_free(s);
}

/* 2. 附件3 部门工作 2.2.1.4 "部门领导班子和班子成员…进行述职。未组织落实的，扣2分，
 * 最高扣10分": 2 for each 班子 or 班子成员 that did not report, up to 10 (as
 * 2.1.1.5 spells out for the government). */
static void single_clause_with_larger_cap_counts(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	assert_int_equal(node_of(s, "2.2.1.4")->rule.type, RULE_PER);
	struct finding a[] = {f_count("2.2.1.4", 3)};
	struct finding b[] = {f_count("2.2.1.4", 7)};
	struct sheet_input sh[] = {{"2.2", "甲县交通局", a, 1}, {"2.2", "甲县教育局", b, 1}};
	struct unit_input in = {.sheets = sh, .nsheets = 2};
	struct result *r = score_in(s, &in);
	const struct node_result *nr = &r->nodes[node_of(s, "2.2")->index];
	/* 交通局: 3 × 2 = 6 → 2.2.1 40 − 6 = 34, sheet 94.
	 * 教育局: 7 × 2 = 14, capped 10 → 2.2.1 30, sheet 90. Mean 92. */
	assert_int_equal(nr->sheets[0].nodes[node_of(s, "2.2.1")->index].score, POINTS(34));
	assert_int_equal(nr->sheets[1].nodes[node_of(s, "2.2.1")->index].score, POINTS(30));
	assert_int_equal(nr->score, POINTS(92));
	result_free(r);
	scheme_free(s);
	/* The shape itself is refused as a condition: it would never reach
	 * its cap. */
	char *msg = parse_bad("scheme: t\ntitle: x\nunit: county\nyear: 2016\npoints: 10\n"
			      "children:\n- code: '1'\n  title: a\n  points: 10\n  score: deduct\n  children:\n"
			      "  - {code: '1.1', title: b, text: 未组织落实的，扣2分，最高扣10分。,"
			      " rule: {type: conditions, cap: 10, conditions: [{text: 未组织落实的, deduct: 2}]}}\n");
	assert_contains(msg, "1.1 只有一个情形（扣 2 分），上限却是 10 分");
	assert_contains(msg, "请写成 per（each: 2, cap: 10）");
	free(msg);
}

/* 5. 六: "受到'一票否决'的单位即为…不合格单位": a unit with a one-vote veto is
 * proposed 不合格 even when a score (行政执法 here) is still missing. */
static void one_vote_veto_decides_incomplete(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	/* 3 deaths: 较大 (国务院令第493号: 3 ≤ d < 10). */
	struct accident acc[] = {{.deaths = 3}};
	struct unit_input in = {.accidents = acc, .naccidents = 1};
	struct result *r = score_in(s, &in);
	assert_true(r->incomplete);
	assert_int_equal(r->proposed, GRADE_FAIL);
	result_free(r);
	/* An excellence veto alone does not decide a grade: still none. */
	struct accident two[] = {{.deaths = 1}, {.deaths = 1}};
	in = (struct unit_input){.accidents = two, .naccidents = 2};
	r = score_in(s, &in);
	assert_true(r->incomplete);
	assert_int_equal(r->proposed, GRADE_NONE);
	result_free(r);
	scheme_free(s);
}

/* 6. 一票否决: "发生较大以上安全生产（含职业病危害）事故": an occupational-disease
 * hazard accident graded 较大 by its investigation vetoes, though no death,
 * injury or loss reaches 493's thresholds. */
static void occupational_accident_vetoes_by_its_grade(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct accident acc[] = {{.injuries = 4, .graded = true, .grade = ACCIDENT_LARGER}};
	assert_int_equal(accident_grade_of(&acc[0]), ACCIDENT_LARGER);
	struct unit_input in = {.accidents = acc, .naccidents = 1};
	struct result *r = score_in(s, &in);
	assert_int_equal(r->nvetoes, 1);
	assert_string_equal(r->vetoes[0].rule->code, "V1");
	result_free(r);
	scheme_free(s);
}

/* 7. Minimums are computed, not written: 1.1 "满分100分" has nine items;
 * with 每有一地 over the county and at most 2 sampled towns (3 places):
 * 1.1.1 10 + 1.1.2 3×2=6 + 1.1.3 10 + 1.1.4 10 + 1.1.5 10 + 1.1.6 5 +
 * 1.1.7 10 + 1.1.8 3×4=12 + 1.1.9 9 = 82, so the least is 100 − 82 = 18.
 * Point 1 accepts more places than were examined (with a warning): then
 * only the caps bound them, 1.1.2 "最高扣10分" and 1.1.8 "最高可扣16分":
 * 82 − 6 − 12 + 10 + 16 = 90, least 10 (the old note's figure).
 * 2.3.1 (30, reconstructed): 2.3.1.1 two conditions of 2 (cap 6 cannot be
 * reached: 4) + 2.3.1.2 15 = 19, least 11. 附件4 1.4.7 "年度不得少于1次。
 * 每少组织开展1次，扣2分": at most 1 missed, 2 points. */
static void minimums_are_derived(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct node_bounds *b = xcalloc((size_t)s->nnodes, sizeof *b);
	scheme_bounds(s, b);
	assert_int_equal(b[node_of(s, "1.1")->index].min_score, POINTS(18));
	assert_int_equal(b[node_of(s, "1.1.8")->index].max_deduction, POINTS(12));
	assert_true(b[node_of(s, "1.1.8")->index].by_places);
	assert_int_equal(b[node_of(s, "1.1")->index].min_score_any, POINTS(10));
	assert_int_equal(b[node_of(s, "1.1.8")->index].max_deduction_any, POINTS(16));
	assert_int_equal(b[node_of(s, "2.3.1")->index].min_score_any, POINTS(11));
	assert_int_equal(b[node_of(s, "2.3.1")->index].min_score, POINTS(11));
	assert_int_equal(b[node_of(s, "2.3.1.1")->index].max_deduction, POINTS(4));
	free(b);
	scheme_free(s);
	s = builtin("qhd-2016-department");
	b = xcalloc((size_t)s->nnodes, sizeof *b);
	scheme_bounds(s, b);
	assert_int_equal(b[node_of(s, "1.4.7")->index].max_deduction, POINTS(2));
	free(b);
	struct finding f[] = {f_count("1.4.7", 2)};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.4.7 的次数 2 超出范围：原文规定的次数最多 1 次");
	free(msg);
	scheme_free(s);
}

/* 8. "海港区煤矿考核同非煤矿山相加取平均值": only 海港区 has a coal-mine score. */
static void coal_mines_only_for_haigang(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_score("4.1.1", POINTS(90)), f_score("4.1.2", POINTS(70))};
	struct unit_input in = {.unit = "昌黎县", .findings = f, .nfindings = 2};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "4.1.2（煤矿）只适用于海港区，不适用于昌黎县");
	free(msg);
	/* 海港区: (90 + 70) ÷ 2 = 80 of 100, × 10 ÷ 100 = 8. */
	in.unit = "海港区";
	struct result *r = score_in(s, &in);
	assert_int_equal(node_score(r, "4.1"), POINTS(8));
	result_free(r);
	scheme_free(s);
}

/* A small custom scheme (9–12): 20 points, no grades section. */
static const char *custom_yaml =
	"scheme: city-2018\ntitle: 某市（示例）\nunit: county\nyear: 2018\npoints: 20\n"
	"children:\n"
	"- code: '9'\n  title: 基础工作\n  points: 10\n  score: deduct\n  children:\n"
	"  - {code: '9.1', title: 台账, points: 3, text: 台账每缺一项扣2分。, rule: {type: per, each: 2}}\n"
	"  - {code: '9.2', title: 检查, points: 7, text: 每少检查1次扣1分，最高扣7分。,"
	" rule: {type: per, each: 1, cap: 7}}\n"
	"- code: '10'\n  title: 宣传\n  points: 10\n  score: deduct\n  children:\n"
	"  - {code: '10.1', title: 宣传月, text: 未开展的扣10分。, rule: {type: fixed, deduct: 10}}\n";

/* 10. An item's points bound what it can lose: 9.1 "台账每缺一项扣2分" on a
 * 3-point item: 5 missing → 10, bounded by the item's 3 points; 基础工作
 * 10 − 3 = 7. scheme check says so. */
static void item_points_bound_the_loss(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(custom_yaml);
	assert_int_equal(s->warnings.n, 1);
	assert_contains(s->warnings.msgs[0], "9.1 的规则每次扣 2 分未写上限，按本项分值 3 分为限");
	struct finding f[] = {f_count("9.1", 5)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "9.1"), POINTS(3));
	assert_int_equal(node_score(r, "9"), POINTS(7));
	assert_contains(node_derivation(r, "9.1"), "5 次 × 2 分 = 10 分，以本项分值 3 分为限 → 扣 3 分");
	result_free(r);
	scheme_free(s);
}

/* 11. 追加扣除 under a sum group has nothing to take from: refused. */
static void extra_needs_a_deduct_group(void **state)
{
	(void)state;
	char *msg = parse_bad("scheme: t\ntitle: x\nunit: county\nyear: 2016\npoints: 10\n"
			      "children:\n- code: '1'\n  title: a\n  points: 10\n  score: sum\n  children:\n"
			      "  - {code: '1.1', title: b, points: 5, text: 每次扣1分，最高扣5分，扣满追加扣除10分,"
			      " rule: {type: per, each: 1, cap: 5, extra: 10}}\n"
			      "  - {code: '1.2', title: c, points: 5, text: 未落实扣5分, rule: {type: fixed, deduct: 5}}\n");
	assert_contains(msg, "1.1：扣满后追加扣分 extra 须放在按 deduct 计分的节点下");
	free(msg);
}

/* 12. A scheme without grades gets the default lines (doc/domain.md 8:
 * 900/800/600 of 1000) scaled to its points: 20 × 90% = 18, × 80% = 16,
 * × 60% = 12. A perfect 20 is 优秀; 15 is 合格. */
static void default_grades_scale_to_points(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(custom_yaml);
	assert_true(s->grades_default);
	assert_int_equal(s->grades[0].min, POINTS(18));
	assert_int_equal(s->grades[1].min, POINTS(16));
	assert_int_equal(s->grades[2].min, POINTS(12));
	struct result *r = score_ok(s, NULL, 0);
	assert_int_equal(r->total, POINTS(20));
	assert_int_equal(r->proposed, GRADE_EXCELLENT);
	result_free(r);
	/* 9.2 ×5 → 5: 15 → 合格 (≥ 12, < 16). */
	struct finding f[] = {f_count("9.2", 5)};
	r = score_ok(s, f, 1);
	assert_int_equal(r->total, POINTS(15));
	assert_int_equal(r->proposed, GRADE_PASS);
	result_free(r);
	scheme_free(s);
}

/* 9. Nothing of the 2016 plan in a custom scheme: no daily items, samples
 * or industries unless it declares them. */
static void custom_scheme_takes_nothing_from_2016(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(custom_yaml);
	assert_int_equal(s->ndaily_items, 0);
	assert_int_equal(s->nindustries, 0);
	for (int k = 0; k < 4; k++)
		assert_false(s->samples[k].declared);
	assert_int_equal(s->window_from[1], 0);
	scheme_free(s);
	/* The built-in county scheme states what the plan says:
	 * 方案四（二）"抽查1-2个乡镇、2-3个部门、2-3家企业". */
	s = builtin("qhd-2016-county");
	assert_int_equal(s->samples[SAMPLE_TOWN].min, 1);
	assert_int_equal(s->samples[SAMPLE_TOWN].max, 2);
	assert_int_equal(s->samples[SAMPLE_COUNTY_DEPARTMENT].min, 2);
	assert_int_equal(s->samples[SAMPLE_COUNTY_DEPARTMENT].max, 3);
	assert_int_equal(s->samples[SAMPLE_ENTERPRISE].min, 2);
	assert_int_equal(s->samples[SAMPLE_ENTERPRISE].max, 3);
	assert_int_equal(s->ndaily_items, 5);
	/* 二、时间安排 "2017年1月4日至20日" */
	assert_int_equal(s->window_from[0], 1);
	assert_int_equal(s->window_from[1], 1);
	assert_int_equal(s->window_from[2], 4);
	assert_int_equal(s->window_to[2], 20);
	scheme_free(s);
}

/* An accident's figures are bounded by one rule (accident_figures_check),
 * in the register and in the engine alike: none negative, at most 100000
 * people (a bound that keeps the sums exact). */
static void accident_figures_are_bounded_once(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct accident acc[] = {{.deaths = -1}, {.injuries = ACCIDENT_MAX_PEOPLE + 1}};
	struct unit_input in = {.accidents = acc, .naccidents = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "第 1 起事故：死亡人数、重伤人数和直接经济损失不能为负数");
	free(msg);
	in.accidents = acc + 1;
	msg = score_bad(s, &in);
	assert_contains(msg, "第 1 起事故：死亡、重伤人数不能超过 100000");
	free(msg);
	struct buf why = {0};
	const char *field = NULL;
	assert_int_equal(accident_figures_check(0, 0, ACCIDENT_MAX_LOSS + 1, &why, &field), -1);
	assert_string_equal(field, "loss");
	assert_int_equal(accident_figures_check(1, 3, 5000000, &why, &field), 0);
	buf_free(&why);
	scheme_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(places_beyond_sampled_towns_are_warned),
		cmocka_unit_test(single_clause_with_larger_cap_counts),
		cmocka_unit_test(one_vote_veto_decides_incomplete),
		cmocka_unit_test(occupational_accident_vetoes_by_its_grade),
		cmocka_unit_test(minimums_are_derived),
		cmocka_unit_test(coal_mines_only_for_haigang),
		cmocka_unit_test(custom_scheme_takes_nothing_from_2016),
		cmocka_unit_test(item_points_bound_the_loss),
		cmocka_unit_test(extra_needs_a_deduct_group),
		cmocka_unit_test(default_grades_scale_to_points),
		cmocka_unit_test(accident_figures_are_bounded_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
