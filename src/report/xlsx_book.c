/* xlsx_book.c: a workbook as the office files it. Written in libxlsxwriter's
 * constant_memory mode (each row goes to disk when the next begins, so
 * rows are written in order, top to bottom) with every finished
 * worksheet's rows in one shared file (xlsx_spill.c): memory stays flat
 * however many units the year has. Every worksheet is a titled table:
 * the title, the stamp of what it shows (report_stamp_line), the columns'
 * header repeated on every printed page; A4, fitted to the page's width,
 * the stamp in the page header and 第 N 页 共 M 页 in the footer.
 *
 * Numbers are written as numbers, value / 100.0 of the stored integer
 * hundredths, in Excel's General format: a double holds each two-decimal
 * value closely enough that libxlsxwriter writes it back as the same
 * decimal ("94.33", "86", "0.5"), and General shows it so, where a "0.##"
 * format would show "86." for a whole number. */
#include "xlsx_book.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The font every cell names. An XLSX cell names one font, with no list to
 * fall back on, so the name is the one the readers have: 宋体 (SimSun) is
 * on every Chinese Windows and in WPS, and is the font of a government
 * table on paper. Where it is missing (LibreOffice on Linux) the text
 * still shows in the system's CJK font (fonts-noto-cjk: Noto Sans CJK SC):
 * LibreOffice replaces a missing font by one that has the text's script
 * (seen in the test's PDF: Noto Sans CJK SC embedded). The GB2312
 * character set (134) is asked for too, where libxlsxwriter writes it
 * (1.1.4 does not). */
#define BOOK_FONT "宋体"
#define BOOK_CHARSET 134
#define BOOK_SIZE 10
#define LINE_HEIGHT 13.5          /* points per line of BOOK_SIZE text */

#define GREY_HEAD 0xD9D9D9
#define GREY_PART 0xE2E2E2
#define GREY_GROUP 0xF2F2F2
#define TINT_LABEL 0xDDEBF7

const char *book_error_words(lxw_error e)
{
	switch (e) {
	case LXW_ERROR_MEMORY_MALLOC_FAILED: return "内存不足";
	case LXW_ERROR_CREATING_XLSX_FILE: return "无法创建文件（目录不存在或没有写权限）";
	case LXW_ERROR_CREATING_TMPFILE:
	case LXW_ERROR_READING_TMPFILE: return "无法使用临时文件（磁盘已满或临时目录不可写）";
	case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_FILE_ADD:
	case LXW_ERROR_ZIP_CLOSE: return "写入文件出错（磁盘已满？）";
	default: return "内部错误";
	}
}

/* Remembers the first failure of a libxlsxwriter call. */
static void check(struct book *b, lxw_error e, const char *what)
{
	if (e != LXW_NO_ERROR && !b->error) {
		struct buf m = {0};
		buf_printf(&m, "写入工作簿失败（%s：%s，代码 %d）", what, book_error_words(e), (int)e);
		b->error = buf_take(&m);
	}
}

int book_begin(struct svc *s, struct book *b, const char *path, const char *what, struct svc_error *err)
{
	if (svc_read_begin(s) != 0)
		return report_fail_svc(s, err);
	struct svc_stamp st;
	if (book_stamp(s, &st, err) != 0) {
		svc_read_end(s);
		return -1;
	}
	struct buf title = {0};
	buf_printf(&title, "%d 年度%s", st.year, what);
	int rc = book_open(b, path, &st, buf_str(&title), err);
	buf_free(&title);
	svc_stamp_clear(&st);
	if (rc != 0)
		svc_read_end(s);
	return rc;
}

int book_stamp(struct svc *s, struct svc_stamp *st, struct svc_error *err)
{
	if (svc_stamp_need(s, STAMP_COMPUTED, st) != 0)
		return report_fail_svc(s, err);
	return 0;
}

/* A cell format in the workbook's font: size, bold, fill (0: none),
 * borders, wrap, alignment. */
static lxw_format *format(lxw_workbook *wb, int size, bool bold, lxw_color_t fill, bool border, uint8_t align,
			  uint8_t indent)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_font_name(f, BOOK_FONT);
	format_set_font_charset(f, BOOK_CHARSET);
	format_set_font_size(f, size);
	if (bold)
		format_set_bold(f);
	if (fill)
		format_set_bg_color(f, fill);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	format_set_text_wrap(f);
	format_set_align(f, align);
	format_set_align(f, align == LXW_ALIGN_CENTER && !border ? LXW_ALIGN_VERTICAL_CENTER : LXW_ALIGN_VERTICAL_TOP);
	if (indent)
		format_set_indent(f, indent);
	return f;
}

