/* cmd_result.c: kaohe compute | results | explain | grade set | export. */
#include "args.h"
#include "cli.h"
#include "../core/csv.h"
#include "../render/render.h"
#include "../storage/result.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct compute_arg {
	struct compute_summary sum;
	struct diag d, notes;
};

static int do_compute(struct db *db, void *arg)
{
	struct compute_arg *a = arg;
	return compute_all(db, &a->sum, &a->d, &a->notes);
}

int cmd_compute(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("compute", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	struct compute_arg a = {0};
	int rc = cli_write(db, do_compute, &a);
	cli_print_diag(&a.d);
	if (rc == EXIT_OK) {
		printf("已计分：逐项评分 %d 个单位，省考核 %d 个，不考核 %d 个", a.sum.scored,
		       a.sum.provincial, a.sum.excluded);
		if (a.sum.incomplete)
			printf("；%d 个单位缺少评分，结果未完成", a.sum.incomplete);
		putchar('\n');
		for (int i = 0; i < a.notes.n; i++)
			printf("  %s\n", a.notes.msgs[i]);
	}
	diag_free(&a.notes);
	diag_free(&a.d);
	db_close(db);
	return rc;
}

struct results_arg {
	cJSON *json;
	const char *last_kind;
	int n;
};

/* The best grade the stored vetoes allow, or GRADE_NONE. */
static enum grade detail_cap(cJSON *d)
{
	enum grade cap = GRADE_NONE;
	cJSON *v;
	cJSON_ArrayForEach(v, cJSON_GetObjectItem(d, "vetoes")) {
		const char *eff = cJSON_GetStringValue(cJSON_GetObjectItem(v, "effect"));
		const char *g = cJSON_GetStringValue(cJSON_GetObjectItem(v, "grade"));
		enum grade x = !eff ? GRADE_NONE : strcmp(eff, "at-most") == 0 ? grade_parse(g ? g : "")
			: GRADE_FAIL;
		if (x != GRADE_NONE && (cap == GRADE_NONE || x > cap))
			cap = x;
	}
	return cap;
}

/* What must be settled before approval, for a row: "" if nothing. */
static const char *row_warning(const struct result_row *r, cJSON *d)
{
	enum grade cap = detail_cap(d);
	if (r->grade[0] && cap != GRADE_NONE && grade_parse(r->grade) < cap)
		return "确定档次高于否决所允许的档次，须重新确定";
	if (r->grade[0] && r->proposed[0] && strcmp(r->grade, r->proposed) != 0 && !r->reason[0])
		return "确定档次与拟定档次不同且无理由，须重新确定";
	if (r->incomplete)
		return "未完成";
	return "";
}

/* The parts of a stored result, as JSON (parsed from the detail column). */
static cJSON *detail_of(const struct result_row *r)
{
	cJSON *d = cJSON_Parse(r->detail);
	return d ? d : cJSON_CreateObject();
}

static cJSON *result_row_json(const struct result_row *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "unit", r->unit);
	cJSON_AddStringToObject(o, "kind", r->kind);
	cJSON_AddStringToObject(o, "status", r->status);
	cJSON_AddItemToObject(o, "total", json_points(r->total));
	if (r->rank)
		cJSON_AddNumberToObject(o, "rank", r->rank);
	else
		cJSON_AddNullToObject(o, "rank");
	cJSON_AddBoolToObject(o, "incomplete", r->incomplete);
	if (r->proposed[0])
		cJSON_AddStringToObject(o, "proposed_grade", r->proposed);
	else
		cJSON_AddNullToObject(o, "proposed_grade");
	if (r->grade[0])
		cJSON_AddStringToObject(o, "grade", r->grade);
	else
		cJSON_AddNullToObject(o, "grade");
	if (r->reason[0])
		cJSON_AddStringToObject(o, "reason", r->reason);
	cJSON *d = detail_of(r);
	const char *warn = row_warning(r, d);
	if (*warn)
		cJSON_AddStringToObject(o, "warning", warn);
	cJSON *k;
	static const char *const keys[] = {"vetoes", "parts", "missing"};
	for (int i = 0; i < 3; i++) {
		k = cJSON_DetachItemFromObject(d, keys[i]);
		cJSON_AddItemToObject(o, keys[i], k ? k : cJSON_CreateArray());
	}
	cJSON_Delete(d);
	return o;
}

