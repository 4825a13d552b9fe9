/* xlsx_in.c: a workbook read back. Its ZIP is opened from memory with
 * libzip; the package's relationships lead to the workbook, its sheets and
 * the shared strings; the findings sheet (the one named 评分, else the
 * first worksheet) is made CSV by xlsx_sheet.c. Every part is streamed
 * through expat and counted against XLSX_MAX_BYTES as it is inflated, so
 * a zip bomb stops at the limit whatever its directory claims. */
#include "xlsx_in.h"
#include "report_impl.h"

#include <stdlib.h>
#include <string.h>

bool xlsx_is_zip(const void *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

/* ---- parts ---- */

const char *xlsx_local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

void xlsx_stop(XML_Parser p)
{
	XML_StopParser(p, XML_FALSE);
}

/* A DTD has no place in a workbook part: refused (no entity tricks). */
static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
			       int internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)internal;
	*(bool *)XML_GetUserData((XML_Parser)ud) = true;
	xlsx_stop((XML_Parser)ud);
}

/* The flag no_doctype sets lives at the start of every parser's user
 * data (each context struct begins with a bool `doctype`). */
XML_Parser xlsx_parser(void *ud)
{
	XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
	if (!p)
		abort();
	XML_SetUserData(p, ud);
	XML_UseParserAsHandlerArg(p);
	XML_SetStartDoctypeDeclHandler(p, no_doctype);
	return p;
}

/* Words for libzip's errors a workbook may cause. */
static const char *zip_words(int code)
{
	switch (code) {
	case ZIP_ER_NOZIP: return "文件不完整或已损坏（找不到 ZIP 目录）";
	case ZIP_ER_CRC: return "校验和不符，文件已损坏";
	case ZIP_ER_ZLIB:
	case ZIP_ER_INCONS:
	case ZIP_ER_EOF:
	case ZIP_ER_READ: return "压缩数据已损坏或不完整";
	case ZIP_ER_COMPNOTSUPP: return "压缩方式不受支持";
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD: return "文件已加密";
	case ZIP_ER_MEMORY: return "内存不足";
	default: return "无法读取";
	}
}

int xlsx_part_parse(struct xlsx_pkg *pk, const char *name, XML_Parser p, bool missing_ok)
{
	zip_int64_t idx = zip_name_locate(pk->z, name, ZIP_FL_NOCASE);
	if (idx < 0) {
		if (missing_ok)
			return 1;
		return report_fail(pk->err, SVC_INVALID, "工作簿缺少 %s，不是完整的 XLSX 文件", name);
	}
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(pk->z, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size > (zip_uint64_t)pk->left)
		return report_fail(pk->err, SVC_INVALID, "%s：解压后超过 %lld MB，不予读取（可能是“压缩炸弹”）", name,
				   XLSX_MAX_BYTES >> 20);
	zip_file_t *f = zip_fopen_index(pk->z, (zip_uint64_t)idx, 0);
	if (!f)
		return report_fail(pk->err, SVC_INVALID, "%s：%s", name, zip_words(zip_error_code_zip(zip_get_error(pk->z))));
	char chunk[65536];
	int rc = 0;
	for (;;) {
		zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
		if (n < 0) {
			rc = report_fail(pk->err, SVC_INVALID, "%s：%s", name,
					 zip_words(zip_error_code_zip(zip_file_get_error(f))));
			break;
		}
		if (n > pk->left) {
			rc = report_fail(pk->err, SVC_INVALID, "%s：解压后超过 %lld MB，不予读取（可能是“压缩炸弹”）",
					 name, XLSX_MAX_BYTES >> 20);
			break;
		}
		pk->left -= n;
		if (XML_Parse(p, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
			bool doctype = *(bool *)XML_GetUserData(p);
			if (doctype)
				rc = report_fail(pk->err, SVC_INVALID, "%s：含有文档类型定义（DTD），不是 Excel 写出的工作簿", name);
			else if (XML_GetErrorCode(p) == XML_ERROR_ABORTED)
				rc = -1;        /* the handler said why */
			else
				rc = report_fail(pk->err, SVC_INVALID, "%s：XML 格式有误（第 %lu 行：%s）", name,
						 (unsigned long)XML_GetCurrentLineNumber(p),
						 XML_ErrorString(XML_GetErrorCode(p)));
			break;
		}
		if (n == 0)
			break;
	}
	zip_fclose(f);
	return rc;
}

/* ---- relationships and the workbook ---- */

/* One relationship of a part, or one sheet of the workbook. */
struct rel {
	char *id, *type, *target;   /* a sheet: id is its r:id, type its name */
};

struct rels_ctx {
	bool doctype;               /* first: see xlsx_parser */
	struct rel *r;
	int n;
	bool sheets;                /* reading workbook.xml's <sheets> */
	struct svc_error *err;
	const char *part;
};

static void rels_free(struct rel *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].id);
		free(r[i].type);
		free(r[i].target);
	}
	free(r);
}

