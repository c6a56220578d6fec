/*
 * SQLite access for the predictor: loading the facts feature engineering
 * needs, the model registry, stored predictions and backtests.
 */
#include <math.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/date.h"
#include "common/xalloc.h"
#include "predictor/store/store_internal.h"
#include "predictor/store/store_models.h"

static char *column_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	return t ? xstrdup((const char *)t) : NULL;
}

static double column_double_or_nan(sqlite3_stmt *stmt, int col)
{
	return sqlite3_column_type(stmt, col) == SQLITE_NULL ? NAN : sqlite3_column_double(stmt, col);
}

static long parse_day(const unsigned char *text)
{
	long day;
	if (!text || date_parse((const char *)text, &day) != 0)
		return -1;
	return day;
}

void film_facts_free(struct film_facts *films, size_t n)
{
	if (!films)
		return;
	for (size_t i = 0; i < n; i++) {
		struct film_facts *f = &films[i];
		free(f->key);
		free(f->title);
		free(f->certification);
		free(f->original_language);
		free(f->collection);
		free(f->distributor);
		char **lists[] = { f->directors, f->cast, f->genres, f->countries, f->languages };
		size_t counts[] = { f->n_directors, f->n_cast, f->n_genres, f->n_countries,
				    f->n_languages };
		for (size_t l = 0; l < 5; l++) {
			for (size_t k = 0; k < counts[l]; k++)
				free(lists[l][k]);
			free(lists[l]);
		}
	}
	free(films);
}

/* Index of film id in the id-ordered map, or -1. */
struct id_map {
	long *ids;  /* owned, sorted */
	size_t *index; /* owned, parallel */
	size_t n;
};

static int cmp_long_pair(const void *a, const void *b)
{
	const long *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

static long id_lookup(const struct id_map *m, long id)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->ids[lo] == id ? (long)m->index[lo] : -1;
}

/* Runs "SELECT film_id, name ... ORDER BY film_id, ord" into one list per film. */
static int load_list(struct store *st, const char *sql, const struct id_map *map,
		     struct film_facts *films, size_t list_offset, size_t count_offset)
{
	sqlite3_stmt *stmt = store_stmt(st, sql);
	if (!stmt)
		return -1;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		long k = id_lookup(map, sqlite3_column_int64(stmt, 0));
		if (k < 0)
			continue;
		struct film_facts *f = &films[k];
		char ***list = (char ***)((char *)f + list_offset);
		size_t *count = (size_t *)((char *)f + count_offset);
		*list = xrealloc(*list, (*count + 1) * sizeof **list);
		(*list)[(*count)++] = column_dup(stmt, 1);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "reading film lists");
}

#define LIST(member) offsetof(struct film_facts, member), offsetof(struct film_facts, n_##member)

/* Runs "film_id, value" with the metric bound, into the double at offset of each film. */
static int load_outcome(struct store *st, const char *sql, const char *metric,
			const struct id_map *map, struct film_facts *films, size_t offset)
{
	sqlite3_stmt *stmt = store_stmt(st, sql);
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, metric, -1, SQLITE_TRANSIENT);
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		long k = id_lookup(map, sqlite3_column_int64(stmt, 0));
		if (k >= 0)
			*(double *)((char *)&films[k] + offset) = sqlite3_column_double(stmt, 1);
	}
	sqlite3_reset(stmt);
	return step == SQLITE_DONE ? 0 : store_fail(st, "reading outcomes");
}