static int print_result(const struct result_row *r, void *arg)
{
	struct results_arg *a = arg;
	a->n++;
	if (a->json) {
		cJSON_AddItemToArray(a->json, result_row_json(r));
		return 0;
	}
	char b[POINTS_BUFSZ];
	if (!a->last_kind || strcmp(a->last_kind, r->kind) != 0) {
		printf("%s%s\n", a->last_kind ? "\n" : "", strcmp(r->kind, "county") == 0
		       ? "县区" : "市直部门");
		cli_pad("名次", 6);
		cli_pad("单位", 24);
		cli_rpad("总分", 10);
		printf("  ");
		cli_pad("拟定", 8);
		cli_pad("确定", 8);
		puts("说明");
		a->last_kind = strcmp(r->kind, "county") == 0 ? "county" : "department";
	}
	char rank[16];
	snprintf(rank, sizeof rank, "%d", r->rank);
	cli_pad(r->rank ? rank : "—", 6);
	cli_pad(r->unit, 24);
	cli_rpad(points_fmt(r->total, b), 10);
	printf("  ");
	cli_pad(r->proposed[0] ? r->proposed : "—", 8);
	cli_pad(r->grade[0] ? r->grade : "—", 8);
	if (strcmp(r->status, "provincial") == 0)
		printf(" 省考核结果");
	cJSON *d = detail_of(r), *v;
	const char *warn = row_warning(r, d);
	if (*warn)
		printf(" 【%s】", warn);
	cJSON_ArrayForEach(v, cJSON_GetObjectItem(d, "vetoes"))
		printf(" 否决：%s（%s）", cJSON_GetStringValue(cJSON_GetObjectItem(v, "title")),
		       cJSON_GetStringValue(cJSON_GetObjectItem(v, "detail")));
	cJSON_Delete(d);
	if (r->reason[0])
		printf(" 理由：%s", r->reason);
	putchar('\n');
	return 0;
}

