/* page_objections.c: 听取意见, the assessed units' objections (意见和建议)
 * to their published results. The list, open ones (待答复) first: unit,
 * item, reason, evidence (text and files), answer and outcome. An
 * assessed unit files an objection on any item of its sheet, within the
 * period the office set, with evidence files if it has them; the office
 * records one received on paper, answers each, and sets the period. The
 * service decides who may do each and whether today is within the period. */
#include "layout.h"
#include "pages.h"

#include <stdlib.h>
#include <string.h>

/* Text a person typed, its line breaks kept. */
static void lines(struct buf *b, const char *s)
{
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *line = xstrndup(s, len);
		h(b, "%s", line);
		free(line);
		if (!nl)
			break;
		h(b, "<br>");
		s = nl + 1;
	}
}

/* The name of an uploaded file without any folder a browser sent. */
static const char *base_name(const char *name)
{
	const char *p = strrchr(name, '/'), *q = strrchr(name, '\\');
	if (q && (!p || q > p))
		p = q;
	return p ? p + 1 : name;
}

/* The outcome of an answer in words. */
static const char *outcome_title(const char *o)
{
	if (!o)
		return "";
	return strcmp(o, "upheld") == 0 ? "维持评分" : strcmp(o, "changed") == 0 ? "已改变评分" : o;
}

/* Whether the refused form is the one posted to path (exactly). */
static bool refused_at(const struct req *r, const char *path)
{
	return r->failed && r->post && strcmp(r->path, path) == 0;
}

/* Whether the refused form is action (answer, evidence) of objection id. */
static bool refused_about(const struct req *r, long long id, const char *action)
{
	if (!r->failed || !r->post || r->nargs < 1)
		return false;
	const char *tail = strrchr(r->path, '/');
	char *end;
	long long posted = strtoll(r->args[0], &end, 10);
	return !*end && posted == id && tail && strcmp(tail + 1, action) == 0;
}

/* What the page knows about each unit with objections: its kind (for the
 * scheme's item titles) and its materials (the evidence files). */
struct unit_info {
	char *name;
	const struct scheme *sc;
	struct material *m;
	int nm;
};

struct infos {
	struct unit_info *u;
	int n;
};

/* The unit's entry, looked up once per page. */
static const struct unit_info *info_of(struct req *r, struct infos *in, const char *name)
{
	for (int i = 0; i < in->n; i++)
		if (strcmp(in->u[i].name, name) == 0)
			return &in->u[i];
	in->u = xrealloc(in->u, (size_t)(in->n + 1) * sizeof *in->u);
	struct unit_info *ui = &in->u[in->n++];
	memset(ui, 0, sizeof *ui);
	ui->name = xstrdup(name);
	struct unit u;
	if (svc_unit_get(r->svc, name, &u) == 0) {
		if (unit_kind_assessed(u.kind))
			ui->sc = svc_scheme(r->svc, u.kind);
		unit_clear(&u);
	}
	if (svc_material_list(r->svc, name, &ui->m, &ui->nm) != 0) {
		ui->m = NULL;
		ui->nm = 0;
	}
	return ui;
}

/* Frees what info_of looked up. */
static void infos_free(struct infos *in)
{
	for (int i = 0; i < in->n; i++) {
		free(in->u[i].name);
		material_list_free(in->u[i].m, in->u[i].nm);
	}
	free(in->u);
}

/* The item select: the whole result or any item of the scheme. */
static void item_select(struct buf *b, const struct scheme *sc, const char *selected)
{
	h(b, "<select name=\"code\"><option value=\"\">整体结果（不针对某一考核项）</option>");
	for (int i = 1; sc && i < sc->nnodes; i++) {
		const struct node *n = sc->nodes[i];
		h(b, "<option value=\"%s\"%S>", n->code, selected && strcmp(selected, n->code) == 0 ? " selected" : "");
		for (int d = 1; d < n->depth; d++)
			h(b, "　");
		h(b, "%s %s</option>", n->code, n->title);
	}
	h(b, "</select>");
}

/* ---- the period ---- */

