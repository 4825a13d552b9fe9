/* sample.c: seeded, tiered draws. */
#include "sample.h"

#include <stdlib.h>

#include "util.h"

uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) without modulo bias. */
static uint64_t below(uint64_t *state, uint64_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t r;
	do
		r = splitmix64(state);
	while (r >= limit);
	return r % n;
}

void sample_draw(const struct sample_candidate *c, int nc, int n, uint64_t seed,
		 uint64_t stream, int *picked)
{
	uint64_t state = seed ^ (stream * 0xD1B54A32D192ED03ULL);
	int *order = xmalloc((size_t)(nc ? nc : 1) * sizeof *order);
	int k = 0;
	for (int tier = 1; tier <= SAMPLE_TIERS; tier++) {
		int first = k;
		for (int i = 0; i < nc; i++)
			if (c[i].tier == tier || (tier == SAMPLE_TIERS && c[i].tier > tier))
				order[k++] = i;
		/* Fisher–Yates over this tier only. */
		for (int i = k - 1; i > first; i--) {
			int j = first + (int)below(&state, (uint64_t)(i - first + 1));
			int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
	}
	for (int i = 0; i < n && i < k; i++)
		picked[i] = order[i];
	free(order);
}
