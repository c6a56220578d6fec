/*
 * Training with its promotion gate: fits a model on every film with the
 * metric, registers it, and makes it current unless it validates worse than
 * the current one by more than model.promotion_margin. Called by `marquee
 * train`, the replay and the weekly job, inside the caller's transaction.
 */
#ifndef MARQUEE_TRAIN_H
#define MARQUEE_TRAIN_H

#include <stdbool.h>

#include "common/config.h"
#include "predictor/model/model.h"
#include "predictor/store/store.h"

struct train_result {
	long id;             /* the new model's registry id */
	bool promoted;       /* it became the current model */
	char *reason;        /* owned; why it was rejected, NULL when promoted */
	long kept_id;        /* the model that stays current when rejected */
	struct model *model; /* owned; the fitted model, for reporting */
};

/*
 * Trains on the films released before until (-1: all) that have the metric,
 * with model.* settings from cfg, and registers the model. 0 (a rejected
 * model is a success: result->promoted false), or -1 after reporting (no
 * film with the metric, too few for the folds, a store failure). Free the
 * result with train_result_clear.
 */
int train_model(struct store *st, const struct config *cfg, const char *metric, long until,
		struct train_result *result);
void train_result_clear(struct train_result *result);

/*
 * Whether training again could change anything: *due is false when the
 * current model of metric learnt from exactly the data a new one would
 * (the same fingerprint) and is younger than model.retrain_days (28). *why
 * (owned) says which, for the job's log. 0 or -1 after reporting.
 */
int train_due(struct store *st, const struct config *cfg, const char *metric, bool *due,
	      char **why);

/*
 * The day after the last film the current model of metric was trained on
 * (-1 when its meta does not say); *found false when there is no model.
 */
int train_current_until(struct store *st, const char *metric, long *until, bool *found);

#endif
