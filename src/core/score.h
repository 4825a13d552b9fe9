/* score.h: the scoring engine. Given a scheme and what was found for one
 * unit, computes every node's score with a derivation a person can retrace
 * (3 次 × 2 分 = 6 分，上限 10 分 → 扣 6 分). Pure computation: no I/O.
 *
 * Findings name items by code. Each item takes exactly one input form,
 * decided by its rule (doc/scheme-language.md). Invalid findings are
 * rejected, never clamped: score_unit() then returns no result and a list
 * of messages naming the item and the value. */
#ifndef KAOHE_SCORE_H
#define KAOHE_SCORE_H

#include <stdint.h>

#include "accident.h"
#include "scheme.h"

enum input_form {
	INPUT_NONE = 0,
	INPUT_COUNT,       /* per, steps, earn */
	INPUT_CONDITIONS,  /* conditions, fixed: a set of condition numbers */
	INPUT_DEDUCT,      /* judged */
	INPUT_SCORE,       /* entered */
	INPUT_NA,          /* any node with an na policy */
	INPUT_FIGURES,     /* clauses, range, rate, target, trend (figures.h) */
};

struct finding {
	const char *code;
	enum input_form form;
	long long count;        /* INPUT_COUNT */
	uint64_t conditions;    /* INPUT_CONDITIONS: bit i-1 set = condition i found */
	points_t amount;        /* INPUT_DEDUCT, INPUT_SCORE */
	const char *note;
	/* Optional: the node of code, when the caller has looked it up
	 * already (must be scheme_find(s, code)); saves the engine a search. */
	const struct node *node;
	const char *figures;    /* INPUT_FIGURES: the text (figures.h) */
	int period;             /* the quarter or month it belongs to
				   (period.h); 0: the year */
};

/* One sampled sub-unit's sheet against a SCORE_SHEETS node. */
struct sheet_input {
	const char *node_code;  /* the sheets node, e.g. "2.2" */
	const char *label;      /* the sub-unit's name, for the derivation */
	const struct finding *findings;
	int nfindings;
	const char *industry;   /* the sub-unit's industry (only_industry);
				   NULL: none */
};

struct unit_input {
	const char *unit;                 /* the unit's name: nodes with an
					     `only` list apply to the named
					     units only; NULL: not checked */
	int places;                       /* places examined for PLACES_SAMPLED
					     counts: the county and its sampled
					     towns; 0: unknown (no warning) */
	const struct finding *findings;   /* outside any sheets node */
	int nfindings;
	const struct sheet_input *sheets;
	int nsheets;
	const struct accident *accidents;
	int naccidents;
	unsigned flags;                   /* enum veto_flag bits */
	bool brief;                       /* skip the derivations (compute) */
	int period;                       /* a periodic scheme: the period
					     being scored (its findings
					     only); 0: the year, rolled up */
	const char *industry;             /* the unit's industry (vetoes limited
					     to units of an industry, nodes' only_industry
					     where `unit` is named); NULL: none */
	const char *applied_grade;        /* the grade the unit applies for (申报
					     等级), by the scheme's name: only the ★
					     items of that grade bind it; NULL: none
					     recorded, every ★ item binds */
};

/* The result of one node (on the unit's own sheet or a sub-unit's). */
struct node_result {
	const struct node *node;
	points_t score;       /* the node's score (weighted to its points) */
	points_t deduction;   /* what it takes from a deduct parent */
	bool na;              /* not applicable */
	bool missing;         /* an entered score with no input */
	bool has_input;
	const struct finding *finding;
	char *derivation;     /* how the score was reached, in Chinese;
				 NULL when scored with unit_input.brief */
	char *warning;        /* something a person should look at, not an
				 error: a count above the places examined */
	struct sheet_result *sheets;  /* SCORE_SHEETS: one per sheet */
	int nsheets;
	points_t overflow;    /* an item's deduction beyond its points, taken
				 from its part or the total (overflow) */
};

struct sheet_result {
	const char *label;
	struct node_result *nodes;   /* indexed by node->index; only the
					sheets node's subtree is filled */
};

struct veto_hit {
	const struct veto_rule *rule;
	char *detail;         /* what triggered it: 2 起一般事故 … */
};

struct result {
	const struct scheme *scheme;
	struct node_result *nodes;   /* indexed by node->index */
	points_t total;              /* after mandatory items and zero vetoes */
	points_t raw_total;          /* the root's score before them */
	bool incomplete;             /* some entered score is missing */
	char **missing;              /* codes (sheet label/code) of missing inputs */
	int nmissing;
	char **warnings;             /* "CODE：…" for every node warning */
	int nwarnings;
	const struct node *mandatory_failed;  /* first failed mandatory node */
	struct veto_hit *vetoes;
	int nvetoes;
	enum grade by_score;         /* from the thresholds alone */
	enum grade proposed;         /* after the vetoes (quota: grade.h) */
	struct accident_summary accidents;
	/* A periodic scheme (period.h): each period's own result, in
	   period order; the nodes above are the roll-up. */
	struct period_result *periods;
	int nperiods;
};

struct period_result {
	int period;                  /* 1-based quarter or month */
	bool empty;                  /* nothing entered for the period:
					counted as not yet assessed */
	struct result *r;
};

/* Where a finding is recorded: the sheet and the unit. */
struct finding_where {
	const struct node *sheet_root;   /* the sheets node, or NULL for the
					    unit's own sheet */
	const char *unit;                /* the assessed unit's name (`only`);
					    NULL: not checked */
	const bool *computed;            /* by node index: items computed from
					    records (the daily assessment),
					    which a person cannot enter; NULL:
					    none */
	bool check_industry;             /* check only_industry against: */
	const char *industry;            /* the sheet's unit's industry
					    (NULL: none) */
};

/* Checks one finding against the scheme: the item exists and belongs to
 * the sheet, applies to the unit, takes this form of input, the value is
 * in range (a count within the rubric's stated maximum). On error adds a
 * message naming the item and the value to d (prefixed with where, e.g.
 * a CSV row) and returns -1. */
int finding_check(const struct scheme *s, const struct finding *f,
		  const struct finding_where *at, const char *where, struct diag *d);

/* Scores one unit. Returns the result, or NULL with every invalid finding
 * reported in d. Free with result_free(). */
struct result *score_unit(const struct scheme *s, const struct unit_input *in,
			  struct diag *d);
void result_free(struct result *r);

/* The rule restated in words: 每次扣2分，最高扣10分. Caller frees. */
char *rule_describe(const struct node *n);

#endif
