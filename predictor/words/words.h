/*
 * The sentences Marquee writes for people, in the site's language: one
 * table per language (words_en.c, words_fr.c), the same entries in each.
 * A sentence with values is a printf format whose conversions the table of
 * words.c declares (a unit test checks every language against it), so a
 * translator edits text, never code. Numbers reach sentences already
 * written in the language (words_number, words_count: 0,0137 and 310 000 in
 * French), as strings.
 */
#ifndef MARQUEE_WORDS_H
#define MARQUEE_WORDS_H

#include <stdbool.h>

enum word {
	/* a published week */
	W_WEEK_TITLE,         /* "Week %s" (week) */
	W_MODEL_LABEL,        /* "model %ld" (id) */
	W_NOTE_MONEY,         /* metric label, unit, ticket price, unit */
	W_NOTE_SHARE,         /* share in %, W_SHARE_CALIBRATED or W_SHARE_CONFIGURED */
	W_SHARE_LABEL,        /* share in %, W_SHARE_CALIBRATED or W_SHARE_CONFIGURED */
	W_SHARE_CALIBRATED,
	W_SHARE_CONFIGURED,
	W_NOTE_FEWER,         /* releases, plural suffix */
	W_NOTE_REPEAT,        /* title, screens */
	W_NOTE_HOLDOVER,      /* title, week */
	W_NOTE_NOTHING,
	W_PICK_PREDICTED,     /* predicted, metric label, lower, upper */
	W_PICK_FILL,          /* occupancy in %, capacity */
	W_PICK_PINNED,
	W_PICK_HOLDOVER,      /* week, factor in % */
	W_REASON,             /* phrase, signed change in % */
	/* the week's chart */
	W_WEEK_CHART_TITLE,   /* metric label, week */
	W_WEEK_CHART_DESC,    /* title, predicted */
	W_WEEK_CHART_EMPTY,
	W_FILM,
	W_PREDICTED,
	W_ACTUAL,
	W_WEEK,
	/* lists, the feeds */
	W_WEEKS_TITLE,
	W_FILMS_TITLE,
	W_HOME_NOTHING,
	W_SITE_DESCRIPTION,   /* cinema, metric label */
	W_PUBLIC_DESCRIPTION, /* cinema */
	W_PICK_ON_SCREEN,     /* title, screen */
	/* the manager's starter pages */
	W_STARTER_NOTE,       /* file */
	W_ABOUT_TITLE,
	W_ABOUT_BODY,         /* cinema, screens, list of screens, weekday */
	W_ABOUT_SCREEN,       /* name, seats */
	W_ABOUT_MODEL,        /* metric label */
	W_AND,
	W_PRICES_TITLE,
	W_PRICES_HEAD,
	W_PRICE_ROW,          /* kind, price, currency */
	W_PRICE_FULL,
	W_PRICE_REDUCED,
	W_PRICE_TICKET,
	/* the history */
	W_HISTORY_TITLE,
	W_SCATTER_TITLE,      /* metric label */
	W_SCATTER_DESC,
	W_PICKED_FILMS,
	W_OTHER_CANDIDATES,
	W_SERIES_TITLE,
	W_SERIES_DESC,
	W_ERROR_TITLE,
	W_ERROR_DESC,
	W_ERROR_AXIS,
	W_ERROR_SERIES,
	W_CAPTURE_TITLE,
	W_CAPTURE_DESC,
	W_CAPTURE_AXIS,
	W_CAPTURED,
	/* the model */
	W_MODEL_TITLE,
	W_IMPORTANCE_TITLE,
	W_IMPORTANCE_DESC,
	W_FEATURE_GROUP,
	W_IMPORTANCE_AXIS,
	W_IMPORTANCE_SERIES,
	W_MODEL_BODY,
	W_MODEL_NONE,
	W_BASELINE_MODEL,     /* the models compared in the backtest */
	W_BASELINE_LINEAR,
	W_BASELINE_NEAREST,
	W_BASELINE_MEAN,
	W_STRATUM_COMPLETE_SMALL, /* the kinds of film the interval is set for, in */
	W_STRATUM_COMPLETE_LARGE, /* model_stratum's order */
	W_STRATUM_SPARSE_SMALL,
	W_STRATUM_SPARSE_LARGE,
	/* why two films are similar (page_similar_why) */
	W_WHY_GENRE,
	W_WHY_GENRES,         /* genres in common (2 or more) */
	W_WHY_DIRECTOR,
	W_WHY_ACTOR,
	W_WHY_ACTORS,         /* actors in common (2 or more) */
	W_WHY_KEYWORD,
	W_WHY_KEYWORDS,       /* keywords in common (2 or more) */
	W_WHY_COUNTRY,
	W_WHY_COLLECTION,
	W_WHY_STORY,
	/* finding a film: the films' page and the A-Z index (page_find.c) */
	W_FIND_TITLE,
	W_FIND_INTRO,
	W_FIND_LABEL,
	W_FIND_PLACEHOLDER,
	W_FIND_NONE,
	W_FIND_LIKE,
	W_AZ_ALL,
	W_AZ_INTRO,           /* films in the index (words_count) */
	W_AZ_TITLE,           /* the letter */
	W_AZ_OTHER,
	W_FIND_ERROR,
	/* the analytics pages (page_analytics.c) */
	W_AN_TITLE,
	W_AN_INTRO,           /* films, metric label */
	W_AN_PERIOD,          /* first and last day, films, metric label */
	W_AN_NO_FILM,         /* metric label */
	W_AN_BACK,
	W_AN_FROM_TO,         /* two days */
	W_AN_COL_FILMS,
	W_AN_COL_MEDIAN,
	W_AN_COL_MIDDLE,
	W_AN_COL_MEAN,
	W_AN_COL_MONTH,
	W_AN_COL_WEEK,
	W_AN_COL_SCHOOL,
	W_AN_COL_PUBLIC,
	W_AN_COL_GENRE,
	W_AN_COL_YEAR,
	W_AN_COL_NAME,
	W_AN_COL_BEST,
	W_AN_COL_RUNTIME,
	W_AN_COL_RANK,
	W_AN_COL_RELEASED,
	W_AN_COL_TOP,
	W_AN_COL_ALL,
	W_AN_COL_AGE,
	W_AN_COL_ROLES,
	W_AN_COL_COUNTRY,
	W_AN_COL_DISTRIBUTOR,
	W_AN_COL_SEASON,
	W_AN_COL_BUDGET,
	W_AN_COL_CERTIFICATION,
	W_AN_COL_TYPICAL,
	W_AN_SERIES_MEDIAN,
	W_AN_SERIES_MEAN,
	W_AN_SEASONS_TITLE,
	W_AN_SEASONS_SUMMARY, /* metric label */
	W_AN_MONTH_TITLE,
	W_AN_MONTH_TEXT,      /* metric label */
	W_AN_MONTH_CHART,     /* metric label */
	W_AN_WEEK_TITLE,
	W_AN_WEEK_TEXT,       /* metric label */
	W_AN_WEEK_CHART,      /* metric label */
	W_AN_SERIES_NO_HOLIDAY,
	W_AN_SERIES_SCHOOL,
	W_AN_SERIES_PUBLIC,
	W_AN_AXIS_MONTH,
	W_AN_AXIS_WEEK,
	W_AN_SEASONS_REST,
	W_AN_GENRES_TITLE,
	W_AN_GENRES_SUMMARY,
	W_AN_GENRE_TITLE,
	W_AN_GENRE_TEXT,      /* metric label */
	W_AN_GENRE_CHART,     /* metric label */
	W_AN_GENRE_REST,      /* genres left out */
	W_AN_TREND_TITLE,
	W_AN_TREND_TEXT,      /* metric label */
	W_AN_TREND_CHART,     /* metric label */
	W_AN_AXIS_YEAR,
	W_AN_PEOPLE_TITLE,
	W_AN_PEOPLE_SUMMARY,
	W_AN_DIRECTORS_TITLE,
	W_AN_ACTORS_TITLE,
	W_AN_DISTRIBUTORS_TITLE,
	W_AN_PEOPLE_TEXT,     /* metric label */
	W_AN_ACTORS_TEXT,     /* metric label */
	W_AN_PEOPLE_CHART,    /* metric label, the period */
	W_AN_PEOPLE_REST,     /* with three films over the whole period, of how many, over the last three years */
	W_AN_PEOPLE_NONE,
	W_AN_RUNTIME_TITLE,
	W_AN_RUNTIME_SUMMARY,
	W_AN_RUNBAND_TITLE,
	W_AN_RUNBAND_TEXT,    /* metric label */
	W_AN_RUNBAND_CHART,
	W_AN_BAND_UNDER,      /* the upper end */
	W_AN_BAND_BETWEEN,    /* the two ends */
	W_AN_BAND_OVER,       /* the lower end */
	W_AN_RUNYEAR_TITLE,
	W_AN_RUNYEAR_TEXT,
	W_AN_RUNYEAR_CHART,
	W_AN_AXIS_MINUTES,
	W_AN_RUNTIME_REST,    /* films with a running time, films */
	W_AN_TOP_TITLE,
	W_AN_TOP_SUMMARY,
	W_AN_TOPLIST_TITLE,
	W_AN_TOPLIST_TEXT,    /* films, metric label, first and last day */
	W_AN_TOPLIST_CHART,
	W_AN_SHARE_TITLE,
	W_AN_SHARE_TEXT,      /* top films, metric label, films, first and last day */
	W_AN_SHARE_CHART,
	W_AN_SERIES_TOP,
	W_AN_SERIES_ALL,
	W_AN_AXIS_SHARE,
	W_AN_WINTER,
	W_AN_SPRING,
	W_AN_SUMMER,
	W_AN_AUTUMN,
	W_AN_BUDGET_UNKNOWN,
	W_AN_BUDGET_5M,
	W_AN_BUDGET_20M,
	W_AN_BUDGET_50M,
	W_AN_BUDGET_100M,
	W_AN_BUDGET_MORE,
	W_AN_RATED_TITLE,
	W_AN_RATED_TEXT,      /* films shown, films rated, rating label, metric label, Spearman's rho */
	W_AN_RATED_REST,
	W_AN_RATED_NONE,
	W_AN_COL_RATING,
	W_AN_AGES_TITLE,
	W_AN_AGES_SUMMARY,
	W_AN_AGES_NONE,
	W_AN_AGEDIST_TITLE,
	W_AN_AGEDIST_TEXT,    /* metric label, ages, films */
	W_AN_AGEDIST_CHART,
	W_AN_AGELEAD_TITLE,
	W_AN_AGELEAD_TEXT,    /* metric label */
	W_AN_AGELEAD_CHART,   /* metric label */
	W_AN_MODEL_TITLE,
	W_AN_MODEL_SUMMARY,   /* metric label */
	W_AN_MODEL_NONE,
	W_AN_MODEL_TEXT,
	W_AN_MODEL_REST,      /* model, films averaged, films trained on, typical prediction */
	W_AN_PD_BUDGET_TITLE,
	W_AN_PD_BUDGET_TEXT,
	W_AN_PD_RUNTIME_TITLE,
	W_AN_PD_RUNTIME_TEXT,
	W_AN_PD_WEEK_TITLE,
	W_AN_PD_WEEK_TEXT,    /* the reference year */
	W_AN_PD_DIRECTOR_TITLE,
	W_AN_PD_DIRECTOR_TEXT,
	W_AN_PD_CHART,        /* metric label, the feature */
	W_AN_AXIS_BUDGET,
	W_AN_AXIS_DIRECTOR,
	W_AN_SERIES_TYPICAL,
	W_AN_COL_VALUE,
	W_AN_WEEK_TABLE,
	W_AN_PERIOD_ONE,      /* the day, metric label */
	W_COUNT
};

