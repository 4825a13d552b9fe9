/* records.c: freeing and describing the records of a year (records.h). */
#include "records.h"
#include "grade.h"

#include <stdlib.h>
#include <string.h>

void accident_rec_clear(struct accident_rec *a)
{
	free(a->county);
	free(a->date);
	free(a->industry);
	free(a->misreported_by);
	free(a->grade);
	free(a->note);
	free(a->department);
	memset(a, 0, sizeof *a);
}

void accident_list_free(struct accident_rec *a, int n)
{
	for (int i = 0; i < n; i++)
		accident_rec_clear(&a[i]);
	free(a);
}

enum accident_grade accident_rec_grade(const struct accident_rec *a)
{
	int g = a->grade ? accident_grade_parse(a->grade) : -1;
	return g >= 0 ? (enum accident_grade)g : accident_classify(a->deaths, a->injuries, a->loss);
}

char *accident_describe(const struct accident_rec *a)
{
	struct buf b = {0};
	buf_printf(&b, "%s %s%s事故：死亡 %lld 人，重伤 %lld 人，直接经济损失 %lld 元", a->date,
		   accident_grade_name(accident_rec_grade(a)), a->occupational ? "职业病危害" : "",
		   a->deaths, a->injuries, a->loss);
	if (a->grade)
		buf_puts(&b, "（等级按事故调查认定）");
	if (a->industry)
		buf_printf(&b, "，行业 %s", a->industry);
	if (a->concealed || a->false_report || a->omitted)
		buf_printf(&b, "，%s%s", a->misreported_by ? a->misreported_by : a->county,
			   a->concealed ? "瞒报" : a->false_report ? "谎报" : "漏报");
	return buf_take(&b);
}

void industry_list_free(struct industry_row *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].industry);
		free(r[i].department);
	}
	free(r);
}

static const char *const review_names[] = {"open", "submitted", "returned", "verified"};
static const char *const review_titles[] = {"录入中", "待核实", "已退回", "已核实"};

const char *review_state_name(enum review_state r) { return review_names[r]; }
const char *review_state_title(enum review_state r) { return review_titles[r]; }

enum review_state review_state_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, review_names[i]) == 0)
			return (enum review_state)i;
	return REVIEW_OPEN;
}

void sheet_review_clear(struct sheet_review *r)
{
	unit_clear(&r->unit);
	free(r->team);
	free(r->remark);
	free(r->actor);
	free(r->at);
	memset(r, 0, sizeof *r);
}

void sheet_review_list_free(struct sheet_review *r, int n)
{
	for (int i = 0; i < n; i++)
		sheet_review_clear(&r[i]);
	free(r);
}

void material_clear(struct material *m)
{
	free(m->unit);
	free(m->code);
	free(m->name);
	free(m->link);
	free(m->hash);
	free(m->actor);
	free(m->at);
	memset(m, 0, sizeof *m);
}

void material_list_free(struct material *m, int n)
{
	for (int i = 0; i < n; i++)
		material_clear(&m[i]);
	free(m);
}

void objection_clear(struct objection *o)
{
	free(o->unit);
	free(o->evidence);
	free(o->outcome);
	free(o->code);
	free(o->text);
	free(o->filed_by);
	free(o->filed_at);
	free(o->answer);
	free(o->answered_by);
	free(o->answered_at);
	memset(o, 0, sizeof *o);
}

void objection_list_free(struct objection *o, int n)
{
	for (int i = 0; i < n; i++)
		objection_clear(&o[i]);
	free(o);
}

void veto_list_free(struct veto_row *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].unit);
		free(v[i].cause);
		free(v[i].reason);
	}
	free(v);
}

void team_list_free(struct team *t, int n)
{
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < t[i].nmembers; k++) {
			free(t[i].members[k].name);
			free(t[i].members[k].title);
			free(t[i].members[k].contact);
		}
		free(t[i].members);
		for (int k = 0; k < t[i].nunits; k++)
			free(t[i].units[k]);
		free(t[i].units);
		free(t[i].name);
	}
	free(t);
}

void spot_list_free(struct spot *p, int n)
{
	for (int i = 0; i < n; i++) {
		free(p[i].county);
		free(p[i].unit);
	}
	free(p);
}

void daily_list_free(struct daily_task *t, int n)
{
	for (int i = 0; i < n; i++) {
		free(t[i].title);
		free(t[i].due);
	}
	free(t);
}

