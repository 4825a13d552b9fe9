/* scheme.h: the rubric tree (考核方案) and its grade and veto rules.
 *
 * A scheme is parsed from a YAML file (see doc/scheme-language.md) by
 * scheme_parse() and is immutable afterwards. It owns all its strings.
 * The scoring engine (score.h) reads it; nothing here does I/O. */
#ifndef KAOHE_SCHEME_H
#define KAOHE_SCHEME_H

#include <stdbool.h>
#include <stddef.h>

#include "period.h"
#include "points.h"
#include "util.h"

enum group_score {
	SCORE_LEAF = 0,    /* not a group: scored by its rule */
	SCORE_SUM,         /* sum of children (rescaled when some are n/a) */
	SCORE_DEDUCT,      /* points minus children's deductions, floor 0 */
	SCORE_MEAN,        /* mean of applicable children */
	SCORE_SHEETS,      /* mean of sampled sub-units' sheets */
};

enum rule_type {
	RULE_NONE = 0,
	RULE_PER,          /* each × count, at most cap (+ extra at cap) */
	RULE_STEPS,        /* step deduction by count */
	RULE_CONDITIONS,   /* named conditions, each its deduction, cap */
	RULE_FIXED,        /* one condition */
	RULE_JUDGED,       /* a deduction the team judges, at most max */
	RULE_EARN,         /* earned points: each × count, at most cap */
	RULE_ENTERED,      /* a whole score entered by another body */
	/* Rules taking a finding of several figures (figures.h, rule_forms.c): */
	RULE_CLAUSES,      /* several clauses sharing one item's points */
	RULE_RANGE,        /* each occurrence from..to points, cap */
	RULE_RATE,         /* numerator/denominator below a target percentage */
	RULE_TARGET,       /* actual above a control target */
	RULE_TREND,        /* this year against last: down, same, up */
	RULE_ZERO,         /* a clause only: 不得分 (all the item's points) */
	RULE_ACCIDENTS,    /* counted from the accident register (accident_rule.h) */
};

enum na_policy { NA_NONE = 0, NA_FULL, NA_RESCALE };

enum sample_kind {
	SAMPLE_NONE = 0,
	SAMPLE_TOWN,
	SAMPLE_COUNTY_DEPARTMENT,
	SAMPLE_ENTERPRISE,
};

enum grade { GRADE_NONE = -1, GRADE_EXCELLENT = 0, GRADE_GOOD, GRADE_PASS, GRADE_FAIL };
#define GRADE_COUNT 4

enum accident_grade {
	ACCIDENT_GENERAL = 0,     /* 一般 */
	ACCIDENT_LARGER,          /* 较大 */
	ACCIDENT_MAJOR,           /* 重大 */
	ACCIDENT_EXTRAORDINARY,   /* 特别重大 */
};

/* Causes of a veto that are recorded for a unit rather than derived. */
enum veto_flag {
	FLAG_RESCUE_FAILURE = 1 << 0,   /* 未按预案抢险救援 */
	FLAG_NEGATIVE_IMPACT = 1 << 1,  /* 重大负面影响 */
	FLAG_FALSIFIED = 1 << 2,        /* 考核中弄虚作假 */
	FLAG_MISREPORTED = 1 << 3,      /* 瞒报、谎报、漏报事故 */
};

struct accident_rule;

struct condition {
	char *text;
	points_t deduct;
};

struct step {
	long long from;
	points_t deduct;
};

/* What a count of places (每发现一地) ranges over: PLACES_SAMPLED, the
 * county and the towns sampled in it (方式: 由各县（区）、抽查的乡镇…). A
 * count above the places examined is accepted with a warning. */
enum places { PLACES_ANY = 0, PLACES_SAMPLED };

/* Who enters an `entered` score: the office (default), the team, the
 * enforcement detachment, or an industry's scorer (the item's title names
 * the industry). */
enum entered_by { BY_OFFICE = 0, BY_TEAM, BY_ENFORCEMENT, BY_INDUSTRY };

