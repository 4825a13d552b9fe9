/* date.h: calendar dates as kaohe records them ("YYYY-MM-DD"). */
#ifndef KAOHE_DATE_H
#define KAOHE_DATE_H

#include <stdbool.h>

/* Whether s is exactly a real date "YYYY-MM-DD"; its year in *year (if
 * not NULL). */
bool date_valid(const char *s, int *year);
/* Whether s is a real date in `year`. */
int date_in_year(const char *s, int year);
/* Days from a to b (both valid dates): b - a. */
long date_diff(const char *a, const char *b);

#endif
