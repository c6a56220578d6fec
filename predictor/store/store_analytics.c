/* The catalogue as the analytics and the similar films read it (store_analytics.h). */
#include "predictor/store/store_analytics.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/msg.h"
#include "common/xalloc.h"
#include "predictor/store/store_internal.h"

/* The parts of a film a list query fills. */
enum part { P_GENRES, P_DIRECTORS, P_CAST, P_COUNTRIES, P_KEYWORDS, P_LANGUAGES };

static const char *const part_sql[] = {
	[P_GENRES] = "SELECT x.film_id, g.name, 0, NULL FROM film_genres x"
		     " JOIN genres g ON g.id = x.genre_id ORDER BY x.film_id, x.ord",
	[P_DIRECTORS] = "SELECT c.film_id, p.name, p.id, NULL FROM credits c"
			" JOIN people p ON p.id = c.person_id WHERE c.role = 'director'"
			" ORDER BY c.film_id, c.ord",
	[P_CAST] = "SELECT c.film_id, p.name, p.id, p.birthday FROM credits c"
		   " JOIN people p ON p.id = c.person_id WHERE c.role = 'cast'"
		   " ORDER BY c.film_id, c.ord",
	[P_COUNTRIES] = "SELECT x.film_id, g.name, 0, NULL FROM film_countries x"
			" JOIN countries g ON g.id = x.country_id ORDER BY x.film_id, x.ord",
	[P_KEYWORDS] = "SELECT x.film_id, g.name, 0, NULL FROM film_keywords x"
		       " JOIN keywords g ON g.id = x.keyword_id ORDER BY x.film_id, x.ord",
	[P_LANGUAGES] = "SELECT x.film_id, g.name, 0, NULL FROM film_languages x"
			" JOIN languages g ON g.id = x.language_id ORDER BY x.film_id, x.ord",
};

static const char *const part_name[] = { "genres", "directors", "cast", "countries", "keywords",
					    "languages" };

/* What a list query fills, for store_film_rows. */
struct part_rows {
	struct catalogue_film *films;
	enum part part;
};

/* Appends one row of a list query to its film. */
static void add_item(void *ctx, long place, sqlite3_stmt *stmt)
{
	const struct part_rows *rows = ctx;
	struct catalogue_film *f = &rows->films[place];
	enum part part = rows->part;
	char *name = store_column_text(stmt, 1);
	if (!name)
		return;
	long person = sqlite3_column_int64(stmt, 2);
	switch (part) {
	case P_GENRES:
		f->genres = xrealloc(f->genres, (f->n_genres + 1) * sizeof *f->genres);
		f->genres[f->n_genres++] = name;
		break;
	case P_COUNTRIES:
		f->countries = xrealloc(f->countries, (f->n_countries + 1) * sizeof *f->countries);
		f->countries[f->n_countries++] = name;
		break;
	case P_KEYWORDS:
		f->keywords = xrealloc(f->keywords, (f->n_keywords + 1) * sizeof *f->keywords);
		f->keywords[f->n_keywords++] = name;
		break;
	case P_LANGUAGES:
		f->languages = xrealloc(f->languages, (f->n_languages + 1) * sizeof *f->languages);
		f->languages[f->n_languages++] = name;
		break;
	case P_DIRECTORS:
		f->directors = xrealloc(f->directors, (f->n_directors + 1) * sizeof *f->directors);
		f->director_ids = xrealloc(f->director_ids,
					   (f->n_directors + 1) * sizeof *f->director_ids);
		f->director_ids[f->n_directors] = person;
		f->directors[f->n_directors++] = name;
		break;
	case P_CAST:
		f->cast = xrealloc(f->cast, (f->n_cast + 1) * sizeof *f->cast);
		f->cast_ids = xrealloc(f->cast_ids, (f->n_cast + 1) * sizeof *f->cast_ids);
		f->cast_birthdays = xrealloc(f->cast_birthdays,
					     (f->n_cast + 1) * sizeof *f->cast_birthdays);
		f->cast_ids[f->n_cast] = person;
		f->cast_birthdays[f->n_cast] = store_column_day(stmt, 3, CATALOGUE_NO_DAY);
		f->cast[f->n_cast++] = name;
		break;
	}
}

static int load_part(struct store *st, enum part part, const struct film_index *map,
		     struct catalogue_film *films)
{
	sqlite3_stmt *stmt = store_stmt(st, part_sql[part]);
	if (!stmt)
		return -1;
	char what[32];
	snprintf(what, sizeof what, "reading %s", part_name[part]);
	struct part_rows rows = { films, part };
	return store_film_rows(st, stmt, map, add_item, &rows, what);
}

