/* Films, their people, genres, countries, languages, companies, outcomes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/hash.h"
#include "common/xalloc.h"
#include "predictor/store/store_internal.h"

static void put_list(struct buf *b, const char **items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, items[i]);
		buf_putc(b, '\x1e');
	}
	buf_putc(b, '\x1f');
}

static int64_t film_hash(const struct film_record *f)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s\x1f%s\x1f%s\x1f%ld\x1f%ld\x1f%d\x1f%.17g\x1f%s\x1f%s\x1f%s\x1f", f->source,
		   f->source_id ? f->source_id : "", f->title, f->release, f->release_us,
		   f->runtime_min, f->budget_usd, f->certification ? f->certification : "",
		   f->original_language ? f->original_language : "",
		   f->distributor ? f->distributor : "");
	buf_printf(&b, "%s\x1f%d\x1f", f->overview ? f->overview : "", f->production_year);
	put_list(&b, f->genres, f->n_genres);
	put_list(&b, f->directors, f->n_directors);
	put_list(&b, f->cast, f->n_cast);
	put_list(&b, f->countries, f->n_countries);
	put_list(&b, f->languages, f->n_languages);
	for (size_t i = 0; i < f->n_outcomes; i++)
		buf_printf(&b, "%s=%.17g\x1e", f->outcomes[i].metric, f->outcomes[i].value);
	int64_t h = (int64_t)hash_bytes(HASH_SEED, b.data, b.len);
	buf_free(&b);
	return h;
}

/* The id of a name in a lookup table (genres, people...), created if new. */
static int name_id(struct store *st, const char *select_sql, const char *insert_sql,
		   const char *name, sqlite3_int64 *id)
{
	sqlite3_stmt *sel = store_stmt(st, select_sql);
	if (!sel)
		return -1;
	sqlite3_bind_text(sel, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(sel);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(sel, 0);
		sqlite3_reset(sel);
		return 0;
	}
	sqlite3_reset(sel);
	if (rc != SQLITE_DONE)
		return store_fail(st, "looking up a name");
	sqlite3_stmt *ins = store_stmt(st, insert_sql);
	if (!ins)
		return -1;
	sqlite3_bind_text(ins, 1, name, -1, SQLITE_STATIC);
	if (store_step_done(st, ins, "adding a name") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

#define LOOKUP(table)                                                                    \
	static const char table##_select[] = "SELECT id FROM " #table " WHERE name = ?"; \
	static const char table##_insert[] = "INSERT INTO " #table "(name) VALUES (?)";

LOOKUP(people)
LOOKUP(genres)
LOOKUP(countries)
LOOKUP(languages)
LOOKUP(companies)

/* Links a film to each name of a list through a link table. */
static int link_names(struct store *st, sqlite3_int64 film_id, const char *select_sql,
		      const char *insert_sql, const char *link_sql, const char *role,
		      const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_int64 id = 0;
		if (name_id(st, select_sql, insert_sql, names[i], &id) != 0)
			return -1;
		sqlite3_stmt *link = store_stmt(st, link_sql);
		if (!link)
			return -1;
		int k = 1;
		sqlite3_bind_int64(link, k++, film_id);
		sqlite3_bind_int64(link, k++, id);
		if (role)
			sqlite3_bind_text(link, k++, role, -1, SQLITE_STATIC);
		sqlite3_bind_int(link, k, (int)i);
		if (store_step_done(st, link, "linking a film") != 0)
			return -1;
	}
	return 0;
}

static const char sql_credit[] =
	"INSERT OR IGNORE INTO credits(film_id, person_id, role, ord) VALUES (?, ?, ?, ?)";
static const char sql_genre[] =
	"INSERT OR IGNORE INTO film_genres(film_id, genre_id, ord) VALUES (?, ?, ?)";
static const char sql_country[] =
	"INSERT OR IGNORE INTO film_countries(film_id, country_id, ord) VALUES (?, ?, ?)";
static const char sql_language[] =
	"INSERT OR IGNORE INTO film_languages(film_id, language_id, ord) VALUES (?, ?, ?)";
static const char sql_company[] =
	"INSERT OR IGNORE INTO film_companies(film_id, company_id, role, ord) VALUES (?, ?, ?, ?)";

static int put_children(struct store *st, sqlite3_int64 id, const struct film_record *f)
{
	if (link_names(st, id, people_select, people_insert, sql_credit, "director", f->directors,
		       f->n_directors) != 0 ||
	    link_names(st, id, people_select, people_insert, sql_credit, "cast", f->cast,
		       f->n_cast) != 0 ||
	    link_names(st, id, genres_select, genres_insert, sql_genre, NULL, f->genres,
		       f->n_genres) != 0 ||
	    link_names(st, id, countries_select, countries_insert, sql_country, NULL, f->countries,
		       f->n_countries) != 0 ||
	    link_names(st, id, languages_select, languages_insert, sql_language, NULL,
		       f->languages, f->n_languages) != 0)
		return -1;
	if (f->distributor && link_names(st, id, companies_select, companies_insert, sql_company,
					 "distributor", &f->distributor, 1) != 0)
		return -1;
	for (size_t i = 0; i < f->n_outcomes; i++) {
		sqlite3_stmt *o = store_stmt(
			st, "INSERT OR REPLACE INTO outcomes(film_id, metric, source, value) "
			    "VALUES (?, ?, ?, ?)");
		if (!o)
			return -1;
		sqlite3_bind_int64(o, 1, id);
		sqlite3_bind_text(o, 2, f->outcomes[i].metric, -1, SQLITE_STATIC);
		sqlite3_bind_text(o, 3, f->source, -1, SQLITE_STATIC);
		sqlite3_bind_double(o, 4, f->outcomes[i].value);
		if (store_step_done(st, o, "storing an outcome") != 0)
			return -1;
	}
	return 0;
}

static int clear_children(struct store *st, sqlite3_int64 id, const char *source)
{
	static const char *const sql[] = {
		"DELETE FROM credits WHERE film_id = ?",
		"DELETE FROM film_genres WHERE film_id = ?",
		"DELETE FROM film_countries WHERE film_id = ?",
		"DELETE FROM film_languages WHERE film_id = ?",
		"DELETE FROM film_companies WHERE film_id = ?",
		"DELETE FROM outcomes WHERE film_id = ? AND source = ?",
	};
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *stmt = store_stmt(st, sql[i]);
		if (!stmt)
			return -1;
		sqlite3_bind_int64(stmt, 1, id);
		if (i == 5)
			sqlite3_bind_text(stmt, 2, source, -1, SQLITE_STATIC);
		if (store_step_done(st, stmt, "replacing a film") != 0)
			return -1;
	}
	return 0;
}