static const char *attr(const XML_Char **a, const char *local, bool qualified)
{
	for (; a[0]; a += 2) {
		bool q = strchr(a[0], '|') != NULL;
		if (q == qualified && strcmp(xlsx_local(a[0]), local) == 0)
			return a[1];
	}
	return NULL;
}

static void XMLCALL rel_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	XML_Parser p = ud;
	struct rels_ctx *c = XML_GetUserData(p);
	const char *local = xlsx_local(name);
	const char *id, *x;
	if (!c->sheets && strcmp(local, "Relationship") == 0) {
		id = attr(a, "Id", false);
		x = attr(a, "Target", false);
		if (!id || !x)
			return;
		if (c->n >= 10000) {
			report_fail(c->err, SVC_INVALID, "%s：关系过多", c->part);
			xlsx_stop(p);
			return;
		}
		c->r = xrealloc(c->r, (size_t)(c->n + 1) * sizeof *c->r);
		const char *type = attr(a, "Type", false);
		c->r[c->n++] = (struct rel){xstrdup(id), xstrdup(type ? type : ""), xstrdup(x)};
	} else if (c->sheets && strcmp(local, "sheet") == 0) {
		/* name="评分" r:id="rId1" (the id in the relationships namespace) */
		x = attr(a, "name", false);
		id = attr(a, "id", true);
		if (!x || !id)
			return;
		if (c->n >= 10000) {
			report_fail(c->err, SVC_INVALID, "%s：工作表过多", c->part);
			xlsx_stop(p);
			return;
		}
		c->r = xrealloc(c->r, (size_t)(c->n + 1) * sizeof *c->r);
		c->r[c->n++] = (struct rel){xstrdup(id), xstrdup(x), NULL};
	}
}

/* The relationships (or, sheets, the workbook's sheets) of part; 0, or
 * -1 with the error. A missing relationships part is none. */
static int read_rels(struct xlsx_pkg *pk, const char *part, bool sheets, struct rel **out, int *n)
{
	struct rels_ctx c = {.sheets = sheets, .err = pk->err, .part = part};
	XML_Parser p = xlsx_parser(&c);
	XML_SetStartElementHandler(p, rel_start);
	int rc = xlsx_part_parse(pk, part, p, !sheets);
	XML_ParserFree(p);
	if (rc < 0) {
		rels_free(c.r, c.n);
		return -1;
	}
	*out = c.r;
	*n = c.n;
	return 0;
}

/* Whether a relationship type (a URI) ends in /what. */
static bool rel_is(const struct rel *r, const char *what)
{
	size_t n = strlen(r->type), k = strlen(what);
	return n > k && r->type[n - k - 1] == '/' && strcmp(r->type + n - k, what) == 0;
}

/* A target resolved against the folder of the part that names it
 * ("xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml";
 * "/xl/…" is from the root; "." and ".." are followed). Caller frees. */
