/* test_grade.c: thresholds (以上包括本数), vetoes as declared in a scheme,
 * ranking with ties, and a grade's quota (优秀率不得超过40%). */
#include "testutil.h"

#define HEAD \
	"scheme: t\ntitle: 测试\nunit: county\nyear: 2016\npoints: 1000\n"
#define BODY \
	"children:\n- code: '1'\n  title: 部分\n  points: 1000\n  score: deduct\n  children:\n" \
	"  - {code: '1.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n"

static const char *graded_yaml = HEAD
	"grades:\n"
	"- {grade: 优秀, min: 900, quota: 40%}\n- {grade: 良好, min: 800}\n"
	"- {grade: 合格, min: 600}\n- {grade: 不合格}\n"
	"vetoes:\n"
	"- {code: V1, title: 较大以上事故, when: {accidents: 1, min_accident_grade: 较大}, effect: fail}\n"
	"- {code: V2, title: 累计死亡3人以上, when: {deaths: 3}, effect: fail}\n"
	"- {code: E1, title: 2起以上一般事故, when: {accidents: 2, accident_grade: 一般}, effect: at-most, grade: 良好}\n"
	"- {code: E4, title: 瞒报谎报漏报, when: {flag: misreported}, effect: at-most, grade: 良好}\n"
	"- {code: E5, title: 弄虚作假, when: {flag: falsified}, effect: at-most, grade: 良好}\n"
	"- {code: Z1, title: 重大负面影响, when: {flag: negative-impact}, effect: zero}\n"
	BODY;

/* Scores a unit that lost `deduct` points, with accidents and flags. */
static struct result *unit(const struct scheme *s, points_t deduct,
			   const struct accident *acc, int nacc, unsigned flags)
{
	struct finding f[] = {f_deduct("1.1", deduct)};
	struct unit_input in = {.findings = f, .nfindings = 1, .accidents = acc,
		.naccidents = nacc, .flags = flags};
	struct diag d = {0};
	struct result *r = score_unit(s, &in, &d);
	assert_non_null(r);
	diag_free(&d);
	return r;
}

static void thresholds_inclusive(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(HEAD BODY);
	/* default thresholds 900 / 800 / 600, "以上包括本数" */
	assert_int_equal(grade_by_score(s, POINTS(900)), GRADE_EXCELLENT);
	assert_int_equal(grade_by_score(s, 89999), GRADE_GOOD);
	assert_int_equal(grade_by_score(s, POINTS(800)), GRADE_GOOD);
	assert_int_equal(grade_by_score(s, 79999), GRADE_PASS);
	assert_int_equal(grade_by_score(s, POINTS(600)), GRADE_PASS);
	assert_int_equal(grade_by_score(s, 59999), GRADE_FAIL);
	assert_int_equal(grade_by_score(s, 0), GRADE_FAIL);
	scheme_free(s);
}

static void one_vote_veto(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(graded_yaml);
	/* 950 points but one 较大 accident (3 deaths): 不合格 */
	struct accident larger[] = {{.deaths = 3}};
	struct result *r = unit(s, POINTS(50), larger, 1, 0);
	assert_int_equal(r->total, POINTS(950));
	assert_int_equal(r->by_score, GRADE_EXCELLENT);
	assert_int_equal(r->proposed, GRADE_FAIL);
	/* both V1 (较大) and V2 (3 deaths in total) hit */
	assert_int_equal(r->nvetoes, 2);
	result_free(r);
	/* two 一般 accidents with 2 and 1 deaths: 3 deaths in total -> V2 and E1 */
	struct accident two[] = {{.deaths = 2}, {.deaths = 1}};
	r = unit(s, POINTS(50), two, 2, 0);
	assert_int_equal(r->proposed, GRADE_FAIL);
	result_free(r);
	scheme_free(s);
}

