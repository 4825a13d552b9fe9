/* page_daily.c: the daily-assessment ledger (日常考核): the tasks of the
 * year by due date with how many units have an outcome, the deductions
 * each bad outcome costs, and a task's page where the office records the
 * outcomes of many units at once (one POST, all or none). Teams read. The
 * service checks every outcome and scores the deductions into the
 * schemes' daily-assessment items. */
#include "layout.h"
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/daily.h"

/* The unit kind a target's tasks are done by. */
static enum unit_kind target_kind(int target)
{
	return strcmp(daily_target_unit(target), "county") == 0 ? KIND_COUNTY : KIND_DEPARTMENT;
}

/* The item of the year's scheme a task of this target and kind is scored
 * into, or NULL. */
static const struct node *item_of(struct req *r, int target, int kind)
{
	const struct scheme *sc = svc_scheme(r->svc, target_kind(target));
	for (int i = 0; sc && i < sc->ndaily_items; i++)
		if (sc->daily_items[i].target == target && sc->daily_items[i].kind == kind)
			return scheme_find(sc, sc->daily_items[i].code);
	return NULL;
}

/* How many units of a kind the city assesses. */
static int assessed_count(struct req *r, enum unit_kind kind)
{
	struct unit *u;
	int n, count = 0;
	if (svc_unit_list(r->svc, kind, &u, &n) != 0)
		return 0;
	for (int i = 0; i < n; i++)
		count += u[i].status == STATUS_ASSESSED;
	unit_list_free(u, n);
	return count;
}

/* A deduction rule in words: "每次扣 2 分", "每天扣 1 分". */
static void rule_words(struct buf *b, const struct svc_daily_rule *d)
{
	if (d->deduct)
		h(b, "每次扣 %P 分", d->deduct);
	if (d->per_day)
		h(b, "%S每天扣 %P 分", d->deduct ? "，另" : "", d->per_day);
	if (!d->deduct && !d->per_day)
		h(b, "不扣分");
}

/* ---- the ledger ---- */

/* The deductions per target and outcome; for the office each row is a
 * form that changes it. */
static void rules_table(struct req *r, struct buf *b, const struct svc_daily_rule *d, int n, bool edit)
{
	h(b, "<section><h2>扣分标准</h2><table class=\"grid\"><thead><tr><th>考核对象</th><th>结果</th><th>扣分</th>%S"
	     "</tr></thead><tbody>", edit ? "<th>修改</th>" : "");
	const char *pt = req_param(r, "target"), *po = req_param(r, "outcome");
	for (int i = 0; i < n; i++) {
		h(b, "<tr><td>%s</td><td>%s</td><td>", daily_target_title_of(d[i].target),
		  daily_outcome_title_of(d[i].outcome));
		rule_words(b, &d[i]);
		h(b, "</td>");
		if (edit) {
			bool again = r->failed && r->post && pt && po && strcmp(pt, daily_target_name(d[i].target)) == 0 &&
				     strcmp(po, daily_outcome_name(d[i].outcome)) == 0;
			char ded[POINTS_BUFSZ], day[POINTS_BUFSZ];
			points_fmt(d[i].deduct, ded);
			points_fmt(d[i].per_day, day);
			h(b, "<td><form method=\"post\" action=\"/daily/rule\" class=\"inline\">");
			form_csrf(r, b);
			h(b, "<input type=\"hidden\" name=\"target\" value=\"%s\"><input type=\"hidden\" name=\"outcome\" value=\"%s\">",
			  daily_target_name(d[i].target), daily_outcome_name(d[i].outcome));
			h(b, "<label>每次扣 <input name=\"deduct\" inputmode=\"decimal\" size=\"4\" value=\"%s\"> 分</label>",
			  again ? form_value(r, "deduct", ded) : ded);
			if (d[i].outcome == DAILY_LATE)
				h(b, "<label>每天扣 <input name=\"per_day\" inputmode=\"decimal\" size=\"4\" value=\"%s\"> 分</label>",
				  again ? form_value(r, "per_day", day) : day);
			h(b, "<button type=\"submit\">保存</button>");
			if (again && r->failed->field && *r->failed->field)
				h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
			h(b, "</form></td>");
		}
		h(b, "</tr>");
	}
	if (!n)
		h(b, "<tr><td colspan=\"%d\">本年度方案没有日常考核项。</td></tr>", edit ? 4 : 3);
	h(b, "</tbody></table><p class=\"hint\">扣分计入对应的日常考核项（见上表“计入”），由安委办按年度确定。</p></section>");
}

