/*
 * The walk-forward backtest (backtest.h) and its summary figures. Simple
 * baselines trained on the same films (a linear SVR, the nearest earlier
 * films, the running mean) are scored on the same weeks, so the summary
 * shows what the model adds, and the picks' regret against the best pair in
 * hindsight says what its errors cost the decision.
 */
#include "predictor/model/backtest.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/model/features.h"
#include "predictor/model/metrics.h"
#include "predictor/model/model.h"
#include "predictor/model/svr.h"
#include "predictor/store/store_models.h"

const char *const backtest_baseline_names[N_BASELINES] = { "linear_svr", "nearest_10",
								   "running_mean" };
#define baseline_names backtest_baseline_names
/* Earlier films averaged by the nearest-films baseline. */
#define NEAREST 10

struct bt_film {
	size_t index;     /* into the facts */
	long week_start;  /* Monday of its week */
	double pred, lower, upper; /* log scale */
	double actual;    /* log1p(target) or NAN */
	bool picked;
	size_t stratum;   /* the interval's stratum (model_stratum) */
	double baseline[N_BASELINES]; /* log-scale predictions of the baselines */
};


/* The prediction scored: the model's (which = -1) or a baseline's. */
static double pred_of(const struct bt_film *f, int which)
{
	return which < 0 ? f->pred : f->baseline[which];
}

/* Marks the two highest predictions of f[lo..hi) (ties: the earlier film). */
static void pick_two(const struct bt_film *f, size_t lo, size_t hi, int which, bool *picked)
{
	for (size_t i = lo; i < hi; i++)
		picked[i - lo] = false;
	for (int pick = 0; pick < 2; pick++) {
		size_t best = hi;
		for (size_t i = lo; i < hi; i++)
			if (!picked[i - lo] && (best == hi || pred_of(&f[i], which) > pred_of(&f[best], which)))
				best = i;
		if (best < hi)
			picked[best - lo] = true;
	}
}

/*
 * Over the weeks of f with a real choice (metrics_week_choice): the
 * admissions of the two picked by the prediction `which` and of the best two
 * in hindsight, summed, and the decision's regret when d is given.
 */
static void weeks_top2(const struct bt_film *f, size_t n, int which, double *got_sum,
		       double *best_sum, struct backtest_decision *d)
{
	bool *picked = xcalloc(n ? n : 1, sizeof *picked);
	struct metrics_pick *week = xcalloc(n ? n : 1, sizeof *week);
	double got_all = 0, best_all = 0;
	long weeks = 0, best_weeks = 0;
	for (size_t lo = 0; lo < n;) {
		size_t hi = lo;
		while (hi < n && f[hi].week_start == f[lo].week_start)
			hi++;
		pick_two(f, lo, hi, which, picked);
		for (size_t i = lo; i < hi; i++)
			week[i - lo] = (struct metrics_pick){
				isnan(f[i].actual) ? NAN : expm1(f[i].actual), picked[i - lo] };
		double got, best;
		if (metrics_week_choice(week, hi - lo, &got, &best)) {
			got_all += got;
			best_all += best;
			weeks++;
			/* Equal sums, not equal films: a tie in admissions is no loss. */
			best_weeks += got >= best;
		}
		lo = hi;
	}
	free(week);
	free(picked);
	*got_sum = got_all;
	*best_sum = best_all;
	if (d) {
		d->weeks = weeks;
		d->regret_total = best_all - got_all;
		d->best_share = weeks ? (double)best_weeks / (double)weeks : NAN;
	}
}

/* The share of the best two's admissions the picked two got, over the weeks
 * with a real choice (3+ known candidates for two screens); *weeks counts them. */
static double capture_top2(const struct bt_film *f, size_t n, int which, long *weeks)
{
	double got, best;
	struct backtest_decision d;
	weeks_top2(f, n, which, &got, &best, &d);
	*weeks = d.weeks;
	return best > 0 ? got / best : NAN;
}

