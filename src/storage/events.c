/* events.c: accidents and veto causes. */
#include "events.h"
#include "audit.h"
#include "unit.h"
#include "../core/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int date_in_year(const char *s, int year)
{
	int y, m, d;
	/* exactly YYYY-MM-DD, digits only */
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	if (y != year || m < 1 || m > 12 || d < 1)
		return 0;
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

static int department_of(struct db *db, const char *industry, char *out, size_t n)
{
	out[0] = '\0';
	if (!industry || !*industry)
		return 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT department FROM industry_department WHERE year_id = ?"
				   " AND industry = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, industry);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", db_col_text(st, 0));
	sqlite3_reset(st);
	return 0;
}

enum accident_grade accident_rec_grade(const struct accident_rec *a)
{
	int g = a->grade[0] ? accident_grade_parse(a->grade) : -1;
	return g >= 0 ? (enum accident_grade)g : accident_classify(a->deaths, a->injuries, a->loss);
}

/* The accident in words, for the record and the report. */
static void accident_words(const struct accident_rec *a, struct buf *b)
{
	buf_printf(b, "%s %s%s事故：死亡 %lld 人，重伤 %lld 人，直接经济损失 %lld 元", a->date,
		   accident_grade_name(accident_rec_grade(a)), a->occupational ? "职业病危害" : "",
		   a->deaths, a->injuries, a->loss);
	if (a->grade[0])
		buf_puts(b, "（等级按事故调查认定）");
	if (a->industry[0])
		buf_printf(b, "，行业 %s", a->industry);
	if (a->concealed || a->false_report || a->omitted)
		buf_printf(b, "，%s%s%s%s", a->misreported_by[0] ? a->misreported_by : a->county,
			   a->concealed ? "瞒报" : "", a->false_report ? "谎报" : "", a->omitted ? "漏报" : "");
}

