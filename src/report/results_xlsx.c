/* results_xlsx.c: the results workbook the office sends for approval and
 * files: the ranking of each unit kind (县（区）, 市直部门) with the part
 * scores, the vetoes and their causes, the proposed and decided grades;
 * the accidents (事故); the daily assessment unit by unit (日常考核) and
 * its ledger of tasks and outcomes (日常考核记录). Every figure is the
 * stored one (kaohe results, kaohe explain), read in one consistent read
 * with the stamp at the top of each worksheet. A role that may read the
 * results but not the accident records or the daily ledger (组织部, a
 * unit) gets the workbook without those worksheets. */
#include "../core/period.h"
#include "xlsx_book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/daily.h"

/* A kind's heading, in the plan's words. */
static const char *kind_heading(enum unit_kind k)
{
	return k == KIND_COUNTY ? "县（区）" : unit_kind_title(k);
}

/* ---- the ranking ---- */

static void ranking_row(struct book *b, const struct stored_result *r, const struct node *root)
{
	const struct book_formats *f = &b->f;
	int c = 0;
	if (r->rank)
		book_int(b, c++, r->rank, f->center);
	else
		book_text(b, c++, "—", f->center);
	book_text(b, c++, r->unit.name, f->text);
	if (r->provincial && !r->unit.has_provincial_total)
		book_text(b, c++, "—", f->num);
	else
		book_points(b, c++, r->total, f->num);
	for (int k = 0; k < root->nchildren; k++, c++) {
		const struct stored_node *p = NULL;
		for (int i = 0; i < r->nparts; i++)
			if (r->parts[i].node == root->children[k])
				p = &r->parts[i];
		if (!p || p->state & NODE_MISSING)
			book_text(b, c, p ? "未录入" : "", f->num);
		else if (p->state & NODE_NA)
			book_text(b, c, "不适用", f->num);
		else
			book_points(b, c, p->score, f->num);
	}
	char *vetoes = veto_words(r, "\n"), *notes = result_notes(r, "\n");
	book_text(b, c++, *vetoes ? vetoes : "无", f->text);
	book_text(b, c++, r->proposed == GRADE_NONE ? "—" : scheme_grade_name(r->grading, r->proposed), f->center);
	book_text(b, c++, r->decision.grade == GRADE_NONE ? "未确定" : scheme_grade_name(r->grading, r->decision.grade), f->center);
	book_text(b, c++, decision_reason(r), f->text);
	book_text(b, c++, notes, f->text);
	free(vetoes);
	free(notes);
	book_next(b, 0);
}

/* One kind's worksheet; 1 if the acting user sees no result of it. */
static int ranking(struct svc *s, struct book *b, enum unit_kind kind, bool always, struct svc_error *err)
{
	const struct scheme *sc = svc_scheme(s, kind);
	if (!sc)
		return report_fail_svc(s, err);
	struct stored_result *r;
	int n;
	if (svc_results(s, kind, false, &r, &n) != 0)
		return report_fail_svc(s, err);
	if (!n && !always) {
		stored_results_free(r, n);
		return 1;
	}
	const struct node *root = sc->root;
	struct book_col cols[16];
	struct buf heads = {0};
	char pt[POINTS_BUFSZ];
	int nc = 0, nparts = root->nchildren < 8 ? root->nchildren : 8;
	cols[nc++] = (struct book_col){"名次", 5};
	cols[nc++] = (struct book_col){"单位", 16};
	buf_printf(&heads, "总分\n（%s 分）", points_fmt(scheme_year_points(sc), pt));
	/* the part headers go into one buffer; their offsets are taken once
	 * it stops growing */
	size_t offs[9];
	offs[0] = 0;
	for (int k = 0; k < nparts; k++) {
		buf_putc(&heads, '\0');
		offs[k + 1] = heads.len;
		buf_printf(&heads, "%s\n（%s 分）", root->children[k]->title, points_fmt(node_year_points(sc, root->children[k]), pt));
	}
	cols[nc++] = (struct book_col){heads.p + offs[0], 9};
	double part_width = nparts > 5 ? 8 : 10;
	for (int k = 0; k < nparts; k++)
		cols[nc++] = (struct book_col){heads.p + offs[k + 1], part_width};
	double left = 150 - 5 - 16 - 9 - part_width * nparts - 7 - 7;
	cols[nc++] = (struct book_col){"否决（原因）", left * 0.42};
	cols[nc++] = (struct book_col){"拟定档次", 7};
	cols[nc++] = (struct book_col){"确定档次", 7};
	cols[nc++] = (struct book_col){"确定理由", left * 0.25};
	cols[nc++] = (struct book_col){"说明", left * 0.33};
	struct buf title = {0}, sub = {0};
	buf_printf(&title, "%s结果", sc->title);
	buf_printf(&sub, "%s · 共 %d 个单位 · 档次线：", kind_heading(kind), n);
	for (int g = 0; g < sc->ngrades; g++) {
		const struct grade_rule *gr = &sc->grades[g];
		if (gr->has_min)
			buf_printf(&sub, "%s%s %s 分以上", g ? "，" : "", gr->name, points_fmt(gr->min, pt));
	}
	book_sheet(b, kind_heading(kind), buf_str(&title), buf_str(&sub), cols, nc, true);
	for (int i = 0; i < n; i++)
		ranking_row(b, &r[i], root);
	if (!n)
		book_line(b, "没有可以查看的考核结果。", b->f.note);
	if (root->nchildren > nparts)
		book_line(b, "（层面超过 8 个，其余层面的得分见各单位评分表。）", b->f.note);
	book_line(b, "名次按总分排列，并列者名次相同；省考核组考核和结果未完成的单位不排名次（—）。"
		     "档次“以上”包括本数；拟定档次已按否决项和优秀比例限额确定。", b->f.note);
	buf_free(&title);
	buf_free(&sub);
	buf_free(&heads);
	stored_results_free(r, n);
	return 0;
}

