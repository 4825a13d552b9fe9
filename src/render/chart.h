/* chart.h: the results' charts as drawing primitives (issue 9), one model
 * for every output: the web's SVG (chart_svg.c) and the documents' PNG
 * and PDF (report/chart_cairo.c) draw the same list of rectangles, lines
 * and texts, so a chart reads the same on the screen and on paper.
 *
 * Everything that decides what a chart says is computed here, from the
 * core's data: the scale and its ticks, each bar's length, where the
 * grade lines fall (the scheme's grade rules), where each label goes.
 * Positions are in abstract units (an SVG pixel, a PDF point before
 * scaling); y grows downwards; a text's y is its baseline. Colours are
 * classes (a bar, a part, a muted bar), which each backend maps to the
 * same palette (chart_fill_colour and its kin), so no backend decides
 * anything but how to draw. Every number written is a stored score
 * formatted by points_fmt.
 *
 * Text widths are estimated (chart_text_width: a CJK character is one em,
 * anything narrower 0.6 em), generously, so that a label placed by the
 * estimate has room in any CJK font the reader's browser or Pango picks. */
#ifndef KAOHE_RENDER_CHART_H
#define KAOHE_RENDER_CHART_H

#include <stdbool.h>

#include "../core/points.h"
#include "../core/records.h"
#include "../core/scheme.h"
#include "../core/util.h"

/* What a rectangle is filled as. FILL_PART + k is part k's colour (the
 * palette cycles after CHART_PART_COLOURS). */
enum chart_fill {
	FILL_GROUND,              /* the white ground */
	FILL_BAR,                 /* a ranked unit's total; this year's total */
	FILL_MUTED,               /* not ranked: provincial, incomplete */
	FILL_EARLIER,             /* an earlier year's total */
	FILL_FULL,                /* a part's full marks, behind its score */
	FILL_PART,
};
#define CHART_PART_COLOURS 6

/* What a line is drawn as. */
enum chart_stroke {
	STROKE_GRID,              /* a tick's light line across the plot */
	STROKE_AXIS,              /* where the scale starts */
	STROKE_GRADE,             /* a grade's threshold (the scheme's grade rules) */
};
enum chart_dash { DASH_SOLID, DASH_DASHED, DASH_DOTTED };

/* What colour a text is written in. */
enum chart_ink {
	INK_TEXT,                 /* labels and values */
	INK_SOFT,                 /* ticks, notes, the stamp */
	INK_ON_BAR,               /* white, inside a coloured bar */
	INK_GRADE,                /* a grade line's label */
};
enum chart_anchor { ANCHOR_START, ANCHOR_MIDDLE, ANCHOR_END };

enum chart_prim_kind { PRIM_RECT, PRIM_LINE, PRIM_TEXT };

/* One thing to draw, in the order drawn (later ones on top).
 *   rect: the box (x, y, w, h), filled as cls (enum chart_fill); text, if
 *         not NULL, is what it shows in words (an SVG tooltip);
 *   line: from (x, y) to (x2, y2), drawn as cls (enum chart_stroke) with dash;
 *   text: text at (x, y) (the baseline), anchored there, size (the em, in
 *         units), bold or not, in ink cls (enum chart_ink). */
struct chart_prim {
	enum chart_prim_kind kind;
	double x, y, w, h, x2, y2;
	int cls;
	enum chart_dash dash;
	enum chart_anchor anchor;
	double size;
	bool bold;
	char *text;
};

/* A chart: its size, what it shows in words, and its primitives. The
 * value axis is kept for those who check the drawing (tests): the value v
 * lies at x0 + len * v / max along a horizontal scale, or at y0 - len * v
 * / max up a vertical one. */
struct chart {
	double width, height;
	char *title;
	struct chart_prim *p;
	int n, cap;
	bool vertical;
	double x0, y0, len;
	points_t max;
};
void chart_free(struct chart *c);

/* The colour of a class as "#rrggbb": the one palette every backend uses
 * (dark enough for white text on a bar, told apart in grey print by the
 * words next to every bar). */
const char *chart_fill_colour(int fill);
const char *chart_stroke_colour(int stroke);
const char *chart_ink_colour(int ink);

/* The estimated width of s written at size (see above). */
double chart_text_width(const char *s, double size);

/* ---- the charts ---- */

/* The room the units' names take left of the bars in chart_totals and
 * chart_parts: give both charts of a stack the larger of their rooms
 * (their `names`) and their scales start at the same x. */
double chart_names_room(const struct stored_result *rs, int n);

/* Totals by unit: one horizontal bar per stored result (rs[0..n), one kind,
 * in the order given: svc_results gives rank order), on a scale from 0 to
 * the scheme's points (further if a total exceeds them); each grade rule
 * with a minimum is a dashed vertical line labelled "优秀 ≥ 900"; every
 * bar says its total, and a provincial or incomplete unit is grey and says
 * so in words. */
void chart_totals(struct chart *c, const char *title, const struct scheme *sc, const struct stored_result *rs,
		  int n, double names);

/* Part scores side by side: a column per part of the scheme (its first
 * level), as wide as the part's share of the points, each with its own
 * scale from 0 to the part's full marks; a row per unit, each part's bar
 * with its score, the total after the last column; a legend naming each
 * part's colour and full marks. Provincial units (no parts) say so.
 * For both: names is the room left of the bars (0: what the names need,
 * chart_names_room). */
void chart_parts(struct chart *c, const char *title, const struct scheme *sc, const struct stored_result *rs,
		 int n, double names);

/* One unit's total in one year (the years chart's data). */
struct chart_year {
	int year;
	points_t total;
	points_t points;          /* the full marks of that year's scheme */
	enum grade grade;         /* decided, else proposed; GRADE_NONE */
	bool provincial, incomplete;
	bool current;             /* the year the chart is about */
	bool vetoed;              /* the grade set or capped by a veto (said in words) */
	const char *grade_name;   /* the grade in that year's scheme's names
				     (NULL: the standard names) */
};

/* A unit's total this year against earlier years: a column per year
 * (y[0..n), oldest first), on a scale from 0 to the largest full marks,
 * with this year's grade lines (sc) as dashed horizontal lines; each
 * column says its total and grade (or 省考核, 结果未完成), and 否决 where a
 * veto set the grade (a total over a line, a grade under it). */
void chart_years(struct chart *c, const char *title, const struct scheme *sc, const struct chart_year *y, int n);

/* ---- the SVG backend (chart_svg.c) ---- */

/* The chart as an SVG document: presentation attributes only (no <style>,
 * no script, nothing fetched), so a strict Content-Security-Policy allows
 * it as an <img>; every text escaped; a rectangle's words as its <title>
 * (a tooltip). */
void chart_svg(const struct chart *c, struct buf *out);

/* ---- composing ---- */

/* Writes text under the chart (wrapped to its width), small and soft: the
 * stamp every document carries. */
void chart_footer(struct chart *c, const char *text);
/* Moves src's primitives under dst's (a gap between), widening dst if
 * src is wider; src is left empty (chart_free it). */
void chart_append(struct chart *dst, struct chart *src);

#endif
