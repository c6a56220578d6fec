/*
 * What the commands read about the films one at a time or in total: the
 * store's summary, the metrics it holds, one film's facts, an outcome and
 * the release days (store.h). Writing films is store_films.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xalloc.h"
#include "predictor/store/store_internal.h"

static int count(struct store *st, const char *sql, long *out)
{
	sqlite3_stmt *stmt = store_stmt(st, sql);
	if (!stmt)
		return -1;
	if (sqlite3_step(stmt) != SQLITE_ROW)
		return store_fail(st, "counting");
	*out = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return 0;
}

int store_summary_get(struct store *st, struct store_summary *sum)
{
	memset(sum, 0, sizeof *sum);
	if (count(st, "SELECT count(*) FROM films", &sum->films) != 0 ||
	    count(st, "SELECT count(*) FROM people", &sum->people) != 0 ||
	    count(st, "SELECT count(*) FROM outcomes", &sum->outcomes) != 0 ||
	    count(st, "SELECT count(*) FROM models", &sum->models) != 0 ||
	    count(st, "SELECT count(DISTINCT week) FROM cinema.weeks", &sum->published_weeks) != 0 ||
	    count(st, "SELECT count(*) FROM cinema.actuals", &sum->actuals) != 0)
		return -1;
	sqlite3_stmt *range =
		store_stmt(st, "SELECT min(release_date), max(release_date) FROM films");
	if (!range)
		return -1;
	if (sqlite3_step(range) == SQLITE_ROW && sqlite3_column_type(range, 0) != SQLITE_NULL) {
		snprintf(sum->first_release, sizeof sum->first_release, "%s",
			 (const char *)sqlite3_column_text(range, 0));
		snprintf(sum->last_release, sizeof sum->last_release, "%s",
			 (const char *)sqlite3_column_text(range, 1));
	}
	sqlite3_reset(range);
	return 0;
}

int store_metrics_list(struct store *st, struct store_metric_count **out, size_t *n)
{
	sqlite3_stmt *stmt = store_stmt(
		st, "SELECT metric, count(DISTINCT film_id) FROM outcomes GROUP BY metric ORDER BY metric");
	if (!stmt)
		return -1;
	struct store_metric_count *list = NULL;
	size_t count_ = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		list = xgrow(list, &cap, count_ + 1, sizeof *list);
		list[count_].metric = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		list[count_].films = (long)sqlite3_column_int64(stmt, 1);
		count_++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < count_; i++)
			free(list[i].metric);
		free(list);
		return store_fail(st, "listing metrics");
	}
	*out = list;
	*n = count_;
	return 0;
}

/* The names linked to a film by one query, in order. */
static int names_of(struct store *st, const char *sql, long film_id, char ***out, size_t *n)
{
	sqlite3_stmt *q = store_stmt(st, sql);
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, film_id);
	char **list = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		list = xgrow(list, &cap, count + 1, sizeof *list);
		list[count++] = store_column_copy(q, 0);
	}
	sqlite3_reset(q);
	*out = list;
	*n = count;
	return rc == SQLITE_DONE ? 0 : store_fail(st, "reading a film");
}

int store_film_info(struct store *st, const char *key, struct film_info *f, bool *found)
{
	memset(f, 0, sizeof *f);
	sqlite3_stmt *q = store_stmt(
		st, "SELECT f.id, f.key, f.title, f.release_date, f.release_us, f.runtime_min,"
		    " coalesce(f.budget_usd, -1), f.certification, f.original_language, f.overview,"
		    " f.poster_path, coalesce(f.tmdb_id, 0), f.slug,"
		    " (SELECT c.name FROM film_companies fc JOIN companies c ON c.id = fc.company_id"
		    "   WHERE fc.film_id = f.id AND fc.role = 'distributor' ORDER BY fc.ord LIMIT 1)"
		    " FROM films f WHERE f.key = ?");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW) {
		f->id = (long)sqlite3_column_int64(q, 0);
		f->key = store_column_copy(q, 1);
		f->title = store_column_copy(q, 2);
		f->release_date = store_column_copy(q, 3);
		f->release_us = store_column_copy(q, 4);
		f->runtime_min = sqlite3_column_int(q, 5);
		f->budget_usd = sqlite3_column_double(q, 6);
		f->certification = store_column_copy(q, 7);
		f->original_language = store_column_copy(q, 8);
		f->overview = store_column_copy(q, 9);
		f->poster_path = store_column_copy(q, 10);
		f->tmdb_id = (long)sqlite3_column_int64(q, 11);
		f->slug = store_column_copy(q, 12);
		f->distributor = store_column_copy(q, 13);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : store_fail(st, "reading a film");
	if (names_of(st, "SELECT g.name FROM film_genres x JOIN genres g ON g.id = x.genre_id"
			 " WHERE x.film_id = ? ORDER BY x.ord", f->id, &f->genres, &f->n_genres) ||
	    names_of(st, "SELECT p.name FROM credits x JOIN people p ON p.id = x.person_id"
			 " WHERE x.film_id = ? AND x.role = 'director' ORDER BY x.ord", f->id,
		     &f->directors, &f->n_directors) ||
	    names_of(st, "SELECT p.name FROM credits x JOIN people p ON p.id = x.person_id"
			 " WHERE x.film_id = ? AND x.role = 'cast' ORDER BY x.ord", f->id, &f->cast,
		     &f->n_cast) ||
	    names_of(st, "SELECT c.name FROM film_countries x JOIN countries c ON c.id = x.country_id"
			 " WHERE x.film_id = ? ORDER BY x.ord", f->id, &f->countries, &f->n_countries) ||
	    names_of(st, "SELECT l.name FROM film_languages x JOIN languages l ON l.id = x.language_id"
			 " WHERE x.film_id = ? ORDER BY x.ord", f->id, &f->languages, &f->n_languages)) {
		film_info_clear(f);
		return -1;
	}
	return 0;
}

void film_info_clear(struct film_info *f)
{
	free(f->key);
	free(f->title);
	free(f->release_date);
	free(f->release_us);
	free(f->certification);
	free(f->original_language);
	free(f->distributor);
	free(f->overview);
	free(f->poster_path);
	free(f->slug);
	store_strings_free(f->genres, f->n_genres);
	store_strings_free(f->directors, f->n_directors);
	store_strings_free(f->cast, f->n_cast);
	store_strings_free(f->countries, f->n_countries);
	store_strings_free(f->languages, f->n_languages);
	memset(f, 0, sizeof *f);
}

int store_film_outcome(struct store *st, const char *key, const char *metric, double *value,
		       bool *found)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT avg(o.value) FROM outcomes o JOIN films f"
					 " ON f.id = o.film_id WHERE f.key = ? AND o.metric = ?");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, metric, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	*found = rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL;
	if (*found)
		*value = sqlite3_column_double(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? 0 : store_fail(st, "reading an outcome");
}

int store_release_days(struct store *st, const char *metric, long **days, size_t *n)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT DISTINCT f.release_date FROM films f JOIN outcomes o"
					 " ON o.film_id = f.id WHERE o.metric = ? ORDER BY 1");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, metric, -1, SQLITE_STATIC);
	long *list = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long day;
		if (date_parse((const char *)sqlite3_column_text(q, 0), &day) != 0)
			continue;
		list = xgrow(list, &cap, count + 1, sizeof *list);
		list[count++] = day;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		free(list);
		return store_fail(st, "reading release days");
	}
	*days = list;
	*n = count;
	return 0;
}
