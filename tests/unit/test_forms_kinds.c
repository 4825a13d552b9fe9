/* test_forms_kinds.c: unit kinds from the scheme (issue 11, form 9). A
 * scheme's `unit:` may name any kind (school, hospital, …) with its
 * Chinese name in `unit_title:`; the kinds the parser refuses are named
 * at their FILE:LINE; a school scheme scores a school from its own rubric
 * rows; the migration that drops the tables' fixed kinds keeps the data. */
#include "testutil.h"
#include "unit_rules.h"

#include <sqlite3.h>
#include <unistd.h>

#include "../../src/storage/db_impl.h"
#include "../../src/storage/schema.h"

#define TOP(unit) \
	"scheme: t\ntitle: 测试\n" unit "year: 2016\npoints: 10\nchildren:\n" \
	"- {code: '1', title: 类别, points: 10, score: deduct, children: [" \
	"{code: '1.1', title: 项, text: 每次扣1分，最高扣10分, rule: {type: per, each: 1, cap: 10}}]}\n"

/* A kind a scheme names is known by its word and by its title from then
 * on, and is a kind of assessed unit. */
static void kind_accepted(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(TOP("unit: school\nunit_title: 学校\n"));
	assert_string_equal(s->unit, "school");
	assert_string_equal(s->unit_title, "学校");
	int k = unit_kind_parse("school");
	assert_true(k >= KIND_COUNT);
	assert_int_equal(unit_kind_parse("学校"), k);
	assert_string_equal(unit_kind_name((enum unit_kind)k), "school");
	assert_string_equal(unit_kind_title((enum unit_kind)k), "学校");
	assert_string_equal(unit_kind_scheme((enum unit_kind)k), "school");
	assert_true(unit_kind_assessed((enum unit_kind)k));
	assert_int_equal(unit_kind_sample((enum unit_kind)k), SAMPLE_NONE);
	scheme_free(s);
	/* a word with digits and an inner hyphen; a county scheme as before */
	s = parse_ok(TOP("unit: primary-school2\nunit_title: 小学\n"));
	assert_string_equal(unit_kind_title((enum unit_kind)unit_kind_parse("primary-school2")), "小学");
	scheme_free(s);
	s = parse_ok(TOP("unit: county\n"));
	assert_string_equal(s->unit_title, "县区");
	scheme_free(s);
}

/* The number of a word is the same however often it is given; the first
 * title stays; a built-in word keeps its own number. */
static void kind_interned_once(void **state)
{
	(void)state;
	int a = unit_kind_intern("hospital", "医院");
	assert_true(a >= KIND_COUNT);
	assert_int_equal(unit_kind_intern("hospital", "卫生院"), a);
	assert_int_equal(unit_kind_intern("hospital", NULL), a);
	assert_string_equal(unit_kind_title((enum unit_kind)a), "医院");
	assert_int_equal(unit_kind_intern("county", NULL), KIND_COUNTY);
	assert_int_equal(unit_kind_intern("enterprise", NULL), KIND_ENTERPRISE);
	assert_int_equal(unit_kind_intern("Hospital", NULL), -1);
	assert_int_equal(unit_kind_intern("-x", NULL), -1);
	assert_int_equal(unit_kind_intern("x-", NULL), -1);
	assert_int_equal(unit_kind_intern("", NULL), -1);
	assert_int_equal(unit_kind_parse("no-such-kind-here"), -1);
	/* a unit record of the kind passes the unit check, without a parent */
	struct unit u = {.name = "第一医院", .kind = (enum unit_kind)a, .provincial_grade = GRADE_NONE};
	struct buf why = {0};
	const char *field;
	assert_int_equal(unit_check(&u, -1, POINTS(100), &why, &field), 0);
	assert_int_equal(unit_check(&u, KIND_COUNTY, POINTS(100), &why, &field), -1);
	assert_string_equal(field, "parent");
	buf_free(&why);
}

