/* page_home.c: the start page: what the signed-in person still has to
 * do, and how far every sheet is (exact counts from the database). */
#include "layout.h"
#include "pages.h"
#include "session.h"

#include <stdlib.h>
#include <string.h>

static void year_switch(struct req *r, struct buf *b)
{
	struct svc_year_info y;
	if (svc_year_info(r->svc, &y) != 0)
		return;
	if (y.nyears > 1) {
		h(b, "<form method=\"post\" action=\"/year\" class=\"inline\">");
		form_csrf(r, b);
		h(b, "<label>年度 <select name=\"year\">");
		for (int i = y.nyears - 1; i >= 0; i--)
			h(b, "<option value=\"%d\"%S>%d 年度</option>", y.years[i], y.years[i] == y.year ? " selected" : "",
			  y.years[i]);
		h(b, "</select></label> <button type=\"submit\">切换</button></form>");
	}
	if (y.window_from)
		h(b, "<p>考核时间：%D 至 %D。</p>", y.window_from, y.window_to);
	svc_year_info_clear(&y);
}

static void progress_table(struct req *r, struct buf *b, const struct svc_progress *p)
{
	const struct account *a = req_user(r);
	bool scorer = a->role == ROLE_INDUSTRY || a->role == ROLE_ENFORCEMENT;
	/* the names lead to the sheets for those who may open them */
	bool sheets = svc_permits(r->svc, OP_EXPLAIN, NULL);
	h(b, "<table class=\"grid progress\"><thead><tr><th>单位</th><th>考核组</th>");
	if (!scorer)
		h(b, "<th class=\"num\">已录入</th><th>进度</th><th>抽查</th>");
	h(b, "<th>行业、执法评分</th><th>核实</th></tr></thead><tbody>");
	for (int i = 0; i < p->n; i++) {
		const struct svc_unit_progress *u = &p->units[i];
		if (sheets)
			h(b, "<tr><td><a href=\"/sheet/%U\">%s</a></td>", u->unit.name, u->unit.name);
		else
			h(b, "<tr><td>%s</td>", u->unit.name);
		h(b, "<td>%s</td>", u->team ? u->team : "（未分组）");
		if (!scorer) {
			int pct = u->total ? u->entered * 100 / u->total : 100;
			h(b, "<td class=\"num\">%d / %d</td><td><meter min=\"0\" max=\"%d\" value=\"%d\">%d%%</meter></td>",
			  u->entered, u->total, u->total, u->entered, pct);
			h(b, "<td>%s</td>", u->unit.kind != KIND_COUNTY ? "—" : u->sample_short ? "未齐" : "已确定");
		}
		if (scorer)
			h(b, "<td>%s</td>", u->mine_missing ? "未录入" : "已录入");
		else if (u->scores_missing)
			h(b, "<td>缺 %d 项</td>", u->scores_missing);
		else
			h(b, "<td>齐全</td>");
		h(b, "<td>%s</td></tr>", review_state_title(u->review));
	}
	h(b, "</tbody></table>");
}

/* The office's summary by team (sheets, items entered, submitted and
 * verified) and by scorer (counties whose score is in), exact counts. */
