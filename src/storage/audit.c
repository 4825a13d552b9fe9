/* audit.c: the hash-chained audit log. */
#include "audit.h"
#include "db_impl.h"
#include "state.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Feeds one field: its length, a colon, its bytes. NULL is "-" without a
 * colon, so NULL and "" differ and no text can move between fields. */
static void hash_field(crypto_hash_sha256_state *h, const char *f)
{
	char len[32];
	if (!f) {
		crypto_hash_sha256_update(h, (const unsigned char *)"-", 1);
		return;
	}
	snprintf(len, sizeof len, "%zu:", strlen(f));
	crypto_hash_sha256_update(h, (const unsigned char *)len, strlen(len));
	crypto_hash_sha256_update(h, (const unsigned char *)f, strlen(f));
}

/* SHA-256 over the previous row's hash and every field of this row. The
 * state (schema 7) is hashed only when present, so that records written
 * before it keep their hashes. */
static void row_hash(const char *prev, long long seq, const char *at, const char *actor,
		     const char *action, int year, const char *const fields[5], const char *state,
		     char out[65])
{
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char num[64];
	snprintf(num, sizeof num, "%lld|%d", seq, year);
	crypto_hash_sha256_init(&h);
	const char *head[] = {prev, num, at, actor, action};
	for (int i = 0; i < 5; i++)
		hash_field(&h, head[i]);
	for (int i = 0; i < 5; i++)
		hash_field(&h, fields[i]);
	if (state)
		hash_field(&h, state);
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

static const char GENESIS[] = "kaohe-audit-v1";

long long audit_head_seq(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT ifnull(max(seq), 0) FROM audit");
	long long seq = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return seq;
}

long long audit_head(struct db *db, char head[65])
{
	sqlite3_stmt *st = db_stmt(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
	long long seq = 0;
	head[0] = '\0';
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		seq = sqlite3_column_int64(st, 0);
		snprintf(head, 65, "%s", db_col_text(st, 1));
	} else if (rc != SQLITE_DONE) {
		/* a head that could not be read is not an empty log */
		db_sqlite_fail(db, "读取审计记录");
		seq = -1;
	}
	sqlite3_reset(st);
	return seq;
}

static int append(struct db *db, const char *action, const char *const fields[5], const char *state)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
	char prev[65];
	long long seq = 1;
	snprintf(prev, sizeof prev, "%s", GENESIS);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		seq = sqlite3_column_int64(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s", db_col_text(st, 1));
	} else if (rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return db_sqlite_fail(db, "写入审计记录");
	}
	sqlite3_reset(st);
	char at[32], hash[65];
	db_now(at);
	row_hash(prev, seq, at, db->actor, action, db->year, fields, state, hash);
	st = db_stmt(db, "INSERT INTO audit (seq, at, actor, action, year, unit, target, old, new,"
		     " reason, hash, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, db->actor);
	db_bind_text(st, 4, action);
	sqlite3_bind_int(st, 5, db->year);
	for (int i = 0; i < 5; i++)
		db_bind_text(st, 6 + i, fields[i]);
	db_bind_text(st, 11, hash);
	db_bind_text(st, 12, state);
	return db_exec_stmt(db, st);
}

int audit_add(struct db *db, const char *action, const char *unit, const char *target,
	      const char *old, const char *new_value, const char *reason)
{
	char *state = state_take(db);
	if (!state)
		return -1;
	const char *fields[5] = {unit, target, old, new_value, reason};
	int rc = append(db, action, fields, state);
	free(state);
	return rc;
}

int audit_flush(struct db *db)
{
	char *state = state_take(db);
	if (!state)
		return -1;
	int rc = 0;
	while (rc == 0 && *state) {
		const char *fields[5] = {NULL, NULL, NULL, "记录现状", NULL};
		rc = append(db, "state.record", fields, state);
		free(state);
		state = rc == 0 ? state_take(db) : NULL;
		if (!state)
			return -1;
	}
	free(state);
	return rc;
}

static const char *nullable(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : db_col_text(st, i);
}

long long audit_verify(struct db *db, char head[65])
{
	sqlite3_stmt *st = db_stmt(db, "SELECT seq, at, actor, action, year, unit, target, old,"
				   " new, reason, hash, state FROM audit ORDER BY seq");
	char prev[65];
	snprintf(prev, sizeof prev, "%s", GENESIS);
	long long n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long seq = sqlite3_column_int64(st, 0);
		n++;
		/* Types too: text in the year column would hash like its number. */
		int typed = sqlite3_column_type(st, 4) == SQLITE_INTEGER;
		for (int i = 1; i <= 3 && typed; i++)
			typed = sqlite3_column_type(st, i) == SQLITE_TEXT;
		for (int i = 5; i <= 10 && typed; i++)
			typed = sqlite3_column_type(st, i) == SQLITE_TEXT ||
				(i < 10 && sqlite3_column_type(st, i) == SQLITE_NULL);
		typed = typed && (sqlite3_column_type(st, 11) == SQLITE_TEXT ||
				  sqlite3_column_type(st, 11) == SQLITE_NULL);
		if (!typed) {
			db_fail(db, "第 %lld 条审计记录被改动：字段类型不符", seq);
			sqlite3_reset(st);
			return -1;
		}
		if (seq != n) {
			db_fail(db, "审计记录不连续：第 %lld 条之后是第 %lld 条，有记录被删除", n - 1, seq);
			sqlite3_reset(st);
			return -1;
		}
		const char *fields[5];
		for (int i = 0; i < 5; i++)
			fields[i] = nullable(st, 5 + i);
		char want[65];
		row_hash(prev, seq, db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3),
			 sqlite3_column_int(st, 4), fields, nullable(st, 11), want);
		if (strcmp(want, db_col_text(st, 10)) != 0) {
			db_fail(db, "第 %lld 条审计记录（%s %s）被改动：校验值不符", seq,
				db_col_text(st, 1), db_col_text(st, 3));
			sqlite3_reset(st);
			return -1;
		}
		snprintf(prev, sizeof prev, "%s", want);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取审计记录");
	snprintf(head, 65, "%s", prev);
	return n;
}

