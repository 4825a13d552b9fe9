/* findings_import.c: the CSV import of findings, read row by row and
 * checked as single entries are (entry_sheet.c), with the cache of the
 * unit sheets it meets (spilled to storage when it grows). */
#include "findings_impl.h"
#include "../core/figures.h"
#include "../core/numtext.h"
#include "../core/rule.h"

#include <stdlib.h>
#include <string.h>

/* The units met in one import, by name: an open-addressing hash table
 * of at most UNIT_CACHE_MAX sheets. When it is full, what the file gave
 * for every held sheet goes to storage's spill table and the table starts
 * again, so memory stays flat however many units the file names; a unit
 * met again is reopened with what its earlier rows gave. */
#define UNIT_CACHE_MAX 512

struct unit_cache {
	char **names;
	struct entry_sheet *sheets;
	int n, cap;
	int *slots;               /* index + 1; 0 = empty */
	size_t nslots;
	bool spilled;             /* sheets have been spilled */
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

static void cache_clear(struct unit_cache *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->names[i]);
		entry_free(&c->sheets[i]);
	}
	c->n = 0;
	if (c->slots)
		memset(c->slots, 0, c->nslots * sizeof *c->slots);
}

static void cache_free(struct unit_cache *c)
{
	cache_clear(c);
	free(c->names);
	free(c->sheets);
	free(c->slots);
}

/* Moves what the file gave for every held sheet to the spill table and
 * empties the cache. */
static int cache_spill(struct svc *s, struct unit_cache *c)
{
	for (int i = 0; i < c->n; i++) {
		if (c->sheets[i].ok && finding_spill_put(s->db, &c->sheets[i].t, &c->sheets[i].st) != 0)
			return svc_fail_db(s);
		if (entry_settle(s, &c->sheets[i]) != 0)
			return -1;
	}
	cache_clear(c);
	c->spilled = true;
	return 0;
}

/* The entry under key in the cache, opened for unit name and period on
 * first sight; NULL if the spill table fails. */
static struct entry_sheet *cached_key(struct svc *s, struct unit_cache *c, const char *key,
				      const char *name, int period)
{
	if ((size_t)c->n * 2 >= c->nslots)
		cache_rehash(c);
	size_t h = name_hash(key) & (c->nslots - 1);
	for (; c->slots[h]; h = (h + 1) & (c->nslots - 1)) {
		int i = c->slots[h] - 1;
		if (strcmp(c->names[i], key) == 0)
			return &c->sheets[i];
	}
	if (c->n == UNIT_CACHE_MAX) {
		if (cache_spill(s, c) != 0)
			return NULL;
		for (h = name_hash(key) & (c->nslots - 1); c->slots[h]; h = (h + 1) & (c->nslots - 1))
			;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->names = xrealloc(c->names, (size_t)c->cap * sizeof *c->names);
		c->sheets = xrealloc(c->sheets, (size_t)c->cap * sizeof *c->sheets);
	}
	struct entry_sheet *e = &c->sheets[c->n];
	c->names[c->n] = xstrdup(key);
	entry_open(s, name, period, e);
	c->slots[h] = c->n + 1;
	c->n++;
	if (e->ok && c->spilled && finding_spill_get(s->db, &e->t, &e->st) != 0) {
		svc_fail_db(s);
		return NULL;
	}
	return e;
}

/* The value columns of a score CSV, one per input form. */
#define NVALUE_COLS 6

/* The entry sheet of a unit for a period (key: the name, and the period
 * after a tab if it is not -1: see entry_open), opened on first sight;
 * NULL if the spill table fails (the session's error says why). */
static struct entry_sheet *cached(struct svc *s, struct unit_cache *c, const char *name, int period)
{
	struct buf long_key = {0};
	const char *key = name;
	if (period >= 0) {
		buf_printf(&long_key, "%s\t%d", name, period);
		key = buf_str(&long_key);
	}
	struct entry_sheet *e = cached_key(s, c, key, name, period);
	buf_free(&long_key);
	return e;
}

/* The value of one row in its column's form; 0, or -1 with the problem. */
static int parse_value(int form_col, const char *v, struct finding *f, struct diag *d, int row, int col)
{
	static const enum input_form forms[NVALUE_COLS] = {INPUT_COUNT, INPUT_CONDITIONS,
		INPUT_DEDUCT, INPUT_SCORE, INPUT_NA, INPUT_FIGURES};
	static const char *const names[NVALUE_COLS] = {"次数", "情形", "扣分", "得分", "不适用", "数据"};
	static const char *const expect[NVALUE_COLS] = {"须是整数", "须是情形编号，如 1,3（没有所列情形写 0）",
		"须是分值，最多两位小数", "须是分值，最多两位小数", "不适用时填“是”，否则留空", FIGURES_SYNTAX};
	int ok;
	struct figures g;
	const char *why = NULL;
	f->form = forms[form_col];
	switch (f->form) {
	case INPUT_FIGURES:
		ok = figures_parse(v, &g, &why) == 0;
		f->figures = v;
		if (!ok) {
			diag_add_at(d, row, col, "数据“%s”格式不对：%s（%s）", v, why, FIGURES_SYNTAX);
			return -1;
		}
		break;
	case INPUT_COUNT: ok = numtext_count(v, &f->count) == 0; break;
	case INPUT_CONDITIONS: ok = conditions_parse(v, &f->conditions) == 0; break;
	case INPUT_DEDUCT:
	case INPUT_SCORE: ok = points_parse(v, &f->amount) == 0; break;
	default: ok = csv_yes_no(v) == 1 || strcmp(v, "na") == 0; break;
	}
	if (!ok)
		diag_add_at(d, row, col, "%s“%s”格式不对，%s", names[form_col], v, expect[form_col]);
	return ok ? 0 : -1;
}

