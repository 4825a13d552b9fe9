/* db.h: the storage layer: one SQLite file per installation.
 *
 * The only code in kaohe that speaks SQL. Every statement is prepared with
 * bound parameters; writes run in BEGIN IMMEDIATE transactions with a busy
 * timeout, so concurrent writers wait for each other instead of failing.
 * WAL mode, synchronous=FULL, foreign keys on.
 *
 * Errors: functions return 0 (or a row id > 0) on success and -1 on
 * failure, with a Chinese message for the user in db_error(). */
#ifndef KAOHE_DB_H
#define KAOHE_DB_H

#include <sqlite3.h>
#include <stdbool.h>

#include "../core/scheme.h"
#include "../core/util.h"

#define DB_SCHEMA_VERSION 3

struct db {
	sqlite3 *h;
	char *path;
	char *actor;          /* who makes the changes (audit) */
	struct buf err;
	int in_tx;
	/* the current year, once chosen */
	long long year_id;
	int year;
	bool approved;
	struct scheme *schemes[2];   /* parsed on first use: county, department */
};

/* Opens (creating if absent when create is set) and migrates the database.
 * Returns NULL with a message in *err (caller frees) on failure. A file
 * written by a newer kaohe is refused and left untouched. */
struct db *db_open(const char *path, bool create, const char *actor, char **err);
void db_close(struct db *db);

/* The schema version of the file (PRAGMA user_version). */
int db_schema_version(struct db *db);

/* Runs migrations from the file's version up to `to` (tests use this to
 * migrate step by step). */
int db_migrate(struct db *db, int to);

const char *db_error(struct db *db);
void db_fail(struct db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Transactions. begin is BEGIN IMMEDIATE (takes the write lock at once). */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Prepares sql (a string literal: statements are cached by address).
 * The statement is reset and its bindings cleared before it is returned. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);
/* Steps a statement that returns no row; 0 or -1 (message set). */
int db_exec_stmt(struct db *db, sqlite3_stmt *st);
/* Reports an SQLite failure as a Chinese message (busy, full disk …). */
int db_sqlite_fail(struct db *db, const char *what);

/* Binding helpers: NULL text binds SQL NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
const char *db_col_text(sqlite3_stmt *st, int i);  /* "" for NULL */

/* Selects the year to work on: `year` or, if 0, the latest. Fails if none. */
int db_use_year(struct db *db, int year);
/* Fails with a message if the current year is approved (locked). */
int db_check_open(struct db *db);

/* Begins a write to the current year: BEGIN IMMEDIATE, then re-reads
 * whether the year is approved (another process may have approved it) and
 * fails, rolled back, if it is. */
int db_write_begin(struct db *db);
/* Commits; on failure rolls back. Returns 0 or -1. */
int db_write_end(struct db *db, int rc);

/* The current time as "YYYY-MM-DD HH:MM:SS" (UTC, ISO 8601 order). */
void db_now(char out[32]);

#endif
