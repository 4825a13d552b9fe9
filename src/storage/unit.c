/* unit.c: units and teams of a year. */
#include "unit.h"
#include "audit.h"
#include "../core/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[][2] = {
	{"county", "县区"}, {"department", "市直部门"}, {"town", "乡镇"},
	{"county-department", "县区部门"}, {"enterprise", "企业"},
};
static const char *const statuses[][2] = {
	{"assessed", "市考核"}, {"provincial", "省考核"}, {"excluded", "不考核"},
};

const char *unit_kind_title(const char *kind) { return pair_lookup(kinds, 5, kind, 1); }
const char *unit_kind_parse(const char *s) { return pair_lookup(kinds, 5, s, 0); }
const char *unit_status_title(const char *s) { return pair_lookup(statuses, 3, s, 1); }
const char *unit_status_parse(const char *s) { return pair_lookup(statuses, 3, s, 0); }

#define UNIT_COLS "u.id, u.name, u.kind, ifnull(u.parent_id, 0), ifnull(p.name, ''), " \
	"ifnull(u.industry, ''), u.sort_order, u.status, u.provincial_total, ifnull(u.provincial_grade, '')"
#define UNIT_FROM " FROM unit u LEFT JOIN unit p ON p.id = u.parent_id "

static void read_unit(sqlite3_stmt *st, struct unit *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	snprintf(u->name, sizeof u->name, "%s", db_col_text(st, 1));
	snprintf(u->kind, sizeof u->kind, "%s", db_col_text(st, 2));
	u->parent_id = sqlite3_column_int64(st, 3);
	snprintf(u->parent, sizeof u->parent, "%s", db_col_text(st, 4));
	snprintf(u->industry, sizeof u->industry, "%s", db_col_text(st, 5));
	u->sort_order = sqlite3_column_int(st, 6);
	snprintf(u->status, sizeof u->status, "%s", db_col_text(st, 7));
	u->has_provincial_total = sqlite3_column_type(st, 8) != SQLITE_NULL;
	u->provincial_total = sqlite3_column_int64(st, 8);
	snprintf(u->provincial_grade, sizeof u->provincial_grade, "%s", db_col_text(st, 9));
}

/* Steps a bound single-unit query into *out; returns the step's code. */
static int fetch_unit(sqlite3_stmt *st, struct unit *out)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_unit(st, out);
	sqlite3_reset(st);
	return rc;
}

int unit_get(struct db *db, const char *name, struct unit *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " UNIT_COLS UNIT_FROM "WHERE u.year_id = ? AND u.name = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, name);
	int rc = fetch_unit(st, out);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取单位");
	/* Near misses: names that contain what was typed (昌黎 -> 昌黎县). */
	struct buf near = {0};
	int k = 0;
	if (*name) {
		st = db_stmt(db, "SELECT name FROM unit WHERE year_id = ? AND instr(name, ?) > 0"
			     " ORDER BY length(name), sort_order LIMIT 4");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, name);
		while (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(&near, "%s“%s”", k++ ? "、" : "", db_col_text(st, 0));
		sqlite3_reset(st);
	}
	if (k)
		db_fail(db, "%d 年度没有名为“%s”的单位，是否指 %s？", db->year, name, buf_str(&near));
	else
		db_fail(db, "%d 年度没有名为“%s”的单位（kaohe unit list 查看）", db->year, name);
	buf_free(&near);
	return -1;
}

int unit_get_id(struct db *db, long long id, struct unit *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " UNIT_COLS UNIT_FROM "WHERE u.id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (fetch_unit(st, out) == SQLITE_ROW)
		return 0;
	db_fail(db, "单位 %lld 不存在", id);
	return -1;
}

