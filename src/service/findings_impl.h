/* findings_impl.h: a unit's sheet opened for findings (entry_sheet.c),
 * shared by the single entries (findings.c) and the CSV import
 * (findings_import.c); for src/service only. */
#ifndef KAOHE_FINDINGS_IMPL_H
#define KAOHE_FINDINGS_IMPL_H

#include "service_impl.h"
#include "../storage/finding.h"

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

/* Frees what entry_open filled and zeroes e. */
void entry_free(struct entry_sheet *e);
/* Resolves a unit's sheet for findings of a period (core/period.h: 0
 * the year; -1 the year's sheet without checking the scheme's periods,
 * to read its scheme); e->ok false with the reason in e->refused (and
 * the session's error) if it takes none. */
void entry_open(struct svc *s, const char *name, int period, struct entry_sheet *e);
/* After a change to a verified sheet, it is to be verified again. */
int entry_settle(struct svc *s, struct entry_sheet *e);
/* Checks one finding for the entry's sheet (permission included) and
 * stores it. row 0: a single entry. Problems go to d (at row). counts
 * (if not NULL): [0] values replaced, [1] values that were the same. */
int entry_enter(struct svc *s, struct entry_sheet *e, struct finding *f, int row, int item_col,
		int value_col, const char *at, bool audit_new, long long *replaced, bool store,
		struct diag *d);
/* Whether the acting user may clear every finding of the entry's sheet:
 * see the sheet, and enter each item stored on it. */
int entry_clear_allowed(struct svc *s, const struct entry_sheet *e);
/* Whether the acting user may enter item `code` of unit at all (code
 * NULL: clear every item), asked before the transaction so that a user
 * who may not is told so, not that the year is approved. */
int entry_allowed(struct svc *s, const char *unit, const char *code);

#endif
