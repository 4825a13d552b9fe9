/* results_pdf.c: the results notice (考核结果), A4 portrait and 公文-like,
 * for approval by the city government and filing with the Organisation
 * Department: the title, the issuing office and the date, what the
 * results rest on and when they were computed, then for each unit kind
 * the ranking and grades and the vetoes with their causes. Every page
 * carries the stamp and its page number; results not yet approved are
 * marked as a draft in the header. Every figure is the stored one. */
#include "pdf_frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

/* What the ranking's last column says of a unit: provincial, incomplete
 * and what is missing, a failed mandatory item, the proposal against the
 * score alone, the reason of a decision, a decision that must be taken
 * again, and where the vetoes are. */
static void remark(const struct stored_result *r, struct buf *b)
{
	const char *sep = "";
#define ADD(...) do { buf_puts(b, sep); buf_printf(b, __VA_ARGS__); sep = "；"; } while (0)
	if (r->provincial)
		ADD("省考核结果");
	if (r->incomplete) {
		ADD("结果未完成，不排名次，缺少 ");
		for (int i = 0; i < r->nmissing; i++)
			buf_printf(b, "%s%s", i ? "、" : "", r->missing[i]);
	}
	if (r->mandatory_failed)
		ADD("必达项 %s 未得满分，总分计 0 分", r->mandatory_failed);
	if (r->nvetoes)
		ADD("受否决，见下表");
	if (r->by_score != GRADE_NONE && r->by_score != r->proposed)
		ADD("按分数为%s", scheme_grade_name(r->grading, r->by_score));
	if (r->decision.grade != GRADE_NONE && r->decision.automatic)
		ADD("审定时按拟定档次确定");
	else if (r->decision.grade != GRADE_NONE && r->decision.reason && *r->decision.reason)
		ADD("确定理由：%s", r->decision.reason);
	char *issue = stored_decision_issue(r);
	if (issue)
		ADD("%s", issue);
	free(issue);
#undef ADD
}

/* The ranking and grades of one kind. */
static void ranking(struct pdf_doc *d, const struct stored_result *r, int n, enum unit_kind kind)
{
	static const struct pdf_column cols[] = {
		{"名次", 0.7, PDF_CENTER, true},
		{"单位", 2.4, PDF_LEFT, false},
		{"总分", 1.0, PDF_RIGHT, true},
		{"拟定档次", 1.3, PDF_CENTER, false},
		{"确定档次", 1.3, PDF_CENTER, false},
		{"说明", 3.1, PDF_LEFT, false},
	};
	pdf_table(d, cols, 6, 10);
	for (int i = 0; i < n; i++) {
		if (r[i].unit.kind != kind)
			continue;
		char rank[16], total[POINTS_BUFSZ];
		snprintf(rank, sizeof rank, "%d", r[i].rank);
		struct buf note = {0};
		remark(&r[i], &note);
		const char *cells[] = {r[i].rank ? rank : "—", r[i].unit.name, points_fmt(r[i].total, total),
				       r[i].proposed != GRADE_NONE ? scheme_grade_name(r[i].grading, r[i].proposed) : "—",
				       r[i].decision.grade != GRADE_NONE ? scheme_grade_name(r[i].grading, r[i].decision.grade) : "未确定",
				       buf_str(&note)};
		pdf_row(d, PDF_ROW_PLAIN, r[i].decision.grade == GRADE_NONE ? 1u << 4 : 0, cells);
		buf_free(&note);
	}
}

/* What a veto does to the grade, in words. */
static void veto_effect(const struct scheme *gs, const struct stored_veto *v, struct buf *b)
{
	if (v->effect == EFFECT_FAIL)
		buf_printf(b, "一票否决，定为%s", scheme_grade_name(gs, GRADE_FAIL));
	else if (v->effect == EFFECT_ZERO)
		buf_puts(b, "总分计 0 分");
	else
		buf_printf(b, "%s，最高%s", scheme_cap_word(gs), scheme_grade_name(gs, v->grade));
}

