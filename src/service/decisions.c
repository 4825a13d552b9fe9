/* decisions.c: the collective decision on each unit's grade, approval
 * (which locks the year), reopening and publication. What must be settled
 * before approval is svc_status's (results.c), stated once. */
#include "service_impl.h"
#include "../core/date.h"
#include "../core/grade.h"
#include "../storage/audit.h"
#include "../storage/decision.h"
#include "../storage/result.h"
#include "../storage/unit.h"
#include "../storage/year.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>


static int grade_tx(struct svc *s, const char *unit, const char *grade, const char *reason)
{
	struct unit u;
	struct stored_result sr;
	if (unit_get(s->db, unit, &u) != 0)
		return svc_fail_db(s);
	int rc = -1;
	if (!unit_kind_assessed(u.kind)) {
		svc_fail(s, SVC_INVALID, "unit", "“%s”是%s，不单独评定档次（只为县区和市直部门确定档次）",
			 u.name, unit_kind_title(u.kind));
		goto out;
	}
	/* the grade is named as the unit kind's scheme names it */
	const struct scheme *gs = svc_grading(s, u.kind);
	enum grade g = scheme_grade_parse(gs, grade ? grade : "");
	if (g == GRADE_NONE) {
		struct buf names = {0};
		scheme_grade_list(gs, &names);
		svc_fail(s, SVC_INVALID, "grade", "未知的档次“%s”（%s）", grade ? grade : "", buf_str(&names));
		buf_free(&names);
		goto out;
	}
	if (result_read_unit(s->db, &u, false, &sr) != 0) {
		svc_fail_db(s);
		goto out;
	}
	if (results_stale(s->db) == 1) {
		svc_fail(s, SVC_CONFLICT, NULL, "计分之后又有改动，须先重新计分再确定档次");
		s->err.next = SVC_NEXT_COMPUTE;
	} else {
		enum grade cap;
		enum decision_issue issue = decision_check(&sr, g, reason, false, &cap);
		if (issue == DECISION_ABOVE_CAP)
			svc_fail(s, SVC_CONFLICT, "grade", "“%s”受否决，档次最高为%s，不能确定为%s", u.name,
				 scheme_grade_name(gs, cap), scheme_grade_name(gs, g));
		else if (issue == DECISION_NO_REASON)
			svc_fail(s, SVC_INVALID, "reason", "“%s”的拟定档次是%s，确定为%s须写明理由", u.name,
				 sr.proposed != GRADE_NONE ? scheme_grade_name(gs, sr.proposed) : "（无）",
				 scheme_grade_name(gs, g));
		else
			rc = decision_put(s->db, &u, g, reason) == 0 ? 0 : svc_fail_db(s);
	}
	stored_result_clear(&sr);
out:
	unit_clear(&u);
	return rc;
}

int svc_grade_set(struct svc *s, const char *unit, const char *grade, const char *reason)
{
	if (svc_allow(s, OP_DECIDE, NULL) != 0)
		return -1;
	if (svc_text(s, "reason", "理由", reason, TEXT_NOTE_MAX, true, false) != 0 || svc_begin(s) != 0)
		return -1;
	return svc_end(s, grade_tx(s, unit, grade, reason));
}

/* Joins the names of units with an item of kind a or b; for a grade
 * above a veto's cap, with the cap ("X（最高良好）"). */
static int blocking_list(const struct svc_status *st, enum svc_todo_kind a, enum svc_todo_kind b_,
			 struct buf *b)
{
	int n = 0;
	for (int i = 0; i < st->n; i++)
		for (int k = 0; k < st->units[i].ntodo; k++) {
			const struct svc_todo *t = &st->units[i].todo[k];
			if (t->kind != a && t->kind != b_)
				continue;
			buf_printf(b, "%s%s", n++ ? "、" : "", st->units[i].unit.name);
			if (t->kind == TODO_ABOVE_CAP)
				buf_printf(b, "（最高%s）", t->cap);
			break;
		}
	return n;
}

