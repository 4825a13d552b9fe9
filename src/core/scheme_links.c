/* scheme_links.c: reading and checking defaults (下同, 同上), eligibility
 * by industry (本项仅适用于…企业), overflow (本项扣完后，从本部分（总分）中
 * 继续扣除) and links between items (不重复扣分). See scheme_links.h. */
#include "scheme_links.h"
#include "ytree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a list of non-empty words into *out (key names the list). */
static void read_words(struct scheme_ctx *c, const struct ynode *v, const char *key,
		       const char *example, char ***out, int *n)
{
	if (v->type != Y_SEQ || v->n == 0) {
		scheme_err(c, v->line, "“%s”必须是非空列表，如 %s", key, example);
		return;
	}
	*out = xcalloc((size_t)v->n, sizeof **out);
	for (int i = 0; i < v->n; i++) {
		if (v->items[i]->type != Y_SCALAR || !v->items[i]->str[0])
			scheme_err(c, v->items[i]->line, "“%s”的每一项须是一个词", key);
		else
			(*out)[(*n)++] = xstrdup(v->items[i]->str);
	}
}

void links_parse_node(struct scheme_ctx *c, const struct ynode *y, struct node *n)
{
	const struct ynode *v = sk_scalar(c, y, "overflow", 0, "");
	if (v) {
		if (strcmp(v->str, "part") == 0)
			n->overflow = OVERFLOW_PART;
		else if (strcmp(v->str, "total") == 0)
			n->overflow = OVERFLOW_TOTAL;
		else
			scheme_err(c, v->line, "“overflow”必须是 part（从本部分继续扣除）或 total"
			    "（从总分继续扣除）");
	}
	if ((v = ytree_get(y, "only_industry")))
		read_words(c, v, "only_industry", "[危险化学品, 烟花爆竹]", &n->only_industry,
			   &n->nonly_industry);
}

void defaults_enter(struct scheme_ctx *c, const struct ynode *y, const struct node *n,
		    struct scheme_ctx *save)
{
	*save = *c;
	const struct ynode *d = ytree_get(y, "defaults");
	if (!d)
		return;
	if (d->type != Y_MAP) {
		scheme_err(c, d->line, "节点 %s 的“defaults”必须是映射（rule、na）", n->code);
		return;
	}
	static const char *const keys[] = {"rule", "na", NULL};
	struct buf what_b = {0};
	buf_printf(&what_b, "节点 %s 的 defaults", n->code);
	const char *what = buf_str(&what_b);
	sk_keys(c, d, keys, what);
	const struct ynode *r = ytree_get(d, "rule");
	if (r) {
		c->dflt_rule = r;
		c->dflt_from = n;
		c->dflt_used = false;
	}
	const struct ynode *na = sk_scalar(c, d, "na", 0, what);
	buf_free(&what_b);
	if (na) {
		if (strcmp(na->str, "full") == 0)
			c->dflt_na = NA_FULL;
		else if (strcmp(na->str, "rescale") == 0)
			c->dflt_na = NA_RESCALE;
		else
			scheme_err(c, na->line, "“na”必须是 full（按满分）或 rescale（按比例折算）");
	}
	if (!r && !na && d->n == 0)
		scheme_err(c, d->line, "节点 %s 的“defaults”是空的", n->code);
}

void defaults_leave(struct scheme_ctx *c, const struct ynode *y, const struct node *n,
		    const struct scheme_ctx *save)
{
	const struct ynode *d = ytree_get(y, "defaults");
	if (!d)
		return;
	const struct ynode *r = d->type == Y_MAP ? ytree_get(d, "rule") : NULL;
	if (r && !c->dflt_used)
		scheme_err(c, r->line, "节点 %s 的 defaults.rule 没有考核项使用（其下各项都写了自己的 rule）",
		    n->code);
	/* a group that states only `na` leaves the rule above in force, and
	 * its rows' use of that rule counts */
	if (r) {
		c->dflt_rule = save->dflt_rule;
		c->dflt_from = save->dflt_from;
		c->dflt_used = save->dflt_used;
	}
	c->dflt_na = save->dflt_na;
}

