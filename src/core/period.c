/* period.c: the scheme key `periods`, the names of periods and the one
 * reading of a period a person writes (period.h). */
#include "period_impl.h"
#include "scheme_check.h"
#include "ytree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int period_count(enum period_kind k)
{
	return k == PERIOD_QUARTER ? 4 : k == PERIOD_MONTH ? 12 : 0;
}

const char *period_label(enum period_kind k, int p, char *buf)
{
	if (p == 0)
		snprintf(buf, PERIOD_BUFSZ, "全年");
	else if (k == PERIOD_QUARTER)
		snprintf(buf, PERIOD_BUFSZ, "第%d季度", p);
	else
		snprintf(buf, PERIOD_BUFSZ, "%d月", p);
	return buf;
}

int period_of_month(enum period_kind k, int month)
{
	if (month < 1 || month > 12)
		return 0;
	return k == PERIOD_QUARTER ? (month + 2) / 3 : k == PERIOD_MONTH ? month : 0;
}

points_t node_year_points(const struct scheme *s, const struct node *n)
{
	const struct period_rule *pr = &s->periods;
	if (pr->kind != PERIOD_NONE && pr->rollup == ROLLUP_SUM)
		return n->points * pr->n;
	return n->points;
}

points_t scheme_year_points(const struct scheme *s)
{
	return node_year_points(s, s->root);
}

/* A whole decimal number of one or two digits at p, ending at end; -1
 * if p is not one. */
static int small_number(const char *p, const char *end)
{
	int v = 0, k = 0;
	for (; p < end; p++, k++) {
		if (*p < '0' || *p > '9' || k == 2)
			return -1;
		v = v * 10 + (*p - '0');
	}
	return k ? v : -1;
}

/* Strips a prefix; returns the rest or NULL. */
static const char *after(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) == 0 ? s + n : NULL;
}

/* The number a quarter is written with: 2, Q2, 第2季度, 第二季度, 二季度. */
static int read_quarter(const char *t)
{
	static const char *const cn[] = {"一", "二", "三", "四"};
	const char *p, *end = t + strlen(t);
	if ((p = after(t, "Q")) || (p = after(t, "q")))
		return small_number(p, end);
	p = after(t, "第") ? t + strlen("第") : t;
	const char *q = strstr(p, "季度");
	if (!q) {
		if (p != t)
			return -1;
		return small_number(t, end);
	}
	if (q + strlen("季度") != end)
		return -1;
	for (int i = 0; i < 4; i++)
		if ((size_t)(q - p) == strlen(cn[i]) && strncmp(p, cn[i], (size_t)(q - p)) == 0)
			return i + 1;
	return small_number(p, q);
}

/* The number a month is written with: 3, M3, 3月, 2017-03 (*year set,
 * else 0). */
static int read_month(const char *t, int *year)
{
	const char *p, *end = t + strlen(t);
	*year = 0;
	if ((p = after(t, "M")) || (p = after(t, "m")))
		return small_number(p, end);
	if (strlen(t) == 7 && t[4] == '-') {
		int y = 0;
		for (int i = 0; i < 4; i++) {
			if (t[i] < '0' || t[i] > '9')
				return -1;
			y = y * 10 + (t[i] - '0');
		}
		*year = y;
		return small_number(t + 5, end);
	}
	size_t n = strlen(t), m = strlen("月");
	if (n > m && strcmp(t + n - m, "月") == 0)
		return small_number(t, t + n - m);
	return small_number(t, end);
}

