/*
 * The analytics pages (pages.h, page_analytics.h): the index under
 * /analytics/, the pieces every page is made of, and the pages of seasons,
 * running time and actors' age. page_analytics_groups.c writes genres,
 * people and the top films, page_analytics_model.c the model's view.
 */
#define _GNU_SOURCE
#include "predictor/pages/page_analytics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/json.h"
#include "common/xalloc.h"

/* ---- the pieces of a page ---- */

char *an_count(const struct an_ctx *c, double x)
{
	return words_count(c->lang, x);
}

cJSON *an_page(const struct an_ctx *c, const char *title, const struct an_period *p)
{
	cJSON *page = cJSON_CreateObject();
	cJSON_AddStringToObject(page, "title", title);
	cJSON_AddStringToObject(page, "layout", "analytics");
	cJSON_AddBoolToObject(page, "generated", true);
	if (p && p->films == 1) {
		char *day = words_date(c->lang, p->from);
		char *text = words_say(c->lang, W_AN_PERIOD_ONE, day, c->label);
		cJSON_AddStringToObject(page, "period", text);
		free(text);
		free(day);
	} else if (p && p->films) {
		char *from = words_date(c->lang, p->from), *to = words_date(c->lang, p->to);
		char *films = an_count(c, (double)p->films);
		char *text = words_say(c->lang, W_AN_PERIOD, from, to, films, c->label);
		cJSON_AddStringToObject(page, "period", text);
		free(text);
		free(films);
		free(from);
		free(to);
	} else {
		char *text = words_say(c->lang, W_AN_NO_FILM, c->label);
		cJSON_AddStringToObject(page, "period", text);
		free(text);
	}
	cJSON_AddStringToObject(page, "back", words_get(c->lang, W_AN_BACK));
	cJSON_AddObjectToObject(page, "charts");
	return page;
}

cJSON *an_block(cJSON *page, int slot, const char *title, const char *text, const char *rests_on)
{
	char key[8];
	snprintf(key, sizeof key, "c%d", slot);
	cJSON *b = cJSON_AddObjectToObject(page, key);
	/* Every key present, empty or not, so that the template never looks
	 * for one in an enclosing context. */
	cJSON_AddStringToObject(b, "title", title ? title : "");
	cJSON_AddStringToObject(b, "text", text ? text : "");
	cJSON_AddStringToObject(b, "rests_on", rests_on ? rests_on : "");
	cJSON_AddArrayToObject(b, "tables");
	return b;
}

void an_chart(cJSON *page, int slot, cJSON *chart)
{
	char key[8];
	snprintf(key, sizeof key, "c%d", slot);
	cJSON_AddItemToObject(cJSON_GetObjectItem(page, "charts"), key, chart);
}

cJSON *an_table(cJSON *block, const char *caption, const char *lang, const enum word *columns,
		size_t n, unsigned num)
{
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "caption", caption ? caption : "");
	cJSON *cols = cJSON_AddArrayToObject(t, "columns");
	for (size_t k = 0; k < n; k++) {
		cJSON *col = cJSON_CreateObject();
		cJSON_AddStringToObject(col, "label", words_get(lang, columns[k]));
		cJSON_AddBoolToObject(col, "num", (num >> k) & 1);
		cJSON_AddItemToArray(cols, col);
	}
	cJSON_AddItemToArray(cJSON_GetObjectItem(block, "tables"), t);
	return cJSON_AddArrayToObject(t, "rows");
}

void an_fold(cJSON *block, const char *summary)
{
	cJSON *tables = cJSON_GetObjectItem(block, "tables");
	cJSON *last = cJSON_GetArrayItem(tables, cJSON_GetArraySize(tables) - 1);
	if (last)
		cJSON_AddStringToObject(last, "fold", summary);
}

char *an_capital(const char *text)
{
	char *s = xstrdup(text);
	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
	return s;
}

cJSON *an_row(cJSON *rows)
{
	cJSON *row = cJSON_CreateObject();
	cJSON_AddItemToArray(rows, row);
	return cJSON_AddArrayToObject(row, "cells");
}

static cJSON *cell(cJSON *cells)
{
	cJSON *c = cJSON_CreateObject();
	cJSON_AddItemToArray(cells, c);
	return c;
}

void an_text(cJSON *cells, const char *text, const char *href)
{
	cJSON *c = cell(cells);
	/* an empty text would read as a number cell: a dash says "none" */
	cJSON_AddStringToObject(c, "v", text && *text ? text : "\xe2\x80\x93");
	if (href)
		cJSON_AddStringToObject(c, "a", href);
}

