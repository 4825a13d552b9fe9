/* test_draft.c: reading a rubric's table into a draft scheme (issue 11).
 * Every expected rule is worked from the rubric sentence quoted beside it;
 * the rows quoted are written in the 2016 rubrics' style. */
#include "testutil.h"
#include "accident_rule.h"

#include "csv.h"
#include "draft.h"

/* Reads one cell of rule text; returns the reading (caller frees). */
static struct draft_reading reading(const char *text, points_t points)
{
	struct draft_reading r;
	draft_rule(text, points, &r);
	return r;
}

/* "每发现1地扣2分，最高可扣10分": 2 per place, at most 10. */
static void per_with_cap(void **state)
{
	(void)state;
	struct draft_reading r = reading("确定班子成员安全生产职责。未制定出台相关文件，每发现1地扣2分，"
				      "最高可扣10分。", POINTS(10));
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_PER);
	assert_int_equal(r.rule.each, POINTS(2));
	assert_true(r.rule.has_cap);
	assert_int_equal(r.rule.cap, POINTS(10));
	assert_string_equal(r.rule.unit, "地");
	draft_reading_free(&r);
	/* "每有一个层（方）面未落实，扣2分。最高扣10分": the unit is the words
	 * counted; the 每 of "每季度" in an earlier sentence is not the count */
	r = reading("每季度至少调研1次。每有一个层（方）面未落实，扣2分。最高扣10分。", -1);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_PER);
	assert_string_equal(r.rule.unit, "个层（方）面");
	assert_int_equal(r.rule.cap, POINTS(10));
	draft_reading_free(&r);
	/* "少一次扣3分，最多可扣9分": a count of one before the deduction */
	r = reading("每个部门不得少于1次。少一次扣3分，最多可扣9分。", -1);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_PER);
	assert_int_equal(r.rule.each, POINTS(3));
	assert_int_equal(r.rule.cap, POINTS(9));
	assert_string_equal(r.rule.unit, "次");
	draft_reading_free(&r);
}

/* "每项扣0.5分，扣完为止": no cap but the item's points. */
static void per_until_exhausted(void **state)
{
	(void)state;
	struct draft_reading r = reading("台账不全的，每项扣0.5分，扣完为止。", POINTS(5));
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_PER);
	assert_int_equal(r.rule.each, 50);
	assert_false(r.rule.has_cap);
	assert_string_equal(r.rule.unit, "项");
	draft_reading_free(&r);
}

/* "未落实的，扣5分": one condition, its words kept. */
static void fixed(void **state)
{
	(void)state;
	struct draft_reading r = reading("部门内部建立“一岗双责”安全生产责任制。未落实的，扣5分。", POINTS(5));
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_FIXED);
	assert_int_equal(r.rule.deduct, POINTS(5));
	assert_string_equal(r.rule.text, "未落实的");
	draft_reading_free(&r);
}

/* "未建立台账的，不得分": the item's points, 8 here. */
static void no_points(void **state)
{
	(void)state;
	struct draft_reading r = reading("建立隐患排查台账。未建立台账的，不得分。", POINTS(8));
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_FIXED);
	assert_int_equal(r.rule.deduct, POINTS(8));
	assert_string_equal(r.rule.text, "未建立台账的");
	draft_reading_free(&r);
	/* without the item's points 不得分 cannot be written */
	r = reading("未建立台账的，不得分。", -1);
	assert_int_equal(r.rule.type, RULE_JUDGED);
	assert_non_null(strstr(r.why, "不得分"));
	draft_reading_free(&r);
}

/* "未制定的，扣3分；未组织实施的，扣3分；…最高扣12分": conditions 1, 2, 3 in
 * the order written, at most 12. */
static void conditions(void **state)
{
	(void)state;
	struct draft_reading r = reading("制定教育和培训计划并组织实施。未制定的，扣3分；未组织实施的，扣3分；"
				      "特种作业人员未持证上岗的，扣4分。最高扣12分。", POINTS(12));
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_CONDITIONS);
	assert_int_equal(r.rule.nconds, 3);
	assert_string_equal(r.rule.conds[0].text, "未制定的");
	assert_int_equal(r.rule.conds[0].deduct, POINTS(3));
	assert_string_equal(r.rule.conds[1].text, "未组织实施的");
	assert_string_equal(r.rule.conds[2].text, "特种作业人员未持证上岗的");
	assert_int_equal(r.rule.conds[2].deduct, POINTS(4));
	assert_true(r.rule.has_cap);
	assert_int_equal(r.rule.cap, POINTS(12));
	draft_reading_free(&r);
}