/* Scores the prediction `which` (-1: the model, with its interval). */
static void summarise(const struct bt_film *f, size_t n, int which, struct backtest_summary *s)
{
	double *p = xmalloc((n ? n : 1) * sizeof *p), *a = xmalloc((n ? n : 1) * sizeof *a);
	size_t k = 0, inside = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(f[i].actual)) {
			p[k] = pred_of(&f[i], which);
			a[k] = f[i].actual;
			inside += f[i].actual >= f[i].lower && f[i].actual <= f[i].upper;
			k++;
		}
	s->films = (long)n;
	s->scored = (long)k;
	for (int e = 0; e < 2; e++)
		s->r2_ci[e] = s->spearman_ci[e] = s->capture_ci[e] = s->coverage_ci[e] = NAN;
	long stratum_inside[MODEL_STRATA] = { 0 };
	for (size_t st = 0; st < MODEL_STRATA; st++)
		s->stratum_films[st] = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(f[i].actual)) {
			s->stratum_films[f[i].stratum]++;
			stratum_inside[f[i].stratum] +=
				f[i].actual >= f[i].lower && f[i].actual <= f[i].upper;
		}
	for (size_t st = 0; st < MODEL_STRATA; st++)
		s->stratum_coverage[st] = which < 0 && s->stratum_films[st]
						  ? (double)stratum_inside[st] / (double)s->stratum_films[st]
						  : NAN;
	s->weeks = 0;
	for (size_t i = 0; i < n; i++)
		s->weeks += i == 0 || f[i].week_start != f[i - 1].week_start;
	struct metrics_fit fit;
	metrics_fit_of(p, a, k, &fit);
	s->rmse = fit.rmse;
	s->mae = fit.mae;
	s->r2 = fit.r2;
	s->spearman = fit.spearman;
	s->coverage = which < 0 && k ? (double)inside / (double)k : NAN;
	s->capture_weeks = 0;
	s->capture = k ? capture_top2(f, n, which, &s->capture_weeks) : NAN;
	free(p);
	free(a);
}

/* The level's central interval of v[0..n) (sorted in place); NAN when empty. */
static void percentile_interval(double *v, size_t n, double out[2])
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[k++] = v[i];
	out[0] = out[1] = NAN;
	if (k < 2)
		return;
	for (size_t i = 1; i < k; i++) /* insertion sort: a few hundred values */
		for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	double tail = (1 - BACKTEST_CI_LEVEL) / 2;
	out[0] = v[(size_t)floor(tail * (double)(k - 1))];
	out[1] = v[(size_t)ceil((1 - tail) * (double)(k - 1))];
}

/*
 * The 90% intervals of the summaries (backtest.h): the backtest's weeks
 * drawn again with replacement, BACKTEST_RESAMPLES times, every figure
 * recomputed on each draw. A week moves with all its films, since their
 * errors share the week (its market, its competition). The draws come
 * from a fixed seed, so one backtest always gives the same intervals.
 */