/* Each refused `unit:` is named at its line. */
static void kind_refused(void **state)
{
	(void)state;
	char *e = parse_bad(TOP("unit: school\n"));
	assert_contains(e, "bad.yaml:3: “unit: school”须用“unit_title”写明这类单位的中文名称");
	free(e);
	e = parse_bad(TOP("unit: School\nunit_title: 学校\n"));
	assert_contains(e, "bad.yaml:3: “unit”须是单位类型的代码");
	assert_contains(e, "不能是“School”");
	free(e);
	e = parse_bad(TOP("unit: 学校\nunit_title: 学校\n"));
	assert_contains(e, "bad.yaml:3: “unit”须是单位类型的代码");
	free(e);
	e = parse_bad(TOP("unit: a-very-long-kind-of-unit-word\nunit_title: 学校\n"));
	assert_contains(e, "bad.yaml:3: “unit”须是单位类型的代码");
	free(e);
	/* the sampled sub-units of the county scheme are not assessed kinds */
	e = parse_bad(TOP("unit: town\nunit_title: 乡镇\n"));
	assert_contains(e, "bad.yaml:3: “unit: town”是县区方案抽查的乡镇");
	free(e);
	e = parse_bad(TOP("unit: enterprise\nunit_title: 企业\n"));
	assert_contains(e, "bad.yaml:3: “unit: enterprise”是县区方案抽查的企业");
	free(e);
	/* county and department have their fixed names */
	e = parse_bad(TOP("unit: county\nunit_title: 区县\n"));
	assert_contains(e, "bad.yaml:4: “unit_title”只用于其他单位类型：县区的名称是固定的");
	free(e);
	e = parse_bad(TOP("unit: school\nunit_title: 市直部门\n"));
	assert_contains(e, "bad.yaml:4: “unit_title: 市直部门”是已有单位类型的名称");
	free(e);
	e = parse_bad(TOP("unit: school\nunit_title: 一二三四五六七八九十一二三四五六七八九十一\n"));
	assert_contains(e, "bad.yaml:4: “unit_title”过长：21 个字，最多 20 个字");
	free(e);
	e = parse_bad(TOP("unit: school\nunit_title: [学校]\n"));
	assert_contains(e, "bad.yaml:4:");
	free(e);
	/* a school scheme has no spot checks of the county's sub-units */
	e = parse_bad("scheme: t\ntitle: 测试\nunit: school\nunit_title: 学校\nyear: 2016\npoints: 10\n"
		      "samples:\n- {kind: town, min: 1, max: 2}\nchildren:\n"
		      "- {code: '1', title: 类别, points: 10, score: deduct, children: ["
		      "{code: '1.1', title: 项, text: t, rule: {type: per, each: 1, cap: 10}}]}\n");
	assert_contains(e, "只有县区方案有抽查规定 samples");
	free(e);
}

/* A school's rubric (invented in the style of a 学校安全工作考核细则):
 *   一、校园安全管理（60分）
 *     1.1 每学期应开展应急疏散演练，每少开展1次扣5分，最高扣20分。
 *     1.2 校舍、消防设施存在安全隐患的，每发现1处扣2分，最高扣10分。
 *     1.3 未建立校园安全管理制度的，扣10分；制度未上墙公示的，扣2分。
 *   二、安全教育（40分）
 *     2.1 每少开展1次安全教育课扣4分，最高扣20分。
 *   档次：90分以上优秀，80分以上良好，60分以上合格。 */
static const char *school_yaml =
	"scheme: city-2016-school\ntitle: 某市2016年度学校安全工作考核\nunit: school\nunit_title: 学校\n"
	"year: 2016\npoints: 100\n"
	"grades:\n- {grade: 优秀, min: 90}\n- {grade: 良好, min: 80}\n- {grade: 合格, min: 60}\n- {grade: 不合格}\n"
	"children:\n"
	"- code: '1'\n  title: 校园安全管理\n  points: 60\n  score: deduct\n  children:\n"
	"  - {code: '1.1', title: 应急疏散演练, text: 每学期应开展应急疏散演练，每少开展1次扣5分，最高扣20分。,"
	" rule: {type: per, each: 5, cap: 20}}\n"
	"  - {code: '1.2', title: 安全隐患, text: 校舍、消防设施存在安全隐患的，每发现1处扣2分，最高扣10分。,"
	" rule: {type: per, each: 2, cap: 10, unit: 处}}\n"
	"  - code: '1.3'\n    title: 管理制度\n    text: 未建立校园安全管理制度的，扣10分；制度未上墙公示的，扣2分。\n"
	"    rule:\n      type: conditions\n      cap: 12\n      conditions:\n"
	"      - {text: 未建立校园安全管理制度的, deduct: 10}\n"
	"      - {text: 制度未上墙公示的, deduct: 2}\n"
	"- code: '2'\n  title: 安全教育\n  points: 40\n  score: deduct\n  children:\n"
	"  - {code: '2.1', title: 安全教育课, text: 每少开展1次安全教育课扣4分，最高扣20分。,"
	" rule: {type: per, each: 4, cap: 20}}\n";

