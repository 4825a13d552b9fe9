/* material.c: materials, evidence, and the file store. */
#include "material.h"
#include "audit.h"
#include "db_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *files_dir(struct db *db)
{
	struct buf b = {0};
	buf_printf(&b, "%s.files", db->path);
	return buf_take(&b);
}

char *blob_path(struct db *db, const char *hash)
{
	if (!hash || strlen(hash) != 64 || strspn(hash, "0123456789abcdef") != 64)
		return NULL;
	char *dir = files_dir(db);
	struct buf b = {0};
	buf_printf(&b, "%s/%.2s/%s", dir, hash, hash);
	free(dir);
	return buf_take(&b);
}

static int make_dir(struct db *db, const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	db_fail_code(db, DB_FAILED, "file", "无法建立目录 %s：%s", path, errno_words(errno));
	return -1;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int blob_put(struct db *db, const void *data, size_t len, char hash[65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(hash, 65, digest, sizeof digest);
	char *dir = files_dir(db), *path = blob_path(db, hash);
	struct buf sub = {0}, tmp = {0};
	buf_printf(&sub, "%s/%.2s", dir, hash);
	buf_printf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	int rc = -1;
	struct stat sb;
	if (stat(path, &sb) == 0 && (size_t)sb.st_size == len) {
		rc = 0;       /* the same bytes are there already */
		goto out;
	}
	if (make_dir(db, dir) != 0 || make_dir(db, buf_str(&sub)) != 0)
		goto out;
	int fd = open(buf_str(&tmp), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		db_fail_code(db, DB_FAILED, "file", "无法保存文件（%s）", errno_words(errno));
		if (fd >= 0)
			close(fd);
		unlink(buf_str(&tmp));
		goto out;
	}
	close(fd);
	if (rename(buf_str(&tmp), path) != 0) {
		db_fail_code(db, DB_FAILED, "file", "无法保存文件（%s）", errno_words(errno));
		unlink(buf_str(&tmp));
		goto out;
	}
	rc = 0;
out:
	free(dir);
	free(path);
	buf_free(&sub);
	buf_free(&tmp);
	return rc;
}

int material_add(struct db *db, const struct unit *u, struct material *m)
{
	char at[32];
	db_now(at);
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO material (unit_id, code, objection_id, name, link, hash,"
				   " size, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, u->id);
	db_bind_text(st, 2, m->code);
	if (m->objection_id > 0)
		sqlite3_bind_int64(st, 3, m->objection_id);
	db_bind_text(st, 4, m->name);
	db_bind_text(st, 5, m->link);
	db_bind_text(st, 6, m->hash);
	if (m->hash)
		sqlite3_bind_int64(st, 7, m->size);
	db_bind_text(st, 8, db_actor(db));
	db_bind_text(st, 9, at);
	if (db_exec_stmt(db, st) != 0)
		return -1;
	m->id = db_last_id(db);
	struct buf what = {0};
	if (m->link)
		buf_printf(&what, "链接 %s（%s）", m->name, m->link);
	else
		buf_printf(&what, "文件 %s（%lld 字节，SHA-256 %s）", m->name, m->size, m->hash);
	int rc = audit_add(db, m->objection_id ? "objection.evidence" : "material.add", u->name, m->code, NULL,
			   buf_str(&what), NULL);
	buf_free(&what);
	return rc;
}

#define COLUMNS "m.id, u.name, m.code, ifnull(m.objection_id, 0), m.name, m.link, m.hash," \
	" ifnull(m.size, 0), m.actor, m.at"

static void read_row(sqlite3_stmt *st, struct material *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->unit = db_col_str(st, 1);
	m->code = db_col_dup(st, 2);
	m->objection_id = sqlite3_column_int64(st, 3);
	m->name = db_col_str(st, 4);
	m->link = db_col_dup(st, 5);
	m->hash = db_col_dup(st, 6);
	m->size = sqlite3_column_int64(st, 7);
	m->actor = db_col_str(st, 8);
	m->at = db_col_str(st, 9);
}

int material_list(struct db *db, long long unit_id, long long objection_id, struct material **out,
		  int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " COLUMNS " FROM material m JOIN unit u ON u.id = m.unit_id"
				   " WHERE u.year_id = ?1 AND m.removed = 0 AND (?2 = 0 OR m.unit_id = ?2)"
				   " AND (?3 = 0 OR m.objection_id = ?3) ORDER BY m.id");
	sqlite3_bind_int64(st, 1, db->year_id);
	sqlite3_bind_int64(st, 2, unit_id);
	sqlite3_bind_int64(st, 3, objection_id);
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		read_row(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlite_fail(db, "读取资料");
}

int material_get(struct db *db, long long id, struct material *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, "SELECT " COLUMNS " FROM material m JOIN unit u ON u.id = m.unit_id"
				   " WHERE m.id = ? AND u.year_id = ? AND m.removed = 0");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->year_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_sqlite_fail(db, "读取资料");
	db_fail_code(db, DB_NOT_FOUND, "id", "没有编号为 %lld 的资料", id);
	return -1;
}

int material_remove(struct db *db, long long id)
{
	struct material m;
	if (material_get(db, id, &m) != 0)
		return -1;
	sqlite3_stmt *st = db_stmt(db, "UPDATE material SET removed = 1 WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	int rc = db_exec_stmt(db, st);
	if (rc == 0)
		rc = audit_add(db, "material.remove", m.unit, m.code, m.name, NULL, NULL);
	material_clear(&m);
	return rc;
}