/* Where a row's rule is written (scheme_links.c). */
enum rule_from { RULE_OWN = 0, RULE_FROM_GROUP, RULE_FROM_ABOVE };

/* Where what an item deducts beyond its points goes (本项扣完后，从本部分
 * （总分）中继续扣除): nowhere (扣完为止), its part, or the total. */
enum overflow_to { OVERFLOW_NONE = 0, OVERFLOW_PART, OVERFLOW_TOTAL };

struct rule {
	enum rule_type type;
	points_t each;          /* per, earn */
	points_t cap;           /* per, conditions, earn; valid if has_cap */
	bool has_cap;
	points_t extra;         /* per: extra deduction when cap is reached */
	points_t deduct;        /* fixed */
	points_t max;           /* judged; valid if has_max */
	bool has_max;
	points_t scale;         /* entered */
	enum entered_by by;     /* entered */
	long long max_count;    /* per, steps, earn: the most occurrences the
				   rubric allows (年度不得少于1次 → 1); 0: none */
	enum places places;     /* per: what a count of places ranges over */
	char *unit;             /* per, steps, earn: 次, 地, 项, 天 … */
	char *text;             /* fixed: 未落实 … */
	struct condition *conds;
	int nconds;
	struct step *steps;
	int nsteps;
	/* The figures rules (doc/scheme-language.md, "Findings with several
	 * figures"): */
	points_t from, to;      /* range: the deduction of one occurrence */
	points_t target;        /* rate: the target percentage (100 = 100%) */
	points_t per;           /* rate, target: one step (1 个百分点, 1 人) */
	points_t same, up;      /* trend: deduction when level, when higher */
	struct rule *clauses;   /* clauses: each clause's rule (text: label) */
	int nclauses;
	struct accident_rule *accidents;  /* RULE_ACCIDENTS (accident_rule.h) */
};

struct node {
	char *code;             /* "2.1.3"; "" for the root */
	char *title;
	char *text;             /* original rule text (items) */
	char *method;           /* own method, or NULL */
	char *note;
	char *reconstructed;
	points_t points;        /* full marks; for deduction items the most
				   they can lose (see doc/scheme-language.md) */
	points_t scale;         /* 0: scored directly out of points */
	enum group_score score;
	enum na_policy na;
	bool optional, mandatory, bonus;
	enum sample_kind sample;
	struct rule rule;
	struct node *parent;
	struct node **children;
	int nchildren;
	int line;               /* line in the scheme file */
	int index;              /* position in scheme->nodes (preorder) */
	int depth;              /* root 0 */
	struct node *sheet_root; /* the SCORE_SHEETS ancestor-or-self, if any */
	char **only;            /* the units this node applies to (本项仅适用于…);
				   NULL: every unit */
	int nonly;
	char **mandatory_for;   /* ★: the grades this node must be met for
				   (★为一级必达项; veto_forms.h); NULL: none */
	int nmandatory_for;
	/* Defaults, links and overflow (scheme_links.c, links.c). */
	enum overflow_to overflow;
	char **only_industry;   /* the industries of the units this node applies
				   to (本项仅适用于危险化学品企业); NULL: any */
	int nonly_industry;
	enum rule_from rule_inherited;  /* its own rule, or a group's
					   `defaults` (下同), or the row
					   above's (`rule: same`, 同上) */
	const struct item_link *link;   /* the link it is in, or NULL */
};

struct grade_rule {
	enum grade grade;
	points_t min;           /* valid if has_min; inclusive */
	bool has_min;
	int quota_pct;          /* -1: no quota */
	const char *name;       /* the scheme's name for it (its grade_names) */
};

enum veto_when {
	WHEN_ACCIDENTS, WHEN_DEATHS, WHEN_FLAG,
	WHEN_FINDING,          /* a finding on a named item (veto_forms.h) */
	WHEN_PART_BELOW,       /* a part scoring below a line */
	WHEN_ACCIDENT_MATCH,   /* N accidents matching grade, deaths in one, industry */
	WHEN_MANDATORY,        /* a ★ item of a grade not met (mandatory_for) */
};
struct veto_form;
enum veto_effect { EFFECT_FAIL, EFFECT_AT_MOST, EFFECT_ZERO };

