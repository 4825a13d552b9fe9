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
