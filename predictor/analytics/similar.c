/*
 * Similar films: the settings, the films' feature vectors and the inverted
 * index over them, and the queries of one film (see similar.h for the
 * method; the search itself is in similar_search.c).
 */
#include "predictor/analytics/similar.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/msg.h"
#include "common/strmap.h"
#include "common/text/textfold.h"
#include "common/xalloc.h"
#include "predictor/analytics/similar_internal.h"

#define NO_FEATURE UINT32_MAX
#define ARENA_BLOCK 65536

/* The first letter of a feature's key says its part: "gdrame", "djacques audiard". */
static const char part_letter[SIMILAR_PARTS] = {
	[SIMILAR_GENRES] = 'g',    [SIMILAR_DIRECTORS] = 'd', [SIMILAR_CAST] = 'c',
	[SIMILAR_KEYWORDS] = 'k',  [SIMILAR_COUNTRIES] = 'n', [SIMILAR_COLLECTION] = 's',
	[SIMILAR_OVERVIEW] = 'w',
};
/* Parts whose items are weighted by their rarity in the corpus. */
static const bool part_idf[SIMILAR_PARTS] = {
	[SIMILAR_GENRES] = true, [SIMILAR_KEYWORDS] = true, [SIMILAR_COUNTRIES] = true,
	[SIMILAR_OVERVIEW] = true,
};
static const char *const part_name[SIMILAR_PARTS] = {
	[SIMILAR_GENRES] = "genres",       [SIMILAR_DIRECTORS] = "directors",
	[SIMILAR_CAST] = "cast",           [SIMILAR_KEYWORDS] = "keywords",
	[SIMILAR_COUNTRIES] = "countries", [SIMILAR_COLLECTION] = "collection",
	[SIMILAR_OVERVIEW] = "overview",
};

/* A film's item once its feature is known: the stuff of its vector. */
struct term {
	uint32_t feature; /* NO_FEATURE when the index does not know it */
	uint8_t part;
	float raw;        /* 1; the billing weight of an actor; the count of a word */
};

/* Items of one film before their features are known. */
struct collector {
	struct buf keys;             /* owned: the items' keys, each NUL-terminated */
	struct buf fold;             /* owned: scratch for one folded name */
	struct textfold_words words; /* owned: scratch for an overview */
	struct item {
		size_t offset;       /* of the key in keys */
		const char *key;     /* borrowed from keys once collection is over */
		uint8_t part;
		float raw;
	} *item;                     /* owned: n items */
	size_t n, cap;
};

#define COLLECTOR_INIT { BUF_INIT, BUF_INIT, TEXTFOLD_WORDS_INIT, NULL, 0, 0 }

void similar_settings_default(struct similar_settings *s)
{
	static const double weight[SIMILAR_PARTS] = {
		[SIMILAR_GENRES] = 1,    [SIMILAR_DIRECTORS] = 3,  [SIMILAR_CAST] = 2,
		[SIMILAR_KEYWORDS] = 2,  [SIMILAR_COUNTRIES] = 0.5, [SIMILAR_COLLECTION] = 3,
		[SIMILAR_OVERVIEW] = 2,
	};
	memset(s, 0, sizeof *s);
	memcpy(s->weight, weight, sizeof weight);
	s->k = 5;
	s->min_score = 0.05;
	s->posting_cap = 0;
	s->threads = 2;
}

static int settings_check(const struct similar_settings *s)
{
	double total = 0;
	for (int p = 0; p < SIMILAR_PARTS; p++) {
		if (!isfinite(s->weight[p]) || s->weight[p] < 0) {
			msg_error("similar films: the weight of %s is %g; weights must be 0 or more",
				  part_name[p], s->weight[p]);
			return -1;
		}
		total += s->weight[p];
	}
	if (total <= 0) {
		msg_error("similar films: every weight is 0, so nothing would be compared");
		return -1;
	}
	if (s->k < 1 || s->k > SIMILAR_K_MAX) {
		msg_error("similar films: k is %zu; it must be from 1 to %d", s->k, SIMILAR_K_MAX);
		return -1;
	}
	if (!(s->min_score >= 0 && s->min_score <= 1)) {
		msg_error("similar films: the minimum score is %g; it must be from 0 to 1",
			  s->min_score);
		return -1;
	}
	return 0;
}

