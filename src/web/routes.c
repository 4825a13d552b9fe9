/* routes.c: every page and action of the web application, each once. */
#include "routes.h"
#include "pages.h"

#include <stdlib.h>
#include <string.h>

const struct route routes[] = {
	{"GET", "/login", get_login, ROUTE_PUBLIC, "登录"},
	{"POST", "/login", post_login, ROUTE_PUBLIC | ROUTE_LOGIN_CSRF, "登录"},
	{"POST", "/logout", post_logout, 0, "退出"},
	{"GET", "/password", get_password, 0, "修改密码"},
	{"POST", "/password", post_password, 0, "修改密码"},
	{"GET", "/static/*", get_static, ROUTE_PUBLIC, "脚本和样式"},
	{"GET", "/", get_home, 0, "首页：进度和待办"},
	{"POST", "/year", post_year, 0, "选择年度"},
	{"GET", "/sheets", get_sheets, 0, "评分表列表"},
	{"GET", "/sheet/*", get_sheet, 0, "单位评分表"},
	{"GET", "/sheet/*/rows", get_sheet_rows, 0, "评分表各行的当前得分（供脚本刷新）"},
	{"POST", "/sheet/*/finding", post_finding, 0, "录入一项评分"},
	{"POST", "/sheet/*/clear", post_finding_clear, 0, "删除一项评分"},
	{"POST", "/sheet/*/preview", post_preview, 0, "试算（不保存）"},
	{"POST", "/set-many", post_set_many, 0, "同一评分录入多个单位"},
	{"GET", "/template.xlsx", get_template, 0, "下载评分模板（Excel）"},
	{"POST", "/sheets/import", post_sheets_import, ROUTE_UPLOAD, "导入填好的评分模板或 CSV"},
	/* results, decisions, history (page_results.c, chart.c, page_history.c) */
	{"GET", "/results", get_results, 0, "考核结果"},
	{"GET", "/results/chart/*", get_results_chart, 0, "考核结果图（SVG）"},
	{"POST", "/results/compute", post_results_compute, 0, "计分"},
	{"POST", "/results/grade", post_results_grade, 0, "确定档次"},
	{"POST", "/results/approve", post_results_approve, 0, "审定"},
	{"POST", "/results/reopen", post_results_reopen, 0, "重新开放"},
	{"POST", "/results/consent", post_results_consent, 0, "记录市政府同意"},
	{"POST", "/results/publish", post_results_publish, 0, "公布结果"},
	{"GET", "/history", get_history, 0, "修改记录"},
	{"POST", "/history/verify", post_history_verify, 0, "校验审计记录"},
	/* samples, industry scores, accidents, the daily ledger (page_samples.c,
	 * page_industry.c, page_accidents.c, page_daily.c) */
	{"GET", "/samples", get_samples, 0, "抽查"},
	{"GET", "/samples/*", get_sample_county, 0, "一个县区的抽查"},
	{"POST", "/samples/*/draw", post_sample_draw, 0, "随机抽取抽查对象"},
	{"POST", "/samples/*/set", post_sample_set, 0, "自行确定抽查对象"},
	{"GET", "/industry", get_industry, 0, "行业和行政执法评分"},
	{"POST", "/industry", post_industry, 0, "录入一项行业或行政执法评分"},
	{"GET", "/accidents", get_accidents, 0, "事故"},
	{"POST", "/accidents", post_accident_add, 0, "记录事故"},
	{"GET", "/accidents/*", get_accident, 0, "一起事故"},
	{"POST", "/accidents/*/edit", post_accident_edit, 0, "修改事故"},
	{"POST", "/accidents/*/remove", post_accident_remove, 0, "删除事故"},
	{"GET", "/daily", get_daily, 0, "日常考核"},
	{"POST", "/daily", post_daily_task, 0, "登记日常考核任务"},
	{"POST", "/daily/rule", post_daily_rule, 0, "设定日常考核扣分"},
	{"GET", "/daily/*", get_daily_task, 0, "日常考核任务"},
	{"POST", "/daily/*/record", post_daily_record, 0, "记录日常考核结果"},
	/* verification, objections, materials (page_review.c, page_objections.c,
	 * page_materials.c) */
	{"GET", "/review", get_review, 0, "统计核实"},
	{"POST", "/review/*/submit", post_review_submit, 0, "提交评分表核实"},
	{"POST", "/review/*/verify", post_review_verify, 0, "核实评分表"},
	{"POST", "/review/*/return", post_review_return, 0, "退回评分表"},
	{"GET", "/objections", get_objections, 0, "听取意见"},
	{"POST", "/objections", post_objection, ROUTE_UPLOAD, "提出意见"},
	{"POST", "/objections/period", post_objection_period, 0, "设定提出意见的期限"},
	{"POST", "/objections/*/evidence", post_objection_evidence, ROUTE_UPLOAD, "补充证据文件"},
	{"POST", "/objections/*/answer", post_objection_answer, 0, "答复意见"},
	/* documents to file and print (page_reports.c) */
	{"GET", "/reports/results", get_report_results, 0, "下载考核结果（Excel、PDF）"},
	{"GET", "/reports/sheet/*", get_report_sheet, 0, "下载单位评分表（PDF、Excel、CSV）"},
	{"GET", "/reports/sheets", get_report_sheets, 0, "下载全部评分表（Excel）"},
	{"GET", "/reports/chart/*", get_report_chart, 0, "下载图表（PNG、PDF、SVG）"},
	{"GET", "/materials", get_materials, 0, "资料：单位列表"},
	{"GET", "/materials/file/*", get_material_file, 0, "下载资料文件"},
	{"GET", "/materials/*", get_materials_unit, 0, "单位资料和核对清单"},
	{"GET", "/materials/*/zip", get_materials_zip, 0, "下载单位全部资料（ZIP）"},
	{"POST", "/materials/*/upload", post_material_upload, ROUTE_UPLOAD, "上传资料文件"},
	{"POST", "/materials/*/link", post_material_link, 0, "登记资料链接"},
	{"POST", "/materials/*/remove", post_material_remove, 0, "删除资料"},
	/* the year, accounts, units and teams (page_admin.c, page_units.c) */
	{"GET", "/admin", get_admin, 0, "年度与账号"},
	{"POST", "/admin/year/carry", post_admin_carry, 0, "新建下一年度（沿用）"},
	{"POST", "/admin/year/template", post_admin_template, 0, "按内置模板新建年度"},
	{"POST", "/admin/users", post_admin_user_add, 0, "添加账号"},
	{"GET", "/admin/user", get_admin_user, 0, "一个账号"},
	{"POST", "/admin/user/disable", post_admin_user_disable, 0, "停用或启用账号"},
	{"POST", "/admin/user/password", post_admin_user_password, 0, "重置密码"},
	{"GET", "/units", get_units, 0, "单位"},
	{"POST", "/units", post_units_add, 0, "登记单位"},
	{"POST", "/units/import", post_units_import, ROUTE_UPLOAD, "从 CSV 导入单位"},
	{"GET", "/units/edit", get_units_edit, 0, "修改单位"},
	{"POST", "/units/edit", post_units_edit, 0, "修改单位"},
	{"POST", "/units/remove", post_units_remove, 0, "删除单位"},
	{"GET", "/teams", get_teams, 0, "考核组"},
	{"POST", "/teams", post_teams_add, 0, "新建考核组"},
	{"POST", "/teams/member", post_teams_member, 0, "添加考核组成员"},
	{"POST", "/teams/assign", post_teams_assign, 0, "分配考核范围"},
	{NULL, NULL, NULL, 0, NULL},
};

