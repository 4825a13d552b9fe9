/* page_results.c: the year's results (考核结果). The ranking of each unit
 * kind the year assesses (县区, 市直部门, then the kinds its added schemes
 * name: 学校, …) as stored by the last compute, never scored
 * again here: rank, total, each part, vetoes and their causes, the
 * proposed and the decided grade; the charts of it (SVG drawn by
 * chart.c); and the office's steps from computing to publication, each a
 * plain POST form: compute, the collective decision per unit, approval,
 * reopening, the city government's consent, publication. The viewer and
 * the assessed units see what the service lets them (published results;
 * a unit its own). */
#include "../core/period.h"
#include "layout.h"
#include "pages.h"

#include <stdlib.h>
#include <string.h>

/* A kind's heading, in the plan's words (an added kind: its scheme's). */
static const char *kind_heading(enum unit_kind k)
{
	return k == KIND_COUNTY ? "县（区）" : unit_kind_title(k);
}

/* A grade's name, or none's words for no grade. */
static const char *grade_or(const struct scheme *s, enum grade g, const char *none)
{
	return g == GRADE_NONE ? none : scheme_grade_name(s, g);
}

/* ---- the year's state, what is left, the office's steps ---- */

static void year_state(struct buf *b, const struct svc_year_info *y)
{
	h(b, "<p class=\"yearstate\"><strong>审定：</strong>%s　<strong>报市政府同意：</strong>",
	  y->approved ? "已审定（评分已锁定）" : "未审定");
	if (y->consent_date)
		h(b, "%D 市政府同意，文号 %s", y->consent_date, y->consent_ref ? y->consent_ref : "（无）");
	else
		h(b, "尚未记录");
	h(b, "　<strong>公布：</strong>%s</p>\n", y->published ? "已公布（组织部和各被考核单位可以查看）" : "未公布");
}

/* What is left before approval, unit by unit (svc_status). */
static void left_to_do(struct req *r, struct buf *b)
{
	struct svc_status st;
	if (svc_status(r->svc, &st) != 0) {
		h(b, "<p class=\"error\">%s</p>", svc_err(r->svc)->message);
		return;
	}
	h(b, "<section id=\"todo\"><h2>审定前待办</h2>");
	if (st.blocking)
		h(b, "<p>还有 <strong>%d</strong> 个单位有须办事项，办完才能审定。</p>", st.blocking);
	else if (st.stale == 0)
		h(b, "<p>没有须办事项，可以审定。</p>");
	if (st.open) {
		h(b, "<table class=\"grid\"><thead><tr><th>单位</th><th>须办事项（审定前必须办完）</th><th>提示（请核实）</th>"
		     "</tr></thead><tbody>");
		for (int i = 0; i < st.n; i++) {
			const struct svc_unit_status *u = &st.units[i];
			if (!u->ntodo)
				continue;
			int blocking = 0;
			for (int k = 0; k < u->ntodo; k++)
				blocking += u->todo[k].blocking;
			h(b, "<tr><td>%s</td><td>", u->unit.name);
			if (blocking) {
				h(b, "<ul class=\"todo\">");
				for (int k = 0; k < u->ntodo; k++)
					if (u->todo[k].blocking)
						h(b, "<li class=\"missing\">须办：%s</li>", u->todo[k].text);
				h(b, "</ul>");
			} else {
				h(b, "无");
			}
			h(b, "</td><td>");
			if (u->ntodo > blocking) {
				h(b, "<details><summary>%d 条提示</summary><ul class=\"todo\">", u->ntodo - blocking);
				for (int k = 0; k < u->ntodo; k++)
					if (!u->todo[k].blocking)
						h(b, "<li>%s</li>", u->todo[k].text);
				h(b, "</ul></details>");
			}
			h(b, "</td></tr>");
		}
		h(b, "</tbody></table>");
	}
	h(b, "</section>\n");
	svc_status_free(&st);
}

/* The office's forms for the year's state: compute and approve before
 * approval; then the consent, publication and reopening. */