/* "每开展1项活动加20分，最高可加40分": earned, at most 40. */
static void earn(void **state)
{
	(void)state;
	struct draft_reading r = reading("组织专项整治行动。每开展1项活动得20分，最高可得40分。", POINTS(40));
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_EARN);
	assert_int_equal(r.rule.each, POINTS(20));
	assert_int_equal(r.rule.cap, POINTS(40));
	assert_string_equal(r.rule.unit, "项活动");
	draft_reading_free(&r);
}

/* What must be marked, never guessed. */
static void marked(void **state)
{
	(void)state;
	/* a range for each occurrence is read (issue 11, form 2: range);
	 * one without 每 may be once or per occurrence: judged at most the
	 * cap, and marked */
	struct draft_reading r = reading("每处扣0.5—2分，最高扣10分。", POINTS(10));
	assert_int_equal(r.rule.type, RULE_RANGE);
	assert_int_equal(r.rule.from, 50);
	assert_int_equal(r.rule.to, POINTS(2));
	assert_int_equal(r.rule.cap, POINTS(10));
	assert_string_equal(r.rule.unit, "处");
	assert_string_equal(r.why, "");
	draft_reading_free(&r);
	r = reading("发现问题的扣0.5—2分，最高扣10分。", POINTS(10));
	assert_int_equal(r.rule.type, RULE_JUDGED);
	assert_true(r.rule.has_max);
	assert_int_equal(r.rule.max, POINTS(10));
	assert_non_null(strstr(r.why, "区间（0.5—2分）"));
	draft_reading_free(&r);
	/* one condition with a larger cap reads as per, but the unit is a
	 * person's call */
	r = reading("未组织落实的，扣2分，最高扣10分。", POINTS(10));
	assert_int_equal(r.rule.type, RULE_PER);
	assert_int_equal(r.rule.each, POINTS(2));
	assert_non_null(strstr(r.why, "单个情形"));
	draft_reading_free(&r);
	/* several kinds of clause in one cell (issue 11, form 1) */
	r = reading("未建立台账的，扣5分；台账不全的每缺一项扣1分。", POINTS(10));
	assert_int_equal(r.rule.type, RULE_JUDGED);
	assert_string_not_equal(r.why, "");
	draft_reading_free(&r);
	/* "每季度未召开会议的，扣2分": counted, but what is counted is not
	 * written as a unit after a 1 */
	r = reading("每季度未召开会议的，扣2分，最高扣8分。", POINTS(8));
	assert_int_equal(r.rule.type, RULE_PER);
	assert_non_null(strstr(r.why, "计数单位"));
	draft_reading_free(&r);
	/* a rate in the rubrics' own words is read (issue 11, form 3: rate);
	 * another way of counting a rate is marked */
	r = reading("培训覆盖率达到100%得满分，每降低1个百分点扣0.5分。", POINTS(10));
	assert_int_equal(r.rule.type, RULE_RATE);
	assert_int_equal(r.rule.target, POINTS(100));
	assert_int_equal(r.rule.per, POINTS(1));
	assert_int_equal(r.rule.each, 50);
	assert_string_equal(r.rule.text, "培训覆盖率");
	assert_string_equal(r.why, "");
	draft_reading_free(&r);
	r = reading("培训覆盖率低于90%的扣2分。", POINTS(10));
	assert_int_equal(r.rule.type, RULE_JUDGED);
	assert_non_null(strstr(r.why, "比率"));
	draft_reading_free(&r);
	/* an amount no phrase accounts for */
	r = reading("成立专职安全科室，并明确相关职责。20分", POINTS(20));
	assert_non_null(strstr(r.why, "未写明扣分办法"));
	draft_reading_free(&r);
	/* a score given by another body */
	r = reading("行业专项由各行业主管按百分制打分。", POINTS(10));
	assert_int_equal(r.rule.type, RULE_JUDGED);
	assert_string_not_equal(r.why, "");
	draft_reading_free(&r);
	/* no amount and nothing computed: the team judges (not marked) */
	r = reading("组织本行业领域开展安全生产标准化达标创建活动情况。", POINTS(100));
	assert_int_equal(r.rule.type, RULE_JUDGED);
	assert_false(r.rule.has_max);
	assert_string_equal(r.why, "");
	draft_reading_free(&r);
}