/* The office's form for a new task. */
static void task_form(struct req *r, struct buf *b)
{
	h(b, "<section><h2>登记任务</h2><form method=\"post\" action=\"/daily\" class=\"stack\">");
	form_csrf(r, b);
	h(b, "<label>任务名称 <input name=\"title\" required maxlength=\"" KAOHE_STR(UNIT_NAME_MAX) "\" value=\"%s\"></label>", form_value(r, "title", ""));
	form_error(r, b, "title");
	const char *v = form_value(r, "target", "county");
	h(b, "<label>考核对象 <select name=\"target\">");
	for (int t = 0; t < DAILY_TARGETS; t++)
		h(b, "<option value=\"%s\"%S>%s</option>", daily_target_name(t),
		  strcmp(v, daily_target_name(t)) == 0 ? " selected" : "", daily_target_title_of(t));
	h(b, "</select></label>");
	form_error(r, b, "target");
	v = form_value(r, "kind", "meeting");
	h(b, "<label>类型 <select name=\"kind\">");
	for (int k = 0; k < DAILY_KINDS; k++)
		h(b, "<option value=\"%s\"%S>%s</option>", daily_kind_name(k), strcmp(v, daily_kind_name(k)) == 0 ? " selected" : "",
		  daily_kind_title_of(k));
	h(b, "</select></label>");
	form_error(r, b, "kind");
	h(b, "<label>日期（会议日期或上报截止日期） <input type=\"date\" name=\"due\" required value=\"%s\"></label>",
	  form_value(r, "due", ""));
	form_error(r, b, "due");
	h(b, "<p><button type=\"submit\">登记任务</button></p></form></section>");
}

