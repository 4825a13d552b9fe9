/* demo.c: builds the 2016 Qinhuangdao demo year through the same service
 * calls every surface makes, so the demo exercises the real paths (in one
 * transaction: the service's own nest inside it). Enterprise names are
 * invented (示例…); no phone numbers. */
#include "service_impl.h"

#include <sodium.h>
#include "../core/sample.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *status;
	points_t total;
	const char *grade;
} counties[] = {
	{"海港区", "provincial", 88700, "良好"},
	{"山海关区", "assessed", 0, NULL},
	{"北戴河区", "assessed", 0, NULL},
	{"抚宁区", "assessed", 0, NULL},
	{"青龙满族自治县", "provincial", 91250, "优秀"},
	{"昌黎县", "assessed", 0, NULL},
	{"卢龙县", "assessed", 0, NULL},
	{"秦皇岛经济技术开发区", "provincial", 90500, "优秀"},
	{"北戴河新区", "assessed", 0, NULL},
};

static const struct {
	const char *name, *status;
	points_t total;
	const char *grade;
} departments[] = {
	{"安监局", "assessed", 0, NULL}, {"公安局", "assessed", 0, NULL},
	{"交通局", "provincial", 91000, "优秀"}, {"建设局", "provincial", 88000, "良好"},
	{"城管局", "provincial", 86000, "良好"}, {"教育局", "assessed", 0, NULL},
	{"卫计委", "assessed", 0, NULL}, {"质监局", "assessed", 0, NULL},
	{"旅游委", "assessed", 0, NULL}, {"工信局", "assessed", 0, NULL},
	{"商务局", "assessed", 0, NULL}, {"国土局", "assessed", 0, NULL},
	{"农业局", "assessed", 0, NULL}, {"水务局", "assessed", 0, NULL},
	{"民政局", "assessed", 0, NULL}, {"环保局", "excluded", 0, NULL},
	{"国资委", "excluded", 0, NULL}, {"财政局", "excluded", 0, NULL},
};

static const char *const changli_towns[] = {"昌黎镇", "靖安镇", "安山镇", "龙家店镇", "泥井镇",
	"大蒲河镇", "新集镇", "刘台庄镇", "茹荷镇", "朱各庄镇", "荒佃庄镇", "团林乡", "葛条港乡",
	"马坨店乡", "两山乡", "十里铺乡", NULL};
static const char *const shanhaiguan_towns[] = {"南关街道", "古城街道", "西关街道", "路南街道",
	"船厂路街道", "第一关镇", "石河镇", "孟姜镇", "渤海乡", NULL};

/* County departments: name suffix and sector (the pools' words). */
static const struct { const char *suffix, *sector; } county_departments[] = {
	{"交通运输局", "交通"}, {"住房和城乡建设局", "建设"}, {"公安局", "公安"},
	{"质量技术监督局", "质监"}, {"教育局", "教育"}, {"卫生和计划生育局", "卫生"},
	{"城市管理局", "城管"}, {"旅游局", "旅游"}, {"国土资源局", "国土"},
	{"工业和信息化局", "工信"}, {"商务局", "商务"},
};

/* Invented enterprises: name suffix and industry. */
static const struct { const char *suffix, *industry; } enterprises[] = {
	{"示例化工有限公司", "危险化学品"}, {"示例建材有限公司", "冶金建材"},
	{"示例运输有限公司", "交通运输"}, {"示例建筑工程有限公司", "建筑施工"},
	{"示例商贸广场有限公司", "人员密集场所"}, {"示例食品有限公司", "工贸"},
	{"示例机械制造有限公司", "涉爆粉尘"},
};

struct rng {
	uint64_t s;
};

static int pick(struct rng *r, int n)
{
	return (int)(splitmix64(&r->s) % (uint64_t)n);
}

