/* The similar films of the catalogue, their settings and their quality (recommend.h). */
#include "predictor/analytics/recommend.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/strmap.h"
#include "common/text/textfold.h"
#include "common/xalloc.h"

/* The keys under similar.weights, in the engine's order of parts. */
static const char *const weight_key[SIMILAR_PARTS] = {
	[SIMILAR_GENRES] = "genres",       [SIMILAR_DIRECTORS] = "director",
	[SIMILAR_CAST] = "cast",           [SIMILAR_KEYWORDS] = "keywords",
	[SIMILAR_COUNTRIES] = "countries", [SIMILAR_COLLECTION] = "collection",
	[SIMILAR_OVERVIEW] = "overview",
};

#define WEIGHT_MAX 100
#define COUNT_MAX 20

int recommend_settings(const struct config *cfg, struct similar_settings *s)
{
	similar_settings_default(s);
	long count;
	if (config_long(cfg, "similar.count", 5, 1, COUNT_MAX, &count) != 0 ||
	    config_double(cfg, "similar.min_score", s->min_score, 0, 1, &s->min_score) != 0)
		return -1;
	s->k = (size_t)count;
	const struct ytree *weights = config_node(cfg, "similar.weights");
	if (!weights)
		return 0;
	if (weights->type != YTREE_MAP) {
		config_error(cfg, weights, "similar.weights",
			     "expected a mapping of parts to weights (genres: 1, director: 3...)");
		return -1;
	}
	double total = 0;
	for (int p = 0; p < SIMILAR_PARTS; p++) {
		char *key = xasprintf("similar.weights.%s", weight_key[p]);
		int rc = config_double(cfg, key, s->weight[p], 0, WEIGHT_MAX, &s->weight[p]);
		free(key);
		if (rc != 0)
			return -1;
		total += s->weight[p];
	}
	if (total <= 0) {
		config_error(cfg, weights, "similar.weights",
			     "every weight is 0, so no two films could be compared");
		return -1;
	}
	return 0;
}

static struct similar_names names_of(char **names, size_t n)
{
	return (struct similar_names){ (const char *const *)names, n };
}

/* Is a folded word a sequel's number (2 to 9, II to X)? */
static bool sequel_number(const char *w)
{
	static const char *const roman[] = { "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x" };
	if (w[0] >= '2' && w[0] <= '9' && !w[1])
		return true;
	for (size_t i = 0; i < sizeof roman / sizeof *roman; i++)
		if (strcmp(w, roman[i]) == 0)
			return true;
	return false;
}

