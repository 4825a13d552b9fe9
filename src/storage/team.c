/* team.c: assessment teams. */
#include "team.h"
#include "audit.h"
#include "db_impl.h"

#include <stdlib.h>
#include <string.h>

long long team_id(struct db *db, const char *name)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM team WHERE year_id = ? AND name = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, name);
	long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (!id)
		db_fail_code(db, DB_NOT_FOUND, "team", "没有名为“%s”的考核组", name ? name : "");
	return id;
}

int team_insert(struct db *db, const char *name)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO team (year_id, name) VALUES (?, ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, name);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	if (db_changes(db) == 0) {
		db_fail_code(db, DB_CONFLICT, "team", "考核组“%s”已经存在", name);
		return -1;
	}
	return audit_add(db, "team.add", NULL, name, NULL, name, NULL);
}

int team_member_insert(struct db *db, long long team, const char *team_name,
		       const struct team_member *m)
{
	sqlite3_stmt *dup = db_stmt(db, "SELECT 1 FROM team_member WHERE team_id = ? AND name = ? AND role = ?");
	sqlite3_bind_int64(dup, 1, team);
	db_bind_text(dup, 2, m->name);
	db_bind_text(dup, 3, team_role_name(m->role));
	int exists = sqlite3_step(dup) == SQLITE_ROW;
	sqlite3_reset(dup);
	if (exists) {
		db_fail_code(db, DB_CONFLICT, "name", "%s已是%s的%s", m->name, team_name,
			     team_role_title(m->role));
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO team_member (team_id, name, role, title, contact)"
				   " VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, team);
	db_bind_text(st, 2, m->name);
	db_bind_text(st, 3, team_role_name(m->role));
	db_bind_text(st, 4, m->title);
	db_bind_text(st, 5, m->contact);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	struct buf b = {0};
	buf_printf(&b, "%s %s", team_role_title(m->role), m->name);
	int rc = audit_add(db, "team.member", NULL, team_name, NULL, buf_str(&b), NULL);
	buf_free(&b);
	return rc;
}

char *team_of_unit(struct db *db, long long unit_id)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT t.name FROM team_unit tu JOIN team t ON t.id = tu.team_id"
				   " WHERE tu.unit_id = ?");
	sqlite3_bind_int64(st, 1, unit_id);
	char *name = sqlite3_step(st) == SQLITE_ROW ? db_col_str(st, 0) : NULL;
	sqlite3_reset(st);
	return name;
}

int team_assign(struct db *db, long long team, const char *team_name, const struct unit *u)
{
	char *other = team_of_unit(db, u->id);
	if (other) {
		db_fail_code(db, DB_CONFLICT, "unit", "“%s”已在考核组“%s”的考核范围内", u->name, other);
		free(other);
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO team_unit (team_id, unit_id) VALUES (?, ?)");
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_int64(st, 2, u->id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	return audit_add(db, "team.assign", u->name, team_name, NULL, team_name, NULL);
}

int team_list(struct db *db, struct team **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT id, name FROM team WHERE year_id = ? ORDER BY id");
	sqlite3_bind_int64(st, 1, db->year_id);
	struct team *t = NULL;
	int k = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		t = xrealloc(t, (size_t)(k + 1) * sizeof *t);
		memset(&t[k], 0, sizeof t[k]);
		t[k].id = sqlite3_column_int64(st, 0);
		t[k].name = db_col_str(st, 1);
		k++;
	}
	sqlite3_reset(st);
	for (int i = 0; i < k; i++) {
		st = db_stmt(db, "SELECT name, role, title, contact FROM team_member WHERE team_id = ?"
			     " ORDER BY CASE role WHEN 'leader' THEN 1 WHEN 'deputy' THEN 2"
			     " WHEN 'member' THEN 3 ELSE 4 END, id");
		sqlite3_bind_int64(st, 1, t[i].id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			t[i].members = xrealloc(t[i].members, (size_t)(t[i].nmembers + 1) * sizeof *t[i].members);
			struct team_member *m = &t[i].members[t[i].nmembers++];
			m->name = db_col_str(st, 0);
			m->role = (enum team_role)team_role_parse(db_col_text(st, 1));
			m->title = db_col_dup(st, 2);
			m->contact = db_col_dup(st, 3);
		}
		sqlite3_reset(st);
		st = db_stmt(db, "SELECT u.name FROM team_unit tu JOIN unit u ON u.id = tu.unit_id"
			     " WHERE tu.team_id = ? ORDER BY u.kind, u.sort_order");
		sqlite3_bind_int64(st, 1, t[i].id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			t[i].units = xrealloc(t[i].units, (size_t)(t[i].nunits + 1) * sizeof *t[i].units);
			t[i].units[t[i].nunits++] = db_col_str(st, 0);
		}
		sqlite3_reset(st);
	}
	*out = t;
	*n = k;
	return 0;
}
