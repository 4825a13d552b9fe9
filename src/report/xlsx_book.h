/* xlsx_book.h: what the workbook and CSV writers share, inside src/report:
 * a workbook written in constant memory with its cell formats and page
 * setup (xlsx_book.c), worksheet names Excel accepts (xlsx_names.c), and
 * the rows of a unit's sheet and the words of the results' cells
 * (xlsx_rows.c), which the CSV tables state the same way. */
#ifndef KAOHE_XLSX_BOOK_H
#define KAOHE_XLSX_BOOK_H

#include <xlsxwriter.h>

#include "report_impl.h"
#include "xlsx_spill.h"

/* ---- worksheet names (xlsx_names.c) ---------------------------------- */

struct sheet_names {
	char **slots;             /* open addressing, case-folded names */
	size_t cap, n;
};
/* A worksheet name for want that Excel accepts: at most 31 characters,
 * none of []:*?/\ (full-width ones instead), not starting or ending with
 * an apostrophe, not "History", and unlike every name given before
 * regardless of case ("（2）" added). Caller frees. */
char *sheet_name_make(struct sheet_names *names, const char *want);
void sheet_names_free(struct sheet_names *names);

/* ---- the workbook (xlsx_book.c) -------------------------------------- */

#define BOOK_DEPTHS 5             /* indent levels of a sheet's rows */

/* A libxlsxwriter failure in words (its own text is English). */
const char *book_error_words(lxw_error e);

struct book_formats {
	lxw_format *title, *subtitle, *stamp, *head;
	lxw_format *text, *center, *num;          /* table cells */
	lxw_format *part, *part_num;              /* a part's row (first level) */
	lxw_format *group[BOOK_DEPTHS], *group_num;
	lxw_format *item[BOOK_DEPTHS];
	lxw_format *label, *label_num;            /* a sampled unit's sheet begins */
	lxw_format *total, *total_num;
	lxw_format *part_plain, *group_plain, *label_plain;   /* their text cells */
	lxw_format *note;                         /* a full-width line under a table */
};

struct book_col {
	const char *head;
	double width;             /* in Excel's character units */
};

struct book {
	lxw_workbook *wb;
	struct xlsx_spill *spill;
	lxw_worksheet *ws;        /* the worksheet being written */
	char *path, *temp;
	char *stamp;              /* report_stamp_line */
	char *header;             /* the printed page's header (the stamp) */
	struct sheet_names names;
	struct book_formats f;
	int row;                  /* the next row of ws */
	int row_lines;            /* the most lines a cell of it takes */
	int ncols;
	double widths[16];
	char *error;              /* the first failure, or NULL */
};

/* The stamp of what the documents show; fails (with the next step) if the
 * results were never computed. Clear with svc_stamp_clear. */
int book_stamp(struct svc *s, struct svc_stamp *st, struct svc_error *err);

/* Starts a workbook written to path's temporary name (report_temp_path). */
int book_open(struct book *b, const char *path, const struct svc_stamp *st, const char *title,
	      struct svc_error *err);
/* A workbook of the year's results: one consistent read begun
 * (svc_read_begin; the caller ends it with svc_read_end after its last
 * read), the stamp taken in it, the workbook opened titled
 * "<year> 年度<what>". 0, or -1 (*err) with the read ended. */
int book_begin(struct svc *s, struct book *b, const char *path, const char *what, struct svc_error *err);
/* Starts a worksheet named after name (made acceptable and unique): the
 * title row, the subtitle (NULL: none), the stamp line, then the columns'
 * header row, repeated on every printed page and frozen on screen; A4,
 * landscape or portrait, fitted to the page's width, the stamp in the
 * page header, 第 N 页 共 M 页 in the footer. Finishes the worksheet
 * before it. */
void book_sheet(struct book *b, const char *name, const char *title, const char *subtitle,
		const struct book_col *cols, int ncols, bool landscape);
