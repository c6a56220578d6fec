/* Opening, migrating and transactions of the two stores; statement cache. */
#include "predictor/store/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/fault.h"
#include "common/fileio.h"
#include "common/msg.h"
#include "common/text/slug.h"
#include "common/text/textfold.h"
#include "common/xalloc.h"

/*
 * Each migration takes a schema from version i to i+1. Append, never edit:
 * a store on disk records how far it has come in PRAGMA user_version.
 */
static const char *const analytics_migrations[] = {
	/* 1: films and what is known about them before release, and outcomes. */
	"CREATE TABLE films ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"       /* 'SOURCE:ID' or 'title|YYYY-MM-DD' */
	"  source TEXT NOT NULL,"
	"  source_id TEXT,"
	"  title TEXT NOT NULL CHECK (title <> ''),"
	"  release_date TEXT NOT NULL,"     /* local release, YYYY-MM-DD */
	"  release_us TEXT,"
	"  runtime_min INTEGER CHECK (runtime_min > 0),"
	"  budget_usd REAL CHECK (budget_usd >= 0),"
	"  certification TEXT,"
	"  original_language TEXT,"
	"  collection TEXT,"
	"  tmdb_id INTEGER,"
	"  overview TEXT,"
	"  poster_path TEXT,"
	"  row_hash INTEGER NOT NULL"       /* detects re-imports that change nothing */
	");"
	"CREATE INDEX films_release ON films(release_date);"
	"CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	"  tmdb_id INTEGER UNIQUE, popularity REAL);"
	"CREATE TABLE credits ("
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  person_id INTEGER NOT NULL REFERENCES people(id),"
	"  role TEXT NOT NULL CHECK (role IN ('director', 'cast')),"
	"  ord INTEGER NOT NULL,"
	"  PRIMARY KEY (film_id, role, ord));"
	"CREATE INDEX credits_person ON credits(person_id);"
	"CREATE TABLE genres (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE film_genres ("
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  genre_id INTEGER NOT NULL REFERENCES genres(id),"
	"  ord INTEGER NOT NULL, PRIMARY KEY (film_id, genre_id));"
	"CREATE TABLE countries (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE film_countries ("
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  country_id INTEGER NOT NULL REFERENCES countries(id),"
	"  ord INTEGER NOT NULL, PRIMARY KEY (film_id, country_id));"
	"CREATE TABLE languages (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE film_languages ("
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  language_id INTEGER NOT NULL REFERENCES languages(id),"
	"  ord INTEGER NOT NULL, PRIMARY KEY (film_id, language_id));"
	"CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE film_companies ("
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  company_id INTEGER NOT NULL REFERENCES companies(id),"
	"  role TEXT NOT NULL CHECK (role IN ('distributor', 'production')),"
	"  ord INTEGER NOT NULL, PRIMARY KEY (film_id, role, ord));"
	"CREATE TABLE outcomes ("
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  metric TEXT NOT NULL,"           /* 'first_week_admissions', 'us_gross'... */
	"  source TEXT NOT NULL,"
	"  value REAL NOT NULL CHECK (value >= 0),"
	"  PRIMARY KEY (film_id, metric, source));"
	"CREATE INDEX outcomes_metric ON outcomes(metric);"
	/* Buzz as fetched before release, with the day it was fetched. */
	"CREATE TABLE buzz ("
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  fetched_on TEXT NOT NULL, popularity REAL, vote_count INTEGER,"
	"  PRIMARY KEY (film_id, fetched_on));"
	/* Raw API responses, so a scrape can resume and be replayed. */
	"CREATE TABLE http_cache (url TEXT PRIMARY KEY, status INTEGER NOT NULL,"
	"  fetched_at TEXT NOT NULL, body BLOB NOT NULL);"
	/* The model registry. */
	"CREATE TABLE models ("
	"  id INTEGER PRIMARY KEY,"
	"  created_at TEXT NOT NULL,"
	"  metric TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('current', 'retired', 'rejected')),"
	"  reason TEXT,"
	"  rows INTEGER NOT NULL,"
	"  data_hash TEXT NOT NULL,"
	"  meta TEXT NOT NULL,"             /* JSON: features, scaling, parameters, metrics */
	"  model TEXT NOT NULL);"           /* libsvm's model file */
	"CREATE TABLE backtests ("
	"  id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, metric TEXT NOT NULL,"
	"  from_date TEXT NOT NULL, to_date TEXT NOT NULL, summary TEXT NOT NULL);"
	"CREATE TABLE backtest_films ("
	"  backtest_id INTEGER NOT NULL REFERENCES backtests(id) ON DELETE CASCADE,"
	"  week_start TEXT NOT NULL,"
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  predicted REAL NOT NULL, lower REAL NOT NULL, upper REAL NOT NULL,"
	"  actual REAL, picked INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (backtest_id, film_id));",
	/* 2: the predictions of `marquee predict`, for the weekly selection. */
	"CREATE TABLE predictions ("
	"  model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,"
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  week TEXT NOT NULL,"               /* 'YYYY-Www' asked for */
	"  predicted REAL NOT NULL, lower REAL NOT NULL, upper REAL NOT NULL,"
	"  explanation TEXT NOT NULL,"        /* JSON array of sentences */
	"  created_at TEXT NOT NULL,"
	"  PRIMARY KEY (model_id, film_id));"
	"CREATE INDEX predictions_week ON predictions(week);",
	/* 3: the year a film was made, which tells a re-release. */
	"ALTER TABLE films ADD COLUMN production_year INTEGER"
	"  CHECK (production_year BETWEEN 1870 AND 2100);",
	/* 4: one film whatever the source. Every source's id for a film (and
	 * the fingerprint of what it gave); what TMDB adds; folded titles and
	 * names to match on; people no longer unique by name (two people may
	 * share one), with their popularity as fetched day by day. */
	"CREATE TABLE film_sources ("
	"  source TEXT NOT NULL, source_id TEXT NOT NULL,"
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  row_hash INTEGER NOT NULL,"
	"  PRIMARY KEY (source, source_id));"
	"CREATE INDEX film_sources_film ON film_sources(film_id);"
	"INSERT INTO film_sources(source, source_id, film_id, row_hash)"
	"  SELECT source, coalesce(source_id, title || '|' || release_date), id, row_hash FROM films;"
	"ALTER TABLE films ADD COLUMN imdb_id TEXT;"
	"ALTER TABLE films ADD COLUMN original_title TEXT;"
	"ALTER TABLE films ADD COLUMN first_release TEXT;"   /* the first release anywhere */
	"ALTER TABLE films ADD COLUMN tmdb_fetched_at TEXT;" /* when TMDB's facts were fetched */
	"ALTER TABLE films ADD COLUMN match_title TEXT;"
	"ALTER TABLE films ADD COLUMN match_original TEXT;"
	"UPDATE films SET match_title = marquee_fold(title);"
	"CREATE INDEX films_tmdb ON films(tmdb_id);"
	"CREATE INDEX films_imdb ON films(imdb_id);"
	"CREATE INDEX films_match ON films(match_title);"
	"CREATE INDEX films_match_original ON films(match_original);"
	"CREATE TABLE keywords (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE film_keywords ("
	"  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,"
	"  keyword_id INTEGER NOT NULL REFERENCES keywords(id),"
	"  ord INTEGER NOT NULL, PRIMARY KEY (film_id, keyword_id));"
	"CREATE TABLE people_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, match_name TEXT,"
	"  tmdb_id INTEGER UNIQUE, birthday TEXT, fetched_at TEXT);"
	"INSERT INTO people_new(id, name, match_name, tmdb_id)"
	"  SELECT id, name, marquee_fold(name), tmdb_id FROM people;"
	"CREATE TABLE person_popularity ("
	"  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
	"  fetched_on TEXT NOT NULL, popularity REAL NOT NULL,"
	"  PRIMARY KEY (person_id, fetched_on));"
	"DROP TABLE people;"
	"ALTER TABLE people_new RENAME TO people;"
	"CREATE INDEX people_match ON people(match_name);"
	/* the scrape's cache: validators and a time to live */
	"ALTER TABLE http_cache ADD COLUMN etag TEXT;"
	"ALTER TABLE http_cache ADD COLUMN last_modified TEXT;"
	"ALTER TABLE http_cache ADD COLUMN expires_at TEXT;",
	/* 5: a film's slug, given once when it is first stored and unique, so
	 * that two films never share a page (two titles in another script were
	 * both "untitled-2024"; "Twin" and "Twin!" both "twin-2024"). Films
	 * stored before get theirs in the order they were stored: the first
	 * keeps the plain slug, the next ones a number. Every base slug ends in
	 * its four-digit year, so "twin-2024-2" is no other film's base. */
	"ALTER TABLE films ADD COLUMN slug TEXT;"
	"UPDATE films SET slug = numbered.slug FROM ("
	"  SELECT id, base || CASE WHEN n > 1 THEN '-' || n ELSE '' END AS slug FROM ("
	"    SELECT id, base, row_number() OVER (PARTITION BY base ORDER BY id) AS n FROM ("
	"      SELECT id, marquee_slug(title, original_title, release_date, key) AS base"
	"      FROM films))) AS numbered"
	"  WHERE films.id = numbered.id;"
	"CREATE UNIQUE INDEX films_slug ON films(slug);",
};

