/*
 * The weekly scrape (scrape.h): discover pages, then each film's details,
 * its people and its poster, each response cached and committed as it
 * arrives.
 */
#define _GNU_SOURCE
#include "predictor/sources/scrape.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/date.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/strmap.h"
#include "common/xalloc.h"
#include "predictor/cinema/decision.h"
#include "predictor/sources/http.h"
#include "predictor/sources/tmdb.h"
#include "predictor/store/store_cache.h"

/* The people of a film asked for: its directors and first billed actors. */
#define PEOPLE_PER_FILM 10
/* Actors kept of a film's cast. */
#define CAST_KEPT 20
/* Old films asked again per run, to keep TMDB's facts under six months old. */
#define REFRESH_PER_RUN 50
#define REFRESH_DAYS 150
#define EXPIRE_DAYS 183

enum req_kind { R_CONFIG, R_DISCOVER, R_MOVIE, R_PERSON, R_POSTER };

/* One request of the scrape: what it is for. */
struct req {
	enum req_kind kind;
	long id;     /* the film's or person's TMDB id; a discover page's number */
	char *key;   /* owned; the URL, redacted: the cache's key and the messages' name */
	char *file;  /* owned; where a poster goes, else NULL */
};

struct scrape {
	struct store *st;            /* borrowed */
	struct http_client *http;    /* owned */
	struct tmdb_api *api;        /* owned */
	struct tmdb_images *images;  /* owned; the configuration's image sizes, or NULL */
	struct scrape_report *report; /* borrowed */
	const char *posters;         /* borrowed; content/posters */
	long first_day, last_day;    /* the programme week */
	long ttl_seconds;            /* of a film's or page's response */
	long config_ttl_seconds;
	char people_since[11];       /* people fetched since this day are fresh */
	char today[11];
	int poster_width;
	bool fatal;                  /* a key refused: stop asking */
	bool in_tx;                  /* a response's transaction is open */
	struct strmap asked;         /* keys already asked for, to ask once */
	struct req **reqs;           /* owned, each owned; everything asked for */
	size_t n_reqs, cap_reqs;
};

/* ---- time ---- */

/* Now plus seconds as "YYYY-MM-DDTHH:MM:SSZ" (the clock, not SOURCE_DATE_EPOCH:
 * a cache's freshness is about real time). */
