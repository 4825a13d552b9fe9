/* page_sheet.c: a unit's sheet laid out like the plan's attachment table
 * (考核项 | 考核内容及评分标准 | 考核方式 | 录入 | 扣分 | 得分 | 说明), where a
 * team enters what it found. Each item row is a small form that works
 * without a script (a POST and a redirect back to the row); the script
 * saves a field when it is left and shows the row recomputed by the
 * server as the person types (the engine never runs in the browser).
 * This file owns the view of a unit's sheet, the page around the table
 * and the rows as JSON, both kept per version; the rows themselves are
 * sheet_row.c, the saves page_sheet_save.c, the list page_sheets.c. */
#include "cache.h"
#include "pages.h"
#include "session.h"
#include "sheet_impl.h"

#include <stdlib.h>
#include <string.h>

/* Frees what view_open filled. */
void view_free(struct view *v)
{
	svc_error_clear(&v->err);
	unit_clear(&v->unit);
	svc_explain_free(&v->ex);
	free(v->can);
}

/* Fills v for the unit named; -1 with the service's refusal. */
int view_open(struct req *r, const char *name, struct view *v)
{
	memset(v, 0, sizeof *v);
	if (svc_unit_get(r->svc, name, &v->unit) != 0)
		return -1;
	bool sub = !unit_kind_assessed(v->unit.kind);
	if (sub && !v->unit.parent) {
		struct svc_error e = {.code = SVC_INVALID, .message = "该单位不是被考核单位，也不属于哪个县区"};
		svc_error_copy(&v->err, &e);
		return -1;
	}
	const char *owner = sub ? v->unit.parent : v->unit.name, *period = req_param(r, "period");
	if ((period && *period && svc_period(r->svc, owner, period, &v->period) != 0) ||
	    svc_explain(r->svc, owner, &v->ex) != 0)
		return -1;
	v->res = v->ex.r;
	for (int k = 0; k < v->ex.r->nperiods; k++)
		if (v->ex.r->periods[k].period == v->period)
			v->res = v->ex.r->periods[k].r;
	v->sc = v->res->scheme;
	v->nodes = v->res->nodes;
	if (sub) {
		/* the sheet of this sampled unit under its sheets node */
		for (int i = 0; i < v->sc->nnodes && v->nodes == v->res->nodes; i++) {
			const struct node_result *nr = &v->res->nodes[i];
			for (int k = 0; k < nr->nsheets; k++)
				if (strcmp(nr->sheets[k].label, v->unit.name) == 0) {
					v->nodes = nr->sheets[k].nodes;
					v->sheet_root = v->sc->nodes[i];
				}
		}
		if (!v->sheet_root) {
			struct svc_error e = {.code = SVC_CONFLICT, .message = "该单位不在所属县区的抽查对象中，没有评分表"};
			svc_error_copy(&v->err, &e);
			return -1;
		}
	}
	/* a periodic scheme's year is rolled up from its periods: read only */
	if (v->sc->periods.kind == PERIOD_NONE || v->period)
		v->can = svc_enterable_period(r->svc, v->unit.name, v->period);
	return 0;
}

/* Answers a view that could not be opened. */
void view_refused(struct req *r, struct resp *w, const struct view *v)
{
	page_refused(r, w, v->err.message ? &v->err : svc_err(r->svc));
}

/* The nodes the view shows: the own sheet without the sampled units'
 * subtrees (their sheets node stays, as a row), or one sheet's subtree. */
bool view_shows(const struct view *v, const struct node *n)
{
	if (v->sheet_root)
		return n->sheet_root == v->sheet_root && n != v->sheet_root;
	return !n->sheet_root || n->score == SCORE_SHEETS;
}

/* ---- the page ---- */