static void office_steps(struct req *r, struct buf *b, const struct svc_year_info *y)
{
	h(b, "<section id=\"steps\"><h2>办理</h2>");
	if (!y->approved) {
		h(b, "<form method=\"post\" action=\"/results/compute\" class=\"inline\">");
		form_csrf(r, b);
		h(b, "<button type=\"submit\">计分</button></form> <span class=\"hint\">按现有评分记录重新计算全部单位的结果和名次</span>");
		h(b, "<form method=\"post\" action=\"/results/approve\" class=\"stack\" data-confirm=\"确定审定 %d 年度考核结果？"
		     "审定后评分锁定，未确定档次的单位按拟定档次确定。\">", y->year);
		form_csrf(r, b);
		h(b, "<button type=\"submit\" class=\"danger\">审定</button> <span class=\"hint\">确定档次、办完待办事项之后</span></form>");
	}
	if (y->approved && !y->published) {
		const char *path = "/results/consent";
		h(b, "<form method=\"post\" action=\"%s\" class=\"stack\"><h3>报市政府同意</h3>", path);
		form_csrf(r, b);
		h(b, "<label>市政府同意的日期 <input type=\"date\" name=\"date\" required value=\"%s\"></label>",
		  form_value_of(r, path, "unit", NULL, "date", y->consent_date ? y->consent_date : ""));
		form_error_of(r, b, path, "unit", NULL, "date");
		h(b, "<label>文号 <input type=\"text\" name=\"ref\" required maxlength=\"" KAOHE_STR(TEXT_TITLE_MAX) "\" value=\"%s\"></label>",
		  form_value_of(r, path, "unit", NULL, "ref", y->consent_ref ? y->consent_ref : ""));
		form_error_of(r, b, path, "unit", NULL, "ref");
		h(b, "<button type=\"submit\">记录市政府同意</button></form>");
		if (y->consent_date) {
			h(b, "<form method=\"post\" action=\"/results/publish\" class=\"stack\" data-confirm=\"确定公布 %d 年度考核结果？"
			     "公布后组织部和各被考核单位可以查看。\">", y->year);
			form_csrf(r, b);
			h(b, "<button type=\"submit\" class=\"danger\">公布结果</button></form>");
		}
	}
	if (y->approved) {
		const char *path = "/results/reopen";
		h(b, "<form method=\"post\" action=\"%s\" class=\"stack\" data-confirm=\"确定重新开放 %d 年度？"
		     "已公布的结果将撤回，市政府同意随之失效。\"><h3>重新开放</h3>", path, y->year);
		form_csrf(r, b);
		h(b, "<label>原因（必填） <textarea name=\"reason\" required maxlength=\"" KAOHE_STR(TEXT_NOTE_MAX) "\" rows=\"2\">%s</textarea></label>",
		  form_value_of(r, path, "unit", NULL, "reason", ""));
		form_error_of(r, b, path, "unit", NULL, "reason");
		h(b, "<button type=\"submit\" class=\"danger\">重新开放</button></form>");
	}
	h(b, "</section>\n");
}

/* ---- the ranking ---- */

static void veto_cell(struct buf *b, const struct stored_result *sr)
{
	for (int i = 0; i < sr->nvetoes; i++) {
		const struct stored_veto *v = &sr->vetoes[i];
		if (v->effect == EFFECT_FAIL)
			h(b, "<div class=\"veto\">一票否决（%s）：%s（%s）</div>", scheme_grade_name(sr->grading, GRADE_FAIL),
			  v->title, v->detail);
		else if (v->effect == EFFECT_ZERO)
			h(b, "<div class=\"veto\">否决（总分计 0 分）：%s（%s）</div>", v->title, v->detail);
		else
			h(b, "<div class=\"veto\">%s（最高%s）：%s（%s）</div>", scheme_cap_word(sr->grading),
			  scheme_grade_name(sr->grading, v->grade), v->title, v->detail);
	}
	if (!sr->nvetoes)
		h(b, "无");
}

