/* transaction.c: write and read transactions, savepoints, the commit
 * (with what a failed COMMIT leaves), and the guard that keeps a statement
 * from committing on its own inside a transaction SQLite rolled back. */
#include "db_impl.h"
#include "audit.h"
#include "state.h"

#include <pthread.h>
#include <stdlib.h>

/* Writers of this process take turns here before asking SQLite for the
 * write lock: threads of a server sharing a file then queue instead of
 * sleeping in SQLite's busy handler. Other processes still meet the busy
 * timeout. */
static pthread_mutex_t write_turn = PTHREAD_MUTEX_INITIALIZER;

static void end_turn(struct db *db)
{
	if (db->writer) {
		db->writer = false;
		pthread_mutex_unlock(&write_turn);
	}
}

int db_begin(struct db *db)
{
	if (db->in_tx)
		return db->in_tx++, 0;
	/* The triggers that note changed rows are this connection's own,
	 * made outside any transaction so that a rollback keeps them. */
	if (state_track(db) != 0)
		return -1;
	db->in_tx++;
	db->tx_failed = 0;
	pthread_mutex_lock(&write_turn);
	db->writer = true;
	if (db_exec_sql(db, "BEGIN IMMEDIATE", "开始事务") != 0) {
		db->in_tx = 0;
		end_turn(db);
		return -1;
	}
	return 0;
}

int db_begin_read(struct db *db)
{
	if (db->in_tx++)
		return 0;
	db->tx_failed = 0;
	if (db_exec_sql(db, "BEGIN", "开始读取") != 0) {
		db->in_tx = 0;
		return -1;
	}
	return 0;
}

int db_savepoint(struct db *db)
{
	return db_exec_sql(db, "SAVEPOINT part", "开始保存点");
}

void db_savepoint_end(struct db *db, bool keep)
{
	if (!keep)
		sqlite3_exec(db->h, "ROLLBACK TO part", NULL, NULL, NULL);
	sqlite3_exec(db->h, "RELEASE part", NULL, NULL, NULL);
}

int db_commit(struct db *db)
{
	if (db->in_tx == 0 || --db->in_tx)
		return 0;
	int rc = 0;
	/* A change no audit record took up is recorded now: the log holds
	 * every tracked row as kaohe wrote it. */
	if (db->writer && audit_flush(db) != 0) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		rc = -1;
	} else if (db->tx_failed) {
		int code = db->tx_failed;
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		rc = db_sqlite_code_fail(db, "提交", code);
	} else if (sqlite3_get_autocommit(db->h)) {
		/* SQLite already rolled the transaction back (an I/O error or
		 * want of memory in a statement whose failure its caller took
		 * for no rows): nothing of it is written. A read has nothing
		 * to lose. */
		if (db->writer) {
			db_fail_code(db, DB_FAILED, NULL, "提交失败：读写数据库时出错，本次操作已全部撤销，数据库未作改动");
			rc = -1;
		}
	} else {
		db->committing = true;
		if (db_exec_sql(db, "COMMIT", "提交") != 0) {
			/* A COMMIT whose last frame reached the -wal file before
			 * the failure (the sync failed, or the index could not be
			 * updated) may be found whole by the next opening of the
			 * file, whatever this connection believes: SQLite's
			 * recovery reads every frame whole. Only a failed write
			 * of the frames is sure to leave nothing. */
			int code = sqlite3_extended_errcode(db->h);
			bool unsure = (code & 0xff) == SQLITE_IOERR && code != SQLITE_IOERR_WRITE;
			if (!sqlite3_get_autocommit(db->h))
				sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			if (unsure) {
				char *msg = xstrdup(db_error(db));
				db_fail_code(db, DB_FAILED, NULL, "%s；无法确认改动是否已经写入（或者全部写入，或者全未写入，"
					     "不会只写入一部分）：请重新读取后核实", msg);
				free(msg);
			}
			rc = -1;
		}
		db->committing = false;
	}
	end_turn(db);
	return rc;
}

void db_rollback(struct db *db)
{
	if (db->in_tx == 0)
		return;
	db->in_tx = 0;
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	end_turn(db);
}

/* SQLite's commit hook: no commit but db_commit's own while kaohe holds a
 * transaction. An I/O error or a want of memory can make SQLite roll the
 * whole transaction back in the middle of a step; a statement run after
 * that would otherwise commit on its own, leaving half a step done. Such
 * a commit is turned into a rollback (the statement fails). */
int db_commit_guard(void *arg)
{
	struct db *db = arg;
	return db->in_tx > 0 && !db->committing;
}