static const char *const cinema_migrations[] = {
	/* 1: the cinema's records. Films are copied by key, slug and title,
	 * since analytics.db can be rebuilt and its ids may change. */
	"CREATE TABLE cinema.weeks ("
	"  week TEXT NOT NULL,"             /* 'YYYY-Www' */
	"  version INTEGER NOT NULL,"       /* 1, then 2... when republished with --replace */
	"  published_at TEXT NOT NULL,"
	"  current INTEGER NOT NULL CHECK (current IN (0, 1)),"
	"  week_start TEXT NOT NULL,"       /* first day of the programme */
	"  metric TEXT NOT NULL,"
	"  model_id INTEGER,"
	"  share REAL NOT NULL,"            /* share of national admissions used */
	"  replay INTEGER NOT NULL DEFAULT 0,"  /* a replay of past data, not a live week */
	"  details TEXT NOT NULL,"          /* JSON of the week exactly as published */
	"  PRIMARY KEY (week, version));"
	"CREATE UNIQUE INDEX cinema.weeks_current ON weeks(week) WHERE current = 1;"
	"CREATE TABLE cinema.candidates ("
	"  week TEXT NOT NULL, version INTEGER NOT NULL,"
	"  film_key TEXT NOT NULL, slug TEXT NOT NULL, title TEXT NOT NULL,"
	"  release_date TEXT NOT NULL,"
	"  predicted REAL NOT NULL, lower REAL NOT NULL, upper REAL NOT NULL,"  /* metric units */
	"  national REAL NOT NULL,"         /* predicted national admissions */
	"  rank INTEGER NOT NULL,"
	"  PRIMARY KEY (week, version, film_key),"
	"  FOREIGN KEY (week, version) REFERENCES weeks(week, version));"
	"CREATE TABLE cinema.picks ("
	"  week TEXT NOT NULL, version INTEGER NOT NULL,"
	"  screen TEXT NOT NULL, seats INTEGER NOT NULL, capacity REAL NOT NULL,"
	"  film_key TEXT NOT NULL,"
	"  expected_attendance REAL NOT NULL, expected_revenue REAL NOT NULL,"
	"  PRIMARY KEY (week, version, screen),"
	"  FOREIGN KEY (week, version) REFERENCES weeks(week, version));"
	"CREATE TABLE cinema.actuals ("
	"  week TEXT NOT NULL, film_key TEXT NOT NULL,"
	"  admissions INTEGER NOT NULL CHECK (admissions >= 0),"
	"  revenue REAL CHECK (revenue >= 0),"
	"  recorded_at TEXT NOT NULL, source TEXT NOT NULL,"
	"  PRIMARY KEY (week, film_key));"
	"CREATE TABLE cinema.overrides ("
	"  week TEXT NOT NULL, film_key TEXT NOT NULL,"
	"  action TEXT NOT NULL CHECK (action IN ('pin', 'exclude')),"
	"  note TEXT, created_at TEXT NOT NULL,"
	"  PRIMARY KEY (week, film_key));",
	/* 2: films found by the slug and key they were published with, when a
	 * film is first stored (its slug is then its published one, and never
	 * one another film was published with). */
	"CREATE INDEX cinema.candidates_slug ON candidates(slug);"
	"CREATE INDEX cinema.candidates_film ON candidates(film_key);",
};

