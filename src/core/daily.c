/* daily.c: the daily assessment's words and arithmetic. */
#include "daily.h"

#include <string.h>

static const char *const targets[DAILY_TARGETS][2] = {
	{"county", "县区日常考核"}, {"office", "安委办日常考核"}, {"supervision", "综合监管日常考核"},
};
static const char *const kinds[DAILY_KINDS][2] = {
	{"meeting", "参加会议"}, {"feedback", "情况反馈"}, {"report", "信息报送"},
	{"summary", "节点性工作总结"}, {"other", "其它要求上报"},
};
static const char *const outcomes[DAILY_OUTCOMES][2] = {
	{"attended", "参会"}, {"absent", "缺席"}, {"on-time", "按时"}, {"late", "迟报"},
	{"missing", "未报"},
};

static int parse(const char *const (*t)[2], int n, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(t[i][0], s) == 0 || strcmp(t[i][1], s) == 0)
			return i;
	return -1;
}

#define WORDS(name, table, n)                                                   \
	const char *daily_##name##_name(int i) { return i >= 0 && i < n ? table[i][0] : ""; } \
	const char *daily_##name##_title_of(int i) { return i >= 0 && i < n ? table[i][1] : ""; } \
	int daily_##name##_parse(const char *s) { return parse(table, n, s); }

WORDS(target, targets, DAILY_TARGETS)
WORDS(kind, kinds, DAILY_KINDS)
WORDS(outcome, outcomes, DAILY_OUTCOMES)

const char *daily_target_unit(int t)
{
	return t == DAILY_COUNTY ? "county" : "department";
}

int daily_outcome_fits(int kind, int outcome)
{
	int meeting = kind == DAILY_MEETING;
	int attendance = outcome == DAILY_ATTENDED || outcome == DAILY_ABSENT;
	return outcome >= 0 && meeting == attendance;
}

int daily_outcome_costs(int outcome)
{
	return outcome == DAILY_ABSENT || outcome == DAILY_LATE || outcome == DAILY_MISSING;
}

points_t daily_cost(long long times, long long days, points_t deduct, points_t per_day)
{
	return (points_t)times * deduct + (points_t)days * per_day;
}
