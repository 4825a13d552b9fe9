/* grid.c: the industry grid (行业评分): the scores other bodies than the
 * teams enter for every county (行业专项 by industry, 行政执法), read in one
 * call: the columns the acting user enters, each county's stored finding
 * and whether the user may enter it now. */
#include "service_impl.h"
#include "../storage/inputs.h"
#include "../storage/review.h"
#include "../storage/unit.h"
#include "../storage/year.h"

#include <stdlib.h>
#include <string.h>

/* Whether a node is a score entered by an industry or enforcement scorer. */
static bool scorer_item(const struct node *n)
{
	return n->nchildren == 0 && n->rule.type == RULE_ENTERED &&
	       (n->rule.by == BY_INDUSTRY || n->rule.by == BY_ENFORCEMENT);
}

/* Fills one county's row from its stored findings. */
static int grid_row(struct svc *s, const struct unit *u, struct svc_grid *g, struct svc_grid_cell *row)
{
	struct sheet_review rv;
	if (review_get(s->db, u->id, &rv) != 0)
		return svc_fail_db(s);
	bool verified = rv.state == REVIEW_VERIFIED;
	free(rv.remark);
	free(rv.actor);
	free(rv.at);
	struct unit_load L;
	if (unit_load(s->db, u, &L) != 0) {
		unit_load_free(&L);
		return svc_fail_db(s);
	}
	bool open = !svc_approved(s);
	for (int c = 0; c < g->nitems; c++) {
		const struct node *n = g->items[c];
		struct svc_grid_cell *cell = &row[c];
		cell->applies = node_applies(n, u->name) && node_industry_applies(n, u->industry);
		for (int k = 0; k < L.in.nfindings; k++) {
			const struct finding *f = &L.in.findings[k];
			if (f->node != n && strcmp(f->code, n->code) != 0) {
				/* an item under a group marked not applicable is
				 * not applicable either, and takes no entry */
				if (f->form == INPUT_NA)
					for (const struct node *a = n->parent; a; a = a->parent)
						if (strcmp(a->code, f->code) == 0) {
							cell->entered = cell->na = true;
							cell->na_above = a->code;
						}
				continue;
			}
			cell->entered = true;
			cell->na = f->form == INPUT_NA;
			cell->score = f->form == INPUT_SCORE ? f->amount : 0;
			cell->note = f->note ? xstrdup(f->note) : NULL;
		}
		cell->can = open && cell->applies && !cell->na_above && svc_allow_item(s, u, n, verified) == 0;
		svc_error_clear(&s->err);
	}
	unit_load_free(&L);
	return 0;
}

int svc_grid(struct svc *s, struct svc_grid *out)
{
	memset(out, 0, sizeof *out);
	if (svc_allow(s, OP_GRID_READ, NULL) != 0 || svc_begin_read(s) != 0)
		return -1;
	int rc = 0;
	const struct scheme *sc = year_scheme(s->db, KIND_COUNTY);
	struct unit *all = NULL;
	int nall = 0;
	if (!sc || unit_list(s->db, KIND_COUNTY, &all, &nall) != 0)
		rc = svc_fail_db(s);
	/* the columns: the items the acting user enters (the office every one) */
	if (rc == 0) {
		out->items = xcalloc((size_t)sc->nnodes, sizeof *out->items);
		for (int i = 0; i < sc->nnodes; i++) {
			const struct node *n = sc->nodes[i];
			if (scorer_item(n) && svc_allow_item(s, NULL, n, false) == 0)
				out->items[out->nitems++] = n;
			svc_error_clear(&s->err);
		}
	}
	/* the rows: the counties the city assesses */
	for (int i = 0; i < nall && rc == 0; i++) {
		if (all[i].status != STATUS_ASSESSED)
			continue;
		out->units = xrealloc(out->units, (size_t)(out->nunits + 1) * sizeof *out->units);
		out->cells = xrealloc(out->cells, (size_t)(out->nunits + 1) * (size_t)(out->nitems ? out->nitems : 1) *
				      sizeof *out->cells);
		struct svc_grid_cell *row = &out->cells[(size_t)out->nunits * (size_t)out->nitems];
		memset(row, 0, (size_t)out->nitems * sizeof *row);
		unit_copy(&out->units[out->nunits], &all[i]);
		out->nunits++;
		rc = grid_row(s, &all[i], out, row);
	}
	unit_list_free(all, nall);
	svc_end(s, 0);
	if (rc != 0)
		svc_grid_free(out);
	return rc;
}

void svc_grid_free(struct svc_grid *g)
{
	for (int i = 0; i < g->nunits; i++) {
		unit_clear(&g->units[i]);
		for (int c = 0; c < g->nitems; c++)
			free(g->cells[(size_t)i * (size_t)g->nitems + c].note);
	}
	free(g->units);
	free(g->cells);
	free(g->items);
	memset(g, 0, sizeof *g);
}
