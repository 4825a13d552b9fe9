/* xlsx_rows.c: what a unit's sheet and the results say, cell by cell,
 * from the stored results (never scored again here): the rows of the
 * attachment's table for a unit (the XLSX sheet and its CSV), and the
 * words of the ranking's and the accident list's cells (the XLSX workbook
 * and the CSV tables), so that every format states the same thing. The
 * readings follow the command line's (render/result_text.c) and the web's
 * (web/page_results.c). */
#include "../core/period.h"
#include "xlsx_book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/date.h"

/* ---- a unit's sheet ---- */

struct walk {
	sheet_row_fn fn;
	void *ctx;
	struct buf item, explain;
};

/* An item bounded only by its category (a judged deduction with no points
 * of its own, a per-occurrence rule with no cap): it shows what it took,
 * not a score out of the category's points (as kaohe explain does). */
static bool unbounded(const struct node *n, const struct stored_node *sn)
{
	return node_is_leaf(n) && n->parent && n->parent->score == SCORE_DEDUCT && n->parent->nchildren > 1 &&
	       n->points == node_inner(n->parent) && !(sn->state & NODE_NA);
}

/* One node's row; full: its full marks (over the year, node_year_points). */
static int node_row(struct walk *w, const struct node *n, points_t full, const struct stored_node *sn,
		    const char *sheet)
{
	bool group = n->nchildren > 0;
	bool na = sn->state & NODE_NA, missing = sn->state & NODE_MISSING, input = sn->state & NODE_INPUT;
	bool open = unbounded(n, sn);
	char pt[POINTS_BUFSZ];
	struct sheet_row row = {
		.kind = n->depth == 1 ? SROW_PART : group ? SROW_GROUP : SROW_ITEM,
		.depth = n->depth, .sheet = sheet, .code = n->code, .title = n->title,
		.has_points = !open, .points = full, .text = n->text, .method = n->method,
		.has_score = !na && !missing && !open, .score = sn->score, .deduction = sn->deduction,
	};
	buf_reset(&w->item);
	buf_printf(&w->item, "%s %s", n->code, n->title);
	if (!open)
		buf_printf(&w->item, "（%s%s 分）", n->bonus ? "加分，最高 " : "", points_fmt(full, pt));
	row.item = buf_str(&w->item);
	if (na)
		row.deduction_word = "不适用";
	else if (missing)
		row.deduction_word = "未录入";
	else
		row.has_deduction = group ? sn->deduction != 0 : input || sn->deduction != 0;
	buf_reset(&w->explain);
	/* an item nobody found anything on says only 未发现问题: left out */
	if (sn->derivation && *sn->derivation && (input || group || missing || na))
		buf_puts(&w->explain, sn->derivation);
	if (sn->warning)
		buf_printf(&w->explain, "%s提示：%s", w->explain.len ? "\n" : "", sn->warning);
	row.explain = w->explain.len ? buf_str(&w->explain) : NULL;
	return w->fn(w->ctx, &row);
}

/* A line under the table: a veto, what is missing, the grades. */
static int note_row(struct walk *w, const char *text)
{
	struct sheet_row row = {.kind = SROW_NOTE, .code = "", .item = text, .title = text};
	return w->fn(w->ctx, &row);
}

