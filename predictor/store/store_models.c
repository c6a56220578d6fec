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

#define LIST(member) offsetof(struct film_facts, member), offsetof(struct film_facts, n_##member)
#define FIELD(member) sizeof(struct film_facts), offsetof(struct film_facts, member)

/* Fills films[place]'s cast or crew popularity from a (film, role, mean) row. */
static void put_popularity(void *ctx, long place, sqlite3_stmt *stmt)
{
	struct film_facts *f = (struct film_facts *)ctx + place;
	const char *role = (const char *)sqlite3_column_text(stmt, 1);
	if (role && strcmp(role, "cast") == 0)
		f->cast_popularity = sqlite3_column_double(stmt, 2);
	else
		f->crew_popularity = sqlite3_column_double(stmt, 2);
}

/* Fills films[place]'s buzz from a (film, popularity, votes) row. */
static void put_buzz(void *ctx, long place, sqlite3_stmt *stmt)
{
	struct film_facts *f = (struct film_facts *)ctx + place;
	f->buzz_popularity = store_column_number(stmt, 1);
	f->buzz_votes = store_column_number(stmt, 2);
}

/* A prepared statement with the metric bound to its one parameter, or NULL. */
static sqlite3_stmt *with_metric(struct store *st, const char *sql, const char *metric)
{
	sqlite3_stmt *stmt = store_stmt(st, sql);
	if (stmt)
		sqlite3_bind_text(stmt, 1, metric, -1, SQLITE_TRANSIENT);
	return stmt;
}

int store_facts_load(struct store *st, const char *metric, struct film_facts **out, size_t *n)
{
	static const char films_sql[] =
		"SELECT id, key, title, release_date, release_us, runtime_min, budget_usd,"
		" certification, original_language, collection, production_year FROM films"
		" ORDER BY release_date, id";
	struct film_facts *films = NULL;
	size_t count = 0, cap = 0;
	struct film_index map = { 0 };
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
		f->key = store_column_copy(stmt, 1);
		f->title = store_column_copy(stmt, 2);
		f->release = store_column_day(stmt, 3, -1);
		f->release_us = store_column_day(stmt, 4, -1);
		f->runtime_min = sqlite3_column_int(stmt, 5);
		f->budget_usd = sqlite3_column_type(stmt, 6) == SQLITE_NULL
					? -1
					: sqlite3_column_double(stmt, 6);
		f->certification = store_column_copy(stmt, 7);
		f->original_language = store_column_copy(stmt, 8);
		f->collection = store_column_copy(stmt, 9);
		f->production_year = sqlite3_column_int(stmt, 10);
		f->target = f->us_gross = f->us_opening = f->buzz_popularity = f->buzz_votes = NAN;
		f->cast_popularity = f->crew_popularity = NAN;
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE) {
		store_fail(st, "reading films");
		goto out;
	}
	for (size_t i = 0; i < count; i++)
		film_index_add(&map, films[i].id, i);
	film_index_sort(&map);

	static const char *const lists[][2] = {
		{ "SELECT c.film_id, p.name FROM credits c JOIN people p ON p.id = c.person_id"
		  " WHERE c.role = 'director' ORDER BY c.film_id, c.ord", "reading directors" },
		{ "SELECT c.film_id, p.name FROM credits c JOIN people p ON p.id = c.person_id"
		  " WHERE c.role = 'cast' ORDER BY c.film_id, c.ord", "reading the cast" },
		{ "SELECT x.film_id, g.name FROM film_genres x JOIN genres g ON g.id = x.genre_id"
		  " ORDER BY x.film_id, x.ord", "reading genres" },
		{ "SELECT x.film_id, g.name FROM film_countries x"
		  " JOIN countries g ON g.id = x.country_id ORDER BY x.film_id, x.ord",
		  "reading countries" },
		{ "SELECT x.film_id, g.name FROM film_languages x"
		  " JOIN languages g ON g.id = x.language_id ORDER BY x.film_id, x.ord",
		  "reading languages" },
	};
	const size_t list_at[][2] = { { LIST(directors) }, { LIST(cast) }, { LIST(genres) },
				      { LIST(countries) }, { LIST(languages) } };
	for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
		if (!(stmt = store_stmt(st, lists[l][0])) ||
		    store_film_lists(st, stmt, &map, films, sizeof *films, list_at[l][0],
				     list_at[l][1], lists[l][1]) != 0)
			goto out;

	/* descending order: the first distributor is written last */
	if (!(stmt = store_stmt(st, "SELECT x.film_id, c.name FROM film_companies x"
				    " JOIN companies c ON c.id = x.company_id"
				    " WHERE x.role = 'distributor' ORDER BY x.film_id, x.ord DESC")) ||
	    store_film_texts(st, stmt, &map, films, FIELD(distributor), "reading distributors") != 0)
		goto out;

	/* The target, and the US gross and opening as features unless one is the target. */
	if (!(stmt = with_metric(st, "SELECT film_id, avg(value) FROM outcomes WHERE metric = ?"
				     " GROUP BY film_id", metric)) ||
	    store_film_numbers(st, stmt, &map, films, FIELD(target), "reading outcomes") != 0 ||
	    !(stmt = with_metric(st, "SELECT film_id, avg(value) FROM outcomes"
				     " WHERE metric IN ('us_gross', 'us_gross_usd') AND metric <> ?"
				     " GROUP BY film_id", metric)) ||
	    store_film_numbers(st, stmt, &map, films, FIELD(us_gross), "reading outcomes") != 0 ||
	    !(stmt = with_metric(st, "SELECT film_id, avg(value) FROM outcomes"
				     " WHERE metric = 'us_opening_admissions' AND metric <> ?"
				     " GROUP BY film_id", metric)) ||
	    store_film_numbers(st, stmt, &map, films, FIELD(us_opening), "reading outcomes") != 0)
		goto out;

	/* Buzz: the last fetch strictly before the release date (rows in fetch order). */
	if (!(stmt = store_stmt(st, "SELECT b.film_id, b.popularity, b.vote_count FROM buzz b"
				    " JOIN films f ON f.id = b.film_id WHERE b.fetched_on < f.release_date"
				    " ORDER BY b.film_id, b.fetched_on")) ||
	    store_film_rows(st, stmt, &map, put_buzz, films, "reading buzz") != 0)
		goto out;

	/* People's popularity as last fetched strictly before the film's release:
	 * what they became later is not known when the film is chosen. */
	if (!(stmt = store_stmt(st, "SELECT c.film_id, c.role, avg(pp.popularity) FROM credits c"
				    " JOIN films f ON f.id = c.film_id"
				    " JOIN person_popularity pp ON pp.person_id = c.person_id"
				    " AND pp.fetched_on = (SELECT max(q.fetched_on) FROM person_popularity q"
				    "   WHERE q.person_id = c.person_id AND q.fetched_on < f.release_date)"
				    " GROUP BY c.film_id, c.role")) ||
	    store_film_rows(st, stmt, &map, put_popularity, films, "reading people's popularity") != 0)
		goto out;
	rc = 0;
out:
	film_index_free(&map);
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
	rec->created_at = store_column_copy(stmt, 1);
	rec->metric = store_column_copy(stmt, 2);
	rec->status = store_column_copy(stmt, 3);
	rec->reason = store_column_copy(stmt, 4);
	rec->rows = sqlite3_column_int64(stmt, 5);
	rec->data_hash = store_column_copy(stmt, 6);
	rec->meta = store_column_copy(stmt, 7);
	if (with_model)
		rec->model = store_column_copy(stmt, 8);
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