int audit_list(struct db *db, const char *unit, struct audit_row **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT seq, at, actor, action, year, unit, target, old,"
				   " new, reason FROM audit WHERE (year = ? OR year = 0)"
				   " AND (?2 IS NULL OR unit = ?2) ORDER BY seq");
	sqlite3_bind_int(st, 1, db->year);
	db_bind_text(st, 2, unit);
	*out = NULL;
	*n = 0;
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		(*out)[(*n)++] = (struct audit_row){
			.seq = sqlite3_column_int64(st, 0),
			.at = db_col_str(st, 1),
			.actor = db_col_str(st, 2),
			.action = db_col_str(st, 3),
			.year = sqlite3_column_int(st, 4),
			.unit = db_col_dup(st, 5),
			.target = db_col_dup(st, 6),
			.old = db_col_dup(st, 7),
			.new_value = db_col_dup(st, 8),
			.reason = db_col_dup(st, 9),
		};
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取审计记录");
}

int audit_hash_at(struct db *db, long long seq, char hash[65])
{
	sqlite3_stmt *st = db_stmt(db, "SELECT hash FROM audit WHERE seq = ?");
	sqlite3_bind_int64(st, 1, seq);
	int rc = sqlite3_step(st);
	hash[0] = '\0';
	if (rc == SQLITE_ROW)
		snprintf(hash, 65, "%s", db_col_text(st, 0));
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return db_sqlite_fail(db, "读取审计记录");
}

int audit_guards_check(struct db *db, struct diag *out)
{
	static const char *const guards[][2] = {
		{"audit_append_only_update", AUDIT_GUARD_UPDATE},
		{"audit_append_only_delete", AUDIT_GUARD_DELETE},
	};
	sqlite3_stmt *st = db_stmt(db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?");
	for (size_t i = 0; i < sizeof guards / sizeof guards[0]; i++) {
		db_bind_text(st, 1, guards[i][0]);
		int rc = sqlite3_step(st);
		const char *sql = rc == SQLITE_ROW ? db_col_text(st, 0) : NULL;
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			sqlite3_reset(st);
			return db_sqlite_fail(db, "读取审计记录的保护");
		}
		if (!sql)
			diag_add(out, "审计记录的只可追加保护（触发器 %s）已被删除：记录可能被改写过", guards[i][0]);
		else if (strcmp(sql, guards[i][1]) != 0)
			diag_add(out, "审计记录的只可追加保护（触发器 %s）已被改动：记录可能被改写过", guards[i][0]);
		sqlite3_reset(st);
	}
	return 0;
}
