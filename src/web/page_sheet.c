/* page_sheet.c: a unit's sheet laid out like the plan's attachment table
 * (考核项 | 考核内容及评分标准 | 考核方式 | 录入 | 扣分 | 得分 | 说明), where a
 * team enters what it found. Each item row is a small form that works
 * without a script (a POST and a redirect back to the row); the script
 * saves a field when it is left and shows the row recomputed by the
 * server as the person types (the engine never runs in the browser). */
#include "cache.h"
#include "layout.h"
#include "pages.h"
#include "saves.h"
#include "session.h"
#include "sheet_figures.h"
#include "sheet_many.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/rule.h"

/* What the page shows: the county's or department's own sheet, or the
 * sheet of one sampled sub-unit (which counts towards its county). */
struct view {
	struct unit unit;               /* the unit named in the path */
	struct svc_explain ex;          /* its owner, scored now */
	const struct scheme *sc;
	const struct node_result *nodes;/* the nodes shown, by node index */
	const struct node *sheet_root;  /* NULL: the own sheet */
	bool *can;                      /* enterable node indices, or NULL */
	const struct result *res;       /* the year's, or the period's shown */
	int period;                     /* a periodic scheme's period shown
					   (?period=, core/period.h); 0 the year */
	struct svc_error err;           /* a refusal found here, not by the service */
};

static void view_free(struct view *v)
{
	svc_error_clear(&v->err);
	unit_clear(&v->unit);
	svc_explain_free(&v->ex);
	free(v->can);
}

/* Fills v for the unit named; -1 with the service's refusal. */
static int view_open(struct req *r, const char *name, struct view *v)
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
static void view_refused(struct req *r, struct resp *w, const struct view *v)
{
	page_refused(r, w, v->err.message ? &v->err : svc_err(r->svc));
}

/* The nodes the view shows: the own sheet without the sampled units'
 * subtrees (their sheets node stays, as a row), or one sheet's subtree. */
static bool shown(const struct view *v, const struct node *n)
{
	if (v->sheet_root)
		return n->sheet_root == v->sheet_root && n != v->sheet_root;
	return !n->sheet_root || n->score == SCORE_SHEETS;
}

/* ---- one row ---- */

/* Whether n is an item of a group scored by deduction (扣完为止): its
 * points are what it can lose at most, and the group has the score (the
 * paper's table shows 扣分 on the item rows and 得分 on the group's). */
static bool in_deduct_group(const struct node *n)
{
	return !n->nchildren && n->parent && n->parent->score == SCORE_DEDUCT;
}

/* The group above n marked not applicable (its items take no entry and
 * count for nothing), or NULL. */
static const struct node *na_above(const struct view *v, const struct node *n)
{
	for (const struct node *a = n->parent; a && a->parent; a = a->parent)
		if (v->nodes[a->index].na)
			return a;
	return NULL;
}