/* The vetoes of one kind with their causes; nothing if none. */
static void vetoes(struct pdf_doc *d, const struct stored_result *r, int n, enum unit_kind kind)
{
	static const struct pdf_column cols[] = {
		{"单位", 1.9, PDF_LEFT, false},
		{"否决项", 3.8, PDF_LEFT, false},
		{"原因（事实）", 2.7, PDF_LEFT, false},
		{"对档次的影响", 2.4, PDF_LEFT, false},
	};
	int count = 0;
	for (int i = 0; i < n; i++)
		if (r[i].unit.kind == kind)
			count += r[i].nvetoes;
	if (!count)
		return;
	static const struct pdf_style caption = {.face = PDF_SANS, .size = 10.5, .bold = true, .before = 8,
						 .after = 4, .keep = true};
	struct buf t = {0};
	buf_printf(&t, "%s否决情况", unit_kind_title(kind));
	pdf_text(d, &caption, buf_str(&t));
	buf_free(&t);
	pdf_table(d, cols, 4, 10);
	for (int i = 0; i < n; i++) {
		if (r[i].unit.kind != kind)
			continue;
		for (int k = 0; k < r[i].nvetoes; k++) {
			const struct stored_veto *v = &r[i].vetoes[k];
			struct buf title = {0}, effect = {0};
			buf_printf(&title, "%s %s", v->code, v->title);
			veto_effect(r[i].grading, v, &effect);
			const char *cells[] = {r[i].unit.name, buf_str(&title), v->detail, buf_str(&effect)};
			pdf_row(d, PDF_ROW_PLAIN, 0, cells);
			buf_free(&title);
			buf_free(&effect);
		}
	}
}

/* The paragraph saying what the results rest on, when they were computed
 * and how far they are decided. */
static void preamble(struct svc *s, struct pdf_doc *d, const struct svc_stamp *st, const struct svc_year_info *y,
		     const struct stored_result *r, int n, const enum unit_kind *kinds, int nk)
{
	struct buf b = {0};
	char when[48];
	pdf_time(st->computed_at, when);
	if (nk <= 2) {
		buf_printf(&b, "依据《%s》和《%s》，对%d年度安全生产目标考核的县区和市直部门进行了考核。", st->county_scheme,
			   st->department_scheme, st->year);
	} else {
		/* a year with added kinds: every scheme, and every kind it assesses */
		struct buf who = {0};
		buf_printf(&b, "依据《%s》、《%s》", st->county_scheme, st->department_scheme);
		buf_puts(&who, "县区、市直部门");
		for (int k = 2; k < nk; k++) {
			const struct scheme *sc = svc_scheme(s, kinds[k]);
			buf_printf(&b, "%s《%s》", k == nk - 1 ? "和" : "、", sc ? sc->title : unit_kind_title(kinds[k]));
			buf_printf(&who, "%s%s", k == nk - 1 ? "和" : "、", unit_kind_title(kinds[k]));
		}
		buf_printf(&b, "，对%d年度安全生产目标考核的%s进行了考核。", st->year, buf_str(&who));
		buf_free(&who);
	}
	buf_printf(&b, "本结果共列 %d 个单位，各单位得分于%s计分。", n, when);
	if (st->stale > 0)
		buf_puts(&b, "计分之后评分记录又有改动，本结果须重新计分后方可报送。");
	if (!y->approved)
		buf_puts(&b, "本结果尚未审定，为征求意见稿，档次以审定结果为准。");
	else if (y->consent_date)
		buf_printf(&b, "本结果已经审定，并经市政府同意（%s%s%s）%s。", y->consent_ref ? y->consent_ref : "",
			   y->consent_ref ? "，" : "", y->consent_date, y->published ? "，已公布" : "");
	else
		buf_puts(&b, "本结果已经审定，待报市政府同意。");
	pdf_text(d, &pdf_body_style, buf_str(&b));
	buf_free(&b);
	static const struct pdf_style hint = {.face = PDF_SERIF, .size = 11.5, .first = 23, .after = 3};
	/* the grades as the schemes name them: the four standard ones, or
	 * each kind's own where its scheme names them */
	buf_reset(&b);
	int custom = 0;
	for (int k = 0; k < nk; k++) {
		const struct scheme *gs = NULL;
		for (int i = 0; i < n && !gs; i++)
			if (r[i].unit.kind == kinds[k])
				gs = r[i].grading;
		if (!gs || !gs->grades_custom)
			continue;
		custom++;
		buf_printf(&b, "%s的档次分为", unit_kind_title(kinds[k]));
		scheme_grade_list(gs, &b);
		buf_puts(&b, "。");
	}
	if (custom < nk)
		buf_printf(&b, "%s档次分为优秀、良好、合格、不合格。", custom ? "其余单位的" : "");
	buf_puts(&b, "名次按总分排列；省考核组考核的单位，得分和档次取自省考核结果，不排名次。"
		 "受否决的单位，档次不高于否决所允许的档次。");
	pdf_text(d, &hint, buf_str(&b));
	buf_free(&b);
}