/* Reads a row (own text and method, then its groups', nearest first) as
 * a score entered by another body; returns draft_entered's answer. */
static int entered(const char *own, const char *group, points_t points, struct draft_reading *r)
{
	struct draft_level lv[2] = {{own, ""}, {group ? group : "", ""}};
	return draft_entered(lv, group ? 2 : 1, points, r);
}

/* Scores given by another body, read with certainty. */
static void entered_read(void **state)
{
	(void)state;
	struct draft_reading r;
	/* "行政执法100分（由安全生产监察支队制定细则）": the detachment (监察支队:
	 * enforcement) writes the rules; out of the item's 100 points or out
	 * of a 百分制, the two agree at 100 → {entered, scale 100, enforcement} */
	assert_int_equal(entered("行政执法100分（由安全生产监察支队制定细则）", NULL, POINTS(100), &r), 1);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_ENTERED);
	assert_int_equal(r.rule.scale, POINTS(100));
	assert_int_equal(r.rule.by, BY_ENFORCEMENT);
	draft_reading_free(&r);
	/* "道路交通10分，由公安交警部门（行业主管部门）按百分制打分后折算": the
	 * scorer an industry's authority, the scale said → {entered, 100, industry} */
	assert_int_equal(entered("道路交通10分，由公安交警部门（行业主管部门）按百分制打分后折算。", NULL,
				 POINTS(10), &r), 1);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_ENTERED);
	assert_int_equal(r.rule.scale, POINTS(100));
	assert_int_equal(r.rule.by, BY_INDUSTRY);
	draft_reading_free(&r);
	/* "由市交通运输局执法支队按120分制评分": 执法 → enforcement, 120 */
	assert_int_equal(entered("交通运输执法检查由市交通运输局执法支队按120分制评分。", NULL, POINTS(20),
				 &r), 1);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.scale, POINTS(120));
	assert_int_equal(r.rule.by, BY_ENFORCEMENT);
	draft_reading_free(&r);
	/* the row names no scorer, its part's heading does: "由市安监局业务科室
	 * 对县区打分。…（按百分制）进行打分" → the bureau's section for the
	 * industry, out of 100; "各10分，共110分" are the item's share and sum */
	const char *part = "4.专项考核。非煤矿山、危险化学、烟花爆竹，由市安监局业务科室对县区打分。"
			   "有行业监管职责的部门，对各县区下级部门安全生产工作（按百分制）进行打分。"
			   "最后按一定权重列入总分。";
	assert_int_equal(entered("其中市安监局监管行业非煤矿山、危险化学品和烟花爆竹各10分，共110分", part,
				 POINTS(10), &r), 1);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_ENTERED);
	assert_int_equal(r.rule.scale, POINTS(100));
	assert_int_equal(r.rule.by, BY_INDUSTRY);
	draft_reading_free(&r);
	/* the row's own scorer, the heading's scale: "（由各行业主管打分报安委办，
	 * 记入总分）" under the same heading → industry, 100 */
	assert_int_equal(entered("交通运输、建筑施工各10分，共20分（由各行业主管打分报安委办，记入总分）",
				 part, POINTS(10), &r), 1);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.by, BY_INDUSTRY);
	assert_int_equal(r.rule.scale, POINTS(100));
	draft_reading_free(&r);
	/* the row's own word decides over its group's: the row names an
	 * enforcement body, the heading an industry's */
	assert_int_equal(entered("行政执法（由安全生产执法支队按百分制打分）", part, POINTS(10), &r), 1);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.by, BY_ENFORCEMENT);
	draft_reading_free(&r);
}

/* Near misses: an entered score not certain (marked), or none at all
 * (left to draft_rule). */
