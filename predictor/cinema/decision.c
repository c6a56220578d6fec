/* A week's decision (decision.h): candidates, share, overrides, plan, record. */
#define _GNU_SOURCE
#include "predictor/cinema/decision.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/text/slug.h"
#include "common/xalloc.h"
#include "predictor/cinema/overrides.h"
#include "predictor/cinema/plan.h"
#include "predictor/model/predict.h"
#include "predictor/store/store_records.h"

/* ---- metric ---- */

/* The unit of the usual metrics; any other counts admissions unless configured. */
static const struct {
	const char *name, *unit;
} known_units[] = {
	{ "us_gross", "USD" },
	{ "worldwide_gross", "USD" },
};

int decision_metric(const struct config *cfg, const char *override, struct metric_info *out)
{
	const char *name, *unit = "admissions";
	if (predict_metric(cfg, override, &name) != 0)
		return -1;
	for (size_t i = 0; i < sizeof known_units / sizeof *known_units; i++)
		if (strcmp(known_units[i].name, name) == 0)
			unit = known_units[i].unit;
	if (config_string(cfg, "model.metric_unit", unit, &unit) != 0)
		return -1;
	out->name = name;
	out->unit = unit;
	out->money = strcmp(unit, "admissions") != 0;
	return 0;
}

/* ---- share ---- */

int decision_share(struct store *st, const struct cinema *c, struct share_estimate *out)
{
	struct actual_row *rows;
	size_t n;
	if (store_actuals_list(st, &rows, &n) != 0)
		return -1;
	double sum = 0;
	size_t used = 0, weeks = 0;
	const char *last_week = "";
	for (size_t i = 0; i < n; i++) {
		const struct actual_row *r = &rows[i];
		if (r->national <= 0 || r->admissions <= 0)
			continue;
		if (r->capacity > 0 && r->admissions >= 0.95 * r->capacity)
			continue; /* sold out: demand unknown */
		sum += log((double)r->admissions / r->national);
		used++;
		if (strcmp(r->week, last_week) != 0) {
			weeks++;
			last_week = r->week;
		}
	}
	double prior_weight = c->share_prior_weeks;
	double log_share = (sum + prior_weight * log(c->share_prior)) / ((double)used + prior_weight);
	out->value = used ? exp(log_share) : c->share_prior;
	out->calibrated = used > 0;
	out->observations = used;
	out->weeks = weeks;
	actual_rows_free(rows, n);
	return 0;
}

/* ---- weeks ---- */

long decision_week_start(const struct cinema *c, const char *week)
{
	long monday;
	if (date_parse_week(week, &monday) != 0)
		return -1;
	return monday + c->week_starts;
}

void decision_week_next(const struct cinema *c, char out[9])
{
	long today = date_today();
	long start = today + ((c->week_starts - date_weekday(today)) + 7) % 7;
	date_format_week(start - c->week_starts, out);
}

/* ---- films ---- */

