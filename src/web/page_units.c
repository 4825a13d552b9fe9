/* page_units.c: the units of the year (单位), in the official order: the
 * counties with their towns, county departments and enterprises beneath,
 * then the city departments; their status (市考核、省考核、不考核) and the
 * province's results. The office adds, edits and removes units and
 * imports them from a CSV file (all rows or none, every problem at its
 * row and column). The teams are on their own page (page_teams.c). */
#include "layout.h"
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/points.h"

/* ---- forms refused and shown again (as in page_admin.c) ---- */

/* ---- the list of units ---- */

/* A unit's name, a link to its edit page for the office. */
static void unit_name(struct buf *b, const struct unit *u, bool office)
{
	if (office)
		h(b, "<a href=\"/units/edit?unit=%U\">%s</a>", u->name, u->name);
	else
		h(b, "%s", u->name);
	if (u->industry)
		h(b, "（%s）", u->industry);
	if (u->status != STATUS_ASSESSED)
		h(b, "〔%s〕", unit_status_title(u->status));
}

/* The sub-units of kind under parent, separated by 、. */
static void children_cell(struct buf *b, const struct unit *u, int n, long long parent, enum unit_kind kind,
			  bool office)
{
	int count = 0, k = 0;
	for (int i = 0; i < n; i++)
		count += u[i].parent_id == parent && u[i].kind == kind;
	if (!count) {
		h(b, "<span class=\"hint\">无</span>");
		return;
	}
	h(b, "%d 个：", count);
	for (int i = 0; i < n; i++) {
		if (u[i].parent_id != parent || u[i].kind != kind)
			continue;
		if (k++)
			h(b, "、");
		unit_name(b, &u[i], office);
	}
}

/* A unit's status and the province's total and grade, as cells. */
static void provincial_cells(struct buf *b, const struct scheme *gs, const struct unit *u)
{
	h(b, "<td>%s</td><td class=\"num\">", unit_status_title(u->status));
	if (u->has_provincial_total)
		h(b, "%P", u->provincial_total);
	h(b, "</td><td>%s</td>", u->provincial_grade != GRADE_NONE ? scheme_grade_name(gs, u->provincial_grade) : "");
}

/* The counties or the departments, each with its sub-units, and their
 * counts by status. */
static void units_table(struct buf *b, const struct scheme *gs, const struct unit *u, int n, enum unit_kind kind,
			bool office)
{
	int total = 0, by[STATUS_COUNT] = {0};
	for (int i = 0; i < n; i++)
		if (u[i].kind == kind) {
			total++;
			by[u[i].status]++;
		}
	const char *heading = kind == KIND_COUNTY ? "县（区）" : unit_kind_title(kind);
	h(b, "<h2>%s</h2><p>共 %d 个：市考核 %d 个，省考核 %d 个，不考核 %d 个。</p>",
	  heading, total, by[STATUS_ASSESSED], by[STATUS_PROVINCIAL],
	  by[STATUS_EXCLUDED]);
	if (!total)
		return;
	h(b, "<table class=\"grid\"><thead><tr><th class=\"num\">顺序</th><th>%s</th><th>考核</th>"
	     "<th class=\"num\">省考核得分</th><th>省考核档次</th>", heading);
	bool departments = kind == KIND_COUNTY || kind == KIND_DEPARTMENT;
	if (kind == KIND_COUNTY)
		h(b, "<th>乡镇（街道）</th><th>县区部门</th>");
	if (departments)
		h(b, "<th>企业</th>");
	h(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		if (u[i].kind != kind)
			continue;
		h(b, "<tr id=\"u%lld\"><td class=\"num\">%d</td><td>", u[i].id, u[i].sort_order);
		if (office)
			h(b, "<a href=\"/units/edit?unit=%U\">%s</a>", u[i].name, u[i].name);
		else
			h(b, "%s", u[i].name);
		if (u[i].industry)
			h(b, "（%s）", u[i].industry);
		h(b, "</td>");
		provincial_cells(b, gs, &u[i]);
		if (kind == KIND_COUNTY) {
			h(b, "<td>");
			children_cell(b, u, n, u[i].id, KIND_TOWN, office);
			h(b, "</td><td>");
			children_cell(b, u, n, u[i].id, KIND_COUNTY_DEPARTMENT, office);
			h(b, "</td>");
		}
		if (departments) {
			h(b, "<td>");
			children_cell(b, u, n, u[i].id, KIND_ENTERPRISE, office);
			h(b, "</td>");
		}
		h(b, "</tr>");
	}
	h(b, "</tbody></table>");
}

