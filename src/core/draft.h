/* draft.h: a draft scheme from a rubric's own table (issue 11).
 *
 * An office receives each year's 考核细则 as a table: 编号, 考核项目, 分值,
 * 考核内容及评分标准, 考核方式. draft_rule reads the scoring phrases of one
 * cell of rule text ("每…扣N分", "最高扣M分", "未…的，扣N分", …) into a
 * rule where the reading is certain, and says why in Chinese where it is
 * not; draft_scheme turns the whole table into scheme YAML with each such
 * row marked `draft:`, which `scheme check` refuses until a person has
 * looked at it. Pure text work: no files, no libyaml. */
#ifndef KAOHE_DRAFT_H
#define KAOHE_DRAFT_H

#include "csv.h"
#include "scheme.h"

/* One cell's reading. rule is filled in every case (judged when nothing
 * could be read), so the scheme still parses; why is empty when the
 * reading is certain, else the reason a person must check it. */
struct draft_reading {
	struct rule rule;
	char why[512];
};

/* Reads text (an item's 考核内容及评分标准). points: the item's 分值, or -1
 * if the table gives none (needed for 不得分). Free with draft_reading_free. */
void draft_rule(const char *text, points_t points, struct draft_reading *out);
void draft_reading_free(struct draft_reading *r);

/* One level of the table above an item, for draft_entered: the row's own
 * text and method (level 0), then each group's, nearest first. */
struct draft_level {
	const char *text, *method;
};

/* Reads whether an item's score is given by another body ("由各行业主管
 * 打分", "由安全生产监察支队制定细则", in the row or a group above it).
 * Returns 0 when no level names one, or when the row's own text scores
 * it (扣N分, 不得分 …): then draft_rule reads it. Else 1 with out an
 * entered rule (scale, by), why empty only when scorer and scale are
 * certain. points: the item's 分值, or -1. Free with draft_reading_free. */
int draft_entered(const struct draft_level *lv, int nlv, points_t points, struct draft_reading *out);

/* Appends an entered rule's keys (", scale: 100, by: industry"). */
void draft_entered_yaml(const struct rule *r, struct buf *out);

/* Appends the rule as a YAML flow or block mapping value (after "rule:"),
 * indented by indent spaces for block lines. */
void draft_rule_yaml(const struct rule *r, int indent, struct buf *out);

/* Appends s as a double-quoted YAML scalar. */
void draft_yaml_str(struct buf *out, const char *s);

/* The scheme's head, written as given (the table does not state it). */
struct draft_meta {
	const char *name;       /* scheme: lower-case letters, digits, '-' */
	const char *title;
	const char *unit;       /* county | department | another kind's word */
	const char *unit_title; /* that kind's Chinese name; NULL for the two */
	int year;
};

struct draft_stats {
	int items;              /* rows scored by a rule */
	int read;               /* of which read with certainty */
	int marked;             /* of which marked draft: */
	int groups_marked;      /* groups marked draft: */
};

/* Writes the scheme drafted from table t (the header row among its first
 * rows names the columns) to yaml. file names the table in messages.
 * Returns 0, or -1 with every problem ("FILE:第N行：…") in d. */
int draft_scheme(const struct csv *t, const char *file, const struct draft_meta *m,
		 struct buf *yaml, struct draft_stats *st, struct diag *d);

#endif