/* Which kinds of parent each kind takes. */
static int check_parent(struct db *db, const char *kind, const struct unit *parent,
			const char *parent_name)
{
	int top = strcmp(kind, "county") == 0 || strcmp(kind, "department") == 0;
	if (top && parent_name && *parent_name) {
		db_fail(db, "%s没有上级单位", unit_kind_title(kind));
		return -1;
	}
	if (!top && (!parent_name || !*parent_name)) {
		db_fail(db, "%s须写明上级单位（所在县区%s）", unit_kind_title(kind),
			strcmp(kind, "enterprise") == 0 ? "或主管部门" : "");
		return -1;
	}
	if (!top) {
		int ok = strcmp(parent->kind, "county") == 0 ||
			 (strcmp(kind, "enterprise") == 0 && strcmp(parent->kind, "department") == 0);
		if (!ok) {
			db_fail(db, "%s的上级须是县区%s，“%s”是%s", unit_kind_title(kind),
				strcmp(kind, "enterprise") == 0 ? "或市直部门" : "", parent->name,
				unit_kind_title(parent->kind));
			return -1;
		}
	}
	return 0;
}

static char *unit_describe(const struct unit *u)
{
	struct buf b = {0};
	char p[POINTS_BUFSZ];
	buf_printf(&b, "%s", unit_kind_title(u->kind));
	if (u->parent[0])
		buf_printf(&b, "，上级 %s", u->parent);
	if (u->industry[0])
		buf_printf(&b, "，行业 %s", u->industry);
	buf_printf(&b, "，顺序 %d，%s", u->sort_order, unit_status_title(u->status));
	if (u->has_provincial_total)
		buf_printf(&b, "，省考核得分 %s", points_fmt(u->provincial_total, p));
	if (u->provincial_grade[0])
		buf_printf(&b, "，省考核档次 %s", u->provincial_grade);
	return buf_take(&b);
}

/* Drops spaces (ASCII and 全角) around a name typed or pasted. */
static void trim_name(char *s)
{
	size_t n = strlen(s), a = 0;
	for (;;) {
		if (s[a] == ' ' || s[a] == '\t')
			a++;
		else if (strncmp(s + a, "　", 3) == 0)
			a += 3;
		else
			break;
	}
	while (n > a) {
		if (s[n - 1] == ' ' || s[n - 1] == '\t')
			n--;
		else if (n - a >= 3 && strncmp(s + n - 3, "　", 3) == 0)
			n -= 3;
		else
			break;
	}
	memmove(s, s + a, n - a);
	s[n - a] = '\0';
}

int unit_add(struct db *db, struct unit *u)
{
	trim_name(u->name);
	trim_name(u->parent);
	trim_name(u->industry);
	if (!u->name[0]) {
		db_fail(db, "单位名称不能为空");
		return -1;
	}
	if (strlen(u->name) >= sizeof u->name - 1 || strlen(u->parent) >= sizeof u->parent - 1 ||
	    strlen(u->industry) >= sizeof u->industry - 1) {
		db_fail(db, "单位名称、上级或行业过长（名称最多 80 个汉字）");
		return -1;
	}
	const char *kind = unit_kind_parse(u->kind);
	if (!kind) {
		db_fail(db, "未知的单位类型“%s”（县区、市直部门、乡镇、县区部门、企业）", u->kind);
		return -1;
	}
	snprintf(u->kind, sizeof u->kind, "%s", kind);
	struct unit parent = {0};
	if (u->parent[0] && unit_get(db, u->parent, &parent) != 0)
		return -1;
	if (check_parent(db, kind, &parent, u->parent) != 0)
		return -1;
	if (!u->status[0])
		snprintf(u->status, sizeof u->status, "assessed");
	const char *status = unit_status_parse(u->status);
	if (!status) {
		db_fail(db, "未知的考核状态“%s”（市考核、省考核、不考核）", u->status);
		return -1;
	}
	snprintf(u->status, sizeof u->status, "%s", status);
	if (strcmp(status, "assessed") != 0 && strcmp(kind, "county") != 0 &&
	    strcmp(kind, "department") != 0) {
		db_fail(db, "只有县区和市直部门有考核状态");
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM unit WHERE year_id = ? AND name = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, u->name);
	int exists = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (exists) {
		db_fail(db, "单位“%s”已经存在（同名乡镇请写全称，如“昌黎县城关镇”）", u->name);
		return -1;
	}
	if (u->sort_order <= 0) {
		st = db_stmt(db, "SELECT ifnull(max(sort_order), 0) + 1 FROM unit WHERE year_id = ? AND kind = ?");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, kind);
		u->sort_order = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
		sqlite3_reset(st);
	}
	st = db_stmt(db, "INSERT INTO unit (year_id, name, kind, parent_id, industry, sort_order, status,"
		     " provincial_total, provincial_grade) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, u->name);
	db_bind_text(st, 3, kind);
	if (parent.id)
		sqlite3_bind_int64(st, 4, parent.id);
	db_bind_text(st, 5, u->industry[0] ? u->industry : NULL);
	sqlite3_bind_int(st, 6, u->sort_order);
	db_bind_text(st, 7, status);
	if (u->has_provincial_total)
		sqlite3_bind_int64(st, 8, u->provincial_total);
	db_bind_text(st, 9, u->provincial_grade[0] ? u->provincial_grade : NULL);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	u->id = sqlite3_last_insert_rowid(db->h);
	u->parent_id = parent.id;
	char *desc = unit_describe(u);
	int rc = audit_add(db, "unit.add", u->name, NULL, NULL, desc, NULL);
	free(desc);
	return rc;
}

