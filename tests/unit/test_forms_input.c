/* test_forms_input.c: findings with several figures (issue 11, forms 1–3):
 * the one parser and printer of the figures text, and the clauses, range,
 * rate, target and trend rules, each scored on a small scheme against a
 * number worked out by hand from the rubric row quoted above it; their
 * bounds and their refusals. */
#include "testutil.h"
#include "bounds.h"
#include "draft.h"
#include "figures.h"
#include "rule.h"

#define HEAD(points) \
	"scheme: t\ntitle: 测试\nunit: county\nyear: 2017\npoints: " points "\nchildren:\n"

static struct finding f_fig(const char *code, const char *text)
{
	return (struct finding){.code = code, .form = INPUT_FIGURES, .figures = text};
}

/* ---- the figures text ---- */

static void figures_text(void **state)
{
	(void)state;
	static const struct { const char *in, *out; int n; bool ratio; points_t sum0; } ok[] = {
		{"2;1;0", "2;1;0", 3, false, POINTS(2)},
		{"95/100", "95/100", 2, true, POINTS(95)},
		{"3×1.5", "3×1.5", 1, false, 450},
		{"3x1.5", "3×1.5", 1, false, 450},
		{"2*1+0.5;0", "2×1+0.5;0", 2, false, 250},
		{"１；０.５", "1;0.5", 2, false, POINTS(1)},     /* full-width, as typed */
		{" 1 ; 2 ", "1;2", 2, false, POINTS(1)},
		{"1×2", "2", 1, false, POINTS(2)},                /* once is the plain number */
		{"0.25／1", "0.25/1", 2, true, 25},
		{"0", "0", 1, false, 0},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct figures g;
		const char *why = NULL;
		if (figures_parse(ok[i].in, &g, &why) != 0)
			fail_msg("“%s” refused: %s", ok[i].in, why);
		char *t = figures_print(&g);
		assert_string_equal(t, ok[i].out);
		free(t);
		assert_int_equal(g.n, ok[i].n);
		assert_int_equal(g.ratio, ok[i].ratio);
		assert_int_equal(figure_sum(&g, 0), ok[i].sum0);
	}
	static const char *const bad[] = {"", ";", "1;", ";1", "1;;2", "a", "-1", "1.234", "1/2/3",
		"1/2;3", "0×2", "2×3×4", "1.5×2", "×2", "2×", "1e3", "1,2", NULL};
	for (const char *const *b = bad; *b; b++) {
		struct figures g;
		const char *why = NULL;
		if (figures_parse(*b, &g, &why) == 0)
			fail_msg("“%s” accepted", *b);
		assert_non_null(why);
	}
	struct figures g;
	const char *why;
	assert_int_equal(figures_parse(NULL, &g, &why), -1);
	/* 33 figures: one more than a finding holds */
	char many[200] = "";
	for (int i = 0; i < 33; i++)
		strcat(many, i ? ";1" : "1");
	assert_int_equal(figures_parse(many, &g, &why), -1);
	long long k;
	assert_int_equal(figures_parse("3;1.5;2×1", &g, &why), 0);
	assert_int_equal(figure_whole(&g, 0, &k), 0);
	assert_int_equal(k, 3);
	assert_int_equal(figure_whole(&g, 1, &k), -1);   /* a decimal */
	assert_int_equal(figure_whole(&g, 2, &k), -1);   /* an N×A */
}

/* ---- 1. clauses ---- */

/* "未建立安全生产台账的不得分；台账不全的每缺一项扣1分；未及时更新的扣2分" (8 分) and
 * "应急预案未备案的扣3分；预案演练不足的，每少1次扣1分，最高扣3分；存在其他问题的，视情况
 * 扣0.5—2分/处；合计最高扣5分" (5 分, a cap of its own). */
