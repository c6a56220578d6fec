/*
 * Similar films: for every film of a corpus, the k films most like it, each
 * with the reasons as data (same director, shared cast, a similar story...);
 * the words that say them in English or French live with the theme's strings.
 * A pure module: no I/O, no global state; the caller gives the films and gets
 * numbers back.
 *
 * Vectors. Each film is a sparse vector of features, one per item of a part:
 * its genres, directors, cast, keywords, countries, collection (franchise) and
 * the words of its overview. Names are folded (common/text/textfold.h), so
 * "Jacques Audiard" and "jacques audiard" are one director.
 *   - genres, keywords, countries: 1 × idf, so that sharing "Western" says
 *     more than sharing "Drame" (idf = ln((1 + N) / (1 + df)) + 1, N films in
 *     the corpus, df those that have the item);
 *   - directors, collection: 1;
 *   - cast: 1 / log2(2 + billing rank), the first SIMILAR_CAST_MAX billed;
 *   - overview words: (1 + ln tf) × idf (sublinear tf-idf), without stop words.
 * Each part is scaled to length sqrt(weight), then the whole vector to length
 * 1. The score of two films is the dot product of their vectors, their
 * cosine similarity, in [0, 1]: for two films that have every part, the
 * weighted mean of the parts' own cosines with the weights as given, so a
 * weight says which share of the score a part can bring. A part a film lacks
 * is left out of its vector (not counted as a mismatch), so a film known only
 * by its genres is compared on its genres alone.
 *
 * Search. An inverted index lists, for each feature, the films that have it
 * with their values. A film's neighbours are found by adding up products
 * along the lists of its own features: only films that share a feature are
 * scored, and no pair is compared explicitly. By default every list is
 * scanned. With posting_cap > 0, lists longer than the cap ("Drame",
 * "France", frequent words) are left out of the scan; their part of each
 * candidate's score is still added, and a film that shares only such
 * features is looked for whenever an upper bound of what they can bring
 * (the film's value times the feature's largest value in any film) could
 * reach the k-th best score. Either way the result is exact, what comparing
 * every pair would give: the cap only changes the speed. On a catalogue with
 * overviews nearly every pair of films shares a word and the k-th best score
 * is low, so the bound rarely prunes and the cap was measured to cost more
 * than it saves (tests/bench/similar.sh). Without a cap, the table scores
 * each pair of films once, for both. Of films of equal score, those released
 * nearest the film come first, then by key, so the order is stable, whatever
 * the number of threads.
 *
 * Memory: the index holds each film's vector and the postings (about 16
 * bytes per item of a film, plus the names of the features); a search
 * thread 12 bytes per film, and a thread of similar_table_new 16 bytes per
 * film and neighbour asked for. Everything is freed with its owner.
 */
#ifndef MARQUEE_SIMILAR_H
#define MARQUEE_SIMILAR_H

#include <limits.h>
#include <stddef.h>

/* The parts of a film that are compared. */
enum similar_part {
	SIMILAR_GENRES,
	SIMILAR_DIRECTORS,
	SIMILAR_CAST,
	SIMILAR_KEYWORDS,
	SIMILAR_COUNTRIES,
	SIMILAR_COLLECTION,
	SIMILAR_OVERVIEW,
	SIMILAR_PARTS
};

/* Why two films are similar: one reason per part, in the order of the parts. */
enum similar_reason {
	SIMILAR_SHARED_GENRES,
	SIMILAR_SAME_DIRECTOR,
	SIMILAR_SHARED_CAST,
	SIMILAR_SHARED_KEYWORDS,
	SIMILAR_SAME_COUNTRY,
	SIMILAR_SAME_COLLECTION,
	SIMILAR_STORY, /* overview words in common */
};

/* Actors counted in the cast, the first billed. */
#define SIMILAR_CAST_MAX 15
/* The most neighbours a search may ask for. */
#define SIMILAR_K_MAX 100
/* A release day that is not known; as a filter, no filter. */
#define SIMILAR_NO_DAY LONG_MAX

