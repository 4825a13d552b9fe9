/* sheet_pdf.c: a unit's sheet as a PDF document, A4 landscape, in the
 * attachment's layout (考核项 | 考核内容及评分标准 | 考核方式 | 扣分 | 得分 |
 * 扣分说明): every node of the unit's own sheet with its stored score,
 * deduction and derivation, groups as shaded rows with their subtotals,
 * the total; then each sampled unit's sheet; then the result and grade,
 * the notes written with the findings, the unit's objections and the
 * office's answers; the stamp in every page's footer. Every figure is
 * the stored one (svc_result with its tree), printed by points_fmt. */
#include "../core/period.h"
#include "pdf_frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct pdf_column columns[] = {
	{"考核项", 2.3, PDF_LEFT, false},
	{"考核内容及评分标准", 5.0, PDF_LEFT, false},
	{"考核方式", 3.0, PDF_LEFT, false},
	{"扣分", 0.75, PDF_RIGHT, true},
	{"得分", 0.75, PDF_RIGHT, true},
	{"扣分说明", 3.2, PDF_LEFT, false},
};
#define TABLE_SIZE 8.5

static const struct pdf_style caption = {.face = PDF_SANS, .size = 10.5, .bold = true, .before = 12, .after = 4,
					 .keep = true};
static const struct pdf_style info = {.face = PDF_SANS, .size = 9.5, .align = PDF_CENTER, .after = 2};
static const struct pdf_style line = {.face = PDF_SANS, .size = 9.5, .after = 2.5};
static const struct pdf_style method_style = {.face = PDF_SANS, .size = 8.5, .after = 4, .keep = true};
static const struct pdf_style entry = {.face = PDF_SANS, .size = 9.5, .indent = 12, .after = 1.5};

/* An item bounded only by its category (a judged deduction with no
 * stated points): it shows what it took, not a score beside its
 * siblings' (as kaohe explain does). */
static bool unbounded(const struct node *n)
{
	return node_is_leaf(n) && n->parent && n->parent->score == SCORE_DEDUCT && n->parent->nchildren > 1 &&
	       n->points == node_inner(n->parent);
}

/* One node's row; full: its full marks (over the year, node_year_points). */
static void node_row(struct pdf_doc *d, const struct node *n, points_t full, const struct stored_node *sn,
		     const char *sheets)
{
	char pts[POINTS_BUFSZ], de[POINTS_BUFSZ], sc[POINTS_BUFSZ];
	bool group = n->nchildren > 0, free_of_points = unbounded(n), na = sn->state & NODE_NA;
	struct buf item = {0}, why = {0};
	buf_printf(&item, "%s %s", n->code, n->title);
	if (n->points && !free_of_points)
		buf_printf(&item, "（%s分）", points_fmt(full, pts));
	if (sn->derivation)
		buf_puts(&why, sn->derivation);
	if (sn->warning)
		buf_printf(&why, "%s提示：%s", why.len ? "\n" : "", sn->warning);
	const char *score = na ? "不适用" : (sn->state & NODE_MISSING) ? "未录入" : free_of_points ? "—"
		: points_fmt(sn->score, sc);
	const char *deduction = na ? "—" : sn->deduction ? points_fmt(sn->deduction, de) : "";
	struct buf text = {0};
	if (n->text)
		buf_puts(&text, n->text);
	if (n->score == SCORE_SHEETS)
		buf_printf(&text, "%s按抽查单位的评分表平均计分（各表附后）：%s", text.len ? "\n" : "",
			   sheets && *sheets ? sheets : "尚无抽查单位");
	const char *cells[] = {buf_str(&item), buf_str(&text), n->method, deduction, score, buf_str(&why)};
	/* an item nothing was found on: its "no deduction" in grey */
	unsigned muted = !group && !(sn->state & NODE_INPUT) && !sn->deduction ? 1u << 5 : 0;
	pdf_row(d, group ? PDF_ROW_GROUP : PDF_ROW_PLAIN, muted, cells);
	buf_free(&item);
	buf_free(&why);
	buf_free(&text);
}

/* The names of the sampled units scored under sheets node x. */
static void sheet_names(const struct stored_result *r, const struct node *x, struct buf *b)
{
	for (int k = 0; k < r->nsheets; k++)
		if (r->sheets[k].nodes[x->index].node)
			buf_printf(b, "%s%s", b->len ? "、" : "", r->sheets[k].label);
}

