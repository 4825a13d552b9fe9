/* accounts.c: the people who sign in: adding, listing, disabling, and
 * passwords (argon2id, libsodium). */
#include "service_impl.h"
#include "../storage/account.h"
#include "../storage/team.h"
#include "../storage/unit.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define PASSWORD_MIN 8
#define PASSWORD_MAX 128

static int check_password(struct svc *s, const char *p)
{
	size_t n = p ? strlen(p) : 0;
	int chars = p ? utf8_chars(p) : 0;
	if (n > PASSWORD_MAX || chars < 0)
		return svc_fail(s, SVC_INVALID, "password", "密码最多 %d 个字节，且须是有效的文字", PASSWORD_MAX);
	/* characters, as the message says (and the web form's minlength) */
	if (chars < PASSWORD_MIN)
		return svc_fail(s, SVC_INVALID, "password", "密码至少 %d 个字符", PASSWORD_MIN);
	return 0;
}

static int hash_password(struct svc *s, const char *p, char out[crypto_pwhash_STRBYTES])
{
	if (crypto_pwhash_str(out, p, strlen(p), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return svc_fail(s, SVC_FAILED, NULL, "计算密码摘要失败（内存不足？）");
	return 0;
}

/* The scope an account's role needs, checked against the year: a team
 * for leaders and members, an industry scorer's industry (an entered
 * score of the county scheme whose title is the industry), a unit for an
 * assessed unit. */
static int check_scope(struct svc *s, const struct account *a)
{
	bool team = a->role == ROLE_LEADER || a->role == ROLE_MEMBER;
	bool industry = a->role == ROLE_INDUSTRY, unit = a->role == ROLE_UNIT;
	if (team != (a->team != NULL))
		return svc_fail(s, SVC_INVALID, "team", team ? "考核组组长和成员须写明所在考核组"
				: "只有考核组组长和成员写考核组");
	if (industry != (a->industry != NULL))
		return svc_fail(s, SVC_INVALID, "industry", industry ? "行业评分账号须写明行业"
				: "只有行业评分账号写行业");
	if (unit != (a->unit != NULL))
		return svc_fail(s, SVC_INVALID, "unit", unit ? "被考核单位账号须写明单位" : "只有被考核单位账号写单位");
	if (team && !team_id(s->db, a->team))
		return svc_fail_db(s);
	if (unit) {
		struct unit u;
		if (unit_get(s->db, a->unit, &u) != 0)
			return svc_fail_db(s);
		bool ok = unit_kind_assessed(u.kind);
		unit_clear(&u);
		if (!ok)
			return svc_fail(s, SVC_INVALID, "unit", "被考核单位账号须是县区或市直部门");
	}
	if (industry) {
		const struct scheme *sc = svc_scheme(s, KIND_COUNTY);
		if (!sc)
			return -1;
		struct buf known = {0};
		bool found = false;
		for (int i = 0; i < sc->nnodes; i++) {
			const struct node *n = sc->nodes[i];
			if (n->rule.type != RULE_ENTERED || n->rule.by != BY_INDUSTRY)
				continue;
			found |= strcmp(n->title, a->industry) == 0;
			buf_printf(&known, "%s%s", known.len ? "、" : "", n->title);
		}
		if (!found)
			svc_fail(s, SVC_INVALID, "industry", "方案中没有行业“%s”的评分（可用：%s）", a->industry,
				 buf_str(&known));
		buf_free(&known);
		if (!found)
			return -1;
	}
	return 0;
}

int svc_user_add(struct svc *s, const struct account *a, const char *password)
{
	if (svc_allow(s, OP_USER_ADMIN, NULL) != 0)
		return -1;
	if ((unsigned)a->role >= ROLE_COUNT) {
		struct buf w = {0};
		role_words(&w);
		svc_fail(s, SVC_INVALID, "role", "未知的角色（%s）", buf_str(&w));
		buf_free(&w);
		return -1;
	}
	if (svc_text(s, "name", "账号", a->name, UNIT_WORD_MAX, false, true) != 0 ||
	    svc_text(s, "industry", "行业", a->industry, UNIT_WORD_MAX, false, false) != 0 ||
	    svc_text(s, "unit", "单位", a->unit, UNIT_NAME_MAX, false, false) != 0 ||
	    svc_text(s, "team", "考核组", a->team, UNIT_NAME_MAX, false, false) != 0 ||
	    check_password(s, password) != 0)
		return -1;
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(s, password, hash) != 0 || svc_begin_any(s) != 0)
		return -1;
	int rc = check_scope(s, a);
	if (rc == 0)
		rc = account_insert(s->db, a, hash) == 0 ? 0 : svc_fail_db(s);
	return svc_end(s, rc);
}

int svc_user_list(struct svc *s, struct account **out, int *n)
{
	if (svc_allow(s, OP_USER_ADMIN, NULL) != 0)
		return -1;
	return account_list(s->db, out, n) == 0 ? 0 : svc_fail_db(s);
}

int svc_user_disable(struct svc *s, const char *name, bool disabled, const char *reason)
{
	if (svc_allow(s, OP_USER_ADMIN, NULL) != 0 ||
	    svc_text(s, "reason", "原因", reason, TEXT_NOTE_MAX, true, false) != 0 || svc_begin_any(s) != 0)
		return -1;
	int rc = account_set_disabled(s->db, name, disabled, reason) == 0 ? 0 : svc_fail_db(s);
	return svc_end(s, rc);
}

int svc_user_passwd(struct svc *s, const char *name, const char *old, const char *password)
{
	bool self = s->acting && !s->local && strcmp(s->actor.name, name) == 0;
	if (svc_allow(s, self ? OP_USER_SELF : OP_USER_ADMIN, NULL) != 0 || check_password(s, password) != 0)
		return -1;
	if (self) {
		struct account a;
		char *hash = NULL;
		if (account_get(s->db, name, &a, &hash) != 0)
			return svc_fail_db(s);
		int ok = old && crypto_pwhash_str_verify(hash, old, strlen(old)) == 0;
		free(hash);
		account_clear(&a);
		if (!ok)
			return svc_fail(s, SVC_FORBIDDEN, "old", "原密码不正确");
	}
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(s, password, hash) != 0 || svc_begin_any(s) != 0)
		return -1;
	return svc_end(s, account_set_password(s->db, name, hash) == 0 ? 0 : svc_fail_db(s));
}

bool svc_has_accounts(struct svc *s)
{
	/* asked before anyone signs in: whether there is anyone to sign in as */
	struct account *a;
	int n = 0;
	if (account_list(s->db, &a, &n) != 0) {
		svc_fail_db(s);
		return true;
	}
	account_list_free(a, n);
	return n > 0;
}
