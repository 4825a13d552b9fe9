/* page_teams.c: the assessment teams (考核组, 附件1) of the year: their
 * members (组长、副组长、组员、联系人, with their posts and contacts) and
 * the counties and departments in each team's scope. The staff may read
 * it; the office adds teams and members and puts units that are in no
 * team's scope into one. */
#include "layout.h"
#include "pages.h"

#include <stdlib.h>
#include <string.h>

/* ---- forms refused and shown again (as in page_admin.c; the forms of
 * each team are told apart by its name) ---- */

/* One team: its members by their place, its scope, and for the office
 * the forms to add a member and to assign units that are in no scope. */
static void team_section(struct req *r, struct buf *b, const struct team *t, const struct unit *free_units,
			 int nfree)
{
	h(b, "<section id=\"t%lld\"><h2>%s</h2><table class=\"grid\"><thead><tr><th>职务</th><th>姓名</th><th>职务说明</th>"
	     "<th>联系方式</th></tr></thead><tbody>", t->id, t->name);
	for (int role = 0; role < TEAM_ROLES; role++)
		for (int i = 0; i < t->nmembers; i++)
			if ((int)t->members[i].role == role)
				h(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", team_role_title(role),
				  t->members[i].name, t->members[i].title, t->members[i].contact);
	if (!t->nmembers)
		h(b, "<tr><td colspan=\"4\" class=\"hint\">还没有成员</td></tr>");
	h(b, "</tbody></table><p>考核范围（%d 个）：", t->nunits);
	for (int i = 0; i < t->nunits; i++)
		h(b, "%S%s", i ? "、" : "", t->units[i]);
	if (!t->nunits)
		h(b, "尚未分配");
	h(b, "</p>");
	if (!is_office(r)) {
		h(b, "</section>");
		return;
	}
	const char *M = "/teams/member";
	static const char *const mfields[] = {"name", "role", "title", "contact", NULL};
	h(b, "<details%S><summary>添加成员</summary><form method=\"post\" action=\"%s#t%lld\" class=\"stack\">",
	  form_refused(r, M, "team", t->name) ? " open" : "", M, t->id);
	form_csrf(r, b);
	form_error_other(r, b, M, "team", t->name, mfields);
	h(b, "<input type=\"hidden\" name=\"team\" value=\"%s\">", t->name);
	h(b, "<label>姓名<input name=\"name\" required maxlength=\"" KAOHE_STR(UNIT_WORD_MAX) "\" value=\"%s\"></label>",
	  form_value_of(r, M, "team", t->name, "name", ""));
	form_error_of(r, b, M, "team", t->name, "name");
	const char *role = form_value_of(r, M, "team", t->name, "role", "member");
	h(b, "<label>职务<select name=\"role\">");
	for (int k = 0; k < TEAM_ROLES; k++)
		h(b, "<option value=\"%s\"%S>%s</option>", team_role_name(k),
		  strcmp(role, team_role_name(k)) == 0 ? " selected" : "", team_role_title(k));
	h(b, "</select></label>");
	form_error_of(r, b, M, "team", t->name, "role");
	h(b, "<label>职务说明（如 市安监局副局长）<input name=\"title\" maxlength=\"" KAOHE_STR(UNIT_NAME_MAX) "\" value=\"%s\"></label>",
	  form_value_of(r, M, "team", t->name, "title", ""));
	form_error_of(r, b, M, "team", t->name, "title");
	h(b, "<label>联系方式<input name=\"contact\" maxlength=\"" KAOHE_STR(UNIT_WORD_MAX) "\" value=\"%s\"></label>",
	  form_value_of(r, M, "team", t->name, "contact", ""));
	form_error_of(r, b, M, "team", t->name, "contact");
	h(b, "<button type=\"submit\">添加成员</button></form></details>");

	const char *A = "/teams/assign";
	h(b, "<details%S><summary>分配考核范围</summary>", form_refused(r, A, "team", t->name) ? " open" : "");
	if (!nfree) {
		h(b, "<p class=\"hint\">所有县区和市直部门都已分到考核组。</p></details></section>");
		return;
	}
	h(b, "<form method=\"post\" action=\"%s#t%lld\">", A, t->id);
	form_csrf(r, b);
	form_error_other(r, b, A, "team", t->name, (const char *const[]){NULL});
	h(b, "<input type=\"hidden\" name=\"team\" value=\"%s\"><fieldset><legend>尚未分组的县区和市直部门</legend>", t->name);
	for (int i = 0; i < nfree; i++)
		h(b, "<label><input type=\"checkbox\" name=\"unit\" value=\"%s\"> %s%S%s%S</label>", free_units[i].name,
		  free_units[i].name, free_units[i].status != STATUS_ASSESSED ? "〔" : "",
		  free_units[i].status != STATUS_ASSESSED ? unit_status_title(free_units[i].status) : "",
		  free_units[i].status != STATUS_ASSESSED ? "〕" : "");
	h(b, "</fieldset><button type=\"submit\">加入本组考核范围</button></form></details></section>");
}

