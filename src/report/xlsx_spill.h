/* xlsx_spill.h: one temporary file for the rows of every worksheet of a
 * constant_memory libxlsxwriter workbook (xlsx_spill.c). Freestanding
 * (libc and libxlsxwriter only), so that bench/xlsx_baseline.c can build
 * with it too. */
#ifndef KAOHE_XLSX_SPILL_H
#define KAOHE_XLSX_SPILL_H

#include <stdbool.h>
#include <xlsxwriter.h>

struct xlsx_spill;

/* Whether this build of libxlsxwriter is one whose worksheet fields the
 * spill knows (1.1.x and 1.2.x); without it every worksheet keeps its own
 * temporary file open, as libxlsxwriter does. */
bool xlsx_spill_supported(void);

/* A spill file in dir (NULL: $TMPDIR or /tmp), unlinked at once; NULL if
 * it cannot be made (errno says why). */
struct xlsx_spill *xlsx_spill_open(const char *dir);

/* Takes a finished worksheet's rows out of its own temporary file: call it
 * once its last row is written and before any row of a later worksheet.
 * Returns 0, or -1 on an I/O failure (the workbook is then unusable). */
int xlsx_spill_take(struct xlsx_spill *sp, lxw_worksheet *ws);

/* Writes what is buffered: call before workbook_close reads the rows
 * back. Returns 0 or -1. */
int xlsx_spill_flush(struct xlsx_spill *sp);

/* Whether any write or read back failed (check after workbook_close). */
bool xlsx_spill_failed(const struct xlsx_spill *sp);

/* Closes the file: after workbook_close. */
void xlsx_spill_close(struct xlsx_spill *sp);

#endif
