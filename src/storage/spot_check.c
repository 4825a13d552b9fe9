/* spot_check.c: drawing and recording spot checks. */
#include "spot_check.h"
#include "audit.h"
#include "db_impl.h"
#include "unit.h"
#include "../core/sample.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

int spot_sizes(struct db *db, struct spot_size sizes[4])
{
	memset(sizes, 0, 4 * sizeof *sizes);
	sqlite3_stmt *st = db_stmt(db, "SELECT kind, min, max, others FROM sample_size WHERE year_id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum sample_kind k = sample_kind_parse(db_col_text(st, 0));
		if (!k)
			continue;
		sizes[k] = (struct spot_size){true, sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
			sqlite3_column_int(st, 3) != 0};
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取抽查规定");
}

int spot_counts_of(struct db *db, long long county_id, int counts[4])
{
	memset(counts, 0, 4 * sizeof *counts);
	sqlite3_stmt *st = db_stmt(db, "SELECT u.kind, count(*) FROM sample s JOIN unit u ON u.id = s.unit_id"
				   " WHERE s.county_id = ? GROUP BY u.kind");
	sqlite3_bind_int64(st, 1, county_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		counts[sample_kind_parse(db_col_text(st, 0))] = sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取抽查单位");
}

/* Whether a sampled unit of kind k in the county has findings on its
 * sheet; its name goes to name. */
static char *sheets_in_use(struct db *db, long long county_id, enum sample_kind k)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT u.name FROM sample s JOIN unit u ON u.id = s.unit_id"
				   " WHERE s.county_id = ? AND u.kind = ? AND EXISTS (SELECT 1 FROM finding f"
				   " WHERE f.unit_id = s.county_id AND f.sheet_id = s.unit_id) LIMIT 1");
	sqlite3_bind_int64(st, 1, county_id);
	db_bind_text(st, 2, sample_kind_name(k));
	char *name = sqlite3_step(st) == SQLITE_ROW ? db_col_str(st, 0) : NULL;
	sqlite3_reset(st);
	return name;
}

/* Replaces the samples of the kinds with replace[k] set by ids[], on the
 * record (one sample_draw row). */
static int replace_samples(struct db *db, const struct unit *county, const char *method,
			   long long seed, bool has_seed, const char *detail, const bool replace[4],
			   const long long *ids, int n)
{
	for (int k = SAMPLE_TOWN; k <= SAMPLE_ENTERPRISE; k++) {
		if (!replace[k])
			continue;
		char *used = sheets_in_use(db, county->id, (enum sample_kind)k);
		if (used) {
			db_fail_code(db, DB_CONFLICT, "units", "“%s”的抽查%s“%s”已有评分记录，不能重新确定抽查的%s"
				     "（须先删除该单位的评分）", county->name,
				     sample_kind_title((enum sample_kind)k), used,
				     sample_kind_title((enum sample_kind)k));
			free(used);
			return -1;
		}
		sqlite3_stmt *st = db_stmt(db, "DELETE FROM sample WHERE county_id = ? AND unit_id IN"
					   " (SELECT id FROM unit WHERE parent_id = ? AND kind = ?)");
		sqlite3_bind_int64(st, 1, county->id);
		sqlite3_bind_int64(st, 2, county->id);
		db_bind_text(st, 3, sample_kind_name((enum sample_kind)k));
		if (db_exec_stmt(db, st) != 0)
			return -1;
	}
	char at[32];
	db_now(at);
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO sample_draw (year_id, county_id, method, seed, detail, actor, at)"
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
	long long draw = db_last_id(db);
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
	struct unit *u;           /* the candidates (owned) */
	struct sample_candidate *c;
	int n;
	enum sample_kind kind;
	bool pooled;              /* the year has a pool for this kind */
};

static void cand_free(struct cand_list *l)
{
	unit_list_free(l->u, l->n);
	free(l->c);
	memset(l, 0, sizeof *l);
}

/* The candidates of one kind in a county: its units of that kind, each
 * with its tier in the year's pool (units outside the pool only where the
 * scheme allows others, last). Free with cand_free. */
