/* test_chart.c: the chart model's numbers (render/chart.h): bars as long
 * as their totals on the scale, the grade lines where the scheme's grade
 * rules put them, parts in columns as wide as their full marks, the years
 * chart's columns and lines; and the SVG backend's escaping. Expected
 * positions are worked by hand from the scale (a total v lies at
 * x0 + len × v / max) and the scheme's words. */
#include "testutil.h"
#include "render/chart.h"

#include <math.h>

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 0.01)

/* A 1000-point scheme with two parts (400 and 600) and the plan's grade
 * lines: "总分900分以上（含900分）为优秀…800分…600分" (以上包括本数). */
static const char *scheme_yaml =
	"scheme: t\ntitle: 测试\nunit: county\nyear: 2016\npoints: 1000\n"
	"grades:\n- {grade: 优秀, min: 900}\n- {grade: 良好, min: 800}\n- {grade: 合格, min: 600}\n- {grade: 不合格}\n"
	"children:\n"
	"- code: '1'\n  title: 党委层面\n  points: 400\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n"
	"- code: '2'\n  title: 政府层面\n  points: 600\n  score: deduct\n  children:\n"
	"  - {code: '2.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n";

/* The same without a grades section: doc/domain.md item 8, 90%, 80% and
 * 60% of the points — of 100 points, 90, 80 and 60. */
static const char *default_yaml =
	"scheme: d\ntitle: 默认档次\nunit: county\nyear: 2016\npoints: 100\n"
	"children:\n- code: '1'\n  title: 部分\n  points: 100\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 评定, text: 评定扣分, rule: {type: judged}}\n";

/* The rectangle whose words start with prefix. */
static const struct chart_prim *rect_of(const struct chart *c, const char *prefix)
{
	for (int i = 0; i < c->n; i++)
		if (c->p[i].kind == PRIM_RECT && c->p[i].text && strncmp(c->p[i].text, prefix, strlen(prefix)) == 0)
			return &c->p[i];
	fail_msg("no bar \"%s\"", prefix);
	return NULL;
}

/* The text equal to s. */
static const struct chart_prim *text_of(const struct chart *c, const char *s)
{
	for (int i = 0; i < c->n; i++)
		if (c->p[i].kind == PRIM_TEXT && strcmp(c->p[i].text, s) == 0)
			return &c->p[i];
	fail_msg("no text \"%s\"", s);
	return NULL;
}

/* The grade lines (dashed, grade-coloured, across the plot: not the
 * legend's short swatch), their x (or y) in order drawn. */
static int grade_lines(const struct chart *c, double *at, bool vertical_scale)
{
	int n = 0;
	for (int i = 0; i < c->n; i++)
		if (c->p[i].kind == PRIM_LINE && c->p[i].cls == STROKE_GRADE &&
		    fabs(c->p[i].x2 - c->p[i].x) + fabs(c->p[i].y2 - c->p[i].y) > 20) {
			assert_int_equal(c->p[i].dash, DASH_DASHED);
			at[n++] = vertical_scale ? c->p[i].y : c->p[i].x;
		}
	return n;
}

static struct stored_result result(const char *name, points_t total)
{
	struct stored_result r;
	memset(&r, 0, sizeof r);
	r.unit.name = (char *)name;
	r.total = total;
	return r;
}

/* Totals: a bar's length is its share of the scale; 900 of 1000 points is
 * 90% of the axis, where the 优秀 line stands. */
