/* review.c: sheet verification states. */
#include "review.h"
#include "audit.h"
#include "db_impl.h"

#include <stdlib.h>
#include <string.h>

int review_get(struct db *db, long long unit_id, struct sheet_review *r)
{
	r->state = REVIEW_OPEN;
	r->has_team_total = r->has_verified_total = false;
	r->remark = r->actor = r->at = NULL;
	sqlite3_stmt *st = db_stmt(db, "SELECT state, team_total, verified_total, remark, actor, at"
				   " FROM sheet_review WHERE unit_id = ?");
	sqlite3_bind_int64(st, 1, unit_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->state = review_state_parse(db_col_text(st, 0));
		r->has_team_total = sqlite3_column_type(st, 1) != SQLITE_NULL;
		r->team_total = sqlite3_column_int64(st, 1);
		r->has_verified_total = sqlite3_column_type(st, 2) != SQLITE_NULL;
		r->verified_total = sqlite3_column_int64(st, 2);
		r->remark = db_col_dup(st, 3);
		r->actor = db_col_str(st, 4);
		r->at = db_col_str(st, 5);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取核实状态");
}

int review_put(struct db *db, const struct unit *u, enum review_state state, const points_t *total,
	       const char *remark)
{
	struct sheet_review old = {0};
	if (review_get(db, u->id, &old) != 0)
		return -1;
	char at[32];
	db_now(at);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO sheet_review (unit_id, state, team_total, verified_total, remark, actor, at)"
		" VALUES (?1, ?2, CASE WHEN ?2 = 'submitted' THEN ?3 END, CASE WHEN ?2 = 'verified' THEN ?3 END,"
		" ?4, ?5, ?6) ON CONFLICT (unit_id) DO UPDATE SET state = ?2,"
		" team_total = CASE WHEN ?2 = 'submitted' AND ?3 IS NOT NULL THEN ?3 ELSE team_total END,"
		" verified_total = CASE WHEN ?2 = 'verified' THEN ?3 ELSE verified_total END,"
		" remark = ?4, actor = ?5, at = ?6");
	sqlite3_bind_int64(st, 1, u->id);
	db_bind_text(st, 2, review_state_name(state));
	if (total)
		sqlite3_bind_int64(st, 3, *total);
	db_bind_text(st, 4, remark);
	db_bind_text(st, 5, db_actor(db));
	db_bind_text(st, 6, at);
	int rc = db_exec_stmt(db, st);
	if (rc == 0) {
		static const char *const actions[] = {"sheet.open", "sheet.submit", "sheet.return", "sheet.verify"};
		struct buf what = {0};
		buf_printf(&what, "%s", review_state_title(state));
		if (total) {
			char p[POINTS_BUFSZ];
			buf_printf(&what, "（%s %s 分）", state == REVIEW_VERIFIED ? "核实得分" : "考核组得分",
				   points_fmt(*total, p));
		}
		rc = audit_add(db, actions[state], u->name, NULL, review_state_title(old.state), buf_str(&what),
			       remark);
		buf_free(&what);
	}
	free(old.remark);
	free(old.actor);
	free(old.at);
	return rc;
}

int review_void(struct db *db, const struct unit *u)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE sheet_review SET state = 'submitted', remark = NULL"
				   " WHERE unit_id = ? AND state = 'verified'");
	sqlite3_bind_int64(st, 1, u->id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	if (db_changes(db) == 0)
		return 0;
	return audit_add(db, "sheet.void", u->name, NULL, "已核实", "待核实（核实后评分又有改动）", NULL) == 0 ? 1
		: -1;
}
