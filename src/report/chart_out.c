/* chart_out.c: `kaohe report chart totals|parts|years` (report.h): the
 * stored results read through the service (which decides what the acting
 * user may see), laid out by the render layer's chart model, written as
 * SVG (the web's drawing), PNG or PDF (cairo), with the stamp line under
 * every chart so a filed copy can be matched to the database.
 *
 * totals and parts draw one chart per unit kind (县区, 市直部门; --unit
 * names one kind to draw that one only): in one image for SVG and PNG, a
 * page each in a PDF. years draws one unit (--unit) this year against
 * every earlier year the file holds a result of. */
#include "chart_cairo.h"
#include "pdf_frame.h"
#include "report_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A PNG has twice the chart's units in pixels: sharp on screen and print. */
#define PNG_SCALE 2.0

/* A kind's name in a title, in the plan's words. */
static const char *kind_words(enum unit_kind k)
{
	return k == KIND_COUNTY ? "县（区）" : unit_kind_title(k);
}

/* The charts to draw, and the stamp they carry. */
struct charts {
	struct chart c[2];
	int n;
};

static void charts_free(struct charts *cs)
{
	for (int i = 0; i < cs->n; i++)
		chart_free(&cs->c[i]);
	cs->n = 0;
}

/* totals or parts of each kind asked for (kinds[0..nk)); a kind with no
 * result the user may see is left out unless it is the only one. */
static int kind_charts(struct svc *s, bool parts, const enum unit_kind *kinds, int nk, struct charts *cs,
		       struct svc_error *err)
{
	struct stored_result *rs[2] = {NULL, NULL};
	int n[2] = {0, 0}, rc = 0;
	const struct scheme *sc[2] = {NULL, NULL};
	/* both kinds read first: the charts one under the other share the
	 * room for the names, so that their scales line up */
	double names = 0;
	for (int k = 0; k < nk && rc == 0; k++) {
		sc[k] = svc_scheme(s, kinds[k]);
		if (!sc[k] || svc_results(s, kinds[k], false, &rs[k], &n[k]) != 0) {
			rc = report_fail_svc(s, err);
			break;
		}
		double room = chart_names_room(rs[k], n[k]);
		if (room > names)
			names = room;
	}
	for (int k = 0; k < nk && rc == 0; k++) {
		if (!n[k] && !(cs->n == 0 && k == nk - 1))
			continue;
		struct buf title = {0};
		buf_printf(&title, "%d 年度%s%s", svc_year(s), kind_words(kinds[k]), parts ? "各部分得分" : "考核总分");
		if (parts)
			chart_parts(&cs->c[cs->n], buf_str(&title), sc[k], rs[k], n[k], names);
		else
			chart_totals(&cs->c[cs->n], buf_str(&title), sc[k], rs[k], n[k], names);
		cs->n++;
		buf_free(&title);
	}
	for (int k = 0; k < nk; k++)
		if (rs[k])
			stored_results_free(rs[k], n[k]);
	return rc;
}

/* The years chart of one unit. */
static int years_chart(struct svc *s, const char *unit, struct charts *cs, struct svc_error *err)
{
	struct svc_unit_year *ys;
	int n;
	/* first: it switches years, and a scheme read before would be gone */
	if (svc_unit_years(s, unit, &ys, &n) != 0)
		return report_fail_svc(s, err);
	int current = svc_year(s);
	const struct scheme *sc = n ? svc_scheme(s, ys[n - 1].kind) : NULL;
	if (!sc) {
		svc_unit_years_free(ys, n);
		return report_fail_svc(s, err);
	}
	struct chart_year *cy = xcalloc((size_t)n, sizeof *cy);
	for (int i = 0; i < n; i++)
		cy[i] = (struct chart_year){ys[i].year, ys[i].total, ys[i].points,
			ys[i].decided != GRADE_NONE ? ys[i].decided : ys[i].proposed, ys[i].provincial,
			ys[i].incomplete, ys[i].year == current, ys[i].vetoed, ys[i].grade_name};
	struct buf title = {0};
	if (n > 1)
		buf_printf(&title, "%s 历年考核总分（%d—%d 年度）", unit, ys[0].year, current);
	else
		buf_printf(&title, "%s %d 年度考核总分", unit, current);
	chart_years(&cs->c[cs->n++], buf_str(&title), sc, cy, n);
	buf_free(&title);
	free(cy);
	svc_unit_years_free(ys, n);
	return 0;
}