void an_film(cJSON *cells, const struct an_ctx *c, size_t film)
{
	char *href = xasprintf("films/%s/", c->pf->slug[film]);
	an_text(cells, c->pf->films[film].title, href);
	free(href);
}

/* A number cell, or a dash (right-aligned like the numbers) when there is none. */
static void number(cJSON *cells, const char *key, double x, int decimals)
{
	if (isfinite(x))
		json_number(cell(cells), key, x, decimals);
	else
		cJSON_AddStringToObject(cell(cells), "r", "\xe2\x80\x93");
}

void an_int(cJSON *cells, double x)
{
	number(cells, "i", x, 0);
}

void an_dec(cJSON *cells, double x)
{
	number(cells, "f", x, 1);
}

void an_pct(cJSON *cells, double share)
{
	number(cells, "p", share, 3);
}

void an_int_n(cJSON *cells, double x, size_t n)
{
	if (!isfinite(x)) {
		number(cells, "i", x, 0);
		return;
	}
	cJSON *c = cell(cells);
	json_number(c, "i", x, 0);
	cJSON_AddNumberToObject(c, "n", (double)n);
}

void an_range(cJSON *cells, const struct an_ctx *c, double low, double high)
{
	if (!isfinite(low)) {
		number(cells, "r", NAN, 0);
		return;
	}
	char *lo = an_count(c, low), *hi = an_count(c, high);
	char *text = xasprintf("%s\xe2\x80\x93%s", lo, hi);
	cJSON_AddStringToObject(cell(cells), "r", text);
	free(text);
	free(lo);
	free(hi);
}

int an_put(struct page_set *set, const char *name, cJSON *page)
{
	char *rel = xasprintf("analytics/%s.md", name);
	int rc = content_put(set, rel, page, "");
	free(rel);
	cJSON_Delete(page);
	return rc;
}

/* A summary's usual cells: films, median, middle half, mean. */
static void summary_cells(cJSON *cells, const struct an_ctx *c, const struct an_summary *s)
{
	an_int(cells, (double)s->n);
	an_int(cells, s->median);
	an_range(cells, c, s->q1, s->q3);
	an_int(cells, s->mean);
}

/* A band's label: "under 80", "80–89", "180 and over". */
static char *band_label(const struct an_ctx *c, const struct an_band *b)
{
	if (b->from == 0)
		return words_say(c->lang, W_AN_BAND_UNDER, b->to);
	if (b->to == 0)
		return words_say(c->lang, W_AN_BAND_OVER, b->from);
	return words_say(c->lang, W_AN_BAND_BETWEEN, b->from, b->to - 1);
}

/* A band's label on a chart's axis, where room is short: "<80", "80", "180+". */
static void band_tick(const struct an_band *b, char *out, size_t size)
{
	if (b->from == 0)
		snprintf(out, size, "<%d", b->to);
	else if (b->to == 0)
		snprintf(out, size, "%d+", b->from);
	else
		snprintf(out, size, "%d", b->from);
}

/* ---- seasons ---- */

