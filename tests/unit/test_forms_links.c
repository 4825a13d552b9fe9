/* test_forms_links.c: defaults, links and overflow (issue 11, forms 6, 7
 * and 10): 追加扣除 beyond an item into its part or the total, 不重复扣分
 * between linked items, 下同 / 同上 defaults and eligibility by industry.
 * Every number is worked by hand from the rubric row quoted above it. */
#include "testutil.h"

#define HEAD(points) \
	"scheme: t\ntitle: 测试\nunit: county\nyear: 2016\npoints: " points "\nchildren:\n"

/* Two parts (60 + 40):
 * 1.1.1 每发现1处隐患未整改扣2分，本项扣完后，从本部分中继续扣除。(10 points)
 * 1.1.2 未建立隐患排查治理台账的，扣5分。
 * 1.2.1 每少开展1次宣传教育活动扣5分，最高扣20分。
 * 2.1   未按规定组织应急演练的，扣5分；演练后未评估的，扣3分；未修订预案的，扣4分。
 *       最高扣8分，超出部分从总分中扣除。 */
static const char *overflow_yaml = HEAD("100")
	"- code: '1'\n  title: 隐患排查治理\n  points: 60\n  score: sum\n  children:\n"
	"  - code: '1.1'\n    title: 隐患整改\n    points: 20\n    score: deduct\n    children:\n"
	"    - code: '1.1.1'\n      title: 隐患未整改\n      points: 10\n"
	"      text: 每发现1处隐患未整改扣2分，本项扣完后，从本部分中继续扣除。\n"
	"      rule: {type: per, each: 2, unit: 处}\n      overflow: part\n"
	"    - {code: '1.1.2', title: 台账, text: 未建立隐患排查治理台账的，扣5分。, rule: {type: fixed, deduct: 5}}\n"
	"  - code: '1.2'\n    title: 宣传教育\n    points: 40\n    score: deduct\n    children:\n"
	"    - {code: '1.2.1', title: 宣传活动, text: 每少开展1次宣传教育活动扣5分，最高扣20分。, rule: {type: per, each: 5, cap: 20}}\n"
	"- code: '2'\n  title: 应急管理\n  points: 40\n  score: deduct\n  children:\n"
	"  - code: '2.1'\n    title: 应急演练\n"
	"    text: 未按规定组织应急演练的，扣5分；演练后未评估的，扣3分；未修订预案的，扣4分。最高扣8分，超出部分从总分中扣除。\n"
	"    overflow: total\n"
	"    rule:\n      type: conditions\n      cap: 8\n      conditions:\n"
	"      - {text: 未按规定组织应急演练的, deduct: 5}\n"
	"      - {text: 演练后未评估的, deduct: 3}\n"
	"      - {text: 未修订预案的, deduct: 4}\n";

static void overflow_bound_reached_not_exceeded(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(overflow_yaml);
	/* 5 处 × 2 = 10 = the item's 10 points: the bound is reached, nothing
	 * is left over. 1.1 = 20 − 10 = 10; part 1 = 10 + 40 = 50; total 50 + 40 = 90. */
	struct finding f[] = {f_count("1.1.1", 5)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "1.1.1"), POINTS(10));
	assert_int_equal(r->nodes[scheme_find(s, "1.1.1")->index].overflow, 0);
	assert_int_equal(node_score(r, "1"), POINTS(50));
	assert_int_equal(r->total, POINTS(90));
	assert_null(strstr(node_derivation(r, "1.1.1"), "超出本项"));
	assert_null(strstr(node_derivation(r, "1"), "继续扣除"));
	result_free(r);
	scheme_free(s);
}