/* The unit's own sheet: every node outside the sampled units' subtrees
 * (their sheets node stays, as a row), and the total. */
static void own_sheet(struct pdf_doc *d, const struct stored_result *r)
{
	const struct scheme *sc = r->scheme;
	pdf_table(d, columns, 6, TABLE_SIZE);
	for (int i = 1; i < sc->nnodes; i++) {
		const struct node *n = sc->nodes[i];
		const struct stored_node *sn = &r->nodes[i];
		if (!sn->node || (n->sheet_root && n->score != SCORE_SHEETS))
			continue;
		struct buf names = {0};
		if (n->score == SCORE_SHEETS)
			sheet_names(r, n, &names);
		node_row(d, n, node_year_points(sc, n), sn, buf_str(&names));
		buf_free(&names);
	}
	char total[POINTS_BUFSZ], full[POINTS_BUFSZ], raw[POINTS_BUFSZ];
	struct buf item = {0}, why = {0};
	buf_printf(&item, "总分（满分 %s 分）", points_fmt(scheme_year_points(sc), full));
	if (r->nodes[0].derivation)
		buf_puts(&why, r->nodes[0].derivation);
	if (r->total != r->raw_total)
		buf_printf(&why, "%s各部分合计 %s 分", why.len ? "\n" : "", points_fmt(r->raw_total, raw));
	if (r->mandatory_failed)
		buf_printf(&why, "%s必达项 %s 未得满分 → 总分计 0 分", why.len ? "\n" : "", r->mandatory_failed);
	const char *cells[] = {buf_str(&item), "", "", "", points_fmt(r->total, total), buf_str(&why)};
	pdf_row(d, PDF_ROW_TOTAL, 0, cells);
	buf_free(&item);
	buf_free(&why);
}

/* Each sampled unit's sheet, under the sheets node it counts towards. */
static void sampled_sheets(struct pdf_doc *d, const struct stored_result *r)
{
	const struct scheme *sc = r->scheme;
	for (int i = 1; i < sc->nnodes; i++) {
		const struct node *x = sc->nodes[i];
		if (x->score != SCORE_SHEETS)
			continue;
		for (int k = 0; k < r->nsheets; k++) {
			const struct stored_node *nodes = r->sheets[k].nodes;
			if (!nodes[x->index].node)
				continue;
			char score[POINTS_BUFSZ];
			struct buf h = {0};
			buf_printf(&h, "抽查单位评分表：%s（计入 %s %s）", r->sheets[k].label, x->code, x->title);
			pdf_text(d, &caption, buf_str(&h));
			buf_free(&h);
			/* the attachment states the method once, beside the first
			 * category; it holds for the whole sheet */
			const char *method = node_method(x);
			if (method) {
				struct buf m = {0};
				buf_printf(&m, "考核方式：%s", method);
				pdf_text(d, &method_style, buf_str(&m));
				buf_free(&m);
			}
			pdf_table(d, columns, 6, TABLE_SIZE);
			for (int m = x->index + 1; m < sc->nnodes && sc->nodes[m]->depth > x->depth; m++)
				if (nodes[m].node)
					node_row(d, sc->nodes[m], sc->nodes[m]->points, &nodes[m], NULL);
			struct buf item = {0};
			buf_printf(&item, "%s 得分", r->sheets[k].label);
			const char *cells[] = {buf_str(&item), "", "", "", points_fmt(nodes[x->index].score, score),
					       nodes[x->index].derivation};
			pdf_row(d, PDF_ROW_TOTAL, 0, cells);
			buf_free(&item);
		}
	}
}

/* The result: total, rank, proposed and decided grade, the vetoes, what
 * is missing and the warnings of the compute. */
