/* unit_rules.c: unit kinds, statuses and the check of a unit record. */
#include "unit_rules.h"
#include "numtext.h"

#include <stdlib.h>
#include <string.h>

static const char *const kinds[KIND_COUNT][2] = {
	{"county", "县区"}, {"department", "市直部门"}, {"town", "乡镇"},
	{"county-department", "县区部门"}, {"enterprise", "企业"},
};
static const char *const statuses[STATUS_COUNT][2] = {
	{"assessed", "市考核"}, {"provincial", "省考核"}, {"excluded", "不考核"},
};

static const char *const team_roles[TEAM_ROLES][2] = {
	{"leader", "组长"}, {"deputy", "副组长"}, {"member", "组员"}, {"contact", "联系人"},
};

const char *team_role_name(int r) { return (unsigned)r < TEAM_ROLES ? team_roles[r][0] : ""; }
const char *team_role_title(int r) { return (unsigned)r < TEAM_ROLES ? team_roles[r][1] : ""; }

int team_role_parse(const char *s)
{
	for (int i = 0; s && i < TEAM_ROLES; i++)
		if (strcmp(s, team_roles[i][0]) == 0 || strcmp(s, team_roles[i][1]) == 0)
			return i;
	return -1;
}

const char *unit_kind_name(enum unit_kind k)
{
	return (unsigned)k < KIND_COUNT ? kinds[k][0] : unit_kind_extra_name((int)k);
}
const char *unit_kind_title(enum unit_kind k)
{
	return (unsigned)k < KIND_COUNT ? kinds[k][1] : unit_kind_extra_title((int)k);
}
const char *unit_status_name(enum unit_status s) { return (unsigned)s < STATUS_COUNT ? statuses[s][0] : ""; }
const char *unit_status_title(enum unit_status s) { return (unsigned)s < STATUS_COUNT ? statuses[s][1] : ""; }

int unit_kind_parse(const char *s)
{
	for (int i = 0; s && i < KIND_COUNT; i++)
		if (strcmp(s, kinds[i][0]) == 0 || strcmp(s, kinds[i][1]) == 0)
			return i;
	return unit_kind_extra_parse(s);
}

int unit_status_parse(const char *s)
{
	for (int i = 0; s && i < STATUS_COUNT; i++)
		if (strcmp(s, statuses[i][0]) == 0 || strcmp(s, statuses[i][1]) == 0)
			return i;
	return -1;
}

const char *unit_kind_scheme(enum unit_kind k)
{
	return k == KIND_COUNTY ? "county" : k == KIND_DEPARTMENT ? "department"
		: k >= KIND_COUNT ? unit_kind_extra_name((int)k) : NULL;
}

enum sample_kind unit_kind_sample(enum unit_kind k)
{
	switch (k) {
	case KIND_TOWN: return SAMPLE_TOWN;
	case KIND_COUNTY_DEPARTMENT: return SAMPLE_COUNTY_DEPARTMENT;
	case KIND_ENTERPRISE: return SAMPLE_ENTERPRISE;
	default: return SAMPLE_NONE;
	}
}

void unit_clear(struct unit *u)
{
	free(u->name);
	free(u->parent);
	free(u->industry);
	free(u->applied_grade);
	memset(u, 0, sizeof *u);
	u->provincial_grade = GRADE_NONE;
}

void unit_list_free(struct unit *u, int n)
{
	for (int i = 0; i < n; i++)
		unit_clear(&u[i]);
	free(u);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void unit_copy(struct unit *dst, const struct unit *src)
{
	*dst = *src;
	dst->name = dup_or_null(src->name);
	dst->parent = dup_or_null(src->parent);
	dst->industry = dup_or_null(src->industry);
	dst->applied_grade = dup_or_null(src->applied_grade);
}

int text_check(const char *s, const char *label, int max, bool multiline, bool required,
	       struct buf *why)
{
	if (!s || !*s) {
		if (required) {
			buf_printf(why, "%s不能为空", label);
			return -1;
		}
		return 0;
	}
	int n = utf8_chars(s);
	if (n < 0) {
		buf_printf(why, "%s含有无效的文字编码（须是 UTF-8）", label);
		return -1;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n' && multiline)
			continue;
		/* C0, DEL and C1 (U+0080–U+009F, UTF-8 C2 80–C2 9F: NEL among them) */
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) {
			buf_printf(why, "%s含有控制字符%s", label, *p == '\n' ? "（不能换行）" : "");
			return -1;
		}
		/* the marks that turn text around (U+200E, U+200F, U+202A–U+202E,
		 * U+2066–U+2069, U+061C): a name could read otherwise than it
		 * sorts and compares */
		bool bidi = (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x8E || p[2] == 0x8F ||
							      (p[2] >= 0xAA && p[2] <= 0xAE))) ||
			    (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) ||
			    (p[0] == 0xD8 && p[1] == 0x9C);
		if (bidi) {
			buf_printf(why, "%s含有改变文字方向的控制字符", label);
			return -1;
		}
	}
	if (n > max) {
		buf_printf(why, "%s过长：%d 个字，最多 %d 个字", label, n, max);
		return -1;
	}
	return 0;
}