static char *resolve(const char *from, const char *target)
{
	struct buf path = {0};
	if (target[0] != '/') {
		const char *slash = strrchr(from, '/');
		if (slash)
			buf_putn(&path, from, (size_t)(slash - from + 1));
	}
	buf_puts(&path, target);
	char *in = buf_take(&path), *save = NULL;
	struct buf out = {0};
	size_t *marks = xcalloc(strlen(in) + 1, sizeof *marks);
	int depth = 0;
	for (char *seg = strtok_r(in, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (depth > 0)
				out.len = marks[--depth];
			continue;
		}
		marks[depth++] = out.len;
		if (out.len)
			buf_putc(&out, '/');
		buf_puts(&out, seg);
	}
	if (out.p)
		out.p[out.len] = '\0';
	free(marks);
	free(in);
	return buf_take(&out);
}

/* The workbook part: the package's officeDocument, else xl/workbook.xml. */
static int workbook_part(struct xlsx_pkg *pk, char **out)
{
	struct rel *r;
	int n;
	if (read_rels(pk, "_rels/.rels", false, &r, &n) != 0)
		return -1;
	*out = NULL;
	for (int i = 0; i < n && !*out; i++)
		if (rel_is(&r[i], "officeDocument"))
			*out = resolve("", r[i].target);
	rels_free(r, n);
	if (!*out)
		*out = xstrdup("xl/workbook.xml");
	return 0;
}

/* The rels part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
static char *rels_of(const char *part)
{
	struct buf b = {0};
	const char *slash = strrchr(part, '/');
	if (slash)
		buf_putn(&b, part, (size_t)(slash - part + 1));
	buf_printf(&b, "_rels/%s.rels", slash ? slash + 1 : part);
	return buf_take(&b);
}

/* Finds the findings sheet: its part, its name, and the shared strings'
 * part (NULL if none). */
static int find_sheet(struct xlsx_pkg *pk, char **part, char **name, char **strings)
{
	char *wb;
	if (workbook_part(pk, &wb) != 0)
		return -1;
	char *wbrels = rels_of(wb);
	struct rel *rels = NULL, *sheets = NULL;
	int nrels = 0, nsheets = 0, rc = -1;
	*part = *name = *strings = NULL;
	if (read_rels(pk, wbrels, false, &rels, &nrels) != 0 || read_rels(pk, wb, true, &sheets, &nsheets) != 0)
		goto out;
	for (int i = 0; i < nrels; i++)
		if (rel_is(&rels[i], "sharedStrings") && !*strings)
			*strings = resolve(wb, rels[i].target);
	/* 评分 if there is one, else the first worksheet (not a chart sheet) */
	for (int pass = 0; pass < 2 && !*part; pass++)
		for (int i = 0; i < nsheets && !*part; i++) {
			if (pass == 0 && strcmp(sheets[i].type, "评分") != 0)
				continue;
			for (int k = 0; k < nrels; k++)
				if (strcmp(rels[k].id, sheets[i].id) == 0 && rel_is(&rels[k], "worksheet")) {
					*part = resolve(wb, rels[k].target);
					*name = xstrdup(sheets[i].type);
					break;
				}
		}
	if (!*part)
		report_fail(pk->err, SVC_INVALID, "工作簿中没有工作表（%s 未列出任何工作表）", wb);
	else
		rc = 0;
out:
	rels_free(rels, nrels);
	rels_free(sheets, nsheets);
	free(wbrels);
	free(wb);
	if (rc != 0) {
		free(*strings);
		*strings = NULL;
	}
	return rc;
}

/* ---- the whole ---- */