static void entered_marked(void **state)
{
	(void)state;
	struct draft_reading r;
	/* "各10分（由各行业主管打分）" alone: out of 10 or out of 100? The
	 * rule is entered (the closest), marked for the scale */
	assert_int_equal(entered("交通运输、建筑施工各10分，共20分（由各行业主管打分报安委办，记入总分）",
				 NULL, POINTS(10), &r), 1);
	assert_int_equal(r.rule.type, RULE_ENTERED);
	assert_int_equal(r.rule.by, BY_INDUSTRY);
	assert_non_null(strstr(r.why, "未写明按几分制"));
	draft_reading_free(&r);
	/* a 百分制 in a sentence that scores nothing (折算) is no scale */
	assert_int_equal(entered("消防（由消防救援机构（行业主管部门）打分）", "本部分各项按百分制折算。",
				 POINTS(10), &r), 1);
	assert_non_null(strstr(r.why, "未写明按几分制"));
	draft_reading_free(&r);
	/* a deduction in the row: the team scores it, not another body */
	assert_int_equal(entered("由行业主管部门打分。未按时报送的，扣2分。", NULL, POINTS(100), &r), 0);
	draft_reading_free(&r);
	/* the team or the office scoring is no other body */
	assert_int_equal(entered("由考核组按百分制打分。", NULL, POINTS(100), &r), 0);
	draft_reading_free(&r);
	/* a body of neither kind named (消防支队): not read, draft_rule marks it */
	assert_int_equal(entered("消防100分（由市消防支队制定细则）", NULL, POINTS(100), &r), 0);
	draft_reading_free(&r);
	r = reading("消防100分（由市消防支队制定细则）", POINTS(100));
	assert_non_null(strstr(r.why, "entered"));
	draft_reading_free(&r);
	/* two kinds of scorer in one text */
	assert_int_equal(entered("由执法支队和行业主管部门共同按百分制打分。", NULL, POINTS(100), &r), 1);
	assert_non_null(strstr(r.why, "不止一类打分单位"));
	draft_reading_free(&r);
	/* "其中20分由监察支队打分": part of the item only; 20 is neither the
	 * item's points nor a share or sum */
	assert_int_equal(entered("行政执法100分，其中20分由安全生产监察支队打分。", NULL, POINTS(100), &r), 1);
	assert_non_null(strstr(r.why, "另有分值（20分）"));
	draft_reading_free(&r);
	/* two scales in one text */
	assert_int_equal(entered("由各行业主管部门按百分制打分（道路交通按120分制打分）。", NULL,
				 POINTS(10), &r), 1);
	assert_non_null(strstr(r.why, "不止一种分制"));
	draft_reading_free(&r);
	/* nothing names a scorer: not an entered score */
	assert_int_equal(entered("组织开展安全生产月活动情况。", "（一）综合工作。主要考核安全生产工作部署情况。", POINTS(10), &r), 0);
	draft_reading_free(&r);
}

/* Drafts text as a table; returns the YAML (caller frees). */
static char *draft(const char *table, struct draft_stats *st)
{
	struct csv t;
	struct diag d = {0};
	if (csv_parse(table, strlen(table), "t.csv", &t, &d) != 0)
		fail_msg("csv: %s", d.msgs[0]);
	struct draft_meta m = {"t", "测试", "county", NULL, 2017};
	struct buf y = {0};
	if (draft_scheme(&t, "t.csv", &m, &y, st, &d) != 0)
		fail_msg("draft: %s", d.msgs[0]);
	csv_free(&t);
	diag_free(&d);
	return buf_take(&y);
}

/* The table: the header in any order, a row without 编号 continuing the
 * one above (a merged cell), the hierarchy from the codes. */
