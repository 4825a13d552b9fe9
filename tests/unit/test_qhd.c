/* test_qhd.c: the built-in 2016 Qinhuangdao schemes (qhd-2016-county,
 * qhd-2016-department) held against the seed, 秦安办〔2017〕1号
 * (/work/shared/seed/000_d5e24379da0f7918.txt), and scored as an assessment
 * team would score real findings.
 *
 * Every expected number is worked out by hand in the comment above it from
 * the rubric sentence quoted there. Amounts are points_t hundredths:
 * POINTS(10) == 10 points, 650 == 6.5 points. */
#include "testutil.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static const struct node *node_of(const struct scheme *s, const char *code)
{
	const struct node *n = scheme_find(s, code);
	if (!n)
		fail_msg("no node %s", code);
	return n;
}

/* Scores a whole unit_input (findings, sheets, accidents, flags); the
 * result must exist. */
static struct result *score_in_ok(const struct scheme *s, const struct unit_input *in)
{
	struct diag d = {0};
	struct result *r = score_unit(s, in, &d);
	for (int i = 0; i < d.n; i++)
		fprintf(stderr, "%s\n", d.msgs[i]);
	diag_free(&d);
	assert_non_null(r);
	return r;
}

/* The score of node code on sheet k of the sheets node sheets_code. */
static points_t sheet_score(const struct result *r, const char *sheets_code, int k,
			    const char *code)
{
	const struct node *sn = node_of(r->scheme, sheets_code);
	const struct node *n = node_of(r->scheme, code);
	const struct node_result *nr = &r->nodes[sn->index];
	assert_true(k < nr->nsheets);
	return nr->sheets[k].nodes[n->index].score;
}

static int nsheets_of(const struct result *r, const char *sheets_code)
{
	return r->nodes[node_of(r->scheme, sheets_code)->index].nsheets;
}

static bool has_veto(const struct result *r, const char *code)
{
	for (int i = 0; i < r->nvetoes; i++)
		if (strcmp(r->vetoes[i].rule->code, code) == 0)
			return true;
	return false;
}

/* The 20 industries of 行业专项 as entered: 非煤矿山 is entered on 4.1.1
 * (4.1 is the mean of 非煤矿山 4.1.1 and, for 海港区 only, 煤矿 4.1.2). */
static const char *const industry_codes[20] = {
	"4.1.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10",
	"4.11", "4.12", "4.13", "4.14", "4.15", "4.16", "4.17", "4.18", "4.19", "4.20",
};

/* A county's input being built up by a test. */
struct county_in {
	struct finding f[64];
	int nf;
	struct sheet_input sh[8];
	int nsh;
};

static void add_f(struct county_in *c, struct finding f)
{
	assert_true(c->nf < 64);
	c->f[c->nf++] = f;
}

static void add_sheet(struct county_in *c, const char *node, const char *label,
		      const struct finding *f, int nf)
{
	assert_true(c->nsh < 8);
	c->sh[c->nsh++] = (struct sheet_input){node, label, f, nf};
}

/* Every entered industry score the same, skipping skip (NULL: none). */
static void add_industries(struct county_in *c, points_t score, const char *skip)
{
	for (int i = 0; i < 20; i++)
		if (!skip || strcmp(industry_codes[i], skip) != 0)
			add_f(c, f_score(industry_codes[i], score));
}

/* A county with every input needed and nothing found: 行政执法 100,
 * every industry 100, one clean county-department sheet and one clean
 * enterprise sheet. Scores 100 + 300 + 100 + 200 + 300 = 1000. */
static void county_full_marks(struct county_in *c)
{
	memset(c, 0, sizeof *c);
	add_f(c, f_score("3", POINTS(100)));
	add_industries(c, POINTS(100), NULL);
	add_sheet(c, "2.2", "示例县交通运输局", NULL, 0);
	add_sheet(c, "2.3", "示例化工有限公司", NULL, 0);
}

static struct unit_input county_input(const struct county_in *c)
{
	return (struct unit_input){.findings = c->f, .nfindings = c->nf,
		.sheets = c->sh, .nsheets = c->nsh};
}

/* ------------------------------------------------------------------ */
/* 1. Structure of qhd-2016-county against the seed                   */
/* ------------------------------------------------------------------ */

/* 三（一）："县区考核按千分计算。1．年终考核700分。其中，党委层面100分，政府层面300分，
 * 行政执法100分（由安全生产监察支队制定细则）；行业专项（200分）…2．日常考核300分。"
 * 100 + 300 + 100 + 200 + 300 = 1000. */
static void test_county_root_is_1000_in_five_parts(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	assert_string_equal(s->unit, "county");
	assert_int_equal(s->year, 2016);
	assert_int_equal(s->root->points, POINTS(1000));
	assert_int_equal(s->root->nchildren, 5);
	static const struct { const char *code, *title; int points; } parts[] = {
		{"1", "党委层面", 100}, {"2", "政府层面", 300}, {"3", "行政执法", 100},
		{"4", "行业专项", 200}, {"5", "日常考核", 300},
	};
	for (int i = 0; i < 5; i++) {
		const struct node *n = s->root->children[i];
		assert_string_equal(n->code, parts[i].code);
		assert_string_equal(n->title, parts[i].title);
		assert_int_equal(n->points, POINTS(parts[i].points));
		assert_false(n->bonus);
	}
	scheme_free(s);
}

/* 附件2: one category "…落实和职责履行情况 满分100分" with nine rows.
 * 附件3: "综合工作300分（政府工作100分）" in categories 40 + 20 + 20 + 20;
 * "综合工作300分（部门工作100分）": 40 + (lost header) 60; 企业工作:
 * (lost header) 30 + "落实安全生产法律…30分" + "安全生产工作开展情况40分". */
static void test_county_categories_points_and_item_counts(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	static const struct { const char *code; int points, items; } cat[] = {
		{"1.1", 100, 9},
		{"2.1.1", 40, 7}, {"2.1.2", 20, 3}, {"2.1.3", 20, 1}, {"2.1.4", 20, 1},
		{"2.2.1", 40, 5}, {"2.2.2", 60, 7},
		{"2.3.1", 30, 2}, {"2.3.2", 30, 5}, {"2.3.3", 40, 3},
	};
	for (size_t i = 0; i < sizeof cat / sizeof cat[0]; i++) {
		const struct node *n = node_of(s, cat[i].code);
		if (n->points != POINTS(cat[i].points) || n->nchildren != cat[i].items)
			fail_msg("%s: points %lld items %d, seed says %d points %d items",
				 cat[i].code, (long long)n->points, n->nchildren,
				 cat[i].points, cat[i].items);
		assert_int_equal(n->score, SCORE_DEDUCT);
	}
	/* 政府工作、部门工作、企业工作 100 each = 政府层面 300. */
	assert_int_equal(node_of(s, "2.1")->points, POINTS(100));
	assert_int_equal(node_of(s, "2.2")->points, POINTS(100));
	assert_int_equal(node_of(s, "2.3")->points, POINTS(100));
	assert_int_equal(node_of(s, "2")->nchildren, 3);
	assert_int_equal(node_of(s, "2.1")->nchildren, 4);
	assert_int_equal(node_of(s, "2.2")->nchildren, 2);
	assert_int_equal(node_of(s, "2.3")->nchildren, 3);
	assert_int_equal(node_of(s, "1")->nchildren, 1);
	scheme_free(s);
}

/* 附件3, 2.1.1 second row: "1、与下一级政府及本级有关部门签订安全生产目标管理责任书。
 * 未落实的，每有一地扣1分。最高扣4分。2、组织对下一级政府及本级有关部门开展年度安全生产
 * 考核。未落实的，每有一地扣1分，最高扣4分。" One row, two numbered rules: a group of
 * two sub-items, 4 + 4 = 8. Every other row of 2.1.1 is a single item. */
static void test_county_2_1_1_2_is_group_of_two_sub_items(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	const struct node *g = node_of(s, "2.1.1.2");
	assert_int_equal(g->nchildren, 2);
	assert_int_equal(g->points, POINTS(8));
	for (int i = 0; i < 2; i++) {
		const struct node *c = g->children[i];
		assert_true(node_is_leaf(c));
		assert_int_equal(c->rule.type, RULE_PER);
		assert_int_equal(c->rule.each, POINTS(1));
		assert_true(c->rule.has_cap);
		assert_int_equal(c->rule.cap, POINTS(4));
	}
	const struct node *cat = node_of(s, "2.1.1");
	for (int i = 0; i < cat->nchildren; i++)
		if (cat->children[i] != g)
			assert_true(node_is_leaf(cat->children[i]));
	scheme_free(s);
}

/* DOMAIN.md 1: 部门工作's second category has no points shown, 企业工作's
 * first has neither name nor points: 100 − 40 = 60 and 100 − 30 − 40 = 30,
 * marked as reconstructed. The categories whose headers survived are not. */
static void test_county_reconstructed_nodes_are_marked(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	const char *rec[] = {"2.2.2", "2.3.1"};
	for (int i = 0; i < 2; i++) {
		const struct node *n = node_of(s, rec[i]);
		assert_non_null(n->reconstructed);
		assert_true(strlen(n->reconstructed) > 0);
	}
	const char *kept[] = {"2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.2.1", "2.3.2", "2.3.3"};
	for (int i = 0; i < 7; i++)
		assert_null(node_of(s, kept[i])->reconstructed);
	/* 2.2.2 keeps the header text that survived as its title. */
	assert_string_equal(node_of(s, "2.2.2")->title, "安全生产工作安排部署及组织开展落实情况");
	scheme_free(s);
}

/* 五（二）："抽查2-3个部门、2-3家企业，通过检查部门、乡镇和企业，考核县区政府工作落实情况"
 * DOMAIN.md 5: each sampled one gets its own sheet; the part is their mean. */
