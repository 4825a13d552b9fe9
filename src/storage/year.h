/* year.h: assessment years: creation from a template, the stored schemes,
 * approval and reopening. */
#ifndef KAOHE_YEAR_H
#define KAOHE_YEAR_H

#include "db.h"

/* Creates a year from a template (qhd-2016). county_file/department_file,
 * if not NULL, are scheme texts (with their file names) that replace the
 * template's built-in schemes. Makes it the current year. */
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
