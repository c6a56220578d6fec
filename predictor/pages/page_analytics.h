/*
 * Shared by the analytics page writers only (page_analytics*.c): the
 * pieces every analytics page is made of. A page is a title, the period
 * its figures rest on, and up to AN_SLOTS blocks, c1 to c8 in order; each
 * block has a title, a text, what it rests on, an optional chart
 * (charts.cN) and tables whose cells are text ("v", with a link "a"),
 * whole numbers ("i"), one-decimal numbers ("f") or shares ("p"), each
 * with an optional count ("n"); the theme formats numbers in the site's
 * language (themes/default/layouts/analytics.mustache).
 */
#ifndef MARQUEE_PAGE_ANALYTICS_H
#define MARQUEE_PAGE_ANALYTICS_H

#include "predictor/analytics/analytics.h"
#include "predictor/pages/pages.h"
#include "predictor/words/words.h"

#define AN_SLOTS 8

struct an_ctx {
	const struct page_films *pf;  /* borrowed */
	const struct page_lang *pl;   /* borrowed */
	const char *lang;             /* borrowed; pl->lang */
	const char *label;            /* borrowed; the metric's label */
	struct an_period all;         /* the whole history */
};

/* A new analytics page of the history's period p (NULL: none named). */
cJSON *an_page(const struct an_ctx *c, const char *title, const struct an_period *p);
/* The block in slot (1..AN_SLOTS) of a page; the strings are copied. */
cJSON *an_block(cJSON *page, int slot, const char *title, const char *text,
		const char *rests_on);
/* A chart for a block's slot (the page takes it). */
void an_chart(cJSON *page, int slot, cJSON *chart);
/* A table of a block with its column headers (words); bit k of num set:
 * column k holds numbers. Returns its rows. */
cJSON *an_table(cJSON *block, const char *caption, const char *lang, const enum word *columns,
		size_t n, unsigned num);
/* Folds the block's last table under a summary line (a long table). */
void an_fold(cJSON *block, const char *summary);
/* text with its first letter a capital, for a column header (owned). */
char *an_capital(const char *text);
/* A row of a table: its cells. */
cJSON *an_row(cJSON *rows);
void an_text(cJSON *cells, const char *text, const char *href);
void an_film(cJSON *cells, const struct an_ctx *c, size_t film);
void an_int(cJSON *cells, double x);
void an_dec(cJSON *cells, double x);
void an_pct(cJSON *cells, double share);
/* A whole number with the count of films it rests on. */
void an_int_n(cJSON *cells, double x, size_t n);
/* "12,000–85,000": the middle half of a summary. */
void an_range(cJSON *cells, const struct an_ctx *c, double low, double high);
/* A whole number in the site's language (owned). */
char *an_count(const struct an_ctx *c, double x);
/* Writes analytics/NAME.md. 0 or -1. The page is freed. */
int an_put(struct page_set *set, const char *name, cJSON *page);

/* ---- the pages ---- */

int page_analytics_seasons(struct page_set *set, const struct an_ctx *c);
int page_analytics_runtime(struct page_set *set, const struct an_ctx *c);
int page_analytics_ages(struct page_set *set, const struct an_ctx *c);
int page_analytics_genres(struct page_set *set, const struct an_ctx *c);
int page_analytics_people(struct page_set *set, const struct an_ctx *c);
int page_analytics_top(struct page_set *set, const struct an_ctx *c, const char *rating);
int page_analytics_model(struct store *st, struct page_set *set, const struct an_ctx *c);

#endif
