/* page_sheet_save.c: the entry sheet's posts: a row's finding saved
 * (through saves.c, committed with others waiting), tried without saving
 * (the rows recomputed for the script), or cleared. Each reads the row's
 * form by its rule and answers JSON to the script or redirects back to
 * the row. */
#include "pages.h"
#include "saves.h"
#include "session.h"
#include "sheet_figures.h"
#include "sheet_impl.h"

#include <stdlib.h>
#include <string.h>

#include "../core/rule.h"

/* The finding a row's form posts (the rule decides which field counts);
 * false with *why if it cannot be read. */
static bool read_finding(const struct req *r, const struct node *n, struct finding *f, const char **why,
			 const char **field)
{
	memset(f, 0, sizeof *f);
	f->code = n->code;
	f->note = req_param(r, "note");
	if (f->note && !*f->note)
		f->note = NULL;
	const char *na = req_param(r, "na");
	*field = "value";
	if (na && strcmp(na, "1") == 0) {
		f->form = INPUT_NA;
		return true;
	}
	switch (n->rule.type) {
	case RULE_PER:
	case RULE_STEPS:
	case RULE_EARN: {
		long long c;
		*field = "count";
		if (!req_int(r, "count", &c)) {
			*why = "次数须是整数";
			return false;
		}
		f->form = INPUT_COUNT;
		f->count = c;
		return true;
	}
	case RULE_CONDITIONS:
	case RULE_FIXED: {
		const char **vals;
		int nv = req_params(r, "conditions", &vals);
		f->form = INPUT_CONDITIONS;
		bool ok = true;
		for (int i = 0; i < nv; i++) {
			char *end;
			long k = strtol(vals[i], &end, 10);
			if (*end || k < 0 || k > 64)
				ok = false;
			else if (k > 0)
				f->conditions |= (uint64_t)1 << (k - 1);
		}
		free(vals);
		*field = "conditions";
		if (!ok)
			*why = "情形编号有误";
		return ok;
	}
	case RULE_JUDGED:
	case RULE_ENTERED: {
		const char *name = n->rule.type == RULE_JUDGED ? "deduct" : "score";
		const char *v = req_param(r, name);
		*field = name;
		if (!v || points_parse(v, &f->amount) != 0) {
			*why = "须是分值，最多两位小数，如 2 或 1.5";
			return false;
		}
		f->form = n->rule.type == RULE_JUDGED ? INPUT_DEDUCT : INPUT_SCORE;
		return true;
	}
	default:
		*field = "figures";
		if (rule_takes_figures(n->rule.type))
			return sheet_figures_read(r, f, why);
		*why = "该项不能录入";
		return false;
	}
}

/* The node a row's form names, on the unit's sheet; NULL after refusing. */
static const struct node *posted_node(struct req *r, struct resp *w, const struct view *v)
{
	const char *code = req_param(r, "code");
	const struct node *n = code ? scheme_find(v->sc, code) : NULL;
	if (!n) {
		struct svc_error e = {.code = SVC_INVALID, .field = "code", .message = "未知的考核项编号"};
		page_refused(r, w, &e);
	}
	return n;
}

static void refuse_value(struct req *r, struct resp *w, const char *field, const char *why)
{
	struct svc_error e = {.code = SVC_INVALID, .field = (char *)field, .message = (char *)why};
	if (r->wants_json || !r->nargs)
		page_refused(r, w, &e);
	else
		page_again_with(r, w, get_sheet, &e);
}

/* Whether the row's value field came empty (and not marked 不适用): the
 * person emptied it to take the entry back. */
static bool value_empty(const struct req *r, const struct node *n)
{
	const char *na = req_param(r, "na");
	if (na && strcmp(na, "1") == 0)
		return false;
	const char *name = n->rule.type == RULE_JUDGED ? "deduct" : n->rule.type == RULE_ENTERED ? "score"
		: n->rule.type == RULE_PER || n->rule.type == RULE_STEPS || n->rule.type == RULE_EARN ? "count"
		: rule_takes_figures(n->rule.type) ? "figures" : NULL;
	if (!name)
		return false;
	/* an empty field arrives as no field at all */
	const char *v = req_param(r, name);
	if (!v)
		return true;
	while (*v == ' ')
		v++;
	return *v == '\0';
}

/* The node a row's form names on the sheet of the unit named, with the
 * unit's scheme (the owner's, for a sampled unit); NULL after refusing. */
static const struct node *node_of_unit(struct req *r, struct resp *w, const char *name)
{
	struct unit u, owner;
	if (svc_unit_get(r->svc, name, &u) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return NULL;
	}
	enum unit_kind kind = u.kind;
	if (!unit_kind_assessed(u.kind) && u.parent) {
		if (svc_unit_get(r->svc, u.parent, &owner) == 0) {
			kind = owner.kind;
			unit_clear(&owner);
		}
	}
	unit_clear(&u);
	const struct scheme *sc = unit_kind_assessed(kind) ? svc_scheme(r->svc, kind) : NULL;
	const char *code = req_param(r, "code");
	const struct node *n = sc && code ? scheme_find(sc, code) : NULL;
	if (!n) {
		struct svc_error e = {.code = SVC_INVALID, .field = "code", .message = "该单位的评分表中没有这个考核项"};
		page_refused(r, w, &e);
	}
	return n;
}

