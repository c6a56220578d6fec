/*
 * The model's view (page_analytics.h): how the current model's prediction
 * moves with budget, running time, the week of release and the director's
 * record (predictor/analytics/pdep.h).
 */
#define _GNU_SOURCE
#include "predictor/pages/page_analytics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/xalloc.h"
#include "predictor/analytics/pdep.h"

/* Training films averaged over: enough for a stable curve, few enough for
 * the analytics pages to be written in well under a second. */
#define PDEP_ROWS 150
#define PDEP_THREADS 2

/* How a grid value is written on the axis and in the table (owned). */
static char *x_label(const struct an_ctx *c, enum pdep_feature f, double x)
{
	switch (f) {
	case PDEP_BUDGET: {
		char *m = words_number(c->lang, x / 1e6, x < 1e6 ? 1 : 0);
		char *s = xasprintf("%sM", m);
		free(m);
		return s;
	}
	case PDEP_DIRECTOR: {
		char *m = words_number(c->lang, x, x == floor(x) ? 0 : 2);
		char *s = xasprintf("\xc3\x97%s", m);
		free(m);
		return s;
	}
	case PDEP_RUNTIME:
	case PDEP_WEEK:
	case PDEP_FEATURES:
		break;
	}
	return xasprintf("%.0f", x);
}

int page_analytics_model(struct store *st, struct page_set *set, const struct an_ctx *c)
{
	const char *lang = c->lang;
	struct pdep p;
	bool found;
	if (pdep_compute(st, c->pl->metric, PDEP_ROWS, PDEP_THREADS, &p, &found) != 0)
		return -1;
	cJSON *page = an_page(c, words_get(lang, W_AN_MODEL_TITLE), &c->all);
	if (!found || !p.rows) {
		an_block(page, 1, words_get(lang, W_AN_MODEL_TITLE), words_get(lang, W_AN_MODEL_NONE),
			 NULL);
		pdep_free(&p);
		return an_put(set, "model", page);
	}
	cJSON_AddStringToObject(page, "intro", words_get(lang, W_AN_MODEL_TEXT));
	char *id = xasprintf("%ld", p.model_id);
	char *rows = words_count(lang, (double)p.rows), *trained = words_count(lang, (double)p.training_rows);
	char *typical = words_count(lang, p.typical);
	char *rests = words_say(lang, W_AN_MODEL_REST, id, rows, trained, typical);
	free(id);
	free(rows);
	free(trained);
	free(typical);
	static const enum word titles[PDEP_FEATURES] = { W_AN_PD_BUDGET_TITLE, W_AN_PD_RUNTIME_TITLE,
							 W_AN_PD_WEEK_TITLE, W_AN_PD_DIRECTOR_TITLE };
	static const enum word texts[PDEP_FEATURES] = { W_AN_PD_BUDGET_TEXT, W_AN_PD_RUNTIME_TEXT,
							W_AN_PD_WEEK_TEXT, W_AN_PD_DIRECTOR_TEXT };
	static const enum word axes[PDEP_FEATURES] = { W_AN_AXIS_BUDGET, W_AN_AXIS_MINUTES,
						       W_AN_AXIS_WEEK, W_AN_AXIS_DIRECTOR };
	int slot = 1;
	for (enum pdep_feature f = 0; f < PDEP_FEATURES; f++) {
		const struct pdep_curve *curve = &p.curve[f];
		if (!curve->n)
			continue;
		char *text = f == PDEP_WEEK ? words_say(lang, texts[f], p.reference_year)
					    : xstrdup(words_get(lang, texts[f]));
		/* what the curves rest on is the same for all: said once */
		cJSON *b = an_block(page, slot, words_get(lang, titles[f]), text,
				    slot == 1 ? rests : NULL);
		free(text);
		char *title = words_say(lang, W_AN_PD_CHART, c->label, words_get(lang, titles[f]));
		cJSON *chart = content_chart("line", title, words_get(lang, titles[f]),
					     words_get(lang, axes[f]), c->label, false);
		free(title);
		cJSON *pts = content_series(chart, words_get(lang, W_AN_SERIES_TYPICAL), "predicted");
		enum word cols[] = { axes[f], W_AN_COL_TYPICAL };
		cJSON *table = an_table(b, NULL, lang, cols, 2, 0x2);
		for (size_t k = 0; k < curve->n; k++) {
			char *label = x_label(c, f, curve->point[k].x);
			cJSON_AddItemToArray(pts, content_point_label(label, curve->point[k].predicted,
								      NAN, NAN));
			cJSON *cells = an_row(table);
			an_text(cells, label, NULL);
			an_int(cells, curve->point[k].predicted);
			free(label);
		}
		an_chart(page, slot++, chart);
	}
	free(rests);
	pdep_free(&p);
	return an_put(set, "model", page);
}
