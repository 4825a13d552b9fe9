/* page_accidents.c: the accident register (事故): every accident of the
 * year with its grade (by Decree 493, or the investigation's for an
 * occupational-disease hazard accident, both as the service states
 * them), who concealed it, the department it counts against, and the
 * vetoes the units concerned now have (their sheets scored now); the
 * office records, corrects and removes accidents, teams read. */
#include "layout.h"
#include "pages.h"
#include "../core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the vetoes of the units concerned ---- */

/* A unit the accidents count against, scored now. */
struct concerned {
	char *name;
	struct svc_explain ex;
	bool scored;
	char *why;                /* why it could not be scored here */
};

struct register_view {
	struct accident_rec *a;
	int na;
	struct concerned *u;
	int nu;
};

/* Frees the register and the units' sheets. */
static void view_free(struct register_view *v)
{
	accident_list_free(v->a, v->na);
	for (int i = 0; i < v->nu; i++) {
		free(v->u[i].name);
		free(v->u[i].why);
		if (v->u[i].scored)
			svc_explain_free(&v->u[i].ex);
	}
	free(v->u);
	memset(v, 0, sizeof *v);
}

/* Whether a veto comes from the accident register: counted accidents,
 * deaths, or a concealment. */
static bool accident_veto(const struct veto_rule *v)
{
	return v->when == WHEN_ACCIDENTS || v->when == WHEN_DEATHS || v->when == WHEN_ACCIDENT_MATCH ||
	       (v->when == WHEN_FLAG && v->flag == FLAG_MISREPORTED);
}

/* Adds a unit the accidents count against (once), scored now. */
static void concern(struct svc *s, struct register_view *v, const char *name)
{
	if (!name)
		return;
	for (int i = 0; i < v->nu; i++)
		if (strcmp(v->u[i].name, name) == 0)
			return;
	v->u = xrealloc(v->u, (size_t)(v->nu + 1) * sizeof *v->u);
	struct concerned *c = &v->u[v->nu++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->scored = svc_explain(s, name, &c->ex) == 0;
	if (!c->scored)
		c->why = xstrdup(svc_err(s)->message);
}

/* The register and, for each unit it counts against, its sheet now. */
static int view_open(struct req *r, struct register_view *v)
{
	memset(v, 0, sizeof *v);
	if (svc_accident_list(r->svc, &v->a, &v->na) != 0)
		return -1;
	for (int i = 0; i < v->na; i++) {
		concern(r->svc, v, v->a[i].county);
		if (v->a[i].department && v->a[i].department_registered)
			concern(r->svc, v, v->a[i].department);
		concern(r->svc, v, v->a[i].misreported_by);
	}
	return 0;
}

/* The unit named among those concerned, or NULL. */
static const struct concerned *concerned_of(const struct register_view *v, const char *name)
{
	for (int i = 0; name && i < v->nu; i++)
		if (strcmp(v->u[i].name, name) == 0)
			return &v->u[i];
	return NULL;
}

/* What a veto does, in the plan's words. */
static void effect_words(struct buf *b, const struct scheme *s, const struct veto_rule *v)
{
	bool bars_excellent = !s->grades_custom && v->grade == GRADE_GOOD;
	if (v->effect == EFFECT_FAIL)
		h(b, "一票否决（%s）", scheme_grade_name(s, GRADE_FAIL));
	else if (v->effect == EFFECT_ZERO)
		h(b, "总分计 0 分");
	else
		h(b, "%S最高评为%s", bars_excellent ? "优秀否决，" : "", scheme_grade_name(s, v->grade));
}

/* The accident vetoes a unit has now, briefly (a table cell). */
static void veto_codes(struct buf *b, const struct concerned *c)
{
	if (!c || !c->scored)
		return;
	for (int k = 0; k < c->ex.r->nvetoes; k++) {
		const struct veto_rule *v = c->ex.r->vetoes[k].rule;
		if (!accident_veto(v))
			continue;
		h(b, "<span class=\"veto\">%s %s%S</span><br>", c->name, v->code, v->effect == EFFECT_FAIL ? "（一票否决）"
		  : v->effect == EFFECT_AT_MOST && v->grade == GRADE_GOOD && !c->ex.r->scheme->grades_custom
		  ? "（优秀否决）" : "");
	}
}

/* Every accident veto of the units concerned, with what triggered it. */
static void veto_table(struct buf *b, const struct register_view *v)
{
	h(b, "<section><h2>事故引起的否决</h2><p class=\"hint\">按各单位当前的记录计算（与评分表一致）；"
	     "事故计入发生地县（区）和该行业的市直监管部门，瞒报、谎报、漏报计入瞒报单位。</p>");
	h(b, "<table class=\"grid\"><thead><tr><th>单位</th><th>否决项</th><th>情况</th><th>后果</th></tr></thead><tbody>");
	int rows = 0;
	for (int i = 0; i < v->nu; i++) {
		const struct concerned *c = &v->u[i];
		if (!c->scored) {
			h(b, "<tr><td>%s</td><td colspan=\"3\" class=\"hint\">%s</td></tr>", c->name, c->why);
			rows++;
			continue;
		}
		for (int k = 0; k < c->ex.r->nvetoes; k++) {
			const struct veto_hit *hit = &c->ex.r->vetoes[k];
			if (!accident_veto(hit->rule))
				continue;
			h(b, "<tr><td><a href=\"/sheet/%U\">%s</a></td><td>%s %s</td><td>%s</td><td class=\"veto\">", c->name,
			  c->name, hit->rule->code, hit->rule->title, hit->detail);
			effect_words(b, c->ex.r->scheme, hit->rule);
			h(b, "</td></tr>");
			rows++;
		}
	}
	if (!rows)
		h(b, "<tr><td colspan=\"4\">没有因事故引起的否决。</td></tr>");
	h(b, "</tbody></table></section>");
}

/* ---- the register ---- */

/* A sum of yuan with its thousands grouped: 4,200,000. */
static void yuan(struct buf *b, long long v)
{
	char digits[32], out[48];
	snprintf(digits, sizeof digits, "%lld", v);
	size_t n = strlen(digits), o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0 && digits[i - 1] != '-')
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	h(b, "%s", out);
}

