/* template_rows.c: which rows a scoring workbook has. The units are those
 * the acting user works on (svc_progress: a team its counties or
 * departments, a scorer every county), with each county's sampled units
 * (their own sheets); the items of each are those svc_enterable says the
 * user may enter now; the office narrows them with --team, --industry or
 * --unit. The values stored now come from svc_explain (the sheets the
 * staff may see) or svc_grid (the scorers' scores). */
#include "template.h"

#include <stdlib.h>
#include <string.h>

/* A unit the template may have rows for: its own sheet, or a sampled
 * unit's under its county (owner). */
struct cand {
	char *name, *owner;
	enum unit_kind kind;      /* of the owner: which scheme */
};

struct cands {
	struct cand *c;
	int n;
};

static void cand_add(struct cands *cs, const char *name, const char *owner, enum unit_kind kind)
{
	cs->c = xrealloc(cs->c, (size_t)(cs->n + 1) * sizeof *cs->c);
	cs->c[cs->n++] = (struct cand){xstrdup(name), xstrdup(owner), kind};
}

static void cands_free(struct cands *cs)
{
	for (int i = 0; i < cs->n; i++) {
		free(cs->c[i].name);
		free(cs->c[i].owner);
	}
	free(cs->c);
}

void template_rows_free(struct trows *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->r[i].unit);
		free(t->r[i].note);
		free(t->r[i].figures);
	}
	free(t->r);
	free(t->scope);
	memset(t, 0, sizeof *t);
}

/* Whether the county scheme has an industry item named industry. */
static bool industry_known(struct svc *s, const char *industry)
{
	const struct scheme *sc = svc_scheme(s, KIND_COUNTY);
	for (int i = 0; sc && i < sc->nnodes; i++) {
		const struct node *n = sc->nodes[i];
		if (!n->nchildren && n->rule.type == RULE_ENTERED && n->rule.by == BY_INDUSTRY &&
		    strcmp(n->title, industry) == 0)
			return true;
	}
	return false;
}

static bool team_known(struct svc *s, const char *team)
{
	struct team *t;
	int n;
	if (svc_team_list(s, &t, &n) != 0)
		return false;
	bool found = false;
	for (int i = 0; i < n && !found; i++)
		found = strcmp(t[i].name, team) == 0;
	team_list_free(t, n);
	return found;
}

/* Checks the options against the acting user and the year; 0 or -1. */
static int check_scope(struct svc *s, const struct report_template *t, struct svc_error *err)
{
	const struct account *a = svc_actor(s);
	if (svc_approved(s)) {
		report_fail(err, SVC_CONFLICT, "本年度结果已审定，不能再录入评分，因此不提供评分模板");
		err->next = SVC_NEXT_REOPEN;
		return -1;
	}
	if (a && a->role != ROLE_OFFICE && a->role <= ROLE_ENFORCEMENT &&
	    ((t->team && (!a->team || strcmp(t->team, a->team) != 0)) ||
	     (t->industry && (!a->industry || strcmp(t->industry, a->industry) != 0))))
		return report_fail(err, SVC_FORBIDDEN, "%s（%s）只能生成本人可录入的评分模板（去掉 --team、--industry）",
				   a->name, role_title(a->role));
	if (t->team && a && a->role == ROLE_OFFICE && !team_known(s, t->team))
		return report_fail(err, SVC_NOT_FOUND, "没有名为“%s”的考核组（kaohe team list 列出考核组）", t->team);
	if (t->industry && !industry_known(s, t->industry))
		return report_fail(err, SVC_NOT_FOUND, "行业专项中没有“%s”这一行业", t->industry);
	if (t->unit) {
		struct unit u;
		if (svc_unit_get(s, t->unit, &u) != 0)
			return report_fail_svc(s, err);
		unit_clear(&u);
	}
	return 0;
}

/* The units in scope, in the order of the progress list. */
static int candidates(struct svc *s, const struct report_template *t, struct cands *out, struct svc_error *err)
{
	struct svc_progress p;
	if (svc_progress(s, &p) != 0) {
		report_fail_svc(s, err);
		if (err->code == SVC_FORBIDDEN) {
			/* the service's refusal, said of the template */
			const struct account *a = svc_actor(s);
			free(err->message);
			struct buf b = {0};
			buf_printf(&b, "%s（%s）不录入评分，没有评分模板", a->name, role_title(a->role));
			err->message = buf_take(&b);
		}
		return -1;
	}
	enum role role = svc_actor(s)->role;
	bool staff = role == ROLE_OFFICE || role == ROLE_LEADER || role == ROLE_MEMBER;
	for (int i = 0; i < p.n; i++) {
		const struct svc_unit_progress *u = &p.units[i];
		if (t->team && (!u->team || strcmp(u->team, t->team) != 0))
			continue;
		if (t->industry && u->unit.kind != KIND_COUNTY)
			continue;
		cand_add(out, u->unit.name, u->unit.name, u->unit.kind);
		if (!staff || t->industry || u->unit.kind != KIND_COUNTY)
			continue;
		struct spot *sp;
		int ns;
		if (svc_sample_list(s, u->unit.name, &sp, &ns) != 0)
			continue;       /* none to see: the county's own sheet only */
		for (int k = 0; k < ns; k++)
			if (sp[k].kind != KIND_TOWN)    /* towns are places counted, not sheets */
				cand_add(out, sp[k].unit, u->unit.name, KIND_COUNTY);
		spot_list_free(sp, ns);
	}
	svc_progress_free(&p);
	return 0;
}

