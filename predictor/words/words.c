/*
 * Choosing a language's table and filling a sentence's values (words.h).
 * The formats come from the tables, not from literals, so the compiler
 * cannot check them: the signatures below declare what each takes, and
 * tests/unit/predictor/words/test_words.c checks every language against them.
 */
#include "predictor/words/words.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/xalloc.h"

static const char *const signatures[W_COUNT] = {
	[W_WEEK_TITLE] = "s",
	[W_MODEL_LABEL] = "l",
	[W_NOTE_MONEY] = "ssss",
	[W_NOTE_SHARE] = "ss",
	[W_SHARE_LABEL] = "ss",
	[W_NOTE_FEWER] = "zs",
	[W_NOTE_REPEAT] = "sz",
	[W_NOTE_HOLDOVER] = "ss",
	[W_PICK_PREDICTED] = "ssss",
	[W_PICK_FILL] = "ss",
	[W_PICK_HOLDOVER] = "ss",
	[W_REASON] = "ss",
	[W_WEEK_CHART_TITLE] = "ss",
	[W_WEEK_CHART_DESC] = "ss",
	[W_SCATTER_TITLE] = "s",
	[W_SITE_DESCRIPTION] = "ss",
	[W_PUBLIC_DESCRIPTION] = "s",
	[W_PICK_ON_SCREEN] = "ss",
	[W_STARTER_NOTE] = "s",
	[W_ABOUT_BODY] = "szss",
	[W_ABOUT_SCREEN] = "ss",
	[W_ABOUT_MODEL] = "s",
	[W_PRICE_ROW] = "sss",
	[W_WHY_GENRES] = "z",
	[W_WHY_ACTORS] = "z",
	[W_WHY_KEYWORDS] = "z",
	[W_AZ_INTRO] = "s",
	[W_AZ_TITLE] = "s",
	[W_AN_INTRO] = "ss",
	[W_AN_PERIOD] = "ssss",
	[W_AN_NO_FILM] = "s",
	[W_AN_FROM_TO] = "ss",
	[W_AN_SEASONS_SUMMARY] = "s",
	[W_AN_MONTH_TEXT] = "s",
	[W_AN_MONTH_CHART] = "s",
	[W_AN_WEEK_TEXT] = "s",
	[W_AN_WEEK_CHART] = "s",
	[W_AN_GENRE_TEXT] = "s",
	[W_AN_GENRE_CHART] = "s",
	[W_AN_GENRE_REST] = "s",
	[W_AN_TREND_TEXT] = "s",
	[W_AN_TREND_CHART] = "s",
	[W_AN_PEOPLE_TEXT] = "s",
	[W_AN_ACTORS_TEXT] = "s",
	[W_AN_PEOPLE_CHART] = "ss",
	[W_AN_PEOPLE_REST] = "sss",
	[W_AN_RUNBAND_TEXT] = "s",
	[W_AN_BAND_UNDER] = "d",
	[W_AN_BAND_BETWEEN] = "dd",
	[W_AN_BAND_OVER] = "d",
	[W_AN_RUNTIME_REST] = "ss",
	[W_AN_TOPLIST_TEXT] = "ssss",
	[W_AN_SHARE_TEXT] = "sssss",
	[W_AN_RATED_TEXT] = "sssss",
	[W_AN_AGEDIST_TEXT] = "sss",
	[W_AN_AGELEAD_TEXT] = "s",
	[W_AN_AGELEAD_CHART] = "s",
	[W_AN_MODEL_SUMMARY] = "s",
	[W_AN_MODEL_REST] = "ssss",
	[W_AN_PD_WEEK_TEXT] = "d",
	[W_AN_PD_CHART] = "ss",
	[W_AN_PERIOD_ONE] = "ss",
};

const char *words_signature(enum word w)
{
	return signatures[w] ? signatures[w] : "";
}

bool words_is_fr(const char *lang)
{
	return lang && strcmp(lang, "fr") == 0;
}

const struct words_table *words_for(const char *lang)
{
	return words_is_fr(lang) ? &words_fr : &words_en;
}

const char *words_get(const char *lang, enum word w)
{
	return words_for(lang)->text[w];
}

char *words_say(const char *lang, enum word w, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, w);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	buf_vprintf(&b, words_get(lang, w), ap);
#pragma GCC diagnostic pop
	va_end(ap);
	return buf_detach(&b);
}

static const struct words_reason *reason_of(const char *lang, const char *group)
{
	for (const struct words_reason *r = words_for(lang)->reasons; r->group; r++)
		if (strcmp(r->group, group) == 0)
			return r;
	return NULL;
}

char *words_reason(const char *lang, const char *group, double effect, bool unknown)
{
	const struct words_reason *r = reason_of(lang, group);
	const char *phrase = !r			 ? group
			     : unknown && r->unknown ? r->unknown
			     : effect > 0		 ? r->up
						 : r->down;
	double change = round(expm1(effect) * 100);
	char *number = words_number(lang, change, 0);
	char *signed_change = change > 0 ? xasprintf("+%s", number) : xstrdup(number);
	char *text = words_say(lang, W_REASON, phrase, signed_change);
	free(signed_change);
	free(number);
	return text;
}

const char *words_group_label(const char *lang, const char *group)
{
	const struct words_reason *r = reason_of(lang, group);
	return r ? r->label : group;
}

const char *words_group_meaning(const char *lang, const char *group)
{
	const struct words_reason *r = reason_of(lang, group);
	return r ? r->meaning : group;
}

const char *words_metric_label(const char *lang, const char *metric)
{
	for (const struct words_metric *m = words_for(lang)->metrics; m->metric; m++)
		if (strcmp(m->metric, metric) == 0)
			return m->label;
	return NULL;
}

char *words_number(const char *lang, double x, int decimals)
{
	if (!isfinite(x))
		return xstrdup("?");
	if (decimals < 0)
		decimals = 0;
	if (decimals > 8)
		decimals = 8;
	char digits[64];
	snprintf(digits, sizeof digits, "%.*f", decimals, fabs(x));
	const char *point = strchr(digits, '.');
	size_t n = point ? (size_t)(point - digits) : strlen(digits);
	const struct words_table *t = words_for(lang);
	struct buf b = BUF_INIT;
	/* no "-0" for a value that rounds to zero */
	bool zero = strspn(digits, "0.") == strlen(digits);
	if (x < 0 && !zero)
		buf_putc(&b, '-');
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf_puts(&b, t->thousands);
		buf_putc(&b, digits[i]);
	}
	if (point) {
		buf_puts(&b, t->decimal);
		buf_puts(&b, point + 1);
	}
	return buf_detach(&b);
}

char *words_count(const char *lang, double x)
{
	return words_number(lang, x, 0);
}

const char *words_month(const char *lang, int month, bool short_name)
{
	if (month < 1 || month > 12)
		return "";
	const struct words_table *t = words_for(lang);
	return short_name ? t->months_short[month - 1] : t->months[month - 1];
}

char *words_date(const char *lang, long day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	const char *month = words_month(lang, m, false);
	/* no-break spaces: a date is not cut across two lines */
	if (words_is_fr(lang) && d == 1)
		return xasprintf("1er\xc2\xa0%s\xc2\xa0%d", month, y);
	return xasprintf("%d\xc2\xa0%s\xc2\xa0%d", d, month, y);
}
