/* page_samples.c: the spot checks (抽查): the counties a person may sample
 * with what each has sampled and what is still short, and one county's
 * page: its towns, county departments and enterprises, a random draw
 * (seed and counts within the scheme's sizes) and the team's own choice
 * by checkboxes, one kind at a time. The service decides who may draw in
 * which county and checks every size. */
#include "layout.h"
#include "pages.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const enum sample_kind kinds[] = {SAMPLE_TOWN, SAMPLE_COUNTY_DEPARTMENT, SAMPLE_ENTERPRISE};

/* The unit kind of a sampled kind. */
static enum unit_kind unit_kind_of(enum sample_kind k)
{
	return k == SAMPLE_TOWN ? KIND_TOWN : k == SAMPLE_COUNTY_DEPARTMENT ? KIND_COUNTY_DEPARTMENT : KIND_ENTERPRISE;
}

/* The acting team member's team, whose scope is the counties it samples,
 * found in *all (every team; the caller frees it with team_list_free);
 * NULL for the office and anyone not in a team. */
static struct team *own_team(struct req *r, struct team **all, int *n)
{
	*all = NULL;
	*n = 0;
	const struct account *a = req_user(r);
	if (a->role == ROLE_OFFICE || !a->team || svc_team_list(r->svc, all, n) != 0)
		return NULL;
	for (int i = 0; i < *n; i++)
		if (strcmp((*all)[i].name, a->team) == 0)
			return &(*all)[i];
	return NULL;
}

/* Whether the page offers the forms for county: the office, or a team
 * with the county in its scope (the service checks again). */
static bool offers_forms(struct req *r, const char *county)
{
	if (svc_approved(r->svc))
		return false;
	if (req_user(r)->role == ROLE_OFFICE)
		return true;
	struct team *all;
	int n;
	const struct team *t = own_team(r, &all, &n);
	bool ok = false;
	for (int i = 0; t && i < t->nunits && !ok; i++)
		ok = strcmp(t->units[i], county) == 0;
	team_list_free(all, n);
	return ok;
}

/* What svc_status says is short in a county's spot check, or NULL.
 * Caller frees. */
static char *short_of(const struct svc_status *st, const char *county)
{
	for (int i = 0; st && i < st->n; i++) {
		if (strcmp(st->units[i].unit.name, county) != 0)
			continue;
		for (int k = 0; k < st->units[i].ntodo; k++)
			if (strncmp(st->units[i].todo[k].text, "抽查对象不全", strlen("抽查对象不全")) == 0)
				return xstrdup(st->units[i].todo[k].text);
	}
	return NULL;
}

/* The record of the county's last draw or choice (the audit log), or
 * NULL. Caller frees. */
static struct audit_row *last_draw(struct req *r, const char *county, struct audit_row **rows, int *n)
{
	*rows = NULL;
	*n = 0;
	if (svc_audit(r->svc, county, rows, n) != 0)
		return NULL;
	for (int i = *n - 1; i >= 0; i--)
		if (strcmp((*rows)[i].action, "sample.draw") == 0 || strcmp((*rows)[i].action, "sample.set") == 0)
			return &(*rows)[i];
	return NULL;
}

/* The sampled units of one kind in a county, as links to their sheets
 * (towns are scored on the county's own sheet). */
static void spot_cell(struct buf *b, const struct spot *p, int np, const char *county, enum unit_kind kind)
{
	int shown = 0;
	for (int i = 0; i < np; i++) {
		if (p[i].kind != kind || strcmp(p[i].county, county) != 0)
			continue;
		if (kind == KIND_TOWN)
			h(b, "%S%s", shown ? "、" : "", p[i].unit);
		else
			h(b, "%S<a href=\"/sheet/%U\">%s</a>", shown ? "、" : "", p[i].unit, p[i].unit);
		shown++;
	}
	if (!shown)
		h(b, "<span class=\"missing\">未抽查</span>");
}

/* The seed of a draw record ("种子 N；…"), or the words of a choice. */
static void draw_words(struct buf *b, const struct audit_row *d)
{
	if (!d) {
		h(b, "—");
		return;
	}
	const char *v = d->new_value ? d->new_value : "";
	if (strcmp(d->action, "sample.draw") == 0) {
		const char *end = strstr(v, "；");
		struct buf seed = {0};
		buf_putn(&seed, v, end ? (size_t)(end - v) : strlen(v));
		h(b, "随机抽取，%s", buf_str(&seed));
		buf_free(&seed);
	} else {
		h(b, "考核组自行确定");
	}
	h(b, "<br><span class=\"hint\">%s ", d->actor);
	h(b, "%T", d->at);
	h(b, "</span>");
}

