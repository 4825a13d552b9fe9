/* findings.c: what the teams and scorers found, one entry at a time: a
 * finding for one unit, for many units, a batch of saves, a preview and
 * a clearing. Every finding goes through the same checks (entry_sheet.c,
 * core/sheet.h) and the same permission (auth.c); the CSV import is
 * findings_import.c. */
#include "findings_impl.h"
#include "../storage/unit.h"

#include <stdlib.h>
#include <string.h>

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
		rc = entry_enter(s, &e, &f, 0, 1, 2, at, true, NULL, true, &d);
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
	    svc_text(s, "note", "备注", given->note, TEXT_NOTE_MAX, true, false) != 0 || svc_begin(s) != 0)
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
				svc_text(s, "note", "备注", it->finding.note, TEXT_NOTE_MAX, true, false) != 0))
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
	    svc_text(s, "note", "备注", given->note, TEXT_NOTE_MAX, true, false) != 0)
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
			 (entry_clear_allowed(s, &e) != 0 ||
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
