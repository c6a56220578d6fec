/* The scrape's cache, and TMDB data as its terms allow (store_cache.h). */
#include "predictor/store/store_cache.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "predictor/store/store_internal.h"

static char *text_or_null(sqlite3_stmt *q, int col)
{
	const unsigned char *t = sqlite3_column_text(q, col);
	return t ? xstrdup((const char *)t) : NULL;
}

int store_cache_get(struct store *st, const char *url, struct cache_entry *e, bool *found)
{
	memset(e, 0, sizeof *e);
	sqlite3_stmt *q = store_stmt(st, "SELECT status, body, etag, last_modified, fetched_at,"
					 " expires_at FROM http_cache WHERE url = ?");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, url, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	*found = rc == SQLITE_ROW;
	if (*found) {
		e->status = sqlite3_column_int(q, 0);
		int len = sqlite3_column_bytes(q, 1);
		const void *blob = sqlite3_column_blob(q, 1);
		e->body = xmalloc((size_t)len + 1);
		if (len)
			memcpy(e->body, blob, (size_t)len);
		e->body[len] = '\0';
		e->len = (size_t)len;
		e->etag = text_or_null(q, 2);
		e->last_modified = text_or_null(q, 3);
		e->fetched_at = text_or_null(q, 4);
		e->expires_at = text_or_null(q, 5);
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "reading the cache");
}

void cache_entry_clear(struct cache_entry *e)
{
	free(e->body);
	free(e->etag);
	free(e->last_modified);
	free(e->fetched_at);
	free(e->expires_at);
	memset(e, 0, sizeof *e);
}

int store_cache_put(struct store *st, const char *url, const struct cache_entry *e)
{
	sqlite3_stmt *q = store_stmt(st, "INSERT OR REPLACE INTO http_cache(url, status, fetched_at,"
					 " body, etag, last_modified, expires_at)"
					 " VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, url, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, e->status);
	sqlite3_bind_text(q, 3, e->fetched_at, -1, SQLITE_STATIC);
	sqlite3_bind_blob(q, 4, e->body ? e->body : "", (int)e->len, SQLITE_STATIC);
	store_bind_text(q, 5, e->etag);
	store_bind_text(q, 6, e->last_modified);
	store_bind_text(q, 7, e->expires_at);
	return store_step_done(st, q, "storing a response");
}

int store_cache_renew(struct store *st, const char *url, const char *fetched_at,
		      const char *expires_at)
{
	sqlite3_stmt *q = store_stmt(st, "UPDATE http_cache SET fetched_at = ?2, expires_at = ?3"
					 " WHERE url = ?1");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, url, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, fetched_at, -1, SQLITE_STATIC);
	store_bind_text(q, 3, expires_at);
	return store_step_done(st, q, "renewing a response");
}

int store_person_fetched(struct store *st, long tmdb_id, const char *since, bool *known,
			 bool *fresh)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT coalesce(fetched_at >= ?2, 0) FROM people"
					 " WHERE tmdb_id = ?1");
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, tmdb_id);
	sqlite3_bind_text(q, 2, since, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	*known = rc == SQLITE_ROW;
	*fresh = *known && sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "reading a person");
}

int store_person_details(struct store *st, long tmdb_id, const char *name, const char *birthday,
			 double popularity, const char *fetched_on)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT id FROM people WHERE tmdb_id = ?");
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, tmdb_id);
	int rc = sqlite3_step(q);
	sqlite3_int64 id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "reading a person");
	if (!id)
		return 0; /* a person no film of the store credits: nothing to attach to */
	sqlite3_stmt *u = store_stmt(st, "UPDATE people SET birthday = coalesce(?2, birthday),"
					 " fetched_at = ?3, name = coalesce(name, ?4) WHERE id = ?1");
	if (!u)
		return -1;
	sqlite3_bind_int64(u, 1, id);
	store_bind_text(u, 2, birthday);
	sqlite3_bind_text(u, 3, fetched_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(u, 4, name, -1, SQLITE_STATIC);
	if (store_step_done(st, u, "updating a person") != 0)
		return -1;
	return popularity >= 0 ? store_person_popularity(st, (long)id, fetched_on, popularity) : 0;
}

int store_tmdb_stale(struct store *st, const char *before, size_t max, long **ids, size_t *n)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT tmdb_id FROM films WHERE tmdb_id IS NOT NULL"
					 " AND tmdb_fetched_at < ? ORDER BY tmdb_fetched_at, id LIMIT ?");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, before, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)max);
	long *list = xcalloc(max ? max : 1, sizeof *list);
	size_t k = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && k < max)
		list[k++] = (long)sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		free(list);
		return store_fail(st, "reading films to refresh");
	}
	*ids = list;
	*n = k;
	return 0;
}

int store_tmdb_expire(struct store *st, const char *before, long *dropped)
{
	static const char *const sql[] = {
		"DELETE FROM http_cache WHERE fetched_at < ?1",
		"DELETE FROM film_keywords WHERE film_id IN"
		" (SELECT id FROM films WHERE tmdb_fetched_at < ?1)",
		"DELETE FROM buzz WHERE film_id IN (SELECT id FROM films WHERE tmdb_fetched_at < ?1)",
		/* the overview and poster came from TMDB only when TMDB brought the film */
		"UPDATE films SET overview = CASE WHEN source = 'tmdb' THEN NULL ELSE overview END,"
		" poster_path = NULL, tmdb_fetched_at = NULL WHERE tmdb_fetched_at < ?1",
	};
	*dropped = 0;
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *q = store_stmt(st, sql[i]);
		if (!q)
			return -1;
		sqlite3_bind_text(q, 1, before, -1, SQLITE_STATIC);
		if (store_step_done(st, q, "dropping old TMDB data") != 0)
			return -1;
		if (i == 3)
			*dropped = (long)sqlite3_changes(st->db);
	}
	return 0;
}
