/* ytree.h: a small YAML tree with line numbers, built from libyaml events.
 *
 * kaohe's own files (schemes) need only scalars, sequences and mappings.
 * Anchors, aliases and tags are refused, nesting is bounded, so a hostile
 * file cannot explode memory or the stack. */
#ifndef KAOHE_YTREE_H
#define KAOHE_YTREE_H

#include <stddef.h>

#include "util.h"

enum ytype { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ytype type;
	int line;          /* 1-based */
	int plain;         /* scalar written without quotes */
	char *str;         /* scalar value */
	/* Y_SEQ: items; Y_MAP: keys[i] -> items[i] */
	struct ynode **items;
	struct ynode **keys;
	int n, cap;
};

#define YTREE_MAX_DEPTH 32
#define YTREE_MAX_NODES 200000

/* Parses buf as one YAML document. On success returns the root and leaves
 * d untouched; on failure returns NULL and adds "FILE:LINE: message" to d.
 * Free the tree with ytree_free(). */
struct ynode *ytree_parse(const char *buf, size_t len, const char *file,
			  struct diag *d);
void ytree_free(struct ynode *n);

/* Mapping lookup; NULL if absent or n is not a mapping. */
struct ynode *ytree_get(const struct ynode *map, const char *key);

#endif
