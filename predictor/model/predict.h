/*
 * Predictions for a week's releases, for the weekly selection and the site.
 *
 * Typical use, inside the caller's transaction:
 *
 *     struct prediction *p;
 *     size_t n;
 *     if (predict_week(st, cfg, monday, &p, &n) != 0)
 *             goto fail;                 // already reported
 *     for (size_t i = 0; i < n; i++)     // best first
 *             use(p[i].title, p[i].predicted, p[i].lower, p[i].upper,
 *                 p[i].reasons, p[i].n_reasons);   // groups and effects
 *     predict_free(p, n);
 *
 * The same predictions are stored in analytics.db, table predictions
 * (model_id, film_id, week 'YYYY-Www', predicted, lower, upper, explanation
 * as a JSON array of {group, effect}, created_at), one row per model and film.
 */
#ifndef MARQUEE_PREDICT_H
#define MARQUEE_PREDICT_H

#include <stddef.h>

#include "common/config.h"
#include "predictor/store/store.h"

#define PREDICT_MAX_REASONS 3

/* What moved a prediction: a feature group and its effect (words.h says it). */
struct prediction_reason {
	const char *group; /* borrowed (static); the group's name, "director" */
	double effect;     /* log-scale change: +0.37 is about +45% */
	bool unknown;      /* what the group rests on is unknown for this film */
};

struct prediction {
	long film_id;      /* films.id in analytics.db */
	char *key;         /* owned; films.key, stable across rebuilds of analytics.db */
	char *title;       /* owned */
	long release;      /* day number (common/date.h) of the local release */
	double predicted;  /* in the metric's units, e.g. first-week admissions */
	double lower;      /* 80% interval (model.interval_level), same units, >= 0 */
	double upper;
	double actual;     /* the outcome if already known, else NAN */
	struct prediction_reason reasons[PREDICT_MAX_REASONS]; /* strongest first */
	size_t n_reasons;
	long model_id;     /* the registry's model that made it */
};

/*
 * Predicts the films released in the 7 days from week_start (a day number,
 * normally the Monday of an ISO week) with the current model of the metric
 * set by model.metric in cfg (default first_week_admissions). Features use
 * only outcomes of films released before week_start. Stores the predictions
 * (the caller owns the transaction) and returns them sorted by predicted,
 * best first, in *out (owned: predict_free). A week with no releases gives
 * n = 0 and returns 0. Returns -1 after reporting an error: no current model
 * ("run 'marquee train'"), a corrupt model, a store failure.
 */
int predict_week(struct store *st, const struct config *cfg, long week_start,
		 struct prediction **out, size_t *n);
/* The same for an explicit metric. */
int predict_week_metric(struct store *st, const char *metric, long week_start,
			struct prediction **out, size_t *n);
void predict_free(struct prediction *p, size_t n);

/* The metric from --metric (override, may be NULL) or model.metric. 0 or -1. */
int predict_metric(const struct config *cfg, const char *override, const char **metric);

#endif
