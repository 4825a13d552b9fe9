/* points.h: exact scores in hundredths of a point.
 *
 * Every score, deduction, cap and threshold in kaohe is a points_t: an
 * integer count of 0.01 points. Sums are exact; the only rounding is in
 * points_muldiv() (half up), used where a mean, a rescaling or a weighting
 * is computed. No binary floating point touches a score. */
#ifndef KAOHE_POINTS_H
#define KAOHE_POINTS_H

#include <stdint.h>

typedef int64_t points_t;

#define POINTS(n) ((points_t)(n) * 100)
/* Largest magnitude accepted from text: a billion points. */
#define POINTS_LIMIT ((points_t)100000000000LL)

/* Parses "10", "0.25", "2.5" (at most two decimals, no sign, no exponent;
 * full-width digits and spaces around folded first, numtext.h) into *out. Returns 0, or -1 if s is not such a number or too large. */
int points_parse(const char *s, points_t *out);

/* Formats v without trailing zeros: 600 -> "6", 650 -> "6.5", 25 -> "0.25",
 * -150 -> "-1.5". buf must hold POINTS_BUFSZ bytes; returns buf. */
#define POINTS_BUFSZ 32
char *points_fmt(points_t v, char *buf);

/* a × b / c rounded half up (half away from zero for negatives); c > 0. */
points_t points_muldiv(points_t a, points_t b, points_t c);

/* sum / n rounded half up; n > 0. */
points_t points_mean(points_t sum, int64_t n);

#endif
