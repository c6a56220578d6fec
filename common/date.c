/* Day-number calendar arithmetic (after Howard Hinnant's civil algorithms). */
#include "common/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int date_from_ymd(int y, int m, int d, long *days)
{
	if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

void date_to_ymd(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int date_parse(const char *s, long *days)
{
	int y, m, d;
	size_t n = strlen(s);
	if (n == 10 && s[4] == '-' && s[7] == '-') {
		if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
			return -1;
	} else if (n == 10 && s[2] == '/' && s[5] == '/') {
		if (digits(s, 2, &d) || digits(s + 3, 2, &m) || digits(s + 6, 4, &y))
			return -1;
	} else {
		return -1;
	}
	return date_from_ymd(y, m, d, days);
}

void date_format(long days, char *out)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

int date_weekday(long days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	long w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

long date_iso_week_monday(int y, int w)
{
	long jan4 = days_from_civil(y, 1, 4);
	return jan4 - date_weekday(jan4) + (long)(w - 1) * 7;
}

void date_iso_week(long days, int *year, int *week)
{
	long thursday = days - date_weekday(days) + 3;
	int y, m, d;
	date_to_ymd(thursday, &y, &m, &d);
	*year = y;
	*week = (int)((thursday - days_from_civil(y, 1, 1)) / 7 + 1);
}

int date_parse_week(const char *s, long *monday)
{
	int y, w;
	if (strlen(s) != 8 || s[4] != '-' || s[5] != 'W' || digits(s, 4, &y) || digits(s + 6, 2, &w))
		return -1;
	if (y < 1800 || y > 2200 || w < 1)
		return -1;
	long mon = date_iso_week_monday(y, w);
	int yy, ww;
	date_iso_week(mon, &yy, &ww);
	if (yy != y || ww != w)
		return -1; /* week 53 of a year that has 52 */
	*monday = mon;
	return 0;
}

void date_format_week(long days, char *out)
{
	int y, w;
	date_iso_week(days, &y, &w);
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04d-W%02d", y, w);
	memcpy(out, tmp, 8);
	out[8] = '\0';
}

static time_t now(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	return sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
}

long date_today(void)
{
	return (long)(now() / 86400);
}

void date_now_iso(char out[21])
{
	time_t t = now();
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