/* An import in a closed year stores nothing; but as for a single entry
 * (entry_allowed before the transaction), a user who may not enter a row
 * is told that, not that the year is closed. -1 either way. */
static int closed_year_import(struct svc *s, const struct csv_source *src, const char *file, int cu, int ci)
{
	struct csv_reader r;
	struct diag d = {0};
	char digest[65];
	if (svc_open_csv(s, &r, src, file, digest, &d) != 0)
		return -1;
	int refused = 0;
	if (csv_next(&r, &d) == 1)     /* the header, read before */
		while (refused < MAX_PROBLEMS && csv_next(&r, &d) == 1)
			if (r.nf > cu && r.nf > ci && entry_allowed(s, r.fields[cu], r.fields[ci]) != 0) {
				diag_add_at(&d, r.row_line, 0, "%s", s->err.message);
				refused++;
			}
	csv_close(&r);
	if (refused) {
		svc_fail_problems(s, &d, "导入失败（%d 处问题），数据库未作任何改动", refused);
		s->err.code = SVC_FORBIDDEN;
		return -1;
	}
	diag_free(&d);
	/* the year's state is the answer */
	if (svc_begin(s) == 0)
		svc_end(s, svc_fail(s, SVC_CONFLICT, NULL, "本年度结果已审定，不能修改"));
	return -1;
}