/* The grade decided for a unit, with its reason or how it was taken. */
static void decision_words(struct buf *b, const struct stored_result *sr)
{
	const struct decision_rec *d = &sr->decision;
	if (d->grade == GRADE_NONE) {
		h(b, "<span class=\"hint\">未确定</span>");
		return;
	}
	h(b, "<strong>%s</strong>", scheme_grade_name(sr->grading, d->grade));
	if (d->automatic)
		h(b, "<br><span class=\"hint\">审定时按拟定档次确定</span>");
	else if (d->reason)
		h(b, "<br><span class=\"hint\">理由：%s</span>", d->reason);
	char *issue = stored_decision_issue(sr);
	if (issue)
		h(b, "<div class=\"warning\">%s</div>", issue);
	free(issue);
}

/* What a reader must know about a result: provincial, incomplete (and
 * what is missing), a failed mandatory item. */
static void notes_cell(struct buf *b, const struct stored_result *sr)
{
	if (sr->provincial)
		h(b, "省考核组考核，得分和档次取自省考核结果。");
	if (sr->incomplete) {
		h(b, "<div class=\"missing\">结果未完成，不排名次；缺少 ");
		for (int i = 0; i < sr->nmissing; i++)
			h(b, "%S%s", i ? "、" : "", sr->missing[i]);
		h(b, "</div>");
	}
	if (sr->mandatory_failed)
		h(b, "<div class=\"veto\">必达项 %s 未得满分，总分计 0 分</div>", sr->mandatory_failed);
}

/* The ranking table of one kind: rank, unit, total, each part (the
 * scheme's first level), vetoes, proposed and decided grade, notes. */
static void ranking(struct req *r, struct buf *b, enum unit_kind kind, const struct stored_result *rs, int n)
{
	const struct scheme *sc = svc_scheme(r->svc, kind);
	const struct node *root = sc ? sc->root : NULL;
	int nparts = root ? root->nchildren : 0;
	const struct account *a = req_user(r);
	h(b, "<table class=\"grid results\"><thead><tr><th class=\"num\">名次</th><th>单位</th><th class=\"num\">总分</th>");
	for (int k = 0; k < nparts; k++)
		h(b, "<th class=\"num\">%s<br><span class=\"hint\">%P 分</span></th>", root->children[k]->title,
		  node_year_points(sc, root->children[k]));
	h(b, "<th>否决</th><th>拟定档次</th><th>确定档次</th><th>说明</th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++) {
		const struct stored_result *sr = &rs[i];
		if (sr->unit.kind != kind)
			continue;
		h(b, "<tr id=\"u%lld\">", sr->unit.id);
		if (sr->rank)
			h(b, "<td class=\"num\">%d</td>", sr->rank);
		else
			h(b, "<td class=\"num\">—</td>");
		if (sr->provincial)
			h(b, "<td class=\"unit\">%s<br><span class=\"hint\">省考核</span></td>", sr->unit.name);
		else if (a->role == ROLE_UNIT)   /* its own row: where its sheet is */
			h(b, "<td class=\"unit\">%s<br><a href=\"/sheet/%U\">查看本单位评分表</a></td>", sr->unit.name, sr->unit.name);
		else
			h(b, "<td class=\"unit\"><a href=\"/sheet/%U\">%s</a></td>", sr->unit.name, sr->unit.name);
		h(b, "<td class=\"num\"><strong>%P</strong>%S</td>", sr->total,
		  sr->incomplete ? "<br><span class=\"missing\">未完成</span>" : "");
		if (sr->provincial) {
			if (nparts)
				h(b, "<td colspan=\"%d\" class=\"hint\">省考核，不分部分计分</td>", nparts);
		} else {
			for (int k = 0; k < nparts; k++) {
				const struct stored_node *p = NULL;
				for (int j = 0; j < sr->nparts; j++)
					if (sr->parts[j].node == root->children[k])
						p = &sr->parts[j];
				if (!p)
					h(b, "<td class=\"num\">—</td>");
				else if (p->state & NODE_NA)
					h(b, "<td class=\"num\">不适用</td>");
				else
					h(b, "<td class=\"num\">%P%S</td>", p->score,
					  p->state & NODE_MISSING ? "<br><span class=\"missing\">缺录入</span>" : "");
			}
		}
		h(b, "<td>");
		veto_cell(b, sr);
		h(b, "</td><td>%s", grade_or(sr->grading, sr->proposed, "—"));
		if (sr->by_score != GRADE_NONE && sr->by_score != sr->proposed)
			h(b, "<br><span class=\"hint\">按分数为%s</span>", scheme_grade_name(sr->grading, sr->by_score));
		h(b, "</td><td>");
		decision_words(b, sr);
		h(b, "</td><td>");
		notes_cell(b, sr);
		h(b, "</td></tr>\n");
	}
	h(b, "</tbody></table>\n");
}