static const char *clauses_yaml = HEAD("20")
	"- code: '1'\n  title: 基础\n  points: 20\n  score: deduct\n  children:\n"
	"  - code: '1.1'\n    title: 台账\n    points: 8\n"
	"    text: 未建立安全生产台账的不得分；台账不全的每缺一项扣1分；未及时更新的扣2分\n"
	"    rule:\n      type: clauses\n      clauses:\n"
	"      - {type: zero, text: 未建立台账}\n"
	"      - {type: per, each: 1, unit: 项, text: 台账不全}\n"
	"      - {type: fixed, deduct: 2, text: 未及时更新}\n"
	"  - code: '1.2'\n    title: 预案\n    points: 5\n"
	"    text: 应急预案未备案的扣3分；预案演练不足的，每少1次扣1分，最高扣3分；存在其他问题的，"
	"视情况扣0.5—2分/处；合计最高扣5分\n"
	"    rule:\n      type: clauses\n      cap: 5\n      clauses:\n"
	"      - {type: fixed, deduct: 3, text: 未备案}\n"
	"      - {type: per, each: 1, cap: 3, text: 演练不足}\n"
	"      - {type: range, from: 0.5, to: 2, unit: 处, text: 其他问题}\n";

static void clauses_each_in_order(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(clauses_yaml);
	/* 1.1: ledgers exist (0), 3 items missing: 3 × 1 = 3, not updated: 2;
	 * 0 + 3 + 2 = 5 ≤ 8 → 扣 5.
	 * 1.2: filed (0), 1 drill short: 1, other problems at two places
	 * 0.5 + 1.5 = 2; 0 + 1 + 2 = 3 ≤ 5 → 扣 3. Category 20 − 5 − 3 = 12. */
	struct finding f[] = {f_fig("1.1", "0;3;1"), f_fig("1.2", "0;1;0.5+1.5")};
	struct result *r = score_ok(s, f, 2);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(5));
	assert_int_equal(node_deduction(r, "1.2"), POINTS(3));
	assert_int_equal(node_score(r, "1"), POINTS(12));
	assert_contains(node_derivation(r, "1.1"), "第 1 条（未建立台账）：无 → 不扣分；"
			"第 2 条（台账不全）：3 项 × 1 分 = 3 分");
	assert_contains(node_derivation(r, "1.1"), "第 3 条（未及时更新）：未及时更新 → 扣 2 分；合计 5 分 → 扣 5 分");
	assert_contains(node_derivation(r, "1.2"), "第 3 条（其他问题）：2 处：0.5 + 1.5 = 2 分 → 扣 2 分");
	result_free(r);
	scheme_free(s);
}

static void clauses_bounded(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(clauses_yaml);
	/* 1.1: no ledger at all: 不得分 = the item's 8, and 10 items missing
	 * (10 × 1 = 10; an uncapped 每缺一项 loses at most the item's 8, as a
	 * per rule does) and not updated (2): 8 + 8 + 2 = 18, at most 8.
	 * 1.2: not filed 3, 5 drills short 5 × 1 = 5, cap 3 → 3, other problems
	 * 2 × 2 = 4: 3 + 3 + 4 = 10, at most its cap 5. 20 − 8 − 5 = 7. */
	struct finding f[] = {f_fig("1.1", "1;10;1"), f_fig("1.2", "1;5;2×2")};
	struct result *r = score_ok(s, f, 2);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(8));
	assert_int_equal(node_deduction(r, "1.2"), POINTS(5));
	assert_int_equal(node_score(r, "1"), POINTS(7));
	assert_contains(node_derivation(r, "1.1"), "未建立台账，不得分 → 扣 8 分");
	assert_contains(node_derivation(r, "1.1"), "10 项 × 1 分 = 10 分，以本项分值 8 分为限 → 扣 8 分");
	assert_contains(node_derivation(r, "1.1"), "合计 18 分，以本项分值 8 分为限 → 扣 8 分");
	assert_contains(node_derivation(r, "1.2"), "5 次 × 1 分 = 5 分，上限 3 分 → 扣 3 分");
	assert_contains(node_derivation(r, "1.2"), "合计 10 分，以上限 5 分为限 → 扣 5 分");
	/* the bound of each: its points; the category can lose 13 */
	struct node_bounds b[16];
	assert_true(s->nnodes <= 16);
	scheme_bounds(s, b);
	assert_int_equal(b[scheme_find(s, "1.1")->index].max_deduction, POINTS(8));
	assert_int_equal(b[scheme_find(s, "1.2")->index].max_deduction, POINTS(5));
	assert_int_equal(b[scheme_find(s, "1")->index].min_score, POINTS(7));
	char *d = rule_describe(scheme_find(s, "1.1"));
	assert_string_equal(d, "第1条 未建立台账的，不得分；第2条 台账不全：每项扣1分，扣完为止；"
			    "第3条 未及时更新扣2分；合计最高扣8分");
	free(d);
	result_free(r);
	scheme_free(s);
}

