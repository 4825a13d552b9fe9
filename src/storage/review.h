/* review.h: the office's verification of each unit's sheet (统计核实):
 * submitted by the team leader, returned with a remark or verified by
 * the office; a verified sheet whose findings change goes back to be
 * verified again (struct sheet_review: core/records.h). */
#ifndef KAOHE_REVIEW_H
#define KAOHE_REVIEW_H

#include "db.h"
#include "../core/records.h"

/* Fills r's state, totals, remark and who/when for unit_id (REVIEW_OPEN
 * with nothing else if the sheet was never submitted); not r->unit. */
int review_get(struct db *db, long long unit_id, struct sheet_review *r);
/* Records a step on unit u's sheet, on the record. total: the team's
 * total (submitted) or the verified total (verified); NULL keeps it. */
int review_put(struct db *db, const struct unit *u, enum review_state state, const points_t *total,
	       const char *remark);
/* A finding of u's sheet changed: a verified sheet is to be verified
 * again (on the record). Returns 1 if it was verified, 0 if not, -1. */
int review_void(struct db *db, const struct unit *u);

#endif
