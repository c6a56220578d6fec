/*
 * Films, their people, genres, countries, languages, companies, keywords
 * and outcomes; one film whatever the source (store_film_put). Reading
 * them for the commands is store_films_read.c.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/hash.h"
#include "common/text/slug.h"
#include "common/text/textfold.h"
#include "common/xalloc.h"
#include "predictor/store/store_internal.h"

/* ---- what a source gave, as a fingerprint ---- */

static void put_list(struct buf *b, const char **items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, items[i]);
		buf_putc(b, '\x1e');
	}
	buf_putc(b, '\x1f');
}

static void put_refs(struct buf *b, const struct person_ref *refs, size_t n)
{
	for (size_t i = 0; refs && i < n; i++)
		buf_printf(b, "%ld/%.17g\x1e", refs[i].tmdb_id, refs[i].popularity);
	buf_putc(b, '\x1f');
}

#define OR_EMPTY(s) ((s) ? (s) : "")

static int64_t film_hash(const struct film_record *f)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s\x1f%s\x1f%s\x1f%ld\x1f%ld\x1f%d\x1f%.17g\x1f%s\x1f%s\x1f%s\x1f", f->source,
		   OR_EMPTY(f->source_id), f->title, f->release, f->release_us, f->runtime_min,
		   f->budget_usd, OR_EMPTY(f->certification), OR_EMPTY(f->original_language),
		   OR_EMPTY(f->distributor));
	buf_printf(&b, "%s\x1f%d\x1f", OR_EMPTY(f->overview), f->production_year);
	put_list(&b, f->genres, f->n_genres);
	put_list(&b, f->directors, f->n_directors);
	put_list(&b, f->cast, f->n_cast);
	put_list(&b, f->countries, f->n_countries);
	put_list(&b, f->languages, f->n_languages);
	for (size_t i = 0; i < f->n_outcomes; i++)
		buf_printf(&b, "%s=%.17g\x1e", f->outcomes[i].metric, f->outcomes[i].value);
	/* TMDB's additions count only when given, so a history file's rows keep
	 * the fingerprints they had before TMDB was known */
	if (f->tmdb_id || f->imdb_id || f->original_title || f->first_release >= 0 ||
	    f->collection || f->poster_path || f->n_keywords || f->n_companies || f->fetched_on) {
		buf_printf(&b, "%ld\x1f%s\x1f%s\x1f%ld\x1f%s\x1f%s\x1f%s\x1f%.17g\x1f%.17g\x1f",
			   f->tmdb_id, OR_EMPTY(f->imdb_id), OR_EMPTY(f->original_title),
			   f->first_release, OR_EMPTY(f->collection), OR_EMPTY(f->poster_path),
			   OR_EMPTY(f->fetched_on), f->buzz_popularity, f->buzz_votes);
		put_list(&b, f->keywords, f->n_keywords);
		put_list(&b, f->companies, f->n_companies);
		put_refs(&b, f->director_refs, f->n_directors);
		put_refs(&b, f->cast_refs, f->n_cast);
	}
	int64_t h = (int64_t)hash_bytes(HASH_SEED, b.data, b.len);
	buf_free(&b);
	return h;
}

/* ---- names ---- */

/* The id of a name in a lookup table (genres, countries...), created if new. */
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

LOOKUP(genres)
LOOKUP(countries)
LOOKUP(languages)
LOOKUP(companies)
LOOKUP(keywords)

/*
 * A person, one whatever the source: by TMDB id when the source knows it,
 * else by folded name (the first such person; one from TMDB learns its id
 * then). Popularity fetched is kept with its day, so that features read
 * only what was known before a film's release.
 */
