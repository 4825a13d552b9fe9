/* samples.c: spot checks (抽查): drawn or chosen by a team for a county in
 * its scope, within the scheme's sizes (storage/spot_check.c). */
#include "service_impl.h"
#include "../storage/spot_check.h"
#include "../storage/unit.h"

#include <stdlib.h>

/* The county, and whether the acting user may sample in it. */
static int county_allowed(struct svc *s, const char *county, struct unit *c)
{
	if (unit_get(s->db, county, c) != 0)
		return svc_fail_db(s);
	if (svc_allow(s, OP_SAMPLE_WRITE, c) != 0) {
		unit_clear(c);
		return -1;
	}
	return 0;
}

int svc_sample_draw(struct svc *s, const char *county, bool has_seed, uint64_t seed,
		    const int counts[4], struct spot_report *out)
{
	/* the scope before the year's state: a county outside it is refused
	 * as such even in an approved year */
	struct unit c;
	if (svc_allow(s, OP_SAMPLE_WRITE, NULL) != 0 || county_allowed(s, county, &c) != 0)
		return -1;
	unit_clear(&c);
	if (svc_begin(s) != 0)
		return -1;
	int rc = spot_draw(s->db, county, has_seed, seed, counts, out) == 0 ? 0 : svc_fail_db(s);
	return svc_end(s, rc);
}

int svc_sample_set(struct svc *s, const char *county, char *const *units, int n,
		   struct spot_report *out)
{
	/* the scope before the year's state: a county outside it is refused
	 * as such even in an approved year */
	struct unit c;
	if (svc_allow(s, OP_SAMPLE_WRITE, NULL) != 0 || county_allowed(s, county, &c) != 0)
		return -1;
	unit_clear(&c);
	if (svc_begin(s) != 0)
		return -1;
	int rc = spot_set(s->db, county, units, n, out) == 0 ? 0 : svc_fail_db(s);
	return svc_end(s, rc);
}

int svc_sample_list(struct svc *s, const char *county, struct spot **out, int *n)
{
	if (svc_allow(s, OP_SAMPLE_READ, NULL) != 0)
		return -1;
	return spot_list(s->db, county, out, n) == 0 ? 0 : svc_fail_db(s);
}

bool svc_sample_short(struct svc *s, const struct unit *u, const struct spot_size *sizes, struct buf *why)
{
	if (u->kind != KIND_COUNTY || u->status != STATUS_ASSESSED)
		return false;
	int n[4];
	spot_counts_of(s->db, u->id, n);
	bool short_of = false;
	for (int k = SAMPLE_TOWN; k <= SAMPLE_ENTERPRISE; k++) {
		const struct spot_size *z = &sizes[k];
		if (!z->declared || n[k] >= z->min)
			continue;
		short_of = true;
		if (!why)
			continue;
		buf_printf(why, "%s%s %d 个（须 %d", why->len ? "、" : "", sample_kind_title((enum sample_kind)k),
			   n[k], z->min);
		if (z->max > z->min)
			buf_printf(why, "–%d", z->max);
		buf_puts(why, " 个）");
	}
	return short_of;
}
