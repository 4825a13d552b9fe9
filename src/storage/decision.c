/* decision.c: the collective decision on each unit's grade (集体研究确定),
 * bounded by the vetoes, and approval, which locks the year. */
#include "audit.h"
#include "result.h"
#include "../core/grade.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The best grade a unit's vetoes allow (from its stored result), or
 * GRADE_NONE if none limits it. */
static enum grade veto_cap(struct db *db, long long unit_id)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT detail FROM result WHERE unit_id = ?");
	sqlite3_bind_int64(st, 1, unit_id);
	enum grade cap = GRADE_NONE;
	if (sqlite3_step(st) == SQLITE_ROW) {
		cJSON *d = cJSON_Parse(db_col_text(st, 0)), *v;
		cJSON_ArrayForEach(v, cJSON_GetObjectItem(d, "vetoes")) {
			const char *eff = cJSON_GetStringValue(cJSON_GetObjectItem(v, "effect"));
			enum grade g = GRADE_NONE;
			if (eff && (strcmp(eff, "fail") == 0 || strcmp(eff, "zero") == 0))
				g = GRADE_FAIL;
			else if (eff && strcmp(eff, "at-most") == 0)
				g = grade_parse(cJSON_GetStringValue(cJSON_GetObjectItem(v, "grade")) ?
						cJSON_GetStringValue(cJSON_GetObjectItem(v, "grade")) : "");
			if (g != GRADE_NONE && (cap == GRADE_NONE || g > cap))
				cap = g;
		}
		cJSON_Delete(d);
	}
	sqlite3_reset(st);
	return cap;
}