/* How long a writer waits for another to finish before it gives up. */
#define STORE_BUSY_MS 5000

#define N_ANALYTICS (int)(sizeof analytics_migrations / sizeof *analytics_migrations)
#define N_CINEMA (int)(sizeof cinema_migrations / sizeof *cinema_migrations)

int store_analytics_version(void)
{
	return N_ANALYTICS;
}

int store_cinema_version(void)
{
	return N_CINEMA;
}

/* SQLite's message, with the system's when it has one: "disk I/O error"
 * says little when the disk is full. */
static void report(sqlite3 *db, const char *what)
{
	int err = db ? sqlite3_system_errno(db) : 0;
	const char *text = db ? sqlite3_errmsg(db) : "cannot open";
	if (err && (sqlite3_extended_errcode(db) & 0xff) == SQLITE_IOERR)
		msg_error("%s: %s (%s)", what, text, strerror(err));
	else
		msg_error("%s: %s", what, text);
}

int store_fail(struct store *st, const char *what)
{
	report(st->db, what);
	return -1;
}

static int exec(struct store *st, const char *sql, const char *what)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, what);
	return 0;
}

/*
 * Sets a schema's journal to WAL. Two marquee commands started together on
 * new stores both ask for it, and SQLite answers "database is locked" to
 * one of them at once, without its busy handler: try again for 5 s.
 */