static void summaries(struct req *r, struct buf *b, const struct svc_progress *p)
{
	struct team *t;
	int nt;
	if (svc_team_list(r->svc, &t, &nt) == 0) {
		h(b, "<section><h2>各考核组</h2><table class=\"grid\"><thead><tr><th>考核组</th><th class=\"num\">评分表</th>"
		     "<th class=\"num\">已录入项</th><th class=\"num\">已提交</th><th class=\"num\">已核实</th></tr></thead><tbody>");
		for (int k = 0; k <= nt; k++) {
			const char *name = k < nt ? t[k].name : NULL;
			int sheets = 0, entered = 0, total = 0, submitted = 0, verified = 0;
			for (int i = 0; i < p->n; i++) {
				const struct svc_unit_progress *u = &p->units[i];
				if (name ? !u->team || strcmp(u->team, name) != 0 : u->team != NULL)
					continue;
				sheets++;
				entered += u->entered;
				total += u->total;
				submitted += u->review == REVIEW_SUBMITTED;
				verified += u->review == REVIEW_VERIFIED;
			}
			if (!name && !sheets)
				continue;
			h(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%d</td><td class=\"num\">%d / %d</td>"
			     "<td class=\"num\">%d</td><td class=\"num\">%d</td></tr>", name ? name : "（未分组）", sheets,
			  entered, total, submitted, verified);
		}
		h(b, "</tbody></table></section>");
		team_list_free(t, nt);
	}
	struct svc_grid g;
	if (svc_grid(r->svc, &g) == 0) {
		h(b, "<section><h2>行业和行政执法评分</h2><table class=\"grid\"><thead><tr><th>评分</th>"
		     "<th class=\"num\">已录入县区</th></tr></thead><tbody>");
		for (int j = 0; j < g.nitems; j++) {
			int in = 0, of = 0;
			for (int i = 0; i < g.nunits; i++) {
				const struct svc_grid_cell *c = &g.cells[i * g.nitems + j];
				of += c->applies;
				in += c->applies && c->entered;
			}
			h(b, "<tr><th scope=\"row\">%s %s</th><td class=\"num\">%d / %d</td></tr>", g.items[j]->code,
			  g.items[j]->title, in, of);
		}
		h(b, "</tbody></table></section>");
		svc_grid_free(&g);
	}
}

void get_home(struct req *r, struct resp *w)
{
	page_begin(r, w, "首页", "home");
	struct buf *b = &w->body;
	const struct account *a = req_user(r);
	year_switch(r, b);
	if (a->role == ROLE_UNIT || a->role == ROLE_VIEWER) {
		h(b, "<ul class=\"todo\">");
		if (a->role == ROLE_UNIT)
			h(b, "<li><a href=\"/materials/%U\">上传本单位迎检资料</a>（按各考核项要求提供的文件和资料）</li>",
			  a->unit);
		if (svc_published(r->svc)) {
			h(b, "<li><a href=\"/results\">查看已公布的考核结果</a></li>");
			if (a->role == ROLE_UNIT)
				h(b, "<li><a href=\"/sheet/%U\">查看本单位评分表</a>，如有意见可在<a href=\"/objections\">意见</a>页提出</li>",
				  a->unit);
		} else {
			h(b, "<li>考核结果尚未公布。</li>");
		}
		h(b, "</ul>");
		page_end(r, w);
		return;
	}
	struct svc_progress p;
	if (svc_progress(r->svc, &p) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	if (p.window_over)
		h(b, "<p class=\"days\">考核时间已结束。</p>");
	else if (p.days_left == 0)
		h(b, "<p class=\"days\">今天是考核的最后一天。</p>");
	else if (p.days_left > 0)
		h(b, "<p class=\"days\">距考核结束还有 <strong>%d</strong> 天。</p>", p.days_left);
	h(b, "<section><h2>待办</h2>");
	if (p.mine.n) {
		h(b, "<ul class=\"todo\">");
		for (int i = 0; i < p.mine.n; i++)
			h(b, "<li>%s</li>", p.mine.msgs[i]);
		h(b, "</ul>");
	} else {
		h(b, "<p>暂无待办事项。</p>");
	}
	h(b, "</section>");
	if (a->role == ROLE_OFFICE)
		summaries(r, b, &p);
	h(b, "<section><h2>各评分表进度</h2>");
	if (p.n)
		progress_table(r, b, &p);
	else
		h(b, "<p>没有需要录入的评分表。</p>");
	h(b, "</section>");
	svc_progress_free(&p);
	page_end(r, w);
}

void post_year(struct req *r, struct resp *w)
{
	long long year = 0;
	if (!req_int(r, "year", &year) || svc_use_year(r->svc, (int)year) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	r->session->year = (int)year;
	session_update(r->session);
	page_done(r, w, "/", "已切换到 %lld 年度", year);
}
