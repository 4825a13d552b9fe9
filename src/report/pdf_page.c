/* pdf_page.c: laying a measured document out on pages and drawing it
 * (pdf_doc.h). First every piece is placed: paragraphs line by line,
 * tables row by row with their header row at the top of each page they
 * reach; that gives the page count. Then each page is drawn with its
 * header and its footer "第 N 页 共 M 页".
 *
 * A table row that does not fit in what is left of a page moves to the
 * next page when it is small (at most half a page), so that an item and
 * its texts are read together; a taller row is split between lines, each
 * cell going on from the line where it stopped, under the repeated
 * header and marked "（续）". Splitting rather than shrinking: a rule
 * text or a derivation set smaller than the rest would be hard to read
 * on paper and would no longer match the other rows, while a split keeps
 * every word at its size and in its column. */
#include "pdf_impl.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLACK 0x000000u
#define GREY 0x666666u
#define MUTED 0x6B6B6Bu
#define RED 0xC00000u
#define SHADE_HEAD 0xE4E4E4u
#define SHADE_GROUP 0xF1F1F1u
#define RULE_W 0.5

/* ---- placing ---- */

static void op_add(struct pdf_doc *d, struct pdf_op o)
{
	if (d->nops == d->capops) {
		d->capops = d->capops ? d->capops * 2 : 256;
		d->ops = xrealloc(d->ops, (size_t)d->capops * sizeof *d->ops);
	}
	o.page = d->pages;
	d->ops[d->nops++] = o;
}

static void new_page(struct pdf_doc *d)
{
	d->pages++;
	d->y = d->body_top;
}

static bool at_top(const struct pdf_doc *d)
{
	return d->y <= d->body_top + 0.01;
}

static double room(const struct pdf_doc *d)
{
	return d->body_bottom - d->y;
}

static double row_h(const struct pdf_trow *r)
{
	return r->h + 2 * PDF_PADY;
}

/* The height of at most n lines of t from its first. */
static double lines_h(const struct pdf_text *t, int n)
{
	if (!t->n)
		return 0;
	return t->bot[(n < t->n ? n : t->n) - 1] - t->top[0];
}

/* What row k of t needs below it to be placed where it is rather than
 * on the next page: the whole row when it is small, the first lines of a
 * tall one (which is split); a group's row with the groups' rows right
 * under it and the first lines of the row they lead to. */
static double row_need(const struct pdf_doc *d, const struct pdf_table *t, int k)
{
	double full = d->body_bottom - d->body_top - row_h(&t->head);
	double few = 3 * t->size * 1.3 + 2 * PDF_PADY, need = 0;
	int j = k;
	for (; j < t->nrows && t->rows[j].kind == PDF_ROW_GROUP; j++)
		need += row_h(&t->rows[j]);
	if (j < t->nrows) {
		double h = row_h(&t->rows[j]);
		need += h <= few || (j == k && h <= full / 2) ? h : few;
	}
	return need;
}

/* What the start of block i needs on the page it starts on: its space
 * above and two lines of a paragraph (all of one kept with the next
 * block, and what that one needs), or a table's header and what its
 * first rows need (up to three, so that a heading and a header row do
 * not end a page over a single row). */
static double start_need(const struct pdf_doc *d, int i)
{
	if (i >= d->nblocks)
		return 0;
	const struct pdf_block *b = &d->blocks[i];
	if (b->type == PDF_B_TEXT && b->st.keep)
		return b->st.before + b->m.h + b->st.after + start_need(d, i + 1);
	if (b->type == PDF_B_TEXT)
		return b->st.before + lines_h(&b->m, 2);
	if (b->type != PDF_B_TABLE)
		return 0;
	const struct pdf_table *t = b->t;
	double need = row_h(&t->head) + (t->nrows ? row_need(d, t, 0) : 0);
	/* row_need took the leading group rows and the first row after them;
	 * two more, if small (a tall one is split anyway) */
	int first = 0;
	while (first < t->nrows && t->rows[first].kind == PDF_ROW_GROUP)
		first++;
	double few = 3 * t->size * 1.3 + 2 * PDF_PADY;
	for (int k = first + 1; k < first + 3 && k < t->nrows && first < t->nrows &&
	     row_h(&t->rows[first]) <= few && row_h(&t->rows[k]) <= few; k++)
		need += row_h(&t->rows[k]);
	return need;
}

