/* scheme_check.h: whole-tree checks of a parsed scheme (internal to
 * scheme_parse.c; also derives each item's points from its rule). */
#ifndef KAOHE_SCHEME_CHECK_H
#define KAOHE_SCHEME_CHECK_H

#include "scheme.h"

#define SCHEME_MAX_ERRORS 100

/* Where problems go while reading one scheme file. */
struct scheme_ctx {
	const char *file;
	struct diag *d;
	int nerr;
	int nnodes;
};

/* Adds "FILE:LINE: message" and counts it. */
void scheme_err(struct scheme_ctx *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Checks s, adding "FILE:LINE: message" to d and counting into *nerr. */
void scheme_check(struct scheme *s, struct scheme_ctx *c);
/* Builds s->by_code (scheme.c). */
void scheme_index(struct scheme *s);

#endif
