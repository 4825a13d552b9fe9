/* page_industry.c: the industry grid (行业评分): counties down, the scores
 * entered by other bodies than the teams across (行业专项 by industry, out
 * of 100; 行政执法, 100). An industry scorer sees its own industry's column,
 * the enforcement scorer 行政执法, the office every column and enters one
 * column at a time. Each cell is its own small form (a POST and a
 * redirect back to the row), so a refusal changes nothing else. */
#include "layout.h"
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The full marks of an entered item: its scale (百分制), or its points. */
static points_t full_marks(const struct node *n)
{
	return n->rule.scale ? n->rule.scale : n->points;
}

/* A cell's value in words. */
static void cell_value(struct buf *b, const struct svc_grid_cell *c)
{
	if (!c->applies)
		h(b, "<span class=\"hint\">—</span>");
	else if (!c->entered)
		h(b, "<span class=\"missing\">未录入</span>");
	else if (c->na_above)
		h(b, "不适用（%s）", c->na_above);
	else if (c->na)
		h(b, "不适用");
	else
		h(b, "%P", c->score);
}

/* The whole grid (the office's view of every column). */
static void grid_table(struct buf *b, const struct svc_grid *g)
{
	/* what each column is scored out of and counts for, from the
	 * scheme: a column counts for its own points, or, under a group
	 * that rescales its children (非煤矿山 and 煤矿 averaged into 10),
	 * for the group's; columns alike are named once ("非煤矿山等 19 项") */
	h(b, "<p class=\"hint\">");
	int said = 0;
	const struct node **key = xcalloc((size_t)(g->nitems ? g->nitems : 1), sizeof *key);
	for (int c = 0; c < g->nitems; c++) {
		key[c] = g->items[c];
		while (key[c]->parent && key[c]->parent->scale)
			key[c] = key[c]->parent;
	}
	for (int c = 0; c < g->nitems; c++) {
		points_t scale = g->items[c]->rule.scale ? g->items[c]->rule.scale : g->items[c]->points;
		bool seen = false;
		for (int e = 0; e < c && !seen; e++)
			seen = key[e] == key[c] || (key[e]->points == key[c]->points &&
						    (g->items[e]->rule.scale ? g->items[e]->rule.scale : g->items[e]->points) == scale);
		if (seen)
			continue;
		int alike = 0;
		for (int e = c; e < g->nitems; e++) {
			bool first = true;   /* a group's columns count once */
			for (int f = c; f < e && first; f++)
				first = key[f] != key[e];
			alike += first && key[e]->points == key[c]->points &&
				 (g->items[e]->rule.scale ? g->items[e]->rule.scale : g->items[e]->points) == scale;
		}
		h(b, "%s%s", said++ ? "；" : "", key[c]->title);
		if (alike > 1)
			h(b, "等 %d 项各", alike);
		h(b, "按 %P 分制打分，计 %P 分", scale, key[c]->points);
	}
	free(key);
	h(b, "%s点击列名录入该列。</p>", said ? "。" : "");
	h(b, "<table class=\"grid industry\"><thead><tr><th>县（区）</th>");
	for (int c = 0; c < g->nitems; c++)
		h(b, "<th><a href=\"/industry?item=%U\">%s</a> <span class=\"hint\">%s</span></th>",
		  g->items[c]->code, g->items[c]->title, g->items[c]->code);
	h(b, "</tr></thead><tbody>");
	for (int i = 0; i < g->nunits; i++) {
		h(b, "<tr><th scope=\"row\"><a href=\"/sheet/%U\">%s</a></th>", g->units[i].name, g->units[i].name);
		for (int c = 0; c < g->nitems; c++) {
			h(b, "<td class=\"num\">");
			cell_value(b, &g->cells[(size_t)i * (size_t)g->nitems + c]);
			h(b, "</td>");
		}
		h(b, "</tr>\n");
	}
	h(b, "</tbody><tfoot><tr><th scope=\"row\">已录入</th>");
	for (int c = 0; c < g->nitems; c++) {
		int done = 0, total = 0;
		for (int i = 0; i < g->nunits; i++) {
			const struct svc_grid_cell *cell = &g->cells[(size_t)i * (size_t)g->nitems + c];
			total += cell->applies;
			done += cell->applies && cell->entered;
		}
		h(b, "<td class=\"num\">%d/%d</td>", done, total);
	}
	h(b, "</tr></tfoot></table>");
}

/* Whether the refused form being shown again is this row's. */
static bool posted_row(const struct req *r, const char *unit)
{
	const char *u = req_param(r, "unit");
	return r->failed && r->post && u && strcmp(u, unit) == 0;
}

