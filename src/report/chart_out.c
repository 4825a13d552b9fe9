/* chart_out.c: charts as SVG, PNG and PDF files (to be written). */
#include "report_impl.h"

int write_chart(struct svc *s, const char *which, const char *unit, enum report_format f, const char *path,
		struct svc_error *err)
{
	(void)s;
	(void)which;
	(void)unit;
	(void)f;
	(void)path;
	return report_fail(err, SVC_FAILED, "尚未实现：图表");
}
