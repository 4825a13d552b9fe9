/* findings.c: what the teams and scorers found: one entry, a clearing,
 * and a CSV import read row by row. Every finding goes through the same
 * checks (core/sheet.h) and the same permission (auth.c). */
#include "service_impl.h"
#include "../core/figures.h"
#include "../core/numtext.h"
#include "../core/rule.h"
#include "../storage/finding.h"
#include "../storage/review.h"
#include "../storage/unit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Everything a finding for one unit needs: its sheet, what is on it
 * already, the items computed from records. */
struct entry_sheet {
	struct sheet_target t;
	struct sheet_state st;
	bool *computed;
	bool ok;
	char *refused;            /* why the unit takes no findings */
	bool verified;            /* the owner's sheet is verified (统计核实) */
	bool locked;              /* submitted or verified: closed to the team */
	bool changed;             /* a finding was stored or cleared */
	bool bad_period;          /* refused for the period asked */
};

/* Whether period (a number, core/period.h) is one scheme sc assesses:
 * 0 for a year-only scheme. 0, or -1 with the session's error. */
static int period_valid(struct svc *s, const char *unit, const struct scheme *sc, int period)
{
	char text[16];
	int p;
	struct buf why = {0};
	snprintf(text, sizeof text, "%d", period);
	int rc = period_parse(&sc->periods, sc->year, period ? text : NULL, &p, &why);
	if (rc != 0)
		svc_fail(s, SVC_INVALID, "period", "%s：%s", unit, buf_str(&why));
	buf_free(&why);
	return rc;
}


static void entry_free(struct entry_sheet *e)
{
	finding_target_free(&e->t);
	sheet_state_free(&e->st);
	free(e->computed);
	free(e->refused);
	memset(e, 0, sizeof *e);
}

/* Resolves a unit's sheet for findings of a period (core/period.h: 0
 * the year; -1 the year's sheet without checking the scheme's periods,
 * to read its scheme); e->ok false with the reason in e->refused (and
 * the session's error) if it takes none. */
static void entry_open(struct svc *s, const char *name, int period, struct entry_sheet *e)
{
	memset(e, 0, sizeof *e);
	struct unit u;
	if (unit_get(s->db, name, &u) != 0 || finding_target(s->db, &u, &e->t) != 0) {
		if (u.name)
			unit_clear(&u);
		svc_fail_db(s);
		e->refused = xstrdup(s->err.message);
		return;
	}
	unit_clear(&u);
	if (period >= 0 && period_valid(s, name, e->t.s, period) != 0) {
		e->refused = xstrdup(s->err.message);
		e->bad_period = true;
		return;
	}
	e->t.period = period > 0 ? period : 0;
	if (finding_sheet_state(s->db, &e->t, &e->st) != 0) {
		svc_fail_db(s);
		e->refused = xstrdup(s->err.message);
		return;
	}
	struct sheet_review r;
	if (review_get(s->db, e->t.owner.id, &r) != 0) {
		svc_fail_db(s);
		e->refused = xstrdup(s->err.message);
		return;
	}
	e->verified = r.state == REVIEW_VERIFIED;
	e->locked = r.state == REVIEW_VERIFIED || r.state == REVIEW_SUBMITTED;
	free(r.remark);
	free(r.actor);
	free(r.at);
	e->computed = finding_computed_items(s->db, e->t.s, e->t.owner.kind);
	e->ok = true;
}

int svc_period(struct svc *s, const char *unit, const char *text, int *period)
{
	*period = 0;
	struct entry_sheet e;
	entry_open(s, unit, -1, &e);
	int rc = -1;
	/* who may not see the unit's sheet is told that, not how its
	   periods are written */
	if (e.ok && (svc_allow(s, OP_SCORE_WRITE, NULL) == 0 || svc_allow(s, OP_EXPLAIN, &e.t.owner) == 0)) {
		struct buf why = {0};
		svc_error_clear(&s->err);
		rc = period_parse(&e.t.s->periods, e.t.s->year, text, period, &why);
		if (rc != 0)
			svc_fail(s, SVC_INVALID, "period", "%s：%s", unit, buf_str(&why));
		buf_free(&why);
	}
	entry_free(&e);
	return rc;
}

/* After a change to a verified sheet, it is to be verified again. */
static int entry_settle(struct svc *s, struct entry_sheet *e)
{
	if (!e->ok || !e->changed || !e->verified)
		return 0;
	e->verified = false;
	return review_void(s->db, &e->t.owner) < 0 ? svc_fail_db(s) : 0;
}

/* Checks one finding for the entry's sheet (permission included) and
 * stores it. row 0: a single entry. Problems go to d (at row). counts
 * (if not NULL): [0] values replaced, [1] values that were the same. */