void audit_list_free(struct audit_row *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].at);
		free(r[i].actor);
		free(r[i].action);
		free(r[i].unit);
		free(r[i].target);
		free(r[i].old);
		free(r[i].new_value);
		free(r[i].reason);
	}
	free(r);
}

static void nodes_free(struct stored_node *n, int count)
{
	if (!n)
		return;
	for (int i = 0; i < count; i++) {
		free(n[i].derivation);
		free(n[i].warning);
	}
	free(n);
}

void stored_result_clear(struct stored_result *r)
{
	unit_clear(&r->unit);
	free(r->mandatory_failed);
	free(r->computed_at);
	free(r->decision.reason);
	free(r->decision.actor);
	free(r->decision.at);
	for (int i = 0; i < r->nvetoes; i++) {
		free(r->vetoes[i].code);
		free(r->vetoes[i].title);
		free(r->vetoes[i].detail);
	}
	free(r->vetoes);
	for (int i = 0; i < r->nmissing; i++)
		free(r->missing[i]);
	free(r->missing);
	for (int i = 0; i < r->nwarnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	for (int i = 0; i < r->nparts; i++) {
		free(r->parts[i].derivation);
		free(r->parts[i].warning);
	}
	free(r->parts);
	int nn = r->scheme ? r->scheme->nnodes : 0;
	nodes_free(r->nodes, nn);
	for (int i = 0; i < r->nsheets; i++) {
		free(r->sheets[i].label);
		nodes_free(r->sheets[i].nodes, nn);
	}
	free(r->sheets);
	memset(r, 0, sizeof *r);
}

void stored_results_free(struct stored_result *r, int n)
{
	for (int i = 0; i < n; i++)
		stored_result_clear(&r[i]);
	free(r);
}

enum grade stored_veto_cap(const struct stored_result *r)
{
	enum grade cap = GRADE_NONE;
	for (int i = 0; i < r->nvetoes; i++)
		cap = veto_effect_cap(cap, r->vetoes[i].effect, r->vetoes[i].grade);
	return cap;
}

enum decision_issue decision_check(const struct stored_result *r, enum grade g, const char *reason,
				   bool automatic, enum grade *cap)
{
	enum grade c = stored_veto_cap(r);
	if (cap)
		*cap = c;
	if (c != GRADE_NONE && g < c)
		return DECISION_ABOVE_CAP;
	if (g != r->proposed && (!reason || !*reason || automatic))
		return DECISION_NO_REASON;
	return DECISION_OK;
}

char *stored_decision_issue(const struct stored_result *r)
{
	const struct decision_rec *d = &r->decision;
	if (d->grade == GRADE_NONE)
		return NULL;
	enum grade cap;
	struct buf b = {0};
	switch (decision_check(r, d->grade, d->reason, d->automatic, &cap)) {
	case DECISION_ABOVE_CAP:
		buf_printf(&b, "确定档次高于否决所允许的档次，须重新确定（最高%s）",
			   scheme_grade_name(r->grading, cap));
		break;
	case DECISION_NO_REASON:
		buf_puts(&b, "确定档次与拟定档次不同且无理由，须重新确定");
		break;
	default:
		return NULL;
	}
	return buf_take(&b);
}

static const char *const roles[ROLE_COUNT][2] = {
	{"office", "安委办"}, {"leader", "考核组组长"}, {"member", "考核组成员"},
	{"industry", "行业评分"}, {"enforcement", "执法评分"}, {"unit", "被考核单位"},
	{"viewer", "查阅结果"},
};

const char *role_name(enum role r) { return (unsigned)r < ROLE_COUNT ? roles[r][0] : ""; }

void role_words(struct buf *b)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		buf_printf(b, "%s%s %s", r ? "、" : "", roles[r][0], roles[r][1]);
}
const char *role_title(enum role r) { return (unsigned)r < ROLE_COUNT ? roles[r][1] : ""; }

int role_parse(const char *s)
{
	for (int i = 0; s && i < ROLE_COUNT; i++)
		if (strcmp(s, roles[i][0]) == 0 || strcmp(s, roles[i][1]) == 0)
			return i;
	return -1;
}

void account_clear(struct account *a)
{
	free(a->name);
	free(a->team);
	free(a->industry);
	free(a->unit);
	free(a->created_at);
	memset(a, 0, sizeof *a);
}

void account_list_free(struct account *a, int n)
{
	for (int i = 0; i < n; i++)
		account_clear(&a[i]);
	free(a);
}
