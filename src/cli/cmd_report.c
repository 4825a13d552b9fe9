/* cmd_report.c: kaohe report results | sheet | sheets | chart, and kaohe
 * template xlsx: the documents to file and print (src/report/). */
#include "args.h"
#include "cli.h"
#include "../report/report.h"

#include <stdio.h>
#include <string.h>

/* The --format and -o of a report (without --format, the file name's
 * extension says it: 结果.pdf); 0, or an exit status after saying what is
 * wrong. */
static int target(struct opt *opts, const char *cmd, enum report_format *f, const char **out)
{
	const char *fmt = opt_get(opts, "--format")->text;
	*out = opt_get(opts, "-o")->text;
	if (!*out)
		return cli_usage(cmd);
	if (!fmt) {
		const char *dot = strrchr(*out, '.');
		if (!dot || strchr(dot, '/') || report_format_parse(dot + 1) < 0) {
			cli_error("请用 --format 指明格式（xlsx、pdf、csv、svg、png），或给输出文件加上扩展名");
			return EXIT_USAGE;
		}
		fmt = dot + 1;
	}
	int k = report_format_parse(fmt);
	if (k < 0) {
		cli_error("未知的格式“%s”（xlsx、pdf、csv、svg、png）", fmt);
		return EXIT_USAGE;
	}
	*f = (enum report_format)k;
	return 0;
}

static int done(struct svc *s, int rc, struct svc_error *err, const char *out)
{
	(void)s;
	if (rc != 0) {
		cli_error_of(err, NULL);
		svc_error_clear(err);
		return err->code == SVC_INVALID ? EXIT_USAGE : EXIT_REJECTED;
	}
	printf("已写入 %s\n", out);
	return EXIT_OK;
}

int cmd_report_results(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--format", OPT_TEXT}, {"-o", OPT_TEXT}, {NULL}};
	char *pos[1];
	enum report_format f;
	const char *out;
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("report results");
	int rc = target(opts, "report results", &f, &out);
	if (rc)
		return rc;
	struct svc_error err = {0};
	return done(s, report_results(s, f, out, &err), &err, out);
}

int cmd_report_sheet(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--format", OPT_TEXT}, {"-o", OPT_TEXT}, {NULL}};
	char *pos[1];
	enum report_format f;
	const char *out;
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("report sheet");
	int rc = target(opts, "report sheet", &f, &out);
	if (rc)
		return rc;
	struct svc_error err = {0};
	return done(s, report_sheet(s, pos[0], f, out, &err), &err, out);
}

int cmd_report_sheets(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--format", OPT_TEXT}, {"-o", OPT_TEXT}, {NULL}};
	char *pos[1];
	enum report_format f;
	const char *out;
	if (args_parse(argc, argv, opts, pos, 0) < 0)
		return cli_usage("report sheets");
	int rc = target(opts, "report sheets", &f, &out);
	if (rc)
		return rc;
	struct svc_error err = {0};
	return done(s, report_sheets(s, f, out, &err), &err, out);
}

int cmd_report_chart(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"--format", OPT_TEXT}, {"-o", OPT_TEXT}, {"--unit", OPT_TEXT}, {NULL}};
	char *pos[1];
	enum report_format f;
	const char *out;
	if (args_parse(argc, argv, opts, pos, 1) != 1)
		return cli_usage("report chart");
	int rc = target(opts, "report chart", &f, &out);
	if (rc)
		return rc;
	struct svc_error err = {0};
	return done(s, report_chart(s, pos[0], opt_get(opts, "--unit")->text, f, out, &err), &err, out);
}

int cmd_template(struct svc *s, int argc, char **argv)
{
	struct opt opts[] = {{"-o", OPT_TEXT}, {"--team", OPT_TEXT}, {"--industry", OPT_TEXT}, {"--unit", OPT_TEXT},
			     {"--period", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse(argc, argv, opts, pos, 1) != 1 || strcmp(pos[0], "xlsx") != 0 || !opt_get(opts, "-o")->set)
		return cli_usage("template");
	struct report_template t = {opt_get(opts, "--team")->text, opt_get(opts, "--industry")->text,
				    opt_get(opts, "--unit")->text, opt_get(opts, "--period")->text};
	struct svc_error err = {0};
	const char *out = opt_get(opts, "-o")->text;
	return done(s, report_template_xlsx(s, &t, out, &err), &err, out);
}
