/* page_admin.c: the office's page of the year and the accounts (年度与账号):
 * the current year (its title, schemes, assessment window, approval, the
 * city government's consent, publication) and every year in the file; a
 * new year carried over from an earlier one or made from the built-in
 * 2016 template; the accounts: listed, added, disabled or enabled, and a
 * password reset by the office (the account's web sessions end at once).
 * Units and teams are on their own page (page_units.c). */
#include "../core/date.h"
#include "../core/period.h"
#include "layout.h"
#include "pages.h"
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- forms refused and shown again ---- */

/* s, or NULL if it is empty (a select left at its empty choice). */
static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* ---- the year ---- */

static void scheme_row(struct req *r, struct buf *b, const char *label, enum unit_kind kind)
{
	const struct scheme *sc = svc_scheme(r->svc, kind);
	if (sc)
		h(b, "<tr><th scope=\"row\">%s</th><td>%s（%s，满分 %P 分）</td></tr>", label, sc->title, sc->name,
		  scheme_year_points(sc));
	else
		h(b, "<tr><th scope=\"row\">%s</th><td class=\"missing\">未能读取：%s</td></tr>", label,
		  svc_err(r->svc)->message);
}

/* What the current year records about itself. */
static void year_table(struct req *r, struct buf *b, const struct svc_year_info *y)
{
	h(b, "<table class=\"grid\"><tbody>");
	h(b, "<tr><th scope=\"row\">年度</th><td>%d 年度：%s", y->year, y->title);
	if (y->template_name && *y->template_name)
		h(b, "（模板 %s）", y->template_name);
	h(b, "</td></tr>");
	scheme_row(r, b, "县区方案", KIND_COUNTY);
	scheme_row(r, b, "市直部门方案", KIND_DEPARTMENT);
	/* the schemes added for other kinds (kaohe scheme add) */
	enum unit_kind *kinds = NULL;
	int nk = 0;
	if (svc_kinds(r->svc, &kinds, &nk) == 0)
		for (int k = 2; k < nk; k++) {
			struct buf label = {0};
			buf_printf(&label, "%s方案", unit_kind_title(kinds[k]));
			scheme_row(r, b, buf_str(&label), kinds[k]);
			buf_free(&label);
		}
	free(kinds);
	if (y->window_from)
		h(b, "<tr><th scope=\"row\">考核时间</th><td>%D 至 %D</td></tr>", y->window_from, y->window_to);
	else
		h(b, "<tr><th scope=\"row\">考核时间</th><td>方案未规定</td></tr>");
	h(b, "<tr><th scope=\"row\">审定</th><td>%s</td></tr>",
	  y->approved ? "已审定（本年度的记录已锁定）" : "未审定");
	if (y->consent_date)
		h(b, "<tr><th scope=\"row\">市政府同意</th><td>%D，%s</td></tr>", y->consent_date,
		  y->consent_ref ? y->consent_ref : "");
	else
		h(b, "<tr><th scope=\"row\">市政府同意</th><td>尚未记录</td></tr>");
	h(b, "<tr><th scope=\"row\">公布</th><td>%s</td></tr>", y->published ? "已公布" : "未公布");
	if (y->objection_from)
		h(b, "<tr><th scope=\"row\">意见期限</th><td>%D 至 %D</td></tr>", y->objection_from, y->objection_to);
	h(b, "</tbody></table>");
}

/* Every year in the file, each with a button to work on it. */
static void year_list(struct req *r, struct buf *b, const struct svc_year_info *y)
{
	h(b, "<table class=\"grid\"><thead><tr><th>文件中的年度</th><th></th></tr></thead><tbody>");
	for (int i = y->nyears - 1; i >= 0; i--) {
		h(b, "<tr><td>%d 年度</td><td>", y->years[i]);
		if (y->years[i] == y->year) {
			h(b, "当前年度");
		} else {
			h(b, "<form method=\"post\" action=\"/year\" class=\"inline\">");
			form_csrf(r, b);
			h(b, "<input type=\"hidden\" name=\"year\" value=\"%d\"><button type=\"submit\">切换到 %d 年度</button></form>",
			  y->years[i], y->years[i]);
		}
		h(b, "</td></tr>");
	}
	h(b, "</tbody></table>");
}