static void input_cell(struct req *r, struct buf *b, const struct view *v, const struct node *n)
{
	const struct node_result *nr = &v->nodes[n->index];
	const struct finding *f = nr->finding;
	bool can = v->can && v->can[n->index];
	const char *form = NULL;
	char fid[32];
	snprintf(fid, sizeof fid, "f%d", n->index);
	if (can) {
		h(b, "<form id=\"%s\" method=\"post\" action=\"/sheet/%U/finding\" class=\"row\">", fid, v->unit.name);
		form_csrf(r, b);
		h(b, "<input type=\"hidden\" name=\"code\" value=\"%s\">", n->code);
		if (v->period)
			h(b, "<input type=\"hidden\" name=\"period\" value=\"%d\">", v->period);
		h(b, "</form>");
		form = fid;
	}
	const char *dis = can ? "" : " disabled";
	bool na = f && f->form == INPUT_NA;
	char val[64] = "";
	/* a refused save of this row (without the script): what was typed */
	const char *code = req_param(r, "code");
	bool again = r->failed && r->post && code && strcmp(code, n->code) == 0;
	if (again)
		na = req_param(r, "na") != NULL;
	switch (n->rule.type) {
	case RULE_PER:
	case RULE_STEPS:
	case RULE_EARN:
		if (f && f->form == INPUT_COUNT)
			snprintf(val, sizeof val, "%lld", f->count);
		h(b, "<label class=\"count\"><input type=\"text\" name=\"count\" inputmode=\"numeric\" size=\"4\""
		     " value=\"%s\"", again ? form_value(r, "count", val) : val);
		if (n->rule.max_count)
			h(b, " max=\"%lld\"", n->rule.max_count);
		h(b, "%S%S%s%S> %s</label>", dis, form ? " form=\"" : "", form ? form : "", form ? "\"" : "",
		  n->rule.unit ? n->rule.unit : "次");
		break;
	case RULE_CONDITIONS:
	case RULE_FIXED: {
		int nc = n->rule.type == RULE_FIXED ? 1 : n->rule.nconds;
		for (int i = 0; i < nc; i++) {
			const char *text = n->rule.type == RULE_FIXED ? (n->rule.text ? n->rule.text : "未落实")
				: n->rule.conds[i].text;
			bool on = f && f->form == INPUT_CONDITIONS && (f->conditions >> i & 1);
			if (again) {
				const char **vals;
				int nv = req_params(r, "conditions", &vals);
				char want[16];
				snprintf(want, sizeof want, "%d", i + 1);
				on = false;
				for (int k = 0; k < nv; k++)
					on |= strcmp(vals[k], want) == 0;
				free(vals);
			}
			h(b, "<label class=\"cond\"><input type=\"checkbox\" name=\"conditions\" value=\"%d\"%S%S%S%s%S> %s</label>",
			  i + 1, on ? " checked" : "", dis, form ? " form=\"" : "", form ? form : "", form ? "\"" : "", text);
		}
		if (can)
			h(b, "<input type=\"hidden\" name=\"conditions\" value=\"0\" form=\"%s\">", form);
		/* checked and nothing found: saved with no box ticked */
		if (can && !f)
			h(b, "<button type=\"submit\" form=\"%s\" class=\"none\">未发现问题</button>", form);
		break;
	}
	case RULE_JUDGED:
		if (f && f->form == INPUT_DEDUCT)
			points_fmt(f->amount, val);
		h(b, "<label class=\"amount\">扣 <input type=\"text\" name=\"deduct\" inputmode=\"decimal\" value=\"%s\"%S%S%s%S> 分</label>",
		  again ? form_value(r, "deduct", val) : val, dis, form ? " form=\"" : "", form ? form : "", form ? "\"" : "");
		break;
	case RULE_ENTERED:
		if (f && f->form == INPUT_SCORE)
			points_fmt(f->amount, val);
		h(b, "<label class=\"amount\"><input type=\"text\" name=\"score\" inputmode=\"decimal\" value=\"%s\"%S%S%s%S> 分</label>",
		  again ? form_value(r, "score", val) : val, dis, form ? " form=\"" : "", form ? form : "", form ? "\"" : "");
		break;
	default:
		if (rule_takes_figures(n->rule.type))
			sheet_figures_field(r, b, n, f, again, dis, form);
		break;
	}
	if (n->na != NA_NONE)
		h(b, "<label class=\"na\"><input type=\"checkbox\" name=\"na\" value=\"1\"%S%S%S%s%S> 不适用</label>",
		  na ? " checked" : "", dis, form ? " form=\"" : "", form ? form : "", form ? "\"" : "");
	if (can) {
		h(b, "<button type=\"submit\" form=\"%s\" class=\"save\">保存</button>", form);
		/* an entry made by mistake is taken back, on the record */
		if (f)
			h(b, "<button type=\"submit\" form=\"%s\" formaction=\"/sheet/%U/clear\" class=\"clear link\">清除</button>",
			  form, v->unit.name);
		h(b, "<span class=\"state\" aria-live=\"polite\"></span><span class=\"field-error\" role=\"alert\">%s</span>",
		  again ? r->failed->message : "");
	}
}