static void test_county_department_and_enterprise_parts_are_sheets(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	const struct node *dep = node_of(s, "2.2"), *ent = node_of(s, "2.3");
	assert_int_equal(dep->score, SCORE_SHEETS);
	assert_int_equal(dep->sample, SAMPLE_COUNTY_DEPARTMENT);
	assert_int_equal(ent->score, SCORE_SHEETS);
	assert_int_equal(ent->sample, SAMPLE_ENTERPRISE);
	assert_int_equal(node_of(s, "2.1")->score, SCORE_SUM);
	scheme_free(s);
}

/* 三（一）1："市安监局监管行业非煤矿山、五大行业（含涉氨涉氯、涉粉尘、有限空间作业）、
 * 危险化学品和烟花爆竹、冶金建材（有色）、职业卫生、应急救援、人事培训、宣传教育、
 * “两体一化”、智慧安监（隐患排查）、事故调查各10分，共110分（海港区煤矿考核同非煤矿山
 * 相加取平均值）；其他部门监管重点行业：交通运输、建筑施工、道路交通、消防、特种设备、
 * 旅游、教育、卫生、城管各10分，共90分" — 11 + 9 = 20 industries × 10 = 200. */
static void test_county_twenty_industries_of_ten_points(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	static const char *const titles[20] = {
		"非煤矿山", "五大行业（含涉氨涉氯、涉粉尘、有限空间作业）", "危险化学品和烟花爆竹",
		"冶金建材（有色）", "职业卫生", "应急救援", "人事培训", "宣传教育", "“两体一化”",
		"智慧安监（隐患排查）", "事故调查", "交通运输", "建筑施工", "道路交通", "消防",
		"特种设备", "旅游", "教育", "卫生", "城管",
	};
	const struct node *p = node_of(s, "4");
	assert_int_equal(p->nchildren, 20);
	assert_int_equal(p->score, SCORE_SUM);
	for (int i = 0; i < 20; i++) {
		const struct node *n = p->children[i];
		assert_string_equal(n->title, titles[i]);
		assert_int_equal(n->points, POINTS(10));
		/* "县区不存在的行业可标为不适用" (DOMAIN.md 6): each can be n/a. */
		assert_int_equal(n->na, NA_RESCALE);
	}
	/* Each industry is entered out of 100 (专项考核："按百分制…打分"). */
	for (int i = 0; i < 20; i++) {
		const struct node *n = node_of(s, industry_codes[i]);
		assert_int_equal(n->rule.type, RULE_ENTERED);
		assert_int_equal(n->rule.scale, POINTS(100));
		/* 4.1.1 is entered out of 100 and counts inside 4.1, which takes the
		 * mean of the 100-point scores and then weights it to 10. */
		assert_int_equal(n->points, i == 0 ? POINTS(100) : POINTS(10));
	}
	assert_int_equal(node_of(s, "4.1")->scale, POINTS(100));
	/* 4.1 非煤矿山 = mean of 非煤矿山 and 煤矿 (海港区 only: optional). */
	const struct node *nm = node_of(s, "4.1"), *coal = node_of(s, "4.1.2");
	assert_int_equal(nm->score, SCORE_MEAN);
	assert_int_equal(nm->nchildren, 2);
	assert_true(coal->optional);
	assert_int_equal(coal->rule.type, RULE_ENTERED);
	scheme_free(s);
}

/* 行政执法100分（由安全生产监察支队制定细则）: one entered score out of 100.
 * 日常考核 300: its items are not in the seed: judged, bounded by 300. */
static void test_county_enforcement_and_daily_parts(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	const struct node *e = node_of(s, "3");
	assert_true(node_is_leaf(e));
	assert_int_equal(e->rule.type, RULE_ENTERED);
	assert_int_equal(e->rule.scale, POINTS(100));
	const struct node *d = node_of(s, "5");
	assert_int_equal(d->score, SCORE_DEDUCT);
	for (int i = 0; i < d->nchildren; i++) {
		assert_int_equal(d->children[i]->rule.type, RULE_JUDGED);
		assert_int_equal(d->children[i]->rule.max, POINTS(300));
	}
	scheme_free(s);
}

static void check_leaves_have_text_and_rule(const char *name)
{
	struct scheme *s = builtin(name);
	int leaves = 0;
	for (int i = 1; i < s->nnodes; i++) {
		const struct node *n = s->nodes[i];
		if (!node_is_leaf(n))
			continue;
		leaves++;
		if (!n->text || !*n->text)
			fail_msg("%s %s has no rule text", name, n->code);
		if (n->rule.type == RULE_NONE)
			fail_msg("%s %s has no rule", name, n->code);
		if (!n->title || !*n->title)
			fail_msg("%s %s has no title", name, n->code);
	}
	assert_true(leaves > 0);
	scheme_free(s);
}

static void test_county_every_leaf_has_text_and_rule(void **state)
{
	(void)state;
	check_leaves_have_text_and_rule("qhd-2016-county");
}

static void test_department_every_leaf_has_text_and_rule(void **state)
{
	(void)state;
	check_leaves_have_text_and_rule("qhd-2016-department");
}

static void assert_per(const struct scheme *s, const char *code, int each, int cap)
{
	const struct node *n = node_of(s, code);
	if (n->rule.type != RULE_PER || n->rule.each != POINTS(each) || !n->rule.has_cap ||
	    n->rule.cap != POINTS(cap))
		fail_msg("%s: expected per %d cap %d (type %d each %lld cap %lld)", code, each,
			 cap, n->rule.type, (long long)n->rule.each, (long long)n->rule.cap);
}

static void assert_fixed(const struct scheme *s, const char *code, int deduct)
{
	const struct node *n = node_of(s, code);
	if (n->rule.type != RULE_FIXED || n->rule.deduct != POINTS(deduct))
		fail_msg("%s: expected fixed %d (type %d deduct %lld)", code, deduct,
			 n->rule.type, (long long)n->rule.deduct);
}