/* The forms for a new year: carried over from one in the file, or from
 * the built-in template. */
static void new_year_forms(struct req *r, struct buf *b, const struct svc_year_info *y, bool has_year)
{
	static const char *const carry_fields[] = {"year", "from", NULL};
	static const char *const template_fields[] = {"year", "template", NULL};
	int latest = 0;
	for (int i = 0; i < y->nyears; i++)
		if (y->years[i] > latest)
			latest = y->years[i];
	char next[16];
	snprintf(next, sizeof next, "%d", latest ? latest + 1 : 2016);
	if (has_year) {
		h(b, "<h3 id=\"carry\">新建下一年度</h3><form method=\"post\" action=\"/admin/year/carry#carry\" class=\"stack\">");
		form_csrf(r, b);
		form_error_other(r, b, "/admin/year/carry", NULL, NULL, carry_fields);
		h(b, "<label>新年度<input name=\"year\" type=\"number\" min=\"" KAOHE_STR(YEAR_MIN) "\" max=\"" KAOHE_STR(YEAR_MAX) "\" required value=\"%s\"></label>",
		  form_value_of(r, "/admin/year/carry", NULL, NULL, "year", next));
		form_error_of(r, b, "/admin/year/carry", NULL, NULL, "year");
		const char *from = form_value_of(r, "/admin/year/carry", NULL, NULL, "from", NULL);
		h(b, "<label>沿用哪一年度的设置<select name=\"from\">");
		for (int i = y->nyears - 1; i >= 0; i--) {
			char v[16];
			snprintf(v, sizeof v, "%d", y->years[i]);
			bool sel = from ? strcmp(from, v) == 0 : y->years[i] == y->year;
			h(b, "<option value=\"%d\"%S>%d 年度</option>", y->years[i], sel ? " selected" : "", y->years[i]);
		}
		h(b, "</select></label>");
		form_error_of(r, b, "/admin/year/carry", NULL, NULL, "from");
		h(b, "<p class=\"hint\">沿用该年度的考核方案、单位（省考核的恢复为市考核，不带省考核结果）、考核组及其成员和考核范围、"
		     "行业监管部门、日常考核任务（日期顺延一年）和扣分标准；不沿用评分、抽查、事故、否决、结果、"
		     "档次和审定、公布状态。新建后即转到新年度。</p>"
		     "<button type=\"submit\">新建下一年度</button></form>");
	}
	h(b, "<h3 id=\"template\">按内置模板新建年度</h3><form method=\"post\" action=\"/admin/year/template#template\" class=\"stack\">");
	form_csrf(r, b);
	form_error_other(r, b, "/admin/year/template", NULL, NULL, template_fields);
	h(b, "<label>年度<input name=\"year\" type=\"number\" min=\"" KAOHE_STR(YEAR_MIN) "\" max=\"" KAOHE_STR(YEAR_MAX) "\" required value=\"%s\"></label>",
	  form_value_of(r, "/admin/year/template", NULL, NULL, "year", next));
	form_error_of(r, b, "/admin/year/template", NULL, NULL, "year");
	h(b, "<label>模板<select name=\"template\"><option value=\"qhd-2016\">秦皇岛市 2016 年度方案（县区、市直部门，内置）"
	     "</option></select></label>");
	form_error_of(r, b, "/admin/year/template", NULL, NULL, "template");
	h(b, "<p class=\"hint\">新年度只有两套内置方案及其考核时间、抽查规模、行业监管部门和日常考核项目，"
	     "没有单位、考核组和评分；单位和考核组须在<a href=\"/units\">单位</a>和<a href=\"/teams\">考核组</a>页登记。</p>"
	     "<button type=\"submit\">新建年度</button></form>");
}

/* ---- accounts ---- */

/* The scope of an account in words. */
static void scope_cell(struct buf *b, const struct account *a)
{
	if (a->team)
		h(b, "考核组：%s", a->team);
	else if (a->industry)
		h(b, "行业：%s", a->industry);
	else if (a->unit)
		h(b, "单位：%s", a->unit);
	else
		h(b, "—");
}

