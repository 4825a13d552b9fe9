/* scheme_unit.c: the kind of unit a scheme assesses (`unit:`), and the
 * Chinese name of a kind other than county and department (`unit_title:`). */
#include "scheme_check.h"

#include <stdlib.h>
#include <string.h>

#include "unit_rules.h"
#include "ytree.h"

/* Longest title of a kind, in characters. */
#define UNIT_TITLE_MAX 20

void scheme_parse_unit(struct scheme_ctx *c, const struct ynode *top, struct scheme *s)
{
	s->unit = sk_str(c, top, "unit", 1, "方案");
	char *title = sk_str(c, top, "unit_title", 0, "方案");
	const struct ynode *tn = ytree_get(top, "unit_title");
	if (!s->unit) {
		free(title);
		return;
	}
	int line = ytree_get(top, "unit")->line;
	int k = unit_kind_parse(s->unit);
	bool builtin = k == KIND_COUNTY || k == KIND_DEPARTMENT;
	if (builtin && strcmp(s->unit, unit_kind_name((enum unit_kind)k)) == 0) {
		if (title)
			scheme_err(c, tn->line, "“unit_title”只用于其他单位类型：%s的名称是固定的",
				   unit_kind_title((enum unit_kind)k));
		free(title);
		s->unit_title = xstrdup(unit_kind_title((enum unit_kind)k));
		return;
	}
	if (k >= KIND_TOWN && k < KIND_COUNT) {
		scheme_err(c, line, "“unit: %s”是县区方案抽查的%s（sheets 部分），不能作为被考核单位的类型；"
			   "请用另一个词，如 township、company", s->unit, unit_kind_title((enum unit_kind)k));
		free(title);
		return;
	}
	if (!unit_kind_word_valid(s->unit)) {
		scheme_err(c, line, "“unit”须是单位类型的代码：county（县区）、department（市直部门），"
			   "或以小写字母开头、由小写字母、数字和连字符组成的词（最长 %d 个字符，如 school），"
			   "不能是“%s”", UNIT_KIND_WORD_MAX, s->unit);
		free(title);
		return;
	}
	struct buf why = {0};
	if (!title) {
		scheme_err(c, line, "“unit: %s”须用“unit_title”写明这类单位的中文名称（如 unit_title: 学校）",
			   s->unit);
	} else if (text_check(title, "“unit_title”", UNIT_TITLE_MAX, false, true, &why) != 0) {
		scheme_err(c, tn->line, "%s", buf_str(&why));
	} else if (unit_kind_parse(title) >= 0 && unit_kind_parse(title) < KIND_COUNT) {
		scheme_err(c, tn->line, "“unit_title: %s”是已有单位类型的名称，请换一个", title);
	} else if (unit_kind_intern(s->unit, title) < 0) {
		scheme_err(c, line, "单位类型太多：除县区、市直部门外最多 %d 种", KIND_EXTRA_MAX);
	} else {
		s->unit_title = title;
		title = NULL;
	}
	buf_free(&why);
	free(title);
}