static void excellence_veto(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(graded_yaml);
	/* two 一般 accidents, 1 death in total: at most 良好 */
	struct accident two[] = {{.deaths = 1}, {.injuries = 2}};
	struct result *r = unit(s, POINTS(20), two, 2, 0);
	assert_int_equal(r->proposed, GRADE_GOOD);
	assert_int_equal(r->nvetoes, 1);
	assert_string_equal(r->vetoes[0].rule->code, "E1");
	result_free(r);
	/* one accident, concealed (瞒报): at most 良好 */
	struct accident hidden[] = {{.deaths = 1, .concealed = true}};
	r = unit(s, 0, hidden, 1, 0);
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	/* falsified information in the assessment: at most 良好 */
	r = unit(s, 0, NULL, 0, FLAG_FALSIFIED);
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	/* an excellence veto does not lift a lower grade: 700 stays 合格 */
	r = unit(s, POINTS(300), NULL, 0, FLAG_FALSIFIED);
	assert_int_equal(r->proposed, GRADE_PASS);
	result_free(r);
	/* one 一般 accident alone vetoes nothing */
	r = unit(s, 0, two, 1, 0);
	assert_int_equal(r->proposed, GRADE_EXCELLENT);
	assert_int_equal(r->nvetoes, 0);
	result_free(r);
	scheme_free(s);
}

static void zero_veto(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(graded_yaml);
	struct result *r = unit(s, 0, NULL, 0, FLAG_NEGATIVE_IMPACT);
	assert_int_equal(r->raw_total, POINTS(1000));
	assert_int_equal(r->total, 0);
	assert_int_equal(r->proposed, GRADE_FAIL);
	result_free(r);
	scheme_free(s);
}

static void ranking_ties(void **state)
{
	(void)state;
	/* ties share a rank: 1, 1, 3 */
	points_t totals[] = {POINTS(880), POINTS(950), POINTS(950), 87999, POINTS(880)};
	int rank[5];
	rank_totals(totals, 5, rank);
	assert_int_equal(rank[1], 1);
	assert_int_equal(rank[2], 1);
	assert_int_equal(rank[0], 3);
	assert_int_equal(rank[4], 3);
	assert_int_equal(rank[3], 5);
}

static void quota(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(graded_yaml);
	/* 优秀率不得超过40%: of 6 units at most ⌊0.4 × 6⌋ = 2 keep 优秀.
	 * Four reach 900: 960, 940, 930, 905. The two best keep it. */
	points_t totals[] = {POINTS(960), POINTS(905), POINTS(940), POINTS(850), POINTS(930), POINTS(700)};
	enum grade g[6];
	for (int i = 0; i < 6; i++)
		g[i] = grade_by_score(s, totals[i]);
	assert_int_equal(grade_apply_quota(s, totals, 6, g), 2);
	assert_int_equal(g[0], GRADE_EXCELLENT);
	assert_int_equal(g[2], GRADE_EXCELLENT);
	assert_int_equal(g[4], GRADE_GOOD);
	assert_int_equal(g[1], GRADE_GOOD);
	assert_int_equal(g[3], GRADE_GOOD);
	assert_int_equal(g[5], GRADE_PASS);
	/* a tie at the boundary: 960, 940, 940 of 6 -> keeping both 940s would
	 * make 3 > 2, so both drop (不得超过 is strict). */
	points_t tied[] = {POINTS(960), POINTS(940), POINTS(940), POINTS(850), POINTS(800), POINTS(700)};
	for (int i = 0; i < 6; i++)
		g[i] = grade_by_score(s, tied[i]);
	grade_apply_quota(s, tied, 6, g);
	assert_int_equal(g[0], GRADE_EXCELLENT);
	assert_int_equal(g[1], GRADE_GOOD);
	assert_int_equal(g[2], GRADE_GOOD);
	scheme_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(thresholds_inclusive),
		cmocka_unit_test(one_vote_veto),
		cmocka_unit_test(excellence_veto),
		cmocka_unit_test(zero_veto),
		cmocka_unit_test(ranking_ties),
		cmocka_unit_test(quota),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
