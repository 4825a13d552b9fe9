/* chart_bars.c: the horizontal bar charts of a kind's stored results
 * (chart.h): totals by unit with the grade lines, and the part scores
 * side by side. A row per unit, in the order given (rank order); the
 * unit's name on the left, every value written next to its bar. */
#include "../core/period.h"
#include "chart_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW_H 26.0
#define BAR_H 16.0
#define AXIS_LEN 560.0           /* the totals' scale, 0 to full marks */
#define PARTS_LEN 600.0          /* the parts' columns together */
#define COL_GAP 8.0
#define COL_MIN 48.0             /* a part's column at least (room for "不适用") */

/* What a unit's row says after its total, or NULL: why it is grey. */
static const char *row_note(const struct stored_result *r)
{
	if (r->provincial)
		return r->incomplete ? "省考核，尚无省考核得分，不排名次" : "省考核结果，不排名次";
	if (r->incomplete)
		return "结果未完成，不排名次";
	return NULL;
}

/* "936.35 分", with the row's note: "887 分（省考核结果，不排名次）". Caller frees. */
static char *total_words(const struct stored_result *r)
{
	char v[POINTS_BUFSZ];
	const char *note = row_note(r);
	struct buf b = {0};
	buf_printf(&b, "%s 分", points_fmt(r->total, v));
	if (note)
		buf_printf(&b, "（%s）", note);
	return buf_take(&b);
}

double chart_names_room(const struct stored_result *rs, int n)
{
	double w = 4 * CH_LABEL_SIZE;
	for (int i = 0; i < n; i++) {
		double lw = chart_text_width(rs[i].unit.name, CH_LABEL_SIZE);
		if (lw > w)
			w = lw;
	}
	return w + 10;
}

/* The x where the bars start: room for the longest name, or names if more. */
static double names_end(const struct stored_result *rs, int n, double names)
{
	double room = chart_names_room(rs, n);
	return CH_MARGIN + (names > room ? names : room);
}

/* The top of row i's bar, rows starting at top. */
static double bar_top(double top, int i)
{
	return top + i * ROW_H + (ROW_H - BAR_H) / 2;
}

/* A unit's name left of its row. */
static void row_name(struct chart *c, double x0, double top, int i, const char *name)
{
	ch_text(c, x0 - 8, bar_top(top, i) + BAR_H / 2 + CH_LABEL_SIZE * 0.36, name, ANCHOR_END, CH_LABEL_SIZE, false,
		INK_TEXT);
}

/* Where row i's words go (their baseline). */
static double row_base(double top, int i)
{
	return bar_top(top, i) + BAR_H / 2 + CH_VALUE_SIZE * 0.36;
}

/* Grows the chart's width to hold something ending at right. */
static void reach(struct chart *c, double right)
{
	if (right + CH_MARGIN > c->width)
		c->width = right + CH_MARGIN;
}

/* ---- totals ---- */

/* The grade rules with a minimum, lowest first (leftmost). Returns how many. */
static int thresholds(const struct scheme *sc, const struct grade_rule **out)
{
	int n = 0;
	for (int g = 0; sc && g < sc->ngrades; g++) {
		if (!sc->grades[g].has_min)
			continue;
		int k = n++;
		while (k > 0 && out[k - 1]->min > sc->grades[g].min) {
			out[k] = out[k - 1];
			k--;
		}
		out[k] = &sc->grades[g];
	}
	return n;
}

/* The grade labels above the plot: each centred on its line, moved to a
 * lower line where it would run into the one before. Draws them, and
 * stores each line's x and where it starts (under its label) in xs;
 * returns the baseline of the lowest line used (or the title's). */
