/* cmd_result.c: kaohe compute | results | explain | grade set | export. */
#include "args.h"
#include "cli.h"
#include "../render/render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cmd_compute(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("compute");
	struct svc_compute_report rep;
	if (svc_compute(s, &rep) != 0) {
		diag_free(&rep.notes);
		return cli_fail(s, NULL);
	}
	printf("已计分：逐项评分 %d 个单位，省考核 %d 个，不考核 %d 个", rep.scored, rep.provincial,
	       rep.excluded);
	if (rep.incomplete)
		printf("；%d 个单位缺少评分，结果未完成", rep.incomplete);
	putchar('\n');
	for (int i = 0; i < rep.notes.n; i++)
		printf("  %s\n", rep.notes.msgs[i]);
	diag_free(&rep.notes);
	return EXIT_OK;
}

static void print_rows(const struct stored_result *r, int n)
{
	char b[POINTS_BUFSZ];
	int last = -1;
	for (int i = 0; i < n; i++) {
		if ((int)r[i].unit.kind != last) {
			printf("%s%s\n", last >= 0 ? "\n" : "", unit_kind_title(r[i].unit.kind));
			cli_pad("名次", 6);
			cli_pad("单位", 24);
			cli_rpad("总分", 10);
			printf("  ");
			cli_pad("拟定", 8);
			cli_pad("确定", 8);
			puts("说明");
			last = r[i].unit.kind;
		}
		char rank[16];
		snprintf(rank, sizeof rank, "%d", r[i].rank);
		cli_pad(r[i].rank ? rank : "—", 6);
		cli_pad(r[i].unit.name, 24);
		cli_rpad(points_fmt(r[i].total, b), 10);
		printf("  ");
		cli_pad(grade_or_dash(r[i].proposed), 8);
		cli_pad(grade_or_dash(r[i].decision.grade), 8);
		if (r[i].provincial)
			printf(" 省考核结果");
		char *issue = stored_decision_issue(&r[i]);
		if (issue || r[i].incomplete)
			printf(" 【%s】", issue ? issue : "未完成");
		free(issue);
		for (int k = 0; k < r[i].nvetoes; k++)
			printf(" 否决：%s（%s）", r[i].vetoes[k].title, r[i].vetoes[k].detail);
		if (r[i].decision.reason)
			printf(" 理由：%s", r[i].decision.reason);
		putchar('\n');
	}
}

/* Says so when the stored results are out of date or missing. */
static void stale_note(struct svc *s)
{
	int stale = svc_results_stale(s);
	if (stale < 0)
		cli_error("还没有考核结果（先运行 kaohe compute）");
	else if (stale)
		cli_error("注意：计分之后又有改动，结果已过期（运行 kaohe compute 更新）");
}

int cmd_results(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--kind", OPT_TEXT}, {"--json", OPT_FLAG}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("results");
	int kind = -1;
	if (opt_get(opts, "--kind")->set) {
		kind = unit_kind_parse(opt_get(opts, "--kind")->text);
		if (kind != KIND_COUNTY && kind != KIND_DEPARTMENT) {
			cli_error("--kind 须是 county（县区）或 department（市直部门）");
			return EXIT_USAGE;
		}
	}
	struct stored_result *r;
	int n;
	if (svc_results(s, kind, false, &r, &n) != 0)
		return cli_fail(s, NULL);
	if (opt_get(opts, "--json")->set) {
		cJSON *a = cJSON_CreateArray();
		for (int i = 0; i < n; i++)
			cJSON_AddItemToArray(a, stored_result_to_json(&r[i]));
		char *text = cJSON_Print(a);
		puts(text);
		free(text);
		cJSON_Delete(a);
	} else {
		print_rows(r, n);
	}
	stored_results_free(r, n);
	stale_note(s);
	return EXIT_OK;
}

