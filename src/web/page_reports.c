/* page_reports.c: the documents as downloads (src/report/): the results
 * workbook and notice, a unit's sheet, every sheet, the charts. Each is
 * made for the request into a temporary file and sent as an attachment;
 * the service decides who may read what (a unit only its own published
 * sheet). */
#include "layout.h"
#include "pages.h"
#include "../report/report.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const types[] = {
	[REPORT_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	[REPORT_PDF] = "application/pdf",
	[REPORT_CSV] = "text/csv; charset=utf-8",
	[REPORT_SVG] = "image/svg+xml",
	[REPORT_PNG] = "image/png",
};

/* The ?format= of the request among the allowed ones (the first if
 * none given); -1 after refusing. */
static int format_of(struct req *r, struct resp *w, const enum report_format *allowed, int n)
{
	const char *f = req_param(r, "format");
	int k = f ? report_format_parse(f) : (int)allowed[0];
	for (int i = 0; i < n && k >= 0; i++)
		if ((int)allowed[i] == k)
			return k;
	struct svc_error e = {.code = SVC_INVALID, .field = "format", .message = "不支持这种文件格式"};
	page_refused(r, w, &e);
	return -1;
}

/* Makes a document with make() into a temporary file and sends it. */
static void send(struct req *r, struct resp *w, enum report_format f, const char *name,
		 int (*make)(struct req *, enum report_format, const char *, struct svc_error *))
{
	struct buf suffix = {0};
	buf_printf(&suffix, ".%s", report_format_name(f));
	char *path = web_temp_file(buf_str(&suffix));
	buf_free(&suffix);
	struct svc_error err = {0};
	if (!path) {
		err.code = SVC_FAILED;
		err.message = xstrdup("无法建立临时文件，请稍后重试");
	} else if (make(r, f, path, &err) == 0) {
		struct buf file = {0};
		buf_printf(&file, "%s.%s", name, report_format_name(f));
		resp_download(w, path, true, types[f], buf_str(&file));
		buf_free(&file);
		return;
	}
	if (path) {
		unlink(path);
		free(path);
	}
	page_refused(r, w, &err);
	svc_error_clear(&err);
}

static int make_results(struct req *r, enum report_format f, const char *path, struct svc_error *err)
{
	return report_results(r->svc, f, path, err);
}

static int make_sheet(struct req *r, enum report_format f, const char *path, struct svc_error *err)
{
	return report_sheet(r->svc, r->args[0], f, path, err);
}

static int make_sheets(struct req *r, enum report_format f, const char *path, struct svc_error *err)
{
	return report_sheets(r->svc, f, path, err);
}

static int make_chart(struct req *r, enum report_format f, const char *path, struct svc_error *err)
{
	return report_chart(r->svc, r->args[0], req_param(r, "unit"), f, path, err);
}

/* GET /reports/results?format=xlsx|pdf */
void get_report_results(struct req *r, struct resp *w)
{
	static const enum report_format ok[] = {REPORT_XLSX, REPORT_PDF};
	int f = format_of(r, w, ok, 2);
	if (f < 0)
		return;
	struct buf name = {0};
	buf_printf(&name, "%d年度考核结果%s", svc_year(r->svc), f == REPORT_PDF ? "通知" : "");
	send(r, w, (enum report_format)f, buf_str(&name), make_results);
	buf_free(&name);
}

/* GET /reports/sheet/UNIT?format=xlsx|pdf|csv */
void get_report_sheet(struct req *r, struct resp *w)
{
	static const enum report_format ok[] = {REPORT_PDF, REPORT_XLSX, REPORT_CSV};
	int f = format_of(r, w, ok, 3);
	if (f < 0)
		return;
	struct buf name = {0};
	buf_printf(&name, "%d年度%s评分表", svc_year(r->svc), r->args[0]);
	send(r, w, (enum report_format)f, buf_str(&name), make_sheet);
	buf_free(&name);
}

/* GET /reports/sheets: every sheet, a worksheet each */
void get_report_sheets(struct req *r, struct resp *w)
{
	struct buf name = {0};
	buf_printf(&name, "%d年度全部评分表", svc_year(r->svc));
	send(r, w, REPORT_XLSX, buf_str(&name), make_sheets);
	buf_free(&name);
}

/* GET /reports/chart/WHICH?format=png|pdf|svg[&unit=] */
void get_report_chart(struct req *r, struct resp *w)
{
	static const enum report_format ok[] = {REPORT_PNG, REPORT_PDF, REPORT_SVG};
	int f = format_of(r, w, ok, 3);
	if (f < 0)
		return;
	struct buf name = {0};
	buf_printf(&name, "%d年度考核图表-%s", svc_year(r->svc), r->args[0]);
	send(r, w, (enum report_format)f, buf_str(&name), make_chart);
	buf_free(&name);
}

void reports_links(struct req *r, struct buf *b, const char *unit)
{
	if (unit) {
		/* a sheet as a document carries the result (total, rank, grade):
		 * for those who may read the unit's result */
		if (!svc_permits(r->svc, OP_RESULTS_READ, unit))
			return;
		h(b, "<p class=\"downloads\">下载评分表：<a href=\"/reports/sheet/%U?format=pdf\">PDF</a> · "
		     "<a href=\"/reports/sheet/%U?format=xlsx\">Excel</a> · "
		     "<a href=\"/reports/sheet/%U?format=csv\">CSV</a> · "
		     "<a href=\"/reports/chart/years?format=png&amp;unit=%U\">历年总分图</a></p>",
		  unit, unit, unit, unit);
		return;
	}
	/* the year's documents: for the office and the readers of all the
	 * results (a unit has its own sheet) */
	const struct account *a = req_user(r);
	if (a->role == ROLE_UNIT || !svc_permits(r->svc, OP_RESULTS_READ, NULL))
		return;
	h(b, "<p class=\"downloads\">下载：<a href=\"/reports/results?format=pdf\">考核结果通知（PDF）</a> · "
	     "<a href=\"/reports/results?format=xlsx\">考核结果（Excel）</a> · "
	     "<a href=\"/reports/sheets\">全部评分表（Excel）</a> · "
	     "<a href=\"/reports/chart/totals?format=png\">总分图</a> · "
	     "<a href=\"/reports/chart/parts?format=png\">各部分得分图</a></p>");
}
