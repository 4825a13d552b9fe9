/* template_xlsx.c: the scoring workbook to fill in (kaohe template xlsx,
 * the web's 下载评分模板). Worksheet 评分: the header is the findings
 * import's own columns (with three read-only ones the importer ignores),
 * one row per unit and item the acting user enters (template_rows.c),
 * the values stored now filled in; only the row's own input cells are
 * unlocked (the sheet is protected without a password) and each carries
 * a data validation from the item's rule. Worksheet 说明: how to fill it
 * in and send it back, and the stamp of the data it was made from. */
#include "template.h"
#include "template_dv.h"
#include "xlsx_book.h"
#include "xlsx_in.h"
#include "../core/figures.h"
#include "../core/rule.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

/* C_FIGURES is written only for a scheme with rules that take figures
 * (core/figures.h), C_PERIOD only for a periodic one (core/period.h),
 * each after the others: the 2016 schemes' workbooks keep their twelve
 * columns. */
enum col { C_UNIT, C_CODE, C_TITLE, C_TEXT, C_METHOD, C_RULE, C_COUNT, C_COND, C_DEDUCT, C_SCORE, C_NA, C_NOTE,
	   C_FIGURES, C_PERIOD, NCOLS };

static const struct {
	const char *name;
	double width;             /* in Excel's character widths */
} cols[NCOLS] = {
	/* the long texts balanced so that a row's columns take about as many
	 * lines (the method is often the longest): half the paper of equal
	 * widths for the demo scheme */
	{"单位", 16}, {"编号", 9}, {"考核项目", 16}, {"考核内容及评分标准", 38}, {"考核方式", 40}, {"规则", 20},
	{"次数", 6}, {"情形", 6}, {"扣分", 6}, {"得分", 6}, {"不适用", 7}, {"备注", 16}, {"数据", 14},
	{"期间", 10},
};

/* The formats of the workbook. */
struct fmts {
	lxw_format *head, *ro, *ro_code, *in, *in_text, *in_code, *off, *title, *text, *bold;
};

static lxw_format *fmt(lxw_workbook *wb, bool border, unsigned bg)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_font_name(f, "宋体");
	format_set_font_size(f, 10);
	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (bg) {
		format_set_pattern(f, LXW_PATTERN_SOLID);
		format_set_bg_color(f, bg);
	}
	return f;
}

static void make_formats(lxw_workbook *wb, struct fmts *f)
{
	f->head = fmt(wb, true, 0xD9D9D9);
	format_set_bold(f->head);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	f->ro = fmt(wb, true, 0);
	f->ro_code = fmt(wb, true, 0);
	format_set_num_format(f->ro_code, "@");
	/* input cells: light yellow, unlocked */
	f->in = fmt(wb, true, 0xFFF2CC);
	format_set_unlocked(f->in);
	format_set_align(f->in, LXW_ALIGN_CENTER);
	f->in_text = fmt(wb, true, 0xFFF2CC);
	format_set_unlocked(f->in_text);
	f->in_code = fmt(wb, true, 0xFFF2CC);
	format_set_unlocked(f->in_code);
	format_set_align(f->in_code, LXW_ALIGN_CENTER);
	format_set_num_format(f->in_code, "@");
	format_set_num_format(f->in_text, "@");   /* 1,3 stays text */
	/* an input that is not this item's: grey, locked */
	f->off = fmt(wb, true, 0xBFBFBF);
	f->title = fmt(wb, false, 0);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->text = fmt(wb, false, 0);
	f->bold = fmt(wb, false, 0);
	format_set_bold(f->bold);
}

/* ---- one row ---- */

/* What to fill in, in words, then the rule restated. Caller frees. */
static char *rule_words(const struct node *n)
{
	struct buf b = {0};
	char *d = rule_describe(n);
	switch (rule_input_form(n->rule.type)) {
	case INPUT_COUNT:
		buf_printf(&b, "填“次数”（%s）：%s", n->rule.unit ? n->rule.unit : "次", d);
		break;
	case INPUT_CONDITIONS:
		if (n->rule.type == RULE_FIXED)
			buf_printf(&b, "填“情形”：1 = %s；没有此情形填 0", d);
		else
			buf_printf(&b, "填“情形”编号（多项用逗号分隔，没有所列情形填 0）：%s", d);
		break;
	case INPUT_DEDUCT: buf_printf(&b, "填“扣分”：%s", d); break;
	case INPUT_SCORE: buf_printf(&b, "填“得分”：%s", d); break;
	case INPUT_FIGURES: {
		char *hint = rule_figures_hint(n);
		buf_printf(&b, "填“数据”，%s：%s", hint, d);
		free(hint);
		break;
	}
	default: buf_puts(&b, "本类整体不适用时在“不适用”中选“是”"); break;
	}
	if (n->na != NA_NONE && n->rule.type != RULE_NONE)
		buf_puts(&b, "；不适用时选“是”");
	free(d);
	return buf_take(&b);
}

