/* date.c: "YYYY-MM-DD" dates, checked digit by digit. */
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool parse(const char *s, int *y, int *m, int *d)
{
	/* exactly YYYY-MM-DD, digits only */
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	if (sscanf(s, "%4d-%2d-%2d", y, m, d) != 3)
		return false;
	if (*m < 1 || *m > 12 || *d < 1)
		return false;
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	return *d <= days[*m - 1] + (*m == 2 && leap);
}

bool date_valid(const char *s, int *year)
{
	int y, m, d;
	if (!parse(s, &y, &m, &d))
		return false;
	if (year)
		*year = y;
	return true;
}

int date_in_year(const char *s, int year)
{
	int y;
	return date_valid(s, &y) && y == year;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long day_number(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long date_diff(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;
	if (!parse(a, &ya, &ma, &da) || !parse(b, &yb, &mb, &db))
		return 0;
	return day_number(yb, mb, db) - day_number(ya, ma, da);
}

void date_today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

bool time_local(const char *utc, char out[20])
{
	struct tm tm = {0};
	char extra;
	snprintf(out, 20, "%s", utc ? utc : "");
	if (!utc || sscanf(utc, "%4d-%2d-%2d %2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
			   &tm.tm_min, &tm.tm_sec, &extra) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	struct tm lt;
	if (t == (time_t)-1 || !localtime_r(&t, &lt))
		return false;
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &lt);
	return true;
}

bool date_cn(const char *iso, char out[DATE_CN_SIZE])
{
	int y, m, d;
	char extra;
	snprintf(out, DATE_CN_SIZE, "%s", iso ? iso : "");
	if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &extra) < 3)
		return false;
	snprintf(out, DATE_CN_SIZE, "%d年%d月%d日", y, m, d);
	return true;
}

bool time_cn(const char *utc, char out[TIME_CN_SIZE])
{
	char local[20], day[DATE_CN_SIZE];
	snprintf(out, TIME_CN_SIZE, "%s", utc ? utc : "");
	if (!time_local(utc, local) || !date_cn(local, day))
		return false;
	snprintf(out, TIME_CN_SIZE, "%s %.5s", day, local + 11);
	return true;
}
