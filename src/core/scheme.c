/* scheme.c: the scheme model: lookup, names of enumerations, freeing. */
#include "scheme.h"
#include "scheme_check.h"
#include "accident_rule.h"
#include "veto_forms.h"
#include "scheme_links.h"

#include <stdlib.h>
#include <string.h>

static const char *const grade_names[GRADE_COUNT] = {"优秀", "良好", "合格", "不合格"};
static const char *const accident_names[] = {"一般", "较大", "重大", "特别重大"};

static const char *const rule_names[] = {"", "per", "steps", "conditions", "fixed",
	"judged", "earn", "entered", "clauses", "range", "rate", "target", "trend", "zero", "accidents"};
static const char *const score_names[] = {"", "sum", "deduct", "mean", "sheets"};

const char *rule_type_name(enum rule_type t)
{
	return rule_names[t];
}

enum rule_type rule_type_parse(const char *s)
{
	for (int i = 1; i < (int)(sizeof rule_names / sizeof rule_names[0]); i++)
		if (strcmp(s, rule_names[i]) == 0)
			return (enum rule_type)i;
	return RULE_NONE;
}

const char *group_score_name(enum group_score s)
{
	return score_names[s];
}

enum group_score group_score_parse(const char *s)
{
	for (int i = 1; i < (int)(sizeof score_names / sizeof score_names[0]); i++)
		if (strcmp(s, score_names[i]) == 0)
			return (enum group_score)i;
	return SCORE_LEAF;
}

const char *grade_name(enum grade g)
{
	return g >= 0 && g < GRADE_COUNT ? grade_names[g] : "";
}

const char *scheme_grade_name(const struct scheme *s, enum grade g)
{
	if (!s)
		return grade_name(g);
	return g >= 0 && g < GRADE_COUNT && s->grade_names[g] ? s->grade_names[g] : "";
}

enum grade scheme_grade_parse(const struct scheme *s, const char *name)
{
	if (!s)
		return grade_parse(name);
	for (int i = 0; i < GRADE_COUNT; i++)
		if (s->grade_names[i] && strcmp(s->grade_names[i], name) == 0)
			return (enum grade)i;
	return GRADE_NONE;
}

enum grade scheme_grade_best(const struct scheme *s)
{
	for (int i = 0; s && i < GRADE_COUNT; i++)
		if (s->grade_names[i])
			return (enum grade)i;
	return GRADE_EXCELLENT;
}

const char *scheme_cap_word(const struct scheme *s)
{
	return s && s->grades_custom ? "档次限制" : "优秀否决";
}

void scheme_grade_list(const struct scheme *s, struct buf *b)
{
	for (int i = scheme_grade_best(s); i < GRADE_COUNT; i++)
		if (scheme_grade_name(s, (enum grade)i)[0])
			buf_printf(b, "%s%s", i > scheme_grade_best(s) ? "、" : "",
				   scheme_grade_name(s, (enum grade)i));
}

enum grade grade_parse(const char *s)
{
	for (int i = 0; i < GRADE_COUNT; i++)
		if (strcmp(s, grade_names[i]) == 0)
			return (enum grade)i;
	return GRADE_NONE;
}

const char *accident_grade_name(enum accident_grade g)
{
	return accident_names[g];
}

int accident_grade_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s, accident_names[i]) == 0)
			return i;
	return -1;
}

static const char *const sample_names[][2] = {
	{"", ""}, {"town", "乡镇"}, {"county-department", "县区部门"}, {"enterprise", "企业"},
};

const char *sample_kind_name(enum sample_kind k)
{
	return k > SAMPLE_NONE && k <= SAMPLE_ENTERPRISE ? sample_names[k][0] : "";
}

const char *sample_kind_title(enum sample_kind k)
{
	return k > SAMPLE_NONE && k <= SAMPLE_ENTERPRISE ? sample_names[k][1] : "";
}

enum sample_kind sample_kind_parse(const char *s)
{
	for (int k = SAMPLE_TOWN; k <= SAMPLE_ENTERPRISE; k++)
		if (strcmp(s, sample_names[k][0]) == 0 || strcmp(s, sample_names[k][1]) == 0)
			return (enum sample_kind)k;
	return SAMPLE_NONE;
}

const struct node *scheme_sheets_node(const struct scheme *s, enum sample_kind k)
{
	for (int i = 0; i < s->nnodes; i++)
		if (s->nodes[i]->score == SCORE_SHEETS && s->nodes[i]->sample == k)
			return s->nodes[i];
	return NULL;
}

const struct node *node_restricted(const struct node *n)
{
	for (; n; n = n->parent)
		if (n->only)
			return n;
	return NULL;
}

bool node_applies(const struct node *n, const char *unit)
{
	const struct node *r = node_restricted(n);
	if (!r)
		return true;
	for (int i = 0; i < r->nonly; i++)
		if (unit && strcmp(r->only[i], unit) == 0)
			return true;
	return false;
}

