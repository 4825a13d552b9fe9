/* scheme_json.c: a scheme as JSON (kaohe scheme show --json). */
#include "render.h"
#include "../core/accident_rule.h"
#include "../core/veto_forms.h"
#include "../core/bounds.h"
#include "../core/daily.h"

#include <stdio.h>
#include <stdlib.h>

cJSON *json_points(points_t v)
{
	char b[POINTS_BUFSZ];
	return cJSON_CreateRaw(points_fmt(v, b));
}

/* Which accidents of the register count (accident_rule.h). */
static void match_to_json(cJSON *j, const struct accident_match *m)
{
	if (m->has_grade)
		cJSON_AddStringToObject(j, m->min_grade ? "min_accident_grade" : "accident_grade",
					accident_grade_name(m->grade));
	if (m->min_deaths)
		cJSON_AddNumberToObject(j, "min_deaths", (double)m->min_deaths);
	if (m->nindustries) {
		cJSON *is = cJSON_AddArrayToObject(j, "industry");
		for (int i = 0; i < m->nindustries; i++)
			cJSON_AddItemToArray(is, cJSON_CreateString(m->industries[i]));
	}
}

/* The when of a veto_forms.h veto, and the units it is limited to. */
static void veto_form_to_json(const struct scheme *s, cJSON *o, cJSON *w, const struct veto_rule *v)
{
	const struct veto_form *f = v->form;
	char b[POINTS_BUFSZ];
	if (v->when == WHEN_FINDING) {
		cJSON_AddStringToObject(w, "item", f->item);
		if (f->condition)
			cJSON_AddNumberToObject(w, "condition", f->condition);
	} else if (v->when == WHEN_PART_BELOW) {
		cJSON_AddStringToObject(w, "part", f->part);
		cJSON_AddItemToObject(w, "below", json_points(f->below));
		if (f->below_pct >= 0) {
			snprintf(b, sizeof b, "%d%%", f->below_pct);
			cJSON_AddStringToObject(w, "below_percent", b);
		}
	} else if (v->when == WHEN_ACCIDENT_MATCH) {
		cJSON_AddNumberToObject(w, "accidents", v->count);
		match_to_json(w, &f->match);
	} else if (v->when == WHEN_MANDATORY) {
		cJSON_AddStringToObject(w, "mandatory", scheme_grade_name(s, f->mandatory));
	}
	if (f->nunits) {
		cJSON *us = cJSON_AddArrayToObject(o, "only");
		for (int i = 0; i < f->nunits; i++)
			cJSON_AddItemToArray(us, cJSON_CreateString(f->units[i]));
	}
	if (f->nindustries) {
		cJSON *is = cJSON_AddArrayToObject(o, "only_industry");
		for (int i = 0; i < f->nindustries; i++)
			cJSON_AddItemToArray(is, cJSON_CreateString(f->industries[i]));
	}
}

static cJSON *rule_to_json(const struct node *n)
{
	const struct rule *r = &n->rule;
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "type", rule_type_name(r->type));
	char *d = rule_describe(n);
	cJSON_AddStringToObject(j, "description", d);
	free(d);
	if (r->type == RULE_PER || r->type == RULE_EARN)
		cJSON_AddItemToObject(j, "each", json_points(r->each));
	if (r->has_cap)
		cJSON_AddItemToObject(j, "cap", json_points(r->cap));
	if (r->extra)
		cJSON_AddItemToObject(j, "extra", json_points(r->extra));
	if (r->unit)
		cJSON_AddStringToObject(j, "unit", r->unit);
	if (r->max_count)
		cJSON_AddNumberToObject(j, "max_count", (double)r->max_count);
	if (r->places == PLACES_SAMPLED)
		cJSON_AddStringToObject(j, "places", "sampled");
	if (r->type == RULE_FIXED) {
		cJSON_AddItemToObject(j, "deduct", json_points(r->deduct));
		if (r->text)
			cJSON_AddStringToObject(j, "text", r->text);
	}
	if (r->type == RULE_JUDGED)
		cJSON_AddItemToObject(j, "max", json_points(r->max));
	if (r->type == RULE_ENTERED)
		cJSON_AddItemToObject(j, "scale", json_points(r->scale));
	if (r->type == RULE_ACCIDENTS && r->accidents) {
		const struct accident_rule *a = r->accidents;
		match_to_json(j, &a->match);
		if (a->each)
			cJSON_AddItemToObject(j, "each", json_points(a->each));
		if (a->has_cap)
			cJSON_AddItemToObject(j, "cap", json_points(a->cap));
		if (a->deduct_all)
			cJSON_AddStringToObject(j, "deduct", "all");
		else if (!a->each)
			cJSON_AddItemToObject(j, "deduct", json_points(a->deduct));
	}
	if (r->nconds) {
		cJSON *cs = cJSON_AddArrayToObject(j, "conditions");
		for (int i = 0; i < r->nconds; i++) {
			cJSON *c = cJSON_CreateObject();
			cJSON_AddNumberToObject(c, "number", i + 1);
			cJSON_AddStringToObject(c, "text", r->conds[i].text ? r->conds[i].text : "");
			cJSON_AddItemToObject(c, "deduct", json_points(r->conds[i].deduct));
			cJSON_AddItemToArray(cs, c);
		}
	}
	if (r->nsteps) {
		cJSON *ss = cJSON_AddArrayToObject(j, "steps");
		for (int i = 0; i < r->nsteps; i++) {
			cJSON *st = cJSON_CreateObject();
			cJSON_AddNumberToObject(st, "from", (double)r->steps[i].from);
			cJSON_AddItemToObject(st, "deduct", json_points(r->steps[i].deduct));
			cJSON_AddItemToArray(ss, st);
		}
	}
	return j;
}

