/* accident_rule.h: items and vetoes counted from the accident register,
 * never retyped by a person: "每发生1起一般事故扣5分", "发生死亡事故的，
 * 本项不得分", "发生1次死亡3人以上事故的一票否决". An accident_match says
 * which accidents count (grade, deaths in one accident, industry); an
 * item of rule type `accidents` deducts per accident or once. */
#ifndef KAOHE_ACCIDENT_RULE_H
#define KAOHE_ACCIDENT_RULE_H

#include "accident.h"
#include "scheme.h"

struct scheme_ctx;
struct ynode;

/* Which accidents of the register count. */
struct accident_match {
	bool has_grade;
	enum accident_grade grade;
	bool min_grade;          /* grade or worse */
	long long min_deaths;    /* deaths in one accident at least; 0: any */
	char **industries;       /* the accident's industry is one of these;
				    NULL: any industry */
	int nindustries;
};

/* The rule of an `accidents` item. */
struct accident_rule {
	struct accident_match match;
	points_t each;           /* per accident counted; 0 with `deduct` */
	points_t deduct;         /* once, when any accident counts */
	bool deduct_all;         /* deduct: all (本项不得分): the item's points */
	points_t cap;            /* valid if has_cap (each) */
	bool has_cap;
};

/* Reads a word or a list of words at key of map y into *out (caller
 * frees each and the array); returns their number, 0 if absent, -1 on
 * error (reported). */
int sk_words(struct scheme_ctx *c, const struct ynode *y, const char *key, char ***out);

/* Reads the match keys of map y (accident_grade, min_accident_grade,
 * min_deaths, industry) into m, reporting problems as FILE:LINE. */
void accident_match_parse(struct scheme_ctx *c, const struct ynode *y,
			  struct accident_match *m, const char *what);
void accident_match_free(struct accident_match *m);
/* Whether accident a counts under m. */
bool accident_matches(const struct accident_match *m, const struct accident *a);
/* The accidents m counts, in words: 一般事故, 较大及以上事故, 煤矿行业死亡3人
 * 以上的事故. */
void accident_match_describe(const struct accident_match *m, struct buf *b);
/* One accident as explain shows it: 2016-03-05 死亡 1 人（一般）. */
void accident_counted_describe(const struct accident *a, int i, struct buf *b);

/* Parses the rule map y of node n, whose type is `accidents`. */
void accident_rule_parse(struct scheme_ctx *c, const struct ynode *y, struct node *n,
			 const char *what);
/* The most the rule itself says the item loses, or -1 (each without cap). */
points_t accident_rule_bound(const struct rule *r);
/* Whole-tree checks of an accidents item (scheme_check.c). */
void accident_rule_check(struct scheme_ctx *c, struct node *n);
void accident_rule_free(struct accident_rule *a);

/* The deduction of item n from the unit's accidents a[0..na), with the
 * accidents counted named in how (may be NULL). */
points_t accident_rule_deduction(const struct node *n, const struct accident *a, int na,
				 struct buf *how);
/* The rule in words: 每发生1起一般事故扣5分，最高扣10分（由事故登记计算）. */
void accident_rule_describe(const struct node *n, struct buf *b);

#endif
