/* state.c: the tracked tables' rows as the audit log records them, the
 * replay of the log and its comparison with the tables, and the digest of
 * a year's scoring inputs. */
#include "state.h"
#include "db_impl.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A tracked table: its key columns, the columns of its canonical value
 * (json_object arguments), and the year a row belongs to. Signatures and
 * digests in the year's row are not part of its value: they are checked
 * by their own means and written after the record they sign. */
struct tracked {
	const char *table, *title;
	const char *keys[3];
	const char *value;
	const char *year_of;  /* the condition that a row is of year ?1 */
	bool scoring;      /* part of what a result is computed from */
	/* A last key column that is in the key only where it is not 0 (a
	 * finding's period, schema 11): the rows before it keep the keys the
	 * log recorded them by, and their digest is unchanged. */
	const char *opt_key;
	/* A last value column that is in the value only where it is not NULL
	 * (a unit's applied grade, schema 12): rows recorded before it keep
	 * the value the log recorded, and the digest of the inputs is
	 * unchanged by the upgrade. */
	const char *opt_value;
};

#define UNIT_YEAR(col) col " IN (SELECT u.id FROM main.unit u WHERE u.year_id = ?1)"

static const struct tracked TRACKED[] = {
	{"year", "年度", {"id"}, "'year', year, 'title', title, 'template', template, 'window_start',"
	 " window_start, 'window_end', window_end, 'approved', approved, 'published', published,"
	 " 'objection_from', objection_from, 'objection_to', objection_to, 'consent_date', consent_date,"
	 " 'consent_ref', consent_ref, 'public_key', public_key", "id = ?1", false},
	{"scheme", "考核方案", {"id"}, "'year_id', year_id, 'unit_kind', unit_kind, 'name', name,"
	 " 'source_sha256', kaohe_sha256(source)", "year_id = ?1", true},
	{"unit", "单位", {"id"}, "'year_id', year_id, 'name', name, 'kind', kind, 'parent_id', parent_id,"
	 " 'industry', industry, 'sort_order', sort_order, 'status', status, 'provincial_total',"
	 " provincial_total, 'provincial_grade', provincial_grade", "year_id = ?1", true, NULL, "applied_grade"},
	{"finding", "评分记录", {"unit_id", "sheet_id", "code"}, "'form', form, 'value',"
	 " CASE WHEN figures IS NULL THEN value ELSE figures END, 'note', note,"
	 " 'actor', actor, 'at', at", UNIT_YEAR("finding.unit_id"), true, "period"},
	{"accident", "事故", {"id"}, "'year_id', year_id, 'county_id', county_id, 'date', date, 'deaths',"
	 " deaths, 'injuries', injuries, 'loss', loss, 'industry', industry, 'concealed', concealed,"
	 " 'false_report', false_report, 'omitted', omitted, 'note', note, 'misreported_by',"
	 " misreported_by, 'occupational', occupational, 'grade', grade", "year_id = ?1", true},
	{"veto", "一票否决", {"id"}, "'unit_id', unit_id, 'cause', cause, 'reason', reason",
	 UNIT_YEAR("veto.unit_id"), true},
	{"sample_draw", "抽查", {"id"}, "'year_id', year_id, 'county_id', county_id, 'method', method,"
	 " 'seed', seed, 'detail', detail, 'actor', actor, 'at', at", "year_id = ?1", true},
	{"sample", "抽查对象", {"county_id", "unit_id"}, "'draw_id', draw_id", UNIT_YEAR("sample.county_id"), true},
	{"sample_pool", "抽查范围", {"year_id", "kind", "industry"}, "'tier', tier", "year_id = ?1", true},
	{"sample_size", "抽查数量", {"year_id", "kind"}, "'min', min, 'max', max, 'others', others",
	 "year_id = ?1", true},
	{"industry_department", "行业监管部门", {"year_id", "industry"}, "'department', department",
	 "year_id = ?1", true},
	{"daily_rule", "日常考核扣分规则", {"year_id", "target", "outcome"}, "'deduct', deduct, 'per_day', per_day",
	 "year_id = ?1", true},
	{"daily_item", "日常考核项目", {"year_id", "target", "kind"}, "'code', code", "year_id = ?1", true},
	{"daily_task", "日常考核任务", {"id"}, "'year_id', year_id, 'title', title, 'target', target,"
	 " 'kind', kind, 'due', due", "year_id = ?1", true},
	{"daily_outcome", "日常考核记录", {"task_id", "unit_id"}, "'outcome', outcome, 'days_late', days_late",
	 "task_id IN (SELECT t.id FROM main.daily_task t WHERE t.year_id = ?1)", true},
	{"decision", "等次决定", {"unit_id"}, "'grade', grade, 'reason', reason, 'actor', actor, 'at', at",
	 UNIT_YEAR("decision.unit_id"), false},
};
#define NTRACKED ((int)(sizeof TRACKED / sizeof TRACKED[0]))

