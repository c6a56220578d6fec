/*
 * Calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian), so that arithmetic is plain integer arithmetic. Weeks follow
 * ISO 8601 ("2024-W27"); a cinema's programme week may start on another
 * weekday, which callers handle by shifting.
 */
#ifndef MARQUEE_DATE_H
#define MARQUEE_DATE_H

#include <stdbool.h>

/* 0 and the day number when y-m-d is a real date, else -1. */
int date_from_ymd(int y, int m, int d, long *days);
void date_to_ymd(long days, int *y, int *m, int *d);
/* Parses "YYYY-MM-DD" or "DD/MM/YYYY", checking the day exists. */
int date_parse(const char *s, long *days);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format(long days, char *out);
/* 0 = Monday ... 6 = Sunday. */
int date_weekday(long days);
/* ISO 8601 week-numbering year and week (1..53) of a day. */
void date_iso_week(long days, int *year, int *week);
/* Monday of ISO week w of year y. */
long date_iso_week_monday(int y, int w);
/* Parses "YYYY-Www" into the Monday of that week. */
int date_parse_week(const char *s, long *monday);
/* Writes "YYYY-Www" (at least 9 bytes). */
void date_format_week(long days, char *out);
/* Today in UTC, or SOURCE_DATE_EPOCH when set (reproducible builds). */
long date_today(void);
/* Now as "YYYY-MM-DDTHH:MM:SSZ" (UTC, or SOURCE_DATE_EPOCH) into out (21 bytes). */
void date_now_iso(char out[21]);

#endif
