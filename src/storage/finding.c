/* finding.c: storing findings, one at a time or from a CSV. */
#include "finding.h"
#include "audit.h"
#include "unit.h"
#include "year.h"
#include "../core/csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const form_names[] = {"", "count", "conditions", "deduct", "score", "na"};

enum input_form finding_form_parse(const char *s)
{
	for (int i = 1; i < 6; i++)
		if (strcmp(s, form_names[i]) == 0)
			return (enum input_form)i;
	return INPUT_NONE;
}

const char *finding_form_name(enum input_form f)
{
	return form_names[f];
}

int conditions_parse(const char *s, uint64_t *bits)
{
	*bits = 0;
	/* "0" or "无": none of the conditions was found */
	if (strcmp(s, "0") == 0 || strcmp(s, "无") == 0)
		return 0;
	const char *p = s;
	while (*p) {
		char *end;
		if (*p < '0' || *p > '9')
			return -1;
		long v = strtol(p, &end, 10);
		if (v < 1 || v > 64)
			return -1;
		*bits |= (uint64_t)1 << (v - 1);
		p = end;
		if (*p == ',' || *p == ' ')
			p++;
		else if (strncmp(p, "、", 3) == 0 || strncmp(p, "，", 3) == 0)
			p += 3;
		else if (*p)
			return -1;
	}
	return 0;
}

char *finding_describe(const struct node *n, const struct finding *f)
{
	struct buf b = {0};
	char p[POINTS_BUFSZ];
	switch (f->form) {
	case INPUT_COUNT:
		buf_printf(&b, "%lld %s", f->count, n && n->rule.unit ? n->rule.unit : "次");
		break;
	case INPUT_CONDITIONS:
		if (!f->conditions)
			buf_puts(&b, "无所列情形");
		for (int i = 0, k = 0; i < 64; i++)
			if (f->conditions & ((uint64_t)1 << i))
				buf_printf(&b, "%s%d", k++ ? "、" : "情形 ", i + 1);
		break;
	case INPUT_DEDUCT:
		buf_printf(&b, "扣 %s 分", points_fmt(f->amount, p));
		break;
	case INPUT_SCORE:
		buf_printf(&b, "%s 分", points_fmt(f->amount, p));
		break;
	case INPUT_NA:
		buf_puts(&b, "不适用");
		break;
	default:
		break;
	}
	if (f->note && *f->note)
		buf_printf(&b, "（%s）", f->note);
	return buf_take(&b);
}

static long long finding_value(const struct finding *f)
{
	switch (f->form) {
	case INPUT_COUNT: return f->count;
	case INPUT_CONDITIONS: return (long long)f->conditions;
	case INPUT_DEDUCT:
	case INPUT_SCORE: return f->amount;
	default: return 0;
	}
}

/* Reads back a stored finding (strings copied into keep). */
static void finding_from_row(enum input_form form, long long value, struct finding *f)
{
	f->form = form;
	switch (form) {
	case INPUT_COUNT: f->count = value; break;
	case INPUT_CONDITIONS: f->conditions = (uint64_t)value; break;
	case INPUT_DEDUCT:
	case INPUT_SCORE: f->amount = value; break;
	default: break;
	}
}

/* Where a unit's finding goes: the assessed unit, its sheet (0 or the
 * sampled unit's id), the scheme and the sheets node. */
struct target {
	struct unit owner;        /* the county or department scored */
	long long sheet_id;
	const char *sheet_label;
	const struct scheme *s;
	const struct node *sheet_root;
	char unit_name[256];
	bool had_findings;        /* the sheet had findings before (imports) */
};