/* A paragraph, line by line; kept with the start of the next block. */
static void place_text(struct pdf_doc *d, const struct pdf_block *b, double next)
{
	const struct pdf_text *t = &b->m;
	if (!at_top(d))
		d->y += b->st.before;
	double need = b->st.keep ? t->h + b->st.after + next : lines_h(t, 2);
	if (!at_top(d) && need > room(d))
		new_page(d);
	int from = 0;
	while (from < t->n) {
		int to = from;
		while (to < t->n && t->bot[to] - t->top[from] <= room(d) + 0.01)
			to++;
		if (to == from) {
			if (!at_top(d)) {
				new_page(d);
				continue;
			}
			to = from + 1;   /* a line taller than a page: drawn as it is */
		}
		op_add(d, (struct pdf_op){.type = PDF_OP_TEXT, .x = d->ml + b->st.indent, .y = d->y, .t = t,
					  .from = from, .to = to, .color = b->st.color});
		d->y += t->bot[to - 1] - t->top[from];
		from = to;
		if (from < t->n)
			new_page(d);
	}
	d->y += b->st.after;
}

/* Which lines of each cell of r, from s[c], fit in avail points: e[c];
 * with force at least one each. Returns the slice's height. */
static double fit(const struct pdf_table *t, const struct pdf_trow *r, const int *s, int *e, double avail,
		  bool force)
{
	double h = 0;
	for (int c = 0; c < t->ncols; c++) {
		const struct pdf_text *x = &r->t[c];
		int k = s[c];
		while (k < x->n && x->bot[k] - x->top[s[c]] <= avail + 0.01)
			k++;
		if (force && k == s[c] && k < x->n)
			k++;
		e[c] = k;
		if (k > s[c] && x->bot[k - 1] - x->top[s[c]] > h)
			h = x->bot[k - 1] - x->top[s[c]];
	}
	return h;
}

/* Places lines [s[c], e[c]) of each cell of r, h points high, with its
 * shading and rules; cont: a row going on from the page before. */
static void place_slice(struct pdf_doc *d, const struct pdf_table *t, const struct pdf_trow *r, const int *s,
			const int *e, double h, bool cont)
{
	double x0 = t->x[0], W = t->x[t->ncols - 1] + t->w[t->ncols - 1] - x0, H = h + 2 * PDF_PADY;
	if (r->kind != PDF_ROW_PLAIN)
		op_add(d, (struct pdf_op){.type = PDF_OP_FILL, .x = x0, .y = d->y, .w = W, .h = H,
					  .color = r->kind == PDF_ROW_GROUP ? SHADE_GROUP : SHADE_HEAD});
	for (int c = 0; c < t->ncols; c++) {
		if (e[c] > s[c])
			op_add(d, (struct pdf_op){.type = PDF_OP_TEXT, .x = t->x[c] + PDF_PADX, .y = d->y + PDF_PADY,
						  .t = &r->t[c], .from = s[c], .to = e[c],
						  .color = (r->muted >> c & 1) ? MUTED : BLACK});
		else if (c == 0 && cont)
			op_add(d, (struct pdf_op){.type = PDF_OP_TEXT, .x = t->x[0] + PDF_PADX, .y = d->y + PDF_PADY,
						  .t = &d->cont, .from = 0, .to = d->cont.n, .color = GREY});
	}
	op_add(d, (struct pdf_op){.type = PDF_OP_RULE, .x = x0, .y = d->y, .w = W, .width = RULE_W});
	op_add(d, (struct pdf_op){.type = PDF_OP_RULE, .x = x0, .y = d->y + H, .w = W, .width = RULE_W});
	for (int c = 0; c <= t->ncols; c++) {
		double x = c < t->ncols ? t->x[c] : x0 + W;
		op_add(d, (struct pdf_op){.type = PDF_OP_RULE, .x = x, .y = d->y, .h = H, .width = RULE_W});
	}
	d->y += H;
}

static void place_whole(struct pdf_doc *d, const struct pdf_table *t, const struct pdf_trow *r, bool cont)
{
	int *s = xcalloc((size_t)t->ncols * 2, sizeof *s), *e = s + t->ncols;
	for (int c = 0; c < t->ncols; c++)
		e[c] = r->t[c].n;
	place_slice(d, t, r, s, e, r->h, cont);
	free(s);
}

/* A new page with the table's header row at its top. */
static void page_with_head(struct pdf_doc *d, const struct pdf_table *t)
{
	new_page(d);
	place_whole(d, t, &t->head, false);
}

