/* year.c: years, their schemes and the settings they take from them,
 * approval. */
#include "year.h"
#include "audit.h"
#include "result.h"
#include "../core/builtin.h"
#include "../core/daily.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct builtin_scheme *builtin_find(const char *name)
{
	for (const struct builtin_scheme *b = builtin_schemes; b->name; b++)
		if (strcmp(b->name, name) == 0)
			return b;
	return NULL;
}

/* Parses a scheme text and checks it scores the expected unit kind;
 * *out receives the parsed scheme. */
static int check_scheme(struct db *db, const struct scheme_text *t, const char *kind,
			struct scheme **out)
{
	struct diag d = {0};
	struct scheme *s = scheme_parse(t->text, t->len, t->file, &d);
	if (!s) {
		struct buf b = {0};
		for (int i = 0; i < d.n; i++)
			buf_printf(&b, "%s%s", i ? "\n" : "", d.msgs[i]);
		db_fail(db, "%s", buf_str(&b));
		buf_free(&b);
		diag_free(&d);
		return -1;
	}
	int ok = strcmp(s->unit, kind) == 0;
	if (!ok) {
		db_fail(db, "%s 是%s方案，这里需要%s方案", t->file,
			strcmp(s->unit, "county") == 0 ? "县区" : "市直部门",
			strcmp(kind, "county") == 0 ? "县区" : "市直部门");
		scheme_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

static int insert_scheme(struct db *db, const char *kind, const struct scheme_text *t,
			 const struct scheme *s)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO scheme (year_id, unit_kind, name, source)"
				   " VALUES (?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, s->name);
	sqlite3_bind_text(st, 4, t->text, (int)t->len, SQLITE_TRANSIENT);
	int rc = db_exec_stmt(db, st);
	if (rc == 0)
		rc = audit_add(db, "year.scheme", NULL, kind, NULL, s->name, NULL);
	return rc;
}

/* Writes what the year takes from one of its schemes (scheme_year.c):
 * the industry table, spot-check sizes and pools, daily items and
 * deductions. */
static int insert_settings(struct db *db, const struct scheme *s)
{
	int rc = 0;
	sqlite3_stmt *st;
	for (int i = 0; rc == 0 && i < s->nindustries; i++) {
		st = db_stmt(db, "SELECT department FROM industry_department WHERE year_id = ? AND industry = ?");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, s->industries[i].industry);
		char *other = sqlite3_step(st) == SQLITE_ROW ? xstrdup(db_col_text(st, 0)) : NULL;
		sqlite3_reset(st);
		if (other) {
			if (strcmp(other, s->industries[i].department) != 0) {
				db_fail(db, "两个方案对行业“%s”的监管部门规定不同（%s、%s）",
					s->industries[i].industry, other, s->industries[i].department);
				rc = -1;
			}
			free(other);
			continue;
		}
		st = db_stmt(db, "INSERT INTO industry_department (year_id, industry, department)"
			     " VALUES (?, ?, ?)");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, s->industries[i].industry);
		db_bind_text(st, 3, s->industries[i].department);
		rc = db_exec_stmt(db, st);
	}
	for (int k = SAMPLE_TOWN; rc == 0 && k <= SAMPLE_ENTERPRISE; k++) {
		const struct sample_rule *r = &s->samples[k];
		if (!r->declared)
			continue;
		st = db_stmt(db, "INSERT INTO sample_size (year_id, kind, min, max, others) VALUES (?, ?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, sample_kind_name((enum sample_kind)k));
		sqlite3_bind_int(st, 3, r->min);
		sqlite3_bind_int(st, 4, r->max);
		sqlite3_bind_int(st, 5, r->others || r->npool == 0);
		rc = db_exec_stmt(db, st);
		for (int i = 0; rc == 0 && i < r->npool; i++) {
			st = db_stmt(db, "INSERT INTO sample_pool (year_id, kind, industry, tier) VALUES (?, ?, ?, ?)");
			sqlite3_bind_int64(st, 1, db->year_id);
			db_bind_text(st, 2, sample_kind_name((enum sample_kind)k));
			db_bind_text(st, 3, r->pool[i].industry);
			sqlite3_bind_int(st, 4, r->pool[i].tier);
			rc = db_exec_stmt(db, st);
		}
	}
	bool targets[DAILY_TARGETS] = {false};
	for (int i = 0; rc == 0 && i < s->ndaily_items; i++) {
		const struct daily_item *d = &s->daily_items[i];
		targets[d->target] = true;
		st = db_stmt(db, "INSERT INTO daily_item (year_id, target, kind, code) VALUES (?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, db->year_id);
		db_bind_text(st, 2, daily_target_name(d->target));
		db_bind_text(st, 3, daily_kind_name(d->kind));
		db_bind_text(st, 4, d->code);
		rc = db_exec_stmt(db, st);
	}
	for (int t = 0; rc == 0 && t < DAILY_TARGETS; t++)
		for (int i = 0; rc == 0 && targets[t] && i < s->ndaily_deducts; i++) {
			const struct daily_deduct *d = &s->daily_deducts[i];
			st = db_stmt(db, "INSERT INTO daily_rule (year_id, target, outcome, deduct, per_day)"
				     " VALUES (?, ?, ?, ?, ?)");
			sqlite3_bind_int64(st, 1, db->year_id);
			db_bind_text(st, 2, daily_target_name(t));
			db_bind_text(st, 3, daily_outcome_name(d->outcome));
			sqlite3_bind_int64(st, 4, d->deduct);
			sqlite3_bind_int64(st, 5, d->per_day);
			rc = db_exec_stmt(db, st);
		}
	return rc;
}

/* A window day of the scheme ({years after, month, day}) in `year`. */
static void window_day(const int w[3], int year, char out[32])
{
	snprintf(out, 32, "%04d-%02d-%02d", year + w[0], w[1], w[2]);
}

int year_init(struct db *db, int year, const char *template_name,
	      const struct scheme_text *county, const struct scheme_text *department)
{
	if (year < 2000 || year > 2999) {
		db_fail(db, "年度 %d 不在 2000 到 2999 之间", year);
		return -1;
	}
	struct scheme_text texts[2];
	const struct scheme_text *given[2] = {county, department};
	static const char *const kinds[2] = {"county", "department"};
	struct scheme *schemes[2] = {NULL, NULL};
	bool builtin_pair = true;
	int rc = 0;
	for (int i = 0; i < 2 && rc == 0; i++) {
		if (given[i]) {
			texts[i] = *given[i];
			builtin_pair = false;
		} else {
			char name[128];
			snprintf(name, sizeof name, "%s-%s", template_name, kinds[i]);
			const struct builtin_scheme *b = builtin_find(name);
			if (!b) {
				db_fail(db, "未知的模板“%s”（内置方案没有 %s）", template_name, name);
				rc = -1;
				break;
			}
			texts[i] = (struct scheme_text){b->file, b->data, b->len};
		}
		rc = check_scheme(db, &texts[i], kinds[i], &schemes[i]);
	}
	if (rc == 0)
		rc = db_begin(db);
	if (rc != 0) {
		scheme_free(schemes[0]);
		scheme_free(schemes[1]);
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM year WHERE year = ?");
	sqlite3_bind_int(st, 1, year);
	int exists = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (exists) {
		db_fail(db, "%d 年度的考核已经存在", year);
		rc = -1;
	}
	/* The assessment window: the county scheme's, else the department's. */
	const struct scheme *ws = schemes[0]->window_from[1] ? schemes[0]
		: schemes[1]->window_from[1] ? schemes[1] : NULL;
	char start[32] = "", end[32] = "", title[128];
	if (ws) {
		window_day(ws->window_from, year, start);
		window_day(ws->window_to, year, end);
	}
	snprintf(title, sizeof title, "%d年度安全生产目标考核", year);
	if (rc == 0) {
		st = db_stmt(db, "INSERT INTO year (year, title, template, window_start, window_end)"
			     " VALUES (?, ?, ?, ?, ?)");
		sqlite3_bind_int(st, 1, year);
		db_bind_text(st, 2, title);
		db_bind_text(st, 3, builtin_pair ? template_name : "");
		db_bind_text(st, 4, start);
		db_bind_text(st, 5, end);
		rc = db_exec_stmt(db, st);
	}
	if (rc == 0) {
		db->year_id = sqlite3_last_insert_rowid(db->h);
		db->year = year;
		db->approved = false;
		struct buf detail = {0};
		buf_printf(&detail, "县区方案 %s，市直部门方案 %s", schemes[0]->name, schemes[1]->name);
		if (ws)
			buf_printf(&detail, "，考核时间 %s 至 %s", start, end);
		rc = audit_add(db, "year.init", NULL, NULL, NULL, buf_str(&detail), NULL);
		buf_free(&detail);
	}
	for (int i = 0; i < 2 && rc == 0; i++)
		rc = insert_scheme(db, kinds[i], &texts[i], schemes[i]);
	for (int i = 0; i < 2 && rc == 0; i++)
		rc = insert_settings(db, schemes[i]);
	scheme_free(schemes[0]);
	scheme_free(schemes[1]);
	return db_write_end(db, rc);
}

const struct scheme *year_scheme(struct db *db, const char *unit_kind)
{
	int i = strcmp(unit_kind, "county") == 0 ? 0 : strcmp(unit_kind, "department") == 0 ? 1 : -1;
	if (i < 0) {
		db_fail(db, "%s 类单位没有考核方案", unit_kind);
		return NULL;
	}
	if (db->schemes[i])
		return db->schemes[i];
	sqlite3_stmt *st = db_stmt(db, "SELECT name, source FROM scheme WHERE year_id = ? AND unit_kind = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, unit_kind);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		db_fail(db, "%d 年度没有%s考核方案", db->year, i ? "市直部门" : "县区");
		return NULL;
	}
	struct diag d = {0};
	char file[160];
	snprintf(file, sizeof file, "%s（%d 年度）", db_col_text(st, 0), db->year);
	const char *src = (const char *)sqlite3_column_text(st, 1);
	db->schemes[i] = scheme_parse(src, (size_t)sqlite3_column_bytes(st, 1), file, &d);
	sqlite3_reset(st);
	if (!db->schemes[i])
		db_fail(db, "%s", d.n ? d.msgs[0] : "方案无法解析");
	diag_free(&d);
	return db->schemes[i];
}

int year_reopen(struct db *db, const char *reason)
{
	if (!reason || !*reason) {
		db_fail(db, "重新开放须写明原因（--reason）");
		return -1;
	}
	if (db_begin(db) != 0)
		return -1;
	if (db_use_year(db, db->year) != 0) {
		db_rollback(db);
		return -1;
	}
	if (!db->approved) {
		db_fail(db, "%d 年度尚未审定，无需重新开放", db->year);
		db_rollback(db);
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "UPDATE year SET approved = 0 WHERE id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	int rc = db_exec_stmt(db, st);
	/* Grades taken from the proposals at approval are withdrawn: the
	 * proposals may change now. Decisions the office made stay. */
	struct buf withdrawn = {0};
	if (rc == 0) {
		st = db_stmt(db, "SELECT u.name, d.grade FROM decision d JOIN unit u ON u.id = d.unit_id"
			     " WHERE d.reason = ? AND u.year_id = ? ORDER BY u.kind, u.sort_order");
		db_bind_text(st, 1, AUTO_REASON);
		sqlite3_bind_int64(st, 2, db->year_id);
		while (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(&withdrawn, "%s%s %s", withdrawn.len ? "、" : "", db_col_text(st, 0),
				   db_col_text(st, 1));
		sqlite3_reset(st);
		st = db_stmt(db, "DELETE FROM decision WHERE reason = ? AND unit_id IN"
			     " (SELECT id FROM unit WHERE year_id = ?)");
		db_bind_text(st, 1, AUTO_REASON);
		sqlite3_bind_int64(st, 2, db->year_id);
		rc = db_exec_stmt(db, st);
	}
	if (rc == 0) {
		struct buf what = {0};
		buf_printf(&what, "未审定%s%s%s", withdrawn.len ? "（撤回按拟定档次确定的档次：" : "",
			   buf_str(&withdrawn), withdrawn.len ? "）" : "");
		rc = audit_add(db, "year.reopen", NULL, NULL, "已审定", buf_str(&what), reason);
		buf_free(&what);
	}
	buf_free(&withdrawn);
	if (rc == 0)
		db->approved = false;
	return db_write_end(db, rc);
}