static int resolve_target(struct db *db, const struct unit *u, struct target *t)
{
	memset(t, 0, sizeof *t);
	snprintf(t->unit_name, sizeof t->unit_name, "%s", u->name);
	if (strcmp(u->kind, "county") == 0 || strcmp(u->kind, "department") == 0) {
		t->owner = *u;
	} else if (strcmp(u->kind, "county-department") == 0 || strcmp(u->kind, "enterprise") == 0) {
		if (unit_get_id(db, u->parent_id, &t->owner) != 0)
			return -1;
		sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM sample WHERE county_id = ? AND unit_id = ?");
		sqlite3_bind_int64(st, 1, u->parent_id);
		sqlite3_bind_int64(st, 2, u->id);
		int sampled = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (!sampled || strcmp(t->owner.kind, "county") != 0) {
			db_fail(db, "“%s”不是%s的抽查单位，不能评分（先用 kaohe sample draw 或 sample set 确定抽查对象）",
				u->name, t->owner.name);
			return -1;
		}
		t->sheet_id = u->id;
	} else {
		db_fail(db, "“%s”是%s，不单独评分（乡镇的问题计入所在县区，如“每发现一地”）", u->name,
			unit_kind_title(u->kind));
		return -1;
	}
	if (strcmp(t->owner.status, "assessed") != 0) {
		db_fail(db, "“%s”%s，不按细则逐项评分%s", t->owner.name,
			strcmp(t->owner.status, "provincial") == 0 ? "由省考核组考核" : "本年度不参加考核",
			strcmp(t->owner.status, "provincial") == 0
			? "（用 kaohe unit edit --provincial-total 录入省考核结果）" : "");
		return -1;
	}
	t->s = year_scheme(db, t->owner.kind);
	if (!t->s)
		return -1;
	if (t->sheet_id) {
		t->sheet_root = scheme_sheets_node(t->s, sample_kind_parse(u->kind));
		if (!t->sheet_root) {
			db_fail(db, "方案 %s 没有按%s评分的部分", t->s->name, unit_kind_title(u->kind));
			return -1;
		}
		t->sheet_label = u->name;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM finding WHERE unit_id = ? AND sheet_id = ? LIMIT 1");
	sqlite3_bind_int64(st, 1, t->owner.id);
	sqlite3_bind_int64(st, 2, t->sheet_id);
	t->had_findings = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return 0;
}

/* The items computed from the daily records (daily_item), by node index
 * of each scheme of the year: read once per command. */
struct daily_codes {
	const struct scheme *s[2];
	bool *computed[2];
};

static void daily_codes_free(struct daily_codes *dc)
{
	free(dc->computed[0]);
	free(dc->computed[1]);
	memset(dc, 0, sizeof *dc);
}

static const bool *computed_items(struct db *db, struct daily_codes *dc, const struct target *t)
{
	int k = strcmp(t->owner.kind, "county") == 0 ? 0 : 1;
	if (dc->s[k] == t->s)
		return dc->computed[k];
	free(dc->computed[k]);
	dc->s[k] = t->s;
	dc->computed[k] = xcalloc((size_t)t->s->nnodes, sizeof *dc->computed[k]);
	sqlite3_stmt *st = db_stmt(db, "SELECT target, code FROM daily_item WHERE year_id = ?");
	sqlite3_bind_int64(st, 1, db->year_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		bool county_target = strcmp(db_col_text(st, 0), "county") == 0;
		const struct node *n = scheme_find(t->s, db_col_text(st, 1));
		if (n && county_target == (k == 0))
			dc->computed[k][n->index] = true;
	}
	sqlite3_reset(st);
	return dc->computed[k];
}

/* Upserts one checked finding; logs the change. at is the time of the
 * change (one per command). */
static int store(struct db *db, const struct target *t, const struct finding *f, bool audit,
		 const char *at, long long *replaced)
{
	const struct node *n = scheme_find(t->s, f->code);
	sqlite3_stmt *st = NULL;
	char *old = NULL;
	/* The old value, for the record; a sheet that had no findings has none
	 * (duplicate rows within one import are refused before this). */
	if (t->had_findings) {
		st = db_stmt(db, "SELECT form, value, note FROM finding WHERE unit_id = ?"
			     " AND sheet_id = ? AND code = ?");
		sqlite3_bind_int64(st, 1, t->owner.id);
		sqlite3_bind_int64(st, 2, t->sheet_id);
		db_bind_text(st, 3, f->code);
	}
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		struct finding o = {.code = f->code};
		finding_from_row(finding_form_parse(db_col_text(st, 0)), sqlite3_column_int64(st, 1), &o);
		char *note = xstrdup(db_col_text(st, 2));
		o.note = note;
		old = finding_describe(n, &o);
		free(note);
	}
	if (st)
		sqlite3_reset(st);
	/* A sheet that had no findings takes a plain insert (imports). */
	if (t->had_findings)
		st = db_stmt(db, "INSERT INTO finding (unit_id, sheet_id, code, form, value, note, actor, at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, sheet_id, code) DO UPDATE SET"
			     " form = excluded.form, value = excluded.value, note = excluded.note,"
			     " actor = excluded.actor, at = excluded.at");
	else
		st = db_stmt(db, "INSERT INTO finding (unit_id, sheet_id, code, form, value, note, actor, at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	/* The strings outlive the step: bind them without copies. */
	sqlite3_bind_int64(st, 1, t->owner.id);
	sqlite3_bind_int64(st, 2, t->sheet_id);
	sqlite3_bind_text(st, 3, f->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, form_names[f->form], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, finding_value(f));
	if (f->note && *f->note)
		sqlite3_bind_text(st, 6, f->note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, db->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, at, -1, SQLITE_STATIC);
	int rc = db_exec_stmt(db, st);
	if (rc == 0 && old && replaced)
		(*replaced)++;
	if (rc == 0 && (audit || old)) {
		char *new_value = finding_describe(n, f);
		if (!old || strcmp(old, new_value) != 0)
			rc = audit_add(db, "score.set", t->unit_name, f->code, old, new_value, NULL);
		free(new_value);
	}
	free(old);
	return rc;
}

static bool is_ancestor(const struct node *a, const struct node *n)
{
	for (n = n->parent; n; n = n->parent)
		if (n == a)
			return true;
	return false;
}

/* The not-applicable rule against what is stored already: no finding
 * below a node marked not applicable, and no node marked not applicable
 * with findings below it (the engine would ignore them). Returns -1 with
 * the message in d on a conflict. */
static int na_conflict(struct db *db, const struct target *t, const struct finding *f,
		       struct diag *d, const char *where)
{
	const struct node *fn = scheme_find(t->s, f->code);
	sqlite3_stmt *st = db_stmt(db, "SELECT code, form FROM finding WHERE unit_id = ? AND sheet_id = ?"
				   " AND code <> ?");
	sqlite3_bind_int64(st, 1, t->owner.id);
	sqlite3_bind_int64(st, 2, t->sheet_id);
	db_bind_text(st, 3, f->code);
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const struct node *m = scheme_find(t->s, db_col_text(st, 0));
		if (!m || !fn)
			continue;
		const char *w = where ? where : "", *sep = where && *where ? "：" : "";
		if (f->form == INPUT_NA && is_ancestor(fn, m)) {
			diag_add(d, "%s%s%s 下已有 %s 的评分，不能标为不适用（先用 kaohe score clear 删除）",
				 w, sep, fn->code, m->code);
			rc = -1;
		} else if (strcmp(db_col_text(st, 1), "na") == 0 && is_ancestor(m, fn)) {
			diag_add(d, "%s%s%s 已标为不适用，其下的 %s 不能再录入", w, sep, m->code, fn->code);
			rc = -1;
		}
	}
	sqlite3_reset(st);
	return rc;
}