int svc_score_import(struct svc *s, const struct csv_source *src, const char *file,
		     struct svc_import_report *out)
{
	static const char *const unit_col[] = {"单位", "unit", "名称", NULL};
	static const char *const item_col[] = {"编号", "item", "code", "考核项", NULL};
	static const char *const value_cols[NVALUE_COLS][3] = {{"次数", "count", NULL},
		{"情形", "conditions", NULL}, {"扣分", "deduct", NULL}, {"得分", "score", NULL},
		{"不适用", "na", NULL}, {"数据", "figures", NULL}};
	static const char *const note_col[] = {"备注", "note", NULL};
	/* the quarter or month of a periodic scheme (core/period.h) */
	static const char *const period_col[] = {"期间", "period", "季度", "月份", NULL};
	/* the last four: what a scoring workbook (kaohe template xlsx) shows
	 * beside the inputs, to read only; ignored here */
	static const char *const known[] = {"单位", "unit", "名称", "编号", "item", "code", "考核项",
		"次数", "count", "情形", "conditions", "扣分", "deduct", "得分", "score", "不适用", "na",
		"数据", "figures", "备注", "note", "考核项目", "考核内容及评分标准", "考核方式", "规则", "期间", "period",
		"季度", "月份", NULL};
	const char *const *groups[] = {unit_col, item_col, value_cols[0], value_cols[1], value_cols[2],
		value_cols[3], value_cols[4], value_cols[5], note_col, period_col, NULL};
	memset(out, 0, sizeof *out);
	if (svc_allow(s, OP_SCORE_WRITE, NULL) != 0)
		return -1;
	struct csv_reader r;
	struct diag d = {0};
	char digest[65];
	if (svc_open_csv(s, &r, src, file, digest, &d) != 0)
		return -1;
	out->encoding = r.encoding;
	int bad = 0, rc = csv_next(&r, &d);
	if (rc <= 0) {
		if (rc == 0)
			diag_add(&d, "%s：文件为空（需要表头行）", file);
		csv_close(&r);
		return svc_fail_problems(s, &d, "导入失败，数据库未作任何改动");
	}
	int ncols = r.nf, hline = r.row_line;
	int cu = csv_header_column(r.fields, ncols, unit_col);
	int ci = csv_header_column(r.fields, ncols, item_col);
	int cn = csv_header_column(r.fields, ncols, note_col);
	int cp = csv_header_column(r.fields, ncols, period_col);
	int cv[NVALUE_COLS];
	for (int k = 0; k < NVALUE_COLS; k++)
		cv[k] = csv_header_column(r.fields, ncols, value_cols[k]);
	bad = r.problems + csv_header_check(r.fields, ncols, hline, known, &d) +
	      csv_header_dups(r.fields, ncols, hline, groups, &d);
	if (!bad && (cu < 0 || ci < 0)) {
		diag_add_at(&d, hline, 0, "表头须有“单位”和“编号”列（以及 次数、情形、扣分、得分、不适用、数据 中的列）");
		bad++;
	}
	if (bad) {
		csv_close(&r);
		return svc_fail_problems(s, &d, "导入失败（%d 处问题），数据库未作任何改动", d.n);
	}
	if (svc_approved(s) && s->actor.role != ROLE_OFFICE) {
		csv_close(&r);
		return closed_year_import(s, src, file, cu, ci);
	}
	if (svc_begin(s) != 0 || (finding_spill_begin(s->db) != 0 && svc_end(s, svc_fail_db(s)) < 0)) {
		/* (svc_end of a failure rolls back and returns -1) */
		csv_close(&r);
		diag_free(&d);
		return -1;
	}
	/* One pass: each row is checked and, while the file has had no
	 * problem, stored at once; the transaction makes it all or nothing. */
	struct unit_cache cache = {0};
	long long counts[2] = {0, 0};     /* replaced, unchanged */
	char at[32];
	db_now(at);
	int problems = r.problems;
	long long n = 0;
	bool forbidden = false;
	while (bad < MAX_PROBLEMS && (rc = csv_next(&r, &d)) == 1) {
		char **row = r.fields;
		int line = r.row_line;
		if (r.problems > problems) {
			/* reported by the reader (column count, stray quote) */
			bad += r.problems - problems;
			problems = r.problems;
			continue;
		}
		struct entry_sheet *e = cached(s, &cache, row[cu], -1);
		if (!e) {
			diag_add_at(&d, line, 0, "%s", s->err.message);
			bad = MAX_PROBLEMS;
			break;
		}
		if (!e->ok) {
			diag_add_at(&d, line, cu + 1, "%s", e->refused);
			bad++;
			continue;
		}
		/* The row's period, read against the unit's scheme; a periodic
		 * scheme's rows go to the sheet of their period. */
		int period = 0;
		struct buf pwhy = {0};
		if (period_parse(&e->t.s->periods, e->t.s->year, cp >= 0 ? row[cp] : NULL, &period, &pwhy) != 0) {
			diag_add_at(&d, line, cp >= 0 ? cp + 1 : 0, "%s%s", buf_str(&pwhy),
				    cp >= 0 ? "" : "（文件须有“期间”列）");
			buf_free(&pwhy);
			bad++;
			continue;
		}
		buf_free(&pwhy);
		if (period > 0 && (e = cached(s, &cache, row[cu], period)) == NULL) {
			diag_add_at(&d, line, 0, "%s", s->err.message);
			bad = MAX_PROBLEMS;
			break;
		}
		if (!e->ok) {
			diag_add_at(&d, line, e->bad_period ? cp + 1 : cu + 1, "%s", e->refused);
			bad++;
			continue;
		}
		int given = 0, col = -1;
		for (int k = 0; k < NVALUE_COLS; k++)
			if (cv[k] >= 0 && row[cv[k]][0]) {
				given++;
				col = k;
			}
		if (given != 1) {
			/* 数据 is named where the file has that column */
			diag_add_at(&d, line, 0, "须在 次数、情形、扣分、得分、不适用%s 中恰好填写一项（填了 %d 项）",
				    cv[NVALUE_COLS - 1] >= 0 ? "、数据" : "", given);
			bad++;
			continue;
		}
		struct finding f = {.code = row[ci], .note = cn >= 0 ? row[cn] : NULL};
		struct buf why = {0};
		if (text_check(f.note, "备注", TEXT_NOTE_MAX, true, false, &why) != 0) {
			diag_add_at(&d, line, cn + 1, "%s", buf_str(&why));
			buf_free(&why);
			bad++;
			continue;
		}
		if (parse_value(col, row[cv[col]], &f, &d, line, cv[col] + 1) != 0 ||
		    entry_enter(s, e, &f, line, ci + 1, cv[col] + 1, at, false, counts, !bad, &d) != 0) {
			forbidden |= s->err.code == SVC_FORBIDDEN;
			bad++;
			continue;
		}
		n++;
	}
	if (rc < 0)
		bad++;
	if (!bad && n == 0) {
		diag_add(&d, "%s：只有表头，没有数据行", file);
		bad++;
	}
	if (bad >= MAX_PROBLEMS)
		diag_add(&d, "%s：问题过多，只列出前 %d 处", file, MAX_PROBLEMS);
	for (int i = 0; i < cache.n && !bad; i++)
		if (entry_settle(s, &cache.sheets[i]) != 0)
			bad = -1;
	cache_free(&cache);
	csv_close(&r);
	out->rows = n;
	out->replaced = counts[0];
	out->unchanged = counts[1];
	struct buf detail = {0};
	buf_printf(&detail, "导入 %lld 条评分记录，其中覆盖原有记录 %lld 条", n, out->replaced);
	int refused = bad > 0;
	int done = svc_import_end(s, bad, &d, "score.import", file, buf_str(&detail), digest);
	buf_free(&detail);
	/* a row the user may not enter makes the whole file one they may not */
	if (done != 0 && refused && forbidden)
		s->err.code = SVC_FORBIDDEN;
	return done;
}
