/*
 * The walk-forward backtest: replays past weeks as if each were live. For
 * each week it trains only on films released before the week's first day
 * (features too see only earlier outcomes), predicts the week's films,
 * picks the top two and compares with what happened; simple baselines (a
 * linear SVR, the nearest earlier films, the running mean) are scored on
 * the same weeks, and the picks' regret against the best pair in hindsight
 * says what the errors cost the decision. Called by `marquee
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
	long stratum_films[MODEL_STRATA];      /* films with an outcome per interval stratum */
	double stratum_coverage[MODEL_STRATA]; /* the interval's coverage in each */
	/*
	 * 90% intervals, by resampling whole weeks (backtest.c): [0] low, [1]
	 * high, NAN when not computed. For the model: its own r2, spearman,
	 * capture and coverage. For a baseline: the model's figure minus the
	 * baseline's on the same resampled weeks (r2_ci, spearman_ci,
	 * capture_ci; coverage_ci unused), so an interval above 0 says the
	 * model does better beyond the noise of which weeks came up.
	 */
	double r2_ci[2], spearman_ci[2], capture_ci[2], coverage_ci[2];
};

/* How many resamples the intervals draw, and their level. */
#define BACKTEST_RESAMPLES 500
#define BACKTEST_CI_LEVEL 0.90

/* What the picks cost, over the weeks with at least three known outcomes. */
struct backtest_decision {
	long weeks;
	double regret_total;  /* admissions of the best pair minus the picked pair's */
	double best_share;    /* share of weeks where the picks were the best pair */
};

/* The baselines scored next to the model on the same weeks, in this order. */
enum backtest_baseline { B_LINEAR, B_NEAREST, B_MEAN, N_BASELINES };
/* Their names in the summary: "linear_svr", "nearest_10", "running_mean". */
extern const char *const backtest_baseline_names[N_BASELINES];

struct backtest_result {
	long id;                         /* in the backtests table */
	struct backtest_summary summary;
	struct backtest_summary baselines[N_BASELINES];
	struct backtest_decision decision;
	char *json;                      /* owned; the summary as stored */
};

/*
 * Reads a backtest's stored summary (backtests.summary): the one reader of
 * what backtest_run writes. Figures it lacks (a summary stored before
 * baselines existed) are NAN. 0, or -1 when it is not JSON.
 */
int backtest_summary_parse(const char *json, struct backtest_result *out);

/* Runs the backtest. 0, or -1 after reporting. Free with backtest_result_clear. */
int backtest_run(struct store *st, const struct backtest_options *opt,
		 struct backtest_result *result);
void backtest_result_clear(struct backtest_result *result);

#endif