/* GET /teams: the teams, their members and scopes; the office's forms. */
void get_teams(struct req *r, struct resp *w)
{
	struct team *t;
	int nt;
	if (svc_team_list(r->svc, &t, &nt) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	/* the counties and departments in no team's scope */
	struct unit *u = NULL, *free_units = NULL;
	int n = 0, nfree = 0;
	if (is_office(r) && svc_unit_list(r->svc, -1, &u, &n) == 0) {
		free_units = xcalloc((size_t)n + 1, sizeof *free_units);
		for (int i = 0; i < n; i++) {
			if (!unit_kind_assessed(u[i].kind))
				continue;
			bool taken = false;
			for (int k = 0; k < nt && !taken; k++)
				for (int j = 0; j < t[k].nunits && !taken; j++)
					taken = strcmp(t[k].units[j], u[i].name) == 0;
			if (!taken)
				free_units[nfree++] = u[i];   /* a shallow view: u owns it */
		}
	}
	page_begin(r, w, "考核组", "admin");
	struct buf *b = &w->body;
	if (is_office(r))
		h(b, "<p class=\"links\"><a href=\"/admin\">年度与账号</a> · <a href=\"/units\">单位</a></p>");
	if (!nt)
		h(b, "<p>本年度还没有考核组。</p>");
	for (int k = 0; k < nt; k++)
		team_section(r, b, &t[k], free_units, nfree);
	if (is_office(r)) {
		const char *P = "/teams";
		h(b, "<section id=\"add\"><h2>新建考核组</h2><form method=\"post\" action=\"/teams#add\" class=\"stack\">");
		form_csrf(r, b);
		form_error_other(r, b, P, "team", NULL, (const char *const[]){"name", "team", NULL});
		h(b, "<label>考核组名称（如 县区考核组）<input name=\"name\" required maxlength=\"" KAOHE_STR(UNIT_NAME_MAX) "\" value=\"%s\"></label>",
		  form_value_of(r, P, "team", NULL, "name", ""));
		form_error_of(r, b, P, "team", NULL, "name");
		form_error_of(r, b, P, "team", NULL, "team");
		h(b, "<button type=\"submit\">新建考核组</button></form></section>");
	}
	free(free_units);
	unit_list_free(u, n);
	team_list_free(t, nt);
	page_end(r, w);
}

/* POST /teams: a new team. */
void post_teams_add(struct req *r, struct resp *w)
{
	const char *name = req_param(r, "name");
	if (svc_team_add(r->svc, name ? name : "") != 0) {
		page_again(r, w, get_teams);
		return;
	}
	page_done(r, w, "/teams", "已新建考核组“%s”", name);
}

/* POST /teams/member: a member of a team. */
void post_teams_member(struct req *r, struct resp *w)
{
	const char *team = req_param(r, "team"), *name = req_param(r, "name");
	if (svc_team_member(r->svc, team ? team : "", name ? name : "", req_param(r, "role"), req_param(r, "title"),
			    req_param(r, "contact")) != 0) {
		page_again(r, w, get_teams);
		return;
	}
	page_done(r, w, "/teams", "已把%s加入%s", name, team);
}

/* POST /teams/assign: counties and departments into a team's scope,
 * one by one (those done before a refusal stay done, and show). */
void post_teams_assign(struct req *r, struct resp *w)
{
	const char *team = req_param(r, "team");
	const char **units;
	int n = req_params(r, "unit", &units), done = 0;
	if (!n) {
		free(units);
		page_refuse_form(r, w, get_teams, "unit", "请勾选要加入考核范围的单位");
		return;
	}
	for (; done < n; done++)
		if (svc_team_assign(r->svc, team ? team : "", units[done]) != 0)
			break;
	free(units);
	if (done < n) {
		page_again(r, w, get_teams);
		return;
	}
	page_done(r, w, "/teams", "已把 %d 个单位加入%s的考核范围", n, team);
}
