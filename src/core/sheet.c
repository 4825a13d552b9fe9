/* sheet.c: a finding checked against its sheet (sheet.h). */
#include "sheet.h"

#include <stdlib.h>
#include <string.h>

void sheet_state_init(struct sheet_state *st, const struct scheme *s, const struct node *sheet_root)
{
	memset(st, 0, sizeof *st);
	st->s = s;
	const struct node *r = sheet_root ? sheet_root : s->root;
	st->base = r->index;
	int end = r->index + 1;
	while (end < s->nnodes && s->nodes[end]->depth > r->depth)
		end++;
	st->n = end - st->base;
	st->line = xcalloc((size_t)st->n, sizeof *st->line);
	st->na = xcalloc((size_t)st->n, 1);
}

void sheet_state_free(struct sheet_state *st)
{
	free(st->line);
	free(st->na);
	memset(st, 0, sizeof *st);
}

static bool in_sheet(const struct sheet_state *st, const struct node *n)
{
	return n->index >= st->base && n->index < st->base + st->n;
}

void sheet_state_stored(struct sheet_state *st, const struct node *n, bool na)
{
	if (!n || !in_sheet(st, n))
		return;
	st->line[n->index - st->base] = -1;
	st->na[n->index - st->base] = na;
}

const struct node *sheet_accept(struct sheet_state *st, const struct finding *f,
				const struct finding_where *at, int row, int item_col, int value_col,
				const char *who, struct diag *d)
{
	const char *w = who ? who : "", *sep = who && *who ? "：" : "";
	struct diag one = {0};
	if (finding_check(st->s, f, at, w, &one) != 0) {
		/* an unknown item is the item column's fault, the rest the value's */
		const struct node *known = f->node ? f->node : f->code ? scheme_find(st->s, f->code) : NULL;
		diag_add_at(d, row, known ? value_col : item_col, "%s", one.msgs[0]);
		diag_free(&one);
		return NULL;
	}
	const struct node *n = f->node ? f->node : scheme_find(st->s, f->code);
	int k = n->index - st->base;
	if (row > 0 && st->line[k] > 0) {
		diag_add_at(d, row, 0, "%s%s与第%d行重复（%s）", w, sep, st->line[k], n->code);
		return NULL;
	}
	/* Nothing under a node marked not applicable … */
	for (const struct node *a = n->parent; a && in_sheet(st, a); a = a->parent) {
		int i = a->index - st->base;
		if (!st->na[i] || a == n)
			continue;
		if (st->line[i] > 0)
			diag_add_at(d, row, 0, "%s%s%s 已在第%d行标为不适用，其下的 %s 不能再录入", w, sep,
				    a->code, st->line[i], n->code);
		else
			diag_add_at(d, row, 0, "%s%s%s 已标为不适用，其下的 %s 不能再录入", w, sep, a->code,
				    n->code);
		return NULL;
	}
	/* … and no such mark over findings (the engine would ignore them). */
	if (f->form == INPUT_NA)
		for (int i = k + 1; i < st->n; i++) {
			const struct node *m = st->s->nodes[st->base + i];
			if (m->depth <= n->depth)
				break;
			if (!st->line[i])
				continue;
			if (st->line[i] > 0)
				diag_add_at(d, row, 0, "%s%s%s 下已在第%d行录入 %s，不能标为不适用", w, sep,
					    n->code, st->line[i], m->code);
			else
				diag_add_at(d, row, 0, "%s%s%s 下已有 %s 的评分，不能标为不适用", w, sep,
					    n->code, m->code);
			return NULL;
		}
	st->line[k] = row > 0 ? row : -1;
	st->na[k] = f->form == INPUT_NA;
	return n;
}