char *recommend_title_franchise(const char *title)
{
	static const char *const cuts[] = { ":", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", "(" };
	size_t len = strlen(title);
	bool marked = false;
	for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
		const char *at = strstr(title, cuts[c]);
		if (at && (size_t)(at - title) < len) {
			len = (size_t)(at - title);
			marked = true;
		}
	}
	struct buf b = BUF_INIT;
	textfold_append(&b, title, len);
	char *stem = buf_detach(&b);
	/* drop the sequel number at the end: "les trolls 3" */
	for (;;) {
		char *space = strrchr(stem, ' ');
		const char *last = space ? space + 1 : stem;
		if (!space || !sequel_number(last))
			break;
		*space = '\0';
		marked = true;
	}
	if (!marked || strlen(stem) < 3) {
		free(stem);
		return NULL;
	}
	return stem;
}

/*
 * Each film's franchise: its collection, or the franchise its title names
 * when another film's title names it too (a lone "Drive (2011)" is none).
 */
static char **franchises(const struct catalogue_film *films, size_t n)
{
	char **out = xcalloc(n ? n : 1, sizeof *out);
	char **stem = xcalloc(n ? n : 1, sizeof *stem);
	struct strmap count = STRMAP_INIT;
	for (size_t i = 0; i < n; i++) {
		if (films[i].collection)
			continue;
		stem[i] = recommend_title_franchise(films[i].title);
		if (stem[i])
			strmap_put(&count, stem[i],
				   (void *)((uintptr_t)strmap_get(&count, stem[i]) + 1));
	}
	for (size_t i = 0; i < n; i++) {
		if (films[i].collection)
			out[i] = xstrdup(films[i].collection);
		else if (stem[i] && (uintptr_t)strmap_get(&count, stem[i]) > 1)
			out[i] = xstrdup(stem[i]);
	}
	strmap_free(&count);
	for (size_t i = 0; i < n; i++)
		free(stem[i]);
	free(stem);
	return out;
}

struct recommend *recommend_new(const struct catalogue_film *films, size_t n,
				const struct similar_settings *s)
{
	struct recommend *r = xcalloc(1, sizeof *r);
	r->n = n;
	r->corpus = xcalloc(n ? n : 1, sizeof *r->corpus);
	r->franchise = franchises(films, n);
	for (size_t i = 0; i < n; i++) {
		const struct catalogue_film *f = &films[i];
		r->corpus[i] = (struct similar_film){
			.key = f->key,
			.title = f->title,
			.genres = names_of(f->genres, f->n_genres),
			.directors = names_of(f->directors, f->n_directors),
			.cast = names_of(f->cast, f->n_cast),
			.keywords = names_of(f->keywords, f->n_keywords),
			.countries = names_of(f->countries, f->n_countries),
			.collection = r->franchise[i],
			.overview = f->overview,
			.release_day = f->release,
		};
	}
	r->index = similar_index_new(r->corpus, n, s);
	if (!r->index) {
		recommend_free(r);
		return NULL;
	}
	r->table = similar_table_new(r->index);
	return r;
}

void recommend_free(struct recommend *r)
{
	if (!r)
		return;
	similar_table_free(r->table);
	similar_index_free(r->index);
	for (size_t i = 0; r->franchise && i < r->n; i++)
		free(r->franchise[i]);
	free(r->franchise);
	free(r->corpus);
	free(r);
}

const struct similar_match *recommend_film(const struct recommend *r, size_t i, size_t *n)
{
	return similar_table_film(r->table, i, n);
}

size_t recommend_lookup(const struct catalogue_film *films, size_t n, const char *text,
			size_t *out, size_t max)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(films[i].key, text) == 0) {
			if (max)
				out[0] = i;
			return 1;
		}
	char *want = textfold_copy(text);
	struct buf fold = BUF_INIT;
	size_t count = 0;
	for (size_t i = 0; i < n && *want; i++) {
		buf_clear(&fold);
		textfold_append(&fold, films[i].title, strlen(films[i].title));
		if (strcmp(buf_str(&fold), want) == 0) {
			if (count < max)
				out[count] = i;
			count++;
		}
	}
	buf_free(&fold);
	free(want);
	return count;
}

/* ---- quality ---- */

/* Does film f have the (folded) genre g among its genres? */
static bool has_genre(const struct catalogue_film *f, const char *g, struct buf *fold)
{
	for (size_t i = 0; i < f->n_genres; i++) {
		buf_clear(fold);
		textfold_append(fold, f->genres[i], strlen(f->genres[i]));
		if (strcmp(buf_str(fold), g) == 0)
			return true;
	}
	return false;
}

/* Do films a and b share a director (the same person)? */
static bool same_director(const struct catalogue_film *a, const struct catalogue_film *b)
{
	for (size_t i = 0; i < a->n_directors; i++)
		for (size_t j = 0; j < b->n_directors; j++)
			if (a->director_ids[i] == b->director_ids[j])
				return true;
	return false;
}

/* Counts, per key, the films that have it: value = count, stored as a pointer. */
static void count_key(struct strmap *m, const char *key)
{
	uintptr_t c = (uintptr_t)strmap_get(m, key);
	strmap_put(m, key, (void *)(c + 1));
}

static char *key_of(struct buf *b, char kind, const char *name)
{
	buf_clear(b);
	buf_printf(b, "%c%s", kind, name);
	return xstrdup(buf_str(b));
}

