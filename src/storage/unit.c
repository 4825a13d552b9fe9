/* unit.c: the units of a year. */
#include "unit.h"
#include "audit.h"
#include "db_impl.h"
#include "year.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_COLS "u.id, u.name, u.kind, ifnull(u.parent_id, 0), p.name, u.industry, u.sort_order, " \
	"u.status, u.provincial_total, u.provincial_grade, u.applied_grade"
#define UNIT_FROM " FROM unit u LEFT JOIN unit p ON p.id = u.parent_id "

static void read_unit(struct db *db, sqlite3_stmt *st, struct unit *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	u->name = db_col_str(st, 1);
	/* a kind a year's scheme added is known by its word alone */
	u->kind = (enum unit_kind)unit_kind_intern(db_col_text(st, 2), NULL);
	u->parent_id = sqlite3_column_int64(st, 3);
	u->parent = db_col_dup(st, 4);
	u->industry = db_col_dup(st, 5);
	u->sort_order = sqlite3_column_int(st, 6);
	u->status = (enum unit_status)unit_status_parse(db_col_text(st, 7));
	u->has_provincial_total = sqlite3_column_type(st, 8) != SQLITE_NULL;
	u->provincial_total = sqlite3_column_int64(st, 8);
	u->provincial_grade = sqlite3_column_type(st, 9) == SQLITE_NULL ? GRADE_NONE
		: scheme_grade_parse(year_grading(db, u->kind), db_col_text(st, 9));
	u->applied_grade = db_col_dup(st, 10);
}

/* Steps a bound single-unit query into *out; returns the step's code. */
static int fetch_unit(struct db *db, sqlite3_stmt *st, struct unit *out)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_unit(db, st, out);
	sqlite3_reset(st);
	return rc;
}

int unit_get(struct db *db, const char *name, struct unit *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, "SELECT " UNIT_COLS UNIT_FROM "WHERE u.year_id = ? AND u.name = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, name);
	int rc = fetch_unit(db, st, out);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取单位");
	/* Near misses: names that contain what was typed (昌黎 -> 昌黎县). */
	struct buf near = {0};
	int k = 0;
	if (name && *name) {
		st = db_stmt(db, "SELECT name FROM unit WHERE year_id = ? AND instr(name, ?) > 0"
			     " ORDER BY length(name), sort_order LIMIT 4");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, name);
		while (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(&near, "%s“%s”", k++ ? "、" : "", db_col_text(st, 0));
		sqlite3_reset(st);
	}
	if (k)
		db_fail_code(db, DB_NOT_FOUND, "unit", "%d 年度没有名为“%s”的单位，是否指 %s？", db->year,
			     name, buf_str(&near));
	else
		db_fail_code(db, DB_NOT_FOUND, "unit", "%d 年度没有名为“%s”的单位", db->year,
			     name ? name : "");
	buf_free(&near);
	return -1;
}

int unit_get_id(struct db *db, long long id, struct unit *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " UNIT_COLS UNIT_FROM "WHERE u.id = ? AND u.year_id = ?");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->year_id);
	int rc = fetch_unit(db, st, out);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取单位");
	db_fail_code(db, DB_NOT_FOUND, "unit", "单位 %lld 不存在", id);
	return -1;
}

int unit_exists(struct db *db, const char *name)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM unit WHERE year_id = ? AND name = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, name);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取单位");
	return rc == SQLITE_ROW;
}

char *unit_describe(struct db *db, const struct unit *u)
{
	struct buf b = {0};
	char p[POINTS_BUFSZ];
	buf_printf(&b, "%s", unit_kind_title(u->kind));
	if (u->parent)
		buf_printf(&b, "，上级 %s", u->parent);
	if (u->industry)
		buf_printf(&b, "，行业 %s", u->industry);
	buf_printf(&b, "，顺序 %d，%s", u->sort_order, unit_status_title(u->status));
	if (u->has_provincial_total)
		buf_printf(&b, "，省考核得分 %s", points_fmt(u->provincial_total, p));
	if (u->provincial_grade != GRADE_NONE)
		buf_printf(&b, "，省考核档次 %s", scheme_grade_name(year_grading(db, u->kind), u->provincial_grade));
	if (u->applied_grade)
		buf_printf(&b, "，申报档次 %s", u->applied_grade);
	return buf_take(&b);
}

static void bind_unit(struct db *db, sqlite3_stmt *st, const struct unit *u, int first)
{
	db_bind_text(st, first, u->name);
	db_bind_text(st, first + 1, unit_kind_name(u->kind));
	if (u->parent_id)
		sqlite3_bind_int64(st, first + 2, u->parent_id);
	db_bind_text(st, first + 3, u->industry);
	sqlite3_bind_int(st, first + 4, u->sort_order);
	db_bind_text(st, first + 5, unit_status_name(u->status));
	if (u->has_provincial_total)
		sqlite3_bind_int64(st, first + 6, u->provincial_total);
	db_bind_text(st, first + 7, u->provincial_grade == GRADE_NONE ? NULL
		     : scheme_grade_name(year_grading(db, u->kind), u->provincial_grade));
	db_bind_text(st, first + 8, u->applied_grade);
}