static int candidates(struct db *db, long long county_id, enum sample_kind k,
		      const struct spot_size *size, struct cand_list *l)
{
	memset(l, 0, sizeof *l);
	l->kind = k;
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM sample_pool WHERE year_id = ? AND kind = ? LIMIT 1");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, sample_kind_name(k));
	l->pooled = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	int kind = k == SAMPLE_TOWN ? KIND_TOWN : k == SAMPLE_COUNTY_DEPARTMENT ? KIND_COUNTY_DEPARTMENT
		: KIND_ENTERPRISE;
	struct unit *all;
	int n;
	if (unit_list(db, kind, &all, &n) != 0)
		return -1;
	l->u = xcalloc((size_t)(n ? n : 1), sizeof *l->u);
	l->c = xcalloc((size_t)(n ? n : 1), sizeof *l->c);
	for (int i = 0; i < n; i++) {
		struct unit *u = &all[i];
		int tier = 1;
		if (u->parent_id != county_id) {
			unit_clear(u);
			continue;
		}
		if (l->pooled) {
			st = db_stmt(db, "SELECT tier FROM sample_pool WHERE year_id = ? AND kind = ? AND industry = ?");
			sqlite3_bind_int64(st, 1, db->year_id);
			db_bind_text(st, 2, sample_kind_name(k));
			db_bind_text(st, 3, u->industry ? u->industry : "");
			tier = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
			sqlite3_reset(st);
			/* Outside the pool: drawn last where the scheme allows it. */
			if (tier == 0 && size->others)
				tier = SAMPLE_TIERS;
		}
		if (tier == 0) {
			unit_clear(u);
			continue;
		}
		l->u[l->n] = *u;
		l->c[l->n].tier = tier;
		l->c[l->n].name = l->u[l->n].name;
		l->n++;
	}
	free(all);
	return 0;
}

/* The county to sample in; fails for any other kind of unit. */
static int get_county(struct db *db, const char *name, struct unit *c)
{
	if (unit_get(db, name, c) != 0)
		return -1;
	if (c->kind != KIND_COUNTY) {
		db_fail_code(db, DB_INVALID, "county", "只对县区抽查，“%s”是%s", c->name,
			     unit_kind_title(c->kind));
		unit_clear(c);
		return -1;
	}
	return 0;
}

static void size_words(const struct spot_size *z, struct buf *b)
{
	if (z->min == z->max)
		buf_printf(b, "%d", z->min);
	else
		buf_printf(b, "%d 到 %d", z->min, z->max);
}

int spot_draw(struct db *db, const char *county, bool has_seed, uint64_t seed,
	      const int counts[4], struct spot_report *report)
{
	struct unit c;
	struct spot_size sizes[4];
	if (get_county(db, county, &c) != 0)
		return -1;
	int rc = -1, want[4] = {0}, nkinds = 0, nids = 0, undeclared = -1;
	bool replace[4] = {false};
	long long ids[48];
	struct buf detail = {0};
	if (spot_sizes(db, sizes) != 0)
		goto out;
	for (int k = SAMPLE_TOWN; k <= SAMPLE_ENTERPRISE; k++) {
		const struct spot_size *z = &sizes[k];
		if (!z->declared && counts[k] < 0) {
			/* asked for, the plan's number: named below if alone */
			undeclared = undeclared == -1 ? k : -2;
			continue;
		}
		if (counts[k] == 0)
			continue;
		if (!z->declared) {
			db_fail_code(db, DB_INVALID, "kind", "本年度方案没有规定抽查%s",
				     sample_kind_title((enum sample_kind)k));
			goto out;
		}
		want[k] = counts[k];
		if (want[k] < 0) {
			/* not given: as many as the plan allows and the county has */
			struct cand_list l;
			if (candidates(db, c.id, (enum sample_kind)k, z, &l) != 0)
				goto out;
			want[k] = l.n < z->max ? (l.n > z->min ? l.n : z->min) : z->max;
			cand_free(&l);
		}
		if (want[k] < z->min || want[k] > z->max) {
			struct buf w = {0};
			size_words(z, &w);
			db_fail_code(db, DB_INVALID, sample_kind_name((enum sample_kind)k),
				     "抽查%s的数量须是 %s 个（方案规定），不能是 %d 个",
				     sample_kind_title((enum sample_kind)k), buf_str(&w), want[k]);
			buf_free(&w);
			goto out;
		}
		replace[k] = true;
		nkinds++;
	}
	if (!nkinds && undeclared >= 0) {
		db_fail_code(db, DB_INVALID, "kind", "本年度方案没有规定抽查%s",
			     sample_kind_title((enum sample_kind)undeclared));
		goto out;
	}
	if (!nkinds) {
		db_fail_code(db, DB_INVALID, NULL, "本年度方案没有规定抽查对象");
		goto out;
	}
	if (!has_seed) {
		if (getrandom(&seed, sizeof seed, 0) != (ssize_t)sizeof seed)
			seed = (uint64_t)time(NULL);
		seed &= 0x7fffffffffffffffULL;   /* fits SQLite's INTEGER */
	}
	buf_printf(&detail, "种子 %llu", (unsigned long long)seed);
	for (int k = SAMPLE_TOWN; k <= SAMPLE_ENTERPRISE; k++) {
		if (!replace[k])
			continue;
		const char *title = sample_kind_title((enum sample_kind)k);
		struct cand_list l;
		if (candidates(db, c.id, (enum sample_kind)k, &sizes[k], &l) != 0)
			goto out;
		if (l.n < want[k]) {
			db_fail_code(db, DB_CONFLICT, sample_kind_name((enum sample_kind)k),
				     "“%s”只有 %d 个可抽查的%s，需要 %d 个（须先登记%s）", c.name, l.n, title,
				     want[k], title);
			cand_free(&l);
			goto out;
		}
		int picked[16];
		/* The stream is the kind, so each kind's draw is the same whether
		 * drawn alone or with the others. */
		sample_draw(l.c, l.n, want[k], seed, (uint64_t)k, picked);
		buf_printf(&detail, "；%s %d 个：", title, want[k]);
		for (int i = 0; i < want[k]; i++) {
			buf_printf(&detail, "%s%s", i ? "、" : "", l.u[picked[i]].name);
			ids[nids++] = l.u[picked[i]].id;
		}
		buf_printf(&detail, "（候选 %d 个：", l.n);
		for (int i = 0; i < l.n; i++)
			buf_printf(&detail, "%s%s%s", i ? "、" : "", l.u[i].name,
				   l.c[i].tier == 1 && l.pooled ? "*" : "");
		buf_puts(&detail, "）");
		cand_free(&l);
	}
	rc = replace_samples(db, &c, "draw", (long long)seed, true, buf_str(&detail), replace, ids, nids);
	if (rc == 0 && report) {
		report->seed = seed;
		report->detail = buf_take(&detail);
	}
out:
	buf_free(&detail);
	unit_clear(&c);
	return rc;
}