static int person_id(struct store *st, const char *name, const struct person_ref *ref,
		     const char *fetched_on, sqlite3_int64 *id)
{
	*id = 0;
	if (ref && ref->tmdb_id > 0) {
		sqlite3_stmt *q = store_stmt(st, "SELECT id FROM people WHERE tmdb_id = ?");
		if (!q)
			return -1;
		sqlite3_bind_int64(q, 1, ref->tmdb_id);
		int rc = sqlite3_step(q);
		if (rc == SQLITE_ROW)
			*id = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_fail(st, "looking up a person");
	}
	char *folded = textfold_copy(name);
	int rc = -1;
	if (!*id) {
		sqlite3_stmt *q = store_stmt(
			st, "SELECT id FROM people WHERE match_name = ? AND (?2 = 0 OR tmdb_id IS NULL)"
			    " ORDER BY id LIMIT 1");
		if (!q)
			goto out;
		sqlite3_bind_text(q, 1, folded, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 2, ref ? ref->tmdb_id : 0);
		int step = sqlite3_step(q);
		if (step == SQLITE_ROW)
			*id = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		if (step != SQLITE_ROW && step != SQLITE_DONE) {
			store_fail(st, "looking up a person");
			goto out;
		}
	}
	if (!*id) {
		sqlite3_stmt *ins = store_stmt(st, "INSERT INTO people(name, match_name) VALUES (?, ?)");
		if (!ins)
			goto out;
		sqlite3_bind_text(ins, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, folded, -1, SQLITE_STATIC);
		if (store_step_done(st, ins, "adding a person") != 0)
			goto out;
		*id = sqlite3_last_insert_rowid(st->db);
	}
	if (ref && ref->tmdb_id > 0) {
		sqlite3_stmt *upd = store_stmt(st, "UPDATE people SET tmdb_id = ?2 WHERE id = ?1"
						   " AND tmdb_id IS NULL");
		if (!upd)
			goto out;
		sqlite3_bind_int64(upd, 1, *id);
		sqlite3_bind_int64(upd, 2, ref->tmdb_id);
		if (store_step_done(st, upd, "naming a person's TMDB id") != 0)
			goto out;
	}
	if (ref && ref->popularity >= 0 && fetched_on &&
	    store_person_popularity(st, *id, fetched_on, ref->popularity) != 0)
		goto out;
	rc = 0;
out:
	free(folded);
	return rc;
}

int store_person_popularity(struct store *st, long person_id, const char *fetched_on,
			    double popularity)
{
	sqlite3_stmt *q = store_stmt(st, "INSERT OR REPLACE INTO person_popularity"
					 "(person_id, fetched_on, popularity) VALUES (?, ?, ?)");
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, person_id);
	sqlite3_bind_text(q, 2, fetched_on, -1, SQLITE_STATIC);
	sqlite3_bind_double(q, 3, popularity);
	return store_step_done(st, q, "storing a person's popularity");
}

/* ---- what is attached to a film ---- */

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

static int link_people(struct store *st, sqlite3_int64 film_id, const char *role,
		       const char *const *names, const struct person_ref *refs, size_t n,
		       const char *fetched_on)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_int64 id;
		if (person_id(st, names[i], refs ? &refs[i] : NULL, fetched_on, &id) != 0)
			return -1;
		sqlite3_stmt *link = store_stmt(st, "INSERT OR IGNORE INTO credits(film_id, person_id,"
						    " role, ord) VALUES (?, ?, ?, ?)");
		if (!link)
			return -1;
		sqlite3_bind_int64(link, 1, film_id);
		sqlite3_bind_int64(link, 2, id);
		sqlite3_bind_text(link, 3, role, -1, SQLITE_STATIC);
		sqlite3_bind_int(link, 4, (int)i);
		if (store_step_done(st, link, "linking a film") != 0)
			return -1;
	}
	return 0;
}

static const char sql_genre[] =
	"INSERT OR IGNORE INTO film_genres(film_id, genre_id, ord) VALUES (?, ?, ?)";
static const char sql_country[] =
	"INSERT OR IGNORE INTO film_countries(film_id, country_id, ord) VALUES (?, ?, ?)";
static const char sql_language[] =
	"INSERT OR IGNORE INTO film_languages(film_id, language_id, ord) VALUES (?, ?, ?)";
static const char sql_company[] =
	"INSERT OR IGNORE INTO film_companies(film_id, company_id, role, ord) VALUES (?, ?, ?, ?)";
static const char sql_keyword[] =
	"INSERT OR IGNORE INTO film_keywords(film_id, keyword_id, ord) VALUES (?, ?, ?)";

