/* pdf_doc.c: the document model of pdf_doc.h (blocks, tables, rows) and
 * the measuring of every text with pango; pdf_page.c places the measured
 * texts on pages and draws them. */
#include "pdf_impl.h"

#include <stdlib.h>
#include <string.h>

struct pdf_doc *pdf_doc_new(bool landscape)
{
	struct pdf_doc *d = xcalloc(1, sizeof *d);
	d->landscape = landscape;
	/* A4: 210 × 297 mm */
	d->pw = (landscape ? 297 : 210) * PDF_MM;
	d->ph = (landscape ? 210 : 297) * PDF_MM;
	/* 公文 margins are wider (GB/T 9704: 37 mm top, 28 mm left); a sheet
	 * needs the width for its six columns, so both use narrower ones. */
	d->ml = d->mr = (landscape ? 14 : 24) * PDF_MM;
	d->mt = (landscape ? 10 : 14) * PDF_MM;
	d->mb = (landscape ? 9 : 12) * PDF_MM;
	return d;
}

/* Frees a measured text. */
static void text_free(struct pdf_text *t)
{
	if (t->lay)
		g_object_unref(t->lay);
	free(t->top);
	memset(t, 0, sizeof *t);
}

static void row_free(struct pdf_trow *r, int ncols)
{
	for (int i = 0; i < ncols; i++) {
		free(r->cells[i]);
		if (r->t)
			text_free(&r->t[i]);
	}
	free(r->cells);
	free(r->t);
}

static void table_free(struct pdf_table *t)
{
	row_free(&t->head, t->ncols);
	for (int i = 0; i < t->nrows; i++)
		row_free(&t->rows[i], t->ncols);
	free(t->rows);
	free(t->cols);
	free(t->x);
	free(t->w);
	free(t);
}

/* Drops what a layout made (measured texts, placed pieces). */
void pdf_doc_unmeasure(struct pdf_doc *d)
{
	for (int i = 0; i < d->nblocks; i++) {
		struct pdf_block *b = &d->blocks[i];
		text_free(&b->m);
		if (b->t) {
			for (int k = -1; k < b->t->nrows; k++) {
				struct pdf_trow *r = k < 0 ? &b->t->head : &b->t->rows[k];
				if (r->t)
					for (int c = 0; c < b->t->ncols; c++)
						text_free(&r->t[c]);
				free(r->t);
				r->t = NULL;
			}
		}
	}
	text_free(&d->hdr);
	text_free(&d->hmark);
	text_free(&d->ftr);
	text_free(&d->cont);
	free(d->ops);
	d->ops = NULL;
	d->nops = d->capops = 0;
	if (d->ctx)
		g_object_unref(d->ctx);
	d->ctx = NULL;
}