/* The statements built from the table above, once per process: db_stmt
 * caches statements by the address of their text. */
static struct {
	char *one;       /* ?1: key → value */
	char *all;       /* every row: key, value */
	char *year;      /* ?1: year id → key and value columns, by key */
} sql[NTRACKED];
static char *triggers;
static pthread_once_t built = PTHREAD_ONCE_INIT;

static void key_list(struct buf *b, const struct tracked *t, const char *prefix)
{
	if (t->opt_key)
		buf_printf(b, "CASE WHEN %s%s = 0 THEN ", prefix, t->opt_key);
	for (int with = 0; with < (t->opt_key ? 2 : 1); with++) {
		buf_puts(b, with ? " ELSE json_array(" : "json_array(");
		for (int k = 0; k < 3 && t->keys[k]; k++)
			buf_printf(b, "%s%s%s", k ? ", " : "", prefix, t->keys[k]);
		if (with)
			buf_printf(b, ", %s%s", prefix, t->opt_key);
		buf_puts(b, ")");
	}
	if (t->opt_key)
		buf_puts(b, " END");
}

/* The canonical value of a row of t, as one JSON object. */
static void value_json(struct buf *b, const struct tracked *t)
{
	if (t->opt_value)
		buf_printf(b, "CASE WHEN %s IS NULL THEN json_object(%s) ELSE json_object(%s, '%s', %s) END",
			   t->opt_value, t->value, t->value, t->opt_value, t->opt_value);
	else
		buf_printf(b, "json_object(%s)", t->value);
}