static const struct {
	enum veto_flag flag;
	const char *name, *title;
} flags[] = {
	{FLAG_RESCUE_FAILURE, "rescue-failure", "发生事故后未按照有关规定或应急预案抢险救援"},
	{FLAG_NEGATIVE_IMPACT, "negative-impact", "安全生产工作在社会上造成重大负面影响"},
	{FLAG_FALSIFIED, "falsified", "在考核中提供不真实情况，弄虚作假"},
	{FLAG_MISREPORTED, "misreported", "瞒报、谎报、漏报生产安全事故"},
};

const char *veto_flag_name(enum veto_flag f)
{
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (flags[i].flag == f)
			return flags[i].name;
	return "";
}

const char *veto_flag_title(enum veto_flag f)
{
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (flags[i].flag == f)
			return flags[i].title;
	return "";
}

int veto_flag_parse(const char *s)
{
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (strcmp(s, flags[i].name) == 0)
			return flags[i].flag;
	return 0;
}

static int by_code_cmp(const void *a, const void *b)
{
	const struct node *x = *(struct node *const *)a, *y = *(struct node *const *)b;
	return strcmp(x->code, y->code);
}

void scheme_index(struct scheme *s)
{
	s->by_code = xmalloc((size_t)s->nnodes * sizeof *s->by_code);
	memcpy(s->by_code, s->nodes, (size_t)s->nnodes * sizeof *s->nodes);
	qsort(s->by_code, (size_t)s->nnodes, sizeof *s->by_code, by_code_cmp);
}

const struct node *scheme_find(const struct scheme *s, const char *code)
{
	size_t lo = 0, hi = (size_t)s->nnodes;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(code, s->by_code[mid]->code);
		if (c == 0)
			return s->by_code[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *node_method(const struct node *n)
{
	for (; n; n = n->parent)
		if (n->method)
			return n->method;
	return NULL;
}

char *method_asks(const char *method)
{
	const char *p = method ? strstr(method, "提供") : NULL;
	bool checked = !p;
	if (p) {
		p += strlen("提供");
	} else {
		/* "检查党委中心组学习计划、学习资料，抽查学习笔记": what the team
		 * checks or reads is what the unit must have ready */
		static const char *const verbs[] = {"检查", "查阅", "查看"};
		for (size_t i = 0; method && !p && i < sizeof verbs / sizeof verbs[0]; i++)
			if (strncmp(method, verbs[i], strlen(verbs[i])) == 0)
				p = method + strlen(verbs[i]);
		if (!p)
			return NULL;
	}
	while (strncmp(p, "，", strlen("，")) == 0 || *p == ' ')
		p += strncmp(p, "，", strlen("，")) == 0 ? strlen("，") : 1;
	static const char *const stops[] = {"，考核组", "考核组", "。", "（", "；", "\n"};
	size_t len = strlen(p);
	/* after a verb, the first clause only */
	const char *comma = checked ? strstr(p, "，") : NULL;
	if (comma)
		len = (size_t)(comma - p);
	for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		const char *q = strstr(p, stops[i]);
		if (q && (size_t)(q - p) < len)
			len = (size_t)(q - p);
	}
	if (len == 0)
		return NULL;
	char *out = xmalloc(len + 1);
	memcpy(out, p, len);
	out[len] = '\0';
	return out;
}

static void rule_free(struct rule *r)
{
	free(r->unit);
	free(r->text);
	for (int i = 0; i < r->nconds; i++)
		free(r->conds[i].text);
	free(r->conds);
	free(r->steps);
	for (int i = 0; i < r->nclauses; i++)
		rule_free(&r->clauses[i]);
	free(r->clauses);
	accident_rule_free(r->accidents);
}

static void node_free(struct node *n)
{
	if (!n)
		return;
	for (int i = 0; i < n->nchildren; i++)
		node_free(n->children[i]);
	free(n->children);
	free(n->code);
	free(n->title);
	free(n->text);
	free(n->method);
	free(n->note);
	free(n->reconstructed);
	for (int i = 0; i < n->nonly; i++)
		free(n->only[i]);
	free(n->only);
	for (int i = 0; i < n->nmandatory_for; i++)
		free(n->mandatory_for[i]);
	free(n->mandatory_for);
	links_node_free(n);
	rule_free(&n->rule);
	free(n);
}

void scheme_free(struct scheme *s)
{
	if (!s)
		return;
	node_free(s->root);
	free(s->nodes);
	free(s->by_code);
	for (int i = 0; i < s->nvetoes; i++) {
		free(s->vetoes[i].code);
		free(s->vetoes[i].title);
		veto_form_free(s->vetoes[i].form);
	}
	free(s->vetoes);
	for (int k = 0; k < 4; k++) {
		for (int i = 0; i < s->samples[k].npool; i++)
			free(s->samples[k].pool[i].industry);
		free(s->samples[k].pool);
	}
	for (int i = 0; i < s->nindustries; i++) {
		free(s->industries[i].industry);
		free(s->industries[i].department);
	}
	free(s->industries);
	for (int i = 0; i < s->ndaily_items; i++)
		free(s->daily_items[i].code);
	free(s->daily_items);
	free(s->daily_deducts);
	diag_free(&s->warnings);
	for (int i = 0; i < GRADE_COUNT; i++)
		free(s->grade_names[i]);
	links_free(s);
	free(s->name);
	free(s->title);
	free(s->unit);
	free(s->unit_title);
	free(s->source);
	free(s->note);
	free(s);
}