static void clauses_refused(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(clauses_yaml);
	static const struct { const char *code, *text, *why; } bad[] = {
		{"1.1", "0;3", "1.1 有 3 条规则，数据须按顺序填 3 个数（用分号分隔），“0;3”是 2 个"},
		{"1.1", "0;3;1;0", "“0;3;1;0”是 4 个"},
		{"1.1", "0;2.5;0", "1.1 第 2 条（台账不全） 须填次数（整数），而不是 2.5"},
		{"1.1", "0;2×1;0", "1.1 第 2 条（台账不全） 须填次数（整数），而不是 2"},
		{"1.1", "2;0;0", "1.1 第 1 条（未建立台账） 须填 1（有此情形）或 0（没有），而不是 2"},
		{"1.2", "0;0;2.5", "1.2 第 3 条（其他问题） 的扣分 2.5 超出范围：每处扣 0.5—2 分"},
		{"1.2", "0;0;0.25", "的扣分 0.25 超出范围"},
		{"1.1", "0;x;0", "1.1 的数据“0;x;0”格式不对"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct finding f[] = {f_fig(bad[i].code, bad[i].text)};
		struct unit_input in = {.findings = f, .nfindings = 1};
		char *m = score_bad(s, &in);
		assert_contains(m, bad[i].why);
		free(m);
	}
	/* the item takes figures, not a count */
	struct finding c[] = {f_count("1.1", 3)};
	struct unit_input in = {.findings = c, .nfindings = 1};
	char *m = score_bad(s, &in);
	assert_contains(m, "应录入数据，而不是次数");
	free(m);
	scheme_free(s);
}

/* ---- 2. ranges ---- */

/* "隐患排查治理不到位的，每处扣0.5—2分，最高扣6分" (6 分), "执法检查计划执行不力的，
 * 视情况扣1—5分" (5 分, once), "发生迟报事故的，5—15分/次" (15 分, 扣完为止). */
static const char *range_yaml = HEAD("40")
	"- code: '1'\n  title: 基础\n  points: 40\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 隐患, text: 隐患排查治理不到位的，每处扣0.5—2分，最高扣6分,"
	" rule: {type: range, from: 0.5, to: 2, unit: 处, cap: 6}}\n"
	"  - {code: '1.2', title: 执法, points: 5, text: 执法检查计划执行不力的，视情况扣1—5分,"
	" rule: {type: range, from: 1, to: 5, max_count: 1}}\n"
	"  - {code: '1.3', title: 迟报, points: 15, text: 发生迟报事故的，5—15分/次,"
	" rule: {type: range, from: 5, to: 15}}\n";

static void range_occurrences(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(range_yaml);
	/* 1.1: three places at 1, 0.5 and 2: 3.5 ≤ 6 → 3.5. 1.2: judged 2.5
	 * once → 2.5. 1.3: two late reports at 5 and 12: 17, at most the
	 * item's 15 → 15. Category 40 − 3.5 − 2.5 − 15 = 19. */
	struct finding f[] = {f_fig("1.1", "1;0.5;2"), f_fig("1.2", "2.5"), f_fig("1.3", "5;12")};
	struct result *r = score_ok(s, f, 3);
	assert_int_equal(node_deduction(r, "1.1"), 350);
	assert_int_equal(node_deduction(r, "1.2"), 250);
	assert_int_equal(node_deduction(r, "1.3"), POINTS(15));
	assert_int_equal(node_score(r, "1"), POINTS(19));
	assert_contains(node_derivation(r, "1.1"), "3 处：1 + 0.5 + 2 = 3.5 分，上限 6 分 → 扣 3.5 分");
	assert_contains(node_derivation(r, "1.2"), "1 次：2.5 分 → 扣 2.5 分");
	assert_contains(node_derivation(r, "1.3"), "2 次：5 + 12 = 17 分，以本项分值 15 分为限 → 扣 15 分");
	result_free(r);

	/* count and amount: 1.1 five places at 1.5: 5 × 1.5 = 7.5, cap 6 → 6;
	 * mixed 2×1+0.5 on 1.3 is not in 5—15: refused below. 1.2 none: "0". */
	struct finding g[] = {f_fig("1.1", "5×1.5"), f_fig("1.2", "0")};
	r = score_ok(s, g, 2);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(6));
	assert_int_equal(node_deduction(r, "1.2"), 0);
	assert_contains(node_derivation(r, "1.1"), "5 处 × 1.5 分 = 7.5 分，上限 6 分 → 扣 6 分");
	assert_contains(node_derivation(r, "1.2"), "0 次 → 不扣分");
	result_free(r);

	/* mixed terms: 1.1 2×1 + 0.5 = 2.5 */
	struct finding h[] = {f_fig("1.1", "2×1+0.5")};
	r = score_ok(s, h, 1);
	assert_int_equal(node_deduction(r, "1.1"), 250);
	assert_contains(node_derivation(r, "1.1"), "3 处：2×1 + 0.5 = 2.5 分");
	result_free(r);

	char *d = rule_describe(scheme_find(s, "1.2"));
	assert_string_equal(d, "视情况扣1—5分");
	free(d);
	d = rule_describe(scheme_find(s, "1.3"));
	assert_string_equal(d, "每次扣5—15分，扣完为止");
	free(d);
	scheme_free(s);
}