/* The page's main part (summary and table) for view v, into b. */
static void render_sheet(struct req *r, struct buf *b, struct view *v)
{
	const struct result *res = v->res;
	h(b, "<div class=\"summary\" data-unit=\"%s\">", v->unit.name);
	if (v->sc->periods.kind != PERIOD_NONE) {
		/* the periods of the sheet: the year rolled up, each entered */
		char label[PERIOD_BUFSZ];
		h(b, "<p class=\"periods\">%s：", v->period ? "期间" : "全年得分为各期间的汇总，请选择期间录入");
		h(b, v->period ? "<a href=\"/sheet/%U\">全年</a>" : "<strong>全年</strong>", v->unit.name);
		for (int p = 1; p <= PERIOD_MAX; p++)
			if (v->sc->periods.used[p]) {
				period_label(v->sc->periods.kind, p, label);
				if (p == v->period)
					h(b, " · <strong>%s</strong>", label);
				else
					h(b, " · <a href=\"/sheet/%U?period=%d\">%s</a>", v->unit.name, p, label);
			}
		h(b, "</p>");
	}
	if (v->sheet_root)
		h(b, "<p>%s的抽查单位，评分计入 <a href=\"/sheet/%U\">%s</a> 的“%s %s”。</p>", v->unit.parent, v->unit.parent,
		  v->unit.parent, v->sheet_root->code, v->sheet_root->title);
	h(b, "<p class=\"total\">%s 当前总分 <strong id=\"total\">%P</strong> 分（满分 %P 分）%S</p>", v->ex.unit.name,
	  res->total, v->period ? v->sc->root->points : scheme_year_points(v->sc), res->incomplete ? "<span class=\"missing\">，尚缺录入分，结果未完成</span>" : "");
	for (int i = 0; i < res->nvetoes; i++)
		h(b, "<p class=\"veto\">否决：%s %s（%s）</p>", res->vetoes[i].rule->code, res->vetoes[i].rule->title,
		  res->vetoes[i].detail);
	struct sheet_review rv;
	if (!v->sheet_root && svc_review_get(r->svc, v->unit.name, &rv) == 0) {
		h(b, "<p>核实状态：<strong>%s</strong>", review_state_title(rv.state));
		if (rv.has_team_total)
			h(b, "；考核组得分 %P 分", rv.team_total);
		if (rv.has_verified_total)
			h(b, "；%s %P 分", rv.state == REVIEW_VERIFIED ? "核实得分" : "上次核实得分", rv.verified_total);
		if (rv.remark)
			h(b, "；退回意见：%s", rv.remark);
		h(b, "。<a href=\"/review\">统计核实</a></p>");
		sheet_review_clear(&rv);
	}
	/* links only where they lead to a page this person may open */
	const char *owner = v->sheet_root ? v->unit.parent : v->unit.name;
	bool history = svc_permits(r->svc, OP_AUDIT_READ, v->unit.name);
	bool materials = svc_permits(r->svc, OP_MATERIAL_READ, owner);
	if (history || materials) {
		h(b, "<p class=\"links\">");
		if (history)
			h(b, "<a href=\"/history?unit=%U\">修改记录</a>", v->unit.name);
		if (materials)
			h(b, "%s<a href=\"/materials/%U\">资料</a>", history ? " · " : "", owner);
		h(b, "</p>");
	}
	if (!v->sheet_root)
		reports_links(r, b, v->unit.name);
	if (!v->can)
		h(b, "<p class=\"hint\">本表只供查看。</p>");
	h(b, "</div>\n");
	h(b, "<table class=\"sheet\"><thead><tr><th>考核项</th><th>考核内容及评分标准</th><th>考核方式</th>"
	     "<th>录入</th><th class=\"num\">扣分</th><th class=\"num\">得分</th><th>说明</th></tr></thead><tbody>\n");
	int from = v->sheet_root ? v->sheet_root->index + 1 : 1;
	for (int i = from; i < v->sc->nnodes; i++) {
		const struct node *n = v->sc->nodes[i];
		if (v->sheet_root && n->depth <= v->sheet_root->depth)
			break;
		if (!view_shows(v, n))
			continue;
		item_row(r, b, v, n);
	}
	h(b, "</tbody></table>\n");
}

/* The cache key of a page part for the signed-in account. */
static char *sheet_key(struct req *r, const char *what)
{
	struct buf k = {0};
	const char *period = req_param(r, "period");
	buf_printf(&k, "%s\t%d\t%s\t%s\t%s", what, svc_year(r->svc), req_user(r)->name, r->args[0],
		   period ? period : "");
	return buf_take(&k);
}

void get_sheet(struct req *r, struct resp *w)
{
	/* the version before anything is read: a page kept under it is never
	 * older than it */
	long long version = svc_version(r->svc);
	char *key = sheet_key(r, "sheet");
	struct buf title = {0};
	buf_printf(&title, "%s 评分表", r->args[0]);
	page_begin(r, w, buf_str(&title), "sheets");
	if (r->failed) {
		/* a refused save shown again with what was typed: not kept */
		struct view v;
		if (view_open(r, r->args[0], &v) != 0)
			view_refused(r, w, &v);
		else
			render_sheet(r, &w->body, &v);
		view_free(&v);
		page_end(r, w);
		goto out;
	}
	if (!cache_get(key, version, r->session->csrf, &w->body)) {
		struct view v;
		if (view_open(r, r->args[0], &v) != 0) {
			view_refused(r, w, &v);
			view_free(&v);
			goto out;
		}
		/* made once with the token's place marked, kept, then given out */
		struct buf part = {0};
		char token[33];
		memcpy(token, r->session->csrf, sizeof token);
		memcpy(r->session->csrf, CACHE_CSRF, sizeof token);
		render_sheet(r, &part, &v);
		memcpy(r->session->csrf, token, sizeof token);
		cache_put(key, version, buf_str(&part), part.len);
		view_free(&v);
		buf_free(&part);
		if (!cache_get(key, version, r->session->csrf, &w->body)) {
			/* too large to keep: made again for this request */
			if (view_open(r, r->args[0], &v) == 0)
				render_sheet(r, &w->body, &v);
			view_free(&v);
		}
	}
	page_end(r, w);
out:
	buf_free(&title);
	free(key);
}

/* The sheet's rows as they now stand (JSON for the script), kept per
 * version like the page. */
void get_sheet_rows(struct req *r, struct resp *w)
{
	long long version = svc_version(r->svc);
	char *key = sheet_key(r, "rows");
	w->type = "application/json; charset=utf-8";
	if (!cache_get(key, version, "", &w->body)) {
		struct view v;
		if (view_open(r, r->args[0], &v) != 0) {
			r->wants_json = true;
			view_refused(r, w, &v);
		} else {
			struct buf part = {0};
			buf_puts(&part, "{\"ok\":true,");
			rows_json(&part, &v);
			buf_puts(&part, "}");
			cache_put(key, version, buf_str(&part), part.len);
			buf_putn(&w->body, buf_str(&part), part.len);
			buf_free(&part);
		}
		view_free(&v);
	}
	free(key);
}
