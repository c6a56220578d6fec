/*
 * The TMDB mapping: URLs, credentials, and the parsers on genuine captures
 * (read from ../shared/fixtures/tmdb, skipped when absent) and on hand-made
 * bodies, hostile ones included. Every message is captured and checked.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/fileio.h"
#include "common/xalloc.h"
#include "harness.h"
#include "predictor/sources/tmdb.h"

/* ---- helpers ---- */

static int saved_stderr = -1;
static FILE *captured;

/* Sends stderr to a temporary file until capture_end. */
static void capture_begin(void)
{
	fflush(stderr);
	captured = tmpfile();
	saved_stderr = dup(2);
	dup2(fileno(captured), 2);
}

/* What was written to stderr since capture_begin (owned). */
static char *capture_end(void)
{
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	struct buf text = BUF_INIT;
	char chunk[4096];
	size_t n;
	rewind(captured);
	while ((n = fread(chunk, 1, sizeof chunk, captured)) > 0)
		buf_append(&text, chunk, n);
	fclose(captured);
	return buf_detach(&text);
}

#define HAS(text, part, what)                                                                      \
	OK(strstr((text), (part)) != NULL, "%s: \"%s\" not in: %s", what, part, text)
#define QUIET(text, what) OK((text)[0] == '\0', "%s: unexpected message: %s", what, text)

