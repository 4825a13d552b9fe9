/* results.c: computing and storing every unit's result, reading the stored
 * results, explaining one unit from its current records, and what is left
 * before approval. Scores come only from the core engine; ranking and
 * quotas from core/grade.c. */
#include "service_impl.h"
#include "../core/grade.h"
#include "../storage/audit.h"
#include "../storage/inputs.h"
#include "../storage/result.h"
#include "../storage/review.h"
#include "../storage/spot_check.h"
#include "../storage/state.h"
#include "../storage/unit.h"
#include "../storage/year.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What ranking needs of each stored result (the rest is stored as it is
 * computed, so memory does not grow with the year). */
struct ranked {
	long long unit_id;
	enum unit_kind kind;
	bool rankable;
	points_t total, raw_total;
	bool incomplete, provincial;
	enum grade proposed;
	int rank;
};

static int store_provincial(struct svc *s, const struct unit *u, const char *at, struct ranked *k)
{
	struct result_entry e = {.unit = u, .proposed = u->provincial_grade};
	*k = (struct ranked){u->id, u->kind, false, u->provincial_total, u->provincial_total,
			     !u->has_provincial_total, true, u->provincial_grade, 0};
	if (!at)
		return 0;
	return result_store(s->db, &e, at, 0) == 0 ? 0 : svc_fail_db(s);
}

/* Scores one unit and stores its result (at NULL: only scores it); problems go to d. Returns 1 if
 * it was scored, 0 if its findings could not be scored, -1 on failure. */
static int score_one(struct svc *s, const struct unit *u, const char *at, struct ranked *k,
		     struct svc_compute_report *rep, struct diag *d)
{
	struct unit_load L;
	if (unit_load(s->db, u, &L) != 0) {
		unit_load_free(&L);
		return svc_fail_db(s);
	}
	struct diag one = {0};
	struct result *r = score_unit(L.scheme, &L.in, &one);
	if (!r) {
		for (int i = 0; i < one.n; i++)
			diag_add(d, "%s：%s", u->name, one.msgs[i]);
		diag_free(&one);
		unit_load_free(&L);
		return 0;
	}
	diag_free(&one);
	/* A partial total is not comparable: no rank until complete. */
	*k = (struct ranked){u->id, u->kind, !r->incomplete, r->total, r->raw_total, r->incomplete,
			     false, r->proposed, 0};
	if (r->incomplete) {
		rep->incomplete++;
		struct buf miss = {0};
		for (int i = 0; i < r->nmissing; i++)
			buf_printf(&miss, "%s%s", i ? "、" : "", r->missing[i]);
		diag_add(&rep->notes, "%s：结果未完成，缺少 %s", u->name, buf_str(&miss));
		buf_free(&miss);
	}
	struct result_entry e = {u, r, L.sheets, L.sheet_ids, L.in.nsheets, L.veto_reasons, 0, r->proposed};
	int rc = !at || result_store(s->db, &e, at, 0) == 0 ? 1 : svc_fail_db(s);
	result_free(r);
	unit_load_free(&L);
	return rc;
}

/* Ranks the city-assessed units of one kind and applies the scheme's
 * quotas to their proposed grades. */
static void rank_kind(const struct scheme *sc, struct ranked *c, int n, enum unit_kind kind)
{
	int m = 0;
	for (int i = 0; i < n; i++)
		m += c[i].rankable && c[i].kind == kind;
	if (!m)
		return;
	points_t *totals = xmalloc((size_t)m * sizeof *totals);
	int *ranks = xmalloc((size_t)m * sizeof *ranks);
	enum grade *grades = xmalloc((size_t)m * sizeof *grades);
	struct ranked **who = xmalloc((size_t)m * sizeof *who);
	int k = 0;
	for (int i = 0; i < n; i++)
		if (c[i].rankable && c[i].kind == kind) {
			who[k] = &c[i];
			totals[k] = c[i].total;
			grades[k] = c[i].proposed;
			k++;
		}
	rank_totals(totals, m, ranks);
	grade_apply_quota(sc, totals, m, grades);
	for (int i = 0; i < m; i++) {
		who[i]->rank = ranks[i];
		who[i]->proposed = grades[i];
	}
	free(totals);
	free(ranks);
	free(grades);
	free(who);
}