static void build(void)
{
	struct buf tr = {0};
	for (int i = 0; i < NTRACKED; i++) {
		const struct tracked *t = &TRACKED[i];
		struct buf b = {0};
		buf_puts(&b, "SELECT ");
		value_json(&b, t);
		buf_printf(&b, " FROM main.%s WHERE ", t->table);
		for (int k = 0; k < 3 && t->keys[k]; k++)
			buf_printf(&b, "%s%s = json_extract(?1, '$[%d]')", k ? " AND " : "", t->keys[k], k);
		if (t->opt_key)
			buf_printf(&b, " AND %s = ifnull(json_extract(?1, '$[3]'), 0)", t->opt_key);
		sql[i].one = buf_take(&b);
		buf_puts(&b, "SELECT ");
		key_list(&b, t, "");
		buf_puts(&b, ", ");
		value_json(&b, t);
		buf_printf(&b, " FROM main.%s", t->table);
		sql[i].all = buf_take(&b);
		/* the digest reads plain columns in key order (no JSON, no
		 * sort): it runs whenever staleness is asked */
		buf_puts(&b, "SELECT ");
		for (int k = 0; k < 3 && t->keys[k]; k++)
			buf_printf(&b, "%s%s", k ? ", " : "", t->keys[k]);
		/* the optional key folded into the last one's text ('@' is in
		 * no code), so that a row with it 0 reads as before */
		if (t->opt_key)
			buf_printf(&b, " || CASE WHEN %s = 0 THEN '' ELSE '@' || %s END", t->opt_key, t->opt_key);
		char *v = xstrdup(t->value);
		int item = 0;
		for (char *save = NULL, *tok = strtok_r(v, ",", &save); tok; tok = strtok_r(NULL, ",", &save), item++)
			if (item % 2)
				buf_printf(&b, ",%s", tok);
		free(v);
		if (t->opt_value)
			buf_printf(&b, ",%s", t->opt_value);
		buf_printf(&b, " FROM main.%s WHERE %s ORDER BY ", t->table, t->year_of);
		for (int k = 0; k < 3 && t->keys[k]; k++)
			buf_printf(&b, "%s%s", k ? ", " : "", t->keys[k]);
		if (t->opt_key)
			buf_printf(&b, ", %s", t->opt_key);
		sql[i].year = buf_take(&b);
		static const char *const ops[] = {"INSERT", "UPDATE", "DELETE"};
		for (int o = 0; o < 3; o++) {
			buf_printf(&tr, "CREATE TEMP TRIGGER IF NOT EXISTS kaohe_track_%s_%d AFTER %s ON main.%s BEGIN\n",
				   t->table, o, ops[o], t->table);
			for (int side = 0; side < 2; side++) {
				if ((o == 0 && side == 0) || (o == 2 && side == 1))
					continue;
				/* no conflict clause: the statement that fires a
				 * trigger imposes its own (an upsert's ABORT) */
				buf_printf(&tr, "  INSERT INTO kaohe_pending SELECT '%s', nk FROM (SELECT ", t->table);
				key_list(&tr, t, side ? "NEW." : "OLD.");
				buf_printf(&tr, " AS nk) WHERE NOT EXISTS (SELECT 1 FROM kaohe_pending p"
					   " WHERE p.tbl = '%s' AND p.k = nk);\n", t->table);
			}
			buf_puts(&tr, "END;\n");
		}
	}
	triggers = buf_take(&tr);
}

/* kaohe_sha256(text): the hex SHA-256 of a text (a scheme's source). */
static void sha256_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	const unsigned char *p = sqlite3_value_blob(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	unsigned char d[crypto_hash_sha256_BYTES];
	char hex[65];
	crypto_hash_sha256(d, p ? p : (const unsigned char *)"", (unsigned long long)n);
	sodium_bin2hex(hex, sizeof hex, d, sizeof d);
	sqlite3_result_text(ctx, hex, -1, SQLITE_TRANSIENT);
}

