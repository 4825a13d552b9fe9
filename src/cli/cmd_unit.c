/* cmd_unit.c: kaohe unit add | list | edit | import, kaohe team …. */
#include "args.h"
#include "cli.h"
#include "../core/csv.h"
#include "../render/render.h"
#include "../storage/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct unit_add_arg {
	struct unit u;
};

static int do_unit_add(struct db *db, void *arg)
{
	return unit_add(db, &((struct unit_add_arg *)arg)->u);
}

int cmd_unit_add(int argc, char **argv)
{
	struct opt opts[] = {
		{"--kind", OPT_TEXT}, {"--parent", OPT_TEXT}, {"--industry", OPT_TEXT},
		{"--order", OPT_INT}, {"--status", OPT_TEXT}, {NULL},
	};
	char *pos[1];
	if (args_parse("unit add", argc, argv, opts, pos, 1) != 1 || !opt_get(opts, "--kind")->set)
		return cli_usage("unit add");
	struct unit_add_arg a = {0};
	if (strlen(pos[0]) >= sizeof a.u.name - 1) {
		cli_error("单位名称过长（最多 80 个汉字）");
		return EXIT_USAGE;
	}
	snprintf(a.u.name, sizeof a.u.name, "%s", pos[0]);
	snprintf(a.u.kind, sizeof a.u.kind, "%s", opt_get(opts, "--kind")->text);
	if (opt_get(opts, "--parent")->set)
		snprintf(a.u.parent, sizeof a.u.parent, "%s", opt_get(opts, "--parent")->text);
	if (opt_get(opts, "--industry")->set)
		snprintf(a.u.industry, sizeof a.u.industry, "%s", opt_get(opts, "--industry")->text);
	if (opt_get(opts, "--status")->set)
		snprintf(a.u.status, sizeof a.u.status, "%s", opt_get(opts, "--status")->text);
	if (opt_get(opts, "--order")->set) {
		long long o = opt_get(opts, "--order")->num;
		if (o <= 0 || o > 1000000) {
			cli_error("顺序须是正整数");
			return EXIT_USAGE;
		}
		a.u.sort_order = (int)o;
	}
	int rc = cli_write_year(do_unit_add, &a);
	if (rc == EXIT_OK)
		printf("已登记%s：%s\n", unit_kind_title(a.u.kind), a.u.name);
	return rc;
}

struct list_arg {
	cJSON *json;
};

static int print_unit(const struct unit *u, void *arg)
{
	struct list_arg *l = arg;
	char p[POINTS_BUFSZ];
	if (l->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", u->name);
		cJSON_AddStringToObject(o, "kind", u->kind);
		if (u->parent[0])
			cJSON_AddStringToObject(o, "parent", u->parent);
		if (u->industry[0])
			cJSON_AddStringToObject(o, "industry", u->industry);
		cJSON_AddNumberToObject(o, "order", u->sort_order);
		cJSON_AddStringToObject(o, "status", u->status);
		if (u->has_provincial_total)
			cJSON_AddItemToObject(o, "provincial_total", json_points(u->provincial_total));
		if (u->provincial_grade[0])
			cJSON_AddStringToObject(o, "provincial_grade", u->provincial_grade);
		cJSON_AddItemToArray(l->json, o);
		return 0;
	}
	printf("%-8s %4d  %s", unit_kind_title(u->kind), u->sort_order, u->name);
	if (u->parent[0])
		printf("  （%s）", u->parent);
	if (u->industry[0])
		printf("  行业：%s", u->industry);
	if (strcmp(u->status, "assessed") != 0)
		printf("  〔%s〕", unit_status_title(u->status));
	if (u->has_provincial_total)
		printf("  省考核得分 %s", points_fmt(u->provincial_total, p));
	if (u->provincial_grade[0])
		printf("  省考核档次 %s", u->provincial_grade);
	putchar('\n');
	return 0;
}