static char **copy_list(char *const *items, size_t n)
{
	char **out = xcalloc(n ? n : 1, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(items[i]);
	return out;
}

/*
 * The film summary: title, release date, and from the store its slug
 * (unique, given when the film was stored), poster, genres and director.
 * slug, when not NULL, is the one it was published with (a holdover).
 */
static int film_summary(struct store *st, const char *key, const char *slug, const char *title,
			const char *release_date, struct week_film *f)
{
	memset(f, 0, sizeof *f);
	f->key = xstrdup(key);
	f->slug = slug ? xstrdup(slug) : NULL;
	f->title = xstrdup(title);
	f->release_date = xstrdup(release_date);
	struct film_info info;
	bool found = false;
	if (store_film_info(st, key, &info, &found) != 0) {
		week_film_clear(f);
		return -1;
	}
	if (!f->slug && found && info.slug)
		f->slug = xstrdup(info.slug);
	if (!f->slug) {
		long day;
		int y = 0, m, d;
		if (date_parse(release_date, &day) == 0)
			date_to_ymd(day, &y, &m, &d);
		f->slug = slug_film(title, NULL, y, key);
	}
	if (found) {
		f->poster = info.poster_path ? xstrdup(info.poster_path) : NULL;
		f->genres = copy_list(info.genres, info.n_genres);
		f->n_genres = info.n_genres;
		f->directors = copy_list(info.directors, info.n_directors);
		f->n_directors = info.n_directors;
		film_info_clear(&info);
	} else {
		f->genres = xcalloc(1, sizeof *f->genres);
		f->directors = xcalloc(1, sizeof *f->directors);
	}
	return 0;
}

static struct week_reason *reasons_of(const struct prediction *p)
{
	struct week_reason *r = xcalloc(p->n_reasons ? p->n_reasons : 1, sizeof *r);
	for (size_t i = 0; i < p->n_reasons; i++) {
		r[i].group = xstrdup(p->reasons[i].group);
		r[i].effect = p->reasons[i].effect;
		r[i].unknown = p->reasons[i].unknown;
	}
	return r;
}

/* ---- deciding ---- */

static void apply_override(struct plan_candidate *cands, const struct prediction *preds, size_t n,
			   const char *week, const struct override_row *o)
{
	size_t i;
	for (i = 0; i < n && strcmp(preds[i].key, o->film_key) != 0; i++)
		;
	if (i == n) {
		msg_warn("%s: the override (%s) of %s names no candidate of this week; ignored", week,
			 o->action, o->film_key);
		return;
	}
	if (strcmp(o->action, "pin") == 0)
		cands[i].pinned = true;
	else
		cands[i].excluded = true;
}

/* Fills the record's picks from the plan's screens. */
static void fill_picks(const struct cinema *c, const struct plan *plan, struct week_record *w,
		       bool holdover)
{
	w->picks = xcalloc(plan->n_screens ? plan->n_screens : 1, sizeof *w->picks);
	for (size_t s = 0; s < plan->n_screens; s++) {
		const struct plan_screen *scr = &plan->screens[s];
		struct week_pick *p = &w->picks[w->n_picks];
		const struct week_candidate *cand = &w->candidates[scr->film];
		p->screen = xstrdup(c->screens[s].name);
		p->seats = c->screens[s].seats;
		p->capacity = scr->capacity;
		week_film_copy(&p->film, &cand->film);
		w->n_picks++;
		p->predicted = cand->predicted;
		p->lower = cand->lower;
		p->upper = cand->upper;
		p->expected_attendance = scr->expected_attendance;
		p->occupancy = scr->occupancy;
		p->expected_revenue = scr->expected_revenue;
		p->p_sellout = scr->p_sellout;
		p->p_empty = scr->p_empty;
		p->pinned = cand->pinned;
		p->holdover = holdover;
		p->reasons = xcalloc(cand->n_reasons ? cand->n_reasons : 1, sizeof *p->reasons);
		for (size_t r = 0; r < cand->n_reasons; r++) {
			p->reasons[r].group = xstrdup(cand->reasons[r].group);
			p->reasons[r].effect = cand->reasons[r].effect;
			p->reasons[r].unknown = cand->reasons[r].unknown;
		}
		p->n_reasons = cand->n_reasons;
	}
}

/*
 * No release this week: the best pick of the week just before, when it was
 * published, stays on every screen for its second week, estimated at
 * cinema.holdover_factor of its first, and planned as one candidate is
 * (plan.c's one revenue formula). A film from any earlier week is not in
 * its first or second week any more: then nothing is planned.
 */
static int plan_holdover(struct store *st, const struct cinema *c, const char *week,
			 struct week_record *w, struct plan *plan)
{
	struct previous_pick held = { 0 };
	bool found;
	long monday;
	char previous[9];
	if (date_parse_week(week, &monday) != 0)
		return -1;
	date_format_week(monday - 7, previous);
	if (store_week_best_pick(st, previous, &held, &found) != 0)
		return -1;
	if (!found)
		return 0;
	double f = c->holdover_factor;
	/* The published interval is in the metric's units: in admissions, scaled alike. */
	double ratio = held.predicted > 0 ? held.national / held.predicted : 1;
	struct plan_candidate cand = { .key = held.film_key, .national = held.national * f,
				       .lower = held.lower * ratio * f,
				       .upper = held.upper * ratio * f };
	struct week_film film;
	int rc = -1;
	if (film_summary(st, held.film_key, held.slug, held.title, held.release_date, &film) != 0)
		goto out;
	struct plan held_plan;
	if (plan_make(c, w->share, &cand, 1, &held_plan) != 0) {
		week_film_clear(&film);
		goto out;
	}
	/* The held film is the record's only candidate while the picks are made. */
	struct week_candidate stand_in = { .film = film, .predicted = held.predicted * f,
					   .lower = held.lower * f, .upper = held.upper * f };
	w->candidates = &stand_in;
	fill_picks(c, &held_plan, w, true);
	w->candidates = NULL;
	week_film_clear(&film);
	plan_free(plan);
	*plan = held_plan;
	plan->kind = PLAN_HOLDOVER;
	w->holdover_week = xstrdup(held.week);
	w->holdover_factor = f;
	rc = 0;
out:
	previous_pick_clear(&held);
	return rc;
}

int decision_make(struct store *st, const struct config *cfg, const struct cinema *c,
		  const char *week, bool replay, struct week_record *w)
{
	memset(w, 0, sizeof *w);
	struct override_row *overrides = NULL;
	size_t n_overrides = 0, n = 0;
	struct prediction *preds = NULL;
	struct plan_candidate *cands = NULL;
	struct plan plan = { 0 };
	struct metric_info metric;
	struct share_estimate share;
	int rc = -1;

	long start = decision_week_start(c, week);
	if (start < 0) {
		msg_error("bad week \"%s\": expected YYYY-Www, such as 2024-W27", week);
		return -1;
	}
	snprintf(w->week, sizeof w->week, "%s", week);
	date_format(start, w->week_start);
	date_format(start + c->days - 1, w->week_end);
	w->replay = replay;
	if (decision_metric(cfg, NULL, &metric) != 0 || decision_share(st, c, &share) != 0 ||
	    predict_week(st, cfg, start, &preds, &n) != 0 ||
	    overrides_for_week(st, cfg, week, &overrides, &n_overrides) != 0)
		goto out;
	w->metric = xstrdup(metric.name);
	w->unit = xstrdup(metric.unit);
	w->money = metric.money;
	w->national_ticket_price = c->national_ticket_price;
	w->share = share.value;
	w->share_calibrated = share.calibrated;
	w->share_weeks = share.weeks;
	w->share_observations = share.observations;
	w->currency = xstrdup(c->currency);
	w->ticket_price = c->ticket_price;
	w->fixed_costs = c->fixed_costs;
	w->rental_share = c->rental_share;

	cands = xcalloc(n ? n : 1, sizeof *cands);
	w->candidates = xcalloc(n ? n : 1, sizeof *w->candidates);
	double to_admissions = metric.money ? 1 / c->national_ticket_price : 1;
	for (size_t i = 0; i < n; i++) {
		const struct prediction *p = &preds[i];
		struct week_candidate *wc = &w->candidates[i];
		char release[11];
		date_format(p->release, release);
		if (film_summary(st, p->key, NULL, p->title, release, &wc->film) != 0)
			goto out;
		w->n_candidates++;
		wc->rank = (int)i + 1;
		wc->predicted = p->predicted;
		wc->lower = p->lower;
		wc->upper = p->upper;
		wc->national = p->predicted * to_admissions;
		wc->reasons = reasons_of(p);
		wc->n_reasons = p->n_reasons;
		cands[i] = (struct plan_candidate){ .key = p->key, .national = wc->national,
						    .lower = p->lower * to_admissions,
						    .upper = p->upper * to_admissions };
		w->model_id = p->model_id;
	}
	for (size_t k = 0; k < n_overrides; k++)
		apply_override(cands, preds, n, week, &overrides[k]);
	if (plan_make(c, w->share, cands, n, &plan) != 0)
		goto out;
	w->kind = plan.kind;
	for (size_t i = 0; i < n; i++) {
		struct week_candidate *wc = &w->candidates[i];
		wc->pinned = cands[i].pinned;
		wc->excluded = cands[i].excluded;
		for (size_t s = 0; s < plan.n_screens; s++)
			wc->picked |= plan.screens[s].film == i;
		wc->expected_revenue = plan.revenue ? plan.revenue[i] : NAN;
		wc->lost_by = wc->picked ? NAN : plan.lost_by[i];
	}
	if (plan.kind == PLAN_NONE) {
		struct week_candidate *none = w->candidates;
		if (plan_holdover(st, c, week, w, &plan) != 0) {
			w->candidates = none;
			goto out;
		}
		w->candidates = none;
		w->kind = plan.kind;
	} else {
		fill_picks(c, &plan, w, false);
	}
	/* The week's totals are the sums of the figures shown for its screens. */
	for (size_t s = 0; s < w->n_picks; s++) {
		w->expected_revenue += round(w->picks[s].expected_revenue * 100) / 100;
		w->expected_attendance += round(w->picks[s].expected_attendance);
	}
	w->expected_profit = w->expected_revenue - c->fixed_costs;
	rc = 0;
out:
	plan_free(&plan);
	free(cands);
	predict_free(preds, n);
	override_rows_free(overrides, n_overrides);
	if (rc != 0)
		week_record_free(w);
	return rc;
}

int decision_publish(struct store *st, struct week_record *w, bool replace)
{
	int previous;
	if (store_week_version(st, w->week, &previous) != 0)
		return -1;
	if (previous > 0 && !replace) {
		msg_error("%s is already published (version %d); a published week does not change: "
			  "use --replace to publish a new version (the old one is kept)",
			  w->week, previous);
		return -1;
	}
	w->version = previous + 1;
	char *details = week_record_json(w);
	struct record_candidate *cands = xcalloc(w->n_candidates ? w->n_candidates : 1, sizeof *cands);
	for (size_t i = 0; i < w->n_candidates; i++) {
		const struct week_candidate *c = &w->candidates[i];
		cands[i] = (struct record_candidate){ c->film.key, c->film.slug, c->film.title,
						      c->film.release_date, c->predicted, c->lower,
						      c->upper, c->national, c->rank };
	}
	struct record_pick picks[CINEMA_MAX_SCREENS];
	for (size_t s = 0; s < w->n_picks; s++)
		picks[s] = (struct record_pick){ .screen = w->picks[s].screen,
						 .film_key = w->picks[s].film.key,
						 .seats = w->picks[s].seats,
						 .capacity = w->picks[s].capacity,
						 .expected_attendance = w->picks[s].expected_attendance,
						 .expected_revenue = w->picks[s].expected_revenue };
	struct record_week rec = { .week = w->week, .week_start = w->week_start,
				   .metric = w->metric, .model_id = w->model_id, .share = w->share,
				   .replay = w->replay, .details = details, .candidates = cands,
				   .n_candidates = w->n_candidates, .picks = picks,
				   .n_picks = w->n_picks };
	char now[21];
	date_now_iso(now);
	int version;
	int rc = store_week_publish(st, &rec, now, &version);
	free(cands);
	free(details);
	return rc;
}