/* Names of one part of a film. */
struct similar_names {
	const char *const *name; /* borrowed; n names, each borrowed; NULL names are skipped */
	size_t n;
};

/* One film. Everything is borrowed; empty parts are fine. */
struct similar_film {
	const char *key;                /* borrowed; stable and unique in a corpus */
	const char *title;              /* borrowed; may be NULL; not compared (titles share
					   words by chance) */
	struct similar_names genres;
	struct similar_names directors;
	struct similar_names cast;      /* in billing order */
	struct similar_names keywords;
	struct similar_names countries;
	const char *collection;         /* borrowed; the franchise, NULL when none */
	const char *overview;           /* borrowed; NULL when none */
	long release_day;               /* the cinema's (common/date.h), SIMILAR_NO_DAY if unknown */
};

struct similar_settings {
	double weight[SIMILAR_PARTS]; /* each >= 0; a part weighted 0 is not compared */
	size_t k;                     /* neighbours per film, 1..SIMILAR_K_MAX */
	double min_score;             /* neighbours scoring less are left out; 0..1 */
	size_t posting_cap;           /* 0 scans every list (the default); see the top */
	int threads;                  /* for similar_table_new: 1 or 2 (clamped to 1..8) */
};

/* One reason of a match. */
struct similar_why {
	enum similar_reason reason;
	unsigned count; /* items shared: genres, directors, actors, keywords, countries,
			   the collection (1), overview words */
	double share;   /* what they add to the score; a match's shares sum to its score
			   (to rounding) */
};

/* One neighbour. */
struct similar_match {
	size_t film;      /* its index in the corpus */
	const char *key;  /* borrowed from the corpus */
	double score;     /* cosine similarity, in (0, 1] */
	struct similar_why why[SIMILAR_PARTS]; /* n_why reasons, largest share first */
	size_t n_why;
};

/* The neighbours of every film of a corpus. */
struct similar_table {
	struct similar_match *match; /* owned; k slots per film, film i's from i * k */
	size_t *n_match;             /* owned; how many of film i's slots are used */
	size_t n_films;
	size_t k;
};

/* An index over a corpus. Opaque. */
struct similar_index;

/*
 * The defaults: weights genres 1, directors 3, cast 2, keywords 2, countries
 * 0.5, collection 3, overview 2; k 5; min_score 0.05; no posting cap; 2 threads.
 */
void similar_settings_default(struct similar_settings *s);

/*
 * Indexes n films (films may be NULL when n is 0). The films are borrowed
 * and must outlive the index; the settings are copied. Returns NULL after
 * reporting an error: settings out of range, a film without a key, a key
 * given to two films.
 */
struct similar_index *similar_index_new(const struct similar_film *films, size_t n,
					const struct similar_settings *settings);
void similar_index_free(struct similar_index *idx);

/*
 * The k best neighbours of every film of the index (never the film itself),
 * best first (ties: the nearest release, then the key), none below
 * min_score, on the settings' threads.
 * Cannot fail; the same for any number of threads. Free with
 * similar_table_free.
 */
struct similar_table *similar_table_new(const struct similar_index *idx);
/* The matches of film i: *n of them (borrowed from the table). */
const struct similar_match *similar_table_film(const struct similar_table *t, size_t i,
					       size_t *n);
void similar_table_free(struct similar_table *t);

/*
 * The neighbours in the index of a film that need not be in it (the week's
 * new release), as similar_table_new would give them: at most the index's k,
 * written to out (room for k), and their number returned. The film is
 * compared with the index's idf; its features that no indexed film has
 * count in its norms but match nothing. An indexed film with the same key
 * is left out. Unless released_before is SIMILAR_NO_DAY, only films released
 * before that day are neighbours (not those whose day is unknown).
 */
size_t similar_index_query(const struct similar_index *idx, const struct similar_film *film,
			   long released_before, struct similar_match *out);

/* The score and reasons of films a and b of the index, neighbours or not. */
void similar_index_pair(const struct similar_index *idx, size_t a, size_t b,
			struct similar_match *out);

#endif