/* The period, whether today is within it, and the office's form to set or clear it. */
static void period_section(struct req *r, struct buf *b, const struct svc_objection_window *win)
{
	const struct account *a = req_user(r);
	h(b, "<section id=\"period\"><h2>提出意见的期限</h2><p>");
	if (!svc_published(r->svc))
		h(b, "%d 年度的考核结果尚未公布；公布后，被考核单位可在期限内对本单位的结果提出意见。", svc_year(r->svc));
	if (win->from)
		h(b, "期限：%D 至 %D。今天（%D）<strong>%s</strong>。", win->from, win->to, win->today,
		  win->open ? "在期限内" : "不在期限内");
	else
		h(b, "安委办尚未设定提出意见的期限。");
	h(b, "</p>");
	if (a->role == ROLE_OFFICE) {
		bool here = refused_at(r, "/objections/period");
		h(b, "<form method=\"post\" action=\"/objections/period\" class=\"inline\">");
		form_csrf(r, b);
		h(b, "<label>开始日期 <input type=\"date\" name=\"from\" required value=\"%s\"></label>",
		  here ? form_value(r, "from", "") : win->from ? win->from : "");
		if (here)
			form_error(r, b, "from");
		h(b, "<label>截止日期 <input type=\"date\" name=\"to\" required value=\"%s\"></label>",
		  here ? form_value(r, "to", "") : win->to ? win->to : "");
		if (here)
			form_error(r, b, "to");
		h(b, "<button type=\"submit\">设定期限</button></form>");
		if (win->from) {
			h(b, " <form method=\"post\" action=\"/objections/period\" class=\"inline\" "
			     "data-confirm=\"确定取消提出意见的期限？取消后被考核单位不能再提出意见。\">");
			form_csrf(r, b);
			h(b, "<input type=\"hidden\" name=\"clear\" value=\"1\"><button type=\"submit\">取消期限</button></form>");
		}
		h(b, "<p class=\"hint\">安委办收到的书面意见可随时登记，不受期限限制。</p>");
	}
	h(b, "</section>\n");
}

/* ---- filing ---- */

/* The form to file an objection: the unit's own (within the period), or the
 * office's for one received on paper. */
static void file_form(struct req *r, struct buf *b, const struct svc_objection_window *win)
{
	const struct account *a = req_user(r);
	bool office = a->role == ROLE_OFFICE;
	if (!office && a->role != ROLE_UNIT)
		return;
	bool here = refused_at(r, "/objections");
	/* the office's form is folded away below the list: its work there
	 * is answering */
	if (office)
		h(b, "<section id=\"file\"><details%S><summary>登记书面意见（安委办收到的书面意见，不受期限限制）</summary>",
		  here ? " open" : "");
	else
		h(b, "<section id=\"file\"><h2>提出意见</h2>");
	const char *end = office ? "</details></section>\n" : "</section>\n";
	if (!svc_published(r->svc)) {
		h(b, "<p class=\"hint\">考核结果公布后才能提出意见。</p>%S", end);
		return;
	}
	if (!office && !win->open) {
		h(b, "<p class=\"hint\">%s</p>%S",
		  win->from ? "今天不在提出意见的期限内，不能提出意见。" : "安委办设定期限后，可在期限内在此提出意见。", end);
		return;
	}
	const char *unit = office ? (here ? form_value(r, "unit", "") : "") : a->unit;
	h(b, "<form method=\"post\" action=\"/objections\" enctype=\"multipart/form-data\" class=\"stack\">");
	form_csrf(r, b);
	const struct scheme *sc = NULL;
	if (office) {
		struct unit *u;
		int nu;
		h(b, "<label>单位 <select name=\"unit\" required><option value=\"\"></option>");
		if (svc_unit_list(r->svc, -1, &u, &nu) == 0) {
			for (int i = 0; i < nu; i++)
				if (unit_kind_assessed(u[i].kind))
					h(b, "<option%S>%s</option>", strcmp(unit, u[i].name) == 0 ? " selected" : "",
					  u[i].name);
			unit_list_free(u, nu);
		}
		h(b, "</select></label>");
		if (here)
			form_error(r, b, "unit");
		h(b, "<label>考核项编号（对整体结果的，不填） <input type=\"text\" name=\"code\" maxlength=\"" KAOHE_STR(UNIT_WORD_MAX) "\" value=\"%s\"></label>",
		  here ? form_value(r, "code", "") : "");
	} else {
		struct unit u;
		if (unit && svc_unit_get(r->svc, unit, &u) == 0) {
			sc = svc_scheme(r->svc, u.kind);
			unit_clear(&u);
		}
		h(b, "<p>单位：%s</p><label>考核项 ", unit);
		item_select(b, sc, here ? form_value(r, "code", "") : req_param(r, "item"));
		h(b, "</label>");
	}
	if (here)
		form_error(r, b, "code");
	h(b, "<label>理由（必填） <textarea name=\"text\" rows=\"4\" maxlength=\"" KAOHE_STR(TEXT_LONG_MAX) "\" required>%s</textarea></label>",
	  here ? form_value(r, "text", "") : "");
	if (here)
		form_error(r, b, "text");
	h(b, "<label>证据（必填：所依据的文件、记录、会议纪要等） <textarea name=\"evidence\" rows=\"3\" maxlength=\"" KAOHE_STR(TEXT_LONG_MAX) "\" "
	     "required>%s</textarea></label>", here ? form_value(r, "evidence", "") : "");
	if (here)
		form_error(r, b, "evidence");
	h(b, "<label>证据文件（可不选，可同时选多个，每个不超过 %d MB） <input type=\"file\" name=\"file\" multiple></label>",
	  SVC_MATERIAL_MAX / 1024 / 1024);
	h(b, "<button type=\"submit\">%s</button></form>%S", office ? "登记" : "提交意见", end);
}