static void totals_scale_and_grade_lines(void **state)
{
	(void)state;
	struct scheme *sc = parse_ok(scheme_yaml);
	struct stored_result rs[] = {result("甲县", 93635), result("乙县", 90000), result("丙县", 60000),
				     result("丁区", 88700)};
	rs[3].provincial = true;
	struct chart c;
	chart_totals(&c, "2016 年度县（区）考核总分", sc, rs, 4, 0);
	assert_int_equal(c.max, 100000);
	assert_false(c.vertical);
	/* bars: 936.35 of 1000 is 93.635% of the axis, 900 is 90%, 600 is 60% */
	NEAR(rect_of(&c, "甲县：")->w, c.len * 0.93635);
	NEAR(rect_of(&c, "乙县：")->w, c.len * 0.9);
	NEAR(rect_of(&c, "丙县：")->w, c.len * 0.6);
	assert_int_equal(rect_of(&c, "甲县：")->x, c.x0);
	assert_int_equal(rect_of(&c, "甲县：")->cls, FILL_BAR);
	/* the provincial unit: grey, and says so in words */
	assert_int_equal(rect_of(&c, "丁区：")->cls, FILL_MUTED);
	text_of(&c, "887 分（省考核结果，不排名次）");
	text_of(&c, "936.35 分");
	text_of(&c, "900 分");
	/* a unit's name left of its bar, on the bar's row */
	const struct chart_prim *name = text_of(&c, "乙县"), *bar = rect_of(&c, "乙县：");
	assert_int_equal(name->anchor, ANCHOR_END);
	assert_true(name->x < c.x0 && name->y > bar->y && name->y < bar->y + bar->h + 4);
	/* the grade lines: 600, 800, 900 of 1000 → 60%, 80%, 90% of the axis,
	 * each labelled at its line; the 900 line ends where 乙县's bar ends */
	double at[8];
	assert_int_equal(grade_lines(&c, at, false), 3);
	NEAR(at[0], c.x0 + c.len * 0.6);
	NEAR(at[1], c.x0 + c.len * 0.8);
	NEAR(at[2], c.x0 + c.len * 0.9);
	NEAR(at[2], bar->x + bar->w);
	NEAR(text_of(&c, "优秀 ≥ 900")->x, at[2]);
	NEAR(text_of(&c, "合格 ≥ 600")->x, at[0]);
	/* 良好 and 优秀 are 10% (56 units) apart, their labels wider: the
	 * second goes a line lower rather than over the first */
	assert_true(text_of(&c, "优秀 ≥ 900")->y > text_of(&c, "良好 ≥ 800")->y);
	assert_true(text_of(&c, "良好 ≥ 800")->y == text_of(&c, "合格 ≥ 600")->y);
	/* everything inside the chart */
	for (int i = 0; i < c.n; i++)
		if (c.p[i].kind == PRIM_TEXT) {
			double w = chart_text_width(c.p[i].text, c.p[i].size);
			double left = c.p[i].anchor == ANCHOR_START ? c.p[i].x
				    : c.p[i].anchor == ANCHOR_MIDDLE ? c.p[i].x - w / 2 : c.p[i].x - w;
			assert_true(left >= 0 && left + w <= c.width + 0.01);
			assert_true(c.p[i].y > 0 && c.p[i].y <= c.height);
		}
	chart_free(&c);
	scheme_free(sc);
}

/* Without a grades section the lines are 90/80/60% of the points: of a
 * 100-point scheme, "优秀 ≥ 90" at 90% of the axis. A total above the
 * points (bonus) stretches the scale to the next tick: 105 of a scale
 * that goes 0, 20 … 100, 120. */
static void totals_default_grades_and_overflow(void **state)
{
	(void)state;
	struct scheme *sc = parse_ok(default_yaml);
	struct stored_result rs[] = {result("甲", 9000)};
	struct chart c;
	chart_totals(&c, "默认", sc, rs, 1, 0);
	double at[8];
	assert_int_equal(grade_lines(&c, at, false), 3);
	NEAR(at[2], c.x0 + c.len * 0.9);
	text_of(&c, "优秀 ≥ 90");
	text_of(&c, "良好 ≥ 80");
	chart_free(&c);
	rs[0].total = 10500;
	chart_totals(&c, "加分", sc, rs, 1, 0);
	assert_int_equal(c.max, 12000);
	NEAR(rect_of(&c, "甲：")->w, c.len * 105 / 120);
	text_of(&c, "120");
	text_of(&c, "100");
	NEAR(text_of(&c, "100")->x, c.x0 + c.len * 100 / 120);
	chart_free(&c);
	scheme_free(sc);
}

/* Parts: a column per part, as wide as its share of the points (400 and
 * 600 of 1000: 40% and 60% of the columns' length), each bar its score's
 * share of its part (300 of 400 → 75% of the first column). */
static void parts_side_by_side(void **state)
{
	(void)state;
	struct scheme *sc = parse_ok(scheme_yaml);
	const struct node *p1 = sc->root->children[0], *p2 = sc->root->children[1];
	struct stored_node a[] = {{.node = p1, .score = 30000}, {.node = p2, .score = 54000}};
	struct stored_node b[] = {{.node = p1, .score = 40000}, {.node = p2, .state = NODE_NA}};
	struct stored_result rs[] = {result("甲县", 84000), result("乙县", 40000), result("丙区", 91250)};
	rs[0].parts = a;
	rs[0].nparts = 2;
	rs[1].parts = b;
	rs[1].nparts = 2;
	rs[2].provincial = true;
	struct chart c;
	chart_parts(&c, "各部分得分", sc, rs, 3, 0);
	const struct chart_prim *a1 = rect_of(&c, "甲县 党委层面："), *a2 = rect_of(&c, "甲县 政府层面：");
	NEAR(a1->x, c.x0);
	NEAR(a1->w, c.len * 0.4 * 0.75);
	NEAR(a2->w, c.len * 0.6 * 0.9);            /* 540 of 600 */
	assert_true(a2->x > c.x0 + c.len * 0.4);  /* the second column after the first */
	assert_int_equal(a1->cls, FILL_PART);
	assert_int_equal(a2->cls, FILL_PART + 1);
	/* the full marks behind each bar: the whole column */
	bool full = false;
	for (int i = 0; i < c.n; i++)
		full |= c.p[i].kind == PRIM_RECT && c.p[i].cls == FILL_FULL && fabs(c.p[i].x - a1->x) < 0.01 &&
			fabs(c.p[i].y - a1->y) < 0.01 && fabs(c.p[i].w - c.len * 0.4) < 0.01;
	assert_true(full);
	NEAR(rect_of(&c, "乙县 党委层面：")->w, c.len * 0.4);
	text_of(&c, "不适用");
	text_of(&c, "省考核，得分取自省考核结果，不分部分计分");
	text_of(&c, "912.5 分（省考核结果，不排名次）");
	text_of(&c, "300");
	text_of(&c, "540");
	/* heads and a legend naming each part */
	text_of(&c, "党委层面");
	text_of(&c, "满分 600");
	text_of(&c, "政府层面（满分 600 分）");
	chart_free(&c);
	scheme_free(sc);
}

