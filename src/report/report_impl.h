/* report_impl.h: what the report files share, inside src/report only. */
#ifndef KAOHE_REPORT_IMPL_H
#define KAOHE_REPORT_IMPL_H

#include "report.h"

#include <stdio.h>

/* Sets *err (code, message) and returns -1. */
int report_fail(struct svc_error *err, enum svc_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Copies the session's error into *err; returns -1. */
int report_fail_svc(struct svc *s, struct svc_error *err);

/* Where a document is made before it takes its name: path.tmp (caller
 * frees); report_commit renames it into place (0), report_abandon removes
 * it. */
char *report_temp_path(const char *path);
int report_commit(const char *temp, const char *path, struct svc_error *err);
void report_abandon(const char *temp);
/* Creates temp (0600, empty) for a library to write into: a directory
 * that does not exist or cannot be written is then said in Chinese,
 * naming path, before cairo or libxlsxwriter says it in English. 0, or
 * -1 with the reason in *err. */
int report_claim_temp(const char *temp, const char *path, struct svc_error *err);


/* The document writers, one file each. */
int write_results_xlsx(struct svc *s, const char *path, struct svc_error *err);
int write_results_pdf(struct svc *s, const char *path, struct svc_error *err);
int write_results_csv(struct svc *s, const char *dir, struct svc_error *err);
int write_sheet_xlsx(struct svc *s, const char *unit, const char *path, struct svc_error *err);
int write_sheet_pdf(struct svc *s, const char *unit, const char *path, struct svc_error *err);
int write_sheet_csv(struct svc *s, const char *unit, const char *path, struct svc_error *err);
int write_sheets_xlsx(struct svc *s, const char *path, struct svc_error *err);
int write_chart(struct svc *s, const char *which, const char *unit, enum report_format f, const char *path,
		struct svc_error *err);

#endif