int store_facts_load(struct store *st, const char *metric, struct film_facts **out, size_t *n)
{
	static const char films_sql[] =
		"SELECT id, key, title, release_date, release_us, runtime_min, budget_usd,"
		" certification, original_language, collection, production_year FROM films"
		" ORDER BY release_date, id";
	struct film_facts *films = NULL;
	size_t count = 0, cap = 0;
	struct id_map map = { 0 };
	int rc = -1;
	sqlite3_stmt *stmt = store_stmt(st, films_sql);
	if (!stmt)
		goto out;
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		films = xgrow(films, &cap, count + 1, sizeof *films);
		struct film_facts *f = &films[count++];
		memset(f, 0, sizeof *f);
		f->id = sqlite3_column_int64(stmt, 0);
		f->key = column_dup(stmt, 1);
		f->title = column_dup(stmt, 2);
		f->release = parse_day(sqlite3_column_text(stmt, 3));
		f->release_us = parse_day(sqlite3_column_text(stmt, 4));
		f->runtime_min = sqlite3_column_int(stmt, 5);
		f->budget_usd = sqlite3_column_type(stmt, 6) == SQLITE_NULL
					? -1
					: sqlite3_column_double(stmt, 6);
		f->certification = column_dup(stmt, 7);
		f->original_language = column_dup(stmt, 8);
		f->collection = column_dup(stmt, 9);
		f->production_year = sqlite3_column_int(stmt, 10);
		f->target = f->us_gross = f->us_opening = f->buzz_popularity = f->buzz_votes = NAN;
		f->cast_popularity = f->crew_popularity = NAN;
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE) {
		store_fail(st, "reading films");
		goto out;
	}
	map.n = count;
	map.ids = xcalloc(count ? count : 1, sizeof *map.ids);
	map.index = xcalloc(count ? count : 1, sizeof *map.index);
	long *pairs = xcalloc(count ? 2 * count : 1, sizeof *pairs);
	for (size_t i = 0; i < count; i++) {
		pairs[2 * i] = films[i].id;
		pairs[2 * i + 1] = (long)i;
	}
	qsort(pairs, count, 2 * sizeof *pairs, cmp_long_pair);
	for (size_t i = 0; i < count; i++) {
		map.ids[i] = pairs[2 * i];
		map.index[i] = (size_t)pairs[2 * i + 1];
	}
	free(pairs);

	if (load_list(st,
		      "SELECT c.film_id, p.name FROM credits c JOIN people p ON p.id = c.person_id"
		      " WHERE c.role = 'director' ORDER BY c.film_id, c.ord",
		      &map, films, LIST(directors)) != 0 ||
	    load_list(st,
		      "SELECT c.film_id, p.name FROM credits c JOIN people p ON p.id = c.person_id"
		      " WHERE c.role = 'cast' ORDER BY c.film_id, c.ord",
		      &map, films, LIST(cast)) != 0 ||
	    load_list(st,
		      "SELECT x.film_id, g.name FROM film_genres x JOIN genres g ON g.id = x.genre_id"
		      " ORDER BY x.film_id, x.ord",
		      &map, films, LIST(genres)) != 0 ||
	    load_list(st,
		      "SELECT x.film_id, g.name FROM film_countries x"
		      " JOIN countries g ON g.id = x.country_id ORDER BY x.film_id, x.ord",
		      &map, films, LIST(countries)) != 0 ||
	    load_list(st,
		      "SELECT x.film_id, g.name FROM film_languages x"
		      " JOIN languages g ON g.id = x.language_id ORDER BY x.film_id, x.ord",
		      &map, films, LIST(languages)) != 0)
		goto out;

	stmt = store_stmt(st, "SELECT x.film_id, c.name FROM film_companies x"
			      " JOIN companies c ON c.id = x.company_id"
			      " WHERE x.role = 'distributor' ORDER BY x.film_id, x.ord DESC");
	if (!stmt)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		long k = id_lookup(&map, sqlite3_column_int64(stmt, 0));
		if (k >= 0) { /* descending order: the first distributor is written last */
			free(films[k].distributor);
			films[k].distributor = column_dup(stmt, 1);
		}
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE) {
		store_fail(st, "reading distributors");
		goto out;
	}

	/* The target, and the US gross and opening as features unless one is the target. */
	if (load_outcome(st, "SELECT film_id, avg(value) FROM outcomes WHERE metric = ?"
			     " GROUP BY film_id",
			 metric, &map, films, offsetof(struct film_facts, target)) != 0 ||
	    load_outcome(st, "SELECT film_id, avg(value) FROM outcomes"
			     " WHERE metric IN ('us_gross', 'us_gross_usd') AND metric <> ?"
			     " GROUP BY film_id",
			 metric, &map, films, offsetof(struct film_facts, us_gross)) != 0 ||
	    load_outcome(st, "SELECT film_id, avg(value) FROM outcomes"
			     " WHERE metric = 'us_opening_admissions' AND metric <> ?"
			     " GROUP BY film_id",
			 metric, &map, films, offsetof(struct film_facts, us_opening)) != 0)
		goto out;

	/* Buzz: the last fetch strictly before the release date. */
	stmt = store_stmt(st, "SELECT b.film_id, b.popularity, b.vote_count FROM buzz b"
			      " JOIN films f ON f.id = b.film_id WHERE b.fetched_on < f.release_date"
			      " ORDER BY b.film_id, b.fetched_on");
	if (!stmt)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		long k = id_lookup(&map, sqlite3_column_int64(stmt, 0));
		if (k >= 0) {
			films[k].buzz_popularity = column_double_or_nan(stmt, 1);
			films[k].buzz_votes = column_double_or_nan(stmt, 2);
		}
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE) {
		store_fail(st, "reading buzz");
		goto out;
	}

	/* People's popularity as last fetched strictly before the film's release:
	 * what they became later is not known when the film is chosen. */
	stmt = store_stmt(st, "SELECT c.film_id, c.role, avg(pp.popularity) FROM credits c"
			      " JOIN films f ON f.id = c.film_id"
			      " JOIN person_popularity pp ON pp.person_id = c.person_id"
			      " AND pp.fetched_on = (SELECT max(q.fetched_on) FROM person_popularity q"
			      "   WHERE q.person_id = c.person_id AND q.fetched_on < f.release_date)"
			      " GROUP BY c.film_id, c.role");
	if (!stmt)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		long k = id_lookup(&map, sqlite3_column_int64(stmt, 0));
		if (k < 0)
			continue;
		const char *role = (const char *)sqlite3_column_text(stmt, 1);
		if (role && strcmp(role, "cast") == 0)
			films[k].cast_popularity = sqlite3_column_double(stmt, 2);
		else
			films[k].crew_popularity = sqlite3_column_double(stmt, 2);
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE) {
		store_fail(st, "reading people's popularity");
		goto out;
	}
	rc = 0;
