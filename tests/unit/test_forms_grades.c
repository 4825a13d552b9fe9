/* test_forms_grades.c: grade and veto forms, each from a rubric row quoted
 * here and worked by hand: grades named by the scheme (一级、二级、三级;
 * 达标、基本达标、不达标), ★ items of the grade a unit applies for, and
 * vetoes on an item, a part below a line, a single accident with N deaths,
 * and one limited to a class of units; the 2016 names stay as they were. */
#include "testutil.h"
#include "veto_forms.h"

#define HEAD "scheme: t\ntitle: 测试\nunit: county\nyear: 2017\npoints: 100\n"

/* 达标、基本达标、不达标: "得分80分以上为达标，60分以上为基本达标，其余为不达标";
 * "发生1次死亡3人以上事故的，一票否决（不达标）". */
static const char *three = HEAD
	"grades:\n- {grade: 达标, min: 80}\n- {grade: 基本达标, min: 60}\n- {grade: 不达标}\n"
	"vetoes:\n"
	"- {code: V1, title: 发生1次死亡3人以上事故, when: {accidents: 1, min_deaths: 3}, effect: fail}\n"
	"children:\n- code: '1'\n  title: 甲\n  points: 100\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n";

static struct result *run(const struct scheme *s, struct unit_input *in)
{
	struct diag d = {0};
	struct result *r = score_unit(s, in, &d);
	for (int i = 0; i < d.n; i++)
		fprintf(stderr, "%s\n", d.msgs[i]);
	diag_free(&d);
	assert_non_null(r);
	return r;
}

static struct result *judged(const struct scheme *s, points_t deduct, const struct accident *a, int na)
{
	struct finding f[] = {f_deduct("1.1", deduct)};
	struct unit_input in = {.findings = f, .nfindings = 1, .accidents = a, .naccidents = na};
	return run(s, &in);
}

static void names_of_the_scheme(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(three);
	assert_true(s->grades_custom);
	/* three grades numbered so that the last is the one a veto gives */
	assert_int_equal(scheme_grade_parse(s, "达标"), GRADE_GOOD);
	assert_int_equal(scheme_grade_parse(s, "不达标"), GRADE_FAIL);
	assert_int_equal(scheme_grade_parse(s, "优秀"), GRADE_NONE);
	assert_int_equal(scheme_grade_best(s), GRADE_GOOD);
	/* 80 is 达标 (以上包括本数), 79.99 基本达标, 59.99 不达标 */
	assert_string_equal(scheme_grade_name(s, grade_by_score(s, POINTS(80))), "达标");
	assert_string_equal(scheme_grade_name(s, grade_by_score(s, 7999)), "基本达标");
	assert_string_equal(scheme_grade_name(s, grade_by_score(s, 5999)), "不达标");
	struct buf b = {0};
	scheme_grade_list(s, &b);
	assert_string_equal(buf_str(&b), "达标、基本达标、不达标");
	buf_free(&b);
	/* 95 points but one accident with 3 deaths: 不达标 */
	struct accident a[] = {{.deaths = 3}};
	struct result *r = judged(s, POINTS(5), a, 1);
	assert_string_equal(scheme_grade_name(s, r->by_score), "达标");
	assert_string_equal(scheme_grade_name(s, r->proposed), "不达标");
	result_free(r);
	scheme_free(s);
	/* a scheme of the four standard names keeps their values and words */
	s = parse_ok(HEAD "grades:\n- {grade: 优秀, min: 90}\n- {grade: 合格, min: 60}\n- {grade: 不合格}\n"
		     "children:\n- code: '1'\n  title: 甲\n  points: 100\n  score: deduct\n  children:\n"
		     "  - {code: '1.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n");
	assert_false(s->grades_custom);
	assert_int_equal(s->grades[1].grade, GRADE_PASS);
	assert_string_equal(s->grades[1].name, "合格");
	assert_int_equal(scheme_grade_parse(s, "良好"), GRADE_GOOD);
	assert_string_equal(scheme_cap_word(s), "优秀否决");
	scheme_free(s);
	/* and the 2016 county scheme states its grades as before */
	s = builtin("qhd-2016-county");
	assert_string_equal(scheme_grade_name(s, GRADE_EXCELLENT), "优秀");
	assert_string_equal(scheme_grade_name(s, GRADE_FAIL), "不合格");
	scheme_free(s);
}

