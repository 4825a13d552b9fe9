/* records.c: the audit log and copies of the database. */
#include "service_impl.h"
#include "../storage/audit.h"
#include "../storage/unit.h"

#include <stdlib.h>

int svc_audit(struct svc *s, const char *unit, struct audit_row **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (s->acting && s->actor.role != ROLE_OFFICE) {
		/* A team reads the history of the units in its scope. */
		struct unit u, owner;
		if (!unit)
			return svc_fail(s, SVC_FORBIDDEN, "unit", "%s（%s）只能查看本考核组考核范围内单位的修改记录",
					s->actor.name, role_title(s->actor.role));
		if (unit_get(s->db, unit, &u) != 0)
			return svc_fail_db(s);
		int rc = svc_owner_of(s, &u, &owner);
		if (rc == 0) {
			rc = svc_allow(s, OP_AUDIT_READ, &owner);
			unit_clear(&owner);
		}
		unit_clear(&u);
		if (rc != 0)
			return -1;
	} else if (svc_allow(s, OP_AUDIT_READ, NULL) != 0) {
		return -1;
	}
	if (audit_list(s->db, unit, out, n) != 0)
		return svc_fail_db(s);
	/* A name with no record at all is likely a typo: say so. */
	if (unit && *n == 0) {
		struct unit u;
		if (unit_get(s->db, unit, &u) != 0)
			return svc_fail_db(s);
		unit_clear(&u);
	}
	return 0;
}

int svc_audit_verify(struct svc *s, long long *rows, char head[65])
{
	if (svc_allow(s, OP_AUDIT_VERIFY, NULL) != 0)
		return -1;
	*rows = audit_verify(s->db, head);
	if (*rows < 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "审计记录校验失败：%s", db_error(s->db));
	return 0;
}

int svc_backup(struct svc *s, const char *path, bool force)
{
	if (svc_allow(s, OP_BACKUP, NULL) != 0)
		return -1;
	if (db_backup(s->db, path, force) == 0)
		return 0;
	svc_fail_db(s);
	if (s->err.code == SVC_CONFLICT)     /* the file exists */
		s->err.next = SVC_NEXT_OVERWRITE;
	return -1;
}