static void overflow_to_the_part(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(overflow_yaml);
	/* 7 处 × 2 = 14 > 10: the item loses its 10 points and 4 more come off
	 * part 1. 1.1 = 20 − 10 = 10; part 1 = 10 + 40 = 50 − 4 = 46;
	 * part 2 untouched 40; total 46 + 40 = 86. */
	struct finding f[] = {f_count("1.1.1", 7)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "1.1.1"), POINTS(10));
	assert_int_equal(node_score(r, "1.1"), POINTS(10));
	assert_int_equal(node_score(r, "1"), POINTS(46));
	assert_int_equal(node_score(r, "2"), POINTS(40));
	assert_int_equal(r->total, POINTS(86));
	assert_contains(node_derivation(r, "1.1.1"), "7 处 × 2 分 = 14 分");
	assert_contains(node_derivation(r, "1.1.1"), "超出本项 4 分，本项扣完后从本部分（1 隐患排查治理）中继续扣除");
	assert_contains(node_derivation(r, "1"), "1.1.1 扣分超出本项 4 分，从本部分中继续扣除：50 − 4 = 46 分");
	result_free(r);
	/* 40 处 × 2 = 80: 70 beyond the item, more than part 1 has (50): the
	 * part stops at 0 and takes nothing from part 2; total 0 + 40 = 40. */
	struct finding g[] = {f_count("1.1.1", 40)};
	r = score_ok(s, g, 1);
	assert_int_equal(node_score(r, "1"), 0);
	assert_int_equal(node_score(r, "2"), POINTS(40));
	assert_int_equal(r->total, POINTS(40));
	assert_contains(node_derivation(r, "1"), "50 − 70，扣完为止 → 0 分");
	result_free(r);
	scheme_free(s);
}

static void overflow_to_the_total(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(overflow_yaml);
	/* 2.1 all three: 5 + 3 + 4 = 12 > cap 8: the item deducts 8 (part 2 =
	 * 40 − 8 = 32) and 4 come off the total: 60 + 32 = 92 − 4 = 88. */
	struct finding f[] = {f_cond("2.1", COND(1) | COND(2) | COND(3))};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "2.1"), POINTS(8));
	assert_int_equal(node_score(r, "2"), POINTS(32));
	assert_int_equal(r->total, POINTS(88));
	assert_contains(node_derivation(r, "2.1"), "超出本项 4 分，本项扣完后从总分中继续扣除");
	assert_contains(node_derivation(r, ""), "2.1 扣分超出本项 4 分，从总分中继续扣除：92 − 4 = 88 分");
	result_free(r);
	/* Both at once: part 1 = 46 (above), part 2 = 32: 78 − 4 = 74.
	 * Conditions 1 and 3 only: 5 + 4 = 9 > 8: 1 to the total. */
	struct finding g[] = {f_count("1.1.1", 7), f_cond("2.1", COND(1) | COND(2) | COND(3))};
	r = score_ok(s, g, 2);
	assert_int_equal(r->total, POINTS(74));
	result_free(r);
	struct finding h[] = {f_cond("2.1", COND(1) | COND(3))};
	r = score_ok(s, h, 1);
	assert_int_equal(r->total, POINTS(91));     /* 60 + 32 − 1 */
	result_free(r);
	scheme_free(s);
}

/* Where overflow cannot go, the scheme is refused at the line. */
static void overflow_refused(void **state)
{
	(void)state;
	char *e = parse_bad(HEAD("10")
		"- code: '1'\n  title: 类别\n  points: 10\n  score: deduct\n  children:\n"
		"  - {code: '1.1', title: 台账, text: 未建立台账的，扣5分, rule: {type: fixed, deduct: 5}, overflow: part}\n");
	assert_contains(e, "bad.yaml:12: 1.1：fixed 类规则的扣分不会超出本项分值");
	free(e);
	e = parse_bad(HEAD("10")
		"- {code: '1', title: 部分, points: 10, text: 每处扣2分, rule: {type: per, each: 2}, overflow: part}\n");
	assert_contains(e, "bad.yaml:7: 1 本身就是一个部分，overflow: part 无处可扣");
	free(e);
	e = parse_bad(HEAD("10")
		"- code: '1'\n  title: 部分\n  points: 10\n  scale: 100\n  score: deduct\n  children:\n"
		"  - {code: '1.1', title: 隐患, text: 每处扣2分, rule: {type: per, each: 2}, overflow: total}\n");
	assert_contains(e, "bad.yaml:13: 1.1：overflow 须从本项到总分都按 sum 或 deduct 计分且不折算");
	free(e);
	e = parse_bad(HEAD("10")
		"- code: '1'\n  title: 部分\n  points: 10\n  score: deduct\n  children:\n"
		"  - {code: '1.1', title: 隐患, text: 每处扣2分, rule: {type: per, each: 2, cap: 4, extra: 2}, overflow: total}\n"
		"  - {code: '1.2', title: 隐患, text: 每处扣2分, rule: {type: per, each: 2}, overflow: all}\n");
	assert_contains(e, "bad.yaml:12: 1.1：extra（扣满后追加扣分）与 overflow 不能同时使用");
	assert_contains(e, "bad.yaml:13: “overflow”必须是 part（从本部分继续扣除）或 total");
	free(e);
}