/* The kinds of list attached to a film, and how to clear one. */
enum list_kind { L_DIRECTORS, L_CAST, L_GENRES, L_COUNTRIES, L_LANGUAGES, L_DISTRIBUTOR,
		 L_PRODUCTION, L_KEYWORDS, N_LISTS };

static const char *const list_count_sql[N_LISTS] = {
	"SELECT count(*) FROM credits WHERE film_id = ? AND role = 'director'",
	"SELECT count(*) FROM credits WHERE film_id = ? AND role = 'cast'",
	"SELECT count(*) FROM film_genres WHERE film_id = ?",
	"SELECT count(*) FROM film_countries WHERE film_id = ?",
	"SELECT count(*) FROM film_languages WHERE film_id = ?",
	"SELECT count(*) FROM film_companies WHERE film_id = ? AND role = 'distributor'",
	"SELECT count(*) FROM film_companies WHERE film_id = ? AND role = 'production'",
	"SELECT count(*) FROM film_keywords WHERE film_id = ?",
};

static const char *const list_clear_sql[N_LISTS] = {
	"DELETE FROM credits WHERE film_id = ? AND role = 'director'",
	"DELETE FROM credits WHERE film_id = ? AND role = 'cast'",
	"DELETE FROM film_genres WHERE film_id = ?",
	"DELETE FROM film_countries WHERE film_id = ?",
	"DELETE FROM film_languages WHERE film_id = ?",
	"DELETE FROM film_companies WHERE film_id = ? AND role = 'distributor'",
	"DELETE FROM film_companies WHERE film_id = ? AND role = 'production'",
	"DELETE FROM film_keywords WHERE film_id = ?",
};

static int list_run(struct store *st, const char *sql, sqlite3_int64 film_id, long *count)
{
	sqlite3_stmt *q = store_stmt(st, sql);
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, film_id);
	int rc = sqlite3_step(q);
	if (count && rc == SQLITE_ROW)
		*count = (long)sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "reading a film's lists");
}

/*
 * Attaches a source's lists to a film: the source that brought the film
 * (owner) replaces its lists; another fills only the lists the film lacks.
 */
