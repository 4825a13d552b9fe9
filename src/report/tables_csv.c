/* tables_csv.c: the documents' tables as CSV for other systems, saying
 * what the workbooks say (xlsx_rows.c) in plain cells: UTF-8 with a byte
 * order mark (Excel on Chinese Windows opens it so), CRLF, a header row
 * first and nothing before it, dates as ISO, cells that would start a
 * formula neutralised (render's csv_safe_field, the same as kaohe export).
 *
 * write_results_csv fills a directory (made if missing): results.csv (the
 * ranking of both kinds, a column per part of each kind's scheme),
 * accidents.csv, daily.csv (each unit's daily-assessment deductions),
 * daily_records.csv (the ledger of tasks and outcomes), and stamp.txt, the
 * stamp of what they show: the tables stay tables. A role that may not
 * read the accidents or the ledger gets the directory without them.
 * write_sheet_csv writes one unit's sheet to a file, whose last line is
 * the stamp ("数据来源：…", one field), since a single file has nowhere
 * else to carry it. Every file is written beside its name and renamed
 * into place only when all of them are written. */
#include "xlsx_book.h"
#include "../render/render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/daily.h"

#define BOM "\xEF\xBB\xBF"

/* A CSV being written to its temporary name. */
struct table {
	FILE *f;
	char *path, *temp;
	struct buf row;
	bool failed;
};

static int table_open(struct table *t, const char *path, bool bom, struct svc_error *err)
{
	memset(t, 0, sizeof *t);
	t->path = xstrdup(path);
	t->temp = report_temp_path(path);
	t->f = fopen(t->temp, "wb");
	if (!t->f) {
		int e = errno;
		report_fail(err, SVC_FAILED, "无法写入 %s：%s", path, errno_words(e));
		free(t->path);
		free(t->temp);
		memset(t, 0, sizeof *t);
		return -1;
	}
	if (bom)
		fputs(BOM, t->f);
	return 0;
}

/* One row; bit i of numbers marks field i as a number kaohe wrote. */
static void table_row(struct table *t, const char *const *fields, int n, unsigned numbers)
{
	buf_reset(&t->row);
	csv_safe_row(&t->row, fields, n, numbers);
	if (fwrite(t->row.p, 1, t->row.len, t->f) != t->row.len)
		t->failed = true;
}

/* Closes the file; -1 if anything failed to be written. */
static int table_close(struct table *t, struct svc_error *err)
{
	buf_free(&t->row);
	if (!t->f)
		return 0;
	bool bad = t->failed || ferror(t->f);
	if (fclose(t->f) != 0)
		bad = true;
	t->f = NULL;
	if (bad)
		return report_fail(err, SVC_FAILED, "无法写入 %s：%s", t->path, errno_words(errno ? errno : EIO));
	return 0;
}

/* Renames it into place (commit) or removes it; frees t. */
static int table_end(struct table *t, bool commit, struct svc_error *err)
{
	int rc = 0;
	if (t->f) {
		fclose(t->f);
		t->f = NULL;
		commit = false;
	}
	if (t->temp) {
		if (commit)
			rc = report_commit(t->temp, t->path, err);
		else
			report_abandon(t->temp);
	}
	buf_free(&t->row);
	free(t->path);
	free(t->temp);
	memset(t, 0, sizeof *t);
	return rc;
}

/* points as a CSV number ("94.33"), or "" when there is none. */
static const char *pts(bool has, points_t v, char *buf)
{
	if (!has) {
		buf[0] = '\0';
		return buf;
	}
	return points_fmt(v, buf);
}

/* ---- results.csv ---- */

/* The part columns: each kind's scheme's first level, in order. */
struct part_cols {
	const struct node *parts[16];
	enum unit_kind kind[16];
	int n;
};

