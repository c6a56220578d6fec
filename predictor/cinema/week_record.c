/*
 * The published week's JSON (week_record.h): its one writer and its one
 * reader, and loading every published week from cinema.db.
 */
#include "predictor/cinema/week_record.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/json.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/store/store_records.h"

/* The format written; a record without "format" is from before reasons were data. */
#define FORMAT 2

static const char *const kind_names[] = {
	[PLAN_PAIR] = "pair", [PLAN_FEWER] = "fewer", [PLAN_REPEAT] = "repeat",
	[PLAN_NONE] = "none", [PLAN_HOLDOVER] = "holdover",
};

/* ---- films ---- */

cJSON *week_film_json(const struct week_film *f)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "key", f->key);
	cJSON_AddStringToObject(o, "slug", f->slug);
	cJSON_AddStringToObject(o, "title", f->title);
	cJSON_AddStringToObject(o, "release_date", f->release_date);
	if (f->poster)
		cJSON_AddStringToObject(o, "poster", f->poster);
	else
		cJSON_AddNullToObject(o, "poster");
	cJSON_AddItemToObject(o, "genres", json_strings(f->genres, f->n_genres));
	cJSON_AddItemToObject(o, "director", json_strings(f->directors, f->n_directors));
	return o;
}

static char **copy_list(char *const *items, size_t n)
{
	char **out = xcalloc(n ? n : 1, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(items[i]);
	return out;
}

static void free_list(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

void week_film_copy(struct week_film *dst, const struct week_film *src)
{
	dst->key = xstrdup(src->key);
	dst->slug = xstrdup(src->slug);
	dst->title = xstrdup(src->title);
	dst->release_date = xstrdup(src->release_date);
	dst->poster = src->poster ? xstrdup(src->poster) : NULL;
	dst->genres = copy_list(src->genres, src->n_genres);
	dst->n_genres = src->n_genres;
	dst->directors = copy_list(src->directors, src->n_directors);
	dst->n_directors = src->n_directors;
}

void week_film_clear(struct week_film *f)
{
	free(f->key);
	free(f->slug);
	free(f->title);
	free(f->release_date);
	free(f->poster);
	free_list(f->genres, f->n_genres);
	free_list(f->directors, f->n_directors);
	memset(f, 0, sizeof *f);
}

static int film_parse(const cJSON *o, struct week_film *f)
{
	memset(f, 0, sizeof *f);
	f->key = json_strdup(o, "key");
	f->slug = json_strdup(o, "slug");
	f->title = json_strdup(o, "title");
	f->release_date = json_strdup(o, "release_date");
	f->poster = json_strdup(o, "poster");
	f->genres = json_string_list(o, "genres", &f->n_genres);
	f->directors = json_string_list(o, "director", &f->n_directors);
	if (f->key && f->slug && f->title && f->release_date)
		return 0;
	week_film_clear(f);
	return -1;
}

/* ---- reasons ---- */

static cJSON *reasons_json(const struct week_reason *r, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		if (r[i].text) {
			cJSON_AddItemToArray(a, cJSON_CreateString(r[i].text));
			continue;
		}
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "group", r[i].group);
		json_number(o, "effect", r[i].effect, 6);
		if (r[i].unknown)
			cJSON_AddBoolToObject(o, "unknown", true);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static struct week_reason *reasons_parse(const cJSON *a, size_t *n)
{
	size_t cap = cJSON_IsArray(a) ? (size_t)cJSON_GetArraySize(a) : 0;
	struct week_reason *r = xcalloc(cap ? cap : 1, sizeof *r);
	*n = 0;
	const cJSON *v;
	if (cap)
		cJSON_ArrayForEach(v, a)
		{
			if (cJSON_IsString(v)) {
				r[(*n)++].text = xstrdup(v->valuestring);
			} else if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(v, "group"))) {
				r[*n].group = json_strdup(v, "group");
				r[*n].unknown = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "unknown"));
				r[(*n)++].effect = json_num(v, "effect");
			}
		}
	return r;
}

static void reasons_free(struct week_reason *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].group);
		free(r[i].text);
	}
	free(r);
}

/* ---- the writer ---- */