/* Scores every unit of the current year and ranks them: what a compute
 * stores, into *out (nc entries). With store, the results are replaced. */
static int score_year(struct svc *s, bool store, struct svc_compute_report *rep, struct ranked **out,
		      int *nout)
{
	struct diag problems = {0};
	struct ranked *c = NULL;
	int nc = 0, rc = 0;
	char now[32];
	db_now(now);
	const char *at = store ? now : NULL;
	*out = NULL;
	*nout = 0;
	enum unit_kind *kinds;
	int nk;
	if (store && result_clear_year(s->db) != 0)
		return svc_fail_db(s);
	/* every kind the year has a scheme for, each ranked within itself */
	if (year_kinds(s->db, &kinds, &nk) != 0)
		return svc_fail_db(s);
	for (int ki = 0; ki < nk && rc == 0; ki++) {
		int kind = (int)kinds[ki];
		struct unit *units;
		int n;
		if (unit_list(s->db, kind, &units, &n) != 0) {
			free(c);
			free(kinds);
			return svc_fail_db(s);
		}
		c = xrealloc(c, (size_t)(nc + n + 1) * sizeof *c);
		for (int i = 0; i < n && rc == 0; i++) {
			const struct unit *u = &units[i];
			if (u->status == STATUS_EXCLUDED) {
				rep->excluded++;
			} else if (u->status == STATUS_PROVINCIAL) {
				rep->provincial++;
				rc = store_provincial(s, u, at, &c[nc++]);
				if (rc == 0 && !u->has_provincial_total)
					diag_add(&rep->notes, "%s：结果未完成，缺少 省考核得分", u->name);
				rep->incomplete += !u->has_provincial_total;
			} else {
				int r = score_one(s, u, at, &c[nc], rep, &problems);
				if (r < 0)
					rc = -1;
				else if (r > 0) {
					rep->scored++;
					nc++;
				}
			}
		}
		unit_list_free(units, n);
	}
	if (rc == 0 && problems.n)
		rc = svc_fail_problems(s, &problems, "有单位的评分记录有误，未计分，原有结果保持不变");
	for (int ki = 0; ki < nk && rc == 0; ki++) {
		const struct scheme *sc = year_scheme(s->db, kinds[ki]);
		if (!sc) {
			rc = svc_fail_db(s);
			break;
		}
		rank_kind(sc, c, nc, kinds[ki]);
	}
	free(kinds);
	diag_free(&problems);
	if (rc != 0) {
		free(c);
		return rc;
	}
	*out = c;
	*nout = nc;
	return 0;
}

static int compute_tx(struct svc *s, struct svc_compute_report *rep)
{
	struct ranked *c;
	int nc;
	int rc = score_year(s, true, rep, &c, &nc);
	if (rc != 0)
		return rc;
	char digest[65];
	if (state_digest(s->db, digest) != 0 || year_set_inputs_digest(s->db, digest) != 0)
		rc = svc_fail_db(s);
	struct buf what = {0};
	buf_printf(&what, "计分 %d 个单位（省考核 %d，不考核 %d，未完成 %d）", rep->scored, rep->provincial,
		   rep->excluded, rep->incomplete);
	if (rc == 0 && audit_add(s->db, "compute", NULL, NULL, NULL, buf_str(&what), NULL) != 0)
		rc = svc_fail_db(s);
	buf_free(&what);
	/* The results are current as of this compute's record; ranks and the
	 * proposals after the quota are known only now. */
	if (rc == 0 && result_set_seq(s->db, audit_head_seq(s->db)) != 0)
		rc = svc_fail_db(s);
	for (int i = 0; i < nc && rc == 0; i++)
		if (result_set_rank(s->db, c[i].unit_id, c[i].rank, c[i].proposed) != 0)
			rc = svc_fail_db(s);
	free(c);
	return rc;
}

