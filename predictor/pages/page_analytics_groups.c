/*
 * The analytics pages of groups of films (page_analytics.h): genres,
 * people and companies, and the top films with what they share and the
 * best rated by viewers.
 */
#define _GNU_SOURCE
#include "predictor/pages/page_analytics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

/* Genres drawn and the genres of the trend, at most. */
#define GENRES_DRAWN 6
#define GENRES_TREND 3
#define GENRES_TABLE 8
/* People per table, and drawn (the chart's labels need room). */
#define PEOPLE_TOP 10
#define PEOPLE_DRAWN 6
/* The films listed in the top and in the best rated. */
#define TOP_LISTED 20
#define RATED_LISTED 10
#define TOP_DRAWN 6
/* Values of a trait shown. */
#define SHARES_SHOWN 6

static const char *const styles[] = { "predicted", "actual", "other" };

/* ---- genres ---- */

int page_analytics_genres(struct page_set *set, const struct an_ctx *c)
{
	const char *lang = c->lang;
	struct an_genres g;
	analytics_genres(c->pf->films, c->pf->n, &g);
	cJSON *page = an_page(c, words_get(lang, W_AN_GENRES_TITLE), &g.period);
	if (!g.period.films) {
		analytics_genres_free(&g);
		return an_put(set, "genres", page);
	}
	size_t few = 0;
	for (size_t k = 0; k < g.n; k++)
		few += g.genre[k].outcome.n < 3;
	char *n_few = an_count(c, (double)few);
	char *rests = words_say(lang, W_AN_GENRE_REST, n_few);
	free(n_few);

	/* c1: each genre's median and middle half, the most common first */
	static const enum word cols[] = { W_AN_COL_GENRE, W_AN_COL_FILMS, W_AN_COL_MEDIAN,
					  W_AN_COL_MIDDLE, W_AN_COL_MEAN };
	char *text = words_say(lang, W_AN_GENRE_TEXT, c->label);
	cJSON *b = an_block(page, 1, words_get(lang, W_AN_GENRE_TITLE), text, rests);
	free(text);
	free(rests);
	char *title = words_say(lang, W_AN_GENRE_CHART, c->label);
	cJSON *chart = content_chart("bar", title, words_get(lang, W_AN_GENRE_TITLE),
				     words_get(lang, W_AN_COL_GENRE), c->label, false);
	free(title);
	cJSON *pts = content_series(chart, words_get(lang, W_AN_SERIES_MEDIAN), "predicted");
	cJSON *rows = an_table(b, NULL, lang, cols, 5, 0x1e);
	size_t drawn = 0;
	for (size_t k = 0; k < g.n; k++) {
		const struct an_genre *x = &g.genre[k];
		if (x->outcome.n < 3)
			continue;
		if (drawn++ < GENRES_DRAWN)
			cJSON_AddItemToArray(pts, content_point_label(x->name, x->outcome.median,
								      x->outcome.q1, x->outcome.q3));
		cJSON *cells = an_row(rows);
		an_text(cells, x->name, NULL);
		an_int(cells, (double)x->outcome.n);
		an_int(cells, x->outcome.median);
		an_range(cells, c, x->outcome.q1, x->outcome.q3);
		an_int(cells, x->outcome.mean);
	}
	an_chart(page, 1, chart);

	/* c2: the most common genres year by year */
	text = words_say(lang, W_AN_TREND_TEXT, c->label);
	b = an_block(page, 2, words_get(lang, W_AN_TREND_TITLE), text, NULL);
	free(text);
	title = words_say(lang, W_AN_TREND_CHART, c->label);
	chart = content_chart("line", title, words_get(lang, W_AN_TREND_TITLE),
			      words_get(lang, W_AN_AXIS_YEAR), c->label, false);
	free(title);
	size_t years = (size_t)(g.last_year - g.first_year + 1);
	for (size_t k = 0; k < g.n && k < GENRES_TREND; k++) {
		pts = content_series(chart, g.genre[k].name, styles[k]);
		for (size_t y = 0; y < years; y++) {
			char label[16];
			snprintf(label, sizeof label, "%d", g.first_year + (int)y);
			/* a year without the genre's films is a gap in the table, a
			 * point of 0 would be a lie: it gets no point */
			if (g.genre[k].by_year[y].n)
				cJSON_AddItemToArray(pts, content_point_label(
								  label, g.genre[k].by_year[y].median, NAN,
								  NAN));
		}
	}
	if (g.n == 0)
		content_series(chart, words_get(lang, W_AN_SERIES_MEDIAN), "predicted");
	/* the table: a genre per row, a year per column (films in parentheses) */
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "caption", "");
	cJSON *colums = cJSON_AddArrayToObject(t, "columns");
	cJSON *head = cJSON_CreateObject();
	cJSON_AddStringToObject(head, "label", words_get(lang, W_AN_COL_GENRE));
	cJSON_AddBoolToObject(head, "num", false);
	cJSON_AddItemToArray(colums, head);
	for (size_t y = 0; y < years; y++) {
		char label[16];
		snprintf(label, sizeof label, "%d", g.first_year + (int)y);
		head = cJSON_CreateObject();
		cJSON_AddStringToObject(head, "label", label);
		cJSON_AddBoolToObject(head, "num", true);
		cJSON_AddItemToArray(colums, head);
	}
	cJSON_AddItemToArray(cJSON_GetObjectItem(b, "tables"), t);
	rows = cJSON_AddArrayToObject(t, "rows");
	for (size_t k = 0; k < g.n && k < GENRES_TABLE; k++) {
		cJSON *cells = an_row(rows);
		an_text(cells, g.genre[k].name, NULL);
		for (size_t y = 0; y < years; y++)
			an_int_n(cells, g.genre[k].by_year[y].median, g.genre[k].by_year[y].n);
	}
	an_chart(page, 2, chart);
	analytics_genres_free(&g);
	return an_put(set, "genres", page);
}

