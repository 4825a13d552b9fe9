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
	{"POST", "/sheet/*/finding", post_finding, 0, "录入一项评分"},
	{"POST", "/sheet/*/clear", post_finding_clear, 0, "删除一项评分"},
	{"POST", "/sheet/*/preview", post_preview, 0, "试算（不保存）"},
	{"POST", "/set-many", post_set_many, 0, "同一评分录入多个单位"},
	/* results, decisions, history (page_results.c, page_history.c) */
	/* samples, industry scores, accidents, the daily ledger (page_samples.c,
	 * page_industry.c, page_accidents.c, page_daily.c) */
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
	{"GET", "/materials", get_materials, 0, "资料：单位列表"},
	{"GET", "/materials/file/*", get_material_file, 0, "下载资料文件"},
	{"GET", "/materials/*", get_materials_unit, 0, "单位资料和核对清单"},
	{"GET", "/materials/*/zip", get_materials_zip, 0, "下载单位全部资料（ZIP）"},
	{"POST", "/materials/*/upload", post_material_upload, ROUTE_UPLOAD, "上传资料文件"},
	{"POST", "/materials/*/link", post_material_link, 0, "登记资料链接"},
	{"POST", "/materials/*/remove", post_material_remove, 0, "删除资料"},
	/* the year, accounts, units and teams (page_admin.c, page_units.c) */
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
