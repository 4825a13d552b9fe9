/* tables_csv.c: every table of the documents as CSV (to be written). */
#include "report_impl.h"

int write_results_csv(struct svc *s, const char *dir, struct svc_error *err)
{
	(void)s;
	(void)dir;
	return report_fail(err, SVC_FAILED, "尚未实现：考核结果 CSV");
}

int write_sheet_csv(struct svc *s, const char *unit, const char *path, struct svc_error *err)
{
	(void)s;
	(void)unit;
	(void)path;
	return report_fail(err, SVC_FAILED, "尚未实现：评分表 CSV");
}