/* Reads the data and lays out the charts `which` asks for. */
static int make_charts(struct svc *s, const char *which, const char *unit, struct charts *cs,
		       struct svc_error *err)
{
	if (strcmp(which, "years") == 0) {
		if (!unit || !*unit)
			return report_fail(err, SVC_INVALID, "历年图表须用 --unit 指明单位");
		return years_chart(s, unit, cs, err);
	}
	bool parts = strcmp(which, "parts") == 0;
	if (!parts && strcmp(which, "totals") != 0)
		return report_fail(err, SVC_INVALID, "未知的图表“%s”（totals、parts、years）", which);
	enum unit_kind kinds[2] = {KIND_COUNTY, KIND_DEPARTMENT};
	int nk = 2;
	if (unit && *unit) {
		/* an added kind (school, …) by its word or name as well */
		int k = svc_kind_parse(s, unit);
		if (k < 0 || !unit_kind_assessed((enum unit_kind)k))
			return report_fail(err, SVC_INVALID, "%s图按单位类型绘制：--unit 可为 county（县区）或 department（市直部门）"
					   "（或本年度添加的方案所考核的类型），不能为“%s”", parts ? "各部分得分" : "总分", unit);
		kinds[0] = (enum unit_kind)k;
		nk = 1;
	}
	return kind_charts(s, parts, kinds, nk, cs, err);
}

/* Writes text to path (shown: the document's name in messages). */
static int write_text(const char *path, const char *shown, const struct buf *b, struct svc_error *err)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return report_fail(err, SVC_FAILED, "无法写入 %s：%s", shown, errno_words(errno));
	bool ok = fwrite(b->p ? b->p : "", 1, b->len, f) == b->len;
	int e = ok ? 0 : errno;
	if (fclose(f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	return ok ? 0 : report_fail(err, SVC_FAILED, "无法写入 %s：%s", shown, errno_words(e ? e : EIO));
}

/* The charts as a PDF with the documents' head: the issuing office and
 * today's date, and the draft's mark until the year is approved. */
static int chart_pdf(struct svc *s, struct chart *const *pages, int n, const char *path, const char *shown,
		     struct svc_error *err)
{
	struct svc_stamp st;
	struct svc_year_info y;
	if (svc_stamp(s, &st) != 0)
		return report_fail_svc(s, err);
	if (svc_year_info(s, &y) != 0) {
		svc_stamp_clear(&st);
		return report_fail_svc(s, err);
	}
	char *issuer = pdf_issuer_line(&st);
	int rc = chart_cairo_pdf(pages, n, issuer, pdf_draft_mark(y.approved), path, shown, err);
	free(issuer);
	svc_year_info_clear(&y);
	svc_stamp_clear(&st);
	return rc;
}

/* Lays out the charts and reads the stamp they carry: for totals and
 * parts in one read of the file (svc_read_begin), so the figures and the
 * stamp come from the same state; the years chart reads year by year
 * (svc_unit_years holds its own read). *stamp is the caller's. */
static int read_charts(struct svc *s, const char *which, const char *unit, struct charts *cs, char **stamp,
		       struct svc_error *err)
{
	bool held = strcmp(which, "years") != 0;
	if (held && svc_read_begin(s) != 0)
		return report_fail_svc(s, err);
	struct svc_stamp st = {0};
	int rc = make_charts(s, which, unit, cs, err);
	/* a document shows stored results: none before the first compute */
	if (rc == 0 && svc_stamp_need(s, STAMP_COMPUTED, &st) != 0)
		rc = report_fail_svc(s, err);
	if (held)
		svc_read_end(s);
	if (rc != 0)
		return -1;
	*stamp = report_stamp_line(&st);
	svc_stamp_clear(&st);
	return rc;
}

int write_chart(struct svc *s, const char *which, const char *unit, enum report_format f, const char *path,
		struct svc_error *err)
{
	struct charts cs = {0};
	char *stamp = NULL;
	if (read_charts(s, which ? which : "", unit, &cs, &stamp, err) != 0) {
		charts_free(&cs);
		return -1;
	}
	/* one image: the kinds one under the other; a PDF: a page each */
	if (f != REPORT_PDF && cs.n == 2) {
		chart_append(&cs.c[0], &cs.c[1]);
		chart_free(&cs.c[1]);
		cs.n = 1;
	}
	struct chart *pages[2];
	for (int i = 0; i < cs.n; i++) {
		chart_footer(&cs.c[i], stamp);
		pages[i] = &cs.c[i];
	}
	free(stamp);
	char *temp = report_temp_path(path);
	int rc = report_claim_temp(temp, path, err);
	if (rc == 0 && f == REPORT_SVG) {
		struct buf b = {0};
		chart_svg(&cs.c[0], &b);
		rc = write_text(temp, path, &b, err);
		buf_free(&b);
	} else if (rc == 0 && f == REPORT_PNG) {
		rc = chart_cairo_png(&cs.c[0], PNG_SCALE, temp, path, err);
	} else if (rc == 0) {
		rc = chart_pdf(s, pages, cs.n, temp, path, err);
	}
	if (rc == 0)
		rc = report_commit(temp, path, err);
	else
		report_abandon(temp);
	free(temp);
	charts_free(&cs);
	return rc;
}
