/*
 * Fitting a predictor (scaling, grid search, out-of-fold residuals for the
 * conformal interval, permutation importance, final fit), explaining its
 * predictions, and its JSON form in the model registry.
 */
#include "predictor/model/model.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/msg.h"
#include "common/xalloc.h"

static const double default_C[] = { 1, 3, 10 };
static const double default_gamma[] = { 0.005, 0.015, 0.04 };
static const double default_epsilon[] = { 0.1, 0.3 };

void model_options_default(struct model_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->grid.kernel = SVR_RBF;
	opt->grid.C = default_C;
	opt->grid.n_C = sizeof default_C / sizeof *default_C;
	opt->grid.gamma = default_gamma;
	opt->grid.n_gamma = sizeof default_gamma / sizeof *default_gamma;
	opt->grid.epsilon = default_epsilon;
	opt->grid.n_epsilon = sizeof default_epsilon / sizeof *default_epsilon;
	opt->search = true;
	opt->fixed = (struct svr_params){ SVR_RBF, 3, 0.015, 0.3 };
	opt->folds = 4;
	opt->seed = 1;
	opt->threads = 2;
	opt->level = 0.8;
	opt->importance = true;
}

int model_options_from_config(const struct config *cfg, struct model_options *opt)
{
	model_options_default(opt);
	const char *kernel;
	long folds, seed, threads;
	double level;
	if (config_string(cfg, "model.kernel", "rbf", &kernel) != 0 ||
	    config_long(cfg, "model.folds", 4, 2, 20, &folds) != 0 ||
	    config_long(cfg, "model.seed", 1, 0, 2147483647L, &seed) != 0 ||
	    config_long(cfg, "model.threads", 2, 1, 16, &threads) != 0 ||
	    config_double(cfg, "model.interval_level", 0.8, 0.5, 0.99, &level) != 0)
		return -1;
	if (strcmp(kernel, "linear") == 0) {
		opt->grid.kernel = SVR_LINEAR;
		opt->fixed.kernel = SVR_LINEAR;
	} else if (strcmp(kernel, "rbf") != 0) {
		config_error(cfg, config_node(cfg, "model.kernel"), "model.kernel",
			     "\"%s\" is not a kernel (rbf or linear)", kernel);
		return -1;
	}
	opt->folds = (size_t)folds;
	opt->seed = (unsigned)seed;
	opt->threads = (int)threads;
	opt->level = level;
	return 0;
}

void model_free(struct model *model)
{
	if (!model)
		return;
	free(model->mean);
	free(model->sd);
	free(model->importance);
	svr_free(model->svr);
	free(model);
}

static const char *const stratum_names[MODEL_STRATA] = { "complete_small", "complete_large",
							 "sparse_small", "sparse_large" };
/* Fewer out-of-fold residuals than this in a stratum: it takes the pooled
 * half-width. */
#define MIN_STRATUM 30
/* The interval is calibrated on the residuals of this many last folds. */
#define CALIBRATION_FOLDS 2

const char *model_stratum_name(size_t stratum)
{
	return stratum < MODEL_STRATA ? stratum_names[stratum] : NULL;
}