/* One plausible finding for a leaf, or none (most items are in order). */
static int maybe_finding(struct svc *db, struct rng *r, const char *unit, const struct node *n,
			 int chance)
{
	struct finding f = {.code = n->code};
	switch (n->rule.type) {
	case RULE_PER:
	case RULE_STEPS:
		if (pick(r, 100) >= chance)
			return 0;
		f.form = INPUT_COUNT;
		f.count = 1 + pick(r, n->rule.max_count && n->rule.max_count < 3 ? (int)n->rule.max_count : 3);
		break;
	case RULE_CONDITIONS:
	case RULE_FIXED: {
		if (pick(r, 100) >= chance / 2)
			return 0;
		int nc = n->rule.type == RULE_FIXED ? 1 : n->rule.nconds;
		f.form = INPUT_CONDITIONS;
		f.conditions = (uint64_t)1 << pick(r, nc);
		break;
	}
	case RULE_JUDGED:
		if (pick(r, 100) >= chance / 2)
			return 0;
		f.form = INPUT_DEDUCT;
		f.amount = (points_t)(1 + pick(r, 4)) * 50;
		break;
	case RULE_EARN:
		f.form = INPUT_COUNT;
		f.count = pick(r, 3);
		break;
	default:
		return 0;
	}
	return svc_score_set(db, unit, &f);
}

/* Findings for every item of a subtree (skipping daily-assessment items). */
static int findings_for(struct svc *db, struct rng *r, const char *unit, const struct node *n,
			int chance)
{
	if (n->score == SCORE_SHEETS)
		return 0;
	if (n->nchildren == 0) {
		if (n->rule.type == RULE_ENTERED)
			return 0;
		if (n->rule.type == RULE_JUDGED && n->parent && n->parent->depth == 1 &&
		    n->parent->points >= POINTS(200))
			return 0; /* 日常考核 items come from the daily records */
		return maybe_finding(db, r, unit, n, chance);
	}
	for (int i = 0; i < n->nchildren; i++)
		if (findings_for(db, r, unit, n->children[i], chance) != 0)
			return -1;
	return 0;
}

static int add_unit(struct svc *db, const char *name, const char *kind, const char *parent,
		    const char *industry, const char *status)
{
	struct svc_unit_fields f = {.name = name, .kind = kind, .parent = parent, .industry = industry,
				    .status = status};
	return svc_unit_add(db, &f, NULL);
}

static int provincial(struct svc *db, const char *name, points_t total, const char *grade)
{
	struct svc_unit_fields f = {.set_total = true, .provincial_total = total,
				    .provincial_grade = grade};
	return svc_unit_edit(db, name, &f);
}

static int units(struct svc *db)
{
	char name[256];
	for (size_t i = 0; i < sizeof counties / sizeof counties[0]; i++) {
		if (add_unit(db, counties[i].name, "county", NULL, NULL, counties[i].status) != 0)
			return -1;
		if (counties[i].grade && provincial(db, counties[i].name, counties[i].total,
						    counties[i].grade) != 0)
			return -1;
	}
	for (size_t i = 0; i < sizeof departments / sizeof departments[0]; i++) {
		if (add_unit(db, departments[i].name, "department", NULL, NULL, departments[i].status) != 0)
			return -1;
		if (departments[i].grade && provincial(db, departments[i].name, departments[i].total,
						       departments[i].grade) != 0)
			return -1;
	}
	for (size_t i = 0; i < sizeof counties / sizeof counties[0]; i++) {
		const char *c = counties[i].name;
		if (strcmp(counties[i].status, "assessed") != 0)
			continue;
		const char *const *towns = strcmp(c, "昌黎县") == 0 ? changli_towns
			: strcmp(c, "山海关区") == 0 ? shanhaiguan_towns : NULL;
		if (towns) {
			for (int t = 0; towns[t]; t++)
				if (add_unit(db, towns[t], "town", c, NULL, NULL) != 0)
					return -1;
		} else {
			static const char *const invented[] = {"第一示例镇", "第二示例镇", "第三示例乡"};
			for (int t = 0; t < 3; t++) {
				snprintf(name, sizeof name, "%s%s", c, invented[t]);
				if (add_unit(db, name, "town", c, NULL, NULL) != 0)
					return -1;
			}
		}
		/* 北戴河新区 and 北戴河区 are short names: keep the county's
		 * full name as the prefix so every name is unique. */
		for (size_t k = 0; k < sizeof county_departments / sizeof county_departments[0]; k++) {
			snprintf(name, sizeof name, "%s%s", c, county_departments[k].suffix);
			if (add_unit(db, name, "county-department", c, county_departments[k].sector, NULL) != 0)
				return -1;
		}
		for (size_t k = 0; k < sizeof enterprises / sizeof enterprises[0]; k++) {
			snprintf(name, sizeof name, "%s%s", c, enterprises[k].suffix);
			if (add_unit(db, name, "enterprise", c, enterprises[k].industry, NULL) != 0)
				return -1;
		}
	}
	return 0;
}

