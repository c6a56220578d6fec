/*
 * A page per film of the history (pages.h): its facts, and for a film that
 * was a candidate its latest prediction and why, the actual figure when
 * known and the weeks it was a candidate; for every film, the films most
 * like it (predictor/analytics/recommend.h) with why.
 *
 * Every film of analytics.db gets a page, not only the candidates: "if you
 * liked this film" starts from films people have seen, mostly older ones,
 * and each similar film must lead to a page of its own.
 */
#define _GNU_SOURCE
#include "predictor/pages/pages.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/json.h"
#include "common/text/slug.h"
#include "common/strmap.h"
#include "common/xalloc.h"
#include "predictor/words/words.h"

/* A film that was a candidate: its latest candidacy. */
struct film_entry {
	const struct week_film *film;           /* borrowed: its latest summary */
	const struct week_candidate *candidate; /* borrowed: its latest candidacy */
	const char *week;                       /* borrowed: the latest week it was a candidate */
	char **weeks;                           /* owned array of borrowed week labels */
	size_t n_weeks;
	double actual;                          /* national outcome, NAN when unknown */
	cJSON *showing;                         /* owned or NULL; where and when it is on now */
	bool written;                           /* its page was written with its catalogue film */
};

/* ---- naming the pages ---- */

void page_films_name(struct page_films *pf, const struct week_record *weeks, size_t n_weeks)
{
	struct strmap used = STRMAP_INIT, published = STRMAP_INIT;
	pf->slug = xcalloc(pf->n ? pf->n : 1, sizeof *pf->slug);
	/* The slugs published weeks gave their candidates stay theirs, and no
	 * other film may take them. */
	for (size_t w = 0; w < n_weeks; w++)
		for (size_t c = 0; c < weeks[w].n_candidates; c++) {
			const struct week_film *f = &weeks[w].candidates[c].film;
			strmap_put(&published, f->key, f->slug);
			strmap_put(&used, f->slug, f->slug);
		}
	for (size_t i = 0; i < pf->n; i++) {
		const char *slug = strmap_get(&published, pf->films[i].key);
		if (slug)
			pf->slug[i] = xstrdup(slug);
	}
	for (size_t i = 0; i < pf->n; i++) {
		if (pf->slug[i])
			continue;
		/* the slug the store gave it when it was first stored (unique in
		 * analytics.db, bounded); a published film may hold it still, from
		 * before slugs were unique, so a number is added then */
		const struct catalogue_film *film = &pf->films[i];
		char *base;
		if (film->slug && slug_is_valid(film->slug)) {
			base = xstrdup(film->slug);
		} else {
			int y = 0, m, d;
			if (film->release != CATALOGUE_NO_DAY)
				date_to_ymd(film->release, &y, &m, &d);
			base = slug_film(film->title, NULL, y, film->key);
		}
		char *slug = xstrdup(base);
		for (int k = 2; strmap_get(&used, slug); k++) {
			free(slug);
			slug = xasprintf("%s-%d", base, k);
		}
		free(base);
		pf->slug[i] = slug;
		strmap_put(&used, slug, slug);
	}
	strmap_free(&used);
	strmap_free(&published);
}

void page_films_clear(struct page_films *pf)
{
	for (size_t i = 0; pf->slug && i < pf->n; i++)
		free(pf->slug[i]);
	free(pf->slug);
	pf->slug = NULL;
}

/* ---- why ---- */

/* A reason's words: one for a single item shared, another with the count. */
static char *why_words(const char *lang, const struct similar_why *w)
{
	switch (w->reason) {
	case SIMILAR_SHARED_GENRES:
		return w->count > 1 ? words_say(lang, W_WHY_GENRES, (size_t)w->count)
				    : xstrdup(words_get(lang, W_WHY_GENRE));
	case SIMILAR_SAME_DIRECTOR:
		return xstrdup(words_get(lang, W_WHY_DIRECTOR));
	case SIMILAR_SHARED_CAST:
		return w->count > 1 ? words_say(lang, W_WHY_ACTORS, (size_t)w->count)
				    : xstrdup(words_get(lang, W_WHY_ACTOR));
	case SIMILAR_SHARED_KEYWORDS:
		return w->count > 1 ? words_say(lang, W_WHY_KEYWORDS, (size_t)w->count)
				    : xstrdup(words_get(lang, W_WHY_KEYWORD));
	case SIMILAR_SAME_COUNTRY:
		return xstrdup(words_get(lang, W_WHY_COUNTRY));
	case SIMILAR_SAME_COLLECTION:
		return xstrdup(words_get(lang, W_WHY_COLLECTION));
	case SIMILAR_STORY:
		return xstrdup(words_get(lang, W_WHY_STORY));
	}
	return xstrdup("");
}

/*
 * The reasons that bring at least a sixth of the score, three at most,
 * the largest first; the first always.
 */
