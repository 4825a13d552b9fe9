/* scheme_links.h: the scheme language's defaults, links and overflow
 * (doc/scheme-language.md, "Defaults, links and overflow"): a group's
 * `defaults` inherited by its rows, `rule: same` (同上), `only_industry`,
 * `overflow`, and the scheme's `links` (不重复扣分). Internal to the
 * scheme reader (scheme_node.c, scheme_parse.c); the engine's side is
 * links.h. */
#ifndef KAOHE_SCHEME_LINKS_H
#define KAOHE_SCHEME_LINKS_H

#include "scheme_check.h"

struct ynode;

/* Reads a node's own keys of this file (overflow, only_industry). */
void links_parse_node(struct scheme_ctx *c, const struct ynode *y, struct node *n);

/* Before a group's rows: takes the group's `defaults` (if any) into c,
 * saving what was in force into *save. After them: restores it, and
 * reports a default rule no row used. */
void defaults_enter(struct scheme_ctx *c, const struct ynode *y, const struct node *n,
		    struct scheme_ctx *save);
void defaults_leave(struct scheme_ctx *c, const struct ynode *y, const struct node *n,
		    const struct scheme_ctx *save);

/* The YAML rule a leaf is read from: its own `rule`; `rule: same` (同上)
 * the previous row's; none, the nearest group's `defaults.rule`. Sets
 * n->rule_inherited and, where the rule was read before for another row,
 * *quiet (its problems were reported there). Also gives a row without
 * `na` the default `na`. NULL if the leaf has no rule at all. */
const struct ynode *defaults_rule(struct scheme_ctx *c, const struct ynode *y, struct node *n,
				  bool *quiet);
/* Called by scheme_parse_children before each row: the previous row's rule. */
void defaults_next_row(struct scheme_ctx *c, const struct ynode *prev_item);

/* The scheme's `links:` list (不重复扣分). */
void links_parse(struct scheme_ctx *c, const struct ynode *list, struct scheme *s);
/* The checks that need the whole tree (after scheme_check): links name
 * items of one sheet, overflow has somewhere to go, only_industry has na. */
void links_check(struct scheme_ctx *c, struct scheme *s);

/* Frees what this file added to a node and to the scheme. */
void links_node_free(struct node *n);
void links_free(struct scheme *s);

#endif
