/* db.c: opening, migrating, the statement cache, errors and the current
 * year (transactions: transaction.c; the online backup: backup.c). */
#include "db_impl.h"
#include "schema.h"
#include "year.h"

#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *db_error(struct db *db)
{
	return buf_str(&db->err);
}

enum db_code db_error_code(struct db *db)
{
	return db->code;
}

const char *db_error_field(struct db *db)
{
	return db->field;
}

static void vfail(struct db *db, enum db_code code, const char *field, const char *fmt, va_list ap)
{
	buf_reset(&db->err);
	buf_vprintf(&db->err, fmt, ap);
	db->code = code;
	free(db->field);
	db->field = field ? xstrdup(field) : NULL;
}

void db_fail(struct db *db, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(db, DB_INVALID, NULL, fmt, ap);
	va_end(ap);
}

void db_fail_code(struct db *db, enum db_code code, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(db, code, field, fmt, ap);
	va_end(ap);
}

static bool note_missing(struct db *db);

int db_sqlite_code_fail(struct db *db, const char *what, int code)
{
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		db_fail_code(db, DB_BUSY, NULL, "%s失败：数据库正被其他程序长时间占用，请稍后重试", what);
		break;
	case SQLITE_FULL:
		db_fail_code(db, DB_FAILED, NULL, "%s失败：磁盘已满", what);
		break;
	case SQLITE_READONLY:
		db_fail_code(db, DB_FAILED, NULL, "%s失败：数据库文件只读", what);
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		db_fail_code(db, DB_FAILED, NULL, "%s失败：数据库文件已损坏或不是 kaohe 数据库", what);
		break;
	case SQLITE_CANTOPEN:
		db_fail_code(db, DB_FAILED, NULL, "%s失败：无法打开数据库文件（或其 -wal、-shm 文件）", what);
		break;
	case SQLITE_IOERR:
		db_fail_code(db, DB_FAILED, NULL, "%s失败：读写数据库文件出错", what);
		break;
	case SQLITE_NOMEM:
		db_fail_code(db, DB_FAILED, NULL, "%s失败：内存不足", what);
		break;
	case SQLITE_CONSTRAINT:
		/* A statement kaohe prepares that breaks a constraint is a
		 * rule checked too late: say what was refused. */
		db_fail_code(db, DB_CONFLICT, NULL, "%s失败：与已有记录冲突", what);
		break;
	default:
		if (code == SQLITE_ERROR)
			note_missing(db);
		if (db->missing) {
			db_fail_code(db, DB_FAILED, NULL, "%s失败：数据库文件的结构已被改动，缺少%s；"
				     "请用备份恢复", what, db->missing);
			/* said once: a later failure is its own */
			free(db->missing);
			db->missing = NULL;
		} else

			db_fail_code(db, DB_FAILED, NULL, "%s失败：数据库错误（代码 %d）", what, code);
	}
	return -1;
}

/* Whether SQLite's last error says a table kaohe names is not in the
 * file (dropped behind kaohe's back); if so it is kept in db->missing, in
 * words, until the next failure reports it. A table the file has, or a
 * column, is not taken for one: a statement that names it wrongly is a
 * bug (db_stmt aborts). */
static bool note_missing(struct db *db)
{
	const char *msg = sqlite3_errmsg(db->h);
	if (strncmp(msg, "no such table: ", 15) != 0)
		return false;
	const char *name = msg + 15;
	if (strncmp(name, "main.", 5) == 0)
		name += 5;
	char *copy = xstrdup(name);
	sqlite3_stmt *q = NULL;
	bool there = false;
	if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", -1, &q,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_text(q, 1, copy, -1, SQLITE_STATIC);
		there = sqlite3_step(q) == SQLITE_ROW;
	}
	sqlite3_finalize(q);
	if (!there) {
		struct buf b = {0};
		buf_printf(&b, "表“%s”", copy);
		free(db->missing);
		db->missing = buf_take(&b);
	}
	free(copy);
	return !there;
}

int db_sqlite_fail(struct db *db, const char *what)
{
	return db_sqlite_code_fail(db, what, sqlite3_extended_errcode(db->h));
}

