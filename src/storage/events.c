/* events.c: accidents, the industry table and veto causes. */
#include "events.h"
#include "audit.h"
#include "db_impl.h"
#include "unit.h"
#include "year.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The department supervising an industry (heap), or NULL. */
static char *department_of(struct db *db, const char *industry)
{
	if (!industry || !*industry)
		return NULL;
	sqlite3_stmt *st = db_stmt(db, "SELECT department FROM industry_department WHERE year_id = ?"
				   " AND industry = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, industry);
	char *d = sqlite3_step(st) == SQLITE_ROW ? db_col_str(st, 0) : NULL;
	sqlite3_reset(st);
	return d;
}

/* The known industries of the year, joined, for a message (heap). */
static char *known_industries(struct db *db)
{
	struct buf known = {0};
	sqlite3_stmt *st = db_stmt(db, "SELECT industry FROM industry_department WHERE year_id = ?"
				   " ORDER BY rowid");
	sqlite3_bind_int64(st, 1, db->year_id);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(&known, "%s%s", known.len ? "、" : "", db_col_text(st, 0));
	sqlite3_reset(st);
	return buf_take(&known);
}

/* The checks of an accident record (accident_add, accident_update): the
 * county c and the unit by that misreported it (filled; the caller clears
 * both), a->department and a->department_registered; self is the record
 * being edited (0 when adding), which is not a duplicate of itself. */
static int accident_check(struct db *db, struct accident_rec *a, struct unit *c, struct unit *by,
			  long long self)
{
	memset(c, 0, sizeof *c);
	memset(by, 0, sizeof *by);
	if (unit_get(db, a->county, c) != 0)
		return -1;
	/* a unit of a kind a scheme added (a school, …) answers for its own
	 * accidents, as a county does for those in its area */
	if (c->kind != KIND_COUNTY && (int)c->kind < KIND_COUNT) {
		db_fail_code(db, DB_INVALID, "unit", "事故须记在发生地县区（或发生事故的学校等其他被考核单位），“%s”是%s",
			     c->name, unit_kind_title(c->kind));
		return -1;
	}
	if (!date_in_year(a->date, db->year)) {
		db_fail_code(db, DB_INVALID, "date", "事故日期“%s”不是 %d 年内的有效日期（格式 YYYY-MM-DD）",
			     a->date ? a->date : "", db->year);
		return -1;
	}
	struct buf why = {0};
	const char *field = NULL;
	if (accident_figures_check(a->deaths, a->injuries, a->loss, &why, &field) != 0) {
		db_fail_code(db, DB_INVALID, field, "%s", buf_str(&why));
		buf_free(&why);
		return -1;
	}
	if (a->concealed + a->false_report + a->omitted > 1) {
		db_fail_code(db, DB_INVALID, "misreported", "瞒报、谎报、漏报只能选一种");
		return -1;
	}
	/* 493's thresholds grade production accidents; an occupational-disease
	 * hazard accident takes the grade its investigation found. */
	if (a->occupational && !a->grade) {
		db_fail_code(db, DB_INVALID, "grade",
			     "职业病危害事故须写明事故调查认定的等级（一般、较大、重大、特别重大）");
		return -1;
	}
	if (a->grade && accident_grade_parse(a->grade) < 0) {
		db_fail_code(db, DB_INVALID, "grade", "未知的事故等级“%s”（一般、较大、重大、特别重大）",
			     a->grade);
		return -1;
	}
	if (a->grade && !a->occupational) {
		db_fail_code(db, DB_INVALID, "grade", "生产安全事故的等级按死亡、重伤人数和直接经济损失认定"
			     "（国务院令第493号），只有职业病危害事故写明调查认定的等级");
		return -1;
	}
	if (a->misreported_by) {
		if (!a->concealed && !a->false_report && !a->omitted) {
			db_fail_code(db, DB_INVALID, "misreported_by",
				     "写明了瞒报单位，须同时写明是瞒报、谎报还是漏报");
			return -1;
		}
		if (unit_get(db, a->misreported_by, by) != 0)
			return -1;
		if (by->id != c->id && by->kind != KIND_DEPARTMENT) {
			db_fail_code(db, DB_INVALID, "misreported_by",
				     "瞒报、谎报、漏报的单位须是事故发生地县区或市直部门，“%s”是%s", by->name,
				     unit_kind_title(by->kind));
			return -1;
		}
		if (by->id == c->id) {
			free(a->misreported_by);
			a->misreported_by = NULL;
		}
	}
	free(a->department);
	a->department = department_of(db, a->industry);
	if (a->industry && !a->department) {
		/* A year whose schemes name no industries takes the word as it is. */
		char *known = known_industries(db);
		if (*known) {
			db_fail_code(db, DB_INVALID, "industry", "行业“%s”没有对应的监管部门（可用的行业：%s）",
				     a->industry, known);
			free(known);
			return -1;
		}
		free(known);
	}
	a->department_registered = false;
	if (a->department) {
		int e = unit_exists(db, a->department);
		if (e < 0)
			return -1;
		a->department_registered = e;
	}
	/* The same accident twice would count twice towards the vetoes. */
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM accident WHERE county_id = ? AND date = ? AND deaths = ?"
				   " AND injuries = ? AND loss = ? AND ifnull(industry, '') = ifnull(?, '')"
				   " AND ifnull(note, '') = ifnull(?, '') AND occupational = ? AND id != ?");
	sqlite3_bind_int64(st, 1, c->id);
	db_bind_text(st, 2, a->date);
	sqlite3_bind_int64(st, 3, a->deaths);
	sqlite3_bind_int64(st, 4, a->injuries);
	sqlite3_bind_int64(st, 5, a->loss);
	db_bind_text(st, 6, a->industry);
	db_bind_text(st, 7, a->note);
	sqlite3_bind_int(st, 8, a->occupational);
	sqlite3_bind_int64(st, 9, self);
	long long dup = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (dup) {
		db_fail_code(db, DB_CONFLICT, NULL,
			     "与已记录的第 %lld 号事故完全相同（如确是另一起事故，请在备注中注明区别）", dup);
		return -1;
	}
	return 0;
}

