/* test_rules.c: every rule form of the scheme language, each scored on a
 * small scheme against a number worked out by hand from the rubric
 * sentence quoted above it. */
#include "testutil.h"
#include "date.h"
#include <time.h>

#define HEAD(points) \
	"scheme: t\ntitle: 测试\nunit: county\nyear: 2016\npoints: " points "\nchildren:\n"

/* 每少落实1次，扣2分，最高扣10分 (county 2.1.1.4). */
static const char *per_yaml = HEAD("40")
	"- code: '1'\n  title: 类别\n  points: 40\n  score: deduct\n  children:\n"
	"  - code: '1.1'\n    title: 带队检查\n    text: 每少落实1次，扣2分，最高扣10分。\n"
	"    rule: {type: per, each: 2, cap: 10}\n"
	"  - code: '1.2'\n    title: 发展规划\n    text: 每发现1地扣2分，最高可扣10分。\n"
	"    rule: {type: per, each: 2, cap: 10, unit: 地}\n";

static void per_occurrence_below_cap(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(per_yaml);
	/* 3 missed: 3 × 2 = 6 ≤ 10 -> 扣6分; category 40 − 6 = 34. */
	struct finding f[] = {f_count("1.1", 3)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(6));
	assert_int_equal(node_score(r, "1"), POINTS(34));
	assert_contains(node_derivation(r, "1.1"), "3 次 × 2 分 = 6 分，上限 10 分 → 扣 6 分");
	result_free(r);
	scheme_free(s);
}

static void per_occurrence_capped(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(per_yaml);
	/* 7 missed: 7 × 2 = 14 > 10 -> 扣10分; 每发现1地: 2 places -> 4.
	 * category 40 − 10 − 4 = 26. */
	struct finding f[] = {f_count("1.1", 7), f_count("1.2", 2)};
	struct result *r = score_ok(s, f, 2);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(10));
	assert_int_equal(node_deduction(r, "1.2"), POINTS(4));
	assert_int_equal(node_score(r, "1"), POINTS(26));
	assert_int_equal(r->total, POINTS(26));
	assert_contains(node_derivation(r, "1.2"), "2 地 × 2 分 = 4 分");
	result_free(r);
	scheme_free(s);
}

/* 未制定计划的，扣2分；未按照计划组织实施的，扣2分；实施不到位的，扣2分。最高扣10分
 * (county 2.2.2.3), and 未制定或不健全的，扣2分；虽制定但照抄照搬…扣2分；没有进行
 * 认真严格落实的，扣2分。最高扣5分 (county 2.3.2.1), and 未落实扣10分 (1.1.1). */
static const char *cond_yaml = HEAD("30")
	"- code: '1'\n  title: 类别\n  points: 30\n  score: deduct\n  children:\n"
	"  - code: '1.1'\n    title: 检查计划\n    text: 未制定计划的，扣2分；…最高扣10分。\n"
	"    rule:\n      type: conditions\n      cap: 10\n      conditions:\n"
	"      - {text: 未制定计划的, deduct: 2}\n"
	"      - {text: 未按照计划组织实施的, deduct: 2}\n"
	"      - {text: 实施不到位的, deduct: 2}\n"
	"  - code: '1.2'\n    title: 规章制度\n    text: …最高扣5分。\n"
	"    rule:\n      type: conditions\n      cap: 5\n      conditions:\n"
	"      - {text: 未制定或不健全的, deduct: 2}\n"
	"      - {text: 虽制定但照抄照搬不符合单位实际的, deduct: 2}\n"
	"      - {text: 没有进行认真严格落实的, deduct: 2}\n"
	"  - code: '1.3'\n    title: 中心组学习\n    text: 未落实扣10分。\n"
	"    rule: {type: fixed, deduct: 10, text: 未落实}\n";

static void conditions_named(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(cond_yaml);
	/* conditions 1 and 3 on 1.1: 2 + 2 = 4 ≤ 10 -> 4;
	 * all three on 1.2: 2 + 2 + 2 = 6 > 5 -> 5; 1.3 not found -> 0.
	 * category: 30 − 4 − 5 = 21. */
	struct finding f[] = {f_cond("1.1", COND(1) | COND(3)),
			      f_cond("1.2", COND(1) | COND(2) | COND(3)), f_cond("1.3", 0)};
	struct result *r = score_ok(s, f, 3);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(4));
	assert_int_equal(node_deduction(r, "1.2"), POINTS(5));
	assert_int_equal(node_deduction(r, "1.3"), 0);
	assert_int_equal(node_score(r, "1"), POINTS(21));
	assert_contains(node_derivation(r, "1.1"), "情形 1（未制定计划的）扣 2 分 + 情形 3（实施不到位的）扣 2 分");
	result_free(r);
	scheme_free(s);
}

