/* chart_svg.c: a chart's primitives as SVG text (chart.h), for the web's
 * results page and the `report chart --format svg` file. One element per
 * primitive, in order; colours from the model's palette; no styles or
 * scripts, so the server's Content-Security-Policy lets it through. */
#include "chart.h"

#include <stdio.h>
#include <string.h>

/* A coordinate: at most two decimals, no trailing zeros. */
static void num(struct buf *b, double v)
{
	char s[32];
	snprintf(s, sizeof s, "%.2f", v);
	char *e = s + strlen(s);
	while (e[-1] == '0')
		*--e = '\0';
	if (e[-1] == '.')
		*--e = '\0';
	buf_puts(b, strcmp(s, "-0") == 0 ? "0" : s);
}

/* name="v" with a coordinate. */
static void attr(struct buf *b, const char *name, double v)
{
	buf_printf(b, " %s=\"", name);
	num(b, v);
	buf_putc(b, '"');
}

/* Text for an element or an attribute: & < > " ' escaped. */
static void esc(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, *s);
		}
	}
}

static void rect(struct buf *b, const struct chart_prim *p)
{
	buf_puts(b, "<rect");
	attr(b, "x", p->x);
	attr(b, "y", p->y);
	attr(b, "width", p->w);
	attr(b, "height", p->h);
	buf_printf(b, " fill=\"%s\"", chart_fill_colour(p->cls));
	if (p->text) {
		buf_puts(b, "><title>");
		esc(b, p->text);
		buf_puts(b, "</title></rect>\n");
	} else {
		buf_puts(b, "/>\n");
	}
}

static void line(struct buf *b, const struct chart_prim *p)
{
	buf_puts(b, "<line");
	attr(b, "x1", p->x);
	attr(b, "y1", p->y);
	attr(b, "x2", p->x2);
	attr(b, "y2", p->y2);
	buf_printf(b, " stroke=\"%s\"", chart_stroke_colour(p->cls));
	if (p->cls == STROKE_GRADE)
		buf_puts(b, " stroke-width=\"1.5\"");
	if (p->dash == DASH_DASHED)
		buf_puts(b, " stroke-dasharray=\"5 4\"");
	else if (p->dash == DASH_DOTTED)
		buf_puts(b, " stroke-dasharray=\"2 3\"");
	buf_puts(b, "/>\n");
}

static void text(struct buf *b, const struct chart_prim *p)
{
	static const char *const anchors[] = {"start", "middle", "end"};
	buf_puts(b, "<text");
	attr(b, "x", p->x);
	attr(b, "y", p->y);
	attr(b, "font-size", p->size);
	if (p->anchor != ANCHOR_START)
		buf_printf(b, " text-anchor=\"%s\"", anchors[p->anchor]);
	if (p->bold)
		buf_puts(b, " font-weight=\"bold\"");
	buf_printf(b, " fill=\"%s\">", chart_ink_colour(p->cls));
	esc(b, p->text);
	buf_puts(b, "</text>\n");
}

void chart_svg(const struct chart *c, struct buf *out)
{
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"");
	attr(out, "width", c->width);
	attr(out, "height", c->height);
	buf_puts(out, " viewBox=\"0 0 ");
	num(out, c->width);
	buf_putc(out, ' ');
	num(out, c->height);
	buf_puts(out, "\" role=\"img\" font-family=\"'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', "
		      "'PingFang SC', sans-serif\">\n<title>");
	esc(out, c->title);
	buf_puts(out, "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
	for (int i = 0; i < c->n; i++) {
		const struct chart_prim *p = &c->p[i];
		if (p->kind == PRIM_RECT)
			rect(out, p);
		else if (p->kind == PRIM_LINE)
			line(out, p);
		else
			text(out, p);
	}
	buf_puts(out, "</svg>\n");
}