char *page_similar_why(const char *lang, const struct similar_match *m)
{
	struct buf b = BUF_INIT;
	for (size_t k = 0, said = 0; k < m->n_why && said < 3; k++) {
		if (said && m->why[k].share < m->score / 6)
			break;
		char *w = why_words(lang, &m->why[k]);
		buf_printf(&b, "%s%s", said++ ? ", " : "", w);
		free(w);
	}
	return buf_detach(&b);
}

/* ---- the pages ---- */

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct film_entry *)a)->film->key,
		      ((const struct film_entry *)b)->film->key);
}

/* The film's similar films, each a film summary with why. */
static cJSON *similar_json(const struct page_films *pf, size_t i, const char *lang)
{
	cJSON *list = cJSON_CreateArray();
	size_t n;
	const struct similar_match *m = recommend_film(pf->similar, i, &n);
	for (size_t j = 0; j < n; j++) {
		const struct catalogue_film *o = &pf->films[m[j].film];
		cJSON *s = cJSON_CreateObject();
		char day[11];
		date_format(o->release, day);
		cJSON_AddStringToObject(s, "key", o->key);
		cJSON_AddStringToObject(s, "slug", pf->slug[m[j].film]);
		cJSON_AddStringToObject(s, "title", o->title);
		cJSON_AddStringToObject(s, "release_date", day);
		if (o->poster_path)
			cJSON_AddStringToObject(s, "poster", o->poster_path);
		else
			cJSON_AddNullToObject(s, "poster");
		cJSON_AddItemToObject(s, "genres", json_strings(o->genres, o->n_genres));
		cJSON_AddItemToObject(s, "director", json_strings(o->directors, o->n_directors));
		char *why = page_similar_why(lang, &m[j]);
		cJSON_AddStringToObject(s, "why", why);
		free(why);
		json_number(s, "score", m[j].score, 3);
		cJSON_AddItemToArray(list, s);
	}
	return list;
}

/* The facts of a catalogue film. */
static void add_catalogue_facts(cJSON *p, const struct catalogue_film *f)
{
	if (f->runtime_min > 0)
		cJSON_AddNumberToObject(p, "runtime", f->runtime_min);
	else
		cJSON_AddNullToObject(p, "runtime");
	cJSON_AddItemToObject(p, "genres", json_strings(f->genres, f->n_genres));
	cJSON_AddItemToObject(p, "director", json_strings(f->directors, f->n_directors));
	cJSON_AddItemToObject(p, "cast", json_strings(f->cast, f->n_cast));
	cJSON_AddItemToObject(p, "countries", json_strings(f->countries, f->n_countries));
	cJSON_AddItemToObject(p, "languages", json_strings(f->languages, f->n_languages));
	if (f->distributor)
		cJSON_AddStringToObject(p, "distributor", f->distributor);
	if (f->certification)
		cJSON_AddStringToObject(p, "certification", f->certification);
	if (f->budget_usd > 0)
		cJSON_AddNumberToObject(p, "budget", f->budget_usd);
	if (f->overview)
		cJSON_AddStringToObject(p, "overview", f->overview);
	if (f->overview && *f->overview) {
		char *synopsis = content_synopsis(f->overview);
		cJSON_AddStringToObject(p, "synopsis", synopsis);
		free(synopsis);
	}
	if (f->tmdb_id > 0)
		cJSON_AddNumberToObject(p, "tmdb_id", (double)f->tmdb_id);
}

/* The facts the store has of a candidate the catalogue does not hold. */
static int add_store_facts(struct store *st, cJSON *p, const char *key)
{
	struct film_info info;
	bool found;
	if (store_film_info(st, key, &info, &found) != 0)
		return -1;
	if (!found)
		return 0;
	struct catalogue_film f = {
		.runtime_min = info.runtime_min, .budget_usd = info.budget_usd,
		.certification = info.certification, .distributor = info.distributor,
		.overview = info.overview, .tmdb_id = info.tmdb_id,
		.genres = info.genres, .n_genres = info.n_genres,
		.directors = info.directors, .n_directors = info.n_directors,
		.cast = info.cast, .n_cast = info.n_cast,
		.countries = info.countries, .n_countries = info.n_countries,
		.languages = info.languages, .n_languages = info.n_languages,
	};
	add_catalogue_facts(p, &f);
	film_info_clear(&info);
	return 0;
}

/* What a candidate's page adds: its prediction and why, the actual, its weeks. */
static void add_candidacy(cJSON *p, const struct film_entry *f, const struct page_lang *pl)
{
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
					  : words_reason(pl->lang, reason->group, reason->effect,
								 reason->unknown);
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "text", text);
		cJSON_AddItemToArray(expl, e);
		free(text);
	}
	json_number(p, "actual", f->actual, 0);
	cJSON_AddItemToObject(p, "weeks", json_strings(f->weeks, f->n_weeks));
}

