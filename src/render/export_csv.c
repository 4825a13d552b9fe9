/* export_csv.c: the stored results as CSV (render.h). */
#include "render.h"
#include "../core/csv.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A cell a spreadsheet would take for a formula (= + - @, or a tab or
 * carriage return first) gets a leading apostrophe (OWASP: CSV injection).
 * Numbers kaohe writes itself ("-1.5") are written as they are. */
void csv_safe_field(struct buf *b, const char *s, bool number)
{
	if (!s)
		s = "";
	if (!number && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
			s[0] == '\r')) {
		struct buf t = {0};
		buf_putc(&t, '\'');
		buf_puts(&t, s);
		csv_put_field(b, buf_str(&t));
		buf_free(&t);
		return;
	}
	csv_put_field(b, s);
}

void csv_safe_row(struct buf *b, const char *const *f, int n, unsigned numbers)
{
	for (int i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		csv_safe_field(b, f[i], numbers & (1u << i));
	}
	buf_puts(b, "\r\n");
}

void results_csv(const struct stored_result *r, int n, struct buf *out)
{
	static const char *const head[] = {"单位", "类型", "名次", "总分", "拟定档次", "确定档次", "理由",
		"否决", "说明"};
	buf_puts(out, "\xEF\xBB\xBF");
	csv_safe_row(out, head, 9, 0);
	for (int i = 0; i < n; i++) {
		char total[POINTS_BUFSZ], rank[16];
		snprintf(rank, sizeof rank, "%d", r[i].rank);
		struct buf vetoes = {0}, note = {0};
		if (r[i].provincial)
			buf_puts(&note, "省考核结果");
		char *issue = stored_decision_issue(&r[i]);
		if (issue || r[i].incomplete)
			buf_printf(&note, "%s%s", note.len ? "；" : "", issue ? issue : "未完成");
		free(issue);
		for (int k = 0; k < r[i].nvetoes; k++)
			buf_printf(&vetoes, "%s%s（%s）", vetoes.len ? "；" : "", r[i].vetoes[k].title,
				   r[i].vetoes[k].detail);
		const char *f[] = {r[i].unit.name, unit_kind_title(r[i].unit.kind), r[i].rank ? rank : "",
				   points_fmt(r[i].total, total), scheme_grade_name(r[i].grading, r[i].proposed),
				   scheme_grade_name(r[i].grading, r[i].decision.grade), r[i].decision.reason, buf_str(&vetoes),
				   buf_str(&note)};
		csv_safe_row(out, f, 9, 1u << 2 | 1u << 3);
		buf_free(&vetoes);
		buf_free(&note);
	}
}

static void node_rows(struct buf *out, const char *unit, const char *sheet, const struct node *n,
		      const struct stored_node *nodes)
{
	const struct stored_node *sn = &nodes[n->index];
	char sc[POINTS_BUFSZ], pt[POINTS_BUFSZ], de[POINTS_BUFSZ];
	if (sn->node) {
		const char *f[] = {unit, sheet, n->code, n->title, points_fmt(n->points, pt),
				   points_fmt(sn->score, sc), points_fmt(sn->deduction, de), sn->derivation};
		csv_safe_row(out, f, 8, 1u << 4 | 1u << 5 | 1u << 6);
	}
	if (n->score != SCORE_SHEETS)
		for (int i = 0; i < n->nchildren; i++)
			node_rows(out, unit, sheet, n->children[i], nodes);
}

void sheets_csv(const struct stored_result *r, int n, struct buf *out)
{
	static const char *const head[] = {"单位", "抽查单位", "编号", "名称", "分值", "得分", "扣分",
		"计算过程"};
	buf_puts(out, "\xEF\xBB\xBF");
	csv_safe_row(out, head, 8, 0);
	for (int i = 0; i < n; i++) {
		if (!r[i].nodes)
			continue;
		const struct node *root = r[i].scheme->root;
		for (int c = 0; c < root->nchildren; c++) {
			const struct node *part = root->children[c];
			node_rows(out, r[i].unit.name, "", part, r[i].nodes);
			/* the sampled units' sheets under a sheets node */
			for (int m = part->index; m < r[i].scheme->nnodes; m++) {
				const struct node *x = r[i].scheme->nodes[m];
				if (m > part->index && x->depth <= part->depth)
					break;
				if (x->score != SCORE_SHEETS)
					continue;
				for (int k = 0; k < r[i].nsheets; k++)
					if (r[i].sheets[k].nodes[x->index].node)
						for (int ch = 0; ch < x->nchildren; ch++)
							node_rows(out, r[i].unit.name, r[i].sheets[k].label,
								  x->children[ch], r[i].sheets[k].nodes);
			}
		}
	}
}
