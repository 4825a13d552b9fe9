/* team.c: assessment teams (考核组): members with their roles, and the
 * units in each team's scope (附件1). */
#include "audit.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long team_id(struct db *db, const char *name)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM team WHERE year_id = ? AND name = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, name);
	long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (!id)
		db_fail(db, "没有名为“%s”的考核组（kaohe team list 查看）", name);
	return id;
}

int team_add(struct db *db, const char *name)
{
	if (!name || !*name) {
		db_fail(db, "考核组名称不能为空");
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO team (year_id, name) VALUES (?, ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, name);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	if (sqlite3_changes(db->h) == 0) {
		db_fail(db, "考核组“%s”已经存在", name);
		return -1;
	}
	return audit_add(db, "team.add", NULL, name, NULL, name, NULL);
}

static const char *const roles[][2] = {
	{"leader", "组长"}, {"deputy", "副组长"}, {"member", "组员"}, {"contact", "联系人"},
};

int team_member_add(struct db *db, const char *team, const char *person, const char *role,
		    const char *title, const char *contact)
{
	long long id = team_id(db, team);
	if (!id)
		return -1;
	const char *r = pair_lookup(roles, 4, role ? role : "member", 0);
	if (!r) {
		db_fail(db, "未知的职务“%s”（组长、副组长、组员、联系人）", role);
		return -1;
	}
	if (!person || !*person) {
		db_fail(db, "成员姓名不能为空");
		return -1;
	}
	sqlite3_stmt *dup = db_stmt(db, "SELECT 1 FROM team_member WHERE team_id = ? AND name = ? AND role = ?");
	sqlite3_bind_int64(dup, 1, id);
	db_bind_text(dup, 2, person);
	db_bind_text(dup, 3, r);
	int exists = sqlite3_step(dup) == SQLITE_ROW;
	sqlite3_reset(dup);
	if (exists) {
		db_fail(db, "%s已是%s的%s", person, team, pair_lookup(roles, 4, r, 1));
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO team_member (team_id, name, role, title, contact)"
				   " VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, person);
	db_bind_text(st, 3, r);
	db_bind_text(st, 4, title && *title ? title : NULL);
	db_bind_text(st, 5, contact && *contact ? contact : NULL);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	struct buf b = {0};
	buf_printf(&b, "%s %s", pair_lookup(roles, 4, r, 1), person);
	int rc = audit_add(db, "team.member", NULL, team, NULL, buf_str(&b), NULL);
	buf_free(&b);
	return rc;
}

int team_assign(struct db *db, const char *team, const char *unit)
{
	long long id = team_id(db, team);
	struct unit u;
	if (!id || unit_get(db, unit, &u) != 0)
		return -1;
	if (strcmp(u.kind, "county") != 0 && strcmp(u.kind, "department") != 0) {
		db_fail(db, "考核范围只含县区和市直部门，“%s”是%s", u.name, unit_kind_title(u.kind));
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT t.name FROM team_unit tu JOIN team t ON t.id = tu.team_id"
				   " WHERE tu.unit_id = ?");
	sqlite3_bind_int64(st, 1, u.id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		db_fail(db, "“%s”已在考核组“%s”的考核范围内", u.name, db_col_text(st, 0));
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	st = db_stmt(db, "INSERT INTO team_unit (team_id, unit_id) VALUES (?, ?)");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, u.id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	return audit_add(db, "team.assign", u.name, team, NULL, team, NULL);
}

int team_each(struct db *db,
	      int (*fn)(const char *team, const struct team_member *members, int nmembers,
			const char *const *units, int nunits, void *arg),
	      void *arg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, name FROM team WHERE year_id = ? ORDER BY id");
	sqlite3_bind_int64(st, 1, db->year_id);
	int nteams = 0, cap = 0;
	long long *ids = NULL;
	char **names = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nteams == cap) {
			cap = cap ? cap * 2 : 8;
			ids = xrealloc(ids, (size_t)cap * sizeof *ids);
			names = xrealloc(names, (size_t)cap * sizeof *names);
		}
		ids[nteams] = sqlite3_column_int64(st, 0);
		names[nteams++] = xstrdup(db_col_text(st, 1));
	}
	sqlite3_reset(st);
	int r = 0;
	for (int t = 0; t < nteams; t++) {
		struct team_member *m = NULL;
		char **strs = NULL;
		int nm = 0, ns = 0;
		st = db_stmt(db, "SELECT name, role, ifnull(title, ''), ifnull(contact, '') FROM team_member"
			     " WHERE team_id = ? ORDER BY CASE role WHEN 'leader' THEN 1 WHEN 'deputy' THEN 2"
			     " WHEN 'member' THEN 3 ELSE 4 END, id");
		sqlite3_bind_int64(st, 1, ids[t]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			m = xrealloc(m, (size_t)(nm + 1) * sizeof *m);
			strs = xrealloc(strs, (size_t)(ns + 4) * sizeof *strs);
			for (int k = 0; k < 4; k++)
				strs[ns + k] = xstrdup(db_col_text(st, k));
			m[nm].name = strs[ns];
			m[nm].role = pair_lookup(roles, 4, strs[ns + 1], 1);
			m[nm].title = strs[ns + 2];
			m[nm].contact = strs[ns + 3];
			nm++;
			ns += 4;
		}
		sqlite3_reset(st);
		char **units = NULL;
		int nu = 0;
		st = db_stmt(db, "SELECT u.name FROM team_unit tu JOIN unit u ON u.id = tu.unit_id"
			     " WHERE tu.team_id = ? ORDER BY u.kind, u.sort_order");
		sqlite3_bind_int64(st, 1, ids[t]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			units = xrealloc(units, (size_t)(nu + 1) * sizeof *units);
			units[nu++] = xstrdup(db_col_text(st, 0));
		}
		sqlite3_reset(st);
		if (r == 0)
			r = fn(names[t], m, nm, (const char *const *)units, nu, arg);
		for (int k = 0; k < ns; k++)
			free(strs[k]);
		for (int k = 0; k < nu; k++)
			free(units[k]);
		free(strs);
		free(units);
		free(m);
		free(names[t]);
	}
	free(ids);
	free(names);
	return r;
}