static void bind_film(sqlite3_stmt *stmt, const struct film_record *f, const char *key,
		      int64_t hash)
{
	char release[11], release_us[11];
	date_format(f->release, release);
	if (f->release_us >= 0)
		date_format(f->release_us, release_us);
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, f->source, -1, SQLITE_STATIC);
	store_bind_text(stmt, 3, f->source_id);
	sqlite3_bind_text(stmt, 4, f->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, release, -1, SQLITE_TRANSIENT);
	store_bind_text(stmt, 6, f->release_us >= 0 ? release_us : NULL);
	if (f->runtime_min > 0)
		sqlite3_bind_int(stmt, 7, f->runtime_min);
	else
		sqlite3_bind_null(stmt, 7);
	if (f->budget_usd >= 0)
		sqlite3_bind_double(stmt, 8, f->budget_usd);
	else
		sqlite3_bind_null(stmt, 8);
	store_bind_text(stmt, 9, f->certification);
	store_bind_text(stmt, 10, f->original_language);
	sqlite3_bind_int64(stmt, 11, hash);
	store_bind_text(stmt, 12, f->overview);
	if (f->production_year > 0)
		sqlite3_bind_int(stmt, 13, f->production_year);
	else
		sqlite3_bind_null(stmt, 13);
}

/* Remembers the keys put by this transaction, to catch a file's repeats. */
static int seen_before(struct store *st, const char *key, const char *where, char **first_where)
{
	if (!st->seen_table) {
		char *err = NULL;
		if (sqlite3_exec(st->db,
				 "CREATE TEMP TABLE IF NOT EXISTS put_keys(key TEXT PRIMARY KEY, place TEXT);"
				 "DELETE FROM temp.put_keys",
				 NULL, NULL, &err) != SQLITE_OK) {
			sqlite3_free(err);
			return store_fail(st, "remembering keys");
		}
		st->seen_table = true;
	}
	sqlite3_stmt *ins =
		store_stmt(st, "INSERT INTO temp.put_keys(key, place) VALUES (?, ?) ON CONFLICT DO NOTHING");
	if (!ins)
		return -1;
	sqlite3_bind_text(ins, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, where, -1, SQLITE_STATIC);
	if (store_step_done(st, ins, "remembering keys") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 1)
		return 0;
	sqlite3_stmt *sel = store_stmt(st, "SELECT place FROM temp.put_keys WHERE key = ?");
	if (!sel)
		return -1;
	sqlite3_bind_text(sel, 1, key, -1, SQLITE_STATIC);
	const unsigned char *place = sqlite3_step(sel) == SQLITE_ROW ? sqlite3_column_text(sel, 0) : NULL;
	*first_where = xstrdup(place ? (const char *)place : "?");
	sqlite3_reset(sel);
	return 1;
}