static double grade_labels(struct chart *c, const struct scheme *sc, double x0, double title, double *xs,
			   int *nxs)
{
	const struct grade_rule *g[GRADE_COUNT];
	int ng = thresholds(sc, g);
	double right[GRADE_COUNT];
	int lines = 0;
	*nxs = 0;
	for (int i = 0; i < ng; i++) {
		double x = x0 + c->len * (double)g[i]->min / (double)c->max;
		char *label = ch_grade_label(g[i]);
		double w = chart_text_width(label, CH_SMALL_SIZE);
		int line = 0;
		while (line < lines && x - w / 2 < right[line] + 6)
			line++;
		if (line == lines)
			lines++;
		right[line] = x + w / 2;
		double y = title + 22 + line * 14;
		ch_text(c, x, y, label, ANCHOR_MIDDLE, CH_SMALL_SIZE, false, INK_GRADE);
		reach(c, x + w / 2);
		xs[*nxs] = x;
		xs[*nxs + 1] = y + 3;
		*nxs += 2;
		free(label);
	}
	return lines ? title + 22 + (lines - 1) * 14 : title;
}

void chart_totals(struct chart *c, const char *title, const struct scheme *sc, const struct stored_result *rs,
		  int n, double names)
{
	double base = ch_begin(c, title);
	points_t largest = 0;
	for (int i = 0; i < n; i++)
		if (rs[i].total > largest)
			largest = rs[i].total;
	c->max = ch_scale_max(sc ? scheme_year_points(sc) : 0, largest);
	c->x0 = names_end(rs, n, names);
	c->len = AXIS_LEN;
	double x0 = c->x0, len = AXIS_LEN;
	double lines[2 * GRADE_COUNT];
	int nlines;
	double top = grade_labels(c, sc, x0, base, lines, &nlines) + 10;
	double bottom = top + n * ROW_H + 6;
	c->y0 = bottom;
	/* the scale: light lines at the ticks, their values under the plot */
	points_t step = ch_scale_step(sc ? scheme_year_points(sc) : 0, c->max);
	char v[POINTS_BUFSZ];
	for (points_t t = 0; t <= c->max; t += step) {
		double x = x0 + len * (double)t / (double)c->max;
		ch_line(c, x, top, x, bottom + 4, t ? STROKE_GRID : STROKE_AXIS, DASH_SOLID);
		ch_text(c, x, bottom + 17, points_fmt(t, v), ANCHOR_MIDDLE, CH_SMALL_SIZE, false, INK_SOFT);
	}
	ch_line(c, x0, bottom, x0 + len, bottom, STROKE_AXIS, DASH_SOLID);
	reach(c, x0 + len + chart_text_width(points_fmt(c->max, v), CH_SMALL_SIZE) / 2);
	/* the bars, then the grade lines over them, then the words */
	bool muted = false;
	for (int i = 0; i < n; i++) {
		const struct stored_result *r = &rs[i];
		bool grey = r->provincial || r->incomplete;
		muted |= grey;
		struct buf tip = {0};
		buf_printf(&tip, "%s：%s 分", r->unit.name, points_fmt(r->total, v));
		double w = r->total <= 0 ? 0 : len * (double)r->total / (double)c->max;
		ch_rect(c, x0, bar_top(top, i), w, BAR_H, grey ? FILL_MUTED : FILL_BAR, buf_str(&tip));
		buf_free(&tip);
	}
	for (int k = 0; k < nlines; k += 2)
		ch_line(c, lines[k], lines[k + 1], lines[k], bottom, STROKE_GRADE, DASH_DASHED);
	for (int i = 0; i < n; i++) {
		const struct stored_result *r = &rs[i];
		row_name(c, x0, top, i, r->unit.name);
		double end = x0 + (r->total <= 0 ? 0 : len * (double)r->total / (double)c->max) + 6;
		char *words = total_words(r);
		ch_text_grounded(c, end, row_base(top, i), words, ANCHOR_START, CH_VALUE_SIZE, false, INK_TEXT);
		reach(c, end + chart_text_width(words, CH_VALUE_SIZE));
		free(words);
	}
	if (!n)
		ch_text(c, x0 + 8, top + 18, "没有可以查看的考核结果", ANCHOR_START, CH_VALUE_SIZE, false, INK_SOFT);
	/* what the marks mean */
	struct ch_legend l;
	ch_legend_begin(&l, c, CH_MARGIN, c->width - CH_MARGIN, bottom + 40);
	if (nlines) {
		struct buf words = {0};
		buf_printf(&words, "档次分数线（考核方案规定，以上包括本数；满分 %s 分）",
			   points_fmt(scheme_year_points(sc), v));
		ch_legend_dash(&l, buf_str(&words), true);
		buf_free(&words);
	}
	if (muted)
		ch_legend_fill(&l, FILL_MUTED, "省考核或结果未完成：不排名次");
	c->height = ch_legend_end(&l) + CH_MARGIN;
}