/* GET /daily: the tasks, the deductions, and the office's forms. */
void get_daily(struct req *r, struct resp *w)
{
	struct daily_task *t;
	int n;
	if (svc_daily_list(r->svc, &t, &n) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct svc_daily_rule *d = NULL;
	int nd = 0;
	if (svc_daily_rules(r->svc, &d, &nd) != 0)
		nd = 0;
	bool office = req_user(r)->role == ROLE_OFFICE, open = !svc_approved(r->svc);
	int units[2] = {assessed_count(r, KIND_COUNTY), assessed_count(r, KIND_DEPARTMENT)};
	page_begin(r, w, "日常考核", "daily");
	struct buf *b = &w->body;
	h(b, "<p class=\"hint\">各县（区）和市直部门参加会议、情况反馈、信息报送、节点性工作总结和其它要求上报的情况，"
	     "逐项登记，统计汇总计入日常考核分值。</p>");
	h(b, "<table class=\"grid\"><thead><tr><th class=\"num\">编号</th><th>日期</th><th>任务</th><th>考核对象</th>"
	     "<th>类型</th><th>计入</th><th class=\"num\">已记录</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct node *item = item_of(r, t[i].target, t[i].kind);
		int total = units[target_kind(t[i].target) == KIND_COUNTY ? 0 : 1];
		h(b, "<tr><td class=\"num\">%lld</td><td>%D</td><td><a href=\"/daily/%lld\">%s</a></td><td>%s</td><td>%s</td>",
		  t[i].id, t[i].due, t[i].id, t[i].title, daily_target_title_of(t[i].target), daily_kind_title_of(t[i].kind));
		if (item)
			h(b, "<td>%s %s</td>", item->code, item->title);
		else
			h(b, "<td class=\"missing\">方案中没有对应的考核项</td>");
		h(b, "<td class=\"num%S\">%d / %d</td></tr>\n", t[i].recorded < total ? " missing" : "", t[i].recorded, total);
	}
	if (!n)
		h(b, "<tr><td colspan=\"7\">本年度尚未登记日常考核任务。</td></tr>");
	h(b, "</tbody></table>");
	rules_table(r, b, d, nd, office && open);
	if (office && open)
		task_form(r, b);
	free(d);
	daily_list_free(t, n);
	page_end(r, w);
}

/* POST /daily: a new task (svc_daily_task). */
void post_daily_task(struct req *r, struct resp *w)
{
	long long id = svc_daily_task(r->svc, req_param(r, "title"), req_param(r, "target"), req_param(r, "kind"),
				      req_param(r, "due"));
	if (id < 0) {
		page_again_with(r, w, get_daily, svc_err(r->svc));
		return;
	}
	struct buf path = {0};
	h(&path, "/daily/%lld", id);
	page_done(r, w, buf_str(&path), "已登记日常考核任务 %lld：%s", id, req_param(r, "title"));
	buf_free(&path);
}

/* An amount field of the rule form: blank keeps what the year has (-1). */
static bool read_amount(const struct req *r, const char *name, points_t *out)
{
	const char *v = req_param(r, name);
	*out = -1;
	return !v || !*v || points_parse(v, out) == 0;
}

/* POST /daily/rule: one deduction of one target (svc_daily_rule). */
void post_daily_rule(struct req *r, struct resp *w)
{
	points_t deduct, per_day;
	const char *bad = !read_amount(r, "deduct", &deduct) ? "deduct" : !read_amount(r, "per_day", &per_day) ? "per_day"
		: NULL;
	if (bad) {
		struct svc_error e = {.code = SVC_INVALID, .field = (char *)bad,
				      .message = "扣分须是分值，最多两位小数，如 2 或 0.5"};
		page_again_with(r, w, get_daily, &e);
		return;
	}
	const char *target = req_param(r, "target");
	if (svc_daily_rule(r->svc, target && *target ? target : NULL, req_param(r, "outcome"), deduct, per_day) != 0) {
		page_again_with(r, w, get_daily, svc_err(r->svc));
		return;
	}
	page_done(r, w, "/daily", "已修改扣分标准：%s %s", daily_target_title_of(daily_target_parse(target)),
		  daily_outcome_title_of(daily_outcome_parse(req_param(r, "outcome"))));
}

/* ---- one task ---- */

/* The task numbered in the path; -1 after answering with the refusal. */
static int task_of(struct req *r, struct resp *w, struct daily_task *out)
{
	char *end;
	long long id = strtoll(r->args[0], &end, 10);
	struct daily_task *t;
	int n, found = -1;
	if (svc_daily_list(r->svc, &t, &n) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return -1;
	}
	for (int i = 0; !*end && i < n; i++)
		if (t[i].id == id)
			found = i;
	if (found >= 0) {
		*out = t[found];
		memset(&t[found], 0, sizeof t[found]);
	}
	daily_list_free(t, n);
	if (found < 0) {
		struct svc_error e = {.code = SVC_NOT_FOUND, .message = "没有这个编号的日常考核任务"};
		page_refused(r, w, &e);
		return -1;
	}
	return 0;
}

/* A unit's outcome among o, or NULL. */
static const struct svc_daily_outcome *outcome_of(const struct svc_daily_outcome *o, int n, const char *unit)
{
	for (int i = 0; i < n; i++)
		if (strcmp(o[i].unit, unit) == 0)
			return &o[i];
	return NULL;
}

/* The units of the task's target the city assesses, and any other unit
 * that has an outcome. Caller frees. */
static struct unit *task_units(struct req *r, const struct daily_task *t, const struct svc_daily_outcome *o, int no,
			       int *n)
{
	struct unit *all;
	int na;
	*n = 0;
	if (svc_unit_list(r->svc, target_kind(t->target), &all, &na) != 0)
		return NULL;
	struct unit *keep = xcalloc((size_t)(na ? na : 1), sizeof *keep);
	for (int i = 0; i < na; i++) {
		if (all[i].status == STATUS_ASSESSED || outcome_of(o, no, all[i].name))
			keep[(*n)++] = all[i];
		else
			unit_clear(&all[i]);
	}
	free(all);
	return keep;
}

/* The row of a refused form that posted unit's outcome (-1 if none). */
static int posted_index(const struct req *r, const char *unit)
{
	long long rows = 0;
	if (!r->failed || !r->post || !req_int(r, "rows", &rows))
		return -1;
	for (int i = 0; i < rows; i++) {
		char key[32];
		snprintf(key, sizeof key, "unit%d", i);
		const char *v = req_param(r, key);
		if (v && strcmp(v, unit) == 0)
			return i;
	}
	return -1;
}

/* Whether the refusal shown again is about the row that posted unit. */
static bool refused_row(const struct req *r, const char *unit)
{
	int i = posted_index(r, unit);
	return i >= 0 && r->failed->problems.n && r->failed->problems.row[0] == i + 1;
}

/* One unit's row: its outcome (a select for the office) and days late,
 * as posted when a refused form is shown again. */
static void outcome_row(struct req *r, struct buf *b, const struct daily_task *t, int i, const struct unit *u,
			const struct svc_daily_outcome *cur, bool edit)
{
	bool meeting = t->kind == DAILY_MEETING;
	h(b, "<tr id=\"r%d\"><td>%s</td><td>", i, u->name);
	char name[32], days[32], cur_days[32] = "";
	if (cur && cur->days_late)
		snprintf(cur_days, sizeof cur_days, "%lld", cur->days_late);
	if (!edit) {
		h(b, "%s</td>", cur ? daily_outcome_title_of(cur->outcome) : "未记录");
		if (!meeting)
			h(b, "<td class=\"num\">%s</td>", cur_days);
		h(b, "</tr>\n");
		return;
	}
	int pi = posted_index(r, u->name);
	snprintf(name, sizeof name, "outcome%d", pi);
	snprintf(days, sizeof days, "days%d", pi);
	const char *v = cur ? daily_outcome_name(cur->outcome) : "";
	const char *dv = cur_days;
	if (pi >= 0) {
		v = req_param(r, name) ? req_param(r, name) : v;
		dv = req_param(r, days) ? req_param(r, days) : dv;
	}
	h(b, "<input type=\"hidden\" name=\"unit%d\" value=\"%s\"><select name=\"outcome%d\" aria-label=\"%s的结果\">", i,
	  u->name, i, u->name);
	if (!cur)
		h(b, "<option value=\"\"%S>（未记录）</option>", !*v ? " selected" : "");
	for (int o = 0; o < DAILY_OUTCOMES; o++)
		if (daily_outcome_fits(t->kind, o))
			h(b, "<option value=\"%s\"%S>%s</option>", daily_outcome_name(o),
			  strcmp(v, daily_outcome_name(o)) == 0 ? " selected" : "", daily_outcome_title_of(o));
	h(b, "</select>");
	if (refused_row(r, u->name))
		h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
	h(b, "</td>");
	if (!meeting)
		h(b, "<td><input name=\"days%d\" type=\"number\" min=\"1\" max=\"366\" size=\"4\" value=\"%s\" "
		     "aria-label=\"%s迟报天数\"> 天</td>", i, dv, u->name);
	h(b, "</tr>\n");
}

/* GET /daily/ID: a task and each unit's outcome; the office records
 * them all in one form. */
void get_daily_task(struct req *r, struct resp *w)
{
	struct daily_task t;
	if (task_of(r, w, &t) != 0)
		return;
	struct svc_daily_outcome *o = NULL;
	int no = 0, nu = 0, nd = 0;
	if (svc_daily_outcomes(r->svc, t.id, &o, &no) != 0) {
		page_refused(r, w, svc_err(r->svc));
		free(t.title);
		free(t.due);
		return;
	}
	struct unit *units = task_units(r, &t, o, no, &nu);
	struct svc_daily_rule *d = NULL;
	if (svc_daily_rules(r->svc, &d, &nd) != 0)
		nd = 0;
	bool edit = req_user(r)->role == ROLE_OFFICE && !svc_approved(r->svc);
	struct buf title = {0};
	buf_printf(&title, "日常考核任务 %lld：%s", t.id, t.title);
	page_begin(r, w, buf_str(&title), "daily");
	buf_free(&title);
	struct buf *b = &w->body;
	const struct node *item = item_of(r, t.target, t.kind);
	h(b, "<p>%s · %s · %D", daily_target_title_of(t.target), daily_kind_title_of(t.kind), t.due);
	if (item)
		h(b, " · 计入 %s %s", item->code, item->title);
	h(b, "</p><p class=\"hint\">");
	int shown = 0;
	for (int i = 0; i < nd; i++)
		if (d[i].target == t.target && daily_outcome_fits(t.kind, d[i].outcome)) {
			h(b, "%S%s", shown++ ? "；" : "", daily_outcome_title_of(d[i].outcome));
			rule_words(b, &d[i]);
		}
	h(b, "%S<a href=\"/daily\">扣分标准</a></p>", shown ? "。" : "");
	/* a refusal beside its row where the row is shown; else here */
	bool beside = false;
	for (int i = 0; edit && i < nu; i++)
		beside |= refused_row(r, units[i].name);
	if (r->failed && r->failed->field && *r->failed->field && !beside)
		h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
	if (edit) {
		h(b, "<form method=\"post\" action=\"/daily/%lld/record\">", t.id);
		form_csrf(r, b);
		h(b, "<input type=\"hidden\" name=\"rows\" value=\"%d\">", nu);
	}
	h(b, "<table class=\"grid\"><thead><tr><th>单位</th><th>结果</th>%S</tr></thead><tbody>",
	  t.kind == DAILY_MEETING ? "" : "<th>迟报天数</th>");
	for (int i = 0; i < nu; i++)
		outcome_row(r, b, &t, i, &units[i], outcome_of(o, no, units[i].name), edit);
	h(b, "</tbody></table>");
	if (edit)
		h(b, "<p><button type=\"submit\">保存全部结果</button> <span class=\"hint\">%S已记录的结果可以改为其他结果。"
		     "</span></p></form>", t.kind == DAILY_MEETING ? "" : "迟报须填写迟报天数；");
	h(b, "<p><a href=\"/daily\">返回日常考核</a></p>");
	free(d);
	unit_list_free(units, nu);
	svc_daily_outcomes_free(o, no);
	free(t.title);
	free(t.due);
	page_end(r, w);
}

/* POST /daily/ID/record: the changed rows of the task page, all or none
 * (svc_daily_record_many). */
void post_daily_record(struct req *r, struct resp *w)
{
	char *end;
	long long id = strtoll(r->args[0], &end, 10), rows = 0;
	struct svc_daily_outcome *o = NULL;
	int no = 0;
	if (*end || !req_int(r, "rows", &rows) || rows < 0 || rows > 100000) {
		struct svc_error e = {.code = SVC_INVALID, .message = "提交的表格不完整，请刷新页面后重试"};
		page_refused(r, w, &e);
		return;
	}
	if (svc_daily_outcomes(r->svc, id, &o, &no) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct svc_daily_entry *e = xcalloc((size_t)(rows ? rows : 1), sizeof *e);
	int *row_of = xcalloc((size_t)(rows ? rows : 1), sizeof *row_of);
	int n = 0;
	struct svc_error bad = {0};
	for (int i = 0; i < rows && !bad.message; i++) {
		char key[32];
		snprintf(key, sizeof key, "unit%d", i);
		const char *unit = req_param(r, key);
		snprintf(key, sizeof key, "outcome%d", i);
		const char *outcome = req_param(r, key);
		if (!unit || !outcome || !*outcome)
			continue;
		long long days = 0;
		snprintf(key, sizeof key, "days%d", i);
		const char *dv = req_param(r, key);
		bool late = strcmp(outcome, "late") == 0;
		if (late && dv && *dv && !req_int(r, key, &days)) {
			bad = (struct svc_error){.code = SVC_INVALID, .field = "days", .message = "迟报天数须是整数"};
			diag_add_at(&bad.problems, i + 1, 0, "%s", bad.message);
			break;
		}
		const struct svc_daily_outcome *cur = outcome_of(o, no, unit);
		if (!late)
			days = 0;       /* days belong to a late report only */
		if (cur && strcmp(daily_outcome_name(cur->outcome), outcome) == 0 && cur->days_late == days)
			continue;       /* unchanged */
		row_of[n] = i;
		e[n++] = (struct svc_daily_entry){unit, outcome, days};
	}
	struct buf path = {0};
	h(&path, "/daily/%lld", id);
	if (bad.message) {
		page_again_with(r, w, get_daily_task, &bad);
		diag_free(&bad.problems);
	} else if (svc_daily_record_many(r->svc, id, e, n) != 0) {
		/* asked even with nothing changed (n 0): whether the user may
		 * record at all. The problem's row is the entry's; show it at
		 * the form's row */
		struct svc_error copy;
		svc_error_copy(&copy, svc_err(r->svc));
		if (copy.problems.n && copy.problems.row[0] >= 1 && copy.problems.row[0] <= n)
			copy.problems.row[0] = row_of[copy.problems.row[0] - 1] + 1;
		page_again_with(r, w, get_daily_task, &copy);
		svc_error_clear(&copy);
	} else if (n == 0) {
		page_done(r, w, buf_str(&path), "没有改动");
	} else {
		page_done(r, w, buf_str(&path), "已记录 %d 个单位的结果", n);
	}
	buf_free(&path);
	free(e);
	free(row_of);
	svc_daily_outcomes_free(o, no);
}
