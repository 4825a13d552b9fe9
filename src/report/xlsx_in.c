/* xlsx_in.c: a workbook's findings sheet read back (to be written). */
#include "report_impl.h"

int xlsx_to_csv(const void *data, size_t len, struct buf *csv, char **sheet, struct svc_error *err)
{
	(void)data;
	(void)len;
	(void)csv;
	*sheet = NULL;
	return report_fail(err, SVC_FAILED, "尚未实现：读取 XLSX");
}
