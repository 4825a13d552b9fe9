/* finding.c: storing findings. */
#include "finding.h"
#include "audit.h"
#include "db_impl.h"
#include "unit.h"
#include "year.h"
#include "../core/figures.h"
#include "../core/rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int finding_target(struct db *db, const struct unit *u, struct sheet_target *t)
{
	memset(t, 0, sizeof *t);
	if (unit_kind_assessed(u->kind)) {
		unit_copy(&t->owner, u);
	} else if (u->kind == KIND_COUNTY_DEPARTMENT || u->kind == KIND_ENTERPRISE) {
		if (unit_get_id(db, u->parent_id, &t->owner) != 0)
			return -1;
		sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM sample WHERE county_id = ? AND unit_id = ?");
		sqlite3_bind_int64(st, 1, u->parent_id);
		sqlite3_bind_int64(st, 2, u->id);
		int sampled = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (!sampled || t->owner.kind != KIND_COUNTY) {
			db_fail_code(db, DB_CONFLICT, "unit", "“%s”不是%s的抽查单位，不能评分（须先确定抽查对象）",
				     u->name, t->owner.name);
			finding_target_free(t);
			return -1;
		}
		t->sheet_id = u->id;
		t->label = xstrdup(u->name);
		t->industry = u->industry ? xstrdup(u->industry) : NULL;
	} else {
		db_fail_code(db, DB_INVALID, "unit", "“%s”是%s，不单独评分（乡镇的问题计入所在县区，如“每发现一地”）",
			     u->name, unit_kind_title(u->kind));
		return -1;
	}
	struct buf why = {0};
	if (unit_sheet_of(&t->owner, &why) != UNIT_SHEET_OWN) {
		db_fail_code(db, DB_CONFLICT, "unit", "%s", buf_str(&why));
		buf_free(&why);
		finding_target_free(t);
		return -1;
	}
	if (!t->sheet_id && t->owner.industry)
		t->industry = xstrdup(t->owner.industry);
	t->s = year_scheme(db, t->owner.kind);
	if (!t->s) {
		finding_target_free(t);
		return -1;
	}
	if (t->sheet_id) {
		t->sheet_root = scheme_sheets_node(t->s, unit_kind_sample(u->kind));
		if (!t->sheet_root) {
			db_fail_code(db, DB_INVALID, "unit", "方案 %s 没有按%s评分的部分", t->s->name,
				     unit_kind_title(u->kind));
			finding_target_free(t);
			return -1;
		}
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM finding WHERE unit_id = ? AND sheet_id = ? LIMIT 1");
	sqlite3_bind_int64(st, 1, t->owner.id);
	sqlite3_bind_int64(st, 2, t->sheet_id);
	t->had_findings = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return 0;
}

const char *finding_target_item(const struct sheet_target *t, const char *code, struct buf *b)
{
	char p[PERIOD_BUFSZ];
	if (!t->period)
		return code;
	buf_printf(b, "%s%s%s", code ? code : "", code ? " " : "", period_label(t->s->periods.kind, t->period, p));
	return buf_str(b);
}

void finding_target_free(struct sheet_target *t)
{
	unit_clear(&t->owner);
	free(t->label);
	free(t->industry);
	memset(t, 0, sizeof *t);
}

int finding_sheet_state(struct db *db, const struct sheet_target *t, struct sheet_state *st)
{
	sheet_state_init(st, t->s, t->sheet_root);
	if (!t->had_findings)
		return 0;
	sqlite3_stmt *q = db_stmt(db, "SELECT code, form FROM finding WHERE unit_id = ? AND sheet_id = ?"
				  " AND period = ?");
	sqlite3_bind_int64(q, 1, t->owner.id);
	sqlite3_bind_int64(q, 2, t->sheet_id);
	sqlite3_bind_int(q, 3, t->period);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		sheet_state_stored(st, scheme_find(t->s, db_col_text(q, 0)),
				   strcmp(db_col_text(q, 1), "na") == 0);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取评分记录");
}

bool *finding_computed_items(struct db *db, const struct scheme *s, enum unit_kind owner)
{
	/* The year's daily items are set when it is made and never change:
	 * read once per year and scheme, handed out as copies. */
	int k = (int)owner;
	if (k < 0 || k >= KIND_COUNT + KIND_EXTRA_MAX)
		return xcalloc((size_t)s->nnodes, sizeof(bool));
	if (!db->computed[k]) {
		bool *computed = xcalloc((size_t)s->nnodes, sizeof *computed);
		/* the daily items are the county's and the departments' alone */
		bool daily = owner == KIND_COUNTY || owner == KIND_DEPARTMENT;
		sqlite3_stmt *st = db_stmt(db, "SELECT target, code FROM daily_item WHERE year_id = ?");
		sqlite3_bind_int64(st, 1, db->year_id);
		while (daily && sqlite3_step(st) == SQLITE_ROW) {
			bool county_target = strcmp(db_col_text(st, 0), "county") == 0;
			const struct node *n = scheme_find(s, db_col_text(st, 1));
			if (n && county_target == (owner == KIND_COUNTY))
				computed[n->index] = true;
		}
		sqlite3_reset(st);
		/* items counted from the accident register */
		for (int i = 0; i < s->nnodes; i++)
			if (s->nodes[i]->rule.type == RULE_ACCIDENTS)
				computed[i] = true;
		db->computed[k] = computed;
	}
	bool *copy = xmalloc((size_t)s->nnodes * sizeof *copy);
	memcpy(copy, db->computed[k], (size_t)s->nnodes * sizeof *copy);
	return copy;
}

int finding_store(struct db *db, const struct sheet_target *t, const struct finding *f,
		  const char *at, bool audit_new, long long *replaced, bool *changed)
{
	const struct node *n = f->node ? f->node : scheme_find(t->s, f->code);
	sqlite3_stmt *st;
	char *old = NULL;
	struct buf item = {0};
	*changed = true;
	/* The old value, for the record; a sheet that had no findings has
	 * none (duplicates within one input are refused before this). */
	if (t->had_findings) {
		st = db_stmt(db, "SELECT form, value, note, figures FROM finding WHERE unit_id = ?"
			     " AND sheet_id = ? AND code = ? AND period = ?");
		sqlite3_bind_int64(st, 1, t->owner.id);
		sqlite3_bind_int64(st, 2, t->sheet_id);
		db_bind_text(st, 3, n->code);
		sqlite3_bind_int(st, 4, t->period);
		if (sqlite3_step(st) == SQLITE_ROW) {
			struct finding o = {.code = n->code};
			finding_set_value(&o, input_form_parse(db_col_text(st, 0)), sqlite3_column_int64(st, 1));
			o.note = db_col_text(st, 2);
			o.figures = db_col_text(st, 3);
			old = finding_describe(n, &o);
		}
		sqlite3_reset(st);
		/* The same value again (a form sent twice) changes nothing and
		 * is not recorded again. */
		char *new_value = old ? finding_describe(n, f) : NULL;
		bool same = old && strcmp(old, new_value) == 0;
		free(new_value);
		if (same) {
			free(old);
			*changed = false;
			return 0;
		}
		st = db_stmt(db, "INSERT INTO finding (unit_id, sheet_id, code, form, value, note, actor, at,"
			     " figures, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			     " ON CONFLICT (unit_id, sheet_id, code, period)"
			     " DO UPDATE SET form = excluded.form, value = excluded.value, note = excluded.note,"
			     " actor = excluded.actor, at = excluded.at, figures = excluded.figures");
	} else {
		/* A sheet that had no findings takes a plain insert (imports). */
		st = db_stmt(db, "INSERT INTO finding (unit_id, sheet_id, code, form, value, note, actor, at,"
			     " figures, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	}
	/* The strings outlive the step: bind them without copies. */
	sqlite3_bind_int64(st, 1, t->owner.id);
	sqlite3_bind_int64(st, 2, t->sheet_id);
	sqlite3_bind_text(st, 3, n->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, input_form_code(f->form), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, finding_value(f));
	if (f->note && *f->note)
		sqlite3_bind_text(st, 6, f->note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, db->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, at, -1, SQLITE_STATIC);
	/* figures are stored as the one printer writes them (core/figures.h) */
	char *figures = f->form == INPUT_FIGURES ? figures_canonical(f->figures) : NULL;
	if (figures)
		sqlite3_bind_text(st, 9, figures, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 9);
	sqlite3_bind_int(st, 10, t->period);
	int rc = db_exec_stmt(db, st);
	free(figures);
	if (rc == 0 && old && replaced)
		(*replaced)++;
	if (rc == 0 && (audit_new || old)) {
		char *new_value = finding_describe(n, f);
		if (!old || strcmp(old, new_value) != 0)
			rc = audit_add(db, "score.set", t->label ? t->label : t->owner.name,
				       finding_target_item(t, n->code, &item), old, new_value, NULL);
		free(new_value);
	}
	free(old);
	buf_free(&item);
	return rc;
}

int finding_clear(struct db *db, const struct sheet_target *t, const char *code)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM finding WHERE unit_id = ?1 AND sheet_id = ?2"
				   " AND (?3 IS NULL OR code = ?3) AND period = ?4");
	sqlite3_bind_int64(st, 1, t->owner.id);
	sqlite3_bind_int64(st, 2, t->sheet_id);
	db_bind_text(st, 3, code);
	sqlite3_bind_int(st, 4, t->period);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	int n = db_changes(db);
	const char *who = t->label ? t->label : t->owner.name;
	if (n == 0) {
		db_fail_code(db, DB_NOT_FOUND, code ? "item" : "unit", "“%s”%s%s没有评分记录", who,
			     code ? " 的 " : "", code ? code : "");
		return -1;
	}
	char what[64];
	snprintf(what, sizeof what, "删除 %d 条评分记录", n);
	struct buf item = {0};
	int rc = audit_add(db, "score.clear", who, code || t->period ? finding_target_item(t, code, &item) : NULL,
			   what, NULL, NULL);
	buf_free(&item);
	return rc;
}

int finding_spill_begin(struct db *db)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, "CREATE TEMP TABLE IF NOT EXISTS import_spill (unit_id INTEGER NOT NULL,"
			 " sheet_id INTEGER NOT NULL, period INTEGER NOT NULL, node INTEGER NOT NULL,"
			 " line INTEGER NOT NULL, na INTEGER NOT NULL,"
			 " PRIMARY KEY (unit_id, sheet_id, period, node)) WITHOUT ROWID;"
			 " DELETE FROM temp.import_spill;", NULL, NULL, &msg) != SQLITE_OK) {
		db_fail(db, "无法建立导入用的临时表：%s", msg ? msg : "");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int finding_spill_put(struct db *db, const struct sheet_target *t, const struct sheet_state *st)
{
	for (int i = 0; i < st->n; i++) {
		if (st->line[i] <= 0)
			continue;
		sqlite3_stmt *q = db_stmt(db, "INSERT OR REPLACE INTO temp.import_spill (unit_id, sheet_id, node,"
					  " line, na, period) VALUES (?, ?, ?, ?, ?, ?)");
		sqlite3_bind_int64(q, 1, t->owner.id);
		sqlite3_bind_int64(q, 2, t->sheet_id);
		sqlite3_bind_int(q, 3, st->base + i);
		sqlite3_bind_int(q, 4, st->line[i]);
		sqlite3_bind_int(q, 5, st->na[i]);
		sqlite3_bind_int(q, 6, t->period);
		if (db_exec_stmt(db, q) != 0)
			return -1;
	}
	return 0;
}

int finding_spill_get(struct db *db, const struct sheet_target *t, struct sheet_state *st)
{
	sqlite3_stmt *q = db_stmt(db, "SELECT node, line, na FROM temp.import_spill WHERE unit_id = ? AND sheet_id = ?"
				  " AND period = ?");
	sqlite3_bind_int64(q, 1, t->owner.id);
	sqlite3_bind_int64(q, 2, t->sheet_id);
	sqlite3_bind_int(q, 3, t->period);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int i = sqlite3_column_int(q, 0) - st->base;
		if (i >= 0 && i < st->n) {
			st->line[i] = sqlite3_column_int(q, 1);
			st->na[i] = (unsigned char)sqlite3_column_int(q, 2);
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取导入临时表");
}