static void make_formats(struct book *b)
{
	lxw_workbook *wb = b->wb;
	struct book_formats *f = &b->f;
	f->title = format(wb, 16, true, 0, false, LXW_ALIGN_CENTER, 0);
	f->subtitle = format(wb, 11, false, 0, false, LXW_ALIGN_CENTER, 0);
	f->stamp = format(wb, 9, false, 0, false, LXW_ALIGN_LEFT, 0);
	format_set_font_color(f->stamp, 0x595959);
	f->head = format(wb, BOOK_SIZE, true, GREY_HEAD, true, LXW_ALIGN_CENTER, 0);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	f->text = format(wb, BOOK_SIZE, false, 0, true, LXW_ALIGN_LEFT, 0);
	f->center = format(wb, BOOK_SIZE, false, 0, true, LXW_ALIGN_CENTER, 0);
	f->num = format(wb, BOOK_SIZE, false, 0, true, LXW_ALIGN_RIGHT, 0);
	f->part = format(wb, BOOK_SIZE, true, GREY_PART, true, LXW_ALIGN_LEFT, 0);
	f->part_num = format(wb, BOOK_SIZE, true, GREY_PART, true, LXW_ALIGN_RIGHT, 0);
	for (int i = 0; i < BOOK_DEPTHS; i++) {
		f->group[i] = format(wb, BOOK_SIZE, true, GREY_GROUP, true, LXW_ALIGN_LEFT, (uint8_t)i);
		f->item[i] = format(wb, BOOK_SIZE, false, 0, true, LXW_ALIGN_LEFT, (uint8_t)i);
	}
	f->group_num = format(wb, BOOK_SIZE, true, GREY_GROUP, true, LXW_ALIGN_RIGHT, 0);
	f->part_plain = format(wb, BOOK_SIZE, false, GREY_PART, true, LXW_ALIGN_LEFT, 0);
	f->group_plain = format(wb, BOOK_SIZE, false, GREY_GROUP, true, LXW_ALIGN_LEFT, 0);
	f->label_plain = format(wb, BOOK_SIZE, false, TINT_LABEL, true, LXW_ALIGN_LEFT, 0);
	f->label = format(wb, BOOK_SIZE, true, TINT_LABEL, true, LXW_ALIGN_LEFT, 0);
	f->label_num = format(wb, BOOK_SIZE, true, TINT_LABEL, true, LXW_ALIGN_RIGHT, 0);
	f->total = format(wb, 11, true, GREY_HEAD, true, LXW_ALIGN_LEFT, 0);
	f->total_num = format(wb, 11, true, GREY_HEAD, true, LXW_ALIGN_RIGHT, 0);
	f->note = format(wb, BOOK_SIZE, false, 0, false, LXW_ALIGN_LEFT, 0);
}

/* The page header: the stamp in small type, & written as && (a header's
 * codes begin with &), within Excel's 255 characters. */
static char *page_header(const char *stamp)
{
	struct buf h = {0};
	/* the font code ends the size's digits before the year's */
	buf_puts(&h, "&L&8&\"-,Regular\"");
	int chars = (int)h.len;
	for (const unsigned char *p = (const unsigned char *)stamp; *p;) {
		size_t n = 1;
		while ((p[n] & 0xC0) == 0x80)
			n++;
		int c = *p == '&' ? 2 : 1;
		if (chars + c > LXW_HEADER_FOOTER_MAX - 5)
			break;
		if (*p == '&')
			buf_putc(&h, '&');
		buf_putn(&h, (const char *)p, n);
		chars += c;
		p += n;
	}
	return buf_take(&h);
}

int book_open(struct book *b, const char *path, const struct svc_stamp *st, const char *title,
	      struct svc_error *err)
{
	memset(b, 0, sizeof *b);
	b->path = xstrdup(path);
	b->temp = report_temp_path(path);
	/* the rows wait beside the document, not in a /tmp that may be memory */
	char *copy = xstrdup(path);
	const char *dir = dirname(copy);
	b->spill = xlsx_spill_open(dir);
	if (!b->spill) {
		int e = errno;
		free(copy);
		book_abandon(b);
		return report_fail(err, SVC_FAILED, "无法写入 %s：%s", path, errno_words(e));
	}
	lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = (char *)dir};
	b->wb = workbook_new_opt(b->temp, &o);
	free(copy);
	if (!b->wb) {
		book_abandon(b);
		return report_fail(err, SVC_FAILED, "无法写入 %s", path);
	}
	b->stamp = report_stamp_full(st);
	char *line = report_stamp_line(st);
	b->header = page_header(line);
	free(line);
	lxw_doc_properties props = {.title = (char *)title, .comments = b->stamp, .author = "kaohe"};
	check(b, workbook_set_properties(b->wb, &props), "文档属性");
	make_formats(b);
	return 0;
}