static void deduction_cell(struct buf *b, const struct node *n, const struct node_result *nr)
{
	if (nr->na) {
		h(b, "不适用");
		return;
	}
	if (nr->missing) {
		h(b, "<span class=\"missing\">未录入</span>");
		return;
	}
	if (!nr->has_input && !nr->deduction && !n->nchildren) {
		h(b, "<span class=\"hint\">—</span>");
		return;
	}
	if (nr->derivation && nr->deduction)
		h(b, "<details><summary tabindex=\"-1\">扣 %P 分</summary><p class=\"derivation\">%s</p></details>",
		  nr->deduction, nr->derivation);
	else if (nr->derivation)
		h(b, "<details><summary tabindex=\"-1\">不扣分</summary><p class=\"derivation\">%s</p></details>",
		  nr->derivation);
	else if (nr->deduction)
		h(b, "扣 %P 分", nr->deduction);
}

static void item_row(struct req *r, struct buf *b, const struct view *v, const struct node *n)
{
	const struct node_result *nr = &v->nodes[n->index];
	bool group = n->nchildren > 0;
	h(b, "<tr id=\"n%d\" data-index=\"%d\" data-code=\"%s\" class=\"%S%S\">", n->index, n->index, n->code,
	  group ? "group depth" : "item", group ? (n->depth == 1 ? "1" : n->depth == 2 ? "2" : "3") : "");
	h(b, "<th scope=\"row\" class=\"code\">%s</th>", n->code);
	h(b, "<td class=\"title\"><strong>%s</strong>", n->title);
	if (n->points && in_deduct_group(n))
		h(b, "<span class=\"points\">最多扣 %P 分</span>", n->points);
	else if (n->points)
		h(b, "<span class=\"points\">%P 分</span>", n->points);
	for (int i = 0; i < n->nmandatory_for; i++)
		h(b, "<span class=\"points\">★%s必达项</span>", n->mandatory_for[i]);
	if (n->text)
		h(b, "<p class=\"rule\">%s</p>", n->text);
	if ((n->nonly && !node_applies(n, v->sheet_root ? NULL : v->ex.unit.name)) ||
	    (n->only_industry && !node_industry_applies(n, v->unit.industry)))
		h(b, "<p class=\"hint\">本项不适用于本单位</p>");
	h(b, "</td><td class=\"method\">%s</td>", n->method);
	h(b, "<td class=\"input\">");
	if (n->score == SCORE_SHEETS && !v->sheet_root) {
		for (int k = 0; k < nr->nsheets; k++)
			h(b, "<a class=\"sheetlink\" href=\"/sheet/%U\">%s</a> ", nr->sheets[k].label, nr->sheets[k].label);
		if (!nr->nsheets)
			h(b, "<span class=\"hint\">尚未确定抽查对象</span>");
	} else if (na_above(v, n)) {
		h(b, "<span class=\"hint\">%s 已标为不适用</span>", na_above(v, n)->code);
	} else if (!group || n->na != NA_NONE) {
		if (n->rule.type == RULE_ACCIDENTS)
			h(b, "<span class=\"hint\">由事故登记计算，不录入</span>");
		else if (n->rule.type == RULE_ENTERED && !(v->can && v->can[n->index]))
			h(b, "<span class=\"hint\">%s</span>", n->rule.by == BY_INDUSTRY ? "由行业主管部门评分"
			  : n->rule.by == BY_ENFORCEMENT ? "由执法部门评分" : "由安委办录入");
		if (n->rule.type != RULE_ACCIDENTS)
			input_cell(r, b, v, n);
	}
	bool under_na = na_above(v, n) != NULL;
	h(b, "</td><td class=\"num deduction\">");
	if (under_na)
		h(b, "不适用");
	else if (!group || nr->na)
		deduction_cell(b, n, nr);
	else if (nr->deduction)
		h(b, "扣 %P 分", nr->deduction);
	h(b, "</td><td class=\"num score\">");
	if (!nr->na && !nr->missing && !under_na && !in_deduct_group(n))
		h(b, "%P", nr->score);
	h(b, "</td><td class=\"note\">");
	if (nr->finding && nr->finding->note)
		h(b, "<span class=\"finding-note\">%s</span>", nr->finding->note);
	if (v->can && v->can[n->index] && !group) {
		const char *note = nr->finding && nr->finding->note ? nr->finding->note : "";
		const char *code = req_param(r, "code");
		if (r->failed && r->post && code && strcmp(code, n->code) == 0)
			note = form_value(r, "note", note);
		h(b, "<input type=\"text\" name=\"note\" placeholder=\"备注（最多 500 字）\" maxlength=\"500\" value=\"%s\" form=\"f%d\">",
		  note, n->index);
	}
	if (nr->warning)
		h(b, "<p class=\"warning\">提示：%s</p>", nr->warning);
	h(b, "</td></tr>\n");
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
		if (!shown(v, n))
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

/* ---- entering ---- */

/* The finding a row's form posts (the rule decides which field counts);
 * false with *why if it cannot be read. */
static bool read_finding(const struct req *r, const struct node *n, struct finding *f, const char **why,
			 const char **field)
{
	memset(f, 0, sizeof *f);
	f->code = n->code;
	f->note = req_param(r, "note");
	if (f->note && !*f->note)
		f->note = NULL;
	const char *na = req_param(r, "na");
	*field = "value";
	if (na && strcmp(na, "1") == 0) {
		f->form = INPUT_NA;
		return true;
	}
	switch (n->rule.type) {
	case RULE_PER:
	case RULE_STEPS:
	case RULE_EARN: {
		long long c;
		*field = "count";
		if (!req_int(r, "count", &c)) {
			*why = "次数须是整数";
			return false;
		}
		f->form = INPUT_COUNT;
		f->count = c;
		return true;
	}
	case RULE_CONDITIONS:
	case RULE_FIXED: {
		const char **vals;
		int nv = req_params(r, "conditions", &vals);
		f->form = INPUT_CONDITIONS;
		bool ok = true;
		for (int i = 0; i < nv; i++) {
			char *end;
			long k = strtol(vals[i], &end, 10);
			if (*end || k < 0 || k > 64)
				ok = false;
			else if (k > 0)
				f->conditions |= (uint64_t)1 << (k - 1);
		}
		free(vals);
		*field = "conditions";
		if (!ok)
			*why = "情形编号有误";
		return ok;
	}
	case RULE_JUDGED:
	case RULE_ENTERED: {
		const char *name = n->rule.type == RULE_JUDGED ? "deduct" : "score";
		const char *v = req_param(r, name);
		*field = name;
		if (!v || points_parse(v, &f->amount) != 0) {
			*why = "须是分值，最多两位小数，如 2 或 1.5";
			return false;
		}
		f->form = n->rule.type == RULE_JUDGED ? INPUT_DEDUCT : INPUT_SCORE;
		return true;
	}
	default:
		*field = "figures";
		if (rule_takes_figures(n->rule.type))
			return sheet_figures_read(r, f, why);
		*why = "该项不能录入";
		return false;
	}
}

/* The recomputed rows of the view and its total, for the script. */
static void rows_json(struct buf *b, const struct view *v)
{
	h(b, "\"total\":\"%P\",\"incomplete\":%S,\"rows\":{", v->res->total, v->res->incomplete ? "true" : "false");
	bool first = true;
	for (int i = 1; i < v->sc->nnodes; i++) {
		const struct node *n = v->sc->nodes[i];
		if (v->sheet_root && n->sheet_root != v->sheet_root)
			continue;
		if (!shown(v, n))
			continue;
		const struct node_result *nr = &v->nodes[i];
		bool under_na = na_above(v, n) != NULL;
		struct buf ded = {0};
		if (under_na) {
			h(&ded, "不适用");
		} else if (n->nchildren && !nr->na) {
			if (nr->deduction)
				h(&ded, "扣 %P 分", nr->deduction);
		} else {
			deduction_cell(&ded, n, nr);
		}
		h(b, "%S\"%d\":{\"score\":\"", first ? "" : ",", i);
		if (!nr->na && !nr->missing && !under_na && !in_deduct_group(n))
			h(b, "%P", nr->score);
		buf_puts(b, "\",\"deduction\":");
		h_json_str(b, buf_str(&ded));
		buf_puts(b, ",\"warning\":");
		h_json_str(b, nr->warning ? nr->warning : "");
		buf_puts(b, "}");
		buf_free(&ded);
		first = false;
	}
	buf_puts(b, "}");
}

/* The node a row's form names, on the unit's sheet; NULL after refusing. */
static const struct node *posted_node(struct req *r, struct resp *w, const struct view *v)
{
	const char *code = req_param(r, "code");
	const struct node *n = code ? scheme_find(v->sc, code) : NULL;
	if (!n) {
		struct svc_error e = {.code = SVC_INVALID, .field = "code", .message = "未知的考核项编号"};
		page_refused(r, w, &e);
	}
	return n;
}

static void refuse_value(struct req *r, struct resp *w, const char *field, const char *why)
{
	struct svc_error e = {.code = SVC_INVALID, .field = (char *)field, .message = (char *)why};
	if (r->wants_json || !r->nargs)
		page_refused(r, w, &e);
	else
		page_again_with(r, w, get_sheet, &e);
}

/* Whether the row's value field came empty (and not marked 不适用): the
 * person emptied it to take the entry back. */
static bool value_empty(const struct req *r, const struct node *n)
{
	const char *na = req_param(r, "na");
	if (na && strcmp(na, "1") == 0)
		return false;
	const char *name = n->rule.type == RULE_JUDGED ? "deduct" : n->rule.type == RULE_ENTERED ? "score"
		: n->rule.type == RULE_PER || n->rule.type == RULE_STEPS || n->rule.type == RULE_EARN ? "count"
		: rule_takes_figures(n->rule.type) ? "figures" : NULL;
	if (!name)
		return false;
	/* an empty field arrives as no field at all */
	const char *v = req_param(r, name);
	if (!v)
		return true;
	while (*v == ' ')
		v++;
	return *v == '\0';
}

/* The node a row's form names on the sheet of the unit named, with the
 * unit's scheme (the owner's, for a sampled unit); NULL after refusing. */
static const struct node *node_of_unit(struct req *r, struct resp *w, const char *name)
{
	struct unit u, owner;
	if (svc_unit_get(r->svc, name, &u) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return NULL;
	}
	enum unit_kind kind = u.kind;
	if (!unit_kind_assessed(u.kind) && u.parent) {
		if (svc_unit_get(r->svc, u.parent, &owner) == 0) {
			kind = owner.kind;
			unit_clear(&owner);
		}
	}
	unit_clear(&u);
	const struct scheme *sc = unit_kind_assessed(kind) ? svc_scheme(r->svc, kind) : NULL;
	const char *code = req_param(r, "code");
	const struct node *n = sc && code ? scheme_find(sc, code) : NULL;
	if (!n) {
		struct svc_error e = {.code = SVC_INVALID, .field = "code", .message = "该单位的评分表中没有这个考核项"};
		page_refused(r, w, &e);
	}
	return n;
}

void post_finding(struct req *r, struct resp *w)
{
	/* A save is only the save: the script then asks for the rows (a page
	 * part kept per version), and a form without the script goes back to
	 * the row. */
	const struct node *n = node_of_unit(r, w, r->args[0]);
	struct finding f;
	const char *why = NULL, *field = NULL;
	if (!n)
		return;
	struct svc_error err = {0};
	if (value_empty(r, n)) {
		/* an emptied field takes the entry back */
		post_finding_clear(r, w);
		return;
	}
	const char *period = req_param(r, "period");
	if (!read_finding(r, n, &f, &why, &field)) {
		refuse_value(r, w, field, why);
	} else if (period && *period && svc_period(r->svc, r->args[0], period, &f.period) != 0) {
		page_refused(r, w, svc_err(r->svc));
	} else if (save_finding(r->svc, r->session->account, r->args[0], &f, &err) != 0) {
		if (r->wants_json || err.code == SVC_FORBIDDEN)
			page_refused(r, w, &err);
		else
			page_again_with(r, w, get_sheet, &err);
	} else if (r->wants_json) {
		w->type = "application/json; charset=utf-8";
		h(&w->body, "{\"ok\":true,\"saved\":true,\"version\":%lld}", svc_version(r->svc));
	} else {
		char *d = finding_describe(n, &f);
		struct buf path = {0};
		h(&path, "/sheet/%U", r->args[0]);
		if (f.period)
			h(&path, "?period=%d", f.period);
		h(&path, "#n%d", n->index);
		page_done(r, w, buf_str(&path), "已保存：%s %s", n->code, d);
		buf_free(&path);
		free(d);
	}
	svc_error_clear(&err);
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

void post_preview(struct req *r, struct resp *w)
{
	struct view v;
	if (view_open(r, r->args[0], &v) != 0) {
		view_refused(r, w, &v);
		view_free(&v);
		return;
	}
	const struct node *n = posted_node(r, w, &v);
	struct finding f;
	const char *why = NULL, *field = NULL;
	struct svc_explain ex;
	if (!n) {
		/* refused above */
	} else if (value_empty(r, n)) {
		/* an emptied field: nothing to try yet */
		w->type = "application/json; charset=utf-8";
		buf_puts(&w->body, "{\"ok\":true,\"saved\":false,\"rows\":{}}");
	} else if (!read_finding(r, n, &f, &why, &field)) {
		refuse_value(r, w, field, why);
	} else if ((f.period = v.period, svc_preview(r->svc, v.unit.name, &f, &ex)) != 0) {
		page_refused(r, w, svc_err(r->svc));
	} else {
		/* the same view over the previewed result */
		struct svc_explain saved = v.ex;
		v.ex = ex;
		v.res = ex.r;
		for (int k = 0; k < ex.r->nperiods; k++)
			if (ex.r->periods[k].period == v.period)
				v.res = ex.r->periods[k].r;
		v.nodes = v.res->nodes;
		if (v.sheet_root)
			for (int k = 0; k < v.res->nodes[v.sheet_root->index].nsheets; k++)
				if (strcmp(v.res->nodes[v.sheet_root->index].sheets[k].label, v.unit.name) == 0)
					v.nodes = v.res->nodes[v.sheet_root->index].sheets[k].nodes;
		w->type = "application/json; charset=utf-8";
		buf_puts(&w->body, "{\"ok\":true,\"saved\":false,");
		rows_json(&w->body, &v);
		buf_puts(&w->body, "}");
		svc_explain_free(&saved);
	}
	view_free(&v);
}

void post_finding_clear(struct req *r, struct resp *w)
{
	const char *code = req_param(r, "code");
	if (!code || !*code) {
		refuse_value(r, w, "code", "须写明考核项编号");
		return;
	}
	const char *ptext = req_param(r, "period");
	int period = 0;
	if ((ptext && *ptext && svc_period(r->svc, r->args[0], ptext, &period) != 0) ||
	    svc_score_clear_period(r->svc, r->args[0], period, code) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	if (r->wants_json) {
		w->type = "application/json; charset=utf-8";
		h(&w->body, "{\"ok\":true,\"saved\":true,\"cleared\":true,\"version\":%lld}", svc_version(r->svc));
		return;
	}
	struct buf path = {0};
	h(&path, "/sheet/%U", r->args[0]);
	if (period)
		h(&path, "?period=%d", period);
	page_done(r, w, buf_str(&path), "已清除 %s 的评分（记录在案）", code);
	buf_free(&path);
}

/* ---- the list of sheets, and one value for many units ---- */

void get_sheets(struct req *r, struct resp *w)
{
	struct svc_progress p;
	if (svc_progress(r->svc, &p) != 0) {
		page_refused(r, w, svc_err(r->svc));
		return;
	}
	page_begin(r, w, "评分表", "sheets");
	struct buf *b = &w->body;
	bool sheets = svc_permits(r->svc, OP_EXPLAIN, NULL);
	h(b, "<table class=\"grid\"><thead><tr><th>单位</th><th>考核组</th><th class=\"num\">已录入</th><th>核实</th>"
	     "</tr></thead><tbody>");
	for (int i = 0; i < p.n; i++) {
		const struct svc_unit_progress *u = &p.units[i];
		if (sheets)
			h(b, "<tr><td><a href=\"/sheet/%U\">%s</a></td>", u->unit.name, u->unit.name);
		else
			h(b, "<tr><td>%s</td>", u->unit.name);
		h(b, "<td>%s</td><td class=\"num\">%d / %d</td><td>%s</td></tr>", u->team ? u->team : "（未分组）",
		  u->entered, u->total, review_state_title(u->review));
	}
	h(b, "</tbody></table>");
	const struct account *a = req_user(r);
	if (a->role == ROLE_OFFICE && !svc_approved(r->svc)) {
		h(b, "<section><h2>同一评分录入多个单位</h2><form method=\"post\" action=\"/set-many\" class=\"set-many\">");
		form_csrf(r, b);
		h(b, "<label>考核项编号 <input name=\"code\" required value=\"%s\"></label>", form_value(r, "code", ""));
		form_error(r, b, "item");
		h(b, "<fieldset><legend>录入（填一项）</legend>"
		     "<label>次数 <input name=\"count\" inputmode=\"numeric\" value=\"%s\"></label>"
		     "<label>情形编号 <input name=\"conditions\" placeholder=\"如 1,3\" value=\"%s\"></label>"
		     "<label>扣分 <input name=\"deduct\" inputmode=\"decimal\" value=\"%s\"></label>"
		     "<label>得分 <input name=\"score\" inputmode=\"decimal\" value=\"%s\"></label></fieldset>",
		  form_value(r, "count", ""), form_value(r, "conditions", ""), form_value(r, "deduct", ""),
		  form_value(r, "score", ""));
		set_many_fields(r, b);
		form_error(r, b, "value");
		/* one scheme at a time: an item code means another item on a
		 * department's sheet */
		enum unit_kind *kinds = NULL;
		int nk = 0;
		/* each kind the year assesses (schools, … after the two) */
		if (svc_kinds(r->svc, &kinds, &nk) != 0) {
			kinds = xcalloc(2, sizeof *kinds);
			kinds[0] = KIND_COUNTY;
			kinds[1] = KIND_DEPARTMENT;
			nk = 2;
		}
		for (int k = 0; k < nk; k++) {
			h(b, "<fieldset class=\"units\"><legend>%s</legend>",
			  kinds[k] == KIND_COUNTY ? "县（区）" : unit_kind_title(kinds[k]));
			for (int i = 0; i < p.n; i++)
				if (p.units[i].unit.kind == kinds[k])
					h(b, "<label><input type=\"checkbox\" name=\"unit\" value=\"%s\"> %s</label>",
					  p.units[i].unit.name, p.units[i].unit.name);
			h(b, "</fieldset>");
		}
		free(kinds);
		h(b, "<p class=\"hint\">%s</p>", nk > 2 ? "只能同时选同一类单位：各类单位的考核项编号含义不同。"
		  : "只能同时选县区或同时选市直部门：两类单位的考核项编号含义不同。");
		form_error(r, b, "units");
		h(b, "<button type=\"submit\">录入所选单位</button></form></section>");
	}
	sheets_template_section(r, b);
	svc_progress_free(&p);
	page_end(r, w);
}

void post_set_many(struct req *r, struct resp *w)
{
	const char **units;
	int n = req_params(r, "unit", &units);
	struct finding f = {.code = req_param(r, "code")};
	const char *v;
	int forms = 0;
	bool ok = true;
	long long c;
	if ((v = req_param(r, "count")) && *v) {
		forms++;
		f.form = INPUT_COUNT;
		ok &= req_int(r, "count", &c);
		f.count = c;
	}
	if ((v = req_param(r, "conditions")) && *v) {
		forms++;
		f.form = INPUT_CONDITIONS;
		ok &= conditions_parse(v, &f.conditions) == 0;
	}
	if ((v = req_param(r, "deduct")) && *v) {
		forms++;
		f.form = INPUT_DEDUCT;
		ok &= points_parse(v, &f.amount) == 0;
	}
	if ((v = req_param(r, "score")) && *v) {
		forms++;
		f.form = INPUT_SCORE;
		ok &= points_parse(v, &f.amount) == 0;
	}
	forms += set_many_figures(r, &f);
	struct svc_error e = {.code = SVC_INVALID, .field = "value"};
	if (forms != 1)
		e.message = "次数、情形、扣分、得分须恰好填写一项";
	else if (!ok)
		e.message = "填写的数值有误";
	if (e.message) {
		struct svc_error *copy = xmalloc(sizeof *copy);
		svc_error_copy(copy, &e);
		r->failed = copy;
		buf_reset(&w->body);
		get_sheets(r, w);
		w->status = 422;
	} else if (set_many_period(r, units, n, &f) != 0 ||
		   svc_score_set_many(r->svc, (char *const *)units, n, &f) != 0) {
		page_again(r, w, get_sheets);
	} else {
		page_done(r, w, "/sheets", "已为 %d 个单位录入 %s", n, f.code);
	}
	free(units);
}