/* 1.1 每发现1处重大隐患未挂牌督办扣3分，最高扣9分。
 * 2.1 重大隐患未整改销号的，每处扣2分，最高扣10分（与1.1不重复扣分）。 */
static const char *link_yaml =
	"scheme: t\ntitle: 测试\nunit: county\nyear: 2016\npoints: 50\n"
	"links:\n- {items: ['1.1', '2.1'], note: 同一重大隐患}\nchildren:\n"
	"- code: '1'\n  title: 安全检查\n  points: 30\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 挂牌督办, text: 每发现1处重大隐患未挂牌督办扣3分，最高扣9分。, rule: {type: per, each: 3, cap: 9, unit: 处}}\n"
	"  - {code: '1.2', title: 带队检查, text: 未落实领导干部带队检查的，扣5分。, rule: {type: fixed, deduct: 5}}\n"
	"- code: '2'\n  title: 隐患治理\n  points: 20\n  score: deduct\n  children:\n"
	"  - {code: '2.1', title: 整改销号, text: 重大隐患未整改销号的，每处扣2分，最高扣10分（与1.1不重复扣分）。, rule: {type: per, each: 2, cap: 10, unit: 处}}\n";

static void link_first_larger(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(link_yaml);
	/* 1.1: 2 处 × 3 = 6; 2.1: 2 处 × 2 = 4. One fact: the larger, 6 on
	 * 1.1, counts: part 1 = 30 − 6 = 24, part 2 = 20; total 44 (not 40). */
	struct finding f[] = {f_count("1.1", 2), f_count("2.1", 2)};
	struct result *r = score_ok(s, f, 2);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(6));
	assert_int_equal(node_deduction(r, "2.1"), 0);
	assert_int_equal(node_score(r, "1"), POINTS(24));
	assert_int_equal(node_score(r, "2"), POINTS(20));
	assert_int_equal(r->total, POINTS(44));
	assert_contains(node_derivation(r, "2.1"), "2 处 × 2 分 = 4 分");
	assert_contains(node_derivation(r, "2.1"), "与 1.1 不重复扣分（已按较大扣分计入 1.1）");
	assert_contains(node_derivation(r, "1.1"), "与 2.1 为同一事实，不重复扣分，按较大扣分计入本项");
	result_free(r);
	scheme_free(s);
}

