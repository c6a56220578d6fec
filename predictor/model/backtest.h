/*
 * The walk-forward backtest: replays past weeks as if each were live. For
 * each week it trains only on films released before the week's first day
 * (features too see only earlier outcomes), predicts the week's films,
 * picks the top two and compares with what happened. Called by `marquee
 * backtest` and the demo, inside the caller's transaction; the per-film
 * results and the summary are stored in analytics.db.
 */
#ifndef MARQUEE_BACKTEST_H
#define MARQUEE_BACKTEST_H

#include "predictor/model/model.h"
#include "predictor/store/store.h"

struct backtest_options {
	const char *metric;         /* borrowed; the target metric */
	struct model_options model; /* the grid, folds, seed... */
	long from, to;              /* day numbers; to -1: the last release */
	long retrain_weeks;         /* retrain every N weeks (1) */
	long search_weeks;          /* new grid search every N weeks (0: the first only) */
};

/* The figures of a backtest, on log1p of the metric. */
struct backtest_summary {
	long weeks, films, scored;  /* scored: films with an outcome */
	double rmse, mae, r2, spearman, capture, coverage;
	long capture_weeks;         /* the weeks capture counts: 3+ known candidates */
};

struct backtest_result {
	long id;                         /* in the backtests table */
	struct backtest_summary summary;
	char *json;                      /* owned; the summary as stored */
};

/* Runs the backtest. 0, or -1 after reporting. Free with backtest_result_clear. */
int backtest_run(struct store *st, const struct backtest_options *opt,
		 struct backtest_result *result);
void backtest_result_clear(struct backtest_result *result);

#endif
