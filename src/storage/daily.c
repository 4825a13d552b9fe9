/* daily.c: daily-assessment tasks, outcomes and their deductions. */
#include "daily.h"
#include "audit.h"
#include "db_impl.h"
#include "events.h"
#include "unit.h"
#include "../core/daily.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *daily_target_title(const char *s) { return daily_target_title_of(daily_target_parse(s)); }
const char *daily_kind_title(const char *s) { return daily_kind_title_of(daily_kind_parse(s)); }
const char *daily_outcome_title(const char *s) { return daily_outcome_title_of(daily_outcome_parse(s)); }

/* sql with the year and a task's four values bound, in that order. */
static sqlite3_stmt *task_bound(struct db *db, const char *sql, const char *title, const char *target,
				const char *kind, const char *due)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3, target);
	db_bind_text(st, 4, kind);
	db_bind_text(st, 5, due);
	return st;
}

long long daily_task_add(struct db *db, const char *title, const char *target, const char *kind,
			 const char *due)
{
	int ti = daily_target_parse(target), ki = daily_kind_parse(kind);
	const char *t = ti < 0 ? NULL : daily_target_name(ti);
	const char *k = ki < 0 ? NULL : daily_kind_name(ki);
	if (!t) {
		db_fail_code(db, DB_INVALID, "target", "未知的考核对象“%s”（county 县区、office 安委办、"
			     "supervision 综合监管）", target ? target : "");
		return -1;
	}
	if (!k) {
		db_fail_code(db, DB_INVALID, "kind", "未知的任务类型“%s”（meeting 参加会议、feedback 情况反馈、"
			     "report 信息报送、summary 节点性工作总结、other 其它要求上报）", kind ? kind : "");
		return -1;
	}
	if (!due || !date_in_year(due, db->year)) {
		db_fail_code(db, DB_INVALID, "due", "日期“%s”不是 %d 年内的有效日期（YYYY-MM-DD）",
			     due ? due : "", db->year);
		return -1;
	}
	/* A task whose target has no item in the year's schemes would count
	 * for nothing. */
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM daily_item WHERE year_id = ? AND target = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, t);
	int has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!has) {
		db_fail_code(db, DB_INVALID, "target", "本年度方案没有%s项", daily_target_title_of(ti));
		return -1;
	}
	/* the same task sent again (a form submitted twice) is the one
	 * registered: its number, and nothing new recorded */
	st = task_bound(db, "SELECT id FROM daily_task WHERE year_id = ? AND title = ? AND target = ? AND kind = ?"
			" AND due = ?", title, t, k, due);
	int found = sqlite3_step(st);
	long long same = found == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	if (found != SQLITE_ROW && found != SQLITE_DONE)
		return db_sqlite_fail(db, "读取日常考核任务"), -1;
	if (same >= 0)
		return same;
	st = task_bound(db, "INSERT INTO daily_task (year_id, title, target, kind, due) VALUES (?, ?, ?, ?, ?)",
			title, t, k, due);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	long long id = db_last_id(db);
	struct buf what = {0};
	buf_printf(&what, "任务 %lld：%s（%s，%s，%s）", id, title, daily_target_title(t),
		   daily_kind_title(k), due);
	int rc = audit_add(db, "daily.task", NULL, NULL, NULL, buf_str(&what), NULL);
	buf_free(&what);
	return rc != 0 ? -1 : id;
}