/* Conditions with the given deductions (n of them) and cap. */
static void assert_conds(const struct scheme *s, const char *code, int cap, int n,
			 const int *each)
{
	const struct node *nd = node_of(s, code);
	assert_int_equal(nd->rule.type, RULE_CONDITIONS);
	assert_int_equal(nd->rule.nconds, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(nd->rule.conds[i].deduct, POINTS(each[i]));
	assert_true(nd->rule.has_cap);
	assert_int_equal(nd->rule.cap, POINTS(cap));
}

static void test_county_rule_types_match_wording(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	/* 1.1.1 "…纳入党委中心组学习内容。未落实扣10分。" */
	assert_fixed(s, "1.1.1", 10);
	/* 1.1.2 "每发现1地扣2分，最高可扣10分。" */
	assert_per(s, "1.1.2", 2, 10);
	/* 1.1.4 "每少落实1次，扣5分。最高可扣10分" */
	assert_per(s, "1.1.4", 5, 10);
	/* 1.1.5 "每少落实1次，扣1分。最高可扣10分。" */
	assert_per(s, "1.1.5", 1, 10);
	/* 1.1.6 "未按规定落实者，扣5分。" */
	assert_fixed(s, "1.1.6", 5);
	/* 1.1.8 "抽查的县乡每有一地未落实，扣4分。最高可扣16分。" */
	assert_per(s, "1.1.8", 4, 16);
	/* 1.1.9 "少一次扣3分，最多可扣9分。" */
	assert_per(s, "1.1.9", 3, 9);
	/* 2.1.2.1 "每发现一地未落实，扣2分，最高扣6分。" */
	assert_per(s, "2.1.2.1", 2, 6);
	/* 2.1.2.2 "每发现一地未落实，扣2分，最高扣8分。" */
	assert_per(s, "2.1.2.2", 2, 8);
	/* 2.1.3 "未落实的每项扣4分，最多扣20分。" */
	assert_per(s, "2.1.3.1", 4, 20);
	/* 2.1.4 "每少一项扣4分，最高扣20分。" */
	assert_per(s, "2.1.4.1", 4, 20);
	/* 2.2.1.1 "未落实的，扣5分。" */
	assert_fixed(s, "2.2.1.1", 5);
	/* 2.2.2.3 "未制定计划的，扣2分；未按照计划组织实施的，扣2分；实施不到位的，扣2分。
	 * 最高扣10分。" */
	static const int c223[] = {2, 2, 2};
	assert_conds(s, "2.2.2.3", 10, 3, c223);
	/* 2.2.2.5 "未组织开展复查工作的，扣3分；复查不到位的，扣2分。最高扣10分。" */
	static const int c225[] = {3, 2};
	assert_conds(s, "2.2.2.5", 10, 2, c225);
	/* 2.3.1.2 "每有1个方面未落实，扣5分。最高扣15分。" */
	assert_per(s, "2.3.1.2", 5, 15);
	/* 2.3.2.1 "未制定或不健全的，扣2分；虽制定但照抄照搬不符合单位实际的，扣2分；没有进行
	 * 认真严格落实的，扣2分。最高扣5分。" */
	static const int c231[] = {2, 2, 2};
	assert_conds(s, "2.3.2.1", 5, 3, c231);
	/* 2.3.2.2 four conditions of 3, "最高扣12分。" */
	static const int c232[] = {3, 3, 3, 3};
	assert_conds(s, "2.3.2.2", 12, 4, c232);
	/* 2.3.3.1 "未开展安全生产标准化建设的，扣10分。" */
	assert_fixed(s, "2.3.3.1", 10);
	/* 2.3.3.2 four conditions of 5, "最高扣20分。" */
	static const int c332[] = {5, 5, 5, 5};
	assert_conds(s, "2.3.3.2", 20, 4, c332);
	scheme_free(s);
}

/* 六、考核等次 and DOMAIN.md 8: 优秀 ≥ 900, 良好 ≥ 800, 合格 ≥ 600, else 不合格.
 * 五（一）: the one-vote and excellence vetoes V1, V2, E1…E5. */
static void test_schemes_have_thresholds_and_seven_vetoes(void **state)
{
	(void)state;
	const char *names[] = {"qhd-2016-county", "qhd-2016-department"};
	for (int k = 0; k < 2; k++) {
		struct scheme *s = builtin(names[k]);
		assert_int_equal(s->ngrades, 4);
		assert_int_equal(s->grades[0].grade, GRADE_EXCELLENT);
		assert_int_equal(s->grades[0].min, POINTS(900));
		assert_int_equal(s->grades[1].grade, GRADE_GOOD);
		assert_int_equal(s->grades[1].min, POINTS(800));
		assert_int_equal(s->grades[2].grade, GRADE_PASS);
		assert_int_equal(s->grades[2].min, POINTS(600));
		assert_int_equal(s->grades[3].grade, GRADE_FAIL);
		assert_false(s->grades[3].has_min);
		assert_int_equal(s->nvetoes, 7);
		static const char *const codes[] = {"V1", "V2", "E1", "E2", "E3", "E4", "E5"};
		for (int i = 0; i < 7; i++)
			assert_string_equal(s->vetoes[i].code, codes[i]);
		scheme_free(s);
	}
}

/* ------------------------------------------------------------------ */
/* 1b. Structure of qhd-2016-department against the seed              */
/* ------------------------------------------------------------------ */

/* 三（二）："1．年终考核500分；2．安委办日常考核300分；3．综合监管日常考核200分。"
 * 附件4: "部门工作500分": 150 + 50 + 200 + 100 = 500. */
static void test_department_root_and_categories(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	assert_string_equal(s->unit, "department");
	assert_int_equal(s->root->points, POINTS(1000));
	assert_int_equal(s->root->nchildren, 3);
	static const int parts[] = {500, 300, 200};
	for (int i = 0; i < 3; i++)
		assert_int_equal(s->root->children[i]->points, POINTS(parts[i]));
	assert_int_equal(node_of(s, "1")->nchildren, 4);
	static const struct { const char *code; int points, items; } cat[] = {
		{"1.1", 150, 7}, {"1.2", 50, 3}, {"1.3", 200, 5}, {"1.4", 100, 9},
	};
	for (int i = 0; i < 4; i++) {
		const struct node *n = node_of(s, cat[i].code);
		assert_int_equal(n->points, POINTS(cat[i].points));
		assert_int_equal(n->nchildren, cat[i].items);
		assert_int_equal(n->score, SCORE_DEDUCT);
		for (int k = 0; k < n->nchildren; k++)
			assert_true(node_is_leaf(n->children[k]));
	}
	scheme_free(s);
}

static void test_department_rule_types_match_wording(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	/* 1.1.1 "各部门要成立安全生产委员会…主要领导任主任（组长）。" no points:
	 * judged, bounded by the 150-point category (DOMAIN.md 4). */
	const struct node *n = node_of(s, "1.1.1");
	assert_int_equal(n->rule.type, RULE_JUDGED);
	assert_int_equal(n->rule.max, POINTS(150));
	/* 1.1.2 "未落实的，扣30分。" */
	assert_fixed(s, "1.1.2", 30);
	/* 1.1.3 "…并明确相关职责。20分" judged, at most 20. */
	n = node_of(s, "1.1.3");
	assert_int_equal(n->rule.type, RULE_JUDGED);
	assert_int_equal(n->rule.max, POINTS(20));
	/* 1.1.4 "每少落实1次，扣10分。最高可扣40分。" */
	assert_per(s, "1.1.4", 10, 40);
	/* 1.1.5 "每少1人次扣10分，最高可扣50分。" */
	assert_per(s, "1.1.5", 10, 50);
	/* 1.1.6, 1.1.7 "…扣20分。" */
	assert_fixed(s, "1.1.6", 20);
	assert_fixed(s, "1.1.7", 20);
	/* 1.2.1, 1.2.2 "…扣20分。"; 1.2.3 "每少组织开展1次，扣15分。最高可扣30分。" */
	assert_fixed(s, "1.2.1", 20);
	assert_fixed(s, "1.2.2", 20);
	assert_per(s, "1.2.3", 15, 30);
	/* 1.3.1–1.3.4 "未落实的，1项扣10分，最高可扣40分。" */
	assert_per(s, "1.3.1", 10, 40);
	assert_per(s, "1.3.2", 10, 40);
	assert_per(s, "1.3.3", 10, 40);
	assert_per(s, "1.3.4", 10, 40);
	/* 1.3.5 "没开展1项活动加20分，最高可加40分": earn each 20 cap 40. */
	n = node_of(s, "1.3.5");
	assert_int_equal(n->rule.type, RULE_EARN);
	assert_int_equal(n->rule.each, POINTS(20));
	assert_int_equal(n->rule.cap, POINTS(40));
	assert_int_equal(n->points, POINTS(40));
	/* 1.4.1 "未研究部署的扣20分。"; 1.4.7 "每少组织开展1次，扣2分。最高扣10分。";
	 * 1.4.8 "未落实的扣20分。"; 1.4.9 "未制定出台的扣20分。" */
	assert_fixed(s, "1.4.1", 20);
	assert_per(s, "1.4.7", 2, 10);
	assert_fixed(s, "1.4.8", 20);
	assert_fixed(s, "1.4.9", 20);
	/* 1.4.2–1.4.6 state no points: judged within 基础性工作100分. */
	const char *j[] = {"1.4.2", "1.4.3", "1.4.4", "1.4.5", "1.4.6"};
	for (int i = 0; i < 5; i++) {
		n = node_of(s, j[i]);
		assert_int_equal(n->rule.type, RULE_JUDGED);
		assert_int_equal(n->rule.max, POINTS(100));
	}
	scheme_free(s);
}

/* ------------------------------------------------------------------ */
/* 2. Scoring county items as a team would                            */
/* ------------------------------------------------------------------ */

/* 1.1.4 "党委常委会每半年至少听取1次安全生产工作汇报…每少落实1次，扣5分。最高可扣10分"
 * 3 missed → 3 × 5 = 15, capped at 10 → 1.1 = 100 − 10 = 90. */
static void test_county_1_1_4_three_missed_meetings_capped_at_10(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("1.1.4", 3)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "1.1.4"), POINTS(10));
	assert_int_equal(node_score(r, "1.1"), POINTS(90));
	assert_int_equal(node_score(r, "1"), POINTS(90));
	result_free(r);
	scheme_free(s);
}

/* Same item, 1 missed: 1 × 5 = 5 → 1.1 = 95. */
static void test_county_1_1_4_one_missed_meeting_is_5(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("1.1.4", 1)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "1.1.4"), POINTS(5));
	assert_int_equal(node_score(r, "1.1"), POINTS(95));
	result_free(r);
	scheme_free(s);
}

/* 附件2 as written: the nine caps are 10+10+10+10+10+5+10+16+9 = 90 < 100,
 * so a 党委 that failed every row at its cap still keeps 100 − 90 = 10.
 * 1.1.1 未落实 10; 1.1.2 5地×2=10; 1.1.3 5面×2=10; 1.1.4 2次×5=10; 1.1.5 10次×1=10;
 * 1.1.6 5; 1.1.7 10; 1.1.8 4地×4=16; 1.1.9 3次×3=9. */
static void test_county_1_1_every_row_at_cap_leaves_10(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {
		f_cond("1.1.1", COND(1)), f_count("1.1.2", 5), f_count("1.1.3", 5),
		f_count("1.1.4", 2), f_count("1.1.5", 10), f_cond("1.1.6", COND(1)),
		f_cond("1.1.7", COND(1)), f_count("1.1.8", 4), f_count("1.1.9", 3),
	};
	struct result *r = score_ok(s, f, 9);
	assert_int_equal(node_deduction(r, "1.1.8"), POINTS(16));
	assert_int_equal(node_deduction(r, "1.1.9"), POINTS(9));
	assert_int_equal(node_score(r, "1.1"), POINTS(10));
	result_free(r);
	scheme_free(s);
}

/* 2.1.1.2 "1、与下一级政府及本级有关部门签订安全生产目标管理责任书。未落实的，每有一地扣1分。
 * 最高扣4分。" 5 places → 5 × 1 = 5, capped at 4. The sub-item group (8) keeps 4,
 * 2.1.1 = 40 − 4 = 36, 2.1 = 36 + 20 + 20 + 20 = 96. */
static void test_county_2_1_1_2_1_five_places_capped_at_4(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("2.1.1.2.1", 5)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "2.1.1.2.1"), POINTS(4));
	assert_int_equal(node_score(r, "2.1.1.2"), POINTS(4));
	assert_int_equal(node_score(r, "2.1.1"), POINTS(36));
	assert_int_equal(node_score(r, "2.1"), POINTS(96));
	result_free(r);
	scheme_free(s);
}

/* Both 2.1.1.2 sub-items at their caps and 2.1.1.3 "每少召开一次扣2分，最高扣10分"
 * with 7 missed (14 → 10): 2.1.1 = 40 − (8 + 10) = 22. */
static void test_county_2_1_1_group_deduction_is_sum_of_sub_items(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("2.1.1.2.1", 4), f_count("2.1.1.2.2", 6),
			      f_count("2.1.1.3", 7)};
	struct result *r = score_ok(s, f, 3);
	assert_int_equal(node_score(r, "2.1.1.2"), 0);
	assert_int_equal(node_score(r, "2.1.1"), POINTS(22));
	result_free(r);
	scheme_free(s);
}

/* 2.1.4 "…7个时期… 每少一项扣4分，最高扣20分。" all 7 missing: 28 → 20, category 0. */
static void test_county_2_1_4_all_seven_periods_missing_gives_0(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("2.1.4.1", 7)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_score(r, "2.1.4"), 0);
	assert_int_equal(node_score(r, "2.1"), POINTS(80));
	result_free(r);
	scheme_free(s);
}

/* A 部门工作 sheet. 2.2.2.3 "未制定计划的，扣2分；未按照计划组织实施的，扣2分；实施不到位的，
 * 扣2分。最高扣10分" conditions 1 and 3 → 2 + 2 = 4.
 * 2.2.2 = 60 − 4 = 56; sheet = 40 + 56 = 96; one sheet → 部门工作 96. */