cJSON *node_to_json(const struct node *n)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "code", n->code);
	cJSON_AddStringToObject(j, "title", n->title);
	cJSON_AddItemToObject(j, "points", json_points(n->points));
	if (n->scale)
		cJSON_AddItemToObject(j, "scale", json_points(n->scale));
	if (n->score != SCORE_LEAF)
		cJSON_AddStringToObject(j, "scoring", group_score_name(n->score));
	if (n->sample)
		cJSON_AddStringToObject(j, "sample", sample_kind_name(n->sample));
	if (n->na)
		cJSON_AddStringToObject(j, "na", n->na == NA_FULL ? "full" : "rescale");
	if (n->optional)
		cJSON_AddTrueToObject(j, "optional");
	if (n->mandatory)
		cJSON_AddTrueToObject(j, "mandatory");
	if (n->nmandatory_for) {
		cJSON *mf = cJSON_AddArrayToObject(j, "mandatory_for");
		for (int i = 0; i < n->nmandatory_for; i++)
			cJSON_AddItemToArray(mf, cJSON_CreateString(n->mandatory_for[i]));
	}
	if (n->bonus)
		cJSON_AddTrueToObject(j, "bonus");
	if (n->only) {
		cJSON *o = cJSON_AddArrayToObject(j, "only");
		for (int i = 0; i < n->nonly; i++)
			cJSON_AddItemToArray(o, cJSON_CreateString(n->only[i]));
	}
	if (n->only_industry) {
		cJSON *o = cJSON_AddArrayToObject(j, "only_industry");
		for (int i = 0; i < n->nonly_industry; i++)
			cJSON_AddItemToArray(o, cJSON_CreateString(n->only_industry[i]));
	}
	if (n->overflow)
		cJSON_AddStringToObject(j, "overflow", n->overflow == OVERFLOW_PART ? "part" : "total");
	if (n->link) {
		cJSON *o = cJSON_AddArrayToObject(j, "not_twice_with");
		for (int i = 0; i < n->link->n; i++)
			if (n->link->items[i] != n)
				cJSON_AddItemToArray(o, cJSON_CreateString(n->link->codes[i]));
	}
	if (node_is_leaf(n) && n->depth > 0) {
		cJSON_AddStringToObject(j, "text", n->text ? n->text : "");
		const char *m = node_method(n);
		if (m)
			cJSON_AddStringToObject(j, "method", m);
		else
			cJSON_AddNullToObject(j, "method");
		cJSON_AddItemToObject(j, "rule", rule_to_json(n));
	} else {
		if (n->text)
			cJSON_AddStringToObject(j, "text", n->text);
		if (n->method)
			cJSON_AddStringToObject(j, "method", n->method);
	}
	if (n->reconstructed)
		cJSON_AddStringToObject(j, "reconstructed", n->reconstructed);
	if (n->note)
		cJSON_AddStringToObject(j, "note", n->note);
	cJSON *ch = cJSON_AddArrayToObject(j, "children");
	for (int i = 0; i < n->nchildren; i++)
		cJSON_AddItemToArray(ch, node_to_json(n->children[i]));
	return j;
}

/* Adds each node's reachable range (bounds.h) to the tree's JSON. */
static void add_bounds(cJSON *j, const struct node *n, const struct node_bounds *b)
{
	cJSON_AddItemToObject(j, "min_score", json_points(b[n->index].min_score));
	if (b[n->index].min_score_any != b[n->index].min_score)
		cJSON_AddItemToObject(j, "min_score_more_places", json_points(b[n->index].min_score_any));
	cJSON_AddItemToObject(j, "max_deduction", json_points(b[n->index].max_deduction));
	cJSON *c;
	int i = 0;
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "children"))
		add_bounds(c, n->children[i++], b);
}