/* 瞒报, 谎报 or 漏报, or NULL. */
static const char *misreport_words(const struct accident_rec *a)
{
	return a->concealed ? "瞒报" : a->false_report ? "谎报" : a->omitted ? "漏报" : NULL;
}

/* The register: a row per accident, with the accident vetoes the units
 * it counts against now have. */
static void register_table(struct buf *b, const struct register_view *v, bool office)
{
	h(b, "<table class=\"grid accidents\"><thead><tr><th class=\"num\">编号</th><th>日期</th><th>县（区）</th>"
	     "<th class=\"num\">死亡</th><th class=\"num\">重伤</th><th class=\"num\">直接经济损失（元）</th><th>行业</th>"
	     "<th>等级</th><th>瞒报、谎报、漏报</th><th>计入部门</th><th>相关否决</th><th>备注</th>%S</tr></thead><tbody>",
	  office ? "<th></th>" : "");
	for (int i = 0; i < v->na; i++) {
		const struct accident_rec *a = &v->a[i];
		h(b, "<tr id=\"a%lld\"><td class=\"num\">%lld</td><td>%D</td><td>%s</td><td class=\"num\">%lld</td>"
		     "<td class=\"num\">%lld</td><td class=\"num\">", a->id, a->id, a->date, a->county, a->deaths, a->injuries);
		yuan(b, a->loss);
		h(b, "</td><td>%s</td><td>%s%s事故", a->industry ? a->industry : "—",
		  accident_grade_name(accident_rec_grade(a)), a->occupational ? "职业病危害" : "");
		if (a->grade)
			h(b, "<br><span class=\"hint\">事故调查认定</span>");
		h(b, "</td><td>");
		if (misreport_words(a))
			h(b, "<span class=\"veto\">%s</span>（%s）", misreport_words(a),
			  a->misreported_by ? a->misreported_by : a->county);
		else
			h(b, "—");
		h(b, "</td><td>");
		if (!a->department)
			h(b, "—");
		else if (a->department_registered)
			h(b, "%s", a->department);
		else
			h(b, "%s<br><span class=\"missing\">未登记为市直部门，未计入</span>", a->department);
		h(b, "</td><td>");
		veto_codes(b, concerned_of(v, a->county));
		if (a->department_registered)
			veto_codes(b, concerned_of(v, a->department));
		veto_codes(b, concerned_of(v, a->misreported_by));
		h(b, "</td><td>%s</td>", a->note);
		if (office)
			h(b, "<td><a href=\"/accidents/%lld\">修改</a></td>", a->id);
		h(b, "</tr>\n");
	}
	if (!v->na)
		h(b, "<tr><td colspan=\"%d\">本年度没有记录事故。</td></tr>", office ? 13 : 12);
	h(b, "</tbody></table>");
}

