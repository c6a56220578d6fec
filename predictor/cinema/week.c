/* The weekly decision: candidates, share, overrides, plan, and its JSON. */
#define _GNU_SOURCE
#include "predictor/cinema/week.h"

#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/slug.h"
#include "common/xalloc.h"
#include "predictor/store/store_records.h"

/* ---- metric ---- */

static const struct {
	const char *name, *label, *label_fr, *unit;
} known_metrics[] = {
	{ "first_week_admissions", "first-week admissions", "entrées de première semaine",
	  "admissions" },
	{ "total_admissions", "total admissions", "entrées totales", "admissions" },
	{ "us_gross", "US gross", "recettes aux États-Unis", "USD" },
	{ "worldwide_gross", "worldwide gross", "recettes mondiales", "USD" },
};

int week_metric(const struct config *cfg, const char *override, struct metric_info *out)
{
	const char *name, *lang;
	if (predict_metric(cfg, override, &name) != 0 ||
	    config_string(cfg, "site.language", "en", &lang) != 0)
		return -1;
	const char *label = name, *unit = "admissions";
	for (size_t i = 0; i < sizeof known_metrics / sizeof *known_metrics; i++)
		if (strcmp(known_metrics[i].name, name) == 0) {
			label = lang_text(lang, known_metrics[i].label, known_metrics[i].label_fr);
			unit = known_metrics[i].unit;
		}
	if (config_string(cfg, "model.metric_label", label, &label) != 0 ||
	    config_string(cfg, "model.metric_unit", unit, &unit) != 0)
		return -1;
	out->name = name;
	out->label = label;
	out->unit = unit;
	out->money = strcmp(unit, "admissions") != 0;
	out->lang = lang;
	return 0;
}

/* ---- share ---- */

int week_share(struct store *st, const struct cinema *c, struct share_estimate *out)
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

long week_start_day(const struct cinema *c, const char *week)
{
	long monday;
	if (date_parse_week(week, &monday) != 0)
		return -1;
	return monday + c->week_starts;
}

void week_next(const struct cinema *c, char out[9])
{
	long today = date_today();
	long start = today + ((c->week_starts - date_weekday(today)) + 7) % 7;
	date_format_week(start - c->week_starts, out);
}

/* ---- JSON ---- */

/* Rounds for display, so the JSON stays short and byte-stable. */
static double rounded(double x, int decimals)
{
	double f = pow(10, decimals);
	double r = round(x * f) / f;
	return r == 0 ? 0 : r; /* no "-0" */
}

void week_json_number(cJSON *obj, const char *key, double x, int decimals)
{
	if (isfinite(x))
		cJSON_AddNumberToObject(obj, key, rounded(x, decimals));
	else
		cJSON_AddNullToObject(obj, key);
}

cJSON *week_json_strings(char **items, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(items[i]));
	return a;
}

/* The film summary of CONTENT.md: slug, title, release date, poster, genres, director. */
static cJSON *film_summary(struct store *st, const char *key, const char *slug, const char *title,
			   const char *release_date)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "key", key);
	cJSON_AddStringToObject(f, "slug", slug);
	cJSON_AddStringToObject(f, "title", title);
	cJSON_AddStringToObject(f, "release_date", release_date);
	struct film_info info;
	bool found = false;
	if (store_film_info(st, key, &info, &found) == 0 && found) {
		if (info.poster_path)
			cJSON_AddStringToObject(f, "poster", info.poster_path);
		else
			cJSON_AddNullToObject(f, "poster");
		cJSON_AddItemToObject(f, "genres", week_json_strings(info.genres, info.n_genres));
		cJSON_AddItemToObject(f, "director", week_json_strings(info.directors, info.n_directors));
		film_info_clear(&info);
	} else {
		cJSON_AddNullToObject(f, "poster");
		cJSON_AddItemToObject(f, "genres", cJSON_CreateArray());
		cJSON_AddItemToObject(f, "director", cJSON_CreateArray());
	}
	return f;
}

