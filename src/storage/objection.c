/* objection.c: objections and answers. */
#include "objection.h"
#include "audit.h"
#include "db_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long long objection_add(struct db *db, const struct unit *u, const char *code, const char *text,
			const char *evidence)
{
	char at[32];
	db_now(at);
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO objection (unit_id, code, text, filed_by, filed_at, evidence)"
				   " VALUES (?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, u->id);
	db_bind_text(st, 2, code);
	db_bind_text(st, 3, text);
	db_bind_text(st, 4, db_actor(db));
	db_bind_text(st, 5, at);
	db_bind_text(st, 6, evidence);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	long long id = sqlite3_last_insert_rowid(db->h);
	char target[32];
	snprintf(target, sizeof target, "%lld", id);
	struct buf what = {0};
	buf_printf(&what, "%s%s%s", code ? code : "", code ? "：" : "", text);
	if (evidence && *evidence)
		buf_printf(&what, "（证据：%s）", evidence);
	int rc = audit_add(db, "objection.file", u->name, target, NULL, buf_str(&what), NULL);
	buf_free(&what);
	return rc == 0 ? id : -1;
}

#define COLUMNS "o.id, u.name, o.code, o.text, o.filed_by, o.filed_at, o.answer, o.answered_by," \
	" o.answered_at, o.evidence, o.outcome"

static void read_row(sqlite3_stmt *st, struct objection *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->unit = db_col_str(st, 1);
	o->code = db_col_dup(st, 2);
	o->text = db_col_str(st, 3);
	o->filed_by = db_col_str(st, 4);
	o->filed_at = db_col_str(st, 5);
	o->answer = db_col_dup(st, 6);
	o->answered_by = db_col_dup(st, 7);
	o->answered_at = db_col_dup(st, 8);
	o->evidence = db_col_dup(st, 9);
	o->outcome = db_col_dup(st, 10);
}

int objection_list(struct db *db, long long unit_id, struct objection **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " COLUMNS " FROM objection o JOIN unit u ON u.id = o.unit_id"
				   " WHERE u.year_id = ? AND (? = 0 OR o.unit_id = ?) ORDER BY o.id");
	sqlite3_bind_int64(st, 1, db->year_id);
	sqlite3_bind_int64(st, 2, unit_id);
	sqlite3_bind_int64(st, 3, unit_id);
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		read_row(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取意见");
}

int objection_get(struct db *db, long long id, struct objection *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, "SELECT " COLUMNS " FROM objection o JOIN unit u ON u.id = o.unit_id"
				   " WHERE o.id = ? AND u.year_id = ?");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->year_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取意见");
	db_fail_code(db, DB_NOT_FOUND, "id", "%d 年度没有编号为 %lld 的意见", db->year, id);
	return -1;
}

int objection_answer(struct db *db, long long id, const char *answer, const char *outcome)
{
	struct objection o;
	if (objection_get(db, id, &o) != 0)
		return -1;
	/* the same answer sent again (a form submitted twice) is the one on
	 * the record: nothing to change, nothing to record */
	if (o.answer && o.outcome && strcmp(o.answer, answer) == 0 && strcmp(o.outcome, outcome) == 0) {
		objection_clear(&o);
		return 0;
	}
	char at[32];
	db_now(at);
	sqlite3_stmt *st = db_stmt(db, "UPDATE objection SET answer = ?, answered_by = ?, answered_at = ?,"
				   " outcome = ? WHERE id = ?");
	db_bind_text(st, 1, answer);
	db_bind_text(st, 2, db_actor(db));
	db_bind_text(st, 3, at);
	db_bind_text(st, 4, outcome);
	sqlite3_bind_int64(st, 5, id);
	int rc = db_exec_stmt(db, st);
	if (rc == 0) {
		char target[32];
		snprintf(target, sizeof target, "%lld", id);
		struct buf what = {0};
		buf_printf(&what, "%s：%s", strcmp(outcome, "changed") == 0 ? "已改变评分" : "维持评分", answer);
		rc = audit_add(db, "objection.answer", o.unit, target, o.answer, buf_str(&what), NULL);
		buf_free(&what);
	}
	objection_clear(&o);
	return rc;
}