void pdf_doc_free(struct pdf_doc *d)
{
	if (!d)
		return;
	pdf_doc_unmeasure(d);
	for (int i = 0; i < d->nblocks; i++) {
		free(d->blocks[i].text);
		if (d->blocks[i].t)
			table_free(d->blocks[i].t);
	}
	free(d->blocks);
	free(d->title);
	free(d->header);
	free(d->mark);
	free(d->footer);
	free(d);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void pdf_doc_frame(struct pdf_doc *d, const char *title, const char *header, const char *mark,
		   const char *footer)
{
	free(d->title);
	free(d->header);
	free(d->mark);
	free(d->footer);
	d->title = dup_or_null(title);
	d->header = dup_or_null(header);
	d->mark = dup_or_null(mark);
	d->footer = dup_or_null(footer);
}

static struct pdf_block *block_add(struct pdf_doc *d, enum pdf_block_type type)
{
	if (d->nblocks == d->capblocks) {
		d->capblocks = d->capblocks ? d->capblocks * 2 : 32;
		d->blocks = xrealloc(d->blocks, (size_t)d->capblocks * sizeof *d->blocks);
	}
	struct pdf_block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->type = type;
	return b;
}

void pdf_text(struct pdf_doc *d, const struct pdf_style *st, const char *text)
{
	struct pdf_block *b = block_add(d, PDF_B_TEXT);
	b->st = *st;
	b->text = xstrdup(text ? text : "");
}

void pdf_gap(struct pdf_doc *d, double points)
{
	block_add(d, PDF_B_GAP)->st.before = points;
}

void pdf_page_break(struct pdf_doc *d)
{
	block_add(d, PDF_B_BREAK);
}

void pdf_table(struct pdf_doc *d, const struct pdf_column *cols, int ncols, double size)
{
	struct pdf_block *b = block_add(d, PDF_B_TABLE);
	struct pdf_table *t = xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->size = size;
	t->cols = xcalloc((size_t)ncols, sizeof *t->cols);
	t->x = xcalloc((size_t)ncols, sizeof *t->x);
	t->w = xcalloc((size_t)ncols, sizeof *t->w);
	t->head.kind = PDF_ROW_TOTAL;
	t->head.cells = xcalloc((size_t)ncols, sizeof *t->head.cells);
	for (int i = 0; i < ncols; i++) {
		t->cols[i] = cols[i];
		t->head.cells[i] = xstrdup(cols[i].head ? cols[i].head : "");
		t->cols[i].head = NULL;   /* the copy is in head.cells */
	}
	b->t = t;
}

void pdf_row(struct pdf_doc *d, enum pdf_row kind, unsigned muted, const char *const *cells)
{
	struct pdf_block *b = d->nblocks ? &d->blocks[d->nblocks - 1] : NULL;
	if (!b || b->type != PDF_B_TABLE)
		return;   /* a row without a table: a caller's slip, nothing to draw it in */
	struct pdf_table *t = b->t;
	if (t->nrows == t->caprows) {
		t->caprows = t->caprows ? t->caprows * 2 : 32;
		t->rows = xrealloc(t->rows, (size_t)t->caprows * sizeof *t->rows);
	}
	struct pdf_trow *r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->muted = muted;
	r->cells = xcalloc((size_t)t->ncols, sizeof *r->cells);
	for (int i = 0; i < t->ncols; i++)
		r->cells[i] = xstrdup(cells[i] ? cells[i] : "");
}

int pdf_doc_pages(const struct pdf_doc *d)
{
	return d->pages;
}

/* ---- measuring ---- */

/* Measures text set in face/size at width w (points; 0: no wrapping):
 * every line's top, bottom, baseline and left edge. */
void pdf_measure(struct pdf_doc *d, struct pdf_text *t, const char *text, enum pdf_face face, double size,
		 bool bold, enum pdf_align align, bool figures, double w, double first)
{
	text_free(t);
	t->lay = pango_layout_new(d->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, face == PDF_SERIF ? "Noto Serif CJK SC" : "Noto Sans CJK SC");
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(t->lay, fd);
	pango_font_description_free(fd);
	PangoAttrList *al = pango_attr_list_new();
	/* no hyphen where a code, a number or a hash is broken */
	pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
	if (figures)   /* tabular figures: every digit as wide as every other */
		pango_attr_list_insert(al, pango_attr_font_features_new("tnum 1"));
	pango_layout_set_attributes(t->lay, al);
	pango_attr_list_unref(al);
	if (w > 0) {
		pango_layout_set_width(t->lay, (int)(w * PANGO_SCALE));
		/* Chinese breaks between any two characters; a long Latin word
		 * or number breaks inside rather than overflow its cell */
		pango_layout_set_wrap(t->lay, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(t->lay, align == PDF_CENTER ? PANGO_ALIGN_CENTER
				   : align == PDF_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	if (first > 0)
		pango_layout_set_indent(t->lay, (int)(first * PANGO_SCALE));
	/* a little air between lines of Chinese */
	pango_layout_set_line_spacing(t->lay, 1.2f);
	pango_layout_set_text(t->lay, text, -1);
	t->n = pango_layout_get_line_count(t->lay);
	t->top = xcalloc((size_t)t->n * 4, sizeof *t->top);
	t->bot = t->top + t->n;
	t->base = t->bot + t->n;
	t->x = t->base + t->n;
	PangoLayoutIter *it = pango_layout_get_iter(t->lay);
	int i = 0;
	do {
		int y0, y1;
		PangoRectangle log;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &log);
		t->top[i] = (double)y0 / PANGO_SCALE;
		t->bot[i] = (double)y1 / PANGO_SCALE;
		t->base[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		t->x[i] = (double)log.x / PANGO_SCALE;
		i++;
	} while (i < t->n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	PangoRectangle ext;
	pango_layout_get_extents(t->lay, NULL, &ext);
	t->w = (double)ext.width / PANGO_SCALE;
	t->n = i;
	t->h = t->n ? t->bot[t->n - 1] - t->top[0] : 0;
}

/* Measures a table's rows in their columns. */
static void measure_table(struct pdf_doc *d, struct pdf_table *t)
{
	double sum = 0, x = d->ml;
	for (int i = 0; i < t->ncols; i++)
		sum += t->cols[i].share > 0 ? t->cols[i].share : 1;
	for (int i = 0; i < t->ncols; i++) {
		t->x[i] = x;
		t->w[i] = (d->pw - d->ml - d->mr) * (t->cols[i].share > 0 ? t->cols[i].share : 1) / sum;
		x += t->w[i];
	}
	for (int k = -1; k < t->nrows; k++) {
		struct pdf_trow *r = k < 0 ? &t->head : &t->rows[k];
		r->t = xcalloc((size_t)t->ncols, sizeof *r->t);
		r->h = 0;
		for (int c = 0; c < t->ncols; c++) {
			/* a group's row: its name and figures in bold, its texts not */
			bool bold = k < 0 || r->kind == PDF_ROW_TOTAL ||
				    (r->kind == PDF_ROW_GROUP && (c == 0 || t->cols[c].figures));
			/* headers centred; cells as their column says */
			enum pdf_align a = k < 0 ? PDF_CENTER : t->cols[c].align;
			pdf_measure(d, &r->t[c], r->cells[c], PDF_SANS, t->size, bold, a, k >= 0 && t->cols[c].figures,
				    t->w[c] - 2 * PDF_PADX, 0);
			if (r->t[c].h > r->h)
				r->h = r->t[c].h;
		}
	}
}

/* Measures every block. */
void pdf_measure_all(struct pdf_doc *d)
{
	double width = d->pw - d->ml - d->mr;
	for (int i = 0; i < d->nblocks; i++) {
		struct pdf_block *b = &d->blocks[i];
		if (b->type == PDF_B_TEXT)
			pdf_measure(d, &b->m, b->text, b->st.face, b->st.size, b->st.bold, b->st.align, false,
				    width - b->st.indent, b->st.first);
		else if (b->type == PDF_B_TABLE)
			measure_table(d, b->t);
	}
}
