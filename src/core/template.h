/* template.h: year templates: what `kaohe init --template NAME` sets up
 * beside the schemes: which city department supervises which industry,
 * the spot-check pools, and the daily-assessment settings. Pure data. */
#ifndef KAOHE_TEMPLATE_H
#define KAOHE_TEMPLATE_H

#include "points.h"

struct template_pair {
	const char *a, *b;
};

struct template_pool {
	const char *kind;       /* county-department | enterprise */
	const char *industry;
	int tier;               /* 1: drawn first */
};

struct template_daily_item {
	const char *target;     /* county | office | supervision */
	const char *kind;       /* meeting | feedback | report | summary | other */
	const char *code;
};

struct template_daily_rule {
	const char *outcome;    /* absent | late | missing */
	points_t deduct, per_day;
};

struct year_template {
	const char *name;
	const char *title;
	const char *county_scheme, *department_scheme;  /* built-in names */
	const char *window_start, *window_end;          /* MM-DD of year+1 */
	const struct template_pair *industry_department;  /* industry -> department */
	const struct template_pool *pools;
	const struct template_daily_item *daily_items;
	const struct template_daily_rule *daily_rules;
	int towns_min, towns_max, departments_min, departments_max,
	    enterprises_min, enterprises_max;
};

/* NULL-terminated by name. */
extern const struct year_template year_templates[];
const struct year_template *template_find(const char *name);

#endif
