/* draft_forms.h: the draft's readings of the rules that take several
 * figures (internal to draft_rule.c). */
#ifndef KAOHE_DRAFT_FORMS_H
#define KAOHE_DRAFT_FORMS_H

#include "draft.h"

/* Reads s as a rate ("培训覆盖率达到100%得满分，每降低1个百分点扣0.5分") into
 * out->rule: 1 when the reading is certain, else 0 (out untouched). */
int draft_rate(const char *s, struct draft_reading *out);

/* Appends the keys of a range or rate rule after its type (flow YAML). */
void draft_forms_yaml(const struct rule *r, struct buf *out);

#endif
