/* page_history.c: the record (修改记录, the audit log) of the year: every
 * change, by whom, when, the old and the new value and the reason; of one
 * unit (?unit=), of one item of it (?unit=&code=), or, for the office,
 * all of it including the year's own rows. A team reads only its units'
 * record (the service refuses the rest). The office can check the
 * record's hash chain and see its head hash. */
#include "layout.h"
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE_ROWS 200

/* What each recorded action is, in the words of the plan. */
static const struct {
	const char *action, *words;
} actions[] = {
	{"score.set", "录入评分"}, {"score.clear", "删除评分"}, {"score.import", "导入评分"},
	{"accident.add", "记录事故"}, {"accident.remove", "删除事故"}, {"accident.import", "导入事故"},
	{"veto.add", "记录否决原因"}, {"veto.remove", "撤销否决原因"}, {"industry.set", "设置行业主管部门"},
	{"daily.task", "日常考核任务"}, {"daily.outcome", "日常考核记录"}, {"daily.rule", "日常考核扣分标准"},
	{"sample.draw", "抽取抽查对象"}, {"sample.set", "确定抽查对象"},
	{"sheet.open", "评分表重新录入"}, {"sheet.submit", "提交核实"}, {"sheet.return", "退回评分表"},
	{"sheet.verify", "核实评分表"}, {"sheet.void", "核实失效"},
	{"material.add", "上传资料"}, {"material.remove", "删除资料"},
	{"objection.file", "提出意见"}, {"objection.answer", "答复意见"}, {"objection.evidence", "意见证据"},
	{"objection.period", "意见期限"},
	{"compute", "计分"}, {"grade.set", "确定档次"}, {"year.approve", "审定"}, {"year.reopen", "重新开放"},
	{"year.consent", "市政府同意"}, {"year.publish", "公布结果"}, {"year.init", "新建年度"},
	{"year.carry", "沿用上一年度设置"}, {"year.scheme", "考核方案"},
	{"unit.add", "登记单位"}, {"unit.edit", "修改单位"}, {"unit.remove", "删除单位"}, {"unit.import", "导入单位"},
	{"team.add", "新建考核组"}, {"team.member", "考核组成员"}, {"team.assign", "分配考核单位"},
	{"user.add", "新建账号"}, {"user.disable", "停用或启用账号"}, {"user.passwd", "修改密码"},
};

/* An action in words (the code word itself if unknown). */
static const char *action_words(const char *a)
{
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(actions[i].action, a) == 0)
			return actions[i].words;
	return a;
}

/* The filter: a unit (suggesting the counties and departments) and an item. */
static void filter_form(struct req *r, struct buf *b, const char *unit, const char *code)
{
	h(b, "<form method=\"get\" action=\"/history\" class=\"filter\"><label>单位 <input name=\"unit\" list=\"units\""
	     " value=\"%s\"></label><label>考核项编号 <input name=\"code\" size=\"10\" value=\"%s\" placeholder=\"如 1.1.4\">"
	     "</label><button type=\"submit\">查看</button>", unit ? unit : "", code ? code : "");
	if (req_user(r)->role == ROLE_OFFICE)
		h(b, " <a href=\"/history\">全年度的记录</a>");
	h(b, "<datalist id=\"units\">");
	/* every assessed unit: counties, departments, then the added kinds */
	struct unit *u;
	int n;
	if (svc_unit_list(r->svc, -1, &u, &n) == 0) {
		for (int i = 0; i < n; i++)
			if (unit_kind_assessed(u[i].kind))
				h(b, "<option value=\"%s\">", u[i].name);
		unit_list_free(u, n);
	}
	h(b, "</datalist></form>\n");
}

/* A team member who named no unit: the units of the team to choose from. */
static void choose_unit(struct req *r, struct resp *w)
{
	page_begin(r, w, "修改记录", "history");
	struct buf *b = &w->body;
	filter_form(r, b, NULL, NULL);
	h(b, "<p class=\"hint\">%s。请选择单位：</p>", svc_err(r->svc)->message);
	struct svc_progress p;
	if (svc_progress(r->svc, &p) == 0) {
		h(b, "<ul class=\"todo\">");
		for (int i = 0; i < p.n; i++)
			h(b, "<li><a href=\"/history?unit=%U\">%s</a></li>", p.units[i].unit.name, p.units[i].unit.name);
		h(b, "</ul>");
		svc_progress_free(&p);
	}
	page_end(r, w);
}

/* A link to another page of this view. */
static void page_link(struct buf *b, const char *unit, const char *code, long long page, const char *words)
{
	h(b, "<a href=\"/history?");
	if (unit)
		h(b, "unit=%U&amp;", unit);
	if (code)
		h(b, "code=%U&amp;", code);
	h(b, "page=%lld\">%s</a>", page, words);
}

/* Frees one row's strings (the array stays). */
static void row_clear(struct audit_row *a)
{
	free(a->at);
	free(a->actor);
	free(a->action);
	free(a->unit);
	free(a->target);
	free(a->old);
	free(a->new_value);
	free(a->reason);
}

/* The class of a value cell: short values do not wrap. */
static const char *short_value(const char *v)
{
	return v && strlen(v) <= 30 ? " class=\"short\"" : "";
}