/* 310,000 in English, 310 000 (narrow no-break spaces) in French. */
char *week_fmt_count(double x, const char *lang)
{
	char digits[32];
	snprintf(digits, sizeof digits, "%.0f", fabs(x));
	size_t n = strlen(digits);
	char out[96];
	size_t k = 0;
	if (x < 0 && round(x) != 0)
		out[k++] = '-';
	const char *sep = lang_text(lang, ",", "\xe2\x80\xaf");
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			for (const char *c = sep; *c; c++)
				out[k++] = *c;
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return xstrdup(out);
}

static void note(cJSON *notes, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(cJSON *notes, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	cJSON_AddItemToArray(notes, cJSON_CreateString(text));
}

/* Reasons for a pick: the prediction, the room it fills, the model's reasons. */
static cJSON *pick_reasons(const struct week_decision *d, const struct select_screen *scr)
{
	const struct prediction *p = &d->preds[scr->film];
	cJSON *r = cJSON_CreateArray();
	const char *lang = d->lang;
	char *pred = week_fmt_count(p->predicted, lang), *lo = week_fmt_count(p->lower, lang),
	     *hi = week_fmt_count(p->upper, lang), *seats = week_fmt_count(scr->capacity, lang);
	char text[512];
	snprintf(text, sizeof text,
		 lang_text(lang, "Predicted: %s %s (80%% interval %s to %s).",
			   "Prévision : %s %s (intervalle à 80\xe2\x80\xaf%% de %s à %s)."),
		 pred, d->metric.label, lo, hi);
	cJSON_AddItemToArray(r, cJSON_CreateString(text));
	snprintf(text, sizeof text,
		 lang_text(lang, "Expected to fill %.0f%% of the room's %s seats over the week.",
			   "Devrait remplir %.0f\xe2\x80\xaf%% des %s places de la salle sur la semaine."),
		 100 * scr->occupancy, seats);
	free(seats);
	cJSON_AddItemToArray(r, cJSON_CreateString(text));
	for (size_t i = 0; i < p->n_reasons; i++) {
		snprintf(text, sizeof text, "%c%s.", p->reasons[i][0] >= 'a' && p->reasons[i][0] <= 'z'
							     ? p->reasons[i][0] - 'a' + 'A'
							     : p->reasons[i][0],
			 p->reasons[i] + 1);
		cJSON_AddItemToArray(r, cJSON_CreateString(text));
	}
	free(pred);
	free(lo);
	free(hi);
	return r;
}

static cJSON *metric_json(const struct metric_info *m)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", m->name);
	cJSON_AddStringToObject(o, "label", m->label);
	cJSON_AddStringToObject(o, "unit", m->unit);
	cJSON_AddBoolToObject(o, "money", m->money);
	return o;
}

