/*
 * A page per film that was a candidate (pages.h): its facts, its latest
 * prediction and why, the actual figure when known, the weeks it was a
 * candidate, and similar films.
 */
#define _GNU_SOURCE
#include "predictor/pages/pages.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/json.h"
#include "common/xalloc.h"
#include "predictor/pages/words.h"

struct film_entry {
	const struct week_film *film;           /* borrowed: its latest summary */
	const struct week_candidate *candidate; /* borrowed: its latest candidacy */
	const char *week;                       /* borrowed: the latest week it was a candidate */
	char **weeks;                           /* owned array of borrowed week labels */
	size_t n_weeks;
	double actual;                          /* national outcome, NAN when unknown */
	cJSON *showing;                         /* owned or NULL; where and when it is on now */
	char **tokens;                          /* owned: genre/director/cast/distributor tokens */
	size_t n_tokens;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct film_entry *)a)->film->key,
		      ((const struct film_entry *)b)->film->key);
}

static void add_tokens(struct film_entry *f, const char *prefix, char **names, size_t n, size_t max)
{
	for (size_t i = 0; i < n && i < max; i++) {
		f->tokens = xrealloc(f->tokens, (f->n_tokens + 1) * sizeof *f->tokens);
		f->tokens[f->n_tokens++] = xasprintf("%s:%s", prefix, names[i]);
	}
}

/* Jaccard similarity of two films' token sets. */
static double similarity(const struct film_entry *a, const struct film_entry *b)
{
	size_t common = 0;
	for (size_t i = 0; i < a->n_tokens; i++)
		for (size_t j = 0; j < b->n_tokens; j++)
			common += strcmp(a->tokens[i], b->tokens[j]) == 0;
	size_t all = a->n_tokens + b->n_tokens - common;
	return all ? (double)common / (double)all : 0;
}

static int film_page(struct store *st, struct page_set *set, const struct page_lang *pl,
		     struct film_entry *films, size_t n, size_t i)
{
	struct film_entry *f = &films[i];
	struct film_info info;
	bool found;
	if (store_film_info(st, f->film->key, &info, &found) != 0)
		return -1;
	const char *slug = f->film->slug;
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "title", f->film->title);
	cJSON_AddStringToObject(p, "layout", "film");
	cJSON_AddBoolToObject(p, "generated", true);
	cJSON_AddStringToObject(p, "slug", slug);
	cJSON_AddStringToObject(p, "date", f->film->release_date);
	cJSON_AddStringToObject(p, "key", f->film->key);
	cJSON_AddStringToObject(p, "release_date", f->film->release_date);
	if (found) {
		if (info.runtime_min > 0)
			cJSON_AddNumberToObject(p, "runtime", info.runtime_min);
		else
			cJSON_AddNullToObject(p, "runtime");
		cJSON_AddItemToObject(p, "genres", json_strings(info.genres, info.n_genres));
		cJSON_AddItemToObject(p, "director", json_strings(info.directors, info.n_directors));
		cJSON_AddItemToObject(p, "cast", json_strings(info.cast, info.n_cast));
		cJSON_AddItemToObject(p, "countries", json_strings(info.countries, info.n_countries));
		cJSON_AddItemToObject(p, "languages", json_strings(info.languages, info.n_languages));
		if (info.distributor)
			cJSON_AddStringToObject(p, "distributor", info.distributor);
		if (info.certification)
			cJSON_AddStringToObject(p, "certification", info.certification);
		if (info.budget_usd > 0)
			cJSON_AddNumberToObject(p, "budget", info.budget_usd);
		if (info.overview)
			cJSON_AddStringToObject(p, "overview", info.overview);
		if (info.tmdb_id > 0)
			cJSON_AddNumberToObject(p, "tmdb_id", (double)info.tmdb_id);
	}
	if (f->film->poster)
		cJSON_AddStringToObject(p, "poster", f->film->poster);
	else
		cJSON_AddNullToObject(p, "poster");
	if (found && info.overview && *info.overview) {
		char *synopsis = content_synopsis(info.overview);
		cJSON_AddStringToObject(p, "synopsis", synopsis);
		free(synopsis);
	}
	if (f->showing)
		cJSON_AddItemToObject(p, "showing", cJSON_Duplicate(f->showing, true));
	if (pl->public_site)
		goto similar; /* no prediction, no outcome, no candidacy on a public site */
	cJSON *m = cJSON_AddObjectToObject(p, "metric");
	cJSON_AddStringToObject(m, "name", pl->metric);
	cJSON_AddStringToObject(m, "label", pl->label);
	cJSON_AddStringToObject(m, "unit", pl->unit);
	cJSON_AddBoolToObject(m, "money", strcmp(pl->unit, "admissions") != 0);
	cJSON *pred = cJSON_AddObjectToObject(p, "prediction");
	json_number(pred, "predicted", f->candidate->predicted, 0);
	json_number(pred, "lower", f->candidate->lower, 0);
	json_number(pred, "upper", f->candidate->upper, 0);
	cJSON_AddStringToObject(pred, "week", f->week);
	cJSON *expl = cJSON_AddArrayToObject(pred, "explanation");
	for (size_t r = 0; r < f->candidate->n_reasons; r++) {
		const struct week_reason *reason = &f->candidate->reasons[r];
		char *text = reason->text ? xstrdup(reason->text)
					  : words_reason(pl->lang, reason->group, reason->effect, reason->unknown);
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "text", text);
		cJSON_AddItemToArray(expl, e);
		free(text);
	}
	json_number(p, "actual", f->actual, 0);
	cJSON_AddItemToObject(p, "weeks", json_strings(f->weeks, f->n_weeks));