int svc_compute(struct svc *s, struct svc_compute_report *out)
{
	memset(out, 0, sizeof *out);
	if (svc_allow(s, OP_COMPUTE, NULL) != 0 || svc_begin(s) != 0)
		return -1;
	return svc_end(s, compute_tx(s, out));
}

int svc_results_stale(struct svc *s)
{
	return results_stale(s->db);
}

int svc_results(struct svc *s, int kind, bool tree, struct stored_result **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (svc_allow(s, OP_RESULTS_READ, NULL) != 0 || svc_begin_read(s) != 0)
		return -1;
	int rc = result_read_all(s->db, kind, tree, out, n) == 0 ? 0 : svc_fail_db(s);
	svc_end(s, 0);
	if (rc != 0)
		return -1;
	/* An assessed unit sees its own result only. */
	int k = 0;
	for (int i = 0; i < *n; i++) {
		if (svc_sees_result(s, &(*out)[i].unit))
			(*out)[k++] = (*out)[i];
		else
			stored_result_clear(&(*out)[i]);
	}
	*n = k;
	return 0;
}

int svc_result(struct svc *s, const char *unit, bool tree, struct stored_result *out)
{
	memset(out, 0, sizeof *out);
	struct unit u;
	if (unit_get(s->db, unit, &u) != 0)
		return svc_fail_db(s);
	int rc = svc_allow(s, OP_RESULTS_READ, &u);
	if (rc == 0 && svc_begin_read(s) == 0) {
		rc = result_read_unit(s->db, &u, tree, out) == 0 ? 0 : svc_fail_db(s);
		svc_end(s, 0);
	} else {
		rc = -1;
	}
	unit_clear(&u);
	return rc;
}

int svc_score_now(struct svc *s, const struct unit *u, struct unit_load **L, struct result **r)
{
	*L = xcalloc(1, sizeof **L);
	*r = NULL;
	struct diag d = {0};
	int rc = 0;
	if (unit_load(s->db, u, *L) != 0)
		rc = svc_fail_db(s);
	else if (!(*r = score_unit((*L)->scheme, &(*L)->in, &d)))
		rc = svc_fail_problems(s, &d, "“%s”的评分记录有误", u->name);
	diag_free(&d);
	if (rc != 0) {
		unit_load_free(*L);
		free(*L);
		*L = NULL;
	}
	return rc;
}

void svc_score_now_free(struct unit_load *L, struct result *r)
{
	result_free(r);
	if (L) {
		unit_load_free(L);
		free(L);
	}
}

int svc_sheet_unit(struct svc *s, const char *name, struct unit *u)
{
	if (unit_get(s->db, name, u) != 0)
		return svc_fail_db(s);
	struct buf why = {0};
	if (unit_sheet_of(u, &why) == UNIT_SHEET_PART) {
		svc_fail(s, SVC_INVALID, "unit", "%s", buf_str(&why));
		buf_free(&why);
		unit_clear(u);
		return -1;
	}
	buf_free(&why);
	if (svc_allow(s, OP_EXPLAIN, u) != 0) {
		unit_clear(u);
		return -1;
	}
	return 0;
}

