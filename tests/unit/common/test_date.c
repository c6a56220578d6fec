/* Calendar arithmetic: parsing, formatting, ISO weeks. */
#include "common/date.h"
#include "tests/unit/harness.h"

void test_date(void)
{
	long d;
	OK(date_parse("2020-02-29", &d) == 0, "leap day 2020 exists");
	OK(date_parse("2021-02-29", &d) != 0, "no 29 February 2021");
	OK(date_parse("31/02/2020", &d) != 0, "no 31 February");
	OK(date_parse("2020-13-01", &d) != 0, "no month 13");
	OK(date_parse("2020-1-01", &d) != 0, "two-digit month required");
	OK(date_parse("", &d) != 0, "empty is not a date");
	OK(date_parse("15/07/2024", &d) == 0, "DD/MM/YYYY accepted");
	char out[11];
	date_format(d, out);
	STR_EQ(out, "2024-07-15", "DD/MM/YYYY read day first");
	OK(date_parse("1970-01-01", &d) == 0 && d == 0, "epoch is day 0");
	INT_EQ(date_weekday(0), 3, "1970-01-01 was a Thursday");
	date_parse("2024-07-03", &d);
	INT_EQ(date_weekday(d), 2, "2024-07-03 was a Wednesday");
	int y, w;
	date_iso_week(d, &y, &w);
	INT_EQ(y, 2024, "ISO year");
	INT_EQ(w, 27, "ISO week of 2024-07-03");
	date_parse("2021-01-03", &d);
	date_iso_week(d, &y, &w);
	OK(y == 2020 && w == 53, "2021-01-03 is in 2020-W53");
	long mon;
	OK(date_parse_week("2024-W27", &mon) == 0, "week parses");
	date_format(mon, out);
	STR_EQ(out, "2024-07-01", "Monday of 2024-W27");
	OK(date_parse_week("2021-W53", &mon) != 0, "2021 has no week 53");
	OK(date_parse_week("2024-27", &mon) != 0, "week needs the W");
	char wk[9];
	date_format_week(d, wk);
	STR_EQ(wk, "2020-W53", "week formatting");
	for (long day = -1000; day < 40000; day += 37) {
		int yy, mm, dd;
		long back;
		date_to_ymd(day, &yy, &mm, &dd);
		if (yy < 1800)
			continue;
		date_from_ymd(yy, mm, dd, &back);
		if (back != day) {
			OK(0, "round trip of day %ld", day);
			break;
		}
	}
	OK(1, "day numbers round-trip");
}
