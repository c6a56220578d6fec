/* Errors, rank correlation and the picks' share of the best pair (metrics.h). */
#include "predictor/model/metrics.h"

#include <math.h>
#include <stdlib.h>

#include "common/xalloc.h"

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

void metrics_fit_of(const double *pred, const double *actual, size_t n, struct metrics_fit *out)
{
	out->n = n;
	out->rmse = out->mae = out->r2 = out->spearman = NAN;
	if (n == 0)
		return;
	double mean = 0;
	for (size_t i = 0; i < n; i++)
		mean += actual[i];
	mean /= (double)n;
	double sse = 0, sae = 0, sst = 0;
	for (size_t i = 0; i < n; i++) {
		sse += (pred[i] - actual[i]) * (pred[i] - actual[i]);
		sae += fabs(pred[i] - actual[i]);
		sst += (actual[i] - mean) * (actual[i] - mean);
	}
	out->rmse = sqrt(sse / (double)n);
	out->mae = sae / (double)n;
	out->r2 = sst > 0 ? 1 - sse / sst : NAN;
	if (n > 1) {
		double *rp = xmalloc(n * sizeof *rp), *ra = xmalloc(n * sizeof *ra);
		ranks(pred, n, rp);
		ranks(actual, n, ra);
		out->spearman = pearson(rp, ra, n);
		free(rp);
		free(ra);
	}
}

bool metrics_week_choice(const struct metrics_pick *films, size_t n, double *got, double *best)
{
	size_t known = 0;
	double top[2] = { 0, 0 }, picked = 0;
	bool picks_known = true;
	for (size_t i = 0; i < n; i++) {
		double a = films[i].actual;
		if (isnan(a)) {
			picks_known &= !films[i].picked;
			continue;
		}
		known++;
		if (a > top[0]) {
			top[1] = top[0];
			top[0] = a;
		} else if (a > top[1]) {
			top[1] = a;
		}
		if (films[i].picked)
			picked += a;
	}
	*got = picked;
	*best = top[0] + top[1];
	return known >= 3 && picks_known && *best > 0;
}
