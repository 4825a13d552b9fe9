/* materials.c: what units provide for the items (资料: files and links),
 * the checklist of what each item's method asks for, and all of a unit's
 * materials as one ZIP file. */
#include "service_impl.h"
#include "../storage/material.h"
#include "../storage/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

int svc_material_check(struct svc *s, const char *name, size_t len)
{
	if (svc_text(s, "name", "文件名", name, TEXT_TITLE_MAX, false, true) != 0)
		return -1;
	if (strpbrk(name, "/\\") || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return svc_fail(s, SVC_INVALID, "name", "文件名“%s”不能含有 / 或 \\", name);
	if (len == 0)
		return svc_fail(s, SVC_INVALID, "file", "文件“%s”是空的", name);
	if (len > SVC_MATERIAL_MAX)
		return svc_fail(s, SVC_INVALID, "file", "文件“%s”超过 %d MB", name, SVC_MATERIAL_MAX / 1024 / 1024);
	return 0;
}

/* The unit (a county or department: materials for a sampled sub-unit go
 * to it by its own name) and the item, checked; 0 or -1. */
static int target(struct svc *s, const char *unit, const char *code, struct unit *u)
{
	if (unit_get(s->db, unit, u) != 0)
		return svc_fail_db(s);
	struct unit owner;
	if (svc_owner_of(s, u, &owner) != 0)
		return -1;
	int rc = svc_allow(s, OP_MATERIAL_WRITE, &owner);
	if (rc == 0 && code && *code) {
		const struct scheme *sc = svc_scheme(s, owner.kind);
		if (!sc)
			rc = -1;
		else if (!scheme_find(sc, code))
			rc = svc_fail(s, SVC_INVALID, "code", "%s 中没有编号为 %s 的考核项", sc->title, code);
	}
	unit_clear(&owner);
	return rc;
}

/* Whether two texts that may be absent are the same. */
static bool same(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

int svc_material_add_once(struct svc *s, const struct unit *u, struct material *m)
{
	struct material *list;
	int n;
	if (material_list(s->db, u->id, 0, &list, &n) != 0)
		return svc_fail_db(s);
	m->id = 0;
	for (int i = 0; i < n && !m->id; i++)
		if (list[i].objection_id == m->objection_id && same(list[i].code, m->code) &&
		    strcmp(list[i].name, m->name) == 0 && same(list[i].link, m->link) && same(list[i].hash, m->hash))
			m->id = list[i].id;
	material_list_free(list, n);
	return m->id || material_add(s->db, u, m) == 0 ? 0 : svc_fail_db(s);
}

long long svc_material_file(struct svc *s, const char *unit, const char *code, const char *name,
			    const void *data, size_t len)
{
	struct unit u = {0};
	long long id = -1;
	if (target(s, unit, code, &u) != 0 || svc_material_check(s, name, len) != 0 || svc_begin(s) != 0)
		goto out;
	char hash[65];
	struct material m = {.code = code && *code ? (char *)code : NULL, .name = (char *)name,
			     .size = (long long)len, .hash = hash};
	int rc = blob_put(s->db, data, len, hash) == 0 ? svc_material_add_once(s, &u, &m) : svc_fail_db(s);
	if (svc_end(s, rc) == 0)
		id = m.id;
out:
	unit_clear(&u);
	return id;
}

long long svc_material_link(struct svc *s, const char *unit, const char *code, const char *title,
			    const char *url)
{
	struct unit u = {0};
	long long id = -1;
	if (target(s, unit, code, &u) != 0 || svc_text(s, "title", "标题", title, TEXT_TITLE_MAX, false, true) != 0 ||
	    svc_text(s, "url", "链接", url, TEXT_LONG_MAX, false, true) != 0)
		goto out;
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		svc_fail(s, SVC_INVALID, "url", "链接须以 http:// 或 https:// 开头");
		goto out;
	}
	if (svc_begin(s) != 0)
		goto out;
	struct material m = {.code = code && *code ? (char *)code : NULL, .name = (char *)title,
			     .link = (char *)url};
	if (svc_end(s, svc_material_add_once(s, &u, &m)) == 0)
		id = m.id;
out:
	unit_clear(&u);
	return id;
}

/* A county or department whose materials the acting user may read (its
 * own, and its sampled units' under their names). */
static int readable(struct svc *s, const char *unit, struct unit *u)
{
	if (unit_get(s->db, unit, u) != 0)
		return svc_fail_db(s);
	struct unit owner;
	if (svc_owner_of(s, u, &owner) != 0)
		return -1;
	int rc = svc_allow(s, OP_MATERIAL_READ, &owner);
	unit_clear(&owner);
	return rc;
}

int svc_material_list(struct svc *s, const char *unit, struct material **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct unit u = {0};
	int rc = readable(s, unit, &u);
	if (rc == 0)
		rc = material_list(s->db, u.id, 0, out, n) == 0 ? 0 : svc_fail_db(s);
	unit_clear(&u);
	return rc;
}

int svc_material_get(struct svc *s, long long id, struct material *out, char **path)
{
	*path = NULL;
	if (material_get(s->db, id, out) != 0)
		return svc_fail_db(s);
	struct unit u = {0};
	int rc = readable(s, out->unit, &u);
	unit_clear(&u);
	if (rc == 0 && out->hash)
		*path = blob_path(s->db, out->hash);
	if (rc != 0)
		material_clear(out);
	return rc;
}

int svc_material_remove(struct svc *s, long long id)
{
	struct material m;
	if (material_get(s->db, id, &m) != 0)
		return svc_fail_db(s);
	struct unit u = {0};
	int rc = target(s, m.unit, NULL, &u);
	if (rc == 0 && m.objection_id)
		rc = svc_fail(s, SVC_CONFLICT, NULL, "这是意见 %lld 的证据，不能删除", m.objection_id);
	if (rc == 0 && svc_begin(s) == 0)
		rc = svc_end(s, material_remove(s->db, id) == 0 ? 0 : svc_fail_db(s));
	else if (rc == 0)
		rc = -1;
	unit_clear(&u);
	material_clear(&m);
	return rc;
}

/* "1.1.4 标题" for a folder of the ZIP, "（综合）" for the unit in general. */
static char *folder_of(const struct scheme *sc, const char *code)
{
	struct buf b = {0};
	const struct node *n = code && sc ? scheme_find(sc, code) : NULL;
	if (n)
		buf_printf(&b, "%s %s", n->code, n->title);
	else
		buf_printf(&b, "%s", code ? code : "（综合）");
	/* no path separators inside a folder name */
	for (char *p = b.p; p && *p; p++)
		if (*p == '/' || *p == '\\')
			*p = '_';
	return buf_take(&b);
}

/* A libzip failure in words (its own text is English): the system's
 * error where there is one. */
static const char *zip_words(zip_t *z)
{
	zip_error_t *e = zip_get_error(z);
	if (zip_error_system_type(e) == ZIP_ET_SYS && zip_error_code_system(e))
		return errno_words(zip_error_code_system(e));
	switch (zip_error_code_zip(e)) {
	case ZIP_ER_NOENT: return "文件不存在";
	case ZIP_ER_MEMORY: return "内存不足";
	case ZIP_ER_TMPOPEN: return "无法创建临时文件";
	case ZIP_ER_WRITE: return "写入出错（磁盘已满？）";
	default: return "压缩出错";
	}
}

int svc_material_zip(struct svc *s, const char *unit, const char *path)
{
	struct material *m;
	int n;
	if (svc_material_list(s, unit, &m, &n) != 0)
		return -1;
	struct unit u = {0}, owner = {0};
	const struct scheme *sc = NULL;
	if (unit_get(s->db, unit, &u) == 0 && svc_owner_of(s, &u, &owner) == 0)
		sc = svc_scheme(s, owner.kind);
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	int rc = 0;
	if (!z) {
		rc = svc_fail(s, SVC_FAILED, "file", "无法建立压缩文件 %s", path);
		goto out;
	}
	struct buf links = {0};
	for (int i = 0; i < n && rc == 0; i++) {
		char *folder = folder_of(sc, m[i].code);
		if (m[i].link) {
			buf_printf(&links, "%s\t%s\t%s\r\n", folder, m[i].name, m[i].link);
		} else {
			char *file = blob_path(s->db, m[i].hash);
			struct buf name = {0};
			buf_printf(&name, "%s/%s/%lld-%s", u.name, folder, m[i].id, m[i].name);
			zip_source_t *src = file ? zip_source_file(z, file, 0, -1) : NULL;
			if (!src || zip_file_add(z, buf_str(&name), src, ZIP_FL_ENC_UTF_8) < 0) {
				zip_source_free(src);
				rc = svc_fail(s, SVC_FAILED, "file", "无法读取资料 %s（%s）", m[i].name,
					      zip_words(z));
			}
			buf_free(&name);
			free(file);
		}
		free(folder);
	}
	if (rc == 0 && links.len) {
		struct buf name = {0};
		buf_printf(&name, "%s/链接.txt", u.name);
		char *copy = buf_take(&links);
		size_t len = strlen(copy);
		zip_source_t *src = zip_source_buffer(z, copy, len, 1);
		if (!src || zip_file_add(z, buf_str(&name), src, ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(src);
			rc = svc_fail(s, SVC_FAILED, "file", "无法写入链接列表");
		}
		buf_free(&name);
	}
	buf_free(&links);
	if (rc == 0 && zip_close(z) != 0) {
		rc = svc_fail(s, SVC_FAILED, "file", "无法写入压缩文件 %s：%s", path, zip_words(z));
		zip_discard(z);
	} else if (rc != 0) {
		zip_discard(z);
	}
out:
	unit_clear(&u);
	unit_clear(&owner);
	material_list_free(m, n);
	return rc;
}

int svc_checklist(struct svc *s, const char *unit, struct svc_checklist_item **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct material *m;
	int nm;
	if (svc_material_list(s, unit, &m, &nm) != 0)
		return -1;
	struct unit u, owner;
	if (unit_get(s->db, unit, &u) != 0) {
		material_list_free(m, nm);
		return svc_fail_db(s);
	}
	int rc = svc_owner_of(s, &u, &owner);
	const struct scheme *sc = rc == 0 ? svc_scheme(s, owner.kind) : NULL;
	if (rc == 0 && !sc)
		rc = -1;
	for (int i = 0; rc == 0 && i < sc->nnodes; i++) {
		const struct node *nd = sc->nodes[i];
		if (!nd->method)
			continue;
		char *asks = method_asks(nd->method);
		if (!asks)
			continue;
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct svc_checklist_item *c = &(*out)[(*n)++];
		c->node = nd;
		c->asks = asks;
		c->provided = 0;
		/* materials for the node or any item under it */
		for (int k = 0; k < nm; k++) {
			const struct node *mn = m[k].code ? scheme_find(sc, m[k].code) : NULL;
			for (; mn; mn = mn->parent)
				if (mn == nd) {
					c->provided++;
					break;
				}
		}
	}
	if (rc == 0)
		unit_clear(&owner);
	unit_clear(&u);
	material_list_free(m, nm);
	return rc;
}

void svc_checklist_free(struct svc_checklist_item *c, int n)
{
	for (int i = 0; i < n; i++)
		free(c[i].asks);
	free(c);
}
