/* The walk-forward backtest (backtest.h) and its summary figures. */
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
#include "predictor/model/model.h"
#include "predictor/store/store_models.h"

struct bt_film {
	size_t index;     /* into the facts */
	long week_start;  /* Monday of its week */
	double pred, lower, upper; /* log scale */
	double actual;    /* log1p(target) or NAN */
	bool picked;
};


/* Ranks 1..n with ties averaged. */
static void ranks(const double *v, size_t n, double *out)
{
	size_t *idx = xmalloc((n ? n : 1) * sizeof *idx);
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	/* Insertion sort by value then index: n is a few hundred. */
	for (size_t i = 1; i < n; i++) {
		size_t k = idx[i], j = i;
		while (j > 0 && v[idx[j - 1]] > v[k]) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = k;
	}
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && v[idx[j + 1]] == v[idx[i]])
			j++;
		double r = (double)(i + j) / 2 + 1;
		for (size_t k = i; k <= j; k++)
			out[idx[k]] = r;
		i = j + 1;
	}
	free(idx);
}

static double pearson(const double *a, const double *b, size_t n)
{
	double ma = 0, mb = 0;
	for (size_t i = 0; i < n; i++) {
		ma += a[i];
		mb += b[i];
	}
	ma /= (double)n;
	mb /= (double)n;
	double sab = 0, saa = 0, sbb = 0;
	for (size_t i = 0; i < n; i++) {
		sab += (a[i] - ma) * (b[i] - mb);
		saa += (a[i] - ma) * (a[i] - ma);
		sbb += (b[i] - mb) * (b[i] - mb);
	}
	return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : NAN;
}

/* The share of the best two's admissions the picked two got, over weeks with
 * a real choice (3+ known candidates for two screens); *weeks counts them. */
static double capture_top2(const struct bt_film *f, size_t n, long *weeks)
{
	double got = 0, best = 0;
	*weeks = 0;
	for (size_t lo = 0; lo < n;) {
		size_t hi = lo;
		while (hi < n && f[hi].week_start == f[lo].week_start)
			hi++;
		size_t known = 0;
		double a1 = -1, a2 = -1;
		for (size_t i = lo; i < hi; i++) {
			if (isnan(f[i].actual))
				continue;
			known++;
			double a = expm1(f[i].actual);
			if (a > a1) {
				a2 = a1;
				a1 = a;
			} else if (a > a2) {
				a2 = a;
			}
		}
		if (known >= 3) {
			(*weeks)++;
			best += a1 + a2;
			for (size_t i = lo; i < hi; i++)
				if (f[i].picked && !isnan(f[i].actual))
					got += expm1(f[i].actual);
		}
		lo = hi;
	}
	return best > 0 ? got / best : NAN;
}

static void summarise(const struct bt_film *f, size_t n, struct backtest_summary *s)
{
	double *p = xmalloc((n ? n : 1) * sizeof *p), *a = xmalloc((n ? n : 1) * sizeof *a);
	size_t k = 0, inside = 0;
	double mean = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(f[i].actual)) {
			p[k] = f[i].pred;
			a[k] = f[i].actual;
			mean += a[k];
			inside += f[i].actual >= f[i].lower && f[i].actual <= f[i].upper;
			k++;
		}
	s->films = (long)n;
	s->scored = (long)k;
	s->weeks = 0;
	for (size_t i = 0; i < n; i++)
		s->weeks += i == 0 || f[i].week_start != f[i - 1].week_start;
	s->rmse = s->mae = s->r2 = s->spearman = s->capture = s->coverage = NAN;
	if (k > 0) {
		mean /= (double)k;
		double sse = 0, sae = 0, sst = 0;
		for (size_t i = 0; i < k; i++) {
			sse += (p[i] - a[i]) * (p[i] - a[i]);
			sae += fabs(p[i] - a[i]);
			sst += (a[i] - mean) * (a[i] - mean);
		}
		s->rmse = sqrt(sse / (double)k);
		s->mae = sae / (double)k;
		s->r2 = sst > 0 ? 1 - sse / sst : NAN;
		double *rp = xmalloc(k * sizeof *rp), *ra = xmalloc(k * sizeof *ra);
		ranks(p, k, rp);
		ranks(a, k, ra);
		s->spearman = k > 1 ? pearson(rp, ra, k) : NAN;
		free(rp);
		free(ra);
		s->coverage = (double)inside / (double)k;
		s->capture = capture_top2(f, n, &s->capture_weeks);
	}
	free(p);
	free(a);
}

static void add_number(cJSON *o, const char *key, double v)
{
	if (isnan(v))
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, v);
}

static char *summary_json(const char *metric, const char *from, const char *to,
			  const struct backtest_summary *s, long retrain_weeks, long search_weeks)
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
	cJSON_AddNumberToObject(o, "retrain_weeks", (double)retrain_weeks);
	cJSON_AddNumberToObject(o, "search_weeks", (double)search_weeks);
	char *text = cJSON_Print(o);
	cJSON_Delete(o);
	char *owned = xasprintf("%s\n", text);
	cJSON_free(text);
	return owned;
}

int backtest_run(struct store *st, const struct backtest_options *opt,
		 struct backtest_result *result)
{
	struct film_facts *films = NULL;
	size_t n_films = 0, n_bt = 0, cap_bt = 0;
	struct bt_film *bt = NULL;
	struct model *model = NULL;
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
			model_predict(model, m.x + i * m.n_cols, &b->pred, &b->lower, &b->upper);
		}
		features_free(&m);
		/* Pick the two highest predictions (ties: the earlier film). */
		for (int pick = 0; pick < 2; pick++) {
			size_t best = n_bt;
			for (size_t i = week_first; i < n_bt; i++)
				if (!bt[i].picked && (best == n_bt || bt[i].pred > bt[best].pred))
					best = i;
			if (best < n_bt)
				bt[best].picked = true;
		}
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
	struct backtest_summary s;
	summarise(bt, n_bt, &s);
	char to_day[11];
	date_format(to, to_day);
	char from_day[11];
	date_format(from, from_day);
	summary = summary_json(metric, from_day, to_day, &s, retrain_weeks, search_weeks);
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
	result->json = summary;
	summary = NULL;
	rc = 0;
out:
	free(summary);
	free(rows);
	free(bt);
	model_free(model);
	film_facts_free(films, n_films);
	return rc;
}

void backtest_result_clear(struct backtest_result *r)
{
	free(r->json);
	memset(r, 0, sizeof *r);
}

