/* draft.c: a rubric's table (编号, 考核项目, 分值, 考核内容及评分标准, 考核方式)
 * turned into a draft scheme's YAML (issue 11).
 *
 * The hierarchy comes from the codes (1 → 1.1 → 1.1.1); a row without a
 * code continues the row above (a merged cell arrives as an empty one).
 * Title, points, text and method are kept verbatim; each item's rule is
 * read by draft_entered (a score another body gives, said in the row or
 * a group above it) or else by draft_rule. A row that cannot be read
 * with certainty carries a `draft:` remark, which scheme_parse refuses,
 * so nothing unreviewed is ever scored. The YAML is written by hand: every string double-quoted. */
#include "draft.h"
#include "numtext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* As many nodes as a scheme may have (scheme_parse.c); the tree is
 * built by comparing codes pairwise, so the bound also bounds the work. */
#define DRAFT_MAX_ROWS 10000

enum col { COL_CODE, COL_TITLE, COL_POINTS, COL_TEXT, COL_METHOD, NCOLS };

/* Header names of each column, as rubrics write them. */
static const char *const col_names[NCOLS][6] = {
	[COL_CODE] = {"编号", "序号", NULL},
	[COL_TITLE] = {"考核项目", "考核项", "项目", NULL},
	[COL_POINTS] = {"分值", "分数", "标准分", NULL},
	[COL_TEXT] = {"考核内容及评分标准", "考核内容和评分标准", "评分标准", "考核内容", NULL},
	[COL_METHOD] = {"考核方式", "考核办法", "考核方法", NULL},
};

struct row {
	char *code, *title, *text, *method;
	char *points_text;      /* as written, for the message */
	points_t points;        /* -1: none */
	int line;
	int parent;             /* index, or -1 for the root */
	int leaf;
	char *why;              /* the draft remark (heap), or NULL */
};

/* Appends more to *s (a line break between two non-empty texts). */
static void append(char **s, const char *more, const char *sep)
{
	if (!more[0])
		return;
	if (!*s || !(*s)[0]) {
		free(*s);
		*s = xstrdup(more);
		return;
	}
	struct buf b = {0};
	buf_printf(&b, "%s%s%s", *s, sep, more);
	free(*s);
	*s = buf_take(&b);
}

/* A cell with the spaces around it dropped; caller frees. */
static char *cell(char *const *r, int c)
{
	if (c < 0)
		return xstrdup("");
	const char *s = r[c] ? r[c] : "";
	size_t a = 0, b = strlen(s);
	while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n'))
		b--;
	return xstrndup(s + a, b - a);
}

/* Whether a table's code makes a node: one the scheme language takes,
 * not beginning or ending with the '.' that separates its levels. */
static int code_ok(const char *s)
{
	return scheme_code_valid(s) && *s != '.' && s[strlen(s) - 1] != '.';
}

/* Sets a row's remark unless it has one. */
static void remark(struct row *r, const char *why)
{
	if (!r->why && why[0])
		r->why = xstrdup(why);
}

/* Finds the header among the first rows: the first naming 编号 and the
 * rule text. Returns its index, or -1; cols[] receives the columns. */
static int find_header(const struct csv *t, int cols[NCOLS])
{
	for (int i = 0; i < t->nrows && i < 10; i++) {
		for (int k = 0; k < NCOLS; k++)
			cols[k] = csv_header_column(t->rows[i], t->ncols, col_names[k]);
		if (cols[COL_CODE] >= 0 && cols[COL_TEXT] >= 0)
			return i;
	}
	return -1;
}

/* The deepest a code nests (1.2.3.4.5 …); levels beyond are not read. */
#define DRAFT_MAX_LEVELS 16

/* Reads row i as a score entered by another body, from its own text and
 * method and its groups' (draft_entered); returns 0 if it is not one. */
static int entered(const struct row *rows, int i, struct draft_reading *rd)
{
	struct draft_level lv[DRAFT_MAX_LEVELS];
	int n = 0;
	for (int k = i; k >= 0 && n < DRAFT_MAX_LEVELS; k = rows[k].parent) {
		lv[n].text = n == 0 && !rows[k].text[0] ? rows[k].title : rows[k].text;
		lv[n].method = rows[k].method;
		n++;
	}
	return draft_entered(lv, n, rows[i].points, rd);
}

/* Whether a child of group i is a leaf whose score another body gives. */
static int entered_child(const struct row *rows, int n, int i)
{
	int found = 0;
	for (int k = i + 1; k < n && !found; k++)
		if (rows[k].parent == i && rows[k].leaf) {
			struct draft_reading rd;
			found = entered(rows, k, &rd);
			draft_reading_free(&rd);
		}
	return found;
}