static void test_county_department_sheet_2_2_2_3_conditions_1_and_3(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nsh = 0;
	struct finding a[] = {f_cond("2.2.2.3", COND(1) | COND(3))};
	add_sheet(&c, "2.2", "示例县交通运输局", a, 1);
	add_sheet(&c, "2.3", "示例化工有限公司", NULL, 0);
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(nsheets_of(r, "2.2"), 1);
	assert_int_equal(sheet_score(r, "2.2", 0, "2.2.2.3"), POINTS(10 - 4));
	assert_int_equal(sheet_score(r, "2.2", 0, "2.2.2"), POINTS(56));
	assert_int_equal(sheet_score(r, "2.2", 0, "2.2"), POINTS(96));
	assert_int_equal(node_score(r, "2.2"), POINTS(96));
	result_free(r);
	scheme_free(s);
}

/* 部门工作 as the mean of two county-department sheets.
 * 交通运输局: 2.2.1.3 "每少1次，扣2分" 1 → 2; 2.2.2.3 conditions 1, 3 → 4:
 *   (40 − 2) + (60 − 4) = 94.
 * 教育局: 2.2.1.1 "未落实的，扣5分" → 5; 2.2.2.7 "未对此项工作进行安排部署的，扣5分；
 *   未组织开展落实的，扣5分。最高扣10分" both → 10: (40 − 5) + (60 − 10) = 85.
 * 部门工作 = (94 + 85) / 2 = 89.5. */
static void test_county_department_work_mean_of_two_sheets(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nsh = 0;
	struct finding a[] = {f_count("2.2.1.3", 1), f_cond("2.2.2.3", COND(1) | COND(3))};
	struct finding b[] = {f_cond("2.2.1.1", COND(1)), f_cond("2.2.2.7", COND(1) | COND(2))};
	add_sheet(&c, "2.2", "示例县交通运输局", a, 2);
	add_sheet(&c, "2.2", "示例县教育局", b, 2);
	add_sheet(&c, "2.3", "示例化工有限公司", NULL, 0);
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(nsheets_of(r, "2.2"), 2);
	assert_int_equal(sheet_score(r, "2.2", 0, "2.2"), POINTS(94));
	assert_int_equal(sheet_score(r, "2.2", 1, "2.2"), POINTS(85));
	assert_int_equal(node_score(r, "2.2"), 8950);
	result_free(r);
	scheme_free(s);
}

/* Three county-department sheets 100, 95, 98 → 293 / 3 = 97.666… → 97.67
 * (rounded half up to 0.01: the third decimal 6 rounds up).
 * 95: 2.2.1.5 "未落实的，扣5分"; 98: 2.2.2.1 "每少组织开展1次，扣2分" × 1. */
static void test_county_department_work_mean_of_three_rounds_up(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nsh = 0;
	struct finding b[] = {f_cond("2.2.1.5", COND(1))};
	struct finding d[] = {f_count("2.2.2.1", 1)};
	add_sheet(&c, "2.2", "示例县公安局", NULL, 0);
	add_sheet(&c, "2.2", "示例县卫生局", b, 1);
	add_sheet(&c, "2.2", "示例县城管局", d, 1);
	add_sheet(&c, "2.3", "示例化工有限公司", NULL, 0);
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(sheet_score(r, "2.2", 1, "2.2"), POINTS(95));
	assert_int_equal(sheet_score(r, "2.2", 2, "2.2"), POINTS(98));
	assert_int_equal(node_score(r, "2.2"), 9767);
	result_free(r);
	scheme_free(s);
}

/* 企业工作 over three enterprise sheets: 100, 95, 94.
 * 95: 2.3.2.5 "为从业人员提供符合标准的劳动防护用品…未落实的，扣5分。"
 * 94: 2.3.2.3 "未进行登记建档的，扣2分" + 2.3.2.4 "未制定预案的，扣2分；未组织进行演练
 *     的，扣2分。最高扣4分。" both → 2 + 4 = 6 → 2.3.2 = 24, sheet 30 + 24 + 40 = 94.
 * 289 / 3 = 96.333… → 96.33 (third decimal 3 rounds down). */
static void test_county_enterprise_work_mean_of_three_rounds_down(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nsh = 0;
	struct finding e2[] = {f_cond("2.3.2.5", COND(1))};
	struct finding e3[] = {f_cond("2.3.2.3", COND(1)), f_cond("2.3.2.4", COND(1) | COND(2))};
	add_sheet(&c, "2.2", "示例县交通运输局", NULL, 0);
	add_sheet(&c, "2.3", "示例化工有限公司", NULL, 0);
	add_sheet(&c, "2.3", "示例建材有限公司", e2, 1);
	add_sheet(&c, "2.3", "示例矿业有限公司", e3, 2);
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(nsheets_of(r, "2.3"), 3);
	assert_int_equal(sheet_score(r, "2.3", 0, "2.3"), POINTS(100));
	assert_int_equal(sheet_score(r, "2.3", 1, "2.3"), POINTS(95));
	assert_int_equal(sheet_score(r, "2.3", 2, "2.3.2"), POINTS(24));
	assert_int_equal(sheet_score(r, "2.3", 2, "2.3"), POINTS(94));
	assert_int_equal(node_score(r, "2.3"), 9633);
	result_free(r);
	scheme_free(s);
}

/* An enterprise sheet whose deductions pass a category's points:
 * 2.3.1 (30, reconstructed) has two rows whose caps are 6 and 15: the most it
 * can lose is 2.3.1.1 (conditions 2 + 2 = 4) + 2.3.1.2 ("每有1个方面未落实，扣5分。
 * 最高扣15分" 3 × 5 = 15) = 19 → 11.
 * 2.3.3 "未开展安全生产标准化建设的，扣10分" + 2.3.3.2 four conditions 4 × 5 = 20 +
 * 2.3.3.3 5 + 5 = 10 → 40 − 40 = 0.
 * 2.3.2.2 four conditions of 3 = 12 (cap 12) → 30 − 12 = 18.
 * Sheet = 11 + 18 + 0 = 29. */
static void test_county_enterprise_sheet_worst_case(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nsh = 0;
	struct finding e[] = {
		f_cond("2.3.1.1", COND(1) | COND(2)), f_count("2.3.1.2", 3),
		f_cond("2.3.2.2", COND(1) | COND(2) | COND(3) | COND(4)),
		f_cond("2.3.3.1", COND(1)),
		f_cond("2.3.3.2", COND(1) | COND(2) | COND(3) | COND(4)),
		f_cond("2.3.3.3", COND(1) | COND(2)),
	};
	add_sheet(&c, "2.2", "示例县交通运输局", NULL, 0);
	add_sheet(&c, "2.3", "示例烟花爆竹有限公司", e, 6);
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(sheet_score(r, "2.3", 0, "2.3.1"), POINTS(11));
	assert_int_equal(sheet_score(r, "2.3", 0, "2.3.2"), POINTS(18));
	assert_int_equal(sheet_score(r, "2.3", 0, "2.3.3"), 0);
	assert_int_equal(node_score(r, "2.3"), POINTS(29));
	result_free(r);
	scheme_free(s);
}

/* 三（一）1 / 五（二）4: each industry "按百分制" and counts 10 points:
 * 五大行业 85 → 85 × 10 / 100 = 8.5. */
static void test_county_industry_85_counts_8_5(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nf = 0;
	add_f(&c, f_score("3", POINTS(100)));
	add_industries(&c, POINTS(100), "4.2");
	add_f(&c, f_score("4.2", POINTS(85)));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(node_score(r, "4.2"), 850);
	/* 19 × 10 + 8.5 = 198.5 */
	assert_int_equal(node_score(r, "4"), 19850);
	result_free(r);
	scheme_free(s);
}

/* A weighting is rounded half up where it is computed (DOMAIN.md 7):
 * 职业卫生 85.55 → 85.55 × 10 / 100 = 8.555 → 8.56. */
static void test_county_industry_weighting_rounds_half_up(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nf = 0;
	add_f(&c, f_score("3", POINTS(100)));
	add_industries(&c, POINTS(100), "4.5");
	add_f(&c, f_score("4.5", 8555));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(node_score(r, "4.5"), 856);
	result_free(r);
	scheme_free(s);
}

/* "（海港区煤矿考核同非煤矿山相加取平均值）": 非煤矿山 80, 煤矿 91 (out of 100),
 * mean (80 + 91) / 2 = 85.5, weighted 85.5 × 10 / 100 = 8.55.
 * Part 4 = 8.55 + 19 × 10 = 198.55. */
static void test_county_haigang_4_1_is_mean_of_noncoal_and_coal(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nf = 0;
	add_f(&c, f_score("3", POINTS(100)));
	add_industries(&c, POINTS(100), "4.1.1");
	add_f(&c, f_score("4.1.1", POINTS(80)));
	add_f(&c, f_score("4.1.2", POINTS(91)));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(node_score(r, "4.1.1"), POINTS(80));
	assert_int_equal(node_score(r, "4.1.2"), POINTS(91));
	assert_int_equal(node_score(r, "4.1"), 855);
	assert_int_equal(node_score(r, "4"), 19855);
	result_free(r);
	scheme_free(s);
}

/* Rounded half up where computed: 非煤矿山 80.1, 煤矿 91: mean
 * (80.1 + 91) / 2 = 85.55 (exact), weighted 85.55 × 10 / 100 = 8.555 → 8.56. */
static void test_county_haigang_mean_rounds_half_up(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nf = 0;
	add_f(&c, f_score("3", POINTS(100)));
	add_industries(&c, POINTS(100), "4.1.1");
	add_f(&c, f_score("4.1.1", 8010));
	add_f(&c, f_score("4.1.2", POINTS(91)));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(node_score(r, "4.1.1"), 8010);
	assert_int_equal(node_score(r, "4.1"), 856);
	result_free(r);
	scheme_free(s);
}

