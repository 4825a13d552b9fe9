/* cmd_status.c: kaohe status — what is left to do before approval, unit
 * by unit: spot checks, missing scores, results, decisions. */
#include "args.h"
#include "cli.h"
#include "../storage/result.h"
#include "../storage/spot_check.h"
#include "../storage/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct status_arg {
	struct db *db;
	int open_items;
	struct spot_size sizes[4];
};


static int unit_status(const struct unit *u, void *arg)
{
	struct status_arg *s = arg;
	if (strcmp(u->kind, "county") != 0 && strcmp(u->kind, "department") != 0)
		return 0;
	struct buf todo = {0};
	if (strcmp(u->status, "excluded") == 0)
		return 0;
	if (strcmp(u->status, "provincial") == 0) {
		if (!u->has_provincial_total)
			buf_puts(&todo, "录入省考核得分（unit edit --provincial-total）；");
		if (!u->provincial_grade[0])
			buf_puts(&todo, "录入省考核档次（unit edit --provincial-grade）；");
	} else {
		if (strcmp(u->kind, "county") == 0) {
			/* Every kind the year samples, within its sizes. */
			int n[4];
			spot_counts_of(s->db, u->id, n);
			struct buf short_of = {0};
			for (int k = SAMPLE_TOWN; k <= SAMPLE_ENTERPRISE; k++) {
				const struct spot_size *z = &s->sizes[k];
				if (!z->declared || n[k] >= z->min)
					continue;
				buf_printf(&short_of, "%s%s %d 个（须 %d", short_of.len ? "、" : "",
					   sample_kind_title((enum sample_kind)k), n[k], z->min);
				if (z->max > z->min)
					buf_printf(&short_of, "–%d", z->max);
				buf_puts(&short_of, " 个）");
			}
			if (short_of.len)
				buf_printf(&todo, "抽查对象不全：%s；", buf_str(&short_of));
			buf_free(&short_of);
		}
		struct unit_load L;
		struct result *r = NULL;
		struct diag d = {0};
		if (unit_explain(s->db, u->name, &L, &r, &d) != 0) {
			buf_printf(&todo, "评分记录有误：%s；", d.n ? d.msgs[0] : db_error(s->db));
		} else {
			if (r->incomplete) {
				buf_puts(&todo, "录入缺少的评分：");
				for (int i = 0; i < r->nmissing; i++)
					buf_printf(&todo, "%s%s", i ? "、" : "", r->missing[i]);
				buf_puts(&todo, "；");
			}
			/* Warnings are not blocking, but a person should look. */
			for (int i = 0; i < r->nwarnings; i++)
				buf_printf(&todo, "核实：%s；", r->warnings[i]);
		}
		result_free(r);
		unit_load_free(&L);
		diag_free(&d);
	}
	if (!todo.len) {
		enum grade g;
		if (!result_current_proposal(s->db, u->id, &g))
			buf_puts(&todo, "计分（compute）；");
	}
	cli_pad(u->name, 24);
	if (todo.len) {
		todo.p[todo.len - 3] = '\0';   /* drop the last "；" */
		printf("%s\n", todo.p);
		s->open_items++;
	} else {
		puts("就绪");
	}
	buf_free(&todo);
	return 0;
}

int cmd_status(int argc, char **argv)
{
	struct opt opts[] = {{NULL}};
	char *pos[1];
	if (args_parse("status", argc, argv, opts, pos, 0) < 0)
		return EXIT_USAGE;
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	struct status_arg s = {db, 0, {{0}}};
	if (spot_sizes(db, s.sizes) != 0) {
		int rc = cli_db_error(db);
		db_close(db);
		return rc;
	}
	printf("%d 年度%s\n", db->year, db->approved ? "（已审定）" : "");
	int rc = unit_each(db, "county", unit_status, &s) == 0 &&
		 unit_each(db, "department", unit_status, &s) == 0 ? EXIT_OK : cli_db_error(db);
	if (rc == EXIT_OK) {
		if (s.open_items)
			printf("\n还有 %d 个单位有待办事项\n", s.open_items);
		else if (!db->approved)
			puts("\n全部单位已计分；确定档次后可运行 kaohe approve 审定");
	}
	db_close(db);
	return rc;
}
