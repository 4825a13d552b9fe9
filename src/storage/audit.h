/* audit.h: the append-only, hash-chained record of every change.
 *
 * Each row's hash is SHA-256 over the previous row's hash and this row's
 * fields, so a row altered or deleted behind kaohe's back (with the sqlite3
 * shell, say) breaks the chain and audit_verify() finds it. Triggers refuse
 * UPDATE and DELETE on the table. Rows cut from the end of the log cannot
 * be told from a shorter log: keep the head hash that `kaohe audit --verify`
 * prints with the filed result, or sign it at approval (year.h).
 *
 * Each record also carries the rows of the tracked tables its change
 * touched, as they are after it (state.h): the replayed log is what the
 * tables must hold. */
#ifndef KAOHE_AUDIT_H
#define KAOHE_AUDIT_H

#include "db.h"
#include "../core/records.h"

/* Appends one change: action (e.g. "score.set"), the unit's name, the
 * target (item code …), old and new values as text, the reason. Any of
 * unit..reason may be NULL. Must run inside a write transaction. */
int audit_add(struct db *db, const char *action, const char *unit, const char *target,
	      const char *old, const char *new_value, const char *reason);

/* Records the rows changed since the last record that no record took up
 * (action "state.record"); nothing if none. Called before each commit. */
int audit_flush(struct db *db);

/* The audit log's append-only guards (schema 1's two triggers) that are
 * gone or no longer as kaohe made them, each named on a line of *out.
 * 0, or -1 if the schema could not be read. */
int audit_guards_check(struct db *db, struct diag *out);
/* The two guards as schema 1 made them (its text, which sqlite_schema
 * keeps without the final semicolon): stated here for both. */
#define AUDIT_GUARD_UPDATE "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit\n" \
	"BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
#define AUDIT_GUARD_DELETE "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit\n" \
	"BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
/* Checks the whole chain. Returns the number of rows if intact, -1 with a
 * message naming the first broken row otherwise. head receives the last
 * hash (65 bytes). */
long long audit_verify(struct db *db, char head[65]);

/* The stored hash of record seq: 0, 1 if there is no such record, -1. */
int audit_hash_at(struct db *db, long long seq, char hash[65]);

/* The newest sequence number (0 if none). */
long long audit_head_seq(struct db *db);
/* The newest record's number and hash (head: 65 bytes; "" if none). */
long long audit_head(struct db *db, char head[65]);

/* The rows (oldest first) of the current year, optionally only those
 * about one unit. Free with audit_list_free. */
int audit_list(struct db *db, const char *unit, struct audit_row **out, int *n);

#endif
