/* numtext.h: numbers as people type them.
 *
 * A Chinese input method in full-width mode gives "１２．５" for 12.5 and
 * a pasted cell brings spaces along (ASCII or the ideographic U+3000).
 * Both mean the plain number: the fold below turns full-width digits,
 * point and minus into ASCII and drops the spaces around, so every
 * surface (web forms, CSV and workbook imports, the command line) reads
 * the same text the same way. Anything else is left for the parser to
 * refuse. */
#ifndef KAOHE_NUMTEXT_H
#define KAOHE_NUMTEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Writes s folded into out (cap bytes, NUL-terminated); false when the
 * folded text does not fit. */
bool numtext_fold(const char *s, char *out, size_t cap);

/* Parses a whole number as typed ("3", "３", " -1 "): 0, -1 if it is not
 * one, -2 if it is one beyond the range of long long. */
int numtext_count(const char *s, long long *out);

#endif
