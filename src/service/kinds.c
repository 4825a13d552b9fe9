/* kinds.c: the kinds of unit a year assesses, and adding a scheme for a
 * kind besides county and department (school, hospital, …). */
#include "service_impl.h"
#include "../storage/year.h"

#include <stdlib.h>
#include <string.h>

int svc_scheme_add(struct svc *s, const struct svc_text *t, char **title)
{
	if (title)
		*title = NULL;
	if (svc_allow(s, OP_YEAR_INIT, NULL) != 0)
		return -1;
	struct diag d = {0};
	struct scheme *sc = scheme_parse(t->text, t->len, t->file, &d);
	if (!sc)
		return svc_fail_problems(s, &d, "方案 %s 有误，未添加", t->file);
	diag_free(&d);
	int rc = 0;
	if (strcmp(sc->unit, "county") == 0 || strcmp(sc->unit, "department") == 0)
		rc = svc_fail(s, SVC_INVALID, "scheme", "%s 是%s方案：县区和市直部门的方案在新建年度时确定，"
			      "这里添加其他单位类型的方案（unit: school 等）", t->file,
			      sc->unit_title);
	/* what a year takes from its schemes (window, industries, daily
	 * assessment, samples) was settled when it was made */
	else if (sc->window_from[1] || sc->nindustries || sc->ndaily_items || sc->ndaily_deducts)
		rc = svc_fail(s, SVC_INVALID, "scheme", "%s 写有%s：年度的设置在新建年度时由县区和市直部门方案确定，"
			      "添加的方案不能带这些设置", t->file, sc->window_from[1] ? "考核时间 window"
			      : sc->nindustries ? "行业 industries" : "日常考核 daily");
	if (rc == 0)
		rc = svc_begin(s);
	if (rc == 0) {
		struct scheme_text st = {t->file, t->text, t->len};
		rc = year_scheme_add(s->db, sc, &st) == 0 ? 0 : svc_fail_db(s);
		rc = svc_end(s, rc);
	}
	if (rc == 0 && title)
		*title = xstrdup(sc->unit_title);
	scheme_free(sc);
	return rc;
}

int svc_kinds(struct svc *s, enum unit_kind **kinds, int *n)
{
	if (year_kinds(s->db, kinds, n) != 0)
		return svc_fail_db(s);
	return 0;
}

int svc_kind_parse(struct svc *s, const char *word)
{
	return year_kind_parse(s->db, word);
}

int svc_kind_unknown(struct svc *s, const char *word)
{
	struct buf list = {0};
	enum unit_kind *kinds = NULL;
	int n = 0;
	/* the kinds this year takes: the built-in ones and the year's added */
	for (int k = 0; k < KIND_COUNT; k++)
		buf_printf(&list, "%s%s", k ? "、" : "", unit_kind_title((enum unit_kind)k));
	if (year_kinds(s->db, &kinds, &n) == 0)
		for (int i = 0; i < n; i++)
			if ((int)kinds[i] >= KIND_COUNT)
				buf_printf(&list, "、%s", unit_kind_title(kinds[i]));
	free(kinds);
	if (!word)
		svc_fail(s, SVC_INVALID, "kind", "须写明单位类型（%s）", buf_str(&list));
	else
		svc_fail(s, SVC_INVALID, "kind", "未知的单位类型“%s”（本年度有%s；其他类型须先为本年度添加该类单位的考核方案）",
			 word, buf_str(&list));
	buf_free(&list);
	return -1;
}
