/* pdf_doc.h: a small document engine for the PDF reports (cairo and
 * pango): A4 pages with margins, a header and a footer on every page (the
 * footer ends with the page number "第 N 页 共 M 页"), paragraphs, and
 * tables whose cells wrap inside their column (measured with pango, so
 * text never overflows its cell), whose rows break across pages, and
 * whose header row is repeated at the top of every page they reach.
 *
 * A document is built as a list of blocks, then written in two steps:
 * every text is measured and placed on its page (which gives the page
 * count), then the pages are drawn. Fonts: Noto Sans CJK SC and Noto
 * Serif CJK SC (Debian's fonts-noto-cjk), which cairo embeds as subsets. */
#ifndef KAOHE_PDF_DOC_H
#define KAOHE_PDF_DOC_H

#include <stdbool.h>

#include "../core/util.h"

enum pdf_face { PDF_SANS, PDF_SERIF };
enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

/* How a paragraph is set. Sizes and spaces in points (1/72 inch). */
struct pdf_style {
	enum pdf_face face;
	double size;
	bool bold;
	enum pdf_align align;
	unsigned color;           /* 0xRRGGBB; 0 black */
	double before, after;     /* space above (not at the top of a page) and below */
	double indent;            /* left indent of every line */
	double first;             /* extra indent of the first line (公文: two characters) */
	bool keep;                /* on the same page as the start of the next block */
};

/* A table column: its header, its share of the text width (the shares
 * are scaled to fill it), how its cells align, and whether they are
 * figures (set with tabular figures, so that digits line up). */
struct pdf_column {
	const char *head;
	double share;
	enum pdf_align align;
	bool figures;
};

enum pdf_row {
	PDF_ROW_PLAIN,
	PDF_ROW_GROUP,            /* a group of rows with its subtotal: bold, shaded,
				     kept with the row after it */
	PDF_ROW_TOTAL,            /* a total: bold, shaded darker */
};

struct pdf_doc;

/* A new document on A4, portrait or landscape. */
struct pdf_doc *pdf_doc_new(bool landscape);
void pdf_doc_free(struct pdf_doc *d);

/* What every page carries: in the header the document's short name
 * (left) and a mark (right, red and boxed, e.g. "征求意见稿（未审定）";
 * NULL for none); in the footer a line (the stamp) above the page
 * number. title is the PDF's title in its metadata. Texts are copied. */
void pdf_doc_frame(struct pdf_doc *d, const char *title, const char *header, const char *mark,
		   const char *footer);

/* A paragraph (copied; newlines break lines). */
void pdf_text(struct pdf_doc *d, const struct pdf_style *st, const char *text);
/* Vertical space (none at the top of a page). */
void pdf_gap(struct pdf_doc *d, double points);
/* The next block starts a new page. */
void pdf_page_break(struct pdf_doc *d);

/* A table: its columns (copied) and the size of its text; rows follow
 * with pdf_row until the next block or the end. */
void pdf_table(struct pdf_doc *d, const struct pdf_column *cols, int ncols, double size);
/* A row of the current table: one text per column (NULL: empty), copied.
 * The columns whose bit is set in muted are set in grey. */
void pdf_row(struct pdf_doc *d, enum pdf_row kind, unsigned muted, const char *const *cells);

/* Lays the document out and writes it to path. 0, or -1 with the reason
 * in *why (the caller's buffer). */
int pdf_doc_write(struct pdf_doc *d, const char *path, struct buf *why);
/* The page count of the last pdf_doc_write. */
int pdf_doc_pages(const struct pdf_doc *d);

#endif