struct veto_rule {
	char *code, *title;
	enum veto_when when;
	int count;                      /* accidents or deaths threshold */
	enum accident_grade accident_grade;
	bool min_grade;                 /* accident_grade or worse */
	enum veto_flag flag;
	enum veto_effect effect;
	enum grade grade;               /* EFFECT_AT_MOST */
	int line;
	struct veto_form *form;         /* the forms of veto_forms.h and the
					   units a veto is limited to; NULL: none */
};

/* The spot checks of one kind of sub-unit (方案四（二）: 抽查1-2个乡镇、
 * 2-3个部门、2-3家企业) and the pool they are drawn from. */
struct pool_entry {
	char *industry;
	int tier;               /* 1: drawn first (重点抽查) */
};

struct sample_rule {
	bool declared;
	int min, max;
	struct pool_entry *pool;  /* empty: every unit of the kind may be drawn */
	int npool;
	bool others;            /* units outside the pool are drawn after it */
};

/* Which city department supervises an industry: its accidents count
 * against that department too (plan 一（三）). */
struct industry_entry {
	char *industry, *department;
};

/* The daily assessment (日常考核): which item a kind of task is scored
 * into, and what each bad outcome costs. Words: core/daily.h. */
struct daily_item {
	int target, kind;       /* enum daily_target, enum daily_kind */
	char *code;
	int line;
};

struct daily_deduct {
	int outcome;            /* enum daily_outcome */
	points_t deduct, per_day;
};

/* Items that may find the same fact (不重复扣分): only the largest of
 * their deductions counts (links.c). */
struct item_link {
	char **codes;
	const struct node **items;   /* resolved by scheme_check_links */
	int n;
	char *note;
	int line;
};

struct scheme {
	char *name, *title, *unit, *source, *note;
	char *unit_title;       /* the kind's Chinese name: 县区, 市直部门, 学校, … */
	int year;
	struct node *root;
	struct node **nodes;    /* preorder, nodes[0] == root */
	int nnodes;
	struct node **by_code;  /* sorted by code, for scheme_find() */
	struct grade_rule grades[GRADE_COUNT];
	int ngrades;
	bool grades_default;    /* no grades section: 90/80/60% of the points */
	/* The grades' names by enum grade value (scheme_grade_name). A
	 * scheme naming only 优秀, 良好, 合格, 不合格 keeps those values; one
	 * with names of its own (一级, 二级, 三级; 达标, 基本达标, 不达标)
	 * numbers its n grades GRADE_FAIL − n + 1 … GRADE_FAIL, so that its
	 * last grade is the one a one-vote veto gives. NULL: no such grade. */
	char *grade_names[GRADE_COUNT];
	bool grades_custom;     /* names other than the four above */
	struct veto_rule *vetoes;
	int nvetoes;
	/* What a year takes from its scheme besides the tree. */
	struct sample_rule samples[4];   /* by enum sample_kind */
	struct industry_entry *industries;
	int nindustries;
	struct daily_item *daily_items;
	int ndaily_items;
	struct daily_deduct *daily_deducts;
	int ndaily_deducts;
	int window_from[3], window_to[3];  /* {years after `year`, month, day};
					      month 0: no window stated */
	/* Things worth a reader's attention that are not errors
	 * ("FILE:LINE: message"), for scheme check. */
	struct diag warnings;
	/* Assessed per quarter or month and rolled up (period.h); kind
	   PERIOD_NONE: the year only. */
	struct period_rule periods;
	/* 不重复扣分: sets of items where one fact is deducted once. */
	struct item_link *links;
	int nlinks;
};

/* Parses and checks a scheme. file names the source in messages.
 * Returns the scheme, or NULL with every problem added to d as
 * "FILE:LINE: message". */
struct scheme *scheme_parse(const char *buf, size_t len, const char *file,
			    struct diag *d);
void scheme_free(struct scheme *s);

