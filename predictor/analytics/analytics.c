/* Summaries, periods, seasons, running time and actors' age (analytics.h). */
#include "predictor/analytics/analytics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xalloc.h"
#include "predictor/model/features.h"

/* ---- summaries ---- */

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double analytics_quantile(const double *sorted, size_t n, double p)
{
	if (n == 0)
		return NAN;
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

void analytics_summarise(double *values, size_t n, struct an_summary *out)
{
	out->n = n;
	if (n == 0) {
		out->median = out->q1 = out->q3 = out->mean = out->min = out->max = NAN;
		return;
	}
	qsort(values, n, sizeof *values, by_value);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += values[i];
	out->mean = sum / (double)n;
	out->median = analytics_quantile(values, n, 0.5);
	out->q1 = analytics_quantile(values, n, 0.25);
	out->q3 = analytics_quantile(values, n, 0.75);
	out->min = values[0];
	out->max = values[n - 1];
}

struct ranked {
	double value;
	size_t at;
};

static int by_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

/* The ranks of n values, 1 to n, ties sharing their mean rank. */
static void ranks(const double *v, size_t n, double *rank)
{
	struct ranked *r = xcalloc(n, sizeof *r);
	for (size_t i = 0; i < n; i++)
		r[i] = (struct ranked){ v[i], i };
	qsort(r, n, sizeof *r, by_ranked);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && r[j + 1].value == r[i].value)
			j++;
		double mean = ((double)i + (double)j) / 2 + 1;
		for (size_t k = i; k <= j; k++)
			rank[r[k].at] = mean;
		i = j + 1;
	}
	free(r);
}

double analytics_spearman(const double *x, const double *y, size_t n)
{
	if (n < 3)
		return NAN;
	double *rx = xcalloc(n, sizeof *rx), *ry = xcalloc(n, sizeof *ry);
	ranks(x, n, rx);
	ranks(y, n, ry);
	double mean = ((double)n + 1) / 2, sxy = 0, sxx = 0, syy = 0;
	for (size_t i = 0; i < n; i++) {
		sxy += (rx[i] - mean) * (ry[i] - mean);
		sxx += (rx[i] - mean) * (rx[i] - mean);
		syy += (ry[i] - mean) * (ry[i] - mean);
	}
	free(rx);
	free(ry);
	return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
}

bool analytics_counts(const struct catalogue_film *f)
{
	return isfinite(f->outcome) && f->outcome >= 0;
}

/* ---- periods ---- */

static void period_count(const struct catalogue_film *films, size_t n, struct an_period *p)
{
	p->films = 0;
	for (size_t i = 0; i < n; i++)
		p->films += analytics_counts(&films[i]) && films[i].release >= p->from &&
			    films[i].release <= p->to;
}

void analytics_period_all(const struct catalogue_film *films, size_t n, struct an_period *p)
{
	p->from = 1;
	p->to = 0;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (!analytics_counts(&films[i]))
			continue;
		if (!any || films[i].release < p->from)
			p->from = films[i].release;
		if (!any || films[i].release > p->to)
			p->to = films[i].release;
		any = true;
	}
	period_count(films, n, p);
}

void analytics_period_last(const struct catalogue_film *films, size_t n, long days,
			   struct an_period *p)
{
	analytics_period_all(films, n, p);
	if (p->films && p->to - days + 1 > p->from) {
		p->from = p->to - days + 1;
		period_count(films, n, p);
	}
}

/* ---- seasons ---- */

/* The month (1..12) or ISO week (1..53) of a day. */
static int month_of(long day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return m;
}

static int week_of(long day)
{
	int y, w;
	date_iso_week(day, &y, &w);
	return w;
}

static void season_group(const struct catalogue_film *films, size_t n, int (*key_of)(long),
			 int key, double *values, struct an_season *out)
{
	size_t k = 0;
	double school = 0, holiday = 0;
	for (size_t i = 0; i < n; i++) {
		const struct catalogue_film *f = &films[i];
		if (!analytics_counts(f) || key_of(f->release) != key)
			continue;
		values[k++] = f->outcome;
		int days = 0;
		bool public = false;
		for (long d = 0; d < 7; d++) {
			days += features_school_holiday(f->release + d);
			public |= features_public_holiday(f->release + d);
		}
		school += days / 7.0;
		holiday += public;
	}
	out->key = key;
	analytics_summarise(values, k, &out->outcome);
	out->school = k ? school / (double)k : NAN;
	out->holiday = k ? holiday / (double)k : NAN;
}

void analytics_seasons(const struct catalogue_film *films, size_t n, struct an_seasons *out)
{
	memset(out, 0, sizeof *out);
	analytics_period_all(films, n, &out->period);
	double *values = xcalloc(n ? n : 1, sizeof *values);
	for (int m = 1; m <= 12; m++)
		season_group(films, n, month_of, m, values, &out->month[m - 1]);
	for (int w = 1; w <= 53; w++)
		season_group(films, n, week_of, w, values, &out->week[w - 1]);
	free(values);
}

