/*
 * The model's commands: `marquee train` (fit, validate, register, promote or
 * reject), `models` (the registry), `features` (the feature matrix in
 * libsvm's text format), `predict` (a week's releases) and `backtest` (past
 * weeks replayed). Each parses its options, runs the engine in one
 * transaction and prints.
 */
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
#include "predictor/model/backtest.h"
#include "predictor/model/features.h"
#include "predictor/model/model.h"
#include "predictor/model/predict.h"
#include "predictor/model/train.h"
#include "predictor/words/words.h"
#include "predictor/store/store_models.h"

static int run_train(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "metric", required_argument, NULL, 'm' },
		{ "until", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *metric_opt = NULL, *until_text = NULL;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
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
	if (predict_metric(app->cfg, metric_opt, &metric) != 0)
		return 1;
	struct store *st = store_open_config(app->cfg);
	if (!st)
		return 1;
	struct train_result r = { 0 };
	int rc = 1;
	if (store_begin(st) != 0 || train_model(st, app->cfg, metric, until, &r) != 0 ||
	    store_commit(st) != 0)
		goto out;
	const struct model *model = r.model;
	msg_info("model %ld (%s): %s on %ld films, %s C=%g gamma=%g epsilon=%g", r.id,
		 r.promoted ? "current" : "rejected", metric, model->rows,
		 model->params.kernel == SVR_LINEAR ? "linear" : "rbf", model->params.C,
		 model->params.gamma, model->params.epsilon);
	msg_info("validated (%zu time-ordered folds, %ld films): rmse_log %.3f, mae_log %.3f, "
		 "r2_log %.3f; %.0f%% interval x/÷ %.2f",
		 model->folds, model->cv_rows, model->cv_rmse, model->cv_mae, model->cv_r2,
		 model->level * 100, exp(model->half_width));
	if (model->importance) {
		struct buf b = BUF_INIT;
		bool used[64] = { false };
		size_t ng = features_group_count();
		for (size_t k = 0; k < 5 && k < ng; k++) {
			size_t best = ng;
			for (size_t g = 0; g < ng; g++)
				if (!used[g] && (best == ng || model->importance[g] > model->importance[best]))
					best = g;
			used[best] = true;
			buf_printf(&b, "%s%s %+.3f", k ? ", " : "", features_group(best)->name,
				   model->importance[best]);
		}
		msg_info("importance (RMSE increase when permuted): %s", buf_str(&b));
		buf_free(&b);
	}
	if (r.reason)
		msg_warn("model %ld rejected: %s; model %ld stays current", r.id, r.reason, r.kept_id);
	rc = 0;
out:
	train_result_clear(&r);
	store_close(st); /* rolls back whatever was not committed */
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
	struct store *st = store_open_config_read_only(app->cfg);
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
			struct model_meta meta;
			if (model_meta_parse(r->meta, &meta, NULL) != 0)
				meta = (struct model_meta){ .cv_rmse = NAN, .cv_r2 = NAN,
							    .params = { SVR_RBF, NAN, NAN, NAN } };
			msg_info("%4ld  %-8s  %s  %-22s %6ld films  rmse_log %.3f  r2_log %.3f  C=%g "
				 "gamma=%g epsilon=%g  data %s%s%s",
				 r->id, r->status, r->created_at, r->metric, r->rows, meta.cv_rmse,
				 meta.cv_r2, meta.params.C, meta.params.gamma, meta.params.epsilon,
				 r->data_hash, r->reason ? "  " : "", r->reason ? r->reason : "");
			model_meta_clear(&meta);
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
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
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
	struct store *st = store_open_config_read_only(app->cfg);
	if (!st || store_begin(st) != 0) {
		store_close(st);
		return 1;
	}
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

static int run_predict(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "metric", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	const char *week_text = NULL, *metric_opt = NULL;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
		switch (opt) {
		case 'w':
			week_text = optarg;
			break;
		case 'm':
			metric_opt = optarg;
			break;
		default:
			return command_usage(&cmd_predict);
		}
	}
	if (optind != argc || !week_text)
		return command_usage(&cmd_predict);
	long monday;
	if (!command_week_ok(week_text) || date_parse_week(week_text, &monday) != 0)
		return 2;
	const char *metric;
	if (predict_metric(app->cfg, metric_opt, &metric) != 0)
		return 1;
	struct store *st = store_open_config(app->cfg);
	if (!st)
		return 1;
	struct prediction *p = NULL;
	size_t n = 0;
	int rc = 1;
	if (store_begin(st) != 0)
		goto out;
	const char *lang;
	if (config_string(app->cfg, "site.language", "en", &lang) != 0 ||
	    predict_week_metric(st, metric, monday, &p, &n) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	char week[16];
	date_format_week(monday, week);
	if (n == 0)
		msg_info("%s: no film is released that week", week);
	else
		msg_info("%s: %zu films, predicted %s with intervals (model %ld)", week, n,
			 metric, p[0].model_id);
	for (size_t i = 0; i < n; i++) {
		char date[11];
		date_format(p[i].release, date);
		msg_info("%2zu. %-40.40s %s %10.0f  [%.0f, %.0f]", i + 1, p[i].title, date,
			 p[i].predicted, p[i].lower, p[i].upper);
		for (size_t r = 0; r < p[i].n_reasons; r++) {
			char *why = words_reason(lang, p[i].reasons[r].group, p[i].reasons[r].effect,
						 p[i].reasons[r].unknown);
			msg_info("      - %s", why);
			free(why);
		}
	}
	rc = 0;
out:
	predict_free(p, n);
	store_close(st);
	return rc;
}

const struct command cmd_predict = {
	.name = "predict",
	.run = run_predict,
	.usage = "predict --week YYYY-Www [--metric METRIC]",
	.summary = "predict a week's releases with the current model",
	.help = "Predicts the target metric (model.metric, default first_week_admissions) of\n"
		"every film released in the 7 days from the Monday of the week, with the\n"
		"current model, and stores the predictions for the weekly selection. Each\n"
		"comes with an interval (80% by default, model.interval_level) and the\n"
		"reasons that moved it most, in words.\n\n"
		"Options:\n"
		"  --week YYYY-Www  the ISO week, such as 2024-W27\n"
		"  --metric M       predict another imported outcome (a model for it must exist)\n",
};

static int run_backtest(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "json", required_argument, NULL, 'j' },
		{ "metric", required_argument, NULL, 'm' },
		{ "retrain-weeks", required_argument, NULL, 'r' },
		{ "search-weeks", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from_text = NULL, *to_text = NULL, *json_path = NULL, *metric_opt = NULL;
	long retrain_weeks = 1, search_weeks = -1;
	int opt;
	while ((opt = command_getopt(argc, argv, "", options)) != -1) {
		switch (opt) {
		case 'f':
			from_text = optarg;
			break;
		case 't':
			to_text = optarg;
			break;
		case 'j':
			json_path = optarg;
			break;
		case 'm':
			metric_opt = optarg;
			break;
		case 'r':
		case 's':
			if (parse_long(optarg, opt == 'r' ? &retrain_weeks : &search_weeks) != 0 ||
			    (opt == 'r' ? retrain_weeks < 1 : search_weeks < 0)) {
				msg_error("--%s \"%s\": expected a whole number of weeks",
					  opt == 'r' ? "retrain-weeks" : "search-weeks", optarg);
				return 2;
			}
			break;
		default:
			return command_usage(&cmd_backtest);
		}
	}
	if (optind != argc || !from_text)
		return command_usage(&cmd_backtest);
	long from, to = -1;
	if (date_parse(from_text, &from) != 0) {
		msg_error("--from \"%s\": expected a date YYYY-MM-DD", from_text);
		return 2;
	}
	if (to_text && date_parse(to_text, &to) != 0) {
		msg_error("--to \"%s\": expected a date YYYY-MM-DD", to_text);
		return 2;
	}
	if (to >= 0 && to < from) {
		msg_error("--to %s is before --from %s", to_text, from_text);
		return 2;
	}
	const char *metric;
	struct model_options mo;
	long cfg_search;
	if (predict_metric(app->cfg, metric_opt, &metric) != 0 ||
	    model_options_from_config(app->cfg, &mo) != 0 ||
	    config_long(app->cfg, "model.search_weeks", 13, 0, 1000, &cfg_search) != 0)
		return 1;
	if (search_weeks < 0)
		search_weeks = cfg_search;
	mo.importance = false;
	struct backtest_options bo = { .metric = metric, .model = mo, .from = from, .to = to,
				       .retrain_weeks = retrain_weeks, .search_weeks = search_weeks };
	struct store *st = store_open_config(app->cfg);
	if (!st)
		return 1;
	struct backtest_result r = { 0 };
	int rc = 1;
	if (store_begin(st) != 0 || backtest_run(st, &bo, &r) != 0)
		goto out;
	if (json_path && file_write_atomic(json_path, r.json, strlen(r.json)) != 0)
		goto out;
	if (store_commit(st) != 0)
		goto out;
	const struct backtest_summary *s = &r.summary;
	msg_info("backtest %ld: %s, %ld weeks, %ld films (%ld with an outcome)", r.id, metric,
		 s->weeks, s->films, s->scored);
	msg_info("rmse_log %.3f  mae_log %.3f  r2_log %.3f  spearman %.3f  capture_top2 %.3f "
		 "(over %ld weeks of 3+ candidates)  interval_coverage %.3f",
		 s->rmse, s->mae, s->r2, s->spearman, s->capture, s->capture_weeks, s->coverage);
	msg_info("90%% intervals, weeks resampled: r2_log %.3f..%.3f  spearman %.3f..%.3f  "
		 "capture_top2 %.3f..%.3f  interval_coverage %.3f..%.3f",
		 s->r2_ci[0], s->r2_ci[1], s->spearman_ci[0], s->spearman_ci[1], s->capture_ci[0],
		 s->capture_ci[1], s->coverage_ci[0], s->coverage_ci[1]);
	for (size_t k = 0; k < MODEL_STRATA; k++)
		msg_info("interval coverage, %-14s %.3f of %ld films", model_stratum_name(k),
			 s->stratum_coverage[k], s->stratum_films[k]);
	for (int k = 0; k < N_BASELINES; k++) {
		const struct backtest_summary *b = &r.baselines[k];
		msg_info("baseline %-13s rmse_log %.3f  r2_log %.3f  spearman %.3f  capture_top2 %.3f; "
			 "the model's gain, 90%%: r2_log %+.3f..%+.3f  spearman %+.3f..%+.3f  "
			 "capture_top2 %+.3f..%+.3f",
			 backtest_baseline_names[k], b->rmse, b->r2, b->spearman, b->capture,
			 b->r2_ci[0], b->r2_ci[1], b->spearman_ci[0], b->spearman_ci[1],
			 b->capture_ci[0], b->capture_ci[1]);
	}
	const struct backtest_decision *dec = &r.decision;
	msg_info("decision: %.0f admissions a week below the best pair in hindsight (%ld weeks), "
		 "the best pair picked in %.0f%% of them",
		 dec->weeks ? dec->regret_total / (double)dec->weeks : NAN, dec->weeks,
		 dec->best_share * 100);
	rc = 0;
out:
	backtest_result_clear(&r);
	store_close(st); /* rolls back whatever was not committed */
	return rc;
}

const struct command cmd_backtest = {
	.name = "backtest",
	.run = run_backtest,
	.usage = "backtest --from DATE [--to DATE] [--json FILE] [--metric METRIC]\n"
		 "                [--retrain-weeks N] [--search-weeks N]",
	.summary = "replay past weeks to measure the predictor honestly",
	.help = "Replays the weeks from --from to --to (default: the last release), ISO weeks\n"
		"from Monday. For each week, trains only on films released before the week's\n"
		"first day (features too see only outcomes from before it), predicts the\n"
		"week's films, picks the top two, and compares with what happened. Stores the\n"
		"per-film results (backtest_films) and a summary (backtests).\n\n"
		"Summary: weeks, films, rmse_log, mae_log, r2_log (on log1p of the metric),\n"
		"spearman (rank correlation over all films), capture_top2 (admissions of the\n"
		"two films picked, summed over weeks with at least three releases, divided by\n"
		"the same sum for the best two in hindsight), interval_coverage (share of\n"
		"outcomes inside the interval, also by stratum: complete or sparse facts,\n"
		"small or large prediction); baselines, the same figures for a linear SVR,\n"
		"the mean of the 10 nearest earlier films and the running mean, trained on\n"
		"the same films; decision, the admissions lost each week against the best\n"
		"pair in hindsight and the share of weeks where the picks were that pair.\n\n"
		"Options:\n"
		"  --json FILE         also write the summary as JSON\n"
		"  --retrain-weeks N   retrain every N weeks (default 1)\n"
		"  --search-weeks N    re-search hyper-parameters every N weeks (default\n"
		"                      model.search_weeks, 13; 0 = only the first week)\n"
		"  --metric M          the target metric (default: model.metric)\n",
};
