/* scheme_parse.c: YAML scheme file -> struct scheme, with every problem
 * reported as FILE:LINE: message (in Chinese: office IT staff read them).
 *
 * Parsing builds the tree and checks each key's form; scheme_check.c then
 * checks the tree as a whole (points adding up, caps within their node). */
#include "scheme.h"
#include "scheme_check.h"
#include "period_impl.h"
#include "accident_rule.h"
#include "veto_forms.h"
#include "scheme_links.h"
#include "ytree.h"
#include "rule_forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NODES 10000


/* Reports every key of map that is not in allowed[] (NULL-terminated). */
void sk_keys(struct scheme_ctx *c, const struct ynode *map,
		       const char *const *allowed, const char *what)
{
	for (int i = 0; i < map->n; i++) {
		const struct ynode *k = map->keys[i];
		if (k->type != Y_SCALAR) {
			scheme_err(c, k->line, "%s的键必须是简单文字", what);
			continue;
		}
		int ok = 0;
		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, k->str) == 0)
				ok = 1;
		for (int j = 0; j < i && ok; j++)
			if (map->keys[j]->type == Y_SCALAR &&
			    strcmp(map->keys[j]->str, k->str) == 0) {
				scheme_err(c, k->line, "%s中重复的键“%s”（第 %d 行已有）", what,
				    k->str, map->keys[j]->line);
				ok = 2;
			}
		if (!ok)
			scheme_err(c, k->line, "%s中未知的键“%s”", what, k->str);
	}
}

const struct ynode *sk_scalar(struct scheme_ctx *c, const struct ynode *map,
				  const char *key, int required, const char *what)
{
	const struct ynode *v = ytree_get(map, key);
	if (!v) {
		if (required)
			scheme_err(c, map->line, "%s缺少“%s”", what, key);
		return NULL;
	}
	if (v->type != Y_SCALAR) {
		scheme_err(c, v->line, "“%s”必须是文字或数字", key);
		return NULL;
	}
	return v;
}

char *sk_str(struct scheme_ctx *c, const struct ynode *map, const char *key,
		     int required, const char *what)
{
	const struct ynode *v = sk_scalar(c, map, key, required, what);
	if (!v)
		return NULL;
	if (required && v->str[0] == '\0') {
		scheme_err(c, v->line, "“%s”不能为空", key);
		return NULL;
	}
	return xstrdup(v->str);
}

/* Returns 1 if the key is present and valid, 0 if absent, -1 on error. */
int sk_points(struct scheme_ctx *c, const struct ynode *map, const char *key,
		      int required, const char *what, points_t *out)
{
	const struct ynode *v = sk_scalar(c, map, key, required, what);
	if (!v)
		return ytree_get(map, key) ? -1 : 0;
	if (points_parse(v->str, out) != 0) {
		scheme_err(c, v->line, "“%s”的值“%s”不是有效分值（非负数，最多两位小数）", key,
		    v->str);
		return -1;
	}
	return 1;
}

int sk_int(struct scheme_ctx *c, const struct ynode *map, const char *key,
		   int required, const char *what, long long lo, long long hi,
		   long long *out)
{
	const struct ynode *v = sk_scalar(c, map, key, required, what);
	if (!v)
		return ytree_get(map, key) ? -1 : 0;
	char *end;
	const char *s = v->str;
	long long x = 0;
	int ok = *s >= '0' && *s <= '9';
	if (ok) {
		x = strtoll(s, &end, 10);
		ok = *end == '\0' && x >= lo && x <= hi;
	}
	if (!ok) {
		scheme_err(c, v->line, "“%s”的值“%s”必须是 %lld 到 %lld 之间的整数", key, s, lo, hi);
		return -1;
	}
	*out = x;
	return 1;
}

int sk_bool(struct scheme_ctx *c, const struct ynode *map, const char *key, bool *out)
{
	const struct ynode *v = sk_scalar(c, map, key, 0, "");
	if (!v)
		return 0;
	if (strcmp(v->str, "true") == 0 || strcmp(v->str, "yes") == 0)
		*out = true;
	else if (strcmp(v->str, "false") == 0 || strcmp(v->str, "no") == 0)
		*out = false;
	else {
		scheme_err(c, v->line, "“%s”必须是 true 或 false", key);
		return -1;
	}
	return 1;
}

