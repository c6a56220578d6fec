/*
 * What fills the seats: figures over the history of films and their
 * outcomes (store_analytics.h's catalogue), for the analytics pages. Pure
 * functions: no I/O, no words (the pages put the figures in words, in the
 * site's language).
 *
 * Outcomes describe the past: these figures may use what happened after a
 * film's release (its admissions, its viewers' rating), unlike the model's
 * features. A film counts in a figure when its outcome is known (a number,
 * 0 or more); each figure says on how many films it rests.
 *
 * Summaries. A group of outcomes is summarised by its count, median,
 * quartiles, mean, least and greatest. Quantiles interpolate linearly
 * between the sorted values (the p-quantile of n values is at place
 * (n - 1) p, counted from 0: Hyndman and Fan's type 7, R's and NumPy's
 * default), so the median of an even count is the mean of the middle two.
 *
 * Files: analytics.c (summaries, seasons, running time, actors' age),
 * analytics_groups.c (genres, people and companies, the top films and what
 * they share, ratings), pdep.c (the model's view, pdep.h).
 */
#ifndef MARQUEE_ANALYTICS_H
#define MARQUEE_ANALYTICS_H

#include <stdbool.h>
#include <stddef.h>

#include "predictor/store/store_analytics.h"

/* A distribution. With n 0, every figure is NAN. */
struct an_summary {
	size_t n;
	double median, q1, q3, mean, min, max;
};

/* The p-quantile (0..1) of n sorted values; NAN when n is 0. */
double analytics_quantile(const double *sorted, size_t n, double p);
/* Summarises n values (sorted in place). */
void analytics_summarise(double *values, size_t n, struct an_summary *out);
/* Spearman's rank correlation of n pairs (ties get their mean rank); NAN below 3 pairs. */
double analytics_spearman(const double *x, const double *y, size_t n);

/* Does film f count: its outcome is known? */
bool analytics_counts(const struct catalogue_film *f);

/* The films a figure rests on: released in [from, to], outcome known. */
struct an_period {
	long from, to;  /* day numbers, inclusive; from > to when there is no film */
	size_t films;   /* films of the period with an outcome */
};

/* The whole history: the first and last release with an outcome. */
void analytics_period_all(const struct catalogue_film *films, size_t n, struct an_period *p);
/* The last `days` days of the history (to its last release). */
void analytics_period_last(const struct catalogue_film *films, size_t n, long days,
			   struct an_period *p);

/* ---- seasons (analytics.c) ---- */

/* One month (1..12) or ISO week (1..53), all years together. */
struct an_season {
	int key;
	struct an_summary outcome;
	double school;     /* mean share of the opening week's 7 days in French school
			      holidays (features_school_holiday), over the group's films */
	double holiday;    /* share of its films with a public holiday in their opening week */
};

struct an_seasons {
	struct an_season month[12];
	struct an_season week[53];
	struct an_period period;
};

void analytics_seasons(const struct catalogue_film *films, size_t n, struct an_seasons *out);

/* ---- running time (analytics.c) ---- */

/* Bands of running time: under 80 minutes, then 10 minutes each, then 180 and more. */
#define AN_RUNTIME_BANDS 12

struct an_band {
	int from, to;              /* [from, to) in minutes or years; to 0: no upper end */
	size_t films;
	struct an_summary outcome; /* of the band's films */
};

struct an_year {
	int year;
	struct an_summary value;   /* running times, or outcomes, of the year's films */
};

struct an_runtime {
	struct an_band band[AN_RUNTIME_BANDS];
	struct an_year *year;      /* owned; one per year with a known running time, in order */
	size_t n_years;
	size_t films;              /* films with a known running time and outcome */
	struct an_period period;
};

void analytics_runtime(const struct catalogue_film *films, size_t n, struct an_runtime *out);
void analytics_runtime_free(struct an_runtime *r);

/* ---- actors' age (analytics.c) ---- */

/* Bands of age: under 20, then ten years each, then 70 and more. */
#define AN_AGE_BANDS 7
/* Actors counted per film: the first billed, as the model's cast records. */
#define AN_TOP_CAST 4