sqlite3_stmt *db_stmt(struct db *db, const char *sql)
{
	struct db *f = db;
	for (int i = 0; i < f->ncache; i++)
		if (f->cache[i].sql == sql) {
			sqlite3_reset(f->cache[i].st);
			sqlite3_clear_bindings(f->cache[i].st);
			return f->cache[i].st;
		}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK && (rc & 0xff) == SQLITE_ERROR && note_missing(db)) {
		/* a kaohe file whose structure was changed behind its back (a
		 * table dropped with sqlite3): refused where it is used, by name */
	} else if (rc != SQLITE_OK && (rc & 0xff) == SQLITE_ERROR) {
		/* A statement kaohe ships that does not prepare is a bug. */
		fprintf(stderr, "kaohe: 内部错误：SQL 准备失败：%s\n%s\n", sqlite3_errmsg(db->h), sql);
		abort();
	}
	if (rc != SQLITE_OK) {
		/* Out of memory, or the schema could not be read: NULL, on which
		 * every sqlite3_ call fails (step) or reads nothing (column),
		 * with the connection's error code left as the prepare set it.
		 * A caller that reads "no row" from it must not commit what it
		 * decided on that: the transaction is marked failed. */
		if (db->in_tx && !db->tx_failed)
			db->tx_failed = sqlite3_extended_errcode(db->h);
		return NULL;
	}
	if (f->ncache < STMT_CACHE) {
		f->cache[f->ncache].sql = sql;
		f->cache[f->ncache].st = st;
		f->ncache++;
	} else {
		abort();
	}
	return st;
}

int db_exec_stmt(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_sqlite_fail(db, "写入数据库");
	sqlite3_reset(st);
	return 0;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		db_bind_textn(st, i, s, -1);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_textn(sqlite3_stmt *st, int i, const char *s, int len)
{
	/* A copy SQLite could not make would run the statement with NULL
	 * in its place: out of memory, as for kaohe's own allocations. */
	if (sqlite3_bind_text(st, i, s, len, SQLITE_TRANSIENT) == SQLITE_NOMEM)
		oom();
}

const char *db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	/* NULL for a value that is not SQL NULL: no memory to convert it */
	if (!s && sqlite3_column_type(st, i) != SQLITE_NULL)
		oom();
	return s ? (const char *)s : "";
}

char *db_col_dup(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : xstrdup(db_col_text(st, i));
}

char *db_col_str(sqlite3_stmt *st, int i)
{
	return xstrdup(db_col_text(st, i));
}

long long db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

int db_exec_sql(struct db *db, const char *sql, const char *what)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_sqlite_fail(db, what);
	return 0;
}

int db_schema_version(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "PRAGMA user_version");
	int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

int db_migrate(struct db *db, int to)
{
	int from = db_schema_version(db);
	if (from < 0)
		return db_sqlite_fail(db, "读取数据库结构版本");
	for (int v = from + 1; v <= to; v++) {
		struct buf sql = {0};
		buf_printf(&sql, "BEGIN IMMEDIATE;\n%s\nPRAGMA user_version = %d;\n"
			   "PRAGMA application_id = %d;\nCOMMIT;",
			   schema_migrations[v - 1], v, DB_APPLICATION_ID);
		char *msg = NULL;
		if (sqlite3_exec(db->h, buf_str(&sql), NULL, NULL, &msg) != SQLITE_OK) {
			/* SQLite's English stays out of the message: the code says
			 * what happened (disk full, read-only, …) */
			char what[64];
			snprintf(what, sizeof what, "数据库升级到第 %d 版", v);
			db_sqlite_fail(db, what);
			sqlite3_free(msg);
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			buf_free(&sql);
			return -1;
		}
		buf_free(&sql);
	}
	return 0;
}

