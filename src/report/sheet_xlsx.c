/* sheet_xlsx.c: a unit's sheet as the plan's attachment lays it out
 * (考核项 | 考核内容及评分标准 | 考核方式 | 扣分 | 得分 | 扣分说明), from its
 * stored result: the parts and categories on rows of their own with their
 * subtotals, every item with its rule text, method, deduction, score and
 * derivation; the sheet of each sampled county department and enterprise
 * after the unit's own, under its name; the total, the vetoes and the
 * grades. write_sheets_xlsx puts every county's and department's sheet in
 * one workbook, a worksheet each, reading one unit at a time. */
#include "xlsx_book.h"

#include <stdlib.h>
#include <string.h>

static const struct book_col sheet_cols[] = {
	{"考核项", 24}, {"考核内容及评分标准", 48}, {"考核方式", 26}, {"扣分", 8}, {"得分", 8}, {"扣分说明", 34},
};
#define SHEET_COLS 6

/* One row of the table in the formats of its kind. */
static int put_row(void *ctx, const struct sheet_row *row)
{
	struct book *b = ctx;
	const struct book_formats *f = &b->f;
	if (row->kind == SROW_NOTE) {
		book_line(b, row->item, f->note);
		return 0;
	}
	int level = row->depth > 0 ? row->depth - 1 : 0;
	if (level >= BOOK_DEPTHS)
		level = BOOK_DEPTHS - 1;
	/* the first column bold (and indented) as its kind is; the other
	 * texts plain on the row's shade */
	lxw_format *text, *num, *plain;
	switch (row->kind) {
	case SROW_PART: text = f->part, num = f->part_num, plain = f->part_plain; break;
	case SROW_GROUP: text = f->group[level], num = f->group_num, plain = f->group_plain; break;
	case SROW_LABEL: text = f->label, num = f->label_num, plain = f->label_plain; break;
	case SROW_TOTAL: text = f->total, num = f->total_num, plain = f->total; break;
	default: text = f->item[level], num = f->num, plain = f->text; break;
	}
	book_text(b, 0, row->item, text);
	book_text(b, 1, row->text, plain);
	book_text(b, 2, row->method, plain);
	if (row->deduction_word)
		book_text(b, 3, row->deduction_word, num);
	else if (row->has_deduction)
		book_points(b, 3, row->deduction, num);
	else
		book_blank(b, 3, num);
	if (row->has_score)
		book_points(b, 4, row->score, num);
	else
		book_blank(b, 4, num);
	book_text(b, 5, row->explain, plain);
	book_next(b, 0);
	return 0;
}

/* One unit's worksheet. */
static void unit_sheet(struct book *b, const struct stored_result *r)
{
	struct buf title = {0}, sub = {0};
	buf_printf(&title, "%s安全生产目标考核评分表", r->unit.name);
	buf_printf(&sub, "%s · %s", r->scheme->title, r->unit.kind == KIND_COUNTY ? "县（区）" : "市直部门");
	book_sheet(b, r->unit.name, buf_str(&title), buf_str(&sub), sheet_cols, SHEET_COLS, true);
	sheet_rows(r, put_row, b);
	buf_free(&title);
	buf_free(&sub);
}

int write_sheet_xlsx(struct svc *s, const char *unit, const char *path, struct svc_error *err)
{
	if (svc_read_begin(s) != 0)
		return report_fail_svc(s, err);
	struct svc_stamp st;
	struct stored_result r;
	struct book b;
	if (book_stamp(s, &st, err) != 0) {
		svc_read_end(s);
		return -1;
	}
	int rc = sheet_result(s, unit, &r, err);
	svc_read_end(s);
	if (rc == 0) {
		struct buf title = {0};
		buf_printf(&title, "%s安全生产目标考核评分表", r.unit.name);
		rc = book_open(&b, path, &st, buf_str(&title), err);
		buf_free(&title);
		if (rc == 0) {
			unit_sheet(&b, &r);
			rc = book_close(&b, err);
		}
		stored_result_clear(&r);
	}
	svc_stamp_clear(&st);
	return rc;
}

/* write_sheets_xlsx's walk: a worksheet per unit with a sheet. */
struct all {
	struct book *b;
	long long sheets;
};

static int each_sheet(void *ctx, const struct stored_result *r)
{
	struct all *a = ctx;
	if (!r->nodes || r->provincial)
		return 0;
	unit_sheet(a->b, r);
	a->sheets++;
	/* a failed write stops the walk: the rest would be lost too */
	return a->b->error ? 1 : 0;
}

int write_sheets_xlsx(struct svc *s, const char *path, struct svc_error *err)
{
	struct book b;
	int rc = book_begin(s, &b, path, "安全生产目标考核评分表", err);
	if (rc != 0)
		return -1;
	struct all a = {&b, 0};
	rc = svc_results_each(s, -1, true, each_sheet, &a);
	svc_read_end(s);
	if (rc < 0) {
		report_fail_svc(s, err);
		book_abandon(&b);
		return -1;
	}
	if (!a.sheets) {
		static const struct book_col col[] = {{"说明", 100}};
		book_sheet(&b, "说明", "安全生产目标考核评分表", NULL, col, 1, false);
		book_line(&b, "没有可以查看的逐项评分表（省考核组考核的单位没有逐项评分）。", b.f.note);
	}
	return book_close(&b, err);
}
