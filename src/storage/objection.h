/* objection.h: assessed units' objections (意见和建议) to their published
 * result, and the office's answers (struct objection: core/records.h). */
#ifndef KAOHE_OBJECTION_H
#define KAOHE_OBJECTION_H

#include "db.h"
#include "../core/records.h"

/* Files an objection of unit u (code: the item, or NULL for the whole
 * result) with its evidence, under the acting user's name; returns its
 * number, or -1. Caller holds a write transaction. */
long long objection_add(struct db *db, const struct unit *u, const char *code, const char *text,
			const char *evidence);
/* The year's objections, oldest first; unit_id 0 for every unit. */
int objection_list(struct db *db, long long unit_id, struct objection **out, int *n);
/* The objection numbered id in the current year (for its unit). */
int objection_get(struct db *db, long long id, struct objection *out);
/* Records (or replaces) the office's answer to objection id: outcome
 * "upheld" (the finding stands) or "changed" (it was changed). */
int objection_answer(struct db *db, long long id, const char *answer, const char *outcome);

#endif
