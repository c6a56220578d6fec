/* The RFC 4180 reader: quoting, line ends, errors and resynchronisation. */
#include <stdlib.h>

#include "common/buf.h"
#include "common/text/utf8.h"
#include "predictor/sources/csv.h"
#include "predictor/sources/import.h"
#include "tests/unit/harness.h"

static FILE *from(const char *text)
{
	return fmemopen((void *)text, strlen(text), "rb");
}

void test_csv(void)
{
	FILE *f = from("\xEF\xBB\xBFtitle,notes\r\n"
		       "\"Amélie, le film\",\"say \"\"hi\"\"\"\r\n"
		       "\"two\nlines\",x\n"
		       "\n"
		       "bad\"quote,y\n"
		       "\"closed\"junk,z\n"
		       "last,\n");
	struct csv_reader *r = csv_new(f);
	char **fields;
	size_t n;
	OK(csv_next(r, &fields, &n) == 1 && n == 2, "header");
	STR_EQ(fields[0], "title", "BOM skipped");
	OK(csv_next(r, &fields, &n) == 1 && n == 2, "quoted record");
	STR_EQ(fields[0], "Amélie, le film", "comma inside quotes");
	STR_EQ(fields[1], "say \"hi\"", "doubled quotes");
	OK(csv_next(r, &fields, &n) == 1, "multi-line record");
	STR_EQ(fields[0], "two\nlines", "newline inside quotes");
	INT_EQ(csv_line(r), 3, "record line");
	OK(csv_next(r, &fields, &n) == -1, "quote in unquoted field");
	OK(strstr(csv_error(r), "quote inside unquoted") != NULL, "reason given");
	INT_EQ(csv_line(r), 6, "line of bad record (after the blank line)");
	OK(csv_next(r, &fields, &n) == -1, "junk after closing quote");
	OK(csv_next(r, &fields, &n) == 1 && n == 2, "resynchronised");
	STR_EQ(fields[1], "", "empty last field");
	OK(csv_next(r, &fields, &n) == 0, "end");
	csv_free(r);
	fclose(f);

	/* A quoted field too long, holding lines that look like records, and a
	 * NUL byte inside quotes: each record is dropped whole. */
	{
		struct buf big = BUF_INIT;
		buf_puts(&big, "title,notes\nLong one,\"");
		while (big.len < CSV_MAX_RECORD + 200000)
			buf_puts(&big, "a synopsis line, with \"\"quotes\"\"\nGhost film,2024-05-05,99\n");
		buf_puts(&big, "end\"\nReal film,ok\n\"nul \\0 here\nGhost two,x\",y\nAfter,ok\n");
		/* the C string cannot hold a NUL: put one where the marker is */
		char *nul = strstr(big.data, "\\0");
		nul[0] = '\0';
		nul[1] = ' ';
		f = fmemopen(big.data, big.len, "rb");
		r = csv_new(f);
		csv_next(r, &fields, &n);
		OK(csv_next(r, &fields, &n) == -1 && strstr(csv_error(r), "longer than"),
		   "a record too long is refused");
		OK(csv_next(r, &fields, &n) == 1 && n == 2 && strcmp(fields[0], "Real film") == 0,
		   "the next record is the real one, not a line of the long quoted field");
		OK(csv_next(r, &fields, &n) == -1 && strstr(csv_error(r), "NUL"),
		   "a NUL byte inside quotes is refused");
		OK(csv_next(r, &fields, &n) == 1 && strcmp(fields[0], "After") == 0,
		   "after the NUL byte, the record's quoted lines are dropped with it");
		OK(csv_next(r, &fields, &n) == 0, "end of the long file");
		csv_free(r);
		fclose(f);
		buf_free(&big);
	}

	f = from("a,b\n\"open,x\n");
	r = csv_new(f);
	csv_next(r, &fields, &n);
	OK(csv_next(r, &fields, &n) == -1 && strstr(csv_error(r), "unterminated"),
	   "unterminated quote");
	csv_free(r);
	fclose(f);

	static const char nul[] = "a,b\nx\0y,z\n";
	f = fmemopen((void *)nul, sizeof nul - 1, "rb");
	r = csv_new(f);
	csv_next(r, &fields, &n);
	OK(csv_next(r, &fields, &n) == -1 && strstr(csv_error(r), "NUL"), "binary data");
	csv_free(r);
	fclose(f);

	OK(csv_check_text("Amélie") == 0, "UTF-8 accepted");
	OK(csv_check_text("\xC3(") != 0, "broken UTF-8 rejected");
	OK(csv_check_text("\xED\xA0\x80") != 0, "surrogate rejected");
	OK(csv_check_text("a\x01") != 0, "control character rejected");
	char reason[UTF8_WHY];
	OK(utf8_check("a\x07", reason) != 0 && strcmp(reason, "a control character (U+0007)") == 0,
	   "a control character is named as one");
	OK(utf8_check("\xFF", reason) != 0 && strcmp(reason, "not UTF-8 text") == 0, "bad bytes are not UTF-8");
	OK(utf8_check("\xF4\x90\x80\x80", reason) != 0, "above U+10FFFF");
	OK(utf8_check("\xC0\xAF", reason) != 0, "overlong");
	OK(utf8_check("tab\tand\r\nline", reason) == 0, "tab and line ends are text");

	double v;
	const char *why;
	OK(import_parse_number("1 234 567", &v, &why) == 0 && v == 1234567, "spaces as thousands");
	OK(import_parse_number("1\xE2\x80\xAF" "234", &v, &why) == 0 && v == 1234,
	   "narrow no-break space");
	OK(import_parse_number("1\xC2\xA0" "234.5", &v, &why) == 0 && v == 1234.5, "no-break space");
	OK(import_parse_number("-5", &v, &why) != 0 && strcmp(why, "negative number") == 0,
	   "negative rejected");
	OK(import_parse_number("12abc", &v, &why) != 0, "junk rejected");
	OK(import_parse_number("", &v, &why) != 0, "empty rejected");
	OK(import_parse_number("1 2 3", &v, &why) != 0 && strstr(why, "grouped wrongly"),
	   "1 2 3 is not 123");
	OK(import_parse_number("12 34", &v, &why) != 0, "a last group of two digits");
	OK(import_parse_number("1234 567", &v, &why) != 0, "a first group of four digits");
	OK(import_parse_number("1 234.5 6", &v, &why) != 0, "no separator among decimals");
	OK(import_parse_number(" 1234 ", &v, &why) == 0 && v == 1234, "spaces around the number");
	OK(import_parse_number("12 345", &v, &why) == 0 && v == 12345, "a first group of two");
}
