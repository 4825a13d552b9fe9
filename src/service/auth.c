/* auth.c: who may do what. One table: each operation, the roles allowed
 * to do it, and the scope within which they may (doc/domain.md: the office
 * does everything; teams work on the units in their scope; industry and
 * enforcement scorers enter their own scores; an assessed unit sees its own
 * result once published; the viewer reads published results). Every
 * service operation asks here first, whatever surface called it. */
#include "service_impl.h"
#include "../storage/team.h"
#include "../storage/unit.h"

#include <stdlib.h>
#include <string.h>

#define R(r) (1u << (r))
#define STAFF (R(ROLE_OFFICE) | R(ROLE_LEADER) | R(ROLE_MEMBER))
#define SCORERS (R(ROLE_INDUSTRY) | R(ROLE_ENFORCEMENT))
#define EVERYONE ((1u << ROLE_COUNT) - 1)

/* Limits on a role beyond the role itself (the office has none). */
enum {
	ANY = 0,
	IN_TEAM = 1,        /* team leaders and members: the units in their team's scope */
	OWN_UNIT = 2,       /* an assessed unit: itself */
	PUBLISHED = 4,      /* assessed units and viewers: once the results are published */
};

static const struct {
	const char *title;
	unsigned roles;
	unsigned scope;
} ops[OP_COUNT] = {
	[OP_YEAR_INIT] = {"新建考核年度", R(ROLE_OFFICE), ANY},
	[OP_UNIT_WRITE] = {"登记和修改单位", R(ROLE_OFFICE), ANY},
	[OP_UNIT_READ] = {"查看单位", EVERYONE, ANY},
	[OP_TEAM_WRITE] = {"设置考核组", R(ROLE_OFFICE), ANY},
	[OP_TEAM_READ] = {"查看考核组", STAFF, ANY},
	[OP_SAMPLE_WRITE] = {"确定抽查对象", STAFF, IN_TEAM},
	[OP_SAMPLE_READ] = {"查看抽查对象", STAFF, ANY},
	[OP_SCORE_WRITE] = {"录入评分", STAFF | SCORERS, ANY},
	[OP_EVENT_WRITE] = {"记录事故和否决原因", R(ROLE_OFFICE), ANY},
	[OP_EVENT_READ] = {"查看事故和否决原因", STAFF, ANY},
	[OP_DAILY_WRITE] = {"记录日常考核", R(ROLE_OFFICE), ANY},
	[OP_DAILY_READ] = {"查看日常考核", STAFF, ANY},
	[OP_COMPUTE] = {"计分", R(ROLE_OFFICE), ANY},
	[OP_STATUS] = {"查看待办事项", STAFF | SCORERS, ANY},
	[OP_EXPLAIN] = {"查看评分表", STAFF | R(ROLE_UNIT) | R(ROLE_VIEWER),
		IN_TEAM | OWN_UNIT | PUBLISHED},
	[OP_RESULTS_READ] = {"查看考核结果", R(ROLE_OFFICE) | R(ROLE_VIEWER) | R(ROLE_UNIT),
		OWN_UNIT | PUBLISHED},
	[OP_DECIDE] = {"确定档次", R(ROLE_OFFICE), ANY},
	[OP_APPROVE] = {"审定和重新开放", R(ROLE_OFFICE), ANY},
	[OP_PUBLISH] = {"公布结果", R(ROLE_OFFICE), ANY},
	[OP_AUDIT_READ] = {"查看修改记录", STAFF, IN_TEAM},
	[OP_AUDIT_VERIFY] = {"校验审计记录", R(ROLE_OFFICE), ANY},
	[OP_BACKUP] = {"备份", R(ROLE_OFFICE), ANY},
	[OP_CONSENT] = {"记录市政府同意", R(ROLE_OFFICE), ANY},
	[OP_REVIEW_READ] = {"查看核实情况", STAFF, IN_TEAM},
	[OP_REVIEW_SUBMIT] = {"提交评分表核实", R(ROLE_OFFICE) | R(ROLE_LEADER), IN_TEAM},
	[OP_REVIEW_VERIFY] = {"核实评分表", R(ROLE_OFFICE), ANY},
	[OP_MATERIAL_READ] = {"查看资料", STAFF | R(ROLE_UNIT), IN_TEAM | OWN_UNIT},
	[OP_MATERIAL_WRITE] = {"上传资料", STAFF | R(ROLE_UNIT), IN_TEAM | OWN_UNIT},
	[OP_OBJECTION_FILE] = {"提出意见", R(ROLE_OFFICE) | R(ROLE_UNIT), OWN_UNIT},
	[OP_OBJECTION_READ] = {"查看意见", STAFF | R(ROLE_UNIT), IN_TEAM | OWN_UNIT},
	[OP_OBJECTION_ANSWER] = {"答复意见", R(ROLE_OFFICE), ANY},
	[OP_USER_ADMIN] = {"管理账号", R(ROLE_OFFICE), ANY},
	[OP_USER_SELF] = {"修改本人密码", EVERYONE, ANY},
	[OP_GRID_READ] = {"查看行业和行政执法评分", R(ROLE_OFFICE) | SCORERS, ANY},
};

static int forbid(struct svc *s, enum svc_op op, const char *why)
{
	if (!s->acting)
		return svc_fail(s, SVC_FORBIDDEN, NULL, "未登录，不能%s", ops[op].title);
	return svc_fail(s, SVC_FORBIDDEN, NULL, "%s（%s）不能%s%s", s->actor.name,
			role_title(s->actor.role), ops[op].title, why ? why : "");
}

