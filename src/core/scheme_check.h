/* scheme_check.h: whole-tree checks of a parsed scheme (internal to
 * scheme_parse.c; also derives each item's points from its rule). */
#ifndef KAOHE_SCHEME_CHECK_H
#define KAOHE_SCHEME_CHECK_H

#include "scheme.h"

/* Checks s, adding "FILE:LINE: message" to d and counting into *nerr. */
void scheme_check(struct scheme *s, const char *file, struct diag *d, int *nerr);
/* Builds s->by_code (scheme.c). */
void scheme_index(struct scheme *s);

#endif