static const char *arena_copy(struct similar_arena *a, const char *s, size_t len)
{
	if (len + 1 > a->left) {
		size_t size = len + 1 > ARENA_BLOCK ? len + 1 : ARENA_BLOCK;
		a->block = xgrow(a->block, &a->cap_blocks, a->n_blocks + 1, sizeof *a->block);
		a->next = a->block[a->n_blocks++] = xmalloc(size);
		a->left = size;
	}
	char *copy = a->next;
	memcpy(copy, s, len);
	copy[len] = '\0';
	a->next += len + 1;
	a->left -= len + 1;
	return copy;
}

static void arena_free(struct similar_arena *a)
{
	for (size_t i = 0; i < a->n_blocks; i++)
		free(a->block[i]);
	free(a->block);
	*a = (struct similar_arena){ 0 };
}

/* Appends one item unless its key is empty; the key is folded unless it already is. */
static void collect_item(struct collector *c, int part, const char *name, bool folded, float raw)
{
	const char *key = name;
	size_t len = strlen(name);
	if (!folded) {
		buf_clear(&c->fold);
		textfold_append(&c->fold, name, len);
		key = buf_str(&c->fold);
		len = c->fold.len;
	}
	if (!len)
		return;
	c->item = xgrow(c->item, &c->cap, c->n + 1, sizeof *c->item);
	c->item[c->n++] = (struct item){ c->keys.len, NULL, (uint8_t)part, raw };
	buf_putc(&c->keys, part_letter[part]);
	buf_append(&c->keys, key, len);
	buf_putc(&c->keys, '\0');
}

static void collect_names(struct collector *c, int part, const struct similar_names *names)
{
	for (size_t i = 0; i < names->n; i++) {
		if (!names->name || !names->name[i])
			continue;
		if (part == SIMILAR_CAST && i >= SIMILAR_CAST_MAX)
			break;
		/* The lead counts 1, the second 0.63, the fifth 0.39, the tenth 0.28. */
		float raw = part == SIMILAR_CAST ? (float)(1 / log2(2.0 + (double)i)) : 1;
		collect_item(c, part, names->name[i], false, raw);
	}
}

static int compare_items(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->key, ((const struct item *)b)->key);
}

/*
 * Collects the items of the parts that weigh something, one per feature:
 * repeated words are counted, a repeated name keeps its best billing.
 */
static void collect_film(struct collector *c, const struct similar_film *f, const double *weight)
{
	buf_clear(&c->keys);
	c->n = 0;
	const struct similar_names *lists[SIMILAR_PARTS] = {
		[SIMILAR_GENRES] = &f->genres,       [SIMILAR_DIRECTORS] = &f->directors,
		[SIMILAR_CAST] = &f->cast,           [SIMILAR_KEYWORDS] = &f->keywords,
		[SIMILAR_COUNTRIES] = &f->countries,
	};
	for (int p = 0; p < SIMILAR_PARTS; p++)
		if (lists[p] && weight[p] > 0)
			collect_names(c, p, lists[p]);
	if (f->collection && weight[SIMILAR_COLLECTION] > 0)
		collect_item(c, SIMILAR_COLLECTION, f->collection, false, 1);
	if (f->overview && weight[SIMILAR_OVERVIEW] > 0) {
		textfold_words_split(&c->words, f->overview, 0);
		for (size_t i = 0; i < c->words.n; i++)
			collect_item(c, SIMILAR_OVERVIEW, c->words.word[i], true, 1);
	}
	for (size_t i = 0; i < c->n; i++)
		c->item[i].key = c->keys.data + c->item[i].offset;
	if (c->n > 1)
		qsort(c->item, c->n, sizeof *c->item, compare_items);
	size_t kept = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct item *last = kept ? &c->item[kept - 1] : NULL;
		if (last && strcmp(last->key, c->item[i].key) == 0) {
			if (last->part == SIMILAR_OVERVIEW)
				last->raw += c->item[i].raw;
			else if (c->item[i].raw > last->raw)
				last->raw = c->item[i].raw;
		} else {
			c->item[kept++] = c->item[i];
		}
	}
	c->n = kept;
}

