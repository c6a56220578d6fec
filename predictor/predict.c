/*
 * Predicting a week's releases with the current model: predict_week() for
 * the selection step, and the `marquee predict` command.
 */
#include "predict.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/command.h"
#include "../common/buf.h"
#include "../common/date.h"
#include "../common/msg.h"
#include "../common/xalloc.h"
#include "features.h"
#include "model.h"
#include "store_models.h"

#define MAX_REASONS 3

int predict_metric(const struct config *cfg, const char *override, const char **metric)
{
	if (override) {
		*metric = override;
		return 0;
	}
	return config_string(cfg, "model.metric", "first_week_admissions", metric);
}

void predict_free(struct prediction *p, size_t n)
{
	if (!p)
		return;
	for (size_t i = 0; i < n; i++) {
		free(p[i].key);
		free(p[i].title);
		for (size_t r = 0; r < p[i].n_reasons; r++)
			free(p[i].reasons[r]);
		free(p[i].reasons);
	}
	free(p);
}

static int by_predicted(const void *a, const void *b)
{
	const struct prediction *x = a, *y = b;
	if (x->predicted != y->predicted)
		return x->predicted < y->predicted ? 1 : -1;
	return (x->film_id > y->film_id) - (x->film_id < y->film_id);
}

/* The explanation as stored: a JSON array of sentences. */
static char *reasons_json(char *const *reasons, size_t n)
{
	struct buf b = BUF_INIT;
	buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, i ? ",\"" : "\"");
		for (const char *s = reasons[i]; *s; s++) {
			if (*s == '"' || *s == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *s);
		}
		buf_putc(&b, '"');
	}
	buf_putc(&b, ']');
	return buf_detach(&b);
}

int predict_week_metric(struct store *st, const char *metric, const char *lang, long week_start,
			struct prediction **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct model_record rec = { 0 };
	bool found;
	struct model *model = NULL;
	struct film_facts *films = NULL;
	size_t n_films = 0;
	struct feature_matrix m = { 0 };
	struct prediction *list = NULL;
	size_t count = 0, cap = 0;
	int rc = -1;
	char week[16];
	date_format_week(week_start, week);

	if (store_model_current(st, metric, &rec, &found) != 0)
		goto out;
	if (!found) {
		msg_error("no current model for %s; run 'marquee train' first", metric);
		goto out;
	}
	model = model_from_record(&rec);
	if (!model)
		goto out;
	if (store_facts_load(st, metric, &films, &n_films) != 0 ||
	    features_build(films, n_films, week_start, &m) != 0)
		goto out;
	for (size_t i = 0; i < n_films; i++) {
		if (films[i].release < week_start || films[i].release >= week_start + 7)
			continue;
		list = xgrow(list, &cap, count + 1, sizeof *list);
		struct prediction *p = &list[count++];
		memset(p, 0, sizeof *p);
		const double *x = m.x + i * m.n_cols;
		double pred, lo, hi;
		model_predict(model, x, m.sparse[i], &pred, &lo, &hi);
		p->film_id = films[i].id;
		p->key = xstrdup(films[i].key);
		p->title = xstrdup(films[i].title);
		p->release = films[i].release;
		p->predicted = fmax(0, expm1(pred));
		p->lower = fmax(0, expm1(lo));
		p->upper = fmax(0, expm1(hi));
		p->actual = films[i].target;
		p->model_id = rec.id;
		struct model_reason reasons[MAX_REASONS];
		size_t k = model_explain(model, x, reasons, MAX_REASONS);
		p->reasons = xcalloc(k ? k : 1, sizeof *p->reasons);
		for (size_t r = 0; r < k; r++)
			p->reasons[r] = model_reason_text(&reasons[r], lang);
		p->n_reasons = k;
		char *json = reasons_json(p->reasons, p->n_reasons);
		int put = store_prediction_put(st, rec.id, p->film_id, week, p->predicted, p->lower,
					       p->upper, json);
		free(json);
		if (put != 0)
			goto out;
	}
	if (count > 1)
		qsort(list, count, sizeof *list, by_predicted);
	rc = 0;
out:
	if (rc != 0) {
		predict_free(list, count);
		list = NULL;
		count = 0;
	}
	*out = list;
	*n = count;
	features_free(&m);
	film_facts_free(films, n_films);
	model_free(model);
	model_record_clear(&rec);
	return rc;
}

int predict_week(struct store *st, const struct config *cfg, long week_start,
		 struct prediction **out, size_t *n)
{
	const char *metric, *lang;
	if (predict_metric(cfg, NULL, &metric) != 0 ||
	    config_string(cfg, "site.language", "en", &lang) != 0)
		return -1;
	return predict_week_metric(st, metric, lang, week_start, out, n);
}

static int run_predict(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "metric", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	const char *week_text = NULL, *metric_opt = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
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
	    predict_week_metric(st, metric, lang, monday, &p, &n) != 0 || store_commit(st) != 0) {
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
		for (size_t r = 0; r < p[i].n_reasons; r++)
			msg_info("      - %s", p[i].reasons[r]);
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
