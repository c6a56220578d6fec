/*
 * A week's decision, from predictions to picks (decision.c): the candidates
 * of a programme week predicted with the current model, the cinema's share
 * of national admissions (calibrated from recorded actuals), the manager's
 * overrides, the plan, all as a struct week_record; and publishing it into
 * cinema.db. Called by `select`, `publish`, the weekly job and the replay.
 */
#ifndef MARQUEE_DECISION_H
#define MARQUEE_DECISION_H

#include <stdbool.h>
#include <stddef.h>

#include "common/config.h"
#include "predictor/cinema/cinema.h"
#include "predictor/cinema/week_record.h"
#include "predictor/store/store.h"

/* What is predicted, and in which unit. */
struct metric_info {
	const char *name; /* borrowed; "first_week_admissions" */
	const char *unit; /* borrowed; "admissions", or a currency for a gross ("USD") */
	bool money;       /* the unit is a currency: convert with a ticket price */
};

/* The metric from --metric (override, may be NULL) or model.metric, and its
 * unit (model.metric_unit, else known for the usual metrics). 0 or -1. */
int decision_metric(const struct config *cfg, const char *override, struct metric_info *out);

/* The cinema's share of national admissions and where it came from. */
struct share_estimate {
	double value;
	bool calibrated;  /* false: the configured prior alone */
	size_t observations;
	size_t weeks;
};

/*
 * Shrinks the recorded ratios of actual to predicted admissions toward the
 * prior: in log space, the mean of the observations weighted against the
 * prior's weight in weeks. Sold-out showings (at least 95% of capacity) say
 * only that demand was higher, and are left out.
 */
int decision_share(struct store *st, const struct cinema *cinema, struct share_estimate *out);

/*
 * Decides a week: predicts its releases with the current model, applies the
 * overrides recorded or configured for it, and chooses the plan; replay
 * marks a replay of past data. 0, or -1 after reporting. Free the record
 * with week_record_free.
 */
int decision_make(struct store *st, const struct config *cfg, const struct cinema *cinema,
		  const char *week, bool replay, struct week_record *out);

/*
 * Freezes a decision into cinema.db and sets its version. A week already
 * published is refused unless replace is set; then the old version is kept,
 * no longer current.
 */
int decision_publish(struct store *st, struct week_record *w, bool replace);

/* The programme week that starts next (today's when today is its first day). */
void decision_week_next(const struct cinema *cinema, char out[9]);
/* Day number of the programme start of ISO week `week`. -1 for a bad label. */
long decision_week_start(const struct cinema *cinema, const char *week);

#endif
