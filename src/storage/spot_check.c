/* spot_check.c: drawing and recording spot checks. */
#include "spot_check.h"
#include "audit.h"
#include "unit.h"
#include "../core/sample.h"
#include "../core/template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static const struct year_template *year_tmpl(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT template FROM year WHERE id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	const struct year_template *t = NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		t = template_find(db_col_text(st, 0));
	sqlite3_reset(st);
	return t ? t : &year_templates[0];
}

/* Whether any sampled unit of the county has findings on its sheet. */
static int sheets_in_use(struct db *db, long long county_id, char *name, size_t n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT u.name FROM sample s JOIN unit u ON u.id = s.unit_id"
				   " WHERE s.county_id = ? AND EXISTS (SELECT 1 FROM finding f"
				   " WHERE f.unit_id = s.county_id AND f.sheet_id = s.unit_id) LIMIT 1");
	sqlite3_bind_int64(st, 1, county_id);
	int used = sqlite3_step(st) == SQLITE_ROW;
	if (used)
		snprintf(name, n, "%s", db_col_text(st, 0));
	sqlite3_reset(st);
	return used;
}

static int replace_samples(struct db *db, const struct unit *county, const char *method,
			   long long seed, bool has_seed, const char *detail,
			   const long long *ids, int n)
{
	char used[256];
	if (sheets_in_use(db, county->id, used, sizeof used)) {
		db_fail(db, "“%s”的抽查单位“%s”已有评分记录，不能重新确定抽查对象"
			"（先用 kaohe score clear 清除该单位的评分）", county->name, used);
		return -1;
	}
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM sample WHERE county_id = ?");
	sqlite3_bind_int64(st, 1, county->id);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	char at[32];
	db_now(at);
	st = db_stmt(db, "INSERT INTO sample_draw (year_id, county_id, method, seed, detail, actor, at)"
		     " VALUES (?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, db->year_id);
	sqlite3_bind_int64(st, 2, county->id);
	db_bind_text(st, 3, method);
	if (has_seed)
		sqlite3_bind_int64(st, 4, seed);
	db_bind_text(st, 5, detail);
	db_bind_text(st, 6, db->actor);
	db_bind_text(st, 7, at);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	long long draw = sqlite3_last_insert_rowid(db->h);
	for (int i = 0; i < n; i++) {
		st = db_stmt(db, "INSERT INTO sample (county_id, unit_id, draw_id) VALUES (?, ?, ?)");
		sqlite3_bind_int64(st, 1, county->id);
		sqlite3_bind_int64(st, 2, ids[i]);
		sqlite3_bind_int64(st, 3, draw);
		if (db_exec_stmt(db, st) != 0)
			return -1;
	}
	return audit_add(db, strcmp(method, "draw") == 0 ? "sample.draw" : "sample.set",
			 county->name, NULL, NULL, detail, NULL);
}

struct cand_list {
	struct unit *u;
	struct sample_candidate *c;
	int n, cap;
	struct db *db;
	long long county_id;
	const char *kind;
};

static int collect(const struct unit *u, void *arg)
{
	struct cand_list *l = arg;
	if (u->parent_id != l->county_id)
		return 0;
	int tier = 2;
	if (strcmp(l->kind, "town") != 0) {
		sqlite3_stmt *st = l->db ? db_stmt(l->db, "SELECT tier FROM sample_pool WHERE year_id = ?"
						    " AND kind = ? AND industry = ?") : NULL;
		sqlite3_bind_int64(st, 1, l->db->year_id);
		db_bind_text(st, 2, l->kind);
		db_bind_text(st, 3, u->industry);
		tier = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
		sqlite3_reset(st);
		/* County departments outside both pools are not drawn; every
		 * enterprise may be, the key industries first. */
		if (tier == 0 && strcmp(l->kind, "enterprise") == 0)
			tier = 2;
		if (tier == 0)
			return 0;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->u = xrealloc(l->u, (size_t)l->cap * sizeof *l->u);
		l->c = xrealloc(l->c, (size_t)l->cap * sizeof *l->c);
	}
	l->u[l->n] = *u;
	l->c[l->n].tier = tier;
	l->n++;
	return 0;
}

/* The county to sample in; fails for any other kind of unit. */
static int get_county(struct db *db, const char *name, struct unit *c)
{
	if (unit_get(db, name, c) != 0)
		return -1;
	if (strcmp(c->kind, "county") != 0) {
		db_fail(db, "只对县区抽查，“%s”是%s", c->name, unit_kind_title(c->kind));
		return -1;
	}
	return 0;
}

int spot_draw(struct db *db, const char *county, bool has_seed, uint64_t seed,
	      struct spot_counts counts, struct buf *report)
{
	struct unit c;
	if (get_county(db, county, &c) != 0)
		return -1;
	const struct year_template *t = year_tmpl(db);
	static const char *const kinds[3] = {"town", "county-department", "enterprise"};
	static const char *const titles[3] = {"乡镇", "县区部门", "企业"};
	int want[3] = {counts.towns, counts.departments, counts.enterprises};
	int lo[3] = {t->towns_min, t->departments_min, t->enterprises_min};
	int hi[3] = {t->towns_max, t->departments_max, t->enterprises_max};
	for (int k = 0; k < 3; k++) {
		if (want[k] < 0) {
			/* not given: as many as the plan allows and the county has */
			struct cand_list l = {.db = db, .county_id = c.id, .kind = kinds[k]};
			unit_each(db, kinds[k], collect, &l);
			want[k] = l.n < hi[k] ? (l.n > lo[k] ? l.n : lo[k]) : hi[k];
			free(l.u);
			free(l.c);
		}
		if (want[k] < lo[k] || want[k] > hi[k]) {
			db_fail(db, "%s抽查数量须在 %d 到 %d 之间，不能是 %d", titles[k], lo[k], hi[k], want[k]);
			return -1;
		}
	}
	if (!has_seed) {
		if (getrandom(&seed, sizeof seed, 0) != (ssize_t)sizeof seed)
			seed = (uint64_t)time(NULL);
		seed &= 0x7fffffffffffffffULL;   /* fits SQLite's INTEGER */
	}
	struct buf detail = {0};
	long long ids[16];
	int nids = 0;
	buf_printf(&detail, "种子 %llu", (unsigned long long)seed);
	for (int k = 0; k < 3; k++) {
		struct cand_list l = {.db = db, .county_id = c.id, .kind = kinds[k]};
		if (unit_each(db, kinds[k], collect, &l) != 0) {
			free(l.u);
			free(l.c);
			buf_free(&detail);
			return -1;
		}
		if (l.n < want[k]) {
			db_fail(db, "“%s”只有 %d 个可抽查的%s，需要 %d 个（先用 kaohe unit add 登记%s）",
				c.name, l.n, titles[k], want[k], titles[k]);
			free(l.u);
			free(l.c);
			buf_free(&detail);
			return -1;
		}
		for (int i = 0; i < l.n; i++)
			l.c[i].name = l.u[i].name;
		int picked[16];
		sample_draw(l.c, l.n, want[k], seed, (uint64_t)k + 1, picked);
		buf_printf(&detail, "；%s %d 个：", titles[k], want[k]);
		for (int i = 0; i < want[k]; i++) {
			buf_printf(&detail, "%s%s", i ? "、" : "", l.u[picked[i]].name);
			ids[nids++] = l.u[picked[i]].id;
		}
		buf_printf(&detail, "（候选 %d 个：", l.n);
		for (int i = 0; i < l.n; i++)
			buf_printf(&detail, "%s%s%s", i ? "、" : "", l.u[i].name,
				   l.c[i].tier == 1 && k > 0 ? "*" : "");
		buf_puts(&detail, "）");
		free(l.u);
		free(l.c);
	}
	int rc = replace_samples(db, &c, "draw", (long long)seed, true, buf_str(&detail), ids, nids);
	if (rc == 0 && report)
		buf_printf(report, "%s：%s\n（* 为重点抽查对象；用 --seed %llu 可重现本次抽取）\n", c.name,
			   buf_str(&detail), (unsigned long long)seed);
	buf_free(&detail);
	return rc;
}

int spot_set(struct db *db, const char *county, char *const *units, int n, struct buf *report)
{
	struct unit c;
	if (get_county(db, county, &c) != 0)
		return -1;
	if (n <= 0 || n > 16) {
		db_fail(db, "须列出 1 到 16 个抽查单位");
		return -1;
	}
	long long ids[16];
	struct buf detail = {0};
	buf_puts(&detail, "考核组自行确定：");
	for (int i = 0; i < n; i++) {
		struct unit u;
		if (unit_get(db, units[i], &u) != 0) {
			buf_free(&detail);
			return -1;
		}
		if (u.parent_id != c.id || strcmp(u.kind, "county") == 0 ||
		    strcmp(u.kind, "department") == 0) {
			db_fail(db, "“%s”不是“%s”的乡镇、县区部门或企业", u.name, c.name);
			buf_free(&detail);
			return -1;
		}
		for (int j = 0; j < i; j++)
			if (ids[j] == u.id) {
				db_fail(db, "“%s”重复列出", u.name);
				buf_free(&detail);
				return -1;
			}
		ids[i] = u.id;
		buf_printf(&detail, "%s%s（%s）", i ? "、" : "", u.name, unit_kind_title(u.kind));
	}
	int rc = replace_samples(db, &c, "set", 0, false, buf_str(&detail), ids, n);
	if (rc == 0 && report)
		buf_printf(report, "%s：%s\n", c.name, buf_str(&detail));
	buf_free(&detail);
	return rc;
}

int spot_each(struct db *db, const char *county,
	      int (*fn)(const char *county, const char *unit, const char *kind, void *arg), void *arg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT c.name, u.name, u.kind FROM sample s"
				   " JOIN unit c ON c.id = s.county_id JOIN unit u ON u.id = s.unit_id"
				   " WHERE c.year_id = ?1 AND (?2 IS NULL OR c.name = ?2)"
				   " ORDER BY c.sort_order, CASE u.kind WHEN 'town' THEN 1"
				   " WHEN 'county-department' THEN 2 ELSE 3 END, u.sort_order");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, county);
	struct buf rows = {0};
	int n = 0, rc;
	/* Copy out: fn may run statements of its own. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 3; i++) {
			buf_puts(&rows, db_col_text(st, i));
			buf_putc(&rows, '\0');
		}
		n++;
	}
	sqlite3_reset(st);
	int r = rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取抽查单位");
	const char *p = rows.p;
	for (int i = 0; i < n && r == 0; i++) {
		const char *a = p, *b = a + strlen(a) + 1, *k = b + strlen(b) + 1;
		p = k + strlen(k) + 1;
		r = fn(a, b, k, arg);
	}
	buf_free(&rows);
	return r;
}
