/* draft_forms.h: the draft's readings of the rules that take several
 * figures (internal to draft_rule.c). */
#ifndef KAOHE_DRAFT_FORMS_H
#define KAOHE_DRAFT_FORMS_H

#include "draft.h"

/* Reads s as a rate ("培训覆盖率达到100%得满分，每降低1个百分点扣0.5分") into
 * out->rule: 1 when the reading is certain, else 0 (out untouched). */
int draft_rate(const char *s, struct draft_reading *out);

/* Reads s as an item counted from the accident register, in the two ways
 * rubrics say it: "每发生1起一般事故扣5分[，最高扣20分]" (any grade word or
 * none, 较大及以上 for that grade or worse) and "发生[死亡]事故的，本项不得分"
 * (points: the item's, needed for 不得分). 1 when certain, else 0. */
int draft_accidents(const char *s, points_t points, struct draft_reading *out);

/* Appends the keys of a range, rate or accidents rule after its type
 * (flow YAML). */
void draft_forms_yaml(const struct rule *r, struct buf *out);

#endif