struct an_ages {
	struct an_band cast[AN_AGE_BANDS]; /* every counted actor's age at release; the
					      outcome of their films */
	struct an_band lead[AN_AGE_BANDS]; /* the first billed's age, when known */
	struct an_summary age;             /* of every counted actor */
	size_t films;                      /* films with at least one age known */
	size_t actors;                     /* ages counted (an actor once per film) */
	struct an_period period;
};

void analytics_ages(const struct catalogue_film *films, size_t n, struct an_ages *out);

/* ---- genres (analytics_groups.c) ---- */

struct an_genre {
	char *name;                /* owned; as first spelt in the history */
	struct an_summary outcome;
	struct an_summary *by_year; /* owned; one per year of the period, first year first */
};

struct an_genres {
	struct an_genre *genre;    /* owned; most films first, then by name */
	size_t n;
	int first_year, last_year;
	struct an_period period;
};

/* Every genre of films with an outcome; a film counts in each of its genres. */
void analytics_genres(const struct catalogue_film *films, size_t n, struct an_genres *out);
void analytics_genres_free(struct an_genres *g);

/* ---- people and companies (analytics_groups.c) ---- */

enum an_role { AN_DIRECTOR, AN_ACTOR, AN_DISTRIBUTOR };

struct an_person {
	char *name;                /* owned */
	struct an_summary outcome; /* of their films in the period */
	size_t best;               /* their best-opening film (catalogue index) */
};

struct an_people {
	struct an_person *row;     /* owned; highest median first, then more films, then name */
	size_t n;
	size_t candidates;         /* people of the role with at least one film in the period */
};

/*
 * The directors, actors (the AN_TOP_CAST first billed) or distributors of
 * the films of period p, with at least min_films films there, the top
 * `top` of them (0: all). People are the store's (two of one name are two);
 * distributors are told apart by their folded names.
 */
void analytics_people(const struct catalogue_film *films, size_t n, enum an_role role,
		      const struct an_period *p, size_t min_films, size_t top,
		      struct an_people *out);
void analytics_people_free(struct an_people *p);

/* ---- the top films and what they share (analytics_groups.c) ---- */

enum an_dimension {
	AN_GENRE, AN_COUNTRY, AN_DISTRIBUTOR_OF, AN_SEASON, AN_BUDGET, AN_CERTIFICATION,
	AN_DIMENSIONS
};

/* Seasons of release, by month: winter is December to February. */
enum an_season_of_year { AN_WINTER, AN_SPRING, AN_SUMMER, AN_AUTUMN };
/* Budget bands in US dollars; AN_BUDGET_UNKNOWN when the budget is not known. */
enum an_budget_band {
	AN_BUDGET_UNKNOWN, AN_BUDGET_5M, AN_BUDGET_20M, AN_BUDGET_50M, AN_BUDGET_100M,
	AN_BUDGET_MORE
};

struct an_share {
	char *value;   /* owned: a genre, country, distributor or certification as spelt;
			  for seasons and budgets the enum's number ("0".."5") */
	size_t top;    /* top films that have it */
	size_t all;    /* films of the period that have it */
};

struct an_top {
	size_t *films;             /* owned; the top films, catalogue indices, best first */
	size_t n_films;            /* the top tenth of the period, at least 10 (or all) */
	size_t period_films;
	struct an_share *share[AN_DIMENSIONS]; /* owned; by share among the top, then among
						  all, then value */
	size_t n_share[AN_DIMENSIONS];
	struct an_period period;
};

/* The best-opening tenth of the films of period p, and what they share. */
void analytics_top(const struct catalogue_film *films, size_t n, const struct an_period *p,
		   struct an_top *out);
void analytics_top_free(struct an_top *t);
enum an_season_of_year analytics_season_of(long day);
enum an_budget_band analytics_budget_band(double budget_usd);

/* ---- ratings (analytics_groups.c) ---- */

struct an_ratings {
	size_t *films;             /* owned; the best rated films with an outcome, best first
				      (ties: more admissions first) */
	size_t n_films;
	size_t rated;              /* films with a rating and an outcome */
	double spearman;           /* between rating and outcome; NAN under 3 films */
	struct an_period period;
};

/* The `top` best rated films of the history. */
void analytics_ratings(const struct catalogue_film *films, size_t n, size_t top,
		       struct an_ratings *out);
void analytics_ratings_free(struct an_ratings *r);

#endif