/* "★为一级必达项，有一项未达到的，不得评为一级"; grades 一级 ≥ 90, 二级 ≥ 75,
 * 三级 ≥ 60. 1.1 is a ★ item of 一级, 1.2 of 二级. */
static const char *starred = HEAD
	"grades:\n- {grade: 一级, min: 90}\n- {grade: 二级, min: 75}\n- {grade: 三级, min: 60}\n- {grade: 不达标}\n"
	"vetoes:\n"
	"- {code: S1, title: 一级必达项未达到, when: {mandatory: 一级}, effect: at-most, grade: 二级}\n"
	"- {code: S2, title: 二级必达项未达到, when: {mandatory: 二级}, effect: at-most, grade: 三级}\n"
	"children:\n- code: '1'\n  title: 甲\n  points: 100\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 责任制, mandatory_for: [一级], text: ★未建立责任制的扣5分,"
	"     rule: {type: fixed, deduct: 5}}\n"
	"  - {code: '1.2', title: 预案, mandatory_for: 二级, text: ★未编制应急预案的扣5分,"
	"     rule: {type: fixed, deduct: 5}}\n"
	"  - {code: '1.3', title: 评定, text: 评定扣分, rule: {type: judged}}\n";

static void mandatory_of_the_grade_applied_for(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(starred);
	/* 1.1 not met: 100 − 5 = 95 → 一级 by score. */
	struct finding f[] = {f_cond("1.1", 1)};
	struct unit_input in = {.findings = f, .nfindings = 1, .applied_grade = "一级"};
	struct result *r = run(s, &in);
	/* applying for 一级: S1 → at most 二级 */
	assert_int_equal(r->total, POINTS(95));
	assert_string_equal(scheme_grade_name(s, r->proposed), "二级");
	assert_int_equal(r->nvetoes, 1);
	assert_string_equal(r->vetoes[0].rule->code, "S1");
	assert_string_equal(r->vetoes[0].detail, "申报一级必达项（★）1 项未达到：1.1（责任制）得 0 分，满分 5 分");
	result_free(r);
	/* applying for 二级: the 一级 ★ item does not bind it, no veto */
	in.applied_grade = "二级";
	r = run(s, &in);
	assert_int_equal(r->nvetoes, 0);
	assert_string_equal(scheme_grade_name(s, r->proposed), "一级");
	result_free(r);
	/* nothing recorded: every ★ item binds */
	in.applied_grade = NULL;
	r = run(s, &in);
	assert_int_equal(r->nvetoes, 1);
	assert_string_equal(r->vetoes[0].detail, "一级必达项（★）1 项未达到：1.1（责任制）得 0 分，满分 5 分");
	result_free(r);
	/* 1.2 (★ of 二级) not met, applying for 二级: 95 → at most 三级 */
	struct finding g[] = {f_cond("1.2", 1)};
	struct unit_input in2 = {.findings = g, .nfindings = 1, .applied_grade = "二级"};
	r = run(s, &in2);
	assert_string_equal(scheme_grade_name(s, r->proposed), "三级");
	result_free(r);
	scheme_free(s);
}

/* "安全基础管理部分得分低于60%的，不得评为优秀"; "未建立隐患排查治理制度的，不得
 * 评为优秀"; "隐患排查（1.2）有扣分的，最高评为合格". Part 1 is 50 points. */
static const char *triggers = HEAD
	"vetoes:\n"
	"- {code: E1, title: 基础管理低于60%, when: {part: '1', below: 60%}, effect: at-most, grade: 良好}\n"
	"- {code: E2, title: 未建立隐患排查治理制度, when: {item: '1.2', condition: 1}, effect: at-most, grade: 良好}\n"
	"- {code: E3, title: 隐患排查有扣分, when: {item: '1.2'}, effect: at-most, grade: 合格}\n"
	"children:\n- code: '1'\n  title: 安全基础管理\n  points: 50\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n"
	"  - {code: '1.2', title: 隐患排查, text: 未建立制度的扣5分；台账不全的扣2分,"
	"     rule: {type: conditions, conditions: [{text: 未建立制度, deduct: 5}, {text: 台账不全, deduct: 2}]}}\n"
	"- code: '2'\n  title: 其他\n  points: 50\n  score: deduct\n  children:\n"
	"  - {code: '2.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n";