static int enter(struct svc *s, struct entry_sheet *e, struct finding *f, int row, int item_col,
		 int value_col, const char *at, bool audit_new, long long *replaced, bool store,
		 struct diag *d)
{
	f->node = f->code ? scheme_find(e->t.s, f->code) : NULL;
	f->period = e->t.period;
	/* a fresh error: what is left in it is this finding's */
	s->err.code = SVC_OK;
	if (f->node && svc_allow_item(s, &e->t.owner, f->node, e->locked) != 0) {
		diag_add_at(d, row, 0, "%s", s->err.message);
		return -1;
	}
	struct finding_where where = {e->t.sheet_root, e->t.sheet_id ? NULL : e->t.owner.name, e->computed,
		true, e->t.industry};
	if (!sheet_accept(&e->st, f, &where, row, item_col, value_col, "", d))
		return -1;
	bool changed = false;
	if (store && finding_store(s->db, &e->t, f, at, audit_new, replaced, &changed) != 0) {
		svc_fail_db(s);
		diag_add_at(d, row, 0, "%s", s->err.message);
		return -1;
	}
	e->changed |= changed;
	if (store && !changed && replaced)
		replaced[1]++;     /* the same value again: counted as unchanged */
	return 0;
}

/* Whether the acting user may clear every finding of the entry's sheet:
 * see the sheet, and enter each item stored on it (a team clears what it
 * found, never a score another body entered). */
static int clear_all_allowed(struct svc *s, const struct entry_sheet *e)
{
	if (svc_allow(s, OP_EXPLAIN, &e->t.owner) != 0)
		return -1;
	for (int i = 0; i < e->st.n; i++)
		if (e->st.line[i] == -1 &&
		    svc_allow_item(s, &e->t.owner, e->t.s->nodes[e->st.base + i], false) != 0)
			return -1;
	return 0;
}

/* Whether the acting user may enter item `code` of unit at all (code
 * NULL: clear every item), asked before the transaction so that a user
 * who may not is told so, not that the year is approved; whatever else is
 * wrong with the unit or the item is left to the entry itself, which asks
 * again. The office may enter anything: nothing to read. */
static int entry_allowed(struct svc *s, const char *unit, const char *code)
{
	if (s->acting && s->actor.role == ROLE_OFFICE)
		return 0;
	struct entry_sheet e;
	entry_open(s, unit, -1, &e);
	int rc = 0;
	if (e.ok) {
		const struct node *n = code ? scheme_find(e.t.s, code) : NULL;
		if (n)
			rc = svc_allow_item(s, &e.t.owner, n, false);
		else if (!code)
			rc = clear_all_allowed(s, &e);
	}
	entry_free(&e);
	if (rc == 0)
		svc_error_clear(&s->err);
	return rc;
}

/* One finding for one unit, inside the caller's transaction. */
static int set_one(struct svc *s, const char *unit, const struct finding *given, const char *at)
{
	struct entry_sheet e;
	entry_open(s, unit, given->period, &e);
	int rc = -1;
	if (e.ok) {
		struct finding f = *given;
		struct diag d = {0};
		/* columns 1 and 2 stand for the item and the value */
		rc = enter(s, &e, &f, 0, 1, 2, at, true, NULL, true, &d);
		if (rc != 0 && s->err.code != SVC_FORBIDDEN && s->err.code != SVC_FAILED)
			svc_fail(s, SVC_INVALID, d.col[0] == 2 ? "value" : d.col[0] == 1 ? "item" : NULL,
				 "%s", d.msgs[0]);
		diag_free(&d);
		if (rc == 0)
			rc = entry_settle(s, &e);
	}
	entry_free(&e);
	return rc;
}

int svc_score_set(struct svc *s, const char *unit, const struct finding *given)
{
	if (svc_allow(s, OP_SCORE_WRITE, NULL) != 0 || entry_allowed(s, unit, given->code) != 0 ||
	    svc_text(s, "note", "备注", given->note, NOTE_MAX, true, false) != 0 || svc_begin(s) != 0)
		return -1;
	char at[32];
	db_now(at);
	return svc_end(s, set_one(s, unit, given, at));
}