/* Whether path matches pattern, filling args. */
static bool match(const char *pattern, char *path, char *args[4], int *nargs)
{
	*nargs = 0;
	const char *p = pattern;
	char *q = path;
	while (*p && *q) {
		if (*p == '*') {
			char *end = strchr(q, '/');
			size_t len = end ? (size_t)(end - q) : strlen(q);
			if (len == 0 || *nargs == 4)
				return false;
			args[(*nargs)++] = q;
			q += len;
			p++;
			if (*q == '/' && *p == '/') {
				*q = '\0';   /* end the argument; p's '/' stands for it */
				q++;
				p++;
			} else if (*q) {
				return false;
			}
			continue;
		}
		if (*p != *q)
			return false;
		p++;
		q++;
	}
	return *p == '\0' && *q == '\0';
}

const struct route *route_find(const char *method, const char *path, char *args[4], int *nargs,
			       char **copy, bool *other_method)
{
	*other_method = false;
	*copy = NULL;
	for (const struct route *r = routes; r->method; r++) {
		char *c = xstrdup(path);
		char *a[4];
		int n;
		if (match(r->pattern, c, a, &n)) {
			if (strcmp(r->method, method) == 0) {
				*copy = c;
				memcpy(args, a, sizeof a);
				*nargs = n;
				return r;
			}
			*other_method = true;
		}
		free(c);
	}
	return NULL;
}
