/* year.c: years, their schemes and the settings they take from them. */
#include "year.h"
#include "audit.h"
#include "db_impl.h"
#include "../core/daily.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int insert_scheme(struct db *db, const char *kind, const struct scheme_text *t,
			 const struct scheme *s)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO scheme (year_id, unit_kind, name, source)"
				   " VALUES (?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, s->name);
	db_bind_textn(st, 4, t->text, (int)t->len);
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

int year_create(struct db *db, int year, const char *template_name,
		struct scheme *const schemes[2], const struct scheme_text texts[2])
{
	static const char *const kinds[2] = {"county", "department"};
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM year WHERE year = ?");
	sqlite3_bind_int(st, 1, year);
	int exists = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (exists) {
		db_fail_code(db, DB_CONFLICT, "year", "%d 年度的考核已经存在", year);
		return -1;
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
	st = db_stmt(db, "INSERT INTO year (year, title, template, window_start, window_end)"
		     " VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_int(st, 1, year);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3, template_name ? template_name : "");
	db_bind_text(st, 4, start);
	db_bind_text(st, 5, end);
	int rc = db_exec_stmt(db, st);
	if (rc == 0) {
		db->year_id = db_last_id(db);
		db->year = year;
		db->approved = db->published = false;
		db_forget_year(db);
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
	/* the settings the schemes carry, on the record with their rows */
	if (rc == 0)
		rc = audit_add(db, "year.settings", NULL, NULL, NULL,
			       "方案规定的设置：行业监管部门、抽查数量和范围、日常考核项目和扣分", NULL);
	return rc;
}

char *year_scheme_text(struct db *db, enum unit_kind kind, size_t *len)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT source FROM scheme WHERE year_id = ? AND unit_kind = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, unit_kind_name(kind));
	char *text = NULL;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_sqlite_fail(db, "读取考核方案");
		sqlite3_reset(st);
		return NULL;
	}
	if (rc == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		text = xmalloc(*len + 1);
		memcpy(text, sqlite3_column_blob(st, 0), *len);
		text[*len] = '\0';
	}
	sqlite3_reset(st);
	if (!text)
		db_fail_code(db, DB_NOT_FOUND, NULL, "%d 年度没有%s考核方案", db->year,
			     kind == KIND_COUNTY ? "县区" : unit_kind_title(kind));
	return text;
}

int year_window(struct db *db, char **from, char **to)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT window_start, window_end FROM year WHERE id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	*from = *to = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && *db_col_text(st, 0)) {
		*from = db_col_str(st, 0);
		*to = db_col_str(st, 1);
	}
	sqlite3_reset(st);
	return 0;
}

int year_list(struct db *db, int **years, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT year FROM year ORDER BY year");
	*years = NULL;
	*n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*years = xrealloc(*years, (size_t)(*n + 1) * sizeof **years);
		(*years)[(*n)++] = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	return 0;
}

