/* history.c: one unit's stored results across the years of the file (the
 * years chart): the current year's and each earlier year's, as the acting
 * user may read them in that year. Reads what the computes stored; scores
 * nothing. */
#include "../core/period.h"
#include "service_impl.h"
#include "../storage/result.h"
#include "../storage/unit.h"
#include "../storage/year.h"

#include <stdlib.h>
#include <string.h>

/* Reads the unit's stored result in the session's current year into *y.
 * Returns 1 if read, 0 if the year is left out (no such unit, no result,
 * not the user's to read), -1 on failure; for the current year (must)
 * every reason to leave it out is a failure. */
static int read_year(struct svc *s, const char *name, bool must, struct svc_unit_year *y)
{
	struct unit u;
	if (unit_get(s->db, name, &u) != 0) {
		if (must || db_error_code(s->db) != DB_NOT_FOUND)
			return svc_fail_db(s);
		return 0;
	}
	int rc;
	if (must ? svc_allow(s, OP_RESULTS_READ, &u) != 0 : !svc_may(s, OP_RESULTS_READ, &u)) {
		rc = must ? -1 : 0;
	} else {
		struct stored_result r;
		const struct scheme *sc = year_scheme(s->db, u.kind);
		if (!sc) {
			rc = svc_fail_db(s);
		} else if (result_read_unit(s->db, &u, false, &r) != 0) {
			rc = must || db_error_code(s->db) != DB_NOT_FOUND ? svc_fail_db(s) : 0;
		} else {
			*y = (struct svc_unit_year){svc_year(s), u.kind, r.total, scheme_year_points(sc), r.rank, r.proposed,
				r.decision.grade, r.provincial, r.incomplete, r.computed_at ? xstrdup(r.computed_at) : NULL,
				stored_veto_cap(&r) != GRADE_NONE, NULL};
			enum grade g = r.decision.grade != GRADE_NONE ? r.decision.grade : r.proposed;
			if (g != GRADE_NONE)
				y->grade_name = xstrdup(scheme_grade_name(sc, g));
			stored_result_clear(&r);
			rc = 1;
		}
	}
	unit_clear(&u);
	return rc;
}

int svc_unit_years(struct svc *s, const char *unit, struct svc_unit_year **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (svc_allow(s, OP_RESULTS_READ, NULL) != 0)
		return -1;
	int current = svc_year(s), *years = NULL, ny = 0;
	if (svc_begin_read(s) != 0)
		return -1;
	int rc = year_list(s->db, &years, &ny) == 0 ? 0 : svc_fail_db(s);
	struct svc_unit_year *y = xcalloc((size_t)ny + 1, sizeof *y);
	int k = 0;
	/* the current year first: without it there is nothing to compare */
	if (rc == 0) {
		int r = read_year(s, unit, true, &y[k]);
		rc = r < 0 ? -1 : 0;
		k += r > 0;
	}
	for (int i = 0; i < ny && rc == 0 && years[i] < current; i++) {
		if (db_use_year(s->db, years[i]) != 0) {
			rc = svc_fail_db(s);
			break;
		}
		int r = read_year(s, unit, false, &y[k]);
		if (r < 0)
			rc = -1;
		k += r > 0;
	}
	svc_end(s, rc);
	/* back on the session's own year, whatever happened */
	if (svc_year(s) != current && db_use_year(s->db, current) != 0 && rc == 0)
		rc = svc_fail_db(s);
	free(years);
	if (rc != 0) {
		svc_unit_years_free(y, k);
		return -1;
	}
	/* oldest first: the earlier years were read in order after the current one */
	if (k > 1) {
		struct svc_unit_year cur = y[0];
		memmove(y, y + 1, (size_t)(k - 1) * sizeof *y);
		y[k - 1] = cur;
	}
	*out = y;
	*n = k;
	return 0;
}

void svc_unit_years_free(struct svc_unit_year *y, int n)
{
	for (int i = 0; i < n; i++)
	{
		free(y[i].computed_at);
		free(y[i].grade_name);
	}
	free(y);
}