int period_parse(const struct period_rule *pr, int year, const char *text, int *out,
		 struct buf *why)
{
	char b1[PERIOD_BUFSZ];
	*out = 0;
	bool empty = !text || !*text;
	if (pr->kind == PERIOD_NONE) {
		if (empty)
			return 0;
		buf_printf(why, "本方案按年度考核，不分季度或月份，不能注明期间“%s”", text);
		return -1;
	}
	const char *what = pr->kind == PERIOD_QUARTER ? "季度" : "月份";
	if (empty) {
		buf_printf(why, "本方案按%s考核，须注明所属%s（如 %s）", pr->kind == PERIOD_QUARTER ? "季度" : "月",
			   what, pr->kind == PERIOD_QUARTER ? "Q2" : "2017-03");
		return -1;
	}
	int y = 0;
	int p = pr->kind == PERIOD_QUARTER ? read_quarter(text) : read_month(text, &y);
	if (p < 1 || p > period_count(pr->kind)) {
		buf_printf(why, "期间“%s”不是有效的%s（%s）", text, what,
			   pr->kind == PERIOD_QUARTER ? "1–4、Q1–Q4 或 第1季度" : "1–12、M3、3月 或 2017-03");
		return -1;
	}
	if (y && year && y != year) {
		buf_printf(why, "期间“%s”不在 %d 年", text, year);
		return -1;
	}
	if (!pr->used[p]) {
		buf_printf(why, "方案不考核%s（期间“%s”）", period_label(pr->kind, p, b1), text);
		return -1;
	}
	*out = p;
	return 0;
}

void scheme_parse_periods(struct scheme_ctx *c, const struct ynode *y, struct scheme *s)
{
	static const char *const keys[] = {"by", "rollup", "only", NULL};
	struct period_rule *pr = &s->periods;
	if (!y)
		return;
	pr->line = y->line;
	if (y->type != Y_MAP) {
		scheme_err(c, y->line, "“periods”必须是映射（by、rollup、only）");
		return;
	}
	sk_keys(c, y, keys, "考核期间 periods ");
	const struct ynode *by = sk_scalar(c, y, "by", 1, "考核期间 periods ");
	const struct ynode *ro = sk_scalar(c, y, "rollup", 1, "考核期间 periods ");
	if (by) {
		if (strcmp(by->str, "quarter") == 0)
			pr->kind = PERIOD_QUARTER;
		else if (strcmp(by->str, "month") == 0)
			pr->kind = PERIOD_MONTH;
		else
			scheme_err(c, by->line, "“by”的值“%s”未知（可用：quarter 季度、month 月）", by->str);
	}
	if (ro) {
		if (strcmp(ro->str, "mean") == 0)
			pr->rollup = ROLLUP_MEAN;
		else if (strcmp(ro->str, "sum") == 0)
			pr->rollup = ROLLUP_SUM;
		else
			scheme_err(c, ro->line, "“rollup”的值“%s”未知（可用：mean 平均、sum 累计）", ro->str);
	}
	int count = period_count(pr->kind);
	const struct ynode *only = ytree_get(y, "only");
	if (!only || !count) {
		for (int p = 1; p <= count; p++)
			pr->used[p] = true;
		pr->n = count;
		if (!count)
			pr->kind = PERIOD_NONE;   /* an error was reported */
		return;
	}
	if (only->type != Y_SEQ || only->n == 0) {
		scheme_err(c, only->line, "“only”必须是期间编号的列表，如 [2, 3, 4]");
		pr->kind = PERIOD_NONE;
		return;
	}
	for (int i = 0; i < only->n; i++) {
		const struct ynode *v = only->items[i];
		char *end = NULL;
		long p = v->type == Y_SCALAR ? strtol(v->str, &end, 10) : 0;
		if (v->type != Y_SCALAR || !*v->str || *end || p < 1 || p > count) {
			scheme_err(c, v->line, "期间编号“%s”须是 1 到 %d 的整数", v->type == Y_SCALAR ? v->str : "",
				   count);
		} else if (pr->used[p]) {
			scheme_err(c, v->line, "期间 %ld 重复", p);
		} else {
			pr->used[p] = true;
			pr->n++;
		}
	}
	if (pr->n == 0)
		pr->kind = PERIOD_NONE;
}

void scheme_check_periods(struct scheme_ctx *c, struct scheme *s)
{
	if (s->periods.kind == PERIOD_NONE)
		return;
	/* Daily records are kept for the year, not by period. */
	if (s->ndaily_items)
		scheme_err(c, s->periods.line, "按期间考核的方案（periods）不能同时有日常考核 daily");
}