static void range_refused(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(range_yaml);
	static const struct { const char *code, *text, *why; } bad[] = {
		{"1.1", "1;2.5", "1.1 的扣分 2.5 超出范围：每处扣 0.5—2 分"},
		{"1.1", "0.4", "1.1 的扣分 0.4 超出范围"},
		{"1.1", "1;0", "1.1 的扣分 0 超出范围"},     /* 0 only alone: none found */
		{"1.2", "1;2", "1.2 的次数 2 超出范围：原文规定最多 1 次"},
		{"1.2", "2×1", "1.2 的次数 2 超出范围"},
		{"1.3", "2×1+0.5", "1.3 的扣分 1 超出范围：每次扣 5—15 分"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct finding f[] = {f_fig(bad[i].code, bad[i].text)};
		struct unit_input in = {.findings = f, .nfindings = 1};
		char *m = score_bad(s, &in);
		assert_contains(m, bad[i].why);
		free(m);
	}
	scheme_free(s);
}

/* ---- 3. rates and targets ---- */

/* "培训覆盖率达到100%得满分，每降低1个百分点扣0.5分" (10 分), "隐患整改率达到95%得满分，
 * 每降低2个百分点扣1分，最高扣4分" (4 分), "事故死亡人数超过控制指标的，每超1人扣2分"
 * (20 分), "亿元GDP死亡率超过控制指标的，每超0.01扣1分，最高扣5分" (5 分), "事故起数
 * 较上年下降的得满分，持平的扣一半，上升的不得分" (10 分). */
static const char *rate_yaml = HEAD("49")
	"- code: '1'\n  title: 目标\n  points: 49\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 培训, points: 10, text: 培训覆盖率达到100%得满分，每降低1个百分点扣0.5分,"
	" rule: {type: rate, name: 培训覆盖率, each: 0.5}}\n"
	"  - {code: '1.2', title: 整改, text: 隐患整改率达到95%得满分，每降低2个百分点扣1分，最高扣4分,"
	" rule: {type: rate, name: 隐患整改率, target: 95, per: 2, each: 1, cap: 4}}\n"
	"  - {code: '1.3', title: 死亡, points: 20, text: 事故死亡人数超过控制指标的，每超1人扣2分,"
	" rule: {type: target, name: 事故死亡人数, each: 2, unit: 人}}\n"
	"  - {code: '1.4', title: 死亡率, text: 亿元GDP死亡率超过控制指标的，每超0.01扣1分，最高扣5分,"
	" rule: {type: target, name: 亿元GDP死亡率, per: 0.01, each: 1, cap: 5}}\n"
	"  - {code: '1.5', title: 起数, points: 10, text: 事故起数较上年下降的得满分，持平的扣一半，上升的不得分,"
	" rule: {type: trend, name: 事故起数, same: 5, up: 10}}\n";

static void rates_exact(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(rate_yaml);
	/* 1.1: 95/100 = 95%, 5 points below 100%: 5 × 0.5 = 2.5.
	 * 1.2: 88/100 = 88%, 7 points below 95%: whole steps of 2 points: 3
	 *      (the last 1 point is not a step): 3 × 1 = 3 ≤ 4 → 3.
	 * 1.3: 5 deaths against 3: 2 over × 2 = 4.
	 * 1.4: 0.08 against 0.05: 0.03 over, 3 steps of 0.01 × 1 = 3.
	 * 1.5: 6 against 4 last year: up → 10 (不得分).
	 * Category 49 − 2.5 − 3 − 4 − 3 − 10 = 26.5. */
	struct finding f[] = {f_fig("1.1", "95/100"), f_fig("1.2", "88/100"), f_fig("1.3", "5;3"),
			      f_fig("1.4", "0.08;0.05"), f_fig("1.5", "6;4")};
	struct result *r = score_ok(s, f, 5);
	assert_int_equal(node_deduction(r, "1.1"), 250);
	assert_int_equal(node_deduction(r, "1.2"), POINTS(3));
	assert_int_equal(node_deduction(r, "1.3"), POINTS(4));
	assert_int_equal(node_deduction(r, "1.4"), POINTS(3));
	assert_int_equal(node_deduction(r, "1.5"), POINTS(10));
	assert_int_equal(node_score(r, "1"), 2650);
	assert_contains(node_derivation(r, "1.1"),
			"培训覆盖率 95/100 = 95%，低于 100% 5 个百分点，5 × 0.5 分 = 2.5 分 → 扣 2.5 分");
	assert_contains(node_derivation(r, "1.2"), "隐患整改率 88/100 = 88%，低于 95% 7 个百分点，"
			"每 2 个百分点计一档，计 3 档，3 × 1 分 = 3 分，上限 4 分 → 扣 3 分");
	assert_contains(node_derivation(r, "1.3"), "事故死亡人数 5人，控制指标 3人，超过 2人，2 × 2 分 = 4 分 → 扣 4 分");
	assert_contains(node_derivation(r, "1.4"), "亿元GDP死亡率 0.08，控制指标 0.05，超过 0.03，每超 0.01计一次，计 3 次");
	assert_contains(node_derivation(r, "1.5"), "事故起数本年 6，上年 4，较上年上升 → 扣 10 分");
	result_free(r);
	scheme_free(s);
}

static void rates_rounding_and_limits(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(rate_yaml);
	/* 1.1: 2/3 = 66.666…%, 33.33… points below: whole points only, 33
	 *      (rounded down): 33 × 0.5 = 16.5, at most the item's 10.
	 * 1.2: 94.5/100 = 94.5%, 0.5 below 95%: no whole step of 2 → 0.
	 * 1.3: 3 deaths against 3: not over → 0.
	 * 1.4: 0.2 against 0.05: 15 steps × 1 = 15, cap 5.
	 * 1.5: 4 against 4: level → 5 (扣一半).
	 * Category 49 − 10 − 0 − 0 − 5 − 5 = 29. */
	struct finding f[] = {f_fig("1.1", "2/3"), f_fig("1.2", "94.5/100"), f_fig("1.3", "3;3"),
			      f_fig("1.4", "0.2;0.05"), f_fig("1.5", "4;4")};
	struct result *r = score_ok(s, f, 5);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(10));
	assert_int_equal(node_deduction(r, "1.2"), 0);
	assert_int_equal(node_deduction(r, "1.3"), 0);
	assert_int_equal(node_deduction(r, "1.4"), POINTS(5));
	assert_int_equal(node_deduction(r, "1.5"), POINTS(5));
	assert_int_equal(node_score(r, "1"), POINTS(29));
	assert_contains(node_derivation(r, "1.1"), "培训覆盖率 2/3 ≈ 66.67%，低于 100% 约 33.33 个百分点，"
			"按整 33 个百分点计（不足 1 个百分点的不计），33 × 0.5 分 = 16.5 分，以本项分值 10 分为限 → 扣 10 分");
	assert_contains(node_derivation(r, "1.2"), "计 0 档 → 不扣分");
	assert_contains(node_derivation(r, "1.3"), "未超过 → 不扣分");
	assert_contains(node_derivation(r, "1.4"), "15 × 1 分 = 15 分，上限 5 分 → 扣 5 分");
	assert_contains(node_derivation(r, "1.5"), "较上年持平 → 扣 5 分");
	result_free(r);

	/* full coverage, fewer accidents: nothing */
	struct finding g[] = {f_fig("1.1", "120/120"), f_fig("1.5", "2;4")};
	r = score_ok(s, g, 2);
	assert_int_equal(node_deduction(r, "1.1"), 0);
	assert_int_equal(node_deduction(r, "1.5"), 0);
	assert_contains(node_derivation(r, "1.1"), "培训覆盖率 120/120 = 100%，达到 100% → 不扣分");
	assert_contains(node_derivation(r, "1.5"), "较上年下降 → 不扣分");
	result_free(r);

	/* bounds: 1.1 at 0% loses 100 × 0.5 = 50, at most its 10; 1.2 its cap 4 */
	struct node_bounds b[16];
	scheme_bounds(s, b);
	assert_int_equal(b[scheme_find(s, "1.1")->index].max_deduction, POINTS(10));
	assert_int_equal(b[scheme_find(s, "1.2")->index].max_deduction, POINTS(4));
	assert_int_equal(b[scheme_find(s, "1.5")->index].max_deduction, POINTS(10));

	static const struct { const char *code, *text, *why; } bad[] = {
		{"1.1", "101/100", "1.1 的数据“101/100”：分子 101 大于分母 100"},
		{"1.1", "5/0", "分母不能为 0"},
		{"1.1", "95", "1.1 的数据“95”须是两个数：分子/分母"},
		{"1.3", "5", "1.3 的数据“5”须是两个数：实际数;控制指标"},
		{"1.3", "5;3;1", "须是两个数"},
		{"1.5", "2×3;4", "1.5 的数据“2×3;4”须是两个数：本年数;上年数"},
		/* a rate is written a/b: 0;3 is refused, not read as 0/3; a/b is
		 * a rate's only, never actual;target */
		{"1.1", "0;3", "1.1 的数据“0;3”须写成 分子/分母（如 95/100）"},
		{"1.3", "5/3", "1.3 的数据“5/3”不是比率：分子/分母只用于比率"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct finding h[] = {f_fig(bad[i].code, bad[i].text)};
		struct unit_input in = {.findings = h, .nfindings = 1};
		char *m = score_bad(s, &in);
		assert_contains(m, bad[i].why);
		free(m);
	}
	scheme_free(s);
}

/* ---- the scheme language ---- */

static void scheme_refusals(void **state)
{
	(void)state;
	static const struct { const char *rule, *why; } bad[] = {
		{"{type: range, from: 3, to: 2}", "bad.yaml:11: 节点 1 的规则：from（3）大于 to（2）"},
		{"{type: range, to: 2}", "bad.yaml:11: 节点 1 的规则缺少“from”"},
		{"{type: range, from: 1, to: 2, each: 1}", "bad.yaml:11: range 类规则不使用“each”"},
		{"{type: clauses}", "bad.yaml:11: 节点 1 的规则缺少“clauses”"},
		{"{type: clauses, clauses: [{type: earn, each: 1, cap: 2}]}",
		 "节点 1 的第 1 条：clauses 中的一条只能是 per、steps、fixed、judged、range 或 zero，不能是 earn"},
		{"{type: clauses, clauses: [{type: clauses, clauses: [{type: zero}]}]}", "不能是 clauses"},
		{"{type: clauses, clauses: [{type: per, each: 1, name: x}]}", "per 类规则不使用“name”"},
		{"{type: clauses, clauses: [{type: per}]}", "节点 1 的第 1 条缺少“each”"},
		{"{type: zero}", "zero（不得分）只用于 clauses 中的一条"},
		{"{type: rate, each: 1, per: 101}", "per 是百分点，不能超过 100"},
		{"{type: rate, target: 90}", "节点 1 的规则缺少“each”"},
		{"{type: target, each: 0}", "“each”必须大于 0"},
		{"{type: trend, same: 3}", "缺少“up”"},
		{"{type: rates, each: 1}", "未知的规则类型“rates”"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct buf y = {0};
		buf_printf(&y, HEAD("10") "- code: '1'\n  title: x\n  points: 10\n  text: t\n  rule: %s\n",
			   bad[i].rule);
		char *m = parse_bad(buf_str(&y));
		assert_contains(m, bad[i].why);
		free(m);
		buf_free(&y);
	}
}

/* ---- the draft from a rubric's table ---- */

/* "隐患排查不到位的，每处扣0.5—2分，最高扣6分" → range; "隐患整改率达到95%，每降低2个
 * 百分点扣1分，最高扣4分" → rate; each written as YAML the parser takes, and
 * scored: 3 places at 2 = 6 (cap 6); 90/100 = 90%, 5 points below 95%:
 * 2 whole steps of 2 → 2. */
static void drafted(void **state)
{
	(void)state;
	static const char *const text[] = {"隐患排查不到位的，每处扣0.5—2分，最高扣6分。",
		"隐患整改率达到95%，每降低2个百分点扣1分，最高扣4分。"};
	static const char *const want[] = {"{type: range, from: 0.5, to: 2, cap: 6, unit: \"处\"}",
		"{type: rate, name: \"隐患整改率\", target: 95, per: 2, each: 1, cap: 4}"};
	struct buf y = {0};
	buf_puts(&y, HEAD("10") "- code: '1'\n  title: x\n  points: 10\n  score: deduct\n  children:\n");
	for (int i = 0; i < 2; i++) {
		struct draft_reading r;
		draft_rule(text[i], -1, &r);
		assert_string_equal(r.why, "");
		struct buf one = {0};
		draft_rule_yaml(&r.rule, 4, &one);
		assert_string_equal(buf_str(&one), want[i]);
		buf_printf(&y, "  - {code: '1.%d', title: x, text: t, rule: %s}\n", i + 1, buf_str(&one));
		buf_free(&one);
		draft_reading_free(&r);
	}
	struct scheme *s = parse_ok(buf_str(&y));
	struct finding f[] = {f_fig("1.1", "3×2"), f_fig("1.2", "90/100")};
	struct result *r = score_ok(s, f, 2);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(6));
	assert_int_equal(node_deduction(r, "1.2"), POINTS(2));
	result_free(r);
	scheme_free(s);
	buf_free(&y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(figures_text),
		cmocka_unit_test(clauses_each_in_order),
		cmocka_unit_test(clauses_bounded),
		cmocka_unit_test(clauses_refused),
		cmocka_unit_test(range_occurrences),
		cmocka_unit_test(range_refused),
		cmocka_unit_test(rates_exact),
		cmocka_unit_test(rates_rounding_and_limits),
		cmocka_unit_test(scheme_refusals),
		cmocka_unit_test(drafted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