static void table(void **state)
{
	(void)state;
	struct draft_stats st;
	char *y = draft("考核方式,编号,分值,考核项目,考核内容及评分标准\n"
			",1,20,责任落实,\n"
			"查文件,1.1,10,责任制,\"制定责任制。未制定的，扣4分；未落实的，扣6分。\"\n"
			",,,,最高扣10分。\n"
			"查记录,1.2,10,检查,\"每少1次，扣2分，最高扣10分。\"\n"
			"查台账,2,5,培训,视情况扣1—5分。\n", &st);
	assert_int_equal(st.items, 3);
	assert_int_equal(st.read, 2);
	assert_int_equal(st.marked, 1);
	/* the continuation joined the text, so the cap belongs to 1.1 */
	assert_non_null(strstr(y, "text: \"制定责任制。未制定的，扣4分；未落实的，扣6分。\\n最高扣10分。\""));
	assert_non_null(strstr(y, "{type: conditions, cap: 10, conditions: ["));
	assert_non_null(strstr(y, "{type: per, each: 2, cap: 10, unit: \"次\"}"));
	assert_non_null(strstr(y, "draft: \"扣分为区间（1—5分）"));
	assert_non_null(strstr(y, "points: 25\n"));
	/* the draft parses as far as the marks: the only problem is the mark */
	struct diag d = {0};
	struct scheme *s = scheme_parse(y, strlen(y), "t.yaml", &d);
	assert_null(s);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.msgs[0], "草稿标记未处理（节点 2）"));
	assert_non_null(strstr(d.msgs[0], "请核对规则后删除 draft"));
	diag_free(&d);
	free(y);
}

/* 编号 kept as numbers by a spreadsheet: 4.10 reads as 4.1, a duplicate
 * of 4.1; the refusal says so and what to do. */
static void numeric_codes_hint(void **state)
{
	(void)state;
	const char *table = "编号,考核项目,分值,考核内容及评分标准,考核方式\n"
			    "4,专项,20,,\n"
			    "4.1,非煤矿山,10,每少1次，扣2分，最高扣10分。,查记录\n"
			    "4.1,消防,10,每少1次，扣2分，最高扣10分。,查记录\n";
	struct csv t;
	struct diag d = {0};
	assert_int_equal(csv_parse(table, strlen(table), "t.csv", &t, &d), 0);
	struct draft_meta m = {"t", "测试", "county", NULL, 2017};
	struct buf y = {0};
	struct draft_stats st;
	assert_int_not_equal(draft_scheme(&t, "t.csv", &m, &y, &st, &d), 0);
	assert_true(d.n >= 1);
	assert_non_null(strstr(d.msgs[0], "第4行：编号“4.1”重复（第3行已有）"));
	assert_non_null(strstr(d.msgs[0], "4.10 会读成 4.1"));
	buf_free(&y);
	csv_free(&t);
	diag_free(&d);
}

/* A part whose heading row says who scores its rows: each row under it
 * is entered; a part without such a heading stays marked. */
static void entered_table(void **state)
{
	(void)state;
	struct draft_stats st;
	/* 3 "行政执法100分（由安全生产监察支队制定细则）": enforcement, 100.
	 * 4's heading "由各行业主管部门按百分制打分": 4.1 and 4.2 (no scorer of
	 * their own) are industry, 100. 5.1 "（由各行业主管打分）" under a
	 * heading with no scale: 10 points, scale unknown → marked. 6.1 and
	 * 6.2, empty, under "由市安监局业务科室按百分制打分": industry, 100. 5
	 * items read, 1 marked. */
	char *y = draft("编号,考核项目,分值,考核内容及评分标准\n"
			"3,行政执法,100,行政执法100分（由安全生产监察支队制定细则）\n"
			"4,行业专项,20,行业专项由各行业主管部门按百分制打分，按权重计入总分。\n"
			"4.1,交通运输,10,交通运输10分\n"
			"4.2,建筑施工,10,建筑施工10分\n"
			"5,其他行业,10,\n"
			"5.1,旅游,10,旅游10分（由各行业主管打分报安委办，记入总分）\n"
			"6,煤矿和非煤矿山,10,由市安监局业务科室按百分制打分，两项相加取平均值。\n"
			"6.1,煤矿,100,\n"
			"6.2,非煤矿山,100,\n", &st);
	assert_int_equal(st.items, 6);
	assert_int_equal(st.read, 5);
	assert_int_equal(st.marked, 1);
	/* 6: two entered scores of 100 under 10 points: a mean, not a sum nor
	 * deductions; the group is marked, its rows are read */
	assert_int_equal(st.groups_marked, 1);
	assert_non_null(strstr(y, "      - code: \"6.2\"\n        title: \"非煤矿山\"\n        points: 100\n"
			       "        rule: {type: entered, scale: 100, by: industry}\n"));
	assert_non_null(strstr(y, "draft: \"下级有其他单位打分的录入分，而下级分值之和（200分）与本项分值（10分）不等"));
	assert_non_null(strstr(y, "    rule: {type: entered, scale: 100, by: enforcement}\n  - code: \"4\""));
	assert_non_null(strstr(y, "\"交通运输10分\"\n        rule: {type: entered, scale: 100, by: industry}\n"
			       "      - code: \"4.2\""));
	assert_non_null(strstr(y, "\"建筑施工10分\"\n        rule: {type: entered, scale: 100, by: industry}\n"
			       "  - code: \"5\""));
	assert_non_null(strstr(y, "rule: {type: entered, scale: 100, by: industry}\n        draft: \"原文由其他单位打分，"
			       "但未写明按几分制"));
	free(y);
}

