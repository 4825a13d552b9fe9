/* db.h: the storage layer's handle: one SQLite file per installation.
 *
 * Storage is the only code in kaohe that speaks SQL; above it (the service
 * layer) the handle is opaque, so that another backend could sit behind
 * the same functions. Every statement is prepared with bound parameters;
 * writes run in BEGIN IMMEDIATE transactions (db_begin) owned by the
 * service, with a busy timeout, WAL mode, synchronous=FULL and foreign keys.
 *
 * Errors: functions return 0 (or a row id > 0) on success and -1 on
 * failure, with a code, the field concerned (if any) and a Chinese message
 * without any surface's syntax in db_error_*(). */
#ifndef KAOHE_DB_H
#define KAOHE_DB_H

#include <stdbool.h>

#include "../core/scheme.h"
#include "../core/util.h"

#define DB_SCHEMA_VERSION 12

/* PRAGMA application_id of every kaohe database: "KAOH" in ASCII. A file
 * without it (or, written before it, without kaohe's schema) is not
 * kaohe's and is refused untouched. */
#define DB_APPLICATION_ID 0x4B414F48
#define DB_APPLICATION_ID_TEXT "1262571336"

struct db;

/* What kind of failure: the service maps these to its own codes. */
enum db_code {
	DB_OK = 0,
	DB_INVALID,      /* the input is wrong */
	DB_NOT_FOUND,    /* no such unit, item, record */
	DB_CONFLICT,     /* not now: approved, stale, in use, exists */
	DB_BUSY,         /* another writer held the lock too long */
	DB_FAILED,       /* the system failed: disk full, read-only, I/O */
};

/* Opens (creating if absent when create is set) and migrates the database.
 * Returns NULL with a message in *err (caller frees) on failure. A file
 * written by a newer kaohe is refused and left untouched. */
struct db *db_open(const char *path, bool create, char **err);
void db_close(struct db *db);

const char *db_error(struct db *db);
enum db_code db_error_code(struct db *db);
const char *db_error_field(struct db *db);   /* NULL if none */
void db_fail(struct db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void db_fail_code(struct db *db, enum db_code code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The schema version of the file (PRAGMA user_version). */
int db_schema_version(struct db *db);
/* Runs migrations from the file's version up to `to` (tests use this to
 * migrate step by step). */
int db_migrate(struct db *db, int to);

/* Who makes the changes (recorded in the audit log). */
void db_set_actor(struct db *db, const char *name);
const char *db_actor(struct db *db);
const char *db_path(struct db *db);

/* Transactions. begin is BEGIN IMMEDIATE (takes the write lock at once);
 * read begins a deferred transaction (a consistent snapshot). */
int db_begin(struct db *db);
int db_begin_read(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);
/* A savepoint inside the open write transaction: one part of a batch that
 * can be undone alone (db_savepoint_end(db, false)) or kept (true). */
int db_savepoint(struct db *db);
void db_savepoint_end(struct db *db, bool keep);

/* The year to work on: `year` or, if 0, the latest. Fails if none. */
int db_use_year(struct db *db, int year);
int db_year(struct db *db);
bool db_approved(struct db *db);
bool db_published(struct db *db);
/* Fails (DB_CONFLICT) if the current year is approved (locked). */
int db_check_open(struct db *db);
/* Re-reads the current year's state inside a write transaction (another
 * process may have approved it) and fails if it is locked. */
int db_write_check(struct db *db);

/* The current time as "YYYY-MM-DD HH:MM:SS" (UTC, ISO 8601 order). */
void db_now(char out[32]);

/* A consistent copy of the whole database to path, taken while others may
 * write (SQLite's online backup). */
int db_backup(struct db *db, const char *path, bool force);

/* Removes a database file and its -wal, -shm and -journal (one a refused
 * command created). */
void db_remove_files(const char *path);

#endif
