/* ytree.c: build a ytree from libyaml's event stream. */
#include "ytree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static struct ynode *ynew(enum ytype t, int line)
{
	struct ynode *n = xcalloc(1, sizeof *n);
	n->type = t;
	n->line = line;
	return n;
}

static void yappend(struct ynode *parent, struct ynode *key, struct ynode *item)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 8;
		parent->items = xrealloc(parent->items,
					 (size_t)parent->cap * sizeof *parent->items);
		if (parent->type == Y_MAP)
			parent->keys = xrealloc(parent->keys,
						(size_t)parent->cap * sizeof *parent->keys);
	}
	if (parent->type == Y_MAP)
		parent->keys[parent->n] = key;
	parent->items[parent->n++] = item;
}

void ytree_free(struct ynode *n)
{
	if (!n)
		return;
	for (int i = 0; i < n->n; i++) {
		ytree_free(n->items[i]);
		if (n->keys)
			ytree_free(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->str);
	free(n);
}

struct ynode *ytree_get(const struct ynode *map, const char *key)
{
	if (!map || map->type != Y_MAP)
		return NULL;
	for (int i = 0; i < map->n; i++)
		if (map->keys[i] && map->keys[i]->type == Y_SCALAR &&
		    strcmp(map->keys[i]->str, key) == 0)
			return map->items[i];
	return NULL;
}

/* One open collection, and for a mapping the key waiting for its value. */
struct frame {
	struct ynode *node;
	struct ynode *pending_key;
};

/* Attach a finished node to the innermost open collection. Returns the
 * node's role: 1 if it was consumed as a mapping key (not a value). */
static void attach(struct frame *stack, int depth, struct ynode **root,
		   struct ynode *n)
{
	if (depth == 0) {
		*root = n;
		return;
	}
	struct frame *f = &stack[depth - 1];
	if (f->node->type == Y_SEQ) {
		yappend(f->node, NULL, n);
	} else if (!f->pending_key) {
		f->pending_key = n;
	} else {
		yappend(f->node, f->pending_key, n);
		f->pending_key = NULL;
	}
}

struct ynode *ytree_parse(const char *buf, size_t len, const char *file,
			  struct diag *d)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct frame stack[YTREE_MAX_DEPTH];
	int depth = 0, done = 0, docs = 0, count = 0;
	struct ynode *root = NULL;
	size_t bad;

	if (!utf8_valid(buf, len, &bad)) {
		int line = 1;
		for (size_t i = 0; i < bad; i++)
			line += buf[i] == '\n';
		diag_add(d, "%s:%d: 不是有效的 UTF-8 编码（第 %zu 字节）", file, line,
			 bad + 1);
		return NULL;
	}
	if (!yaml_parser_initialize(&parser)) {
		diag_add(d, "%s: 无法初始化 YAML 解析器", file);
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			int line = (int)(parser.problem_mark.line + 1);
			diag_add(d, "%s:%d: YAML 格式错误：%s%s%s", file, line,
				 parser.problem ? parser.problem : "无法解析",
				 parser.context ? "，" : "",
				 parser.context ? parser.context : "");
			goto fail;
		}
		int line = (int)ev.start_mark.line + 1;
		struct ynode *n = NULL;
		if (++count > YTREE_MAX_NODES) {
			diag_add(d, "%s:%d: 文件过大（超过 %d 个 YAML 节点）", file, line,
				 YTREE_MAX_NODES);
			yaml_event_delete(&ev);
			goto fail;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				diag_add(d, "%s:%d: 一个文件只能包含一个 YAML 文档", file, line);
				yaml_event_delete(&ev);
				goto fail;
			}
			break;
		case YAML_ALIAS_EVENT:
			diag_add(d, "%s:%d: 不支持 YAML 锚点和别名（*%s）", file, line,
				 (const char *)ev.data.alias.anchor);
			yaml_event_delete(&ev);
			goto fail;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.anchor) {
				diag_add(d, "%s:%d: 不支持 YAML 锚点（&%s）", file, line,
					 (const char *)ev.data.scalar.anchor);
				yaml_event_delete(&ev);
				goto fail;
			}
			n = ynew(Y_SCALAR, line);
			n->str = xstrndup((const char *)ev.data.scalar.value,
					  ev.data.scalar.length);
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			attach(stack, depth, &root, n);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			const yaml_char_t *anchor = ev.type == YAML_SEQUENCE_START_EVENT
				? ev.data.sequence_start.anchor : ev.data.mapping_start.anchor;
			if (anchor) {
				diag_add(d, "%s:%d: 不支持 YAML 锚点（&%s）", file, line,
					 (const char *)anchor);
				yaml_event_delete(&ev);
				goto fail;
			}
			if (depth == YTREE_MAX_DEPTH) {
				diag_add(d, "%s:%d: 嵌套层数过多（最多 %d 层）", file, line,
					 YTREE_MAX_DEPTH);
				yaml_event_delete(&ev);
				goto fail;
			}
			n = ynew(ev.type == YAML_SEQUENCE_START_EVENT ? Y_SEQ : Y_MAP, line);
			attach(stack, depth, &root, n);
			stack[depth].node = n;
			stack[depth].pending_key = NULL;
			depth++;
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (!root) {
		diag_add(d, "%s:1: 文件为空", file);
		return NULL;
	}
	return root;
fail:
	yaml_parser_delete(&parser);
	/* Keys waiting for a value are owned by no node yet. */
	for (int i = 0; i < depth; i++)
		ytree_free(stack[i].pending_key);
	ytree_free(root);
	return NULL;
}