int svc_explain(struct svc *s, const char *name, struct svc_explain *out)
{
	memset(out, 0, sizeof *out);
	struct unit u;
	if (svc_sheet_unit(s, name, &u) != 0)
		return -1;
	int rc = -1;
	struct buf why = {0};
	if (unit_sheet_of(&u, &why) != UNIT_SHEET_OWN) {
		svc_fail(s, SVC_CONFLICT, "unit", "%s", buf_str(&why));
		buf_free(&why);
		goto out;
	}
	if (svc_begin_read(s) != 0)
		goto out;
	struct unit_load *L = NULL;
	if (svc_score_now(s, &u, &L, &out->r) == 0) {
		/* The proposal of the last compute includes the grade quota,
		 * which only a ranking of every unit can apply. */
		struct stored_result sr;
		if (results_stale(s->db) == 0 && result_read_unit(s->db, &u, false, &sr) == 0) {
			out->r->proposed = sr.proposed;
			out->current = true;
			stored_result_clear(&sr);
		}
		rc = 0;
	}
	svc_end(s, 0);
	if (rc == 0) {
		out->inputs = L;
		unit_copy(&out->unit, &u);
	}
out:
	unit_clear(&u);
	return rc;
}

void svc_explain_free(struct svc_explain *e)
{
	svc_score_now_free(e->inputs, e->r);
	unit_clear(&e->unit);
	memset(e, 0, sizeof *e);
}

/* ---- what is left before approval ---- */