/* The input cell of the row's form, with its validation and the value
 * stored now. */
static void input_cell(lxw_worksheet *ws, const struct fmts *F, struct run *runs, lxw_row_t row,
		       const struct trow *t)
{
	const struct node *n = t->n;
	const struct rule *r = &n->rule;
	char p1[POINTS_BUFSZ];
	struct buf msg = {0}, err = {0};
	lxw_data_validation dv = {0};
	enum input_form form = rule_input_form(r->type);
	const struct finding *f = t->has && t->f.form == form ? &t->f : NULL;
	switch (form) {
	case INPUT_COUNT: {
		long long max = r->max_count ? r->max_count : 1000000;
		dv.validate = LXW_VALIDATION_TYPE_INTEGER;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = 0;
		dv.maximum_number = (double)max;
		buf_printf(&msg, "填写次数（%s），整数 0 至 %lld。", r->unit ? r->unit : "次", max);
		buf_printf(&err, "次数须是 0 至 %lld 的整数", max);
		if (f)
			worksheet_write_number(ws, row, C_COUNT, (double)f->count, F->in);
		else
			worksheet_write_blank(ws, row, C_COUNT, F->in);
		validate(ws, runs, row, C_COUNT, &dv, "次数", buf_str(&msg), buf_str(&err));
		break;
	}
	case INPUT_CONDITIONS: {
		/* one condition: a list of 0 and 1; several: any text ("1,3"; a
		 * list's items cannot hold a comma), the importer checks it */
		static char zero[] = "0", one[] = "1";
		static char *fixed[] = {zero, one, NULL};
		if (r->type == RULE_FIXED) {
			dv.validate = LXW_VALIDATION_TYPE_LIST;
			dv.value_list = fixed;
			buf_puts(&msg, "选 1（有此情形）或 0（没有）。\n");
			buf_puts(&err, "只能填 1（有此情形）或 0（没有）");
		} else {
			dv.validate = LXW_VALIDATION_TYPE_ANY;
			buf_puts(&msg, "填写情形编号，多项用逗号分隔，如 1,3；没有所列情形填 0。\n");
		}
		for (int i = 0; i < rule_nconds(r); i++) {
			const char *text = r->type == RULE_FIXED ? (r->text ? r->text : "未落实") : r->conds[i].text;
			buf_printf(&msg, "%s%d=%s", i ? "；" : "", i + 1, text ? text : "");
		}
		if (f) {
			struct buf v = {0};
			for (int i = 0; i < 64; i++)
				if (f->conditions >> i & 1)
					buf_printf(&v, "%s%d", v.len ? "," : "", i + 1);
			worksheet_write_string(ws, row, C_COND, v.len ? buf_str(&v) : "0", F->in_code);
			buf_free(&v);
		} else {
			worksheet_write_blank(ws, row, C_COND, F->in_code);
		}
		validate(ws, runs, row, C_COND, &dv, "情形", buf_str(&msg), err.len ? buf_str(&err) : NULL);
		break;
	}
	case INPUT_DEDUCT:
	case INPUT_SCORE: {
		bool deduct = form == INPUT_DEDUCT;
		int col = deduct ? C_DEDUCT : C_SCORE;
		points_t max = deduct ? r->max : r->scale;
		dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = 0;
		/* points are exact hundredths; as a double they print back exactly */
		dv.maximum_number = (double)max / 100.0;
		points_fmt(max, p1);
		if (deduct)
			buf_printf(&msg, "填写扣分，0 至 %s 分，最多两位小数。", p1);
		else
			buf_printf(&msg, "填写得分（%s 分制），0 至 %s，最多两位小数。", p1, p1);
		buf_printf(&err, "%s须是 0 至 %s 之间的数，最多两位小数", deduct ? "扣分" : "得分", p1);
		if (f)
			worksheet_write_number(ws, row, (lxw_col_t)col, (double)f->amount / 100.0, F->in);
		else
			worksheet_write_blank(ws, row, (lxw_col_t)col, F->in);
		validate(ws, runs, row, col, &dv, deduct ? "扣分" : "得分", buf_str(&msg), buf_str(&err));
		break;
	}
	case INPUT_FIGURES: {
		/* any text: the importer reads it with the one parser */
		char *hint = rule_figures_hint(n);
		dv.validate = LXW_VALIDATION_TYPE_ANY;
		buf_puts(&msg, hint);
		free(hint);
		char *v = f ? figures_canonical(f->figures) : NULL;
		if (v)
			worksheet_write_string(ws, row, C_FIGURES, v, F->in_code);
		else
			worksheet_write_blank(ws, row, C_FIGURES, F->in_code);
		free(v);
		validate(ws, runs, row, C_FIGURES, &dv, "数据", buf_str(&msg), NULL);
		break;
	}
	default:
		break;
	}
	buf_free(&msg);
	buf_free(&err);
}