int page_analytics_seasons(struct page_set *set, const struct an_ctx *c)
{
	const char *lang = c->lang;
	struct an_seasons s;
	analytics_seasons(c->pf->films, c->pf->n, &s);
	cJSON *page = an_page(c, words_get(lang, W_AN_SEASONS_TITLE), &s.period);
	if (!s.period.films)
		return an_put(set, "seasonality", page);
	const char *rests = words_get(lang, W_AN_SEASONS_REST);
	static const enum word month_cols[] = { W_AN_COL_MONTH, W_AN_COL_FILMS, W_AN_COL_MEDIAN,
						W_AN_COL_MIDDLE, W_AN_COL_MEAN, W_AN_COL_SCHOOL,
						W_AN_COL_PUBLIC };

	/* c1: by month, bars of the median with the middle half as whiskers */
	char *text = words_say(lang, W_AN_MONTH_TEXT, c->label);
	cJSON *b = an_block(page, 1, words_get(lang, W_AN_MONTH_TITLE), text, rests);
	free(text);
	char *title = words_say(lang, W_AN_MONTH_CHART, c->label);
	cJSON *chart = content_chart("bar", title, words_get(lang, W_AN_MONTH_TITLE),
				     words_get(lang, W_AN_AXIS_MONTH), c->label, false);
	free(title);
	cJSON *pts = content_series(chart, words_get(lang, W_AN_SERIES_MEDIAN), "predicted");
	cJSON *rows = an_table(b, NULL, lang, month_cols, 7, 0x7e);
	for (int m = 0; m < 12; m++) {
		const struct an_season *x = &s.month[m];
		if (x->outcome.n)
			cJSON_AddItemToArray(pts, content_point_label(words_month(lang, m + 1, true),
								      x->outcome.median, x->outcome.q1,
								      x->outcome.q3));
		cJSON *cells = an_row(rows);
		an_text(cells, words_month(lang, m + 1, false), NULL);
		summary_cells(cells, c, &x->outcome);
		an_pct(cells, x->school);
		an_pct(cells, x->holiday);
	}
	an_chart(page, 1, chart);

	/* c2: by ISO week, a shape for the weeks of school or public holidays */
	static const enum word week_cols[] = { W_AN_COL_WEEK, W_AN_COL_FILMS, W_AN_COL_MEDIAN,
					       W_AN_COL_MIDDLE, W_AN_COL_MEAN, W_AN_COL_SCHOOL,
					       W_AN_COL_PUBLIC };
	text = words_say(lang, W_AN_WEEK_TEXT, c->label);
	b = an_block(page, 2, words_get(lang, W_AN_WEEK_TITLE), text, NULL);
	free(text);
	title = words_say(lang, W_AN_WEEK_CHART, c->label);
	chart = content_chart("scatter", title, words_get(lang, W_AN_WEEK_TITLE),
			      words_get(lang, W_AN_AXIS_WEEK), c->label, false);
	free(title);
	cJSON_AddBoolToObject(chart, "diagonal", false);
	cJSON *none = content_series(chart, words_get(lang, W_AN_SERIES_NO_HOLIDAY), "predicted");
	cJSON *school = content_series(chart, words_get(lang, W_AN_SERIES_SCHOOL), "other");
	cJSON *public = content_series(chart, words_get(lang, W_AN_SERIES_PUBLIC), "actual");
	rows = an_table(b, NULL, lang, week_cols, 7, 0x7e);
	an_fold(b, words_get(lang, W_AN_WEEK_TABLE));
	for (int w = 0; w < 53; w++) {
		const struct an_season *x = &s.week[w];
		if (!x->outcome.n)
			continue;
		char label[48];
		snprintf(label, sizeof label, "%d (%zu)", w + 1, x->outcome.n);
		cJSON *series = x->holiday >= 0.5 ? public : x->school >= 0.5 ? school : none;
		cJSON_AddItemToArray(series, content_point_xy(w + 1, x->outcome.median, label, 0));
		cJSON *cells = an_row(rows);
		an_int(cells, w + 1);
		summary_cells(cells, c, &x->outcome);
		an_pct(cells, x->school);
		an_pct(cells, x->holiday);
	}
	an_chart(page, 2, chart);
	return an_put(set, "seasonality", page);
}

/* ---- running time ---- */