static void collector_free(struct collector *c)
{
	buf_free(&c->keys);
	buf_free(&c->fold);
	textfold_words_free(&c->words);
	free(c->item);
}

static uint32_t feature_find(const struct similar_index *idx, const char *key)
{
	uintptr_t v = (uintptr_t)strmap_get(&idx->features, key);
	return v ? (uint32_t)(v - 1) : NO_FEATURE;
}

struct feature_value {
	uint32_t feature;
	float value;
};

static int compare_by_feature(const void *a, const void *b)
{
	uint32_t x = ((const struct feature_value *)a)->feature, y = ((const struct feature_value *)b)->feature;
	return (x > y) - (x < y);
}

/*
 * A film's vector from its terms: each part to length sqrt(weight), the
 * whole to length 1. Terms of unknown features count in the lengths and are
 * then dropped. Writes the known features, increasing, into out (room for
 * n) and returns their number.
 */
static size_t vector_make(const struct similar_index *idx, const struct term *t, size_t n,
			  double *value, struct feature_value *out)
{
	double norm2[SIMILAR_PARTS] = { 0 };
	for (size_t i = 0; i < n; i++) {
		int p = t[i].part;
		double idf = !part_idf[p]                ? 1
			     : t[i].feature == NO_FEATURE ? idx->idf_unseen
							  : idx->idf[t[i].feature];
		double strength = p == SIMILAR_OVERVIEW ? 1 + log(t[i].raw) : t[i].raw;
		value[i] = strength * idf;
		norm2[p] += value[i] * value[i];
	}
	double total = 0;
	for (int p = 0; p < SIMILAR_PARTS; p++)
		if (norm2[p] > 0)
			total += idx->settings.weight[p];
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].feature == NO_FEATURE)
			continue;
		int p = t[i].part;
		double scale = sqrt(idx->settings.weight[p] / (norm2[p] * total));
		float v = (float)(value[i] * scale);
		if (v > 0) /* the search takes a positive score for a film met */
			out[kept++] = (struct feature_value){ t[i].feature, v };
	}
	qsort(out, kept, sizeof *out, compare_by_feature);
	return kept;
}

struct key_film {
	const char *key; /* borrowed from the corpus */
	uint32_t film;
};

static int compare_keys(const void *a, const void *b)
{
	return strcmp(((const struct key_film *)a)->key, ((const struct key_film *)b)->key);
}

/* Checks the keys and ranks them, for ties. */
static int keys_index(struct similar_index *idx)
{
	struct key_film *order = xmalloc((idx->n_films + 1) * sizeof *order);
	int rc = -1;
	for (size_t i = 0; i < idx->n_films; i++) {
		const char *key = idx->films[i].key;
		if (!key || !*key) {
			msg_error("similar films: film %zu has no key", i + 1);
			goto out;
		}
		uintptr_t before = (uintptr_t)strmap_put(&idx->keys, key, (void *)(uintptr_t)(i + 1));
		if (before) {
			msg_error("similar films: films %zu and %zu have the same key \"%s\"",
				  (size_t)before, i + 1, key);
			goto out;
		}
		order[i] = (struct key_film){ key, (uint32_t)i };
	}
	qsort(order, idx->n_films, sizeof *order, compare_keys);
	idx->key_rank = xmalloc((idx->n_films + 1) * sizeof *idx->key_rank);
	for (size_t r = 0; r < idx->n_films; r++)
		idx->key_rank[order[r].film] = (uint32_t)r;
	rc = 0;
out:
	free(order);
	return rc;
}

/* Feature ids in order of decreasing df (first seen first among equals). */
struct df_order {
	uint32_t df;
	uint32_t first; /* the id in order of first appearance */
};

static int compare_df(const void *a, const void *b)
{
	const struct df_order *x = a, *y = b;
	if (x->df != y->df)
		return x->df < y->df ? 1 : -1;
	return (x->first > y->first) - (x->first < y->first);
}

