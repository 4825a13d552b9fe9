/* pdf_impl.h: the insides of the PDF document engine (pdf_doc.c, the
 * model and the measuring; pdf_page.c, the pages and the drawing). */
#ifndef KAOHE_PDF_IMPL_H
#define KAOHE_PDF_IMPL_H

#include "pdf_doc.h"

#include <pango/pangocairo.h>

#define PDF_MM (72.0 / 25.4)
#define PDF_PADX 3.5             /* a cell's text from its left and right rules */
#define PDF_PADY 2.5             /* and from its top and bottom rules */

/* A text measured with pango: its layout and every line's place, in
 * points from the layout's top (top, bot, base) and left edge (x). */
struct pdf_text {
	PangoLayout *lay;
	int n;
	double *top, *bot, *base, *x;    /* one allocation: top */
	double h;                 /* from the first line's top to the last's bottom */
	double w;                 /* the widest line */
};

struct pdf_trow {
	enum pdf_row kind;
	unsigned muted;
	char **cells;
	struct pdf_text *t;       /* measured, per column */
	double h;                 /* the tallest cell's text */
};

struct pdf_table {
	int ncols;
	struct pdf_column *cols;
	double size;
	double *x, *w;            /* each column's left edge and width */
	struct pdf_trow head;
	struct pdf_trow *rows;
	int nrows, caprows;
};

enum pdf_block_type { PDF_B_TEXT, PDF_B_GAP, PDF_B_BREAK, PDF_B_TABLE };

struct pdf_block {
	enum pdf_block_type type;
	struct pdf_style st;      /* text; a gap's size is st.before */
	char *text;
	struct pdf_text m;
	struct pdf_table *t;
};

/* What is drawn where: lines [from, to) of a text with their first
 * line's top at (x, y); a filled or a stroked rectangle; a rule. */
enum pdf_op_type { PDF_OP_TEXT, PDF_OP_FILL, PDF_OP_RULE };
struct pdf_op {
	enum pdf_op_type type;
	int page;
	double x, y, w, h;        /* a rule from (x, y) to (x + w, y + h) */
	const struct pdf_text *t;
	int from, to;
	unsigned color;
	double width;             /* a rule's */
};

struct pdf_doc {
	bool landscape;
	double pw, ph;            /* the page */
	double ml, mr, mt, mb;    /* its margins */
	char *title, *header, *mark, *footer;
	struct pdf_block *blocks;
	int nblocks, capblocks;
	/* laid out */
	PangoContext *ctx;
	struct pdf_text hdr, hmark, ftr, cont;
	double body_top, body_bottom;
	double y;                 /* where the next piece goes */
	int pages;
	struct pdf_op *ops;
	int nops, capops;
};

void pdf_measure(struct pdf_doc *d, struct pdf_text *t, const char *text, enum pdf_face face, double size,
		 bool bold, enum pdf_align align, bool figures, double w, double first);
void pdf_measure_all(struct pdf_doc *d);
void pdf_doc_unmeasure(struct pdf_doc *d);

#endif