/* Sets *err to a message about path and returns NULL, closing db. */
static struct db *refuse(struct db *db, char **err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static struct db *refuse(struct db *db, char **err, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*err = buf_take(&b);
	db_close(db);
	return NULL;
}

/* Why a file SQLite could not read is refused, in words: the file system
 * is asked first (a read-only file or directory is not a corrupt file). */
static const char *unreadable_words(const char *path, int code)
{
	if ((code & 0xff) == SQLITE_NOTADB)
		return "不是 kaohe 数据库（不是 SQLite 数据库文件）";
	if (access(path, R_OK) != 0)
		return errno == EACCES ? "没有读取权限" : errno_words(errno);
	if (access(path, W_OK) != 0)
		return errno == EROFS ? "文件系统只读，kaohe 需要写入权限" : "文件只读，kaohe 需要写入权限";
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
	int w = access(d, W_OK), e = errno;
	free(dir);
	if (w != 0)
		return e == EROFS ? "文件系统只读，kaohe 需要写入权限"
				  : "所在目录只读（kaohe 需要在目录中建立 -wal 和 -shm 文件）";
	switch (code & 0xff) {
	case SQLITE_READONLY: return "文件只读，kaohe 需要写入权限";
	case SQLITE_CORRUPT: return "文件已损坏";
	case SQLITE_FULL: return "磁盘已满";
	case SQLITE_CANTOPEN: return "无法打开";
	default: return "读取出错";
	}
}

/* What is in the file: its application id, schema version, whether it
 * holds kaohe's tables, and whether it holds anything at all. 0, or an
 * SQLite error code. */
static int probe(sqlite3 *h, int *app, int *version, bool *kaohe, bool *nothing)
{
	static const char *const sql[] = {
		"PRAGMA application_id",
		"PRAGMA user_version",
		("SELECT count(*) = 4 FROM sqlite_master WHERE type = 'table'"
		 " AND name IN ('year', 'scheme', 'unit', 'audit')"),
		"SELECT count(*) = 0 FROM sqlite_master",
	};
	int out[4];
	for (int i = 0; i < 4; i++) {
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(h, sql[i], -1, &st, NULL);
		if (rc == SQLITE_OK) {
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW) {
				out[i] = sqlite3_column_int(st, 0);
				rc = SQLITE_OK;
			}
		}
		if (rc != SQLITE_OK)
			rc = sqlite3_extended_errcode(h);
		sqlite3_finalize(st);
		if (rc != SQLITE_OK)
			return rc ? rc : SQLITE_ERROR;
	}
	*app = out[0];
	*version = out[1];
	*kaohe = out[2] != 0;
	*nothing = out[3] != 0 && out[0] == 0 && out[1] == 0;
	return 0;
}

void db_remove_files(const char *path)
{
	size_t n = strlen(path) + 8;
	char *p = xmalloc(n);
	unlink(path);
	snprintf(p, n, "%s-wal", path);
	unlink(p);
	snprintf(p, n, "%s-shm", path);
	unlink(p);
	snprintf(p, n, "%s-journal", path);
	unlink(p);
	free(p);
}

struct db *db_open(const char *path, bool create, char **err)
{
	struct db *db = xcalloc(1, sizeof *db);
	db->digest_ok_version = -1;
	db->path = xstrdup(path);
	db->actor = xstrdup("unknown");
	/* A file is kaohe's only if it says so; anything else is refused
	 * before SQLite writes a byte to it. */
	struct stat sb;
	bool exists = stat(path, &sb) == 0;
	if (!exists && errno != ENOENT)
		return refuse(db, err, "无法打开数据库 %s：%s", path, errno_words(errno));
	if (!exists && !create)
		return refuse(db, err, "无法打开数据库 %s：文件不存在（须先新建考核年度）", path);
	if (exists && S_ISDIR(sb.st_mode))
		return refuse(db, err, "无法打开数据库 %s：这是一个目录，不是数据库文件", path);
	if (exists && !S_ISREG(sb.st_mode))
		return refuse(db, err, "无法打开数据库 %s：不是普通文件", path);
	bool empty = exists && sb.st_size == 0;
	if (empty && !create)
		return refuse(db, err, "%s 是空文件，不是 kaohe 数据库（只有新建考核年度时可以在空文件中新建数据库）；"
			      "文件未作任何改动", path);
	/* One connection per thread: no need for SQLite's per-call mutexes. */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		int e = errno;
		if (!exists)
			return refuse(db, err, "无法创建数据库 %s：%s", path,
				      e == ENOENT ? "目录不存在" : errno_words(e));
		return refuse(db, err, "无法打开数据库 %s：%s", path,
			      unreadable_words(path, sqlite3_extended_errcode(db->h)));
	}
	sqlite3_busy_timeout(db->h, 10000);
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_commit_hook(db->h, db_commit_guard, db);
	int app = 0, version = 0;
	bool kaohe = false, nothing = true, legacy = false;
	if (exists && !empty) {
		int rc = probe(db->h, &app, &version, &kaohe, &nothing);
		if (rc != 0)
			return refuse(db, err, "无法打开数据库 %s：%s；文件未作任何改动", path,
				      unreadable_words(path, rc));
		if (nothing && !create)
			return refuse(db, err, "%s 是空的 SQLite 数据库，不是 kaohe 数据库（只有新建考核年度时可以在其中"
				      "新建数据库）；文件未作任何改动", path);
		/* a file of a kaohe from before the application id: its schema
		 * version and its tables say it is kaohe's */
		legacy = app == 0 && version >= 1 && kaohe;
		if (app != DB_APPLICATION_ID && !legacy && !nothing)
			return refuse(db, err, "%s 不是 kaohe 数据库（是其他程序的 SQLite 文件）；文件未作任何改动",
				      path);
		/* the id alone is not enough: kaohe sets it in the same
		 * transaction as its first tables, so a file with the id
		 * and without them is another program's */
		if (app == DB_APPLICATION_ID && (version < 1 || !kaohe))
			return refuse(db, err, "%s 不是 kaohe 数据库（带有 kaohe 的标识，但没有 kaohe 的表）；"
				      "文件未作任何改动", path);
		if (version > DB_SCHEMA_VERSION)
			return refuse(db, err, "数据库 %s 由更新版本的 kaohe 创建（结构版本 %d，本程序支持到 %d），"
				      "请升级 kaohe；文件未作任何改动", path, version, DB_SCHEMA_VERSION);
		if (sqlite3_db_readonly(db->h, "main") == 1)
			return refuse(db, err, "无法打开数据库 %s：%s；文件未作任何改动", path,
				      unreadable_words(path, SQLITE_READONLY));
	}
	if (db_exec_sql(db, "PRAGMA journal_mode=WAL", "设置日志模式") != 0 ||
	    db_exec_sql(db, "PRAGMA synchronous=FULL", "设置同步模式") != 0 ||
	    db_exec_sql(db, "PRAGMA foreign_keys=ON", "启用外键") != 0 ||
	    db_migrate(db, DB_SCHEMA_VERSION) != 0 ||
	    (legacy && version == DB_SCHEMA_VERSION &&
	     db_exec_sql(db, "PRAGMA application_id = " DB_APPLICATION_ID_TEXT, "标记数据库") != 0)) {
		char *msg = xstrdup(db_error(db));
		db_close(db);
		if (!exists)
			db_remove_files(path);
		struct buf b = {0};
		buf_printf(&b, "数据库 %s：%s", path, msg);
		free(msg);
		*err = buf_take(&b);
		return NULL;
	}
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	if (db->h)
		sqlite3_close(db->h);
	db_forget_year(db);
	free(db->path);
	free(db->actor);
	free(db->field);
	free(db->missing);
	buf_free(&db->err);
	free(db);
}

