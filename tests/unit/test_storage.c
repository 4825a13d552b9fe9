/* test_storage.c: schema migrations from every earlier version, refusal of
 * a newer file, and the audit chain catching rows altered or deleted. */
#include "testutil.h"

#include <sqlite3.h>
#include <unistd.h>

#include "../../src/storage/audit.h"
#include "../../src/storage/db_impl.h"
#include "../../src/storage/schema.h"
#include "../../src/storage/state.h"

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "/tmp/kaohe-test-%d.db", (int)getpid());
	unlink(path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char p[80];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	return 0;
}

/* A file at schema version `v` with one year and one unit in it. */
static void make_version(int v)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	for (int i = 0; i < v; i++)
		assert_int_equal(sqlite3_exec(h, schema_migrations[i], NULL, NULL, NULL), SQLITE_OK);
	char sql[128];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	if (v >= 1)
		assert_int_equal(sqlite3_exec(h,
			"INSERT INTO year (year, title, template, window_start, window_end)"
			" VALUES (2016, '2016年度', 'qhd-2016', '2017-01-04', '2017-01-20');"
			"INSERT INTO unit (year_id, name, kind, sort_order) VALUES (1, '昌黎县', 'county', 1);",
			NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static void migrates_from_every_version(void **state)
{
	(void)state;
	for (int v = 0; v < DB_SCHEMA_VERSION; v++) {
		teardown(NULL);
		make_version(v);
		char *err = NULL;
		struct db *db = db_open(path, true, &err);
		if (!db)
			fail_msg("from version %d: %s", v, err);
		assert_int_equal(db_schema_version(db), DB_SCHEMA_VERSION);
		if (v >= 1) {
			/* the data written at version v is still there */
			sqlite3_stmt *st = db_stmt(db, "SELECT name FROM unit WHERE id = 1");
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			assert_string_equal(db_col_text(st, 0), "昌黎县");
			sqlite3_reset(st);
		}
		/* the newest tables exist */
		sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM daily_rule");
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		sqlite3_reset(st);
		/* and the file says it is kaohe's */
		st = db_stmt(db, "PRAGMA application_id");
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), DB_APPLICATION_ID);
		sqlite3_reset(st);
		db_close(db);
	}
}

