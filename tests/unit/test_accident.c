/* test_accident.c: 国务院令第493号 第三条 at every boundary. "以上"包括本数,
 * "以下"不包括本数; the grade is the highest any criterion reaches. */
#include "testutil.h"

#include "accident.h"

static void deaths(void **state)
{
	(void)state;
	/* 一般事故：造成3人以下死亡 */
	assert_int_equal(accident_classify(0, 0, 0), ACCIDENT_GENERAL);
	assert_int_equal(accident_classify(2, 0, 0), ACCIDENT_GENERAL);
	/* 较大事故：造成3人以上10人以下死亡 */
	assert_int_equal(accident_classify(3, 0, 0), ACCIDENT_LARGER);
	assert_int_equal(accident_classify(9, 0, 0), ACCIDENT_LARGER);
	/* 重大事故：造成10人以上30人以下死亡 */
	assert_int_equal(accident_classify(10, 0, 0), ACCIDENT_MAJOR);
	assert_int_equal(accident_classify(29, 0, 0), ACCIDENT_MAJOR);
	/* 特别重大事故：造成30人以上死亡 */
	assert_int_equal(accident_classify(30, 0, 0), ACCIDENT_EXTRAORDINARY);
}

static void injuries(void **state)
{
	(void)state;
	/* 10人以下重伤 -> 一般; 10人以上50人以下 -> 较大; 50以上100以下 -> 重大; 100以上 -> 特别重大 */
	assert_int_equal(accident_classify(0, 9, 0), ACCIDENT_GENERAL);
	assert_int_equal(accident_classify(0, 10, 0), ACCIDENT_LARGER);
	assert_int_equal(accident_classify(0, 49, 0), ACCIDENT_LARGER);
	assert_int_equal(accident_classify(0, 50, 0), ACCIDENT_MAJOR);
	assert_int_equal(accident_classify(0, 99, 0), ACCIDENT_MAJOR);
	assert_int_equal(accident_classify(0, 100, 0), ACCIDENT_EXTRAORDINARY);
}

static void loss(void **state)
{
	(void)state;
	/* 1000万元以下 -> 一般; 1000万以上5000万以下 -> 较大; 5000万以上1亿以下 -> 重大; 1亿以上 -> 特别重大 */
	assert_int_equal(accident_classify(0, 0, 9999999), ACCIDENT_GENERAL);
	assert_int_equal(accident_classify(0, 0, 10000000), ACCIDENT_LARGER);
	assert_int_equal(accident_classify(0, 0, 49999999), ACCIDENT_LARGER);
	assert_int_equal(accident_classify(0, 0, 50000000), ACCIDENT_MAJOR);
	assert_int_equal(accident_classify(0, 0, 99999999), ACCIDENT_MAJOR);
	assert_int_equal(accident_classify(0, 0, 100000000), ACCIDENT_EXTRAORDINARY);
}

static void highest_criterion_wins(void **state)
{
	(void)state;
	/* 2 deaths (一般) but 12 serious injuries (较大): 较大 */
	assert_int_equal(accident_classify(2, 12, 0), ACCIDENT_LARGER);
	/* 1 death, 0 injuries, 60 million yuan: 重大 */
	assert_int_equal(accident_classify(1, 0, 60000000), ACCIDENT_MAJOR);
	/* 10 deaths (重大) and 100 injuries (特别重大): 特别重大 */
	assert_int_equal(accident_classify(10, 100, 0), ACCIDENT_EXTRAORDINARY);
}

static void summary(void **state)
{
	(void)state;
	struct accident a[] = {
		{.deaths = 1},
		{.deaths = 1, .omitted = true},
		{.deaths = 3},
	};
	struct accident_summary s;
	accident_summarize(a, 3, &s);
	assert_int_equal(s.total, 3);
	assert_int_equal(s.count[ACCIDENT_GENERAL], 2);
	assert_int_equal(s.count[ACCIDENT_LARGER], 1);
	assert_int_equal(s.deaths, 5);
	assert_true(s.misreported);
	accident_summarize(a, 1, &s);
	assert_false(s.misreported);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deaths),
		cmocka_unit_test(injuries),
		cmocka_unit_test(loss),
		cmocka_unit_test(highest_criterion_wins),
		cmocka_unit_test(summary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