cJSON *week_pick_json(const struct week_pick *p)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "screen", p->screen);
	cJSON_AddNumberToObject(j, "seats", p->seats);
	json_number(j, "capacity", p->capacity, 0);
	cJSON_AddItemToObject(j, "film", week_film_json(&p->film));
	json_number(j, "predicted", p->predicted, 0);
	json_number(j, "lower", p->lower, 0);
	json_number(j, "upper", p->upper, 0);
	json_number(j, "expected_attendance", p->expected_attendance, 0);
	json_number(j, "occupancy", p->occupancy, 3);
	json_number(j, "expected_revenue", p->expected_revenue, 2);
	json_number(j, "p_sellout", p->p_sellout, 3);
	json_number(j, "p_empty", p->p_empty, 3);
	cJSON_AddBoolToObject(j, "pinned", p->pinned);
	cJSON_AddBoolToObject(j, "holdover", p->holdover);
	return j;
}

cJSON *week_candidate_json(const struct week_candidate *c)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "rank", c->rank);
	cJSON_AddItemToObject(j, "film", week_film_json(&c->film));
	json_number(j, "predicted", c->predicted, 0);
	json_number(j, "lower", c->lower, 0);
	json_number(j, "upper", c->upper, 0);
	json_number(j, "national", c->national, 0);
	cJSON_AddBoolToObject(j, "picked", c->picked);
	cJSON_AddBoolToObject(j, "excluded", c->excluded);
	cJSON_AddBoolToObject(j, "pinned", c->pinned);
	json_number(j, "expected_revenue", c->expected_revenue, 2);
	json_number(j, "lost_by", c->picked ? NAN : c->lost_by, 2);
	return j;
}

cJSON *week_economics_json(const struct week_record *w)
{
	cJSON *eco = cJSON_CreateObject();
	cJSON_AddStringToObject(eco, "currency", w->currency);
	json_number(eco, "ticket_price", w->ticket_price, 2);
	json_number(eco, "fixed_costs", w->fixed_costs, 2);
	if (isfinite(w->rental_share))
		json_number(eco, "rental_share", w->rental_share, 4);
	json_number(eco, "expected_attendance", w->expected_attendance, 0);
	json_number(eco, "expected_revenue", w->expected_revenue, 2);
	json_number(eco, "expected_profit", w->expected_profit, 2);
	return eco;
}

char *week_record_json(const struct week_record *w)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "format", FORMAT);
	cJSON_AddStringToObject(o, "week", w->week);
	cJSON_AddStringToObject(o, "week_start", w->week_start);
	cJSON_AddStringToObject(o, "week_end", w->week_end);
	cJSON_AddBoolToObject(o, "replay", w->replay);
	cJSON_AddNumberToObject(o, "version", w->version);
	cJSON *m = cJSON_AddObjectToObject(o, "metric");
	cJSON_AddStringToObject(m, "name", w->metric);
	cJSON_AddStringToObject(m, "unit", w->unit);
	cJSON_AddBoolToObject(m, "money", w->money);
	json_number(m, "national_ticket_price", w->national_ticket_price, 2);
	cJSON_AddNumberToObject(o, "model_id", (double)w->model_id);
	cJSON *share = cJSON_AddObjectToObject(o, "share");
	json_number(share, "value", w->share, 8);
	cJSON_AddBoolToObject(share, "calibrated", w->share_calibrated);
	cJSON_AddNumberToObject(share, "weeks", (double)w->share_weeks);
	cJSON_AddNumberToObject(share, "observations", (double)w->share_observations);
	cJSON *plan = cJSON_AddObjectToObject(o, "plan");
	cJSON_AddStringToObject(plan, "kind", kind_names[w->kind]);
	if (w->holdover_week) {
		cJSON_AddStringToObject(plan, "holdover_week", w->holdover_week);
		json_number(plan, "holdover_factor", w->holdover_factor, 4);
	}
	cJSON *picks = cJSON_AddArrayToObject(o, "picks");
	for (size_t i = 0; i < w->n_picks; i++) {
		cJSON *j = week_pick_json(&w->picks[i]);
		cJSON_AddItemToObject(j, "reasons", reasons_json(w->picks[i].reasons,
								 w->picks[i].n_reasons));
		cJSON_AddItemToArray(picks, j);
	}
	cJSON *cands = cJSON_AddArrayToObject(o, "candidates");
	for (size_t i = 0; i < w->n_candidates; i++) {
		cJSON *j = week_candidate_json(&w->candidates[i]);
		cJSON_AddItemToObject(j, "reasons", reasons_json(w->candidates[i].reasons,
								 w->candidates[i].n_reasons));
		cJSON_AddItemToArray(cands, j);
	}
	cJSON_AddItemToObject(o, "economics", week_economics_json(w));
	char *text = json_print(o);
	cJSON_Delete(o);
	return text;
}