int write_results_pdf(struct svc *s, const char *path, struct svc_error *err)
{
	struct stored_result *r = NULL;
	int n = 0;
	if (svc_results(s, -1, false, &r, &n) != 0)
		return report_fail_svc(s, err);
	struct svc_stamp st;
	struct svc_year_info y;
	if (svc_stamp_need(s, STAMP_COMPUTED, &st) != 0) {
		stored_results_free(r, n);
		return report_fail_svc(s, err);
	}
	if (svc_year_info(s, &y) != 0) {
		svc_stamp_clear(&st);
		stored_results_free(r, n);
		return report_fail_svc(s, err);
	}
	int rc;
	if (!n) {
		rc = report_fail(err, SVC_CONFLICT, "%d 年度没有可以报送的考核结果（没有被考核单位）", st.year);
		goto out;
	}
	enum unit_kind *kinds = NULL;
	int nk = 0;
	if (svc_kinds(s, &kinds, &nk) != 0) {
		rc = report_fail_svc(s, err);
		goto out;
	}
	char *city = pdf_city(&st), *stamp = report_stamp_line(&st), *issuer = pdf_issuer_line(&st);
	struct buf title = {0};
	buf_printf(&title, "%s%d年度安全生产目标考核结果", city, st.year);
	struct pdf_doc *d = pdf_doc_new(false);
	pdf_doc_frame(d, buf_str(&title), buf_str(&title), pdf_draft_mark(y.approved), stamp);
	pdf_text(d, &pdf_title_style, buf_str(&title));
	pdf_text(d, &pdf_issuer_style, issuer);
	preamble(s, d, &st, &y, r, n, kinds, nk);
	int section = 0;
	/* each kind the year assesses, in the order of its schemes */
	for (int k = 0; k < nk; k++) {
		int count = 0;
		for (int i = 0; i < n; i++)
			count += r[i].unit.kind == kinds[k];
		if (!count)
			continue;
		struct buf h = {0};
		buf_printf(&h, "%s、%s（%d 个）", numerals[section++ % 10], unit_kind_title(kinds[k]), count);
		pdf_text(d, &pdf_heading_style, buf_str(&h));
		buf_free(&h);
		ranking(d, r, n, kinds[k]);
		vetoes(d, r, n, kinds[k]);
	}
	free(kinds);
	pdf_closing(d, &st);
	rc = pdf_finish(d, path, err);
	pdf_doc_free(d);
	buf_free(&title);
	free(city);
	free(stamp);
	free(issuer);
out:
	svc_year_info_clear(&y);
	svc_stamp_clear(&st);
	stored_results_free(r, n);
	return rc;
}
