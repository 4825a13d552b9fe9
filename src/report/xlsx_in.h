/* xlsx_in.h: a filled workbook read back (issue 9). The surfaces use the
 * first part: whether bytes are a workbook, and the import of one. The
 * second part is shared by the reader's files: the package (xlsx_in.c:
 * libzip over the bytes in memory, each part streamed through expat) and
 * the worksheet made CSV (xlsx_sheet.c). */
#ifndef KAOHE_XLSX_IN_H
#define KAOHE_XLSX_IN_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

/* What a workbook may make the reader do: bytes inflated over all the
 * parts read (a zip bomb stops here), rows of the sheet, and the CSV made. */
#define XLSX_MAX_BYTES (50LL * 1024 * 1024)
#define XLSX_MAX_ROWS 1000000
#define XLSX_MAX_CSV (100LL * 1024 * 1024)

/* Whether the bytes begin as a ZIP archive ("PK\3\4"), as every .xlsx
 * does: a workbook, whatever the file is called. */
bool xlsx_is_zip(const void *data, size_t len);

/* The findings sheet of a workbook as CSV for svc_score_import: a row
 * below the header with nothing but the template's read-only and key
 * columns filled (编号, 考核项目, 考核内容及评分标准 …: nothing entered) is
 * written as an empty line. Tells where each CSV line came from:
 * (*line)[i] is the worksheet row of CSV line i + 1 (a cell with a line
 * break makes its row take more than one line); *line is the caller's. */
int xlsx_to_csv_lines(const void *data, size_t len, struct buf *csv, char **sheet, int **line, int *nlines,
		      struct svc_error *err);

/* Findings from a workbook's bytes (file: its name): the findings sheet
 * read as CSV and imported by svc_score_import, all rows or none. Rows
 * left empty below the template's header (nothing entered) are skipped.
 * *label receives the name the messages use, "FILE（工作表 评分）" (the
 * caller's, NULL if the workbook could not be read); every problem in
 * err->problems is at the worksheet's own row and column. */
int report_score_import_xlsx(struct svc *s, const void *data, size_t len, const char *file, char **label,
			     struct svc_import_report *rep, struct svc_error *err);

/* Problem i of d located in a workbook's sheet (label as above) with the
 * column's letter: "评分.xlsx（工作表 评分）:第5行第8列（H 列）：…". Caller
 * frees. */
char *xlsx_located(const struct diag *d, int i, const char *label);

/* ---- inside the reader ---- */

#include <expat.h>
#include <zip.h>

/* An open package and what it may still inflate. */
struct xlsx_pkg {
	zip_t *z;
	long long left;           /* bytes that may still be inflated */
	struct svc_error *err;
};

/* Streams part `name` through p (an expat parser made with
 * xlsx_parser); 0, or -1 with the error set, naming the part. A missing
 * part is an error unless missing_ok (then 1). */
int xlsx_part_parse(struct xlsx_pkg *pk, const char *name, XML_Parser p, bool missing_ok);
/* An expat parser with namespaces (names "URI|local"), refusing a DTD;
 * user data ud. */
XML_Parser xlsx_parser(void *ud);
/* The local part of an expat name ("URI|local" → "local"). */
const char *xlsx_local(const char *name);
/* Stops p from a handler; the handler has set its own error. */
void xlsx_stop(XML_Parser p);

/* The shared strings (xl/sharedStrings.xml), by index: string i is at
 * arena.p + off[i] (one allocation for all, however many there are). */
struct xlsx_strings {
	struct buf arena;
	size_t *off;
	long n, cap;
};
#define XLSX_MAX_STRINGS 4000000
int xlsx_shared_strings(struct xlsx_pkg *pk, const char *part, struct xlsx_strings *out);
void xlsx_strings_free(struct xlsx_strings *ss);
/* The worksheet at part as CSV (see xlsx_to_csv_lines). */
int xlsx_sheet_csv(struct xlsx_pkg *pk, const char *part, const struct xlsx_strings *ss, bool every_row,
		   struct buf *csv, int **line, int *nlines);

/* The template's read-only columns (template_xlsx.c writes them, the
 * reader and the importer ignore them): NULL-terminated. */
extern const char *const xlsx_readonly_columns[];

#endif
