/* progress.c: how far the assessment is, counted exactly from the
 * database: each sheet's items entered out of those the team enters, its
 * entered scores still missing, its spot check and verification; and
 * what the acting user still has to do. */
#include "service_impl.h"
#include "../core/date.h"
#include "../storage/finding.h"
#include "../storage/objection.h"
#include "../storage/result.h"
#include "../storage/review.h"
#include "../storage/spot_check.h"
#include "../storage/team.h"
#include "../storage/unit.h"
#include "../storage/year.h"

#include <stdlib.h>
#include <string.h>

/* Counts the items a team enters under node index `from` (a sheet's
 * nodes, nr indexed by node index) and those entered or not applicable. */
static void count_items(const struct scheme *sc, const struct node_result *nr, int from, const bool *computed,
			const char *unit, int *entered, int *total)
{
	const struct node *top = sc->nodes[from];
	for (int i = from; i < sc->nnodes; i++) {
		const struct node *n = sc->nodes[i];
		if (i > from && n->depth <= top->depth)
			break;
		if (n->nchildren || n->rule.type == RULE_ENTERED || computed[i] || !node_applies(n, unit))
			continue;
		if (from == 0 && n->sheet_root)
			continue;     /* on the sampled units' sheets */
		(*total)++;
		if (nr[i].has_input || nr[i].na)
			(*entered)++;
	}
}

static int unit_progress(struct svc *s, const struct unit *u, const struct spot_size *sizes,
			 struct svc_unit_progress *p)
{
	memset(p, 0, sizeof *p);
	unit_copy(&p->unit, u);
	p->team = team_of_unit(s->db, u->id);
	struct sheet_review r;
	if (review_get(s->db, u->id, &r) != 0)
		return svc_fail_db(s);
	p->review = r.state;
	free(r.remark);
	free(r.actor);
	free(r.at);
	p->sample_short = svc_sample_short(s, u, sizes, NULL);
	struct unit_load *L;
	struct result *res;
	if (svc_score_now(s, u, &L, &res) != 0)
		return -1;
	const struct scheme *sc = res->scheme;
	bool *computed = finding_computed_items(s->db, sc, u->kind);
	count_items(sc, res->nodes, 0, computed, u->name, &p->entered, &p->total);
	for (int i = 0; i < sc->nnodes; i++) {
		const struct node_result *nr = &res->nodes[i];
		if (sc->nodes[i]->score == SCORE_SHEETS)
			for (int k = 0; k < nr->nsheets; k++)
				count_items(sc, nr->sheets[k].nodes, i, computed, u->name, &p->entered, &p->total);
		if (nr->node && nr->missing && sc->nodes[i]->rule.type == RULE_ENTERED) {
			p->scores_missing++;
			/* a scorer's own score still to enter */
			enum role role = s->actor.role;
			if ((role == ROLE_INDUSTRY || role == ROLE_ENFORCEMENT) &&
			    svc_allow_item(s, u, sc->nodes[i], false) == 0)
				p->mine_missing = true;
			else
				svc_error_clear(&s->err);
		}
	}
	free(computed);
	svc_score_now_free(L, res);
	return 0;
}