/* A row taller than what is left: split between lines over pages. */
static void place_split(struct pdf_doc *d, const struct pdf_table *t, const struct pdf_trow *r)
{
	int *s = xcalloc((size_t)t->ncols * 2, sizeof *s), *e = s + t->ncols;
	bool cont = false, fresh = false;
	for (;;) {
		double h = fit(t, r, s, e, room(d) - 2 * PDF_PADY, fresh);
		bool any = false, done = true;
		for (int c = 0; c < t->ncols; c++) {
			any |= e[c] > s[c];
			done &= e[c] >= r->t[c].n;
		}
		if (any) {
			place_slice(d, t, r, s, e, h, cont);
			cont = true;
			memcpy(s, e, (size_t)t->ncols * sizeof *s);
		}
		if (done)
			break;
		page_with_head(d, t);
		fresh = true;   /* at a page's top: a line that does not fit is drawn as it is */
	}
	free(s);
}

static void place_table(struct pdf_doc *d, int i)
{
	const struct pdf_table *t = d->blocks[i].t;
	if (!at_top(d) && start_need(d, i) > room(d))
		new_page(d);
	bool fresh = at_top(d);   /* rows start at the top of a page */
	place_whole(d, t, &t->head, false);
	for (int k = 0; k < t->nrows; k++) {
		const struct pdf_trow *r = &t->rows[k];
		if (!fresh && row_need(d, t, k) > room(d))
			page_with_head(d, t);
		if (row_h(r) <= room(d))
			place_whole(d, t, r, false);
		else
			place_split(d, t, r);
		fresh = false;
	}
}

static void paginate(struct pdf_doc *d)
{
	d->pages = 0;
	new_page(d);
	for (int i = 0; i < d->nblocks; i++) {
		const struct pdf_block *b = &d->blocks[i];
		switch (b->type) {
		case PDF_B_TEXT:
			place_text(d, b, start_need(d, i + 1));
			break;
		case PDF_B_GAP:
			if (!at_top(d))
				d->y += b->st.before;
			if (d->y > d->body_bottom)
				d->y = d->body_bottom;
			break;
		case PDF_B_BREAK:
			if (!at_top(d))
				new_page(d);
			break;
		case PDF_B_TABLE:
			place_table(d, i);
			break;
		}
	}
}

/* ---- drawing ---- */

static void set_color(cairo_t *cr, unsigned c)
{
	cairo_set_source_rgb(cr, (c >> 16 & 255) / 255.0, (c >> 8 & 255) / 255.0, (c & 255) / 255.0);
}

/* Lines [from, to) of t with the top of line `from` at y. */
static void draw_lines(cairo_t *cr, const struct pdf_text *t, int from, int to, double x, double y)
{
	for (int i = from; i < to; i++) {
		cairo_move_to(cr, x + t->x[i], y + t->base[i] - t->top[from]);
		pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(t->lay, i));
	}
}

static void draw_op(cairo_t *cr, const struct pdf_op *o)
{
	set_color(cr, o->color);
	switch (o->type) {
	case PDF_OP_TEXT:
		draw_lines(cr, o->t, o->from, o->to, o->x, o->y);
		break;
	case PDF_OP_FILL:
		cairo_rectangle(cr, o->x, o->y, o->w, o->h);
		cairo_fill(cr);
		break;
	case PDF_OP_RULE:
		cairo_set_line_width(cr, o->width);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
		cairo_move_to(cr, o->x, o->y);
		cairo_line_to(cr, o->x + o->w, o->y + o->h);
		cairo_stroke(cr);
		break;
	}
}

/* The header (name left, mark right in a red box, a rule below) and the
 * footer (a rule, the stamp, the page number) of page p of n. */
static void draw_frame(struct pdf_doc *d, cairo_t *cr, int p, int n)
{
	double width = d->pw - d->ml - d->mr;
	set_color(cr, GREY);
	draw_lines(cr, &d->hdr, 0, d->hdr.n, d->ml, d->mt);
	double hh = d->hdr.h;
	if (d->hmark.lay) {
		double x = d->pw - d->mr - d->hmark.w - 3;
		set_color(cr, RED);
		draw_lines(cr, &d->hmark, 0, d->hmark.n, x, d->mt);
		cairo_set_line_width(cr, 0.8);
		cairo_rectangle(cr, x - 3, d->mt - 1.5, d->hmark.w + 6, d->hmark.h + 3);
		cairo_stroke(cr);
		if (d->hmark.h + 1.5 > hh)
			hh = d->hmark.h + 1.5;
	}
	set_color(cr, GREY);
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, d->ml, d->mt + hh + 3);
	cairo_line_to(cr, d->pw - d->mr, d->mt + hh + 3);
	cairo_stroke(cr);
	struct buf b = {0};
	buf_printf(&b, "第 %d 页 共 %d 页", p, n);
	struct pdf_text num = {0};
	pdf_measure(d, &num, buf_str(&b), PDF_SANS, 8.5, false, PDF_CENTER, true, width, 0);
	double ny = d->ph - d->mb - num.h, sy = ny - 1.5 - d->ftr.h;
	cairo_move_to(cr, d->ml, sy - 3);
	cairo_line_to(cr, d->pw - d->mr, sy - 3);
	cairo_stroke(cr);
	draw_lines(cr, &d->ftr, 0, d->ftr.n, d->ml, sy);
	set_color(cr, BLACK);
	draw_lines(cr, &num, 0, num.n, d->ml, ny);
	g_object_unref(num.lay);
	free(num.top);
	buf_free(&b);
}

