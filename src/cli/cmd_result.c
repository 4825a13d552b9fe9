/* cmd_result.c: kaohe compute | results | explain | grade set | export. */
#include "args.h"
#include "cli.h"
#include "../render/render.h"
#include "../report/report.h"

#include <errno.h>
#include <fcntl.h>
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
		cli_pad(grade_or_dash(r[i].grading, r[i].proposed), 8);
		cli_pad(grade_or_dash(r[i].grading, r[i].decision.grade), 8);
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
		kind = svc_kind_parse(s, opt_get(opts, "--kind")->text);
		if (kind < 0 || !unit_kind_assessed((enum unit_kind)kind)) {
			cli_error("--kind 须是 county（县区）、department（市直部门）或本年度添加的方案所考核的类型");
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
		cli_print_json(a);
	} else {
		print_rows(r, n);
	}
	stored_results_free(r, n);
	stale_note(s);
	return EXIT_OK;
}

int cmd_explain(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--json", OPT_FLAG}, {"--period", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("explain");
	struct svc_explain e;
	const char *ptext = opt_get(opts, "--period")->text;
	int period = 0;
	if ((ptext && svc_period(s, pos[0], ptext, &period) != 0) || svc_explain(s, pos[0], &e) != 0)
		return cli_fail(s, NULL);
	/* One period's own sheet of a periodic scheme (core/period.h). */
	const struct result *r = e.r;
	char label[PERIOD_BUFSZ];
	struct buf who = {0};
	buf_puts(&who, e.unit.name);
	for (int i = 0; period && i < e.r->nperiods; i++)
		if (e.r->periods[i].period == period) {
			r = e.r->periods[i].r;
			buf_printf(&who, " %s", period_label(e.r->scheme->periods.kind, period, label));
			if (e.r->periods[i].empty)
				buf_puts(&who, "（未录入任何评分）");
		}
	if (opt_get(opts, "--json")->set) {
		cli_print_json(result_to_json(r, buf_str(&who), unit_kind_name(e.unit.kind)));
	} else {
		struct buf out = {0};
		result_to_text(r, buf_str(&who), &out);
		fputs(buf_str(&out), stdout);
		buf_free(&out);
	}
	buf_free(&who);
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

/* Writes b to fd, every step checked (write, sync, close); closes fd.
 * 0, or -1 with errno set. */
static int write_whole(int fd, const struct buf *b)
{
	if (fd < 0)
		return -1;
	const char *p = b->p ? b->p : "";
	size_t left = b->len;
	while (left > 0) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : EIO;
			close(fd);
			errno = e;
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

static char *join(const char *dir, const char *name)
{
	struct buf b = {0};
	buf_printf(&b, "%s/%s", dir, name);
	return buf_take(&b);
}

/* The files of an export: the two tables and the stamp of what they show
 * (year, schemes, compute time, audit head and its signature), so that a
 * filed copy can be matched to the database. */
#define EXPORT_FILES 3
static const char *const export_names[EXPORT_FILES] = {"results.csv", "sheets.csv", "stamp.txt"};

/* Renames the written temporary files over the export's files in the
 * existing directory dir, all or none: each file already there is first
 * linked to a name of its own (dir/.NAME.old-PID) and put back if a later
 * rename fails. 0; or -1 with *failed, *e set and the directory as it
 * was, *mixed if even putting back failed. */
static int replace_all(const char *dir, char *const temp[EXPORT_FILES], const char **failed, int *e,
		       bool *mixed)
{
	/* every name first: no allocation may fail between the renames */
	char *final[EXPORT_FILES], *old[EXPORT_FILES];
	bool had[EXPORT_FILES] = {false};
	for (int i = 0; i < EXPORT_FILES; i++) {
		final[i] = join(dir, export_names[i]);
		struct buf b = {0};
		buf_printf(&b, "%s/.%s.old-%ld", dir, export_names[i], (long)getpid());
		old[i] = buf_take(&b);
	}
	int rc = 0, done = 0;
	for (int i = 0; i < EXPORT_FILES && rc == 0; i++) {
		unlink(old[i]);
		had[i] = link(final[i], old[i]) == 0;
		if (had[i])
			oom_remove_later(old[i]);
		if (!had[i] && errno != ENOENT) {
			*e = errno;
			*failed = export_names[i];
			rc = -1;
		}
	}
	for (int i = 0; i < EXPORT_FILES && rc == 0; i++) {
		if (rename(temp[i], final[i]) != 0) {
			*e = errno;
			*failed = export_names[i];
			rc = -1;
		} else {
			done++;
		}
	}
	/* put back what was replaced */
	for (int i = 0; i < done && rc != 0; i++)
		if (had[i] ? rename(old[i], final[i]) != 0 : unlink(final[i]) != 0)
			*mixed = true;
	for (int i = 0; i < EXPORT_FILES; i++) {
		oom_remove_cancel(old[i]);
		if (had[i])
			unlink(old[i]);
		free(final[i]);
		free(old[i]);
	}
	return rc;
}

/* Writes the export's files into dir, all or none: a new directory is
 * made under a temporary name beside it and renamed into place when every
 * file is whole; into an existing directory they are written under
 * temporary names first and renamed over the old ones by replace_all. */
static int export_files(const char *dir, const struct buf *content[EXPORT_FILES])
{
	const char *const *names = export_names;
	struct stat sb;
	bool exists = stat(dir, &sb) == 0;
	if (!exists && errno != ENOENT) {
		cli_error("导出失败：无法使用目录 %s：%s", dir, errno_words(errno));
		return -1;
	}
	if (exists && !S_ISDIR(sb.st_mode)) {
		cli_error("导出失败：%s 已存在且不是目录", dir);
		return -1;
	}
	char *tmpdir = NULL, *temp[EXPORT_FILES] = {NULL};
	const char *where = dir;
	if (!exists) {
		struct buf t = {0};
		buf_printf(&t, "%s.tmp-XXXXXX", dir);
		tmpdir = buf_take(&t);
		if (!mkdtemp(tmpdir)) {
			cli_error("导出失败：无法创建目录 %s：%s", dir, errno_words(errno));
			free(tmpdir);
			return -1;
		}
		where = tmpdir;
		oom_remove_later(tmpdir);
	}
	int rc = 0, e = 0;
	const char *failed = NULL;
	for (int i = 0; i < EXPORT_FILES && rc == 0; i++) {
		int fd;
		if (exists) {
			struct buf t = {0};
			buf_printf(&t, "%s/.%s.tmp-XXXXXX", dir, names[i]);
			temp[i] = buf_take(&t);
			fd = mkstemp(temp[i]);
		} else {
			temp[i] = join(where, names[i]);
			fd = open(temp[i], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		}
		if (fd >= 0)
			oom_remove_later(temp[i]);
		if (write_whole(fd, content[i]) != 0) {
			e = errno;
			failed = names[i];
			rc = -1;
		}
	}
	if (rc == 0 && !exists && rename(tmpdir, dir) != 0) {
		e = errno;
		failed = dir;
		rc = -1;
	}
	bool mixed = false;
	if (rc == 0 && exists && replace_all(dir, temp, &failed, &e, &mixed) != 0)
		rc = -1;
	if (rc != 0 && mixed) {
		cli_error("导出失败：无法写入 %s/%s：%s；%s 中的导出文件新旧混杂，请重新导出", dir, failed,
			  errno_words(e), dir);
		rc = -2;
	}
	if (rc != 0) {
		for (int i = 0; i < EXPORT_FILES; i++)
			if (temp[i])
				unlink(temp[i]);
		if (tmpdir)
			rmdir(tmpdir);
		if (rc == -1)
			cli_error("导出失败：无法写入 %s%s%s：%s；未留下任何文件", failed == dir ? "" : dir,
				  failed == dir ? "" : "/", failed, errno_words(e));
		rc = -1;
	}
	for (int i = 0; i < EXPORT_FILES; i++) {
		oom_remove_cancel(temp[i]);
		free(temp[i]);
	}
	oom_remove_cancel(tmpdir);
	free(tmpdir);
	return rc;
}

int cmd_export(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	int n = args_parse(argc, argv, opts, pos, 1);
	if (n < 0)
		return cli_usage("export");
	/* the figures and their stamp from one state of the file */
	if (svc_read_begin(s) != 0)
		return cli_fail(s, NULL);
	struct svc_stamp st;
	if (svc_stamp_need(s, STAMP_CURRENT, &st) != 0) {
		svc_read_end(s);
		return cli_fail(s, NULL);
	}
	struct stored_result *r;
	int nr;
	int got = svc_results(s, -1, true, &r, &nr);
	svc_read_end(s);
	if (got != 0) {
		svc_stamp_clear(&st);
		return cli_fail(s, NULL);
	}
	struct buf results = {0}, sheets = {0}, stamp = {0};
	results_csv(r, nr, &results);
	sheets_csv(r, nr, &sheets);
	stored_results_free(r, nr);
	char *line = report_stamp_full(&st);
	buf_printf(&stamp, "%s\n", line);
	free(line);
	svc_stamp_clear(&st);
	char *dir = xstrdup(n ? pos[0] : ".");
	for (size_t l = strlen(dir); l > 1 && dir[l - 1] == '/'; l--)
		dir[l - 1] = '\0';
	const struct buf *content[EXPORT_FILES] = {&results, &sheets, &stamp};
	int rc = export_files(dir, content) == 0 ? EXIT_OK : EXIT_REJECTED;
	if (rc == EXIT_OK)
		printf("已导出 %s/results.csv、%s/sheets.csv 和数据来源 %s/stamp.txt\n", dir, dir, dir);
	free(dir);
	buf_free(&results);
	buf_free(&sheets);
	buf_free(&stamp);
	return rc;
}
