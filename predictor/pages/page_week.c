/*
 * The weeks' pages (pages.h): a week as the site receives it, its chart,
 * the archive and the home page. The figures are the published record's;
 * the sentences are written here, in the site's language.
 */
#define _GNU_SOURCE
#include "predictor/pages/pages.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/json.h"
#include "common/xalloc.h"
#include "predictor/words/words.h"

/* ---- sentences ---- */

static void add_owned(cJSON *array, char *text)
{
	cJSON_AddItemToArray(array, cJSON_CreateString(text));
	free(text);
}

char **page_week_notes(const struct week_record *w, const struct page_lang *pl, size_t *n)
{
	const char *lang = pl->lang;
	char **notes = xcalloc(4 + w->n_notes, sizeof *notes);
	*n = 0;
	if (w->notes && w->n_notes) {
		/* A week published before notes were data keeps its sentences. */
		for (size_t i = 0; i < w->n_notes; i++)
			notes[(*n)++] = xstrdup(w->notes[i]);
		return notes;
	}
	if (w->money) {
		char *price = words_number(lang, w->national_ticket_price, 2);
		notes[(*n)++] = words_say(lang, W_NOTE_MONEY, content_metric_label(pl, w->metric),
					  w->unit, price, w->unit);
		free(price);
	}
	char *share = words_number(lang, 100 * w->share, 4);
	notes[(*n)++] = words_say(lang, W_NOTE_SHARE, share,
				  words_get(lang, w->share_calibrated ? W_SHARE_CALIBRATED
								      : W_SHARE_CONFIGURED));
	free(share);
	if (w->kind == PLAN_FEWER)
		notes[(*n)++] = words_say(lang, W_NOTE_FEWER, w->n_candidates,
					  w->n_candidates == 1 ? "" : "s");
	if (w->kind == PLAN_REPEAT && w->n_picks) {
		/* the film on the most screens */
		size_t best = 0, most = 0;
		for (size_t a = 0; a < w->n_picks; a++) {
			size_t k = 0;
			for (size_t b = 0; b < w->n_picks; b++)
				k += strcmp(w->picks[a].film.key, w->picks[b].film.key) == 0;
			if (k > most) {
				most = k;
				best = a;
			}
		}
		notes[(*n)++] = words_say(lang, W_NOTE_REPEAT, w->picks[best].film.title, most);
	}
	if (w->kind == PLAN_HOLDOVER && w->n_picks)
		notes[(*n)++] = words_say(lang, W_NOTE_HOLDOVER, w->picks[0].film.title,
					  w->holdover_week ? w->holdover_week : "");
	if (w->kind == PLAN_NONE)
		notes[(*n)++] = xstrdup(words_get(lang, W_NOTE_NOTHING));
	return notes;
}

/* "the director's last films opened strongly (+45%)", or an old record's sentence. */
static char *reason_text(const struct week_reason *r, const char *lang)
{
	return r->text ? xstrdup(r->text) : words_reason(lang, r->group, r->effect, r->unknown);
}

static void add_owned_to(cJSON *obj, const char *key, char *text)
{
	cJSON_AddStringToObject(obj, key, text);
	free(text);
}

static cJSON *candidate_reasons(const struct week_reason *r, size_t n, const char *lang)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		add_owned(a, reason_text(&r[i], lang));
	return a;
}