int year_set_state(struct db *db, const char *what, bool value)
{
	bool published = strcmp(what, "published") == 0;
	sqlite3_stmt *st = published ? db_stmt(db, "UPDATE year SET published = ? WHERE id = ?")
		: db_stmt(db, "UPDATE year SET approved = ? WHERE id = ?");
	sqlite3_bind_int(st, 1, value);
	sqlite3_bind_int64(st, 2, db->year_id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	if (published)
		db->published = value;
	else
		db->approved = value;
	return 0;
}

const struct scheme *year_grading(struct db *db, enum unit_kind kind)
{
	if (!db->year_id || !unit_kind_assessed(kind))
		return NULL;
	return year_scheme(db, kind);
}

const struct scheme *year_scheme(struct db *db, enum unit_kind kind)
{
	int i = (int)kind;
	if (!unit_kind_assessed(kind) || i >= KIND_COUNT + KIND_EXTRA_MAX) {
		db_fail(db, "%s没有考核方案", unit_kind_title(kind));
		return NULL;
	}
	if (db->schemes[i])
		return db->schemes[i];
	sqlite3_stmt *st = db_stmt(db, "SELECT name, source FROM scheme WHERE year_id = ? AND unit_kind = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, unit_kind_name(kind));
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		/* a read that failed is not a missing scheme */
		if (rc != SQLITE_DONE)
			db_sqlite_fail(db, "读取考核方案");
		else
			db_fail_code(db, DB_NOT_FOUND, "kind", "%d 年度没有%s考核方案", db->year,
				     kind == KIND_COUNTY ? "县区" : unit_kind_title(kind));
		sqlite3_reset(st);
		return NULL;
	}
	struct diag d = {0};
	char file[160];
	snprintf(file, sizeof file, "%s（%d 年度）", db_col_text(st, 0), db->year);
	const char *src = (const char *)sqlite3_column_text(st, 1);
	db->schemes[i] = scheme_parse(src, (size_t)sqlite3_column_bytes(st, 1), file, &d);
	sqlite3_reset(st);
	if (!db->schemes[i])
		db_fail_code(db, DB_FAILED, NULL, "%s", d.n ? d.msgs[0] : "方案无法解析");
	diag_free(&d);
	return db->schemes[i];
}

int year_info_get(struct db *db, struct year_info *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, "SELECT year, title, template, window_start, window_end, objection_from,"
				   " objection_to, consent_date, consent_ref, approved, published FROM year WHERE id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->year = sqlite3_column_int(st, 0);
		out->title = db_col_str(st, 1);
		out->template_name = db_col_str(st, 2);
		out->window_from = *db_col_text(st, 3) ? db_col_str(st, 3) : NULL;
		out->window_to = *db_col_text(st, 4) ? db_col_str(st, 4) : NULL;
		out->objection_from = db_col_dup(st, 5);
		out->objection_to = db_col_dup(st, 6);
		out->consent_date = db_col_dup(st, 7);
		out->consent_ref = db_col_dup(st, 8);
		out->approved = sqlite3_column_int(st, 9);
		out->published = sqlite3_column_int(st, 10);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return db_sqlite_fail(db, "读取考核年度");
}

void year_info_clear(struct year_info *y)
{
	free(y->title);
	free(y->template_name);
	free(y->window_from);
	free(y->window_to);
	free(y->objection_from);
	free(y->objection_to);
	free(y->consent_date);
	free(y->consent_ref);
	memset(y, 0, sizeof *y);
}

int year_set_consent(struct db *db, const char *date, const char *ref)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE year SET consent_date = ?, consent_ref = ? WHERE id = ?");
	db_bind_text(st, 1, date);
	db_bind_text(st, 2, ref);
	sqlite3_bind_int64(st, 3, db->year_id);
	return db_exec_stmt(db, st);
}

int year_set_objection_period(struct db *db, const char *from, const char *to)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE year SET objection_from = ?, objection_to = ? WHERE id = ?");
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	sqlite3_bind_int64(st, 3, db->year_id);
	return db_exec_stmt(db, st);
}