static int teams(struct svc *db)
{
	static const char *const county_members[] = {"尹树刚", "肖占杰", "郭猛", "李少衡", "李少忠",
		"张建立", "任崇生"};
	static const char *const dept_members[] = {"赵鹏飞", "李斗", "国海涛", "任永强", "习志联",
		"王拥军", "蒋仕国", "李平"};
	if (svc_team_add(db, "县区考核组") != 0 ||
	    svc_team_member(db, "县区考核组", "李建国", "leader", "市安监局局长", NULL) != 0 ||
	    svc_team_member(db, "县区考核组", "贾培龙", "deputy", "市安监局副局长", NULL) != 0)
		return -1;
	for (size_t i = 0; i < sizeof county_members / sizeof county_members[0]; i++)
		if (svc_team_member(db, "县区考核组", county_members[i], "member", NULL, NULL) != 0)
			return -1;
	if (svc_team_member(db, "县区考核组", "肖占杰", "contact", NULL, NULL) != 0)
		return -1;
	static const char *const scope[] = {"昌黎县", "卢龙县", "抚宁区", "山海关区", "北戴河区", "北戴河新区"};
	for (size_t i = 0; i < sizeof scope / sizeof scope[0]; i++)
		if (svc_team_assign(db, "县区考核组", scope[i]) != 0)
			return -1;
	if (svc_team_add(db, "部门考核组") != 0 ||
	    svc_team_member(db, "部门考核组", "张建忠", "leader", "市安监局副局长", NULL) != 0)
		return -1;
	for (size_t i = 0; i < sizeof dept_members / sizeof dept_members[0]; i++)
		if (svc_team_member(db, "部门考核组", dept_members[i], "member", NULL, NULL) != 0)
			return -1;
	if (svc_team_member(db, "部门考核组", "赵鹏飞", "contact", NULL, NULL) != 0)
		return -1;
	for (size_t i = 0; i < sizeof departments / sizeof departments[0]; i++)
		if (strcmp(departments[i].status, "assessed") == 0 &&
		    svc_team_assign(db, "部门考核组", departments[i].name) != 0)
			return -1;
	return 0;
}

/* Findings on the sheets of a county's sampled departments and
 * enterprises. */
static int sheet_findings(struct svc *db, struct rng *r, const struct scheme *cs, const char *county)
{
	struct spot *p;
	int n;
	if (svc_sample_list(db, county, &p, &n) != 0)
		return -1;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		const struct node *root = scheme_sheets_node(cs, unit_kind_sample(p[i].kind));
		if (!root || p[i].kind == KIND_TOWN)
			continue;
		for (int k = 0; k < root->nchildren && rc == 0; k++)
			rc = findings_for(db, r, p[i].unit, root->children[k], 25);
	}
	spot_list_free(p, n);
	return rc;
}

