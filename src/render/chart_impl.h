/* chart_impl.h: what the chart files share inside src/render (chart.c
 * holds these; chart_bars.c and chart_years.c lay the charts out). */
#ifndef KAOHE_RENDER_CHART_IMPL_H
#define KAOHE_RENDER_CHART_IMPL_H

#include "chart.h"

/* The sizes every chart uses, in units. */
#define CH_MARGIN 16.0
#define CH_TITLE_SIZE 16.0
#define CH_TITLE_BASE 30.0       /* the title's baseline */
#define CH_LABEL_SIZE 13.0       /* a unit's name */
#define CH_VALUE_SIZE 12.0       /* a bar's number */
#define CH_SMALL_SIZE 11.0       /* ticks, grade labels, the legend */
#define CH_FOOT_SIZE 10.0        /* the stamp */

/* Appends a primitive; strings are copied (text may be NULL for a rect). */
void ch_rect(struct chart *c, double x, double y, double w, double h, enum chart_fill fill, const char *tip);
void ch_line(struct chart *c, double x1, double y1, double x2, double y2, enum chart_stroke stroke,
	     enum chart_dash dash);
void ch_text(struct chart *c, double x, double y, const char *text, enum chart_anchor anchor, double size,
	     bool bold, enum chart_ink ink);
/* The same, with a white ground behind the text (over a grid or grade
 * line it crosses). */
void ch_text_grounded(struct chart *c, double x, double y, const char *text, enum chart_anchor anchor,
		      double size, bool bold, enum chart_ink ink);

/* Starts a chart: its title (the SVG's <title> and the heading drawn at
 * the top left). Returns the heading's baseline. */
double ch_begin(struct chart *c, const char *title);

/* A round step for about five ticks up to max: 1, 2 or 5 times a power
 * of ten (hundredths). */
points_t ch_tick_step(points_t max);
/* Where a scale for full marks `full` ends when the largest value is
 * `largest`: full, or the next tick past largest if that is more. */
points_t ch_scale_max(points_t full, points_t largest);
/* The ticks' step on a scale to max for full marks full: full's ticks
 * continued (0 … 1000, 1200), unless max is far beyond full. */
points_t ch_scale_step(points_t full, points_t max);

/* "优秀 ≥ 900": a grade rule's label. Caller frees. */
char *ch_grade_label(const struct grade_rule *g);

/* Splits text into lines no wider than width at size (breaking after a
 * space or a "·" when one is near, else between characters); returns
 * the number of lines, *lines the caller's (ch_lines_free). */
int ch_wrap(const char *text, double size, double width, char ***lines);
void ch_lines_free(char **lines, int n);

/* A legend under a chart: entries laid out left to right from x, wrapping
 * at right; each a swatch (a filled square, or a dashed line drawn as the
 * chart's grade lines are) and words. */
struct ch_legend {
	struct chart *c;
	double x, left, right, y;   /* the next entry's place; y its baseline */
	int lines;
};
void ch_legend_begin(struct ch_legend *l, struct chart *c, double left, double right, double y);
void ch_legend_fill(struct ch_legend *l, enum chart_fill fill, const char *words);
void ch_legend_dash(struct ch_legend *l, const char *words, bool vertical);
/* The baseline of the legend's last line. */
double ch_legend_end(const struct ch_legend *l);

#endif