int unit_edit(struct db *db, const char *name, const struct unit_change *c)
{
	struct unit u;
	if (unit_get(db, name, &u) != 0)
		return -1;
	struct unit before = u;
	if (c->name && *c->name)
		snprintf(u.name, sizeof u.name, "%s", c->name);
	if (c->industry)
		snprintf(u.industry, sizeof u.industry, "%s", c->industry);
	if (c->sort_order >= 0)
		u.sort_order = c->sort_order;
	if (c->status) {
		const char *s = unit_status_parse(c->status);
		if (!s) {
			db_fail(db, "未知的考核状态“%s”（市考核、省考核、不考核）", c->status);
			return -1;
		}
		if (strcmp(u.kind, "county") != 0 && strcmp(u.kind, "department") != 0) {
			db_fail(db, "只有县区和市直部门有考核状态");
			return -1;
		}
		snprintf(u.status, sizeof u.status, "%s", s);
	}
	if (c->set_total && c->provincial_total > POINTS(1000)) {
		char b[POINTS_BUFSZ];
		db_fail(db, "省考核得分 %s 超过满分 1000", points_fmt(c->provincial_total, b));
		return -1;
	}
	if (c->set_total) {
		u.has_provincial_total = true;
		u.provincial_total = c->provincial_total;
	}
	if (c->provincial_grade) {
		if (*c->provincial_grade && grade_parse(c->provincial_grade) == GRADE_NONE) {
			db_fail(db, "未知的档次“%s”（优秀、良好、合格、不合格）", c->provincial_grade);
			return -1;
		}
		snprintf(u.provincial_grade, sizeof u.provincial_grade, "%s", c->provincial_grade);
	}
	long long parent_id = u.parent_id;
	if (c->parent && strcmp(c->parent, before.parent) != 0) {
		sqlite3_stmt *q = db_stmt(db, "SELECT 1 FROM sample WHERE unit_id = ? UNION ALL"
					  " SELECT 1 FROM finding WHERE sheet_id = ? LIMIT 1");
		sqlite3_bind_int64(q, 1, u.id);
		sqlite3_bind_int64(q, 2, u.id);
		int used = sqlite3_step(q) == SQLITE_ROW;
		sqlite3_reset(q);
		if (used) {
			db_fail(db, "“%s”已是%s的抽查单位（或已有评分），不能改换上级（先重新确定抽查对象）",
				u.name, before.parent);
			return -1;
		}
	}
	if (c->parent) {
		struct unit parent = {0};
		if (*c->parent && unit_get(db, c->parent, &parent) != 0)
			return -1;
		if (check_parent(db, u.kind, &parent, c->parent) != 0)
			return -1;
		parent_id = parent.id;
		snprintf(u.parent, sizeof u.parent, "%s", parent.name);
	}
	if ((c->set_total || c->provincial_grade) && strcmp(u.status, "provincial") != 0) {
		db_fail(db, "“%s”不是省考核单位，不能录入省考核结果（先用 --status 省考核）", u.name);
		return -1;
	}
	if (strcmp(u.name, before.name) != 0) {
		sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM unit WHERE year_id = ? AND name = ?");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, u.name);
		int exists = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (exists) {
			db_fail(db, "单位“%s”已经存在", u.name);
			return -1;
		}
	}
	sqlite3_stmt *st = db_stmt(db, "UPDATE unit SET name = ?, industry = ?, sort_order = ?, status = ?,"
				   " provincial_total = ?, provincial_grade = ?, parent_id = ? WHERE id = ?");
	db_bind_text(st, 1, u.name);
	db_bind_text(st, 2, u.industry[0] ? u.industry : NULL);
	sqlite3_bind_int(st, 3, u.sort_order);
	db_bind_text(st, 4, u.status);
	if (u.has_provincial_total)
		sqlite3_bind_int64(st, 5, u.provincial_total);
	db_bind_text(st, 6, u.provincial_grade[0] ? u.provincial_grade : NULL);
	if (parent_id)
		sqlite3_bind_int64(st, 7, parent_id);
	sqlite3_bind_int64(st, 8, u.id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	/* A renamed department keeps the industries it supervises. */
	if (strcmp(u.name, before.name) != 0 && strcmp(u.kind, "department") == 0) {
		st = db_stmt(db, "UPDATE industry_department SET department = ? WHERE year_id = ?"
			     " AND department = ?");
		db_bind_text(st, 1, u.name);
		sqlite3_bind_int64(st, 2, db->year_id);
		db_bind_text(st, 3, before.name);
		if (db_exec_stmt(db, st) != 0)
			return -1;
	}
	char *old = unit_describe(&before), *new_value = unit_describe(&u);
	if (strcmp(before.name, u.name) != 0) {
		char *o = old;
		struct buf b = {0};
		buf_printf(&b, "名称 %s；%s", before.name, o);
		old = buf_take(&b);
		free(o);
	}
	int rc = audit_add(db, "unit.edit", u.name, NULL, old, new_value, NULL);
	free(old);
	free(new_value);
	return rc;
}

int unit_remove(struct db *db, const char *name, const char *reason)
{
	if (!reason || !*reason) {
		db_fail(db, "删除单位须写明原因（--reason）");
		return -1;
	}
	struct unit u;
	if (unit_get(db, name, &u) != 0)
		return -1;
	static const struct { const char *sql, *what; } refs[] = {
		{"SELECT count(*) FROM unit WHERE parent_id = ?1", "下属单位"},
		{"SELECT count(*) FROM finding WHERE unit_id = ?1 OR sheet_id = ?1", "评分记录"},
		{"SELECT count(*) FROM sample WHERE county_id = ?1 OR unit_id = ?1", "抽查记录"},
		{"SELECT count(*) FROM accident WHERE county_id = ?1 OR misreported_by = ?1", "事故记录"},
		{"SELECT count(*) FROM veto WHERE unit_id = ?1", "否决记录"},
		{"SELECT count(*) FROM daily_outcome WHERE unit_id = ?1", "日常考核记录"},
		{"SELECT count(*) FROM result WHERE unit_id = ?1", "考核结果"},
		{"SELECT count(*) FROM decision WHERE unit_id = ?1", "确定的档次"},
		{"SELECT count(*) FROM team_unit WHERE unit_id = ?1", "考核组的考核范围"},
	};
	struct buf used = {0};
	for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
		sqlite3_stmt *st = db_stmt(db, refs[i].sql);
		sqlite3_bind_int64(st, 1, u.id);
		int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
		sqlite3_reset(st);
		if (n)
			buf_printf(&used, "%s%s %d 条", used.len ? "、" : "", refs[i].what, n);
	}
	if (used.len) {
		db_fail(db, "“%s”已有%s，不能删除（须先删除这些记录）", u.name, buf_str(&used));
		buf_free(&used);
		return -1;
	}
	buf_free(&used);
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM unit WHERE id = ?");
	sqlite3_bind_int64(st, 1, u.id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	char *old = unit_describe(&u);
	int rc = audit_add(db, "unit.remove", u.name, NULL, old, NULL, reason);
	free(old);
	return rc;
}

int unit_each(struct db *db, const char *kind, int (*fn)(const struct unit *, void *), void *arg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " UNIT_COLS UNIT_FROM "WHERE u.year_id = ?1"
				   " AND (?2 IS NULL OR u.kind = ?2)"
				   " ORDER BY CASE u.kind WHEN 'county' THEN 1 WHEN 'department' THEN 2"
				   " WHEN 'town' THEN 3 WHEN 'county-department' THEN 4 ELSE 5 END,"
				   " ifnull(p.sort_order, 0), u.sort_order, u.id");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, kind);
	/* Collect first: fn may run other statements. */
	struct unit *list = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			list = xrealloc(list, (size_t)cap * sizeof *list);
		}
		read_unit(st, &list[n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(list);
		return db_sqlite_fail(db, "读取单位");
	}
	int r = 0;
	for (int i = 0; i < n && r == 0; i++)
		r = fn(&list[i], arg);
	free(list);
	return r;
}

