/* scheme_node.c: the scheme's tree of nodes: each node's keys (code,
 * title, points, score, na, only …), its children or its rule, with the
 * defaults a group gives its rows (scheme_links.c). */
#include "scheme.h"
#include "scheme_check.h"
#include "accident_rule.h"
#include "scheme_links.h"
#include "ytree.h"
#include "rule_forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NODES 10000

bool scheme_code_valid(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z') || *s == '.' || *s == '-' || *s == '_'))
			return false;
	return true;
}

static struct node *parse_node(struct scheme_ctx *c, const struct ynode *y,
			       struct node *parent, int depth);

/* Reads the rows of a group's `children` into n. */
void scheme_parse_children(struct scheme_ctx *c, const struct ynode *list, struct node *n)
{
	if (list->type != Y_SEQ) {
		scheme_err(c, list->line, "“children”必须是列表");
		return;
	}
	if (list->n == 0) {
		scheme_err(c, list->line, "“children”不能为空");
		return;
	}
	n->children = xcalloc((size_t)list->n, sizeof *n->children);
	for (int i = 0; i < list->n; i++) {
		defaults_next_row(c, i ? list->items[i - 1] : NULL);
		struct node *ch = parse_node(c, list->items[i], n, n->depth + 1);
		if (ch)
			n->children[n->nchildren++] = ch;
	}
}

