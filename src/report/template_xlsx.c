/* template_xlsx.c: the scoring workbook to fill in (to be written). */
#include "report_impl.h"

int report_template_xlsx(struct svc *s, const struct report_template *t, const char *path, struct svc_error *err)
{
	(void)s;
	(void)t;
	(void)path;
	return report_fail(err, SVC_FAILED, "尚未实现：评分模板");
}