/* ---- people and companies ---- */

/* A table of one role's best over a period. */
static void people_table(cJSON *block, const struct an_ctx *c, const struct an_people *p,
			 const struct an_period *period)
{
	static const enum word cols[] = { W_AN_COL_RANK, W_AN_COL_NAME, W_AN_COL_FILMS,
					  W_AN_COL_MEDIAN, W_AN_COL_MIDDLE, W_AN_COL_BEST };
	char *from = words_date(c->lang, period->from), *to = words_date(c->lang, period->to);
	char *caption = words_say(c->lang, W_AN_FROM_TO, from, to);
	cJSON *rows = an_table(block, caption, c->lang, cols, 6, 0x1d);
	free(caption);
	free(from);
	free(to);
	for (size_t k = 0; k < p->n; k++) {
		cJSON *cells = an_row(rows);
		an_int(cells, (double)(k + 1));
		an_text(cells, p->row[k].name, NULL);
		an_int(cells, (double)p->row[k].outcome.n);
		an_int(cells, p->row[k].outcome.median);
		an_range(cells, c, p->row[k].outcome.q1, p->row[k].outcome.q3);
		an_film(cells, c, p->row[k].best);
	}
	if (p->n == 0) {
		cJSON *cells = an_row(rows);
		an_text(cells, words_get(c->lang, W_AN_PEOPLE_NONE), NULL);
	}
}

static void people_block(cJSON *page, int slot, const struct an_ctx *c, enum an_role role,
			 const struct an_period *recent)
{
	const char *lang = c->lang;
	static const enum word titles[] = { W_AN_DIRECTORS_TITLE, W_AN_ACTORS_TITLE,
					    W_AN_DISTRIBUTORS_TITLE };
	struct an_people all, last;
	analytics_people(c->pf->films, c->pf->n, role, &c->all, 3, PEOPLE_TOP, &all);
	analytics_people(c->pf->films, c->pf->n, role, recent, 3, PEOPLE_TOP, &last);
	/* how many reach three films, out of how many */
	struct an_people every, every_last;
	analytics_people(c->pf->films, c->pf->n, role, &c->all, 3, 0, &every);
	analytics_people(c->pf->films, c->pf->n, role, recent, 3, 0, &every_last);
	char *n3 = words_count(lang, (double)every.n), *n = words_count(lang, (double)every.candidates);
	char *n3_last = words_count(lang, (double)every_last.n);
	char *rests = words_say(lang, W_AN_PEOPLE_REST, n3, n, n3_last);
	free(n3);
	free(n);
	free(n3_last);
	char *text = words_say(lang, role == AN_ACTOR ? W_AN_ACTORS_TEXT : W_AN_PEOPLE_TEXT, c->label);
	cJSON *b = an_block(page, slot, words_get(lang, titles[role]), text, rests);
	free(text);
	free(rests);
	char *from = words_date(lang, c->all.from), *to = words_date(lang, c->all.to);
	char *span = words_say(lang, W_AN_FROM_TO, from, to);
	char *title = words_say(lang, W_AN_PEOPLE_CHART, c->label, span);
	cJSON *chart = content_chart("bar", title, words_get(lang, titles[role]),
				     words_get(lang, W_AN_COL_NAME), c->label, false);
	free(title);
	free(span);
	free(from);
	free(to);
	cJSON *pts = content_series(chart, words_get(lang, W_AN_SERIES_MEDIAN), "predicted");
	for (size_t k = 0; k < all.n && k < PEOPLE_DRAWN; k++)
		cJSON_AddItemToArray(pts, content_point_label(all.row[k].name, all.row[k].outcome.median,
							      all.row[k].outcome.q1,
							      all.row[k].outcome.q3));
	an_chart(page, slot, chart);
	people_table(b, c, &all, &c->all);
	people_table(b, c, &last, recent);
	analytics_people_free(&all);
	analytics_people_free(&last);
	analytics_people_free(&every);
	analytics_people_free(&every_last);
}