int accident_add(struct db *db, struct accident_rec *a)
{
	struct unit c, by;
	int rc = -1;
	if (accident_check(db, a, &c, &by, 0) != 0)
		goto out;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO accident (year_id, county_id, date, deaths, injuries,"
				   " loss, industry, concealed, false_report, omitted, note, misreported_by,"
				   " occupational, grade) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	sqlite3_bind_int64(st, 2, c.id);
	db_bind_text(st, 3, a->date);
	sqlite3_bind_int64(st, 4, a->deaths);
	sqlite3_bind_int64(st, 5, a->injuries);
	sqlite3_bind_int64(st, 6, a->loss);
	db_bind_text(st, 7, a->industry);
	sqlite3_bind_int(st, 8, a->concealed);
	sqlite3_bind_int(st, 9, a->false_report);
	sqlite3_bind_int(st, 10, a->omitted);
	db_bind_text(st, 11, a->note);
	if (a->misreported_by)
		sqlite3_bind_int64(st, 12, by.id);
	sqlite3_bind_int(st, 13, a->occupational);
	db_bind_text(st, 14, a->grade);
	if (db_exec_stmt(db, st) != 0)
		goto out;
	a->id = db_last_id(db);
	char *what = accident_describe(a);
	rc = audit_add(db, "accident.add", c.name, NULL, NULL, what, a->note);
	free(what);
out:
	unit_clear(&c);
	unit_clear(&by);
	return rc;
}

#define ACC_COLS "a.id, c.name, a.date, a.deaths, a.injuries, a.loss, a.industry, " \
	"a.concealed, a.false_report, a.omitted, a.note, d.department, m.name, a.occupational, a.grade, " \
	"EXISTS (SELECT 1 FROM unit r WHERE r.year_id = a.year_id AND r.name = d.department)"
#define ACC_FROM " FROM accident a JOIN unit c ON c.id = a.county_id LEFT JOIN industry_department d" \
	" ON d.year_id = a.year_id AND d.industry = a.industry LEFT JOIN unit m ON m.id = a.misreported_by "

static void read_accident(sqlite3_stmt *st, struct accident_rec *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->county = db_col_str(st, 1);
	a->date = db_col_str(st, 2);
	a->deaths = sqlite3_column_int64(st, 3);
	a->injuries = sqlite3_column_int64(st, 4);
	a->loss = sqlite3_column_int64(st, 5);
	a->industry = db_col_dup(st, 6);
	a->concealed = sqlite3_column_int(st, 7);
	a->false_report = sqlite3_column_int(st, 8);
	a->omitted = sqlite3_column_int(st, 9);
	a->note = db_col_dup(st, 10);
	a->department = db_col_dup(st, 11);
	a->misreported_by = db_col_dup(st, 12);
	a->occupational = sqlite3_column_int(st, 13);
	a->grade = db_col_dup(st, 14);
	a->department_registered = sqlite3_column_int(st, 15);
}

int accident_list(struct db *db, struct accident_rec **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " ACC_COLS ACC_FROM "WHERE a.year_id = ? ORDER BY a.date, a.id");
	sqlite3_bind_int64(st, 1, db->year_id);
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		read_accident(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取事故");
}

int accident_remove(struct db *db, long long id, const char *reason)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " ACC_COLS ACC_FROM "WHERE a.id = ? AND a.year_id = ?");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->year_id);
	struct accident_rec a;
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_accident(st, &a);
	sqlite3_reset(st);
	if (!found) {
		db_fail_code(db, DB_NOT_FOUND, "id", "%d 年度没有编号为 %lld 的事故", db->year, id);
		return -1;
	}
	st = db_stmt(db, "DELETE FROM accident WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	int rc = db_exec_stmt(db, st);
	if (rc == 0) {
		char *old = accident_describe(&a);
		rc = audit_add(db, "accident.remove", a.county, NULL, old, NULL, reason);
		free(old);
	}
	accident_rec_clear(&a);
	return rc;
}

/* An accident as the record of an edit states it: where, what, and the
 * note. Caller frees. */
static char *accident_record_text(const struct accident_rec *a)
{
	char *what = accident_describe(a);
	struct buf b = {0};
	buf_printf(&b, "%s：%s", a->county, what);
	if (a->note)
		buf_printf(&b, "；备注：%s", a->note);
	free(what);
	return buf_take(&b);
}

int accident_update(struct db *db, long long id, struct accident_rec *a, const char *reason)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " ACC_COLS ACC_FROM "WHERE a.id = ? AND a.year_id = ?");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->year_id);
	struct accident_rec old;
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_accident(st, &old);
	sqlite3_reset(st);
	if (!found) {
		db_fail_code(db, DB_NOT_FOUND, "id", "%d 年度没有编号为 %lld 的事故", db->year, id);
		return -1;
	}
	struct unit c, by;
	char *was = NULL, *now = NULL;
	int rc = -1;
	if (accident_check(db, a, &c, &by, id) != 0)
		goto out;
	a->id = id;
	was = accident_record_text(&old);
	now = accident_record_text(a);
	if (strcmp(was, now) == 0) {
		db_fail_code(db, DB_INVALID, NULL, "没有要修改的内容");
		goto out;
	}
	st = db_stmt(db, "UPDATE accident SET county_id = ?, date = ?, deaths = ?, injuries = ?, loss = ?,"
		     " industry = ?, concealed = ?, false_report = ?, omitted = ?, note = ?, misreported_by = ?,"
		     " occupational = ?, grade = ? WHERE id = ?");
	sqlite3_bind_int64(st, 1, c.id);
	db_bind_text(st, 2, a->date);
	sqlite3_bind_int64(st, 3, a->deaths);
	sqlite3_bind_int64(st, 4, a->injuries);
	sqlite3_bind_int64(st, 5, a->loss);
	db_bind_text(st, 6, a->industry);
	sqlite3_bind_int(st, 7, a->concealed);
	sqlite3_bind_int(st, 8, a->false_report);
	sqlite3_bind_int(st, 9, a->omitted);
	db_bind_text(st, 10, a->note);
	if (a->misreported_by)
		sqlite3_bind_int64(st, 11, by.id);
	else
		sqlite3_bind_null(st, 11);
	sqlite3_bind_int(st, 12, a->occupational);
	db_bind_text(st, 13, a->grade);
	sqlite3_bind_int64(st, 14, id);
	if (db_exec_stmt(db, st) != 0)
		goto out;
	char target[32];
	snprintf(target, sizeof target, "第 %lld 号事故", id);
	/* Under the county it now counts against, and under the one it no
	 * longer does. */
	rc = audit_add(db, "accident.edit", c.name, target, was, now, reason);
	if (rc == 0 && strcmp(old.county, c.name) != 0)
		rc = audit_add(db, "accident.edit", old.county, target, was, now, reason);
out:
	free(was);
	free(now);
	accident_rec_clear(&old);
	unit_clear(&c);
	unit_clear(&by);
	return rc;
}

int accident_load(struct db *db, const struct unit *u, struct accident **out, int *n)
{
	sqlite3_stmt *st;
	if (u->kind == KIND_COUNTY || (int)u->kind >= KIND_COUNT) {
		st = db_stmt(db, "SELECT deaths, injuries, loss, grade, date, industry FROM accident"
			     " WHERE county_id = ? ORDER BY date, id");
		sqlite3_bind_int64(st, 1, u->id);
	} else {
		st = db_stmt(db, "SELECT a.deaths, a.injuries, a.loss, a.grade, a.date, a.industry"
			     " FROM accident a JOIN industry_department d ON d.year_id = a.year_id"
			     " AND d.industry = a.industry WHERE a.year_id = ? AND d.department = ?"
			     " ORDER BY a.date, a.id");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, u->name);
	}
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct accident *a = &(*out)[(*n)++];
		memset(a, 0, sizeof *a);
		a->deaths = sqlite3_column_int64(st, 0);
		a->injuries = sqlite3_column_int64(st, 1);
		a->loss = sqlite3_column_int64(st, 2);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
			a->graded = true;
			a->grade = (enum accident_grade)accident_grade_parse(db_col_text(st, 3));
		}
		/* "YYYY-MM-DD": the month places it in a period (core/period.h) */
		const char *date = db_col_text(st, 4);
		if (strlen(date) >= 7 && date[5] >= '0' && date[5] <= '1' && date[6] >= '0' && date[6] <= '9')
			a->month = (date[5] - '0') * 10 + (date[6] - '0');
		/* owned here, released by accident_load_free */
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			a->date = xstrdup(db_col_text(st, 4));
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			a->industry = xstrdup(db_col_text(st, 5));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取事故");
}

