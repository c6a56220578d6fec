/*
 * A week's decision, from predictions to picks: the candidates of a
 * programme week, the cinema's share of national admissions (calibrated from
 * recorded actuals), the manager's overrides, the plan, and the JSON of the
 * week exactly as the site shows it. Commands `select` and `publish`.
 */
#ifndef MARQUEE_WEEK_H
#define MARQUEE_WEEK_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/config.h"
#include "predictor/cinema/cinema.h"
#include "predictor/model/predict.h"
#include "predictor/cinema/select.h"
#include "predictor/store/store.h"

static inline bool lang_is_fr(const char *lang)
{
	return lang && lang[0] == 'f' && lang[1] == 'r' && !lang[2];
}

/* Text for the site in its language: fr when lang is "fr", else en. A macro,
 * so that the compiler still checks both when they are printf formats. */
#define lang_text(lang, en, fr) (lang_is_fr(lang) ? (fr) : (en))

/* What is predicted, and in which unit. */
struct metric_info {
	const char *name;  /* borrowed; "first_week_admissions" */
	const char *label; /* borrowed; "first-week admissions", in the site's language */
	const char *unit;  /* borrowed; "admissions", or a currency for a gross ("USD") */
	bool money;        /* the unit is a currency: convert with a ticket price */
	const char *lang;  /* borrowed; the site's language (site.language), for texts */
};

int week_metric(const struct config *cfg, const char *override, struct metric_info *out);

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
int week_share(struct store *st, const struct cinema *cinema, struct share_estimate *out);

struct week_decision {
	char week[9];            /* "2024-W27" */
	long start, end;         /* programme's first and last day */
	struct metric_info metric;
	struct prediction *preds; /* owned; the candidates, best first */
	size_t n;
	struct select_candidate *cands; /* owned; parallel to preds */
	char **slugs;            /* owned; parallel to preds */
	struct select_plan plan;
	struct share_estimate share;
	long model_id;
	const char *lang;        /* borrowed from the configuration; site.language */
	cJSON *json;             /* owned; the week as shown on the site */
};

/*
 * Decides a week: predicts its releases with the current model, applies the
 * overrides recorded for it, and chooses the plan. replay marks a replay of
 * past data. 0, or -1 after reporting an error. Free with week_decision_free.
 */
int week_decide(struct store *st, const struct config *cfg, const struct cinema *cinema,
		const char *week, bool replay, struct week_decision *out);
void week_decision_free(struct week_decision *d);

/*
 * Freezes a decision into cinema.db. A week already published is refused
 * unless replace is set, and then the old version is kept, no longer current.
 */
int week_publish(struct store *st, const struct week_decision *d, bool replace, int *version);

/* Adds x rounded to decimals (null when not finite), so that the JSON the
 * site receives stays short and byte-stable. */
void week_json_number(cJSON *obj, const char *key, double x, int decimals);
/* A JSON array of the strings (copied). */
cJSON *week_json_strings(char **items, size_t n);

/* x rounded to a whole number with grouped digits: "310,000" in English,
 * "310 000" (narrow no-break spaces) in French. Owned by the caller. */
char *week_fmt_count(double x, const char *lang);

/* The programme week that starts next (today's when today is its first day). */
void week_next(const struct cinema *cinema, char out[9]);
/* Day number of the programme start of ISO week `week`. -1 for a bad label. */
long week_start_day(const struct cinema *cinema, const char *week);

#endif