bool scheme_code_valid(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z') || *s == '.' || *s == '-' || *s == '_'))
			return false;
	return true;
}

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

static struct node *parse_node(struct scheme_ctx *c, const struct ynode *y,
			       struct node *parent, int depth);

static void parse_children(struct scheme_ctx *c, const struct ynode *list, struct node *n)
{
	if (list->type != Y_SEQ) {
		scheme_err(c, list->line, "“children”必须是列表");
		return;
	}
	if (list->n == 0) {
		scheme_err(c, list->line, "“children”不能为空");
		return;
	}
	n->children = xcalloc((size_t)list->n, sizeof *n->children);
	for (int i = 0; i < list->n; i++) {
		defaults_next_row(c, i ? list->items[i - 1] : NULL);
		struct node *ch = parse_node(c, list->items[i], n, n->depth + 1);
		if (ch)
			n->children[n->nchildren++] = ch;
	}
}

static struct node *parse_node(struct scheme_ctx *c, const struct ynode *y,
			       struct node *parent, int depth)
{
	static const char *const keys[] = {"code", "title", "points", "children", "score",
		"rule", "text", "method", "scale", "na", "optional", "mandatory", "bonus",
		"sample", "reconstructed", "note", "only", "draft", "mandatory_for", "overflow", "only_industry",
		"defaults", NULL};
	if (y->type != Y_MAP) {
		scheme_err(c, y->line, "节点必须是映射（code、title、points …）");
		return NULL;
	}
	if (++c->nnodes > MAX_NODES) {
		if (c->nnodes == MAX_NODES + 1)
			scheme_err(c, y->line, "节点过多（最多 %d 个）", MAX_NODES);
		return NULL;
	}
	struct node *n = xcalloc(1, sizeof *n);
	const struct ynode *v;
	n->parent = parent;
	n->depth = depth;
	n->line = y->line;
	n->code = sk_str(c, y, "code", 1, "节点");
	if (!n->code)
		n->code = xstrdup("?");
	else if (!scheme_code_valid(n->code))
		scheme_err(c, ytree_get(y, "code")->line,
		    "编号“%s”只能包含数字、字母、点、连字符和下划线", n->code);
	char what[96];
	snprintf(what, sizeof what, "节点 %s ", n->code);
	sk_keys(c, y, keys, what);
	n->title = sk_str(c, y, "title", 1, what);
	if (!n->title)
		n->title = xstrdup("");
	n->text = sk_str(c, y, "text", 0, what);
	n->method = sk_str(c, y, "method", 0, what);
	n->note = sk_str(c, y, "note", 0, what);
	n->reconstructed = sk_str(c, y, "reconstructed", 0, what);
	/* A remark left by `scheme draft` (draft.c): the row was not read with
	 * certainty, so the scheme is not usable until a person removes it. */
	if ((v = sk_scalar(c, y, "draft", 0, what)))
		scheme_err(c, v->line, "草稿标记未处理（节点 %s）：%s（请核对规则后删除 draft）", n->code,
		    v->str);
	if (sk_points(c, y, "points", 0, what, &n->points) != 1)
		n->points = -1; /* not written: derived or an error, see scheme_check.c */
	if (sk_points(c, y, "scale", 0, what, &n->scale) == 1 && n->scale == 0)
		scheme_err(c, ytree_get(y, "scale")->line, "“scale”必须大于 0");
	if ((v = sk_scalar(c, y, "na", 0, what))) {
		if (strcmp(v->str, "full") == 0)
			n->na = NA_FULL;
		else if (strcmp(v->str, "rescale") == 0)
			n->na = NA_RESCALE;
		else
			scheme_err(c, v->line, "“na”必须是 full（按满分）或 rescale（按比例折算）");
	}
	sk_bool(c, y, "optional", &n->optional);
	sk_bool(c, y, "mandatory", &n->mandatory);
	int nm = sk_words(c, y, "mandatory_for", &n->mandatory_for);
	n->nmandatory_for = nm > 0 ? nm : 0;
	sk_bool(c, y, "bonus", &n->bonus);
	if ((v = sk_scalar(c, y, "sample", 0, what))) {
		if (strcmp(v->str, "town") == 0)
			n->sample = SAMPLE_TOWN;
		else if (strcmp(v->str, "county-department") == 0)
			n->sample = SAMPLE_COUNTY_DEPARTMENT;
		else if (strcmp(v->str, "enterprise") == 0)
			n->sample = SAMPLE_ENTERPRISE;
		else
			scheme_err(c, v->line, "“sample”必须是 town、county-department 或 enterprise");
	}
	if ((v = ytree_get(y, "only"))) {
		if (v->type != Y_SEQ || v->n == 0) {
			scheme_err(c, v->line, "“only”必须是单位名称的列表，如 [海港区]");
		} else {
			n->only = xcalloc((size_t)v->n, sizeof *n->only);
			for (int i = 0; i < v->n; i++) {
				if (v->items[i]->type != Y_SCALAR || !v->items[i]->str[0])
					scheme_err(c, v->items[i]->line, "“only”的每一项须是单位名称");
				else
					n->only[n->nonly++] = xstrdup(v->items[i]->str);
			}
		}
	}
	links_parse_node(c, y, n);
	const struct ynode *children = ytree_get(y, "children");
	const struct ynode *rule = ytree_get(y, "rule");
	if ((v = sk_scalar(c, y, "score", 0, what))) {
		n->score = group_score_parse(v->str);
		if (n->score == SCORE_LEAF)
			scheme_err(c, v->line, "“score”必须是 sum、deduct、mean 或 sheets");
	}
	if (children && rule)
		scheme_err(c, rule->line, "节点 %s 不能同时有 children 和 rule", n->code);
	if (children) {
		if (!ytree_get(y, "score"))
			scheme_err(c, children->line, "节点 %s 有下级节点，须写明计分方式 score"
			    "（sum、deduct、mean 或 sheets）", n->code);
		struct scheme_ctx saved;
		defaults_enter(c, y, n, &saved);
		if (depth >= 12)
			scheme_err(c, children->line, "节点层级过深");
		else
			parse_children(c, children, n);
		defaults_leave(c, y, n, &saved);
	} else {
		if (ytree_get(y, "score"))
			scheme_err(c, ytree_get(y, "score")->line,
			    "节点 %s 没有下级节点，不能写 score", n->code);
		n->score = SCORE_LEAF;
		if (ytree_get(y, "defaults"))
			scheme_err(c, ytree_get(y, "defaults")->line,
			    "节点 %s 没有下级节点，不能写 defaults", n->code);
		/* its own rule, 同上 (rule: same) or its group's default */
		bool quiet = false;
		const struct ynode *ry = defaults_rule(c, y, n, &quiet);
		if (ry && quiet) {
			/* read before for another row, which reported its problems */
			struct diag scratch = {0}, *d = c->d;
			int nerr = c->nerr;
			c->d = &scratch;
			scheme_parse_rule(c, ry, n, &n->rule, 0);
			c->d = d;
			c->nerr = nerr;
			diag_free(&scratch);
		} else if (ry) {
			scheme_parse_rule(c, ry, n, &n->rule, 0);
		} else if (!rule) {
			scheme_err(c, y->line, "节点 %s 既没有 children 也没有 rule", n->code);
		}
	}
	return n;
}