void accident_load_free(struct accident *a, int n)
{
	for (int i = 0; i < n; i++) {
		free((char *)a[i].date);
		free((char *)a[i].industry);
	}
	free(a);
}

int accident_misreported(struct db *db, const struct unit *u, char **why)
{
	/* A county (or a unit of an added kind) conceals what it records
	 * without naming another unit; a department only what names it. */
	/* Two indexed lookups, not one OR that scans every accident for
	 * every unit. */
	sqlite3_stmt *st = db_stmt(db, "SELECT id, date, concealed, false_report FROM ("
				   " SELECT * FROM accident WHERE misreported_by = ?1"
				   " UNION ALL SELECT * FROM accident WHERE ?2 AND county_id = ?1 AND misreported_by IS NULL)"
				   " WHERE concealed OR false_report OR omitted ORDER BY date, id");
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_int(st, 2, u->kind == KIND_COUNTY || (int)u->kind >= KIND_COUNT);
	struct buf b = {0};
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		buf_printf(&b, "%s第 %lld 号事故（%s）%s", n++ ? "；" : "", sqlite3_column_int64(st, 0),
			   db_col_text(st, 1), sqlite3_column_int(st, 2) ? "瞒报"
			   : sqlite3_column_int(st, 3) ? "谎报" : "漏报");
	sqlite3_reset(st);
	if (why)
		*why = n ? buf_take(&b) : NULL;
	buf_free(&b);
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取事故");
	return n > 0;
}