/* ---- the accidents ---- */

/* 0, 1 if the acting user may not read accidents, -1 on failure. */
static int accidents(struct svc *s, struct book *b, struct svc_error *err)
{
	struct accident_rec *a;
	int n;
	if (svc_accident_list(s, &a, &n) != 0) {
		if (svc_err(s)->code == SVC_FORBIDDEN)
			return 1;
		return report_fail_svc(s, err);
	}
	static const struct book_col cols[] = {
		{"编号", 5}, {"日期", 13}, {"县（区）", 14}, {"死亡\n（人）", 6}, {"重伤\n（人）", 6},
		{"直接经济损失\n（元）", 12}, {"行业", 12}, {"事故等级", 10}, {"瞒报、谎报、漏报", 9},
		{"瞒报等单位", 13}, {"计入市直部门", 14}, {"备注", 30},
	};
	struct buf sub = {0};
	buf_printf(&sub, "共 %d 起 · 事故等级按《生产安全事故报告和调查处理条例》（国务院令第493号）第三条划分，"
		       "调查认定的按认定等级；事故计入发生地县（区）和行业监管的市直部门", n);
	struct buf title = {0};
	buf_printf(&title, "%d 年度生产安全事故", svc_year(s));
	book_sheet(b, "事故", buf_str(&title), buf_str(&sub), cols, 12, true);
	const struct book_formats *f = &b->f;
	for (int i = 0; i < n; i++) {
		char date[32];
		char *grade = accident_grade_words(&a[i]), *mis = accident_misreport_words(&a[i]),
		     *dept = accident_department_words(&a[i]);
		book_int(b, 0, a[i].id, f->center);
		book_text(b, 1, date_words(a[i].date, date), f->text);
		book_text(b, 2, a[i].county, f->text);
		book_int(b, 3, a[i].deaths, f->num);
		book_int(b, 4, a[i].injuries, f->num);
		book_int(b, 5, a[i].loss, f->num);
		book_text(b, 6, a[i].industry, f->text);
		book_text(b, 7, grade, f->center);
		book_text(b, 8, *mis ? mis : "无", f->center);
		book_text(b, 9, accident_misreporter(&a[i]), f->text);
		book_text(b, 10, dept, f->text);
		book_text(b, 11, a[i].note, f->text);
		book_next(b, 0);
		free(grade);
		free(mis);
		free(dept);
	}
	if (!n)
		book_line(b, "本年度没有登记生产安全事故。", f->note);
	buf_free(&sub);
	buf_free(&title);
	accident_list_free(a, n);
	return 0;
}

/* ---- the daily assessment, unit by unit ---- */

/* The daily item of kind k under part n of scheme sc, or NULL. */
static const struct node *daily_item(const struct scheme *sc, const struct node *n, int k)
{
	for (int i = 0; i < sc->ndaily_items; i++)
		if (sc->daily_items[i].kind == k)
			for (int c = 0; c < n->nchildren; c++)
				if (strcmp(sc->daily_items[i].code, n->children[c]->code) == 0)
					return n->children[c];
	return NULL;
}

/* A unit's row for each part its daily items are scored in: the
 * deduction of each kind of task (blank: none), the part's deduction and
 * score. */