/* Measures the header and the footer; sets the body's top and bottom. */
static void measure_frame(struct pdf_doc *d)
{
	double width = d->pw - d->ml - d->mr;
	pdf_measure(d, &d->hmark, d->mark ? d->mark : "", PDF_SANS, 9, true, PDF_LEFT, false, 0, 0);
	if (!d->mark) {
		g_object_unref(d->hmark.lay);
		free(d->hmark.top);
		memset(&d->hmark, 0, sizeof d->hmark);
	}
	double mark_w = d->hmark.lay ? d->hmark.w + 16 : 0;
	pdf_measure(d, &d->hdr, d->header ? d->header : "", PDF_SANS, 8, false, PDF_LEFT, false, width - mark_w, 0);
	pdf_measure(d, &d->ftr, d->footer ? d->footer : "", PDF_SANS, 7, false, PDF_CENTER, true, width, 0);
	pdf_measure(d, &d->cont, "（续）", PDF_SANS, 7.5, false, PDF_LEFT, false, 0, 0);
	double hh = d->hdr.h > d->hmark.h + 1.5 ? d->hdr.h : d->hmark.h + 1.5;
	d->body_top = d->mt + hh + 3 + 10;
	struct pdf_text num = {0};
	pdf_measure(d, &num, "第 1 页 共 1 页", PDF_SANS, 8.5, false, PDF_CENTER, true, width, 0);
	d->body_bottom = d->ph - d->mb - num.h - 1.5 - d->ftr.h - 3 - 10;
	g_object_unref(num.lay);
	free(num.top);
}

/* Where cairo's PDF bytes go: the file, with the first write error. */
struct sink {
	FILE *f;
	int err;
};

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct sink *k = closure;
	if (fwrite(data, 1, length, k->f) != length) {
		if (!k->err)
			k->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

int pdf_doc_write(struct pdf_doc *d, const char *path, struct buf *why)
{
	pdf_doc_unmeasure(d);
	struct sink out = {fopen(path, "wb"), 0};
	if (!out.f) {
		buf_puts(why, errno_words(errno));
		return -1;
	}
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(sink_write, &out, d->pw, d->ph);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		buf_printf(why, "无法生成 PDF（cairo 代码 %d）", (int)cairo_surface_status(sf));
		cairo_surface_destroy(sf);
		fclose(out.f);
		return -1;
	}
	if (d->title)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "kaohe " KAOHE_VERSION);
	if (d->footer)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_SUBJECT, d->footer);
	cairo_t *cr = cairo_create(sf);
	/* one point a unit; unhinted metrics, so that what is measured is
	 * what is drawn; Simplified Chinese forms of shared characters */
	/* a font map of the document's own, freed with it (the default one
	 * lives as long as the thread, with every font it has opened) */
	PangoFontMap *fm = pango_cairo_font_map_new();
	d->ctx = pango_font_map_create_context(fm);
	g_object_unref(fm);
	pango_cairo_update_context(cr, d->ctx);
	pango_cairo_context_set_resolution(d->ctx, 72);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(d->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(d->ctx, pango_language_from_string("zh-cn"));

	measure_frame(d);
	pdf_measure_all(d);
	paginate(d);
	int k = 0;
	for (int p = 1; p <= d->pages; p++) {
		draw_frame(d, cr, p, d->pages);
		for (; k < d->nops && d->ops[k].page == p; k++)
			draw_op(cr, &d->ops[k]);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	pdf_doc_unmeasure(d);
	if (fclose(out.f) != 0 && !out.err)
		out.err = errno;
	if (out.err || st != CAIRO_STATUS_SUCCESS) {
		if (out.err)
			buf_puts(why, errno_words(out.err));
		else
			buf_printf(why, "无法生成 PDF（cairo 代码 %d）", (int)st);
		return -1;
	}
	return 0;
}