void recommend_quality(const struct recommend *r, const struct catalogue_film *films,
		       struct recommend_quality *q)
{
	memset(q, 0, sizeof *q);
	q->films = r->n;
	q->k = r->table ? r->table->k : 0;
	struct buf fold = BUF_INIT, key = BUF_INIT;
	/* Each film's folded genres once (duplicates dropped), for the base
	 * rate; directors' and franchises' film counts, to know who has kin.
	 * The keys live in keys until the end (the maps borrow them). */
	char **main_genre = xcalloc(r->n ? r->n : 1, sizeof *main_genre);
	char **keys = NULL;
	size_t n_keys = 0, cap_keys = 0;
	struct strmap counts = STRMAP_INIT;
	for (size_t i = 0; i < r->n; i++) {
		const struct catalogue_film *f = &films[i];
		size_t first = n_keys;
		for (size_t g = 0; g < f->n_genres; g++) {
			buf_clear(&fold);
			textfold_append(&fold, f->genres[g], strlen(f->genres[g]));
			char *k = key_of(&key, 'g', buf_str(&fold));
			bool seen = !fold.len;
			for (size_t j = first; j < n_keys && !seen; j++)
				seen = strcmp(keys[j], k) == 0;
			if (seen) {
				free(k);
				continue;
			}
			keys = xgrow(keys, &cap_keys, n_keys + 1, sizeof *keys);
			keys[n_keys++] = k;
			count_key(&counts, k);
			if (!main_genre[i])
				main_genre[i] = k;
		}
		for (size_t d = 0; d < f->n_directors; d++) {
			char id[32];
			snprintf(id, sizeof id, "%ld", f->director_ids[d]);
			keys = xgrow(keys, &cap_keys, n_keys + 1, sizeof *keys);
			keys[n_keys] = key_of(&key, 'd', id);
			count_key(&counts, keys[n_keys++]);
		}
		if (r->franchise[i]) {
			keys = xgrow(keys, &cap_keys, n_keys + 1, sizeof *keys);
			keys[n_keys] = key_of(&key, 'c', r->franchise[i]);
			count_key(&counts, keys[n_keys++]);
		}
	}
	double share_sum = 0, base_sum = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct catalogue_film *f = &films[i];
		size_t n;
		const struct similar_match *m = recommend_film(r, i, &n);
		bool director_kin = false, franchise_kin = false;
		for (size_t d = 0; d < f->n_directors && !director_kin; d++) {
			char id[32];
			snprintf(id, sizeof id, "%ld", f->director_ids[d]);
			char *k = key_of(&key, 'd', id);
			director_kin = (uintptr_t)strmap_get(&counts, k) > 1;
			free(k);
		}
		if (r->franchise[i]) {
			char *k = key_of(&key, 'c', r->franchise[i]);
			franchise_kin = (uintptr_t)strmap_get(&counts, k) > 1;
			free(k);
		}
		bool by_director = false, by_franchise = false;
		for (size_t j = 0; j < n; j++) {
			size_t o = m[j].film;
			by_director |= director_kin && same_director(f, &films[o]);
			by_franchise |= franchise_kin && r->franchise[o] &&
					strcmp(r->franchise[i], r->franchise[o]) == 0;
		}
		q->with_director += director_kin;
		q->director_found += by_director;
		q->with_franchise += franchise_kin;
		q->franchise_found += by_franchise;
		q->with_kin += director_kin || franchise_kin;
		q->kin_found += by_director || by_franchise;
		if (!main_genre[i] || n == 0)
			continue;
		q->with_genre++;
		size_t same = 0;
		for (size_t j = 0; j < n; j++)
			same += has_genre(&films[m[j].film], main_genre[i] + 1, &fold);
		q->genre_any += same > 0;
		share_sum += (double)same / (double)n;
		uintptr_t others = (uintptr_t)strmap_get(&counts, main_genre[i]) - 1;
		base_sum += r->n > 1 ? (double)others / (double)(r->n - 1) : 0;
	}
	if (q->with_genre) {
		q->genre_share = share_sum / (double)q->with_genre;
		q->genre_base = base_sum / (double)q->with_genre;
	}
	strmap_free(&counts);
	for (size_t k = 0; k < n_keys; k++)
		free(keys[k]);
	free(keys);
	free(main_genre);
	buf_free(&fold);
	buf_free(&key);
}
