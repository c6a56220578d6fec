/*
 * Feature engineering: turns the films of the store (struct film_facts) into
 * a numeric matrix of what is known before each film opens. Track records and
 * target encodings are walk-forward: a film only sees the outcomes of films
 * released strictly before it (and before a cutoff, when one is given).
 * The table of features, with their meaning and missing-value handling, is
 * in predictor/README.md; keep both in step.
 */
#ifndef MARQUEE_FEATURES_H
#define MARQUEE_FEATURES_H

#include <stdbool.h>
#include <stddef.h>

#include "predictor/store/store_models.h"

/* One feature group: the unit of explanations and of permutation importance
 * (what each means, in words, is in predictor/words/words_*.c). */
struct feature_group {
	const char *name; /* "director" */
};

/* Rows follow the films given (sorted by release); unscaled values. */
struct feature_matrix {
	size_t n_rows;
	size_t n_cols;
	double *x; /* owned; n_rows * n_cols, row-major */
	double *y; /* owned; log1p(target), NAN when the film has no target */
	bool *sparse; /* owned; the film is sparsely documented: fewer than 5 of
			 its 7 basic facts (directors, cast, distributor, genres,
			 languages or countries, budget, running time) are known.
			 Not a feature: the interval's stratum */
};

/* Number of features, their names, and the group (index) of each. */
size_t features_count(void);
const char *features_name(size_t col);
size_t features_group_of(size_t col);
size_t features_group_count(void);
/*
 * Whether what a group rests on is unknown for the film of row x (unscaled):
 * its "known" columns (runtime_known, director_known...) are all 0. False
 * for a group without such a column.
 */
bool features_group_missing(const double *x, size_t group);
const struct feature_group *features_group(size_t g);

/*
 * Builds the matrix for films sorted by release date (store_facts_load's
 * order). A film's history is the films released strictly before
 * min(its release, cutoff) that have a target; cutoff -1 means no cutoff.
 * Returns 0, or -1 when films are not sorted (reported).
 */
int features_build(const struct film_facts *films, size_t n, long cutoff,
		   struct feature_matrix *out);
void features_free(struct feature_matrix *m);

/* How a later film relates to an earlier one, from facts known before release. */
enum features_relation {
	FEATURES_UNRELATED,
	FEATURES_REPEAT,  /* the same film again: a re-release or a new cut */
	FEATURES_EPISODE, /* a later episode of the same franchise */
};

/*
 * The same collection (films.collection) makes an episode. Titles are compared
 * without trailing parenthesised notes, case or accents: the same title is
 * a repeat when the films share a budget, a running time (within 3 minutes)
 * or people (a director, or an actor among the 4 top-billed of both); a
 * title that continues the earlier one after a word boundary is an episode
 * when the rest starts with a sequel number (2-99, II-XV) or the films share
 * people, and a repeat when they share a budget. Anything else is unrelated:
 * a number in a title proves nothing by itself.
 */
enum features_relation features_relation(const struct film_facts *earlier,
					 const struct film_facts *later);

/* French public holiday (fixed dates and Easter-based ones)? */
bool features_public_holiday(long day);
/* French school holidays in at least one zone (approximation, see README). */
bool features_school_holiday(long day);
/* Easter Sunday of year y, as a day number. */
long features_easter(int year);

/* Column means and standard deviations (1 where the column is constant) over
 * the given rows of x. mean and sd hold n_cols each. */
void features_scale_fit(const struct feature_matrix *m, const size_t *rows, size_t n_rows,
			double *mean, double *sd);
/* out[j] = (x[j] - mean[j]) / sd[j], kept within -3..3. */
void features_scale_apply(const double *x, size_t n_cols, const double *mean, const double *sd,
			  double *out);

#endif
