/* veto_forms.h: the veto and grade-cap triggers beyond the year's totals
 * of accidents, deaths and recorded causes: a finding on a named item
 * ("未建立…的，不得评为优秀"), a part scoring below a line ("安全基础管理
 * 部分得分低于60%的，不得评为优秀"), N accidents each matching a grade,
 * deaths in one accident and industry ("发生1次死亡3人以上事故的一票否
 * 决"), and any veto limited to a class of units (by name or industry). */
#ifndef KAOHE_VETO_FORMS_H
#define KAOHE_VETO_FORMS_H

#include "accident_rule.h"
#include "score.h"

struct veto_form {
	/* WHEN_FINDING */
	char *item;
	int condition;               /* 0: any deduction on the item */
	/* WHEN_PART_BELOW */
	char *part;
	points_t below;              /* the line in points (below_pct < 0), or
					resolved from below_pct by the check */
	int below_pct;               /* -1: the line is given in points */
	/* WHEN_MANDATORY: the ★ items of this grade */
	enum grade mandatory;
	/* WHEN_ACCIDENT_MATCH (count: veto_rule.count) */
	struct accident_match match;
	/* the units the veto applies to; none: every unit */
	char **units;
	int nunits;
	char **industries;           /* the unit's industry (单位名册的行业) */
	int nindustries;
};

/* Whether the `when` map w uses a form of this file. */
bool veto_form_when(const struct ynode *w);
/* Parses such a `when` into vr (vr->when, vr->count, vr->form). */
void veto_form_parse_when(struct scheme_ctx *c, const struct ynode *w, struct veto_rule *vr);
/* Parses the veto's own keys `only` and `only_industry` (if any). */
void veto_form_parse_scope(struct scheme_ctx *c, const struct ynode *v, struct veto_rule *vr);
/* Checks the codes the vetoes name against the tree and resolves a line
 * given in percent (after scheme_check). */
void veto_forms_check(struct scheme_ctx *c, struct scheme *s);
void veto_form_free(struct veto_form *f);

/* Whether veto v applies to the unit of in (its `only` lists). */
bool veto_applies(const struct veto_rule *v, const struct unit_input *in);
/* Drops the hits of vetoes that do not apply to the unit and adds those of
 * the forms above, judged from the scored nodes and the accidents. */
void veto_forms_evaluate(const struct scheme *s, const struct unit_input *in, struct result *r);

/* The trigger and the units of v in words, for scheme show ("" for the
 * classic forms without a scope). */
void veto_form_describe(const struct scheme *s, const struct veto_rule *v, struct buf *b);

#endif