static int set_wal(struct store *st, const char *schema, const char *file)
{
	char *sql = xasprintf("PRAGMA %s.journal_mode = WAL", schema);
	int rc = SQLITE_BUSY;
	for (int tries = 0; tries < 100 && (rc & 0xff) == SQLITE_BUSY; tries++) {
		if (tries)
			sqlite3_sleep(50);
		rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	}
	free(sql);
	if (rc != SQLITE_OK)
		return store_fail(st, file);
	return 0;
}

/* PRAGMA schema.user_version; SQLite's result code, unreported. */
static int read_version(struct store *st, const char *schema, int *version)
{
	char *sql = xasprintf("PRAGMA %s.user_version", schema);
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(stmt, 0);
		rc = SQLITE_OK;
	} else {
		rc = sqlite3_errcode(st->db);
	}
	sqlite3_finalize(stmt);
	return rc;
}

static int user_version(struct store *st, const char *schema, int *version)
{
	char *sql = xasprintf("PRAGMA %s.user_version", schema);
	sqlite3_stmt *stmt;
	int rc = -1;
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		store_fail(st, "reading the schema version");
		goto out;
	}
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*version = sqlite3_column_int(stmt, 0);
		rc = 0;
	} else {
		store_fail(st, "reading the schema version");
	}
	sqlite3_finalize(stmt);
out:
	free(sql);
	return rc;
}

/* 0 when no row of schema breaks a foreign key, else -1 after reporting one. */
static int foreign_keys_hold(struct store *st, const char *schema, const char *file)
{
	char *sql = xasprintf("PRAGMA %s.foreign_key_check", schema);
	sqlite3_stmt *stmt;
	int rc = -1;
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		store_fail(st, file);
		goto out;
	}
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		msg_error("%s: a row of %s refers to a missing row of %s", file,
			  (const char *)sqlite3_column_text(stmt, 0),
			  (const char *)sqlite3_column_text(stmt, 2));
	else if (step == SQLITE_DONE)
		rc = 0;
	else
		store_fail(st, file);
	sqlite3_finalize(stmt);
out:
	free(sql);
	return rc;
}

/* Brings one schema up to date, each step in its own transaction. */
static int migrate(struct store *st, const char *schema, const char *file,
		   const char *const *migrations, int count)
{
	int version;
	if (user_version(st, schema, &version) != 0)
		return -1;
	if (version > count) {
		msg_error("%s: schema version %d is newer than this marquee knows (%d); "
			  "upgrade marquee", file, version, count);
		return -1;
	}
	/* A migration may rebuild a table that others refer to (SQLite's way to
	 * change a column): foreign keys are checked once, before its commit. */
	if (version < count && exec(st, "PRAGMA foreign_keys = OFF", file) != 0)
		return -1;
	for (int v = version; v < count; v++) {
		if (exec(st, "BEGIN IMMEDIATE", file) != 0)
			return -1;
		/* another marquee may have migrated while this one waited for the lock */
		int now;
		if (user_version(st, schema, &now) != 0) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		if (now > v) {
			if (exec(st, "COMMIT", file) != 0)
				return -1;
			v = now - 1;
			continue;
		}
		char *bump = xasprintf("PRAGMA %s.user_version = %d", schema, v + 1);
		int rc = exec(st, migrations[v], file);
		if (rc == 0)
			rc = foreign_keys_hold(st, schema, file);
		if (rc == 0)
			rc = exec(st, bump, file);
		free(bump);
		if (rc == 0)
			rc = exec(st, "COMMIT", file);
		if (rc != 0) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			msg_error("%s: migration to schema version %d failed", file, v + 1);
			return -1;
		}
		msg_verbose("%s: migrated to schema version %d", file, v + 1);
	}
	return exec(st, "PRAGMA foreign_keys = ON", file);
}