static void summarise_intervals(const struct bt_film *f, size_t n, struct backtest_summary *s,
				struct backtest_summary *base)
{
	size_t n_weeks = 0;
	size_t *first = xmalloc((n + 1) * sizeof *first);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || f[i].week_start != f[i - 1].week_start)
			first[n_weeks++] = i;
	first[n_weeks] = n;
	enum { R2, RHO, CAPTURE, COVERAGE, N_FIGS };
	double *draws = xmalloc((size_t)BACKTEST_RESAMPLES * N_FIGS * (N_BASELINES + 1) * sizeof *draws);
	struct bt_film *g = xmalloc((2 * n + 1) * sizeof *g);
	unsigned long long state = 0x9e3779b97f4a7c15ULL; /* splitmix64, fixed seed */
	for (int r = 0; r < BACKTEST_RESAMPLES && n_weeks > 1; r++) {
		size_t m = 0, cap = 2 * n + 1;
		for (size_t w = 0; w < n_weeks; w++) {
			state += 0x9e3779b97f4a7c15ULL;
			unsigned long long z = state;
			z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
			z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
			z ^= z >> 31;
			size_t pick = (size_t)(z % n_weeks);
			size_t len = first[pick + 1] - first[pick];
			if (m + len > cap) {
				cap = 2 * (m + len);
				g = xrealloc(g, cap * sizeof *g);
			}
			for (size_t i = 0; i < len; i++) {
				g[m + i] = f[first[pick] + i];
				g[m + i].week_start = (long)w; /* a week drawn twice counts twice */
			}
			m += len;
		}
		struct backtest_summary one;
		summarise(g, m, -1, &one);
		double *d = draws + (size_t)r * N_FIGS * (N_BASELINES + 1);
		d[R2] = one.r2;
		d[RHO] = one.spearman;
		d[CAPTURE] = one.capture;
		d[COVERAGE] = one.coverage;
		for (int k = 0; k < N_BASELINES; k++) {
			struct backtest_summary b;
			summarise(g, m, k, &b);
			double *e = d + (size_t)(k + 1) * N_FIGS;
			e[R2] = one.r2 - b.r2;
			e[RHO] = one.spearman - b.spearman;
			e[CAPTURE] = one.capture - b.capture;
			e[COVERAGE] = NAN;
		}
	}
	double *column = xmalloc(((size_t)BACKTEST_RESAMPLES + 1) * sizeof *column);
	for (int who = 0; who <= N_BASELINES; who++) {
		struct backtest_summary *t = who == 0 ? s : &base[who - 1];
		double *out[N_FIGS] = { t->r2_ci, t->spearman_ci, t->capture_ci, t->coverage_ci };
		for (int fig = 0; fig < N_FIGS; fig++) {
			size_t k = 0;
			for (int r = 0; r < BACKTEST_RESAMPLES && n_weeks > 1; r++)
				column[k++] = draws[((size_t)r * (N_BASELINES + 1) + (size_t)who) * N_FIGS +
						    (size_t)fig];
			percentile_interval(column, k, out[fig]);
		}
	}
	free(column);
	free(g);
	free(draws);
	free(first);
}

static void add_number(cJSON *o, const char *key, double v)
{
	if (isnan(v))
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, v);
}

/* [low, high], or nothing when the interval was not computed. */
static void add_interval(cJSON *o, const char *key, const double ci[2])
{
	if (isnan(ci[0]) || isnan(ci[1]))
		return;
	cJSON *a = cJSON_AddArrayToObject(o, key);
	cJSON_AddItemToArray(a, cJSON_CreateNumber(round(ci[0] * 1000) / 1000));
	cJSON_AddItemToArray(a, cJSON_CreateNumber(round(ci[1] * 1000) / 1000));
}