/* ---- the form of an accident ---- */

/* A checkbox's state: as posted when this form (which always posts the
 * county) is shown again. */
static bool form_flag(const struct req *r, const char *name, bool current)
{
	return r->failed && r->post && req_param(r, "unit") ? req_param(r, name) != NULL : current;
}

/* An option of a select, selected if it is the current value. */
static void option(struct buf *b, const char *value, const char *label, const char *current)
{
	h(b, "<option value=\"%s\"%S>%s</option>", value, strcmp(value, current ? current : "") == 0 ? " selected" : "",
	  label);
}

/* A row of the accident form: the label, then the control (opened here,
 * closed by row_end with the refusal beside its field). */
static void row_begin(struct buf *b, const char *id, const char *label)
{
	h(b, "<tr><td><label for=\"%s\">%s</label></td><td>", id, label);
}

static void row_end(struct req *r, struct buf *b, const char *field)
{
	form_error(r, b, field);
	h(b, "</td></tr>");
}

/* Every field of struct accident_rec, with a's values (or those just
 * posted) and the refusal beside its field, as a two-column table. */
static void accident_fields(struct req *r, struct buf *b, const struct accident_rec *a)
{
	struct unit *counties = NULL, *departments = NULL;
	struct industry_row *ind = NULL;
	int nc = 0, nd = 0, ni = 0;
	if (svc_unit_list(r->svc, KIND_COUNTY, &counties, &nc) != 0)
		nc = 0;
	if (svc_unit_list(r->svc, KIND_DEPARTMENT, &departments, &nd) != 0)
		nd = 0;
	if (svc_industry_list(r->svc, &ind, &ni) != 0)
		ni = 0;
	h(b, "<table class=\"grid accident-form\"><tbody>");
	const char *v = form_value(r, "unit", a->county);
	row_begin(b, "f-unit", "发生地县（区）");
	h(b, "<select id=\"f-unit\" name=\"unit\" required>");
	option(b, "", "（请选择）", v);
	for (int i = 0; i < nc; i++)
		option(b, counties[i].name, counties[i].name, v);
	/* units of the kinds the year's added schemes assess (a school)
	 * answer for their own accidents */
	struct unit *all = NULL;
	int na = 0;
	if (svc_unit_list(r->svc, -1, &all, &na) != 0)
		na = 0;
	for (int i = 0; i < na; i++)
		if ((int)all[i].kind >= KIND_COUNT) {
			struct buf label = {0};
			buf_printf(&label, "%s（%s）", all[i].name, unit_kind_title(all[i].kind));
			option(b, all[i].name, buf_str(&label), v);
			buf_free(&label);
		}
	unit_list_free(all, na);
	h(b, "</select>");
	row_end(r, b, "unit");
	row_begin(b, "f-date", "发生日期");
	h(b, "<input id=\"f-date\" type=\"date\" name=\"date\" required value=\"%s\">", form_value(r, "date", a->date));
	row_end(r, b, "date");
	static const char *const nums[][3] = {{"deaths", "死亡人数", "人"}, {"injuries", "重伤人数（含急性工业中毒）", "人"},
					      {"loss", "直接经济损失", "元"}};
	long long cur[3] = {a->deaths, a->injuries, a->loss};
	for (int k = 0; k < 3; k++) {
		char num[32] = "", id[16];
		if (a->county)
			snprintf(num, sizeof num, "%lld", cur[k]);
		snprintf(id, sizeof id, "f-%s", nums[k][0]);
		row_begin(b, id, nums[k][1]);
		h(b, "<input id=\"%s\" type=\"number\" name=\"%s\" min=\"0\" step=\"1\" required value=\"%s\"> %s", id,
		  nums[k][0], form_value(r, nums[k][0], num), nums[k][2]);
		row_end(r, b, nums[k][0]);
	}
	v = form_value(r, "industry", a->industry);
	row_begin(b, "f-industry", "行业（监管部门）");
	h(b, "<select id=\"f-industry\" name=\"industry\">");
	option(b, "", "（不属于所列行业）", v);
	for (int i = 0; i < ni; i++) {
		struct buf label = {0};
		buf_printf(&label, "%s（%s）", ind[i].industry, ind[i].department);
		option(b, ind[i].industry, buf_str(&label), v);
		buf_free(&label);
	}
	h(b, "</select>");
	row_end(r, b, "industry");
	const char *mis = a->concealed ? "concealed" : a->false_report ? "false-report" : a->omitted ? "omitted" : "";
	mis = form_value(r, "misreported", mis);
	h(b, "<tr><td>瞒报、谎报、漏报</td><td>");
	static const char *const mr[][2] = {{"", "无"}, {"concealed", "瞒报"}, {"false-report", "谎报"}, {"omitted", "漏报"}};
	for (int k = 0; k < 4; k++)
		h(b, "<label><input type=\"radio\" name=\"misreported\" value=\"%s\"%S> %s</label>", mr[k][0],
		  strcmp(mis, mr[k][0]) == 0 ? " checked" : "", mr[k][1]);
	row_end(r, b, "misreported");
	v = form_value(r, "misreported_by", a->misreported_by);
	row_begin(b, "f-by", "瞒报、谎报、漏报的单位");
	h(b, "<select id=\"f-by\" name=\"misreported_by\">");
	option(b, "", "事故发生地县（区）", v);
	for (int i = 0; i < nd; i++)
		option(b, departments[i].name, departments[i].name, v);
	h(b, "</select>");
	row_end(r, b, "misreported_by");
	h(b, "<tr><td>职业病危害事故</td><td><label><input type=\"checkbox\" name=\"occupational\" value=\"1\"%S> 是</label>",
	  form_flag(r, "occupational", a->occupational) ? " checked" : "");
	v = form_value(r, "grade", a->grade);
	h(b, "<label>事故调查认定的等级 <select name=\"grade\">");
	option(b, "", "（生产安全事故按伤亡和损失认定）", v);
	for (int g = ACCIDENT_GENERAL; g <= ACCIDENT_EXTRAORDINARY; g++)
		option(b, accident_grade_name((enum accident_grade)g), accident_grade_name((enum accident_grade)g), v);
	h(b, "</select></label>");
	row_end(r, b, "grade");
	row_begin(b, "f-note", "备注");
	h(b, "<input id=\"f-note\" name=\"note\" size=\"40\" maxlength=\"" KAOHE_STR(TEXT_NOTE_MAX) "\" value=\"%s\">",
	  form_value(r, "note", a->note ? a->note : ""));
	row_end(r, b, "note");
	h(b, "</tbody></table>");
	unit_list_free(counties, nc);
	unit_list_free(departments, nd);
	industry_list_free(ind, ni);
}

