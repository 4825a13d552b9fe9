/* test_decision_rule.c: whether a decided grade (集体研究确定档次) may stand
 * is stated once (decision_check, core/records.c) and read the same way
 * when the office decides (svc_grade_set) and when any later reading asks
 * what is wrong with the decision on record (stored_decision_issue: the
 * status before approval, the results, the reports). Issue 7 found the
 * rule written twice, in storage and in the command line, disagreeing.
 *
 * The vetoes are the 2016 county scheme's (schemes/qhd-2016-county.yaml):
 *   V1 "发生较大以上安全生产（含职业病危害）事故"   effect: fail
 *   E1 "发生2起以上（含2起）一般事故"             effect: at-most, grade: 良好
 * and its grades 优秀 ≥ 900, 良好 ≥ 800, 合格 ≥ 600, else 不合格. */
#include "testutil.h"

#include "records.h"

static struct stored_veto e1 = {"E1", "发生2起以上（含2起）一般事故", "", EFFECT_AT_MOST, GRADE_GOOD};
static struct stored_veto v1 = {"V1", "发生较大以上安全生产（含职业病危害）事故", "", EFFECT_FAIL, GRADE_NONE};

/* A unit proposed `proposed`, with the vetoes given, and `decided` on
 * record. */
static struct stored_result unit(enum grade proposed, struct stored_veto *v, int nv, enum grade decided,
				 char *reason, bool automatic)
{
	struct stored_result r;
	memset(&r, 0, sizeof r);
	r.proposed = proposed;
	r.vetoes = v;
	r.nvetoes = nv;
	r.decision.grade = decided;
	r.decision.reason = reason;
	r.decision.automatic = automatic;
	return r;
}

/* The rule and the reading of the record agree. */
static void agree(const struct stored_result *r, enum decision_issue want)
{
	const struct decision_rec *d = &r->decision;
	assert_int_equal(decision_check(r, d->grade, d->reason, d->automatic, NULL), want);
	char *issue = stored_decision_issue(r);
	if (want == DECISION_OK)
		assert_null(issue);
	else
		assert_non_null(issue);
	free(issue);
}

static void the_cap_of_the_vetoes(void **state)
{
	(void)state;
	enum grade cap;
	/* 900 points or more propose 优秀; E1 (2 general accidents) allows at most
	 * 良好: 优秀 is above it, 良好 and below stand (with a reason, since
	 * they differ from the proposal) */
	struct stored_result r = unit(GRADE_EXCELLENT, &e1, 1, GRADE_EXCELLENT, NULL, false);
	assert_int_equal(decision_check(&r, GRADE_EXCELLENT, "集体研究", false, &cap), DECISION_ABOVE_CAP);
	assert_int_equal(cap, GRADE_GOOD);
	agree(&r, DECISION_ABOVE_CAP);
	r.decision.grade = GRADE_GOOD;
	r.decision.reason = "受否决，最高良好";
	agree(&r, DECISION_OK);
	r.decision.grade = GRADE_PASS;
	agree(&r, DECISION_OK);
	/* V1 (a larger accident) leaves only 不合格, whatever else applies */
	struct stored_veto both[2] = {e1, v1};
	r = unit(GRADE_FAIL, both, 2, GRADE_GOOD, "集体研究", false);
	assert_int_equal(decision_check(&r, GRADE_GOOD, "集体研究", false, &cap), DECISION_ABOVE_CAP);
	assert_int_equal(cap, GRADE_FAIL);
	agree(&r, DECISION_ABOVE_CAP);
	r.decision.grade = GRADE_FAIL;
	r.decision.reason = NULL;
	agree(&r, DECISION_OK);
}

static void a_reason_where_it_differs(void **state)
{
	(void)state;
	/* no veto, proposed 良好 */
	struct stored_result r = unit(GRADE_GOOD, NULL, 0, GRADE_GOOD, NULL, false);
	agree(&r, DECISION_OK);                        /* the proposal: no reason needed */
	r.decision.grade = GRADE_PASS;
	agree(&r, DECISION_NO_REASON);                 /* 合格 instead: a reason … */
	r.decision.reason = "";
	agree(&r, DECISION_NO_REASON);                 /* … an empty one is none … */
	r.decision.reason = "集体研究：整改不到位";
	agree(&r, DECISION_OK);                        /* … and a written one stands */
	/* taken from the proposal at approval, then the results recomputed
	 * to propose 优秀: the automatic decision has no reason for differing */
	r = unit(GRADE_EXCELLENT, NULL, 0, GRADE_GOOD, "审定时按拟定档次确定", true);
	agree(&r, DECISION_NO_REASON);
	/* a unit with no proposal (results incomplete): any grade needs one */
	r = unit(GRADE_NONE, NULL, 0, GRADE_PASS, NULL, false);
	agree(&r, DECISION_NO_REASON);
	/* nothing on record: nothing wrong */
	r = unit(GRADE_GOOD, &e1, 1, GRADE_NONE, NULL, false);
	char *issue = stored_decision_issue(&r);
	assert_null(issue);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_cap_of_the_vetoes),
		cmocka_unit_test(a_reason_where_it_differs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