void post_finding(struct req *r, struct resp *w)
{
	/* A save is only the save: the script then asks for the rows (a page
	 * part kept per version), and a form without the script goes back to
	 * the row. */
	const struct node *n = node_of_unit(r, w, r->args[0]);
	struct finding f;
	const char *why = NULL, *field = NULL;
	if (!n)
		return;
	struct svc_error err = {0};
	if (value_empty(r, n)) {
		/* an emptied field takes the entry back */
		post_finding_clear(r, w);
		return;
	}
	const char *period = req_param(r, "period");
	if (!read_finding(r, n, &f, &why, &field)) {
		refuse_value(r, w, field, why);
	} else if (period && *period && svc_period(r->svc, r->args[0], period, &f.period) != 0) {
		page_refused(r, w, svc_err(r->svc));
	} else if (save_finding(r->svc, r->session->account, r->args[0], &f, &err) != 0) {
		if (r->wants_json || err.code == SVC_FORBIDDEN)
			page_refused(r, w, &err);
		else
			page_again_with(r, w, get_sheet, &err);
	} else if (r->wants_json) {
		w->type = "application/json; charset=utf-8";
		h(&w->body, "{\"ok\":true,\"saved\":true,\"version\":%lld}", svc_version(r->svc));
	} else {
		char *d = finding_describe(n, &f);
		struct buf path = {0};
		h(&path, "/sheet/%U", r->args[0]);
		if (f.period)
			h(&path, "?period=%d", f.period);
		h(&path, "#n%d", n->index);
		page_done(r, w, buf_str(&path), "已保存：%s %s", n->code, d);
		buf_free(&path);
		free(d);
	}
	svc_error_clear(&err);
}

void post_preview(struct req *r, struct resp *w)
{
	struct view v;
	if (view_open(r, r->args[0], &v) != 0) {
		view_refused(r, w, &v);
		view_free(&v);
		return;
	}
	const struct node *n = posted_node(r, w, &v);
	struct finding f;
	const char *why = NULL, *field = NULL;
	struct svc_explain ex;
	if (!n) {
		/* refused above */
	} else if (value_empty(r, n)) {
		/* an emptied field: nothing to try yet */
		w->type = "application/json; charset=utf-8";
		buf_puts(&w->body, "{\"ok\":true,\"saved\":false,\"rows\":{}}");
	} else if (!read_finding(r, n, &f, &why, &field)) {
		refuse_value(r, w, field, why);
	} else if ((f.period = v.period, svc_preview(r->svc, v.unit.name, &f, &ex)) != 0) {
		page_refused(r, w, svc_err(r->svc));
	} else {
		/* the same view over the previewed result */
		struct svc_explain saved = v.ex;
		v.ex = ex;
		v.res = ex.r;
		for (int k = 0; k < ex.r->nperiods; k++)
			if (ex.r->periods[k].period == v.period)
				v.res = ex.r->periods[k].r;
		v.nodes = v.res->nodes;
		if (v.sheet_root)
			for (int k = 0; k < v.res->nodes[v.sheet_root->index].nsheets; k++)
				if (strcmp(v.res->nodes[v.sheet_root->index].sheets[k].label, v.unit.name) == 0)
					v.nodes = v.res->nodes[v.sheet_root->index].sheets[k].nodes;
		w->type = "application/json; charset=utf-8";
		buf_puts(&w->body, "{\"ok\":true,\"saved\":false,");
		rows_json(&w->body, &v);
		buf_puts(&w->body, "}");
		svc_explain_free(&saved);
	}
	view_free(&v);
}

void post_finding_clear(struct req *r, struct resp *w)
{
	const char *code = req_param(r, "code");
	if (!code || !*code) {
		refuse_value(r, w, "code", "须写明考核项编号");
		return;
	}
	const char *ptext = req_param(r, "period");
	int period = 0;
	if ((ptext && *ptext && svc_period(r->svc, r->args[0], ptext, &period) != 0) ||
	    svc_score_clear_period(r->svc, r->args[0], period, code) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	if (r->wants_json) {
		w->type = "application/json; charset=utf-8";
		h(&w->body, "{\"ok\":true,\"saved\":true,\"cleared\":true,\"version\":%lld}", svc_version(r->svc));
		return;
	}
	struct buf path = {0};
	h(&path, "/sheet/%U", r->args[0]);
	if (period)
		h(&path, "?period=%d", period);
	page_done(r, w, buf_str(&path), "已清除 %s 的评分（记录在案）", code);
	buf_free(&path);
}
