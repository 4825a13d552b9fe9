/* unit.h: the units of a year as stored (struct unit: core/unit_rules.h).
 * The rules a unit record obeys are checked above (unit_check); these
 * functions read and write, and record every change in the audit log. */
#ifndef KAOHE_STORAGE_UNIT_H
#define KAOHE_STORAGE_UNIT_H

#include "db.h"
#include "../core/unit_rules.h"

/* Looks a unit up by name in the current year. Returns 0, or -1
 * (DB_NOT_FOUND) naming near misses (昌黎 → 昌黎县). Free with unit_clear. */
int unit_get(struct db *db, const char *name, struct unit *out);
int unit_get_id(struct db *db, long long id, struct unit *out);
/* Whether a unit of that name exists in the current year: 1, 0, -1. */
int unit_exists(struct db *db, const char *name);

/* Stores a checked unit; a sort_order of 0 puts it after the last of its
 * kind. Sets u->id (and u->sort_order). */
int unit_insert(struct db *db, struct unit *u);
/* Stores after in place of before (the same id); a renamed department
 * keeps the industries it supervises. */
int unit_update(struct db *db, const struct unit *before, const struct unit *after);
/* Whether anything refers to the unit (sub-units, findings, samples,
 * accidents, vetoes, daily records, results, decisions, team scope):
 * returns the number of kinds of reference, described in what. */
int unit_references(struct db *db, long long id, struct buf *what);
/* Whether the unit is sampled or has findings on its sheet: 1, 0, -1. */
int unit_sampled(struct db *db, long long id);
int unit_delete(struct db *db, const struct unit *u, const char *reason);

/* The units of the current year (kind -1: all), in the official order:
 * kind, the parent's order, then their own. Free with unit_list_free. */
int unit_list(struct db *db, int kind, struct unit **out, int *n);

/* The unit described for the record: 县区，上级 …，顺序 1，市考核. */
char *unit_describe(struct db *db, const struct unit *u);

#endif
