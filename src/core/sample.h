/* sample.h: drawing spot checks (抽查) reproducibly from a seed.
 *
 * Candidates are listed in the official order; lower tiers are drawn
 * first, each tier shuffled by a seeded generator (splitmix64), so
 * the same seed and the same candidates always give the same draw. */
#ifndef KAOHE_SAMPLE_H
#define KAOHE_SAMPLE_H

#include <stdint.h>

/* Tiers: 1 the pool's first (重点抽查), 2 its then, 3 units outside the
 * pool where the scheme allows them (others). */
#define SAMPLE_TIERS 3

struct sample_candidate {
	const char *name;
	int tier;          /* 1 … SAMPLE_TIERS */
};

/* Picks n candidates (n <= nc). picked[] receives candidate indices in the
 * order drawn. stream separates independent draws from one seed (towns,
 * departments, enterprises). */
void sample_draw(const struct sample_candidate *c, int nc, int n, uint64_t seed,
		 uint64_t stream, int *picked);

/* The generator, exposed for tests: next value of the state. */
uint64_t splitmix64(uint64_t *state);

#endif