static void build_json(struct store *st, const struct cinema *c, struct week_decision *d,
		       bool replay, const struct previous_pick *holdover)
{
	cJSON *w = cJSON_CreateObject();
	char start[11], end[11];
	date_format(d->start, start);
	date_format(d->end, end);
	char *title = xasprintf(lang_text(d->lang, "Week %s", "Semaine %s"), d->week);
	cJSON_AddStringToObject(w, "title", title);
	free(title);
	cJSON_AddStringToObject(w, "week", d->week);
	cJSON_AddStringToObject(w, "week_start", start);
	cJSON_AddStringToObject(w, "week_end", end);
	cJSON_AddBoolToObject(w, "replay", replay);
	cJSON_AddItemToObject(w, "metric", metric_json(&d->metric));
	cJSON *model = cJSON_AddObjectToObject(w, "model");
	cJSON_AddNumberToObject(model, "id", (double)d->model_id);
	char *label = xasprintf("model %ld", d->model_id);
	cJSON_AddStringToObject(model, "label", label);
	free(label);
	cJSON *share = cJSON_AddObjectToObject(w, "share");
	week_json_number(share, "value", d->share.value, 8);
	week_json_number(share, "percent", 100 * d->share.value, 4);
	cJSON_AddStringToObject(share, "source", d->share.calibrated ? "calibrated" : "configured");
	cJSON_AddNumberToObject(share, "weeks", (double)d->share.weeks);
	cJSON_AddNumberToObject(share, "observations", (double)d->share.observations);

	cJSON *notes = cJSON_AddArrayToObject(w, "notes");
	const char *lang = d->lang;
	if (d->metric.money)
		note(notes,
		     lang_text(lang,
			       "The model predicts %s in %s; it is turned into admissions at %.2f %s a "
			       "ticket (cinema.national_ticket_price).",
			       "Le modèle prédit les %s en %s, converties en entrées à %.2f %s la "
			       "place (cinema.national_ticket_price)."),
		     d->metric.label, d->metric.unit, c->national_ticket_price, d->metric.unit);
	note(notes,
	     lang_text(lang,
		       "Local attendance is national admissions times this cinema's share, %.4f%% (%s).",
		       "La fréquentation attendue ici est celle du pays multipliée par la part de ce "
		       "cinéma, %.4f\xe2\x80\xaf%% (%s)."),
	     100 * d->share.value,
	     d->share.calibrated
		     ? lang_text(lang, "calibrated on recorded attendance",
				 "calibrée sur les entrées enregistrées")
		     : lang_text(lang, "configured", "configurée"));
	if (d->plan.kind == SELECT_FEWER)
		note(notes,
		     lang_text(lang,
			       "Only %zu new release%s this week: the best is shown on more than one "
			       "screen.",
			       "Seulement %zu nouveauté%s cette semaine : la meilleure passe dans plus "
			       "d'une salle."),
		     d->n, d->n == 1 ? "" : "s");

	cJSON *picks = cJSON_AddArrayToObject(w, "picks");
	cJSON *candidates = cJSON_AddArrayToObject(w, "candidates");
	if (d->plan.kind == SELECT_NONE) {
		if (holdover) {
			note(notes,
			     lang_text(lang,
				       "No new release this week: last week's best film, %s (%s), "
				       "stays on.",
				       "Aucune nouveauté cette semaine : le meilleur film de la semaine "
				       "précédente, %s (%s), reste à l'affiche."),
			     holdover->title, holdover->week);
			double national = holdover->national * c->holdover_factor;
			double ratio = holdover->predicted > 0 ? holdover->national / holdover->predicted : 1;
			for (size_t s = 0; s < c->n_screens; s++) {
				double cap = cinema_capacity(c, s), total = 0;
				for (size_t t = 0; t < c->n_screens; t++)
					total += cinema_capacity(c, t);
				double e, ps, pe;
				select_demand(national * d->share.value,
					      holdover->lower * ratio * c->holdover_factor * d->share.value,
					      holdover->upper * ratio * c->holdover_factor * d->share.value,
					      total, c->empty_occupancy, &e, &ps, &pe);
				cJSON *p = cJSON_CreateObject();
				cJSON_AddStringToObject(p, "screen", c->screens[s].name);
				cJSON_AddNumberToObject(p, "seats", c->screens[s].seats);
				week_json_number(p, "capacity", cap, 0);
				cJSON_AddItemToObject(p, "film",
						      film_summary(st, holdover->film_key, holdover->slug,
								   holdover->title,
								   holdover->release_date));
				week_json_number(p, "predicted", holdover->predicted * c->holdover_factor, 0);
				week_json_number(p, "lower", holdover->lower * c->holdover_factor, 0);
				week_json_number(p, "upper", holdover->upper * c->holdover_factor, 0);
				week_json_number(p, "expected_attendance", e * cap / total, 0);
				week_json_number(p, "occupancy", e / total, 3);
				week_json_number(p, "expected_revenue",
					e * cap / total *
						(c->ticket_price * (1 - c->rental_share) +
						 c->concessions_per_head),
					2);
				week_json_number(p, "p_sellout", ps, 3);
				week_json_number(p, "p_empty", pe, 3);
				cJSON_AddBoolToObject(p, "pinned", false);
				cJSON_AddBoolToObject(p, "holdover", true);
				cJSON *r = cJSON_AddArrayToObject(p, "reasons");
				note(r,
				     lang_text(lang,
					       "Held over from %s: its second week is expected at %.0f%% "
					       "of its first (cinema.holdover_factor).",
					       "Prolongé depuis %s : sa deuxième semaine est estimée à "
					       "%.0f\xe2\x80\xaf%% de la première (cinema.holdover_factor)."),
				     holdover->week, 100 * c->holdover_factor);
				cJSON_AddItemToArray(picks, p);
			}
		} else {
			note(notes, "%s",
			     lang_text(lang,
				       "No new release this week and no earlier week to hold a film "
				       "over from: nothing to show.",
				       "Aucune nouveauté cette semaine et aucune semaine précédente : "
				       "rien à l'affiche."));
		}
	}
	for (size_t s = 0; s < d->plan.n_screens; s++) {
		const struct select_screen *scr = &d->plan.screens[s];
		const struct prediction *pr = &d->preds[scr->film];
		cJSON *p = cJSON_CreateObject();
		char release[11];
		date_format(pr->release, release);
		cJSON_AddStringToObject(p, "screen", c->screens[s].name);
		cJSON_AddNumberToObject(p, "seats", c->screens[s].seats);
		week_json_number(p, "capacity", scr->capacity, 0);
		cJSON_AddItemToObject(p, "film", film_summary(st, pr->key, d->slugs[scr->film],
							      pr->title, release));
		week_json_number(p, "predicted", pr->predicted, 0);
		week_json_number(p, "lower", pr->lower, 0);
		week_json_number(p, "upper", pr->upper, 0);
		week_json_number(p, "expected_attendance", scr->expected_attendance, 0);
		week_json_number(p, "occupancy", scr->occupancy, 3);
		week_json_number(p, "expected_revenue", scr->expected_revenue, 2);
		week_json_number(p, "p_sellout", scr->p_sellout, 3);
		week_json_number(p, "p_empty", scr->p_empty, 3);
		cJSON_AddBoolToObject(p, "pinned", d->cands[scr->film].pinned);
		cJSON_AddBoolToObject(p, "holdover", false);
		cJSON *reasons = pick_reasons(d, scr);
		if (d->cands[scr->film].pinned)
			cJSON_InsertItemInArray(reasons, 0,
						cJSON_CreateString(lang_text(
							d->lang, "Pinned by the manager for this week.",
							"Choisi par la direction pour cette semaine.")));
		cJSON_AddItemToObject(p, "reasons", reasons);
		cJSON_AddItemToArray(picks, p);
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct prediction *pr = &d->preds[i];
		cJSON *o = cJSON_CreateObject();
		char release[11];
		date_format(pr->release, release);
		cJSON_AddNumberToObject(o, "rank", (double)(i + 1));
		cJSON_AddItemToObject(o, "film", film_summary(st, pr->key, d->slugs[i], pr->title, release));
		week_json_number(o, "predicted", pr->predicted, 0);
		week_json_number(o, "lower", pr->lower, 0);
		week_json_number(o, "upper", pr->upper, 0);
		bool picked = false;
		for (size_t s = 0; s < d->plan.n_screens; s++)
			picked |= d->plan.screens[s].film == i;
		cJSON_AddBoolToObject(o, "picked", picked);
		cJSON_AddBoolToObject(o, "excluded", d->cands[i].excluded);
		cJSON_AddBoolToObject(o, "pinned", d->cands[i].pinned);
		week_json_number(o, "expected_revenue", d->plan.revenue ? d->plan.revenue[i] : NAN, 2);
		week_json_number(o, "lost_by", picked ? NAN : d->plan.lost_by[i], 2);
		cJSON_AddItemToObject(o, "reasons", week_json_strings(pr->reasons, pr->n_reasons));
		cJSON_AddItemToArray(candidates, o);
	}
	cJSON *eco = cJSON_AddObjectToObject(w, "economics");
	cJSON_AddStringToObject(eco, "currency", c->currency);
	week_json_number(eco, "ticket_price", c->ticket_price, 2);
	week_json_number(eco, "fixed_costs", c->fixed_costs, 2);
	double revenue = 0, attendance = 0;
	cJSON *p;
	cJSON_ArrayForEach(p, picks)
	{
		revenue += cJSON_GetObjectItem(p, "expected_revenue")->valuedouble;
		attendance += cJSON_GetObjectItem(p, "expected_attendance")->valuedouble;
	}
	week_json_number(eco, "expected_attendance", attendance, 0);
	week_json_number(eco, "expected_revenue", revenue, 2);
	week_json_number(eco, "expected_profit", revenue - c->fixed_costs, 2);
	cJSON_AddItemToObject(w, "actuals", cJSON_CreateArray());
	d->json = w;
}