static void results_table(struct svc *s, struct table *t, const struct stored_result *r, int n)
{
	struct part_cols pc = {0};
	struct buf head = {0};
	const char *fields[32];
	size_t offs[32];
	static const char *const first[] = {"类型", "名次", "单位", "总分"};
	static const char *const last[] = {"否决", "拟定档次", "确定档次", "确定理由", "说明"};
	enum unit_kind *kinds = NULL;
	int nk = 0;
	/* every kind the year assesses (a year the list cannot be read of
	 * still has its county and department parts) */
	if (svc_kinds(s, &kinds, &nk) != 0) {
		kinds = xcalloc(2, sizeof *kinds);
		kinds[0] = KIND_COUNTY;
		kinds[1] = KIND_DEPARTMENT;
		nk = 2;
	}
	for (int k = 0; k < nk; k++) {
		const struct scheme *sc = svc_scheme(s, kinds[k]);
		for (int i = 0; sc && i < sc->root->nchildren && pc.n < 16; i++) {
			pc.parts[pc.n] = sc->root->children[i];
			pc.kind[pc.n++] = kinds[k];
		}
	}
	free(kinds);
	int nf = 0;
	for (int i = 0; i < 4; i++)
		fields[nf++] = first[i];
	for (int i = 0; i < pc.n; i++) {
		offs[i] = head.len;
		buf_printf(&head, "%s（%s）", pc.parts[i]->title, unit_kind_title(pc.kind[i]));
		buf_putc(&head, '\0');
	}
	for (int i = 0; i < pc.n; i++)
		fields[nf++] = head.p + offs[i];
	for (int i = 0; i < 5; i++)
		fields[nf++] = last[i];
	table_row(t, fields, nf, 0);
	char rank[16], total[POINTS_BUFSZ], parts[16][POINTS_BUFSZ];
	for (int i = 0; i < n; i++) {
		const struct stored_result *x = &r[i];
		nf = 0;
		snprintf(rank, sizeof rank, "%d", x->rank);
		fields[nf++] = unit_kind_title(x->unit.kind);
		fields[nf++] = x->rank ? rank : "";
		fields[nf++] = x->unit.name;
		fields[nf++] = pts(!x->provincial || x->unit.has_provincial_total, x->total, total);
		unsigned numbers = 1u << 1 | 1u << 3;
		for (int p = 0; p < pc.n; p++) {
			const struct stored_node *sn = NULL;
			for (int q = 0; q < x->nparts; q++)
				if (x->parts[q].node == pc.parts[p])
					sn = &x->parts[q];
			if (sn && sn->state & NODE_NA)
				fields[nf++] = "不适用";
			else if (sn && sn->state & NODE_MISSING)
				fields[nf++] = "未录入";
			else {
				fields[nf++] = pts(sn != NULL, sn ? sn->score : 0, parts[p]);
				numbers |= 1u << (nf - 1);
			}
		}
		char *vetoes = veto_words(x, "；"), *notes = result_notes(x, "；");
		fields[nf++] = vetoes;
		fields[nf++] = scheme_grade_name(x->grading, x->proposed);
		fields[nf++] = scheme_grade_name(x->grading, x->decision.grade);
		fields[nf++] = decision_reason(x);
		fields[nf++] = notes;
		table_row(t, fields, nf, numbers);
		free(vetoes);
		free(notes);
	}
	buf_free(&head);
}

/* ---- accidents.csv ---- */

static void accidents_table(struct table *t, const struct accident_rec *a, int n)
{
	static const char *const head[] = {"编号", "日期", "县区", "死亡", "重伤", "直接经济损失", "行业", "事故等级",
					   "瞒报谎报漏报", "瞒报单位", "计入市直部门", "备注"};
	table_row(t, head, 12, 0);
	for (int i = 0; i < n; i++) {
		char id[24], deaths[24], injuries[24], loss[24];
		snprintf(id, sizeof id, "%lld", a[i].id);
		snprintf(deaths, sizeof deaths, "%lld", a[i].deaths);
		snprintf(injuries, sizeof injuries, "%lld", a[i].injuries);
		snprintf(loss, sizeof loss, "%lld", a[i].loss);
		char *grade = accident_grade_words(&a[i]), *mis = accident_misreport_words(&a[i]),
		     *dept = accident_department_words(&a[i]);
		const char *f[] = {id, a[i].date, a[i].county, deaths, injuries, loss, a[i].industry, grade, mis,
				   accident_misreporter(&a[i]), dept, a[i].note};
		table_row(t, f, 12, 1u << 0 | 1u << 3 | 1u << 4 | 1u << 5);
		free(grade);
		free(mis);
		free(dept);
	}
}

/* ---- daily.csv: each unit's daily deductions ---- */