/* Writes one node (and its children) at the given indent. */
static void emit(struct row *rows, int n, int i, int indent, struct buf *y, struct draft_stats *st)
{
	struct row *r = &rows[i];
	char p[POINTS_BUFSZ];
	int in = indent + 2;
	buf_printf(y, "%*s- code: ", indent, "");
	draft_yaml_str(y, r->code);
	buf_printf(y, "\n%*stitle: ", in, "");
	draft_yaml_str(y, r->title);
	buf_putc(y, '\n');
	if (r->points >= 0)
		buf_printf(y, "%*spoints: %s\n", in, "", points_fmt(r->points, p));
	if (!r->leaf) {
		/* children adding up to the group's points are summed; otherwise
		 * their caps are deductions from it (扣完为止) */
		points_t sum = 0;
		int all = 1;
		for (int k = i + 1; k < n; k++)
			if (rows[k].parent == i) {
				all &= rows[k].points >= 0;
				sum += rows[k].points >= 0 ? rows[k].points : 0;
			}
		if (r->points < 0)
			remark(r, "类别未写分值，请补写 points");
		if (!(all && sum == r->points) && entered_child(rows, n, i)) {
			char a[POINTS_BUFSZ], why[256];
			snprintf(why, sizeof why, "下级有其他单位打分的录入分，而下级分值之和（%s分）与本项分值"
				 "（%s分）不等，不能按扣分（deduct）计：请写明 score（如 mean）和 scale",
				 points_fmt(sum, a), points_fmt(r->points, p));
			remark(r, why);
		}
		buf_printf(y, "%*sscore: %s\n", in, "", all && sum == r->points ? "sum" : "deduct");
	}
	if (r->text[0]) {
		buf_printf(y, "%*stext: ", in, "");
		draft_yaml_str(y, r->text);
		buf_putc(y, '\n');
	}
	if (r->method[0]) {
		buf_printf(y, "%*smethod: ", in, "");
		draft_yaml_str(y, r->method);
		buf_putc(y, '\n');
	}
	if (r->leaf) {
		struct draft_reading rd;
		if (!entered(rows, i, &rd))
			draft_rule(r->text[0] ? r->text : r->title, r->points, &rd);
		buf_printf(y, "%*srule: ", in, "");
		draft_rule_yaml(&rd.rule, in, y);
		buf_putc(y, '\n');
		remark(r, rd.why);
		draft_reading_free(&rd);
		st->items++;
		if (r->why)
			st->marked++;
		else
			st->read++;
	} else if (r->why) {
		st->groups_marked++;
	}
	if (r->why) {
		buf_printf(y, "%*sdraft: ", in, "");
		draft_yaml_str(y, r->why);
		buf_putc(y, '\n');
	}
	if (!r->leaf) {
		buf_printf(y, "%*schildren:\n", in, "");
		for (int k = i + 1; k < n; k++)
			if (rows[k].parent == i)
				emit(rows, n, k, in + 2, y, st);
	}
}

/* The rows below the header become nodes (continuations joined), each
 * finds its parent by code, and the tree is written from the top. */
