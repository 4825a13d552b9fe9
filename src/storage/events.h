/* events.h: accidents, the industry → department table and the other
 * veto causes recorded for a year. */
#ifndef KAOHE_EVENTS_H
#define KAOHE_EVENTS_H

#include "db.h"
#include "../core/date.h"
#include "../core/records.h"

/* Records an accident; checks the date is within the year, counts are not
 * negative, the county exists, at most one of 瞒报/谎报/漏报 and who did it.
 * Fills a->id, a->department and a->department_registered. Caller holds
 * a write transaction. */
int accident_add(struct db *db, struct accident_rec *a);
int accident_list(struct db *db, struct accident_rec **out, int *n);
/* Removes an accident recorded by mistake (by its number), on the record
 * with the reason. */
int accident_remove(struct db *db, long long id, const char *reason);
/* Replaces accident id with a (the checks of accident_add; a->id, the
 * department and whether it is registered filled in), on the record with
 * the old and new values and the reason. An edit that changes nothing is
 * refused. Caller holds a write transaction. */
int accident_update(struct db *db, long long id, struct accident_rec *a, const char *reason);

/* The accidents that count against a unit: a county's own, and for a
 * department those in the industries it supervises. Their 瞒报/谎报/漏报
 * flags are not set: a concealment counts against whoever concealed
 * (accident_misreported). Caller frees *out. */
int accident_load(struct db *db, const struct unit *u, struct accident **out, int *n);
/* Frees what accident_load gave (the dates and industries too). */
void accident_load_free(struct accident *a, int n);
/* Whether the unit concealed, falsely reported or omitted an accident
 * (1, 0, -1); *why (if not NULL) receives which ones (caller frees). */
int accident_misreported(struct db *db, const struct unit *u, char **why);

/* The industry → supervising department table of the year. */
int industry_set(struct db *db, const char *industry, const char *department);
int industry_list(struct db *db, struct industry_row **out, int *n);

/* Other veto causes: rescue-failure | negative-impact | falsified. */
int veto_add(struct db *db, const struct unit *u, int flag, const char *reason);
int veto_list(struct db *db, struct veto_row **out, int *n);
int veto_remove(struct db *db, long long id, const char *reason);
/* The flags (enum veto_flag) recorded for a unit; reasons[i] (if not
 * NULL) receives the reasons given for flag bit i, joined (caller frees). */
unsigned veto_flags(struct db *db, long long unit_id, char *reasons[4]);


#endif
