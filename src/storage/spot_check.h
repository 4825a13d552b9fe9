/* spot_check.h: the towns, county departments and enterprises sampled in
 * each county (抽查), drawn from a recorded seed or chosen by the team. */
#ifndef KAOHE_SPOT_CHECK_H
#define KAOHE_SPOT_CHECK_H

#include <stdint.h>

#include "db.h"

struct spot_counts {
	int towns, departments, enterprises;   /* -1: the template's maximum */
};

/* Draws the county's spot checks. A seed of 0 with has_seed false picks a
 * fresh seed; the seed and the candidates are recorded and printed to
 * report, so the draw can be repeated. Replaces an earlier draw unless a
 * sampled unit already has findings. Caller holds a write transaction. */
int spot_draw(struct db *db, const char *county, bool has_seed, uint64_t seed,
	      struct spot_counts counts, struct buf *report);

/* Records the team's own choice (自行确定抽查对象): the named units
 * (towns, county departments, enterprises of that county). */
int spot_set(struct db *db, const char *county, char *const *units, int n, struct buf *report);

/* Calls fn for each sampled unit of a county (or of every county if county
 * is NULL): county name, unit name, unit kind, draw detail. */
int spot_each(struct db *db, const char *county,
	      int (*fn)(const char *county, const char *unit, const char *kind, void *arg), void *arg);

#endif
