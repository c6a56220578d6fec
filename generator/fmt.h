/*
 * Locale-independent number formatting for pages, charts and feeds. The
 * output never depends on setlocale(): the same site is written everywhere.
 */
#ifndef MARQUEE_FMT_H
#define MARQUEE_FMT_H

#include <stddef.h>

/* The shortest text that reads back as x ("85", "1.21", "1e+20"). */
void fmt_number(char *out, size_t size, double x);
/*
 * x rounded to `decimals` places with thousands grouped for a language:
 * "en" gives "310,000.5", "fr" gives "310 000,5" (narrow no-break spaces).
 */
void fmt_grouped(char *out, size_t size, double x, int decimals, const char *lang);
/*
 * A short number for an axis or a card: 950, 12k, 1.5M, 2B ("1,5 M", "2 Md"
 * in French).
 * decimals: after the suffix's scaling, or -1 for one at most, none when zero.
 */
void fmt_compact(char *out, size_t size, double x, int decimals, const char *lang);
/* The fewest decimals (0 to 6) that write every multiple of step exactly. */
int fmt_decimals_for(double step);

#endif