/* A <select> of the five unit kinds and the kinds the year's added
 * schemes assess. */
static void kind_select(struct req *r, struct buf *b, const char *chosen)
{
	enum unit_kind *kinds = NULL;
	int nk = 0;
	if (svc_kinds(r->svc, &kinds, &nk) != 0)
		nk = 0;
	h(b, "<label>类型<select name=\"kind\">");
	for (int k = 0; k < KIND_COUNT + nk; k++) {
		enum unit_kind kind = k < KIND_COUNT ? (enum unit_kind)k : kinds[k - KIND_COUNT];
		if (k >= KIND_COUNT && (int)kind < KIND_COUNT)
			continue;
		h(b, "<option value=\"%s\"%S>%s</option>", unit_kind_name(kind),
		  chosen && strcmp(chosen, unit_kind_name(kind)) == 0 ? " selected" : "", unit_kind_title(kind));
	}
	h(b, "</select></label>");
	free(kinds);
}

/* A <select> of the three statuses (市考核、省考核、不考核). */
static void status_select(struct buf *b, const char *chosen)
{
	h(b, "<label>考核<select name=\"status\">");
	for (int k = 0; k < STATUS_COUNT; k++)
		h(b, "<option value=\"%s\"%S>%s</option>", unit_status_name((enum unit_status)k),
		  chosen && strcmp(chosen, unit_status_name((enum unit_status)k)) == 0 ? " selected" : "",
		  unit_status_title((enum unit_status)k));
	h(b, "</select></label>");
}

/* Parents to choose from: counties, and departments if with_departments. */
static void parent_select(struct buf *b, const struct unit *u, int n, const char *chosen, bool with_departments,
			  bool none)
{
	h(b, "<label>上级（乡镇、县区部门选县区；企业选县区或市直部门）<select name=\"parent\">");
	if (none)
		h(b, "<option value=\"\">（无：县区、市直部门）</option>");
	for (int i = 0; i < n; i++)
		if (u[i].kind == KIND_COUNTY || (with_departments && u[i].kind == KIND_DEPARTMENT))
			h(b, "<option value=\"%s\"%S>%s（%s）</option>", u[i].name,
			  chosen && strcmp(chosen, u[i].name) == 0 ? " selected" : "", u[i].name, unit_kind_title(u[i].kind));
	h(b, "</select></label>");
}

/* The office's form to register one unit. */
static void add_form(struct req *r, struct buf *b, const struct unit *u, int n)
{
	static const char *const P = "/units";
	static const char *const fields[] = {"name", "kind", "parent", "unit", "industry", "order", "status", NULL};
	h(b, "<section id=\"add\"><h2>登记单位</h2><form method=\"post\" action=\"/units#add\" class=\"stack\">");
	form_csrf(r, b);
	form_error_other(r, b, P, NULL, NULL, fields);
	h(b, "<label>名称（同名乡镇写全称，如“昌黎县城关镇”）<input name=\"name\" required maxlength=\"" KAOHE_STR(UNIT_NAME_MAX) "\" value=\"%s\"></label>",
	  form_value_of(r, P, NULL, NULL, "name", ""));
	form_error_of(r, b, P, NULL, NULL, "name");
	kind_select(r, b, form_value_of(r, P, NULL, NULL, "kind", "county"));
	form_error_of(r, b, P, NULL, NULL, "kind");
	parent_select(b, u, n, form_value_of(r, P, NULL, NULL, "parent", ""), true, true);
	form_error_of(r, b, P, NULL, NULL, "parent");
	form_error_of(r, b, P, NULL, NULL, "unit");
	h(b, "<label>行业（企业所属行业，可不填）<input name=\"industry\" maxlength=\"" KAOHE_STR(UNIT_WORD_MAX) "\" value=\"%s\"></label>",
	  form_value_of(r, P, NULL, NULL, "industry", ""));
	form_error_of(r, b, P, NULL, NULL, "industry");
	h(b, "<label>顺序（不填则排在同类最后）<input name=\"order\" type=\"number\" min=\"1\" max=\"" KAOHE_STR(UNIT_ORDER_MAX) "\" value=\"%s\"></label>",
	  form_value_of(r, P, NULL, NULL, "order", ""));
	form_error_of(r, b, P, NULL, NULL, "order");
	status_select(b, form_value_of(r, P, NULL, NULL, "status", "assessed"));
	form_error_of(r, b, P, NULL, NULL, "status");
	h(b, "<button type=\"submit\">登记</button></form></section>");
}

