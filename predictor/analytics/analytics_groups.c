/* Genres, people and companies, the top films and what they share, ratings (analytics.h). */
#define _GNU_SOURCE
#include "predictor/analytics/analytics.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/strmap.h"
#include "common/text/textfold.h"
#include "common/xalloc.h"

static int year_of(long day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return y;
}

static bool in_period(const struct catalogue_film *f, const struct an_period *p)
{
	return analytics_counts(f) && f->release >= p->from && f->release <= p->to;
}

/*
 * Groups of films by a name: each group keeps its films (catalogue
 * indices) and the name as first spelt; the map holds the keys.
 */
struct group {
	char *key;     /* owned; the folded name, or the person's id */
	char *name;    /* owned; as first spelt */
	size_t *film;  /* owned */
	size_t n, cap;
};

struct groups {
	struct group *g; /* owned */
	size_t n, cap;
	struct strmap index; /* key (borrowed from g) -> group index + 1 */
};

/* Adds film i to the group of key (made when new, named name). */
static void group_add(struct groups *gs, const char *key, const char *name, size_t i)
{
	size_t at = (size_t)(uintptr_t)strmap_get(&gs->index, key);
	if (at == 0) {
		gs->g = xgrow(gs->g, &gs->cap, gs->n + 1, sizeof *gs->g);
		struct group *g = &gs->g[gs->n++];
		memset(g, 0, sizeof *g);
		g->key = xstrdup(key);  /* stays where it is when g moves */
		g->name = xstrdup(name);
		strmap_put(&gs->index, g->key, (void *)(uintptr_t)gs->n);
		at = gs->n;
	}
	struct group *g = &gs->g[at - 1];
	if (g->n && g->film[g->n - 1] == i)
		return; /* a name given twice in one film counts once */
	g->film = xgrow(g->film, &g->cap, g->n + 1, sizeof *g->film);
	g->film[g->n++] = i;
}

static void groups_free(struct groups *gs)
{
	for (size_t k = 0; k < gs->n; k++) {
		free(gs->g[k].key);
		free(gs->g[k].name);
		free(gs->g[k].film);
	}
	free(gs->g);
	strmap_free(&gs->index);
	memset(gs, 0, sizeof *gs);
}

/* Adds film i to the groups of its names, folded. */
static void group_names(struct groups *gs, char *const *names, size_t n, size_t i,
			struct buf *fold)
{
	for (size_t k = 0; k < n; k++) {
		buf_clear(fold);
		textfold_append(fold, names[k], strlen(names[k]));
		if (fold->len)
			group_add(gs, buf_str(fold), names[k], i);
	}
}

/* The outcomes of a group's films that pass keep (NULL: all), summarised. */
static void summarise_films(const struct catalogue_film *films, const size_t *idx, size_t n,
			    bool (*keep)(const struct catalogue_film *, int), int arg,
			    struct an_summary *out)
{
	double *v = xcalloc(n ? n : 1, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!keep || keep(&films[idx[i]], arg))
			v[k++] = films[idx[i]].outcome;
	analytics_summarise(v, k, out);
	free(v);
}

/* ---- genres ---- */

static bool of_year(const struct catalogue_film *f, int year)
{
	return year_of(f->release) == year;
}

static int by_films_then_name(const void *a, const void *b)
{
	const struct an_genre *x = a, *y = b;
	if (x->outcome.n != y->outcome.n)
		return x->outcome.n > y->outcome.n ? -1 : 1;
	return strcmp(x->name, y->name);
}

void analytics_genres(const struct catalogue_film *films, size_t n, struct an_genres *out)
{
	memset(out, 0, sizeof *out);
	analytics_period_all(films, n, &out->period);
	struct groups gs = { 0 };
	struct buf fold = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		if (analytics_counts(&films[i]))
			group_names(&gs, films[i].genres, films[i].n_genres, i, &fold);
	buf_free(&fold);
	if (out->period.films) {
		out->first_year = year_of(out->period.from);
		out->last_year = year_of(out->period.to);
	}
	size_t years = out->period.films ? (size_t)(out->last_year - out->first_year + 1) : 0;
	out->n = gs.n;
	out->genre = xcalloc(gs.n ? gs.n : 1, sizeof *out->genre);
	for (size_t k = 0; k < gs.n; k++) {
		struct an_genre *g = &out->genre[k];
		g->name = xstrdup(gs.g[k].name);
		summarise_films(films, gs.g[k].film, gs.g[k].n, NULL, 0, &g->outcome);
		g->by_year = xcalloc(years ? years : 1, sizeof *g->by_year);
		for (size_t y = 0; y < years; y++)
			summarise_films(films, gs.g[k].film, gs.g[k].n, of_year,
					out->first_year + (int)y, &g->by_year[y]);
	}
	if (out->n > 1)
		qsort(out->genre, out->n, sizeof *out->genre, by_films_then_name);
	groups_free(&gs);
}

