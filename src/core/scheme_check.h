/* scheme_check.h: whole-tree checks of a parsed scheme (internal to
 * the scheme reader, scheme_parse.c and the files it calls; also
 * derives each item's points from its rule). */
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
	struct scheme *s;       /* the scheme being read (warnings) */
	/* Defaults in force while reading a group's rows (scheme_links.c):
	 * the nearest group's `defaults`, the previous row's rule. */
	const struct ynode *dflt_rule, *prev_rule, *last_rule;
	const struct node *dflt_from;
	int dflt_na;            /* enum na_policy */
	bool dflt_used;
};

/* Adds "FILE:LINE: message" and counts it. */
void scheme_err(struct scheme_ctx *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Readers of one YAML mapping's keys, each reporting its own problems
 * (scheme_keys.c). sk_keys reports keys not in allowed[] and duplicates;
 * sk_points/sk_int/sk_bool return 1 if the key is present and valid, 0 if
 * absent, -1 on error. */
struct ynode;
void sk_keys(struct scheme_ctx *c, const struct ynode *map, const char *const *allowed,
	     const char *what);
const struct ynode *sk_scalar(struct scheme_ctx *c, const struct ynode *map, const char *key,
			      int required, const char *what);
char *sk_str(struct scheme_ctx *c, const struct ynode *map, const char *key, int required,
	     const char *what);
int sk_points(struct scheme_ctx *c, const struct ynode *map, const char *key, int required,
	      const char *what, points_t *out);
int sk_int(struct scheme_ctx *c, const struct ynode *map, const char *key, int required,
	   const char *what, long long lo, long long hi, long long *out);
int sk_bool(struct scheme_ctx *c, const struct ynode *map, const char *key, bool *out);

/* Reads the list of a group's `children` into n's children, each node
 * with its keys and its children or rule (scheme_node.c). */
void scheme_parse_children(struct scheme_ctx *c, const struct ynode *list, struct node *n);
/* The `vetoes` of the file's top level (y NULL: none) into s->vetoes
 * (scheme_vetoes.c). */
void scheme_parse_vetoes(struct scheme_ctx *c, const struct ynode *y, struct scheme *s);

/* The `unit:` and `unit_title:` keys: the kind of unit the scheme
 * assesses (scheme_unit.c). */
void scheme_parse_unit(struct scheme_ctx *c, const struct ynode *top, struct scheme *s);
/* The `grades` of the file's top level, or the default 90/80/60% of the
 * points when y is NULL (scheme_grades.c). */
void scheme_parse_grades(struct scheme_ctx *c, const struct ynode *y, struct scheme *s);

/* The year settings of the file's top level: samples, industries, daily,
 * window (scheme_year.c). */
void scheme_parse_year(struct scheme_ctx *c, const struct ynode *top, struct scheme *s);
/* Checks the settings against the tree (after scheme_check). */
void scheme_check_year(struct scheme_ctx *c, struct scheme *s);

/* Adds "FILE:LINE: message" to the scheme's warnings. */
void scheme_warn(struct scheme_ctx *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Checks s, adding "FILE:LINE: message" to d and counting into *nerr. */
void scheme_check(struct scheme *s, struct scheme_ctx *c);
/* Builds s->by_code (scheme.c). */
void scheme_index(struct scheme *s);

#endif