/* Years: columns up a vertical scale, this year's grade lines across. */
static void years_columns(void **state)
{
	(void)state;
	struct scheme *sc = parse_ok(scheme_yaml);
	struct chart_year y[] = {{2016, 92450, 100000, GRADE_EXCELLENT, false, false, false},
				 {2017, 78000, 100000, GRADE_PASS, false, false, true}};
	struct chart c;
	chart_years(&c, "甲县 历年考核总分", sc, y, 2);
	assert_true(c.vertical);
	const struct chart_prim *c16 = rect_of(&c, "2016 年度："), *c17 = rect_of(&c, "2017 年度：");
	NEAR(c16->h, c.len * 0.9245);
	NEAR(c16->y + c16->h, c.y0);
	NEAR(c17->h, c.len * 0.78);
	assert_true(c16->x < c17->x);
	assert_int_equal(c16->cls, FILL_EARLIER);
	assert_int_equal(c17->cls, FILL_BAR);
	double at[8];
	assert_int_equal(grade_lines(&c, at, true), 3);
	NEAR(at[0], c.y0 - c.len * 0.9);   /* highest first */
	NEAR(at[2], c.y0 - c.len * 0.6);
	text_of(&c, "924.5 分");
	text_of(&c, "780 分");
	text_of(&c, "2016 年度");
	text_of(&c, "合格");
	chart_free(&c);
	/* a grade a veto set says so: 924.5 over the 优秀 line, 良好 */
	y[0].grade = GRADE_GOOD;
	y[0].vetoed = true;
	chart_years(&c, "甲县", sc, y, 2);
	text_of(&c, "良好（否决）");
	chart_free(&c);
	/* one year only: said in words */
	chart_years(&c, "甲县", sc, y + 1, 1);
	text_of(&c, "数据库中没有该单位以往年度的考核结果。");
	chart_free(&c);
	scheme_free(sc);
}

/* The worked example of the issue: on a 0–1000 scale of height H a
 * column for 943.5 points is H × 943.5 / 1000 = H × 0.9435 high, its top
 * at y0 − H × 0.9435; on a 100-point scheme without a grades section the
 * 优秀 line (90% of the points: 90) lies at y0 − H × 90 / 100. */
static void years_worked_example(void **state)
{
	(void)state;
	struct scheme *sc = parse_ok(scheme_yaml);
	struct chart_year y = {2016, 94350, 100000, GRADE_EXCELLENT, false, false, true};
	struct chart c;
	chart_years(&c, "甲县", sc, &y, 1);
	assert_int_equal(c.max, 100000);
	const struct chart_prim *col = rect_of(&c, "2016 年度：943.5 分");
	NEAR(col->h, c.len * 0.9435);
	NEAR(col->y, c.y0 - c.len * 0.9435);
	text_of(&c, "943.5 分");
	chart_free(&c);
	scheme_free(sc);
	sc = parse_ok(default_yaml);
	y = (struct chart_year){2016, 9000, 10000, GRADE_EXCELLENT, false, false, true};
	chart_years(&c, "乙县", sc, &y, 1);
	assert_int_equal(c.max, 10000);
	double at[8];
	assert_int_equal(grade_lines(&c, at, true), 3);
	NEAR(at[0], c.y0 - c.len * 0.9);
	/* 90 points exactly reach the line (以上包括本数) */
	NEAR(rect_of(&c, "2016 年度：90 分")->y, at[0]);
	text_of(&c, "优秀 ≥ 90");
	chart_free(&c);
	scheme_free(sc);
}