static int put_lists(struct store *st, sqlite3_int64 id, const struct film_record *f, bool owner)
{
	size_t sizes[N_LISTS] = { f->n_directors, f->n_cast, f->n_genres, f->n_countries,
				  f->n_languages, f->distributor ? 1 : 0, f->n_companies,
				  f->n_keywords };
	for (int k = 0; k < N_LISTS; k++) {
		long have = 0;
		if (owner) {
			if (list_run(st, list_clear_sql[k], id, NULL) != 0)
				return -1;
		} else if (sizes[k] && list_run(st, list_count_sql[k], id, &have) != 0) {
			return -1;
		}
		if (have || sizes[k] == 0)
			continue;
		int rc = 0;
		switch ((enum list_kind)k) {
		case L_DIRECTORS:
			rc = link_people(st, id, "director", f->directors, f->director_refs,
					 f->n_directors, f->fetched_on);
			break;
		case L_CAST:
			rc = link_people(st, id, "cast", f->cast, f->cast_refs, f->n_cast, f->fetched_on);
			break;
		case L_GENRES:
			rc = link_names(st, id, genres_select, genres_insert, sql_genre, NULL, f->genres,
					f->n_genres);
			break;
		case L_COUNTRIES:
			rc = link_names(st, id, countries_select, countries_insert, sql_country, NULL,
					f->countries, f->n_countries);
			break;
		case L_LANGUAGES:
			rc = link_names(st, id, languages_select, languages_insert, sql_language, NULL,
					f->languages, f->n_languages);
			break;
		case L_DISTRIBUTOR:
			rc = link_names(st, id, companies_select, companies_insert, sql_company,
					"distributor", &f->distributor, 1);
			break;
		case L_PRODUCTION:
			rc = link_names(st, id, companies_select, companies_insert, sql_company,
					"production", f->companies, f->n_companies);
			break;
		case L_KEYWORDS:
			rc = link_names(st, id, keywords_select, keywords_insert, sql_keyword, NULL,
					f->keywords, f->n_keywords);
			break;
		case N_LISTS:
			break;
		}
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* This source's outcomes replace what it gave before; other sources' stay. */
static int put_outcomes(struct store *st, sqlite3_int64 id, const struct film_record *f)
{
	sqlite3_stmt *del = store_stmt(st, "DELETE FROM outcomes WHERE film_id = ? AND source = ?");
	if (!del)
		return -1;
	sqlite3_bind_int64(del, 1, id);
	sqlite3_bind_text(del, 2, f->source, -1, SQLITE_STATIC);
	if (store_step_done(st, del, "replacing outcomes") != 0)
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
	if (f->fetched_on && (f->buzz_popularity >= 0 || f->buzz_votes >= 0)) {
		sqlite3_stmt *b = store_stmt(st, "INSERT OR REPLACE INTO buzz(film_id, fetched_on,"
						 " popularity, vote_count) VALUES (?, ?, ?, ?)");
		if (!b)
			return -1;
		sqlite3_bind_int64(b, 1, id);
		sqlite3_bind_text(b, 2, f->fetched_on, -1, SQLITE_STATIC);
		if (f->buzz_popularity >= 0)
			sqlite3_bind_double(b, 3, f->buzz_popularity);
		else
			sqlite3_bind_null(b, 3);
		if (f->buzz_votes >= 0)
			sqlite3_bind_int64(b, 4, (sqlite3_int64)f->buzz_votes);
		else
			sqlite3_bind_null(b, 4);
		if (store_step_done(st, b, "storing buzz") != 0)
			return -1;
	}
	return 0;
}

/* ---- the film's own facts ---- */

/*
 * The columns a source writes, in the order of the statements below. The
 * owner's update writes each; another source's writes only where the film
 * has nothing (coalesce keeps what is there).
 */
#define FILM_COLUMNS                                                                  \
	"title, release_date, release_us, runtime_min, budget_usd, certification,"     \
	" original_language, overview, production_year, tmdb_id, imdb_id,"             \
	" original_title, first_release, collection, poster_path, tmdb_fetched_at,"    \
	" match_title, match_original"

static void bind_text_or_null(sqlite3_stmt *q, int i, const char *s)
{
	store_bind_text(q, i, s && *s ? s : NULL);
}

/* Binds the FILM_COLUMNS values to ?first.. in order. */
static void bind_columns(sqlite3_stmt *q, int first, const struct film_record *f,
			 char *const folded[2])
{
	char release[11], release_us[11], first_release[11];
	date_format(f->release, release);
	int i = first;
	sqlite3_bind_text(q, i++, f->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, i++, release, -1, SQLITE_TRANSIENT);
	if (f->release_us >= 0) {
		date_format(f->release_us, release_us);
		sqlite3_bind_text(q, i++, release_us, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(q, i++);
	}
	if (f->runtime_min > 0)
		sqlite3_bind_int(q, i++, f->runtime_min);
	else
		sqlite3_bind_null(q, i++);
	if (f->budget_usd >= 0)
		sqlite3_bind_double(q, i++, f->budget_usd);
	else
		sqlite3_bind_null(q, i++);
	bind_text_or_null(q, i++, f->certification);
	bind_text_or_null(q, i++, f->original_language);
	bind_text_or_null(q, i++, f->overview);
	if (f->production_year > 0)
		sqlite3_bind_int(q, i++, f->production_year);
	else
		sqlite3_bind_null(q, i++);
	if (f->tmdb_id > 0)
		sqlite3_bind_int64(q, i++, f->tmdb_id);
	else
		sqlite3_bind_null(q, i++);
	bind_text_or_null(q, i++, f->imdb_id);
	bind_text_or_null(q, i++, f->original_title);
	if (f->first_release >= 0) {
		date_format(f->first_release, first_release);
		sqlite3_bind_text(q, i++, first_release, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(q, i++);
	}
	bind_text_or_null(q, i++, f->collection);
	bind_text_or_null(q, i++, f->poster_path);
	bind_text_or_null(q, i++, f->tmdb_id > 0 ? f->fetched_on : NULL);
	bind_text_or_null(q, i++, folded[0]);
	bind_text_or_null(q, i++, folded[1]);
}

/* Whether a slug is a stored film's, or was published for a film other than key. */
static int slug_taken(struct store *st, const char *slug, const char *key, bool *taken)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT 1 FROM films WHERE slug = ?1 UNION ALL"
					 " SELECT 1 FROM cinema.candidates WHERE slug = ?1 AND film_key <> ?2"
					 " LIMIT 1");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	*taken = rc == SQLITE_ROW;
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "choosing a slug");
}

/*
 * The slug of a film stored for the first time (owned by *slug): the one it
 * was published with, when a store rebuilt from its sources meets it again;
 * else its own (slug.h), with "-2", "-3"... when a film has it already, so
 * that a slug is one film's for good.
 */
static int film_new_slug(struct store *st, const struct film_record *f, const char *key,
			 char **slug)
{
	*slug = NULL;
	bool taken = true;
	sqlite3_stmt *q = store_stmt(st, "SELECT slug FROM cinema.candidates WHERE film_key = ?"
					 " ORDER BY week DESC, version DESC LIMIT 1");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	char *published = rc == SQLITE_ROW ? xstrdup((const char *)sqlite3_column_text(q, 0)) : NULL;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "choosing a slug");
	if (published && slug_is_valid(published) && slug_taken(st, published, key, &taken) != 0) {
		free(published);
		return -1;
	}
	if (!taken) {
		*slug = published;
		return 0;
	}
	free(published);
	int y, m, d;
	date_to_ymd(f->release, &y, &m, &d);
	char *base = slug_film(f->title, f->original_title, y, key);
	for (int n = 1; taken; n++) {
		free(*slug);
		*slug = n == 1 ? xstrdup(base) : xasprintf("%s-%d", base, n);
		if (slug_taken(st, *slug, key, &taken) != 0) {
			free(base);
			free(*slug);
			*slug = NULL;
			return -1;
		}
	}
	free(base);
	return 0;
}