/* Cells of the current row. */
void book_text(struct book *b, int col, const char *s, lxw_format *f);
void book_points(struct book *b, int col, points_t v, lxw_format *f);
void book_int(struct book *b, int col, long long v, lxw_format *f);
void book_blank(struct book *b, int col, lxw_format *f);
/* Ends the current row: height in points, or 0 for as high as its
 * wrapped text needs (estimated from the columns' widths). */
void book_next(struct book *b, double height);
/* A full-width line of text (a note under a table), its row high enough
 * for the text wrapped. */
void book_line(struct book *b, const char *s, lxw_format *f);
/* Writes the workbook and renames it into place; frees b. 0 or -1. */
int book_close(struct book *b, struct svc_error *err);
/* Frees b and removes what it wrote. */
void book_abandon(struct book *b);

/* ---- a unit's sheet as rows (xlsx_rows.c) -------------------------------- */

enum sheet_row_kind {
	SROW_PART,                /* a part: the scheme's first level */
	SROW_GROUP,               /* a category or group of items */
	SROW_ITEM,                /* an item: a rule */
	SROW_LABEL,               /* a sampled unit's sheet begins */
	SROW_TOTAL,               /* the total */
	SROW_NOTE,                /* a veto, an incomplete result, the grades */
};

/* One row of the attachment's table: 考核项 | 考核内容及评分标准 | 考核方式 |
 * 扣分 | 得分 | 扣分说明. Strings NULL where the cell is empty. */
struct sheet_row {
	enum sheet_row_kind kind;
	int depth;                /* 1 for a part */
	const char *sheet;        /* the sampled unit's name, NULL: own sheet */
	const char *code;         /* the node's code ("" for the rest) */
	const char *item;         /* 考核项: "1.1.4 党委常委会听取安全生产汇报（10 分）" */
	const char *title;        /* the node's title alone */
	bool has_points;
	points_t points;
	const char *text;         /* 考核内容及评分标准 */
	const char *method;       /* 考核方式 (a node's own) */
	const char *deduction_word;  /* 不适用, 未录入: in place of a number */
	bool has_deduction, has_score;
	points_t deduction, score;
	const char *explain;      /* 扣分说明: the derivation, a warning */
};
typedef int (*sheet_row_fn)(void *ctx, const struct sheet_row *row);
/* The rows of a stored result read with its tree: the own sheet in the
 * scheme's order (the sampled units' parts as one row with their mean),
 * then each sampled unit's sheet, the total, and notes. Stops at fn's
 * non-zero return and returns it. */
int sheet_rows(const struct stored_result *r, sheet_row_fn fn, void *ctx);

/* A unit's stored result with its tree (clear with stored_result_clear),
 * or the reason there is none: a sampled unit's sheet is part of its
 * county's; a provincial or excluded unit has no sheet here. */
int sheet_result(struct svc *s, const char *unit, struct stored_result *r, struct svc_error *err);

/* The words of the results' cells, the same in XLSX and CSV; sep joins
 * several ("\n" in a cell, "；" in CSV). Caller frees. */
char *veto_words(const struct stored_result *r, const char *sep);
char *result_notes(const struct stored_result *r, const char *sep);
/* The reason of the decided grade: the one recorded, or how it was
 * taken ("审定时按拟定档次确定"); "" if none. */
const char *decision_reason(const struct stored_result *r);
/* The accident's grade ("较大", with 职业病危害 and 调查认定 where so), how
 * it was misreported ("瞒报、漏报"; "" if it was not), the department it
 * counts against. Caller frees each. */
char *accident_grade_words(const struct accident_rec *a);
char *accident_misreport_words(const struct accident_rec *a);
char *accident_department_words(const struct accident_rec *a);
/* A recorded date "2016-02-26" as people read it on paper: 2016年2月26日
 * (anything else as it is). out holds 32 bytes; returns out. */
char *date_words(const char *iso, char *out);
/* Who misreported it (the county, or the department recorded); "" if it
 * was not misreported. */
const char *accident_misreporter(const struct accident_rec *a);

#endif