struct similar_index *similar_index_new(const struct similar_film *films, size_t n,
					const struct similar_settings *settings)
{
	struct similar_index *idx = NULL, *result = NULL;
	struct collector c = COLLECTOR_INIT;
	struct term *terms = NULL;
	size_t n_terms = 0, cap_terms = 0, cap_df = 0, cap_part = 0;
	size_t *term_start = NULL;
	uint32_t *df = NULL, *rename = NULL;
	struct df_order *order = NULL;
	double *scratch = NULL;
	struct feature_value *vec = NULL;

	if (settings_check(settings) != 0)
		return NULL;
	if (n >= UINT32_MAX / 2) {
		msg_error("similar films: %zu films are too many for one index", n);
		return NULL;
	}
	idx = xcalloc(1, sizeof *idx);
	idx->films = films;
	idx->n_films = n;
	idx->settings = *settings;
	if (idx->settings.threads < 1)
		idx->settings.threads = 1;
	if (idx->settings.threads > SIMILAR_THREADS_MAX)
		idx->settings.threads = SIMILAR_THREADS_MAX;
	if (idx->settings.posting_cap == 0)
		idx->settings.posting_cap = SIZE_MAX;
	if (keys_index(idx) != 0)
		goto out;

	/* Every film's items, with features numbered as they first appear. */
	term_start = xmalloc((n + 1) * sizeof *term_start);
	size_t max_terms = 0;
	for (size_t i = 0; i < n; i++) {
		term_start[i] = n_terms;
		collect_film(&c, &films[i], settings->weight);
		for (size_t j = 0; j < c.n; j++) {
			uint32_t f = feature_find(idx, c.item[j].key);
			if (f == NO_FEATURE) {
				f = (uint32_t)idx->n_features++;
				const char *key = arena_copy(&idx->names, c.item[j].key,
							     strlen(c.item[j].key));
				strmap_put(&idx->features, key, (void *)(uintptr_t)(f + 1));
				df = xgrow(df, &cap_df, idx->n_features, sizeof *df);
				idx->part = xgrow(idx->part, &cap_part, idx->n_features,
						  sizeof *idx->part);
				df[f] = 0;
				idx->part[f] = c.item[j].part;
			}
			df[f]++; /* items are unique within a film */
			terms = xgrow(terms, &cap_terms, n_terms + 1, sizeof *terms);
			terms[n_terms++] = (struct term){ f, c.item[j].part, c.item[j].raw };
		}
		if (c.n > max_terms)
			max_terms = c.n;
	}
	term_start[n] = n_terms;

	/* Renumber by decreasing df, so that a vector's common features come first. */
	size_t nf = idx->n_features;
	order = xmalloc((nf + 1) * sizeof *order);
	for (size_t f = 0; f < nf; f++)
		order[f] = (struct df_order){ df[f], (uint32_t)f };
	qsort(order, nf, sizeof *order, compare_df);
	rename = xmalloc((nf + 1) * sizeof *rename);
	uint8_t *part = xmalloc(nf + 1);
	idx->idf = xmalloc((nf + 1) * sizeof *idx->idf);
	for (size_t r = 0; r < nf; r++) {
		uint32_t f = order[r].first;
		rename[f] = (uint32_t)r;
		part[r] = idx->part[f];
		idx->idf[r] = part_idf[part[r]] ? log((1.0 + (double)n) / (1.0 + df[f])) + 1 : 1;
		if (df[f] > idx->settings.posting_cap)
			idx->n_common = r + 1;
	}
	free(idx->part);
	idx->part = part;
	idx->idf_unseen = log(1.0 + (double)n) + 1;
	for (size_t i = 0; i < idx->features.cap; i++) {
		struct strmap_slot *s = &idx->features.slots[i];
		if (s->key)
			s->value = (void *)(uintptr_t)(rename[(uintptr_t)s->value - 1] + 1);
	}
	for (size_t t = 0; t < n_terms; t++)
		terms[t].feature = rename[terms[t].feature];

	/* The vectors, then the postings in film order. */
	idx->vec_start = xmalloc((n + 1) * sizeof *idx->vec_start);
	idx->vec_feature = xmalloc((n_terms + 1) * sizeof *idx->vec_feature);
	idx->vec_value = xmalloc((n_terms + 1) * sizeof *idx->vec_value);
	idx->vec_common = xmalloc((n + 1) * sizeof *idx->vec_common);
	scratch = xmalloc((max_terms + 1) * sizeof *scratch);
	vec = xmalloc((max_terms + 1) * sizeof *vec);
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		idx->vec_start[i] = at;
		size_t len = vector_make(idx, terms + term_start[i], term_start[i + 1] - term_start[i],
					 scratch, vec);
		uint32_t common = 0;
		for (size_t j = 0; j < len; j++, at++) {
			idx->vec_feature[at] = vec[j].feature;
			idx->vec_value[at] = vec[j].value;
			common += vec[j].feature < idx->n_common;
		}
		idx->vec_common[i] = common;
	}
	idx->vec_start[n] = at;
	idx->post_start = xcalloc(nf + 1, sizeof *idx->post_start);
	for (size_t j = 0; j < at; j++)
		idx->post_start[idx->vec_feature[j] + 1]++;
	for (size_t f = 0; f < nf; f++)
		idx->post_start[f + 1] += idx->post_start[f];
	idx->post = xmalloc((at + 1) * sizeof *idx->post);
	idx->max_value = xcalloc(nf + 1, sizeof *idx->max_value);
	size_t *fill = xmalloc((nf + 1) * sizeof *fill);
	memcpy(fill, idx->post_start, nf * sizeof *fill);
	for (size_t i = 0; i < n; i++)
		for (size_t j = idx->vec_start[i]; j < idx->vec_start[i + 1]; j++) {
			uint32_t f = idx->vec_feature[j];
			idx->post[fill[f]++] = (struct similar_posting){ (uint32_t)i, idx->vec_value[j] };
			if (idx->vec_value[j] > idx->max_value[f])
				idx->max_value[f] = idx->vec_value[j];
		}
	free(fill);
	result = idx;
	idx = NULL;