/* The order of the mean and the weighting. The seed: "非煤矿山…各10分…（海港区煤矿考核
 * 同非煤矿山相加取平均值）" and 五（二）4 "有行业监管职责的部门…（按百分制）进行打分。
 * 最后按一定权重列入总分": the two 100-point assessments are averaged, and the
 * weighting (×0.1) comes last. 非煤矿山 80.05, 煤矿 91:
 *   mean (80.05 + 91) / 2 = 85.525 → 85.53 (rounded where computed),
 *   weighted 85.53 × 10 / 100 = 8.553 → 8.55.
 * (Exact arithmetic agrees: 171.05 / 2 / 10 = 8.5525 → 8.55.) Weighting each
 * first (8.005 → 8.01, 9.10) and then averaging gives 8.555 → 8.56: a double
 * rounding that is 0.01 off. */
static void test_county_haigang_mean_taken_before_weighting(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nf = 0;
	add_f(&c, f_score("3", POINTS(100)));
	add_industries(&c, POINTS(100), "4.1.1");
	add_f(&c, f_score("4.1.1", 8005));
	add_f(&c, f_score("4.1.2", POINTS(91)));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	points_t got = node_score(r, "4.1");
	const char *how = node_derivation(r, "4.1");
	if (got != 855)
		fprintf(stderr, "4.1 derivation: %s\n", how ? how : "(none)");
	result_free(r);
	scheme_free(s);
	/* Freed first so that a failure here leaks nothing under ASan. */
	assert_int_equal(got, 855);
}

/* A county without coal mines enters nothing on 4.1.2 (optional): it is not
 * applicable and 4.1 is 非煤矿山 alone: 85 → 8.5. */
static void test_county_without_coal_4_1_equals_4_1_1(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nf = 0;
	add_f(&c, f_score("3", POINTS(100)));
	add_industries(&c, POINTS(100), "4.1.1");
	add_f(&c, f_score("4.1.1", POINTS(85)));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	const struct node *coal = node_of(s, "4.1.2");
	assert_true(r->nodes[coal->index].na);
	assert_false(r->nodes[coal->index].missing);
	assert_int_equal(node_score(r, "4.1"), 850);
	assert_false(r->incomplete);
	assert_int_equal(r->nmissing, 0);
	result_free(r);
	scheme_free(s);
}

/* An industry the county does not have, marked not applicable, rescales part 4
 * (its note: "县区不存在的行业可标为不适用，本层面按其余行业重新折算为200分"):
 * 城管 n/a, 19 industries at 90 → 19 × 9 = 171 of 190 → 171 × 200 / 190 = 180. */
static void test_county_industry_na_rescales_part_4(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nf = 0;
	add_f(&c, f_score("3", POINTS(100)));
	add_industries(&c, POINTS(90), "4.20");
	add_f(&c, f_na("4.20"));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(node_score(r, "4.1"), POINTS(9));
	assert_int_equal(node_score(r, "4"), POINTS(180));
	assert_false(r->incomplete);
	result_free(r);
	scheme_free(s);
}

/* 非煤矿山 as a whole (4.1) n/a and 城管 n/a: 18 at 90 = 162 of 180 → 180. Also
 * 18 at 100 with two n/a → still 200. */
static void test_county_two_industries_na_rescale(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nf = 0;
	add_f(&c, f_score("3", POINTS(100)));
	for (int i = 1; i < 19; i++)
		add_f(&c, f_score(industry_codes[i], POINTS(90)));
	add_f(&c, f_na("4.1"));
	add_f(&c, f_na("4.20"));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(node_score(r, "4"), POINTS(180));
	assert_false(r->incomplete);
	result_free(r);
	scheme_free(s);
}

/* 行政执法100分: entered 92 → 92 (scale 100, points 100). */
static void test_county_enforcement_entered_92(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.f[0] = f_score("3", POINTS(92));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(node_score(r, "3"), POINTS(92));
	/* 100 + 300 + 92 + 200 + 300 */
	assert_int_equal(r->total, POINTS(992));
	assert_false(r->incomplete);
	result_free(r);
	scheme_free(s);
}

/* No 行政执法 score entered: incomplete, scored 0, "3" listed. */
static void test_county_missing_enforcement_is_incomplete(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.f[0] = c.f[--c.nf];  /* drop 3 = 100 */
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_true(r->incomplete);
	assert_int_equal(r->nmissing, 1);
	assert_string_equal(r->missing[0], "3");
	assert_int_equal(node_score(r, "3"), 0);
	assert_int_equal(r->total, POINTS(900));
	result_free(r);
	scheme_free(s);
}

/* 五（二）"抽查…2-3个部门、2-3家企业": with no county-department sheet at all,
 * 部门工作 cannot be scored: incomplete, "2.2" listed, counted 0 → 900. */
static void test_county_no_department_sheet_is_incomplete(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nsh = 0;
	add_sheet(&c, "2.3", "示例化工有限公司", NULL, 0);
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_true(r->incomplete);
	assert_int_equal(r->nmissing, 1);
	assert_string_equal(r->missing[0], "2.2");
	assert_int_equal(node_score(r, "2.2"), 0);
	assert_int_equal(r->total, POINTS(900));
	result_free(r);
	scheme_free(s);
}

/* A missing industry score also makes the result incomplete: 消防 4.15. */
static void test_county_missing_industry_is_incomplete(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	c.nf = 0;
	add_f(&c, f_score("3", POINTS(100)));
	add_industries(&c, POINTS(100), "4.15");
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_true(r->incomplete);
	assert_int_equal(r->nmissing, 1);
	assert_string_equal(r->missing[0], "4.15");
	assert_int_equal(node_score(r, "4"), POINTS(190));
	result_free(r);
	scheme_free(s);
}

/* 日常考核300分: judged deductions 6 + 4.5 → 289.5. */
static void test_county_daily_judged_deductions(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	add_f(&c, f_deduct("5.1", POINTS(6)));
	add_f(&c, f_deduct("5.3", 450));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(node_score(r, "5"), 28950);
	result_free(r);
	scheme_free(s);
}

/* ------------------------------------------------------------------ */
/* 3. Department items                                                 */
/* ------------------------------------------------------------------ */

/* 1.1 (150): "未落实的，扣30分" 30 + 1.1.3 judged 20 + "每少落实1次，扣10分。最高可扣40分"
 * 4 → 40 + "每少1人次扣10分，最高可扣50分" 5 → 50 + "未组织落实的，扣20分" 20 +
 * "未落实的，扣20分" 20 = 180 > 150 → 0 (扣完为止, never negative). */
static void test_department_1_1_deductions_over_150_floor_at_0(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding f[] = {
		f_cond("1.1.2", COND(1)), f_deduct("1.1.3", POINTS(20)), f_count("1.1.4", 4),
		f_count("1.1.5", 5), f_cond("1.1.6", COND(1)), f_cond("1.1.7", COND(1)),
	};
	struct result *r = score_ok(s, f, 6);
	assert_int_equal(node_score(r, "1.1"), 0);
	/* 部门工作 = 0 + 50 + (200 − 40 for no campaign) + 100 = 310 */
	assert_int_equal(node_score(r, "1"), POINTS(310));
	result_free(r);
	scheme_free(s);
}

/* 1.3 "根据需要，组织本行业领域专项整治行动情况。没开展1项活动加20分，最高可加40分"
 * (DOMAIN.md 3: the last 40 of 200 are earned only by campaigns). No campaign:
 * 1.3 = 200 − 40 = 160. */
static void test_department_1_3_no_campaign_loses_40(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct result *r = score_ok(s, NULL, 0);
	assert_int_equal(node_deduction(r, "1.3.5"), POINTS(40));
	assert_int_equal(node_score(r, "1.3"), POINTS(160));
	/* Nothing else found: 150 + 50 + 160 + 100 + 300 + 200 = 960. */
	assert_int_equal(r->total, POINTS(960));
	result_free(r);
	scheme_free(s);
}

/* Explicit count 0 is the same as no input: 0 × 20 = 0 earned → loses 40. */
static void test_department_1_3_zero_campaigns_loses_40(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding f[] = {f_count("1.3.5", 0)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_score(r, "1.3"), POINTS(160));
	result_free(r);
	scheme_free(s);
}

/* One campaign: 1 × 20 = 20 earned of 40 → loses 20 → 1.3 = 180. */
static void test_department_1_3_one_campaign_loses_20(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding f[] = {f_count("1.3.5", 1)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "1.3.5"), POINTS(20));
	assert_int_equal(node_score(r, "1.3"), POINTS(180));
	result_free(r);
	scheme_free(s);
}

/* Three campaigns: 3 × 20 = 60, "最高可加40分" → 40 earned, loses 0 → 200. */
static void test_department_1_3_three_campaigns_capped_at_40(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding f[] = {f_count("1.3.5", 3)};
	struct result *r = score_ok(s, f, 1);
	assert_int_equal(node_deduction(r, "1.3.5"), 0);
	assert_int_equal(node_score(r, "1.3"), POINTS(200));
	assert_int_equal(r->total, POINTS(1000));
	result_free(r);
	scheme_free(s);
}

/* 1.1.3 "…并明确相关职责。20分": a judged deduction above 20 is rejected,
 * naming the item and the value. */
static void test_department_judged_1_1_3_above_20_rejected(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding f[] = {f_deduct("1.1.3", 2001)};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.1.3");
	assert_contains(msg, "20.01");
	free(msg);
	/* 20 itself is accepted: 1.1 = 150 − 20 = 130. */
	struct finding ok[] = {f_deduct("1.1.3", POINTS(20))};
	struct result *r = score_ok(s, ok, 1);
	assert_int_equal(node_score(r, "1.1"), POINTS(130));
	result_free(r);
	scheme_free(s);
}

/* 1.1.1 states no points: judged, bounded by its category's 150. 150 is
 * accepted (1.1 = 0), 150.01 rejected. */
