/* report.h: the documents the office files and prints, and spreadsheets
 * taken in (issue 9). Every document reads the stored, typed results
 * through the service (which checks that the acting user may see them)
 * and never recomputes a score; each states the year, the schemes, when
 * the results were computed and the audit head it was made from
 * (svc_stamp). A file is written beside its name and renamed into place,
 * so a failed report leaves no half file. On failure a function returns
 * -1 with the reason in *err (the caller's: svc_error_clear). */
#ifndef KAOHE_REPORT_H
#define KAOHE_REPORT_H

#include "../core/util.h"
#include "../service/service.h"

enum report_format { REPORT_XLSX, REPORT_PDF, REPORT_CSV, REPORT_SVG, REPORT_PNG };
/* "xlsx", "pdf", "csv", "svg", "png"; -1 if none. */
int report_format_parse(const char *s);
const char *report_format_name(enum report_format f);

/* The line every document carries: "2016 年度 · 秦皇岛市…县区…方案 ·
 * 计分于 2017年1月21日 10:00 · 审计记录 #603 a1b2c3d4…" (local time), with the
 * signed head where the year's approval was signed. Caller frees. */
char *report_stamp_line(const struct svc_stamp *st);
/* The same with the audit head, and the head signed at approval with its
 * signature and public key, in full: what a filed document is checked
 * against (`kaohe audit --verify` prints the same values). */
char *report_stamp_full(const struct svc_stamp *st);

/* The results: the ranking of each unit kind with part scores, vetoes and
 * their causes, proposed and decided grades; with the accident list and
 * the daily-assessment summary (XLSX: a worksheet each; CSV: path is a
 * directory, a file each; PDF: the results notice for approval and
 * filing). */
int report_results(struct svc *s, enum report_format f, const char *path, struct svc_error *err);

/* One unit's sheet in the attachment's layout (考核项 | 考核内容及评分标准 |
 * 考核方式 | 扣分 | 得分 | 扣分说明), with every derivation; PDF also its
 * notes, objections and the office's answers. XLSX, PDF or CSV. */
int report_sheet(struct svc *s, const char *unit, enum report_format f, const char *path,
		 struct svc_error *err);

/* Every county's and department's sheet, a worksheet each (XLSX). */
int report_sheets(struct svc *s, enum report_format f, const char *path, struct svc_error *err);

/* Charts: "totals" (totals by unit with the grade lines, per kind),
 * "parts" (part scores side by side), "years" (a unit's total this year
 * against earlier years; unit names it). SVG, PNG or PDF. */
int report_chart(struct svc *s, const char *which, const char *unit, enum report_format f, const char *path,
		 struct svc_error *err);

/* A scoring workbook for a team or a scorer to fill in: the units and items
 * the acting user enters (or those of team / industry, for the office),
 * the rule text, input cells with data validation, the values stored now. */
struct report_template {
	const char *team;         /* NULL: the acting user's scope */
	const char *industry;
	const char *unit;         /* one unit only */
	const char *period;       /* a periodic scheme: one period's workbook
				     ("Q2", as period_parse reads); NULL: every
				     period the scheme assesses */
};
int report_template_xlsx(struct svc *s, const struct report_template *t, const char *path, struct svc_error *err);

/* The sheet of a workbook (the one named 评分, else the first) as CSV text
 * in csv, every row with anything in it (a rubric's table for scheme
 * draft: a continuation row holds only 考核内容及评分标准, a row may have
 * no 分值); *sheet receives its name (the caller's). data/len: the
 * workbook's bytes. */
int xlsx_to_csv(const void *data, size_t len, struct buf *csv, char **sheet, struct svc_error *err);

#endif