int accident_add(struct db *db, struct accident_rec *a, struct buf *report)
{
	struct unit c;
	if (unit_get(db, a->county, &c) != 0)
		return -1;
	if (strcmp(c.kind, "county") != 0) {
		db_fail(db, "事故须记在发生地县区，“%s”是%s", c.name, unit_kind_title(c.kind));
		return -1;
	}
	if (!date_in_year(a->date, db->year)) {
		db_fail(db, "事故日期“%s”不是 %d 年内的有效日期（格式 YYYY-MM-DD）", a->date, db->year);
		return -1;
	}
	if (a->deaths < 0 || a->injuries < 0 || a->loss < 0) {
		db_fail(db, "死亡人数、重伤人数和直接经济损失不能为负数");
		return -1;
	}
	if (a->deaths > ACCIDENT_MAX_PEOPLE || a->injuries > ACCIDENT_MAX_PEOPLE ||
	    a->loss > ACCIDENT_MAX_LOSS) {
		db_fail(db, "死亡、重伤人数不能超过 %lld，直接经济损失不能超过 %lld 元",
			ACCIDENT_MAX_PEOPLE, ACCIDENT_MAX_LOSS);
		return -1;
	}
	if (a->concealed + a->false_report + a->omitted > 1) {
		db_fail(db, "瞒报、谎报、漏报只能选一种");
		return -1;
	}
	/* 493's thresholds grade production accidents; an occupational-disease
	 * hazard accident takes the grade its investigation found. */
	if (a->occupational && !a->grade[0]) {
		db_fail(db, "职业病危害事故须写明事故调查认定的等级（一般、较大、重大、特别重大）");
		return -1;
	}
	if (a->grade[0] && accident_grade_parse(a->grade) < 0) {
		db_fail(db, "未知的事故等级“%s”（一般、较大、重大、特别重大）", a->grade);
		return -1;
	}
	if (a->grade[0] && !a->occupational) {
		db_fail(db, "生产安全事故的等级按死亡、重伤人数和直接经济损失认定（国务院令第493号），"
			"只有职业病危害事故写明调查认定的等级");
		return -1;
	}
	struct unit by = {0};
	if (a->misreported_by[0]) {
		if (!a->concealed && !a->false_report && !a->omitted) {
			db_fail(db, "写明了瞒报单位，须同时写明是瞒报、谎报还是漏报");
			return -1;
		}
		if (unit_get(db, a->misreported_by, &by) != 0)
			return -1;
		if (by.id != c.id && strcmp(by.kind, "department") != 0) {
			db_fail(db, "瞒报、谎报、漏报的单位须是事故发生地县区或市直部门，“%s”是%s", by.name,
				unit_kind_title(by.kind));
			return -1;
		}
	}
	department_of(db, a->industry, a->department, sizeof a->department);
	if (a->industry[0] && !a->department[0]) {
		/* A year whose schemes name no industries takes the word as it is. */
		struct buf known = {0};
		sqlite3_stmt *st = db_stmt(db, "SELECT industry FROM industry_department WHERE year_id = ?"
					   " ORDER BY rowid");
		sqlite3_bind_int64(st, 1, db->year_id);
		while (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(&known, "%s%s", known.len ? "、" : "", db_col_text(st, 0));
		sqlite3_reset(st);
		if (known.len) {
			db_fail(db, "行业“%s”没有对应的监管部门（可用的行业：%s）", a->industry,
				buf_str(&known));
			buf_free(&known);
			return -1;
		}
	}
	/* The same accident twice would count twice towards the vetoes. */
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM accident WHERE county_id = ? AND date = ? AND deaths = ?"
				   " AND injuries = ? AND loss = ? AND ifnull(industry, '') = ? AND ifnull(note, '') = ?"
				   " AND occupational = ?");
	sqlite3_bind_int64(st, 1, c.id);
	db_bind_text(st, 2, a->date);
	sqlite3_bind_int64(st, 3, a->deaths);
	sqlite3_bind_int64(st, 4, a->injuries);
	sqlite3_bind_int64(st, 5, a->loss);
	db_bind_text(st, 6, a->industry);
	db_bind_text(st, 7, a->note);
	sqlite3_bind_int(st, 8, a->occupational);
	long long dup = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (dup) {
		db_fail(db, "与已记录的第 %lld 号事故完全相同（如确是另一起事故，请在备注中注明区别）", dup);
		return -1;
	}
	st = db_stmt(db, "INSERT INTO accident (year_id, county_id, date, deaths, injuries,"
				   " loss, industry, concealed, false_report, omitted, note, misreported_by,"
				   " occupational, grade) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	sqlite3_bind_int64(st, 2, c.id);
	db_bind_text(st, 3, a->date);
	sqlite3_bind_int64(st, 4, a->deaths);
	sqlite3_bind_int64(st, 5, a->injuries);
	sqlite3_bind_int64(st, 6, a->loss);
	db_bind_text(st, 7, a->industry[0] ? a->industry : NULL);
	sqlite3_bind_int(st, 8, a->concealed);
	sqlite3_bind_int(st, 9, a->false_report);
	sqlite3_bind_int(st, 10, a->omitted);
	db_bind_text(st, 11, a->note[0] ? a->note : NULL);
	if (by.id && by.id != c.id)
		sqlite3_bind_int64(st, 12, by.id);
	sqlite3_bind_int(st, 13, a->occupational);
	db_bind_text(st, 14, a->grade[0] ? a->grade : NULL);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	a->id = sqlite3_last_insert_rowid(db->h);
	if (by.id == c.id)
		a->misreported_by[0] = '\0';
	struct buf b = {0};
	accident_words(a, &b);
	int rc = audit_add(db, "accident.add", c.name, NULL, NULL, buf_str(&b), a->note[0] ? a->note : NULL);
	if (report) {
		buf_printf(report, "%s：%s；计入 %s", c.name, buf_str(&b), c.name);
		if (a->department[0]) {
			struct unit d;
			if (unit_get(db, a->department, &d) == 0)
				buf_printf(report, " 和 %s", a->department);
			else
				buf_printf(report, "；注意：行业“%s”的监管部门“%s”未登记为市直部门，事故未计入任何部门"
					   "（用 kaohe industry set %s 部门名称 更正）", a->industry,
					   a->department, a->industry);
		}
		if (a->concealed || a->false_report || a->omitted)
			buf_printf(report, "；%s受优秀否决（瞒报、谎报、漏报）",
				   a->misreported_by[0] ? a->misreported_by : c.name);
		buf_putc(report, '\n');
	}
	buf_free(&b);
	return rc;
}

#define ACC_COLS "a.id, c.name, a.date, a.deaths, a.injuries, a.loss, ifnull(a.industry, ''), " \
	"a.concealed, a.false_report, a.omitted, ifnull(a.note, ''), ifnull(d.department, ''), " \
	"ifnull(m.name, ''), a.occupational, ifnull(a.grade, '')"
#define ACC_FROM " FROM accident a JOIN unit c ON c.id = a.county_id LEFT JOIN industry_department d" \
	" ON d.year_id = a.year_id AND d.industry = a.industry LEFT JOIN unit m ON m.id = a.misreported_by "

static void read_accident(sqlite3_stmt *st, struct accident_rec *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	snprintf(a->county, sizeof a->county, "%s", db_col_text(st, 1));
	snprintf(a->date, sizeof a->date, "%s", db_col_text(st, 2));
	a->deaths = sqlite3_column_int64(st, 3);
	a->injuries = sqlite3_column_int64(st, 4);
	a->loss = sqlite3_column_int64(st, 5);
	snprintf(a->industry, sizeof a->industry, "%s", db_col_text(st, 6));
	a->concealed = sqlite3_column_int(st, 7);
	a->false_report = sqlite3_column_int(st, 8);
	a->omitted = sqlite3_column_int(st, 9);
	snprintf(a->note, sizeof a->note, "%s", db_col_text(st, 10));
	snprintf(a->department, sizeof a->department, "%s", db_col_text(st, 11));
	snprintf(a->misreported_by, sizeof a->misreported_by, "%s", db_col_text(st, 12));
	a->occupational = sqlite3_column_int(st, 13);
	snprintf(a->grade, sizeof a->grade, "%s", db_col_text(st, 14));
}

int accident_each(struct db *db, int (*fn)(const struct accident_rec *, void *), void *arg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " ACC_COLS ACC_FROM "WHERE a.year_id = ? ORDER BY a.date, a.id");
	sqlite3_bind_int64(st, 1, db->year_id);
	struct accident_rec *list = NULL;
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		list = xrealloc(list, (size_t)(n + 1) * sizeof *list);
		read_accident(st, &list[n++]);
	}
	sqlite3_reset(st);
	int r = rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取事故");
	for (int i = 0; i < n && r == 0; i++)
		r = fn(&list[i], arg);
	free(list);
	return r;
}