/* The lines a text takes in a column width wide (0: the whole table).
 * Excel's width unit is a digit of the default font (Calibri 11, 7 px);
 * a CJK character of BOOK_SIZE takes 13.3 px, about 1.9 units, a Latin
 * one about one. (LibreOffice, measuring with a wider stand-in for
 * Calibri, fits more on a line: the rows come out a little high there,
 * never clipped in Excel or WPS.) */
static int lines_of(const struct book *b, const char *s, double width)
{
	if (width <= 0)
		for (int i = 0; i < b->ncols; i++)
			width += b->widths[i];
	int lines = 1;
	double used = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n') {
			lines++;
			used = 0;
			continue;
		}
		if ((*p & 0xC0) == 0x80)
			continue;
		double w = *p >= 0xE0 ? 1.9 : 1.0;
		if (used + w > width - 0.6) {
			lines++;
			used = 0;
		}
		used += w;
	}
	return lines;
}

/* Finishes the worksheet being written: its rows move to the spill. */
static void finish_sheet(struct book *b)
{
	if (b->ws && xlsx_spill_take(b->spill, b->ws) != 0 && !b->error)
		b->error = xstrdup("写入工作簿的临时文件失败");
	b->ws = NULL;
}

void book_sheet(struct book *b, const char *name, const char *title, const char *subtitle,
		const struct book_col *cols, int ncols, bool landscape)
{
	finish_sheet(b);
	char *n = sheet_name_make(&b->names, name);
	b->ws = workbook_add_worksheet(b->wb, n);
	free(n);
	if (!b->ws) {
		if (!b->error)
			b->error = xstrdup("无法添加工作表");
		return;
	}
	lxw_worksheet *ws = b->ws;
	b->ncols = ncols < 16 ? ncols : 16;
	b->row = 0;
	for (int i = 0; i < b->ncols; i++) {
		b->widths[i] = cols[i].width;
		check(b, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL), "列宽");
	}
	worksheet_set_paper(ws, 9);  /* A4 */
	if (landscape)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_set_margins(ws, 0.4, 0.4, 0.7, 0.6);
	lxw_header_footer_options hf = {.margin = 0.3};
	check(b, worksheet_set_header_opt(ws, b->header, &hf), "页眉");
	check(b, worksheet_set_footer_opt(ws, "&C第 &P 页 共 &N 页", &hf), "页脚");
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_center_horizontally(ws);
	lxw_col_t last = (lxw_col_t)(b->ncols - 1);
	check(b, worksheet_merge_range(ws, 0, 0, 0, last, title, b->f.title), "标题");
	book_next(b, 30);
	if (subtitle) {
		check(b, worksheet_merge_range(ws, (lxw_row_t)b->row, 0, (lxw_row_t)b->row, last, subtitle, b->f.subtitle),
		      "副标题");
		int total = 0;
		for (int i = 0; i < b->ncols; i++)
			total += (int)b->widths[i];
		book_next(b, 16 * lines_of(b, subtitle, total * BOOK_SIZE / 11.0) + 4);
	}
	check(b, worksheet_merge_range(ws, (lxw_row_t)b->row, 0, (lxw_row_t)b->row, last, b->stamp, b->f.stamp),
	      "数据来源");
	book_next(b, 13 * lines_of(b, b->stamp, 0) * 0.9 + 4);
	int head = b->row;
	int lines = 1;
	for (int i = 0; i < b->ncols; i++) {
		book_text(b, i, cols[i].head, b->f.head);
		int l = lines_of(b, cols[i].head, cols[i].width);
		lines = l > lines ? l : lines;
	}
	book_next(b, LINE_HEIGHT * lines + 6);
	check(b, worksheet_repeat_rows(ws, (lxw_row_t)head, (lxw_row_t)head), "重复标题行");
	worksheet_freeze_panes(ws, (lxw_row_t)(head + 1), 0);
}

/* Excel holds at most 32,767 characters in a cell: a longer text is cut
 * (at a character's start) and says so. */
#define CELL_MAX_BYTES 32000

/* Notes the lines text takes in column col, for the row's height:
 * LibreOffice and WPS do not fit a row to its wrapped text when they open
 * a file, so each row states its height. */
