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
	/* verification, objections, materials (page_review.c, page_objections.c,
	 * page_materials.c) */
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