static void link_second_larger(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(link_yaml);
	/* 1.1: 1 处 × 3 = 3; 2.1: 3 处 × 2 = 6: 6 on 2.1 (another group)
	 * counts, 1.1's is zero: part 1 = 30, part 2 = 20 − 6 = 14; total 44. */
	struct finding f[] = {f_count("1.1", 1), f_count("2.1", 3)};
	struct result *r = score_ok(s, f, 2);
	assert_int_equal(node_deduction(r, "1.1"), 0);
	assert_int_equal(node_deduction(r, "2.1"), POINTS(6));
	assert_int_equal(node_score(r, "1"), POINTS(30));
	assert_int_equal(node_score(r, "2"), POINTS(14));
	assert_int_equal(r->total, POINTS(44));
	assert_contains(node_derivation(r, "1.1"), "与 2.1 不重复扣分（已按较大扣分计入 2.1）");
	result_free(r);
	/* A tie (2 × 3 = 6 and 3 × 2 = 6): the first written, 1.1, keeps it:
	 * 24 + 20 = 44. */
	struct finding t[] = {f_count("1.1", 2), f_count("2.1", 3)};
	r = score_ok(s, t, 2);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(6));
	assert_int_equal(node_deduction(r, "2.1"), 0);
	assert_int_equal(r->total, POINTS(44));
	result_free(r);
	/* Only one deducts: nothing to merge: 2.1 2 × 2 = 4: 30 + 16 = 46, no note. */
	struct finding o[] = {f_count("1.1", 0), f_count("2.1", 2), f_cond("1.2", COND(1))};
	r = score_ok(s, o, 3);
	assert_int_equal(r->total, POINTS(41));     /* 30 − 5 + 20 − 4 */
	assert_null(strstr(node_derivation(r, "2.1"), "不重复扣分"));
	result_free(r);
	scheme_free(s);
}

static void link_refused(void **state)
{
	(void)state;
	const char *body =
		"- code: '1'\n  title: 部分\n  points: 20\n  score: deduct\n  children:\n"
		"  - {code: '1.1', title: 甲, text: 每处扣2分, rule: {type: per, each: 2, cap: 10}}\n"
		"  - {code: '1.2', title: 乙, text: 每处扣2分, rule: {type: per, each: 2, cap: 10}}\n"
		"  - {code: '1.3', title: 丙, text: 执法评分, points: 10, rule: {type: entered}}\n";
	struct buf y = {0};
	buf_printf(&y, "scheme: t\ntitle: 测试\nunit: county\nyear: 2016\npoints: 20\n"
		   "links:\n- ['1.1', '1.9']\n- {items: ['1']}\n- ['1.2', '1']\n- ['1.2', '1.3']\n"
		   "- {items: ['1.1', '1.2'], why: x}\nchildren:\n%s", body);
	char *e = parse_bad(buf_str(&y));
	assert_contains(e, "bad.yaml:7: 不重复扣分关联：没有编号为“1.9”的考核项");
	assert_contains(e, "bad.yaml:8: 不重复扣分关联须列出至少两个考核项编号");
	assert_contains(e, "bad.yaml:9: 不重复扣分关联：1 是分类，须关联考核项");
	assert_contains(e, "bad.yaml:10: 不重复扣分关联：1.3 的规则是 entered，不是扣分");
	assert_contains(e, "bad.yaml:10: 不重复扣分关联：1.2 已在第 9 行的关联中");
	assert_contains(e, "bad.yaml:11: 不重复扣分关联中未知的键“why”");
	free(e);
	buf_free(&y);
}

/* A group stating its rule once for its rows (下同), one row with its own
 * rule, and a row 同上:
 *   1 安全生产制度（10分）：以下各项制度，每缺一项扣1分。
 *     1.1 安全生产责任制  1.2 安全检查制度
 *     1.3 隐患排查制度：未建立隐患排查制度的，扣3分。  1.4 教育培训制度：同上。
 *   2 重点行业（20分）：下列行业，本地区不涉及的按满分计（下同）。
 *     2.1 煤矿：每发现1处扣2分，最高扣10分。
 *     2.2 烟花爆竹：同上；不涉及的，按其余各项折算。 */
static const char *defaults_yaml = HEAD("30")
	"- code: '1'\n  title: 安全生产制度\n  points: 10\n  score: deduct\n"
	"  text: 以下各项制度，每缺一项扣1分。\n"
	"  defaults:\n    rule: {type: fixed, deduct: 1, text: 缺少该项制度}\n"
	"  children:\n"
	"  - {code: '1.1', title: 安全生产责任制}\n"
	"  - {code: '1.2', title: 安全检查制度}\n"
	"  - {code: '1.3', title: 隐患排查制度, text: 未建立隐患排查制度的，扣3分。, rule: {type: fixed, deduct: 3}}\n"
	"  - {code: '1.4', title: 教育培训制度, text: 同上。, rule: same}\n"
	"- code: '2'\n  title: 重点行业\n  points: 20\n  score: sum\n"
	"  text: 下列行业，本地区不涉及的按满分计（下同）。\n"
	"  defaults: {na: full}\n"
	"  children:\n"
	"  - {code: '2.1', title: 煤矿, points: 10, text: 每发现1处扣2分，最高扣10分。, rule: {type: per, each: 2, cap: 10}}\n"
	"  - {code: '2.2', title: 烟花爆竹, points: 10, text: 同上；不涉及的，按其余各项折算。, rule: same, na: rescale}\n";

