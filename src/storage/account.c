/* account.c: accounts. */
#include "account.h"
#include "audit.h"
#include "db_impl.h"

#include <stdlib.h>
#include <string.h>

static char *describe(const struct account *a)
{
	struct buf b = {0};
	buf_printf(&b, "%s", role_title(a->role));
	if (a->team)
		buf_printf(&b, "，考核组 %s", a->team);
	if (a->industry)
		buf_printf(&b, "，行业 %s", a->industry);
	if (a->unit)
		buf_printf(&b, "，单位 %s", a->unit);
	return buf_take(&b);
}

int account_insert(struct db *db, const struct account *a, const char *hash)
{
	char at[32];
	db_now(at);
	sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO account (name, role, team, industry, unit,"
				   " password, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
	db_bind_text(st, 1, a->name);
	db_bind_text(st, 2, role_name(a->role));
	db_bind_text(st, 3, a->team);
	db_bind_text(st, 4, a->industry);
	db_bind_text(st, 5, a->unit);
	db_bind_text(st, 6, hash);
	db_bind_text(st, 7, at);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	if (db_changes(db) == 0) {
		db_fail_code(db, DB_CONFLICT, "name", "账号“%s”已经存在", a->name);
		return -1;
	}
	char *what = describe(a);
	int rc = audit_add(db, "user.add", NULL, a->name, NULL, what, NULL);
	free(what);
	return rc;
}

static void read_account(sqlite3_stmt *st, struct account *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->name = db_col_str(st, 1);
	a->role = (enum role)role_parse(db_col_text(st, 2));
	a->team = db_col_dup(st, 3);
	a->industry = db_col_dup(st, 4);
	a->unit = db_col_dup(st, 5);
	a->disabled = sqlite3_column_int(st, 6);
	a->created_at = db_col_str(st, 7);
}

int account_get(struct db *db, const char *name, struct account *out, char **hash)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, "SELECT id, name, role, team, industry, unit, disabled, created_at,"
				   " password FROM account WHERE name = ?");
	db_bind_text(st, 1, name);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_account(st, out);
		if (hash)
			*hash = db_col_str(st, 8);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取账号");
	db_fail_code(db, DB_NOT_FOUND, "name", "没有名为“%s”的账号", name ? name : "");
	return -1;
}

int account_list(struct db *db, struct account **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, name, role, team, industry, unit, disabled, created_at"
				   " FROM account ORDER BY id");
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		read_account(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取账号");
}

int account_set_disabled(struct db *db, const char *name, bool disabled, const char *reason)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE account SET disabled = ? WHERE name = ?");
	sqlite3_bind_int(st, 1, disabled);
	db_bind_text(st, 2, name);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	if (db_changes(db) == 0) {
		db_fail_code(db, DB_NOT_FOUND, "name", "没有名为“%s”的账号", name);
		return -1;
	}
	return audit_add(db, "user.disable", NULL, name, disabled ? "启用" : "停用",
			 disabled ? "停用" : "启用", reason);
}

int account_set_password(struct db *db, const char *name, const char *hash)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE account SET password = ? WHERE name = ?");
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, name);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	if (db_changes(db) == 0) {
		db_fail_code(db, DB_NOT_FOUND, "name", "没有名为“%s”的账号", name);
		return -1;
	}
	return audit_add(db, "user.passwd", NULL, name, NULL, "密码已更改", NULL);
}
