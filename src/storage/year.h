/* year.h: assessment years, the schemes they were created with, and the
 * settings they took from those schemes (window, spot-check sizes and
 * pools, industry table, daily items and deductions). */
#ifndef KAOHE_YEAR_H
#define KAOHE_YEAR_H

#include "db.h"
#include "../core/unit_rules.h"

struct scheme_text {
	const char *file;
	const char *text;
	size_t len;
};

/* Creates a year from two parsed schemes (county, department) and their
 * texts, which the year keeps; copies the settings the schemes carry, and
 * makes it the current year. template_name is recorded ("" if the schemes
 * are not a built-in pair). Caller holds a write transaction. */
int year_create(struct db *db, int year, const char *template_name,
		struct scheme *const schemes[2], const struct scheme_text texts[2]);

/* The scheme of the current year for a unit kind (county, department;
 * the rest have none). Parsed once and cached. */
const struct scheme *year_scheme(struct db *db, enum unit_kind kind);

/* The assessment window ("YYYY-MM-DD"), NULL if the schemes state none. */
int year_window(struct db *db, char **from, char **to);
/* Every year in the file, oldest first. */
int year_list(struct db *db, int **years, int *n);
/* Sets "approved" or "published" of the current year (no audit: the
 * caller records why). */
int year_set_state(struct db *db, const char *what, bool value);

#endif