/* GET /samples: the counties the user samples, each with its spot check,
 * what is short and its last draw or choice. */
void get_samples(struct req *r, struct resp *w)
{
	struct spot *p;
	int np;
	struct unit *units;
	int nu;
	if (svc_sample_list(r->svc, NULL, &p, &np) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	if (svc_unit_list(r->svc, KIND_COUNTY, &units, &nu) != 0) {
		spot_list_free(p, np);
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct svc_status st;
	bool have_status = svc_status(r->svc, &st) == 0;
	struct team *teams;
	int nt;
	struct team *mine = own_team(r, &teams, &nt);
	bool office = req_user(r)->role == ROLE_OFFICE;
	page_begin(r, w, "抽查", "samples");
	struct buf *b = &w->body;
	h(b, "<p class=\"hint\">每个县（区）抽查乡镇（街道）、县区部门和企业，数量按考核方案规定；可随机抽取（记录种子和候选名单，"
	     "可重现），也可由考核组自行确定。抽查的县区部门和企业各有一张评分表。</p>");
	h(b, "<table class=\"grid samples\"><thead><tr><th>县（区）</th><th>乡镇（街道）</th><th>县区部门</th><th>企业</th>"
	     "<th>抽查情况</th><th>最近一次确定</th></tr></thead><tbody>");
	struct buf others = {0};
	for (int i = 0; i < nu; i++) {
		const struct unit *u = &units[i];
		if (u->status != STATUS_ASSESSED) {
			buf_printf(&others, "%s%s（%s）", others.len ? "、" : "", u->name, unit_status_title(u->status));
			continue;
		}
		bool listed = office;
		for (int k = 0; mine && k < mine->nunits && !listed; k++)
			listed = strcmp(mine->units[k], u->name) == 0;
		if (!listed)
			continue;
		h(b, "<tr><td><a href=\"/samples/%U\">%s</a></td><td>", u->name, u->name);
		spot_cell(b, p, np, u->name, KIND_TOWN);
		h(b, "</td><td>");
		spot_cell(b, p, np, u->name, KIND_COUNTY_DEPARTMENT);
		h(b, "</td><td>");
		spot_cell(b, p, np, u->name, KIND_ENTERPRISE);
		char *why = have_status ? short_of(&st, u->name) : NULL;
		if (why)
			h(b, "</td><td class=\"missing\">%s", why);
		else
			h(b, "</td><td>%s", have_status ? "已确定齐全" : "");
		free(why);
		struct audit_row *rows;
		int nrows;
		const struct audit_row *d = last_draw(r, u->name, &rows, &nrows);
		h(b, "</td><td>");
		draw_words(b, d);
		h(b, "</td></tr>\n");
		audit_list_free(rows, nrows);
	}
	h(b, "</tbody></table>");
	if (!office && !mine)
		h(b, "<p class=\"hint\">您不属于任何考核组，没有要抽查的县（区）。</p>");
	if (others.len)
		h(b, "<p class=\"hint\">不由市考核组逐项评分、不抽查：%s。</p>", buf_str(&others));
	buf_free(&others);
	if (have_status)
		svc_status_free(&st);
	team_list_free(teams, nt);
	unit_list_free(units, nu);
	spot_list_free(p, np);
	page_end(r, w);
}

/* ---- one county ---- */

/* A refused form's message inside the form that was posted (`form` and,
 * for a choice, `kind` name it); a message without a field is at the top
 * of the page already. */
static void posted_error(struct req *r, struct buf *b, const char *form, const char *kind)
{
	const char *f = req_param(r, "form"), *k = req_param(r, "kind");
	if (!r->failed || !r->failed->field || !*r->failed->field || !f || strcmp(f, form) != 0)
		return;
	if (kind && (!k || strcmp(k, kind) != 0))
		return;
	h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
}

/* Whether the form posted and refused was this one. */
static bool posted(const struct req *r, const char *form, const char *kind)
{
	const char *f = req_param(r, "form"), *k = req_param(r, "kind");
	return r->failed && r->post && f && strcmp(f, form) == 0 && (!kind || (k && strcmp(k, kind) == 0));
}

/* The scheme's size of a kind in words: "1–2 个". */
static void size_words(struct buf *b, const struct sample_rule *z)
{
	if (z->min == z->max)
		h(b, "%d 个", z->min);
	else
		h(b, "%d–%d 个", z->min, z->max);
}

/* Whether a unit's industry is in the first tier of the kind's pool (重点抽查). */
static bool first_tier(const struct sample_rule *z, const struct unit *u)
{
	for (int i = 0; u->industry && i < z->npool; i++)
		if (z->pool[i].tier == 1 && strcmp(z->pool[i].industry, u->industry) == 0)
			return true;
	return false;
}

/* Whether unit is among the sampled units p. */
static bool sampled(const struct spot *p, int np, const char *unit)
{
	for (int i = 0; i < np; i++)
		if (strcmp(p[i].unit, unit) == 0)
			return true;
	return false;
}

/* The draw form: an optional seed and how many of each kind. */
static void draw_form(struct req *r, struct buf *b, const char *county, const struct scheme *sc,
		      const int current[4])
{
	h(b, "<section><h2>随机抽取</h2><form method=\"post\" action=\"/samples/%U/draw\" class=\"draw\">", county);
	form_csrf(r, b);
	h(b, "<input type=\"hidden\" name=\"form\" value=\"draw\">");
	posted_error(r, b, "draw", NULL);
	h(b, "<p><label>随机种子 <input name=\"seed\" inputmode=\"numeric\" size=\"20\" value=\"%s\"></label>"
	     "<span class=\"hint\">不填则随机产生；填写以前记录的种子，可按同样的候选名单重现那次抽取。</span></p><p>",
	  form_value(r, "seed", ""));
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		enum sample_kind k = kinds[i];
		const struct sample_rule *z = &sc->samples[k];
		if (!z->declared)
			continue;
		const char *name = sample_kind_name(k);
		const char *dflt = current[k] ? "0" : "-1";
		const char *v = form_value(r, name, dflt);
		h(b, "<label>%s <select name=\"%s\"><option value=\"0\"%S>不重新抽取</option>", sample_kind_title(k), name,
		  strcmp(v, "0") == 0 ? " selected" : "");
		h(b, "<option value=\"-1\"%S>按候选数抽取（", strcmp(v, "-1") == 0 ? " selected" : "");
		size_words(b, z);
		h(b, "）</option>");
		for (int c = z->min; c <= z->max; c++) {
			char num[16];
			snprintf(num, sizeof num, "%d", c);
			h(b, "<option value=\"%d\"%S>%d 个</option>", c, strcmp(v, num) == 0 ? " selected" : "", c);
		}
		h(b, "</select></label>");
	}
	h(b, "</p><p><button type=\"submit\">抽取</button> <span class=\"hint\">只重新抽取所选的类别；已有评分的类别不能重新抽取。</span>"
	     "</p></form></section>");
}

/* One kind's choice by checkboxes. */
static void set_form(struct req *r, struct buf *b, const char *county, const struct sample_rule *z, enum sample_kind k,
		     const struct unit *subs, int nsub, const struct spot *p, int np)
{
	const char *name = sample_kind_name(k);
	h(b, "<form method=\"post\" action=\"/samples/%U/set\" class=\"choose\">", county);
	form_csrf(r, b);
	h(b, "<input type=\"hidden\" name=\"form\" value=\"set\"><input type=\"hidden\" name=\"kind\" value=\"%s\">", name);
	h(b, "<fieldset><legend>%s（方案规定 ", sample_kind_title(k));
	size_words(b, z);
	h(b, "）</legend>");
	posted_error(r, b, "set", name);
	const char **chosen = NULL;
	int nchosen = posted(r, "set", name) ? req_params(r, "unit", &chosen) : -1;
	for (int i = 0; i < nsub; i++) {
		bool on = false;
		if (nchosen >= 0)
			for (int j = 0; j < nchosen && !on; j++)
				on = strcmp(chosen[j], subs[i].name) == 0;
		else
			on = sampled(p, np, subs[i].name);
		h(b, "<label><input type=\"checkbox\" name=\"unit\" value=\"%s\"%S> %s", subs[i].name, on ? " checked" : "",
		  subs[i].name);
		if (subs[i].industry)
			h(b, "（%s%S）", subs[i].industry, first_tier(z, &subs[i]) ? "，重点" : "");
		h(b, "</label> ");
	}
	free(chosen);
	if (!nsub)
		h(b, "<span class=\"missing\">本县（区）尚未登记%s。</span>", sample_kind_title(k));
	h(b, "</fieldset><p><button type=\"submit\">按所选确定%s</button></p></form>", sample_kind_title(k));
}

/* The county of the page: refuses anything else. */
static int county_of(struct req *r, struct resp *w, struct unit *c)
{
	if (svc_unit_get(r->svc, r->args[0], c) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return -1;
	}
	if (c->kind != KIND_COUNTY) {
		struct svc_error e = {.code = SVC_NOT_FOUND, .message = "只对县（区）抽查，这不是县（区）"};
		page_refused(r, w, &e);
		unit_clear(c);
		return -1;
	}
	return 0;
}

/* GET /samples/COUNTY: the county's spot check, its units, the forms to
 * draw and to choose, and the record of every draw and choice. */
void get_sample_county(struct req *r, struct resp *w)
{
	struct unit c;
	if (county_of(r, w, &c) != 0)
		return;
	struct spot *p;
	int np;
	if (svc_sample_list(r->svc, c.name, &p, &np) != 0) {
		page_refused(r, w, svc_err(r->svc));
		unit_clear(&c);
		return;
	}
	const struct scheme *sc = svc_scheme(r->svc, KIND_COUNTY);
	struct unit *subs[4] = {NULL};
	int nsub[4] = {0}, current[4] = {0};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		enum sample_kind k = kinds[i];
		struct unit *all;
		int n;
		if (svc_unit_list(r->svc, unit_kind_of(k), &all, &n) != 0)
			continue;
		subs[k] = xcalloc((size_t)(n ? n : 1), sizeof *subs[k]);
		for (int j = 0; j < n; j++) {
			if (all[j].parent_id == c.id)
				subs[k][nsub[k]++] = all[j];
			else
				unit_clear(&all[j]);
		}
		free(all);
		for (int j = 0; j < np; j++)
			current[k] += p[j].kind == unit_kind_of(k);
	}
	struct svc_status st;
	bool have_status = svc_status(r->svc, &st) == 0;
	struct buf title = {0};
	buf_printf(&title, "%s 抽查", c.name);
	page_begin(r, w, buf_str(&title), "samples");
	buf_free(&title);
	struct buf *b = &w->body;
	char *why = have_status ? short_of(&st, c.name) : NULL;
	if (c.status != STATUS_ASSESSED)
		h(b, "<p class=\"hint\">%s%s，不由市考核组逐项评分，不需要抽查。</p>", c.name, unit_status_title(c.status));
	else if (why)
		h(b, "<p class=\"missing\">%s</p>", why);
	else if (have_status)
		h(b, "<p>抽查对象已确定齐全。</p>");
	free(why);
	h(b, "<table class=\"grid\"><thead><tr><th>类别</th><th>方案规定</th><th>抽查对象</th></tr></thead><tbody>");
	for (size_t i = 0; sc && i < sizeof kinds / sizeof kinds[0]; i++) {
		enum sample_kind k = kinds[i];
		if (!sc->samples[k].declared)
			continue;
		h(b, "<tr><td>%s</td><td>", sample_kind_title(k));
		size_words(b, &sc->samples[k]);
		h(b, "</td><td>");
		spot_cell(b, p, np, c.name, unit_kind_of(k));
		h(b, "</td></tr>");
	}
	h(b, "</tbody></table><p class=\"hint\">抽查的县区部门和企业各有一张评分表（点击名称打开），其得分的平均分计入本县（区）；"
	     "抽查的乡镇（街道）在本县（区）评分表中计地。</p>");
	bool forms = sc && c.status == STATUS_ASSESSED && offers_forms(r, c.name);
	if (!forms && r->failed && r->failed->field && *r->failed->field)
		h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
	if (forms) {
		draw_form(r, b, c.name, sc, current);
		h(b, "<section><h2>考核组自行确定</h2><p class=\"hint\">每类单独确定，勾选的单位取代该类原有的抽查对象。</p>");
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (sc->samples[kinds[i]].declared)
				set_form(r, b, c.name, &sc->samples[kinds[i]], kinds[i], subs[kinds[i]], nsub[kinds[i]], p, np);
		h(b, "</section>");
	} else if (c.status == STATUS_ASSESSED) {
		h(b, "<p class=\"hint\">本页只供查看%s。</p>", svc_approved(r->svc) ? "（本年度已审定）" : "");
		h(b, "<h2>本县（区）登记的单位</h2><table class=\"grid\"><tbody>");
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
			enum sample_kind k = kinds[i];
			h(b, "<tr><th scope=\"row\">%s</th><td>", sample_kind_title(k));
			for (int j = 0; j < nsub[k]; j++)
				h(b, "%S%s", j ? "、" : "", subs[k][j].name);
			h(b, "%S</td></tr>", nsub[k] ? "" : "（未登记）");
		}
		h(b, "</tbody></table>");
	}
	struct audit_row *rows;
	int nrows;
	if (svc_audit(r->svc, c.name, &rows, &nrows) == 0) {
		h(b, "<section><h2>抽取和确定记录</h2><table class=\"grid\"><thead><tr><th>时间</th><th>操作人</th><th>方式</th>"
		     "<th>种子、抽查对象和候选名单（*为重点抽查）</th></tr></thead><tbody>");
		int shown = 0;
		for (int i = nrows - 1; i >= 0; i--) {
			bool draw = strcmp(rows[i].action, "sample.draw") == 0;
			if (!draw && strcmp(rows[i].action, "sample.set") != 0)
				continue;
			h(b, "<tr><td>");
			h(b, "%T", rows[i].at);
			h(b, "</td><td>%s</td><td>%s</td><td>%s</td></tr>", rows[i].actor, draw ? "随机抽取" : "自行确定",
			  rows[i].new_value);
			shown++;
		}
		if (!shown)
			h(b, "<tr><td colspan=\"4\">尚无记录</td></tr>");
		h(b, "</tbody></table></section>");
		audit_list_free(rows, nrows);
	}
	if (have_status)
		svc_status_free(&st);
	for (int k = 0; k < 4; k++)
		unit_list_free(subs[k], nsub[k]);
	spot_list_free(p, np);
	unit_clear(&c);
	page_end(r, w);
}