int page_analytics_runtime(struct page_set *set, const struct an_ctx *c)
{
	const char *lang = c->lang;
	struct an_runtime r;
	analytics_runtime(c->pf->films, c->pf->n, &r);
	cJSON *page = an_page(c, words_get(lang, W_AN_RUNTIME_TITLE), &r.period);
	if (!r.period.films) {
		analytics_runtime_free(&r);
		return an_put(set, "runtime", page);
	}
	char *known = an_count(c, (double)r.films), *all = an_count(c, (double)r.period.films);
	char *rests = words_say(lang, W_AN_RUNTIME_REST, known, all);
	free(known);
	free(all);

	/* c1: films per band, and how each band opened */
	static const enum word band_cols[] = { W_AN_COL_RUNTIME, W_AN_COL_FILMS, W_AN_COL_MEDIAN,
					       W_AN_COL_MIDDLE, W_AN_COL_MEAN };
	char *text = words_say(lang, W_AN_RUNBAND_TEXT, c->label);
	cJSON *b = an_block(page, 1, words_get(lang, W_AN_RUNBAND_TITLE), text, rests);
	free(text);
	cJSON *chart = content_chart("bar", words_get(lang, W_AN_RUNBAND_CHART),
				     words_get(lang, W_AN_RUNBAND_TITLE),
				     words_get(lang, W_AN_AXIS_MINUTES),
				     words_get(lang, W_AN_COL_FILMS), false);
	cJSON *pts = content_series(chart, words_get(lang, W_AN_COL_FILMS), "actual");
	cJSON *rows = an_table(b, NULL, lang, band_cols, 5, 0x1e);
	for (int k = 0; k < AN_RUNTIME_BANDS; k++) {
		char *label = band_label(c, &r.band[k]), tick[16];
		band_tick(&r.band[k], tick, sizeof tick);
		cJSON_AddItemToArray(pts, content_point_label(tick, (double)r.band[k].films, NAN, NAN));
		cJSON *cells = an_row(rows);
		an_text(cells, label, NULL);
		summary_cells(cells, c, &r.band[k].outcome);
		free(label);
	}
	an_chart(page, 1, chart);

	/* c2: the running time year by year */
	static const enum word year_cols[] = { W_AN_COL_YEAR, W_AN_COL_FILMS, W_AN_COL_MEDIAN,
					       W_AN_COL_MIDDLE, W_AN_COL_MEAN };
	b = an_block(page, 2, words_get(lang, W_AN_RUNYEAR_TITLE),
		     words_get(lang, W_AN_RUNYEAR_TEXT), NULL);
	chart = content_chart("line", words_get(lang, W_AN_RUNYEAR_CHART),
			      words_get(lang, W_AN_RUNYEAR_TITLE), words_get(lang, W_AN_AXIS_YEAR),
			      words_get(lang, W_AN_AXIS_MINUTES), false);
	cJSON *median = content_series(chart, words_get(lang, W_AN_SERIES_MEDIAN), "predicted");
	cJSON *mean = content_series(chart, words_get(lang, W_AN_SERIES_MEAN), "actual");
	rows = an_table(b, NULL, lang, year_cols, 5, 0x1e);
	for (size_t y = 0; y < r.n_years; y++) {
		const struct an_summary *v = &r.year[y].value;
		char label[16];
		snprintf(label, sizeof label, "%d", r.year[y].year);
		/* years as labels: a numeric axis would write 2020 as "2k" */
		cJSON_AddItemToArray(median, content_point_label(label, v->median, NAN, NAN));
		cJSON_AddItemToArray(mean, content_point_label(label, v->mean, NAN, NAN));
		cJSON *cells = an_row(rows);
		an_text(cells, label, NULL);
		an_int(cells, (double)v->n);
		an_dec(cells, v->median);
		an_range(cells, c, v->q1, v->q3);
		an_dec(cells, v->mean);
	}
	an_chart(page, 2, chart);
	free(rests);
	analytics_runtime_free(&r);
	return an_put(set, "runtime", page);
}

/* ---- actors' age ---- */

int page_analytics_ages(struct page_set *set, const struct an_ctx *c)
{
	const char *lang = c->lang;
	struct an_ages a;
	analytics_ages(c->pf->films, c->pf->n, &a);
	cJSON *page = an_page(c, words_get(lang, W_AN_AGES_TITLE), &a.period);
	if (!a.period.films)
		return an_put(set, "ages", page);
	if (!a.actors) {
		an_block(page, 1, words_get(lang, W_AN_AGEDIST_TITLE),
			 words_get(lang, W_AN_AGES_NONE), NULL);
		return an_put(set, "ages", page);
	}
	static const enum word cols[] = { W_AN_COL_AGE, W_AN_COL_ROLES, W_AN_COL_MEDIAN,
					  W_AN_COL_MIDDLE, W_AN_COL_MEAN };
	char *ages = an_count(c, (double)a.actors), *films = an_count(c, (double)a.films);
	char *text = words_say(lang, W_AN_AGEDIST_TEXT, c->label, ages, films);
	free(ages);
	free(films);
	cJSON *b = an_block(page, 1, words_get(lang, W_AN_AGEDIST_TITLE), text, NULL);
	free(text);
	cJSON *chart = content_chart("bar", words_get(lang, W_AN_AGEDIST_CHART),
				     words_get(lang, W_AN_AGEDIST_TITLE),
				     words_get(lang, W_AN_COL_AGE), words_get(lang, W_AN_COL_ROLES),
				     false);
	cJSON *pts = content_series(chart, words_get(lang, W_AN_COL_ROLES), "actual");
	cJSON *rows = an_table(b, NULL, lang, cols, 5, 0x1e);
	for (int k = 0; k < AN_AGE_BANDS; k++) {
		char *label = band_label(c, &a.cast[k]), tick[16];
		band_tick(&a.cast[k], tick, sizeof tick);
		cJSON_AddItemToArray(pts, content_point_label(tick, (double)a.cast[k].films, NAN, NAN));
		cJSON *cells = an_row(rows);
		an_text(cells, label, NULL);
		summary_cells(cells, c, &a.cast[k].outcome);
		free(label);
	}
	an_chart(page, 1, chart);

	text = words_say(lang, W_AN_AGELEAD_TEXT, c->label);
	b = an_block(page, 2, words_get(lang, W_AN_AGELEAD_TITLE), text, NULL);
	free(text);
	char *title = words_say(lang, W_AN_AGELEAD_CHART, c->label);
	chart = content_chart("bar", title, words_get(lang, W_AN_AGELEAD_TITLE),
			      words_get(lang, W_AN_COL_AGE), c->label, false);
	free(title);
	pts = content_series(chart, words_get(lang, W_AN_SERIES_MEDIAN), "predicted");
	static const enum word lead_cols[] = { W_AN_COL_AGE, W_AN_COL_FILMS, W_AN_COL_MEDIAN,
					       W_AN_COL_MIDDLE, W_AN_COL_MEAN };
	rows = an_table(b, NULL, lang, lead_cols, 5, 0x1e);
	for (int k = 0; k < AN_AGE_BANDS; k++) {
		const struct an_band *band = &a.lead[k];
		char *label = band_label(c, band), tick[16];
		band_tick(band, tick, sizeof tick);
		if (band->films)
			cJSON_AddItemToArray(pts, content_point_label(tick, band->outcome.median,
								      band->outcome.q1,
								      band->outcome.q3));
		cJSON *cells = an_row(rows);
		an_text(cells, label, NULL);
		summary_cells(cells, c, &band->outcome);
		free(label);
	}
	an_chart(page, 2, chart);
	return an_put(set, "ages", page);
}

