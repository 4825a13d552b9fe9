/* pdf_frame.h: what the two PDF documents (the results notice and a
 * unit's sheet) share: the issuing office and the date line, the mark of
 * a draft, times in words, the styles of their texts, and writing the
 * finished document through a temporary file. */
#ifndef KAOHE_PDF_FRAME_H
#define KAOHE_PDF_FRAME_H

#include "pdf_doc.h"
#include "report_impl.h"

extern const struct pdf_style pdf_title_style;   /* 公文 title: serif, bold, centred */
extern const struct pdf_style pdf_issuer_style;  /* the office and the date, centred */
extern const struct pdf_style pdf_heading_style; /* 一、县区: sans bold, kept with what follows */
extern const struct pdf_style pdf_body_style;    /* serif, first line indented two characters */
extern const struct pdf_style pdf_small_style;   /* sans, for lists and notes */

/* The city the year's county (else department) scheme is titled with:
 * the title's words before its year, "秦皇岛市" (whichever year the title
 * names: a carried year keeps its scheme's title), or "". Caller frees. */
char *pdf_city(const struct svc_stamp *st);
/* The issuing office ("秦皇岛市安全生产委员会办公室"). Caller frees. */
char *pdf_office(const struct svc_stamp *st);
/* The office and today's date, for under the title. Caller frees. */
char *pdf_issuer_line(const struct svc_stamp *st);
/* A stored UTC time as local "2017年1月21日 10:00"; "" for none. */
void pdf_time(const char *utc, char out[48]);
/* The header's mark for results not yet approved, or NULL. */
const char *pdf_draft_mark(bool approved);
/* The document's last line: the audit record it was made from, to match
 * a filed paper with the database (the stamp is in every page's footer). */
void pdf_closing(struct pdf_doc *d, const struct svc_stamp *st);
/* Writes d to path: made beside it, renamed into place. 0 or -1 (*err). */
int pdf_finish(struct pdf_doc *d, const char *path, struct svc_error *err);

#endif
