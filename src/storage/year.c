/* year.c: years, their schemes and template settings, approval. */
#include "year.h"
#include "audit.h"
#include "result.h"
#include "../core/builtin.h"
#include "../core/template.h"

#include <stdio.h>
#include <string.h>

static const struct builtin_scheme *builtin_find(const char *name)
{
	for (const struct builtin_scheme *b = builtin_schemes; b->name; b++)
		if (strcmp(b->name, name) == 0)
			return b;
	return NULL;
}

/* Parses a scheme text and checks it scores the expected unit kind. */
static int check_scheme(struct db *db, const struct scheme_text *t, const char *kind)
{
	struct diag d = {0};
	struct scheme *s = scheme_parse(t->text, t->len, t->file, &d);
	if (!s) {
		struct buf b = {0};
		for (int i = 0; i < d.n; i++)
			buf_printf(&b, "%s%s", i ? "\n" : "", d.msgs[i]);
		db_fail(db, "%s", buf_str(&b));
		buf_free(&b);
		diag_free(&d);
		return -1;
	}
	int ok = strcmp(s->unit, kind) == 0;
	if (!ok)
		db_fail(db, "%s 是 %s 方案，这里需要 %s 方案", t->file, s->unit, kind);
	scheme_free(s);
	return ok ? 0 : -1;
}

static int insert_scheme(struct db *db, const char *kind, const struct scheme_text *t)
{
	struct diag d = {0};
	struct scheme *s = scheme_parse(t->text, t->len, t->file, &d);
	diag_free(&d);
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO scheme (year_id, unit_kind, name, source)"
				   " VALUES (?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, s->name);
	sqlite3_bind_text(st, 4, t->text, (int)t->len, SQLITE_TRANSIENT);
	int rc = db_exec_stmt(db, st);
	if (rc == 0)
		rc = audit_add(db, "year.scheme", NULL, kind, NULL, s->name, NULL);
	scheme_free(s);
	return rc;
}

