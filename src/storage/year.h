/* year.h: assessment years: creation from their schemes, the stored schemes,
 * approval and reopening. */
#ifndef KAOHE_YEAR_H
#define KAOHE_YEAR_H

#include "db.h"

/* Creates a year from two schemes: the built-in pair TEMPLATE-county and
 * TEMPLATE-department (qhd-2016), or, where county/department is not NULL,
 * a scheme text (with its file name) that replaces one of them. The year
 * takes its settings (assessment window, spot-check sizes and pools,
 * industry table, daily items and deductions) from its schemes, nothing
 * from elsewhere. Makes it the current year. */
struct scheme_text {
	const char *file;
	const char *text;
	size_t len;
};
int year_init(struct db *db, int year, const char *template_name,
	      const struct scheme_text *county, const struct scheme_text *department);

/* The scheme of the current year for a unit kind ("county" or
 * "department"; towns etc. have none). Parsed once and cached. */
const struct scheme *year_scheme(struct db *db, const char *unit_kind);

int year_reopen(struct db *db, const char *reason);

#endif
