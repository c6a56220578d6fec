/*
 * The two SQLite stores (store*.c are the only files that call SQLite):
 *
 *   analytics.db  films, people, credits, genres, countries, languages,
 *                 companies, outcomes, the scraped-response cache, models and
 *                 backtests. It can be rebuilt from its sources.
 *   cinema.db     the cinema's own records: published weeks with the
 *                 predictions shown, picks and screens, actual attendance,
 *                 the manager's overrides. It cannot be rebuilt.
 *
 * One connection holds both (cinema.db is attached as "cinema"), so one
 * transaction covers a whole command: store_begin() at the start,
 * store_commit() at the end, and a failure anywhere rolls both back.
 * Schemas are versioned with PRAGMA user_version and migrated on open.
 */
#ifndef MARQUEE_STORE_H
#define MARQUEE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/config.h"

struct store;

/*
 * Opens (creating when needed) DIR/analytics.db and DIR/cinema.db, with
 * foreign keys on and WAL journals, and migrates both schemas. Returns NULL
 * after reporting an error.
 */
struct store *store_open(const char *dir);
void store_close(struct store *st);
/* store_open on the folder the configuration names (data_dir, default "data"). */
struct store *store_open_config(const struct config *cfg);
/*
 * Opens both stores to read only, for the commands that only look (status,
 * models, features, select, content): no write lock is taken, so they run
 * beside an import or a training, and on stores that cannot be written (a
 * read-only copy; a folder without write access is read as it is). A
 * schema older than this program's is migrated first where the stores can
 * be written, and refused where they cannot. Missing stores are refused.
 * store_begin then begins a read transaction: one view of both stores.
 */
struct store *store_open_read_only(const char *dir);
struct store *store_open_config_read_only(const struct config *cfg);
/* Whether the stores were opened to read only. */
bool store_read_only(const struct store *st);
/* The folder of the stores (borrowed). */
const char *store_dir(const struct store *st);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. 0 or -1 (reported). */
int store_begin(struct store *st);
int store_commit(struct store *st);
/* Undoes the open transaction, if any; never fails. */
void store_rollback(struct store *st);

/* The schema versions this program writes, for tests and `status`. */
int store_analytics_version(void);
int store_cinema_version(void);

/* ---- films (store_films.c) ---- */

struct outcome {
	const char *metric; /* borrowed */
	double value;
};

/* What a source knows of a person beyond the name (TMDB), or zeros. */
struct person_ref {
	long tmdb_id;      /* 0 when unknown */
	double popularity; /* negative when unknown */
};

/* A film as a source gives it (a history file, TMDB). All pointers are borrowed. */
struct film_record {
	const char *source;    /* "vega", "fr_first_week", "tmdb"... */
	const char *source_id; /* the source's id, or NULL: then title+date key it */
	const char *title;
	long release;          /* day number of the local release */
	long release_us;       /* day number, or -1 when unknown */
	int runtime_min;       /* 0 when unknown */
	double budget_usd;     /* negative when unknown */
	const char *certification;
	const char *original_language;
	const char *overview;
	int production_year;   /* 0 when unknown */
	const char *distributor;
	const char **genres;
	size_t n_genres;
	const char **directors;
	size_t n_directors;
	const char **cast;
	size_t n_cast;
	const char **countries;
	size_t n_countries;
	const char **languages;
	size_t n_languages;
	const struct outcome *outcomes;
	size_t n_outcomes;
	/* What TMDB adds (zero or NULL from a history file). */
	long tmdb_id;              /* 0 when unknown */
	const char *imdb_id;       /* "tt0137523", or NULL */
	const char *original_title;
	long first_release;        /* day number of its first release anywhere, -1 unknown */
	const char *collection;    /* the franchise it belongs to, or NULL */
	const char *poster_path;   /* the poster as stored for the site, or NULL */
	const char **keywords;
	size_t n_keywords;
	const char **companies;    /* production companies */
	size_t n_companies;
	const struct person_ref *director_refs; /* parallel to directors, or NULL */
	const struct person_ref *cast_refs;     /* parallel to cast, or NULL */
	const char *fetched_on;    /* YYYY-MM-DD the facts were fetched (TMDB's), or NULL */
	double buzz_popularity;    /* TMDB popularity when fetched, negative when unknown */
	double buzz_votes;         /* its vote count then, negative when unknown */
};