static int approve_tx(struct svc *s, struct svc_approval *out)
{
	struct svc_status st;
	if (svc_status(s, &st) != 0)
		return -1;
	int rc = -1;
	struct buf b = {0};
	if (st.stale < 0) {
		svc_fail(s, SVC_CONFLICT, NULL, "还没有考核结果，不能审定（须先计分）");
		s->err.next = SVC_NEXT_COMPUTE;
		goto out;
	}
	if (st.stale > 0) {
		svc_fail(s, SVC_CONFLICT, NULL, "计分之后又有改动，须先重新计分再审定");
		s->err.next = SVC_NEXT_COMPUTE;
		goto out;
	}
	if (blocking_list(&st, TODO_PROVINCIAL, TODO_MISSING, &b) + blocking_list(&st, TODO_UNCOMPUTED, TODO_UNCOMPUTED, &b)) {
		svc_fail(s, SVC_CONFLICT, NULL, "以下单位没有考核结果、结果未完成或没有档次，不能审定：%s",
			 buf_str(&b));
		goto out;
	}
	if (blocking_list(&st, TODO_SAMPLE, TODO_SAMPLE, &b)) {
		svc_fail(s, SVC_CONFLICT, NULL, "以下县区的抽查对象不全，不能审定：%s", buf_str(&b));
		goto out;
	}
	if (blocking_list(&st, TODO_ABOVE_CAP, TODO_ABOVE_CAP, &b)) {
		/* "X（最高良好）" */
		svc_fail(s, SVC_CONFLICT, NULL, "以下单位已确定的档次高于否决所允许的档次，须重新确定：%s",
			 buf_str(&b));
		goto out;
	}
	if (blocking_list(&st, TODO_NO_REASON, TODO_NO_REASON, &b)) {
		svc_fail(s, SVC_CONFLICT, NULL, "以下单位已确定的档次与新的拟定档次不同，须重新确定：%s",
			 buf_str(&b));
		goto out;
	}
	if (st.blocking) {
		svc_fail(s, SVC_CONFLICT, NULL, "还有 %d 个单位有待办事项，不能审定", st.blocking);
		goto out;
	}
	/* Units without a decision take the proposed grade, on the record. */
	struct stored_result *rs;
	int n;
	if (result_read_all(s->db, -1, false, &rs, &n) != 0) {
		svc_fail_db(s);
		goto out;
	}
	rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		if (rs[i].decision.grade != GRADE_NONE || rs[i].proposed == GRADE_NONE)
			continue;
		rc = decision_put(s->db, &rs[i].unit, rs[i].proposed, AUTO_REASON) == 0 ? 0 : svc_fail_db(s);
		if (rc == 0)
			diag_add(&out->automatic, "%s：按拟定档次确定为%s", rs[i].unit.name,
				 scheme_grade_name(rs[i].grading, rs[i].proposed));
	}
	stored_results_free(rs, n);
	if (rc == 0 && year_set_state(s->db, "approved", true) != 0)
		rc = svc_fail_db(s);
	if (rc == 0 && audit_add(s->db, "year.approve", NULL, NULL, "未审定", "已审定", NULL) != 0)
		rc = svc_fail_db(s);
	if (rc == 0 && audit_verify(s->db, out->head) < 0)
		rc = svc_fail_db(s);
out:
	buf_free(&b);
	svc_status_free(&st);
	return rc;
}

int svc_approve(struct svc *s, struct svc_approval *out)
{
	return svc_approve_signed(s, NULL, out);
}

int svc_approve_signed(struct svc *s, const char *keyfile, struct svc_approval *out)
{
	memset(out, 0, sizeof *out);
	unsigned char sk[64];
	if (svc_allow(s, OP_APPROVE, NULL) != 0 || svc_signing_key(s, keyfile, sk) != 0)
		return -1;
	int rc = svc_begin(s);
	if (rc == 0) {
		rc = approve_tx(s, out);
		if (rc == 0 && keyfile)
			rc = svc_sign_head(s, sk, out);
		rc = svc_end(s, rc);
	}
	sodium_memzero(sk, sizeof sk);
	return rc;
}

