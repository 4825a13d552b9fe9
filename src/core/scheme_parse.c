/* scheme_parse.c: YAML scheme file -> struct scheme, with every problem
 * reported as FILE:LINE: message (in Chinese: office IT staff read them).
 *
 * Parsing builds the tree and checks each key's form; scheme_check.c then
 * checks the tree as a whole (points adding up, caps within their node). */
#include "scheme.h"
#include "scheme.h"
#include "scheme_check.h"
#include "period_impl.h"
#include "veto_forms.h"
#include "scheme_links.h"
#include "ytree.h"

#include <stdlib.h>
#include <string.h>

static void number_nodes(struct scheme *s, struct node *n, int *cap)
{
	if (s->nnodes == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		s->nodes = xrealloc(s->nodes, (size_t)*cap * sizeof *s->nodes);
	}
	n->index = s->nnodes;
	s->nodes[s->nnodes++] = n;
	for (int i = 0; i < n->nchildren; i++)
		number_nodes(s, n->children[i], cap);
}

/* The line number in "FILE:LINE: message" (file names contain no ':'
 * followed by digits and ':' in practice; 0 if absent). */
static long diag_line(const char *msg, size_t flen)
{
	if (strlen(msg) <= flen || msg[flen] != ':')
		return 0;
	return strtol(msg + flen + 1, NULL, 10);
}

/* Stable insertion sort of d->msgs[from..] by line, so a person reads the
 * problems top to bottom. */
static void sort_by_line(struct diag *d, int from, const char *file)
{
	size_t flen = strlen(file);
	for (int i = from + 1; i < d->n; i++) {
		char *m = d->msgs[i];
		long line = diag_line(m, flen);
		int j = i;
		while (j > from && diag_line(d->msgs[j - 1], flen) > line) {
			d->msgs[j] = d->msgs[j - 1];
			j--;
		}
		d->msgs[j] = m;
	}
}

struct scheme *scheme_parse(const char *buf, size_t len, const char *file,
			    struct diag *d)
{
	struct scheme_ctx c = {file, d, 0, 0, NULL};
	int first = d->n;
	struct ynode *y = ytree_parse(buf, len, file, d);
	if (!y)
		return NULL;
	struct scheme *s = xcalloc(1, sizeof *s);
	c.s = s;
	if (y->type != Y_MAP) {
		scheme_err(&c, y->line, "方案文件的顶层必须是映射（scheme、title、points、children …）");
		goto out;
	}
	static const char *const keys[] = {"scheme", "title", "unit", "unit_title", "year", "source",
		"points", "note", "grades", "vetoes", "children", "window", "samples", "industries",
		"daily", "periods", "links", NULL};
	sk_keys(&c, y, keys, "方案");
	s->name = sk_str(&c, y, "scheme", 1, "方案");
	if (s->name) {
		int ok = 1;
		for (const char *p = s->name; *p; p++)
			ok &= (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
		if (!ok)
			scheme_err(&c, ytree_get(y, "scheme")->line,
			    "方案名“%s”只能包含小写字母、数字和连字符", s->name);
	}
	s->title = sk_str(&c, y, "title", 1, "方案");
	scheme_parse_unit(&c, y, s);
	s->source = sk_str(&c, y, "source", 0, "方案");
	s->note = sk_str(&c, y, "note", 0, "方案");
	long long year = 0;
	if (sk_int(&c, y, "year", 1, "方案", 1949, 2999, &year) == 1)
		s->year = (int)year;
	struct node *root = xcalloc(1, sizeof *root);
	s->root = root;
	root->code = xstrdup("");
	root->title = xstrdup(s->title ? s->title : "");
	root->score = SCORE_SUM;
	root->line = y->line;
	if (sk_points(&c, y, "points", 1, "方案", &root->points) != 1)
		root->points = 0;
	const struct ynode *children = ytree_get(y, "children");
	if (!children)
		scheme_err(&c, y->line, "方案缺少“children”（各考核层面）");
	else
		scheme_parse_children(&c, children, root);
	scheme_parse_periods(&c, ytree_get(y, "periods"), s);
	scheme_parse_grades(&c, ytree_get(y, "grades"), s);
	scheme_parse_vetoes(&c, ytree_get(y, "vetoes"), s);
	scheme_parse_year(&c, y, s);
	links_parse(&c, ytree_get(y, "links"), s);
	/* The whole-tree checks run even after errors above, so that one
	 * run reports every problem; they tolerate partly parsed nodes. */
	int cap = 0;
	number_nodes(s, root, &cap);
	scheme_check(s, &c);
	scheme_check_year(&c, s);
	scheme_check_periods(&c, s);
	veto_forms_check(&c, s);
	for (int i = 0; i < s->ngrades; i++)
		s->grades[i].name = scheme_grade_name(s, s->grades[i].grade);
	links_check(&c, s);
out:
	ytree_free(y);
	sort_by_line(d, first, file);
	if (c.nerr > SCHEME_MAX_ERRORS)
		diag_add(d, "%s: 另有 %d 个问题未列出", file, c.nerr - SCHEME_MAX_ERRORS);
	if (c.nerr) {
		scheme_free(s);
		return NULL;
	}
	return s;
}