/* ---- the index ---- */

static void index_entry(cJSON *list, const char *slug, const char *title, const char *summary)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "slug", slug);
	cJSON_AddStringToObject(o, "title", title);
	cJSON_AddStringToObject(o, "summary", summary);
	cJSON_AddItemToArray(list, o);
}

int page_analytics_write(struct store *st, struct page_set *set, const struct page_films *pf,
			 const char *rating, const struct page_lang *pl)
{
	struct an_ctx c = { .pf = pf, .pl = pl, .lang = pl->lang, .label = pl->label };
	const char *lang = pl->lang;
	analytics_period_all(pf->films, pf->n, &c.all);
	if (page_analytics_seasons(set, &c) != 0 || page_analytics_genres(set, &c) != 0 ||
	    page_analytics_people(set, &c) != 0 || page_analytics_runtime(set, &c) != 0 ||
	    page_analytics_top(set, &c, rating) != 0 || page_analytics_ages(set, &c) != 0 ||
	    page_analytics_model(st, set, &c) != 0)
		return -1;

	cJSON *page = an_page(&c, words_get(lang, W_AN_TITLE), &c.all);
	cJSON_ReplaceItemInObject(page, "layout", cJSON_CreateString("analytics-index"));
	cJSON_AddNumberToObject(page, "menu", 4);
	char *films = an_count(&c, (double)c.all.films);
	char *intro = words_say(lang, W_AN_INTRO, films, c.label);
	cJSON_AddStringToObject(page, "intro", intro);
	free(intro);
	free(films);
	cJSON *list = cJSON_AddArrayToObject(page, "pages");
	char *seasons = words_say(lang, W_AN_SEASONS_SUMMARY, c.label);
	char *model = words_say(lang, W_AN_MODEL_SUMMARY, c.label);
	index_entry(list, "seasonality", words_get(lang, W_AN_SEASONS_TITLE), seasons);
	index_entry(list, "genres", words_get(lang, W_AN_GENRES_TITLE),
		    words_get(lang, W_AN_GENRES_SUMMARY));
	index_entry(list, "people", words_get(lang, W_AN_PEOPLE_TITLE),
		    words_get(lang, W_AN_PEOPLE_SUMMARY));
	index_entry(list, "runtime", words_get(lang, W_AN_RUNTIME_TITLE),
		    words_get(lang, W_AN_RUNTIME_SUMMARY));
	index_entry(list, "top", words_get(lang, W_AN_TOP_TITLE), words_get(lang, W_AN_TOP_SUMMARY));
	index_entry(list, "ages", words_get(lang, W_AN_AGES_TITLE),
		    words_get(lang, W_AN_AGES_SUMMARY));
	index_entry(list, "model", words_get(lang, W_AN_MODEL_TITLE), model);
	free(seasons);
	free(model);
	return an_put(set, "_index", page);
}
