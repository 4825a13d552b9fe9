/* result_json.c: a unit's scored tree as JSON (kaohe explain --json): the
 * tree of `kaohe scheme show --json` with every node's score and every
 * item's deduction and derivation added. */
#include "render.h"

#include <stdlib.h>

static void add_scores(cJSON *j, const struct node *n, const struct node_result *nodes)
{
	const struct node_result *nr = &nodes[n->index];
	if (!nr->node) {
		/* under a not-applicable ancestor: not scored */
		cJSON_AddNullToObject(j, "score");
	} else {
		cJSON_AddItemToObject(j, "score", json_points(nr->score));
		cJSON_AddItemToObject(j, "deduction", json_points(nr->deduction));
		cJSON_AddStringToObject(j, "derivation", nr->derivation ? nr->derivation : "");
		if (nr->na)
			cJSON_AddTrueToObject(j, "not_applicable");
		if (nr->missing)
			cJSON_AddTrueToObject(j, "missing");
		if (nr->finding && nr->finding->note && *nr->finding->note)
			cJSON_AddStringToObject(j, "finding_note", nr->finding->note);
		if (nr->warning)
			cJSON_AddStringToObject(j, "warning", nr->warning);
	}
	if (nr->nsheets) {
		cJSON *sheets = cJSON_AddArrayToObject(j, "sheets");
		for (int k = 0; k < nr->nsheets; k++) {
			const struct sheet_result *sr = &nr->sheets[k];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "unit", sr->label);
			cJSON_AddItemToObject(o, "score", json_points(sr->nodes[n->index].score));
			cJSON_AddStringToObject(o, "derivation", sr->nodes[n->index].derivation);
			cJSON *ch = cJSON_AddArrayToObject(o, "children");
			for (int i = 0; i < n->nchildren; i++) {
				cJSON *c = node_to_json(n->children[i]);
				cJSON_AddItemToArray(ch, c);
			}
			/* fill the sheet's subtree with this sheet's results */
			cJSON *c;
			int i = 0;
			cJSON_ArrayForEach(c, ch)
				result_tree_scores(c, n->children[i++], sr->nodes);
			cJSON_AddItemToArray(sheets, o);
		}
	}
}

/* The children of a sheets node are scored on each sheet, not on the
 * unit's own: their score here is null. */
static void mark_per_sheet(cJSON *j)
{
	cJSON *c;
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "children")) {
		cJSON_AddNullToObject(c, "score");
		cJSON_AddTrueToObject(c, "per_sheet");
		mark_per_sheet(c);
	}
}

void result_tree_scores(cJSON *j, const struct node *n, const struct node_result *nodes)
{
	add_scores(j, n, nodes);
	if (nodes[n->index].nsheets || n->score == SCORE_SHEETS) {
		mark_per_sheet(j);
		return;
	}
	cJSON *children = cJSON_GetObjectItem(j, "children");
	cJSON *c;
	int i = 0;
	cJSON_ArrayForEach(c, children)
		result_tree_scores(c, n->children[i++], nodes);
}

cJSON *result_to_json(const struct result *r, const char *unit, const char *kind)
{
	cJSON *j = scheme_to_json(r->scheme);
	cJSON_AddStringToObject(j, "unit", unit);
	cJSON_AddStringToObject(j, "kind", kind);
	result_tree_scores(j, r->scheme->root, r->nodes);
	cJSON_AddItemToObject(j, "total", json_points(r->total));
	cJSON_AddItemToObject(j, "raw_total", json_points(r->raw_total));
	cJSON_AddBoolToObject(j, "incomplete", r->incomplete);
	cJSON *m = cJSON_AddArrayToObject(j, "missing");
	for (int i = 0; i < r->nmissing; i++)
		cJSON_AddItemToArray(m, cJSON_CreateString(r->missing[i]));
	if (r->mandatory_failed)
		cJSON_AddStringToObject(j, "mandatory_failed", r->mandatory_failed->code);
	cJSON *w = cJSON_AddArrayToObject(j, "warnings");
	for (int i = 0; i < r->nwarnings; i++)
		cJSON_AddItemToArray(w, cJSON_CreateString(r->warnings[i]));
	cJSON *v = cJSON_AddArrayToObject(j, "veto_hits");
	for (int i = 0; i < r->nvetoes; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", r->vetoes[i].rule->code);
		cJSON_AddStringToObject(o, "title", r->vetoes[i].rule->title);
		cJSON_AddStringToObject(o, "detail", r->vetoes[i].detail);
		cJSON_AddItemToArray(v, o);
	}
	if (r->proposed != GRADE_NONE)
		cJSON_AddStringToObject(j, "proposed_grade", scheme_grade_name(r->scheme, r->proposed));
	else
		cJSON_AddNullToObject(j, "proposed_grade");
	/* a periodic scheme (core/period.h): each period's total, the year's
	   derivation; `explain --period` gives one period's whole tree */
	if (r->nperiods) {
		char label[PERIOD_BUFSZ];
		const struct period_rule *pr = &r->scheme->periods;
		cJSON_AddStringToObject(j, "rollup", pr->rollup == ROLLUP_SUM ? "sum" : "mean");
		cJSON_AddItemToObject(j, "year_points", json_points(scheme_year_points(r->scheme)));
		if (r->nodes[0].derivation)
			cJSON_AddStringToObject(j, "rollup_derivation", r->nodes[0].derivation);
		cJSON *ps = cJSON_AddArrayToObject(j, "periods");
		for (int i = 0; i < r->nperiods; i++) {
			const struct period_result *per = &r->periods[i];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "period", per->period);
			cJSON_AddStringToObject(o, "label", period_label(pr->kind, per->period, label));
			cJSON_AddBoolToObject(o, "entered", !per->empty);
			/* nothing entered: not yet assessed, no total of its own */
			if (per->empty)
				cJSON_AddNullToObject(o, "total");
			else
				cJSON_AddItemToObject(o, "total", json_points(per->r->total));
			cJSON_AddBoolToObject(o, "incomplete", per->r->incomplete);
			cJSON_AddItemToArray(ps, o);
		}
	}
	return j;
}