static struct svc_todo *todo(struct svc_unit_status *u, enum svc_todo_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct svc_todo *todo(struct svc_unit_status *u, enum svc_todo_kind kind, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	u->todo = xrealloc(u->todo, (size_t)(u->ntodo + 1) * sizeof *u->todo);
	bool blocking = kind != TODO_CHECK && kind != TODO_REVIEW;
	u->todo[u->ntodo] = (struct svc_todo){kind, buf_take(&b), blocking, NULL};
	return &u->todo[u->ntodo++];
}

/* Every item left for one unit, from its record and its stored result
 * (sr NULL if it has none). */
/* 统计核实: the office verifies each sheet before it ranks; kaohe does not
 * hold approval for it (an office may verify on paper), but says which
 * sheets are not verified. */
static void review_todo(struct svc *s, struct svc_unit_status *us)
{
	const struct unit *u = &us->unit;
	if (u->status != STATUS_ASSESSED || db_approved(s->db))
		return;
	struct sheet_review rv;
	if (review_get(s->db, u->id, &rv) == 0 && rv.state != REVIEW_VERIFIED)
		todo(us, TODO_REVIEW, "评分表%s，尚未统计核实", rv.state == REVIEW_SUBMITTED ? "已提交"
		     : rv.state == REVIEW_RETURNED ? "已退回考核组" : "录入中");
	free(rv.remark);
	free(rv.actor);
	free(rv.at);
}

static void unit_todo(struct svc *s, struct svc_unit_status *us, const struct stored_result *sr,
		      const struct spot_size sizes[4], int stale)
{
	const struct unit *u = &us->unit;
	if (u->status == STATUS_PROVINCIAL) {
		if (!u->has_provincial_total)
			todo(us, TODO_PROVINCIAL, "录入省考核得分");
		if (u->provincial_grade == GRADE_NONE && !(sr && sr->decision.grade != GRADE_NONE))
			todo(us, TODO_PROVINCIAL, "录入省考核档次");
	} else {
		struct buf short_of = {0};
		if (svc_sample_short(s, u, sizes, &short_of))
			todo(us, TODO_SAMPLE, "抽查对象不全：%s", buf_str(&short_of));
		buf_free(&short_of);
	}
	if (!sr) {
		if (u->status == STATUS_ASSESSED)
			todo(us, TODO_UNCOMPUTED, "尚未计分");
		review_todo(s, us);
		return;
	}
	const char *when = stale > 0 ? "（上次计分时）" : "";
	if (sr->incomplete && u->status == STATUS_ASSESSED) {
		struct buf miss = {0};
		for (int i = 0; i < sr->nmissing; i++)
			buf_printf(&miss, "%s%s", i ? "、" : "", sr->missing[i]);
		todo(us, TODO_MISSING, "录入缺少的评分%s：%s", when, buf_str(&miss));
		buf_free(&miss);
	}
	char *issue = stored_decision_issue(sr);
	if (issue) {
		enum grade cap = GRADE_NONE;
		const struct decision_rec *d = &sr->decision;
		enum svc_todo_kind k = decision_check(sr, d->grade, d->reason, d->automatic, &cap) == DECISION_ABOVE_CAP
			? TODO_ABOVE_CAP : TODO_NO_REASON;
		struct svc_todo *t = todo(us, k, "%s", issue);
		if (k == TODO_ABOVE_CAP)
			t->cap = xstrdup(scheme_grade_name(sr->grading, cap));
	}
	free(issue);
	for (int i = 0; i < sr->nwarnings; i++)
		todo(us, TODO_CHECK, "核实：%s", sr->warnings[i]);
	review_todo(s, us);
}

static int by_unit_id(const void *a, const void *b)
{
	long long x = ((const struct stored_result *)a)->unit.id;
	long long y = ((const struct stored_result *)b)->unit.id;
	return x < y ? -1 : x > y;
}

int svc_status(struct svc *s, struct svc_status *out)
{
	memset(out, 0, sizeof *out);
	if (svc_allow(s, OP_STATUS, NULL) != 0 || svc_begin_read(s) != 0)
		return -1;
	struct spot_size sizes[4];
	struct stored_result *rs = NULL;
	int nrs = 0, rc = 0;
	out->stale = results_stale(s->db);
	if (out->stale == -2 || spot_sizes(s->db, sizes) != 0 || (out->stale >= 0 && result_read_all(s->db, -1, false, &rs, &nrs) != 0))
		rc = svc_fail_db(s);
	/* Results come ordered by rank, units by the official order: match
	 * them through an index sorted by unit id (n log n in the year). */
	if (nrs)
		qsort(rs, (size_t)nrs, sizeof *rs, by_unit_id);
	enum unit_kind *kinds = NULL;
	int nk = 0;
	if (rc == 0 && year_kinds(s->db, &kinds, &nk) != 0)
		rc = svc_fail_db(s);
	for (int ki = 0; ki < nk && rc == 0; ki++) {
		int kind = (int)kinds[ki];
		struct unit *units;
		int n;
		if (unit_list(s->db, kind, &units, &n) != 0) {
			rc = svc_fail_db(s);
			break;
		}
		out->units = xrealloc(out->units, (size_t)(out->n + n + 1) * sizeof *out->units);
		for (int i = 0; i < n; i++) {
			if (units[i].status == STATUS_EXCLUDED) {
				unit_clear(&units[i]);
				continue;
			}
			struct svc_unit_status *us = &out->units[out->n++];
			memset(us, 0, sizeof *us);
			us->unit = units[i];
			struct stored_result key = {.unit = {.id = us->unit.id}};
			const struct stored_result *sr = nrs ? bsearch(&key, rs, (size_t)nrs, sizeof *rs,
								      by_unit_id) : NULL;
			unit_todo(s, us, sr, sizes, out->stale);
			bool blocking = false;
			for (int t = 0; t < us->ntodo; t++)
				blocking |= us->todo[t].blocking;
			out->blocking += blocking;
			out->open += us->ntodo > 0;
		}
		free(units);
	}
	free(kinds);
	stored_results_free(rs, nrs);
	svc_end(s, 0);
	if (rc != 0)
		svc_status_free(out);
	return rc;
}

void svc_status_free(struct svc_status *st)
{
	for (int i = 0; i < st->n; i++) {
		unit_clear(&st->units[i].unit);
		for (int k = 0; k < st->units[i].ntodo; k++) {
			free(st->units[i].todo[k].text);
			free(st->units[i].todo[k].cap);
		}
		free(st->units[i].todo);
	}
	free(st->units);
	memset(st, 0, sizeof *st);
}

int svc_stamp(struct svc *s, struct svc_stamp *out)
{
	memset(out, 0, sizeof *out);
	if (svc_begin_read(s) != 0)
		return -1;
	out->year = db_year(s->db);
	const struct scheme *c = svc_scheme(s, KIND_COUNTY), *d = c ? svc_scheme(s, KIND_DEPARTMENT) : NULL;
	int rc = c && d ? 0 : -1;
	if (rc == 0) {
		out->county_scheme = xstrdup(c->title);
		out->department_scheme = xstrdup(d->title);
		/* a stamp is true or not made: a read that fails fails it */
		out->seq = audit_head(s->db, out->head);
		struct year_trust t;
		if (out->seq < 0 || year_trust_get(s->db, &t) != 0) {
			rc = svc_fail_db(s);
		} else {
			if (t.signature && t.signed_hash && t.public_key) {
				out->signed_seq = t.signed_seq;
				snprintf(out->signed_hash, sizeof out->signed_hash, "%s", t.signed_hash);
				snprintf(out->signature, sizeof out->signature, "%s", t.signature);
				snprintf(out->public_key, sizeof out->public_key, "%s", t.public_key);
			}
			year_trust_clear(&t);
		}
		out->stale = rc == 0 ? results_stale(s->db) : -1;
		struct stored_result *r;
		int n;
		if (out->stale == -2)
			rc = svc_fail_db(s);
		if (rc == 0 && out->stale >= 0) {
			if (result_read_all(s->db, -1, false, &r, &n) != 0) {
				rc = svc_fail_db(s);
			} else {
				for (int i = 0; i < n && !out->computed_at; i++)
					if (r[i].computed_at)
						out->computed_at = xstrdup(r[i].computed_at);
				stored_results_free(r, n);
			}
		}
	}
	if (svc_end(s, rc) != 0) {
		svc_stamp_clear(out);
		rc = -1;
	}
	return rc;
}

int svc_stamp_need(struct svc *s, enum svc_stamp_need need, struct svc_stamp *out)
{
	if (svc_stamp(s, out) != 0)
		return -1;
	if (!out->computed_at || out->stale < 0)
		svc_fail(s, SVC_CONFLICT, NULL, "%d 年度尚未计分，还没有考核结果", out->year);
	else if (need == STAMP_CURRENT && out->stale)
		svc_fail(s, SVC_CONFLICT, NULL, "%d 年度计分之后又有改动，结果已过期，须先重新计分", out->year);
	else
		return 0;
	s->err.next = SVC_NEXT_COMPUTE;
	svc_stamp_clear(out);
	return -1;
}

void svc_stamp_clear(struct svc_stamp *st)
{
	free(st->county_scheme);
	free(st->department_scheme);
	free(st->computed_at);
	memset(st, 0, sizeof *st);
}

/* Whether two texts a result may hold (NULL: none) differ. */
static bool text_differs(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

/* One stored node against the one scored now: what differs, named. */
static void recheck_node(struct diag *diffs, int year, const char *unit, const char *sheet,
			 const struct node_result *nr, const struct stored_node *sn, const struct node *n)
{
	char a[POINTS_BUFSZ], b[POINTS_BUFSZ], c[POINTS_BUFSZ], d[POINTS_BUFSZ];
	const char *code = n->code[0] ? n->code : "（全部）";
	if (!nr->node || !sn->node) {
		if (nr->node || sn->node)
			diag_add(diffs, "%d 年度 存储的结果（result_node）单位「%s」%s项目 %s：%s", year, unit, sheet, code,
				 nr->node ? "重新计分有此项，表中没有" : "重新计分没有此项，表中有");
		return;
	}
	int state = (nr->na ? NODE_NA : 0) | (nr->missing ? NODE_MISSING : 0) | (nr->has_input ? NODE_INPUT : 0);
	if (nr->score != sn->score || nr->deduction != sn->deduction)
		diag_add(diffs, "%d 年度 存储的结果（result_node）单位「%s」%s项目 %s：重新计分为得 %s 分（扣 %s 分），"
			 "表中为得 %s 分（扣 %s 分）", year, unit, sheet, code, points_fmt(nr->score, a),
			 points_fmt(nr->deduction, b), points_fmt(sn->score, c), points_fmt(sn->deduction, d));
	else if (state != sn->state || text_differs(nr->derivation, sn->derivation) ||
		 text_differs(nr->warning, sn->warning))
		diag_add(diffs, "%d 年度 存储的结果（result_node）单位「%s」%s项目 %s：计算过程重新计分为“%s”，表中为“%s”",
			 year, unit, sheet, code, nr->derivation ? nr->derivation : "", sn->derivation ? sn->derivation : "");
}

/* A scored unit's stored details — every node of its own sheet and of each
 * sampled sheet, its vetoes and notes — against the unit scored now. */
static int recheck_details(struct svc *s, const struct stored_result *sr, struct diag *diffs)
{
	struct unit_load *L;
	struct result *r;
	if (svc_score_now(s, &sr->unit, &L, &r) != 0)
		return -1;
	const char *name = sr->unit.name;
	int year = db_year(s->db);
	const struct scheme *sc = r->scheme;
	for (int i = 0; i < sc->nnodes && sr->nodes; i++) {
		const struct node_result *nr = &r->nodes[i];
		recheck_node(diffs, year, name, "", nr, &sr->nodes[i], sc->nodes[i]);
		for (int k = 0; k < nr->nsheets; k++) {
			const struct stored_sheet *ss = NULL;
			for (int j = 0; j < sr->nsheets && !ss; j++)
				if (strcmp(sr->sheets[j].label, nr->sheets[k].label) == 0)
					ss = &sr->sheets[j];
			struct buf where = {0};
			buf_printf(&where, "抽查单位「%s」", nr->sheets[k].label);
			for (int m = i; m < sc->nnodes; m++) {
				if (m > i && sc->nodes[m]->depth <= sc->nodes[i]->depth)
					break;
				static const struct stored_node none;
				recheck_node(diffs, year, name, buf_str(&where), &nr->sheets[k].nodes[m],
					     ss ? &ss->nodes[m] : &none, sc->nodes[m]);
			}
			buf_free(&where);
		}
	}
	bool vetoes = r->nvetoes != sr->nvetoes;
	for (int i = 0; i < r->nvetoes && !vetoes; i++) {
		const struct veto_rule *vr = r->vetoes[i].rule;
		vetoes = strcmp(vr->code, sr->vetoes[i].code) != 0 || vr->effect != sr->vetoes[i].effect ||
			 (vr->effect == EFFECT_AT_MOST && vr->grade != sr->vetoes[i].grade);
	}
	if (vetoes) {
		struct buf now = {0}, held = {0};
		for (int i = 0; i < r->nvetoes; i++)
			buf_printf(&now, "%s%s", i ? "、" : "", r->vetoes[i].rule->code);
		for (int i = 0; i < sr->nvetoes; i++)
			buf_printf(&held, "%s%s", i ? "、" : "", sr->vetoes[i].code);
		diag_add(diffs, "%d 年度 存储的结果（result_veto）单位「%s」否决：重新计分为 %s，表中为 %s", year, name,
			 now.len ? buf_str(&now) : "无", held.len ? buf_str(&held) : "无");
		buf_free(&now);
		buf_free(&held);
	}
	bool notes = r->nmissing != sr->nmissing || r->nwarnings != sr->nwarnings;
	for (int i = 0; i < r->nmissing && !notes; i++)
		notes = strcmp(r->missing[i], sr->missing[i]) != 0;
	for (int i = 0; i < r->nwarnings && !notes; i++)
		notes = strcmp(r->warnings[i], sr->warnings[i]) != 0;
	if (notes)
		diag_add(diffs, "%d 年度 存储的结果（result_note）单位「%s」缺少的评分或提示：重新计分为 %d 条、%d 条，"
			 "表中为 %d 条、%d 条", year, name, r->nmissing, r->nwarnings, sr->nmissing, sr->nwarnings);
	svc_score_now_free(L, r);
	return 0;
}

int svc_results_recheck(struct svc *s, struct diag *diffs)
{
	char pa[POINTS_BUFSZ], pb[POINTS_BUFSZ];
	struct svc_compute_report rep = {0};
	struct ranked *c;
	int nc;
	int rc = score_year(s, false, &rep, &c, &nc);
	diag_free(&rep.notes);
	if (rc != 0)
		return rc;
	struct stored_result *r;
	int n;
	if (result_read_all(s->db, -1, true, &r, &n) != 0) {
		free(c);
		return svc_fail_db(s);
	}
	bool *seen = xcalloc((size_t)nc + 1, sizeof *seen);
	for (int i = 0; i < n; i++) {
		const struct stored_result *sr = &r[i];
		int k = 0;
		while (k < nc && c[k].unit_id != sr->unit.id)
			k++;
		const char *name = sr->unit.name;
		if (k == nc) {
			diag_add(diffs, "%d 年度 存储的结果（result_unit）单位「%s」：重新计分没有此单位的结果，表中有（总分 %s）",
				 db_year(s->db), name, points_fmt(sr->total, pa));
			continue;
		}
		seen[k] = true;
		const struct ranked *f = &c[k];
		if (f->total != sr->total)
			diag_add(diffs, "%d 年度 存储的结果（result_unit）单位「%s」总分：重新计分为 %s，表中为 %s",
				 db_year(s->db), name, points_fmt(f->total, pa), points_fmt(sr->total, pb));
		if (!f->provincial && f->raw_total != sr->raw_total)
			diag_add(diffs, "%d 年度 存储的结果（result_unit）单位「%s」扣减前总分：重新计分为 %s，表中为 %s",
				 db_year(s->db), name, points_fmt(f->raw_total, pa), points_fmt(sr->raw_total, pb));
		if (f->incomplete != sr->incomplete)
			diag_add(diffs, "%d 年度 存储的结果（result_unit）单位「%s」是否完成：重新计分为%s，表中为%s",
				 db_year(s->db), name, f->incomplete ? "未完成" : "已完成",
				 sr->incomplete ? "未完成" : "已完成");
		if (f->rank != sr->rank)
			diag_add(diffs, "%d 年度 存储的结果（result_unit）单位「%s」名次：重新计分为 %d，表中为 %d",
				 db_year(s->db), name, f->rank, sr->rank);
		if (f->proposed != sr->proposed)
			diag_add(diffs, "%d 年度 存储的结果（result_unit）单位「%s」拟定档次：重新计分为 %s，表中为 %s",
				 db_year(s->db), name, f->proposed == GRADE_NONE ? "无"
				 : scheme_grade_name(sr->grading, f->proposed),
				 sr->proposed == GRADE_NONE ? "无" : scheme_grade_name(sr->grading, sr->proposed));
		if (!sr->provincial && !f->provincial && recheck_details(s, sr, diffs) != 0) {
			free(seen);
			stored_results_free(r, n);
			free(c);
			return -1;
		}
	}
	for (int k = 0; k < nc; k++)
		if (!seen[k]) {
			struct unit u;
			char *name = NULL;
			if (unit_get_id(s->db, c[k].unit_id, &u) == 0) {
				name = xstrdup(u.name);
				unit_clear(&u);
			}
			diag_add(diffs, "%d 年度 存储的结果（result_unit）单位「%s」：重新计分有结果（总分 %s），表中没有",
				 db_year(s->db), name ? name : "?", points_fmt(c[k].total, pa));
			free(name);
		}
	free(seen);
	stored_results_free(r, n);
	free(c);
	return 0;
}