int industry_set(struct db *db, const char *industry, const char *department)
{
	struct unit d;
	if (unit_get(db, department, &d) != 0)
		return -1;
	int kind = d.kind;
	unit_clear(&d);
	if (kind != KIND_DEPARTMENT) {
		db_fail_code(db, DB_INVALID, "department", "“%s”是%s，监管部门须是市直部门", department,
			     unit_kind_title((enum unit_kind)kind));
		return -1;
	}
	/* an industry the year's schemes do not name is a typo, not a new
	 * industry; a year whose schemes name none keeps the office's own */
	bool named = false, any = false;
	for (int k = 0; k < 2; k++) {
		const struct scheme *sc = year_scheme(db, k ? KIND_DEPARTMENT : KIND_COUNTY);
		for (int i = 0; sc && i < sc->nindustries; i++) {
			any = true;
			named |= strcmp(sc->industries[i].industry, industry) == 0;
		}
	}
	if (any && !named) {
		char *known = known_industries(db);
		db_fail_code(db, DB_NOT_FOUND, "industry", "考核方案中没有行业“%s”（方案中的行业：%s）", industry,
			     known);
		free(known);
		return -1;
	}
	char *old = department_of(db, industry);
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO industry_department (year_id, industry, department)"
				   " VALUES (?, ?, ?) ON CONFLICT (year_id, industry) DO UPDATE SET"
				   " department = excluded.department");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, industry);
	db_bind_text(st, 3, department);
	int rc = db_exec_stmt(db, st);
	if (rc == 0)
		rc = audit_add(db, "industry.set", NULL, industry, old, department, NULL);
	free(old);
	return rc;
}