/* Every account, with a link to disable it or reset its password. */
static void account_table(struct buf *b, const struct account *acc, int n)
{
	if (!n) {
		h(b, "<p>还没有账号。</p>");
		return;
	}
	h(b, "<table class=\"grid\"><thead><tr><th>账号</th><th>角色</th><th>范围</th><th>状态</th><th>建立日期</th>"
	     "<th></th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct account *a = &acc[i];
		h(b, "<tr><td>%s</td><td>%s</td><td>", a->name, role_title(a->role));
		scope_cell(b, a);
		h(b, "</td><td>%S</td><td>%D</td><td><a href=\"/admin/user?name=%U\">停用、重置密码</a></td></tr>",
		  a->disabled ? "<strong>已停用</strong>" : "正常", a->created_at, a->name);
	}
	h(b, "</tbody></table>");
}

/* A <select> of names with an empty first choice. */
static void name_select(struct buf *b, const char *field, const char *label, const char *chosen,
			char *const *names, int n, const char *none)
{
	h(b, "<label>%s<select name=\"%s\"><option value=\"\">%s</option>", label, field, none);
	for (int i = 0; i < n; i++)
		h(b, "<option value=\"%s\"%S>%s</option>", names[i], chosen && strcmp(chosen, names[i]) == 0 ? " selected" : "",
		  names[i]);
	h(b, "</select></label>");
}

/* Appends a copy of s to a list of names. */
static void push_name(char ***names, int *n, const char *s)
{
	*names = xrealloc(*names, (size_t)(*n + 1) * sizeof **names);
	(*names)[(*n)++] = xstrdup(s);
}

