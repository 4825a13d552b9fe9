/* scheme_keys.c: the readers of one YAML mapping's keys that every part
 * of the scheme reader uses (scheme_check.h): unknown and duplicated
 * keys, texts, points, whole numbers and true/false, each reporting its
 * own problem as FILE:LINE: message. */
#include "scheme_check.h"
#include "ytree.h"

#include <stdlib.h>
#include <string.h>

/* Reports every key of map that is not in allowed[] (NULL-terminated). */
void sk_keys(struct scheme_ctx *c, const struct ynode *map,
		       const char *const *allowed, const char *what)
{
	for (int i = 0; i < map->n; i++) {
		const struct ynode *k = map->keys[i];
		if (k->type != Y_SCALAR) {
			scheme_err(c, k->line, "%s的键必须是简单文字", what);
			continue;
		}
		int ok = 0;
		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, k->str) == 0)
				ok = 1;
		for (int j = 0; j < i && ok; j++)
			if (map->keys[j]->type == Y_SCALAR &&
			    strcmp(map->keys[j]->str, k->str) == 0) {
				scheme_err(c, k->line, "%s中重复的键“%s”（第 %d 行已有）", what,
				    k->str, map->keys[j]->line);
				ok = 2;
			}
		if (!ok)
			scheme_err(c, k->line, "%s中未知的键“%s”", what, k->str);
	}
}

const struct ynode *sk_scalar(struct scheme_ctx *c, const struct ynode *map,
				  const char *key, int required, const char *what)
{
	const struct ynode *v = ytree_get(map, key);
	if (!v) {
		if (required)
			scheme_err(c, map->line, "%s缺少“%s”", what, key);
		return NULL;
	}
	if (v->type != Y_SCALAR) {
		scheme_err(c, v->line, "“%s”必须是文字或数字", key);
		return NULL;
	}
	return v;
}

char *sk_str(struct scheme_ctx *c, const struct ynode *map, const char *key,
		     int required, const char *what)
{
	const struct ynode *v = sk_scalar(c, map, key, required, what);
	if (!v)
		return NULL;
	if (required && v->str[0] == '\0') {
		scheme_err(c, v->line, "“%s”不能为空", key);
		return NULL;
	}
	return xstrdup(v->str);
}

/* Returns 1 if the key is present and valid, 0 if absent, -1 on error. */
int sk_points(struct scheme_ctx *c, const struct ynode *map, const char *key,
		      int required, const char *what, points_t *out)
{
	const struct ynode *v = sk_scalar(c, map, key, required, what);
	if (!v)
		return ytree_get(map, key) ? -1 : 0;
	if (points_parse(v->str, out) != 0) {
		scheme_err(c, v->line, "“%s”的值“%s”不是有效分值（非负数，最多两位小数）", key,
		    v->str);
		return -1;
	}
	return 1;
}

int sk_int(struct scheme_ctx *c, const struct ynode *map, const char *key,
		   int required, const char *what, long long lo, long long hi,
		   long long *out)
{
	const struct ynode *v = sk_scalar(c, map, key, required, what);
	if (!v)
		return ytree_get(map, key) ? -1 : 0;
	char *end;
	const char *s = v->str;
	long long x = 0;
	int ok = *s >= '0' && *s <= '9';
	if (ok) {
		x = strtoll(s, &end, 10);
		ok = *end == '\0' && x >= lo && x <= hi;
	}
	if (!ok) {
		scheme_err(c, v->line, "“%s”的值“%s”必须是 %lld 到 %lld 之间的整数", key, s, lo, hi);
		return -1;
	}
	*out = x;
	return 1;
}

int sk_bool(struct scheme_ctx *c, const struct ynode *map, const char *key, bool *out)
{
	const struct ynode *v = sk_scalar(c, map, key, 0, "");
	if (!v)
		return 0;
	if (strcmp(v->str, "true") == 0 || strcmp(v->str, "yes") == 0)
		*out = true;
	else if (strcmp(v->str, "false") == 0 || strcmp(v->str, "no") == 0)
		*out = false;
	else {
		scheme_err(c, v->line, "“%s”必须是 true 或 false", key);
		return -1;
	}
	return 1;
}