static void iso_in(long seconds, char out[21])
{
	time_t t = time(NULL) + seconds;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static bool fresh(const struct cache_entry *e)
{
	char now[21];
	iso_in(0, now);
	return e->expires_at && strcmp(e->expires_at, now) > 0;
}

/* ---- asking ---- */

static struct req *req_new(struct scrape *s, enum req_kind kind, long id, const char *url)
{
	struct req *r = xcalloc(1, sizeof *r);
	r->kind = kind;
	r->id = id;
	r->key = tmdb_url_redact(url);
	s->reqs = xgrow(s->reqs, &s->cap_reqs, s->n_reqs + 1, sizeof *s->reqs);
	s->reqs[s->n_reqs++] = r;
	return r;
}

static int handle(struct scrape *s, struct req *r, const char *body, size_t len);

/*
 * Uses a cached body as if it had just arrived: in its own transaction, or
 * in the one of the response that led to it. A body that cannot be used is
 * counted and said, and the scrape goes on.
 */
static int use_cached(struct scrape *s, struct req *r, const struct cache_entry *e)
{
	if (s->in_tx) {
		if (handle(s, r, e->body, e->len) != 0)
			s->report->failed++;
		else
			s->report->from_cache++;
		return 0;
	}
	if (store_begin(s->st) != 0)
		return -1;
	s->in_tx = true;
	int rc = handle(s, r, e->body, e->len);
	s->in_tx = false;
	if (rc != 0 || store_commit(s->st) != 0) {
		store_rollback(s->st);
		s->report->failed++;
		return 0;
	}
	s->report->from_cache++;
	return 0;
}

/*
 * Asks for url once per scrape: from the cache while it is fresh (the
 * configuration lives longer), else from TMDB, with the cached validators.
 * Posters are files: asked for only when missing.
 */
static int ask(struct scrape *s, enum req_kind kind, long id, const char *url, char *file)
{
	if (!url) {
		free(file);
		return -1;
	}
	char *key = tmdb_url_redact(url);
	bool again = strmap_get(&s->asked, key) != NULL;
	free(key);
	if (again) {
		free(file);
		return 0;
	}
	struct req *r = req_new(s, kind, id, url);
	r->file = file;
	strmap_put(&s->asked, r->key, r);
	if (kind == R_POSTER)
		return http_get(s->http, url, NULL, NULL, r);
	struct cache_entry e;
	bool found;
	if (store_cache_get(s->st, r->key, &e, &found) != 0)
		return -1;
	int rc;
	if (found && fresh(&e))
		rc = use_cached(s, r, &e);
	else
		rc = http_get(s->http, url, found ? e.etag : NULL, found ? e.last_modified : NULL, r);
	cache_entry_clear(&e);
	return rc;
}

/* ---- what arrives ---- */

static int on_config(struct scrape *s, struct req *r, const char *body, size_t len)
{
	struct tmdb_images *images;
	if (tmdb_images_parse(body, len, r->key, &images) != 0)
		return -1;
	tmdb_images_free(s->images);
	s->images = images;
	return 0;
}

static int on_discover(struct scrape *s, struct req *r, const char *body, size_t len)
{
	struct tmdb_page *page;
	if (tmdb_page_parse(body, len, r->key, &page) != 0)
		return -1;
	int rc = 0;
	/* the first page says how many there are */
	if (page->page == 1)
		for (int p = 2; rc == 0 && p <= page->total_pages && p <= TMDB_MAX_PAGE; p++) {
			char *url = tmdb_url_discover(s->api, s->first_day, s->last_day, p);
			rc = ask(s, R_DISCOVER, p, url, NULL);
			free(url);
		}
	for (size_t i = 0; rc == 0 && i < page->n_results; i++) {
		char *url = tmdb_url_movie(s->api, page->results[i].id);
		rc = ask(s, R_MOVIE, page->results[i].id, url, NULL);
		free(url);
	}
	s->report->pages++;
	tmdb_page_free(page);
	return rc;
}

/* The film as the store takes it, pointing into movie and the arrays given. */
static void film_of(const struct tmdb_movie *m, struct film_record *f, const char **names,
		    struct person_ref *refs, const char **countries, const char **languages,
		    const char **companies, char *source_id, const char *today)
{
	memset(f, 0, sizeof *f);
	snprintf(source_id, 24, "%ld", m->id);
	f->source = "tmdb";
	f->source_id = source_id;
	f->title = m->title;
	f->release = m->release;
	f->release_us = m->release_us == TMDB_NO_DATE ? -1 : m->release_us;
	f->first_release = m->release_first == TMDB_NO_DATE ? -1 : m->release_first;
	f->runtime_min = m->runtime_min;
	f->budget_usd = m->budget_usd > 0 ? m->budget_usd : -1;
	f->certification = m->certification;
	f->original_language = m->original_language;
	f->overview = m->overview;
	f->genres = (const char **)m->genres;
	f->n_genres = m->n_genres;
	size_t k = 0;
	f->directors = names + k;
	f->director_refs = refs + k;
	for (size_t i = 0; i < m->n_directors; i++, k++) {
		names[k] = m->directors[i].name;
		refs[k] = (struct person_ref){ m->directors[i].id, m->directors[i].popularity };
	}
	f->n_directors = m->n_directors;
	f->cast = names + k;
	f->cast_refs = refs + k;
	for (size_t i = 0; i < m->n_cast && i < CAST_KEPT; i++, k++) {
		names[k] = m->cast[i].name;
		refs[k] = (struct person_ref){ m->cast[i].id, m->cast[i].popularity };
	}
	f->n_cast = m->n_cast < CAST_KEPT ? m->n_cast : CAST_KEPT;
	for (size_t i = 0; i < m->n_countries; i++)
		countries[i] = m->countries[i].name ? m->countries[i].name : m->countries[i].code;
	f->countries = countries;
	f->n_countries = m->n_countries;
	for (size_t i = 0; i < m->n_languages; i++)
		languages[i] = m->languages[i].name ? m->languages[i].name : m->languages[i].code;
	f->languages = languages;
	f->n_languages = m->n_languages;
	for (size_t i = 0; i < m->n_companies; i++)
		companies[i] = m->companies[i].name;
	f->companies = companies;
	f->n_companies = m->n_companies;
	f->keywords = (const char **)m->keywords;
	f->n_keywords = m->n_keywords;
	f->tmdb_id = m->id;
	f->imdb_id = m->imdb_id;
	f->original_title = m->original_title;
	f->collection = m->collection_name;
	f->poster_path = m->poster_path;
	f->fetched_on = today;
	f->buzz_popularity = m->popularity;
	f->buzz_votes = m->vote_count >= 0 ? (double)m->vote_count : -1;
}

static int store_movie(struct scrape *s, struct req *r, const struct tmdb_movie *m)
{
	size_t n_people = m->n_directors + (m->n_cast < CAST_KEPT ? m->n_cast : CAST_KEPT);
	const char **names = xcalloc(n_people + 1, sizeof *names);
	struct person_ref *refs = xcalloc(n_people + 1, sizeof *refs);
	const char **countries = xcalloc(m->n_countries + 1, sizeof *countries);
	const char **languages = xcalloc(m->n_languages + 1, sizeof *languages);
	const char **companies = xcalloc(m->n_companies + 1, sizeof *companies);
	char source_id[24];
	struct film_record f;
	film_of(m, &f, names, refs, countries, languages, companies, source_id, s->today);
	enum store_change change;
	char *detail = NULL;
	int rc = store_film_put(s->st, &f, r->key, &change, &detail);
	if (rc == 0)
		switch (change) {
		case STORE_INSERTED:
			s->report->films_new++;
			break;
		case STORE_UPDATED:
			s->report->films_updated++;
			break;
		case STORE_UNCHANGED:
			s->report->films_unchanged++;
			break;
		case STORE_MATCHED:
			s->report->films_matched++;
			msg_verbose("%s: \"%s\" is the film %s", r->key, m->title, detail);
			break;
		case STORE_REFUSED:
			s->report->films_refused++;
			msg_warn("%s: \"%.80s\" not stored: %s", r->key, m->title, detail);
			break;
		case STORE_DUPLICATE:
		case STORE_AMBIGUOUS:
			s->report->films_refused++;
			msg_warn("%s: \"%s\" could be any of %s: not stored (an id in the imported "
				 "file would say which)", r->key, m->title, detail ? detail : "");
			break;
		}
	free(detail);
	free(names);
	free(refs);
	free(countries);
	free(languages);
	free(companies);
	return rc;
}

/* Asks for the people a film brought into the store and not fetched lately
 * (a film an imported file brought keeps that file's people), and its poster. */
static int ask_around(struct scrape *s, const struct tmdb_movie *m)
{
	size_t asked = 0;
	for (size_t i = 0; i < m->n_directors + m->n_cast && asked < PEOPLE_PER_FILM; i++) {
		long id = i < m->n_directors ? m->directors[i].id : m->cast[i - m->n_directors].id;
		bool known, recent;
		if (store_person_fetched(s->st, id, s->people_since, &known, &recent) != 0)
			return -1;
		asked++;
		if (!known || recent)
			continue;
		char *url = tmdb_url_person(s->api, id);
		int rc = ask(s, R_PERSON, id, url, NULL);
		free(url);
		if (rc != 0)
			return -1;
	}
	if (!m->poster_path || !s->images)
		return 0;
	char *file = xasprintf("%s%s", s->posters, m->poster_path);
	if (file_exists(file)) {
		free(file);
		return 0;
	}
	char *url = tmdb_url_poster(s->images, s->poster_width, m->poster_path);
	if (!url) {
		free(file); /* a poster that cannot be had leaves the film without one */
		return 0;
	}
	int rc = ask(s, R_POSTER, m->id, url, file);
	free(url);
	return rc;
}

static int on_movie(struct scrape *s, struct req *r, const char *body, size_t len)
{
	struct tmdb_movie *m;
	if (tmdb_movie_parse(body, len, r->key, tmdb_api_region(s->api), &m) != 0)
		return -1;
	int rc = 0;
	if (m->release == TMDB_NO_DATE) {
		msg_warn("%s: \"%s\" has no release date: not stored", r->key, m->title);
	} else {
		rc = store_movie(s, r, m);
		if (rc == 0)
			rc = ask_around(s, m);
	}
	s->report->films++;
	tmdb_movie_free(m);
	return rc;
}

static int on_person(struct scrape *s, struct req *r, const char *body, size_t len)
{
	struct tmdb_person *p;
	if (tmdb_person_parse(body, len, r->key, &p) != 0)
		return -1;
	char birthday[11];
	if (p->birthday != TMDB_NO_DATE)
		date_format(p->birthday, birthday);
	int rc = store_person_details(s->st, p->id, p->name,
				      p->birthday != TMDB_NO_DATE ? birthday : NULL, p->popularity,
				      s->today);
	s->report->people++;
	tmdb_person_free(p);
	return rc;
}

static int on_poster(struct scrape *s, struct req *r, const char *body, size_t len)
{
	if (!r->file || len == 0)
		return -1;
	if (file_mkdirs(s->posters) != 0 || file_write_atomic(r->file, body, len) != 0)
		return -1;
	s->report->posters++;
	return 0;
}

static int handle(struct scrape *s, struct req *r, const char *body, size_t len)
{
	switch (r->kind) {
	case R_CONFIG:
		return on_config(s, r, body, len);
	case R_DISCOVER:
		return on_discover(s, r, body, len);
	case R_MOVIE:
		return on_movie(s, r, body, len);
	case R_PERSON:
		return on_person(s, r, body, len);
	case R_POSTER:
		return on_poster(s, r, body, len);
	}
	return -1;
}

/*
 * Each response as it arrives: cached and used in one transaction, so what
 * arrived stays whatever happens next. A key TMDB refuses stops everything.
 */
static int on_response(void *ctx, const struct http_response *res)
{
	struct scrape *s = ctx;
	struct req *r = res->user;
	if (!res->ok) {
		int code = 0;
		char *why = tmdb_error_message(res->body, res->body_len, &code);
		s->report->failed++;
		if (code == 7 || code == 3 || res->status == 401) {
			msg_error("%s: invalid API key: TMDB refused it (HTTP %d%s%s); check "
				  "TMDB_API_KEY or TMDB_READ_TOKEN", res->url, res->status,
				  why ? ", " : "", why ? why : "");
			s->fatal = true;
			free(why);
			return -1;
		}
		msg_warn("%s%s%s", res->error ? res->error : res->url, why ? ": " : "", why ? why : "");
		free(why);
		return 0;
	}
	if (store_begin(s->st) != 0)
		return -1;
	s->in_tx = true;
	int rc = 0;
	struct cache_entry e = { 0 };
	bool found = false;
	long ttl = r->kind == R_CONFIG ? s->config_ttl_seconds : s->ttl_seconds;
	char now[21], until[21];
	iso_in(0, now);
	iso_in(ttl, until);
	if (res->status == 304) {
		rc = store_cache_get(s->st, r->key, &e, &found);
		if (rc == 0 && !found) {
			msg_warn("%s: 304 for a response no longer cached", r->key);
			rc = -1;
		}
		if (rc == 0)
			rc = store_cache_renew(s->st, r->key, now, until);
		if (rc == 0)
			rc = handle(s, r, e.body, e.len);
		if (rc == 0)
			s->report->not_modified++;
	} else {
		if (r->kind != R_POSTER) {
			struct cache_entry put = { .status = res->status, .body = (char *)res->body,
						   .len = res->body_len, .etag = (char *)res->etag,
						   .last_modified = (char *)res->last_modified,
						   .fetched_at = now, .expires_at = until };
			rc = store_cache_put(s->st, r->key, &put);
		}
		if (rc == 0)
			rc = handle(s, r, res->body, res->body_len);
		if (rc == 0)
			s->report->fetched++;
	}
	cache_entry_clear(&e);
	s->in_tx = false;
	if (rc == 0 && store_commit(s->st) == 0)
		return 0;
	store_rollback(s->st);
	s->report->failed++;
	return 0;
}

/* ---- a scrape ---- */

bool scrape_has_key(void)
{
	const char *key = getenv("TMDB_API_KEY"), *token = getenv("TMDB_READ_TOKEN");
	return (key && *key) || (token && *token);
}

/* The TMDB settings, read once. */
struct scrape_settings {
	const char *base_url, *content_dir;
	long ttl_hours, config_ttl_days, people_ttl_days, poster_width, deadline_minutes;
	long connections;
	double rate;
};

static int settings_load(const struct config *cfg, struct scrape_settings *t)
{
	if (config_string(cfg, "tmdb.base_url", TMDB_BASE_URL, &t->base_url) != 0 ||
	    config_string(cfg, "content_dir", "content", &t->content_dir) != 0 ||
	    config_double(cfg, "tmdb.rate", 40, 0.1, 50, &t->rate) != 0 ||
	    config_long(cfg, "tmdb.connections", 20, 1, 20, &t->connections) != 0 ||
	    config_long(cfg, "tmdb.ttl_hours", 20, 0, 24 * 60, &t->ttl_hours) != 0 ||
	    config_long(cfg, "tmdb.configuration_ttl_days", 3, 0, 60, &t->config_ttl_days) != 0 ||
	    config_long(cfg, "tmdb.people_ttl_days", 30, 0, 180, &t->people_ttl_days) != 0 ||
	    config_long(cfg, "tmdb.poster_width", 342, 45, 2000, &t->poster_width) != 0 ||
	    config_long(cfg, "tmdb.deadline_minutes", 30, 1, 24 * 60, &t->deadline_minutes) != 0)
		return -1;
	/* the environment points the scrape elsewhere (a test server) */
	const char *env = getenv("TMDB_BASE_URL");
	if (env && *env)
		t->base_url = env;
	return 0;
}

/* Keeps TMDB's facts under six months old: old films asked again. */
static int refresh_old(struct scrape *s)
{
	char before[11];
	date_format(date_today() - REFRESH_DAYS, before);
	long *ids;
	size_t n;
	if (store_tmdb_stale(s->st, before, REFRESH_PER_RUN, &ids, &n) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		char *url = tmdb_url_movie(s->api, ids[i]);
		rc = ask(s, R_MOVIE, ids[i], url, NULL);
		free(url);
		s->report->refreshed++;
	}
	free(ids);
	return rc;
}

int scrape_week(struct store *st, const struct config *cfg, const struct cinema *cinema,
		const char *week, struct scrape_report *report)
{
	memset(report, 0, sizeof *report);
	struct scrape_settings t;
	struct tmdb_auth auth;
	struct scrape s = { .st = st, .report = report };
	char *bearer = NULL;
	int rc = -1;
	if (settings_load(cfg, &t) != 0 || tmdb_auth_from_env(&auth) != 0)
		return -1;
	long start = decision_week_start(cinema, week);
	s.first_day = start;
	s.last_day = start + cinema->days - 1;
	s.ttl_seconds = t.ttl_hours * 3600;
	s.config_ttl_seconds = t.config_ttl_days * 86400;
	s.poster_width = (int)t.poster_width;
	date_format(date_today(), s.today);
	date_format(date_today() - t.people_ttl_days, s.people_since);
	char *posters = xasprintf("%s/posters", t.content_dir);
	s.posters = posters;
	s.api = tmdb_api_new(t.base_url, &auth, cinema->region, cinema->language);
	if (!s.api)
		goto out;
	bearer = auth.kind == TMDB_AUTH_READ_TOKEN ? xstrdup(auth.secret) : NULL;
	struct http_options opt = { .rate = t.rate, .max_connections = (int)t.connections,
				    .deadline_ms = t.deadline_minutes * 60000,
				    .secret = auth.kind == TMDB_AUTH_API_KEY ? auth.secret : NULL,
				    .bearer = bearer };
	s.http = http_new(&opt);
	if (!s.http)
		goto out;
	/* the image sizes first: the posters' URLs need them */
	char *url = tmdb_url_configuration(s.api);
	int asked = ask(&s, R_CONFIG, 0, url, NULL);
	free(url);
	if (asked != 0 || http_run(s.http, on_response, &s) != 0 || s.fatal)
		goto out;
	/* TMDB's terms: nothing older than six months unless refreshed */
	char before[11];
	date_format(date_today() - EXPIRE_DAYS, before);
	if (store_begin(st) != 0 || store_tmdb_expire(st, before, &report->dropped) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	url = tmdb_url_discover(s.api, s.first_day, s.last_day, 1);
	asked = ask(&s, R_DISCOVER, 1, url, NULL);
	free(url);
	if (asked != 0 || refresh_old(&s) != 0)
		goto out;
	int ran = http_run(s.http, on_response, &s);
	if (report->pages == 0) {
		msg_error("no page of the week's releases could be had from TMDB: nothing new "
			  "was stored");
		goto out;
	}
	if (ran != 0 || s.fatal)
		goto out;
	rc = 0;
out:
	if (s.http) {
		struct http_stats hs;
		http_stats_get(s.http, &hs);
		report->requests = hs.requests;
		report->rate = hs.rate;
		report->elapsed_ms = hs.elapsed_ms;
	}
	for (size_t i = 0; i < s.n_reqs; i++) {
		free(s.reqs[i]->key);
		free(s.reqs[i]->file);
		free(s.reqs[i]);
	}
	free(s.reqs);
	strmap_free(&s.asked);
	tmdb_images_free(s.images);
	http_free(s.http);
	tmdb_api_free(s.api);
	free(bearer);
	free(posters);
	return rc;
}
