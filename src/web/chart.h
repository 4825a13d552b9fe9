/* chart.h: bar charts drawn by the server as SVG, without a script (the
 * results page embeds them with <img>). Every text is escaped through
 * h(); every number is written as the engine states it (%P). No styles
 * or scripts inside: only presentation attributes, so the charts obey
 * the server's Content-Security-Policy. */
#ifndef KAOHE_CHART_H
#define KAOHE_CHART_H

#include <stdbool.h>

#include "../core/points.h"
#include "../core/util.h"

/* One bar: a unit. */
struct chart_row {
	const char *label;        /* the unit's name */
	const char *note;         /* words after the value ("省考核", "结果未完成"), or NULL */
	points_t total;
	const points_t *parts;    /* one value per series (stacked chart), or NULL */
	bool muted;               /* drawn grey: not ranked (provincial, incomplete) */
};

struct chart {
	const char *title;        /* above the bars, and the SVG's <title> */
	points_t max;             /* where the scale ends (the scheme's points) */
	const char *const *series;/* the parts' names (stacked chart), in order */
	int nseries;
	const struct chart_row *rows;
	int nrows;
};

/* Horizontal bars of each row's total, in the rows' order. */
void chart_totals(struct buf *b, const struct chart *c);
/* Horizontal bars of each row's parts stacked (rows without parts are
 * left out), with a legend naming each part's colour. */
void chart_parts(struct buf *b, const struct chart *c);

#endif
