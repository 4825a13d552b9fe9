/* finding.h: what the teams and scorers found, stored per unit, sheet and
 * item. The checks of a finding are the core's (sheet.h); here is where a
 * unit's findings go, what is on a sheet already, and the writing. */
#ifndef KAOHE_FINDING_H
#define KAOHE_FINDING_H

#include "db.h"
#include "../core/sheet.h"
#include "../core/unit_rules.h"

/* Where a unit's findings go: the assessed county or department (owner)
 * and the sheet: 0 its own, or a sampled sub-unit's (sheet_id, label). */
struct sheet_target {
	struct unit owner;
	long long sheet_id;
	char *label;              /* the sampled unit's name, or NULL */
	const struct scheme *s;
	const struct node *sheet_root;
	bool had_findings;        /* the sheet had findings before */
	int period;               /* the period of a periodic scheme the
				     findings are for (core/period.h); 0 the
				     year. Set by the caller after
				     finding_target, checked by period_parse */
	char *industry;           /* the sheet's unit's industry (only_industry),
				     NULL if none */
};

/* Resolves unit u's sheet. Refused (with the reason) for a unit that is
 * not scored item by item: a town, a sub-unit not sampled, a provincial
 * or excluded unit. Free with finding_target_free. */
int finding_target(struct db *db, const struct unit *u, struct sheet_target *t);
void finding_target_free(struct sheet_target *t);
/* What the audit record names: the item code, with the target's period
 * if it has one ("1.2 第2季度"; b holds it). */
const char *finding_target_item(const struct sheet_target *t, const char *code, struct buf *b);

/* Marks what is stored on the target's sheet in st (initialised here). */
int finding_sheet_state(struct db *db, const struct sheet_target *t, struct sheet_state *st);

/* The items of the year computed from the daily records, by node index of
 * the scheme of an owner kind (a person cannot enter them). Caller frees. */
bool *finding_computed_items(struct db *db, const struct scheme *s, enum unit_kind owner);

/* Stores one checked finding (inserting or replacing), at time `at`.
 * Records the change in the audit log where it changed a stored value,
 * or always with audit_new; counts replaced values in *replaced. The
 * value already stored (form, value and note) is left as it is, with
 * *changed false. */
int finding_store(struct db *db, const struct sheet_target *t, const struct finding *f,
		  const char *at, bool audit_new, long long *replaced, bool *changed);

/* Removes the target's finding for an item (code NULL: all of them). */
int finding_clear(struct db *db, const struct sheet_target *t, const char *code);

/* What an import has taken for sheets it no longer holds in memory (a
 * temporary table of the connection: SQLite keeps it in its page cache
 * and spills to disk, so an import's memory stays flat however many
 * units its file names). Begin empties it. */
int finding_spill_begin(struct db *db);
/* Keeps the rows of the input that gave st's findings (line > 0). */
int finding_spill_put(struct db *db, const struct sheet_target *t, const struct sheet_state *st);
/* Gives st back the rows kept for the target. */
int finding_spill_get(struct db *db, const struct sheet_target *t, struct sheet_state *st);

#endif