static int check(struct db *db, struct daily_codes *dc, const struct target *t,
		 const struct finding *f, struct diag *d, const char *where)
{
	struct finding_where at = {t->sheet_root, t->sheet_id ? NULL : t->owner.name,
		computed_items(db, dc, t)};
	return finding_check(t->s, f, &at, where, d);
}

int finding_set(struct db *db, const char *unit, const struct finding *f)
{
	struct unit u;
	struct target t;
	if (unit_get(db, unit, &u) != 0 || resolve_target(db, &u, &t) != 0)
		return -1;
	struct diag d = {0};
	struct daily_codes dc = {0};
	int rc = check(db, &dc, &t, f, &d, NULL);
	if (rc == 0)
		rc = na_conflict(db, &t, f, &d, NULL);
	daily_codes_free(&dc);
	if (rc != 0) {
		db_fail(db, "%s", d.msgs[0]);
		diag_free(&d);
		return -1;
	}
	t.had_findings = true;   /* one row: always look for the old value */
	char at[32];
	db_now(at);
	return store(db, &t, f, true, at, NULL);
}

int finding_clear(struct db *db, const char *unit, const char *code)
{
	struct unit u;
	struct target t;
	if (unit_get(db, unit, &u) != 0 || resolve_target(db, &u, &t) != 0)
		return -1;
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM finding WHERE unit_id = ?1 AND sheet_id = ?2"
				   " AND (?3 IS NULL OR code = ?3)");
	sqlite3_bind_int64(st, 1, t.owner.id);
	sqlite3_bind_int64(st, 2, t.sheet_id);
	db_bind_text(st, 3, code);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	int n = sqlite3_changes(db->h);
	if (n == 0) {
		db_fail(db, "“%s”%s%s没有评分记录", unit, code ? " 的 " : "", code ? code : "");
		return -1;
	}
	char what[64];
	snprintf(what, sizeof what, "删除 %d 条评分记录", n);
	return audit_add(db, "score.clear", unit, code, what, NULL, NULL);
}