static void part_below_and_item_found(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(triggers);
	/* the line: 60% of 50 = 30. 1.1 −20 → 30: not below (低于 excludes it). */
	struct finding f[] = {f_deduct("1.1", POINTS(20))};
	struct unit_input in = {.findings = f, .nfindings = 1};
	struct result *r = run(s, &in);
	assert_int_equal(r->nvetoes, 0);
	assert_int_equal(r->proposed, GRADE_GOOD);   /* 80: 良好 (default 90/80/60%) */
	result_free(r);
	/* 1.1 −20.01 → 29.99 < 30: E1; total 79.99 → 合格 by score, E1 allows 良好 */
	f[0].amount = 2001;
	r = run(s, &in);
	assert_int_equal(r->nvetoes, 1);
	assert_string_equal(r->vetoes[0].detail, "1（安全基础管理）得 29.99 分，低于 30 分（满分 50 分的 60%）");
	assert_int_equal(r->proposed, GRADE_PASS);
	result_free(r);
	/* 1.2 condition 2 only (台账不全, −2): 98 → 优秀 by score; E2 needs
	 * condition 1, E3 any deduction → at most 合格 */
	struct finding g[] = {f_cond("1.2", 2)};
	struct unit_input in2 = {.findings = g, .nfindings = 1};
	r = run(s, &in2);
	assert_int_equal(r->nvetoes, 1);
	assert_string_equal(r->vetoes[0].rule->code, "E3");
	assert_string_equal(r->vetoes[0].detail, "1.2（隐患排查）扣 2 分");
	assert_int_equal(r->by_score, GRADE_EXCELLENT);
	assert_int_equal(r->proposed, GRADE_PASS);
	result_free(r);
	/* condition 1 (未建立制度): E2 and E3, in the scheme's order */
	g[0].conditions = 1;
	r = run(s, &in2);
	assert_int_equal(r->nvetoes, 2);
	assert_string_equal(r->vetoes[0].rule->code, "E2");
	assert_string_equal(r->vetoes[0].detail, "1.2（隐患排查）发现情形 1「未建立制度」");
	assert_string_equal(r->vetoes[1].rule->code, "E3");
	result_free(r);
	scheme_free(s);
}

/* "发生1次死亡3人以上事故的一票否决" against "累计死亡3人以上": two accidents of 2
 * deaths each make 4 in the year but none with 3 in one; "煤矿发生死亡事故的，
 * 最高评为合格（仅对有煤矿的县区）" limited by name and by the unit's industry. */
static const char *single = HEAD
	"vetoes:\n"
	"- {code: V1, title: 单起死亡3人以上, when: {accidents: 1, min_deaths: 3}, effect: fail}\n"
	"- {code: V2, title: 累计死亡3人以上, when: {deaths: 3}, effect: at-most, grade: 良好}\n"
	"- {code: M1, title: 煤矿死亡事故, when: {accidents: 1, min_deaths: 1, industry: [煤矿]},"
	"   effect: at-most, grade: 合格, only: [甲县], only_industry: [煤矿]}\n"
	"- {code: M2, title: 仅甲县的否决, when: {deaths: 1}, effect: zero, only: [甲县]}\n"
	"children:\n- code: '1'\n  title: 甲\n  points: 100\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n";

static void single_accident_and_class_of_units(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(single);
	struct accident two[] = {{.deaths = 2, .date = "2017-02-01", .industry = "煤矿"},
		{.deaths = 2, .date = "2017-05-01"}};
	struct unit_input in = {.unit = "乙县", .accidents = two, .naccidents = 2};
	struct result *r = run(s, &in);
	/* 乙县: V2 only (4 in total); not V1; M1 and M2 are 甲县's and 煤矿 units' */
	assert_int_equal(r->nvetoes, 1);
	assert_string_equal(r->vetoes[0].rule->code, "V2");
	assert_int_equal(r->total, POINTS(100));
	result_free(r);
	/* 甲县: V2, M1 (the 煤矿 accident of 2 deaths) and M2 (total → 0) */
	in.unit = "甲县";
	r = run(s, &in);
	assert_int_equal(r->nvetoes, 3);
	assert_string_equal(r->vetoes[1].rule->code, "M1");
	assert_string_equal(r->vetoes[1].detail, "发生煤矿行业死亡事故 1 起（2017-02-01 煤矿 死亡 2 人（一般））");
	assert_int_equal(r->total, 0);
	result_free(r);
	/* 丙县, whose industry is 煤矿: M1 applies by industry, M2 does not */
	in.unit = "丙县";
	in.industry = "煤矿";
	r = run(s, &in);
	assert_int_equal(r->nvetoes, 2);
	assert_string_equal(r->vetoes[1].rule->code, "M1");
	assert_int_equal(r->proposed, GRADE_PASS);
	result_free(r);
	/* one accident with 3 deaths: V1 → 不合格 */
	struct accident big[] = {{.deaths = 3}};
	in.accidents = big;
	in.naccidents = 1;
	r = run(s, &in);
	assert_string_equal(r->vetoes[0].rule->code, "V1");
	assert_int_equal(r->proposed, GRADE_FAIL);
	result_free(r);
	scheme_free(s);
}