static void school_scored(void **state)
{
	(void)state;
	struct scheme *s = parse_ok(school_yaml);
	/* 1.1: 3 drills missed: 3 × 5 = 15 ≤ 20 → 扣15分.
	 * 1.2: 7 hazards: 7 × 2 = 14 > 10 → 扣10分.
	 * 1.3: the rules are not posted (condition 2) → 扣2分.
	 * 一: 60 − 15 − 10 − 2 = 33.
	 * 2.1: 2 lessons missed: 2 × 4 = 8 → 扣8分; 二: 40 − 8 = 32.
	 * Total 33 + 32 = 65: 合格 (60 ≤ 65 < 80). */
	struct finding f[] = {f_count("1.1", 3), f_count("1.2", 7), f_cond("1.3", COND(2)),
			      f_count("2.1", 2)};
	struct result *r = score_ok(s, f, 4);
	assert_int_equal(node_deduction(r, "1.1"), POINTS(15));
	assert_int_equal(node_deduction(r, "1.2"), POINTS(10));
	assert_int_equal(node_deduction(r, "1.3"), POINTS(2));
	assert_int_equal(node_score(r, "1"), POINTS(33));
	assert_int_equal(node_score(r, "2"), POINTS(32));
	assert_int_equal(r->total, POINTS(65));
	assert_int_equal(r->by_score, GRADE_PASS);
	assert_contains(node_derivation(r, "1.2"), "7 处 × 2 分 = 14 分，上限 10 分 → 扣 10 分");
	result_free(r);
	scheme_free(s);
}

/* ---- the migration that frees the kinds ---- */

static char path[64];

static void remove_db(void)
{
	char p[80];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* The migration's number is found by what it does, not written here: the
 * integrator may renumber it. */
static int kinds_migration(void)
{
	for (int i = 0; i < DB_SCHEMA_VERSION; i++)
		if (strstr(schema_migrations[i], "writable_schema") &&
		    strstr(schema_migrations[i], "'enterprise'"))
			return i + 1;
	fail_msg("no migration drops the unit kinds' CHECK");
	return -1;
}

/* A file of the version before keeps its year, schemes and units; after
 * it, a scheme and a unit of any kind may be stored (the service checks
 * the kind), and the tables' text has no fixed list of kinds. */
static void migration_frees_kinds(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "/tmp/kaohe-kinds-%d.db", (int)getpid());
	remove_db();
	int v = kinds_migration();
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	for (int i = 0; i < v - 1; i++)
		assert_int_equal(sqlite3_exec(h, schema_migrations[i], NULL, NULL, NULL), SQLITE_OK);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v - 1);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h,
		"INSERT INTO year (year, title, template, window_start, window_end)"
		" VALUES (2016, '2016年度', 'qhd-2016', '2017-01-04', '2017-01-20');"
		"INSERT INTO scheme (year_id, unit_kind, name, source) VALUES (1, 'county', 'c', 'x');"
		"INSERT INTO unit (year_id, name, kind, sort_order) VALUES (1, '昌黎县', 'county', 1);",
		NULL, NULL, NULL), SQLITE_OK);
	/* before: a school is refused by the table itself */
	assert_int_not_equal(sqlite3_exec(h, "INSERT INTO unit (year_id, name, kind, sort_order)"
					  " VALUES (1, '第一中学', 'school', 1)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	char *err = NULL;
	struct db *db = db_open(path, false, &err);
	if (!db)
		fail_msg("%s", err);
	sqlite3_stmt *st = db_stmt(db, "SELECT u.name, u.kind, s.unit_kind FROM unit u, scheme s");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(db_col_text(st, 0), "昌黎县");
	assert_string_equal(db_col_text(st, 1), "county");
	assert_string_equal(db_col_text(st, 2), "county");
	sqlite3_reset(st);
	st = db_stmt(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('unit', 'scheme')"
		     " AND sql NOT LIKE '%CHECK (kind IN%' AND sql NOT LIKE '%CHECK (unit_kind IN%'");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	sqlite3_reset(st);
	db_close(db);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h,
		"INSERT INTO scheme (year_id, unit_kind, name, source) VALUES (1, 'school', 's', 'x');"
		"INSERT INTO unit (year_id, name, kind, sort_order) VALUES (1, '第一中学', 'school', 1);",
		NULL, NULL, NULL), SQLITE_OK);
	/* still one scheme per kind in a year, and the status still checked */
	assert_int_not_equal(sqlite3_exec(h, "INSERT INTO scheme (year_id, unit_kind, name, source)"
					  " VALUES (1, 'school', 's2', 'x')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "INSERT INTO unit (year_id, name, kind, sort_order, status)"
					  " VALUES (1, '第二中学', 'school', 2, 'other')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
	sqlite3_finalize(q);
	sqlite3_close(h);
	remove_db();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kind_accepted),
		cmocka_unit_test(kind_interned_once),
		cmocka_unit_test(kind_refused),
		cmocka_unit_test(school_scored),
		cmocka_unit_test(migration_frees_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