int daily_outcome_set(struct db *db, long long task, const char *unit, const char *outcome,
		      long long days_late)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT target, kind, title FROM daily_task WHERE id = ? AND year_id = ?");
	sqlite3_bind_int64(st, 1, task);
	sqlite3_bind_int64(st, 2, db->year_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		db_fail_code(db, DB_NOT_FOUND, "task", "%d 年度没有编号为 %lld 的日常考核任务", db->year, task);
		return -1;
	}
	int target = daily_target_parse(db_col_text(st, 0));
	int kind = daily_kind_parse(db_col_text(st, 1));
	char *title = db_col_str(st, 2);
	sqlite3_reset(st);
	struct unit u = {0};
	struct buf old = {0}, what = {0};
	int rc = -1;
	if (unit_get(db, unit, &u) != 0)
		goto out;
	if (strcmp(unit_kind_name(u.kind), daily_target_unit(target)) != 0) {
		db_fail_code(db, DB_INVALID, "unit", "任务 %lld 属于%s，“%s”是%s", task,
			     daily_target_title_of(target), u.name, unit_kind_title(u.kind));
		goto out;
	}
	int oi = daily_outcome_parse(outcome);
	if (!daily_outcome_fits(kind, oi)) {
		db_fail_code(db, DB_INVALID, "outcome", "%s任务的结果须是 %s", daily_kind_title_of(kind),
			     kind == DAILY_MEETING ? "attended（参会）或 absent（缺席）"
			     : "on-time（按时）、late（迟报，写明天数）或 missing（未报）");
		goto out;
	}
	if (days_late < 0 || days_late > 366 || (oi == DAILY_LATE) != (days_late > 0)) {
		db_fail_code(db, DB_INVALID, "days", "迟报须写明迟报天数（1 到 366），其他结果不写天数");
		goto out;
	}
	st = db_stmt(db, "SELECT outcome, days_late FROM daily_outcome WHERE task_id = ? AND unit_id = ?");
	sqlite3_bind_int64(st, 1, task);
	sqlite3_bind_int64(st, 2, u.id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		long long d = sqlite3_column_int64(st, 1);
		buf_printf(&old, "%s：%s", title, daily_outcome_title(db_col_text(st, 0)));
		if (d)
			buf_printf(&old, " %lld 天", d);
	}
	sqlite3_reset(st);
	st = db_stmt(db, "INSERT INTO daily_outcome (task_id, unit_id, outcome, days_late) VALUES (?, ?, ?, ?)"
		     " ON CONFLICT (task_id, unit_id) DO UPDATE SET outcome = excluded.outcome,"
		     " days_late = excluded.days_late");
	sqlite3_bind_int64(st, 1, task);
	sqlite3_bind_int64(st, 2, u.id);
	db_bind_text(st, 3, daily_outcome_name(oi));
	sqlite3_bind_int64(st, 4, days_late);
	if (db_exec_stmt(db, st) != 0)
		goto out;
	buf_printf(&what, "%s：%s", title, daily_outcome_title_of(oi));
	if (days_late)
		buf_printf(&what, " %lld 天", days_late);
	rc = audit_add(db, "daily.outcome", u.name, NULL, old.len ? buf_str(&old) : NULL,
		       buf_str(&what), NULL);
out:
	free(title);
	unit_clear(&u);
	buf_free(&old);
	buf_free(&what);
	return rc;
}

/* Sets one target's rule for an outcome, on the record. */
static int rule_set_one(struct db *db, const char *t, const char *o, points_t deduct,
			points_t per_day)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT deduct, per_day FROM daily_rule WHERE year_id = ?"
				   " AND target = ? AND outcome = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, t);
	db_bind_text(st, 3, o);
	points_t old_deduct = 0, old_per_day = 0;
	int had = sqlite3_step(st) == SQLITE_ROW;
	if (had) {
		old_deduct = sqlite3_column_int64(st, 0);
		old_per_day = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (deduct < 0)
		deduct = old_deduct;
	if (per_day < 0)
		per_day = old_per_day;
	st = db_stmt(db, "INSERT INTO daily_rule (year_id, target, outcome, deduct, per_day)"
		     " VALUES (?, ?, ?, ?, ?) ON CONFLICT (year_id, target, outcome) DO UPDATE SET"
		     " deduct = excluded.deduct, per_day = excluded.per_day");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, t);
	db_bind_text(st, 3, o);
	sqlite3_bind_int64(st, 4, deduct);
	sqlite3_bind_int64(st, 5, per_day);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	char what[256], oldw[256], a[POINTS_BUFSZ], b[POINTS_BUFSZ];
	/* the words are the program's own: a fixed buffer cannot be outgrown */
	snprintf(what, sizeof what, "%s：%s每次扣 %s 分，每天扣 %s 分", daily_target_title(t),
		 daily_outcome_title(o), points_fmt(deduct, a), points_fmt(per_day, b));
	snprintf(oldw, sizeof oldw, "%s：%s每次扣 %s 分，每天扣 %s 分", daily_target_title(t),
		 daily_outcome_title(o), points_fmt(old_deduct, a), points_fmt(old_per_day, b));
	return audit_add(db, "daily.rule", NULL, o, had ? oldw : NULL, what, NULL);
}