static int daily_unit(void *ctx, const struct stored_result *r)
{
	struct table *t = ctx;
	const struct scheme *sc = r->scheme;
	if (!sc || !r->nodes)
		return 0;
	for (int i = 1; i < sc->nnodes; i++) {
		const struct node *n = sc->nodes[i];
		const struct stored_node *sn = &r->nodes[i];
		bool item = false, part = false;
		for (int k = 0; k < sc->ndaily_items; k++) {
			item |= strcmp(sc->daily_items[k].code, n->code) == 0;
			for (int c = 0; c < n->nchildren; c++)
				part |= strcmp(sc->daily_items[k].code, n->children[c]->code) == 0;
		}
		if (!sn->node || !(item || part))
			continue;
		char full[POINTS_BUFSZ], ded[POINTS_BUFSZ], score[POINTS_BUFSZ];
		bool missing = sn->state & NODE_MISSING;
		const char *f[] = {r->unit.name, unit_kind_title(r->unit.kind), n->code, n->title,
				   points_fmt(n->points, full), missing ? "未录入" : points_fmt(sn->deduction, ded),
				   pts(part && !missing, sn->score, score),
				   sn->derivation && (part || sn->state & NODE_INPUT) ? sn->derivation : ""};
		table_row(t, f, 8, 1u << 4 | (missing ? 0 : 1u << 5) | 1u << 6);
	}
	return t->failed ? 1 : 0;
}

/* ---- daily_records.csv: the ledger ---- */

static int ledger_table(struct svc *s, struct table *t, const struct daily_task *d, int n, struct svc_error *err)
{
	static const char *const head[] = {"编号", "日期", "任务", "考核对象", "类型", "计入", "单位", "结果", "迟报天数"};
	table_row(t, head, 9, 0);
	for (int i = 0; i < n; i++) {
		struct svc_daily_outcome *o;
		int no;
		if (svc_daily_outcomes(s, d[i].id, &o, &no) != 0)
			return report_fail_svc(s, err);
		enum unit_kind k = strcmp(daily_target_unit(d[i].target), "county") == 0 ? KIND_COUNTY : KIND_DEPARTMENT;
		const struct scheme *sc = svc_scheme(s, k);
		const char *into = "";
		for (int j = 0; sc && j < sc->ndaily_items; j++)
			if (sc->daily_items[j].target == d[i].target && sc->daily_items[j].kind == d[i].kind)
				into = sc->daily_items[j].code;
		char id[24], late[24];
		snprintf(id, sizeof id, "%lld", d[i].id);
		for (int j = 0; j < (no ? no : 1); j++) {
			bool has = no && o[j].outcome == DAILY_LATE;
			snprintf(late, sizeof late, "%lld", has ? o[j].days_late : 0LL);
			const char *f[] = {id, d[i].due, d[i].title, daily_target_title_of(d[i].target),
					   daily_kind_title_of(d[i].kind), into, no ? o[j].unit : "",
					   no ? daily_outcome_title_of(o[j].outcome) : "", has ? late : ""};
			table_row(t, f, 9, 1u << 0 | 1u << 8);
		}
		svc_daily_outcomes_free(o, no);
	}
	return 0;
}

/* ---- the directory ---- */

/* Makes dir and its parents where missing. */
static int make_dir(const char *dir, struct svc_error *err)
{
	char *p = xstrdup(dir);
	int rc = 0;
	for (char *q = p + 1; rc == 0; q++) {
		bool end = *q == '\0';
		if (*q == '/' || end) {
			*q = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST)
				rc = -1;
			*q = end ? '\0' : '/';
			if (end)
				break;
		}
	}
	struct stat sb;
	if (rc == 0 && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
		rc = -1;
	if (rc != 0)
		report_fail(err, SVC_FAILED, "无法建立目录 %s：%s", dir, errno_words(errno ? errno : ENOTDIR));
	free(p);
	return rc;
}

enum { T_RESULTS, T_ACCIDENTS, T_DAILY, T_RECORDS, T_STAMP, T_COUNT };
static const char *const file_names[T_COUNT] = {"results.csv", "accidents.csv", "daily.csv", "daily_records.csv",
						"stamp.txt"};

/* Whether the service refused for the role (the table is left out) or
 * failed: 1 or -1. */
static int refused(struct svc *s, struct table *t, struct svc_error *err)
{
	if (svc_err(s)->code != SVC_FORBIDDEN)
		return report_fail_svc(s, err);
	table_end(t, false, err);
	return 1;
}

