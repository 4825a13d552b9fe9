/* figures.h: a finding with several figures (the `figures` input form).
 *
 * Rules that turn measured figures into points (clauses, range, rate,
 * target, trend; doc/scheme-language.md) take one text, written the same
 * way on every surface (CLI --figures, the CSV and workbook column 数据,
 * the web sheet):
 *
 *   figures := figure { ";" figure }      "2;1;0"    one figure per clause
 *            | figure "/" figure          "95/100"   numerator/denominator
 *   figure  := term { "+" term }          "1+0.5+2"  occurrences of a range
 *   term    := [ COUNT "×" ] NUMBER       "3×1.5"    3 occurrences of 1.5
 *
 * NUMBER is a non-negative decimal with at most two places (as points);
 * COUNT a whole number from 1. Full-width forms (；／＋) and x, X, * for ×
 * are read too; spaces around a number are dropped. This file is the one
 * parser and the one printer of that text. */
#ifndef KAOHE_FIGURES_H
#define KAOHE_FIGURES_H

#include <stdbool.h>

#include "points.h"

#define FIGURES_MAX 32         /* figures in one finding */
#define FIGURE_TERMS_MAX 64    /* terms in one finding, all figures */
#define FIGURES_TEXT_MAX 1000  /* bytes of the text */

struct figure_term {
	long long times;       /* 1 unless written COUNT×NUMBER */
	points_t value;        /* hundredths */
};

struct figures {
	int n;                         /* figures */
	bool ratio;                    /* written a/b */
	int first[FIGURES_MAX + 1];    /* figure i is t[first[i] .. first[i+1]) */
	int nterms;
	struct figure_term t[FIGURE_TERMS_MAX];
};

/* Parses s into *out. Returns 0, or -1 with why (Chinese, a static
 * string) set if s is not such a text. */
int figures_parse(const char *s, struct figures *out, const char **why);

/* The canonical text of f ("2;1;0", "95/100", "3×1.5"). Caller frees. */
char *figures_print(const struct figures *f);

/* The canonical text of s, or NULL if it does not parse. Caller frees. */
char *figures_canonical(const char *s);

/* Figure i's sum (Σ times × value), and whether it is one plain term. */
points_t figure_sum(const struct figures *f, int i);
bool figure_plain(const struct figures *f, int i);
/* Figure i as a whole number (one plain term without decimals): 0 and
 * *out, or -1. */
int figure_whole(const struct figures *f, int i, long long *out);

/* What to type, in words, for the hint beside an input. */
#define FIGURES_SYNTAX "多个数用分号分隔（如 2;1;0），比率写 分子/分母（如 95/100），同额多次写 次数×金额（如 3×1.5）"

#endif