void analytics_genres_free(struct an_genres *g)
{
	for (size_t k = 0; k < g->n; k++) {
		free(g->genre[k].name);
		free(g->genre[k].by_year);
	}
	free(g->genre);
	memset(g, 0, sizeof *g);
}

/* ---- people and companies ---- */

static int by_median(const void *a, const void *b)
{
	const struct an_person *x = a, *y = b;
	if (x->outcome.median != y->outcome.median)
		return x->outcome.median > y->outcome.median ? -1 : 1;
	if (x->outcome.n != y->outcome.n)
		return x->outcome.n > y->outcome.n ? -1 : 1;
	return strcmp(x->name, y->name);
}

void analytics_people(const struct catalogue_film *films, size_t n, enum an_role role,
		      const struct an_period *p, size_t min_films, size_t top,
		      struct an_people *out)
{
	memset(out, 0, sizeof *out);
	struct groups gs = { 0 };
	struct buf fold = BUF_INIT;
	char id[32];
	for (size_t i = 0; i < n; i++) {
		const struct catalogue_film *f = &films[i];
		if (!in_period(f, p))
			continue;
		if (role == AN_DIRECTOR)
			for (size_t k = 0; k < f->n_directors; k++) {
				snprintf(id, sizeof id, "%ld", f->director_ids[k]);
				group_add(&gs, id, f->directors[k], i);
			}
		else if (role == AN_ACTOR)
			for (size_t k = 0; k < f->n_cast && k < AN_TOP_CAST; k++) {
				snprintf(id, sizeof id, "%ld", f->cast_ids[k]);
				group_add(&gs, id, f->cast[k], i);
			}
		else if (f->distributor)
			group_names(&gs, (char *const *)&f->distributor, 1, i, &fold);
	}
	buf_free(&fold);
	out->candidates = gs.n;
	out->row = xcalloc(gs.n ? gs.n : 1, sizeof *out->row);
	for (size_t k = 0; k < gs.n; k++) {
		const struct group *g = &gs.g[k];
		if (g->n < min_films)
			continue;
		struct an_person *r = &out->row[out->n++];
		r->name = xstrdup(g->name);
		summarise_films(films, g->film, g->n, NULL, 0, &r->outcome);
		r->best = g->film[0];
		for (size_t j = 1; j < g->n; j++)
			if (films[g->film[j]].outcome > films[r->best].outcome)
				r->best = g->film[j];
	}
	if (out->n > 1)
		qsort(out->row, out->n, sizeof *out->row, by_median);
	if (top && out->n > top) {
		for (size_t k = top; k < out->n; k++)
			free(out->row[k].name);
		out->n = top;
	}
	groups_free(&gs);
}

void analytics_people_free(struct an_people *p)
{
	for (size_t k = 0; k < p->n; k++)
		free(p->row[k].name);
	free(p->row);
	memset(p, 0, sizeof *p);
}

/* ---- the top films and what they share ---- */

enum an_season_of_year analytics_season_of(long day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return m == 12 || m <= 2 ? AN_WINTER : m <= 5 ? AN_SPRING : m <= 8 ? AN_SUMMER : AN_AUTUMN;
}

enum an_budget_band analytics_budget_band(double budget_usd)
{
	if (!(budget_usd > 0))
		return AN_BUDGET_UNKNOWN;
	return budget_usd < 5e6 ? AN_BUDGET_5M : budget_usd < 20e6 ? AN_BUDGET_20M
	       : budget_usd < 50e6 ? AN_BUDGET_50M : budget_usd < 100e6 ? AN_BUDGET_100M
	       : AN_BUDGET_MORE;
}