int industry_list(struct db *db, struct industry_row **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT d.industry, d.department, EXISTS (SELECT 1 FROM unit u"
				   " WHERE u.year_id = d.year_id AND u.name = d.department"
				   " AND u.kind = 'department') FROM industry_department d"
				   " WHERE d.year_id = ? ORDER BY d.rowid");
	sqlite3_bind_int64(st, 1, db->year_id);
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct industry_row *r = &(*out)[(*n)++];
		r->industry = db_col_str(st, 0);
		r->department = db_col_str(st, 1);
		r->registered = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取行业");
}

int veto_add(struct db *db, const struct unit *u, int flag, const char *reason)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO veto (unit_id, cause, reason) VALUES (?, ?, ?)");
	sqlite3_bind_int64(st, 1, u->id);
	db_bind_text(st, 2, veto_flag_name((enum veto_flag)flag));
	db_bind_text(st, 3, reason);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	return audit_add(db, "veto.add", u->name, veto_flag_name((enum veto_flag)flag), NULL,
			 veto_flag_title((enum veto_flag)flag), reason);
}

unsigned veto_flags(struct db *db, long long unit_id, char *reasons[4])
{
	sqlite3_stmt *st = db_stmt(db, "SELECT cause, reason FROM veto WHERE unit_id = ? ORDER BY id");
	sqlite3_bind_int64(st, 1, unit_id);
	unsigned flags = 0;
	struct buf r[4] = {{0}};
	while (sqlite3_step(st) == SQLITE_ROW) {
		unsigned f = (unsigned)veto_flag_parse(db_col_text(st, 0));
		flags |= f;
		for (int i = 0; i < 4; i++)
			if (f == (1u << i))
				buf_printf(&r[i], "%s%s", r[i].len ? "；" : "", db_col_text(st, 1));
	}
	sqlite3_reset(st);
	for (int i = 0; i < 4; i++) {
		if (reasons)
			reasons[i] = r[i].len ? buf_take(&r[i]) : NULL;
		buf_free(&r[i]);
	}
	return flags;
}

int veto_remove(struct db *db, long long id, const char *reason)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT u.name, v.cause, v.reason FROM veto v JOIN unit u"
				   " ON u.id = v.unit_id WHERE v.id = ? AND u.year_id = ?");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->year_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		db_fail_code(db, DB_NOT_FOUND, "id", "%d 年度没有编号为 %lld 的否决记录", db->year, id);
		return -1;
	}
	char *unit = db_col_str(st, 0);
	struct buf old = {0};
	buf_printf(&old, "%s：%s", veto_flag_title((enum veto_flag)veto_flag_parse(db_col_text(st, 1))),
		   db_col_text(st, 2));
	sqlite3_reset(st);
	st = db_stmt(db, "DELETE FROM veto WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	int rc = db_exec_stmt(db, st);
	if (rc == 0)
		rc = audit_add(db, "veto.remove", unit, NULL, buf_str(&old), NULL, reason);
	free(unit);
	buf_free(&old);
	return rc;
}

int veto_list(struct db *db, struct veto_row **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT v.id, u.name, v.cause, v.reason FROM veto v JOIN unit u"
				   " ON u.id = v.unit_id WHERE u.year_id = ? ORDER BY v.id");
	sqlite3_bind_int64(st, 1, db->year_id);
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct veto_row *v = &(*out)[(*n)++];
		v->id = sqlite3_column_int64(st, 0);
		v->unit = db_col_str(st, 1);
		v->cause = db_col_str(st, 2);
		v->reason = db_col_str(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取否决记录");
}
