/* objections.c: an assessed unit's objections (意见和建议) to its published
 * result, within the period the office sets, with evidence; the office's
 * answers. */
#include "service_impl.h"
#include "../core/date.h"
#include "../storage/audit.h"
#include "../storage/material.h"
#include "../storage/objection.h"
#include "../storage/unit.h"
#include "../storage/year.h"

#include <stdlib.h>
#include <string.h>

/* An objection is a letter more than a note. */

/* The period and today into w (no permission check: callers check). */
static int window_of(struct svc *s, struct svc_objection_window *w)
{
	memset(w, 0, sizeof *w);
	struct year_info y;
	if (year_info_get(s->db, &y) != 0)
		return svc_fail_db(s);
	date_today(w->today);
	if (y.objection_from && y.objection_to) {
		w->from = xstrdup(y.objection_from);
		w->to = xstrdup(y.objection_to);
		w->open = strcmp(w->today, w->from) >= 0 && strcmp(w->today, w->to) <= 0;
	}
	year_info_clear(&y);
	return 0;
}

void svc_objection_window_clear(struct svc_objection_window *w)
{
	free(w->from);
	free(w->to);
	w->from = w->to = NULL;
}

int svc_objection_window(struct svc *s, struct svc_objection_window *out)
{
	memset(out, 0, sizeof *out);
	if (svc_allow(s, OP_OBJECTION_READ, NULL) != 0)
		return -1;
	return window_of(s, out);
}

/* Whether the acting unit may object today: within the period set. */
static int check_period(struct svc *s)
{
	if (s->actor.role == ROLE_OFFICE)
		return 0;      /* the office records what reached it on paper */
	struct svc_objection_window w;
	if (window_of(s, &w) != 0)
		return -1;
	int rc = 0;
	if (!w.from)
		rc = svc_fail(s, SVC_CONFLICT, NULL, "安委办尚未设定提出意见的期限");
	else if (!w.open)
		rc = svc_fail(s, SVC_CONFLICT, NULL, "提出意见的期限是 %s 至 %s，今天（%s）不在期限内",
			      w.from, w.to, w.today);
	svc_objection_window_clear(&w);
	return rc;
}

/* The unanswered objection of u with this item, reason and evidence (a
 * form sent twice): its number; 0 if none, -1 on error. */
static long long same_objection(struct svc *s, const struct unit *u, const char *code, const char *text,
				const char *evidence)
{
	struct objection *o;
	int n;
	if (objection_list(s->db, u->id, &o, &n) != 0)
		return -1;
	long long id = 0;
	for (int i = 0; i < n && !id; i++)
		if (!o[i].answer && (o[i].code && code ? strcmp(o[i].code, code) == 0 : o[i].code == code) &&
		    strcmp(o[i].text, text) == 0 &&
		    strcmp(o[i].evidence ? o[i].evidence : "", evidence ? evidence : "") == 0)
			id = o[i].id;
	objection_list_free(o, n);
	return id;
}

long long svc_objection_file(struct svc *s, const char *unit, const char *code, const char *text,
			     const char *evidence)
{
	struct unit u;
	if (unit_get(s->db, unit, &u) != 0)
		return svc_fail_db(s);
	long long id = -1;
	if (svc_allow(s, OP_OBJECTION_FILE, &u) != 0)
		goto out;
	if (!unit_kind_assessed(u.kind)) {
		svc_fail(s, SVC_INVALID, "unit", "只有县区和市直部门对考核结果提意见，“%s”是%s", u.name,
			 unit_kind_title(u.kind));
		goto out;
	}
	if (!svc_published(s)) {
		svc_fail(s, SVC_CONFLICT, NULL, "%d 年度的考核结果尚未公布，公布后才能对结果提意见",
			 svc_year(s));
		goto out;
	}
	if (check_period(s) != 0 || svc_text(s, "text", "理由", text, TEXT_LONG_MAX, true, true) != 0 ||
	    svc_text(s, "evidence", "证据", evidence, TEXT_LONG_MAX, true, true) != 0)
		goto out;
	if (code && *code) {
		const struct scheme *sc = svc_scheme(s, u.kind);
		if (!sc)
			goto out;
		if (!scheme_find(sc, code)) {
			svc_fail(s, SVC_INVALID, "code", "%s 中没有编号为 %s 的考核项", sc->title, code);
			goto out;
		}
	}
	if (svc_begin_any(s) != 0)
		goto out;
	id = same_objection(s, &u, code && *code ? code : NULL, text, evidence);
	if (id == 0)
		id = objection_add(s->db, &u, code && *code ? code : NULL, text, evidence);
	if (svc_end(s, id > 0 ? 0 : svc_fail_db(s)) != 0)
		id = -1;
out:
	unit_clear(&u);
	return id;
}