int unit_insert(struct db *db, struct unit *u)
{
	sqlite3_stmt *st;
	if (u->sort_order <= 0) {
		st = db_stmt(db, "SELECT ifnull(max(sort_order), 0) + 1 FROM unit WHERE year_id = ? AND kind = ?");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, unit_kind_name(u->kind));
		u->sort_order = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
		sqlite3_reset(st);
	}
	st = db_stmt(db, "INSERT INTO unit (name, kind, parent_id, industry, sort_order, status,"
		     " provincial_total, provincial_grade, applied_grade, year_id)"
		     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	bind_unit(db, st, u, 1);
	sqlite3_bind_int64(st, 10, db->year_id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	u->id = db_last_id(db);
	char *desc = unit_describe(db, u);
	int rc = audit_add(db, "unit.add", u->name, NULL, NULL, desc, NULL);
	free(desc);
	return rc;
}

int unit_update(struct db *db, const struct unit *before, const struct unit *after)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE unit SET name = ?, kind = ?, parent_id = ?, industry = ?,"
				   " sort_order = ?, status = ?, provincial_total = ?, provincial_grade = ?,"
				   " applied_grade = ? WHERE id = ?");
	bind_unit(db, st, after, 1);
	sqlite3_bind_int64(st, 10, before->id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	/* A renamed department keeps the industries it supervises. */
	if (strcmp(before->name, after->name) != 0 && after->kind == KIND_DEPARTMENT) {
		st = db_stmt(db, "UPDATE industry_department SET department = ? WHERE year_id = ?"
			     " AND department = ?");
		db_bind_text(st, 1, after->name);
		sqlite3_bind_int64(st, 2, db->year_id);
		db_bind_text(st, 3, before->name);
		if (db_exec_stmt(db, st) != 0)
			return -1;
	}
	char *old = unit_describe(db, before), *new_value = unit_describe(db, after);
	if (strcmp(before->name, after->name) != 0) {
		struct buf b = {0};
		buf_printf(&b, "名称 %s；%s", before->name, old);
		free(old);
		old = buf_take(&b);
	}
	int rc = audit_add(db, "unit.edit", after->name, NULL, old, new_value, NULL);
	free(old);
	free(new_value);
	return rc;
}

int unit_references(struct db *db, long long id, struct buf *what)
{
	static const struct { const char *sql, *what; } refs[] = {
		{"SELECT count(*) FROM unit WHERE parent_id = ?1", "下属单位"},
		{"SELECT count(*) FROM finding WHERE unit_id = ?1 OR sheet_id = ?1", "评分记录"},
		{"SELECT count(*) FROM sample WHERE county_id = ?1 OR unit_id = ?1", "抽查记录"},
		{"SELECT count(*) FROM accident WHERE county_id = ?1 OR misreported_by = ?1", "事故记录"},
		{"SELECT count(*) FROM veto WHERE unit_id = ?1", "否决记录"},
		{"SELECT count(*) FROM daily_outcome WHERE unit_id = ?1", "日常考核记录"},
		{"SELECT count(*) FROM result_unit WHERE unit_id = ?1", "考核结果"},
		{"SELECT count(*) FROM decision WHERE unit_id = ?1", "确定的档次"},
		{"SELECT count(*) FROM team_unit WHERE unit_id = ?1", "考核组的考核范围"},
	};
	int kinds = 0;
	for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
		sqlite3_stmt *st = db_stmt(db, refs[i].sql);
		sqlite3_bind_int64(st, 1, id);
		int rc = sqlite3_step(st);
		int n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return db_sqlite_fail(db, "读取单位的记录");
		if (n) {
			buf_printf(what, "%s%s %d 条", kinds ? "、" : "", refs[i].what, n);
			kinds++;
		}
	}
	return kinds;
}

int unit_sampled(struct db *db, long long id)
{
	sqlite3_stmt *q = db_stmt(db, "SELECT 1 FROM sample WHERE unit_id = ? UNION ALL"
				  " SELECT 1 FROM finding WHERE sheet_id = ? LIMIT 1");
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, id);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取抽查记录");
	return rc == SQLITE_ROW;
}

int unit_delete(struct db *db, const struct unit *u, const char *reason)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM unit WHERE id = ?");
	sqlite3_bind_int64(st, 1, u->id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	char *old = unit_describe(db, u);
	int rc = audit_add(db, "unit.remove", u->name, NULL, old, NULL, reason);
	free(old);
	return rc;
}

int unit_list(struct db *db, int kind, struct unit **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " UNIT_COLS UNIT_FROM "WHERE u.year_id = ?1"
				   " AND (?2 IS NULL OR u.kind = ?2)"
				   " ORDER BY CASE u.kind WHEN 'county' THEN 1 WHEN 'department' THEN 2"
				   " WHEN 'town' THEN 3 WHEN 'county-department' THEN 4 WHEN 'enterprise' THEN 5"
				   " ELSE 6 END, (SELECT s.id FROM scheme s WHERE s.year_id = u.year_id"
				   " AND s.unit_kind = u.kind), ifnull(p.sort_order, 0), u.sort_order, u.id");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, kind < 0 ? NULL : unit_kind_name((enum unit_kind)kind));
	struct unit *list = NULL;
	int k = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			list = xrealloc(list, (size_t)cap * sizeof *list);
		}
		read_unit(db, st, &list[k++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		unit_list_free(list, k);
		return db_sqlite_fail(db, "读取单位");
	}
	*out = list;
	*n = k;
	return 0;
}