static int daily_unit(void *ctx, const struct stored_result *r)
{
	struct book *b = ctx;
	const struct scheme *sc = r->scheme;
	if (!sc || !r->nodes)
		return 0;
	const struct book_formats *f = &b->f;
	char pt[POINTS_BUFSZ];
	struct buf part = {0};
	for (int i = 1; i < sc->nnodes; i++) {
		const struct node *n = sc->nodes[i];
		const struct node *items[DAILY_KINDS];
		bool any = false;
		for (int k = 0; k < DAILY_KINDS; k++)
			any |= (items[k] = daily_item(sc, n, k)) != NULL;
		if (!any || !r->nodes[i].node)
			continue;
		buf_reset(&part);
		buf_printf(&part, "%s %s（%s 分）", n->code, n->title, points_fmt(n->points, pt));
		book_text(b, 0, r->unit.name, f->text);
		book_text(b, 1, buf_str(&part), f->text);
		for (int k = 0; k < DAILY_KINDS; k++) {
			const struct stored_node *sn = items[k] ? &r->nodes[items[k]->index] : NULL;
			if (!sn || !sn->node)
				book_text(b, 2 + k, "—", f->center);
			else if (sn->state & NODE_MISSING)
				book_text(b, 2 + k, "未录入", f->num);
			else if (sn->deduction)
				book_points(b, 2 + k, sn->deduction, f->num);
			else
				book_blank(b, 2 + k, f->num);
		}
		const struct stored_node *pn = &r->nodes[i];
		book_points(b, 2 + DAILY_KINDS, pn->deduction, f->num);
		book_points(b, 3 + DAILY_KINDS, pn->score, f->num);
		book_next(b, 0);
	}
	buf_free(&part);
	return 0;
}

static int daily_summary(struct svc *s, struct book *b, struct svc_error *err)
{
	struct book_col cols[4 + DAILY_KINDS];
	int nc = 0;
	cols[nc++] = (struct book_col){"单位", 16};
	cols[nc++] = (struct book_col){"日常考核", 28};
	for (int k = 0; k < DAILY_KINDS; k++)
		cols[nc++] = (struct book_col){daily_kind_title_of(k), 8};
	cols[nc++] = (struct book_col){"扣分合计", 8};
	cols[nc++] = (struct book_col){"得分", 8};
	struct buf title = {0};
	buf_printf(&title, "%d 年度日常考核扣分汇总", svc_year(s));
	book_sheet(b, "日常考核", buf_str(&title),
		   "各类任务的扣分（空白为未扣分），按日常考核记录和年度扣分标准计入；任务和各单位的结果见“日常考核记录”",
		   cols, nc, false);
	buf_free(&title);
	if (svc_results_each(s, -1, true, daily_unit, b) < 0)
		return report_fail_svc(s, err);
	return 0;
}

/* ---- the daily ledger ---- */

/* The node of the year's scheme a daily task is scored into, or NULL. */
static const struct node *daily_node(struct svc *s, const struct daily_task *t)
{
	enum unit_kind k = strcmp(daily_target_unit(t->target), "county") == 0 ? KIND_COUNTY : KIND_DEPARTMENT;
	const struct scheme *sc = svc_scheme(s, k);
	for (int i = 0; sc && i < sc->ndaily_items; i++)
		if (sc->daily_items[i].target == t->target && sc->daily_items[i].kind == t->kind)
			return scheme_find(sc, sc->daily_items[i].code);
	return NULL;
}

/* The deductions in words: "县区日常考核：缺席每次扣 2 分；…". */
static void rule_words(struct buf *out, const struct svc_daily_rule *d, int n)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];
	int target = -1;
	for (int i = 0; i < n; i++) {
		if (d[i].target != target) {
			buf_printf(out, "%s%s：", out->len ? "。" : "扣分标准 ", daily_target_title_of(d[i].target));
			target = d[i].target;
		} else {
			buf_puts(out, "，");
		}
		buf_puts(out, daily_outcome_title_of(d[i].outcome));
		if (d[i].deduct)
			buf_printf(out, "每次扣 %s 分", points_fmt(d[i].deduct, b1));
		if (d[i].per_day)
			buf_printf(out, "%s每天扣 %s 分", d[i].deduct ? "，另" : "", points_fmt(d[i].per_day, b2));
		if (!d[i].deduct && !d[i].per_day)
			buf_puts(out, "不扣分");
	}
}

/* The outcomes that cost points, by outcome: "缺席：公安局\n迟报：北戴河新区
 * （3 天）". */