static char *summary_json(const char *metric, const char *from, const char *to,
			  const struct backtest_summary *s, const struct backtest_summary *base,
			  const struct backtest_decision *d, long retrain_weeks, long search_weeks)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "metric", metric);
	cJSON_AddStringToObject(o, "from", from);
	cJSON_AddStringToObject(o, "to", to);
	cJSON_AddNumberToObject(o, "weeks", (double)s->weeks);
	cJSON_AddNumberToObject(o, "films", (double)s->films);
	cJSON_AddNumberToObject(o, "films_with_outcome", (double)s->scored);
	add_number(o, "rmse_log", s->rmse);
	add_number(o, "mae_log", s->mae);
	add_number(o, "r2_log", s->r2);
	add_number(o, "spearman", s->spearman);
	add_number(o, "capture_top2", s->capture);
	cJSON_AddNumberToObject(o, "capture_weeks", (double)s->capture_weeks);
	add_number(o, "interval_coverage", s->coverage);
	add_interval(o, "r2_log_ci", s->r2_ci);
	add_interval(o, "spearman_ci", s->spearman_ci);
	add_interval(o, "capture_top2_ci", s->capture_ci);
	add_interval(o, "interval_coverage_ci", s->coverage_ci);
	cJSON *strata = cJSON_AddObjectToObject(o, "interval_coverage_by_stratum");
	for (size_t st = 0; st < MODEL_STRATA; st++) {
		cJSON *one = cJSON_AddObjectToObject(strata, model_stratum_name(st));
		cJSON_AddNumberToObject(one, "films", (double)s->stratum_films[st]);
		add_number(one, "coverage", s->stratum_coverage[st]);
	}
	cJSON *b = cJSON_AddObjectToObject(o, "baselines");
	for (int k = 0; k < N_BASELINES; k++) {
		cJSON *one = cJSON_AddObjectToObject(b, baseline_names[k]);
		add_number(one, "rmse_log", base[k].rmse);
		add_number(one, "mae_log", base[k].mae);
		add_number(one, "r2_log", base[k].r2);
		add_number(one, "spearman", base[k].spearman);
		add_number(one, "capture_top2", base[k].capture);
		/* the model's figure minus this one's, on the same resampled weeks */
		add_interval(one, "r2_log_gain_ci", base[k].r2_ci);
		add_interval(one, "spearman_gain_ci", base[k].spearman_ci);
		add_interval(one, "capture_top2_gain_ci", base[k].capture_ci);
	}
	cJSON *dec = cJSON_AddObjectToObject(o, "decision");
	cJSON_AddNumberToObject(dec, "weeks", (double)d->weeks);
	add_number(dec, "regret_total", d->regret_total);
	add_number(dec, "regret_per_week", d->weeks ? d->regret_total / (double)d->weeks : NAN);
	add_number(dec, "best_pair_share", d->best_share);
	cJSON_AddNumberToObject(o, "retrain_weeks", (double)retrain_weeks);
	cJSON_AddNumberToObject(o, "search_weeks", (double)search_weeks);
	char *text = cJSON_Print(o);
	cJSON_Delete(o);
	char *owned = xasprintf("%s\n", text);
	cJSON_free(text);
	return owned;
}

static double num_or_nan(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

/* A count, 0 when absent (an older summary). */
static long count_or_zero(const cJSON *o, const char *key)
{
	double v = num_or_nan(o, key);
	return isnan(v) || v < 0 || v > 1e15 ? 0 : (long)v;
}

/* An interval [low, high], NAN when absent. */
static void interval_parse(const cJSON *o, const char *key, double ci[2])
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key);
	ci[0] = ci[1] = NAN;
	if (cJSON_IsArray(a) && cJSON_GetArraySize(a) == 2 && cJSON_IsNumber(a->child) &&
	    cJSON_IsNumber(a->child->next)) {
		ci[0] = a->child->valuedouble;
		ci[1] = a->child->next->valuedouble;
	}
}

static void fit_parse(const cJSON *o, struct backtest_summary *s)
{
	s->rmse = num_or_nan(o, "rmse_log");
	s->mae = num_or_nan(o, "mae_log");
	s->r2 = num_or_nan(o, "r2_log");
	s->spearman = num_or_nan(o, "spearman");
	s->capture = num_or_nan(o, "capture_top2");
	s->coverage = num_or_nan(o, "interval_coverage");
	interval_parse(o, "r2_log_ci", s->r2_ci);
	interval_parse(o, "spearman_ci", s->spearman_ci);
	interval_parse(o, "capture_top2_ci", s->capture_ci);
	interval_parse(o, "interval_coverage_ci", s->coverage_ci);
	/* a baseline's: the model's gain over it */
	if (cJSON_GetObjectItemCaseSensitive(o, "r2_log_gain_ci")) {
		interval_parse(o, "r2_log_gain_ci", s->r2_ci);
		interval_parse(o, "spearman_gain_ci", s->spearman_ci);
		interval_parse(o, "capture_top2_gain_ci", s->capture_ci);
	}
}

