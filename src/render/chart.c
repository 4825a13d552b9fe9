/* chart.c: the chart model's primitives and what every chart shares
 * (chart.h): the palette, text widths and wrapping, scales and ticks,
 * grade labels, legends, the footer and stacking two charts. The charts
 * themselves are laid out in chart_bars.c and chart_years.c. */
#include "chart_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- primitives ---- */

void chart_free(struct chart *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->p[i].text);
	free(c->p);
	free(c->title);
	memset(c, 0, sizeof *c);
}

/* A new primitive at the end of the list, zeroed but for its kind. */
static struct chart_prim *push(struct chart *c, enum chart_prim_kind kind)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->p = xrealloc(c->p, (size_t)c->cap * sizeof *c->p);
	}
	struct chart_prim *p = &c->p[c->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	return p;
}

void ch_rect(struct chart *c, double x, double y, double w, double h, enum chart_fill fill, const char *tip)
{
	struct chart_prim *p = push(c, PRIM_RECT);
	p->x = x;
	p->y = y;
	p->w = w < 0 ? 0 : w;
	p->h = h;
	p->cls = (int)fill;
	p->text = tip ? xstrdup(tip) : NULL;
}

void ch_line(struct chart *c, double x1, double y1, double x2, double y2, enum chart_stroke stroke,
	     enum chart_dash dash)
{
	struct chart_prim *p = push(c, PRIM_LINE);
	p->x = x1;
	p->y = y1;
	p->x2 = x2;
	p->y2 = y2;
	p->cls = (int)stroke;
	p->dash = dash;
}

void ch_text(struct chart *c, double x, double y, const char *text, enum chart_anchor anchor, double size,
	     bool bold, enum chart_ink ink)
{
	struct chart_prim *p = push(c, PRIM_TEXT);
	p->x = x;
	p->y = y;
	p->text = xstrdup(text);
	p->anchor = anchor;
	p->size = size;
	p->bold = bold;
	p->cls = (int)ink;
}

void ch_text_grounded(struct chart *c, double x, double y, const char *text, enum chart_anchor anchor,
		      double size, bool bold, enum chart_ink ink)
{
	double w = chart_text_width(text, size) + 4;
	double left = anchor == ANCHOR_START ? x - 2 : anchor == ANCHOR_MIDDLE ? x - w / 2 : x - w + 2;
	ch_rect(c, left, y - size, w, size * 1.3, FILL_GROUND, NULL);
	ch_text(c, x, y, text, anchor, size, bold, ink);
}

double ch_begin(struct chart *c, const char *title)
{
	memset(c, 0, sizeof *c);
	c->title = xstrdup(title ? title : "");
	ch_text(c, CH_MARGIN, CH_TITLE_BASE, c->title, ANCHOR_START, CH_TITLE_SIZE, true, INK_TEXT);
	c->width = CH_MARGIN * 2 + chart_text_width(c->title, CH_TITLE_SIZE);
	return CH_TITLE_BASE;
}

/* ---- the palette ---- */

static const char *const parts_palette[CHART_PART_COLOURS] = {"#1f4e79", "#2f6b3f", "#8a5a00", "#6b4f8f",
	"#8c3b3b", "#0f6e6e"};

const char *chart_fill_colour(int fill)
{
	switch (fill) {
	case FILL_GROUND: return "#ffffff";
	case FILL_BAR: return "#1f4e79";
	case FILL_MUTED: return "#a8a8a8";
	case FILL_EARLIER: return "#86a7c8";
	case FILL_FULL: return "#e6ebf1";
	default: return parts_palette[(fill - FILL_PART) % CHART_PART_COLOURS];
	}
}

const char *chart_stroke_colour(int stroke)
{
	switch (stroke) {
	case STROKE_GRID: return "#dddddd";
	case STROKE_GRADE: return "#b03030";
	default: return "#5b5b5b";
	}
}

const char *chart_ink_colour(int ink)
{
	switch (ink) {
	case INK_SOFT: return "#5b5b5b";
	case INK_ON_BAR: return "#ffffff";
	case INK_GRADE: return "#b03030";
	default: return "#1c1c1c";
	}
}

/* ---- text ---- */

/* The code point at s (advancing *len bytes); a bad byte counts as one. */
static unsigned decode(const unsigned char *s, int *len)
{
	if (s[0] < 0x80 || (s[0] & 0xE0) == 0x80) {
		*len = 1;
		return s[0];
	}
	int n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : 4;
	unsigned cp = s[0] & (0x3F >> (n - 1));
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*len = 1;
			return s[0];
		}
		cp = cp << 6 | (s[i] & 0x3F);
	}
	*len = n;
	return cp;
}

/* Whether a code point is drawn one em wide in a CJK font: the CJK
 * blocks, full-width forms, and the symbols (≥, ·…) CJK fonts draw wide. */
static bool wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2010 && cp <= 0x2BFF) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	       (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
}

double chart_text_width(const char *s, double size)
{
	double em = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
		int len;
		unsigned cp = decode(p, &len);
		em += wide(cp) ? 1.0 : 0.6;
		p += len;
	}
	return em * size;
}