int accident_load(struct db *db, long long unit_id, const char *unit_kind, const char *unit_name,
		  struct accident **out, int *n)
{
	sqlite3_stmt *st;
	if (strcmp(unit_kind, "county") == 0) {
		st = db_stmt(db, "SELECT deaths, injuries, loss, grade FROM accident WHERE county_id = ?");
		sqlite3_bind_int64(st, 1, unit_id);
	} else {
		st = db_stmt(db, "SELECT a.deaths, a.injuries, a.loss, a.grade"
			     " FROM accident a JOIN industry_department d ON d.year_id = a.year_id"
			     " AND d.industry = a.industry WHERE a.year_id = ? AND d.department = ?");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, unit_name);
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
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取事故");
}

int accident_misreported(struct db *db, long long unit_id, const char *unit_kind, char **why)
{
	/* A county conceals what it records without naming another unit; a
	 * department only what names it. */
	sqlite3_stmt *st = db_stmt(db, "SELECT a.id, a.date, a.concealed, a.false_report FROM accident a"
				   " WHERE (a.concealed OR a.false_report OR a.omitted) AND"
				   " (a.misreported_by = ?1 OR (?2 AND a.misreported_by IS NULL AND a.county_id = ?1))"
				   " ORDER BY a.date, a.id");
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int(st, 2, strcmp(unit_kind, "county") == 0);
	struct buf b = {0};
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		buf_printf(&b, "%s第 %lld 号事故（%s）%s", n++ ? "；" : "", sqlite3_column_int64(st, 0),
			   db_col_text(st, 1), sqlite3_column_int(st, 2) ? "瞒报"
			   : sqlite3_column_int(st, 3) ? "谎报" : "漏报");
	}
	sqlite3_reset(st);
	if (why)
		*why = n ? buf_take(&b) : NULL;
	buf_free(&b);
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取事故");
	return n > 0;
}