/* An accident in words for a person: 卢龙县 2016年7月14日 较大事故：死亡 3
 * 人，重伤 2 人，直接经济损失 4200000 元. Caller frees. */
static char *accident_line(const struct accident_rec *a)
{
	char day[DATE_CN_SIZE];
	date_cn(a->date, day);
	struct buf b = {0};
	buf_printf(&b, "%s %s", a->county, day);
	buf_printf(&b, " %s%s事故：死亡 %lld 人，重伤 %lld 人，直接经济损失 %lld 元",
		   accident_grade_name(accident_rec_grade(a)), a->occupational ? "职业病危害" : "", a->deaths,
		   a->injuries, a->loss);
	if (a->industry)
		buf_printf(&b, "，%s", a->industry);
	if (misreport_words(a))
		buf_printf(&b, "，%s%s", a->misreported_by ? a->misreported_by : a->county, misreport_words(a));
	return buf_take(&b);
}

/* The accident a form posted; false with the field and why if a number
 * cannot be read. */
static bool read_accident(const struct req *r, struct accident_rec *a, const char **field, const char **why)
{
	memset(a, 0, sizeof *a);
	static const char *const text[] = {"unit", "date", "industry", "misreported_by", "grade", "note"};
	char **dst[] = {&a->county, &a->date, &a->industry, &a->misreported_by, &a->grade, &a->note};
	for (int k = 0; k < 6; k++) {
		const char *v = req_param(r, text[k]);
		*dst[k] = v && *v ? xstrdup(v) : k < 2 ? xstrdup("") : NULL;
	}
	const char *mis = req_param(r, "misreported");
	a->concealed = mis && strcmp(mis, "concealed") == 0;
	a->false_report = mis && strcmp(mis, "false-report") == 0;
	a->omitted = mis && strcmp(mis, "omitted") == 0;
	a->occupational = req_param(r, "occupational") != NULL;
	static const char *const nums[] = {"deaths", "injuries", "loss"};
	long long *dn[] = {&a->deaths, &a->injuries, &a->loss};
	for (int k = 0; k < 3; k++)
		if (!req_int(r, nums[k], dn[k])) {
			*field = nums[k];
			*why = "须填写整数（没有的写 0）";
			return false;
		}
	if (!*a->county) {
		*field = "unit";
		*why = "请选择事故发生地县（区）";
		return false;
	}
	return true;
}