static void fixed_deduction(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(cond_yaml);
	/* 未落实扣10分: found -> 10; category 30 − 10 = 20. */
	struct finding f[] = {f_cond("1.3", COND(1))};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "1.3"), POINTS(10));
	assert_int_equal(r->total, POINTS(20));
	result_free(r);
	scheme_free(s);
}

/* Attachment 4, 1.3: four items 未落实的，1项扣10分，最高可扣40分 and
 * 每开展1项活动加20分，最高可加40分, in a 200-point category. */
static const char *earn_yaml = HEAD("200")
	"- code: '1'\n  title: 各项活动\n  points: 200\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 活动一, text: 1项扣10分，最高可扣40分, rule: {type: per, each: 10, cap: 40, unit: 项}}\n"
	"  - {code: '1.2', title: 活动二, text: 1项扣10分，最高可扣40分, rule: {type: per, each: 10, cap: 40, unit: 项}}\n"
	"  - {code: '1.3', title: 活动三, text: 1项扣10分，最高可扣40分, rule: {type: per, each: 10, cap: 40, unit: 项}}\n"
	"  - {code: '1.4', title: 活动四, text: 1项扣10分，最高可扣40分, rule: {type: per, each: 10, cap: 40, unit: 项}}\n"
	"  - {code: '1.5', title: 专项整治, text: 每开展1项活动加20分，最高可加40分, rule: {type: earn, each: 20, cap: 40}}\n";

static void earned_points(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(earn_yaml);
	/* No campaign: the 40 earnable points are not earned: 200 − 40 = 160. */
	struct result *r = score_ok(s, NULL, 0);
	assert_int_equal(r->total, POINTS(160));
	result_free(r);
	/* One campaign: earns 20: 200 − 20 = 180. */
	struct finding one[] = {f_count("1.5", 1)};
	r = score_ok(s, one, 1);
	assert_int_equal(r->total, POINTS(180));
	assert_contains(node_derivation(r, "1.5"), "加 20 分");
	result_free(r);
	/* Three campaigns: 60 > 40 -> earns 40: full 200; one step missed on 1.2: 190. */
	struct finding three[] = {f_count("1.5", 3), f_count("1.2", 1)};
	r = score_ok(s, three, 2);
	assert_int_equal(r->total, POINTS(190));
	result_free(r);
	scheme_free(s);
}

/* Attachment 4, 1.1: 150 points; an item with no stated points is a judged
 * deduction bounded by the category; the category never drops below 0. */
static const char *judged_yaml = HEAD("150")
	"- code: '1'\n  title: 责任体系\n  points: 150\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 安委会, text: 各部门要成立安全生产委员会, rule: {type: judged}}\n"
	"  - {code: '1.2', title: 安全科室, text: …并明确相关职责。20分, rule: {type: judged, max: 20}}\n"
	"  - {code: '1.3', title: 研究部署, text: 每少落实1次，扣10分。最高可扣40分, rule: {type: per, each: 10, cap: 40}}\n"
	"  - {code: '1.4', title: 带队检查, text: 每少1人次扣10分，最高可扣50分, rule: {type: per, each: 10, cap: 50, unit: 人次}}\n";