/* Whether the template for t has item n (beyond svc_enterable). */
static bool wanted(const struct report_template *t, bool office, const struct node *n)
{
	bool entered = n->rule.type == RULE_ENTERED;
	if (t->industry)
		return entered && n->rule.by == BY_INDUSTRY && strcmp(n->title, t->industry) == 0;
	/* a team's workbook for the office: what the team enters */
	if (t->team && office)
		return !entered || n->rule.by == BY_TEAM;
	return true;
}

/* The stored values, from whichever reading the acting user has. */
struct values {
	bool grid_read;
	struct svc_grid grid;
	char *owner;              /* explained: ex is this unit's */
	struct svc_explain ex;
	bool have_ex;
};

static void values_free(struct values *v)
{
	if (v->grid_read)
		svc_grid_free(&v->grid);
	if (v->have_ex)
		svc_explain_free(&v->ex);
	free(v->owner);
}

/* Copies a stored finding into row r. */
static void take(struct trow *r, const struct finding *f)
{
	if (!f || f->form == INPUT_NONE)
		return;
	r->has = true;
	r->f = *f;
	r->f.node = NULL;
	r->f.code = r->n->code;
	r->note = f->note ? xstrdup(f->note) : NULL;
	r->f.note = r->note;
	r->figures = f->figures ? xstrdup(f->figures) : NULL;
	r->f.figures = r->figures;
}

/* The sheet of period p within a unit's result (p 0: the result itself);
 * NULL if the result has no such period. */
static const struct result *period_sheet(const struct result *res, int p)
{
	if (p == 0)
		return res;
	for (int i = 0; i < res->nperiods; i++)
		if (res->periods[i].period == p)
			return res->periods[i].r;
	return NULL;
}

/* The value stored for row r (of candidate c); 0 or -1 with err. */
static int fill(struct svc *s, struct values *v, const struct cand *c, struct trow *r, struct svc_error *err)
{
	enum role role = svc_actor(s)->role;
	if (role == ROLE_INDUSTRY || role == ROLE_ENFORCEMENT) {
		if (r->period)
			return 0;       /* the scorers' grid is the year's */
		if (!v->grid_read) {
			if (svc_grid(s, &v->grid) != 0)
				return report_fail_svc(s, err);
			v->grid_read = true;
		}
		const struct svc_grid *g = &v->grid;
		for (int u = 0; u < g->nunits; u++) {
			if (strcmp(g->units[u].name, c->name) != 0)
				continue;
			for (int k = 0; k < g->nitems; k++) {
				const struct svc_grid_cell *cell = &g->cells[(size_t)u * (size_t)g->nitems + (size_t)k];
				if (strcmp(g->items[k]->code, r->n->code) != 0 || !cell->entered)
					continue;
				struct finding f = {.form = cell->na ? INPUT_NA : INPUT_SCORE, .amount = cell->score,
						    .note = cell->note};
				take(r, &f);
			}
		}
		return 0;
	}
	if (!v->owner || strcmp(v->owner, c->owner) != 0) {
		if (v->have_ex)
			svc_explain_free(&v->ex);
		v->have_ex = false;
		free(v->owner);
		v->owner = NULL;
		if (svc_explain(s, c->owner, &v->ex) != 0)
			return report_fail_svc(s, err);
		v->have_ex = true;
		v->owner = xstrdup(c->owner);
	}
	const struct result *res = period_sheet(v->ex.r, r->period);
	if (!res)
		return 0;
	if (strcmp(c->name, c->owner) == 0) {
		take(r, res->nodes[r->n->index].finding);
		return 0;
	}
	const struct node *root = r->n->sheet_root;
	const struct node_result *nr = root ? &res->nodes[root->index] : NULL;
	for (int k = 0; nr && k < nr->nsheets; k++)
		if (strcmp(nr->sheets[k].label, c->name) == 0)
			take(r, nr->sheets[k].nodes[r->n->index].finding);
	return 0;
}