/* ---- the pages ---- */

/* GET /accidents: the register, the accident vetoes, and for the office
 * the form to record an accident. */
void get_accidents(struct req *r, struct resp *w)
{
	struct register_view v;
	if (view_open(r, &v) != 0) {
		page_refused(r, w, svc_err(r->svc));
		view_free(&v);
		return;
	}
	bool office = req_user(r)->role == ROLE_OFFICE;
	page_begin(r, w, "事故", "accidents");
	struct buf *b = &w->body;
	h(b, "<p class=\"hint\">事故等级按国务院令第493号由死亡、重伤人数和直接经济损失认定（职业病危害事故按事故调查认定的等级）。</p>");
	register_table(b, &v, office);
	veto_table(b, &v);
	if (office && !svc_approved(r->svc)) {
		struct accident_rec empty = {0};
		h(b, "<section><h2>记录事故</h2><form method=\"post\" action=\"/accidents\">");
		form_csrf(r, b);
		accident_fields(r, b, &empty);
		h(b, "<p><button type=\"submit\">记录事故</button></p></form></section>");
	}
	view_free(&v);
	page_end(r, w);
}

/* POST /accidents: records an accident (svc_accident_add). */
void post_accident_add(struct req *r, struct resp *w)
{
	struct accident_rec a;
	const char *field = NULL, *why = NULL;
	if (!read_accident(r, &a, &field, &why)) {
		page_refuse_form(r, w, get_accidents, field, why);
	} else if (svc_accident_add(r->svc, &a) != 0) {
		page_again_with(r, w, get_accidents, svc_err(r->svc));
	} else {
		char *what = accident_line(&a);
		if (a.department && !a.department_registered)
			page_done(r, w, "/accidents", "已记录第 %lld 号事故：%s。注意：行业“%s”的监管部门“%s”未登记为市直部门，"
				  "事故未计入任何部门", a.id, what, a.industry, a.department);
		else
			page_done(r, w, "/accidents", "已记录第 %lld 号事故：%s", a.id, what);
		free(what);
	}
	accident_rec_clear(&a);
}

/* The accident numbered in the path, from the register; -1 after
 * answering with the refusal. */
static int accident_of(struct req *r, struct resp *w, struct accident_rec *out)
{
	char *end;
	long long id = strtoll(r->args[0], &end, 10);
	struct accident_rec *all;
	int n;
	if (svc_accident_list(r->svc, &all, &n) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return -1;
	}
	int found = -1;
	for (int i = 0; !*end && i < n; i++)
		if (all[i].id == id)
			found = i;
	if (found >= 0) {
		*out = all[found];
		memset(&all[found], 0, sizeof all[found]);
	}
	accident_list_free(all, n);
	if (found < 0) {
		struct svc_error e = {.code = SVC_NOT_FOUND, .message = "没有这个编号的事故"};
		page_refused(r, w, &e);
		return -1;
	}
	return 0;
}

