/* sheet_xlsx.c: a unit's sheet, and every sheet, as workbooks (to be written). */
#include "report_impl.h"

int write_sheet_xlsx(struct svc *s, const char *unit, const char *path, struct svc_error *err)
{
	(void)s;
	(void)unit;
	(void)path;
	return report_fail(err, SVC_FAILED, "尚未实现：评分表工作簿");
}

int write_sheets_xlsx(struct svc *s, const char *path, struct svc_error *err)
{
	(void)s;
	(void)path;
	return report_fail(err, SVC_FAILED, "尚未实现：全部评分表工作簿");
}
