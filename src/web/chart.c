/* chart.c: the results page's bar charts as SVG (chart.h), and the route
 * that serves them from the stored results (/results/chart/…). A scale of
 * points along the top, one bar per unit, the value written after each
 * bar (a chart that needs colour to be read would fail the grey-scale
 * printout and some eyes, so every bar also says its number and every
 * colour is named in a legend). */
#include "chart.h"
#include "layout.h"
#include "pages.h"

#include <stdlib.h>
#include <string.h>

#define BAR_W 560               /* the width of the scale, in pixels */
#define ROW_H 26
#define BAR_H 16
#define TOP 54                  /* the first row's top */
#define CHAR_W 14               /* a CJK character at font-size 13, with room */
#define AFTER 210               /* room after the scale for "936.35 分（省考核）" */

static const char *const palette[] = {"#1f4e79", "#4f7fae", "#2f6b3f", "#8a5a00", "#6b4f8f", "#8c3b3b"};
#define NPALETTE (int)(sizeof palette / sizeof palette[0])
#define MUTED "#a8a8a8"

/* Characters (not bytes) in a UTF-8 string. */
static int chars(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The x of the scale's start: room for the longest label. */
static int label_width(const struct chart *c)
{
	int w = 80;
	for (int i = 0; i < c->nrows; i++) {
		int lw = chars(c->rows[i].label) * CHAR_W + 10;
		if (lw > w)
			w = lw;
	}
	return w > 320 ? 320 : w;
}

/* Pixels for a value on the scale (0 .. BAR_W). */
static int px(const struct chart *c, points_t v)
{
	if (v <= 0 || c->max <= 0)
		return 0;
	if (v >= c->max)
		return BAR_W;
	return (int)(v * BAR_W / c->max);
}

/* A round step for about five ticks: 1, 2 or 5 times a power of ten. */
static points_t tick_step(points_t max)
{
	points_t raw = max / 5, m = 1;
	if (raw < 1)
		return 1;
	while (m * 10 <= raw)
		m *= 10;
	return raw <= m ? m : raw <= 2 * m ? 2 * m : raw <= 5 * m ? 5 * m : 10 * m;
}

/* The SVG element, its title, a white ground and the chart's title. */
static void svg_begin(struct buf *b, const struct chart *c, int width, int height)
{
	h(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
	     " font-family=\"'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif\" font-size=\"13\">\n"
	     "<title>%s</title>\n<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n"
	     "<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\" fill=\"#1c1c1c\">%s</text>\n",
	  width, height, width, height, c->title, width, height, c->title);
}

/* The scale: tick values along the top and light lines down the rows. */
static void scale(struct buf *b, const struct chart *c, int x0, int bottom)
{
	points_t step = tick_step(c->max);
	for (points_t v = 0; v <= c->max; v += step) {
		int x = x0 + px(c, v);
		h(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#dddddd\"/>"
		     "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b5b5b\">%P</text>\n",
		  x, TOP - 6, x, bottom, x, TOP - 10, v);
	}
	h(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#5b5b5b\"/>\n", x0, TOP - 6, x0, bottom);
}

/* A row's label (left of the scale) and its value and note (after the bar). */
static void row_words(struct buf *b, const struct chart_row *r, int x0, int y, int end)
{
	int mid = y + BAR_H / 2 + 5;
	h(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#1c1c1c\">%s</text>", x0 - 8, mid, r->label);
	h(b, "<text x=\"%d\" y=\"%d\" fill=\"#1c1c1c\">%P 分", end + 6, mid, r->total);
	if (r->note)
		h(b, "<tspan fill=\"#5b5b5b\">（%s）</tspan>", r->note);
	h(b, "</text>\n");
}

/* chart.h: one bar per row's total. */
void chart_totals(struct buf *b, const struct chart *c)
{
	int x0 = label_width(c);
	int width = x0 + BAR_W + AFTER, bottom = TOP + c->nrows * ROW_H;
	svg_begin(b, c, width, bottom + 10);
	scale(b, c, x0, bottom);
	for (int i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];
		int y = TOP + i * ROW_H + (ROW_H - BAR_H) / 2, w = px(c, r->total);
		h(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s：%P 分</title></rect>", x0, y,
		  w, BAR_H, r->muted ? MUTED : palette[0], r->label, r->total);
		row_words(b, r, x0, y, x0 + w);
	}
	h(b, "</svg>\n");
}

/* The legend under the bars: a square of each part's colour and its name,
 * wrapping to a new line when the width runs out. Returns the height used. */
static int legend(struct buf *b, const struct chart *c, int x0, int y, int width, bool draw)
{
	int x = x0, lines = 1;
	for (int k = 0; k < c->nseries; k++) {
		int w = 12 + 6 + chars(c->series[k]) * CHAR_W + 18;
		if (x + w > width && x > x0) {
			x = x0;
			lines++;
		}
		int top = y + (lines - 1) * 22;
		if (draw)
			h(b, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			     "<text x=\"%d\" y=\"%d\" fill=\"#1c1c1c\">%s</text>\n",
			  x, top, palette[k % NPALETTE], x + 18, top + 11, c->series[k]);
		x += w;
	}
	return lines * 22;
}

/* chart.h: one bar per row with parts, its parts stacked in order. */
void chart_parts(struct buf *b, const struct chart *c)
{
	int x0 = label_width(c), n = 0;
	for (int i = 0; i < c->nrows; i++)
		n += c->rows[i].parts != NULL;
	int width = x0 + BAR_W + AFTER, bottom = TOP + n * ROW_H;
	int lh = legend(b, c, x0, bottom + 12, width, false);
	svg_begin(b, c, width, bottom + 12 + lh + 4);
	scale(b, c, x0, bottom);
	int row = 0;
	for (int i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];
		if (!r->parts)
			continue;
		int y = TOP + row++ * ROW_H + (ROW_H - BAR_H) / 2;
		points_t sum = 0;
		int x = x0;
		for (int k = 0; k < c->nseries; k++) {
			sum += r->parts[k];
			int end = x0 + px(c, sum), w = end - x;
			h(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s %s：%P 分</title></rect>",
			  x, y, w, BAR_H, palette[k % NPALETTE], r->label, c->series[k], r->parts[k]);
			if (w >= 40)
				h(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\" fill=\"#ffffff\">%P</text>",
				  x + w / 2, y + BAR_H - 4, r->parts[k]);
			x = end;
		}
		row_words(b, r, x0, y, x);
	}
	legend(b, c, x0, bottom + 12, width, true);
	h(b, "</svg>\n");
}

/* ---- the route ---- */

/* GET /results/chart/{county,department}[-parts].svg: the stored results
 * the acting user may see, drawn (a unit sees its own bar only). */
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
		page_not_found(r, w);
		return;
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
	const struct node *root = sc->root;
	int ns = root->nchildren;
	const char **series = xcalloc((size_t)ns + 1, sizeof *series);
	for (int k = 0; k < ns; k++)
		series[k] = root->children[k]->title;
	struct chart_row *rows = xcalloc((size_t)n + 1, sizeof *rows);
	points_t *values = xcalloc((size_t)n * (size_t)ns + 1, sizeof *values);
	for (int i = 0; i < n; i++) {
		const struct stored_result *sr = &rs[i];
		rows[i] = (struct chart_row){sr->unit.name, sr->provincial ? "省考核" : sr->incomplete ? "结果未完成" : NULL,
					     sr->total, NULL, sr->provincial || sr->incomplete};
		if (sr->provincial)
			continue;
		points_t *v = values + (size_t)i * (size_t)ns;
		for (int j = 0; j < sr->nparts; j++)
			for (int k = 0; k < ns; k++)
				if (sr->parts[j].node == root->children[k] && !(sr->parts[j].state & NODE_NA))
					v[k] = sr->parts[j].score;
		rows[i].parts = v;
	}
	struct buf title = {0};
	buf_printf(&title, "%d 年度%s%s", svc_year(r->svc), kind == KIND_COUNTY ? "县（区）" : "市直部门",
		   parts ? "各部分得分" : "考核总分");
	struct chart c = {buf_str(&title), root->points, series, ns, rows, n};
	w->type = "image/svg+xml";
	if (parts)
		chart_parts(&w->body, &c);
	else
		chart_totals(&w->body, &c);
	buf_free(&title);
	free(values);
	free(rows);
	free(series);
	stored_results_free(rs, n);
}
