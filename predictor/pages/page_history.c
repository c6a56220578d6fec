/*
 * The history page (pages.h): every published week's predictions against
 * what happened, how often the truth fell inside the interval, the share of
 * the best pair in hindsight the picks captured, and what each week did at
 * the cinema.
 */
#include "predictor/pages/pages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/json.h"
#include "common/xalloc.h"
#include "predictor/model/metrics.h"
#include "predictor/words/words.h"

cJSON *page_history_json(const struct week_record *weeks, const struct page_week_facts *facts,
			 size_t n_weeks, const struct page_lang *pl)
{
	const char *lang = pl->lang;
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "title", words_get(lang, W_HISTORY_TITLE));
	cJSON_AddStringToObject(p, "layout", "history");
	cJSON_AddBoolToObject(p, "generated", true);
	cJSON_AddNumberToObject(p, "menu", 2);
	if (n_weeks) /* the page changes with the latest week */
		cJSON_AddStringToObject(p, "date", weeks[n_weeks - 1].week_start);
	cJSON *m = cJSON_AddObjectToObject(p, "metric");
	cJSON_AddStringToObject(m, "name", pl->metric);
	cJSON_AddStringToObject(m, "label", pl->label);
	cJSON_AddStringToObject(m, "unit", pl->unit);
	cJSON_AddBoolToObject(m, "money", strcmp(pl->unit, "admissions") != 0);
	cJSON *rows = cJSON_AddArrayToObject(p, "rows");
	char *scatter_title = words_say(lang, W_SCATTER_TITLE, pl->label);
	char *unit = content_metric_axis(pl);
	char *x_axis = xasprintf("%s, %s", words_get(lang, W_PREDICTED), unit);
	char *y_axis = xasprintf("%s, %s", words_get(lang, W_ACTUAL), unit);
	cJSON *scatter = content_chart("scatter", scatter_title, words_get(lang, W_SCATTER_DESC),
				       x_axis, y_axis, true);
	free(unit);
	free(x_axis);
	free(y_axis);
	free(scatter_title);
	cJSON *sc_picked = content_series(scatter, words_get(lang, W_PICKED_FILMS), "predicted");
	cJSON *sc_other = content_series(scatter, words_get(lang, W_OTHER_CANDIDATES), "other");
	char *axis = content_metric_axis(pl);
	cJSON *line = content_chart("line", words_get(lang, W_SERIES_TITLE),
				    words_get(lang, W_SERIES_DESC), words_get(lang, W_WEEK), axis, true);
	free(axis);
	cJSON *line_pred = content_series(line, words_get(lang, W_PREDICTED), "predicted");
	cJSON *line_act = content_series(line, words_get(lang, W_ACTUAL), "actual");
	cJSON *err = content_chart("line", words_get(lang, W_ERROR_TITLE),
				   words_get(lang, W_ERROR_DESC), words_get(lang, W_WEEK),
				   words_get(lang, W_ERROR_AXIS), false);
	cJSON *err_pts = content_series(err, words_get(lang, W_ERROR_SERIES), "predicted");
	cJSON *cap = content_chart("bar", words_get(lang, W_CAPTURE_TITLE),
				   words_get(lang, W_CAPTURE_DESC), words_get(lang, W_WEEK),
				   words_get(lang, W_CAPTURE_AXIS), false);
	cJSON_AddNumberToObject(cap, "y_max", 100); /* a share: its axis goes to 100% */
	cJSON *cap_pts = content_series(cap, words_get(lang, W_CAPTURED), "actual");

	size_t films = 0, inside = 0, weeks_scored = 0, n_all = 0;
	double captured = 0, best_total = 0;
	double window[4];
	size_t n_window = 0;
	size_t most = 0;
	for (size_t w = 0; w < n_weeks; w++) {
		n_all += weeks[w].n_candidates;
		if (weeks[w].n_candidates > most)
			most = weeks[w].n_candidates;
	}
	double *pred_log = xcalloc(n_all + 1, sizeof *pred_log);
	double *act_log = xcalloc(n_all + 1, sizeof *act_log);
	struct metrics_pick *choice = xcalloc(most + 1, sizeof *choice);
	for (size_t w = 0; w < n_weeks; w++) {
		const struct week_record *wk = &weeks[w];
		const char *week = wk->week;
		double week_pred = 0, week_act = 0, week_abs = 0;
		size_t week_films = 0;
		for (size_t c = 0; c < wk->n_candidates; c++) {
			const struct week_candidate *cand = &wk->candidates[c];
			double pred = cand->predicted, lo = cand->lower, hi = cand->upper;
			double actual = facts[w].actual[c];
			bool picked = cand->picked;
			choice[c] = (struct metrics_pick){ actual, picked };
			cJSON *row = cJSON_CreateObject();
			cJSON_AddStringToObject(row, "week", week);
			cJSON_AddItemToObject(row, "film", week_film_json(&cand->film));
			json_number(row, "predicted", pred, 0);
			json_number(row, "lower", lo, 0);
			json_number(row, "upper", hi, 0);
			json_number(row, "actual", actual, 0);
			cJSON_AddBoolToObject(row, "picked", picked);
			if (isfinite(actual)) {
				bool in = actual >= lo && actual <= hi;
				cJSON_AddBoolToObject(row, "inside", in);
				inside += in;
				pred_log[films] = log1p(pred);
				act_log[films] = log1p(actual);
				week_abs += fabs(pred_log[films] - act_log[films]);
				films++;
				week_films++;
				cJSON_AddItemToArray(picked ? sc_picked : sc_other,
						     content_point_xy(pred, actual, cand->film.title, 0));
				if (picked) {
					week_pred += pred;
					week_act += actual;
				}
			} else {
				cJSON_AddNullToObject(row, "inside");
			}
			cJSON_AddItemToArray(rows, row);
		}
		/* on a time axis: the weeks as they fall, gaps included */
		if (week_act > 0) {
			cJSON_AddItemToArray(line_pred, content_point_date(wk->week_start, week_pred, week, 0));
			cJSON_AddItemToArray(line_act, content_point_date(wk->week_start, week_act, week, 0));
		}
		if (week_films) {
			window[n_window++ % 4] = week_abs / (double)week_films;
			size_t k = n_window < 4 ? n_window : 4;
			double mean = 0;
			for (size_t i = 0; i < k; i++)
				mean += window[i];
			cJSON_AddItemToArray(err_pts,
					     content_point_date(wk->week_start, mean / (double)k, week, 3));
		}
		/* Capture counts weeks with a real choice (metrics_week_choice). */
		double got, best;
		if (metrics_week_choice(choice, wk->n_candidates, &got, &best)) {
			weeks_scored++;
			captured += got;
			best_total += best;
			cJSON_AddItemToArray(cap_pts,
					     content_point_label(week, 100 * got / best, NAN, NAN));
		}
	}
	struct metrics_fit fit;
	metrics_fit_of(pred_log, act_log, films, &fit);
	free(pred_log);
	free(act_log);
	free(choice);
	/* At the cinema: what each week was expected to bring, and what it did. */
	cJSON *local = cJSON_AddArrayToObject(p, "cinema_weeks");
	double total_expected = 0, total_revenue = 0, total_costs = 0;
	size_t recorded_weeks = 0;
	for (size_t w = 0; w < n_weeks; w++) {
		const struct week_record *wk = &weeks[w];
		if (facts[w].n_local == 0)
			continue;
		double admissions = 0, revenue = 0;
		for (size_t a = 0; a < facts[w].n_local; a++) {
			const struct actual_row *r = facts[w].local[a];
			admissions += (double)r->admissions;
			revenue += r->revenue >= 0 ? round(r->revenue * 100) / 100
						   : (double)r->admissions * wk->ticket_price;
		}
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "week", wk->week);
		json_number(row, "expected_attendance", wk->expected_attendance, 0);
		json_number(row, "attendance", admissions, 0);
		json_number(row, "expected_revenue", wk->expected_revenue, 2);
		json_number(row, "revenue", revenue, 2);
		json_number(row, "profit", revenue - wk->fixed_costs, 2);
		cJSON_AddStringToObject(row, "currency", wk->currency);
		cJSON_AddItemToArray(local, row);
		total_expected += wk->expected_revenue;
		total_revenue += revenue;
		total_costs += wk->fixed_costs;
		recorded_weeks++;
	}
	cJSON *sum = cJSON_AddObjectToObject(p, "summary");
	cJSON_AddNumberToObject(sum, "recorded_weeks", (double)recorded_weeks);
	json_number(sum, "expected_revenue", total_expected, 2);
	json_number(sum, "revenue", total_revenue, 2);
	json_number(sum, "profit", total_revenue - total_costs, 2);
	cJSON_AddNumberToObject(sum, "weeks", (double)n_weeks);
	cJSON_AddNumberToObject(sum, "films", (double)films);
	json_number(sum, "mae_log", fit.mae, 3);
	json_number(sum, "coverage", films ? (double)inside / (double)films : NAN, 3);
	json_number(sum, "capture", best_total > 0 ? captured / best_total : NAN, 3);
	cJSON_AddNumberToObject(sum, "capture_weeks", (double)weeks_scored);
	bool tmdb = false;
	for (size_t w = 0; w < n_weeks; w++)
		tmdb |= facts[w].tmdb;
	if (tmdb)
		cJSON_AddBoolToObject(p, "tmdb", true);
	cJSON *charts = cJSON_AddObjectToObject(p, "charts");
	cJSON_AddItemToObject(charts, "scatter", scatter);
	cJSON_AddItemToObject(charts, "series", line);
	cJSON_AddItemToObject(charts, "error", err);
	cJSON_AddItemToObject(charts, "capture", cap);
	return p;
}
