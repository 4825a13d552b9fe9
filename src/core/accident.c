/* accident.c: classification by 国务院令第493号 第三条.
 *
 * "以上"包括本数，"以下"不包括本数: 3 deaths is 较大, 2 is 一般. */
#include "accident.h"

#include <string.h>

enum accident_grade accident_classify(long long deaths, long long injuries,
				      long long loss)
{
	if (deaths >= 30 || injuries >= 100 || loss >= 100000000LL)
		return ACCIDENT_EXTRAORDINARY;
	if (deaths >= 10 || injuries >= 50 || loss >= 50000000LL)
		return ACCIDENT_MAJOR;
	if (deaths >= 3 || injuries >= 10 || loss >= 10000000LL)
		return ACCIDENT_LARGER;
	return ACCIDENT_GENERAL;
}

enum accident_grade accident_grade_of(const struct accident *a)
{
	return a->graded ? a->grade : accident_classify(a->deaths, a->injuries, a->loss);
}

void accident_summarize(const struct accident *a, int n, struct accident_summary *out)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < n; i++) {
		out->count[accident_grade_of(&a[i])]++;
		out->total++;
		out->deaths += a[i].deaths;
		if (a[i].concealed || a[i].false_report || a[i].omitted)
			out->misreported = true;
	}
}

int accident_figures_check(long long deaths, long long injuries, long long loss, struct buf *why,
			   const char **field)
{
	if (deaths < 0 || injuries < 0 || loss < 0) {
		*field = deaths < 0 ? "deaths" : injuries < 0 ? "injuries" : "loss";
		buf_puts(why, "死亡人数、重伤人数和直接经济损失不能为负数");
		return -1;
	}
	if (deaths > ACCIDENT_MAX_PEOPLE || injuries > ACCIDENT_MAX_PEOPLE || loss > ACCIDENT_MAX_LOSS) {
		*field = loss > ACCIDENT_MAX_LOSS ? "loss" : deaths > ACCIDENT_MAX_PEOPLE ? "deaths" : "injuries";
		buf_printf(why, "死亡、重伤人数不能超过 %lld，直接经济损失不能超过 %lld 元", ACCIDENT_MAX_PEOPLE,
			   ACCIDENT_MAX_LOSS);
		return -1;
	}
	return 0;
}