out:
	similar_index_free(idx);
	collector_free(&c);
	free(terms);
	free(term_start);
	free(df);
	free(rename);
	free(order);
	free(scratch);
	free(vec);
	return result;
}

void similar_index_free(struct similar_index *idx)
{
	if (!idx)
		return;
	strmap_free(&idx->keys);
	free(idx->key_rank);
	strmap_free(&idx->features);
	arena_free(&idx->names);
	free(idx->part);
	free(idx->idf);
	free(idx->max_value);
	free(idx->vec_start);
	free(idx->vec_feature);
	free(idx->vec_value);
	free(idx->vec_common);
	free(idx->post_start);
	free(idx->post);
	free(idx);
}

size_t similar_index_query(const struct similar_index *idx, const struct similar_film *film,
			   long released_before, struct similar_match *out)
{
	struct collector c = COLLECTOR_INIT;
	collect_film(&c, film, idx->settings.weight);
	struct term *terms = xmalloc((c.n + 1) * sizeof *terms);
	for (size_t i = 0; i < c.n; i++)
		terms[i] = (struct term){ feature_find(idx, c.item[i].key), c.item[i].part,
					  c.item[i].raw };
	double *scratch = xmalloc((c.n + 1) * sizeof *scratch);
	struct feature_value *vec = xmalloc((c.n + 1) * sizeof *vec);
	size_t len = vector_make(idx, terms, c.n, scratch, vec);
	uint32_t *feature = xmalloc((len + 1) * sizeof *feature);
	float *value = xmalloc((len + 1) * sizeof *value);
	struct similar_vector v = { feature, value, len, 0 };
	for (size_t j = 0; j < len; j++) {
		feature[j] = vec[j].feature;
		value[j] = vec[j].value;
		v.n_common += vec[j].feature < idx->n_common;
	}
	uintptr_t same = film->key ? (uintptr_t)strmap_get(&idx->keys, film->key) : 0;
	struct similar_searcher *s = similar_searcher_new(idx);
	size_t n = similar_searcher_find(s, &v, film->release_day, same ? same - 1 : SIZE_MAX,
					 released_before, out);
	similar_searcher_free(s);
	free(feature);
	free(value);
	free(vec);
	free(scratch);
	free(terms);
	collector_free(&c);
	return n;
}

void similar_index_pair(const struct similar_index *idx, size_t a, size_t b,
			struct similar_match *out)
{
	struct similar_vector v = similar_index_vector(idx, a);
	similar_vector_score(idx, &v, b, out);
}