/* ---- the reader ---- */

static void copy_label(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

int week_record_parse(const char *json, struct week_record *w, const char *where)
{
	memset(w, 0, sizeof *w);
	cJSON *o = cJSON_Parse(json);
	const char *why = NULL;
	if (!cJSON_IsObject(o)) {
		why = "not JSON";
		goto bad;
	}
	bool old = !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, "format"));
	copy_label(w->week, sizeof w->week, json_str(o, "week"));
	copy_label(w->week_start, sizeof w->week_start, json_str(o, "week_start"));
	copy_label(w->week_end, sizeof w->week_end, json_str(o, "week_end"));
	if (!w->week[0] || !w->week_start[0]) {
		why = "no week or first day";
		goto bad;
	}
	w->replay = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "replay"));
	double version = json_num(o, "version");
	w->version = isfinite(version) ? (int)version : 0;
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "metric");
	w->metric = json_strdup(m, "name");
	w->unit = json_strdup(m, "unit");
	w->money = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "money"));
	w->national_ticket_price = json_num(m, "national_ticket_price");
	if (!w->metric || !w->unit) {
		why = "no metric";
		goto bad;
	}
	double model_id = old ? json_num(cJSON_GetObjectItemCaseSensitive(o, "model"), "id")
			      : json_num(o, "model_id");
	w->model_id = isfinite(model_id) ? (long)model_id : 0;
	const cJSON *share = cJSON_GetObjectItemCaseSensitive(o, "share");
	w->share = json_num(share, "value");
	w->share_calibrated = old ? strcmp(json_str(share, "source"), "calibrated") == 0
				  : cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(share, "calibrated"));
	double weeks = json_num(share, "weeks"), obs = json_num(share, "observations");
	w->share_weeks = isfinite(weeks) ? (size_t)weeks : 0;
	w->share_observations = isfinite(obs) ? (size_t)obs : 0;
	const cJSON *plan = cJSON_GetObjectItemCaseSensitive(o, "plan");
	const char *kind = json_str(plan, "kind");
	w->kind = PLAN_PAIR;
	for (size_t k = 0; k < sizeof kind_names / sizeof *kind_names; k++)
		if (strcmp(kind, kind_names[k]) == 0)
			w->kind = (enum plan_kind)k;
	w->holdover_week = json_strdup(plan, "holdover_week");
	w->holdover_factor = json_num(plan, "holdover_factor");

	const cJSON *picks = cJSON_GetObjectItemCaseSensitive(o, "picks"), *v;
	const cJSON *cands = cJSON_GetObjectItemCaseSensitive(o, "candidates");
	size_t n_picks = cJSON_IsArray(picks) ? (size_t)cJSON_GetArraySize(picks) : 0;
	size_t n_cands = cJSON_IsArray(cands) ? (size_t)cJSON_GetArraySize(cands) : 0;
	w->picks = xcalloc(n_picks ? n_picks : 1, sizeof *w->picks);
	w->candidates = xcalloc(n_cands ? n_cands : 1, sizeof *w->candidates);
	if (n_picks)
		cJSON_ArrayForEach(v, picks)
		{
			struct week_pick *p = &w->picks[w->n_picks];
			if (film_parse(cJSON_GetObjectItemCaseSensitive(v, "film"), &p->film) != 0) {
				why = "a pick without its film";
				goto bad;
			}
			w->n_picks++;
			p->screen = xstrdup(json_str(v, "screen"));
			double seats = json_num(v, "seats");
			p->seats = isfinite(seats) ? (int)seats : 0;
			p->capacity = json_num(v, "capacity");
			p->predicted = json_num(v, "predicted");
			p->lower = json_num(v, "lower");
			p->upper = json_num(v, "upper");
			p->expected_attendance = json_num(v, "expected_attendance");
			p->occupancy = json_num(v, "occupancy");
			p->expected_revenue = json_num(v, "expected_revenue");
			p->p_sellout = json_num(v, "p_sellout");
			p->p_empty = json_num(v, "p_empty");
			p->pinned = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "pinned"));
			p->holdover = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "holdover"));
			p->reasons = reasons_parse(cJSON_GetObjectItemCaseSensitive(v, "reasons"),
						   &p->n_reasons);
		}
	if (n_cands)
		cJSON_ArrayForEach(v, cands)
		{
			struct week_candidate *c = &w->candidates[w->n_candidates];
			if (film_parse(cJSON_GetObjectItemCaseSensitive(v, "film"), &c->film) != 0) {
				why = "a candidate without its film";
				goto bad;
			}
			w->n_candidates++;
			double rank = json_num(v, "rank");
			c->rank = isfinite(rank) ? (int)rank : (int)w->n_candidates;
			c->predicted = json_num(v, "predicted");
			c->lower = json_num(v, "lower");
			c->upper = json_num(v, "upper");
			c->national = json_num(v, "national");
			c->picked = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "picked"));
			c->excluded = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "excluded"));
			c->pinned = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "pinned"));
			c->expected_revenue = json_num(v, "expected_revenue");
			c->lost_by = json_num(v, "lost_by");
			c->reasons = reasons_parse(cJSON_GetObjectItemCaseSensitive(v, "reasons"),
						   &c->n_reasons);
		}
	const cJSON *eco = cJSON_GetObjectItemCaseSensitive(o, "economics");
	w->currency = xstrdup(json_str(eco, "currency"));
	w->ticket_price = json_num(eco, "ticket_price");
	w->fixed_costs = json_num(eco, "fixed_costs");
	w->rental_share = json_num(eco, "rental_share");
	w->expected_attendance = json_num(eco, "expected_attendance");
	w->expected_revenue = json_num(eco, "expected_revenue");
	w->expected_profit = json_num(eco, "expected_profit");
	if (old) {
		/* Published before reasons were data: its sentences, as they were. */
		w->notes = json_string_list(o, "notes", &w->n_notes);
		w->title = json_strdup(o, "title");
		if (n_picks == 0)
			w->kind = PLAN_NONE;
		else if (w->picks[0].holdover)
			w->kind = PLAN_HOLDOVER;
		else if (n_cands < n_picks)
			w->kind = PLAN_FEWER;
	}
	cJSON_Delete(o);
	return 0;