void defaults_next_row(struct scheme_ctx *c, const struct ynode *prev_item)
{
	/* 同上 follows a row, not a group of rows */
	c->prev_rule = prev_item && prev_item->type == Y_MAP && !ytree_get(prev_item, "children")
		? c->last_rule : NULL;
	c->last_rule = NULL;
}

const struct ynode *defaults_rule(struct scheme_ctx *c, const struct ynode *y, struct node *n,
				  bool *quiet)
{
	const struct ynode *r = ytree_get(y, "rule");
	*quiet = false;
	if (!ytree_get(y, "na") && c->dflt_na)
		n->na = (enum na_policy)c->dflt_na;
	if (r && r->type == Y_SCALAR && strcmp(r->str, "same") == 0) {
		if (!c->prev_rule) {
			scheme_err(c, r->line, "%s：rule: same（同上）须紧跟在有规则的同级考核项之后",
			    n->code);
			return NULL;
		}
		n->rule_inherited = RULE_FROM_ABOVE;
		*quiet = true;  /* the previous row reported its rule's problems */
		return c->last_rule = c->prev_rule;
	}
	if (r)
		return c->last_rule = r;
	if (c->dflt_rule) {
		n->rule_inherited = RULE_FROM_GROUP;
		*quiet = c->dflt_used;
		c->dflt_used = true;
		return c->last_rule = c->dflt_rule;
	}
	return NULL;
}

void links_parse(struct scheme_ctx *c, const struct ynode *list, struct scheme *s)
{
	if (!list)
		return;
	if (list->type != Y_SEQ) {
		scheme_err(c, list->line, "“links”必须是列表，如 [{items: [\"1.2\", \"3.1\"]}]");
		return;
	}
	s->links = xcalloc((size_t)list->n + 1, sizeof *s->links);
	for (int i = 0; i < list->n; i++) {
		const struct ynode *l = list->items[i], *items = l;
		struct item_link *k = &s->links[s->nlinks++];
		k->line = l->line;
		if (l->type == Y_MAP) {
			static const char *const keys[] = {"items", "note", NULL};
			sk_keys(c, l, keys, "不重复扣分关联");
			k->note = sk_str(c, l, "note", 0, "不重复扣分关联");
			items = ytree_get(l, "items");
			if (!items) {
				scheme_err(c, l->line, "不重复扣分关联缺少“items”（考核项编号列表）");
				continue;
			}
		}
		if (items->type != Y_SEQ || items->n < 2) {
			scheme_err(c, items->line, "不重复扣分关联须列出至少两个考核项编号，如 [\"1.2\", \"3.1\"]");
			continue;
		}
		k->codes = xcalloc((size_t)items->n, sizeof *k->codes);
		k->items = xcalloc((size_t)items->n, sizeof *k->items);
		for (int j = 0; j < items->n; j++) {
			if (items->items[j]->type != Y_SCALAR)
				scheme_err(c, items->items[j]->line, "不重复扣分关联的每一项须是考核项编号");
			else
				k->codes[k->n++] = xstrdup(items->items[j]->str);
		}
	}
}

/* Checks one node's overflow: an item whose rule can exceed its points,
 * with a path of sums and deductions (no weighting, no mean) to where
 * the excess lands. */
