/* events.h: accidents and the other veto causes recorded for a year. */
#ifndef KAOHE_EVENTS_H
#define KAOHE_EVENTS_H

#include "db.h"
#include "../core/accident.h"

struct csv;

/* Bounds on what an accident record may say (guards the sums). */
#define ACCIDENT_MAX_PEOPLE 100000LL
#define ACCIDENT_MAX_LOSS 10000000000000LL

struct accident_rec {
	long long id;
	char county[256];
	char date[16];
	long long deaths, injuries, loss;
	char industry[128];
	bool concealed, false_report, omitted;
	char misreported_by[256]; /* who concealed, falsely reported or omitted
				     it: "" for the county itself, or a city
				     department (优秀否决(4) vetoes that unit) */
	bool occupational;        /* an occupational-disease hazard accident
				     (职业病危害事故) */
	char grade[16];           /* the grade the investigation found ("" for
				     one derived by Decree 493); required for
				     an occupational accident */
	char note[512];
	char department[256];     /* the supervising department, if any */
};

/* The grade of a record: the investigation's, or by Decree 493. */
enum accident_grade accident_rec_grade(const struct accident_rec *a);

/* Records an accident; checks the date is within the year, counts are not
 * negative, the county exists, at most one of 瞒报/谎报/漏报 and who did it.
 * report receives the grade and where it counts. Caller holds a write
 * transaction. */
int accident_add(struct db *db, struct accident_rec *a, struct buf *report);
int accident_each(struct db *db, int (*fn)(const struct accident_rec *, void *), void *arg);
/* Imports accidents (columns 县区, 日期, 死亡, 重伤, 损失, 行业, 瞒报, 谎报,
 * 漏报, 瞒报单位, 职业病危害, 等级, 备注): all or none. */
int accident_import(struct db *db, const struct csv *c, const char *file, struct diag *d);

/* The accidents that count against a unit: a county's own, and for a
 * department those in the industries it supervises. Their 瞒报/谎报/漏报
 * flags are not set: a concealment counts against whoever concealed
 * (accident_misreported). Caller frees *out. */
int accident_load(struct db *db, long long unit_id, const char *unit_kind, const char *unit_name,
		  struct accident **out, int *n);

/* Whether the unit concealed, falsely reported or omitted an accident;
 * *why (if not NULL) receives which ones (caller frees). */
int accident_misreported(struct db *db, long long unit_id, const char *unit_kind, char **why);

/* Removes an accident recorded by mistake (by its number in accident
 * list), on the record with the reason. */
int accident_remove(struct db *db, long long id, const char *reason);

/* The industry -> supervising department table of the year. */
int industry_set(struct db *db, const char *industry, const char *department);
int industry_each(struct db *db, int (*fn)(const char *industry, const char *department,
					   bool registered, void *arg), void *arg);

/* Other veto causes: rescue-failure | negative-impact | falsified. */
int veto_add(struct db *db, const char *unit, const char *cause, const char *reason);
/* The flags (enum veto_flag) recorded for a unit; reasons[i] (if not
 * NULL) receives the reasons given for flag bit i, joined (caller frees). */
unsigned veto_flags(struct db *db, long long unit_id, char *reasons[4]);
int veto_remove(struct db *db, long long id, const char *reason);
int veto_each(struct db *db, int (*fn)(long long id, const char *unit, const char *cause,
				       const char *reason, void *arg), void *arg);

/* Checks "YYYY-MM-DD" is a real date in `year`. */
int date_in_year(const char *s, int year);

#endif