/* Why a film was picked: the manager, the prediction, the room, the model. */
static cJSON *pick_reasons(const struct week_record *w, const struct week_pick *p,
			   const struct page_lang *pl)
{
	const char *lang = pl->lang;
	cJSON *a = cJSON_CreateArray();
	bool old = false;
	for (size_t i = 0; i < p->n_reasons; i++)
		old |= p->reasons[i].text != NULL;
	if (old || (p->holdover && !w->holdover_week)) {
		for (size_t i = 0; i < p->n_reasons; i++)
			add_owned(a, reason_text(&p->reasons[i], lang));
		return a;
	}
	if (p->holdover) {
		char *factor = words_number(lang, 100 * w->holdover_factor, 0);
		add_owned(a, words_say(lang, W_PICK_HOLDOVER, w->holdover_week, factor));
		free(factor);
		return a;
	}
	if (p->pinned)
		cJSON_AddItemToArray(a, cJSON_CreateString(words_get(lang, W_PICK_PINNED)));
	char *pred = words_count(lang, p->predicted), *lo = words_count(lang, p->lower),
	     *hi = words_count(lang, p->upper), *seats = words_count(lang, p->capacity);
	add_owned(a, words_say(lang, W_PICK_PREDICTED, pred, content_metric_label(pl, w->metric),
			       lo, hi));
	char *fill = words_number(lang, 100 * p->occupancy, 0);
	add_owned(a, words_say(lang, W_PICK_FILL, fill, seats));
	free(fill);
	free(pred);
	free(lo);
	free(hi);
	free(seats);
	for (size_t i = 0; i < p->n_reasons; i++) {
		/* A reason as a sentence of its own: capitalised, with a full stop. */
		char *text = reason_text(&p->reasons[i], lang);
		if (text[0] >= 'a' && text[0] <= 'z')
			text[0] = (char)toupper((unsigned char)text[0]);
		add_owned(a, xasprintf("%s.", text));
		free(text);
	}
	return a;
}

/* ---- the week as the site receives it ---- */

/* A pick's film: the week's summary, and what the public sees of it. */
static cJSON *pick_film(const struct week_pick *p, const cJSON *details)
{
	cJSON *film = week_film_json(&p->film);
	for (const cJSON *d = details ? details->child : NULL; d; d = d->next)
		cJSON_AddItemToObject(film, d->string, cJSON_Duplicate(d, true));
	return film;
}

void page_week_showing(cJSON *j, const struct week_record *w, const struct week_pick *p,
		       const struct page_lang *pl)
{
	/* no screening before the film's release, even in its first week */
	const char *starts = p->film.release_date && strcmp(p->film.release_date, w->week_start) > 0 &&
				     strcmp(p->film.release_date, w->week_end) <= 0
			     ? p->film.release_date
			     : w->week_start;
	cJSON_AddStringToObject(j, "starts", starts);
	cJSON_AddStringToObject(j, "ends", w->week_end);
	const struct screen *screen = pl->cinema ? cinema_screen(pl->cinema, p->screen) : NULL;
	cJSON_AddItemToObject(j, "showtimes", screen ? json_strings(screen->showtimes,
								     screen->n_showtimes)
						     : cJSON_CreateArray());
	char *booking = pl->cinema ? cinema_booking_url(pl->cinema, p->film.slug, p->film.title,
							 starts, w->week, p->screen)
				   : NULL;
	if (booking)
		cJSON_AddStringToObject(j, "booking_url", booking);
	free(booking);
}

/* A public site's picks: the film, where and when, and nothing of the
 * cinema's business or of the model. */
static void add_public_picks(cJSON *o, const struct week_record *w,
			     const struct page_week_facts *facts, const struct page_lang *pl)
{
	cJSON *picks = cJSON_AddArrayToObject(o, "picks");
	for (size_t s = 0; s < w->n_picks; s++) {
		const struct week_pick *p = &w->picks[s];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "screen", p->screen);
		cJSON_AddNumberToObject(j, "seats", p->seats);
		cJSON_AddItemToObject(j, "film", pick_film(p, facts && facts->details ? facts->details[s] : NULL));
		page_week_showing(j, w, p, pl);
		cJSON_AddBoolToObject(j, "holdover", p->holdover);
		cJSON_AddItemToArray(picks, j);
	}
}