static void test_department_judged_1_1_1_bounded_by_150(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding ok[] = {f_deduct("1.1.1", POINTS(150))};
	struct result *r = score_ok(s, ok, 1);
	assert_int_equal(node_score(r, "1.1"), 0);
	result_free(r);
	struct finding bad[] = {f_deduct("1.1.1", 15001)};
	struct unit_input in = {.findings = bad, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.1.1");
	assert_contains(msg, "150.01");
	free(msg);
	scheme_free(s);
}

/* 1.2 (50): "未制定的，扣20分" + "未做到“三个同时”的，扣20分" + "每少组织开展1次，
 * 扣15分。最高可扣30分" 2 → 30: 70 > 50 → 0. */
static void test_department_1_2_deductions_over_50_floor_at_0(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding f[] = {f_cond("1.2.1", COND(1)), f_cond("1.2.2", COND(1)),
			      f_count("1.2.3", 2), f_count("1.3.5", 2)};
	struct result *r = score_ok(s, f, 4);
	assert_int_equal(node_score(r, "1.2"), 0);
	assert_int_equal(r->total, POINTS(950));
	result_free(r);
	scheme_free(s);
}

/* ------------------------------------------------------------------ */
/* 4. Full totals, grades, vetoes                                      */
/* ------------------------------------------------------------------ */

/* A full county, part by part:
 * 1 党委层面 (1.1, 100):
 *   1.1.1 "未落实扣10分" → 10; 1.1.4 "每少落实1次，扣5分" 1 → 5;
 *   1.1.8 "每有一地未落实，扣4分" 2 → 8; 1.1.9 "少一次扣3分" 1 → 3.
 *   100 − 26 = 74.
 * 2 政府层面:
 *   2.1.1 (40): 2.1.1.1 "每发现一地扣2分" 1 → 2; 2.1.1.2.1 5 → cap 4;
 *     2.1.1.3 "每少召开一次扣2分" 2 → 4: 40 − 10 = 30.
 *   2.1.2 (20): 2.1.2.2 "每发现一地未落实，扣2分" 1 → 2: 18.
 *   2.1.3 (20): "未落实的每项扣4分" 1 → 4: 16.  2.1.4: nothing, 20.
 *   2.1 = 30 + 18 + 16 + 20 = 84.
 *   2.2: sheets 94 and 85 (see the two-sheet test) → 89.5.
 *   2.3: sheets 100, 95, 94 → 96.33.
 *   2 = 84 + 89.5 + 96.33 = 269.83.
 * 3 行政执法: 92.
 * 4 行业专项: 非煤矿山 85 → 8.5, the other 19 at 90 → 171: 179.5.
 * 5 日常考核: judged 6 + 4.5 → 300 − 10.5 = 289.5.
 * Total = 74 + 269.83 + 92 + 179.5 + 289.5 = 904.83 → 优秀 (≥ 900). */
static void test_county_full_total_904_83_excellent(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	memset(&c, 0, sizeof c);
	add_f(&c, f_cond("1.1.1", COND(1)));
	add_f(&c, f_count("1.1.4", 1));
	add_f(&c, f_count("1.1.8", 2));
	add_f(&c, f_count("1.1.9", 1));
	add_f(&c, f_count("2.1.1.1", 1));
	add_f(&c, f_count("2.1.1.2.1", 5));
	add_f(&c, f_count("2.1.1.3", 2));
	add_f(&c, f_count("2.1.2.2", 1));
	add_f(&c, f_count("2.1.3.1", 1));
	add_f(&c, f_count("2.1.4.1", 0));
	add_f(&c, f_score("3", POINTS(92)));
	add_industries(&c, POINTS(90), "4.1.1");
	add_f(&c, f_score("4.1.1", POINTS(85)));
	add_f(&c, f_deduct("5.1", POINTS(6)));
	add_f(&c, f_deduct("5.3", 450));
	struct finding da[] = {f_count("2.2.1.3", 1), f_cond("2.2.2.3", COND(1) | COND(3))};
	struct finding db[] = {f_cond("2.2.1.1", COND(1)), f_cond("2.2.2.7", COND(1) | COND(2))};
	struct finding e2[] = {f_cond("2.3.2.5", COND(1))};
	struct finding e3[] = {f_cond("2.3.2.3", COND(1)), f_cond("2.3.2.4", COND(1) | COND(2))};
	add_sheet(&c, "2.2", "示例县交通运输局", da, 2);
	add_sheet(&c, "2.2", "示例县教育局", db, 2);
	add_sheet(&c, "2.3", "示例化工有限公司", NULL, 0);
	add_sheet(&c, "2.3", "示例建材有限公司", e2, 1);
	add_sheet(&c, "2.3", "示例矿业有限公司", e3, 2);
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(node_score(r, "1"), POINTS(74));
	assert_int_equal(node_score(r, "2.1"), POINTS(84));
	assert_int_equal(node_score(r, "2.2"), 8950);
	assert_int_equal(node_score(r, "2.3"), 9633);
	assert_int_equal(node_score(r, "2"), 26983);
	assert_int_equal(node_score(r, "3"), POINTS(92));
	assert_int_equal(node_score(r, "4"), 17950);
	assert_int_equal(node_score(r, "5"), 28950);
	assert_int_equal(r->total, 90483);
	assert_false(r->incomplete);
	assert_int_equal(r->nvetoes, 0);
	assert_int_equal(r->by_score, GRADE_EXCELLENT);
	assert_int_equal(r->proposed, GRADE_EXCELLENT);
	result_free(r);
	scheme_free(s);
}

/* A full department, part by part:
 * 1.1 (150): 1.1.3 judged 5; 1.1.4 "每少落实1次，扣10分" 1 → 10;
 *   1.1.5 "每少1人次扣10分" 2 → 20: 150 − 35 = 115.
 * 1.2 (50): 1.2.3 "每少组织开展1次，扣15分" 1 → 15: 35.
 * 1.3 (200): 1.3.1 "1项扣10分" 1 → 10; 1.3.2 2 → 20; 1.3.5 one campaign earns
 *   20 of 40 → 20: 200 − 50 = 150.
 * 1.4 (100): 1.4.2 judged 3; 1.4.7 "每少组织开展1次，扣2分" 1 → 2;
 *   1.4.8 "未落实的扣20分" → 20: 75.
 * 部门工作 = 115 + 35 + 150 + 75 = 375.
 * 2 安委办日常考核 (300): 2.1 judged 12.5 + 2.3 judged 7.5 → 280.
 * 3 综合监管日常考核 (200): 3.2 judged 10 → 190.
 * Total = 375 + 280 + 190 = 845 → 良好 (800 ≤ 845 < 900). */
static void test_department_full_total_845_good(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding f[] = {
		f_deduct("1.1.3", POINTS(5)), f_count("1.1.4", 1), f_count("1.1.5", 2),
		f_count("1.2.3", 1),
		f_count("1.3.1", 1), f_count("1.3.2", 2), f_count("1.3.5", 1),
		f_deduct("1.4.2", POINTS(3)), f_count("1.4.7", 1), f_cond("1.4.8", COND(1)),
		f_deduct("2.1", 1250), f_deduct("2.3", 750),
		f_deduct("3.2", POINTS(10)),
	};
	struct result *r = score_ok(s, f, 13);
	assert_int_equal(node_score(r, "1.1"), POINTS(115));
	assert_int_equal(node_score(r, "1.2"), POINTS(35));
	assert_int_equal(node_score(r, "1.3"), POINTS(150));
	assert_int_equal(node_score(r, "1.4"), POINTS(75));
	assert_int_equal(node_score(r, "1"), POINTS(375));
	assert_int_equal(node_score(r, "2"), POINTS(280));
	assert_int_equal(node_score(r, "3"), POINTS(190));
	assert_int_equal(r->total, POINTS(845));
	assert_int_equal(r->by_score, GRADE_GOOD);
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	scheme_free(s);
}

/* "以上包括本数": 900.00 → 优秀, 899.99 → 良好; 800 → 良好, 799.99 → 合格;
 * 600 → 合格, 599.99 → 不合格. */
static void test_grade_thresholds_are_inclusive(void **state)
{
	(void)state;
	const char *names[] = {"qhd-2016-county", "qhd-2016-department"};
	for (int k = 0; k < 2; k++) {
		struct scheme *s = builtin(names[k]);
		assert_int_equal(grade_by_score(s, 90000), GRADE_EXCELLENT);
		assert_int_equal(grade_by_score(s, 89999), GRADE_GOOD);
		assert_int_equal(grade_by_score(s, 80000), GRADE_GOOD);
		assert_int_equal(grade_by_score(s, 79999), GRADE_PASS);
		assert_int_equal(grade_by_score(s, 60000), GRADE_PASS);
		assert_int_equal(grade_by_score(s, 59999), GRADE_FAIL);
		assert_int_equal(grade_by_score(s, 0), GRADE_FAIL);
		assert_int_equal(grade_by_score(s, POINTS(1000)), GRADE_EXCELLENT);
		scheme_free(s);
	}
}

/* The same boundary through scored results: 日常考核 judged 100 → 1000 − 100
 * = 900.00 → 优秀; with 行政执法 99.99 as well → 899.99 → 良好. */
static void test_county_result_900_excellent_899_99_good(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	county_full_marks(&c);
	add_f(&c, f_deduct("5.1", POINTS(100)));
	struct unit_input in = county_input(&c);
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(r->total, POINTS(900));
	assert_int_equal(r->proposed, GRADE_EXCELLENT);
	result_free(r);

	c.f[0] = f_score("3", 9999);
	in = county_input(&c);
	r = score_in_ok(s, &in);
	assert_int_equal(r->total, 89999);
	assert_int_equal(r->by_score, GRADE_GOOD);
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	scheme_free(s);
}

/* A county at 950 (日常考核 judged 50) with the given accidents and flags. */
static struct result *county_950_with(const struct scheme *s, const struct accident *a,
				      int na, unsigned flags, struct county_in *c)
{
	county_full_marks(c);
	add_f(c, f_deduct("5.2", POINTS(50)));
	struct unit_input in = county_input(c);
	in.accidents = a;
	in.naccidents = na;
	in.flags = flags;
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(r->total, POINTS(950));
	assert_int_equal(r->by_score, GRADE_EXCELLENT);
	return r;
}

/* 五（一）1 "对发生较大以上安全生产…事故或累计死亡3人以上（含3人）的县区…实行安全生产
 * 工作“一票否决”，受到“一票否决”的单位即为安全生产目标管理不合格单位。"
 * One accident with 3 deaths is 较大 (国务院令第493号: 3 ≤ d < 10) → 不合格 at 950. */
static void test_county_larger_accident_fails_even_at_950(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct accident a[] = {{.deaths = 3}};
	struct result *r = county_950_with(s, a, 1, 0, &c);
	assert_true(has_veto(r, "V1"));
	assert_true(has_veto(r, "V2"));
	assert_int_equal(r->proposed, GRADE_FAIL);
	/* The veto does not change the score. */
	assert_int_equal(r->total, POINTS(950));
	result_free(r);
	scheme_free(s);
}

/* A 较大 accident by serious injuries alone (10 ≤ s < 50), no deaths → 不合格. */
static void test_county_larger_accident_by_injuries_fails(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct accident a[] = {{.injuries = 10}};
	struct result *r = county_950_with(s, a, 1, 0, &c);
	assert_true(has_veto(r, "V1"));
	assert_false(has_veto(r, "V2"));
	assert_int_equal(r->proposed, GRADE_FAIL);
	result_free(r);
	scheme_free(s);
}

/* 较大 by direct loss: 10,000,000 yuan (1000万元以上 includes the number) → 不合格;
 * 9,999,999 yuan with no casualties is 一般, and one 一般 accident bars nothing. */
static void test_county_larger_accident_by_loss_fails(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct accident a[] = {{.loss = 10000000}};
	struct result *r = county_950_with(s, a, 1, 0, &c);
	assert_true(has_veto(r, "V1"));
	assert_int_equal(r->proposed, GRADE_FAIL);
	result_free(r);
	struct accident b[] = {{.loss = 9999999}};
	r = county_950_with(s, b, 1, 0, &c);
	assert_int_equal(r->nvetoes, 0);
	assert_int_equal(r->proposed, GRADE_EXCELLENT);
	result_free(r);
	scheme_free(s);
}

/* "累计死亡3人以上（含3人）": two 一般 accidents, 1 + 2 deaths = 3 → 不合格. */
static void test_county_three_deaths_in_total_fails(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct accident a[] = {{.deaths = 1}, {.deaths = 2}};
	struct result *r = county_950_with(s, a, 2, 0, &c);
	assert_false(has_veto(r, "V1"));
	assert_true(has_veto(r, "V2"));
	assert_int_equal(r->proposed, GRADE_FAIL);
	result_free(r);
	scheme_free(s);
}

/* 五（一）2 "（1）发生2起以上（含2起）一般事故的" → not 优秀: two accidents of 1 death
 * each (2 in total, under 3) → 良好 at 950. */
static void test_county_two_general_accidents_at_most_good(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct accident a[] = {{.deaths = 1}, {.deaths = 1}};
	struct result *r = county_950_with(s, a, 2, 0, &c);
	assert_true(has_veto(r, "E1"));
	assert_false(has_veto(r, "V2"));
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	scheme_free(s);
}

/* One 一般 accident alone bars nothing: still 优秀. */
static void test_county_one_general_accident_keeps_excellent(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct accident a[] = {{.deaths = 2}};
	struct result *r = county_950_with(s, a, 1, 0, &c);
	assert_int_equal(r->nvetoes, 0);
	assert_int_equal(r->proposed, GRADE_EXCELLENT);
	result_free(r);
	scheme_free(s);
}

/* An excellence veto only caps: at 850 (良好 by score) two 一般 accidents leave
 * 良好; at 700 (合格) they leave 合格. */
static void test_county_excellence_veto_does_not_raise_or_lower_below_good(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct accident a[] = {{.deaths = 1}, {.injuries = 2}};
	county_full_marks(&c);
	add_f(&c, f_deduct("5.2", POINTS(150)));
	struct unit_input in = county_input(&c);
	in.accidents = a;
	in.naccidents = 2;
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(r->total, POINTS(850));
	assert_true(has_veto(r, "E1"));
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);

	c.f[c.nf - 1] = f_deduct("5.2", POINTS(300));
	in = county_input(&c);
	in.accidents = a;
	in.naccidents = 2;
	r = score_in_ok(s, &in);
	assert_int_equal(r->total, POINTS(700));
	assert_int_equal(r->proposed, GRADE_PASS);
	result_free(r);
	scheme_free(s);
}