/* ---- drawing and choosing ---- */

/* POST /samples/COUNTY/draw: a random draw (svc_sample_draw); the seed
 * and the candidates are shown after it. */
void post_sample_draw(struct req *r, struct resp *w)
{
	const char *county = r->args[0];
	int counts[4] = {0};
	bool any = false, has_seed = false;
	uint64_t seed = 0;
	const char *v = req_param(r, "seed");
	if (v && *v) {
		char *end;
		errno = 0;
		unsigned long long x = strtoull(v, &end, 10);
		if (*v == '-' || *end || errno == ERANGE || x > 0x7fffffffffffffffULL) {
			page_refuse_form(r, w, get_sample_county, "seed", "种子须是不超过 19 位的非负整数（不填则随机产生）");
			return;
		}
		has_seed = true;
		seed = x;
	}
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const char *name = sample_kind_name(kinds[i]);
		long long c = 0;
		if ((v = req_param(r, name)) && *v && (!req_int(r, name, &c) || c < -1 || c > 16)) {
			page_refuse_form(r, w, get_sample_county, name, "抽取数量有误");
			return;
		}
		counts[kinds[i]] = (int)c;
		any |= c != 0;
	}
	if (!any) {
		page_refuse_form(r, w, get_sample_county, "kind", "请至少为一类选择抽取数量（选“不重新抽取”的类别保持不变）");
		return;
	}
	struct spot_report rep = {0};
	if (svc_sample_draw(r->svc, county, has_seed, seed, counts, &rep) != 0) {
		page_again_with(r, w, get_sample_county, svc_err(r->svc));
		return;
	}
	struct buf path = {0};
	h(&path, "/samples/%U", county);
	page_done(r, w, buf_str(&path), "已抽取：%s", rep.detail);
	buf_free(&path);
	free(rep.detail);
}

/* POST /samples/COUNTY/set: the team's own choice of one kind. */
void post_sample_set(struct req *r, struct resp *w)
{
	const char *county = r->args[0];
	const char **units;
	int n = req_params(r, "unit", &units);
	if (n == 0) {
		free(units);
		page_refuse_form(r, w, get_sample_county, "units", "请至少勾选一个单位");
		return;
	}
	struct spot_report rep = {0};
	int rc = svc_sample_set(r->svc, county, (char *const *)units, n, &rep);
	free(units);
	if (rc != 0) {
		page_again_with(r, w, get_sample_county, svc_err(r->svc));
		return;
	}
	struct buf path = {0};
	h(&path, "/samples/%U", county);
	page_done(r, w, buf_str(&path), "已确定抽查对象：%s", rep.detail);
	buf_free(&path);
	free(rep.detail);
}
