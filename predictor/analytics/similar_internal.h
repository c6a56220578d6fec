/*
 * Shared by similar.c (the index) and similar_search.c (the search) only:
 * the index's arrays, and the search over them. Nothing else includes it.
 */
#ifndef MARQUEE_SIMILAR_INTERNAL_H
#define MARQUEE_SIMILAR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/strmap.h"
#include "predictor/analytics/similar.h"

/* Threads similar_table_new may use. */
#define SIMILAR_THREADS_MAX 8

/* Strings that never move once copied: the keys of the feature map. */
struct similar_arena {
	char **block; /* owned: n_blocks blocks, each owned */
	size_t n_blocks, cap_blocks;
	char *next;   /* borrowed: free space at the end of the last block */
	size_t left;  /* its size */
};

struct similar_index {
	const struct similar_film *films; /* borrowed: the corpus */
	size_t n_films;
	struct similar_settings settings;
	struct strmap keys;     /* owned map; film key (borrowed from films) -> index + 1 */
	uint32_t *key_rank;     /* owned: each film's place in the order of keys */

	struct strmap features; /* owned map; feature key (borrowed from names) -> id + 1 */
	struct similar_arena names; /* owned: the feature keys */
	size_t n_features;      /* ids by decreasing df: the common ones come first */
	size_t n_common;        /* features 0..n_common-1 have more than posting_cap films */
	uint8_t *part;          /* owned: the part of each feature */
	double *idf;            /* owned: of each feature (1 for parts without idf) */
	double idf_unseen;      /* of a feature no film has */
	float *max_value;       /* owned: each feature's largest value in any film */

	size_t *vec_start;      /* owned: film i's vector is [vec_start[i], vec_start[i + 1]) */
	uint32_t *vec_feature;  /* owned: features of the vectors, increasing within each */
	float *vec_value;       /* owned: their values */
	uint32_t *vec_common;   /* owned: how many of film i's features are common (a prefix) */

	size_t *post_start;     /* owned: feature f's films are [post_start[f], post_start[f + 1]) */
	struct similar_posting {
		uint32_t film;  /* increasing within each feature */
		float value;    /* the feature's value in the film */
	} *post;                /* owned: the postings of every feature, one after the other */
};

/* A film's vector: features increasing, so the common ones come first. */
struct similar_vector {
	const uint32_t *feature; /* borrowed */
	const float *value;      /* borrowed */
	size_t n;
	size_t n_common;         /* features below idx->n_common */
};

/* Film i's vector in the index. */
struct similar_vector similar_index_vector(const struct similar_index *idx, size_t i);

/* One thread's memory for searches in an index (borrowed; it must outlive it). */
struct similar_searcher;

struct similar_searcher *similar_searcher_new(const struct similar_index *idx);
void similar_searcher_free(struct similar_searcher *s);

/*
 * The index's k best neighbours of vector v, a film released on day
 * (SIMILAR_NO_DAY if unknown), best first, none below min_score, written to
 * out (room for k); returns their number. Films of equal score come in the
 * order of their release's distance from day, then of their keys. Film
 * exclude (SIZE_MAX for none) is left out, and unless before is
 * SIMILAR_NO_DAY, every film not released before that day.
 */
size_t similar_searcher_find(struct similar_searcher *s, const struct similar_vector *v, long day,
			     size_t exclude, long before, struct similar_match *out);

/* The score and reasons of vector v with film b, summed in a fixed order, so
 * that two films score the same whichever is searched. */
void similar_vector_score(const struct similar_index *idx, const struct similar_vector *v,
			  size_t b, struct similar_match *out);

#endif