out:
	free(map.ids);
	free(map.index);
	if (rc != 0) {
		film_facts_free(films, count);
		films = NULL;
		count = 0;
	}
	*out = films;
	*n = count;
	return rc;
}

/* ---- model registry ---- */

void model_record_clear(struct model_record *rec)
{
	free(rec->created_at);
	free(rec->metric);
	free(rec->status);
	free(rec->reason);
	free(rec->data_hash);
	free(rec->meta);
	free(rec->model);
	memset(rec, 0, sizeof *rec);
}

static void record_read(sqlite3_stmt *stmt, struct model_record *rec, bool with_model)
{
	memset(rec, 0, sizeof *rec);
	rec->id = sqlite3_column_int64(stmt, 0);
	rec->created_at = column_dup(stmt, 1);
	rec->metric = column_dup(stmt, 2);
	rec->status = column_dup(stmt, 3);
	rec->reason = column_dup(stmt, 4);
	rec->rows = sqlite3_column_int64(stmt, 5);
	rec->data_hash = column_dup(stmt, 6);
	rec->meta = column_dup(stmt, 7);
	if (with_model)
		rec->model = column_dup(stmt, 8);
}

int store_model_current(struct store *st, const char *metric, struct model_record *rec,
			bool *found)
{
	sqlite3_stmt *stmt = store_stmt(
		st, "SELECT id, created_at, metric, status, reason, rows, data_hash, meta, model"
		    " FROM models WHERE metric = ? AND status = 'current' ORDER BY id DESC LIMIT 1");
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, metric, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found)
		record_read(stmt, rec, true);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "reading the current model");
	return 0;
}

int store_model_add(struct store *st, const struct model_record *rec, long *id)
{
	sqlite3_stmt *stmt = store_stmt(
		st, "INSERT INTO models (created_at, metric, status, reason, rows, data_hash, meta,"
		    " model) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!stmt)
		return -1;
	char now[21];
	date_now_iso(now);
	store_bind_text(stmt, 1, rec->created_at ? rec->created_at : now);
	store_bind_text(stmt, 2, rec->metric);
	store_bind_text(stmt, 3, rec->status);
	store_bind_text(stmt, 4, rec->reason);
	sqlite3_bind_int64(stmt, 5, rec->rows);
	store_bind_text(stmt, 6, rec->data_hash);
	store_bind_text(stmt, 7, rec->meta);
	store_bind_text(stmt, 8, rec->model);
	int rc = store_step_done(st, stmt, "storing the model");
	if (rc == 0)
		*id = (long)sqlite3_last_insert_rowid(st->db);
	return rc;
}

int store_model_set_status(struct store *st, long id, const char *status, const char *reason)
{
	sqlite3_stmt *stmt =
		store_stmt(st, "UPDATE models SET status = ?, reason = coalesce(?, reason) WHERE id = ?");
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, status);
	store_bind_text(stmt, 2, reason);
	sqlite3_bind_int64(stmt, 3, id);
	return store_step_done(st, stmt, "updating a model's status");
}

