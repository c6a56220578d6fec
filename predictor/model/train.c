/*
 * `marquee train` (fit, validate, register, promote or reject), `marquee
 * models` (the registry) and `marquee features` (the feature matrix in
 * libsvm's text format).
 */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "common/buf.h"
#include "common/date.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/model/features.h"
#include "predictor/model/model.h"
#include "predictor/model/predict.h"
#include "predictor/store/store_models.h"

/* A validated error ("rmse_log"...) stored in a registry row's meta, or NAN. */
static double meta_cv(const char *meta, const char *key)
{
	cJSON *o = meta ? cJSON_Parse(meta) : NULL;
	const cJSON *cv = cJSON_GetObjectItemCaseSensitive(o, "cv");
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(cv, key);
	double v = cJSON_IsNumber(r) ? r->valuedouble : NAN;
	cJSON_Delete(o);
	return v;
}

static double meta_number(const char *meta, const char *key)
{
	cJSON *o = meta ? cJSON_Parse(meta) : NULL;
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, key);
	double v = cJSON_IsNumber(r) ? r->valuedouble : NAN;
	cJSON_Delete(o);
	return v;
}

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

static int run_train(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "metric", required_argument, NULL, 'm' },
		{ "until", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *metric_opt = NULL, *until_text = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'm':
			metric_opt = optarg;
			break;
		case 'u':
			until_text = optarg;
			break;
		default:
			return command_usage(&cmd_train);
		}
	}
	if (optind != argc)
		return command_usage(&cmd_train);
	long until = -1;
	if (until_text && date_parse(until_text, &until) != 0) {
		msg_error("--until \"%s\": expected a date YYYY-MM-DD", until_text);
		return 2;
	}
	const char *metric;
	double margin;
	struct model_options mo;
	if (predict_metric(app->cfg, metric_opt, &metric) != 0 ||
	    config_double(app->cfg, "model.promotion_margin", 0.05, 0, 10, &margin) != 0 ||
	    model_options_from_config(app->cfg, &mo) != 0)
		return 1;
	struct store *st = store_open_config(app->cfg);
	if (!st)
		return 1;
	struct film_facts *films = NULL;
	size_t n_films = 0, n_rows = 0;
	struct feature_matrix m = { 0 };
	size_t *rows = NULL;
	struct model *model = NULL;
	struct model_record cur = { 0 };
	char *meta = NULL, *svr_text = NULL, *reason = NULL;
	int rc = 1;
	if (store_begin(st) != 0)
		goto out;
	if (store_facts_load(st, metric, &films, &n_films) != 0 ||
	    features_build(films, n_films, -1, &m) != 0)
		goto fail;
	rows = training_rows(films, n_films, until, &n_rows);
	if (n_rows == 0) {
		msg_error("no film has a value for the metric \"%s\"%s; 'marquee status' lists "
			  "the imported metrics", metric, until >= 0 ? " before --until" : "");
		goto fail;
	}
	if (n_rows < 2 * (mo.folds + 1)) {
		msg_error("too few films to train: %zu with a value for \"%s\", need at least %zu "
			  "for %zu time-ordered folds", n_rows, metric, 2 * (mo.folds + 1), mo.folds);
		goto fail;
	}
	model = model_fit(&m, rows, n_rows, &mo);
	if (!model)
		goto fail;
	char last[11];
	date_format(films[rows[n_rows - 1]].release + 1, last);
	meta = model_meta_json(model, metric, last);
	svr_text = model_svr_text(model);
	if (!svr_text)
		goto fail;

	bool found;
	if (store_model_current(st, metric, &cur, &found) != 0)
		goto fail;
	const char *status = "current";
	if (found) {
		double old = meta_cv(cur.meta, "rmse_log");
		if (isnan(old)) {
			msg_warn("model %ld: its validated error is unreadable; replacing it", cur.id);
		} else if (model->cv_rmse > old * (1 + margin)) {
			status = "rejected";
			reason = xasprintf("validated RMSE %.4f is worse than current model %ld's %.4f "
					   "by more than %.0f%%",
					   model->cv_rmse, cur.id, old, margin * 100);
		}
	}
	struct model_record rec = { .metric = (char *)metric, .status = (char *)status,
				    .reason = reason, .rows = model->rows,
				    .data_hash = model->data_hash, .meta = meta, .model = svr_text };
	long id;
	if (store_model_add(st, &rec, &id) != 0)
		goto fail;
	if (found && strcmp(status, "current") == 0) {
		char *why = xasprintf("replaced by model %ld", id);
		int r = store_model_set_status(st, cur.id, "retired", why);
		free(why);
		if (r != 0)
			goto fail;
	}
	if (store_commit(st) != 0)
		goto out;
	msg_info("model %ld (%s): %s on %ld films, %s C=%g gamma=%g epsilon=%g", id, status, metric,
		 model->rows, model->params.kernel == SVR_LINEAR ? "linear" : "rbf", model->params.C,
		 model->params.gamma, model->params.epsilon);
	msg_info("validated (%zu time-ordered folds, %ld films): rmse_log %.3f, mae_log %.3f, "
		 "r2_log %.3f; %.0f%% interval x/÷ %.2f",
		 model->folds, model->cv_rows, model->cv_rmse, model->cv_mae, model->cv_r2,
		 model->level * 100, exp(model->half_width));
	if (model->importance) {
		struct buf b = BUF_INIT;
		bool used[64] = { false };
		size_t ng = features_group_count();
		for (size_t r = 0; r < 5 && r < ng; r++) {
			size_t best = ng;
			for (size_t g = 0; g < ng; g++)
				if (!used[g] && (best == ng || model->importance[g] > model->importance[best]))
					best = g;
			used[best] = true;
			buf_printf(&b, "%s%s %+.3f", r ? ", " : "", features_group(best)->name,
				   model->importance[best]);
		}
		msg_info("importance (RMSE increase when permuted): %s", buf_str(&b));
		buf_free(&b);
	}
	if (reason)
		msg_warn("model %ld rejected: %s; model %ld stays current", id, reason, cur.id);
	rc = 0;
	goto out;
