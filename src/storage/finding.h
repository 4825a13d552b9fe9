/* finding.h: what the teams and scorers found, per unit and item. */
#ifndef KAOHE_FINDING_H
#define KAOHE_FINDING_H

#include "db.h"
#include "../core/score.h"

struct csv_reader;

/* Records one finding for a unit: a county or department (its own sheet),
 * or a sampled county department or enterprise (its sheet in its county's
 * part). f->code names the item. Refused with a reason if the unit is not
 * scored item by item, the item's rule does not take the form, the value
 * is out of range, or the item is computed from daily records. Caller
 * holds a write transaction. */
int finding_set(struct db *db, const char *unit, const struct finding *f);

/* Removes a unit's finding for an item (ITEM NULL: all its findings). */
int finding_clear(struct db *db, const char *unit, const char *code);

/* Imports findings from a CSV read row by row (r just opened): all rows
 * or none (rows are stored as they are checked; on any problem the caller
 * rolls its transaction back), every problem in d as "FILE:第N行第M列：…".
 * Caller holds a write transaction. Returns the number of rows, or -1. */
long long finding_import(struct db *db, struct csv_reader *r, const char *digest, struct diag *d,
			 long long *replaced);

/* Parses a form name (count, conditions, deduct, score, na). */
enum input_form finding_form_parse(const char *s);
const char *finding_form_name(enum input_form f);
/* The value as people read it: "3 次", "情形 1、3", "扣 2.5 分", "85 分", "不适用". */
char *finding_describe(const struct node *n, const struct finding *f);
/* Parses "1,3" into a condition bit set; -1 on a bad list. */
int conditions_parse(const char *s, uint64_t *bits);

#endif