int cmd_unit_list(int argc, char **argv)
{
	struct opt opts[] = {{"--kind", OPT_TEXT}, {"--json", OPT_FLAG}, {NULL}};
	char *pos[1];
	if (args_parse("unit list", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	const char *kind = NULL;
	if (opt_get(opts, "--kind")->set && !(kind = unit_kind_parse(opt_get(opts, "--kind")->text))) {
		cli_error("未知的单位类型“%s”", opt_get(opts, "--kind")->text);
		return EXIT_USAGE;
	}
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	struct list_arg l = {opt_get(opts, "--json")->set ? cJSON_CreateArray() : NULL};
	int rc = unit_each(db, kind, print_unit, &l) == 0 ? EXIT_OK : cli_db_error(db);
	if (l.json) {
		char *s = cJSON_Print(l.json);
		puts(s);
		free(s);
		cJSON_Delete(l.json);
	}
	db_close(db);
	return rc;
}

struct edit_arg {
	const char *name;
	struct unit_change c;
};

static int do_unit_edit(struct db *db, void *arg)
{
	struct edit_arg *e = arg;
	return unit_edit(db, e->name, &e->c);
}

int cmd_unit_edit(int argc, char **argv)
{
	struct opt opts[] = {
		{"--name", OPT_TEXT}, {"--parent", OPT_TEXT}, {"--industry", OPT_TEXT},
		{"--order", OPT_INT}, {"--status", OPT_TEXT}, {"--provincial-total", OPT_POINTS},
		{"--provincial-grade", OPT_TEXT}, {NULL},
	};
	char *pos[1];
	if (args_parse("unit edit", argc, argv, opts, pos, 1) != 1)
		return cli_usage("unit edit");
	struct edit_arg e = {pos[0], {.sort_order = -1}};
	e.c.name = opt_get(opts, "--name")->text;
	e.c.parent = opt_get(opts, "--parent")->text;
	e.c.industry = opt_get(opts, "--industry")->text;
	e.c.status = opt_get(opts, "--status")->text;
	e.c.provincial_grade = opt_get(opts, "--provincial-grade")->text;
	if (opt_get(opts, "--order")->set) {
		long long o = opt_get(opts, "--order")->num;
		if (o <= 0 || o > 1000000) {
			cli_error("顺序须是正整数");
			return EXIT_USAGE;
		}
		e.c.sort_order = (int)o;
	}
	if (opt_get(opts, "--provincial-total")->set) {
		e.c.set_total = true;
		e.c.provincial_total = opt_get(opts, "--provincial-total")->points;
	}
	int rc = cli_write_year(do_unit_edit, &e);
	if (rc == EXIT_OK)
		printf("已修改：%s\n", e.c.name ? e.c.name : pos[0]);
	return rc;
}

int cli_read_csv(const char *path, struct csv *c, char **digest)
{
	struct diag d = {0};
	char *data;
	size_t len;
	if (read_file(path, 1u << 30, &data, &len, &d) != 0) {
		cli_print_diag(&d);
		diag_free(&d);
		return -1;
	}
	int rc = csv_parse(data, len, path, c, &d);
	cli_print_diag(&d);
	diag_free(&d);
	if (rc == 0 && digest)
		*digest = sha256_hex(data, len);
	free(data);
	return rc;
}

struct remove_arg {
	const char *name, *reason;
};

static int do_unit_remove(struct db *db, void *arg)
{
	struct remove_arg *a = arg;
	return unit_remove(db, a->name, a->reason);
}

int cmd_unit_remove(int argc, char **argv)
{
	struct opt opts[] = {{"--reason", OPT_TEXT}, {NULL}};
	char *pos[1];
	if (args_parse("unit remove", argc, argv, opts, pos, 1) != 1)
		return cli_usage("unit remove");
	struct remove_arg a = {pos[0], opt_get(opts, "--reason")->text};
	int rc = cli_write_year(do_unit_remove, &a);
	if (rc == EXIT_OK)
		printf("已删除单位：%s（原因已记录）\n", pos[0]);
	return rc;
}

int cmd_unit_import(int argc, char **argv)
{
	return cli_import_csv("unit import", argc, argv, unit_import);
}

struct team_arg {
	char **pos;
	int n;
	const char *role, *title, *contact;
};

static int do_team_add(struct db *db, void *arg)
{
	return team_add(db, ((struct team_arg *)arg)->pos[0]);
}

int cmd_team_add(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("team add", argc, argv, opts, pos, 1) != 1)
		return cli_usage("team add");
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	struct team_arg a = {pos, 1, NULL, NULL, NULL};
	int rc = cli_write(db, do_team_add, &a);
	if (rc == EXIT_OK)
		printf("已建立考核组：%s\n", pos[0]);
	db_close(db);
	return rc;
}

static int do_team_member(struct db *db, void *arg)
{
	struct team_arg *a = arg;
	return team_member_add(db, a->pos[0], a->pos[1], a->role, a->title, a->contact);
}

int cmd_team_member(int argc, char **argv)
{
	struct opt opts[] = {{"--role", OPT_TEXT}, {"--title", OPT_TEXT}, {"--contact", OPT_TEXT}, {NULL}};
	char *pos[2];
	if (args_parse("team member", argc, argv, opts, pos, 2) != 2)
		return cli_usage("team member");
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	struct team_arg a = {pos, 2, opt_get(opts, "--role")->text, opt_get(opts, "--title")->text,
			     opt_get(opts, "--contact")->text};
	int rc = cli_write(db, do_team_member, &a);
	if (rc == EXIT_OK)
		printf("已加入%s：%s\n", pos[0], pos[1]);
	db_close(db);
	return rc;
}

static int do_team_assign(struct db *db, void *arg)
{
	struct team_arg *a = arg;
	for (int i = 1; i < a->n; i++)
		if (team_assign(db, a->pos[0], a->pos[i]) != 0)
			return -1;
	return 0;
}

int cmd_team_assign(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[64];
	int n = args_parse("team assign", argc, argv, opts, pos, 64);
	if (n < 2)
		return cli_usage("team assign");
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	struct team_arg a = {pos, n, NULL, NULL, NULL};
	int rc = cli_write(db, do_team_assign, &a);
	if (rc == EXIT_OK)
		printf("已将 %d 个单位列入%s的考核范围\n", n - 1, pos[0]);
	db_close(db);
	return rc;
}

static int print_team(const char *team, const struct team_member *m, int nm,
		      const char *const *units, int nu, void *arg)
{
	(void)arg;
	printf("%s\n", team);
	for (int i = 0; i < nm; i++) {
		printf("  ");
		cli_pad(m[i].role, 8);
		fputs(m[i].name, stdout);
		if (m[i].title[0])
			printf("  %s", m[i].title);
		if (m[i].contact[0])
			printf("  %s", m[i].contact);
		putchar('\n');
	}
	printf("  考核范围：");
	for (int i = 0; i < nu; i++)
		printf("%s%s", i ? "、" : "", units[i]);
	printf("%s\n", nu ? "" : "（未指定）");
	return 0;
}

int cmd_team_list(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("team list", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = team_each(db, print_team, NULL) == 0 ? EXIT_OK : cli_db_error(db);
	db_close(db);
	return rc;
}