/* Lines text takes in a column `width` characters wide (CJK characters
 * count two), each paragraph on its own lines. */
static int lines_in(const char *text, double width)
{
	int lines = 0;
	double room = width - 1;  /* the cell's padding */
	for (const char *p = text; p;) {
		const char *nl = strchr(p, '\n');
		char *para = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		int w = utf8_width(para);
		lines += w == 0 ? 1 : (int)((w + room - 1) / room);
		free(para);
		p = nl ? nl + 1 : NULL;
	}
	return lines;
}

/* The row's height for its tallest cell: set, because not every program
 * fits rows of wrapped text when it opens a file (LibreOffice does not). */
static void row_height(lxw_worksheet *ws, lxw_row_t row, const char *const text[NCOLS])
{
	int lines = 1;
	for (int c = 0; c < NCOLS; c++)
		if (text[c]) {
			int n = lines_in(text[c], cols[c].width);
			if (n > lines)
				lines = n;
		}
	/* 10-point type: 13.5 points a line, and a little room */
	worksheet_set_row(ws, row, 13.5 * lines + 2, NULL);
}

/* One row: figures says the sheet has the 数据 column; pcol is the 期间
 * column, or -1; l the list of the row's periods (NULL: the year's). */
static void write_row(lxw_worksheet *ws, const struct fmts *F, struct run *runs, lxw_row_t row,
		      const struct trow *t, bool figures, int pcol, const struct plist *l)
{
	const struct node *n = t->n;
	char p1[POINTS_BUFSZ];
	worksheet_write_string(ws, row, C_UNIT, t->unit, F->ro);
	worksheet_write_string(ws, row, C_CODE, n->code, F->ro_code);
	struct buf title = {0};
	buf_puts(&title, n->title);
	if (n->points)
		buf_printf(&title, "（%s 分）", points_fmt(n->points, p1));
	worksheet_write_string(ws, row, C_TITLE, buf_str(&title), F->ro);
	if (n->text)
		worksheet_write_string(ws, row, C_TEXT, n->text, F->ro);
	else
		worksheet_write_blank(ws, row, C_TEXT, F->ro);
	const char *method = node_method(n);   /* its own or the nearest group's */
	if (method)
		worksheet_write_string(ws, row, C_METHOD, method, F->ro);
	else
		worksheet_write_blank(ws, row, C_METHOD, F->ro);
	char *words = rule_words(n);
	worksheet_write_string(ws, row, C_RULE, words, F->ro);
	const char *text[NCOLS] = {[C_UNIT] = t->unit, [C_TITLE] = buf_str(&title), [C_TEXT] = n->text,
				   [C_METHOD] = method, [C_RULE] = words, [C_NOTE] = t->has ? t->note : NULL};
	row_height(ws, row, text);
	free(words);
	buf_free(&title);
	/* every input cell grey and locked, then the row's own opened */
	for (int c = C_COUNT; c <= C_NA; c++)
		worksheet_write_blank(ws, row, (lxw_col_t)c, F->off);
	if (figures)
		worksheet_write_blank(ws, row, C_FIGURES, F->off);
	if (pcol >= 0 && l)
		period_cell(ws, F->in_code, runs, row, pcol, t, l);
	else if (pcol >= 0)
		worksheet_write_blank(ws, row, (lxw_col_t)pcol, F->off);
	input_cell(ws, F, runs, row, t);
	if (n->na != NA_NONE) {
		if (t->has && t->f.form == INPUT_NA)
			worksheet_write_string(ws, row, C_NA, "是", F->in);
		else
			worksheet_write_blank(ws, row, C_NA, F->in);
		static char yes[] = "是";
		static char *list[] = {yes, NULL};
		lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST, .value_list = list};
		validate(ws, runs, row, C_NA, &dv, "不适用", "本项不适用于该单位时选“是”，否则留空。",
			 "只能填“是”或留空");
	}
	if (t->has && t->note)
		worksheet_write_string(ws, row, C_NOTE, t->note, F->in_text);
	else
		worksheet_write_blank(ws, row, C_NOTE, F->in_text);
}