int decision_set(struct db *db, const char *unit, const char *grade, const char *reason)
{
	struct unit u;
	if (unit_get(db, unit, &u) != 0)
		return -1;
	if (grade_parse(grade) == GRADE_NONE) {
		db_fail(db, "未知的档次“%s”（优秀、良好、合格、不合格）", grade);
		return -1;
	}
	if (strcmp(u.kind, "county") != 0 && strcmp(u.kind, "department") != 0) {
		db_fail(db, "“%s”是%s，不单独评定档次（只为县区和市直部门确定档次）", u.name,
			unit_kind_title(u.kind));
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT ifnull(proposed_grade, ''), incomplete FROM result WHERE unit_id = ?");
	sqlite3_bind_int64(st, 1, u.id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		db_fail(db, "“%s”还没有考核结果（先运行 kaohe compute）", u.name);
		return -1;
	}
	char proposed[16];
	snprintf(proposed, sizeof proposed, "%s", db_col_text(st, 0));
	sqlite3_reset(st);
	if (results_stale(db) == 1) {
		db_fail(db, "计分之后又有改动，请先运行 kaohe compute 再确定档次");
		return -1;
	}
	enum grade cap = veto_cap(db, u.id);
	if (cap != GRADE_NONE && grade_parse(grade) < cap) {
		db_fail(db, "“%s”受否决，档次最高为%s，不能确定为%s（kaohe explain %s 查看否决原因）",
			u.name, grade_name(cap), grade, u.name);
		return -1;
	}
	if (strcmp(proposed, grade) != 0 && (!reason || !*reason)) {
		db_fail(db, "“%s”的拟定档次是%s，确定为%s须写明理由（--reason）", u.name,
			proposed[0] ? proposed : "（无）", grade);
		return -1;
	}
	st = db_stmt(db, "SELECT grade FROM decision WHERE unit_id = ?");
	sqlite3_bind_int64(st, 1, u.id);
	char *old = sqlite3_step(st) == SQLITE_ROW ? xstrdup(db_col_text(st, 0)) : NULL;
	sqlite3_reset(st);
	char at[32];
	db_now(at);
	st = db_stmt(db, "INSERT INTO decision (unit_id, grade, reason, actor, at) VALUES (?, ?, ?, ?, ?)"
		     " ON CONFLICT (unit_id) DO UPDATE SET grade = excluded.grade, reason = excluded.reason,"
		     " actor = excluded.actor, at = excluded.at");
	sqlite3_bind_int64(st, 1, u.id);
	db_bind_text(st, 2, grade);
	db_bind_text(st, 3, reason && *reason ? reason : NULL);
	db_bind_text(st, 4, db->actor);
	db_bind_text(st, 5, at);
	int rc = db_exec_stmt(db, st);
	if (rc == 0)
		rc = audit_add(db, "grade.set", u.name, NULL, old, grade, reason);
	free(old);
	return rc;
}

/* The reason recorded for a grade taken from the proposal at approval;
 * reopening the year withdraws these (result.h). */
const char *const AUTO_REASON = "按拟定档次确定";

int year_approve_results(struct db *db, struct buf *report)
{
	int stale = results_stale(db);
	if (stale < 0) {
		db_fail(db, "还没有考核结果，不能审定（先运行 kaohe compute）");
		return -1;
	}
	if (stale) {
		db_fail(db, "计分之后又有改动，请先运行 kaohe compute 再审定");
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT u.name FROM unit u LEFT JOIN result r ON r.unit_id = u.id"
				   " WHERE u.year_id = ? AND u.kind IN ('county', 'department')"
				   " AND u.status <> 'excluded' AND (r.unit_id IS NULL OR r.incomplete OR"
				   " (r.proposed_grade IS NULL"
				   " AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.unit_id = u.id)))");
	sqlite3_bind_int64(st, 1, db->year_id);
	struct buf missing = {0};
	int nmiss = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(&missing, "%s%s", nmiss++ ? "、" : "", db_col_text(st, 0));
	sqlite3_reset(st);
	if (nmiss) {
		db_fail(db, "以下单位没有考核结果、结果未完成或没有档次，不能审定：%s", buf_str(&missing));
		buf_free(&missing);
		return -1;
	}
	/* No decision, whatever its reason, above what the vetoes allow. */
	st = db_stmt(db, "SELECT u.id, u.name, d.grade FROM decision d JOIN unit u ON u.id = d.unit_id"
		     " WHERE u.year_id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	struct { long long id; char name[256]; enum grade g; } *dec = NULL;
	int ndec = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		dec = xrealloc(dec, (size_t)(ndec + 1) * sizeof *dec);
		dec[ndec].id = sqlite3_column_int64(st, 0);
		snprintf(dec[ndec].name, sizeof dec[ndec].name, "%s", db_col_text(st, 1));
		dec[ndec].g = grade_parse(db_col_text(st, 2));
		ndec++;
	}
	sqlite3_reset(st);
	for (int i = 0; i < ndec; i++) {
		enum grade cap = veto_cap(db, dec[i].id);
		if (cap != GRADE_NONE && dec[i].g < cap)
			buf_printf(&missing, "%s%s（最高%s）", nmiss++ ? "、" : "", dec[i].name, grade_name(cap));
	}
	free(dec);
	if (nmiss) {
		db_fail(db, "以下单位已确定的档次高于否决所允许的档次，须重新确定：%s", buf_str(&missing));
		buf_free(&missing);
		return -1;
	}
	buf_free(&missing);
	/* A decision without a reason that no longer matches the proposal
	 * (the scores changed after it was made) must be made again. */
	st = db_stmt(db, "SELECT u.name FROM result r JOIN unit u ON u.id = r.unit_id"
		     " JOIN decision d ON d.unit_id = r.unit_id WHERE u.year_id = ?"
		     " AND d.grade IS NOT r.proposed_grade AND (d.reason IS NULL OR d.reason = ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, AUTO_REASON);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(&missing, "%s%s", nmiss++ ? "、" : "", db_col_text(st, 0));
	sqlite3_reset(st);
	if (nmiss) {
		db_fail(db, "以下单位已确定的档次与新的拟定档次不同，须重新确定（kaohe grade set）：%s",
			buf_str(&missing));
		buf_free(&missing);
		return -1;
	}
	/* Units without a decision take the proposed grade, on the record. */
	st = db_stmt(db, "SELECT u.name, r.proposed_grade FROM result r JOIN unit u ON u.id = r.unit_id"
		     " WHERE u.year_id = ? AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.unit_id = r.unit_id)");
	sqlite3_bind_int64(st, 1, db->year_id);
	char (*names)[256] = NULL;
	char (*grades)[16] = NULL;
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		names = xrealloc(names, (size_t)(n + 1) * sizeof *names);
		grades = xrealloc(grades, (size_t)(n + 1) * sizeof *grades);
		snprintf(names[n], sizeof names[n], "%s", db_col_text(st, 0));
		snprintf(grades[n], sizeof grades[n], "%s", db_col_text(st, 1));
		n++;
	}
	sqlite3_reset(st);
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		rc = decision_set(db, names[i], grades[i], AUTO_REASON);
		if (rc == 0)
			buf_printf(report, "%s：按拟定档次确定为%s\n", names[i], grades[i]);
	}
	free(names);
	free(grades);
	if (rc == 0) {
		st = db_stmt(db, "UPDATE year SET approved = 1 WHERE id = ?");
		sqlite3_bind_int64(st, 1, db->year_id);
		rc = db_exec_stmt(db, st);
	}
	if (rc == 0)
		rc = audit_add(db, "year.approve", NULL, NULL, "未审定", "已审定", NULL);
	if (rc == 0)
		db->approved = true;
	return rc;
}
