/* stored_json.c: stored records as JSON for programs (kaohe unit list
 * --json, kaohe results --json). */
#include "render.h"

#include <stdlib.h>

cJSON *unit_to_json(const struct unit *u, const struct scheme *grading)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", u->name);
	cJSON_AddStringToObject(o, "kind", unit_kind_name(u->kind));
	if (u->parent)
		cJSON_AddStringToObject(o, "parent", u->parent);
	if (u->industry)
		cJSON_AddStringToObject(o, "industry", u->industry);
	cJSON_AddNumberToObject(o, "order", u->sort_order);
	cJSON_AddStringToObject(o, "status", unit_status_name(u->status));
	if (u->has_provincial_total)
		cJSON_AddItemToObject(o, "provincial_total", json_points(u->provincial_total));
	if (u->provincial_grade != GRADE_NONE)
		cJSON_AddStringToObject(o, "provincial_grade", scheme_grade_name(grading, u->provincial_grade));
	if (u->applied_grade)
		cJSON_AddStringToObject(o, "applied_grade", u->applied_grade);
	return o;
}

static void add_grade(cJSON *o, const char *key, const struct scheme *grading, enum grade g)
{
	if (g == GRADE_NONE)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, scheme_grade_name(grading, g));
}

static cJSON *strings(char *const *v, int n)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

cJSON *stored_result_to_json(const struct stored_result *r)
{
	static const char *const effects[] = {"fail", "at-most", "zero"};
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "unit", r->unit.name);
	cJSON_AddStringToObject(o, "kind", unit_kind_name(r->unit.kind));
	cJSON_AddStringToObject(o, "status", unit_status_name(r->unit.status));
	cJSON_AddItemToObject(o, "total", json_points(r->total));
	if (r->rank)
		cJSON_AddNumberToObject(o, "rank", r->rank);
	else
		cJSON_AddNullToObject(o, "rank");
	cJSON_AddBoolToObject(o, "incomplete", r->incomplete);
	add_grade(o, "proposed_grade", r->grading, r->proposed);
	add_grade(o, "grade", r->grading, r->decision.grade);
	if (r->decision.reason)
		cJSON_AddStringToObject(o, "reason", r->decision.reason);
	char *issue = stored_decision_issue(r);
	if (issue)
		cJSON_AddStringToObject(o, "warning", issue);
	else if (r->incomplete)
		cJSON_AddStringToObject(o, "warning", "未完成");
	free(issue);
	cJSON *vs = cJSON_AddArrayToObject(o, "vetoes");
	for (int i = 0; i < r->nvetoes; i++) {
		cJSON *v = cJSON_CreateObject();
		cJSON_AddStringToObject(v, "code", r->vetoes[i].code);
		cJSON_AddStringToObject(v, "title", r->vetoes[i].title);
		cJSON_AddStringToObject(v, "detail", r->vetoes[i].detail);
		cJSON_AddStringToObject(v, "effect", effects[r->vetoes[i].effect]);
		if (r->vetoes[i].effect == EFFECT_AT_MOST)
			cJSON_AddStringToObject(v, "grade", scheme_grade_name(r->grading, r->vetoes[i].grade));
		cJSON_AddItemToArray(vs, v);
	}
	cJSON *ps = cJSON_AddArrayToObject(o, "parts");
	for (int i = 0; i < r->nparts; i++) {
		const struct stored_node *p = &r->parts[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "code", p->node->code);
		cJSON_AddStringToObject(j, "title", p->node->title);
		cJSON_AddItemToObject(j, "points", json_points(p->node->points));
		cJSON_AddItemToObject(j, "score", json_points(p->score));
		cJSON_AddItemToArray(ps, j);
	}
	cJSON_AddItemToObject(o, "missing", strings(r->missing, r->nmissing));
	cJSON_AddItemToObject(o, "warnings", strings(r->warnings, r->nwarnings));
	return o;
}
