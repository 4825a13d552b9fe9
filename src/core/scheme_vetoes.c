/* scheme_vetoes.c: the scheme's `vetoes` (一票否决): each rule's code,
 * title, condition (accidents, deaths or a flag; the newer forms are
 * veto_forms.c), effect and grade. */
#include "scheme.h"
#include "scheme_check.h"
#include "accident_rule.h"
#include "veto_forms.h"
#include "ytree.h"

#include <string.h>

/* Reads the top-level `vetoes` (y NULL: none) into s->vetoes. */
void scheme_parse_vetoes(struct scheme_ctx *c, const struct ynode *y, struct scheme *s)
{
	if (!y)
		return;
	if (y->type != Y_SEQ) {
		scheme_err(c, y->line, "“vetoes”必须是列表");
		return;
	}
	s->vetoes = xcalloc((size_t)y->n + 1, sizeof *s->vetoes);
	for (int i = 0; i < y->n; i++) {
		const struct ynode *v = y->items[i];
		static const char *const keys[] = {"code", "title", "when", "effect", "grade",
			"note", "only", "only_industry", NULL};
		if (v->type != Y_MAP) {
			scheme_err(c, v->line, "否决规则必须是映射（code、title、when、effect）");
			continue;
		}
		sk_keys(c, v, keys, "否决规则");
		struct veto_rule *vr = &s->vetoes[s->nvetoes++];
		vr->line = v->line;
		vr->code = sk_str(c, v, "code", 1, "否决规则");
		vr->title = sk_str(c, v, "title", 1, "否决规则");
		if (!vr->code)
			vr->code = xstrdup("?");
		if (!vr->title)
			vr->title = xstrdup("");
		for (int j = 0; j < i; j++)
			if (strcmp(s->vetoes[j].code, vr->code) == 0)
				scheme_err(c, v->line, "重复的否决规则编号“%s”（第 %d 行已有）", vr->code,
				    s->vetoes[j].line);
		const struct ynode *w = ytree_get(v, "when");
		veto_form_parse_scope(c, v, vr);
		if (!w || w->type != Y_MAP) {
			scheme_err(c, w ? w->line : v->line, "否决规则 %s 须有条件 when（映射）", vr->code);
		} else if (veto_form_when(w)) {
			veto_form_parse_when(c, w, vr);
		} else {
			static const char *const wkeys[] = {"accidents", "accident_grade",
				"min_accident_grade", "deaths", "flag", NULL};
			sk_keys(c, w, wkeys, "否决条件");
			long long x;
			const struct ynode *g;
			int forms = !!ytree_get(w, "accidents") + !!ytree_get(w, "deaths") +
				!!ytree_get(w, "flag");
			if (forms != 1)
				scheme_err(c, w->line, "否决条件须恰好使用 accidents、deaths、flag 之一");
			if (sk_int(c, w, "accidents", 0, "否决条件", 1, 1000, &x) == 1) {
				vr->when = WHEN_ACCIDENTS;
				vr->count = (int)x;
				const struct ynode *exact = ytree_get(w, "accident_grade");
				const struct ynode *min = ytree_get(w, "min_accident_grade");
				if (!!exact == !!min)
					scheme_err(c, w->line, "accidents 条件须写 accident_grade 或 "
					    "min_accident_grade 之一");
				g = exact ? exact : min;
				vr->min_grade = min != NULL;
				if (g) {
					int ag = g->type == Y_SCALAR ? accident_grade_parse(g->str) : -1;
					if (ag < 0)
						scheme_err(c, g->line, "事故等级须是 一般、较大、重大 或 特别重大");
					else
						vr->accident_grade = (enum accident_grade)ag;
				}
			}
			if (!ytree_get(w, "accidents") &&
			    (ytree_get(w, "accident_grade") || ytree_get(w, "min_accident_grade")))
				scheme_err(c, w->line, "accident_grade 和 min_accident_grade 只与 accidents 一起使用");
			if (sk_int(c, w, "deaths", 0, "否决条件", 1, 100000, &x) == 1) {
				vr->when = WHEN_DEATHS;
				vr->count = (int)x;
			}
			const struct ynode *f = sk_scalar(c, w, "flag", 0, "否决条件");
			if (f) {
				vr->when = WHEN_FLAG;
				vr->flag = (enum veto_flag)veto_flag_parse(f->str);
				if (!vr->flag)
					scheme_err(c, f->line, "未知的否决情形“%s”（可用：rescue-failure、"
					    "negative-impact、falsified、misreported）", f->str);
			}
		}
		const struct ynode *e = sk_scalar(c, v, "effect", 1, "否决规则");
		if (e) {
			if (strcmp(e->str, "fail") == 0)
				vr->effect = EFFECT_FAIL;
			else if (strcmp(e->str, "at-most") == 0)
				vr->effect = EFFECT_AT_MOST;
			else if (strcmp(e->str, "zero") == 0)
				vr->effect = EFFECT_ZERO;
			else
				scheme_err(c, e->line, "“effect”必须是 fail、at-most 或 zero");
		}
		const struct ynode *g = sk_scalar(c, v, "grade", 0, "否决规则");
		vr->grade = GRADE_NONE;
		if (g) {
			vr->grade = scheme_grade_parse(s, g->str);
			if (vr->grade == GRADE_NONE)
				scheme_err(c, g->line, "未知的档次“%s”（方案的档次见 grades）", g->str);
		}
		if (e && vr->effect == EFFECT_AT_MOST && !g)
			scheme_err(c, e->line, "effect: at-most 须同时写 grade（如 良好）");
		if (e && vr->effect != EFFECT_AT_MOST && g)
			scheme_err(c, g->line, "只有 effect: at-most 使用 grade");
	}
}