/* One column for entry: a row (a form) per county. */
static void column_table(struct req *r, struct buf *b, const struct svc_grid *g, int col)
{
	const struct node *n = g->items[col];
	h(b, "<h2>%s %s（满分 %P 分）</h2>", n->code, n->title, full_marks(n));
	if (n->text)
		h(b, "<p class=\"rule\">%s</p>", n->text);
	h(b, "<table class=\"grid industry-entry\"><thead><tr><th>县（区）</th><th>得分</th><th>不适用</th><th>备注</th>"
	     "<th></th></tr></thead><tbody>");
	for (int i = 0; i < g->nunits; i++) {
		const struct unit *u = &g->units[i];
		const struct svc_grid_cell *c = &g->cells[(size_t)i * (size_t)g->nitems + col];
		h(b, "<tr id=\"u%d\"><td>%s</td>", i, u->name);
		if (!c->can) {
			h(b, "<td class=\"num\">");
			cell_value(b, c);
			h(b, "</td><td></td><td>%s</td><td class=\"hint\">%s</td></tr>\n", c->note,
			  !c->applies ? "本项不适用于该县（区）" : c->na_above ? "上级项目已标为不适用" : "不能修改");
			continue;
		}
		bool again = posted_row(r, u->name);
		char val[POINTS_BUFSZ] = "";
		if (c->entered && !c->na)
			points_fmt(c->score, val);
		const char *score = again ? form_value(r, "score", val) : val;
		bool na = again ? req_param(r, "na") != NULL : c->na;
		const char *note = again ? form_value(r, "note", c->note ? c->note : "") : c->note ? c->note : "";
		h(b, "<td class=\"num\"><form id=\"g%d\" method=\"post\" action=\"/industry\">", i);
		form_csrf(r, b);
		h(b, "<input type=\"hidden\" name=\"unit\" value=\"%s\"><input type=\"hidden\" name=\"code\" value=\"%s\">"
		     "<input type=\"hidden\" name=\"item\" value=\"%s\"></form>", u->name, n->code, n->code);
		h(b, "<input name=\"score\" form=\"g%d\" inputmode=\"decimal\" size=\"6\" value=\"%s\" aria-label=\"%s得分\"> 分</td>",
		  i, score, u->name);
		h(b, "<td>");
		if (n->na != NA_NONE)
			h(b, "<label><input type=\"checkbox\" name=\"na\" value=\"1\" form=\"g%d\"%S> 不适用</label>", i,
			  na ? " checked" : "");
		h(b, "</td><td><input name=\"note\" form=\"g%d\" size=\"24\" maxlength=\"" KAOHE_STR(TEXT_NOTE_MAX) "\" value=\"%s\" placeholder=\"备注\"></td>",
		  i, note);
		h(b, "<td><button type=\"submit\" form=\"g%d\">保存</button>", i);
		if (again && r->failed->field && *r->failed->field)
			h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
		h(b, "</td></tr>\n");
	}
	h(b, "</tbody></table>");
}

/* GET /industry[?item=CODE]: the grid, or one column for entry (a scorer
 * with one column sees it for entry at once). */
void get_industry(struct req *r, struct resp *w)
{
	struct svc_grid g;
	if (svc_grid(r->svc, &g) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	const char *want = req_param(r, "item");
	int col = g.nitems == 1 ? 0 : -1;
	for (int c = 0; want && c < g.nitems; c++)
		if (strcmp(g.items[c]->code, want) == 0)
			col = c;
	page_begin(r, w, "行业和行政执法评分", "industry");
	struct buf *b = &w->body;
	if (svc_approved(r->svc))
		h(b, "<p class=\"hint\">本年度已审定，评分只供查看。</p>");
	/* a refusal beside its row where the row is shown; else here */
	bool beside = false;
	for (int i = 0; col >= 0 && i < g.nunits; i++)
		beside |= posted_row(r, g.units[i].name) && g.cells[(size_t)i * (size_t)g.nitems + col].can;
	if (r->failed && r->failed->field && *r->failed->field && !beside)
		h(b, "<p class=\"error\" role=\"alert\">%s</p>", r->failed->message);
	if (g.nitems == 0)
		h(b, "<p>没有由您录入的评分项。</p>");
	else if (col < 0)
		grid_table(b, &g);
	else
		column_table(r, b, &g, col);
	if (g.nitems > 1 && col >= 0)
		h(b, "<p><a href=\"/industry\">返回全部评分</a></p>");
	svc_grid_free(&g);
	page_end(r, w);
}

/* A row refused before the service is asked (status 422). */
static void refuse_row(struct req *r, struct resp *w, const char *field, const char *msg)
{
	struct svc_error e = {.code = SVC_INVALID, .field = (char *)field, .message = (char *)msg};
	page_again_with(r, w, get_industry, &e);
}

/* POST /industry: one county's score (or not applicable) for one item. */
void post_industry(struct req *r, struct resp *w)
{
	const char *unit = req_param(r, "unit"), *code = req_param(r, "code");
	if (!unit || !*unit || !code || !*code) {
		struct svc_error e = {.code = SVC_INVALID, .message = "须写明县（区）和评分项"};
		page_refused(r, w, &e);
		return;
	}
	struct finding f = {.code = code, .note = req_param(r, "note")};
	if (f.note && !*f.note)
		f.note = NULL;
	const char *na = req_param(r, "na"), *v = req_param(r, "score");
	if (na && strcmp(na, "1") == 0) {
		f.form = INPUT_NA;
	} else if (!v || !*v) {
		refuse_row(r, w, "score", "请填写得分（百分制），或勾选不适用");
		return;
	} else if (points_parse(v, &f.amount) != 0) {
		refuse_row(r, w, "score", "得分须是分值，最多两位小数，如 85 或 92.5");
		return;
	} else {
		f.form = INPUT_SCORE;
	}
	if (svc_score_set(r->svc, unit, &f) != 0) {
		page_again_with(r, w, get_industry, svc_err(r->svc));
		return;
	}
	const struct scheme *sc = svc_scheme(r->svc, KIND_COUNTY);
	const struct node *n = sc ? scheme_find(sc, code) : NULL;
	char pts[POINTS_BUFSZ];
	struct buf path = {0};
	h(&path, "/industry?item=%U", code);
	if (f.form == INPUT_NA)
		page_done(r, w, buf_str(&path), "已保存：%s %s 不适用", unit, n ? n->title : code);
	else
		page_done(r, w, buf_str(&path), "已保存：%s %s %s 分", unit, n ? n->title : code,
			  points_fmt(f.amount, pts));
	buf_free(&path);
}