/* ---- running time ---- */

static int year_of(long day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return y;
}

/* Fills the bands with the outcomes of the n films whose values fall in each. */
static void fill_bands(struct an_band *band, size_t n_bands, const double *value,
		       const double *outcome, size_t n)
{
	double *v = xcalloc(n ? n : 1, sizeof *v);
	for (size_t b = 0; b < n_bands; b++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (value[i] >= band[b].from && (band[b].to == 0 || value[i] < band[b].to))
				v[k++] = outcome[i];
		band[b].films = k;
		analytics_summarise(v, k, &band[b].outcome);
	}
	free(v);
}

void analytics_runtime(const struct catalogue_film *films, size_t n, struct an_runtime *out)
{
	memset(out, 0, sizeof *out);
	analytics_period_all(films, n, &out->period);
	for (int b = 0; b < AN_RUNTIME_BANDS; b++) {
		out->band[b].from = b == 0 ? 0 : 70 + 10 * b;
		out->band[b].to = b == AN_RUNTIME_BANDS - 1 ? 0 : 80 + 10 * b;
	}
	double *runtime = xcalloc(n ? n : 1, sizeof *runtime);
	double *outcome = xcalloc(n ? n : 1, sizeof *outcome);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (analytics_counts(&films[i]) && films[i].runtime_min > 0) {
			runtime[k] = films[i].runtime_min;
			outcome[k++] = films[i].outcome;
		}
	out->films = k;
	fill_bands(out->band, AN_RUNTIME_BANDS, runtime, outcome, k);
	/* Running times year by year. */
	double *v = xcalloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		if (!analytics_counts(&films[i]) || films[i].runtime_min <= 0)
			continue;
		int y = year_of(films[i].release);
		size_t at = 0;
		while (at < out->n_years && out->year[at].year < y)
			at++;
		if (at < out->n_years && out->year[at].year == y)
			continue;
		out->year = xrealloc(out->year, (out->n_years + 1) * sizeof *out->year);
		memmove(&out->year[at + 1], &out->year[at], (out->n_years - at) * sizeof *out->year);
		out->n_years++;
		size_t m = 0;
		for (size_t j = 0; j < n; j++)
			if (analytics_counts(&films[j]) && films[j].runtime_min > 0 &&
			    year_of(films[j].release) == y)
				v[m++] = films[j].runtime_min;
		out->year[at].year = y;
		analytics_summarise(v, m, &out->year[at].value);
	}
	free(v);
	free(runtime);
	free(outcome);
}

void analytics_runtime_free(struct an_runtime *r)
{
	free(r->year);
	r->year = NULL;
	r->n_years = 0;
}

/* ---- actors' age ---- */

/* Whole years from birthday to day. */
static int age_at(long birthday, long day)
{
	int by, bm, bd, y, m, d;
	date_to_ymd(birthday, &by, &bm, &bd);
	date_to_ymd(day, &y, &m, &d);
	return y - by - (m < bm || (m == bm && d < bd));
}

void analytics_ages(const struct catalogue_film *films, size_t n, struct an_ages *out)
{
	memset(out, 0, sizeof *out);
	analytics_period_all(films, n, &out->period);
	for (int b = 0; b < AN_AGE_BANDS; b++) {
		out->cast[b].from = out->lead[b].from = b == 0 ? 0 : 10 + 10 * b;
		out->cast[b].to = out->lead[b].to = b == AN_AGE_BANDS - 1 ? 0 : 20 + 10 * b;
	}
	size_t cap = n * AN_TOP_CAST + 1;
	double *age = xcalloc(cap, sizeof *age), *outcome = xcalloc(cap, sizeof *outcome);
	double *lead = xcalloc(n + 1, sizeof *lead), *lead_outcome = xcalloc(n + 1, sizeof *lead);
	size_t k = 0, n_lead = 0;
	for (size_t i = 0; i < n; i++) {
		const struct catalogue_film *f = &films[i];
		if (!analytics_counts(f))
			continue;
		bool any = false;
		for (size_t c = 0; c < f->n_cast && c < AN_TOP_CAST; c++) {
			if (f->cast_birthdays[c] == CATALOGUE_NO_DAY || f->cast_birthdays[c] > f->release)
				continue;
			int a = age_at(f->cast_birthdays[c], f->release);
			age[k] = a;
			outcome[k++] = f->outcome;
			if (c == 0) {
				lead[n_lead] = a;
				lead_outcome[n_lead++] = f->outcome;
			}
			any = true;
		}
		out->films += any;
	}
	out->actors = k;
	fill_bands(out->cast, AN_AGE_BANDS, age, outcome, k);
	fill_bands(out->lead, AN_AGE_BANDS, lead, lead_outcome, n_lead);
	analytics_summarise(age, k, &out->age);
	free(age);
	free(outcome);
	free(lead);
	free(lead_outcome);
}
