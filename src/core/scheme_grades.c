/* scheme_grades.c: a scheme's `grades`: the thresholds, quotas and the
 * grades' names — the four standard ones (优秀, 良好, 合格, 不合格) or the
 * scheme's own (一级, 二级, 三级; 达标, 基本达标, 不达标). */
#include "scheme_check.h"
#include "period.h"
#include "ytree.h"

#include <stdlib.h>
#include <string.h>

/* The four grades' standard names (优秀, 良好, 合格, 不合格). */
static void grade_names_standard(struct scheme *s)
{
	for (int i = 0; i < GRADE_COUNT; i++)
		s->grade_names[i] = xstrdup(grade_name((enum grade)i));
}

void scheme_parse_grades(struct scheme_ctx *c, const struct ynode *y, struct scheme *s)
{
	if (!y) {
		/* doc/domain.md item 8: 900/800/600 of 1000, i.e. 90%, 80% and
		 * 60% of the scheme's points (a year of summed periods: of the
		 * year's, scheme_year_points), rounded half up. */
		static const int pct[] = {90, 80, 60};
		for (int i = 0; i < GRADE_COUNT; i++) {
			s->grades[i].grade = (enum grade)i;
			s->grades[i].has_min = i < 3;
			s->grades[i].min = i < 3 ? points_muldiv(scheme_year_points(s), pct[i], 100) : 0;
			s->grades[i].quota_pct = -1;
		}
		s->ngrades = GRADE_COUNT;
		s->grades_default = true;
		grade_names_standard(s);
		return;
	}
	if (y->type != Y_SEQ || y->n < 2 || y->n > GRADE_COUNT) {
		scheme_err(c, y->line, "“grades”必须是 2 到 4 项的列表");
		return;
	}
	/* Names of its own (一级、二级、三级) number the grades so that the
	 * last is GRADE_FAIL; the four standard names keep their values. */
	for (int i = 0; i < y->n; i++) {
		const struct ynode *nm = y->items[i]->type == Y_MAP ? ytree_get(y->items[i], "grade") : NULL;
		if (nm && nm->type == Y_SCALAR && nm->str[0] && grade_parse(nm->str) == GRADE_NONE)
			s->grades_custom = true;
	}
	if (!s->grades_custom)
		grade_names_standard(s);
	for (int i = 0; i < y->n; i++) {
		const struct ynode *g = y->items[i];
		static const char *const keys[] = {"grade", "min", "quota", NULL};
		if (g->type != Y_MAP) {
			scheme_err(c, g->line, "档次必须是映射（grade、min、quota）");
			continue;
		}
		sk_keys(c, g, keys, "档次");
		struct grade_rule *gr = &s->grades[s->ngrades++];
		gr->quota_pct = -1;
		char *name = sk_str(c, g, "grade", 1, "档次");
		if (s->grades_custom) {
			gr->grade = (enum grade)(GRADE_FAIL - (y->n - 1) + i);
			if (name && scheme_grade_parse(s, name) != GRADE_NONE)
				scheme_err(c, g->line, "重复的档次名称“%s”", name);
			s->grade_names[gr->grade] = name ? name : xstrdup("?");
			name = NULL;
		} else {
			gr->grade = name ? grade_parse(name) : GRADE_NONE;
		}
		free(name);
		gr->has_min = sk_points(c, g, "min", 0, "档次", &gr->min) == 1;
		const struct ynode *q = sk_scalar(c, g, "quota", 0, "档次");
		if (q) {
			char *end;
			long pct = strtol(q->str, &end, 10);
			if (q->str[0] < '0' || q->str[0] > '9' || strcmp(end, "%") != 0 ||
			    pct < 0 || pct > 100)
				scheme_err(c, q->line, "“quota”必须写成 0%% 到 100%% 的整数百分比，如 40%%");
			else
				gr->quota_pct = (int)pct;
		}
		if (s->ngrades > 1) {
			struct grade_rule *prev = gr - 1;
			if (gr->grade != GRADE_NONE && prev->grade != GRADE_NONE &&
			    gr->grade <= prev->grade)
				scheme_err(c, g->line, "档次须按 优秀、良好、合格、不合格 的顺序排列");
			if (gr->has_min && prev->has_min && gr->min >= prev->min)
				scheme_err(c, g->line, "档次的最低分须逐级递减");
		}
		if (gr->quota_pct >= 0 && i == y->n - 1)
			scheme_err(c, g->line, "最后一档不能设比例限额 quota");
		if (i < y->n - 1 && !gr->has_min)
			scheme_err(c, g->line, "除最后一档外，每个档次都须写最低分 min");
		if (i == y->n - 1 && gr->has_min)
			scheme_err(c, g->line, "最后一档不写最低分 min（其余分数都归入此档）");
		if (i == y->n - 1 && gr->grade != GRADE_NONE && gr->grade != GRADE_FAIL && !s->grades_custom)
			scheme_err(c, g->line, "最后一档须是 不合格（一票否决评为不合格）");
	}
}