static void parse_vetoes(struct scheme_ctx *c, const struct ynode *y, struct scheme *s)
{
	if (!y)
		return;
	if (y->type != Y_SEQ) {
		scheme_err(c, y->line, "“vetoes”必须是列表");
		return;
	}
	s->vetoes = xcalloc((size_t)y->n + 1, sizeof *s->vetoes);
	for (int i = 0; i < y->n; i++) {
		const struct ynode *v = y->items[i];
		static const char *const keys[] = {"code", "title", "when", "effect", "grade",
			"note", "only", "only_industry", NULL};
		if (v->type != Y_MAP) {
			scheme_err(c, v->line, "否决规则必须是映射（code、title、when、effect）");
			continue;
		}
		sk_keys(c, v, keys, "否决规则");
		struct veto_rule *vr = &s->vetoes[s->nvetoes++];
		vr->line = v->line;
		vr->code = sk_str(c, v, "code", 1, "否决规则");
		vr->title = sk_str(c, v, "title", 1, "否决规则");
		if (!vr->code)
			vr->code = xstrdup("?");
		if (!vr->title)
			vr->title = xstrdup("");
		for (int j = 0; j < i; j++)
			if (strcmp(s->vetoes[j].code, vr->code) == 0)
				scheme_err(c, v->line, "重复的否决规则编号“%s”（第 %d 行已有）", vr->code,
				    s->vetoes[j].line);
		const struct ynode *w = ytree_get(v, "when");
		veto_form_parse_scope(c, v, vr);
		if (!w || w->type != Y_MAP) {
			scheme_err(c, w ? w->line : v->line, "否决规则 %s 须有条件 when（映射）", vr->code);
		} else if (veto_form_when(w)) {
			veto_form_parse_when(c, w, vr);
		} else {
			static const char *const wkeys[] = {"accidents", "accident_grade",
				"min_accident_grade", "deaths", "flag", NULL};
			sk_keys(c, w, wkeys, "否决条件");
			long long x;
			const struct ynode *g;
			int forms = !!ytree_get(w, "accidents") + !!ytree_get(w, "deaths") +
				!!ytree_get(w, "flag");
			if (forms != 1)
				scheme_err(c, w->line, "否决条件须恰好使用 accidents、deaths、flag 之一");
			if (sk_int(c, w, "accidents", 0, "否决条件", 1, 1000, &x) == 1) {
				vr->when = WHEN_ACCIDENTS;
				vr->count = (int)x;
				const struct ynode *exact = ytree_get(w, "accident_grade");
				const struct ynode *min = ytree_get(w, "min_accident_grade");
				if (!!exact == !!min)
					scheme_err(c, w->line, "accidents 条件须写 accident_grade 或 "
					    "min_accident_grade 之一");
				g = exact ? exact : min;
				vr->min_grade = min != NULL;
				if (g) {
					int ag = g->type == Y_SCALAR ? accident_grade_parse(g->str) : -1;
					if (ag < 0)
						scheme_err(c, g->line, "事故等级须是 一般、较大、重大 或 特别重大");
					else
						vr->accident_grade = (enum accident_grade)ag;
				}
			}
			if (!ytree_get(w, "accidents") &&
			    (ytree_get(w, "accident_grade") || ytree_get(w, "min_accident_grade")))
				scheme_err(c, w->line, "accident_grade 和 min_accident_grade 只与 accidents 一起使用");
			if (sk_int(c, w, "deaths", 0, "否决条件", 1, 100000, &x) == 1) {
				vr->when = WHEN_DEATHS;
				vr->count = (int)x;
			}
			const struct ynode *f = sk_scalar(c, w, "flag", 0, "否决条件");
			if (f) {
				vr->when = WHEN_FLAG;
				vr->flag = (enum veto_flag)veto_flag_parse(f->str);
				if (!vr->flag)
					scheme_err(c, f->line, "未知的否决情形“%s”（可用：rescue-failure、"
					    "negative-impact、falsified、misreported）", f->str);
			}
		}
		const struct ynode *e = sk_scalar(c, v, "effect", 1, "否决规则");
		if (e) {
			if (strcmp(e->str, "fail") == 0)
				vr->effect = EFFECT_FAIL;
			else if (strcmp(e->str, "at-most") == 0)
				vr->effect = EFFECT_AT_MOST;
			else if (strcmp(e->str, "zero") == 0)
				vr->effect = EFFECT_ZERO;
			else
				scheme_err(c, e->line, "“effect”必须是 fail、at-most 或 zero");
		}
		const struct ynode *g = sk_scalar(c, v, "grade", 0, "否决规则");
		vr->grade = GRADE_NONE;
		if (g) {
			vr->grade = scheme_grade_parse(s, g->str);
			if (vr->grade == GRADE_NONE)
				scheme_err(c, g->line, "未知的档次“%s”（方案的档次见 grades）", g->str);
		}
		if (e && vr->effect == EFFECT_AT_MOST && !g)
			scheme_err(c, e->line, "effect: at-most 须同时写 grade（如 良好）");
		if (e && vr->effect != EFFECT_AT_MOST && g)
			scheme_err(c, g->line, "只有 effect: at-most 使用 grade");
	}
}

