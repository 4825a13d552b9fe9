/* chart_cairo.c: the chart model's primitives drawn with cairo, texts
 * with Pango in Noto Sans CJK SC (chart_cairo.h): a PNG from an image
 * surface, a PDF from a PDF surface (A4, fonts embedded as subsets). The
 * positions are the model's; this file only draws them: a text's anchor
 * is resolved with Pango's measured width and its y is the baseline, as
 * in SVG. */
#include "chart_cairo.h"
#include "report_impl.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT_FAMILY "Noto Sans CJK SC"

/* A4 in PDF points, and the page's margins (2 cm) and footer. */
#define A4_SHORT 595.276
#define A4_LONG 841.89
#define PAGE_MARGIN 56.7
#define PAGE_FOOT 22.0
#define PAGE_HEAD 30.0           /* the issuer's line above the chart */

/* A layout for drawing on cr, in a font map of its own that goes with
 * it (the default one lives as long as the thread, with every font it has
 * opened: a web server's threads would keep them all): unhinted metrics,
 * so that what is measured is what is drawn, and Simplified Chinese forms
 * of the characters CJK scripts share. Free with g_object_unref. */
static PangoLayout *new_layout(cairo_t *cr)
{
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(fm);
	g_object_unref(fm);
	pango_cairo_update_context(cr, ctx);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	PangoLayout *layout = pango_layout_new(ctx);
	g_object_unref(ctx);
	return layout;
}

/* Sets cr's source to "#rrggbb". */
static void colour(cairo_t *cr, const char *hex)
{
	unsigned v = (unsigned)strtoul(hex + 1, NULL, 16);
	cairo_set_source_rgb(cr, (v >> 16 & 0xFF) / 255.0, (v >> 8 & 0xFF) / 255.0, (v & 0xFF) / 255.0);
}

/* Writes text with its baseline at (x, y), anchored there. */
static void show_text(cairo_t *cr, PangoLayout *layout, PangoFontDescription *font, double x, double y,
		      const char *text, enum chart_anchor anchor, double size, bool bold)
{
	pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
	pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_text(layout, text, -1);
	PangoRectangle logical;
	pango_layout_get_extents(layout, NULL, &logical);
	double w = (double)logical.width / PANGO_SCALE;
	double base = (double)pango_layout_get_baseline(layout) / PANGO_SCALE;
	double left = anchor == ANCHOR_START ? x : anchor == ANCHOR_MIDDLE ? x - w / 2 : x - w;
	cairo_move_to(cr, left, y - base);
	pango_cairo_show_layout(cr, layout);
}

void chart_cairo_draw(cairo_t *cr, const struct chart *c)
{
	cairo_save(cr);
	colour(cr, "#ffffff");
	cairo_rectangle(cr, 0, 0, c->width, c->height);
	cairo_fill(cr);
	PangoLayout *layout = new_layout(cr);
	PangoFontDescription *font = pango_font_description_new();
	pango_font_description_set_family(font, FONT_FAMILY);
	for (int i = 0; i < c->n; i++) {
		const struct chart_prim *p = &c->p[i];
		switch (p->kind) {
		case PRIM_RECT:
			if (p->w <= 0 || p->h <= 0)
				break;
			colour(cr, chart_fill_colour(p->cls));
			cairo_rectangle(cr, p->x, p->y, p->w, p->h);
			cairo_fill(cr);
			break;
		case PRIM_LINE: {
			static const double dashed[] = {5, 4}, dotted[] = {2, 3};
			colour(cr, chart_stroke_colour(p->cls));
			cairo_set_line_width(cr, p->cls == STROKE_GRADE ? 1.5 : 1.0);
			if (p->dash == DASH_DASHED)
				cairo_set_dash(cr, dashed, 2, 0);
			else if (p->dash == DASH_DOTTED)
				cairo_set_dash(cr, dotted, 2, 0);
			else
				cairo_set_dash(cr, NULL, 0, 0);
			cairo_move_to(cr, p->x, p->y);
			cairo_line_to(cr, p->x2, p->y2);
			cairo_stroke(cr);
			break;
		}
		case PRIM_TEXT:
			colour(cr, chart_ink_colour(p->cls));
			show_text(cr, layout, font, p->x, p->y, p->text, p->anchor, p->size, p->bold);
			break;
		}
	}
	pango_font_description_free(font);
	g_object_unref(layout);
	cairo_restore(cr);
}

/* The failure of a cairo surface or context, in words (cairo's own are
 * English), naming the document (shown), not the file it is made in. */
static int cairo_fail(cairo_status_t st, const char *shown, struct svc_error *err)
{
	const char *why = st == CAIRO_STATUS_NO_MEMORY ? "内存不足"
		: st == CAIRO_STATUS_WRITE_ERROR ? "写入出错（磁盘已满或没有写权限）"
		: st == CAIRO_STATUS_FILE_NOT_FOUND ? "目录不存在" : NULL;
	if (why)
		return report_fail(err, SVC_FAILED, "无法写入 %s：%s", shown, why);
	return report_fail(err, SVC_FAILED, "无法写入 %s：绘图出错（cairo 代码 %d）", shown, (int)st);
}