static int score(struct svc *db, struct rng *r)
{
	const struct scheme *cs = svc_scheme(db, KIND_COUNTY);
	const struct scheme *ds = svc_scheme(db, KIND_DEPARTMENT);
	if (!cs || !ds)
		return -1;
	for (size_t i = 0; i < sizeof counties / sizeof counties[0]; i++) {
		const char *c = counties[i].name;
		if (strcmp(counties[i].status, "assessed") != 0)
			continue;
		static const int all[4] = {0, -1, -1, -1};
		struct spot_report rep = {0};
		int rc = svc_sample_draw(db, c, true, 2016 + i, all, &rep);
		free(rep.detail);
		if (rc != 0)
			return -1;
		if (findings_for(db, r, c, cs->root, 25) != 0)
			return -1;
		if (sheet_findings(db, r, cs, c) != 0)
			return -1;
		/* 行政执法 (out of 100) and the 20 industries (each out of 100) */
		struct finding f = {.code = "3", .form = INPUT_SCORE, .amount = POINTS(82 + pick(r, 16))};
		if (svc_score_set(db, c, &f) != 0)
			return -1;
		const struct node *ind = scheme_find(cs, "4");
		for (int k = 0; k < ind->nchildren; k++) {
			const struct node *n = ind->children[k];
			if (n->nchildren)
				n = n->children[0];   /* 4.1: non-coal mines; no coal here */
			struct finding g = {.code = n->code, .form = INPUT_SCORE,
					    .amount = POINTS(78 + pick(r, 22)) + 50 * pick(r, 2)};
			/* 北戴河区 has no non-coal mines: not applicable, rescaled */
			if (strcmp(c, "北戴河区") == 0 && strcmp(n->code, "4.1.1") == 0) {
				g.code = "4.1";
				g.form = INPUT_NA;
			}
			if (svc_score_set(db, c, &g) != 0)
				return -1;
		}
	}
	for (size_t i = 0; i < sizeof departments / sizeof departments[0]; i++)
		if (strcmp(departments[i].status, "assessed") == 0 &&
		    findings_for(db, r, departments[i].name, ds->root, 20) != 0)
			return -1;
	return 0;
}

static int daily(struct svc *db, struct rng *r)
{
	static const struct { const char *title, *target, *kind, *due; } tasks[] = {
		{"全市安全生产工作会议", "county", "meeting", "2016-02-26"},
		{"一季度安全生产情况报送", "county", "report", "2016-04-05"},
		{"安全生产月活动总结", "county", "summary", "2016-07-10"},
		{"汛期安全生产情况反馈", "county", "feedback", "2016-08-31"},
		{"全年安全生产工作总结", "county", "summary", "2016-12-20"},
		{"市安委会全体会议", "office", "meeting", "2016-03-15"},
		{"打非治违专项行动情况报送", "office", "report", "2016-06-30"},
		{"安全生产大检查总结", "office", "summary", "2016-11-30"},
		{"综合监管联络员会议", "supervision", "meeting", "2016-05-20"},
		{"隐患排查治理情况报送", "supervision", "report", "2016-09-30"},
	};
	for (size_t t = 0; t < sizeof tasks / sizeof tasks[0]; t++) {
		long long id = svc_daily_task(db, tasks[t].title, tasks[t].target, tasks[t].kind, tasks[t].due);
		if (id < 0)
			return -1;
		int county = strcmp(tasks[t].target, "county") == 0;
		int meeting = strcmp(tasks[t].kind, "meeting") == 0;
		size_t n = county ? sizeof counties / sizeof counties[0]
				  : sizeof departments / sizeof departments[0];
		for (size_t i = 0; i < n; i++) {
			const char *name = county ? counties[i].name : departments[i].name;
			const char *status = county ? counties[i].status : departments[i].status;
			if (strcmp(status, "assessed") != 0)
				continue;
			int roll = pick(r, 100);
			const char *o = meeting ? (roll < 10 ? "absent" : "attended")
				: roll < 8 ? "late" : roll < 11 ? "missing" : "on-time";
			if (svc_daily_record(db, id, name, o, strcmp(o, "late") == 0 ? 1 + pick(r, 5) : 0) != 0)
				return -1;
		}
	}
	return 0;
}