static int set_batch(struct svc *s, struct svc_batch_item *items, int n)
{
	/* Each part as its own account, through every check of a single
	 * entry, undone alone if refused; the whole committed once. */
	for (int i = 0; i < n; i++) {
		svc_error_clear(&items[i].err);
		items[i].rc = -1;
	}
	if (db_begin(s->db) != 0) {
		for (int i = 0; i < n; i++) {
			svc_fail_db(s);
			svc_error_copy(&items[i].err, &s->err);
		}
		return -1;
	}
	char at[32];
	db_now(at);
	/* the year's state holds for the whole transaction */
	bool open = db_write_check(s->db) == 0;
	struct svc_error closed = {0};
	if (!open) {
		svc_fail_db(s);
		s->err.next = SVC_NEXT_REOPEN;
		svc_error_copy(&closed, &s->err);
	}
	for (int i = 0; i < n; i++) {
		struct svc_batch_item *it = &items[i];
		/* the same account as the part before keeps acting */
		int rc = s->acting && !s->local && strcmp(s->actor.name, it->account) == 0 ? 0
			: svc_act_as(s, it->account);
		if (rc == 0 && (svc_allow(s, OP_SCORE_WRITE, NULL) != 0 ||
				svc_text(s, "note", "备注", it->finding.note, NOTE_MAX, true, false) != 0))
			rc = -1;
		/* a role that may never enter it is told so, not that the
		 * year is approved */
		if (rc == 0 && !open) {
			if (entry_allowed(s, it->unit, it->finding.code) == 0) {
				svc_error_clear(&s->err);
				svc_error_copy(&s->err, &closed);
			}
			rc = -1;
		}
		if (rc == 0 && db_savepoint(s->db) != 0)
			rc = svc_fail_db(s);
		else if (rc == 0) {
			rc = set_one(s, it->unit, &it->finding, at);
			db_savepoint_end(s->db, rc == 0);
		}
		if (rc != 0)
			svc_error_copy(&it->err, &s->err);
		svc_error_clear(&s->err);
		it->rc = rc;
	}
	svc_error_clear(&closed);
	if (db_commit(s->db) != 0) {
		svc_fail_db(s);
		for (int i = 0; i < n; i++)
			if (items[i].rc == 0) {
				items[i].rc = -1;
				svc_error_copy(&items[i].err, &s->err);
			}
		return -1;
	}
	return 0;
}

int svc_score_set_batch(struct svc *s, struct svc_batch_item *items, int n)
{
	/* The caller's own actor is set aside and comes back after: the
	 * thread that commits a batch goes on answering its own request. */
	struct account own = s->actor;
	bool acting = s->acting, local = s->local;
	memset(&s->actor, 0, sizeof s->actor);
	s->acting = s->local = false;
	int rc = set_batch(s, items, n);
	account_clear(&s->actor);
	s->actor = own;
	s->acting = acting;
	s->local = local;
	db_set_actor(s->db, acting ? own.name : "");
	return rc;
}

/* Names the unit in the session's error message ("UNIT：…"); -1. */
static int about_unit(struct svc *s, const char *unit)
{
	char *msg = xstrdup(s->err.message ? s->err.message : "");
	free(s->err.message);
	struct buf b = {0};
	buf_printf(&b, "%s：%s", unit, msg);
	s->err.message = buf_take(&b);
	free(msg);
	return -1;
}

int svc_score_set_many(struct svc *s, char *const *units, int n, const struct finding *given)
{
	if (svc_allow(s, OP_SCORE_WRITE, NULL) != 0 ||
	    svc_text(s, "note", "备注", given->note, NOTE_MAX, true, false) != 0)
		return -1;
	if (n < 1)
		return svc_fail(s, SVC_INVALID, "units", "没有选择单位");
	/* one item code means one item only within one scheme: counties and
	 * city departments are scored by different schemes */
	int kind = -1;
	for (int i = 0; i < n; i++) {
		struct unit u, owner;
		if (unit_get(s->db, units[i], &u) != 0)
			return svc_fail_db(s);
		int rc = svc_owner_of(s, &u, &owner);
		unit_clear(&u);
		if (rc != 0)
			return -1;
		int k = owner.kind;
		unit_clear(&owner);
		if (kind >= 0 && k != kind)
			return svc_fail(s, SVC_INVALID, "units", "所选单位须同属县区或同属市直部门（或同属另一类被考核单位：各类单位的考核项编号含义不同）");
		kind = k;
	}
	for (int i = 0; i < n; i++)
		if (entry_allowed(s, units[i], given->code) != 0)
			return about_unit(s, units[i]);
	if (svc_begin(s) != 0)
		return -1;
	char at[32];
	db_now(at);
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++)
		if (set_one(s, units[i], given, at) != 0)
			rc = about_unit(s, units[i]);
	return svc_end(s, rc);
}

bool *svc_enterable(struct svc *s, const char *unit)
{
	return svc_enterable_period(s, unit, 0);
}