static int total_rows(struct walk *w, const struct stored_result *r)
{
	const struct scheme *sc = r->scheme;
	const struct stored_node *root = &r->nodes[0];
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	buf_reset(&w->item);
	buf_printf(&w->item, "总分（满分 %s 分）", points_fmt(scheme_year_points(sc), b1));
	buf_reset(&w->explain);
	if (root->node && root->derivation)
		buf_puts(&w->explain, root->derivation);
	if (r->total != r->raw_total)
		buf_printf(&w->explain, "%s各部分合计 %s 分，总分计 %s 分", w->explain.len ? "\n" : "",
			   points_fmt(r->raw_total, b1), points_fmt(r->total, b2));
	struct sheet_row row = {.kind = SROW_TOTAL, .code = "", .item = buf_str(&w->item), .title = "总分",
				.has_points = true, .points = scheme_year_points(sc),
				.has_deduction = root->node != NULL, .deduction = root->deduction,
				.has_score = true, .score = r->total,
				.explain = w->explain.len ? buf_str(&w->explain) : NULL};
	int rc = w->fn(w->ctx, &row);
	struct buf b = {0};
	if (r->mandatory_failed) {
		buf_printf(&b, "必达项 %s 未得满分，总分计 0 分", r->mandatory_failed);
		rc = rc ? rc : note_row(w, buf_str(&b));
	}
	for (int i = 0; i < r->nvetoes && !rc; i++) {
		char *v = veto_words(&(struct stored_result){.vetoes = &r->vetoes[i], .nvetoes = 1}, "");
		buf_reset(&b);
		buf_printf(&b, "否决：%s", v);
		free(v);
		rc = note_row(w, buf_str(&b));
	}
	buf_reset(&b);
	if (r->incomplete) {
		buf_puts(&b, "结果未完成，不排名次：缺少 ");
		for (int i = 0; i < r->nmissing; i++)
			buf_printf(&b, "%s%s", i ? "、" : "", r->missing[i]);
		buf_puts(&b, " 的评分");
		if (r->proposed != GRADE_NONE)
			buf_printf(&b, "；受一票否决，拟定档次：%s", scheme_grade_name(r->grading, r->proposed));
	} else {
		buf_printf(&b, "按分数：%s；拟定档次：%s", scheme_grade_name(r->grading, r->by_score), scheme_grade_name(r->grading, r->proposed));
		if (r->rank)
			buf_printf(&b, "；名次：%d", r->rank);
	}
	rc = rc ? rc : note_row(w, buf_str(&b));
	if (r->decision.grade != GRADE_NONE && !rc) {
		buf_reset(&b);
		buf_printf(&b, "确定档次：%s", scheme_grade_name(r->grading, r->decision.grade));
		if (*decision_reason(r))
			buf_printf(&b, "（%s）", decision_reason(r));
		char *issue = stored_decision_issue(r);
		if (issue)
			buf_printf(&b, "；%s", issue);
		free(issue);
		rc = note_row(w, buf_str(&b));
	}
	buf_free(&b);
	return rc;
}

/* A sampled unit's sheet under sheets node x: its label, then its rows. */
static int sampled_rows(struct walk *w, const struct stored_result *r, const struct node *x,
			const struct stored_sheet *sh)
{
	const struct scheme *sc = r->scheme;
	char b1[POINTS_BUFSZ];
	buf_reset(&w->item);
	buf_printf(&w->item, "抽查单位：%s", sh->label);
	buf_reset(&w->explain);
	buf_printf(&w->explain, "本表得分计入 %s %s（各抽查单位得分的平均值，满分 %s 分）", x->code, x->title,
		   points_fmt(x->points, b1));
	struct sheet_row row = {.kind = SROW_LABEL, .depth = x->depth, .sheet = sh->label, .code = x->code,
				.item = buf_str(&w->item), .title = sh->label, .text = buf_str(&w->explain),
				.has_score = true, .score = sh->nodes[x->index].score};
	int rc = w->fn(w->ctx, &row);
	for (int j = x->index + 1; j < sc->nnodes && !rc; j++) {
		const struct node *n = sc->nodes[j];
		if (n->depth <= x->depth)
			break;
		if (sh->nodes[j].node)
			rc = node_row(w, n, n->points, &sh->nodes[j], sh->label);
	}
	return rc;
}

/* The unit's stored result with its tree, or the reason there is none:
 * a sampled unit's sheet is part of its county's, a provincial or
 * excluded unit has no sheet here. */
int sheet_result(struct svc *s, const char *name, struct stored_result *r, struct svc_error *err)
{
	struct unit u;
	if (svc_unit_get(s, name, &u) != 0)
		return report_fail_svc(s, err);
	int rc = 0;
	struct buf why = {0};
	enum unit_sheet own = unit_sheet_of(&u, &why);
	if (own != UNIT_SHEET_OWN)
		rc = report_fail(err, own == UNIT_SHEET_PART ? SVC_INVALID : SVC_CONFLICT, "%s", buf_str(&why));
	else if (svc_result(s, name, true, r) != 0)
		rc = report_fail_svc(s, err);
	else if (!r->nodes) {
		stored_result_clear(r);
		rc = report_fail(err, SVC_CONFLICT, "“%s”没有逐项评分表", u.name);
	}
	unit_clear(&u);
	return rc;
}