/* Whether the county or department is in the acting team member's scope. */
static bool in_team(struct svc *s, const struct unit *target)
{
	if (!target || !s->actor.team)
		return false;
	char *team = team_of_unit(s->db, target->id);
	bool ok = team && strcmp(team, s->actor.team) == 0;
	free(team);
	return ok;
}

int svc_allow(struct svc *s, enum svc_op op, const struct unit *target)
{
	if (!s->acting)
		return forbid(s, op, NULL);
	enum role r = s->actor.role;
	if (!(ops[op].roles & R(r)))
		return forbid(s, op, NULL);
	if (r == ROLE_OFFICE)
		return 0;
	unsigned scope = ops[op].scope;
	bool team = r == ROLE_LEADER || r == ROLE_MEMBER;
	/* No target: a listing the caller filters per unit (svc_may). */
	if (team && (scope & IN_TEAM) && target && !in_team(s, target))
		return forbid(s, op, "（不在本考核组的考核范围内）");
	if ((r == ROLE_UNIT || r == ROLE_VIEWER) && (scope & PUBLISHED) && !db_published(s->db))
		return forbid(s, op, "（结果尚未公布）");
	if (r == ROLE_UNIT && (scope & OWN_UNIT) && target &&
	    (!s->actor.unit || strcmp(s->actor.unit, target->name) != 0))
		return forbid(s, op, "（只限本单位）");
	return 0;
}

bool svc_may(struct svc *s, enum svc_op op, const struct unit *target)
{
	if (svc_allow(s, op, target) == 0)
		return true;
	svc_error_clear(&s->err);
	return false;
}

bool svc_permits(struct svc *s, enum svc_op op, const char *unit)
{
	/* a question asked while a page shows an earlier refusal: that
	 * error is set aside and stays as it was */
	struct svc_error kept = s->err;
	memset(&s->err, 0, sizeof s->err);
	bool ok = false;
	struct unit u, owner;
	if (!unit) {
		ok = svc_may(s, op, NULL);
	} else if (unit_get(s->db, unit, &u) == 0) {
		if (svc_owner_of(s, &u, &owner) == 0) {
			ok = svc_may(s, op, &owner);
			unit_clear(&owner);
		}
		unit_clear(&u);
	}
	svc_error_clear(&s->err);
	s->err = kept;
	return ok;
}

bool svc_sees_result(struct svc *s, const struct unit *u)
{
	return svc_may(s, OP_RESULTS_READ, u);
}

int svc_allow_item(struct svc *s, const struct unit *owner, const struct node *n, bool locked)
{
	if (svc_allow(s, OP_SCORE_WRITE, NULL) != 0)
		return -1;
	enum role r = s->actor.role;
	bool entered = n->rule.type == RULE_ENTERED;
	switch (r) {
	case ROLE_OFFICE:
		return 0;
	case ROLE_LEADER:
	case ROLE_MEMBER:
		/* Teams enter what they find; scores made by other bodies are
		 * entered by those bodies (or the office). */
		if (entered && n->rule.by != BY_TEAM)
			return forbid(s, OP_SCORE_WRITE, "（这是其他单位录入的评分）");
		if (!in_team(s, owner))
			return forbid(s, OP_SCORE_WRITE, "（不在本考核组的考核范围内）");
		if (locked)
			return forbid(s, OP_SCORE_WRITE, "（评分表已提交安委办核实，已锁定；如需修改，请安委办退回）");
		return 0;
	case ROLE_ENFORCEMENT:
		if (entered && n->rule.by == BY_ENFORCEMENT)
			return 0;
		return forbid(s, OP_SCORE_WRITE, "（只能录入行政执法评分）");
	case ROLE_INDUSTRY:
		if (entered && n->rule.by == BY_INDUSTRY && s->actor.industry &&
		    strcmp(n->title, s->actor.industry) == 0)
			return 0;
		return forbid(s, OP_SCORE_WRITE, "（只能录入本行业的评分）");
	default:
		return forbid(s, OP_SCORE_WRITE, NULL);
	}
}

void svc_op_roles(enum svc_op op, struct buf *out)
{
	if ((unsigned)op >= OP_COUNT)
		return;
	int n = 0;
	for (int r = 0; r < ROLE_COUNT; r++)
		if (ops[op].roles & R(r))
			buf_printf(out, "%s%s", n++ ? "、" : "", role_title((enum role)r));
	/* the limits that apply to the roles listed, if any */
	unsigned sc = ops[op].scope;
	struct buf lim = {0};
	n = 0;
	if ((sc & IN_TEAM) && (ops[op].roles & (R(ROLE_LEADER) | R(ROLE_MEMBER))))
		buf_printf(&lim, "%s考核组限本组考核范围", n++ ? "；" : "");
	if ((sc & OWN_UNIT) && (ops[op].roles & R(ROLE_UNIT)))
		buf_printf(&lim, "%s被考核单位限本单位", n++ ? "；" : "");
	if ((sc & PUBLISHED) && (ops[op].roles & (R(ROLE_UNIT) | R(ROLE_VIEWER))))
		buf_printf(&lim, "%s公布之后", n++ ? "；" : "");
	if (n)
		buf_printf(out, "（%s）", buf_str(&lim));
	buf_free(&lim);
}