/* The office's CSV upload, with every problem of a refused file by row
 * and column. */
static void import_form(struct req *r, struct buf *b)
{
	h(b, "<section id=\"import\"><h2>从 CSV 文件导入单位</h2>"
	     "<p class=\"hint\">第一行为表头：名称、类型、上级、行业、顺序、状态（后四列可省略）。类型写县区、市直部门、乡镇、"
	     "县区部门或企业；状态写市考核、省考核或不考核。UTF-8 或 GBK（Excel 另存的 CSV）均可。"
	     "全部行都无误才导入，有一行有误则一行也不导入。</p>");
	if (form_refused(r, "/units/import", NULL, NULL) && r->failed->problems.n) {
		const struct diag *d = &r->failed->problems;
		h(b, "<table class=\"grid problems\"><thead><tr><th class=\"num\">行</th><th class=\"num\">列</th><th>问题</th>"
		     "</tr></thead><tbody>");
		for (int i = 0; i < d->n; i++) {
			h(b, "<tr><td class=\"num\">");
			if (d->row[i])
				h(b, "第 %d 行", d->row[i]);
			h(b, "</td><td class=\"num\">");
			if (d->col[i])
				h(b, "第 %d 列", d->col[i]);
			h(b, "</td><td>%s</td></tr>", d->msgs[i]);
		}
		h(b, "</tbody></table>");
	}
	h(b, "<form method=\"post\" action=\"/units/import#import\" enctype=\"multipart/form-data\" class=\"stack\">");
	form_csrf(r, b);
	h(b, "<label>CSV 文件<input name=\"file\" type=\"file\" accept=\".csv,text/csv\" required></label>");
	form_error_of(r, b, "/units/import", NULL, NULL, "file");
	h(b, "<button type=\"submit\">导入</button></form></section>");
}