/* ---- parts side by side ---- */

/* The stored part of r for the scheme's part p, or NULL. */
static const struct stored_node *part_of(const struct stored_result *r, const struct node *p)
{
	for (int j = 0; j < r->nparts; j++)
		if (r->parts[j].node == p)
			return &r->parts[j];
	return NULL;
}

/* The column heads: each part's name (wrapped to its column) and its full
 * marks. Returns the baseline of the lowest head line. */
static double part_heads(struct chart *c, const struct scheme *sc, const struct node *root, const double *xs,
			 const double *ws, double y)
{
	double lowest = y;
	for (int k = 0; k < root->nchildren; k++) {
		char **lines;
		int nl = ch_wrap(root->children[k]->title, CH_VALUE_SIZE, ws[k] + COL_GAP - 2, &lines);
		double cx = xs[k] + ws[k] / 2, ly = y;
		for (int i = 0; i < nl; i++, ly += 15)
			ch_text(c, cx, ly, lines[i], ANCHOR_MIDDLE, CH_VALUE_SIZE, true, INK_TEXT);
		char v[POINTS_BUFSZ], full[POINTS_BUFSZ + 16];
		snprintf(full, sizeof full, "满分 %s", points_fmt(node_year_points(sc, root->children[k]), v));
		ch_text(c, cx, ly, full, ANCHOR_MIDDLE, CH_SMALL_SIZE, false, INK_SOFT);
		if (ly > lowest)
			lowest = ly;
		ch_lines_free(lines, nl);
	}
	return lowest;
}

/* One part's bar in its column, and its score in words: inside the bar
 * (white) where it fits, else after it; full: the part's full marks over
 * the year (node_year_points). */
static void part_bar(struct chart *c, const struct stored_result *r, const struct stored_node *p,
		     const struct node *part, points_t full, int k, double x, double w, double y, double base)
{
	char v[POINTS_BUFSZ];
	ch_rect(c, x, y, w, BAR_H, FILL_FULL, NULL);
	if (!p || (p->state & NODE_NA)) {
		ch_text(c, x + w / 2, base, p ? "不适用" : "—", ANCHOR_MIDDLE, CH_SMALL_SIZE, false, INK_SOFT);
		return;
	}
	double bw = p->score <= 0 || full <= 0 ? 0 : w * (double)p->score / (double)full;
	if (bw > w)
		bw = w;
	struct buf tip = {0};
	buf_printf(&tip, "%s %s：%s 分（满分 %s）", r->unit.name, part->title, points_fmt(p->score, v),
		   points_fmt(full, (char[POINTS_BUFSZ]){0}));
	bool grey = r->incomplete || (p->state & NODE_MISSING);
	ch_rect(c, x, y, bw, BAR_H, grey ? FILL_MUTED : (enum chart_fill)(FILL_PART + k), buf_str(&tip));
	buf_free(&tip);
	points_fmt(p->score, v);
	double tw = chart_text_width(v, CH_SMALL_SIZE);
	if (bw >= tw + 6)
		ch_text(c, x + bw - 3, base, v, ANCHOR_END, CH_SMALL_SIZE, false, INK_ON_BAR);
	else
		ch_text(c, x + bw + 3, base, v, ANCHOR_START, CH_SMALL_SIZE, false, INK_TEXT);
}

