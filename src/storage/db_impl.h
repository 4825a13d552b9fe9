/* db_impl.h: the storage layer's insides, for src/storage only: the SQLite
 * handle, the statement cache and the helpers every storage file uses.
 * Nothing above storage includes this file (or sqlite3.h). */
#ifndef KAOHE_DB_IMPL_H
#define KAOHE_DB_IMPL_H

#include <sqlite3.h>

#include "db.h"
#include "../core/unit_rules.h"

struct stmt_slot {
	const char *sql;
	sqlite3_stmt *st;
};

#define STMT_CACHE 384

struct db {
	sqlite3 *h;
	char *path;
	char *actor;          /* who makes the changes (audit) */
	bool writer;          /* holds this process's write turn (db.c) */
	bool tracking;        /* this connection notes changed rows (state.c) */
	/* the items computed from daily records, per scheme (county,
	 * department) of the current year: read once (finding.c) */
	bool *computed[KIND_COUNT + KIND_EXTRA_MAX];   /* by unit kind */
	struct buf err;
	enum db_code code;
	char *field;
	int in_tx;
	/* an SQLite error the transaction met where no caller could see it
	 * (a statement that could not be prepared): db_commit refuses the
	 * transaction with it. 0 when none. */
	int tx_failed;
	bool committing;      /* db_commit's own COMMIT is running */
	/* a table or column kaohe's statements name that the file lacks
	 * (someone changed its structure): named in every failure after */
	char *missing;
	/* the current year, once chosen */
	long long year_id;
	int year;
	bool approved, published;
	struct scheme *schemes[KIND_COUNT + KIND_EXTRA_MAX];   /* by unit kind, parsed on first use */
	struct stmt_slot cache[STMT_CACHE];
	int ncache;
	/* the inputs' digest last found equal to the compute's, for this year
	 * and while no other connection has committed since (data_version):
	 * a long-lived connection (the web server's) does not read every
	 * input again for each page (result.c results_stale) */
	long long digest_ok_year_id, digest_ok_version;
};

/* Prepares sql (a string literal: statements are cached by address).
 * The statement is reset and its bindings cleared before it is returned. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);
/* Steps a statement that returns no row; 0 or -1 (message set). */
int db_exec_stmt(struct db *db, sqlite3_stmt *st);
/* Reports an SQLite failure as a Chinese message (busy, full disk …). */
int db_sqlite_fail(struct db *db, const char *what);
/* The same for an error code met earlier. */
int db_sqlite_code_fail(struct db *db, const char *what, int code);
/* Runs sql (no rows); 0, or -1 with the message "what失败：…". */
int db_exec_sql(struct db *db, const char *sql, const char *what);
/* The connection's commit hook (transaction.c): refuses a commit other
 * than db_commit's while kaohe holds a transaction. */
int db_commit_guard(void *arg);

/* Binding helpers: NULL text binds SQL NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* len bytes of s (-1: up to its NUL), copied by SQLite. */
void db_bind_textn(sqlite3_stmt *st, int i, const char *s, int len);
const char *db_col_text(sqlite3_stmt *st, int i);  /* "" for NULL */
/* A heap copy of column i (NULL for SQL NULL). */
char *db_col_dup(sqlite3_stmt *st, int i);
/* A heap copy of column i, "" for SQL NULL. */
char *db_col_str(sqlite3_stmt *st, int i);

long long db_last_id(struct db *db);
/* Forgets what was read of the current year (its schemes, …). */
void db_forget_year(struct db *db);
int db_changes(struct db *db);

#endif
