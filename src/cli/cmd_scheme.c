/* cmd_scheme.c: kaohe scheme list | show | check | add. */
#include "cli.h"
#include "../core/builtin.h"
#include "../render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cmd_scheme_list(struct svc *svc, int argc, char **argv)
{
	(void)svc;
	(void)argv;
	if (argc != 1)
		return cli_usage("scheme list");
	for (const struct builtin_scheme *b = builtin_schemes; b->name; b++) {
		struct diag d = {0};
		struct scheme *s = scheme_parse(b->data, b->len, b->file, &d);
		if (!s) {
			cli_print_diag(&d, NULL);
			diag_free(&d);
			return EXIT_REJECTED;
		}
		char p[POINTS_BUFSZ];
		printf("%-24s %s（%s 分）\n", s->name, s->title, points_fmt(s->root->points, p));
		scheme_free(s);
	}
	return EXIT_OK;
}

/* Prints s as text or JSON. */
static void show(const struct scheme *s, bool json)
{
	if (json) {
		cli_print_json(scheme_to_json(s));
	} else {
		struct buf out = {0};
		scheme_to_text(s, &out);
		fputs(buf_str(&out), stdout);
		buf_free(&out);
	}
}

/* A scheme of the database's year by its name (a custom one, loaded with
 * init or scheme add): shown if found; 1 if the database has none so named
 * or there is no database. */
static int show_stored(const char *name, bool json)
{
	struct stat st;
	if (strchr(name, '/') || stat(cli_db_path(), &st) != 0 || !S_ISREG(st.st_mode))
		return 1;
	/* quietly: a file that is no kaohe database, or has no year, is
	 * simply not where the name is */
	struct svc_error err;
	struct svc_options o = {cli_db_path(), false, cli_env.year, false};
	struct svc *s = svc_open(&o, &err);
	if (!s) {
		svc_error_clear(&err);
		return 1;
	}
	svc_act_local(s, "本地");
	svc_read_only(s, true);
	enum unit_kind *kinds = NULL;
	int nk = 0, found = 0;
	if (svc_kinds(s, &kinds, &nk) == 0)
		for (int i = 0; i < nk && !found; i++) {
			const struct scheme *sc = svc_scheme(s, kinds[i]);
			if (sc && sc->name && strcmp(sc->name, name) == 0) {
				show(sc, json);
				found = 1;
			}
		}
	free(kinds);
	svc_close(s);
	return found ? 0 : 1;
}

int cmd_scheme_show(struct svc *svc, int argc, char **argv)
{
	(void)svc;
	const char *name = NULL;
	int json = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (!name && argv[i][0] != '-')
			name = argv[i];
		else
			return cli_usage("scheme show");
	}
	if (!name)
		return cli_usage("scheme show");
	struct diag d = {0};
	struct scheme *s = scheme_load(name, &d);
	if (!s) {
		/* not built in, not a file: a scheme the year holds? */
		if (show_stored(name, json) == 0) {
			diag_free(&d);
			return EXIT_OK;
		}
		cli_print_diag(&d, NULL);
		diag_free(&d);
		return EXIT_REJECTED;
	}
	show(s, json);
	scheme_free(s);
	return EXIT_OK;
}

int cmd_scheme_check(struct svc *svc, int argc, char **argv)
{
	(void)svc;
	if (argc < 2)
		return cli_usage("scheme check");
	int bad = 0;
	for (int i = 1; i < argc; i++) {
		struct diag d = {0};
		struct scheme *s = scheme_load(argv[i], &d);
		if (!s) {
			cli_print_diag(&d, NULL);
			bad = 1;
		} else {
			/* Not errors, but worth reading against the rubric. */
			for (int k = 0; k < s->warnings.n; k++)
				printf("%s\n", s->warnings.msgs[k]);
			printf("%s：检查通过（%s，%d 个节点%s）\n", argv[i], s->name, s->nnodes - 1,
			       s->warnings.n ? "，有提示" : "");
		}
		scheme_free(s);
		diag_free(&d);
	}
	return bad ? EXIT_REJECTED : EXIT_OK;
}

int cmd_scheme_add(struct svc *s, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("scheme add");
	struct diag d = {0};
	char *data = NULL;
	size_t len;
	if (read_file(argv[1], 8u << 20, &data, &len, &d) != 0) {
		cli_print_diag(&d, NULL);
		diag_free(&d);
		return EXIT_REJECTED;
	}
	diag_free(&d);
	struct svc_text t = {argv[1], data, len};
	char *title = NULL;
	int rc = svc_scheme_add(s, &t, &title) == 0 ? EXIT_OK : cli_fail(s, NULL);
	if (rc == EXIT_OK)
		printf("已为 %d 年度添加%s考核方案：%s；登记这类单位：kaohe unit add 名称 --kind %s\n",
		       svc_year(s), title, argv[1], title);
	free(title);
	free(data);
	return rc;
}