fail:
	store_rollback(st);
out:
	free(reason);
	free(meta);
	free(svr_text);
	model_record_clear(&cur);
	model_free(model);
	free(rows);
	features_free(&m);
	film_facts_free(films, n_films);
	store_close(st);
	return rc;
}

const struct command cmd_train = {
	.name = "train",
	.run = run_train,
	.usage = "train [--metric METRIC] [--until DATE]",
	.summary = "train the SVR predictor and register it",
	.help = "Fits a libsvm epsilon-SVR on log1p(metric) of every film that has it, with\n"
		"hyper-parameters (C, gamma, epsilon) chosen by time-ordered cross-validation\n"
		"(expanding window) on both cores. Stores the model, its scaling, parameters,\n"
		"validated errors, interval width and feature importance in analytics.db.\n"
		"The new model becomes current unless its validated RMSE is worse than the\n"
		"current one's by more than model.promotion_margin (default 0.05): then it\n"
		"is kept as 'rejected' with the reason.\n\n"
		"Options:\n"
		"  --metric M    the target metric (default: model.metric or\n"
		"                first_week_admissions)\n"
		"  --until DATE  train only on films released before DATE\n\n"
		"Settings: model.kernel (rbf|linear), model.folds (4), model.seed (1),\n"
		"model.threads (2), model.interval_level (0.8), model.promotion_margin.\n",
};