size_t model_stratum(const struct model *model, double pred, bool sparse)
{
	return (sparse ? 2 : 0) + (pred >= model->size_threshold[sparse] ? 1 : 0);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* A small deterministic generator for permutations (rand() is libsvm's). */
static uint64_t lcg_next(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return *state >> 33;
}

static void hash_hex(const double *x, size_t nx, const double *y, size_t ny, char out[17])
{
	uint64_t h = 1469598103934665603ULL;
	const unsigned char *p = (const unsigned char *)x;
	for (size_t i = 0; i < nx * sizeof *x; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	p = (const unsigned char *)y;
	for (size_t i = 0; i < ny * sizeof *y; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void model_data_hash(const struct feature_matrix *m, const size_t *rows, size_t n_rows,
		     char out[17])
{
	size_t d = m->n_cols;
	double *raw = xmalloc((n_rows ? n_rows : 1) * d * sizeof *raw);
	double *y = xmalloc((n_rows ? n_rows : 1) * sizeof *y);
	for (size_t i = 0; i < n_rows; i++) {
		memcpy(raw + i * d, m->x + rows[i] * d, d * sizeof *raw);
		y[i] = m->y[rows[i]];
	}
	hash_hex(raw, n_rows * d, y, n_rows, out);
	free(raw);
	free(y);
}

/* Split-conformal: the ceil((m + 1) * level)-th smallest of m absolute
 * residuals (sorted here). */
static double conformal(double *abs_res, size_t m, double level)
{
	qsort(abs_res, m, sizeof *abs_res, cmp_double);
	size_t rank = (size_t)ceil(((double)m + 1) * level);
	if (rank < 1)
		rank = 1;
	return abs_res[(rank > m ? m : rank) - 1];
}

/*
 * Out-of-fold predictions, conformal half-widths (pooled and per stratum;
 * sparse[i] tells row i's documentation, NULL for none sparse) and
 * permutation importance.
 */
static int cross_validate(struct model *model, const double *z, const double *y,
			  const bool *sparse, size_t n, const size_t *bounds,
			  const struct model_options *opt)
{
	size_t d = model->d, n_groups = features_group_count();
	size_t first = bounds[0], n_valid = n - first;
	double *oof = xcalloc(n_valid, sizeof *oof);
	double *perm_sse = opt->importance ? xcalloc(n_groups, sizeof *perm_sse) : NULL;
	double *shuffled = xmalloc(n_valid * d * sizeof *shuffled);
	double *perm_pred = xmalloc(n_valid * sizeof *perm_pred);
	size_t *order = xmalloc(n_valid * sizeof *order);
	int rc = -1;
	for (size_t k = 0; k < opt->folds; k++) {
		struct svr_model *fm = svr_train(z, y, bounds[k], d, &model->params);
		if (!fm)
			goto out;
		size_t lo = bounds[k], hi = bounds[k + 1], m = hi - lo;
		svr_predict_rows(fm, z + lo * d, m, oof + (lo - first));
		for (size_t g = 0; opt->importance && g < n_groups; g++) {
			/* The same permutation of the fold's rows for every column of
			 * the group keeps the group's values together. */
			uint64_t state = opt->seed * 1000003ULL + g * 7919ULL + k;
			for (size_t i = 0; i < m; i++)
				order[i] = i;
			for (size_t i = m; i > 1; i--) {
				size_t j = lcg_next(&state) % i;
				size_t t = order[i - 1];
				order[i - 1] = order[j];
				order[j] = t;
			}
			memcpy(shuffled, z + lo * d, m * d * sizeof *z);
			for (size_t c = 0; c < d; c++)
				if (features_group_of(c) == g)
					for (size_t i = 0; i < m; i++)
						shuffled[i * d + c] = z[(lo + order[i]) * d + c];
			svr_predict_rows(fm, shuffled, m, perm_pred);
			for (size_t i = 0; i < m; i++) {
				double e = perm_pred[i] - y[lo + i];
				perm_sse[g] += e * e;
			}
		}
		svr_free(fm);
	}
	double sse = 0, sae = 0, mean = 0, sst = 0;
	for (size_t i = 0; i < n_valid; i++)
		mean += y[first + i];
	mean /= (double)n_valid;
	double *abs_res = xmalloc(n_valid * sizeof *abs_res);
	for (size_t i = 0; i < n_valid; i++) {
		double e = oof[i] - y[first + i];
		sse += e * e;
		sae += fabs(e);
		sst += (y[first + i] - mean) * (y[first + i] - mean);
		abs_res[i] = fabs(e);
	}
	model->cv_rmse = sqrt(sse / (double)n_valid);
	model->cv_mae = sae / (double)n_valid;
	model->cv_r2 = sst > 0 ? 1 - sse / sst : 0;
	model->cv_rows = (long)n_valid;
	/*
	 * The interval is calibrated on the last CALIBRATION_FOLDS folds only:
	 * their models were trained on most of the rows, up to recent weeks,
	 * like the final model, whose errors the first folds' (trained on a
	 * fifth of the rows) overstate.
	 */
	size_t k0 = opt->folds > CALIBRATION_FOLDS ? opt->folds - CALIBRATION_FOLDS : 0;
	size_t cal = bounds[k0] - first, n_cal = n_valid - cal;
	double *cal_res = abs_res + cal, *cal_oof = oof + cal;
	/* Strata: among complete films and among sparse ones, the median
	 * out-of-fold prediction splits small from large. */
	double *sorted = xmalloc(n_cal * sizeof *sorted);
	for (int group = 0; group < 2; group++) {
		size_t m = 0;
		for (size_t i = 0; i < n_cal; i++)
			if ((sparse && sparse[first + cal + i]) == group)
				sorted[m++] = cal_oof[i];
		qsort(sorted, m, sizeof *sorted, cmp_double);
		model->size_threshold[group] = m ? sorted[m / 2] : 0;
	}
	free(sorted);
	double *stratum_res = xmalloc(n_cal * sizeof *stratum_res);
	for (size_t st = 0; st < MODEL_STRATA; st++) {
		size_t m = 0;
		for (size_t i = 0; i < n_cal; i++)
			if (model_stratum(model, cal_oof[i], sparse && sparse[first + cal + i]) == st)
				stratum_res[m++] = cal_res[i];
		model->stratum_rows[st] = (long)m;
		model->stratum_half_width[st] = m >= MIN_STRATUM ? conformal(stratum_res, m, opt->level)
								 : NAN;
	}
	free(stratum_res);
	model->half_width = conformal(cal_res, n_cal, opt->level);
	for (size_t st = 0; st < MODEL_STRATA; st++)
		if (isnan(model->stratum_half_width[st]))
			model->stratum_half_width[st] = model->half_width;
	free(abs_res);
	if (opt->importance) {
		model->importance = xcalloc(n_groups, sizeof *model->importance);
		for (size_t g = 0; g < n_groups; g++)
			model->importance[g] = sqrt(perm_sse[g] / (double)n_valid) - model->cv_rmse;
	}
	rc = 0;
out:
	free(oof);
	free(perm_sse);
	free(shuffled);
	free(perm_pred);
	free(order);
	return rc;
}

struct model *model_fit(const struct feature_matrix *m, const size_t *rows, size_t n_rows,
			const struct model_options *opt)
{
	size_t d = m->n_cols;
	if (n_rows == 0) {
		msg_error("no training rows: no film has a value for the target metric");
		return NULL;
	}
	size_t *bounds = xcalloc(opt->folds + 1, sizeof *bounds);
	for (size_t k = 0; k <= opt->folds; k++)
		bounds[k] = n_rows * (k + 1) / (opt->folds + 1);
	struct model *model = NULL;
	double *z = NULL, *y = NULL, *raw = NULL;
	bool *sparse = NULL;
	if (svr_folds_check(n_rows, bounds, opt->folds) != 0)
		goto fail;
	model = xcalloc(1, sizeof *model);
	model->d = d;
	model->folds = opt->folds;
	model->level = opt->level;
	model->rows = (long)n_rows;
	model->mean = xcalloc(d, sizeof *model->mean);
	model->sd = xcalloc(d, sizeof *model->sd);
	features_scale_fit(m, rows, n_rows, model->mean, model->sd);
	z = xmalloc(n_rows * d * sizeof *z);
	raw = xmalloc(n_rows * d * sizeof *raw);
	y = xmalloc(n_rows * sizeof *y);
	sparse = xcalloc(n_rows, sizeof *sparse);
	for (size_t i = 0; i < n_rows; i++) {
		sparse[i] = m->sparse && m->sparse[rows[i]];
		memcpy(raw + i * d, m->x + rows[i] * d, d * sizeof *raw);
		features_scale_apply(m->x + rows[i] * d, d, model->mean, model->sd, z + i * d);
		y[i] = m->y[rows[i]];
	}
	hash_hex(raw, n_rows * d, y, n_rows, model->data_hash);
	if (opt->search) {
		double rmse;
		if (svr_grid_search(z, y, n_rows, d, bounds, opt->folds, &opt->grid, opt->seed,
				    opt->threads, &model->params, &rmse) != 0)
			goto fail;
	} else {
		model->params = opt->fixed;
	}
	if (cross_validate(model, z, y, sparse, n_rows, bounds, opt) != 0)
		goto fail;
	struct svr_model *trained = svr_train(z, y, n_rows, d, &model->params);
	if (!trained)
		goto fail;
	/* libsvm saves support vectors with 8 digits: predict with the model as
	 * saved, so that a model reloaded from the registry gives identical
	 * predictions. */
	char *text = svr_model_text(trained);
	svr_free(trained);
	model->svr = text ? svr_model_parse(text, d, "the new model") : NULL;
	free(text);
	if (!model->svr)
		goto fail;
	free(bounds);
	free(z);
	free(raw);
	free(y);
	free(sparse);
	return model;
fail:
	free(bounds);
	free(z);
	free(raw);
	free(y);
	free(sparse);
	model_free(model);
	return NULL;
}

void model_predict(const struct model *model, const double *x, bool sparse, double *pred,
		   double *lower, double *upper)
{
	double *z = xmalloc(model->d * sizeof *z);
	features_scale_apply(x, model->d, model->mean, model->sd, z);
	*pred = svr_predict(model->svr, z);
	double half = model->stratum_half_width[model_stratum(model, *pred, sparse)];
	*lower = *pred - half;
	*upper = *pred + half;
	free(z);
}

size_t model_explain(const struct model *model, const double *x, struct model_reason *out,
		     size_t max_reasons)
{
	size_t d = model->d, n_groups = features_group_count(), n = 0;
	double *z = xmalloc(d * sizeof *z), *masked = xmalloc(d * sizeof *masked);
	features_scale_apply(x, d, model->mean, model->sd, z);
	double base = svr_predict(model->svr, z);
	struct model_reason *all = xcalloc(n_groups, sizeof *all);
	for (size_t g = 0; g < n_groups; g++) {
		memcpy(masked, z, d * sizeof *z);
		for (size_t c = 0; c < d; c++)
			if (features_group_of(c) == g)
				masked[c] = 0; /* the training mean, once scaled */
		all[g].group = g;
		all[g].effect = base - svr_predict(model->svr, masked);
	}
	/* Selection of the largest |effect|, stable in group order. */
	for (size_t r = 0; r < max_reasons; r++) {
		size_t best = n_groups;
		for (size_t g = 0; g < n_groups; g++)
			if (fabs(all[g].effect) >= 0.05 &&
			    (best == n_groups || fabs(all[g].effect) > fabs(all[best].effect)))
				best = g;
		if (best == n_groups)
			break;
		out[n++] = all[best];
		all[best].effect = 0;
	}
	free(all);
	free(z);
	free(masked);
	return n;
}

static cJSON *double_array(const double *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber(v[i]));
	return a;
}

char *model_meta_json(const struct model *model, const char *metric, const char *train_until)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "metric", metric);
	cJSON_AddStringToObject(o, "target", "log1p");
	cJSON_AddStringToObject(o, "train_until", train_until);
	cJSON *names = cJSON_AddArrayToObject(o, "features");
	for (size_t j = 0; j < model->d; j++)
		cJSON_AddItemToArray(names, cJSON_CreateString(features_name(j)));
	cJSON_AddItemToObject(o, "mean", double_array(model->mean, model->d));
	cJSON_AddItemToObject(o, "sd", double_array(model->sd, model->d));
	cJSON_AddStringToObject(o, "kernel", model->params.kernel == SVR_LINEAR ? "linear" : "rbf");
	cJSON_AddNumberToObject(o, "C", model->params.C);
	cJSON_AddNumberToObject(o, "gamma", model->params.gamma);
	cJSON_AddNumberToObject(o, "epsilon", model->params.epsilon);
	cJSON *cv = cJSON_AddObjectToObject(o, "cv");
	cJSON_AddNumberToObject(cv, "folds", (double)model->folds);
	cJSON_AddNumberToObject(cv, "rows", (double)model->cv_rows);
	cJSON_AddNumberToObject(cv, "rmse_log", model->cv_rmse);
	cJSON_AddNumberToObject(cv, "mae_log", model->cv_mae);
	cJSON_AddNumberToObject(cv, "r2_log", model->cv_r2);
	cJSON *iv = cJSON_AddObjectToObject(o, "interval");
	cJSON_AddNumberToObject(iv, "level", model->level);
	cJSON_AddNumberToObject(iv, "half_width_log", model->half_width);
	cJSON *thresholds = cJSON_AddObjectToObject(iv, "size_threshold_log");
	cJSON_AddNumberToObject(thresholds, "complete", model->size_threshold[0]);
	cJSON_AddNumberToObject(thresholds, "sparse", model->size_threshold[1]);
	cJSON *strata = cJSON_AddObjectToObject(iv, "strata");
	for (size_t st = 0; st < MODEL_STRATA; st++) {
		cJSON *one = cJSON_AddObjectToObject(strata, stratum_names[st]);
		cJSON_AddNumberToObject(one, "half_width_log", model->stratum_half_width[st]);
		cJSON_AddNumberToObject(one, "rows", (double)model->stratum_rows[st]);
	}
	if (model->importance) {
		cJSON *imp = cJSON_AddObjectToObject(o, "importance");
		for (size_t g = 0; g < features_group_count(); g++)
			cJSON_AddNumberToObject(imp, features_group(g)->name, model->importance[g]);
	}
	cJSON_AddNumberToObject(o, "rows", (double)model->rows);
	cJSON_AddStringToObject(o, "data_hash", model->data_hash);
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	char *owned = xstrdup(text);
	cJSON_free(text);
	return owned;
}

char *model_svr_text(const struct model *model)
{
	return svr_model_text(model->svr);
}

static int read_array(const cJSON *o, const char *key, double *out, size_t n)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsArray(a) || (size_t)cJSON_GetArraySize(a) != n)
		return -1;
	size_t i = 0;
	const cJSON *v;
	cJSON_ArrayForEach(v, a)
	{
		if (!cJSON_IsNumber(v))
			return -1;
		out[i++] = v->valuedouble;
	}
	return 0;
}