static void number_nodes(struct scheme *s, struct node *n, int *cap)
{
	if (s->nnodes == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		s->nodes = xrealloc(s->nodes, (size_t)*cap * sizeof *s->nodes);
	}
	n->index = s->nnodes;
	s->nodes[s->nnodes++] = n;
	for (int i = 0; i < n->nchildren; i++)
		number_nodes(s, n->children[i], cap);
}

/* The line number in "FILE:LINE: message" (file names contain no ':'
 * followed by digits and ':' in practice; 0 if absent). */
static long diag_line(const char *msg, size_t flen)
{
	if (strlen(msg) <= flen || msg[flen] != ':')
		return 0;
	return strtol(msg + flen + 1, NULL, 10);
}

/* Stable insertion sort of d->msgs[from..] by line, so a person reads the
 * problems top to bottom. */
static void sort_by_line(struct diag *d, int from, const char *file)
{
	size_t flen = strlen(file);
	for (int i = from + 1; i < d->n; i++) {
		char *m = d->msgs[i];
		long line = diag_line(m, flen);
		int j = i;
		while (j > from && diag_line(d->msgs[j - 1], flen) > line) {
			d->msgs[j] = d->msgs[j - 1];
			j--;
		}
		d->msgs[j] = m;
	}
}

struct scheme *scheme_parse(const char *buf, size_t len, const char *file,
			    struct diag *d)
{
	struct scheme_ctx c = {file, d, 0, 0, NULL};
	int first = d->n;
	struct ynode *y = ytree_parse(buf, len, file, d);
	if (!y)
		return NULL;
	struct scheme *s = xcalloc(1, sizeof *s);
	c.s = s;
	if (y->type != Y_MAP) {
		scheme_err(&c, y->line, "方案文件的顶层必须是映射（scheme、title、points、children …）");
		goto out;
	}
	static const char *const keys[] = {"scheme", "title", "unit", "unit_title", "year", "source",
		"points", "note", "grades", "vetoes", "children", "window", "samples", "industries",
		"daily", "periods", "links", NULL};
	sk_keys(&c, y, keys, "方案");
	s->name = sk_str(&c, y, "scheme", 1, "方案");
	if (s->name) {
		int ok = 1;
		for (const char *p = s->name; *p; p++)
			ok &= (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
		if (!ok)
			scheme_err(&c, ytree_get(y, "scheme")->line,
			    "方案名“%s”只能包含小写字母、数字和连字符", s->name);
	}
	s->title = sk_str(&c, y, "title", 1, "方案");
	scheme_parse_unit(&c, y, s);
	s->source = sk_str(&c, y, "source", 0, "方案");
	s->note = sk_str(&c, y, "note", 0, "方案");
	long long year = 0;
	if (sk_int(&c, y, "year", 1, "方案", 1949, 2999, &year) == 1)
		s->year = (int)year;
	struct node *root = xcalloc(1, sizeof *root);
	s->root = root;
	root->code = xstrdup("");
	root->title = xstrdup(s->title ? s->title : "");
	root->score = SCORE_SUM;
	root->line = y->line;
	if (sk_points(&c, y, "points", 1, "方案", &root->points) != 1)
		root->points = 0;
	const struct ynode *children = ytree_get(y, "children");
	if (!children)
		scheme_err(&c, y->line, "方案缺少“children”（各考核层面）");
	else
		parse_children(&c, children, root);
	scheme_parse_periods(&c, ytree_get(y, "periods"), s);
	scheme_parse_grades(&c, ytree_get(y, "grades"), s);
	parse_vetoes(&c, ytree_get(y, "vetoes"), s);
	scheme_parse_year(&c, y, s);
	links_parse(&c, ytree_get(y, "links"), s);
	/* The whole-tree checks run even after errors above, so that one
	 * run reports every problem; they tolerate partly parsed nodes. */
	int cap = 0;
	number_nodes(s, root, &cap);
	scheme_check(s, &c);
	scheme_check_year(&c, s);
	scheme_check_periods(&c, s);
	veto_forms_check(&c, s);
	for (int i = 0; i < s->ngrades; i++)
		s->grades[i].name = scheme_grade_name(s, s->grades[i].grade);
	links_check(&c, s);
out:
	ytree_free(y);
	sort_by_line(d, first, file);
	if (c.nerr > SCHEME_MAX_ERRORS)
		diag_add(d, "%s: 另有 %d 个问题未列出", file, c.nerr - SCHEME_MAX_ERRORS);
	if (c.nerr) {
		scheme_free(s);
		return NULL;
	}
	return s;
}
