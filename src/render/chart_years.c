/* chart_years.c: one unit's total this year against earlier years
 * (chart.h): a column per year on a vertical scale, this year's grade
 * lines across, each column's total above it and its year and grade
 * under it. */
#include "../core/period.h"
#include "chart_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLOT_H 280.0             /* the scale, 0 to the full marks */
#define COL_W 64.0
#define COL_GAP 40.0
#define PLOT_MIN 300.0           /* the plot's least width */

/* What a column says under its year: the grade, or why it has none. */
static void column_note(const struct chart_year *y, struct buf *b)
{
	if (y->provincial)
		buf_puts(b, "省考核");
	if (y->incomplete)
		buf_printf(b, "%s结果未完成", b->len ? "，" : "");
	else if (y->grade != GRADE_NONE)
		buf_printf(b, "%s%s%s", b->len ? " · " : "", y->grade_name ? y->grade_name : grade_name(y->grade), y->vetoed ? "（否决）" : "");
}

/* The grade lines across the plot, labelled at its right; a label that
 * would run into the one above moves down. Returns the labels' right end. */
static double grade_lines(struct chart *c, const struct scheme *sc, double right)
{
	double end = right, last = -1e9;
	/* highest threshold first: top to bottom */
	bool done[GRADE_COUNT] = {false};
	for (int round = 0; sc && round < sc->ngrades; round++) {
		int best = -1;
		for (int g = 0; g < sc->ngrades; g++)
			if (!done[g] && sc->grades[g].has_min && (best < 0 || sc->grades[g].min > sc->grades[best].min))
				best = g;
		if (best < 0)
			break;
		done[best] = true;
		const struct grade_rule *r = &sc->grades[best];
		if (r->min > c->max)
			continue;
		double y = c->y0 - c->len * (double)r->min / (double)c->max;
		ch_line(c, c->x0, y, right, y, STROKE_GRADE, DASH_DASHED);
		char *label = ch_grade_label(r);
		double ly = y + CH_SMALL_SIZE * 0.36;
		if (ly < last + 13)
			ly = last + 13;
		last = ly;
		ch_text(c, right + 6, ly, label, ANCHOR_START, CH_SMALL_SIZE, false, INK_GRADE);
		double e = right + 6 + chart_text_width(label, CH_SMALL_SIZE);
		if (e > end)
			end = e;
		free(label);
	}
	return end;
}

void chart_years(struct chart *c, const char *title, const struct scheme *sc, const struct chart_year *y, int n)
{
	double base = ch_begin(c, title);
	points_t full = sc ? scheme_year_points(sc) : 0, largest = 0;
	bool differ = false, muted = false, earlier = false;
	for (int i = 0; i < n; i++) {
		if (y[i].points > full)
			full = y[i].points;
		if (y[i].total > largest)
			largest = y[i].total;
		differ |= sc && y[i].points && y[i].points != scheme_year_points(sc);
		muted |= y[i].provincial || y[i].incomplete;
		earlier |= !y[i].current;
	}
	char v[POINTS_BUFSZ];
	c->vertical = true;
	c->max = ch_scale_max(full, largest);
	c->len = PLOT_H;
	c->x0 = CH_MARGIN + chart_text_width(points_fmt(c->max, v), CH_SMALL_SIZE) + 10;
	c->y0 = base + 30 + PLOT_H;
	double plot_w = COL_GAP + n * (COL_W + COL_GAP);
	if (plot_w < PLOT_MIN)
		plot_w = PLOT_MIN;
	double right = c->x0 + plot_w, top = c->y0 - PLOT_H;
	/* the scale: ticks up the left, light lines across */
	points_t step = ch_scale_step(full, c->max);
	for (points_t t = 0; t <= c->max; t += step) {
		double ty = c->y0 - PLOT_H * (double)t / (double)c->max;
		ch_line(c, c->x0 - 4, ty, right, ty, t ? STROKE_GRID : STROKE_AXIS, DASH_SOLID);
		ch_text(c, c->x0 - 7, ty + CH_SMALL_SIZE * 0.36, points_fmt(t, v), ANCHOR_END, CH_SMALL_SIZE, false,
			INK_SOFT);
	}
	ch_line(c, c->x0, top, c->x0, c->y0, STROKE_AXIS, DASH_SOLID);
	/* the columns, the grade lines over them, the words */
	for (int i = 0; i < n; i++) {
		double x = c->x0 + COL_GAP + i * (COL_W + COL_GAP);
		double h = y[i].total <= 0 ? 0 : PLOT_H * (double)y[i].total / (double)c->max;
		enum chart_fill fill = y[i].provincial || y[i].incomplete ? FILL_MUTED : y[i].current ? FILL_BAR : FILL_EARLIER;
		struct buf tip = {0};
		buf_printf(&tip, "%d 年度：%s 分", y[i].year, points_fmt(y[i].total, v));
		ch_rect(c, x, c->y0 - h, COL_W, h, fill, buf_str(&tip));
		buf_free(&tip);
	}
	double end = grade_lines(c, sc, right);
	for (int i = 0; i < n; i++) {
		double x = c->x0 + COL_GAP + i * (COL_W + COL_GAP) + COL_W / 2;
		double h = y[i].total <= 0 ? 0 : PLOT_H * (double)y[i].total / (double)c->max;
		char words[POINTS_BUFSZ + 8];
		snprintf(words, sizeof words, "%s 分", points_fmt(y[i].total, v));
		ch_text_grounded(c, x, c->y0 - h - 6, words, ANCHOR_MIDDLE, CH_VALUE_SIZE, true, INK_TEXT);
		char year[24];
		snprintf(year, sizeof year, "%d 年度", y[i].year);
		ch_text(c, x, c->y0 + 18, year, ANCHOR_MIDDLE, CH_VALUE_SIZE, y[i].current, INK_TEXT);
		struct buf note = {0};
		column_note(&y[i], &note);
		if (note.len)
			ch_text(c, x, c->y0 + 34, buf_str(&note), ANCHOR_MIDDLE, CH_SMALL_SIZE, false, INK_SOFT);
		buf_free(&note);
	}
	if (!n)
		ch_text(c, c->x0 + 8, top + 20, "没有可以查看的考核结果", ANCHOR_START, CH_VALUE_SIZE, false, INK_SOFT);
	if (end + CH_MARGIN > c->width)
		c->width = end + CH_MARGIN;
	/* the legend, and what the reader must know about the comparison */
	struct ch_legend l;
	ch_legend_begin(&l, c, CH_MARGIN, c->width - CH_MARGIN, c->y0 + 60);
	ch_legend_fill(&l, FILL_BAR, "本年度");
	if (earlier)
		ch_legend_fill(&l, FILL_EARLIER, "以往年度");
	if (muted)
		ch_legend_fill(&l, FILL_MUTED, "省考核或结果未完成");
	if (sc)
		ch_legend_dash(&l, "本年度考核方案的档次分数线（以上包括本数）", false);
	double yl = ch_legend_end(&l);
	if (!earlier) {
		yl += 18;
		ch_text(c, CH_MARGIN, yl, "数据库中没有该单位以往年度的考核结果。", ANCHOR_START, CH_SMALL_SIZE, false, INK_SOFT);
	}
	if (differ) {
		yl += 18;
		ch_text(c, CH_MARGIN, yl, "注意：各年度考核方案的满分不同，总分不宜直接比较。", ANCHOR_START, CH_SMALL_SIZE, false,
			INK_SOFT);
	}
	c->height = yl + CH_MARGIN;
}