static int accidents(struct svc *db)
{
	/* 卢龙县: a 较大 accident (3 deaths) -> one-vote veto (不合格).
	 * 抚宁区: two 一般 accidents -> excellence veto (at most 良好); they are
	 * in 危险化学品, supervised by 安监局, which gets the same veto. */
	static const struct {
		const char *county, *date;
		long long deaths, injuries, loss;
		const char *industry, *note;
	} list[] = {
		{"卢龙县", "2016-07-14", 3, 2, 4200000, "建筑施工", "示例：某在建工程坍塌"},
		{"抚宁区", "2016-04-09", 1, 0, 800000, "危险化学品", "示例：储罐检修中毒"},
		{"抚宁区", "2016-10-22", 1, 1, 650000, "危险化学品", "示例：装卸作业灼伤"},
	};
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) {
		struct accident_rec a = {.county = xstrdup(list[i].county), .date = xstrdup(list[i].date),
			.deaths = list[i].deaths, .injuries = list[i].injuries, .loss = list[i].loss,
			.industry = xstrdup(list[i].industry), .note = xstrdup(list[i].note)};
		int rc = svc_accident_add(db, &a);
		accident_rec_clear(&a);
		if (rc != 0)
			return -1;
	}
	return 0;
}

int svc_demo(struct svc *s, unsigned long long seed)
{
	if (svc_year_init(s, 2016, "qhd-2016", NULL, NULL) != 0)
		return -1;
	struct rng r = {seed};
	if (svc_begin(s) != 0)
		return -1;
	struct svc_compute_report sum;
	int rc = units(s);
	if (rc == 0)
		rc = teams(s);
	if (rc == 0)
		rc = score(s, &r);
	if (rc == 0)
		rc = daily(s, &r);
	if (rc == 0)
		rc = accidents(s);
	if (rc == 0) {
		rc = svc_compute(s, &sum);
		diag_free(&sum.notes);
	}
	return svc_end(s, rc);
}

int svc_demo_accounts(struct svc *s, struct svc_demo_account out[SVC_DEMO_ACCOUNTS])
{
	static const struct {
		const char *name;
		enum role role;
		const char *team, *industry, *unit;
	} who[SVC_DEMO_ACCOUNTS] = {
		{"安委办", ROLE_OFFICE, NULL, NULL, NULL},
		{"县区组组长", ROLE_LEADER, "县区考核组", NULL, NULL},
		{"县区组组员", ROLE_MEMBER, "县区考核组", NULL, NULL},
		{"消防评分", ROLE_INDUSTRY, NULL, "消防", NULL},
		{"执法评分", ROLE_ENFORCEMENT, NULL, NULL, NULL},
		{"昌黎县", ROLE_UNIT, NULL, NULL, "昌黎县"},
		{"组织部", ROLE_VIEWER, NULL, NULL, NULL},
	};
	/* passwords of letters and digits that cannot be mistaken for one
	 * another when read aloud or copied by hand */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
	for (int i = 0; i < SVC_DEMO_ACCOUNTS; i++) {
		memset(&out[i], 0, sizeof out[i]);
		snprintf(out[i].name, sizeof out[i].name, "%s", who[i].name);
		out[i].role = who[i].role;
		for (int k = 0; k < 12; k++)
			out[i].password[k] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
		struct account a = {.name = (char *)who[i].name, .role = who[i].role, .team = (char *)who[i].team,
				    .industry = (char *)who[i].industry, .unit = (char *)who[i].unit};
		if (svc_user_add(s, &a, out[i].password) != 0)
			return -1;
	}
	return 0;
}
