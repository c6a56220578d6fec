/*
 * The model's view: how the current model's prediction moves with a few
 * features a manager understands (budget, running time, the week of
 * release, the director's record), all else as it was. This is partial
 * dependence: for each value of a grid, the feature is set to it in every
 * training film's row, the model predicts each row, and the predictions
 * (on the model's log scale) are averaged; the curve gives expm1 of that
 * mean, the typical prediction, in the metric's units.
 *
 *   - budget: 1 to 200 million US dollars, the budget known;
 *   - runtime: 80 to 180 minutes, the running time known;
 *   - week: every other ISO week, 1 to 51, with the calendar and holidays of a
 *     reference year (the year of the latest training film): the week's
 *     Wednesday gives the month, the school-holiday days and the public
 *     holidays of the opening week;
 *   - director: the director's earlier films opened at 1/4 to 4 times the
 *     films before them (the track record the model reads), with three
 *     earlier films.
 *
 * The rows are the current model's training films (released before its
 * training cutoff), at most max_rows of them taken evenly through time,
 * since each point costs a prediction per row. Reads the stores; no
 * writes.
 */
#ifndef MARQUEE_PDEP_H
#define MARQUEE_PDEP_H

#include <stdbool.h>
#include <stddef.h>

#include "predictor/store/store.h"

enum pdep_feature { PDEP_BUDGET, PDEP_RUNTIME, PDEP_WEEK, PDEP_DIRECTOR, PDEP_FEATURES };

struct pdep_point {
	double x;         /* US dollars, minutes, ISO week, or the director's multiple */
	double predicted; /* the typical prediction there, in the metric's units */
};

struct pdep_curve {
	struct pdep_point *point; /* owned; n of them, x increasing; NULL when the model
				     has no such feature */
	size_t n;
};

struct pdep {
	long model_id;
	int reference_year;        /* of the week's calendar */
	size_t rows;               /* training films averaged over */
	size_t training_rows;      /* the model's training films */
	double typical;            /* the typical prediction of the rows as they are */
	struct pdep_curve curve[PDEP_FEATURES];
};

/*
 * The current model's view for metric, on up to `threads` threads (1 to 8;
 * the result is the same for any number). *found is false (and 0
 * returned) when there is no current model. 0, or -1 after reporting.
 * Free with pdep_free.
 */
int pdep_compute(struct store *st, const char *metric, size_t max_rows, int threads,
		 struct pdep *out, bool *found);
void pdep_free(struct pdep *p);

#endif