static void defaults_inherited_and_overridden(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(defaults_yaml);
	const struct node *n11 = scheme_find(s, "1.1"), *n13 = scheme_find(s, "1.3"),
		*n14 = scheme_find(s, "1.4"), *n22 = scheme_find(s, "2.2");
	assert_int_equal(n11->rule.type, RULE_FIXED);
	assert_int_equal(n11->rule.deduct, POINTS(1));
	assert_int_equal(n11->rule_inherited, RULE_FROM_GROUP);
	assert_int_equal(n13->rule.deduct, POINTS(3));     /* its own */
	assert_int_equal(n13->rule_inherited, RULE_OWN);
	assert_int_equal(n14->rule_inherited, RULE_FROM_ABOVE);
	assert_int_equal(n14->rule.deduct, POINTS(3));     /* 同上: 1.3's */
	assert_int_equal(n22->rule.type, RULE_PER);
	assert_int_equal(n22->rule.cap, POINTS(10));
	assert_int_equal(scheme_find(s, "2.1")->na, NA_FULL);     /* inherited */
	assert_int_equal(n22->na, NA_RESCALE);                     /* its own */
	assert_int_equal(scheme_find(s, "1.1")->na, NA_NONE);
	/* 1.1 missing (1) + 1.3 missing (3) + 1.4 missing (3): 10 − 7 = 3.
	 * 2.1 不涉及 -> full 10; 2.2 1 处 -> 8: 18. Total 21. */
	struct finding f[] = {f_cond("1.1", COND(1)), f_cond("1.2", 0), f_cond("1.3", COND(1)),
			      f_cond("1.4", COND(1)), f_na("2.1"), f_count("2.2", 1)};
	struct result *r = score_ok(s, f, 6);
	assert_int_equal(node_score(r, "1"), POINTS(3));
	assert_int_equal(node_score(r, "2"), POINTS(18));
	assert_int_equal(r->total, POINTS(21));
	assert_contains(node_derivation(r, "1.1"), "情形 1（缺少该项制度）扣 1 分");
	result_free(r);
	/* 2.2 不涉及 by its own na: rescale: 2.1 1 处 -> 8 of 10, × 20 ÷ 10 = 16
	 * (with the group's full it would be 8 + 10 = 18). Part 1: 10. Total 26. */
	struct finding g[] = {f_count("2.1", 1), f_na("2.2")};
	r = score_ok(s, g, 2);
	assert_int_equal(node_score(r, "2"), POINTS(16));
	assert_int_equal(r->total, POINTS(26));
	result_free(r);
	/* 1.1 has no na (the defaults of group 1 state none): refused. */
	struct finding h[] = {f_na("1.1")};
	struct unit_input in = {.findings = h, .nfindings = 1};
	char *e = score_bad(s, &in);
	assert_contains(e, "1.1（安全生产责任制）不能标为不适用");
	free(e);
	scheme_free(s);
}

