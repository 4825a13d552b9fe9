/* chart_cairo.h: the chart model (render/chart.h) drawn with cairo and
 * Pango, for the documents: PNG images and PDF pages. The same
 * primitives the web's SVG draws, in the same palette, with Noto Sans CJK
 * SC (embedded in the PDF). */
#ifndef KAOHE_CHART_CAIRO_H
#define KAOHE_CHART_CAIRO_H

#include <cairo.h>

#include "report.h"
#include "../render/chart.h"

/* Draws c with its top left corner at cr's origin, a unit a user-space
 * unit of cr (a white ground under it). */
void chart_cairo_draw(cairo_t *cr, const struct chart *c);

/* c as a PNG image of (width × scale) × (height × scale) pixels, rounded
 * up, written to path (a document's temporary file; shown names the
 * document in messages). 0, or -1 with the reason in *err. */
int chart_cairo_png(const struct chart *c, double scale, const char *path, const char *shown,
		    struct svc_error *err);

/* The charts as a PDF, one A4 page each, portrait or landscape (whichever
 * shows the chart larger), scaled down to fit within the margins, each
 * page headed by the issuing office and the date (issuer, centred) and,
 * if not NULL, a mark at its top right (a draft's, red and boxed), each
 * numbered "第 1 页 共 2 页". 0, or -1 with the reason in *err. */
int chart_cairo_pdf(struct chart *const *charts, int n, const char *issuer, const char *mark, const char *path,
		    const char *shown, struct svc_error *err);

#endif