/* The node with this code, or NULL. "" is the root. */
const struct node *scheme_find(const struct scheme *s, const char *code);

/* Whether node n applies to the unit named unit (its `only` list). */
bool node_applies(const struct node *n, const char *unit);
/* The nearest node at or above n with an `only` list, or NULL. */
const struct node *node_restricted(const struct node *n);
/* Whether n applies to a unit of industry (NULL: none) by its and its
 * ancestors' `only_industry` lists (links.c). */
bool node_industry_applies(const struct node *n, const char *industry);
/* What n's eligibility, overflow and link say, in words, as 〔…〕 notes
 * ("" if nothing; links.c). Caller frees. */
char *node_links_describe(const struct node *n);
/* The most the overflow of the items below t (a part or the root) can
 * take from t; -1 if a rule's count is not bounded (links.c). */
points_t overflow_max_into(const struct scheme *s, const struct node *t);

/* The sheets node scoring sampled sub-units of kind k, or NULL. */
const struct node *scheme_sheets_node(const struct scheme *s, enum sample_kind k);

/* A leaf that is scored by a rule (an item or sub-item). */
static inline bool node_is_leaf(const struct node *n) { return n->nchildren == 0; }

/* Whether s is a code the scheme language takes: letters, digits, '.',
 * '-' and '_' (scheme_node.c). */
bool scheme_code_valid(const char *s);

/* The method that applies to n: its own or the nearest ancestor's. */
const char *node_method(const struct node *n);
/* What a method asks the unit to provide (考核方式 "由…负责提供本级相关文件或
 * 资料，考核组进行检查核实" → "本级相关文件或资料"), or what it says the team
 * checks or reads first ("检查党委中心组学习计划、学习资料，抽查学习笔记" →
 * "党委中心组学习计划、学习资料"), or NULL if it names nothing. Caller frees. */
char *method_asks(const char *method);

/* The points a group's children are measured against: scale or points. */
static inline points_t node_inner(const struct node *n)
{
	return n->scale ? n->scale : n->points;
}

/* Names of the scheme language's keywords: "per", "deduct", … ("" if
 * none); parse returns 0 (RULE_NONE / SCORE_LEAF) if unknown. */
const char *rule_type_name(enum rule_type t);
enum rule_type rule_type_parse(const char *s);
const char *group_score_name(enum group_score s);
enum group_score group_score_parse(const char *s);

const char *grade_name(enum grade g);         /* 优秀 … ; "" for none */
/* A grade's name in scheme s (its own names; s NULL: the four above);
 * "" for GRADE_NONE or a grade s does not have. */
const char *scheme_grade_name(const struct scheme *s, enum grade g);
/* The grade of s named name, GRADE_NONE if s has none so named (s NULL:
 * grade_parse). */
enum grade scheme_grade_parse(const struct scheme *s, const char *name);
/* The best grade s can give (GRADE_EXCELLENT unless its names are its own);
 * the worst is always GRADE_FAIL. */
enum grade scheme_grade_best(const struct scheme *s);
/* What a veto capping the grade is called: 优秀否决 (it bars 优秀) with
 * the standard names, 档次限制 with a scheme's own. */
const char *scheme_cap_word(const struct scheme *s);
/* The names of s's grades, best first, joined by 、 (for messages). */
void scheme_grade_list(const struct scheme *s, struct buf *b);
enum grade grade_parse(const char *s);        /* GRADE_NONE if unknown */
const char *accident_grade_name(enum accident_grade g);
int accident_grade_parse(const char *s);      /* -1 if unknown */
const char *sample_kind_name(enum sample_kind k);  /* "county-department" */
const char *sample_kind_title(enum sample_kind k); /* 乡镇, 县区部门, 企业 */
enum sample_kind sample_kind_parse(const char *s); /* SAMPLE_NONE if unknown */
const char *veto_flag_name(enum veto_flag f);      /* "rescue-failure" */
const char *veto_flag_title(enum veto_flag f);     /* 未按预案抢险救援 */
int veto_flag_parse(const char *s);                /* 0 if unknown */

#endif