int store_models_list(struct store *st, struct model_record **out, size_t *n)
{
	sqlite3_stmt *stmt = store_stmt(
		st, "SELECT id, created_at, metric, status, reason, rows, data_hash, meta"
		    " FROM models ORDER BY id DESC");
	if (!stmt)
		return -1;
	struct model_record *list = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		list = xgrow(list, &cap, count + 1, sizeof *list);
		record_read(stmt, &list[count++], false);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < count; i++)
			model_record_clear(&list[i]);
		free(list);
		return store_fail(st, "listing models");
	}
	*out = list;
	*n = count;
	return 0;
}

/* ---- predictions and backtests ---- */

int store_prediction_put(struct store *st, long model_id, long film_id, const char *week,
			 double predicted, double lower, double upper, const char *explanation)
{
	sqlite3_stmt *stmt = store_stmt(
		st, "INSERT OR REPLACE INTO predictions (model_id, film_id, week, predicted, lower,"
		    " upper, explanation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!stmt)
		return -1;
	char now[21];
	date_now_iso(now);
	sqlite3_bind_int64(stmt, 1, model_id);
	sqlite3_bind_int64(stmt, 2, film_id);
	store_bind_text(stmt, 3, week);
	sqlite3_bind_double(stmt, 4, predicted);
	sqlite3_bind_double(stmt, 5, lower);
	sqlite3_bind_double(stmt, 6, upper);
	store_bind_text(stmt, 7, explanation);
	store_bind_text(stmt, 8, now);
	int rc = store_step_done(st, stmt, "storing a prediction");
	return rc;
}

int store_backtest_add(struct store *st, const char *metric, const char *from, const char *to,
		       const char *summary, long *id)
{
	sqlite3_stmt *stmt = store_stmt(st, "INSERT INTO backtests (created_at, metric, from_date,"
					    " to_date, summary) VALUES (?, ?, ?, ?, ?)");
	if (!stmt)
		return -1;
	char now[21];
	date_now_iso(now);
	store_bind_text(stmt, 1, now);
	store_bind_text(stmt, 2, metric);
	store_bind_text(stmt, 3, from);
	store_bind_text(stmt, 4, to);
	store_bind_text(stmt, 5, summary);
	int rc = store_step_done(st, stmt, "storing the backtest");
	if (rc == 0)
		*id = (long)sqlite3_last_insert_rowid(st->db);
	return rc;
}

int store_backtest_film_put(struct store *st, long backtest_id, const char *week_start,
			    long film_id, double predicted, double lower, double upper,
			    double actual, bool picked)
{
	sqlite3_stmt *stmt = store_stmt(
		st, "INSERT INTO backtest_films (backtest_id, week_start, film_id, predicted, lower,"
		    " upper, actual, picked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, backtest_id);
	store_bind_text(stmt, 2, week_start);
	sqlite3_bind_int64(stmt, 3, film_id);
	sqlite3_bind_double(stmt, 4, predicted);
	sqlite3_bind_double(stmt, 5, lower);
	sqlite3_bind_double(stmt, 6, upper);
	if (isnan(actual))
		sqlite3_bind_null(stmt, 7);
	else
		sqlite3_bind_double(stmt, 7, actual);
	sqlite3_bind_int(stmt, 8, picked);
	return store_step_done(st, stmt, "storing a backtest film");
}

int store_backtest_latest(struct store *st, const char *metric, struct backtest_record *out,
			  bool *found)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = store_stmt(st, "SELECT from_date, to_date, summary, created_at"
					    " FROM backtests WHERE metric = ? ORDER BY id DESC LIMIT 1");
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, metric, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found) {
		out->from = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		out->to = xstrdup((const char *)sqlite3_column_text(stmt, 1));
		out->summary = xstrdup((const char *)sqlite3_column_text(stmt, 2));
		out->created_at = xstrdup((const char *)sqlite3_column_text(stmt, 3));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "reading the latest backtest");
	return 0;
}

void backtest_record_clear(struct backtest_record *b)
{
	free(b->from);
	free(b->to);
	free(b->summary);
	free(b->created_at);
	memset(b, 0, sizeof *b);
}
