/* team.h: assessment teams (考核组, 附件1): members with their places, and
 * the counties and departments in each team's scope. */
#ifndef KAOHE_STORAGE_TEAM_H
#define KAOHE_STORAGE_TEAM_H

#include "db.h"
#include "../core/records.h"

/* The team's id, or 0 with DB_NOT_FOUND. */
long long team_id(struct db *db, const char *name);
int team_insert(struct db *db, const char *name);
int team_member_insert(struct db *db, long long team, const char *team_name,
		       const struct team_member *m);
/* Puts a county or department in the team's scope (one team per unit). */
int team_assign(struct db *db, long long team, const char *team_name, const struct unit *u);
/* The team whose scope holds the unit (a heap name), or NULL. */
char *team_of_unit(struct db *db, long long unit_id);

int team_list(struct db *db, struct team **out, int *n);

#endif