/* Frees a list of names. */
static void free_names(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The form to add an account: its name, role, scope (the year's teams,
 * the county scheme's industry scores, counties and departments) and
 * an initial password typed twice. */
static void add_account_form(struct req *r, struct buf *b)
{
	static const char *const P = "/admin/users";
	static const char *const fields[] = {"name", "role", "team", "industry", "unit", "password", "again", NULL};
	h(b, "<h3 id=\"add-account\">添加账号</h3><form method=\"post\" action=\"/admin/users#add-account\" class=\"stack\">");
	form_csrf(r, b);
	form_error_other(r, b, P, NULL, NULL, fields);
	h(b, "<label>账号（姓名或单位名称）<input name=\"name\" required maxlength=\"" KAOHE_STR(UNIT_WORD_MAX) "\" autocomplete=\"off\" value=\"%s\"></label>",
	  form_value_of(r, P, NULL, NULL, "name", ""));
	form_error_of(r, b, P, NULL, NULL, "name");
	const char *role = form_value_of(r, P, NULL, NULL, "role", "member");
	h(b, "<label>角色<select name=\"role\">");
	for (int i = 0; i < ROLE_COUNT; i++)
		h(b, "<option value=\"%s\"%S>%s</option>", role_name((enum role)i),
		  strcmp(role, role_name((enum role)i)) == 0 ? " selected" : "", role_title((enum role)i));
	h(b, "</select></label>");
	form_error_of(r, b, P, NULL, NULL, "role");
	h(b, "<p class=\"hint\">考核组组长和成员选所在考核组；行业评分选行业；被考核单位选单位；其他角色三项都不选。</p>");
	/* the choices the year offers */
	char **names = NULL;
	int n = 0;
	struct team *teams;
	int nteams;
	if (svc_team_list(r->svc, &teams, &nteams) == 0) {
		for (int i = 0; i < nteams; i++)
			push_name(&names, &n, teams[i].name);
		team_list_free(teams, nteams);
	}
	name_select(b, "team", "考核组", form_value_of(r, P, NULL, NULL, "team", ""), names, n, "（不是考核组账号）");
	form_error_of(r, b, P, NULL, NULL, "team");
	free_names(names, n);
	names = NULL;
	n = 0;
	const struct scheme *sc = svc_scheme(r->svc, KIND_COUNTY);
	for (int i = 0; sc && i < sc->nnodes; i++)
		if (sc->nodes[i]->rule.type == RULE_ENTERED && sc->nodes[i]->rule.by == BY_INDUSTRY)
			push_name(&names, &n, sc->nodes[i]->title);
	name_select(b, "industry", "行业（行业评分账号）", form_value_of(r, P, NULL, NULL, "industry", ""), names, n, "（不是行业评分账号）");
	form_error_of(r, b, P, NULL, NULL, "industry");
	free_names(names, n);
	names = NULL;
	n = 0;
	/* every assessed unit: counties, departments, then the added kinds */
	struct unit *u;
	int nu;
	if (svc_unit_list(r->svc, -1, &u, &nu) == 0) {
		for (int i = 0; i < nu; i++)
			if (unit_kind_assessed(u[i].kind))
				push_name(&names, &n, u[i].name);
		unit_list_free(u, nu);
	}
	name_select(b, "unit", "单位（被考核单位账号）", form_value_of(r, P, NULL, NULL, "unit", ""), names, n, "（不是被考核单位账号）");
	form_error_of(r, b, P, NULL, NULL, "unit");
	free_names(names, n);
	h(b, "<label>初始密码（至少 8 个字符）<input name=\"password\" type=\"password\" required minlength=\"8\" "
	     "autocomplete=\"new-password\"></label>");
	form_error_of(r, b, P, NULL, NULL, "password");
	h(b, "<label>再输入一次初始密码<input name=\"again\" type=\"password\" required autocomplete=\"new-password\"></label>");
	form_error_of(r, b, P, NULL, NULL, "again");
	h(b, "<button type=\"submit\">添加账号</button></form>");
}

/* GET /admin: the year and the accounts. */
void get_admin(struct req *r, struct resp *w)
{
	struct account *acc;
	int nacc;
	if (svc_user_list(r->svc, &acc, &nacc) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct svc_year_info y;
	bool has_year = svc_year_info(r->svc, &y) == 0;
	if (!has_year)
		memset(&y, 0, sizeof y);
	page_begin(r, w, "年度与账号", "admin");
	struct buf *b = &w->body;
	h(b, "<p class=\"links\"><a href=\"#year\">考核年度</a> · <a href=\"#accounts\">账号</a> · "
	     "<a href=\"/units\">单位</a> · <a href=\"/teams\">考核组</a></p>");
	h(b, "<section id=\"year\"><h2>考核年度</h2>");
	if (has_year) {
		year_table(r, b, &y);
		year_list(r, b, &y);
	} else {
		h(b, "<p>文件中还没有考核年度。</p>");
	}
	new_year_forms(r, b, &y, has_year);
	h(b, "</section>");
	h(b, "<section id=\"accounts\"><h2>账号</h2>");
	h(b, "<p class=\"hint\">系统不预设任何账号。第一个安委办账号须在服务器上用命令行建立：<code>echo '初始密码' | "
	     "kaohe -d 数据库文件 user add 姓名 --role office --password-stdin</code>；其余账号可在这里添加，"
	     "添加后即可登录。</p>");
	account_table(b, acc, nacc);
	add_account_form(r, b);
	h(b, "</section>");
	account_list_free(acc, nacc);
	if (has_year)
		svc_year_info_clear(&y);
	page_end(r, w);
}

/* POST /admin/year/carry: a new year carrying over one before; the
 * session works on the new year from now on. */
void post_admin_carry(struct req *r, struct resp *w)
{
	long long year, from;
	if (!req_int(r, "year", &year) || year < 0 || year > 9999) {
		page_refuse_form(r, w, get_admin, "year", "年度须是四位数字，如 2017");
		return;
	}
	if (!req_int(r, "from", &from) || from < 0 || from > 9999) {
		page_refuse_form(r, w, get_admin, "from", "请选择沿用哪一年度");
		return;
	}
	if (svc_year_init_from(r->svc, (int)year, (int)from) != 0) {
		/* back to the session's year (the service read `from`); the
		 * refusal stays as it was */
		svc_use_year(r->svc, r->session->year);
		page_again(r, w, get_admin);
		return;
	}
	r->session->year = (int)year;
	session_update(r->session);
	page_done(r, w, "/admin", "已新建 %lld 年度，沿用 %lld 年度的方案、单位、考核组和日常考核任务；现在处理 %lld 年度",
		  year, from, year);
}

/* POST /admin/year/template: a new year from the built-in template. */
void post_admin_template(struct req *r, struct resp *w)
{
	long long year;
	const char *template_name = req_param(r, "template");
	if (!req_int(r, "year", &year) || year < 0 || year > 9999) {
		page_refuse_form(r, w, get_admin, "year", "年度须是四位数字，如 2017");
		return;
	}
	if (svc_year_init(r->svc, (int)year, template_name && *template_name ? template_name : "qhd-2016", NULL,
			  NULL) != 0) {
		svc_use_year(r->svc, r->session->year);
		page_again(r, w, get_admin);
		return;
	}
	r->session->year = (int)year;
	session_update(r->session);
	page_done(r, w, "/admin", "已按内置模板新建 %lld 年度；现在处理 %lld 年度，请登记单位和考核组", year, year);
}

/* POST /admin/users: adds an account; it can sign in at once. */
void post_admin_user_add(struct req *r, struct resp *w)
{
	const char *name = req_param(r, "name"), *role = req_param(r, "role");
	const char *pw = req_param(r, "password"), *again = req_param(r, "again");
	if (!pw || !again || strcmp(pw, again) != 0) {
		page_refuse_form(r, w, get_admin, "again", "两次输入的初始密码不一致");
		return;
	}
	int ro = role ? role_parse(role) : -1;
	struct account a = {
		.name = (char *)(name ? name : ""),
		.role = ro < 0 ? ROLE_COUNT : (enum role)ro,
		.team = (char *)nonempty(req_param(r, "team")),
		.industry = (char *)nonempty(req_param(r, "industry")),
		.unit = (char *)nonempty(req_param(r, "unit")),
	};
	if (svc_user_add(r->svc, &a, pw) != 0) {
		page_again(r, w, get_admin);
		return;
	}
	page_done(r, w, "/admin#accounts", "已添加账号“%s”（%s），可以用初始密码登录", a.name, role_title(a.role));
}

/* ---- one account ---- */

/* GET /admin/user?name=…: an account, to disable or enable it or reset
 * its password. */
void get_admin_user(struct req *r, struct resp *w)
{
	const char *name = req_param(r, "name");
	struct account *acc;
	int nacc;
	if (svc_user_list(r->svc, &acc, &nacc) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	const struct account *a = NULL;
	for (int i = 0; name && i < nacc; i++)
		if (strcmp(acc[i].name, name) == 0)
			a = &acc[i];
	if (!a) {
		struct svc_error e = {.code = SVC_NOT_FOUND, .message = "没有这个账号"};
		page_refused(r, w, &e);
		account_list_free(acc, nacc);
		return;
	}
	struct buf title = {0};
	buf_printf(&title, "账号：%s", a->name);
	page_begin(r, w, buf_str(&title), "admin");
	buf_free(&title);
	struct buf *b = &w->body;
	h(b, "<p><a href=\"/admin#accounts\">返回账号列表</a></p>");
	h(b, "<table class=\"grid\"><tbody><tr><th scope=\"row\">账号</th><td>%s</td></tr>"
	     "<tr><th scope=\"row\">角色</th><td>%s</td></tr><tr><th scope=\"row\">范围</th><td>",
	  a->name, role_title(a->role));
	scope_cell(b, a);
	h(b, "</td></tr><tr><th scope=\"row\">状态</th><td>%S</td></tr><tr><th scope=\"row\">建立日期</th><td>%D</td></tr>"
	     "</tbody></table>", a->disabled ? "<strong>已停用</strong>" : "正常", a->created_at);

	static const char *const dis_fields[] = {"reason", NULL};
	const char *D = "/admin/user/disable";
	h(b, "<h2>%s</h2><form method=\"post\" action=\"%s\" class=\"stack\"%S>", a->disabled ? "重新启用" : "停用",
	  D, a->disabled ? "" : " data-confirm=\"确定停用这个账号？它的登录将立即退出。\"");
	form_csrf(r, b);
	form_error_other(r, b, D, NULL, NULL, dis_fields);
	h(b, "<input type=\"hidden\" name=\"name\" value=\"%s\"><input type=\"hidden\" name=\"enable\" value=\"%S\">",
	  a->name, a->disabled ? "1" : "0");
	h(b, "<label>原因（记入修改记录）<input name=\"reason\" maxlength=\"" KAOHE_STR(TEXT_NOTE_MAX) "\" value=\"%s\"></label>",
	  form_value_of(r, D, NULL, NULL, "reason", ""));
	form_error_of(r, b, D, NULL, NULL, "reason");
	if (a->disabled)
		h(b, "<button type=\"submit\">重新启用账号</button></form>");
	else
		h(b, "<p class=\"hint\">停用后该账号不能登录，已登录的立即退出；它的记录保留。</p>"
		     "<button type=\"submit\" class=\"danger\">停用账号</button></form>");

	h(b, "<h2>重置密码</h2>");
	if (strcmp(a->name, req_user(r)->name) == 0) {
		h(b, "<p>本人的密码请在<a href=\"/password\">修改密码</a>页修改（须输入原密码）。</p>");
	} else {
		static const char *const pw_fields[] = {"password", "again", NULL};
		const char *P = "/admin/user/password";
		h(b, "<form method=\"post\" action=\"%s\" class=\"stack\">", P);
		form_csrf(r, b);
		form_error_other(r, b, P, NULL, NULL, pw_fields);
		h(b, "<input type=\"hidden\" name=\"name\" value=\"%s\">", a->name);
		h(b, "<label>新密码（至少 8 个字符）<input name=\"password\" type=\"password\" required minlength=\"8\" "
		     "autocomplete=\"new-password\"></label>");
		form_error_of(r, b, P, NULL, NULL, "password");
		h(b, "<label>再输入一次新密码<input name=\"again\" type=\"password\" required autocomplete=\"new-password\"></label>");
		form_error_of(r, b, P, NULL, NULL, "again");
		h(b, "<p class=\"hint\">重置后该账号已登录的立即退出，须用新密码重新登录；请把新密码当面或电话告知本人。</p>"
		     "<button type=\"submit\">重置密码</button></form>");
	}
	account_list_free(acc, nacc);
	page_end(r, w);
}

/* POST /admin/user/disable: disables (enable=0) or enables (enable=1)
 * an account; a disabled account's sessions end at once. */
void post_admin_user_disable(struct req *r, struct resp *w)
{
	const char *name = req_param(r, "name"), *enable = req_param(r, "enable");
	bool disable = !enable || strcmp(enable, "1") != 0;
	const char *reason = nonempty(req_param(r, "reason"));
	if (svc_user_disable(r->svc, name ? name : "", disable, reason) != 0) {
		page_again(r, w, get_admin_user);
		return;
	}
	if (disable)
		session_end_account(name);
	struct buf path = {0};
	h(&path, "/admin/user?name=%U", name);
	page_done(r, w, buf_str(&path), disable ? "已停用账号“%s”，它的登录已退出" : "已重新启用账号“%s”", name);
	buf_free(&path);
}

/* POST /admin/user/password: the office sets an account's password;
 * the account's sessions end at once. */
void post_admin_user_password(struct req *r, struct resp *w)
{
	const char *name = req_param(r, "name");
	const char *pw = req_param(r, "password"), *again = req_param(r, "again");
	if (!pw || !again || strcmp(pw, again) != 0) {
		page_refuse_form(r, w, get_admin_user, "again", "两次输入的新密码不一致");
		return;
	}
	if (svc_user_passwd(r->svc, name ? name : "", NULL, pw) != 0) {
		page_again(r, w, get_admin_user);
		return;
	}
	session_end_account(name);
	struct buf path = {0};
	h(&path, "/admin/user?name=%U", name);
	page_done(r, w, buf_str(&path), "已重置账号“%s”的密码，它的登录已退出", name);
	buf_free(&path);
}