static void note_lines(struct book *b, int col, const char *s, const lxw_format *f)
{
	if (col >= b->ncols)
		return;
	double width = b->widths[col] - (f ? 2.0 * f->indent : 0);
	/* a larger type takes more of the width */
	if (f && f->font_size > BOOK_SIZE)
		width = width * BOOK_SIZE / f->font_size;
	int lines = lines_of(b, s, width < 2 ? 2 : width);
	if (lines > b->row_lines)
		b->row_lines = lines;
}

void book_text(struct book *b, int col, const char *s, lxw_format *f)
{
	if (!b->ws)
		return;
	if (!s || !*s) {
		book_blank(b, col, f);
		return;
	}
	note_lines(b, col, s, f);
	size_t n = strlen(s);
	if (n > CELL_MAX_BYTES) {
		size_t k = CELL_MAX_BYTES;
		while (k && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		struct buf cut = {0};
		buf_putn(&cut, s, k);
		buf_puts(&cut, "……（超出单元格容量，以下从略）");
		check(b, worksheet_write_string(b->ws, (lxw_row_t)b->row, (lxw_col_t)col, buf_str(&cut), f), "单元格");
		buf_free(&cut);
		return;
	}
	check(b, worksheet_write_string(b->ws, (lxw_row_t)b->row, (lxw_col_t)col, s, f), "单元格");
}

void book_points(struct book *b, int col, points_t v, lxw_format *f)
{
	if (b->ws)
		check(b, worksheet_write_number(b->ws, (lxw_row_t)b->row, (lxw_col_t)col, (double)v / 100.0, f),
		      "单元格");
}

void book_int(struct book *b, int col, long long v, lxw_format *f)
{
	if (b->ws)
		check(b, worksheet_write_number(b->ws, (lxw_row_t)b->row, (lxw_col_t)col, (double)v, f), "单元格");
}

void book_blank(struct book *b, int col, lxw_format *f)
{
	if (b->ws && f)
		check(b, worksheet_write_blank(b->ws, (lxw_row_t)b->row, (lxw_col_t)col, f), "单元格");
}

void book_next(struct book *b, double height)
{
	if (height <= 0 && b->row_lines > 1)
		height = LINE_HEIGHT * b->row_lines + 4;
	if (b->ws && height > 0)
		check(b, worksheet_set_row(b->ws, (lxw_row_t)b->row, height, NULL), "行高");
	b->row++;
	b->row_lines = 0;
}

void book_line(struct book *b, const char *s, lxw_format *f)
{
	if (!b->ws)
		return;
	if (b->ncols > 1)
		check(b, worksheet_merge_range(b->ws, (lxw_row_t)b->row, 0, (lxw_row_t)b->row,
					       (lxw_col_t)(b->ncols - 1), s, f), "单元格");
	else
		book_text(b, 0, s, f);
	book_next(b, LINE_HEIGHT * lines_of(b, s, 0) + 4);
}

/* Frees what b holds (not the files). */
static void book_free(struct book *b)
{
	xlsx_spill_close(b->spill);
	sheet_names_free(&b->names);
	free(b->path);
	free(b->temp);
	free(b->stamp);
	free(b->header);
	free(b->error);
	memset(b, 0, sizeof *b);
}

int book_close(struct book *b, struct svc_error *err)
{
	finish_sheet(b);
	if (b->error) {
		report_fail(err, SVC_FAILED, "%s", b->error);
		book_abandon(b);
		return -1;
	}
	if (xlsx_spill_flush(b->spill) != 0) {
		report_fail(err, SVC_FAILED, "写入工作簿的临时文件失败：%s", errno_words(errno));
		book_abandon(b);
		return -1;
	}
	lxw_error e = workbook_close(b->wb);
	b->wb = NULL;
	int rc = 0;
	if (e != LXW_NO_ERROR)
		rc = report_fail(err, SVC_FAILED, "无法写入 %s：%s", b->path, book_error_words(e));
	else if (xlsx_spill_failed(b->spill))
		rc = report_fail(err, SVC_FAILED, "无法写入 %s（读取临时文件失败）", b->path);
	if (rc == 0)
		rc = report_commit(b->temp, b->path, err);
	else
		report_abandon(b->temp);
	book_free(b);
	return rc;
}

void book_abandon(struct book *b)
{
	finish_sheet(b);
	if (b->wb)
		lxw_workbook_free(b->wb);
	if (b->temp)
		report_abandon(b->temp);
	book_free(b);
}