int chart_cairo_png(const struct chart *c, double scale, const char *path, const char *shown,
		    struct svc_error *err)
{
	int w = (int)ceil(c->width * scale), h = (int)ceil(c->height * scale);
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(surface);
	cairo_scale(cr, scale, scale);
	chart_cairo_draw(cr, c);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_write_to_png(surface, path);
	cairo_surface_destroy(surface);
	return st == CAIRO_STATUS_SUCCESS ? 0 : cairo_fail(st, shown, err);
}

/* The page size that shows c larger within the margins, and that scale
 * (at most 1: a chart is never drawn larger than its units). */
static void page_for(const struct chart *c, double *pw, double *ph, double *scale)
{
	double best = -1;
	for (int landscape = 0; landscape < 2; landscape++) {
		double w = landscape ? A4_LONG : A4_SHORT, h = landscape ? A4_SHORT : A4_LONG;
		double sx = (w - 2 * PAGE_MARGIN) / c->width,
		       sy = (h - 2 * PAGE_MARGIN - PAGE_HEAD - PAGE_FOOT) / c->height;
		double sc = sx < sy ? sx : sy;
		if (sc > 1)
			sc = 1;
		if (sc > best + 1e-9) {
			best = sc;
			*pw = w;
			*ph = h;
		}
	}
	*scale = best;
}

/* "第 1 页 共 2 页" centred at the page's foot. */
static void page_number(cairo_t *cr, double pw, double ph, int page, int pages)
{
	PangoLayout *layout = new_layout(cr);
	PangoFontDescription *font = pango_font_description_new();
	pango_font_description_set_family(font, FONT_FAMILY);
	char words[64];
	snprintf(words, sizeof words, "第 %d 页 共 %d 页", page, pages);
	colour(cr, chart_ink_colour(INK_SOFT));
	show_text(cr, layout, font, pw / 2, ph - PAGE_MARGIN + 4, words, ANCHOR_MIDDLE, 9, false);
	pango_font_description_free(font);
	g_object_unref(layout);
}

/* The page's head: the issuer's line centred at the top margin, and the
 * mark (if any) boxed in red at the right. */
static void page_head(cairo_t *cr, double pw, const char *issuer, const char *mark)
{
	PangoLayout *layout = new_layout(cr);
	PangoFontDescription *font = pango_font_description_new();
	pango_font_description_set_family(font, "Noto Serif CJK SC");
	colour(cr, chart_ink_colour(INK_TEXT));
	if (issuer && *issuer)
		show_text(cr, layout, font, pw / 2, PAGE_MARGIN + 12, issuer, ANCHOR_MIDDLE, 12, false);
	if (mark && *mark) {
		pango_font_description_set_family(font, FONT_FAMILY);
		colour(cr, chart_ink_colour(INK_GRADE));
		double right = pw - PAGE_MARGIN, base = PAGE_MARGIN - 14;
		show_text(cr, layout, font, right - 4, base, mark, ANCHOR_END, 10, true);
		PangoRectangle logical;
		pango_layout_get_extents(layout, NULL, &logical);
		double w = (double)logical.width / PANGO_SCALE;
		cairo_set_line_width(cr, 1);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_rectangle(cr, right - w - 8, base - 13, w + 8, 17);
		cairo_stroke(cr);
	}
	pango_font_description_free(font);
	g_object_unref(layout);
}

int chart_cairo_pdf(struct chart *const *charts, int n, const char *issuer, const char *mark, const char *path,
		    const char *shown, struct svc_error *err)
{
	double pw, ph, scale;
	page_for(charts[0], &pw, &ph, &scale);
	cairo_surface_t *surface = cairo_pdf_surface_create(path, pw, ph);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, charts[0]->title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "kaohe " KAOHE_VERSION);
	cairo_t *cr = cairo_create(surface);
	for (int i = 0; i < n; i++) {
		page_for(charts[i], &pw, &ph, &scale);
		cairo_pdf_surface_set_size(surface, pw, ph);
		/* a white page, the chart centred across it under the top margin */
		colour(cr, "#ffffff");
		cairo_paint(cr);
		cairo_save(cr);
		cairo_translate(cr, (pw - charts[i]->width * scale) / 2, PAGE_MARGIN + PAGE_HEAD);
		cairo_scale(cr, scale, scale);
		chart_cairo_draw(cr, charts[i]);
		cairo_restore(cr);
		page_head(cr, pw, issuer, mark);
		page_number(cr, pw, ph, i + 1, n);
		cairo_show_page(cr);
	}
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	return st == CAIRO_STATUS_SUCCESS ? 0 : cairo_fail(st, shown, err);
}