static void refuses_newer_file(void **state)
{
	(void)state;
	make_version(DB_SCHEMA_VERSION);
	sqlite3 *h;
	sqlite3_open(path, &h);
	sqlite3_exec(h, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(h);
	char *err = NULL;
	struct db *db = db_open(path, false, &err);
	assert_null(db);
	char want[128];
	snprintf(want, sizeof want, "由更新版本的 kaohe 创建（结构版本 99，本程序支持到 %d）",
		 DB_SCHEMA_VERSION);
	assert_contains(err, want);
	free(err);
	sqlite3_open(path, &h);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL);
	sqlite3_step(st);
	assert_int_equal(sqlite3_column_int(st, 0), 99);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* A file that is not kaohe's is refused and left as it was, even when
 * its user_version looks like one of kaohe's. */
static void refuses_foreign_file(void **state)
{
	(void)state;
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE t (x); PRAGMA user_version = 1", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	char *err = NULL;
	struct db *db = db_open(path, true, &err);
	assert_null(db);
	assert_contains(err, "不是 kaohe 数据库");
	free(err);
	sqlite3_open(path, &h);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
	sqlite3_step(st);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* Version 3 keeps a version-2 year's settings: the daily rule for every
 * target, and the plan's spot-check sizes (方案四（二）: 1-2 towns, 2-3
 * departments, 2-3 enterprises) for a year made from qhd-2016. */
static void migration_3_keeps_settings(void **state)
{
	(void)state;
	make_version(2);
	sqlite3 *h;
	sqlite3_open(path, &h);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO daily_rule (year_id, outcome, deduct, per_day)"
				      " VALUES (1, 'absent', 200, 0)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	char *err = NULL;
	struct db *db = db_open(path, false, &err);
	assert_non_null(db);
	sqlite3_stmt *st = db_stmt(db, "SELECT group_concat(target || ':' || deduct) FROM"
				   " (SELECT * FROM daily_rule ORDER BY target)");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(db_col_text(st, 0), "county:200,office:200,supervision:200");
	sqlite3_reset(st);
	st = db_stmt(db, "SELECT group_concat(kind || ':' || min || '-' || max || ':' || others) FROM"
		     " (SELECT * FROM sample_size ORDER BY kind)");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(db_col_text(st, 0), "county-department:2-3:0,enterprise:2-3:1,town:1-2:0");
	sqlite3_reset(st);
	db_close(db);
}

static struct db *open_with_log(int rows)
{
	char *err = NULL;
	struct db *db = db_open(path, true, &err);
	assert_non_null(db);
	db->year = 2016;
	assert_int_equal(db_begin(db), 0);
	for (int i = 0; i < rows; i++) {
		char v[16];
		snprintf(v, sizeof v, "%d 次", i);
		assert_int_equal(audit_add(db, "score.set", "昌黎县", "1.1.4", NULL, v, NULL), 0);
	}
	assert_int_equal(db_commit(db), 0);
	return db;
}

static void audit_chain_detects_tampering(void **state)
{
	(void)state;
	struct db *db = open_with_log(5);
	char head[65];
	assert_int_equal(audit_verify(db, head), 5);
	/* the triggers refuse changes through SQL */
	assert_int_not_equal(sqlite3_exec(db->h, "UPDATE audit SET new = 'x' WHERE seq = 3",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db->h, "DELETE FROM audit WHERE seq = 3", NULL, NULL, NULL),
			     SQLITE_OK);
	/* behind kaohe's back, with the triggers dropped: an altered row */
	assert_int_equal(sqlite3_exec(db->h, "DROP TRIGGER audit_append_only_update;"
				      "DROP TRIGGER audit_append_only_delete;"
				      "UPDATE audit SET new = '9 次' WHERE seq = 3", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(audit_verify(db, head), -1);
	assert_contains(db_error(db), "第 3 条审计记录");
	/* put it back: intact again; then delete a row in the middle */
	assert_int_equal(sqlite3_exec(db->h, "UPDATE audit SET new = '2 次' WHERE seq = 3",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(audit_verify(db, head), 5);
	assert_int_equal(sqlite3_exec(db->h, "DELETE FROM audit WHERE seq = 2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(audit_verify(db, head), -1);
	assert_contains(db_error(db), "有记录被删除");
	db_close(db);
}

static void audit_null_and_empty_differ(void **state)
{
	(void)state;
	struct db *db = open_with_log(0);
	db->year = 2016;
	db_begin(db);
	assert_int_equal(audit_add(db, "x", NULL, "", NULL, NULL, NULL), 0);
	db_commit(db);
	char head[65];
	assert_int_equal(audit_verify(db, head), 1);
	/* turning NULL into '' must break the chain */
	sqlite3_exec(db->h, "DROP TRIGGER audit_append_only_update;"
		     "UPDATE audit SET unit = '' WHERE seq = 1", NULL, NULL, NULL);
	assert_int_equal(audit_verify(db, head), -1);
	db_close(db);
}

/* A second connection, as the sqlite3 shell would be: no triggers of
 * kaohe's, no audit record. */
static void behind_the_back(const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

/* The replay of the log against the tables: what kaohe writes agrees;
 * what the shell writes is named by table, row, logged and held value. */
static void state_replay_names_differences(void **state)
{
	(void)state;
	char *err = NULL;
	struct db *db = db_open(path, true, &err);
	assert_non_null(db);
	db->year = 2016;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(sqlite3_exec(db->h,
		"INSERT INTO year (year, title, template, window_start, window_end)"
		" VALUES (2016, '2016年度', 'qhd-2016', '2017-01-04', '2017-01-20');"
		"INSERT INTO unit (year_id, name, kind, sort_order) VALUES (1, '昌黎县', 'county', 1);"
		"INSERT INTO finding (unit_id, code, form, value, actor, at)"
		" VALUES (1, '1.1.4', 'count', 1, 'office', 'now');", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(audit_add(db, "score.set", "昌黎县", "1.1.4", NULL, "1 次", NULL), 0);
	/* a change no record takes up is recorded at commit */
	assert_int_equal(sqlite3_exec(db->h, "INSERT INTO veto (unit_id, cause, reason)"
				      " VALUES (1, 'falsified', '瞒报')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(db_commit(db), 0);
	struct state_diff *d;
	int n;
	long long from;
	assert_int_equal(state_compare(db, &d, &n, &from), 0);
	assert_int_equal(from, 1);
	assert_int_equal(n, 0);
	state_diffs_free(d, n);
	char head[65];
	assert_int_equal(audit_verify(db, head), 2);

	behind_the_back("UPDATE finding SET value = 2; DELETE FROM veto;"
			"INSERT INTO unit (year_id, name, kind, sort_order) VALUES (1, '卢龙县', 'county', 2);");
	assert_int_equal(state_compare(db, &d, &n, &from), 0);
	assert_int_equal(n, 3);
	/* ordered by table name: finding, unit, veto */
	assert_string_equal(d[0].table, "评分记录（finding）");
	assert_string_equal(d[0].row, "单位「昌黎县」 项目 1.1.4");
	assert_string_equal(d[0].logged, "value=1");
	assert_string_equal(d[0].held, "value=2");
	assert_int_equal(d[0].seq, 1);
	assert_string_equal(d[1].row, "单位「卢龙县」");
	assert_null(d[1].logged);
	assert_non_null(d[1].held);
	assert_string_equal(d[2].table, "一票否决（veto）");
	assert_int_equal(d[2].seq, 2);
	assert_null(d[2].held);
	assert_contains(d[2].logged, "falsified");
	state_diffs_free(d, n);
	db_close(db);
}

/* A file from before schema 7: nothing to compare until its first write,
 * which records every row as the baseline. */
static void state_baseline_after_migration(void **state)
{
	(void)state;
	make_version(6);
	char *err = NULL;
	struct db *db = db_open(path, false, &err);
	assert_non_null(db);
	struct state_diff *d;
	int n;
	long long from;
	assert_int_equal(state_compare(db, &d, &n, &from), 0);
	assert_int_equal(from, 0);
	assert_int_equal(n, 0);
	state_diffs_free(d, n);
	db->year = 2016;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(audit_add(db, "user.add", NULL, "x", NULL, "x", NULL), 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(state_compare(db, &d, &n, &from), 0);
	assert_int_equal(from, 1);
	assert_int_equal(n, 0);
	state_diffs_free(d, n);
	behind_the_back("UPDATE unit SET status = 'excluded'");
	assert_int_equal(state_compare(db, &d, &n, &from), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].table, "单位（unit）");
	assert_string_equal(d[0].logged, "status=assessed");
	assert_string_equal(d[0].held, "status=excluded");
	state_diffs_free(d, n);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(migrates_from_every_version, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_newer_file, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_foreign_file, setup, teardown),
		cmocka_unit_test_setup_teardown(migration_3_keeps_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_chain_detects_tampering, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_null_and_empty_differ, setup, teardown),
		cmocka_unit_test_setup_teardown(state_replay_names_differences, setup, teardown),
		cmocka_unit_test_setup_teardown(state_baseline_after_migration, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
