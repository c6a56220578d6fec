/*
 * What the analytics pages and the similar films read from analytics.db
 * (implemented in store_analytics.c): every film of the catalogue with its
 * facts, people, words and outcomes, the outcomes included. Unlike
 * store_facts_load (the model's view, which must never see what happened
 * after a film's release), this describes the past as it turned out:
 * outcomes and viewers' ratings are here to be shown, never to predict.
 */
#ifndef MARQUEE_STORE_ANALYTICS_H
#define MARQUEE_STORE_ANALYTICS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "predictor/store/store.h"

/* A day that is not known (a birthday never fetched). */
#define CATALOGUE_NO_DAY LONG_MIN

/* One film of the catalogue. Every pointer is owned (catalogue_free). */
struct catalogue_film {
	long id;               /* films.id */
	char *key;             /* films.key */
	char *title;
	char *slug;            /* films.slug: unique, given when first stored; or NULL */
	long release;          /* day number of the local release */
	int runtime_min;       /* 0 when unknown */
	double budget_usd;     /* negative when unknown */
	char *certification;   /* or NULL */
	char *collection;      /* the franchise, or NULL */
	char *overview;        /* or NULL */
	char *poster_path;     /* or NULL */
	char *distributor;     /* the first distributor, or NULL */
	long tmdb_id;          /* 0 when unknown */
	char **genres;         /* array of strings, in the source's order */
	size_t n_genres;
	char **directors;      /* credit order */
	long *director_ids;    /* people.id, parallel to directors */
	size_t n_directors;
	char **cast;           /* billing order */
	long *cast_ids;        /* people.id, parallel to cast */
	long *cast_birthdays;  /* day numbers, CATALOGUE_NO_DAY when unknown; parallel */
	size_t n_cast;
	char **countries;
	size_t n_countries;
	char **keywords;
	size_t n_keywords;
	char **languages;      /* spoken languages */
	size_t n_languages;
	double outcome;        /* the metric asked for (mean over sources), NAN when absent */
	double rating;         /* the rating asked for (mean over sources), NAN when absent */
};

/*
 * Loads every film of analytics.db, sorted by release date then key, with
 * the outcome `metric` and the outcome `rating` (NULL: none) of each.
 * *out belongs to the caller (catalogue_free). 0 or -1 (reported).
 */
int store_catalogue_load(struct store *st, const char *metric, const char *rating,
			 struct catalogue_film **out, size_t *n);
void catalogue_free(struct catalogue_film *films, size_t n);

/* Records a person's birthday (YYYY-MM-DD), as a scrape finds it. 0 or -1. */
int store_person_birthday(struct store *st, long person_id, const char *birthday);

#endif