/* ---- the workbook ---- */

/* text with '&' doubled, for a page header or footer. Caller frees. */
static char *amp(const char *text)
{
	struct buf b = {0};
	for (; *text; text++)
		buf_puts(&b, *text == '&' ? "&&" : (char[2]){*text, 0});
	return buf_take(&b);
}

static void scoring_sheet(lxw_workbook *wb, const struct fmts *F, const struct trows *rows, const char *title,
			  const char *stamp)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "评分");
	bool figures = false, periodic = false;
	for (int i = 0; i < rows->n; i++) {
		figures |= rule_takes_figures(rows->r[i].n->rule.type);
		periodic |= rows->r[i].pr != NULL;
	}
	/* the optional columns after the twelve, in their order */
	int ncols = C_FIGURES, pcol = -1;
	if (figures)
		ncols++;
	if (periodic)
		pcol = ncols++;
	for (int c = 0; c < ncols; c++) {
		int k = c == pcol ? C_PERIOD : c;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cols[k].width, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, cols[k].name, F->head);
	}
	struct run runs[NCOLS] = {0};
	struct plist *ls = NULL;
	int nl = 0;
	for (int i = 0; i < rows->n; i++) {
		const struct trow *t = &rows->r[i];
		write_row(ws, F, runs, (lxw_row_t)(i + 1), t, figures, pcol, t->pr ? plist_of(&ls, &nl, t->pr) : NULL);
	}
	for (int c = 0; c < ncols; c++)
		run_flush(ws, c, &runs[c]);
	for (int i = 0; i < nl; i++) {
		free(ls[i].msg);
		free(ls[i].err);
	}
	free(ls);
	worksheet_freeze_panes(ws, 1, 2);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)rows->n, (lxw_col_t)(ncols - 1));
	lxw_protection prot = {.format_columns = 1, .format_rows = 1, .autofilter = 1};
	worksheet_protect(ws, NULL, &prot);
	/* print: A4 landscape, one page wide, the header row on every page */
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_set_margins(ws, 0.4, 0.4, 0.7, 0.7);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	char *t = amp(title), *st = amp(stamp);
	struct buf head = {0}, foot = {0};
	buf_printf(&head, "&C&12%s", t);
	char *h = template_cut(buf_str(&head), 250);
	worksheet_set_header(ws, h);
	buf_printf(&foot, "&L&8数据：%s&R&8第 &P 页 共 &N 页", st);
	char *f = template_cut(buf_str(&foot), 250);
	worksheet_set_footer(ws, f);
	free(h);
	free(f);
	free(t);
	free(st);
	buf_free(&head);
	buf_free(&foot);
	worksheet_activate(ws);
}