/* A cache of units met during an import, by name: an open-addressing hash
 * table of indices into the arrays (imports name tens of thousands of
 * units). */
struct unit_cache {
	char **names;             /* name, NUL, reason it was refused ("" if not) */
	struct target *targets;
	int *ok;
	int n, cap;
	int *slots;               /* index + 1; 0 = empty */
	size_t nslots;
};

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void cache_rehash(struct unit_cache *c)
{
	size_t n = c->nslots ? c->nslots * 2 : 256;
	int *slots = xcalloc(n, sizeof *slots);
	for (int i = 0; i < c->n; i++) {
		size_t h = name_hash(c->names[i]) & (n - 1);
		while (slots[h])
			h = (h + 1) & (n - 1);
		slots[h] = i + 1;
	}
	free(c->slots);
	c->slots = slots;
	c->nslots = n;
}

static void cache_free(struct unit_cache *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	free(c->targets);
	free(c->ok);
	free(c->slots);
}

/* The cached target of a unit, by index (-1 if the unit was refused, with
 * the reason in *why). Indices stay valid as the cache grows. */
static int cached_target(struct db *db, struct unit_cache *c, const char *name, const char **why)
{
	if ((size_t)c->n * 2 >= c->nslots)
		cache_rehash(c);
	size_t h = name_hash(name) & (c->nslots - 1);
	for (; c->slots[h]; h = (h + 1) & (c->nslots - 1)) {
		int i = c->slots[h] - 1;
		if (strcmp(c->names[i], name) == 0) {
			*why = c->names[i] + strlen(c->names[i]) + 1;
			return c->ok[i] ? i : -1;
		}
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->names = xrealloc(c->names, (size_t)c->cap * sizeof *c->names);
		c->targets = xrealloc(c->targets, (size_t)c->cap * sizeof *c->targets);
		c->ok = xrealloc(c->ok, (size_t)c->cap * sizeof *c->ok);
	}
	struct unit u;
	int ok = unit_get(db, name, &u) == 0 && resolve_target(db, &u, &c->targets[c->n]) == 0;
	/* Keep the reason after the name, for every later row of this unit. */
	const char *reason = ok ? "" : db_error(db);
	size_t ln = strlen(name), lr = strlen(reason);
	char *str = xmalloc(ln + lr + 2);
	memcpy(str, name, ln + 1);
	memcpy(str + ln + 1, reason, lr + 1);
	c->names[c->n] = str;
	c->ok[c->n] = ok;
	c->slots[h] = c->n + 1;
	*why = str + ln + 1;
	c->n++;
	return ok ? c->n - 1 : -1;
}

/* An import lists at most this many problems: enough to fix a file, not
 * a flood from a file in the wrong format. */
#define MAX_PROBLEMS 100

