/* scheme_rule.c: one item's `rule:` (or one clause of a clauses rule):
 * its type, the keys each type takes, and their values (each, cap,
 * steps, conditions, by …); the rules of several figures are read by
 * rule_forms.c, the items counted from the accident register by
 * accident_rule.c. */
#include "scheme.h"
#include "scheme_check.h"
#include "accident_rule.h"
#include "ytree.h"
#include "rule_forms.h"

#include <stdio.h>
#include <string.h>

void scheme_parse_rule(struct scheme_ctx *c, const struct ynode *y, struct node *n,
		       struct rule *r, int clause)
{
	static const char *const keys[] = {"type", "each", "cap", "unit", "extra", "steps",
		"conditions", "deduct", "text", "max", "scale", "max_count", "places", "by",
		RULE_FORMS_KEYS, NULL};
	char what[96];
	if (clause)
		snprintf(what, sizeof what, "节点 %s 的第 %d 条", n->code, clause);
	else
		snprintf(what, sizeof what, "节点 %s 的规则", n->code);
	if (y->type != Y_MAP) {
		scheme_err(c, y->line, "%s必须是映射（type: …）", what);
		return;
	}
	/* Items counted from the accident register take keys of their own. */
	const struct ynode *ty = ytree_get(y, "type");
	if (ty && ty->type == Y_SCALAR && strcmp(ty->str, "accidents") == 0) {
		accident_rule_parse(c, y, n, what);
		return;
	}
	sk_keys(c, y, keys, what);
	const struct ynode *t = sk_scalar(c, y, "type", 1, what);
	if (!t)
		return;
	r->type = rule_type_parse(t->str);
	if (r->type == RULE_NONE) {
		scheme_err(c, t->line, "未知的规则类型“%s”（可用：per、steps、conditions、fixed、"
		    "judged、earn、entered、clauses、range、rate、target、trend、accidents）", t->str);
		return;
	}
	/* the rules taking several figures, and the kinds a clause may be */
	if (rule_forms_parse(c, y, n, r, clause, what) != 0)
		return;
	/* Keys each type takes; anything else is a mistake worth reporting. */
	static const char *const takes[][8] = {
		[RULE_PER] = {"type", "each", "cap", "unit", "extra", "max_count", "places"},
		[RULE_STEPS] = {"type", "steps", "unit", "max_count"},
		[RULE_CONDITIONS] = {"type", "conditions", "cap"},
		[RULE_FIXED] = {"type", "deduct", "text"},
		[RULE_JUDGED] = {"type", "max"},
		[RULE_EARN] = {"type", "each", "cap", "unit", "max_count"},
		[RULE_ENTERED] = {"type", "scale", "by"},
	};
	for (int i = 0; i < y->n; i++) {
		const struct ynode *k = y->keys[i];
		if (k->type != Y_SCALAR)
			continue;
		int known = 0, taken = 0;
		for (const char *const *a = keys; *a; a++)
			known |= strcmp(*a, k->str) == 0;
		for (int j = 0; j < 8 && takes[r->type][j]; j++)
			taken |= strcmp(takes[r->type][j], k->str) == 0;
		taken |= clause && strcmp(k->str, "text") == 0;
		if (known && !taken)
			scheme_err(c, k->line, "%s 类规则不使用“%s”", t->str, k->str);
	}
	int need_each = r->type == RULE_PER || r->type == RULE_EARN;
	if (need_each) {
		if (sk_points(c, y, "each", 1, what, &r->each) == 1 && r->each == 0)
			scheme_err(c, ytree_get(y, "each")->line, "“each”必须大于 0");
	}
	if (r->type == RULE_PER || r->type == RULE_CONDITIONS || r->type == RULE_EARN) {
		int got = sk_points(c, y, "cap", r->type == RULE_EARN, what, &r->cap);
		r->has_cap = got == 1;
		if (got == 1 && r->cap == 0)
			scheme_err(c, ytree_get(y, "cap")->line, "“cap”必须大于 0");
		if (got == 1 && need_each && r->each > r->cap)
			scheme_err(c, ytree_get(y, "cap")->line, "上限 cap 小于每次的分值 each");
	}
	if (r->type == RULE_PER || r->type == RULE_STEPS || r->type == RULE_EARN) {
		char *u = sk_str(c, y, "unit", 0, what);
		r->unit = u ? u : xstrdup(r->type == RULE_EARN ? "项" : "次");
	}
	long long mc = 0;
	if (sk_int(c, y, "max_count", 0, what, 1, 1000000, &mc) == 1)
		r->max_count = mc;
	const struct ynode *pl = sk_scalar(c, y, "places", 0, what);
	if (pl) {
		if (strcmp(pl->str, "sampled") == 0)
			r->places = PLACES_SAMPLED;
		else if (strcmp(pl->str, "any") != 0)
			scheme_err(c, pl->line, "“places”必须是 sampled（本级和抽查的乡镇）或 any");
	}
	if (r->type == RULE_PER && sk_points(c, y, "extra", 0, what, &r->extra) == 1 &&
	    !r->has_cap)
		scheme_err(c, ytree_get(y, "extra")->line, "“extra”（扣满后追加扣分）需要同时写 cap");
	if (r->type == RULE_FIXED) {
		if (sk_points(c, y, "deduct", 1, what, &r->deduct) == 1 && r->deduct == 0)
			scheme_err(c, ytree_get(y, "deduct")->line, "“deduct”必须大于 0");
		r->text = sk_str(c, y, "text", 0, what);
	} else if (clause) {
		r->text = sk_str(c, y, "text", 0, what);
	}
	if (r->type == RULE_JUDGED) {
		int got = sk_points(c, y, "max", 0, what, &r->max);
		r->has_max = got == 1;
	}
	if (r->type == RULE_ENTERED && (pl = sk_scalar(c, y, "by", 0, what))) {
		static const char *const by[] = {"office", "team", "enforcement", "industry"};
		int found = 0;
		for (int i = 0; i < 4; i++)
			if (strcmp(pl->str, by[i]) == 0) {
				r->by = (enum entered_by)i;
				found = 1;
			}
		if (!found)
			scheme_err(c, pl->line, "“by”必须是 office（安委办）、team（考核组）、"
			    "enforcement（执法评分）或 industry（行业评分）");
	}
	if (r->type == RULE_ENTERED) {
		r->scale = POINTS(100);
		if (sk_points(c, y, "scale", 0, what, &r->scale) == 1 && r->scale == 0)
			scheme_err(c, ytree_get(y, "scale")->line, "“scale”必须大于 0");
	}
	if (r->type == RULE_CONDITIONS) {
		const struct ynode *cs = ytree_get(y, "conditions");
		if (!cs) {
			scheme_err(c, y->line, "%s缺少“conditions”（情形列表）", what);
		} else if (cs->type != Y_SEQ || cs->n == 0) {
			scheme_err(c, cs->line, "“conditions”必须是非空列表");
		} else {
			r->conds = xcalloc((size_t)cs->n, sizeof *r->conds);
			for (int i = 0; i < cs->n; i++) {
				const struct ynode *ci = cs->items[i];
				static const char *const ckeys[] = {"text", "deduct", NULL};
				char cwhat[128];
				snprintf(cwhat, sizeof cwhat, "节点 %s 的情形 %d", n->code, i + 1);
				if (ci->type != Y_MAP) {
					scheme_err(c, ci->line, "%s必须是映射（text、deduct）", cwhat);
					continue;
				}
				sk_keys(c, ci, ckeys, cwhat);
				struct condition *cd = &r->conds[r->nconds++];
				cd->text = sk_str(c, ci, "text", 1, cwhat);
				if (sk_points(c, ci, "deduct", 1, cwhat, &cd->deduct) == 1 &&
				    cd->deduct == 0)
					scheme_err(c, ci->line, "%s的扣分必须大于 0", cwhat);
			}
			if (r->nconds > 64)
				scheme_err(c, cs->line, "情形最多 64 个");
		}
	}
	if (r->type == RULE_STEPS) {
		const struct ynode *ss = ytree_get(y, "steps");
		if (!ss) {
			scheme_err(c, y->line, "%s缺少“steps”（档次列表）", what);
		} else if (ss->type != Y_SEQ || ss->n == 0) {
			scheme_err(c, ss->line, "“steps”必须是非空列表");
		} else {
			r->steps = xcalloc((size_t)ss->n, sizeof *r->steps);
			for (int i = 0; i < ss->n; i++) {
				const struct ynode *si = ss->items[i];
				static const char *const skeys[] = {"from", "deduct", NULL};
				char swhat[128];
				snprintf(swhat, sizeof swhat, "节点 %s 的第 %d 档", n->code, i + 1);
				if (si->type != Y_MAP) {
					scheme_err(c, si->line, "%s必须是映射（from、deduct）", swhat);
					continue;
				}
				sk_keys(c, si, skeys, swhat);
				struct step *st = &r->steps[r->nsteps++];
				long long from = 0;
				if (sk_int(c, si, "from", 1, swhat, 1, 1000000, &from) == 1)
					st->from = from;
				sk_points(c, si, "deduct", 1, swhat, &st->deduct);
				const struct step *prev = r->nsteps > 1 ? &r->steps[r->nsteps - 2] : NULL;
				if (prev && (st->from <= prev->from || st->deduct <= prev->deduct))
					scheme_err(c, si->line, "%s：档次的次数和扣分都必须递增", swhat);
			}
		}
	}
}