/* A feature group for people: its name, what it measures, and what it
 * means when it raises or lowers a prediction. */
struct words_reason {
	const char *group;   /* "director" */
	const char *label;   /* "Director" */
	const char *meaning; /* "How the director's earlier films opened" */
	const char *up;      /* "the director's last films opened strongly" */
	const char *down;
	const char *unknown; /* when what it rests on is unknown, or NULL: never */
};

/* A metric's name for people. */
struct words_metric {
	const char *metric; /* "first_week_admissions" */
	const char *label;  /* "first-week admissions" */
};

/* One language's words (words_en.c, words_fr.c). */
struct words_table {
	const char *lang;                  /* "en" */
	const char *text[W_COUNT];
	const struct words_reason *reasons; /* ends with a NULL group */
	const struct words_metric *metrics; /* ends with a NULL metric */
	const char *thousands;             /* between groups of three digits */
	const char *decimal;               /* before the decimals */
	const char *weekdays[7];           /* from Monday, as in "every Wednesday" */
	const char *months[12];            /* January... */
	const char *months_short[12];      /* Jan... */
};

extern const struct words_table words_en, words_fr;

/* The table of lang ("fr"; anything else is English). */
const struct words_table *words_for(const char *lang);
/* The text of a word without values (borrowed). */
const char *words_get(const char *lang, enum word w);
/* The sentence of a word with its values, as the table declares them (owned). */
char *words_say(const char *lang, enum word w, ...);
/*
 * Why a prediction moved: the group's phrase and its effect as a change in
 * percent, "the director's last films opened strongly (+45%)" (owned); when
 * what the group rests on is unknown, says so ("its running time is not
 * known (-12%)"): only facts. A group without a phrase is named as it is.
 */
char *words_reason(const char *lang, const char *group, double effect, bool unknown);
/* A feature group's name and what it measures (borrowed; the group itself
 * when the tables do not know it). */
const char *words_group_label(const char *lang, const char *group);
const char *words_group_meaning(const char *lang, const char *group);
/* A metric's label in lang, or NULL when the tables do not know it. */
const char *words_metric_label(const char *lang, const char *metric);
/* x as a whole number with grouped digits: 310,000 or 310 000 (owned). */
char *words_count(const char *lang, double x);
/* x with decimals and grouped digits: 0.0137 or 0,0137, 1,234.50 or 1 234,50 (owned). */
char *words_number(const char *lang, double x, int decimals);
/* A month's name (1 to 12), in full or short (borrowed). */
const char *words_month(const char *lang, int month, bool short_name);
/* A day as people write it, with no-break spaces: "2 January 2020",
 * "1er janvier 2020" (owned). */
char *words_date(const char *lang, long day);
/* Whether lang is French. */
bool words_is_fr(const char *lang);

/*
 * The printf conversions each word takes, one letter each: s (string), d
 * (int), l (long), z (size_t), f (double). For the unit test.
 */
const char *words_signature(enum word w);

#endif
