/* page_review.c: 统计核实, the office's verification of the teams' sheets.
 * One table of every county and department sheet the user may see: its
 * state, the team's score and the verified score side by side, the
 * remark of a return, who took the last step and when. The team leader
 * submits a sheet; the office verifies it or returns it with a remark.
 * A verified sheet is locked against the team; when the office changes
 * it later, the service makes it 待核实 again. */
#include "layout.h"
#include "pages.h"

#include <stdlib.h>
#include <string.h>

/* The progress row of a unit (entered items), or NULL. */
static const struct svc_unit_progress *progress_of(const struct svc_progress *p, const char *unit)
{
	for (int i = 0; p && i < p->n; i++)
		if (strcmp(p->units[i].unit.name, unit) == 0)
			return &p->units[i];
	return NULL;
}

/* Whether a refused form on this page concerned the sheet of unit. */
static bool refused_here(const struct req *r, const char *unit)
{
	return r->failed && r->post && r->nargs > 0 && strcmp(r->args[0], unit) == 0;
}

/* What the state means for the people working on the sheet. */
static void state_cell(struct buf *b, const struct sheet_review *rv)
{
	h(b, "<td class=\"state-%s\"><strong>%s</strong>", review_state_name(rv->state), review_state_title(rv->state));
	if (rv->state == REVIEW_VERIFIED)
		h(b, "<br><span class=\"hint\">已锁定：考核组不能再修改；安委办如再改动，须重新核实</span>");
	else if (rv->state == REVIEW_SUBMITTED && rv->has_verified_total)
		h(b, "<br><span class=\"warning\">核实后评分又有改动，须重新核实</span>");
	else if (rv->state == REVIEW_SUBMITTED)
		h(b, "<br><span class=\"hint\">已提交，等待安委办核实</span>");
	else if (rv->state == REVIEW_RETURNED)
		h(b, "<br><span class=\"hint\">请考核组按意见修改后重新提交</span>");
	h(b, "</td>");
}

/* The buttons of a row for the acting user's role (the service decides
 * whether each step is allowed; the page only offers the likely ones). */
static void actions_cell(struct req *r, struct buf *b, const struct sheet_review *rv,
			 const struct svc_unit_progress *up)
{
	const struct account *a = req_user(r);
	const char *name = rv->unit.name;
	bool here = refused_here(r, name);
	h(b, "<td class=\"actions\">");
	bool any = false, remark_field = false, open = !svc_approved(r->svc);
	if (open && a->role == ROLE_LEADER &&
	    (rv->state == REVIEW_OPEN || rv->state == REVIEW_RETURNED)) {
		/* the confirmation says what is not entered yet: an item left
		 * empty counts as no deduction */
		struct buf ask = {0};
		buf_printf(&ask, "确定将%s的评分表提交安委办核实？", name);
		if (up && up->entered < up->total)
			buf_printf(&ask, "还有 %d 项未录入，未录入的考核项按不扣分计。", up->total - up->entered);
		h(b, "<form method=\"post\" action=\"/review/%U/submit\" class=\"inline\" data-confirm=\"%s\">", name,
		  buf_str(&ask));
		buf_free(&ask);
		form_csrf(r, b);
		h(b, "<button type=\"submit\">提交核实</button></form>");
		any = true;
	}
	if (open && a->role == ROLE_OFFICE && rv->state == REVIEW_SUBMITTED) {
		h(b, "<form method=\"post\" action=\"/review/%U/verify\" class=\"inline\" "
		     "data-confirm=\"确定核实%s的评分表？核实后考核组不能再修改。\">", name, name);
		form_csrf(r, b);
		h(b, "<button type=\"submit\">核实</button></form>");
		h(b, "<form method=\"post\" action=\"/review/%U/return\" class=\"return\">", name);
		form_csrf(r, b);
		h(b, "<label>退回意见 <input type=\"text\" name=\"remark\" maxlength=\"" KAOHE_STR(TEXT_NOTE_MAX) "\" value=\"%s\"></label>",
		  here ? form_value(r, "remark", "") : "");
		if (here)
			form_error(r, b, "remark");
		h(b, "<button type=\"submit\">退回</button></form>");
		any = remark_field = true;
	}
	/* a refusal of this sheet's step that names a field other than the
	 * remark beside it (one without a field is at the top of the page) */
	const char *field = here ? r->failed->field : NULL;
	if (field && *field && !(remark_field && strcmp(field, "remark") == 0))
		h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
	if (!any)
		h(b, "<span class=\"hint\">—</span>");
	h(b, "</td>");
}