int store_film_put(struct store *st, const struct film_record *f, const char *where,
		   enum store_change *change, char **first_where)
{
	char release[11];
	date_format(f->release, release);
	char *key = f->source_id ? xasprintf("%s:%s", f->source, f->source_id)
				 : xasprintf("%s|%s", f->title, release);
	int64_t hash = film_hash(f);
	int rc = -1;

	int seen = seen_before(st, key, where, first_where);
	if (seen != 0) {
		*change = STORE_DUPLICATE;
		rc = seen < 0 ? -1 : 0;
		goto out;
	}

	sqlite3_stmt *find = store_stmt(st, "SELECT id, row_hash FROM films WHERE key = ?");
	if (!find)
		goto out;
	sqlite3_bind_text(find, 1, key, -1, SQLITE_STATIC);
	int step = sqlite3_step(find);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		store_fail(st, "looking up a film");
		goto out;
	}
	sqlite3_int64 id = step == SQLITE_ROW ? sqlite3_column_int64(find, 0) : 0;
	int64_t old_hash = step == SQLITE_ROW ? sqlite3_column_int64(find, 1) : 0;
	sqlite3_reset(find);

	if (step == SQLITE_ROW && old_hash == hash) {
		*change = STORE_UNCHANGED;
		rc = 0;
		goto out;
	}
	if (step == SQLITE_ROW) {
		sqlite3_stmt *upd = store_stmt(
			st, "UPDATE films SET key = ?1, source = ?2, source_id = ?3, title = ?4, "
			    "release_date = ?5, release_us = ?6, runtime_min = ?7, budget_usd = ?8, "
			    "certification = ?9, original_language = ?10, row_hash = ?11, "
			    "overview = ?12, production_year = ?13 WHERE id = ?14");
		if (!upd)
			goto out;
		bind_film(upd, f, key, hash);
		sqlite3_bind_int64(upd, 14, id);
		if (store_step_done(st, upd, "updating a film") != 0 ||
		    clear_children(st, id, f->source) != 0)
			goto out;
		*change = STORE_UPDATED;
	} else {
		sqlite3_stmt *ins = store_stmt(
			st, "INSERT INTO films(key, source, source_id, title, release_date, "
			    "release_us, runtime_min, budget_usd, certification, original_language, "
			    "row_hash, overview, production_year) "
			    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
		if (!ins)
			goto out;
		bind_film(ins, f, key, hash);
		if (store_step_done(st, ins, "adding a film") != 0)
			goto out;
		id = sqlite3_last_insert_rowid(st->db);
		*change = STORE_INSERTED;
	}
	rc = put_children(st, id, f);
out:
	free(key);
	return rc;
}

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

static char *text_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	return t ? xstrdup((const char *)t) : NULL;
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
		list[count++] = text_dup(q, 0);
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
		    " f.poster_path, coalesce(f.tmdb_id, 0),"
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
		f->key = text_dup(q, 1);
		f->title = text_dup(q, 2);
		f->release_date = text_dup(q, 3);
		f->release_us = text_dup(q, 4);
		f->runtime_min = sqlite3_column_int(q, 5);
		f->budget_usd = sqlite3_column_double(q, 6);
		f->certification = text_dup(q, 7);
		f->original_language = text_dup(q, 8);
		f->overview = text_dup(q, 9);
		f->poster_path = text_dup(q, 10);
		f->tmdb_id = (long)sqlite3_column_int64(q, 11);
		f->distributor = text_dup(q, 12);
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

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
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
	free_list(f->genres, f->n_genres);
	free_list(f->directors, f->n_directors);
	free_list(f->cast, f->n_cast);
	free_list(f->countries, f->n_countries);
	free_list(f->languages, f->n_languages);
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
