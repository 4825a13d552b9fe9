/* unit.h: assessed units and their sub-units, and assessment teams. */
#ifndef KAOHE_UNIT_H
#define KAOHE_UNIT_H

#include "db.h"

struct unit {
	long long id;
	char name[256];
	char kind[32];       /* county | department | town | county-department | enterprise */
	long long parent_id;
	char parent[256];
	char industry[128];
	int sort_order;
	char status[16];     /* assessed | provincial | excluded */
	bool has_provincial_total;
	points_t provincial_total;
	char provincial_grade[16];
};

/* Chinese names of kinds and statuses, and their parsing (English code or
 * Chinese word). parse returns NULL if unknown. */
const char *unit_kind_title(const char *kind);
const char *unit_kind_parse(const char *s);
const char *unit_status_title(const char *status);
const char *unit_status_parse(const char *s);

/* Looks a unit up by name in the current year. Returns 0, or -1 with
 * "没有名为…的单位" if absent. */
int unit_get(struct db *db, const char *name, struct unit *out);
int unit_get_id(struct db *db, long long id, struct unit *out);

/* Adds a unit (u->parent by name; sort_order 0 = after the last). The
 * caller holds a write transaction (db_write_begin). */
int unit_add(struct db *db, struct unit *u);

/* Applies the set fields of changes to unit `name`. Fields: a non-empty
 * string changes it; sort_order >= 0; has_provincial_total. */
struct unit_change {
	const char *name, *parent, *industry, *status, *provincial_grade;
	int sort_order;              /* -1: unchanged */
	bool set_total;
	points_t provincial_total;
};
int unit_edit(struct db *db, const char *name, const struct unit_change *c);

/* Removes a unit registered by mistake, on the record with the reason.
 * Refused while anything refers to it (sub-units, findings, spot checks,
 * accidents, vetoes, daily records, results, decisions, team scope). */
int unit_remove(struct db *db, const char *name, const char *reason);

/* Calls fn for each unit of the current year (kind NULL: all), in the
 * official order: kind, then sort order. */
int unit_each(struct db *db, const char *kind, int (*fn)(const struct unit *, void *), void *arg);

/* Imports units from a parsed CSV (header row; columns 名称/name,
 * 类型/kind, 上级/parent, 行业/industry, 顺序/order, 状态/status). All
 * rows or none; every problem added to d as "FILE:第N行：…". */
struct csv;
int unit_import(struct db *db, const struct csv *c, const char *file, struct diag *d);

/* Teams. */
int team_add(struct db *db, const char *name);
int team_member_add(struct db *db, const char *team, const char *person, const char *role,
		    const char *title, const char *contact);
int team_assign(struct db *db, const char *team, const char *unit);
struct team_member { const char *name, *role, *title, *contact; };
int team_each(struct db *db,
	      int (*fn)(const char *team, const struct team_member *members, int nmembers,
			const char *const *units, int nunits, void *arg),
	      void *arg);

#endif