static void defaults_refused(void **state)
{
	(void)state;
	char *e = parse_bad(HEAD("10")
		"- code: '1'\n  title: 类别\n  points: 10\n  score: deduct\n"
		"  defaults: {rule: {type: fixed, deduct: 1}, method: 查阅资料}\n  children:\n"
		"  - {code: '1.1', title: 甲, text: 未落实扣2分, rule: {type: fixed, deduct: 2}}\n"
		"  - {code: '1.2', title: 乙, text: 未落实扣2分, rule: {type: fixed, deduct: 2}, defaults: {na: full}}\n");
	assert_contains(e, "bad.yaml:11: 节点 1 的 defaults中未知的键“method”");
	assert_contains(e, "bad.yaml:11: 节点 1 的 defaults.rule 没有考核项使用");
	assert_contains(e, "bad.yaml:14: 节点 1.2 没有下级节点，不能写 defaults");
	free(e);
	e = parse_bad(HEAD("10")
		"- code: '1'\n  title: 类别\n  points: 10\n  score: deduct\n  children:\n"
		"  - {code: '1.1', title: 甲, text: 同上, rule: same}\n"
		"  - {code: '1.2', title: 乙}\n");
	assert_contains(e, "bad.yaml:12: 1.1：rule: same（同上）须紧跟在有规则的同级考核项之后");
	assert_contains(e, "bad.yaml:13: 节点 1.2 既没有 children 也没有 rule");
	free(e);
	/* A default rule with a mistake is reported once, at its line. */
	e = parse_bad(HEAD("10")
		"- code: '1'\n  title: 类别\n  points: 10\n  score: deduct\n"
		"  defaults:\n    rule: {type: per}\n  children:\n"
		"  - {code: '1.1', title: 甲}\n  - {code: '1.2', title: 乙}\n");
	assert_contains(e, "bad.yaml:12: 节点 1.1 的规则缺少“each”");
	assert_null(strstr(e, "1.2 的规则缺少"));
	free(e);
}

/* Defaults reach rows at any depth; a group that states only `na` leaves
 * the rule above in force:
 *   3 应急管理（10分）：以下各项，未落实的每项扣2分（下同）。
 *     3.1 预案管理（本地区不涉及的按满分计）：3.1.1 预案编制；3.1.2 预案备案。 */
static void defaults_nested(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(HEAD("10")
		"- code: '3'\n  title: 应急管理\n  points: 10\n  score: deduct\n"
		"  text: 以下各项，未落实的每项扣2分（下同）。\n"
		"  defaults:\n    rule: {type: fixed, deduct: 2, text: 未落实}\n  children:\n"
		"  - code: '3.1'\n    title: 预案管理\n    points: 10\n    score: deduct\n"
		"    defaults: {na: full}\n    children:\n"
		"    - {code: '3.1.1', title: 预案编制}\n    - {code: '3.1.2', title: 预案备案}\n");
	assert_int_equal(scheme_find(s, "3.1.2")->rule.deduct, POINTS(2));
	assert_int_equal(scheme_find(s, "3.1.2")->na, NA_FULL);
	assert_int_equal(scheme_find(s, "3.1")->na, NA_NONE);     /* rows only */
	/* 3.1.1 未落实: 2; 3.1.2 不涉及: full. 3.1 = 10 − 2 = 8; 3 = 10 − 2 = 8. */
	struct finding f[] = {f_cond("3.1.1", COND(1)), f_na("3.1.2")};
	struct result *r = score_ok(s, f, 2);
	assert_int_equal(node_score(r, "3.1"), POINTS(8));
	assert_int_equal(r->total, POINTS(8));
	result_free(r);
	scheme_free(s);
}

/* 3.1 本项仅适用于危险化学品企业。每发现1处储存不规范扣2分，最高扣10分。
 * 3.2 每少培训1人次扣1分，最高扣10分。 */
static const char *industry_yaml = HEAD("20")
	"- code: '3'\n  title: 企业安全管理\n  points: 20\n  score: sum\n  children:\n"
	"  - code: '3.1'\n    title: 危化品储存\n    points: 10\n"
	"    text: 本项仅适用于危险化学品企业。每发现1处储存不规范扣2分，最高扣10分。\n"
	"    only_industry: [危险化学品]\n    na: rescale\n"
	"    rule: {type: per, each: 2, cap: 10, unit: 处}\n"
	"  - {code: '3.2', title: 培训, points: 10, text: 每少培训1人次扣1分，最高扣10分。, rule: {type: per, each: 1, cap: 10, unit: 人次}}\n";