static void result_part(struct pdf_doc *d, const struct stored_result *r)
{
	char total[POINTS_BUFSZ];
	struct buf b = {0};
	pdf_text(d, &caption, "考核结果");
	buf_printf(&b, "总分：%s 分", points_fmt(r->total, total));
	if (r->rank)
		buf_printf(&b, "　　名次：%s第 %d 名", unit_kind_title(r->unit.kind), r->rank);
	else if (r->provincial)
		buf_puts(&b, "　　省考核结果，不排名次");
	else if (r->incomplete)
		buf_puts(&b, "　　结果未完成，不排名次");
	buf_printf(&b, "　　拟定档次：%s", r->proposed != GRADE_NONE ? scheme_grade_name(r->grading, r->proposed) : "—");
	if (r->by_score != GRADE_NONE && r->by_score != r->proposed)
		buf_printf(&b, "（按分数为%s）", scheme_grade_name(r->grading, r->by_score));
	buf_printf(&b, "　　确定档次：%s", r->decision.grade != GRADE_NONE ? scheme_grade_name(r->grading, r->decision.grade) : "未确定");
	if (r->decision.grade != GRADE_NONE && r->decision.automatic)
		buf_puts(&b, "（审定时按拟定档次确定）");
	else if (r->decision.grade != GRADE_NONE && r->decision.reason && *r->decision.reason)
		buf_printf(&b, "（理由：%s）", r->decision.reason);
	pdf_text(d, &line, buf_str(&b));
	buf_reset(&b);
	char *issue = stored_decision_issue(r);
	if (issue)
		pdf_text(d, &line, issue);
	free(issue);
	for (int i = 0; i < r->nvetoes; i++) {
		const struct stored_veto *v = &r->vetoes[i];
		if (v->effect == EFFECT_FAIL)
			buf_printf(&b, "一票否决（%s）", scheme_grade_name(r->grading, GRADE_FAIL));
		else
			buf_puts(&b, v->effect == EFFECT_ZERO ? "否决（总分计 0 分）" : scheme_cap_word(r->grading));
		buf_printf(&b, "：%s %s（%s）", v->code, v->title, v->detail);
		if (v->effect == EFFECT_AT_MOST)
			buf_printf(&b, "，档次最高%s", scheme_grade_name(r->grading, v->grade));
		pdf_text(d, &line, buf_str(&b));
		buf_reset(&b);
	}
	if (r->nmissing) {
		buf_puts(&b, "缺少：");
		for (int i = 0; i < r->nmissing; i++)
			buf_printf(&b, "%s%s", i ? "、" : "", r->missing[i]);
		pdf_text(d, &line, buf_str(&b));
		buf_reset(&b);
	}
	for (int i = 0; i < r->nwarnings; i++) {
		buf_printf(&b, "提示：%s", r->warnings[i]);
		pdf_text(d, &line, buf_str(&b));
		buf_reset(&b);
	}
	buf_free(&b);
}

/* The notes written with the findings. */
static int notes_part(struct svc *s, struct pdf_doc *d, const char *unit, struct svc_error *err)
{
	struct svc_finding_note *v;
	int n;
	if (svc_finding_notes(s, unit, &v, &n) != 0)
		return report_fail_svc(s, err);
	pdf_text(d, &caption, "备注");
	if (!n)
		pdf_text(d, &entry, "无");
	for (int i = 0; i < n; i++) {
		struct buf b = {0};
		buf_printf(&b, "%s（%s）：%s", v[i].code, v[i].sheet ? v[i].sheet : "本单位", v[i].note);
		pdf_text(d, &entry, buf_str(&b));
		buf_free(&b);
	}
	svc_finding_notes_free(v, n);
	return 0;
}

/* The unit's objections and the office's answers, as far as the acting
 * user may see them (the service decides; a refusal is said, not shown). */
static void objections_part(struct svc *s, struct pdf_doc *d, const char *unit)
{
	struct objection *o;
	int n;
	pdf_text(d, &caption, "意见和答复");
	if (svc_objection_list(s, unit, &o, &n) != 0) {
		struct buf b = {0};
		buf_printf(&b, "（%s）", svc_err(s)->message ? svc_err(s)->message : "无权查看");
		pdf_text(d, &entry, buf_str(&b));
		buf_free(&b);
		return;
	}
	if (!n)
		pdf_text(d, &entry, "无");
	for (int i = 0; i < n; i++) {
		char filed[48], answered[48];
		pdf_time(o[i].filed_at, filed);
		pdf_time(o[i].answered_at, answered);
		struct buf b = {0};
		buf_printf(&b, "意见 %lld（%s，%s 于 %s 提出）：%s\n证据：%s\n", o[i].id,
			   o[i].code ? o[i].code : "整体结果", o[i].filed_by, filed, o[i].text,
			   o[i].evidence ? o[i].evidence : "—");
		if (o[i].answer)
			buf_printf(&b, "答复（%s，%s 于 %s）：%s",
				   o[i].outcome && strcmp(o[i].outcome, "changed") == 0 ? "已改变评分" : "维持评分",
				   o[i].answered_by, answered, o[i].answer);
		else
			buf_puts(&b, "答复：尚未答复");
		pdf_text(d, &entry, buf_str(&b));
		buf_free(&b);
	}
	objection_list_free(o, n);
}

