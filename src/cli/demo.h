/* demo.h: the demo year: the 2016 Qinhuangdao assessment with its real
 * counties and departments, invented enterprises and plausible findings. */
#ifndef KAOHE_DEMO_H
#define KAOHE_DEMO_H

struct db;

/* Builds the whole year in an empty database, computed and ranked.
 * Returns 0, or -1 with the error in db_error(db). */
int demo_build(struct db *db, unsigned long long seed);

#endif