/* ---- deciding ---- */

void week_decision_free(struct week_decision *d)
{
	predict_free(d->preds, d->n);
	if (d->slugs)
		for (size_t i = 0; i < d->n; i++)
			free(d->slugs[i]);
	free(d->slugs);
	free(d->cands);
	select_plan_free(&d->plan);
	cJSON_Delete(d->json);
	memset(d, 0, sizeof *d);
}

static void apply_override(struct week_decision *d, const char *week, const char *film_key,
			   const char *action)
{
	size_t i;
	for (i = 0; i < d->n && strcmp(d->preds[i].key, film_key) != 0; i++)
		;
	if (i == d->n) {
		msg_warn("%s: the override (%s) of %s names no candidate of this week; ignored", week,
			 action, film_key);
		return;
	}
	if (strcmp(action, "pin") == 0)
		d->cands[i].pinned = true;
	else
		d->cands[i].excluded = true;
}

/* Overrides written in marquee.yml: overrides: [{week, film, action}]. */
static int config_overrides(const struct config *cfg, struct week_decision *d, const char *week)
{
	const struct ytree *list = config_node(cfg, "overrides");
	if (!list)
		return 0;
	if (list->type != YTREE_SEQ) {
		config_error(cfg, list, "overrides", "expected a list of {week, film, action}");
		return -1;
	}
	for (size_t i = 0; i < list->n_items; i++) {
		const struct ytree *o = list->items[i];
		const struct ytree *w = ytree_get(o, "week"), *f = ytree_get(o, "film"),
				   *a = ytree_get(o, "action");
		long monday;
		if (!w || !f || !a || w->type != YTREE_SCALAR || f->type != YTREE_SCALAR ||
		    a->type != YTREE_SCALAR || date_parse_week(w->value, &monday) != 0 ||
		    (strcmp(a->value, "pin") != 0 && strcmp(a->value, "exclude") != 0)) {
			config_error(cfg, o, "overrides",
				     "item %zu needs week (YYYY-Www), film (its key) and action "
				     "(pin or exclude)", i + 1);
			return -1;
		}
		if (strcmp(w->value, week) == 0)
			apply_override(d, week, f->value, a->value);
	}
	return 0;
}