int daily_rule_set(struct db *db, const char *target, const char *outcome, points_t deduct,
		   points_t per_day)
{
	int oi = daily_outcome_parse(outcome);
	if (!daily_outcome_costs(oi)) {
		db_fail_code(db, DB_INVALID, "outcome", "只能为 absent（缺席）、late（迟报）、missing（未报）设定扣分");
		return -1;
	}
	int ti = target ? daily_target_parse(target) : -1;
	if (target && ti < 0) {
		db_fail_code(db, DB_INVALID, "target", "未知的考核对象“%s”（county 县区、office 安委办、"
			     "supervision 综合监管）", target);
		return -1;
	}
	/* Every target the year's daily items name, or the one given. */
	sqlite3_stmt *st = db_stmt(db, "SELECT DISTINCT target FROM daily_item WHERE year_id = ?1"
				   " AND (?2 IS NULL OR target = ?2) ORDER BY target");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, target ? daily_target_name(ti) : NULL);
	char targets[DAILY_TARGETS][16];
	int n = 0;
	while (n < DAILY_TARGETS && sqlite3_step(st) == SQLITE_ROW)
		snprintf(targets[n++], sizeof targets[0], "%s", db_col_text(st, 0));
	sqlite3_reset(st);
	if (!n) {
		db_fail_code(db, DB_INVALID, "target", "本年度方案没有%s日常考核项",
			     target ? daily_target_title_of(ti) : "");
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++)
		rc = rule_set_one(db, targets[i], daily_outcome_name(oi), deduct, per_day);
	return rc;
}

int daily_deductions(struct db *db, const struct unit *u, struct daily_deduction **out, int *n)
{
	*out = NULL;
	*n = 0;
	/* Per item: the outcomes that cost points, with this year's rules. */
	sqlite3_stmt *st = db_stmt(db,
		"SELECT i.code, o.outcome, count(*), sum(o.days_late), ifnull(r.deduct, 0), ifnull(r.per_day, 0)"
		" FROM daily_outcome o JOIN daily_task t ON t.id = o.task_id"
		" JOIN daily_item i ON i.year_id = t.year_id AND i.target = t.target AND i.kind = t.kind"
		" LEFT JOIN daily_rule r ON r.year_id = t.year_id AND r.target = t.target"
		" AND r.outcome = o.outcome"
		" WHERE o.unit_id = ?1 AND o.outcome IN ('absent', 'late', 'missing')"
		" AND ((?2 = 'county') = (t.target = 'county'))"
		" GROUP BY i.code, o.outcome ORDER BY i.code, o.outcome");
	sqlite3_bind_int64(st, 1, u->id);
	db_bind_text(st, 2, unit_kind_name(u->kind));
	int rc;
	struct buf note = {0};
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = db_col_text(st, 0);
		const char *o = db_col_text(st, 1);
		long long times = sqlite3_column_int64(st, 2), days = sqlite3_column_int64(st, 3);
		points_t deduct = sqlite3_column_int64(st, 4), per_day = sqlite3_column_int64(st, 5);
		points_t amount = daily_cost(times, days, deduct, per_day);
		struct daily_deduction *d = *n ? &(*out)[*n - 1] : NULL;
		if (!d || strcmp(d->code, code) != 0) {
			*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
			d = &(*out)[(*n)++];
			d->code = xstrdup(code);
			d->amount = 0;
			d->note = xstrdup("");
		}
		char a[POINTS_BUFSZ], b[POINTS_BUFSZ], c[POINTS_BUFSZ];
		buf_reset(&note);
		buf_printf(&note, "%s%s%s %lld 次", d->note, d->note[0] ? "；" : "日常考核：",
			   daily_outcome_title(o), times);
		if (strcmp(o, "late") == 0)
			buf_printf(&note, "共 %lld 天 × %s 分", days, points_fmt(per_day, a));
		if (deduct)
			buf_printf(&note, "%s × %s 分", strcmp(o, "late") == 0 ? "，另每次" : "",
				   points_fmt(deduct, b));
		buf_printf(&note, " = %s 分", points_fmt(amount, c));
		free(d->note);
		d->note = xstrdup(buf_str(&note));
		d->amount += amount;
	}
	sqlite3_reset(st);
	buf_free(&note);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取日常考核记录");
}