/* "（4）瞒报、谎报、漏报生产安全事故的": a concealed accident → at most 良好. */
static void test_county_concealed_accident_at_most_good(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct accident a[] = {{.injuries = 1, .concealed = true}};
	struct result *r = county_950_with(s, a, 1, 0, &c);
	assert_true(has_veto(r, "E4"));
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	scheme_free(s);
}

/* The same through the recorded flag FLAG_MISREPORTED (谎报 recorded by the office). */
static void test_county_misreported_flag_at_most_good(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct result *r = county_950_with(s, NULL, 0, FLAG_MISREPORTED, &c);
	assert_true(has_veto(r, "E4"));
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	scheme_free(s);
}

/* "（5）在考核中提供不真实情况，弄虚作假的" → FLAG_FALSIFIED → at most 良好. */
static void test_county_falsified_flag_at_most_good(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct result *r = county_950_with(s, NULL, 0, FLAG_FALSIFIED, &c);
	assert_true(has_veto(r, "E5"));
	assert_int_equal(r->nvetoes, 1);
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	scheme_free(s);
}

/* "（2）发生事故后未按照有关规定或应急预案抢险救援…" and "（3）…重大负面影响的". */
static void test_county_rescue_and_impact_flags_at_most_good(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct county_in c;
	struct result *r = county_950_with(s, NULL, 0, FLAG_RESCUE_FAILURE, &c);
	assert_true(has_veto(r, "E2"));
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	r = county_950_with(s, NULL, 0, FLAG_NEGATIVE_IMPACT, &c);
	assert_true(has_veto(r, "E3"));
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	scheme_free(s);
}

/* The department's vetoes are the same (五（一）"县区、市有关部门（单位）"):
 * a department at 1000 with a 较大 accident → 不合格; falsified → 良好. */
static void test_department_vetoes(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding f[] = {f_count("1.3.5", 2)};
	struct accident a[] = {{.deaths = 4}};
	struct unit_input in = {.findings = f, .nfindings = 1, .accidents = a, .naccidents = 1};
	struct result *r = score_in_ok(s, &in);
	assert_int_equal(r->total, POINTS(1000));
	assert_int_equal(r->proposed, GRADE_FAIL);
	result_free(r);
	struct unit_input in2 = {.findings = f, .nfindings = 1, .flags = FLAG_FALSIFIED};
	r = score_in_ok(s, &in2);
	assert_int_equal(r->proposed, GRADE_GOOD);
	result_free(r);
	scheme_free(s);
}

/* ------------------------------------------------------------------ */
/* 5. Rejections naming the item and the value                         */
/* ------------------------------------------------------------------ */

static void test_reject_negative_count(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("1.1.4", -1)};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.1.4");
	assert_contains(msg, "-1");
	free(msg);
	scheme_free(s);
}

/* 2.2.2.3 has three conditions ("未制定计划的…；未按照计划组织实施的…；实施不到位的…");
 * condition 4 on a county-department sheet is rejected. */
static void test_reject_condition_4_on_three_condition_item(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding a[] = {f_cond("2.2.2.3", COND(1) | COND(4))};
	struct sheet_input sh[] = {{"2.2", "示例县交通运输局", a, 1}};
	struct unit_input in = {.sheets = sh, .nsheets = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "2.2.2.3");
	assert_contains(msg, "2.2.2.3 没有情形 4（只有 3 种情形）");
	assert_contains(msg, "示例县交通运输局");
	free(msg);
	scheme_free(s);
}

/* A fixed item has one condition: condition 2 on 1.1.1 is rejected. */
static void test_reject_condition_2_on_fixed_item(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_cond("1.1.1", COND(2))};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.1.1");
	assert_contains(msg, "1.1.1 没有情形 2（只有 1 种情形）");
	free(msg);
	scheme_free(s);
}

/* 日常考核 judged bound is the part's 300: 300.01 on 5.1 is rejected. */
static void test_reject_judged_deduction_above_bound(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_deduct("5.1", 30001)};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "5.1");
	assert_contains(msg, "300.01");
	free(msg);
	scheme_free(s);
}

/* 综合监管日常考核 is 200 points: a judged 200.01 on 3.1 is rejected. */
static void test_reject_department_daily_judged_above_200(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding f[] = {f_deduct("3.1", 20001)};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "3.1");
	assert_contains(msg, "200.01");
	free(msg);
	scheme_free(s);
}

static void test_reject_negative_judged_deduction(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-department");
	struct finding f[] = {f_deduct("1.4.3", -100)};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.4.3");
	assert_contains(msg, "-1");
	free(msg);
	scheme_free(s);
}

/* 行政执法 is out of 100: 101 is rejected. */
static void test_reject_entered_score_101(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_score("3", POINTS(101))};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "3 的得分");
	assert_contains(msg, "101");
	free(msg);
	scheme_free(s);
}

/* An industry score 100.01 is rejected too. */
static void test_reject_industry_score_above_100(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_score("4.12", 10001)};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "4.12");
	assert_contains(msg, "100.01");
	free(msg);
	scheme_free(s);
}

/* 2.2.1.1 belongs to a sampled county department's sheet, not the county's own. */
static void test_reject_county_department_item_on_own_sheet(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_cond("2.2.1.1", COND(1))};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "2.2.1.1");
	assert_contains(msg, "2.2");
	free(msg);
	scheme_free(s);
}

/* An enterprise item on a county-department sheet is rejected too. */
static void test_reject_enterprise_item_on_department_sheet(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding a[] = {f_cond("2.3.3.1", COND(1))};
	struct sheet_input sh[] = {{"2.2", "示例县交通运输局", a, 1}};
	struct unit_input in = {.sheets = sh, .nsheets = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "2.3.3.1");
	free(msg);
	scheme_free(s);
}

