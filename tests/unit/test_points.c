/* test_points.c: exact hundredths: parsing, formatting, rounding half up. */
#include "testutil.h"
#include "numtext.h"

static void parse_valid(void **state)
{
	(void)state;
	points_t v;
	assert_int_equal(points_parse("10", &v), 0);
	assert_int_equal(v, 1000);
	assert_int_equal(points_parse("0.25", &v), 0);
	assert_int_equal(v, 25);
	assert_int_equal(points_parse("2.5", &v), 0);
	assert_int_equal(v, 250);
	assert_int_equal(points_parse("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(points_parse("1000.00", &v), 0);
	assert_int_equal(v, 100000);
}

/* As a Chinese input method in full-width mode types them, and as pasted
 * cells bring them: "１２．５" is 12.5; spaces around (ASCII, U+3000) go. */
static void parse_as_typed(void **state)
{
	(void)state;
	points_t v;
	assert_int_equal(points_parse("１２．５", &v), 0);
	assert_int_equal(v, 1250);
	assert_int_equal(points_parse(" 1 ", &v), 0);
	assert_int_equal(v, 100);
	assert_int_equal(points_parse("\u30002\u3000", &v), 0);
	assert_int_equal(v, 200);
	assert_int_equal(points_parse("０.７５", &v), 0);
	assert_int_equal(v, 75);
	long long n;
	assert_int_equal(numtext_count("３", &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(numtext_count(" －１ ", &n), 0);
	assert_int_equal(n, -1);
	const char *bad[] = {"", " ", "３個", "1 2", "１ ２", "0x3", "+3", "3.0", NULL};
	for (int i = 0; bad[i]; i++)
		if (numtext_count(bad[i], &n) == 0)
			fail_msg("accepted count \"%s\"", bad[i]);
}

static void parse_invalid(void **state)
{
	(void)state;
	points_t v;
	const char *bad[] = {"", "-1", "1.234", "1.", ".5", "1e3", "abc", "10分", "１０分", "1 .5",
		"１．２３４", "99999999999999", "0x10", "+1", NULL};
	for (int i = 0; bad[i]; i++)
		if (points_parse(bad[i], &v) == 0)
			fail_msg("accepted \"%s\"", bad[i]);
}

static void format(void **state)
{
	(void)state;
	char b[POINTS_BUFSZ];
	assert_string_equal(points_fmt(600, b), "6");
	assert_string_equal(points_fmt(650, b), "6.5");
	assert_string_equal(points_fmt(25, b), "0.25");
	assert_string_equal(points_fmt(5, b), "0.05");
	assert_string_equal(points_fmt(-150, b), "-1.5");
	assert_string_equal(points_fmt(0, b), "0");
	assert_string_equal(points_fmt(100000, b), "1000");
}

/* DOMAIN.md item 7: a mean or a weighting is rounded half up to 0.01. */
static void rounding_half_up(void **state)
{
	(void)state;
	/* (85 + 90 + 88) / 3 = 87.666… -> 87.67 */
	assert_int_equal(points_mean(8500 + 9000 + 8800, 3), 8767);
	/* (100 + 95 + 94) / 3 = 96.333… -> 96.33 */
	assert_int_equal(points_mean(10000 + 9500 + 9400, 3), 9633);
	/* 0.005 exactly: (0.01 + 0) / 2 = 0.005 -> 0.01 */
	assert_int_equal(points_mean(1, 2), 1);
	/* 85.5 out of 100 weighted to 10: 8.55 exactly */
	assert_int_equal(points_muldiv(8550, 1000, 10000), 855);
	/* 85.55 out of 100 weighted to 10: 8.555 -> 8.56 */
	assert_int_equal(points_muldiv(8555, 1000, 10000), 856);
	/* 85.54 -> 8.554 -> 8.55 */
	assert_int_equal(points_muldiv(8554, 1000, 10000), 855);
	/* 171 of 190 rescaled to 200: 180 exactly */
	assert_int_equal(points_muldiv(17100, 20000, 19000), 18000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_valid),
		cmocka_unit_test(parse_invalid),
		cmocka_unit_test(parse_as_typed),
		cmocka_unit_test(format),
		cmocka_unit_test(rounding_half_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