static int film_insert(struct store *st, const struct film_record *f, const char *key,
		       char *const folded[2], sqlite3_int64 *id)
{
	char *slug;
	if (film_new_slug(st, f, key, &slug) != 0)
		return -1;
	sqlite3_stmt *ins = store_stmt(
		st, "INSERT INTO films(key, source, source_id, row_hash, slug, " FILM_COLUMNS ")"
		    " VALUES (?1, ?2, ?3, 0, ?22, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		    " ?15, ?16, ?17, ?18, ?19, ?20, ?21)");
	int rc = -1;
	if (!ins)
		goto out;
	sqlite3_bind_text(ins, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, f->source, -1, SQLITE_STATIC);
	store_bind_text(ins, 3, f->source_id);
	bind_columns(ins, 4, f, folded);
	sqlite3_bind_text(ins, 22, slug, -1, SQLITE_STATIC);
	if (store_step_done(st, ins, "adding a film") != 0)
		goto out;
	*id = sqlite3_last_insert_rowid(st->db);
	rc = 0;
out:
	free(slug);
	return rc;
}

static int film_update(struct store *st, sqlite3_int64 id, const struct film_record *f,
		       char *const folded[2], bool owner)
{
	/* the owner writes its facts; another source fills what the film lacks */
	static const char owner_sql[] =
		"UPDATE films SET title = ?2, release_date = ?3, release_us = ?4, runtime_min = ?5,"
		" budget_usd = ?6, certification = ?7, original_language = ?8, overview = ?9,"
		" production_year = ?10, tmdb_id = coalesce(?11, tmdb_id),"
		" imdb_id = coalesce(?12, imdb_id), original_title = coalesce(?13, original_title),"
		" first_release = coalesce(?14, first_release), collection = coalesce(?15, collection),"
		" poster_path = coalesce(?16, poster_path),"
		" tmdb_fetched_at = coalesce(?17, tmdb_fetched_at), match_title = ?18,"
		" match_original = coalesce(?19, match_original) WHERE id = ?1";
	static const char filler_sql[] =
		"UPDATE films SET release_us = coalesce(release_us, ?4),"
		" runtime_min = coalesce(runtime_min, ?5), budget_usd = coalesce(budget_usd, ?6),"
		" certification = coalesce(certification, ?7),"
		" original_language = coalesce(original_language, ?8),"
		" overview = coalesce(overview, ?9), production_year = coalesce(production_year, ?10),"
		" tmdb_id = coalesce(tmdb_id, ?11), imdb_id = coalesce(imdb_id, ?12),"
		" original_title = coalesce(original_title, ?13),"
		" first_release = coalesce(first_release, ?14), collection = coalesce(collection, ?15),"
		" poster_path = coalesce(?16, poster_path),"
		" tmdb_fetched_at = coalesce(?17, tmdb_fetched_at),"
		" match_original = coalesce(match_original, ?19, ?18) WHERE id = ?1";
	sqlite3_stmt *q = store_stmt(st, owner ? owner_sql : filler_sql);
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	bind_columns(q, 2, f, folded);
	return store_step_done(st, q, "updating a film");
}