void daily_deductions_free(struct daily_deduction *d, int n)
{
	for (int i = 0; i < n; i++) {
		free(d[i].code);
		free(d[i].note);
	}
	free(d);
}

int daily_list(struct db *db, struct daily_task **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT t.id, t.title, t.target, t.kind, t.due,"
				   " (SELECT count(*) FROM daily_outcome o WHERE o.task_id = t.id)"
				   " FROM daily_task t WHERE t.year_id = ? ORDER BY t.due, t.id");
	sqlite3_bind_int64(st, 1, db->year_id);
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct daily_task *t = &(*out)[(*n)++];
		t->id = sqlite3_column_int64(st, 0);
		t->title = db_col_str(st, 1);
		t->target = daily_target_parse(db_col_text(st, 2));
		t->kind = daily_kind_parse(db_col_text(st, 3));
		t->due = db_col_str(st, 4);
		t->recorded = sqlite3_column_int(st, 5);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取日常考核任务");
}

int daily_outcome_list(struct db *db, long long task, struct daily_outcome_row **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM daily_task WHERE id = ? AND year_id = ?");
	sqlite3_bind_int64(st, 1, task);
	sqlite3_bind_int64(st, 2, db->year_id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!found) {
		db_fail_code(db, DB_NOT_FOUND, "task", "%d 年度没有编号为 %lld 的日常考核任务", db->year, task);
		return -1;
	}
	st = db_stmt(db, "SELECT u.name, o.outcome, o.days_late FROM daily_outcome o JOIN unit u"
		     " ON u.id = o.unit_id WHERE o.task_id = ? ORDER BY u.kind, u.sort_order, u.id");
	sqlite3_bind_int64(st, 1, task);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct daily_outcome_row *r = &(*out)[(*n)++];
		r->unit = db_col_str(st, 0);
		r->outcome = daily_outcome_parse(db_col_text(st, 1));
		r->days_late = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取日常考核记录");
}

void daily_outcome_rows_free(struct daily_outcome_row *r, int n)
{
	for (int i = 0; i < n; i++)
		free(r[i].unit);
	free(r);
}

int daily_rule_list(struct db *db, struct daily_rule_row **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT t.target, o.outcome, ifnull(r.deduct, 0), ifnull(r.per_day, 0)"
		" FROM (SELECT DISTINCT target FROM daily_item WHERE year_id = ?1) t"
		" CROSS JOIN (SELECT 'absent' AS outcome UNION ALL SELECT 'late' UNION ALL SELECT 'missing') o"
		" LEFT JOIN daily_rule r ON r.year_id = ?1 AND r.target = t.target AND r.outcome = o.outcome"
		" ORDER BY CASE t.target WHEN 'county' THEN 1 WHEN 'office' THEN 2 ELSE 3 END,"
		" CASE o.outcome WHEN 'absent' THEN 1 WHEN 'late' THEN 2 ELSE 3 END");
	sqlite3_bind_int64(st, 1, db->year_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct daily_rule_row *r = &(*out)[(*n)++];
		r->target = daily_target_parse(db_col_text(st, 0));
		r->outcome = daily_outcome_parse(db_col_text(st, 1));
		r->deduct = sqlite3_column_int64(st, 2);
		r->per_day = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取日常考核扣分规则");
}
