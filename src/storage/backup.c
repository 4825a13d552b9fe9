/* backup.c: the online backup into a file beside its target, renamed
 * into place only when whole. */
#include "db_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether path names one of the database's own files (the database, its
 * -wal, -shm or -journal), by device and inode for what exists and by
 * canonical name for what does not yet. */
static bool own_file(struct db *db, const char *path, const struct stat *target, bool exists)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char *real = realpath(db->path, NULL);
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : path;
	if (slash)
		*slash = '\0';
	char *rdir = realpath(slash ? (*dir ? dir : "/") : ".", NULL);
	bool own = false;
	for (int i = 0; i < 4 && !own; i++) {
		struct buf name = {0};
		buf_printf(&name, "%s%s", real ? real : db->path, suffix[i]);
		struct stat sb;
		if (exists && stat(buf_str(&name), &sb) == 0 && sb.st_dev == target->st_dev &&
		    sb.st_ino == target->st_ino)
			own = true;
		if (rdir && real) {
			struct buf t = {0};
			buf_printf(&t, "%s/%s", strcmp(rdir, "/") == 0 ? "" : rdir, base);
			if (strcmp(buf_str(&t), buf_str(&name)) == 0)
				own = true;
			buf_free(&t);
		}
		buf_free(&name);
	}
	free(real);
	free(rdir);
	free(dir);
	return own;
}

int db_backup(struct db *db, const char *path, bool force)
{
	struct stat sb;
	bool exists = stat(path, &sb) == 0;
	if (!exists && errno != ENOENT) {
		db_fail_code(db, DB_FAILED, "file", "无法备份到 %s：%s", path, errno_words(errno));
		return -1;
	}
	if (own_file(db, path, &sb, exists)) {
		db_fail_code(db, DB_INVALID, "file", "不能备份到 %s：这是数据库自身的文件（数据库、-wal 或 -shm）", path);
		return -1;
	}
	if (exists && S_ISDIR(sb.st_mode)) {
		db_fail_code(db, DB_INVALID, "file", "不能备份到 %s：这是一个目录（须给出备份文件名）", path);
		return -1;
	}
	if (exists && !force) {
		db_fail_code(db, DB_CONFLICT, "file", "%s 已存在，未作改动", path);
		return -1;
	}
	/* The copy is written beside the target under a temporary name and
	 * renamed into place only when complete: a failure leaves the
	 * target as it was and nothing else behind. */
	struct buf tmp = {0};
	buf_printf(&tmp, "%s.tmp-XXXXXX", path);
	char *temp = buf_take(&tmp);
	int fd = mkstemp(temp);
	if (fd < 0) {
		db_fail_code(db, DB_FAILED, "file", "无法创建备份文件 %s：%s", path,
			     errno == ENOENT ? "目录不存在" : errno_words(errno));
		free(temp);
		return -1;
	}
	close(fd);
	struct buf journal = {0};
	buf_printf(&journal, "%s-journal", temp);
	oom_remove_later(temp);
	oom_remove_later(buf_str(&journal));
	sqlite3 *out = NULL;
	int rc = -1;
	if (sqlite3_open_v2(temp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		db_fail_code(db, DB_FAILED, "file", "无法创建备份文件 %s", path);
	} else {
		/* The online backup copies a consistent snapshot while others
		 * keep writing; -1 copies all pages in one step. */
		sqlite3_exec(out, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
		sqlite3_backup *b = sqlite3_backup_init(out, "main", db->h, "main");
		int r = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
		if (b)
			sqlite3_backup_finish(b);
		int code = sqlite3_errcode(out) & 0xff;
		if (r != SQLITE_DONE)
			db_fail_code(db, r == SQLITE_BUSY || r == SQLITE_LOCKED ? DB_BUSY : DB_FAILED, "file",
				     "备份失败：%s", code == SQLITE_FULL || r == SQLITE_FULL ? "磁盘已满"
						     : "写入备份文件出错");
		else
			rc = 0;
	}
	if (out && sqlite3_close(out) != SQLITE_OK && rc == 0) {
		db_fail_code(db, DB_FAILED, "file", "备份失败：写入备份文件出错");
		rc = -1;
	}
	if (rc == 0 && rename(temp, path) != 0) {
		db_fail_code(db, DB_FAILED, "file", "备份失败：无法写入 %s：%s", path, errno_words(errno));
		rc = -1;
	}
	if (rc != 0) {
		unlink(temp);
		unlink(buf_str(&journal));
	}
	oom_remove_cancel(buf_str(&journal));
	oom_remove_cancel(temp);
	buf_free(&journal);
	free(temp);
	return rc;
}