/* ---- matching ---- */

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

/* The film a source gave before under its own id, with its fingerprint. */
static int source_film(struct store *st, const char *source, const char *source_key,
		       sqlite3_int64 *id, int64_t *hash, bool *owner)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT s.film_id, s.row_hash, f.source = s.source"
					 " FROM film_sources s JOIN films f ON f.id = s.film_id"
					 " WHERE s.source = ? AND s.source_id = ?");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, source_key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	*id = 0;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		*hash = sqlite3_column_int64(q, 1);
		*owner = sqlite3_column_int(q, 2) != 0;
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "looking up a film");
}

/*
 * Films of other sources this one could be: by TMDB id, then IMDb id, then
 * folded title with a release within seven days. Appends "title (date,
 * key)" of each to *names; *count of them, the first in *id.
 */
static int match_film(struct store *st, const struct film_record *f, char *const folded[2],
		      sqlite3_int64 *id, int *count, const char **how, struct buf *names)
{
	static const char *const sql[] = {
		"SELECT id, title, release_date, key FROM films WHERE ?1 > 0 AND tmdb_id = ?1"
		" AND id NOT IN (SELECT film_id FROM film_sources WHERE source = ?2) ORDER BY id",
		"SELECT id, title, release_date, key FROM films WHERE ?1 IS NOT NULL AND imdb_id = ?1"
		" AND id NOT IN (SELECT film_id FROM film_sources WHERE source = ?2) ORDER BY id",
		"SELECT id, title, release_date, key FROM films"
		" WHERE (match_title IN (?1, ?3) OR match_original IN (?1, ?3))"
		" AND abs(julianday(release_date) - julianday(?4)) <= 7"
		" AND id NOT IN (SELECT film_id FROM film_sources WHERE source = ?2) ORDER BY id",
	};
	static const char *const hows[] = { "TMDB id", "IMDb id", "title and release date" };
	char release[11];
	date_format(f->release, release);
	*count = 0;
	for (int k = 0; k < 3 && *count == 0; k++) {
		sqlite3_stmt *q = store_stmt(st, sql[k]);
		if (!q)
			return -1;
		if (k == 0)
			sqlite3_bind_int64(q, 1, f->tmdb_id);
		else if (k == 1)
			bind_text_or_null(q, 1, f->imdb_id);
		else
			sqlite3_bind_text(q, 1, folded[0], -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, f->source, -1, SQLITE_STATIC);
		if (k == 2) {
			bind_text_or_null(q, 3, folded[1] ? folded[1] : folded[0]);
			sqlite3_bind_text(q, 4, release, -1, SQLITE_TRANSIENT);
		}
		int rc;
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			if ((*count)++ == 0)
				*id = sqlite3_column_int64(q, 0);
			buf_printf(names, "%s\"%s\" (%s, %s)", names->len ? ", " : "",
				   (const char *)sqlite3_column_text(q, 1),
				   (const char *)sqlite3_column_text(q, 2),
				   (const char *)sqlite3_column_text(q, 3));
		}
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			return store_fail(st, "matching a film");
		*how = hows[k];
		/* one TMDB or IMDb id is one film, even if a mistake gave it twice */
		if (k < 2 && *count > 1)
			*count = 1;
	}
	return 0;
}

