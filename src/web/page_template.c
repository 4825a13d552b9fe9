/* page_template.c: the scoring workbook on the sheets page (issue 9):
 * GET /template.xlsx downloads the units and items the signed-in user
 * enters (the office may narrow it: ?team=, ?industry=, ?unit=; a
 * periodic scheme: ?period= for one period), and
 * POST /sheets/import takes a filled workbook (known by its content: a
 * ZIP) or a CSV and imports it, all rows or none, every problem shown
 * with its sheet, row and column. The service decides who may do what. */
#include "layout.h"
#include "pages.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../report/report.h"
#include "../report/xlsx_in.h"

/* A query field, NULL if missing or empty. */
static const char *given(const struct req *r, const char *name)
{
	const char *v = req_param(r, name);
	return v && *v ? v : NULL;
}

/* GET /template.xlsx */
void get_template(struct req *r, struct resp *w)
{
	struct report_template t = {given(r, "team"), given(r, "industry"), given(r, "unit"), given(r, "period")};
	char *path = web_temp_file(".xlsx");
	if (!path) {
		struct svc_error e = {.code = SVC_FAILED, .message = "无法建立临时文件，请稍后重试"};
		page_refused(r, w, &e);
		return;
	}
	struct svc_error err = {0};
	if (report_template_xlsx(r->svc, &t, path, &err) != 0) {
		unlink(path);
		free(path);
		page_refused(r, w, &err);
		svc_error_clear(&err);
		return;
	}
	struct buf name = {0};
	buf_printf(&name, "%d年度评分模板（%s）.xlsx", svc_year(r->svc), t.unit ? t.unit : t.team ? t.team
		   : t.industry ? t.industry : req_user(r)->name);
	resp_download(w, path, true, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		      buf_str(&name));
	buf_free(&name);
}

/* Every problem of e as the command line says it, at label's sheet, row
 * and column (a page lists the messages). */
static void locate(struct svc_error *e, const char *label)
{
	struct diag *d = &e->problems;
	for (int i = 0; i < d->n; i++) {
		char *m = xlsx_located(d, i, label);
		free(d->msgs[i]);
		d->msgs[i] = m;
	}
}

/* POST /sheets/import */
void post_sheets_import(struct req *r, struct resp *w)
{
	const struct field *f = req_file(r, "file");
	if (!f || !f->value.len) {
		page_refuse_form(r, w, get_sheets, "file", "请选择要导入的评分模板（.xlsx）或 CSV 文件");
		return;
	}
	const char *slash = f->filename ? strrchr(f->filename, '/') : NULL;
	const char *file = slash ? slash + 1 : f->filename && *f->filename ? f->filename : "上传的文件";
	struct svc_import_report rep;
	struct svc_error err = {0};
	char *label = NULL;
	int rc;
	const char *dot = strrchr(file, '.');
	bool excel = dot && (strcasecmp(dot, ".xlsx") == 0 || strcasecmp(dot, ".xlsm") == 0 || strcasecmp(dot, ".xls") == 0);
	/* a workbook by its content, whatever its name; one named so is read
	 * as one, to be told what it is instead */
	if (xlsx_is_zip(f->value.p, f->value.len) || excel) {
		rc = report_score_import_xlsx(r->svc, f->value.p, f->value.len, file, &label, &rep, &err);
	} else {
		struct csv_mem m;
		struct csv_source src;
		csv_mem_source(&m, f->value.p, f->value.len, &src);
		rc = svc_score_import(r->svc, &src, file, &rep);
		if (rc != 0)
			svc_error_copy(&err, svc_err(r->svc));
		label = xstrdup(file);
	}
	if (rc != 0) {
		locate(&err, label ? label : file);
		err.field = err.field ? err.field : xstrdup("file");
		page_again_with(r, w, get_sheets, &err);
	} else {
		page_done(r, w, "/sheets", "已从 %s导入 %lld 行（覆盖原有评分 %lld 行，与原有相同 %lld 行）", label, rep.rows,
			  rep.replaced, rep.unchanged);
	}
	svc_error_clear(&err);
	free(label);
}

/* The office's choice of scope for a template: a team or an industry. */
static void scope_form(struct req *r, struct buf *b)
{
	struct team *t;
	int n;
	h(b, "<form method=\"get\" action=\"/template.xlsx\"><label>考核组 <select name=\"team\">"
	     "<option value=\"\">（全部）</option>");
	if (svc_team_list(r->svc, &t, &n) == 0) {
		for (int i = 0; i < n; i++)
			h(b, "<option>%s</option>", t[i].name);
		team_list_free(t, n);
	}
	h(b, "</select></label> <label>行业 <select name=\"industry\"><option value=\"\">（全部）</option>");
	const struct scheme *sc = svc_scheme(r->svc, KIND_COUNTY);
	for (int i = 0; sc && i < sc->nnodes; i++) {
		const struct node *nd = sc->nodes[i];
		if (!nd->nchildren && nd->rule.type == RULE_ENTERED && nd->rule.by == BY_INDUSTRY)
			h(b, "<option>%s</option>", nd->title);
	}
	h(b, "</select></label> <label>单位 <input name=\"unit\" size=\"12\" placeholder=\"不填为全部\"></label> "
	     "<button type=\"submit\">下载所选范围的模板</button></form>");
}

void sheets_template_section(struct req *r, struct buf *b)
{
	if (svc_approved(r->svc))
		return;
	h(b, "<section id=\"template\"><h2>用 Excel 填写评分</h2><p class=\"hint\">下载评分模板，在 Excel 或 WPS 中填写黄色单元格"
	     "（已录入的评分已填入），保存后在此上传导入。全部行无误才导入，有一处有误则一行也不导入，并列出每处问题所在的工作表、"
	     "行和列。也可上传列为 单位、编号、次数、情形、扣分、得分、不适用、备注 的 CSV 文件。</p>");
	h(b, "<p><a href=\"/template.xlsx\">下载评分模板</a>（本人可录入的全部单位和考核项目）</p>");
	if (is_office(r))
		scope_form(r, b);
	if (form_refused(r, "/sheets/import", NULL, NULL) && r->failed->problems.n) {
		h(b, "<ul class=\"problems\">");
		for (int i = 0; i < r->failed->problems.n; i++)
			h(b, "<li>%s</li>", r->failed->problems.msgs[i]);
		h(b, "</ul>");
	}
	h(b, "<form method=\"post\" action=\"/sheets/import#template\" enctype=\"multipart/form-data\" class=\"stack\">");
	form_csrf(r, b);
	h(b, "<label>填好的评分模板（.xlsx）或 CSV 文件<input name=\"file\" type=\"file\" required accept=\".xlsx,.csv,"
	     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv\"></label>");
	form_error_of(r, b, "/sheets/import", NULL, NULL, "file");
	h(b, "<button type=\"submit\">导入</button></form></section>");
}