static void settings_to_json(cJSON *j, const struct scheme *s)
{
	if (s->window_from[1]) {
		char a[16], b[16];
		snprintf(a, sizeof a, "%04d-%02d-%02d", s->year + s->window_from[0], s->window_from[1],
			 s->window_from[2]);
		snprintf(b, sizeof b, "%04d-%02d-%02d", s->year + s->window_to[0], s->window_to[1],
			 s->window_to[2]);
		cJSON *w = cJSON_AddObjectToObject(j, "window");
		cJSON_AddStringToObject(w, "from", a);
		cJSON_AddStringToObject(w, "to", b);
	}
	cJSON *ss = cJSON_AddArrayToObject(j, "samples");
	for (int k = SAMPLE_TOWN; k <= SAMPLE_ENTERPRISE; k++) {
		const struct sample_rule *r = &s->samples[k];
		if (!r->declared)
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "kind", sample_kind_name((enum sample_kind)k));
		cJSON_AddNumberToObject(o, "min", r->min);
		cJSON_AddNumberToObject(o, "max", r->max);
		for (int tier = 1; tier <= 2; tier++) {
			cJSON *p = NULL;
			for (int i = 0; i < r->npool; i++)
				if (r->pool[i].tier == tier) {
					if (!p)
						p = cJSON_AddArrayToObject(o, tier == 1 ? "first" : "then");
					cJSON_AddItemToArray(p, cJSON_CreateString(r->pool[i].industry));
				}
		}
		if (r->others)
			cJSON_AddTrueToObject(o, "others");
		cJSON_AddItemToArray(ss, o);
	}
	cJSON *is = cJSON_AddArrayToObject(j, "industries");
	for (int i = 0; i < s->nindustries; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "industry", s->industries[i].industry);
		cJSON_AddStringToObject(o, "department", s->industries[i].department);
		cJSON_AddItemToArray(is, o);
	}
	cJSON *d = cJSON_AddObjectToObject(j, "daily");
	cJSON *items = cJSON_AddArrayToObject(d, "items");
	for (int i = 0; i < s->ndaily_items; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "target", daily_target_name(s->daily_items[i].target));
		cJSON_AddStringToObject(o, "kind", daily_kind_name(s->daily_items[i].kind));
		cJSON_AddStringToObject(o, "code", s->daily_items[i].code);
		cJSON_AddItemToArray(items, o);
	}
	cJSON *ds = cJSON_AddArrayToObject(d, "deductions");
	for (int i = 0; i < s->ndaily_deducts; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "outcome", daily_outcome_name(s->daily_deducts[i].outcome));
		cJSON_AddItemToObject(o, "deduct", json_points(s->daily_deducts[i].deduct));
		cJSON_AddItemToObject(o, "per_day", json_points(s->daily_deducts[i].per_day));
		cJSON_AddItemToArray(ds, o);
	}
}

cJSON *scheme_to_json(const struct scheme *s)
{
	cJSON *j = node_to_json(s->root);
	struct node_bounds *b = xcalloc((size_t)s->nnodes, sizeof *b);
	scheme_bounds(s, b);
	add_bounds(j, s->root, b);
	free(b);
	cJSON_AddStringToObject(j, "scheme", s->name);
	cJSON_AddStringToObject(j, "unit_kind", s->unit);
	cJSON_AddNumberToObject(j, "year", s->year);
	if (s->source)
		cJSON_AddStringToObject(j, "source", s->source);
	if (s->note && !cJSON_HasObjectItem(j, "note"))
		cJSON_AddStringToObject(j, "note", s->note);
	if (s->grades_default)
		cJSON_AddTrueToObject(j, "grades_default");
	cJSON *gs = cJSON_AddArrayToObject(j, "grades");
	for (int i = 0; i < s->ngrades; i++) {
		cJSON *g = cJSON_CreateObject();
		cJSON_AddStringToObject(g, "grade", s->grades[i].name);
		if (s->grades[i].has_min)
			cJSON_AddItemToObject(g, "min", json_points(s->grades[i].min));
		if (s->grades[i].quota_pct >= 0)
			cJSON_AddNumberToObject(g, "quota_percent", s->grades[i].quota_pct);
		cJSON_AddItemToArray(gs, g);
	}
	cJSON *vs = cJSON_AddArrayToObject(j, "vetoes");
	for (int i = 0; i < s->nvetoes; i++) {
		const struct veto_rule *v = &s->vetoes[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", v->code);
		cJSON_AddStringToObject(o, "title", v->title);
		static const char *const effects[] = {"fail", "at-most", "zero"};
		cJSON *w = cJSON_AddObjectToObject(o, "when");
		if (v->when == WHEN_ACCIDENTS) {
			cJSON_AddNumberToObject(w, "accidents", v->count);
			cJSON_AddStringToObject(w, v->min_grade ? "min_accident_grade" : "accident_grade",
						accident_grade_name(v->accident_grade));
		} else if (v->when == WHEN_DEATHS) {
			cJSON_AddNumberToObject(w, "deaths", v->count);
		} else if (v->when == WHEN_FLAG) {
			cJSON_AddStringToObject(w, "flag", veto_flag_name(v->flag));
		} else {
			veto_form_to_json(s, o, w, v);
		}
		if (v->form && v->when < WHEN_FINDING)
			veto_form_to_json(s, o, w, v);
		cJSON_AddStringToObject(o, "effect", effects[v->effect]);
		if (v->effect == EFFECT_AT_MOST)
			cJSON_AddStringToObject(o, "grade", scheme_grade_name(s, v->grade));
		cJSON_AddItemToArray(vs, o);
	}
	settings_to_json(j, s);
	return j;
}