int backtest_summary_parse(const char *json, struct backtest_result *out)
{
	memset(out, 0, sizeof *out);
	cJSON *o = cJSON_Parse(json);
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		return -1;
	}
	struct backtest_summary *s = &out->summary;
	fit_parse(o, s);
	s->weeks = count_or_zero(o, "weeks");
	s->films = count_or_zero(o, "films");
	s->scored = count_or_zero(o, "films_with_outcome");
	s->capture_weeks = count_or_zero(o, "capture_weeks");
	const cJSON *strata = cJSON_GetObjectItemCaseSensitive(o, "interval_coverage_by_stratum");
	for (size_t st = 0; st < MODEL_STRATA; st++) {
		const cJSON *one = cJSON_GetObjectItemCaseSensitive(strata, model_stratum_name(st));
		s->stratum_films[st] = count_or_zero(one, "films");
		s->stratum_coverage[st] = num_or_nan(one, "coverage");
	}
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(o, "baselines");
	for (int k = 0; k < N_BASELINES; k++)
		fit_parse(cJSON_GetObjectItemCaseSensitive(b, baseline_names[k]), &out->baselines[k]);
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "decision");
	out->decision.weeks = count_or_zero(d, "weeks");
	out->decision.regret_total = num_or_nan(d, "regret_total");
	out->decision.best_share = num_or_nan(d, "best_pair_share");
	cJSON_Delete(o);
	return 0;
}

/* The baselines as trained for the current weeks, on the model's training rows. */
struct baselines {
	const struct model *model; /* borrowed: its scaling is the baselines' too */
	double *z;                 /* owned; the training rows scaled, n * d */
	double *y;                 /* owned; their log targets */
	size_t n, d;
	double mean;               /* their mean: the running mean */
	struct svr_model *linear;  /* owned */
	struct svr_params linear_params;
	bool have_linear_params;
};

static const double linear_C[] = { 0.01, 0.1 };
static const double linear_epsilon[] = { 0.1, 0.3 };

static void baselines_clear(struct baselines *b)
{
	free(b->z);
	free(b->y);
	svr_free(b->linear);
	b->z = b->y = NULL;
	b->linear = NULL;
	b->n = 0;
}

/*
 * Trains the baselines on rows[0..n_rows) of m, scaled as the model was;
 * the linear SVR's C and epsilon are searched like the model's when search
 * is set (or never were). 0, or -1 after reporting.
 */
static int baselines_fit(struct baselines *b, const struct feature_matrix *m, const size_t *rows,
			 size_t n_rows, const struct model *model, bool search,
			 const struct model_options *mo)
{
	baselines_clear(b);
	size_t d = m->n_cols;
	b->model = model;
	b->d = d;
	b->n = n_rows;
	b->z = xmalloc((n_rows ? n_rows : 1) * d * sizeof *b->z);
	b->y = xmalloc((n_rows ? n_rows : 1) * sizeof *b->y);
	b->mean = 0;
	for (size_t i = 0; i < n_rows; i++) {
		features_scale_apply(m->x + rows[i] * d, d, model->mean, model->sd, b->z + i * d);
		b->y[i] = m->y[rows[i]];
		b->mean += b->y[i];
	}
	b->mean /= n_rows ? (double)n_rows : 1;
	if (search || !b->have_linear_params) {
		size_t *bounds = xcalloc(mo->folds + 1, sizeof *bounds);
		for (size_t k = 0; k <= mo->folds; k++)
			bounds[k] = n_rows * (k + 1) / (mo->folds + 1);
		struct svr_grid grid = { .kernel = SVR_LINEAR, .C = linear_C,
					 .n_C = sizeof linear_C / sizeof *linear_C,
					 .epsilon = linear_epsilon,
					 .n_epsilon = sizeof linear_epsilon / sizeof *linear_epsilon };
		double rmse;
		int rc = svr_grid_search(b->z, b->y, n_rows, d, bounds, mo->folds, &grid, mo->seed,
					 mo->threads, &b->linear_params, &rmse);
		free(bounds);
		if (rc != 0)
			return -1;
		b->have_linear_params = true;
	}
	b->linear = svr_train(b->z, b->y, n_rows, d, &b->linear_params);
	return b->linear ? 0 : -1;
}

