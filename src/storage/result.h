/* result.h: computing a year's results, ranking, grades and decisions.
 *
 * Scores come only from the core engine (score.h): this file gathers a
 * unit's inputs from the database, scores them, and stores what reports
 * and the web show. */
#ifndef KAOHE_RESULT_H
#define KAOHE_RESULT_H

#include "db.h"
#include "unit.h"
#include "../core/score.h"

/* Everything score_unit() needs for one unit, and the memory behind it. */
struct unit_load {
	struct unit unit;
	const struct scheme *scheme;
	struct unit_input in;
	struct finding *findings;
	struct sheet_input *sheets;
	struct finding **sheet_findings;
	struct accident *accidents;
	char *veto_reasons[4];   /* the reasons recorded per veto flag bit */
	char **strings;
	int nstrings;
};

int unit_load(struct db *db, const struct unit *u, struct unit_load *L);
void unit_load_free(struct unit_load *L);

/* Scores one unit live, for kaohe explain. *r is freed by the caller with
 * result_free(); d receives input problems. */
int unit_explain(struct db *db, const char *name, struct unit_load *L, struct result **r,
		 struct diag *d);

struct compute_summary {
	int scored, provincial, excluded, incomplete, failed;
};
/* Scores every county and department of the year, ranks each kind and
 * applies grade quotas, stores the results. Caller holds a write
 * transaction. Units whose inputs cannot be scored are listed in d (and
 * nothing is stored); incomplete results are listed in notes. */
int compute_all(struct db *db, struct compute_summary *sum, struct diag *d, struct diag *notes);

/* One stored result. */
struct result_row {
	char unit[256];
	char kind[32];
	char status[16];
	points_t total;
	bool incomplete;
	int rank;
	char proposed[16];     /* "" if none */
	char grade[16];        /* the recorded decision, "" if none */
	char reason[512];
	const char *detail;    /* JSON: parts, vetoes, missing */
};
/* Calls fn for each result of a kind (NULL: all), by kind and rank. */
int results_each(struct db *db, const char *kind, int (*fn)(const struct result_row *, void *),
		 void *arg);
/* Whether anything changed since the last compute (1), not (0), or no
 * results yet (-1). */
int results_stale(struct db *db);

/* The proposal stored by the last compute, when nothing changed since
 * (it includes the grade quotas, which need every unit): returns 1 and
 * sets *g, or 0. */
int result_current_proposal(struct db *db, long long unit_id, enum grade *g);

/* Records the collective decision for a unit. A reason is required where
 * the grade differs from the proposal. */
int decision_set(struct db *db, const char *unit, const char *grade, const char *reason);

/* Approves (locks) the year: results must be current and complete; units
 * without a decision take their proposed grade, on the record. */
int year_approve_results(struct db *db, struct buf *report);

/* The reason of decisions made automatically at approval. */
extern const char *const AUTO_REASON;

#endif