long long finding_import(struct db *db, struct csv_reader *r, const char *digest, struct diag *d,
			 long long *replaced)
{
	*replaced = 0;
	static const char *const unit_col[] = {"单位", "unit", "名称", NULL};
	static const char *const item_col[] = {"编号", "item", "code", "考核项", NULL};
	static const char *const value_cols[5][3] = {{"次数", "count", NULL}, {"情形", "conditions", NULL},
		{"扣分", "deduct", NULL}, {"得分", "score", NULL}, {"不适用", "na", NULL}};
	static const char *const note_col[] = {"备注", "note", NULL};
	static const char *const known[] = {"单位", "unit", "名称", "编号", "item", "code", "考核项",
		"次数", "count", "情形", "conditions", "扣分", "deduct", "得分", "score", "不适用", "na",
		"备注", "note", NULL};
	static const enum input_form forms[5] = {INPUT_COUNT, INPUT_CONDITIONS, INPUT_DEDUCT,
						 INPUT_SCORE, INPUT_NA};
	static const char *const vnames[5] = {"次数", "情形", "扣分", "得分", "不适用"};
	const char *file = r->file;

	int rc = csv_next(r, d);
	if (rc <= 0) {
		if (rc == 0)
			diag_add(d, "%s：文件为空（需要表头行）", file);
		return -1;
	}
	int ncols = r->nf;
	char **header = xmalloc((size_t)ncols * sizeof *header);
	memcpy(header, r->fields, (size_t)ncols * sizeof *header);
	int header_line = r->row_line;
	int cu = csv_header_column(header, ncols, unit_col);
	int ci = csv_header_column(header, ncols, item_col);
	int cn = csv_header_column(header, ncols, note_col);
	int cv[5];
	for (int k = 0; k < 5; k++)
		cv[k] = csv_header_column(header, ncols, value_cols[k]);
	const char *const *groups[] = {unit_col, item_col, value_cols[0], value_cols[1], value_cols[2],
		value_cols[3], value_cols[4], note_col, NULL};
	if (r->problems || csv_header_check(header, ncols, header_line, file, known, d) ||
	    csv_header_dups(header, ncols, header_line, file, groups, d)) {
		free(header);
		return -1;
	}
	if (cu < 0 || ci < 0) {
		diag_add(d, "%s:第%d行：表头须有“单位”和“编号”列（以及 次数、情形、扣分、得分、不适用 中的列）",
			 file, header_line);
		free(header);
		return -1;
	}

	/* One pass: each row is checked and, while the file has had no
	 * problem, stored at once; the caller's transaction makes it all or
	 * nothing. Every target remembers, per node, the line and form of the
	 * row that gave it (duplicates, the not-applicable rule). */
	struct unit_cache cache = {0};
	struct daily_codes dc = {0};
	struct seen { int *line; char *na; } *seen = NULL;
	int nseen = 0;
	int bad = 0;
	long long n = 0;
	char at[32];
	db_now(at);
	int problems = r->problems;
	while (bad < MAX_PROBLEMS && (rc = csv_next(r, d)) == 1) {
		char **row = r->fields;
		int line = r->row_line;
		/* where, for messages: formatted only when a row is refused */
		char where_buf[4352];
#define where (snprintf(where_buf, sizeof where_buf, "%s:第%d行", file, line), where_buf)
		if (r->problems > problems) {
			/* reported by the reader (column count, stray quote) */
			bad += r->problems - problems;
			problems = r->problems;
			continue;
		}
		const char *why;
		int ti = cached_target(db, &cache, row[cu], &why);
		if (ti < 0) {
			diag_add(d, "%s第%d列：%s", where, cu + 1, why);
			bad++;
			continue;
		}
		const struct target *t = &cache.targets[ti];
		struct finding f = {.code = row[ci], .note = cn >= 0 ? row[cn] : NULL};
		int given = 0, col = -1;
		for (int k = 0; k < 5; k++)
			if (cv[k] >= 0 && row[cv[k]][0]) {
				given++;
				col = k;
			}
		if (given != 1) {
			diag_add(d, "%s：须在 次数、情形、扣分、得分、不适用 中恰好填写一项（填了 %d 项）",
				 where, given);
			bad++;
			continue;
		}
		const char *v = row[cv[col]];
		f.form = forms[col];
		int ok = 1;
		if (f.form == INPUT_COUNT) {
			char *end;
			errno = 0;
			f.count = strtoll(v, &end, 10);
			ok = *end == '\0' && errno == 0 && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9'));
		} else if (f.form == INPUT_CONDITIONS) {
			ok = conditions_parse(v, &f.conditions) == 0;
		} else if (f.form == INPUT_DEDUCT || f.form == INPUT_SCORE) {
			ok = points_parse(v, &f.amount) == 0;
		} else {
			ok = csv_yes_no(v) == 1 || strcmp(v, "na") == 0;
		}
		if (!ok) {
			static const char *const expect[5] = {"须是整数", "须是情形编号，如 1,3（没有所列情形写 0）",
				"须是分值，最多两位小数", "须是分值，最多两位小数", "不适用时填“是”，否则留空"};
			diag_add(d, "%s第%d列：%s“%s”格式不对，%s", where, cv[col] + 1, vnames[col], v,
				 expect[col]);
			bad++;
			continue;
		}
		struct diag quiet = {0};
		if (check(db, &dc, t, &f, &quiet, "") != 0) {
			/* an unknown code is the item column's fault, a bad value the
			 * value column's */
			char w2[4400];
			snprintf(w2, sizeof w2, "%s第%d列", where,
				 (scheme_find(t->s, f.code) ? cv[col] : ci) + 1);
			check(db, &dc, t, &f, d, w2);
			diag_free(&quiet);
			bad++;
			continue;
		}
		const struct node *node = scheme_find(t->s, f.code);
		if (ti >= nseen) {
			seen = xrealloc(seen, (size_t)(ti + 1) * sizeof *seen);
			memset(seen + nseen, 0, (size_t)(ti + 1 - nseen) * sizeof *seen);
			nseen = ti + 1;
		}
		if (!seen[ti].line) {
			seen[ti].line = xcalloc((size_t)t->s->nnodes, sizeof *seen[ti].line);
			seen[ti].na = xcalloc((size_t)t->s->nnodes, 1);
		}
		if (seen[ti].line[node->index]) {
			diag_add(d, "%s：与第%d行重复（%s 的 %s）", where, seen[ti].line[node->index], row[cu],
				 f.code);
			bad++;
			continue;
		}
		/* the not-applicable rule within the file (both orders) */
		int conflict = 0;
		for (const struct node *a = node->parent; a && !conflict; a = a->parent)
			if (seen[ti].na[a->index]) {
				diag_add(d, "%s：%s 已在第%d行标为不适用，其下的 %s 不能再录入", where, a->code,
					 seen[ti].line[a->index], node->code);
				conflict = 1;
			}
		if (!conflict && f.form == INPUT_NA)
			for (int k = node->index + 1; k < t->s->nnodes && !conflict; k++) {
				const struct node *m = t->s->nodes[k];
				if (m->depth <= node->depth)
					break;
				if (seen[ti].line[k]) {
					diag_add(d, "%s：%s 下已在第%d行录入 %s，不能标为不适用", where, node->code,
						 seen[ti].line[k], m->code);
					conflict = 1;
				}
			}
		/* and against what is stored */
		if (!conflict && t->had_findings && na_conflict(db, t, &f, d, where) != 0)
			conflict = 1;
		if (conflict) {
			bad++;
			continue;
		}
		/* only rows that passed every check count for later rows */
		seen[ti].line[node->index] = line;
		seen[ti].na[node->index] = f.form == INPUT_NA;
		if (!bad && store(db, t, &f, false, at, replaced) != 0) {
			diag_add(d, "%s：%s", where, db_error(db));
			bad++;
		}
#undef where
		n++;
	}
	if (rc < 0)
		bad++;
	if (!bad && n == 0) {
		diag_add(d, "%s：只有表头，没有数据行", file);
		bad++;
	}
	if (bad >= MAX_PROBLEMS)
		diag_add(d, "%s：问题过多，只列出前 %d 处", file, MAX_PROBLEMS);
	if (!bad) {
		char detail[256];
		snprintf(detail, sizeof detail, "导入 %lld 条评分记录，其中覆盖原有记录 %lld 条（SHA-256 %s）",
			 n, *replaced, digest ? digest : "");
		if (audit_add(db, "score.import", NULL, file, NULL, detail, NULL) != 0) {
			diag_add(d, "%s", db_error(db));
			bad++;
		}
	}
	for (int i = 0; i < nseen; i++) {
		free(seen[i].line);
		free(seen[i].na);
	}
	free(seen);
	daily_codes_free(&dc);
	cache_free(&cache);
	free(header);
	return bad ? -1 : n;
}