bad:
	msg_error("%s: its published details are not a week (%s)", where, why);
	cJSON_Delete(o);
	week_record_free(w);
	return -1;
}

void week_record_free(struct week_record *w)
{
	free(w->metric);
	free(w->unit);
	free(w->holdover_week);
	for (size_t i = 0; i < w->n_picks; i++) {
		free(w->picks[i].screen);
		week_film_clear(&w->picks[i].film);
		reasons_free(w->picks[i].reasons, w->picks[i].n_reasons);
	}
	free(w->picks);
	for (size_t i = 0; i < w->n_candidates; i++) {
		week_film_clear(&w->candidates[i].film);
		reasons_free(w->candidates[i].reasons, w->candidates[i].n_reasons);
	}
	free(w->candidates);
	free(w->currency);
	free_list(w->notes, w->n_notes);
	free(w->title);
	memset(w, 0, sizeof *w);
}

/* ---- loading ---- */

int week_records_load(struct store *st, struct week_record **out, size_t *n)
{
	struct published_week *published;
	size_t n_published;
	*out = NULL;
	*n = 0;
	if (store_weeks_published(st, &published, &n_published) != 0)
		return -1;
	struct week_record *weeks = xcalloc(n_published ? n_published : 1, sizeof *weeks);
	int rc = 0;
	for (size_t i = 0; i < n_published && rc == 0; i++) {
		char where[64];
		snprintf(where, sizeof where, "cinema.db: week %s", published[i].week);
		rc = week_record_parse(published[i].details, &weeks[i], where);
		if (rc == 0) {
			weeks[i].version = published[i].version;
			(*n)++;
		}
	}
	published_weeks_free(published, n_published);
	if (rc != 0) {
		week_records_free(weeks, *n);
		*n = 0;
		return -1;
	}
	*out = weeks;
	return 0;
}

void week_records_free(struct week_record *weeks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		week_record_free(&weeks[i]);
	free(weeks);
}