static void notes_sheet(lxw_workbook *wb, const struct fmts *F, const struct trows *rows, const char *title,
			const char *stamp, const char *file)
{
	static const char *const steps[] = {
		"1. 在“评分”工作表中逐行填写。每行是一个单位的一个考核项目；黄色单元格可以填写，灰色单元格不能填写"
		"（工作表已保护，未设密码，不影响填写、筛选和调整列宽行高）。",
		"2. 每行只填一项，按“规则”列的提示：“次数”填整数；“情形”填情形编号，多项用逗号分隔（如 1,3），没有所列情形填 0；"
		"“扣分”“得分”最多两位小数；本项不适用于该单位时在“不适用”中选“是”。扣分依据可写在“备注”中。",
		"3. 已录入的评分已预先填入，可以修改。没有填写的行不导入；清空单元格不会删除已录入的评分，"
		"如需删除请在系统中操作。",
		"4. 不要修改“单位”“编号”两列和表头，不要插入或删除列；不需要填写的行留空即可（留空的行不导入）。",
		"5. 填好后保存为 .xlsx 文件（不要另存为 CSV），由本人账号导入：命令 kaohe score import 文件名.xlsx，"
		"或在网页“评分表”页选择文件上传。",
		"6. 导入时逐行按系统中的权限和评分规则检查：全部行无误才导入，有一处有误则一行也不导入，并列出每处问题所在的"
		"工作表、行和列。得分以系统计算为准。",
		NULL,
	};
	static const char period_step[] =
		"本方案按季度或月份考核：“期间”列是该行评分所属的期间（如 第2季度、3月），已预先填好，可从下拉列表中改选；"
		"同一考核项每个期间各录入一次。只填一个期间的模板可用 kaohe template xlsx --period 期间 生成。"
		"期间填错或不是本方案考核的期间，整个文件不导入，并指出所在的行和列。";
	bool periodic = false;
	for (int i = 0; i < rows->n; i++)
		periodic |= rows->r[i].pr != NULL;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "说明");
	const double width = 110;
	worksheet_set_column(ws, 0, 0, width, NULL);
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	struct buf count = {0}, made = {0};
	buf_printf(&count, "共 %d 个单位、%d 行。文件：%s", rows->units, rows->n, file);
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	strftime(now, sizeof now, "%Y-%m-%d %H:%M", localtime_r(&t, &tm));
	buf_printf(&made, "生成于 %s", now);
	/* the lines, each a row: text and its format (NULL text: a gap) */
	const struct {
		const char *text;
		lxw_format *f;
	} lines[] = {
		{title, F->title}, {buf_str(&count), F->text}, {NULL, NULL}, {"填写说明", F->bold},
		{steps[0], F->text}, {steps[1], F->text}, {steps[2], F->text}, {steps[3], F->text},
		{steps[4], F->text}, {steps[5], F->text}, {NULL, NULL}, {"预填的数值取自", F->bold},
		{stamp, F->text}, {buf_str(&made), F->text}, {NULL, NULL},
		/* a periodic scheme's rows belong to a period each */
		{periodic ? "按期间考核" : NULL, F->bold}, {periodic ? period_step : NULL, F->text},
	};
	for (lxw_row_t r = 0; r < sizeof lines / sizeof lines[0]; r++) {
		if (!lines[r].text)
			continue;
		worksheet_write_string(ws, r, 0, lines[r].text, lines[r].f);
		double line = lines[r].f == F->title ? 20 : 13.5;
		worksheet_set_row(ws, r, line * lines_in(lines[r].text, width) + 3, NULL);
	}
	buf_free(&count);
	buf_free(&made);
}

int report_template_xlsx(struct svc *s, const struct report_template *t, const char *path, struct svc_error *err)
{
	struct trows rows;
	if (template_rows(s, t, &rows, err) != 0)
		return -1;
	struct svc_stamp st;
	if (svc_stamp(s, &st) != 0) {
		template_rows_free(&rows);
		return report_fail_svc(s, err);
	}
	char *stamp = report_stamp_line(&st);
	struct buf title = {0};
	buf_printf(&title, "评分模板 · %d 年度 · %s", st.year, rows.scope);
	svc_stamp_clear(&st);
	char *temp = report_temp_path(path);
	lxw_workbook_options o = {0};
	int rc = report_claim_temp(temp, path, err);
	lxw_workbook *wb = rc == 0 ? workbook_new_opt(temp, &o) : NULL;
	if (rc == 0 && !wb) {
		rc = report_fail(err, SVC_FAILED, "无法建立 %s", path);
	} else if (rc == 0) {
		lxw_doc_properties props = {.title = (char *)buf_str(&title), .subject = "评分模板",
					    .author = "kaohe", .comments = stamp};
		workbook_set_properties(wb, &props);
		struct fmts F;
		make_formats(wb, &F);
		const char *base = strrchr(path, '/');
		scoring_sheet(wb, &F, &rows, buf_str(&title), stamp);
		notes_sheet(wb, &F, &rows, buf_str(&title), stamp, base ? base + 1 : path);
		lxw_error e = workbook_close(wb);
		if (e != LXW_NO_ERROR)
			rc = report_fail(err, SVC_FAILED, "无法写入 %s：%s", path, book_error_words(e));
	}
	if (rc == 0)
		rc = report_commit(temp, path, err);
	else
		report_abandon(temp);
	free(temp);
	free(stamp);
	buf_free(&title);
	template_rows_free(&rows);
	return rc;
}