/* The test's JSON, written with ' for " (owned). */
static char *json_of(const char *quoted)
{
	char *s = xstrdup(quoted);
	for (char *p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	return s;
}

/* Both strings, and equal. */
static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static long day(const char *ymd)
{
	long d = TMDB_NO_DATE;
	date_parse(ymd, &d);
	return d;
}

/* Parses a movie from body, messages into *said (owned); NULL when rejected. */
static struct tmdb_movie *movie_from(const char *body, size_t len, const char *region, char **said)
{
	struct tmdb_movie *m = (struct tmdb_movie *)1;
	capture_begin();
	int rc = tmdb_movie_parse(body, len, "test", region, &m);
	*said = capture_end();
	OK((rc == 0) == (m != NULL), "rc %d goes with *out", rc);
	return m;
}

static struct tmdb_movie *movie_json(const char *quoted, const char *region, char **said)
{
	char *body = json_of(quoted);
	struct tmdb_movie *m = movie_from(body, strlen(body), region, said);
	free(body);
	return m;
}

static struct tmdb_page *page_from(const char *body, size_t len, char **said)
{
	struct tmdb_page *p;
	capture_begin();
	int rc = tmdb_page_parse(body, len, "test", &p);
	*said = capture_end();
	OK((rc == 0) == (p != NULL), "rc %d goes with *out", rc);
	return p;
}

static struct tmdb_person *person_json(const char *quoted, char **said)
{
	char *body = json_of(quoted);
	struct tmdb_person *p;
	capture_begin();
	int rc = tmdb_person_parse(body, strlen(body), "test", &p);
	*said = capture_end();
	OK((rc == 0) == (p != NULL), "rc %d goes with *out", rc);
	free(body);
	return p;
}

static struct tmdb_images *images_json(const char *quoted, char **said)
{
	char *body = json_of(quoted);
	struct tmdb_images *img;
	capture_begin();
	int rc = tmdb_images_parse(body, strlen(body), "test", &img);
	*said = capture_end();
	OK((rc == 0) == (img != NULL), "rc %d goes with *out", rc);
	free(body);
	return img;
}

/* ---- URLs and credentials ---- */

static void test_urls(void)
{
	struct tmdb_auth key = { TMDB_AUTH_API_KEY, "TMDB_API_KEY",
				 "0123456789abcdef0123456789abcdef" };
	struct tmdb_auth token = { TMDB_AUTH_READ_TOKEN, "TMDB_READ_TOKEN",
				   "eyJhbGciOiJIUzI1NiJ9.e30.sig" };
	struct tmdb_api *api = tmdb_api_new(TMDB_BASE_URL, &key, "FR", "fr");
	OK(api != NULL, "api with a key");
	STR_EQ(tmdb_api_region(api), "FR", "region kept");
	char *url = tmdb_url_discover(api, day("2024-07-03"), day("2024-07-09"), 2);
	STR_EQ(url,
	       "https://api.themoviedb.org/3/discover/movie?region=FR&release_date.gte=2024-07-03"
	       "&release_date.lte=2024-07-09&with_release_type=2%7C3&language=fr-FR"
	       "&sort_by=popularity.desc&page=2&api_key=0123456789abcdef0123456789abcdef",
	       "discover URL");
	char *shown = tmdb_url_redact(url);
	OK(strstr(shown, "api_key=REDACTED") && !strstr(shown, "0123456789abcdef"), "redacted: %s",
	   shown);
	free(shown);
	free(url);
	url = tmdb_url_movie(api, 550);
	STR_EQ(url,
	       "https://api.themoviedb.org/3/movie/550?append_to_response=credits,keywords,"
	       "release_dates,external_ids&language=fr-FR&api_key=0123456789abcdef0123456789abcdef",
	       "movie URL");
	free(url);
	url = tmdb_url_person(api, 287);
	STR_EQ(url,
	       "https://api.themoviedb.org/3/person/287?api_key=0123456789abcdef0123456789abcdef",
	       "person URL");
	free(url);
	url = tmdb_url_configuration(api);
	STR_EQ(
	    url,
	    "https://api.themoviedb.org/3/configuration?api_key=0123456789abcdef0123456789abcdef",
	    "configuration URL");
	free(url);

	capture_begin();
	char *none = tmdb_url_discover(api, day("2024-07-03"), day("2024-07-09"), 0);
	char *past =
	    tmdb_url_discover(api, day("2024-07-03"), day("2024-07-09"), TMDB_MAX_PAGE + 1);
	char *reversed = tmdb_url_discover(api, day("2024-07-09"), day("2024-07-03"), 1);
	char *no_id = tmdb_url_movie(api, 0);
	char *said = capture_end();
	OK(!none && !past && !reversed && !no_id, "bad page, range and id refused");
	HAS(said, "page 0 is outside 1..500", "page 0");
	HAS(said, "the week ends (2024-07-03) before it starts (2024-07-09)", "reversed week");
	HAS(said, "movie id 0 is outside", "id 0");
	free(said);
	tmdb_api_free(api);

	/* a read token stays out of URLs; a test server's base; a tagged language */
	api = tmdb_api_new("http://127.0.0.1:8089/3/", &token, "BE", "nl-BE");
	url = tmdb_url_movie(api, 550);
	STR_EQ(
	    url,
	    "http://127.0.0.1:8089/3/movie/550?append_to_response=credits,keywords,release_dates,"
	    "external_ids&language=nl-BE",
	    "token: nothing secret in the URL; trailing slash dropped");
	free(url);
	tmdb_api_free(api);
	char *header = tmdb_auth_header(&token);
	STR_EQ(header, "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "bearer header");
	free(header);
	OK(tmdb_auth_header(&key) == NULL, "no header for an API key");

	/* values are encoded: a key pasted with '&' cannot add a parameter */
	struct tmdb_auth odd = { TMDB_AUTH_API_KEY, "TMDB_API_KEY", "a&b=c d" };
	api = tmdb_api_new(TMDB_BASE_URL, &odd, "FR", "en");
	url = tmdb_url_configuration(api);
	STR_EQ(url, "https://api.themoviedb.org/3/configuration?api_key=a%26b%3Dc%20d",
	       "api_key encoded");
	free(url);
	tmdb_api_free(api);
	url = tmdb_url_redact("http://h/3/x?my_api_key=1&api_key=s3cret&page=2#api_key=x");
	STR_EQ(url, "http://h/3/x?my_api_key=1&api_key=REDACTED&page=2#api_key=x",
	       "only the api_key parameter is redacted");
	free(url);

	capture_begin();
	OK(!tmdb_api_new("ftp://x/3", NULL, "FR", "fr"), "ftp refused");
	OK(!tmdb_api_new("https://user:pw@evil/3", NULL, "FR", "fr"), "credentials refused");
	OK(!tmdb_api_new("https://h/3?x=1", NULL, "FR", "fr"), "query refused");
	OK(!tmdb_api_new(TMDB_BASE_URL, NULL, "France", "fr"), "long region refused");
	OK(!tmdb_api_new(TMDB_BASE_URL, NULL, "fr", "fr"), "lower-case region refused");
	OK(!tmdb_api_new(TMDB_BASE_URL, NULL, "FR", "french"), "language refused");
	said = capture_end();
	HAS(said, "TMDB base URL \"ftp://x/3\"", "base URL named");
	HAS(said, "TMDB region \"France\"", "region named");
	HAS(said, "TMDB language \"french\"", "language named");
	free(said);
}

static void test_auth(void)
{
	const char *key = "0123456789abcdef0123456789abcdef";
	const char *token = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiIxMjMifQ.c2lnbmF0dXJl";
	struct tmdb_auth auth;
	unsetenv("TMDB_API_KEY");
	unsetenv("TMDB_READ_TOKEN");
	capture_begin();
	int rc = tmdb_auth_from_env(&auth);
	char *said = capture_end();
	INT_EQ(rc, -1, "no credentials");
	HAS(said, "set TMDB_READ_TOKEN", "says what to set");
	free(said);

	setenv("TMDB_API_KEY", key, 1);
	INT_EQ(tmdb_auth_from_env(&auth), 0, "key");
	INT_EQ(auth.kind, TMDB_AUTH_API_KEY, "key kind");
	STR_EQ(tmdb_auth_describe(&auth), "a v3 API key (TMDB_API_KEY)", "described");
	setenv("TMDB_READ_TOKEN", token, 1);
	INT_EQ(tmdb_auth_from_env(&auth), 0, "both");
	INT_EQ(auth.kind, TMDB_AUTH_READ_TOKEN, "the token wins");
	STR_EQ(auth.variable, "TMDB_READ_TOKEN", "variable");

	setenv("TMDB_READ_TOKEN", "eyJ not a token\r\nX-Evil: 1", 1);
	capture_begin();
	rc = tmdb_auth_from_env(&auth);
	said = capture_end();
	INT_EQ(rc, -1, "malformed token");
	HAS(said, "TMDB_READ_TOKEN is not a TMDB read access token", "says which");
	OK(!strstr(said, "Evil"), "the value is not shown");
	free(said);
	unsetenv("TMDB_READ_TOKEN");
	setenv("TMDB_API_KEY", token, 1);
	capture_begin();
	rc = tmdb_auth_from_env(&auth);
	said = capture_end();
	INT_EQ(rc, -1, "a token in TMDB_API_KEY");
	HAS(said, "it looks like a read access token, which goes in TMDB_READ_TOKEN", "hint");
	OK(!strstr(said, token), "the secret is not shown");
	free(said);
	unsetenv("TMDB_API_KEY");
}

/* ---- genuine captures ---- */

static char *fixture(const char *dir, const char *name, size_t *len)
{
	char *path = xasprintf("%s/jdrouet__%s", dir, name);
	char *text = file_read_all(path, len);
	free(path);
	return text;
}

static cJSON *fixture_json(const char *dir, const char *name)
{
	size_t len;
	char *text = fixture(dir, name, &len);
	cJSON *json = text ? cJSON_Parse(text) : NULL;
	free(text);
	return json;
}

/* Details with credits, keywords, release_dates and external_ids appended,
 * as /movie/550?append_to_response=... answers, from the separate captures. */
static char *fight_club(const char *dir)
{
	static const char *const parts[][2] = { { "credits", "movie-credits.json" },
						{ "keywords", "movie-keywords.json" },
						{ "release_dates", "movie-release-dates.json" },
						{ "external_ids", "movie-external-ids.json" } };
	cJSON *details = fixture_json(dir, "movie-details.json");
	for (size_t i = 0; details && i < sizeof parts / sizeof parts[0]; i++) {
		cJSON *part = fixture_json(dir, parts[i][1]);
		cJSON_DeleteItemFromObjectCaseSensitive(part, "id");
		cJSON_AddItemToObject(details, parts[i][0], part);
	}
	char *body = details ? cJSON_PrintUnformatted(details) : NULL;
	cJSON_Delete(details);
	return body;
}

static void test_fixture_movie(const char *dir)
{
	char *body = fight_club(dir), *said;
	OK(body != NULL, "fight club assembled");
	if (!body)
		return;
	struct tmdb_movie *m = movie_from(body, strlen(body), "FR", &said);
	QUIET(said, "Fight Club, FR");
	free(said);
	if (m) {
		INT_EQ(m->id, 550, "id");
		STR_EQ(m->title, "Fight Club", "title");
		STR_EQ(m->original_title, "Fight Club", "original title");
		INT_EQ(m->release, day("1999-11-10"),
		       "FR theatrical date, not the 2019 re-release");
		INT_EQ(m->release_source, TMDB_RELEASE_THEATRICAL, "from a type 3 entry");
		INT_EQ(m->release_first, day("1999-10-15"), "first release anywhere");
		INT_EQ(m->release_us, day("1999-10-15"), "US theatrical, not the festivals");
		STR_EQ(m->certification, "16", "FR certification");
		INT_EQ(m->runtime_min, 139, "runtime");
		NEAR(m->budget_usd, 63e6, 0, "budget");
		STR_EQ(m->original_language, "en", "original language");
		OK(m->n_genres == 1 && same(m->genres[0], "Drama"), "genres");
		OK(m->n_countries == 2 && same(m->countries[0].code, "DE") &&
		       same(m->countries[1].name, "United States of America"),
		   "production countries");
		OK(m->n_languages == 1 && same(m->languages[0].code, "en") &&
		       same(m->languages[0].name, "English"),
		   "spoken languages");
		OK(m->collection_id == 0 && !m->collection_name, "no collection");
		INT_EQ(m->n_cast, 76, "whole cast");
		if (m->n_cast >= 2) {
			STR_EQ(m->cast[0].name, "Edward Norton", "top billing");
			INT_EQ(m->cast[0].id, 819, "top billing id");
			INT_EQ(m->cast[1].order, 1, "second billing");
			NEAR(m->cast[0].popularity, 19.575, 1e-9, "cast popularity");
		}
		OK(m->n_directors == 1 && m->directors[0].id == 7467 &&
		       same(m->directors[0].name, "David Fincher"),
		   "the director");
		OK(m->n_companies == 5 && m->companies[0].id == 711 &&
		       same(m->companies[0].name, "Fox 2000 Pictures"),
		   "companies");
		OK(m->n_keywords == 14 && same(m->keywords[0], "dual identity"), "keywords");
		OK(m->overview && strncmp(m->overview, "A ticking-time-bomb insomniac", 29) == 0,
		   "overview");
		STR_EQ(m->imdb_id, "tt0137523", "IMDb id");
		NEAR(m->popularity, 93.958, 1e-9, "popularity");
		INT_EQ(m->vote_count, 27917, "votes");
		STR_EQ(m->poster_path, "/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg", "poster");
	}
	tmdb_movie_free(m);

	m = movie_from(body, strlen(body), "DE", &said);
	OK(m && m->release == day("1999-11-11") && m->certification && same(m->certification, "18"),
	   "Germany's date and certification");
	tmdb_movie_free(m);
	free(said);
	m = movie_from(body, strlen(body), "US", &said);
	OK(m && m->release == day("1999-10-15") && m->release_us == m->release &&
	       same(m->certification, "R"),
	   "the US as the region");
	tmdb_movie_free(m);
	free(said);
	free(body);

	/* the capture without appended parts: the top-level date, said so */
	size_t len;
	body = fixture(dir, "movie-details.json", &len);
	m = movie_from(body, len, "FR", &said);
	QUIET(said, "bare details");
	OK(m && m->release == day("1999-10-15") && m->release_source == TMDB_RELEASE_PRIMARY,
	   "no release_dates: the top-level date");
	OK(m && !m->certification && m->n_cast == 0 && m->release_us == TMDB_NO_DATE,
	   "no appended parts: unknown");
	OK(m && m->imdb_id && same(m->imdb_id, "tt0137523"), "top-level imdb_id");
	tmdb_movie_free(m);
	free(said);
	free(body);
}

static void test_fixture_others(const char *dir)
{
	size_t len;
	char *said;
	char *body = fixture(dir, "movie-upcoming.json", &len);
	struct tmdb_page *p = page_from(body, len, &said);
	QUIET(said, "upcoming page");
	OK(p && p->page == 1 && p->total_pages == 37 && p->total_results == 737, "page counts");
	OK(p && p->n_results == 20 && p->n_skipped == 0, "20 results");
	if (p && p->n_results) {
		INT_EQ(p->results[0].id, 787699, "first result id");
		STR_EQ(p->results[0].title, "Wonka", "first result title");
		INT_EQ(p->results[0].release, day("2023-12-06"), "first result date");
		NEAR(p->results[0].popularity, 3205.442, 1e-9, "first result popularity");
		INT_EQ(p->results[0].vote_count, 1411, "first result votes");
		STR_EQ(p->results[0].poster_path, "/qhb1qOilapbapxWQn9jtRCMwXJF.jpg", "poster");
	}
	tmdb_page_free(p);
	free(said);
	free(body);
	body = fixture(dir, "movie-now-playing.json", &len);
	p = page_from(body, len, &said);
	OK(p && p->n_results > 0 && p->n_skipped == 0, "now playing page");
	QUIET(said, "now playing page");
	tmdb_page_free(p);
	free(said);
	free(body);

	body = fixture(dir, "person-details.json", &len);
	struct tmdb_person *person;
	capture_begin();
	tmdb_person_parse(body, len, "person", &person);
	said = capture_end();
	QUIET(said, "person");
	OK(person && person->id == 287 && same(person->name, "Brad Pitt"), "Brad Pitt");
	OK(person && person->birthday == day("1963-12-18") && person->deathday == TMDB_NO_DATE,
	   "birthday, no deathday");
	OK(person && fabs(person->popularity - 42.404) < 1e-9, "person popularity");
	tmdb_person_free(person);
	free(said);
	free(body);

	int code = 0;
	body = fixture(dir, "invalid-api-key.json", &len);
	char *sentence = tmdb_error_message(body, len, &code);
	INT_EQ(code, 7, "status 7");
	STR_EQ(sentence, "invalid API key (TMDB status 7): check TMDB_API_KEY or TMDB_READ_TOKEN",
	       "invalid key");
	free(sentence);
	struct tmdb_movie *m = movie_from(body, len, "FR", &said);
	OK(!m, "an error body is no movie");
	STR_EQ(said,
	       "marquee: test: invalid API key (TMDB status 7): check TMDB_API_KEY or "
	       "TMDB_READ_TOKEN\n",
	       "the parser says the error once");
	free(said);
	free(body);
	body = fixture(dir, "resource-not-found.json", &len);
	sentence = tmdb_error_message(body, len, &code);
	INT_EQ(code, 34, "status 34 without \"success\"");
	STR_EQ(sentence, "not found (TMDB status 34)", "not found");
	free(sentence);
	free(body);
	body = fixture(dir, "movie-videos.json", &len);
	OK(tmdb_error_message(body, len, NULL) == NULL, "videos are no error body");
	free(body);
}

/* ---- hand-made bodies ---- */

/* A French film: a Cannes premiere, then cinemas, then a platform. */
static const char monte_cristo[] =
    "{'id':1084736,'title':'Le Comte de Monte-Cristo','original_title':'Le Comte de "
    "Monte-Cristo','original_language':'fr','release_date':'2024-05-22','runtime':178,"
    "'budget':42900000,'belongs_to_collection':null,'popularity':61.2,'vote_count':1234,"
    "'genres':[{'id':12,'name':'Aventure'},{'id':18,'name':'Drame'}],"
    "'production_countries':[{'iso_3166_1':'FR','name':'France'}],"
    "'spoken_languages':[{'english_name':'French','iso_639_1':'fr','name':'Français'},"
    "{'english_name':'Esperanto','iso_639_1':'eo','name':''}],"
    "'overview':'Victime d’un complot,\\nEdmond Dantès est arrêté.','imdb_id':'tt26446278',"
    "'release_dates':{'results':["
    "{'iso_3166_1':'FR','release_dates':["
    "{'certification':'','note':'Cannes','release_date':'2024-05-22T00:00:00.000Z','type':1},"
    "{'certification':'TP','note':'','release_date':'2024-06-28T00:00:00.000Z','type':3},"
    "{'certification':'12','note':'Canal+','release_date':'2024-11-20T00:00:00.000Z','type':4}]},"
    "{'iso_3166_1':'US','release_dates':["
    "{'certification':'','release_date':'2024-12-20T00:00:00.000Z','type':2}]}]},"
    "'credits':{'cast':[{'id':2,'name':'Anaïs Demoustier','order':1,'popularity':9.1},"
    "{'id':1,'name':'Pierre Niney','order':0,'popularity':12.5}],"
    "'crew':[{'id':5,'name':'Alexandre de La Patellière','job':'Director'},"
    "{'id':6,'name':'Matthieu Delaporte','job':'Director'},"
    "{'id':5,'name':'Alexandre de La Patellière','job':'Director'},"
    "{'id':7,'name':'Dimitri Rassam','job':'Producer'}]},"
    "'keywords':{'keywords':[{'id':1,'name':'vengeance'}]},"
    "'external_ids':{'imdb_id':null}}";

static void test_french_film(void)
{
	char *said;
	struct tmdb_movie *m = movie_json(monte_cristo, "FR", &said);
	QUIET(said, "Monte-Cristo");
	free(said);
	if (!m) {
		OK(0, "Monte-Cristo parses");
		return;
	}
	INT_EQ(m->release, day("2024-06-28"), "in cinemas, not at Cannes");
	INT_EQ(m->release_source, TMDB_RELEASE_THEATRICAL, "type 3");
	STR_EQ(m->certification, "TP", "the theatrical certification, not the platform's");
	INT_EQ(m->release_us, day("2024-12-20"), "US limited release (type 2)");
	INT_EQ(m->release_first, day("2024-05-22"), "first anywhere");
	OK(m->n_cast == 2 && same(m->cast[0].name, "Pierre Niney"),
	   "billing order, not list order");
	INT_EQ(m->n_directors, 2, "two directors, once each, no producer");
	OK(m->n_languages == 2 && same(m->languages[1].name, "Esperanto"),
	   "an empty language name: its English one");
	STR_EQ(m->overview, "Victime d’un complot,\nEdmond Dantès est arrêté.", "line break kept");
	STR_EQ(m->imdb_id, "tt26446278", "null external id: the top-level one");
	OK(m->n_genres == 2 && same(m->genres[1], "Drame"), "genres in order");
	tmdb_movie_free(m);

	/* a film Belgium has no entry for: the top-level date, said so */
	m = movie_json(monte_cristo, "BE", &said);
	OK(m && m->release == day("2024-05-22") && m->release_source == TMDB_RELEASE_PRIMARY &&
	       !m->certification,
	   "no regional entry");
	tmdb_movie_free(m);
	free(said);

	m = movie_json("{'id':1,'title':'Sans date','release_date':'',"
		       "'release_dates':{'results':[]}}",
		       "FR", &said);
	OK(m && m->release == TMDB_NO_DATE && m->release_source == TMDB_RELEASE_UNKNOWN,
	   "no date at all");
	QUIET(said, "an empty date is unknown, not bad");
	tmdb_movie_free(m);
	free(said);

	/* only a limited release; a certification only on a platform entry */
	m = movie_json("{'id':2,'title':'Petite sortie','release_dates':{'results':[{"
		       "'iso_3166_1':'FR','release_dates':["
		       "{'certification':'','release_date':'2023-03-08T00:00:00.000Z','type':2},"
		       "{'certification':'','release_date':'2023-02-01T00:00:00.000Z','type':2},"
		       "{'certification':'12','release_date':'2023-09-01T00:00:00.000Z','type':4}"
		       "]}]}}",
		       "FR", &said);
	OK(m && m->release == day("2023-02-01") && m->release_source == TMDB_RELEASE_LIMITED,
	   "earliest limited release");
	OK(m && m->certification && same(m->certification, "12"),
	   "a platform's certification when the cinemas' is empty");
	tmdb_movie_free(m);
	free(said);

	/* a re-release: first shown in 1962, in French cinemas again in 2023 */
	m = movie_json("{'id':3,'title':'Lawrence d’Arabie','release_date':'1962-12-10',"
		       "'release_dates':{'results':[{'iso_3166_1':'FR','release_dates':["
		       "{'certification':'TP','note':'Re-release','release_date':"
		       "'2023-07-12T00:00:00.000Z','type':3}]}]}}",
		       "FR", &said);
	OK(m && m->release == day("2023-07-12") && m->release_first == day("1962-12-10"),
	   "re-release: regional date long after the first");
	tmdb_movie_free(m);
	free(said);
}

static void test_wrong_types(void)
{
	char *said;
	struct tmdb_movie *m = movie_json("{'id':'550','title':'X'}", "FR", &said);
	OK(!m, "a string id rejects the movie");
	HAS(said, "test: id: not a number", "says why");
	free(said);
	m = movie_json("{'id':550.5,'title':'X'}", "FR", &said);
	OK(!m, "a fractional id");
	HAS(said, "id: 550.5 is not a whole number", "says why");
	free(said);
	m = movie_json("{'id':-4,'title':'X'}", "FR", &said);
	OK(!m, "a negative id");
	free(said);
	m = movie_json("{'id':1e999,'title':'X'}", "FR", &said);
	OK(!m, "an infinite id");
	HAS(said, "id: inf is outside", "says why");
	free(said);
	m = movie_json("{'id':550,'title':['X']}", "FR", &said);
	OK(!m, "a list as title");
	HAS(said, "test: title: not text", "says why");
	free(said);
	m = movie_json("{'title':'X'}", "FR", &said);
	OK(!m, "no id");
	HAS(said, "test: id: missing", "says why");
	free(said);
	m = movie_json("{'id':550,'title':'   '}", "FR", &said);
	OK(!m, "a blank title");
	HAS(said, "test: title: empty", "says why");
	free(said);

	m = movie_json(
	    "{'id':550,'title':'X','runtime':'139','budget':-5,'popularity':'high',"
	    "'vote_count':3.5,'genres':{'id':1},'release_date':'1999-02-30',"
	    "'release_dates':[],'credits':{'cast':[{'id':1,'name':'A','order':0},"
	    "{'id':2,'name':42},'nobody',{'id':3,'name':'C','order':'first'}],"
	    "'crew':'none'},'belongs_to_collection':'Saga','poster_path':'../../etc/passwd',"
	    "'imdb_id':'nm0000093','original_language':'english',"
	    "'production_countries':[{'iso_3166_1':'USA','name':'America'}]}",
	    "FR", &said);
	OK(m != NULL, "wrong optional types leave the movie");
	if (m) {
		OK(m->runtime_min == 0 && m->budget_usd == 0 && m->popularity == -1 &&
		       m->vote_count == -1,
		   "bad numbers unknown");
		OK(m->n_genres == 0 && m->release_first == TMDB_NO_DATE && !m->poster_path &&
		       !m->imdb_id && !m->original_language && !m->collection_name &&
		       m->n_countries == 0,
		   "bad values unknown");
		OK(m->n_cast == 1 && same(m->cast[0].name, "A"), "good cast kept");
	}
	HAS(said, "test: runtime: not a number; left unknown", "runtime");
	HAS(said, "test: budget: -5 is outside 0..2e+09; left unknown", "budget");
	HAS(said, "test: popularity: not a number; left unknown", "popularity");
	HAS(said, "test: vote_count: 3.5 is not a whole number; left unknown", "votes");
	HAS(said, "test: genres: not a list; left empty", "genres");
	HAS(said, "test: release_date: not a date YYYY-MM-DD from 1800 to 2200; left unknown",
	    "date");
	HAS(said, "test: release_dates: not an object; left empty", "release_dates");
	HAS(said, "test: credits.cast: 3 of 4 entries skipped (first: [1] name: not text)", "cast");
	HAS(said, "test: crew: not a list; left empty", "crew");
	HAS(said, "test: belongs_to_collection: not an object; left empty", "collection");
	HAS(said, "test: poster_path: not a TMDB image path; left unknown", "poster");
	HAS(said, "test: imdb_id: not an IMDb title id", "imdb");
	HAS(said, "test: original_language: not two letters; left unknown", "language");
	HAS(said,
	    "test: production_countries: 1 of 1 entries skipped (first: [0] iso_3166_1: not "
	    "two letters)",
	    "country code not cut to fit");
	tmdb_movie_free(m);
	free(said);

	/* null everywhere but id and title: all unknown, nothing said */
	m = movie_json("{'id':7,'title':'Nulle part','original_title':null,'release_date':null,"
		       "'runtime':null,'budget':0,'genres':null,'production_countries':null,"
		       "'spoken_languages':null,'original_language':null,'belongs_to_collection':"
		       "null,'credits':null,'keywords':null,'overview':null,'imdb_id':null,"
		       "'external_ids':null,'popularity':null,'vote_count':null,'poster_path':null,"
		       "'release_dates':{'results':null},'production_companies':null}",
		       "FR", &said);
	QUIET(said, "nulls are unknown, not bad");
	OK(m && !m->original_title && m->release == TMDB_NO_DATE && m->runtime_min == 0 &&
	       m->budget_usd == 0 && !m->overview && m->popularity == -1 && m->vote_count == -1,
	   "nulls unknown");
	tmdb_movie_free(m);
	free(said);

	/* a release_dates entry with a bad value is skipped, the others count */
	m = movie_json(
	    "{'id':8,'title':'X','release_dates':{'results':[{'iso_3166_1':'FR',"
	    "'release_dates':[{'type':'3','release_date':'2020-01-01'},"
	    "{'type':3,'release_date':'2020-02-31T00:00:00.000Z'},"
	    "{'type':3,'release_date':'2020-03-04T00:00:00.000Z','certification':7},"
	    "{'type':3,'release_date':'2020-05-06T00:00:00.000Z','certification':'12'}]},"
	    "{'iso_3166_1':'FR','release_dates':'soon'}]}}",
	    "FR", &said);
	OK(m && m->release == day("2020-05-06") && same(m->certification, "12"),
	   "only the good entry counts");
	HAS(said, "release_dates.results: 4 of 5 entries skipped (first: [0] type: not a number)",
	    "skipped entries counted");
	tmdb_movie_free(m);
	free(said);
}

static void test_bad_text(void)
{
	char *said;
	struct buf body = BUF_INIT;
	/* 200 é (400 bytes) cut to 150 (300 bytes) on a character boundary */
	buf_puts(&body, "{\"id\":1,\"title\":\"");
	for (int i = 0; i < 200; i++)
		buf_puts(&body, "é");
	buf_puts(&body, "\",\"overview\":\"");
	for (int i = 0; i < 2000; i++)
		buf_puts(&body, "€");
	buf_puts(&body, "\",\"credits\":{\"cast\":[{\"id\":1,\"name\":\"");
	for (int i = 0; i < 500; i++)
		buf_putc(&body, 'n');
	buf_puts(&body, "\"}]}}");
	struct tmdb_movie *m = movie_from(body.data, body.len, "FR", &said);
	OK(m && strlen(m->title) == 300 && strncmp(m->title + 298, "é", 2) == 0,
	   "title cut at 300 bytes on a boundary");
	HAS(said, "test: title: 400 bytes long: cut to 300", "the cut title is said");
	OK(m && strlen(m->overview) == 3999, "overview cut to 3999 bytes (1333 €)");
	OK(m && m->n_cast == 1 && strlen(m->cast[0].name) == TMDB_MAX_TEXT, "a long name cut");
	tmdb_movie_free(m);
	free(said);
	buf_clear(&body);

	/* a cut that ends on a space leaves no trailing space */
	buf_puts(&body, "{\"id\":1,\"title\":\"");
	for (int i = 0; i < TMDB_MAX_TEXT - 1; i++)
		buf_putc(&body, 'a');
	buf_puts(&body, " bbbb\"}");
	m = movie_from(body.data, body.len, "FR", &said);
	OK(m && strlen(m->title) == TMDB_MAX_TEXT - 1, "cut, then trimmed");
	tmdb_movie_free(m);
	free(said);
	buf_free(&body);

	m = movie_json("{'id':1,'title':'\xff\xfe'}", "FR", &said);
	OK(!m, "an invalid UTF-8 title rejects");
	HAS(said, "test: title: not UTF-8 text, or holds a control character", "says why");
	free(said);
	m = movie_json("{'id':1,'title':'Tab\\there'}", "FR", &said);
	OK(!m, "a tab in a title rejects");
	free(said);
	m = movie_json("{'id':1,'title':'Bell\\u0007'}", "FR", &said);
	OK(!m, "an escaped control character rejects");
	free(said);
	m = movie_json("{'id':1,'title':'C1\\u0085'}", "FR", &said);
	OK(!m, "a C1 control character rejects");
	free(said);
	m = movie_json("{'id':1,'title':'Overlong \xc0\xaf'}", "FR", &said);
	OK(!m, "an overlong encoding rejects");
	free(said);
	m = movie_json("{'id':1,'title':'Lone surrogate \xed\xa0\x80'}", "FR", &said);
	OK(!m, "an encoded surrogate rejects");
	free(said);
	m = movie_json("{'id':1,'title':'Ok','overview':'bad \xc3\x28 byte',"
		       "'genres':[{'name':'\xe2\x82'},{'name':'Drame'}]}",
		       "FR", &said);
	OK(m && !m->overview && m->n_genres == 1, "bad optional text unknown, bad entry skipped");
	HAS(said, "test: overview: not UTF-8 text, or holds a control character; left unknown",
	    "overview said");
	HAS(said, "test: genres: 1 of 2 entries skipped (first: [0] name: not UTF-8", "genre said");
	tmdb_movie_free(m);
	free(said);
	m = movie_json("{'id':1,'title':'  Espaces  ','original_title':'Emoji 🎬'}", "FR", &said);
	OK(m && same(m->title, "Espaces") && same(m->original_title, "Emoji 🎬"),
	   "trimmed; four-byte characters fine");
	QUIET(said, "good text");
	tmdb_movie_free(m);
	free(said);
}

static void test_huge_lists(void)
{
	struct buf body = BUF_INIT;
	buf_puts(&body, "{\"id\":1,\"title\":\"Foule\",\"credits\":{\"cast\":[");
	for (int i = 299; i >= 0; i--)
		buf_printf(&body, "%s{\"id\":%d,\"name\":\"P%d\",\"order\":%d}", i < 299 ? "," : "",
			   i + 1, i, i);
	buf_puts(&body, "]},\"keywords\":{\"keywords\":[");
	for (int i = 0; i < 150; i++)
		buf_printf(&body, "%s{\"id\":%d,\"name\":\"k%d\"}", i ? "," : "", i + 1, i);
	buf_puts(&body, "]},\"genres\":[");
	for (int i = 0; i < 60; i++)
		buf_printf(&body, "%s{\"id\":%d,\"name\":\"g%d\"}", i ? "," : "", i + 1, i);
	buf_puts(&body, "]}");
	char *said;
	struct tmdb_movie *m = movie_from(body.data, body.len, "FR", &said);
	QUIET(said, "long lists are said only with -v");
	OK(m && m->n_cast == TMDB_MAX_CAST, "cast capped");
	OK(m && same(m->cast[0].name, "P0") && m->cast[TMDB_MAX_CAST - 1].order == 199,
	   "the top-billed kept, though listed last");
	OK(m && m->n_keywords == TMDB_MAX_KEYWORDS && m->n_genres == TMDB_MAX_LIST, "lists capped");
	tmdb_movie_free(m);
	free(said);

	buf_clear(&body);
	buf_puts(&body, "{\"page\":1,\"total_pages\":1,\"total_results\":150,\"results\":[");
	for (int i = 0; i < 150; i++)
		buf_printf(&body, "%s{\"id\":%d,\"title\":\"t%d\"}", i ? "," : "", i + 1, i);
	buf_puts(&body, "]}");
	struct tmdb_page *p = page_from(body.data, body.len, &said);
	OK(p && p->n_results == TMDB_MAX_RESULTS, "results capped");
	tmdb_page_free(p);
	free(said);

	/* more values than cJSON should be asked to hold */
	buf_clear(&body);
	buf_puts(&body, "{\"x\":[0");
	for (int i = 0; i < TMDB_MAX_VALUES; i++)
		buf_puts(&body, ",0");
	buf_puts(&body, "]}");
	m = movie_from(body.data, body.len, "FR", &said);
	OK(!m, "too many values refused");
	HAS(said, "test: more than 250000 values at byte", "says the limit");
	free(said);
	buf_free(&body);
}

static void test_bad_bodies(void)
{
	char *said;
	struct buf body = BUF_INIT;
	/* nested one level deeper than allowed, and far beyond cJSON's own limit */
	int depths[] = { TMDB_MAX_DEPTH, TMDB_MAX_DEPTH + 1, 5000 };
	for (int k = 0; k < 3; k++) {
		buf_clear(&body);
		buf_puts(&body, "{\"id\":1,\"title\":\"x\",\"deep\":");
		for (int i = 1; i < depths[k]; i++)
			buf_putc(&body, '[');
		for (int i = 1; i < depths[k]; i++)
			buf_putc(&body, ']');
		buf_putc(&body, '}');
		struct tmdb_movie *m = movie_from(body.data, body.len, "FR", &said);
		if (k == 0) {
			OK(m != NULL, "%d levels accepted", depths[k]);
		} else {
			OK(!m, "%d levels refused", depths[k]);
			HAS(said, "test: nested deeper than 32 levels at byte", "depth said");
		}
		tmdb_movie_free(m);
		free(said);
	}
	buf_free(&body);

	/* the size is checked before anything is read */
	size_t big = (size_t)TMDB_MAX_BODY + 1;
	char *huge = xmalloc(big);
	memset(huge, ' ', big);
	struct tmdb_movie *m = movie_from(huge, big, "FR", &said);
	OK(!m, "over 4 MiB refused");
	HAS(said, "test: response of 4194305 bytes, over the limit of 4194304", "size said");
	free(said);
	free(huge);

	static const struct {
		const char *body, *said;
	} bad[] = {
		{ "", "test: empty response" },
		{ "{\"id\":1,\"title\":\"cut",
		  "test: not JSON, cut short: a string or bracket is left open at byte" },
		{ "{\"id\":1,\"title\":\"x\"}garbage",
		  "test: more after the JSON value at byte 20" },
		{ "{\"id\":1,\"title\":\"x\"} \n", NULL },
		{ "[1,2]", "test: not a JSON object" },
		{ "null", "test: not a JSON object" },
		{ "{\"id\":1,\"title\":\"a\nb\"}",
		  "test: a raw control character inside a string at byte 18" },
		{ "{\"id\":1,\"title\":\"ab\\u0000cd\"}",
		  "test: a string holding \\u0000 at byte 19" },
		{ "{\"id\":1,\"title\":\"ab\\\\u0000\"}",
		  NULL }, /* an escaped backslash, then text */
		{ "{\"id\":1,\"title\":\"x\",\"id\":2}", NULL }, /* the first of repeated keys */
		{ "{\"id\":1,\"title\":\"\\ud800\"}", "test: not JSON at byte" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		m = movie_from(bad[i].body, strlen(bad[i].body), "FR", &said);
		if (bad[i].said) {
			OK(!m, "refused: %s", bad[i].body);
			HAS(said, bad[i].said, bad[i].body);
		} else {
			OK(m && m->id == 1, "accepted: %s", bad[i].body);
		}
		tmdb_movie_free(m);
		free(said);
	}
	/* a NUL byte inside the given length is not the end of the body */
	m = movie_from("{\"id\":1,\"title\":\"x\"}\0{", 23, "FR", &said);
	OK(!m, "bytes after a NUL are still read");
	free(said);
	m = movie_from("{\"id\":1,\"title\":\"x\"}", 10, "FR", &said);
	OK(!m, "only len bytes are read");
	free(said);
	m = movie_from("{\"id\":1,\"title\":\"x\"}", 20, "F", &said);
	OK(!m, "a bad region");
	HAS(said, "test: region \"F\" is not a two-letter code", "region said");
	free(said);
}

static void test_errors(void)
{
	int code = 0;
	char *body = json_of("{'status_code':25,'status_message':'Your request count (41) is over "
			     "the allowed limit of (40).','success':false}");
	char *s = tmdb_error_message(body, strlen(body), &code);
	STR_EQ(s, "rate limit exceeded (TMDB status 25)", "429 body");
	INT_EQ(code, 25, "code 25");
	free(s);
	free(body);
	body =
	    json_of("{'status_code':3,'status_message':'Authentication failed','success':false}");
	s = tmdb_error_message(body, strlen(body), NULL);
	HAS(s, "invalid API key (TMDB status 3)", "status 3");
	free(s);
	free(body);

	struct buf b = BUF_INIT;
	buf_puts(&b, "{\"status_code\":99,\"status_message\":\"Odd\\u001b[31m \xff ");
	for (int i = 0; i < 300; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\",\"success\":false}");
	s = tmdb_error_message(b.data, b.len, &code);
	OK(s && strncmp(s, "TMDB status 99: \"Odd?[31m ? xxx", 31) == 0, "sanitised: %s",
	   s ? s : "(null)");
	OK(s && strlen(s) < 240, "bounded");
	free(s);
	buf_free(&b);

	static const char *const not_errors[] = {
		"{\"status_code\":1,\"status_message\":\"Success.\",\"success\":true}",
		"{\"id\":550,\"status_code\":7}",
		"{\"status_code\":\"7\"}",
		"[{\"status_code\":7}]",
		"not json",
		"",
	};
	for (size_t i = 0; i < sizeof not_errors / sizeof not_errors[0]; i++)
		OK(!tmdb_error_message(not_errors[i], strlen(not_errors[i]), NULL),
		   "not an error body: %s", not_errors[i]);
	body = json_of("{'status_code':7,'success':false}");
	s = tmdb_error_message(body, strlen(body), NULL);
	OK(s != NULL, "a code alone is enough");
	free(s);
	free(body);
	body = json_of("{'status_code':1234,'success':false}");
	s = tmdb_error_message(body, strlen(body), NULL);
	STR_EQ(s, "TMDB status 1234, without a message", "no message");
	free(s);
	free(body);
}

static void test_page_person_images(void)
{
	char *said;
	char *body = json_of("{'page':2,'total_pages':3,'total_results':45,'results':["
			     "{'id':1,'title':'Un','release_date':'2024-07-03','popularity':5,"
			     "'vote_count':10,'poster_path':'/a.jpg','original_title':'One'},"
			     "{'id':2},{'id':'x','title':'Trois'},"
			     "{'id':4,'title':'Quatre','release_date':'tomorrow','popularity':-1,"
			     "'poster_path':'http://evil/x.jpg'}]}");
	struct tmdb_page *p = page_from(body, strlen(body), &said);
	OK(p && p->page == 2 && p->total_pages == 3 && p->total_results == 45, "page counts");
	OK(p && p->n_results == 2 && p->n_skipped == 2, "two results kept, two skipped");
	HAS(said, "test: results: 2 of 4 entries skipped (first: [1]: missing)", "skips said");
	if (p && p->n_results == 2) {
		OK(p->results[0].release == day("2024-07-03") &&
		       same(p->results[0].original_title, "One"),
		   "first result");
		OK(p->results[1].release == TMDB_NO_DATE && p->results[1].popularity == -1 &&
		       !p->results[1].poster_path && p->results[1].vote_count == -1,
		   "bad values in a result unknown");
	}
	tmdb_page_free(p);
	free(said);
	free(body);
	body = json_of("{'total_pages':3,'results':[]}");
	p = page_from(body, strlen(body), &said);
	OK(!p, "no page number");
	HAS(said, "test: page: missing", "said");
	free(said);
	free(body);
	body = json_of("{'page':1,'total_pages':0,'results':{}}");
	p = page_from(body, strlen(body), &said);
	OK(!p, "results not a list");
	HAS(said, "test: results: not a list", "said");
	free(said);
	free(body);

	struct tmdb_person *person =
	    person_json("{'id':9,'name':'Jeanne Moreau','birthday':'1928-01-23',"
			"'deathday':'1917-07-31','popularity':3.5}",
			&said);
	OK(person && person->birthday == day("1928-01-23") && person->deathday == TMDB_NO_DATE,
	   "a deathday before the birthday is unknown");
	HAS(said, "test: deathday: before the birthday; left unknown", "said");
	tmdb_person_free(person);
	free(said);
	person = person_json("{'id':9,'name':null}", &said);
	OK(!person, "a person without a name");
	HAS(said, "test: name: missing", "said");
	free(said);
	person =
	    person_json("{'id':9,'name':'Dumas','birthday':'1802-07-24','deathday':null}", &said);
	OK(person && person->birthday == day("1802-07-24") && person->deathday == TMDB_NO_DATE,
	   "null deathday");
	QUIET(said, "person");
	tmdb_person_free(person);
	free(said);

	struct tmdb_images *img = images_json(
	    "{'images':{'base_url':'http://image.tmdb.org/t/p/','secure_base_url':"
	    "'https://image.tmdb.org/t/p/','poster_sizes':['w92','w154','w185','w342','w500',"
	    "'w780','original']}}",
	    &said);
	QUIET(said, "configuration");
	free(said);
	if (img) {
		STR_EQ(tmdb_images_size(img, 300), "w342", "nearest to 300");
		STR_EQ(tmdb_images_size(img, 4000), "w780", "the largest for a huge width");
		STR_EQ(tmdb_images_size(img, 0), "w92", "the smallest for nothing");
		char *url = tmdb_url_poster(img, 500, "/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg");
		STR_EQ(url, "https://image.tmdb.org/t/p/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg",
		       "poster URL");
		free(url);
		capture_begin();
		url = tmdb_url_poster(img, 500, "/../../x.jpg");
		said = capture_end();
		OK(!url, "a path climbing out refused");
		HAS(said, "poster path: not a TMDB image path", "said");
		free(said);
	}
	tmdb_images_free(img);
	img = images_json("{'images':{'secure_base_url':'http://127.0.0.1:8089/img',"
			  "'poster_sizes':['w100','w200','huge',7,'original']}}",
			  &said);
	OK(img && same(img->secure_base_url, "http://127.0.0.1:8089/img/"),
	   "a slash added to the base");
	OK(img && img->n_poster_sizes == 3 && same(tmdb_images_size(img, 150), "w200"),
	   "a tie goes to the larger");
	HAS(said, "test: images.poster_sizes: 2 of 5 entries skipped", "bad sizes said");
	tmdb_images_free(img);
	free(said);
	img = images_json("{'images':{'secure_base_url':'https://x/','poster_sizes':['original']}}",
			  &said);
	OK(img && same(tmdb_images_size(img, 300), "original"), "original alone");
	tmdb_images_free(img);
	free(said);
	img = images_json("{'images':{'secure_base_url':'javascript:alert(1)','poster_sizes':["
			  "'w92']}}",
			  &said);
	OK(!img, "not an http URL");
	HAS(said, "test: images.secure_base_url: not an http(s) URL", "said");
	free(said);
	img = images_json("{'change_keys':[]}", &said);
	OK(!img, "no images");
	HAS(said, "test: images: missing", "said");
	free(said);
	img = images_json("{'images':{'secure_base_url':'https://x/','poster_sizes':[]}}", &said);
	OK(!img, "no sizes");
	HAS(said, "test: images.poster_sizes: no usable size", "said");
	free(said);
}

void test_tmdb(void)
{
	test_urls();
	test_auth();
	const char *shared = getenv("SHARED");
	char *dir = xasprintf("%s/fixtures/tmdb", shared && *shared ? shared : "../shared");
	if (file_is_dir(dir)) {
		test_fixture_movie(dir);
		test_fixture_others(dir);
	} else {
		printf("tmdb captures: skipped, %s is absent\n", dir);
	}
	free(dir);
	test_french_film();
	test_wrong_types();
	test_bad_text();
	test_huge_lists();
	test_bad_bodies();
	test_errors();
	test_page_person_images();
}
