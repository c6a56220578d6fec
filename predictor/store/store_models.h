/*
 * The predictor's side of analytics.db (implemented in store_models.c, the
 * only predictor file besides store*.c that touches SQLite): the facts about
 * every film that feature engineering needs, the model registry, the stored
 * predictions and the backtests.
 */
#ifndef MARQUEE_STORE_MODELS_H
#define MARQUEE_STORE_MODELS_H

#include <stdbool.h>
#include <stddef.h>

#include "predictor/store/store.h"

/* Everything known about one film, as feature engineering reads it. */
struct film_facts {
	long id;               /* films.id */
	char *key;             /* owned; films.key */
	char *title;           /* owned */
	long release;          /* day number of the local release */
	long release_us;       /* day number, or -1 */
	int production_year;   /* the year it was made, 0 when unknown */
	int runtime_min;       /* 0 when unknown */
	double budget_usd;     /* negative when unknown */
	char *certification;   /* owned or NULL */
	char *original_language; /* owned or NULL */
	char *collection;      /* owned or NULL */
	char *distributor;     /* owned or NULL; the first distributor */
	char **directors;      /* owned array of owned strings, credit order */
	size_t n_directors;
	char **cast;           /* owned array of owned strings, billing order */
	size_t n_cast;
	char **genres;         /* owned, likewise */
	size_t n_genres;
	char **countries;      /* owned, likewise */
	size_t n_countries;
	char **languages;      /* owned, likewise */
	size_t n_languages;
	double cast_popularity; /* mean TMDB popularity of the cast, NAN when unknown */
	double crew_popularity; /* the directors', NAN when unknown */
	double target;         /* the target metric (mean over sources), NAN when absent */
	double us_gross;       /* US gross outcome (not the target metric), NAN when absent */
	double us_opening;     /* US opening weekend outcome (us_opening_admissions, not
				  the target metric), NAN when absent */
	double buzz_popularity; /* last TMDB buzz fetched before release, NAN when absent */
	double buzz_votes;     /* likewise, vote count */
};

/*
 * Loads every film, sorted by release date then id, with the target metric
 * `metric`. *out belongs to the caller (film_facts_free). 0 or -1 (reported).
 */
int store_facts_load(struct store *st, const char *metric, struct film_facts **out, size_t *n);
void film_facts_free(struct film_facts *films, size_t n);

/* One row of the model registry. Strings are owned (model_record_clear). */
struct model_record {
	long id;
	char *created_at;  /* ISO 8601 UTC */
	char *metric;
	char *status;      /* "current", "retired" or "rejected" */
	char *reason;      /* NULL, or why it was rejected / retired */
	long rows;
	char *data_hash;
	char *meta;        /* JSON: features, scaling, parameters, metrics */
	char *model;       /* libsvm's model file text; NULL in lists */
};

void model_record_clear(struct model_record *rec);
/* The current model for metric; *found false when there is none. */
int store_model_current(struct store *st, const char *metric, struct model_record *rec,
			bool *found);
/* Adds a model (rec->id is ignored); *id receives the new id. */
int store_model_add(struct store *st, const struct model_record *rec, long *id);
int store_model_set_status(struct store *st, long id, const char *status, const char *reason);
/* Every model, newest first, without the model text. *out owned. */
int store_models_list(struct store *st, struct model_record **out, size_t *n);

/* Stores (replacing) one prediction of a model for a film. */
int store_prediction_put(struct store *st, long model_id, long film_id, const char *week,
			 double predicted, double lower, double upper, const char *explanation);

/* The newest backtest of a metric: its period and summary JSON (owned). */
struct backtest_record {
	char *from, *to, *summary, *created_at; /* owned */
};
int store_backtest_latest(struct store *st, const char *metric, struct backtest_record *out,
			  bool *found);
void backtest_record_clear(struct backtest_record *b);

/* Adds a backtest and *id; then its films one by one (actual NAN for unknown). */
int store_backtest_add(struct store *st, const char *metric, const char *from, const char *to,
		       const char *summary, long *id);
int store_backtest_film_put(struct store *st, long backtest_id, const char *week_start,
			    long film_id, double predicted, double lower, double upper,
			    double actual, bool picked);

#endif