/* The baselines' log predictions for one unscaled row. */
static void baselines_predict(const struct baselines *b, const double *x, double *out)
{
	double *z = xmalloc(b->d * sizeof *z);
	features_scale_apply(x, b->d, b->model->mean, b->model->sd, z);
	out[B_LINEAR] = svr_predict(b->linear, z);
	/* The NEAREST closest training rows (ties: the earlier film), kept sorted. */
	double dist[NEAREST], near_y[NEAREST];
	size_t k = 0;
	for (size_t i = 0; i < b->n; i++) {
		double s = 0;
		for (size_t j = 0; j < b->d; j++) {
			double e = b->z[i * b->d + j] - z[j];
			s += e * e;
		}
		if (k == NEAREST && s >= dist[k - 1])
			continue;
		size_t at = k < NEAREST ? k++ : k - 1;
		while (at > 0 && dist[at - 1] > s) {
			dist[at] = dist[at - 1];
			near_y[at] = near_y[at - 1];
			at--;
		}
		dist[at] = s;
		near_y[at] = b->y[i];
	}
	double sum = 0;
	for (size_t i = 0; i < k; i++)
		sum += near_y[i];
	out[B_NEAREST] = k ? sum / (double)k : b->mean;
	out[B_MEAN] = b->mean;
	free(z);
}

