/* date.h: calendar dates as kaohe records them ("YYYY-MM-DD"). */
#ifndef KAOHE_DATE_H
#define KAOHE_DATE_H

#include <stdbool.h>

/* Whether s is exactly a real date "YYYY-MM-DD"; its year in *year (if
 * not NULL). */
bool date_valid(const char *s, int *year);
/* Whether s is a real date in `year`. */
int date_in_year(const char *s, int year);

/* The assessment years kaohe keeps (the one statement of the range). */
#define YEAR_MIN 2000
#define YEAR_MAX 2999
/* Days from a to b (both valid dates): b - a. */
long date_diff(const char *a, const char *b);

/* kaohe records times in UTC ("YYYY-MM-DD HH:MM:SS", storage's db_now);
 * people read them in the server's local time. */
/* Today's local date "YYYY-MM-DD". */
void date_today(char out[11]);
/* A recorded UTC time as local "YYYY-MM-DD HH:MM:SS"; false (out a copy)
 * if it is not one. */
bool time_local(const char *utc, char out[20]);

/* How pages and documents write them (公文 dates in Arabic figures,
 * without leading zeros, GB/T 9704-2012): "2017-01-20" → "2017年1月20日";
 * false (out a copy) if iso is not such a date. */
#define DATE_CN_SIZE 24
bool date_cn(const char *iso, char out[DATE_CN_SIZE]);
/* A recorded UTC time as local "2017年1月20日 10:32"; false (out a copy)
 * if it is not one. */
#define TIME_CN_SIZE 32
bool time_cn(const char *utc, char out[TIME_CN_SIZE]);

#endif
