/* decision.c: recording the collective decision on a unit's grade. */
#include "decision.h"
#include "audit.h"
#include "db_impl.h"
#include "year.h"

#include <stdlib.h>

const char *const AUTO_REASON = "按拟定档次确定";

int decision_put(struct db *db, const struct unit *u, enum grade g, const char *reason)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT grade FROM decision WHERE unit_id = ?");
	sqlite3_bind_int64(st, 1, u->id);
	char *old = sqlite3_step(st) == SQLITE_ROW ? db_col_str(st, 0) : NULL;
	sqlite3_reset(st);
	char at[32];
	db_now(at);
	st = db_stmt(db, "INSERT INTO decision (unit_id, grade, reason, actor, at) VALUES (?, ?, ?, ?, ?)"
		     " ON CONFLICT (unit_id) DO UPDATE SET grade = excluded.grade, reason = excluded.reason,"
		     " actor = excluded.actor, at = excluded.at");
	sqlite3_bind_int64(st, 1, u->id);
	const char *name = scheme_grade_name(year_grading(db, u->kind), g);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, reason && *reason ? reason : NULL);
	db_bind_text(st, 4, db->actor);
	db_bind_text(st, 5, at);
	int rc = db_exec_stmt(db, st);
	if (rc == 0)
		rc = audit_add(db, "grade.set", u->name, NULL, old, name, reason);
	free(old);
	return rc;
}

int decision_withdraw_auto(struct db *db, struct buf *what)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT u.name, d.grade FROM decision d JOIN unit u ON u.id = d.unit_id"
				   " WHERE d.reason = ? AND u.year_id = ? ORDER BY u.kind, u.sort_order");
	db_bind_text(st, 1, AUTO_REASON);
	sqlite3_bind_int64(st, 2, db->year_id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (what)
			buf_printf(what, "%s%s %s", n++ ? "、" : "", db_col_text(st, 0), db_col_text(st, 1));
	sqlite3_reset(st);
	st = db_stmt(db, "DELETE FROM decision WHERE reason = ? AND unit_id IN"
		     " (SELECT id FROM unit WHERE year_id = ?)");
	db_bind_text(st, 1, AUTO_REASON);
	sqlite3_bind_int64(st, 2, db->year_id);
	return db_exec_stmt(db, st);
}
