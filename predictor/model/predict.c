/* Predicting a week's releases with the current model (predict.h). */
#include "predictor/model/predict.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/model/features.h"
#include "predictor/model/model.h"
#include "predictor/store/store_models.h"

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

/* The explanation as stored: a JSON array of {group, effect}. */
static char *reasons_json(const struct prediction_reason *reasons, size_t n)
{
	struct buf b = BUF_INIT;
	buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s{\"group\":\"%s\",\"effect\":%.4f%s}", i ? "," : "",
			   reasons[i].group, reasons[i].effect,
			   reasons[i].unknown ? ",\"unknown\":true" : "");
	buf_putc(&b, ']');
	return buf_detach(&b);
}

int predict_week_metric(struct store *st, const char *metric, long week_start,
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
		struct model_reason reasons[PREDICT_MAX_REASONS];
		size_t k = model_explain(model, x, reasons, PREDICT_MAX_REASONS);
		for (size_t r = 0; r < k; r++)
			p->reasons[r] = (struct prediction_reason){
				features_group(reasons[r].group)->name, reasons[r].effect,
				features_group_missing(x, reasons[r].group) };
		p->n_reasons = k;
		/* a command that only looks (select) reads the stores only */
		if (store_read_only(st))
			continue;
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
	const char *metric;
	if (predict_metric(cfg, NULL, &metric) != 0)
		return -1;
	return predict_week_metric(st, metric, week_start, out, n);
}