/* The office's decision per unit (集体研究确定档次): one small form a row. */
static void decisions(struct req *r, struct buf *b, const struct stored_result *rs, int n)
{
	const char *path = "/results/grade";
	h(b, "<section id=\"decide\"><h2>集体研究确定档次</h2><p class=\"hint\">确定档次与拟定档次不同的，须写明理由；"
	     "受否决的单位不能高于否决所允许的档次。审定时，未确定档次的单位按拟定档次确定。</p>");
	h(b, "<table class=\"grid decisions\"><thead><tr><th>单位</th><th class=\"num\">总分</th><th>拟定档次</th>"
	     "<th>否决所允许</th><th>已确定</th><th>确定为</th><th>理由</th><th></th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++) {
		const struct stored_result *sr = &rs[i];
		const char *name = sr->unit.name;
		enum grade cap = stored_veto_cap(sr);
		enum grade cur = sr->decision.grade != GRADE_NONE ? sr->decision.grade : sr->proposed;
		const char *g = form_value_of(r, path, "unit", name, "grade", grade_or(sr->grading, cur, ""));
		const char *why = form_value_of(r, path, "unit", name, "reason",
					   sr->decision.reason && !sr->decision.automatic ? sr->decision.reason : "");
		if (i == 0 || rs[i - 1].unit.kind != sr->unit.kind)
			h(b, "<tr><th colspan=\"8\">%s</th></tr>\n", kind_heading(sr->unit.kind));
		h(b, "<tr id=\"d%lld\"><td class=\"unit\">%s</td><td class=\"num\">%P</td><td>%s</td><td>", sr->unit.id, name,
		  sr->total, grade_or(sr->grading, sr->proposed, "—"));
		if (cap == GRADE_NONE)
			h(b, "不限");
		else if (cap == GRADE_FAIL)
			h(b, "只能为%s", scheme_grade_name(sr->grading, GRADE_FAIL));
		else
			h(b, "最高%s", scheme_grade_name(sr->grading, cap));
		h(b, "</td><td>");
		decision_words(b, sr);
		h(b, "</td><td>");
		h(b, "<select name=\"grade\" form=\"g%lld\" aria-label=\"%s的确定档次\">", sr->unit.id, name);
		for (enum grade k = scheme_grade_best(sr->grading); k <= GRADE_FAIL; k++)
			h(b, "<option%S>%s</option>", strcmp(g, scheme_grade_name(sr->grading, k)) == 0 ? " selected" : "",
			  scheme_grade_name(sr->grading, k));
		h(b, "</select>");
		form_error_of(r, b, path, "unit", name, "grade");
		form_error_of(r, b, path, "unit", name, "unit");
		h(b, "</td><td><input type=\"text\" name=\"reason\" maxlength=\"" KAOHE_STR(TEXT_NOTE_MAX) "\" form=\"g%lld\" value=\"%s\""
		     " placeholder=\"与拟定档次不同时必填\" aria-label=\"%s的理由\">", sr->unit.id, why, name);
		form_error_of(r, b, path, "unit", name, "reason");
		h(b, "</td><td><form id=\"g%lld\" method=\"post\" action=\"%s\" class=\"inline\">", sr->unit.id, path);
		form_csrf(r, b);
		h(b, "<input type=\"hidden\" name=\"unit\" value=\"%s\"><button type=\"submit\">确定</button></form></td></tr>\n",
		  name);
	}
	h(b, "</tbody></table></section>\n");
}

