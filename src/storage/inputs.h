/* inputs.h: everything the engine needs to score one unit, gathered from
 * the database: its findings on its own sheet and on each sampled unit's,
 * the daily records' deductions, the accidents and veto causes that count
 * against it, and the places examined (the county and its sampled towns). */
#ifndef KAOHE_INPUTS_H
#define KAOHE_INPUTS_H

#include "db.h"
#include "../core/score.h"
#include "../core/unit_rules.h"

struct unit_load {
	struct unit unit;
	const struct scheme *scheme;
	struct unit_input in;
	long long *sheet_ids;      /* the sampled unit of each in.sheets[k] */
	char *veto_reasons[4];     /* the reasons recorded per veto flag bit */
	/* memory behind `in` */
	struct finding *findings;
	struct sheet_input *sheets;
	struct finding **sheet_findings;
	struct accident *accidents;
	char **strings;
	int nstrings;
};

/* Gathers unit u's inputs (u is copied). Free with unit_load_free. */
int unit_load(struct db *db, const struct unit *u, struct unit_load *L);
void unit_load_free(struct unit_load *L);

#endif
