/* template.c: the 2016 Qinhuangdao template (秦安办〔2017〕1号).
 *
 * Industry -> supervising department: plan 一(三) counts an accident
 * against "市有关行业部门". The pairs below follow the industries of
 * 三(一)1 and the departments of 附件1; an office edits them per year.
 * Pools: plan 附件3 方式 (部门 and 企业 rows). Daily-assessment deductions
 * are not in the plan: the values here are the template's defaults, set by
 * the office for its year (kaohe daily rule). */
#include "template.h"

#include <string.h>

static const struct template_pair qhd2016_industry[] = {
	{"非煤矿山", "安监局"}, {"煤矿", "安监局"}, {"金属非金属矿山", "安监局"},
	{"危险化学品", "安监局"}, {"烟花爆竹", "安监局"}, {"冶金建材", "安监局"},
	{"工贸", "安监局"}, {"涉爆粉尘", "安监局"}, {"有限空间作业", "安监局"},
	{"职业卫生", "安监局"},
	{"交通运输", "交通局"}, {"建筑施工", "建设局"}, {"道路交通", "公安局"},
	{"消防", "公安局"}, {"人员密集场所", "公安局"}, {"特种设备", "质监局"},
	{"旅游", "旅游委"}, {"教育", "教育局"}, {"卫生", "卫计委"}, {"城管", "城管局"},
	{NULL, NULL},
};

static const struct template_pool qhd2016_pools[] = {
	/* 部门工作: 责任体系 pool 交通、建设、公安、质监、教育、卫生、城管、旅游;
	 * 工作落实 pool 交通、国土、建设、工信、商务、教育、卫生. A sampled
	 * department is scored on the whole of 部门工作, so those in both
	 * pools are drawn first (tier 1), the rest of either pool after. */
	{"county-department", "交通", 1}, {"county-department", "建设", 1},
	{"county-department", "教育", 1}, {"county-department", "卫生", 1},
	{"county-department", "公安", 2}, {"county-department", "质监", 2},
	{"county-department", "城管", 2}, {"county-department", "旅游", 2},
	{"county-department", "国土", 2}, {"county-department", "工信", 2},
	{"county-department", "商务", 2},
	/* 企业工作: 重点抽查 these industries; other enterprises after them. */
	{"enterprise", "煤矿", 1}, {"enterprise", "金属非金属矿山", 1},
	{"enterprise", "危险化学品", 1}, {"enterprise", "烟花爆竹", 1},
	{"enterprise", "冶金建材", 1}, {"enterprise", "交通运输", 1},
	{"enterprise", "建筑施工", 1}, {"enterprise", "涉爆粉尘", 1},
	{"enterprise", "人员密集场所", 1}, {"enterprise", "特种设备", 1},
	{"enterprise", "有限空间作业", 1},
	{NULL, NULL, 0},
};

static const struct template_daily_item qhd2016_daily[] = {
	{"county", "meeting", "5.1"}, {"county", "feedback", "5.2"},
	{"county", "report", "5.3"}, {"county", "summary", "5.4"}, {"county", "other", "5.5"},
	{"office", "meeting", "2.1"}, {"office", "feedback", "2.2"},
	{"office", "report", "2.3"}, {"office", "summary", "2.4"}, {"office", "other", "2.5"},
	{"supervision", "meeting", "3.1"}, {"supervision", "feedback", "3.2"},
	{"supervision", "report", "3.3"}, {"supervision", "summary", "3.4"},
	{"supervision", "other", "3.5"},
	{NULL, NULL, NULL},
};

static const struct template_daily_rule qhd2016_rules[] = {
	{"absent", POINTS(2), 0},       /* 缺席会议，每次扣2分 */
	{"missing", POINTS(3), 0},      /* 未报送，每次扣3分 */
	{"late", 0, POINTS(1)},         /* 迟报，每超时限1天扣1分 */
	{NULL, 0, 0},
};

const struct year_template year_templates[] = {
	{
		.name = "qhd-2016",
		.title = "秦皇岛市2016年度安全生产目标考核",
		.county_scheme = "qhd-2016-county",
		.department_scheme = "qhd-2016-department",
		.window_start = "01-04",
		.window_end = "01-20",
		.industry_department = qhd2016_industry,
		.pools = qhd2016_pools,
		.daily_items = qhd2016_daily,
		.daily_rules = qhd2016_rules,
		.towns_min = 1, .towns_max = 2,
		.departments_min = 2, .departments_max = 3,
		.enterprises_min = 2, .enterprises_max = 3,
	},
	{0},
};

const struct year_template *template_find(const char *name)
{
	for (const struct year_template *t = year_templates; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}
