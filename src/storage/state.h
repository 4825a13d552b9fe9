/* state.h: what the audit log says the tables hold.
 *
 * Every audit record carries, besides its human-readable old and new
 * values, the canonical form of each row of the tracked tables (units,
 * findings, accidents, vetoes, samples, daily records, decisions, the
 * schemes, the year's own row) that the change touched, as it is after
 * the change. Temporary triggers of this connection note which rows a
 * change touched; audit_add() takes that note. Replaying the log row by
 * row therefore gives what the tables must hold now, and a row edited with
 * the sqlite3 shell (which fires no trigger of ours and writes no audit
 * record) differs from it. */
#ifndef KAOHE_STATE_H
#define KAOHE_STATE_H

#include "db.h"

/* Creates this connection's triggers and scratch tables (once); outside a
 * transaction. 0 or -1. */
int state_track(struct db *db);

/* The rows touched since the last call, as the audit record's state text
 * ("" if none); the note is cleared. Heap string, or NULL on failure. */
char *state_take(struct db *db);

/* One difference between the replayed log and a table. */
struct state_diff {
	char *table;      /* its title (单位, 评分记录 …) and SQL name */
	char *row;        /* which row, in words (单位「…」项目 1.2) */
	char *logged;     /* what the log says (NULL: no such row) */
	char *held;       /* what the table holds (NULL: no such row) */
	long long seq;    /* the audit record that last wrote it (0: none) */
};

/* Replays the log and compares it with the tables. *from is the first
 * audit record that carries state (0: none does; the file was made by an
 * earlier version and not written since, nothing compared). Free the list
 * with state_diffs_free. 0 or -1. */
int state_compare(struct db *db, struct state_diff **out, int *n, long long *from);
void state_diffs_free(struct state_diff *d, int n);

/* A SHA-256 (hex) of the scoring inputs of the current year as they are
 * now: what a stored result was computed from. 0 or -1. */
int state_digest(struct db *db, char out[65]);

#endif