static int source_put(struct store *st, const struct film_record *f, const char *source_key,
		      sqlite3_int64 id, int64_t hash)
{
	sqlite3_stmt *q = store_stmt(st, "INSERT OR REPLACE INTO film_sources(source, source_id,"
					 " film_id, row_hash) VALUES (?, ?, ?, ?)");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, f->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, source_key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, id);
	sqlite3_bind_int64(q, 4, hash);
	return store_step_done(st, q, "recording a film's source");
}

/* ---- bounds ---- */

const char *store_outcome_implausible(const char *metric, double value)
{
	if (!isfinite(value) || value < 0)
		return "not a number of 0 or more";
	if (strstr(metric, "admissions") && value > 1e9)
		return "more than a billion admissions: no film has sold that many tickets (the "
		       "most, over a whole career, are a few hundred million)";
	if (value > 1e12)
		return "more than 10^12: no film has made that much in any currency (the highest "
		       "grosses are a few billion dollars)";
	return NULL;
}

const char *store_budget_implausible(double usd)
{
	if (usd > 1e10)
		return "more than 10 billion dollars: no film has cost that much (the dearest "
		       "cost well under one billion)";
	return NULL;
}

/* Why a film cannot be stored (owned by the caller), or NULL. */
static char *film_refusal(const struct film_record *f)
{
	size_t len = strlen(f->title);
	if (len > STORE_TITLE_MAX)
		return xasprintf("the title is %zu bytes long; a title has at most %d", len,
				 STORE_TITLE_MAX);
	for (size_t i = 0; i < f->n_outcomes; i++) {
		const char *why = store_outcome_implausible(f->outcomes[i].metric, f->outcomes[i].value);
		if (why)
			return xasprintf("%s %g: %s", f->outcomes[i].metric, f->outcomes[i].value, why);
	}
	const char *why = store_budget_implausible(f->budget_usd);
	return why ? xasprintf("budget %g: %s", f->budget_usd, why) : NULL;
}

int store_film_put(struct store *st, const struct film_record *f, const char *where,
		   enum store_change *change, char **detail)
{
	*detail = film_refusal(f);
	if (*detail) {
		*change = STORE_REFUSED;
		return 0;
	}
	char release[11];
	date_format(f->release, release);
	/* a source's own name for the film: its id, or else title and date */
	char *source_key = f->source_id ? xstrdup(f->source_id) : xasprintf("%s|%s", f->title, release);
	char *key = f->source_id ? xasprintf("%s:%s", f->source, f->source_id)
				 : xasprintf("%s|%s", f->title, release);
	char *folded[2] = { textfold_copy(f->title),
			    f->original_title ? textfold_copy(f->original_title) : NULL };
	struct buf names = BUF_INIT;
	int64_t hash = film_hash(f);
	int rc = -1;
	*detail = NULL;

	int seen = seen_before(st, key, where, detail);
	if (seen != 0) {
		*change = STORE_DUPLICATE;
		rc = seen < 0 ? -1 : 0;
		goto out;
	}
	sqlite3_int64 id;
	int64_t old_hash = 0;
	bool owner = true;
	if (source_film(st, f->source, source_key, &id, &old_hash, &owner) != 0)
		goto out;
	if (id && old_hash == hash) {
		*change = STORE_UNCHANGED;
		rc = 0;
		goto out;
	}
	if (id) {
		*change = STORE_UPDATED;
	} else {
		int count;
		const char *how = "";
		if (match_film(st, f, folded, &id, &count, &how, &names) != 0)
			goto out;
		if (count > 1) {
			*change = STORE_AMBIGUOUS;
			*detail = buf_detach(&names);
			rc = 0;
			goto out;
		}
		if (count == 1) {
			*change = STORE_MATCHED;
			*detail = xasprintf("%s, by %s", buf_str(&names), how);
			owner = false;
		} else {
			if (film_insert(st, f, key, folded, &id) != 0)
				goto out;
			*change = STORE_INSERTED;
		}
	}
	if ((*change != STORE_INSERTED && film_update(st, id, f, folded, owner) != 0) ||
	    put_lists(st, id, f, owner) != 0 || put_outcomes(st, id, f) != 0 ||
	    source_put(st, f, source_key, id, hash) != 0)
		goto out;
	rc = 0;
out:
	buf_free(&names);
	free(folded[0]);
	free(folded[1]);
	free(key);
	free(source_key);
	return rc;
}
