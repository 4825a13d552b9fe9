/* entry_sheet.c: a unit's sheet opened for findings: which sheet and
 * period, what is on it already, whether it is locked or verified, and
 * one finding checked against it (core/sheet.h) and stored. Both the
 * single entries (findings.c) and the CSV import (findings_import.c) go
 * through it. */
#include "findings_impl.h"
#include "../storage/review.h"
#include "../storage/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Frees what entry_open filled and zeroes e. */
void entry_free(struct entry_sheet *e)
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
void entry_open(struct svc *s, const char *name, int period, struct entry_sheet *e)
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

/* After a change to a verified sheet, it is to be verified again. */
int entry_settle(struct svc *s, struct entry_sheet *e)
{
	if (!e->ok || !e->changed || !e->verified)
		return 0;
	e->verified = false;
	return review_void(s->db, &e->t.owner) < 0 ? svc_fail_db(s) : 0;
}

/* Checks one finding for the entry's sheet (permission included) and
 * stores it. row 0: a single entry. Problems go to d (at row). counts
 * (if not NULL): [0] values replaced, [1] values that were the same. */
int entry_enter(struct svc *s, struct entry_sheet *e, struct finding *f, int row, int item_col,
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
int entry_clear_allowed(struct svc *s, const struct entry_sheet *e)
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
int entry_allowed(struct svc *s, const char *unit, const char *code)
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
			rc = entry_clear_allowed(s, &e);
	}
	entry_free(&e);
	if (rc == 0)
		svc_error_clear(&s->err);
	return rc;
}
