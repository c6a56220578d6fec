/*
 * The weekly scrape (scrape.c): the coming programme week's releases in the
 * cinema's region from TMDB, with their details, their people and their
 * posters, into analytics.db. It asks through the HTTP client (http.h),
 * parses through the TMDB mapping (tmdb.h), and stores through the store:
 *
 *   - every response is kept in the cache with its validators and a time to
 *     live (tmdb.ttl_hours); a run within it asks nothing again, a later one
 *     asks with the validators;
 *   - each response is committed as soon as it arrives, film by film, so a
 *     scrape cut short (a fault, kill -9) loses nothing it already had, and
 *     the next run resumes from the cache;
 *   - a film is matched to the one an imported file brought, whatever its
 *     source (store_film_put), so box-office figures and TMDB's facts meet;
 *   - people are asked for only when not fetched within tmdb.people_ttl_days;
 *   - posters are downloaded once, at tmdb.poster_width, into
 *     content/posters/, and served from the site, never hot-linked;
 *   - TMDB's terms: films whose TMDB facts are older than five months are
 *     refreshed (a few each run), and what is older than six months and was
 *     not refreshed is dropped (store_tmdb_expire).
 *
 * The API key (TMDB_API_KEY) or read token (TMDB_READ_TOKEN) comes from the
 * environment and never reaches a message, the stores or the site.
 */
#ifndef MARQUEE_SCRAPE_H
#define MARQUEE_SCRAPE_H

#include <stdbool.h>

#include "common/config.h"
#include "predictor/cinema/cinema.h"
#include "predictor/store/store.h"

/* What a scrape did. */
struct scrape_report {
	long pages, films, people, posters;     /* responses used, by kind */
	long from_cache, not_modified, fetched; /* where they came from */
	long failed;                            /* requests that ended in failure */
	long films_new, films_updated, films_unchanged, films_matched, films_refused;
	long refreshed;                         /* old films asked again (TMDB's terms) */
	long dropped;                           /* films whose old TMDB facts were dropped */
	long requests;                          /* HTTP requests sent, retries included */
	double rate;                            /* requests a second while asking */
	long elapsed_ms;
};

/*
 * Scrapes the releases of a programme week (an ISO week, checked) and
 * commits as it goes: the caller holds no transaction. 0 when the week's
 * releases were fetched (a film or person that failed is counted and said);
 * -1 after reporting when nothing could be: no key, a key TMDB refuses, the
 * discover pages failing, the deadline (tmdb.deadline_minutes) passing.
 */
int scrape_week(struct store *st, const struct config *cfg, const struct cinema *cinema,
		const char *week, struct scrape_report *report);

/* Whether a TMDB key or read token is in the environment (the weekly job
 * scrapes only then). */
bool scrape_has_key(void);

#endif