static void eligibility_by_industry(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(industry_yaml);
	/* 危险化学品: 3.1 2 处 × 2 = 4 -> 6; 3.2 1 人次 -> 9: 15. */
	struct finding f[] = {f_count("3.1", 2), f_count("3.2", 1)};
	struct unit_input in = {.unit = "示例化工有限公司", .industry = "危险化学品", .findings = f,
				.nfindings = 2};
	struct diag d = {0};
	struct result *r = score_unit(s, &in, &d);
	assert_non_null(r);
	assert_int_equal(r->total, POINTS(15));
	result_free(r);
	/* 机械制造: 3.1 does not apply (rescale): 3.2 → 9 of 10, × 20 ÷ 10 = 18. */
	in = (struct unit_input){.unit = "示例机械有限公司", .industry = "机械制造",
				 .findings = f + 1, .nfindings = 1};
	r = score_unit(s, &in, &d);
	assert_non_null(r);
	assert_true(r->nodes[scheme_find(s, "3.1")->index].na);
	assert_int_equal(r->total, POINTS(18));
	assert_contains(node_derivation(r, "3.1"), "本项仅适用于危险化学品行业，本单位行业为“机械制造”");
	result_free(r);
	/* No industry recorded: not applicable either; 18. */
	in.industry = NULL;
	r = score_unit(s, &in, &d);
	assert_non_null(r);
	assert_int_equal(r->total, POINTS(18));
	result_free(r);
	/* A finding for 3.1 on the 机械制造 unit is refused, not ignored. */
	in = (struct unit_input){.unit = "示例机械有限公司", .industry = "机械制造", .findings = f,
				 .nfindings = 2};
	char *e = score_bad(s, &in);
	assert_contains(e, "3.1（危化品储存）只适用于危险化学品行业的单位，不适用于行业为“机械制造”的单位");
	free(e);
	diag_free(&d);
	/* Unrestricted without na: refused at its line. */
	e = parse_bad(HEAD("10")
		"- code: '1'\n  title: 类别\n  points: 10\n  score: deduct\n  children:\n"
		"  - {code: '1.1', title: 甲, text: 本项仅适用于煤矿, only_industry: [煤矿], rule: {type: fixed, deduct: 2}}\n"
		"  - {code: '1.2', title: 乙, text: t, only_industry: 煤矿, na: full, rule: {type: fixed, deduct: 2}}\n");
	assert_contains(e, "bad.yaml:12: 1.1：only_industry 须同时写明不适用时的处理 na");
	assert_contains(e, "bad.yaml:13: “only_industry”必须是非空列表");
	free(e);
	scheme_free(s);
}

/* 企业工作, scored on each sampled enterprise's sheet:
 *   1.1 危化品管理（40分，仅适用于危险化学品企业）：重大危险源未登记建档的，每处扣5分，最高扣20分。
 *   1.2 隐患排查（60分）：每发现1处一般隐患未整改扣2分，最高扣20分（与1.1.1不重复扣分）；
 *       未建立隐患排查治理台账的，扣10分。 */
static const char *sheet_yaml =
	"scheme: t\ntitle: 测试\nunit: county\nyear: 2016\npoints: 100\n"
	"samples:\n- {kind: enterprise, min: 2, max: 3}\n"
	"links:\n- ['1.1.1', '1.2.1']\nchildren:\n"
	"- code: '1'\n  title: 企业工作\n  points: 100\n  score: sheets\n  sample: enterprise\n  children:\n"
	"  - code: '1.1'\n    title: 危化品管理\n    points: 40\n    score: deduct\n"
	"    only_industry: [危险化学品]\n    na: rescale\n    children:\n"
	"    - {code: '1.1.1', title: 重大危险源, text: 重大危险源未登记建档的，每处扣5分，最高扣20分。, rule: {type: per, each: 5, cap: 20, unit: 处}}\n"
	"  - code: '1.2'\n    title: 隐患排查\n    points: 60\n    score: deduct\n    children:\n"
	"    - {code: '1.2.1', title: 一般隐患, text: 每发现1处一般隐患未整改扣2分，最高扣20分（与1.1.1不重复扣分）。, rule: {type: per, each: 2, cap: 20, unit: 处}}\n"
	"    - {code: '1.2.2', title: 台账, text: 未建立隐患排查治理台账的，扣10分。, rule: {type: fixed, deduct: 10}}\n";