int unit_import(struct db *db, const struct csv *c, const char *file, struct diag *d)
{
	static const char *const name_col[] = {"名称", "name", "单位", "unit", NULL};
	static const char *const kind_col[] = {"类型", "kind", NULL};
	static const char *const parent_col[] = {"上级", "parent", NULL};
	static const char *const industry_col[] = {"行业", "industry", NULL};
	static const char *const order_col[] = {"顺序", "order", NULL};
	static const char *const status_col[] = {"状态", "status", NULL};
	int cn = csv_column(c, name_col), ck = csv_column(c, kind_col);
	int cp = csv_column(c, parent_col), ci = csv_column(c, industry_col);
	int co = csv_column(c, order_col), cs = csv_column(c, status_col);
	static const char *const known[] = {"名称", "name", "单位", "unit", "类型", "kind", "上级", "parent",
		"行业", "industry", "顺序", "order", "状态", "status", NULL};
	const char *const *groups[] = {name_col, kind_col, parent_col, industry_col, order_col,
		status_col, NULL};
	if (csv_check_header(c, file, known, d) ||
	    csv_header_dups(c->rows[0], c->ncols, c->line[0], file, groups, d))
		return -1;
	if (cn < 0 || ck < 0) {
		diag_add(d, "%s:第%d行：表头须有“名称”和“类型”列", file, c->line[0]);
		return -1;
	}
	int bad = 0;
	for (int i = 1; i < c->nrows; i++) {
		char **r = c->rows[i];
		struct unit u = {0};
		snprintf(u.name, sizeof u.name, "%s", r[cn]);
		snprintf(u.kind, sizeof u.kind, "%s", r[ck]);
		if (cp >= 0)
			snprintf(u.parent, sizeof u.parent, "%s", r[cp]);
		if (ci >= 0)
			snprintf(u.industry, sizeof u.industry, "%s", r[ci]);
		if (cs >= 0)
			snprintf(u.status, sizeof u.status, "%s", r[cs]);
		if (co >= 0 && r[co][0]) {
			char *end;
			long v = strtol(r[co], &end, 10);
			if (*end || v <= 0 || v > 1000000) {
				diag_add(d, "%s:第%d行第%d列：顺序“%s”须是正整数", file, c->line[i], co + 1, r[co]);
				bad++;
				continue;
			}
			u.sort_order = (int)v;
		}
		if (unit_add(db, &u) != 0) {
			diag_add(d, "%s:第%d行：%s", file, c->line[i], db_error(db));
			bad++;
		}
	}
	return bad ? -1 : 0;
}