/* The two charts of one kind, as images the server draws. */
static void charts(struct buf *b, enum unit_kind kind)
{
	const char *slug = unit_kind_name(kind);
	h(b, "<figure class=\"charts\"><img class=\"chart\" src=\"/results/chart/%s.svg\" alt=\"%s总分条形图（数值见上表）\">"
	     "<img class=\"chart\" src=\"/results/chart/%s-parts.svg\" alt=\"%s各部分得分堆积条形图（数值见上表）\"></figure>\n",
	  slug, kind_heading(kind), slug, kind_heading(kind));
}

/* Viewers and assessed units before publication. */
static void not_published(struct req *r, struct resp *w)
{
	page_begin(r, w, "考核结果", "results");
	h(&w->body, "<p>考核结果尚未公布。结果经市政府同意、由安委办公布后，可在此查看。</p>");
	page_end(r, w);
	w->status = 403;
}

/* GET /results: the page, as much of it as the acting user may see. */
void get_results(struct req *r, struct resp *w)
{
	const struct account *a = req_user(r);
	struct stored_result *rs;
	int n;
	if (svc_results(r->svc, -1, false, &rs, &n) != 0) {
		const struct svc_error *e = svc_err(r->svc);
		if (e->code == SVC_FORBIDDEN && (a->role == ROLE_UNIT || a->role == ROLE_VIEWER) && !svc_published(r->svc))
			not_published(r, w);
		else
			page_refused(r, w, e);
		return;
	}
	struct svc_year_info y;
	if (svc_year_info(r->svc, &y) != 0) {
		stored_results_free(rs, n);
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	bool office = a->role == ROLE_OFFICE;
	page_begin(r, w, "考核结果", "results");
	struct buf *b = &w->body;
	int stale = svc_results_stale(r->svc);
	h(b, "<div class=\"summary\"><p>%d 年度", y.year);
	if (n && rs[0].computed_at) {
		h(b, "，计分时间 ");
		h(b, "%T", rs[0].computed_at);
	}
	if (y.consent_date)
		h(b, "；%D 市政府同意（%s）", y.consent_date, y.consent_ref ? y.consent_ref : "");
	h(b, "。</p>");
	if (stale < 0)
		h(b, "<p class=\"warning\">还没有考核结果%S</p>", office ? "，请先计分。" : "。");
	else if (stale > 0)
		h(b, "<p class=\"warning\">注意：计分之后评分记录又有改动，下列结果已过期%S</p>", office ? "，须重新计分。" : "。");
	bool custom = false;
	for (int i = 0; i < n; i++)
		custom |= rs[i].grading && rs[i].grading->grades_custom;
	if (n)
		h(b, "<p class=\"hint\">名次按总分排列。否决只限定档次：%S"
		     "方案规定“总分计 0 分”的否决才改变总分。"
		     "由省考核组考核的单位，得分取自省考核组的结果，不排名次。</p>",
		  custom ? "一票否决定为方案的最低一档，其他否决限定最高档次；"
		  : "一票否决定为不合格，优秀否决最高为良好；");
	if (n)
		reports_links(r, b, NULL);
	h(b, "</div>\n");
	if (office) {
		year_state(b, &y);
		office_steps(r, b, &y);
		if (!y.approved)
			left_to_do(r, b);
	}
	/* each kind the year assesses, in the order of its schemes; a list
	 * that cannot be read still shows the results under their kinds */
	enum unit_kind *kinds;
	int nk = page_kinds(r, &kinds);
	for (int k = 0; k < nk; k++) {
		int count = 0;
		for (int i = 0; i < n; i++)
			count += rs[i].unit.kind == kinds[k];
		if (!count)
			continue;
		h(b, "<section id=\"%s\"><h2>%s</h2>", unit_kind_name(kinds[k]), kind_heading(kinds[k]));
		ranking(r, b, kinds[k], rs, n);
		if (count > 1)
			charts(b, kinds[k]);
		h(b, "</section>\n");
	}
	free(kinds);
	if (!n && !office)
		h(b, "<p>没有可以查看的考核结果。</p>");
	if (office && !y.approved && n)
		decisions(r, b, rs, n);
	page_end(r, w);
	svc_year_info_clear(&y);
	stored_results_free(rs, n);
}

/* ---- the office's steps ---- */

void post_results_compute(struct req *r, struct resp *w)
{
	struct svc_compute_report rep;
	if (svc_compute(r->svc, &rep) != 0) {
		diag_free(&rep.notes);
		page_refused(r, w, svc_err(r->svc));   /* with every problem listed */
		return;
	}
	struct buf msg = {0};
	buf_printf(&msg, "已计分：逐项评分 %d 个单位，省考核 %d 个，不考核 %d 个", rep.scored, rep.provincial,
		   rep.excluded);
	if (rep.incomplete)
		buf_printf(&msg, "；%d 个单位结果未完成：", rep.incomplete);
	for (int i = 0; i < rep.notes.n; i++)
		buf_printf(&msg, "%s%s", i ? "；" : "", rep.notes.msgs[i]);
	page_done(r, w, "/results", "%s。", buf_str(&msg));
	buf_free(&msg);
	diag_free(&rep.notes);
}

/* POST /results/grade: the collective decision on one unit's grade. */
void post_results_grade(struct req *r, struct resp *w)
{
	const char *unit = req_param(r, "unit"), *grade = req_param(r, "grade"), *reason = req_param(r, "reason");
	if (svc_grade_set(r->svc, unit ? unit : "", grade, reason && *reason ? reason : NULL) != 0) {
		if (svc_err(r->svc)->code == SVC_NOT_FOUND)
			page_refused(r, w, svc_err(r->svc));
		else
			page_again(r, w, get_results);
		return;
	}
	page_done(r, w, "/results#decide", "已确定：%s %s", unit, grade);
}

/* POST /results/approve: locks the year; the message gives the audit
 * log's head hash to file with the results. */
void post_results_approve(struct req *r, struct resp *w)
{
	struct svc_approval ap;
	if (svc_approve(r->svc, &ap) != 0) {
		diag_free(&ap.automatic);
		page_again(r, w, get_results);
		return;
	}
	struct buf msg = {0};
	buf_printf(&msg, "已审定 %d 年度考核结果", svc_year(r->svc));
	if (ap.automatic.n)
		buf_printf(&msg, "（%d 个单位按拟定档次确定档次）", ap.automatic.n);
	buf_printf(&msg, "。审计记录链尾校验值：%s（请与归档结果一并留存，以便日后核对）", ap.head);
	page_done(r, w, "/results", "%s", buf_str(&msg));
	buf_free(&msg);
	diag_free(&ap.automatic);
}

/* POST /results/reopen: opens an approved year again, with a reason. */
void post_results_reopen(struct req *r, struct resp *w)
{
	if (svc_reopen(r->svc, req_param(r, "reason")) != 0) {
		page_again(r, w, get_results);
		return;
	}
	page_done(r, w, "/results", "已重新开放 %d 年度，可以修改评分后重新计分和审定", svc_year(r->svc));
}

/* POST /results/consent: the city government's consent (date, 文号). */
void post_results_consent(struct req *r, struct resp *w)
{
	const char *date = req_param(r, "date"), *ref = req_param(r, "ref");
	if (svc_consent(r->svc, date, ref) != 0) {
		page_again(r, w, get_results);
		return;
	}
	struct buf day = {0};
	h(&day, "%D", date);
	page_done(r, w, "/results", "已记录：%s 市政府同意（%s），可以公布结果", buf_str(&day), ref);
	buf_free(&day);
}

/* POST /results/publish: the viewer and the units see the results. */
void post_results_publish(struct req *r, struct resp *w)
{
	if (svc_publish(r->svc) != 0) {
		page_again(r, w, get_results);
		return;
	}
	page_done(r, w, "/results", "已公布 %d 年度考核结果：组织部和各被考核单位现在可以查看", svc_year(r->svc));
}