void text_trim(char *s)
{
	size_t n = strlen(s), a = 0;
	for (;;) {
		if (s[a] == ' ' || s[a] == '\t')
			a++;
		else if (strncmp(s + a, "　", 3) == 0)
			a += 3;
		else
			break;
	}
	while (n > a) {
		if (s[n - 1] == ' ' || s[n - 1] == '\t')
			n--;
		else if (n - a >= 3 && strncmp(s + n - 3, "　", 3) == 0)
			n -= 3;
		else
			break;
	}
	memmove(s, s + a, n - a);
	s[n - a] = '\0';
}

int unit_order_parse(const char *text, int *out, struct buf *why)
{
	long long v;
	if (numtext_count(text ? text : "", &v) != 0 || v < 1 || v > UNIT_ORDER_MAX) {
		buf_printf(why, "顺序须是 1 到 %d 之间的整数，不能是 %s", UNIT_ORDER_MAX, text ? text : "");
		return -1;
	}
	*out = (int)v;
	return 0;
}

int unit_check(const struct unit *u, int parent_kind, points_t max_total, struct buf *why,
	       const char **field)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	*field = "name";
	if (text_check(u->name, "单位名称", UNIT_NAME_MAX, false, true, why) != 0)
		return -1;
	/* names stand in paths: of the web's pages, of the files in a ZIP */
	if (strpbrk(u->name, "/\\")) {
		buf_printf(why, "单位名称“%s”不能含有 / 或 \\", u->name);
		return -1;
	}
	*field = "kind";
	if ((unsigned)u->kind >= KIND_COUNT && !*unit_kind_extra_name((int)u->kind)) {
		buf_puts(why, "未知的单位类型（县区、市直部门、乡镇、县区部门、企业）");
		return -1;
	}
	*field = "industry";
	if (text_check(u->industry, "行业", UNIT_WORD_MAX, false, false, why) != 0)
		return -1;
	*field = "parent";
	bool top = unit_kind_assessed(u->kind);
	if (top && parent_kind >= 0) {
		buf_printf(why, "%s没有上级单位", unit_kind_title(u->kind));
		return -1;
	}
	if (!top && parent_kind < 0) {
		buf_printf(why, "%s须写明上级单位（所在县区%s）", unit_kind_title(u->kind),
			   u->kind == KIND_ENTERPRISE ? "或主管部门" : "");
		return -1;
	}
	if (!top && parent_kind != KIND_COUNTY &&
	    !(u->kind == KIND_ENTERPRISE && parent_kind == KIND_DEPARTMENT)) {
		buf_printf(why, "%s的上级须是县区%s，“%s”是%s", unit_kind_title(u->kind),
			   u->kind == KIND_ENTERPRISE ? "或市直部门" : "", u->parent ? u->parent : "",
			   unit_kind_title((enum unit_kind)parent_kind));
		return -1;
	}
	*field = "status";
	if ((unsigned)u->status >= STATUS_COUNT) {
		buf_puts(why, "未知的考核状态（市考核、省考核、不考核）");
		return -1;
	}
	if (u->status != STATUS_ASSESSED && !top) {
		buf_puts(why, "只有县区、市直部门等被考核单位有考核状态");
		return -1;
	}
	*field = "provincial_total";
	if ((u->has_provincial_total || u->provincial_grade != GRADE_NONE) &&
	    u->status != STATUS_PROVINCIAL) {
		buf_printf(why, "“%s”不是省考核单位，不能录入省考核结果", u->name);
		return -1;
	}
	if (u->has_provincial_total && (u->provincial_total < 0 || u->provincial_total > max_total)) {
		buf_printf(why, "省考核得分 %s 超出范围（0 到 %s 分）", points_fmt(u->provincial_total, b1),
			   points_fmt(max_total, b2));
		return -1;
	}
	*field = NULL;
	return 0;
}

enum unit_sheet unit_sheet_of(const struct unit *u, struct buf *why)
{
	if (!unit_kind_assessed(u->kind)) {
		buf_printf(why, "“%s”是%s，其评分表是“%s”评分表的一部分", u->name, unit_kind_title(u->kind),
			   u->parent ? u->parent : "所在县区");
		return UNIT_SHEET_PART;
	}
	if (u->status != STATUS_ASSESSED) {
		buf_printf(why, "“%s”%s，没有逐项评分表%s", u->name,
			   u->status == STATUS_PROVINCIAL ? "由省考核组考核" : "本年度不参加考核",
			   u->status == STATUS_PROVINCIAL ? "（录入省考核结果即可）" : "");
		return UNIT_SHEET_NONE;
	}
	return UNIT_SHEET_OWN;
}