/*
 * One film's page: a catalogue film (cat, its index i), a candidate (entry),
 * or both. The keys and their order are those of CONTENT.md's film page.
 */
static int film_page(struct store *st, struct page_set *set, const struct page_lang *pl,
		     const struct page_films *pf, const struct catalogue_film *cat, size_t i,
		     const struct film_entry *entry)
{
	char day[11] = "";
	const char *title, *slug, *key, *release, *poster;
	if (entry) {
		title = entry->film->title;
		slug = entry->film->slug;
		key = entry->film->key;
		release = entry->film->release_date;
		poster = entry->film->poster;
	} else {
		date_format(cat->release, day);
		title = cat->title;
		slug = pf->slug[i];
		key = cat->key;
		release = day;
		poster = cat->poster_path;
	}
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "title", title);
	/* A film that was never a candidate gets no embed card (the cinema does
	 * not show it) and no schema.org event: a layout of its own. */
	cJSON_AddStringToObject(p, "layout", entry ? "film" : "film-catalogue");
	cJSON_AddBoolToObject(p, "generated", true);
	cJSON_AddStringToObject(p, "slug", slug);
	cJSON_AddStringToObject(p, "date", release);
	cJSON_AddStringToObject(p, "key", key);
	cJSON_AddStringToObject(p, "release_date", release);
	int rc = 0;
	if (cat)
		add_catalogue_facts(p, cat);
	else
		rc = add_store_facts(st, p, key);
	if (poster)
		cJSON_AddStringToObject(p, "poster", poster);
	else
		cJSON_AddNullToObject(p, "poster");
	if (entry && entry->showing)
		cJSON_AddItemToObject(p, "showing", cJSON_Duplicate(entry->showing, true));
	/* no prediction, no outcome, no candidacy on a public site */
	if (entry && !pl->public_site)
		add_candidacy(p, entry, pl);
	cJSON_AddItemToObject(p, "similar", cat ? similar_json(pf, i, pl->lang) : cJSON_CreateArray());
	if (rc == 0) {
		char *rel = xasprintf("films/%s.md", slug);
		rc = content_put(set, rel, p, "");
		free(rel);
	}
	cJSON_Delete(p);
	return rc;
}

int page_film_write(struct store *st, struct page_set *set, const struct week_record *weeks,
		    const struct page_week_facts *facts, size_t n, const struct page_films *pf,
		    const struct page_lang *pl, size_t *n_films)
{
	struct film_entry *films = NULL;
	size_t count = 0, cap = 0;
	struct strmap by_film = STRMAP_INIT;
	int rc = -1;
	*n_films = 0;
	/* Every film of every week, with its latest candidacy (a public site:
	 * only the films shown). */
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; c < weeks[i].n_candidates; c++) {
			const struct week_candidate *cand = &weeks[i].candidates[c];
			if (pl->public_site && !cand->picked)
				continue;
			size_t k = (size_t)(uintptr_t)strmap_get(&by_film, cand->film.key);
			if (k == 0) {
				films = xgrow(films, &cap, count + 1, sizeof *films);
				memset(&films[count++], 0, sizeof *films);
				k = count;
				strmap_put(&by_film, cand->film.key, (void *)(uintptr_t)k);
			}
			struct film_entry *f = &films[k - 1];
			f->film = &cand->film;
			f->candidate = cand;
			f->week = weeks[i].week;
			f->actual = facts[i].actual[c];
			f->weeks = xrealloc(f->weeks, (f->n_weeks + 1) * sizeof *f->weeks);
			f->weeks[f->n_weeks++] = (char *)weeks[i].week;
		}
	strmap_free(&by_film);
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
	/* The candidates again, by key, now that they are sorted. */
	for (size_t k = 0; k < count; k++)
		strmap_put(&by_film, films[k].film->key, &films[k]);
	for (size_t i = 0; i < pf->n; i++) {
		struct film_entry *entry = strmap_get(&by_film, pf->films[i].key);
		if (entry)
			entry->written = true;
		if (film_page(st, set, pl, pf, &pf->films[i], i, entry) != 0)
			goto out;
	}
	/* A published candidate whose film the store no longer holds keeps its page. */
	for (size_t k = 0; k < count; k++)
		if (!films[k].written && film_page(st, set, pl, pf, NULL, 0, &films[k]) != 0)
			goto out;
	*n_films = pf->n;
	for (size_t k = 0; k < count; k++)
		*n_films += !films[k].written;
	rc = 0;
out:
	strmap_free(&by_film);
	for (size_t i = 0; i < count; i++) {
		cJSON_Delete(films[i].showing);
		free(films[i].weeks);
	}
	free(films);
	return rc;
}