int year_copy_from(struct db *db, int from)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM year WHERE year = ?");
	sqlite3_bind_int(st, 1, from);
	long long old = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (!old) {
		db_fail_code(db, DB_NOT_FOUND, "from", "没有 %d 年度的考核，无法从中沿用", from);
		return -1;
	}
	/* The schemes added for other kinds (school, …) come along with
	 * their units. Units keep their names, order, parents and
	 * industries: parents first (a unit's parent always has a smaller
	 * id), mapped by name. */
	static const char *const steps[] = {
		"INSERT INTO scheme (year_id, unit_kind, name, source) SELECT ?1, unit_kind, name, source"
		" FROM scheme WHERE year_id = ?2 AND unit_kind NOT IN ('county', 'department') ORDER BY id",
		"INSERT INTO unit (year_id, name, kind, parent_id, industry, sort_order, status)"
		" SELECT ?1, u.name, u.kind, (SELECT n.id FROM unit n JOIN unit p ON p.name = n.name"
		" WHERE n.year_id = ?1 AND p.id = u.parent_id), u.industry, u.sort_order,"
		" CASE u.status WHEN 'provincial' THEN 'assessed' ELSE u.status END"
		" FROM unit u WHERE u.year_id = ?2 ORDER BY u.id",
		"INSERT INTO team (year_id, name) SELECT ?1, name FROM team WHERE year_id = ?2 ORDER BY id",
		"INSERT INTO team_member (team_id, name, role, title, contact)"
		" SELECT n.id, m.name, m.role, m.title, m.contact FROM team_member m JOIN team t ON t.id = m.team_id"
		" JOIN team n ON n.name = t.name AND n.year_id = ?1 WHERE t.year_id = ?2 ORDER BY m.id",
		"INSERT INTO team_unit (team_id, unit_id)"
		" SELECT nt.id, nu.id FROM team_unit tu JOIN team t ON t.id = tu.team_id JOIN unit u ON u.id = tu.unit_id"
		" JOIN team nt ON nt.year_id = ?1 AND nt.name = t.name JOIN unit nu ON nu.year_id = ?1 AND nu.name = u.name"
		" WHERE t.year_id = ?2",
		"INSERT OR REPLACE INTO industry_department (year_id, industry, department)"
		" SELECT ?1, industry, department FROM industry_department WHERE year_id = ?2",
		"INSERT OR REPLACE INTO daily_rule (year_id, target, outcome, deduct, per_day)"
		" SELECT ?1, target, outcome, deduct, per_day FROM daily_rule WHERE year_id = ?2",
		"INSERT INTO daily_task (year_id, title, target, kind, due)"
		" SELECT ?1, title, target, kind, date(due, '+' || (?3 - ?4) || ' years') FROM daily_task"
		" WHERE year_id = ?2 ORDER BY id",
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		st = db_stmt(db, steps[i]);
		sqlite3_bind_int64(st, 1, db->year_id);
		sqlite3_bind_int64(st, 2, old);
		if (strstr(steps[i], "?3")) {
			sqlite3_bind_int(st, 3, db->year);
			sqlite3_bind_int(st, 4, from);
		}
		if (db_exec_stmt(db, st) != 0)
			return -1;
	}
	return 0;
}

/* ---- signing (schema 7) ----------------------------------------------------------- */

#define TRUST_COLS "year, approved, public_key, signature, ifnull(signed_seq, 0), signed_hash"

static void trust_row(sqlite3_stmt *st, struct year_trust *t)
{
	*t = (struct year_trust){
		.year = sqlite3_column_int(st, 0),
		.approved = sqlite3_column_int(st, 1) != 0,
		.public_key = db_col_dup(st, 2),
		.signature = db_col_dup(st, 3),
		.signed_seq = sqlite3_column_int64(st, 4),
		.signed_hash = db_col_dup(st, 5),
	};
}

int year_trust_list(struct db *db, struct year_trust **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " TRUST_COLS " FROM year ORDER BY year");
	*out = NULL;
	*n = 0;
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		trust_row(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取年度签名");
}

int year_trust_get(struct db *db, struct year_trust *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, "SELECT " TRUST_COLS " FROM year WHERE id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		trust_row(st, out);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_sqlite_fail(db, "读取年度签名");
}

void year_trust_clear(struct year_trust *t)
{
	free(t->public_key);
	free(t->signature);
	free(t->signed_hash);
	memset(t, 0, sizeof *t);
}

void year_trust_free(struct year_trust *t, int n)
{
	for (int i = 0; i < n; i++)
		year_trust_clear(&t[i]);
	free(t);
}

int year_set_public_key(struct db *db, const char *hex)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE year SET public_key = ? WHERE id = ?");
	db_bind_text(st, 1, hex);
	sqlite3_bind_int64(st, 2, db->year_id);
	return db_exec_stmt(db, st);
}

int year_set_signature(struct db *db, long long seq, const char *hash, const char *signature)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE year SET signed_seq = ?, signed_hash = ?, signature = ?"
				   " WHERE id = ?");
	if (signature)
		sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, signature ? hash : NULL);
	db_bind_text(st, 3, signature);
	sqlite3_bind_int64(st, 4, db->year_id);
	return db_exec_stmt(db, st);
}

int year_set_inputs_digest(struct db *db, const char *digest)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE year SET inputs_digest = ? WHERE id = ?");
	db_bind_text(st, 1, digest);
	sqlite3_bind_int64(st, 2, db->year_id);
	return db_exec_stmt(db, st);
}

char *year_inputs_digest(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT inputs_digest FROM year WHERE id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	char *d = sqlite3_step(st) == SQLITE_ROW ? db_col_dup(st, 0) : NULL;
	sqlite3_reset(st);
	return d;
}
