/* page_materials.c: 资料, what units provide for the items. The list of
 * units the user may see with how many materials each has; a unit's page
 * with the checklist of what each item's method asks for, its materials
 * (files to download, links), forms to upload files (several at once),
 * register a link and remove one; a file's download (always as an
 * attachment, never shown inline) and all of a unit's materials as one
 * ZIP. The service decides who may see and change what: the office every
 * unit, a team the units in its scope, an assessed unit its own. */
#include "layout.h"
#include "pages.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A file's size for people: 830 字节, 12.4 KB, 3.1 MB. */
static void size_text(struct buf *b, long long n)
{
	if (n < 1024)
		h(b, "%lld 字节", n);
	else if (n < 1024 * 1024)
		h(b, "%lld.%lld KB", n / 1024, n % 1024 * 10 / 1024);
	else
		h(b, "%lld.%lld MB", n / (1024 * 1024), n % (1024 * 1024) * 10 / (1024 * 1024));
}

/* The name of an uploaded file without any folder a browser sent. */
static const char *base_name(const char *name)
{
	const char *p = strrchr(name, '/'), *q = strrchr(name, '\\');
	if (q && (!p || q > p))
		p = q;
	return p ? p + 1 : name;
}

/* A refusal found by the page (not the service), as data. */
static void refuse(struct req *r, struct resp *w, enum svc_code code, const char *field, const char *msg)
{
	struct svc_error e = {.code = code, .field = (char *)field, .message = (char *)msg};
	page_refused(r, w, &e);
}

/* ---- the list of units ---- */