/* Fills the tables in t; the stamp goes to stamp.txt. */
static int fill(struct svc *s, struct table *t, const char *stamp, struct svc_error *err)
{
	struct stored_result *r;
	int n;
	if (svc_results(s, -1, false, &r, &n) != 0)
		return report_fail_svc(s, err);
	results_table(s, &t[T_RESULTS], r, n);
	stored_results_free(r, n);
	struct accident_rec *a;
	if (svc_accident_list(s, &a, &n) == 0) {
		accidents_table(&t[T_ACCIDENTS], a, n);
		accident_list_free(a, n);
	} else if (refused(s, &t[T_ACCIDENTS], err) < 0) {
		return -1;
	}
	static const char *const head[] = {"单位", "类型", "编号", "日常考核项", "满分", "扣分", "得分", "扣分说明"};
	table_row(&t[T_DAILY], head, 8, 0);
	if (svc_results_each(s, -1, true, daily_unit, &t[T_DAILY]) < 0)
		return report_fail_svc(s, err);
	struct daily_task *d;
	if (svc_daily_list(s, &d, &n) == 0) {
		int rc = ledger_table(s, &t[T_RECORDS], d, n, err);
		daily_list_free(d, n);
		if (rc != 0)
			return -1;
	} else if (refused(s, &t[T_RECORDS], err) < 0) {
		return -1;
	}
	if (fprintf(t[T_STAMP].f, "%s\n", stamp) < 0)
		t[T_STAMP].failed = true;
	return 0;
}

int write_results_csv(struct svc *s, const char *dir, struct svc_error *err)
{
	if (svc_read_begin(s) != 0)
		return report_fail_svc(s, err);
	struct svc_stamp st;
	if (book_stamp(s, &st, err) != 0) {
		svc_read_end(s);
		return -1;
	}
	struct table t[T_COUNT] = {0};
	int rc = make_dir(dir, err);
	for (int i = 0; i < T_COUNT && rc == 0; i++) {
		struct buf p = {0};
		buf_printf(&p, "%s/%s", dir, file_names[i]);
		/* stamp.txt is text, not a table: no byte order mark */
		rc = table_open(&t[i], buf_str(&p), i != T_STAMP, err);
		buf_free(&p);
	}
	char *stamp = report_stamp_full(&st);
	if (rc == 0)
		rc = fill(s, t, stamp, err);
	svc_read_end(s);
	free(stamp);
	svc_stamp_clear(&st);
	for (int i = 0; i < T_COUNT && rc == 0; i++)
		rc = table_close(&t[i], err);
	for (int i = 0; i < T_COUNT; i++)
		if (table_end(&t[i], rc == 0, err) != 0)
			rc = -1;
	return rc;
}

/* ---- one unit's sheet ---- */

static int sheet_csv_row(void *ctx, const struct sheet_row *row)
{
	struct table *t = ctx;
	char points[POINTS_BUFSZ], ded[POINTS_BUFSZ], score[POINTS_BUFSZ];
	const char *deduction = row->deduction_word ? row->deduction_word : pts(row->has_deduction, row->deduction, ded);
	bool note = row->kind == SROW_NOTE;
	const char *f[] = {row->sheet, note ? "" : row->code, note ? row->item : row->title,
			   pts(row->has_points && row->kind != SROW_LABEL, row->points, points), row->text, row->method,
			   deduction, pts(row->has_score, row->score, score), row->explain};
	table_row(t, f, 9, 1u << 3 | (row->deduction_word ? 0 : 1u << 6) | 1u << 7);
	return t->failed ? 1 : 0;
}

int write_sheet_csv(struct svc *s, const char *unit, const char *path, struct svc_error *err)
{
	if (svc_read_begin(s) != 0)
		return report_fail_svc(s, err);
	struct svc_stamp st;
	struct stored_result r;
	if (book_stamp(s, &st, err) != 0) {
		svc_read_end(s);
		return -1;
	}
	int rc = sheet_result(s, unit, &r, err);
	svc_read_end(s);
	struct table t = {0};
	if (rc == 0) {
		rc = table_open(&t, path, true, err);
		if (rc == 0) {
			static const char *const head[] = {"抽查单位", "编号", "名称", "分值", "考核内容及评分标准", "考核方式",
							   "扣分", "得分", "扣分说明"};
			table_row(&t, head, 9, 0);
			sheet_rows(&r, sheet_csv_row, &t);
			char *stamp = report_stamp_line(&st);
			struct buf line = {0};
			buf_printf(&line, "数据来源：%s", stamp);
			const char *f[] = {buf_str(&line)};
			table_row(&t, f, 1, 0);
			buf_free(&line);
			free(stamp);
			rc = table_close(&t, err);
		}
		stored_result_clear(&r);
	}
	if (table_end(&t, rc == 0, err) != 0)
		rc = -1;
	svc_stamp_clear(&st);
	return rc;
}
