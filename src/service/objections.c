/* objections.c: an assessed unit's objections (意见和建议) to its published
 * result, and the office's answers. */
#include "service_impl.h"
#include "../storage/objection.h"
#include "../storage/unit.h"

#include <stdlib.h>
#include <string.h>

/* An objection is a letter more than a note. */
#define OBJECTION_MAX 2000

long long svc_objection_file(struct svc *s, const char *unit, const char *code, const char *text)
{
	struct unit u;
	if (unit_get(s->db, unit, &u) != 0)
		return svc_fail_db(s);
	long long id = -1;
	if (svc_allow(s, OP_OBJECTION_FILE, &u) != 0 ||
	    svc_text(s, "text", "意见", text, OBJECTION_MAX, true, true) != 0)
		goto out;
	if (!unit_kind_assessed(u.kind)) {
		svc_fail(s, SVC_INVALID, "unit", "只有县区和市直部门对考核结果提意见，“%s”是%s", u.name,
			 unit_kind_title(u.kind));
		goto out;
	}
	if (!svc_published(s)) {
		svc_fail(s, SVC_CONFLICT, NULL, "%d 年度的考核结果尚未公布，公布后才能对结果提意见",
			 svc_year(s));
		goto out;
	}
	if (code && *code) {
		const struct scheme *sc = svc_scheme(s, u.kind);
		if (!sc)
			goto out;
		if (!scheme_find(sc, code)) {
			svc_fail(s, SVC_INVALID, "code", "%s 中没有编号为 %s 的考核项", sc->title, code);
			goto out;
		}
	}
	if (svc_begin_any(s) != 0)
		goto out;
	id = objection_add(s->db, &u, code && *code ? code : NULL, text);
	if (svc_end(s, id > 0 ? 0 : svc_fail_db(s)) != 0)
		id = -1;
out:
	unit_clear(&u);
	return id;
}

int svc_objection_list(struct svc *s, const char *unit, struct objection **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct unit u = {0};
	if (unit && unit_get(s->db, unit, &u) != 0)
		return svc_fail_db(s);
	int rc = svc_allow(s, OP_OBJECTION_READ, unit ? &u : NULL);
	if (rc == 0)
		rc = objection_list(s->db, unit ? u.id : 0, out, n) == 0 ? 0 : svc_fail_db(s);
	unit_clear(&u);
	if (rc != 0 || unit)
		return rc;
	/* Every unit: only those the acting user may see. */
	int k = 0;
	for (int i = 0; i < *n; i++) {
		struct unit o;
		bool keep = unit_get(s->db, (*out)[i].unit, &o) == 0;
		if (keep) {
			keep = svc_may(s, OP_OBJECTION_READ, &o);
			unit_clear(&o);
		}
		if (keep)
			(*out)[k++] = (*out)[i];
		else
			objection_clear(&(*out)[i]);
	}
	*n = k;
	return 0;
}

int svc_objection_answer(struct svc *s, long long id, const char *answer)
{
	if (svc_allow(s, OP_OBJECTION_ANSWER, NULL) != 0 ||
	    svc_text(s, "answer", "答复", answer, OBJECTION_MAX, true, true) != 0 || svc_begin_any(s) != 0)
		return -1;
	return svc_end(s, objection_answer(s->db, id, answer) == 0 ? 0 : svc_fail_db(s));
}