/* Best outcome first; ties by key, so that the order is stable. */
static int by_outcome(const void *a, const void *b, void *films)
{
	const struct catalogue_film *x = (const struct catalogue_film *)films + *(const size_t *)a;
	const struct catalogue_film *y = (const struct catalogue_film *)films + *(const size_t *)b;
	if (x->outcome != y->outcome)
		return x->outcome > y->outcome ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int by_share(const void *a, const void *b)
{
	const struct an_share *x = a, *y = b;
	if (x->top != y->top)
		return x->top > y->top ? -1 : 1;
	if (x->all != y->all)
		return x->all > y->all ? -1 : 1;
	return strcmp(x->value, y->value);
}

/* The values of one dimension a film has (written into gs under film i). */
static void dimension_values(struct groups *gs, enum an_dimension d,
			     const struct catalogue_film *f, size_t i, struct buf *fold)
{
	char key[16];
	switch (d) {
	case AN_GENRE:
		group_names(gs, f->genres, f->n_genres, i, fold);
		break;
	case AN_COUNTRY:
		group_names(gs, f->countries, f->n_countries, i, fold);
		break;
	case AN_DISTRIBUTOR_OF:
		if (f->distributor)
			group_names(gs, (char *const *)&f->distributor, 1, i, fold);
		break;
	case AN_SEASON:
		snprintf(key, sizeof key, "%d", (int)analytics_season_of(f->release));
		group_add(gs, key, key, i);
		break;
	case AN_BUDGET:
		snprintf(key, sizeof key, "%d", (int)analytics_budget_band(f->budget_usd));
		group_add(gs, key, key, i);
		break;
	case AN_CERTIFICATION:
		if (f->certification)
			group_names(gs, (char *const *)&f->certification, 1, i, fold);
		break;
	case AN_DIMENSIONS:
		break;
	}
}

void analytics_top(const struct catalogue_film *films, size_t n, const struct an_period *p,
		   struct an_top *out)
{
	memset(out, 0, sizeof *out);
	out->period = *p;
	size_t *order = xcalloc(n ? n : 1, sizeof *order);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (in_period(&films[i], p))
			order[m++] = i;
	if (m > 1)
		qsort_r(order, m, sizeof *order, by_outcome, (void *)films);
	out->period_films = m;
	size_t top = (m + 9) / 10;
	out->n_films = top < 10 ? (m < 10 ? m : 10) : top;
	out->films = xcalloc(out->n_films ? out->n_films : 1, sizeof *out->films);
	memcpy(out->films, order, out->n_films * sizeof *out->films);
	bool *is_top = xcalloc(n ? n : 1, sizeof *is_top);
	for (size_t k = 0; k < out->n_films; k++)
		is_top[out->films[k]] = true;
	struct buf fold = BUF_INIT;
	for (enum an_dimension d = 0; d < AN_DIMENSIONS; d++) {
		struct groups gs = { 0 };
		/* in catalogue order, so that each value is spelt as it first appears */
		for (size_t i = 0; i < n; i++)
			if (in_period(&films[i], p))
				dimension_values(&gs, d, &films[i], i, &fold);
		out->share[d] = xcalloc(gs.n ? gs.n : 1, sizeof *out->share[d]);
		out->n_share[d] = gs.n;
		for (size_t k = 0; k < gs.n; k++) {
			struct an_share *s = &out->share[d][k];
			s->value = xstrdup(gs.g[k].name);
			s->all = gs.g[k].n;
			for (size_t j = 0; j < gs.g[k].n; j++)
				s->top += is_top[gs.g[k].film[j]];
		}
		if (gs.n > 1)
			qsort(out->share[d], gs.n, sizeof *out->share[d], by_share);
		groups_free(&gs);
	}
	buf_free(&fold);
	free(is_top);
	free(order);
}

void analytics_top_free(struct an_top *t)
{
	for (int d = 0; d < AN_DIMENSIONS; d++) {
		for (size_t k = 0; k < t->n_share[d]; k++)
			free(t->share[d][k].value);
		free(t->share[d]);
	}
	free(t->films);
	memset(t, 0, sizeof *t);
}

/* ---- ratings ---- */

static int by_rating(const void *a, const void *b, void *films)
{
	const struct catalogue_film *x = (const struct catalogue_film *)films + *(const size_t *)a;
	const struct catalogue_film *y = (const struct catalogue_film *)films + *(const size_t *)b;
	if (x->rating != y->rating)
		return x->rating > y->rating ? -1 : 1;
	return by_outcome(a, b, films);
}

void analytics_ratings(const struct catalogue_film *films, size_t n, size_t top,
		       struct an_ratings *out)
{
	memset(out, 0, sizeof *out);
	analytics_period_all(films, n, &out->period);
	size_t *rated = xcalloc(n ? n : 1, sizeof *rated);
	double *x = xcalloc(n ? n : 1, sizeof *x), *y = xcalloc(n ? n : 1, sizeof *y);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (analytics_counts(&films[i]) && isfinite(films[i].rating)) {
			x[m] = films[i].rating;
			y[m] = films[i].outcome;
			rated[m++] = i;
		}
	out->rated = m;
	out->spearman = analytics_spearman(x, y, m);
	if (m > 1)
		qsort_r(rated, m, sizeof *rated, by_rating, (void *)films);
	out->n_films = m < top ? m : top;
	out->films = rated;
	free(x);
	free(y);
}

void analytics_ratings_free(struct an_ratings *r)
{
	free(r->films);
	memset(r, 0, sizeof *r);
}
