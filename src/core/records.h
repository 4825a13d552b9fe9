/* records.h: what a year holds, as plain data: the records storage reads
 * and writes and every surface shows (accidents, teams, samples, daily
 * tasks, vetoes, the audit log, accounts, stored results). Strings are
 * each struct's own; the *_clear and *_free functions release them. No
 * behaviour lives here beyond describing a record in words. */
#ifndef KAOHE_RECORDS_H
#define KAOHE_RECORDS_H

#include <stdbool.h>
#include <stdint.h>

#include "accident.h"
#include "unit_rules.h"

/* ---- accidents, industries, vetoes -------------------------------- */


struct accident_rec {
	long long id;
	char *county;
	char *date;
	long long deaths, injuries, loss;
	char *industry;
	bool concealed, false_report, omitted;
	char *misreported_by;     /* who concealed, falsely reported or omitted
				     it: NULL for the county itself, or a city
				     department (优秀否决(4) vetoes that unit) */
	bool occupational;        /* an occupational-disease hazard accident */
	char *grade;              /* the grade the investigation found (NULL for
				     one derived by Decree 493); required for an
				     occupational accident */
	char *note;
	char *department;         /* the department supervising the industry */
	bool department_registered;  /* it is a registered department */
};
void accident_rec_clear(struct accident_rec *a);
void accident_list_free(struct accident_rec *a, int n);
/* The grade of a record: the investigation's, or by Decree 493. */
enum accident_grade accident_rec_grade(const struct accident_rec *a);
/* The accident in words, for the record and for people. Caller frees. */
char *accident_describe(const struct accident_rec *a);

struct industry_row {
	char *industry, *department;
	bool registered;          /* the department is a registered unit */
};
void industry_list_free(struct industry_row *r, int n);

struct veto_row {
	long long id;
	char *unit, *cause, *reason;
};
void veto_list_free(struct veto_row *v, int n);

/* ---- teams, samples, daily tasks ------------------------------------ */

struct team_member {
	char *name;
	enum team_role role;
	char *title, *contact;    /* NULL if none */
};

struct team {
	long long id;
	char *name;
	struct team_member *members;
	int nmembers;
	char **units;             /* the scope, by name */
	int nunits;
};
void team_list_free(struct team *t, int n);

struct spot {
	char *county, *unit;
	enum unit_kind kind;
};
void spot_list_free(struct spot *p, int n);

/* What a draw or a choice of spot checks recorded: the seed (0 for a
 * choice) and what was sampled from which candidates. */
struct spot_report {
	uint64_t seed;
	char *detail;
};

struct daily_task {
	long long id;
	char *title;
	int target, kind;         /* enum daily_target, enum daily_kind */
	char *due;
	int recorded;             /* units with an outcome */
};
void daily_list_free(struct daily_task *t, int n);

/* ---- the audit log -------------------------------------------------- */

struct audit_row {
	long long seq;
	char *at, *actor, *action, *unit, *target, *old, *new_value, *reason;
	int year;
};
void audit_list_free(struct audit_row *r, int n);

/* ---- stored results --------------------------------------------------- */

/* One node's stored result on a unit's own sheet or a sampled unit's. */
enum { NODE_NA = 1, NODE_MISSING = 2, NODE_INPUT = 4 };
struct stored_node {
	const struct node *node;  /* in the year's scheme */
	points_t score, deduction;
	int state;                /* NODE_* bits */
	char *derivation, *warning;
};

struct stored_sheet {
	char *label;              /* the sampled unit's name */
	struct stored_node *nodes;   /* indexed by node->index; .node NULL where
					not stored (outside the sheet) */
};

struct stored_veto {
	char *code, *title, *detail;
	enum veto_effect effect;
	enum grade grade;         /* EFFECT_AT_MOST */
};

/* The collective decision on a unit (集体研究确定). */
struct decision_rec {
	enum grade grade;         /* GRADE_NONE: none recorded */
	char *reason, *actor, *at;
	bool automatic;           /* taken from the proposal at approval */
};

struct stored_result {
	struct unit unit;
	bool provincial;          /* the province's result, not scored here */
	points_t total, raw_total;
	bool incomplete;
	int rank;                 /* 0: not ranked */
	enum grade by_score, proposed;
	char *mandatory_failed;   /* a code, or NULL */
	char *computed_at;
	long long audit_seq;
	struct decision_rec decision;
	struct stored_veto *vetoes;
	int nvetoes;
	char **missing, **warnings;
	int nmissing, nwarnings;
	/* The parts (the scheme's first level) on the unit's own sheet. */
	struct stored_node *parts;
	int nparts;
	/* The tree (explain level): filled only when asked for. */
	const struct scheme *scheme;
	struct stored_node *nodes;   /* by node->index, own sheet */
	struct stored_sheet *sheets;
	int nsheets;
	/* The scheme whose grade names the grades above are in (the unit
	 * kind's scheme of the year; scheme_grade_name). */
	const struct scheme *grading;
};
void stored_result_clear(struct stored_result *r);
void stored_results_free(struct stored_result *r, int n);