/* One row; the unit column only when the view is not of one unit. */
static void row_html(struct buf *b, const struct audit_row *a, const char *unit)
{
	h(b, "<tr><td class=\"num\">%lld</td><td class=\"short\">", a->seq);
	h(b, "%T", a->at);
	h(b, "</td><td class=\"short\">%s</td><td class=\"short\">%s</td>", a->actor, action_words(a->action));
	if (!unit) {
		if (a->unit)
			h(b, "<td class=\"short\"><a href=\"/history?unit=%U\">%s</a></td>", a->unit, a->unit);
		else
			h(b, "<td class=\"hint\">%s</td>", a->year ? "（年度）" : "（账号）");
	}
	h(b, "<td class=\"short\">");
	if (a->target && a->unit)
		h(b, "<a href=\"/history?unit=%U&amp;code=%U\">%s</a>", a->unit, a->target, a->target);
	else if (a->target)
		h(b, "%s", a->target);
	/* a short value stays on one line ("未公布"), a long one wraps */
	h(b, "</td><td%S>%s</td><td%S>%s</td><td>%s</td></tr>\n", short_value(a->old), a->old,
	  short_value(a->new_value), a->new_value, a->reason);
}

/* GET /history[?unit=&code=&page=]: the record, newest first, in pages. */
void get_history(struct req *r, struct resp *w)
{
	const struct account *me = req_user(r);
	const char *unit = req_param(r, "unit"), *code = req_param(r, "code");
	if (unit && !*unit)
		unit = NULL;
	if (code && !*code)
		code = NULL;
	long long page = 1;
	if (!req_int(r, "page", &page) || page < 1)
		page = 1;
	struct audit_row *rows;
	int n;
	if (svc_audit(r->svc, unit, &rows, &n) != 0) {
		const struct svc_error *e = svc_err(r->svc);
		if (!unit && e->code == SVC_FORBIDDEN && (me->role == ROLE_LEADER || me->role == ROLE_MEMBER))
			choose_unit(r, w);
		else
			page_refused(r, w, e);
		return;
	}
	/* one item: the rows that name it */
	int k = n;
	if (code) {
		k = 0;
		for (int i = 0; i < n; i++)
			if (rows[i].target && strcmp(rows[i].target, code) == 0)
				rows[k++] = rows[i];
			else
				row_clear(&rows[i]);
	}
	struct buf title = {0};
	if (unit && code)
		buf_printf(&title, "%s %s 的修改记录", unit, code);
	else if (unit)
		buf_printf(&title, "%s 的修改记录", unit);
	else if (code)
		buf_printf(&title, "%d 年度各单位 %s 的修改记录", svc_year(r->svc), code);
	else
		buf_printf(&title, "%d 年度的全部修改记录", svc_year(r->svc));
	page_begin(r, w, buf_str(&title), "history");
	buf_free(&title);
	struct buf *b = &w->body;
	filter_form(r, b, unit, code);
	if (me->role == ROLE_OFFICE) {
		h(b, "<form method=\"post\" action=\"/history/verify\" class=\"inline\">");
		form_csrf(r, b);
		h(b, "<button type=\"submit\">校验审计记录</button></form> <span class=\"hint\">检查全部记录的哈希链是否完整，"
		     "并给出链尾校验值</span>");
	}
	if (unit)
		h(b, "<p class=\"links\"><a href=\"/sheet/%U\">%s 评分表</a></p>", unit, unit);
	long long pages = k ? (k + PAGE_ROWS - 1) / PAGE_ROWS : 1;
	if (page > pages)
		page = pages;
	h(b, "<p>共 %d 条记录，最新的在前", k);
	if (pages > 1)
		h(b, "；第 %lld 页，共 %lld 页", page, pages);
	h(b, "。</p>\n");
	if (k) {
		h(b, "<table class=\"grid history\"><thead><tr><th class=\"num\">序号</th><th>时间</th><th>操作人</th>"
		     "<th>操作</th>%S<th>对象</th><th>原值</th><th>新值</th><th>理由</th></tr></thead><tbody>\n",
		  unit ? "" : "<th>单位</th>");
		long long first = k - 1 - (page - 1) * PAGE_ROWS;
		for (long long i = first; i >= 0 && i > first - PAGE_ROWS; i--)
			row_html(b, &rows[i], unit);
		h(b, "</tbody></table>\n");
	} else {
		h(b, "<p>没有修改记录。</p>");
	}
	if (pages > 1) {
		h(b, "<p class=\"pages\">");
		if (page > 1)
			page_link(b, unit, code, page - 1, "← 较新的记录");
		if (page > 1 && page < pages)
			h(b, " · ");
		if (page < pages)
			page_link(b, unit, code, page + 1, "较早的记录 →");
		h(b, "</p>");
	}
	audit_list_free(rows, k);
	page_end(r, w);
}

/* POST /history/verify: proves the record as `kaohe audit --verify` does:
 * the chain (its rows and head hash), the tables against the replayed
 * log, the results, the signature; names the first difference. */
void post_history_verify(struct req *r, struct resp *w)
{
	struct svc_verify v;
	if (svc_verify(r->svc, &v) != 0) {
		svc_verify_free(&v);
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	if (v.problems.n)
		page_done(r, w, "/history", "审计记录完整：共 %lld 条，链尾校验值 %s；但有 %d 处与审计记录不符，"
			  "第一处：%s（kaohe audit --verify 列出全部）", v.rows, v.head, v.problems.n,
			  v.problems.msgs[0]);
	else
		page_done(r, w, "/history", "审计记录完整：共 %lld 条，链尾校验值 %s（请与归档结果一并留存，以便日后核对）；"
			  "各表和结果与审计记录一致", v.rows, v.head);
	svc_verify_free(&v);
}