int spot_set(struct db *db, const char *county, char *const *units, int n,
	     struct spot_report *report)
{
	struct unit c;
	struct spot_size sizes[4];
	if (get_county(db, county, &c) != 0)
		return -1;
	int rc = -1, per_kind[4] = {0};
	long long ids[48];
	bool replace[4] = {false};
	struct buf detail = {0};
	if (spot_sizes(db, sizes) != 0)
		goto out;
	if (n <= 0 || n > 48) {
		db_fail_code(db, DB_INVALID, "units", "须列出 1 到 48 个抽查单位");
		goto out;
	}
	buf_puts(&detail, "考核组自行确定：");
	for (int i = 0; i < n; i++) {
		struct unit u;
		if (unit_get(db, units[i], &u) != 0)
			goto out;
		enum sample_kind k = unit_kind_sample(u.kind);
		int bad = u.parent_id != c.id || !k;
		if (bad)
			db_fail_code(db, DB_INVALID, "units", "“%s”不是“%s”的乡镇、县区部门或企业", u.name, c.name);
		for (int j = 0; j < i && !bad; j++)
			if (ids[j] == u.id) {
				db_fail_code(db, DB_INVALID, "units", "“%s”重复列出", u.name);
				bad = 1;
			}
		if (!bad) {
			ids[i] = u.id;
			per_kind[k]++;
			replace[k] = true;
			buf_printf(&detail, "%s%s（%s）", i ? "、" : "", u.name, unit_kind_title(u.kind));
		}
		unit_clear(&u);
		if (bad)
			goto out;
	}
	for (int k = SAMPLE_TOWN; k <= SAMPLE_ENTERPRISE; k++) {
		const struct spot_size *z = &sizes[k];
		if (!replace[k])
			continue;
		if (!z->declared) {
			db_fail_code(db, DB_INVALID, "units", "本年度方案没有规定抽查%s",
				     sample_kind_title((enum sample_kind)k));
			goto out;
		}
		if (per_kind[k] < z->min || per_kind[k] > z->max) {
			struct buf w = {0};
			size_words(z, &w);
			db_fail_code(db, DB_INVALID, "units", "抽查%s的数量须是 %s 个（方案规定），这里列出了 %d 个",
				     sample_kind_title((enum sample_kind)k), buf_str(&w), per_kind[k]);
			buf_free(&w);
			goto out;
		}
	}
	rc = replace_samples(db, &c, "set", 0, false, buf_str(&detail), replace, ids, n);
	if (rc == 0 && report) {
		report->seed = 0;
		report->detail = buf_take(&detail);
	}
out:
	buf_free(&detail);
	unit_clear(&c);
	return rc;
}

int spot_list(struct db *db, const char *county, struct spot **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (county) {
		struct unit c;
		if (get_county(db, county, &c) != 0)
			return -1;
		unit_clear(&c);
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT c.name, u.name, u.kind FROM sample s"
				   " JOIN unit c ON c.id = s.county_id JOIN unit u ON u.id = s.unit_id"
				   " WHERE c.year_id = ?1 AND (?2 IS NULL OR c.name = ?2)"
				   " ORDER BY c.sort_order, CASE u.kind WHEN 'town' THEN 1"
				   " WHEN 'county-department' THEN 2 ELSE 3 END, u.sort_order");
	sqlite3_bind_int64(st, 1, db->year_id);
	db_bind_text(st, 2, county);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct spot *p = &(*out)[(*n)++];
		p->county = db_col_str(st, 0);
		p->unit = db_col_str(st, 1);
		p->kind = (enum unit_kind)unit_kind_parse(db_col_text(st, 2));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取抽查单位");
}

int spot_town_count(struct db *db, long long county_id)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM sample s JOIN unit t ON t.id = s.unit_id"
				   " WHERE s.county_id = ? AND t.kind = 'town'");
	sqlite3_bind_int64(st, 1, county_id);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}