int cmd_explain(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--json", OPT_FLAG}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("explain");
	struct svc_explain e;
	if (svc_explain(s, pos[0], &e) != 0)
		return cli_fail(s, NULL);
	if (opt_get(opts, "--json")->set) {
		cJSON *j = result_to_json(e.r, e.unit.name, unit_kind_name(e.unit.kind));
		char *text = cJSON_Print(j);
		puts(text);
		free(text);
		cJSON_Delete(j);
	} else {
		struct buf out = {0};
		result_to_text(e.r, e.unit.name, &out);
		fputs(buf_str(&out), stdout);
		buf_free(&out);
	}
	svc_explain_free(&e);
	return EXIT_OK;
}

int cmd_grade_set(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--reason", OPT_TEXT}, {NULL}};
	char *pos[2];
	if (args_parse(argc, argv, opts, pos, 2) != 2)
		return cli_usage("grade set");
	if (svc_grade_set(s, pos[0], pos[1], opt_get(opts, "--reason")->text) != 0)
		return cli_fail(s, NULL);
	printf("已确定：%s %s\n", pos[0], pos[1]);
	return EXIT_OK;
}

/* Writes b to dir/name through a temporary file renamed into place only
 * when every byte is on disk: a full disk leaves no half-written file. */
static int write_file(const char *dir, const char *name, const struct buf *b, char **written)
{
	size_t n = strlen(dir) + strlen(name) + 16;
	char *path = xmalloc(n), *tmp = xmalloc(n + 8);
	snprintf(path, n, "%s/%s", dir, name);
	snprintf(tmp, n + 8, "%s.part", path);
	int rc = -1, e = 0;
	FILE *f = fopen(tmp, "wb");
	if (f) {
		size_t w = fwrite(b->p ? b->p : "", 1, b->len, f);
		int bad = w != b->len || ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0;
		e = errno;
		if (fclose(f) != 0 && !bad) {
			bad = 1;
			e = errno;
		}
		if (!bad && rename(tmp, path) == 0)
			rc = 0;
		else if (!bad)
			e = errno;
		if (rc != 0)
			unlink(tmp);
	} else {
		e = errno;
	}
	if (rc != 0)
		cli_error("无法写入 %s：%s", path, errno_words(e));
	free(tmp);
	if (rc == 0)
		*written = path;
	else
		free(path);
	return rc;
}

int cmd_export(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	int n = args_parse(argc, argv, opts, pos, 1);
	if (n < 0)
		return cli_usage("export");
	int stale = svc_results_stale(s);
	if (stale < 0) {
		cli_error("还没有考核结果（先运行 kaohe compute）");
		return EXIT_REJECTED;
	}
	if (stale) {
		cli_error("计分之后又有改动，结果已过期：请先运行 kaohe compute 再导出");
		return EXIT_REJECTED;
	}
	struct stored_result *r;
	int nr;
	if (svc_results(s, -1, true, &r, &nr) != 0)
		return cli_fail(s, NULL);
	struct buf results = {0}, sheets = {0};
	results_csv(r, nr, &results);
	sheets_csv(r, nr, &sheets);
	stored_results_free(r, nr);
	char *dir = xstrdup(n ? pos[0] : ".");
	for (size_t l = strlen(dir); l > 1 && dir[l - 1] == '/'; l--)
		dir[l - 1] = '\0';
	int rc = EXIT_OK;
	bool made = false;
	if (mkdir(dir, 0700) == 0)
		made = true;
	else if (errno != EEXIST) {
		cli_error("无法创建目录 %s：%s", dir, errno_words(errno));
		rc = EXIT_REJECTED;
	}
	char *p1 = NULL, *p2 = NULL;
	if (rc == EXIT_OK && (write_file(dir, "results.csv", &results, &p1) != 0 ||
			      write_file(dir, "sheets.csv", &sheets, &p2) != 0)) {
		rc = EXIT_REJECTED;
		/* all or nothing: a refused export leaves nothing it wrote */
		if (p1)
			unlink(p1);
		if (made)
			rmdir(dir);
	}
	if (rc == EXIT_OK)
		printf("已导出 %s 和 %s\n", p1, p2);
	free(p1);
	free(p2);
	free(dir);
	buf_free(&results);
	buf_free(&sheets);
	return rc;
}