static int check_date(struct svc *s, const char *field, const char *label, const char *d)
{
	if (!date_valid(d, NULL))
		return svc_fail(s, SVC_INVALID, field, "%s“%s”须是日期，如 2017-02-01", label, d ? d : "");
	return 0;
}

int svc_objection_period(struct svc *s, const char *from, const char *to)
{
	if (svc_allow(s, OP_OBJECTION_ANSWER, NULL) != 0)
		return -1;
	if ((from == NULL) != (to == NULL))
		return svc_fail(s, SVC_INVALID, from ? "to" : "from", "须同时写明起止日期");
	if (from && (check_date(s, "from", "开始日期", from) != 0 || check_date(s, "to", "截止日期", to) != 0))
		return -1;
	if (from && strcmp(from, to) > 0)
		return svc_fail(s, SVC_INVALID, "to", "截止日期 %s 早于开始日期 %s", to, from);
	if (svc_begin_any(s) != 0)
		return -1;
	struct buf what = {0};
	if (from)
		buf_printf(&what, "%s 至 %s", from, to);
	int rc = year_set_objection_period(s->db, from, to) == 0 &&
		 audit_add(s->db, "objection.period", NULL, NULL, NULL, from ? buf_str(&what) : "不设期限",
			   NULL) == 0 ? 0 : svc_fail_db(s);
	buf_free(&what);
	return svc_end(s, rc);
}

int svc_objection_list(struct svc *s, const char *unit, struct objection **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct unit u = {0};
	if (unit && unit_get(s->db, unit, &u) != 0)
		return svc_fail_db(s);
	int rc = svc_allow(s, OP_OBJECTION_READ, unit ? &u : NULL);
	if (rc == 0)
		rc = objection_list(s->db, unit ? u.id : 0, out, n) == 0 ? 0 : svc_fail_db(s);
	unit_clear(&u);
	if (rc != 0 || unit)
		return rc;
	/* Every unit: only those the acting user may see. */
	int k = 0;
	for (int i = 0; i < *n; i++) {
		struct unit o;
		bool keep = unit_get(s->db, (*out)[i].unit, &o) == 0;
		if (keep) {
			keep = svc_may(s, OP_OBJECTION_READ, &o);
			unit_clear(&o);
		}
		if (keep)
			(*out)[k++] = (*out)[i];
		else
			objection_clear(&(*out)[i]);
	}
	*n = k;
	return 0;
}

int svc_objection_answer(struct svc *s, long long id, const char *outcome, const char *answer)
{
	if (svc_allow(s, OP_OBJECTION_ANSWER, NULL) != 0)
		return -1;
	if (!outcome || (strcmp(outcome, "upheld") != 0 && strcmp(outcome, "changed") != 0))
		return svc_fail(s, SVC_INVALID, "outcome", "答复须写明结论：维持评分，或已改变评分");
	/* a score is changed only in an open year: reopen, change, then answer */
	if (strcmp(outcome, "changed") == 0 && db_approved(s->db))
		return svc_fail(s, SVC_CONFLICT, "outcome", "%d 年度已审定：改变评分须先重新开放本年度、修改评分，再答复“已改变评分”",
				svc_year(s));
	if (svc_text(s, "answer", "答复", answer, TEXT_LONG_MAX, true, true) != 0 || svc_begin_any(s) != 0)
		return -1;
	return svc_end(s, objection_answer(s->db, id, answer, outcome) == 0 ? 0 : svc_fail_db(s));
}

long long svc_objection_evidence(struct svc *s, long long id, const char *name, const void *data,
				 size_t len)
{
	struct objection o;
	if (objection_get(s->db, id, &o) != 0)
		return svc_fail_db(s);
	struct unit u;
	long long mid = -1;
	if (unit_get(s->db, o.unit, &u) != 0) {
		svc_fail_db(s);
		objection_clear(&o);
		return -1;
	}
	if (svc_allow(s, OP_OBJECTION_FILE, &u) != 0 || svc_material_check(s, name, len) != 0)
		goto out;
	if (o.answer) {
		svc_fail(s, SVC_CONFLICT, NULL, "意见 %lld 已经答复，不能再补充证据", id);
		goto out;
	}
	if (svc_begin_any(s) != 0)
		goto out;
	struct material m = {.code = o.code, .objection_id = id, .name = (char *)name, .size = (long long)len};
	char hash[65];
	int rc = blob_put(s->db, data, len, hash) == 0 ? 0 : svc_fail_db(s);
	m.hash = hash;
	if (rc == 0)
		rc = svc_material_add_once(s, &u, &m);
	if (svc_end(s, rc) == 0)
		mid = m.id;
out:
	unit_clear(&u);
	objection_clear(&o);
	return mid;
}
