/* render.h: schemes and results as text for people and JSON for programs.
 * Reads the core's structures; computes nothing. */
#ifndef KAOHE_RENDER_H
#define KAOHE_RENDER_H

#include <cjson/cJSON.h>

#include "../core/records.h"
#include "../core/scheme.h"
#include "../core/score.h"
#include "../core/util.h"

/* A JSON number from hundredths: exact, at most two decimals. */
cJSON *json_points(points_t v);

/* The scheme tree: every node has code, title, points, children; items
 * also text, method, rule. The caller deletes the result. */
cJSON *scheme_to_json(const struct scheme *s);
/* One node and its subtree (the same shape). */
cJSON *node_to_json(const struct node *n);

/* The scheme as an indented tree with codes, points, original text,
 * method and each rule restated in words. */
void scheme_to_text(const struct scheme *s, struct buf *out);

/* A unit's result as JSON: the scheme tree with score, deduction and
 * derivation on every node, sheets under sampled parts, the total, vetoes
 * and proposed grade. */
cJSON *result_to_json(const struct result *r, const char *unit, const char *kind);
/* Adds results to a node's JSON (from node_to_json) and its subtree. */
void result_tree_scores(cJSON *j, const struct node *n, const struct node_result *nodes);
/* The same for people. */
void result_to_text(const struct result *r, const char *unit, struct buf *out);

/* A unit as JSON: name, kind, parent, industry, order, status, provincial
 * result. */
/* grading: the scheme whose grade names the unit's kind uses (NULL: the
 * standard names). */
cJSON *unit_to_json(const struct unit *u, const struct scheme *grading);
/* A stored result as JSON (kaohe results --json): unit, kind, status,
 * total, rank, incomplete, proposed_grade, grade, reason, warning, vetoes,
 * parts, missing, warnings. */
cJSON *stored_result_to_json(const struct stored_result *r);

/* The stored results as CSV for other systems and the record: one row per
 * unit (results.csv), and one row per node of every unit's sheets
 * (sheets.csv, from results read with their tree). UTF-8 with BOM, so
 * that Excel on Chinese Windows opens them; cells that would start a
 * formula are neutralised. */
void results_csv(const struct stored_result *r, int n, struct buf *out);
/* One CSV field, neutralised as above unless number (a number kaohe
 * wrote itself), and a row of n fields (bit i of numbers: field i is a
 * number) ended with CRLF: for every CSV kaohe writes (src/report too). */
void csv_safe_field(struct buf *b, const char *s, bool number);
void csv_safe_row(struct buf *b, const char *const *f, int n, unsigned numbers);
void sheets_csv(const struct stored_result *r, int n, struct buf *out);

#endif