/* The scope in words, for the title and the instructions (period: the
 * one period of the workbook, in words, or NULL). */
static char *scope_words(struct svc *s, const struct report_template *t, const char *period)
{
	const struct account *a = svc_actor(s);
	struct buf b = {0};
	if (t->team)
		buf_printf(&b, "考核组 %s", t->team);
	else if (t->industry)
		buf_printf(&b, "行业专项 %s", t->industry);
	else if (a->role == ROLE_LEADER || a->role == ROLE_MEMBER)
		buf_printf(&b, "考核组 %s", a->team ? a->team : "");
	else if (a->role == ROLE_INDUSTRY)
		buf_printf(&b, "行业专项 %s", a->industry ? a->industry : "");
	else if (a->role == ROLE_ENFORCEMENT)
		buf_puts(&b, "行政执法");
	else
		buf_puts(&b, "全部被考核单位");
	if (t->unit)
		buf_printf(&b, " · 单位 %s", t->unit);
	if (period)
		buf_printf(&b, " · %s", period);
	buf_printf(&b, "（%s %s）", role_title(a->role), a->name);
	return buf_take(&b);
}

/* The periods candidate c has rows for, into p: the one --period names
 * (read against c's scheme: a year-only scheme refuses it), else each
 * period its scheme assesses, else the year (0). Their number, or -1
 * with err. */
static int periods_of(struct svc *s, const struct report_template *t, const struct cand *c,
		      const struct scheme *sc, int p[PERIOD_MAX + 1], struct svc_error *err)
{
	if (t->period) {
		if (svc_period(s, c->owner, t->period, &p[0]) != 0)
			return report_fail_svc(s, err);
		return 1;
	}
	if (!sc || sc->periods.kind == PERIOD_NONE) {
		p[0] = 0;
		return 1;
	}
	int n = 0;
	for (int k = 1; k <= period_count(sc->periods.kind); k++)
		if (sc->periods.used[k])
			p[n++] = k;
	return n;
}

int template_rows(struct svc *s, const struct report_template *t, struct trows *out, struct svc_error *err)
{
	memset(out, 0, sizeof *out);
	if (!svc_actor(s))
		return report_fail(err, SVC_FORBIDDEN, "未登录，不能生成评分模板");
	struct cands cs = {0};
	if (check_scope(s, t, err) != 0 || candidates(s, t, &cs, err) != 0) {
		cands_free(&cs);
		return -1;
	}
	bool office = svc_actor(s)->role == ROLE_OFFICE;
	char *one = NULL;         /* the workbook's one period, in words */
	struct values v = {0};
	int rc = 0, found = 0;
	for (int i = 0; i < cs.n && rc == 0; i++) {
		const struct cand *c = &cs.c[i];
		if (t->unit && strcmp(c->name, t->unit) != 0)
			continue;
		found++;
		const struct scheme *sc = svc_scheme(s, c->kind);
		int periods[PERIOD_MAX + 1], np;
		if ((np = periods_of(s, t, c, sc, periods, err)) < 0) {
			rc = -1;
			break;
		}
		if (np == 1 && periods[0] > 0 && sc && !one) {
			one = xmalloc(PERIOD_BUFSZ);
			period_label(sc->periods.kind, periods[0], one);
		}
		int before = out->n;
		for (int q = 0; q < np && rc == 0; q++) {
			bool *can = svc_enterable_period(s, c->name, periods[q]);
			for (int k = 1; can && sc && k < sc->nnodes && rc == 0; k++) {
				const struct node *n = sc->nodes[k];
				if (!can[k] || !wanted(t, office, n))
					continue;
				if (out->n == out->cap) {
					out->cap = out->cap ? out->cap * 2 : 256;
					out->r = xrealloc(out->r, (size_t)out->cap * sizeof *out->r);
				}
				struct trow *r = &out->r[out->n++];
				*r = (struct trow){.unit = xstrdup(c->name), .n = n, .period = periods[q],
						   .pr = periods[q] ? &sc->periods : NULL};
				rc = fill(s, &v, c, r, err);
			}
			free(can);
		}
		out->units += out->n > before;
	}
	values_free(&v);
	cands_free(&cs);
	if (rc == 0 && out->n == 0) {
		if (t->unit && !found)
			rc = report_fail(err, SVC_NOT_FOUND, "“%s”不在本模板的范围内（不是本人负责的单位，或不由市考核组逐项评分）",
					 t->unit);
		else
			rc = report_fail(err, SVC_CONFLICT, "没有本人现在可录入的评分项（评分表可能已核实锁定），不生成空白模板");
	}
	if (rc == 0)
		out->scope = scope_words(s, t, one);
	else
		template_rows_free(out);
	free(one);
	return rc;
}
