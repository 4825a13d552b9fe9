/* testutil.h: shared helpers for the cmocka unit tests.
 *
 * Tests build small schemes from YAML text, score findings against them,
 * and compare with numbers worked out by hand from the rubric sentence the
 * test quotes. */
#ifndef KAOHE_TESTUTIL_H
#define KAOHE_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "builtin.h"
#include "grade.h"
#include "scheme.h"
#include "score.h"

/* Parses YAML text; fails the test (printing the problems) if invalid. */
static inline struct scheme *parse_ok(const char *yaml)
{
	struct diag d = {0};
	struct scheme *s = scheme_parse(yaml, strlen(yaml), "test.yaml", &d);
	for (int i = 0; i < d.n; i++)
		fprintf(stderr, "%s\n", d.msgs[i]);
	diag_free(&d);
	assert_non_null(s);
	return s;
}

/* Parses YAML text that must be rejected; returns the problems joined by
 * newlines (caller frees). */
static inline char *parse_bad(const char *yaml)
{
	struct diag d = {0};
	struct scheme *s = scheme_parse(yaml, strlen(yaml), "bad.yaml", &d);
	assert_null(s);
	assert_true(d.n > 0);
	struct buf b = {0};
	for (int i = 0; i < d.n; i++)
		buf_printf(&b, "%s\n", d.msgs[i]);
	diag_free(&d);
	return buf_take(&b);
}

/* A built-in scheme by name. */
static inline struct scheme *builtin(const char *name)
{
	for (const struct builtin_scheme *b = builtin_schemes; b->name; b++)
		if (strcmp(b->name, name) == 0) {
			struct diag d = {0};
			struct scheme *s = scheme_parse(b->data, b->len, b->file, &d);
			for (int i = 0; i < d.n; i++)
				fprintf(stderr, "%s\n", d.msgs[i]);
			diag_free(&d);
			assert_non_null(s);
			return s;
		}
	fail_msg("no built-in scheme %s", name);
	return NULL;
}

/* Finding constructors. */
static inline struct finding f_count(const char *code, long long n)
{
	return (struct finding){.code = code, .form = INPUT_COUNT, .count = n};
}
static inline struct finding f_cond(const char *code, uint64_t bits)
{
	return (struct finding){.code = code, .form = INPUT_CONDITIONS, .conditions = bits};
}
static inline struct finding f_deduct(const char *code, points_t p)
{
	return (struct finding){.code = code, .form = INPUT_DEDUCT, .amount = p};
}
static inline struct finding f_score(const char *code, points_t p)
{
	return (struct finding){.code = code, .form = INPUT_SCORE, .amount = p};
}
static inline struct finding f_na(const char *code)
{
	return (struct finding){.code = code, .form = INPUT_NA};
}
/* Condition numbers (1-based) as the bit set a finding carries. */
#define COND(n) ((uint64_t)1 << ((n) - 1))

/* Scores findings on the unit's own sheet; the result must exist. */
static inline struct result *score_ok(const struct scheme *s, const struct finding *f, int n)
{
	struct unit_input in = {.findings = f, .nfindings = n};
	struct diag d = {0};
	struct result *r = score_unit(s, &in, &d);
	for (int i = 0; i < d.n; i++)
		fprintf(stderr, "%s\n", d.msgs[i]);
	diag_free(&d);
	assert_non_null(r);
	return r;
}

/* Scores an input that must be rejected; returns the messages joined. */
static inline char *score_bad(const struct scheme *s, const struct unit_input *in)
{
	struct diag d = {0};
	struct result *r = score_unit(s, in, &d);
	assert_null(r);
	assert_true(d.n > 0);
	struct buf b = {0};
	for (int i = 0; i < d.n; i++)
		buf_printf(&b, "%s\n", d.msgs[i]);
	diag_free(&d);
	return buf_take(&b);
}

/* The score of node code in result r (unit's own sheet). */
static inline points_t node_score(const struct result *r, const char *code)
{
	const struct node *n = scheme_find(r->scheme, code);
	assert_non_null(n);
	return r->nodes[n->index].score;
}

static inline points_t node_deduction(const struct result *r, const char *code)
{
	const struct node *n = scheme_find(r->scheme, code);
	assert_non_null(n);
	return r->nodes[n->index].deduction;
}

static inline const char *node_derivation(const struct result *r, const char *code)
{
	const struct node *n = scheme_find(r->scheme, code);
	assert_non_null(n);
	return r->nodes[n->index].derivation;
}

/* Asserts that haystack contains needle, printing both if not. */
#define assert_contains(haystack, needle) do { \
	const char *h_ = (haystack), *n_ = (needle); \
	if (!h_ || !strstr(h_, n_)) \
		fail_msg("expected to find \"%s\" in \"%s\"", n_, h_ ? h_ : "(null)"); \
} while (0)

#endif