static void sheets_industry_and_link(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(sheet_yaml);
	/* 甲化工 (危险化学品): 1.1.1 2 处 × 5 = 10, 1.2.1 3 处 × 2 = 6: one
	 * fact, 10 counts: 1.1 = 30, 1.2 = 60: 90.
	 * 乙机械 (机械制造): 1.1 does not apply (rescale); 1.2.1 3 × 2 = 6 and
	 * 1.2.2 10: 1.2 = 44; 44 × 100 ÷ 60 = 73.333… -> 73.33.
	 * Mean (90 + 73.33) ÷ 2 = 81.665 -> 81.67. */
	struct finding a[] = {f_count("1.1.1", 2), f_count("1.2.1", 3)};
	struct finding b[] = {f_count("1.2.1", 3), f_cond("1.2.2", COND(1))};
	struct sheet_input sh[] = {{"1", "甲化工", a, 2, "危险化学品"}, {"1", "乙机械", b, 2, "机械制造"}};
	struct unit_input in = {.sheets = sh, .nsheets = 2};
	struct diag d = {0};
	struct result *r = score_unit(s, &in, &d);
	assert_non_null(r);
	const struct node *one = scheme_find(s, "1"), *n121 = scheme_find(s, "1.2.1");
	const struct node_result *nr = &r->nodes[one->index];
	assert_int_equal(nr->sheets[0].nodes[one->index].score, POINTS(90));
	assert_int_equal(nr->sheets[0].nodes[n121->index].deduction, 0);
	assert_contains(nr->sheets[0].nodes[n121->index].derivation, "与 1.1.1 不重复扣分");
	assert_int_equal(nr->sheets[1].nodes[one->index].score, 7333);
	assert_true(nr->sheets[1].nodes[scheme_find(s, "1.1")->index].na);
	assert_int_equal(nr->score, 8167);
	result_free(r);
	/* 1.1.1 on the 机械制造 sheet is refused. */
	struct sheet_input bad[] = {{"1", "乙机械", a, 2, "机械制造"}};
	in = (struct unit_input){.sheets = bad, .nsheets = 1};
	char *e = score_bad(s, &in);
	assert_contains(e, "抽查单位“乙机械”");
	assert_contains(e, "1.1.1（重大危险源）只适用于危险化学品行业的单位");
	free(e);
	diag_free(&d);
	scheme_free(s);
	/* A link across the unit's own sheet and a sampled sheet is refused. */
	struct buf y = {0};
	buf_printf(&y, "%s", sheet_yaml);
	char *t = strstr(buf_str(&y), "['1.1.1', '1.2.1']");
	memcpy(t, "['1.1.1', '2.1'  ]", strlen("['1.1.1', '2.1'  ]"));
	buf_puts(&y, "- code: '2'\n  title: 县区\n  points: 0\n  score: deduct\n  children:\n"
		 "  - {code: '2.1', title: 甲, text: 每处扣2分, rule: {type: per, each: 2}}\n");
	e = parse_bad(buf_str(&y));
	assert_contains(e, "bad.yaml:9: 不重复扣分关联：1.1.1 与 2.1 不在同一张评分表上");
	free(e);
	buf_free(&y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(overflow_bound_reached_not_exceeded),
		cmocka_unit_test(overflow_to_the_part),
		cmocka_unit_test(overflow_to_the_total),
		cmocka_unit_test(overflow_refused),
		cmocka_unit_test(link_first_larger),
		cmocka_unit_test(link_second_larger),
		cmocka_unit_test(link_refused),
		cmocka_unit_test(defaults_inherited_and_overridden),
		cmocka_unit_test(defaults_refused),
		cmocka_unit_test(defaults_nested),
		cmocka_unit_test(eligibility_by_industry),
		cmocka_unit_test(sheets_industry_and_link),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