static int prepare(struct db *db)
{
	pthread_once(&built, build);
	if (sqlite3_create_function(db->h, "kaohe_sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sha256_fn, NULL, NULL) != SQLITE_OK)
		return db_sqlite_fail(db, "准备状态核对");
	return 0;
}

int state_track(struct db *db)
{
	if (db->tracking)
		return 0;
	if (prepare(db) != 0)
		return -1;
	if (sqlite3_exec(db->h, "CREATE TEMP TABLE IF NOT EXISTS kaohe_pending (tbl TEXT NOT NULL,"
			 " k TEXT NOT NULL); CREATE INDEX IF NOT EXISTS temp.kaohe_pending_key"
			 " ON kaohe_pending (tbl, k)", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db->h, triggers, NULL, NULL, NULL) != SQLITE_OK)
		return db_sqlite_fail(db, "准备状态记录");
	db->tracking = true;
	return 0;
}

/* A file written by a version before state was recorded: its newest audit
 * record has none (or it has no record at all). The next record then
 * carries every tracked row, the baseline the replay starts from. */
static int baseline(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT ifnull((SELECT state IS NULL FROM audit ORDER BY seq DESC LIMIT 1), 1)");
	int legacy = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	for (int i = 0; legacy && i < NTRACKED; i++) {
		struct buf c = {0};
		buf_printf(&c, "INSERT INTO temp.kaohe_pending SELECT '%s', ", TRACKED[i].table);
		key_list(&c, &TRACKED[i], "");
		buf_printf(&c, " FROM main.%s", TRACKED[i].table);
		int rc = sqlite3_exec(db->h, buf_str(&c), NULL, NULL, NULL);
		buf_free(&c);
		if (rc != SQLITE_OK)
			return db_sqlite_fail(db, "记录现状");
	}
	return 0;
}

static int table_index(const char *name)
{
	for (int i = 0; i < NTRACKED; i++)
		if (strcmp(TRACKED[i].table, name) == 0)
			return i;
	return -1;
}

/* At most this many rows go into one record, so that a bulk import keeps
 * memory flat: the rest go into the next record (or the records made at
 * commit, audit_flush). */
#define TAKE_MAX 2000

char *state_take(struct db *db)
{
	if (!db->tracking && state_track(db) != 0)
		return NULL;
	if (baseline(db) != 0)
		return NULL;
	struct buf out = {0};
	sqlite3_stmt *st = db_stmt(db, "SELECT rowid, tbl, k FROM temp.kaohe_pending ORDER BY rowid LIMIT ?");
	sqlite3_bind_int(st, 1, TAKE_MAX);
	long long last = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		last = sqlite3_column_int64(st, 0);
		int i = table_index(db_col_text(st, 1));
		if (i < 0)
			continue;
		sqlite3_stmt *one = db_stmt(db, sql[i].one);
		db_bind_text(one, 1, db_col_text(st, 2));
		int r1 = sqlite3_step(one);
		buf_printf(&out, "%s\t%s\t%s\n", TRACKED[i].table, db_col_text(st, 2),
			   r1 == SQLITE_ROW ? db_col_text(one, 0) : "");
		sqlite3_reset(one);
		if (r1 != SQLITE_ROW && r1 != SQLITE_DONE) {
			sqlite3_reset(st);
			buf_free(&out);
			db_sqlite_fail(db, "记录现状");
			return NULL;
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE && last) {
		st = db_stmt(db, "DELETE FROM temp.kaohe_pending WHERE rowid <= ?");
		sqlite3_bind_int64(st, 1, last);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_DONE : SQLITE_ERROR;
		sqlite3_reset(st);
	}
	if (rc != SQLITE_DONE) {
		buf_free(&out);
		db_sqlite_fail(db, "记录现状");
		return NULL;
	}
	return out.len ? buf_take(&out) : xstrdup("");
}

/* ---- replay --------------------------------------------------------------------- */

static int load_replay(struct db *db, long long *from)
{
	*from = 0;
	if (sqlite3_exec(db->h, "CREATE TEMP TABLE IF NOT EXISTS kaohe_replay (tbl TEXT, k TEXT, v TEXT,"
			 " seq INTEGER, PRIMARY KEY (tbl, k));"
			 "CREATE TEMP TABLE IF NOT EXISTS kaohe_now (tbl TEXT, k TEXT, v TEXT,"
			 " PRIMARY KEY (tbl, k));"
			 "DELETE FROM temp.kaohe_replay; DELETE FROM temp.kaohe_now;",
			 NULL, NULL, NULL) != SQLITE_OK)
		return db_sqlite_fail(db, "核对现状");
	sqlite3_stmt *st = db_stmt(db, "SELECT seq, state FROM audit WHERE state IS NOT NULL ORDER BY seq");
	sqlite3_stmt *ins = db_stmt(db, "INSERT OR REPLACE INTO temp.kaohe_replay VALUES (?, ?, ?, ?)");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long seq = sqlite3_column_int64(st, 0);
		if (!*from)
			*from = seq;
		const char *p = db_col_text(st, 1);
		while (*p) {
			const char *nl = strchr(p, '\n');
			const char *end = nl ? nl : p + strlen(p);
			const char *t1 = memchr(p, '\t', (size_t)(end - p));
			const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(end - t1 - 1)) : NULL;
			if (!t2) {
				sqlite3_reset(st);
				db_fail(db, "第 %lld 条审计记录的状态部分格式不对", seq);
				return -1;
			}
			db_bind_textn(ins, 1, p, (int)(t1 - p));
			db_bind_textn(ins, 2, t1 + 1, (int)(t2 - t1 - 1));
			db_bind_textn(ins, 3, t2 + 1, (int)(end - t2 - 1));
			sqlite3_bind_int64(ins, 4, seq);
			int r = sqlite3_step(ins);
			sqlite3_reset(ins);
			if (r != SQLITE_DONE) {
				sqlite3_reset(st);
				return db_sqlite_fail(db, "核对现状");
			}
			p = nl ? nl + 1 : end;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取审计记录");
	for (int i = 0; i < NTRACKED; i++) {
		struct buf b = {0};
		buf_printf(&b, "INSERT INTO temp.kaohe_now SELECT '%s', * FROM (%s)", TRACKED[i].table, sql[i].all);
		int r = sqlite3_exec(db->h, buf_str(&b), NULL, NULL, NULL);
		buf_free(&b);
		if (r != SQLITE_OK)
			return db_sqlite_fail(db, "核对现状");
	}
	return 0;
}

/* The unit with this id, by name: from the table, else as the log last
 * recorded it. */
static void unit_name(struct db *db, struct buf *b, long long id)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT ifnull((SELECT name FROM main.unit WHERE id = ?1),"
				   " (SELECT json_extract(v, '$.name') FROM temp.kaohe_replay"
				   " WHERE tbl = 'unit' AND k = json_array(?1)))");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		buf_printf(b, "「%s」", db_col_text(st, 0));
	else
		buf_printf(b, "#%lld", id);
	sqlite3_reset(st);
}

/* Which row, in words: each key part ("单位「…」 项目 1.2", "#3"). */
static char *row_label(struct db *db, int i, const char *key)
{
	const struct tracked *t = &TRACKED[i];
	struct buf b = {0};
	sqlite3_stmt *st = db_stmt(db, "SELECT json_extract(?1, '$[0]'), json_extract(?1, '$[1]'),"
				   " json_extract(?1, '$[2]')");
	db_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW) {
		long long ids[3];
		char *texts[3];
		for (int k = 0; k < 3; k++) {
			ids[k] = sqlite3_column_int64(st, k);
			texts[k] = db_col_str(st, k);
		}
		sqlite3_reset(st);
		for (int k = 0; k < 3 && t->keys[k]; k++) {
			const char *c = t->keys[k];
			if (strcmp(c, "unit_id") == 0 || (strcmp(c, "id") == 0 && strcmp(t->table, "unit") == 0)) {
				buf_puts(&b, b.len ? " 单位" : "单位");
				unit_name(db, &b, ids[k]);
			} else if (strcmp(c, "county_id") == 0) {
				buf_puts(&b, b.len ? " 县区" : "县区");
				unit_name(db, &b, ids[k]);
			} else if (strcmp(c, "code") == 0) {
				buf_printf(&b, "%s项目 %s", b.len ? " " : "", texts[k]);
			} else if (strcmp(c, "sheet_id") == 0) {
				if (ids[k]) {
					buf_puts(&b, b.len ? " 分表" : "分表");
					unit_name(db, &b, ids[k]);
				}
			} else if (strcmp(c, "year_id") == 0) {
				continue;
			} else {
				buf_printf(&b, "%s%s%s", b.len ? " " : "", strcmp(c, "id") == 0 ? "#" : "", texts[k]);
			}
		}
		for (int k = 0; k < 3; k++)
			free(texts[k]);
		if (t->opt_key) {
			st = db_stmt(db, "SELECT json_extract(?1, '$[3]')");
			db_bind_text(st, 1, key);
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
				buf_printf(&b, " 期间 %lld", sqlite3_column_int64(st, 0));
			sqlite3_reset(st);
		}
	} else {
		sqlite3_reset(st);
	}
	if (!b.len)
		buf_puts(&b, key);
	return buf_take(&b);
}

