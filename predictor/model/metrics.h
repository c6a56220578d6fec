/*
 * How good predictions and picks were, computed in one place for the
 * backtest and the history page: errors on the log scale, rank
 * correlation, and the share of the best pair in hindsight the picks got.
 */
#ifndef MARQUEE_METRICS_H
#define MARQUEE_METRICS_H

#include <stdbool.h>
#include <stddef.h>

/* Errors of n predictions against their outcomes (both log1p of the metric). */
struct metrics_fit {
	size_t n;
	double rmse, mae, r2, spearman; /* NAN when n is 0 (r2, spearman: when undefined) */
};

void metrics_fit_of(const double *pred, const double *actual, size_t n, struct metrics_fit *out);

/* A candidate of a week as the choice sees it. */
struct metrics_pick {
	double actual; /* its outcome (not log), NAN when unknown */
	bool picked;
};

/*
 * One week's choice: whether it counts (a real choice: at least three known
 * outcomes, and every pick's known), what the picks got, and what the best
 * two in hindsight got.
 */
bool metrics_week_choice(const struct metrics_pick *films, size_t n, double *got, double *best);

#endif