int page_analytics_people(struct page_set *set, const struct an_ctx *c)
{
	cJSON *page = an_page(c, words_get(c->lang, W_AN_PEOPLE_TITLE), &c->all);
	if (!c->all.films)
		return an_put(set, "people", page);
	/* the last three years: 3 x 365 days and the leap day they may hold */
	struct an_period recent;
	analytics_period_last(c->pf->films, c->pf->n, 3 * 365 + 1, &recent);
	people_block(page, 1, c, AN_DIRECTOR, &recent);
	people_block(page, 2, c, AN_ACTOR, &recent);
	people_block(page, 3, c, AN_DISTRIBUTOR, &recent);
	return an_put(set, "people", page);
}

/* ---- the top films and what they share ---- */

static char *date_of(const struct an_ctx *c, long day)
{
	return words_date(c->lang, day);
}

/* The value of a trait as people read it. */
static const char *share_value(const struct an_ctx *c, enum an_dimension d, const char *value)
{
	static const enum word seasons[] = { W_AN_WINTER, W_AN_SPRING, W_AN_SUMMER, W_AN_AUTUMN };
	static const enum word budgets[] = { W_AN_BUDGET_UNKNOWN, W_AN_BUDGET_5M, W_AN_BUDGET_20M,
					     W_AN_BUDGET_50M, W_AN_BUDGET_100M, W_AN_BUDGET_MORE };
	int k = atoi(value);
	if (d == AN_SEASON && k >= 0 && k < 4)
		return words_get(c->lang, seasons[k]);
	if (d == AN_BUDGET && k >= 0 && k < 6)
		return words_get(c->lang, budgets[k]);
	return value;
}

static void top_list(cJSON *page, const struct an_ctx *c)
{
	const char *lang = c->lang;
	struct an_period year;
	analytics_period_last(c->pf->films, c->pf->n, 365, &year);
	struct an_top t;
	analytics_top(c->pf->films, c->pf->n, &year, &t);
	size_t listed = t.n_films < TOP_LISTED ? t.n_films : TOP_LISTED;
	char *n = words_count(lang, (double)listed);
	char *from = date_of(c, year.from), *to = date_of(c, year.to);
	char *text = words_say(lang, W_AN_TOPLIST_TEXT, n, c->label, from, to);
	cJSON *b = an_block(page, 1, words_get(lang, W_AN_TOPLIST_TITLE), text, NULL);
	free(text);
	free(n);
	free(from);
	free(to);
	cJSON *chart = content_chart("bar", words_get(lang, W_AN_TOPLIST_CHART),
				     words_get(lang, W_AN_TOPLIST_TITLE), words_get(lang, W_FILM),
				     c->label, false);
	cJSON *pts = content_series(chart, c->label, "actual");
	static const enum word cols[] = { W_AN_COL_RANK, W_FILM, W_AN_COL_RELEASED, W_AN_COL_MEDIAN,
					  W_AN_COL_GENRE, W_AN_COL_DISTRIBUTOR };
	cJSON *rows = an_table(b, NULL, lang, cols, 6, 0x9);
	char *label = an_capital(c->label);
	/* the column of figures is the metric itself, not a median */
	cJSON *col = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
		cJSON_GetObjectItem(b, "tables"), 0), "columns"), 3);
	cJSON_ReplaceItemInObject(col, "label", cJSON_CreateString(label));
	for (size_t k = 0; k < listed; k++) {
		const struct catalogue_film *f = &c->pf->films[t.films[k]];
		if (k < TOP_DRAWN)
			cJSON_AddItemToArray(pts, content_point_label(f->title, f->outcome, NAN, NAN));
		cJSON *cells = an_row(rows);
		an_int(cells, (double)(k + 1));
		an_film(cells, c, t.films[k]);
		char *day = date_of(c, f->release);
		an_text(cells, day, NULL);
		free(day);
		an_int(cells, f->outcome);
		an_text(cells, f->n_genres ? f->genres[0] : NULL, NULL);
		an_text(cells, f->distributor, NULL);
	}
	free(label);
	an_chart(page, 1, chart);
	analytics_top_free(&t);
}