/* Fills the outcome at offset of each film with the mean of metric's values. */
static int load_outcome(struct store *st, const char *metric, const struct film_index *map,
			struct catalogue_film *films, size_t offset)
{
	sqlite3_stmt *stmt = store_stmt(st, "SELECT film_id, avg(value) FROM outcomes"
					    " WHERE metric = ? GROUP BY film_id");
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, metric, -1, SQLITE_TRANSIENT);
	return store_film_numbers(st, stmt, map, films, sizeof *films, offset, "reading outcomes");
}

int store_catalogue_load(struct store *st, const char *metric, const char *rating,
			 struct catalogue_film **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct catalogue_film *films = NULL;
	size_t count = 0, cap = 0;
	struct film_index map = { 0 };
	int rc = -1;
	sqlite3_stmt *stmt = store_stmt(st, "SELECT id, key, title, release_date, runtime_min,"
					    " budget_usd, certification, collection, overview,"
					    " poster_path, tmdb_id, slug FROM films ORDER BY release_date, key");
	if (!stmt)
		return -1;
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		films = xgrow(films, &cap, count + 1, sizeof *films);
		struct catalogue_film *f = &films[count++];
		memset(f, 0, sizeof *f);
		f->id = sqlite3_column_int64(stmt, 0);
		f->key = store_column_text(stmt, 1);
		f->title = store_column_text(stmt, 2);
		f->release = store_column_day(stmt, 3, CATALOGUE_NO_DAY);
		f->runtime_min = sqlite3_column_int(stmt, 4);
		f->budget_usd = sqlite3_column_type(stmt, 5) == SQLITE_NULL
					? -1 : sqlite3_column_double(stmt, 5);
		f->certification = store_column_text(stmt, 6);
		f->collection = store_column_text(stmt, 7);
		f->overview = store_column_text(stmt, 8);
		f->poster_path = store_column_text(stmt, 9);
		f->tmdb_id = sqlite3_column_int64(stmt, 10);
		f->slug = store_column_text(stmt, 11);
		f->outcome = f->rating = NAN;
		if (!f->key)
			f->key = xstrdup("");
		if (!f->title)
			f->title = xstrdup("");
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE) {
		store_fail(st, "reading films");
		goto out;
	}
	for (size_t i = 0; i < count; i++)
		film_index_add(&map, films[i].id, i);
	film_index_sort(&map);
	for (enum part p = P_GENRES; p <= P_LANGUAGES; p++)
		if (load_part(st, p, &map, films) != 0)
			goto out;

	/* descending order: the first distributor is written last */
	if (!(stmt = store_stmt(st, "SELECT x.film_id, c.name FROM film_companies x"
				    " JOIN companies c ON c.id = x.company_id"
				    " WHERE x.role = 'distributor' ORDER BY x.film_id, x.ord DESC")) ||
	    store_film_texts(st, stmt, &map, films, sizeof *films,
			     offsetof(struct catalogue_film, distributor), "reading distributors") != 0)
		goto out;
	if (load_outcome(st, metric, &map, films, offsetof(struct catalogue_film, outcome)) != 0 ||
	    (rating && load_outcome(st, rating, &map, films,
				    offsetof(struct catalogue_film, rating)) != 0))
		goto out;
	rc = 0;
out:
	film_index_free(&map);
	if (rc != 0) {
		catalogue_free(films, count);
		return -1;
	}
	*out = films;
	*n = count;
	return 0;
}

void catalogue_free(struct catalogue_film *films, size_t n)
{
	for (size_t i = 0; films && i < n; i++) {
		struct catalogue_film *f = &films[i];
		free(f->key);
		free(f->title);
		free(f->slug);
		free(f->certification);
		free(f->collection);
		free(f->overview);
		free(f->poster_path);
		free(f->distributor);
		store_strings_free(f->genres, f->n_genres);
		store_strings_free(f->directors, f->n_directors);
		free(f->director_ids);
		store_strings_free(f->cast, f->n_cast);
		free(f->cast_ids);
		free(f->cast_birthdays);
		store_strings_free(f->countries, f->n_countries);
		store_strings_free(f->keywords, f->n_keywords);
		store_strings_free(f->languages, f->n_languages);
	}
	free(films);
}

int store_person_birthday(struct store *st, long person_id, const char *birthday)
{
	long day;
	if (birthday && date_parse(birthday, &day) != 0) {
		msg_error("person %ld: bad birthday \"%s\"", person_id, birthday);
		return -1;
	}
	sqlite3_stmt *stmt = store_stmt(st, "UPDATE people SET birthday = ? WHERE id = ?");
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, birthday);
	sqlite3_bind_int64(stmt, 2, person_id);
	return store_step_done(st, stmt, "recording a birthday");
}
