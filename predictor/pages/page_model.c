/*
 * The model page (pages.h): the current model, its validated errors, its
 * feature groups and their importance, and the latest backtest.
 */
#include "predictor/pages/pages.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/json.h"
#include "common/xalloc.h"
#include "predictor/model/backtest.h"
#include "predictor/model/features.h"
#include "predictor/model/model.h"
#include "predictor/words/words.h"
#include "predictor/store/store_models.h"

/* One row of the comparison: a model's name and its backtest figures. */
/* An interval as { lo, hi }, or null when there is none. */
static void add_ci(cJSON *o, const char *key, const double ci[2], int decimals)
{
	if (isnan(ci[0]) || isnan(ci[1])) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	cJSON *c = cJSON_AddObjectToObject(o, key);
	json_number(c, "lo", ci[0], decimals);
	json_number(c, "hi", ci[1], decimals);
}

/* One row of the comparison: a model's name and its backtest figures; for
 * a simpler method, the model's gain over it with its interval. */
static void compare_row(cJSON *rows, const char *name, const struct backtest_summary *s,
			bool baseline)
{
	cJSON *r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "name", name);
	json_number(r, "r2_log", s->r2, 3);
	json_number(r, "spearman", s->spearman, 3);
	json_number(r, "capture_top2", s->capture, 3);
	json_number(r, "rmse_log", s->rmse, 3);
	if (baseline) {
		add_ci(r, "r2_gain_ci", s->r2_ci, 2);
		add_ci(r, "capture_gain_ci", s->capture_ci, 3);
	}
	cJSON_AddItemToArray(rows, r);
}

/*
 * The latest backtest's figures, the simpler models it compared the SVR
 * with, the interval's coverage for each kind of film, and what the picks'
 * errors cost; nothing when there is no backtest.
 */
static int add_backtest(struct store *st, cJSON *page, const char *metric, const char *lang)
{
	struct backtest_record bt;
	bool found;
	if (store_backtest_latest(st, metric, &bt, &found) != 0)
		return -1;
	if (!found)
		return 0;
	struct backtest_result r;
	if (backtest_summary_parse(bt.summary, &r) != 0) {
		backtest_record_clear(&bt);
		return 0; /* a summary that cannot be read is not shown */
	}
	const struct backtest_summary *s = &r.summary;
	cJSON *b = cJSON_AddObjectToObject(page, "backtest");
	cJSON_AddStringToObject(b, "from", bt.from);
	cJSON_AddStringToObject(b, "to", bt.to);
	json_number(b, "weeks", (double)s->weeks, 0);
	json_number(b, "films", (double)s->films, 0);
	json_number(b, "capture_weeks", (double)s->capture_weeks, 0);
	json_number(b, "r2_log", s->r2, 3);
	json_number(b, "mae_log", s->mae, 3);
	json_number(b, "spearman", s->spearman, 3);
	json_number(b, "capture_top2", s->capture, 3);
	json_number(b, "interval_coverage", s->coverage, 3);
	add_ci(b, "r2_log_ci", s->r2_ci, 2);
	add_ci(b, "spearman_ci", s->spearman_ci, 2);
	add_ci(b, "capture_top2_ci", s->capture_ci, 3);
	add_ci(b, "interval_coverage_ci", s->coverage_ci, 3);
	if (!isnan(r.baselines[B_LINEAR].r2)) {
		static const enum word names[N_BASELINES] = {
			[B_LINEAR] = W_BASELINE_LINEAR, [B_NEAREST] = W_BASELINE_NEAREST,
			[B_MEAN] = W_BASELINE_MEAN };
		cJSON *rows = cJSON_AddArrayToObject(b, "compared");
		compare_row(rows, words_get(lang, W_BASELINE_MODEL), s, false);
		for (int k = 0; k < N_BASELINES; k++)
			compare_row(rows, words_get(lang, names[k]), &r.baselines[k], true);
		cJSON *strata = cJSON_AddArrayToObject(b, "coverage_by_kind");
		for (size_t k = 0; k < MODEL_STRATA; k++) {
			cJSON *one = cJSON_CreateObject();
			cJSON_AddStringToObject(one, "kind", words_get(lang, W_STRATUM_COMPLETE_SMALL + k));
			json_number(one, "films", (double)s->stratum_films[k], 0);
			json_number(one, "coverage", s->stratum_coverage[k], 3);
			cJSON_AddItemToArray(strata, one);
		}
		cJSON *d = cJSON_AddObjectToObject(b, "decision");
		json_number(d, "weeks", (double)r.decision.weeks, 0);
		json_number(d, "regret_per_week",
			    r.decision.weeks ? r.decision.regret_total / (double)r.decision.weeks : NAN, 0);
		json_number(d, "best_pair_share", r.decision.best_share, 3);
	}
	backtest_record_clear(&bt);
	return 0;
}