int svc_reopen(struct svc *s, const char *reason)
{
	if (svc_allow(s, OP_APPROVE, NULL) != 0 ||
	    svc_text(s, "reason", "重新开放的原因", reason, TEXT_NOTE_MAX, true, true) != 0 ||
	    svc_begin_any(s) != 0)
		return -1;
	if (db_use_year(s->db, db_year(s->db)) != 0)
		return svc_end(s, svc_fail_db(s));
	if (!db_approved(s->db))
		return svc_end(s, svc_fail(s, SVC_CONFLICT, NULL, "%d 年度尚未审定，无需重新开放",
					   db_year(s->db)));
	/* Grades taken from the proposals at approval are withdrawn: the
	 * proposals may change now. Decisions the office made stay. A
	 * published year is withdrawn from publication, and the city
	 * government's consent, given to the results as they were, lapses. */
	struct buf withdrawn = {0}, what = {0};
	int rc = year_set_state(s->db, "approved", false) == 0 &&
		 year_set_state(s->db, "published", false) == 0 &&
		 year_set_consent(s->db, NULL, NULL) == 0 &&
		 decision_withdraw_auto(s->db, &withdrawn) == 0 ? 0 : svc_fail_db(s);
	if (rc == 0) {
		buf_printf(&what, "未审定%s%s%s", withdrawn.len ? "（撤回按拟定档次确定的档次：" : "",
			   buf_str(&withdrawn), withdrawn.len ? "）" : "");
		if (audit_add(s->db, "year.reopen", NULL, NULL, "已审定", buf_str(&what), reason) != 0)
			rc = svc_fail_db(s);
	}
	buf_free(&withdrawn);
	buf_free(&what);
	return svc_end(s, rc);
}

/* Whether the city government's consent is recorded (false with the
 * session's error set if it cannot be read). */
static bool consented(struct svc *s)
{
	s->err.code = SVC_OK;
	struct year_info y;
	if (year_info_get(s->db, &y) != 0) {
		svc_fail_db(s);
		return false;
	}
	bool ok = y.consent_date != NULL;
	year_info_clear(&y);
	return ok;
}

int svc_consent(struct svc *s, const char *date, const char *ref)
{
	if (svc_allow(s, OP_CONSENT, NULL) != 0)
		return -1;
	if (!date_valid(date, NULL))
		return svc_fail(s, SVC_INVALID, "date", "日期“%s”须是 YYYY-MM-DD 形式的日期", date ? date : "");
	/* consent follows the assessment and cannot be given in the future */
	char today[11];
	date_today(today);
	if (strcmp(date, today) > 0)
		return svc_fail(s, SVC_INVALID, "date", "市政府同意的日期 %s 晚于今天（%s）", date, today);
	char *from = NULL, *to = NULL;
	if (year_window(s->db, &from, &to) == 0 && to && strcmp(date, to) < 0) {
		svc_fail(s, SVC_INVALID, "date", "市政府同意的日期 %s 早于考核结束的日期 %s", date, to);
		free(from);
		free(to);
		return -1;
	}
	free(from);
	free(to);
	if (svc_text(s, "ref", "文号", ref, TEXT_TITLE_MAX, false, true) != 0 || svc_begin_any(s) != 0)
		return -1;
	int rc;
	if (db_use_year(s->db, db_year(s->db)) != 0)
		rc = svc_fail_db(s);
	else if (!db_approved(s->db))
		rc = svc_fail(s, SVC_CONFLICT, NULL, "%d 年度考核结果尚未审定，须先审定再报市政府同意", db_year(s->db));
	else {
		struct buf what = {0};
		buf_printf(&what, "%s 市政府同意（%s）", date, ref);
		rc = year_set_consent(s->db, date, ref) == 0 &&
		     audit_add(s->db, "year.consent", NULL, NULL, NULL, buf_str(&what), NULL) == 0 ? 0 : svc_fail_db(s);
		buf_free(&what);
	}
	return svc_end(s, rc);
}

int svc_publish(struct svc *s)
{
	if (svc_allow(s, OP_PUBLISH, NULL) != 0 || svc_begin_any(s) != 0)
		return -1;
	int rc;
	if (db_use_year(s->db, db_year(s->db)) != 0)
		rc = svc_fail_db(s);
	else if (!db_approved(s->db))
		rc = svc_fail(s, SVC_CONFLICT, NULL, "%d 年度考核结果尚未审定，不能公布", db_year(s->db));
	else if (db_published(s->db))
		rc = svc_fail(s, SVC_CONFLICT, NULL, "%d 年度考核结果已经公布", db_year(s->db));
	else if (!consented(s))
		rc = s->err.code != SVC_OK ? -1
			: svc_fail(s, SVC_CONFLICT, NULL, "%d 年度考核结果尚未报市政府同意（须先记录市政府同意的日期和文号）",
				   db_year(s->db));
	else
		rc = year_set_state(s->db, "published", true) == 0 &&
		     audit_add(s->db, "year.publish", NULL, NULL, "未公布", "已公布", NULL) == 0 ? 0
		     : svc_fail_db(s);
	return svc_end(s, rc);
}