/* GET /accidents/ID: one accident; for the office the forms to correct
 * and to remove it. */
void get_accident(struct req *r, struct resp *w)
{
	struct accident_rec a;
	if (accident_of(r, w, &a) != 0)
		return;
	struct buf title = {0};
	buf_printf(&title, "第 %lld 号事故", a.id);
	page_begin(r, w, buf_str(&title), "accidents");
	buf_free(&title);
	struct buf *b = &w->body;
	char *what = accident_line(&a);
	h(b, "<p>%s%S%s</p>", what, a.note ? "；备注：" : "", a.note);
	free(what);
	if (req_user(r)->role == ROLE_OFFICE && !svc_approved(r->svc)) {
		h(b, "<section><h2>修改</h2><form method=\"post\" action=\"/accidents/%lld/edit\">", a.id);
		form_csrf(r, b);
		accident_fields(r, b, &a);
		h(b, "<p><label>修改原因 <input name=\"reason\" required size=\"40\" maxlength=\"" KAOHE_STR(TEXT_NOTE_MAX) "\" value=\"%s\"></label></p>",
		  form_value(r, "reason", ""));
		form_error(r, b, "reason");
		h(b, "<p><button type=\"submit\">保存修改</button></p></form></section>");
		h(b, "<section><h2>删除</h2><p class=\"hint\">只删除误记的事故；删除记入修改记录。</p>"
		     "<form method=\"post\" action=\"/accidents/%lld/remove\" class=\"stack\" data-confirm=\"确定删除第 %lld 号事故？\">",
		  a.id, a.id);
		form_csrf(r, b);
		h(b, "<label>删除原因 <input name=\"remove_reason\" required maxlength=\"" KAOHE_STR(TEXT_NOTE_MAX) "\" value=\"%s\"></label>",
		  form_value(r, "remove_reason", ""));
		form_error(r, b, "remove_reason");
		h(b, "<p><button type=\"submit\" class=\"danger\">删除这起事故</button></p></form></section>");
	}
	h(b, "<p><a href=\"/accidents\">返回事故列表</a></p>");
	accident_rec_clear(&a);
	page_end(r, w);
}

/* POST /accidents/ID/edit: corrects an accident, with a reason. */
void post_accident_edit(struct req *r, struct resp *w)
{
	char *end;
	long long id = strtoll(r->args[0], &end, 10);
	struct accident_rec a;
	const char *field = NULL, *why = NULL;
	if (*end) {
		struct svc_error e = {.code = SVC_NOT_FOUND, .message = "没有这个编号的事故"};
		page_refused(r, w, &e);
		return;
	}
	if (!read_accident(r, &a, &field, &why)) {
		page_refuse_form(r, w, get_accident, field, why);
	} else if (svc_accident_edit(r->svc, id, &a, req_param(r, "reason")) != 0) {
		page_again_with(r, w, get_accident, svc_err(r->svc));
	} else {
		char *what = accident_line(&a);
		page_done(r, w, "/accidents", "已修改第 %lld 号事故：%s", id, what);
		free(what);
	}
	accident_rec_clear(&a);
}

/* POST /accidents/ID/remove: removes an accident recorded by mistake. */
void post_accident_remove(struct req *r, struct resp *w)
{
	char *end;
	long long id = strtoll(r->args[0], &end, 10);
	if (*end) {
		struct svc_error e = {.code = SVC_NOT_FOUND, .message = "没有这个编号的事故"};
		page_refused(r, w, &e);
		return;
	}
	if (svc_accident_remove(r->svc, id, req_param(r, "remove_reason")) != 0) {
		const struct svc_error *e = svc_err(r->svc);
		if (e->code == SVC_INVALID && e->field && strcmp(e->field, "reason") == 0)
			page_refuse_form(r, w, get_accident, "remove_reason", e->message);
		else
			page_again_with(r, w, get_accident, svc_err(r->svc));
		return;
	}
	page_done(r, w, "/accidents", "已删除第 %lld 号事故", id);
}