static struct node *parse_node(struct scheme_ctx *c, const struct ynode *y,
			       struct node *parent, int depth)
{
	static const char *const keys[] = {"code", "title", "points", "children", "score",
		"rule", "text", "method", "scale", "na", "optional", "mandatory", "bonus",
		"sample", "reconstructed", "note", "only", "draft", "mandatory_for", "overflow", "only_industry",
		"defaults", NULL};
	if (y->type != Y_MAP) {
		scheme_err(c, y->line, "节点必须是映射（code、title、points …）");
		return NULL;
	}
	if (++c->nnodes > MAX_NODES) {
		if (c->nnodes == MAX_NODES + 1)
			scheme_err(c, y->line, "节点过多（最多 %d 个）", MAX_NODES);
		return NULL;
	}
	struct node *n = xcalloc(1, sizeof *n);
	const struct ynode *v;
	n->parent = parent;
	n->depth = depth;
	n->line = y->line;
	n->code = sk_str(c, y, "code", 1, "节点");
	if (!n->code)
		n->code = xstrdup("?");
	else if (!scheme_code_valid(n->code))
		scheme_err(c, ytree_get(y, "code")->line,
		    "编号“%s”只能包含数字、字母、点、连字符和下划线", n->code);
	/* on the heap: a long code is named whole, never cut mid-character */
	struct buf what_b = {0};
	buf_printf(&what_b, "节点 %s ", n->code);
	const char *what = buf_str(&what_b);
	sk_keys(c, y, keys, what);
	n->title = sk_str(c, y, "title", 1, what);
	if (!n->title)
		n->title = xstrdup("");
	n->text = sk_str(c, y, "text", 0, what);
	n->method = sk_str(c, y, "method", 0, what);
	n->note = sk_str(c, y, "note", 0, what);
	n->reconstructed = sk_str(c, y, "reconstructed", 0, what);
	/* A remark left by `scheme draft` (draft.c): the row was not read with
	 * certainty, so the scheme is not usable until a person removes it. */
	if ((v = sk_scalar(c, y, "draft", 0, what)))
		scheme_err(c, v->line, "草稿标记未处理（节点 %s）：%s（请核对规则后删除 draft）", n->code,
		    v->str);
	if (sk_points(c, y, "points", 0, what, &n->points) != 1)
		n->points = -1; /* not written: derived or an error, see scheme_check.c */
	if (sk_points(c, y, "scale", 0, what, &n->scale) == 1 && n->scale == 0)
		scheme_err(c, ytree_get(y, "scale")->line, "“scale”必须大于 0");
	if ((v = sk_scalar(c, y, "na", 0, what))) {
		if (strcmp(v->str, "full") == 0)
			n->na = NA_FULL;
		else if (strcmp(v->str, "rescale") == 0)
			n->na = NA_RESCALE;
		else
			scheme_err(c, v->line, "“na”必须是 full（按满分）或 rescale（按比例折算）");
	}
	sk_bool(c, y, "optional", &n->optional);
	sk_bool(c, y, "mandatory", &n->mandatory);
	int nm = sk_words(c, y, "mandatory_for", &n->mandatory_for);
	n->nmandatory_for = nm > 0 ? nm : 0;
	sk_bool(c, y, "bonus", &n->bonus);
	if ((v = sk_scalar(c, y, "sample", 0, what))) {
		if (strcmp(v->str, "town") == 0)
			n->sample = SAMPLE_TOWN;
		else if (strcmp(v->str, "county-department") == 0)
			n->sample = SAMPLE_COUNTY_DEPARTMENT;
		else if (strcmp(v->str, "enterprise") == 0)
			n->sample = SAMPLE_ENTERPRISE;
		else
			scheme_err(c, v->line, "“sample”必须是 town、county-department 或 enterprise");
	}
	if ((v = ytree_get(y, "only"))) {
		if (v->type != Y_SEQ || v->n == 0) {
			scheme_err(c, v->line, "“only”必须是单位名称的列表，如 [海港区]");
		} else {
			n->only = xcalloc((size_t)v->n, sizeof *n->only);
			for (int i = 0; i < v->n; i++) {
				if (v->items[i]->type != Y_SCALAR || !v->items[i]->str[0])
					scheme_err(c, v->items[i]->line, "“only”的每一项须是单位名称");
				else
					n->only[n->nonly++] = xstrdup(v->items[i]->str);
			}
		}
	}
	links_parse_node(c, y, n);
	const struct ynode *children = ytree_get(y, "children");
	const struct ynode *rule = ytree_get(y, "rule");
	if ((v = sk_scalar(c, y, "score", 0, what))) {
		n->score = group_score_parse(v->str);
		if (n->score == SCORE_LEAF)
			scheme_err(c, v->line, "“score”必须是 sum、deduct、mean 或 sheets");
	}
	buf_free(&what_b);
	if (children && rule)
		scheme_err(c, rule->line, "节点 %s 不能同时有 children 和 rule", n->code);
	if (children) {
		if (!ytree_get(y, "score"))
			scheme_err(c, children->line, "节点 %s 有下级节点，须写明计分方式 score"
			    "（sum、deduct、mean 或 sheets）", n->code);
		struct scheme_ctx saved;
		defaults_enter(c, y, n, &saved);
		if (depth >= 12)
			scheme_err(c, children->line, "节点层级过深");
		else
			scheme_parse_children(c, children, n);
		defaults_leave(c, y, n, &saved);
	} else {
		if (ytree_get(y, "score"))
			scheme_err(c, ytree_get(y, "score")->line,
			    "节点 %s 没有下级节点，不能写 score", n->code);
		n->score = SCORE_LEAF;
		if (ytree_get(y, "defaults"))
			scheme_err(c, ytree_get(y, "defaults")->line,
			    "节点 %s 没有下级节点，不能写 defaults", n->code);
		/* its own rule, 同上 (rule: same) or its group's default */
		bool quiet = false;
		const struct ynode *ry = defaults_rule(c, y, n, &quiet);
		if (ry && quiet) {
			/* read before for another row, which reported its problems */
			struct diag scratch = {0}, *d = c->d;
			int nerr = c->nerr;
			c->d = &scratch;
			scheme_parse_rule(c, ry, n, &n->rule, 0);
			c->d = d;
			c->nerr = nerr;
			diag_free(&scratch);
		} else if (ry) {
			scheme_parse_rule(c, ry, n, &n->rule, 0);
		} else if (!rule) {
			scheme_err(c, y->line, "节点 %s 既没有 children 也没有 rule", n->code);
		}
	}
	return n;
}