cJSON *page_week_json(const struct week_record *w, const struct page_week_facts *facts,
		      const struct page_lang *pl)
{
	const char *lang = pl->lang;
	cJSON *o = cJSON_CreateObject();
	if (w->title)
		cJSON_AddStringToObject(o, "title", w->title);
	else
		add_owned_to(o, "title", words_say(lang, W_WEEK_TITLE, w->week));
	cJSON_AddStringToObject(o, "week", w->week);
	cJSON_AddStringToObject(o, "week_start", w->week_start);
	cJSON_AddStringToObject(o, "week_end", w->week_end);
	cJSON_AddBoolToObject(o, "replay", w->replay);
	/* what the feeds say of the week: its films and their screens */
	struct buf picked = BUF_INIT;
	for (size_t s = 0; s < w->n_picks; s++) {
		char *one = words_say(lang, W_PICK_ON_SCREEN, w->picks[s].film.title, w->picks[s].screen);
		buf_printf(&picked, "%s%s", s ? ", " : "", one);
		free(one);
	}
	if (w->n_picks)
		cJSON_AddStringToObject(o, "description", buf_str(&picked));
	buf_free(&picked);
	if (pl->public_site) {
		add_public_picks(o, w, facts, pl);
		if (w->version > 0)
			cJSON_AddNumberToObject(o, "version", w->version);
		if (facts && facts->tmdb)
			cJSON_AddBoolToObject(o, "tmdb", true);
		return o;
	}
	cJSON *m = cJSON_AddObjectToObject(o, "metric");
	cJSON_AddStringToObject(m, "name", w->metric);
	cJSON_AddStringToObject(m, "label", content_metric_label(pl, w->metric));
	cJSON_AddStringToObject(m, "unit", w->unit);
	cJSON_AddBoolToObject(m, "money", w->money);
	cJSON *model = cJSON_AddObjectToObject(o, "model");
	cJSON_AddNumberToObject(model, "id", (double)w->model_id);
	add_owned_to(model, "label", words_say(lang, W_MODEL_LABEL, w->model_id));
	cJSON *share = cJSON_AddObjectToObject(o, "share");
	json_number(share, "value", w->share, 8);
	json_number(share, "percent", 100 * w->share, 4);
	cJSON_AddStringToObject(share, "source", w->share_calibrated ? "calibrated" : "configured");
	char *percent = words_number(lang, 100 * w->share, 4);
	add_owned_to(share, "label",
		     words_say(lang, W_SHARE_LABEL, percent,
			       words_get(lang, w->share_calibrated ? W_SHARE_CALIBRATED
								   : W_SHARE_CONFIGURED)));
	free(percent);
	cJSON_AddNumberToObject(share, "weeks", (double)w->share_weeks);
	cJSON_AddNumberToObject(share, "observations", (double)w->share_observations);
	size_t n_notes;
	char **notes = page_week_notes(w, pl, &n_notes);
	cJSON_AddItemToObject(o, "notes", json_strings(notes, n_notes));
	for (size_t i = 0; i < n_notes; i++)
		free(notes[i]);
	free(notes);

	cJSON *picks = cJSON_AddArrayToObject(o, "picks");
	for (size_t s = 0; s < w->n_picks; s++) {
		const struct week_pick *p = &w->picks[s];
		cJSON *j = week_pick_json(p);
		cJSON_ReplaceItemInObjectCaseSensitive(
			j, "film", pick_film(p, facts && facts->details ? facts->details[s] : NULL));
		page_week_showing(j, w, p, pl);
		cJSON_AddItemToObject(j, "reasons", pick_reasons(w, p, pl));
		cJSON_AddItemToArray(picks, j);
	}
	cJSON *cands = cJSON_AddArrayToObject(o, "candidates");
	for (size_t i = 0; i < w->n_candidates; i++) {
		const struct week_candidate *c = &w->candidates[i];
		cJSON *j = week_candidate_json(c);
		cJSON_AddItemToObject(j, "reasons", candidate_reasons(c->reasons, c->n_reasons, lang));
		if (facts)
			json_number(j, "actual", facts->actual[i], 0);
		cJSON_AddItemToArray(cands, j);
	}
	cJSON_AddItemToObject(o, "economics", week_economics_json(w));

	/* At the cinema: what each film shown really did. */
	cJSON *acts = cJSON_AddArrayToObject(o, "actuals");
	for (size_t a = 0; facts && a < facts->n_local; a++) {
		const struct actual_row *r = facts->local[a];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "key", r->film_key);
		for (size_t s = 0; s < w->n_picks; s++)
			if (strcmp(w->picks[s].film.key, r->film_key) == 0) {
				cJSON_AddItemToObject(j, "film", week_film_json(&w->picks[s].film));
				cJSON_AddStringToObject(j, "screen", w->picks[s].screen);
				json_number(j, "expected_attendance", w->picks[s].expected_attendance, 0);
				break;
			}
		cJSON_AddNumberToObject(j, "admissions", (double)r->admissions);
		json_number(j, "revenue", r->revenue >= 0 ? r->revenue : NAN, 2);
		cJSON_AddItemToArray(acts, j);
	}
	if (w->version > 0)
		cJSON_AddNumberToObject(o, "version", w->version);
	if (facts && facts->tmdb)
		cJSON_AddBoolToObject(o, "tmdb", true); /* the theme credits TMDB then, and only then */
	return o;
}

