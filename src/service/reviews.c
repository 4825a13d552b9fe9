/* reviews.c: the office's verification of the teams' sheets (统计核实):
 * the leader submits, the office returns with a remark or verifies; a
 * verified sheet is locked against the team, and goes back to be
 * verified when the office changes a finding on it (findings.c). */
#include "service_impl.h"
#include "../storage/review.h"
#include "../storage/team.h"
#include "../storage/unit.h"

#include <stdlib.h>
#include <string.h>

static int review_of(struct svc *s, const struct unit *u, struct sheet_review *r)
{
	memset(r, 0, sizeof *r);
	if (review_get(s->db, u->id, r) != 0)
		return svc_fail_db(s);
	unit_copy(&r->unit, u);
	r->team = team_of_unit(s->db, u->id);
	return 0;
}

int svc_review_list(struct svc *s, struct sheet_review **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (svc_allow(s, OP_REVIEW_READ, NULL) != 0 || svc_begin_read(s) != 0)
		return -1;
	struct unit *u;
	int nu, rc = unit_list(s->db, -1, &u, &nu) == 0 ? 0 : svc_fail_db(s);
	for (int i = 0; rc == 0 && i < nu; i++) {
		if (!unit_kind_assessed(u[i].kind) || u[i].status != STATUS_ASSESSED ||
		    !svc_may(s, OP_REVIEW_READ, &u[i]))
			continue;
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		rc = review_of(s, &u[i], &(*out)[*n]);
		(*n)++;
	}
	if (rc == 0)
		unit_list_free(u, nu);
	svc_end(s, 0);
	if (rc != 0) {
		sheet_review_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* The county or department named, scored item by item. */
static int sheet_unit(struct svc *s, const char *name, enum svc_op op, struct unit *u)
{
	if (unit_get(s->db, name, u) != 0)
		return svc_fail_db(s);
	if (svc_allow(s, op, u) != 0)
		return -1;
	struct buf why = {0};
	enum unit_sheet own = unit_sheet_of(u, &why);
	if (own != UNIT_SHEET_OWN) {
		svc_fail(s, own == UNIT_SHEET_PART ? SVC_INVALID : SVC_CONFLICT, "unit", "%s", buf_str(&why));
		buf_free(&why);
		return -1;
	}
	return 0;
}

int svc_review_get(struct svc *s, const char *unit, struct sheet_review *out)
{
	memset(out, 0, sizeof *out);
	struct unit u = {0};
	int rc = sheet_unit(s, unit, OP_REVIEW_READ, &u);
	if (rc == 0)
		rc = review_of(s, &u, out);
	unit_clear(&u);
	return rc;
}

/* The unit's total now, for the record of a step. */
static int total_now(struct svc *s, const struct unit *u, points_t *total)
{
	struct unit_load *L;
	struct result *r;
	if (svc_score_now(s, u, &L, &r) != 0)
		return -1;
	*total = r->total;
	svc_score_now_free(L, r);
	return 0;
}

static int step(struct svc *s, const char *unit, enum svc_op op, enum review_state to, const char *remark)
{
	struct unit u = {0};
	int rc = sheet_unit(s, unit, op, &u);
	if (rc == 0 && to == REVIEW_RETURNED && svc_text(s, "remark", "退回意见", remark, TEXT_NOTE_MAX, true, true) != 0)
		rc = -1;
	if (rc != 0 || svc_begin(s) != 0) {
		unit_clear(&u);
		return -1;
	}
	struct sheet_review r;
	rc = review_get(s->db, u.id, &r) == 0 ? 0 : svc_fail_db(s);
	if (rc == 0) {
		bool ok = to == REVIEW_SUBMITTED ? r.state == REVIEW_OPEN || r.state == REVIEW_RETURNED
			: r.state == REVIEW_SUBMITTED;
		if (!ok)
			rc = svc_fail(s, SVC_CONFLICT, "state", "“%s”的评分表现在是“%s”，不能%s", u.name,
				      review_state_title(r.state),
				      to == REVIEW_SUBMITTED ? "提交核实" : to == REVIEW_RETURNED ? "退回" : "核实");
	}
	free(r.remark);
	free(r.actor);
	free(r.at);
	points_t total = 0;
	bool with_total = to == REVIEW_SUBMITTED || to == REVIEW_VERIFIED;
	if (rc == 0 && with_total)
		rc = total_now(s, &u, &total);
	if (rc == 0)
		rc = review_put(s->db, &u, to, with_total ? &total : NULL, remark) == 0 ? 0 : svc_fail_db(s);
	unit_clear(&u);
	return svc_end(s, rc);
}

int svc_review_submit(struct svc *s, const char *unit)
{
	return step(s, unit, OP_REVIEW_SUBMIT, REVIEW_SUBMITTED, NULL);
}

int svc_review_return(struct svc *s, const char *unit, const char *remark)
{
	return step(s, unit, OP_REVIEW_VERIFY, REVIEW_RETURNED, remark);
}

int svc_review_verify(struct svc *s, const char *unit)
{
	return step(s, unit, OP_REVIEW_VERIFY, REVIEW_VERIFIED, NULL);
}