int ch_wrap(const char *text, double size, double width, char ***lines)
{
	*lines = NULL;
	int n = 0;
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	while (*s) {
		const unsigned char *p = s, *brk = NULL;
		double w = 0;
		while (*p) {
			int len;
			unsigned cp = decode(p, &len);
			double cw = (wide(cp) ? 1.0 : 0.6) * size;
			if (w + cw > width && p > s)
				break;
			w += cw;
			p += len;
			if (cp == ' ' || cp == 0xB7 || cp == 0xFF1B || cp == 0xFF0C)   /* space · ； ， */
				brk = p;
		}
		/* break at a space or a separator in the line's last third */
		if (*p && brk && (double)(brk - s) > (double)(p - s) * 2 / 3)
			p = brk;
		*lines = xrealloc(*lines, (size_t)(n + 1) * sizeof **lines);
		size_t len = (size_t)(p - s);
		while (len && s[len - 1] == ' ')
			len--;
		(*lines)[n++] = xstrndup((const char *)s, len);
		s = p;
		while (*s == ' ')
			s++;
	}
	return n;
}

void ch_lines_free(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* ---- scales and grades ---- */

points_t ch_tick_step(points_t max)
{
	points_t raw = max / 5, m = 1;
	if (raw < 1)
		return 1;
	while (m * 10 <= raw)
		m *= 10;
	return raw <= m ? m : raw <= 2 * m ? 2 * m : raw <= 5 * m ? 5 * m : 10 * m;
}

points_t ch_scale_step(points_t full, points_t max)
{
	if (full <= 0 || max > 2 * full)
		return ch_tick_step(max);
	return ch_tick_step(full);
}

points_t ch_scale_max(points_t full, points_t largest)
{
	if (full <= 0)
		full = POINTS(100);
	if (largest <= full)
		return full;
	points_t step = ch_tick_step(full);   /* the ticks of full marks, continued */
	return (largest + step - 1) / step * step;
}

char *ch_grade_label(const struct grade_rule *g)
{
	char v[POINTS_BUFSZ];
	struct buf b = {0};
	buf_printf(&b, "%s ≥ %s", g->name ? g->name : grade_name(g->grade), points_fmt(g->min, v));
	return buf_take(&b);
}

/* ---- legends ---- */

#define SWATCH 11.0

void ch_legend_begin(struct ch_legend *l, struct chart *c, double left, double right, double y)
{
	*l = (struct ch_legend){c, left, left, right, y, 1};
}

/* Room for an entry of swatch and words: on this line, else the next. */
static double entry_place(struct ch_legend *l, const char *words)
{
	double w = SWATCH + 5 + chart_text_width(words, CH_SMALL_SIZE);
	if (l->x + w > l->right && l->x > l->left) {
		l->x = l->left;
		l->y += 18;
		l->lines++;
	}
	double x = l->x;
	l->x += w + 18;
	if (x + w + CH_MARGIN > l->c->width)
		l->c->width = x + w + CH_MARGIN;
	return x;
}

void ch_legend_fill(struct ch_legend *l, enum chart_fill fill, const char *words)
{
	double x = entry_place(l, words);
	ch_rect(l->c, x, l->y - SWATCH + 1, SWATCH, SWATCH, fill, NULL);
	ch_text(l->c, x + SWATCH + 5, l->y, words, ANCHOR_START, CH_SMALL_SIZE, false, INK_TEXT);
}

void ch_legend_dash(struct ch_legend *l, const char *words, bool vertical)
{
	double x = entry_place(l, words);
	if (vertical)
		ch_line(l->c, x + SWATCH / 2, l->y - SWATCH - 2, x + SWATCH / 2, l->y + 3, STROKE_GRADE, DASH_DASHED);
	else
		ch_line(l->c, x - 4, l->y - SWATCH / 2 + 1, x + SWATCH + 1, l->y - SWATCH / 2 + 1, STROKE_GRADE,
			DASH_DASHED);
	ch_text(l->c, x + SWATCH + 5, l->y, words, ANCHOR_START, CH_SMALL_SIZE, false, INK_TEXT);
}

double ch_legend_end(const struct ch_legend *l)
{
	return l->y;
}

/* ---- composing ---- */

void chart_footer(struct chart *c, const char *text)
{
	char **lines;
	double width = c->width - 2 * CH_MARGIN;
	if (width < 300)
		width = 300;
	int n = ch_wrap(text, CH_FOOT_SIZE, width, &lines);
	double y = c->height + 2;
	for (int i = 0; i < n; i++, y += 14)
		ch_text(c, CH_MARGIN, y, lines[i], ANCHOR_START, CH_FOOT_SIZE, false, INK_SOFT);
	if (n)
		c->height = y - 14 + CH_MARGIN / 2 + 4;
	if (c->width < width + 2 * CH_MARGIN)
		c->width = width + 2 * CH_MARGIN;
	ch_lines_free(lines, n);
}

void chart_append(struct chart *dst, struct chart *src)
{
	double dy = dst->height;
	if (dst->n)
		ch_line(dst, CH_MARGIN, dy, (dst->width > src->width ? dst->width : src->width) - CH_MARGIN, dy,
			STROKE_GRID, DASH_SOLID);
	for (int i = 0; i < src->n; i++) {
		struct chart_prim *p = push(dst, src->p[i].kind);
		*p = src->p[i];
		p->y += dy;
		p->y2 += dy;
	}
	src->n = 0;
	if (src->width > dst->width)
		dst->width = src->width;
	dst->height += src->height;
	struct buf t = {0};
	buf_printf(&t, "%s%s%s", dst->title ? dst->title : "", dst->title && *dst->title ? "；" : "",
		   src->title ? src->title : "");
	free(dst->title);
	dst->title = buf_take(&t);
}
