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
	h(b, "<table class=\"grid progress\"><thead><tr><th>单位</th><th>考核组</th>");
	if (!scorer)
		h(b, "<th class=\"num\">已录入</th><th>进度</th><th>抽查</th>");
	h(b, "<th>行业、执法评分</th><th>核实</th></tr></thead><tbody>");
	for (int i = 0; i < p->n; i++) {
		const struct svc_unit_progress *u = &p->units[i];
		h(b, "<tr><td><a href=\"/sheet/%U\">%s</a></td><td>%s</td>", u->unit.name, u->unit.name,
		  u->team ? u->team : "（未分组）");
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
	h(b, "</section><section><h2>各评分表进度</h2>");
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
