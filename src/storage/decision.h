/* decision.h: the collective decision on each unit's grade (集体研究确定),
 * as recorded. Whether a decision is allowed (vetoes, proposals, reasons)
 * is the service's rule; this stores and withdraws. */
#ifndef KAOHE_DECISION_H
#define KAOHE_DECISION_H

#include "db.h"
#include "../core/records.h"

/* The reason recorded with grades taken from the proposal at approval;
 * reopening the year withdraws these. */
extern const char *const AUTO_REASON;

/* Records (or replaces) the grade decided for u, on the record. */
int decision_put(struct db *db, const struct unit *u, enum grade g, const char *reason);
/* Deletes the decisions taken automatically at approval; what (if not
 * NULL) receives "NAME GRADE、…". */
int decision_withdraw_auto(struct db *db, struct buf *what);

#endif