/* GET /units: every unit of the year; the office's forms. */
void get_units(struct req *r, struct resp *w)
{
	struct unit *u;
	int n;
	if (svc_unit_list(r->svc, -1, &u, &n) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	bool office = is_office(r);
	page_begin(r, w, "单位", "admin");
	struct buf *b = &w->body;
	if (office)
		h(b, "<p class=\"links\"><a href=\"/admin\">年度与账号</a> · <a href=\"/teams\">考核组</a></p>");
	if (!n)
		h(b, "<p>本年度还没有登记单位。</p>");
	/* every kind the year assesses: county, department, the added ones */
	enum unit_kind *kinds;
	int nk = page_kinds(r, &kinds);
	for (int k = 0; k < nk; k++)
		units_table(b, svc_grading(r->svc, kinds[k]), u, n, kinds[k], office);
	free(kinds);
	if (office) {
		if (n)
			h(b, "<p class=\"hint\">点单位名称修改或删除。</p>");
		add_form(r, b, u, n);
		import_form(r, b);
	}
	unit_list_free(u, n);
	page_end(r, w);
}

/* POST /units: registers a unit. */
void post_units_add(struct req *r, struct resp *w)
{
	struct svc_unit_fields f = {.name = req_param(r, "name"), .kind = req_param(r, "kind"),
		.parent = req_param(r, "parent"), .industry = req_param(r, "industry"),
		.status = req_param(r, "status"), .order = req_param(r, "order")};
	struct unit u;
	if (svc_unit_add(r->svc, &f, &u) != 0) {
		page_again(r, w, get_units);
		return;
	}
	page_done(r, w, "/units", "已登记%s：%s", unit_kind_title(u.kind), u.name);
	unit_clear(&u);
}

/* POST /units/import: units from an uploaded CSV file, all or none. */
void post_units_import(struct req *r, struct resp *w)
{
	const struct field *f = req_file(r, "file");
	if (!f) {
		page_refuse_form(r, w, get_units, "file", "请选择要导入的 CSV 文件");
		return;
	}
	struct csv_mem m;
	struct csv_source src;
	csv_mem_source(&m, f->value.p ? f->value.p : "", f->value.len, &src);
	long long rows = 0;
	if (svc_unit_import(r->svc, &src, f->filename, &rows) != 0) {
		page_again(r, w, get_units);
		return;
	}
	page_done(r, w, "/units", "已从 %s 导入 %lld 个单位", f->filename, rows);
}

/* ---- one unit ---- */

/* A unit's record as a table. */
static void unit_details(struct buf *b, const struct scheme *gs, const struct unit *u)
{
	h(b, "<table class=\"grid\"><tbody><tr><th scope=\"row\">名称</th><td>%s</td></tr>"
	     "<tr><th scope=\"row\">类型</th><td>%s</td></tr>", u->name, unit_kind_title(u->kind));
	if (u->parent)
		h(b, "<tr><th scope=\"row\">上级</th><td>%s</td></tr>", u->parent);
	if (u->industry)
		h(b, "<tr><th scope=\"row\">行业</th><td>%s</td></tr>", u->industry);
	h(b, "<tr><th scope=\"row\">顺序</th><td>%d</td></tr><tr><th scope=\"row\">考核</th><td>%s</td></tr>",
	  u->sort_order, unit_status_title(u->status));
	if (u->has_provincial_total)
		h(b, "<tr><th scope=\"row\">省考核得分</th><td>%P</td></tr>", u->provincial_total);
	if (u->provincial_grade != GRADE_NONE)
		h(b, "<tr><th scope=\"row\">省考核档次</th><td>%s</td></tr>", scheme_grade_name(gs, u->provincial_grade));
	if (u->applied_grade)
		h(b, "<tr><th scope=\"row\">申报档次</th><td>%s</td></tr>", u->applied_grade);
	h(b, "</tbody></table>");
}

/* GET /units/edit?unit=…: a unit's fields to change, and its removal. */
void get_units_edit(struct req *r, struct resp *w)
{
	const char *name = req_param(r, "unit");
	struct unit u;
	if (svc_unit_get(r->svc, name ? name : "", &u) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct unit *all = NULL;
	int n = 0;
	if (!unit_kind_assessed(u.kind) && svc_unit_list(r->svc, -1, &all, &n) != 0) {
		page_refused(r, w, svc_err(r->svc));
		unit_clear(&u);
		return;
	}
	struct buf title = {0};
	buf_printf(&title, "%s：%s", unit_kind_title(u.kind), u.name);
	page_begin(r, w, buf_str(&title), "admin");
	buf_free(&title);
	struct buf *b = &w->body;
	h(b, "<p><a href=\"/units\">返回单位列表</a></p>");
	unit_details(b, svc_grading(r->svc, u.kind), &u);
	if (!is_office(r)) {
		unit_list_free(all, n);
		unit_clear(&u);
		page_end(r, w);
		return;
	}
	const char *P = "/units/edit";
	static const char *const fields[] = {"name", "parent", "unit", "industry", "order", "status",
		"provincial_total", "provincial_grade", "applied_grade", NULL};
	h(b, "<h2>修改</h2><form method=\"post\" action=\"/units/edit\" class=\"stack\">");
	form_csrf(r, b);
	form_error_other(r, b, P, NULL, NULL, fields);
	h(b, "<input type=\"hidden\" name=\"unit\" value=\"%s\">", u.name);
	h(b, "<label>名称<input name=\"name\" required maxlength=\"" KAOHE_STR(UNIT_NAME_MAX) "\" value=\"%s\"></label>", form_value_of(r, P, NULL, NULL, "name", u.name));
	form_error_of(r, b, P, NULL, NULL, "name");
	if (!unit_kind_assessed(u.kind)) {
		parent_select(b, all, n, form_value_of(r, P, NULL, NULL, "parent", u.parent), u.kind == KIND_ENTERPRISE, false);
		form_error_of(r, b, P, NULL, NULL, "parent");
		form_error_of(r, b, P, NULL, NULL, "unit");
	}
	h(b, "<label>行业<input name=\"industry\" maxlength=\"" KAOHE_STR(UNIT_WORD_MAX) "\" value=\"%s\"></label>",
	  form_value_of(r, P, NULL, NULL, "industry", u.industry ? u.industry : ""));
	form_error_of(r, b, P, NULL, NULL, "industry");
	char order[16];
	snprintf(order, sizeof order, "%d", u.sort_order);
	h(b, "<label>顺序<input name=\"order\" type=\"number\" min=\"1\" max=\"" KAOHE_STR(UNIT_ORDER_MAX) "\" value=\"%s\"></label>",
	  form_value_of(r, P, NULL, NULL, "order", order));
	form_error_of(r, b, P, NULL, NULL, "order");
	status_select(b, form_value_of(r, P, NULL, NULL, "status", unit_status_name(u.status)));
	form_error_of(r, b, P, NULL, NULL, "status");
	if (unit_kind_assessed(u.kind)) {
		char total[POINTS_BUFSZ] = "";
		if (u.has_provincial_total)
			points_fmt(u.provincial_total, total);
		h(b, "<label>省考核得分（省考核的单位，照省里的结果填写）<input name=\"provincial_total\" inputmode=\"decimal\" value=\"%s\"></label>",
		  form_value_of(r, P, NULL, NULL, "provincial_total", total));
		form_error_of(r, b, P, NULL, NULL, "provincial_total");
		const struct scheme *gs = svc_grading(r->svc, u.kind);
		const char *g = form_value_of(r, P, NULL, NULL, "provincial_grade",
					 u.provincial_grade != GRADE_NONE ? scheme_grade_name(gs, u.provincial_grade) : "");
		h(b, "<label>省考核档次<select name=\"provincial_grade\"><option value=\"\">（无）</option>");
		for (int k = scheme_grade_best(gs); k < GRADE_COUNT; k++) {
			const char *gn = scheme_grade_name(gs, (enum grade)k);
			h(b, "<option value=\"%s\"%S>%s</option>", gn, strcmp(g, gn) == 0 ? " selected" : "", gn);
		}
		h(b, "</select></label>");
		form_error_of(r, b, P, NULL, NULL, "provincial_grade");
		/* 申报档次: which grade's ★ items bind the unit (veto_forms.h) */
		const char *a = form_value_of(r, P, NULL, NULL, "applied_grade", u.applied_grade ? u.applied_grade : "");
		h(b, "<label>申报档次（决定须达到哪一档的★必达项）<select name=\"applied_grade\">"
		     "<option value=\"\">（未申报）</option>");
		for (int k = scheme_grade_best(gs); k < GRADE_COUNT; k++) {
			const char *gn = scheme_grade_name(gs, (enum grade)k);
			h(b, "<option value=\"%s\"%S>%s</option>", gn, strcmp(a, gn) == 0 ? " selected" : "", gn);
		}
		h(b, "</select></label>");
		form_error_of(r, b, P, NULL, NULL, "applied_grade");
	}
	h(b, "<button type=\"submit\">保存修改</button></form>");
	h(b, "<h2>删除</h2><p class=\"hint\">只用于误登记的单位：已有评分、抽查、事故、账号等记录的单位不能删除。</p>"
	     "<form method=\"post\" action=\"/units/remove\" class=\"stack\" data-confirm=\"确定删除“%s”？\">", u.name);
	form_csrf(r, b);
	form_error_other(r, b, "/units/remove", NULL, NULL, (const char *const[]){"reason", NULL});
	h(b, "<input type=\"hidden\" name=\"unit\" value=\"%s\">"
	     "<label>删除原因（记入修改记录）<input name=\"reason\" required maxlength=\"" KAOHE_STR(TEXT_NOTE_MAX) "\" value=\"%s\"></label>",
	  u.name, form_value_of(r, "/units/remove", NULL, NULL, "reason", ""));
	form_error_of(r, b, "/units/remove", NULL, NULL, "reason");
	h(b, "<button type=\"submit\" class=\"danger\">删除单位</button></form>");
	unit_list_free(all, n);
	unit_clear(&u);
	page_end(r, w);
}

/* POST /units/edit: changes a unit's fields. */
void post_units_edit(struct req *r, struct resp *w)
{
	const char *name = req_param(r, "unit");
	struct svc_unit_fields f = {.name = req_param(r, "name"), .parent = req_param(r, "parent"),
		.industry = req_param(r, "industry"), .status = req_param(r, "status"),
		.provincial_grade = req_param(r, "provincial_grade"),
		.applied_grade = req_param(r, "applied_grade"), .order = req_param(r, "order")};
	const char *total = req_param(r, "provincial_total");
	if (total && *total) {
		if (points_parse(total, &f.provincial_total) != 0) {
			page_refuse_form(r, w, get_units_edit, "provincial_total", "省考核得分须是分值，最多两位小数，如 887 或 912.5");
			return;
		}
		f.set_total = true;
	}
	if (svc_unit_edit(r->svc, name ? name : "", &f) != 0) {
		page_again(r, w, get_units_edit);
		return;
	}
	page_done(r, w, "/units", "已修改单位“%s”", f.name && *f.name ? f.name : name);
}

/* POST /units/remove: removes a unit registered by mistake. */
void post_units_remove(struct req *r, struct resp *w)
{
	const char *name = req_param(r, "unit");
	if (svc_unit_remove(r->svc, name ? name : "", req_param(r, "reason")) != 0) {
		page_again(r, w, get_units_edit);
		return;
	}
	page_done(r, w, "/units", "已删除单位“%s”（原因已记录）", name);
}