static void restated(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(single);
	struct buf b = {0};
	veto_form_describe(s, &s->vetoes[2], &b);
	assert_string_equal(buf_str(&b), "条件：事故登记中发生1起以上煤矿行业死亡事故；仅适用于甲县及行业为煤矿的单位");
	buf_reset(&b);
	veto_form_describe(s, &s->vetoes[3], &b);
	assert_string_equal(buf_str(&b), "仅适用于甲县");
	buf_free(&b);
	scheme_free(s);
}

#define VETO(when) HEAD "vetoes:\n- {code: X, title: t, when: " when ", effect: fail}\n" \
	"children:\n- code: '1'\n  title: 甲\n  points: 100\n  score: deduct\n  children:\n" \
	"  - {code: '1.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n"

static void bad_forms(void **state)
{
	(void)state;
	char *e = parse_bad(VETO("{item: '9.9'}"));
	assert_non_null(strstr(e, "bad.yaml:7: 否决规则 X：item 须是方案中考核项的编号（“9.9”不存在）"));
	free(e);
	e = parse_bad(VETO("{item: '1.1', condition: 1}"));
	assert_non_null(strstr(e, "condition 只用于按情形扣分的考核项（conditions、fixed），1.1 不是"));
	free(e);
	e = parse_bad(VETO("{part: '1', below: 160%}"));
	assert_non_null(strstr(e, "bad.yaml:7: “below”写成 1% 到 100% 的整数百分比"));
	free(e);
	e = parse_bad(VETO("{part: '1', below: 120}"));
	assert_non_null(strstr(e, "否决规则 X：below 120 超过 1 的分值 100"));
	free(e);
	e = parse_bad(VETO("{item: '1.1', deaths: 3}"));
	assert_non_null(strstr(e, "bad.yaml:7: 否决条件（考核项）中未知的键“deaths”"));
	free(e);
	e = parse_bad(VETO("{item: '1.1', part: '1', below: 5}"));
	assert_non_null(strstr(e, "否决条件须恰好使用一种形式"));
	free(e);
	e = parse_bad(VETO("{mandatory: 特级}"));
	assert_non_null(strstr(e, "bad.yaml:7: 未知的档次“特级”（方案的档次见 grades）"));
	free(e);
	e = parse_bad(HEAD "grades:\n- {grade: 达标, min: 60}\n- {grade: 达标}\n"
		      "children:\n- code: '1'\n  title: 甲\n  points: 100\n  score: deduct\n  children:\n"
		      "  - {code: '1.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n");
	assert_non_null(strstr(e, "bad.yaml:8: 重复的档次名称“达标”"));
	free(e);
	e = parse_bad(HEAD "grades:\n- {grade: 一级, min: 90}\n- {grade: 二级, min: 80}\n- {grade: 三级, min: 70}\n"
		      "- {grade: 四级, min: 60}\n- {grade: 不达标}\n"
		      "children:\n- code: '1'\n  title: 甲\n  points: 100\n  score: deduct\n  children:\n"
		      "  - {code: '1.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n");
	assert_non_null(strstr(e, "bad.yaml:7: “grades”必须是 2 到 4 项的列表"));
	free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_of_the_scheme),
		cmocka_unit_test(mandatory_of_the_grade_applied_for),
		cmocka_unit_test(part_below_and_item_found),
		cmocka_unit_test(single_accident_and_class_of_units),
		cmocka_unit_test(restated),
		cmocka_unit_test(bad_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