void chart_parts(struct chart *c, const char *title, const struct scheme *sc, const struct stored_result *rs,
		 int n, double names)
{
	double base = ch_begin(c, title);
	const struct node *root = sc ? sc->root : NULL;
	int np = root ? root->nchildren : 0;
	double *xs = xcalloc((size_t)np + 1, sizeof *xs), *ws = xcalloc((size_t)np + 1, sizeof *ws);
	points_t sum = 0;
	for (int k = 0; k < np; k++)
		sum += root->children[k]->points > 0 ? node_year_points(sc, root->children[k]) : 0;
	c->x0 = names_end(rs, n, names);
	c->len = PARTS_LEN;
	c->max = sum;
	double x = c->x0;
	for (int k = 0; k < np; k++) {
		points_t pts = node_year_points(sc, root->children[k]);
		ws[k] = sum > 0 && pts > 0 ? PARTS_LEN * (double)pts / (double)sum : COL_MIN;
		if (ws[k] < COL_MIN)
			ws[k] = COL_MIN;
		xs[k] = x;
		x += ws[k] + COL_GAP;
	}
	double xt = x + 4;   /* the totals' column */
	double head = part_heads(c, sc, root ? root : &(struct node){0}, xs, ws, base + 26);
	ch_text(c, xt, base + 26, "总分", ANCHOR_START, CH_VALUE_SIZE, true, INK_TEXT);
	double top = head + 10;
	c->y0 = top;
	bool muted = false;
	char v[POINTS_BUFSZ];
	for (int i = 0; i < n; i++) {
		const struct stored_result *r = &rs[i];
		double y = bar_top(top, i), yb = row_base(top, i) - 1;
		row_name(c, c->x0, top, i, r->unit.name);
		muted |= r->incomplete && !r->provincial;
		if (r->provincial)
			ch_text(c, c->x0 + 4, yb, "省考核，得分取自省考核结果，不分部分计分", ANCHOR_START, CH_SMALL_SIZE, false,
				INK_SOFT);
		else
			for (int k = 0; k < np; k++)
				part_bar(c, r, part_of(r, root->children[k]), root->children[k],
					 node_year_points(sc, root->children[k]), k, xs[k], ws[k], y, yb);
		char *words = total_words(r);
		ch_text(c, xt, row_base(top, i), words, ANCHOR_START, CH_VALUE_SIZE, false, INK_TEXT);
		reach(c, xt + chart_text_width(words, CH_VALUE_SIZE));
		free(words);
	}
	if (!n)
		ch_text(c, c->x0 + 8, top + 18, "没有可以查看的考核结果", ANCHOR_START, CH_VALUE_SIZE, false, INK_SOFT);
	reach(c, xt + chart_text_width("总分", CH_VALUE_SIZE));
	double bottom = top + n * ROW_H + 6;
	ch_line(c, c->x0, top - 4, c->x0, bottom, STROKE_AXIS, DASH_SOLID);
	/* the legend: each part's colour, the light ground, grey rows */
	struct ch_legend l;
	ch_legend_begin(&l, c, CH_MARGIN, c->width - CH_MARGIN, bottom + 22);
	for (int k = 0; k < np; k++) {
		struct buf words = {0};
		buf_printf(&words, "%s（满分 %s 分）", root->children[k]->title,
			   points_fmt(node_year_points(sc, root->children[k]), v));
		ch_legend_fill(&l, (enum chart_fill)(FILL_PART + k), buf_str(&words));
		buf_free(&words);
	}
	ch_legend_fill(&l, FILL_FULL, "浅色底：该部分的满分");
	if (muted)
		ch_legend_fill(&l, FILL_MUTED, "灰色：结果未完成或缺录入");
	c->height = ch_legend_end(&l) + CH_MARGIN;
	free(xs);
	free(ws);
}
