/*
 * The words tables: every language has every sentence, and each sentence's
 * printf conversions are those its signature declares (the formats come
 * from tables, so the compiler cannot check them).
 */
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "predictor/model/features.h"
#include "predictor/words/words.h"
#include "tests/unit/harness.h"

/* The conversions of a format as signature letters; "?" for one not allowed. */
static void conversions(const char *fmt, char *out, size_t size)
{
	size_t k = 0;
	for (const char *p = fmt; *p && k + 1 < size; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		while (*p && strchr("+-# 0", *p))
			p++;
		while (*p && (*p == '.' || (*p >= '0' && *p <= '9')))
			p++;
		char c = '?';
		if (*p == 's')
			c = 's';
		else if (*p == 'd')
			c = 'd';
		else if (*p == 'f')
			c = 'f';
		else if (p[0] == 'l' && p[1] == 'd')
			c = 'l', p++;
		else if (p[0] == 'z' && p[1] == 'u')
			c = 'z', p++;
		out[k++] = c;
	}
	out[k] = '\0';
}

void test_words(void)
{
	const struct words_table *tables[] = { &words_en, &words_fr };
	for (size_t t = 0; t < 2; t++) {
		for (int w = 0; w < W_COUNT; w++) {
			const char *text = tables[t]->text[w];
			OK(text != NULL, "%s: word %d has no text", tables[t]->lang, w);
			if (!text || !*words_signature((enum word)w))
				continue;
			char got[32];
			conversions(text, got, sizeof got);
			STR_EQ(got, words_signature((enum word)w), tables[t]->lang);
		}
		/* every feature group can be put in words */
		for (size_t g = 0; g < features_group_count(); g++) {
			const char *name = features_group(g)->name;
			bool found = false;
			for (const struct words_reason *r = tables[t]->reasons; r->group; r++)
				found |= strcmp(r->group, name) == 0 && r->label && r->meaning && r->up &&
					 r->down;
			OK(found, "%s: no words for the feature group %s", tables[t]->lang, name);
		}
	}
	char *en = words_count("en", 1234567), *fr = words_count("fr", -1234.4);
	STR_EQ(en, "1,234,567", "English thousands");
	STR_EQ(fr, "-1\xe2\x80\xaf" "234", "French thousands");
	free(en);
	free(fr);
	char *a = words_number("en", 1234.5, 2), *b = words_number("fr", 0.01374, 4),
	     *c = words_number("fr", -1234567.26, 1), *d = words_number("fr", -0.0001, 2);
	STR_EQ(a, "1,234.50", "English decimals");
	STR_EQ(b, "0,0137", "French decimal comma");
	STR_EQ(c, "-1\xe2\x80\xaf" "234\xe2\x80\xaf" "567,3", "French grouping and decimals");
	STR_EQ(d, "0,00", "no minus sign on a zero");
	free(a);
	free(b);
	free(c);
	free(d);
	STR_EQ(words_group_label("fr", "director"), "Réalisation", "a group's label");
	STR_EQ(words_group_meaning("en", "nosuch"), "nosuch", "an unknown group is named as it is");
	char *num = words_number("fr", -1234.56, 1);
	STR_EQ(num, "-1\xe2\x80\xaf" "234,6", "French decimals");
	free(num);
	num = words_number("en", -0.04, 1);
	STR_EQ(num, "0.0", "rounded to zero: no sign");
	free(num);
	num = words_number("en", -0.4, 1);
	STR_EQ(num, "-0.4", "a negative fraction");
	free(num);
	num = words_number("en", 2.05, 0);
	STR_EQ(num, "2", "no decimals");
	free(num);
	long day;
	date_parse("2024-06-01", &day);
	char *date = words_date("fr", day);
	STR_EQ(date, "1er\xc2\xa0juin\xc2\xa0" "2024", "a French first of the month");
	free(date);
	date = words_date("en", day + 25);
	STR_EQ(date, "26\xc2\xa0June\xc2\xa0" "2024", "an English date");
	free(date);
	for (size_t t = 0; t < 2; t++)
		for (int m = 1; m <= 12; m++)
			OK(*words_month(tables[t]->lang, m, false) && *words_month(tables[t]->lang, m, true),
			   "%s: month %d has names", tables[t]->lang, m);
	char *reason = words_reason("en", "director", 0.372, false);
	STR_EQ(reason, "the director's last films opened strongly (+45%)", "a reason");
	free(reason);
	/* only facts: an unknown running time is said to be unknown */
	char *runtime = words_reason("en", "runtime", -0.128, true);
	STR_EQ(runtime, "its running time is not known (-12%)", "an unknown fact");
	free(runtime);
	char *unknown = words_reason("fr", "nosuch", -0.1, false);
	STR_EQ(unknown, "nosuch (-10\xe2\x80\xaf%)", "a group without words is named");
	free(unknown);
}