int cmd_results(int argc, char **argv)
{
	struct opt opts[] = {{"--kind", OPT_TEXT}, {"--json", OPT_FLAG}, {NULL}};
	char *pos[1];
	if (args_parse("results", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	const char *kind = opt_get(opts, "--kind")->text;
	if (kind && strcmp(kind, "county") != 0 && strcmp(kind, "department") != 0) {
		if (strcmp(kind, "县区") == 0)
			kind = "county";
		else if (strcmp(kind, "市直部门") == 0)
			kind = "department";
		else {
			cli_error("--kind 须是 county（县区）或 department（市直部门）");
			return EXIT_USAGE;
		}
	}
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	struct results_arg a = {opt_get(opts, "--json")->set ? cJSON_CreateArray() : NULL, NULL, 0};
	int stale = results_stale(db);
	int rc = results_each(db, kind, print_result, &a) == 0 ? EXIT_OK : cli_db_error(db);
	if (a.json) {
		char *s = cJSON_Print(a.json);
		puts(s);
		free(s);
		cJSON_Delete(a.json);
	}
	if (stale < 0)
		cli_error("还没有考核结果（先运行 kaohe compute）");
	else if (stale)
		cli_error("注意：计分之后又有改动，结果已过期（运行 kaohe compute 更新）");
	db_close(db);
	return rc;
}

int cmd_explain(int argc, char **argv)
{
	struct opt opts[] = {{"--json", OPT_FLAG}, {NULL}};
	char *pos[1];
	if (args_parse("explain", argc, argv, opts, pos, 1) != 1)
		return cli_usage("explain");
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	struct unit_load L;
	struct result *r = NULL;
	struct diag d = {0};
	int rc = EXIT_OK;
	enum grade stored;
	if (unit_explain(db, pos[0], &L, &r, &d) != 0) {
		rc = cli_db_error(db);
		cli_print_diag(&d);
	} else {
		/* The proposal of the last compute includes the grade quota,
		 * which only a ranking of every unit can apply. */
		if (result_current_proposal(db, L.unit.id, &stored))
			r->proposed = stored;
		if (opt_get(opts, "--json")->set) {
			cJSON *j = result_to_json(r, L.unit.name, L.unit.kind);
			char *s = cJSON_Print(j);
			puts(s);
			free(s);
			cJSON_Delete(j);
		} else {
			struct buf out = {0};
			result_to_text(r, L.unit.name, &out);
			fputs(buf_str(&out), stdout);
			buf_free(&out);
		}
	}
	result_free(r);
	unit_load_free(&L);
	diag_free(&d);
	db_close(db);
	return rc;
}

struct grade_arg {
	const char *unit, *grade, *reason;
};

static int do_grade(struct db *db, void *arg)
{
	struct grade_arg *g = arg;
	return decision_set(db, g->unit, g->grade, g->reason);
}

int cmd_grade_set(int argc, char **argv)
{
	struct opt opts[] = {{"--reason", OPT_TEXT}, {NULL}};
	char *pos[2];
	if (args_parse("grade set", argc, argv, opts, pos, 2) != 2)
		return cli_usage("grade set");
	struct grade_arg g = {pos[0], pos[1], opt_get(opts, "--reason")->text};
	int rc = cli_write_year(do_grade, &g);
	if (rc == EXIT_OK)
		printf("已确定：%s %s\n", pos[0], pos[1]);
	return rc;
}

/* export: results.csv and sheets.csv, UTF-8 with BOM so that Excel on
 * Chinese Windows opens them correctly. */
struct export_arg {
	struct db *db;
	struct buf results, sheets;
	int failed;
};

static void csv_row(struct buf *b, const char *const *fields, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		csv_put_field(b, fields[i] ? fields[i] : "");
	}
	buf_puts(b, "\r\n");
}

static void sheet_rows(struct buf *b, const char *unit, const char *sheet, const struct node *n,
		       const struct node_result *nodes)
{
	const struct node_result *nr = &nodes[n->index];
	char sc[POINTS_BUFSZ], pt[POINTS_BUFSZ], de[POINTS_BUFSZ];
	if (nr->node) {
		const char *f[] = {unit, sheet, n->code, n->title, points_fmt(n->points, pt),
				   points_fmt(nr->score, sc), points_fmt(nr->deduction, de),
				   nr->derivation};
		csv_row(b, f, 8);
	}
	for (int k = 0; k < nr->nsheets; k++)
		for (int i = 0; i < n->nchildren; i++)
			sheet_rows(b, unit, nr->sheets[k].label, n->children[i], nr->sheets[k].nodes);
	if (n->score != SCORE_SHEETS)
		for (int i = 0; i < n->nchildren; i++)
			sheet_rows(b, unit, sheet, n->children[i], nodes);
}

static int export_one(const struct result_row *r, void *arg)
{
	struct export_arg *e = arg;
	char t[POINTS_BUFSZ], rank[16];
	snprintf(rank, sizeof rank, "%d", r->rank);
	cJSON *d = cJSON_Parse(r->detail), *v;
	const char *warn = row_warning(r, d);
	struct buf vetoes = {0}, note = {0};
	if (strcmp(r->status, "provincial") == 0)
		buf_puts(&note, "省考核结果");
	if (*warn)
		buf_printf(&note, "%s%s", note.len ? "；" : "", warn);
	cJSON_ArrayForEach(v, cJSON_GetObjectItem(d, "vetoes"))
		buf_printf(&vetoes, "%s%s（%s）", vetoes.len ? "；" : "",
			   cJSON_GetStringValue(cJSON_GetObjectItem(v, "title")),
			   cJSON_GetStringValue(cJSON_GetObjectItem(v, "detail")));
	cJSON_Delete(d);
	const char *f[] = {r->unit, strcmp(r->kind, "county") == 0 ? "县区" : "市直部门",
			   r->rank ? rank : "", points_fmt(r->total, t), r->proposed, r->grade,
			   r->reason, buf_str(&vetoes), note.len ? buf_str(&note) : ""};
	csv_row(&e->results, f, 9);
	buf_free(&vetoes);
	buf_free(&note);
	return 0;
}

static int export_sheets(const struct unit *u, void *arg)
{
	struct export_arg *e = arg;
	if (strcmp(u->status, "assessed") != 0 ||
	    (strcmp(u->kind, "county") != 0 && strcmp(u->kind, "department") != 0))
		return 0;
	struct unit_load L;
	struct result *r = NULL;
	struct diag d = {0};
	if (unit_explain(e->db, u->name, &L, &r, &d) != 0) {
		cli_error("%s：%s", u->name, db_error(e->db));
		cli_print_diag(&d);
		e->failed++;
	} else {
		for (int i = 0; i < r->scheme->root->nchildren; i++)
			sheet_rows(&e->sheets, u->name, "", r->scheme->root->children[i], r->nodes);
	}
	result_free(r);
	unit_load_free(&L);
	diag_free(&d);
	return 0;
}

static int write_out(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		cli_error("无法写入 %s：%s", path, errno_words(errno));
		return -1;
	}
	fputs("\xEF\xBB\xBF", f);
	fwrite(b->p ? b->p : "", 1, b->len, f);
	if (fclose(f) != 0) {
		cli_error("写入 %s 失败：%s", path, errno_words(errno));
		return -1;
	}
	return 0;
}