similar:;
	/* Similar films: the four closest by genres, director, cast, distributor. */
	size_t best[4];
	double best_score[4];
	size_t n_best = 0;
	for (size_t j = 0; j < n; j++) {
		if (j == i)
			continue;
		double s = similarity(f, &films[j]);
		if (s <= 0)
			continue;
		size_t k = n_best < 4 ? n_best++ : 4;
		while (k > 0 && best_score[k - 1] < s) {
			if (k < 4) {
				best[k] = best[k - 1];
				best_score[k] = best_score[k - 1];
			}
			k--;
		}
		if (k < 4) {
			best[k] = j;
			best_score[k] = s;
		}
	}
	cJSON *similar = cJSON_AddArrayToObject(p, "similar");
	for (size_t k = 0; k < n_best; k++)
		cJSON_AddItemToArray(similar, week_film_json(films[best[k]].film));

	char *rel = xasprintf("films/%s.md", slug);
	int rc = content_put(set, rel, p, "");
	free(rel);
	cJSON_Delete(p);
	if (found)
		film_info_clear(&info);
	return rc;
}

int page_film_write(struct store *st, struct page_set *set, const struct week_record *weeks,
		    const struct page_week_facts *facts, size_t n, const struct page_lang *pl,
		    size_t *n_films)
{
	struct film_entry *films = NULL;
	size_t count = 0, cap = 0;
	int rc = -1;
	/* Every film of every week, with its latest candidacy (a public site:
	 * only the films shown). */
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; c < weeks[i].n_candidates; c++) {
			const struct week_candidate *cand = &weeks[i].candidates[c];
			if (pl->public_site && !cand->picked)
				continue;
			size_t k;
			for (k = 0; k < count && strcmp(films[k].film->key, cand->film.key) != 0; k++)
				;
			if (k == count) {
				films = xgrow(films, &cap, count + 1, sizeof *films);
				memset(&films[count++], 0, sizeof *films);
			}
			struct film_entry *f = &films[k];
			f->film = &cand->film;
			f->candidate = cand;
			f->week = weeks[i].week;
			f->actual = facts[i].actual[c];
			f->weeks = xrealloc(f->weeks, (f->n_weeks + 1) * sizeof *f->weeks);
			f->weeks[f->n_weeks++] = (char *)weeks[i].week;
		}
	/* The films on this week (the latest published): where and when. */
	for (size_t s = 0; n && s < weeks[n - 1].n_picks; s++) {
		const struct week_pick *pick = &weeks[n - 1].picks[s];
		for (size_t k = 0; k < count; k++)
			if (strcmp(films[k].film->key, pick->film.key) == 0 && !films[k].showing) {
				films[k].showing = cJSON_CreateObject();
				cJSON_AddStringToObject(films[k].showing, "week", weeks[n - 1].week);
				cJSON_AddStringToObject(films[k].showing, "screen", pick->screen);
				page_week_showing(films[k].showing, &weeks[n - 1], pick, pl);
			}
	}
	if (count)
		qsort(films, count, sizeof *films, by_key);
	for (size_t i = 0; i < count; i++) {
		struct film_info info;
		bool found;
		if (store_film_info(st, films[i].film->key, &info, &found) != 0)
			goto out;
		if (found) {
			add_tokens(&films[i], "g", info.genres, info.n_genres, 8);
			add_tokens(&films[i], "d", info.directors, info.n_directors, 3);
			add_tokens(&films[i], "c", info.cast, info.n_cast, 4);
			if (info.distributor)
				add_tokens(&films[i], "b", &info.distributor, 1, 1);
			film_info_clear(&info);
		}
	}
	for (size_t i = 0; i < count; i++)
		if (film_page(st, set, pl, films, count, i) != 0)
			goto out;
	cJSON *list = cJSON_CreateObject();
	cJSON_AddStringToObject(list, "title", words_get(pl->lang, W_FILMS_TITLE));
	cJSON_AddBoolToObject(list, "generated", true);
	rc = content_put(set, "films/_index.md", list, "");
	cJSON_Delete(list);
	*n_films = count;
out:
	for (size_t i = 0; i < count; i++) {
		cJSON_Delete(films[i].showing);
		free(films[i].weeks);
		for (size_t t = 0; t < films[i].n_tokens; t++)
			free(films[i].tokens[t]);
		free(films[i].tokens);
	}
	free(films);
	return rc;
}