/* marquee_fold(text): the folded text that matching compares (textfold.h). */
static void fold_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *text = sqlite3_value_text(argv[0]);
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	char *folded = textfold_copy((const char *)text);
	sqlite3_result_text(ctx, folded, -1, free);
}

/* marquee_slug(title, original_title, release_date, key): a film's base slug (slug.h). */
static void slug_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *title = (const char *)sqlite3_value_text(argv[0]);
	const char *original = (const char *)sqlite3_value_text(argv[1]);
	const char *release = (const char *)sqlite3_value_text(argv[2]);
	const char *key = (const char *)sqlite3_value_text(argv[3]);
	long day;
	int y = 0, m, d;
	if (release && date_parse(release, &day) == 0)
		date_to_ymd(day, &y, &m, &d);
	char *slug = slug_film(title ? title : "", original, y, key ? key : "");
	sqlite3_result_text(ctx, slug, -1, free);
}

struct store *store_open(const char *dir)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->dir = xstrdup(dir);
	st->writer_fd = -1;
	char *analytics = xasprintf("%s/analytics.db", dir);
	char *cinema = xasprintf("%s/cinema.db", dir);
	char *attach = NULL;
	bool ok = false;

	if (file_mkdirs(dir) != 0)
		goto out;
	/* SQLite would say "unable to open database file", or open it to fail at
	 * the first write: say what is wrong, before anything is done */
	const char *files[3] = { dir, analytics, cinema };
	for (int i = 0; i < 3; i++)
		if (access(files[i], W_OK) != 0 && errno != ENOENT) {
			msg_error("%s: cannot be written (%s), and this command writes to the stores",
				  files[i], strerror(errno));
			goto out;
		}
	if (sqlite3_open_v2(analytics, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		report(st->db, analytics);
		goto out;
	}
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(st->db, 1);
	char *quoted = sqlite3_mprintf("%Q", cinema);
	attach = xasprintf("ATTACH DATABASE %s AS cinema", quoted);
	sqlite3_free(quoted);
	if (sqlite3_create_function(st->db, "marquee_fold", 1,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, fold_sql,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "marquee_slug", 4,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, slug_sql,
				    NULL, NULL) != SQLITE_OK) {
		store_fail(st, analytics);
		goto out;
	}
	if (exec(st, "PRAGMA foreign_keys = ON", analytics) != 0 ||
	    set_wal(st, "main", analytics) != 0 ||
	    exec(st, attach, cinema) != 0 ||
	    set_wal(st, "cinema", cinema) != 0 ||
	    exec(st, "PRAGMA main.synchronous = NORMAL; PRAGMA cinema.synchronous = FULL",
		 analytics) != 0)
		goto out;
	if (migrate(st, "main", analytics, analytics_migrations, N_ANALYTICS) != 0 ||
	    migrate(st, "cinema", cinema, cinema_migrations, N_CINEMA) != 0)
		goto out;
	ok = true;
out:
	free(attach);
	free(analytics);
	free(cinema);
	if (!ok) {
		store_close(st);
		return NULL;
	}
	return st;
}

/* A URI for a store file, read-only (immutable: never changed by anyone). */
static char *read_only_uri(const char *path, bool immutable)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	buf_puts(&b, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
	return buf_detach(&b);
}

/*
 * Opens both files for reading. The first read of a store in WAL mode
 * needs its -shm file, which SQLite makes beside it: a folder that cannot
 * be written, holding stores closed cleanly (so without -wal or -shm), is
 * then opened immutable: nobody writes there, or the files would be.
 * *versions gets both schema versions. 0, or -1 after reporting.
 */