enum store_change {
	STORE_INSERTED,  /* a film new to the store */
	STORE_UPDATED,   /* this source's film, changed */
	STORE_UNCHANGED, /* this source's film, as stored */
	STORE_MATCHED,   /* a film another source brought, now known to this one too */
	STORE_DUPLICATE, /* this transaction already put a film with that key */
	STORE_AMBIGUOUS, /* it could be any of several films: nothing stored */
	STORE_REFUSED,   /* it cannot be a film (see the bounds below): nothing stored */
};

/*
 * Bounds on what a source may give, checked by store_film_put whatever the
 * source, so that no file or API answer can store what no film has: a title
 * longer than any (a synopsis in the wrong column; and the site's file
 * names are made from titles), a figure beyond any film's.
 */
#define STORE_TITLE_MAX 500 /* bytes */
/* Why value cannot be a film's outcome for metric (a static sentence), or NULL. */
const char *store_outcome_implausible(const char *metric, double value);
/* Why a production budget in US dollars cannot be a film's, or NULL. */
const char *store_budget_implausible(double usd);

/*
 * Stores a film as its source gives it. One film, whatever the source: a
 * film this source gave before (source + source_id, or else title + release
 * date) is updated; otherwise it is matched to a film another source
 * brought, by TMDB id, then IMDb id, then folded title (its own or the
 * original) with a release within seven days, and attached to it: the
 * source adds its outcomes and fills only what the film lacks (the source
 * that brought the film keeps its facts). Several films matching the title
 * is STORE_AMBIGUOUS and nothing is stored: never guessed. A film beyond
 * the bounds above is STORE_REFUSED. where says where the film was read
 * ("films.csv:12"). *detail (owned by the caller, may be NULL) says, for a
 * duplicate, where the film was first read, for a match how and to which
 * film, for an ambiguous film the candidates, and for a refused one why.
 * Must run inside a transaction.
 */
int store_film_put(struct store *st, const struct film_record *film, const char *where,
		   enum store_change *change, char **detail);

/* Records a person's popularity as fetched on a day (YYYY-MM-DD). */
int store_person_popularity(struct store *st, long person_id, const char *fetched_on,
			    double popularity);

/* What the site shows of a film. Every string is owned (film_info_clear). */
struct film_info {
	long id;
	char *key, *title, *release_date, *release_us;
	int runtime_min;        /* 0 when unknown */
	double budget_usd;      /* negative when unknown */
	char *certification, *original_language, *distributor, *overview, *poster_path;
	long tmdb_id;           /* 0 when unknown */
	char *slug;             /* the film's own, unique (NULL: a store older than slugs) */
	char **genres, **directors, **cast, **countries, **languages;
	size_t n_genres, n_directors, n_cast, n_countries, n_languages;
};

/* Loads a film by key; *found false when there is none. */
int store_film_info(struct store *st, const char *key, struct film_info *out, bool *found);
void film_info_clear(struct film_info *f);
/* A film's outcome for a metric (mean over sources); *found false when none. */
int store_film_outcome(struct store *st, const char *key, const char *metric, double *value,
		       bool *found);

/* The distinct release days of films that have an outcome for metric,
 * ascending; *days owned by the caller. */
int store_release_days(struct store *st, const char *metric, long **days, size_t *n);

/* Counts for `marquee status`. */
struct store_summary {
	long films, people, outcomes, models, published_weeks, actuals;
	char first_release[11], last_release[11]; /* "" when there are no films */
};
struct store_metric_count {
	char *metric; /* owned */
	long films;
};
int store_summary_get(struct store *st, struct store_summary *sum);
/* Metrics with the number of films that have them; *out owned (free each metric). */
int store_metrics_list(struct store *st, struct store_metric_count **out, size_t *n);

#endif