/* GET /materials: the units the user may see, with how many materials each has. */
void get_materials(struct req *r, struct resp *w)
{
	struct unit *u;
	int nu;
	if (svc_unit_list(r->svc, -1, &u, &nu) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct buf rows = {0};
	struct svc_error refused = {0};
	int shown = 0;
	for (int i = 0; i < nu; i++) {
		if (!unit_kind_assessed(u[i].kind) || u[i].status != STATUS_ASSESSED)
			continue;
		struct material *m;
		int n;
		if (svc_material_list(r->svc, u[i].name, &m, &n) != 0) {
			svc_error_clear(&refused);
			svc_error_copy(&refused, svc_err(r->svc));
			continue;
		}
		int files = 0;
		for (int k = 0; k < n; k++)
			files += m[k].link == NULL;
		h(&rows, "<tr><td><a href=\"/materials/%U\">%s</a></td><td>%s</td><td class=\"num\">%d</td>"
			 "<td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n",
		  u[i].name, u[i].name, unit_kind_title(u[i].kind), n, files, n - files);
		material_list_free(m, n);
		shown++;
	}
	unit_list_free(u, nu);
	if (!shown && refused.message) {
		page_refused(r, w, &refused);
	} else {
		page_begin(r, w, "资料", "materials");
		struct buf *b = &w->body;
		h(b, "<p class=\"hint\">被考核单位按各考核项“考核方式”的要求提供文件和资料，考核组查阅核对。"
		     "点单位名称查看核对清单、上传或下载资料。</p>");
		if (shown)
			h(b, "<table class=\"grid\"><thead><tr><th>单位</th><th>类型</th><th class=\"num\">资料</th>"
			     "<th class=\"num\">文件</th><th class=\"num\">链接</th></tr></thead><tbody>\n%S</tbody></table>\n",
			  buf_str(&rows));
		else
			h(b, "<p>没有可以查看的单位。</p>");
		page_end(r, w);
	}
	svc_error_clear(&refused);
	buf_free(&rows);
}

/* ---- one unit ---- */

/* The scheme a unit's materials are filed against: its own, or its
 * county's for a sampled sub-unit. NULL if none. */
static const struct scheme *scheme_of(struct req *r, const struct unit *u)
{
	if (unit_kind_assessed(u->kind))
		return svc_scheme(r->svc, u->kind);
	struct unit p;
	if (!u->parent || svc_unit_get(r->svc, u->parent, &p) != 0)
		return NULL;
	const struct scheme *sc = unit_kind_assessed(p.kind) ? svc_scheme(r->svc, p.kind) : NULL;
	unit_clear(&p);
	return sc;
}

/* Whether the refused form on this page is the one posted to action. */
static bool refused_form(const struct req *r, const char *action)
{
	const char *tail = r->failed && r->post ? strrchr(r->path, '/') : NULL;
	return tail && strcmp(tail + 1, action) == 0;
}

/* The item select: 综合 or any item of the scheme. */
static void item_select(struct buf *b, const struct scheme *sc, const char *selected)
{
	h(b, "<select name=\"code\"><option value=\"\">综合（不针对某一考核项）</option>");
	for (int i = 1; sc && i < sc->nnodes; i++) {
		const struct node *n = sc->nodes[i];
		h(b, "<option value=\"%s\"%S>", n->code, selected && strcmp(selected, n->code) == 0 ? " selected" : "");
		for (int d = 1; d < n->depth; d++)
			h(b, "　");
		h(b, "%s %s</option>", n->code, n->title);
	}
	h(b, "</select>");
}

/* The checklist: what each item's method asks for, and how many are
 * provided; with upload, a link to the upload form for each. */
static void checklist(struct req *r, struct buf *b, const char *unit, bool upload)
{
	struct svc_checklist_item *c;
	int n;
	if (svc_checklist(r->svc, unit, &c, &n) != 0) {
		h(b, "<p class=\"error\">%s</p>", svc_err(r->svc)->message);
		return;
	}
	int missing = 0;
	for (int i = 0; i < n; i++)
		missing += c[i].provided == 0;
	h(b, "<section><h2>核对清单</h2><p>各考核项的考核方式要求提供的资料：共 %d 项，其中 %d 项尚无资料。</p>", n, missing);
	h(b, "<table class=\"grid checklist\"><thead><tr><th>编号</th><th>考核项</th><th>须提供</th>"
	     "<th class=\"num\">已有</th><th></th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++) {
		const struct node *nd = c[i].node;
		h(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">", nd->code, nd->title, c[i].asks);
		if (c[i].provided)
			h(b, "%d 份", c[i].provided);
		else
			h(b, "<span class=\"missing\">缺少</span>");
		h(b, "</td><td>");
		if (upload)
			h(b, "<a href=\"/materials/%U?item=%U#upload\">上传</a>", unit, nd->code);
		h(b, "</td></tr>\n");
	}
	h(b, "</tbody></table></section>\n");
	svc_checklist_free(c, n);
}

/* The materials provided: item, name, size or link, who, when, download, remove. */
static void material_rows(struct req *r, struct buf *b, const char *unit, const struct scheme *sc,
			  const struct material *m, int n, bool open)
{
	h(b, "<table class=\"grid materials\"><thead><tr><th>考核项</th><th>名称</th><th>大小或链接</th>"
	     "<th>提供人</th><th>时间</th><th>操作</th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++) {
		const struct node *nd = m[i].code && sc ? scheme_find(sc, m[i].code) : NULL;
		h(b, "<tr id=\"m%lld\"><td>", m[i].id);
		if (nd)
			h(b, "%s %s", nd->code, nd->title);
		else
			h(b, "%s", m[i].code ? m[i].code : "综合");
		h(b, "</td><td>%s", m[i].name);
		if (m[i].objection_id)
			h(b, "<br><span class=\"hint\">意见 %lld 的证据</span>", m[i].objection_id);
		h(b, "</td><td>");
		if (m[i].link)
			h(b, "<a href=\"%s\" rel=\"noopener noreferrer\" target=\"_blank\">%s</a>", m[i].link, m[i].link);
		else
			size_text(b, m[i].size);
		h(b, "</td><td>%s</td><td>", m[i].actor);
		h(b, "%T", m[i].at);
		h(b, "</td><td>");
		if (!m[i].link)
			h(b, "<a href=\"/materials/file/%lld\" download>下载</a> ", m[i].id);
		if (open && !m[i].objection_id) {
			h(b, "<form method=\"post\" action=\"/materials/%U/remove\" class=\"inline\" "
			     "data-confirm=\"确定删除资料“%s”？\">", unit, m[i].name);
			form_csrf(r, b);
			h(b, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><button type=\"submit\" class=\"danger\">删除</button>"
			     "</form>", m[i].id);
		}
		h(b, "</td></tr>\n");
	}
	h(b, "</tbody></table>\n");
}

/* The value of a field of form `action`: what was typed if that form was
 * refused, else current. */
static const char *typed(const struct req *r, const char *action, const char *name, const char *current)
{
	return refused_form(r, action) ? form_value(r, name, current) : current;
}

/* The upload form (several files) and the link form, errors beside their fields. */
static void forms(struct req *r, struct buf *b, const char *unit, const struct scheme *sc)
{
	const char *item = req_param(r, "item");
	bool up = refused_form(r, "upload"), ln = refused_form(r, "link");
	h(b, "<section id=\"upload\"><h2>上传文件</h2>"
	     "<form method=\"post\" action=\"/materials/%U/upload\" enctype=\"multipart/form-data\" class=\"stack\">", unit);
	form_csrf(r, b);
	h(b, "<label>考核项 ");
	item_select(b, sc, typed(r, "upload", "code", item));
	h(b, "</label>");
	if (up)
		form_error(r, b, "code");
	h(b, "<label>文件（可同时选多个，每个不超过 %d MB） <input type=\"file\" name=\"file\" multiple required></label>",
	  SVC_MATERIAL_MAX / 1024 / 1024);
	if (up) {
		form_error(r, b, "file");
		form_error(r, b, "name");
	}
	h(b, "<button type=\"submit\">上传</button></form></section>\n");

	h(b, "<section id=\"link\"><h2>登记链接</h2><p class=\"hint\">资料在其他系统中的，登记其网址"
	     "（须以 http:// 或 https:// 开头）。</p>"
	     "<form method=\"post\" action=\"/materials/%U/link\" class=\"stack\">", unit);
	form_csrf(r, b);
	h(b, "<label>考核项 ");
	item_select(b, sc, typed(r, "link", "code", item));
	h(b, "</label>");
	if (ln)
		form_error(r, b, "code");
	h(b, "<label>标题 <input type=\"text\" name=\"title\" maxlength=\"" KAOHE_STR(TEXT_TITLE_MAX) "\" required value=\"%s\"></label>",
	  typed(r, "link", "title", ""));
	if (ln)
		form_error(r, b, "title");
	h(b, "<label>网址 <input type=\"text\" name=\"url\" maxlength=\"" KAOHE_STR(TEXT_LONG_MAX) "\" required placeholder=\"https://\" "
	     "value=\"%s\"></label>", typed(r, "link", "url", ""));
	if (ln)
		form_error(r, b, "url");
	h(b, "<button type=\"submit\">登记</button></form></section>\n");
}

/* Whether a refusal naming a field is shown beside that field (in the
 * upload or link form, when they are on the page). */
static bool beside_field(const struct req *r, bool open)
{
	if (!open || !r->failed || !r->failed->field)
		return false;
	const char *f = r->failed->field;
	if (refused_form(r, "upload"))
		return !strcmp(f, "code") || !strcmp(f, "file") || !strcmp(f, "name");
	if (refused_form(r, "link"))
		return !strcmp(f, "code") || !strcmp(f, "title") || !strcmp(f, "url");
	return false;
}

/* GET /materials/UNIT: checklist, materials and forms of one unit. */
void get_materials_unit(struct req *r, struct resp *w)
{
	const char *name = r->args[0];
	struct unit u;
	if (svc_unit_get(r->svc, name, &u) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct material *m;
	int n;
	if (svc_material_list(r->svc, name, &m, &n) != 0) {
		page_refused(r, w, svc_err(r->svc));
		unit_clear(&u);
		return;
	}
	const struct scheme *sc = scheme_of(r, &u);
	bool open = !svc_approved(r->svc);
	struct buf title = {0};
	buf_printf(&title, "%s 资料", u.name);
	page_begin(r, w, buf_str(&title), "materials");
	buf_free(&title);
	struct buf *b = &w->body;
	if (r->failed && r->failed->field && *r->failed->field && !beside_field(r, open))
		h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
	h(b, "<p class=\"links\"><a href=\"/materials\">全部单位</a>");
	if (unit_kind_assessed(u.kind) && svc_permits(r->svc, OP_EXPLAIN, u.name))
		h(b, " · <a href=\"/sheet/%U\">评分表</a>", u.name);
	if (n)
		h(b, " · <a href=\"/materials/%U/zip\">下载全部资料（ZIP，按考核项分文件夹）</a>", u.name);
	h(b, "</p>");
	if (unit_kind_assessed(u.kind))
		checklist(r, b, u.name, open);
	h(b, "<section><h2>已提供的资料</h2>");
	if (n)
		material_rows(r, b, u.name, sc, m, n, open);
	else
		h(b, "<p>尚未提供资料。</p>");
	h(b, "</section>\n");
	if (open)
		forms(r, b, u.name, sc);
	else
		h(b, "<p class=\"hint\">本年度已审定，资料不能再上传或删除。</p>");
	page_end(r, w);
	material_list_free(m, n);
	unit_clear(&u);
}

/* ---- downloads ---- */

/* GET /materials/file/ID: a stored file, as an attachment. */
void get_material_file(struct req *r, struct resp *w)
{
	char *end;
	errno = 0;
	long long id = strtoll(r->args[0], &end, 10);
	if (*end || id <= 0 || errno) {
		page_not_found(r, w);
		return;
	}
	struct material m;
	char *path;
	if (svc_material_get(r->svc, id, &m, &path) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	if (!path) {
		refuse(r, w, SVC_INVALID, NULL, "这是登记的链接，没有文件可下载");
	} else {
		resp_download(w, path, false, "application/octet-stream", m.name);
	}
	material_clear(&m);
}

/* GET /materials/UNIT/zip: every material of a unit in one ZIP (a temporary
 * file, removed once sent). */
void get_materials_zip(struct req *r, struct resp *w)
{
	const char *unit = r->args[0];
	struct material *m;
	int n;
	if (svc_material_list(r->svc, unit, &m, &n) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	material_list_free(m, n);
	if (!n) {
		refuse(r, w, SVC_CONFLICT, NULL, "该单位还没有资料，没有可打包的内容");
		return;
	}
	char *path = web_temp_file(".zip");
	if (!path) {
		refuse(r, w, SVC_FAILED, NULL, "无法建立临时文件，请稍后重试");
		return;
	}
	if (svc_material_zip(r->svc, unit, path) != 0) {
		unlink(path);
		free(path);
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct buf zip = {0};
	buf_printf(&zip, "%s资料.zip", unit);
	resp_download(w, path, true, "application/zip", buf_str(&zip));
	buf_free(&zip);
}

/* ---- changes ---- */

/* Back to the unit's page with a message. */
static void done_unit(struct req *r, struct resp *w, const char *anchor, const char *msg)
{
	struct buf path = {0};
	h(&path, "/materials/%U%S", r->args[0], anchor);
	page_done(r, w, buf_str(&path), "%s", msg);
	buf_free(&path);
}

/* POST /materials/UNIT/upload: one or more files for an item; stops at the
 * first refused, saying which were saved before it. */
void post_material_upload(struct req *r, struct resp *w)
{
	const char *unit = r->args[0];
	const char *code = req_param(r, "code");
	int saved = 0, chosen = 0;
	struct buf names = {0};
	for (int i = 0; i < r->nfields; i++) {
		const struct field *f = &r->fields[i];
		if (strcmp(f->name, "file") != 0 || !f->filename || !f->filename[0])
			continue;
		chosen++;
		const char *name = base_name(f->filename);
		if (svc_material_file(r->svc, unit, code, name, f->value.p, f->value.len) < 0) {
			const struct svc_error *e = svc_err(r->svc);
			struct buf msg = {0};
			buf_printf(&msg, "%s", e->message);
			if (saved)
				buf_printf(&msg, "（此前的 %d 个文件已上传：%s；这一个及其后的未上传）", saved, buf_str(&names));
			/* the file's name or content: beside the file field */
			const char *field = e->field && strcmp(e->field, "name") != 0 ? e->field : "file";
			struct svc_error again = {.code = e->code, .field = (char *)field,
						  .message = (char *)buf_str(&msg)};
			page_again_with(r, w, get_materials_unit, &again);
			buf_free(&msg);
			buf_free(&names);
			return;
		}
		buf_printf(&names, "%s%s", saved ? "、" : "", name);
		saved++;
	}
	if (!chosen) {
		struct svc_error e = {.code = SVC_INVALID, .field = "file", .message = "请选择要上传的文件"};
		page_again_with(r, w, get_materials_unit, &e);
	} else {
		struct buf msg = {0};
		buf_printf(&msg, "已上传 %d 个文件：%s", saved, buf_str(&names));
		done_unit(r, w, "", buf_str(&msg));
		buf_free(&msg);
	}
	buf_free(&names);
}

/* POST /materials/UNIT/link: a link for an item. */
void post_material_link(struct req *r, struct resp *w)
{
	const char *title = req_param(r, "title");
	if (svc_material_link(r->svc, r->args[0], req_param(r, "code"), title, req_param(r, "url")) < 0) {
		page_again_with(r, w, get_materials_unit, svc_err(r->svc));
		return;
	}
	struct buf msg = {0};
	buf_printf(&msg, "已登记链接：%s", title);
	done_unit(r, w, "", buf_str(&msg));
	buf_free(&msg);
}

/* POST /materials/UNIT/remove: removes material `id`. */
void post_material_remove(struct req *r, struct resp *w)
{
	long long id;
	if (!req_int(r, "id", &id) || id <= 0) {
		refuse(r, w, SVC_INVALID, "id", "须写明资料编号");
		return;
	}
	if (svc_material_remove(r->svc, id) != 0) {
		page_again_with(r, w, get_materials_unit, svc_err(r->svc));
		return;
	}
	struct buf msg = {0};
	buf_printf(&msg, "已删除资料 %lld", id);
	done_unit(r, w, "", buf_str(&msg));
	buf_free(&msg);
}