/* Only the fields that differ, when both sides have the row. */
static void fields_differ(struct db *db, const char *a, const char *b, char **la, char **lb)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT x.key, x.value, y.value FROM json_each(?1) x"
				   " LEFT JOIN json_each(?2) y ON y.key = x.key"
				   " WHERE x.value IS NOT y.value OR x.type != y.type");
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	struct buf x = {0}, y = {0};
	while (sqlite3_step(st) == SQLITE_ROW) {
		buf_printf(&x, "%s%s=%s", x.len ? "，" : "", db_col_text(st, 0),
			   sqlite3_column_type(st, 1) == SQLITE_NULL ? "null" : db_col_text(st, 1));
		buf_printf(&y, "%s%s=%s", y.len ? "，" : "", db_col_text(st, 0),
			   sqlite3_column_type(st, 2) == SQLITE_NULL ? "null" : db_col_text(st, 2));
	}
	sqlite3_reset(st);
	*la = x.len ? buf_take(&x) : xstrdup(a);
	*lb = y.len ? buf_take(&y) : xstrdup(b);
	buf_free(&x);
	buf_free(&y);
}

int state_compare(struct db *db, struct state_diff **out, int *n, long long *from)
{
	*out = NULL;
	*n = 0;
	if (prepare(db) != 0 || load_replay(db, from) != 0)
		return -1;
	if (!*from)
		return 0;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT r.tbl, r.k, nullif(r.v, ''), r.seq, w.v FROM temp.kaohe_replay r"
		" LEFT JOIN temp.kaohe_now w ON w.tbl = r.tbl AND w.k = r.k"
		" WHERE r.v IS NOT ifnull(w.v, '')"
		" UNION ALL SELECT w.tbl, w.k, NULL, 0, w.v FROM temp.kaohe_now w WHERE NOT EXISTS"
		" (SELECT 1 FROM temp.kaohe_replay r WHERE r.tbl = w.tbl AND r.k = w.k)"
		" ORDER BY 1, 2");
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = table_index(db_col_text(st, 0));
		if (i < 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		struct state_diff *d = &(*out)[(*n)++];
		memset(d, 0, sizeof *d);
		char *tbl = db_col_str(st, 0), *key = db_col_str(st, 1);
		char *logged = db_col_dup(st, 2), *held = db_col_dup(st, 4);
		d->seq = sqlite3_column_int64(st, 3);
		struct buf t = {0};
		buf_printf(&t, "%s（%s）", TRACKED[i].title, tbl);
		d->table = buf_take(&t);
		d->row = row_label(db, i, key);
		if (logged && held) {
			fields_differ(db, logged, held, &d->logged, &d->held);
			free(logged);
			free(held);
		} else {
			d->logged = logged;
			d->held = held;
		}
		free(tbl);
		free(key);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		state_diffs_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_sqlite_fail(db, "核对现状");
	}
	return 0;
}

