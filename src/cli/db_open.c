/* db_open.c: opening the database for a command: the file, the year, who. */
#include "cli.h"
#include "../storage/db.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

struct cli_env cli_env;

/* Who makes the changes: KAOHE_USER, else the login name. */
static const char *actor(void)
{
	const char *u = getenv("KAOHE_USER");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

struct db *cli_open(bool create, bool need_year)
{
	const char *path = cli_env.db_path;
	if (!path)
		path = getenv("KAOHE_DB");
	if (!path || !*path)
		path = "kaohe.db";
	char *err = NULL;
	struct db *db = db_open(path, create, actor(), &err);
	if (!db) {
		cli_error("%s", err);
		free(err);
		return NULL;
	}
	if (need_year && db_use_year(db, cli_env.year) != 0) {
		cli_error("%s", db_error(db));
		db_close(db);
		return NULL;
	}
	return db;
}

int cli_db_error(struct db *db)
{
	cli_error("%s", db_error(db));
	return EXIT_REJECTED;
}

int cli_write(struct db *db, int (*fn)(struct db *db, void *arg), void *arg)
{
	if (db_write_begin(db) != 0)
		return cli_db_error(db);
	int rc = fn(db, arg);
	if (rc != 0) {
		/* keep the message: rollback must not overwrite it */
		db_rollback(db);
		return cli_db_error(db);
	}
	if (db_commit(db) != 0)
		return cli_db_error(db);
	return EXIT_OK;
}

int cli_write_year(int (*fn)(struct db *db, void *arg), void *arg)
{
	struct db *db = cli_open(false, true);
	if (!db)
		return EXIT_REJECTED;
	int rc = cli_write(db, fn, arg);
	db_close(db);
	return rc;
}
