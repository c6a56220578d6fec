/*
 * "If you liked this film": the similar films of every film of the catalogue
 * (predictor/store/store_analytics.h), found by the engine of similar.h with
 * the weights of marquee.yml, and how good they are.
 *
 * Settings (all optional; defaults are the engine's):
 *
 *   similar:
 *     count: 5              # similar films per film, 1 to 20
 *     min_score: 0.05       # a film scoring less is not shown, 0 to 1
 *     weights:              # each 0 to 100; a part weighted 0 is not compared
 *       genres: 1
 *       director: 3
 *       cast: 2
 *       keywords: 2
 *       countries: 0.5
 *       collection: 3       # the franchise
 *       overview: 2         # the words of the synopsis (TF-IDF)
 */
#ifndef MARQUEE_RECOMMEND_H
#define MARQUEE_RECOMMEND_H

#include <stddef.h>

#include "common/config.h"
#include "predictor/analytics/similar.h"
#include "predictor/store/store_analytics.h"

/*
 * The settings: similar.* of cfg over the engine's defaults, with the given
 * threads. 0, or -1 after reporting "marquee.yml:LINE: key: reason".
 */
int recommend_settings(const struct config *cfg, struct similar_settings *s);

/*
 * The franchise a title names, for films whose source gives none (the
 * French data has no collection): the folded title before a subtitle
 * (":", " - ", "(") without a sequel number ("Dune : Deuxième Partie",
 * "Dune (2021)" -> "dune"; "Scream VI" -> "scream"), or NULL when the title
 * has neither. Owned by the caller.
 */
char *recommend_title_franchise(const char *title);

/* The similar films of a catalogue. */
struct recommend {
	struct similar_film *corpus;  /* owned array; each borrows from the catalogue, or from
					 franchise */
	char **franchise;             /* owned; film i's collection, or the franchise its title
					 shares with another film's (NULL: none) */
	struct similar_index *index;  /* owned */
	struct similar_table *table;  /* owned; film i of the catalogue is film i here */
	size_t n;
};

/*
 * Indexes the n films (borrowed: they must outlive the result) and finds
 * every film's neighbours. NULL after reporting (bad settings).
 */
struct recommend *recommend_new(const struct catalogue_film *films, size_t n,
				const struct similar_settings *s);
void recommend_free(struct recommend *r);
/* Film i's neighbours, best first: *n of them (borrowed). */
const struct similar_match *recommend_film(const struct recommend *r, size_t i, size_t *n);

/*
 * The films text names: the film whose key it is, else those whose title
 * folds to the same words (accents, case and punctuation aside), in
 * catalogue order. Writes up to max indices to out and returns how many
 * films it names.
 */
size_t recommend_lookup(const struct catalogue_film *films, size_t n, const char *text,
			size_t *out, size_t max);

/* How good the neighbours are, on the films that allow a check. */
struct recommend_quality {
	size_t films;          /* films in the catalogue */
	size_t k;              /* neighbours asked for */
	/* Kin: other films by one of its directors, or of its franchise. */
	size_t with_kin;       /* films that have kin in the catalogue */
	size_t kin_found;      /* of those, films with kin among their neighbours */
	size_t with_director, director_found; /* the same for directors alone */
	size_t with_franchise, franchise_found; /* and for franchises alone */
	/* Main genre: the film's first genre. */
	size_t with_genre;     /* films with a main genre and at least one neighbour */
	size_t genre_any;      /* of those, films with a neighbour of that genre */
	double genre_share;    /* mean share of their neighbours that have it */
	double genre_base;     /* the same share for films drawn at random: the base rate */
};

/* Measures r over its catalogue films (the same films as recommend_new's). */
void recommend_quality(const struct recommend *r, const struct catalogue_film *films,
		       struct recommend_quality *q);

#endif