/* A party-committee item on a sheet is rejected. */
static void test_reject_own_item_on_sheet(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding a[] = {f_count("1.1.4", 1)};
	struct sheet_input sh[] = {{"2.3", "示例化工有限公司", a, 1}};
	struct unit_input in = {.sheets = sh, .nsheets = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.1.4");
	free(msg);
	scheme_free(s);
}

/* A sheet against a part that is not sampled (2.1 政府工作). */
static void test_reject_sheet_for_non_sheets_node(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct sheet_input sh[] = {{"2.1", "示例镇", NULL, 0}};
	struct unit_input in = {.sheets = sh, .nsheets = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "2.1");
	free(msg);
	scheme_free(s);
}

/* 1.1 has nine rows: 1.1.10 does not exist. */
static void test_reject_unknown_code(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("1.1.10", 1)};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.1.10");
	free(msg);
	scheme_free(s);
}

static void test_reject_duplicate_finding(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("1.1.4", 1), f_count("1.1.4", 2)};
	struct unit_input in = {.findings = f, .nfindings = 2};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.1.4");
	assert_contains(msg, "重复");
	free(msg);
	scheme_free(s);
}

/* A duplicate within one sheet is rejected; the same item on two sheets is not. */
static void test_reject_duplicate_on_one_sheet_only(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding a[] = {f_count("2.2.1.2", 1), f_count("2.2.1.2", 1)};
	struct sheet_input sh[] = {{"2.2", "示例县教育局", a, 2}};
	struct unit_input in = {.sheets = sh, .nsheets = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "2.2.1.2");
	assert_contains(msg, "重复");
	free(msg);

	struct finding b[] = {f_count("2.2.1.2", 1)};
	struct sheet_input ok[] = {{"2.2", "示例县教育局", b, 1}, {"2.2", "示例县卫生局", b, 1}};
	struct unit_input in2 = {.sheets = ok, .nsheets = 2};
	struct result *r = score_in_ok(s, &in2);
	/* Each sheet 100 − 2 = 98; mean 98. */
	assert_int_equal(node_score(r, "2.2"), POINTS(98));
	result_free(r);
	scheme_free(s);
}

/* The wrong form of input: a count on a fixed item, a score on a per item. */
static void test_reject_wrong_input_form(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("1.1.1", 1)};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	/* 1.1.1 "未落实扣10分" takes a condition number, not a count */
	assert_contains(msg, "1.1.1 的规则是「未落实扣10分」，应录入情形编号，而不是次数");
	free(msg);
	struct finding g[] = {f_score("1.1.4", POINTS(5))};
	in = (struct unit_input){.findings = g, .nfindings = 1};
	msg = score_bad(s, &in);
	/* 1.1.4 "每少落实1次，扣5分。最高可扣10分" takes a count */
	assert_contains(msg, "1.1.4 的规则是「每次扣5分，最高扣10分」，应录入次数，而不是得分");
	free(msg);
	scheme_free(s);
}

/* 行政执法 has no not-applicable policy: n/a on 3 is rejected. */
static void test_reject_na_on_enforcement(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_na("3")};
	struct unit_input in = {.findings = f, .nfindings = 1};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "3（行政执法）不能标为不适用");
	assert_contains(msg, "不适用");
	free(msg);
	scheme_free(s);
}

/* Every bad finding is reported, not just the first. */
static void test_reject_reports_every_bad_finding(void **state)
{
	(void)state;
	struct scheme *s = builtin("qhd-2016-county");
	struct finding f[] = {f_count("1.1.4", -2), f_score("3", POINTS(101)),
			      f_count("9.9", 1)};
	struct unit_input in = {.findings = f, .nfindings = 3};
	char *msg = score_bad(s, &in);
	assert_contains(msg, "1.1.4");
	assert_contains(msg, "101");
	assert_contains(msg, "9.9");
	free(msg);
	scheme_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* 1. structure */
		cmocka_unit_test(test_county_root_is_1000_in_five_parts),
		cmocka_unit_test(test_county_categories_points_and_item_counts),
		cmocka_unit_test(test_county_2_1_1_2_is_group_of_two_sub_items),
		cmocka_unit_test(test_county_reconstructed_nodes_are_marked),
		cmocka_unit_test(test_county_department_and_enterprise_parts_are_sheets),
		cmocka_unit_test(test_county_twenty_industries_of_ten_points),
		cmocka_unit_test(test_county_enforcement_and_daily_parts),
		cmocka_unit_test(test_county_every_leaf_has_text_and_rule),
		cmocka_unit_test(test_department_every_leaf_has_text_and_rule),
		cmocka_unit_test(test_county_rule_types_match_wording),
		cmocka_unit_test(test_schemes_have_thresholds_and_seven_vetoes),
		cmocka_unit_test(test_department_root_and_categories),
		cmocka_unit_test(test_department_rule_types_match_wording),
		/* 2. county items */
		cmocka_unit_test(test_county_1_1_4_three_missed_meetings_capped_at_10),
		cmocka_unit_test(test_county_1_1_4_one_missed_meeting_is_5),
		cmocka_unit_test(test_county_1_1_every_row_at_cap_leaves_10),
		cmocka_unit_test(test_county_2_1_1_2_1_five_places_capped_at_4),
		cmocka_unit_test(test_county_2_1_1_group_deduction_is_sum_of_sub_items),
		cmocka_unit_test(test_county_2_1_4_all_seven_periods_missing_gives_0),
		cmocka_unit_test(test_county_department_sheet_2_2_2_3_conditions_1_and_3),
		cmocka_unit_test(test_county_department_work_mean_of_two_sheets),
		cmocka_unit_test(test_county_department_work_mean_of_three_rounds_up),
		cmocka_unit_test(test_county_enterprise_work_mean_of_three_rounds_down),
		cmocka_unit_test(test_county_enterprise_sheet_worst_case),
		cmocka_unit_test(test_county_industry_85_counts_8_5),
		cmocka_unit_test(test_county_industry_weighting_rounds_half_up),
		cmocka_unit_test(test_county_haigang_4_1_is_mean_of_noncoal_and_coal),
		cmocka_unit_test(test_county_haigang_mean_rounds_half_up),
		cmocka_unit_test(test_county_haigang_mean_taken_before_weighting),
		cmocka_unit_test(test_county_without_coal_4_1_equals_4_1_1),
		cmocka_unit_test(test_county_industry_na_rescales_part_4),
		cmocka_unit_test(test_county_two_industries_na_rescale),
		cmocka_unit_test(test_county_enforcement_entered_92),
		cmocka_unit_test(test_county_missing_enforcement_is_incomplete),
		cmocka_unit_test(test_county_no_department_sheet_is_incomplete),
		cmocka_unit_test(test_county_missing_industry_is_incomplete),
		cmocka_unit_test(test_county_daily_judged_deductions),
		/* 3. department items */
		cmocka_unit_test(test_department_1_1_deductions_over_150_floor_at_0),
		cmocka_unit_test(test_department_1_3_no_campaign_loses_40),
		cmocka_unit_test(test_department_1_3_zero_campaigns_loses_40),
		cmocka_unit_test(test_department_1_3_one_campaign_loses_20),
		cmocka_unit_test(test_department_1_3_three_campaigns_capped_at_40),
		cmocka_unit_test(test_department_judged_1_1_3_above_20_rejected),
		cmocka_unit_test(test_department_judged_1_1_1_bounded_by_150),
		cmocka_unit_test(test_department_1_2_deductions_over_50_floor_at_0),
		/* 4. totals, grades, vetoes */
		cmocka_unit_test(test_county_full_total_904_83_excellent),
		cmocka_unit_test(test_department_full_total_845_good),
		cmocka_unit_test(test_grade_thresholds_are_inclusive),
		cmocka_unit_test(test_county_result_900_excellent_899_99_good),
		cmocka_unit_test(test_county_larger_accident_fails_even_at_950),
		cmocka_unit_test(test_county_larger_accident_by_injuries_fails),
		cmocka_unit_test(test_county_larger_accident_by_loss_fails),
		cmocka_unit_test(test_county_three_deaths_in_total_fails),
		cmocka_unit_test(test_county_two_general_accidents_at_most_good),
		cmocka_unit_test(test_county_one_general_accident_keeps_excellent),
		cmocka_unit_test(test_county_excellence_veto_does_not_raise_or_lower_below_good),
		cmocka_unit_test(test_county_concealed_accident_at_most_good),
		cmocka_unit_test(test_county_misreported_flag_at_most_good),
		cmocka_unit_test(test_county_falsified_flag_at_most_good),
		cmocka_unit_test(test_county_rescue_and_impact_flags_at_most_good),
		cmocka_unit_test(test_department_vetoes),
		/* 5. rejections */
		cmocka_unit_test(test_reject_negative_count),
		cmocka_unit_test(test_reject_condition_4_on_three_condition_item),
		cmocka_unit_test(test_reject_condition_2_on_fixed_item),
		cmocka_unit_test(test_reject_judged_deduction_above_bound),
		cmocka_unit_test(test_reject_department_daily_judged_above_200),
		cmocka_unit_test(test_reject_negative_judged_deduction),
		cmocka_unit_test(test_reject_entered_score_101),
		cmocka_unit_test(test_reject_industry_score_above_100),
		cmocka_unit_test(test_reject_county_department_item_on_own_sheet),
		cmocka_unit_test(test_reject_enterprise_item_on_department_sheet),
		cmocka_unit_test(test_reject_own_item_on_sheet),
		cmocka_unit_test(test_reject_sheet_for_non_sheets_node),
		cmocka_unit_test(test_reject_unknown_code),
		cmocka_unit_test(test_reject_duplicate_finding),
		cmocka_unit_test(test_reject_duplicate_on_one_sheet_only),
		cmocka_unit_test(test_reject_wrong_input_form),
		cmocka_unit_test(test_reject_na_on_enforcement),
		cmocka_unit_test(test_reject_reports_every_bad_finding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
