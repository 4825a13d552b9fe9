/* unit_rules.h: assessed units and their sub-units as data, and the rules
 * a unit record obeys (kinds, statuses, parents, bounds). One check for
 * every surface and every path (add, edit, import). Pure: no I/O. */
#ifndef KAOHE_UNIT_RULES_H
#define KAOHE_UNIT_RULES_H

#include <stdbool.h>

#include "scheme.h"

enum unit_kind {
	KIND_COUNTY,              /* 县区 */
	KIND_DEPARTMENT,          /* 市直部门 */
	KIND_TOWN,                /* 乡镇 */
	KIND_COUNTY_DEPARTMENT,   /* 县区部门 */
	KIND_ENTERPRISE,          /* 企业 */
	KIND_COUNT
};

enum unit_status {
	STATUS_ASSESSED,          /* 市考核 */
	STATUS_PROVINCIAL,        /* 省考核 */
	STATUS_EXCLUDED,          /* 不考核 */
	STATUS_COUNT
};

/* A unit of an assessment year. Strings are the struct's own (unit_clear). */
struct unit {
	long long id;
	char *name;
	enum unit_kind kind;
	long long parent_id;      /* 0: none */
	char *parent;             /* the parent's name, NULL if none */
	char *industry;           /* NULL if none */
	int sort_order;
	enum unit_status status;
	bool has_provincial_total;
	points_t provincial_total;
	enum grade provincial_grade;   /* GRADE_NONE if none */
	char *applied_grade;      /* the grade it applies for (申报等级), by the
				     scheme's name: which ★ items bind it;
				     NULL if none recorded */
};

void unit_clear(struct unit *u);
void unit_list_free(struct unit *u, int n);
/* A deep copy of src into dst. */
void unit_copy(struct unit *dst, const struct unit *src);

/* Whether u has a sheet of its own, scored item by item (the one
 * statement of it, for explain, notes, review and reports): UNIT_SHEET_OWN,
 * or, with the reason in *why, UNIT_SHEET_PART (a town, county department
 * or enterprise: its rows are part of its county's sheet) or
 * UNIT_SHEET_NONE (provincial or excluded this year). */
enum unit_sheet { UNIT_SHEET_OWN = 0, UNIT_SHEET_PART, UNIT_SHEET_NONE };
enum unit_sheet unit_sheet_of(const struct unit *u, struct buf *why);

/* Code words (county, …; assessed, …) and Chinese titles (县区, …; 市考核, …),
 * of the extra kinds too. parse takes either; -1 if unknown. */
const char *unit_kind_name(enum unit_kind k);
const char *unit_kind_title(enum unit_kind k);
int unit_kind_parse(const char *s);
const char *unit_status_name(enum unit_status s);
const char *unit_status_title(enum unit_status s);
int unit_status_parse(const char *s);

/* Kinds a year's schemes name besides county and department (school,
 * hospital, community, …: a scheme's `unit:` word, unit_kinds.c) are
 * numbered from KIND_COUNT on for the life of the process; the number is
 * never stored, only the word. */
#define KIND_EXTRA_MAX 32
#define UNIT_KIND_WORD_MAX 24       /* bytes of a kind's code word */
#define UNIT_KIND_TITLE_BYTES 64    /* bytes of its Chinese title, with the NUL */
/* Whether s may be a kind's code word: a lower-case letter, then
 * lower-case letters, digits and inner hyphens, at most 24. */
bool unit_kind_word_valid(const char *s);
/* The number of the kind word (a built-in kind's own number), giving it
 * one if new; title (may be NULL) is kept if the word has none yet.
 * Returns -1 if the word is not valid or the table is full. */
int unit_kind_intern(const char *word, const char *title);
/* An extra kind's word and title ("" if k is not one; the title falls
 * back to the word), and the number of a word or title already interned
 * (-1 if none). */
const char *unit_kind_extra_name(int k);
const char *unit_kind_extra_title(int k);
int unit_kind_extra_parse(const char *s);

/* Counties, departments and the extra kinds are scored against a scheme
 * of their own; the rest are the counties' sampled sub-units. */
static inline bool unit_kind_assessed(enum unit_kind k)
{
	return k == KIND_COUNTY || k == KIND_DEPARTMENT || (int)k >= KIND_COUNT;
}
/* The scheme a kind is scored against ("county", "department", the extra
 * kind's word), or NULL. */
const char *unit_kind_scheme(enum unit_kind k);
/* The kind of sampled sub-unit a unit kind is (SAMPLE_NONE if none). */
enum sample_kind unit_kind_sample(enum unit_kind k);

/* Longest names and words, in characters. */
#define UNIT_NAME_MAX 80
#define UNIT_WORD_MAX 40

/* The place of a unit in the official order, as a person typed it
 * ("3", "３"): a whole number from 1 to UNIT_ORDER_MAX. The one check of
 * it for every surface and path (add, edit, import). Returns 0 with the
 * number in *out, or -1 with the reason appended to why. */
#define UNIT_ORDER_MAX 1000000
int unit_order_parse(const char *text, int *out, struct buf *why);

/* Checks a unit record as it would be stored: name, kind, parent (the
 * parent's kind given, -1 if none), industry, status and the
 * provincial result (bounded by max_total, the scheme's points). Returns
 * 0, or -1 with the reason in why and the field concerned in *field. */
int unit_check(const struct unit *u, int parent_kind, points_t max_total, struct buf *why,
	       const char **field);

/* Checks one text a person typed: valid UTF-8, no control characters
 * (newlines only where multiline), at most max characters, and not empty
 * where required. label names the field in the message. Returns 0 or -1
 * with the reason appended to why. */
int text_check(const char *s, const char *label, int max, bool multiline, bool required,
	       struct buf *why);

/* A member's place in an assessment team (附件1: 组长、副组长、组员、联系人). */
enum team_role { TEAM_LEADER, TEAM_DEPUTY, TEAM_MEMBER, TEAM_CONTACT, TEAM_ROLES };
const char *team_role_name(int r);
const char *team_role_title(int r);
int team_role_parse(const char *s);

/* Drops spaces (ASCII and 全角) around a name typed or pasted, in place. */
void text_trim(char *s);

#endif