/* ---- the list ---- */

/* The evidence: text, files, and (the unit, while open) a form for more files. */
static void evidence_cell(struct req *r, struct buf *b, const struct objection *o, const struct unit_info *ui)
{
	h(b, "<td>");
	lines(b, o->evidence);
	bool any = false;
	for (int k = 0; k < ui->nm; k++) {
		const struct material *m = &ui->m[k];
		if (m->objection_id != o->id || m->link)
			continue;
		if (!any)
			h(b, "<ul class=\"files\">");
		any = true;
		h(b, "<li><a href=\"/materials/file/%lld\" download>%s</a></li>", m->id, m->name);
	}
	if (any)
		h(b, "</ul>");
	const struct account *a = req_user(r);
	if (!o->answer && a->role == ROLE_UNIT) {
		bool here = refused_about(r, o->id, "evidence");
		h(b, "<form method=\"post\" action=\"/objections/%lld/evidence\" enctype=\"multipart/form-data\">", o->id);
		form_csrf(r, b);
		h(b, "<label>补充证据文件 <input type=\"file\" name=\"file\" multiple required></label>");
		if (here) {
			form_error(r, b, "file");
			form_error(r, b, "name");
		}
		h(b, "<button type=\"submit\">上传</button></form>");
	}
	h(b, "</td>");
}

/* The answer and outcome; the office's form to answer or change it. */
static void answer_cell(struct req *r, struct buf *b, const struct objection *o)
{
	h(b, "<td>");
	if (o->answer) {
		h(b, "<p><strong>%s</strong></p><p>", outcome_title(o->outcome));
		lines(b, o->answer);
		h(b, "</p><p class=\"hint\">%s ", o->answered_by);
		h(b, "%T", o->answered_at);
		h(b, "</p>");
	} else {
		h(b, "<span class=\"missing\">待答复</span>");
	}
	if (req_user(r)->role == ROLE_OFFICE) {
		bool here = refused_about(r, o->id, "answer");
		if (o->answer)
			h(b, "<details%S><summary>修改答复</summary>", here ? " open" : "");
		const char *outcome = here ? form_value(r, "outcome", "") : o->outcome ? o->outcome : "";
		h(b, "<form method=\"post\" action=\"/objections/%lld/answer\" class=\"answer\">", o->id);
		form_csrf(r, b);
		h(b, "<fieldset><legend>结论</legend>"
		     "<label><input type=\"radio\" name=\"outcome\" value=\"upheld\"%S> 维持评分</label>"
		     "<label><input type=\"radio\" name=\"outcome\" value=\"changed\"%S> 已改变评分</label></fieldset>",
		  strcmp(outcome, "upheld") == 0 ? " checked" : "", strcmp(outcome, "changed") == 0 ? " checked" : "");
		if (here)
			form_error(r, b, "outcome");
		h(b, "<label>答复<br><textarea name=\"answer\" rows=\"3\" cols=\"30\" maxlength=\"" KAOHE_STR(TEXT_LONG_MAX) "\" required>%s</textarea></label>",
		  here ? form_value(r, "answer", "") : o->answer ? o->answer : "");
		if (here)
			form_error(r, b, "answer");
		h(b, "<button type=\"submit\">%s</button></form>", o->answer ? "修改答复" : "答复");
		if (o->answer)
			h(b, "</details>");
	}
	h(b, "</td>");
}

