/* args.c: option parsing with typed values. */
#include "args.h"
#include "cli.h"
#include "../core/numtext.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct opt *opt_get(struct opt *opts, const char *name)
{
	for (struct opt *o = opts; o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	abort();
}

int args_parse(int argc, char **argv, struct opt *opts, char **pos, int maxpos)
{
	int npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9')) {
			if (npos == maxpos) {
				cli_error("多余的参数“%s”", a);
				return -1;
			}
			pos[npos++] = argv[i];
			continue;
		}
		/* --name=value or --name value */
		const char *eq = strchr(a, '=');
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		struct opt *o = NULL;
		for (struct opt *p = opts; p->name; p++)
			if (strlen(p->name) == len && strncmp(p->name, a, len) == 0)
				o = p;
		if (!o) {
			cli_error("未知的选项“%.*s”", (int)len, a);
			return -1;
		}
		if (o->set) {
			cli_error("选项 %s 重复", o->name);
			return -1;
		}
		o->set = true;
		if (o->type == OPT_FLAG) {
			if (eq) {
				cli_error("选项 %s 不带值", o->name);
				return -1;
			}
			continue;
		}
		const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!v) {
			cli_error("选项 %s 需要一个值", o->name);
			return -1;
		}
		o->text = v;
		if (o->type == OPT_INT) {
			if (numtext_count(v, &o->num) != 0) {
				/* digits that do not fit are out of range, not "not a
				 * number"; the value is echoed as typed */
				errno = 0;
				long long probe = strtoll(v, NULL, 10);
				(void)probe;
				bool range = errno == ERANGE;
				cli_error(range ? "选项 %s 的值“%s”超出范围" : "选项 %s 的值“%s”须是整数", o->name, v);
				return -1;
			}
		} else if (o->type == OPT_POINTS) {
			if (points_parse(v, &o->points) != 0) {
				cli_error("选项 %s 的值“%s”须是非负分值（最多两位小数）", o->name, v);
				return -1;
			}
		}
	}
	return npos;
}