int accident_import(struct db *db, const struct csv *c, const char *file, struct diag *d)
{
	static const char *const cols[][3] = {
		{"县区", "county", NULL}, {"日期", "date", NULL}, {"死亡", "deaths", NULL},
		{"重伤", "injuries", NULL}, {"损失", "loss", NULL}, {"行业", "industry", NULL},
		{"瞒报", "concealed", NULL}, {"谎报", "false-report", NULL}, {"漏报", "omitted", NULL},
		{"备注", "note", NULL}, {"瞒报单位", "misreported-by", NULL},
		{"职业病危害", "occupational", NULL}, {"等级", "grade", NULL},
	};
	enum { NCOLS = 13 };
	static const char *const known[] = {"县区", "county", "日期", "date", "死亡", "deaths",
		"重伤", "injuries", "损失", "loss", "行业", "industry", "瞒报", "concealed", "谎报",
		"false-report", "漏报", "omitted", "备注", "note", "瞒报单位", "misreported-by",
		"职业病危害", "occupational", "等级", "grade", NULL};
	int ix[NCOLS];
	for (int k = 0; k < NCOLS; k++)
		ix[k] = csv_column(c, cols[k]);
	const char *const *groups[NCOLS + 1];
	for (int k = 0; k < NCOLS; k++)
		groups[k] = cols[k];
	groups[NCOLS] = NULL;
	int bad = csv_check_header(c, file, known, d) +
		  csv_header_dups(c->rows[0], c->ncols, c->line[0], file, groups, d);
	for (int k = 0; k < 5; k++)
		if (ix[k] < 0) {
			diag_add(d, "%s:第%d行：表头缺少“%s”列（县区、日期、死亡、重伤、损失 必须有）", file,
				 c->line[0], cols[k][0]);
			bad++;
		}
	if (bad)
		return -1;
	for (int i = 1; i < c->nrows; i++) {
		char **r = c->rows[i];
		struct accident_rec a = {0};
		snprintf(a.county, sizeof a.county, "%s", r[ix[0]]);
		snprintf(a.date, sizeof a.date, "%s", r[ix[1]]);
		long long *nums[3] = {&a.deaths, &a.injuries, &a.loss};
		static const long long max[3] = {ACCIDENT_MAX_PEOPLE, ACCIDENT_MAX_PEOPLE, ACCIDENT_MAX_LOSS};
		int ok = 1;
		for (int k = 0; k < 3; k++)
			if ((*nums[k] = csv_count(r[ix[2 + k]], max[k])) < 0) {
				diag_add(d, "%s:第%d行第%d列：%s“%s”须是 0 到 %lld 的整数（没有的写 0）", file,
					 c->line[i], ix[2 + k] + 1, cols[2 + k][0], r[ix[2 + k]], max[k]);
				ok = 0;
			}
		if (ix[5] >= 0)
			snprintf(a.industry, sizeof a.industry, "%s", r[ix[5]]);
		bool *flags[3] = {&a.concealed, &a.false_report, &a.omitted};
		for (int k = 0; k < 3; k++) {
			if (ix[6 + k] < 0)
				continue;
			int v = csv_yes_no(r[ix[6 + k]]);
			if (v < 0) {
				diag_add(d, "%s:第%d行第%d列：%s“%s”须是 是 或 否（空白为否）", file, c->line[i],
					 ix[6 + k] + 1, cols[6 + k][0], r[ix[6 + k]]);
				ok = 0;
			}
			*flags[k] = v == 1;
		}
		if (!ok) {
			bad++;
			continue;
		}
		if (ix[9] >= 0)
			snprintf(a.note, sizeof a.note, "%s", r[ix[9]]);
		if (ix[10] >= 0)
			snprintf(a.misreported_by, sizeof a.misreported_by, "%s", r[ix[10]]);
		if (ix[11] >= 0) {
			int v = csv_yes_no(r[ix[11]]);
			if (v < 0) {
				diag_add(d, "%s:第%d行第%d列：职业病危害“%s”须是 是 或 否（空白为否）", file,
					 c->line[i], ix[11] + 1, r[ix[11]]);
				bad++;
				continue;
			}
			a.occupational = v == 1;
		}
		if (ix[12] >= 0)
			snprintf(a.grade, sizeof a.grade, "%s", r[ix[12]]);
		if (accident_add(db, &a, NULL) != 0) {
			diag_add(d, "%s:第%d行：%s", file, c->line[i], db_error(db));
			bad++;
		}
	}
	return bad ? -1 : 0;
}

