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
/* Whether lang is French. */
bool words_is_fr(const char *lang);

/*
 * The printf conversions each word takes, one letter each: s (string), d
 * (int), l (long), z (size_t), f (double). For the unit test.
 */
const char *words_signature(enum word w);

#endif
