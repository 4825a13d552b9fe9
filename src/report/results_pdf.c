/* results_pdf.c: the results notice (to be written). */
#include "report_impl.h"

int write_results_pdf(struct svc *s, const char *path, struct svc_error *err)
{
	(void)s;
	(void)path;
	return report_fail(err, SVC_FAILED, "尚未实现：考核结果通知");
}
