/* report_reads.c: what the documents read (src/report): one consistent
 * read across several calls, and the stored results one unit at a time,
 * so that the all-units workbook holds one sheet in memory however many
 * units the year has. Who may read which result is auth.c's, as for
 * svc_results. */
#include "service_impl.h"
#include "../storage/result.h"
#include "../storage/unit.h"
#include "../storage/year.h"

#include <stdlib.h>

int svc_read_begin(struct svc *s)
{
	if (svc_allow(s, OP_RESULTS_READ, NULL) != 0)
		return -1;
	return svc_begin_read(s);
}

void svc_read_end(struct svc *s)
{
	svc_end(s, 0);
}

int svc_results_each(struct svc *s, int kind, bool tree, svc_result_fn fn, void *ctx)
{
	if (svc_allow(s, OP_RESULTS_READ, NULL) != 0 || svc_begin_read(s) != 0)
		return -1;
	int rc = 0;
	enum unit_kind *kinds = NULL;
	int nk = 0;
	if (year_kinds(s->db, &kinds, &nk) != 0)
		rc = svc_fail_db(s);
	for (int ki = 0; ki < nk && rc == 0; ki++) {
		int k = (int)kinds[ki];
		if (kind >= 0 && k != kind)
			continue;
		struct unit *units;
		int n;
		if (unit_list(s->db, k, &units, &n) != 0) {
			rc = svc_fail_db(s);
			break;
		}
		for (int i = 0; i < n && rc == 0; i++) {
			if (units[i].status == STATUS_EXCLUDED || !svc_sees_result(s, &units[i]))
				continue;
			struct stored_result r;
			if (result_read_unit(s->db, &units[i], tree, &r) != 0) {
				if (db_error_code(s->db) != DB_NOT_FOUND)
					rc = svc_fail_db(s);
				continue;
			}
			rc = fn(ctx, &r) ? 1 : 0;
			stored_result_clear(&r);
		}
		unit_list_free(units, n);
	}
	free(kinds);
	if (rc < 0) {
		svc_end(s, -1);
		return -1;
	}
	svc_end(s, 0);
	return rc;
}
