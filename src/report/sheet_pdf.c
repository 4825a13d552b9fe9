/* sheet_pdf.c: a unit's sheet as a PDF document (to be written). */
#include "report_impl.h"

int write_sheet_pdf(struct svc *s, const char *unit, const char *path, struct svc_error *err)
{
	(void)s;
	(void)unit;
	(void)path;
	return report_fail(err, SVC_FAILED, "尚未实现：评分表 PDF");
}