bool *svc_enterable_period(struct svc *s, const char *unit, int period)
{
	if (svc_approved(s) || svc_allow(s, OP_SCORE_WRITE, NULL) != 0) {
		svc_error_clear(&s->err);
		return NULL;
	}
	struct entry_sheet e;
	entry_open(s, unit, period, &e);
	bool *can = NULL;
	if (e.ok) {
		const struct scheme *sc = e.t.s;
		can = xcalloc((size_t)sc->nnodes, sizeof *can);
		for (int i = 0; i < sc->nnodes; i++) {
			const struct node *n = sc->nodes[i];
			if (n->nchildren && n->na == NA_NONE)
				continue;
			if (n->sheet_root != e.t.sheet_root || e.computed[i])
				continue;
			if (!e.t.sheet_id && !node_applies(n, e.t.owner.name))
				continue;
			/* nothing under a group marked not applicable */
			bool under_na = false;
			for (const struct node *a = n->parent; a && !under_na; a = a->parent)
				if (a->index >= e.st.base && a->index < e.st.base + e.st.n)
					under_na = e.st.na[a->index - e.st.base];
			if (under_na)
				continue;
			can[i] = svc_allow_item(s, &e.t.owner, n, e.locked) == 0;
		}
	}
	svc_error_clear(&s->err);
	entry_free(&e);
	return can;
}

int svc_preview(struct svc *s, const char *unit, const struct finding *given, struct svc_explain *out)
{
	memset(out, 0, sizeof *out);
	if (svc_allow(s, OP_SCORE_WRITE, NULL) != 0 || entry_allowed(s, unit, given->code) != 0 ||
	    svc_begin(s) != 0)
		return -1;
	/* The finding goes through every check of a real entry, is scored
	 * with the rest of the sheet, and is rolled back. */
	char at[32];
	db_now(at);
	struct entry_sheet e;
	entry_open(s, unit, given->period, &e);
	int rc = e.ok ? set_one(s, unit, given, at) : -1;
	if (rc == 0) {
		struct unit_load *L;
		rc = svc_score_now(s, &e.t.owner, &L, &out->r);
		if (rc == 0) {
			out->inputs = L;
			unit_copy(&out->unit, &e.t.owner);
		}
	}
	entry_free(&e);
	/* nothing stays: the error, if any, is kept */
	db_rollback(s->db);
	return rc;
}

int svc_score_clear(struct svc *s, const char *unit, const char *code)
{
	return svc_score_clear_period(s, unit, 0, code);
}

int svc_score_clear_period(struct svc *s, const char *unit, int period, const char *code)
{
	if (svc_allow(s, OP_SCORE_WRITE, NULL) != 0 || entry_allowed(s, unit, code) != 0 || svc_begin(s) != 0)
		return -1;
	struct entry_sheet e;
	entry_open(s, unit, period, &e);
	int rc = -1;
	if (e.ok) {
		/* Clearing an item is entering it: the same permission. */
		const struct node *n = code ? scheme_find(e.t.s, code) : NULL;
		if (code && !n)
			rc = svc_fail(s, SVC_NOT_FOUND, "item", "未知的考核项编号“%s”", code);
		else if (n && svc_allow_item(s, &e.t.owner, n, e.locked) != 0)
			rc = -1;
		else if (!n && s->actor.role != ROLE_OFFICE &&
			 (clear_all_allowed(s, &e) != 0 ||
			  (e.locked && svc_fail(s, SVC_FORBIDDEN, NULL, "评分表已提交安委办核实，已锁定（如需修改，请安委办退回）") != 0)))
			rc = -1;
		else
			rc = finding_clear(s->db, &e.t, code) == 0 ? 0 : svc_fail_db(s);
		e.changed = rc == 0;
		if (rc == 0)
			rc = entry_settle(s, &e);
	}
	entry_free(&e);
	return svc_end(s, rc);
}

/* ---- the import ---- */

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
		if (text_check(f.note, "备注", NOTE_MAX, true, false, &why) != 0) {
			diag_add_at(&d, line, cn + 1, "%s", buf_str(&why));
			buf_free(&why);
			bad++;
			continue;
		}
		if (parse_value(col, row[cv[col]], &f, &d, line, cv[col] + 1) != 0 ||
		    enter(s, e, &f, line, ci + 1, cv[col] + 1, at, false, counts, !bad, &d) != 0) {
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
	if (!bad) {
		struct buf detail = {0};
		buf_printf(&detail, "导入 %lld 条评分记录，其中覆盖原有记录 %lld 条", n, out->replaced);
		if (svc_audit_import(s, "score.import", file, buf_str(&detail), digest) != 0)
			bad = -1;
		buf_free(&detail);
	}
	if (bad) {
		svc_end(s, -1);
		if (bad < 0) {
			diag_free(&d);
			return -1;
		}
		svc_fail_problems(s, &d, "导入失败（%d 处问题），数据库未作任何改动", s->err.problems.n + d.n);
		/* a row the user may not enter makes the whole file one they may not */
		if (forbidden)
			s->err.code = SVC_FORBIDDEN;
		return -1;
	}
	diag_free(&d);
	return svc_end(s, 0);
}