/* The best grade a stored result's vetoes allow (GRADE_NONE: no cap). */
enum grade stored_veto_cap(const struct stored_result *r);
/* Whether a decided grade may stand against a stored result (the one
 * statement of it, for deciding and for every later reading): not above
 * what its vetoes allow, and a reason where it differs from the proposal
 * (a grade taken from the proposal at approval gives none). cap (if not
 * NULL) receives the vetoes' cap. */
enum decision_issue { DECISION_OK, DECISION_ABOVE_CAP, DECISION_NO_REASON };
enum decision_issue decision_check(const struct stored_result *r, enum grade g, const char *reason,
				   bool automatic, enum grade *cap);
/* What is wrong with the decision recorded for a stored result, as a
 * sentence ("确定档次高于否决所允许的档次，须重新确定（最高良好）"), or NULL if
 * nothing (none recorded, or one that stands). Caller frees. */
char *stored_decision_issue(const struct stored_result *r);

/* ---- objections ----------------------------------------------------- */

/* An assessed unit's objection (意见和建议) to its published result, and
 * the office's answer. */
struct objection {
	long long id;
	char *unit;
	char *code;               /* the item objected to, NULL: the whole result */
	char *text, *filed_by, *filed_at;
	char *evidence;           /* what the unit offers in support (text, links) */
	char *answer, *answered_by, *answered_at;   /* NULL until answered */
	char *outcome;            /* "upheld" | "changed", NULL until answered */
};
void objection_clear(struct objection *o);
void objection_list_free(struct objection *o, int n);

/* ---- verification and materials ---------------------------------- */

/* Where a unit's sheet stands in the office's verification (统计核实). */
enum review_state {
	REVIEW_OPEN = 0,          /* being entered */
	REVIEW_SUBMITTED,         /* the team leader submitted it: to verify */
	REVIEW_RETURNED,          /* the office sent it back with a remark */
	REVIEW_VERIFIED,          /* verified: locked against the team */
};
const char *review_state_name(enum review_state r);
const char *review_state_title(enum review_state r);
enum review_state review_state_parse(const char *s);

struct sheet_review {
	struct unit unit;
	char *team;                       /* NULL if none assigned */
	enum review_state state;
	bool has_team_total, has_verified_total;
	points_t team_total;              /* the total when the team submitted */
	points_t verified_total;          /* the total when the office verified */
	char *remark, *actor, *at;        /* the last step; NULL if none */
};
void sheet_review_clear(struct sheet_review *r);
void sheet_review_list_free(struct sheet_review *r, int n);

/* A material (资料) a unit provides for an item, or evidence for an
 * objection: a file (stored by its SHA-256) or a link. */
struct material {
	long long id;
	char *unit;
	char *code;               /* the item, NULL: the unit in general */
	long long objection_id;   /* 0: none */
	char *name;               /* the file's name or the link's title */
	char *link;               /* NULL for a file */
	char *hash;               /* hex SHA-256 of a file, NULL for a link */
	long long size;
	char *actor, *at;
};
void material_clear(struct material *m);
void material_list_free(struct material *m, int n);

/* ---- accounts ------------------------------------------------------- */

enum role {
	ROLE_OFFICE,              /* 安委办: everything */
	ROLE_LEADER,              /* 考核组组长 */
	ROLE_MEMBER,              /* 考核组成员 */
	ROLE_INDUSTRY,            /* 行业评分 */
	ROLE_ENFORCEMENT,         /* 执法评分 */
	ROLE_UNIT,                /* 被考核单位 */
	ROLE_VIEWER,              /* 组织部: published results */
	ROLE_COUNT
};
const char *role_name(enum role r);
const char *role_title(enum role r);
int role_parse(const char *s);
/* Every role, as "office 安委办、leader 考核组组长、…" (for messages). */
void role_words(struct buf *b);

struct account {
	long long id;
	char *name;
	enum role role;
	char *team, *industry, *unit;   /* the scope of the role, NULL if none */
	bool disabled;
	char *created_at;
};
void account_clear(struct account *a);
void account_list_free(struct account *a, int n);

#endif