/* ---- pages ---- */

/* The bar chart of the week's predictions with their intervals. */
static void week_chart(cJSON *page, const struct week_record *w, const struct page_lang *pl)
{
	const char *lang = pl->lang, *label = content_metric_label(pl, w->metric);
	char *title = words_say(lang, W_WEEK_CHART_TITLE, label, w->week);
	char *lead = w->n_candidates ? words_count(lang, w->candidates[0].predicted) : NULL;
	char *desc = w->n_candidates
			     ? words_say(lang, W_WEEK_CHART_DESC, w->candidates[0].film.title, lead)
			     : xstrdup(words_get(lang, W_WEEK_CHART_EMPTY));
	free(lead);
	char *axis = w->money ? xasprintf("%s (%s)", label, w->unit) : xstrdup(label);
	cJSON *c = content_chart("bar", title, desc, words_get(lang, W_FILM), axis, false);
	free(axis);
	cJSON *pts = content_series(c, words_get(lang, W_PREDICTED), "predicted");
	for (size_t i = 0; i < w->n_candidates; i++)
		cJSON_AddItemToArray(pts, content_point_label(w->candidates[i].film.title,
							      w->candidates[i].predicted,
							      w->candidates[i].lower,
							      w->candidates[i].upper));
	cJSON *charts = cJSON_AddObjectToObject(page, "charts");
	cJSON_AddItemToObject(charts, "candidates", c);
	free(title);
	free(desc);
}

int page_week_write(struct page_set *set, const struct week_record *weeks,
		    const struct page_week_facts *facts, size_t n, const struct page_lang *pl,
		    const char *site_title)
{
	for (size_t i = 0; i < n; i++) {
		cJSON *page = page_week_json(&weeks[i], &facts[i], pl);
		cJSON_AddStringToObject(page, "layout", "week");
		cJSON_AddBoolToObject(page, "generated", true);
		cJSON_AddStringToObject(page, "date", weeks[i].week_start);
		if (!pl->public_site)
			week_chart(page, &weeks[i], pl);
		char *rel = xasprintf("weeks/%s.md", weeks[i].week);
		int r = content_put(set, rel, page, "");
		free(rel);
		cJSON_Delete(page);
		if (r != 0)
			return -1;
	}
	cJSON *archive = cJSON_CreateObject();
	cJSON_AddStringToObject(archive, "title", words_get(pl->lang, W_WEEKS_TITLE));
	cJSON_AddStringToObject(archive, "layout", "weeks");
	cJSON_AddNumberToObject(archive, "menu", 1);
	cJSON_AddBoolToObject(archive, "generated", true);
	int r = content_put(set, "weeks/_index.md", archive, "");
	cJSON_Delete(archive);
	if (r != 0)
		return -1;

	cJSON *home = cJSON_CreateObject();
	cJSON_AddStringToObject(home, "title", site_title);
	cJSON_AddStringToObject(home, "layout", "home");
	cJSON_AddBoolToObject(home, "generated", true);
	/* what the site is, for the feeds' channels and search results */
	char *description = pl->public_site ? words_say(pl->lang, W_PUBLIC_DESCRIPTION, site_title)
					    : words_say(pl->lang, W_SITE_DESCRIPTION, site_title,
							pl->label);
	cJSON_AddStringToObject(home, "description", description);
	free(description);
	if (n) {
		cJSON *latest = page_week_json(&weeks[n - 1], &facts[n - 1], pl);
		if (!pl->public_site)
			week_chart(latest, &weeks[n - 1], pl);
		cJSON_AddStringToObject(home, "date", weeks[n - 1].week_start);
		cJSON_AddItemToObject(home, "week", latest);
	} else {
		cJSON_AddNullToObject(home, "week");
	}
	r = content_put(set, "_index.md", home, n ? "" : words_get(pl->lang, W_HOME_NOTHING));
	cJSON_Delete(home);
	return r;
}
