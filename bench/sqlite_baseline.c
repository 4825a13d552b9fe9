/* sqlite_baseline.c: the baseline for the web benchmark's save: one
 * program committing one row per transaction to an SQLite file as kaohe
 * does (WAL, synchronous=FULL, BEGIN IMMEDIATE), for SECONDS seconds.
 * Prints the commits per second. Usage: sqlite_baseline FILE SECONDS */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	sqlite3 *db;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 1;
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
		     "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v INTEGER, note TEXT)", NULL, NULL, NULL);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "INSERT INTO t (v, note) VALUES (?, 'baseline')", -1, &st, NULL);
	double end = now() + strtod(argv[2], NULL), start = now();
	long n = 0;
	while (now() < end) {
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		sqlite3_bind_int64(st, 1, n);
		sqlite3_step(st);
		sqlite3_reset(st);
		if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			return 1;
		n++;
	}
	printf("%.1f\n", (double)n / (now() - start));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return 0;
}
