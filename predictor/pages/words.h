/*
 * The sentences Marquee writes for people, in the site's language: one
 * table per language (words_en.c, words_fr.c), the same entries in each.
 * A sentence with values is a printf format whose conversions the table of
 * words.c declares (a unit test checks every language against it), so a
 * translator edits text, never code.
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
	W_SHARE_CALIBRATED,
	W_SHARE_CONFIGURED,
	W_NOTE_FEWER,         /* releases, plural suffix */
	W_NOTE_HOLDOVER,      /* title, week */
	W_NOTE_NOTHING,
	W_PICK_PREDICTED,     /* predicted, metric label, lower, upper */
	W_PICK_FILL,          /* occupancy in %, capacity */
	W_PICK_PINNED,
	W_PICK_HOLDOVER,      /* week, factor in % */
	W_REASON,             /* phrase, change in % */
	/* the week's chart */
	W_WEEK_CHART_TITLE,   /* metric label, week */
	W_WEEK_CHART_DESC,    /* title, predicted */
	W_WEEK_CHART_EMPTY,
	W_FILM,
	W_PREDICTED,
	W_ACTUAL,
	W_WEEK,
	/* lists */
	W_WEEKS_TITLE,
	W_FILMS_TITLE,
	W_HOME_NOTHING,
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
	W_COUNT
};

/* What a feature group means when it raises or lowers a prediction. */
struct words_reason {
	const char *group; /* "director" */
	const char *up;    /* "the director's last films opened strongly" */
	const char *down;
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
 * percent, "the director's last films opened strongly (+45%)" (owned). A
 * group without a phrase is named as it is.
 */
char *words_reason(const char *lang, const char *group, double effect);
/* The phrase of a group when it raises the prediction (borrowed; the group when unknown). */
const char *words_reason_meaning(const char *lang, const char *group);
/* A metric's label in lang, or NULL when the tables do not know it. */
const char *words_metric_label(const char *lang, const char *metric);
/* x as a whole number with grouped digits: 310,000 or 310 000 (owned). */
char *words_count(const char *lang, double x);
/* Whether lang is French. */
bool words_is_fr(const char *lang);

/*
 * The printf conversions each word takes, one letter each: s (string), d
 * (int), l (long), z (size_t), f (double). For the unit test.
 */
const char *words_signature(enum word w);

#endif
