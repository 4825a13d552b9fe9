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

/* libyaml's problems in Chinese; an unknown one is shown as it is. */
static const char *yaml_problem(const yaml_parser_t *p)
{
	static const struct { const char *en, *zh; } words[] = {
		{"found unexpected end of stream", "文件意外结束（引号或括号没有闭合？）"},
		{"found unexpected end of stream while scanning a quoted scalar", "引号没有闭合"},
		{"found unexpected end of stream while scanning a quoted scalar", "引号没有闭合"},
		{"mapping values are not allowed in this context", "此处不能出现“键: 值”（缩进或冒号有误？）"},
		{"did not find expected key", "缩进不一致，找不到应有的键"},
		{"did not find expected ',' or ']'", "列表缺少“,”或“]”"},
		{"did not find expected ',' or '}'", "映射缺少“,”或“}”"},
		{"did not find expected '-' indicator", "列表项缺少“-”（缩进有误？）"},
		{"found character that cannot start any token", "出现了不能作为开头的字符（如制表符）"},
		{"found a tab character that violates indentation", "缩进中不能使用制表符"},
		{"found a tab character where an indentation space is expected", "缩进中不能使用制表符"},
		{"could not find expected ':'", "缺少冒号“:”"},
		{"found undefined tag handle", "未定义的标签"},
		{"found duplicate %YAML directive", "重复的 %YAML 指令"},
		{"block sequence entries are not allowed in this context", "此处不能出现列表项“-”（缩进有误？）"},
		{"found unknown escape character while parsing a quoted scalar", "引号内有未知的转义字符"},
		{"found unexpected ':'", "出现了多余的冒号“:”"},
	};
	const char *pr = p->problem ? p->problem : "";
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(pr, words[i].en) == 0)
			return words[i].zh;
	return *pr ? pr : "无法解析";
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
			diag_add(d, "%s:%d: YAML 格式错误：%s", file, line, yaml_problem(&parser));
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
			if (ev.data.scalar.tag && !ev.data.scalar.plain_implicit &&
			    !ev.data.scalar.quoted_implicit) {
				diag_add(d, "%s:%d: 不支持 YAML 标签（%s）", file, line,
					 (const char *)ev.data.scalar.tag);
				yaml_event_delete(&ev);
				goto fail;
			}
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
			const yaml_char_t *tag = ev.type == YAML_SEQUENCE_START_EVENT
				? ev.data.sequence_start.tag : ev.data.mapping_start.tag;
			if (tag) {
				diag_add(d, "%s:%d: 不支持 YAML 标签（%s）", file, line, (const char *)tag);
				yaml_event_delete(&ev);
				goto fail;
			}
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