static void share_block(cJSON *page, const struct an_ctx *c)
{
	const char *lang = c->lang;
	struct an_top t;
	analytics_top(c->pf->films, c->pf->n, &c->all, &t);
	char *top = words_count(lang, (double)t.n_films), *all = words_count(lang, (double)t.period_films);
	char *from = date_of(c, c->all.from), *to = date_of(c, c->all.to);
	char *text = words_say(lang, W_AN_SHARE_TEXT, top, c->label, all, from, to);
	cJSON *b = an_block(page, 2, words_get(lang, W_AN_SHARE_TITLE), text, NULL);
	free(text);
	free(top);
	free(all);
	free(from);
	free(to);
	double n_top = (double)(t.n_films ? t.n_films : 1);
	double n_all = (double)(t.period_films ? t.period_films : 1);
	cJSON *chart = content_chart("bar", words_get(lang, W_AN_SHARE_CHART),
				     words_get(lang, W_AN_SHARE_TITLE), words_get(lang, W_AN_COL_GENRE),
				     words_get(lang, W_AN_AXIS_SHARE), false);
	cJSON *top_pts = content_series(chart, words_get(lang, W_AN_SERIES_TOP), "actual");
	cJSON *all_pts = content_series(chart, words_get(lang, W_AN_SERIES_ALL), "other");
	static const enum word heads[AN_DIMENSIONS] = { W_AN_COL_GENRE, W_AN_COL_COUNTRY,
							W_AN_COL_DISTRIBUTOR, W_AN_COL_SEASON,
							W_AN_COL_BUDGET, W_AN_COL_CERTIFICATION };
	for (enum an_dimension d = 0; d < AN_DIMENSIONS; d++) {
		if (!t.n_share[d])
			continue;
		enum word cols[] = { heads[d], W_AN_COL_TOP, W_AN_COL_ALL };
		cJSON *rows = an_table(b, NULL, lang, cols, 3, 0x6);
		for (size_t k = 0; k < t.n_share[d] && k < SHARES_SHOWN; k++) {
			const struct an_share *s = &t.share[d][k];
			const char *value = share_value(c, d, s->value);
			if (d == AN_GENRE) {
				cJSON_AddItemToArray(top_pts, content_point_label(
								      value, 100 * (double)s->top / n_top,
								      NAN, NAN));
				cJSON_AddItemToArray(all_pts, content_point_label(
								      value, 100 * (double)s->all / n_all,
								      NAN, NAN));
			}
			cJSON *cells = an_row(rows);
			an_text(cells, value, NULL);
			an_pct(cells, (double)s->top / n_top);
			an_pct(cells, (double)s->all / n_all);
		}
	}
	an_chart(page, 2, chart);
	analytics_top_free(&t);
}

static void rated_block(cJSON *page, const struct an_ctx *c, const char *rating)
{
	const char *lang = c->lang;
	struct an_ratings r;
	analytics_ratings(c->pf->films, c->pf->n, RATED_LISTED, &r);
	if (!rating || !r.rated) {
		an_block(page, 3, words_get(lang, W_AN_RATED_TITLE), words_get(lang, W_AN_RATED_NONE),
			 NULL);
		analytics_ratings_free(&r);
		return;
	}
	const char *rating_label = words_metric_label(lang, rating);
	char *shown = words_count(lang, (double)r.n_films), *rated = words_count(lang, (double)r.rated);
	char *rho = isfinite(r.spearman) ? words_number(lang, r.spearman, 2) : xstrdup("\xe2\x80\x93");
	char *text = words_say(lang, W_AN_RATED_TEXT, shown, rated,
			       rating_label ? rating_label : rating, c->label, rho);
	cJSON *b = an_block(page, 3, words_get(lang, W_AN_RATED_TITLE), text,
			    words_get(lang, W_AN_RATED_REST));
	free(text);
	free(shown);
	free(rated);
	free(rho);
	static const enum word cols[] = { W_AN_COL_RANK, W_FILM, W_AN_COL_RATING, W_AN_COL_MEDIAN };
	cJSON *rows = an_table(b, NULL, lang, cols, 4, 0xd);
	char *label = an_capital(c->label);
	cJSON *col = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
		cJSON_GetObjectItem(b, "tables"), 0), "columns"), 3);
	cJSON_ReplaceItemInObject(col, "label", cJSON_CreateString(label));
	for (size_t k = 0; k < r.n_films; k++) {
		const struct catalogue_film *f = &c->pf->films[r.films[k]];
		cJSON *cells = an_row(rows);
		an_int(cells, (double)(k + 1));
		an_film(cells, c, r.films[k]);
		an_dec(cells, f->rating);
		an_int(cells, f->outcome);
	}
	free(label);
	analytics_ratings_free(&r);
}

int page_analytics_top(struct page_set *set, const struct an_ctx *c, const char *rating)
{
	cJSON *page = an_page(c, words_get(c->lang, W_AN_TOP_TITLE), &c->all);
	if (!c->all.films)
		return an_put(set, "top", page);
	top_list(page, c);
	share_block(page, c);
	rated_block(page, c, rating);
	return an_put(set, "top", page);
}