static void check_overflow(struct scheme_ctx *c, const struct node *n)
{
	const struct rule *r = &n->rule;
	const char *where = n->overflow == OVERFLOW_PART ? "本部分" : "总分";
	if (!node_is_leaf(n)) {
		scheme_err(c, n->line, "%s：overflow 只用于考核项（有 rule 的节点）", n->code);
		return;
	}
	/* A rule that states no more than the item's points has nothing to
	 * carry over; links.c says how each rule type exceeds them. */
	bool exceeds = r->type == RULE_PER || r->type == RULE_CLAUSES || r->type == RULE_RANGE ||
		       r->type == RULE_RATE || r->type == RULE_TARGET ||
		       (r->type == RULE_CONDITIONS && r->has_cap);
	if (!exceeds)
		scheme_err(c, n->line, "%s：%s 类规则的扣分不会超出本项分值，overflow 无从%s继续扣除"
		    "（用于 per、clauses、range、rate、target，或有 cap 的 conditions）", n->code,
		    rule_type_name(r->type), where);
	if (r->extra)
		scheme_err(c, n->line, "%s：extra（扣满后追加扣分）与 overflow 不能同时使用", n->code);
	if (n->sheet_root) {
		scheme_err(c, n->line, "%s：抽查单位评分表（sheets）中的考核项不能用 overflow", n->code);
		return;
	}
	if (n->overflow == OVERFLOW_PART && n->depth < 2) {
		scheme_err(c, n->line, "%s 本身就是一个部分，overflow: part 无处可扣", n->code);
		return;
	}
	int stop = n->overflow == OVERFLOW_PART ? 1 : 0;
	for (const struct node *a = n->parent; a && a->depth >= stop; a = a->parent) {
		if (a->bonus)
			scheme_err(c, n->line, "%s：加分项中的考核项不能用 overflow", n->code);
		if (a->depth > 0 && (a->scale || (a->score != SCORE_SUM && a->score != SCORE_DEDUCT))) {
			scheme_err(c, n->line, "%s：overflow 须从本项到%s都按 sum 或 deduct 计分且不折算"
			    "（%s 按 %s 计分%s）", n->code, where, a->code, group_score_name(a->score),
			    a->scale ? "并折算" : "");
			return;
		}
	}
}

/* Resolves and checks the links: items of one sheet, each deducting, none
 * in two links. */
static void check_links(struct scheme_ctx *c, struct scheme *s)
{
	for (int i = 0; i < s->nlinks; i++) {
		struct item_link *k = &s->links[i];
		for (int j = 0; j < k->n; j++) {
			struct node *n = (struct node *)scheme_find(s, k->codes[j]);
			k->items[j] = n;
			if (n && !n->link)
				n->link = k;
			if (!n || n->depth == 0) {
				scheme_err(c, k->line, "不重复扣分关联：没有编号为“%s”的考核项", k->codes[j]);
				continue;
			}
			if (!node_is_leaf(n))
				scheme_err(c, k->line, "不重复扣分关联：%s 是分类，须关联考核项", n->code);
			else if (n->rule.type == RULE_ENTERED || n->rule.type == RULE_EARN)
				scheme_err(c, k->line, "不重复扣分关联：%s 的规则是 %s，不是扣分", n->code,
				    rule_type_name(n->rule.type));
			for (int m = 0; m < j; m++)
				if (k->items[m] == n)
					scheme_err(c, k->line, "不重复扣分关联：%s 列了两次", n->code);
			if (j > 0 && k->items[0] && n->sheet_root != k->items[0]->sheet_root)
				scheme_err(c, k->line, "不重复扣分关联：%s 与 %s 不在同一张评分表上"
				    "（其一属于抽查单位评分表）", k->items[0]->code, n->code);
			for (int o = 0; o < i; o++)
				for (int m = 0; m < s->links[o].n; m++)
					if (s->links[o].items[m] == n)
						scheme_err(c, k->line, "不重复扣分关联：%s 已在第 %d 行的关联中"
						    "（请把同一事实的考核项写在一个关联里）", n->code,
						    s->links[o].line);
		}
	}
}

void links_check(struct scheme_ctx *c, struct scheme *s)
{
	for (int i = 1; i < s->nnodes; i++) {
		const struct node *n = s->nodes[i];
		if (n->overflow)
			check_overflow(c, n);
		if (n->only_industry && n->na == NA_NONE)
			scheme_err(c, n->line, "%s：only_industry 须同时写明不适用时的处理 na"
			    "（其他行业的单位按不适用计）", n->code);
	}
	check_links(c, s);
}

void links_node_free(struct node *n)
{
	for (int i = 0; i < n->nonly_industry; i++)
		free(n->only_industry[i]);
	free(n->only_industry);
}

void links_free(struct scheme *s)
{
	for (int i = 0; i < s->nlinks; i++) {
		for (int j = 0; j < s->links[i].n; j++)
			free(s->links[i].codes[j]);
		free(s->links[i].codes);
		free(s->links[i].items);
		free(s->links[i].note);
	}
	free(s->links);
}
