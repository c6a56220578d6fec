/*
 * The scrape's cache in analytics.db (store_cache.c): every response kept
 * with when it was fetched, its validators (ETag, Last-Modified) and until
 * when it is fresh, keyed by its URL with the API key redacted (the key is
 * never stored). A scrape run again within the time to live asks nothing;
 * after it, it asks with the validators and a 304 renews the entry.
 * And what TMDB's terms ask of data kept from it: nothing older than six
 * months unless refreshed.
 */
#ifndef MARQUEE_STORE_CACHE_H
#define MARQUEE_STORE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "predictor/store/store.h"

struct cache_entry {
	int status;
	char *body;          /* owned; NUL-terminated */
	size_t len;
	char *etag;          /* owned or NULL */
	char *last_modified; /* owned or NULL */
	char *fetched_at;    /* owned; ISO 8601 UTC */
	char *expires_at;    /* owned; ISO 8601 UTC, or NULL: stale */
};

/* The entry for url; *found false when there is none. */
int store_cache_get(struct store *st, const char *url, struct cache_entry *out, bool *found);
void cache_entry_clear(struct cache_entry *e);
/* Stores (replacing) an entry for url. */
int store_cache_put(struct store *st, const char *url, const struct cache_entry *e);
/* A 304: the entry is fresh again until expires_at, fetched at fetched_at. */
int store_cache_renew(struct store *st, const char *url, const char *fetched_at,
		      const char *expires_at);

/* Whether a person is in the store (*known: some film credits them) and was
 * fetched on or after since (ISO day), for the people's time to live. */
int store_person_fetched(struct store *st, long tmdb_id, const char *since, bool *known,
			 bool *fresh);
/* Records a person's details from TMDB: birthday (YYYY-MM-DD or NULL) and
 * popularity on fetched_on; the person is found (or added) by TMDB id. */
int store_person_details(struct store *st, long tmdb_id, const char *name, const char *birthday,
			 double popularity, const char *fetched_on);

/* Films whose TMDB facts were fetched before `before` (ISO), oldest first,
 * at most max: their TMDB ids in *ids (owned). */
int store_tmdb_stale(struct store *st, const char *before, size_t max, long **ids, size_t *n);
/*
 * TMDB's terms: drops what was kept from TMDB before `before` (six months
 * ago) and not refreshed since: cached responses, and each such film's
 * overview, poster, keywords and buzz. The cinema's records, the history's
 * outcomes and the facts other sources gave stay. *dropped counts films.
 */
int store_tmdb_expire(struct store *st, const char *before, long *dropped);

#endif
