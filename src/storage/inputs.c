/* inputs.c: a unit's inputs for the engine (inputs.h). */
#include "inputs.h"
#include "daily.h"
#include "db_impl.h"
#include "events.h"
#include "spot_check.h"
#include "year.h"
#include "../core/rule.h"

#include <stdlib.h>
#include <string.h>

static const char *keep(struct unit_load *L, const char *s)
{
	L->strings = xrealloc(L->strings, (size_t)(L->nstrings + 1) * sizeof *L->strings);
	return L->strings[L->nstrings++] = xstrdup(s);
}

void unit_load_free(struct unit_load *L)
{
	unit_clear(&L->unit);
	free(L->sheet_ids);
	for (int i = 0; i < L->nstrings; i++)
		free(L->strings[i]);
	free(L->strings);
	for (int i = 0; i < L->in.nsheets; i++)
		free(L->sheet_findings[i]);
	free(L->sheet_findings);
	free(L->sheets);
	free(L->findings);
	accident_load_free(L->accidents, L->in.naccidents);
	for (int i = 0; i < 4; i++)
		free(L->veto_reasons[i]);
	memset(L, 0, sizeof *L);
}

int unit_load(struct db *db, const struct unit *u, struct unit_load *L)
{
	memset(L, 0, sizeof *L);
	unit_copy(&L->unit, u);
	L->scheme = year_scheme(db, u->kind);
	if (!L->scheme)
		return -1;
	/* The sheets: one per sampled county department or enterprise. */
	sqlite3_stmt *st = db_stmt(db, "SELECT s.unit_id, u.name, u.kind, u.industry FROM sample s"
				   " JOIN unit u ON u.id = s.unit_id WHERE s.county_id = ?"
				   " AND u.kind IN ('county-department', 'enterprise') ORDER BY u.kind, u.sort_order");
	sqlite3_bind_int64(st, 1, u->id);
	long long *sheet_ids = NULL;
	int *sheet_n = NULL;
	int rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct node *root = scheme_sheets_node(L->scheme, sample_kind_parse(db_col_text(st, 2)));
		if (!root)
			continue;
		int k = L->in.nsheets++;
		L->sheets = xrealloc(L->sheets, (size_t)L->in.nsheets * sizeof *L->sheets);
		L->sheet_findings = xrealloc(L->sheet_findings,
					     (size_t)L->in.nsheets * sizeof *L->sheet_findings);
		sheet_ids = xrealloc(sheet_ids, (size_t)L->in.nsheets * sizeof *sheet_ids);
		sheet_n = xrealloc(sheet_n, (size_t)L->in.nsheets * sizeof *sheet_n);
		sheet_ids[k] = sqlite3_column_int64(st, 0);
		sheet_n[k] = 0;
		L->sheet_findings[k] = NULL;
		L->sheets[k] = (struct sheet_input){root->code, keep(L, db_col_text(st, 1)), NULL, 0,
			sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL : keep(L, db_col_text(st, 3))};
	}
	sqlite3_reset(st);
	/* Findings: the unit's own sheet (0) and the sampled units' sheets.
	 * Codes point at the scheme's own strings where the item exists
	 * (the engine reports the rest); arrays grow geometrically. */
	st = db_stmt(db, "SELECT sheet_id, code, form, value, note, figures, period FROM finding WHERE unit_id = ?");
	sqlite3_bind_int64(st, 1, u->id);
	int nf = 0, capf = 0;
	int *sheet_cap = xcalloc((size_t)(L->in.nsheets ? L->in.nsheets : 1), sizeof *sheet_cap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long sheet = sqlite3_column_int64(st, 0);
		struct finding f = {0};
		const char *code = db_col_text(st, 1);
		const struct node *n = scheme_find(L->scheme, code);
		f.code = n ? n->code : keep(L, code);
		f.node = n;
		finding_set_value(&f, input_form_parse(db_col_text(st, 2)), sqlite3_column_int64(st, 3));
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			f.note = keep(L, db_col_text(st, 4));
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			f.figures = keep(L, db_col_text(st, 5));
		f.period = sqlite3_column_int(st, 6);
		if (sheet == 0) {
			if (nf == capf) {
				capf = capf ? capf * 2 : 64;
				L->findings = xrealloc(L->findings, (size_t)capf * sizeof *L->findings);
			}
			L->findings[nf++] = f;
			continue;
		}
		for (int k = 0; k < L->in.nsheets; k++)
			if (sheet_ids[k] == sheet) {
				if (sheet_n[k] == sheet_cap[k]) {
					sheet_cap[k] = sheet_cap[k] ? sheet_cap[k] * 2 : 32;
					L->sheet_findings[k] = xrealloc(L->sheet_findings[k],
						(size_t)sheet_cap[k] * sizeof **L->sheet_findings);
				}
				L->sheet_findings[k][sheet_n[k]++] = f;
			}
	}
	sqlite3_reset(st);
	free(sheet_cap);
	for (int k = 0; k < L->in.nsheets; k++) {
		L->sheets[k].findings = L->sheet_findings[k];
		L->sheets[k].nfindings = sheet_n[k];
	}
	L->sheet_ids = sheet_ids;
	free(sheet_n);
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取评分记录");
	/* Daily assessment: a judged deduction per item, explained in its note. */
	struct daily_deduction *dd;
	int ndd;
	if (daily_deductions(db, u, &dd, &ndd) != 0)
		return -1;
	for (int i = 0; i < ndd; i++) {
		const struct node *n = scheme_find(L->scheme, dd[i].code);
		if (!n || n->rule.type != RULE_JUDGED)
			continue;
		struct finding f = {.code = keep(L, dd[i].code), .form = INPUT_DEDUCT, .amount = dd[i].amount};
		if (f.amount > n->rule.max) {
			char a[POINTS_BUFSZ], b[POINTS_BUFSZ];
			struct buf note = {0};
			buf_printf(&note, "%s；超过本项上限，按 %s 分计（合计 %s 分）", dd[i].note,
				   points_fmt(n->rule.max, a), points_fmt(f.amount, b));
			f.amount = n->rule.max;
			f.note = keep(L, buf_str(&note));
			buf_free(&note);
		} else {
			f.note = keep(L, dd[i].note);
		}
		if (nf == capf) {
			capf = capf ? capf * 2 : 64;
			L->findings = xrealloc(L->findings, (size_t)capf * sizeof *L->findings);
		}
		L->findings[nf++] = f;
	}
	daily_deductions_free(dd, ndd);
	L->in.findings = L->findings;
	L->in.nfindings = nf;
	L->in.sheets = L->sheets;
	if (accident_load(db, u, &L->accidents, &L->in.naccidents) != 0)
		return -1;
	L->in.accidents = L->accidents;
	L->in.flags = veto_flags(db, u->id, L->veto_reasons);
	/* 优秀否决(4) counts against whoever concealed (events.h). */
	char *why = NULL;
	int mis = accident_misreported(db, u, &why);
	if (mis < 0)
		return -1;
	if (mis) {
		L->in.flags |= FLAG_MISREPORTED;
		free(L->veto_reasons[3]);
		L->veto_reasons[3] = why;
	}
	L->in.unit = L->unit.name;
	L->in.industry = L->unit.industry;
	L->in.applied_grade = L->unit.applied_grade;
	/* Places examined for 每发现一地: the county and its sampled towns. */
	if (u->kind == KIND_COUNTY)
		L->in.places = 1 + spot_town_count(db, u->id);
	return 0;
}