static int run_models(struct app *app, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return command_usage(&cmd_models);
	struct store *st = store_open_config(app->cfg);
	if (!st)
		return 1;
	struct model_record *list = NULL;
	size_t n = 0;
	int rc = 1;
	if (store_models_list(st, &list, &n) == 0) {
		if (n == 0)
			msg_info("no models yet; run 'marquee train'");
		for (size_t i = 0; i < n; i++) {
			const struct model_record *r = &list[i];
			msg_info("%4ld  %-8s  %s  %-22s %6ld films  rmse_log %.3f  r2_log %.3f  C=%g "
				 "gamma=%g epsilon=%g  data %s%s%s",
				 r->id, r->status, r->created_at, r->metric, r->rows, meta_cv(r->meta, "rmse_log"),
				 meta_cv(r->meta, "r2_log"), meta_number(r->meta, "C"), meta_number(r->meta, "gamma"),
				 meta_number(r->meta, "epsilon"), r->data_hash, r->reason ? "  " : "",
				 r->reason ? r->reason : "");
		}
		rc = 0;
	}
	for (size_t i = 0; i < n; i++)
		model_record_clear(&list[i]);
	free(list);
	store_close(st);
	return rc;
}

const struct command cmd_models = {
	.name = "models",
	.run = run_models,
	.usage = "models",
	.summary = "list the trained models",
	.help = "Lists the model registry, newest first: id, status (current, retired,\n"
		"rejected), date, metric, films, validated errors, parameters, a hash of the\n"
		"training data, and why a model was rejected or retired.\n",
};

static int run_features(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "metric", required_argument, NULL, 'm' },
		{ "out", required_argument, NULL, 'o' },
		{ "names", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *metric_opt = NULL, *path = NULL;
	bool names = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'm':
			metric_opt = optarg;
			break;
		case 'o':
			path = optarg;
			break;
		case 'n':
			names = true;
			break;
		default:
			return command_usage(&cmd_features);
		}
	}
	if (optind != argc || (!path && !names))
		return command_usage(&cmd_features);
	if (names)
		for (size_t j = 0; j < features_count(); j++)
			printf("%zu %s %s\n", j + 1, features_name(j),
			       features_group(features_group_of(j))->name);
	if (!path)
		return 0;
	const char *metric;
	if (predict_metric(app->cfg, metric_opt, &metric) != 0)
		return 1;
	struct store *st = store_open_config(app->cfg);
	if (!st)
		return 1;
	struct film_facts *films = NULL;
	size_t n_films = 0;
	struct feature_matrix m = { 0 };
	struct buf b = BUF_INIT;
	int rc = 1;
	if (store_facts_load(st, metric, &films, &n_films) != 0 ||
	    features_build(films, n_films, -1, &m) != 0)
		goto out;
	size_t rows = 0;
	for (size_t i = 0; i < m.n_rows; i++) {
		if (isnan(m.y[i]))
			continue;
		buf_printf(&b, "%.17g", m.y[i]);
		for (size_t j = 0; j < m.n_cols; j++) {
			double v = m.x[i * m.n_cols + j];
			if (v != 0)
				buf_printf(&b, " %zu:%.17g", j + 1, v);
		}
		buf_putc(&b, '\n');
		rows++;
	}
	if (rows == 0) {
		msg_error("no film has a value for the metric \"%s\"", metric);
		goto out;
	}
	if (file_write_atomic(path, b.data, b.len) != 0)
		goto out;
	msg_info("%s: %zu films x %zu features, target log1p(%s), rows in release order", path,
		 rows, m.n_cols, metric);
	rc = 0;
out:
	buf_free(&b);
	features_free(&m);
	film_facts_free(films, n_films);
	store_close(st);
	return rc;
}

const struct command cmd_features = {
	.name = "features",
	.run = run_features,
	.usage = "features [--metric METRIC] (--out FILE | --names)...",
	.summary = "write the feature matrix in libsvm's text format",
	.help = "Writes one line per film that has the metric, in release order:\n"
		"log1p(metric) then INDEX:VALUE for each non-zero feature (unscaled), the\n"
		"same walk-forward features the model sees, so other models can be run on\n"
		"exactly the same data.\n\n"
		"Options:\n"
		"  --out FILE    where to write\n"
		"  --names       print the feature index, name and group\n"
		"  --metric M    the target metric (default: model.metric)\n",
};