static int open_read_only(struct store *st, const char *analytics, const char *cinema,
			  int versions[2])
{
	bool immutable = false;
	for (;;) {
		char *a = read_only_uri(analytics, immutable), *c = read_only_uri(cinema, immutable);
		char *quoted = sqlite3_mprintf("%Q", c);
		char *attach = xasprintf("ATTACH DATABASE %s AS cinema", quoted);
		sqlite3_free(quoted);
		int rc = sqlite3_open_v2(a, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
			sqlite3_extended_result_codes(st->db, 1);
			rc = sqlite3_exec(st->db, attach, NULL, NULL, NULL);
		}
		if (rc == SQLITE_OK)
			rc = read_version(st, "main", &versions[0]);
		if (rc == SQLITE_OK)
			rc = read_version(st, "cinema", &versions[1]);
		free(attach);
		free(a);
		free(c);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) == SQLITE_CANTOPEN && !immutable && access(st->dir, W_OK) != 0) {
			sqlite3_close(st->db);
			st->db = NULL;
			immutable = true;
			continue;
		}
		report(st->db, st->dir);
		return -1;
	}
}

struct store *store_open_read_only(const char *dir)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->dir = xstrdup(dir);
	st->read_only = true;
	st->writer_fd = -1;
	char *analytics = xasprintf("%s/analytics.db", dir);
	char *cinema = xasprintf("%s/cinema.db", dir);
	const int want[2] = { N_ANALYTICS, N_CINEMA };
	const char *files[2] = { analytics, cinema };
	int versions[2];
	bool ok = false;

	for (int i = 0; i < 2; i++) {
		if (file_exists(files[i]))
			continue;
		/* A new project has no store yet, and a command that only looks
		 * (content with nothing published) finds them empty, as it did
		 * when it opened them to write: they are made where they can be. */
		if (access(dir, W_OK) != 0 && errno != ENOENT) {
			msg_error("%s: no store here yet ('marquee import' makes it)", files[i]);
			goto out;
		}
		struct store *made = store_open(dir);
		if (!made)
			goto out; /* store_open said why */
		store_close(made);
		break;
	}
	if (open_read_only(st, analytics, cinema, versions) != 0)
		goto out;
	for (int i = 0; i < 2; i++) {
		if (versions[i] > want[i]) {
			msg_error("%s: schema version %d is newer than this marquee knows (%d); "
				  "upgrade marquee", files[i], versions[i], want[i]);
			goto out;
		}
	}
	if (versions[0] < want[0] || versions[1] < want[1]) {
		/* older stores are brought up to date where they can be written */
		if (access(dir, W_OK) != 0 || access(analytics, W_OK) != 0 ||
		    access(cinema, W_OK) != 0) {
			int i = versions[0] < want[0] ? 0 : 1;
			msg_error("%s: schema version %d is older than this marquee's (%d), and the "
				  "store cannot be written here to bring it up to date: run marquee "
				  "once where it can write it", files[i], versions[i], want[i]);
			goto out;
		}
		sqlite3_close(st->db);
		st->db = NULL;
		store_close(store_open(dir));
		if (open_read_only(st, analytics, cinema, versions) != 0)
			goto out;
		if (versions[0] != want[0] || versions[1] != want[1])
			goto out; /* the migration said why */
	}
	if (sqlite3_create_function(st->db, "marquee_fold", 1,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, fold_sql,
				    NULL, NULL) != SQLITE_OK) {
		store_fail(st, analytics);
		goto out;
	}
	ok = true;
out:
	free(analytics);
	free(cinema);
	if (!ok) {
		store_close(st);
		return NULL;
	}
	return st;
}

/* The folder of the stores as the configuration names it (data_dir, default "data"). */
static const char *config_dir(const struct config *cfg)
{
	const char *dir;
	return config_string(cfg, "data_dir", "data", &dir) == 0 ? dir : NULL;
}

struct store *store_open_config(const struct config *cfg)
{
	const char *dir = config_dir(cfg);
	return dir ? store_open(dir) : NULL;
}

struct store *store_open_config_read_only(const struct config *cfg)
{
	const char *dir = config_dir(cfg);
	return dir ? store_open_read_only(dir) : NULL;
}

bool store_read_only(const struct store *st)
{
	return st->read_only;
}

const char *store_dir(const struct store *st)
{
	return st->dir;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (st->in_transaction)
		store_rollback(st);
	for (size_t i = 0; i < st->n_cache; i++)
		sqlite3_finalize(st->cache[i]);
	free(st->cache);
	free(st->cache_sql);
	sqlite3_close(st->db);
	free(st->dir);
	free(st);
}

/* ---- who writes ---- */

/*
 * Notes this process as the writer of the stores in DIR/.store.lock, under
 * a flock it holds while it writes, so that one kept waiting can say who
 * it waits for. Best effort: the lock that counts is SQLite's.
 */