/* The groups' importance, largest first (ties by name); the chart shows eight. */
static void add_importance(cJSON *page, const struct model_meta *meta, const char *lang)
{
	cJSON *importance = cJSON_AddArrayToObject(page, "importance");
	cJSON *chart = content_chart("bar", words_get(lang, W_IMPORTANCE_TITLE),
				     words_get(lang, W_IMPORTANCE_DESC),
				     words_get(lang, W_FEATURE_GROUP),
				     words_get(lang, W_IMPORTANCE_AXIS), false);
	cJSON *pts = content_series(chart, words_get(lang, W_IMPORTANCE_SERIES), "predicted");
	size_t n = meta->n_groups;
	bool *used = xcalloc(n ? n : 1, sizeof *used);
	for (size_t k = 0; k < n; k++) {
		size_t pick = n;
		for (size_t i = 0; i < n; i++)
			if (!used[i] && (pick == n || meta->importance[i] > meta->importance[pick] ||
					 (meta->importance[i] == meta->importance[pick] &&
					  strcmp(meta->groups[i], meta->groups[pick]) < 0)))
				pick = i;
		used[pick] = true;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "feature", meta->groups[pick]);
		cJSON_AddStringToObject(o, "label", words_group_label(lang, meta->groups[pick]));
		json_number(o, "drop", meta->importance[pick], 3);
		cJSON_AddItemToArray(importance, o);
		if (k >= 8)
			continue;
		cJSON *pt = cJSON_CreateObject();
		cJSON_AddStringToObject(pt, "label", words_group_label(lang, meta->groups[pick]));
		json_number(pt, "y", meta->importance[pick], 3);
		cJSON_AddItemToArray(pts, pt);
	}
	free(used);
	cJSON *charts = cJSON_AddObjectToObject(page, "charts");
	cJSON_AddItemToObject(charts, "importance", chart);
}

int page_model_write(struct store *st, struct page_set *set, const struct page_lang *pl)
{
	struct model_record rec = { 0 };
	struct model_meta meta = { 0 };
	bool found;
	if (store_model_current(st, pl->metric, &rec, &found) != 0)
		return -1;
	const char *lang = pl->lang;
	bool readable = found && model_meta_parse(rec.meta, &meta, NULL) == 0;
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "title", words_get(lang, W_MODEL_TITLE));
	cJSON_AddStringToObject(p, "layout", "model");
	cJSON_AddBoolToObject(p, "generated", true);
	cJSON_AddNumberToObject(p, "menu", 3);
	cJSON *m = cJSON_AddObjectToObject(p, "model");
	if (found) {
		cJSON_AddNumberToObject(m, "id", (double)rec.id);
		char *label = words_say(lang, W_MODEL_LABEL, rec.id);
		cJSON_AddStringToObject(m, "label", label);
		free(label);
		cJSON_AddStringToObject(m, "trained_at", rec.created_at);
		if (rec.created_at && strlen(rec.created_at) >= 10) {
			char day[11];
			snprintf(day, sizeof day, "%.10s", rec.created_at);
			cJSON_AddStringToObject(p, "date", day);
		}
		cJSON_AddNumberToObject(m, "rows", (double)rec.rows);
		cJSON_AddStringToObject(m, "kernel", !readable ? ""
					: meta.params.kernel == SVR_LINEAR ? "linear" : "rbf");
		cJSON *params = cJSON_AddObjectToObject(m, "params");
		json_number(params, "C", readable ? meta.params.C : NAN, 6);
		json_number(params, "gamma", readable ? meta.params.gamma : NAN, 6);
		json_number(params, "epsilon", readable ? meta.params.epsilon : NAN, 6);
		cJSON_AddStringToObject(m, "train_until", meta.train_until ? meta.train_until : "");
		cJSON *cv = cJSON_AddObjectToObject(m, "cv");
		json_number(cv, "folds", readable ? (double)meta.folds : NAN, 0);
		json_number(cv, "rows", readable ? (double)meta.cv_rows : NAN, 0);
		json_number(cv, "rmse_log", readable ? meta.cv_rmse : NAN, 3);
		json_number(cv, "mae_log", readable ? meta.cv_mae : NAN, 3);
		json_number(cv, "r2_log", readable ? meta.cv_r2 : NAN, 3);
		json_number(m, "interval_level", readable ? meta.level : NAN, 2);
		json_number(m, "interval_factor", readable ? exp(meta.half_width) : NAN, 2);
	}
	cJSON_AddStringToObject(m, "metric", pl->label);
	cJSON *features = cJSON_AddArrayToObject(m, "features");
	for (size_t g = 0; g < features_group_count(); g++) {
		const char *name = features_group(g)->name;
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "name", name);
		cJSON_AddStringToObject(f, "label", words_group_label(lang, name));
		cJSON_AddStringToObject(f, "meaning", words_group_meaning(lang, name));
		cJSON_AddItemToArray(features, f);
	}
	int rc = -1;
	if (add_backtest(st, p, pl->metric, lang) != 0)
		goto out;
	add_importance(p, &meta, lang);
	rc = content_put(set, "model.md", p,
			 words_get(lang, found ? W_MODEL_BODY : W_MODEL_NONE));
out:
	cJSON_Delete(p);
	model_meta_clear(&meta);
	model_record_clear(&rec);
	return rc;
}
