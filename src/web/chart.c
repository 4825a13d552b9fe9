/* chart.c: the results page's charts (/results/chart/…), drawn by the
 * server as SVG from the stored results the acting user may see. The
 * chart itself is the render layer's model (render/chart.h), the same one
 * the documents draw as PNG and PDF (report chart); this file only picks
 * the data and answers the request. Every bar also says its number, so
 * the chart reads in grey print and without colour. */
#include "layout.h"
#include "pages.h"
#include "../render/chart.h"

#include <string.h>

/* GET /results/chart/{county,department,KIND}[-parts].svg: the kind's totals
 * with the grade lines, or its part scores side by side (a unit sees its
 * own bar only). */
void get_results_chart(struct req *r, struct resp *w)
{
	const char *arg = r->args[0];
	enum unit_kind kind;
	const char *rest;
	if (strncmp(arg, "county", 6) == 0) {
		kind = KIND_COUNTY;
		rest = arg + 6;
	} else if (strncmp(arg, "department", 10) == 0) {
		kind = KIND_DEPARTMENT;
		rest = arg + 10;
	} else {
		/* a kind a scheme added to the year: its word, then the suffix */
		size_t n = strlen(arg), len = n;
		if (n > 10 && strcmp(arg + n - 10, "-parts.svg") == 0)
			len = n - 10;
		else if (n > 4 && strcmp(arg + n - 4, ".svg") == 0)
			len = n - 4;
		char word[UNIT_KIND_WORD_MAX + 1];
		int k = -1;
		if (len <= UNIT_KIND_WORD_MAX) {
			memcpy(word, arg, len);
			word[len] = '\0';
			k = unit_kind_word_valid(word) ? svc_kind_parse(r->svc, word) : -1;
		}
		if (k < KIND_COUNT) {
			page_not_found(r, w);
			return;
		}
		kind = (enum unit_kind)k;
		rest = arg + len;
	}
	bool parts = strcmp(rest, "-parts.svg") == 0;
	if (!parts && strcmp(rest, ".svg") != 0) {
		page_not_found(r, w);
		return;
	}
	struct stored_result *rs;
	int n;
	const struct scheme *sc = svc_scheme(r->svc, kind);
	if (!sc || svc_results(r->svc, kind, false, &rs, &n) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct buf title = {0};
	buf_printf(&title, "%d 年度%s%s", svc_year(r->svc), kind == KIND_COUNTY ? "县（区）" : unit_kind_title(kind),
		   parts ? "各部分得分" : "考核总分");
	struct chart c;
	if (parts)
		chart_parts(&c, buf_str(&title), sc, rs, n, 0);
	else
		chart_totals(&c, buf_str(&title), sc, rs, n, 0);
	w->type = "image/svg+xml";
	chart_svg(&c, &w->body);
	chart_free(&c);
	buf_free(&title);
	stored_results_free(rs, n);
}