int year_init(struct db *db, int year, const char *template_name,
	      const struct scheme_text *county, const struct scheme_text *department)
{
	const struct year_template *t = template_find(template_name);
	if (!t) {
		db_fail(db, "未知的模板“%s”（可用：qhd-2016）", template_name);
		return -1;
	}
	if (year < 2000 || year > 2999) {
		db_fail(db, "年度 %d 不在 2000 到 2999 之间", year);
		return -1;
	}
	struct scheme_text texts[2];
	const char *names[2] = {t->county_scheme, t->department_scheme};
	const struct scheme_text *given[2] = {county, department};
	static const char *const kinds[2] = {"county", "department"};
	for (int i = 0; i < 2; i++) {
		if (given[i]) {
			texts[i] = *given[i];
		} else {
			const struct builtin_scheme *b = builtin_find(names[i]);
			texts[i] = (struct scheme_text){b->file, b->data, b->len};
		}
		if (check_scheme(db, &texts[i], kinds[i]) != 0)
			return -1;
	}
	if (db_begin(db) != 0)
		return -1;
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM year WHERE year = ?");
	sqlite3_bind_int(st, 1, year);
	int exists = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (exists) {
		db_fail(db, "%d 年度的考核已经存在", year);
		db_rollback(db);
		return -1;
	}
	char start[16], end[16], title[128];
	snprintf(start, sizeof start, "%d-%s", year + 1, t->window_start);
	snprintf(end, sizeof end, "%d-%s", year + 1, t->window_end);
	snprintf(title, sizeof title, "%d年度安全生产目标考核", year);
	st = db_stmt(db, "INSERT INTO year (year, title, template, window_start, window_end)"
		     " VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_int(st, 1, year);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3, t->name);
	db_bind_text(st, 4, start);
	db_bind_text(st, 5, end);
	int rc = db_exec_stmt(db, st);
	if (rc == 0) {
		db->year_id = sqlite3_last_insert_rowid(db->h);
		db->year = year;
		db->approved = false;
		char detail[256];
		snprintf(detail, sizeof detail, "模板 %s，考核时间 %s 至 %s", t->name, start, end);
		rc = audit_add(db, "year.init", NULL, NULL, NULL, detail, NULL);
	}
	for (int i = 0; i < 2 && rc == 0; i++)
		rc = insert_scheme(db, kinds[i], &texts[i]);
	for (const struct template_pair *p = t->industry_department; rc == 0 && p->a; p++) {
		st = db_stmt(db, "INSERT INTO industry_department (year_id, industry, department)"
			     " VALUES (?, ?, ?)");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, p->a);
		db_bind_text(st, 3, p->b);
		rc = db_exec_stmt(db, st);
	}
	for (const struct template_pool *p = t->pools; rc == 0 && p->kind; p++) {
		st = db_stmt(db, "INSERT INTO sample_pool (year_id, kind, industry, tier) VALUES (?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, p->kind);
		db_bind_text(st, 3, p->industry);
		sqlite3_bind_int(st, 4, p->tier);
		rc = db_exec_stmt(db, st);
	}
	for (const struct template_daily_item *p = t->daily_items; rc == 0 && p->target; p++) {
		st = db_stmt(db, "INSERT INTO daily_item (year_id, target, kind, code) VALUES (?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, p->target);
		db_bind_text(st, 3, p->kind);
		db_bind_text(st, 4, p->code);
		rc = db_exec_stmt(db, st);
	}
	for (const struct template_daily_rule *p = t->daily_rules; rc == 0 && p->outcome; p++) {
		st = db_stmt(db, "INSERT INTO daily_rule (year_id, outcome, deduct, per_day) VALUES (?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, p->outcome);
		sqlite3_bind_int64(st, 3, p->deduct);
		sqlite3_bind_int64(st, 4, p->per_day);
		rc = db_exec_stmt(db, st);
	}
	return db_write_end(db, rc);
}

const struct scheme *year_scheme(struct db *db, const char *unit_kind)
{
	int i = strcmp(unit_kind, "county") == 0 ? 0 : strcmp(unit_kind, "department") == 0 ? 1 : -1;
	if (i < 0) {
		db_fail(db, "%s 类单位没有考核方案", unit_kind);
		return NULL;
	}
	if (db->schemes[i])
		return db->schemes[i];
	sqlite3_stmt *st = db_stmt(db, "SELECT name, source FROM scheme WHERE year_id = ? AND unit_kind = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, unit_kind);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		db_fail(db, "%d 年度没有%s考核方案", db->year, i ? "市直部门" : "县区");
		return NULL;
	}
	struct diag d = {0};
	char file[160];
	snprintf(file, sizeof file, "%s（%d 年度）", db_col_text(st, 0), db->year);
	const char *src = (const char *)sqlite3_column_text(st, 1);
	db->schemes[i] = scheme_parse(src, (size_t)sqlite3_column_bytes(st, 1), file, &d);
	sqlite3_reset(st);
	if (!db->schemes[i])
		db_fail(db, "%s", d.n ? d.msgs[0] : "方案无法解析");
	diag_free(&d);
	return db->schemes[i];
}

int year_reopen(struct db *db, const char *reason)
{
	if (!reason || !*reason) {
		db_fail(db, "重新开放须写明原因（--reason）");
		return -1;
	}
	if (db_begin(db) != 0)
		return -1;
	if (db_use_year(db, db->year) != 0) {
		db_rollback(db);
		return -1;
	}
	if (!db->approved) {
		db_fail(db, "%d 年度尚未审定，无需重新开放", db->year);
		db_rollback(db);
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "UPDATE year SET approved = 0 WHERE id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	int rc = db_exec_stmt(db, st);
	/* Grades taken from the proposals at approval are withdrawn: the
	 * proposals may change now. Decisions the office made stay. */
	struct buf withdrawn = {0};
	if (rc == 0) {
		st = db_stmt(db, "SELECT u.name, d.grade FROM decision d JOIN unit u ON u.id = d.unit_id"
			     " WHERE d.reason = ? AND u.year_id = ? ORDER BY u.kind, u.sort_order");
		db_bind_text(st, 1, AUTO_REASON);
		sqlite3_bind_int64(st, 2, db->year_id);
		while (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(&withdrawn, "%s%s %s", withdrawn.len ? "、" : "", db_col_text(st, 0),
				   db_col_text(st, 1));
		sqlite3_reset(st);
		st = db_stmt(db, "DELETE FROM decision WHERE reason = ? AND unit_id IN"
			     " (SELECT id FROM unit WHERE year_id = ?)");
		db_bind_text(st, 1, AUTO_REASON);
		sqlite3_bind_int64(st, 2, db->year_id);
		rc = db_exec_stmt(db, st);
	}
	if (rc == 0) {
		struct buf what = {0};
		buf_printf(&what, "未审定%s%s%s", withdrawn.len ? "（撤回按拟定档次确定的档次：" : "",
			   buf_str(&withdrawn), withdrawn.len ? "）" : "");
		rc = audit_add(db, "year.reopen", NULL, NULL, "已审定", buf_str(&what), reason);
		buf_free(&what);
	}
	buf_free(&withdrawn);
	if (rc == 0)
		db->approved = false;
	return db_write_end(db, rc);
}