static void judged_and_floor(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(judged_yaml);
	const struct node *n = scheme_find(s, "1.1");
	/* no stated points: bounded by the enclosing category, 150 */
	assert_int_equal(n->rule.max, POINTS(150));
	/* 1.1 judged 45 + 1.2 judged 20 + 1.3 4×10=40 + 1.4 6×10=60 capped 50
	 * = 155 > 150 -> 扣完为止: 0, not −5. */
	struct finding f[] = {f_deduct("1.1", POINTS(45)), f_deduct("1.2", POINTS(20)),
			      f_count("1.3", 4), f_count("1.4", 6)};
	struct result *r = score_ok(s, f, 4);
	assert_int_equal(node_score(r, "1"), 0);
	assert_contains(node_derivation(r, "1"), "扣完为止");
	result_free(r);
	/* judged 20.5 on a 20-point item is rejected, naming the item and value */
	struct finding over[] = {f_deduct("1.2", 2050)};
	struct unit_input in = {.findings = over, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.2");
	assert_contains(msg, "20.5");
	free(msg);
	scheme_free(s);
}

/* 行业专项: each industry scored out of 100 counts 10 (×0.1); 海港区's
 * 非煤矿山 is the mean of coal and non-coal; 行政执法 is one score of 100. */
static const char *industry_yaml = HEAD("130")
	"- code: '1'\n  title: 行政执法\n  points: 100\n  text: 行政执法100分\n  rule: {type: entered}\n"
	"- code: '2'\n  title: 行业专项\n  points: 30\n  score: sum\n  children:\n"
	"  - code: '2.1'\n    title: 非煤矿山\n    points: 10\n    score: mean\n    na: rescale\n    children:\n"
	"    - {code: '2.1.1', title: 非煤矿山, points: 10, text: 非煤矿山, rule: {type: entered}}\n"
	"    - {code: '2.1.2', title: 煤矿, points: 10, text: 煤矿, na: rescale, optional: true, rule: {type: entered}}\n"
	"  - {code: '2.2', title: 消防, points: 10, na: rescale, text: 消防, rule: {type: entered}}\n"
	"  - {code: '2.3', title: 旅游, points: 10, na: full, text: 旅游, rule: {type: entered, scale: 50}}\n";

static void entered_weighted_and_mean(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(industry_yaml);
	/* 行政执法 92 of 100 -> 92. 非煤矿山 80 -> 8, 煤矿 91 -> 9.1, mean
	 * (8 + 9.1) / 2 = 8.55. 消防 85 -> 8.5. 旅游 43 of 50 -> 43 × 10 / 50 = 8.6.
	 * part: 8.55 + 8.5 + 8.6 = 25.65; total 92 + 25.65 = 117.65. */
	struct finding f[] = {f_score("1", POINTS(92)), f_score("2.1.1", POINTS(80)),
			      f_score("2.1.2", POINTS(91)), f_score("2.2", POINTS(85)),
			      f_score("2.3", POINTS(43))};
	struct result *r = score_ok(s, f, 5);
	assert_int_equal(node_score(r, "2.1.2"), 910);
	assert_int_equal(node_score(r, "2.1"), 855);
	assert_int_equal(node_score(r, "2.3"), 860);
	assert_int_equal(node_score(r, "2"), 2565);
	assert_int_equal(r->total, 11765);
	assert_false(r->incomplete);
	result_free(r);
	scheme_free(s);
}

static void optional_and_not_applicable(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(industry_yaml);
	/* No coal mines: 2.1.2 left empty (optional) -> 2.1 = 2.1.1 = 7.7.
	 * 消防 not applicable (rescale), 旅游 not applicable (full: 10).
	 * applicable: 7.7 + 10 = 17.7 of 20, rescaled to 30: 17.7 × 30 / 20 = 26.55. */
	struct finding f[] = {f_score("1", POINTS(90)), f_score("2.1.1", POINTS(77)),
			      f_na("2.2"), f_na("2.3")};
	struct result *r = score_ok(s, f, 4);
	assert_int_equal(node_score(r, "2.1"), 770);
	assert_int_equal(node_score(r, "2.3"), POINTS(10));
	assert_int_equal(node_score(r, "2"), 2655);
	assert_int_equal(r->total, POINTS(90) + 2655);
	result_free(r);
	scheme_free(s);
}

static void missing_entered_score_is_incomplete(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(industry_yaml);
	struct finding f[] = {f_score("2.1.1", POINTS(80)), f_score("2.2", POINTS(80)),
			      f_score("2.3", POINTS(40))};
	struct result *r = score_ok(s, f, 3);
	assert_true(r->incomplete);
	assert_int_equal(r->nmissing, 1);
	assert_string_equal(r->missing[0], "1");
	/* no grade is proposed from a partial total */
	assert_int_equal(r->proposed, GRADE_NONE);
	result_free(r);
	scheme_free(s);
}

/* 部门工作: each sampled county department gets its own sheet; the
 * county's part is the mean of the sheets. */
static const char *sheets_yaml =
	"scheme: t\ntitle: 测试\nunit: county\nyear: 2016\npoints: 100\n"
	"samples:\n- {kind: county-department, min: 2, max: 3}\nchildren:\n"
	"- code: '1'\n  title: 部门工作\n  points: 100\n  score: sheets\n  sample: county-department\n  children:\n"
	"  - code: '1.1'\n    title: 责任体系\n    points: 40\n    score: deduct\n    children:\n"
	"    - {code: '1.1.1', title: 一岗双责, text: 未落实的，扣5分。, rule: {type: fixed, deduct: 5}}\n"
	"    - {code: '1.1.2', title: 研究部署, text: 每少落实1次，扣2分。最高扣10分。, rule: {type: per, each: 2, cap: 10}}\n"
	"  - code: '1.2'\n    title: 安排部署\n    points: 60\n    score: deduct\n    children:\n"
	"    - {code: '1.2.1', title: 督导检查, text: 每少组织开展1次，扣2分。最高扣10分。, rule: {type: per, each: 2, cap: 10}}\n";

static void sheets_mean(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(sheets_yaml);
	/* 交通局: 1.1.1 found (5) -> 35 + 60 = 95.
	 * 教育局: 1.1.2 ×3 (6), 1.2.1 ×1 (2) -> 34 + 58 = 92.
	 * 卫生局: nothing found -> 100.
	 * mean (95 + 92 + 100) / 3 = 95.666… -> 95.67 */
	struct finding a[] = {f_cond("1.1.1", COND(1))};
	struct finding b[] = {f_count("1.1.2", 3), f_count("1.2.1", 1)};
	struct sheet_input sh[] = {
		{"1", "交通局", a, 1}, {"1", "教育局", b, 2}, {"1", "卫生局", NULL, 0},
	};
	struct unit_input in = {.sheets = sh, .nsheets = 3};
	struct diag d = {0};
	struct result *r = score_unit(s, &in, &d);
	assert_non_null(r);
	const struct node_result *nr = &r->nodes[scheme_find(s, "1")->index];
	assert_int_equal(nr->nsheets, 3);
	assert_int_equal(nr->sheets[0].nodes[scheme_find(s, "1")->index].score, POINTS(95));
	assert_int_equal(nr->sheets[1].nodes[scheme_find(s, "1")->index].score, POINTS(92));
	assert_int_equal(nr->score, 9567);
	assert_contains(nr->derivation, "÷ 3 = 95.67 分");
	result_free(r);
	/* With no sheet the part is missing, not silently full. */
	struct unit_input none = {0};
	r = score_unit(s, &none, &d);
	assert_true(r->incomplete);
	assert_int_equal(r->total, 0);
	result_free(r);
	/* A sheet item entered on the unit's own sheet is refused. */
	struct unit_input wrong = {.findings = a, .nfindings = 1};
	char *msg = score_bad(s, &wrong);
	assert_contains(msg, "1.1.1");
	assert_contains(msg, "抽查单位");
	free(msg);
	diag_free(&d);
	scheme_free(s);
}

/* Other cities: 1–2次扣5分，3–4次扣12分，5次以上扣20分. */
static void steps_by_count(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(HEAD("20")
		"- code: '1'\n  title: 类别\n  points: 20\n  score: deduct\n  children:\n"
		"  - code: '1.1'\n    title: 隐患\n    text: 1-2次扣5分，3-4次扣12分，5次以上扣20分\n"
		"    rule: {type: steps, steps: [{from: 1, deduct: 5}, {from: 3, deduct: 12}, {from: 5, deduct: 20}]}\n");
	static const struct { int count; int deduct; } cases[] = {
		{0, 0}, {1, 5}, {2, 5}, {3, 12}, {4, 12}, {5, 20}, {9, 20},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct finding f[] = {f_count("1.1", cases[i].count)};
		struct result *r = score_ok(s, f, 1);
		assert_int_equal(node_deduction(r, "1.1"), POINTS(cases[i].deduct));
		assert_int_equal(r->total, POINTS(20 - cases[i].deduct));
		result_free(r);
	}
	scheme_free(s);
}

/* Three activities at 0.25 each, 扣完1分为止: one group shares the cap. */
static void counters_share_one_cap(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(HEAD("10")
		"- code: '1'\n  title: 类别\n  points: 10\n  score: deduct\n  children:\n"
		"  - code: '1.1'\n    title: 三项活动\n    points: 1\n    score: deduct\n"
		"    text: 每少参加1次扣0.25分，扣完1分为止\n    children:\n"
		"    - {code: '1.1.1', title: 活动甲, text: 每少1次扣0.25分, rule: {type: per, each: 0.25}}\n"
		"    - {code: '1.1.2', title: 活动乙, text: 每少1次扣0.25分, rule: {type: per, each: 0.25}}\n"
		"    - {code: '1.1.3', title: 活动丙, text: 每少1次扣0.25分, rule: {type: per, each: 0.25}}\n"
		"  - {code: '1.2', title: 其他, text: 未落实扣2分, rule: {type: fixed, deduct: 2}}\n");
	/* 1 + 1 + 0 missed: 0.5 -> group 0.5; total 10 − 0.5 = 9.5 */
	struct finding a[] = {f_count("1.1.1", 1), f_count("1.1.2", 1)};
	struct result *r = score_ok(s, a, 2);
	assert_int_equal(node_score(r, "1.1"), 50);
	assert_int_equal(r->total, 950);
	result_free(r);
	/* 2 + 1 + 2 missed: 1.25 > 1 -> 扣完1分为止: group 0, total 9 */
	struct finding b[] = {f_count("1.1.1", 2), f_count("1.1.2", 1), f_count("1.1.3", 2)};
	r = score_ok(s, b, 3);
	assert_int_equal(node_score(r, "1.1"), 0);
	assert_int_equal(r->total, POINTS(9));
	result_free(r);
	scheme_free(s);
}

/* 每超时限1天扣1分，最高扣5分; and 扣满4分的，追加扣除10分. */
static void per_day_late_and_extra(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(HEAD("20")
		"- code: '1'\n  title: 信息报送\n  points: 20\n  score: deduct\n  children:\n"
		"  - {code: '1.1', title: 报送时限, text: 每超时限1天扣1分，最高扣5分, rule: {type: per, each: 1, cap: 5, unit: 天}}\n"
		"  - {code: '1.2', title: 隐患整改, text: 每次扣1分，最高扣4分；扣满4分的，追加扣除10分, rule: {type: per, each: 1, cap: 4, extra: 10}}\n");
	/* 3 days late: 3; 1.2 three times: 3 (cap not reached). 20 − 6 = 14. */
	struct finding a[] = {f_count("1.1", 3), f_count("1.2", 3)};
	struct result *r = score_ok(s, a, 2);
	assert_int_equal(r->total, POINTS(14));
	assert_contains(node_derivation(r, "1.1"), "3 天 × 1 分");
	result_free(r);
	/* 1.2 four times: 4 = cap -> 4 + 10 = 14, more than the item's own 4
	 * points: 20 − 14 = 6. */
	struct finding b[] = {f_count("1.2", 4)};
	r = score_ok(s, b, 1);
	assert_int_equal(node_deduction(r, "1.2"), POINTS(14));
	assert_int_equal(r->total, POINTS(6));
	assert_contains(node_derivation(r, "1.2"), "追加扣 10 分");
	result_free(r);
	scheme_free(s);
}

/* Weighted parts (safety 70%, fire 30%), a bonus part outside the total
 * (加分项，不含在满分内), and a mandatory item. */
static const char *weighted_yaml = HEAD("100")
	"- code: '1'\n  title: 安全生产\n  points: 70\n  scale: 100\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 责任制, text: 未落实扣20分, mandatory: true, rule: {type: fixed, deduct: 20}}\n"
	"  - {code: '1.2', title: 检查, text: 每少1次扣5分, rule: {type: per, each: 5, cap: 50}}\n"
	"- code: '2'\n  title: 消防\n  points: 30\n  scale: 100\n  score: deduct\n  children:\n"
	"  - {code: '2.1', title: 演练, text: 每少1次扣15分, rule: {type: per, each: 15, cap: 60}}\n"
	"- code: '3'\n  title: 加分项\n  points: 5\n  bonus: true\n  score: deduct\n  children:\n"
	"  - {code: '3.1', title: 创新, text: 每项加1分，最高加5分, rule: {type: earn, each: 1, cap: 5}}\n";

static void weighted_parts_and_bonus(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(weighted_yaml);
	/* safety: 100 − 5 = 95 of 100 -> 95 × 70 / 100 = 66.5;
	 * fire: 100 − 15 = 85 of 100 -> 85 × 30 / 100 = 25.5;
	 * bonus: 3 items -> 3. Total 66.5 + 25.5 + 3 = 95. */
	struct finding f[] = {f_count("1.2", 1), f_count("2.1", 1), f_count("3.1", 3)};
	struct result *r = score_ok(s, f, 3);
	assert_int_equal(node_score(r, "1"), 6650);
	assert_int_equal(node_score(r, "2"), 2550);
	assert_int_equal(r->total, POINTS(95));
	result_free(r);
	/* nothing found and 5 bonus items: 70 + 30 + 5 = 105, above the 100 of
	 * the total: bonus points sit outside the cap. */
	struct finding g[] = {f_count("3.1", 7)};
	r = score_ok(s, g, 1);
	assert_int_equal(r->total, POINTS(105));
	result_free(r);
	scheme_free(s);
}

static void mandatory_item_zeroes_total(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(weighted_yaml);
	/* 1.1 is mandatory and 未落实: the whole score is 0. */
	struct finding f[] = {f_cond("1.1", COND(1))};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(r->total, 0);
	assert_non_null(r->mandatory_failed);
	assert_string_equal(r->mandatory_failed->code, "1.1");
	/* the parts themselves keep their scores for the record: 80 × 0.7 = 56 */
	assert_int_equal(node_score(r, "1"), POINTS(56));
	result_free(r);
	scheme_free(s);
}

static void rejected_inputs(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(cond_yaml);
	static const struct {
		struct finding f;
		const char *says;
	} cases[] = {
		{{.code = "1.1", .form = INPUT_CONDITIONS, .conditions = COND(4)}, "没有情形 4"},
		{{.code = "1.1", .form = INPUT_COUNT, .count = 2}, "应录入情形编号"},
		{{.code = "1.3", .form = INPUT_NA}, "不能标为不适用"},
		{{.code = "9.9", .form = INPUT_COUNT, .count = 1}, "未知的考核项编号“9.9”"},
		{{.code = "1", .form = INPUT_COUNT, .count = 1}, "是分类"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct unit_input in = {.findings = &cases[i].f, .nfindings = 1};
		char *msg = score_bad(s, &in);
		assert_contains(msg, cases[i].says);
		free(msg);
	}
	scheme_free(s);
	s = parse_ok(per_yaml);
	struct finding neg[] = {f_count("1.1", -1)};
	struct unit_input in = {.findings = neg, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.1 的次数 -1 不能为负数");
	free(msg);
	struct finding dup[] = {f_count("1.1", 1), f_count("1.1", 2)};
	in = (struct unit_input){.findings = dup, .nfindings = 2};
	msg = score_bad(s, &in);
	/* the second finding for 1.1 repeats the first of the list */
	assert_contains(msg, "与第1行重复（1.1）");
	free(msg);
	scheme_free(s);
	s = parse_ok(industry_yaml);
	struct finding over[] = {f_score("2.2", 10100)};
	in = (struct unit_input){.findings = over, .nfindings = 1};
	msg = score_bad(s, &in);
	assert_contains(msg, "2.2 的得分 101 超出范围（0 到 100 分）");
	free(msg);
	scheme_free(s);
}

/* Explanations show the numbers that were computed (each value formatted
 * into its own buffer). */
static void derivations_name_every_number(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(industry_yaml);
	/* 消防 85.55 of 100 counts 10: 85.55 × 10 ÷ 100 = 8.555 -> 8.56 */
	struct finding f[] = {f_score("1", POINTS(90)), f_score("2.1.1", POINTS(80)),
			      f_score("2.2", 8555), f_na("2.3")};
	struct result *r = score_ok(s, f, 4);
	assert_string_equal(node_derivation(r, "2.2"),
			    "录入得分 85.55 分（满分 100）× 10 ÷ 100 = 8.56 分");
	result_free(r);
	/* 消防 not applicable (rescale), 旅游 25 of 50 -> 5, 非煤矿山 80 -> 8:
	 * 8 + 5 = 13 of 20, rescaled to 30: 13 × 30 ÷ 20 = 19.5 */
	struct finding g[] = {f_score("1", POINTS(90)), f_score("2.1.1", POINTS(80)),
			      f_na("2.2"), f_score("2.3", POINTS(25))};
	r = score_ok(s, g, 4);
	assert_string_equal(node_derivation(r, "2"),
			    "适用项得分 8 + 5 = 13 分；1 项不适用，按比例折算：13 × 30 ÷ 20 = 19.5 分");
	result_free(r);
	scheme_free(s);
	/* 每开展1项活动加20分，最高可加40分, none run: earns 0, loses all 40 */
	s = parse_ok(earn_yaml);
	struct finding none[] = {f_count("1.5", 0)};
	r = score_ok(s, none, 1);
	assert_string_equal(node_derivation(r, "1.5"),
			    "开展 0 项 × 20 分 = 0 分，上限 40 分 → 加 0 分，扣 40 分");
	assert_int_equal(node_deduction(r, "1.5"), POINTS(40));
	result_free(r);
	scheme_free(s);
	/* a scaled group: safety 100 − 14.55 = 85.45 of 100 counts 70:
	 * 85.45 × 70 ÷ 100 = 59.815 -> 59.82 */
	s = parse_ok(weighted_yaml);
	struct finding w[] = {f_count("1.2", 1), f_count("2.1", 0)};
	r = score_ok(s, w, 2);
	assert_string_equal(node_derivation(r, "1"),
			    "100 − 扣分（5）= 95 分；按 100 分制折算：95 × 70 ÷ 100 = 66.5 分");
	result_free(r);
	scheme_free(s);
}

/* 海港区: the mean of two 100-point scores is weighted to 10 with one
 * rounding: (85.44 + 85.45) ÷ 2 × 10 ÷ 100 = 8.5445 -> 8.54 (rounding the
 * mean to 85.45 first would give 8.55). */
static void mean_then_weight_rounds_once(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(HEAD("10")
		"- code: '1'\n  title: 非煤矿山\n  points: 10\n  scale: 100\n  score: mean\n  children:\n"
		"  - {code: '1.1', title: 非煤矿山, points: 100, text: 非煤矿山, rule: {type: entered}}\n"
		"  - {code: '1.2', title: 煤矿, points: 100, text: 煤矿, na: rescale, optional: true, rule: {type: entered}}\n");
	struct finding f[] = {f_score("1.1", 8544), f_score("1.2", 8545)};
	struct result *r = score_ok(s, f, 2);
	assert_int_equal(node_score(r, "1"), 854);
	assert_contains(node_derivation(r, "1"), "170.89 ÷ 2 × 10 ÷ 100 = 8.54 分");
	result_free(r);
	scheme_free(s);
}

static void not_applicable_edges(void **state)
{
	(void)state;
	/* every industry not applicable: the part has nothing to score and no
	 * policy of its own -> refused, not silently full */
	struct unit_input in;
	char *msg;
	struct scheme *s;
	s = parse_ok(HEAD("20")
		"- code: '1'\n  title: 行业专项\n  points: 20\n  score: sum\n  children:\n"
		"  - {code: '1.1', title: 消防, points: 10, na: rescale, text: 消防, rule: {type: entered}}\n"
		"  - {code: '1.2', title: 旅游, points: 10, na: rescale, text: 旅游, rule: {type: entered}}\n");
	struct finding both[] = {f_na("1.1"), f_na("1.2")};
	in = (struct unit_input){.findings = both, .nfindings = 2};
	msg = score_bad(s, &in);
	assert_contains(msg, "1（行业专项）的下级全部不适用，无法计分");
	free(msg);
	scheme_free(s);
	/* a finding below a node marked not applicable would be ignored: refused */
	s = parse_ok(industry_yaml);
	struct finding under[] = {f_na("2.1"), f_score("2.1.1", POINTS(80))};
	in = (struct unit_input){.findings = under, .nfindings = 2};
	msg = score_bad(s, &in);
	assert_contains(msg, "2.1 已在第1行标为不适用，其下的 2.1.1 不能再录入");
	free(msg);
	scheme_free(s);
}

static void mandatory_edges(void **state)
{
	(void)state;
	/* a mandatory node inside a sheets part is refused by the checker */
	char *msg = parse_bad(HEAD("10")
		"- code: '1'\n  title: 企业\n  points: 10\n  score: sheets\n  sample: enterprise\n  children:\n"
		"  - {code: '1.1', title: a, points: 10, text: a, mandatory: true, rule: {type: fixed, deduct: 10}}\n");
	assert_contains(msg, "bad.yaml:13: 1.1：抽查单位评分表（sheets）中的节点不能是必达项 mandatory");
	free(msg);
	/* a mandatory item under a group marked not applicable is not scored,
	 * so it does not zero the total: 10 + 0 (n/a, full 10) = 20 */
	struct scheme *s = parse_ok(HEAD("20")
		"- code: '1'\n  title: 甲\n  points: 10\n  score: deduct\n  children:\n"
		"  - {code: '1.1', title: a, text: a, rule: {type: fixed, deduct: 10}}\n"
		"- code: '2'\n  title: 乙\n  points: 10\n  na: full\n  score: deduct\n  children:\n"
		"  - {code: '2.1', title: b, text: b, mandatory: true, rule: {type: fixed, deduct: 10}}\n");
	struct finding f[] = {f_na("2")};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(r->total, POINTS(20));
	assert_null(r->mandatory_failed);
	result_free(r);
	scheme_free(s);
}

/* Huge numbers in a scheme cannot overflow the arithmetic. */
static void no_overflow(void **state)
{
	(void)state;
	struct buf y = {0};
	buf_puts(&y, HEAD("10") "- code: '1'\n  title: 类别\n  points: 10\n  score: deduct\n  children:\n");
	for (int i = 1; i <= 100; i++)
		buf_printf(&y, "  - {code: '1.%d', title: x, text: x, rule: {type: per, each: 1000000000}}\n", i);
	struct scheme *s = parse_ok(buf_str(&y));
	struct finding f[100];
	char codes[100][16];
	for (int i = 0; i < 100; i++) {
		snprintf(codes[i], sizeof codes[i], "1.%d", i + 1);
		f[i] = f_count(codes[i], 1000000);
	}
	struct result *r = score_ok(s, f, 100);
	assert_int_equal(r->total, 0);
	result_free(r);
	scheme_free(s);
	buf_free(&y);
}

/* Hostile scheme files: bounded work, no out-of-bounds reads. */
static void hostile_files(void **state)
{
	(void)state;
	char *msg = parse_bad(HEAD("10")
		"- code: '1'\n  title: 类别\n  points: 10\n  score: deduct\n  children:\n"
		"  - {code: '1.1', title: x, text: x, rule: {type: steps, steps: [5, {from: 1, deduct: 5}]}}\n");
	assert_contains(msg, "第 1 档必须是映射");
	free(msg);
	struct buf y = {0};
	buf_puts(&y, "scheme: t\n");
	for (int i = 0; i < 3000; i++)
		buf_puts(&y, "note: x\n");
	msg = parse_bad(buf_str(&y));
	assert_contains(msg, "个问题未列出");
	/* at most 100 problems listed, plus the line that counts the rest */
	int lines = 0;
	for (const char *p = msg; *p; p++)
		lines += *p == '\n';
	assert_true(lines <= 102);
	free(msg);
	buf_free(&y);
	msg = parse_bad("scheme: !!str t\n");
	assert_contains(msg, "不支持 YAML 标签");
	free(msg);
}

/* What a method asks the unit to provide, in the plan's own words. */
static void method_asks_materials(void **state)
{
	(void)state;
	/* 附件2 1.1.3: "…负责提供本级相关文件或资料，考核组进行检查核实。" */
	char *a = method_asks("由各县（区）、抽查的乡镇（街道）安委办分别负责提供本级相关文件或资料，考核组进行检查核实。");
	assert_string_equal(a, "本级相关文件或资料");
	free(a);
	/* a parenthesis ends what is asked */
	a = method_asks("由各县（区）、抽查的乡镇（街道）安委办分别负责提供本级党委领导班子及其班子成员的述职材料（未开始实施的，要提供对此项工作进行安排部署的相关文件），考核组进行检查。");
	assert_string_equal(a, "本级党委领导班子及其班子成员的述职材料");
	free(a);
	/* "…述职报告和相关材料考核组进行检查核实" (no comma in the plan) */
	a = method_asks("由各县（区）、抽查的乡镇（街道）安委办分别负责提供本级政府领导班子和班子成员的述职报告和相关材料考核组进行检查核实。");
	assert_string_equal(a, "本级政府领导班子和班子成员的述职报告和相关材料");
	free(a);
	/* "负责提供，6个专项行动方案，…" (a stray comma after 提供) */
	a = method_asks("由各县（区）、抽查的乡镇（街道）安委办分别负责提供，6个专项行动方案，安排部署、督导检查相关文件资料。");
	assert_string_equal(a, "6个专项行动方案，安排部署、督导检查相关文件资料");
	free(a);
	/* 附件2 1.1.1 "检查党委中心组学习计划、学习资料，抽查学习笔记。": what the
	 * team checks, up to the first comma */
	a = method_asks("检查党委中心组学习计划、学习资料，抽查学习笔记。");
	assert_string_equal(a, "党委中心组学习计划、学习资料");
	free(a);
	/* a method that names no document: "依据…文件规定；抽查…工作日志" */
	assert_null(method_asks("依据本级“党政同责、一岗双责”文件规定；抽查2-3名班子成员的工作日志。"));
	assert_null(method_asks(NULL));
}

/* Dates: real days only; differences across months and leap years. */
static void dates(void **state)
{
	(void)state;
	int y = 0;
	assert_true(date_valid("2016-02-29", &y));
	assert_int_equal(y, 2016);
	assert_false(date_valid("2017-02-29", NULL));
	assert_false(date_valid("2017-2-1", NULL));
	assert_false(date_valid("2017-01-32", NULL));
	assert_false(date_valid("２０１７-01-01", NULL));
	/* 2017-01-04 to 2017-01-20: the plan's window, 16 days */
	assert_int_equal(date_diff("2017-01-04", "2017-01-20"), 16);
	/* 2016 is a leap year: 2016-02-28 to 2016-03-01 is 2 days */
	assert_int_equal(date_diff("2016-02-28", "2016-03-01"), 2);
	assert_int_equal(date_diff("2017-01-20", "2016-12-31"), -20);
	/* UI.md: dates as 2017年1月20日 on pages and documents, no leading zeros */
	char day[DATE_CN_SIZE], t[TIME_CN_SIZE];
	assert_true(date_cn("2017-01-04", day));
	assert_string_equal(day, "2017年1月4日");
	assert_false(date_cn("一月", day));
	assert_string_equal(day, "一月");
	/* a recorded UTC time in the local zone (TZ=UTC here: the same clock) */
	setenv("TZ", "UTC", 1);
	tzset();
	assert_true(time_cn("2017-01-20 02:05:09", t));
	assert_string_equal(t, "2017年1月20日 02:05");
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	/* UTC+8: 20:30 UTC on the 20th is 04:30 on the 21st in Beijing */
	assert_true(time_cn("2017-01-20 20:30:00", t));
	assert_string_equal(t, "2017年1月21日 04:30");
	unsetenv("TZ");
	tzset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(per_occurrence_below_cap),
		cmocka_unit_test(per_occurrence_capped),
		cmocka_unit_test(conditions_named),
		cmocka_unit_test(fixed_deduction),
		cmocka_unit_test(earned_points),
		cmocka_unit_test(judged_and_floor),
		cmocka_unit_test(entered_weighted_and_mean),
		cmocka_unit_test(optional_and_not_applicable),
		cmocka_unit_test(missing_entered_score_is_incomplete),
		cmocka_unit_test(sheets_mean),
		cmocka_unit_test(steps_by_count),
		cmocka_unit_test(counters_share_one_cap),
		cmocka_unit_test(per_day_late_and_extra),
		cmocka_unit_test(weighted_parts_and_bonus),
		cmocka_unit_test(mandatory_item_zeroes_total),
		cmocka_unit_test(rejected_inputs),
		cmocka_unit_test(derivations_name_every_number),
		cmocka_unit_test(mean_then_weight_rounds_once),
		cmocka_unit_test(not_applicable_edges),
		cmocka_unit_test(mandatory_edges),
		cmocka_unit_test(no_overflow),
		cmocka_unit_test(hostile_files),
		cmocka_unit_test(method_asks_materials),
		cmocka_unit_test(dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