/* The document's first lines: title, office and date, what it rests on. */
static void opening(struct pdf_doc *d, const struct stored_result *r, const struct svc_stamp *st, bool approved)
{
	char *issuer = pdf_issuer_line(st), when[48], full[POINTS_BUFSZ];
	struct buf b = {0};
	buf_printf(&b, "%s%d年度安全生产目标考核评分表", r->unit.name, st->year);
	/* a form's title in sans (黑体), as the attachments' tables: the
	 * document then embeds two faces, not four (each costs the reading
	 * of a CJK font's whole CFF table, some 16 MB, when it is subset) */
	struct pdf_style title = pdf_title_style, by = pdf_issuer_style;
	title.face = by.face = PDF_SANS;
	title.size = 17;
	by.size = 11;
	pdf_text(d, &title, buf_str(&b));
	pdf_text(d, &by, issuer);
	buf_reset(&b);
	pdf_time(r->computed_at, when);
	const struct scheme *sc = r->scheme;
	buf_printf(&b, "考核方案：%s%s%s%s　　单位类型：%s　　计分于 %s%s", r->unit.kind == KIND_COUNTY ? st->county_scheme
		   : st->department_scheme, sc ? "（满分 " : "", sc ? points_fmt(scheme_year_points(sc), full) : "",
		   sc ? " 分）" : "", unit_kind_title(r->unit.kind), when,
		   approved ? "" : "　　结果尚未审定");
	pdf_text(d, &info, buf_str(&b));
	pdf_gap(d, 6);
	buf_free(&b);
	free(issuer);
}

int write_sheet_pdf(struct svc *s, const char *unit, const char *path, struct svc_error *err)
{
	struct unit u;
	if (svc_unit_get(s, unit, &u) != 0)
		return report_fail_svc(s, err);
	/* a sampled unit's sheet is part of its county's (a provincial
	 * unit's document says where its result comes from, below) */
	struct buf why = {0};
	if (unit_sheet_of(&u, &why) == UNIT_SHEET_PART) {
		int rc = report_fail(err, SVC_INVALID, "%s", buf_str(&why));
		buf_free(&why);
		unit_clear(&u);
		return rc;
	}
	buf_free(&why);
	unit_clear(&u);
	/* the figures and their stamp from one state of the file */
	if (svc_read_begin(s) != 0)
		return report_fail_svc(s, err);
	struct stored_result r;
	if (svc_result(s, unit, true, &r) != 0) {
		svc_read_end(s);
		return report_fail_svc(s, err);
	}
	struct svc_stamp st;
	if (svc_stamp_need(s, STAMP_COMPUTED, &st) != 0) {
		svc_read_end(s);
		stored_result_clear(&r);
		return report_fail_svc(s, err);
	}
	svc_read_end(s);
	bool approved = svc_approved(s);
	char *stamp = report_stamp_line(&st);
	struct buf head = {0};
	buf_printf(&head, "%s评分表 · %s", r.unit.name,
		   r.unit.kind == KIND_COUNTY ? st.county_scheme : st.department_scheme);
	struct pdf_doc *d = pdf_doc_new(true);
	pdf_doc_frame(d, buf_str(&head), buf_str(&head), pdf_draft_mark(approved), stamp);
	opening(d, &r, &st, approved);
	int rc = 0;
	if (r.provincial || !r.nodes) {
		char total[POINTS_BUFSZ];
		struct buf b = {0};
		buf_printf(&b, "本单位由省考核组考核，得分和档次取自省考核结果（总分 %s 分），本市没有逐项评分表。",
			   points_fmt(r.total, total));
		pdf_text(d, &line, buf_str(&b));
		buf_free(&b);
	} else {
		own_sheet(d, &r);
		sampled_sheets(d, &r);
	}
	result_part(d, &r);
	rc = notes_part(s, d, unit, err);
	if (rc == 0) {
		objections_part(s, d, unit);
		pdf_closing(d, &st);
		rc = pdf_finish(d, path, err);
	}
	pdf_doc_free(d);
	buf_free(&head);
	free(stamp);
	svc_stamp_clear(&st);
	stored_result_clear(&r);
	return rc;
}