/* A YAML string with quotes, backslashes and a line break survives. */
/* Items counted from the accident register, read from the two ways
 * rubrics say it; anything else stays marked. */
static void accidents_read(void **state)
{
	(void)state;
	struct draft_reading r;
	/* "每发生1起一般事故扣5分，最高扣20分": 一般 exactly, 5 per accident, cap 20 */
	draft_rule("每发生1起一般事故扣5分，最高扣20分。", POINTS(20), &r);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_ACCIDENTS);
	assert_true(r.rule.accidents->match.has_grade);
	assert_false(r.rule.accidents->match.min_grade);
	assert_int_equal(r.rule.accidents->match.grade, ACCIDENT_GENERAL);
	assert_int_equal(r.rule.accidents->each, POINTS(5));
	assert_true(r.rule.accidents->has_cap);
	assert_int_equal(r.rule.accidents->cap, POINTS(20));
	draft_reading_free(&r);
	/* "每发生1起较大及以上生产安全事故扣10分": 较大 or worse, 10 each, no cap */
	draft_rule("每发生1起较大及以上生产安全事故扣10分", POINTS(30), &r);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_ACCIDENTS);
	assert_true(r.rule.accidents->match.min_grade);
	assert_int_equal(r.rule.accidents->match.grade, ACCIDENT_LARGER);
	assert_int_equal(r.rule.accidents->each, POINTS(10));
	assert_false(r.rule.accidents->has_cap);
	draft_reading_free(&r);
	/* "发生死亡事故的，本项不得分" (10 分): one death or more, all 10 points */
	draft_rule("发生死亡事故的，本项不得分。", POINTS(10), &r);
	assert_string_equal(r.why, "");
	assert_int_equal(r.rule.type, RULE_ACCIDENTS);
	assert_int_equal(r.rule.accidents->match.min_deaths, 1);
	assert_true(r.rule.accidents->deduct_all);
	draft_reading_free(&r);
	/* near misses stay as they were: 不得分 without the row's points is
	 * marked; a second deduction in the cell is not the register's alone */
	draft_rule("发生死亡事故的，本项不得分。", -1, &r);
	assert_int_not_equal(r.rule.type, RULE_ACCIDENTS);
	draft_reading_free(&r);
	draft_rule("每发生1起一般事故扣5分；未及时上报的，扣3分。", POINTS(20), &r);
	assert_int_not_equal(r.rule.type, RULE_ACCIDENTS);
	draft_reading_free(&r);
	/* 每发生2起 is not a count of single accidents */
	draft_rule("每发生2起一般事故扣5分", POINTS(20), &r);
	assert_int_not_equal(r.rule.type, RULE_ACCIDENTS);
	draft_reading_free(&r);
}

static void quoting(void **state)
{
	(void)state;
	struct buf b = {0};
	draft_yaml_str(&b, "“两节”\"a\\b\"\n第二行: #");
	assert_string_equal(buf_str(&b), "\"“两节”\\\"a\\\\b\\\"\\n第二行: #\"");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(per_with_cap),
		cmocka_unit_test(per_until_exhausted),
		cmocka_unit_test(fixed),
		cmocka_unit_test(no_points),
		cmocka_unit_test(conditions),
		cmocka_unit_test(earn),
		cmocka_unit_test(marked),
		cmocka_unit_test(entered_read),
		cmocka_unit_test(entered_marked),
		cmocka_unit_test(table),
		cmocka_unit_test(numeric_codes_hint),
		cmocka_unit_test(entered_table),
		cmocka_unit_test(accidents_read),
		cmocka_unit_test(quoting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