void state_diffs_free(struct state_diff *d, int n)
{
	for (int i = 0; i < n; i++) {
		free(d[i].table);
		free(d[i].row);
		free(d[i].logged);
		free(d[i].held);
	}
	free(d);
}

int state_digest(struct db *db, char out[65])
{
	if (prepare(db) != 0)
		return -1;
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	for (int i = 0; i < NTRACKED; i++) {
		if (!TRACKED[i].scoring)
			continue;
		sqlite3_stmt *st = db_stmt(db, sql[i].year);
		sqlite3_bind_int64(st, 1, db->year_id);
		int rc;
		int ncol = sqlite3_column_count(st);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			for (int c = 0; c < ncol; c++) {
				/* type, length, bytes: no value can pass for another */
				unsigned char type = (unsigned char)sqlite3_column_type(st, c);
				if (TRACKED[i].opt_value && c == ncol - 1 && type == SQLITE_NULL)
					break;  /* as before the column was added */
				const unsigned char *p = sqlite3_column_text(st, c);
				unsigned int len = (unsigned int)sqlite3_column_bytes(st, c);
				unsigned char head[5] = {type, (unsigned char)(len >> 24), (unsigned char)(len >> 16),
							 (unsigned char)(len >> 8), (unsigned char)len};
				crypto_hash_sha256_update(&h, head, sizeof head);
				if (p)
					crypto_hash_sha256_update(&h, p, len);
			}
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_sqlite_fail(db, "核对计分依据");
		crypto_hash_sha256_update(&h, (const unsigned char *)TRACKED[i].table, strlen(TRACKED[i].table) + 1);
	}
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, 65, d, sizeof d);
	return 0;
}
