/* report.c: which writer makes which document, and what they share:
 * errors, the temporary file renamed into place, the stamp line. */
#include "report_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../core/date.h"

static const char *const names[] = {"xlsx", "pdf", "csv", "svg", "png"};

int report_format_parse(const char *s)
{
	for (int i = 0; s && i < 5; i++)
		if (strcasecmp(s, names[i]) == 0)
			return i;
	return -1;
}

const char *report_format_name(enum report_format f)
{
	return names[f];
}

int report_fail(struct svc_error *err, enum svc_code code, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	svc_error_clear(err);
	err->code = code;
	err->message = buf_take(&b);
	return -1;
}

int report_fail_svc(struct svc *s, struct svc_error *err)
{
	svc_error_clear(err);
	svc_error_copy(err, svc_err(s));
	return -1;
}

char *report_temp_path(const char *path)
{
	struct buf b = {0};
	buf_printf(&b, "%s.%ld.tmp", path, (long)getpid());
	return buf_take(&b);
}

int report_commit(const char *temp, const char *path, struct svc_error *err)
{
	/* The writers checked every write and the close; what is written
	 * reaches the disk before the name does, or a crash could leave
	 * an empty file under the final name. */
	int fd = open(temp, O_RDONLY | O_CLOEXEC);
	int bad = fd < 0 || fsync(fd) != 0;
	int e = errno;
	if (fd >= 0)
		close(fd);
	if (bad) {
		unlink(temp);
		return report_fail(err, SVC_FAILED, "无法写入 %s：%s", path, errno_words(e));
	}
	if (rename(temp, path) != 0) {
		e = errno;
		unlink(temp);
		return report_fail(err, SVC_FAILED, "无法写入 %s：%s", path, errno_words(e));
	}
	return 0;
}

void report_abandon(const char *temp)
{
	unlink(temp);
}

int report_claim_temp(const char *temp, const char *path, struct svc_error *err)
{
	int fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return report_fail(err, SVC_FAILED, "无法写入 %s：%s", path, errno_words(errno));
	close(fd);
	return 0;
}

/* The stamp, with the audit head and the signed head in full (full) or
 * their first 16 hex digits (a page's footer). */
static char *stamp_text(const struct svc_stamp *st, bool full)
{
	struct buf b = {0};
	buf_printf(&b, "%d 年度 · %s；%s", st->year, st->county_scheme ? st->county_scheme : "",
		   st->department_scheme ? st->department_scheme : "");
	char t[TIME_CN_SIZE];
	if (st->computed_at && time_cn(st->computed_at, t))
		buf_printf(&b, " · 计分于 %s%s", t, st->stale > 0 ? "（其后又有改动）" : "");
	else
		buf_puts(&b, " · 尚未计分");
	int n = full ? 128 : 16;
	buf_printf(&b, " · 审计记录 #%lld %.*s", st->seq, n, st->head);
	/* the head signed at approval: in full, enough to check the
	 * signature by hand; short, enough to find it */
	if (st->signed_seq)
		buf_printf(&b, " · 审定签名 #%lld %.*s 签名 %.*s 公钥 %.*s", st->signed_seq, n, st->signed_hash,
			   n, st->signature, n, st->public_key);
	return buf_take(&b);
}

char *report_stamp_line(const struct svc_stamp *st)
{
	return stamp_text(st, false);
}

char *report_stamp_full(const struct svc_stamp *st)
{
	return stamp_text(st, true);
}

static int wrong_format(const char *what, enum report_format f, const char *allowed, struct svc_error *err)
{
	return report_fail(err, SVC_INVALID, "%s不能输出为 %s（可用：%s）", what, names[f], allowed);
}

int report_results(struct svc *s, enum report_format f, const char *path, struct svc_error *err)
{
	switch (f) {
	case REPORT_XLSX: return write_results_xlsx(s, path, err);
	case REPORT_PDF: return write_results_pdf(s, path, err);
	case REPORT_CSV: return write_results_csv(s, path, err);
	default: return wrong_format("考核结果", f, "xlsx、pdf、csv", err);
	}
}

int report_sheet(struct svc *s, const char *unit, enum report_format f, const char *path,
		 struct svc_error *err)
{
	switch (f) {
	case REPORT_XLSX: return write_sheet_xlsx(s, unit, path, err);
	case REPORT_PDF: return write_sheet_pdf(s, unit, path, err);
	case REPORT_CSV: return write_sheet_csv(s, unit, path, err);
	default: return wrong_format("评分表", f, "xlsx、pdf、csv", err);
	}
}

int report_sheets(struct svc *s, enum report_format f, const char *path, struct svc_error *err)
{
	if (f != REPORT_XLSX)
		return wrong_format("全部评分表", f, "xlsx", err);
	return write_sheets_xlsx(s, path, err);
}

int report_chart(struct svc *s, const char *which, const char *unit, enum report_format f, const char *path,
		 struct svc_error *err)
{
	if (f != REPORT_SVG && f != REPORT_PNG && f != REPORT_PDF)
		return wrong_format("图表", f, "svg、png、pdf", err);
	return write_chart(s, which, unit, f, path, err);
}