int backtest_run(struct store *st, const struct backtest_options *opt,
		 struct backtest_result *result)
{
	struct film_facts *films = NULL;
	size_t n_films = 0, n_bt = 0, cap_bt = 0;
	struct bt_film *bt = NULL;
	struct model *model = NULL;
	struct baselines base = { 0 };
	size_t *rows = NULL;
	char *summary = NULL;
	int rc = -1;
	const char *metric = opt->metric;
	long from = opt->from, to = opt->to, retrain_weeks = opt->retrain_weeks;
	long search_weeks = opt->search_weeks;
	struct model_options mo = opt->model;
	mo.importance = false;
	memset(result, 0, sizeof *result);
	if (store_facts_load(st, metric, &films, &n_films) != 0)
		goto out;
	if (to < 0 && n_films)
		to = films[n_films - 1].release;
	rows = xcalloc(n_films ? n_films : 1, sizeof *rows);
	bool have_params = false;
	struct svr_params params = { 0 };
	int year, week;
	date_iso_week(from, &year, &week);
	long first_monday = date_iso_week_monday(year, week);
	long week_no = 0;
	struct progress prog;
	progress_begin(&prog, "backtest weeks", (to - first_monday) / 7 + 1);
	for (long monday = first_monday; monday <= to; monday += 7, week_no++) {
		progress_update(&prog, week_no);
		long lo = monday > from ? monday : from, hi = monday + 7 <= to ? monday + 7 : to + 1;
		bool any = false;
		for (size_t i = 0; i < n_films && !any; i++)
			any = films[i].release >= lo && films[i].release < hi;
		if (!any)
			continue;
		struct feature_matrix m;
		if (features_build(films, n_films, lo, &m) != 0)
			goto out;
		if (!model || week_no % retrain_weeks == 0) {
			size_t n_rows = 0;
			for (size_t i = 0; i < n_films && films[i].release < lo; i++)
				if (!isnan(films[i].target))
					rows[n_rows++] = i;
			mo.search = !have_params ||
				    (search_weeks > 0 && week_no % search_weeks == 0);
			mo.fixed = params;
			struct model *next = model_fit(&m, rows, n_rows, &mo);
			if (!next) {
				char day[11];
				date_format(lo, day);
				msg_error("backtest: cannot train for the week of %s", day);
				features_free(&m);
				goto out;
			}
			model_free(model);
			model = next;
			params = model->params;
			have_params = true;
			if (baselines_fit(&base, &m, rows, n_rows, model, mo.search, &mo) != 0) {
				features_free(&m);
				goto out;
			}
			msg_verbose("week of %ld: trained on %zu films, C=%g gamma=%g epsilon=%g", lo,
				    n_rows, params.C, params.gamma, params.epsilon);
		}
		size_t week_first = n_bt;
		for (size_t i = 0; i < n_films; i++) {
			if (films[i].release < lo || films[i].release >= hi)
				continue;
			bt = xgrow(bt, &cap_bt, n_bt + 1, sizeof *bt);
			struct bt_film *b = &bt[n_bt++];
			memset(b, 0, sizeof *b);
			b->index = i;
			b->week_start = monday;
			b->actual = m.y[i];
			model_predict(model, m.x + i * m.n_cols, m.sparse[i], &b->pred, &b->lower,
				      &b->upper);
			b->stratum = model_stratum(model, b->pred, m.sparse[i]);
			baselines_predict(&base, m.x + i * m.n_cols, b->baseline);
		}
		features_free(&m);
		/* Pick the two highest predictions (ties: the earlier film). */
		bool *picked = xcalloc(n_bt - week_first + 1, sizeof *picked);
		pick_two(bt, week_first, n_bt, -1, picked);
		for (size_t i = week_first; i < n_bt; i++)
			bt[i].picked = picked[i - week_first];
		free(picked);
	}
	progress_end(&prog);
	if (n_bt == 0) {
		char first[11], last[11];
		date_format(from, first);
		date_format(to, last);
		msg_error("backtest: no film released from %s to %s", first,
			  opt->to >= 0 ? last : "the last release");
		goto out;
	}
	struct backtest_summary s, bs[N_BASELINES];
	summarise(bt, n_bt, -1, &s);
	for (int k = 0; k < N_BASELINES; k++)
		summarise(bt, n_bt, k, &bs[k]);
	summarise_intervals(bt, n_bt, &s, bs);
	struct backtest_decision dec;
	double got, best;
	weeks_top2(bt, n_bt, -1, &got, &best, &dec);
	char to_day[11];
	date_format(to, to_day);
	char from_day[11];
	date_format(from, from_day);
	summary = summary_json(metric, from_day, to_day, &s, bs, &dec, retrain_weeks, search_weeks);
	long bt_id;
	if (store_backtest_add(st, metric, from_day, to_day, summary, &bt_id) != 0)
		goto out;
	for (size_t i = 0; i < n_bt; i++) {
		char ws[11];
		date_format(bt[i].week_start, ws);
		const struct film_facts *f = &films[bt[i].index];
		if (store_backtest_film_put(st, bt_id, ws, f->id, fmax(0, expm1(bt[i].pred)),
					    fmax(0, expm1(bt[i].lower)), fmax(0, expm1(bt[i].upper)),
					    f->target, bt[i].picked) != 0)
			goto out;
	}
	result->id = bt_id;
	result->summary = s;
	for (int k = 0; k < N_BASELINES; k++)
		result->baselines[k] = bs[k];
	result->decision = dec;
	result->json = summary;
	summary = NULL;
	rc = 0;
out:
	free(summary);
	free(rows);
	free(bt);
	baselines_clear(&base);
	model_free(model);
	film_facts_free(films, n_films);
	return rc;
}

void backtest_result_clear(struct backtest_result *r)
{
	free(r->json);
	memset(r, 0, sizeof *r);
}

