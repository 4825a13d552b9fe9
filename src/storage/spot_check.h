/* spot_check.h: the towns, county departments and enterprises sampled in
 * each county (抽查), drawn from a recorded seed or chosen by the team.
 * How many of each kind, and from which pool, is the year's (taken from
 * its county scheme: samples). Each kind is set or drawn on its own. */
#ifndef KAOHE_SPOT_CHECK_H
#define KAOHE_SPOT_CHECK_H

#include <stdint.h>

#include "db.h"
#include "../core/records.h"

/* The year's spot-check size of each kind (index enum sample_kind);
 * declared false where the scheme samples none of that kind. */
struct spot_size {
	bool declared;
	int min, max;
	bool others;       /* units outside the pool may be drawn */
};
int spot_sizes(struct db *db, struct spot_size sizes[4]);

/* How many of each kind are sampled in a county (index enum sample_kind). */
int spot_counts_of(struct db *db, long long county_id, int counts[4]);

/* Draws the county's spot checks. counts[k]: how many of kind k (-1: as
 * many as the year allows and the county has; 0: leave kind k as it is).
 * has_seed false picks a fresh seed; the seed and the candidates are
 * recorded, so the draw can be repeated. A kind is redrawn only while none
 * of its sheets has findings. Caller holds a write transaction. */
int spot_draw(struct db *db, const char *county, bool has_seed, uint64_t seed,
	      const int counts[4], struct spot_report *report);

/* Records the team's own choice (自行确定抽查对象): the named units
 * (towns, county departments, enterprises of that county). Each kind
 * named replaces that kind's sample, within the year's sizes; kinds not
 * named are left as they are. */
int spot_set(struct db *db, const char *county, char *const *units, int n,
	     struct spot_report *report);

/* The sampled units of a county (or of every county if county is NULL).
 * An unknown county fails. */
int spot_list(struct db *db, const char *county, struct spot **out, int *n);

/* How many towns are sampled in a county. */
int spot_town_count(struct db *db, long long county_id);

#endif