static double number(const cJSON *o, const char *key, double def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : def;
}

void model_meta_clear(struct model_meta *meta)
{
	free(meta->metric);
	free(meta->train_until);
	for (size_t g = 0; g < meta->n_groups; g++)
		free(meta->groups[g]);
	free(meta->groups);
	free(meta->importance);
	memset(meta, 0, sizeof *meta);
}

static char *string_or_null(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

int model_meta_parse(const char *json, struct model_meta *out, const char *what)
{
	memset(out, 0, sizeof *out);
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	if (!o || !cJSON_IsObject(o)) {
		if (what)
			msg_error("%s: its metadata is not valid JSON (corrupt registry)", what);
		cJSON_Delete(o);
		return -1;
	}
	out->metric = string_or_null(o, "metric");
	out->train_until = string_or_null(o, "train_until");
	const cJSON *kernel = cJSON_GetObjectItemCaseSensitive(o, "kernel");
	out->params.kernel = cJSON_IsString(kernel) && strcmp(kernel->valuestring, "linear") == 0
				     ? SVR_LINEAR
				     : SVR_RBF;
	out->params.C = number(o, "C", 0);
	out->params.gamma = number(o, "gamma", 0);
	out->params.epsilon = number(o, "epsilon", 0);
	const cJSON *cv = cJSON_GetObjectItemCaseSensitive(o, "cv");
	out->folds = (size_t)number(cv, "folds", 0);
	out->cv_rows = (long)number(cv, "rows", 0);
	out->cv_rmse = number(cv, "rmse_log", NAN);
	out->cv_mae = number(cv, "mae_log", NAN);
	out->cv_r2 = number(cv, "r2_log", NAN);
	const cJSON *iv = cJSON_GetObjectItemCaseSensitive(o, "interval");
	out->level = number(iv, "level", NAN);
	out->half_width = number(iv, "half_width_log", NAN);
	/* A model stored before strata has one width for all. */
	const cJSON *thresholds = cJSON_GetObjectItemCaseSensitive(iv, "size_threshold_log");
	out->size_threshold[0] = number(thresholds, "complete", 0);
	out->size_threshold[1] = number(thresholds, "sparse", 0);
	const cJSON *strata = cJSON_GetObjectItemCaseSensitive(iv, "strata");
	bool strata_ok = true;
	for (size_t st = 0; st < MODEL_STRATA; st++) {
		const cJSON *one = cJSON_GetObjectItemCaseSensitive(strata, stratum_names[st]);
		out->stratum_half_width[st] = number(one, "half_width_log", out->half_width);
		out->stratum_rows[st] = (long)number(one, "rows", 0);
		strata_ok &= out->stratum_half_width[st] >= 0 || isnan(out->half_width);
	}
	const cJSON *imp = cJSON_GetObjectItemCaseSensitive(o, "importance");
	size_t n = cJSON_IsObject(imp) ? (size_t)cJSON_GetArraySize(imp) : 0;
	out->groups = xcalloc(n ? n : 1, sizeof *out->groups);
	out->importance = xcalloc(n ? n : 1, sizeof *out->importance);
	const cJSON *g;
	if (n)
		cJSON_ArrayForEach(g, imp)
		{
			out->groups[out->n_groups] = xstrdup(g->string);
			out->importance[out->n_groups++] = cJSON_IsNumber(g) ? g->valuedouble : 0;
		}
	cJSON_Delete(o);
	if (isnan(out->half_width) || isnan(out->cv_rmse) || !strata_ok) {
		if (what)
			msg_error("%s: its metadata lacks the interval or the validated error, or "
				  "an interval is corrupt", what);
		model_meta_clear(out);
		return -1;
	}
	return 0;
}

struct model *model_from_record(const struct model_record *rec)
{
	char what[64];
	snprintf(what, sizeof what, "model %ld", rec->id);
	if (!rec->meta || !rec->model || !*rec->model) {
		msg_error("%s: the model is missing from the registry; run 'marquee train'", what);
		return NULL;
	}
	cJSON *o = cJSON_Parse(rec->meta);
	struct model *model = NULL;
	if (!o || !cJSON_IsObject(o)) {
		msg_error("%s: its metadata is not valid JSON (corrupt registry)", what);
		goto fail;
	}
	size_t d = features_count();
	const cJSON *names = cJSON_GetObjectItemCaseSensitive(o, "features");
	bool same = cJSON_IsArray(names) && (size_t)cJSON_GetArraySize(names) == d;
	for (size_t j = 0; same && j < d; j++) {
		const cJSON *s = cJSON_GetArrayItem(names, (int)j);
		same = cJSON_IsString(s) && strcmp(s->valuestring, features_name(j)) == 0;
	}
	if (!same) {
		msg_error("%s: it was trained on other features than this marquee computes; "
			  "run 'marquee train' again", what);
		goto fail;
	}
	model = xcalloc(1, sizeof *model);
	model->d = d;
	model->mean = xcalloc(d, sizeof *model->mean);
	model->sd = xcalloc(d, sizeof *model->sd);
	if (read_array(o, "mean", model->mean, d) != 0 || read_array(o, "sd", model->sd, d) != 0) {
		msg_error("%s: its scaling is missing or corrupt", what);
		goto fail;
	}
	for (size_t j = 0; j < d; j++)
		if (!(model->sd[j] > 0)) {
			msg_error("%s: its scaling is corrupt (sd of %s)", what, features_name(j));
			goto fail;
		}
	struct model_meta meta;
	if (model_meta_parse(rec->meta, &meta, what) != 0)
		goto fail;
	model->params = meta.params;
	model->cv_rmse = meta.cv_rmse;
	model->cv_mae = meta.cv_mae;
	model->cv_r2 = meta.cv_r2;
	model->cv_rows = meta.cv_rows;
	model->folds = meta.folds;
	model->level = meta.level;
	model->half_width = meta.half_width;
	model->rows = rec->rows;
	snprintf(model->data_hash, sizeof model->data_hash, "%s", rec->data_hash ? rec->data_hash : "");
	for (size_t st = 0; st < MODEL_STRATA; st++) {
		model->stratum_half_width[st] = meta.stratum_half_width[st];
		model->stratum_rows[st] = meta.stratum_rows[st];
	}
	model->size_threshold[0] = meta.size_threshold[0];
	model->size_threshold[1] = meta.size_threshold[1];
	if (meta.n_groups) {
		model->importance = xcalloc(features_group_count(), sizeof *model->importance);
		for (size_t g = 0; g < features_group_count(); g++)
			for (size_t k = 0; k < meta.n_groups; k++)
				if (strcmp(meta.groups[k], features_group(g)->name) == 0)
					model->importance[g] = meta.importance[k];
	}
	model_meta_clear(&meta);
	model->svr = svr_model_parse(rec->model, d, what);
	if (!model->svr)
		goto fail;
	cJSON_Delete(o);
	return model;
fail:
	cJSON_Delete(o);
	model_free(model);
	return NULL;
}