int veto_add(struct db *db, const char *unit, const char *cause, const char *reason)
{
	struct unit u;
	if (unit_get(db, unit, &u) != 0)
		return -1;
	if (strcmp(u.kind, "county") != 0 && strcmp(u.kind, "department") != 0) {
		db_fail(db, "否决只针对县区和市直部门，“%s”是%s", u.name, unit_kind_title(u.kind));
		return -1;
	}
	int flag = veto_flag_parse(cause);
	if (!flag || flag == FLAG_MISREPORTED) {
		db_fail(db, "未知的否决原因“%s”（rescue-failure、negative-impact、falsified；"
			"瞒报谎报漏报随事故记录）", cause);
		return -1;
	}
	if (!reason || !*reason) {
		db_fail(db, "须写明否决理由（--reason）");
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO veto (unit_id, cause, reason) VALUES (?, ?, ?)");
	sqlite3_bind_int64(st, 1, u.id);
	db_bind_text(st, 2, cause);
	db_bind_text(st, 3, reason);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	return audit_add(db, "veto.add", u.name, cause, NULL, veto_flag_title((enum veto_flag)flag), reason);
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
	if (!reason || !*reason) {
		db_fail(db, "删除须写明原因（--reason）");
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT u.name, v.cause, v.reason FROM veto v JOIN unit u"
				   " ON u.id = v.unit_id WHERE v.id = ? AND u.year_id = ?");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->year_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		db_fail(db, "%d 年度没有编号为 %lld 的否决记录（kaohe veto list 查看）", db->year, id);
		return -1;
	}
	char unit[256], old[1024];
	snprintf(unit, sizeof unit, "%s", db_col_text(st, 0));
	snprintf(old, sizeof old, "%s：%s", veto_flag_title((enum veto_flag)veto_flag_parse(
		 db_col_text(st, 1))), db_col_text(st, 2));
	sqlite3_reset(st);
	st = db_stmt(db, "DELETE FROM veto WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	return audit_add(db, "veto.remove", unit, NULL, old, NULL, reason);
}

int veto_each(struct db *db, int (*fn)(long long id, const char *unit, const char *cause,
				       const char *reason, void *arg), void *arg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT v.id, u.name, v.cause, v.reason FROM veto v JOIN unit u"
				   " ON u.id = v.unit_id WHERE u.year_id = ? ORDER BY v.id");
	sqlite3_bind_int64(st, 1, db->year_id);
	int r = 0;
	while (r == 0 && sqlite3_step(st) == SQLITE_ROW)
		r = fn(sqlite3_column_int64(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		       db_col_text(st, 3), arg);
	sqlite3_reset(st);
	return r;
}

int accident_remove(struct db *db, long long id, const char *reason)
{
	if (!reason || !*reason) {
		db_fail(db, "删除须写明原因（--reason）");
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT " ACC_COLS ACC_FROM "WHERE a.id = ? AND a.year_id = ?");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->year_id);
	struct accident_rec a;
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_accident(st, &a);
	sqlite3_reset(st);
	if (!found) {
		db_fail(db, "%d 年度没有编号为 %lld 的事故（kaohe accident list 查看）", db->year, id);
		return -1;
	}
	st = db_stmt(db, "DELETE FROM accident WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	struct buf old = {0};
	accident_words(&a, &old);
	int rc = audit_add(db, "accident.remove", a.county, NULL, buf_str(&old), NULL, reason);
	buf_free(&old);
	return rc;
}

int industry_set(struct db *db, const char *industry, const char *department)
{
	if (!industry || !*industry || !department || !*department) {
		db_fail(db, "须写明行业和监管部门");
		return -1;
	}
	struct unit d;
	if (unit_get(db, department, &d) != 0)
		return -1;
	if (strcmp(d.kind, "department") != 0) {
		db_fail(db, "“%s”是%s，监管部门须是市直部门", d.name, unit_kind_title(d.kind));
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT department FROM industry_department WHERE year_id = ?"
				   " AND industry = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, industry);
	char *old = sqlite3_step(st) == SQLITE_ROW ? xstrdup(db_col_text(st, 0)) : NULL;
	sqlite3_reset(st);
	st = db_stmt(db, "INSERT INTO industry_department (year_id, industry, department) VALUES (?, ?, ?)"
		     " ON CONFLICT (year_id, industry) DO UPDATE SET department = excluded.department");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, industry);
	db_bind_text(st, 3, department);
	int rc = db_exec_stmt(db, st);
	if (rc == 0)
		rc = audit_add(db, "industry.set", NULL, industry, old, department, NULL);
	free(old);
	return rc;
}

int industry_each(struct db *db, int (*fn)(const char *industry, const char *department,
					   bool registered, void *arg), void *arg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT d.industry, d.department, EXISTS (SELECT 1 FROM unit u"
				   " WHERE u.year_id = d.year_id AND u.name = d.department"
				   " AND u.kind = 'department') FROM industry_department d"
				   " WHERE d.year_id = ? ORDER BY d.rowid");
	sqlite3_bind_int64(st, 1, db->year_id);
	int r = 0;
	while (r == 0 && sqlite3_step(st) == SQLITE_ROW)
		r = fn(db_col_text(st, 0), db_col_text(st, 1), sqlite3_column_int(st, 2), arg);
	sqlite3_reset(st);
	return r;
}