/* One sheet: unit, team, progress, state, both scores, remark, last step, actions. */
static void review_row(struct req *r, struct buf *b, const struct sheet_review *rv, const struct svc_progress *p)
{
	const struct svc_unit_progress *up = progress_of(p, rv->unit.name);
	h(b, "<tr id=\"u%lld\"><td><a href=\"/sheet/%U\">%s</a></td><td>%s</td>", rv->unit.id, rv->unit.name,
	  rv->unit.name, rv->team ? rv->team : "（未分组）");
	if (up)
		h(b, "<td class=\"num\">%d / %d%S</td>", up->entered, up->total,
		  up->entered < up->total ? "<br><span class=\"hint\">未录完</span>" : "");
	else
		h(b, "<td class=\"num\">—</td>");
	state_cell(b, rv);
	h(b, "<td class=\"num\">");
	if (rv->has_team_total)
		h(b, "%P", rv->team_total);
	else
		h(b, "—");
	h(b, "</td><td class=\"num\">");
	if (rv->has_verified_total) {
		h(b, "%P", rv->verified_total);
		if (rv->state != REVIEW_VERIFIED)
			h(b, "<br><span class=\"hint\">（上次核实）</span>");
		if (rv->has_team_total && rv->verified_total != rv->team_total)
			h(b, "<br><span class=\"warning\">与考核组得分不同</span>");
	} else {
		h(b, "—");
	}
	h(b, "</td><td>%s</td><td>", rv->remark);
	if (rv->actor) {
		h(b, "%s<br><span class=\"hint\">", rv->actor);
		h(b, "%T", rv->at);
		h(b, "</span>");
	}
	h(b, "</td>");
	actions_cell(r, b, rv, up);
	h(b, "</tr>\n");
}

/* GET /review: every sheet the user may see, with the steps the role can take. */
void get_review(struct req *r, struct resp *w)
{
	struct sheet_review *list;
	int n;
	if (svc_review_list(r->svc, &list, &n) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct svc_progress p;
	bool have_progress = svc_progress(r->svc, &p) == 0;
	page_begin(r, w, "统计核实", "review");
	struct buf *b = &w->body;
	const struct account *a = req_user(r);
	h(b, "<p class=\"hint\">考核组录入完毕后，由组长<strong>提交核实</strong>（记下考核组得分）；安委办逐表核对，"
	     "<strong>核实</strong>（记下核实得分）或<strong>退回</strong>并写明意见。已核实的评分表对考核组锁定；"
	     "安委办此后如再修改评分，该表自动回到“待核实”，须重新核实。</p>");
	if (a->role == ROLE_MEMBER)
		h(b, "<p class=\"hint\">评分表由考核组组长提交核实。</p>");
	if (svc_approved(r->svc))
		h(b, "<p class=\"hint\">本年度考核结果已审定，评分表不能再提交、核实或退回。</p>");
	/* a refusal about a sheet not in the table: say it above it */
	if (r->failed && r->failed->field && *r->failed->field) {
		bool in_table = false;
		for (int i = 0; i < n; i++)
			in_table |= refused_here(r, list[i].unit.name);
		if (!in_table)
			h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
	}
	int states[4] = {0};
	for (int i = 0; i < n; i++)
		states[list[i].state]++;
	if (n)
		h(b, "<p>共 %d 张评分表：%s %d 张，%s %d 张，%s %d 张，%s %d 张。</p>", n,
		  review_state_title(REVIEW_OPEN), states[REVIEW_OPEN], review_state_title(REVIEW_SUBMITTED),
		  states[REVIEW_SUBMITTED], review_state_title(REVIEW_RETURNED), states[REVIEW_RETURNED],
		  review_state_title(REVIEW_VERIFIED), states[REVIEW_VERIFIED]);
	if (!n) {
		h(b, "<p>没有可以查看的评分表。</p>");
	} else {
		h(b, "<table class=\"grid review\"><thead><tr><th>单位</th><th>考核组</th><th class=\"num\">已录入</th>"
		     "<th>状态</th><th class=\"num\">考核组得分</th><th class=\"num\">核实得分</th><th>退回意见</th>"
		     "<th>最近经办</th><th>操作</th></tr></thead><tbody>\n");
		for (int i = 0; i < n; i++)
			review_row(r, b, &list[i], have_progress ? &p : NULL);
		h(b, "</tbody></table>\n");
	}
	if (have_progress)
		svc_progress_free(&p);
	sheet_review_list_free(list, n);
	page_end(r, w);
}

/* After a step: back to the row of the sheet. */
static void step_done(struct req *r, struct resp *w, const char *what)
{
	struct sheet_review rv;
	struct buf path = {0};
	if (svc_review_get(r->svc, r->args[0], &rv) == 0) {
		h(&path, "/review#u%lld", rv.unit.id);
		sheet_review_clear(&rv);
	} else {
		h(&path, "/review");
	}
	page_done(r, w, buf_str(&path), "%s：%s", what, r->args[0]);
	buf_free(&path);
}

/* POST /review/UNIT/submit: the team leader submits the sheet. */
void post_review_submit(struct req *r, struct resp *w)
{
	if (svc_review_submit(r->svc, r->args[0]) != 0)
		page_again_with(r, w, get_review, svc_err(r->svc));
	else
		step_done(r, w, "已提交核实");
}

/* POST /review/UNIT/verify: the office verifies the sheet. */
void post_review_verify(struct req *r, struct resp *w)
{
	if (svc_review_verify(r->svc, r->args[0]) != 0)
		page_again_with(r, w, get_review, svc_err(r->svc));
	else
		step_done(r, w, "已核实");
}

/* POST /review/UNIT/return: the office returns the sheet with a remark. */
void post_review_return(struct req *r, struct resp *w)
{
	if (svc_review_return(r->svc, r->args[0], req_param(r, "remark")) != 0)
		page_again_with(r, w, get_review, svc_err(r->svc));
	else
		step_done(r, w, "已退回");
}