/* The slug of a film: title and year. */
static char *film_slug(const char *title, long release)
{
	char *base = slug_make(title);
	int y, m, day;
	date_to_ymd(release, &y, &m, &day);
	/* "Dune (2021)" already carries its year. */
	char year[16];
	snprintf(year, sizeof year, "-%d", y);
	size_t n = strlen(base), k = strlen(year);
	if (n > k && strcmp(base + n - k, year) == 0)
		return base;
	char *slug = xasprintf("%s%s", base, year);
	free(base);
	return slug;
}

int week_decide(struct store *st, const struct config *cfg, const struct cinema *c,
		const char *week, bool replay, struct week_decision *d)
{
	memset(d, 0, sizeof *d);
	struct override_row *overrides = NULL;
	size_t n_overrides = 0;
	struct previous_pick holdover = { 0 };
	bool have_holdover = false;
	int rc = -1;

	d->start = week_start_day(c, week);
	if (d->start < 0) {
		msg_error("bad week \"%s\": expected YYYY-Www, such as 2024-W27", week);
		return -1;
	}
	snprintf(d->week, sizeof d->week, "%s", week);
	d->end = d->start + c->days - 1;
	if (week_metric(cfg, NULL, &d->metric) != 0 || week_share(st, c, &d->share) != 0 ||
	    config_string(cfg, "site.language", "en", &d->lang) != 0)
		goto out;
	if (predict_week(st, cfg, d->start, &d->preds, &d->n) != 0)
		goto out;
	if (store_overrides_list(st, week, &overrides, &n_overrides) != 0)
		goto out;
	d->cands = xcalloc(d->n ? d->n : 1, sizeof *d->cands);
	d->slugs = xcalloc(d->n ? d->n : 1, sizeof *d->slugs);
	for (size_t i = 0; i < d->n; i++) {
		const struct prediction *p = &d->preds[i];
		double to_admissions = d->metric.money ? 1 / c->national_ticket_price : 1;
		d->slugs[i] = film_slug(p->title, p->release);
		d->cands[i] = (struct select_candidate){ .key = p->key,
							 .national = p->predicted * to_admissions,
							 .lower = p->lower * to_admissions,
							 .upper = p->upper * to_admissions };
		d->model_id = p->model_id;
	}
	for (size_t k = 0; k < n_overrides; k++)
		apply_override(d, week, overrides[k].film_key, overrides[k].action);
	if (config_overrides(cfg, d, week) != 0)
		goto out;
	if (select_plan_make(c, d->share.value, d->cands, d->n, &d->plan) != 0)
		goto out;
	if (d->plan.kind == SELECT_NONE &&
	    store_week_previous_best(st, week, &holdover, &have_holdover) != 0)
		goto out;
	build_json(st, c, d, replay, have_holdover ? &holdover : NULL);
	rc = 0;
out:
	previous_pick_clear(&holdover);
	override_rows_free(overrides, n_overrides);
	if (rc != 0)
		week_decision_free(d);
	return rc;
}