static void costly_outcomes(struct buf *out, const struct svc_daily_outcome *o, int n)
{
	for (int k = 0; k < DAILY_OUTCOMES; k++) {
		if (!daily_outcome_costs(k))
			continue;
		int shown = 0;
		for (int i = 0; i < n; i++) {
			if (o[i].outcome != k)
				continue;
			if (!shown++)
				buf_printf(out, "%s%s：", out->len ? "\n" : "", daily_outcome_title_of(k));
			else
				buf_puts(out, "、");
			buf_puts(out, o[i].unit);
			if (k == DAILY_LATE)
				buf_printf(out, "（%lld 天）", o[i].days_late);
		}
	}
}

static void ledger_task(struct book *b, struct svc *s, const struct daily_task *t,
			const struct svc_daily_outcome *o, int no)
{
	const struct book_formats *f = &b->f;
	const struct node *item = daily_node(s, t);
	char date[32];
	struct buf into = {0}, costly = {0};
	if (item)
		buf_printf(&into, "%s %s", item->code, item->title);
	costly_outcomes(&costly, o, no);
	book_int(b, 0, t->id, f->center);
	book_text(b, 1, date_words(t->due, date), f->text);
	book_text(b, 2, t->title, f->text);
	book_text(b, 3, daily_target_title_of(t->target), f->text);
	book_text(b, 4, daily_kind_title_of(t->kind), f->text);
	book_text(b, 5, item ? buf_str(&into) : "方案中没有对应的考核项", f->text);
	book_int(b, 6, no, f->num);
	book_text(b, 7, !no ? "尚未记录" : costly.len ? buf_str(&costly) : "无", f->text);
	book_next(b, 0);
	buf_free(&into);
	buf_free(&costly);
}

/* 0, 1 if the acting user may not read the ledger, -1 on failure. */
static int daily_ledger(struct svc *s, struct book *b, struct svc_error *err)
{
	struct daily_task *t;
	int n;
	if (svc_daily_list(s, &t, &n) != 0)
		return svc_err(s)->code == SVC_FORBIDDEN ? 1 : report_fail_svc(s, err);
	struct svc_daily_rule *d = NULL;
	int nd = 0;
	if (svc_daily_rules(s, &d, &nd) != 0) {
		daily_list_free(t, n);
		return report_fail_svc(s, err);
	}
	static const struct book_col cols[] = {
		{"编号", 5}, {"日期", 15}, {"任务", 24}, {"考核对象", 14}, {"类型", 12}, {"计入", 16},
		{"已记录单位", 7}, {"扣分的结果（其余单位参会或按时报送）", 50},
	};
	struct buf title = {0}, sub = {0};
	buf_printf(&title, "%d 年度日常考核记录", svc_year(s));
	rule_words(&sub, d, nd);
	if (sub.len)
		buf_puts(&sub, "。");
	book_sheet(b, "日常考核记录", buf_str(&title), sub.len ? buf_str(&sub) : NULL, cols, 8, true);
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		struct svc_daily_outcome *o;
		int no;
		if (svc_daily_outcomes(s, t[i].id, &o, &no) != 0) {
			rc = report_fail_svc(s, err);
			break;
		}
		ledger_task(b, s, &t[i], o, no);
		svc_daily_outcomes_free(o, no);
	}
	if (!n)
		book_line(b, "本年度尚未登记日常考核任务。", b->f.note);
	buf_free(&title);
	buf_free(&sub);
	free(d);
	daily_list_free(t, n);
	return rc;
}

int write_results_xlsx(struct svc *s, const char *path, struct svc_error *err)
{
	struct book b;
	int rc = book_begin(s, &b, path, "安全生产目标考核结果", err);
	if (rc != 0)
		return -1;
	int shown = 0;
	enum unit_kind *kinds = NULL;
	int nk = 0;
	if (svc_kinds(s, &kinds, &nk) != 0)
		rc = report_fail_svc(s, err);
	/* a sheet for each kind the year assesses, in the order of its
	 * schemes (county, department, then the kinds added) */
	for (int k = 0; k < nk && rc >= 0; k++) {
		/* the departments' sheet even when nothing is seen, to say so */
		rc = ranking(s, &b, kinds[k], kinds[k] == KIND_DEPARTMENT && !shown, err);
		shown += rc == 0;
	}
	free(kinds);
	if (rc >= 0)
		rc = accidents(s, &b, err);
	if (rc >= 0)
		rc = daily_summary(s, &b, err);
	if (rc >= 0)
		rc = daily_ledger(s, &b, err);
	svc_read_end(s);
	if (rc < 0) {
		book_abandon(&b);
		return -1;
	}
	return book_close(&b, err);
}