/* One objection: number, unit, item, reason, evidence, filed, answer. */
static void objection_row(struct req *r, struct buf *b, const struct objection *o, struct infos *in)
{
	const struct unit_info *ui = info_of(r, in, o->unit);
	h(b, "<tr id=\"o%lld\"><td class=\"num\">%lld</td><td>%s</td><td>", o->id, o->id, o->unit);
	const struct node *n = o->code && ui->sc ? scheme_find(ui->sc, o->code) : NULL;
	if (n)
		h(b, "%s %s", n->code, n->title);
	else if (o->code)
		h(b, "%s", o->code);
	else
		h(b, "整体结果");
	h(b, "</td><td>");
	lines(b, o->text);
	h(b, "</td>");
	evidence_cell(r, b, o, ui);
	h(b, "<td>%s<br><span class=\"hint\">", o->filed_by);
	h(b, "%T", o->filed_at);
	h(b, "</span></td>");
	answer_cell(r, b, o);
	h(b, "</tr>\n");
}

/* The open (answered false) or answered objections. */
static void objection_table(struct req *r, struct buf *b, const struct objection *o, int n, bool answered,
			    struct infos *in)
{
	int count = 0;
	for (int i = 0; i < n; i++)
		count += (o[i].answer != NULL) == answered;
	h(b, "<section><h2>%s（%d 件）</h2>", answered ? "已答复" : "待答复", count);
	if (!count) {
		h(b, "<p>没有%s的意见。</p></section>\n", answered ? "已答复" : "待答复");
		return;
	}
	h(b, "<table class=\"grid objections\"><thead><tr><th class=\"num\">编号</th><th>单位</th><th>考核项</th>"
	     "<th>理由</th><th>证据</th><th>提出</th><th>答复</th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++)
		if ((o[i].answer != NULL) == answered)
			objection_row(r, b, &o[i], in);
	h(b, "</tbody></table></section>\n");
}

/* GET /objections: the period, the filing form, the objections, open ones first. */
void get_objections(struct req *r, struct resp *w)
{
	struct objection *o;
	int n;
	if (svc_objection_list(r->svc, NULL, &o, &n) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	struct svc_objection_window win;
	if (svc_objection_window(r->svc, &win) != 0) {
		page_refused(r, w, svc_err(r->svc));
		objection_list_free(o, n);
		return;
	}
	page_begin(r, w, "听取意见", "objections");
	struct buf *b = &w->body;
	h(b, "<p class=\"hint\">考核结果公布后，被考核单位可在期限内对本单位的结果提出意见，须写明理由并提供证据；"
	     "安委办逐件核实答复：维持评分，或已改变评分。</p>");
	/* a refusal of a form no longer on the page (an objection answered
	 * meanwhile, an unknown number): say it here */
	if (r->failed && r->failed->field && *r->failed->field && r->nargs > 0) {
		bool shown = false;
		for (int i = 0; i < n; i++)
			shown |= refused_about(r, o[i].id, "answer") ||
				 (!o[i].answer && req_user(r)->role == ROLE_UNIT && refused_about(r, o[i].id, "evidence"));
		if (!shown)
			h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
	}
	period_section(r, b, &win);
	bool office = req_user(r)->role == ROLE_OFFICE;
	if (!office)
		file_form(r, b, &win);
	struct infos in = {0};
	objection_table(r, b, o, n, false, &in);
	objection_table(r, b, o, n, true, &in);
	if (office)
		file_form(r, b, &win);
	infos_free(&in);
	svc_objection_window_clear(&win);
	objection_list_free(o, n);
	page_end(r, w);
}

/* ---- changes ---- */

/* After a change: back to objection id on the page, with msg. */
static void done_at(struct req *r, struct resp *w, long long id, const char *msg)
{
	struct buf path = {0};
	h(&path, "/objections#o%lld", id);
	page_done(r, w, buf_str(&path), "%s", msg);
	buf_free(&path);
}

/* Saves the evidence files of a request for objection id; returns how
 * many were chosen, the names saved in *saved and what failed in *failed. */
static int save_evidence(struct req *r, long long id, struct buf *saved, struct buf *failed,
			 struct svc_error *first)
{
	int chosen = 0;
	for (int i = 0; i < r->nfields; i++) {
		const struct field *f = &r->fields[i];
		if (strcmp(f->name, "file") != 0 || !f->filename || !f->filename[0])
			continue;
		chosen++;
		const char *name = base_name(f->filename);
		if (svc_objection_evidence(r->svc, id, name, f->value.p, f->value.len) < 0) {
			buf_printf(failed, "%s%s", failed->len ? "；" : "", svc_err(r->svc)->message);
			if (first && !first->message)
				svc_error_copy(first, svc_err(r->svc));
		} else {
			buf_printf(saved, "%s%s", saved->len ? "、" : "", name);
		}
	}
	return chosen;
}

/* POST /objections: files an objection, then saves its evidence files; a file
 * refused leaves the objection filed, and the message says so. */
void post_objection(struct req *r, struct resp *w)
{
	const char *unit = req_param(r, "unit");
	if (!unit)
		unit = req_user(r)->unit;
	if (!unit || !*unit) {
		struct svc_error e = {.code = SVC_INVALID, .field = "unit", .message = "请选择提出意见的单位"};
		page_again_with(r, w, get_objections, &e);
		return;
	}
	long long id = svc_objection_file(r->svc, unit, req_param(r, "code"), req_param(r, "text"),
					  req_param(r, "evidence"));
	if (id < 0) {
		page_again_with(r, w, get_objections, svc_err(r->svc));
		return;
	}
	struct buf saved = {0}, failed = {0}, msg = {0};
	save_evidence(r, id, &saved, &failed, NULL);
	buf_printf(&msg, "已提交意见（编号 %lld）", id);
	if (saved.len)
		buf_printf(&msg, "，证据文件：%s", buf_str(&saved));
	if (failed.len)
		buf_printf(&msg, "。注意：有文件未能保存（%s）；意见已经提交，请在下方该意见的“补充证据文件”处重新上传",
			   buf_str(&failed));
	done_at(r, w, id, buf_str(&msg));
	buf_free(&saved);
	buf_free(&failed);
	buf_free(&msg);
}

/* The objection number in the path; false after refusing. */
static bool path_id(struct req *r, struct resp *w, long long *id)
{
	char *end;
	*id = strtoll(r->args[0], &end, 10);
	if (*end || *id <= 0) {
		page_not_found(r, w);
		return false;
	}
	return true;
}

/* POST /objections/ID/evidence: more evidence files for an open objection. */
void post_objection_evidence(struct req *r, struct resp *w)
{
	long long id;
	if (!path_id(r, w, &id))
		return;
	struct buf saved = {0}, failed = {0};
	struct svc_error first = {0};
	int chosen = save_evidence(r, id, &saved, &failed, &first);
	if (!chosen || first.message) {
		if (!chosen) {
			first.code = SVC_INVALID;
			first.message = xstrdup("请选择要上传的证据文件");
		} else {
			free(first.message);
			struct buf m = {0};
			buf_printf(&m, "%s", buf_str(&failed));
			if (saved.len)
				buf_printf(&m, "（已保存：%s）", buf_str(&saved));
			first.message = buf_take(&m);
		}
		free(first.field);
		first.field = xstrdup("file");
		page_again_with(r, w, get_objections, &first);
	} else {
		struct buf msg = {0};
		buf_printf(&msg, "已为意见 %lld 补充证据文件：%s", id, buf_str(&saved));
		done_at(r, w, id, buf_str(&msg));
		buf_free(&msg);
	}
	svc_error_clear(&first);
	buf_free(&saved);
	buf_free(&failed);
}

/* POST /objections/ID/answer: the office's answer and outcome. */
void post_objection_answer(struct req *r, struct resp *w)
{
	long long id;
	if (!path_id(r, w, &id))
		return;
	const char *outcome = req_param(r, "outcome");
	if (svc_objection_answer(r->svc, id, outcome, req_param(r, "answer")) != 0) {
		page_again_with(r, w, get_objections, svc_err(r->svc));
		return;
	}
	struct buf msg = {0};
	buf_printf(&msg, "已答复意见 %lld（%s）", id, outcome_title(outcome));
	done_at(r, w, id, buf_str(&msg));
	buf_free(&msg);
}

/* POST /objections/period: sets the period (from, to) or clears it (clear=1). */
void post_objection_period(struct req *r, struct resp *w)
{
	const char *clear = req_param(r, "clear");
	bool none = clear && strcmp(clear, "1") == 0;
	const char *from = none ? NULL : req_param(r, "from"), *to = none ? NULL : req_param(r, "to");
	if (svc_objection_period(r->svc, from, to) != 0) {
		page_again_with(r, w, get_objections, svc_err(r->svc));
		return;
	}
	if (none)
		page_done(r, w, "/objections#period", "已取消提出意见的期限");
	else
		page_done(r, w, "/objections#period", "已设定提出意见的期限：%s 至 %s", from, to);
}