/* What the acting user still has to do, in a sentence or a few. */
static void my_todo(struct svc *s, struct svc_progress *p)
{
	enum role r = s->actor.role;
	int open = 0, to_submit = 0, returned = 0, to_verify = 0, short_of = 0, missing = 0;
	struct buf names = {0};
	for (int i = 0; i < p->n; i++) {
		const struct svc_unit_progress *u = &p->units[i];
		bool mine = r == ROLE_OFFICE || r == ROLE_INDUSTRY || r == ROLE_ENFORCEMENT ||
			    ((r == ROLE_LEADER || r == ROLE_MEMBER) && u->team && s->actor.team &&
			     strcmp(u->team, s->actor.team) == 0);
		if (!mine)
			continue;
		if (u->entered < u->total)
			open++;
		if (u->entered == u->total && (u->review == REVIEW_OPEN || u->review == REVIEW_RETURNED))
			to_submit++;
		returned += u->review == REVIEW_RETURNED;
		to_verify += u->review == REVIEW_SUBMITTED;
		short_of += u->sample_short;
		if (u->scores_missing && u->unit.kind == KIND_COUNTY) {
			missing++;
			if (missing <= 5)
				buf_printf(&names, "%s%s", names.len ? "、" : "", u->unit.name);
		}
	}
	if (r == ROLE_LEADER || r == ROLE_MEMBER) {
		if (short_of)
			diag_add(&p->mine, "本组有 %d 个县区的抽查对象未确定齐全", short_of);
		if (open)
			diag_add(&p->mine, "本组有 %d 个评分表尚未录入完毕", open);
		if (returned)
			diag_add(&p->mine, "安委办退回了 %d 个评分表，请按意见修改后重新提交", returned);
		if (to_submit && r == ROLE_LEADER)
			diag_add(&p->mine, "%d 个评分表已录入完毕，可以提交核实", to_submit);
	} else if (r == ROLE_OFFICE) {
		if (to_verify)
			diag_add(&p->mine, "%d 个评分表待核实", to_verify);
		if (short_of)
			diag_add(&p->mine, "%d 个县区的抽查对象未确定齐全", short_of);
		if (missing)
			diag_add(&p->mine, "%d 个县区缺少行业评分或行政执法评分（%s%s）", missing, buf_str(&names),
				 missing > 5 ? "等" : "");
		int stale = results_stale(s->db);
		if (stale != 0)
			diag_add(&p->mine, stale < 0 ? "尚未计分" : "计分之后又有改动，须重新计分");
		struct objection *o;
		int no;
		if (objection_list(s->db, 0, &o, &no) == 0) {
			int unanswered = 0;
			for (int i = 0; i < no; i++)
				unanswered += o[i].answer == NULL;
			if (unanswered)
				diag_add(&p->mine, "%d 条意见待答复", unanswered);
			objection_list_free(o, no);
		}
	} else if (r == ROLE_INDUSTRY || r == ROLE_ENFORCEMENT) {
		/* entered scores of this scorer still missing, county by county */
		int n = 0;
		struct buf list = {0};
		for (int i = 0; i < p->n; i++) {
			const struct svc_unit_progress *u = &p->units[i];
			if (!u->mine_missing)
				continue;
			n++;
			if (n <= 8)
				buf_printf(&list, "%s%s", list.len ? "、" : "", u->unit.name);
		}
		if (n)
			diag_add(&p->mine, "还有 %d 个县区未录入%s评分：%s%s", n,
				 r == ROLE_INDUSTRY ? s->actor.industry : "行政执法", buf_str(&list), n > 8 ? "等" : "");
		buf_free(&list);
	}
	buf_free(&names);
}

int svc_progress(struct svc *s, struct svc_progress *out)
{
	memset(out, 0, sizeof *out);
	out->days_left = -1;
	if (svc_allow(s, OP_STATUS, NULL) != 0 || svc_begin_read(s) != 0)
		return -1;
	struct spot_size sizes[4];
	struct unit *units = NULL;
	int nu = 0, rc = 0;
	if (spot_sizes(s->db, sizes) != 0 || unit_list(s->db, -1, &units, &nu) != 0 ||
	    year_window(s->db, &out->window_from, &out->window_to) != 0)
		rc = svc_fail_db(s);
	for (int i = 0; i < nu && rc == 0; i++) {
		if (!unit_kind_assessed(units[i].kind) || units[i].status != STATUS_ASSESSED)
			continue;
		/* teams see their own units; scorers every county */
		enum role r = s->actor.role;
		if ((r == ROLE_LEADER || r == ROLE_MEMBER) && !svc_may(s, OP_REVIEW_READ, &units[i]))
			continue;
		if ((r == ROLE_INDUSTRY || r == ROLE_ENFORCEMENT) && units[i].kind != KIND_COUNTY)
			continue;
		out->units = xrealloc(out->units, (size_t)(out->n + 1) * sizeof *out->units);
		rc = unit_progress(s, &units[i], sizes, &out->units[out->n]);
		out->n++;
	}
	unit_list_free(units, nu);
	if (rc == 0 && out->window_to) {
		char now[11];
		date_today(now);
		long d = date_diff(now, out->window_to);
		out->days_left = d < 0 ? 0 : (int)d;
		out->window_over = d < 0;
	}
	if (rc == 0)
		my_todo(s, out);
	svc_end(s, 0);
	if (rc != 0)
		svc_progress_free(out);
	return rc;
}

void svc_progress_free(struct svc_progress *p)
{
	for (int i = 0; i < p->n; i++) {
		unit_clear(&p->units[i].unit);
		free(p->units[i].team);
	}
	free(p->units);
	free(p->window_from);
	free(p->window_to);
	diag_free(&p->mine);
	memset(p, 0, sizeof *p);
}