static void note_writer(struct store *st)
{
	char *path = xasprintf("%s/.store.lock", st->dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	free(path);
	if (fd < 0)
		return;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return;
	}
	char now[21], text[160];
	date_now_iso(now);
	const char *command = msg_command();
	int len = snprintf(text, sizeof text, "process %ld (marquee%s%s), since %s", (long)getpid(),
			   command ? " " : "", command ? command : "", now);
	if (ftruncate(fd, 0) != 0 || pwrite(fd, text, (size_t)len, 0) != len)
		msg_verbose("%s/.store.lock: %s", st->dir, strerror(errno));
	st->writer_fd = fd;
}

static void forget_writer(struct store *st)
{
	if (st->writer_fd < 0)
		return;
	close(st->writer_fd); /* releases the flock */
	st->writer_fd = -1;
}

/* Whether another connection holds the write lock of file now. */
static bool write_locked(const char *file)
{
	sqlite3 *db;
	bool locked = false;
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		locked = (rc & 0xff) == SQLITE_BUSY;
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_close(db);
	return locked;
}

/* The store a writer waited for in vain, and who holds it, when that can be known. */
static void report_locked(struct store *st)
{
	char *files[2] = { xasprintf("%s/analytics.db", st->dir), xasprintf("%s/cinema.db", st->dir) };
	bool locked[2] = { write_locked(files[0]), write_locked(files[1]) };
	char holder[160] = "";
	char *path = xasprintf("%s/.store.lock", st->dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd >= 0) {
		if (flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
			ssize_t n = pread(fd, holder, sizeof holder - 1, 0);
			holder[n > 0 ? n : 0] = '\0';
		}
		close(fd);
	}
	const char *who = *holder ? holder : "a program other than marquee (an sqlite3 shell? a copy?)";
	if (locked[0] && locked[1])
		msg_error("%s and %s are locked: %s is writing to them; marquee waited %d s: try again "
			  "once it is done", files[0], files[1], who, STORE_BUSY_MS / 1000);
	else if (locked[0] || locked[1])
		msg_error("%s is locked: %s is writing to it; marquee waited %d s: try again once it "
			  "is done", files[locked[0] ? 0 : 1], who, STORE_BUSY_MS / 1000);
	else
		msg_error("%s/: the stores were locked by another process for %d s (%s); try again",
			  st->dir, STORE_BUSY_MS / 1000, *holder ? holder : "now released");
	free(files[0]);
	free(files[1]);
}

int store_begin(struct store *st)
{
	/* a reader takes no lock: its transaction keeps one view of both stores */
	if (st->read_only) {
		if (exec(st, "BEGIN", "starting a transaction") != 0)
			return -1;
		st->in_transaction = true;
		return 0;
	}
	int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if ((rc & 0xff) == SQLITE_BUSY) {
		report_locked(st);
		return -1;
	}
	if (rc != SQLITE_OK)
		return store_fail(st, "starting a transaction");
	note_writer(st);
	st->in_transaction = true;
	st->seen_table = false;
	return 0;
}

int store_commit(struct store *st)
{
	if (fault_hit("commit")) {
		msg_error("committing: injected fault (MARQUEE_FAULT)");
		store_rollback(st);
		return -1;
	}
	if (exec(st, "COMMIT", "committing") != 0) {
		store_rollback(st);
		return -1;
	}
	st->in_transaction = false;
	forget_writer(st);
	return 0;
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_transaction = false;
	forget_writer(st);
}

sqlite3_stmt *store_stmt(struct store *st, const char *sql)
{
	for (size_t i = 0; i < st->n_cache; i++) {
		if (st->cache_sql[i] == sql) {
			sqlite3_reset(st->cache[i]);
			sqlite3_clear_bindings(st->cache[i]);
			return st->cache[i];
		}
	}
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		store_fail(st, "preparing a query");
		return NULL;
	}
	size_t cap = st->cap_cache;
	st->cache = xgrow(st->cache, &st->cap_cache, st->n_cache + 1, sizeof *st->cache);
	st->cache_sql = xgrow(st->cache_sql, &cap, st->n_cache + 1, sizeof *st->cache_sql);
	st->cache[st->n_cache] = stmt;
	st->cache_sql[st->n_cache] = sql;
	st->n_cache++;
	return stmt;
}

int store_step_done(struct store *st, sqlite3_stmt *stmt, const char *what)
{
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(st, what);
	sqlite3_reset(stmt);
	return 0;
}

void store_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text)
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, index);
}