int week_publish(struct store *st, const struct week_decision *d, bool replace, int *version)
{
	int previous;
	if (store_week_version(st, d->week, &previous) != 0)
		return -1;
	if (previous > 0 && !replace) {
		msg_error("%s is already published (version %d); a published week does not change: "
			  "use --replace to publish a new version (the old one is kept)",
			  d->week, previous);
		return -1;
	}
	cJSON *json = cJSON_Duplicate(d->json, true);
	cJSON_AddNumberToObject(json, "version", previous + 1);
	char *details = cJSON_PrintUnformatted(json);
	char start[11];
	date_format(d->start, start);
	struct record_candidate *cands = xcalloc(d->n ? d->n : 1, sizeof *cands);
	char (*releases)[11] = xcalloc(d->n ? d->n : 1, sizeof *releases);
	for (size_t i = 0; i < d->n; i++) {
		const struct prediction *p = &d->preds[i];
		date_format(p->release, releases[i]);
		cands[i] = (struct record_candidate){ p->key, d->slugs[i], p->title, releases[i],
						      p->predicted, p->lower, p->upper,
						      d->cands[i].national, (int)i + 1 };
	}
	struct record_pick picks[CINEMA_MAX_SCREENS];
	size_t n_picks = 0;
	cJSON *pick;
	cJSON_ArrayForEach(pick, cJSON_GetObjectItem(json, "picks"))
	{
		cJSON *film = cJSON_GetObjectItem(pick, "film");
		picks[n_picks++] = (struct record_pick){
			.screen = cJSON_GetObjectItem(pick, "screen")->valuestring,
			.film_key = cJSON_GetObjectItem(film, "key")->valuestring,
			.seats = cJSON_GetObjectItem(pick, "seats")->valueint,
			.capacity = cJSON_GetObjectItem(pick, "capacity")->valuedouble,
			.expected_attendance = cJSON_GetObjectItem(pick, "expected_attendance")->valuedouble,
			.expected_revenue = cJSON_GetObjectItem(pick, "expected_revenue")->valuedouble,
		};
	}
	struct record_week rec = { .week = d->week, .week_start = start, .metric = d->metric.name,
				   .model_id = d->model_id, .share = d->share.value,
				   .replay = cJSON_IsTrue(cJSON_GetObjectItem(json, "replay")),
				   .details = details, .candidates = cands, .n_candidates = d->n,
				   .picks = picks, .n_picks = n_picks };
	char now[21];
	date_now_iso(now);
	int rc = store_week_publish(st, &rec, now, version);
	free(cands);
	free(releases);
	free(details);
	cJSON_Delete(json);
	return rc;
}

