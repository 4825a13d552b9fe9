/* result.h: the results of the last compute, stored typed: per unit its
 * total, rank, proposal, vetoes, missing inputs and warnings, and every
 * node of every sheet with its score and derivation. One reader returns
 * them as struct stored_result (core/records.h); reports, export, status
 * and the web read these and never score again. */
#ifndef KAOHE_RESULT_H
#define KAOHE_RESULT_H

#include "db.h"
#include "../core/records.h"
#include "../core/score.h"

/* One unit's result to store: a scored one (r, with the sampled unit of
 * each of its sheets by label) or a provincial one (r NULL). */
struct result_entry {
	const struct unit *unit;
	const struct result *r;
	const struct sheet_input *sheets;   /* labels and their ids */
	const long long *sheet_ids;
	int nsheets;
	char *const *veto_reasons;          /* [4]: the office's reasons per flag */
	int rank;                           /* 0: not ranked */
	enum grade proposed;                /* after the grade quota */
};

/* Deletes every stored result of the current year (a compute replaces
 * them all). */
int result_clear_year(struct db *db);
/* Stores one unit's result, computed at `at` from the audit log up to
 * seq. */
int result_store(struct db *db, const struct result_entry *e, const char *at, long long seq);

/* After every unit is stored: the audit record the results are current
 * as of, and each ranked unit's rank and proposal after the grade quota. */
int result_set_seq(struct db *db, long long seq);
int result_set_rank(struct db *db, long long unit_id, int rank, enum grade proposed);

/* The stored results of the current year (kind -1: counties and
 * departments), by kind, rank and order; with tree, every node of every
 * sheet too. Free with stored_results_free. */
int result_read_all(struct db *db, int kind, bool tree, struct stored_result **out, int *n);
/* One unit's stored result: 0, -1 (DB_NOT_FOUND if it has none). */
int result_read_unit(struct db *db, const struct unit *u, bool tree, struct stored_result *out);

/* Whether anything that bears on the results changed since the last
 * compute: 1 stale, 0 current, -1 no results yet, -2 could not be read
 * (message set). */
int results_stale(struct db *db);

#endif