int sheet_rows(const struct stored_result *r, sheet_row_fn fn, void *ctx)
{
	const struct scheme *sc = r->scheme;
	if (!sc || !r->nodes)
		return 0;
	struct walk w = {fn, ctx, {0}, {0}};
	int rc = 0;
	/* the own sheet: every node outside the sampled units' sheets */
	for (int i = 1; i < sc->nnodes && !rc; i++) {
		const struct node *n = sc->nodes[i];
		if (n->sheet_root && n->sheet_root != n)
			continue;
		if (r->nodes[i].node)
			rc = node_row(&w, n, node_year_points(sc, n), &r->nodes[i], NULL);
	}
	for (int i = 1; i < sc->nnodes && !rc; i++) {
		const struct node *x = sc->nodes[i];
		if (x->score != SCORE_SHEETS)
			continue;
		for (int k = 0; k < r->nsheets && !rc; k++)
			if (r->sheets[k].nodes[x->index].node)
				rc = sampled_rows(&w, r, x, &r->sheets[k]);
	}
	if (!rc)
		rc = total_rows(&w, r);
	buf_free(&w.item);
	buf_free(&w.explain);
	return rc;
}

/* ---- the results' cells ---- */

char *veto_words(const struct stored_result *r, const char *sep)
{
	struct buf b = {0};
	for (int i = 0; i < r->nvetoes; i++) {
		const struct stored_veto *v = &r->vetoes[i];
		if (i)
			buf_puts(&b, sep);
		if (v->effect == EFFECT_FAIL)
			buf_printf(&b, "一票否决（%s）：", scheme_grade_name(r->grading, GRADE_FAIL));
		else if (v->effect == EFFECT_ZERO)
			buf_puts(&b, "否决（总分计 0 分）：");
		else
			buf_printf(&b, "%s（最高%s）：", scheme_cap_word(r->grading),
				   scheme_grade_name(r->grading, v->grade));
		buf_printf(&b, "%s（%s）", v->title, v->detail ? v->detail : "");
	}
	return buf_take(&b);
}

char *result_notes(const struct stored_result *r, const char *sep)
{
	struct buf b = {0};
	if (r->provincial)
		buf_puts(&b, "省考核组考核，得分和档次取自省考核结果");
	if (r->incomplete) {
		buf_printf(&b, "%s结果未完成，不排名次；缺少 ", b.len ? sep : "");
		for (int i = 0; i < r->nmissing; i++)
			buf_printf(&b, "%s%s", i ? "、" : "", r->missing[i]);
		if (!r->nmissing)
			buf_puts(&b, r->provincial ? "省考核得分" : "录入分");
	}
	if (r->mandatory_failed)
		buf_printf(&b, "%s必达项 %s 未得满分，总分计 0 分", b.len ? sep : "", r->mandatory_failed);
	char *issue = stored_decision_issue(r);
	if (issue)
		buf_printf(&b, "%s%s", b.len ? sep : "", issue);
	free(issue);
	return buf_take(&b);
}

const char *decision_reason(const struct stored_result *r)
{
	const struct decision_rec *d = &r->decision;
	if (d->grade == GRADE_NONE)
		return "";
	if (d->automatic)
		return "审定时按拟定档次确定";
	return d->reason ? d->reason : "";
}

/* ---- the accidents' cells ---- */

char *accident_grade_words(const struct accident_rec *a)
{
	struct buf b = {0};
	buf_puts(&b, accident_grade_name(accident_rec_grade(a)));
	if (a->occupational)
		buf_puts(&b, "（职业病危害）");
	if (a->grade)
		buf_puts(&b, "（事故调查认定）");
	return buf_take(&b);
}

char *accident_misreport_words(const struct accident_rec *a)
{
	struct buf b = {0};
	if (a->concealed)
		buf_puts(&b, "瞒报");
	if (a->false_report)
		buf_printf(&b, "%s谎报", b.len ? "、" : "");
	if (a->omitted)
		buf_printf(&b, "%s漏报", b.len ? "、" : "");
	return buf_take(&b);
}

const char *accident_misreporter(const struct accident_rec *a)
{
	if (!a->concealed && !a->false_report && !a->omitted)
		return "";
	return a->misreported_by ? a->misreported_by : a->county;
}

char *accident_department_words(const struct accident_rec *a)
{
	struct buf b = {0};
	if (!a->department)
		buf_puts(&b, a->industry ? "无监管部门" : "");
	else if (!a->department_registered)
		buf_printf(&b, "%s（未登记为被考核单位）", a->department);
	else
		buf_puts(&b, a->department);
	return buf_take(&b);
}

char *date_words(const char *iso, char *out)
{
	char day[DATE_CN_SIZE];
	date_cn(iso && date_valid(iso, NULL) ? iso : NULL, day);
	snprintf(out, 32, "%s", iso && date_valid(iso, NULL) ? day : iso ? iso : "");
	return out;
}