/* The SVG: every text escaped, no style or script, a <title>. */
static void svg_escapes(void **state)
{
	(void)state;
	struct scheme *sc = parse_ok(scheme_yaml);
	struct stored_result rs[] = {result("<甲&\"县'>", 90000)};
	struct chart c;
	chart_totals(&c, "标题 <script>", sc, rs, 1, 0);
	chart_footer(&c, "2016 年度 · 方案 · 计分于 2017-01-21 10:00 · 审计记录 #603 a1b2c3d4");
	struct buf b = {0};
	chart_svg(&c, &b);
	const char *s = buf_str(&b);
	assert_non_null(strstr(s, "<title>标题 &lt;script&gt;</title>"));
	assert_non_null(strstr(s, ">&lt;甲&amp;&quot;县&#39;&gt;</text>"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "<style"));
	assert_null(strstr(s, "<甲"));
	assert_non_null(strstr(s, "审计记录 #603 a1b2c3d4</text>"));
	assert_non_null(strstr(s, "stroke-dasharray=\"5 4\""));
	buf_free(&b);
	chart_free(&c);
	scheme_free(sc);
}

/* s without its spaces, in place. */
static char *no_spaces(const char *s)
{
	char *t = (char *)s, *o = t;
	for (; *t; t++)
		if (*t != ' ')
			*o++ = *t;
	*o = '\0';
	return (char *)s;
}

/* Text widths and the footer's wrapping: a CJK character is one em, a
 * digit 0.6; a long stamp is cut into lines that fit the chart. */
static void text_and_footer(void **state)
{
	(void)state;
	NEAR(chart_text_width("优秀", 10), 20);
	NEAR(chart_text_width("900", 10), 18);
	struct scheme *sc = parse_ok(default_yaml);
	struct stored_result rs[] = {result("甲", 9000)};
	struct chart c;
	chart_totals(&c, "默认", sc, rs, 1, 0);
	double h = c.height;
	int n = c.n;
	struct buf stamp = {0};
	for (int i = 0; i < 12; i++)
		buf_puts(&stamp, "秦皇岛市2016年度县区安全生产目标考核 · ");
	chart_footer(&c, buf_str(&stamp));
	assert_true(c.n - n >= 2);
	assert_true(c.height > h);
	struct buf joined = {0};
	for (int i = n; i < c.n; i++) {
		assert_int_equal(c.p[i].cls, INK_SOFT);
		assert_true(c.p[i].y > h - 1 && c.p[i].y < c.height);
		assert_true(c.p[i].x + chart_text_width(c.p[i].text, c.p[i].size) <= c.width);
		buf_puts(&joined, c.p[i].text);
	}
	/* nothing lost but spaces at the breaks */
	assert_string_equal(no_spaces(buf_str(&joined)), no_spaces(buf_str(&stamp)));
	buf_free(&joined);
	buf_free(&stamp);
	chart_free(&c);
	scheme_free(sc);
}

/* Two charts one under the other: the second moved down by the first's height. */
static void append_stacks(void **state)
{
	(void)state;
	struct scheme *sc = parse_ok(scheme_yaml);
	struct stored_result rs[] = {result("甲县", 90000)}, ds[] = {result("乙局", 80000)};
	struct chart a, b;
	chart_totals(&a, "县区", sc, rs, 1, 0);
	chart_totals(&b, "部门", sc, ds, 1, 0);
	double ha = a.height, yb = rect_of(&b, "乙局：")->y;
	chart_append(&a, &b);
	chart_free(&b);
	NEAR(rect_of(&a, "乙局：")->y, yb + ha);
	assert_string_equal(a.title, "县区；部门");
	chart_free(&a);
	/* a shared room for the names: both scales start at the same x. The
	 * room is the longest name (4 em at least) and 10 units: 秦皇岛经济技术
	 * 开发区 is 10 characters of 13 units, 130 + 10 = 140 */
	struct stored_result long_name[] = {result("秦皇岛经济技术开发区", 90000)};
	double room = chart_names_room(long_name, 1);
	NEAR(room, 140);
	NEAR(chart_names_room(ds, 1), 4 * 13 + 10);
	chart_totals(&a, "县区", sc, long_name, 1, room);
	chart_totals(&b, "部门", sc, ds, 1, room);
	NEAR(a.x0, b.x0);
	NEAR(rect_of(&b, "乙局：")->x, 16 + 140);
	chart_free(&a);
	chart_free(&b);
	scheme_free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(totals_scale_and_grade_lines),
		cmocka_unit_test(totals_default_grades_and_overflow),
		cmocka_unit_test(parts_side_by_side),
		cmocka_unit_test(years_columns),
		cmocka_unit_test(years_worked_example),
		cmocka_unit_test(svg_escapes),
		cmocka_unit_test(text_and_footer),
		cmocka_unit_test(append_stacks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