int cmd_export(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	int n = args_parse("export", argc, argv, opts, pos, 1);
	if (n < 0)
		return EXIT_USAGE;
	char dirbuf[4096];
	snprintf(dirbuf, sizeof dirbuf, "%s", n ? pos[0] : ".");
	for (size_t l = strlen(dirbuf); l > 1 && dirbuf[l - 1] == '/'; l--)
		dirbuf[l - 1] = '\0';
	const char *dir = dirbuf;
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		cli_error("无法创建目录 %s：%s", dir, errno_words(errno));
		return EXIT_REJECTED;
	}
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	struct export_arg e = {db};
	static const char *const rh[] = {"单位", "类型", "名次", "总分", "拟定档次", "确定档次", "理由",
		"否决", "说明"};
	static const char *const sh[] = {"单位", "抽查单位", "编号", "名称", "分值", "得分", "扣分",
		"计算过程"};
	csv_row(&e.results, rh, 9);
	csv_row(&e.sheets, sh, 8);
	int rc = EXIT_OK;
	int stale = results_stale(db);
	if (stale < 0) {
		cli_error("还没有考核结果（先运行 kaohe compute）");
		rc = EXIT_REJECTED;
	} else if (stale) {
		cli_error("计分之后又有改动，结果已过期：请先运行 kaohe compute 再导出");
		rc = EXIT_REJECTED;
	} else if (results_each(db, NULL, export_one, &e) != 0 ||
		   unit_each(db, NULL, export_sheets, &e) != 0) {
		rc = cli_db_error(db);
	}
	if (rc == EXIT_OK && !e.failed) {
		char p1[4200], p2[4200];
		snprintf(p1, sizeof p1, "%s/results.csv", dir);
		snprintf(p2, sizeof p2, "%s/sheets.csv", dir);
		if (write_out(p1, &e.results) == 0 && write_out(p2, &e.sheets) == 0)
			printf("已导出 %s 和 %s\n", p1, p2);
		else
			rc = EXIT_REJECTED;
	} else if (e.failed) {
		rc = EXIT_REJECTED;
	}
	buf_free(&e.results);
	buf_free(&e.sheets);
	db_close(db);
	return rc;
}