void db_set_actor(struct db *db, const char *name)
{
	free(db->actor);
	db->actor = xstrdup(name && *name ? name : "unknown");
}

const char *db_actor(struct db *db)
{
	return db->actor;
}

const char *db_path(struct db *db)
{
	return db->path;
}

int db_year(struct db *db)
{
	return db->year;
}

bool db_approved(struct db *db)
{
	return db->approved;
}

bool db_published(struct db *db)
{
	return db->published;
}

void db_forget_year(struct db *db)
{
	for (int i = 0; i < KIND_COUNT + KIND_EXTRA_MAX; i++) {
		scheme_free(db->schemes[i]);
		db->schemes[i] = NULL;
		free(db->computed[i]);
		db->computed[i] = NULL;
	}
}

int db_use_year(struct db *db, int year)
{
	sqlite3_stmt *st;
	if (year) {
		st = db_stmt(db, "SELECT id, year, approved, published FROM year WHERE year = ?");
		sqlite3_bind_int(st, 1, year);
	} else {
		st = db_stmt(db, "SELECT id, year, approved, published FROM year ORDER BY year DESC LIMIT 1");
	}
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_sqlite_fail(db, "读取考核年度");
		if (year)
			db_fail_code(db, DB_NOT_FOUND, "year", "没有 %d 年度的考核（须先新建该年度）", year);
		else
			db_fail_code(db, DB_NOT_FOUND, "year", "数据库中还没有考核年度（须先新建考核年度）");
		return -1;
	}
	long long id = sqlite3_column_int64(st, 0);
	if (id != db->year_id) {
		/* another year: its schemes are parsed afresh */
		db_forget_year(db);
	}
	db->year_id = id;
	db->year = sqlite3_column_int(st, 1);
	db->approved = sqlite3_column_int(st, 2) != 0;
	db->published = sqlite3_column_int(st, 3) != 0;
	sqlite3_reset(st);
	/* the kinds the year's schemes add are known by their titles from now
	 * on (a unit of one is shown as 学校, not school) */
	enum unit_kind *kinds;
	int nk;
	if (year_kinds(db, &kinds, &nk) != 0)
		return -1;
	free(kinds);
	return 0;
}

int db_check_open(struct db *db)
{
	if (db->approved) {
		db_fail_code(db, DB_CONFLICT, NULL, "%d 年度考核结果已审定锁定，不能再修改（如确需修改，须先重新开放并写明原因）",
			     db->year);
		return -1;
	}
	return 0;
}

void db_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

int db_write_check(struct db *db)
{
	if (db_use_year(db, db->year) != 0)
		return -1;
	return db_check_open(db);
}
