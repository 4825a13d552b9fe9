/* notes.c: the notes (备注) written with the findings of a unit's sheets,
 * for the documents that show a unit's sheet (report/sheet_pdf.c). The
 * stored results keep the scores and derivations; the notes stay with the
 * findings, so they are read from the unit's records (no scoring). */
#include "service_impl.h"
#include "../storage/inputs.h"
#include "../storage/unit.h"

#include <stdlib.h>
#include <string.h>

struct keyed {
	int sheet;                /* 0: own sheet; k + 1: sampled sheet k */
	int index;                /* the node's place in the scheme */
	struct svc_finding_note note;
};

/* Orders the notes by sheet, then by the item's place in the scheme. */
static int by_place(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->sheet != y->sheet)
		return x->sheet < y->sheet ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* Adds the findings of one sheet that carry a note. */
static void collect(const struct scheme *sc, const struct finding *f, int nf, int sheet, const char *label,
		    struct keyed **v, int *n)
{
	for (int i = 0; i < nf; i++) {
		if (!f[i].note || !*f[i].note)
			continue;
		const struct node *node = f[i].node ? f[i].node : scheme_find(sc, f[i].code);
		*v = xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
		struct keyed *k = &(*v)[(*n)++];
		k->sheet = sheet;
		k->index = node ? node->index : sc->nnodes;
		k->note.sheet = label ? xstrdup(label) : NULL;
		k->note.code = xstrdup(f[i].code);
		k->note.note = xstrdup(f[i].note);
	}
}

int svc_finding_notes(struct svc *s, const char *unit, struct svc_finding_note **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct unit u;
	if (svc_sheet_unit(s, unit, &u) != 0)
		return -1;
	int rc = -1;
	if (u.status != STATUS_ASSESSED) {
		rc = 0;
		goto out;
	}
	if (svc_begin_read(s) != 0)
		goto out;
	struct unit_load L;
	if (unit_load(s->db, &u, &L) != 0) {
		rc = svc_fail_db(s);
	} else {
		struct keyed *v = NULL;
		int k = 0;
		collect(L.scheme, L.in.findings, L.in.nfindings, 0, NULL, &v, &k);
		for (int i = 0; i < L.in.nsheets; i++)
			collect(L.scheme, L.in.sheets[i].findings, L.in.sheets[i].nfindings, i + 1,
				L.in.sheets[i].label, &v, &k);
		if (k) {
			qsort(v, (size_t)k, sizeof *v, by_place);
			*out = xcalloc((size_t)k, sizeof **out);
			for (int i = 0; i < k; i++)
				(*out)[i] = v[i].note;
		}
		*n = k;
		free(v);
		rc = 0;
	}
	unit_load_free(&L);
	svc_end(s, rc);
out:
	unit_clear(&u);
	return rc;
}

void svc_finding_notes_free(struct svc_finding_note *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].sheet);
		free(v[i].code);
		free(v[i].note);
	}
	free(v);
}