int draft_scheme(const struct csv *t, const char *file, const struct draft_meta *m,
		 struct buf *yaml, struct draft_stats *st, struct diag *d)
{
	memset(st, 0, sizeof *st);
	int cols[NCOLS];
	int h = find_header(t, cols);
	if (h < 0) {
		diag_add(d, "%s：找不到表头（须有“编号”和“考核内容及评分标准”两列）", file);
		return -1;
	}
	int first = d->n;
	struct row *rows = xcalloc((size_t)t->nrows + 1, sizeof *rows);
	int n = 0;
	for (int i = h + 1; i < t->nrows; i++) {
		char *f[NCOLS];
		for (int k = 0; k < NCOLS; k++)
			f[k] = cell(t->rows[i], cols[k]);
		int blank = 1;
		for (int k = 0; k < NCOLS; k++)
			blank &= !f[k][0];
		if (blank) {
			for (int k = 0; k < NCOLS; k++)
				free(f[k]);
			continue;
		}
		if (!f[COL_CODE][0]) {
			/* a merged cell: this row continues the one above */
			if (!n) {
				diag_add(d, "%s：第%d行：没有编号，上面也没有可接续的行", file, t->line[i]);
			} else {
				struct row *r = &rows[n - 1];
				append(&r->title, f[COL_TITLE], "");
				append(&r->text, f[COL_TEXT], "\n");
				append(&r->method, f[COL_METHOD], "\n");
				if (f[COL_POINTS][0])
					remark(r, "续行另写了分值，请核对");
			}
			for (int k = 0; k < NCOLS; k++)
				free(f[k]);
			continue;
		}
		if (n == DRAFT_MAX_ROWS) {
			diag_add(d, "%s：第%d行：考核内容过多（最多 %d 行）", file, t->line[i], DRAFT_MAX_ROWS);
			for (int k = 0; k < NCOLS; k++)
				free(f[k]);
			break;
		}
		struct row *r = &rows[n++];
		r->code = f[COL_CODE];
		r->title = f[COL_TITLE];
		r->points_text = f[COL_POINTS];
		r->text = f[COL_TEXT];
		r->method = f[COL_METHOD];
		r->line = t->line[i];
		r->points = -1;
		if (!code_ok(r->code))
			diag_add(d, "%s：第%d行：编号“%s”须由数字和点组成（如 1.2.3）", file, r->line, r->code);
		for (int k = 0; k < n - 1; k++)
			if (strcmp(rows[k].code, r->code) == 0)
				/* a spreadsheet that keeps 编号 as numbers reads 4.10 as 4.1 */
				diag_add(d, "%s：第%d行：编号“%s”重复（第%d行已有）%s", file, r->line, r->code,
					 rows[k].line, strchr(r->code, '.') ? "；若表中“编号”列存为数字，4.10 会读成 4.1："
					 "请把该列设为文本格式后重新保存" : "");
		if (r->points_text[0]) {
			char folded[64];
			if (!numtext_fold(r->points_text, folded, sizeof folded) ||
			    points_parse(folded, &r->points) != 0) {
				r->points = -1;
				struct buf why = {0};
				buf_printf(&why, "分值“%s”不是有效分值，请核对", r->points_text);
				remark(r, buf_str(&why));
				buf_free(&why);
			}
		}
	}
	/* the parent: the nearest row above whose code plus '.' begins this one */
	for (int i = 0; i < n; i++) {
		struct row *r = &rows[i];
		r->parent = -1;
		size_t best = 0;
		for (int k = 0; k < i; k++) {
			size_t len = strlen(rows[k].code);
			if (len > best && strncmp(rows[k].code, r->code, len) == 0 && r->code[len] == '.') {
				best = len;
				r->parent = k;
			}
		}
		const char *dot = strrchr(r->code, '.');
		if (dot && (r->parent < 0 || (size_t)(dot - r->code) != best)) {
			struct buf why = {0};
			buf_printf(&why, "上级编号“%.*s”不在表中，请核对层级", (int)(dot - r->code), r->code);
			remark(r, buf_str(&why));
			buf_free(&why);
		}
		if (!r->title[0])
			remark(r, "未写考核项目名称，请补写 title");
	}
	for (int i = 0; i < n; i++) {
		rows[i].leaf = 1;
		for (int k = i + 1; k < n; k++)
			if (rows[k].parent == i)
				rows[i].leaf = 0;
	}
	if (!n)
		diag_add(d, "%s：表头以下没有任何考核内容", file);
	int bad = d->n > first;
	if (!bad) {
		points_t total = 0;
		for (int i = 0; i < n; i++)
			if (rows[i].parent < 0 && rows[i].points > 0)
				total += rows[i].points;
		char p[POINTS_BUFSZ];
		buf_puts(yaml, "# 由 kaohe scheme draft 从考核细则表生成的草稿。\n"
			 "# 带 draft 的行须人工核对规则后删除 draft；scheme check 通过后方可使用。\n\n");
		buf_puts(yaml, "scheme: ");
		draft_yaml_str(yaml, m->name);
		buf_puts(yaml, "\ntitle: ");
		draft_yaml_str(yaml, m->title);
		buf_puts(yaml, "\nunit: ");
		draft_yaml_str(yaml, m->unit);
		if (m->unit_title) {
			buf_puts(yaml, "\nunit_title: ");
			draft_yaml_str(yaml, m->unit_title);
		}
		buf_printf(yaml, "\nyear: %d\npoints: %s\n\nchildren:\n", m->year, points_fmt(total, p));
		for (int i = 0; i < n; i++)
			if (rows[i].parent < 0)
				emit(rows, n, i, 2, yaml, st);
	}
	for (int i = 0; i < n; i++) {
		free(rows[i].code);
		free(rows[i].title);
		free(rows[i].points_text);
		free(rows[i].text);
		free(rows[i].method);
		free(rows[i].why);
	}
	free(rows);
	return bad ? -1 : 0;
}
