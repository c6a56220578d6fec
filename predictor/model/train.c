/*
 * Training with its promotion gate (train.h): fit, validate, register,
 * promote or reject.
 */
#include "predictor/model/train.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/model/features.h"
#include "predictor/store/store_models.h"

/* Rows of the films released before `until` (-1: all) that have a target. */
static size_t *training_rows(const struct film_facts *films, size_t n, long until, size_t *n_rows)
{
	size_t *rows = xcalloc(n ? n : 1, sizeof *rows), k = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(films[i].target) && (until < 0 || films[i].release < until))
			rows[k++] = i;
	*n_rows = k;
	return rows;
}

void train_result_clear(struct train_result *r)
{
	free(r->reason);
	model_free(r->model);
	memset(r, 0, sizeof *r);
}

int train_model(struct store *st, const struct config *cfg, const char *metric, long until,
		struct train_result *result)
{
	memset(result, 0, sizeof *result);
	double margin;
	struct model_options mo;
	if (config_double(cfg, "model.promotion_margin", 0.05, 0, 10, &margin) != 0 ||
	    model_options_from_config(cfg, &mo) != 0)
		return -1;
	struct film_facts *films = NULL;
	size_t n_films = 0, n_rows = 0;
	struct feature_matrix m = { 0 };
	size_t *rows = NULL;
	struct model *model = NULL;
	struct model_record cur = { 0 };
	struct model_meta cur_meta = { 0 };
	char *meta = NULL, *svr_text = NULL, *reason = NULL;
	int rc = -1;
	if (store_facts_load(st, metric, &films, &n_films) != 0 ||
	    features_build(films, n_films, -1, &m) != 0)
		goto out;
	rows = training_rows(films, n_films, until, &n_rows);
	if (n_rows == 0) {
		msg_error("no film has a value for the metric \"%s\"%s; 'marquee status' lists "
			  "the imported metrics", metric, until >= 0 ? " before --until" : "");
		goto out;
	}
	if (n_rows < 2 * (mo.folds + 1)) {
		msg_error("too few films to train: %zu with a value for \"%s\", need at least %zu "
			  "for %zu time-ordered folds", n_rows, metric, 2 * (mo.folds + 1), mo.folds);
		goto out;
	}
	model = model_fit(&m, rows, n_rows, &mo);
	if (!model)
		goto out;
	char last[11];
	date_format(films[rows[n_rows - 1]].release + 1, last);
	meta = model_meta_json(model, metric, last);
	svr_text = model_svr_text(model);
	if (!svr_text)
		goto out;

	bool found;
	if (store_model_current(st, metric, &cur, &found) != 0)
		goto out;
	const char *status = "current";
	if (found) {
		if (model_meta_parse(cur.meta, &cur_meta, NULL) != 0) {
			msg_warn("model %ld: its validated error is unreadable; replacing it", cur.id);
		} else if (model->cv_rmse > cur_meta.cv_rmse * (1 + margin)) {
			status = "rejected";
			reason = xasprintf("validated RMSE %.4f is worse than current model %ld's %.4f "
					   "by more than %.0f%%",
					   model->cv_rmse, cur.id, cur_meta.cv_rmse, margin * 100);
		}
	}
	struct model_record rec = { .metric = (char *)metric, .status = (char *)status,
				    .reason = reason, .rows = model->rows,
				    .data_hash = model->data_hash, .meta = meta, .model = svr_text };
	if (store_model_add(st, &rec, &result->id) != 0)
		goto out;
	result->promoted = strcmp(status, "current") == 0;
	if (found && result->promoted) {
		char *why = xasprintf("replaced by model %ld", result->id);
		int r = store_model_set_status(st, cur.id, "retired", why);
		free(why);
		if (r != 0)
			goto out;
	}
	result->kept_id = result->promoted ? result->id : cur.id;
	result->reason = reason;
	reason = NULL;
	result->model = model;
	model = NULL;
	rc = 0;
out:
	free(reason);
	free(meta);
	free(svr_text);
	model_meta_clear(&cur_meta);
	model_record_clear(&cur);
	model_free(model);
	free(rows);
	features_free(&m);
	film_facts_free(films, n_films);
	return rc;
}

int train_current_until(struct store *st, const char *metric, long *until, bool *found)
{
	struct model_record rec = { 0 };
	if (store_model_current(st, metric, &rec, found) != 0)
		return -1;
	*until = -1;
	if (*found) {
		struct model_meta meta;
		if (model_meta_parse(rec.meta, &meta, NULL) == 0) {
			if (!meta.train_until || date_parse(meta.train_until, until) != 0)
				*until = -1;
			model_meta_clear(&meta);
		}
	}
	model_record_clear(&rec);
	return 0;
}

/* Seconds since "YYYY-MM-DDTHH:MM:SSZ" to now, or -1 when unreadable. */
static long long age_seconds(const char *iso)
{
	int y, mo, d, h, mi, se;
	long day;
	char now[21];
	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &se) != 6 ||
	    date_from_ymd(y, mo, d, &day) != 0)
		return -1;
	long long then = (long long)day * 86400 + h * 3600 + mi * 60 + se;
	date_now_iso(now);
	if (sscanf(now, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &se) != 6 ||
	    date_from_ymd(y, mo, d, &day) != 0)
		return -1;
	return (long long)day * 86400 + h * 3600 + mi * 60 + se - then;
}

int train_due(struct store *st, const struct config *cfg, const char *metric, bool *due,
	      char **why)
{
	long max_days;
	*due = true;
	*why = NULL;
	if (config_long(cfg, "model.retrain_days", 28, 0, 3650, &max_days) != 0)
		return -1;
	struct model_record cur = { 0 };
	bool found;
	if (store_model_current(st, metric, &cur, &found) != 0)
		return -1;
	if (!found) {
		*why = xstrdup("no model yet");
		return 0;
	}
	struct film_facts *films = NULL;
	size_t n_films = 0, n_rows = 0;
	struct feature_matrix m = { 0 };
	size_t *rows = NULL;
	int rc = -1;
	if (store_facts_load(st, metric, &films, &n_films) != 0 ||
	    features_build(films, n_films, -1, &m) != 0)
		goto out;
	rows = training_rows(films, n_films, -1, &n_rows);
	char hash[17];
	model_data_hash(&m, rows, n_rows, hash);
	long long age = age_seconds(cur.created_at);
	bool same = cur.data_hash && strcmp(cur.data_hash, hash) == 0;
	bool young = age >= 0 && age < max_days * 86400LL;
	*due = !same || !young;
	*why = !same  ? xstrdup("the data changed")
	       : !young ? xasprintf("model %ld is older than model.retrain_days (%ld)", cur.id,
				    max_days)
			: xasprintf("model %ld learnt from the same data %lld days ago", cur.id,
				    age / 86400);
	rc = 0;
out:
	free(rows);
	features_free(&m);
	film_facts_free(films, n_films);
	model_record_clear(&cur);
	return rc;
}