/* xlsx_to_csv_lines, keeping every row with anything in it or not. */
static int to_csv(const void *data, size_t len, bool every_row, struct buf *csv, char **sheet, int **line,
		  int *nlines, struct svc_error *err)
{
	*sheet = NULL;
	*line = NULL;
	*nlines = 0;
	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return report_fail(err, SVC_INVALID, "这是旧版 Excel（.xls）文件或设置了打开密码的工作簿：请在 Excel 或 "
				   "WPS 中取消密码并另存为 .xlsx 后再导入");
	if (!xlsx_is_zip(data, len))
		return report_fail(err, SVC_INVALID, "不是 XLSX 工作簿（.xlsx 文件是 ZIP 压缩包，这个文件不是）");
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!z) {
		int code = zip_error_code_zip(&ze);
		zip_error_fini(&ze);
		if (src)
			zip_source_free(src);
		return report_fail(err, SVC_INVALID, "不是有效的 XLSX 工作簿：%s", zip_words(code));
	}
	zip_error_fini(&ze);
	struct xlsx_pkg pk = {z, XLSX_MAX_BYTES, err};
	char *part, *name, *strings;
	struct xlsx_strings ss = {0};
	int rc = find_sheet(&pk, &part, &name, &strings);
	if (rc == 0) {
		if (strings)
			rc = xlsx_shared_strings(&pk, strings, &ss);
		if (rc == 0)
			rc = xlsx_sheet_csv(&pk, part, &ss, every_row, csv, line, nlines);
		if (rc == 0)
			*sheet = name;
		else
			free(name);
		free(part);
		free(strings);
	}
	xlsx_strings_free(&ss);
	zip_discard(z);
	if (rc != 0) {
		buf_free(csv);
		free(*line);
		*line = NULL;
		*nlines = 0;
	}
	return rc;
}

int xlsx_to_csv_lines(const void *data, size_t len, struct buf *csv, char **sheet, int **line, int *nlines,
		      struct svc_error *err)
{
	return to_csv(data, len, false, csv, sheet, line, nlines, err);
}

int xlsx_to_csv(const void *data, size_t len, struct buf *csv, char **sheet, struct svc_error *err)
{
	int *line, n;
	int rc = to_csv(data, len, true, csv, sheet, &line, &n, err);
	free(line);
	return rc;
}

/* ---- the import ---- */

int report_score_import_xlsx(struct svc *s, const void *data, size_t len, const char *file, char **label,
			     struct svc_import_report *rep, struct svc_error *err)
{
	*label = NULL;
	memset(rep, 0, sizeof *rep);
	struct buf csv = {0};
	char *sheet;
	int *line, nlines;
	if (xlsx_to_csv_lines(data, len, &csv, &sheet, &line, &nlines, err) != 0) {
		/* name the file: "评分.xlsx：xl/worksheets/sheet1.xml：…" */
		char *why = err->message;
		struct buf b = {0};
		buf_printf(&b, "%s：%s；导入失败，数据库未作任何改动", file, why ? why : "");
		free(why);
		err->message = buf_take(&b);
		return -1;
	}
	struct buf name = {0};
	buf_printf(&name, "%s（工作表 %s）", file, sheet);
	free(sheet);
	struct csv_mem m;
	struct csv_source src;
	csv_mem_source(&m, buf_str(&csv), csv.len, &src);
	int rc = svc_score_import(s, &src, buf_str(&name), rep);
	if (rc != 0) {
		report_fail_svc(s, err);
		/* the CSV's lines back to the worksheet's rows */
		for (int i = 0; i < err->problems.n; i++) {
			int r = err->problems.row[i];
			if (r >= 1 && r <= nlines)
				err->problems.row[i] = line[r - 1];
		}
	}
	*label = buf_take(&name);
	buf_free(&csv);
	free(line);
	return rc;
}

char *xlsx_located(const struct diag *d, int i, const char *label)
{
	int col = d->col[i];
	if (!d->row[i] || col < 1 || col > 16384)
		return diag_located(d, i, label);
	char letters[4];
	int n = 0;
	for (int c = col; c > 0; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	struct buf b = {0};
	buf_printf(&b, "%s:第%d行第%d列（", label, d->row[i], col);
	while (n > 0)
		buf_putc(&b, letters[--n]);
	buf_printf(&b, " 列）：%s", d->msgs[i]);
	return buf_take(&b);
}
